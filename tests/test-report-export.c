/* test-report-export.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate.h"
#include "sti-checklist.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-catalog.h"
#include "sti-report-export.h"
#include "sti-report-html.h"
#include "sti-report-json.h"
#include "sti-report-markdown.h"
#include "sti-report-pdf.h"
#include "sti-report-text.h"
#include "sti-verdict.h"

#include "lab-fixture.h"
#include "report-export-checks.h"
#include "test-time.h"

/* Every demo scenario exported in every format, each checked the way its
 * reader would: the HTML parsed strictly, the Markdown's tables counted,
 * the PDF's text extracted, the JSON loaded back. */

#define EXPORT_BUDGET_US G_USEC_PER_SEC /* generous: a loaded CI machine; typical is 0.1-50 ms */

static void
test_format_names (void)
{
  StiReportFormat format;
  const struct { const char *name; StiReportFormat format; const char *extension; } cases[] = {
    { "json", STI_REPORT_FORMAT_JSON, "json" },
    { "HTML", STI_REPORT_FORMAT_HTML, "html" },
    { "md", STI_REPORT_FORMAT_MARKDOWN, "md" },
    { "markdown", STI_REPORT_FORMAT_MARKDOWN, "md" },
    { "pdf", STI_REPORT_FORMAT_PDF, "pdf" },
    { "text", STI_REPORT_FORMAT_TEXT, "txt" },
    { "txt", STI_REPORT_FORMAT_TEXT, "txt" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (sti_report_format_from_string (cases[i].name, &format));
      g_assert_cmpint (format, ==, cases[i].format);
      g_assert_cmpstr (sti_report_format_get_extension (format), ==, cases[i].extension);
      g_assert_nonnull (sti_report_format_get_content_type (format));
      g_assert_true (sti_report_format_from_string (sti_report_format_to_string (format), &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  g_assert_false (sti_report_format_from_string ("docx", &format));
  g_assert_false (sti_report_format_from_string ("", &format));
  g_assert_false (sti_report_format_from_string (NULL, &format));
  g_assert_true (sti_report_format_is_binary (STI_REPORT_FORMAT_PDF));
  g_assert_false (sti_report_format_is_binary (STI_REPORT_FORMAT_MARKDOWN));
}

/* Hostile inline text cannot break a table, start markup or a code span. */
static void
test_markdown_escape (void)
{
  const char *hostile[] = {
    "220 <script>alert(1)</script> | cell | `rm -rf` *bold* _it_ [link](http://x) # ~~s~~ &amp; \\",
    "<img src=x onerror=alert(1)>",
    "- list\nsecond | line",
    "1. ordered",
  };
  const char *header[] = { "A", "B" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);

  sti_markdown_append_table_header (out, header, 2);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const char *row[] = { hostile[i], "x" };

      sti_markdown_append_table_row (out, row, 2);
    }
  g_assert_cmpuint (check_markdown (out->str), ==, 1);
  g_assert_nonnull (strstr (out->str, "\\<script\\>"));
  g_assert_nonnull (strstr (out->str, "\\| cell \\|"));
  g_assert_nonnull (strstr (out->str, "\\`rm"));
  g_assert_null (strstr (out->str, "\n- list"));

  g_string_truncate (out, 0);
  sti_markdown_append_text (out, "1. ordered");
  g_assert_cmpstr (out->str, ==, "1\\. ordered");
  g_string_truncate (out, 0);
  sti_markdown_append_text (out, "0.1.0 TLS_AES_256 _it_ *b*");
  g_assert_cmpstr (out->str, ==, "0.1.0 TLS_AES_256 \\_it\\_ \\*b\\*");

  /* A fence is longer than any backtick run inside. */
  sti_markdown_append_code_block (code, "before\n```\n````` five\nafter");
  g_assert_true (g_str_has_prefix (code->str, "``````text\n"));
  g_assert_true (g_str_has_suffix (code->str, "\n``````\n\n"));
  check_markdown (code->str);
}

/* The checkers themselves fail on what they must catch. */
static void
test_checkers_catch (gconstpointer data)
{
  const char *mode = data;

  if (!have_program ("python3") || !have_program ("cmark-gfm"))
    {
      g_test_skip ("python3 or cmark-gfm is not installed");
      return;
    }

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      return;
    }

  if (g_str_equal (mode, "md-element"))
    check_markdown_rendered ("| a |\n| --- |\n| <img src=x onerror=alert(1)> |\n", NULL);
  else if (g_str_equal (mode, "md-cells"))
    check_markdown ("| a | b |\n| --- | --- |\n"
                    "| one | two \\\\| three |\n"); /* an escaped backslash, then a real pipe */
  else if (g_str_equal (mode, "html-element"))
    {
      g_autoptr(GBytes) html = g_bytes_new_static ("<p><b>x</b></p>", 15);

      check_html (html, NULL);
    }
  else if (g_str_equal (mode, "html-text"))
    {
      g_autoptr(GBytes) html = g_bytes_new_static ("<p>x</p>", 8);
      const char *needles[] = { "<script>", NULL };

      check_html (html, needles);
    }
}

/* The PDF document flows a long block across pages and numbers them. */
static void
test_pdf_pagination (void)
{
  g_autoptr(StiPdfDocument) doc = NULL;
  g_autoptr(GString) transcript = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* The document lives in the PDF module, loaded on first use. */
  g_assert_true (sti_pdf_document_load (&error));
  g_assert_no_error (error);
  doc = sti_pdf_document_new ("long.example", "2026-11-28", "Long");

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (transcript, "%4u S: 250-LINE %u <b>not bold</b>\n", i, i);
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, "Long transcript");
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, transcript->str);
  sti_pdf_document_add_pair (doc, "Key", "<i>value</i> & more");

  pdf = sti_pdf_document_render (doc, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Page 1 of "));
  g_assert_nonnull (strstr (text, "Page 5 of "));
  g_assert_null (strstr (text, "Page 1 of 1 "));
  g_assert_nonnull (strstr (text, "399 S: 250-LINE 399"));
  g_assert_nonnull (strstr (text, "<b>not bold</b>"));
  g_assert_nonnull (strstr (text, "<i>value</i> & more"));
  g_assert_nonnull (strstr (text, "long.example"));
}

static GBytes *
export_timed (StiDomainReport *report,
              StiReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GBytes *bytes = sti_report_export (report, format, STI_MTA_ALL, &error);
  gint64 elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_test_message ("%s: %s, %" G_GSIZE_FORMAT " bytes in %.1f ms",
                  sti_domain_report_get_domain (report),
                  sti_report_format_to_string (format), g_bytes_get_size (bytes), elapsed / 1000.0);
  /* The budget means nothing under valgrind (about 30 times slower). */
  if (strstr (g_getenv ("LD_PRELOAD") != NULL ? g_getenv ("LD_PRELOAD") : "", "vgpreload") == NULL)
    g_assert_cmpint (elapsed, <, EXPORT_BUDGET_US * test_time_factor ());

  /* STI_REPORT_SAMPLES=dir keeps every export, to look at. */
  if (g_getenv ("STI_REPORT_SAMPLES") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", sti_domain_report_get_domain (report),
                                               sti_report_format_get_extension (format));
      g_autofree char *path = g_build_filename (g_getenv ("STI_REPORT_SAMPLES"), name, NULL);

      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
  return bytes;
}

static char *
without_hyphens (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static void
check_all_formats (StiDomainReport    *report,
                   const char * const *extra_html_needles)
{
  const char *domain = sti_domain_report_get_domain (report);
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  g_autofree char *verdict_flat = collapse_spaces (verdict);
  g_autoptr(GBytes) json = export_timed (report, STI_REPORT_FORMAT_JSON);
  g_autoptr(GBytes) html = export_timed (report, STI_REPORT_FORMAT_HTML);
  g_autoptr(GBytes) md = export_timed (report, STI_REPORT_FORMAT_MARKDOWN);
  g_autoptr(GBytes) pdf = export_timed (report, STI_REPORT_FORMAT_PDF);
  g_autoptr(GBytes) text = export_timed (report, STI_REPORT_FORMAT_TEXT);
  g_autoptr(StiDomainReport) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) needles = g_ptr_array_new ();
  g_autofree char *md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_autofree char *pdf_words = NULL;
  g_autoptr(GPtrArray) verdict_needles = dup_verdict_needles (report);

  /* JSON: loads back to an equal report. */
  reloaded = sti_report_load_from_data (g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                                        &error);
  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, reloaded));

  /* HTML: strict structure, the verdict and the domain as text. */
  g_ptr_array_add (needles, (char *)domain);
  g_ptr_array_add (needles, verdict_flat);
  for (guint i = 0; extra_html_needles != NULL && extra_html_needles[i] != NULL; i++)
    g_ptr_array_add (needles, (char *)extra_html_needles[i]);
  /* … and the summary, the sender lines and the chain as built. */
  for (guint i = 0; i < verdict_needles->len; i++)
    g_ptr_array_add (needles, g_ptr_array_index (verdict_needles, i));
  g_ptr_array_add (needles, NULL);
  check_html (html, (const char * const *)needles->pdata);

  /* Markdown: intact tables (at least the summary table), in the source
   * and as GitHub renders it. */
  g_assert_cmpuint (check_markdown (md_text), >=, 1);
  g_assert_nonnull (strstr (md_text, "Verdict:"));
  if (!check_markdown_rendered (md_text, (const char * const *)needles->pdata))
    g_test_message ("cmark-gfm or python3 missing: the Markdown is not rendered");

  /* Text: the CLI rendering. */
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text), domain));

  /* PDF: the domain, the verdict and page numbers are in the text. */
  pdf_words = pdf_text (pdf);
  if (pdf_words != NULL)
    {
      /* pdftotext drops the hyphen of a word broken at a line end
       * ("MTA-" / "STS" comes out as "MTASTS"): compare without hyphens. */
      g_autofree char *pdf_plain = without_hyphens (pdf_words);
      g_autofree char *verdict_plain = without_hyphens (verdict_flat);

      if (strstr (pdf_plain, verdict_plain) == NULL)
        g_error ("verdict \"%s\" missing from the PDF text: %s", verdict_flat, pdf_words);
      g_assert_nonnull (strstr (pdf_words, domain));
      g_assert_nonnull (strstr (pdf_words, "Page 1 of "));
    }

  check_verdict_in_every_format (report, json, text, pdf_words);
}

