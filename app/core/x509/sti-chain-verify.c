/* sti-chain-verify.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-verify.h"

#include "sti-certificate.h"
#include "sti-finding.h"
#include "sti-gnutls-private.h"
#include "sti-text.h"
#include "sti-trust-store-private.h"

#include <gio/gio.h>
#include <string.h>

/* Verification of a chain exactly as a server sent it, with whatever the
 * caller gathered besides (sti-chain-analysis.c: issuers fetched through
 * AIA, OCSP answers). No network here.
 *
 * GnuTLS decides trust (gnutls_x509_trust_list_verify_crt2); the cheap
 * structural checks (order, duplicates, extra root, key and signature
 * strength) and the dates are ours, because GnuTLS silently repairs the
 * first and reports the others only for the path it built. Dates are
 * judged against the caller's clock (tests, reloaded reports), so GnuTLS
 * time checks are off. Everything is reported even when trust fails: an
 * admin fixing an expired certificate wants to know about the name too. */

/* The severity of each finding id, and why, is in the finding registry
 * (resources/findings/certificate.findings.xml). */

/* GnuTLS verification status bits -> finding id (NULL: judged elsewhere or
 * not our business) and the reason word kept in the finding's params. */
static const struct {
  unsigned int  bit;
  const char   *id;
  const char   *reason;
} status_table[] = {
  /* No path to an anchor: an unknown CA, unless check_trust() proves
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

typedef struct
{
  guint              position; /* index in the chain as sent */
  gnutls_x509_crt_t  crt;
  StiCertificate    *cert;
} Entry;

/* A finding's detail, naming the certificate the way a reader counts: the
 * server's own first, then the rest of the chain as sent, from 1. */
static char *
cert_detail (const Entry *entry,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static char *
cert_detail (const Entry *entry,
             const char  *format,
             ...)
{
  g_autofree char *rest = NULL;
  va_list args;

  va_start (args, format);
  rest = g_strdup_vprintf (format, args);
  va_end (args);

  if (entry->position == 0)
    return g_strdup_printf ("The server's certificate (%s) %s",
                            sti_certificate_get_subject (entry->cert), rest);
  return g_strdup_printf ("Certificate %u of the chain as sent (%s) %s", entry->position + 1,
                          sti_certificate_get_subject (entry->cert), rest);
}

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->crt, gnutls_x509_crt_deinit);
  g_clear_object (&entry->cert);
}

static void
add_finding (GPtrArray  *findings,
             const char *id,
             GVariant   *params,
             const char *detail)
{
  g_ptr_array_add (findings, sti_finding_new (id, params, detail));
}

static void
dict_add_cert (GVariantDict *dict,
               const Entry  *entry)
{
  g_variant_dict_insert (dict, "position", "x", (gint64)entry->position);
  g_variant_dict_insert (dict, "subject", "s", sti_certificate_get_subject (entry->cert));
}

static char *
format_date (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

static void
check_dates (GPtrArray                   *findings,
             const Entry                 *entry,
             GDateTime                   *now,
             const StiChainVerifyOptions *options)
{
  GDateTime *not_before = sti_certificate_get_not_before (entry->cert);
  GDateTime *not_after = sti_certificate_get_not_after (entry->cert);
  g_autofree char *nb = format_date (not_before);
  g_autofree char *na = format_date (not_after);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;
  const char *id;
  gint64 days;

  if (g_date_time_compare (now, not_after) > 0)
    {
      id = "cert-expired";
      days = g_date_time_difference (now, not_after) / G_TIME_SPAN_DAY;
      detail = cert_detail (entry, "expired on %s, %" G_GINT64_FORMAT " days ago", na, days);
    }
  else if (g_date_time_compare (now, not_before) < 0)
    {
      id = "cert-not-yet-valid";
      days = g_date_time_difference (not_before, now) / G_TIME_SPAN_DAY;
      detail = cert_detail (entry, "is valid only from %s, in %" G_GINT64_FORMAT " days", nb, days);
    }
  else if ((days = g_date_time_difference (not_after, now) / G_TIME_SPAN_DAY) <
           (gint64)options->expiring_warning_days)
    {
      id = "cert-expiring-soon";
      detail = cert_detail (entry, "expires on %s, in %" G_GINT64_FORMAT " days", na, days);
      /* The registry makes it an error under error_days. */
      g_variant_dict_insert (&dict, "days_left", "x", days);
      g_variant_dict_insert (&dict, "warning_days", "x", (gint64)options->expiring_warning_days);
      g_variant_dict_insert (&dict, "error_days", "x", (gint64)options->expiring_error_days);
    }
  else
    return;

  dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "not_before", "s", nb);
  g_variant_dict_insert (&dict, "not_after", "s", na);
  g_variant_dict_insert (&dict, "days", "x", days);
  add_finding (findings, id, g_variant_dict_end (&dict), detail);
}

