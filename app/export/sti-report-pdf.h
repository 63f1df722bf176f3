/* sti-report-pdf.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"
#include "sti-pdf-document.h"
#include "sti-types.h"

G_BEGIN_DECLS

GBytes *sti_report_to_pdf (StiDomainReport  *report,
                           int               mta,
                           StiPaperSize      paper,
                           GError          **error);

G_END_DECLS
