/* sti-report-widgets.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-widgets.h"

#include "sti-certificate.h"
#include "sti-dns-evidence.h"
#include "sti-host-report.h"
#include "sti-text.h"
#include "sti-verdict.h"

#include "sti-catalog.h"
#include "sti-dns-rdata.h"
#include "sti-certificate-sections.h"

#include <glib/gi18n.h>

/**
 * sti_report_widgets_display_text:
 * @text: (nullable): text from the report model or from an error
 *
 * The report model keeps server text already sanitized (invalid bytes as
 * `\xNN`); sanitizing it again would double the backslashes. Text that is
 * valid UTF-8 without control characters is therefore shown as it is, and
 * anything else goes through sti_text_sanitize_str().
 *
 * Returns: (transfer full): printable UTF-8, never %NULL
 */
char *
sti_report_widgets_display_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  if (g_utf8_validate (text, -1, NULL))
    {
      gboolean clean = TRUE;

      for (const char *p = text; *p != '\0' && clean; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* Controls, and format characters such as bidi overrides. */
          if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0) ||
              g_unichar_type (c) == G_UNICODE_FORMAT)
            clean = FALSE;
        }

      if (clean)
        return g_strdup (text);
    }

  return sti_text_sanitize_str (text);
}

/**
 * sti_report_widgets_row_new:
 * @title: the title, shown literally
 * @subtitle: (nullable): the subtitle, shown literally
 *
 * Returns: (transfer floating): an #AdwActionRow without markup
 */
GtkWidget *
sti_report_widgets_row_new (const char *title,
                            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Rows default to markup in libadwaita 1.2: server text must not be. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
expander_row_new (const char *title,
                  const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  return row;
}

static GtkWidget *
icon_new (const char *icon_name,
          const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);

  return image;
}

static GtkWidget *
text_label_new (const char *text,
                gboolean    monospace)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (monospace)
    gtk_widget_add_css_class (label, "monospace");

  return label;
}

const char *
sti_report_widgets_stage_label (StiStage stage)
{
  switch (stage)
    {
    case STI_STAGE_PENDING:
      return C_("stage", "Waiting");
    case STI_STAGE_RESOLVING:
      return C_("stage", "Resolving");
    case STI_STAGE_CONNECTING:
      return C_("stage", "Connecting");
    case STI_STAGE_GREETING:
      return C_("stage", "Waiting for the greeting");
    case STI_STAGE_EHLO:
      return C_("stage", "EHLO");
    case STI_STAGE_STARTTLS:
      return C_("stage", "STARTTLS");
    case STI_STAGE_HANDSHAKE:
      return C_("stage", "TLS handshake");
    case STI_STAGE_VERIFYING:
      return C_("stage", "Verifying the certificate");
    case STI_STAGE_DONE:
      return C_("stage", "Done");
    default:
      return "";
    }
}

const char *
sti_report_widgets_severity_icon (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case STI_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case STI_SEVERITY_INFO:
      return "dialog-information-symbolic";
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_css_class (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "error";
    case STI_SEVERITY_WARNING:
      return "warning";
    case STI_SEVERITY_INFO:
      return "dim-label";
    default:
      return NULL;
    }
}

const char *
sti_report_widgets_severity_label (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return C_("severity", "Error");
    case STI_SEVERITY_WARNING:
      return C_("severity", "Warning");
    case STI_SEVERITY_INFO:
      return C_("severity", "Note");
    default:
      return "";
    }
}

/**
 * sti_report_widgets_endpoint_severity:
 * @endpoint: a finished endpoint
 * @has_findings: (out) (optional): whether it has any finding
 *
 * Returns: the worst severity among the findings of @endpoint, or
 *   %STI_SEVERITY_INFO without any
 */
StiSeverity
sti_report_widgets_endpoint_severity (StiEndpointReport *endpoint,
                                      gboolean          *has_findings)
{
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);
  StiSeverity worst = STI_SEVERITY_INFO;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    worst = MAX (worst, sti_finding_get_severity (g_ptr_array_index (findings, i)));

  if (has_findings != NULL)
    *has_findings = findings != NULL && findings->len > 0;

  return worst;
}

/**
 * sti_report_widgets_endpoint_summary:
 * @endpoint: a finished endpoint
 *
 * Returns: (transfer full): one line on how the dialogue ended
 */
