/* test-mta-sts-evaluate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "findings-assert.h"
#include "sti-finding.h"
#include "sti-mta-sts.h"
#include "txt-rdata.h"

/* MTA-STS against the domain's MX hosts: which hosts a policy's mx
 * patterns cover, what senders would do with each host, and the record
 * and policy the app suggests. */

/* ------------------------------------------------------------------ */
/* mx matching                                                         */

static void
test_mx_matches (void)
{
  static const struct {
    const char *pattern;
    const char *host;
    gboolean    match;
  } table[] = {
    { "mx.example.org", "mx.example.org", TRUE },
    { "mx.example.org", "MX.Example.ORG.", TRUE },
    { "MX.EXAMPLE.ORG", "mx.example.org", TRUE },
    { "*.example.org", "mx.example.org", TRUE },
    { "*.example.org", "mx.example.org.", TRUE },
    { "*.example.org", "MX.EXAMPLE.ORG", TRUE },
    { "*.example.org", "example.org", FALSE },
    { "*.example.org", "a.b.example.org", FALSE },
    { "*.example.org", ".example.org", FALSE },
    { "*.example.org", "mxexample.org", FALSE },
    { "mx.example.org", "mx.example.org.evil.test", FALSE },
    { "mx.example.org", "x.mx.example.org", FALSE },
    { "*.*.example.org", "a.b.example.org", FALSE },
    { "mx*.example.org", "mx1.example.org", FALSE },
    { "", "mx.example.org", FALSE },
    { "mx.example.org", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("%s vs %s", table[i].pattern, table[i].host);
      g_assert_cmpint (sti_mta_sts_mx_matches (table[i].pattern, table[i].host), ==,
                       table[i].match);
    }
}

/* ------------------------------------------------------------------ */
/* coherence                                                           */

static StiMtaStsPolicy *
policy_from (const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  StiMtaStsPolicy *policy = sti_mta_sts_policy_parse (body, findings);

  g_assert_nonnull (policy);
  return policy;
}

static void
test_evaluate_enforce (void)
{
  g_autoptr(StiMtaStsPolicy) policy =
    policy_from ("version: STSv1\nmode: enforce\nmx: mx1.example.org\nmx: *.backup.example.org\n"
                 "mx: unused.example.org\nmax_age: 604800\n");
  const char *mx[] = { "mx1.example.org.", "b1.backup.example.org.", "other.example.net.",
                       "MX1.example.org", NULL };
  const StiMtaStsEndpointFacts endpoints[] = {
    { "mx1.example.org.", "192.0.2.1", TRUE, TRUE, TRUE },
    { "mx1.example.org.", "2001:db8::1", TRUE, TRUE, TRUE },
    { "b1.backup.example.org.", "192.0.2.2", TRUE, FALSE, FALSE },
    { "b1.backup.example.org.", "192.0.2.3", TRUE, TRUE, FALSE },
    { "b1.backup.example.org.", "192.0.2.4", FALSE, FALSE, FALSE },  /* not reached: ignored */
    { "other.example.net.", "198.51.100.1", TRUE, TRUE, TRUE },
  };
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree const char **hosts = NULL;
  g_autofree const char **no_tls = NULL;
  g_autofree const char **bad_cert = NULL;
  StiFinding *refused, *fail, *uncovered;
  gboolean all = TRUE;
  g_auto(GStrv) fix = NULL;

  findings = sti_mta_sts_evaluate (policy, mx, endpoints, G_N_ELEMENTS (endpoints));
  assert_ids (findings, "mta-sts-mx-not-covered,mta-sts-mx-would-fail,mta-sts-mx-refused,"
                        "mta-sts-mx-pattern-unused");

  uncovered = find (findings, "mta-sts-mx-not-covered");
  g_assert_cmpint (sti_finding_get_severity (uncovered), ==, STI_SEVERITY_ERROR);
  g_assert_cmpstr (sti_finding_get_param_string (uncovered, "host"), ==, "other.example.net");

  fail = find (findings, "mta-sts-mx-would-fail");
  g_assert_cmpstr (sti_finding_get_param_string (fail, "host"), ==, "b1.backup.example.org");
  g_assert_true (g_variant_lookup (sti_finding_get_params (fail), "no_starttls", "^a&s", &no_tls));
  g_assert_true (g_variant_lookup (sti_finding_get_params (fail), "bad_certificate", "^a&s",
                                   &bad_cert));
  g_assert_cmpuint (g_strv_length ((char **)no_tls), ==, 1);
  g_assert_cmpstr (no_tls[0], ==, "192.0.2.2");
  g_assert_cmpuint (g_strv_length ((char **)bad_cert), ==, 1);
  g_assert_cmpstr (bad_cert[0], ==, "192.0.2.3");

  refused = find (findings, "mta-sts-mx-refused");
  g_assert_cmpint (sti_finding_get_severity (refused), ==, STI_SEVERITY_ERROR);
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "hosts", "^a&s", &hosts));
  g_assert_cmpuint (g_strv_length ((char **)hosts), ==, 2);
  g_assert_cmpstr (hosts[0], ==, "b1.backup.example.org");
  g_assert_cmpstr (hosts[1], ==, "other.example.net");
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "all", "b", &all));
  g_assert_false (all);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (refused),
                                   "In enforce mode, senders would refuse these MX hosts: "
                                   "b1.backup.example.org, other.example.net"));

  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "fix_policy", "^as", &fix));
  g_assert_cmpstrv (fix, ((const char *[]) { "version: STSv1", "mode: enforce",
                                             "mx: mx1.example.org", "mx: b1.backup.example.org",
                                             "mx: other.example.net", "max_age: 604800", NULL }));
  g_assert_cmpstr (sti_finding_get_param_string (find (findings, "mta-sts-mx-pattern-unused"),
                                                 "pattern"), ==, "unused.example.org");
}

