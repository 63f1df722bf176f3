/* test-survey-summary.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-policy-map.h"
#include "sti-readiness.h"
#include "sti-report-json.h"
#include "sti-survey-summary.h"
#include "sti-survey-html.h"
#include "sti-survey-item.h"
#include "sti-verdict.h"

#include <string.h>

static GPtrArray *reports;

static void
check_lab (void)
{
  Fixture fixture;
  guint n;
  const StiLabScenario *scenarios = sti_lab_get_scenarios (&n);

  fixture_setup (&fixture, NULL);
  reports = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (reports, run_check (&fixture, scenarios[i].domain));
  fixture_teardown (&fixture, NULL);
}

/* What each demo-lab domain should get in the policy map, worked out from
 * the scenario table (app/lab/sti-lab-scenarios.c), not from the code. */
static const struct
{
  const char *domain;
  const char *entry;  /* NULL: comment only, not judged */
} expected_entries[] = {
  { "valid.lab.test", "valid.lab.test secure match=.valid.lab.test" },
  { "expired.lab.test", "expired.lab.test encrypt" },
  { "not-yet-valid.lab.test", "not-yet-valid.lab.test encrypt" },
  { "self-signed.lab.test", "self-signed.lab.test encrypt" },
  { "untrusted-ca.lab.test", "untrusted-ca.lab.test encrypt" },
  { "missing-intermediate.lab.test", "missing-intermediate.lab.test encrypt" },
  /* the order is a warning: senders reorder */
  { "wrong-order.lab.test", "wrong-order.lab.test secure match=.wrong-order.lab.test" },
  { "name-mismatch.lab.test", "name-mismatch.lab.test encrypt" },
  { "weak-key.lab.test", "weak-key.lab.test encrypt" },
  { "sha1.lab.test", "sha1.lab.test encrypt" },
  { "no-starttls.lab.test", "no-starttls.lab.test may" },
  { "starttls-refused.lab.test", "starttls-refused.lab.test may" },
  { "greeting-421.lab.test", NULL },
  /* two of three answer, both valid */
  { "one-mx-down.lab.test", "one-mx-down.lab.test secure match=.one-mx-down.lab.test" },
  { "null-mx.lab.test", NULL },
  /* the implicit MX is the domain itself */
  { "no-mx.lab.test", "no-mx.lab.test secure match=no-mx.lab.test" },
  { "ipv6-only.lab.test", "ipv6-only.lab.test secure match=.ipv6-only.lab.test" },
  { "injection.lab.test", "injection.lab.test secure match=.injection.lab.test" },
  { "hostile.lab.test", "hostile.lab.test secure match=.hostile.lab.test" },
  { "expiring-soon.lab.test", "expiring-soon.lab.test secure match=.expiring-soon.lab.test" },
  { "not-for-server-auth.lab.test", "not-for-server-auth.lab.test encrypt" },
  { "must-staple.lab.test", "must-staple.lab.test secure match=.must-staple.lab.test" },
  { "revoked.lab.test", "revoked.lab.test encrypt" },
  /* TLS 1.1 only: OpenSSL 3 senders fail the handshake */
  { "old-tls.lab.test", "old-tls.lab.test may" },
  { "no-forward-secrecy.lab.test",
    "no-forward-secrecy.lab.test secure match=.no-forward-secrecy.lab.test" },
  { "mta-sts.lab.test", "mta-sts.lab.test secure match=.mta-sts.lab.test" },
  /* Postfix without an MTA-STS resolver: "secure" still delivers */
  { "mta-sts-mx-missing.lab.test",
    "mta-sts-mx-missing.lab.test secure match=.mta-sts-mx-missing.lab.test" },
  { "mta-sts-bad-cert.lab.test", "mta-sts-bad-cert.lab.test secure match=.mta-sts-bad-cert.lab.test" },
  { "mta-sts-redirect.lab.test", "mta-sts-redirect.lab.test secure match=.mta-sts-redirect.lab.test" },
  { "dane.lab.test", "dane.lab.test dane-only" },
  { "dane-stale.lab.test", "dane-stale.lab.test secure match=.dane-stale.lab.test" },
  { "dane-unsigned.lab.test", "dane-unsigned.lab.test secure match=.dane-unsigned.lab.test" },
  { "dnssec-bogus.lab.test", NULL },
  { "mta-sts-two-mx.lab.test", "mta-sts-two-mx.lab.test secure match=.mta-sts-two-mx.lab.test" },
  /* Postfix sends no SNI and gets the default certificate */
  { "sni.lab.test", "sni.lab.test encrypt" },
  { "connection-limit.lab.test", "connection-limit.lab.test secure match=.connection-limit.lab.test" },
};

