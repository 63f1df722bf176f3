/* sti-mta-sts-evidence-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-certificate.h"
#include "sti-mta-sts-evidence.h"

G_BEGIN_DECLS

/* Setters for the code that builds the model (the domain check, the JSON
 * loader): the model is immutable to everybody else. Strings are cleaned
 * on the way in. */

StiMtaStsEvidence *sti_mta_sts_evidence_new (void);
void sti_mta_sts_evidence_set_url                  (StiMtaStsEvidence  *self,
                                                    const char         *url);
void sti_mta_sts_evidence_set_status               (StiMtaStsEvidence  *self,
                                                    guint               status);
void sti_mta_sts_evidence_set_content_type         (StiMtaStsEvidence  *self,
                                                    const char         *content_type);
void sti_mta_sts_evidence_add_certificate          (StiMtaStsEvidence  *self,
                                                    StiCertificate     *certificate);
void sti_mta_sts_evidence_set_certificate_verified (StiMtaStsEvidence  *self,
                                                    gboolean            verified);
void sti_mta_sts_evidence_set_certificate_errors   (StiMtaStsEvidence  *self,
                                                    const char * const *errors);
void sti_mta_sts_evidence_set_body                 (StiMtaStsEvidence  *self,
                                                    const char         *body);
void sti_mta_sts_evidence_set_mode                 (StiMtaStsEvidence  *self,
                                                    const char         *mode);
void sti_mta_sts_evidence_set_max_age              (StiMtaStsEvidence  *self,
                                                    gint64              max_age);
void sti_mta_sts_evidence_add_pattern              (StiMtaStsEvidence  *self,
                                                    const char         *pattern,
                                                    const char * const *matched_hosts);
void sti_mta_sts_evidence_set_unmatched_hosts      (StiMtaStsEvidence  *self,
                                                    const char * const *hosts);
void sti_mta_sts_evidence_set_suggested_max_age    (StiMtaStsEvidence  *self,
                                                    gint64              max_age,
                                                    const char         *source);

G_END_DECLS