static void
test_evaluate_testing_and_none (void)
{
  g_autoptr(StiMtaStsPolicy) testing =
    policy_from ("version: STSv1\nmode: testing\nmx: mx1.example.org\nmax_age: 86400\n");
  g_autoptr(StiMtaStsPolicy) none = policy_from ("version: STSv1\nmode: none\nmax_age: 86400\n");
  g_autoptr(StiMtaStsPolicy) good =
    policy_from ("version: STSv1\nmode: enforce\nmx: *.example.org\nmax_age: 86400\n");
  const char *mx[] = { "mx2.example.org", NULL };
  const StiMtaStsEndpointFacts ok[] = { { "mx2.example.org", NULL, TRUE, TRUE, TRUE } };
  g_autoptr(GPtrArray) findings = NULL;
  gboolean all = FALSE;
  StiFinding *refused;

  findings = sti_mta_sts_evaluate (testing, mx, NULL, 0);
  assert_ids (findings, "mta-sts-mx-not-covered,mta-sts-mx-refused,mta-sts-mx-pattern-unused");
  refused = find (findings, "mta-sts-mx-refused");
  g_assert_cmpint (sti_finding_get_severity (refused), ==, STI_SEVERITY_WARNING);
  g_assert_cmpint (sti_finding_get_severity (find (findings, "mta-sts-mx-not-covered")), ==,
                   STI_SEVERITY_WARNING);
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "all", "b", &all));
  g_assert_true (all);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (refused), "If the policy were"));
  {
    g_auto(GStrv) fix = NULL;

    g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "fix_policy", "^as", &fix));
    g_assert_true (g_strv_contains ((const char * const *)fix, "mode: testing"));
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = sti_mta_sts_evaluate (none, mx, NULL, 0);
  assert_ids (findings, "");
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = sti_mta_sts_evaluate (good, mx, ok, G_N_ELEMENTS (ok));
  assert_ids (findings, "");
}

static void
test_suggest (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 28, 17, 57, 0);
  g_autofree char *record = sti_mta_sts_suggest_record ("Example.ORG.", when);
  const char *mx[] = { "mx1.example.org.", "MX1.example.org", "mx2.example.org", "bad_name", NULL };
  g_autofree char *policy = sti_mta_sts_suggest_policy (mx, STI_MTA_STS_MODE_ENFORCE, -1);
  g_autofree char *capped = sti_mta_sts_suggest_policy (mx, STI_MTA_STS_MODE_TESTING, G_MAXINT64);
  g_autoptr(GBytes) body = g_bytes_new (policy, strlen (policy));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) parsed = NULL;
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(StiMtaStsRecord) parsed_record = NULL;
  g_autofree char *quoted = NULL;

  g_assert_cmpstr (record, ==, "_mta-sts.example.org. IN TXT \"v=STSv1; id=20261128175700\"");
  g_assert_cmpstr (policy, ==, "version: STSv1\nmode: enforce\nmx: mx1.example.org\n"
                               "mx: mx2.example.org\nmax_age: 604800\n");
  g_assert_nonnull (strstr (capped, "max_age: 31557600\n"));

  /* what we suggest must pass our own parsers */
  parsed = sti_mta_sts_policy_parse (body, findings);
  g_assert_nonnull (parsed);
  assert_ids (findings, "");

  quoted = g_strndup (strchr (record, '"') + 1, strlen (strchr (record, '"') + 1) - 1);
  g_ptr_array_add (rdata, txt_rdata (quoted));
  parsed_record = sti_mta_sts_record_parse (rdata, NULL, findings);
  g_assert_nonnull (parsed_record);
  g_assert_cmpstr (parsed_record->id, ==, "20261128175700");
}

/* The max_age of a suggested policy follows the policy as fetched, with a
 * floor of a day and a week when nothing was observed; each says which. */
