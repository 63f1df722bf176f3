/* sti-tls-credentials.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-credentials-private.h"

#include "sti-gnutls-private.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

struct _StiTlsCredentials
{
  gatomicrefcount                  ref_count;
  gnutls_certificate_credentials_t creds;
};

static gboolean
check_gnutls (int          ret,
              GError     **error)
{
  if (ret >= 0)
    return TRUE;

  g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
               /* Translators: %s is GnuTLS's error message */
               _("Could not set up TLS credentials: %s"), gnutls_strerror (ret));
  return FALSE;
}

/* The chain is sent exactly as given, duplicates and extra roots
 * included: gnutls_certificate_set_x509_key() would sort the list and drop
 * a trailing self-signed CA, so the certificates go in as a pcert list
 * through gnutls_certificate_set_key(), which keeps their order. */
static gboolean
add_key (gnutls_certificate_credentials_t   creds,
         GPtrArray                         *chain,
         GBytes                            *key_der,
         GError                           **error)
{
  g_auto(gnutls_privkey_t) key = NULL;
  g_autofree gnutls_pcert_st *pcerts = NULL;
  gnutls_datum_t datum;
  guint n_imported;
  int ret = 0;

  datum.data = (unsigned char *)g_bytes_get_data (key_der, NULL);
  datum.size = g_bytes_get_size (key_der);
  if (!check_gnutls (gnutls_privkey_init (&key), error) ||
      !check_gnutls (gnutls_privkey_import_x509_raw (key, &datum, GNUTLS_X509_FMT_DER, NULL, 0),
                     error))
    return FALSE;

  pcerts = g_new0 (gnutls_pcert_st, chain->len);
  for (n_imported = 0; n_imported < chain->len; n_imported++)
    {
      GBytes *der = g_ptr_array_index (chain, n_imported);

      datum.data = (unsigned char *)g_bytes_get_data (der, NULL);
      datum.size = g_bytes_get_size (der);
      ret = gnutls_pcert_import_x509_raw (&pcerts[n_imported], &datum, GNUTLS_X509_FMT_DER, 0);
      if (ret < 0)
        break;
    }
  if (ret >= 0)
    ret = gnutls_certificate_set_key (creds, NULL, 0, pcerts, chain->len, key);
  if (ret < 0)
    {
      for (guint i = 0; i < n_imported; i++)
        gnutls_pcert_deinit (&pcerts[i]);
      return check_gnutls (ret, error);
    }
  /* The credentials own the key and the pcert contents now; the array
   * itself was copied. */
  key = NULL;
  return TRUE;
}

/**
 * sti_tls_credentials_new:
 * @chain: (element-type GBytes): the DER certificates to send, in the
 *   order to send them; the first one holds the key's public half
 * @key_der: the private key in DER (PKCS#1, SEC 1 or PKCS#8)
 * @error: return location for an error
 *
 * Returns: (transfer full): the credentials, or %NULL on error
 */
StiTlsCredentials *
sti_tls_credentials_new (GPtrArray  *chain,
                         GBytes     *key_der,
                         GError    **error)
{
  g_auto(gnutls_certificate_credentials_t) creds = NULL;
  StiTlsCredentials *self;

  g_return_val_if_fail (chain != NULL && chain->len > 0, NULL);
  g_return_val_if_fail (key_der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_gnutls (gnutls_certificate_allocate_credentials (&creds), error) ||
      !add_key (creds, chain, key_der, error))
    return NULL;

  self = g_new0 (StiTlsCredentials, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->creds = g_steal_pointer (&creds);
  return self;
}

/**
 * sti_tls_credentials_add_for_sni:
 * @self: credentials that serve no session yet
 * @chain: (element-type GBytes): another chain, as for sti_tls_credentials_new()
 * @key_der: its private key
 * @error: return location for an error
 *
 * Adds a second certificate, as a server with several names has. GnuTLS
 * picks the chain whose certificate names the SNI the client sent; a
 * client that sends no SNI, or a name no certificate has, gets the first
 * chain: the default one, as Postfix (smtpd_tls_chain_files beside
 * tls_server_sni_maps), Exim and most servers behave.
 *
 * Returns: %TRUE on success
 */
gboolean
sti_tls_credentials_add_for_sni (StiTlsCredentials  *self,
                                 GPtrArray          *chain,
                                 GBytes             *key_der,
                                 GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (chain != NULL && chain->len > 0, FALSE);
  g_return_val_if_fail (key_der != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_key (self->creds, chain, key_der, error);
}

StiTlsCredentials *
sti_tls_credentials_ref (StiTlsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sti_tls_credentials_unref (StiTlsCredentials *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  gnutls_certificate_free_credentials (self->creds);
  g_free (self);
}

gnutls_certificate_credentials_t
sti_tls_credentials_get_gnutls (StiTlsCredentials *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->creds;
}
