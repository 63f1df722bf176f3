/* sti-chain-verify.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-verify.h"
#include "sti-chain-verify-private.h"

#include "sti-finding.h"
#include "sti-format.h"
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
 * admin fixing an expired certificate wants to know about the name too.
 *
 * This file parses the chain, checks its structure and runs the rest in
 * order: the checks of each certificate (sti-chain-verify-certificate.c),
 * the path to an anchor (sti-chain-verify-trust.c) and revocation
 * (sti-chain-verify-revocation.c). */

/* A finding's detail, naming the certificate the way every report and the
 * window number it (sti_format_certificate_number()): #0 is the server's
 * own, then the rest of the chain as sent. */
char *
verify_cert_detail (const ChainEntry *entry,
                    const char       *format,
                    ...)
{
  g_autofree char *rest = NULL;
  g_autofree char *number = NULL;
  va_list args;

  va_start (args, format);
  rest = g_strdup_vprintf (format, args);
  va_end (args);

  number = sti_format_certificate_number (entry->position);
  if (entry->position == 0)
    return g_strdup_printf ("The server's certificate %s (%s) %s", number,
                            sti_certificate_get_subject (entry->cert), rest);
  return g_strdup_printf ("Certificate %s of the chain as sent (%s) %s", number,
                          sti_certificate_get_subject (entry->cert), rest);
}

static void
entry_clear (ChainEntry *entry)
{
  g_clear_pointer (&entry->crt, gnutls_x509_crt_deinit);
  g_clear_object (&entry->cert);
}

void
verify_dict_add_cert (GVariantDict     *dict,
                      const ChainEntry *entry)
{
  g_variant_dict_insert (dict, "position", "x", (gint64)entry->position);
  g_variant_dict_insert (dict, "subject", "s", sti_certificate_get_subject (entry->cert));
}

char *
verify_format_date (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* Duplicates and sent roots. Returns the positions in @entries of the
 * certificates sent for the first time. */
static GArray *
check_duplicates_and_roots (GPtrArray     *findings,
                            GArray        *entries,
                            StiTrustStore *trust)
{
  g_autoptr(GArray) unique = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < entries->len; i++)
    {
      const ChainEntry *entry = &g_array_index (entries, ChainEntry, i);
      gboolean duplicate = FALSE;

      for (guint j = 0; j < i && !duplicate; j++)
        {
          const ChainEntry *other = &g_array_index (entries, ChainEntry, j);

          if (sti_certificate_equal (entry->cert, other->cert))
            {
              g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
              g_autofree char *detail = NULL;
              g_autofree char *again = sti_format_certificate_number (entry->position);

              verify_dict_add_cert (&dict, entry);
              g_variant_dict_insert (&dict, "first_position", "x", (gint64)other->position);
              detail = verify_cert_detail (other, "is sent again as certificate %s", again);
              sti_findings_add (findings, "chain-duplicate", g_variant_dict_end (&dict), detail);
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

          verify_dict_add_cert (&dict, entry);
          g_variant_dict_insert (&dict, "is_anchor", "b",
                                 sti_trust_store_is_anchor (trust,
                                                            sti_certificate_get_der (entry->cert)));
          detail = verify_cert_detail (entry, "is a root; clients use their own copy");
          sti_findings_add (findings, "chain-includes-root", g_variant_dict_end (&dict),
                            detail);
        }
    }

  return g_steal_pointer (&unique);
}

static const ChainEntry *
unique_entry (GArray *entries,
              GArray *unique,
              guint   k)
{
  return &g_array_index (entries, ChainEntry, g_array_index (unique, guint, k));
}

/* Order: each certificate must be issued by the next one. Reported once,
 * for the first one whose issuer comes later than the next place. */
static void
check_order (GPtrArray *findings,
             GArray    *entries,
             GArray    *unique)
{
  for (guint k = 0; k + 1 < unique->len; k++)
    {
      const ChainEntry *entry = unique_entry (entries, unique, k);
      const ChainEntry *next = unique_entry (entries, unique, k + 1);

      if (gnutls_x509_crt_check_issuer (entry->crt, next->crt))
        continue;

      for (guint l = k + 2; l < unique->len; l++)
        {
          const ChainEntry *later = unique_entry (entries, unique, l);

          if (gnutls_x509_crt_check_issuer (entry->crt, later->crt))
            {
              g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
              g_autofree char *detail = NULL;
              g_autofree char *next_number = NULL;
              g_autofree char *issuer_number = NULL;

              verify_dict_add_cert (&dict, entry);
              g_variant_dict_insert (&dict, "issuer_position", "x", (gint64)later->position);
              next_number = sti_format_certificate_number (next->position);
              issuer_number = sti_format_certificate_number (later->position);
              detail = verify_cert_detail (entry, "is followed by certificate %s, "
                                           "but its issuer is certificate %s",
                                           next_number, issuer_number);
              sti_findings_add (findings, "chain-wrong-order", g_variant_dict_end (&dict),
                                detail);
              return;
            }
        }
    }
}

static gboolean
parse_entry (GBytes      *der,
             guint        position,
             ChainEntry  *entry,
             GError     **error)
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

/* Every certificate sent, in order; one that does not parse is a finding.
 * Returns FALSE when one did not. */
static gboolean
parse_chain (GPtrArray *chain_der,
             GArray    *entries,
             GPtrArray *certificates,
             GPtrArray *findings)
{
  gboolean all_parsed = TRUE;

  for (guint i = 0; i < chain_der->len; i++)
    {
      g_autoptr(GError) error = NULL;
      ChainEntry entry = { i, NULL, NULL };

      if (!parse_entry (g_ptr_array_index (chain_der, i), i, &entry, &error))
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          const char *reasons[] = { "unparseable-certificate", NULL };

          g_variant_dict_insert (&dict, "position", "x", (gint64)i);
          g_variant_dict_insert (&dict, "reasons", "^as", reasons);
          sti_findings_add (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict),
                            error->message);
          all_parsed = FALSE;
          continue;
        }

      g_ptr_array_add (certificates, g_object_ref (entry.cert));
      g_array_append_val (entries, entry);
    }

  return all_parsed;
}

