/* test-bounded-render.c: a list a server controls stays short wherever
 * people read it. One certificate with 5,000 names makes a finding detail,
 * a text, HTML, Markdown and PDF report of a few pages, each naming the
 * first STI_FORMAT_LIST_MAX names and the count of the rest; the JSON keeps
 * all 5,000.
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sti-format.h"

#include "certgen.h"
#include "fake-smtp.h"
#include "report-export-checks.h"
#include "test-time.h"

#define N_NAMES 5000

static char *cli;   /* the starttls-inspector-cli under test (argv[1]) */

/* Sizes a report with 5,000 names stays under (before: 110 KB for the
 * detail alone, 1.1 MB of HTML, 163 PDF pages). */
#define MAX_DETAIL_CHARS  2000
#define MAX_TEXT_BYTES    (16 * 1024)
#define MAX_HTML_BYTES    (100 * 1024)
#define MAX_MD_BYTES      (48 * 1024)
#define MAX_PDF_PAGES     12   /* name-mismatch.lab.test makes 7 */
#define MAX_SECONDS       30

static void
test_format_bounded_list (void)
{
  const char *three[] = { "a", "b", "c", NULL };
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *none = sti_format_bounded_list (NULL, -1, ", ", 0);
  g_autofree char *empty = sti_format_bounded_list (three, 0, ", ", 0);
  g_autofree char *one = sti_format_bounded_list (three, 1, ", ", 0);
  g_autofree char *all = sti_format_bounded_list (three, -1, ", ", 3);
  g_autofree char *cut = sti_format_bounded_list (three, -1, ", ", 2);
  g_autofree char *lines = sti_format_bounded_list (three, -1, "\n", 1);
  g_autofree char *at_max = NULL;
  g_autofree char *over_max = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *last_shown = g_strdup_printf ("n%u", STI_FORMAT_LIST_MAX - 1);
  g_autofree char *first_hidden = g_strdup_printf ("n%u", STI_FORMAT_LIST_MAX);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (one, ==, "a");
  g_assert_cmpstr (all, ==, "a, b, c");
  g_assert_cmpstr (cut, ==, "a, b and 1 more");
  /* After a line break the tail gets a line of its own. */
  g_assert_cmpstr (lines, ==, "a\nand 2 more");

  for (guint i = 0; i < STI_FORMAT_LIST_MAX + 1; i++)
    g_ptr_array_add (many, g_strdup_printf ("n%u", i));
  at_max = sti_format_bounded_list ((const char * const *)many->pdata, STI_FORMAT_LIST_MAX,
                                    ", ", 0);
  over_max = sti_format_bounded_list ((const char * const *)many->pdata, many->len, ", ", 0);
  g_assert_null (strstr (at_max, "more"));
  g_assert_true (g_str_has_suffix (at_max, last_shown));
  expected = g_strdup_printf ("n%u and 1 more", STI_FORMAT_LIST_MAX - 1);
  g_assert_true (g_str_has_suffix (over_max, expected));
  g_assert_null (strstr (over_max, first_hidden));
}

/* Credentials for a leaf with N_NAMES DNS names, none of them 127.0.0.1,
 * so the check reports a name mismatch that quotes them. */
static StiTlsCredentials *
many_names_credentials (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("STI Bounded CA", NULL);
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_datum_t out = { NULL, 0 };
  CertgenOptions options = { .common_name = "host0000.bounded.test" };
  StiTlsCredentials *creds;

  for (guint i = 0; i < N_NAMES; i++)
    g_ptr_array_add (names, g_strdup_printf ("host%04u.bounded.test", i));
  g_ptr_array_add (names, NULL);
  options.dns_names = (const char * const *)names->pdata;
  leaf = certgen_make (&options, ca);

  chain = certgen_der_chain (leaf, ca, NULL);
  g_assert_cmpint (gnutls_x509_privkey_export2 (leaf->key, GNUTLS_X509_FMT_DER, &out), ==, 0);
  key = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  creds = sti_tls_credentials_new (chain, key, &error);
  g_assert_no_error (error);

  return creds;
}

