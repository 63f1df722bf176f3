/* sti-text.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-text.h"

#include <string.h>

/* Characters that would let a server's text rearrange or hide what the
 * user reads: C0/C1 controls, DEL, and the bidirectional overrides. */
static gboolean
is_hazardous (gunichar c)
{
  if (c < 0x20 && c != '\t')
    return TRUE;
  if (c == 0x7f || (c >= 0x80 && c <= 0x9f))
    return TRUE;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
    return TRUE;
  if (c == 0x200e || c == 0x200f || c == 0xfeff)
    return TRUE;
  return FALSE;
}

/* sti_text_sanitize(), or with @keep_backslashes sti_text_clean_escaped(). */
static char *
sanitize (const guint8 *data,
          gssize        len,
          gboolean      keep_backslashes)
{
  GString *out;
  const char *p;
  const char *end;

  if (data == NULL)
    return g_strdup ("");

  if (len < 0)
    len = strlen ((const char *)data);

  out = g_string_sized_new (len + 8);
  p = (const char *)data;
  end = p + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          g_string_append_printf (out, "\\x%02X", (guint)(guchar)*p);
          p++;
          continue;
        }

      if (c == '\\' && !keep_backslashes)
        g_string_append (out, "\\\\");
      else if (c == '\t')
        g_string_append_c (out, '\t');
      else if (c < 0x80 && is_hazardous (c))
        g_string_append_printf (out, "\\x%02X", c);
      else if (is_hazardous (c))
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);

      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * sti_text_sanitize:
 * @data: (array length=len) (nullable): bytes received from a server
 * @len: length of @data, or -1 when @data is NUL-terminated
 *
 * Turns untrusted bytes into valid, printable UTF-8 for display, JSON and
 * reports. Invalid bytes come out as `\xNN`, control and bidi characters as
 * `\xNN` or `\uNNNN`, and a backslash as `\\`, so the result is
 * unambiguous and an embedded NUL stays visible. The result is plain text,
 * never markup: callers still escape it for Pango or HTML.
 *
 * Returns: (transfer full): a newly allocated string
 */
char *
sti_text_sanitize (const guint8 *data,
                   gssize        len)
{
  return sanitize (data, len, FALSE);
}

/**
 * sti_text_clean_escaped:
 * @data: (array length=len) (nullable): text that escapes its own
 *   backslashes, such as an RFC 4514 distinguished name
 * @len: length of @data, or -1 when @data is NUL-terminated
 *
 * Like sti_text_clean_len(), but a backslash is never doubled, even when
 * the text needs cleaning: in an RFC 4514 string a backslash already
 * starts an escape (`OU=\"quoted\"`, a literal one is `\\`), and `\xNN`
 * is no RFC 4514 escape, so the result stays unambiguous. Every view of a
 * DN (JSON, reports, the certificate viewer) escapes it once, this way.
 *
 * Returns: (transfer full): clean text
 */
char *
sti_text_clean_escaped (const guint8 *data,
                        gssize        len)
{
  if (data == NULL)
    return g_strdup ("");
  if (len < 0)
    len = strlen ((const char *)data);
  if (sti_text_is_clean_len ((const char *)data, len))
    return g_strndup ((const char *)data, len);

  return sanitize (data, len, TRUE);
}

char *
sti_text_sanitize_bytes (GBytes *bytes)
{
  gconstpointer data;
  gsize len;

  if (bytes == NULL)
    return g_strdup ("");

  data = g_bytes_get_data (bytes, &len);
  return sti_text_sanitize (data, len);
}

char *
sti_text_sanitize_str (const char *str)
{
  return sti_text_sanitize ((const guint8 *)str, -1);
}

/**
 * sti_text_is_clean_len:
 * @str: (array length=len) (nullable): text
 * @len: length of @str in bytes, or -1 when @str is NUL-terminated
 *
 * The one test of "can this be shown as it is": the text every display,
 * report and model setter is about to use goes through here.
 *
 * Returns: %TRUE when @str is valid UTF-8 without a NUL, control or bidi
 *   character (a tab is fine), i.e. when displaying it needs no sanitizing
 */
