/* sti-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window.h"

#include "sti-catalog.h"
#include "sti-certificate.h"
#include "sti-certificate-window.h"
#include "sti-check-session.h"
#include "sti-check-target.h"
#include "sti-host-report.h"
#include "sti-lab.h"
#include "sti-preferences-window.h"
#include "sti-report-compare.h"
#include "sti-report-export.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-report-widgets.h"
#include "sti-settings.h"
#include "sti-text.h"

#include <glib/gi18n.h>

#define MAX_RECENT_DOMAINS 10

/* A saved report larger than this is not one this program wrote. */
#define MAX_REPORT_FILE_SIZE (16 * 1024 * 1024)

/* One endpoint row of the live view. The widgets belong to the tree. */
typedef struct
{
  AdwActionRow      *row;
  GtkSpinner        *spinner;
  GtkImage          *icon;
  GtkWidget         *arrow;
  StiStage           stage;
  gint64             started_us;
  gint64             finished_us;
  gboolean           cancelled;
  StiEndpointReport *report;
} EndpointRow;

static void
endpoint_row_free (EndpointRow *row)
{
  g_clear_object (&row->report);
  g_free (row);
}

struct _StiWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkEntry             *domain_entry;
  GtkLabel             *error_label;
  GtkButton            *check_button;
  GtkWidget            *back_button;
  GtkWidget            *cancel_button;
  GtkWidget            *again_button;
  GtkWidget            *export_button;
  GtkWidget            *open_report_button;
  GtkWidget            *recent_group;
  GtkListBox           *recent_list;
  GtkListBox           *demo_list;
  GtkStack             *verdict_icon_stack;
  GtkSpinner           *verdict_spinner;
  GtkImage             *verdict_icon;
  GtkLabel             *verdict_label;
  GtkLabel             *counts_label;
  GtkLabel             *saved_label;
  GtkBox               *hosts_box;
  GtkBox               *report_box;
  AdwBin               *endpoint_bin;
  GtkScrolledWindow    *results_scroll;
  GtkScrolledWindow    *endpoint_scroll;
  AdwBin               *compare_bin;
  GtkScrolledWindow    *compare_scroll;

  /* Owned references */
  StiCheckSession      *session;
  GSettings            *settings;
  char                 *domain;

  /* The check in progress, or the last one */
  StiDomainCheck       *check;
  GCancellable         *cancellable;
  StiDomainReport      *report;
  GError               *check_error;
  GHashTable           *endpoint_rows;  /* "host\naddress" -> EndpointRow */
  GHashTable           *host_groups;    /* host -> AdwPreferencesGroup (tree-owned) */
  gint64                check_started_us;
  guint                 tick_id;
  StiEndpointReport    *shown_endpoint;
  GtkTextView          *transcript_view;
  GtkFileChooserNative *chooser;
  guint                 recent_idle_id;
  gboolean              recent_dirty;

  /* A finished check whose results page waits in the build queue */
  StiDomainReport      *pending_report;
  /* The report shown was loaded from a file, not checked live */
  gboolean              offline;
  /* Loading a saved report (to show or to compare) */
  GCancellable         *file_cancellable;
};

G_DEFINE_FINAL_TYPE (StiWindow, sti_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_BUSY,
  PROP_SESSION,
  N_PROPS
};

enum {
  CHECK_REQUESTED,
  FILE_OPEN_REQUESTED,
  CERTIFICATE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void sti_window_set_page (StiWindow  *self,
                                 const char *page);
static void sti_window_rebuild_recent (StiWindow *self);
static void sti_window_set_offline (StiWindow *self,
                                    gboolean   offline);

static void
sti_window_show_input_error (StiWindow  *self,
                             const char *message)
{
  gboolean show = message != NULL;

  gtk_label_set_text (self->error_label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), show);

  if (show)
    gtk_widget_add_css_class (GTK_WIDGET (self->domain_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->domain_entry), "error");
}

/* The canonical text of a target, which sti_check_target_parse() turns
 * back into the same target. */
static char *
sti_window_format_target (const StiCheckTarget *target)
{
  if (!target->direct)
    return g_strdup (target->domain);

  if (target->port != 0)
    return g_strdup_printf ("[%s]:%u", target->domain, (guint)target->port);

  return g_strdup_printf ("[%s]", target->domain);
}

static void
on_domain_entry_changed_cb (StiWindow *self,
                            GtkEntry  *entry)
{
  const char *text;

  g_assert (STI_IS_WINDOW (self));

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  while (g_ascii_isspace (*text))
    text++;

  sti_window_show_input_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check", *text != '\0');
}

static void
on_domain_entry_activate_cb (StiWindow *self,
                             GtkEntry  *entry)
{
  g_assert (STI_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.check", NULL);
}

static void
sti_window_check_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;

  target = sti_check_target_parse (gtk_editable_get_text (GTK_EDITABLE (self->domain_entry)),
                                   &error);
  if (target == NULL)
    {
      /* The message quotes the input sanitized, and a GtkLabel without
       * markup shows it literally. */
      sti_window_show_input_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
      return;
    }

  domain = sti_window_format_target (target);

  sti_window_show_input_error (self, NULL);

  if (g_strcmp0 (self->domain, domain) != 0)
    {
      g_free (self->domain);
      self->domain = g_strdup (domain);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
    }

  g_signal_emit (self, signals[CHECK_REQUESTED], 0, self->domain);
}

static void
sti_window_focus_domain_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  if (self->check == NULL)
    sti_window_set_page (self, "start");
  else
    gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->domain_entry), 0, -1);
}

/* The live view and the results */

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static char *
endpoint_key (const char *host,
              const char *address)
{
  return g_strdup_printf ("%s\n%s", host, address);
}

static void
sti_window_update_actions (StiWindow *self)
{
  gboolean busy = self->check != NULL;
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean live_again = self->domain != NULL && !self->offline;
  gboolean has_report = self->report != NULL && self->pending_report == NULL && !busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-again", live_again);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-summary", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 g_strcmp0 (page, "start") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-transcript",
                                 self->shown_endpoint != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-transcript",
                                 self->shown_endpoint != NULL);

  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_visible (self->again_button, !busy && live_again &&
                          g_strcmp0 (page, "start") != 0);
  gtk_widget_set_visible (self->export_button, has_report &&
                          g_strcmp0 (page, "results") == 0);
  gtk_widget_set_visible (self->back_button, !busy && g_strcmp0 (page, "start") != 0);
}

