/* sti-endpoint-report-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"

G_BEGIN_DECLS

/* Setters for the code that builds the model (the domain check, the JSON
 * loader): the model is immutable to everybody else. */

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
void sti_endpoint_report_add_built_link           (StiEndpointReport       *self,
                                                   const StiChainLink      *link);
void sti_endpoint_report_set_bare_lf              (StiEndpointReport       *self,
                                                   gboolean                 bare_lf);
void sti_endpoint_report_set_without_sni          (StiEndpointReport       *self,
                                                   StiSniComparison        *without_sni);
void sti_endpoint_report_add_dane_match           (StiEndpointReport       *self,
                                                   StiDaneMatch            *match);

G_END_DECLS
