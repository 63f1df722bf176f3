/* sti-mandatory-dane.c: the DANE part of the plan: TLSA records, DNSSEC, rollover
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mandatory-plan-private.h"

#include "sti-chain-link.h"
#include "sti-dane.h"
#include "sti-dns-evidence.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* The records come from sti_dane_generate() (the leaf's key, 3 1 1, and
 * its issuer's, 2 1 1) and are proved by sti_dane_evaluate(), the code
 * that judges a domain's records, against the chain the server sent. The
 * records the domain publishes now are judged by it too: a record that
 * matches stays, one that does not goes. */

/* The wire form of "U S M HEX", as the resolver would hand it over. */
static GBytes *
tlsa_rdata (const char *presentation)
{
  guint usage, selector, matching_type;
  char hex[257] = { 0 };
  g_autofree guint8 *digest = NULL;
  GByteArray *out;
  gsize len = 0;

  if (sscanf (presentation, "%u %u %u %256s", &usage, &selector, &matching_type, hex) != 4 ||
      usage > 255 || selector > 255 || matching_type > 255 ||
      (digest = sti_hex_decode (hex, &len)) == NULL)
    return NULL;

  out = g_byte_array_new ();
  g_byte_array_append (out, (guint8[]){ usage, selector, matching_type }, 3);
  g_byte_array_append (out, digest, len);
  return g_byte_array_free_to_bytes (out);
}

/* The certificates as sent, in DER, as the DANE code takes them. */
static GPtrArray *
sent_chain_der (StiEndpointReport *endpoint)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  GPtrArray *ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < chain->len; i++)
    g_ptr_array_add (ders, g_bytes_ref (sti_certificate_get_der (g_ptr_array_index (chain, i))));
  return ders;
}

/* The leaf and its issuer: from the chain as built, so that a chain sent
 * out of order still gives the right issuer. A 2 1 1 record matches only
 * a certificate the server sends (RFC 7672 §3.1.1): an issuer from the
 * trust store or fetched through AIA is left out. */
static GPtrArray *
leaf_and_issuer (StiEndpointReport *endpoint,
                 gboolean          *issuer_unsent)
{
  GPtrArray *built = sti_endpoint_report_get_built_chain (endpoint);
  GPtrArray *ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  *issuer_unsent = FALSE;
  if (built == NULL || built->len == 0)
    {
      g_autoptr(GPtrArray) sent = sent_chain_der (endpoint);

      for (guint i = 0; i < MIN (sent->len, 2); i++)
        g_ptr_array_add (ders, g_bytes_ref (g_ptr_array_index (sent, i)));
      return ders;
    }

  for (guint i = 0; i < MIN (built->len, 2); i++)
    {
      const StiChainLink *link = g_ptr_array_index (built, i);

      if (link->origin != STI_CHAIN_ORIGIN_SENT)
        {
          *issuer_unsent = TRUE;
          break;
        }
      g_ptr_array_add (ders, g_bytes_ref (sti_certificate_get_der (link->certificate)));
    }
  return ders;
}

/* The verdicts of the DANE code on @records ("U S M HEX" each) against
 * @endpoint's chain, judged as if signed: whether the zone is signed is
 * the DNSSEC part's to say. */
static GPtrArray *
judge (const char * const *records,
       StiEndpointReport  *endpoint,
       const char         *host)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = sent_chain_der (endpoint);
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  const char *names[] = { host, NULL };

  for (guint i = 0; records[i] != NULL; i++)
    {
      GBytes *bytes = tlsa_rdata (records[i]);

      g_ptr_array_add (rdata, bytes != NULL ? bytes : g_bytes_new (NULL, 0));
    }
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, names, matches);
  return matches;
}

/* "3 1 1 ab…" of a zone line "_25._tcp.mx. IN TLSA 3 1 1 ab…". */
static const char *
rdata_of (const char *record)
{
  const char *p = strstr (record, " IN TLSA ");

  return p != NULL ? p + strlen (" IN TLSA ") : record;
}

static const StiDaneSuggestion *
find_suggestion (GPtrArray  *suggestions,
                 const char *rdata)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      const StiDaneSuggestion *s = g_ptr_array_index (suggestions, i);

      if (g_ascii_strcasecmp (rdata_of (s->record), rdata) == 0)
        return s;
    }
  return NULL;
}

/* The records published now: those that match stay (and stand for the
 * one made here when it is the same), the others go. Returns the
 * suggestions that are published already. */