/* RFC 5280 4.2.1.12 purposes by the names certificate viewers show. */
static const char *
key_purpose_name (const char *oid)
{
  static const struct { const char *oid; const char *name; } names[] = {
    { GNUTLS_KP_TLS_WWW_SERVER, "TLS Web Server Authentication" },
    { GNUTLS_KP_TLS_WWW_CLIENT, "TLS Web Client Authentication" },
    { GNUTLS_KP_CODE_SIGNING, "Code Signing" },
    { GNUTLS_KP_EMAIL_PROTECTION, "E-mail Protection" },
    { GNUTLS_KP_TIME_STAMPING, "Time Stamping" },
    { GNUTLS_KP_OCSP_SIGNING, "OCSP Signing" },
    { GNUTLS_KP_ANY, "Any Purpose" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (names[i].oid, oid))
        return names[i].name;
    }

  return oid;
}

/* The EKU must allow serverAuth (or any purpose); a leaf's key usage must
 * allow signing (ECDHE, TLS 1.3) or key encipherment (RSA key exchange).
 * GnuTLS reports only "purpose mismatch" for the path; this names the
 * certificate and what it is for instead. */
static void
check_purpose (GPtrArray   *findings,
               const Entry *entry)
{
  g_autoptr(GPtrArray) purposes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) oids = g_ptr_array_new_with_free_func (g_free);
  gboolean has_eku = FALSE, server_auth = FALSE;
  unsigned int usage = 0, critical = 0;
  gboolean usage_ok = TRUE;
  const char *reason = NULL;

  for (guint i = 0; i < 64; i++)
    {
      char oid[128];
      size_t size = sizeof oid;
      int ret = gnutls_x509_crt_get_key_purpose_oid (entry->crt, i, oid, &size, NULL);

      if (ret < 0)
        break;
      has_eku = TRUE;
      if (g_str_equal (oid, GNUTLS_KP_TLS_WWW_SERVER) || g_str_equal (oid, GNUTLS_KP_ANY))
        server_auth = TRUE;
      g_ptr_array_add (oids, sti_text_sanitize_str (oid));
      g_ptr_array_add (purposes, g_strdup (key_purpose_name (oid)));
    }

  if (!sti_certificate_get_is_ca (entry->cert) &&
      gnutls_x509_crt_get_key_usage (entry->crt, &usage, &critical) >= 0 &&
      (usage & (GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT |
                GNUTLS_KEY_KEY_AGREEMENT)) == 0)
    usage_ok = FALSE;

  if (has_eku && !server_auth)
    reason = "extended-key-usage";
  else if (!usage_ok)
    reason = "key-usage";
  else
    return;

  g_ptr_array_add (purposes, NULL);
  g_ptr_array_add (oids, NULL);
  {
    g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
    g_autofree char *joined = g_strjoinv (", ", (char **)purposes->pdata);
    g_autofree char *detail = NULL;

    dict_add_cert (&dict, entry);
    g_variant_dict_insert (&dict, "reason", "s", reason);
    g_variant_dict_insert (&dict, "key_purposes", "^as", (char **)purposes->pdata);
    g_variant_dict_insert (&dict, "key_purpose_oids", "^as", (char **)oids->pdata);
    g_variant_dict_insert (&dict, "key_usage", "x", (gint64)usage);
    if (g_str_equal (reason, "extended-key-usage"))
      detail = cert_detail (entry, "may only be used for %s, not for a TLS server", joined);
    else
      detail = cert_detail (entry, "has a key usage (0x%x) that allows neither "
                            "signing nor key encipherment", usage);
    add_finding (findings, "cert-not-for-server-auth", g_variant_dict_end (&dict), detail);
  }
}

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
            const Entry        *leaf,
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

        *revoked_at = at != NULL ? format_date (at) : g_strdup ("");
        *reason = revocation_reason_name (revocation_reason);
      }
      return STI_OCSP_STATUS_REVOKED;

    case GNUTLS_OCSP_CERT_UNKNOWN:
    default:
      return STI_OCSP_STATUS_UNKNOWN;
    }
}