char *
sti_report_widgets_endpoint_summary (StiEndpointReport *endpoint)
{
  const char *version = sti_endpoint_report_get_tls_version (endpoint);
  const char *error_detail = sti_endpoint_report_get_error_detail (endpoint);

  if (!sti_endpoint_report_get_reachable (endpoint))
    return g_strdup_printf (_("Unreachable: %s"),
                            error_detail != NULL ? error_detail : _("no connection"));

  if (sti_endpoint_report_get_tls_established (endpoint))
    {
      if (sti_endpoint_report_get_certificate_verified (endpoint))
        /* Translators: %s is a TLS version such as TLS1.3 */
        return g_strdup_printf (_("Encrypted with %s, certificate verified"),
                                version != NULL ? version : "TLS");
      /* Translators: %s is a TLS version such as TLS1.3 */
      return g_strdup_printf (_("Encrypted with %s, certificate not verified"),
                              version != NULL ? version : "TLS");
    }

  if (sti_endpoint_report_get_starttls_offered (endpoint) && error_detail != NULL)
    return g_strdup_printf (_("Not encrypted: %s"), error_detail);

  if (!sti_endpoint_report_get_starttls_offered (endpoint) &&
      sti_endpoint_report_get_caps_before (endpoint) != NULL &&
      sti_endpoint_report_get_caps_before (endpoint)[0] != NULL)
    return g_strdup (_("STARTTLS not offered: mail travels in the clear"));

  if (error_detail != NULL)
    return g_strdup_printf (_("No SMTP dialogue: %s"), error_detail);

  return g_strdup (_("Not encrypted"));
}

/**
 * sti_report_widgets_format_duration:
 * @us: a duration in microseconds; negative for "not measured"
 *
 * Returns: (transfer full): "1.2 s", "35 ms" or "—"
 */
char *
sti_report_widgets_format_duration (gint64 us)
{
  if (us < 0)
    return g_strdup ("—");
  if (us < G_USEC_PER_SEC)
    /* Translators: milliseconds */
    return g_strdup_printf (_("%u ms"), (guint)((us + 500) / 1000));
  /* Translators: seconds, with one decimal */
  return g_strdup_printf (_("%.1f s"), us / (double)G_USEC_PER_SEC);
}

void
sti_located_finding_free (StiLocatedFinding *located)
{
  g_clear_object (&located->finding);
  g_clear_pointer (&located->where, g_free);
  g_clear_pointer (&located->host, g_free);
  g_clear_pointer (&located->address, g_free);
  g_free (located);
}

static void
add_located (GPtrArray  *array,
             GPtrArray  *findings,
             const char *host,
             const char *address)
{
  g_autofree char *where = NULL;

  if (host != NULL && address != NULL)
    where = g_strdup_printf ("%s (%s)", host, address);
  else
    where = g_strdup (host);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiLocatedFinding *located = g_new0 (StiLocatedFinding, 1);

      located->finding = g_object_ref (g_ptr_array_index (findings, i));
      located->where = g_strdup (where);
      located->host = g_strdup (host);
      located->address = g_strdup (address);
      g_ptr_array_add (array, located);
    }
}

static int
compare_located (gconstpointer a,
                 gconstpointer b)
{
  const StiLocatedFinding *la = *(StiLocatedFinding * const *)a;
  const StiLocatedFinding *lb = *(StiLocatedFinding * const *)b;
  StiSeverity sa = sti_finding_get_severity (la->finding);
  StiSeverity sb = sti_finding_get_severity (lb->finding);

  if (sa != sb)
    return sa > sb ? -1 : 1;

  return g_strcmp0 (sti_finding_get_id (la->finding), sti_finding_get_id (lb->finding));
}

/**
 * sti_report_widgets_collect_findings:
 * @report: a domain report
 *
 * Returns: (transfer full) (element-type StiLocatedFinding): every finding
 *   with where it was found, worst first (a stable order otherwise)
 */
GPtrArray *
sti_report_widgets_collect_findings (StiDomainReport *report)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_located_finding_free);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  add_located (array, sti_domain_report_get_findings (report), NULL, NULL);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      add_located (array, sti_host_report_get_findings (host), sti_host_report_get_name (host),
                   NULL);

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);

          add_located (array, sti_endpoint_report_get_findings (endpoint),
                       sti_host_report_get_name (host),
                       sti_endpoint_report_get_address (endpoint));
        }
    }

  /* g_ptr_array_sort is a stable merge sort. */
  g_ptr_array_sort (array, compare_located);

  return array;
}

static GtkWidget *
heading_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/**
 * sti_report_widgets_text_blocks:
 * @text: catalog text: paragraphs, and lines indented by four spaces that
 *   are commands or configuration
 *
 * Returns: (transfer floating): a vertical box with a label per paragraph
 *   and a monospace block with a Copy button (`win.copy-text`) per run of
 *   indented lines
 */
