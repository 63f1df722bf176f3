/* test-ui-survey.c: "Check Many Domains…" over the demo lab
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "counting-smtp.h"
#include "sti-lab.h"
#include "sti-survey-results.h"
#include "sti-survey-window.h"
#include "sti-verdict.h"
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

/* Running, with a few domains over: the progress bar has figures. */
static gboolean
survey_under_way (gpointer data)
{
  StiSurveyFeed *feed = data;

  return sti_survey_feed_get_n_done (feed) >= 3;
}

static gboolean
survey_stopped (gpointer data)
{
  return !sti_survey_feed_get_running (data);
}

static gboolean
window_count_is (gpointer data)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))) ==
         GPOINTER_TO_UINT (data);
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
  g_autoptr(GFile) results = NULL;
  guint n;

  sti_lab_get_scenarios (&n);
  gtk_window_set_default_size (GTK_WINDOW (survey), 1200, 820);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (survey));

  /* Paste the list, then Check All, as a user would. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (list_view), list, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.start", NULL));
  g_assert_cmpuint (sti_survey_feed_get_n_total (feed), ==, n);
  g_assert_true (gtk_widget_get_visible (survey_child (survey, "cancel_button")));
  /* Driven by the survey engine, as `survey` is: its concurrency and deadline. */
  g_assert_nonnull (sti_survey_feed_get_run (feed));
  g_assert_true (wait_for (survey_under_way, feed, 240000));
  spin_for (450);  /* a redraw of the progress line and the summary */
  if (sti_survey_feed_get_running (feed))
    save_screenshot_now (survey, "ui-survey-running.png");
  else
    g_test_message ("the survey ended before a screenshot of it running");
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

  /* A row opens the full result in a window of its own, read back from
   * the survey's results file: the table keeps no report. */
  {
    guint before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
    StiWindow *opened;
    StiDomainReport *report;
    g_autofree char *verdict = NULL;

    g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (row_item (survey, 0)),
                                                 "report"));
    g_assert_cmpint (sti_survey_item_get_result_offset (row_item (survey, 0)), >=, 0);
    g_signal_emit_by_name (column_view, "activate", 0);
    g_assert_true (wait_for (window_count_is, GUINT_TO_POINTER (before + 1), 20000));
    opened = gtk_application_get_windows (GTK_APPLICATION (app))->data;
    g_assert_true (STI_IS_WINDOW (opened));
    report = sti_window_get_report (opened);
    g_assert_cmpstr (sti_domain_report_get_domain (report), ==, "dane.lab.test");
    verdict = sti_verdict_dup_sentence (report);
    g_assert_cmpstr (gtk_label_get_text (child (opened, "verdict_label")), ==, verdict);
    g_assert_nonnull (strstr (verdict, "dane.lab.test"));
    gtk_window_set_default_size (GTK_WINDOW (opened), 1000, 760);
    save_screenshot (opened, "ui-survey-row-opened.png");
    destroy_window (opened);
  }

  /* Every export, from the results so far. */
  {
    g_autofree char *map = export_and_read (survey, "policy-map");
    g_autofree char *csv = export_and_read (survey, "csv");
    g_autofree char *html = export_and_read (survey, "html");
    g_autofree char *jsonl = export_and_read (survey, "jsonl");
    g_auto(GStrv) lines = g_strsplit (jsonl, "\n", -1);
    g_autoptr(GHashTable) domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();

    g_assert_nonnull (strstr (map, "\ndane.lab.test dane-only\n"));
    g_assert_nonnull (strstr (map, "\nno-starttls.lab.test may\n"));
    g_assert_true (g_str_has_prefix (csv, "domain,mx_hosts,starttls,verified,policies,readiness"));
    g_assert_nonnull (strstr (csv, "\"dane.lab.test\",\"1\""));
    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    /* One line per domain, as `survey --output` writes them. */
    g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
    g_assert_cmpstr (lines[n], ==, "");
    for (guint i = 0; i < n; i++)
      {
        g_assert_true (g_str_has_prefix (lines[i],
                                         "{\"schema\":\"starttls-inspector-report\""));
        g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
        g_assert_true (g_hash_table_add (domains, g_strdup (sti_survey_result_get_domain (
                                                              json_parser_get_root (parser)))));
      }
    g_assert_cmpuint (g_hash_table_size (domains), ==, n);
  }

  /* The results file goes with the window. */
  results = sti_survey_feed_dup_results_file (feed);
  g_assert_true (g_file_query_exists (results, NULL));
  destroy_window (survey);
  g_assert_false (g_file_query_exists (results, NULL));
  destroy_window (window);
}

