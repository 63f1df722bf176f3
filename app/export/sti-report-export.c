/* sti-report-export.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-export.h"

#include "sti-host-report.h"
#include "sti-i18n.h"
#include "sti-report-html.h"
#include "sti-report-json.h"
#include "sti-report-markdown.h"
#include "sti-report-pdf.h"
#include "sti-report-text.h"
#include "sti-text.h"
#include "sti-verdict-json.h"

#include <glib/gi18n.h>
#include <string.h>

/* One entry point for every export format. */

static const struct
{
  StiReportFormat  format;
  const char      *name;
  const char      *extension;
  const char      *content_type;
} formats[] = {
  { STI_REPORT_FORMAT_JSON, "json", "json", "application/json" },
  { STI_REPORT_FORMAT_HTML, "html", "html", "text/html" },
  { STI_REPORT_FORMAT_MARKDOWN, "md", "md", "text/markdown" },
  { STI_REPORT_FORMAT_PDF, "pdf", "pdf", "application/pdf" },
  { STI_REPORT_FORMAT_TEXT, "text", "txt", "text/plain" },
};

/**
 * sti_report_format_from_string:
 * @name: "json", "html", "md" (or "markdown"), "pdf" or "text" (or "txt"),
 *   case-insensitive
 *
 * Returns: %TRUE and sets @format when @name is known
 */
gboolean
sti_report_format_from_string (const char      *name,
                               StiReportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (name, "markdown") == 0)
    name = "md";
  else if (g_ascii_strcasecmp (name, "txt") == 0)
    name = "text";
  else if (g_ascii_strcasecmp (name, "htm") == 0)
    name = "html";

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

const char *
sti_report_format_to_string (StiReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;
  g_return_val_if_reached (NULL);
}

/**
 * sti_report_format_get_extension:
 *
 * Returns: the file name extension, without the dot ("md", "txt", …)
 */
const char *
sti_report_format_get_extension (StiReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;
  g_return_val_if_reached (NULL);
}

/**
 * sti_report_format_get_content_type:
 *
 * Returns: the MIME type, for a file chooser filter
 */
const char *
sti_report_format_get_content_type (StiReportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].content_type;
  g_return_val_if_reached (NULL);
}

/**
 * sti_report_format_is_binary:
 *
 * Returns: %TRUE for a format that must not be written to a terminal (PDF)
 */
gboolean
sti_report_format_is_binary (StiReportFormat format)
{
  return format == STI_REPORT_FORMAT_PDF;
}

/**
 * sti_report_dup_suggested_filename:
 *
 * Returns: (transfer full): a file name for saving @report, e.g.
 *   "starttls-example.org-2026-11-28T140512Z.pdf": the domain (an A-label,
 *   so the name is plain ASCII) and the time the check started, in UTC and
 *   to the second, so that two checks of a day do not overwrite each other
 */
char *
sti_report_dup_suggested_filename (StiDomainReport *report,
                                   StiReportFormat  format)
{
  GDateTime *started = sti_domain_report_get_started_at (report);
  g_autofree char *date = NULL;
  g_autofree char *domain = g_strdup (sti_domain_report_get_domain (report));

  g_strcanon (domain, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-", '_');
  if (started != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (started);

      /* ISO 8601's basic time: no colon, which some file systems refuse. */
      date = g_date_time_format (utc, "%Y-%m-%dT%H%M%SZ");
    }
  else
    date = g_strdup ("undated");

  return g_strdup_printf ("starttls-%s-%s.%s", domain, date,
                          sti_report_format_get_extension (format));
}

static GBytes *
take_string (char *str)
{
  gsize len = strlen (str);

  return g_bytes_new_take (str, len);
}

/**
 * sti_report_export:
 * @report: the report
 * @format: the format
 * @mta: a #StiMta whose fix steps to include, or %STI_MTA_ALL
 * @error: a #GError
 *
 * Renders @report in @format, a PDF on the locale's paper
 * (sti_report_export_full()).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
sti_report_export (StiDomainReport  *report,
                   StiReportFormat   format,
                   int               mta,
                   GError          **error)
{
  return sti_report_export_full (report, format, mta, sti_paper_size_get_default (), error);
}

/**
 * sti_report_export_full:
 * @report: the report
 * @format: the format
 * @mta: a #StiMta whose fix steps to include, or %STI_MTA_ALL
 * @paper: the paper of a PDF
 * @error: a #GError
 *
 * Renders @report in @format. Synchronous: milliseconds for an ordinary
 * report, and bounded for a huge one (the PDF, the slowest, stops after a
 * few hundred pages; tests/bench-export.c measures it). It only reads
 * @report, which is immutable, so it may run in a worker thread
 * (sti_window_export_report() does).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
sti_report_export_full (StiDomainReport  *report,
                        StiReportFormat   format,
                        int               mta,
                        StiPaperSize      paper,
                        GError          **error)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case STI_REPORT_FORMAT_JSON:
      {
        /* One document in every language: its words are written untranslated. */
        gpointer previous = sti_i18n_enter_c ();
        g_autoptr(JsonNode) root = sti_report_to_json (report);
        g_autofree char *json = NULL;

        /* The verdict is output data: the words live above the model. */
        sti_verdict_add_to_json (report, root);
        json = json_to_string (root, TRUE);
        sti_i18n_leave_c (previous);
        return take_string (g_strconcat (json, "\n", NULL));
      }
    case STI_REPORT_FORMAT_HTML:
      return take_string (sti_report_to_html (report, mta));
    case STI_REPORT_FORMAT_MARKDOWN:
      return take_string (sti_report_to_markdown (report, mta));
    case STI_REPORT_FORMAT_PDF:
      return sti_report_to_pdf (report, mta, paper, error);
    case STI_REPORT_FORMAT_TEXT:
      return take_string (sti_report_to_text (report, STI_REPORT_TEXT_TRANSCRIPT));
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Unknown report format %d"), (int)format);
      return NULL;
    }
}