GtkWidget *
sti_report_widgets_text_blocks (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean is_code = line != NULL && g_str_has_prefix (line, "    ");

      if ((line == NULL || !is_code) && code->len > 0)
        {
          GtkWidget *block = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *scroll = gtk_scrolled_window_new ();
          GtkWidget *label = gtk_label_new (NULL);
          GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

          g_string_truncate (code, code->len - 1);
          gtk_label_set_text (GTK_LABEL (label), code->str);
          gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
          gtk_label_set_selectable (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_widget_add_css_class (label, "monospace");
          gtk_widget_set_margin_start (label, 6);
          gtk_widget_set_margin_top (label, 6);
          gtk_widget_set_margin_bottom (label, 6);
          /* Commands stay on one line; a narrow window scrolls them. */
          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll),
                                          GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
          gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), label);
          gtk_widget_set_hexpand (scroll, TRUE);

          gtk_widget_set_valign (copy, GTK_ALIGN_START);
          gtk_widget_add_css_class (copy, "flat");
          gtk_widget_set_tooltip_text (copy, _("Copy"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"),
                                          -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.copy-text");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", code->str);

          gtk_box_append (GTK_BOX (block), scroll);
          gtk_box_append (GTK_BOX (block), copy);
          gtk_widget_add_css_class (block, "card");
          gtk_widget_add_css_class (block, "code-block");
          gtk_box_append (GTK_BOX (box), block);
          g_string_truncate (code, 0);
        }

      if ((line == NULL || is_code || *line == '\0') && paragraph->len > 0)
        {
          g_string_truncate (paragraph, paragraph->len - 1);
          gtk_box_append (GTK_BOX (box), text_label_new (paragraph->str, FALSE));
          g_string_truncate (paragraph, 0);
        }

      if (line == NULL)
        break;

      if (is_code)
        g_string_append_printf (code, "%s\n", line + 4);
      else if (*line != '\0')
        g_string_append_printf (paragraph, "%s\n", line);
    }

  return box;
}

static StiMta
preferred_mta (GSettings *settings)
{
  g_autofree char *value = NULL;
  StiMta mta = STI_MTA_POSTFIX;

  if (settings == NULL)
    return mta;

  value = g_settings_get_string (settings, "preferred-mta");
  if (!sti_mta_from_string (value, &mta))
    mta = STI_MTA_POSTFIX;

  return mta;
}

static void
fix_box_update (GtkWidget *holder,
                GSettings *settings)
{
  StiExplanation *explanation = g_object_get_data (G_OBJECT (holder), "sti-explanation");
  StiMta mta = preferred_mta (settings);
  const char *fix = sti_explanation_get_fix (explanation, mta);

  if (fix == NULL || *fix == '\0')
    fix = sti_explanation_get_fix (explanation, STI_MTA_GENERIC);

  adw_bin_set_child (ADW_BIN (holder), sti_report_widgets_text_blocks (fix));
}

static void
on_preferred_mta_changed_cb (GSettings  *settings,
                             const char *key,
                             GtkWidget  *holder)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (holder), "sti-dropdown");
  guint selected = preferred_mta (settings) - STI_MTA_POSTFIX;

  /* Every finding's chooser follows the one the user changed. */
  if (dropdown != NULL && gtk_drop_down_get_selected (dropdown) != selected)
    gtk_drop_down_set_selected (dropdown, selected);
  fix_box_update (holder, settings);
}

static void
on_mta_dropdown_selected_cb (GtkDropDown *dropdown,
                             GParamSpec  *pspec,
                             GSettings   *settings)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected != GTK_INVALID_LIST_POSITION &&
      selected != (guint)(preferred_mta (settings) - STI_MTA_POSTFIX))
    g_settings_set_string (settings, "preferred-mta",
                           sti_mta_to_string ((StiMta)(STI_MTA_POSTFIX + selected)));
}

