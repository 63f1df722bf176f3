/* sti-survey-results.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sti-domain-report.h"
#include "sti-survey-input.h"

G_BEGIN_DECLS

/* The two members a survey adds to a report that came from a Postfix log
 * (docs/survey.md, "The results file"). */
#define STI_SURVEY_MEMBER_WEIGHT      "survey_weight"
#define STI_SURVEY_MEMBER_POSTFIX_TLS "postfix_tls"

char            *sti_survey_result_line         (StiDomainReport  *report,
                                                 const StiSurveyEntry *entry);
const char      *sti_survey_result_get_domain   (JsonNode         *root);
guint64          sti_survey_result_get_weight   (JsonNode         *root);
const char      *sti_survey_result_get_postfix_tls (JsonNode      *root);
StiDomainReport *sti_survey_result_load_report  (JsonNode         *root,
                                                 GError          **error);

/**
 * StiSurveyResultFunc:
 * @root: one result line, parsed
 * @user_data: the data given with the function
 *
 * Returns: %FALSE to stop reading
 */
typedef gboolean (*StiSurveyResultFunc) (JsonNode *root,
                                         gpointer  user_data);

gboolean sti_survey_results_read (GInputStream         *stream,
                                  StiSurveyResultFunc   func,
                                  gpointer              user_data,
                                  goffset              *complete_length,
                                  guint                *n_bad_lines,
                                  GError              **error);
gboolean sti_survey_results_read_file (const char           *path,
                                       StiSurveyResultFunc   func,
                                       gpointer              user_data,
                                       goffset              *complete_length,
                                       guint                *n_bad_lines,
                                       GError              **error);

G_END_DECLS
