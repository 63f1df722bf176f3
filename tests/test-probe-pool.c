/* test-probe-pool.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-endpoint-probe.h"
#include "sti-probe-pool.h"
#include "sti-report-json.h"

#include <string.h>

/* Probes on worker threads: the same reports as on one thread, stages on
 * the caller's thread, and a cancel that releases everything. */

static GThread *main_thread;

static void
test_new_destroy (void)
{
  StiProbePool *pool = sti_probe_pool_new (2, 3);
  StiProbePool *defaults = sti_probe_pool_new (0, 0);

  g_assert_cmpuint (sti_probe_pool_get_n_threads (pool), ==, 2);
  g_assert_cmpuint (sti_probe_pool_get_max_in_flight (pool), ==, 3);
  g_assert_cmpuint (sti_probe_pool_get_n_threads (defaults), >=, 1);
  g_assert_cmpuint (sti_probe_pool_get_n_threads (defaults), <=, STI_PROBE_POOL_MAX_THREADS);
  g_assert_cmpuint (sti_probe_pool_get_max_in_flight (defaults), ==,
                    STI_PROBE_POOL_DEFAULT_MAX_IN_FLIGHT);
  g_assert_finalize_object (pool);
  g_assert_finalize_object (defaults);
}

static int
compare_json (gconstpointer a,
              gconstpointer b)
{
  g_autofree char *sa = json_to_string (*(JsonNode **)a, FALSE);
  g_autofree char *sb = json_to_string (*(JsonNode **)b, FALSE);

  return strcmp (sa, sb);
}

/* Sorts the array member @name of @object as JSON texts. */
static void
sort_array_member (JsonObject *object,
                   const char *name)
{
  JsonArray *array = json_object_get_array_member (object, name);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  JsonArray *sorted = json_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (nodes, json_array_dup_element (array, i));
  g_ptr_array_sort (nodes, compare_json);
  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (sorted, json_node_copy (g_ptr_array_index (nodes, i)));
  json_object_set_array_member (object, name, sorted);
}

/* What differs from run to run of one lab, with or without workers: times,
 * the TTLs the resolver's cache counts down, the order of the records in
 * an answer (and of the TLSA verdicts, which follow it) and the order in
 * which the resolver's threads answer. */
static void
strip_times (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_times (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (g_str_has_suffix (name, "_us") || g_str_equal (name, "started_at") ||
              g_str_equal (name, "finished_at") || g_str_equal (name, "ttl"))
            {
              json_object_remove_member (object, name);
              continue;
            }
          strip_times (json_object_get_member (object, name));
          if (g_str_equal (name, "records") || g_str_equal (name, "dns_evidence") ||
              g_str_equal (name, "dane_matches"))
            sort_array_member (object, name);
        }
    }
}

/* connection-limit turns a second connection away only while the first
 * is open. The dialogue without SNI starts beside the main one, but on a
 * pool it may wait for a free slot or a worker's next iteration and come
 * after the main dialogue ended: whether it was turned away is timing. */
static void
strip_overlap (JsonNode *root)
{
  JsonArray *hosts = json_object_get_array_member (json_node_get_object (root), "hosts");

  for (guint i = 0; i < json_array_get_length (hosts); i++)
    {
      JsonObject *host = json_array_get_object_element (hosts, i);
      JsonArray *endpoints = json_object_get_array_member (host, "endpoints");

      for (guint j = 0; j < json_array_get_length (endpoints); j++)
        json_object_remove_member (json_array_get_object_element (endpoints, j), "without_sni");
    }
}

static char *
report_json_without_times (StiDomainReport *report)
{
  g_autoptr(JsonNode) root = sti_report_to_json (report);

  strip_times (root);
  if (g_str_equal (sti_domain_report_get_domain (report), "connection-limit.lab.test"))
    strip_overlap (root);
  return json_to_string (root, TRUE);
}

typedef struct
{
  GPtrArray *jsons;    /* char *, one per domain */
  guint      pending;
} Checks;

