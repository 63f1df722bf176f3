/* sti-export-choice.h: the file name and format an Export dialog's answer means
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-report-export.h"

G_BEGIN_DECLS

/* No file type filter was reported by the dialog. */
#define STI_EXPORT_CHOICE_NO_FILTER (-1)

gboolean  sti_export_choice_format_for_name (const char      *name,
                                             StiReportFormat *format);
char     *sti_export_choice_resolve         (const char      *name,
                                             StiReportFormat  initial_format,
                                             int              filter_format,
                                             StiReportFormat *format);

G_END_DECLS
