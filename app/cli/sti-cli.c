/* sti-cli.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-target.h"
#include "sti-domain-check.h"
#include "sti-lab.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-resolver.h"
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
  gboolean progress = !cli->json && isatty (STDERR_FILENO);
  guint sigint_id;

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
      sti_resolver_set_timeout (resolver, MIN (sti_resolver_get_timeout (resolver), options->total_timeout_ms));
    }
  options->use_ipv6 = !cli->no_ipv6;

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
        options->port = sti_lab_get_port (lab);
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

  if (cli->json)
    {
      g_autofree char *json = sti_report_to_json_string (cli->report, TRUE);

      g_print ("%s\n", json);
    }
  else
    {
      StiReportTextFlags flags = STI_REPORT_TEXT_NONE;
      g_autofree char *text = NULL;

      if (!cli->no_color && isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL)
        flags |= STI_REPORT_TEXT_COLOR;
      if (cli->transcript)
        flags |= STI_REPORT_TEXT_TRANSCRIPT;

      text = sti_report_to_text (cli->report, flags);
      g_print ("%s", text);
    }

  if (sti_domain_report_count_by_severity (cli->report, STI_SEVERITY_ERROR) > 0)
    return EXIT_FINDINGS;
  /* With no endpoint at all (a null MX), there is nothing insecure. */
  if (sti_domain_report_get_endpoint_count (cli->report) > 0 && !sti_report_all_secure (cli->report))
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
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &cli.ca_files,
      N_("Also trust the CA certificates in PATH (PEM or DER; repeatable)"), N_("PATH") },
    { "dns-server", 0, 0, G_OPTION_ARG_STRING, &cli.dns_server,
      N_("Use this DNS server instead of the system's"), N_("ADDR[@PORT]") },
    { "ehlo", 0, 0, G_OPTION_ARG_STRING, &cli.ehlo,
      N_("Name to send in EHLO (default: this machine's address literal, e.g. [192.0.2.1])"), N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &cli.timeout,
      N_("Give each mail server at most this long (default: 90)"), N_("SECONDS") },
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

  context = g_option_context_new (_("COMMAND [ARGUMENT] — check a mail domain's STARTTLS and certificates"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Commands:\n"
      "  check DOMAIN     Check a mail domain, an address (user@domain), or one server as [host]:port\n"
      "  list             List the demo lab's domains (with --demo)\n"
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
