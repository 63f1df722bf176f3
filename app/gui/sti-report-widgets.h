/* sti-report-widgets.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-report-compare.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* Builders for the result widgets. Every row and label built here shows
 * server-supplied text literally: no markup anywhere. */

char       *sti_report_widgets_display_text       (const char        *text);
GtkWidget  *sti_report_widgets_row_new            (const char        *title,
                                                   const char        *subtitle);
const char *sti_report_widgets_stage_label        (StiStage           stage);
const char *sti_report_widgets_severity_icon      (StiSeverity        severity);
const char *sti_report_widgets_severity_label     (StiSeverity        severity);
StiSeverity sti_report_widgets_endpoint_severity  (StiEndpointReport *endpoint,
                                                   gboolean          *has_findings);
char       *sti_report_widgets_endpoint_summary   (StiEndpointReport *endpoint);
char       *sti_report_widgets_format_duration    (gint64             us);
GPtrArray  *sti_report_widgets_collect_findings   (StiDomainReport   *report);
GtkWidget  *sti_report_widgets_findings_group     (StiDomainReport   *report,
                                                   GSettings         *settings);
GtkWidget  *sti_report_widgets_policy_group       (StiDomainReport   *report);
GtkWidget  *sti_report_widgets_dns_group          (StiDomainReport   *report);
GtkWidget  *sti_report_widgets_policies_group     (StiDomainReport   *report);
GtkWidget  *sti_report_widgets_endpoint_detail    (StiEndpointReport *endpoint,
                                                   GtkTextView      **transcript_view);
char       *sti_report_widgets_transcript_text    (StiEndpointReport *endpoint);
GtkWidget  *sti_report_widgets_text_blocks        (const char        *text);
GtkWidget  *sti_report_widgets_comparison         (StiReportComparison *cmp);

/* One finding with where it was found, for the findings list. */
typedef struct
{
  StiFinding *finding;
  char       *where;   /* NULL: the domain itself */
  char       *host;    /* nullable */
  char       *address; /* nullable */
} StiLocatedFinding;

void        sti_located_finding_free              (StiLocatedFinding *located);

G_END_DECLS
