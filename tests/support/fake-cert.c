/* fake-cert.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-cert.h"

#include <string.h>
#include <time.h>

#include <gnutls/abstract.h>
#include <gnutls/x509.h>

void
sti_fake_cert_free (StiFakeCert *fc)
{
  if (fc == NULL)
    return;
  g_clear_pointer (&fc->creds, gnutls_certificate_free_credentials);
  g_clear_pointer (&fc->leaf_der, g_bytes_unref);
  g_clear_pointer (&fc->ca_der, g_bytes_unref);
  g_free (fc);
}

static GBytes *
sti_fake_cert_export_der (gnutls_x509_crt_t crt)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &out), ==, 0);
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return bytes;
}

static void
sti_fake_cert_fill (gnutls_x509_crt_t      crt,
                    gnutls_x509_privkey_t  key,
                    const char            *cn,
                    guint                  serial)
{
  time_t now = time (NULL);
  guint8 serial_bytes[2] = { 0x10, serial & 0xff };

  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, serial_bytes, sizeof serial_bytes), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 30 * 86400), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                                  cn, strlen (cn)), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key (crt, key), ==, 0);
}

static gnutls_x509_privkey_t
sti_fake_cert_new_key (void)
{
  gnutls_x509_privkey_t key = NULL;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                                 0), ==, 0);
  return key;
}

/* @order spells the chain the server sends: 'l' the leaf, 'c' the CA,
 * e.g. "lc", "lcc" (a duplicate), "l"; the leaf must come first (GnuTLS
 * matches the key against it). The credentials
 * are built from unsorted pcerts: gnutls_certificate_set_x509_key() would
 * sort the list and drop a trailing self-signed CA. */
StiFakeCert *
sti_fake_cert_new_with_chain (const char *hostname,
                              const char *order)
{
  StiFakeCert *fc = g_new0 (StiFakeCert, 1);
  gnutls_x509_privkey_t ca_key = sti_fake_cert_new_key ();
  gnutls_x509_privkey_t leaf_key = sti_fake_cert_new_key ();
  gnutls_x509_crt_t ca = NULL;
  gnutls_x509_crt_t leaf = NULL;
  gnutls_privkey_t pkey = NULL;
  gnutls_pcert_st *pcerts;
  gsize n = strlen (order);

  g_assert_cmpuint (n, >, 0);

  g_assert_cmpint (gnutls_x509_crt_init (&ca), ==, 0);
  sti_fake_cert_fill (ca, ca_key, "STI Test CA", 1);
  g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (ca, 1, -1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_usage (ca, GNUTLS_KEY_KEY_CERT_SIGN |
                                                      GNUTLS_KEY_CRL_SIGN), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (ca, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);

  g_assert_cmpint (gnutls_x509_crt_init (&leaf), ==, 0);
  sti_fake_cert_fill (leaf, leaf_key, hostname, 2);
  g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (leaf, 0, -1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_usage (leaf, GNUTLS_KEY_DIGITAL_SIGNATURE), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_purpose_oid (leaf, GNUTLS_KP_TLS_WWW_SERVER, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_subject_alt_name (leaf, GNUTLS_SAN_DNSNAME,
                                                         hostname, strlen (hostname),
                                                         GNUTLS_FSAN_SET), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (leaf, ca, ca_key, GNUTLS_DIG_SHA256, 0), ==, 0);

  fc->leaf_der = sti_fake_cert_export_der (leaf);
  fc->ca_der = sti_fake_cert_export_der (ca);

  /* gnutls_certificate_set_key() takes the pcerts and the key. */
  pcerts = gnutls_malloc (sizeof (gnutls_pcert_st) * n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (gnutls_pcert_import_x509 (&pcerts[i], order[i] == 'l' ? leaf : ca, 0),
                     ==, 0);
  g_assert_cmpint (gnutls_privkey_init (&pkey), ==, 0);
  g_assert_cmpint (gnutls_privkey_import_x509 (pkey, leaf_key, GNUTLS_PRIVKEY_IMPORT_COPY),
                   ==, 0);

  g_assert_cmpint (gnutls_certificate_allocate_credentials (&fc->creds), ==, 0);
  g_assert_cmpint (gnutls_certificate_set_key (fc->creds, NULL, 0, pcerts, n, pkey), ==, 0);
  /* set_key copied the array itself. */
  gnutls_free (pcerts);

  gnutls_x509_crt_deinit (leaf);
  gnutls_x509_crt_deinit (ca);
  gnutls_x509_privkey_deinit (leaf_key);
  gnutls_x509_privkey_deinit (ca_key);

  return fc;
}

StiFakeCert *
sti_fake_cert_new (const char *hostname)
{
  return sti_fake_cert_new_with_chain (hostname, "lc");
}
