/* sti-probe-result-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-probe-result.h"

G_BEGIN_DECLS

/* Only StiEndpointProbe fills a result, before handing it out; from then on
 * it is immutable. Strings are owned; text is already sanitized. */
struct _StiProbeResult
{
  GObject parent_instance;

  char        *host;
  char        *address;
  guint16      port;
  char        *ehlo_name;
  StiStage     stage;
  gboolean     reachable;
  guint        greeting_code;
  char        *greeting_text;
  gboolean     used_helo;
  char       **caps_before_tls;
  char       **caps_after_tls;
  gboolean     starttls_offered;
  gboolean     starttls_accepted;
  gsize        injected_bytes;
  gboolean     tls_established;
  char        *tls_version;
  char        *cipher_suite;
  char        *kx_group;
  char        *signature_algorithm;
  GPtrArray   *peer_chain;   /* GBytes, DER, exactly as sent */
  GBytes      *ocsp_response;
  int          alert;
  GPtrArray   *findings;     /* StiFinding */
  GPtrArray   *transcript;   /* StiTranscriptLine */
  StiTimings   timings;
  char        *error_detail;
  gboolean     bare_lf;
};

StiProbeResult *sti_probe_result_new (const char *host,
                                      const char *address,
                                      guint16     port);

G_END_DECLS
