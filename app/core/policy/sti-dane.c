/* sti-dane.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dane.h"

#include "sti-certificate.h"
#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-gnutls-private.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <string.h>
#include <time.h>

/* DANE as an RFC 7672 SMTP client applies it. libgnutls-dane is not used:
 * its DANE-TA check accepts a chain when some certificate matches and the
 * leaf is issued by some certificate, without building a path to the
 * matched anchor (platform notes A3). Here:
 *
 * - DANE-EE (3) matches the leaf only, with no name and no date checks;
 * - DANE-TA (2) matches any certificate the server sent, then the chain is
 *   validated with that certificate as the only anchor and one of the MX
 *   names as reference identity (dates checked);
 * - PKIX-TA (0) and PKIX-EE (1) are not used for SMTP (§3.1.3);
 * - records only count when the TLSA answer is DNSSEC-secure (§2.2).
 *
 * The dane-* finding ids, their severities and the reasons for them are in
 * the finding registry (resources/findings/dane.findings.xml).
 */

G_DEFINE_BOXED_TYPE (StiDaneSuggestion, sti_dane_suggestion,
                     sti_dane_suggestion_ref, sti_dane_suggestion_unref)

static void
suggestion_clear (StiDaneSuggestion *suggestion)
{
  g_free (suggestion->record);
  g_free (suggestion->subject);
  g_free (suggestion->note);
}

StiDaneSuggestion *
sti_dane_suggestion_ref (StiDaneSuggestion *suggestion)
{
  return g_atomic_rc_box_acquire (suggestion);
}

void
sti_dane_suggestion_unref (StiDaneSuggestion *suggestion)
{
  g_atomic_rc_box_release_full (suggestion, (GDestroyNotify)suggestion_clear);
}

/* One certificate of the chain, with what TLSA records select from it. */
typedef struct
{
  gnutls_x509_crt_t  crt;
  GBytes            *cert_der;
  GBytes            *spki_der;
  char              *subject;
} ChainCert;

static void
chain_cert_clear (ChainCert *cert)
{
  g_clear_pointer (&cert->crt, gnutls_x509_crt_deinit);
  g_clear_pointer (&cert->cert_der, g_bytes_unref);
  g_clear_pointer (&cert->spki_der, g_bytes_unref);
  g_clear_pointer (&cert->subject, g_free);
}

/* Imports the chain; stops at the first certificate GnuTLS cannot read
 * (what follows could not be validated anyway). */
static GArray *
import_chain (GPtrArray *chain_der)
{
  GArray *chain = g_array_new (FALSE, TRUE, sizeof (ChainCert));

  g_array_set_clear_func (chain, (GDestroyNotify)chain_cert_clear);

  for (guint i = 0; chain_der != NULL && i < chain_der->len; i++)
    {
      GBytes *der = g_ptr_array_index (chain_der, i);
      g_auto(gnutls_x509_crt_t) crt = NULL;
      g_auto(gnutls_pubkey_t) pubkey = NULL;
      g_auto(StiGnutlsDatum) spki = { NULL, 0 };
      g_autoptr(StiCertificate) info = NULL;
      gnutls_datum_t datum;
      ChainCert cert = { NULL, };
      gsize len;

      datum.data = (unsigned char *)g_bytes_get_data (der, &len);
      datum.size = len;

      if (gnutls_x509_crt_init (&crt) < 0 ||
          gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0 ||
          gnutls_pubkey_init (&pubkey) < 0 ||
          gnutls_pubkey_import_x509 (pubkey, crt, 0) < 0 ||
          gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, &spki) < 0)
        break;

      info = sti_certificate_new_from_der (der, NULL);
      cert.subject = g_strdup (info != NULL ? sti_certificate_get_subject (info) : "?");
      cert.crt = g_steal_pointer (&crt);
      cert.cert_der = g_bytes_ref (der);
      cert.spki_der = g_bytes_new (spki.data, spki.size);
      g_array_append_val (chain, cert);
    }

  return chain;
}

/* Upper case, like the presentation form of TLSA records. */
static char *
hex_of (GBytes *bytes)
{
  return sti_hex_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), TRUE);
}

/* The association data a record with @selector/@matching_type would carry
 * for @cert. */
