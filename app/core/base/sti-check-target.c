/* sti-check-target.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-target.h"

#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#define MAX_NAME_LENGTH  253
#define MAX_LABEL_LENGTH 63
#define MAX_INPUT_LENGTH 1024

G_DEFINE_QUARK (sti-input-error-quark, sti_input_error)
G_DEFINE_BOXED_TYPE (StiCheckTarget, sti_check_target, sti_check_target_copy, sti_check_target_free)

gboolean
sti_is_ip_literal (const char *str)
{
  g_autoptr(GInetAddress) address = NULL;

  if (str == NULL)
    return FALSE;

  address = g_inet_address_new_from_string (str);
  return address != NULL;
}

static gboolean
fail (GError     **error,
      const char  *message)
{
  g_set_error_literal (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID, message);
  return FALSE;
}

/* An "xn--" label must be the punycode of an internationalised label: one
 * that decodes, to text that holds no control character and that encodes
 * back to the same label (IDNA 2008, RFC 5891 §5.4). "xn--zz" decodes to
 * nothing, "xn--ba" to U+0081 and "xn--abc-" to plain "abc": typed by
 * mistake or sent to mislead, none of them names a host anyone can show. */
static gboolean
is_valid_label (const char *label)
{
  g_autofree char *unicode = NULL;
  g_autofree char *again = NULL;

  if (g_ascii_strncasecmp (label, "xn--", 4) != 0)
    return TRUE;

  unicode = g_hostname_to_unicode (label);
  if (unicode != NULL && sti_text_is_clean (unicode))
    again = g_hostname_to_ascii (unicode);

  return again != NULL && g_ascii_strcasecmp (again, label) == 0;
}

static gboolean
check_a_label (const char  *label,
               const char  *shown_label,
               GError     **error)
{
  if (!is_valid_label (label))
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: %s is one label (part) of the domain name; keep "xn--" */
                   _("The label “%s” begins with “xn--” but is not valid punycode for an "
                     "internationalised name. Check the spelling, or type the name in its "
                     "own script."),
                   shown_label);
      return FALSE;
    }

  return TRUE;
}

/* Checks an A-label host name by the rules real mail relies on (RFC 1035,
 * RFC 1123 §2.1): letters, digits and inner hyphens, labels of 1 to 63
 * octets, 253 in all. Messages name the exact problem. */
static gboolean
check_ascii_name (const char  *name,
                  gboolean     require_dot,
                  GError     **error)
{
  g_auto(GStrv) labels = NULL;
  g_autofree char *shown = sti_text_sanitize_str (name);

  if (strlen (name) > MAX_NAME_LENGTH)
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: the length of the name, then the limit (253) */
                   _("The name is %u characters long; a domain name can have at most %u."),
                   (guint)strlen (name), MAX_NAME_LENGTH);
      return FALSE;
    }

  if (require_dot && strchr (name, '.') == NULL)
    {
      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: both %s are what the user typed */
                   _("“%s” has no dot. Type the whole mail domain, for example “%s.org”."),
                   shown, shown);
      return FALSE;
    }

  labels = g_strsplit (name, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);
      g_autofree char *shown_label = sti_text_sanitize_str (label);

      if (len == 0)
        return fail (error,
                     _("The name has an empty label (two dots in a row, or a dot at the start)."));

      if (len > MAX_LABEL_LENGTH)
        {
          g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                       /* Translators: a label (part) of the domain name, its length, then the
                        * limit (63) */
                       _("The label “%s” is %u characters long; "
                         "each part of a domain name can have at most %u."),
                       shown_label, (guint)len, MAX_LABEL_LENGTH);
          return FALSE;
        }

      for (gsize j = 0; j < len; j++)
        {
          char c = label[j];

          if (g_ascii_isalnum (c) || c == '-')
            continue;

          if (c == '_')
            g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                         /* Translators: %s is a label (part) of the domain name */
                         _("“%s” contains an underscore, which host names cannot have."),
                         shown_label);
          else
            g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                         /* Translators: %s is a label (part) of the domain name */
                         _("“%s” contains a character a domain name cannot have."),
                         shown_label);
          return FALSE;
        }

      if (label[0] == '-' || label[len - 1] == '-')
        {
          g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                       /* Translators: %s is a label (part) of the domain name */
                       _("The label “%s” starts or ends with a hyphen, "
                         "which domain names do not allow."),
                       shown_label);
          return FALSE;
        }

      if (!check_a_label (label, shown_label, error))
        return FALSE;
    }

  return TRUE;
}