static StiSurveySummary *
summarize_lab (void)
{
  StiSurveySummary *summary = sti_survey_summary_new ();

  for (guint i = 0; i < reports->len; i++)
    sti_survey_summary_add (summary, g_ptr_array_index (reports, i), 0, NULL);

  return summary;
}

static void
test_summary_new_destroy (void)
{
  StiSurveySummary *summary = sti_survey_summary_new ();
  g_autofree char *text = sti_survey_summary_to_text (summary);

  g_assert_nonnull (strstr (text, "Survey of 0 domains"));
  g_assert_finalize_object (summary);
}

/* Every figure of a survey of the demo lab, counted by hand from the
 * scenario table. */
static void
test_summary_figures (void)
{
  g_autoptr(StiSurveySummary) summary = summarize_lab ();
  const StiSurveyFigures *f = sti_survey_summary_get_figures (summary);
  g_autoptr(GPtrArray) versions = sti_survey_summary_dup_tls_versions (summary);
  g_autoptr(GPtrArray) top = sti_survey_summary_dup_top_findings (summary, 15);
  guint n;

  sti_lab_get_scenarios (&n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_entries));

  g_assert_cmpuint (f->domains, ==, 36);
  g_assert_cmpuint (f->messages, ==, 36);
  g_assert_false (f->weighted);
  /* valid 2, one-mx-down 3, mta-sts-two-mx 2, null-mx and dnssec-bogus
   * none, the 31 others one each; one address per host */
  g_assert_cmpuint (f->mx_hosts, ==, 38);
  g_assert_cmpuint (f->addresses, ==, 38);

  /* null-mx and dnssec-bogus have nothing to probe; greeting-421 stops
   * before STARTTLS, which is not "no STARTTLS" */
  g_assert_cmpuint (f->domains_by_reach[STI_REACH_ANSWERED], ==, 33);
  g_assert_cmpuint (f->domains_by_reach[STI_REACH_NO_MAIL_SERVER], ==, 2);
  g_assert_cmpuint (f->domains_by_reach[STI_REACH_UNREACHABLE], ==, 0);
  g_assert_cmpuint (f->domains_by_reach[STI_REACH_TEMPORARY], ==, 1);

  /* one-mx-down's second host is down; greeting-421 answers 421 */
  g_assert_cmpuint (f->addr_unreachable, ==, 1);
  g_assert_cmpuint (f->addr_temporary, ==, 1);
  g_assert_cmpuint (f->addr_answered, ==, 36);
  /* all but no-starttls offer it; starttls-refused then refuses it */
  g_assert_cmpuint (f->addr_starttls, ==, 35);
  g_assert_cmpuint (f->addr_tls, ==, 34);
  /* expired, not-yet-valid, self-signed, untrusted-ca, missing-intermediate,
   * name-mismatch, weak-key, sha1, not-for-server-auth, revoked: 10 fail */
  g_assert_cmpuint (f->addr_verified, ==, 24);
  g_assert_cmpuint (f->addr_names_match, ==, 33);

  /* no-forward-secrecy speaks TLS 1.2, old-tls 1.1, the rest 1.3 */
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((StiSurveyCount *)g_ptr_array_index (versions, 0))->key, ==, "TLS1.3");
  g_assert_cmpuint (((StiSurveyCount *)g_ptr_array_index (versions, 0))->count, ==, 32);
  g_assert_cmpstr (((StiSurveyCount *)g_ptr_array_index (versions, 1))->key, ==, "TLS1.2");
  g_assert_cmpuint (((StiSurveyCount *)g_ptr_array_index (versions, 1))->count, ==, 1);
  g_assert_cmpstr (((StiSurveyCount *)g_ptr_array_index (versions, 2))->key, ==, "TLS1.1");
  g_assert_cmpuint (((StiSurveyCount *)g_ptr_array_index (versions, 2))->count, ==, 1);

  /* mta-sts and mta-sts-two-mx enforce; mx-missing, bad-cert and redirect
   * publish a policy that does not work */
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_ENFORCE], ==, 2);
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_BROKEN], ==, 3);
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_TESTING], ==, 0);
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_NONE], ==, 31);
  /* dane, dane-stale and dane-unsigned publish TLSA; only dane matches
   * with DNSSEC */
  g_assert_cmpuint (f->dane_published, ==, 3);
  g_assert_cmpuint (f->dane_valid, ==, 1);
  g_assert_cmpuint (f->tls_rpt, ==, 0);
  /* the lab zone is signed, but for dane-unsigned and dnssec-bogus */
  g_assert_cmpuint (f->dnssec, ==, 34);

  /* Readiness, of the 33 judged: encrypt loses no-starttls,
   * starttls-refused and old-tls; verify loses the 10 certificate
   * scenarios above and sni; MTA-STS holds for its 2; DANE for dane. */
  g_assert_cmpuint (f->ready_domains[STI_READINESS_OPPORTUNISTIC], ==, 33);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_ENCRYPT], ==, 30);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_VERIFY], ==, 19);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_MTA_STS], ==, 2);
  g_assert_cmpuint (f->ready_domains[STI_READINESS_DANE], ==, 1);
  for (guint level = 0; level < STI_READINESS_N_LEVELS; level++)
    g_assert_cmpuint (f->ready_messages[level], ==, f->ready_domains[level]);

  /* Every scenario's finding occurs in one domain: 15 of them, by id, with
   * the registry's title */
  g_assert_cmpuint (top->len, ==, 15);
  g_assert_cmpstr (((StiSurveyCount *)g_ptr_array_index (top, 0))->key, ==,
                   "cert-differs-without-sni");
  g_assert_cmpuint (((StiSurveyCount *)g_ptr_array_index (top, 1))->count, ==, 1);
  g_assert_cmpstr (((StiSurveyCount *)g_ptr_array_index (top, 1))->label, ==,
                   "Certificate expired");
}

