/* sti-window-check.c: a check while it runs in StiWindow
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-format.h"
#include "sti-lookups-group.h"
#include "sti-report-widgets.h"
#include "sti-settings.h"

#include <glib/gi18n.h>

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
  if (check != self->check)
    return;

  sti_window_set_endpoint_stage (self, host, address, stage);
}

static void
on_check_endpoint_finished_cb (StiWindow         *self,
                               StiEndpointReport *report,
                               StiDomainCheck    *check)
{
  if (check != self->check)
    return;

  sti_window_set_endpoint_finished (self, report);
}

static gboolean
sti_window_tick_cb (gpointer user_data)
{
  StiWindow *self = user_data;
  g_autofree char *elapsed = NULL;
  g_autofree char *subtitle = NULL;

  sti_window_tick_endpoints (self);

  elapsed = sti_format_elapsed (g_get_monotonic_time () - self->check_started_us);
  /* Translators: %s is the elapsed time, e.g. "3 s" */
  subtitle = g_strdup_printf (_("Checking… %s"), elapsed);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  return G_SOURCE_CONTINUE;
}

static void
sti_window_stop_live (StiWindow *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  sti_window_stop_endpoints (self);

  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
}

void
sti_window_detach_check (StiWindow *self)
{
  if (self->check != NULL)
    g_signal_handlers_disconnect_by_data (self->check, self);
  g_clear_object (&self->check);
  g_clear_object (&self->cancellable);
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
  sti_window_stop_live (self);

  if (report != NULL)
    {
      /* Busy until the page is built (sti_window_build_pending), and the
       * spinner says so: the icon still is the previous check's. */
      gtk_stack_set_visible_child_name (self->verdict_icon_stack, "spinner");
      gtk_spinner_start (self->verdict_spinner);
      adw_window_title_set_subtitle (self->window_title, _("Preparing the results…"));
      sti_window_queue_build (self, report);
      sti_window_update_actions (self);
      return;
    }

  if (cancelled)
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
  sti_window_notify_busy (self);
}

/* Errors of the user's own settings, not of the domain typed. */
static gboolean
sti_window_error_is_settings (const GError *error)
{
  return g_error_matches (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_DNS_SERVER) ||
         g_error_matches (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_CA_FILE) ||
         g_error_matches (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_RESOLVER);
}

/**
 * sti_window_show_settings_problem:
 * @message: (nullable): what is wrong with the user's settings, or %NULL
 *   to hide the problem
 *
 * The verdict area says that the check could not run because of the
 * user's own settings, with a button that opens Preferences.
 */
void
sti_window_show_settings_problem (StiWindow  *self,
                                  const char *message)
{
  gtk_widget_set_visible (self->preferences_button, message != NULL);
  if (message == NULL)
    return;

  gtk_label_set_text (self->verdict_label, _("Your settings stop the check"));
  gtk_label_set_text (self->counts_label, message);
  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
  gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), "error");
}

/* The DNS phase as it goes, above the hosts: the group is made with the
 * first lookup and goes with the live view when the report is shown. */
static void
on_check_lookup_cb (StiWindow  *self,
                    const char *name,
                    const char *qtype,
                    const char *result)
{
  GtkWidget *group = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overview_box));
       child != NULL && group == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (STI_IS_LOOKUPS_GROUP (child))
      group = child;

  if (group == NULL)
    {
      group = GTK_WIDGET (sti_lookups_group_new ());
      gtk_box_prepend (self->overview_box, group);
    }
  sti_lookups_group_update (STI_LOOKUPS_GROUP (group), name, qtype, result);
}

void
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
  if (check == NULL && sti_window_error_is_settings (error))
    {
      g_autofree char *clean = sti_report_widgets_display_text (error->message);

      /* The domain is fine: the results page says what to change where. */
      sti_window_remember_domain (self, domain);
      sti_window_stop_check (self);
      sti_window_unqueue_build (self);
      sti_window_set_offline (self, FALSE);
      g_clear_object (&self->report);
      sti_window_clear_endpoint (self);
      sti_window_clear_results (self);
      sti_window_show_settings_problem (self, clean);
      sti_window_set_page (self, "results");
      adw_window_title_set_subtitle (self->window_title, _("Failed"));
      sti_window_update_actions (self);
      sti_window_notify_busy (self);
      return;
    }
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
  sti_window_clear_endpoint (self);
  sti_window_clear_results (self);

  sti_window_show_settings_problem (self, NULL);
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
  g_signal_connect_object (check, "lookup",
                           G_CALLBACK (on_check_lookup_cb), self, G_CONNECT_SWAPPED);

  sti_window_set_page (self, "results");
  sti_window_tick_cb (self);
  self->tick_id = g_timeout_add_seconds (1, sti_window_tick_cb, self);

  data = g_new0 (CheckData, 1);
  g_weak_ref_init (&data->window, self);
  data->check = g_object_ref (check);
  sti_domain_check_run_async (check, self->cancellable, sti_window_check_done_cb, data);

  sti_window_update_actions (self);
  sti_window_notify_busy (self);
}

/* A saved report replaces whatever the window showed, a running check
 * included: it stops where it is, and its results never show. */
void
sti_window_stop_check (StiWindow *self)
{
  if (self->check == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  sti_window_detach_check (self);
  sti_window_stop_live (self);
}
