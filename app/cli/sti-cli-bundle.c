/* sti-cli-bundle.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-certificate.h"

#include "sti-certificate-guidance.h"
#include "sti-certificate-names.h"
#include "sti-chain-bundle.h"
#include "sti-private-key.h"
#include "sti-secret-file.h"
#include "sti-trust-store.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* `bundle`: the chain file (and a .pfx for Exchange) from the files a CA
 * sent, checked as a verifying sender would check it. With --output, the
 * report goes to standard output; without, the chain file does and the
 * report goes to standard error. Nothing is written when the chain would
 * not verify: exit 1, with the reasons. */

typedef struct
{
  char     *key;
  char    **names;
  char    **ca_files;
  char     *output;
  char     *pkcs12;
  char     *password_file;
  char    **files;
} BundleOptions;

static void
bundle_options_clear (BundleOptions *o)
{
  g_clear_pointer (&o->key, g_free);
  g_clear_pointer (&o->names, g_strfreev);
  g_clear_pointer (&o->ca_files, g_strfreev);
  g_clear_pointer (&o->output, g_free);
  g_clear_pointer (&o->pkcs12, g_free);
  g_clear_pointer (&o->password_file, g_free);
  g_clear_pointer (&o->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BundleOptions, bundle_options_clear)

static GOptionContext *
bundle_context (BundleOptions *o)
{
  const GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &o->key,
      N_("The server's private key: picks its certificate and must match it"), N_("KEY.pem") },
    { "name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->names,
      N_("A host name the certificate must cover (repeatable)"), N_("NAME") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->ca_files,
      N_("Also trust the CA certificates in PATH (your own CA; repeatable)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      N_("Write the chain file here (default: standard output)"), N_("FULLCHAIN.pem") },
    { "pkcs12", 0, 0, G_OPTION_ARG_FILENAME, &o->pkcs12,
      N_("Also write key and chain as a password-protected PKCS #12 file for Exchange "
         "(needs --key)"), N_("OUT.pfx") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &o->password_file,
      N_("Read the PKCS #12 password from the first line of FILE (default: ask)"),
      N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->files, NULL, N_("FILE…") },
    { NULL }
  };

  return sti_cli_command_context_new (_("— put a certificate and its intermediates into one "
                                        "checked chain file"),
                                      entries,
    _("FILE… are what the certificate authority sent, in any order and format: PEM,\n"
      "DER, PKCS #7 (.p7b, .p7c) or a bundle. The server's certificate comes first,\n"
      "then each intermediate; a missing intermediate is fetched from the address\n"
      "the certificate names (AIA); a root is left out. The chain is verified against\n"
      "the system's trust store (plus --ca-file), the key, every --name, the dates\n"
      "and the strength of keys and signatures.\n"
      "\n"
      "Exit status: 0 written and verified; 1 the chain would not verify (nothing\n"
      "is written; the reasons are printed); 2 usage or input error; 3 the trust\n"
      "store could not be loaded.\n"));
}

/* One run of the build on the main loop. */
typedef struct
{
  GMainLoop *loop;
  gboolean   built;
  GError    *error;
} BuildRun;

static void
build_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BuildRun *run = user_data;

  run->built = sti_chain_bundle_build_finish (STI_CHAIN_BUNDLE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static StiTrustStore *
load_trust (char   **ca_files,
            GError **error)
{
  g_autoptr(StiTrustStore) trust = sti_trust_store_new (TRUE, error);

  if (trust == NULL)
    return NULL;

  for (guint i = 0; ca_files != NULL && ca_files[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!sti_trust_store_add_ca_file (trust, ca_files[i], &local_error))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a file name, then what is wrong with it */
                       _("Cannot use the certificate authority file %s: %s"),
                       ca_files[i], local_error->message);
          return NULL;
        }
    }

  return g_steal_pointer (&trust);
}

/* The terminal as it was before the password prompt turned echo off.
 * Ctrl+C (or a kill) while the prompt waits must not leave the user's
 * shell without echo: the handler puts the terminal back and dies of the
 * signal as before. Only async-signal-safe calls in the handler. */
static const int prompt_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static struct termios prompt_terminal;
static struct sigaction prompt_previous[G_N_ELEMENTS (prompt_signals)];

static void
prompt_signal_handler (int signum)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &prompt_terminal);
  for (guint i = 0; i < G_N_ELEMENTS (prompt_signals); i++)
    if (prompt_signals[i] == signum)
      sigaction (signum, &prompt_previous[i], NULL);
  raise (signum);
}

static void
prompt_catch_signals (gboolean catch)
{
  for (guint i = 0; i < G_N_ELEMENTS (prompt_signals); i++)
    {
      if (catch)
        {
          struct sigaction action = { .sa_handler = prompt_signal_handler };

          sigemptyset (&action.sa_mask);
          sigaction (prompt_signals[i], &action, &prompt_previous[i]);
        }
      else
        sigaction (prompt_signals[i], &prompt_previous[i], NULL);
    }
}