static void
check_key (GPtrArray   *findings,
           const Entry *entry)
{
  unsigned int bits = 0;
  int pk = gnutls_x509_crt_get_pk_algorithm (entry->crt, &bits);
  guint minimum;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *name;

  switch (pk)
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_RSA_PSS:
    case GNUTLS_PK_DSA:
      minimum = 2048;
      break;

    case GNUTLS_PK_ECDSA:
      minimum = 256;
      break;

    default:
      return;
    }

  if (bits >= minimum)
    return;

  name = gnutls_pk_algorithm_get_name (pk);
  dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "algorithm", "s", name ?: "unknown");
  g_variant_dict_insert (&dict, "bits", "x", (gint64)bits);
  g_variant_dict_insert (&dict, "minimum_bits", "x", (gint64)minimum);
  {
    g_autofree char *detail =
      cert_detail (entry, "has a %u-bit %s key; at least %u bits are needed",
                   bits, name ?: "unknown", minimum);
    add_finding (findings, "cert-weak-key", g_variant_dict_end (&dict), detail);
  }
}

static void
check_signature (GPtrArray     *findings,
                 const Entry   *entry,
                 StiTrustStore *trust)
{
  int sign = gnutls_x509_crt_get_signature_algorithm (entry->crt);
  gnutls_digest_algorithm_t hash;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  if (sign <= 0)
    return;

  hash = gnutls_sign_get_hash_algorithm (sign);
  if (hash != GNUTLS_DIG_MD5 && hash != GNUTLS_DIG_MD2 && hash != GNUTLS_DIG_SHA1)
    return;

  /* The signature on an anchor is never checked by anyone. */
  if (sti_certificate_get_is_self_signed (entry->cert) &&
      sti_trust_store_is_anchor (trust, sti_certificate_get_der (entry->cert)))
    return;

  dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "algorithm", "s",
                         sti_certificate_get_signature_algorithm (entry->cert));
  detail = cert_detail (entry, "is signed with %s",
                        sti_certificate_get_signature_algorithm (entry->cert));
  add_finding (findings, "cert-weak-signature", g_variant_dict_end (&dict), detail);
}

static GVariant *
names_variant (StiCertificate *cert)
{
  const char * const *names = sti_certificate_get_dns_names (cert);

  /* RFC 6125: the CN counts only without DNS SANs; list what a client
   * would have looked at. */
  if (names[0] == NULL && sti_certificate_get_subject_cn (cert) != NULL)
    {
      const char *cn[] = { sti_certificate_get_subject_cn (cert), NULL };

      return g_variant_new_strv (cn, -1);
    }

  return g_variant_new_strv (names, -1);
}

/* RFC 6125 §6.4: exact (case-insensitive) or a wildcard that is the whole
 * leftmost label, covering exactly one label, never a public suffix alone. */