static void
test_summary_text (void)
{
  g_autoptr(StiSurveySummary) summary = summarize_lab ();
  g_autofree char *text = sti_survey_summary_to_text (summary);

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Survey of 36 domains"));
  g_assert_nonnull (strstr (text, "Offer STARTTLS: 35 of 36 (97.2 %)"));
  g_assert_nonnull (strstr (text, "72.0 %"));
  g_assert_nonnull (strstr (text, "Stopped before STARTTLS (421, greylisting, tarpit): 1"));
  g_assert_nonnull (strstr (text, "Verify MX name: 19 of 33 (57.6 %)"));
  g_assert_nonnull (strstr (text, "DANE: 1 of 33 (3.0 %)"));
  g_assert_nonnull (strstr (text, "Certificate expired (cert-expired)"));
  /* no weights, no Postfix log: neither section */
  g_assert_null (strstr (text, "messages:"));
  g_assert_null (strstr (text, "Postfix logged"));
}

static gint64
member_int (JsonObject *object,
            const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i + 1] != NULL; i++)
    object = json_object_get_object_member (object, parts[i]);
  return json_object_get_int_member (object, parts[g_strv_length (parts) - 1]);
}

static void
test_summary_json (void)
{
  g_autoptr(StiSurveySummary) summary = summarize_lab ();
  g_autoptr(JsonNode) root = sti_survey_summary_to_json (summary);
  JsonObject *object = json_node_get_object (root);
  JsonArray *readiness = json_object_get_array_member (object, "readiness");
  JsonObject *verify;

  g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==,
                   STI_SURVEY_SUMMARY_SCHEMA_NAME);
  g_assert_cmpint (member_int (object, "domains"), ==, 36);
  g_assert_cmpint (member_int (object, "addresses"), ==, 38);
  g_assert_cmpint (member_int (object, "domain_outcomes.temporary"), ==, 1);
  g_assert_cmpint (member_int (object, "addresses_outcomes.unreachable"), ==, 1);
  g_assert_cmpint (member_int (object, "starttls.count"), ==, 35);
  g_assert_cmpint (member_int (object, "starttls.of"), ==, 36);
  g_assert_cmpint (member_int (object, "certificate_verified.count"), ==, 24);
  g_assert_cmpint (member_int (object, "policies.mta_sts.enforce"), ==, 2);
  g_assert_cmpint (member_int (object, "policies.dane_valid"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "top_findings")),
                    ==, 15);
  g_assert_cmpuint (json_array_get_length (readiness), ==, STI_READINESS_N_LEVELS);
  verify = json_array_get_object_element (readiness, STI_READINESS_VERIFY);
  g_assert_cmpstr (json_object_get_string_member (verify, "level"), ==, "verify");
  g_assert_cmpint (member_int (verify, "domains.count"), ==, 19);
  g_assert_cmpint (member_int (verify, "domains.of"), ==, 33);
}

