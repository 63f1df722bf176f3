/* sti-report-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The builder side of the report model: only core code (the check, the
 * JSON loader, tests) includes this. Consumers see the read-only public
 * headers. Setters are for building a report before it is published;
 * once handed to a consumer, a report never changes. String setters clean
 * the text they get (sti_report_clean_text()), so server-supplied text
 * can be passed as received. */

#include "sti-certificate.h"
#include "sti-dns-evidence.h"
#include "sti-domain-report.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"

G_BEGIN_DECLS

char       *sti_report_clean_text     (const char *text);
StiFinding *sti_report_clean_finding  (StiFinding *finding);
GVariant   *sti_report_canonical_vardict (GVariant *dict);
gboolean    sti_report_finding_equal  (StiFinding *a,
                                       StiFinding *b);

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

StiEndpointReport *sti_endpoint_report_new (void);
void sti_endpoint_report_set_host                 (StiEndpointReport       *self,
                                                   const char              *host);
void sti_endpoint_report_set_address              (StiEndpointReport       *self,
                                                   const char              *address);
void sti_endpoint_report_set_port                 (StiEndpointReport       *self,
                                                   guint                    port);
void sti_endpoint_report_set_family               (StiEndpointReport       *self,
                                                   const char              *family);
void sti_endpoint_report_set_reachable            (StiEndpointReport       *self,
                                                   gboolean                 reachable);
void sti_endpoint_report_set_stage                (StiEndpointReport       *self,
                                                   StiStage                 stage);
void sti_endpoint_report_set_starttls_offered     (StiEndpointReport       *self,
                                                   gboolean                 starttls_offered);
void sti_endpoint_report_set_starttls_accepted    (StiEndpointReport       *self,
                                                   gboolean                 starttls_accepted);
void sti_endpoint_report_set_tls_established      (StiEndpointReport       *self,
                                                   gboolean                 tls_established);
void sti_endpoint_report_set_greeting             (StiEndpointReport       *self,
                                                   const char              *greeting);
void sti_endpoint_report_set_caps_before          (StiEndpointReport       *self,
                                                   const char * const      *caps_before);
void sti_endpoint_report_set_caps_after           (StiEndpointReport       *self,
                                                   const char * const      *caps_after);
void sti_endpoint_report_set_tls_version          (StiEndpointReport       *self,
                                                   const char              *tls_version);
void sti_endpoint_report_set_cipher_suite         (StiEndpointReport       *self,
                                                   const char              *cipher_suite);
void sti_endpoint_report_set_kx_group             (StiEndpointReport       *self,
                                                   const char              *kx_group);
void sti_endpoint_report_set_signature_algorithm  (StiEndpointReport       *self,
                                                   const char              *signature_algorithm);
void sti_endpoint_report_add_certificate          (StiEndpointReport       *self,
                                                   StiCertificate          *certificate);
void sti_endpoint_report_set_ocsp_response        (StiEndpointReport       *self,
                                                   GBytes                  *ocsp_response);
void sti_endpoint_report_set_certificate_verified (StiEndpointReport       *self,
                                                   gboolean                 certificate_verified);
void sti_endpoint_report_add_transcript_line      (StiEndpointReport       *self,
                                                   const StiTranscriptLine *line);
void sti_endpoint_report_set_timings              (StiEndpointReport       *self,
                                                   const StiTimings        *timings);
void sti_endpoint_report_add_finding              (StiEndpointReport       *self,
                                                   StiFinding              *finding);
void sti_endpoint_report_set_error_detail         (StiEndpointReport       *self,
                                                   const char              *error_detail);

StiHostReport *sti_host_report_new (void);
void sti_host_report_set_name         (StiHostReport     *self,
                                       const char        *name);
void sti_host_report_set_name_unicode (StiHostReport     *self,
                                       const char        *name_unicode);
void sti_host_report_set_preference   (StiHostReport     *self,
                                       int                preference);
void sti_host_report_set_implicit     (StiHostReport     *self,
                                       gboolean           implicit);
void sti_host_report_add_endpoint     (StiHostReport     *self,
                                       StiEndpointReport *endpoint);
void sti_host_report_add_finding      (StiHostReport     *self,
                                       StiFinding        *finding);

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

G_END_DECLS
