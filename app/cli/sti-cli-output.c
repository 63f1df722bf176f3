/* sti-cli-output.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-output.h"

#include "sti-report-text.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/**
 * sti_cli_output_write:
 * @options: the parsed flags
 * @data: what to write
 * @error: return location for a #GError
 *
 * Writes @data to `--output`, or to standard output.
 *
 * Returns: %TRUE if all of it was written
 */
gboolean
sti_cli_output_write (StiCliOptions  *options,
                      GBytes         *data,
                      GError        **error)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  if (options->output != NULL && !g_str_equal (options->output, "-"))
    return g_file_set_contents (options->output, bytes, len, error);

  if (fwrite (bytes, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot write to standard output"));
      return FALSE;
    }

  return TRUE;
}

static StiReportTextFlags
text_flags (StiCliOptions *options)
{
  StiReportTextFlags flags = STI_REPORT_TEXT_NONE;

  if (!options->no_color && options->output == NULL && isatty (STDOUT_FILENO) &&
      g_getenv ("NO_COLOR") == NULL)
    flags |= STI_REPORT_TEXT_COLOR;
  if (options->transcript)
    flags |= STI_REPORT_TEXT_TRANSCRIPT;
  if (options->explain)
    flags |= STI_REPORT_TEXT_EXPLAIN;

  return flags;
}

/**
 * sti_cli_output_report:
 * @options: the parsed flags: where to, colour, transcript, explanations
 * @report: the report of a check
 * @format: the report format
 * @mta: the #StiMta whose fixes to show, or %STI_MTA_ALL
 * @error: return location for a #GError, a sentence to print as it is
 *
 * Renders @report and writes it (sti_cli_output_write()).
 *
 * Returns: %TRUE if the report was written
 */
gboolean
sti_cli_output_report (StiCliOptions    *options,
                       StiDomainReport  *report,
                       StiReportFormat   format,
                       int               mta,
                       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (format == STI_REPORT_FORMAT_TEXT)
    {
      g_autofree char *text = sti_report_to_text_full (report, text_flags (options), mta);
      gsize len = strlen (text);

      bytes = g_bytes_new_take (g_steal_pointer (&text), len);
      return sti_cli_output_write (options, bytes, error);
    }

  bytes = sti_report_export (report, format, mta, error);
  if (bytes == NULL || !sti_cli_output_write (options, bytes, error))
    {
      g_prefix_error (error, _("Cannot write the report: "));
      return FALSE;
    }

  return TRUE;
}
