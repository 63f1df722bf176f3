/* test-report.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "certgen.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"

static StiFinding *
finding (const char  *id,
         StiSeverity  severity)
{
  return sti_finding_new_with_severity (id, severity, NULL, id);
}

static StiEndpointReport *
make_endpoint (const char *address,
               guint       n_errors,
               guint       n_warnings)
{
  StiEndpointReport *endpoint = sti_endpoint_report_new ();

  sti_endpoint_report_set_host (endpoint, "mx.example.org");
  sti_endpoint_report_set_address (endpoint, address);
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_family (endpoint, strchr (address, ':') ? "ipv6" : "ipv4");

  for (guint i = 0; i < n_errors; i++)
    {
      g_autoptr(StiFinding) f = finding ("cert-expired", STI_SEVERITY_ERROR);
      sti_endpoint_report_add_finding (endpoint, f);
    }
  for (guint i = 0; i < n_warnings; i++)
    {
      g_autoptr(StiFinding) f = finding ("chain-wrong-order", STI_SEVERITY_WARNING);
      sti_endpoint_report_add_finding (endpoint, f);
    }

  return endpoint;
}

static void
test_new_destroy (void)
{
  g_assert_finalize_object (sti_dns_evidence_new ());
  g_assert_finalize_object (sti_endpoint_report_new ());
  g_assert_finalize_object (sti_host_report_new ());
  g_assert_finalize_object (sti_domain_report_new ());
}

static void
test_dns_evidence (void)
{
  g_autoptr(StiDnsEvidence) ev = sti_dns_evidence_new ();
  const char *records[] = { "10 mx.example.org.", "v=\x01\xff", NULL };
  const char * const *got;
  StiDnssecStatus status = STI_DNSSEC_NOT_VALIDATED;
  g_autofree char *qname = NULL;

  g_assert_cmpstr (sti_dns_evidence_get_qname (ev), ==, "");
  g_assert_cmpuint (g_strv_length ((char **)sti_dns_evidence_get_records (ev)), ==, 0);

  sti_dns_evidence_set_qname (ev, "example.org");
  sti_dns_evidence_set_qtype (ev, "MX");
  sti_dns_evidence_set_result (ev, "noerror");
  sti_dns_evidence_set_rcode (ev, 0);
  sti_dns_evidence_set_ttl (ev, 3600);
  sti_dns_evidence_set_dnssec (ev, STI_DNSSEC_BOGUS);
  sti_dns_evidence_set_why_bogus (ev, "signature expired");
  sti_dns_evidence_set_records (ev, records);

  g_assert_cmpstr (sti_dns_evidence_get_qtype (ev), ==, "MX");
  g_assert_cmpint (sti_dns_evidence_get_ttl (ev), ==, 3600);
  g_assert_cmpint (sti_dns_evidence_get_dnssec (ev), ==, STI_DNSSEC_BOGUS);
  got = sti_dns_evidence_get_records (ev);
  g_assert_cmpstr (got[0], ==, "10 mx.example.org.");
  /* Hostile record text is cleaned on the way in. */
  g_assert_true (g_utf8_validate (got[1], -1, NULL));
  g_assert_null (strchr (got[1], '\x01'));
  g_assert_nonnull (strstr (got[1], "\\xFF"));

  g_object_get (ev, "dnssec", &status, "qname", &qname, NULL);
  g_assert_cmpint (status, ==, STI_DNSSEC_BOGUS);
  g_assert_cmpstr (qname, ==, "example.org");
}

