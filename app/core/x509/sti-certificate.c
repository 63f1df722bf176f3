/* sti-certificate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate.h"

#include "sti-error-text.h"
#include "sti-gnutls-private.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <string.h>

/* One X.509 certificate, parsed once with GnuTLS at construction. Every
 * string that comes from the certificate went through sti_text_sanitize():
 * names can carry invalid UTF-8, NUL bytes and markup. The DER is kept as
 * the evidence; everything else is derived from it. */
struct _StiCertificate
{
  GObject parent_instance;

  GBytes    *der;
  char      *subject;
  char      *issuer;
  char      *subject_cn;
  GStrv      dns_names;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *serial;
  char      *public_key_algorithm;
  char      *curve;
  char      *signature_algorithm;
  char      *sha256_fingerprint;
  char      *spki_sha256;
  guint      public_key_bits;
  guint      has_nul_in_dns_name : 1;
  guint      is_ca : 1;
  guint      is_self_signed : 1;
};

G_DEFINE_FINAL_TYPE (StiCertificate, sti_certificate, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DER,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_SUBJECT_CN,
  PROP_DNS_NAMES,
  PROP_HAS_NUL_IN_DNS_NAME,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_SERIAL,
  PROP_PUBLIC_KEY_ALGORITHM,
  PROP_PUBLIC_KEY_BITS,
  PROP_CURVE,
  PROP_SIGNATURE_ALGORITHM,
  PROP_IS_CA,
  PROP_IS_SELF_SIGNED,
  PROP_SHA256_FINGERPRINT,
  PROP_SPKI_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GDateTime *
date_from_time (time_t t)
{
  GDateTime *dt = g_date_time_new_from_unix_utc ((gint64)t);

  /* GeneralizedTime allows years GDateTime cannot hold (99991231235959Z
   * is common for "never expires"): clamp instead of failing. */
  if (dt == NULL)
    dt = t < 0 ? g_date_time_new_utc (1, 1, 1, 0, 0, 0)
               : g_date_time_new_utc (9999, 12, 31, 23, 59, 59);

  return dt;
}

/* Returns the value bytes of the first attribute @oid of the subject, or
 * NULL. The AVA value is the string content as encoded, without the
 * RFC 4514 escaping gnutls_x509_crt_get_dn_by_oid() adds. */
static GBytes *
get_dn_attribute (gnutls_x509_crt_t  crt,
                  const char        *oid)
{
  gnutls_x509_dn_t dn = NULL;

  if (gnutls_x509_crt_get_subject (crt, &dn) < 0)
    return NULL;

  for (int irdn = 0; irdn < 64; irdn++)
    {
      for (int iava = 0; iava < 16; iava++)
        {
          gnutls_x509_ava_st ava;
          int ret = gnutls_x509_dn_get_rdn_ava (dn, irdn, iava, &ava);
          gsize oid_len;

          if (ret == GNUTLS_E_ASN1_ELEMENT_NOT_FOUND || ret < 0)
            {
              if (iava == 0)
                return NULL;
              break;
            }

          /* The OID datum may count its terminating NUL. */
          oid_len = ava.oid.size;
          if (oid_len > 0 && ava.oid.data[oid_len - 1] == '\0')
            oid_len--;
          if (oid_len == strlen (oid) && memcmp (ava.oid.data, oid, oid_len) == 0)
            return g_bytes_new (ava.value.data, ava.value.size);
        }
    }

  return NULL;
}

static void
read_dns_names (StiCertificate    *self,
                gnutls_x509_crt_t  crt)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; ; i++)
    {
      g_autofree guint8 *buf = NULL;
      size_t size = 0;
      unsigned int type = 0;
      int ret;

      ret = gnutls_x509_crt_get_subject_alt_name2 (crt, i, NULL, &size, &type, NULL);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER && ret < 0)
        break;
      if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER && ret != GNUTLS_SAN_DNSNAME)
        continue;

      buf = g_malloc0 (size + 1);
      ret = gnutls_x509_crt_get_subject_alt_name2 (crt, i, buf, &size, &type, NULL);
      if (ret < 0)
        break;
      if (ret != GNUTLS_SAN_DNSNAME)
        continue;

      if (memchr (buf, '\0', size) != NULL)
        self->has_nul_in_dns_name = TRUE;

      g_ptr_array_add (names, sti_text_sanitize (buf, size));
    }

  g_ptr_array_add (names, NULL);
  self->dns_names = (GStrv)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static gboolean
