/* sti-survey-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-window-private.h"

#include "sti-report-widgets.h"
#include "sti-window.h"

#include <glib/gi18n.h>
#include <string.h>

/* "Check Many Domains…": a list of domains in, a survey of them as the
 * CLI's `survey` runs one (StiSurveyFeed over StiSurveyRun), a live table
 * and the survey's summary out. The table is a GtkColumnView over the
 * feed's list model, behind a filter and the column view's own sorter:
 * rows are made for what is on screen only, so ten thousand domains stay
 * smooth. Activating a row reads the domain's full result back from the
 * survey's results file and opens it in a window of its own. */

/* How often the progress line and the summary are redrawn while checks
 * run: often enough to feel live, rarely enough to cost nothing. */
#define TICK_MS 400

G_DEFINE_FINAL_TYPE (StiSurveyWindow, sti_survey_window, ADW_TYPE_WINDOW)

/* One label per cell, bound to a property of the row's item: the cells
 * are templates, not code per row. */
static const char cell_template[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<interface><template class=\"GtkListItem\"><property name=\"child\">"
  "<object class=\"GtkLabel\"><property name=\"xalign\">%s</property>"
  "<property name=\"ellipsize\">end</property>"
  "<binding name=\"label\"><lookup name=\"%s\" type=\"StiSurveyItem\">"
  "<lookup name=\"item\">GtkListItem</lookup></lookup></binding>"
  "</object></property></template></interface>\n";

static void
setup_column (GtkColumnViewColumn *column,
              const char          *text_property,
              const char          *sort_property,
              gboolean             numeric)
{
  g_autofree char *xml = g_strdup_printf (cell_template, numeric ? "1" : "0", text_property);
  gsize len = strlen (xml);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&xml), len);
  g_autoptr(GtkListItemFactory) factory = gtk_builder_list_item_factory_new_from_bytes (NULL,
                                                                                        bytes);
  GtkExpression *expression = gtk_property_expression_new (STI_TYPE_SURVEY_ITEM, NULL,
                                                            sort_property);
  g_autoptr(GtkSorter) sorter = NULL;

  if (g_str_equal (sort_property, text_property))
    sorter = GTK_SORTER (gtk_string_sorter_new (expression));
  else
    sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));

  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

static GtkFilter *
text_filter_new (GtkSearchEntry *entry,
                 const char     *property)
{
  GtkStringFilter *filter = gtk_string_filter_new (gtk_property_expression_new (
                                                     STI_TYPE_SURVEY_ITEM, NULL, property));

  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  g_object_bind_property (entry, "text", filter, "search", G_BINDING_SYNC_CREATE);
  return GTK_FILTER (filter);
}

static void
setup_table (StiSurveyWindow *self)
{
  GtkAnyFilter *any = gtk_any_filter_new ();
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  setup_column (self->domain_column, "domain", "domain", FALSE);
  setup_column (self->mx_column, "mx-text", "mx-count", TRUE);
  setup_column (self->starttls_column, "starttls-text", "starttls-text", FALSE);
  setup_column (self->verified_column, "verified-text", "verified-text", FALSE);
  setup_column (self->policies_column, "policies-text", "policies-text", FALSE);
  setup_column (self->readiness_column, "readiness-text", "readiness-level", FALSE);

  /* Typing filters by domain or by readiness ("Encrypt", "Not reached"). */
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), text_filter_new (self->search_entry, "domain"));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any),
                           text_filter_new (self->search_entry, "readiness-text"));
  self->filter = GTK_FILTER (any);

  filtered = gtk_filter_list_model_new (g_object_ref (sti_survey_feed_get_model (self->feed)),
                                        g_object_ref (self->filter));
  gtk_filter_list_model_set_incremental (filtered, TRUE);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                          g_object_ref (gtk_column_view_get_sorter (
                                                          self->column_view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

static void
update_actions (StiSurveyWindow *self)
{
  gboolean running = sti_survey_feed_get_running (self->feed);
  gboolean results = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "survey.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "survey.start", !results);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "survey.choose-file", !results);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "survey.export",
                                 sti_survey_feed_get_n_done (self->feed) > 0);
  gtk_widget_set_visible (self->cancel_button, running);
}

/* "12 of 36 domains · 3.1 per second · about 8 s left" */
static char *
dup_progress_text (StiSurveyWindow *self,
                   guint            done,
                   guint            total)
{
  gint64 started = sti_survey_feed_get_started_us (self->feed);
  double seconds = started > 0 ? (g_get_monotonic_time () - started) / (double)G_USEC_PER_SEC : 0;
  double rate = seconds > 0.5 ? done / seconds : 0;
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u domain", "%u of %u domains",
                                        total),
                           done, total);
  if (!sti_survey_feed_get_running (self->feed))
    {
      guint failed = sti_survey_feed_get_n_failed (self->feed);

      if (done < total)
        /* Translators: %s is "12 of 36 domains" */
        return g_strdup_printf (_("Stopped: %s"), count);
      if (failed == 0)
        /* Translators: %s is "36 of 36 domains"; every one was checked */
        return g_strdup_printf (_("Done: %s"), count);
      /* Translators: %s is "36 of 36 domains", then the count of domains not checked */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done: %s, %u could not be checked",
                                           "Done: %s, %u could not be checked", failed),
                              count, failed);
    }
  if (rate <= 0)
    return g_steal_pointer (&count);
  /* Translators: "12 of 36 domains", then domains per second, then seconds left */
  return g_strdup_printf (_("%s · %.1f per second · about %.0f s left"), count, rate,
                          (total - done) / rate);
}

