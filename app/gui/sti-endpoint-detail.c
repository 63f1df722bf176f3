/* sti-endpoint-detail.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-detail.h"

#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-report-summary.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The detail view of one endpoint: connection, TLS summary, certificate
 * chain, capabilities before and after STARTTLS, timings and the SMTP
 * transcript. A chain row activates `win.view-certificate` with its
 * position; the transcript's Copy and Save buttons `win.copy-transcript`
 * and `win.save-transcript`. */
struct _StiEndpointDetail
{
  GtkBox               parent_instance;

  /* Template widgets */
  AdwActionRow        *server_row;
  AdwActionRow        *address_row;
  AdwActionRow        *result_row;
  AdwActionRow        *greeting_row;
  AdwActionRow        *version_row;
  AdwActionRow        *cipher_row;
  AdwActionRow        *group_row;
  AdwActionRow        *signature_row;
  AdwPreferencesGroup *chain_group;
  AdwPreferencesGroup *built_group;
  AdwActionRow        *caps_before_row;
  AdwActionRow        *caps_after_row;
  AdwExpanderRow      *timings_row;
  GtkLabel            *connect_label;
  GtkLabel            *greeting_label;
  GtkLabel            *ehlo_label;
  GtkLabel            *starttls_label;
  GtkLabel            *handshake_label;
  GtkTextView         *transcript_view;
};

G_DEFINE_FINAL_TYPE (StiEndpointDetail, sti_endpoint_detail, GTK_TYPE_BOX)

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL ? value : "—");
}

static char *
join_caps (const char * const *caps)
{
  if (caps == NULL || caps[0] == NULL)
    return g_strdup (_("none"));

  return sti_format_bounded_list (caps, -1, "\n", 0);
}

static void
set_duration (GtkLabel *label,
              gint64    us)
{
  g_autofree char *text = sti_format_duration (us);

  gtk_label_set_text (label, text);
}

static GtkWidget *
certificate_row_new (StiCertificate *cert,
                     guint           position)
{
  const char *cn = sti_certificate_get_subject_cn (cert);
  g_autofree char *title = sti_report_widgets_display_text (cn != NULL && *cn != '\0'
                                                            ? cn
                                                            : sti_certificate_get_subject (cert));
  g_autofree char *issuer = sti_report_widgets_display_text (sti_certificate_get_issuer (cert));
  g_autofree char *until = sti_format_date (sti_certificate_get_not_after (cert));
  g_autofree char *number = sti_format_certificate_number (position);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: the certificate's number in the chain ("#0" for the server's own, as
   * in the reports), the issuer's name, then a date */
  subtitle = g_strdup_printf (_("%s · Issued by %s · valid until %s"), number, issuer, until);
  row = sti_report_widgets_row_new (title, subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             sti_report_widgets_icon_new (position == 0
                                                          ? "application-certificate-symbolic"
                                                          : "channel-secure-symbolic", NULL));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  /* Opens the certificate viewer on this endpoint's chain. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.view-certificate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", position);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "certificate-row");

  return row;
}

static void
sti_endpoint_detail_show_chain (StiEndpointDetail *self,
                                StiEndpointReport *endpoint)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);

  if (chain == NULL || chain->len == 0)
    {
      GtkWidget *row = sti_report_widgets_row_new (_("No certificate"),
                                                   _("The server sent no certificate."));

      /* The value is what is read; the title only labels it. */
      gtk_widget_add_css_class (row, "property");
      adw_preferences_group_add (self->chain_group, row);
    }

  for (guint i = 0; chain != NULL && i < chain->len; i++)
    adw_preferences_group_add (self->chain_group,
                               certificate_row_new (g_ptr_array_index (chain, i), i));
}

/* The chain as built, each certificate with where it came from (the
 * reports' words); a sent one opens the viewer like its row above, which
 * lists and opens the others too. */
static void
sti_endpoint_detail_show_built_chain (StiEndpointDetail *self,
                                      StiEndpointReport *endpoint)
{
  GPtrArray *built = sti_endpoint_report_get_built_chain (endpoint);
  g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);

  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);
      const StiChainLink *recorded = g_ptr_array_index (built, i);
      const char *cn = sti_certificate_get_subject_cn (link->certificate);
      g_autofree char *title =
        sti_report_widgets_display_text (cn != NULL && *cn != '\0'
                                         ? cn : sti_certificate_get_subject (link->certificate));
      GtkWidget *row = sti_report_widgets_row_new (title, link->origin);

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 sti_report_widgets_icon_new (link->sent
                                                              ? "channel-secure-symbolic"
                                                              : "folder-download-symbolic",
                                                              NULL));
      if (link->sent)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.view-certificate");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u",
                                            (guint32)recorded->sent_position);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      gtk_widget_add_css_class (row, "built-certificate-row");
      adw_preferences_group_add (self->built_group, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->built_group), links->len > 0);
}

