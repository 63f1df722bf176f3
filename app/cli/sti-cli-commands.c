/* sti-cli-commands.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-commands.h"

#include "sti-catalog.h"
#include "sti-check-session.h"
#include "sti-check-target.h"
#include "sti-cli-output.h"
#include "sti-comparison-export.h"
#include "sti-glossary.h"
#include "sti-lab.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* One check on the main loop, until it ends or Ctrl+C cancels it. */
typedef struct
{
  GMainLoop       *loop;
  GCancellable    *cancellable;
  StiDomainReport *report;
  GError          *error;
  gboolean         interrupted;
} CheckRun;

static gboolean
sigint_cb (gpointer user_data)
{
  CheckRun *run = user_data;

  run->interrupted = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
stage_changed_cb (StiDomainCheck *check,
                  const char     *host,
                  const char     *address,
                  StiStage        stage,
                  gpointer        user_data)
{
  g_printerr ("\r\033[K%s %s: %s", host, address, sti_stage_to_string (stage));
}

/* Runs @check, showing its progress on a terminal. Returns the report, or
 * NULL having said why. */
static StiDomainReport *
run_check (StiDomainCheck *check)
{
  CheckRun run = { 0 };
  gboolean progress = isatty (STDERR_FILENO);
  guint sigint_id;

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  sigint_id = g_unix_signal_add (SIGINT, sigint_cb, &run);

  if (progress)
    g_signal_connect (check, "endpoint-stage-changed", G_CALLBACK (stage_changed_cb), NULL);
  sti_domain_check_run_async (check, run.cancellable, check_done_cb, &run);
  g_main_loop_run (run.loop);
  g_source_remove (sigint_id);

  if (progress)
    g_printerr ("\r\033[K");

  if (run.report == NULL)
    {
      if (run.interrupted)
        g_printerr ("%s\n", _("Interrupted."));
      else
        /* Translators: %s is why, an error message */
        g_printerr (_("The check could not run: %s\n"), run.error->message);
    }

  g_clear_pointer (&run.loop, g_main_loop_unref);
  g_clear_object (&run.cancellable);
  g_clear_error (&run.error);
  return run.report;
}

/* Messages may quote what the user typed: GLib's file errors quote a file
 * name as it was given, control characters and all. Clean text passes as
 * it is (sti_text_clean()), so what we escaped already stays escaped once. */
static void
print_error (const GError *error)
{
  g_autofree char *message = sti_text_clean (error->message);

  g_printerr ("%s\n", message);
}

/**
 * sti_cli_print_error:
 * @error: what went wrong
 *
 * Says @error on standard error as every command does.
 */
void
sti_cli_print_error (const GError *error)
{
  print_error (error);
}

/* Says why the session could not set up the check of @input, in the
 * CLI's words (they name its flags), and returns the exit code. */
static StiCliExit
setup_failed (const char   *input,
              const GError *error)
{
  switch (error->code)
    {
    case STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING:
      {
        g_autoptr(StiCheckTarget) target = sti_check_target_parse (input, NULL);

        /* Translators: %s is the domain the user typed */
        g_printerr (_("%s is a demo lab domain; add --demo to start the lab.\n"),
                    target != NULL ? target->domain : input);
        return STI_CLI_EXIT_USAGE;
      }

    case STI_CHECK_SESSION_ERROR_LAB:
      /* Translators: %s is why, an error message */
      g_printerr (_("The demo lab could not start: %s\n"), error->message);
      return STI_CLI_EXIT_NO_CHECK;

    case STI_CHECK_SESSION_ERROR_TRUST_STORE:
      /* Translators: %s is why, an error message */
      g_printerr (_("Cannot load the system trust store: %s\n"), error->message);
      return STI_CLI_EXIT_NO_CHECK;

    case STI_CHECK_SESSION_ERROR_DNS_SERVER:
      /* Translators: keep "--dns-server": it is the option; %s is why */
      g_printerr (_("Invalid --dns-server: %s\n"), error->message);
      return STI_CLI_EXIT_USAGE;

    case STI_CHECK_SESSION_ERROR_RESOLVER:
      /* Translators: %s is why, an error message */
      g_printerr (_("No resolver available: %s\n"), error->message);
      return STI_CLI_EXIT_NO_CHECK;

    case STI_CHECK_SESSION_ERROR_TARGET:
    case STI_CHECK_SESSION_ERROR_CA_FILE:
    default:
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }
}

/* The flags that say how to write a report, checked before any work. */
static gboolean
get_report_flags (StiCliOptions  *options,
                  GArray        **formats,
                  StiPaperSize   *paper,
                  int            *mta,
                  GError        **error)
{
  *formats = sti_cli_options_get_formats (options, error);

  return *formats != NULL && sti_cli_options_get_paper (options, paper, error) &&
         sti_cli_options_get_mta (options, mta, error);
}

/* README's contract: 1 only for a finding of error severity. A server
 * that turned the check away for now (a 421, a timeout, an address not
 * reachable) leaves only a warning, yet nothing says it is secure either:
 * that is its own outcome, as in the report. */
static StiCliExit
exit_status_for (StiDomainReport *report)
{
  if (sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR) > 0)
    return STI_CLI_EXIT_FINDINGS;
  /* With no endpoint at all (a null MX), there is nothing insecure. */
  if (sti_domain_report_get_endpoint_count (report) > 0 && !sti_report_all_secure (report))
    return STI_CLI_EXIT_INCOMPLETE;

  return STI_CLI_EXIT_SECURE;
}

