/* sti-comparison-export.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-report-compare.h"
#include "sti-report-export.h"

G_BEGIN_DECLS

GBytes *sti_report_comparison_export (StiReportComparison  *cmp,
                                      StiReportFormat       format,
                                      GError              **error);

G_END_DECLS
