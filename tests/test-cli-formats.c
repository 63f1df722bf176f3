/* test-cli-formats.c: the CLI writing several formats from one check, and
 * rendering a saved JSON report again, run as a user runs it
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"

static char *cli;   /* the starttls-inspector-cli under test (argv[1]), absolute */
static char *tmpdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the CLI with the NULL-terminated arguments. */
static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, run);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run->status = cli_run (cli, tmpdir, (const char * const *)args->pdata, &run->out, &run->err);
}

/* Binary-safe: a PDF holds NUL bytes. */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

/* The names in @dir, sorted. */
static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* --format html,pdf,json --output DIR/: three files named for the domain
 * and the time, their names printed; --output NAME: NAME.html, … */
static void
test_several_formats (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "reports", NULL);
  g_autofree char *dir_arg = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *base = g_build_filename (tmpdir, "named", "valid.html", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) named = { 0 };
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *html = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;

  run_cli (&run, "--demo", "check", "valid.lab.test", "--format", "html,pdf,json", "--output",
           dir_arg, NULL);
  g_assert_cmpint (run.status, ==, 0);
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 3);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_str_has_prefix (name, "starttls-valid.lab.test-20"));
      g_assert_nonnull (strstr (name, "Z."));
      g_assert_nonnull (strstr (run.out, path));
    }
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 0), ".html"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 1), ".json"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (names, 2), ".pdf"));
  html = read_file (dir, g_ptr_array_index (names, 0));
  json = read_file (dir, g_ptr_array_index (names, 1));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_str_has_prefix (json, "{"));
  {
    g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, 2), NULL);
    gsize len = 0;

    g_assert_true (g_file_get_contents (path, &pdf, &len, NULL));
    g_assert_cmpmem (pdf, 5, "%PDF-", 5);
  }

  /* A base name: its extension, if it is a format's, is replaced. */
  run_cli (&named, "--demo", "check", "valid.lab.test", "--format", "md,text,json", "-o", base,
           NULL);
  g_assert_cmpint (named.status, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);
  {
    g_autofree char *named_dir = g_path_get_dirname (base);

    names = list_dir (named_dir);
  }
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "valid.json");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "valid.md");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "valid.txt");
}

/* Several formats cannot share standard output: a usage error, before any
 * check runs. */
static void
test_refused (void)
{
  const char *outputs[] = { NULL, "-" };

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_auto(Run) run = { 0 };

      if (outputs[i] == NULL)
        run_cli (&run, "check", "example.invalid", "--format", "html,pdf", NULL);
      else
        run_cli (&run, "check", "example.invalid", "--format", "html,pdf", "-o", outputs[i],
                 NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "Several formats cannot all go to standard output"));
      g_assert_cmpstr (run.out, ==, "");
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "check", "example.invalid", "--format", "html,docx", "-o", "x", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown format “docx”"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "check", "example.invalid", "--paper", "a3", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "Unknown paper “a3”"));
  }
}

/* render: a saved JSON in other formats, the same as the check wrote. */
static void
test_render (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "render", NULL);
  g_autofree char *base = g_build_filename (dir, "checked", NULL);
  g_autofree char *again = g_build_filename (dir, "again", NULL);
  g_autofree char *json_path = g_build_filename (dir, "checked.json", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_auto(Run) check = { 0 };
  g_auto(Run) render = { 0 };
  g_auto(Run) to_stdout = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) missing = { 0 };
  g_autofree char *md_checked = NULL;
  g_autofree char *md_again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pdf = NULL;
  gsize pdf_len = 0;

  run_cli (&check, "--demo", "check", "expired.lab.test", "--format", "json,md", "-o", base,
           NULL);
  g_assert_cmpint (check.status, ==, 1); /* the certificate expired */

  run_cli (&render, "render", json_path, "--format", "pdf,md", "--paper", "letter", "-o", again,
           NULL);
  g_assert_cmpint (render.status, ==, 0);
  md_checked = read_file (dir, "checked.md");
  md_again = read_file (dir, "again.md");
  g_assert_cmpstr (md_again, ==, md_checked);
  {
    g_autofree char *path = g_build_filename (dir, "again.pdf", NULL);

    g_assert_true (g_file_get_contents (path, &pdf, &pdf_len, NULL));
    g_assert_true (contains (pdf, pdf_len, "/MediaBox [ 0 0 612 792 ]"));
  }

  /* One format goes to standard output, as check would write it. */
  run_cli (&to_stdout, "render", json_path, "--format", "json", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  json = read_file (dir, "checked.json");
  g_assert_cmpstr (to_stdout.out, ==, json);

  /* A file that is no report: a usage error that names it. */
  g_assert_true (g_file_set_contents (bad_path, "{\"schema\": 1}", -1, NULL));
  run_cli (&bad, "render", bad_path, "--format", "pdf", "-o", "bad.pdf", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "bad.json is not a usable report"));
  run_cli (&missing, "render", "missing.json", "--format", "html", NULL);
  g_assert_cmpint (missing.status, ==, 2);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-cli-formats PATH-TO-starttls-inspector-cli");
  /* The CLI runs in a temporary directory. */
  cli = g_canonicalize_filename (argv[1], NULL);
  tmpdir = g_dir_make_tmp ("sti-cli-formats-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sti/cli-formats/several", test_several_formats);
  g_test_add_func ("/sti/cli-formats/refused", test_refused);
  g_test_add_func ("/sti/cli-formats/render", test_render);

  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  g_free (cli);
  return status;
}
