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

      if (c == '\\')
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
 * sti_text_is_clean:
 * @str: (nullable): a string
 *
 * Returns: %TRUE when @str is valid UTF-8 without a control or bidi
 *   character, i.e. when displaying it needs no sanitizing
 */
gboolean
sti_text_is_clean (const char *str)
{
  if (str == NULL || !g_utf8_validate (str, -1, NULL))
    return FALSE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_hazardous (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}
