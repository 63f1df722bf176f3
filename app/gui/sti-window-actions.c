/* sti-window-actions.c: the actions of StiWindow on what it shows
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-certificate-window.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-mandatory-window.h"
#include "sti-preferences-window.h"
#include "sti-report-text.h"
#include "sti-report-widgets.h"
#include "sti-settings.h"
#include "sti-survey-window.h"

#include <glib/gi18n.h>

/* Puts @text on the clipboard and says so with @done, a translated toast. */
static void
copy_text (StiWindow  *self,
           const char *text,
           const char *done)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
}

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

  /* The same target again, as the last check request carried it (already
   * validated): the results page stays, whatever the start page's entry
   * holds meanwhile. */
  sti_window_set_domain (self, domain);
  sti_window_request_check (self, domain);
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

  text = sti_format_transcript (sti_endpoint_report_get_transcript (self->shown_endpoint), NULL);
  copy_text (self, text, _("Transcript copied"));
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

  /* The viewer gets the endpoint, not only the certificate: an
   * intermediate shared by several endpoints is in each one's chain. */
  gtk_window_present (GTK_WINDOW (
    sti_certificate_window_new_for_endpoint (GTK_WINDOW (self), self->shown_endpoint, index)));
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
                sti_certificate_window_new_for_endpoint_finding (GTK_WINDOW (self), endpoint,
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
  copy_text (STI_WINDOW (widget), g_variant_get_string (parameter, NULL), _("Copied"));
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
      /* Translators: %s is why, an error message */
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
      text = sti_format_transcript (sti_endpoint_report_get_transcript (self->shown_endpoint),
                                    NULL);
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
GtkFileChooser *
sti_window_chooser_new (StiWindow            *self,
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

  chooser = sti_window_chooser_new (self, _("Save Transcript"), GTK_FILE_CHOOSER_ACTION_SAVE,
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
  gtk_file_chooser_add_filter (sti_window_chooser_new (self, _("Open Certificate"),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                       G_CALLBACK (on_open_chooser_response_cb)),
                               filter);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* What makes TLS mandatory for the domain shown, or what to fix first. */
static void
sti_window_make_mandatory_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  StiMandatoryWindow *window;

  if (self->report == NULL)
    return;

  window = sti_mandatory_window_new (self->report);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (window));
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
  copy_text (self, text, _("Summary copied"));
}

static void
sti_window_open_uri_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* "Check Many Domains…": a window of its own, with this window's session
 * and settings. */
static void
sti_window_check_many_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autoptr(StiCheckSessionOptions) options = sti_settings_dup_check_options (self->settings);
  StiSurveyWindow *survey = sti_survey_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                                   self->session, options);

  gtk_window_present (GTK_WINDOW (survey));
}

void
sti_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL,
                                   sti_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "win.check-again", NULL,
                                   sti_window_check_again_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL,
                                   sti_window_back_action);
  gtk_widget_class_install_action (widget_class, "win.copy-summary", NULL,
                                   sti_window_copy_summary_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s",
                                   sti_window_open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.copy-transcript", NULL,
                                   sti_window_copy_transcript_action);
  gtk_widget_class_install_action (widget_class, "win.save-transcript", NULL,
                                   sti_window_save_transcript_action);
  gtk_widget_class_install_action (widget_class, "win.open-certificate", NULL,
                                   sti_window_open_certificate_action);
  gtk_widget_class_install_action (widget_class, "win.make-mandatory", NULL,
                                   sti_window_make_mandatory_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   sti_window_preferences_action);
  gtk_widget_class_install_action (widget_class, "win.check-many", NULL,
                                   sti_window_check_many_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-certificate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
}