static StiDomainReport *
lab_report (const char *domain)
{
  for (guint i = 0; i < reports->len; i++)
    if (g_str_equal (sti_domain_report_get_domain (g_ptr_array_index (reports, i)), domain))
      return g_ptr_array_index (reports, i);

  g_assert_not_reached ();
}

/* A domain whose _mta-sts lookup timed out is "not known", never counted
 * as publishing no policy: a survey must not claim an absence it did not
 * see. */
static void
test_summary_lookup_failed (void)
{
  g_autoptr(JsonNode) root = sti_report_to_json (lab_report ("valid.lab.test"));
  JsonArray *evidence = json_object_get_array_member (json_node_get_object (root),
                                                      "dns_evidence");
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(StiSurveySummary) summary = sti_survey_summary_new ();
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *text = NULL;
  StiSurveyItem *item = sti_survey_item_new ("valid.lab.test");
  const StiSurveyFigures *f;
  gboolean changed = FALSE;

  for (guint i = 0; i < json_array_get_length (evidence); i++)
    {
      JsonObject *answer = json_array_get_object_element (evidence, i);

      if (g_str_equal (json_object_get_string_member (answer, "qname"),
                       "_mta-sts.valid.lab.test"))
        {
          json_object_set_string_member (answer, "result", "timeout");
          changed = TRUE;
        }
    }
  g_assert_true (changed);
  report = sti_report_from_json (root, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sti_verdict_get_mta_sts_state (report), ==, STI_MTA_STS_STATE_UNKNOWN);
  sentence = sti_verdict_dup_policy_sentence (report);
  g_assert_nonnull (strstr (sentence, "is not known"));

  sti_survey_summary_add (summary, report, 0, NULL);
  f = sti_survey_summary_get_figures (summary);
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_UNKNOWN], ==, 1);
  g_assert_cmpuint (f->mta_sts[STI_MTA_STS_STATE_NONE], ==, 0);
  json = sti_survey_summary_to_json (summary);
  g_assert_cmpint (member_int (json_node_get_object (json), "policies.mta_sts.unknown"), ==, 1);
  g_assert_cmpint (member_int (json_node_get_object (json), "policies.mta_sts.none"), ==, 0);
  text = sti_survey_summary_to_text (summary);
  g_assert_nonnull (strstr (text, "MTA-STS not known: the lookup of its record failed"));

  sti_survey_item_set_report (item, report);
  g_assert_cmpstr (sti_survey_item_get_policies_text (item), ==, "MTA-STS unknown");
  g_assert_finalize_object (item);
}

/* A Postfix log weights the domains by messages, and says what Postfix
 * logged for each. */
