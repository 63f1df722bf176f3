/* test-ui-survey.c: "Check Many Domains…" over the demo lab
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"
#include "sti-survey-window.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

static gpointer
survey_child (StiSurveyWindow *window,
              const char      *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), STI_TYPE_SURVEY_WINDOW,
                                                   name);

  g_assert_nonnull (object);
  return object;
}

/* The survey window the menu item opened: the newest of its kind. */
static StiSurveyWindow *
open_survey_window (StiWindow *window)
{
  GList *windows;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-many", NULL));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (STI_IS_SURVEY_WINDOW (l->data))
      return l->data;

  g_assert_not_reached ();
}

static char *
dup_lab_list (void)
{
  guint n;
  const StiLabScenario *scenarios = sti_lab_get_scenarios (&n);
  GString *list = g_string_new ("# the demo lab\n\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (list, "%s\n", scenarios[i].domain);
  /* a repeat, an address and a bad line: deduplicated, normalised, left out */
  g_string_append (list, "VALID.lab.test.\npostmaster@expired.lab.test\nnot a domain!\n");
  return g_string_free (list, FALSE);
}

static gboolean
survey_over (gpointer data)
{
  StiSurveyFeed *feed = data;

  return !sti_survey_feed_get_running (feed) &&
         sti_survey_feed_get_n_done (feed) == sti_survey_feed_get_n_total (feed);
}

static GListModel *
table_model (StiSurveyWindow *window)
{
  return G_LIST_MODEL (gtk_column_view_get_model (survey_child (window, "column_view")));
}

/* Returns: (transfer none): the table's model holds the item */
static StiSurveyItem *
row_item (StiSurveyWindow *window,
          guint            position)
{
  StiSurveyItem *item = g_list_model_get_item (table_model (window), position);

  g_object_unref (item);
  return item;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static char *
export_and_read (StiSurveyWindow *window,
                 const char      *format)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sti-ui-survey-XXXXXX", NULL);
  g_autoptr(GFile) file = NULL;
  char *contents = NULL;
  int fd = g_mkstemp (path);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_unlink (path);
  file = g_file_new_for_path (path);
  sti_survey_window_export (window, format, file);
  g_assert_true (wait_for (file_written, path, 20000));
  spin_for (200);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_unlink (path);
  return contents;
}

static void
test_survey_lab (void)
{
  StiWindow *window = new_window (900, 700);
  StiSurveyWindow *survey = open_survey_window (window);
  StiSurveyFeed *feed = sti_survey_window_get_feed (survey);
  GtkTextView *list_view = survey_child (survey, "list_view");
  g_autofree char *list = dup_lab_list ();
  GtkColumnView *column_view = survey_child (survey, "column_view");
  const StiSurveyFigures *f;
  guint n;

  sti_lab_get_scenarios (&n);
  gtk_window_set_default_size (GTK_WINDOW (survey), 1200, 820);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (survey));

  /* Paste the list, then Check All, as a user would. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (list_view), list, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.start", NULL));
  g_assert_cmpuint (sti_survey_feed_get_n_total (feed), ==, n);
  g_assert_true (gtk_widget_get_visible (survey_child (survey, "cancel_button")));
  g_assert_true (wait_for (survey_over, feed, 240000));
  spin_for (600);

  /* The same figures as the survey of the lab in test-survey-summary. */
  f = sti_survey_summary_get_figures (sti_survey_feed_get_summary (feed));
  g_assert_cmpuint (f->domains, ==, n);
  g_assert_cmpuint (f->domains_by_reach[STI_REACH_TEMPORARY], ==, 1);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_ENCRYPT], ==, 30);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_DANE], ==, 1);
  g_assert_cmpuint (sti_survey_feed_get_n_failed (feed), ==, 0);
  g_assert_false (gtk_widget_get_visible (survey_child (survey, "cancel_button")));
  g_assert_true (any_label_contains (survey, "30 of 33 (90.9 %)"));
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (survey_child (survey, "progress_bar")),
                            "36 of 36"));

  /* Sorted by readiness, strictest first: DANE, then the two MTA-STS. */
  gtk_column_view_sort_by_column (column_view, survey_child (survey, "readiness_column"),
                                  GTK_SORT_DESCENDING);
  spin_for (200);
  g_assert_cmpstr (sti_survey_item_get_domain (row_item (survey, 0)), ==, "dane.lab.test");
  g_assert_cmpint (sti_survey_item_get_readiness_level (row_item (survey, 1)), ==,
                   STI_READINESS_MTA_STS);
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view)), 0);
  save_screenshot (survey, "ui-survey-lab.png");

  /* Filtered: by level, then by domain. */
  gtk_editable_set_text (survey_child (survey, "search_entry"), "Encrypt");
  spin_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (table_model (survey)), ==, 11);
  gtk_editable_set_text (survey_child (survey, "search_entry"), "mta-sts");
  spin_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (table_model (survey)), ==, 5);
  save_screenshot (survey, "ui-survey-filtered.png");
  gtk_editable_set_text (survey_child (survey, "search_entry"), "");
  spin_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (table_model (survey)), ==, n);

  /* A row opens the full result in a window of its own. */
  {
    guint before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
    StiWindow *opened;

    g_signal_emit_by_name (column_view, "activate", 0);
    g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==,
                      before + 1);
    opened = gtk_application_get_windows (GTK_APPLICATION (app))->data;
    g_assert_true (STI_IS_WINDOW (opened));
    g_assert_cmpstr (sti_domain_report_get_domain (sti_window_get_report (opened)), ==,
                     "dane.lab.test");
    destroy_window (opened);
  }

  /* Every export, from the results so far. */
  {
    g_autofree char *map = export_and_read (survey, "policy-map");
    g_autofree char *csv = export_and_read (survey, "csv");
    g_autofree char *html = export_and_read (survey, "html");
    g_autofree char *jsonl = export_and_read (survey, "jsonl");
    g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);

    g_assert_nonnull (strstr (map, "\ndane.lab.test dane-only\n"));
    g_assert_nonnull (strstr (map, "\nno-starttls.lab.test may\n"));
    g_assert_true (g_str_has_prefix (csv, "domain,mx_hosts,starttls,verified,policies,readiness"));
    g_assert_nonnull (strstr (csv, "\"dane.lab.test\",\"1\""));
    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
    g_assert_true (g_str_has_prefix (lines[0], "{\"schema\":\"starttls-inspector-report\""));
  }

  destroy_window (survey);
  destroy_window (window);
}

