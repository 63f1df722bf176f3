/* sti-mta-sts-evidence.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The body is kept when it was read whole: the fetch refuses more than
 * RFC 8461's 64 KiB; cleaning turns a byte into at most four characters. */
#define STI_MTA_STS_EVIDENCE_MAX_BODY (4 * 65536)

#define STI_TYPE_MTA_STS_EVIDENCE (sti_mta_sts_evidence_get_type ())

G_DECLARE_FINAL_TYPE (StiMtaStsEvidence, sti_mta_sts_evidence, STI, MTA_STS_EVIDENCE, GObject)

const char         *sti_mta_sts_evidence_get_url                  (StiMtaStsEvidence *self);
guint               sti_mta_sts_evidence_get_status               (StiMtaStsEvidence *self);
const char         *sti_mta_sts_evidence_get_content_type         (StiMtaStsEvidence *self);
GPtrArray          *sti_mta_sts_evidence_get_certificates         (StiMtaStsEvidence *self);
gboolean            sti_mta_sts_evidence_get_certificate_verified (StiMtaStsEvidence *self);
const char * const *sti_mta_sts_evidence_get_certificate_errors   (StiMtaStsEvidence *self);
const char         *sti_mta_sts_evidence_get_body                 (StiMtaStsEvidence *self);
const char         *sti_mta_sts_evidence_get_mode                 (StiMtaStsEvidence *self);
gint64              sti_mta_sts_evidence_get_max_age              (StiMtaStsEvidence *self);
guint               sti_mta_sts_evidence_get_n_patterns           (StiMtaStsEvidence *self);
const char         *sti_mta_sts_evidence_get_pattern              (StiMtaStsEvidence *self,
                                                                   guint              index);
const char * const *sti_mta_sts_evidence_get_pattern_matches      (StiMtaStsEvidence *self,
                                                                   guint              index);
const char * const *sti_mta_sts_evidence_get_unmatched_hosts      (StiMtaStsEvidence *self);
gint64              sti_mta_sts_evidence_get_suggested_max_age    (StiMtaStsEvidence *self);
const char         *sti_mta_sts_evidence_get_suggested_max_age_source (StiMtaStsEvidence *self);
gboolean            sti_mta_sts_evidence_equal                    (StiMtaStsEvidence *a,
                                                                   StiMtaStsEvidence *b);
char               *sti_mta_sts_evidence_clean_body               (const char        *body,
                                                                   gssize             len);

G_END_DECLS