static void
test_scenario (Fixture       *fixture,
               gconstpointer  data)
{
  const StiLabScenario *scenario = data;
  g_autoptr(StiDomainReport) report = NULL;

  if (g_str_equal (scenario->id, "ipv6-only"))
    {
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, NULL);

      if (socket == NULL)
        {
          g_test_skip ("no IPv6 on this machine");
          return;
        }
    }

  report = run_check (fixture, scenario->domain);
  check_all_formats (report, NULL);
  if (!have_program ("pdftotext"))
    g_test_skip ("pdftotext is not installed: PDF text not checked");
}

/* Every format lists the checks made: a clean report reads as passed
 * checks, and an unreachable server's checks as failed / not checked. */
static void
test_checklist (Fixture       *fixture,
                gconstpointer  data)
{
  const char *domains[] = { "valid.lab.test", "one-mx-down.lab.test" };

  for (guint d = 0; d < G_N_ELEMENTS (domains); d++)
    {
      g_autoptr(StiDomainReport) report = run_check (fixture, domains[d]);
      g_autoptr(GPtrArray) groups = sti_checklist_new (report);
      g_autofree char *counts = sti_checklist_dup_counts (groups);
      StiReportFormat formats[] = { STI_REPORT_FORMAT_TEXT, STI_REPORT_FORMAT_HTML,
                                    STI_REPORT_FORMAT_MARKDOWN, STI_REPORT_FORMAT_JSON,
                                    STI_REPORT_FORMAT_PDF };
      gboolean clean = d == 0;

      g_assert_cmpuint (sti_checklist_count (groups, STI_CHECK_FAILED), ==, clean ? 0 : 1);
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autoptr(GBytes) bytes = export_timed (report, formats[f]);
          g_autofree char *raw = g_strndup (g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes));
          g_autofree char *words = formats[f] == STI_REPORT_FORMAT_PDF ? pdf_text (bytes)
                                                                       : g_strdup (raw);
          g_autofree char *flat = words != NULL ? collapse_spaces (words) : NULL;

          if (flat == NULL)
            continue; /* no pdftotext */
          g_test_message ("%s %s", domains[d], sti_report_format_to_string (formats[f]));
          g_assert_null (strstr (flat, "Nothing to report"));
          g_assert_nonnull (strstr (flat, "STARTTLS offered and accepted"));
          g_assert_nonnull (strstr (flat, "Certificate names match the host"));
          if (formats[f] == STI_REPORT_FORMAT_JSON)
            {
              g_assert_nonnull (strstr (flat, "\"checklist\""));
              g_assert_nonnull (strstr (flat, "\"passed\""));
              continue;
            }
          g_assert_nonnull (strstr (flat, "Checks made"));
          g_assert_nonnull (strstr (flat, counts));
          g_assert_nonnull (strstr (flat, "Passed"));
          if (!clean)
            g_assert_nonnull (strstr (flat, "Failed (Warning: Mail server not reachable)"));
        }
    }
}