/* The stages above do not add up to the total: the dialogue also has EHLO
 * over TLS and QUIT, the certificate checks, and the waits between steps.
 * One more row says how long those took, so that the rows add up. */
static void
sti_endpoint_detail_show_other_time (StiEndpointDetail *self,
                                     const StiTimings  *t)
{
  const gint64 stages[] = { t != NULL ? t->connect_us : -1, t != NULL ? t->greeting_us : -1,
                            t != NULL ? t->ehlo_us : -1, t != NULL ? t->starttls_us : -1,
                            t != NULL ? t->handshake_us : -1 };
  gint64 other;
  GtkWidget *row;
  GtkWidget *label;
  g_autofree char *text = NULL;

  if (t == NULL || t->total_us < 0)
    return;

  other = t->total_us;
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    other -= MAX (stages[i], 0);
  if (other < 0)
    return;

  text = sti_format_duration (other);
  row = sti_report_widgets_row_new (C_("stage", "Other"),
                                    _("EHLO over TLS, QUIT, the certificate checks and the "
                                      "waits between steps"));
  gtk_widget_set_name (row, "timings-other");
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_expander_row_add_row (self->timings_row, row);
}

static void
sti_endpoint_detail_show_timings (StiEndpointDetail *self,
                                  StiEndpointReport *endpoint)
{
  const StiTimings *t = sti_endpoint_report_get_timings (endpoint);
  g_autofree char *total = sti_format_duration (t != NULL ? t->total_us : -1);

  adw_expander_row_set_subtitle (self->timings_row, total);
  set_duration (self->connect_label, t != NULL ? t->connect_us : -1);
  set_duration (self->greeting_label, t != NULL ? t->greeting_us : -1);
  set_duration (self->ehlo_label, t != NULL ? t->ehlo_us : -1);
  set_duration (self->starttls_label, t != NULL ? t->starttls_us : -1);
  set_duration (self->handshake_label, t != NULL ? t->handshake_us : -1);
  sti_endpoint_detail_show_other_time (self, t);
}

/* Client lines, server lines and events each get their own look. */
static void
sti_endpoint_detail_show_transcript (StiEndpointDetail *self,
                                     StiEndpointReport *endpoint)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->transcript_view);
  GPtrArray *transcript = sti_endpoint_report_get_transcript (endpoint);
  GtkTextIter end;

  /* Blue reads on light and dark backgrounds alike. */
  gtk_text_buffer_create_tag (buffer, "client",
                              "foreground", "#3584e4",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  gtk_text_buffer_create_tag (buffer, "server", NULL);
  gtk_text_buffer_create_tag (buffer, "event",
                              "style", PANGO_STYLE_ITALIC,
                              "foreground", "#8a8a8a",
                              NULL);

  for (guint i = 0; transcript != NULL && i < transcript->len; i++)
    {
      const StiTranscriptLine *line = g_ptr_array_index (transcript, i);
      g_autofree char *text = sti_format_transcript_line (line, TRUE);
      const char *tag;

      switch (line->kind)
        {
        case STI_TRANSCRIPT_CLIENT:
          tag = "client";
          break;
        case STI_TRANSCRIPT_SERVER:
          tag = "server";
          break;
        case STI_TRANSCRIPT_EVENT:
        default:
          tag = "event";
          break;
        }

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
      gtk_text_buffer_insert (buffer, &end, "\n", 1);
    }
}

/* Whether the dialogue ended before the server said anything: refused,
 * timed out, unreachable, or closed before the greeting. Then every row
 * below would be empty. */
static gboolean
endpoint_unreached (StiEndpointReport *endpoint)
{
  if (!sti_endpoint_report_get_reachable (endpoint))
    return TRUE;

  return sti_endpoint_report_get_greeting (endpoint) == NULL &&
         sti_endpoint_report_get_stage (endpoint) <= STI_STAGE_GREETING;
}

/* Why, in words: the finding that ended the dialogue says what happened
 * (and is in the user's language); the library's error is the fallback. */
static const char *
unreached_reason (StiEndpointReport *endpoint)
{
  static const char * const ids[] = {
    "host-unreachable", "smtp-timeout", "smtp-protocol-error", NULL
  };
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (g_strv_contains (ids, sti_finding_get_id (finding)) &&
          sti_finding_get_detail (finding) != NULL)
        return sti_finding_get_detail (finding);
    }
  if (sti_endpoint_report_get_error_detail (endpoint) != NULL)
    return sti_endpoint_report_get_error_detail (endpoint);

  return _("The connection ended before the server greeted.");
}

