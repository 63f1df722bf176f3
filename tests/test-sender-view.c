/* test-sender-view.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "findings-assert.h"
#include "lab-fixture.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-finding-registry.h"
#include "sti-host-report.h"
#include "sti-catalog.h"
#include "sti-report-export.h"
#include "sti-verdict.h"

/* The verdict as the senders it assumes see an endpoint (docs/sender-profiles.md):
 * the demo lab's TLS 1.0/1.1-only server is encrypted for our GnuTLS probe
 * but not for Postfix and Exim with OpenSSL 3; a TLS 1.2/1.3 server's lines
 * mean what they meant before. */

#define PROFILE_NAME "Postfix/Exim with OpenSSL 3, security level 1"

static StiEndpointReport *
only_endpoint (StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  g_assert_cmpuint (hosts->len, ==, 1);
  g_assert_cmpuint (sti_host_report_get_endpoints (hosts->pdata[0])->len, ==, 1);
  return sti_host_report_get_endpoints (hosts->pdata[0])->pdata[0];
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("\"%s\" not in \"%s\"", needle, text);
}

/* Every sender line of every export names the profile it assumes. */
static char *
export_text (StiDomainReport *report,
             StiReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sti_report_export (report, format, STI_MTA_ALL, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_old_tls (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "old-tls.lab.test");
  StiEndpointReport *endpoint = only_endpoint (report);
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  g_autofree char *sentence = sti_verdict_dup_sentence (report);
  g_autofree char *text = export_text (report, STI_REPORT_FORMAT_TEXT);
  g_autofree char *html = export_text (report, STI_REPORT_FORMAT_HTML);
  g_autofree char *json = export_text (report, STI_REPORT_FORMAT_JSON);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonObject *json_verdict;
  StiFinding *obsolete = find (sti_endpoint_report_get_findings (endpoint),
                               "tls-version-obsolete");
  gboolean negotiated = FALSE;
  const StiSenderProfile *profiles[3];

  /* Our probe encrypts, with a signed key exchange (ECDSA) */
  g_assert_true (sti_endpoint_report_get_tls_established (endpoint));
  g_assert_cmpstr (sti_endpoint_report_get_tls_version (endpoint), ==, "TLS1.1");
  g_assert_nonnull (sti_endpoint_report_get_kx_group (endpoint));

  /* The finding is an error */
  g_assert_nonnull (obsolete);
  g_assert_true (g_variant_lookup (sti_finding_get_params (obsolete), "negotiated", "b",
                                   &negotiated));
  g_assert_true (negotiated);
  g_assert_cmpint (sti_finding_get_severity (obsolete), ==, STI_SEVERITY_ERROR);

  /* The domain verdict: unencrypted from most senders, or refused */
  g_test_message ("%s", sentence);
  g_assert_cmpstr (sentence, ==,
                   "Mail to old-tls.lab.test travels unencrypted from most senders, or is "
                   "refused: its mail servers offer only TLS1.1, which Postfix and Exim with "
                   "OpenSSL 3 refuse.");

  /* The sender lines */
  g_test_message ("%s", sti_endpoint_verdict_get_opportunistic_text (verdict));
  g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==, STI_ANSWER_NO);
  assert_contains (sti_endpoint_verdict_get_opportunistic_text (verdict),
                   "No: the handshake fails (TLS1.1: “legacy sigalg disallowed”), so mail "
                   "travels in plaintext.");
  assert_contains (sti_endpoint_verdict_get_opportunistic_text (verdict),
                   "Senders that still accept TLS1.1 (Exim with GnuTLS defaults) encrypt it.");
  g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, STI_ANSWER_NO);
  assert_contains (sti_endpoint_verdict_get_validating_text (verdict),
                   "holds the mail and finally returns it");
  /* No TLSA records: DANE senders fall back to opportunistic TLS, which fails */
  g_assert_cmpint (sti_endpoint_verdict_get_dane (verdict), ==, STI_ANSWER_NOT_APPLICABLE);
  assert_contains (sti_endpoint_verdict_get_dane_text (verdict), "No TLSA records");
  assert_contains (sti_endpoint_verdict_get_dane_text (verdict), "travels in plaintext");
  g_assert_cmpstr (sti_endpoint_verdict_get_first_action_id (verdict), ==,
                   "tls-version-obsolete");

  /* Each line names the profile it assumes, in every output */
  profiles[0] = sti_endpoint_verdict_get_opportunistic_profile (verdict);
  profiles[1] = sti_endpoint_verdict_get_validating_profile (verdict);
  profiles[2] = sti_endpoint_verdict_get_dane_profile (verdict);
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      g_autofree char *line = sti_verdict_dup_sender_line ("Yes.", profiles[i]);

      g_assert_cmpstr (profiles[i]->id, ==, "openssl3-level1");
      g_assert_cmpstr (line, ==, "Yes. Assumed sender: " PROFILE_NAME ".");
    }
  g_assert_null (strstr (text, "mail is encrypted (TLS1.1)"));
  assert_contains (text, sentence);
  assert_contains (text, "opportunistic No: the handshake fails");
  assert_contains (text, "so mail travels in plaintext. Senders that still accept TLS1.1 "
                         "(Exim with GnuTLS defaults) encrypt it. Assumed sender: "
                         PROFILE_NAME ".");
  assert_contains (text, "finally returns it. Assumed sender: " PROFILE_NAME ".");
  assert_contains (text, "Error   tls-version-obsolete");
  assert_contains (html, "Assumed sender: " PROFILE_NAME ".");
  g_assert_null (strstr (html, "mail is encrypted (TLS1.1)"));

  /* The JSON verdict carries the profile ids */
  g_assert_nonnull (root);
  json_verdict = json_object_get_object_member (
    json_array_get_object_element (
      json_object_get_array_member (
        json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                     "hosts"), 0),
        "endpoints"), 0),
    "verdict");
  g_assert_cmpstr (json_object_get_string_member (json_verdict, "opportunistic"), ==, "no");
  g_assert_cmpstr (json_object_get_string_member (json_verdict, "opportunistic_profile"), ==,
                   "openssl3-level1");
  g_assert_cmpstr (json_object_get_string_member (json_verdict, "validating_profile"), ==,
                   "openssl3-level1");
  g_assert_cmpstr (json_object_get_string_member (json_verdict, "dane_profile"), ==,
                   "openssl3-level1");
}