/* Server text with markup, backticks, pipes and invalid bytes comes out as
 * text in every format. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "hostile.lab.test");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *md_text = NULL;
  g_autofree char *pdf_words = NULL;
  StiEndpointReport *endpoint;
  StiCertificate *leaf;
  const char *greeting;
  const char *needles[] = { "<script>", "<img src=x onerror=alert(1)>", "\\x", NULL };

  endpoint =
    sti_host_report_get_endpoints (sti_domain_report_get_hosts (report)->pdata[0])->pdata[0];
  leaf = sti_endpoint_report_get_chain (endpoint)->pdata[0];
  greeting = sti_endpoint_report_get_greeting (endpoint);
  g_assert_nonnull (strstr (greeting, "<script>"));
  g_assert_nonnull (strstr (sti_certificate_get_subject (leaf), "<img"));

  check_all_formats (report, needles);

  html = sti_report_export (report, STI_REPORT_FORMAT_HTML, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html),
                                  "&lt;script&gt;"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (html, NULL), g_bytes_get_size (html),
                                  "&lt;img src=x onerror=alert(1)&gt;"));

  md = sti_report_export (report, STI_REPORT_FORMAT_MARKDOWN, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_assert_nonnull (strstr (md_text, "\\<script\\>"));
  g_assert_nonnull (strstr (md_text, "\\<img src=x onerror=alert(1)\\>"));
  g_assert_nonnull (strstr (md_text, "\\`id\\` \\| cat"));

  pdf = sti_report_export (report, STI_REPORT_FORMAT_PDF, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  pdf_words = pdf_text (pdf);
  if (pdf_words == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (pdf_words, "<script>"));
  g_assert_nonnull (strstr (pdf_words, "onerror=alert(1)"));
}

/* A report loaded from JSON exports exactly like the live one: the GUI's
 * "open a saved report" shows the same evidence. */
