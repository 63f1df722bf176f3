/* test-checklist.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fake-cert.h"
#include "findings-assert.h"
#include "sti-certificate.h"
#include "sti-checklist.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-finding.h"
#include "sti-host-report-private.h"
#include "sti-report-json.h"

/* The list of checks made, derived from hand-made reports: a check passes
 * only with evidence that it was made, fails by the findings that say so,
 * and is "not checked" (with a reason) when the probe never got that far. */

typedef enum
{
  EP_CLEAN,
  EP_EXPIRED,
  EP_UNREACHABLE,
  EP_NO_STARTTLS,
  EP_MISSING_INTERMEDIATE,
} EndpointKind;

static StiEndpointReport *
make_endpoint (const char   *host,
               EndpointKind  kind)
{
  StiEndpointReport *endpoint = sti_endpoint_report_new ();
  gboolean talks = kind != EP_UNREACHABLE;
  gboolean tls = kind == EP_CLEAN || kind == EP_EXPIRED || kind == EP_MISSING_INTERMEDIATE;

  sti_endpoint_report_set_host (endpoint, host);
  sti_endpoint_report_set_address (endpoint, "192.0.2.1");
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_family (endpoint, "ipv4");
  sti_endpoint_report_set_stage (endpoint, talks ? STI_STAGE_DONE : STI_STAGE_CONNECTING);
  sti_endpoint_report_set_reachable (endpoint, talks);
  if (talks)
    sti_endpoint_report_set_greeting (endpoint, "220 mx ESMTP");
  sti_endpoint_report_set_starttls_offered (endpoint, tls);
  sti_endpoint_report_set_starttls_accepted (endpoint, tls);
  sti_endpoint_report_set_tls_established (endpoint, tls);

  if (tls)
    {
      g_autoptr(StiFakeCert) fc = sti_fake_cert_new (host);
      g_autoptr(StiCertificate) leaf = sti_certificate_new_from_der (fc->leaf_der, NULL);
      g_autoptr(StiCertificate) ca = sti_certificate_new_from_der (fc->ca_der, NULL);

      sti_endpoint_report_set_tls_version (endpoint, "TLS1.3");
      sti_endpoint_report_set_cipher_suite (endpoint, "TLS_AES_256_GCM_SHA384");
      sti_endpoint_report_set_kx_group (endpoint, "X25519");
      sti_endpoint_report_add_certificate (endpoint, leaf);
      sti_endpoint_report_add_certificate (endpoint, ca);
      sti_endpoint_report_set_certificate_verified (endpoint, kind == EP_CLEAN);
    }

  if (kind == EP_EXPIRED)
    add_finding (endpoint, "cert-expired", STI_SEVERITY_ERROR);
  else if (kind == EP_UNREACHABLE)
    add_finding (endpoint, "host-unreachable", STI_SEVERITY_ERROR);
  else if (kind == EP_NO_STARTTLS)
    add_finding (endpoint, "starttls-not-offered", STI_SEVERITY_ERROR);
  else if (kind == EP_MISSING_INTERMEDIATE)
    add_finding (endpoint, "chain-missing-intermediate", STI_SEVERITY_ERROR);

  return endpoint;
}

static void
add_evidence (StiDomainReport    *report,
              const char         *qname,
              const char         *qtype,
              const char * const *records)
{
  g_autoptr(StiDnsEvidence) evidence = sti_dns_evidence_new ();

  sti_dns_evidence_set_qname (evidence, qname);
  sti_dns_evidence_set_qtype (evidence, qtype);
  sti_dns_evidence_set_result (evidence, "noerror");
  sti_dns_evidence_set_dnssec (evidence, STI_DNSSEC_SECURE);
  sti_dns_evidence_set_records (evidence, records);
  sti_domain_report_add_dns_evidence (report, evidence);
}

static StiDomainReport *
make_report (EndpointKind kind)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host = sti_host_report_new ();
  g_autoptr(StiEndpointReport) endpoint = make_endpoint ("mx.example.org", kind);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *mx[] = { "10 mx.example.org.", NULL };
  const char *sts[] = { "v=STSv1; id=1", NULL };
  const char *none[] = { NULL };

  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_domain_report_set_started_at (report, now);
  sti_host_report_set_name (host, "mx.example.org");
  sti_host_report_set_name_unicode (host, "mx.example.org");
  sti_host_report_add_endpoint (host, endpoint);
  sti_domain_report_add_host (report, host);
  add_evidence (report, "example.org", "MX", mx);
  add_evidence (report, "_mta-sts.example.org", "TXT", sts);
  add_evidence (report, "_smtp._tls.example.org", "TXT", none);

  return report;
}

