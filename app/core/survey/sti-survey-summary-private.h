/* sti-survey-summary-private.h: what the files of StiSurveySummary share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-survey-summary.h"

G_BEGIN_DECLS

/* StiSurveySummary lives in three files:
 *   sti-survey-summary.c       the counters and how a report adds to them
 *   sti-survey-summary-text.c  the text summary
 *   sti-survey-summary-json.c  the JSON summary (docs/survey-summary.md) */

G_END_DECLS
