/* sti-comparison-view.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-report-compare.h"

G_BEGIN_DECLS

#define STI_TYPE_COMPARISON_VIEW (sti_comparison_view_get_type ())

G_DECLARE_FINAL_TYPE (StiComparisonView, sti_comparison_view, STI, COMPARISON_VIEW, GtkBox)

StiComparisonView *sti_comparison_view_new (StiReportComparison *cmp);

G_END_DECLS