static gboolean
name_matches (const char *pattern,
              const char *host)
{
  const char *dot;

  if (g_ascii_strcasecmp (pattern, host) == 0)
    return TRUE;

  if (!g_str_has_prefix (pattern, "*.") || strchr (pattern + 2, '.') == NULL)
    return FALSE;

  dot = strchr (host, '.');
  if (dot == NULL || dot == host)
    return FALSE;

  return g_ascii_strcasecmp (pattern + 2, dot + 1) == 0;
}

static gboolean
clean_san_matches (gnutls_x509_crt_t  crt,
                   const char        *hostname)
{
  for (guint i = 0; i < 100000; i++)
    {
      char buf[256];
      size_t size = sizeof buf - 1;
      int ret;

      ret = gnutls_x509_crt_get_subject_alt_name (crt, i, buf, &size, NULL);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret != GNUTLS_SAN_DNSNAME)
        continue;

      buf[size] = '\0';
      if (memchr (buf, '\0', size) != NULL)
        continue;

      if (name_matches (buf, hostname))
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_name (GPtrArray   *findings,
            const Entry *leaf,
            const char  *hostname)
{
  g_autofree char *expected = NULL;
  g_autofree char *joined = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariant *names;

  /* GnuTLS skips SAN entries with an embedded NUL (never a match), but
   * then falls back to the CN as if there were no DNS SAN at all. RFC 6125
   * says the CN counts only without DNS SANs, so with a NUL name present a
   * match must come from one of the clean SAN entries. */
  if (gnutls_x509_crt_check_hostname2 (leaf->crt, hostname, 0) != 0 &&
      (!sti_certificate_get_has_nul_in_dns_name (leaf->cert) ||
       clean_san_matches (leaf->crt, hostname)))
    return TRUE;

  expected = sti_text_sanitize_str (hostname);
  names = g_variant_ref_sink (names_variant (leaf->cert));
  {
    g_autofree const char **strv = g_variant_get_strv (names, NULL);

    joined = g_strjoinv (", ", (char **)strv);
  }

  dict_add_cert (&dict, leaf);
  g_variant_dict_insert (&dict, "expected", "s", expected);
  g_variant_dict_insert_value (&dict, "names", names);
  g_variant_dict_insert (&dict, "has_nul_name", "b",
                         sti_certificate_get_has_nul_in_dns_name (leaf->cert));
  g_variant_unref (names);

  {
    g_autofree char *detail =
      g_strdup_printf ("The certificate is for %s, not for %s",
                       joined[0] != '\0' ? joined : "no name at all", expected);
    add_finding (findings, "cert-name-mismatch", g_variant_dict_end (&dict), detail);
  }

  return FALSE;
}

static void
check_structure (GPtrArray     *findings,
                 GArray        *entries,
                 StiTrustStore *trust)
{
  g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = &g_array_index (entries, Entry, i);
      gboolean duplicate = FALSE;

      for (guint j = 0; j < i && !duplicate; j++)
        {
          const Entry *other = &g_array_index (entries, Entry, j);

          if (sti_certificate_equal (entry->cert, other->cert))
            {
              g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
              g_autofree char *detail = NULL;

              dict_add_cert (&dict, entry);
              g_variant_dict_insert (&dict, "first_position", "x", (gint64)other->position);
              detail = cert_detail (other, "is sent again as certificate %u", entry->position + 1);
              add_finding (findings, "chain-duplicate", g_variant_dict_end (&dict), detail);
              duplicate = TRUE;
            }
        }

      if (duplicate)
        continue;

      g_array_append_val (unique, i);

      if (entry->position > 0 && sti_certificate_get_is_self_signed (entry->cert))
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          g_autofree char *detail = NULL;

          dict_add_cert (&dict, entry);
          g_variant_dict_insert (&dict, "is_anchor", "b",
                                 sti_trust_store_is_anchor (trust,
                                                            sti_certificate_get_der (entry->cert)));
          detail = cert_detail (entry, "is a root; clients use their own copy");
          add_finding (findings, "chain-includes-root", g_variant_dict_end (&dict), detail);
        }
    }

  /* Order: each certificate must be issued by the next one. Reported once,
   * for the first one whose issuer comes later than the next place. */
  for (guint k = 0; k + 1 < unique->len; k++)
    {
      const Entry *entry = &g_array_index (entries, Entry, g_array_index (unique, guint, k));
      const Entry *next = &g_array_index (entries, Entry, g_array_index (unique, guint, k + 1));

      if (gnutls_x509_crt_check_issuer (entry->crt, next->crt))
        continue;

      for (guint l = k + 2; l < unique->len; l++)
        {
          const Entry *later = &g_array_index (entries, Entry, g_array_index (unique, guint, l));

          if (gnutls_x509_crt_check_issuer (entry->crt, later->crt))
            {
              g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
              g_autofree char *detail = NULL;

              dict_add_cert (&dict, entry);
              g_variant_dict_insert (&dict, "issuer_position", "x", (gint64)later->position);
              detail = cert_detail (entry, "is followed by certificate %u, "
                                    "but its issuer is certificate %u",
                                    next->position + 1, later->position + 1);
              add_finding (findings, "chain-wrong-order", g_variant_dict_end (&dict), detail);
              return;
            }
        }
    }
}

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
    crts[n++] = g_array_index (entries, Entry, i).crt;
  for (guint i = 0; fetched != NULL && i < fetched->len; i++)
    crts[n++] = g_array_index (fetched, Entry, i).crt;

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
issuer_org_trusted (StiTrustStore *trust,
                    const Entry   *last)
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
  const Entry *current = &g_array_index (entries, Entry, 0);

  for (guint i = 1; i < entries->len; i++)
    g_ptr_array_add (pool, &g_array_index (entries, Entry, i));
  for (guint i = 0; i < fetched->len; i++)
    g_ptr_array_add (pool, &g_array_index (fetched, Entry, i));

  while (current != NULL)
    {
      g_autofree char *one = sti_certificate_dup_pem (current->cert);
      const Entry *next = NULL;

      g_string_append (pem, one);
      for (guint i = 0; i < pool->len && next == NULL; i++)
        {
          const Entry *candidate = g_ptr_array_index (pool, i);

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
  const Entry *last = &g_array_index (entries, Entry, entries->len - 1);
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
          const Entry *entry = &g_array_index (fetched, Entry, i);

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

  add_finding (findings, "chain-missing-intermediate", g_variant_dict_end (&dict), detail);
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

static gboolean
check_trust (GPtrArray                   *findings,
             GArray                      *entries,
             GArray                      *fetched,
             StiTrustStore               *trust,
             const char                  *hostname,
             gboolean                     leaf_self_signed,
             const StiChainVerifyOptions *options)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_autofree char *trusted_root = NULL;
  const char *likely_cause = NULL;
  unsigned int status;
  const Entry *last = &g_array_index (entries, Entry, entries->len - 1);

  status = verify_list (trust, entries, NULL, hostname);
  if (status == 0)
    return TRUE;

  /* No path from what was sent: a missing intermediate or an unknown CA?
   * Proven when the certificates fetched through AIA complete the path;
   * otherwise judged from the names (issuer_org_trusted()). */
  if ((status & GNUTLS_CERT_SIGNER_NOT_FOUND) && !leaf_self_signed &&
      !sti_certificate_get_is_self_signed (last->cert))
    {
      if (fetched->len > 0)
        {
          unsigned int with_fetched = verify_list (trust, entries, fetched, hostname);

          if ((with_fetched & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA |
                               GNUTLS_CERT_SIGNATURE_FAILURE)) == 0)
            {
              add_missing_intermediate (findings, entries, fetched, options, TRUE, NULL);
              status = with_fetched;
              if (status == 0)
                return FALSE;
            }
          else
            likely_cause = "unknown-ca";
        }
      else if (!sti_certificate_get_is_ca (last->cert) &&
               (trusted_root = issuer_org_trusted (trust, last)) != NULL)
        {
          add_missing_intermediate (findings, entries, fetched, options, FALSE, trusted_root);
          status &= ~(GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_INVALID);
          if (status == 0)
            return FALSE;
        }
      else if (!sti_certificate_get_is_ca (last->cert) && has_ca_issuers_url (last->crt) &&
               aia_not_tried (options->aia_note))
        {
          add_missing_intermediate (findings, entries, fetched, options, FALSE, NULL);
          status &= ~(GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_INVALID);
          if (status == 0)
            return FALSE;
        }
      else
        likely_cause = "unknown-ca";
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
        add_finding (findings, id, g_variant_dict_end (&dict), detail);
      }
    }

  /* A self-signed leaf that is not an anchor is said once, precisely. */
  if (reasons->len > 0 && !leaf_self_signed)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *joined = NULL;
      g_autofree char *detail = NULL;

      g_ptr_array_add (reasons, NULL);
      joined = g_strjoinv (", ", (char **)reasons->pdata);
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
      add_finding (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict), detail);
    }

  return FALSE;
}