static gboolean
tick_cb (gpointer user_data)
{
  StiSurveyWindow *self = user_data;
  guint done = sti_survey_feed_get_n_done (self->feed);
  guint total = sti_survey_feed_get_n_total (self->feed);
  g_autofree char *text = dup_progress_text (self, done, total);

  /* Nothing over yet: the bar still shows that the checks run. */
  if (done == 0 && sti_survey_feed_get_running (self->feed))
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double)done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  if (self->summary_dirty)
    {
      sti_survey_summary_view_update (self->summary_view,
                                      sti_survey_feed_get_summary (self->feed));
      self->summary_dirty = FALSE;
    }
  update_actions (self);

  if (sti_survey_feed_get_running (self->feed))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
on_item_done_cb (StiSurveyWindow *self,
                 StiSurveyItem   *item)
{
  self->summary_dirty = TRUE;
}

static void
on_running_changed_cb (StiSurveyWindow *self)
{
  const GError *error = sti_survey_feed_get_error (self->feed);

  /* The last redraw, when the checks end or stop. */
  g_clear_handle_id (&self->tick_id, g_source_remove);
  tick_cb (self);
  if (sti_survey_feed_get_running (self->feed))
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  else if (error != NULL)
    sti_survey_window_toast (self, error->message);
}

static void
on_report_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StiSurveyWindow) self = user_data;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *application;
  StiWindow *window;

  report = sti_survey_feed_load_report_finish (STI_SURVEY_FEED (object), result, &error);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        sti_survey_window_toast (self, error->message);
      return;
    }
  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application == NULL)
    return;

  window = sti_window_new (application, self->session);
  sti_window_show_saved (window, report);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_row_activated_cb (StiSurveyWindow *self,
                     guint            position)
{
  g_autoptr(StiSurveyItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  /* A domain without a report has nothing more to show than its row. */
  if (item == NULL || !sti_survey_item_get_judged (item))
    return;

  sti_survey_feed_load_report_async (self->feed, item, self->cancellable, on_report_loaded_cb,
                                     g_object_ref (self));
}

static void
show_input_error (StiSurveyWindow *self,
                  const char      *message)
{
  gtk_label_set_text (self->input_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->input_error_label), message != NULL);
}

/**
 * sti_survey_window_check:
 * @list: one domain or address per line
 *
 * Starts checking every domain of @list.
 *
 * Returns: %FALSE, with the reason shown, when @list names no domain
 */
