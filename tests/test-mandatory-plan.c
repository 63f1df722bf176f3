/* test-mandatory-plan.c: what makes TLS mandatory, computed from checks of
 * the demo lab (StiMandatoryPlan)
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-certificate.h"
#include "sti-finding.h"
#include "sti-mandatory-plan.h"
#include "sti-mta-sts.h"

#include <string.h>

typedef struct
{
  Fixture           lab;
  StiDomainReport  *report;
  StiMandatoryPlan *plan;
} PlanFixture;

static void
plan_setup (PlanFixture   *fixture,
            gconstpointer  data)
{
  g_autofree char *domain = g_strndup (data, strcspn (data, "/"));

  fixture_setup (&fixture->lab, NULL);
  fixture->report = run_check (&fixture->lab, domain);
  g_assert_nonnull (fixture->report);
  fixture->plan = sti_mandatory_plan_new (fixture->report);
}

static void
plan_teardown (PlanFixture   *fixture,
               gconstpointer  data)
{
  g_assert_finalize_object (fixture->plan);
  g_clear_object (&fixture->report);
  fixture_teardown (&fixture->lab, NULL);
}

static const StiMandatoryRecord *
record (PlanFixture *fixture,
        const char  *id)
{
  const StiMandatoryRecord *found = sti_mandatory_plan_find_record (fixture->plan, id);

  if (found == NULL)
    g_error ("no record %s", id);
  return found;
}

/* The SHA-256 of the lab leaf's (or issuer's) key, as sti-certificate computes it,
 * in the upper-case hex of DNS presentation form. */
static char *
lab_spki (PlanFixture *fixture,
          const char  *host,
          guint        position)
{
  g_autoptr(GPtrArray) chain = sti_lab_dup_chain (fixture->lab.lab, host);
  g_autoptr(StiCertificate) cert = NULL;

  g_assert_nonnull (chain);
  g_assert_cmpuint (chain->len, >, position);
  cert = sti_certificate_new_from_der (g_ptr_array_index (chain, position), NULL);
  g_assert_nonnull (cert);
  return g_ascii_strup (sti_certificate_get_spki_sha256 (cert), -1);
}

static gboolean
section_says (StiMandatorySection *section,
              GPtrArray           *texts,
              const char          *needle)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* Two valid MX hosts, nothing published: the whole plan, from testing. */
