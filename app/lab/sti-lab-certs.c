/* sti-lab-certs.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-certs.h"

#include "sti-gnutls-private.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gnutls/x509-ext.h>

static gboolean
check_gnutls (int          ret,
              const char  *what,
              GError     **error)
{
  if (ret >= 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: the first %s is a step like "sign", the second GnuTLS's error */
               _("Could not create a demo lab certificate (%s): %s"),
               what, gnutls_strerror (ret));
  return FALSE;
}

static gboolean
set_dn_part (gnutls_x509_crt_t   crt,
             const char         *oid,
             const char         *value,
             GError            **error)
{
  if (value == NULL)
    return TRUE;

  /* Raw bytes on purpose: the hostile scenario puts invalid UTF-8 here. */
  return check_gnutls (gnutls_x509_crt_set_dn_by_oid (crt, oid, 0, value, strlen (value)),
                       "subject", error);
}

static gboolean
set_key_ids (gnutls_x509_crt_t        crt,
             gnutls_x509_privkey_t    key,
             const StiLabCert        *issuer,
             GError                 **error)
{
  guint8 id[64];
  size_t id_size = sizeof id;

  if (!check_gnutls (gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA1, id, &id_size),
                     "key id", error))
    return FALSE;
  if (!check_gnutls (gnutls_x509_crt_set_subject_key_id (crt, id, id_size), "key id", error))
    return FALSE;

  if (issuer != NULL)
    {
      id_size = sizeof id;
      if (!check_gnutls (gnutls_x509_crt_get_subject_key_id (issuer->crt, id, &id_size, NULL),
                         "authority key id", error))
        return FALSE;
    }

  return check_gnutls (gnutls_x509_crt_set_authority_key_id (crt, id, id_size),
                       "authority key id", error);
}

/**
 * sti_lab_cert_new:
 * @spec: what to generate
 * @issuer: (nullable): the signing CA; %NULL for a self-signed certificate
 * @error: return location for a #GError
 *
 * Generates a fresh key and a certificate for it, signed by @issuer.
 *
 * Returns: (transfer full): the certificate with its key, or %NULL
 */