/* The issuers fetched through AIA; ones that do not parse are of no help. */
static void
parse_fetched (GPtrArray *fetched_der,
               GArray    *fetched)
{
  for (guint i = 0; fetched_der != NULL && i < fetched_der->len; i++)
    {
      g_autoptr(GError) error = NULL;
      ChainEntry entry = { G_MAXUINT, NULL, NULL };

      if (parse_entry (g_ptr_array_index (fetched_der, i), G_MAXUINT, &entry, &error))
        g_array_append_val (fetched, entry);
    }
}

/* A self-signed server certificate that is no anchor is said once,
 * precisely, instead of as an untrusted issuer. */
static gboolean
check_self_signed_leaf (GPtrArray        *findings,
                        const ChainEntry *leaf,
                        StiTrustStore    *trust)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  if (!sti_certificate_get_is_self_signed (leaf->cert) ||
      sti_trust_store_is_anchor (trust, sti_certificate_get_der (leaf->cert)))
    return FALSE;

  verify_dict_add_cert (&dict, leaf);
  detail = g_strdup_printf ("The server certificate (%s) is self-signed",
                            sti_certificate_get_subject (leaf->cert));
  sti_findings_add (findings, "cert-self-signed", g_variant_dict_end (&dict), detail);

  return TRUE;
}

/* Every check of a chain of at least one certificate, in order. Returns
 * whether a verifying client accepts it. */
static gboolean
check_chain (GPtrArray                   *findings,
             GArray                      *entries,
             GArray                      *fetched,
             StiTrustStore               *trust,
             const char                  *hostname,
             GDateTime                   *now,
             const StiChainVerifyOptions *options,
             StiOcspStatus               *ocsp_status)
{
  const ChainEntry *leaf = &g_array_index (entries, ChainEntry, 0);
  g_autoptr(GArray) unique = NULL;
  gboolean verified = TRUE;
  gboolean leaf_self_signed;

  for (guint i = 0; i < entries->len; i++)
    {
      const ChainEntry *entry = &g_array_index (entries, ChainEntry, i);

      verify_check_dates (findings, entry, now, options);
      verify_check_key (findings, entry);
      verify_check_signature (findings, entry, trust);
      if (!(sti_certificate_get_is_self_signed (entry->cert) &&
            sti_trust_store_is_anchor (trust, sti_certificate_get_der (entry->cert))))
        verify_check_purpose (findings, entry);
    }

  unique = check_duplicates_and_roots (findings, entries, trust);
  check_order (findings, entries, unique);

  if (hostname != NULL && !verify_check_name (findings, leaf, hostname))
    verified = FALSE;

  leaf_self_signed = check_self_signed_leaf (findings, leaf, trust);
  if (leaf_self_signed)
    verified = FALSE;

  if (!verify_check_trust (findings, entries, fetched, trust, hostname, leaf_self_signed,
                           options))
    verified = FALSE;

  verify_check_revocation (findings, trust, entries, fetched, now, options, ocsp_status);

  if (blocks_verification (findings))
    verified = FALSE;

  return verified;
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
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ChainEntry));
  g_autoptr(GArray) fetched = g_array_new (FALSE, TRUE, sizeof (ChainEntry));
  g_autoptr(GDateTime) now_owned = NULL;
  g_autofree char *host = NULL;
  StiChainVerifyOptions options = { 0, };
  StiOcspStatus ocsp_status = STI_OCSP_STATUS_NONE;
  gboolean verified;

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

  verified = parse_chain (chain_der, entries, certificates, findings);
  parse_fetched (options.fetched_der, fetched);

  if (entries->len == 0)
    {
      if (findings->len == 0)
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          const char *reasons[] = { "no-certificate", NULL };

          g_variant_dict_insert (&dict, "reasons", "^as", reasons);
          sti_findings_add (findings, "cert-untrusted-issuer", g_variant_dict_end (&dict),
                            "The server sent no certificate");
        }
      verified = FALSE;
    }
  else if (!check_chain (findings, entries, fetched, trust, hostname, now, &options,
                         &ocsp_status))
    verified = FALSE;

  sti_findings_sort (findings);

  if (verified_out != NULL)
    *verified_out = verified;
  if (certificates_out != NULL)
    *certificates_out = g_steal_pointer (&certificates);
  if (ocsp_status_out != NULL)
    *ocsp_status_out = ocsp_status;

  return g_steal_pointer (&findings);
}
