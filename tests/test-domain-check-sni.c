/* test-domain-check-sni.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-cert.h"
#include "fake-smtp.h"
#include "findings-assert.h"
#include "lab-dns-fixture.h"
#include "lab-fixture.h"
#include "sti-certificate.h"
#include "sti-endpoint-probe.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-report-json.h"
#include "sti-sni-comparison.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* What senders without SNI see (issue 14, "SNI"): the probe leaves SNI
 * out when asked; the check compares the certificate without SNI with the
 * one it saw, against the lab's server with two certificates, a server
 * with one, and one that turns the second connection away; and the
 * connection without SNI never stretches the endpoint's deadline. */

typedef struct
{
  StiProbeResult *result;
  gboolean        done;
} ProbeRun;

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProbeRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

static StiProbeResult *
probe (const char      *host,
       GSocketAddress  *address,
       gboolean         no_sni)
{
  g_autoptr(StiEndpointProbe) probe = NULL;
  StiProbeOptions options;
  ProbeRun run = { NULL, FALSE };

  sti_probe_options_init (&options);
  options.no_sni = no_sni;
  options.handshake_only = no_sni;
  probe = sti_endpoint_probe_new (host, G_INET_SOCKET_ADDRESS (address), &options);
  sti_endpoint_probe_run_async (probe, NULL, probe_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  /* Let the server side see the end of the dialogue too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_nonnull (run.result);
  return run.result;
}

static char *
leaf_subject (StiProbeResult *result)
{
  GPtrArray *chain = sti_probe_result_get_peer_chain (result);
  g_autoptr(StiCertificate) leaf = NULL;

  g_assert_true (sti_probe_result_get_tls_established (result));
  g_assert_cmpuint (chain->len, >, 0);
  leaf = sti_certificate_new_from_der (g_ptr_array_index (chain, 0), NULL);
  g_assert_nonnull (leaf);
  return g_strdup (sti_certificate_get_subject (leaf));
}

static gboolean
strv_variant_contains (GVariant   *params,
                       const char *key,
                       const char *value)
{
  g_autoptr(GVariant) v = g_variant_lookup_value (params, key, G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree const char **strv = NULL;

  if (v == NULL)
    return FALSE;
  strv = g_variant_get_strv (v, NULL);
  return g_strv_contains (strv, value);
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_equal (sti_finding_get_id (g_ptr_array_index (findings, i)), id))
        return TRUE;
    }
  return FALSE;
}

/* The probe sends SNI or not, and says QUIT right after the handshake
 * when only the certificate is wanted. */
static void
test_probe_option (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  for (guint i = 0; i < 2; i++)
    {
      gboolean no_sni = i == 1;
      g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (lo, fake->port);
      g_autoptr(StiProbeResult) result = probe ("mx.test", address, no_sni);
      g_auto(GStrv) commands = NULL;
      g_autofree char *joined = NULL;

      g_assert_true (sti_probe_result_get_tls_established (result));
      g_ptr_array_add (fake->commands, NULL);
      commands = g_strdupv ((char **)fake->commands->pdata);
      g_ptr_array_remove_index (fake->commands, fake->commands->len - 1);
      joined = g_strjoinv ("|", commands);
      if (no_sni)
        {
          g_assert_null (fake->sni);
          /* No EHLO over TLS: QUIT right after the handshake. */
          g_assert_true (g_str_has_suffix (joined, "STARTTLS|QUIT"));
        }
      else
        {
          g_assert_cmpstr (fake->sni, ==, "mx.test");
          g_assert_nonnull (strstr (joined, "STARTTLS|EHLO"));
        }
    }
}

/* Think like a sender without SNI: a default certificate it refuses is an
 * error, one with lesser problems a warning, one that is valid for the MX
 * name too only a note. */
static void
test_severity (void)
{
  static const struct
  {
    const char  *status;
    StiSeverity  severity;
  } cases[] = {
    { "fails", STI_SEVERITY_ERROR },
    { "warnings", STI_SEVERITY_WARNING },
    { "passes", STI_SEVERITY_INFO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GVariantDict) dict;
      g_autoptr(StiFinding) finding = NULL;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "default_status", "s", cases[i].status);
      finding = sti_finding_new ("cert-differs-without-sni", g_variant_dict_end (&dict), "d");
      g_assert_cmpint (sti_finding_get_severity (finding), ==, cases[i].severity);
    }
}

/* The lab's server with two certificates: the MX name's for SNI, the
 * hosting machine's default for everyone else. */
static void
test_lab_server_two_certificates (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (fixture->lab, "mx1.sni.lab.test");
  GSocketAddress *address;
  g_autoptr(StiProbeResult) with_sni = NULL;
  g_autoptr(StiProbeResult) without_sni = NULL;
  g_autofree char *with_subject = NULL;
  g_autofree char *without_subject = NULL;

  g_assert_nonnull (addresses);
  g_assert_cmpuint (addresses->len, >, 0);
  address = g_ptr_array_index (addresses, 0);

  with_sni = probe ("mx1.sni.lab.test", address, FALSE);
  without_sni = probe ("mx1.sni.lab.test", address, TRUE);
  with_subject = leaf_subject (with_sni);
  without_subject = leaf_subject (without_sni);
  g_assert_true (g_str_has_prefix (with_subject, "CN=mx1.sni.lab.test,"));
  g_assert_true (g_str_has_prefix (without_subject, "CN=mail.hosting.lab.test,"));
}

/* The check names both certificates, and judges the default one as a
 * sender without SNI would: for another name, so validating senders
 * refuse it, although the certificate with SNI verifies. */
static void
test_two_certificates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "sni.lab.test");
  g_autoptr(StiDomainReport) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  StiEndpointReport *endpoint = only_endpoint (report);
  StiSniComparison *without = sti_endpoint_report_get_without_sni (endpoint);
  StiFinding *finding;
  GVariant *params;
  const char *detail;

  assert_ids (sti_endpoint_report_get_findings (endpoint), "cert-differs-without-sni");
  g_assert_true (sti_endpoint_report_get_certificate_verified (endpoint));

  finding = find (sti_endpoint_report_get_findings (endpoint), "cert-differs-without-sni");
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  params = sti_finding_get_params (finding);
  g_assert_true (strv_variant_contains (params, "sni_names", "mx1.sni.lab.test"));
  g_assert_true (strv_variant_contains (params, "default_names", "mail.hosting.lab.test"));
  g_assert_true (strv_variant_contains (params, "default_problems", "cert-name-mismatch"));
  {
    g_autoptr(GVariant) status = g_variant_lookup_value (params, "default_status",
                                                         G_VARIANT_TYPE_STRING);

    g_assert_cmpstr (g_variant_get_string (status, NULL), ==, "fails");
  }
  detail = sti_finding_get_detail (finding);
  g_assert_nonnull (strstr (detail, "CN=mail.hosting.lab.test"));
  g_assert_nonnull (strstr (detail, "CN=mx1.sni.lab.test"));
  g_assert_nonnull (strstr (detail, "another name"));

  g_assert_nonnull (without);
  g_assert_true (sti_sni_comparison_get_compared (without));
  g_assert_false (sti_sni_comparison_get_same_certificate (without));
  g_assert_false (sti_sni_comparison_get_certificate_verified (without));
  g_assert_cmpstr (sti_certificate_get_subject_cn (sti_sni_comparison_get_certificate (without)),
                   ==, "mail.hosting.lab.test");
  g_assert_true (g_strv_contains (sti_sni_comparison_get_problems (without),
                                  "cert-name-mismatch"));

  /* The comparison survives the JSON round trip. */
  json = sti_report_to_json_string (report, FALSE);
  g_assert_nonnull (strstr (json, "\"without_sni\""));
  reloaded = sti_report_load_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, reloaded));
}

