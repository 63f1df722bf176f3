/* sti-domain-report.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-dns-evidence.h"
#include "sti-mta-sts-evidence.h"
#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_DOMAIN_REPORT (sti_domain_report_get_type ())

G_DECLARE_FINAL_TYPE (StiDomainReport, sti_domain_report, STI, DOMAIN_REPORT, GObject)

/* The JSON schema version (docs/json-schema.md). */
#define STI_REPORT_SCHEMA_VERSION 1

int                 sti_domain_report_get_schema_version (StiDomainReport *self);
const char         *sti_domain_report_get_input          (StiDomainReport *self);
const char         *sti_domain_report_get_domain         (StiDomainReport *self);
const char         *sti_domain_report_get_domain_unicode (StiDomainReport *self);
GDateTime          *sti_domain_report_get_started_at     (StiDomainReport *self);
GDateTime          *sti_domain_report_get_finished_at    (StiDomainReport *self);
const char         *sti_domain_report_get_tool_version   (StiDomainReport *self);
const char         *sti_domain_report_get_trust_store    (StiDomainReport *self);
const char         *sti_domain_report_get_resolver       (StiDomainReport *self);
GVariant           *sti_domain_report_get_options        (StiDomainReport *self);
GPtrArray          *sti_domain_report_get_hosts          (StiDomainReport *self);
GPtrArray          *sti_domain_report_get_dns_evidence   (StiDomainReport *self);
GPtrArray          *sti_domain_report_get_findings       (StiDomainReport *self);
const char * const *sti_domain_report_get_skipped        (StiDomainReport *self);
gboolean            sti_domain_report_equal              (StiDomainReport *a,
                                                          StiDomainReport *b);
guint               sti_domain_report_count_by_severity  (StiDomainReport *self,
                                                          StiSeverity      severity);
GPtrArray          *sti_domain_report_collect_findings   (StiDomainReport *self);
guint               sti_domain_report_get_endpoint_count (StiDomainReport *self);
StiDnsEvidence     *sti_domain_report_find_dns_evidence  (StiDomainReport *self,
                                                          const char      *qname,
                                                          const char      *qtype);
StiMtaStsEvidence  *sti_domain_report_get_mta_sts        (StiDomainReport *self);

G_END_DECLS
