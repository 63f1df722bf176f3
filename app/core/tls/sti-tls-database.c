/* sti-tls-database.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-database.h"

#include "sti-trust-store-private.h"

/* A GTlsDatabase over a StiTrustStore, for the connections GIO makes for
 * us (libsoup's: the MTA-STS policy fetch, AIA and OCSP over HTTPS), so
 * that they trust exactly what our own verification trusts, and so that
 * glib-networking loads no trust store of its own. Its default database
 * loads the system store once more, and in GLib 2.74 every connection
 * that uses a glib-networking database builds its GnuTLS credentials from
 * a fresh load of it, on the thread that creates the connection (the main
 * loop). A database that is not glib-networking's own gets empty
 * credentials, and the handshake asks it to verify the peer's chain,
 * which this one does on the handshake's thread with the store's list.
 * Since libsoup hands a connection its session's database only after
 * making it, GIO's default database must be one of ours too
 * (sti_tls_database_install_default()).
 *
 * Verification mirrors glib-networking's: GnuTLS's verdict on the chain,
 * mapped to GTlsCertificateFlags, plus the identity check against the
 * leaf. Lookups by handle are not offered (nothing here hands them out). */

/* Longer chains are not verified (glib-networking builds the peer's chain
 * from what it sent, leaf first). */
#define MAX_CHAIN 16

struct _StiTlsDatabase
{
  GTlsDatabase   parent_instance;

  /* Owned references */
  StiTrustStore *trust;
};

G_DEFINE_FINAL_TYPE (StiTlsDatabase, sti_tls_database, G_TYPE_TLS_DATABASE)

/* GnuTLS status bits -> GTlsCertificateFlags, as glib-networking maps them:
 * GNUTLS_CERT_INVALID alone stands for a generic error, and so does any
 * bit left over. */
static const struct {
  unsigned int         status;
  GTlsCertificateFlags flag;
} status_table[] = {
  { GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA, G_TLS_CERTIFICATE_UNKNOWN_CA },
  { GNUTLS_CERT_NOT_ACTIVATED,                               G_TLS_CERTIFICATE_NOT_ACTIVATED },
  { GNUTLS_CERT_EXPIRED,                                     G_TLS_CERTIFICATE_EXPIRED },
  { GNUTLS_CERT_REVOKED,                                     G_TLS_CERTIFICATE_REVOKED },
  { GNUTLS_CERT_INSECURE_ALGORITHM,                          G_TLS_CERTIFICATE_INSECURE },
};

static GTlsCertificateFlags
flags_from_status (unsigned int status)
{
  GTlsCertificateFlags flags = 0;

  if (status != GNUTLS_CERT_INVALID)
    status &= ~GNUTLS_CERT_INVALID;

  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      if (status & status_table[i].status)
        {
          status &= ~status_table[i].status;
          flags |= status_table[i].flag;
        }
    }

  if (status != 0)
    flags |= G_TLS_CERTIFICATE_GENERIC_ERROR;

  return flags;
}

static gnutls_x509_crt_t
crt_from_certificate (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL || gnutls_x509_crt_init (&crt) < 0)
    return NULL;

  datum.data = der->data;
  datum.size = der->len;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    g_clear_pointer (&crt, gnutls_x509_crt_deinit);

  return crt;
}

/* The name the leaf must carry: a host name or an address literal. */
static char *
identity_name (GSocketConnectable *identity)
{
  if (G_IS_NETWORK_ADDRESS (identity))
    return g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (identity)));

  if (G_IS_NETWORK_SERVICE (identity))
    return g_strdup (g_network_service_get_domain (G_NETWORK_SERVICE (identity)));

  if (G_IS_INET_SOCKET_ADDRESS (identity))
    return g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (identity)));

  return NULL;
}

static GTlsCertificateFlags
sti_tls_database_verify_chain (GTlsDatabase             *database,
                               GTlsCertificate          *chain,
                               const char               *purpose,
                               GSocketConnectable       *identity,
                               GTlsInteraction          *interaction,
                               GTlsDatabaseVerifyFlags   flags,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  StiTlsDatabase *self = STI_TLS_DATABASE (database);
  gnutls_x509_crt_t crts[MAX_CHAIN];
  GTlsCertificateFlags result;
  unsigned int status = 0;
  guint n = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  for (GTlsCertificate *cert = chain; cert != NULL && n < MAX_CHAIN;
       cert = g_tls_certificate_get_issuer (cert))
    {
      crts[n] = crt_from_certificate (cert);
      if (crts[n] == NULL)
        break;
      n++;
    }

  if (n == 0)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  if (gnutls_x509_trust_list_verify_crt (sti_trust_store_get_trust_list (self->trust),
                                         crts, n, 0, &status, NULL) < 0)
    result = G_TLS_CERTIFICATE_GENERIC_ERROR;
  else
    result = flags_from_status (status);

  if (identity != NULL)
    {
      g_autofree char *name = identity_name (identity);

      if (name == NULL || !gnutls_x509_crt_check_hostname2 (crts[0], name, 0))
        result |= G_TLS_CERTIFICATE_BAD_IDENTITY;
    }

  for (guint i = 0; i < n; i++)
    gnutls_x509_crt_deinit (crts[i]);

  return result;
}