static GBytes *
association_for (const ChainCert *cert,
                 guint8           selector,
                 guint8           matching_type)
{
  GBytes *selected = selector == 0 ? cert->cert_der : cert->spki_der;
  guint8 digest[64];
  gnutls_digest_algorithm_t algorithm;
  gsize len;
  const guint8 *data = g_bytes_get_data (selected, &len);

  switch (matching_type)
    {
    case 0:
      return g_bytes_ref (selected);
    case 1:
      algorithm = GNUTLS_DIG_SHA256;
      break;
    case 2:
      algorithm = GNUTLS_DIG_SHA512;
      break;
    default:
      return NULL;
    }

  if (gnutls_hash_fast (algorithm, data, len, digest) < 0)
    return NULL;

  return g_bytes_new (digest, gnutls_hash_get_len (algorithm));
}

static char *
strip_dot (const char *name)
{
  gsize len = strlen (name);

  if (len > 1 && name[len - 1] == '.')
    len--;

  return g_ascii_strdown (name, len);
}

/* DANE-TA: is there a path from the leaf to chain[@anchor] alone, and is
 * the leaf valid for one of @mx_names? */
static StiDaneMatchStatus
verify_ta (GArray              *chain,
           guint                anchor,
           const char * const  *mx_names,
           char               **reason)
{
  g_auto(gnutls_x509_trust_list_t) list = NULL;
  g_autofree gnutls_x509_crt_t *crts = g_new0 (gnutls_x509_crt_t, chain->len);
  gnutls_x509_crt_t ca = NULL;
  g_autofree char *number = sti_format_certificate_number (anchor);
  unsigned int status = 0;
  int ret;

  /* The leaf as its own anchor: there is no path to build, only its
   * dates and its name to check. */
  if (anchor == 0)
    {
      gnutls_x509_crt_t leaf = g_array_index (chain, ChainCert, 0).crt;
      time_t now = time (NULL);

      if (gnutls_x509_crt_get_activation_time (leaf) > now ||
          gnutls_x509_crt_get_expiration_time (leaf) < now)
        {
          *reason = g_strdup ("the leaf is its own trust anchor but is outside its validity "
                              "period");
          return STI_DANE_MATCH_TA_CHAIN_FAILED;
        }

      for (guint i = 0; mx_names != NULL && mx_names[i] != NULL; i++)
        {
          g_autofree char *name = strip_dot (mx_names[i]);

          if (gnutls_x509_crt_check_hostname2 (leaf, name, 0) != 0)
            {
              *reason = g_strdup_printf ("the leaf is its own trust anchor and is valid for %s",
                                         name);
              return STI_DANE_MATCH_OK;
            }
        }

      {
        g_autofree char *names = mx_names != NULL ? g_strjoinv (", ", (char **)mx_names) : NULL;
        g_autofree char *clean = sti_text_sanitize_str (names != NULL ? names : "");

        *reason = g_strdup_printf ("the leaf is its own trust anchor but is valid for none of "
                                   "the names %s", clean);
      }
      return STI_DANE_MATCH_TA_NAME_MISMATCH;
    }

  if (gnutls_x509_trust_list_init (&list, 0) < 0 ||
      gnutls_x509_crt_init (&ca) < 0)
    {
      *reason = g_strdup ("out of memory");
      return STI_DANE_MATCH_TA_CHAIN_FAILED;
    }

  {
    ChainCert *cert = &g_array_index (chain, ChainCert, anchor);
    gnutls_datum_t datum;
    gsize len;

    datum.data = (unsigned char *)g_bytes_get_data (cert->cert_der, &len);
    datum.size = len;
    if (gnutls_x509_crt_import (ca, &datum, GNUTLS_X509_FMT_DER) < 0 ||
        gnutls_x509_trust_list_add_cas (list, &ca, 1, 0) != 1)
      {
        gnutls_x509_crt_deinit (ca);
        *reason = g_strdup ("the matched certificate cannot be used as an anchor");
        return STI_DANE_MATCH_TA_CHAIN_FAILED;
      }
    /* the list owns @ca now */
  }

  for (guint i = 0; i < chain->len; i++)
    crts[i] = g_array_index (chain, ChainCert, i).crt;

  ret = gnutls_x509_trust_list_verify_crt2 (list, crts, chain->len, NULL, 0, 0, &status, NULL);
  if (ret < 0 || status != 0)
    {
      g_auto(StiGnutlsDatum) text = { NULL, 0 };

      if (ret >= 0 &&
          gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0) >= 0)
        g_strchomp ((char *)text.data);
      *reason = g_strdup_printf ("the leaf does not chain to certificate %s (%s): %s",
                                 number, g_array_index (chain, ChainCert, anchor).subject,
                                 text.data != NULL ? (const char *)text.data
                                                   : gnutls_strerror (ret));
      return STI_DANE_MATCH_TA_CHAIN_FAILED;
    }

  for (guint i = 0; mx_names != NULL && mx_names[i] != NULL; i++)
    {
      g_autofree char *name = strip_dot (mx_names[i]);
      gnutls_typed_vdata_st data;

      data.type = GNUTLS_DT_DNS_HOSTNAME;
      data.data = (unsigned char *)name;
      data.size = 0;
      status = 0;
      ret = gnutls_x509_trust_list_verify_crt2 (list, crts, chain->len, &data, 1, 0,
                                                &status, NULL);
      if (ret >= 0 && status == 0)
        {
          *reason = g_strdup_printf ("certificate %s (%s) is the trust anchor; the leaf chains "
                                     "to it and is valid for %s",
                                     number, g_array_index (chain, ChainCert, anchor).subject,
                                     name);
          return STI_DANE_MATCH_OK;
        }
    }

  {
    g_autofree char *names = mx_names != NULL ? g_strjoinv (", ", (char **)mx_names) : NULL;
    g_autofree char *clean = sti_text_sanitize_str (names != NULL ? names : "");

    *reason = g_strdup_printf ("the leaf chains to certificate %s (%s) but is valid for none "
                               "of the names %s",
                               number, g_array_index (chain, ChainCert, anchor).subject, clean);
  }
  return STI_DANE_MATCH_TA_NAME_MISMATCH;
}