/* Converts to the A-label form; IDNs go through GLib's IDNA (UTS #46). */
static char *
to_ascii_name (const char  *name,
               GError     **error)
{
  g_autofree char *ascii = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    {
      fail (error, _("The text is not valid UTF-8."));
      return NULL;
    }

  ascii = g_hostname_to_ascii (name);
  if (ascii == NULL)
    {
      fail (error, _("This internationalised domain name cannot be converted to its ASCII form."));
      return NULL;
    }

  return g_ascii_strdown (ascii, -1);
}

/**
 * sti_hostname_to_ascii:
 * @name: a host name as typed: ASCII or internationalised, any case, with
 *   or without a trailing dot
 * @error: a #STI_INPUT_ERROR with a message meant for the user
 *
 * The checks a host name of a check target goes through, for other input
 * that names a host (the names of a certificate request).
 *
 * Returns: (transfer full) (nullable): the A-label form, lower case, no
 *   trailing dot
 */
char *
sti_hostname_to_ascii (const char  *name,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *ascii = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  text = g_strdup (name);
  if (g_str_has_suffix (text, ".") && strlen (text) > 1)
    text[strlen (text) - 1] = '\0';

  ascii = to_ascii_name (text, error);
  if (ascii == NULL || !check_ascii_name (ascii, FALSE, error))
    return NULL;

  return g_steal_pointer (&ascii);
}

/**
 * sti_hostname_dup_unicode:
 * @ascii: a host name in A-label form, e.g. from DNS
 *
 * The form of a name to show: its U-labels when every "xn--" label is the
 * punycode of an internationalised label, else the A-labels as they are,
 * which say more than the control characters or nothing a bad label
 * decodes to.
 *
 * Returns: (transfer full): the name for display (still to be cleaned, as
 *   any text)
 */
char *
sti_hostname_dup_unicode (const char *ascii)
{
  g_auto(GStrv) labels = NULL;
  char *unicode;

  g_return_val_if_fail (ascii != NULL, NULL);

  labels = g_strsplit (ascii, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (!is_valid_label (labels[i]))
        return g_strdup (ascii);
    }

  unicode = g_hostname_to_unicode (ascii);
  return unicode != NULL ? unicode : g_strdup (ascii);
}

/* @ascii (taken) was checked: its U-labels, if any, are shown. */
static void
set_names (StiCheckTarget *target,
           char           *ascii)
{
  target->domain_unicode = sti_hostname_dup_unicode (ascii);
  target->domain = ascii;
}

static gboolean
parse_direct (StiCheckTarget  *target,
              const char      *text,
              GError         **error)
{
  const char *close = strchr (text, ']');
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;

  if (close == NULL)
    return fail (error, _("A server address in brackets needs a closing “]”, "
                          "as in [mx.example.org]:25."));

  host = g_strndup (text + 1, close - text - 1);
  if (host[0] == '\0')
    return fail (error, _("The brackets are empty. Put a host name or address inside, "
                          "as in [mx.example.org]."));

  if (close[1] == ':')
    {
      guint64 port = 0;

      if (!g_ascii_string_to_unsigned (close + 2, 10, 1, 65535, &port, NULL))
        return fail (error, _("The port after “]:” must be a number from 1 to 65535."));
      target->port = port;
    }
  else if (close[1] != '\0')
    {
      return fail (error, _("Only “:port” may follow the closing bracket, "
                            "as in [mx.example.org]:587."));
    }

  if (sti_is_ip_literal (host))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

      target->domain = g_inet_address_to_string (address);
      target->domain_unicode = g_strdup (target->domain);
      target->direct = TRUE;
      return TRUE;
    }

  /* "[.]" keeps its dot, to be refused as a name (not checked as ""). */
  if (g_str_has_suffix (host, ".") && strlen (host) > 1)
    host[strlen (host) - 1] = '\0';

  ascii = to_ascii_name (host, error);
  if (ascii == NULL || !check_ascii_name (ascii, FALSE, error))
    return FALSE;

  set_names (target, g_steal_pointer (&ascii));
  target->direct = TRUE;
  return TRUE;
}

#define URL_SCHEME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-."

/* A URL's host, in place: "[2001:db8::1]:8080" and "mx.example.org:25"
 * lose their port, "user:password@" goes. */
