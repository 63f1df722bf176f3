/* report-export-checks.h: the checks every exported document must pass
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

gboolean  have_program            (const char         *name);
/* NULL-terminated @needles must appear as text of the HTML. */
void      check_html              (GBytes             *html,
                                   const char * const *needles);
gboolean  check_markdown_rendered (const char         *md,
                                   const char * const *needles);
guint     check_markdown          (const char         *md);
char     *pdf_text                (GBytes             *pdf);
char     *collapse_spaces         (const char         *text);
GPtrArray *dup_verdict_needles     (StiDomainReport    *report);
void      check_verdict_in_every_format (StiDomainReport *report,
                                         GBytes          *json,
                                         GBytes          *text,
                                         const char      *pdf_words);

G_END_DECLS
