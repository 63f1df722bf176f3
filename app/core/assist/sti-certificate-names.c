/* sti-certificate-names.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-names.h"

#include "sti-check-target.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The names a mail server's certificate is asked for (request) or must
 * cover (bundle): host names only, checked by the rules of a check target
 * (sti_hostname_to_ascii()), in A-label form, each once.
 *
 * Refused besides: IP addresses (public CAs do not issue them for mail,
 * and senders check the MX host name, never an address), single labels
 * (no public CA issues them) and wildcards. A wildcard is refused on
 * purpose: a sender checks the MX host name, so the certificate only
 * needs the MX names, which are few and known; an ACME CA issues a
 * wildcard only through a DNS challenge, which `certbot --csr` with a
 * web server cannot answer; and one wildcard key copied to every server
 * is one key to lose everywhere. */

static gboolean
check_one (const char  *name,
           char       **ascii_out,
           GError     **error)
{
  g_autofree char *shown = sti_text_sanitize_str (name);
  g_autofree char *bare = NULL;
  g_autoptr(GError) local_error = NULL;

  bare = g_strstrip (g_strdup (name));
  if (bare[0] == '[' && g_str_has_suffix (bare, "]"))
    {
      bare[strlen (bare) - 1] = '\0';
      memmove (bare, bare + 1, strlen (bare));
    }

  if (sti_is_ip_literal (bare))
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: %s is what the user typed, an IP address */
                   _("“%s” is an IP address. A mail server's certificate names its host "
                     "name (the name in your MX record), never an address."),
                   shown);
      return FALSE;
    }

  if (strchr (bare, '*') != NULL)
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: %s is what the user typed, e.g. *.example.org */
                   _("“%s” is a wildcard. Name each mail server instead (every host name "
                     "in your MX records): senders check exactly that name, and a "
                     "certificate authority issues a wildcard only after a DNS challenge."),
                   shown);
      return FALSE;
    }

  *ascii_out = sti_hostname_to_ascii (bare, &local_error);
  if (*ascii_out == NULL)
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: %s is what the user typed; the sentence after the colon
                      says what is wrong with it */
                   _("“%s” is not a valid host name: %s"), shown, local_error->message);
      return FALSE;
    }

  if (strchr (*ascii_out, '.') == NULL)
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: %s is what the user typed, e.g. "mail" */
                   _("“%s” has no dot. Certificate authorities issue certificates only for "
                     "full host names, such as mail.example.org."),
                   shown);
      g_clear_pointer (ascii_out, g_free);
      return FALSE;
    }

  return TRUE;
}

/**
 * sti_certificate_names_parse:
 * @names: (array zero-terminated=1): host names as the user typed them
 * @error: a #STI_INPUT_ERROR whose message names the first bad name
 *
 * Checks and normalises the names of a certificate: valid host names
 * (internationalised ones become their A-label form), no IP address, no
 * wildcard, at least one dot, none given twice (after normalising:
 * "MX.Example.org." and "mx.example.org" are the same name).
 *
 * Returns: (transfer full) (nullable): the names in A-label form, in the
 *   order given
 */
GStrv
sti_certificate_names_parse (const char * const  *names,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (names == NULL || names[0] == NULL)
    {
      g_set_error_literal (error, STI_INPUT_ERROR, STI_INPUT_ERROR_EMPTY,
                           _("Give at least one host name, for example mx.example.org."));
      return NULL;
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *ascii = NULL;
      const char *first;

      if (!check_one (names[i], &ascii, error))
        return NULL;

      if ((first = g_hash_table_lookup (seen, ascii)) != NULL)
        {
          g_autofree char *shown = sti_text_sanitize_str (names[i]);

          g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                       /* Translators: the first %s is a name as typed, the second the
                          same name as typed earlier */
                       _("“%s” is the same name as “%s”: give each name once."),
                       shown, first);
          return NULL;
        }

      g_hash_table_insert (seen, g_strdup (ascii), sti_text_sanitize_str (names[i]));
      g_strv_builder_add (builder, ascii);
    }

  return g_strv_builder_end (builder);
}