static gboolean
parse_entry (GBytes  *der,
             guint    position,
             Entry   *entry,
             GError **error)
{
  gnutls_datum_t datum;
  gsize size;

  entry->position = position;
  entry->cert = sti_certificate_new_from_der (der, error);
  if (entry->cert == NULL)
    return FALSE;

  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;
  if (gnutls_x509_crt_init (&entry->crt) < 0 ||
      gnutls_x509_crt_import (entry->crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    {
      entry_clear (entry);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "GnuTLS cannot import it");
      return FALSE;
    }

  return TRUE;
}

static gnutls_x509_crt_t
find_leaf_issuer (StiTrustStore *trust,
                  GArray        *entries,
                  GArray        *fetched,
                  gnutls_x509_crt_t *owned)
{
  const Entry *leaf = &g_array_index (entries, Entry, 0);
  gnutls_x509_crt_t issuer = NULL;

  for (guint i = 1; i < entries->len; i++)
    {
      if (gnutls_x509_crt_check_issuer (leaf->crt, g_array_index (entries, Entry, i).crt))
        return g_array_index (entries, Entry, i).crt;
    }
  for (guint i = 0; i < fetched->len; i++)
    {
      if (gnutls_x509_crt_check_issuer (leaf->crt, g_array_index (fetched, Entry, i).crt))
        return g_array_index (fetched, Entry, i).crt;
    }

  if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (trust), leaf->crt,
                                         &issuer, GNUTLS_TL_GET_COPY) >= 0)
    {
      *owned = issuer;
      return issuer;
    }

  return NULL;
}

