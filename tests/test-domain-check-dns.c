/* test-domain-check-dns.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate.h"
#include "sti-dns-evidence.h"
#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-lab.h"

#include "lab-dns-fixture.h"
#include "fake-dnssec-root.h"

#include <string.h>

/* How the domain check reads DNS: MX oddities from local data beside the
 * demo lab, DNS failures from a fake forwarder on loopback. */

typedef LabDnsFixture Fixture;

static const char * const cases_zone[] = {
  "cname.cases.test. 300 IN MX 10 alias.cases.test.",
  "alias.cases.test. 300 IN CNAME mx1.valid.lab.test.",
  "iplit.cases.test. 300 IN MX 10 192.0.2.1.",
  "missing.cases.test. 300 IN MX 10 nowhere.cases.test.",
  "noaddr.cases.test. 300 IN MX 10 txtonly.cases.test.",
  "txtonly.cases.test. 300 IN TXT \"no address here\"",
  "mixednull.cases.test. 300 IN MX 0 .",
  "mixednull.cases.test. 300 IN MX 10 mx1.valid.lab.test.",
  "dup.cases.test. 300 IN MX 20 MX1.valid.lab.test.",
  "dup.cases.test. 300 IN MX 10 mx1.valid.lab.test.",
  "shared.cases.test. 300 IN MX 10 a.cases.test.",
  "shared.cases.test. 300 IN MX 20 b.cases.test.",
  "a.cases.test. 300 IN A 127.77.1.1",
  "b.cases.test. 300 IN A 127.77.1.1",
  /* policies */
  "rpt.cases.test. 300 IN MX 10 mx1.valid.lab.test.",
  "_smtp._tls.rpt.cases.test. 300 IN TXT \"v=TLSRPTv1; rua=ftp://reports.example\"",
  "sts.cases.test. 300 IN MX 10 mx1.valid.lab.test.",
  "_mta-sts.sts.cases.test. 300 IN TXT \"v=STSv1; id=20261128\"",
  "dane.cases.test. 300 IN MX 10 mxd.cases.test.",
  "mxd.cases.test. 300 IN A 127.77.1.1",
  "_25._tcp.mxd.cases.test. 300 IN TLSA 3 1 1 "
  "0000000000000000000000000000000000000000000000000000000000000000",
  "danegood.cases.test. 300 IN MX 10 mxe.cases.test.",
  "mxe.cases.test. 300 IN A 127.77.1.1",
  NULL
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lab_dns_fixture_setup (fixture, cases_zone);
  fake_dns_server_set_rcode (fixture->server, "broken.example.org", 0, 2);
  fake_dns_server_set_silent (fixture->server, "slow.example.org", STI_DNS_TYPE_MX);

  /* A DANE-EE record that matches the key mx1.valid.lab.test presents. */
  {
    g_autoptr(GPtrArray) chain = sti_lab_dup_chain (fixture->lab, "mx1.valid.lab.test");
    g_autoptr(StiCertificate) leaf = sti_certificate_new_from_der (chain->pdata[0], &error);
    g_autofree char *rr = NULL;

    g_assert_no_error (error);
    rr = g_strdup_printf ("_25._tcp.mxe.cases.test. 300 IN TLSA 3 1 1 %s",
                          sti_certificate_get_spki_sha256 (leaf));
    g_assert_true (sti_resolver_add_local_data (fixture->resolver, rr, &error));
    g_assert_no_error (error);
  }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  lab_dns_fixture_teardown (fixture);
}

