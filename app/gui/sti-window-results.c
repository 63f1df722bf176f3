/* sti-window-results.c: the results page of StiWindow and an endpoint's details
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-checks-group.h"
#include "sti-dns-group.h"
#include "sti-endpoint-detail.h"
#include "sti-endpoint-row.h"
#include "sti-findings-group.h"
#include "sti-host-report.h"
#include "sti-mandatory-window.h"
#include "sti-located-finding.h"
#include "sti-policies-group.h"
#include "sti-report-format.h"
#include "sti-report-sections.h"
#include "sti-report-text.h"
#include "sti-report-widgets.h"
#include "sti-sender-verdict-group.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>

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
on_endpoint_row_activated_cb (StiWindow      *self,
                              StiEndpointRow *row)
{
  StiEndpointReport *endpoint = sti_endpoint_row_get_endpoint (row);

  if (endpoint != NULL)
    sti_window_show_endpoint (self, endpoint);
}

AdwPreferencesGroup *
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

StiEndpointRow *
sti_window_ensure_endpoint_row (StiWindow  *self,
                                const char *host,
                                guint       preference,
                                const char *address)
{
  g_autofree char *key = endpoint_key (host, address);
  StiEndpointRow *row = g_hash_table_lookup (self->endpoint_rows, key);
  AdwPreferencesGroup *group;

  if (row != NULL)
    return row;

  group = sti_window_ensure_host_group (self, host, preference, FALSE);
  row = sti_endpoint_row_new (address);
  g_signal_connect_object (row, "activated",
                           G_CALLBACK (on_endpoint_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_hash_table_insert (self->endpoint_rows, g_steal_pointer (&key), row);

  return row;
}

/* A stage or an end can come before the endpoint was announced. */
void
sti_window_set_endpoint_stage (StiWindow  *self,
                               const char *host,
                               const char *address,
                               StiStage    stage)
{
  sti_endpoint_row_set_stage (sti_window_ensure_endpoint_row (self, host, 0, address), stage);
}

void
sti_window_set_endpoint_finished (StiWindow         *self,
                                  StiEndpointReport *endpoint)
{
  StiEndpointRow *row;

  row = sti_window_ensure_endpoint_row (self, sti_endpoint_report_get_host (endpoint), 0,
                                        sti_endpoint_report_get_address (endpoint));
  sti_endpoint_row_set_finished (row, endpoint);
}

void
sti_window_tick_endpoints (StiWindow *self)
{
  GHashTableIter iter;
  StiEndpointRow *row;

  g_hash_table_iter_init (&iter, self->endpoint_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&row))
    sti_endpoint_row_tick (row);
}

void
sti_window_stop_endpoints (StiWindow *self)
{
  GHashTableIter iter;
  StiEndpointRow *row;

  g_hash_table_iter_init (&iter, self->endpoint_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&row))
    sti_endpoint_row_stop (row);
}

/* Empties the results page for another check or report. */
void
sti_window_clear_results (StiWindow *self)
{
  g_hash_table_remove_all (self->endpoint_rows);
  g_hash_table_remove_all (self->host_groups);
  clear_box (self->overview_box);
  clear_box (self->hosts_box);
  clear_box (self->report_box);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_title), FALSE);
}

/* The mail servers and addresses the check left out (IPv6 turned off, the
 * MX or address cap), so that the verdict is read as being about the rest. */
static GtkWidget *
skipped_group_new (StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Not probed"));
  adw_preferences_group_set_description (group, _("The verdict covers only what was probed."));
  gtk_widget_set_name (GTK_WIDGET (group), "skipped-group");
  for (guint i = 0; skipped[i] != NULL; i++)
    {
      g_autofree char *text = sti_report_widgets_display_text (skipped[i]);

      adw_preferences_group_add (group, sti_report_widgets_row_new (text, NULL));
    }

  return GTK_WIDGET (group);
}

/* Whether the user's own DNS server failed the check (the core's
 * dns-resolver-failed): then the verdict comes with the way to Preferences. */
static gboolean
report_blames_settings (StiDomainReport *report)
{
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);

  for (guint i = 0; i < located->len; i++)
    if (g_strcmp0 (sti_finding_get_id (g_array_index (located, StiLocatedFinding, i).finding),
                   "dns-resolver-failed") == 0)
      return TRUE;

  return FALSE;
}

/* A host beyond the MX cap was never looked up: say so, and where the cap
 * is raised, rather than "no addresses". */
