/* test-honest-states.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-checklist.h"
#include "sti-dns-rdata.h"
#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-lab.h"
#include "sti-report-export.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-verdict.h"

#include "lab-dns-fixture.h"

#include <string.h>

/* The report says what it knows, and no more (issue 18, items 4 and 7):
 * which certificate each TLSA record matches, an MX host beyond the cap
 * as not checked, a failed policy lookup as failed, never as absent. The
 * demo lab answers for its own names; a fake forwarder on loopback plays
 * a resolver that fails for others. */

typedef LabDnsFixture Fixture;

static const char * const local_data[] = {
  /* three MX hosts, each a working lab server */
  "many.cases.test. 300 IN MX 10 mx1.valid.lab.test.",
  "many.cases.test. 300 IN MX 20 mx1.dane.lab.test.",
  "many.cases.test. 300 IN MX 30 mx1.dane-stale.lab.test.",
  /* a domain whose policy lookups fail at the forwarder (a transparent
   * zone: other names go on to it) */
  "policyfail.example.org. 300 IN MX 10 mx1.valid.lab.test.",
  NULL
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  lab_dns_fixture_setup (fixture, local_data);
  fake_dns_server_set_silent (fixture->server, "_mta-sts.policyfail.example.org",
                              STI_DNS_TYPE_TXT);
  fake_dns_server_set_rcode (fixture->server, "_smtp._tls.policyfail.example.org",
                             STI_DNS_TYPE_TXT, 2);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  lab_dns_fixture_teardown (fixture);
}

/* The report as JSON loads back to the same report. */
static void
assert_round_trip (StiDomainReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, loaded));
}

/* Every format a person reads has @needle. */
static void
assert_every_format_says (StiDomainReport *report,
                          const char      *needle)
{
  static const StiReportFormat formats[] = {
    STI_REPORT_FORMAT_TEXT, STI_REPORT_FORMAT_HTML, STI_REPORT_FORMAT_MARKDOWN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = sti_report_export (report, formats[i], -1, &error);
      g_autofree char *text = NULL;
      g_autofree char *escaped = g_markup_escape_text (needle, -1);
      g_auto(GStrv) parts = g_strsplit (needle, "#", -1);
      g_autofree char *md = g_strjoinv ("\\#", parts);

      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (strstr (text, formats[i] == STI_REPORT_FORMAT_HTML ? escaped :
                        formats[i] == STI_REPORT_FORMAT_MARKDOWN ? md : needle) == NULL)
        g_error ("%s output lacks \"%s\"", sti_report_format_to_string (formats[i]), needle);
    }
}

/* dane.lab.test publishes a DANE-EE record for the server's key and a
 * DANE-TA record for its issuer: each matches, and says which. */
static void
test_dane_matches (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "dane.lab.test");
  GPtrArray *matches = sti_endpoint_report_get_dane_matches (only_endpoint (report));
  gboolean seen_ee = FALSE, seen_ta = FALSE;

  g_assert_cmpuint (matches->len, ==, 2);
  for (guint i = 0; i < matches->len; i++)
    {
      StiDaneMatch *match = g_ptr_array_index (matches, i);

      g_assert_cmpuint (match->index, ==, i);
      g_assert_cmpint (match->status, ==, STI_DANE_MATCH_OK);
      if (match->usage == 3)
        {
          g_assert_cmpint (match->chain_position, ==, 0);
          seen_ee = TRUE;
        }
      else
        {
          g_assert_cmpint (match->usage, ==, 2);
          g_assert_cmpint (match->chain_position, ==, 1);
          seen_ta = TRUE;
        }
    }
  g_assert_true (seen_ee && seen_ta);

  assert_round_trip (report);
  assert_every_format_says (report, "matches the server's certificate (#0)");
  assert_every_format_says (report, "matches the issuing CA (#1)");
}

/* dane-stale.lab.test's record is for a key the server no longer has. */
static void
test_dane_stale (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "dane-stale.lab.test");
  GPtrArray *matches = sti_endpoint_report_get_dane_matches (only_endpoint (report));
  StiDaneMatch *match;

  g_assert_cmpuint (matches->len, ==, 1);
  match = g_ptr_array_index (matches, 0);
  g_assert_cmpint (match->status, ==, STI_DANE_MATCH_NONE);
  g_assert_cmpint (match->chain_position, ==, -1);

  assert_round_trip (report);
  assert_every_format_says (report, "matches no certificate the server sent");
}

/* In an unsigned zone senders ignore the records, yet what they would
 * match is still shown beside the DNSSEC status. */
static void
test_dane_unsigned (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "dane-unsigned.lab.test");
  GPtrArray *matches = sti_endpoint_report_get_dane_matches (only_endpoint (report));

  g_assert_cmpuint (matches->len, ==, 2);
  assert_round_trip (report);
  assert_every_format_says (report, "matches the server's certificate (#0)");
}

