/* certgen.h: certificates for tests, generated with the GnuTLS API
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

typedef struct
{
  const char                *common_name;     /* NUL-terminated; or see cn_raw */
  const guint8              *cn_raw;          /* raw CN bytes (invalid UTF-8, …) */
  gsize                      cn_raw_len;
  const char                *organization;
  const char * const        *dns_names;       /* NULL-terminated */
  const guint8              *raw_dns_name;    /* one extra dNSName with exact bytes (NUL) */
  gsize                      raw_dns_name_len;
  gnutls_pk_algorithm_t      key_algorithm;   /* 0: ECDSA */
  guint                      key_bits;        /* 0: 256 for EC, 2048 for RSA */
  gnutls_digest_algorithm_t  hash;            /* 0: SHA256 */
  gint64                     not_before;      /* unix time; 0: now - 1 day */
  gint64                     not_after;       /* unix time; 0: now + 90 days */
  gboolean                   is_ca;
  guint                      serial;          /* 0: a counter */
  const char                *ca_issuers_url;  /* AIA caIssuers URI */
  const char                *ocsp_url;        /* AIA OCSP URI */
  const char                *key_purpose;     /* one EKU OID (GNUTLS_KP_*); NULL: no EKU */
  guint                      key_usage;       /* GNUTLS_KEY_* bits; 0: the default */
  gboolean                   must_staple;     /* TLS feature status_request (RFC 7633) */
} CertgenOptions;

typedef struct
{
  gnutls_x509_crt_t     crt;
  gnutls_x509_privkey_t key;
} CertgenCert;

CertgenCert *certgen_make      (const CertgenOptions *options,
                                CertgenCert          *issuer);
CertgenCert *certgen_make_ca   (const char           *common_name,
                                CertgenCert          *issuer);
CertgenCert *certgen_make_leaf (const char           *hostname,
                                CertgenCert          *issuer);
GBytes      *certgen_der       (CertgenCert          *cert);
GPtrArray   *certgen_der_chain (CertgenCert          *first,
                                ...) G_GNUC_NULL_TERMINATED;
char        *certgen_pem       (CertgenCert          *cert);
char        *certgen_key_pem   (CertgenCert          *cert);
void         certgen_free      (CertgenCert          *cert);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CertgenCert, certgen_free)

G_END_DECLS