static const char *
selector_word (guint8 selector)
{
  return selector == 0 ? "certificate" : "public key (SPKI)";
}

static const char *
matching_word (guint8 matching_type)
{
  switch (matching_type)
    {
    case 0:
      return "full";
    case 1:
      return "SHA-256";
    default:
      return "SHA-512";
    }
}

static StiDaneMatch *
judge_record (guint               index,
              GBytes             *rdata,
              GArray             *chain,
              const char * const *mx_names)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  StiDaneMatch *match = sti_dane_match_new ();
  guint8 usage, selector, matching_type;
  gsize expected_len = 0;

  match->index = index;

  if (!sti_dns_rdata_parse_tlsa (rdata, &usage, &selector, &matching_type, &data, &error))
    {
      match->text = sti_dns_rdata_to_generic (rdata);
      match->status = STI_DANE_MATCH_MALFORMED;
      match->reason = sti_text_sanitize_str (error->message);
      return match;
    }

  match->usage = usage;
  match->selector = selector;
  match->matching_type = matching_type;
  match->text = sti_dns_rdata_to_presentation (STI_DNS_TYPE_TLSA, rdata);
  if (match->text == NULL)
    {
      g_autofree char *hex = hex_of (data);
      match->text = g_strdup_printf ("%u %u %u %s", usage, selector, matching_type, hex);
    }

  if (usage == 0 || usage == 1)
    {
      match->status = STI_DANE_MATCH_UNSUITABLE_USAGE;
      match->reason = g_strdup_printf ("usage %u (%s) is not used for SMTP (RFC 7672 §3.1.3)",
                                       usage, usage == 0 ? "PKIX-TA" : "PKIX-EE");
      return match;
    }
  if (usage != 2 && usage != 3)
    {
      match->status = STI_DANE_MATCH_UNUSABLE;
      match->reason = g_strdup_printf ("unknown certificate usage %u", usage);
      return match;
    }
  if (selector > 1)
    {
      match->status = STI_DANE_MATCH_UNUSABLE;
      match->reason = g_strdup_printf ("unknown selector %u", selector);
      return match;
    }
  if (matching_type > 2)
    {
      match->status = STI_DANE_MATCH_UNUSABLE;
      match->reason = g_strdup_printf ("unknown matching type %u", matching_type);
      return match;
    }
  expected_len = matching_type == 1 ? 32 : matching_type == 2 ? 64 : 0;
  if ((expected_len != 0 && g_bytes_get_size (data) != expected_len) ||
      g_bytes_get_size (data) == 0)
    {
      match->status = STI_DANE_MATCH_UNUSABLE;
      match->reason = g_strdup_printf ("a %s digest is %" G_GSIZE_FORMAT " bytes, the record "
                                       "has %" G_GSIZE_FORMAT,
                                       matching_word (matching_type), expected_len,
                                       g_bytes_get_size (data));
      return match;
    }

  if (chain->len == 0)
    {
      match->status = STI_DANE_MATCH_NONE;
      match->reason = g_strdup ("no certificate to compare with");
      return match;
    }

  if (usage == 3)
    {
      g_autoptr(GBytes) have = association_for (&g_array_index (chain, ChainCert, 0),
                                                selector, matching_type);

      if (have != NULL && g_bytes_equal (have, data))
        {
          match->status = STI_DANE_MATCH_OK;
          match->chain_position = 0;
          match->reason = g_strdup_printf ("the %s of the leaf certificate matches (DANE-EE: "
                                           "no name or date checks)",
                                           selector_word (selector));
        }
      else
        {
          g_autofree char *hex = NULL;

          if (have != NULL && matching_type != 0)
            hex = hex_of (have);
          match->status = STI_DANE_MATCH_NONE;
          match->reason = g_strdup_printf ("the %s %s of the leaf is %s",
                                           matching_word (matching_type), selector_word (selector),
                                           hex != NULL ? hex : "different");
        }
      return match;
    }

  /* usage 2: any certificate sent may be the anchor */
  {
    StiDaneMatchStatus best = STI_DANE_MATCH_NONE;
    g_autofree char *best_reason = NULL;

    for (guint i = 0; i < chain->len; i++)
      {
        g_autoptr(GBytes) have = association_for (&g_array_index (chain, ChainCert, i),
                                                  selector, matching_type);
        g_autofree char *reason = NULL;
        StiDaneMatchStatus status;

        if (have == NULL || !g_bytes_equal (have, data))
          continue;

        status = verify_ta (chain, i, mx_names, &reason);
        if (status == STI_DANE_MATCH_OK)
          {
            match->status = status;
            match->chain_position = i;
            match->reason = g_steal_pointer (&reason);
            return match;
          }
        /* a name mismatch says more than a broken path */
        if (best == STI_DANE_MATCH_NONE || status == STI_DANE_MATCH_TA_NAME_MISMATCH)
          {
            best = status;
            match->chain_position = i;
            g_free (best_reason);
            best_reason = g_steal_pointer (&reason);
          }
      }

    match->status = best;
    if (best_reason != NULL)
      match->reason = g_steal_pointer (&best_reason);
    else
      match->reason = g_strdup_printf ("no certificate the server sent has this %s %s "
                                       "(the anchor must be in the chain)",
                                       matching_word (matching_type), selector_word (selector));
  }

  return match;
}