/* TLS 1.3 and 1.2 endpoints: the answers and their words are those from
 * before the profiles; only the named profile is new. With the old-TLS
 * probe, an old version merely still accepted is a warning and changes
 * no sender line: senders use the newer one. */
static void
test_modern_unchanged (Fixture       *fixture,
                       gconstpointer  data)
{
  const struct
  {
    const char *domain;
    gboolean    probe_old_tls;
    const char *version;
    const char *sentence_start;
  } cases[] = {
    { "valid.lab.test", FALSE, "TLS1.3",
      "Mail to valid.lab.test is encrypted, and every mail server presents a valid "
      "certificate." },
    { "valid.lab.test", TRUE, "TLS1.3",
      "Mail to valid.lab.test is encrypted with verified certificates, but something should "
      "be fixed: Obsolete TLS version." },
    /* RSA key exchange in TLS 1.2: no forward secrecy, but no handshake trouble */
    { "no-forward-secrecy.lab.test", FALSE, "TLS1.2",
      "Mail to no-forward-secrecy.lab.test is encrypted with verified certificates, but "
      "something should be fixed: No forward secrecy." },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(StiDomainReport) report = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *expected_text = g_strdup_printf ("Yes: mail is encrypted (%s).",
                                                        cases[c].version);
      GPtrArray *hosts;

      fixture->options->probe_old_tls = cases[c].probe_old_tls;
      report = run_check (fixture, cases[c].domain);
      sentence = sti_verdict_dup_sentence (report);
      g_test_message ("%s: %s", cases[c].domain, sentence);
      g_assert_true (g_str_has_prefix (sentence, cases[c].sentence_start));

      hosts = sti_domain_report_get_hosts (report);
      for (guint i = 0; i < hosts->len; i++)
        {
          StiEndpointReport *endpoint = sti_host_report_get_endpoints (hosts->pdata[i])->pdata[0];
          g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
          GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);
          StiFinding *obsolete = sti_findings_contain (findings, "tls-version-obsolete")
                                   ? find (findings, "tls-version-obsolete") : NULL;

          g_assert_cmpstr (sti_endpoint_report_get_tls_version (endpoint), ==, cases[c].version);
          g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==, STI_ANSWER_YES);
          g_assert_cmpstr (sti_endpoint_verdict_get_opportunistic_text (verdict), ==,
                           expected_text);
          g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, STI_ANSWER_YES);
          g_assert_cmpstr (sti_endpoint_verdict_get_validating_text (verdict), ==,
                           "Yes: the certificate is valid for this host.");
          g_assert_cmpint (sti_endpoint_verdict_get_dane (verdict), ==,
                           STI_ANSWER_NOT_APPLICABLE);
          g_assert_cmpstr (sti_endpoint_verdict_get_dane_text (verdict), ==,
                           "No TLSA records: DANE senders use opportunistic TLS.");
          g_assert_cmpstr (sti_endpoint_verdict_get_opportunistic_profile (verdict)->id, ==,
                           "openssl3-level1");
          if (cases[c].probe_old_tls)
            {
              g_assert_nonnull (obsolete);
              g_assert_cmpint (sti_finding_get_severity (obsolete), ==, STI_SEVERITY_WARNING);
            }
          else
            g_assert_null (obsolete);
        }
    }
}