static GHashTable *
add_published (MpContext           *ctx,
               StiMandatorySection *section,
               StiEndpointReport   *endpoint,
               const char          *host,
               GPtrArray           *suggestions)
{
  g_autofree char *owner = g_strdup_printf ("_25._tcp.%s", host);
  StiDnsEvidence *evidence = sti_domain_report_find_dns_evidence (ctx->report, owner, "TLSA");
  GHashTable *kept = g_hash_table_new (NULL, NULL);
  const char * const *records;
  g_autoptr(GPtrArray) matches = NULL;

  if (evidence == NULL || g_strcmp0 (sti_dns_evidence_get_result (evidence), "noerror") != 0)
    return kept;

  records = sti_dns_evidence_get_records (evidence);
  matches = judge (records, endpoint, host);
  for (guint i = 0; i < matches->len; i++)
    {
      const StiDaneMatch *match = g_ptr_array_index (matches, i);
      const char *rdata = records[match->index];
      g_autofree char *line = mp_zone_line (owner, "TLSA", rdata);
      g_autofree char *id = g_strdup_printf ("tlsa-published-%u:%s", match->index, host);
      const StiDaneSuggestion *same = find_suggestion (suggestions, rdata);

      if (match->status != STI_DANE_MATCH_OK)
        {
          /* Translators: %s is the DANE check's reason, in English */
          g_autofree char *note = g_strdup_printf (_("Senders that use DANE cannot match it "
                                                     "with the server (%s): remove it."),
                                                   match->reason);

          g_ptr_array_add (section->records,
                           mp_record_new (id, _("TLSA record that does not match"), line, line,
                                          STI_MANDATORY_CHANGE_REMOVE, note));
          continue;
        }
      if (same != NULL)
        {
          g_hash_table_add (kept, (gpointer)same);
          continue;
        }
      g_ptr_array_add (section->records,
                       mp_record_new (id, _("TLSA record that matches"), line, line,
                                      STI_MANDATORY_CHANGE_KEEP,
                                      _("Published already, and it matches the server: keep "
                                        "it.")));
    }

  return kept;
}

/* The records made for one MX host, proved against its chain. */
static void
add_host_records (MpContext           *ctx,
                  StiMandatorySection *section,
                  StiEndpointReport   *endpoint,
                  const char          *host)
{
  gboolean issuer_unsent = FALSE;
  g_autoptr(GPtrArray) ders = leaf_and_issuer (endpoint, &issuer_unsent);
  g_autoptr(GPtrArray) suggestions = sti_dane_generate (ders, host, NULL);
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) made = NULL;
  g_autoptr(GPtrArray) matches = NULL;

  if (suggestions == NULL)
    return;

  for (guint i = 0; i < suggestions->len; i++)
    g_strv_builder_add (builder, rdata_of (((StiDaneSuggestion *)g_ptr_array_index (suggestions,
                                                                                   i))->record));
  made = g_strv_builder_end (builder);
  matches = judge ((const char * const *)made, endpoint, host);
  kept = add_published (ctx, section, endpoint, host, suggestions);

  for (guint i = 0; i < suggestions->len; i++)
    {
      const StiDaneSuggestion *s = g_ptr_array_index (suggestions, i);
      const StiDaneMatch *match = g_ptr_array_index (matches, i);
      gboolean published = g_hash_table_contains (kept, s);
      g_autofree char *id = g_strdup_printf ("tlsa-%u-1-1:%s", s->usage, host);
      g_autofree char *title = NULL;

      /* A record the matching code does not accept is never offered. */
      if (match->status != STI_DANE_MATCH_OK)
        continue;

      title = s->usage == 3
        /* Translators: %s is an MX host name */
        ? g_strdup_printf (_("TLSA 3 1 1 for %s (the server's key)"), host)
        /* Translators: %s is an MX host name */
        : g_strdup_printf (_("TLSA 2 1 1 for %s (the issuing CA's key)"), host);
      g_ptr_array_add (section->records,
                       mp_record_new (id, title, s->record, published ? s->record : NULL,
                                      published ? STI_MANDATORY_CHANGE_KEEP
                                                : STI_MANDATORY_CHANGE_ADD,
                                      s->survives_new_key
                                        ? _("It matches the CA certificate the server sends: "
                                            "it survives renewals as long as the CA issues "
                                            "from this key.")
                                        : _("It matches the server's current key: it survives "
                                            "a renewal only when the key is kept.")));
    }

  if (issuer_unsent)
    /* Translators: %s is an MX host name */
    g_ptr_array_add (section->warnings,
                     g_strdup_printf (_("%s does not send the certificate of the CA that "
                                        "issued its own, so no 2 1 1 record can match: "
                                        "configure the full chain file to get one."), host));
}

/* Whether the answers senders need for DANE are signed: the domain's MX
 * records (RFC 7672 §2.2.1) and each MX host's TLSA records. */
