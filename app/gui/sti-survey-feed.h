/* sti-survey-feed.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-session.h"
#include "sti-survey-item.h"
#include "sti-survey-run.h"
#include "sti-survey-summary.h"

G_BEGIN_DECLS

#define STI_TYPE_SURVEY_FEED (sti_survey_feed_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveyFeed, sti_survey_feed, STI, SURVEY_FEED, GObject)

StiSurveyFeed    *sti_survey_feed_new                (StiCheckSession              *session,
                                                      const StiCheckSessionOptions *options);
guint             sti_survey_feed_add_text           (StiSurveyFeed                *self,
                                                      const char                   *text,
                                                      guint                        *n_bad_lines);
gboolean          sti_survey_feed_start              (StiSurveyFeed                *self,
                                                      GError                      **error);
void              sti_survey_feed_cancel             (StiSurveyFeed                *self);
void              sti_survey_feed_close              (StiSurveyFeed                *self);
GListModel       *sti_survey_feed_get_model          (StiSurveyFeed                *self);
StiSurveySummary *sti_survey_feed_get_summary        (StiSurveyFeed                *self);
StiSurveyRun     *sti_survey_feed_get_run            (StiSurveyFeed                *self);
const GError     *sti_survey_feed_get_error          (StiSurveyFeed                *self);
GFile            *sti_survey_feed_dup_results_file   (StiSurveyFeed                *self);
goffset           sti_survey_feed_get_results_length (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_total        (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_done         (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_failed       (StiSurveyFeed                *self);
gboolean          sti_survey_feed_get_running        (StiSurveyFeed                *self);
gint64            sti_survey_feed_get_started_us     (StiSurveyFeed                *self);
void              sti_survey_feed_load_report_async  (StiSurveyFeed                *self,
                                                      StiSurveyItem                *item,
                                                      GCancellable                 *cancellable,
                                                      GAsyncReadyCallback           callback,
                                                      gpointer                      user_data);
StiDomainReport  *sti_survey_feed_load_report_finish (StiSurveyFeed                *self,
                                                      GAsyncResult                 *result,
                                                      GError                      **error);

G_END_DECLS