static GTlsCertificate *
sti_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                            GTlsCertificate          *certificate,
                                            GTlsInteraction          *interaction,
                                            GTlsDatabaseLookupFlags   flags,
                                            GCancellable             *cancellable,
                                            GError                  **error)
{
  StiTlsDatabase *self = STI_TLS_DATABASE (database);
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_x509_crt_t) issuer = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  g_autoptr(GByteArray) bytes = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* No private keys here. */
  if (flags & G_TLS_DATABASE_LOOKUP_KEYPAIR)
    return NULL;

  crt = crt_from_certificate (certificate);
  if (crt == NULL ||
      gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (self->trust), crt,
                                         &issuer, GNUTLS_TL_GET_COPY) < 0 ||
      gnutls_x509_crt_export2 (issuer, GNUTLS_X509_FMT_DER, &der) < 0)
    return NULL;

  bytes = g_byte_array_new ();
  g_byte_array_append (bytes, der.data, der.size);

  return g_initable_new (g_tls_backend_get_certificate_type (g_tls_backend_get_default ()),
                         cancellable, error,
                         "certificate", bytes,
                         NULL);
}

static GList *
sti_tls_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                GByteArray               *issuer_raw_dn,
                                                GTlsInteraction          *interaction,
                                                GTlsDatabaseLookupFlags   flags,
                                                GCancellable             *cancellable,
                                                GError                  **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

static char *
sti_tls_database_create_certificate_handle (GTlsDatabase    *database,
                                            GTlsCertificate *certificate)
{
  return NULL;
}

static GTlsCertificate *
sti_tls_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                const char               *handle,
                                                GTlsInteraction          *interaction,
                                                GTlsDatabaseLookupFlags   flags,
                                                GCancellable             *cancellable,
                                                GError                  **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

static void
sti_tls_database_finalize (GObject *object)
{
  StiTlsDatabase *self = STI_TLS_DATABASE (object);

  g_clear_object (&self->trust);

  G_OBJECT_CLASS (sti_tls_database_parent_class)->finalize (object);
}

static void
sti_tls_database_class_init (StiTlsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = sti_tls_database_finalize;

  database_class->verify_chain = sti_tls_database_verify_chain;
  database_class->lookup_certificate_issuer = sti_tls_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = sti_tls_database_lookup_certificates_issued_by;
  database_class->create_certificate_handle = sti_tls_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = sti_tls_database_lookup_certificate_for_handle;
}

static void
sti_tls_database_init (StiTlsDatabase *self)
{
}

/**
 * sti_tls_database_new:
 * @trust: the anchors to verify with
 *
 * Returns: (transfer full): a database that verifies with @trust's
 *   anchors, from any thread; add no anchor to @trust after this
 */
GTlsDatabase *
sti_tls_database_new (StiTrustStore *trust)
{
  StiTlsDatabase *self;

  g_return_val_if_fail (STI_IS_TRUST_STORE (trust), NULL);

  self = g_object_new (STI_TYPE_TLS_DATABASE, NULL);
  self->trust = g_object_ref (trust);

  return G_TLS_DATABASE (self);
}

/**
 * sti_tls_database_install_default:
 *
 * Makes a database over the process's system store
 * (sti_trust_store_get_system()) GIO's default, once per process; call it
 * before making a TLS connection through GIO. libsoup 3.2 sets a
 * session's database only after making the connection, whose set-up in
 * glib-networking 2.74 has by then asked for the default database: its own
 * would load the system store once more, and then again for every
 * connection, on the main loop. Ours loads nothing.
 */
void
sti_tls_database_install_default (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      g_autoptr(GTlsDatabase) database = sti_tls_database_new (sti_trust_store_get_system ());

      g_tls_backend_set_default_database (g_tls_backend_get_default (), database);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * sti_tls_database_get_trust:
 *
 * Returns: (transfer none): the store @self verifies with
 */
StiTrustStore *
sti_tls_database_get_trust (StiTlsDatabase *self)
{
  g_return_val_if_fail (STI_IS_TLS_DATABASE (self), NULL);

  return self->trust;
}
