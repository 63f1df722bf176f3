/* test-survey-cli.c: `survey` and `survey-merge` as a user runs them on the
 * demo lab: resume after a kill, shards that cover the list, a Postfix log
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "cli-run.h"

static char *cli;     /* the starttls-inspector-cli under test (argv[1]), absolute */
static char *tmpdir;

/* Some demo lab domains of every kind (good, broken, refusing, silent),
 * the same one twice, a comment and a bad line. */
static const char *const lab_domains[] = {
  "valid.lab.test", "expired.lab.test", "self-signed.lab.test", "name-mismatch.lab.test",
  "no-starttls.lab.test", "greeting-421.lab.test", "one-mx-down.lab.test", "null-mx.lab.test",
  "no-mx.lab.test", "mta-sts.lab.test", "dane.lab.test", "sni.lab.test",
  "connection-limit.lab.test", "old-tls.lab.test", "injection.lab.test", "wrong-order.lab.test",
};

static char *
write_list (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  GString *list = g_string_new ("# demo lab survey\n\n");

  for (guint i = 0; i < G_N_ELEMENTS (lab_domains); i++)
    g_string_append_printf (list, "%s\n", lab_domains[i]);
  g_string_append (list, "postmaster@VALID.lab.test\nnot a domain\n");
  g_assert_true (g_file_set_contents (path, list->str, list->len, NULL));
  g_string_free (list, TRUE);
  return g_steal_pointer (&path);
}

static int
run_cli (const char * const  *args,
         char               **err)
{
  return cli_run (cli, tmpdir, args, NULL, err);
}

/* Counts the domains of a results file; every line must be a whole report. */
static GHashTable *
read_results (const char *path,
              gboolean    allow_cut)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      const char *domain;

      if (lines[i][0] == '\0')
        {
          g_assert_cmpuint (i, ==, n - 1);   /* only after the last "\n" */
          continue;
        }
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL))
        {
          g_assert_true (allow_cut && i == n - 1);
          continue;
        }
      object = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (object, "schema"), ==,
                       "starttls-inspector-report");
      domain = json_object_get_string_member (object, "domain");
      g_hash_table_insert (count, g_strdup (domain),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count,
                                                                                    domain)) + 1));
    }
  return count;
}

static void
assert_each_once (GHashTable *count)
{
  g_assert_cmpuint (g_hash_table_size (count), ==, G_N_ELEMENTS (lab_domains));
  for (guint i = 0; i < G_N_ELEMENTS (lab_domains); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (count, lab_domains[i])), ==, 1);
}

static guint
count_lines (const char *path)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* Killed mid-run (SIGKILL: no clean-up at all), then resumed: every domain
 * in the file exactly once, the cut line gone. */
static void
test_resume_after_kill (void)
{
  g_autofree char *list = write_list ("resume.txt");
  g_autofree char *out = g_build_filename (tmpdir, "resume.jsonl", NULL);
  const char *argv[] = { cli, "--demo", "survey", list, "--output", out, "--concurrency", "1",
                         NULL };
  const char *resume[] = { "--demo", "survey", list, "--output", out, "--resume", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) count = NULL;
  g_autofree char *err = NULL;
  GPid pid;
  int status = 0;
  guint lines;

  g_spawn_async (tmpdir, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 600 && count_lines (out) < 3; i++)
    g_usleep (50000);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  lines = count_lines (out);
  g_test_message ("killed after %u lines", lines);
  g_assert_cmpuint (lines, >=, 3);
  g_assert_cmpuint (lines, <, G_N_ELEMENTS (lab_domains));

  /* What a kill in the middle of a write leaves. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (out);
    g_autoptr(GFileOutputStream) stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL,
                                                            &error);
    static const char cut[] = "{\"schema\":\"starttls-inspector-report\",\"domain\":\"val";

    g_assert_no_error (error);
    g_output_stream_write_all (G_OUTPUT_STREAM (stream), cut, strlen (cut), NULL, NULL, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpint (run_cli (resume, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Resuming:"));
  count = read_results (out, FALSE);
  assert_each_once (count);

  /* Nothing left: a second resume checks nothing. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (resume, &err), ==, 0);
  g_assert_nonnull (strstr (err, "0 domains checked"));

  g_remove (out);
  g_remove (list);
}

/* Three shards of one list: together every domain once; survey-merge
 * makes one file of them. Plus the usage errors a user meets. */
static void
test_shards_merge (void)
{
  g_autofree char *list = write_list ("shards.txt");
  g_autofree char *merged = g_build_filename (tmpdir, "merged.jsonl", NULL);
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) merged_count = NULL;
  char *outs[4] = { NULL };
  g_autofree char *err = NULL;

  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *shard = g_strdup_printf ("%u/3", k);
      g_autoptr(GHashTable) count = NULL;
      GHashTableIter iter;
      gpointer key, value;

      outs[k] = g_strdup_printf ("%s/shard-%u.jsonl", tmpdir, k);
      {
        const char *args[] = { "--demo", "survey", list, "--shard", shard, "--output", outs[k],
                               NULL };

        g_assert_cmpint (run_cli (args, NULL), ==, 0);
      }
      count = read_results (outs[k], FALSE);
      g_hash_table_iter_init (&iter, count);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (all, key));

          g_hash_table_insert (all, g_strdup (key), GUINT_TO_POINTER (seen + 1));
        }
    }
  assert_each_once (all);

  {
    const char *args[] = { "survey-merge", outs[0], outs[1], outs[2], outs[0], "--output",
                           merged, NULL };

    g_assert_cmpint (run_cli (args, &err), ==, 0);
    g_assert_nonnull (strstr (err, "Merged:"));
  }
  merged_count = read_results (merged, FALSE);
  assert_each_once (merged_count);

  /* Usage: --resume without --output; results not to be overwritten. */
  {
    const char *resume[] = { "--demo", "survey", list, "--resume", NULL };
    const char *again[] = { "--demo", "survey", list, "--output", merged, NULL };
    const char *bad_shard[] = { "--demo", "survey", list, "--shard", "3/3", NULL };

    g_assert_cmpint (run_cli (resume, NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (again, &err), !=, 0);
    g_assert_nonnull (strstr (err, "already holds results"));
    g_assert_cmpint (run_cli (bad_shard, NULL), ==, 2);
  }

  for (guint k = 0; k < 3; k++)
    {
      g_remove (outs[k]);
      g_free (outs[k]);
    }
  g_remove (merged);
  g_remove (list);
}

