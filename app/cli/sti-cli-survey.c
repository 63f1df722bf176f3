/* sti-cli-survey.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-survey-private.h"

#include "sti-survey-input.h"
#include "sti-survey-postfix.h"
#include "sti-survey-results.h"
#include "sti-survey-run.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <gio/gunixoutputstream.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* `survey` and `survey-merge` (docs/survey.md). The flags of `check` apply
 * to every domain; these are the survey's own, in a group of their own so
 * that `check` stays as it was. */

SurveyFlags survey_flags;

void
sti_cli_survey_add_options (GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "resume", 0, 0, G_OPTION_ARG_NONE, &survey_flags.resume,
      N_("survey: skip the domains already in the --output file and append the rest"), NULL },
    { "postfix-log", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &survey_flags.postfix_logs,
      N_("survey: check the recipient domains of the deliveries in this Postfix log, "
         "weighted by messages (repeatable; rotated .gz logs too)"), N_("FILE") },
    { "summary", 0, 0, G_OPTION_ARG_FILENAME, &survey_flags.summary,
      N_("survey: write the summary to FILE (default: text on standard output)"), N_("FILE") },
    { "summary-format", 0, 0, G_OPTION_ARG_STRING, &survey_flags.summary_format,
      N_("survey: the summary's format: text (default), json or html"), N_("FORMAT") },
    { "policy-map", 0, 0, G_OPTION_ARG_FILENAME, &survey_flags.policy_map,
      N_("survey: write a Postfix smtp_tls_policy_maps table to FILE"), N_("FILE") },
    { "concurrency", 0, 0, G_OPTION_ARG_INT, &survey_flags.concurrency,
      N_("survey: domains checked at once (default: 200)"), N_("N") },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &survey_flags.shard,
      N_("survey: check only share K of N of the domains (by a hash of the domain)"),
      N_("K/N") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("survey", _("Options of survey and survey-merge:"),
                                            _("Show the options of survey"), NULL, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_add_group (context, group);
}

void
sti_cli_survey_clear (void)
{
  g_clear_pointer (&survey_flags.postfix_logs, g_strfreev);
  g_clear_pointer (&survey_flags.summary, g_free);
  g_clear_pointer (&survey_flags.summary_format, g_free);
  g_clear_pointer (&survey_flags.policy_map, g_free);
  g_clear_pointer (&survey_flags.shard, g_free);
}

gboolean
sti_cli_survey_has_postfix_log (void)
{
  return survey_flags.postfix_logs != NULL && survey_flags.postfix_logs[0] != NULL;
}

static void
print_error (const GError *error)
{
  g_printerr ("%s\n", error->message);
}

/* ---- Input ---- */

typedef struct
{
  const char *name;    /* of the input, for messages */
  guint       n_bad;
  gboolean    quiet;
} BadLines;

static void
bad_line_cb (guint       line,
             const char *message,
             gpointer    user_data)
{
  BadLines *bad = user_data;

  bad->n_bad++;
  if (!bad->quiet)
    g_printerr (_("%s:%u: skipped: %s\n"), bad->name, line, message);
}

static GPtrArray *
read_postfix_logs (GError **error)
{
  g_autoptr(StiSurveyPostfixLog) log = sti_survey_postfix_log_new ();

  for (guint i = 0; survey_flags.postfix_logs[i] != NULL; i++)
    {
      if (!sti_survey_postfix_log_add_file (log, survey_flags.postfix_logs[i], error))
        {
          g_prefix_error (error, "%s: ", survey_flags.postfix_logs[i]);
          return NULL;
        }
    }
  if (sti_survey_postfix_log_get_n_deliveries (log) == 0)
    g_printerr (_("No outgoing delivery (postfix/smtp … to=<…>, status=…) in the Postfix "
                  "log.\n"));
  return sti_survey_postfix_log_dup_entries (log);
}

/* The domains to check: a list (a file or "-") or Postfix logs. */
static StiSurveyInput *
open_input (const char  *path,
            GPtrArray   *postfix_entries,
            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  if (postfix_entries != NULL)
    return sti_survey_input_new_entries (postfix_entries);

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);

      return sti_survey_input_new_stream (in);
    }

  file = g_file_new_for_commandline_arg (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  return sti_survey_input_new_stream (G_INPUT_STREAM (stream));
}

/* ---- Resume ---- */

typedef struct
{
  StiSurveyInput *inputs[2];
  guint           n;
} ResumeScan;

static gboolean
resume_line_cb (JsonNode *root,
                gpointer  user_data)
{
  ResumeScan *scan = user_data;
  const char *domain = sti_survey_result_get_domain (root);

  for (guint i = 0; i < G_N_ELEMENTS (scan->inputs); i++)
    if (scan->inputs[i] != NULL)
      sti_survey_input_skip (scan->inputs[i], domain);
  scan->n++;
  return TRUE;
}