static void
test_valid (PlanFixture   *fixture,
            gconstpointer  data)
{
  const char * const hosts[] = { "mx1.valid.lab.test", "mx2.valid.lab.test", NULL };
  const StiMandatoryRecord *testing = NULL;
  const StiMandatoryRecord *enforce = NULL;
  const StiMandatoryRecord *sts = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) policy = NULL;
  StiMandatorySection *tls_rpt;

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);
  g_assert_cmpuint (sti_mandatory_plan_get_blockers (fixture->plan)->len, ==, 0);
  g_assert_cmpstrv (sti_mandatory_plan_get_mx_hosts (fixture->plan), hosts);

  /* The testing policy names every MX host, parses, and its record's id
   * is its own */
  testing = record (fixture, "mta-sts-policy-testing");
  g_assert_cmpint (testing->change, ==, STI_MANDATORY_CHANGE_ADD);
  g_assert_nonnull (strstr (testing->text, "mode: testing\n"));
  g_assert_nonnull (strstr (testing->text, "mx: mx1.valid.lab.test\n"));
  g_assert_nonnull (strstr (testing->text, "mx: mx2.valid.lab.test\n"));
  body = g_bytes_new (testing->text, strlen (testing->text));
  policy = sti_mta_sts_policy_parse (body, findings);
  g_assert_nonnull (policy);
  /* Only the note that it is a testing policy, which it is meant to be */
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (sti_finding_get_id (g_ptr_array_index (findings, 0)), ==,
                   "mta-sts-mode-testing");
  g_assert_cmpint (policy->max_age, ==, 86400);
  g_assert_cmpstrv (policy->mx, hosts);

  enforce = record (fixture, "mta-sts-policy-enforce");
  g_assert_nonnull (strstr (enforce->text, "mode: enforce\n"));
  g_assert_nonnull (strstr (enforce->text, "max_age: 604800\n"));

  /* The ids differ: a new policy, a new id */
  sts = record (fixture, "mta-sts-record-testing");
  g_assert_true (g_str_has_prefix (sts->text, "_mta-sts.valid.lab.test. IN TXT \"v=STSv1; id="));
  g_assert_cmpstr (sts->text, !=, record (fixture, "mta-sts-record-enforce")->text);
  g_assert_cmpuint (strlen (sts->text), ==, strlen ("_mta-sts.valid.lab.test. IN TXT \"v=STSv1; "
                                                     "id=\"") + 20);

  /* A placeholder address, said to be one */
  tls_rpt = sti_mandatory_plan_find_section (fixture->plan, "tls-rpt");
  g_assert_true (g_str_has_prefix (record (fixture, "tls-rpt-record")->text,
                                   "_smtp._tls.valid.lab.test. IN TXT \"v=TLSRPTv1; "
                                   "rua=mailto:"));
  g_assert_true (section_says (tls_rpt, tls_rpt->warnings, "placeholder"));

  /* TLSA: the SHA-256 of each lab leaf's key, and of the issuing CA's */
  for (guint i = 0; hosts[i] != NULL; i++)
    {
      g_autofree char *leaf = lab_spki (fixture, hosts[i], 0);
      g_autofree char *issuer = lab_spki (fixture, hosts[i], 1);
      g_autofree char *ee_id = g_strdup_printf ("tlsa-3-1-1:%s", hosts[i]);
      g_autofree char *ta_id = g_strdup_printf ("tlsa-2-1-1:%s", hosts[i]);
      g_autofree char *ee = g_strdup_printf ("_25._tcp.%s. IN TLSA 3 1 1 %s", hosts[i], leaf);
      g_autofree char *ta = g_strdup_printf ("_25._tcp.%s. IN TLSA 2 1 1 %s", hosts[i], issuer);

      g_assert_cmpstr (record (fixture, ee_id)->text, ==, ee);
      g_assert_cmpstr (record (fixture, ta_id)->text, ==, ta);
      g_assert_cmpint (record (fixture, ee_id)->change, ==, STI_MANDATORY_CHANGE_ADD);
    }
}

/* The lab's DANE scenario publishes signed TLSA records: the ones made
 * here are the same, and are kept. */
static void
test_dane (PlanFixture   *fixture,
           gconstpointer  data)
{
  g_auto(GStrv) zone = sti_lab_dup_zone_data (fixture->lab.lab);
  StiMandatorySection *dane;
  guint compared = 0;

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);

  for (guint i = 0; zone[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      g_autofree char *ours_id = NULL;
      g_autofree char *published = NULL;
      g_autofree char *ours_text = NULL;
      g_autofree char *published_text = NULL;
      const StiMandatoryRecord *ours;

      if (!g_str_has_prefix (zone[i], "_25._tcp.mx1.dane.lab.test."))
        continue;
      /* "_25._tcp.mx1.dane.lab.test. 300 IN TLSA 3 1 1 <hex>": drop the TTL */
      parts = g_strsplit (zone[i], " ", -1);
      g_assert_cmpuint (g_strv_length (parts), ==, 8);
      published = g_strdup_printf ("%s %s %s %s %s %s %s", parts[0], parts[2], parts[3], parts[4],
                                   parts[5], parts[6], parts[7]);
      ours_id = g_strdup_printf ("tlsa-%s-1-1:mx1.dane.lab.test", parts[4]);
      ours = record (fixture, ours_id);
      /* The same record: names and hex digits are case-insensitive */
      ours_text = g_ascii_strdown (ours->text, -1);
      published_text = g_ascii_strdown (published, -1);
      g_assert_cmpstr (ours_text, ==, published_text);
      g_assert_cmpint (ours->change, ==, STI_MANDATORY_CHANGE_KEEP);
      compared++;
    }
  g_assert_cmpuint (compared, ==, 2);

  /* Signed: no DNSSEC warning; the rollover is there */
  dane = sti_mandatory_plan_find_section (fixture->plan, "dane");
  g_assert_cmpuint (dane->warnings->len, ==, 0);
  g_assert_true (section_says (dane, dane->steps, "signed with DNSSEC"));
  g_assert_true (section_says (dane, dane->steps, "beside the current one"));
}

