/* test-cli-assist.c: `request` and `bundle` (issue 15) run as a user runs
 * them: the files they write, their exit codes, and the guidance they print
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* posix_openpt(), grantpt(), ptsname() */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "certgen.h"
#include "cli-run.h"

static char *cli;   /* the starttls-inspector-cli under test (argv[1]), absolute */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sti-cli-assist-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Runs the CLI in the fixture's directory; returns its exit code. */
static int
run_cli (Fixture             *f,
         const char * const  *args,
         char               **out,
         char               **err)
{
  return cli_run (cli, f->dir, args, out, err);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* The DANE 3 1 1 value `request` prints for its key. */
static char *
fingerprint (const char *out)
{
  const char *p = strstr (out, "public key):\n    ");

  g_assert_nonnull (p);
  p += strlen ("public key):\n    ");
  return g_strndup (p, 64);
}

static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  const char *args[] = { "request", "mx1.example.org", "mx2.example.org", NULL };
  g_autofree char *out = NULL;
  g_autofree char *key_path = path_in (f, "mx1.example.org.key");
  g_autofree char *csr_path = path_in (f, "mx1.example.org.csr");
  g_autofree char *csr = NULL;
  g_autofree char *certbot = NULL;
  GStatBuf st;

  g_assert_cmpint (run_cli (f, args, &out, NULL), ==, 0);

  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  csr = read_text (csr_path);
  g_assert_nonnull (strstr (csr, "CERTIFICATE REQUEST-----"));

  /* What was made, what to keep secret, the next steps with real paths. */
  g_assert_nonnull (strstr (out, key_path));
  g_assert_nonnull (strstr (out, "Keep the key secret"));
  certbot = g_strdup_printf ("certbot certonly --standalone --csr %s", csr_path);
  g_assert_nonnull (strstr (out, certbot));
  g_assert_nonnull (strstr (out, "New-ExchangeCertificate -GenerateRequest -SubjectName "
                                 "\"CN=mx1.example.org\" -DomainName "
                                 "mx1.example.org,mx2.example.org"));
  g_assert_nonnull (strstr (out, "-DomainName: every name"));
  g_assert_nonnull (strstr (out, "Import-ExchangeCertificate"));
  g_assert_nonnull (strstr (out, "starttls-inspector-cli bundle --key"));
}

/* An existing key is never overwritten without --force; --key reuses it,
 * and the public key (the DANE 3 1 1 value) stays the same. */