static void
test_reloaded_export (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "missing-intermediate.lab.test");
  g_autoptr(StiDomainReport) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autoptr(GBytes) a = NULL;
  g_autoptr(GBytes) b = NULL;

  reloaded = sti_report_load_from_data (json, -1, &error);
  g_assert_no_error (error);

  a = sti_report_export (report, STI_REPORT_FORMAT_MARKDOWN, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  b = sti_report_export (reloaded, STI_REPORT_FORMAT_MARKDOWN, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  g_clear_pointer (&a, g_bytes_unref);
  g_clear_pointer (&b, g_bytes_unref);
  a = sti_report_export (report, STI_REPORT_FORMAT_HTML, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  b = sti_report_export (reloaded, STI_REPORT_FORMAT_HTML, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  /* The PDF too: its dates are the report's, not the export's. */
  g_clear_pointer (&a, g_bytes_unref);
  g_clear_pointer (&b, g_bytes_unref);
  a = sti_report_export (report, STI_REPORT_FORMAT_PDF, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  b = sti_report_export (reloaded, STI_REPORT_FORMAT_PDF, STI_MTA_ALL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  {
    g_autofree char *name = sti_report_dup_suggested_filename (report, STI_REPORT_FORMAT_MARKDOWN);

    g_assert_true (g_str_has_prefix (name, "starttls-missing-intermediate.lab.test-20"));
    g_assert_true (g_str_has_suffix (name, ".md"));
  }

  g_clear_object (&reloaded);
  g_assert_finalize_object (g_steal_pointer (&report));
}

/* Every format shows the MTA-STS policy as fetched: the answer, the mode
 * and max_age, each pattern with what it matched, the MX host none
 * matched, the file and the policy host's certificate. */
static void
test_mta_sts_fetch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(StiDomainReport) report = run_check (fixture, "mta-sts-mx-missing.lab.test");
  g_autoptr(GBytes) html = export_timed (report, STI_REPORT_FORMAT_HTML);
  g_autoptr(GBytes) md = export_timed (report, STI_REPORT_FORMAT_MARKDOWN);
  g_autoptr(GBytes) text = export_timed (report, STI_REPORT_FORMAT_TEXT);
  g_autoptr(GBytes) pdf = export_timed (report, STI_REPORT_FORMAT_PDF);
  g_autofree char *md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  g_autofree char *plain = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autofree char *pdf_words = pdf_text (pdf);
  const char *needles[] = {
    "MTA-STS policy as fetched", "/.well-known/mta-sts.txt", "text/plain", "verified",
    "enforce", "604800 s (7 days)", "mail.elsewhere.example", "no MX host",
    "mx1.mta-sts-mx-missing.lab.test", "604800 s (7 days), as observed",
    "CN=mta-sts.mta-sts-mx-missing.lab.test", NULL
  };
  /* Words that survive the PDF's line breaks. */
  const char *pdf_needles[] = {
    "MTA-STS policy as fetched", "enforce", "604800 s (7 days)", "mail.elsewhere.example",
    "no MX host", "as observed", "Policy file as fetched", "mx: mail.elsewhere.example",
    "Policy host certificate chain as sent", NULL
  };

  check_html (html, needles);
  /* Once, under Policies. */
  {
    g_autofree char *html_text = g_strndup (g_bytes_get_data (html, NULL),
                                            g_bytes_get_size (html));
    g_auto(GStrv) parts = g_strsplit (html_text, "MTA-STS policy as fetched", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    g_assert_nonnull (strstr (parts[0], "<h2>Policies</h2>"));
  }
  g_assert_nonnull (strstr (md_text, "| mail.elsewhere.example | no MX host |"));
  g_assert_nonnull (strstr (md_text, "| MX hosts not matched | mx1.mta-sts-mx-missing.lab.test |"));
  g_assert_nonnull (strstr (md_text, "```text\nversion: STSv1\nmode: enforce\n"));
  g_assert_nonnull (strstr (md_text, "-----BEGIN CERTIFICATE-----"));
  for (guint i = 0; needles[i] != NULL; i++)
    {
      g_test_message ("needle: %s", needles[i]);
      g_assert_nonnull (strstr (md_text, needles[i]));
      g_assert_nonnull (strstr (plain, needles[i]));
    }
  g_assert_nonnull (strstr (plain, "      mx: mail.elsewhere.example\n"));

  if (pdf_words == NULL)
    {
      g_test_skip ("pdftotext is not installed: PDF text not checked");
      return;
    }
  for (guint i = 0; pdf_needles[i] != NULL; i++)
    {
      g_test_message ("PDF needle: %s", pdf_needles[i]);
      g_assert_nonnull (strstr (pdf_words, pdf_needles[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  const StiLabScenario *scenarios;
  guint n = 0;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/report-export/format-names", test_format_names);
  g_test_add_func ("/sti/report-export/markdown-escape", test_markdown_escape);
  g_test_add_func ("/sti/report-export/pdf-pagination", test_pdf_pagination);
  g_test_add_data_func ("/sti/report-export/checkers-catch/md-element", "md-element",
                        test_checkers_catch);
  g_test_add_data_func ("/sti/report-export/checkers-catch/md-cells", "md-cells",
                        test_checkers_catch);
  g_test_add_data_func ("/sti/report-export/checkers-catch/html-element", "html-element",
                        test_checkers_catch);
  g_test_add_data_func ("/sti/report-export/checkers-catch/html-text", "html-text",
                        test_checkers_catch);

  scenarios = sti_lab_get_scenarios (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/report-export/scenario/%s", scenarios[i].id);

      g_test_add (path, Fixture, &scenarios[i], fixture_setup, test_scenario, fixture_teardown);
    }

  g_test_add ("/sti/report-export/hostile", Fixture, NULL, fixture_setup, test_hostile,
              fixture_teardown);
  g_test_add ("/sti/report-export/mta-sts-fetch", Fixture, NULL, fixture_setup,
              test_mta_sts_fetch, fixture_teardown);
  g_test_add ("/sti/report-export/reloaded", Fixture, NULL, fixture_setup, test_reloaded_export,
              fixture_teardown);
  g_test_add ("/sti/report-export/checklist", Fixture, NULL, fixture_setup, test_checklist,
              fixture_teardown);

  return g_test_run ();
}