/* No TLSA records: nothing judged, and the JSON member is empty. */
static void
test_dane_none (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "valid.lab.test");
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  g_autofree char *json = NULL;

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < endpoints->len; j++)
        g_assert_cmpuint (sti_endpoint_report_get_dane_matches (endpoints->pdata[j])->len, ==, 0);
    }
  json = sti_report_to_json_string (report, FALSE);
  g_assert_nonnull (strstr (json, "\"dane_matches\":[]"));
}

/* With a cap of one MX host, the second and third are not checked, and
 * every format says so: never "no address". */
static void
test_mx_cap (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = NULL;
  g_autofree char *json = NULL;
  GPtrArray *hosts;

  fixture->options->mx_cap = 1;
  report = lab_dns_fixture_run_check (fixture, "many.cases.test");
  hosts = sti_domain_report_get_hosts (report);

  g_assert_cmpuint (hosts->len, ==, 3);
  g_assert_cmpuint (sti_host_report_get_beyond_mx_cap (g_ptr_array_index (hosts, 0)), ==, 0);
  g_assert_cmpuint (sti_host_report_get_endpoints (g_ptr_array_index (hosts, 0))->len, ==, 1);
  for (guint i = 1; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);

      g_assert_cmpuint (sti_host_report_get_beyond_mx_cap (host), ==, 1);
      g_assert_cmpuint (sti_host_report_get_endpoints (host)->len, ==, 0);
    }

  json = sti_report_to_json_string (report, FALSE);
  g_assert_nonnull (strstr (json, "\"beyond_mx_cap\":1"));
  g_assert_nonnull (strstr (json, "\"beyond_mx_cap\":0"));
  assert_round_trip (report);
  assert_every_format_says (report, "Not checked: limit of 1 MX host");
  assert_every_format_says (report, "--mx-cap");

  {
    g_autofree char *text = sti_report_to_text (report, 0);

    g_assert_null (strstr (text, "no address"));
  }
}

/* The policy records whose lookup failed: _mta-sts timed out and
 * _smtp._tls got SERVFAIL. Neither is "not published". */
static void
test_policy_lookup_failed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = lab_dns_fixture_run_check (fixture, "policyfail.example.org");
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);
  g_autoptr(GPtrArray) checklist = sti_checklist_new (report);
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  StiChecklistGroup *domain = g_ptr_array_index (checklist, 0);
  StiPolicyRecord *sts = g_ptr_array_index (policies, 0);
  StiPolicyRecord *rpt = g_ptr_array_index (policies, 1);
  guint n_checked = 0;

  g_assert_null (sts->records[0]);
  g_assert_cmpstr (sts->failure, ==, "Unknown: the lookup failed (No answer in time)");
  g_assert_cmpstr (sti_policy_record_get_absence (sts), ==, sts->failure);
  g_assert_null (rpt->records[0]);
  g_assert_cmpstr (rpt->failure, ==,
                   "Unknown: the lookup failed (The DNS server failed to answer)");
  g_assert_cmpstr (sentence, ==, "Whether an MTA-STS policy makes TLS mandatory is not known: "
                                 "the lookup of its record failed.");

  for (guint i = 0; i < domain->items->len; i++)
    {
      StiCheckItem *item = g_ptr_array_index (domain->items, i);

      if (g_str_equal (item->id, "mta-sts") || g_str_equal (item->id, "tls-rpt"))
        {
          g_assert_cmpint (item->status, ==, STI_CHECK_NOT_CHECKED);
          g_assert_nonnull (strstr (item->detail, "the lookup failed"));
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, ==, 2);

  assert_every_format_says (report, "Unknown: the lookup failed (No answer in time)");
  assert_every_format_says (report, "Unknown: the lookup failed (The DNS server failed to answer)");
  {
    g_autofree char *text = sti_report_to_text (report, 0);

    /* only the TLSA records of the MX host are absent */
    g_assert_nonnull (strstr (text, "not published"));
    g_assert_null (strstr (strstr (text, "not published") + 1, "not published"));
    g_assert_null (strstr (text, "has no such record"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sti/honest-states/dane-matches", Fixture, NULL,
              fixture_setup, test_dane_matches, fixture_teardown);
  g_test_add ("/sti/honest-states/dane-stale", Fixture, NULL,
              fixture_setup, test_dane_stale, fixture_teardown);
  g_test_add ("/sti/honest-states/dane-unsigned", Fixture, NULL,
              fixture_setup, test_dane_unsigned, fixture_teardown);
  g_test_add ("/sti/honest-states/dane-none", Fixture, NULL,
              fixture_setup, test_dane_none, fixture_teardown);
  g_test_add ("/sti/honest-states/mx-cap", Fixture, NULL,
              fixture_setup, test_mx_cap, fixture_teardown);
  g_test_add ("/sti/honest-states/policy-lookup-failed", Fixture, NULL,
              fixture_setup, test_policy_lookup_failed, fixture_teardown);

  return g_test_run ();
}
