/* sti-endpoint-probe.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-probe-result.h"
#include "sti-types.h"

G_BEGIN_DECLS

#define STI_PROBE_DEFAULT_TLS_PRIORITY "NORMAL"

/**
 * StiProbeOptions:
 * @ehlo_name: (nullable): the name sent with EHLO/HELO; %NULL sends the
 *   address literal of our end of the connection ("[192.0.2.1]",
 *   "[IPv6:2001:db8::1]"), always valid per RFC 5321 4.1.3, where the
 *   machine's host name often is not a fully qualified name
 * @connect_timeout_ms: how long the TCP connect may take
 * @stage_timeout_ms: how long each reply (greeting, EHLO, STARTTLS, …) and
 *   the TLS handshake may take
 * @total_timeout_ms: a deadline for the whole dialogue that no slow-drip
 *   server can stretch
 * @tls_priority: (nullable): a GnuTLS priority string, %NULL for "NORMAL"
 * @no_sni: send no SNI, as Postfix and many other MTAs do by default
 * @handshake_only: say QUIT right after the TLS handshake, without the
 *   EHLO over TLS: for a second connection that only wants the certificate
 *
 * Plain data; sti_probe_options_init() fills in the defaults, the timeouts
 * from sti-check-defaults.h. The probe copies what it needs.
 */
typedef struct
{
  const char *ehlo_name;
  guint       connect_timeout_ms;
  guint       stage_timeout_ms;
  guint       total_timeout_ms;
  const char *tls_priority;
  gboolean    no_sni;
  gboolean    handshake_only;
} StiProbeOptions;

void sti_probe_options_init (StiProbeOptions *options);

#define STI_TYPE_ENDPOINT_PROBE (sti_endpoint_probe_get_type ())

G_DECLARE_FINAL_TYPE (StiEndpointProbe, sti_endpoint_probe, STI, ENDPOINT_PROBE, GObject)

StiEndpointProbe   *sti_endpoint_probe_new          (const char             *mx_host,
                                                     GInetSocketAddress     *address,
                                                     const StiProbeOptions  *options);
const char         *sti_endpoint_probe_get_mx_host  (StiEndpointProbe       *self);
GInetSocketAddress *sti_endpoint_probe_get_address  (StiEndpointProbe       *self);
StiStage            sti_endpoint_probe_get_stage    (StiEndpointProbe       *self);
void                sti_endpoint_probe_run_async    (StiEndpointProbe       *self,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
StiProbeResult     *sti_endpoint_probe_run_finish   (StiEndpointProbe       *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

G_END_DECLS
