/* sti-report-json-scan.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-text.h"

#include <gio/gio.h>
#include <string.h>

/* What json-glib hides once it has parsed a document: it recurses once per
 * level of nesting, wraps an integer too large for 64 bits (2^70 reads as
 * -1), and cuts a string at an escaped NUL ("a\u0000b" reads as "a"). So
 * the raw text is scanned first, keeping the member path the loader's
 * messages use ("report.dns_evidence[0].ttl"). Anything else that is
 * wrong is left to the parser and the member readers. */

/* Deeper than any report can be. */
#define MAX_DEPTH 32

typedef struct
{
  gboolean  is_array;
  gboolean  expect_key;
  guint     index;
  char     *key; /* the member being read, as written (escapes kept) */
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_pointer (&frame->key, g_free);
}

static gboolean
fail_at (GArray      *frames,
         const char  *what,
         GError     **error)
{
  g_autoptr(GString) path = g_string_new ("report");

  for (guint i = 0; i < frames->len; i++)
    {
      const Frame *frame = &g_array_index (frames, Frame, i);

      if (frame->is_array)
        g_string_append_printf (path, "[%u]", frame->index);
      else if (frame->key != NULL && !frame->expect_key)
        {
          g_autofree char *shown = sti_text_clean (frame->key);

          g_string_append_printf (path, ".%s", shown);
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Invalid report: %s: %s", path->str, what);
  return FALSE;
}

/* @at is on the opening quote; returns the index of the closing one (or
 * @len when the text ends first), and whether an escape is \u0000. */
static gsize
scan_string (const char *data,
             gsize       len,
             gsize       at,
             gboolean   *has_nul)
{
  gsize i = at + 1;

  *has_nul = FALSE;
  while (i < len && data[i] != '"')
    {
      if (data[i] == '\\' && i + 1 < len)
        {
          if (data[i + 1] == 'u' && i + 5 < len && strncmp (data + i + 2, "0000", 4) == 0)
            *has_nul = TRUE;
          i += 2;
        }
      else
        i++;
    }

  return i;
}

/* An integer literal (no fraction, no exponent) must fit in 64 bits. */
static gboolean
integer_fits (const char *literal,
              gsize       n)
{
  g_autofree char *text = g_strndup (literal, n);

  if (strpbrk (text, ".eE") != NULL)
    return TRUE;

  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL);
}

/**
 * report_json_scan:
 * @data: JSON text, valid UTF-8
 * @len: its length
 * @error: return location for a G_IO_ERROR_INVALID_DATA error
 *
 * Refuses what the parser would silently change or could not survive:
 * nesting deeper than MAX_DEPTH, an integer beyond 64 bits, an escaped NUL.
 * Syntax errors are left to the parser.
 *
 * Returns: %TRUE when the text may be parsed
 */
gboolean
report_json_scan (const char  *data,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (Frame));

  g_array_set_clear_func (frames, (GDestroyNotify)frame_clear);

  for (gsize i = 0; i < len; i++)
    {
      Frame *top = frames->len > 0 ? &g_array_index (frames, Frame, frames->len - 1) : NULL;
      char c = data[i];

      if (c == '{' || c == '[')
        {
          Frame frame = { c == '[', c == '{', 0, NULL };

          if (frames->len >= MAX_DEPTH)
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   "Invalid report: nested too deeply");
              return FALSE;
            }
          g_array_append_val (frames, frame);
        }
      else if ((c == '}' || c == ']') && top != NULL)
        g_array_set_size (frames, frames->len - 1);
      else if (c == ',' && top != NULL)
        {
          if (top->is_array)
            top->index++;
          else
            top->expect_key = TRUE;
        }
      else if (c == ':' && top != NULL)
        top->expect_key = FALSE;
      else if (c == '"')
        {
          gboolean has_nul;
          gsize end = scan_string (data, len, i, &has_nul);

          if (top != NULL && !top->is_array && top->expect_key)
            {
              g_free (top->key);
              top->key = g_strndup (data + i + 1, end - i - 1);
              if (has_nul)
                return fail_at (frames, "a member name contains an escaped NUL (\\u0000)",
                                error);
            }
          else if (has_nul)
            return fail_at (frames, "the text contains an escaped NUL (\\u0000)", error);
          i = end;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i;

          while (end < len && data[end] != '\0' &&
                 (g_ascii_isdigit (data[end]) || strchr ("+-.eE", data[end]) != NULL))
            end++;
          if (!integer_fits (data + i, end - i))
            return fail_at (frames, "integer out of range (more than 64 bits)", error);
          i = end - 1;
        }
    }

  return TRUE;
}
