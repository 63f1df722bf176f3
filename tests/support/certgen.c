/* certgen.c: certificates for tests, generated with the GnuTLS API
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"

#include "sti-lab-ocsp.h"

#include <gnutls/x509-ext.h>
#include <string.h>

/* Keys are the slow part (RSA above all); the default is ECDSA P-256,
 * which takes about a millisecond. Each certificate gets its own key so
 * that key identifiers never make two certificates look related. */

static guint serial_counter = 1;

static gnutls_x509_privkey_t
make_key (gnutls_pk_algorithm_t algorithm,
          guint                 bits)
{
  gnutls_x509_privkey_t key = NULL;
  int ret;

  if (algorithm == 0)
    algorithm = GNUTLS_PK_ECDSA;
  if (bits == 0)
    bits = algorithm == GNUTLS_PK_ECDSA ? 256 : 2048;

  ret = gnutls_x509_privkey_init (&key);
  g_assert_cmpint (ret, >=, 0);

  if (algorithm == GNUTLS_PK_ECDSA)
    {
      gnutls_ecc_curve_t curve;

      switch (bits)
        {
        case 192: curve = GNUTLS_ECC_CURVE_SECP192R1; break;
        case 224: curve = GNUTLS_ECC_CURVE_SECP224R1; break;
        case 384: curve = GNUTLS_ECC_CURVE_SECP384R1; break;
        case 521: curve = GNUTLS_ECC_CURVE_SECP521R1; break;
        default: curve = GNUTLS_ECC_CURVE_SECP256R1; break;
        }
      ret = gnutls_x509_privkey_generate (key, algorithm, GNUTLS_CURVE_TO_BITS (curve), 0);
    }
  else
    {
      ret = gnutls_x509_privkey_generate (key, algorithm, bits, 0);
    }
  if (ret < 0)
    g_error ("certgen: cannot generate key: %s", gnutls_strerror (ret));

  return key;
}

/**
 * certgen_make:
 * @options: what to put in the certificate
 * @issuer: (nullable): the signer; %NULL for a self-signed certificate
 *
 * Returns: (transfer full): the certificate and its key
 */
CertgenCert *
certgen_make (const CertgenOptions *options,
              CertgenCert          *issuer)
{
  CertgenCert *cert = g_new0 (CertgenCert, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint serial = options->serial != 0 ? options->serial : serial_counter++;
  guint8 serial_bytes[4] = { serial >> 24, serial >> 16, serial >> 8, serial };
  guint serial_start = 0;
  guint8 key_id[64];
  size_t key_id_size = sizeof key_id;
  int ret;

  cert->key = make_key (options->key_algorithm, options->key_bits);

  ret = gnutls_x509_crt_init (&cert->crt);
  g_assert_cmpint (ret, >=, 0);

  gnutls_x509_crt_set_version (cert->crt, 3);
  /* A minimal positive DER INTEGER. */
  serial &= 0x7fffffff;
  while (serial_start < 3 && serial_bytes[serial_start] == 0 &&
         (serial_bytes[serial_start + 1] & 0x80) == 0)
    serial_start++;
  gnutls_x509_crt_set_serial (cert->crt, serial_bytes + serial_start,
                              sizeof serial_bytes - serial_start);

  if (options->cn_raw != NULL)
    ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                         options->cn_raw, options->cn_raw_len);
  else if (options->common_name != NULL)
    ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, GNUTLS_OID_X520_COMMON_NAME, 0,
                                         options->common_name, strlen (options->common_name));
  g_assert_cmpint (ret, >=, 0);

  if (options->organization != NULL)
    {
      ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0,
                                           options->organization,
                                           strlen (options->organization));
      g_assert_cmpint (ret, >=, 0);
    }

  if (options->raw_dns_name != NULL ||
      (options->dns_names != NULL && options->dns_names[0] != NULL))
    {
      /* Written as raw DER: GnuTLS refuses to encode a dNSName with a NUL
       * (good), and appending names one by one is quadratic (a 1000-name
       * certificate took 15 s). */
      g_autoptr(GByteArray) names = g_byte_array_new ();
      g_autoptr(GByteArray) ext = g_byte_array_new ();

      for (guint i = 0; options->dns_names != NULL && options->dns_names[i] != NULL; i++)
        sti_lab_der_append (names, 0x82, (const guint8 *)options->dns_names[i],
                    strlen (options->dns_names[i]));
      if (options->raw_dns_name != NULL)
        sti_lab_der_append (names, 0x82, options->raw_dns_name, options->raw_dns_name_len);
      sti_lab_der_append (ext, 0x30, names->data, names->len);
      ret = gnutls_x509_crt_set_extension_by_oid (cert->crt, "2.5.29.17", ext->data, ext->len, 0);
      g_assert_cmpint (ret, >=, 0);
    }

  gnutls_x509_crt_set_activation_time (cert->crt,
                                       options->not_before != 0 ? options->not_before
                                                                : now - 24 * 3600);
  gnutls_x509_crt_set_expiration_time (cert->crt,
                                       options->not_after != 0 ? options->not_after
                                                               : now + 90 * 24 * 3600);

  ret = gnutls_x509_crt_set_key (cert->crt, cert->key);
  g_assert_cmpint (ret, >=, 0);

  gnutls_x509_crt_set_basic_constraints (cert->crt, options->is_ca, -1);
  if (options->key_usage != 0)
    gnutls_x509_crt_set_key_usage (cert->crt, options->key_usage);
  else if (options->is_ca)
    gnutls_x509_crt_set_key_usage (cert->crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN);
  else
    gnutls_x509_crt_set_key_usage (cert->crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                              GNUTLS_KEY_KEY_ENCIPHERMENT);

  if (options->key_purpose != NULL)
    {
      ret = gnutls_x509_crt_set_key_purpose_oid (cert->crt, options->key_purpose, 0);
      g_assert_cmpint (ret, >=, 0);
    }

  if (options->ca_issuers_url != NULL)
    {
      gnutls_datum_t url = { (unsigned char *)options->ca_issuers_url,
                             strlen (options->ca_issuers_url) };

      ret = gnutls_x509_crt_set_authority_info_access (cert->crt, GNUTLS_IA_CAISSUERS_URI, &url);
      g_assert_cmpint (ret, >=, 0);
    }

  if (options->ocsp_url != NULL)
    {
      gnutls_datum_t url = { (unsigned char *)options->ocsp_url, strlen (options->ocsp_url) };

      ret = gnutls_x509_crt_set_authority_info_access (cert->crt, GNUTLS_IA_OCSP_URI, &url);
      g_assert_cmpint (ret, >=, 0);
    }

  if (options->must_staple)
    {
      gnutls_x509_tlsfeatures_t features = NULL;

      ret = gnutls_x509_tlsfeatures_init (&features);
      g_assert_cmpint (ret, >=, 0);
      ret = gnutls_x509_tlsfeatures_add (features, 5 /* status_request */);
      g_assert_cmpint (ret, >=, 0);
      ret = gnutls_x509_crt_set_tlsfeatures (cert->crt, features);
      g_assert_cmpint (ret, >=, 0);
      gnutls_x509_tlsfeatures_deinit (features);
    }

  if (gnutls_x509_crt_get_key_id (cert->crt, 0, key_id, &key_id_size) >= 0)
    gnutls_x509_crt_set_subject_key_id (cert->crt, key_id, key_id_size);

  if (issuer != NULL)
    {
      key_id_size = sizeof key_id;
      if (gnutls_x509_crt_get_subject_key_id (issuer->crt, key_id, &key_id_size, NULL) >= 0)
        gnutls_x509_crt_set_authority_key_id (cert->crt, key_id, key_id_size);
    }

  ret = gnutls_x509_crt_sign2 (cert->crt,
                               issuer != NULL ? issuer->crt : cert->crt,
                               issuer != NULL ? issuer->key : cert->key,
                               options->hash != 0 ? options->hash : GNUTLS_DIG_SHA256,
                               0);
  if (ret < 0)
    g_error ("certgen: cannot sign: %s", gnutls_strerror (ret));

  return cert;
}

