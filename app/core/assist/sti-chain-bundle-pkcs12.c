/* sti-chain-bundle-pkcs12.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-bundle-private.h"

#include "sti-private-key-private.h"

#include <glib/gi18n.h>
#include <gnutls/pkcs12.h>
#include <string.h>

/* The chain file and its key as one password-protected PKCS #12 (.pfx)
 * file, what Exchange (Import-ExchangeCertificate) and Windows import.
 * Key and certificates are encrypted with PBES2 AES-256 (PBKDF2 with
 * HMAC-SHA256) and the file's integrity is an HMAC-SHA256: what Windows
 * 10 1709, Windows Server 2019 and later import. The old 3DES/RC2 with
 * SHA-1 is broken and is not offered. The key and the server's
 * certificate carry the same local key ID and friendly name, which is how
 * Windows pairs them. */

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs12_t, gnutls_pkcs12_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs12_bag_t, gnutls_pkcs12_bag_deinit, NULL)

#define CIPHER GNUTLS_PKCS_PBES2_AES_256

static gboolean
failed (GError **error,
        int      ret)
{
  /* Translators: %s is the crypto library's reason */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make the PKCS #12 file: %s"),
               gnutls_strerror (ret));
  return FALSE;
}

static gboolean
fill_cert_bag (StiChainBundle       *self,
               gnutls_pkcs12_bag_t   bag,
               const gnutls_datum_t *key_id,
               const char           *friendly_name,
               const char           *password,
               GError              **error)
{
  int ret;

  for (guint i = 0; i < self->chain->len; i++)
    {
      g_auto(gnutls_x509_crt_t) crt = NULL;
      GBytes *der = sti_certificate_get_der (g_ptr_array_index (self->chain, i));
      gnutls_datum_t datum = { (unsigned char *)g_bytes_get_data (der, NULL),
                               g_bytes_get_size (der) };
      int index;

      if ((ret = gnutls_x509_crt_init (&crt)) < 0 ||
          (ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER)) < 0 ||
          (ret = index = gnutls_pkcs12_bag_set_crt (bag, crt)) < 0)
        return failed (error, ret);

      if (i == 0 &&
          ((ret = gnutls_pkcs12_bag_set_key_id (bag, index, key_id)) < 0 ||
           (ret = gnutls_pkcs12_bag_set_friendly_name (bag, index, friendly_name)) < 0))
        return failed (error, ret);
    }

  if ((ret = gnutls_pkcs12_bag_encrypt (bag, password, CIPHER)) < 0)
    return failed (error, ret);

  return TRUE;
}

static gboolean
fill_key_bag (StiPrivateKey        *key,
              gnutls_pkcs12_bag_t   bag,
              const gnutls_datum_t *key_id,
              const char           *friendly_name,
              const char           *password,
              GError              **error)
{
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  int ret;
  int index;

  ret = gnutls_x509_privkey_export2_pkcs8 (sti_private_key_get_x509 (key), GNUTLS_X509_FMT_DER,
                                           password, CIPHER, &der);
  if (ret < 0 ||
      (ret = index = gnutls_pkcs12_bag_set_data (bag, GNUTLS_BAG_PKCS8_ENCRYPTED_KEY, &der)) < 0 ||
      (ret = gnutls_pkcs12_bag_set_key_id (bag, index, key_id)) < 0 ||
      (ret = gnutls_pkcs12_bag_set_friendly_name (bag, index, friendly_name)) < 0)
    return failed (error, ret);

  return TRUE;
}

/**
 * sti_chain_bundle_dup_pkcs12:
 * @self: a built bundle
 * @key: the server's key; it must match the server's certificate
 * @password: protects the file (PKCS #12 needs one; Windows asks for it)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the PKCS #12 file (DER); secret,
 *   write it with sti_secret_file_write()
 */
GBytes *
sti_chain_bundle_dup_pkcs12 (StiChainBundle  *self,
                             StiPrivateKey   *key,
                             const char      *password,
                             GError         **error)
{
  g_auto(gnutls_pkcs12_t) pkcs12 = NULL;
  g_auto(gnutls_pkcs12_bag_t) cert_bag = NULL;
  g_auto(gnutls_pkcs12_bag_t) key_bag = NULL;
  g_auto(StiGnutlsDatum) out = { NULL, 0 };
  guint8 id[64];
  size_t id_size = sizeof id;
  gnutls_datum_t key_id;
  const char *friendly_name;
  int ret;

  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);
  g_return_val_if_fail (STI_IS_PRIVATE_KEY (key), NULL);
  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (self->built && self->chain->len > 0, NULL);

  if (!sti_private_key_matches (key, g_ptr_array_index (self->chain, 0)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The key does not belong to the certificate: a PKCS #12 file "
                             "needs the certificate's own key."));
      return NULL;
    }

  if ((ret = gnutls_x509_privkey_get_key_id (sti_private_key_get_x509 (key), 0, id,
                                             &id_size)) < 0)
    {
      failed (error, ret);
      return NULL;
    }
  key_id.data = id;
  key_id.size = id_size;
  friendly_name = sti_certificate_get_subject_cn (g_ptr_array_index (self->chain, 0));
  if (friendly_name == NULL || friendly_name[0] == '\0')
    friendly_name = "mail server";

  if ((ret = gnutls_pkcs12_init (&pkcs12)) < 0 ||
      (ret = gnutls_pkcs12_bag_init (&cert_bag)) < 0 ||
      (ret = gnutls_pkcs12_bag_init (&key_bag)) < 0)
    {
      failed (error, ret);
      return NULL;
    }

  if (!fill_cert_bag (self, cert_bag, &key_id, friendly_name, password, error) ||
      !fill_key_bag (key, key_bag, &key_id, friendly_name, password, error))
    return NULL;

  if ((ret = gnutls_pkcs12_set_bag (pkcs12, cert_bag)) < 0 ||
      (ret = gnutls_pkcs12_set_bag (pkcs12, key_bag)) < 0 ||
      (ret = gnutls_pkcs12_generate_mac2 (pkcs12, GNUTLS_MAC_SHA256, password)) < 0 ||
      (ret = gnutls_pkcs12_export2 (pkcs12, GNUTLS_X509_FMT_DER, &out)) < 0)
    {
      failed (error, ret);
      return NULL;
    }

  return g_bytes_new (out.data, out.size);
}
