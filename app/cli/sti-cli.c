/* sti-cli.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"
#include "sti-check-target.h"
#include "sti-domain-check.h"
#include "sti-glossary.h"
#include "sti-lab.h"
#include "sti-comparison-export.h"
#include "sti-report-export.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-resolver.h"
#include "sti-text.h"
#include "sti-trust-store.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Exit codes, the CLI's contract (README.md). */
enum {
  EXIT_SECURE = 0,    /* every endpoint offers STARTTLS with a verified certificate */
  EXIT_FINDINGS = 1,  /* at least one finding of error severity */
  EXIT_USAGE = 2,     /* usage or input error */
  EXIT_NO_CHECK = 3,  /* the check itself could not run */
};

typedef struct
{
  /* options */
  gboolean   demo;
  gboolean   json;
  gboolean   transcript;
  gboolean   no_ipv6;
  gboolean   no_color;
  gboolean   explain;
  gboolean   old_tls;
  char      *mta_name;
  char      *format_name;
  char      *output;
  char     **ca_files;
  char      *dns_server;
  char      *ehlo;
  int        timeout;

  /* state */
  GMainLoop       *loop;
  GCancellable    *cancellable;
  StiDomainReport *report;
  GError          *error;
  gboolean         interrupted;
} Cli;

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->ca_files, g_strfreev);
  g_clear_pointer (&cli->dns_server, g_free);
  g_clear_pointer (&cli->ehlo, g_free);
  g_clear_pointer (&cli->mta_name, g_free);
  g_clear_pointer (&cli->format_name, g_free);
  g_clear_pointer (&cli->output, g_free);
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_object (&cli->cancellable);
  g_clear_object (&cli->report);
  g_clear_error (&cli->error);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s\n\n%s", message, help);
  return EXIT_USAGE;
}

