/* report-export-checks.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "report-export-checks.h"

#include "sti-host-report.h"
#include "sti-report-format.h"
#include "sti-report-sections.h"
#include "sti-report-summary.h"
#include "sti-verdict.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* A strict reading of HTML with python3's html.parser: only the elements
 * and attributes the producer writes, every element closed in order, no
 * processing instruction or foreign declaration, and each needle present in
 * the *text* (so "<script>" from a server must be text, never an element).
 * argv: mode ("report": our HTML; "markdown": cmark-gfm's rendering of our
 * Markdown, where every table row must also have its header's cell count),
 * the file, the needles. */
static const char html_checker[] =
  "import sys, html.parser\n"
  "mode = sys.argv[1]\n"
  "if mode == 'report':\n"
  "    ALLOWED = {'html','head','meta','title','style','body','header','main','section',"
  "'article',\n"
  "               'footer','h1','h2','h3','h4','p','dl','dt','dd','table','tr','th','td',"
  "'details',\n"
  "               'summary','pre','code','span','div','ul','li','br'}\n"
  "    ATTRS = {'class','lang','charset','name','content','scope'}\n"
  "else:\n"
  "    ALLOWED = {'h1','h2','h3','p','table','thead','tbody','tr','th','td','pre','code',"
  "'strong',\n"
  "               'hr','ul','li'}\n"
  "    ATTRS = {'class'}\n"
  "VOID = {'meta','br','hr'}\n"
  "class P(html.parser.HTMLParser):\n"
  "    def __init__(self):\n"
  "        super().__init__(convert_charrefs=True)\n"
  "        self.stack, self.errors, self.text = [], [], []\n"
  "        self.header_cells, self.row_cells, self.tables = None, 0, 0\n"
  "    def check(self, tag, attrs):\n"
  "        if tag not in ALLOWED: self.errors.append('element <%s>' % tag)\n"
  "        for k, v in attrs:\n"
  "            if k not in ATTRS: self.errors.append('attribute %s on <%s>' % (k, tag))\n"
  "            if v is not None and ('javascript:' in v.lower() or 'url(' in v.lower()):\n"
  "                self.errors.append('active attribute value %r' % v)\n"
  "    def handle_starttag(self, tag, attrs):\n"
  "        self.check(tag, attrs)\n"
  "        if tag == 'table': self.header_cells = None; self.tables += 1\n"
  "        if tag == 'tr': self.row_cells = 0\n"
  "        if tag in ('td', 'th'): self.row_cells += 1\n"
  "        if tag not in VOID: self.stack.append(tag)\n"
  "    def handle_startendtag(self, tag, attrs):\n"
  "        self.check(tag, attrs)\n"
  "    def handle_endtag(self, tag):\n"
  "        if tag == 'tr' and mode == 'markdown':\n"
  "            if self.header_cells is None: self.header_cells = self.row_cells\n"
  "            elif self.row_cells != self.header_cells:\n"
  "                self.errors.append('table row with %d cells, header %d' % (self.row_cells, "
  "self.header_cells))\n"
  "        if not self.stack or self.stack[-1] != tag:\n"
  "            self.errors.append('unbalanced </%s> (open: %s)' % (tag, self.stack[-3:]))\n"
  "        else: self.stack.pop()\n"
  "    def handle_data(self, data):\n"
  "        if self.stack and self.stack[-1] == 'style':\n"
  "            if 'url(' in data or '@import' in data: "
  "self.errors.append('external resource in CSS')\n"
  "        else: self.text.append(data)\n"
  "    def handle_comment(self, data): self.errors.append('comment (raw HTML omitted?) ' + data)\n"
  "    def handle_decl(self, decl):\n"
  "        if decl.lower() != 'doctype html': self.errors.append('declaration ' + decl)\n"
  "    def handle_pi(self, data): self.errors.append('processing instruction')\n"
  "    def unknown_decl(self, data): self.errors.append('unknown declaration')\n"
  "p = P()\n"
  "p.feed(open(sys.argv[2], encoding='utf-8', errors='strict').read())\n"
  "p.close()\n"
  "if p.stack: p.errors.append('unclosed %s' % p.stack)\n"
  "text = ' '.join(' '.join(p.text).split())\n"
  "for needle in sys.argv[3:]:\n"
  "    if ' '.join(needle.split()) not in text: p.errors.append('text missing: ' + needle)\n"
  "for e in p.errors: print(e)\n"
  "print('tables: %d' % p.tables)\n"
  "sys.exit(1 if p.errors else 0)\n";

gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static char *
write_temp (GBytes     *bytes,
            const char *suffix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("sti-report-XXXXXX.%s", suffix);
  char *path = NULL;
  int fd;

  fd = g_file_open_tmp (template, &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static void
run_html_checker (const char         *mode,
                  const char         *path,
                  const char * const *needles)
{
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *)"python3");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)html_checker);
  g_ptr_array_add (argv, (char *)mode);
  g_ptr_array_add (argv, (char *)path);
  for (guint i = 0; needles != NULL && needles[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)needles[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("HTML check (%s) failed for %s:\n%s", mode, path, out);
}

/* NULL-terminated @needles must appear as text. */
void
check_html (GBytes             *html,
            const char * const *needles)
{
  g_autofree char *path = NULL;
  const char *data = g_bytes_get_data (html, NULL);
  gsize size = g_bytes_get_size (html);

  g_assert_true (g_utf8_validate (data, size, NULL));
  g_assert_null (g_strstr_len (data, size, "<script"));
  g_assert_null (g_strstr_len (data, size, "<img"));
  /* Self-contained: nothing that loads or links a resource. A URL a
   * server sent (a redirect's Location) is evidence and shows as text;
   * escaped text cannot contain a quote, so an attribute can only be ours. */
  g_assert_null (g_strstr_len (data, size, "src=\""));
  g_assert_null (g_strstr_len (data, size, "href=\""));
  g_assert_null (g_strstr_len (data, size, "url("));
  g_assert_null (g_strstr_len (data, size, "@import"));

  if (!have_program ("python3"))
    {
      g_test_message ("python3 missing: the HTML structure is not parsed");
      return;
    }

  path = write_temp (html, "html");
  run_html_checker ("report", path, needles);
  g_unlink (path);
}

/* Renders @md with cmark-gfm (GitHub's Markdown, raw HTML let through so
 * that an escaping mistake would show as an element) and checks the result
 * like the HTML report: only Markdown's own elements, every table row with
 * its header's cell count, @needles as text. Returns FALSE when cmark-gfm
 * or python3 is missing. */
gboolean
check_markdown_rendered (const char         *md,
                         const char * const *needles)
{
  g_autoptr(GBytes) bytes = g_bytes_new (md, strlen (md));
  g_autofree char *md_path = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", NULL,
                         NULL };

  if (!have_program ("cmark-gfm") || !have_program ("python3"))
    return FALSE;

  md_path = write_temp (bytes, "md");
  argv[6] = md_path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &html, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new (html, strlen (html));
  html_path = write_temp (bytes, "html");
  run_html_checker ("markdown", html_path, needles);
  g_unlink (md_path);
  g_unlink (html_path);
  return TRUE;
}

/* Every table row has as many cells as its header, nothing outside code
 * can open an HTML tag, and every fence closes. Returns the number of
 * tables. */
guint
check_markdown (const char *md)
{
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  gsize fence = 0;
  int header_cells = -1;
  guint tables = 0;

  g_assert_true (g_utf8_validate (md, -1, NULL));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize ticks = strspn (line, "`");

      if (fence > 0)
        {
          if (ticks >= fence && line[ticks] == '\0')
            fence = 0;
          continue;
        }
      if (ticks >= 3)
        {
          fence = ticks;
          header_cells = -1;
          continue;
        }

      /* Outside code: every '<' is escaped, and so is every backtick
       * except the code spans around finding ids. */
      for (const char *p = line; *p != '\0'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              p++;
              continue;
            }
          if (*p == '<')
            g_error ("unescaped '<' in Markdown line %u: %s", i + 1, line);
        }

      if (line[0] == '|')
        {
          int cells = -1;

          for (const char *p = line; *p != '\0'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              else if (*p == '|')
                cells++;
            }
          if (header_cells < 0)
            {
              header_cells = cells;
              tables++;
              g_assert_nonnull (lines[i + 1]);
              g_assert_true (g_str_has_prefix (lines[i + 1], "| --- |"));
            }
          else if (cells != header_cells)
            g_error ("Markdown table row %u has %d cells, its header %d: %s", i + 1, cells,
                     header_cells, line);
        }
      else
        header_cells = -1;
    }

  g_assert_cmpuint (fence, ==, 0);
  return tables;
}

/* The PDF's text as pdftotext extracts it, whitespace collapsed; NULL
 * (and a skip) when poppler-utils is missing. */
char *
pdf_text (GBytes *pdf)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", NULL, "-", NULL };
  int status = 0;

  g_assert_cmpuint (g_bytes_get_size (pdf), >, 5);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);

  if (!have_program ("pdftotext"))
    return NULL;

  path = write_temp (pdf, "pdf");
  argv[3] = path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);

  words = g_strsplit_set (out, " \n\t\f\r", -1);
  {
    GString *joined = g_string_new (NULL);

    for (guint i = 0; words[i] != NULL; i++)
      if (words[i][0] != '\0')
        g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[i]);
    return g_string_free (joined, FALSE);
  }
}

char *
collapse_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[i]);
  return g_string_free (joined, FALSE);
}

/* What the summary, the sender lines and the chain as built promise a
 * reader of each format: every line of them, for every endpoint. */