check_self_signed (gnutls_x509_crt_t crt)
{
  unsigned int status = 0;
  /* DO_NOT_ALLOW_SAME: a certificate that is its own anchor must still
   * prove its signature; time and algorithm strength are judged elsewhere. */
  unsigned int flags = (GNUTLS_VERIFY_DO_NOT_ALLOW_SAME |
                        GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                        GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS |
                        GNUTLS_VERIFY_ALLOW_BROKEN |
                        GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 |
                        GNUTLS_VERIFY_ALLOW_ANY_X509_V1_CA_CRT);

  if (!gnutls_x509_crt_check_issuer (crt, crt))
    return FALSE;

  if (gnutls_x509_crt_verify (crt, &crt, 1, flags, &status) < 0)
    return FALSE;

  return (status & (GNUTLS_CERT_SIGNATURE_FAILURE | GNUTLS_CERT_SIGNER_NOT_FOUND)) == 0;
}

static gboolean
parse_der (StiCertificate  *self,
           GError         **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  g_auto(StiGnutlsDatum) dn = { NULL, 0 };
  g_auto(StiGnutlsDatum) issuer_dn = { NULL, 0 };
  g_autoptr(GBytes) cn = NULL;
  gnutls_datum_t datum;
  guint8 buf[64];
  size_t size;
  time_t t;
  unsigned int bits = 0;
  int pk;
  int sign;
  int ret;

  datum.data = (unsigned char *)g_bytes_get_data (self->der, &size);
  datum.size = size;

  if (size == 0 || size > G_MAXUINT32)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Certificate data is empty or too large");
      return FALSE;
    }

  if ((ret = gnutls_x509_crt_init (&crt)) < 0 ||
      (ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER)) < 0)
    {
      g_autofree char *message = sti_error_text_dup_problem (STI_PROBLEM_CERTIFICATE_DAMAGED,
                                                             gnutls_strerror (ret));

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
      return FALSE;
    }

  if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) >= 0)
    self->subject = sti_text_clean_escaped (dn.data, dn.size);
  else
    self->subject = g_strdup ("");

  if (gnutls_x509_crt_get_issuer_dn3 (crt, &issuer_dn, 0) >= 0)
    self->issuer = sti_text_clean_escaped (issuer_dn.data, issuer_dn.size);
  else
    self->issuer = g_strdup ("");

  cn = get_dn_attribute (crt, GNUTLS_OID_X520_COMMON_NAME);
  if (cn != NULL)
    self->subject_cn = sti_text_sanitize_bytes (cn);

  read_dns_names (self, crt);

  t = gnutls_x509_crt_get_activation_time (crt);
  if (t == (time_t)-1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Cannot parse certificate: invalid notBefore date");
      return FALSE;
    }
  self->not_before = date_from_time (t);

  t = gnutls_x509_crt_get_expiration_time (crt);
  if (t == (time_t)-1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Cannot parse certificate: invalid notAfter date");
      return FALSE;
    }
  self->not_after = date_from_time (t);

  size = sizeof buf;
  if (gnutls_x509_crt_get_serial (crt, buf, &size) >= 0)
    self->serial = sti_hex_encode (buf, size, FALSE);
  else
    self->serial = g_strdup ("");

  pk = gnutls_x509_crt_get_pk_algorithm (crt, &bits);
  if (pk < 0)
    pk = GNUTLS_PK_UNKNOWN;
  self->public_key_algorithm = g_strdup (gnutls_pk_algorithm_get_name (pk) ?: "unknown");
  self->public_key_bits = bits;

  if (pk == GNUTLS_PK_ECDSA || pk == GNUTLS_PK_EDDSA_ED25519 || pk == GNUTLS_PK_EDDSA_ED448 ||
      pk == GNUTLS_PK_ECDH_X25519 || pk == GNUTLS_PK_ECDH_X448)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
      gnutls_datum_t x = { NULL, 0 };
      gnutls_datum_t y = { NULL, 0 };

      if (gnutls_x509_crt_get_pk_ecc_raw (crt, &curve, &x, &y) >= 0)
        {
          const char *name = gnutls_ecc_curve_get_name (curve);

          if (name != NULL)
            self->curve = g_strdup (name);
        }
      gnutls_free (x.data);
      gnutls_free (y.data);
    }

  sign = gnutls_x509_crt_get_signature_algorithm (crt);
  if (sign > 0 && gnutls_sign_get_name (sign) != NULL)
    {
      self->signature_algorithm = g_strdup (gnutls_sign_get_name (sign));
    }
  else
    {
      char oid[128];

      size = sizeof oid;
      if (gnutls_x509_crt_get_signature_oid (crt, oid, &size) >= 0)
        self->signature_algorithm = sti_text_sanitize ((const guint8 *)oid, size);
      else
        self->signature_algorithm = g_strdup ("unknown");
    }

  self->is_ca = gnutls_x509_crt_get_ca_status (crt, NULL) > 0;
  self->is_self_signed = check_self_signed (crt);

  size = sizeof buf;
  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, buf, &size) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Cannot compute the certificate fingerprint");
      return FALSE;
    }
  self->sha256_fingerprint = sti_hex_encode (buf, size, FALSE);

  if (gnutls_pubkey_init (&pubkey) >= 0 &&
      gnutls_pubkey_import_x509 (pubkey, crt, 0) >= 0)
    {
      g_auto(StiGnutlsDatum) spki = { NULL, 0 };

      if (gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) >= 0)
        self->spki_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                         spki.data, spki.size);
    }
  if (self->spki_sha256 == NULL)
    self->spki_sha256 = g_strdup ("");

  return TRUE;
}