static GtkWidget *
finding_explanation (StiLocatedFinding *located,
                     const char        *domain,
                     const char * const *mx_hosts,
                     GSettings         *settings)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *detail = sti_finding_get_detail (located->finding);
  g_autofree char *clean = sti_report_widgets_display_text (detail != NULL ? detail : "");
  g_autofree char *id_line = NULL;
  StiExplainContext context = { domain, located->host, located->address, mx_hosts };
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (located->finding, &context);
  gboolean explain = settings == NULL || g_settings_get_boolean (settings, "explain-mode");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  gtk_box_append (GTK_BOX (box), text_label_new (clean, FALSE));

  /* A certificate finding opens the viewer on the certificate it is about,
   * with the concerned field highlighted (win.show-finding-certificate). */
  if (sti_certificate_sections_field_for_finding (sti_finding_get_id (located->finding)) != NULL &&
      located->host != NULL && located->address != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Show in _Certificate Viewer"));
      gint64 position = 0;

      sti_finding_get_param_int64 (located->finding, "position", &position);
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-finding-certificate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sssu)",
                                        located->host, located->address,
                                        sti_finding_get_id (located->finding),
                                        (guint32)MAX (position, 0));
      gtk_box_append (GTK_BOX (box), button);
    }

  if (explanation != NULL && sti_explanation_is_known (explanation))
    {
      GtkWidget *fix_header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *holder = adw_bin_new ();
      const char *references = sti_explanation_get_references (explanation);

      if (explain && sti_explanation_get_what (explanation) != NULL)
        {
          gtk_box_append (GTK_BOX (box), heading_label_new (_("What This Means")));
          gtk_box_append (GTK_BOX (box),
                          sti_report_widgets_text_blocks (sti_explanation_get_what (explanation)));
        }
      if (explain && sti_explanation_get_why (explanation) != NULL)
        {
          gtk_box_append (GTK_BOX (box), heading_label_new (_("Why It Matters")));
          gtk_box_append (GTK_BOX (box),
                          sti_report_widgets_text_blocks (sti_explanation_get_why (explanation)));
        }

      gtk_widget_set_hexpand (gtk_widget_get_last_child (box), TRUE);
      gtk_box_append (GTK_BOX (fix_header), heading_label_new (_("How to Fix")));
      gtk_widget_set_hexpand (gtk_widget_get_first_child (fix_header), TRUE);
      if (settings != NULL)
        {
          g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
          GtkWidget *dropdown;

          for (StiMta mta = STI_MTA_POSTFIX; mta < STI_N_MTAS; mta++)
            gtk_string_list_append (labels, sti_mta_get_label (mta));
          dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                      preferred_mta (settings) - STI_MTA_POSTFIX);
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (dropdown, _("Mail server software"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mail server software"),
                                          -1);
          g_signal_connect_object (dropdown, "notify::selected",
                                   G_CALLBACK (on_mta_dropdown_selected_cb), settings, 0);
          gtk_box_append (GTK_BOX (fix_header), dropdown);
          g_object_set_data (G_OBJECT (holder), "sti-dropdown", dropdown);
        }
      gtk_box_append (GTK_BOX (box), fix_header);

      g_object_set_data_full (G_OBJECT (holder), "sti-explanation",
                              g_steal_pointer (&explanation),
                              (GDestroyNotify)sti_explanation_free);
      fix_box_update (holder, settings);
      if (settings != NULL)
        g_signal_connect_object (settings, "changed::preferred-mta",
                                 G_CALLBACK (on_preferred_mta_changed_cb), holder, 0);
      gtk_box_append (GTK_BOX (box), holder);

      if (references != NULL && *references != '\0')
        {
          gtk_box_append (GTK_BOX (box), heading_label_new (_("References")));
          gtk_box_append (GTK_BOX (box), text_label_new (references, FALSE));
          gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
        }
    }

  /* Translators: %s is a stable finding identifier such as cert-expired */
  id_line = g_strdup_printf (_("Finding: %s"), sti_finding_get_id (located->finding));
  gtk_box_append (GTK_BOX (box), text_label_new (id_line, TRUE));
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "dim-label");
  gtk_widget_add_css_class (gtk_widget_get_last_child (box), "caption");

  return box;
}

static char *
finding_title (StiLocatedFinding *located,
               const char        *domain,
               const char * const *mx_hosts)
{
  const char *detail = sti_finding_get_detail (located->finding);
  StiExplainContext context = { domain, located->host, located->address, mx_hosts };
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (located->finding, &context);

  if (explanation != NULL && sti_explanation_is_known (explanation) &&
      sti_explanation_get_title (explanation) != NULL)
    return g_strdup (sti_explanation_get_title (explanation));

  return sti_report_widgets_display_text (detail != NULL && *detail != '\0'
                                ? detail : sti_finding_get_id (located->finding));
}

/**
 * sti_report_widgets_findings_group:
 * @report: a domain report
 * @settings: (nullable): the application settings (preferred MTA)
 *
 * Returns: (transfer floating): an #AdwPreferencesGroup with one expander
 *   row per finding, worst first
 */