static GPtrArray *
verdict_needles (StiDomainReport *report,
                 gboolean         with_built_chain)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rows = sti_report_dup_summary (report);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  g_ptr_array_add (needles, sti_format_report_counts (report));
  if (rows->len > 0)
    g_ptr_array_add (needles, g_strdup ("Mail servers at a glance"));
  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
      {
        const char *cell = g_array_index (rows, StiReportSummaryRow, i).cells[c];

        if (cell != NULL)
          g_ptr_array_add (needles, collapse_spaces (cell));
      }

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          g_autoptr(GArray) lines = sti_report_dup_sender_lines (endpoint, report);
          g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);

          for (guint k = 0; k < lines->len; k++)
            g_ptr_array_add (needles,
                             collapse_spaces (g_array_index (lines, StiReportProperty, k).value));
          for (guint k = 0; with_built_chain && k < links->len; k++)
            g_ptr_array_add (needles,
                             g_strdup (g_array_index (links, StiReportBuiltLink, k).origin));
        }
    }

  return needles;
}

/* Without spaces and hyphens: the PDF breaks long words (hex, URLs)
 * anywhere, and pdftotext drops the hyphen at a line end. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* The PDF's words without its running footer and header ("Page 4 of 7",
 * then the next page's domain and time), which pdftotext puts in the
 * middle of a row that goes on over a page break. */
static char *
without_page_breaks (const char *pdf_words)
{
  g_autoptr(GRegex) furniture =
    g_regex_new (" ?Page [0-9]+ of [0-9]+ [^ ]+ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]+ UTC", 0, 0,
                 NULL);

  return g_regex_replace_literal (furniture, pdf_words, -1, 0, "", 0, NULL);
}

static void
assert_contains_all (const char *format,
                     const char *document,
                     GPtrArray  *needles,
                     gboolean    squeezed)
{
  g_autofree char *body = squeezed ? without_page_breaks (document) : NULL;
  g_autofree char *flat = squeezed ? squeeze (body) : collapse_spaces (document);

  for (guint i = 0; i < needles->len; i++)
    {
      const char *needle = g_ptr_array_index (needles, i);
      g_autofree char *squeezed_needle = squeezed ? squeeze (needle) : NULL;

      if (strstr (flat, squeezed ? squeezed_needle : needle) == NULL)
        g_error ("%s: \"%s\" missing", format, needle);
    }
}

/**
 * dup_verdict_needles:
 *
 * Returns: (transfer full) (element-type utf8): what the HTML and the
 *   Markdown (rendered) must show besides: the summary of every mail
 *   server, the sender lines of every endpoint and where each certificate
 *   of the chain as built came from; for check_html() and
 *   check_markdown_rendered(), in the same run as the other needles
 */
GPtrArray *
dup_verdict_needles (StiDomainReport *report)
{
  return verdict_needles (report, TRUE);
}

/**
 * check_verdict_in_every_format:
 * @pdf_words: (nullable): pdf_text() of the PDF, %NULL without pdftotext
 *
 * The JSON carries the verdict sentence, the counts and every endpoint's
 * sender answers; the text and the PDF show what dup_verdict_needles()
 * lists (the PDF all but the chain's origins, which it may break across
 * lines in its narrow key column).
 */
void
check_verdict_in_every_format (StiDomainReport *report,
                               GBytes          *json,
                               GBytes          *text,
                               const char      *pdf_words)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) needles = verdict_needles (report, TRUE);
  g_autoptr(GPtrArray) pdf_needles = verdict_needles (report, FALSE);
  g_autofree char *text_str = g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  JsonObject *root;
  JsonObject *domain_verdict;
  JsonArray *host_array;

  json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  domain_verdict = json_object_get_object_member (root, "verdict");
  g_assert_cmpstr (json_object_get_string_member (domain_verdict, "sentence"), ==, verdict);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (domain_verdict,
                                                                              "counts"),
                                               "errors"),
                   ==, sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR));
  host_array = json_object_get_array_member (root, "hosts");
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));
      JsonArray *endpoint_array =
        json_object_get_array_member (json_array_get_object_element (host_array, i), "endpoints");

      for (guint j = 0; j < endpoints->len; j++)
        {
          g_autoptr(StiEndpointVerdict) expected =
            sti_endpoint_verdict_new (g_ptr_array_index (endpoints, j), report);
          JsonObject *obj = json_object_get_object_member (
            json_array_get_object_element (endpoint_array, j), "verdict");

          g_assert_cmpstr (json_object_get_string_member (obj, "validating"), ==,
                           sti_answer_to_string (sti_endpoint_verdict_get_validating (expected)));
          g_assert_cmpstr (json_object_get_string_member (obj, "dane_text"), ==,
                           sti_endpoint_verdict_get_dane_text (expected));
          g_assert_cmpstr (json_object_get_string_member (obj, "first_action"), ==,
                           sti_endpoint_verdict_get_first_action (expected));
        }
    }

  assert_contains_all ("text", text_str, needles, FALSE);
  if (pdf_words != NULL)
    assert_contains_all ("PDF", pdf_words, pdf_needles, TRUE);
}