static void
sti_window_set_page (StiWindow  *self,
                     const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);

  if (g_strcmp0 (page, "start") == 0)
    {
      if (self->recent_dirty)
        sti_window_rebuild_recent (self);
      adw_window_title_set_title (self->window_title, _("STARTTLS Inspector"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else if (self->offline && self->report != NULL)
    {
      g_autofree char *title =
        sti_report_widgets_display_text (sti_domain_report_get_domain_unicode (self->report));

      adw_window_title_set_title (self->window_title, title);
    }
  else if (self->domain != NULL)
    {
      adw_window_title_set_title (self->window_title, self->domain);
    }

  sti_window_update_actions (self);
}

static char *
format_elapsed (gint64 us)
{
  /* Translators: elapsed whole seconds */
  return g_strdup_printf (_("%u s"), (guint)(MAX (us, 0) / G_USEC_PER_SEC));
}

static void
endpoint_row_update (EndpointRow *erow)
{
  g_autofree char *subtitle = NULL;
  gint64 now = g_get_monotonic_time ();

  if (erow->report != NULL)
    {
      g_autofree char *summary = sti_report_widgets_endpoint_summary (erow->report);
      const StiTimings *timings = sti_endpoint_report_get_timings (erow->report);
      gint64 total = timings != NULL && timings->total_us >= 0
                     ? timings->total_us : erow->finished_us - erow->started_us;
      g_autofree char *duration = sti_report_widgets_format_duration (total);

      /* Translators: how the dialogue ended, then how long it took */
      subtitle = g_strdup_printf (_("%s · %s"), summary, duration);
    }
  else if (erow->cancelled)
    {
      /* Translators: %s is the stage the endpoint had reached */
      subtitle = g_strdup_printf (_("Stopped at: %s"),
                                  sti_report_widgets_stage_label (erow->stage));
    }
  else
    {
      g_autofree char *elapsed = format_elapsed (now - erow->started_us);

      /* Translators: the current stage, then the elapsed time */
      subtitle = g_strdup_printf (_("%s · %s"), sti_report_widgets_stage_label (erow->stage),
                                  elapsed);
    }

  adw_action_row_set_subtitle (erow->row, subtitle);
}

static void
endpoint_row_set_finished (EndpointRow       *erow,
                           StiEndpointReport *report)
{
  gboolean has_findings = FALSE;
  StiSeverity severity;
  const char *icon_name;
  const char *css_class;
  const char *label;

  g_set_object (&erow->report, report);
  erow->finished_us = g_get_monotonic_time ();
  erow->stage = STI_STAGE_DONE;

  severity = sti_report_widgets_endpoint_severity (report, &has_findings);
  if (!has_findings || severity == STI_SEVERITY_INFO)
    {
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      label = _("No problems");
    }
  else
    {
      icon_name = sti_report_widgets_severity_icon (severity);
      css_class = severity == STI_SEVERITY_ERROR ? "error" : "warning";
      label = sti_report_widgets_severity_label (severity);
    }

  gtk_spinner_stop (erow->spinner);
  gtk_widget_set_visible (GTK_WIDGET (erow->spinner), FALSE);
  gtk_image_set_from_icon_name (erow->icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (erow->icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (erow->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (erow->icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (erow->icon), css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (erow->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (erow->icon), TRUE);

  g_object_set_data_full (G_OBJECT (erow->row), "sti-endpoint",
                          g_object_ref (report), g_object_unref);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (erow->row), TRUE);
  gtk_widget_set_visible (erow->arrow, TRUE);

  endpoint_row_update (erow);
}

static void sti_window_show_endpoint (StiWindow         *self,
                                      StiEndpointReport *endpoint);

static void
on_endpoint_row_activated_cb (StiWindow    *self,
                              AdwActionRow *row)
{
  StiEndpointReport *endpoint = g_object_get_data (G_OBJECT (row), "sti-endpoint");

  if (endpoint != NULL)
    sti_window_show_endpoint (self, endpoint);
}

static AdwPreferencesGroup *
sti_window_ensure_host_group (StiWindow  *self,
                              const char *host,
                              guint       preference,
                              gboolean    implicit)
{
  AdwPreferencesGroup *group = g_hash_table_lookup (self->host_groups, host);
  g_autofree char *clean = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  if (group != NULL)
    return group;

  /* Group titles are Pango markup: the name is escaped after it is clean. */
  clean = sti_report_widgets_display_text (host);
  escaped = g_markup_escape_text (clean, -1);
  if (self->domain != NULL && self->domain[0] == '[')
    description = g_strdup (_("One server, checked directly"));
  else if (implicit)
    description = g_strdup (_("No MX record: the domain's own address receives mail"));
  else
    /* Translators: %u is an MX preference number; lower is tried first */
    description = g_strdup_printf (_("Mail server, MX preference %u"), preference);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, escaped);
  adw_preferences_group_set_description (group, description);
  gtk_widget_add_css_class (GTK_WIDGET (group), "host-group");
  gtk_box_append (self->hosts_box, GTK_WIDGET (group));
  g_hash_table_insert (self->host_groups, g_strdup (host), group);

  return group;
}

static EndpointRow *
sti_window_ensure_endpoint_row (StiWindow  *self,
                                const char *host,
                                guint       preference,
                                const char *address)
{
  g_autofree char *key = endpoint_key (host, address);
  EndpointRow *erow = g_hash_table_lookup (self->endpoint_rows, key);
  AdwPreferencesGroup *group;

  if (erow != NULL)
    return erow;

  group = sti_window_ensure_host_group (self, host, preference, FALSE);

  erow = g_new0 (EndpointRow, 1);
  erow->row = ADW_ACTION_ROW (sti_report_widgets_row_new (address, NULL));
  erow->stage = STI_STAGE_PENDING;
  erow->started_us = g_get_monotonic_time ();
  gtk_widget_add_css_class (GTK_WIDGET (erow->row), "endpoint-row");

  erow->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_spinner_start (erow->spinner);
  gtk_accessible_update_property (GTK_ACCESSIBLE (erow->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Checking"),
                                  -1);
  adw_action_row_add_prefix (erow->row, GTK_WIDGET (erow->spinner));

  erow->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_visible (GTK_WIDGET (erow->icon), FALSE);
  adw_action_row_add_prefix (erow->row, GTK_WIDGET (erow->icon));

  erow->arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_visible (erow->arrow, FALSE);
  adw_action_row_add_suffix (erow->row, erow->arrow);

  g_signal_connect_object (erow->row, "activated",
                           G_CALLBACK (on_endpoint_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (erow->row));
  g_hash_table_insert (self->endpoint_rows, g_steal_pointer (&key), erow);

  endpoint_row_update (erow);
  return erow;
}

static void
on_check_host_added_cb (StiWindow      *self,
                        const char     *host,
                        guint           preference,
                        StiDomainCheck *check)
{
  if (check != self->check)
    return;

  sti_window_ensure_host_group (self, host, preference, FALSE);
}

static void
on_check_endpoint_added_cb (StiWindow      *self,
                            const char     *host,
                            guint           preference,
                            const char     *address,
                            StiDomainCheck *check)
{
  if (check != self->check)
    return;

  sti_window_ensure_endpoint_row (self, host, preference, address);
}

static void
on_check_endpoint_stage_changed_cb (StiWindow      *self,
                                    const char     *host,
                                    const char     *address,
                                    StiStage        stage,
                                    StiDomainCheck *check)
{
  g_autofree char *key = NULL;
  EndpointRow *erow;

  if (check != self->check)
    return;

  key = endpoint_key (host, address);
  erow = g_hash_table_lookup (self->endpoint_rows, key);
  if (erow == NULL)
    erow = sti_window_ensure_endpoint_row (self, host, 0, address);
  if (erow->report != NULL)
    return;

  erow->stage = stage;
  endpoint_row_update (erow);
}

static void
on_check_endpoint_finished_cb (StiWindow         *self,
                               StiEndpointReport *report,
                               StiDomainCheck    *check)
{
  g_autofree char *key = NULL;
  EndpointRow *erow;

  if (check != self->check)
    return;

  key = endpoint_key (sti_endpoint_report_get_host (report),
                      sti_endpoint_report_get_address (report));
  erow = g_hash_table_lookup (self->endpoint_rows, key);
  if (erow == NULL)
    erow = sti_window_ensure_endpoint_row (self, sti_endpoint_report_get_host (report), 0,
                                           sti_endpoint_report_get_address (report));

  endpoint_row_set_finished (erow, report);
}

static gboolean
sti_window_tick_cb (gpointer user_data)
{
  StiWindow *self = user_data;
  GHashTableIter iter;
  EndpointRow *erow;
  g_autofree char *elapsed = NULL;
  g_autofree char *subtitle = NULL;

  g_hash_table_iter_init (&iter, self->endpoint_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&erow))
    if (erow->report == NULL && !erow->cancelled)
      endpoint_row_update (erow);

  elapsed = format_elapsed (g_get_monotonic_time () - self->check_started_us);
  /* Translators: %s is the elapsed time, e.g. "3 s" */
  subtitle = g_strdup_printf (_("Checking… %s"), elapsed);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return G_SOURCE_CONTINUE;
}

static void
sti_window_stop_live (StiWindow *self,
                      gboolean   cancelled)
{
  GHashTableIter iter;
  EndpointRow *erow;

  g_clear_handle_id (&self->tick_id, g_source_remove);

  g_hash_table_iter_init (&iter, self->endpoint_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&erow))
    {
      if (erow->report != NULL)
        continue;

      gtk_spinner_stop (erow->spinner);
      gtk_widget_set_visible (GTK_WIDGET (erow->spinner), FALSE);
      gtk_image_set_from_icon_name (erow->icon, "process-stop-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (erow->icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stopped"),
                                      -1);
      gtk_widget_set_visible (GTK_WIDGET (erow->icon), TRUE);
      erow->cancelled = TRUE;
      endpoint_row_update (erow);
    }

  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
}

static void
sti_window_detach_check (StiWindow *self)
{
  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->cancellable);
}

static void
sti_window_show_report (StiWindow       *self,
                        StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  g_autofree char *verdict = sti_report_dup_verdict (report);
  g_autofree char *counts = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *notes = NULL;
  guint n_errors = sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR);
  guint n_warnings = sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING);
  guint n_notes = sti_domain_report_count_by_severity (report, STI_SEVERITY_INFO);
  gboolean secure = sti_report_all_secure (report);
  const char *icon_name;
  const char *css_class;

  /* The final view comes from the report: every host and endpoint, in
   * preference order, including those the live view never saw. */
  g_hash_table_remove_all (self->endpoint_rows);
  g_hash_table_remove_all (self->host_groups);
  clear_box (self->hosts_box);
  clear_box (self->report_box);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      AdwPreferencesGroup *group;

      group = sti_window_ensure_host_group (self, sti_host_report_get_name (host),
                                            MAX (sti_host_report_get_preference (host), 0),
                                            sti_host_report_get_implicit (host));

      if (endpoints == NULL || endpoints->len == 0)
        adw_preferences_group_add (group,
                                   sti_report_widgets_row_new (_("No addresses"),
                                                               _("The name has no IPv4 "
                                                                 "or IPv6 address.")));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          EndpointRow *erow;

          erow = sti_window_ensure_endpoint_row (self, sti_host_report_get_name (host),
                                                 MAX (sti_host_report_get_preference (host), 0),
                                                 sti_endpoint_report_get_address (endpoint));
          endpoint_row_set_finished (erow, endpoint);
        }
    }

  gtk_box_append (self->report_box, sti_report_widgets_findings_group (report, self->settings));
  if (hosts != NULL && hosts->len > 0)
    {
      gtk_box_append (self->report_box, sti_report_widgets_policies_group (report));
      gtk_box_append (self->report_box, sti_report_widgets_policy_group (report));
    }
  if (sti_domain_report_get_dns_evidence (report) != NULL &&
      sti_domain_report_get_dns_evidence (report)->len > 0)
    gtk_box_append (self->report_box, sti_report_widgets_dns_group (report));

  if (n_errors > 0)
    {
      icon_name = "dialog-error-symbolic";
      css_class = "error";
    }
  else if (secure || sti_domain_report_get_endpoint_count (report) == 0)
    {
      icon_name = n_warnings > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic";
      css_class = n_warnings > 0 ? "warning" : "success";
    }
  else
    {
      icon_name = "dialog-warning-symbolic";
      css_class = "warning";
    }

  gtk_label_set_text (self->verdict_label, verdict);
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css_class);

  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                            n_errors);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                           n_warnings),
                              n_warnings);
  notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
  /* Translators: the counts of findings by severity */
  counts = g_strdup_printf (_("%s, %s, %s"), errors, warnings, notes);
  gtk_label_set_text (self->counts_label, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, verdict,
                                  -1);
}