/* The domains of a Postfix log, weighted, with what Postfix logged. */
static void
test_postfix_log (void)
{
  g_autofree char *log = g_build_filename (tmpdir, "mail.log", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "postfix.jsonl", NULL);
  const char *args[] = { "--demo", "survey", "--postfix-log", log, "--output", out, NULL };
  static const char text[] =
    "Dec  3 10:00:00 mx postfix/smtp[11]: Verified TLS connection established to "
    "mx1.valid.lab.test[127.0.1.1]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384\n"
    "Dec  3 10:00:01 mx postfix/smtp[11]: 4F2A71C0A2B: to=<a@valid.lab.test>, "
    "relay=mx1.valid.lab.test[127.0.1.1]:25, delay=0.5, dsn=2.0.0, status=sent (250 OK)\n"
    "Dec  3 10:00:02 mx postfix/smtp[11]: 4F2A71C0A2C: to=<b@valid.lab.test>, "
    "relay=mx1.valid.lab.test[127.0.1.1]:25, conn_use=2, dsn=2.0.0, status=sent (250 OK)\n"
    "Dec  3 10:00:03 mx postfix/smtp[12]: 5A2A71C0A2B: to=<c@no-starttls.lab.test>, "
    "relay=mx.no-starttls.lab.test[127.0.1.9]:25, dsn=2.0.0, status=sent (250 OK)\n";
  g_autofree char *results = NULL;

  g_assert_true (g_file_set_contents (log, text, -1, NULL));
  g_assert_cmpint (run_cli (args, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &results, NULL, NULL));
  g_assert_nonnull (strstr (results, "\"survey_weight\":2,\"postfix_tls\":\"Verified\"}\n"));
  g_assert_nonnull (strstr (results, "\"survey_weight\":1,\"postfix_tls\":null}\n"));
  g_assert_cmpuint (count_lines (out), ==, 2);

  g_remove (out);
  g_remove (log);
}

/* The summary (JSON) and the policy map, from a run and from its file
 * again by survey-merge: the same figures. */
static void
test_summary_policy_map (void)
{
  g_autofree char *list = write_list ("summary.txt");
  g_autofree char *out = g_build_filename (tmpdir, "summary.jsonl", NULL);
  g_autofree char *summary = g_build_filename (tmpdir, "summary.json", NULL);
  g_autofree char *merged = g_build_filename (tmpdir, "merged-summary.json", NULL);
  g_autofree char *map = g_build_filename (tmpdir, "tls_policy", NULL);
  const char *args[] = { "--demo", "survey", list, "--output", out, "--summary", summary,
                         "--summary-format", "json", "--policy-map", map, NULL };
  const char *merge[] = { "survey-merge", out, "--summary", merged, "--summary-format", "json",
                          NULL };
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *table = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpint (run_cli (args, NULL), ==, 0);
  g_assert_true (g_file_get_contents (summary, &text, NULL, NULL));
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  g_assert_true (g_file_get_contents (map, &table, NULL, NULL));
  g_assert_nonnull (strstr (table, "\nvalid.lab.test secure match="));
  g_assert_nonnull (strstr (table, "\nno-starttls.lab.test may\n"));

  g_assert_cmpint (run_cli (merge, NULL), ==, 0);
  g_assert_true (g_file_get_contents (merged, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, text);

  g_remove (out);
  g_remove (summary);
  g_remove (merged);
  g_remove (map);
  g_remove (list);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-survey-cli PATH-TO-starttls-inspector-cli");
  cli = g_canonicalize_filename (argv[1], NULL);
  tmpdir = g_dir_make_tmp ("sti-survey-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/survey/cli/resume-after-kill", test_resume_after_kill);
  g_test_add_func ("/survey/cli/shards-merge", test_shards_merge);
  g_test_add_func ("/survey/cli/postfix-log", test_postfix_log);
  g_test_add_func ("/survey/cli/summary-policy-map", test_summary_policy_map);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (cli);
  return status;
}