GtkWidget *
sti_report_widgets_findings_group (StiDomainReport *report,
                                   GSettings       *settings)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GPtrArray) located = sti_report_widgets_collect_findings (report);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) mx_hosts = NULL;
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    g_strv_builder_add (builder, sti_host_report_get_name (g_ptr_array_index (hosts, i)));
  mx_hosts = g_strv_builder_end (builder);

  gtk_widget_set_name (group, "findings-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Findings"));

  if (located->len == 0)
    {
      GtkWidget *row = sti_report_widgets_row_new (_("No findings"),
                                                   _("Nothing to fix was found."));

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon_new ("emblem-ok-symbolic", "success"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      return group;
    }

  for (guint i = 0; i < located->len; i++)
    {
      StiLocatedFinding *l = g_ptr_array_index (located, i);
      StiSeverity severity = sti_finding_get_severity (l->finding);
      g_autofree char *title = finding_title (l, sti_domain_report_get_domain (report),
                                              (const char * const *)mx_hosts);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *icon;

      if (l->where != NULL)
        /* Translators: severity, then where the problem was found */
        subtitle = g_strdup_printf (_("%s · %s"), sti_report_widgets_severity_label (severity),
                                    l->where);
      else
        subtitle = g_strdup_printf (_("%s · %s"), sti_report_widgets_severity_label (severity),
                                    sti_domain_report_get_domain (report));

      row = expander_row_new (title, subtitle);
      gtk_widget_set_name (row, sti_finding_get_id (l->finding));
      icon = icon_new (sti_report_widgets_severity_icon (severity), severity_css_class (severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sti_report_widgets_severity_label (severity),
                                      -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                finding_explanation (l, sti_domain_report_get_domain (report),
                                                     (const char * const *)mx_hosts, settings));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static GtkWidget *
answer_row_new (const char *title,
                StiAnswer   answer,
                const char *text)
{
  GtkWidget *row = sti_report_widgets_row_new (title, text);
  GtkWidget *icon;
  const char *icon_name;
  const char *css_class;
  const char *label;

  switch (answer)
    {
    case STI_ANSWER_YES:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      label = _("Yes");
      break;
    case STI_ANSWER_NO:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      label = _("No");
      break;
    case STI_ANSWER_NOT_APPLICABLE:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      label = _("Does not apply");
      break;
    case STI_ANSWER_UNKNOWN:
    default:
      icon_name = "dialog-question-symbolic";
      css_class = "dim-label";
      label = _("Unknown");
      break;
    }

  icon = icon_new (icon_name, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_name (row, sti_answer_to_string (answer));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/**
 * sti_report_widgets_policy_group:
 * @report: a domain report
 *
 * Shows the core verdict (sti-verdict.h) of every endpoint: whether an
 * opportunistic sender encrypts, a validating sender delivers and a DANE
 * sender authenticates, and what to do first. The GUI decides nothing
 * itself; the same answers are in every export.
 *
 * Returns: (transfer floating): an #AdwPreferencesGroup with one expander
 *   row per endpoint
 */
GtkWidget *
sti_report_widgets_policy_group (StiDomainReport *report)
{
  GtkWidget *group = adw_preferences_group_new ();
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  gtk_widget_set_name (group, "policy-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Senders Do"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("How a sender that encrypts when it can, one that "
                                           "insists on a valid certificate (MTA-STS enforce), "
                                           "and one that uses DANE treat each server."));

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
          g_autofree char *clean =
            sti_report_widgets_display_text (sti_host_report_get_name (host));
          g_autofree char *title = g_strdup_printf ("%s (%s)", clean,
                                                    sti_endpoint_report_get_address (endpoint));
          const char *first_action = sti_endpoint_verdict_get_first_action (verdict);
          GtkWidget *row;
          GtkWidget *action_row;

          row = expander_row_new (title, first_action);
          gtk_widget_add_css_class (row, "endpoint-verdict");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    answer_row_new (
                                      _("Does an opportunistic sender encrypt?"),
                                      sti_endpoint_verdict_get_opportunistic (verdict),
                                      sti_endpoint_verdict_get_opportunistic_text (verdict)));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    answer_row_new (
                                      _("Does a validating sender deliver? "
                                        "(MTA-STS enforce, PKIX)"),
                                      sti_endpoint_verdict_get_validating (verdict),
                                      sti_endpoint_verdict_get_validating_text (verdict)));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                    answer_row_new (_("Does a DANE sender authenticate?"),
                                                    sti_endpoint_verdict_get_dane (verdict),
                                                    sti_endpoint_verdict_get_dane_text (verdict)));
          if (first_action != NULL && *first_action != '\0')
            {
              action_row = sti_report_widgets_row_new (_("First action"), first_action);
              gtk_widget_set_name (action_row, "first-action");
              adw_action_row_add_prefix (ADW_ACTION_ROW (action_row),
                                         icon_new ("go-next-symbolic", "accent"));
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
    }

  return group;
}

/* The comparison page */

static GtkWidget *
comparison_group_new (const char  *name,
                      const char  *title,
                      const char  *empty,
                      GPtrArray   *entries,
                      StiDomainReport *report,
                      const char  *icon_name,
                      const char  *css_class)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *heading = g_strdup_printf ("%s (%u)", title, entries != NULL ? entries->len : 0);

  gtk_widget_set_name (group, name);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), heading);

  if (entries == NULL || entries->len == 0)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 sti_report_widgets_row_new (empty, NULL));
      return group;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      StiComparisonEntry *entry = g_ptr_array_index (entries, i);
      StiExplainContext context = { sti_domain_report_get_domain (report), entry->host,
                                    entry->address, NULL };
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (entry->finding, &context);
      g_autofree char *title_text = NULL;
      g_autofree char *where = NULL;
      g_autofree char *subtitle = NULL;
      StiSeverity severity = sti_finding_get_severity (entry->finding);
      GtkWidget *row;

      if (explanation != NULL && sti_explanation_is_known (explanation) &&
          sti_explanation_get_title (explanation) != NULL)
        title_text = g_strdup (sti_explanation_get_title (explanation));
      else
        title_text = sti_report_widgets_display_text (sti_finding_get_id (entry->finding));

      if (entry->host != NULL && entry->address != NULL)
        where = g_strdup_printf ("%s (%s)", entry->host, entry->address);
      else if (entry->host != NULL)
        where = g_strdup (entry->host);
      else
        where = g_strdup (sti_domain_report_get_domain_unicode (report));

      {
        g_autofree char *clean_where = sti_report_widgets_display_text (where);

        /* Translators: severity, then where the problem is */
        subtitle = g_strdup_printf (_("%s · %s"), sti_report_widgets_severity_label (severity),
                                    clean_where);
      }

      row = sti_report_widgets_row_new (title_text, subtitle);
      gtk_widget_set_name (row, sti_finding_get_id (entry->finding));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon_new (icon_name, css_class));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