typedef struct
{
  Checks *checks;
  guint   index;
} CheckRun;

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = NULL;

  report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  g_assert_no_error (error);
  g_ptr_array_index (run->checks->jsons, run->index) = report_json_without_times (report);
  run->checks->pending--;
  g_free (run);
}

/* Checks every lab domain at once, with @pool (NULL: on this thread). */
static GPtrArray *
check_lab (Fixture      *fixture,
           StiProbePool *pool)
{
  const StiLabScenario *scenarios;
  guint n = 0;
  Checks checks = { 0 };
  g_autoptr(GPtrArray) running = g_ptr_array_new_with_free_func (g_object_unref);
  /* A resolver of its own: one that validated before says so
   * ("marked as invalid because of a previous validation"). */
  g_autoptr(StiResolver) resolver = fixture_resolver_new (fixture);

  scenarios = sti_lab_get_scenarios (&n);
  checks.jsons = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (checks.jsons, n);
  g_set_object (&fixture->options->probe_pool, pool);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StiCheckTarget) target = sti_check_target_parse (scenarios[i].domain, NULL);
      StiDomainCheck *check = sti_domain_check_new (target, fixture->options, resolver,
                                                    fixture->trust);
      CheckRun *run = g_new0 (CheckRun, 1);

      run->checks = &checks;
      run->index = i;
      checks.pending++;
      g_ptr_array_add (running, check);
      sti_domain_check_run_async (check, NULL, check_done_cb, run);
    }

  while (checks.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&fixture->options->probe_pool);
  return checks.jsons;
}

/* Names the first line that differs rather than printing two reports. */
static void
assert_same_report (const char *json,
                    const char *expected)
{
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);
  g_auto(GStrv) expected_lines = g_strsplit (expected, "\n", -1);

  for (guint i = 0; lines[i] != NULL && expected_lines[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, expected_lines[i]);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (expected_lines));
}

/* Thread sharding gives the same report as one thread: every lab domain,
 * checked on this thread, on one worker and on three (with room for only
 * two dialogues each, so that probes queue too). */
static void
test_same_report (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StiProbePool) one = sti_probe_pool_new (1, 0);
  g_autoptr(StiProbePool) three = sti_probe_pool_new (3, 2);
  g_autoptr(GPtrArray) here = check_lab (fixture, NULL);
  g_autoptr(GPtrArray) on_one = check_lab (fixture, one);
  g_autoptr(GPtrArray) on_three = check_lab (fixture, three);

  g_assert_cmpuint (here->len, >, 10);
  for (guint i = 0; i < here->len; i++)
    {
      g_test_message ("%s", sti_lab_get_scenarios (NULL)[i].domain);
      assert_same_report (g_ptr_array_index (on_one, i), g_ptr_array_index (here, i));
      assert_same_report (g_ptr_array_index (on_three, i), g_ptr_array_index (here, i));
    }

  g_assert_finalize_object (g_steal_pointer (&one));
  g_assert_finalize_object (g_steal_pointer (&three));
}

typedef struct
{
  GArray         *stages;
  guint           notifies;
  gboolean        off_thread;
  StiProbeResult *result;
  GError         *error;
  gboolean        done;
} ProbeRun;

static void
stage_changed_cb (StiEndpointProbe *probe,
                  StiStage          stage,
                  ProbeRun         *run)
{
  run->off_thread |= g_thread_self () != main_thread;
  g_array_append_val (run->stages, stage);
}

static void
notify_stage_cb (StiEndpointProbe *probe,
                 GParamSpec       *pspec,
                 ProbeRun         *run)
{
  run->off_thread |= g_thread_self () != main_thread;
  run->notifies++;
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProbeRun *run = user_data;

  run->off_thread |= g_thread_self () != main_thread;
  run->result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &run->error);
  run->done = TRUE;
}