static void
check_revocation (GPtrArray                   *findings,
                  StiTrustStore               *trust,
                  GArray                      *entries,
                  GArray                      *fetched,
                  GDateTime                   *now,
                  const StiChainVerifyOptions *options,
                  StiOcspStatus               *status_out)
{
  const Entry *leaf = &g_array_index (entries, Entry, 0);
  gnutls_x509_crt_t owned = NULL;
  gnutls_x509_crt_t issuer = NULL;
  GBytes *responses[2] = { options->stapled_ocsp, options->queried_ocsp };
  const char *sources[2] = { "stapled", "responder" };
  StiOcspStatus worst = STI_OCSP_STATUS_NONE;

  if (options->staple_requested && options->stapled_ocsp == NULL && has_must_staple (leaf->crt))
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = NULL;

      dict_add_cert (&dict, leaf);
      detail = g_strdup_printf ("The certificate (%s) demands a stapled OCSP answer "
                                "(OCSP Must-Staple), but the server sent none",
                                sti_certificate_get_subject (leaf->cert));
      add_finding (findings, "ocsp-must-staple-missing", g_variant_dict_end (&dict), detail);
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

          dict_add_cert (&dict, leaf);
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
          add_finding (findings, "cert-revoked", g_variant_dict_end (&dict), detail);
        }
    }

  g_clear_pointer (&owned, gnutls_x509_crt_deinit);
  *status_out = worst;
}

