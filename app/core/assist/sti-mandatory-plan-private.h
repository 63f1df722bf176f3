/* sti-mandatory-plan-private.h: what the files of StiMandatoryPlan share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-mandatory-plan.h"

#include "sti-endpoint-report.h"

G_BEGIN_DECLS

/* StiMandatoryPlan lives in four files:
 *   sti-mandatory-plan.c      the class: which MX hosts pass, what blocks, public API
 *   sti-mandatory-mta-sts.c   the MTA-STS and TLS-RPT sections, and the testing-then-enforce plan
 *   sti-mandatory-dane.c      the DANE section: TLSA records, DNSSEC, rollover
 *   sti-mandatory-json.c      the plan as JSON (docs/mandatory-json.md) */

/* What the section builders read: the report, and the MX hosts that
 * passed with the endpoint whose chain stands for each. */
typedef struct
{
  StiDomainReport    *report;
  const char         *domain;      /* ASCII, lower case, no trailing dot */
  const char * const *mx_hosts;    /* the same form; every MX host, in MX order */
  GPtrArray          *passing;     /* StiEndpointReport, borrowed: one per MX host */
  GPtrArray          *blockers;    /* where a builder adds what it cannot prove */
} MpContext;

StiMandatoryRecord  *mp_record_new          (const char          *id,
                                             const char          *title,
                                             const char          *text,
                                             const char          *current,
                                             StiMandatoryChange   change,
                                             const char          *note);
void                 mp_record_free         (StiMandatoryRecord  *record);
StiMandatorySection *mp_section_new         (const char          *id,
                                             const char          *title,
                                             const char          *intro);
void                 mp_section_free        (StiMandatorySection *section);
StiMandatoryBlocker *mp_blocker_new         (const char          *host,
                                             const char          *address,
                                             const char          *problem,
                                             const char          *action,
                                             const char          *finding_id);
void                 mp_blocker_free        (StiMandatoryBlocker *blocker);
char                *mp_zone_line           (const char          *owner,
                                             const char          *type,
                                             const char          *rdata);
char                *mp_dup_published       (StiDomainReport     *report,
                                             const char          *owner,
                                             const char          *type,
                                             const char          *prefix);
gboolean             mp_domain_has_finding_prefix  (StiDomainReport     *report,
                                             const char          *prefix);

/* sti-mandatory-mta-sts.c */
StiMandatorySection *mp_build_mta_sts       (MpContext           *ctx,
                                             gboolean            *testing_out);
StiMandatorySection *mp_build_tls_rpt       (MpContext           *ctx);
StiMandatorySection *mp_build_steps         (MpContext           *ctx,
                                             gboolean             testing);

/* sti-mandatory-dane.c */
StiMandatorySection *mp_build_dane          (MpContext           *ctx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiMandatoryRecord, mp_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiMandatorySection, mp_section_free)

G_END_DECLS
