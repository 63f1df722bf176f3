/* sti-cli-request.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-certificate.h"

#include "sti-certificate-guidance.h"
#include "sti-certificate-names.h"
#include "sti-certificate-request.h"
#include "sti-private-key.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

/* `request`: a key (new, or reused with --key) and a certificate request
 * for NAME…, then what to do with them. Everything the user got wrong is
 * said before anything is written, and exits 2. */

typedef struct
{
  char     *key_type;
  char     *key;
  char     *out_dir;
  gboolean  force;
  char    **names;
} RequestOptions;

static void
request_options_clear (RequestOptions *o)
{
  g_clear_pointer (&o->key_type, g_free);
  g_clear_pointer (&o->key, g_free);
  g_clear_pointer (&o->out_dir, g_free);
  g_clear_pointer (&o->names, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestOptions, request_options_clear)

static GOptionContext *
request_context (RequestOptions *o)
{
  const GOptionEntry entries[] = {
    { "key-type", 0, 0, G_OPTION_ARG_STRING, &o->key_type,
      N_("The new key: rsa-2048 (default; every mail server, Exchange too), rsa-3072 or "
         "ecdsa-p256 (smaller and faster; not for Exchange)"), N_("TYPE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &o->key,
      N_("Reuse this key instead of making one (keeps DANE “3 1 1” records valid)"),
      N_("KEY.pem") },
    { "out-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->out_dir,
      N_("Write NAME.key and NAME.csr into DIR (default: the current directory)"), N_("DIR") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &o->force,
      N_("Replace an existing key file (the old key is lost)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->names, NULL, N_("NAME…") },
    { NULL }
  };

  return sti_cli_command_context_new (_("— make a private key and a certificate request (CSR) "
                                        "for a mail server"),
                                      entries,
    _("NAME… are the host names the certificate is for: every MX host name of your\n"
      "domain that this server answers as, e.g. mx1.example.org. The first is also\n"
      "the certificate's Common Name (CN) and names the files: DIR/NAME.key (the\n"
      "private key, readable by you alone) and DIR/NAME.csr (the request for the\n"
      "certificate authority). An existing key is never overwritten without --force.\n"
      "\n"
      "Exit status: 0 made; 2 usage or input error (a bad or repeated name, an IP\n"
      "address, a wildcard, an unwritable directory, an existing key); 3 the key or\n"
      "request could not be made.\n"));
}

/* The directory must exist and take new files. */
static gboolean
check_out_dir (const char  *dir,
               GError     **error)
{
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* Translators: %s is a directory name */
                   _("The directory %s does not exist. Create it first (mkdir -p) or choose "
                     "another with --out-dir."), dir);
      return FALSE;
    }

  if (access (dir, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   /* Translators: %s is a directory name */
                   _("Cannot write in the directory %s. Choose another with --out-dir."), dir);
      return FALSE;
    }

  return TRUE;
}

/* The key --key names, with a warning when others can read its file. */
static StiPrivateKey *
load_key (const char  *path,
          GError     **error)
{
  g_autoptr(GBytes) data = sti_cli_read_small_file (path, error);
  g_autoptr(GError) local_error = NULL;
  StiPrivateKey *key;
  GStatBuf st;

  if (data == NULL)
    return NULL;

  key = sti_private_key_new_from_data (data, &local_error);
  if (key == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name, then what is wrong with it */
                   _("%s: %s"), path, local_error->message);
      return NULL;
    }

  if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
    /* Translators: %s (twice) is a file name */
    g_printerr (_("Warning: others can read the key file %s. Make it yours alone:\n"
                  "    chmod 600 %s\n"), path, path);

  return key;
}

static StiCliExit
key_exists (const char *key_path)
{
  /* Translators: %s (three times) is a file name */
  g_printerr (_("The key file %s already exists. To make a request for that key, add "
                "--key %s; to replace it with a new key (the old one is then lost), "
                "add --force.\n"), key_path, key_path);
  return STI_CLI_EXIT_USAGE;
}

static StiCliExit
write_files (StiPrivateKey  *key,
             gboolean        new_key,
             const char     *key_path,
             const char     *csr_path,
             GBytes         *csr,
             gboolean        force)
{
  g_autoptr(GError) error = NULL;

  if (new_key && !sti_private_key_save (key, key_path, force, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        return key_exists (key_path);
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_USAGE;
    }

  if (!g_file_set_contents (csr_path, g_bytes_get_data (csr, NULL), g_bytes_get_size (csr),
                            &error))
    {
      /* A new key without its request is of no use; the next run makes both. */
      if (new_key)
        g_unlink (key_path);
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_USAGE;
    }

  return STI_CLI_EXIT_SECURE;
}

static StiCliExit
run_request (RequestOptions *o,
             GStrv           names)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiPrivateKey) key = NULL;
  g_autoptr(GBytes) csr = NULL;
  g_autofree char *dir = g_canonicalize_filename (o->out_dir ?: ".", NULL);
  g_autofree char *key_file = g_strconcat (names[0], ".key", NULL);
  g_autofree char *csr_file = g_strconcat (names[0], ".csr", NULL);
  g_autofree char *key_path = g_build_filename (dir, key_file, NULL);
  g_autofree char *csr_path = g_build_filename (dir, csr_file, NULL);
  g_autofree char *guidance = NULL;
  StiKeyType type = STI_KEY_TYPE_DEFAULT;
  StiRequestGuidance g = { NULL, };
  StiCliExit status;

  if (o->key_type != NULL && !sti_key_type_from_string (o->key_type, &type))
    {
      /* Translators: %s is what the user typed */
      g_printerr (_("Unknown key type “%s”: use rsa-2048, rsa-3072 or ecdsa-p256.\n"),
                  o->key_type);
      return STI_CLI_EXIT_USAGE;
    }

  if (!check_out_dir (dir, &error))
    {
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_USAGE;
    }

  if (o->key != NULL)
    {
      key = load_key (o->key, &error);
      g_free (key_path);
      key_path = g_canonicalize_filename (o->key, NULL);
    }
  else if (!o->force && g_file_test (key_path, G_FILE_TEST_EXISTS))
    {
      /* Said before the key is made: making an RSA key takes a moment. */
      return key_exists (key_path);
    }
  else
    key = sti_private_key_generate (type, &error);

  if (key == NULL)
    {
      sti_cli_print_message (error->message);
      return o->key != NULL ? STI_CLI_EXIT_USAGE : STI_CLI_EXIT_NO_CHECK;
    }

  csr = sti_certificate_request_new_pem (key, (const char * const *)names, &error);
  if (csr == NULL)
    {
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_NO_CHECK;
    }

  status = write_files (key, o->key == NULL, key_path, csr_path, csr, o->force);
  if (status != STI_CLI_EXIT_SECURE)
    return status;

  g.names = (const char * const *)names;
  g.key_path = key_path;
  g.csr_path = csr_path;
  g.key_description = sti_private_key_get_description (key);
  g.key_reused = o->key != NULL;
  g.key_is_rsa = g_str_has_prefix (g.key_description, "RSA");
  g.spki_sha256 = sti_private_key_get_spki_sha256 (key);
  guidance = sti_certificate_guidance_after_request (&g);
  g_print ("%s", guidance + (guidance[0] == '\n' ? 1 : 0));

  return STI_CLI_EXIT_SECURE;
}

StiCliExit
sti_cli_cmd_request (int    argc,
                     char **argv)
{
  g_auto(RequestOptions) o = { NULL, };
  g_autoptr(GOptionContext) context = request_context (&o);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  /* The usage line names the program and the command. */
  g_set_prgname ("starttls-inspector-cli request");
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sti_cli_command_usage (context, error->message);

  if (o.names == NULL || o.names[0] == NULL)
    return sti_cli_command_usage (context, _("“request” needs at least one host name."));

  if (o.key != NULL && o.key_type != NULL)
    return sti_cli_command_usage (context, _("--key reuses a key and --key-type makes a new one: give one of "
                             "them."));

  names = sti_certificate_names_parse ((const char * const *)o.names, &error);
  if (names == NULL)
    {
      sti_cli_print_message (error->message);
      return STI_CLI_EXIT_USAGE;
    }

  return run_request (&o, names);
}