/* The distinct finding ids of a report, sorted and space-separated. */
static char *
joined_ids (StiDomainReport *report)
{
  g_autoptr(GPtrArray) findings = sti_domain_report_collect_findings (report);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  GList *ids = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      const char *id = sti_finding_get_id (findings->pdata[i]);

      if (g_hash_table_add (seen, (gpointer)id))
        ids = g_list_insert_sorted (ids, (gpointer)id, (GCompareFunc)g_strcmp0);
    }

  for (GList *l = ids; l != NULL; l = l->next)
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", (char *)l->data);
  g_list_free (ids);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_findings (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct {
    const char *input;
    const char *ids;
  } cases[] = {
    { "cname.cases.test", "cert-name-mismatch mx-is-cname" },
    { "iplit.cases.test", "mx-is-ip-literal" },
    { "missing.cases.test", "mx-target-missing" },
    { "noaddr.cases.test", "mx-target-missing" },
    { "nothing.cases.test", "dns-nxdomain" },
    { "mixednull.cases.test", "null-mx" },
    { "dup.cases.test", "" },
    { "broken.example.org", "dns-servfail" },
    /* policies: a TLS-RPT record without a usable address, an MTA-STS
     * record whose policy host does not exist, a TLSA record that matches
     * nothing and one that matches (judged as if signed: the lab's data
     * is not validated) */
    { "rpt.cases.test", "tls-rpt-bad-uri tls-rpt-invalid" },
    { "sts.cases.test", "mta-sts-policy-unreachable" },
    { "dane.cases.test", "cert-name-mismatch dane-no-match dane-tlsa-unvalidated" },
    { "danegood.cases.test", "cert-name-mismatch dane-rollover-missing dane-tlsa-unvalidated" },
    { "slow.example.org", "dns-timeout" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, cases[i].input);
      g_autofree char *ids = joined_ids (report);

      g_test_message ("%s: %s", cases[i].input, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_null_mx_severity (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StiDomainReport) alone = lab_dns_fixture_run_check (fixture, "null-mx.lab.test");
  g_autoptr(StiDomainReport) mixed = lab_dns_fixture_run_check (fixture, "mixednull.cases.test");

  /* A null MX on its own is a statement, not a defect; beside other MX
   * records it breaks RFC 7505. */
  g_assert_cmpint (sti_finding_get_severity (sti_domain_report_get_findings (alone)->pdata[0]), ==,
                   STI_SEVERITY_INFO);
  g_assert_cmpint (sti_finding_get_severity (sti_domain_report_get_findings (mixed)->pdata[0]), ==,
                   STI_SEVERITY_ERROR);
  g_assert_cmpuint (sti_domain_report_get_endpoint_count (alone), ==, 0);
  g_assert_cmpuint (sti_domain_report_get_endpoint_count (mixed), ==, 1);
}

static void
test_duplicates_merge (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "dup.cases.test");
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  g_assert_cmpuint (hosts->len, ==, 1);
  g_assert_cmpstr (sti_host_report_get_name (hosts->pdata[0]), ==, "mx1.valid.lab.test");
  g_assert_cmpint (sti_host_report_get_preference (hosts->pdata[0]), ==, 10);
}

/* Two MX names on one address: both are probed (one after the other). */
static void
test_shared_address (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "shared.cases.test");
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  g_assert_cmpuint (hosts->len, ==, 2);
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (hosts->pdata[i]);

      g_assert_cmpuint (endpoints->len, ==, 1);
      g_assert_cmpstr (sti_endpoint_report_get_address (endpoints->pdata[0]), ==, "127.77.1.1");
      g_assert_true (sti_endpoint_report_get_tls_established (endpoints->pdata[0]));
    }
}

static void
test_mx_cap (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = NULL;
  const char * const *skipped;

  fixture->options->mx_cap = 1;
  report = lab_dns_fixture_run_check (fixture, "valid.lab.test");
  skipped = sti_domain_report_get_skipped (report);

  g_assert_cmpuint (sti_domain_report_get_endpoint_count (report), ==, 1);
  g_assert_nonnull (skipped);
  g_assert_nonnull (skipped[0]);
  g_assert_nonnull (strstr (skipped[0], "mx2.valid.lab.test"));
  g_assert_null (skipped[1]);
}

/* Asked to, the check connects once more per address offering only TLS
 * 1.0/1.1; the lab's servers still accept them. */
static void
test_old_tls_probe (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) plain = lab_dns_fixture_run_check (fixture, "valid.lab.test");
  g_autoptr(StiDomainReport) deep = NULL;
  g_autofree char *plain_ids = joined_ids (plain);
  g_autofree char *deep_ids = NULL;
  GPtrArray *hosts;

  fixture->options->probe_old_tls = TRUE;
  deep = lab_dns_fixture_run_check (fixture, "valid.lab.test");
  deep_ids = joined_ids (deep);

  g_assert_cmpstr (plain_ids, ==, "");
  g_assert_cmpstr (deep_ids, ==, "tls-version-obsolete");

  /* Each endpoint has it, and its main dialogue is still the TLS 1.3 one. */
  hosts = sti_domain_report_get_hosts (deep);
  for (guint i = 0; i < hosts->len; i++)
    {
      StiEndpointReport *endpoint = sti_host_report_get_endpoints (hosts->pdata[i])->pdata[0];

      g_assert_true (sti_findings_contain (sti_endpoint_report_get_findings (endpoint),
                                           "tls-version-obsolete"));
      g_assert_cmpstr (sti_endpoint_report_get_tls_version (endpoint), ==, "TLS1.3");
    }
}