/* The JSON of @report with its first endpoint's `without_sni` changed by
 * @edit, loaded again. */
static StiDomainReport *
load_edited (StiDomainReport  *report,
             void            (*edit) (JsonObject *without_sni,
                                      JsonObject *endpoint),
             GError          **error)
{
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *edited = NULL;
  JsonObject *root, *host, *endpoint;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  host = json_array_get_object_element (json_object_get_array_member (root, "hosts"), 0);
  endpoint = json_array_get_object_element (json_object_get_array_member (host, "endpoints"), 0);
  edit (json_object_get_object_member (endpoint, "without_sni"), endpoint);
  json_generator_set_root (generator, json_parser_get_root (parser));
  edited = json_generator_to_data (generator, NULL);
  return sti_report_load_from_data (edited, -1, error);
}

static void
drop_member (JsonObject *without_sni,
             JsonObject *endpoint)
{
  json_object_remove_member (endpoint, "without_sni");
}

static void
not_compared_without_reason (JsonObject *without_sni,
                             JsonObject *endpoint)
{
  json_object_set_boolean_member (without_sni, "compared", FALSE);
}

static void
different_without_certificate (JsonObject *without_sni,
                               JsonObject *endpoint)
{
  json_object_set_null_member (without_sni, "certificate");
}

