/* sti-chain-verify-revocation.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-verify-private.h"

#include "sti-finding.h"
#include "sti-text.h"
#include "sti-trust-store-private.h"

/* Revocation: what the stapled and the queried OCSP answers say about the
 * server's certificate, and a missing staple that the certificate demands
 * (OCSP Must-Staple). */

static gboolean
has_must_staple (gnutls_x509_crt_t crt)
{
  gnutls_x509_tlsfeatures_t features = NULL;
  gboolean found = FALSE;

  if (gnutls_x509_tlsfeatures_init (&features) < 0)
    return FALSE;

  if (gnutls_x509_crt_get_tlsfeatures (crt, features, 0, NULL) >= 0)
    {
      for (guint i = 0; i < 32; i++)
        {
          unsigned int feature;

          if (gnutls_x509_tlsfeatures_get (features, i, &feature) < 0)
            break;
          /* 5: status_request (RFC 7633) */
          if (feature == 5)
            found = TRUE;
        }
    }

  gnutls_x509_tlsfeatures_deinit (features);

  return found;
}

static const char *
revocation_reason_name (int reason)
{
  /* RFC 5280 5.3.1 spelling */
  static const char * const names[] = {
    "unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
    "superseded", "cessationOfOperation", "certificateHold", "unspecified",
    "removeFromCRL", "privilegeWithdrawn", "aACompromise",
  };

  if (reason >= 0 && reason < (int)G_N_ELEMENTS (names))
    return names[reason];
  return "unspecified";
}

/* Judges one OCSP response about @leaf->crt, issued by @issuer. On
 * "revoked" fills @revoked_at and @reason. @why says what was wrong with an
 * invalid answer. */
static StiOcspStatus
judge_ocsp (GBytes             *response,
            const ChainEntry   *leaf,
            gnutls_x509_crt_t   issuer,
            GDateTime          *now,
            char              **revoked_at,
            const char        **reason,
            const char        **why)
{
  g_auto(gnutls_ocsp_resp_t) resp = NULL;
  gnutls_datum_t datum;
  unsigned int verify = 0, cert_status = 0;
  time_t this_update, next_update, revocation_time;
  unsigned int revocation_reason = 0;
  gint64 now_s = g_date_time_to_unix (now);
  gsize size;

  datum.data = (unsigned char *)g_bytes_get_data (response, &size);
  datum.size = size;

  if (gnutls_ocsp_resp_init (&resp) < 0 ||
      gnutls_ocsp_resp_import (resp, &datum) < 0)
    {
      *why = "unparseable";
      return STI_OCSP_STATUS_INVALID;
    }

  if (gnutls_ocsp_resp_get_status (resp) != GNUTLS_OCSP_RESP_SUCCESSFUL)
    {
      *why = "responder-error";
      return STI_OCSP_STATUS_INVALID;
    }

  if (issuer == NULL)
    {
      *why = "issuer-unknown";
      return STI_OCSP_STATUS_INVALID;
    }

  if (gnutls_ocsp_resp_verify_direct (resp, issuer, &verify, 0) < 0 || verify != 0)
    {
      *why = "bad-signature";
      return STI_OCSP_STATUS_INVALID;
    }

  if (gnutls_ocsp_resp_check_crt (resp, 0, leaf->crt) < 0)
    {
      *why = "other-certificate";
      return STI_OCSP_STATUS_INVALID;
    }

  if (gnutls_ocsp_resp_get_single (resp, 0, NULL, NULL, NULL, NULL, &cert_status,
                                   &this_update, &next_update, &revocation_time,
                                   &revocation_reason) < 0)
    {
      *why = "unparseable";
      return STI_OCSP_STATUS_INVALID;
    }

  /* Five minutes of clock skew either way, as OpenSSL allows. */
  if (this_update > now_s + 300 ||
      (next_update != (time_t)-1 && next_update < now_s - 300))
    {
      *why = "stale";
      return STI_OCSP_STATUS_INVALID;
    }

  switch (cert_status)
    {
    case GNUTLS_OCSP_CERT_GOOD:
      return STI_OCSP_STATUS_GOOD;

    case GNUTLS_OCSP_CERT_REVOKED:
      {
        g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (revocation_time);

        *revoked_at = at != NULL ? verify_format_date (at) : g_strdup ("");
        *reason = revocation_reason_name (revocation_reason);
      }
      return STI_OCSP_STATUS_REVOKED;

    case GNUTLS_OCSP_CERT_UNKNOWN:
    default:
      return STI_OCSP_STATUS_UNKNOWN;
    }
}