static char *
comparison_side_text (StiDomainReport *report)
{
  GDateTime *started = sti_domain_report_get_started_at (report);
  g_autoptr(GDateTime) local = started != NULL ? g_date_time_to_local (started) : NULL;

  if (local == NULL)
    return g_strdup (_("unknown date"));

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * sti_report_widgets_comparison:
 * @cmp: a comparison of two reports of one domain
 *
 * Returns: (transfer floating): a box with the summary line ("1 fixed,
 *   1 new, 2 remaining") and the groups Fixed, New and Remaining (named
 *   `compare-fixed`, `compare-new`, `compare-remaining`), one row per
 *   finding (named by its id) with its catalog title and where it is
 */
GtkWidget *
sti_report_widgets_comparison (StiReportComparison *cmp)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  StiDomainReport *old_report = sti_report_comparison_get_old_report (cmp);
  StiDomainReport *new_report = sti_report_comparison_get_new_report (cmp);
  g_autofree char *domain =
    sti_report_widgets_display_text (sti_domain_report_get_domain_unicode (new_report));
  g_autofree char *title = NULL;
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *old_date = comparison_side_text (old_report);
  g_autofree char *new_date = comparison_side_text (new_report);
  g_autofree char *dates = NULL;
  GtkWidget *label;

  /* Translators: %s is a mail domain */
  title = g_strdup_printf (_("Changes for %s"), domain);
  label = text_label_new (title, FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (header), label);

  label = text_label_new (summary, FALSE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_set_name (label, "compare-summary");
  gtk_box_append (GTK_BOX (header), label);

  /* Translators: the dates of the older and of the newer report */
  dates = g_strdup_printf (_("From the check of %s to the check of %s"), old_date, new_date);
  label = text_label_new (dates, FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (box), header);

  gtk_box_append (GTK_BOX (box),
                  comparison_group_new ("compare-fixed", _("Fixed"), _("Nothing was fixed."),
                                        sti_report_comparison_get_fixed (cmp), old_report,
                                        "emblem-ok-symbolic", "success"));
  gtk_box_append (GTK_BOX (box),
                  comparison_group_new ("compare-new", _("New"), _("No new problems."),
                                        sti_report_comparison_get_new (cmp), new_report,
                                        "dialog-warning-symbolic", "warning"));
  gtk_box_append (GTK_BOX (box),
                  comparison_group_new ("compare-remaining", _("Remaining"),
                                        _("Nothing remains to fix."),
                                        sti_report_comparison_get_remaining (cmp), new_report,
                                        "dialog-information-symbolic", NULL));

  return box;
}

static const char *
dnssec_label (StiDnssecStatus status)
{
  switch (status)
    {
    case STI_DNSSEC_NOT_VALIDATED:
      return _("DNSSEC not validated");
    case STI_DNSSEC_INSECURE:
      return _("DNSSEC: unsigned");
    case STI_DNSSEC_SECURE:
      return _("DNSSEC: signed and valid");
    case STI_DNSSEC_BOGUS:
      return _("DNSSEC: validation failed");
    default:
      return "";
    }
}

/**
 * sti_report_widgets_dns_group:
 * @report: a domain report
 *
 * Returns: (transfer floating): an #AdwPreferencesGroup with every DNS
 *   answer the check used, with its DNSSEC status
 */
GtkWidget *
sti_report_widgets_dns_group (StiDomainReport *report)
{
  GtkWidget *group = adw_preferences_group_new ();
  GPtrArray *evidence = sti_domain_report_get_dns_evidence (report);

  gtk_widget_set_name (group, "dns-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("DNS Evidence"));

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      StiDnsEvidence *e = g_ptr_array_index (evidence, i);
      const char * const *records = sti_dns_evidence_get_records (e);
      g_autofree char *title = g_strdup_printf ("%s %s", sti_dns_evidence_get_qname (e),
                                                sti_dns_evidence_get_qtype (e));
      g_autofree char *subtitle = NULL;
      g_autofree char *count = NULL;
      guint n_records = records != NULL ? g_strv_length ((char **)records) : 0;
      GtkWidget *row;

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_records),
                               n_records);
      subtitle = g_strdup_printf ("%s · %s · %s",
                                  sti_dns_evidence_get_result (e) != NULL
                                    ? sti_dns_evidence_get_result (e) : "",
                                  dnssec_label (sti_dns_evidence_get_dnssec (e)),
                                  count);

      row = expander_row_new (title, subtitle);
      for (guint j = 0; j < n_records; j++)
        {
          GtkWidget *label = text_label_new (records[j], TRUE);

          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_widget_set_margin_top (label, 6);
          gtk_widget_set_margin_bottom (label, 6);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
        }
      if (sti_dns_evidence_get_why_bogus (e) != NULL)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  sti_report_widgets_row_new (_("Why validation failed"),
                                                              sti_dns_evidence_get_why_bogus (e)));
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_records > 0 ||
                                             sti_dns_evidence_get_why_bogus (e) != NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  return group;
}

