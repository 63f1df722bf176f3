/* sti-survey-window-export.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-window-private.h"

#include "sti-policy-map.h"
#include "sti-survey-html.h"
#include "sti-survey-results.h"

#include <glib/gi18n.h>
#include <string.h>

/* The survey's exports: the results as JSON Lines (a copy of the survey's
 * results file, one `survey --output` line per domain), the table as CSV,
 * the summary as HTML, and the Postfix policy map (from the reports read
 * back from the results file). The row texts and the summary are taken on
 * the main thread; the file is read and written on a worker thread: a
 * survey of thousands of domains never stalls the window, and no report
 * is held in memory for longer than it takes to add it to the map. */

typedef enum
{
  EXPORT_JSONL,
  EXPORT_CSV,
  EXPORT_HTML,
  EXPORT_POLICY_MAP,
} ExportKind;

static const struct
{
  const char *name;       /* the action's target */
  const char *file_name;  /* suggested */
} kinds[] = {
  { "jsonl", "survey.jsonl" },
  { "csv", "survey.csv" },
  { "html", "survey-summary.html" },
  { "policy-map", "tls_policy" },
};

typedef struct
{
  ExportKind  kind;
  GFile      *file;            /* where to write */
  GFile      *results;         /* the survey's results file */
  goffset     results_length;  /* its whole lines so far */
  GPtrArray  *rows;            /* char ** per item: the table's cells */
  char       *html;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->results);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_free (data->html);
  g_free (data);
}

/* One CSV field: quoted, quotes doubled; a leading sign that a
 * spreadsheet would take for a formula is defused. */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  g_string_append_c (out, '"');
  if (text != NULL && strchr ("=+-@", text[0]) != NULL && text[0] != '\0')
    g_string_append_c (out, '\'');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
  g_string_append_c (out, '"');
}