/**
 * sti_chain_verify:
 * @trust: the anchors
 * @chain_der: (element-type GBytes): the chain exactly as the server sent it, leaf first
 * @hostname: (nullable): the name the certificate must carry (A-label), or %NULL to skip
 * @now: (nullable): the time to judge dates against; %NULL for now
 * @verified_out: (out) (optional): %TRUE when the chain reaches an anchor, matches
 *   @hostname and every sent certificate is within its dates
 * @certificates_out: (out) (optional) (transfer full) (element-type StiCertificate):
 *   the parsed certificates in the order sent; ones that do not parse are left out
 *
 * sti_chain_verify_full() with default options. Synchronous and cheap (no
 * network): fine on the main loop.
 *
 * Returns: (transfer full) (element-type StiFinding): the findings, worst first
 */
GPtrArray *
sti_chain_verify (StiTrustStore  *trust,
                  GPtrArray      *chain_der,
                  const char     *hostname,
                  GDateTime      *now,
                  gboolean       *verified_out,
                  GPtrArray     **certificates_out)
{
  StiChainVerifyOptions options = { 0, };

  return sti_chain_verify_full (trust, chain_der, hostname, now, &options,
                                verified_out, certificates_out, NULL);
}

static gboolean
blocks_verification (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const char *id = sti_finding_get_id (g_ptr_array_index (findings, i));

      if (!g_str_equal (id, "cert-expiring-soon") &&
          !g_str_equal (id, "chain-includes-root") &&
          !g_str_equal (id, "chain-duplicate") &&
          !g_str_equal (id, "chain-wrong-order") &&
          !g_str_equal (id, "ocsp-must-staple-missing"))
        return TRUE;
    }

  return FALSE;
}

/**
 * sti_chain_verify_full:
 * @trust: the anchors
 * @chain_der: (element-type GBytes): the chain exactly as the server sent it, leaf first
 * @hostname: (nullable): the name the certificate must carry (A-label), or %NULL to skip
 * @now: (nullable): the time to judge dates against; %NULL for now
 * @options: (nullable): thresholds, OCSP answers and AIA-fetched issuers
 * @verified_out: (out) (optional): %TRUE when a verifying client accepts the chain
 *   as sent: it reaches an anchor without fetched help, matches @hostname, every
 *   certificate is within its dates, strong enough, allowed for servers, not revoked
 * @certificates_out: (out) (optional) (transfer full) (element-type StiCertificate):
 *   the parsed certificates in the order sent; ones that do not parse are left out
 * @ocsp_status_out: (out) (optional): what the OCSP answers said about the leaf
 *
 * Every certificate finding that needs no network. The caller does the
 * fetching (sti_chain_analysis_run_async()) and calls again with what it got.
 *
 * Returns: (transfer full) (element-type StiFinding): the findings, worst first
 */
