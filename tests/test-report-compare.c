/* test-report-compare.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-report-private.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-comparison-export.h"
#include "sti-report-json.h"

#include "lab-fixture.h"
#include "report-export-checks.h"

#include <json-glib/json-glib.h>

/* Before and after a fix. The lab cannot repair a server between two runs,
 * so the "after" report is the first run's JSON edited the way a fix would
 * change it: the expired certificate's finding removed, a new finding added
 * on the same endpoint, a later date. Loading the edited JSON goes through
 * the same validating loader the GUI and the CLI use. */

static JsonObject *
first_element (JsonObject *object,
               const char *member)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), 0);
}

static JsonObject *
first_endpoint (JsonNode *root)
{
  return first_element (first_element (json_node_get_object (root), "hosts"), "endpoints");
}

/* The "after" report: @old's JSON without @fixed_id, with @new_id added,
 * one day later, and with @domain when non-NULL. */
static StiDomainReport *
edited_report (StiDomainReport *old,
               const char      *fixed_id,
               const char      *new_id,
               const char      *domain)
{
  g_autofree char *json = sti_report_to_json_string (old, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_days (sti_domain_report_get_started_at (old), 1);
  g_autofree char *later_iso = g_date_time_format_iso8601 (later);
  g_autofree char *edited = NULL;
  JsonObject *report;
  JsonArray *findings;
  gboolean removed = FALSE;
  StiDomainReport *result;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (report, "started_at", later_iso);
  json_object_set_null_member (report, "finished_at");
  if (domain != NULL)
    {
      json_object_set_string_member (report, "domain", domain);
      json_object_set_string_member (report, "domain_unicode", domain);
    }

  findings = json_object_get_array_member (first_endpoint (json_parser_get_root (parser)),
                                           "findings");
  if (g_strcmp0 (fixed_id, "cert-expired") == 0)
    {
      /* A renewed certificate verifies. */
      json_object_set_boolean_member (first_endpoint (json_parser_get_root (parser)),
                                      "certificate_verified", TRUE);
    }
  for (guint i = 0; fixed_id != NULL && i < json_array_get_length (findings); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (findings, i),
                                                    "id"), fixed_id))
      {
        json_array_remove_element (findings, i);
        removed = TRUE;
        break;
      }
  g_assert_true (fixed_id == NULL || removed);

  if (new_id != NULL)
    {
      JsonObject *finding = json_object_new ();

      json_object_set_string_member (finding, "id", new_id);
      json_object_set_string_member (finding, "severity", "warning");
      json_object_set_object_member (finding, "params", json_object_new ());
      json_object_set_string_member (finding, "detail", "TLS 1.0 <b>offered</b> | `still`");
      json_array_add_object_element (findings, finding);
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  edited = json_generator_to_data (generator, NULL);
  result = sti_report_load_from_data (edited, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static guint
count_findings (StiDomainReport *report)
{
  g_autoptr(GPtrArray) all = sti_domain_report_collect_findings (report);

  return all->len;
}

static gboolean
entries_contain (GPtrArray  *entries,
                 const char *id)
{
  for (guint i = 0; i < entries->len; i++)
    {
      StiComparisonEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (sti_finding_get_id (entry->finding), id))
        return TRUE;
    }
  return FALSE;
}

/* STI_REPORT_SAMPLES=dir keeps the exports, to look at. */
static void
keep_sample (GBytes          *bytes,
             StiReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("STI_REPORT_SAMPLES") == NULL)
    return;
  name = g_strdup_printf ("comparison.%s", sti_report_format_get_extension (format));
  path = g_build_filename (g_getenv ("STI_REPORT_SAMPLES"), name, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Two real runs of the same domain: nothing fixed, nothing new. */
static void
test_same_twice (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(StiDomainReport) first = run_check (fixture, "expired.lab.test");
  g_autoptr(StiDomainReport) second = run_check (fixture, "expired.lab.test");
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  cmp = sti_report_compare (first, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_report_comparison_get_fixed (cmp)->len, ==, 0);
  g_assert_cmpuint (sti_report_comparison_get_new (cmp)->len, ==, 0);
  g_assert_cmpuint (sti_report_comparison_get_remaining (cmp)->len, ==, count_findings (second));
  g_assert_true (entries_contain (sti_report_comparison_get_remaining (cmp), "cert-expired"));
  g_assert_true (sti_report_comparison_get_old_report (cmp) == first);
  g_assert_true (sti_report_comparison_get_new_report (cmp) == second);

  summary = sti_report_comparison_dup_summary (cmp);
  g_assert_true (g_str_has_prefix (summary, "0 fixed, 0 new, "));

  /* The comparison holds the reports; freeing it lets them go. */
  g_clear_pointer (&cmp, sti_report_comparison_free);
  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&second));
}

