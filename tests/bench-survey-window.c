/* bench-survey-window.c: the memory of "Check Many Domains…" over a big list
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs a survey of N domains (10,000 unless told) in the survey window, as
 * a user would, against one loopback mail server that every domain shares
 * (tests/support/counting-smtp.c), and prints the process's RSS before,
 * after and at its peak, then what the same reports would cost if the
 * window still held them (they are read back from its results file and
 * kept). A program, not a test; it needs a display:
 *
 *   xvfb-run -a build/tests/bench-survey-window [N]
 */

#include "config.h"

#include "bench-proc.h"
#include "counting-smtp.h"
#include "sti-survey-results.h"
#include "sti-survey-window.h"
#include "ui-test-helpers.h"

static gboolean
survey_over (gpointer data)
{
  StiSurveyFeed *feed = data;

  return !sti_survey_feed_get_running (feed) &&
         sti_survey_feed_get_n_done (feed) == sti_survey_feed_get_n_total (feed);
}

static gboolean
keep_report_cb (JsonNode *root,
                gpointer  user_data)
{
  g_ptr_array_add (user_data, sti_survey_result_load_report (root, NULL));
  return TRUE;
}

static gint64
rss_kb (void)
{
  return bench_read_status_field ("VmRSS:");
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint)g_ascii_strtoull (argv[argc - 1], NULL, 10) : 0;
  CountingServer *server;
  g_autoptr(StiCheckSession) session = NULL;
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) results = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *list = NULL;
  g_autofree char *path = NULL;
  StiSurveyWindow *survey;
  StiSurveyFeed *feed;
  gint64 start, before, after, with_reports;
  double wall_s;

  if (!ui_test_init (&argc, &argv))
    return 0;
  if (n == 0)
    n = 10000;
  bench_raise_fd_limit ();

  session = sti_check_session_new (FALSE);
  server = counting_server_new (SERVER_PLAIN);
  sti_check_session_options_set_dns_server (options, COUNTING_DNS_SERVER);
  options->check->port = server->port;
  list = counting_zone_add (session, options, n);

  survey = sti_survey_window_new (GTK_APPLICATION (app), session, options);
  feed = sti_survey_window_get_feed (survey);
  gtk_window_present (GTK_WINDOW (survey));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (survey));
  spin_for (300);

  before = rss_kb ();
  start = g_get_monotonic_time ();
  g_assert_true (sti_survey_window_check (survey, list));
  g_assert_true (wait_for (survey_over, feed, 3600 * 1000));
  wall_s = (g_get_monotonic_time () - start) / 1e6;
  spin_for (500);
  after = rss_kb ();

  results = sti_survey_feed_dup_results_file (feed);
  info = g_file_query_info (results, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  path = g_file_get_path (results);
  g_print ("domains               %u (%u failed), one mail server: %u connection(s)\n",
           sti_survey_feed_get_n_done (feed), sti_survey_feed_get_n_failed (feed),
           server->connections);
  g_print ("wall time             %.1f s (%.0f domains/s)\n", wall_s, n / wall_s);
  g_print ("results file          %.1f MB\n", g_file_info_get_size (info) / 1e6);
  g_print ("RSS before the survey %.1f MB\n", before / 1024.0);
  g_print ("RSS after the survey  %.1f MB (+%.1f MB, %.0f bytes a domain)\n", after / 1024.0,
           (after - before) / 1024.0, (after - before) * 1024.0 / n);
  g_print ("peak RSS              %.1f MB\n", bench_read_status_field ("VmHWM:") / 1024.0);

  /* What the window held before: every report, for a row to open. */
  g_assert_true (sti_survey_results_read_file (path, keep_report_cb, kept, NULL, NULL, NULL));
  with_reports = rss_kb ();
  g_print ("RSS with the %u reports kept as well: %.1f MB (+%.1f MB, %.0f bytes a report)\n",
           kept->len, with_reports / 1024.0, (with_reports - after) / 1024.0,
           (with_reports - after) * 1024.0 / MAX (kept->len, 1));

  g_ptr_array_set_size (kept, 0);
  gtk_window_destroy (GTK_WINDOW (survey));
  spin_for (200);
  counting_server_free (server);
  return 0;
}
