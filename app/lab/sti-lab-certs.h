/* sti-lab-certs.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "sti-tls-credentials.h"

G_BEGIN_DECLS

/* What one generated lab certificate looks like. Everything not set gets a
 * sane default: EC P-256 key, SHA-256 signature, serverAuth leaf. */
typedef struct
{
  const char                *common_name;
  const char                *organization;         /* nullable */
  const char                *organizational_unit;  /* nullable */
  const char * const        *dns_names;            /* nullable, NULL-terminated SAN dNSNames */
  gboolean                   is_ca;
  guint                      rsa_bits;             /* 0: EC P-256; else RSA of that size */
  gint64                     not_before;           /* seconds since the epoch */
  gint64                     not_after;
  gnutls_digest_algorithm_t  digest;               /* GNUTLS_DIG_UNKNOWN: SHA-256 */
  const char                *ca_issuers_url;       /* nullable: AIA caIssuers URI */
  const char                *ocsp_url;             /* nullable: AIA OCSP URI */
  const char                *key_purpose;          /* nullable: the one EKU of a leaf;
                                                      NULL: serverAuth */
  gboolean                   must_staple;          /* TLS feature status_request (RFC 7633) */
} StiLabCertSpec;

/* A certificate and its private key; both owned. */
typedef struct
{
  gnutls_x509_crt_t     crt;
  gnutls_x509_privkey_t key;
} StiLabCert;

StiLabCert                       *sti_lab_cert_new         (const StiLabCertSpec  *spec,
                                                            const StiLabCert      *issuer,
                                                            GError               **error);
void                              sti_lab_cert_free        (StiLabCert            *cert);
GBytes                           *sti_lab_cert_dup_der     (const StiLabCert      *cert);
char                             *sti_lab_cert_dup_pem     (const StiLabCert      *cert);
StiTlsCredentials                *sti_lab_credentials_new  (const StiLabCert     **chain,
                                                            guint                  n_chain,
                                                            GError               **error);
gboolean                          sti_lab_credentials_add_for_sni (StiTlsCredentials  *creds,
                                                                   const StiLabCert  **chain,
                                                                   guint               n_chain,
                                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiLabCert, sti_lab_cert_free)

G_END_DECLS