static void
test_suggest_max_age (void)
{
  static const struct {
    gint64      observed;
    gint64      suggested;
    const char *source;
  } cases[] = {
    { 86400, 86400, "observed" },
    { 1209600, 1209600, "observed" },
    { 31557600, 31557600, "observed" },
    { 3600, 86400, "floor" },
    { 0, 86400, "floor" },
    { -1, 604800, "default" },
  };
  const char *mx[] = { "mx1.example.org", "mx2.example.org", NULL };
  g_autoptr(StiMtaStsPolicy) daily =
    policy_from ("version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: 86400\n");
  g_autoptr(StiMtaStsPolicy) long_lived =
    policy_from ("version: STSv1\nmode: testing\nmx: mx1.example.org\nmax_age: 1209600\n");
  g_autoptr(GPtrArray) findings = NULL;
  g_auto(GStrv) fix = NULL;
  StiFinding *finding;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *source = NULL;
      g_autofree char *policy = NULL;
      g_autofree char *line = g_strdup_printf ("max_age: %" G_GINT64_FORMAT "\n",
                                               cases[i].suggested);

      g_assert_cmpint (sti_mta_sts_suggest_max_age (cases[i].observed, &source), ==,
                       cases[i].suggested);
      g_assert_cmpstr (source, ==, cases[i].source);
      policy = sti_mta_sts_suggest_policy (mx, STI_MTA_STS_MODE_ENFORCE, cases[i].observed);
      g_assert_true (g_str_has_suffix (policy, line));
    }

  /* The fix of a finding carries the policy's own max_age, not a fixed one. */
  findings = sti_mta_sts_evaluate (daily, mx, NULL, 0);
  finding = find (findings, "mta-sts-mx-not-covered");
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "fix_policy", "^as", &fix));
  g_assert_true (g_strv_contains ((const char * const *)fix, "max_age: 86400"));
  g_clear_pointer (&fix, g_strfreev);
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = sti_mta_sts_evaluate (long_lived, mx, NULL, 0);
  finding = find (findings, "mta-sts-mx-refused");
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "fix_policy", "^as", &fix));
  g_assert_true (g_strv_contains ((const char * const *)fix, "max_age: 1209600"));
  g_assert_true (g_strv_contains ((const char * const *)fix, "mx: mx2.example.org"));
}

/* Which MX hosts each pattern matches, and which none does. */
static void
test_matched_hosts (void)
{
  const char *mx[] = { "MX1.example.org.", "mx1.example.org", "mx2.example.org",
                       "a.b.example.org", "mx.other.example", NULL };
  g_autoptr(StiMtaStsPolicy) policy =
    policy_from ("version: STSv1\nmode: enforce\nmx: *.example.org\nmx: mx.unused.example\n"
                 "max_age: 86400\n");
  g_auto(GStrv) wildcard = sti_mta_sts_matched_hosts ("*.example.org", mx);
  g_auto(GStrv) unused = sti_mta_sts_matched_hosts ("mx.unused.example", mx);
  g_auto(GStrv) unmatched = sti_mta_sts_unmatched_hosts (policy, mx);
  const char *want_wildcard[] = { "mx1.example.org", "mx2.example.org", NULL };
  const char *want_unmatched[] = { "a.b.example.org", "mx.other.example", NULL };

  g_assert_true (g_strv_equal ((const char * const *)wildcard, want_wildcard));
  g_assert_null (unused[0]);
  g_assert_true (g_strv_equal ((const char * const *)unmatched, want_unmatched));
}

static void
test_boxed (void)
{
  g_autoptr(StiMtaStsPolicy) policy =
    policy_from ("version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: 86400\n");
  StiMtaStsPolicy *copy = g_boxed_copy (STI_TYPE_MTA_STS_POLICY, policy);

  g_assert_true (copy == policy);
  g_boxed_free (STI_TYPE_MTA_STS_POLICY, copy);
  g_assert_true (G_TYPE_IS_BOXED (STI_TYPE_MTA_STS_RECORD));
  g_assert_true (G_TYPE_IS_BOXED (STI_TYPE_MTA_STS_FETCH_RESULT));
  g_assert_cmpstr (sti_mta_sts_mode_to_string (STI_MTA_STS_MODE_TESTING), ==, "testing");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/mta-sts/mx-matches", test_mx_matches);
  g_test_add_func ("/sti/mta-sts/evaluate/enforce", test_evaluate_enforce);
  g_test_add_func ("/sti/mta-sts/evaluate/testing-and-none", test_evaluate_testing_and_none);
  g_test_add_func ("/sti/mta-sts/suggest", test_suggest);
  g_test_add_func ("/sti/mta-sts/suggest-max-age", test_suggest_max_age);
  g_test_add_func ("/sti/mta-sts/matched-hosts", test_matched_hosts);
  g_test_add_func ("/sti/mta-sts/boxed", test_boxed);

  return g_test_run ();
}
