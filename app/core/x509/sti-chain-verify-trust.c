/* sti-chain-verify-trust.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-verify-private.h"

#include "sti-error-text.h"
#include "sti-finding.h"
#include "sti-text.h"
#include "sti-trust-store-private.h"

#include <string.h>

/* Whether the chain leads to an anchor. GnuTLS decides
 * (gnutls_x509_trust_list_verify_crt2); this file turns its status bits
 * into findings and, when no path leads from what was sent, tells a
 * missing intermediate from an unknown CA. */

/* The severity of each finding id, and why, is in the finding registry
 * (resources/findings/certificate.findings.xml). */

/* GnuTLS verification status bits -> finding id (NULL: judged elsewhere or
 * not our business) and the reason word kept in the finding's params. */
static const struct {
  unsigned int  bit;
  const char   *id;
  const char   *reason;
} status_table[] = {
  /* No path to an anchor: an unknown CA, unless verify_check_trust() proves
   * (with issuers fetched through AIA) or judges (from the names) that
   * the server left out an intermediate: chain-missing-intermediate. */
  { GNUTLS_CERT_SIGNER_NOT_FOUND,          "cert-untrusted-issuer",    "signer-not-found" },
  { GNUTLS_CERT_SIGNER_NOT_CA,             "cert-untrusted-issuer",    "signer-not-ca" },
  { GNUTLS_CERT_SIGNATURE_FAILURE,         "cert-untrusted-issuer",    "signature-failure" },
  { GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE, "cert-untrusted-issuer",
    "signer-constraints-failure" },
  { GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS,   "cert-untrusted-issuer",
    "unknown-critical-extension" },
  /* Our own per-certificate check names the certificate; this bit only
   * adds a finding when ours found nothing (e.g. a weak unsent CA). */
  { GNUTLS_CERT_INSECURE_ALGORITHM,        "cert-weak-signature",      "insecure-algorithm" },
  /* Also checked directly on the leaf, to list its names. */
  { GNUTLS_CERT_UNEXPECTED_OWNER,          "cert-name-mismatch",       "unexpected-owner" },
  { GNUTLS_CERT_PURPOSE_MISMATCH,          "cert-not-for-server-auth", "purpose-mismatch" },
  { GNUTLS_CERT_REVOKED,                   "cert-revoked",             "revoked" },
  { GNUTLS_CERT_MISSING_OCSP_STATUS,       "ocsp-must-staple-missing", "missing-ocsp-status" },
  /* Dates: ours, against the caller's clock, on every sent certificate. */
  { GNUTLS_CERT_EXPIRED,                   NULL,                       "expired" },
  { GNUTLS_CERT_NOT_ACTIVATED,             NULL,                       "not-activated" },
  /* OCSP response details belong to the OCSP check. */
  { GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED, NULL,                      "ocsp-superseded" },
  { GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE, NULL,                "ocsp-in-future" },
  { GNUTLS_CERT_INVALID_OCSP_STATUS,       NULL,                       "invalid-ocsp-status" },
  /* Raw public key comparison only; never set for X.509 chains. */
  { GNUTLS_CERT_MISMATCH,                  NULL,                       "mismatch" },
};

static unsigned int
verify_list (StiTrustStore *trust,
             GArray        *entries,
             GArray        *fetched,
             const char    *hostname)
{
  g_autofree gnutls_x509_crt_t *crts = NULL;
  gnutls_typed_vdata_st data[2];
  guint n_data = 0, n = 0;
  unsigned int status = 0;
  unsigned int flags;
  int ret;

  crts = g_new0 (gnutls_x509_crt_t, entries->len + (fetched != NULL ? fetched->len : 0));
  for (guint i = 0; i < entries->len; i++)
    crts[n++] = g_array_index (entries, ChainEntry, i).crt;
  for (guint i = 0; fetched != NULL && i < fetched->len; i++)
    crts[n++] = g_array_index (fetched, ChainEntry, i).crt;

  if (hostname != NULL)
    {
      data[n_data].type = GNUTLS_DT_DNS_HOSTNAME;
      data[n_data].data = (unsigned char *)hostname;
      data[n_data].size = 0;
      n_data++;
    }
  data[n_data].type = GNUTLS_DT_KEY_PURPOSE_OID;
  data[n_data].data = (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER;
  data[n_data].size = 0;
  n_data++;

  flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS | GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS;

  ret = gnutls_x509_trust_list_verify_crt2 (sti_trust_store_get_trust_list (trust),
                                            crts, n, data, n_data, flags, &status, NULL);
  if (ret < 0)
    status = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;

  return status;
}

static char *
dn_organization (gnutls_x509_crt_t crt,
                 gboolean          issuer)
{
  char buf[256];
  size_t size = sizeof buf;
  int ret;

  if (issuer)
    ret = gnutls_x509_crt_get_issuer_dn_by_oid (crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, 0,
                                                buf, &size);
  else
    ret = gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_ORGANIZATION_NAME, 0, 0,
                                         buf, &size);
  if (ret < 0 || size == 0 || memchr (buf, '\0', size) != NULL)
    return NULL;

  return g_strndup (buf, size);
}