/* One status in place of the rows an unreached address cannot fill, laid
 * out as an AdwStatusPage (whose description would be markup: the reason
 * holds server names); the transcript stays, as the evidence of what was
 * tried. */
static void
sti_endpoint_detail_show_unreached (StiEndpointDetail *self,
                                    StiEndpointReport *endpoint)
{
  GtkWidget *transcript_group;
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-offline-symbolic");
  GtkWidget *title = gtk_label_new (_("Could not be reached"));
  g_autofree char *reason = sti_report_widgets_display_text (unreached_reason (endpoint));
  GtkWidget *description = gtk_label_new (reason);

  transcript_group = gtk_widget_get_ancestor (GTK_WIDGET (self->transcript_view),
                                              ADW_TYPE_PREFERENCES_GROUP);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != transcript_group)
        gtk_widget_set_visible (child, FALSE);
    }

  gtk_widget_set_name (status, "endpoint-unreached");
  gtk_widget_set_margin_top (status, 24);
  gtk_widget_set_margin_bottom (status, 12);
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_justify (GTK_LABEL (description), GTK_JUSTIFY_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Could not be reached"), -1);
  gtk_box_append (GTK_BOX (status), icon);
  gtk_box_append (GTK_BOX (status), title);
  gtk_box_append (GTK_BOX (status), description);
  gtk_box_prepend (GTK_BOX (self), status);
}

static void
sti_endpoint_detail_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), STI_TYPE_ENDPOINT_DETAIL);

  G_OBJECT_CLASS (sti_endpoint_detail_parent_class)->dispose (object);
}

static void
sti_endpoint_detail_class_init (StiEndpointDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_endpoint_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-endpoint-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, server_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, address_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, result_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, greeting_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, version_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, cipher_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, group_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, signature_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, chain_group);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, built_group);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, caps_before_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, caps_after_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, timings_row);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, connect_label);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, ehlo_label);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, starttls_label);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, handshake_label);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointDetail, transcript_view);
}

static void
sti_endpoint_detail_init (StiEndpointDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_endpoint_detail_new:
 * @endpoint: a finished endpoint
 *
 * Returns: (transfer floating): the details of @endpoint
 */
StiEndpointDetail *
sti_endpoint_detail_new (StiEndpointReport *endpoint)
{
  StiEndpointDetail *self = g_object_new (STI_TYPE_ENDPOINT_DETAIL, NULL);
  g_autofree char *summary = sti_report_widgets_endpoint_summary (endpoint);
  g_autofree char *address = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *caps_before = join_caps (sti_endpoint_report_get_caps_before (endpoint));
  g_autofree char *caps_after = join_caps (sti_endpoint_report_get_caps_after (endpoint));

  address = g_strdup_printf ("%s port %u", sti_endpoint_report_get_address (endpoint),
                             sti_endpoint_report_get_port (endpoint));
  if (sti_endpoint_report_get_greeting (endpoint) != NULL)
    greeting = sti_report_widgets_display_text (sti_endpoint_report_get_greeting (endpoint));

  set_value (self->server_row, sti_endpoint_report_get_host (endpoint));
  set_value (self->address_row, address);
  set_value (self->result_row, summary);
  set_value (self->greeting_row, greeting);
  set_value (self->version_row, sti_endpoint_report_get_tls_version (endpoint));
  set_value (self->cipher_row, sti_endpoint_report_get_cipher_suite (endpoint));
  set_value (self->group_row, sti_endpoint_report_get_kx_group (endpoint));
  set_value (self->signature_row, sti_endpoint_report_get_signature_algorithm (endpoint));
  set_value (self->caps_before_row, caps_before);
  set_value (self->caps_after_row, caps_after);

  sti_endpoint_detail_show_chain (self, endpoint);
  sti_endpoint_detail_show_built_chain (self, endpoint);
  sti_endpoint_detail_show_timings (self, endpoint);
  sti_endpoint_detail_show_transcript (self, endpoint);
  if (endpoint_unreached (endpoint))
    sti_endpoint_detail_show_unreached (self, endpoint);

  return self;
}

/**
 * sti_endpoint_detail_get_transcript_view:
 * @self: a #StiEndpointDetail
 *
 * Returns: (transfer none): the view of the SMTP transcript
 */
GtkTextView *
sti_endpoint_detail_get_transcript_view (StiEndpointDetail *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_DETAIL (self), NULL);

  return self->transcript_view;
}
