/* sti-pdf-document-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-pdf-document.h"

G_BEGIN_DECLS

/* What the PDF module (sti-pdf-engine.c, built as sti-pdf.so) hands to the
 * loader in sti-pdf-document.c: the document functions. A module built
 * from another version is refused, since the table may differ. */

#define STI_PDF_MODULE_NAME   "sti-pdf.so"
#define STI_PDF_MODULE_SYMBOL "sti_pdf_module_get"
#define STI_PDF_MODULE_ABI    PACKAGE_VERSION

typedef struct
{
  const char *abi;
  gsize       size;

  StiPdfDocument *(*document_new)         (const char      *header_left,
                                           const char      *header_right,
                                           const char      *title);
  void            (*document_free)        (StiPdfDocument  *doc);
  void            (*document_set_date)    (StiPdfDocument  *doc,
                                           GDateTime       *date);
  void            (*document_add_markup)  (StiPdfDocument  *doc,
                                           StiPdfBlockKind  kind,
                                           const char      *markup);
  void            (*document_add_text)    (StiPdfDocument  *doc,
                                           StiPdfBlockKind  kind,
                                           const char      *text);
  void            (*document_add_pair)    (StiPdfDocument  *doc,
                                           const char      *key,
                                           const char      *value);
  void            (*document_add_verdict) (StiPdfDocument  *doc,
                                           const char      *text,
                                           StiSeverity      severity);
  GBytes         *(*document_render)      (StiPdfDocument  *doc,
                                           GError         **error);
  void            (*document_set_page_size) (StiPdfDocument *doc,
                                             double          width,
                                             double          height);
  gboolean        (*document_is_full)     (StiPdfDocument  *doc);
} StiPdfModule;

typedef const StiPdfModule *(*StiPdfModuleGetFunc) (void);

/* The module's one exported symbol, STI_PDF_MODULE_SYMBOL. */
const StiPdfModule *sti_pdf_module_get (void);

G_END_DECLS
