/* sti-cli-survey-outputs.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-survey-private.h"

#include <glib/gi18n.h>

/* The summary and the policy map of `survey` and `survey-merge`, built
 * from each domain's report as it comes in (counters, not reports). Their
 * code (app/core/survey/sti-survey-summary.c, sti-policy-map.c) is not in
 * this build yet: asking for them is an error before anything runs. */

struct _SurveyOutputs
{
  gboolean wanted;
};

gboolean
survey_outputs_available (void)
{
  return FALSE;
}

/**
 * survey_outputs_new:
 * @summary_by_default: a text summary on standard output unless told
 *   otherwise
 *
 * Returns: (transfer full) (nullable): what the flags ask for, or %NULL
 *   with @error set
 */
SurveyOutputs *
survey_outputs_new (gboolean   summary_by_default,
                    GError   **error)
{
  SurveyOutputs *outputs = g_new0 (SurveyOutputs, 1);

  outputs->wanted = survey_flags.summary != NULL || survey_flags.policy_map != NULL ||
                    survey_flags.summary_format != NULL || summary_by_default;
  if (outputs->wanted && !survey_outputs_available ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The survey summary and the policy map are not available yet "
                             "in this version: write the results with --output FILE.jsonl."));
      survey_outputs_free (outputs);
      return NULL;
    }
  return outputs;
}

void
survey_outputs_add (SurveyOutputs   *outputs,
                    StiDomainReport *report,
                    guint64          weight,
                    const char      *postfix_tls)
{
}

/* Writes the summary and the policy map's closing lines. */
gboolean
survey_outputs_finish (SurveyOutputs  *outputs,
                       GError        **error)
{
  return TRUE;
}

void
survey_outputs_free (SurveyOutputs *outputs)
{
  g_free (outputs);
}
