/* sti-private-key.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-private-key.h"
#include "sti-private-key-private.h"

#include "sti-chain-verify.h"
#include "sti-secret-file.h"

#include <glib/gi18n.h>

/* A mail server's private key: made here (RSA 2048 or 3072, ECDSA P-256)
 * or read from a file to be used again, so that DANE "3 1 1" records,
 * which pin the public key, stay valid across renewals. A key read from a
 * file must be one CAs issue certificates for, as strong as the
 * cert-weak-key rule asks (sti_chain_verify_minimum_key_bits()). Saved as
 * unencrypted PKCS #8 PEM, which every mail server reads, in a file only
 * its owner can read (sti-secret-file.c). */

struct _StiPrivateKey
{
  GObject                parent_instance;

  gnutls_x509_privkey_t  key;
  char                  *description;
  char                  *spki_sha256;
};

G_DEFINE_FINAL_TYPE (StiPrivateKey, sti_private_key, G_TYPE_OBJECT)

static void
sti_private_key_finalize (GObject *object)
{
  StiPrivateKey *self = (StiPrivateKey *)object;

  g_clear_pointer (&self->key, gnutls_x509_privkey_deinit);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->spki_sha256, g_free);

  G_OBJECT_CLASS (sti_private_key_parent_class)->finalize (object);
}

static void
sti_private_key_class_init (StiPrivateKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_private_key_finalize;
}

static void
sti_private_key_init (StiPrivateKey *self)
{
}

const char *
sti_key_type_to_string (StiKeyType type)
{
  switch (type)
    {
    case STI_KEY_TYPE_RSA_2048:   return "rsa-2048";
    case STI_KEY_TYPE_RSA_3072:   return "rsa-3072";
    case STI_KEY_TYPE_ECDSA_P256: return "ecdsa-p256";
    default:                      return "rsa-2048";
    }
}

gboolean
sti_key_type_from_string (const char *str,
                          StiKeyType *type)
{
  for (StiKeyType t = STI_KEY_TYPE_RSA_2048; t <= STI_KEY_TYPE_ECDSA_P256; t++)
    {
      if (g_strcmp0 (str, sti_key_type_to_string (t)) == 0)
        {
          *type = t;
          return TRUE;
        }
    }

  return FALSE;
}

/* Takes @key. Describes it and computes the SHA-256 of its public key
 * (SubjectPublicKeyInfo), the value of a DANE "3 1 1" record. */
static StiPrivateKey *
wrap (gnutls_x509_privkey_t   key,
      GError                **error)
{
  g_autoptr(StiPrivateKey) self = g_object_new (STI_TYPE_PRIVATE_KEY, NULL);
  g_auto(gnutls_privkey_t) abstract = NULL;
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  g_auto(StiGnutlsDatum) spki = { NULL, 0 };
  unsigned int bits = 0;
  int pk;

  self->key = key;
  pk = gnutls_x509_privkey_get_pk_algorithm2 (key, &bits);
  if (pk == GNUTLS_PK_ECDSA)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
      g_auto(StiGnutlsDatum) x = { NULL, 0 };
      g_auto(StiGnutlsDatum) y = { NULL, 0 };
      g_auto(StiGnutlsDatum) k = { NULL, 0 };
      const char *name;

      gnutls_x509_privkey_export_ecc_raw (key, &curve, &x, &y, &k);
      if (k.data != NULL)
        gnutls_memset (k.data, 0, k.size);
      name = curve == GNUTLS_ECC_CURVE_SECP256R1 ? "P-256"
             : curve == GNUTLS_ECC_CURVE_SECP384R1 ? "P-384"
             : gnutls_ecc_curve_get_name (curve);

      /* Translators: %s is a curve name, e.g. P-256 */
      self->description = g_strdup_printf (_("ECDSA, curve %s"), name ?: "?");
    }
  else
    /* Translators: %s is a key algorithm (RSA), %u its size in bits */
    self->description = g_strdup_printf (_("%s, %u bits"),
                                         gnutls_pk_algorithm_get_name (pk) ?: "?", bits);

  if (gnutls_privkey_init (&abstract) < 0 ||
      gnutls_privkey_import_x509 (abstract, key, 0) < 0 ||
      gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_privkey (pubkey, abstract, 0, 0) < 0 ||
      gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) < 0)
    {
      self->key = NULL;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot read the public part of the key."));
      return NULL;
    }
  self->spki_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, spki.data, spki.size);

  return g_steal_pointer (&self);
}