static void
not_an_object (JsonObject *without_sni,
               JsonObject *endpoint)
{
  json_object_set_string_member (endpoint, "without_sni", "different");
}

/* A report from before the member loads (the comparison is unknown);
 * a comparison that contradicts itself does not, and the error names
 * the member. */
static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "sni.lab.test");
  g_autoptr(StiDomainReport) older = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    void (*edit) (JsonObject *, JsonObject *);
    const char *member;
  } bad[] = {
    { not_compared_without_reason, "without_sni.reason: " },
    { different_without_certificate, "without_sni.certificate: " },
    { not_an_object, "].without_sni: " },
  };

  older = load_edited (report, drop_member, &error);
  g_assert_no_error (error);
  g_assert_null (sti_endpoint_report_get_without_sni (only_endpoint (older)));
  g_assert_false (sti_domain_report_equal (report, older));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(StiDomainReport) loaded = load_edited (report, bad[i].edit, &error);

      g_assert_null (loaded);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, bad[i].member) == NULL)
        g_error ("expected %s in: %s", bad[i].member, error->message);
      g_clear_error (&error);
    }
}

/* One certificate, whatever the client asks for: nothing to report, and
 * the report says the two were compared and are the same. */
static void
test_one_certificate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "mta-sts.lab.test");
  StiEndpointReport *endpoint = only_endpoint (report);
  StiSniComparison *without = sti_endpoint_report_get_without_sni (endpoint);

  g_assert_false (has_finding (sti_endpoint_report_get_findings (endpoint), "cert-differs-without-sni"));
  g_assert_nonnull (without);
  g_assert_true (sti_sni_comparison_get_compared (without));
  g_assert_true (sti_sni_comparison_get_same_certificate (without));
  g_assert_null (sti_sni_comparison_get_certificate (without));
  g_assert_null (sti_sni_comparison_get_reason (without));
}

/* A server that allows one connection at a time turns the second one away
 * with 421. That is our doing, not the server's fault: no finding, and
 * the report says the certificates could not be compared, and why. */
static void
test_second_connection_refused (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "connection-limit.lab.test");
  StiEndpointReport *endpoint = only_endpoint (report);
  StiSniComparison *without = sti_endpoint_report_get_without_sni (endpoint);

  assert_ids (sti_endpoint_report_get_findings (endpoint), "");
  g_assert_true (sti_endpoint_report_get_certificate_verified (endpoint));
  g_assert_nonnull (without);
  g_assert_false (sti_sni_comparison_get_compared (without));
  g_assert_cmpstr (sti_sni_comparison_get_reason (without), ==, "smtp-temporary-failure");
  g_assert_nonnull (strstr (sti_sni_comparison_get_detail (without), "421"));
  g_assert_null (sti_sni_comparison_get_certificate (without));
}

/* The server serves the main dialogue and never greets a second
 * connection. The connection without SNI ends with the endpoint's one
 * deadline, counted from the start of the main dialogue: the check ends
 * then, not a stage timeout later and not a fresh deadline later. */