static StiDnsEvidence *
make_tlsa (const char      *qname,
           StiDnssecStatus  dnssec)
{
  const char *records[] = { "3 1 1 0123456789abcdef", NULL };
  StiDnsEvidence *evidence = sti_dns_evidence_new ();

  sti_dns_evidence_set_qname (evidence, qname);
  sti_dns_evidence_set_qtype (evidence, "TLSA");
  sti_dns_evidence_set_result (evidence, "noerror");
  sti_dns_evidence_set_dnssec (evidence, dnssec);
  sti_dns_evidence_set_records (evidence, records);

  return evidence;
}

/* A matching, signed TLSA record does not help when the DANE sender's
 * TLS stack refuses the handshake; with RSA key exchange it does not
 * refuse (measured), so the answers stay, and the line names who still
 * refuses. */
static void
test_dane_old_tls (void)
{
  const struct
  {
    gboolean    rsa_kx;
    StiAnswer   opportunistic;
    StiAnswer   dane;
    const char *dane_contains;
  } cases[] = {
    { FALSE, STI_ANSWER_NO, STI_ANSWER_NO, "but the handshake fails (TLS1.0: “legacy sigalg "
      "disallowed”), so DANE senders hold the mail." },
    { TRUE, STI_ANSWER_YES, STI_ANSWER_YES, "Yes: a DNSSEC-signed TLSA record matches" },
  };
  const char *opportunistic[] = {
    "No: the handshake fails (TLS1.0: “legacy sigalg disallowed”), so mail travels in "
    "plaintext. Senders that still accept TLS1.0 (Exim with GnuTLS defaults) encrypt it.",
    /* Exchange Online never sends with TLS 1.0 */
    "Yes: mail is encrypted (TLS1.0). Senders that refuse TLS1.0 (Exchange Online) cannot "
    "encrypt it.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiEndpointReport) endpoint = sti_endpoint_report_new ();
      g_autoptr(StiDomainReport) report = sti_domain_report_new ();
      g_autoptr(StiDnsEvidence) tlsa = make_tlsa ("_25._tcp.mx.example.org.",
                                                  STI_DNSSEC_SECURE);
      g_autoptr(StiEndpointVerdict) verdict = NULL;

      sti_endpoint_report_set_host (endpoint, "mx.example.org");
      sti_endpoint_report_set_reachable (endpoint, TRUE);
      sti_endpoint_report_set_starttls_offered (endpoint, TRUE);
      sti_endpoint_report_set_starttls_accepted (endpoint, TRUE);
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.0");
      sti_endpoint_report_set_certificate_verified (endpoint, TRUE);
      add_finding (endpoint, "tls-version-obsolete", STI_SEVERITY_ERROR);
      if (cases[i].rsa_kx)
        add_finding (endpoint, "tls-no-forward-secrecy", STI_SEVERITY_WARNING);
      sti_domain_report_add_dns_evidence (report, tlsa);

      verdict = sti_endpoint_verdict_new (endpoint, report);
      g_test_message ("case %u: %s / %s", i, sti_endpoint_verdict_get_opportunistic_text (verdict),
                      sti_endpoint_verdict_get_dane_text (verdict));
      g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==,
                       cases[i].opportunistic);
      g_assert_cmpstr (sti_endpoint_verdict_get_opportunistic_text (verdict), ==,
                       opportunistic[i]);
      g_assert_cmpint (sti_endpoint_verdict_get_dane (verdict), ==, cases[i].dane);
      assert_contains (sti_endpoint_verdict_get_dane_text (verdict), cases[i].dane_contains);
    }
}