static void
test_summary_weights (void)
{
  g_autoptr(StiSurveySummary) summary = sti_survey_summary_new ();
  const StiSurveyFigures *f = sti_survey_summary_get_figures (summary);
  g_autofree char *text = NULL;

  sti_survey_summary_add (summary, lab_report ("valid.lab.test"), 90, "Verified");
  sti_survey_summary_add (summary, lab_report ("expired.lab.test"), 8, "Untrusted");
  sti_survey_summary_add (summary, lab_report ("no-starttls.lab.test"), 2, NULL);
  sti_survey_summary_add (summary, lab_report ("self-signed.lab.test"), 0, "Trusted");

  g_assert_true (f->weighted);
  g_assert_cmpuint (f->messages, ==, 101);
  g_assert_cmpuint (f->ready_messages[STI_READINESS_OPPORTUNISTIC], ==, 101);
  g_assert_cmpuint (f->ready_messages[STI_READINESS_ENCRYPT], ==, 99);
  g_assert_cmpuint (f->ready_messages[STI_READINESS_VERIFY], ==, 90);
  g_assert_cmpuint (f->postfix_domains[STI_POSTFIX_TLS_VERIFIED][STI_SURVEY_OURS_VERIFIED], ==, 1);
  g_assert_cmpuint (f->postfix_messages[STI_POSTFIX_TLS_UNTRUSTED][STI_SURVEY_OURS_ENCRYPTED], ==,
                    8);
  /* Postfix trusted the chain where we found none that verifies */
  g_assert_cmpuint (f->postfix_domains[STI_POSTFIX_TLS_TRUSTED][STI_SURVEY_OURS_ENCRYPTED], ==, 1);

  text = sti_survey_summary_to_text (summary);
  g_assert_nonnull (strstr (text, "messages: 89.1 %"));
  g_assert_nonnull (strstr (text, "Verified → verified certificate: 1"));
}

static char *
entry_line (StiDomainReport *report)
{
  g_autofree char *entry = sti_policy_map_dup_entry (report);
  g_auto(GStrv) lines = g_strsplit (entry, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_false (g_ascii_isspace (lines[i][0]));
      if (lines[i][0] != '#' && lines[i][0] != '\0')
        return g_strdup (lines[i]);
    }

  return NULL;
}

static void
test_policy_map_levels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_entries); i++)
    {
      g_autofree char *line = entry_line (lab_report (expected_entries[i].domain));

      g_assert_cmpstr (line, ==, expected_entries[i].entry);
    }
}

/* The lines say why, and what a domain that fails at "encrypt" lacks. */
static void
test_policy_map_reasons (void)
{
  g_autofree char *may = sti_policy_map_dup_entry (lab_report ("no-starttls.lab.test"));
  g_autofree char *encrypt = sti_policy_map_dup_entry (lab_report ("expired.lab.test"));
  g_autofree char *partial = sti_policy_map_dup_entry (lab_report ("one-mx-down.lab.test"));
  g_autofree char *temporary = sti_policy_map_dup_entry (lab_report ("greeting-421.lab.test"));

  g_assert_true (g_str_has_prefix (may, "# no-starttls.lab.test: would fail at \"encrypt\""));
  g_assert_nonnull (strstr (may, "does not offer STARTTLS"));
  g_assert_nonnull (strstr (encrypt, "the certificate has expired"));
  /* the address that is down is not judged, so both that answered pass */
  g_assert_null (strstr (partial, "# Only"));
  g_assert_true (g_str_has_prefix (temporary, "# greeting-421.lab.test:"));
  g_assert_nonnull (strstr (temporary, "421"));
}

/* A streamed table and a table as one string are the same file, and
 * every line is a comment or "key value". */
static void
test_policy_map_stream (void)
{
  g_autoptr(StiPolicyMap) map = sti_policy_map_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(StiPolicyMap) streamed = sti_policy_map_new_for_stream (stream);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < reports->len; i++)
    {
      sti_policy_map_add (map, g_ptr_array_index (reports, i));
      sti_policy_map_add (streamed, g_ptr_array_index (reports, i));
    }
  g_assert_true (sti_policy_map_finish (streamed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  text = sti_policy_map_to_string (map);
  written = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                       g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  g_assert_cmpstr (text, ==, written);
  g_assert_nonnull (strstr (text, "dane-only 1, secure 18, encrypt 11, may 3 (would fail at "
                                  "encrypt), not judged 3."));

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], " ", -1);
      g_assert_cmpuint (g_strv_length (fields), >=, 2);
      g_assert_true (g_str_has_suffix (fields[0], ".lab.test"));
    }
}

