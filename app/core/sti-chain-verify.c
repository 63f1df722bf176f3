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

#include <string.h>

/* Basic chain verification of a chain exactly as a server sent it.
 *
 * GnuTLS decides trust (gnutls_x509_trust_list_verify_crt2); the cheap
 * structural checks (order, duplicates, extra root, key and signature
 * strength) and the dates are ours, because GnuTLS silently repairs the
 * first and reports the others only for the path it built. Dates are
 * judged against the caller's clock (tests, reloaded reports), so GnuTLS
 * time checks are off. Everything is reported even when trust fails: an
 * admin fixing an expired certificate wants to know about the name too. */

/* Severity of each finding id this file produces, in one place. */
static const struct {
  const char  *id;
  StiSeverity  severity;
} severity_table[] = {
  /* Any of these makes an authenticated delivery (MTA-STS, DANE-TA, a
   * verifying client) fail: errors. */
  { "cert-expired",             STI_SEVERITY_ERROR },
  { "cert-not-yet-valid",       STI_SEVERITY_ERROR },
  { "cert-self-signed",         STI_SEVERITY_ERROR },
  { "cert-untrusted-issuer",    STI_SEVERITY_ERROR },
  { "cert-name-mismatch",       STI_SEVERITY_ERROR },
  { "cert-not-for-server-auth", STI_SEVERITY_ERROR },
  { "cert-revoked",             STI_SEVERITY_ERROR },
  /* Weak keys and signatures can be forged or are refused by current
   * clients: errors as well. */
  { "cert-weak-key",            STI_SEVERITY_ERROR },
  { "cert-weak-signature",      STI_SEVERITY_ERROR },
  /* Clients repair these, but strict ones do not: warnings. */
  { "chain-wrong-order",        STI_SEVERITY_WARNING },
  { "chain-duplicate",          STI_SEVERITY_WARNING },
  { "ocsp-must-staple-missing", STI_SEVERITY_WARNING },
  /* Harmless, only wasted bytes in every handshake: info. */
  { "chain-includes-root",      STI_SEVERITY_INFO },
};

/* GnuTLS verification status bits -> finding id (NULL: judged elsewhere or
 * not our business) and the reason word kept in the finding's params. */
static const struct {
  unsigned int  bit;
  const char   *id;
  const char   *reason;
} status_table[] = {
  /* No path to an anchor. Without AIA (a later step) a missing
   * intermediate cannot be told from an unknown CA: both land here until
   * the AIA fetch can prove chain-missing-intermediate. */
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

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->crt, gnutls_x509_crt_deinit);
  g_clear_object (&entry->cert);
}

static StiSeverity
severity_for (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_table); i++)
    {
      if (g_str_equal (severity_table[i].id, id))
        return severity_table[i].severity;
    }

  g_return_val_if_reached (STI_SEVERITY_ERROR);
}

static void
add_finding (GPtrArray  *findings,
             const char *id,
             GVariant   *params,
             const char *detail)
{
  g_ptr_array_add (findings, sti_finding_new (id, severity_for (id), params, detail));
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
check_dates (GPtrArray   *findings,
             const Entry *entry,
             GDateTime   *now)
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
      detail = g_strdup_printf ("Certificate %u (%s) expired on %s, %" G_GINT64_FORMAT " days ago",
                                entry->position, sti_certificate_get_subject (entry->cert),
                                na, days);
    }
  else if (g_date_time_compare (now, not_before) < 0)
    {
      id = "cert-not-yet-valid";
      days = g_date_time_difference (not_before, now) / G_TIME_SPAN_DAY;
      detail = g_strdup_printf ("Certificate %u (%s) is valid only from %s, "
                                "in %" G_GINT64_FORMAT " days",
                                entry->position, sti_certificate_get_subject (entry->cert),
                                nb, days);
    }
  else
    return;

  dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "not_before", "s", nb);
  g_variant_dict_insert (&dict, "not_after", "s", na);
  g_variant_dict_insert (&dict, "days", "x", days);
  add_finding (findings, id, g_variant_dict_end (&dict), detail);
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
      g_strdup_printf ("Certificate %u (%s) has a %u-bit %s key; at least %u bits are needed",
                       entry->position, sti_certificate_get_subject (entry->cert),
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
  detail = g_strdup_printf ("Certificate %u (%s) is signed with %s",
                            entry->position, sti_certificate_get_subject (entry->cert),
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
              detail = g_strdup_printf ("Certificate %u (%s) is sent again at position %u",
                                        other->position, sti_certificate_get_subject (entry->cert),
                                        entry->position);
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
          detail = g_strdup_printf ("Certificate %u (%s) is a root; clients use their own copy",
                                    entry->position, sti_certificate_get_subject (entry->cert));
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
              detail = g_strdup_printf ("Certificate %u (%s) is followed by certificate %u, "
                                        "but its issuer is certificate %u",
                                        entry->position, sti_certificate_get_subject (entry->cert),
                                        next->position, later->position);
              add_finding (findings, "chain-wrong-order", g_variant_dict_end (&dict), detail);
              return;
            }
        }
    }
}