/* The results page of a finished check is GTK widget construction and
 * text layout; when many windows finish at once, building all their pages
 * in one main-loop dispatch stalls the loop. Finished pages wait in one
 * process-wide queue that an idle builds ONE page per dispatch, so the
 * longest stall is about one page's build. A queued window stays busy. */
static GQueue build_queue = G_QUEUE_INIT;  /* StiWindow *, unowned: dispose removes it */
static guint build_idle_id;

static void
sti_window_build_pending (StiWindow *self)
{
  g_autoptr(StiDomainReport) report = g_steal_pointer (&self->pending_report);

  if (report == NULL)
    return;

  g_set_object (&self->report, report);
  sti_window_show_report (self, report);
  adw_window_title_set_subtitle (self->window_title, _("Finished"));
  sti_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
build_queue_dispatch_cb (gpointer user_data)
{
  StiWindow *self = g_queue_pop_head (&build_queue);

  if (self != NULL)
    sti_window_build_pending (self);

  if (g_queue_is_empty (&build_queue))
    {
      build_idle_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
sti_window_queue_build (StiWindow       *self,
                        StiDomainReport *report)
{
  g_set_object (&self->pending_report, report);
  if (g_queue_find (&build_queue, self) == NULL)
    g_queue_push_tail (&build_queue, self);
  if (build_idle_id == 0)
    build_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_queue_dispatch_cb, NULL, NULL);
}

static void
sti_window_unqueue_build (StiWindow *self)
{
  g_queue_remove (&build_queue, self);
  g_clear_object (&self->pending_report);
}

typedef struct
{
  GWeakRef        window;
  StiDomainCheck *check;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_weak_ref_clear (&data->window);
  g_clear_object (&data->check);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckData, check_data_free)

static void
sti_window_check_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(CheckData) data = user_data;
  g_autoptr(StiWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean cancelled;

  report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);

  /* The window is gone, or it has started another check since. */
  if (self == NULL || self->check != data->check)
    return;

  sti_window_detach_check (self);
  cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  sti_window_stop_live (self, cancelled);

  if (report != NULL)
    {
      /* Busy until the page is built (sti_window_build_pending). */
      adw_window_title_set_subtitle (self->window_title, _("Preparing the results…"));
      sti_window_queue_build (self, report);
      sti_window_update_actions (self);
      return;
    }
  else if (cancelled)
    {
      gtk_label_set_text (self->verdict_label, _("Check cancelled"));
      gtk_label_set_text (self->counts_label, _("Nothing more was sent to the servers."));
      gtk_image_set_from_icon_name (self->verdict_icon, "process-stop-symbolic");
      adw_window_title_set_subtitle (self->window_title, _("Cancelled"));
    }
  else
    {
      g_autofree char *clean = sti_report_widgets_display_text (error->message);

      gtk_label_set_text (self->verdict_label, _("The check could not run"));
      gtk_label_set_text (self->counts_label, clean);
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
      adw_window_title_set_subtitle (self->window_title, _("Failed"));
      g_clear_error (&self->check_error);
      self->check_error = g_steal_pointer (&error);
    }

  sti_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sti_window_remember_domain (StiWindow  *self,
                            const char *domain)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-domains");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, domain);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_DOMAINS; i++)
    {
      if (g_str_equal (recent[i], domain))
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-domains", (const char * const *)updated);
}

static void
sti_window_start_check (StiWindow  *self,
                        const char *domain)
{
  g_autoptr(StiCheckSessionOptions) options = sti_settings_dup_check_options (self->settings);
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  CheckData *data;

  if (self->check != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      sti_window_detach_check (self);
      g_clear_handle_id (&self->tick_id, g_source_remove);
    }

  check = sti_check_session_create_check (self->session, domain, options, &error);
  if (check == NULL)
    {
      g_autofree char *clean = sti_report_widgets_display_text (error->message);

      sti_window_set_page (self, "start");
      sti_window_show_input_error (self, clean);
      return;
    }

  sti_window_remember_domain (self, domain);

  sti_window_unqueue_build (self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  sti_window_set_offline (self, FALSE);
  g_clear_object (&self->report);
  g_clear_error (&self->check_error);
  g_clear_object (&self->shown_endpoint);
  self->transcript_view = NULL;
  adw_bin_set_child (self->endpoint_bin, NULL);
  g_hash_table_remove_all (self->endpoint_rows);
  g_hash_table_remove_all (self->host_groups);
  clear_box (self->hosts_box);
  clear_box (self->report_box);

  gtk_label_set_text (self->verdict_label, _("Checking the mail servers…"));
  gtk_label_set_text (self->counts_label,
                      _("Results appear as each server answers. Press Escape to stop."));
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "spinner");
  gtk_spinner_start (self->verdict_spinner);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroll), 0);

  self->check = g_object_ref (check);
  self->cancellable = g_cancellable_new ();
  self->check_started_us = g_get_monotonic_time ();

  g_signal_connect_object (check, "host-added",
                           G_CALLBACK (on_check_host_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "endpoint-added",
                           G_CALLBACK (on_check_endpoint_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "endpoint-stage-changed",
                           G_CALLBACK (on_check_endpoint_stage_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "endpoint-finished",
                           G_CALLBACK (on_check_endpoint_finished_cb), self, G_CONNECT_SWAPPED);

  sti_window_set_page (self, "results");
  sti_window_tick_cb (self);
  self->tick_id = g_timeout_add_seconds (1, sti_window_tick_cb, self);

  data = g_new0 (CheckData, 1);
  g_weak_ref_init (&data->window, self);
  data->check = g_object_ref (check);
  sti_domain_check_run_async (check, self->cancellable, sti_window_check_done_cb, data);

  sti_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sti_window_real_check_requested (StiWindow  *self,
                                 const char *domain)
{
  sti_window_start_check (self, domain);
}

static void
sti_window_show_endpoint (StiWindow         *self,
                          StiEndpointReport *endpoint)
{
  GtkWidget *detail;
  g_autofree char *subtitle = NULL;

  g_set_object (&self->shown_endpoint, endpoint);
  detail = sti_report_widgets_endpoint_detail (endpoint, &self->transcript_view);
  adw_bin_set_child (self->endpoint_bin, detail);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->endpoint_scroll), 0);

  sti_window_set_page (self, "endpoint");
  subtitle = g_strdup_printf ("%s (%s)", sti_endpoint_report_get_host (endpoint),
                              sti_endpoint_report_get_address (endpoint));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  sti_window_update_actions (self);
}

/* Actions */

static void
sti_window_cancel_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
sti_window_check_again_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autofree char *domain = g_strdup (self->domain);

  if (domain == NULL)
    return;

  sti_window_set_domain (self, domain);
  gtk_widget_activate_action (widget, "win.check", NULL);
}

static void
sti_window_back_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "endpoint") == 0 || g_strcmp0 (page, "compare") == 0)
    {
      sti_window_set_page (self, "results");
      if (self->check == NULL && self->offline)
        adw_window_title_set_subtitle (self->window_title, _("Saved report"));
      else if (self->check == NULL)
        adw_window_title_set_subtitle (self->window_title,
                                       self->report != NULL ? _("Finished") : NULL);
    }
  else if (self->check == NULL)
    {
      sti_window_set_page (self, "start");
      gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
    }
}

