/* sti-chain-bundle.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sti-certificate.h"
#include "sti-private-key.h"
#include "sti-trust-store.h"

G_BEGIN_DECLS

#define STI_CHAIN_BUNDLE_ERROR (sti_chain_bundle_error_quark ())

/* Why a bundle could not even be attempted: the input is at fault. A
 * bundle that was built but would not verify is no error: see
 * sti_chain_bundle_get_verified() and sti_chain_bundle_get_problems(). */
typedef enum
{
  STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE, /* a file is not a certificate (or is a CSR) */
  STI_CHAIN_BUNDLE_ERROR_NO_CERTIFICATE,    /* nothing to bundle */
  STI_CHAIN_BUNDLE_ERROR_AMBIGUOUS_LEAF,    /* several certificates could be the server's */
} StiChainBundleError;

/**
 * StiChainBundleOptions:
 * @trust: the anchors to verify against (required)
 * @session: (nullable): the HTTP session for AIA fetches; %NULL makes one
 * @allow_network: fetch a missing intermediate through AIA
 * @timeout_ms: a deadline for all fetches; 0: the chain analysis's default
 * @now: (nullable): the time to judge dates against; %NULL: now
 *
 * Plain data; sti_chain_bundle_options_init() fills in the defaults.
 */
typedef struct
{
  StiTrustStore *trust;
  SoupSession   *session;
  gboolean       allow_network;
  guint          timeout_ms;
  GDateTime     *now;
} StiChainBundleOptions;

void   sti_chain_bundle_options_init (StiChainBundleOptions *options);
GQuark sti_chain_bundle_error_quark  (void);

#define STI_TYPE_CHAIN_BUNDLE (sti_chain_bundle_get_type ())

G_DECLARE_FINAL_TYPE (StiChainBundle, sti_chain_bundle, STI, CHAIN_BUNDLE, GObject)

StiChainBundle *sti_chain_bundle_new           (void);
gboolean        sti_chain_bundle_add_data      (StiChainBundle               *self,
                                                const char                   *label,
                                                GBytes                       *data,
                                                GError                      **error);
void            sti_chain_bundle_set_key       (StiChainBundle               *self,
                                                StiPrivateKey                *key);
void            sti_chain_bundle_set_names     (StiChainBundle               *self,
                                                const char * const           *names);
guint           sti_chain_bundle_get_n_inputs  (StiChainBundle               *self);
void            sti_chain_bundle_build_async   (StiChainBundle               *self,
                                                const StiChainBundleOptions  *options,
                                                GCancellable                 *cancellable,
                                                GAsyncReadyCallback           callback,
                                                gpointer                      user_data);
gboolean        sti_chain_bundle_build_finish  (StiChainBundle               *self,
                                                GAsyncResult                 *result,
                                                GError                      **error);

gboolean        sti_chain_bundle_get_verified  (StiChainBundle               *self);
GPtrArray      *sti_chain_bundle_get_chain     (StiChainBundle               *self);
GPtrArray      *sti_chain_bundle_get_notes     (StiChainBundle               *self);
GPtrArray      *sti_chain_bundle_get_warnings  (StiChainBundle               *self);
GPtrArray      *sti_chain_bundle_get_problems  (StiChainBundle               *self);
gboolean        sti_chain_bundle_get_key_matches (StiChainBundle             *self);
GBytes         *sti_chain_bundle_dup_pem       (StiChainBundle               *self);
GBytes         *sti_chain_bundle_dup_pkcs12    (StiChainBundle               *self,
                                                StiPrivateKey                *key,
                                                const char                   *password,
                                                GError                      **error);

G_END_DECLS
