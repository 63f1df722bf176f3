/* sti-endpoint-report.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-dane-match.h"
#include "sti-sni-comparison.h"
#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_ENDPOINT_REPORT (sti_endpoint_report_get_type ())

G_DECLARE_FINAL_TYPE (StiEndpointReport, sti_endpoint_report, STI, ENDPOINT_REPORT, GObject)

const char         *sti_endpoint_report_get_host                 (StiEndpointReport *self);
const char         *sti_endpoint_report_get_address              (StiEndpointReport *self);
guint               sti_endpoint_report_get_port                 (StiEndpointReport *self);
const char         *sti_endpoint_report_get_family               (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_reachable            (StiEndpointReport *self);
StiStage            sti_endpoint_report_get_stage                (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_starttls_offered     (StiEndpointReport *self);
gboolean            sti_endpoint_report_stopped_before_starttls  (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_starttls_accepted    (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_tls_established      (StiEndpointReport *self);
const char         *sti_endpoint_report_get_greeting             (StiEndpointReport *self);
const char * const *sti_endpoint_report_get_caps_before          (StiEndpointReport *self);
const char * const *sti_endpoint_report_get_caps_after           (StiEndpointReport *self);
const char         *sti_endpoint_report_get_tls_version          (StiEndpointReport *self);
const char         *sti_endpoint_report_get_cipher_suite         (StiEndpointReport *self);
const char         *sti_endpoint_report_get_kx_group             (StiEndpointReport *self);
const char         *sti_endpoint_report_get_signature_algorithm  (StiEndpointReport *self);
GPtrArray          *sti_endpoint_report_get_chain                (StiEndpointReport *self);
GBytes             *sti_endpoint_report_get_ocsp_response        (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_certificate_verified (StiEndpointReport *self);
GPtrArray          *sti_endpoint_report_get_transcript           (StiEndpointReport *self);
const StiTimings   *sti_endpoint_report_get_timings              (StiEndpointReport *self);
GPtrArray          *sti_endpoint_report_get_findings             (StiEndpointReport *self);
const char         *sti_endpoint_report_get_error_detail         (StiEndpointReport *self);
GPtrArray          *sti_endpoint_report_get_built_chain          (StiEndpointReport *self);
gboolean            sti_endpoint_report_get_bare_lf              (StiEndpointReport *self);
StiSniComparison   *sti_endpoint_report_get_without_sni          (StiEndpointReport *self);
GPtrArray          *sti_endpoint_report_get_dane_matches         (StiEndpointReport *self);
gboolean            sti_endpoint_report_equal                    (StiEndpointReport *a,
                                                                  StiEndpointReport *b);

G_END_DECLS
