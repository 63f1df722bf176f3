/* sti-report-html.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

char *sti_report_to_html          (StiDomainReport *report,
                                   int              mta);

/* The page shell (inline CSS, light/dark, print), shared with the
 * comparison: begin writes up to and including <body>, end closes it. */
void  sti_report_html_begin       (GString         *out,
                                   const char      *title);
void  sti_report_html_end         (GString         *out,
                                   const char      *tool_version);
void  sti_report_html_append_text (GString         *out,
                                   const char      *text);

G_END_DECLS