GPtrArray *
sti_chain_verify_full (StiTrustStore                *trust,
                       GPtrArray                    *chain_der,
                       const char                   *hostname,
                       GDateTime                    *now,
                       const StiChainVerifyOptions  *options_in,
                       gboolean                     *verified_out,
                       GPtrArray                   **certificates_out,
                       StiOcspStatus                *ocsp_status_out)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GArray) fetched = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GDateTime) now_owned = NULL;
  g_autofree char *host = NULL;
  StiChainVerifyOptions options = { 0, };
  StiOcspStatus ocsp_status = STI_OCSP_STATUS_NONE;
  gboolean verified = TRUE;
  gboolean leaf_self_signed = FALSE;

  g_return_val_if_fail (STI_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (chain_der != NULL, NULL);

  if (options_in != NULL)
    options = *options_in;
  if (options.expiring_warning_days == 0)
    options.expiring_warning_days = STI_EXPIRING_WARNING_DAYS;
  if (options.expiring_error_days == 0)
    options.expiring_error_days = STI_EXPIRING_ERROR_DAYS;

  g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);
  g_array_set_clear_func (fetched, (GDestroyNotify)entry_clear);

  if (now == NULL)
    now = now_owned = g_date_time_new_now_utc ();

  /* "mx.example.org." is the same name as "mx.example.org". */
  if (hostname != NULL)
    {
      gsize len = strlen (hostname);

      host = g_strdup (hostname);
      if (len > 0 && host[len - 1] == '.')
        host[len - 1] = '\0';
      hostname = host;
    }

  for (guint i = 0; i < chain_der->len; i++)
    {
      g_autoptr(GError) error = NULL;
      Entry entry = { i, NULL, NULL };

      if (!parse_entry (g_ptr_array_index (chain_der, i), i, &entry, &error))
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          const char *reasons[] = { "unparseable-certificate", NULL };

          g_variant_dict_insert (&dict, "position", "x", (gint64)i);
          g_variant_dict_insert (&dict, "reasons", "^as", reasons);
          add_finding (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict),
                       error->message);
          verified = FALSE;
          continue;
        }

      g_ptr_array_add (certificates, g_object_ref (entry.cert));
      g_array_append_val (entries, entry);
    }

  for (guint i = 0; options.fetched_der != NULL && i < options.fetched_der->len; i++)
    {
      g_autoptr(GError) error = NULL;
      Entry entry = { G_MAXUINT, NULL, NULL };

      if (parse_entry (g_ptr_array_index (options.fetched_der, i), G_MAXUINT, &entry, &error))
        g_array_append_val (fetched, entry);
    }

  if (entries->len == 0)
    {
      if (findings->len == 0)
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          const char *reasons[] = { "no-certificate", NULL };

          g_variant_dict_insert (&dict, "reasons", "^as", reasons);
          add_finding (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict),
                       "The server sent no certificate");
        }
      verified = FALSE;
    }
  else
    {
      const Entry *leaf = &g_array_index (entries, Entry, 0);

      for (guint i = 0; i < entries->len; i++)
        {
          const Entry *entry = &g_array_index (entries, Entry, i);

          check_dates (findings, entry, now, &options);
          check_key (findings, entry);
          check_signature (findings, entry, trust);
          if (!(sti_certificate_get_is_self_signed (entry->cert) &&
                sti_trust_store_is_anchor (trust, sti_certificate_get_der (entry->cert))))
            check_purpose (findings, entry);
        }

      check_structure (findings, entries, trust);

      if (hostname != NULL && !check_name (findings, leaf, hostname))
        verified = FALSE;

      if (sti_certificate_get_is_self_signed (leaf->cert) &&
          !sti_trust_store_is_anchor (trust, sti_certificate_get_der (leaf->cert)))
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          g_autofree char *detail = NULL;

          leaf_self_signed = TRUE;
          dict_add_cert (&dict, leaf);
          detail = g_strdup_printf ("The server certificate (%s) is self-signed",
                                    sti_certificate_get_subject (leaf->cert));
          add_finding (findings, "cert-self-signed", g_variant_dict_end (&dict), detail);
          verified = FALSE;
        }

      if (!check_trust (findings, entries, fetched, trust, hostname, leaf_self_signed, &options))
        verified = FALSE;

      check_revocation (findings, trust, entries, fetched, now, &options, &ocsp_status);

      if (blocks_verification (findings))
        verified = FALSE;
    }

  sti_findings_sort (findings);

  if (verified_out != NULL)
    *verified_out = verified;
  if (certificates_out != NULL)
    *certificates_out = g_steal_pointer (&certificates);
  if (ocsp_status_out != NULL)
    *ocsp_status_out = ocsp_status;

  return g_steal_pointer (&findings);
}
