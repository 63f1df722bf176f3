/* sti-survey-postfix.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _StiSurveyPostfixLog StiSurveyPostfixLog;

StiSurveyPostfixLog *sti_survey_postfix_log_new              (void);
void                 sti_survey_postfix_log_free             (StiSurveyPostfixLog  *self);
void                 sti_survey_postfix_log_add_line         (StiSurveyPostfixLog  *self,
                                                              const char           *line);
gboolean             sti_survey_postfix_log_add_stream       (StiSurveyPostfixLog  *self,
                                                              GInputStream         *stream,
                                                              GError              **error);
gboolean             sti_survey_postfix_log_add_file         (StiSurveyPostfixLog  *self,
                                                              const char           *path,
                                                              GError              **error);
guint                sti_survey_postfix_log_get_n_deliveries (StiSurveyPostfixLog  *self);
GPtrArray           *sti_survey_postfix_log_dup_entries      (StiSurveyPostfixLog  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSurveyPostfixLog, sti_survey_postfix_log_free)

G_END_DECLS