static gboolean
sti_window_escape_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  StiWindow *self = STI_WINDOW (widget);

  if (self->check != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "endpoint") == 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "compare") == 0)
    {
      gtk_widget_activate_action (widget, "win.back", NULL);
      return TRUE;
    }

  return FALSE;
}

static void
sti_window_copy_transcript_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->shown_endpoint == NULL)
    return;

  text = sti_report_widgets_transcript_text (self->shown_endpoint);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Transcript copied")));
}

static void
sti_window_view_certificate_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  GPtrArray *chain;
  guint index = g_variant_get_uint32 (parameter);

  if (self->shown_endpoint == NULL)
    return;

  chain = sti_endpoint_report_get_chain (self->shown_endpoint);
  if (chain == NULL || index >= chain->len)
    return;

  g_signal_emit (self, signals[CERTIFICATE_ACTIVATED], 0, g_ptr_array_index (chain, index));
}

/* From a certificate finding in the results: the viewer on the endpoint's
 * chain, at the certificate the finding names, with the field marked. */
static void
sti_window_show_finding_certificate_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  const char *host, *address, *id;
  guint32 position;
  GPtrArray *hosts;

  g_variant_get (parameter, "(&s&s&su)", &host, &address, &id, &position);
  if (self->report == NULL)
    return;

  hosts = sti_domain_report_get_hosts (self->report);
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
          GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);

          if (g_strcmp0 (sti_endpoint_report_get_host (endpoint), host) != 0 ||
              g_strcmp0 (sti_endpoint_report_get_address (endpoint), address) != 0 ||
              chain == NULL || chain->len == 0)
            continue;

          for (guint k = 0; k < findings->len; k++)
            {
              StiFinding *finding = g_ptr_array_index (findings, k);

              if (g_strcmp0 (sti_finding_get_id (finding), id) != 0)
                continue;

              gtk_window_present (GTK_WINDOW (
                sti_certificate_window_new_for_finding (GTK_WINDOW (self), chain,
                                                        MIN (position, chain->len - 1),
                                                        finding)));
              return;
            }
        }
    }
}

