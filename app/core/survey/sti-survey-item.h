/* sti-survey-item.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

/* Sort keys of the readiness column besides the levels. */
#define STI_SURVEY_ITEM_PENDING    (-3)
#define STI_SURVEY_ITEM_FAILED     (-2)
#define STI_SURVEY_ITEM_NOT_JUDGED (-1)

#define STI_TYPE_SURVEY_ITEM (sti_survey_item_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveyItem, sti_survey_item, STI, SURVEY_ITEM, GObject)

StiSurveyItem   *sti_survey_item_new                 (const char      *domain);
const char      *sti_survey_item_get_domain          (StiSurveyItem   *self);
void             sti_survey_item_set_report          (StiSurveyItem   *self,
                                                      StiDomainReport *report);
gboolean         sti_survey_item_get_judged          (StiSurveyItem   *self);
void             sti_survey_item_set_result_offset   (StiSurveyItem   *self,
                                                      goffset          offset);
goffset          sti_survey_item_get_result_offset   (StiSurveyItem   *self);
void             sti_survey_item_set_checking        (StiSurveyItem   *self);
const char      *sti_survey_item_get_error           (StiSurveyItem   *self);
void             sti_survey_item_set_error           (StiSurveyItem   *self,
                                                      const char      *error);
gboolean         sti_survey_item_get_done            (StiSurveyItem   *self);
guint            sti_survey_item_get_mx_count        (StiSurveyItem   *self);
int              sti_survey_item_get_readiness_level (StiSurveyItem   *self);
const char      *sti_survey_item_get_readiness_text  (StiSurveyItem   *self);
const char      *sti_survey_item_get_starttls_text   (StiSurveyItem   *self);
const char      *sti_survey_item_get_verified_text   (StiSurveyItem   *self);
const char      *sti_survey_item_get_policies_text   (StiSurveyItem   *self);

G_END_DECLS
