/* sti-report-print.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-print.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MM_TO_POINTS (72.0 / 25.4)

static const struct
{
  StiPaperSize  paper;
  const char   *name;
  double        width;  /* points */
  double        height;
} papers[] = {
  { STI_PAPER_A4, "a4", 595.276, 841.890 },
  { STI_PAPER_LETTER, "letter", 612.0, 792.0 },
};

/**
 * sti_paper_size_from_string:
 * @name: "a4" or "letter", case-insensitive
 *
 * Returns: %TRUE and sets @paper when @name is known
 */
gboolean
sti_paper_size_from_string (const char   *name,
                            StiPaperSize *paper)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (name, papers[i].name) == 0)
      {
        *paper = papers[i].paper;
        return TRUE;
      }

  return FALSE;
}

const char *
sti_paper_size_to_string (StiPaperSize paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (papers[i].paper == paper)
      return papers[i].name;
  g_return_val_if_reached ("a4");
}

/**
 * sti_paper_size_get_default:
 *
 * The paper of the LC_PAPER locale (glibc knows it: US and Canadian
 * locales use Letter), A4 where the C library cannot say.
 *
 * Returns: the paper to lay a PDF out on when nobody chose one
 */
StiPaperSize
sti_paper_size_get_default (void)
{
#ifdef _NL_PAPER_WIDTH
  /* glibc returns the number itself, cast to a pointer. */
  int width_mm = (int)(intptr_t)nl_langinfo (_NL_PAPER_WIDTH);
  int height_mm = (int)(intptr_t)nl_langinfo (_NL_PAPER_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (ABS (width_mm - papers[i].width / MM_TO_POINTS) < 2 &&
        ABS (height_mm - papers[i].height / MM_TO_POINTS) < 2)
      return papers[i].paper;
#endif

  return STI_PAPER_A4;
}

void
sti_paper_size_get_points (StiPaperSize  paper,
                           double       *width,
                           double       *height)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (papers[i].paper == paper)
      {
        *width = papers[i].width;
        *height = papers[i].height;
        return;
      }

  *width = papers[0].width;
  *height = papers[0].height;
}

/**
 * sti_report_get_language:
 *
 * Returns: the BCP 47 tag of the language the reports are written in: the
 *   translation's, "en" untranslated
 */
const char *
sti_report_get_language (void)
{
  /* Translators: the BCP 47 language tag of this translation, such as "de" or
   * "pt-BR". Exported reports declare it so that screen readers pronounce
   * them and browsers hyphenate them in this language. */
  const char *tag = C_("language tag", "en");

  /* A tag is letters, digits and hyphens; it goes into HTML and PDF. */
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return "en";

  return tag[0] != '\0' ? tag : "en";
}

/* The last @needle in @data, which may hold NUL bytes (compressed streams). */
static const char *
find_last (const char *data,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = len >= n ? len - n + 1 : 0; i-- > 0;)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;

  return NULL;
}

/* Adds @delta to every offset of the classic cross-reference table at @xref
 * that lies past @point, in place. FALSE if the table is not one. */
static gboolean
shift_xref (char  *xref,
            char  *end,
            gsize  point,
            gsize  delta)
{
  char *p = xref + strlen ("xref\n");
  guint64 first, count;
  char *next;

  first = g_ascii_strtoull (p, &next, 10);
  if (next == p || *next != ' ' || first != 0)
    return FALSE;
  p = next + 1;
  count = g_ascii_strtoull (p, &next, 10);
  if (next == p || *next != '\n' || count > (guint64)(end - next) / 20)
    return FALSE;
  p = next + 1;

  for (guint64 i = 0; i < count; i++, p += 20)
    {
      guint64 offset = g_ascii_strtoull (p, &next, 10);
      char digits[11];

      if (next != p + 10)
        return FALSE;
      if (p[17] != 'n' || offset <= point)
        continue;
      g_snprintf (digits, sizeof digits, "%010" G_GUINT64_FORMAT, offset + delta);
      memcpy (p, digits, 10);
    }

  return TRUE;
}

/**
 * sti_pdf_set_language:
 * @pdf: a PDF as cairo writes it
 * @language: a BCP 47 tag (letters, digits, hyphens)
 *
 * Adds /Lang to the document catalog, which screen readers and text
 * extraction read. Cairo (1.16 on Debian 12, and later ones) has no API
 * for it, so this edits the file: cairo writes the catalog as a plain
 * object with a classic cross-reference table, and the offsets after it
 * move by the length of the entry.
 *
 * Returns: (transfer full): the PDF with its language, or @pdf itself when
 *   the file is not laid out as expected
 */
GBytes *
sti_pdf_set_language (GBytes     *pdf,
                      const char *language)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *catalog, *xref, *startxref;
  g_autofree char *entry = g_strdup_printf ("\n   /Lang (%s)", language);
  gsize point, delta = strlen (entry);
  g_autoptr(GString) out = NULL;
  guint64 xref_at;

  catalog = find_last (data, len, "<< /Type /Catalog");
  xref = find_last (data, len, "\nxref\n");
  startxref = find_last (data, len, "\nstartxref\n");
  if (catalog == NULL || xref == NULL || startxref == NULL || xref < catalog ||
      startxref < xref || find_last (catalog, (gsize)(xref - catalog), "/Lang") != NULL)
    return g_bytes_ref (pdf);

  point = (gsize)(catalog - data) + strlen ("<< /Type /Catalog");
  out = g_string_new_len (data, (gssize)len);
  g_string_insert (out, (gssize)point, entry);
  if (!shift_xref (out->str + (xref - data) + 1 + delta, out->str + out->len, point, delta))
    return g_bytes_ref (pdf);

  /* startxref: the offset of the table, which moved too. */
  xref_at = g_ascii_strtoull (startxref + strlen ("\nstartxref\n"), NULL, 10);
  if (xref_at != (guint64)(xref - data) + 1)
    return g_bytes_ref (pdf);
  {
    gsize at = (gsize)(startxref - data) + delta + strlen ("\nstartxref\n");
    const char *line_end = memchr (out->str + at, '\n', out->len - at);
    g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, xref_at + delta);

    if (line_end == NULL)
      return g_bytes_ref (pdf);
    g_string_erase (out, (gssize)at, line_end - (out->str + at));
    g_string_insert (out, (gssize)at, number);
  }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}
