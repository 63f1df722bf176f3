/* sti-survey-summary-view.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sti-survey-summary.h"

G_BEGIN_DECLS

#define STI_TYPE_SURVEY_SUMMARY_VIEW (sti_survey_summary_view_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveySummaryView, sti_survey_summary_view, STI, SURVEY_SUMMARY_VIEW,
                      GtkBox)

GtkWidget *sti_survey_summary_view_new    (void);
void       sti_survey_summary_view_update (StiSurveySummaryView *self,
                                           StiSurveySummary     *summary);

G_END_DECLS