/* Opens the results file: with --resume, skips what it holds and cuts a
 * last line a kill left unfinished; otherwise it must not hold results. */
static GOutputStream *
open_output (const char      *path,
             StiSurveyInput  *input,
             StiSurveyInput  *counting,
             GError         **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  ResumeScan scan = { { input, counting }, 0 };
  goffset length = 0;
  guint n_bad = 0;

  if (path == NULL)
    return NULL;
  if (g_str_equal (path, "-"))
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  file = g_file_new_for_commandline_arg (path);
  if (!survey_flags.resume)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info != NULL && g_file_info_get_size (info) > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s already holds results: add --resume to continue that survey, "
                         "or write elsewhere."), path);
          return NULL;
        }
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
      return stream != NULL ? G_OUTPUT_STREAM (g_steal_pointer (&stream)) : NULL;
    }

  if (!sti_survey_results_read_file (path, resume_line_cb, &scan, &length, &n_bad, error))
    return NULL;
  g_printerr (_("Resuming: %u domains already in %s.\n"), scan.n, path);
  if (n_bad > 0)
    g_printerr (_("%s: %u lines are not results; their domains are checked again.\n"),
                path, n_bad);

  stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL ||
      !g_seekable_truncate (G_SEEKABLE (stream), length, NULL, error))
    return NULL;
  return G_OUTPUT_STREAM (g_steal_pointer (&stream));
}

/* ---- The run ---- */

typedef struct
{
  GMainLoop     *loop;
  StiSurveyRun  *run;
  SurveyOutputs *outputs;
  gboolean       progress;
  guint          total;       /* 0: not known (standard input) */
  gint64         started_us;
  gboolean       finished;
  gboolean       interrupted;
  GError        *error;
} Survey;

static void
show_progress (Survey *survey)
{
  guint done = sti_survey_run_get_n_done (survey->run);
  guint failed = sti_survey_run_get_n_failed (survey->run);
  double elapsed_s = (g_get_monotonic_time () - survey->started_us) / 1e6;
  double rate = elapsed_s > 0 ? (done + failed) / elapsed_s : 0;
  g_autofree char *eta = NULL;

  if (survey->total > 0 && rate > 0)
    {
      guint left = survey->total > done + failed ? survey->total - done - failed : 0;
      guint64 s = (guint64)(left / rate);

      eta = g_strdup_printf (_(", ETA %u:%02u:%02u"), (guint)(s / 3600), (guint)(s / 60 % 60),
                             (guint)(s % 60));
    }

  /* Back to the start of the line and clear it: terminal control, not words. */
  g_printerr ("\r\033[K");
  if (survey->total > 0)
    /* Translators: the survey's progress line: domains done of all, domains per
     * second, then an optional ", ETA h:mm:ss", then the domains that failed */
    g_printerr (_("%u of %u domains, %.1f/s%s, %u failed"), done + failed,
                survey->total, rate, eta != NULL ? eta : "", failed);
  else
    /* Translators: the survey's progress line, total not known: domains done,
     * domains per second, domains that failed */
    g_printerr (_("%u domains, %.1f/s, %u failed"), done + failed, rate, failed);
}

static gboolean
progress_cb (gpointer user_data)
{
  show_progress (user_data);
  return G_SOURCE_CONTINUE;
}

static void
domain_cb (const StiSurveyEntry *entry,
           StiDomainReport      *report,
           const GError         *error,
           gpointer              user_data)
{
  Survey *survey = user_data;

  if (report != NULL)
    {
      survey_outputs_add (survey->outputs, report, entry->weight, entry->postfix_tls);
      return;
    }

  if (survey->progress)
    g_printerr ("\r\033[K");
  g_printerr (_("%s: not checked: %s\n"), entry->domain, error->message);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Survey *survey = user_data;

  sti_survey_run_run_finish (STI_SURVEY_RUN (object), result, &survey->error);
  survey->finished = TRUE;
  g_main_loop_quit (survey->loop);
}

static gboolean
sigint_cb (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

/* Runs @run to its end or Ctrl+C. */
static gboolean
run_survey (Survey  *survey,
            GError **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint sigint_id = g_unix_signal_add (SIGINT, sigint_cb, cancellable);
  guint progress_id = 0;

  survey->loop = g_main_loop_new (NULL, FALSE);
  survey->started_us = g_get_monotonic_time ();
  if (survey->progress)
    progress_id = g_timeout_add_seconds (1, progress_cb, survey);

  sti_survey_run_run_async (survey->run, cancellable, run_done_cb, survey);
  g_main_loop_run (survey->loop);

  g_source_remove (sigint_id);
  if (progress_id != 0)
    {
      g_source_remove (progress_id);
      show_progress (survey);
      g_printerr ("\n");
    }
  g_main_loop_unref (survey->loop);

  if (survey->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&survey->error));
      return FALSE;
    }
  return TRUE;
}

