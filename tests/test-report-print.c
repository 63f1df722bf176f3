/* test-report-print.c: what the exported documents carry for print and for
 * assistive technology
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"
#include "sti-domain-report-private.h"
#include "sti-report-export.h"
#include "sti-report-html.h"
#include "sti-report-json.h"
#include "sti-report-markdown.h"
#include "sti-report-pdf.h"
#include "sti-report-print.h"

#include "report-export-checks.h"

#include <math.h>
#include <string.h>

/* The PDF layout limits (sti-report-pdf.c). */
#define MAX_CODE_LINES 400
#define MAX_PAGES      200

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static guint
count_pages (GBytes *pdf)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *needle = "/Type /Page ";
  guint pages = 0;

  for (gsize i = 0; i + strlen (needle) <= len; i++)
    if (memcmp (data + i, needle, strlen (needle)) == 0)
      pages++;

  return pages;
}

/* The words of @pdf as pdftotext extracts them; NULL, the test skipped,
 * without pdftotext. */
static char *
pdf_words_or_skip (GBytes *pdf)
{
  char *text = pdf_text (pdf);

  if (text == NULL)
    g_test_skip ("pdftotext is not installed");
  return text;
}

/* Every offset of the cross-reference table points at its object, and
 * startxref at the table: the file is intact after /Lang went in. */
static void
assert_xref_intact (GBytes *pdf)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *startxref = NULL;
  guint64 xref_at, count;
  const char *p;
  char *end;

  /* The file holds compressed streams: no string functions. */
  for (gsize i = len - strlen ("startxref\n"); i > 0 && startxref == NULL; i--)
    if (memcmp (data + i, "startxref\n", strlen ("startxref\n")) == 0)
      startxref = data + i;
  g_assert_nonnull (startxref);
  xref_at = g_ascii_strtoull (startxref + strlen ("startxref\n"), NULL, 10);
  g_assert_cmpuint (xref_at, <, len);
  g_assert_true (g_str_has_prefix (data + xref_at, "xref\n0 "));
  count = g_ascii_strtoull (data + xref_at + strlen ("xref\n0 "), &end, 10);
  g_assert_cmpuint (count, >, 1);
  p = end + 1;
  for (guint64 i = 0; i < count; i++, p += 20)
    {
      guint64 offset = g_ascii_strtoull (p, NULL, 10);
      g_autofree char *object = g_strdup_printf ("%" G_GUINT64_FORMAT " 0 obj", i);

      if (p[17] != 'n')
        continue;
      g_assert_cmpuint (offset, <, len);
      g_assert_true (g_str_has_prefix (data + offset, object));
    }
}

static void
test_paper (void)
{
  StiPaperSize paper;
  double width, height;

  g_assert_true (sti_paper_size_from_string ("A4", &paper));
  g_assert_cmpint (paper, ==, STI_PAPER_A4);
  g_assert_true (sti_paper_size_from_string ("letter", &paper));
  g_assert_cmpint (paper, ==, STI_PAPER_LETTER);
  g_assert_cmpstr (sti_paper_size_to_string (paper), ==, "letter");
  g_assert_false (sti_paper_size_from_string ("a3", &paper));
  g_assert_false (sti_paper_size_from_string (NULL, &paper));

  sti_paper_size_get_points (STI_PAPER_LETTER, &width, &height);
  g_assert_cmpfloat (width, ==, 612);
  g_assert_cmpfloat (height, ==, 792);
  sti_paper_size_get_points (STI_PAPER_A4, &width, &height);
  g_assert_cmpfloat (fabs (width - 595.276), <, 0.01);

  /* The test locale (C.UTF-8) has A4 paper. */
  g_assert_cmpint (sti_paper_size_get_default (), ==, STI_PAPER_A4);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(StiPdfDocument) doc = sti_pdf_document_new ("paper.example", "today", "Paper");
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GError) error = NULL;

      sti_pdf_document_set_paper (doc, i == 0 ? STI_PAPER_A4 : STI_PAPER_LETTER);
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, "Paper");
      pdf = sti_pdf_document_render (doc, &error);
      g_assert_no_error (error);
      g_assert_true (bytes_contain (pdf, i == 0 ? "/MediaBox [ 0 0 595.276 841.89 ]"
                                                : "/MediaBox [ 0 0 612 792 ]"));
    }
}