/**
 * sti_private_key_generate:
 * @type: the kind of key
 * @error: return location for a #GError
 *
 * Makes a new key. An RSA key takes up to a few seconds: on a main loop,
 * use sti_private_key_generate_async().
 *
 * Returns: (transfer full) (nullable): the key
 */
StiPrivateKey *
sti_private_key_generate (StiKeyType   type,
                          GError     **error)
{
  gnutls_x509_privkey_t key = NULL;
  StiPrivateKey *self;
  int ret;

  if (gnutls_x509_privkey_init (&key) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make a key."));
      return NULL;
    }

  if (type == STI_KEY_TYPE_ECDSA_P256)
    ret = gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                        GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0);
  else
    ret = gnutls_x509_privkey_generate (key, GNUTLS_PK_RSA,
                                        type == STI_KEY_TYPE_RSA_3072 ? 3072 : 2048, 0);
  if (ret < 0)
    {
      gnutls_x509_privkey_deinit (key);
      /* Translators: %s is the crypto library's reason */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot make a key: %s"),
                   gnutls_strerror (ret));
      return NULL;
    }

  self = wrap (key, error);
  if (self == NULL)
    gnutls_x509_privkey_deinit (key);
  return self;
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  StiPrivateKey *key = sti_private_key_generate (GPOINTER_TO_INT (task_data), &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_object_unref);
}

/**
 * sti_private_key_generate_async:
 * @type: the kind of key
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the key is made
 * @user_data: data for @callback
 *
 * sti_private_key_generate() on a worker thread.
 */
void
sti_private_key_generate_async (StiKeyType           type,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, sti_private_key_generate_async);
  g_task_set_name (task, "[sti] private key generation");
  g_task_set_task_data (task, GINT_TO_POINTER (type), NULL);
  g_task_run_in_thread (task, generate_thread);
}

StiPrivateKey *
sti_private_key_generate_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
check_strength (gnutls_x509_privkey_t   key,
                GError                **error)
{
  unsigned int bits = 0;
  int pk = gnutls_x509_privkey_get_pk_algorithm2 (key, &bits);
  guint minimum = sti_chain_verify_minimum_key_bits (pk);

  if (pk != GNUTLS_PK_RSA && pk != GNUTLS_PK_ECDSA)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a key algorithm, e.g. EdDSA (Ed25519) */
                   _("The key is a %s key. Certificate authorities issue mail server "
                     "certificates for RSA and ECDSA keys only: make a new key."),
                   gnutls_pk_algorithm_get_name (pk) ?: "?");
      return FALSE;
    }

  if (bits < minimum)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: %s is RSA or ECDSA, %u numbers of bits */
                   _("The key is a %u-bit %s key, too weak today (at least %u bits are "
                     "needed): make a new key."),
                   bits, gnutls_pk_algorithm_get_name (pk), minimum);
      return FALSE;
    }

  return TRUE;
}

/**
 * sti_private_key_new_from_data:
 * @data: a key file's contents: PEM or DER, PKCS #1, PKCS #8 or SEC 1
 * @error: return location for a #GError, with a message for the user
 *
 * Reads an existing key, to make a request for it again. Encrypted keys
 * are refused (with how to decrypt them), as are keys too weak or of a
 * kind CAs do not issue for.
 *
 * Returns: (transfer full) (nullable): the key
 */
