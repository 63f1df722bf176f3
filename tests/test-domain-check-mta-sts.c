/* test-domain-check-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-certificate.h"
#include "sti-domain-report.h"
#include "sti-finding.h"
#include "sti-mta-sts-evidence.h"
#include "sti-report-json.h"

#include <string.h>

/* The demo lab's MTA-STS domains end to end: the report keeps the policy
 * fetch (the answer, the policy host's certificate, the file, what it
 * says and what each pattern matched), and the JSON carries it. */

/* The report keeps what it kept through a save and a load. */
static void
assert_round_trip (StiDomainReport *report)
{
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, loaded));
}

static StiCertificate *
leaf (StiMtaStsEvidence *sts)
{
  GPtrArray *chain = sti_mta_sts_evidence_get_certificates (sts);

  g_assert_cmpuint (chain->len, >=, 1);
  return g_ptr_array_index (chain, 0);
}

static void
test_enforce (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "mta-sts.lab.test");
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  StiMtaStsEvidence *sts = sti_domain_report_get_mta_sts (report);
  const char * const *names;

  g_assert_nonnull (sts);
  g_assert_true (g_str_has_prefix (sti_mta_sts_evidence_get_url (sts),
                                   "https://mta-sts.mta-sts.lab.test:"));
  g_assert_true (g_str_has_suffix (sti_mta_sts_evidence_get_url (sts),
                                   "/.well-known/mta-sts.txt"));
  g_assert_cmpuint (sti_mta_sts_evidence_get_status (sts), ==, 200);
  g_assert_cmpstr (sti_mta_sts_evidence_get_content_type (sts), ==, "text/plain");
  g_assert_true (sti_mta_sts_evidence_get_certificate_verified (sts));
  g_assert_null (sti_mta_sts_evidence_get_certificate_errors (sts)[0]);
  names = sti_certificate_get_dns_names (leaf (sts));
  g_assert_true (g_strv_contains (names, "mta-sts.mta-sts.lab.test"));
  g_assert_nonnull (sti_certificate_get_sha256_fingerprint (leaf (sts)));

  /* The lab serves CRLF; the evidence keeps the lines with real newlines. */
  g_assert_cmpstr (sti_mta_sts_evidence_get_body (sts), ==,
                   "version: STSv1\nmode: enforce\nmx: mx1.mta-sts.lab.test\nmax_age: 604800\n");
  g_assert_cmpstr (sti_mta_sts_evidence_get_mode (sts), ==, "enforce");
  g_assert_cmpint (sti_mta_sts_evidence_get_max_age (sts), ==, 604800);
  g_assert_cmpuint (sti_mta_sts_evidence_get_n_patterns (sts), ==, 1);
  g_assert_cmpstr (sti_mta_sts_evidence_get_pattern (sts, 0), ==, "mx1.mta-sts.lab.test");
  g_assert_cmpstr (sti_mta_sts_evidence_get_pattern_matches (sts, 0)[0], ==,
                   "mx1.mta-sts.lab.test");
  g_assert_null (sti_mta_sts_evidence_get_pattern_matches (sts, 0)[1]);
  g_assert_null (sti_mta_sts_evidence_get_unmatched_hosts (sts)[0]);
  g_assert_cmpint (sti_mta_sts_evidence_get_suggested_max_age (sts), ==, 604800);
  g_assert_cmpstr (sti_mta_sts_evidence_get_suggested_max_age_source (sts), ==, "observed");

  /* "enforce" was in no output before. */
  g_assert_nonnull (strstr (json, "\"mode\":\"enforce\""));
  g_assert_nonnull (strstr (json, "\"max_age\":604800"));
  assert_round_trip (report);
}

static void
test_mx_missing (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "mta-sts-mx-missing.lab.test");
  StiMtaStsEvidence *sts = sti_domain_report_get_mta_sts (report);
  GPtrArray *findings = sti_domain_report_get_findings (report);
  gboolean seen = FALSE;

  g_assert_nonnull (sts);
  g_assert_cmpstr (sti_mta_sts_evidence_get_mode (sts), ==, "enforce");
  g_assert_cmpuint (sti_mta_sts_evidence_get_n_patterns (sts), ==, 1);
  g_assert_cmpstr (sti_mta_sts_evidence_get_pattern (sts, 0), ==, "mail.elsewhere.example");
  g_assert_null (sti_mta_sts_evidence_get_pattern_matches (sts, 0)[0]);
  g_assert_cmpstr (sti_mta_sts_evidence_get_unmatched_hosts (sts)[0], ==,
                   "mx1.mta-sts-mx-missing.lab.test");
  g_assert_null (sti_mta_sts_evidence_get_unmatched_hosts (sts)[1]);

  /* The suggested policy keeps the observed max_age. */
  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char **lines = NULL;

      if (!g_str_equal (sti_finding_get_id (finding), "mta-sts-mx-not-covered"))
        continue;
      g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "fix_policy", "^a&s",
                                       &lines));
      g_assert_true (g_strv_contains ((const char * const *)lines, "max_age: 604800"));
      g_assert_true (g_strv_contains ((const char * const *)lines,
                                      "mx: mx1.mta-sts-mx-missing.lab.test"));
      seen = TRUE;
    }
  g_assert_true (seen);
  assert_round_trip (report);
}

static void
test_bad_cert (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "mta-sts-bad-cert.lab.test");
  StiMtaStsEvidence *sts = sti_domain_report_get_mta_sts (report);

  g_assert_nonnull (sts);
  g_assert_cmpuint (sti_mta_sts_evidence_get_status (sts), ==, 0);
  g_assert_null (sti_mta_sts_evidence_get_content_type (sts));
  g_assert_false (sti_mta_sts_evidence_get_certificate_verified (sts));
  g_assert_true (g_strv_contains (sti_mta_sts_evidence_get_certificate_errors (sts),
                                  "bad-identity"));
  g_assert_true (g_strv_contains (sti_certificate_get_dns_names (leaf (sts)),
                                  "mail.other.lab.test"));
  g_assert_null (sti_mta_sts_evidence_get_body (sts));
  g_assert_null (sti_mta_sts_evidence_get_mode (sts));
  g_assert_cmpint (sti_mta_sts_evidence_get_max_age (sts), ==, -1);
  g_assert_cmpuint (sti_mta_sts_evidence_get_n_patterns (sts), ==, 0);
  g_assert_cmpint (sti_mta_sts_evidence_get_suggested_max_age (sts), ==, 604800);
  g_assert_cmpstr (sti_mta_sts_evidence_get_suggested_max_age_source (sts), ==, "default");
  assert_round_trip (report);
}

/* No record, no fetch: nothing kept. */
static void
test_no_policy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "valid.lab.test");
  g_autofree char *json = sti_report_to_json_string (report, FALSE);

  g_assert_null (sti_domain_report_get_mta_sts (report));
  g_assert_nonnull (strstr (json, "\"mta_sts\":null"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sti/domain-check/mta-sts/enforce", Fixture, NULL, fixture_setup, test_enforce,
              fixture_teardown);
  g_test_add ("/sti/domain-check/mta-sts/mx-missing", Fixture, NULL, fixture_setup,
              test_mx_missing, fixture_teardown);
  g_test_add ("/sti/domain-check/mta-sts/bad-cert", Fixture, NULL, fixture_setup, test_bad_cert,
              fixture_teardown);
  g_test_add ("/sti/domain-check/mta-sts/no-policy", Fixture, NULL, fixture_setup, test_no_policy,
              fixture_teardown);

  return g_test_run ();
}
