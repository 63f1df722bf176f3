/* sti-domain-report-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-dns-evidence.h"
#include "sti-domain-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-mta-sts-evidence-private.h"

G_BEGIN_DECLS

/* Setters for the code that builds the model (the domain check, the JSON
 * loader): the model is immutable to everybody else. */

StiDomainReport *sti_domain_report_new (void);
void sti_domain_report_set_input          (StiDomainReport    *self,
                                           const char         *input);
void sti_domain_report_set_domain         (StiDomainReport    *self,
                                           const char         *domain);
void sti_domain_report_set_domain_unicode (StiDomainReport    *self,
                                           const char         *domain_unicode);
void sti_domain_report_set_started_at     (StiDomainReport    *self,
                                           GDateTime          *started_at);
void sti_domain_report_set_finished_at    (StiDomainReport    *self,
                                           GDateTime          *finished_at);
void sti_domain_report_set_tool_version   (StiDomainReport    *self,
                                           const char         *tool_version);
void sti_domain_report_set_trust_store    (StiDomainReport    *self,
                                           const char         *trust_store);
void sti_domain_report_set_resolver       (StiDomainReport    *self,
                                           const char         *resolver);
void sti_domain_report_set_options        (StiDomainReport    *self,
                                           GVariant           *options);
void sti_domain_report_add_host           (StiDomainReport    *self,
                                           StiHostReport      *host);
void sti_domain_report_add_dns_evidence   (StiDomainReport    *self,
                                           StiDnsEvidence     *dns_evidence);
void sti_domain_report_add_finding        (StiDomainReport    *self,
                                           StiFinding         *finding);
void sti_domain_report_set_skipped        (StiDomainReport    *self,
                                           const char * const *skipped);
void sti_domain_report_set_mta_sts        (StiDomainReport    *self,
                                           StiMtaStsEvidence  *mta_sts);

G_END_DECLS