StiLabCert *
sti_lab_cert_new (const StiLabCertSpec  *spec,
                  const StiLabCert      *issuer,
                  GError               **error)
{
  g_autoptr(StiLabCert) cert = NULL;
  g_auto(gnutls_privkey_t) signer = NULL;
  gnutls_digest_algorithm_t digest;
  guint8 serial[16];
  int ret;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->common_name != NULL, NULL);

  cert = g_new0 (StiLabCert, 1);

  if (!check_gnutls (gnutls_x509_privkey_init (&cert->key), "key", error))
    return NULL;
  if (spec->rsa_bits > 0)
    ret = gnutls_x509_privkey_generate (cert->key, GNUTLS_PK_RSA, spec->rsa_bits, 0);
  else
    ret = gnutls_x509_privkey_generate (cert->key, GNUTLS_PK_ECDSA,
                                        GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
  if (!check_gnutls (ret, "key", error))
    return NULL;

  if (!check_gnutls (gnutls_x509_crt_init (&cert->crt), "init", error) ||
      !check_gnutls (gnutls_x509_crt_set_version (cert->crt, 3), "version", error) ||
      !check_gnutls (gnutls_x509_crt_set_key (cert->crt, cert->key), "public key", error))
    return NULL;

  /* Random positive serials: two lab runs never issue the same serial, so
   * cached certificates from an earlier run cannot be confused with these. */
  for (guint i = 0; i < sizeof serial; i++)
    serial[i] = g_random_int_range (0, 256);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  ret = gnutls_x509_crt_set_serial (cert->crt, serial, sizeof serial);
  if (!check_gnutls (ret, "serial", error))
    return NULL;

  if (!check_gnutls (gnutls_x509_crt_set_activation_time (cert->crt, (time_t)spec->not_before),
                     "validity", error) ||
      !check_gnutls (gnutls_x509_crt_set_expiration_time (cert->crt, (time_t)spec->not_after),
                     "validity", error))
    return NULL;

  if (!set_dn_part (cert->crt, GNUTLS_OID_X520_ORGANIZATION_NAME, spec->organization, error) ||
      !set_dn_part (cert->crt, GNUTLS_OID_X520_ORGANIZATIONAL_UNIT_NAME,
                    spec->organizational_unit, error) ||
      !set_dn_part (cert->crt, GNUTLS_OID_X520_COMMON_NAME, spec->common_name, error))
    return NULL;

  for (guint i = 0; spec->dns_names != NULL && spec->dns_names[i] != NULL; i++)
    {
      ret = gnutls_x509_crt_set_subject_alt_name (cert->crt, GNUTLS_SAN_DNSNAME,
                                                  spec->dns_names[i],
                                                  strlen (spec->dns_names[i]),
                                                  GNUTLS_FSAN_APPEND);
      if (!check_gnutls (ret, "subject alternative name", error))
        return NULL;
    }

  if (spec->is_ca)
    {
      if (!check_gnutls (gnutls_x509_crt_set_basic_constraints (cert->crt, 1, -1),
                         "basic constraints", error) ||
          !check_gnutls (gnutls_x509_crt_set_key_usage (cert->crt,
                                                        GNUTLS_KEY_KEY_CERT_SIGN |
                                                        GNUTLS_KEY_CRL_SIGN),
                         "key usage", error))
        return NULL;
    }
  else
    {
      unsigned int usage = GNUTLS_KEY_DIGITAL_SIGNATURE;

      if (spec->rsa_bits > 0)
        usage |= GNUTLS_KEY_KEY_ENCIPHERMENT;
      if (!check_gnutls (gnutls_x509_crt_set_basic_constraints (cert->crt, 0, -1),
                         "basic constraints", error) ||
          !check_gnutls (gnutls_x509_crt_set_key_usage (cert->crt, usage), "key usage", error) ||
          !check_gnutls (gnutls_x509_crt_set_key_purpose_oid (cert->crt,
                                                              spec->key_purpose != NULL
                                                                ? spec->key_purpose
                                                                : GNUTLS_KP_TLS_WWW_SERVER, 0),
                         "key purpose", error))
        return NULL;
    }

  if (spec->ca_issuers_url != NULL)
    {
      gnutls_datum_t url = { (unsigned char *)spec->ca_issuers_url,
                             strlen (spec->ca_issuers_url) };

      ret = gnutls_x509_crt_set_authority_info_access (cert->crt, GNUTLS_IA_CAISSUERS_URI, &url);
      if (!check_gnutls (ret, "authority information access", error))
        return NULL;
    }

  if (spec->ocsp_url != NULL)
    {
      gnutls_datum_t url = { (unsigned char *)spec->ocsp_url, strlen (spec->ocsp_url) };

      ret = gnutls_x509_crt_set_authority_info_access (cert->crt, GNUTLS_IA_OCSP_URI, &url);
      if (!check_gnutls (ret, "authority information access", error))
        return NULL;
    }

  if (spec->must_staple)
    {
      gnutls_x509_tlsfeatures_t features = NULL;

      ret = gnutls_x509_tlsfeatures_init (&features);
      if (ret >= 0)
        ret = gnutls_x509_tlsfeatures_add (features, 5 /* status_request */);
      if (ret >= 0)
        ret = gnutls_x509_crt_set_tlsfeatures (cert->crt, features);
      if (features != NULL)
        gnutls_x509_tlsfeatures_deinit (features);
      if (!check_gnutls (ret, "TLS feature", error))
        return NULL;
    }

  if (!set_key_ids (cert->crt, cert->key, issuer, error))
    return NULL;

  if (!check_gnutls (gnutls_privkey_init (&signer), "sign", error) ||
      !check_gnutls (gnutls_privkey_import_x509 (signer,
                                                 issuer != NULL ? issuer->key : cert->key, 0),
                     "sign", error))
    return NULL;

  /* GnuTLS 3.7.9 signs with SHA-1 when asked (verified); only verification
   * treats it as insecure, which is what the sha1 scenario shows. */
  digest = spec->digest != GNUTLS_DIG_UNKNOWN ? spec->digest : GNUTLS_DIG_SHA256;
  ret = gnutls_x509_crt_privkey_sign (cert->crt,
                                      issuer != NULL ? issuer->crt : cert->crt,
                                      signer, digest, 0);
  if (!check_gnutls (ret, "sign", error))
    return NULL;

  return g_steal_pointer (&cert);
}