/* Without the missing certificate at hand: is the issuer of @last (the
 * server certificate, sent alone) most likely an intermediate of a CA we
 * trust? It is when an anchor belongs to the same organisation but is not
 * itself the issuer: CAs sign server certificates from intermediates, never
 * from the root (CA/Browser Forum Baseline Requirements 6.1.7), and an
 * intermediate carries its root's organisation name. When the last sent
 * certificate is itself an intermediate, its unknown issuer is most likely
 * an untrusted root instead (the caller's rule). Returns the anchor's
 * subject. */
static char *
issuer_org_trusted (StiTrustStore    *trust,
                    const ChainEntry *last)
{
  g_autofree char *org = dn_organization (last->crt, TRUE);
  gnutls_x509_trust_list_iter_t iter = NULL;
  gnutls_x509_crt_t ca = NULL;
  char *found = NULL;

  if (org == NULL)
    return NULL;

  while (found == NULL &&
         gnutls_x509_trust_list_iter_get_ca (sti_trust_store_get_trust_list (trust),
                                             &iter, &ca) >= 0)
    {
      g_autofree char *ca_org = dn_organization (ca, FALSE);

      if (ca_org != NULL && g_str_equal (ca_org, org))
        {
          g_auto(StiGnutlsDatum) dn = { NULL, 0 };

          if (gnutls_x509_crt_get_dn3 (ca, &dn, 0) >= 0)
            found = sti_text_sanitize (dn.data, dn.size);
        }
      gnutls_x509_crt_deinit (ca);
      ca = NULL;
    }
  gnutls_x509_trust_list_iter_deinit (iter);

  return found;
}

/* Leaf first, then each one's issuer among @entries and @fetched; roots
 * are left out (clients have their own). */
static char *
complete_chain_pem (GArray *entries,
                    GArray *fetched)
{
  g_autoptr(GString) pem = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();
  const ChainEntry *current = &g_array_index (entries, ChainEntry, 0);

  for (guint i = 1; i < entries->len; i++)
    g_ptr_array_add (pool, &g_array_index (entries, ChainEntry, i));
  for (guint i = 0; i < fetched->len; i++)
    g_ptr_array_add (pool, &g_array_index (fetched, ChainEntry, i));

  while (current != NULL)
    {
      g_autofree char *one = sti_certificate_dup_pem (current->cert);
      const ChainEntry *next = NULL;

      g_string_append (pem, one);
      for (guint i = 0; i < pool->len && next == NULL; i++)
        {
          const ChainEntry *candidate = g_ptr_array_index (pool, i);

          if (!sti_certificate_get_is_self_signed (candidate->cert) &&
              gnutls_x509_crt_check_issuer (current->crt, candidate->crt))
            {
              next = candidate;
              g_ptr_array_remove_index (pool, i);
            }
        }
      current = next;
    }

  return g_string_free (g_steal_pointer (&pem), FALSE);
}

