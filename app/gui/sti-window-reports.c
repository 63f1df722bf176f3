/* sti-window-reports.c: reports as files in StiWindow: export, open, compare
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-comparison-view.h"
#include "sti-export-choice.h"
#include "sti-format.h"
#include "sti-report-compare.h"
#include "sti-report-export.h"
#include "sti-report-json.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>
#include <string.h>

/* A saved report larger than this is not one this program wrote. */
#define MAX_REPORT_FILE_SIZE (16 * 1024 * 1024)

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

/* Exporting runs in two steps off the main loop: the rendering in a worker
 * thread (a big PDF takes a second or two), then the writing with GIO's
 * asynchronous call. The worker only reads the report, which is immutable
 * (its objects are never changed after the check built them; a new check
 * replaces the window's reference, it does not edit the report), and holds
 * its own reference to it. A toast shows the export with a button that
 * cancels it; a new export or the window closing cancels it too (the task
 * holds the window weakly, so closing it does dispose it). */
typedef struct
{
  GWeakRef         window;
  StiDomainReport *report;
  StiReportFormat  format;
  int              mta;
  StiPaperSize     paper;
  GFile           *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_weak_ref_clear (&data->window);
  g_clear_object (&data->report);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = sti_report_export_full (data->report, data->format, data->mta, data->paper, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

/* Ends the export shown by the toast, however it ended. */
static void
sti_window_end_export (StiWindow    *self,
                       GCancellable *cancellable)
{
  if (self->export_cancellable != cancellable)
    return; /* a newer export runs */

  g_clear_object (&self->export_cancellable);
  if (self->export_toast != NULL)
    adw_toast_dismiss (self->export_toast);
  g_clear_object (&self->export_toast);
}

static void
on_report_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(StiWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_file_replace_contents_finish (G_FILE (object), result, NULL, &error);
  if (self == NULL)
    return;

  sti_window_end_export (self, g_task_get_cancellable (task));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      sti_window_show_error (self, _("Could Not Save the Report"), error->message);
      return;
    }

  uri = g_file_get_uri (G_FILE (object));
  basename = g_file_get_basename (G_FILE (object));
  display = g_filename_display_name (basename);
  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (display, -1);
  /* Translators: %s is the name of the file the report was written to */
  title = g_strdup_printf (_("Report saved as “%s”"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_report_rendered_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(StiWindow) self = g_weak_ref_get (&data->window);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    return;
  if (bytes == NULL)
    {
      sti_window_end_export (self, cancellable);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sti_window_show_error (self, _("Could Not Export the Report"), error->message);
      return;
    }

  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                                       on_report_saved_cb, g_object_ref (result));
}

static void
on_export_cancel_clicked_cb (AdwToast     *toast,
                             GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/**
 * sti_window_export_report:
 * @self: a #StiWindow
 * @file: where to write
 * @format: the format
 *
 * Exports the report shown in @self to @file in @format, with the fix
 * steps of the preferred mail server software (GSettings `preferred-mta`)
 * and, for a PDF, the locale's paper. This is what the Export dialog
 * calls. It returns at once: the report is rendered in a worker thread
 * and written asynchronously, while a toast says "Exporting the report…"
 * with a Cancel button. Then a toast says "Report saved as “NAME”" (with a button
 * that opens the file), or an error dialog why it failed. Does nothing
 * without a report.
 */
void
sti_window_export_report (StiWindow       *self,
                          GFile           *file,
                          StiReportFormat  format)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->report == NULL)
    return;

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  sti_window_end_export (self, self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();

  data = g_new0 (ExportData, 1);
  g_weak_ref_init (&data->window, self);
  data->report = g_object_ref (self->report);
  data->format = format;
  data->mta = sti_report_widgets_preferred_mta (self->settings);
  data->paper = sti_paper_size_get_default ();
  data->file = g_object_ref (file);

  self->export_toast = g_object_ref_sink (adw_toast_new (_("Exporting the report…")));
  adw_toast_set_timeout (self->export_toast, 0);
  /* Shown now, even over an earlier "Report saved". */
  adw_toast_set_priority (self->export_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (self->export_toast, _("_Cancel"));
  g_signal_connect_object (self->export_toast, "button-clicked",
                           G_CALLBACK (on_export_cancel_clicked_cb), self->export_cancellable,
                           0);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->export_toast));

  task = g_task_new (NULL, self->export_cancellable, on_report_rendered_cb, NULL);
  g_task_set_source_tag (task, sti_window_export_report);
  g_task_set_name (task, "[sti] export report");
  g_task_set_task_data (task, data, (GDestroyNotify)export_data_free);
  /* A cancelled export ends at once; the thread finishes on its own. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, export_thread);
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

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        StiWindow        *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "sti-file");
  int format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "sti-format"));

  if (g_strcmp0 (response, "replace") == 0)
    sti_window_export_report (self, file, (StiReportFormat)format);
}

/* The name written differs from the one the dialog confirmed (its
 * extension follows the format): a file of that name is not replaced
 * without asking again. */
static void
sti_window_confirm_replace (StiWindow       *self,
                            GFile           *file,
                            StiReportFormat  format)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Replace “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("A file with this name already exists. The report gets the "
                                 "extension of the file type you chose."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "sti-file", g_object_ref (file), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "sti-format", GINT_TO_POINTER (format));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response_cb), self, 0);
  gtk_widget_set_name (dialog, "export-replace-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_chooser_response_cb (StiWindow            *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  GtkFileFilter *filter;
  g_autofree char *name = NULL;
  g_autofree char *resolved = NULL;
  StiReportFormat initial;
  StiReportFormat format;
  int filter_format = STI_EXPORT_CHOICE_NO_FILTER;

  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  initial = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "sti-initial-format"));
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));
  if (filter != NULL && g_object_get_data (G_OBJECT (filter), "sti-format") != NULL)
    filter_format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "sti-format")) - 1;
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  /* The extension of the file written names its format (see
   * sti_export_choice_resolve() for which of the two the user meant). */
  name = g_file_get_basename (file);
  resolved = sti_export_choice_resolve (name, initial, filter_format, &format);
  parent = g_file_get_parent (file);
  if (g_strcmp0 (resolved, name) != 0 && parent != NULL)
    {
      g_set_object (&file, g_file_get_child (parent, resolved));
      if (g_file_query_exists (file, NULL))
        {
          sti_window_confirm_replace (self, file, format);
          return;
        }
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

  chooser = sti_window_chooser_new (self, _("Export Report"), GTK_FILE_CHOOSER_ACTION_SAVE,
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

  g_object_set_data (G_OBJECT (self->chooser), "sti-initial-format",
                     GINT_TO_POINTER (export_formats[0]));
  name = sti_report_dup_suggested_filename (self->report, export_formats[0]);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
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
                                   /* Translators: %u is a size in mebibytes */
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

void
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
  g_autofree char *date = NULL;
  g_autofree char *marker = NULL;
  gboolean was_busy = sti_window_get_busy (self);

  sti_window_stop_check (self);
  sti_window_unqueue_build (self);
  g_clear_error (&self->check_error);
  sti_window_clear_endpoint (self);
  adw_bin_set_child (self->compare_bin, NULL);

  g_set_object (&self->report, report);
  self->offline = TRUE;
  gtk_spinner_stop (self->verdict_spinner);
  gtk_stack_set_visible_child_name (self->verdict_icon_stack, "icon");
  sti_window_show_report (self, report);

  date = started != NULL ? sti_format_date_time_local (started)
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
    sti_window_notify_busy (self);
}

void
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

  adw_bin_set_child (self->compare_bin, GTK_WIDGET (sti_comparison_view_new (cmp)));
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
                                               /* Translators: %s is a file name */
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
 * sti_window_show_saved:
 * @report: a report checked elsewhere (a survey's row)
 *
 * Shows @report as a saved report: not a live check.
 */
void
sti_window_show_saved (StiWindow       *self,
                       StiDomainReport *report)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));

  sti_window_show_saved_report (self, report);
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

  gtk_file_chooser_add_filter (sti_window_chooser_new (self, title, GTK_FILE_CHOOSER_ACTION_OPEN,
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

void
sti_window_class_init_reports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL,
                                   sti_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.open-report", NULL,
                                   sti_window_open_report_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL,
                                   sti_window_compare_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.open-report", NULL);
}
