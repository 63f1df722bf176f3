/* sti-chain-verify-certificate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-verify-private.h"

#include "sti-format.h"
#include "sti-text.h"

#include <string.h>

/* The checks of one certificate on its own: its dates against the caller's
 * clock, its key size, the hash of its signature, what it may be used for,
 * and (for the server's own) whether it carries the name. */

void
verify_check_dates (GPtrArray                   *findings,
                    const ChainEntry            *entry,
                    GDateTime                   *now,
                    const StiChainVerifyOptions *options)
{
  GDateTime *not_before = sti_certificate_get_not_before (entry->cert);
  GDateTime *not_after = sti_certificate_get_not_after (entry->cert);
  g_autofree char *nb = verify_format_date (not_before);
  g_autofree char *na = verify_format_date (not_after);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;
  const char *id;
  gint64 days;

  if (g_date_time_compare (now, not_after) > 0)
    {
      id = "cert-expired";
      days = g_date_time_difference (now, not_after) / G_TIME_SPAN_DAY;
      detail = verify_cert_detail (entry, "expired on %s, %" G_GINT64_FORMAT " days ago", na, days);
    }
  else if (g_date_time_compare (now, not_before) < 0)
    {
      id = "cert-not-yet-valid";
      days = g_date_time_difference (not_before, now) / G_TIME_SPAN_DAY;
      detail = verify_cert_detail (entry, "is valid only from %s, in %" G_GINT64_FORMAT " days",
                                   nb, days);
    }
  else if ((days = g_date_time_difference (not_after, now) / G_TIME_SPAN_DAY) <
           (gint64)options->expiring_warning_days)
    {
      id = "cert-expiring-soon";
      detail = verify_cert_detail (entry, "expires on %s, in %" G_GINT64_FORMAT " days", na, days);
      /* The registry makes it an error under error_days. */
      g_variant_dict_insert (&dict, "days_left", "x", days);
      g_variant_dict_insert (&dict, "warning_days", "x", (gint64)options->expiring_warning_days);
      g_variant_dict_insert (&dict, "error_days", "x", (gint64)options->expiring_error_days);
    }
  else
    return;

  verify_dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "not_before", "s", nb);
  g_variant_dict_insert (&dict, "not_after", "s", na);
  g_variant_dict_insert (&dict, "days", "x", days);
  sti_findings_add (findings, id, g_variant_dict_end (&dict), detail);
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
void
verify_check_purpose (GPtrArray        *findings,
                      const ChainEntry *entry)
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

    verify_dict_add_cert (&dict, entry);
    g_variant_dict_insert (&dict, "reason", "s", reason);
    g_variant_dict_insert (&dict, "key_purposes", "^as", (char **)purposes->pdata);
    g_variant_dict_insert (&dict, "key_purpose_oids", "^as", (char **)oids->pdata);
    g_variant_dict_insert (&dict, "key_usage", "x", (gint64)usage);
    if (g_str_equal (reason, "extended-key-usage"))
      detail = verify_cert_detail (entry, "may only be used for %s, not for a TLS server", joined);
    else
      detail = verify_cert_detail (entry, "has a key usage (0x%x) that allows neither "
                                   "signing nor key encipherment", usage);
    sti_findings_add (findings, "cert-not-for-server-auth", g_variant_dict_end (&dict), detail);
  }
}

/**
 * sti_chain_verify_minimum_key_bits:
 * @pk_algorithm: a gnutls_pk_algorithm_t
 *
 * The one home of the cert-weak-key rule, for certificates and for a key
 * about to go into a certificate request.
 *
 * Returns: the fewest bits a key of @pk_algorithm needs; 0 when its size
 *   is not judged (EdDSA and others of fixed strength)
 */
guint
sti_chain_verify_minimum_key_bits (int pk_algorithm)
{
  switch (pk_algorithm)
    {
    case GNUTLS_PK_RSA:
    case GNUTLS_PK_RSA_PSS:
    case GNUTLS_PK_DSA:
      return 2048;

    case GNUTLS_PK_ECDSA:
      return 256;

    default:
      return 0;
    }
}

void
verify_check_key (GPtrArray        *findings,
                  const ChainEntry *entry)
{
  unsigned int bits = 0;
  int pk = gnutls_x509_crt_get_pk_algorithm (entry->crt, &bits);
  guint minimum = sti_chain_verify_minimum_key_bits (pk);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *name;

  if (minimum == 0 || bits >= minimum)
    return;

  name = gnutls_pk_algorithm_get_name (pk);
  verify_dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "algorithm", "s", name ?: "unknown");
  g_variant_dict_insert (&dict, "bits", "x", (gint64)bits);
  g_variant_dict_insert (&dict, "minimum_bits", "x", (gint64)minimum);
  {
    g_autofree char *detail =
      verify_cert_detail (entry, "has a %u-bit %s key; at least %u bits are needed",
                          bits, name ?: "unknown", minimum);
    sti_findings_add (findings, "cert-weak-key", g_variant_dict_end (&dict), detail);
  }
}

void
verify_check_signature (GPtrArray        *findings,
                        const ChainEntry *entry,
                        StiTrustStore    *trust)
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

  verify_dict_add_cert (&dict, entry);
  g_variant_dict_insert (&dict, "algorithm", "s",
                         sti_certificate_get_signature_algorithm (entry->cert));
  detail = verify_cert_detail (entry, "is signed with %s",
                               sti_certificate_get_signature_algorithm (entry->cert));
  sti_findings_add (findings, "cert-weak-signature", g_variant_dict_end (&dict), detail);
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

gboolean
verify_check_name (GPtrArray        *findings,
                   const ChainEntry *leaf,
                   const char       *hostname)
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

    joined = sti_format_bounded_list (strv, -1, ", ", 0);
  }

  verify_dict_add_cert (&dict, leaf);
  g_variant_dict_insert (&dict, "expected", "s", expected);
  g_variant_dict_insert_value (&dict, "names", names);
  g_variant_dict_insert (&dict, "has_nul_name", "b",
                         sti_certificate_get_has_nul_in_dns_name (leaf->cert));
  g_variant_unref (names);

  {
    g_autofree char *detail =
      g_strdup_printf ("The certificate is for %s, not for %s",
                       joined[0] != '\0' ? joined : "no name at all", expected);
    sti_findings_add (findings, "cert-name-mismatch", g_variant_dict_end (&dict), detail);
  }

  return FALSE;
}
