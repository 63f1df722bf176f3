/* sti-cli-survey-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-cli-survey.h"

#include "sti-domain-report.h"

G_BEGIN_DECLS

/* What the survey commands (sti-cli-survey.c) and their summary and policy
 * map (sti-cli-survey-outputs.c) share. */

typedef struct
{
  gboolean   resume;
  char     **postfix_logs;
  char      *summary;
  char      *summary_format;
  char      *policy_map;
  int        concurrency;
  char      *shard;
} SurveyFlags;

extern SurveyFlags survey_flags;

typedef struct _SurveyOutputs SurveyOutputs;

gboolean       survey_outputs_available (void);
SurveyOutputs *survey_outputs_new       (gboolean          summary_by_default,
                                         GError          **error);
void           survey_outputs_add       (SurveyOutputs    *outputs,
                                         StiDomainReport  *report,
                                         guint64           weight,
                                         const char       *postfix_tls);
gboolean       survey_outputs_finish    (SurveyOutputs    *outputs,
                                         GError          **error);
void           survey_outputs_free      (SurveyOutputs    *outputs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SurveyOutputs, survey_outputs_free)

G_END_DECLS
