/* test-domain-check.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-lab.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-verdict.h"

#include <string.h>

/* End to end: every demo lab scenario through the real resolver, probe and
 * verification, asserting exactly the finding ids the scenario promises. */

static void
collect_ids (GPtrArray  *findings,
             GHashTable *ids)
{
  for (guint i = 0; i < findings->len; i++)
    g_hash_table_add (ids, g_strdup (sti_finding_get_id (g_ptr_array_index (findings, i))));
}

static GHashTable *
report_ids (StiDomainReport *report)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  collect_ids (sti_domain_report_get_findings (report), ids);
  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      collect_ids (sti_host_report_get_findings (host), ids);
      for (guint j = 0; j < endpoints->len; j++)
        collect_ids (sti_endpoint_report_get_findings (g_ptr_array_index (endpoints, j)), ids);
    }

  return ids;
}

static gboolean
ipv6_loopback_available (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV6);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  return socket != NULL && g_socket_bind (socket, address, TRUE, NULL);
}

static void
test_scenario (Fixture       *fixture,
               gconstpointer  data)
{
  const StiLabScenario *scenario = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(StiDomainReport) reloaded = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  guint n_expected = 0;

  if (g_str_equal (scenario->id, "ipv6-only") && !ipv6_loopback_available ())
    {
      g_test_skip ("no IPv6 loopback on this machine");
      return;
    }

  report = run_check (fixture, scenario->domain);
  g_assert_nonnull (report);

  ids = report_ids (report);
  for (guint i = 0; scenario->expected_findings[i] != NULL; i++)
    {
      if (!g_hash_table_contains (ids, scenario->expected_findings[i]))
        g_error ("%s: expected finding %s is missing", scenario->domain,
                 scenario->expected_findings[i]);
      n_expected++;
    }
  if (g_hash_table_size (ids) != n_expected)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_strv_contains (scenario->expected_findings, key))
          g_error ("%s: unexpected finding %s", scenario->domain, (char *)key);
    }

  g_assert_cmpstr (sti_domain_report_get_domain (report), ==, scenario->domain);
  g_assert_nonnull (sti_domain_report_get_started_at (report));
  g_assert_nonnull (sti_domain_report_get_finished_at (report));

  /* The report survives its canonical serialization unchanged. */
  json = sti_report_to_json_string (report, FALSE);
  reloaded = sti_report_load_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, reloaded));

  text = sti_report_to_text (report, STI_REPORT_TEXT_TRANSCRIPT);
  g_assert_nonnull (strstr (text, scenario->domain));
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

/* Every address of every MX is probed and appears in preference order. */
static void
test_valid_endpoints (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "postmaster@valid.lab.test");
  GPtrArray *hosts;

  hosts = sti_domain_report_get_hosts (report);
  g_assert_cmpuint (hosts->len, ==, 2);
  g_assert_cmpstr (sti_host_report_get_name (hosts->pdata[0]), ==, "mx1.valid.lab.test");
  g_assert_cmpint (sti_host_report_get_preference (hosts->pdata[0]), ==, 10);
  g_assert_cmpstr (sti_host_report_get_name (hosts->pdata[1]), ==, "mx2.valid.lab.test");

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (hosts->pdata[i]);
      StiEndpointReport *endpoint;

      g_assert_cmpuint (endpoints->len, ==, 1);
      endpoint = endpoints->pdata[0];
      g_assert_true (sti_endpoint_report_get_tls_established (endpoint));
      g_assert_true (sti_endpoint_report_get_certificate_verified (endpoint));
      g_assert_cmpint (sti_endpoint_report_get_stage (endpoint), ==, STI_STAGE_DONE);
      g_assert_nonnull (sti_endpoint_report_get_tls_version (endpoint));
      g_assert_cmpuint (sti_endpoint_report_get_chain (endpoint)->len, >=, 1);
      g_assert_true (g_strv_contains (sti_endpoint_report_get_caps_before (endpoint), "STARTTLS"));
      g_assert_false (g_strv_contains (sti_endpoint_report_get_caps_after (endpoint), "STARTTLS"));
      g_assert_cmpint (sti_endpoint_report_get_timings (endpoint)->handshake_us, >=, 0);
      g_assert_cmpint (sti_endpoint_report_get_timings (endpoint)->total_us, >, 0);
    }

  g_assert_true (sti_report_all_secure (report));
  g_assert_cmpuint (sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR), ==, 0);

  /* With no name configured, the report records the address literal the
   * probes sent, as the transcript shows it. */
  {
    const char *ehlo_name = NULL;
    g_autofree char *line = NULL;
    StiEndpointReport *endpoint =
      sti_host_report_get_endpoints (hosts->pdata[0])->pdata[0];
    GPtrArray *transcript = sti_endpoint_report_get_transcript (endpoint);
    gboolean seen = FALSE;

    g_assert_true (g_variant_lookup (sti_domain_report_get_options (report), "ehlo_name", "&s",
                                     &ehlo_name));
    g_assert_cmpstr (ehlo_name, ==, "[127.0.0.1]");
    line = g_strdup_printf ("EHLO %s", ehlo_name);
    for (guint i = 0; i < transcript->len; i++)
      {
        const StiTranscriptLine *l = g_ptr_array_index (transcript, i);

        if (l->kind == STI_TRANSCRIPT_CLIENT &&
            g_bytes_get_size (l->raw) == strlen (line) &&
            memcmp (g_bytes_get_data (l->raw, NULL), line, strlen (line)) == 0)
          seen = TRUE;
      }
    g_assert_true (seen);
  }
}

