/* test-cli-exit.c: the CLI's exit codes as README.md defines them, one
 * class of result after another, and its messages for bad input, run as a
 * user runs it
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-run.h"

static char *cli;   /* the starttls-inspector-cli under test (argv[1]), absolute */
static char *tmpdir;

/* Runs the CLI with @args; returns its exit code, and its standard error
 * in @err when asked for. */
static int
run_cli (const char * const  *args,
         char               **err)
{
  return cli_run (cli, tmpdir, args, NULL, err);
}

/* One demo lab domain per class of result. */
static void
test_lab_classes (void)
{
  static const struct {
    const char *domain;
    int         code;
  } cases[] = {
    { "valid.lab.test", 0 },               /* secure */
    { "dane-unsigned.lab.test", 0 },       /* verified; a warning only */
    { "null-mx.lab.test", 0 },             /* no mail server, nothing insecure */
    { "expired.lab.test", 1 },             /* an error */
    { "no-starttls.lab.test", 1 },         /* an error */
    { "old-tls.lab.test", 1 },             /* only TLS1.1: OpenSSL 3 senders refuse it */
    { "greeting-421.lab.test", 4 },        /* only a temporary refusal */
    { "one-mx-down.lab.test", 4 },         /* secure where reached; one not reached */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "--demo", "check", cases[i].domain, "--format", "json", NULL };

      g_test_message ("%s", cases[i].domain);
      g_assert_cmpint (run_cli (args, NULL), ==, cases[i].code);
    }
}

/* A server that takes the connection and never greets: a timeout, a
 * warning, so 4 and not 1. */
static void
test_timeout (void)
{
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *err = NULL;
  const char *args[] = {
    "--dns-server", "127.0.0.1@9", "--timeout", "1", "check", NULL, "--format", "json", NULL,
  };

  g_assert_nonnull (listener);
  g_socket_bind (listener, any, TRUE, &error);
  g_assert_no_error (error);
  /* The kernel completes the handshake from the backlog; nobody accepts. */
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  target = g_strdup_printf ("[127.0.0.1]:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  args[5] = target;

  g_assert_cmpint (run_cli (args, &err), ==, 4);
}

/* Punycode that decodes to a control character or to nothing is an input
 * error (2) that names the label; a good IDN is checked. */
static void
test_a_labels (void)
{
  static const char *bad[] = { "xn--ba.example", "[xn--zz.example]", "[xn--zz.example]:25" };
  const char *good[] = {
    "--dns-server", "127.0.0.1@9", "--timeout", "1", "check", "xn--bcher-kva.example", NULL,
  };
  g_autofree char *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *args[] = { "check", bad[i], NULL };
      g_autofree char *message = NULL;

      g_assert_cmpint (run_cli (args, &message), ==, 2);
      g_assert_nonnull (strstr (message, "not valid punycode"));
      g_assert_nonnull (strstr (message, "“xn--"));
    }

  /* Not refused: the (unreachable) DNS makes it an error of the check. */
  g_assert_cmpint (run_cli (good, &err), ==, 1);
  g_assert_null (strstr (err, "punycode"));
}

/* File names echoed on standard error are sanitized like any text. */
static void
test_compare_file_names (void)
{
  g_autofree char *bad = g_build_filename (tmpdir, "bad\x1b[31m.json", NULL);
  g_autofree char *err_missing = NULL;
  g_autofree char *err_bad = NULL;
  const char *missing_args[] = { "compare", "old\x1b]0;pwned\x07.json", "new.json", NULL };
  const char *bad_args[] = { "compare", bad, bad, NULL };

  g_assert_cmpint (run_cli (missing_args, &err_missing), ==, 2);
  g_assert_null (strchr (err_missing, '\x1b'));
  g_assert_null (strchr (err_missing, '\x07'));
  g_assert_nonnull (strstr (err_missing, "old\\x1B]0;pwned\\x07.json"));

  g_assert_true (g_file_set_contents (bad, "{\"schema\": 1}", -1, NULL));
  g_assert_cmpint (run_cli (bad_args, &err_bad), ==, 2);
  g_assert_null (strchr (err_bad, '\x1b'));
  g_assert_nonnull (strstr (err_bad, "bad\\x1B[31m.json is not a usable report"));
  g_unlink (bad);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-cli-exit PATH-TO-starttls-inspector-cli");
  cli = g_canonicalize_filename (argv[1], NULL);
  tmpdir = g_dir_make_tmp ("sti-cli-exit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sti/cli-exit/lab-classes", test_lab_classes);
  g_test_add_func ("/sti/cli-exit/timeout", test_timeout);
  g_test_add_func ("/sti/cli-exit/a-labels", test_a_labels);
  g_test_add_func ("/sti/cli-exit/compare-file-names", test_compare_file_names);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (cli);
  return status;
}
