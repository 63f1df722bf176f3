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
      N_("Report format: text (default), json, html, md or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      N_("Write the report to FILE instead of standard output"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->ca_files,
      N_("Also trust the CA certificates in PATH (PEM or DER; repeatable)"), N_("PATH") },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &options->dns_server,
      N_("Use this DNS server instead of the system's"), N_("ADDR[@PORT]") },
    { "ehlo", 0, 0, G_OPTION_ARG_STRING, &options->ehlo,
      N_("Name to send in EHLO (default: this machine's address literal, e.g. [192.0.2.1])"),
      N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      timeout_help (options), N_("SECONDS") },
    { "old-tls", 0, 0, G_OPTION_ARG_NONE, &options->old_tls,
      N_("Connect once more to each address to ask whether TLS 1.0 and 1.1 are still accepted"),
      NULL },
    { "no-ipv6", 0, 0, G_OPTION_ARG_NONE, &options->no_ipv6,
      N_("Report IPv6 addresses but do not connect to them"), NULL },
    { "no-color", 0, 0, G_OPTION_ARG_NONE, &options->no_color,
      N_("Never colour the output"), NULL },
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
                   _("--timeout must be between 1 and %d seconds."), MAX_TIMEOUT_S);
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
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->timeout_help, g_free);
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
                   _("Unknown format “%s”: use text, json, html, md or pdf."),
                   options->format_name);
      return FALSE;
    }

  if (*format == STI_REPORT_FORMAT_PDF && options->output == NULL && isatty (STDOUT_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A PDF is not for a terminal: "
                             "add --output FILE.pdf or redirect the output."));
      return FALSE;
    }

  return TRUE;
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
  check->use_ipv6 = !options->no_ipv6;
  check->probe_old_tls = options->old_tls;

  return session_options;
}
