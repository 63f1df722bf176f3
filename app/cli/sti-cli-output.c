/* sti-cli-output.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-output.h"

#include "sti-report-text.h"

#include <errno.h>
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

/* Renders @report in @format: the text as the terminal shows it, the
 * other formats as the window exports them. */
static GBytes *
render (StiCliOptions    *options,
        StiDomainReport  *report,
        StiReportFormat   format,
        int               mta,
        StiPaperSize      paper,
        GError          **error)
{
  if (format == STI_REPORT_FORMAT_TEXT)
    {
      g_autofree char *text = sti_report_to_text_full (report, text_flags (options), mta);
      gsize len = strlen (text);

      return g_bytes_new_take (g_steal_pointer (&text), len);
    }

  return sti_report_export_full (report, format, mta, paper, error);
}

/* @output without the extension of a report format ("r.pdf" → "r"). */
static char *
dup_base_name (const char *output)
{
  const char *dot = strrchr (output, '.');
  StiReportFormat format;

  if (dot != NULL && strchr (dot, G_DIR_SEPARATOR) == NULL && dot > output &&
      dot[-1] != G_DIR_SEPARATOR && sti_report_format_from_string (dot + 1, &format))
    return g_strndup (output, dot - output);

  return g_strdup (output);
}

/**
 * sti_cli_output_dup_path:
 * @options: the parsed flags (`--output`)
 * @report: the report to save
 * @format: its format
 * @several: whether other formats are written too
 *
 * Where `--output` puts @report in @format: an existing directory, or a
 * name ending in "/", gets the suggested file name
 * (sti_report_dup_suggested_filename(): the domain and the time); with
 * @several, any other name is a base name that takes the format's
 * extension ("r" or "r.html" → "r.html", "r.pdf").
 *
 * Returns: (transfer full) (nullable): the path, or %NULL for standard
 *   output
 */
char *
sti_cli_output_dup_path (StiCliOptions   *options,
                         StiDomainReport *report,
                         StiReportFormat  format,
                         gboolean         several)
{
  const char *output = options->output;
  g_autofree char *base = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    return NULL;

  if (g_str_has_suffix (output, G_DIR_SEPARATOR_S) || g_file_test (output, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = sti_report_dup_suggested_filename (report, format);

      return g_build_filename (output, name, NULL);
    }

  if (!several)
    return g_strdup (output);

  base = dup_base_name (output);
  return g_strdup_printf ("%s.%s", base, sti_report_format_get_extension (format));
}

/**
 * sti_cli_output_reports:
 * @options: the parsed flags: where to, colour, transcript, explanations
 * @report: the report of a check, or one loaded from JSON
 * @formats: (element-type StiReportFormat): the formats
 *   (sti_cli_options_get_formats())
 * @mta: the #StiMta whose fixes to show, or %STI_MTA_ALL
 * @paper: the paper of a PDF
 * @error: return location for a #GError, a sentence to print as it is
 *
 * Renders @report once per format and writes each where
 * sti_cli_output_dup_path() says. With several files, their names are
 * printed, one a line.
 *
 * Returns: %TRUE if every report was written
 */
gboolean
sti_cli_output_reports (StiCliOptions    *options,
                        StiDomainReport  *report,
                        GArray           *formats,
                        int               mta,
                        StiPaperSize      paper,
                        GError          **error)
{
  gboolean several = formats->len > 1;

  for (guint i = 0; i < formats->len; i++)
    {
      StiReportFormat format = g_array_index (formats, StiReportFormat, i);
      g_autofree char *path = sti_cli_output_dup_path (options, report, format, several);
      g_autofree char *dir = path != NULL ? g_path_get_dirname (path) : NULL;
      g_autoptr(GBytes) bytes = render (options, report, format, mta, paper, error);
      gboolean written;

      if (bytes != NULL && dir != NULL && g_mkdir_with_parents (dir, 0777) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: a folder name, then why it could not be created */
                       _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
          bytes = NULL;
        }
      if (bytes == NULL)
        written = FALSE;
      else if (path == NULL)
        written = sti_cli_output_write (options, bytes, error);
      else
        written = g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), error);
      if (!written)
        {
          g_prefix_error (error, _("Cannot write the report: "));
          return FALSE;
        }
      if (several)
        g_print ("%s\n", path);
    }

  return TRUE;
}
