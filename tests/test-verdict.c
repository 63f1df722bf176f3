/* test-verdict.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "findings-assert.h"
#include "sti-domain-report.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"
#include "sti-report-format.h"
#include "sti-verdict.h"

typedef enum
{
  EP_GOOD,
  EP_UNREACHABLE,
  EP_NO_STARTTLS,
  EP_HANDSHAKE_FAILED,
  EP_EXPIRED,
  EP_MISSING_INTERMEDIATE,
  EP_OLD_TLS,
  EP_NO_FORWARD_SECRECY,
} EndpointKind;

static StiEndpointReport *
make_endpoint (const char   *host,
               EndpointKind  kind)
{
  StiEndpointReport *endpoint = sti_endpoint_report_new ();

  sti_endpoint_report_set_host (endpoint, host);
  sti_endpoint_report_set_address (endpoint, "192.0.2.1");
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_family (endpoint, "ipv4");
  sti_endpoint_report_set_stage (endpoint, STI_STAGE_DONE);
  sti_endpoint_report_set_reachable (endpoint, kind != EP_UNREACHABLE);
  sti_endpoint_report_set_starttls_offered (endpoint, kind != EP_UNREACHABLE &&
                                                      kind != EP_NO_STARTTLS);
  sti_endpoint_report_set_starttls_accepted (endpoint, kind != EP_UNREACHABLE &&
                                                       kind != EP_NO_STARTTLS);

  switch (kind)
    {
    case EP_UNREACHABLE:
      add_finding (endpoint, "host-unreachable", STI_SEVERITY_ERROR);
      break;

    case EP_NO_STARTTLS:
      add_finding (endpoint, "starttls-not-offered", STI_SEVERITY_ERROR);
      break;

    case EP_HANDSHAKE_FAILED:
      add_finding (endpoint, "tls-handshake-failed", STI_SEVERITY_ERROR);
      break;

    case EP_EXPIRED:
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.3");
      add_finding (endpoint, "chain-includes-root", STI_SEVERITY_INFO);
      add_finding (endpoint, "cert-expired", STI_SEVERITY_ERROR);
      add_finding (endpoint, "cert-name-mismatch", STI_SEVERITY_ERROR);
      break;

    case EP_MISSING_INTERMEDIATE:
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.2");
      add_finding (endpoint, "chain-missing-intermediate", STI_SEVERITY_ERROR);
      break;

    case EP_OLD_TLS:
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.0");
      sti_endpoint_report_set_certificate_verified (endpoint, TRUE);
      /* negotiated: an error (tls.findings.xml) */
      add_finding (endpoint, "tls-version-obsolete", STI_SEVERITY_ERROR);
      break;

    case EP_NO_FORWARD_SECRECY:
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.2");
      sti_endpoint_report_set_certificate_verified (endpoint, TRUE);
      add_finding (endpoint, "tls-no-forward-secrecy", STI_SEVERITY_WARNING);
      break;

    case EP_GOOD:
    default:
      sti_endpoint_report_set_tls_established (endpoint, TRUE);
      sti_endpoint_report_set_tls_version (endpoint, "TLS1.3");
      sti_endpoint_report_set_certificate_verified (endpoint, TRUE);
      break;
    }

  return endpoint;
}

static void
test_new_destroy (void)
{
  g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", EP_GOOD);
  StiEndpointVerdict *verdict = sti_endpoint_verdict_new (endpoint, NULL);

  g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==, STI_ANSWER_YES);
  g_assert_cmpstr (sti_endpoint_verdict_get_opportunistic_text (verdict), ==,
                   "Yes: mail is encrypted (TLS1.3).");
  g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, STI_ANSWER_YES);
  g_assert_cmpint (sti_endpoint_verdict_get_dane (verdict), ==, STI_ANSWER_UNKNOWN);
  g_assert_nonnull (strstr (sti_endpoint_verdict_get_dane_text (verdict), "Not evaluated"));
  g_assert_null (sti_endpoint_verdict_get_first_action_id (verdict));
  g_assert_cmpstr (sti_endpoint_verdict_get_first_action (verdict), ==,
                   "Nothing: this server is set up well.");
  g_assert_finalize_object (verdict);
}