static void
test_endpoint (void)
{
  g_autoptr(StiEndpointReport) ep = make_endpoint ("192.0.2.1", 0, 0);
  g_autoptr(CertgenCert) c = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(GBytes) der = certgen_der (c);
  g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (der, NULL);
  g_autoptr(GBytes) raw = g_bytes_new_static ("220 <b>hi</b>\x1b[31m", 18);
  g_autoptr(StiTranscriptLine) line = sti_transcript_line_new (1500, STI_TRANSCRIPT_SERVER, raw);
  g_autoptr(StiFinding) info = finding ("chain-includes-root", STI_SEVERITY_INFO);
  g_autoptr(StiFinding) error = finding ("cert-expired", STI_SEVERITY_ERROR);
  StiTimings timings = { 100, 200, 300, 400, 500, 1500 };
  const char *caps[] = { "PIPELINING", "STARTTLS", NULL };
  GPtrArray *findings;
  g_autoptr(GPtrArray) prop_chain = NULL;
  StiStage stage = STI_STAGE_PENDING;

  g_assert_cmpint (sti_endpoint_report_get_timings (ep)->total_us, ==, -1);
  g_assert_cmpint (sti_endpoint_report_get_stage (ep), ==, STI_STAGE_PENDING);

  sti_endpoint_report_set_reachable (ep, TRUE);
  sti_endpoint_report_set_stage (ep, STI_STAGE_DONE);
  sti_endpoint_report_set_starttls_offered (ep, TRUE);
  sti_endpoint_report_set_starttls_accepted (ep, TRUE);
  sti_endpoint_report_set_tls_established (ep, TRUE);
  sti_endpoint_report_set_greeting (ep, "220 mx.example.org \x1b[31mESMTP");
  sti_endpoint_report_set_caps_before (ep, caps);
  sti_endpoint_report_set_caps_after (ep, caps);
  sti_endpoint_report_set_tls_version (ep, "TLS1.3");
  sti_endpoint_report_set_cipher_suite (ep, "TLS_AES_256_GCM_SHA384");
  sti_endpoint_report_set_kx_group (ep, "X25519");
  sti_endpoint_report_set_signature_algorithm (ep, "ECDSA-SECP256R1-SHA256");
  sti_endpoint_report_add_certificate (ep, cert);
  sti_endpoint_report_set_certificate_verified (ep, FALSE);
  sti_endpoint_report_add_transcript_line (ep, line);
  sti_endpoint_report_set_timings (ep, &timings);
  sti_endpoint_report_add_finding (ep, info);
  sti_endpoint_report_add_finding (ep, error);

  g_assert_true (sti_endpoint_report_get_reachable (ep));
  g_assert_cmpuint (sti_endpoint_report_get_port (ep), ==, 25);
  g_assert_cmpstr (sti_endpoint_report_get_family (ep), ==, "ipv4");
  g_assert_cmpstr (sti_endpoint_report_get_greeting (ep), ==, "220 mx.example.org \\x1B[31mESMTP");
  g_assert_cmpstrv (sti_endpoint_report_get_caps_after (ep), caps);
  g_assert_cmpstr (sti_endpoint_report_get_kx_group (ep), ==, "X25519");
  g_assert_null (sti_endpoint_report_get_ocsp_response (ep));
  g_assert_null (sti_endpoint_report_get_error_detail (ep));
  g_assert_cmpuint (sti_endpoint_report_get_chain (ep)->len, ==, 1);
  g_assert_true (g_ptr_array_index (sti_endpoint_report_get_chain (ep), 0) == cert);
  g_assert_cmpuint (sti_endpoint_report_get_transcript (ep)->len, ==, 1);
  g_assert_true (g_bytes_equal (((StiTranscriptLine *)g_ptr_array_index (
                                  sti_endpoint_report_get_transcript (ep), 0))->raw, raw));
  g_assert_cmpint (sti_endpoint_report_get_timings (ep)->handshake_us, ==, 500);

  /* Worst first, whatever the order of adding. */
  findings = sti_endpoint_report_get_findings (ep);
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_true (g_ptr_array_index (findings, 0) == error);
  g_assert_true (g_ptr_array_index (findings, 1) == info);

  g_object_get (ep, "chain", &prop_chain, "stage", &stage, NULL);
  g_assert_cmpuint (prop_chain->len, ==, 1);
  g_assert_cmpint (stage, ==, STI_STAGE_DONE);
}