static void
sti_window_copy_text_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static void
on_transcript_saved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(StiWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *escaped = NULL;
      g_autofree char *title = NULL;

      if (self == NULL)
        return;
      /* Toast titles are markup in libadwaita 1.2. */
      escaped = g_markup_escape_text (error->message, -1);
      title = g_strdup_printf (_("Could not save: %s"), escaped);
      toast = adw_toast_new (title);
    }
  else
    {
      if (self == NULL)
        return;
      toast = adw_toast_new (_("Transcript saved"));
    }

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_save_chooser_response_cb (StiWindow            *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GWeakRef *ref;
  char *text;

  if (response == GTK_RESPONSE_ACCEPT && self->shown_endpoint != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      text = sti_report_widgets_transcript_text (self->shown_endpoint);
      bytes = g_bytes_new_take (text, strlen (text));
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, self);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           on_transcript_saved_cb, ref);
    }

  g_clear_object (&self->chooser);
}

/* The window's one file chooser at a time: modal, answered by @response_cb
 * (called with the window first). The caller adds filters and shows it. */
static GtkFileChooser *
window_chooser_new (StiWindow            *self,
                    const char           *title,
                    GtkFileChooserAction  action,
                    const char           *accept_label,
                    GCallback             response_cb)
{
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                               accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", response_cb, self, G_CONNECT_SWAPPED);

  return GTK_FILE_CHOOSER (self->chooser);
}

static void
sti_window_save_transcript_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->shown_endpoint == NULL || self->chooser != NULL)
    return;

  chooser = window_chooser_new (self, _("Save Transcript"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Save"), G_CALLBACK (on_save_chooser_response_cb));
  name = g_strdup_printf ("%s-%s.txt", sti_endpoint_report_get_host (self->shown_endpoint),
                          sti_endpoint_report_get_address (self->shown_endpoint));
  g_strdelimit (name, "/\\:", '_');
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_open_chooser_response_cb (StiWindow            *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    sti_window_open_file (self, file);
}

static void
sti_window_open_certificate_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Certificates"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.cer");
  gtk_file_filter_add_pattern (filter, "*.der");
  gtk_file_chooser_add_filter (window_chooser_new (self, _("Open Certificate"),
                                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                   G_CALLBACK (on_open_chooser_response_cb)),
                               filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sti_window_preferences_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  GtkWindow *preferences;

  if (self->settings == NULL)
    return;

  preferences = GTK_WINDOW (sti_preferences_window_new (GTK_WINDOW (self), self->settings));
  gtk_window_present (preferences);
}

/* Saved reports: export, open, compare */

static int
sti_window_preferred_mta (StiWindow *self)
{
  g_autofree char *value = NULL;
  StiMta mta = STI_MTA_POSTFIX;

  if (self->settings == NULL)
    return mta;

  value = g_settings_get_string (self->settings, "preferred-mta");
  if (!sti_mta_from_string (value, &mta))
    mta = STI_MTA_POSTFIX;

  return mta;
}

/* An error the user has to read: a message dialog, since a toast cuts a
 * long message off. Neither heading nor body is markup. */
static void
sti_window_show_error (StiWindow  *self,
                       const char *heading,
                       const char *body)
{
  g_autofree char *clean = sti_report_widgets_display_text (body);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), clean);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "sti-error-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_report_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StiWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      if (self != NULL)
        sti_window_show_error (self, _("Could Not Save the Report"), error->message);
      return;
    }

  if (self == NULL)
    return;

  uri = g_file_get_uri (G_FILE (object));
  toast = adw_toast_new (_("Report saved"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * sti_window_export_report:
 * @self: a #StiWindow
 * @file: where to write
 * @format: the format
 *
 * Exports the report shown in @self to @file in @format, with the fix
 * steps of the preferred mail server software (GSettings `preferred-mta`).
 * This is what the Export dialog calls. The file is written
 * asynchronously; a toast says "Report saved" (with a button that opens
 * the file), an error dialog why it failed. Does nothing without a report.
 */
void
sti_window_export_report (StiWindow       *self,
                          GFile           *file,
                          StiReportFormat  format)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *ref;

  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->report == NULL)
    return;

  bytes = sti_report_export (self->report, format, sti_window_preferred_mta (self), &error);
  if (bytes == NULL)
    {
      sti_window_show_error (self, _("Could Not Export the Report"), error->message);
      return;
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       on_report_saved_cb, ref);
}

static const StiReportFormat export_formats[] = {
  STI_REPORT_FORMAT_HTML,
  STI_REPORT_FORMAT_PDF,
  STI_REPORT_FORMAT_MARKDOWN,
  STI_REPORT_FORMAT_JSON,
};

static const char *
export_format_label (StiReportFormat format)
{
  switch (format)
    {
    case STI_REPORT_FORMAT_HTML:
      return _("HTML document");
    case STI_REPORT_FORMAT_PDF:
      return _("PDF document");
    case STI_REPORT_FORMAT_MARKDOWN:
      return _("Markdown text");
    case STI_REPORT_FORMAT_JSON:
      return _("JSON report (can be opened again)");
    case STI_REPORT_FORMAT_TEXT:
    default:
      return _("Plain text");
    }
}

/* The format a chosen name asks for by its extension, if any. */
static gboolean
export_format_for_name (const char      *name,
                        StiReportFormat *format)
{
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;

  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_ascii_strcasecmp (dot + 1, sti_report_format_get_extension (export_formats[i])) == 0)
      {
        *format = export_formats[i];
        return TRUE;
      }

  if (g_ascii_strcasecmp (dot + 1, "htm") == 0)
    {
      *format = STI_REPORT_FORMAT_HTML;
      return TRUE;
    }

  return FALSE;
}