/* The PDF says its language in the catalog, and is still a valid file. */
static void
test_pdf_language (void)
{
  g_autoptr(StiPdfDocument) doc = sti_pdf_document_new ("lang.example", "today", "Language");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (sti_report_get_language (), ==, "en");

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, "Language");
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, "Screen readers read this in English.");
  pdf = sti_pdf_document_render (doc, &error);
  g_assert_no_error (error);
  g_assert_true (bytes_contain (pdf, "<< /Type /Catalog\n   /Lang (en)\n"));
  assert_xref_intact (pdf);

  /* Twice is once. */
  {
    g_autoptr(GBytes) again = sti_pdf_set_language (pdf, "en");

    g_assert_true (g_bytes_equal (again, pdf));
  }

  text = pdf_words_or_skip (pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "Screen readers read this in English."));
}

/* A wrapped code line is marked as one; a short one is not. Cells never
 * split a word that fits on a line. */
static void
test_pdf_wrapping (void)
{
  g_autoptr(StiPdfDocument) doc = sti_pdf_document_new ("wrap.example", "today", "Wrapping");
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) pad = g_string_new (NULL);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, "postfix check && systemctl restart "
                             "postfix");
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO,
                             "openssl s_client -starttls smtp -connect mx1.example.org:25 "
                             "-servername mx1.example.org -showcerts -verify_return_error "
                             "-CAfile /etc/ssl/certs/ca-certificates.crt < /dev/null");
  /* A host name and a port at every position along the line. */
  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *value = g_strdup_printf ("%s mx1.good.lab port 32768", pad->str);

      sti_pdf_document_add_pair (doc, "Endpoint", value);
      g_string_append_c (pad, i % 5 == 4 ? ' ' : 'x');
    }

  pdf = sti_pdf_document_render (doc, &error);
  g_assert_no_error (error);
  text = pdf_words_or_skip (pdf);
  if (text == NULL)
    return;

  /* One mark: the short command has none, the long one wraps once. */
  g_assert_nonnull (strstr (text, "postfix check && systemctl restart postfix"));
  g_assert_nonnull (strstr (text, "↪"));
  g_assert_null (strstr (strstr (text, "↪") + strlen ("↪"), "↪"));
  g_assert_nonnull (strstr (text, "-CAfile /etc/ssl/certs/ca-certificates.crt"));

  {
    guint hosts = 0, ports = 0;

    for (const char *p = text; (p = strstr (p, "mx1.good.lab")) != NULL; p++)
      hosts++;
    for (const char *p = text; (p = strstr (p, "32768")) != NULL; p++)
      ports++;
    g_assert_cmpuint (hosts, ==, 70);
    g_assert_cmpuint (ports, ==, 70);
  }
}

/* A code block stops after MAX_CODE_LINES lines and says how many more
 * there are; a document stops after MAX_PAGES pages and says so. */
static void
test_pdf_bounds (void)
{
  g_autoptr(StiPdfDocument) doc = NULL;
  g_autoptr(GString) transcript = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint pages;

  g_assert_true (sti_pdf_document_load (&error));
  doc = sti_pdf_document_new ("long.example", "today", "Bounds");

  for (guint i = 1; i <= 1000; i++)
    g_string_append_printf (transcript, "S: 250-LINE-%04u\n", i);
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, "Bounds");
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, transcript->str);
  /* Enough sections for far more than MAX_PAGES pages. */
  for (guint i = 0; i < 300 && !sti_pdf_document_is_full (doc); i++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %u", i);

      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, heading);
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, transcript->str);
    }

  pdf = sti_pdf_document_render (doc, &error);
  g_assert_no_error (error);
  pages = count_pages (pdf);
  g_test_message ("%u pages", pages);
  g_assert_cmpuint (pages, >=, MAX_PAGES);
  g_assert_cmpuint (pages, <=, MAX_PAGES + 11);

  text = pdf_words_or_skip (pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "S: 250-LINE-0400"));
  g_assert_null (strstr (text, "S: 250-LINE-0401"));
  {
    const char *note = strstr (text, "600 more lines");

    g_assert_nonnull (note);
    g_test_message ("%.80s", note - 4);
    g_assert_true (g_str_has_prefix (note - 4, "… 600 more lines (10.2 kB) not shown; the JSON "
                                               "report has all of them."));
  }
  g_assert_nonnull (strstr (text, "The PDF stops here, after"));
  g_assert_nonnull (strstr (text, "The JSON and HTML exports of this report have everything."));
  g_assert_null (strstr (text, "Section 299"));
}