static GPtrArray *
first_built_chain (StiDomainReport *report)
{
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (report), 0);

  return sti_endpoint_report_get_built_chain (
    g_ptr_array_index (sti_host_report_get_endpoints (host), 0));
}

/* The chain as built is in the report: the intermediate the server left
 * out, fetched through AIA, and the anchor from the store; a chain sent
 * out of order, in the order used, each link with its place as sent. */
static void
test_built_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StiDomainReport) missing = run_check (fixture, "missing-intermediate.lab.test");
  g_autoptr(StiDomainReport) wrong = run_check (fixture, "wrong-order.lab.test");
  GPtrArray *built = first_built_chain (missing);
  const StiChainLink *link;

  g_assert_cmpuint (built->len, ==, 3);
  link = g_ptr_array_index (built, 0);
  g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_SENT);
  g_assert_cmpint (link->sent_position, ==, 0);
  link = g_ptr_array_index (built, 1);
  g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_FETCHED);
  g_assert_nonnull (strstr (sti_certificate_get_subject (link->certificate), "Intermediate"));
  link = g_ptr_array_index (built, 2);
  g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_ANCHOR);
  g_assert_true (sti_certificate_get_is_self_signed (link->certificate));

  built = first_built_chain (wrong);
  g_assert_cmpuint (built->len, >=, 3);
  for (guint i = 0; i < 3; i++)
    {
      const int positions[] = { 0, 2, 1 };

      link = g_ptr_array_index (built, i);
      g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_SENT);
      g_assert_cmpint (link->sent_position, ==, positions[i]);
    }
}

/* `[host]:port` skips MX and probes that one server. */
static void
test_direct_target (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = NULL;
  g_autofree char *input = g_strdup_printf ("[mx1.expired.lab.test]:%u",
                                            sti_lab_get_port (fixture->lab));
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *hosts;

  fixture->options->port = 0;
  report = run_check (fixture, input);

  hosts = sti_domain_report_get_hosts (report);
  g_assert_cmpuint (hosts->len, ==, 1);
  g_assert_cmpstr (sti_host_report_get_name (hosts->pdata[0]), ==, "mx1.expired.lab.test");
  g_assert_cmpuint (sti_host_report_get_endpoints (hosts->pdata[0])->len, ==, 1);
  all = sti_domain_report_collect_findings (report);
  g_assert_true (sti_findings_contain (all, "cert-expired"));
}

