/* sti-chain-verify-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-chain-verify.h"

#include "sti-certificate.h"
#include "sti-finding.h"
#include "sti-gnutls-private.h"

G_BEGIN_DECLS

/* What the parts of the chain verification share: sti-chain-verify.c
 * parses the chain and runs the checks of the other three files. */

/* One certificate, in our model and as GnuTLS sees it. */
typedef struct
{
  guint              position; /* index in the chain as sent; G_MAXUINT: fetched */
  gnutls_x509_crt_t  crt;
  StiCertificate    *cert;
} ChainEntry;

char *
verify_cert_detail (const ChainEntry *entry,
                    const char       *format,
                    ...) G_GNUC_PRINTF (2, 3);

void
verify_dict_add_cert (GVariantDict     *dict,
                      const ChainEntry *entry);

char *
verify_format_date (GDateTime *dt);

/* sti-chain-verify-certificate.c */

void
verify_check_dates (GPtrArray                   *findings,
                    const ChainEntry            *entry,
                    GDateTime                   *now,
                    const StiChainVerifyOptions *options);

void
verify_check_key (GPtrArray        *findings,
                  const ChainEntry *entry);

void
verify_check_signature (GPtrArray        *findings,
                        const ChainEntry *entry,
                        StiTrustStore    *trust);

void
verify_check_purpose (GPtrArray        *findings,
                      const ChainEntry *entry);

gboolean
verify_check_name (GPtrArray        *findings,
                   const ChainEntry *leaf,
                   const char       *hostname);

/* sti-chain-verify-trust.c */

gboolean
verify_check_trust (GPtrArray                   *findings,
                    GArray                      *entries,
                    GArray                      *fetched,
                    StiTrustStore               *trust,
                    const char                  *hostname,
                    gboolean                     leaf_self_signed,
                    const StiChainVerifyOptions *options);

/* sti-chain-verify-revocation.c */

void
verify_check_revocation (GPtrArray                   *findings,
                         StiTrustStore               *trust,
                         GArray                      *entries,
                         GArray                      *fetched,
                         GDateTime                   *now,
                         const StiChainVerifyOptions *options,
                         StiOcspStatus               *status_out);

G_END_DECLS