static void
sti_certificate_finalize (GObject *object)
{
  StiCertificate *self = (StiCertificate *)object;

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->subject_cn, g_free);
  g_clear_pointer (&self->dns_names, g_strfreev);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->public_key_algorithm, g_free);
  g_clear_pointer (&self->curve, g_free);
  g_clear_pointer (&self->signature_algorithm, g_free);
  g_clear_pointer (&self->sha256_fingerprint, g_free);
  g_clear_pointer (&self->spki_sha256, g_free);

  G_OBJECT_CLASS (sti_certificate_parent_class)->finalize (object);
}

static void
sti_certificate_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiCertificate *self = STI_CERTIFICATE (object);

  switch (prop_id)
    {
    case PROP_DER:
      g_value_set_boxed (value, self->der);
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;

    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;

    case PROP_SUBJECT_CN:
      g_value_set_string (value, self->subject_cn);
      break;

    case PROP_DNS_NAMES:
      g_value_set_boxed (value, self->dns_names);
      break;

    case PROP_HAS_NUL_IN_DNS_NAME:
      g_value_set_boolean (value, self->has_nul_in_dns_name);
      break;

    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;

    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;

    case PROP_PUBLIC_KEY_ALGORITHM:
      g_value_set_string (value, self->public_key_algorithm);
      break;

    case PROP_PUBLIC_KEY_BITS:
      g_value_set_uint (value, self->public_key_bits);
      break;

    case PROP_CURVE:
      g_value_set_string (value, self->curve);
      break;

    case PROP_SIGNATURE_ALGORITHM:
      g_value_set_string (value, self->signature_algorithm);
      break;

    case PROP_IS_CA:
      g_value_set_boolean (value, self->is_ca);
      break;

    case PROP_IS_SELF_SIGNED:
      g_value_set_boolean (value, self->is_self_signed);
      break;

    case PROP_SHA256_FINGERPRINT:
      g_value_set_string (value, self->sha256_fingerprint);
      break;

    case PROP_SPKI_SHA256:
      g_value_set_string (value, self->spki_sha256);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_certificate_class_init (StiCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_certificate_finalize;
  object_class->get_property = sti_certificate_get_property;

  properties[PROP_DER] = g_param_spec_boxed ("der", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT_CN] = g_param_spec_string ("subject-cn", NULL, NULL, NULL, flags);
  properties[PROP_DNS_NAMES] = g_param_spec_boxed ("dns-names", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_HAS_NUL_IN_DNS_NAME] =
    g_param_spec_boolean ("has-nul-in-dns-name", NULL, NULL, FALSE, flags);
  properties[PROP_NOT_BEFORE] =
    g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] =
    g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL, flags);
  properties[PROP_PUBLIC_KEY_ALGORITHM] =
    g_param_spec_string ("public-key-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_PUBLIC_KEY_BITS] =
    g_param_spec_uint ("public-key-bits", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CURVE] = g_param_spec_string ("curve", NULL, NULL, NULL, flags);
  properties[PROP_SIGNATURE_ALGORITHM] =
    g_param_spec_string ("signature-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_IS_CA] = g_param_spec_boolean ("is-ca", NULL, NULL, FALSE, flags);
  properties[PROP_IS_SELF_SIGNED] =
    g_param_spec_boolean ("is-self-signed", NULL, NULL, FALSE, flags);
  properties[PROP_SHA256_FINGERPRINT] =
    g_param_spec_string ("sha256-fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_SPKI_SHA256] = g_param_spec_string ("spki-sha256", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_certificate_init (StiCertificate *self)
{
}

/**
 * sti_certificate_new_from_der:
 * @der: the DER bytes, exactly as received
 * @error: return location for an error (G_IO_ERROR_INVALID_DATA)
 *
 * Parses @der once. Garbage gives an error, never a crash.
 *
 * Returns: (transfer full) (nullable): a new certificate
 */
StiCertificate *
sti_certificate_new_from_der (GBytes  *der,
                              GError **error)
{
  g_autoptr(StiCertificate) self = NULL;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (STI_TYPE_CERTIFICATE, NULL);
  self->der = g_bytes_ref (der);

  if (!parse_der (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sti_certificate_get_der:
 *
 * Returns: (transfer none): the DER bytes
 */
GBytes *
sti_certificate_get_der (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->der;
}

/* RFC 4514 string, sanitized. */
const char *
sti_certificate_get_subject (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->subject;
}

const char *
sti_certificate_get_issuer (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->issuer;
}

/* Returns: (nullable): the first CN, sanitized */
const char *
sti_certificate_get_subject_cn (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->subject_cn;
}

/**
 * sti_certificate_get_dns_names:
 *
 * Returns: (transfer none): the dNSName entries of the SAN, sanitized (an
 *   embedded NUL shows as `\x00`), never %NULL
 */
const char * const *
sti_certificate_get_dns_names (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return (const char * const *)self->dns_names;
}

gboolean
sti_certificate_get_has_nul_in_dns_name (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), FALSE);
  return self->has_nul_in_dns_name;
}

/* Returns: (transfer none): UTC */
GDateTime *
sti_certificate_get_not_before (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->not_before;
}

/* Returns: (transfer none): UTC */
GDateTime *
sti_certificate_get_not_after (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->not_after;
}

/* Lowercase hex, no separators. */
const char *
sti_certificate_get_serial (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->serial;
}

/* GnuTLS's name: "RSA", "EC/ECDSA", "EdDSA (Ed25519)", … */
const char *
sti_certificate_get_public_key_algorithm (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->public_key_algorithm;
}

guint
sti_certificate_get_public_key_bits (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), 0);
  return self->public_key_bits;
}

/* Returns: (nullable): "SECP256R1", … for EC keys */
const char *
sti_certificate_get_curve (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->curve;
}

/* GnuTLS's name: "RSA-SHA256", "ECDSA-SHA384", …, or the OID if unknown */
const char *
sti_certificate_get_signature_algorithm (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->signature_algorithm;
}

gboolean
sti_certificate_get_is_ca (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), FALSE);
  return self->is_ca;
}