void
sti_lab_cert_free (StiLabCert *cert)
{
  if (cert == NULL)
    return;

  g_clear_pointer (&cert->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&cert->key, gnutls_x509_privkey_deinit);
  g_free (cert);
}

GBytes *
sti_lab_cert_dup_der (const StiLabCert *cert)
{
  g_auto(StiGnutlsDatum) datum = { NULL, 0 };

  g_return_val_if_fail (cert != NULL, NULL);

  if (gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_DER, &datum) < 0)
    return NULL;

  return g_bytes_new (datum.data, datum.size);
}

char *
sti_lab_cert_dup_pem (const StiLabCert *cert)
{
  g_auto(StiGnutlsDatum) datum = { NULL, 0 };

  g_return_val_if_fail (cert != NULL, NULL);

  if (gnutls_x509_crt_export2 (cert->crt, GNUTLS_X509_FMT_PEM, &datum) < 0)
    return NULL;

  return g_strndup ((const char *)datum.data, datum.size);
}

/* The DER of @chain and of the key of its first certificate. */
static gboolean
chain_der_and_key (const StiLabCert **chain,
                   guint              n_chain,
                   GPtrArray         *der,
                   GBytes           **key_der,
                   GError           **error)
{
  g_auto(StiGnutlsDatum) key = { NULL, 0 };

  for (guint i = 0; i < n_chain; i++)
    {
      GBytes *bytes = sti_lab_cert_dup_der (chain[i]);

      if (bytes == NULL)
        return check_gnutls (GNUTLS_E_INTERNAL_ERROR, "credentials", error);
      g_ptr_array_add (der, bytes);
    }
  if (!check_gnutls (gnutls_x509_privkey_export2 (chain[0]->key, GNUTLS_X509_FMT_DER, &key),
                     "credentials", error))
    return FALSE;
  *key_der = g_bytes_new (key.data, key.size);

  return TRUE;
}

/**
 * sti_lab_credentials_new:
 * @chain: (array length=n_chain): the certificates to send, in the order to send them;
 *   the key of @chain[0] is the server key
 * @n_chain: number of certificates, at least 1
 * @error: return location for a #GError
 *
 * The lab must send broken chains exactly as configured:
 * sti_tls_credentials_new() keeps the order (checked by the wrong-order
 * test on the wire).
 *
 * Returns: (transfer full): server credentials, or %NULL
 */
StiTlsCredentials *
sti_lab_credentials_new (const StiLabCert **chain,
                         guint              n_chain,
                         GError           **error)
{
  g_autoptr(GPtrArray) der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GBytes) key_der = NULL;

  g_return_val_if_fail (chain != NULL, NULL);
  g_return_val_if_fail (n_chain > 0, NULL);

  if (!chain_der_and_key (chain, n_chain, der, &key_der, error))
    return NULL;

  return sti_tls_credentials_new (der, key_der, error);
}

/**
 * sti_lab_credentials_add_for_sni:
 * @creds: credentials from sti_lab_credentials_new(), serving no session yet
 * @chain: (array length=n_chain): a further chain, chosen by clients
 *   whose SNI names its first certificate
 * @n_chain: number of certificates, at least 1
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sti_lab_credentials_add_for_sni (StiTlsCredentials  *creds,
                                 const StiLabCert  **chain,
                                 guint               n_chain,
                                 GError            **error)
{
  g_autoptr(GPtrArray) der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GBytes) key_der = NULL;

  g_return_val_if_fail (creds != NULL, FALSE);
  g_return_val_if_fail (chain != NULL, FALSE);
  g_return_val_if_fail (n_chain > 0, FALSE);

  return chain_der_and_key (chain, n_chain, der, &key_der, error) &&
         sti_tls_credentials_add_for_sni (creds, der, key_der, error);
}
