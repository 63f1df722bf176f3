/* sti-pdf-document.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-report-print.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* A small flowing document laid out on A4 or Letter pages with a header
 * (left and right text) and "Page N of M" on every page; shared with the
 * comparison. Text given to the _add_text functions is plain (escaped
 * here); code blocks (STI_PDF_BLOCK_MONO) and the document are bounded and
 * say so. */
typedef enum
{
  STI_PDF_BLOCK_TITLE,
  STI_PDF_BLOCK_HEADING,
  STI_PDF_BLOCK_SUBHEADING,
  STI_PDF_BLOCK_MINOR_HEADING,
  STI_PDF_BLOCK_PARAGRAPH,
  STI_PDF_BLOCK_VERDICT,
  STI_PDF_BLOCK_MONO,
} StiPdfBlockKind;

typedef struct _StiPdfDocument StiPdfDocument;

StiPdfDocument *sti_pdf_document_new        (const char       *header_left,
                                             const char       *header_right,
                                             const char       *title);
void            sti_pdf_document_free       (StiPdfDocument   *doc);
void            sti_pdf_document_set_date   (StiPdfDocument   *doc,
                                             GDateTime        *date);
void            sti_pdf_document_set_paper  (StiPdfDocument   *doc,
                                             StiPaperSize      paper);
gboolean        sti_pdf_document_is_full    (StiPdfDocument   *doc);
void            sti_pdf_document_add_text   (StiPdfDocument   *doc,
                                             StiPdfBlockKind   kind,
                                             const char       *text);
void            sti_pdf_document_add_markup (StiPdfDocument   *doc,
                                             StiPdfBlockKind   kind,
                                             const char       *markup);
void            sti_pdf_document_add_pair   (StiPdfDocument   *doc,
                                             const char       *key,
                                             const char       *value);
void            sti_pdf_document_add_verdict (StiPdfDocument  *doc,
                                              const char      *text,
                                              StiSeverity      severity);
GBytes         *sti_pdf_document_render     (StiPdfDocument   *doc,
                                             GError          **error);

gboolean        sti_pdf_document_load       (GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiPdfDocument, sti_pdf_document_free)

G_END_DECLS
