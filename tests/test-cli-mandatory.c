/* test-cli-mandatory.c: `starttls-inspector-cli mandatory` on demo lab
 * domains, run as a user runs it: the records for a domain that passes,
 * what to fix for one that does not, and the exit codes
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-run.h"

static char *cli;   /* the starttls-inspector-cli under test (argv[1]), absolute */

/* Runs the CLI with @args; returns its exit code and its standard output. */
static int
run_cli (const char * const  *args,
         char               **out)
{
  return cli_run (cli, NULL, args, out, NULL);
}

/* A domain whose two MX hosts pass: every record, ready, exit 0. */
static void
test_ready (void)
{
  const char *args[] = { "--demo", "mandatory", "valid.lab.test", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (args, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Every mail server of valid.lab.test passes"));
  g_assert_nonnull (strstr (out, "mx: mx1.valid.lab.test\n"));
  g_assert_nonnull (strstr (out, "mx: mx2.valid.lab.test\n"));
  g_assert_nonnull (strstr (out, "mode: testing\n"));
  g_assert_nonnull (strstr (out, "mode: enforce\n"));
  g_assert_nonnull (strstr (out, "https://mta-sts.valid.lab.test/.well-known/mta-sts.txt"));
  g_assert_nonnull (strstr (out, "_mta-sts.valid.lab.test. IN TXT \"v=STSv1; id="));
  g_assert_nonnull (strstr (out, "_smtp._tls.valid.lab.test. IN TXT \"v=TLSRPTv1; rua=mailto:"));
  g_assert_nonnull (strstr (out, "placeholder"));
  g_assert_nonnull (strstr (out, "_25._tcp.mx1.valid.lab.test. IN TLSA 3 1 1 "));
  g_assert_nonnull (strstr (out, "_25._tcp.mx2.valid.lab.test. IN TLSA 2 1 1 "));
  g_assert_null (strstr (out, "Fix first"));
}

/* An expired certificate: what to fix first, no record, exit 1. */
static void
test_fix_first (void)
{
  const char *args[] = { "--demo", "mandatory", "expired.lab.test", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (args, &out), ==, 1);
  g_assert_nonnull (strstr (out, "Fix first:"));
  g_assert_nonnull (strstr (out, "mx1.expired.lab.test at "));
  g_assert_nonnull (strstr (out, "What to do: "));
  g_assert_nonnull (strstr (out, "starttls-inspector-cli explain cert-expired"));
  g_assert_null (strstr (out, "IN TLSA"));
  g_assert_null (strstr (out, "v=STSv1"));
}

/* No STARTTLS at all: the same, with its own fix. */
static void
test_no_starttls (void)
{
  const char *args[] = { "--demo", "mandatory", "no-starttls.lab.test", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (args, &out), ==, 1);
  g_assert_nonnull (strstr (out, "explain starttls-not-offered"));
}

/* A server that turns the check away for now: check again later, 4. */
static void
test_incomplete (void)
{
  const char *args[] = { "--demo", "mandatory", "greeting-421.lab.test", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (args, &out), ==, 4);
  g_assert_nonnull (strstr (out, "check again later"));
}

static void
test_json (void)
{
  const char *args[] = { "--demo", "--json", "mandatory", "dane.lab.test", NULL };
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  g_assert_cmpint (run_cli (args, &out), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (root, "domain"), ==, "dane.lab.test");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sections")),
                    ==, 4);
}

static void
test_usage (void)
{
  const char *html[] = { "--demo", "--format", "html", "mandatory", "valid.lab.test", NULL };
  const char *none[] = { "mandatory", NULL };
  const char *lab[] = { "mandatory", "valid.lab.test", NULL };
  g_autofree char *out1 = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;

  g_assert_cmpint (run_cli (html, &out1), ==, 2);
  g_assert_cmpint (run_cli (none, &out2), ==, 2);
  g_assert_cmpint (run_cli (lab, &out3), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-CLI\n", argv[0]);
      return 2;
    }
  cli = g_canonicalize_filename (argv[1], NULL);

  g_test_add_func ("/sti/cli-mandatory/ready", test_ready);
  g_test_add_func ("/sti/cli-mandatory/fix-first", test_fix_first);
  g_test_add_func ("/sti/cli-mandatory/no-starttls", test_no_starttls);
  g_test_add_func ("/sti/cli-mandatory/incomplete", test_incomplete);
  g_test_add_func ("/sti/cli-mandatory/json", test_json);
  g_test_add_func ("/sti/cli-mandatory/usage", test_usage);

  return g_test_run ();
}
