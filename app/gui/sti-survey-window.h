/* sti-survey-window.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-check-session.h"
#include "sti-survey-feed.h"

G_BEGIN_DECLS

#define STI_TYPE_SURVEY_WINDOW (sti_survey_window_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveyWindow, sti_survey_window, STI, SURVEY_WINDOW, AdwWindow)

StiSurveyWindow *sti_survey_window_new      (GtkApplication               *application,
                                             StiCheckSession              *session,
                                             const StiCheckSessionOptions *options);
gboolean         sti_survey_window_check    (StiSurveyWindow              *self,
                                             const char                   *list);
StiSurveyFeed   *sti_survey_window_get_feed (StiSurveyWindow              *self);
void             sti_survey_window_export   (StiSurveyWindow              *self,
                                             const char                   *format,
                                             GFile                        *file);

G_END_DECLS
