/* sti-report-markdown.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

char *sti_report_to_markdown               (StiDomainReport *report,
                                            int              mta);

/* Shared with the comparison. */
void  sti_markdown_append_text             (GString         *out,
                                            const char      *text);
void  sti_markdown_append_code_block       (GString         *out,
                                            const char      *text);
void  sti_markdown_append_table_row        (GString         *out,
                                            const char * const *cells,
                                            guint            n_cells);
void  sti_markdown_append_table_header     (GString         *out,
                                            const char * const *cells,
                                            guint            n_cells);

G_END_DECLS
