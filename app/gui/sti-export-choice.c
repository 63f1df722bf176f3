/* sti-export-choice.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-export-choice.h"

#include <string.h>

/* The formats the Export dialog offers, whose extensions name them. */
static const StiReportFormat named_formats[] = {
  STI_REPORT_FORMAT_HTML,
  STI_REPORT_FORMAT_PDF,
  STI_REPORT_FORMAT_MARKDOWN,
  STI_REPORT_FORMAT_JSON,
};

/**
 * sti_export_choice_format_for_name:
 * @name: a file name
 * @format: (out): the format its extension names
 *
 * Returns: %TRUE when @name ends in the extension of an exported format
 *   (any case; ".htm" is HTML too)
 */
gboolean
sti_export_choice_format_for_name (const char      *name,
                                   StiReportFormat *format)
{
  const char *dot = name != NULL ? strrchr (name, '.') : NULL;

  if (dot == NULL || dot == name)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (named_formats); i++)
    if (g_ascii_strcasecmp (dot + 1, sti_report_format_get_extension (named_formats[i])) == 0)
      {
        *format = named_formats[i];
        return TRUE;
      }

  if (g_ascii_strcasecmp (dot + 1, "htm") == 0)
    {
      *format = STI_REPORT_FORMAT_HTML;
      return TRUE;
    }

  return FALSE;
}

/**
 * sti_export_choice_resolve:
 * @name: the file name the dialog answered (a basename)
 * @initial_format: the format whose filter was selected, and whose
 *   extension the suggested name had, when the dialog opened
 * @filter_format: the format of the filter selected at the end, or
 *   %STI_EXPORT_CHOICE_NO_FILTER where the dialog does not say
 * @format: (out): the format to write
 *
 * What a GNOME user means by an answer of the Export dialog, so that the
 * extension of the file written always names its format:
 *
 * - a file type chosen in the dialog (a filter other than the one it
 *   opened with) is the format, and the name's extension follows it:
 *   "PDF document" with the suggested "report.html" writes "report.pdf";
 * - otherwise an extension typed in the name picks the format:
 *   "report.md" writes Markdown;
 * - a name without a known extension gets the format's.
 *
 * Returns: (transfer full): the file name to write
 */
char *
sti_export_choice_resolve (const char      *name,
                           StiReportFormat  initial_format,
                           int              filter_format,
                           StiReportFormat *format)
{
  StiReportFormat named;
  gboolean has_extension = sti_export_choice_format_for_name (name, &named);
  gboolean filter_chosen = filter_format != STI_EXPORT_CHOICE_NO_FILTER &&
                           (StiReportFormat)filter_format != initial_format;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  if (has_extension && !filter_chosen)
    {
      *format = named;
      return g_strdup (name);
    }

  /* Not chosen, the filter is the initial one, where the dialog says. */
  *format = filter_format != STI_EXPORT_CHOICE_NO_FILTER ? (StiReportFormat)filter_format
                                                         : initial_format;
  if (has_extension && named == *format)
    return g_strdup (name);

  stem = has_extension ? g_strndup (name, strrchr (name, '.') - name) : g_strdup (name);
  return g_strdup_printf ("%s.%s", stem, sti_report_format_get_extension (*format));
}