static void
add_missing_intermediate (GPtrArray                   *findings,
                          GArray                      *entries,
                          GArray                      *fetched,
                          const StiChainVerifyOptions *options,
                          gboolean                     proven,
                          const char                  *trusted_root)
{
  const ChainEntry *last = &g_array_index (entries, ChainEntry, entries->len - 1);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GStrvBuilder) missing = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  g_auto(GStrv) missing_strv = NULL;
  g_auto(GStrv) urls_strv = NULL;
  g_autofree char *detail = NULL;

  g_variant_dict_insert (&dict, "position", "x", (gint64)entries->len);
  g_variant_dict_insert (&dict, "proven", "b", proven);
  g_variant_dict_insert (&dict, "issuer_of", "s", sti_certificate_get_subject (last->cert));

  if (proven)
    {
      g_autofree char *pem = complete_chain_pem (entries, fetched);

      for (guint i = 0; i < fetched->len; i++)
        {
          const ChainEntry *entry = &g_array_index (fetched, ChainEntry, i);

          if (!sti_certificate_get_is_self_signed (entry->cert))
            g_strv_builder_add (missing, sti_certificate_get_subject (entry->cert));
          if (options->fetched_urls != NULL && options->fetched_urls[i] != NULL)
            {
              g_autofree char *url = sti_text_sanitize_str (options->fetched_urls[i]);

              g_strv_builder_add (urls, url);
            }
        }
      missing_strv = g_strv_builder_end (missing);
      g_variant_dict_insert (&dict, "subject", "s",
                             missing_strv[0] != NULL ? missing_strv[0] : "");
      g_variant_dict_insert (&dict, "missing", "^as", missing_strv);
      urls_strv = g_strv_builder_end (urls);
      g_variant_dict_insert (&dict, "fetched_from", "^as", urls_strv);
      g_variant_dict_insert (&dict, "complete_chain_pem", "s", pem);
      g_variant_dict_insert (&dict, "why", "s", "fetched-via-aia");
      detail = g_strdup_printf ("The server does not send the intermediate certificate %s; "
                                "fetched through the certificate's AIA URL, it completes "
                                "the chain to a trusted root",
                                missing_strv[0] != NULL ? missing_strv[0] : "?");
    }
  else
    {
      const char *issuer = sti_certificate_get_issuer (last->cert);
      const char *strv[] = { issuer, NULL };

      g_variant_dict_insert (&dict, "subject", "s", issuer);
      g_variant_dict_insert (&dict, "missing", "^as", strv);
      if (options->aia_note != NULL)
        g_variant_dict_insert (&dict, "aia_note", "s", options->aia_note);
      if (trusted_root != NULL)
        {
          g_variant_dict_insert (&dict, "why", "s", "issuer-organization-trusted");
          g_variant_dict_insert (&dict, "trusted_root", "s", trusted_root);
          detail = g_strdup_printf ("Most likely the server does not send the intermediate "
                                    "certificate %s: it belongs to the same organisation as "
                                    "the trusted root %s, and CAs sign server certificates "
                                    "from intermediates, not from the root",
                                    issuer, trusted_root);
        }
      else
        {
          /* Public CAs name where their intermediate can be fetched;
           * private CAs seldom do. */
          g_variant_dict_insert (&dict, "why", "s", "issuer-published-via-aia");
          detail = g_strdup_printf ("Most likely the server does not send the intermediate "
                                    "certificate %s: the server certificate names a URL to "
                                    "fetch it from, as public CAs do, but it was not fetched",
                                    issuer);
        }
    }

  sti_findings_add (findings, "chain-missing-intermediate", g_variant_dict_end (&dict), detail);
}

