/* sti-report-export.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"
#include "sti-report-print.h"

G_BEGIN_DECLS

/* The formats a report (or a comparison of two reports) is exported to.
 * JSON is the canonical, reloadable one (docs/json-schema.md); the others
 * are for people (docs/reports.md). */
typedef enum
{
  STI_REPORT_FORMAT_JSON,
  STI_REPORT_FORMAT_HTML,
  STI_REPORT_FORMAT_MARKDOWN,
  STI_REPORT_FORMAT_PDF,
  STI_REPORT_FORMAT_TEXT,
} StiReportFormat;

gboolean    sti_report_format_from_string     (const char       *name,
                                               StiReportFormat  *format);
const char *sti_report_format_to_string       (StiReportFormat   format);
const char *sti_report_format_get_extension   (StiReportFormat   format);
const char *sti_report_format_get_content_type (StiReportFormat  format);
gboolean    sti_report_format_is_binary       (StiReportFormat   format);
char       *sti_report_dup_suggested_filename (StiDomainReport  *report,
                                               StiReportFormat   format);
GBytes     *sti_report_export                 (StiDomainReport  *report,
                                               StiReportFormat   format,
                                               int               mta,
                                               GError          **error);
GBytes     *sti_report_export_full            (StiDomainReport  *report,
                                               StiReportFormat   format,
                                               int               mta,
                                               StiPaperSize      paper,
                                               GError          **error);

G_END_DECLS