/* Issuer equals subject and the self-signature verifies. */
gboolean
sti_certificate_get_is_self_signed (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), FALSE);
  return self->is_self_signed;
}

/* SHA-256 of the DER, lowercase hex. */
const char *
sti_certificate_get_sha256_fingerprint (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->sha256_fingerprint;
}

/* SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex (DANE 3 1 1). */
const char *
sti_certificate_get_spki_sha256 (StiCertificate *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);
  return self->spki_sha256;
}

/**
 * sti_certificate_dup_pem:
 *
 * Returns: (transfer full): the certificate as PEM text
 */
char *
sti_certificate_dup_pem (StiCertificate *self)
{
  g_autofree char *b64 = NULL;
  GString *pem;
  gsize len;

  g_return_val_if_fail (STI_IS_CERTIFICATE (self), NULL);

  b64 = g_base64_encode (g_bytes_get_data (self->der, NULL), g_bytes_get_size (self->der));
  len = strlen (b64);

  pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");
  for (gsize i = 0; i < len; i += 64)
    {
      g_string_append_len (pem, b64 + i, MIN (64, len - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END CERTIFICATE-----\n");

  return g_string_free (pem, FALSE);
}

/* Certificates are equal when their DER is; everything else derives from it. */
gboolean
sti_certificate_equal (StiCertificate *a,
                       StiCertificate *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return g_bytes_equal (a->der, b->der);
}