static gboolean
has_ca_issuers_url (gnutls_x509_crt_t crt)
{
  for (guint seq = 0; seq < 16; seq++)
    {
      gnutls_datum_t data = { NULL, 0 };
      int ret = gnutls_x509_crt_get_authority_info_access (crt, seq, GNUTLS_IA_CAISSUERS_URI,
                                                           &data, NULL);

      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret >= 0)
        {
          gnutls_free (data.data);
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether the AIA fetch was not made or did not get through, as opposed
 * to fetching something that did not help. */
static gboolean
aia_not_tried (const char *note)
{
  return note == NULL ||
         g_str_equal (note, "network-disabled") ||
         g_str_equal (note, "timeout") ||
         g_str_has_prefix (note, "fetch-failed");
}

/* No path from what was sent: a missing intermediate or an unknown CA?
 * Proven when the certificates fetched through AIA complete the path;
 * otherwise judged from the names (issuer_org_trusted()). Returns the
 * status bits still to report; sets @likely_cause for an unknown CA. */
static unsigned int
judge_missing_signer (GPtrArray                    *findings,
                      GArray                       *entries,
                      GArray                       *fetched,
                      StiTrustStore                *trust,
                      const char                   *hostname,
                      const StiChainVerifyOptions  *options,
                      unsigned int                  status,
                      const char                  **likely_cause)
{
  const ChainEntry *last = &g_array_index (entries, ChainEntry, entries->len - 1);
  g_autofree char *trusted_root = NULL;

  if (fetched->len > 0)
    {
      unsigned int with_fetched = verify_list (trust, entries, fetched, hostname);

      if ((with_fetched & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA |
                           GNUTLS_CERT_SIGNATURE_FAILURE)) == 0)
        {
          add_missing_intermediate (findings, entries, fetched, options, TRUE, NULL);
          return with_fetched;
        }

      *likely_cause = "unknown-ca";
      return status;
    }

  if (!sti_certificate_get_is_ca (last->cert) &&
      (trusted_root = issuer_org_trusted (trust, last)) != NULL)
    {
      add_missing_intermediate (findings, entries, fetched, options, FALSE, trusted_root);
      return status & ~(GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_INVALID);
    }

  if (!sti_certificate_get_is_ca (last->cert) && has_ca_issuers_url (last->crt) &&
      aia_not_tried (options->aia_note))
    {
      add_missing_intermediate (findings, entries, fetched, options, FALSE, NULL);
      return status & ~(GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_INVALID);
    }

  *likely_cause = "unknown-ca";
  return status;
}

/* One cert-untrusted-issuer finding with every reason GnuTLS gave. */
static void
add_untrusted_issuer (GPtrArray                   *findings,
                      GPtrArray                   *reasons,
                      unsigned int                 status,
                      const ChainEntry            *last,
                      GArray                      *fetched,
                      const char                  *likely_cause,
                      const StiChainVerifyOptions *options)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *joined = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  /* The params keep the reason words; the detail, read by people, says them */
  for (guint i = 0; i < reasons->len; i++)
    {
      const char *reason = g_ptr_array_index (reasons, i);

      g_ptr_array_add (words, (gpointer)sti_error_text_get_reason_msgid (reason));
    }
  g_ptr_array_add (words, NULL);
  g_ptr_array_add (reasons, NULL);
  joined = g_strjoinv ("; ", (char **)words->pdata);
  g_variant_dict_insert (&dict, "reasons", "^as", (char **)reasons->pdata);
  g_variant_dict_insert (&dict, "status", "x", (gint64)status);
  g_variant_dict_insert (&dict, "issuer", "s", sti_certificate_get_issuer (last->cert));
  if (likely_cause != NULL)
    {
      g_variant_dict_insert (&dict, "likely_cause", "s", likely_cause);
      g_variant_dict_insert (&dict, "why", "s",
                             fetched->len > 0 ? "fetched-issuer-not-trusted"
                                              : "no-trusted-root-of-that-organization");
    }
  if (options->aia_note != NULL)
    g_variant_dict_insert (&dict, "aia_note", "s", options->aia_note);

  if (likely_cause != NULL && fetched->len > 0)
    detail = g_strdup_printf ("The chain does not lead to a trusted CA (%s); even with the "
                              "issuer fetched through AIA it ends at an unknown CA: %s",
                              joined, sti_certificate_get_issuer (last->cert));
  else if (likely_cause != NULL)
    detail = g_strdup_printf ("The chain does not lead to a trusted CA (%s); most likely "
                              "the CA is unknown here: no trusted root belongs to the "
                              "organisation of the last issuer, %s",
                              joined, sti_certificate_get_issuer (last->cert));
  else
    detail = g_strdup_printf ("The chain does not lead to a trusted CA (%s); last issuer: %s",
                              joined, sti_certificate_get_issuer (last->cert));
  sti_findings_add (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict), detail);
}

gboolean
verify_check_trust (GPtrArray                   *findings,
                    GArray                      *entries,
                    GArray                      *fetched,
                    StiTrustStore               *trust,
                    const char                  *hostname,
                    gboolean                     leaf_self_signed,
                    const StiChainVerifyOptions *options)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  const char *likely_cause = NULL;
  unsigned int status;
  const ChainEntry *last = &g_array_index (entries, ChainEntry, entries->len - 1);

  status = verify_list (trust, entries, NULL, hostname);
  if (status == 0)
    return TRUE;

  if ((status & GNUTLS_CERT_SIGNER_NOT_FOUND) && !leaf_self_signed &&
      !sti_certificate_get_is_self_signed (last->cert))
    {
      status = judge_missing_signer (findings, entries, fetched, trust, hostname, options,
                                     status, &likely_cause);
      if (status == 0)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (status_table); i++)
    {
      const char *id = status_table[i].id;

      if ((status & status_table[i].bit) == 0 || id == NULL)
        continue;

      if (g_str_equal (id, "cert-untrusted-issuer"))
        {
          g_ptr_array_add (reasons, (gpointer)status_table[i].reason);
          continue;
        }

      /* Our own checks already said it, with the certificate named. */
      if (sti_findings_contain (findings, id))
        continue;
      if (status_table[i].bit == GNUTLS_CERT_INSECURE_ALGORITHM &&
          sti_findings_contain (findings, "cert-weak-key"))
        continue;

      {
        g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
        g_autofree char *detail = g_strdup_printf ("Verification failed: %s",
                                                   status_table[i].reason);

        g_variant_dict_insert (&dict, "reason", "s", status_table[i].reason);
        g_variant_dict_insert (&dict, "status", "x", (gint64)status);
        sti_findings_add (findings, id, g_variant_dict_end (&dict), detail);
      }
    }

  /* A self-signed leaf that is not an anchor is said once, precisely. */
  if (reasons->len > 0 && !leaf_self_signed)
    add_untrusted_issuer (findings, reasons, status, last, fetched, likely_cause, options);

  return FALSE;
}