/* A fix in between: cert-expired is fixed, a new finding appears, the rest
 * remains; every format says so. */
static void
test_fixed_between (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) before = run_check (fixture, "expired.lab.test");
  g_autoptr(StiDomainReport) after = edited_report (before, "cert-expired", "tls-version-obsolete",
                                                    NULL);
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *md_text = NULL;
  g_autofree char *pdf_words = NULL;
  StiComparisonEntry *fixed;
  StiComparisonEntry *added;
  StiEndpointReport *endpoint;
  JsonObject *root;
  const char *needles[] = { "Fixed (1)", "New (1)", "cert-expired", "tls-version-obsolete",
                            "TLS 1.0 <b>offered</b> | `still`", NULL };

  endpoint =
    sti_host_report_get_endpoints (sti_domain_report_get_hosts (before)->pdata[0])->pdata[0];

  cmp = sti_report_compare (before, after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_report_comparison_get_fixed (cmp)->len, ==, 1);
  g_assert_cmpuint (sti_report_comparison_get_new (cmp)->len, ==, 1);
  g_assert_cmpuint (sti_report_comparison_get_remaining (cmp)->len, ==,
                    count_findings (before) - 1);

  fixed = g_ptr_array_index (sti_report_comparison_get_fixed (cmp), 0);
  g_assert_cmpint (fixed->status, ==, STI_COMPARISON_FIXED);
  g_assert_cmpstr (sti_finding_get_id (fixed->finding), ==, "cert-expired");
  g_assert_cmpstr (fixed->host, ==, sti_endpoint_report_get_host (endpoint));
  g_assert_cmpstr (fixed->address, ==, sti_endpoint_report_get_address (endpoint));
  g_assert_null (fixed->old_finding);

  added = g_ptr_array_index (sti_report_comparison_get_new (cmp), 0);
  g_assert_cmpint (added->status, ==, STI_COMPARISON_NEW);
  g_assert_cmpstr (sti_finding_get_id (added->finding), ==, "tls-version-obsolete");
  g_assert_cmpstr (added->address, ==, sti_endpoint_report_get_address (endpoint));

  for (guint i = 0; i < sti_report_comparison_get_remaining (cmp)->len; i++)
    {
      StiComparisonEntry *entry = g_ptr_array_index (sti_report_comparison_get_remaining (cmp), i);

      g_assert_cmpint (entry->status, ==, STI_COMPARISON_REMAINING);
      g_assert_nonnull (entry->old_finding);
      g_assert_cmpstr (sti_finding_get_id (entry->old_finding), ==,
                       sti_finding_get_id (entry->finding));
    }

  /* Reversed, the same change reads the other way round. */
  {
    g_autoptr(StiReportComparison) reverse = sti_report_compare (after, before, &error);

    g_assert_no_error (error);
    g_assert_true (entries_contain (sti_report_comparison_get_fixed (reverse),
                                    "tls-version-obsolete"));
    g_assert_true (entries_contain (sti_report_comparison_get_new (reverse), "cert-expired"));
  }

  text = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  keep_sample (text, STI_REPORT_FORMAT_TEXT);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                  "1 fixed, 1 new, "));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                  "cert-expired"));

  md = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  keep_sample (md, STI_REPORT_FORMAT_MARKDOWN);
  md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  /* before/after, fixed, new, and remaining unless nothing remains */
  g_assert_cmpuint (check_markdown (md_text), ==,
                    3 + (sti_report_comparison_get_remaining (cmp)->len > 0));
  g_assert_nonnull (strstr (md_text, "TLS 1.0 \\<b\\>offered\\</b\\> \\| \\`still\\`"));
  check_markdown_rendered (md_text, needles);

  html = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_HTML, &error);
  g_assert_no_error (error);
  keep_sample (html, STI_REPORT_FORMAT_HTML);
  check_html (html, needles);

  json = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_JSON, &error);
  g_assert_no_error (error);
  keep_sample (json, STI_REPORT_FORMAT_JSON);
  json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, STI_COMPARISON_SCHEMA_NAME);
  g_assert_cmpint (json_object_get_int_member (root, "schema_version"), ==,
                   STI_COMPARISON_SCHEMA_VERSION);
  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "expired.lab.test");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "fixed")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first_element (root, "fixed"), "id"), ==,
                   "cert-expired");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "new")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "remaining")), ==,
                    count_findings (before) - 1);

  pdf = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_PDF, &error);
  g_assert_no_error (error);
  keep_sample (pdf, STI_REPORT_FORMAT_PDF);
  pdf_words = pdf_text (pdf);
  if (pdf_words == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (pdf_words, "expired.lab.test"));
  g_assert_nonnull (strstr (pdf_words, "Fixed (1)"));
  g_assert_nonnull (strstr (pdf_words, "cert-expired"));
  g_assert_nonnull (strstr (pdf_words, "Page 1 of 1"));
}