static char *
dup_csv (GPtrArray *rows)
{
  static const char * const header[] = { "domain", "mx_hosts", "starttls", "verified",
                                         "policies", "readiness", NULL };
  GString *out = g_string_new (NULL);

  for (guint i = 0; header[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", header[i], header[i + 1] != NULL ? "," : "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      char **cells = g_ptr_array_index (rows, i);

      for (guint j = 0; cells[j] != NULL; j++)
        {
          append_csv_field (out, cells[j]);
          g_string_append (out, cells[j + 1] != NULL ? "," : "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
add_to_map_cb (JsonNode *root,
               gpointer  user_data)
{
  g_autoptr(StiDomainReport) report = sti_survey_result_load_report (root, NULL);

  if (report != NULL)
    sti_policy_map_add (user_data, report);
  return TRUE;
}

static char *
dup_policy_map (ExportData  *data,
                GError     **error)
{
  g_autoptr(StiPolicyMap) map = sti_policy_map_new ();
  g_autoptr(GFileInputStream) stream = NULL;

  if (data->results != NULL)
    {
      stream = g_file_read (data->results, NULL, error);
      if (stream == NULL ||
          !sti_survey_results_read (G_INPUT_STREAM (stream), add_to_map_cb, map, NULL, NULL,
                                    error))
        return NULL;
    }
  return sti_policy_map_to_string (map);
}

/* The results file's whole lines so far, copied a block at a time. */
static gboolean
copy_results (ExportData    *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autofree char *block = g_malloc (64 * 1024);
  goffset left = data->results_length;

  out = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                        error);
  if (out == NULL)
    return FALSE;
  if (data->results != NULL && (in = g_file_read (data->results, cancellable, error)) == NULL)
    return FALSE;

  while (left > 0)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (in), block, MIN (left, 64 * 1024),
                                      cancellable, error);

      if (n < 0 ||
          (n > 0 && !g_output_stream_write_all (G_OUTPUT_STREAM (out), block, n, NULL,
                                                cancellable, error)))
        return FALSE;
      if (n == 0)
        break;
      left -= n;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autofree char *text = NULL;
  GError *error = NULL;

  switch (data->kind)
    {
    case EXPORT_JSONL:
      if (!copy_results (data, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    case EXPORT_CSV:
      text = dup_csv (data->rows);
      break;
    case EXPORT_HTML:
      text = g_strdup (data->html);
      break;
    case EXPORT_POLICY_MAP:
    default:
      text = dup_policy_map (data, &error);
      break;
    }

  if (text == NULL ||
      !g_file_replace_contents (data->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StiSurveyWindow *self = STI_SURVEY_WINDOW (object);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sti_survey_window_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (data->file);
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Saved %s"), name);
  sti_survey_window_toast (self, text);
}

/* The table's cells of the domains over so far. */
static GPtrArray *
dup_rows (GListModel *items)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(StiSurveyItem) item = g_list_model_get_item (items, i);
      gboolean judged = sti_survey_item_get_judged (item);
      g_autofree char *mx = g_strdup_printf ("%u", sti_survey_item_get_mx_count (item));
      const char *cells[] = {
        sti_survey_item_get_domain (item), judged ? mx : "",
        sti_survey_item_get_starttls_text (item), sti_survey_item_get_verified_text (item),
        sti_survey_item_get_policies_text (item), sti_survey_item_get_readiness_text (item),
        NULL,
      };

      if (sti_survey_item_get_done (item))
        g_ptr_array_add (rows, g_strdupv ((char **)cells));
    }
  return rows;
}

static ExportData *
export_data_new (StiSurveyWindow *self,
                 ExportKind       kind,
                 GFile           *file)
{
  StiSurveyFeed *feed = sti_survey_window_get_feed (self);
  GListModel *items = sti_survey_feed_get_model (feed);
  ExportData *data = g_new0 (ExportData, 1);

  data->kind = kind;
  data->file = g_object_ref (file);
  data->results = sti_survey_feed_dup_results_file (feed);
  data->results_length = sti_survey_feed_get_results_length (feed);
  if (kind == EXPORT_CSV)
    data->rows = dup_rows (items);
  if (kind == EXPORT_HTML)
    data->html = sti_survey_summary_to_html (sti_survey_feed_get_summary (feed));

  return data;
}

static void
export_to (StiSurveyWindow *self,
           ExportKind       kind,
           GFile           *file)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_written_cb, NULL);

  g_task_set_source_tag (task, export_to);
  g_task_set_name (task, "[sti] survey export");
  g_task_set_task_data (task, export_data_new (self, kind, file),
                        (GDestroyNotify)export_data_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (StiSurveyWindow *self,
                        int              response,
                        GtkNativeDialog *chooser)
{
  ExportKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "sti-kind"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    export_to (self, kind, file);
}

static void
sti_survey_window_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  StiSurveyWindow *self = STI_SURVEY_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  guint kind = 0;

  while (kind < G_N_ELEMENTS (kinds) && !g_str_equal (kinds[kind].name, name))
    kind++;
  if (kind == G_N_ELEMENTS (kinds) || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), kinds[kind].file_name);
  g_object_set_data (G_OBJECT (self->chooser), "sti-kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * sti_survey_window_export:
 * @format: "jsonl", "csv", "html" or "policy-map"
 * @file: where to write
 *
 * Writes the checks over so far; a toast says when the file is written.
 */
void
sti_survey_window_export (StiSurveyWindow *self,
                          const char      *format,
                          GFile           *file)
{
  g_return_if_fail (STI_IS_SURVEY_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  for (guint kind = 0; kind < G_N_ELEMENTS (kinds); kind++)
    if (g_str_equal (kinds[kind].name, format))
      export_to (self, kind, file);
}

void
sti_survey_window_toast (StiSurveyWindow *self,
                         const char      *text)
{
  /* A toast's title is markup: file names and error messages are not. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
sti_survey_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "survey.export", "s",
                                   sti_survey_window_export_action);
}