gboolean
sti_text_is_clean_len (const char *str,
                       gssize      len)
{
  const char *end;

  if (str == NULL)
    return FALSE;
  if (len < 0)
    len = strlen (str);
  /* g_utf8_validate_len() also fails on an embedded NUL. */
  if (!g_utf8_validate_len (str, len, NULL))
    return FALSE;

  end = str + len;
  for (const char *p = str; p < end; p = g_utf8_next_char (p))
    {
      if (is_hazardous (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/**
 * sti_text_is_clean:
 * @str: (nullable): a string
 *
 * Returns: %TRUE when @str is valid UTF-8 without a control or bidi
 *   character, i.e. when displaying it needs no sanitizing
 */
gboolean
sti_text_is_clean (const char *str)
{
  return sti_text_is_clean_len (str, -1);
}

/**
 * sti_text_clean_len:
 * @data: (array length=len) (nullable): text, possibly straight from a server
 * @len: length of @data
 *
 * Clean text passes unchanged; anything else goes through
 * sti_text_sanitize(). Unlike sti_text_sanitize() alone this is
 * idempotent (an already sanitized `\\xff` stays as it is, and the
 * backslashes of a DN's RFC 4514 escaping are not doubled), which the JSON
 * round trip needs.
 *
 * Returns: (transfer full): clean text
 */
char *
sti_text_clean_len (const guint8 *data,
                    gsize         len)
{
  if (data == NULL)
    return g_strdup ("");
  if (!sti_text_is_clean_len ((const char *)data, len))
    return sti_text_sanitize (data, len);

  return g_strndup ((const char *)data, len);
}

/**
 * sti_text_clean:
 * @text: (nullable): text, possibly straight from a server or a file
 *
 * Returns: (transfer full): @text if it is clean, else sanitized; "" for
 *   %NULL (see sti_text_clean_len())
 */
char *
sti_text_clean (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return sti_text_clean_len ((const guint8 *)text, strlen (text));
}

/**
 * sti_text_clean_lines_len:
 * @data: (array length=len): multi-line text, NULs and all
 * @len: its length
 * @crlf_ends_line: %TRUE when "\r\n" ends a line as "\n" does (a file
 *   fetched over HTTP); %FALSE to clean a "\r" like any control character
 *
 * Like sti_text_clean_len(), line by line: the line breaks stay real "\n"
 * (a PEM block must stay pasteable), everything else on a line is
 * cleaned. Idempotent as sti_text_clean() is.
 *
 * Returns: (transfer full): clean text whose only control character is "\n"
 */
char *
sti_text_clean_lines_len (const guint8 *data,
                          gsize         len,
                          gboolean      crlf_ends_line)
{
  GString *out = g_string_new (NULL);
  const guint8 *end = data + len;

  for (const guint8 *line = data; line < end;)
    {
      const guint8 *newline = memchr (line, '\n', end - line);
      const guint8 *stop = newline != NULL ? newline : end;
      g_autofree char *clean = NULL;

      if (crlf_ends_line && newline != NULL && stop > line && stop[-1] == '\r')
        stop--;
      clean = sti_text_clean_len (line, stop - line);
      g_string_append (out, clean);
      if (newline == NULL)
        break;
      g_string_append_c (out, '\n');
      line = newline + 1;
    }

  return g_string_free (out, FALSE);
}

/**
 * sti_text_clean_lines:
 * @text: (nullable): multi-line text, e.g. a PEM block
 *
 * sti_text_clean_lines_len() of a string: a "\r" is cleaned, not a line
 * end.
 *
 * Returns: (transfer full): clean text whose only control character is "\n"
 */
char *
sti_text_clean_lines (const char *text)
{
  if (text == NULL)
    return g_strdup ("");

  return sti_text_clean_lines_len ((const guint8 *)text, strlen (text), FALSE);
}

/**
 * sti_hex_encode:
 * @upper_case: %TRUE for the presentation form of DNS records (TLSA, DS),
 *   %FALSE for fingerprints and serials as the model stores them
 *
 * Returns: (transfer full): @data in hex, without separators
 */
char *
sti_hex_encode (const guint8 *data,
                gsize         len,
                gboolean      upper_case)
{
  const char *digits = upper_case ? "0123456789ABCDEF" : "0123456789abcdef";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[len * 2] = '\0';

  return out;
}

/**
 * sti_hex_encode_separated:
 * @separator: what goes between two bytes, e.g. ":" or " "
 *
 * The form people compare by eye (and `openssl x509 -fingerprint` prints).
 *
 * Returns: (transfer full): @data as upper-case byte pairs, "AB:CD:EF"
 */
char *
sti_hex_encode_separated (const guint8 *data,
                          gsize         len,
                          const char   *separator)
{
  g_autofree char *hex = sti_hex_encode (data, len, TRUE);
  GString *out;

  g_return_val_if_fail (separator != NULL, NULL);

  out = g_string_sized_new (len * (2 + strlen (separator)) + 1);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append_len (out, hex + 2 * i, 2);
    }

  return g_string_free (out, FALSE);
}

/**
 * sti_hex_decode:
 * @hex: hex digits, either case, without separators
 * @len: (out): the number of bytes
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL when @hex is
 *   not an even number of hex digits
 */
guint8 *
sti_hex_decode (const char *hex,
                gsize      *len)
{
  gsize n;
  guint8 *out;

  g_return_val_if_fail (hex != NULL && len != NULL, NULL);

  n = strlen (hex);
  if (n % 2 != 0)
    return NULL;

  out = g_malloc (n / 2 + 1);
  for (gsize i = 0; i < n / 2; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          g_free (out);
          return NULL;
        }
      out[i] = (guint8)(hi << 4 | lo);
    }

  *len = n / 2;
  return out;
}