static void
add_dnssec (MpContext           *ctx,
            StiMandatorySection *section)
{
  StiDnsEvidence *mx = sti_domain_report_find_dns_evidence (ctx->report, ctx->domain, "MX");
  StiDnssecStatus status = mx != NULL ? sti_dns_evidence_get_dnssec (mx) : STI_DNSSEC_NOT_VALIDATED;

  for (guint i = 0; ctx->mx_hosts[i] != NULL && status == STI_DNSSEC_SECURE; i++)
    {
      g_autofree char *owner = g_strdup_printf ("_25._tcp.%s", ctx->mx_hosts[i]);
      StiDnsEvidence *tlsa = sti_domain_report_find_dns_evidence (ctx->report, owner, "TLSA");

      if (tlsa != NULL)
        status = sti_dns_evidence_get_dnssec (tlsa);
    }

  switch (status)
    {
    case STI_DNSSEC_SECURE:
      g_ptr_array_add (section->steps,
                       g_strdup (_("The zone is signed with DNSSEC, as DANE requires: the check "
                                   "validated its answers.")));
      break;

    case STI_DNSSEC_NOT_VALIDATED:
      g_ptr_array_add (section->warnings,
                       g_strdup (_("DANE needs a zone signed with DNSSEC, and the DNS server the "
                                   "check used does not validate, so it could not tell whether "
                                   "yours is. Check again with a validating resolver before "
                                   "relying on these records.")));
      break;

    case STI_DNSSEC_INSECURE:
    case STI_DNSSEC_BOGUS:
    default:
      g_ptr_array_add (section->warnings,
                       g_strdup (_("The zone is not signed with DNSSEC (the check's answers for "
                                   "it were provably unsigned): senders ignore TLSA records "
                                   "until it is. Sign the zone, and the zones of the MX hosts, "
                                   "and publish the DS record at the parent first; publish the "
                                   "TLSA records after that.")));
      break;
    }
}

/* "10 minutes", or "90 seconds" when that is not whole minutes. */
static char *
dup_wait (gint64 seconds)
{
  if (seconds >= 60 && seconds % 60 == 0)
    /* Translators: a time to wait */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                         seconds / 60),
                            (guint)(seconds / 60));
  /* Translators: a time to wait */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                          (guint)seconds);
}

static void
add_rollover (MpContext           *ctx,
              StiMandatorySection *section)
{
  g_autofree char *owner = g_strdup_printf ("_25._tcp.%s", ctx->mx_hosts[0]);
  StiDnsEvidence *tlsa = sti_domain_report_find_dns_evidence (ctx->report, owner, "TLSA");
  StiDnsEvidence *mx = sti_domain_report_find_dns_evidence (ctx->report, ctx->domain, "MX");
  StiDnsEvidence *ttl_from = tlsa != NULL && sti_dns_evidence_get_ttl (tlsa) > 0 ? tlsa : mx;
  gint64 ttl = ttl_from != NULL ? sti_dns_evidence_get_ttl (ttl_from) : 0;
  g_autofree char *wait = dup_wait (MAX (ttl, 1) * 2);
  GPtrArray *steps = section->steps;

  g_ptr_array_add (steps, g_strdup (_("Publish both records of each MX host: senders accept "
                                      "the server when either matches, so the 2 1 1 record "
                                      "carries a renewal with a new key.")));
  g_ptr_array_add (steps, g_strdup (_("Renewing with the same key (certbot --reuse-key, or the "
                                      "same key file for a new request) keeps the 3 1 1 "
                                      "record valid.")));
  /* Translators: %s is a duration, "10 minutes" */
  g_ptr_array_add (steps, g_strdup_printf (_("Before a new key goes live: publish its 3 1 1 "
                                             "record beside the current one, wait at least "
                                             "twice the record's TTL (here %s), install the new "
                                             "certificate, check again, then remove the old "
                                             "record."), wait));
  g_ptr_array_add (steps, g_strdup (_("When the CA changes the intermediate certificate it "
                                      "issues from, publish the new one's 2 1 1 record the "
                                      "same way, before the new certificate is installed.")));
}

/**
 * mp_build_dane:
 *
 * Returns: (transfer full): the DANE section: the TLSA records of every
 *   MX host, what to remove, the DNSSEC prerequisite and the rollover
 */
StiMandatorySection *
mp_build_dane (MpContext *ctx)
{
  StiMandatorySection *section;

  section = mp_section_new ("dane", _("DANE (TLSA records)"),
                            _("DANE publishes the key of each mail server in DNS, signed with "
                              "DNSSEC. Senders that use it (Postfix, Exim and large providers) "
                              "then refuse any server without TLS or with another key, and "
                              "need no certificate authority."));

  add_dnssec (ctx, section);
  for (guint i = 0; i < ctx->passing->len; i++)
    {
      StiEndpointReport *endpoint = g_ptr_array_index (ctx->passing, i);
      const char *name = sti_endpoint_report_get_host (endpoint);
      gsize len = strlen (name);
      g_autofree char *host = g_ascii_strdown (name, len > 1 && name[len - 1] == '.' ? len - 1
                                                                                     : len);

      add_host_records (ctx, section, endpoint, host);
    }
  add_rollover (ctx, section);

  return section;
}