/* A second pass over a list file, for the total the progress line shows. */
static StiSurveyInput *
open_counting_input (const char *path,
                     GPtrArray  *postfix_entries,
                     guint       shard_index,
                     guint       shard_count)
{
  StiSurveyInput *counting;

  if (postfix_entries == NULL && g_str_equal (path, "-"))
    return NULL;
  counting = open_input (path, postfix_entries, NULL);
  if (counting != NULL)
    sti_survey_input_set_shard (counting, shard_index, shard_count);
  return counting;
}

static guint
count_entries (StiSurveyInput *counting)
{
  BadLines quiet = { NULL, 0, TRUE };
  StiSurveyEntry *entry;
  guint n = 0;

  if (counting == NULL)
    return 0;
  sti_survey_input_set_bad_line_func (counting, bad_line_cb, &quiet);
  while ((entry = sti_survey_input_next (counting, NULL)) != NULL)
    {
      n++;
      sti_survey_entry_free (entry);
    }
  return n;
}

static gboolean
parse_survey_flags (guint   *shard_index,
                    guint   *shard_count,
                    GError **error)
{
  *shard_index = 0;
  *shard_count = 0;

  if (survey_flags.concurrency < 0 || survey_flags.concurrency > 100000)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--concurrency must be between 1 and 100000."));
      return FALSE;
    }
  if (survey_flags.summary_format != NULL &&
      !g_strv_contains ((const char * const[]) { "text", "json", "html", NULL },
                        survey_flags.summary_format))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown summary format “%s”: use text, json or html."),
                   survey_flags.summary_format);
      return FALSE;
    }
  return survey_flags.shard == NULL ||
         sti_survey_parse_shard (survey_flags.shard, shard_index, shard_count, error);
}

/* The session that makes every check, with the demo lab when asked for. */
static StiCheckSession *
open_session (StiCliOptions  *options,
              GError        **error)
{
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);

  if (options->demo && sti_check_session_ensure_lab (session, error) == NULL)
    {
      g_prefix_error (error, _("The demo lab could not start: "));
      return NULL;
    }
  return g_steal_pointer (&session);
}

static void
print_totals (Survey *survey)
{
  guint connections = 0, reused = 0;

  sti_probe_pool_get_reuse_stats (sti_survey_run_get_probe_pool (survey->run), &connections,
                                  &reused);
  g_printerr (_("Survey: %u domains checked, %u not checked; %u connections, %u probes "
                "answered from another domain's.\n"),
              sti_survey_run_get_n_done (survey->run), sti_survey_run_get_n_failed (survey->run),
              connections, reused);
}

/* Sets up the run: the domains (sharded, deduplicated, without those a
 * resumed file holds) and where their lines go. */
static StiSurveyRun *
prepare_run (StiCliOptions    *options,
             const char       *path,
             StiCheckSession  *session,
             BadLines         *bad,
             guint            *total,
             GError          **error)
{
  g_autoptr(GPtrArray) postfix_entries = NULL;
  g_autoptr(StiSurveyInput) input = NULL;
  g_autoptr(StiSurveyInput) counting = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(StiCheckSessionOptions) session_options = NULL;
  const char *output_path = options->output;
  guint shard_index, shard_count;
  StiSurveyRun *run;

  if (!parse_survey_flags (&shard_index, &shard_count, error))
    return NULL;
  if (survey_flags.resume && (output_path == NULL || g_str_equal (output_path, "-")))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--resume continues the results file: add --output FILE."));
      return NULL;
    }
  /* Without a summary to print, the results go to standard output. */
  if (output_path == NULL && !survey_outputs_available ())
    output_path = "-";

  if (sti_cli_survey_has_postfix_log () && (postfix_entries = read_postfix_logs (error)) == NULL)
    return NULL;
  input = open_input (path, postfix_entries, error);
  if (input == NULL)
    return NULL;
  sti_survey_input_set_shard (input, shard_index, shard_count);
  sti_survey_input_set_bad_line_func (input, bad_line_cb, bad);
  counting = open_counting_input (path, postfix_entries, shard_index, shard_count);

  if (output_path != NULL && (output = open_output (output_path, input, counting, error)) == NULL)
    return NULL;
  *total = count_entries (counting);

  session_options = sti_cli_options_dup_check_options (options);
  run = sti_survey_run_new (session, session_options, g_steal_pointer (&input), output);
  sti_survey_run_set_concurrency (run, survey_flags.concurrency);
  return run;
}