/**
 * sti_cli_run_check:
 * @options: the parsed flags (--demo, --ca-file, --dns-server, --timeout, …)
 * @input: a domain, an address or `[host]:port`
 * @status: (out): the exit code when there is no report
 *
 * Checks @input through a check session, as the window does: what every
 * command that checks a domain shares.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL having said why
 */
StiDomainReport *
sti_cli_run_check (StiCliOptions *options,
                   const char    *input,
                   StiCliExit    *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCheckSession) session = NULL;
  g_autoptr(StiCheckSessionOptions) session_options = NULL;
  g_autoptr(StiDomainCheck) check = NULL;
  StiDomainReport *report;

  /* The lab runs only when asked for: a lab domain without --demo is a
   * mistake, not a reason to start servers. It serves from this main loop,
   * where the order of its answers, and so the report, is reproducible. */
  session = sti_check_session_new (FALSE);
  if (options->demo && sti_check_session_ensure_lab (session, &error) == NULL)
    {
      g_printerr (_("The demo lab could not start: %s\n"), error->message);
      *status = STI_CLI_EXIT_NO_CHECK;
      return NULL;
    }

  session_options = sti_cli_options_dup_check_options (options);
  check = sti_check_session_create_check (session, input, session_options, &error);
  if (check == NULL)
    {
      *status = setup_failed (input, error);
      return NULL;
    }

  report = run_check (check);
  *status = report != NULL ? STI_CLI_EXIT_SECURE : STI_CLI_EXIT_NO_CHECK;
  return report;
}

/**
 * sti_cli_cmd_check:
 * @options: the parsed flags
 * @input: a domain, an address or `[host]:port`
 *
 * `check`: checks @input through a check session, as the window does, and
 * writes the report.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_check (StiCliOptions *options,
                   const char    *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GArray) formats = NULL;
  StiCliExit status;
  StiPaperSize paper;
  int mta;

  if (!get_report_flags (options, &formats, &paper, &mta, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  report = sti_cli_run_check (options, input, &status);
  if (report == NULL)
    return status;

  if (!sti_cli_output_reports (options, report, formats, mta, paper, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }

  return exit_status_for (report);
}

/**
 * sti_cli_cmd_list:
 *
 * `list`: the demo lab's domains.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_list (void)
{
  guint n = 0;
  const StiLabScenario *scenarios = sti_lab_get_scenarios (&n);
  int width = 0;

  for (guint i = 0; i < n; i++)
    width = MAX (width, (int)strlen (scenarios[i].domain));

  g_print ("%s\n\n", _("Demo lab domains (use: starttls-inspector-cli --demo check DOMAIN):"));
  for (guint i = 0; i < n; i++)
    g_print ("  %-*s  %s\n", width, scenarios[i].domain, _(scenarios[i].description));

  return STI_CLI_EXIT_SECURE;
}

/**
 * sti_cli_cmd_explain:
 * @options: the parsed flags (`--mta`)
 * @id: a finding id
 *
 * `explain ID`: the registry's words for one finding.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_explain (StiCliOptions *options,
                     const char    *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  g_autofree char *text = NULL;
  int mta;

  if (!sti_cli_options_get_mta (options, &mta, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  if (!sti_catalog_has_entry (id))
    {
      const char * const *ids = sti_catalog_list_ids ();
      g_autofree char *known = g_strjoinv (", ", (char **)ids);
      g_autofree char *shown = sti_text_sanitize_str (id);

      /* Translators: the first %s is what the user typed, the second the list of finding ids */
      g_printerr (_("No finding is called “%s”. Known ids: %s\n"), shown, known);
      return STI_CLI_EXIT_USAGE;
    }

  explanation = sti_catalog_explain_id (id, NULL);
  text = sti_explanation_to_text (explanation, mta);
  g_print ("%s", text);

  return STI_CLI_EXIT_SECURE;
}

