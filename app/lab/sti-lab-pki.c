/* sti-lab-pki.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-private.h"

/* The demo lab's certificates: its CAs, the chain each server sends (made
 * at start-up, broken the way the scenario wants) and the server
 * credentials built from it. */

StiLabCert *
lab_make_cert (StiLab                *self,
               const StiLabCertSpec  *spec,
               const StiLabCert      *issuer,
               GError               **error)
{
  StiLabCert *cert = sti_lab_cert_new (spec, issuer, error);

  if (cert != NULL)
    g_ptr_array_add (self->certs, cert);

  return cert;
}

gboolean
lab_make_cas (StiLab  *self,
              gint64   now,
              GError **error)
{
  StiLabCertSpec spec = {
    .organization = LAB_ORG,
    .is_ca = TRUE,
    .not_before = now - DAY,
    .not_after = now + 10 * 365 * DAY,
  };

  spec.common_name = "STARTTLS Inspector Demo Lab Root CA";
  if ((self->root = lab_make_cert (self, &spec, NULL, error)) == NULL)
    return FALSE;

  spec.common_name = "STARTTLS Inspector Demo Lab Intermediate CA";
  spec.not_after = now + 5 * 365 * DAY;
  if ((self->intermediate = lab_make_cert (self, &spec, self->root, error)) == NULL)
    return FALSE;

  spec.common_name = "STARTTLS Inspector Demo Lab Intermediate CA 2";
  if ((self->intermediate2 = lab_make_cert (self, &spec, self->intermediate, error)) == NULL)
    return FALSE;

  spec.common_name = "Untrusted Demo Root CA";
  spec.organization = "Nobody Trusts Me Ltd";
  spec.not_after = now + 10 * 365 * DAY;
  if ((self->untrusted_root = lab_make_cert (self, &spec, NULL, error)) == NULL)
    return FALSE;

  self->ca_pem = sti_lab_cert_dup_pem (self->root);
  self->ocsp = sti_lab_ocsp_new (self->intermediate);

  return TRUE;
}

static char *
lab_ocsp_url (StiLab *self,
              guint   scenario)
{
  g_autofree char *address = lab_address (scenario, OCSP_HOST_OCTET);

  return g_strdup_printf ("http://%s:%u/", address, self->port);
}

static char *
lab_aia_url (StiLab *self,
             guint   scenario)
{
  g_autofree char *address = lab_address (scenario, AIA_HOST_OCTET);

  return g_strdup_printf ("http://%s:%u/lab-intermediate.cer", address, self->port);
}

/* Makes the leaf for @ep and the chain it sends, issuer side first where
 * that is the point of the scenario. */