static void
cli_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error);
  g_assert_no_error (error);
  *done = TRUE;
}

/* Runs the CLI on the fake, as a user would, writing every format from one
 * check into @dir; returns the seconds it took. */
static double
run_cli (FakeSmtp   *fake,
         const char *dir)
{
  g_autofree char *input = g_strdup_printf ("[127.0.0.1]:%u", fake->port);
  g_autofree char *base = g_build_filename (dir, "report", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean done = FALSE;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--timeout", "20",
                           "--dns-server", "127.0.0.1@9", "--format", "json,text,html,md,pdf",
                           "-o", base, "check", input, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, cli_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

static char *
read_report (const char *dir,
             const char *extension,
             gsize      *length)
{
  g_autofree char *name = g_strconcat ("report.", extension, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", name, *length);
  return contents;
}

static JsonObject *
find_finding (JsonNode   *node,
              const char *id)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (json_object_has_member (object, "id") && json_object_has_member (object, "detail") &&
          g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonObject *found = find_finding (json_object_get_member (object, l->data), id);

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_finding (json_array_get_element (array, i), id);

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

static guint
pdf_pages (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return (guint)g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
test_five_thousand_names (void)
{
  g_autoptr(StiTlsCredentials) creds = many_names_credentials ();
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, creds);
  g_autofree char *dir = g_dir_make_tmp ("sti-bounded-XXXXXX", NULL);
  g_autofree char *rest = g_strdup_printf ("and %'u more", N_NAMES - STI_FORMAT_LIST_MAX);
  g_autofree char *json = NULL, *text = NULL, *html = NULL, *md = NULL, *pdf = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *mismatch;
  const char *detail;
  gsize len;
  double seconds;

  seconds = run_cli (fake, dir);
  g_test_message ("the check and five formats took %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, MAX_SECONDS * test_time_factor ());

  /* The JSON keeps every name; its detail shows a few and the count. */
  json = read_report (dir, "json", &len);
  json_parser_load_from_data (parser, json, len, &error);
  g_assert_no_error (error);
  mismatch = find_finding (json_parser_get_root (parser), "cert-name-mismatch");
  g_assert_nonnull (mismatch);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (mismatch, "params"), "names")), ==, N_NAMES);
  g_assert_nonnull (strstr (json, "\"host4999.bounded.test\""));
  detail = json_object_get_string_member (mismatch, "detail");
  g_assert_cmpuint (strlen (detail), <, MAX_DETAIL_CHARS);
  g_assert_nonnull (strstr (detail, rest));

  text = read_report (dir, "txt", &len);
  g_assert_cmpuint (len, <, MAX_TEXT_BYTES);
  g_assert_nonnull (strstr (text, rest));
  g_assert_null (strstr (text, "host4999"));

  html = read_report (dir, "html", &len);
  g_assert_cmpuint (len, <, MAX_HTML_BYTES);
  g_assert_nonnull (strstr (html, rest));
  g_assert_null (strstr (html, "host4999"));

  md = read_report (dir, "md", &len);
  g_assert_cmpuint (len, <, MAX_MD_BYTES);
  g_assert_nonnull (strstr (md, rest));
  g_assert_null (strstr (md, "host4999"));

  pdf = read_report (dir, "pdf", &len);
  if (have_program ("pdfinfo"))
    {
      guint pages = pdf_pages (dir);

      g_test_message ("report.pdf: %u pages", pages);
      g_assert_cmpuint (pages, <=, MAX_PDF_PAGES);
    }

  for (const char *const *ext = (const char *[]){ "json", "txt", "html", "md", "pdf", NULL };
       *ext != NULL; ext++)
    {
      g_autofree char *name = g_strconcat ("report.", *ext, NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s STARTTLS-INSPECTOR-CLI\n", argv[0]);
      return 2;
    }
  cli = argv[1];

  g_test_add_func ("/bounded-render/format-bounded-list", test_format_bounded_list);
  g_test_add_func ("/bounded-render/five-thousand-names", test_five_thousand_names);

  return g_test_run ();
}
