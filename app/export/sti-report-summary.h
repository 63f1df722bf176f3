/* sti-report-summary.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-certificate.h"
#include "sti-domain-report.h"
#include "sti-endpoint-report.h"

G_BEGIN_DECLS

/* What every format (text, HTML, Markdown, PDF) shows the same way: the
 * mail servers at a glance, what each kind of sender does with each
 * server, and the chain as verification built it. Plain text, like the
 * helpers of sti-report-sections.h; each exporter escapes for itself. */

typedef enum
{
  STI_REPORT_SUMMARY_MX,
  STI_REPORT_SUMMARY_HOST,
  STI_REPORT_SUMMARY_ADDRESS,
  STI_REPORT_SUMMARY_STARTTLS,
  STI_REPORT_SUMMARY_TLS,
  STI_REPORT_SUMMARY_N_COLUMNS,
} StiReportSummaryColumn;

/* One row of the summary: one address of one MX host (or a host without
 * address). A cell is NULL when there is nothing to show: each exporter
 * draws its own placeholder. @ok: mail there is encrypted and verified. */
typedef struct
{
  char     *cells[STI_REPORT_SUMMARY_N_COLUMNS];
  gboolean  ok;
} StiReportSummaryRow;

/* One certificate of the chain as built, from the server's own on. */
typedef struct
{
  char           *origin;      /* "Sent: Certificate 1", "Fetched through AIA (not sent)", … */
  StiCertificate *certificate; /* borrowed from the endpoint */
  gboolean        sent;
  char           *fingerprint; /* SHA-256, grouped (sti_format_fingerprint()) */
  char           *pem;         /* for a certificate that was not sent, else NULL: shown
                                  whole, as no other part of the report has it */
} StiReportBuiltLink;

const char *sti_report_summary_column_label (StiReportSummaryColumn  column);
GArray     *sti_report_dup_summary          (StiDomainReport        *report);
GArray     *sti_report_dup_sender_lines     (StiEndpointReport      *endpoint,
                                             StiDomainReport        *report);
GArray     *sti_report_dup_built_chain      (StiEndpointReport      *endpoint);

G_END_DECLS