/* A TLSA record for an old key: remove it, add the right one. */
static void
test_dane_stale (PlanFixture   *fixture,
                 gconstpointer  data)
{
  StiMandatorySection *dane = sti_mandatory_plan_find_section (fixture->plan, "dane");
  g_autofree char *leaf = lab_spki (fixture, "mx1.dane-stale.lab.test", 0);
  const StiMandatoryRecord *stale = record (fixture, "tlsa-published-0:mx1.dane-stale.lab.test");
  g_autofree char *stale_text = g_ascii_strup (stale->text, -1);
  g_autofree char *stale_lower = g_ascii_strdown (stale->text, -1);

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);
  g_assert_cmpint (stale->change, ==, STI_MANDATORY_CHANGE_REMOVE);
  g_assert_true (g_str_has_prefix (stale->text, "_25._tcp.mx1.dane-stale.lab.test. IN TLSA 3 1 1 "));
  g_assert_null (strstr (stale_lower, leaf));
  g_assert_cmpint (record (fixture, "tlsa-3-1-1:mx1.dane-stale.lab.test")->change, ==,
                   STI_MANDATORY_CHANGE_ADD);
  g_assert_nonnull (dane);
}

/* TLSA records in an unsigned zone: the DNSSEC prerequisite is said. */
static void
test_dane_unsigned (PlanFixture   *fixture,
                    gconstpointer  data)
{
  StiMandatorySection *dane = sti_mandatory_plan_find_section (fixture->plan, "dane");

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);
  g_assert_true (section_says (dane, dane->warnings, "not signed with DNSSEC"));
}

/* MTA-STS enforced and right: keep what is published. */
static void
test_mta_sts_kept (PlanFixture   *fixture,
                   gconstpointer  data)
{
  const StiMandatoryRecord *policy = record (fixture, "mta-sts-policy-enforce");
  const StiMandatoryRecord *sts = record (fixture, "mta-sts-record-enforce");

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);
  g_assert_null (sti_mandatory_plan_find_record (fixture->plan, "mta-sts-policy-testing"));
  g_assert_cmpint (policy->change, ==, STI_MANDATORY_CHANGE_KEEP);
  g_assert_cmpint (sts->change, ==, STI_MANDATORY_CHANGE_KEEP);
  g_assert_cmpstr (sts->text, ==, "_mta-sts.mta-sts.lab.test. IN TXT \"v=STSv1; id=20261128\"");
}

/* An enforced policy without the MX host: replace it, still enforced. */
static void
test_mta_sts_mx_missing (PlanFixture   *fixture,
                         gconstpointer  data)
{
  const StiMandatoryRecord *policy = record (fixture, "mta-sts-policy-enforce");

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_READY);
  g_assert_null (sti_mandatory_plan_find_record (fixture->plan, "mta-sts-policy-testing"));
  g_assert_cmpint (policy->change, ==, STI_MANDATORY_CHANGE_REPLACE);
  g_assert_nonnull (policy->current);
  g_assert_nonnull (strstr (policy->text, "mx: mx1.mta-sts-mx-missing.lab.test\n"));
  g_assert_null (strstr (policy->current, "mx: mx1.mta-sts-mx-missing.lab.test\n"));
}