/* Ten thousand domains: one item each, but rows only for what is on
 * screen, and the window still draws at once. */
static void
test_survey_many_rows (void)
{
  StiWindow *window = new_window (900, 700);
  StiSurveyWindow *survey = open_survey_window (window);
  StiSurveyFeed *feed = sti_survey_window_get_feed (survey);
  GString *list = g_string_new (NULL);
  g_autoptr(GPtrArray) labels = NULL;
  gint64 start;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (list, "domain%05u.example\n", i);
  g_assert_cmpuint (sti_survey_feed_add_text (feed, list->str, NULL), ==, 10000);
  g_string_free (list, TRUE);
  gtk_stack_set_visible_child_name (survey_child (survey, "stack"), "results");

  start = g_get_monotonic_time ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (survey));
  spin_for (300);
  g_test_message ("10,000 rows drawn in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0 - 300);
  g_assert_cmpuint (g_list_model_get_n_items (table_model (survey)), ==, 10000);

  /* A label per cell of the rows GTK keeps around the visible ones (about
   * 200 in GTK 4.8), whatever the number of domains. */
  labels = find_widgets (survey_child (survey, "column_view"), GTK_TYPE_LABEL, NULL);
  g_test_message ("%u labels for 10,000 domains", labels->len);
  g_assert_cmpuint (labels->len, <, 6 * 250);

  destroy_window (survey);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/sti/ui-survey/lab", test_survey_lab);
  g_test_add_func ("/sti/ui-survey/many-rows", test_survey_many_rows);

  return g_test_run ();
}
