/* sti-trust-store.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-trust-store.h"

#include "sti-trust-store-private.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Trust is explicit (DESIGN.md, decision 5): the system store unless the
 * caller says otherwise, plus named extra anchors, and a description that
 * reports say out loud. Anchors are also kept as DER so that "is this
 * certificate itself an anchor?" needs no GnuTLS lookup. */
struct _StiTrustStore
{
  GObject parent_instance;

  gnutls_x509_trust_list_t  list;
  GPtrArray                *anchors_der; /* GBytes of the extra anchors */
  GPtrArray                *labels;      /* what was added, for the description */
  char                     *description;
  guint                     n_system;
  guint                     n_extra;
  guint                     use_system : 1;
};

G_DEFINE_FINAL_TYPE (StiTrustStore, sti_trust_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_N_ANCHORS,
  PROP_USES_SYSTEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_description (StiTrustStore *self)
{
  GString *str = g_string_new (NULL);

  if (self->use_system)
    g_string_append_printf (str, "system store (%u anchors)", self->n_system);
  else
    g_string_append (str, "no system store");

  for (guint i = 0; i < self->labels->len; i++)
    g_string_append_printf (str, " + %s", (const char *)g_ptr_array_index (self->labels, i));

  g_free (self->description);
  self->description = g_string_free (str, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANCHORS]);
}

static gboolean
add_crt_list (StiTrustStore     *self,
              gnutls_x509_crt_t *crts,
              guint              n_crts,
              const char        *label)
{
  int ret;

  for (guint i = 0; i < n_crts; i++)
    {
      g_auto(StiGnutlsDatum) der = { NULL, 0 };

      if (gnutls_x509_crt_export2 (crts[i], GNUTLS_X509_FMT_DER, &der) >= 0)
        g_ptr_array_add (self->anchors_der, g_bytes_new (der.data, der.size));
    }

  /* The list takes ownership of the certificates. */
  ret = gnutls_x509_trust_list_add_cas (self->list, crts, n_crts, 0);
  if (ret < 0)
    return FALSE;

  self->n_extra += n_crts;
  g_ptr_array_add (self->labels, sti_text_sanitize_str (label));
  update_description (self);

  return TRUE;
}

static gboolean
add_datum (StiTrustStore          *self,
           const gnutls_datum_t   *datum,
           const char             *label,
           GError                **error)
{
  gnutls_x509_crt_t *crts = NULL;
  unsigned int n_crts = 0;
  gnutls_x509_crt_fmt_t fmt;
  int ret;

  fmt = g_strstr_len ((const char *)datum->data, datum->size, "-----BEGIN") != NULL
        ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER;

  ret = gnutls_x509_crt_list_import2 (&crts, &n_crts, datum, fmt, 0);
  if (ret < 0 || n_crts == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "No certificate found in %s: %s", label,
                   ret < 0 ? gnutls_strerror (ret) : "empty");
      return FALSE;
    }

  if (!add_crt_list (self, crts, n_crts, label))
    {
      for (guint i = 0; i < n_crts; i++)
        gnutls_x509_crt_deinit (crts[i]);
      gnutls_free (crts);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot add the certificates of %s to the trust store", label);
      return FALSE;
    }

  gnutls_free (crts);
  return TRUE;
}

static void
sti_trust_store_finalize (GObject *object)
{
  StiTrustStore *self = (StiTrustStore *)object;

  g_clear_pointer (&self->list, sti_gnutls_trust_list_free);
  g_clear_pointer (&self->anchors_der, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (sti_trust_store_parent_class)->finalize (object);
}

static void
sti_trust_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiTrustStore *self = STI_TRUST_STORE (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, sti_trust_store_get_description (self));
      break;

    case PROP_N_ANCHORS:
      g_value_set_uint (value, sti_trust_store_get_n_anchors (self));
      break;

    case PROP_USES_SYSTEM:
      g_value_set_boolean (value, sti_trust_store_get_uses_system (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_trust_store_class_init (StiTrustStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_trust_store_finalize;
  object_class->get_property = sti_trust_store_get_property;

  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_N_ANCHORS] =
    g_param_spec_uint ("n-anchors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_USES_SYSTEM] = g_param_spec_boolean ("uses-system", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_trust_store_init (StiTrustStore *self)
{
  self->anchors_der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  self->labels = g_ptr_array_new_with_free_func (g_free);
}

/**
 * sti_trust_store_new:
 * @use_system: whether to load the system's trusted CAs
 * @error: return location for an error
 *
 * Loading the system store reads files: call it once, at start-up or
 * when the user changes the trust settings, not per check.
 *
 * Returns: (transfer full) (nullable): a new trust store
 */
StiTrustStore *
sti_trust_store_new (gboolean   use_system,
                     GError   **error)
{
  g_autoptr(StiTrustStore) self = g_object_new (STI_TYPE_TRUST_STORE, NULL);
  int ret;

  ret = gnutls_x509_trust_list_init (&self->list, 0);
  if (ret < 0)
    {
      self->list = NULL;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot create a trust list: %s", gnutls_strerror (ret));
      return NULL;
    }

  self->use_system = !!use_system;
  if (use_system)
    {
      ret = gnutls_x509_trust_list_add_system_trust (self->list, 0, 0);
      if (ret < 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Cannot load the system trust store: %s", gnutls_strerror (ret));
          return NULL;
        }
      self->n_system = ret;
    }

  update_description (self);

  return g_steal_pointer (&self);
}

/**
 * sti_trust_store_add_ca_file:
 * @path: a PEM (one or more certificates) or DER file
 *
 * Adds the certificates of @path as anchors. The description names @path.
 */
gboolean
sti_trust_store_add_ca_file (StiTrustStore  *self,
                             const char     *path,
                             GError        **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  gnutls_datum_t datum;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;

  if (len == 0 || len > 16 * 1024 * 1024)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s is not a certificate file", display);
      return FALSE;
    }

  datum.data = (unsigned char *)contents;
  datum.size = len;

  {
    g_autofree char *display = g_filename_display_name (path);

    return add_datum (self, &datum, display, error);
  }
}

/**
 * sti_trust_store_add_ca_pem:
 * @pem: one or more PEM certificates
 * @label: what the description calls them, e.g. "demo lab CA"
 */
gboolean
sti_trust_store_add_ca_pem (StiTrustStore  *self,
                            const char     *pem,
                            const char     *label,
                            GError        **error)
{
  gnutls_datum_t datum;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (pem != NULL, FALSE);

  if (label == NULL)
    label = "extra CA";

  if (strstr (pem, "-----BEGIN") == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "No PEM certificate found in %s", label);
      return FALSE;
    }

  datum.data = (unsigned char *)pem;
  datum.size = strlen (pem);

  return add_datum (self, &datum, label, error);
}

gboolean
sti_trust_store_add_ca_der (StiTrustStore  *self,
                            GBytes         *der,
                            const char     *label,
                            GError        **error)
{
  gnutls_datum_t datum;
  gsize size;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (der != NULL, FALSE);

  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;

  if (size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Empty certificate");
      return FALSE;
    }

  return add_datum (self, &datum, label != NULL ? label : "extra CA", error);
}

/* e.g. "system store (146 anchors) + /etc/ssl/ca.pem + demo lab CA" */
const char *
sti_trust_store_get_description (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), NULL);
  return self->description;
}