/* A report whose domain is not a DNS name (from a hostile results file)
 * never becomes a key, and cannot break a comment line. */
static void
test_policy_map_hostile (void)
{
  g_autoptr(JsonNode) root = sti_report_to_json (lab_report ("valid.lab.test"));
  g_autoptr(StiDomainReport) hostile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *match = NULL;

  json_object_set_string_member (json_node_get_object (root), "domain",
                                 "evil.example\nexample.org none");
  hostile = sti_report_from_json (root, &error);
  if (hostile == NULL)
    {
      /* the loader refuses it already: nothing can reach the table */
      g_assert_nonnull (error);
      return;
    }

  entry = sti_policy_map_dup_entry (hostile);
  g_assert_true (g_str_has_prefix (entry, "# "));
  g_assert_null (strstr (entry, "\nexample.org"));
  g_assert_cmpuint (strlen (entry), ==, strcspn (entry, "\n") + 1);
}

/* Every element opened is closed, in order (the void ones aside): a
 * "well-formed-ish" check that catches a broken template. */
static void
assert_balanced (const char *html)
{
  static const char * const voids[] = { "meta", "br", "rect", "!DOCTYPE", "hr", NULL };
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      gboolean closing = p[1] == '/';
      const char *name = p + (closing ? 2 : 1);
      gsize len = strcspn (name, " >/\n");
      g_autofree char *tag = g_strndup (name, len);
      const char *end = strchr (p, '>');

      g_assert_nonnull (end);
      if (g_strv_contains (voids, tag) || end[-1] == '/')
        continue;
      if (!closing)
        {
          g_ptr_array_add (stack, g_steal_pointer (&tag));
          continue;
        }
      g_assert_cmpuint (stack->len, >, 0);
      g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, tag);
      g_ptr_array_remove_index (stack, stack->len - 1);
    }
  g_assert_cmpuint (stack->len, ==, 0);
}

static void
assert_self_contained (const char *html)
{
  static const char * const external[] = { "src=", "href=", "url(", "@import", "<script",
                                            "<link", "http:", "https:", NULL };

  for (guint i = 0; external[i] != NULL; i++)
    if (strstr (html, external[i]) != NULL)
      g_error ("the summary refers to something outside: %s", external[i]);
}

static void
test_html_lab (void)
{
  g_autoptr(StiSurveySummary) summary = summarize_lab ();
  g_autofree char *html = sti_survey_summary_to_html (summary);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "survey-summary-lab.html", NULL);

  g_file_set_contents (path, html, -1, NULL);
  g_test_message ("wrote %s", path);
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  assert_balanced (html);
  assert_self_contained (html);
  /* the charts are images with a text alternative that reads each bar */
  g_assert_nonnull (strstr (html, "<svg class=\"chart\" role=\"img\""));
  g_assert_nonnull (strstr (html, "<desc id=\"versions-desc\">TLS1.3: 32 of 34 (94.1 %)"));
  g_assert_nonnull (strstr (html, "Verify MX name: 19 of 33 (57.6 %)"));
  g_assert_nonnull (strstr (html, "Offered STARTTLS in 2015"));
  g_assert_nonnull (strstr (html, "Certificate expired"));
}

/* Text from a server (here a TLS version in a results file) is escaped. */
static void
test_html_hostile (void)
{
  g_autoptr(JsonNode) root = sti_report_to_json (lab_report ("valid.lab.test"));
  g_autoptr(StiSurveySummary) summary = sti_survey_summary_new ();
  g_autoptr(StiDomainReport) hostile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  JsonObject *host = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "hosts"), 0);
  JsonObject *endpoint = json_array_get_object_element (
    json_object_get_array_member (host, "endpoints"), 0);

  json_object_set_string_member (endpoint, "tls_version",
                                 "<script>alert(1)</script><img src=x onerror=1>&amp;");
  hostile = sti_report_from_json (root, &error);
  g_assert_no_error (error);
  sti_survey_summary_add (summary, hostile, 0, NULL);

  html = sti_survey_summary_to_html (summary);
  assert_balanced (html);
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

