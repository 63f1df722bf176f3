/* test-survey-run.c: the survey run against loopback fakes: one probe per
 * mail server however many domains share it, one connection at a time,
 * and 421s and tarpits recorded as what they are
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-session.h"
#include "sti-report-json.h"
#include "sti-survey-input.h"
#include "sti-survey-results.h"
#include "sti-survey-run.h"

#include <string.h>

/* Never asked: every name is in a local zone. */
#define TEST_DNS_SERVER "192.0.2.53"

typedef enum
{
  SERVER_PLAIN,     /* greets, EHLO without STARTTLS, QUIT */
  SERVER_421,       /* "421 busy" and close */
  SERVER_TARPIT,    /* accepts, never says a word */
} ServerKind;

/* A mail server on 127.0.0.1 that counts connections and how many it
 * held at once. */
typedef struct
{
  ServerKind        kind;
  GSocketService   *service;
  guint16           port;
  guint             connections;
  guint             open;
  guint             max_open;
  GPtrArray        *held;     /* tarpit connections */
} CountingServer;

typedef struct
{
  CountingServer    *server;
  GSocketConnection *connection;
  GDataInputStream  *in;
} Dialogue;

static void
dialogue_end (Dialogue *dialogue)
{
  dialogue->server->open--;
  g_io_stream_close (G_IO_STREAM (dialogue->connection), NULL, NULL);
  g_object_unref (dialogue->connection);
  g_object_unref (dialogue->in);
  g_free (dialogue);
}

static void
say (Dialogue   *dialogue,
     const char *text)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (dialogue->connection));

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Dialogue *dialogue = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (dialogue->in, result, NULL,
                                                                NULL);

  if (line == NULL || g_ascii_strncasecmp (line, "QUIT", 4) == 0)
    {
      if (line != NULL)
        say (dialogue, "221 bye\r\n");
      dialogue_end (dialogue);
      return;
    }
  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
    say (dialogue, "250-fake.survey.test\r\n250 SIZE 1000000\r\n");
  else
    say (dialogue, "502 5.5.2 not here\r\n");
  g_data_input_stream_read_line_async (dialogue->in, G_PRIORITY_DEFAULT, NULL, line_cb,
                                       dialogue);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  CountingServer *server = user_data;
  Dialogue *dialogue;

  server->connections++;
  server->open++;
  server->max_open = MAX (server->max_open, server->open);

  if (server->kind == SERVER_TARPIT)
    {
      g_ptr_array_add (server->held, g_object_ref (connection));
      return TRUE;
    }

  dialogue = g_new0 (Dialogue, 1);
  dialogue->server = server;
  dialogue->connection = g_object_ref (connection);
  dialogue->in =
    g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  if (server->kind == SERVER_421)
    {
      say (dialogue, "421 4.3.2 mx.survey.test too busy, try again later\r\n");
      dialogue_end (dialogue);
      return TRUE;
    }
  say (dialogue, "220 mx.survey.test ESMTP\r\n");
  g_data_input_stream_read_line_async (dialogue->in, G_PRIORITY_DEFAULT, NULL, line_cb,
                                       dialogue);
  return TRUE;
}

static CountingServer *
counting_server_new (ServerKind kind)
{
  CountingServer *server = g_new0 (CountingServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->kind = kind;
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  return server;
}

static void
counting_server_free (CountingServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_object_unref (server->service);
  g_ptr_array_unref (server->held);
  g_free (server);
}

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
  g_autoptr(StiDomainCheck) first = NULL;
  g_autoptr(StiSurveyRun) run = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  StiResolver *resolver;

  sti_check_session_options_set_dns_server (options, TEST_DNS_SERVER);
  options->check->port = server->port;
  options->check->stage_timeout_ms = stage_timeout_ms;
  options->check->total_timeout_ms = stage_timeout_ms * 3;

  /* The session makes its resolver with its first check; local data goes
   * in before any query. */
  first = sti_check_session_create_check (session, "d0.survey.test", options, &error);
  g_assert_no_error (error);
  resolver = sti_check_session_get_resolver (session);
  g_assert_true (sti_resolver_add_local_zone (resolver, "survey.test.", "static", &error));
  g_assert_true (sti_resolver_add_local_data (resolver, "mx.survey.test. 300 IN A 127.0.0.1",
                                              &error));
  for (guint i = 0; i < n_domains; i++)
    {
      g_autofree char *rr = g_strdup_printf ("d%u.survey.test. 300 IN MX 10 mx.survey.test.", i);

      g_assert_true (sti_resolver_add_local_data (resolver, rr, &error));
      g_assert_no_error (error);
      g_string_append_printf (list, "postmaster@d%u.survey.test\n", i);
    }

  stream = g_memory_input_stream_new_from_data (g_strdup (list->str), list->len, g_free);
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