static void
add_record_finding (GPtrArray          *findings,
                    const char         *id,
                    const StiDaneMatch *match)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = g_strdup_printf ("TLSA %s: %s", match->text, match->reason);

  g_variant_dict_insert (&dict, "record", "s", match->text);
  g_variant_dict_insert (&dict, "index", "x", (gint64)match->index);
  g_variant_dict_insert (&dict, "reason", "s", match->reason);
  if (match->chain_position >= 0)
    g_variant_dict_insert (&dict, "position", "x", (gint64)match->chain_position);
  sti_findings_add (findings, id, g_variant_dict_end (&dict), detail);
}

static GVariant *
fix_records_variant (GPtrArray          *chain_der,
                     const char * const *mx_names)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) records = NULL;

  if (mx_names != NULL && mx_names[0] != NULL)
    suggestions = sti_dane_generate (chain_der, mx_names[0], NULL);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    g_strv_builder_add (builder, ((StiDaneSuggestion *)g_ptr_array_index (suggestions, i))->record);
  records = g_strv_builder_end (builder);

  return g_variant_new_strv ((const char * const *)records, -1);
}

/**
 * sti_dane_evaluate:
 * @tlsa_rdata: (element-type GBytes): the raw rdata of the TLSA records at
 *   `_25._tcp.<mx>` (empty for NODATA/NXDOMAIN)
 * @tlsa_dnssec: the DNSSEC status of that answer
 * @chain_der: (element-type GBytes) (nullable): the chain as the server
 *   sent it, leaf first
 * @mx_names: (nullable): the reference identities for DANE-TA: the MX host
 *   name (and the TLSA base domain after CNAME expansion, when different)
 * @matches_out: (element-type StiDaneMatch) (nullable): receives one
 *   verdict per record, in @tlsa_rdata order
 *
 * Judges every record the way an RFC 7672 client would. Only a secure
 * (or, flagged, a not validated) answer yields dane-no-match and the
 * other per-record findings; with an insecure or bogus answer the
 * verdicts still go to @matches_out so the user sees what would match.
 * With an empty @chain_der (no handshake) nothing is said about matching:
 * the handshake failure is the finding.
 *
 * Returns: (transfer full) (element-type StiFinding): the dane-* findings
 */
