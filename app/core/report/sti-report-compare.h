/* sti-report-compare.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"
#include "sti-finding.h"

G_BEGIN_DECLS

/* The "schema" member of an exported comparison (docs/reports.md). */
#define STI_COMPARISON_SCHEMA_NAME    "starttls-inspector-comparison"
#define STI_COMPARISON_SCHEMA_VERSION 1

typedef enum
{
  STI_COMPARISON_FIXED,     /* in the old report, gone from the new one */
  STI_COMPARISON_NEW,       /* only in the new report */
  STI_COMPARISON_REMAINING, /* in both */
} StiComparisonStatus;

/* One finding of a comparison, with where it was found. */
typedef struct
{
  StiComparisonStatus  status;
  StiFinding          *finding;     /* the old report's for FIXED, the new report's otherwise */
  StiFinding          *old_finding; /* REMAINING only: the old report's (its severity may differ) */
  char                *host;        /* NULL for a domain-level finding */
  char                *address;     /* NULL for a domain- or host-level finding */
} StiComparisonEntry;

typedef struct _StiReportComparison StiReportComparison;

StiReportComparison *sti_report_compare                     (StiDomainReport      *old_report,
                                                             StiDomainReport      *new_report,
                                                             GError              **error);
void                 sti_report_comparison_free             (StiReportComparison  *cmp);
StiDomainReport     *sti_report_comparison_get_old_report   (StiReportComparison  *cmp);
StiDomainReport     *sti_report_comparison_get_new_report   (StiReportComparison  *cmp);
GPtrArray           *sti_report_comparison_get_fixed        (StiReportComparison  *cmp);
GPtrArray           *sti_report_comparison_get_new          (StiReportComparison  *cmp);
GPtrArray           *sti_report_comparison_get_remaining    (StiReportComparison  *cmp);
char                *sti_report_comparison_dup_summary      (StiReportComparison  *cmp);
gboolean             sti_report_comparison_is_swapped       (StiReportComparison  *cmp);
char                *sti_report_comparison_dup_swapped_warning (StiReportComparison *cmp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiReportComparison, sti_report_comparison_free)

G_END_DECLS