gboolean
lab_make_endpoint_chain (StiLab       *self,
                         LabEndpoint  *ep,
                         gint64        now,
                         GPtrArray    *chain,
                         GError      **error)
{
  const char *names[] = { ep->host_name, NULL };
  const char *other_names[] = { "mail.other.lab.test", NULL };
  g_autofree char *aia_url = NULL;
  StiLabCertSpec spec = {
    .common_name = ep->host_name,
    .organization = LAB_ORG,
    .dns_names = names,
    .not_before = now - DAY,
    .not_after = now + 365 * DAY,
  };
  const StiLabCert *issuer = self->intermediate;
  StiLabCert *leaf;

  switch (ep->cert)
    {
    case CERT_EXPIRED:
      spec.not_before = now - 395 * DAY;
      spec.not_after = now - 30 * DAY;
      break;

    case CERT_NOT_YET_VALID:
      spec.not_before = now + 10 * DAY;
      spec.not_after = now + 375 * DAY;
      break;

    case CERT_SELF_SIGNED:
      issuer = NULL;
      break;

    case CERT_UNTRUSTED_CA:
      issuer = self->untrusted_root;
      break;

    case CERT_MISSING_INTERMEDIATE:
      aia_url = lab_aia_url (self, ep->scenario);
      spec.ca_issuers_url = aia_url;
      break;

    case CERT_WRONG_ORDER:
      issuer = self->intermediate2;
      break;

    case CERT_NAME_MISMATCH:
      spec.common_name = other_names[0];
      spec.dns_names = other_names;
      break;

    case CERT_WEAK_KEY:
      spec.rsa_bits = 1024;
      break;

    case CERT_EXPIRING_SOON:
      spec.not_before = now - 85 * DAY;
      spec.not_after = now + 5 * DAY + 3600;
      break;

    case CERT_CLIENT_AUTH_ONLY:
      spec.key_purpose = GNUTLS_KP_TLS_WWW_CLIENT;
      break;

    case CERT_MUST_STAPLE:
      spec.must_staple = TRUE;
      break;

    case CERT_REVOKED:
      aia_url = lab_ocsp_url (self, ep->scenario);
      spec.ocsp_url = aia_url;
      break;

    case CERT_RSA:
      spec.rsa_bits = 2048;
      break;

    case CERT_SHA1:
      spec.digest = GNUTLS_DIG_SHA1;
      break;

    case CERT_HOSTILE:
      /* Markup, script, shell metacharacters and invalid UTF-8 in every
       * name a viewer shows; the SAN is right so the chain verifies. */
      spec.common_name = "<b>mx1.hostile</b> <script>alert(1)</script> \xff\xfe";
      spec.organization = "<img src=x onerror=alert(1)> &amp; `id` | cat";
      spec.organizational_unit = "<i>ops</i> \xc0\x80 &lt;\xe2\x80\xae txet";
      break;

    case CERT_VALID:
    default:
      break;
    }

  if ((leaf = lab_make_cert (self, &spec, issuer, error)) == NULL)
    return FALSE;

  if (ep->cert == CERT_REVOKED)
    sti_lab_ocsp_revoke (self->ocsp, leaf, now - 2 * DAY, 1 /* keyCompromise */);

  g_ptr_array_add (chain, leaf);

  switch (ep->cert)
    {
    case CERT_SELF_SIGNED:
    case CERT_UNTRUSTED_CA:
    case CERT_MISSING_INTERMEDIATE:
      break;

    case CERT_WRONG_ORDER:
      /* root -> intermediate -> intermediate 2 -> leaf, sent as
       * [leaf, intermediate, intermediate 2]. The leaf stays first (the
       * handshake signature is checked against the first certificate), so
       * the handshake works and only the order is wrong. */
      g_ptr_array_add (chain, self->intermediate);
      g_ptr_array_add (chain, self->intermediate2);
      break;

    case CERT_VALID:
    case CERT_EXPIRED:
    case CERT_NOT_YET_VALID:
    case CERT_NAME_MISMATCH:
    case CERT_WEAK_KEY:
    case CERT_SHA1:
    case CERT_HOSTILE:
    case CERT_EXPIRING_SOON:
    case CERT_CLIENT_AUTH_ONLY:
    case CERT_MUST_STAPLE:
    case CERT_REVOKED:
    case CERT_RSA:
    default:
      g_ptr_array_add (chain, self->intermediate);
      break;
    }

  return TRUE;
}

GPtrArray *
lab_chain_to_der (GPtrArray *chain)
{
  GPtrArray *der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < chain->len; i++)
    g_ptr_array_add (der, sti_lab_cert_dup_der (g_ptr_array_index (chain, i)));

  return der;
}

gboolean
lab_set_credentials (StiLab       *self,
                     LabEndpoint  *ep,
                     GPtrArray    *chain,
                     GError      **error)
{
  g_autoptr(StiTlsCredentials) creds = NULL;

  if (ep->scenario < lab_n_scenarios () && lab_spec (ep->scenario)->sni != SNI_ONE)
    creds = lab_sni_credentials_new (self, ep, chain, error);
  else
    creds = sti_lab_credentials_new ((const StiLabCert **)chain->pdata, chain->len, error);
  if (creds == NULL)
    return FALSE;

  sti_lab_server_set_credentials (ep->server, creds);
  g_hash_table_replace (self->chains, g_strdup (ep->host_name), lab_chain_to_der (chain));

  return TRUE;
}