static void
test_counts (void)
{
  g_autoptr(StiDomainReport) report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host1 = sti_host_report_new ();
  g_autoptr(StiHostReport) host2 = sti_host_report_new ();
  g_autoptr(StiEndpointReport) ep1 = make_endpoint ("192.0.2.1", 2, 1);
  g_autoptr(StiEndpointReport) ep2 = make_endpoint ("2001:db8::1", 0, 1);
  g_autoptr(StiEndpointReport) ep3 = make_endpoint ("192.0.2.2", 1, 0);
  g_autoptr(StiFinding) host_finding = finding ("mx-is-cname", STI_SEVERITY_WARNING);
  g_autoptr(StiFinding) domain_finding = finding ("no-mx-implicit", STI_SEVERITY_INFO);
  g_autoptr(GPtrArray) all = NULL;
  const char *skipped[] = { "TLSA: not looked up (DNSSEC not validated)", NULL };

  sti_domain_report_set_input (report, "bob@Example.org");
  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_host_report_set_name (host1, "mx1.example.org");
  sti_host_report_set_preference (host1, 10);
  sti_host_report_add_endpoint (host1, ep1);
  sti_host_report_add_endpoint (host1, ep2);
  sti_host_report_add_finding (host1, host_finding);
  sti_host_report_set_name (host2, "mx2.example.org");
  sti_host_report_set_preference (host2, 20);
  sti_host_report_add_endpoint (host2, ep3);
  sti_domain_report_add_host (report, host1);
  sti_domain_report_add_host (report, host2);
  sti_domain_report_add_finding (report, domain_finding);
  sti_domain_report_set_skipped (report, skipped);

  g_assert_cmpint (sti_domain_report_get_schema_version (report), ==, 1);
  g_assert_cmpstr (sti_domain_report_get_tool_version (report), ==, PACKAGE_VERSION);
  g_assert_nonnull (sti_domain_report_get_started_at (report));
  g_assert_null (sti_domain_report_get_finished_at (report));
  g_assert_cmpstr (sti_domain_report_get_input (report), ==, "bob@Example.org");
  g_assert_cmpuint (sti_domain_report_get_hosts (report)->len, ==, 2);
  g_assert_cmpint (sti_host_report_get_preference (host2), ==, 20);
  g_assert_cmpstrv (sti_domain_report_get_skipped (report), skipped);

  g_assert_cmpuint (sti_domain_report_get_endpoint_count (report), ==, 3);
  g_assert_cmpuint (sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR), ==, 3);
  g_assert_cmpuint (sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING), ==, 3);
  g_assert_cmpuint (sti_domain_report_count_by_severity (report, STI_SEVERITY_INFO), ==, 1);

  all = sti_domain_report_collect_findings (report);
  g_assert_cmpuint (all->len, ==, 7);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (all, i - 1)), >=,
                     sti_finding_get_severity (g_ptr_array_index (all, i)));
  g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (all, 6)), ==, STI_SEVERITY_INFO);
}

static void
test_equal (void)
{
  g_autoptr(StiHostReport) a = sti_host_report_new ();
  g_autoptr(StiHostReport) b = sti_host_report_new ();
  g_autoptr(StiEndpointReport) ea = make_endpoint ("192.0.2.1", 1, 0);
  g_autoptr(StiEndpointReport) eb = make_endpoint ("192.0.2.1", 1, 0);

  g_assert_true (sti_host_report_equal (a, b));
  sti_host_report_add_endpoint (a, ea);
  g_assert_false (sti_host_report_equal (a, b));
  sti_host_report_add_endpoint (b, eb);
  g_assert_true (sti_host_report_equal (a, b));
  sti_endpoint_report_set_port (eb, 587);
  g_assert_false (sti_host_report_equal (a, b));
  g_assert_false (sti_host_report_equal (a, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/report/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/report/dns-evidence", test_dns_evidence);
  g_test_add_func ("/sti/report/endpoint", test_endpoint);
  g_test_add_func ("/sti/report/counts", test_counts);
  g_test_add_func ("/sti/report/equal", test_equal);

  return g_test_run ();
}
