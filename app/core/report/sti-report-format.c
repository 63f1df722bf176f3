/* sti-report-format.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-format.h"

#include "sti-format.h"

/**
 * sti_format_report_counts:
 * @report: a domain report
 *
 * The line under the verdict in the window and in every report.
 *
 * Returns: (transfer full): sti_format_counts() of every finding of
 *   @report: "2 errors, 1 note", or "No problems"
 */
char *
sti_format_report_counts (StiDomainReport *report)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  return sti_format_counts (sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR),
                            sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING),
                            sti_domain_report_count_by_severity (report, STI_SEVERITY_INFO));
}