static gnutls_x509_crt_t
find_leaf_issuer (StiTrustStore     *trust,
                  GArray            *entries,
                  GArray            *fetched,
                  gnutls_x509_crt_t *owned)
{
  const ChainEntry *leaf = &g_array_index (entries, ChainEntry, 0);
  gnutls_x509_crt_t issuer = NULL;

  for (guint i = 1; i < entries->len; i++)
    {
      if (gnutls_x509_crt_check_issuer (leaf->crt, g_array_index (entries, ChainEntry, i).crt))
        return g_array_index (entries, ChainEntry, i).crt;
    }
  for (guint i = 0; i < fetched->len; i++)
    {
      if (gnutls_x509_crt_check_issuer (leaf->crt, g_array_index (fetched, ChainEntry, i).crt))
        return g_array_index (fetched, ChainEntry, i).crt;
    }

  if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (trust), leaf->crt,
                                         &issuer, GNUTLS_TL_GET_COPY) >= 0)
    {
      *owned = issuer;
      return issuer;
    }

  return NULL;
}

void
verify_check_revocation (GPtrArray                   *findings,
                         StiTrustStore               *trust,
                         GArray                      *entries,
                         GArray                      *fetched,
                         GDateTime                   *now,
                         const StiChainVerifyOptions *options,
                         StiOcspStatus               *status_out)
{
  const ChainEntry *leaf = &g_array_index (entries, ChainEntry, 0);
  gnutls_x509_crt_t owned = NULL;
  gnutls_x509_crt_t issuer = NULL;
  GBytes *responses[2] = { options->stapled_ocsp, options->queried_ocsp };
  const char *sources[2] = { "stapled", "responder" };
  StiOcspStatus worst = STI_OCSP_STATUS_NONE;

  if (options->staple_requested && options->stapled_ocsp == NULL && has_must_staple (leaf->crt))
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = NULL;

      verify_dict_add_cert (&dict, leaf);
      detail = g_strdup_printf ("The certificate (%s) demands a stapled OCSP answer "
                                "(OCSP Must-Staple), but the server sent none",
                                sti_certificate_get_subject (leaf->cert));
      sti_findings_add (findings, "ocsp-must-staple-missing", g_variant_dict_end (&dict), detail);
    }

  if (options->stapled_ocsp == NULL && options->queried_ocsp == NULL)
    {
      *status_out = STI_OCSP_STATUS_NONE;
      return;
    }

  issuer = find_leaf_issuer (trust, entries, fetched, &owned);

  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    {
      g_autofree char *revoked_at = NULL;
      const char *reason = NULL, *why = NULL;
      StiOcspStatus status;

      if (responses[i] == NULL)
        continue;

      status = judge_ocsp (responses[i], leaf, issuer, now, &revoked_at, &reason, &why);
      g_debug ("OCSP answer (%s): %d %s", sources[i], status, why ? why : "");

      /* Revoked beats everything; a valid answer beats an invalid one. */
      if (status == STI_OCSP_STATUS_REVOKED ||
          (worst != STI_OCSP_STATUS_REVOKED &&
           (worst == STI_OCSP_STATUS_NONE || worst == STI_OCSP_STATUS_INVALID)))
        worst = status;

      if (status == STI_OCSP_STATUS_REVOKED && !sti_findings_contain (findings, "cert-revoked"))
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          g_autofree char *detail = NULL;

          verify_dict_add_cert (&dict, leaf);
          g_variant_dict_insert (&dict, "source", "s", sources[i]);
          g_variant_dict_insert (&dict, "revoked_at", "s", revoked_at);
          g_variant_dict_insert (&dict, "revocation_reason", "s", reason);
          if (i == 1 && options->queried_ocsp_url != NULL)
            {
              g_autofree char *url = sti_text_sanitize_str (options->queried_ocsp_url);

              g_variant_dict_insert (&dict, "url", "s", url);
            }
          detail = g_strdup_printf ("The certificate (%s) was revoked on %s (%s), says the "
                                    "CA's OCSP %s",
                                    sti_certificate_get_subject (leaf->cert), revoked_at, reason,
                                    i == 0 ? "answer stapled by the server" : "responder");
          sti_findings_add (findings, "cert-revoked", g_variant_dict_end (&dict), detail);
        }
    }

  g_clear_pointer (&owned, gnutls_x509_crt_deinit);
  *status_out = worst;
}