/* The window shows stages live: they arrive on its thread, in order. */
static void
test_stages_on_caller (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StiProbePool) pool = sti_probe_pool_new (2, 0);
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (fixture->lab, "mx1.valid.lab.test");
  g_autoptr(StiEndpointProbe) probe = NULL;
  const StiStage expected[] = { STI_STAGE_CONNECTING, STI_STAGE_GREETING, STI_STAGE_EHLO,
                                STI_STAGE_STARTTLS, STI_STAGE_HANDSHAKE, STI_STAGE_EHLO,
                                STI_STAGE_DONE };
  ProbeRun run = { 0 };

  g_assert_cmpuint (addresses->len, >, 0);
  run.stages = g_array_new (FALSE, FALSE, sizeof (StiStage));
  probe = sti_endpoint_probe_new ("mx1.valid.lab.test", g_ptr_array_index (addresses, 0), NULL);
  g_signal_connect (probe, "stage-changed", G_CALLBACK (stage_changed_cb), &run);
  g_signal_connect (probe, "notify::stage", G_CALLBACK (notify_stage_cb), &run);
  sti_probe_pool_run_async (pool, probe, NULL, probe_done_cb, &run);
  g_assert_cmpint (sti_endpoint_probe_get_stage (probe), ==, STI_STAGE_PENDING);

  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run.error);
  g_assert_nonnull (run.result);
  g_assert_true (sti_probe_result_get_tls_established (run.result));
  g_assert_false (run.off_thread);
  g_assert_cmpuint (run.stages->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (g_array_index (run.stages, StiStage, i), ==, expected[i]);
  g_assert_cmpuint (run.notifies, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (sti_endpoint_probe_get_stage (probe), ==, STI_STAGE_DONE);

  g_clear_object (&run.result);
  g_array_unref (run.stages);
  g_assert_finalize_object (g_steal_pointer (&probe));
  g_assert_finalize_object (g_steal_pointer (&pool));
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

typedef struct
{
  guint   done;
  guint   cancelled;
  guint   started;
} CancelRun;

static void
cancel_stage_cb (StiEndpointProbe *probe,
                 StiStage          stage,
                 CancelRun        *run)
{
  if (stage == STI_STAGE_GREETING)
    run->started++;
}

static void
cancel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CancelRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiProbeResult) probe_result = NULL;

  probe_result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &error);
  g_assert_null (probe_result);
  run->cancelled += g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run->done++;
}

/* A server that accepts and never speaks: every probe waits for its
 * greeting, some on the workers and more queued, until the cancel. */
static void
test_cancel (void)
{
  const guint n_probes = 40;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) probes = g_ptr_array_new ();
  StiProbePool *pool;
  CancelRun run = { 0 };
  guint fds_before;
  gint64 cancelled_at;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (listener, any, TRUE, &error));
  g_socket_set_listen_backlog (listener, n_probes);
  g_assert_true (g_socket_listen (listener, &error));
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  fds_before = count_open_fds ();
  pool = sti_probe_pool_new (2, 5);

  for (guint i = 0; i < n_probes; i++)
    {
      StiEndpointProbe *probe = sti_endpoint_probe_new ("mx.test", G_INET_SOCKET_ADDRESS (bound),
                                                        NULL);

      g_signal_connect (probe, "stage-changed", G_CALLBACK (cancel_stage_cb), &run);
      g_ptr_array_add (probes, probe);
      sti_probe_pool_run_async (pool, probe, cancellable, cancel_done_cb, &run);
    }

  /* Both workers are full; the rest wait in the queue. */
  while (run.started < 10)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (run.done, ==, 0);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  while (run.done < n_probes)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run.cancelled, ==, n_probes);

  /* Nothing is left: no probe, no socket, no thread, no source. */
  for (guint i = 0; i < probes->len; i++)
    g_assert_finalize_object (g_ptr_array_index (probes, i));
  g_assert_finalize_object (pool);
  g_assert_cmpuint (count_open_fds (), ==, fds_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  g_test_add_func ("/sti/probe-pool/new-destroy", test_new_destroy);
  g_test_add ("/sti/probe-pool/same-report", Fixture, NULL, fixture_setup, test_same_report,
              fixture_teardown);
  g_test_add ("/sti/probe-pool/stages-on-caller", Fixture, NULL, fixture_setup,
              test_stages_on_caller, fixture_teardown);
  g_test_add_func ("/sti/probe-pool/cancel", test_cancel);

  return g_test_run ();
}