static char *
url_host (char *authority)
{
  char *at = strrchr (authority, '@');
  char *host = at != NULL ? at + 1 : authority;
  char *colon = strrchr (host, ':');

  if (host[0] == '[' && strchr (host, ']') != NULL)
    {
      *strchr (host, ']') = '\0';
      return host + 1;
    }
  if (colon != NULL && colon == strchr (host, ':'))
    *colon = '\0';

  return host;
}

/* A pasted link or address: "https://example.org/path", "mailto:bob@x.org",
 * "example.org/". Keeps only the host (or the address), in place, which
 * is then parsed as if it had been typed: the window suggests such links
 * in its own texts, and users paste them from a browser. */
static void
strip_url (char *text)
{
  gsize scheme_len = strspn (text, URL_SCHEME_CHARS);
  char *host;

  if (g_ascii_strncasecmp (text, "mailto:", strlen ("mailto:")) == 0)
    host = text + strlen ("mailto:");
  else if (scheme_len > 0 && g_str_has_prefix (text + scheme_len, "://"))
    host = text + scheme_len + strlen ("://");
  else if (strchr (text, '/') != NULL)
    host = text;
  else
    return;

  /* The host or the address ends at the path, the query or the fragment. */
  host[strcspn (host, "/?#")] = '\0';
  if (host != text && text[scheme_len] == ':' && text[scheme_len + 1] == '/')
    host = url_host (host);

  memmove (text, host, strlen (host) + 1);
}

/**
 * sti_check_target_parse:
 * @input: what the user typed: a domain, an e-mail address, an IDN, or
 *   `[host]` / `[host]:port`
 * @error: a #STI_INPUT_ERROR with a message meant for the user
 *
 * Returns: (transfer full) (nullable): the normalised target
 */
StiCheckTarget *
sti_check_target_parse (const char  *input,
                        GError     **error)
{
  g_autoptr(StiCheckTarget) target = g_new0 (StiCheckTarget, 1);
  g_autofree char *text = NULL;
  g_autofree char *ascii = NULL;
  const char *at;

  if (input == NULL || strlen (input) > MAX_INPUT_LENGTH)
    {
      g_set_error_literal (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                           _("The text is too long to be a domain name."));
      return NULL;
    }

  target->input = sti_text_sanitize_str (input);
  text = g_strstrip (g_strdup (input));

  if (text[0] == '\0')
    {
      g_set_error_literal (error, STI_INPUT_ERROR, STI_INPUT_ERROR_EMPTY,
                           _("Type a mail domain such as example.org, "
                             "or an address such as postmaster@example.org."));
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          fail (error, _("A domain name cannot contain spaces."));
          return NULL;
        }
    }

  if (text[0] == '[')
    {
      if (!parse_direct (target, text, error))
        return NULL;
      return g_steal_pointer (&target);
    }

  strip_url (text);
  if (text[0] == '\0')
    {
      fail (error, _("The link names no domain. Type the mail domain, such as example.org."));
      return NULL;
    }

  /* An e-mail address: the domain is what follows the last "@". */
  at = strrchr (text, '@');
  if (at != NULL)
    {
      if (at[1] == '\0')
        {
          fail (error,
                _("Nothing follows the “@”. Type the whole address, or just its domain."));
          return NULL;
        }
      memmove (text, at + 1, strlen (at + 1) + 1);
    }

  if (g_str_has_suffix (text, ".") && strlen (text) > 1)
    text[strlen (text) - 1] = '\0';

  if (sti_is_ip_literal (text))
    {
      g_autofree char *shown = sti_text_sanitize_str (text);

      g_set_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                   /* Translators: both %s are the IP address the user typed */
                   _("“%s” is an IP address, not a mail domain. To test one server directly, "
                     "write it in brackets: [%s]"),
                   shown, shown);
      return NULL;
    }

  ascii = to_ascii_name (text, error);
  if (ascii == NULL || !check_ascii_name (ascii, TRUE, error))
    return NULL;

  set_names (target, g_steal_pointer (&ascii));

  return g_steal_pointer (&target);
}

StiCheckTarget *
sti_check_target_copy (const StiCheckTarget *target)
{
  StiCheckTarget *copy = g_new0 (StiCheckTarget, 1);

  copy->input = g_strdup (target->input);
  copy->domain = g_strdup (target->domain);
  copy->domain_unicode = g_strdup (target->domain_unicode);
  copy->direct = target->direct;
  copy->port = target->port;

  return copy;
}

void
sti_check_target_free (StiCheckTarget *target)
{
  if (target == NULL)
    return;

  g_free (target->input);
  g_free (target->domain);
  g_free (target->domain_unicode);
  g_free (target);
}
