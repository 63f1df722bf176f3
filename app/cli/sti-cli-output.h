/* sti-cli-output.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-cli-options.h"
#include "sti-domain-report.h"
#include "sti-report-export.h"

G_BEGIN_DECLS

gboolean sti_cli_output_write    (StiCliOptions    *options,
                                  GBytes           *data,
                                  GError          **error);
char    *sti_cli_output_dup_path (StiCliOptions    *options,
                                  StiDomainReport  *report,
                                  StiReportFormat   format,
                                  gboolean          several);
gboolean sti_cli_output_reports  (StiCliOptions    *options,
                                  StiDomainReport  *report,
                                  GArray           *formats,
                                  int               mta,
                                  StiPaperSize      paper,
                                  GError          **error);

G_END_DECLS