CertgenCert *
certgen_make_ca (const char  *common_name,
                 CertgenCert *issuer)
{
  CertgenOptions options = { 0, };

  options.common_name = common_name;
  options.organization = "Certgen Test CA";
  options.is_ca = TRUE;
  options.not_before = g_get_real_time () / G_USEC_PER_SEC - 365 * 24 * 3600;
  options.not_after = g_get_real_time () / G_USEC_PER_SEC + 5 * 365 * 24 * 3600;

  return certgen_make (&options, issuer);
}

CertgenCert *
certgen_make_leaf (const char  *hostname,
                   CertgenCert *issuer)
{
  CertgenOptions options = { 0, };
  const char *names[] = { hostname, NULL };

  options.common_name = hostname;
  options.dns_names = names;

  return certgen_make (&options, issuer);
}

GBytes *
certgen_der (CertgenCert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;
  int ret;

  ret = gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_DER, &out);
  g_assert_cmpint (ret, >=, 0);
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);

  return bytes;
}

/* The DER of each certificate up to NULL, in order, as a chain arrives on the wire. */
GPtrArray *
certgen_der_chain (CertgenCert *first,
                   ...)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  va_list args;

  va_start (args, first);
  for (CertgenCert *c = first; c != NULL; c = va_arg (args, CertgenCert *))
    g_ptr_array_add (chain, certgen_der (c));
  va_end (args);

  return chain;
}

char *
certgen_pem (CertgenCert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;
  int ret;

  ret = gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_PEM, &out);
  g_assert_cmpint (ret, >=, 0);
  pem = g_strndup ((const char *)out.data, out.size);
  gnutls_free (out.data);

  return pem;
}

char *
certgen_key_pem (CertgenCert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  char *pem;
  int ret;

  ret = gnutls_x509_privkey_export2 (cert->key, GNUTLS_X509_FMT_PEM, &out);
  g_assert_cmpint (ret, >=, 0);
  pem = g_strndup ((const char *)out.data, out.size);
  gnutls_free (out.data);

  return pem;
}

void
certgen_free (CertgenCert *cert)
{
  if (cert == NULL)
    return;

  gnutls_x509_crt_deinit (cert->crt);
  gnutls_x509_privkey_deinit (cert->key);
  g_free (cert);
}
