/* sti-certificate-request.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-request.h"

#include "sti-private-key-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The PKCS #10 certificate request (CSR) a CA turns into a certificate:
 * the public key, every name in subjectAltName (what senders check, RFC
 * 6125), the first also as the subject's CN (what old software and people
 * look at), signed with SHA-256 by the key, which proves the requester
 * holds it. Nothing else: no O, no DC, no extensions the CA would drop
 * anyway. */

/* RFC 5280 (ub-common-name): a CN holds at most 64 characters. */
#define MAX_CN_LENGTH 64

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crq_t, gnutls_x509_crq_deinit, NULL)

static gboolean
failed (GError     **error,
        int          ret)
{
  /* Translators: %s is the crypto library's reason */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make the request: %s"),
               gnutls_strerror (ret));
  return FALSE;
}

static gboolean
fill (gnutls_x509_crq_t    crq,
      StiPrivateKey       *key,
      const char * const  *names,
      GError             **error)
{
  int ret;

  if ((ret = gnutls_x509_crq_set_version (crq, 1)) < 0)
    return failed (error, ret);

  /* A longer first name stays in subjectAltName only, which is all that
   * counts; CAs accept a request without CN. */
  if (strlen (names[0]) <= MAX_CN_LENGTH &&
      (ret = gnutls_x509_crq_set_dn_by_oid (crq, GNUTLS_OID_X520_COMMON_NAME, 0, names[0],
                                            strlen (names[0]))) < 0)
    return failed (error, ret);

  for (guint i = 0; names[i] != NULL; i++)
    {
      ret = gnutls_x509_crq_set_subject_alt_name (crq, GNUTLS_SAN_DNSNAME, names[i],
                                                  strlen (names[i]), GNUTLS_FSAN_APPEND);
      if (ret < 0)
        return failed (error, ret);
    }

  if ((ret = gnutls_x509_crq_set_key (crq, sti_private_key_get_x509 (key))) < 0)
    return failed (error, ret);

  return TRUE;
}

/**
 * sti_certificate_request_new_pem:
 * @key: the key the certificate is for
 * @names: (array zero-terminated=1): the names, checked and in A-label
 *   form (sti_certificate_names_parse()); the first becomes the CN
 * @error: return location for a #GError
 *
 * Makes and signs a certificate request, and checks its signature.
 *
 * Returns: (transfer full) (nullable): the request as PEM
 */
GBytes *
sti_certificate_request_new_pem (StiPrivateKey       *key,
                                 const char * const  *names,
                                 GError             **error)
{
  g_auto(gnutls_x509_crq_t) crq = NULL;
  g_auto(gnutls_privkey_t) signer = NULL;
  g_auto(StiGnutlsDatum) pem = { NULL, 0 };
  int ret;

  g_return_val_if_fail (STI_IS_PRIVATE_KEY (key), NULL);
  g_return_val_if_fail (names != NULL && names[0] != NULL, NULL);

  if ((ret = gnutls_x509_crq_init (&crq)) < 0 ||
      (ret = gnutls_privkey_init (&signer)) < 0 ||
      (ret = gnutls_privkey_import_x509 (signer, sti_private_key_get_x509 (key), 0)) < 0)
    {
      failed (error, ret);
      return NULL;
    }

  if (!fill (crq, key, names, error))
    return NULL;

  if ((ret = gnutls_x509_crq_privkey_sign (crq, signer, GNUTLS_DIG_SHA256, 0)) < 0 ||
      (ret = gnutls_x509_crq_verify (crq, 0)) < 0 ||
      (ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_PEM, &pem)) < 0)
    {
      failed (error, ret);
      return NULL;
    }

  return g_bytes_new (pem.data, pem.size);
}
