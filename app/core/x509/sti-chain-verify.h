/* sti-chain-verify.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-trust-store.h"

G_BEGIN_DECLS

/* Default thresholds of cert-expiring-soon, in days. */
#define STI_EXPIRING_WARNING_DAYS 30
#define STI_EXPIRING_ERROR_DAYS    7

/**
 * StiChainVerifyOptions:
 * @expiring_warning_days: cert-expiring-soon under this many days left; 0: 30
 * @expiring_error_days: … and an error under this many; 0: 7
 * @staple_requested: the handshake asked for a stapled OCSP answer, so its
 *   absence means something (ocsp-must-staple-missing)
 * @stapled_ocsp: (nullable): the OCSP response the server stapled (DER)
 * @queried_ocsp: (nullable): an OCSP response fetched from the responder (DER)
 * @queried_ocsp_url: (nullable): where @queried_ocsp came from
 * @fetched_der: (nullable) (element-type GBytes): issuer certificates
 *   fetched through AIA caIssuers, in hop order; used to build the path
 *   and to tell a missing intermediate from an unknown CA
 * @fetched_urls: (nullable): the URL of each of @fetched_der
 * @aia_note: (nullable): why no issuer was fetched (network off, fetch failed, …)
 *
 * Plain data, zero-initialise it. Nothing is copied beyond the call.
 */
typedef struct
{
  guint               expiring_warning_days;
  guint               expiring_error_days;
  gboolean            staple_requested;
  GBytes             *stapled_ocsp;
  GBytes             *queried_ocsp;
  const char         *queried_ocsp_url;
  GPtrArray          *fetched_der;
  const char * const *fetched_urls;
  const char         *aia_note;
} StiChainVerifyOptions;

/* What an OCSP answer (stapled or queried) said about the leaf. */
typedef enum
{
  STI_OCSP_STATUS_NONE,    /* no answer seen */
  STI_OCSP_STATUS_GOOD,
  STI_OCSP_STATUS_REVOKED,
  STI_OCSP_STATUS_UNKNOWN, /* the responder does not know the certificate */
  STI_OCSP_STATUS_INVALID, /* unparseable, badly signed, for another certificate, stale */
} StiOcspStatus;

guint      sti_chain_verify_minimum_key_bits (int pk_algorithm);

GPtrArray *sti_chain_verify (StiTrustStore  *trust,
                             GPtrArray      *chain_der,
                             const char     *hostname,
                             GDateTime      *now,
                             gboolean       *verified_out,
                             GPtrArray     **certificates_out);
GPtrArray *sti_chain_verify_full (StiTrustStore                *trust,
                                  GPtrArray                    *chain_der,
                                  const char                   *hostname,
                                  GDateTime                    *now,
                                  const StiChainVerifyOptions  *options,
                                  gboolean                     *verified_out,
                                  GPtrArray                   **certificates_out,
                                  StiOcspStatus                *ocsp_status_out);

G_END_DECLS