static void
test_endpoints (void)
{
  const struct
  {
    EndpointKind  kind;
    StiAnswer     opportunistic;
    StiAnswer     validating;
    const char   *validating_contains;
    const char   *first_id;
  } cases[] = {
    { EP_UNREACHABLE, STI_ANSWER_UNKNOWN, STI_ANSWER_UNKNOWN, "could not be reached",
      "host-unreachable" },
    { EP_NO_STARTTLS, STI_ANSWER_NO, STI_ANSWER_NO, "without TLS", "starttls-not-offered" },
    { EP_HANDSHAKE_FAILED, STI_ANSWER_NO, STI_ANSWER_NO, "without TLS", "tls-handshake-failed" },
    /* Expired beats name mismatch; the info finding is not first. */
    { EP_EXPIRED, STI_ANSWER_YES, STI_ANSWER_NO, "the certificate has expired", "cert-expired" },
    { EP_MISSING_INTERMEDIATE, STI_ANSWER_YES, STI_ANSWER_NO,
      "does not send its intermediate certificate", "chain-missing-intermediate" },
    /* Our probe negotiated TLS 1.0 with a signed key exchange, which the
     * OpenSSL 3 senders the verdict assumes refuse (docs/sender-profiles.md). */
    { EP_OLD_TLS, STI_ANSWER_NO, STI_ANSWER_NO, "holds the mail", "tls-version-obsolete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", cases[i].kind);
      g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, NULL);

      g_test_message ("case %u: %s / %s / %s", i,
                      sti_endpoint_verdict_get_opportunistic_text (verdict),
                      sti_endpoint_verdict_get_validating_text (verdict),
                      sti_endpoint_verdict_get_first_action (verdict));
      g_assert_cmpint (sti_endpoint_verdict_get_opportunistic (verdict), ==,
                       cases[i].opportunistic);
      g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, cases[i].validating);
      g_assert_nonnull (strstr (sti_endpoint_verdict_get_validating_text (verdict),
                                cases[i].validating_contains));
      g_assert_cmpstr (sti_endpoint_verdict_get_first_action_id (verdict), ==, cases[i].first_id);
      g_assert_cmpuint (strlen (sti_endpoint_verdict_get_first_action (verdict)), >, 10);
    }
}

static StiDnsEvidence *
make_tlsa (const char         *qname,
           StiDnssecStatus     dnssec,
           const char * const *records)
{
  StiDnsEvidence *evidence = sti_dns_evidence_new ();

  sti_dns_evidence_set_qname (evidence, qname);
  sti_dns_evidence_set_qtype (evidence, "TLSA");
  sti_dns_evidence_set_result (evidence, records != NULL ? "noerror" : "nxdomain");
  sti_dns_evidence_set_dnssec (evidence, dnssec);
  sti_dns_evidence_set_records (evidence, records);

  return evidence;
}