GPtrArray *
sti_dane_evaluate (GPtrArray          *tlsa_rdata,
                   StiDnssecStatus     tlsa_dnssec,
                   GPtrArray          *chain_der,
                   const char * const *mx_names,
                   GPtrArray          *matches_out)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GArray) chain = NULL;
  guint n_records = tlsa_rdata != NULL ? tlsa_rdata->len : 0;
  guint n_usable = 0;
  guint n_ok = 0;
  gboolean survives = FALSE;
  gboolean judged;

  if (tlsa_dnssec == STI_DNSSEC_BOGUS)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      g_variant_dict_insert (&dict, "records", "x", (gint64)n_records);
      sti_findings_add (findings, "dane-tlsa-bogus", g_variant_dict_end (&dict),
                        "The TLSA answer failed DNSSEC validation");
    }
  else if (n_records == 0)
    {
      sti_findings_add (findings, "dane-tlsa-missing", NULL, "No TLSA records");
      return g_steal_pointer (&findings);
    }
  else if (tlsa_dnssec == STI_DNSSEC_INSECURE)
    sti_findings_add (findings, "dane-tlsa-insecure", NULL,
                      "TLSA records exist but the zone is not signed: senders ignore them");
  else if (tlsa_dnssec == STI_DNSSEC_NOT_VALIDATED)
    sti_findings_add (findings, "dane-tlsa-unvalidated", NULL,
                      "The resolver did not validate DNSSEC: "
                      "the TLSA records are judged as if secure");

  chain = import_chain (chain_der);

  for (guint i = 0; i < n_records; i++)
    {
      StiDaneMatch *match = judge_record (i, g_ptr_array_index (tlsa_rdata, i), chain, mx_names);

      g_ptr_array_add (matches, match);
      switch (match->status)
        {
        case STI_DANE_MATCH_OK:
          n_ok++;
          n_usable++;
          if (match->usage == 2)
            survives = TRUE;
          break;
        case STI_DANE_MATCH_NONE:
          n_usable++;
          /* a DANE-EE record for another key: the next key, ready */
          if (match->usage == 3)
            survives = TRUE;
          break;
        case STI_DANE_MATCH_TA_CHAIN_FAILED:
        case STI_DANE_MATCH_TA_NAME_MISMATCH:
          n_usable++;
          break;
        case STI_DANE_MATCH_UNSUITABLE_USAGE:
        case STI_DANE_MATCH_UNUSABLE:
        case STI_DANE_MATCH_MALFORMED:
        default:
          break;
        }
    }

  /* Only a secure (or unknown) answer makes senders act on the records. */
  judged = (tlsa_dnssec == STI_DNSSEC_SECURE || tlsa_dnssec == STI_DNSSEC_NOT_VALIDATED) &&
           n_records > 0;

  for (guint i = 0; judged && i < matches->len; i++)
    {
      StiDaneMatch *match = g_ptr_array_index (matches, i);

      if (match->status == STI_DANE_MATCH_MALFORMED)
        add_record_finding (findings, "dane-tlsa-malformed", match);
      else if (match->status == STI_DANE_MATCH_UNUSABLE)
        add_record_finding (findings, "dane-tlsa-unusable", match);
      else if (match->status == STI_DANE_MATCH_UNSUITABLE_USAGE)
        add_record_finding (findings, "dane-usage-unsuitable", match);
    }

  if (judged && n_usable == 0)
    {
      sti_findings_add (findings, "dane-no-usable-records", g_variant_new_parsed (
                          "{'fix_records': %v}", fix_records_variant (chain_der, mx_names)),
                        "None of the TLSA records is usable for SMTP: senders encrypt without "
                        "authenticating");
    }
  else if (judged && n_ok == 0 && chain->len > 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) reasons = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *detail = NULL;

      for (guint i = 0; i < matches->len; i++)
        {
          StiDaneMatch *match = g_ptr_array_index (matches, i);
          g_autofree char *line = g_strdup_printf ("%s: %s", match->text, match->reason);

          g_strv_builder_add (builder, line);
          if (match->status == STI_DANE_MATCH_TA_CHAIN_FAILED)
            add_record_finding (findings, "dane-ta-chain-failed", match);
          else if (match->status == STI_DANE_MATCH_TA_NAME_MISMATCH)
            add_record_finding (findings, "dane-ta-name-mismatch", match);
        }
      reasons = g_strv_builder_end (builder);
      joined = g_strjoinv ("; ", reasons);
      detail = g_strdup_printf ("No TLSA record matches the certificates sent (%s)", joined);

      g_variant_dict_insert (&dict, "reasons", "^as", reasons);
      g_variant_dict_insert_value (&dict, "fix_records", fix_records_variant (chain_der, mx_names));
      sti_findings_add (findings, "dane-no-match", g_variant_dict_end (&dict), detail);
    }
  else if (judged && n_ok > 0 && !survives)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      g_variant_dict_insert_value (&dict, "fix_records", fix_records_variant (chain_der, mx_names));
      sti_findings_add (findings, "dane-rollover-missing", g_variant_dict_end (&dict),
                        "Only records for the current leaf key match: a new key would match "
                        "none. Publish a 3 1 1 record for the next key, or a 2 1 1 record for "
                        "the issuer");
    }

  if (matches_out != NULL)
    {
      for (guint i = 0; i < matches->len; i++)
        g_ptr_array_add (matches_out, sti_dane_match_ref (g_ptr_array_index (matches, i)));
    }

  return g_steal_pointer (&findings);
}

