/* sti-dns-evidence-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-dns-evidence.h"

G_BEGIN_DECLS

/* Setters for the code that builds the model (the domain check, the JSON
 * loader): the model is immutable to everybody else. */

StiDnsEvidence *sti_dns_evidence_new (void);
void sti_dns_evidence_set_qname     (StiDnsEvidence     *self,
                                     const char         *qname);
void sti_dns_evidence_set_qtype     (StiDnsEvidence     *self,
                                     const char         *qtype);
void sti_dns_evidence_set_result    (StiDnsEvidence     *self,
                                     const char         *result);
void sti_dns_evidence_set_rcode     (StiDnsEvidence     *self,
                                     int                 rcode);
void sti_dns_evidence_set_ttl       (StiDnsEvidence     *self,
                                     gint64              ttl);
void sti_dns_evidence_set_dnssec    (StiDnsEvidence     *self,
                                     StiDnssecStatus     dnssec);
void sti_dns_evidence_set_why_bogus (StiDnsEvidence     *self,
                                     const char         *why_bogus);
void sti_dns_evidence_set_records   (StiDnsEvidence     *self,
                                     const char * const *records);

G_END_DECLS