/* Writes @data to --output, or to standard output. */
static gboolean
write_output (Cli     *cli,
              GBytes  *data,
              GError **error)
{
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);

  if (cli->output != NULL && !g_str_equal (cli->output, "-"))
    return g_file_set_contents (cli->output, bytes, len, error);

  if (fwrite (bytes, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot write to standard output"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_format (Cli              *cli,
              StiReportFormat  *format,
              GError          **error)
{
  if (cli->format_name == NULL)
    {
      *format = cli->json ? STI_REPORT_FORMAT_JSON : STI_REPORT_FORMAT_TEXT;
      return TRUE;
    }

  if (!sti_report_format_from_string (cli->format_name, format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown format “%s”: use text, json, html, md or pdf."),
                   cli->format_name);
      return FALSE;
    }

  if (*format == STI_REPORT_FORMAT_PDF && cli->output == NULL && isatty (STDOUT_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A PDF is not for a terminal: "
                             "add --output FILE.pdf or redirect the output."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_mta (Cli     *cli,
           int     *mta,
           GError **error)
{
  StiMta value;

  *mta = STI_MTA_ALL;
  if (cli->mta_name == NULL || g_str_equal (cli->mta_name, "all"))
    return TRUE;

  if (!sti_mta_from_string (cli->mta_name, &value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown mail server “%s”: use postfix, exim, sendmail, exchange, "
                     "hosted or all."),
                   cli->mta_name);
      return FALSE;
    }

  *mta = value;
  return TRUE;
}

static int
cmd_explain (Cli        *cli,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  g_autofree char *text = NULL;
  int mta;

  if (!parse_mta (cli, &mta, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  if (!sti_catalog_has_entry (id))
    {
      const char * const *ids = sti_catalog_list_ids ();
      g_autofree char *known = g_strjoinv (", ", (char **)ids);
      g_autofree char *shown = sti_text_sanitize_str (id);

      g_printerr (_("No finding is called “%s”. Known ids: %s\n"), shown, known);
      return EXIT_USAGE;
    }

  explanation = sti_catalog_explain_id (id, NULL);
  text = sti_explanation_to_text (explanation, mta);
  g_print ("%s", text);

  return EXIT_SECURE;
}

static void
print_glossary_entry (const StiGlossaryEntry *entry)
{
  g_print ("%s (%s)\n", entry->key, _(entry->full_name));
  g_print ("  %s\n", _(entry->text));
}

static int
cmd_glossary (const char *term)
{
  guint n = 0;
  const StiGlossaryEntry *entries = sti_glossary_get_entries (&n);

  if (term != NULL)
    {
      const StiGlossaryEntry *entry = sti_glossary_lookup (term);
      g_autofree char *shown = sti_text_sanitize_str (term);

      if (entry == NULL)
        {
          g_printerr (_("“%s” is not in the glossary. "
                        "Run “starttls-inspector-cli glossary” for the list.\n"), shown);
          return EXIT_USAGE;
        }

      print_glossary_entry (entry);
      return EXIT_SECURE;
    }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_glossary_entry (&entries[i]);
    }

  return EXIT_SECURE;
}

static StiDomainReport *
load_report (const char  *path,
             GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  StiDomainReport *report;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;

  report = sti_report_load_from_data (data, len, error);
  if (report == NULL)
    g_prefix_error (error, _("%s is not a usable report: "), path);

  return report;
}

static int
cmd_compare (Cli        *cli,
             const char *old_path,
             const char *new_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) old_report = NULL;
  g_autoptr(StiDomainReport) new_report = NULL;
  g_autoptr(StiReportComparison) comparison = NULL;
  g_autoptr(GBytes) out = NULL;
  StiReportFormat format;

  if (!parse_format (cli, &format, &error) ||
      (old_report = load_report (old_path, &error)) == NULL ||
      (new_report = load_report (new_path, &error)) == NULL ||
      (comparison = sti_report_compare (old_report, new_report, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  out = sti_report_comparison_export (comparison, format, &error);
  if (out == NULL || !write_output (cli, out, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_NO_CHECK;
    }

  /* Like check: 1 while problems of error severity remain. */
  if (sti_domain_report_count_by_severity (new_report, STI_SEVERITY_ERROR) > 0)
    return EXIT_FINDINGS;
  return EXIT_SECURE;
}

static int
cmd_list (void)
{
  guint n = 0;
  const StiLabScenario *scenarios = sti_lab_get_scenarios (&n);
  int width = 0;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (int)strlen (scenarios[i].domain));

  g_print ("%s\n\n", _("Demo lab domains (use: starttls-inspector-cli --demo check DOMAIN):"));
  for (guint i = 0; i < n; i++)
    g_print ("  %-*s  %s\n", width, scenarios[i].domain, _(scenarios[i].description));

  return EXIT_SECURE;
}

static gboolean
sigint_cb (gpointer user_data)
{
  Cli *cli = user_data;

  cli->interrupted = TRUE;
  g_cancellable_cancel (cli->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Cli *cli = user_data;

  cli->report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &cli->error);
  g_main_loop_quit (cli->loop);
}

static void
stage_changed_cb (StiDomainCheck *check,
                  const char     *host,
                  const char     *address,
                  StiStage        stage,
                  Cli            *cli)
{
  g_printerr ("\r\033[K%s %s: %s", host, address, sti_stage_to_string (stage));
}

static int
cmd_check (Cli        *cli,
           const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(StiTrustStore) trust = NULL;
  g_autoptr(StiCheckOptions) options = sti_check_options_new ();
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(StiLab) lab = NULL;
  gboolean progress = isatty (STDERR_FILENO);
  StiReportFormat format;
  guint sigint_id;
  int mta;

  if (!parse_format (cli, &format, &error) || !parse_mta (cli, &mta, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  target = sti_check_target_parse (input, &error);
  if (target == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_USAGE;
    }

  trust = sti_trust_store_new (TRUE, &error);
  if (trust == NULL)
    {
      g_printerr (_("Cannot load the system trust store: %s\n"), error->message);
      return EXIT_NO_CHECK;
    }

  for (guint i = 0; cli->ca_files != NULL && cli->ca_files[i] != NULL; i++)
    {
      if (!sti_trust_store_add_ca_file (trust, cli->ca_files[i], &error))
        {
          g_printerr (_("Cannot use --ca-file %s: %s\n"), cli->ca_files[i], error->message);
          return EXIT_USAGE;
        }
    }

  resolver = sti_resolver_new (cli->dns_server, &error);
  if (resolver == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        {
          g_printerr (_("Invalid --dns-server: %s\n"), error->message);
          return EXIT_USAGE;
        }
      g_printerr (_("No resolver available: %s\n"), error->message);
      return EXIT_NO_CHECK;
    }

  if (cli->ehlo != NULL)
    {
      g_free (options->ehlo_name);
      options->ehlo_name = g_strdup (cli->ehlo);
    }
  if (cli->timeout > 0)
    {
      options->total_timeout_ms = cli->timeout * 1000;
      options->stage_timeout_ms = MIN (options->stage_timeout_ms, options->total_timeout_ms);
      options->connect_timeout_ms = MIN (options->connect_timeout_ms, options->total_timeout_ms);
      sti_resolver_set_timeout (resolver, MIN (sti_resolver_get_timeout (resolver),
                                               options->total_timeout_ms));
    }
  options->use_ipv6 = !cli->no_ipv6;
  options->probe_old_tls = cli->old_tls;

  if (cli->demo)
    {
      lab = sti_lab_new ();
      if (!sti_lab_start (lab, &error) ||
          !sti_lab_configure_resolver (lab, resolver, &error) ||
          !sti_trust_store_add_ca_pem (trust, sti_lab_get_ca_pem (lab), _("demo lab CA"), &error))
        {
          g_printerr (_("The demo lab could not start: %s\n"), error->message);
          return EXIT_NO_CHECK;
        }

      /* Lab servers listen on one unprivileged port on their own loopback
       * addresses; everything else keeps the SMTP port. */
      if (sti_lab_is_lab_domain (target->domain))
        {
          options->port = sti_lab_get_port (lab);
          options->https_port = sti_lab_get_port (lab);
        }
    }
  else if (sti_lab_is_lab_domain (target->domain))
    {
      g_printerr (_("%s is a demo lab domain; add --demo to start the lab.\n"), target->domain);
      return EXIT_USAGE;
    }

  cli->loop = g_main_loop_new (NULL, FALSE);
  cli->cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, cli);

  check = sti_domain_check_new (target, options, resolver, trust);
  if (progress)
    g_signal_connect (check, "endpoint-stage-changed", G_CALLBACK (stage_changed_cb), cli);
  sti_domain_check_run_async (check, cli->cancellable, check_done_cb, cli);
  g_main_loop_run (cli->loop);
  g_source_remove (sigint_id);

  if (progress)
    g_printerr ("\r\033[K");

  if (cli->report == NULL)
    {
      if (cli->interrupted)
        g_printerr ("%s\n", _("Interrupted."));
      else
        g_printerr (_("The check could not run: %s\n"), cli->error->message);
      return EXIT_NO_CHECK;
    }

  if (format == STI_REPORT_FORMAT_TEXT)
    {
      StiReportTextFlags flags = STI_REPORT_TEXT_NONE;
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len;

      if (!cli->no_color && cli->output == NULL && isatty (STDOUT_FILENO) &&
          g_getenv ("NO_COLOR") == NULL)
        flags |= STI_REPORT_TEXT_COLOR;
      if (cli->transcript)
        flags |= STI_REPORT_TEXT_TRANSCRIPT;
      if (cli->explain)
        flags |= STI_REPORT_TEXT_EXPLAIN;

      text = sti_report_to_text_full (cli->report, flags, mta);
      len = strlen (text);
      bytes = g_bytes_new_take (g_steal_pointer (&text), len);
      if (!write_output (cli, bytes, &error))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_NO_CHECK;
        }
    }
  else
    {
      g_autoptr(GBytes) bytes = sti_report_export (cli->report, format, mta, &error);

      if (bytes == NULL || !write_output (cli, bytes, &error))
        {
          g_printerr (_("Cannot write the report: %s\n"), error->message);
          return EXIT_NO_CHECK;
        }
    }

  if (sti_domain_report_count_by_severity (cli->report, STI_SEVERITY_ERROR) > 0)
    return EXIT_FINDINGS;
  /* With no endpoint at all (a null MX), there is nothing insecure. */
  if (sti_domain_report_get_endpoint_count (cli->report) > 0 &&
      !sti_report_all_secure (cli->report))
    return EXIT_FINDINGS;

  return EXIT_SECURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Cli cli = { 0 };
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &cli.demo,
      N_("Start the built-in demo lab and resolve its domains"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json,
      N_("Print the report as JSON (schema: docs/json-schema.md)"), NULL },
    { "transcript", 0, 0, G_OPTION_ARG_NONE, &cli.transcript,
      N_("Include the SMTP transcript of every endpoint"), NULL },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &cli.explain,
      N_("Explain every finding: what it means, why it matters, how to fix it"), NULL },
    { "mta", 0, 0, G_OPTION_ARG_STRING, &cli.mta_name,
      N_("Give fix steps for this mail server: postfix, exim, sendmail, exchange, "
         "hosted or all (default)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &cli.format_name,
      N_("Report format: text (default), json, html, md or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &cli.output,
      N_("Write the report to FILE instead of standard output"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.ca_files,
      N_("Also trust the CA certificates in PATH (PEM or DER; repeatable)"), N_("PATH") },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &cli.dns_server,
      N_("Use this DNS server instead of the system's"), N_("ADDR[@PORT]") },
    { "ehlo", 0, 0, G_OPTION_ARG_STRING, &cli.ehlo,
      N_("Name to send in EHLO (default: this machine's address literal, e.g. [192.0.2.1])"),
      N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &cli.timeout,
      N_("Give each mail server at most this long (default: 90)"), N_("SECONDS") },
    { "old-tls", 0, 0, G_OPTION_ARG_NONE, &cli.old_tls,
      N_("Connect once more to each address to ask whether TLS 1.0 and 1.1 are still accepted"),
      NULL },
    { "no-ipv6", 0, 0, G_OPTION_ARG_NONE, &cli.no_ipv6,
      N_("Report IPv6 addresses but do not connect to them"), NULL },
    { "no-color", 0, 0, G_OPTION_ARG_NONE, &cli.no_color,
      N_("Never colour the output"), NULL },
    { NULL }
  };
  const char *command;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [ARGUMENT] — "
                                    "check a mail domain's STARTTLS and certificates"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Commands:\n"
      "  check DOMAIN          Check a mail domain, an address (user@domain), "
      "or one server as [host]:port\n"
      "  list                  List the demo lab's domains (with --demo)\n"
      "  explain ID            Explain one finding id, e.g. cert-expired\n"
      "  glossary [TERM]       Explain the terms of mail security (CN, SAN, DANE…)\n"
      "  compare OLD NEW       Compare two saved JSON reports of one domain: "
      "fixed, new, remaining\n"
      "\n"
      "Exit status: 0 every mail server offers STARTTLS with a verified certificate;\n"
      "1 problems of error severity were found; 2 usage or input error;\n"
      "3 the check could not run.\n"));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      status = usage_error (context, error->message);
      cli_clear (&cli);
      return status;
    }

  if (cli.timeout < 0 || cli.timeout > 3600)
    {
      status = usage_error (context, _("--timeout must be between 1 and 3600 seconds."));
      cli_clear (&cli);
      return status;
    }

  if (argc < 2)
    {
      status = usage_error (context, _("Missing command."));
      cli_clear (&cli);
      return status;
    }

  command = argv[1];

  if (g_str_equal (command, "list"))
    {
      status = argc == 2 ? cmd_list () : usage_error (context, _("“list” takes no argument."));
    }
  else if (g_str_equal (command, "explain"))
    {
      status = argc == 3 ? cmd_explain (&cli, argv[2])
                         : usage_error (context, _("“explain” takes one finding id."));
    }
  else if (g_str_equal (command, "glossary"))
    {
      status = argc <= 3 ? cmd_glossary (argc == 3 ? argv[2] : NULL)
                         : usage_error (context, _("“glossary” takes at most one term."));
    }
  else if (g_str_equal (command, "compare"))
    {
      status = argc == 4 ? cmd_compare (&cli, argv[2], argv[3])
                         : usage_error (context, _("“compare” takes two report files: "
                                                   "OLD.json NEW.json."));
    }
  else if (g_str_equal (command, "check"))
    {
      if (argc != 3)
        status = usage_error (context, _("“check” takes exactly one domain."));
      else
        status = cmd_check (&cli, argv[2]);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), command);

      status = usage_error (context, message);
    }

  cli_clear (&cli);
  return status;
}