static void
test_one_deadline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("localhost");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  g_autoptr(StiDomainReport) report = NULL;
  g_autofree char *input = g_strdup_printf ("[localhost]:%u", fake->port);
  StiEndpointReport *endpoint = NULL;
  StiSniComparison *without;
  GPtrArray *hosts;
  gint64 start, elapsed_ms;

  fixture->options->use_ipv6 = FALSE;
  fixture->options->stage_timeout_ms = 20000;
  fixture->options->total_timeout_ms = 1500;

  start = g_get_monotonic_time ();
  report = run_check (fixture, input);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  hosts = sti_domain_report_get_hosts (report);
  g_assert_cmpuint (hosts->len, ==, 1);
  for (guint i = 0; i < sti_host_report_get_endpoints (hosts->pdata[0])->len; i++)
    {
      StiEndpointReport *e = g_ptr_array_index (sti_host_report_get_endpoints (hosts->pdata[0]), i);

      if (g_str_equal (sti_endpoint_report_get_address (e), "127.0.0.1"))
        endpoint = e;
    }
  g_assert_nonnull (endpoint);
  g_assert_true (sti_endpoint_report_get_tls_established (endpoint));

  without = sti_endpoint_report_get_without_sni (endpoint);
  g_assert_nonnull (without);
  g_assert_false (sti_sni_comparison_get_compared (without));
  g_assert_cmpstr (sti_sni_comparison_get_reason (without), ==, "smtp-timeout");
  g_assert_false (has_finding (sti_endpoint_report_get_findings (endpoint), "smtp-timeout"));
  g_assert_false (has_finding (sti_endpoint_report_get_findings (endpoint), "cert-differs-without-sni"));

  /* The deadline, plus scheduling slack: far from 20 s or 2 × 1.5 s. */
  g_assert_cmpint (elapsed_ms, >=, 1000);
  g_assert_cmpint (elapsed_ms, <, 2500);
}

/* The same server with the TLS 1.0/1.1 connection asked for: it gets what
 * is left of the endpoint's deadline, not a fresh one, and its timeout is
 * reported rather than read as "old versions refused". */
static void
test_old_tls_deadline (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("localhost");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  g_autoptr(StiDomainReport) report = NULL;
  g_autofree char *input = g_strdup_printf ("[localhost]:%u", fake->port);
  GPtrArray *hosts;
  StiFinding *timeout = NULL;
  gint64 start, elapsed_ms;

  fixture->options->use_ipv6 = FALSE;
  fixture->options->probe_old_tls = TRUE;
  fixture->options->stage_timeout_ms = 20000;
  fixture->options->total_timeout_ms = 1500;

  start = g_get_monotonic_time ();
  report = run_check (fixture, input);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;

  hosts = sti_domain_report_get_hosts (report);
  for (guint i = 0; i < sti_host_report_get_endpoints (hosts->pdata[0])->len; i++)
    {
      StiEndpointReport *e = g_ptr_array_index (sti_host_report_get_endpoints (hosts->pdata[0]), i);
      GPtrArray *findings = sti_endpoint_report_get_findings (e);

      if (!g_str_equal (sti_endpoint_report_get_address (e), "127.0.0.1"))
        continue;
      g_assert_true (sti_endpoint_report_get_tls_established (e));
      for (guint j = 0; j < findings->len; j++)
        if (g_str_equal (sti_finding_get_id (findings->pdata[j]), "smtp-timeout"))
          timeout = findings->pdata[j];
    }

  g_assert_nonnull (timeout);
  g_assert_cmpstr (sti_finding_get_param_string (timeout, "connection"), ==, "old-tls");
  g_assert_cmpstr (sti_finding_get_param_string (timeout, "timeout"), ==, "total");
  g_assert_nonnull (strstr (sti_finding_get_detail (timeout), "TLS 1.0 or 1.1"));
  g_assert_cmpint (elapsed_ms, >=, 1000);
  g_assert_cmpint (elapsed_ms, <, 2500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/domain-check-sni/probe-option", test_probe_option);
  g_test_add_func ("/sti/domain-check-sni/severity", test_severity);
  g_test_add ("/sti/domain-check-sni/lab-server-two-certificates", Fixture, NULL,
              fixture_setup, test_lab_server_two_certificates, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/two-certificates", Fixture, NULL,
              fixture_setup, test_two_certificates, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/json", Fixture, NULL,
              fixture_setup, test_json, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/one-certificate", Fixture, NULL,
              fixture_setup, test_one_certificate, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/second-connection-refused", Fixture, NULL,
              fixture_setup, test_second_connection_refused, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/one-deadline", Fixture, NULL,
              fixture_setup, test_one_deadline, fixture_teardown);
  g_test_add ("/sti/domain-check-sni/old-tls-deadline", Fixture, NULL,
              fixture_setup, test_old_tls_deadline, fixture_teardown);

  return g_test_run ();
}
