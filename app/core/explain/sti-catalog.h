/* sti-catalog.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-finding.h"
#include "sti-placeholders.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* The mail server software a fix is written for. STI_MTA_GENERIC holds the
 * general steps; STI_MTA_ALL asks sti_explanation_to_text() for all of them. */
typedef enum
{
  STI_MTA_ALL = -1,
  STI_MTA_GENERIC = 0,
  STI_MTA_POSTFIX,
  STI_MTA_EXIM,
  STI_MTA_SENDMAIL,
  STI_MTA_EXCHANGE,
  STI_MTA_HOSTED,
  STI_N_MTAS,
} StiMta;

/* The filled-in, translated words for one finding. Plain text, no markup:
 * values come from server and DNS data and must be escaped by whoever
 * renders them as markup. Lines starting with four spaces are commands or
 * configuration lines (render them monospace, keep them unwrapped). */
typedef struct _StiExplanation StiExplanation;

const char * const *sti_catalog_list_ids            (void);
gboolean            sti_catalog_has_entry           (const char              *id);
StiSeverity         sti_catalog_get_default_severity (const char             *id);
StiExplanation     *sti_catalog_explain             (StiFinding              *finding,
                                                     const StiExplainContext *context);
StiExplanation     *sti_catalog_explain_id          (const char              *id,
                                                     const StiExplainContext *context);

const char         *sti_explanation_get_id          (StiExplanation          *self);
gboolean            sti_explanation_is_known        (StiExplanation          *self);
StiSeverity         sti_explanation_get_severity    (StiExplanation          *self);
const char         *sti_explanation_get_title       (StiExplanation          *self);
const char         *sti_explanation_get_verdict     (StiExplanation          *self);
const char         *sti_explanation_get_detail      (StiExplanation          *self);
const char         *sti_explanation_get_what        (StiExplanation          *self);
const char         *sti_explanation_get_why         (StiExplanation          *self);
const char         *sti_explanation_get_fix         (StiExplanation          *self,
                                                     StiMta                   mta);
char               *sti_explanation_dup_fix_group   (StiExplanation          *self,
                                                     StiMta                   mta);
const char         *sti_explanation_get_references  (StiExplanation          *self);
char               *sti_explanation_to_text         (StiExplanation          *self,
                                                     StiMta                   mta);
void                sti_explanation_free            (StiExplanation          *self);

const char         *sti_mta_to_string               (StiMta                   mta);
gboolean            sti_mta_from_string             (const char              *str,
                                                     StiMta                  *mta);
const char         *sti_mta_get_label               (StiMta                   mta);
const char         *sti_severity_get_label          (StiSeverity              severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiExplanation, sti_explanation_free)

G_END_DECLS