/* One policy record, as published, or that there is none. */
static GtkWidget *
policy_record_row (StiPolicyRecord *policy)
{
  g_autofree char *joined = NULL;
  g_autofree char *subtitle = NULL;

  if (policy->records[0] == NULL)
    return sti_report_widgets_row_new (policy->label, _("Not published"));

  joined = g_strjoinv ("\n", policy->records);
  /* Translators: the records as published, then their DNSSEC status */
  subtitle = g_strdup_printf (_("%s · %s"), joined, dnssec_label (policy->dnssec));

  return sti_report_widgets_row_new (policy->label, subtitle);
}

/**
 * sti_report_widgets_policies_group:
 * @report: a domain report
 *
 * Returns: (transfer floating): what makes TLS mandatory, or not: the
 *   MTA-STS and TLS-RPT records and each MX host's TLSA records, under the
 *   verdict's policy sentence. What is wrong with them is in Findings.
 */
GtkWidget *
sti_report_widgets_policies_group (StiDomainReport *report)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);

  gtk_widget_set_name (group, "policies-group");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Policies"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), sentence);

  for (guint i = 0; i < policies->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               policy_record_row (g_ptr_array_index (policies, i)));

  return group;
}

static GtkWidget *
group_new (GtkWidget  *box,
           const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (box), group);

  return group;
}

static void
add_value_row (GtkWidget  *group,
               const char *title,
               const char *value)
{
  GtkWidget *row = sti_report_widgets_row_new (title, value != NULL ? value : "—");

  /* The value is what is read; the title only labels it. */
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static char *
join_caps (const char * const *caps)
{
  if (caps == NULL || caps[0] == NULL)
    return g_strdup (_("none"));

  return g_strjoinv ("\n", (char **)caps);
}

static char *
format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup ("—");

  return g_date_time_format (date, "%Y-%m-%d");
}

/**
 * sti_report_widgets_transcript_text:
 * @endpoint: an endpoint
 *
 * Returns: (transfer full): the SMTP transcript as text, one line each,
 *   prefixed "C: " (us), "S: " (the server) or "* " (events), sanitized
 */
char *
sti_report_widgets_transcript_text (StiEndpointReport *endpoint)
{
  GPtrArray *transcript = sti_endpoint_report_get_transcript (endpoint);
  GString *text = g_string_new (NULL);

  for (guint i = 0; transcript != NULL && i < transcript->len; i++)
    {
      const StiTranscriptLine *line = g_ptr_array_index (transcript, i);
      g_autofree char *clean = line->raw != NULL ? sti_text_sanitize_bytes (line->raw)
                                                 : g_strdup ("");
      const char *prefix;

      switch (line->kind)
        {
        case STI_TRANSCRIPT_CLIENT:
          prefix = "C: ";
          break;
        case STI_TRANSCRIPT_SERVER:
          prefix = "S: ";
          break;
        case STI_TRANSCRIPT_EVENT:
        default:
          prefix = "* ";
          break;
        }

      g_strchomp (clean);
      g_string_append_printf (text, "%s%s\n", prefix, clean);
    }

  return g_string_free (text, FALSE);
}

static GtkWidget *
transcript_view_new (StiEndpointReport *endpoint)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GPtrArray *transcript = sti_endpoint_report_get_transcript (endpoint);
  GtkTextIter end;

  gtk_widget_set_name (view, "transcript");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_add_css_class (view, "transcript");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("SMTP transcript"),
                                  -1);

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
      g_autofree char *clean = line->raw != NULL ? sti_text_sanitize_bytes (line->raw)
                                                 : g_strdup ("");
      g_autofree char *text = NULL;
      const char *tag;
      const char *prefix;

      switch (line->kind)
        {
        case STI_TRANSCRIPT_CLIENT:
          tag = "client";
          prefix = "C: ";
          break;
        case STI_TRANSCRIPT_SERVER:
          tag = "server";
          prefix = "S: ";
          break;
        case STI_TRANSCRIPT_EVENT:
        default:
          tag = "event";
          prefix = "* ";
          break;
        }

      g_strchomp (clean);
      text = g_strdup_printf ("%s%s\n", prefix, clean);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
    }

  return view;
}

static GtkWidget *
header_button_new (const char *icon_name,
                   const char *tooltip,
                   const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return button;
}

/**
 * sti_report_widgets_endpoint_detail:
 * @endpoint: a finished endpoint
 * @transcript_view: (out) (optional) (transfer none): the transcript view
 *
 * Builds the detail view of one endpoint: connection, TLS summary,
 * certificate chain, capabilities before and after STARTTLS, timings and the
 * SMTP transcript. The transcript's Copy and Save buttons activate
 * `win.copy-transcript` and `win.save-transcript`.
 *
 * Returns: (transfer floating): a vertical #GtkBox
 */