static void
on_export_chooser_response_cb (StiWindow            *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  StiReportFormat format = STI_REPORT_FORMAT_HTML;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  if (filter != NULL && g_object_get_data (G_OBJECT (filter), "sti-format") != NULL)
    format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "sti-format")) - 1;
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  /* An extension the user typed wins over the filter; a name without one
   * gets the filter's. */
  name = g_file_get_basename (file);
  if (!export_format_for_name (name, &format))
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_extension = g_strdup_printf ("%s.%s", name,
                                                         sti_report_format_get_extension (format));

      if (parent != NULL)
        g_set_object (&file, g_file_get_child (parent, with_extension));
    }

  sti_window_export_report (self, file, format);
}

static void
sti_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (self->report == NULL || self->chooser != NULL)
    return;

  chooser = window_chooser_new (self, _("Export Report"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Export"), G_CALLBACK (on_export_chooser_response_cb));

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern =
        g_strdup_printf ("*.%s", sti_report_format_get_extension (export_formats[i]));

      gtk_file_filter_set_name (filter, export_format_label (export_formats[i]));
      gtk_file_filter_add_pattern (filter, pattern);
      gtk_file_filter_add_mime_type (filter,
                                     sti_report_format_get_content_type (export_formats[i]));
      g_object_set_data (G_OBJECT (filter), "sti-format",
                         GINT_TO_POINTER (export_formats[i] + 1));
      gtk_file_chooser_add_filter (chooser, filter);
      if (i == 0)
        gtk_file_chooser_set_filter (chooser, filter);
    }

  name = sti_report_dup_suggested_filename (self->report, STI_REPORT_FORMAT_HTML);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sti_window_copy_summary_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;

  text = sti_report_to_text (self->report, STI_REPORT_TEXT_TRANSCRIPT);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Summary copied")));
}

static void
sti_window_open_uri_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* Loading a saved report happens on a worker thread: the file is read with
 * a size cap and parsed there, and only the finished report comes back. */
typedef struct
{
  GFile    *file;
  GWeakRef  window;
  gboolean  compare;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_weak_ref_clear (&data->window);
  g_free (data);
}

static void
load_report_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) contents = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  StiDomainReport *report;
  guint8 chunk[64 * 1024];

  stream = g_file_read (data->file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                      cancellable, &error);

      if (n < 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (n == 0)
        break;
      if (contents->len + (gsize)n > MAX_REPORT_FILE_SIZE)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The file is larger than any saved report (%u MiB)."),
                                   (guint)(MAX_REPORT_FILE_SIZE / (1024 * 1024)));
          return;
        }
      g_byte_array_append (contents, chunk, (guint)n);
    }

  report = sti_report_load_from_data (contents->len > 0 ? (const char *)contents->data : "",
                                      contents->len, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, report, g_object_unref);
}

static void
sti_window_set_offline (StiWindow *self,
                        gboolean   offline)
{
  self->offline = offline;
  if (!offline)
    {
      gtk_label_set_text (self->saved_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->saved_label), FALSE);
    }
}

static void
sti_window_show_saved_report (StiWindow       *self,
                              StiDomainReport *report)
{
  GDateTime *started = sti_domain_report_get_started_at (report);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *marker = NULL;
  gboolean was_busy = sti_window_get_busy (self);

  /* A saved report replaces whatever the window showed, a running check
   * included. */
  if (self->check != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      sti_window_detach_check (self);
      sti_window_stop_live (self, TRUE);
    }
  sti_window_unqueue_build (self);
  g_clear_error (&self->check_error);
  g_clear_object (&self->shown_endpoint);
  self->transcript_view = NULL;
  adw_bin_set_child (self->endpoint_bin, NULL);
  adw_bin_set_child (self->compare_bin, NULL);

  g_set_object (&self->report, report);
  self->offline = TRUE;
  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
  sti_window_show_report (self, report);

  if (started != NULL)
    local = g_date_time_to_local (started);
  date = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M %Z")
                       : g_strdup (_("an unknown date"));
  /* Translators: %s is the date and local time the saved check ran */
  marker = g_strdup_printf (_("Saved report from %s — not a live check"), date);
  gtk_label_set_text (self->saved_label, marker);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), TRUE);

  sti_window_set_page (self, "results");
  adw_window_title_set_subtitle (self->window_title, _("Saved report"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroll), 0);
  sti_window_update_actions (self);
  if (was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sti_window_show_comparison (StiWindow       *self,
                            StiDomainReport *other)
{
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  StiDomainReport *old_report = self->report;
  StiDomainReport *new_report = other;
  GDateTime *current_started = sti_domain_report_get_started_at (self->report);
  GDateTime *other_started = sti_domain_report_get_started_at (other);

  /* The older report is "before", whichever the user opened first. */
  if (current_started != NULL && other_started != NULL &&
      g_date_time_compare (other_started, current_started) < 0)
    {
      old_report = other;
      new_report = self->report;
    }

  cmp = sti_report_compare (old_report, new_report, &error);
  if (cmp == NULL)
    {
      sti_window_show_error (self, _("Cannot Compare These Reports"), error->message);
      return;
    }

  adw_bin_set_child (self->compare_bin, sti_report_widgets_comparison (cmp));
  sti_window_set_page (self, "compare");
  adw_window_title_set_subtitle (self->window_title, _("Comparison"));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->compare_scroll), 0);
  sti_window_update_actions (self);
}

static void
on_report_file_loaded_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(StiWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_task_get_cancellable (G_TASK (result)) == self->file_cancellable)
    g_clear_object (&self->file_cancellable);

  if (report == NULL)
    {
      g_autofree char *basename = g_file_get_basename (data->file);
      g_autofree char *heading = NULL;

      name = g_filename_display_name (basename != NULL ? basename : "");
      /* Translators: %s is a file name */
      heading = g_strdup_printf (data->compare ? _("Cannot Compare With “%s”")
                                               : _("Cannot Open “%s”"), name);
      sti_window_show_error (self, heading, error->message);
      return;
    }

  if (data->compare)
    {
      if (self->report != NULL)
        sti_window_show_comparison (self, report);
    }
  else
    {
      sti_window_show_saved_report (self, report);
    }
}

static void
sti_window_load_report_file (StiWindow *self,
                             GFile     *file,
                             gboolean   compare)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  self->file_cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->compare = compare;
  g_weak_ref_init (&data->window, self);

  task = g_task_new (NULL, self->file_cancellable, on_report_file_loaded_cb, NULL);
  g_task_set_source_tag (task, sti_window_load_report_file);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (task, load_report_thread);
}