static void
test_request_keys (Fixture       *f,
                   gconstpointer  data)
{
  const char *make[] = { "request", "--key-type", "ecdsa-p256", "mx.example.org", NULL };
  const char *force[] = { "request", "--force", "mx.example.org", NULL };
  const char *reuse[] = { "request", "--key", "mx.example.org.key", "mx.example.org",
                          "mx2.example.org", NULL };
  g_autofree char *key_path = path_in (f, "mx.example.org.key");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first_key = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *replaced = NULL;
  GStatBuf st;

  g_assert_cmpint (run_cli (f, make, &out, NULL), ==, 0);
  first = fingerprint (out);
  first_key = read_text (key_path);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, make, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "already exists"));
  g_assert_nonnull (strstr (err, "--force"));
  g_free (again);
  again = read_text (key_path);
  g_assert_cmpstr (again, ==, first_key);

  g_assert_cmpint (run_cli (f, reuse, &out, NULL), ==, 0);
  g_free (again);
  again = fingerprint (out);
  g_assert_cmpstr (again, ==, first);
  g_assert_nonnull (strstr (out, "reused"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, force, &out, NULL), ==, 0);
  replaced = read_text (key_path);
  g_assert_cmpstr (replaced, !=, first_key);
  g_assert_cmpint (g_stat (key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Bad input: exit 2, a clear message, nothing written. */
static void
test_request_bad_input (Fixture       *f,
                        gconstpointer  data)
{
  static const struct {
    const char *args[5];
    const char *message_part;
  } cases[] = {
    { { "request", "192.0.2.1", NULL }, "is an IP address" },
    { { "request", "mx.example.org", "MX.Example.org", NULL }, "same name" },
    { { "request", "*.example.org", NULL }, "wildcard" },
    { { "request", "mail", NULL }, "no dot" },
    { { "request", "bad_name.example.org", NULL }, "underscore" },
    { { "request", "--out-dir", "missing/dir", "mx.example.org", NULL }, "does not exist" },
    { { "request", "--key-type", "rsa-1024", "mx.example.org", NULL }, "Unknown key type" },
    { { "request", "--key", "nothing.pem", "mx.example.org", NULL }, "nothing.pem" },
    { { "request", NULL }, "at least one host name" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autoptr(GDir) dir = NULL;

      g_assert_cmpint (run_cli (f, cases[i].args, NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message_part));
      dir = g_dir_open (f->dir, 0, NULL);
      g_assert_null (g_dir_read_name (dir));
    }
}

/* A root, an intermediate and a leaf for mx1/mx2.example.org in the
 * fixture's directory: root.pem, shuffled.pem (root, leaf, intermediate),
 * leaf.key, other.key, pw. */
static void
write_pki (Fixture *f)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("CLI Test Root", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("CLI Test Intermediate", root);
  g_autoptr(CertgenCert) other = certgen_make_leaf ("other.example.org", NULL);
  g_autoptr(CertgenCert) leaf = NULL;
  CertgenOptions options = { 0, };
  const char *names[] = { "mx1.example.org", "mx2.example.org", NULL };
  g_autofree char *root_pem = certgen_pem (root);
  g_autofree char *int_pem = certgen_pem (intermediate);
  g_autofree char *leaf_pem = NULL;
  g_autofree char *shuffled = NULL;
  g_autofree char *leaf_key = NULL;
  g_autofree char *other_key = certgen_key_pem (other);
  struct { const char *name; const char *text; } files[6];

  options.common_name = "mx1.example.org";
  options.dns_names = names;
  options.key_purpose = GNUTLS_KP_TLS_WWW_SERVER;
  leaf = certgen_make (&options, intermediate);
  leaf_pem = certgen_pem (leaf);
  leaf_key = certgen_key_pem (leaf);
  shuffled = g_strconcat (root_pem, leaf_pem, int_pem, NULL);

  files[0].name = "root.pem", files[0].text = root_pem;
  files[1].name = "shuffled.pem", files[1].text = shuffled;
  files[2].name = "leaf.key", files[2].text = leaf_key;
  files[3].name = "other.key", files[3].text = other_key;
  files[4].name = "pw", files[4].text = "correct horse\n";
  files[5].name = "leaf.pem", files[5].text = leaf_pem;
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = path_in (f, files[i].name);

      write_text (path, files[i].text);
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_bundle (Fixture       *f,
             gconstpointer  data)
{
  const char *args[] = { "bundle", "--key", "leaf.key", "--name", "mx1.example.org",
                         "--name", "mx2.example.org", "--ca-file", "root.pem",
                         "--output", "full.pem", "--pkcs12", "mx1.pfx",
                         "--password-file", "pw", "shuffled.pem", NULL };
  g_autofree char *out = NULL;
  g_autofree char *full_path = path_in (f, "full.pem");
  g_autofree char *pfx_path = path_in (f, "mx1.pfx");
  g_autofree char *key_path = path_in (f, "leaf.key");
  g_autofree char *leaf_path = path_in (f, "leaf.pem");
  g_autofree char *full = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *postfix = NULL;
  GStatBuf st;

  write_pki (f);
  g_assert_cmpint (run_cli (f, args, &out, NULL), ==, 0);

  full = read_text (full_path);
  leaf = read_text (leaf_path);
  g_assert_true (g_str_has_prefix (full, leaf));
  g_assert_cmpuint (count (full, "BEGIN CERTIFICATE"), ==, 2);
  g_assert_cmpint (g_stat (pfx_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_nonnull (strstr (out, "Left out the root certificate"));
  g_assert_nonnull (strstr (out, "The chain verifies"));
  postfix = g_strdup_printf ("smtpd_tls_chain_files = %s, %s", key_path, full_path);
  g_assert_nonnull (strstr (out, postfix));
  g_assert_nonnull (strstr (out, "MAIN_TLS_CERTIFICATE"));
  g_assert_nonnull (strstr (out, "confSERVER_CERT"));
  g_assert_nonnull (strstr (out, "Import-ExchangeCertificate"));
  g_assert_nonnull (strstr (out, "starttls-inspector-cli check '[mx1.example.org]'"));
  g_assert_nonnull (strstr (out, "starttls-inspector-cli check example.org"));
}

/* Without --output the chain is the standard output, the report goes to
 * standard error. */
static void
test_bundle_stdout (Fixture       *f,
                    gconstpointer  data)
{
  const char *args[] = { "bundle", "--ca-file", "root.pem", "shuffled.pem", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  write_pki (f);
  g_assert_cmpint (run_cli (f, args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "-----BEGIN CERTIFICATE-----"));
  g_assert_cmpuint (count (out, "BEGIN CERTIFICATE"), ==, 2);
  g_assert_nonnull (strstr (err, "The chain verifies"));
}

/* A chain that would not verify: exit 1, the reason, nothing written. */
static void
test_bundle_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    const char *args[10];
    const char *reason;
  } cases[] = {
    { { "bundle", "--key", "other.key", "--ca-file", "root.pem", "-o", "full.pem",
        "shuffled.pem", NULL }, "does not belong to the certificate" },
    { { "bundle", "--name", "mx3.example.org", "--ca-file", "root.pem", "-o", "full.pem",
        "shuffled.pem", NULL }, "not for mx3.example.org" },
    { { "bundle", "-o", "full.pem", "shuffled.pem", NULL }, "trusted" },
  };

  write_pki (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *full_path = path_in (f, "full.pem");

      g_assert_cmpint (run_cli (f, cases[i].args, NULL, &err), ==, 1);
      g_assert_nonnull (strstr (err, "nothing was written"));
      g_assert_nonnull (strstr (err, cases[i].reason));
      g_assert_false (g_file_test (full_path, G_FILE_TEST_EXISTS));
    }
}

static void
test_bundle_bad_input (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *args[8];
    const char *message_part;
  } cases[] = {
    { { "bundle", NULL }, "needs the certificate files" },
    { { "bundle", "--pkcs12", "out.pfx", "shuffled.pem", NULL }, "--pkcs12 needs --key" },
    { { "bundle", "pw", NULL }, "pw: " },
    { { "bundle", "missing.pem", NULL }, "missing.pem" },
    { { "bundle", "--name", "192.0.2.1", "shuffled.pem", NULL }, "IP address" },
    { { "bundle", "--key", "root.pem", "shuffled.pem", NULL }, "not a private key" },
  };

  write_pki (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (f, cases[i].args, NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message_part));
    }
}

/* The commands and their flags are in --help. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  const char *main_help[] = { "--help", NULL };
  const char *request_help[] = { "request", "--help", NULL };
  const char *bundle_help[] = { "bundle", "--help", NULL };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (f, main_help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "request NAME…"));
  g_assert_nonnull (strstr (out, "bundle FILE…"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, request_help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--key-type"));
  g_assert_nonnull (strstr (out, "--out-dir"));
  g_assert_nonnull (strstr (out, "--force"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, bundle_help, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--pkcs12"));
  g_assert_nonnull (strstr (out, "--password-file"));
  g_assert_nonnull (strstr (out, "--ca-file"));
}

/* Whether the terminal behind @fd echoes what is typed. */
static gboolean
echoes (int fd)
{
  struct termios attrs;

  g_assert_cmpint (tcgetattr (fd, &attrs), ==, 0);
  return (attrs.c_lflag & ECHO) != 0;
}

/* Ctrl+C at the PKCS #12 password prompt: the user's terminal echoes again
 * afterwards, and the CLI ends as interrupted. Run on a pseudo-terminal
 * that is the CLI's controlling terminal, as a shell's is. */
static void
test_bundle_prompt_interrupted (Fixture       *f,
                                gconstpointer  data)
{
  const char *argv[] = { cli, "bundle", "--key", "leaf.key", "--ca-file", "root.pem",
                         "-o", "full.pem", "--pkcs12", "mx1.pfx", "shuffled.pem", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  gboolean prompted = FALSE;
  int master, terminal, status = 0;
  pid_t pid;

  write_pki (f);
  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  terminal = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (terminal, >=, 0);
  g_assert_true (echoes (terminal));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (setsid () < 0 || ioctl (terminal, TIOCSCTTY, 0) < 0 || dup2 (terminal, 0) < 0 ||
          dup2 (terminal, 1) < 0 || dup2 (terminal, 2) < 0 || chdir (f->dir) < 0)
        _exit (126);
      execv (cli, (char **)argv);
      _exit (127);
    }

  /* Drain what it prints until the prompt has turned echo off. */
  while (!prompted && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { master, POLLIN, 0 };
      char buf[4096];

      if (poll (&pfd, 1, 10) > 0 && read (master, buf, sizeof buf) <= 0)
        break;
      prompted = !echoes (terminal);
    }
  g_assert_true (prompted);

  g_assert_cmpint (write (master, "\003", 1), ==, 1);   /* Ctrl+C */
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGINT);
  g_assert_true (echoes (terminal));

  close (terminal);
  close (master);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, ==, 2);
  cli = g_canonicalize_filename (argv[1], NULL);

#define ADD(path, func) \
  g_test_add ("/sti/cli-assist/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("request", test_request);
  ADD ("request-keys", test_request_keys);
  ADD ("request-bad-input", test_request_bad_input);
  ADD ("bundle", test_bundle);
  ADD ("bundle-stdout", test_bundle_stdout);
  ADD ("bundle-refused", test_bundle_refused);
  ADD ("bundle-bad-input", test_bundle_bad_input);
  ADD ("bundle-prompt-interrupted", test_bundle_prompt_interrupted);
  ADD ("help", test_help);

#undef ADD

  return g_test_run ();
}
