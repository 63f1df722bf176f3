/* sti-cli-survey-outputs.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-survey-private.h"

#include "sti-policy-map.h"
#include "sti-survey-html.h"
#include "sti-survey-summary.h"

#include <gio/gunixoutputstream.h>
#include <string.h>
#include <unistd.h>

/* The summary and the policy map of `survey` and `survey-merge`, built
 * from each domain's report as it comes in: the summary keeps counters
 * and a top list, the policy map writes each domain's lines to its file
 * at once, so neither holds the reports. */

struct _SurveyOutputs
{
  StiSurveySummary *summary;      /* nullable: not asked for */
  StiPolicyMap     *policy_map;   /* nullable */
  GOutputStream    *policy_file;
};

gboolean
survey_outputs_available (void)
{
  return TRUE;
}

static GOutputStream *
create_file (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "-"))
    return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  file = g_file_new_for_commandline_arg (path);
  return G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
}

/**
 * survey_outputs_new:
 * @summary_by_default: a text summary on standard output unless told
 *   otherwise
 *
 * Opens the policy map's file at once: a path that cannot be written is
 * an error before the survey runs, not after.
 *
 * Returns: (transfer full) (nullable): what the flags ask for, or %NULL
 *   with @error set
 */
SurveyOutputs *
survey_outputs_new (gboolean   summary_by_default,
                    GError   **error)
{
  g_autoptr(SurveyOutputs) outputs = g_new0 (SurveyOutputs, 1);

  if (survey_flags.summary != NULL || survey_flags.summary_format != NULL || summary_by_default)
    outputs->summary = sti_survey_summary_new ();

  if (survey_flags.policy_map != NULL)
    {
      outputs->policy_file = create_file (survey_flags.policy_map, error);
      if (outputs->policy_file == NULL)
        {
          g_prefix_error (error, "--policy-map: ");
          return NULL;
        }
      outputs->policy_map = sti_policy_map_new_for_stream (outputs->policy_file);
    }

  return g_steal_pointer (&outputs);
}

void
survey_outputs_add (SurveyOutputs   *outputs,
                    StiDomainReport *report,
                    guint64          weight,
                    const char      *postfix_tls)
{
  if (outputs->summary != NULL)
    sti_survey_summary_add (outputs->summary, report, weight, postfix_tls);
  if (outputs->policy_map != NULL)
    sti_policy_map_add (outputs->policy_map, report);
}

static char *
summary_text (StiSurveySummary *summary)
{
  const char *format = survey_flags.summary_format != NULL ? survey_flags.summary_format
                                                           : "text";

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonNode) root = sti_survey_summary_to_json (summary);
      g_autofree char *json = json_to_string (root, TRUE);

      return g_strconcat (json, "\n", NULL);
    }
  if (g_str_equal (format, "html"))
    return sti_survey_summary_to_html (summary);
  return sti_survey_summary_to_text (summary);
}

/* Writes the summary and the policy map's closing lines. */
gboolean
survey_outputs_finish (SurveyOutputs  *outputs,
                       GError        **error)
{
  if (outputs->policy_map != NULL &&
      (!sti_policy_map_finish (outputs->policy_map, NULL, error) ||
       !g_output_stream_close (outputs->policy_file, NULL, error)))
    {
      g_prefix_error (error, "--policy-map: ");
      return FALSE;
    }

  if (outputs->summary != NULL)
    {
      g_autofree char *text = summary_text (outputs->summary);
      const char *path = survey_flags.summary != NULL ? survey_flags.summary : "-";
      g_autoptr(GOutputStream) stream = create_file (path, error);

      if (stream == NULL ||
          !g_output_stream_write_all (stream, text, strlen (text), NULL, NULL, error) ||
          !g_output_stream_close (stream, NULL, error))
        {
          g_prefix_error (error, "--summary: ");
          return FALSE;
        }
    }

  return TRUE;
}

void
survey_outputs_free (SurveyOutputs *outputs)
{
  if (outputs == NULL)
    return;
  g_clear_object (&outputs->summary);
  g_clear_object (&outputs->policy_map);
  g_clear_object (&outputs->policy_file);
  g_free (outputs);
}