gboolean
sti_survey_window_check (StiSurveyWindow *self,
                         const char      *list)
{
  g_autoptr(GError) error = NULL;
  guint bad = 0;
  guint added;

  g_return_val_if_fail (STI_IS_SURVEY_WINDOW (self), FALSE);
  g_return_val_if_fail (sti_survey_feed_get_run (self->feed) == NULL, FALSE);

  added = sti_survey_feed_add_text (self->feed, list, &bad);
  if (added == 0)
    {
      show_input_error (self, _("The list names no domain to check."));
      return FALSE;
    }
  if (bad > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u line is not a domain or an "
                                                            "address and was left out",
                                                            "%u lines are not domains or "
                                                            "addresses and were left out", bad),
                                               bad);

      sti_survey_window_toast (self, text);
    }

  if (!sti_survey_feed_start (self->feed, &error))
    {
      show_input_error (self, error->message);
      return FALSE;
    }
  show_input_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "results");
  update_actions (self);
  return TRUE;
}

static void
sti_survey_window_start_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StiSurveyWindow *self = STI_SURVEY_WINDOW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->list_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  sti_survey_window_check (self, text);
}

static void
sti_survey_window_cancel_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  sti_survey_feed_cancel (STI_SURVEY_WINDOW (widget)->feed);
}

static void
on_file_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(StiSurveyWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_input_error (self, error->message);
      return;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      show_input_error (self, _("The file is not text (UTF-8)."));
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->list_view), contents, length);
  show_input_error (self, NULL);
}

static void
on_chooser_response_cb (StiSurveyWindow *self,
                        int              response,
                        GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  g_file_load_contents_async (file, self->cancellable, on_file_loaded_cb, g_object_ref (self));
}

static void
sti_survey_window_choose_file_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  StiSurveyWindow *self = STI_SURVEY_WINDOW (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose a List of Domains"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sti_survey_window_dispose (GObject *object)
{
  StiSurveyWindow *self = (StiSurveyWindow *)object;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->feed != NULL)
    sti_survey_feed_close (self->feed);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_SURVEY_WINDOW);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->feed);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sti_survey_window_parent_class)->dispose (object);
}

static void
sti_survey_window_finalize (GObject *object)
{
  StiSurveyWindow *self = (StiSurveyWindow *)object;

  g_clear_pointer (&self->options, sti_check_session_options_free);

  G_OBJECT_CLASS (sti_survey_window_parent_class)->finalize (object);
}

static void
sti_survey_window_class_init (StiSurveyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_survey_window_dispose;
  object_class->finalize = sti_survey_window_finalize;

  g_type_ensure (STI_TYPE_SURVEY_SUMMARY_VIEW);
  g_type_ensure (STI_TYPE_SURVEY_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/starttlsinspector/Inspector/ui/"
                                               "sti-survey-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, input_error_label);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, domain_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, mx_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, starttls_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, verified_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, policies_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, readiness_column);
  gtk_widget_class_bind_template_child (widget_class, StiSurveyWindow, summary_view);

  gtk_widget_class_install_action (widget_class, "survey.start", NULL,
                                   sti_survey_window_start_action);
  gtk_widget_class_install_action (widget_class, "survey.cancel", NULL,
                                   sti_survey_window_cancel_action);
  gtk_widget_class_install_action (widget_class, "survey.choose-file", NULL,
                                   sti_survey_window_choose_file_action);
  sti_survey_window_class_init_export (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "survey.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "survey.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sti_survey_window_init (StiSurveyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

StiSurveyWindow *
sti_survey_window_new (GtkApplication               *application,
                       StiCheckSession              *session,
                       const StiCheckSessionOptions *options)
{
  StiSurveyWindow *self;

  g_return_val_if_fail (STI_IS_CHECK_SESSION (session), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (STI_TYPE_SURVEY_WINDOW, "application", application, NULL);
  self->session = g_object_ref (session);
  self->options = sti_check_session_options_copy (options);
  self->feed = sti_survey_feed_new (session, options);
  g_signal_connect_object (self->feed, "item-done", G_CALLBACK (on_item_done_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->feed, "notify::running", G_CALLBACK (on_running_changed_cb),
                           self, G_CONNECT_SWAPPED);
  setup_table (self);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  sti_survey_summary_view_update (self->summary_view, sti_survey_feed_get_summary (self->feed));
  update_actions (self);

  return self;
}

/* Returns: (transfer none): what feeds the table */
StiSurveyFeed *
sti_survey_window_get_feed (StiSurveyWindow *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_WINDOW (self), NULL);
  return self->feed;
}