/* With IPv6 turned off, the AAAA address is reported, not probed. */
static void
test_ipv6_off (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = NULL;
  const char * const *skipped;

  fixture->options->use_ipv6 = FALSE;
  report = lab_dns_fixture_run_check (fixture, "ipv6-only.lab.test");
  skipped = sti_domain_report_get_skipped (report);

  g_assert_cmpuint (sti_domain_report_get_endpoint_count (report), ==, 0);
  g_assert_nonnull (skipped);
  g_assert_nonnull (skipped[0]);
  g_assert_nonnull (strstr (skipped[0], "::1"));
  g_assert_nonnull (strstr (skipped[0], "IPv6"));
}

/* DNSSEC through a private root: a forged MX answer is "dnssec-bogus" with
 * the validator's reason; a well-signed one is evidence marked secure. */
static void
test_dnssec (void)
{
  static const char * const records[] = {
    "signed.example. 300 IN MX 0 .",
    "forged.example. 300 IN MX 0 .",
    NULL
  };
  TestRoot root = { 0 };
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  g_autoptr(StiDomainReport) forged = NULL;
  g_autoptr(StiDomainReport) secure = NULL;
  g_autofree char *forged_ids = NULL;
  g_autofree char *secure_ids = NULL;
  GPtrArray *evidence;
  gboolean saw_secure_mx = FALSE;

  test_root_init (&root, records);
  fixture.resolver = sti_resolver_new_full (test_root_get_address (&root), root.anchor_path,
                                            &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (fixture.resolver, 2000);
  fixture.trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  fixture.options = sti_check_options_new ();

  forged = lab_dns_fixture_run_check (&fixture, "forged.example");
  forged_ids = joined_ids (forged);
  g_assert_cmpstr (forged_ids, ==, "dnssec-bogus");
  g_assert_nonnull (sti_finding_get_param_string (sti_domain_report_get_findings (forged)->pdata[0],
                                                  "reason"));

  secure = lab_dns_fixture_run_check (&fixture, "signed.example");
  secure_ids = joined_ids (secure);
  g_assert_cmpstr (secure_ids, ==, "null-mx");
  evidence = sti_domain_report_get_dns_evidence (secure);
  for (guint i = 0; i < evidence->len; i++)
    {
      StiDnsEvidence *e = evidence->pdata[i];

      if (g_str_equal (sti_dns_evidence_get_qtype (e), "MX"))
        saw_secure_mx = sti_dns_evidence_get_dnssec (e) == STI_DNSSEC_SECURE;
    }
  g_assert_true (saw_secure_mx);

  g_clear_pointer (&fixture.options, sti_check_options_free);
  g_clear_object (&fixture.trust);
  g_clear_object (&fixture.resolver);
  test_root_clear (&root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sti/domain-check-dns/findings", Fixture, NULL, fixture_setup, test_findings,
              fixture_teardown);
  g_test_add ("/sti/domain-check-dns/null-mx-severity", Fixture, NULL, fixture_setup,
              test_null_mx_severity, fixture_teardown);
  g_test_add ("/sti/domain-check-dns/duplicates-merge", Fixture, NULL, fixture_setup,
              test_duplicates_merge, fixture_teardown);
  g_test_add ("/sti/domain-check-dns/shared-address", Fixture, NULL, fixture_setup,
              test_shared_address, fixture_teardown);
  g_test_add ("/sti/domain-check-dns/mx-cap", Fixture, NULL, fixture_setup, test_mx_cap,
              fixture_teardown);
  g_test_add ("/sti/domain-check-dns/old-tls-probe", Fixture, NULL, fixture_setup,
              test_old_tls_probe, fixture_teardown);
  g_test_add ("/sti/domain-check-dns/ipv6-off", Fixture, NULL, fixture_setup, test_ipv6_off,
              fixture_teardown);

  g_test_add_func ("/sti/domain-check-dns/dnssec", test_dnssec);

  return g_test_run ();
}