/* A line from the terminal, not echoed. */
static char *
ask_secret (const char *prompt)
{
  struct termios quiet;
  char line[1024];
  gboolean echo_off;
  char *answer = NULL;

  g_printerr ("%s", prompt);
  echo_off = tcgetattr (STDIN_FILENO, &prompt_terminal) == 0;
  if (echo_off)
    {
      quiet = prompt_terminal;
      quiet.c_lflag &= ~(tcflag_t)ECHO;
      prompt_catch_signals (TRUE);
      echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
      if (!echo_off)
        prompt_catch_signals (FALSE);
    }

  if (fgets (line, sizeof line, stdin) != NULL)
    {
      line[strcspn (line, "\r\n")] = '\0';
      answer = g_strdup (line);
    }
  explicit_bzero (line, sizeof line);

  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &prompt_terminal);
      prompt_catch_signals (FALSE);
    }
  g_printerr ("\n");

  return answer;
}

/* The password of the PKCS #12 file: the first line of --password-file,
 * else asked twice on the terminal, without echo. */
static char *
read_password (const char  *password_file,
               GError     **error)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (password_file != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (password_file, &contents, NULL, error))
        return NULL;
      contents[strcspn (contents, "\r\n")] = '\0';
      return g_steal_pointer (&contents);
    }

  if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The PKCS #12 file needs a password: give --password-file FILE, "
                             "or run this on a terminal to be asked."));
      return NULL;
    }

  first = ask_secret (_("Password for the PKCS #12 file: "));
  second = ask_secret (_("The same password again: "));
  if (first == NULL || second == NULL || !g_str_equal (first, second))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The two passwords differ."));
      return NULL;
    }

  return g_steal_pointer (&first);
}

static void
print_chain (FILE           *out,
             StiChainBundle *bundle)
{
  GPtrArray *chain = sti_chain_bundle_get_chain (bundle);
  GPtrArray *lists[] = { sti_chain_bundle_get_notes (bundle),
                         sti_chain_bundle_get_warnings (bundle) };
  const char *headings[] = { N_("What was done:"), N_("Worth knowing:") };

  fprintf (out, "%s\n", _("The chain file, in order:"));
  for (guint i = 0; i < chain->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (chain, i);
      g_autofree char *until = g_date_time_format (sti_certificate_get_not_after (cert),
                                                   "%Y-%m-%d");

      /* Translators: a numbered line: the certificate's subject, its issuer, its end date */
      fprintf (out, _("  %u. %s\n     issued by %s, valid until %s\n"), i + 1,
               sti_certificate_get_subject (cert), sti_certificate_get_issuer (cert), until);
    }

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      if (lists[l]->len == 0)
        continue;
      fprintf (out, "\n%s\n", _(headings[l]));
      for (guint i = 0; i < lists[l]->len; i++)
        fprintf (out, "  • %s\n", (const char *)g_ptr_array_index (lists[l], i));
    }
}

static StiCliExit
write_outputs (BundleOptions  *o,
               StiChainBundle *bundle,
               StiPrivateKey  *key,
               FILE           *out)
{
  g_autoptr(GBytes) pem = sti_chain_bundle_dup_pem (bundle);
  g_autoptr(GError) error = NULL;

  if (o->pkcs12 != NULL)
    {
      g_autofree char *password = read_password (o->password_file, &error);
      g_autoptr(GBytes) pfx = NULL;

      if (password == NULL || password[0] == '\0')
        {
          sti_cli_print_message (error != NULL ? error->message
                                             : _("The PKCS #12 password cannot be empty."));
          return STI_CLI_EXIT_USAGE;
        }
      pfx = sti_chain_bundle_dup_pkcs12 (bundle, key, password, &error);
      explicit_bzero (password, strlen (password));
      if (pfx == NULL || !sti_secret_file_write (o->pkcs12, pfx, TRUE, &error))
        {
          sti_cli_print_message (error->message);
          return STI_CLI_EXIT_USAGE;
        }
      /* Translators: %s is a file name */
      fprintf (out, _("Wrote %s (key and chain, password-protected, readable by you alone)\n"),
               o->pkcs12);
    }

  if (o->output == NULL)
    {
      fwrite (g_bytes_get_data (pem, NULL), 1, g_bytes_get_size (pem), stdout);
      return STI_CLI_EXIT_SECURE;
    }

  if (!g_file_set_contents (o->output, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem),
                            &error))
    {
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_USAGE;
    }
  /* Translators: %s is a file name */
  fprintf (out, _("Wrote %s (the chain file: your certificate first, then its "
                  "intermediates)\n"), o->output);

  return STI_CLI_EXIT_SECURE;
}