/* One line too long for a code block is cut inside, on a character. */
static void
test_pdf_long_line (void)
{
  g_autoptr(StiPdfDocument) doc = sti_pdf_document_new ("long.example", "today", "Line");
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  while (line->len < 100 * 1024)
    g_string_append (line, "é");
  g_string_append (line, "\nsecond line\n");
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, line->str);
  pdf = sti_pdf_document_render (doc, &error);
  g_assert_no_error (error);
  text = pdf_words_or_skip (pdf);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, "… 2 more lines"));
  g_assert_null (strstr (text, "second line"));
}

/* The HTML declares its language and the scope of every table header. */
static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Thousands of findings of one kind do not repeat the same explanation
 * and fixes: the first STI_REPORT_EXPLAINED_PER_ID (10) are explained in
 * full, the rest refer to them; every finding keeps its own title, place
 * and detail. */
static void
test_explained_once (void)
{
  g_autoptr(StiDomainReport) report = sti_domain_report_new ();
  g_autofree char *html = NULL;
  g_autofree char *markdown = NULL;
  const char *refer = "What this means and how to fix it: as for the findings of this kind above.";

  sti_domain_report_set_domain (report, "many.example");
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *host = g_strdup_printf ("mx%02u.many.example", i);
      g_autofree char *detail = g_strdup_printf ("detail-%02u", i);
      g_autoptr(GVariantDict) params = g_variant_dict_new (NULL);
      g_autoptr(StiFinding) finding = NULL;

      g_variant_dict_insert (params, "host", "s", host);
      finding = sti_finding_new ("mta-sts-mx-not-covered", g_variant_dict_end (params), detail);
      sti_domain_report_add_finding (report, finding);
    }

  html = sti_report_to_html (report, STI_MTA_ALL);
  markdown = sti_report_to_markdown (report, STI_MTA_ALL);
  for (guint f = 0; f < 2; f++)
    {
      const char *out = f == 0 ? html : markdown;

      g_assert_cmpuint (count_occurrences (out, "Why it matters"), ==, 10);
      g_assert_cmpuint (count_occurrences (out, refer), ==, 15);
      g_assert_nonnull (strstr (out, "detail-00"));
      g_assert_nonnull (strstr (out, "detail-24"));
      g_assert_nonnull (strstr (out, "mx24.many.example"));
    }
}

static void
test_html_structure (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  sti_report_html_begin (out, "Structure");
  g_assert_nonnull (strstr (out->str, "<html lang=\"en\">"));
  /* A cell never breaks inside a word, except the records column's. */
  g_assert_nonnull (strstr (out->str, "td{overflow-wrap:break-word}"));
  g_assert_nonnull (strstr (out->str, "td.wrap{overflow-wrap:anywhere}"));
}