/**
 * sti_window_open_report_file:
 * @self: a #StiWindow
 * @file: a report saved as JSON (by Export or `starttls-inspector --json`)
 *
 * Loads @file (asynchronously, on a worker thread; at most 16 MiB) and
 * shows it on the results page, read-only: a marker under the verdict
 * says when the check ran and that it is not a live check, and "Check
 * again" is off. A file that is not a report this program reads (corrupt,
 * truncated, foreign) gets an error dialog with the reason and leaves the window
 * as it was.
 */
void
sti_window_open_report_file (StiWindow *self,
                             GFile     *file)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  sti_window_load_report_file (self, file, FALSE);
}

/**
 * sti_window_compare_with_file:
 * @self: a #StiWindow showing a report (live or loaded)
 * @file: another saved JSON report of the same domain
 *
 * Loads @file and shows the comparison page: the older of the two reports
 * (by start time) is "before". A report of another domain, or a file that
 * is not a report, gets an error dialog and changes nothing. Does nothing without
 * a report shown.
 */
void
sti_window_compare_with_file (StiWindow *self,
                              GFile     *file)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->report == NULL)
    return;

  sti_window_load_report_file (self, file, TRUE);
}

/**
 * sti_window_get_offline:
 * @self: a #StiWindow
 *
 * Returns: %TRUE when the report shown was loaded from a file
 */
gboolean
sti_window_get_offline (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), FALSE);

  return self->offline;
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Saved reports (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
on_report_chooser_response_cb (StiWindow            *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gboolean compare = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "sti-compare"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (compare)
    sti_window_compare_with_file (self, file);
  else
    sti_window_open_report_file (self, file);
}

static void
sti_window_choose_report (StiWindow  *self,
                          const char *title,
                          gboolean    compare)
{
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_chooser_add_filter (window_chooser_new (self, title, GTK_FILE_CHOOSER_ACTION_OPEN,
                                                   _("_Open"),
                                                   G_CALLBACK (on_report_chooser_response_cb)),
                               filter);
  g_object_set_data (G_OBJECT (self->chooser), "sti-compare", GINT_TO_POINTER (compare));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sti_window_open_report_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  sti_window_choose_report (STI_WINDOW (widget), _("Open Report"), FALSE);
}

static void
sti_window_compare_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  if (self->report != NULL)
    sti_window_choose_report (self, _("Compare With Report"), TRUE);
}

/* The start page lists */

static void
sti_window_check_text (StiWindow  *self,
                       const char *text)
{
  sti_window_set_domain (self, text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.check", NULL);
}

static void
on_recent_list_row_activated_cb (StiWindow     *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  const char *domain = g_object_get_data (G_OBJECT (row), "sti-domain");

  if (domain != NULL)
    sti_window_check_text (self, domain);
}

static void
on_demo_list_row_activated_cb (StiWindow     *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list)
{
  const char *domain = g_object_get_data (G_OBJECT (row), "sti-domain");

  if (domain != NULL)
    sti_window_check_text (self, domain);
}

static void
sti_window_remove_recent_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  const char *domain = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-domains");
  for (guint i = 0; recent[i] != NULL; i++)
    if (!g_str_equal (recent[i], domain))
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-domains", (const char * const *)updated);
}