static const StiCheckItem *
find_item (GPtrArray  *groups,
           guint       group_index,
           const char *id)
{
  StiChecklistGroup *group;

  g_assert_cmpuint (group_index, <, groups->len);
  group = g_ptr_array_index (groups, group_index);
  for (guint i = 0; i < group->items->len; i++)
    {
      const StiCheckItem *item = g_ptr_array_index (group->items, i);

      if (g_str_equal (item->id, id))
        return item;
    }

  g_error ("no check %s in group %u", id, group_index);
  return NULL;
}

static void
assert_status (GPtrArray      *groups,
               guint           group_index,
               const char     *id,
               StiCheckStatus  status)
{
  const StiCheckItem *item = find_item (groups, group_index, id);

  g_assert_cmpstr (sti_check_status_to_string (item->status), ==,
                   sti_check_status_to_string (status));
  g_assert_nonnull (item->detail);
  g_assert_cmpstr (item->detail, !=, "");
  g_assert_nonnull (item->title);
  if (status != STI_CHECK_FAILED)
    g_assert_null (item->finding_ids[0]);
}

static void
test_clean (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_CLEAN);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  const char *passed[] = { "connection", "starttls", "tls-handshake", "tls-version", "cipher",
                           "forward-secrecy", "chain-verified", "chain-order", "name-match",
                           "key-strength", "signature", "expiry" };
  StiChecklistGroup *domain;
  StiChecklistGroup *endpoint;

  g_assert_cmpuint (groups->len, ==, 2);
  domain = g_ptr_array_index (groups, 0);
  endpoint = g_ptr_array_index (groups, 1);
  g_assert_null (domain->host);
  g_assert_cmpstr (endpoint->host, ==, "mx.example.org");
  g_assert_cmpstr (endpoint->address, ==, "192.0.2.1");

  assert_status (groups, 0, "mx", STI_CHECK_PASSED);
  g_assert_nonnull (strstr (find_item (groups, 0, "mx")->detail, "secure"));
  assert_status (groups, 0, "coverage", STI_CHECK_PASSED);
  assert_status (groups, 0, "mta-sts", STI_CHECK_PASSED);
  assert_status (groups, 0, "tls-rpt", STI_CHECK_NOT_CHECKED);
  g_assert_nonnull (strstr (find_item (groups, 0, "tls-rpt")->detail, "Not published"));

  for (guint i = 0; i < G_N_ELEMENTS (passed); i++)
    assert_status (groups, 1, passed[i], STI_CHECK_PASSED);
  g_assert_nonnull (strstr (find_item (groups, 1, "tls-version")->detail, "TLS1.3"));
  g_assert_nonnull (strstr (find_item (groups, 1, "expiry")->detail, "30 days"));
  /* Nothing stapled, no TLSA looked up: not checked, never passed. */
  assert_status (groups, 1, "revocation", STI_CHECK_NOT_CHECKED);
  assert_status (groups, 1, "dane", STI_CHECK_NOT_CHECKED);
  g_assert_cmpuint (sti_checklist_count (groups, STI_CHECK_FAILED), ==, 0);
  g_assert_cmpuint (sti_checklist_count (groups, STI_CHECK_PASSED), ==, 15);
}

static void
test_failing (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_EXPIRED);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  const StiCheckItem *expiry = find_item (groups, 1, "expiry");
  g_autofree char *outcome = sti_check_item_dup_outcome (expiry);

  g_assert_cmpint (expiry->status, ==, STI_CHECK_FAILED);
  g_assert_cmpint (expiry->severity, ==, STI_SEVERITY_ERROR);
  g_assert_cmpstrv (expiry->finding_ids, ((const char *[]){ "cert-expired", NULL }));
  g_assert_cmpstr (outcome, ==, "Failed (Error: Certificate expired)");
  /* Verification failed for the date, not for the chain. */
  assert_status (groups, 1, "chain-verified", STI_CHECK_PASSED);
  assert_status (groups, 1, "name-match", STI_CHECK_PASSED);
  g_assert_cmpuint (sti_checklist_count (groups, STI_CHECK_FAILED), ==, 1);
}

/* An unverified chain fails by the finding that says why, in its words. */
static void
test_missing_intermediate (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_MISSING_INTERMEDIATE);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  const StiCheckItem *chain = find_item (groups, 1, "chain-verified");

  g_assert_cmpint (chain->status, ==, STI_CHECK_FAILED);
  g_assert_cmpstr (chain->finding_ids[0], ==, "chain-missing-intermediate");
  g_assert_cmpstr (chain->detail, ==, "chain-missing-intermediate");
  assert_status (groups, 1, "name-match", STI_CHECK_PASSED);
}