/**
 * sti_dane_generate:
 * @chain_der: (element-type GBytes): the chain as sent, leaf first
 * @mx_host: the MX host name the records are for
 *
 * Makes the records an admin would publish for the observed chain: a
 * `3 1 1` for the leaf's key and a `2 1 1` for its issuer (when the server
 * sends one), each with whether it survives a renewal with a new key.
 *
 * Returns: (transfer full) (element-type StiDaneSuggestion): the records,
 *   or %NULL with @error set when the leaf cannot be read
 */
GPtrArray *
sti_dane_generate (GPtrArray   *chain_der,
                   const char  *mx_host,
                   GError     **error)
{
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_suggestion_unref);
  g_autoptr(GArray) chain = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (mx_host != NULL, NULL);

  chain = import_chain (chain_der);
  if (chain->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("There is no readable server certificate to make TLSA records from."));
      return NULL;
    }

  host = strip_dot (mx_host);

  for (guint i = 0; i < MIN (chain->len, 2); i++)
    {
      ChainCert *cert = &g_array_index (chain, ChainCert, i);
      g_autoptr(GBytes) digest = association_for (cert, 1, 1);
      g_autofree char *hex = hex_of (digest);
      StiDaneSuggestion *s = g_atomic_rc_box_new0 (StiDaneSuggestion);

      s->usage = i == 0 ? 3 : 2;
      s->selector = 1;
      s->matching_type = 1;
      s->chain_position = i;
      s->subject = g_strdup (cert->subject);
      s->record = g_strdup_printf ("_25._tcp.%s. IN TLSA %u 1 1 %s", host, s->usage, hex);
      if (i == 0)
        {
          s->survives_new_key = FALSE;
          s->note = g_strdup ("Matches the server's current key: it survives a renewal only if "
                              "the key is reused (e.g. certbot --reuse-key). Publish the next "
                              "key's record before switching, or pair it with a 2 1 1 record");
        }
      else
        {
          s->survives_new_key = TRUE;
          s->note = g_strdup ("Matches the issuing CA's key: it survives leaf renewals as long "
                              "as the CA issues from this key. CAs that rotate intermediates "
                              "need a record for each one they may use");
        }
      g_ptr_array_add (out, s);
    }

  return g_steal_pointer (&out);
}