static void
test_policy_map_new_destroy (void)
{
  StiPolicyMap *map = sti_policy_map_new ();
  g_autofree char *text = sti_policy_map_to_string (map);

  g_assert_true (g_str_has_prefix (text, "# "));
  g_assert_nonnull (strstr (text, "not judged 0."));
  g_assert_finalize_object (map);
}

/* A row of the window's table: what it shows before and after its report. */
static void
test_item (void)
{
  StiSurveyItem *item = sti_survey_item_new ("one-mx-down.lab.test");
  StiSurveyItem *failed = sti_survey_item_new ("nowhere.example");
  StiSurveyItem *temporary = sti_survey_item_new ("greeting-421.lab.test");

  g_assert_false (sti_survey_item_get_done (item));
  g_assert_cmpint (sti_survey_item_get_readiness_level (item), ==, STI_SURVEY_ITEM_PENDING);

  sti_survey_item_set_report (item, lab_report ("one-mx-down.lab.test"));
  g_assert_true (sti_survey_item_get_done (item));
  g_assert_cmpuint (sti_survey_item_get_mx_count (item), ==, 3);
  /* the host that is down is not counted as without STARTTLS */
  g_assert_cmpstr (sti_survey_item_get_starttls_text (item), ==, "2 of 2");
  g_assert_cmpstr (sti_survey_item_get_verified_text (item), ==, "2 of 2");
  g_assert_cmpstr (sti_survey_item_get_policies_text (item), ==, "—");
  g_assert_cmpint (sti_survey_item_get_readiness_level (item), ==, STI_READINESS_VERIFY);
  g_assert_cmpstr (sti_survey_item_get_readiness_text (item), ==, "Verify MX name");

  sti_survey_item_set_report (temporary, lab_report ("greeting-421.lab.test"));
  g_assert_cmpint (sti_survey_item_get_readiness_level (temporary), ==,
                   STI_SURVEY_ITEM_NOT_JUDGED);
  g_assert_cmpstr (sti_survey_item_get_readiness_text (temporary), ==,
                   "Stopped before STARTTLS");
  g_assert_cmpstr (sti_survey_item_get_starttls_text (temporary), ==, "—");

  sti_survey_item_set_error (failed, "no such thing");
  g_assert_true (sti_survey_item_get_done (failed));
  g_assert_cmpint (sti_survey_item_get_readiness_level (failed), ==, STI_SURVEY_ITEM_FAILED);

  g_assert_finalize_object (item);
  g_assert_finalize_object (failed);
  g_assert_finalize_object (temporary);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  check_lab ();
  g_test_add_func ("/sti/survey-summary/new-destroy", test_summary_new_destroy);
  g_test_add_func ("/sti/survey-summary/figures", test_summary_figures);
  g_test_add_func ("/sti/survey-summary/text", test_summary_text);
  g_test_add_func ("/sti/survey-summary/json", test_summary_json);
  g_test_add_func ("/sti/survey-summary/weights", test_summary_weights);
  g_test_add_func ("/sti/survey-summary/lookup-failed", test_summary_lookup_failed);
  g_test_add_func ("/sti/survey-html/lab", test_html_lab);
  g_test_add_func ("/sti/survey-html/hostile", test_html_hostile);
  g_test_add_func ("/sti/survey-item/figures", test_item);
  g_test_add_func ("/sti/policy-map/new-destroy", test_policy_map_new_destroy);
  g_test_add_func ("/sti/policy-map/levels", test_policy_map_levels);
  g_test_add_func ("/sti/policy-map/reasons", test_policy_map_reasons);
  g_test_add_func ("/sti/policy-map/stream", test_policy_map_stream);
  g_test_add_func ("/sti/policy-map/hostile", test_policy_map_hostile);

  return g_test_run ();
}