/* Reports of two different domains are refused with a clear message. */
static void
test_other_domain (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(StiDomainReport) before = run_check (fixture, "expired.lab.test");
  g_autoptr(StiDomainReport) other = edited_report (before, NULL, NULL, "valid.lab.test");
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;

  cmp = sti_report_compare (before, other, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (cmp);
  g_assert_nonnull (strstr (error->message, "expired.lab.test"));
  g_assert_nonnull (strstr (error->message, "valid.lab.test"));
}

/* What a user might hand to `compare`: corrupt, truncated or foreign
 * files are refused by the loader with a message, nothing is built. */
static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "valid.lab.test");
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autofree char *truncated = g_strndup (json, strlen (json) / 2);
  g_autofree char *corrupt = g_strdup (json);
  const char *foreign = "{\"schema\": \"something-else\", \"version\": 3}";
  const char *inputs[] = { truncated, corrupt, foreign, "", "\xff\xfe not utf-8", "[1, 2, 3]" };

  corrupt[strlen (corrupt) / 3] = '\x01';

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (inputs[i], -1, &error);

      g_assert_null (loaded);
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_test_message ("refused: %s", error->message);
    }
}

/* A domain whose MTA-STS policy misses the MX hosts @uncovered, checked
 * @days after a fixed date; no lab needed, only the domain-level findings. */
static StiDomainReport *
policy_report (const char * const *uncovered,
               int                 days)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 11, 1, 9, 0, 0);
  g_autoptr(GDateTime) started = g_date_time_add_days (base, days);

  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_domain_report_set_started_at (report, started);
  for (guint i = 0; uncovered[i] != NULL; i++)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = g_strdup_printf ("MX %s matches none of the policy's mx "
                                                 "patterns (mx1.example.org)", uncovered[i]);
      g_autoptr(StiFinding) finding = NULL;

      g_variant_dict_insert (&dict, "host", "s", uncovered[i]);
      g_variant_dict_insert (&dict, "mode", "s", "enforce");
      finding = sti_finding_new ("mta-sts-mx-not-covered", g_variant_dict_end (&dict), detail);
      sti_domain_report_add_finding (report, finding);
    }

  return report;
}

static const char *
entry_subject (GPtrArray *entries,
               guint      i)
{
  StiComparisonEntry *entry = g_ptr_array_index (entries, i);

  return sti_finding_get_subject (entry->finding);
}

/* The policy missed mx2 and mx3; mx2 was added. The domain-level findings
 * differ only by the host they name: mx2's is fixed, mx3's remains, and no
 * host is both. */
