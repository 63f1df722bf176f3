/* sti-dns-answer.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* What became of one DNS question. */
typedef enum
{
  STI_DNS_RCODE_KIND_NOERROR,  /* NOERROR with at least one record */
  STI_DNS_RCODE_KIND_NODATA,   /* NOERROR, the name exists, no record of that type */
  STI_DNS_RCODE_KIND_NXDOMAIN, /* the name does not exist */
  STI_DNS_RCODE_KIND_SERVFAIL, /* the resolver failed (includes unreachable upstream) */
  STI_DNS_RCODE_KIND_TIMEOUT,  /* our own per-query timer ran out */
  STI_DNS_RCODE_KIND_OTHER,    /* REFUSED, FORMERR, …: see sti_dns_answer_get_rcode() */
} StiDnsRcodeKind;

#define STI_TYPE_DNS_ANSWER (sti_dns_answer_get_type ())

G_DECLARE_FINAL_TYPE (StiDnsAnswer, sti_dns_answer, STI, DNS_ANSWER, GObject)

StiDnsAnswer    *sti_dns_answer_new                (const char      *qname,
                                                    guint16          qtype,
                                                    StiDnsRcodeKind  result,
                                                    int              rcode,
                                                    const char      *canonical_name,
                                                    guint32          ttl,
                                                    StiDnssecStatus  dnssec_status,
                                                    const char      *why_bogus,
                                                    GPtrArray       *records);
const char      *sti_dns_answer_get_qname          (StiDnsAnswer    *self);
guint16          sti_dns_answer_get_qtype          (StiDnsAnswer    *self);
StiDnsRcodeKind  sti_dns_answer_get_result         (StiDnsAnswer    *self);
int              sti_dns_answer_get_rcode          (StiDnsAnswer    *self);
const char      *sti_dns_answer_get_canonical_name (StiDnsAnswer    *self);
gboolean         sti_dns_answer_followed_cname     (StiDnsAnswer    *self);
guint32          sti_dns_answer_get_ttl            (StiDnsAnswer    *self);
StiDnssecStatus  sti_dns_answer_get_dnssec_status  (StiDnsAnswer    *self);
const char      *sti_dns_answer_get_why_bogus      (StiDnsAnswer    *self);
GPtrArray       *sti_dns_answer_get_records        (StiDnsAnswer    *self);
char           **sti_dns_answer_dup_presentation   (StiDnsAnswer    *self);

const char      *sti_dns_rcode_kind_to_string      (StiDnsRcodeKind  kind);
const char      *sti_dns_rcode_kind_get_label      (StiDnsRcodeKind  kind);
gboolean         sti_dns_rcode_kind_from_string    (const char      *str,
                                                    StiDnsRcodeKind *kind);

G_END_DECLS
