/* sti-chain-analysis.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sti-chain-verify.h"
#include "sti-trust-store.h"

G_BEGIN_DECLS

#define STI_CHAIN_ANALYSIS_DEFAULT_MAX_BYTES   (64 * 1024)
#define STI_CHAIN_ANALYSIS_DEFAULT_MAX_HOPS    3
#define STI_CHAIN_ANALYSIS_DEFAULT_TIMEOUT_MS  10000
/* Certificates of a sent chain that are examined: GnuTLS verifies no
 * deeper (its default maximum depth); the rest is counted, not parsed. */
#define STI_CHAIN_ANALYSIS_MAX_CERTIFICATES    16

/**
 * StiChainAnalysisOptions:
 * @trust: the anchors (required)
 * @session: (nullable): the HTTP session for AIA and OCSP fetches, shared
 *   by the caller; %NULL with @allow_network makes one per analysis
 * @allow_network: fetch missing issuers (AIA caIssuers) and ask OCSP
 *   responders; %FALSE judges from what the server sent alone
 * @expiring_warning_days: 0: 30
 * @expiring_error_days: 0: 7
 * @max_fetch_bytes: the largest AIA or OCSP body accepted; 0: 64 KiB
 * @max_aia_hops: how many issuers to fetch one after the other; 0: 3
 * @timeout_ms: a deadline for all fetches of one analysis; 0: 10 s
 * @staple_requested: the handshake asked for OCSP stapling
 * @now: (nullable): the time to judge dates against; %NULL: now
 *
 * Plain data; sti_chain_analysis_options_init() fills in the defaults. The
 * analysis keeps references to what it needs.
 */
typedef struct
{
  StiTrustStore *trust;
  SoupSession   *session;
  gboolean       allow_network;
  guint          expiring_warning_days;
  guint          expiring_error_days;
  gsize          max_fetch_bytes;
  guint          max_aia_hops;
  guint          timeout_ms;
  gboolean       staple_requested;
  GDateTime     *now;
} StiChainAnalysisOptions;

void sti_chain_analysis_options_init (StiChainAnalysisOptions *options);

/* The role of one certificate of the built chain. */
typedef enum
{
  STI_CHAIN_ROLE_LEAF,         /* the server's certificate (sent) */
  STI_CHAIN_ROLE_INTERMEDIATE, /* sent by the server, part of the path */
  STI_CHAIN_ROLE_FETCHED,      /* not sent, fetched through AIA caIssuers */
  STI_CHAIN_ROLE_ANCHOR,       /* the trusted root ending the path (sent or from the store) */
  STI_CHAIN_ROLE_EXTRA,        /* sent, but on no path from the leaf (duplicate, unrelated) */
} StiChainRole;

#define STI_TYPE_CHAIN_ANALYSIS_RESULT (sti_chain_analysis_result_get_type ())

G_DECLARE_FINAL_TYPE (StiChainAnalysisResult, sti_chain_analysis_result, STI, CHAIN_ANALYSIS_RESULT,
                      GObject)

GPtrArray     *sti_chain_analysis_result_get_findings     (StiChainAnalysisResult *self);
gboolean       sti_chain_analysis_result_get_verified     (StiChainAnalysisResult *self);
GPtrArray     *sti_chain_analysis_result_get_certificates (StiChainAnalysisResult *self);
GPtrArray     *sti_chain_analysis_result_get_built_chain  (StiChainAnalysisResult *self);
GPtrArray     *sti_chain_analysis_result_get_path         (StiChainAnalysisResult *self);
StiChainRole   sti_chain_analysis_result_get_role         (StiChainAnalysisResult *self,
                                                           guint                   index);
GPtrArray     *sti_chain_analysis_result_get_fetched      (StiChainAnalysisResult *self);
const char    *sti_chain_analysis_result_get_complete_chain_pem (StiChainAnalysisResult *self);
StiOcspStatus  sti_chain_analysis_result_get_ocsp_status  (StiChainAnalysisResult *self);
const char    *sti_chain_analysis_result_get_aia_note     (StiChainAnalysisResult *self);
const char    *sti_chain_analysis_result_get_ocsp_note    (StiChainAnalysisResult *self);

void                    sti_chain_analysis_run_async  (const StiChainAnalysisOptions  *options,
                                                       GPtrArray                      *chain_der,
                                                       const char                     *hostname,
                                                       GBytes                         *stapled_ocsp,
                                                       GCancellable                   *cancellable,
                                                       GAsyncReadyCallback             callback,
                                                       gpointer                        user_data);
StiChainAnalysisResult *sti_chain_analysis_run_finish (GAsyncResult                   *result,
                                                       GError                        **error);

const char *sti_chain_role_to_string   (StiChainRole  role);
const char *sti_ocsp_status_to_string  (StiOcspStatus status);

G_END_DECLS