static void
test_one_of_two_hosts_fixed (void)
{
  const char *both[] = { "mx2.example.org", "mx3.example.org", NULL };
  const char *only_mx3[] = { "mx3.example.org", NULL };
  g_autoptr(StiDomainReport) before = policy_report (both, 0);
  g_autoptr(StiDomainReport) after = policy_report (only_mx3, 1);
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *words = NULL;

  cmp = sti_report_compare (before, after, &error);
  g_assert_no_error (error);
  g_assert_false (sti_report_comparison_is_swapped (cmp));
  g_assert_cmpuint (sti_report_comparison_get_fixed (cmp)->len, ==, 1);
  g_assert_cmpuint (sti_report_comparison_get_new (cmp)->len, ==, 0);
  g_assert_cmpuint (sti_report_comparison_get_remaining (cmp)->len, ==, 1);
  g_assert_cmpstr (entry_subject (sti_report_comparison_get_fixed (cmp), 0), ==,
                   "mx2.example.org");
  g_assert_cmpstr (entry_subject (sti_report_comparison_get_remaining (cmp), 0), ==,
                   "mx3.example.org");

  /* What a reader sees: the fixed entry names mx2, the remaining one mx3. */
  text = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  words = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_assert_nonnull (strstr (words, "MX host missing from the MTA-STS policy — mx2.example.org"));
  g_assert_nonnull (strstr (words, "MX host missing from the MTA-STS policy — mx3.example.org"));
  g_assert_true (strstr (words, "mx2.example.org") < strstr (words, "Remaining (1)"));
  g_assert_true (strstr (strstr (words, "Remaining (1)"), "mx3.example.org") != NULL);
  g_assert_null (strstr (words, "Warning:"));

  /* Fixed one at a time the other way round, too. */
  {
    const char *only_mx2[] = { "mx2.example.org", NULL };
    g_autoptr(StiDomainReport) other = policy_report (only_mx2, 1);
    g_autoptr(StiReportComparison) cmp2 = sti_report_compare (before, other, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (entry_subject (sti_report_comparison_get_fixed (cmp2), 0), ==,
                     "mx3.example.org");
    g_assert_cmpstr (entry_subject (sti_report_comparison_get_remaining (cmp2), 0), ==,
                     "mx2.example.org");
  }
}

/* The newer file given first: every rendering warns, the CLI too (it
 * prints the same sentence). */
static void
test_swapped (void)
{
  const char *both[] = { "mx2.example.org", "mx3.example.org", NULL };
  const char *only_mx3[] = { "mx3.example.org", NULL };
  g_autoptr(StiDomainReport) older = policy_report (both, 0);
  g_autoptr(StiDomainReport) newer = policy_report (only_mx3, 1);
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *warning = NULL;
  JsonObject *root;
  const StiReportFormat formats[] = { STI_REPORT_FORMAT_TEXT, STI_REPORT_FORMAT_MARKDOWN,
                                      STI_REPORT_FORMAT_HTML };

  cmp = sti_report_compare (newer, older, &error);
  g_assert_no_error (error);
  g_assert_true (sti_report_comparison_is_swapped (cmp));
  warning = sti_report_comparison_dup_swapped_warning (cmp);
  g_assert_nonnull (strstr (warning, "swapped"));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) out = sti_report_comparison_export (cmp, formats[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                                      "probably swapped"));
    }

  {
    g_autoptr(GBytes) json = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_JSON, &error);

    g_assert_no_error (error);
    json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_boolean_member (root, "swapped"));
    g_assert_cmpstr (json_object_get_string_member (first_element (root, "new"), "about"), ==,
                     "mx2.example.org");
  }

  {
    g_autoptr(GBytes) pdf = sti_report_comparison_export (cmp, STI_REPORT_FORMAT_PDF, &error);
    g_autofree char *pdf_words = NULL;

    g_assert_no_error (error);
    pdf_words = pdf_text (pdf);
    if (pdf_words != NULL)
      g_assert_nonnull (strstr (pdf_words, "swapped"));
  }

  /* The right way round: no warning. */
  {
    g_autoptr(StiReportComparison) right = sti_report_compare (older, newer, &error);

    g_assert_no_error (error);
    g_assert_false (sti_report_comparison_is_swapped (right));
    g_assert_null (sti_report_comparison_dup_swapped_warning (right));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sti/report-compare/new-destroy", Fixture, NULL, fixture_setup, test_same_twice,
              fixture_teardown);
  g_test_add ("/sti/report-compare/fixed-between", Fixture, NULL, fixture_setup,
              test_fixed_between, fixture_teardown);
  g_test_add ("/sti/report-compare/other-domain", Fixture, NULL, fixture_setup, test_other_domain,
              fixture_teardown);
  g_test_add ("/sti/report-compare/bad-input", Fixture, NULL, fixture_setup, test_bad_input,
              fixture_teardown);
  g_test_add_func ("/sti/report-compare/one-of-two-hosts-fixed", test_one_of_two_hosts_fixed);
  g_test_add_func ("/sti/report-compare/swapped", test_swapped);

  return g_test_run ();
}