static void
print_guidance (BundleOptions  *o,
                StiChainBundle *bundle,
                FILE           *out)
{
  g_autofree char *key = o->key != NULL ? g_canonicalize_filename (o->key, NULL) : NULL;
  g_autofree char *chain = o->output != NULL ? g_canonicalize_filename (o->output, NULL) : NULL;
  g_autofree char *pfx = o->pkcs12 != NULL ? g_canonicalize_filename (o->pkcs12, NULL) : NULL;
  g_autofree char *text = NULL;
  StiCertificate *leaf = g_ptr_array_index (sti_chain_bundle_get_chain (bundle), 0);
  StiBundleGuidance g = { NULL, };

  g.names = o->names != NULL ? (const char * const *)o->names
                             : sti_certificate_get_dns_names (leaf);
  g.key_path = key;
  g.chain_path = chain;
  g.pkcs12_path = pfx;
  text = sti_certificate_guidance_after_bundle (&g);
  fprintf (out, "%s", text);
}

static StiCliExit
run_bundle (BundleOptions  *o,
            StiChainBundle *bundle,
            StiPrivateKey  *key,
            StiTrustStore  *trust)
{
  StiChainBundleOptions options;
  BuildRun run = { NULL, };
  FILE *out = o->output != NULL ? stdout : stderr;
  GPtrArray *problems;
  StiCliExit status;

  sti_chain_bundle_options_init (&options);
  options.trust = trust;
  run.loop = g_main_loop_new (NULL, FALSE);
  sti_chain_bundle_build_async (bundle, &options, NULL, build_done_cb, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  if (!run.built)
    {
      sti_cli_print_message (run.error->message);
      g_error_free (run.error);
      return STI_CLI_EXIT_USAGE;
    }

  print_chain (out, bundle);
  problems = sti_chain_bundle_get_problems (bundle);
  if (!sti_chain_bundle_get_verified (bundle))
    {
      /* In order after the chain, even when standard output is a pipe. */
      fflush (out);
      fprintf (stderr, "\n%s\n", _("This chain would not verify, so nothing was written:"));
      for (guint i = 0; i < problems->len; i++)
        fprintf (stderr, "  • %s\n", (const char *)g_ptr_array_index (problems, i));
      if (problems->len == 0)
        fprintf (stderr, "  • %s\n", _("A verifying sender would not accept it."));
      return STI_CLI_EXIT_FINDINGS;
    }

  fprintf (out, "\n%s\n", _("The chain verifies: a sender that checks certificates accepts it."));
  status = write_outputs (o, bundle, key, out);
  if (status == STI_CLI_EXIT_SECURE)
    print_guidance (o, bundle, out);

  return status;
}

/* Reads the input; says what is wrong with it (exit 2) or runs. */
static StiCliExit
prepare (BundleOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiPrivateKey) key = NULL;
  g_autoptr(StiTrustStore) trust = NULL;
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_auto(GStrv) names = NULL;

  if (o->names != NULL)
    {
      names = sti_certificate_names_parse ((const char * const *)o->names, &error);
      if (names == NULL)
        {
          sti_cli_print_message (error->message);
          return STI_CLI_EXIT_USAGE;
        }
      sti_chain_bundle_set_names (bundle, (const char * const *)names);
      g_strfreev (o->names);
      o->names = g_strdupv (names);
    }

  if (o->key != NULL)
    {
      g_autoptr(GBytes) data = sti_cli_read_small_file (o->key, &error);

      if (data != NULL)
        key = sti_private_key_new_from_data (data, &error);
      if (key == NULL)
        {
          /* Translators: %s is a file name, then what is wrong with it */
          g_printerr (_("%s: %s\n"), o->key, error->message);
          return STI_CLI_EXIT_USAGE;
        }
      sti_chain_bundle_set_key (bundle, key);
    }

  for (guint i = 0; o->files[i] != NULL; i++)
    {
      g_autoptr(GBytes) data = sti_cli_read_small_file (o->files[i], &error);

      if (data == NULL || !sti_chain_bundle_add_data (bundle, o->files[i], data, &error))
        {
          sti_cli_print_message (error->message);
          return STI_CLI_EXIT_USAGE;
        }
    }

  trust = load_trust (o->ca_files, &error);
  if (trust == NULL)
    {
      sti_cli_print_message (error->message);
      return o->ca_files != NULL ? STI_CLI_EXIT_USAGE : STI_CLI_EXIT_NO_CHECK;
    }

  return run_bundle (o, bundle, key, trust);
}

StiCliExit
sti_cli_cmd_bundle (int    argc,
                    char **argv)
{
  g_auto(BundleOptions) o = { NULL, };
  g_autoptr(GOptionContext) context = bundle_context (&o);
  g_autoptr(GError) error = NULL;

  /* The usage line names the program and the command. */
  g_set_prgname ("starttls-inspector-cli bundle");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sti_cli_command_usage (context, error->message);

  if (o.files == NULL || o.files[0] == NULL)
    return sti_cli_command_usage (context, _("“bundle” needs the certificate files the certificate authority "
                             "sent."));

  if (o.pkcs12 != NULL && o.key == NULL)
    return sti_cli_command_usage (context, _("--pkcs12 needs --key: the PKCS #12 file holds the key with the "
                             "chain."));

  if (o.password_file != NULL && o.pkcs12 == NULL)
    return sti_cli_command_usage (context, _("--password-file is for the PKCS #12 file: add --pkcs12 OUT.pfx."));

  return prepare (&o);
}