/* A survey window of its own over domains d0.survey.test … that share one
 * mail server (the setup of test-survey-run), the way the main window's
 * "Check Many Domains…" makes one. */
static StiSurveyWindow *
shared_mx_window (CountingServer   *server,
                  StiCheckSession  *session,
                  guint             n_domains,
                  guint             stage_timeout_ms,
                  char            **list)
{
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  StiSurveyWindow *survey;

  sti_check_session_options_set_dns_server (options, COUNTING_DNS_SERVER);
  options->check->port = server->port;
  options->check->stage_timeout_ms = stage_timeout_ms;
  options->check->total_timeout_ms = stage_timeout_ms * 3;
  *list = counting_zone_add (session, options, n_domains);

  survey = sti_survey_window_new (GTK_APPLICATION (app), session, options);
  gtk_window_set_default_size (GTK_WINDOW (survey), 1100, 720);
  gtk_window_present (GTK_WINDOW (survey));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (survey));
  return survey;
}

/* Thirty domains, one mail server: it is asked once, never twice at once,
 * and every row gets its figures from the one answer. */
static void
test_survey_shared_mx (void)
{
  CountingServer *server = counting_server_new (SERVER_PLAIN);
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autofree char *list = NULL;
  StiSurveyWindow *survey = shared_mx_window (server, session, 30, 5000, &list);
  StiSurveyFeed *feed = sti_survey_window_get_feed (survey);
  guint connections = 0, reused = 0;

  g_assert_true (sti_survey_window_check (survey, list));
  g_assert_cmpuint (sti_survey_feed_get_n_total (feed), ==, 30);
  g_assert_true (wait_for (survey_over, feed, 60000));

  sti_probe_pool_get_reuse_stats (sti_survey_run_get_probe_pool (sti_survey_feed_get_run (feed)),
                                  &connections, &reused);
  g_test_message ("30 domains, one server: %u connections, %u probes reused",
                  server->connections, reused);
  g_assert_cmpuint (server->connections, ==, 1);
  g_assert_cmpuint (server->max_open, ==, 1);
  g_assert_cmpuint (reused, >=, 29);
  g_assert_cmpuint (sti_survey_feed_get_n_failed (feed), ==, 0);
  for (guint i = 0; i < 30; i++)
    g_assert_cmpstr (sti_survey_item_get_starttls_text (row_item (survey, i)), ==, "0 of 1");

  destroy_window (survey);
  counting_server_free (server);
}

/* Cancel, while a tarpit holds every domain: the run stops at once, and
 * what never ran says so. */
static void
test_survey_cancel (void)
{
  CountingServer *server = counting_server_new (SERVER_TARPIT);
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autofree char *list = NULL;
  StiSurveyWindow *survey = shared_mx_window (server, session, 12, 60000, &list);
  StiSurveyFeed *feed = sti_survey_window_get_feed (survey);
  gint64 start;

  g_assert_true (sti_survey_window_check (survey, list));
  g_assert_false (wait_for (survey_stopped, feed, 500));
  g_assert_cmpuint (server->connections, ==, 1);
  spin_for (300);
  /* Fewer domains than the survey checks at once: every one has started. */
  g_assert_cmpstr (sti_survey_item_get_readiness_text (row_item (survey, 11)), ==, "Checking…");
  save_screenshot_now (survey, "ui-survey-tarpit-running.png");

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (survey), "survey.cancel", NULL));
  g_assert_true (wait_for (survey_stopped, feed, 5000));
  g_test_message ("stopped %.0f ms after Cancel", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  spin_for (500);

  g_assert_cmpuint (sti_survey_feed_get_n_done (feed), ==, 0);
  g_assert_false (gtk_widget_get_visible (survey_child (survey, "cancel_button")));
  g_assert_true (g_str_has_prefix (gtk_progress_bar_get_text (survey_child (survey,
                                                                            "progress_bar")),
                                   "Stopped: 0 of 12"));
  g_assert_cmpstr (sti_survey_item_get_readiness_text (row_item (survey, 0)), ==, "Not checked");
  save_screenshot (survey, "ui-survey-cancelled.png");

  destroy_window (survey);
  counting_server_free (server);
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
  g_test_add_func ("/sti/ui-survey/shared-mx", test_survey_shared_mx);
  g_test_add_func ("/sti/ui-survey/cancel", test_survey_cancel);
  g_test_add_func ("/sti/ui-survey/many-rows", test_survey_many_rows);

  return g_test_run ();
}
