/* sti-probe-result.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_PROBE_RESULT (sti_probe_result_get_type ())

G_DECLARE_FINAL_TYPE (StiProbeResult, sti_probe_result, STI, PROBE_RESULT, GObject)

const char         *sti_probe_result_get_host                (StiProbeResult *self);
const char         *sti_probe_result_get_address             (StiProbeResult *self);
guint16             sti_probe_result_get_port                (StiProbeResult *self);
const char         *sti_probe_result_get_ehlo_name           (StiProbeResult *self);
StiStage            sti_probe_result_get_stage               (StiProbeResult *self);
gboolean            sti_probe_result_get_reachable           (StiProbeResult *self);
guint               sti_probe_result_get_greeting_code       (StiProbeResult *self);
const char         *sti_probe_result_get_greeting_text       (StiProbeResult *self);
gboolean            sti_probe_result_get_used_helo           (StiProbeResult *self);
const char * const *sti_probe_result_get_caps_before_tls     (StiProbeResult *self);
const char * const *sti_probe_result_get_caps_after_tls      (StiProbeResult *self);
gboolean            sti_probe_result_get_starttls_offered    (StiProbeResult *self);
gboolean            sti_probe_result_get_starttls_accepted   (StiProbeResult *self);
gsize               sti_probe_result_get_injected_bytes      (StiProbeResult *self);
gboolean            sti_probe_result_get_tls_established     (StiProbeResult *self);
const char         *sti_probe_result_get_tls_version         (StiProbeResult *self);
const char         *sti_probe_result_get_cipher_suite        (StiProbeResult *self);
const char         *sti_probe_result_get_kx_group            (StiProbeResult *self);
const char         *sti_probe_result_get_signature_algorithm (StiProbeResult *self);
GPtrArray          *sti_probe_result_get_peer_chain          (StiProbeResult *self);
GBytes             *sti_probe_result_get_ocsp_response       (StiProbeResult *self);
int                 sti_probe_result_get_alert               (StiProbeResult *self);
GPtrArray          *sti_probe_result_get_findings            (StiProbeResult *self);
GPtrArray          *sti_probe_result_get_transcript          (StiProbeResult *self);
const StiTimings   *sti_probe_result_get_timings             (StiProbeResult *self);
const char         *sti_probe_result_get_error_detail        (StiProbeResult *self);
gboolean            sti_probe_result_get_bare_lf             (StiProbeResult *self);

G_END_DECLS
