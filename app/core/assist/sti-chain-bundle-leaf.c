/* sti-chain-bundle-leaf.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-bundle-private.h"

#include "sti-format.h"
#include "sti-gnutls-private.h"

#include <glib/gi18n.h>

/* Which of the given certificates is the server's own. With the key, the
 * one for the key. Without, the one that issues none of the others: the
 * end of the chain. Where several qualify (certificates of two servers in
 * one pile), one that is no CA and covers every --name wins; if that still
 * leaves several, the user must say, and is told how. */

static gnutls_x509_crt_t
import (StiCertificate *cert)
{
  gnutls_x509_crt_t crt = NULL;
  gsize size;
  gnutls_datum_t datum;

  datum.data = (unsigned char *)g_bytes_get_data (sti_certificate_get_der (cert), &size);
  datum.size = size;
  if (gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    g_clear_pointer (&crt, gnutls_x509_crt_deinit);

  return crt;
}

/* Whether @issuer issued another of the certificates. */
static gboolean
issues_another (GPtrArray *crts,
                guint      issuer)
{
  gnutls_x509_crt_t candidate = g_ptr_array_index (crts, issuer);

  for (guint i = 0; i < crts->len; i++)
    {
      gnutls_x509_crt_t other = g_ptr_array_index (crts, i);

      if (i != issuer && other != NULL && candidate != NULL &&
          gnutls_x509_crt_check_issuer (other, candidate))
        return TRUE;
    }

  return FALSE;
}

static gboolean
covers_names (gnutls_x509_crt_t  crt,
              GStrv              names)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (gnutls_x509_crt_check_hostname2 (crt, names[i], 0) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Keeps the candidates that pass @keep, unless none would be left. */
static void
narrow (GArray    *candidates,
        GPtrArray *certs,
        GPtrArray *crts,
        GStrv      names,
        gboolean   by_names)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k < candidates->len; k++)
    {
      guint i = g_array_index (candidates, guint, k);
      gboolean keep = by_names ? covers_names (g_ptr_array_index (crts, i), names)
                               : !sti_certificate_get_is_ca (g_ptr_array_index (certs, i));

      if (keep)
        g_array_append_val (kept, i);
    }

  if (kept->len > 0)
    {
      g_array_set_size (candidates, 0);
      g_array_append_vals (candidates, kept->data, kept->len);
    }
}

static void
set_ambiguous (StiChainBundle  *self,
               GArray          *candidates,
               GError         **error)
{
  g_autoptr(GPtrArray) subjects = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  for (guint k = 0; k < candidates->len; k++)
    {
      StiCertificate *cert = g_ptr_array_index (self->certificates,
                                                g_array_index (candidates, guint, k));

      g_ptr_array_add (subjects, (gpointer)sti_certificate_get_subject (cert));
    }
  g_ptr_array_add (subjects, NULL);
  joined = sti_format_bounded_list ((const char * const *)subjects->pdata, -1, "; ", 0);

  g_set_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_AMBIGUOUS_LEAF,
               /* Translators: %s is a list of certificate subjects */
               _("Several certificates could be your server's: %s. Give its key (--key) or "
                 "its names (--name) to choose, or leave the other server's files out."),
               joined);
}

StiCertificate *
bundle_find_leaf (StiChainBundle  *self,
                  GError         **error)
{
  g_autoptr(GPtrArray) crts =
    g_ptr_array_new_with_free_func ((GDestroyNotify)gnutls_x509_crt_deinit);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

  if (self->certificates->len == 0)
    {
      g_set_error_literal (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NO_CERTIFICATE,
                           _("There is no certificate to bundle."));
      return NULL;
    }

  for (guint i = 0; i < self->certificates->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (self->certificates, i);

      if (self->key != NULL && sti_private_key_matches (self->key, cert))
        return cert;
      g_ptr_array_add (crts, import (cert));
    }

  for (guint i = 0; i < crts->len; i++)
    {
      if (!issues_another (crts, i))
        g_array_append_val (candidates, i);
    }

  /* Only a loop of certificates issuing each other leaves none. */
  if (candidates->len == 0)
    {
      guint first = 0;

      g_array_append_val (candidates, first);
    }

  narrow (candidates, self->certificates, crts, self->names, FALSE);
  narrow (candidates, self->certificates, crts, self->names, TRUE);

  if (candidates->len > 1)
    {
      set_ambiguous (self, candidates, error);
      return NULL;
    }

  return g_ptr_array_index (self->certificates, g_array_index (candidates, guint, 0));
}

/* The input for the chain analysis: the server's certificate, then its
 * issuers among the input as far as they go, then the rest. The analysis
 * builds the path itself; this order only keeps the path within the
 * certificates it examines (STI_CHAIN_ANALYSIS_MAX_CERTIFICATES) when
 * someone gives a whole CA bundle. */
GPtrArray *
bundle_order_inputs (StiChainBundle *self)
{
  g_autoptr(GPtrArray) crts =
    g_ptr_array_new_with_free_func ((GDestroyNotify)gnutls_x509_crt_deinit);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree gboolean *taken = g_new0 (gboolean, self->certificates->len);
  guint current = G_MAXUINT;

  for (guint i = 0; i < self->certificates->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (self->certificates, i);

      g_ptr_array_add (crts, import (cert));
      if (cert == self->leaf)
        current = i;
    }
  g_return_val_if_fail (current != G_MAXUINT, NULL);

  while (current != G_MAXUINT)
    {
      gnutls_x509_crt_t crt = g_ptr_array_index (crts, current);
      guint next = G_MAXUINT;

      taken[current] = TRUE;
      g_ptr_array_add (ordered,
                       g_bytes_ref (sti_certificate_get_der (g_ptr_array_index (self->certificates,
                                                                                current))));
      for (guint i = 0; i < crts->len && next == G_MAXUINT && crt != NULL; i++)
        {
          gnutls_x509_crt_t issuer = g_ptr_array_index (crts, i);

          if (!taken[i] && issuer != NULL && gnutls_x509_crt_check_issuer (crt, issuer))
            next = i;
        }
      current = next;
    }

  for (guint i = 0; i < self->certificates->len; i++)
    {
      if (!taken[i])
        g_ptr_array_add (ordered,
                         g_bytes_ref (sti_certificate_get_der (g_ptr_array_index (self->certificates,
                                                                                  i))));
    }

  return g_steal_pointer (&ordered);
}