/* WCAG 2 contrast of two "#rrggbb" colours. */
static double
luminance (const char *color)
{
  double c[3];

  g_assert_cmpuint (strlen (color), ==, 7);
  for (guint i = 0; i < 3; i++)
    {
      char hex[3] = { color[1 + 2 * i], color[2 + 2 * i], '\0' };
      double v = g_ascii_strtoull (hex, NULL, 16) / 255.0;

      c[i] = v <= 0.03928 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }

  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double
contrast (const char *a,
          const char *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The custom properties of the :root rule that starts at @rule. */
static void
read_scheme (const char *rule,
             GHashTable *colors)
{
  g_autoptr(GRegex) regex = g_regex_new ("--([a-z]+):(#[0-9a-fA-F]{6})", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *end = strchr (rule, '}');
  g_autofree char *body = g_strndup (rule, end - rule);

  g_regex_match (regex, body, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_insert (colors, g_match_info_fetch (match, 1), g_match_info_fetch (match, 2));
      g_match_info_next (match, NULL);
    }
}

static void
assert_contrast (GHashTable *colors,
                 const char *scheme,
                 const char *text,
                 const char *background)
{
  const char *fg = text[0] == '#' ? text : g_hash_table_lookup (colors, text);
  const char *bg = background[0] == '#' ? background : g_hash_table_lookup (colors, background);
  double ratio;

  g_assert_nonnull (fg);
  g_assert_nonnull (bg);
  ratio = contrast (fg, bg);
  g_test_message ("%s: %s (%s) on %s (%s): %.2f:1", scheme, text, fg, background, bg, ratio);
  if (ratio < 4.5)
    g_error ("%s: %s %s on %s %s has a contrast of %.2f:1, below 4.5:1", scheme, text, fg,
             background, bg, ratio);
}

/* Every text colour of the HTML, in the light, dark and print schemes, on
 * the backgrounds it is drawn on. */
static void
test_html_contrast (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const struct { const char *name; const char *rule; const char *badge_text; } schemes[] = {
    { "light", ":root{color-scheme", "#ffffff" },
    { "dark", "@media (prefers-color-scheme:dark){:root{", "#1e1e1e" },
    { "print", "@media print{:root{", "#ffffff" },
  };

  sti_report_html_begin (out, "Contrast");
  /* The badges' text colours: white, black on dark, white when printed. */
  g_assert_nonnull (strstr (out->str, "color:#fff;background:var(--info)"));
  g_assert_nonnull (strstr (out->str, "@media (prefers-color-scheme:dark){.badge{color:#1e1e1e}}"));
  g_assert_nonnull (strstr (out->str, ".badge{color:#fff}}"));

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            g_free);
      const char *rule = strstr (out->str, schemes[i].rule);
      const char *texts[] = { "fg", "muted", "err", "ok", "warn", "info" };
      const char *badges[] = { "err", "warn", "info" };

      g_assert_nonnull (rule);
      read_scheme (strstr (out->str, schemes[0].rule), colors);
      read_scheme (rule, colors);

      for (guint j = 0; j < G_N_ELEMENTS (texts); j++)
        {
          assert_contrast (colors, schemes[i].name, texts[j], "bg");
          assert_contrast (colors, schemes[i].name, texts[j], "card");
        }
      assert_contrast (colors, schemes[i].name, "fg", "code");
      for (guint j = 0; j < G_N_ELEMENTS (badges); j++)
        assert_contrast (colors, schemes[i].name, schemes[i].badge_text, badges[j]);
    }
}

/* A suggested name has the time, so two reports of a day are two files. */
static void
test_suggested_filename (void)
{
  g_autoptr(StiDomainReport) report = sti_domain_report_new ();
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 28, 14, 5, 12);
  g_autofree char *name = NULL;

  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_started_at (report, started);
  name = sti_report_dup_suggested_filename (report, STI_REPORT_FORMAT_PDF);
  g_assert_cmpstr (name, ==, "starttls-example.org-2026-11-28T140512Z.pdf");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The PDF engine is a module, loaded before the first document. */
  if (!sti_pdf_document_load (&error))
    g_error ("%s", error->message);

  g_test_add_func ("/sti/report-print/paper", test_paper);
  g_test_add_func ("/sti/report-print/pdf-language", test_pdf_language);
  g_test_add_func ("/sti/report-print/pdf-wrapping", test_pdf_wrapping);
  g_test_add_func ("/sti/report-print/pdf-bounds", test_pdf_bounds);
  g_test_add_func ("/sti/report-print/pdf-long-line", test_pdf_long_line);
  g_test_add_func ("/sti/report-print/html-structure", test_html_structure);
  g_test_add_func ("/sti/report-print/explained-once", test_explained_once);
  g_test_add_func ("/sti/report-print/html-contrast", test_html_contrast);
  g_test_add_func ("/sti/report-print/suggested-filename", test_suggested_filename);

  return g_test_run ();
}