static void
test_dane (void)
{
  const char *records[] = { "3 1 1 0123456789abcdef", NULL };
  const struct
  {
    const char         *qname;
    StiDnssecStatus     dnssec;
    const char * const *records;
    StiAnswer           answer;
    const char         *contains;
  } cases[] = {
    { "_25._tcp.mx.example.org.", STI_DNSSEC_SECURE, NULL, STI_ANSWER_NOT_APPLICABLE,
      "No TLSA records" },
    { "_25._tcp.MX.example.org", STI_DNSSEC_INSECURE, NULL, STI_ANSWER_NOT_APPLICABLE,
      "No TLSA records" },
    { "_25._tcp.mx.example.org.", STI_DNSSEC_INSECURE, records, STI_ANSWER_NOT_APPLICABLE,
      "without DNSSEC" },
    { "_25._tcp.mx.example.org.", STI_DNSSEC_BOGUS, records, STI_ANSWER_NO, "DNSSEC" },
    /* Records and no dane-* error: they matched. */
    { "_25._tcp.mx.example.org.", STI_DNSSEC_SECURE, records, STI_ANSWER_YES,
      "Yes" },
    { "_25._tcp.mx.example.org.", STI_DNSSEC_NOT_VALIDATED, records, STI_ANSWER_UNKNOWN,
      "cannot validate" },
    /* Another host's records say nothing about this one. */
    { "_25._tcp.mx2.example.org.", STI_DNSSEC_SECURE, records, STI_ANSWER_UNKNOWN,
      "Not evaluated yet" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", EP_GOOD);
      g_autoptr(StiDomainReport) report = sti_domain_report_new ();
      g_autoptr(StiDnsEvidence) tlsa = make_tlsa (cases[i].qname, cases[i].dnssec,
                                                  cases[i].records);
      g_autoptr(StiEndpointVerdict) verdict = NULL;

      sti_domain_report_add_dns_evidence (report, tlsa);
      verdict = sti_endpoint_verdict_new (endpoint, report);
      g_test_message ("case %u: %s", i, sti_endpoint_verdict_get_dane_text (verdict));
      g_assert_cmpint (sti_endpoint_verdict_get_dane (verdict), ==, cases[i].answer);
      g_assert_nonnull (strstr (sti_endpoint_verdict_get_dane_text (verdict), cases[i].contains));
    }

  g_assert_cmpstr (sti_answer_to_string (STI_ANSWER_NOT_APPLICABLE), ==, "not-applicable");
}

/* An MX host that an enforced MTA-STS policy leaves out is refused by the
 * senders that honour the policy, however good its certificate; in
 * testing mode they still deliver. */
static void
test_validating_mta_sts (void)
{
  static const struct {
    const char *mode;
    const char *host;
    StiAnswer   answer;
  } cases[] = {
    { "enforce", "mx.example.org", STI_ANSWER_NO },
    { "enforce", "MX.Example.Org.", STI_ANSWER_NO },
    { "testing", "mx.example.org", STI_ANSWER_YES },
    { "enforce", "mx2.example.org", STI_ANSWER_YES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", EP_GOOD);
      g_autoptr(StiDomainReport) report = sti_domain_report_new ();
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autoptr(StiFinding) finding = NULL;
      g_autoptr(StiEndpointVerdict) verdict = NULL;

      g_variant_dict_insert (&dict, "host", "s", cases[i].host);
      g_variant_dict_insert (&dict, "mode", "s", cases[i].mode);
      finding = sti_finding_new_with_severity ("mta-sts-mx-not-covered", STI_SEVERITY_ERROR,
                                               g_variant_dict_end (&dict), NULL);
      sti_domain_report_add_finding (report, finding);

      verdict = sti_endpoint_verdict_new (endpoint, report);
      g_test_message ("case %u: %s", i, sti_endpoint_verdict_get_validating_text (verdict));
      g_assert_cmpint (sti_endpoint_verdict_get_validating (verdict), ==, cases[i].answer);
      if (cases[i].answer == STI_ANSWER_NO)
        {
          g_assert_nonnull (strstr (sti_endpoint_verdict_get_validating_text (verdict),
                                    "MTA-STS policy"));
          g_assert_cmpstr (sti_endpoint_verdict_get_first_action_id (verdict), ==,
                           "mta-sts-mx-not-covered");
        }
      else
        g_assert_null (sti_endpoint_verdict_get_first_action_id (verdict));
    }
}

static StiDomainReport *
make_domain (const EndpointKind *kinds,
             guint               n)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host = sti_host_report_new ();

  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_host_report_set_name (host, "mx.example.org");
  sti_host_report_set_preference (host, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", kinds[i]);

      sti_host_report_add_endpoint (host, endpoint);
    }
  if (n > 0)
    sti_domain_report_add_host (report, host);

  return report;
}

static void
test_domain_sentence (void)
{
  const struct
  {
    EndpointKind  kinds[2];
    guint         n;
    const char   *sentence;
    const char   *count;
  } cases[] = {
    { { EP_GOOD, EP_GOOD }, 2,
      "Mail to example.org is encrypted, and every mail server presents a valid certificate."
      " No MTA-STS or DANE policy makes TLS mandatory, so an attacker on the path could remove it.",
      "No problems" },
    { { EP_GOOD, EP_EXPIRED }, 2,
      "Mail to example.org is encrypted, but its certificates can't be verified, so a sender "
      "that insists on security will refuse it."
      " No MTA-STS or DANE policy makes TLS mandatory, so an attacker on the path could remove it.",
      "2 errors, 1 note" },
    { { EP_GOOD, EP_NO_STARTTLS }, 2,
      "Mail to example.org can travel unencrypted: at least one of its mail servers does not "
      "complete STARTTLS.",
      "1 error" },
    { { EP_GOOD, EP_UNREACHABLE }, 2,
      "Mail to example.org is encrypted with verified certificates, but some of its mail "
      "server addresses could not be reached."
      " No MTA-STS or DANE policy makes TLS mandatory, so an attacker on the path could remove it.",
      "1 error" },
    { { EP_UNREACHABLE }, 1,
      "None of the mail servers of example.org could be reached from here.", "1 error" },
    /* Encrypted and verified, but a warning remains: the sentence names it. */
    { { EP_NO_FORWARD_SECRECY, EP_NO_FORWARD_SECRECY }, 2,
      "Mail to example.org is encrypted with verified certificates, but something should be "
      "fixed: No forward secrecy."
      " No MTA-STS or DANE policy makes TLS mandatory, so an attacker on the path could remove it.",
      "2 warnings" },
    /* Only TLS 1.0: we encrypt, the OpenSSL 3 senders the verdict assumes do not. */
    { { EP_OLD_TLS, EP_OLD_TLS }, 2,
      "Mail to example.org travels unencrypted from most senders, or is refused: its mail "
      "servers offer only TLS1.0, which Postfix and Exim with OpenSSL 3 refuse.",
      "2 errors" },
    { { EP_GOOD, EP_OLD_TLS }, 2,
      "Mail to example.org can travel unencrypted or be refused: at least one of its mail "
      "servers offers only TLS1.0, which Postfix and Exim with OpenSSL 3 refuse.",
      "1 error" },
    { { EP_GOOD }, 0, "No mail server of example.org could be found to check.", "No problems" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiDomainReport) report = make_domain (cases[i].kinds, cases[i].n);
      g_autofree char *sentence = sti_verdict_dup_sentence (report);
      g_autofree char *count = sti_format_report_counts (report);

      g_assert_cmpstr (sentence, ==, cases[i].sentence);
      g_assert_cmpstr (count, ==, cases[i].count);
    }

  {
    g_autoptr(StiDomainReport) report = make_domain (NULL, 0);
    g_autoptr(StiFinding) null_mx = sti_finding_new ("null-mx", NULL, "");
    g_autofree char *sentence = NULL;

    sti_domain_report_add_finding (report, null_mx);
    sentence = sti_verdict_dup_sentence (report);
    g_assert_nonnull (strstr (sentence, "null MX"));
  }
}

/* A verdict is only about what was probed: a skipped IPv6 address or an
 * MX host beyond the cap qualifies it. */
static void
test_skipped_sentence (void)
{
  EndpointKind good[] = { EP_GOOD };
  const char *one[] = { "mx1.example.org at 2001:db8::25: not probed, IPv6 is turned off "
                        "in the options", NULL };
  const char *two[] = { "mx1.example.org at 2001:db8::25: not probed, IPv6 is turned off "
                        "in the options",
                        "MX 40 mx4.example.org: not probed, the limit of 3 MX hosts was reached",
                        NULL };

  {
    g_autoptr(StiDomainReport) report = make_domain (good, 1);
    g_autofree char *sentence = NULL;

    sti_domain_report_set_skipped (report, one);
    sentence = sti_verdict_dup_sentence (report);
    g_assert_true (g_str_has_prefix (sentence, "Mail to example.org is encrypted, and every "
                                               "mail server presents a valid certificate."));
    g_assert_true (g_str_has_suffix (sentence, " This covers only what was probed: 1 mail server "
                                               "or address was skipped (see “Not probed”)."));
  }

  {
    g_autoptr(StiDomainReport) report = make_domain (good, 1);
    g_autofree char *sentence = NULL;

    sti_domain_report_set_skipped (report, two);
    sentence = sti_verdict_dup_sentence (report);
    g_assert_true (g_str_has_suffix (sentence, "2 mail servers or addresses were skipped "
                                               "(see “Not probed”)."));
  }

  /* Nothing probed at all: not "could be found". */
  {
    g_autoptr(StiDomainReport) report = make_domain (NULL, 0);
    g_autofree char *sentence = NULL;

    sti_domain_report_set_skipped (report, one);
    sentence = sti_verdict_dup_sentence (report);
    g_assert_cmpstr (sentence, ==, "No mail server of example.org was checked. The 1 mail server "
                                   "or address found was skipped (see “Not probed”).");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/verdict/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/verdict/endpoints", test_endpoints);
  g_test_add_func ("/sti/verdict/validating-mta-sts", test_validating_mta_sts);
  g_test_add_func ("/sti/verdict/dane", test_dane);
  g_test_add_func ("/sti/verdict/domain-sentence", test_domain_sentence);
  g_test_add_func ("/sti/verdict/skipped-sentence", test_skipped_sentence);

  return g_test_run ();
}
