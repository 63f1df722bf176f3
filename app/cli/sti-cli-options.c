/* sti-cli-options.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-options.h"

#include "sti-catalog.h"
#include "sti-format.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#define MAX_TIMEOUT_S 3600

/**
 * sti_cli_options_add_entries:
 * @options: where the parsed flags go; it must outlive @context
 * @context: the option context to add the flags to
 */
/* The default comes from the core, so this text is formatted; the option
 * context copies the entries, not their strings. */
static const char *
timeout_help (StiCliOptions *options)
{
  if (options->timeout_help == NULL)
    {
      g_autofree char *limit = sti_format_timeout (STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS);

      /* Translators: %s is a duration, "120 s" */
      options->timeout_help = g_strdup_printf (_("Give each mail server at most this long "
                                                 "(default: %s)"), limit);
    }

  return options->timeout_help;
}

static const char *
mx_cap_help (StiCliOptions *options)
{
  if (options->mx_cap_help == NULL)
    /* Translators: %d is a number of mail servers */
    options->mx_cap_help = g_strdup_printf (_("Check at most this many MX hosts, in preference "
                                              "order (default: %d)"), STI_CHECK_DEFAULT_MX_CAP);

  return options->mx_cap_help;
}

void
sti_cli_options_add_entries (StiCliOptions  *options,
                             GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_("Start the built-in demo lab and resolve its domains"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print the report as JSON (schema: docs/json-schema.md)"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &options->transcript,
      N_("Include the SMTP transcript of every endpoint"), NULL },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &options->explain,
      N_("Explain every finding: what it means, why it matters, how to fix it"), NULL },
    { "mta", 0, 0, G_OPTION_ARG_STRING, &options->mta_name,
      N_("Give fix steps for this mail server: postfix, exim, sendmail, exchange, "
         "hosted or all (default)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format_name,
      N_("Report format: text (default), json, html, md or pdf; several, comma-separated, "
         "write one file each (they need --output)"), N_("FORMAT[,FORMAT…]") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("Write the report to FILE instead of standard output. A directory (DIR/) gets "
         "files named for the domain and time; with several formats, FILE is a base name "
         "that each format's extension is added to"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options->paper_name,
      N_("Paper of a PDF: a4 or letter (default: the locale's)"), N_("SIZE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->ca_files,
      N_("Also trust the CA certificates in PATH (PEM or DER; repeatable)"), N_("PATH") },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &options->dns_server,
      N_("Use this DNS server instead of the system's"), N_("ADDR[@PORT]") },
    { "ehlo", 0, 0, G_OPTION_ARG_STRING, &options->ehlo,
      N_("Name to send in EHLO (default: this machine's address literal, e.g. [192.0.2.1])"),
      N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      timeout_help (options), N_("SECONDS") },
    { "mx-cap", 0, 0, G_OPTION_ARG_INT, &options->mx_cap,
      mx_cap_help (options), N_("N") },
    { "old-tls", 0, 0, G_OPTION_ARG_NONE, &options->old_tls,
      N_("Connect once more to each address to ask whether TLS 1.0 and 1.1 are still accepted"),
      NULL },
    { "no-ipv6", 0, 0, G_OPTION_ARG_NONE, &options->no_ipv6,
      N_("Report IPv6 addresses but do not connect to them"), NULL },
    { "no-color", 0, 0, G_OPTION_ARG_NONE, &options->no_color,
      N_("Never colour the output"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      /* Translators: keep "LANGUAGE"; LANG is the option's value */
      N_("Write the report and all output in this language (de, nl, en, …) instead of the "
         "one LANGUAGE and LC_MESSAGES choose"), N_("LANG") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/**
 * sti_cli_options_validate:
 * @options: the parsed flags
 * @error: return location for a #GError
 *
 * Checks what the option parser cannot: the ranges of numbers.
 *
 * Returns: %TRUE if the flags are usable
 */
gboolean
sti_cli_options_validate (StiCliOptions  *options,
                          GError        **error)
{
  if (options->timeout < 0 || options->timeout > MAX_TIMEOUT_S)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: keep "--timeout": it is the option; %d is a number of seconds */
                   _("--timeout must be between 1 and %d seconds."), MAX_TIMEOUT_S);
      return FALSE;
    }
  if (options->mx_cap < 0 || options->mx_cap > STI_CHECK_MAX_MX_CAP)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: keep "--mx-cap": it is the option; %d is a number */
                   _("--mx-cap must be between 1 and %d."), STI_CHECK_MAX_MX_CAP);
      return FALSE;
    }

  return TRUE;
}

void
sti_cli_options_clear (StiCliOptions *options)
{
  g_clear_pointer (&options->ca_files, g_strfreev);
  g_clear_pointer (&options->dns_server, g_free);
  g_clear_pointer (&options->ehlo, g_free);
  g_clear_pointer (&options->mta_name, g_free);
  g_clear_pointer (&options->format_name, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->paper_name, g_free);
  g_clear_pointer (&options->timeout_help, g_free);
  g_clear_pointer (&options->mx_cap_help, g_free);
}

/* Whether one report in @format can go where --output says. */
static gboolean
fits_output (StiCliOptions    *options,
             StiReportFormat   format,
             GError          **error)
{
  if (format == STI_REPORT_FORMAT_PDF && options->output == NULL && isatty (STDOUT_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A PDF is not for a terminal: "
                             "add --output FILE.pdf or redirect the output."));
      return FALSE;
    }

  return TRUE;
}