/* With SNI the certificate passes; the assumed sender sends none and gets
 * the lab's default certificate, for another name: it refuses. */
static void
test_without_sni (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "sni.lab.test");
  StiEndpointReport *endpoint = only_endpoint (report);
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);

  g_assert_true (sti_endpoint_report_get_certificate_verified (endpoint));
  g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==, STI_ANSWER_YES);
  g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, STI_ANSWER_NO);
  g_test_message ("%s", sti_endpoint_verdict_get_validating_text (verdict));
  assert_contains (sti_endpoint_verdict_get_validating_text (verdict),
                   "a sender without SNI gets the default certificate "
                   "(for mail.hosting.lab.test)");
  assert_contains (sti_endpoint_verdict_get_validating_text (verdict),
                   "Senders that send SNI get a valid one.");
}

/* A 421 greeting says nothing about STARTTLS: never "no STARTTLS". */
static void
test_stopped_early (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "greeting-421.lab.test");
  StiEndpointReport *endpoint = only_endpoint (report);
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  g_autofree char *sentence = sti_verdict_dup_sentence (report);
  g_autofree char *text = export_text (report, STI_REPORT_FORMAT_TEXT);

  g_assert_true (sti_endpoint_report_stopped_before_starttls (endpoint));
  assert_contains (sentence, "could not be checked to the end");
  g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==, STI_ANSWER_UNKNOWN);
  assert_contains (text, "Stopped before STARTTLS (not checked to the end)");
  g_assert_null (strstr (text, "No STARTTLS"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sti/sender-view/old-tls", Fixture, NULL, fixture_setup, test_old_tls,
              fixture_teardown);
  g_test_add ("/sti/sender-view/modern-unchanged", Fixture, NULL, fixture_setup,
              test_modern_unchanged, fixture_teardown);
  g_test_add ("/sti/sender-view/without-sni", Fixture, NULL, fixture_setup, test_without_sni,
              fixture_teardown);
  g_test_add ("/sti/sender-view/stopped-early", Fixture, NULL, fixture_setup,
              test_stopped_early, fixture_teardown);
  g_test_add_func ("/sti/sender-view/dane-old-tls", test_dane_old_tls);

  return g_test_run ();
}
