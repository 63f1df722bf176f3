/* test-survey-run.c: the survey run against loopback fakes: one probe per
 * mail server however many domains share it, one connection at a time,
 * and 421s and tarpits recorded as what they are
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "counting-smtp.h"
#include "sti-check-session.h"
#include "sti-report-json.h"
#include "sti-survey-input.h"
#include "sti-survey-results.h"
#include "sti-survey-run.h"

#include <string.h>

typedef struct
{
  GMainLoop *loop;
  GString   *reports;   /* "domain: json" per line */
  guint      failed;
  gboolean   ok;
  GError    *error;
} RunState;

static void
domain_cb (const StiSurveyEntry *entry,
           StiDomainReport      *report,
           const GError         *error,
           gpointer              user_data)
{
  RunState *state = user_data;
  g_autofree char *json = NULL;

  if (report == NULL)
    {
      g_test_message ("%s: %s", entry->domain, error->message);
      state->failed++;
      return;
    }
  json = sti_report_to_json_string (report, FALSE);
  g_string_append_printf (state->reports, "%s: %s\n", entry->domain, json);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunState *state = user_data;

  state->ok = sti_survey_run_run_finish (STI_SURVEY_RUN (object), result, &state->error);
  g_main_loop_quit (state->loop);
}

/* Surveys @n_domains domains d0.survey.test … whose MX is the one
 * @server; returns what the run wrote, and the pool's counts. */
static char *
survey_shared_mx (CountingServer *server,
                  guint           n_domains,
                  guint           stage_timeout_ms,
                  RunState       *state,
                  guint          *n_connections,
                  guint          *n_reused)
{
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  g_autoptr(StiSurveyRun) run = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autofree char *list = NULL;
  g_autoptr(GInputStream) stream = NULL;

  sti_check_session_options_set_dns_server (options, COUNTING_DNS_SERVER);
  options->check->port = server->port;
  options->check->stage_timeout_ms = stage_timeout_ms;
  options->check->total_timeout_ms = stage_timeout_ms * 3;
  list = counting_zone_add (session, options, n_domains);

  stream = g_memory_input_stream_new_from_data (g_steal_pointer (&list), -1, g_free);
  run = sti_survey_run_new (session, options, sti_survey_input_new_stream (stream), output);
  sti_survey_run_set_concurrency (run, n_domains);
  sti_survey_run_set_domain_func (run, domain_cb, state);

  state->loop = g_main_loop_new (NULL, FALSE);
  state->reports = g_string_new (NULL);
  sti_survey_run_run_async (run, NULL, run_done_cb, state);
  g_main_loop_run (state->loop);
  g_main_loop_unref (state->loop);
  g_assert_no_error (state->error);
  g_assert_true (state->ok);

  g_assert_cmpuint (sti_survey_run_get_n_done (run), ==, n_domains);
  sti_probe_pool_get_reuse_stats (sti_survey_run_get_probe_pool (run), n_connections, n_reused);
  g_output_stream_close (output, NULL, NULL);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)));
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += strstr (lines[i], needle) != NULL;
  return n;
}

/* Twenty domains, one mail server: it sees one connection in all (the
 * dialogue without SNI is dropped before it connects, as there is no TLS
 * to compare), and every domain gets its full report. */
static void
test_shared_mx_once (void)
{
  CountingServer *server = counting_server_new (SERVER_PLAIN);
  RunState state = { 0 };
  guint connections = 0, reused = 0;
  g_autofree char *lines = survey_shared_mx (server, 20, 5000, &state, &connections, &reused);

  g_assert_cmpuint (count_lines_with (lines, "\"schema\":\"starttls-inspector-report\""), ==, 20);
  g_assert_cmpuint (count_lines_with (state.reports->str, "starttls-not-offered"), ==, 20);
  g_test_message ("connections %u, reused %u", server->connections, reused);
  g_assert_cmpuint (server->connections, ==, connections);
  g_assert_cmpuint (server->connections, ==, 1);
  g_assert_cmpuint (server->max_open, ==, 1);
  g_assert_cmpuint (reused, >=, 19);
  g_assert_cmpuint (state.failed, ==, 0);

  g_string_free (state.reports, TRUE);
  counting_server_free (server);
}

/* A 421 greeting is a temporary refusal, never "no STARTTLS"; asked once. */
static void
test_421_recorded (void)
{
  CountingServer *server = counting_server_new (SERVER_421);
  RunState state = { 0 };
  guint connections = 0, reused = 0;
  g_autofree char *lines = survey_shared_mx (server, 5, 5000, &state, &connections, &reused);

  g_assert_cmpuint (count_lines_with (state.reports->str, "smtp-temporary-failure"), ==, 5);
  g_assert_cmpuint (count_lines_with (state.reports->str, "starttls-not-offered"), ==, 0);
  g_assert_cmpuint (server->connections, ==, 1);
  g_assert_cmpuint (count_lines_with (lines, "\"domain\":\"d"), ==, 5);

  g_string_free (state.reports, TRUE);
  counting_server_free (server);
}

/* A server that accepts and never greets: a timeout, for every domain that
 * shares it, after one wait, not one per domain. */
static void
test_tarpit_recorded (void)
{
  CountingServer *server = counting_server_new (SERVER_TARPIT);
  RunState state = { 0 };
  guint connections = 0, reused = 0;
  gint64 start = g_get_monotonic_time ();
  g_autofree char *lines = survey_shared_mx (server, 5, 300, &state, &connections, &reused);

  g_assert_cmpuint (count_lines_with (state.reports->str, "smtp-timeout"), ==, 5);
  g_assert_cmpuint (count_lines_with (state.reports->str, "starttls-not-offered"), ==, 0);
  g_assert_cmpuint (server->connections, ==, 1);
  /* One stage timeout, not five in a row. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_string_free (state.reports, TRUE);
  counting_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/survey/run/shared-mx-once", test_shared_mx_once);
  g_test_add_func ("/survey/run/421-recorded", test_421_recorded);
  g_test_add_func ("/survey/run/tarpit-recorded", test_tarpit_recorded);

  return g_test_run ();
}