/* Server text reaches the report literally, never interpreted. */
static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "hostile.lab.test");
  StiEndpointReport *endpoint;
  StiCertificate *leaf;
  g_autofree char *json = NULL;

  endpoint =
    sti_host_report_get_endpoints (sti_domain_report_get_hosts (report)->pdata[0])->pdata[0];
  leaf = sti_endpoint_report_get_chain (endpoint)->pdata[0];

  g_assert_true (g_utf8_validate (sti_endpoint_report_get_greeting (endpoint), -1, NULL));
  g_assert_nonnull (strstr (sti_endpoint_report_get_greeting (endpoint), "<script>"));
  g_assert_nonnull (strstr (sti_endpoint_report_get_greeting (endpoint), "\\x"));
  g_assert_nonnull (strstr (sti_certificate_get_subject (leaf), "<"));
  g_assert_true (g_utf8_validate (sti_certificate_get_subject (leaf), -1, NULL));

  json = sti_report_to_json_string (report, FALSE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

static void
count_stage_cb (StiDomainCheck *check,
                const char     *host,
                const char     *address,
                StiStage        stage,
                guint          *counter)
{
  (*counter)++;
}

/* The verdict says whether a policy makes TLS mandatory. */
static void
test_policy_sentence (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *domain;
    const char *part;
  } cases[] = {
    { "valid.lab.test", "No MTA-STS or DANE policy makes TLS mandatory" },
    { "mta-sts.lab.test", "MTA-STS policy makes TLS with a valid certificate mandatory" },
    { "mta-sts-mx-missing.lab.test", "published but does not work" },
    { "dane.lab.test", "DNSSEC-signed DANE records make TLS mandatory" },
    { "dane-stale.lab.test", "senders that check DANE refuse to deliver there" },
    { "dane-unsigned.lab.test", "zone is not signed with DNSSEC, so senders ignore them" },
    { "dnssec-bogus.lab.test",
      "fail DNSSEC validation, so senders that validate DNSSEC cannot find" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiDomainReport) report = run_check (fixture, cases[i].domain);
      g_autofree char *verdict = sti_verdict_dup_sentence (report);

      g_test_message ("%s: %s", cases[i].domain, verdict);
      g_assert_nonnull (strstr (verdict, cases[i].part));
    }
}

/* Cancel half-way: the check ends quickly, with CANCELLED. With the
 * old-TLS probe on (@data), cancel once endpoints are being verified, when
 * second connections are queued behind the first ones. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StiCheckTarget) target = sti_check_target_parse ("one-mx-down.lab.test", NULL);
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GTask) outer = g_task_new (NULL, NULL, NULL, NULL);
  g_autoptr(StiDomainReport) report = NULL;
  guint stages = 0;
  guint wait_for_stages = data != NULL ? 7 : 1;
  gint64 cancelled_at;

  fixture->options->probe_old_tls = data != NULL;
  check = sti_domain_check_new (target, fixture->options, fixture->resolver, fixture->trust);
  g_signal_connect (check, "endpoint-stage-changed", G_CALLBACK (count_stage_cb), &stages);
  sti_domain_check_run_async (check, cancellable, run_done_cb, g_object_ref (outer));

  /* Wait until endpoints are under way, then pull the plug. */
  while (stages < wait_for_stages && !g_task_get_completed (outer))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_task_get_completed (outer));

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  while (!g_task_get_completed (outer))
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 500 * G_TIME_SPAN_MILLISECOND);
  report = g_task_propagate_pointer (outer, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
}

int
main (int   argc,
      char *argv[])
{
  const StiLabScenario *scenarios;
  guint n = 0;

  g_test_init (&argc, &argv, NULL);

  scenarios = sti_lab_get_scenarios (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/domain-check/scenario/%s", scenarios[i].id);

      g_test_add (path, Fixture, &scenarios[i], fixture_setup, test_scenario, fixture_teardown);
    }

  g_test_add ("/sti/domain-check/valid-endpoints", Fixture, NULL, fixture_setup,
              test_valid_endpoints, fixture_teardown);
  g_test_add ("/sti/domain-check/built-chain", Fixture, NULL, fixture_setup, test_built_chain,
              fixture_teardown);
  g_test_add ("/sti/domain-check/direct-target", Fixture, NULL, fixture_setup, test_direct_target,
              fixture_teardown);
  g_test_add ("/sti/domain-check/hostile-text", Fixture, NULL, fixture_setup, test_hostile_text,
              fixture_teardown);
  g_test_add ("/sti/domain-check/policy-sentence", Fixture, NULL, fixture_setup,
              test_policy_sentence, fixture_teardown);
  g_test_add ("/sti/domain-check/cancel", Fixture, NULL, fixture_setup, test_cancel,
              fixture_teardown);
  g_test_add ("/sti/domain-check/cancel-old-tls", Fixture, "old-tls", fixture_setup, test_cancel,
              fixture_teardown);

  return g_test_run ();
}