static void
sti_window_rebuild_recent (StiWindow *self)
{
  g_auto(GStrv) recent = NULL;
  GtkWidget *child;

  self->recent_dirty = FALSE;
  g_clear_handle_id (&self->recent_idle_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-domains");

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *clean = sti_report_widgets_display_text (recent[i]);
      g_autofree char *tooltip = NULL;
      GtkWidget *row = sti_report_widgets_row_new (clean, NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

      /* Translators: %s is a domain name */
      tooltip = g_strdup_printf (_("Remove %s from the recent domains"), clean);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", recent[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sti-domain", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_group, recent != NULL && recent[0] != NULL);
}

static gboolean
sti_window_rebuild_recent_idle_cb (gpointer user_data)
{
  StiWindow *self = user_data;

  self->recent_idle_id = 0;
  /* A window that left the start page since rebuilds when it returns. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    sti_window_rebuild_recent (self);
  return G_SOURCE_REMOVE;
}

/* Every window shares the setting: a check in one window must not make all
 * the others rebuild their list at once, so the rebuild waits until the
 * start page shows on screen, and then for an idle moment. */
static void
sti_window_queue_recent_rebuild (StiWindow *self)
{
  self->recent_dirty = TRUE;

  if (self->recent_idle_id == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    self->recent_idle_id = g_idle_add (sti_window_rebuild_recent_idle_cb, self);
}

static void
sti_window_map (GtkWidget *widget)
{
  StiWindow *self = STI_WINDOW (widget);

  GTK_WIDGET_CLASS (sti_window_parent_class)->map (widget);

  if (self->recent_dirty)
    sti_window_queue_recent_rebuild (self);
}

static void
on_recent_domains_changed_cb (StiWindow  *self,
                              const char *key,
                              GSettings  *settings)
{
  sti_window_queue_recent_rebuild (self);
}

static void
sti_window_build_demo_list (StiWindow *self)
{
  const StiLabScenario *scenarios;
  guint n_scenarios = 0;

  scenarios = sti_lab_get_scenarios (&n_scenarios);
  for (guint i = 0; i < n_scenarios; i++)
    {
      GtkWidget *row = sti_report_widgets_row_new (scenarios[i].domain,
                                                   _(scenarios[i].description));
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "sti-domain", (gpointer)scenarios[i].domain);
      gtk_list_box_append (self->demo_list, row);
    }
}

static gboolean
sti_window_close_request (GtkWindow *window)
{
  StiWindow *self = STI_WINDOW (window);

  if (self->settings != NULL)
    {
      int width = 0;
      int height = 0;

      /* The default size follows the unmaximized size in GTK 4. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sti_window_parent_class)->close_request (window);
}

static void
sti_window_constructed (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  G_OBJECT_CLASS (sti_window_parent_class)->constructed (object);

  self->settings = sti_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_object (self->settings, "changed::recent-domains",
                               G_CALLBACK (on_recent_domains_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  sti_window_rebuild_recent (self);
}

static void
sti_window_dispose (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  sti_window_detach_check (self);
  sti_window_unqueue_build (self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->recent_idle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->endpoint_rows, g_hash_table_unref);
  g_clear_pointer (&self->host_groups, g_hash_table_unref);
  self->transcript_view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_WINDOW);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->report);
  g_clear_object (&self->shown_endpoint);

  G_OBJECT_CLASS (sti_window_parent_class)->dispose (object);
}

static void
sti_window_finalize (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  g_clear_pointer (&self->domain, g_free);
  g_clear_error (&self->check_error);

  G_OBJECT_CLASS (sti_window_parent_class)->finalize (object);
}

static void
sti_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StiWindow *self = STI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, sti_window_get_domain (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, sti_window_get_busy (self));
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StiWindow *self = STI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_window_class_init (StiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sti_window_constructed;
  object_class->dispose = sti_window_dispose;
  object_class->finalize = sti_window_finalize;
  object_class->get_property = sti_window_get_property;
  object_class->set_property = sti_window_set_property;

  widget_class->map = sti_window_map;
  window_class->close_request = sti_window_close_request;

  /**
   * StiWindow:domain: (nullable)
   *
   * The target of the most recent check request, in the form
   * #StiWindow::check-requested carries; %NULL before the first one.
   */
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * StiWindow:busy:
   *
   * Whether a check runs in this window.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StiWindow:session:
   *
   * The check session the window creates its checks with.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STI_TYPE_CHECK_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StiWindow::check-requested:
   * @self: the window
   * @domain: what to check, already validated by sti_check_target_parse():
   *   the mail domain (A-label form, lower case, no trailing dot), or for a
   *   single server `[host]` or `[host]:port`
   *
   * Emitted when the user asks for a check (the Check button, Enter in the
   * entry, Ctrl+R, a recent or demo domain, or a DOMAIN on the command
   * line). The default handler runs the check in this window, set up by
   * the session (#StiWindow:session) from the preferences; a handler that
   * calls g_signal_stop_emission_by_name() prevents that.
   */
  signals[CHECK_REQUESTED] =
    g_signal_new_class_handler ("check-requested",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sti_window_real_check_requested),
                                NULL, NULL,
                                NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * StiWindow::file-open-requested:
   * @self: the window
   * @file: the file to open, which existed when it was requested
   *
   * Emitted by sti_window_open_file(), for example for a FILE on the command
   * line. It is meant for the certificate viewer; nothing else handles it.
   */
  signals[FILE_OPEN_REQUESTED] =
    g_signal_new ("file-open-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * StiWindow::certificate-activated:
   * @self: the window
   * @certificate: the certificate the user opened in an endpoint's chain
   *
   * Emitted when a certificate of the shown endpoint's chain is activated
   * (`win.view-certificate` with its index). It is meant for the
   * certificate viewer; nothing else handles it.
   */
  signals[CERTIFICATE_ACTIVATED] =
    g_signal_new ("certificate-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, STI_TYPE_CERTIFICATE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, domain_entry);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, again_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, open_report_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, demo_list);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_spinner);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, hosts_box);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, report_box);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, endpoint_bin);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, results_scroll);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, endpoint_scroll);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, compare_bin);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, compare_scroll);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.check", NULL,
                                   sti_window_check_action);
  gtk_widget_class_install_action (widget_class, "win.focus-domain", NULL,
                                   sti_window_focus_domain_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL,
                                   sti_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.check-again", NULL,
                                   sti_window_check_again_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   sti_window_back_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL,
                                   sti_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL,
                                   sti_window_copy_summary_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", NULL,
                                   sti_window_open_report_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL,
                                   sti_window_compare_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s",
                                   sti_window_open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.copy-transcript", NULL,
                                   sti_window_copy_transcript_action);
  gtk_widget_class_install_action (widget_class, "win.save-transcript", NULL,
                                   sti_window_save_transcript_action);
  gtk_widget_class_install_action (widget_class, "win.open-certificate", NULL,
                                   sti_window_open_certificate_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   sti_window_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.remove-recent", "s",
                                   sti_window_remove_recent_action);
  gtk_widget_class_install_action (widget_class, "win.copy-text", "s",
                                   sti_window_copy_text_action);
  gtk_widget_class_install_action (widget_class, "win.show-finding-certificate", "(sssu)",
                                   sti_window_show_finding_certificate_action);
  gtk_widget_class_install_action (widget_class, "win.view-certificate", "u",
                                   sti_window_view_certificate_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0,
                                sti_window_escape_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.check-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-certificate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-domain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sti_window_init (StiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);
  /* Otherwise the first focusable widget, the menu button, gets it. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->domain_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check", FALSE);

  self->endpoint_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)endpoint_row_free);
  self->host_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sti_window_build_demo_list (self);
  sti_window_update_actions (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * sti_window_new:
 * @application: the application the window belongs to
 * @session: the check session to create checks with
 *
 * Creates a window. It restores its size from GSettings and saves it when
 * it closes.
 *
 * Returns: (transfer none): the new window, owned by GTK's toplevel list
 */
StiWindow *
sti_window_new (GtkApplication  *application,
                StiCheckSession *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STI_IS_CHECK_SESSION (session), NULL);

  return g_object_new (STI_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

/**
 * sti_window_set_domain:
 * @self: a #StiWindow
 * @domain: the text to put in the domain entry
 *
 * Fills the domain entry on the start page. This does not start a check:
 * activate the `win.check` action for that, which validates the text with
 * sti_check_target_parse() and emits #StiWindow::check-requested.
 */
void
sti_window_set_domain (StiWindow  *self,
                       const char *domain)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (domain != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->domain_entry), domain);
  gtk_editable_set_position (GTK_EDITABLE (self->domain_entry), -1);
}

/**
 * sti_window_get_domain:
 * @self: a #StiWindow
 *
 * Returns: (nullable): the target of the most recent check request, as
 *   #StiWindow::check-requested carried it
 */
const char *
sti_window_get_domain (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), NULL);

  return self->domain;
}

/**
 * sti_window_open_file:
 * @self: a #StiWindow
 * @file: a file to open, such as a certificate
 *
 * Emits #StiWindow::file-open-requested for @file.
 */
void
sti_window_open_file (StiWindow *self,
                      GFile     *file)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_signal_emit (self, signals[FILE_OPEN_REQUESTED], 0, file);
}

/**
 * sti_window_add_toast:
 * @self: a #StiWindow
 * @toast: (transfer full): a toast for a one-off event
 *
 * Shows @toast. Toast titles are Pango markup in libadwaita 1.2: escape
 * anything that did not come from a translation.
 */
void
sti_window_add_toast (StiWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * sti_window_get_busy:
 * @self: a #StiWindow
 *
 * Returns: %TRUE while a check runs in @self, until its results page is
 *   built
 */
gboolean
sti_window_get_busy (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), FALSE);

  return self->check != NULL || self->pending_report != NULL;
}

/**
 * sti_window_get_report:
 * @self: a #StiWindow
 *
 * Returns: (nullable) (transfer none): the report of the last check that
 *   finished in @self, or %NULL while none has (or it failed or was
 *   cancelled)
 */
StiDomainReport *
sti_window_get_report (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), NULL);

  return self->report;
}

/**
 * sti_window_cancel_check:
 * @self: a #StiWindow
 *
 * Stops the running check at once, like Escape. Its endpoints stop where
 * they are; #StiWindow:busy turns %FALSE when the engine has wound down.
 */
void
sti_window_cancel_check (StiWindow *self)
{
  g_return_if_fail (STI_IS_WINDOW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
