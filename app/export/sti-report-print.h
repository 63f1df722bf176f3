/* sti-report-print.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the documents carry for print and for assistive technology: the
 * paper the PDF is laid out on and the language every format declares. */

typedef enum
{
  STI_PAPER_A4,
  STI_PAPER_LETTER,
} StiPaperSize;

gboolean    sti_paper_size_from_string  (const char   *name,
                                         StiPaperSize *paper);
const char *sti_paper_size_to_string    (StiPaperSize  paper);
StiPaperSize sti_paper_size_get_default (void);
void        sti_paper_size_get_points   (StiPaperSize  paper,
                                         double       *width,
                                         double       *height);

const char *sti_report_get_language     (void);
GBytes     *sti_pdf_set_language        (GBytes       *pdf,
                                         const char   *language);

G_END_DECLS
