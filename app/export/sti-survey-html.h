/* sti-survey-html.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-survey-summary.h"

G_BEGIN_DECLS

char *sti_survey_summary_to_html (StiSurveySummary *self);

G_END_DECLS
