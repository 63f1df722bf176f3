/* sti-cli-certificate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-certificate.h"

#include "sti-certificate-file.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* What `request` and `bundle` share: their own option context (their
 * flags follow the command and are theirs alone), the usage error, and
 * reading a small local file. */

/**
 * sti_cli_command_context_new:
 * @summary: what the command does, after its usage line
 * @entries: its flags (copied)
 * @description: the text after the flags: arguments, exit status
 *
 * Returns: (transfer full): the option context of one command
 */
GOptionContext *
sti_cli_command_context_new (const char         *summary,
                             const GOptionEntry *entries,
                             const char         *description)
{
  GOptionContext *context = g_option_context_new (summary);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context, description);

  return context;
}

/* Says what is wrong, then the command's help; exit code 2. */
StiCliExit
sti_cli_command_usage (GOptionContext *context,
                       const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  sti_cli_print_message (message);
  g_printerr ("\n%s", help);
  return STI_CLI_EXIT_USAGE;
}

/* Messages may quote a file name as the user typed it, control
 * characters and all (sti_text_clean() leaves clean text as it is). */
void
sti_cli_print_message (const char *message)
{
  g_autofree char *clean = sti_text_clean (message);

  g_printerr ("%s\n", clean);
}

/* A key or certificate file; a file larger than any certificate file is
 * refused before it is read. */
GBytes *
sti_cli_read_small_file (const char  *path,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > STI_CERTIFICATE_FILE_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is a file name */
                   _("%s is too large to be a key or a certificate."), path);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}