StiPrivateKey *
sti_private_key_new_from_data (GBytes  *data,
                               GError **error)
{
  gnutls_x509_privkey_t key = NULL;
  gnutls_datum_t datum;
  StiPrivateKey *self;
  int ret;

  g_return_val_if_fail (data != NULL, NULL);

  datum.data = (unsigned char *)g_bytes_get_data (data, NULL);
  datum.size = g_bytes_get_size (data);

  if (gnutls_x509_privkey_init (&key) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read the key."));
      return NULL;
    }

  ret = gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0);
  if (ret < 0 && ret != GNUTLS_E_DECRYPTION_FAILED)
    ret = gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_DER, NULL, 0);
  if (ret == GNUTLS_E_DECRYPTION_FAILED)
    {
      gnutls_x509_privkey_deinit (key);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The key is protected by a password. Mail servers need it "
                             "without one; write an unprotected copy, readable by you alone:\n"
                             "    (umask 077; certtool --load-privkey KEY --to-p8 --null-password "
                             "--outfile KEY.plain)"));
      return NULL;
    }
  if (ret < 0)
    {
      gnutls_x509_privkey_deinit (key);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a private key. A key file begins with "
                             "“-----BEGIN PRIVATE KEY-----” (or RSA PRIVATE KEY, "
                             "EC PRIVATE KEY)."));
      return NULL;
    }

  if (!check_strength (key, error))
    {
      gnutls_x509_privkey_deinit (key);
      return NULL;
    }

  self = wrap (key, error);
  if (self == NULL)
    gnutls_x509_privkey_deinit (key);
  return self;
}

/* "RSA, 2048 bits", "ECDSA, curve SECP256R1" */
const char *
sti_private_key_get_description (StiPrivateKey *self)
{
  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), NULL);

  return self->description;
}

/**
 * sti_private_key_get_spki_sha256:
 *
 * Returns: the SHA-256 of the public key (lower-case hex): what a DANE
 *   "3 1 1" record holds, and sti_certificate_get_spki_sha256() of a
 *   certificate for this key
 */
const char *
sti_private_key_get_spki_sha256 (StiPrivateKey *self)
{
  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), NULL);

  return self->spki_sha256;
}

/* Whether @certificate is for this key (their public keys are the same). */
gboolean
sti_private_key_matches (StiPrivateKey  *self,
                         StiCertificate *certificate)
{
  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), FALSE);
  g_return_val_if_fail (STI_IS_CERTIFICATE (certificate), FALSE);

  return g_str_equal (self->spki_sha256, sti_certificate_get_spki_sha256 (certificate));
}

/**
 * sti_private_key_dup_pem:
 *
 * Returns: (transfer full): the key as unencrypted PKCS #8 PEM; secret
 */
GBytes *
sti_private_key_dup_pem (StiPrivateKey *self)
{
  gnutls_datum_t pem = { NULL, 0 };
  GBytes *bytes;

  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), NULL);

  if (gnutls_x509_privkey_export2_pkcs8 (self->key, GNUTLS_X509_FMT_PEM, NULL,
                                         GNUTLS_PKCS_PLAIN, &pem) < 0)
    return NULL;

  /* The copy in GLib's allocator outlives GnuTLS's, which is wiped. */
  bytes = g_bytes_new (pem.data, pem.size);
  gnutls_memset (pem.data, 0, pem.size);
  gnutls_free (pem.data);

  return bytes;
}

/**
 * sti_private_key_save:
 * @self: the key
 * @path: the key file
 * @replace: replace an existing file (the CLI's --force)
 * @error: return location for a #GError; %G_IO_ERROR_EXISTS when @path
 *   exists and @replace is %FALSE
 *
 * Writes the key as PKCS #8 PEM to a file only its owner can read.
 *
 * Returns: %TRUE when written
 */
gboolean
sti_private_key_save (StiPrivateKey  *self,
                      const char     *path,
                      gboolean        replace,
                      GError        **error)
{
  g_autoptr(GBytes) pem = NULL;

  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pem = sti_private_key_dup_pem (self);
  if (pem == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot export the key."));
      return FALSE;
    }

  return sti_secret_file_write (path, pem, replace, error);
}

gnutls_x509_privkey_t
sti_private_key_get_x509 (StiPrivateKey *self)
{
  g_return_val_if_fail (STI_IS_PRIVATE_KEY (self), NULL);

  return self->key;
}
