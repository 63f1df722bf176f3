/* sti-dns-evidence.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_DNS_EVIDENCE (sti_dns_evidence_get_type ())

G_DECLARE_FINAL_TYPE (StiDnsEvidence, sti_dns_evidence, STI, DNS_EVIDENCE, GObject)

const char         *sti_dns_evidence_get_qname     (StiDnsEvidence *self);
const char         *sti_dns_evidence_get_qtype     (StiDnsEvidence *self);
const char         *sti_dns_evidence_get_result    (StiDnsEvidence *self);
int                 sti_dns_evidence_get_rcode     (StiDnsEvidence *self);
gint64              sti_dns_evidence_get_ttl       (StiDnsEvidence *self);
StiDnssecStatus     sti_dns_evidence_get_dnssec    (StiDnsEvidence *self);
const char         *sti_dns_evidence_get_why_bogus (StiDnsEvidence *self);
const char * const *sti_dns_evidence_get_records   (StiDnsEvidence *self);
char               *sti_dns_evidence_dup_failure (StiDnsEvidence *self);
gboolean            sti_dns_evidence_equal         (StiDnsEvidence *a,
                                                    StiDnsEvidence *b);

G_END_DECLS