GtkWidget *
sti_report_widgets_endpoint_detail (StiEndpointReport  *endpoint,
                                    GtkTextView       **transcript_view)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *group;
  GtkWidget *frame;
  GtkWidget *buttons;
  GtkWidget *view;
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  const StiTimings *timings = sti_endpoint_report_get_timings (endpoint);
  g_autofree char *summary = sti_report_widgets_endpoint_summary (endpoint);
  g_autofree char *address = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *caps = NULL;
  struct {
    const char *label;
    gint64      us;
  } stages[] = {
    { C_("stage", "Connect"), timings != NULL ? timings->connect_us : -1 },
    { C_("stage", "Greeting"), timings != NULL ? timings->greeting_us : -1 },
    { C_("stage", "EHLO"), timings != NULL ? timings->ehlo_us : -1 },
    { C_("stage", "STARTTLS"), timings != NULL ? timings->starttls_us : -1 },
    { C_("stage", "TLS handshake"), timings != NULL ? timings->handshake_us : -1 },
    { C_("stage", "Total"), timings != NULL ? timings->total_us : -1 },
  };

  gtk_widget_set_name (box, "endpoint-detail");

  group = group_new (box, _("Connection"));
  address = g_strdup_printf ("%s port %u", sti_endpoint_report_get_address (endpoint),
                             sti_endpoint_report_get_port (endpoint));
  add_value_row (group, _("Server"), sti_endpoint_report_get_host (endpoint));
  add_value_row (group, _("Address"), address);
  add_value_row (group, _("Result"), summary);
  if (sti_endpoint_report_get_greeting (endpoint) != NULL)
    greeting = sti_report_widgets_display_text (sti_endpoint_report_get_greeting (endpoint));
  add_value_row (group, _("Greeting"), greeting);

  group = group_new (box, _("Encryption"));
  add_value_row (group, _("TLS version"), sti_endpoint_report_get_tls_version (endpoint));
  add_value_row (group, _("Cipher suite"), sti_endpoint_report_get_cipher_suite (endpoint));
  add_value_row (group, _("Key exchange group"), sti_endpoint_report_get_kx_group (endpoint));
  add_value_row (group, _("Signature algorithm"),
                 sti_endpoint_report_get_signature_algorithm (endpoint));

  group = group_new (box, _("Certificate Chain"));
  gtk_widget_set_name (group, "chain-group");
  if (chain == NULL || chain->len == 0)
    add_value_row (group, _("No certificate"), _("The server sent no certificate."));
  for (guint i = 0; chain != NULL && i < chain->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (chain, i);
      const char *cn = sti_certificate_get_subject_cn (cert);
      g_autofree char *title = sti_report_widgets_display_text (cn != NULL && *cn != '\0'
                                                      ? cn : sti_certificate_get_subject (cert));
      g_autofree char *issuer = sti_report_widgets_display_text (sti_certificate_get_issuer (cert));
      g_autofree char *until = format_date (sti_certificate_get_not_after (cert));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: the issuer's name, then a date */
      subtitle = g_strdup_printf (_("Issued by %s · valid until %s"), issuer, until);
      row = sti_report_widgets_row_new (title, subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 icon_new (i == 0 ? "application-certificate-symbolic"
                                                  : "channel-secure-symbolic", NULL));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      /* Opens the certificate viewer (StiWindow::certificate-activated). */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.view-certificate");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", i);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "certificate-row");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  group = group_new (box, _("Capabilities"));
  caps = join_caps (sti_endpoint_report_get_caps_before (endpoint));
  add_value_row (group, _("Before STARTTLS"), caps);
  g_clear_pointer (&caps, g_free);
  caps = join_caps (sti_endpoint_report_get_caps_after (endpoint));
  add_value_row (group, _("After STARTTLS"), caps);

  group = group_new (box, _("Timings"));
  {
    g_autofree char *total =
      sti_report_widgets_format_duration (stages[G_N_ELEMENTS (stages) - 1].us);
    GtkWidget *expander = expander_row_new (C_("stage", "Total"), total);

    gtk_widget_set_name (expander, "timings-row");
    for (guint i = 0; i + 1 < G_N_ELEMENTS (stages); i++)
      {
        g_autofree char *value = sti_report_widgets_format_duration (stages[i].us);
        GtkWidget *row = sti_report_widgets_row_new (stages[i].label, NULL);
        GtkWidget *label = gtk_label_new (value);

        gtk_widget_add_css_class (label, "numeric");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      }
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
  }

  group = group_new (box, _("SMTP Transcript"));
  gtk_widget_set_name (group, "transcript-group");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("C: what the inspector sent; S: what the server "
                                           "answered; * events."));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (buttons),
                  header_button_new ("edit-copy-symbolic", _("Copy Transcript"),
                                     "win.copy-transcript"));
  gtk_box_append (GTK_BOX (buttons),
                  header_button_new ("document-save-symbolic", _("Save Transcript"),
                                     "win.save-transcript"));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);
  view = transcript_view_new (endpoint);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "view");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);

  if (transcript_view != NULL)
    *transcript_view = GTK_TEXT_VIEW (view);

  return box;
}
