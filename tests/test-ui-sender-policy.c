/* test-ui-sender-policy.c: what senders do with an endpoint (GUI helper).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-evidence.h"
#include "sti-finding.h"
#include "sti-report-private.h"
#include "sti-sender-policy.h"

static const char * const caps[] = { "PIPELINING", "STARTTLS", NULL };

static StiEndpointReport *
endpoint_new (gboolean reachable,
              gboolean tls,
              gboolean verified)
{
  StiEndpointReport *endpoint = sti_endpoint_report_new ();

  sti_endpoint_report_set_host (endpoint, "mx1.example.org");
  sti_endpoint_report_set_address (endpoint, "192.0.2.1");
  sti_endpoint_report_set_reachable (endpoint, reachable);
  if (reachable)
    {
      sti_endpoint_report_set_caps_before (endpoint, caps);
      sti_endpoint_report_set_starttls_offered (endpoint, TRUE);
    }
  sti_endpoint_report_set_tls_established (endpoint, tls);
  sti_endpoint_report_set_certificate_verified (endpoint, verified);

  return endpoint;
}

static StiDnsEvidence *
tlsa_evidence_new (const char         *qname,
                   const char * const *records)
{
  StiDnsEvidence *evidence = sti_dns_evidence_new ();

  sti_dns_evidence_set_qname (evidence, qname);
  sti_dns_evidence_set_qtype (evidence, "TLSA");
  sti_dns_evidence_set_records (evidence, records);
  return evidence;
}

static void
test_verified (void)
{
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (TRUE, TRUE, TRUE);
  StiSenderVerdicts verdicts;

  sti_sender_policy_evaluate (endpoint, NULL, &verdicts);
  g_assert_cmpint (verdicts.opportunistic, ==, STI_SENDER_OUTCOME_ENCRYPTS);
  g_assert_cmpint (verdicts.validating, ==, STI_SENDER_OUTCOME_DELIVERS);
  g_assert_cmpint (verdicts.dane, ==, STI_SENDER_OUTCOME_NO_TLSA);
  g_assert_true (sti_sender_outcome_is_good (verdicts.validating));
  g_assert_cmpstr (sti_sender_outcome_get_label (verdicts.opportunistic), ==, "Encrypts");
}

static void
test_unverified (void)
{
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (TRUE, TRUE, FALSE);
  StiSenderVerdicts verdicts;

  sti_sender_policy_evaluate (endpoint, NULL, &verdicts);
  g_assert_cmpint (verdicts.opportunistic, ==, STI_SENDER_OUTCOME_ENCRYPTS);
  g_assert_cmpint (verdicts.validating, ==, STI_SENDER_OUTCOME_REFUSES);
  g_assert_false (sti_sender_outcome_is_good (verdicts.validating));
  g_assert_cmpstr (sti_sender_outcome_get_label (verdicts.validating), ==, "Refuses to deliver");
}

static void
test_verified_but_expired (void)
{
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (TRUE, TRUE, TRUE);
  g_autoptr(StiFinding) finding = sti_finding_new ("cert-expired", STI_SEVERITY_ERROR, NULL,
                                                   "expired");
  StiSenderVerdicts verdicts;

  sti_endpoint_report_add_finding (endpoint, finding);
  sti_sender_policy_evaluate (endpoint, NULL, &verdicts);
  g_assert_cmpint (verdicts.validating, ==, STI_SENDER_OUTCOME_REFUSES);
}

static void
test_cleartext (void)
{
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (TRUE, FALSE, FALSE);
  StiSenderVerdicts verdicts;

  sti_sender_policy_evaluate (endpoint, NULL, &verdicts);
  g_assert_cmpint (verdicts.opportunistic, ==, STI_SENDER_OUTCOME_CLEARTEXT);
  g_assert_cmpint (verdicts.validating, ==, STI_SENDER_OUTCOME_REFUSES);
  g_assert_cmpstr (sti_sender_outcome_get_label (verdicts.opportunistic), ==, "Sends in clear");
}

static void
test_unreachable (void)
{
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (FALSE, FALSE, FALSE);
  StiSenderVerdicts verdicts;

  sti_sender_policy_evaluate (endpoint, NULL, &verdicts);
  g_assert_cmpint (verdicts.opportunistic, ==, STI_SENDER_OUTCOME_UNREACHABLE);
  g_assert_cmpint (verdicts.validating, ==, STI_SENDER_OUTCOME_UNREACHABLE);
}

static void
test_tlsa (void)
{
  const char * const records[] = { "3 1 1 0123456789abcdef", NULL };
  const char * const none[] = { NULL };
  g_autoptr(StiEndpointReport) endpoint = endpoint_new (TRUE, TRUE, TRUE);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_object_unref);
  StiSenderVerdicts verdicts;

  /* Another host's TLSA records and an empty answer do not count. */
  g_ptr_array_add (evidence, tlsa_evidence_new ("_25._tcp.mx2.example.org", records));
  g_ptr_array_add (evidence, tlsa_evidence_new ("_25._tcp.mx1.example.org", none));
  sti_sender_policy_evaluate (endpoint, evidence, &verdicts);
  g_assert_cmpint (verdicts.dane, ==, STI_SENDER_OUTCOME_NO_TLSA);

  g_ptr_array_add (evidence, tlsa_evidence_new ("_25._tcp.MX1.example.org.", records));
  sti_sender_policy_evaluate (endpoint, evidence, &verdicts);
  g_assert_cmpint (verdicts.dane, ==, STI_SENDER_OUTCOME_NOT_EVALUATED);
  g_assert_true (sti_sender_outcome_is_good (verdicts.dane));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/sender-policy/verified", test_verified);
  g_test_add_func ("/sti/sender-policy/unverified", test_unverified);
  g_test_add_func ("/sti/sender-policy/verified-but-expired", test_verified_but_expired);
  g_test_add_func ("/sti/sender-policy/cleartext", test_cleartext);
  g_test_add_func ("/sti/sender-policy/unreachable", test_unreachable);
  g_test_add_func ("/sti/sender-policy/tlsa", test_tlsa);

  return g_test_run ();
}