/* A failing MX host: what to fix first, and no record at all. */
static void
test_fix_first (PlanFixture   *fixture,
                gconstpointer  data)
{
  const char *expected = strchr (data, '/') + 1;
  GPtrArray *blockers = sti_mandatory_plan_get_blockers (fixture->plan);
  const StiMandatoryBlocker *blocker;

  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_FIX_FIRST);
  g_assert_cmpuint (sti_mandatory_plan_get_sections (fixture->plan)->len, ==, 0);
  g_assert_cmpuint (blockers->len, ==, 1);
  blocker = g_ptr_array_index (blockers, 0);
  g_assert_cmpstr (blocker->finding_id, ==, expected);
  g_assert_nonnull (blocker->problem);
  g_assert_nonnull (blocker->action);
  if (!g_str_equal (expected, "null-mx"))
    g_assert_true (g_str_has_prefix (blocker->host, "mx1."));
}

/* A server that turns the check away for now: check again. */
static void
test_incomplete (PlanFixture   *fixture,
                 gconstpointer  data)
{
  g_assert_cmpint (sti_mandatory_plan_get_status (fixture->plan), ==, STI_MANDATORY_INCOMPLETE);
  g_assert_cmpuint (sti_mandatory_plan_get_sections (fixture->plan)->len, ==, 0);
}

static void
test_json (PlanFixture   *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonNode) node = sti_mandatory_plan_to_json (fixture->plan);
  JsonObject *root = json_node_get_object (node);
  JsonArray *sections = json_object_get_array_member (root, "sections");
  JsonObject *first = json_array_get_object_element (sections, 0);
  JsonObject *policy = json_array_get_object_element (json_object_get_array_member (first,
                                                                                    "records"), 0);

  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "valid.lab.test");
  g_assert_cmpuint (json_array_get_length (sections), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "mta-sts");
  g_assert_cmpstr (json_object_get_string_member (policy, "id"), ==, "mta-sts-policy-testing");
  g_assert_cmpstr (json_object_get_string_member (policy, "change"), ==, "add");
  g_assert_true (json_object_get_null_member (policy, "current"));
}

#define PLAN_TEST(path, domain, func) \
  g_test_add (path, PlanFixture, domain, plan_setup, func, plan_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  PLAN_TEST ("/sti/mandatory-plan/valid", "valid.lab.test", test_valid);
  PLAN_TEST ("/sti/mandatory-plan/json", "valid.lab.test", test_json);
  PLAN_TEST ("/sti/mandatory-plan/dane", "dane.lab.test", test_dane);
  PLAN_TEST ("/sti/mandatory-plan/dane-stale", "dane-stale.lab.test", test_dane_stale);
  PLAN_TEST ("/sti/mandatory-plan/dane-unsigned", "dane-unsigned.lab.test", test_dane_unsigned);
  PLAN_TEST ("/sti/mandatory-plan/mta-sts-kept", "mta-sts.lab.test", test_mta_sts_kept);
  PLAN_TEST ("/sti/mandatory-plan/mta-sts-mx-missing", "mta-sts-mx-missing.lab.test",
             test_mta_sts_mx_missing);
  /* The finding each blocker names follows the domain: "domain/finding". */
  PLAN_TEST ("/sti/mandatory-plan/expired", "expired.lab.test/cert-expired", test_fix_first);
  PLAN_TEST ("/sti/mandatory-plan/no-starttls", "no-starttls.lab.test/starttls-not-offered",
             test_fix_first);
  PLAN_TEST ("/sti/mandatory-plan/name-mismatch", "name-mismatch.lab.test/cert-name-mismatch",
             test_fix_first);
  PLAN_TEST ("/sti/mandatory-plan/null-mx", "null-mx.lab.test/null-mx", test_fix_first);
  PLAN_TEST ("/sti/mandatory-plan/greeting-421", "greeting-421.lab.test", test_incomplete);

  return g_test_run ();
}
