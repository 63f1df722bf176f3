/* sti-report-text.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

typedef enum
{
  STI_REPORT_TEXT_NONE       = 0,
  STI_REPORT_TEXT_COLOR      = 1 << 0, /* ANSI colours for a terminal */
  STI_REPORT_TEXT_TRANSCRIPT = 1 << 1, /* include every SMTP transcript */
  STI_REPORT_TEXT_EXPLAIN    = 1 << 2, /* each finding's explanation and fix from the catalog */
} StiReportTextFlags;

char       *sti_report_to_text        (StiDomainReport    *report,
                                       StiReportTextFlags  flags);
char       *sti_report_to_text_full   (StiDomainReport    *report,
                                       StiReportTextFlags  flags,
                                       int                 mta);
gboolean    sti_report_all_secure     (StiDomainReport    *report);

G_END_DECLS