static void
print_glossary_entry (const StiGlossaryEntry *entry)
{
  g_print ("%s (%s)\n", entry->key, _(entry->full_name));
  g_print ("  %s\n", _(entry->text));
}

/**
 * sti_cli_cmd_glossary:
 * @term: (nullable): a term; %NULL for the whole glossary
 *
 * `glossary [TERM]`.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_glossary (const char *term)
{
  guint n = 0;
  const StiGlossaryEntry *entries = sti_glossary_get_entries (&n);

  if (term != NULL)
    {
      const StiGlossaryEntry *entry = sti_glossary_lookup (term);
      g_autofree char *shown = sti_text_sanitize_str (term);

      if (entry == NULL)
        {
          /* Translators: %s is the term the user typed; keep the command in English */
          g_printerr (_("“%s” is not in the glossary. "
                        "Run “starttls-inspector-cli glossary” for the list.\n"), shown);
          return STI_CLI_EXIT_USAGE;
        }

      print_glossary_entry (entry);
      return STI_CLI_EXIT_SECURE;
    }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_glossary_entry (&entries[i]);
    }

  return STI_CLI_EXIT_SECURE;
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
    {
      g_autofree char *shown = sti_text_clean (path);

      /* Translators: %s is a file name; the reason follows after the colon */
      g_prefix_error (error, _("%s is not a usable report: "), shown);
    }

  return report;
}

/**
 * sti_cli_cmd_render:
 * @options: the parsed flags (formats, output, paper, mail server)
 * @path: a saved JSON report
 *
 * `render REPORT.json`: the saved report in other formats, as `check`
 * would have written them, without checking again.
 *
 * Returns: the exit code: 0 once written, whatever the report found
 */
StiCliExit
sti_cli_cmd_render (StiCliOptions *options,
                    const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GArray) formats = NULL;
  StiPaperSize paper;
  int mta;

  if (!get_report_flags (options, &formats, &paper, &mta, &error) ||
      (report = load_report (path, &error)) == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  if (!sti_cli_output_reports (options, report, formats, mta, paper, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }

  return STI_CLI_EXIT_SECURE;
}

/**
 * sti_cli_cmd_compare:
 * @options: the parsed flags (format, output)
 * @old_path: a saved JSON report
 * @new_path: a later saved JSON report of the same domain
 *
 * `compare OLD NEW`: what was fixed, what is new, what remains.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_compare (StiCliOptions *options,
                     const char    *old_path,
                     const char    *new_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) old_report = NULL;
  g_autoptr(StiDomainReport) new_report = NULL;
  g_autoptr(StiReportComparison) comparison = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autofree char *swapped = NULL;
  StiReportFormat format;

  if (!sti_cli_options_get_format (options, &format, &error) ||
      (old_report = load_report (old_path, &error)) == NULL ||
      (new_report = load_report (new_path, &error)) == NULL ||
      (comparison = sti_report_compare (old_report, new_report, &error)) == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  /* Said on standard error too: the output may go to a file nobody reads
   * before acting on "fixed". */
  swapped = sti_report_comparison_dup_swapped_warning (comparison);
  if (swapped != NULL)
    g_printerr ("%s %s\n", _("Warning:"), swapped);

  out = sti_report_comparison_export (comparison, format, &error);
  if (out == NULL || !sti_cli_output_write (options, out, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }

  /* Like check: 1 while problems of error severity remain. */
  if (sti_domain_report_count_by_severity (new_report, STI_SEVERITY_ERROR) > 0)
    return STI_CLI_EXIT_FINDINGS;
  return STI_CLI_EXIT_SECURE;
}
