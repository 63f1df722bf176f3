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
#include "sti-survey-summary.h"

G_BEGIN_DECLS

/* Checks at once unless told otherwise. */
#define STI_SURVEY_FEED_DEFAULT_CONCURRENCY 8

#define STI_TYPE_SURVEY_FEED (sti_survey_feed_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveyFeed, sti_survey_feed, STI, SURVEY_FEED, GObject)

StiSurveyFeed    *sti_survey_feed_new             (StiCheckSession              *session,
                                                   const StiCheckSessionOptions *options);
guint             sti_survey_feed_add_text        (StiSurveyFeed                *self,
                                                   const char                   *text,
                                                   guint                        *n_bad_lines);
void              sti_survey_feed_set_concurrency (StiSurveyFeed                *self,
                                                   guint                         concurrency);
void              sti_survey_feed_start           (StiSurveyFeed                *self);
void              sti_survey_feed_cancel          (StiSurveyFeed                *self);
GListModel       *sti_survey_feed_get_model       (StiSurveyFeed                *self);
StiSurveySummary *sti_survey_feed_get_summary     (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_total     (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_done      (StiSurveyFeed                *self);
guint             sti_survey_feed_get_n_failed    (StiSurveyFeed                *self);
gboolean          sti_survey_feed_get_running     (StiSurveyFeed                *self);
gint64            sti_survey_feed_get_started_us  (StiSurveyFeed                *self);

G_END_DECLS