/* DANE passes only on a DNSSEC-signed TLSA answer with no dane-* finding. */
static void
test_dane (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_CLEAN);
  const char *tlsa[] = { "3 1 1 0123456789abcdef", NULL };
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) stale = NULL;

  add_evidence (report, "_25._tcp.mx.example.org", "TLSA", tlsa);
  groups = sti_checklist_new (report);
  assert_status (groups, 1, "dane", STI_CHECK_PASSED);

  add_finding (g_ptr_array_index (sti_host_report_get_endpoints (
                 g_ptr_array_index (sti_domain_report_get_hosts (report), 0)), 0),
               "dane-no-match", STI_SEVERITY_ERROR);
  stale = sti_checklist_new (report);
  g_assert_cmpint (find_item (stale, 1, "dane")->status, ==, STI_CHECK_FAILED);
  g_assert_cmpstr (find_item (stale, 1, "dane")->finding_ids[0], ==, "dane-no-match");
}

static void
test_unreachable (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_UNREACHABLE);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  const char *tls_checks[] = { "starttls", "tls-handshake", "tls-version", "cipher",
                               "forward-secrecy", "chain-verified", "chain-order", "name-match",
                               "key-strength", "signature", "expiry", "revocation" };
  const StiCheckItem *connection = find_item (groups, 1, "connection");

  g_assert_cmpint (connection->status, ==, STI_CHECK_FAILED);
  g_assert_cmpstr (connection->finding_ids[0], ==, "host-unreachable");
  for (guint i = 0; i < G_N_ELEMENTS (tls_checks); i++)
    {
      assert_status (groups, 1, tls_checks[i], STI_CHECK_NOT_CHECKED);
      g_assert_nonnull (strstr (find_item (groups, 1, tls_checks[i])->detail, "reached"));
    }
  g_assert_cmpuint (sti_checklist_count (groups, STI_CHECK_PASSED), ==, 3);
}

static void
test_no_starttls (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_NO_STARTTLS);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  const StiCheckItem *starttls = find_item (groups, 1, "starttls");

  assert_status (groups, 1, "connection", STI_CHECK_PASSED);
  g_assert_cmpint (starttls->status, ==, STI_CHECK_FAILED);
  g_assert_cmpstr (starttls->finding_ids[0], ==, "starttls-not-offered");
  assert_status (groups, 1, "chain-verified", STI_CHECK_NOT_CHECKED);
  assert_status (groups, 1, "expiry", STI_CHECK_NOT_CHECKED);
}

static void
test_skipped (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_CLEAN);
  const char *skipped[] = { "mx.example.org at 2001:db8::25: not probed, IPv6 is turned off",
                            NULL };
  g_autoptr(GPtrArray) groups = NULL;
  const StiCheckItem *coverage;

  sti_domain_report_set_skipped (report, skipped);
  groups = sti_checklist_new (report);
  coverage = find_item (groups, 0, "coverage");
  g_assert_cmpint (coverage->status, ==, STI_CHECK_NOT_CHECKED);
  g_assert_nonnull (strstr (coverage->detail, "IPv6 is turned off"));
}

static void
test_json (void)
{
  g_autoptr(StiDomainReport) report = make_report (EP_EXPIRED);
  g_autoptr(JsonNode) root = sti_report_to_json (report);
  JsonArray *checklist = json_object_get_array_member (json_node_get_object (root), "checklist");
  JsonObject *domain = json_array_get_object_element (checklist, 0);
  JsonObject *endpoint = json_array_get_object_element (checklist, 1);
  JsonArray *checks = json_object_get_array_member (endpoint, "checks");
  gboolean seen = FALSE;

  g_assert_cmpuint (json_array_get_length (checklist), ==, 2);
  g_assert_true (json_object_get_null_member (domain, "host"));
  g_assert_cmpstr (json_object_get_string_member (endpoint, "host"), ==, "mx.example.org");
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *check = json_array_get_object_element (checks, i);

      if (!g_str_equal (json_object_get_string_member (check, "id"), "expiry"))
        continue;
      seen = TRUE;
      g_assert_cmpstr (json_object_get_string_member (check, "status"), ==, "failed");
      g_assert_cmpstr (json_object_get_string_member (check, "severity"), ==, "error");
      g_assert_cmpstr (json_array_get_string_element (
                         json_object_get_array_member (check, "findings"), 0), ==,
                       "cert-expired");
    }
  g_assert_true (seen);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checklist/clean", test_clean);
  g_test_add_func ("/checklist/failing", test_failing);
  g_test_add_func ("/checklist/missing-intermediate", test_missing_intermediate);
  g_test_add_func ("/checklist/dane", test_dane);
  g_test_add_func ("/checklist/unreachable", test_unreachable);
  g_test_add_func ("/checklist/no-starttls", test_no_starttls);
  g_test_add_func ("/checklist/skipped", test_skipped);
  g_test_add_func ("/checklist/json", test_json);

  return g_test_run ();
}
