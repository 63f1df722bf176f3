/* sti-certificate-sections-key.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections-private.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

/* The public key and how strong it is, the signature and whether its hash
 * can be attacked, and the fingerprints (certificate, SPKI, TLSA data). */

static char *
sha_hex (GChecksumType  type,
         const guint8  *data,
         gsize          len,
         const char    *separator)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (type);
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, data, len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  return sections_hex_string (digest, digest_len, separator);
}

gboolean
sections_export_spki (gnutls_pubkey_t  pubkey,
                      StiGnutlsDatum  *spki,
                      GError         **error)
{
  if (gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, spki) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The public key cannot be read"));
      return FALSE;
    }

  return TRUE;
}

void
sections_add_public_key (StiCertificateSections *self,
                         gnutls_pubkey_t         pubkey)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  unsigned int bits = 0;
  int algorithm = gnutls_pubkey_get_pk_algorithm (pubkey, &bits);
  const char *name = gnutls_pk_algorithm_get_name (algorithm);
  g_autofree char *verdict = NULL;
  gboolean weak = FALSE;

  section = sections_add_section (self, "public-key", _("Public Key"), "keypair", NULL);
  sections_add_field (self, section, "public-key.algorithm", _("Algorithm"),
                      g_strdup (name != NULL ? name : _("Unknown")), "keypair", NULL);

  if (algorithm == GNUTLS_PK_ECDSA || algorithm == GNUTLS_PK_EDDSA_ED25519 ||
      algorithm == GNUTLS_PK_EDDSA_ED448)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
      const char *curve_name;

      if (algorithm == GNUTLS_PK_ECDSA)
        gnutls_pubkey_export_ecc_raw2 (pubkey, &curve, NULL, NULL, 0);
      else
        curve = algorithm == GNUTLS_PK_EDDSA_ED25519 ? GNUTLS_ECC_CURVE_ED25519
                                                       : GNUTLS_ECC_CURVE_ED448;
      curve_name = gnutls_ecc_curve_get_name (curve);
      sections_add_field (self, section, "public-key.curve", _("Curve"),
                          g_strdup (curve_name != NULL ? curve_name : _("Unknown")), NULL,
                          N_("Elliptic-curve keys are much shorter than RSA keys of the same "
                             "strength: a 256-bit curve is about as strong as 3072-bit RSA."));
      weak = bits > 0 && bits < 224;
      verdict = weak ? g_strdup (_("Weak: the curve is too small"))
                     /* Translators: %u is the size of an elliptic curve in bits */
                     : g_strdup_printf (_("Strong (%u-bit curve)"), bits);
    }
  else
    {
      sections_add_field (self, section, "public-key.size", _("Key size"),
                          g_strdup_printf (_("%u bits"), bits), NULL,
                          N_("RSA keys need 2048 bits today; 3072 or more lasts longer. "
                             "Shorter keys can be broken."));
      weak = algorithm == GNUTLS_PK_RSA && bits < 2048;
      if (weak)
        verdict = g_strdup (_("Weak: RSA keys need at least 2048 bits"));
      else if (algorithm == GNUTLS_PK_RSA && bits < 3072)
        verdict = g_strdup (_("Acceptable until about 2030"));
      else
        verdict = g_strdup (_("Strong"));
    }

  field = sections_add_field (self, section, "public-key.verdict", _("Strength"),
                              g_steal_pointer (&verdict), NULL, NULL);
  field->warning = weak;
  if (weak)
    {
      g_strfreev (field->finding_ids);
      field->finding_ids = g_strsplit ("cert-weak-key", " ", -1);
    }
}

void
sections_add_signature (StiCertificateSections *self,
                        int                     sign_algorithm)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  const char *name = gnutls_sign_get_name (sign_algorithm);
  gnutls_digest_algorithm_t hash = gnutls_sign_get_hash_algorithm (sign_algorithm);
  gboolean weak = hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_SHA1 || hash == GNUTLS_DIG_MD2;

  section = sections_add_section (self, "signature", _("Signature"), NULL,
                                  N_("The issuer signs a hash of the certificate with its "
                                     "private key. With a weak hash such as SHA-1 or MD5, "
                                     "someone could forge a certificate with the same "
                                     "signature."));
  field = sections_add_field (self, section, "signature.algorithm", _("Algorithm"),
                              g_strdup (name != NULL ? name : _("Unknown")), NULL, NULL);
  field->warning = weak;
  field = sections_add_field (self, section, "signature.verdict", _("Verdict"),
                              g_strdup (weak ? _("Weak: the hash can be attacked; clients "
                                                 "reject it")
                                             : _("Secure")), NULL, NULL);
  field->warning = weak;
}

/* @der is %NULL for a request: it has no certificate fingerprint. */
void
sections_add_fingerprints (StiCertificateSections *self,
                           GBytes                 *der,
                           const gnutls_datum_t   *spki)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  g_autofree char *spki_hex = sha_hex (G_CHECKSUM_SHA256, spki->data, spki->size, NULL);

  section = sections_add_section (self, "fingerprints", _("Fingerprints"), "fingerprint", NULL);

  if (der != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (der, &len);

      field = sections_add_field (self, section, "fingerprints.sha256", _("SHA-256"),
                                  sha_hex (G_CHECKSUM_SHA256, data, len, ":"), "fingerprint",
                                  NULL);
      field->monospace = field->copyable = TRUE;
      field = sections_add_field (self, section, "fingerprints.sha1", _("SHA-1"),
                                  sha_hex (G_CHECKSUM_SHA1, data, len, ":"), "fingerprint",
                                  NULL);
      field->monospace = field->copyable = TRUE;
    }

  field = sections_add_field (self, section, "fingerprints.spki-sha256",
                              _("Public key (SPKI) SHA-256"), g_strdup (spki_hex), "SPKI", NULL);
  field->monospace = field->copyable = TRUE;

  /* DANE-EE for the server's own certificate, DANE-TA for a CA's. */
  if (sti_certificate_sections_get_is_ca (self))
    field = sections_add_field (self, section, "fingerprints.tlsa",
                                _("TLSA record data (DANE-TA)"),
                                g_strdup_printf ("2 1 1 %s", spki_hex), "TLSA", NULL);
  else
    field = sections_add_field (self, section, "fingerprints.tlsa",
                                _("TLSA record data (DANE-EE)"),
                                g_strdup_printf ("3 1 1 %s", spki_hex), "TLSA", NULL);
  field->monospace = field->copyable = TRUE;
}