guint
sti_trust_store_get_n_anchors (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), 0);
  return self->n_system + self->n_extra;
}

gboolean
sti_trust_store_get_uses_system (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  return self->use_system;
}

/* Whether @der is itself one of the anchors (system or extra). */
gboolean
sti_trust_store_is_anchor (StiTrustStore *self,
                           GBytes        *der)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  gnutls_x509_crt_t issuer = NULL;
  gnutls_datum_t datum;
  gsize size;
  gboolean result = FALSE;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (der != NULL, FALSE);

  for (guint i = 0; i < self->anchors_der->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (self->anchors_der, i), der))
        return TRUE;
    }

  if (!self->use_system)
    return FALSE;

  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;
  if (gnutls_x509_crt_init (&crt) < 0 ||
      gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    return FALSE;

  /* A self-signed anchor is its own issuer in the list. */
  if (gnutls_x509_trust_list_get_issuer (self->list, crt, &issuer, GNUTLS_TL_GET_COPY) >= 0 &&
      issuer != NULL)
    {
      result = gnutls_x509_crt_equals (crt, issuer) != 0;
      gnutls_x509_crt_deinit (issuer);
    }

  return result;
}

/* Borrowed; valid while @self lives. For sti-chain-verify and the prober. */
gnutls_x509_trust_list_t
sti_trust_store_get_trust_list (StiTrustStore *self)
{
  g_return_val_if_fail (STI_IS_TRUST_STORE (self), NULL);
  return self->list;
}

/**
 * sti_trust_store_dup_extra_tls_database:
 * @self: a #StiTrustStore
 * @error: return location for a #GError
 *
 * The anchors added to @self (CA files, the demo lab's CA) as a
 * #GTlsDatabase, for connections made through GIO, such as the fetch of
 * an MTA-STS policy, which must trust what the mail servers' checks
 * trust.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL when no
 *   anchor was added (@error unset) or on failure (@error set)
 */
GTlsDatabase *
sti_trust_store_dup_extra_tls_database (StiTrustStore  *self,
                                        GError        **error)
{
  g_autoptr(GString) pem = NULL;
  g_autofree char *path = NULL;
  GTlsDatabase *database;
  int fd;

  g_return_val_if_fail (STI_IS_TRUST_STORE (self), NULL);

  if (self->anchors_der->len == 0)
    return NULL;

  pem = g_string_new (NULL);
  for (guint i = 0; i < self->anchors_der->len; i++)
    {
      gsize len;
      const guint8 *der = g_bytes_get_data (g_ptr_array_index (self->anchors_der, i), &len);
      g_autofree char *b64 = g_base64_encode (der, len);
      gsize b64_len = strlen (b64);

      g_string_append (pem, "-----BEGIN CERTIFICATE-----\n");
      for (gsize j = 0; j < b64_len; j += 64)
        g_string_append_printf (pem, "%.64s\n", b64 + j);
      g_string_append (pem, "-----END CERTIFICATE-----\n");
    }

  /* GIO reads anchors from files only; the file is gone once read. */
  fd = g_file_open_tmp ("sti-anchors-XXXXXX.pem", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents (path, pem->str, pem->len, error))
    {
      g_unlink (path);
      return NULL;
    }

  database = g_tls_file_database_new (path, error);
  g_unlink (path);

  return database;
}
