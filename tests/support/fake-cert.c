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

#include <gnutls/x509.h>

void
sti_fake_cert_free (StiFakeCert *fc)
{
  if (fc == NULL)
    return;
  g_clear_pointer (&fc->creds, sti_tls_credentials_unref);
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

static GBytes *
sti_fake_cert_export_key (gnutls_x509_privkey_t key)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_privkey_export2 (key, GNUTLS_X509_FMT_DER, &out), ==, 0);
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return bytes;
}

/* @order spells the chain the server sends: 'l' the leaf, 'c' the CA,
 * e.g. "lc", "lcc" (a duplicate), "l"; the leaf must come first (GnuTLS
 * matches the key against it). */
StiFakeCert *
sti_fake_cert_new_with_chain (const char *hostname,
                              const char *order)
{
  StiFakeCert *fc = g_new0 (StiFakeCert, 1);
  gnutls_x509_privkey_t ca_key = sti_fake_cert_new_key ();
  gnutls_x509_privkey_t leaf_key = sti_fake_cert_new_key ();
  gnutls_x509_crt_t ca = NULL;
  gnutls_x509_crt_t leaf = NULL;
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(GBytes) key_der = NULL;
  g_autoptr(GError) error = NULL;
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

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (chain, order[i] == 'l' ? fc->leaf_der : fc->ca_der);
  key_der = sti_fake_cert_export_key (leaf_key);
  fc->creds = sti_tls_credentials_new (chain, key_der, &error);
  g_assert_no_error (error);

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