static gboolean
check_trust (GPtrArray     *findings,
             GArray        *entries,
             StiTrustStore *trust,
             const char    *hostname,
             gboolean       leaf_self_signed)
{
  g_autofree gnutls_x509_crt_t *crts = g_new0 (gnutls_x509_crt_t, entries->len);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  gnutls_typed_vdata_st data[2];
  guint n_data = 0;
  unsigned int status = 0;
  unsigned int flags;
  int ret;

  for (guint i = 0; i < entries->len; i++)
    crts[i] = g_array_index (entries, Entry, i).crt;

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
                                            crts, entries->len, data, n_data,
                                            flags, &status, NULL);
  if (ret < 0)
    status = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;

  if (status == 0)
    return TRUE;

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
      const Entry *last = &g_array_index (entries, Entry, entries->len - 1);

      g_ptr_array_add (reasons, NULL);
      joined = g_strjoinv (", ", (char **)reasons->pdata);
      g_variant_dict_insert (&dict, "reasons", "^as", (char **)reasons->pdata);
      g_variant_dict_insert (&dict, "status", "x", (gint64)status);
      g_variant_dict_insert (&dict, "issuer", "s", sti_certificate_get_issuer (last->cert));
      {
        g_autofree char *detail =
          g_strdup_printf ("The chain does not lead to a trusted CA (%s); last issuer: %s",
                           joined, sti_certificate_get_issuer (last->cert));
        add_finding (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict), detail);
      }
    }

  return FALSE;
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
 * Synchronous and cheap (no network): fine on the main loop.
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
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) certificates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_autoptr(GDateTime) now_owned = NULL;
  g_autofree char *host = NULL;
  gboolean verified = TRUE;
  gboolean leaf_self_signed = FALSE;

  g_return_val_if_fail (STI_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (chain_der != NULL, NULL);

  g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);

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
      GBytes *der = g_ptr_array_index (chain_der, i);
      g_autoptr(GError) error = NULL;
      Entry entry = { i, NULL, NULL };
      gnutls_datum_t datum;
      gsize size;

      entry.cert = sti_certificate_new_from_der (der, &error);
      if (entry.cert == NULL)
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

      datum.data = (unsigned char *)g_bytes_get_data (der, &size);
      datum.size = size;
      if (gnutls_x509_crt_init (&entry.crt) < 0 ||
          gnutls_x509_crt_import (entry.crt, &datum, GNUTLS_X509_FMT_DER) < 0)
        {
          entry_clear (&entry);
          continue;
        }

      g_ptr_array_add (certificates, g_object_ref (entry.cert));
      g_array_append_val (entries, entry);
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

          check_dates (findings, entry, now);
          check_key (findings, entry);
          check_signature (findings, entry, trust);
        }
      if (findings->len > 0)
        verified = FALSE;

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

      if (!check_trust (findings, entries, trust, hostname, leaf_self_signed))
        verified = FALSE;
    }

  sti_findings_sort (findings);

  if (verified_out != NULL)
    *verified_out = verified;
  if (certificates_out != NULL)
    *certificates_out = g_steal_pointer (&certificates);

  return g_steal_pointer (&findings);
}