static GtkWidget *
not_checked_row_new (StiHostReport *host)
{
  g_autofree char *title = sti_report_dup_host_not_checked (host);
  GtkWidget *row = sti_report_widgets_row_new (title,
                                               _("Raise “Maximum number of mail servers” in "
                                                 "Preferences to check it."));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Preferences"));

  gtk_widget_set_name (row, "mx-not-checked");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.preferences");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

void
sti_window_show_report (StiWindow       *self,
                        StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  g_autofree char *counts = sti_format_report_counts (report);
  guint n_errors = sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR);
  guint n_warnings = sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING);
  gboolean secure = sti_report_all_secure (report);
  const char *icon_name;
  const char *css_class;

  /* The final view comes from the report: every host and endpoint, in
   * preference order, including those the live view never saw. */
  sti_window_clear_results (self);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      AdwPreferencesGroup *group;

      group = sti_window_ensure_host_group (self, sti_host_report_get_name (host),
                                            MAX (sti_host_report_get_preference (host), 0),
                                            sti_host_report_get_implicit (host));

      if (sti_host_report_get_beyond_mx_cap (host) > 0)
        adw_preferences_group_add (group, not_checked_row_new (host));
      else if (endpoints == NULL || endpoints->len == 0)
        adw_preferences_group_add (group,
                                   sti_report_widgets_row_new (_("No addresses"),
                                                               _("The name has no IPv4 "
                                                                 "or IPv6 address.")));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          StiEndpointRow *row;

          row = sti_window_ensure_endpoint_row (self, sti_host_report_get_name (host),
                                                MAX (sti_host_report_get_preference (host), 0),
                                                sti_endpoint_report_get_address (endpoint));
          sti_endpoint_row_set_finished (row, endpoint);
        }
    }

  /* Findings, policies and what was not probed come before the hosts, as
   * in every report format. */
  gtk_box_append (self->overview_box,
                  GTK_WIDGET (sti_findings_group_new (report, self->settings)));
  if (hosts != NULL && hosts->len > 0)
    gtk_box_append (self->overview_box, GTK_WIDGET (sti_policies_group_new (report)));
  if (hosts != NULL && hosts->len > 0)
    gtk_box_append (self->overview_box, sti_mandatory_window_entry_new (report));
  if (sti_domain_report_get_skipped (report) != NULL &&
      sti_domain_report_get_skipped (report)[0] != NULL)
    gtk_box_append (self->overview_box, skipped_group_new (report));
  if (hosts != NULL && hosts->len > 0)
    gtk_box_append (self->report_box, GTK_WIDGET (sti_sender_verdict_group_new (report)));
  gtk_box_append (self->report_box, GTK_WIDGET (sti_checks_group_new (report)));
  if (sti_domain_report_get_dns_evidence (report) != NULL &&
      sti_domain_report_get_dns_evidence (report)->len > 0)
    gtk_box_append (self->report_box, GTK_WIDGET (sti_dns_group_new (report)));

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

  gtk_label_set_text (self->verdict_title, sti_verdict_get_title (report));
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_title), TRUE);
  sti_window_show_settings_problem (self, NULL);
  gtk_widget_set_visible (self->preferences_button, report_blames_settings (report));
  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), css_class);

  gtk_label_set_text (self->counts_label, counts);
  sti_report_widgets_settle_focus (GTK_WIDGET (self->overview_box));
  sti_report_widgets_settle_focus (GTK_WIDGET (self->hosts_box));
  sti_report_widgets_settle_focus (GTK_WIDGET (self->report_box));
  /* The icon says how bad it is in its shape and colour; the title beside
   * it says it in words, so a screen reader reads the title, not the
   * sentence twice. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sti_verdict_get_title (report),
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
  sti_window_notify_busy (self);
  sti_window_focus_verdict (self);
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

void
sti_window_queue_build (StiWindow       *self,
                        StiDomainReport *report)
{
  g_set_object (&self->pending_report, report);
  if (g_queue_find (&build_queue, self) == NULL)
    g_queue_push_tail (&build_queue, self);
  if (build_idle_id == 0)
    build_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, build_queue_dispatch_cb, NULL, NULL);
}

void
sti_window_unqueue_build (StiWindow *self)
{
  g_queue_remove (&build_queue, self);
  g_clear_object (&self->pending_report);
}

void
sti_window_show_endpoint (StiWindow         *self,
                          StiEndpointReport *endpoint)
{
  StiEndpointDetail *detail;
  g_autofree char *subtitle = NULL;

  g_set_object (&self->shown_endpoint, endpoint);
  detail = sti_endpoint_detail_new (endpoint);
  self->transcript_view = sti_endpoint_detail_get_transcript_view (detail);
  adw_bin_set_child (self->endpoint_bin, GTK_WIDGET (detail));
  sti_report_widgets_settle_focus (GTK_WIDGET (detail));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->endpoint_scroll), 0);

  sti_window_set_page (self, "endpoint");
  subtitle = g_strdup_printf ("%s (%s)", sti_endpoint_report_get_host (endpoint),
                              sti_endpoint_report_get_address (endpoint));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  sti_window_update_actions (self);
}

/* Forgets the endpoint whose details were shown. */
void
sti_window_clear_endpoint (StiWindow *self)
{
  g_clear_object (&self->shown_endpoint);
  self->transcript_view = NULL;
  adw_bin_set_child (self->endpoint_bin, NULL);
}