/**
 * sti_cli_cmd_survey:
 * @options: the parsed flags (those of `check` apply to every domain)
 * @path: (nullable): the list of domains, "-" for standard input; %NULL
 *   with --postfix-log
 *
 * `survey`: checks every domain of a list or a Postfix log, writing one
 * result line per domain and a summary (docs/survey.md).
 *
 * Returns: the exit code: 0 when the survey ran to its end
 */
StiCliExit
sti_cli_cmd_survey (StiCliOptions *options,
                    const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCheckSession) session = NULL;
  g_autoptr(StiSurveyRun) run = NULL;
  BadLines bad = { path != NULL ? path : _("Postfix log"), 0, FALSE };
  g_autoptr(SurveyOutputs) outputs = NULL;
  Survey survey = { 0 };
  gboolean ok;

  outputs = survey_outputs_new (options->output == NULL && survey_outputs_available (), &error);
  if (outputs == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  session = open_session (options, &error);
  if (session == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }

  run = prepare_run (options, path, session, &bad, &survey.total, &error);
  if (run == NULL)
    {
      print_error (error);
      return g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE) ||
             g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
             ? STI_CLI_EXIT_USAGE : STI_CLI_EXIT_NO_CHECK;
    }

  survey.run = run;
  survey.outputs = outputs;
  survey.progress = isatty (STDERR_FILENO);
  sti_survey_run_set_domain_func (run, domain_cb, &survey);

  ok = run_survey (&survey, &error) && survey_outputs_finish (outputs, &error);
  print_totals (&survey);
  if (!ok)
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }
  return STI_CLI_EXIT_SECURE;
}

/* ---- survey-merge ---- */

typedef struct
{
  GHashTable    *seen;     /* domain hash */
  SurveyOutputs *outputs;
  GOutputStream *output;   /* nullable: the merged lines */
  guint          n;
  guint          n_twice;
  GError        *error;
} Merge;

static gboolean
merge_line_cb (JsonNode *root,
               gpointer  user_data)
{
  Merge *merge = user_data;
  const char *domain = sti_survey_result_get_domain (root);
  gpointer key = GSIZE_TO_POINTER ((gsize)sti_survey_domain_hash (domain));
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_hash_table_add (merge->seen, key))
    {
      merge->n_twice++;
      return TRUE;
    }

  report = sti_survey_result_load_report (root, &error);
  if (report == NULL)
    {
      g_printerr (_("%s: skipped: %s\n"), domain, error->message);
      return TRUE;
    }
  merge->n++;
  survey_outputs_add (merge->outputs, report, sti_survey_result_get_weight (root),
               sti_survey_result_get_postfix_tls (root));

  if (merge->output != NULL)
    {
      g_autofree char *json = json_to_string (root, FALSE);
      g_autofree char *line = g_strconcat (json, "\n", NULL);

      if (!g_output_stream_write_all (merge->output, line, strlen (line), NULL, NULL,
                                      &merge->error))
        return FALSE;
    }
  return TRUE;
}

static GOutputStream *
open_merged_output (const char  *path,
                    GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return NULL;
  if (g_str_equal (path, "-"))
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  file = g_file_new_for_commandline_arg (path);
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
}

/**
 * sti_cli_cmd_survey_merge:
 * @options: the parsed flags (--output: the merged results)
 * @paths: (array zero-terminated=1): the shards' results files
 *
 * `survey-merge`: one summary (and with --output one results file) from
 * the results of every shard; a domain in two files counts once.
 *
 * Returns: the exit code
 */
StiCliExit
sti_cli_cmd_survey_merge (StiCliOptions  *options,
                          char          **paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GOutputStream) output = NULL;
  g_autoptr(SurveyOutputs) outputs = NULL;
  Merge merge = { seen, NULL, NULL, 0, 0, NULL };

  outputs = survey_outputs_new (options->output == NULL, &error);
  if (outputs == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_USAGE;
    }
  if (options->output != NULL && (output = open_merged_output (options->output, &error)) == NULL)
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }
  merge.output = output;
  merge.outputs = outputs;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      guint n_bad = 0;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such file"), paths[i]);
      else if (!sti_survey_results_read_file (paths[i], merge_line_cb, &merge, NULL, &n_bad,
                                              &error) || merge.error != NULL)
        g_prefix_error (&error, "%s: ", paths[i]);
      if (merge.error != NULL)
        g_propagate_error (&error, g_steal_pointer (&merge.error));
      if (error != NULL)
        {
          print_error (error);
          return STI_CLI_EXIT_NO_CHECK;
        }
      if (n_bad > 0)
        g_printerr (_("%s: %u lines are not results.\n"), paths[i], n_bad);
    }

  g_printerr (_("Merged: %u domains (%u found in more than one file).\n"), merge.n,
              merge.n_twice);
  if (!survey_outputs_finish (outputs, &error))
    {
      print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }
  return STI_CLI_EXIT_SECURE;
}