/**
 * sti_cli_options_get_format:
 * @options: the parsed flags
 * @format: (out): the report format `--format` or `--json` asks for
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the format is known and fits where the report goes
 */
gboolean
sti_cli_options_get_format (StiCliOptions    *options,
                            StiReportFormat  *format,
                            GError          **error)
{
  if (options->format_name == NULL)
    {
      *format = options->json ? STI_REPORT_FORMAT_JSON : STI_REPORT_FORMAT_TEXT;
      return TRUE;
    }

  if (!sti_report_format_from_string (options->format_name, format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user gave; keep the format names */
                   _("Unknown format “%s”: use text, json, html, md or pdf."),
                   options->format_name);
      return FALSE;
    }

  return fits_output (options, *format, error);
}

/* The formats of a comma-separated --format, each once. */
static GArray *
parse_formats (const char  *names,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (names, ",", -1);
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (StiReportFormat));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      StiReportFormat format;
      gboolean seen = FALSE;

      if (!sti_report_format_from_string (g_strstrip (parts[i]), &format))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Unknown format “%s”: use text, json, html, md or pdf."), parts[i]);
          return NULL;
        }
      for (guint j = 0; j < formats->len; j++)
        seen |= g_array_index (formats, StiReportFormat, j) == format;
      if (!seen)
        g_array_append_val (formats, format);
    }

  return g_steal_pointer (&formats);
}

/**
 * sti_cli_options_get_formats:
 * @options: the parsed flags
 * @error: return location for a #GError
 *
 * The formats `--format` (a comma-separated list) or `--json` ask for.
 * Several formats are several files, so they need `--output` (a directory
 * or a base name, sti_cli_output_reports()); standard output takes one.
 *
 * Returns: (transfer full) (element-type StiReportFormat): the formats, or
 *   %NULL with @error set when they are unknown or cannot go where asked
 */
GArray *
sti_cli_options_get_formats (StiCliOptions  *options,
                             GError        **error)
{
  g_autoptr(GArray) formats = NULL;
  StiReportFormat format;

  if (options->format_name != NULL)
    formats = parse_formats (options->format_name, error);
  else if (sti_cli_options_get_format (options, &format, error))
    {
      formats = g_array_new (FALSE, FALSE, sizeof (StiReportFormat));
      g_array_append_val (formats, format);
    }
  if (formats == NULL)
    return NULL;

  if (formats->len == 1 &&
      !fits_output (options, g_array_index (formats, StiReportFormat, 0), error))
    return NULL;

  if (formats->len > 1 && (options->output == NULL || g_str_equal (options->output, "-")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Several formats cannot all go to standard output: add "
                             "--output DIR/ (one file per format, named for the domain and "
                             "time) or --output BASENAME (BASENAME.html, BASENAME.pdf, …)."));
      return NULL;
    }

  return g_steal_pointer (&formats);
}

/**
 * sti_cli_options_get_paper:
 * @options: the parsed flags
 * @paper: (out): the paper `--paper` names, or the locale's
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the paper is known
 */
gboolean
sti_cli_options_get_paper (StiCliOptions  *options,
                           StiPaperSize   *paper,
                           GError        **error)
{
  *paper = sti_paper_size_get_default ();
  if (options->paper_name == NULL || sti_paper_size_from_string (options->paper_name, paper))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is what the user gave; keep "a4" and "letter" */
               _("Unknown paper “%s”: use a4 or letter."), options->paper_name);
  return FALSE;
}

/**
 * sti_cli_options_get_mta:
 * @options: the parsed flags
 * @mta: (out): the #StiMta `--mta` names, or %STI_MTA_ALL
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the mail server is known
 */
gboolean
sti_cli_options_get_mta (StiCliOptions  *options,
                         int            *mta,
                         GError        **error)
{
  StiMta value;

  *mta = STI_MTA_ALL;
  if (options->mta_name == NULL || g_str_equal (options->mta_name, "all"))
    return TRUE;

  if (!sti_mta_from_string (options->mta_name, &value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user gave; keep the mail server names, they are
                    * values */
                   _("Unknown mail server “%s”: use postfix, exim, sendmail, exchange, "
                     "hosted or all."),
                   options->mta_name);
      return FALSE;
    }

  *mta = value;
  return TRUE;
}

/**
 * sti_cli_options_dup_check_options:
 * @options: the parsed flags
 *
 * Reads the flags of a check into the session's options, as the window
 * reads its preferences.
 *
 * Returns: (transfer full): the options for sti_check_session_create_check()
 */
StiCheckSessionOptions *
sti_cli_options_dup_check_options (StiCliOptions *options)
{
  StiCheckSessionOptions *session_options = sti_check_session_options_new ();
  StiCheckOptions *check = session_options->check;

  sti_check_session_options_set_dns_server (session_options, options->dns_server);
  sti_check_session_options_set_ca_files (session_options,
                                          (const char * const *)options->ca_files);
  sti_check_session_options_set_ehlo_name (session_options, options->ehlo);
  if (options->timeout > 0)
    check->total_timeout_ms = options->timeout * 1000;
  if (options->mx_cap > 0)
    check->mx_cap = options->mx_cap;
  check->use_ipv6 = !options->no_ipv6;
  check->probe_old_tls = options->old_tls;

  return session_options;
}
