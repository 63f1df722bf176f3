/* sti-survey-summary.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-summary-private.h"

#include "sti-dns-evidence.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-finding-registry.h"
#include "sti-host-report.h"
#include "sti-text.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>
#include <string.h>

/* The summary of a survey: counters that each report adds to as it comes
 * in, and never the reports themselves, so memory stays bounded whatever
 * the survey's size. The two tables are bounded too: TLS versions by
 * MAX_VERSIONS, finding ids by MAX_FINDING_IDS (the registry has far
 * fewer; a report loaded from hostile JSON may carry any). */

#define MAX_VERSIONS    16
#define MAX_FINDING_IDS 512
#define OTHER_KEY       "other"

struct _StiSurveySummary
{
  GObject           parent_instance;

  StiSurveyFigures  figures;
  GHashTable       *versions;  /* version -> guint64 * (addresses) */
  GHashTable       *findings;  /* finding id -> guint64 * (domains) */
};

G_DEFINE_FINAL_TYPE (StiSurveySummary, sti_survey_summary, G_TYPE_OBJECT)

static void
sti_survey_summary_finalize (GObject *object)
{
  StiSurveySummary *self = (StiSurveySummary *)object;

  g_clear_pointer (&self->versions, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_hash_table_unref);

  G_OBJECT_CLASS (sti_survey_summary_parent_class)->finalize (object);
}

static void
sti_survey_summary_class_init (StiSurveySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_survey_summary_finalize;
}

static void
sti_survey_summary_init (StiSurveySummary *self)
{
  self->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->findings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Adds @n under @key, or under "other" once the table is full. */
static void
count_key (GHashTable *table,
           const char *key,
           guint       max_keys,
           guint64     n)
{
  guint64 *count = g_hash_table_lookup (table, key);

  if (count == NULL && g_hash_table_size (table) >= max_keys)
    key = OTHER_KEY;
  count = g_hash_table_lookup (table, key);
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (table, sti_text_sanitize_str (key), count);
    }
  *count += n;
}

static void
add_endpoint (StiSurveySummary  *self,
              StiEndpointReport *endpoint)
{
  StiSurveyFigures *f = &self->figures;
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);
  const char *version;

  f->addresses++;
  if (!sti_endpoint_report_get_reachable (endpoint))
    {
      f->addr_unreachable++;
      return;
    }
  if (sti_endpoint_report_stopped_before_starttls (endpoint))
    {
      f->addr_temporary++;
      return;
    }

  f->addr_answered++;
  f->addr_starttls += sti_endpoint_report_get_starttls_offered (endpoint);
  if (!sti_endpoint_report_get_tls_established (endpoint))
    return;

  f->addr_tls++;
  f->addr_verified += sti_endpoint_report_get_certificate_verified (endpoint);
  f->addr_names_match += !sti_findings_contain (findings, "cert-name-mismatch");
  version = sti_endpoint_report_get_tls_version (endpoint);
  count_key (self->versions, version != NULL ? version : "unknown", MAX_VERSIONS, 1);
}

/* Policies the domain publishes, as the verdict lists them: the MTA-STS
 * record, the TLS-RPT record, then each MX host's TLSA records. */
static void
add_policies (StiSurveySummary   *self,
              StiDomainReport    *report,
              const StiReadiness *readiness)
{
  StiSurveyFigures *f = &self->figures;
  g_autoptr(GPtrArray) records = sti_verdict_dup_policy_records (report);
  StiDnsEvidence *mx = sti_domain_report_find_dns_evidence (report,
                                                            sti_domain_report_get_domain (report),
                                                            "MX");
  gboolean tlsa = FALSE;

  f->mta_sts[readiness->mta_sts]++;
  if (records->len > 1)
    {
      StiPolicyRecord *rpt = g_ptr_array_index (records, 1);

      f->tls_rpt += rpt->records != NULL && rpt->records[0] != NULL;
    }
  for (guint i = 2; i < records->len; i++)
    {
      StiPolicyRecord *record = g_ptr_array_index (records, i);

      tlsa |= record->records != NULL && record->records[0] != NULL;
    }
  f->dane_published += tlsa;
  f->dane_valid += readiness->passing[STI_READINESS_DANE] > 0;
  f->dnssec += mx != NULL && sti_dns_evidence_get_dnssec (mx) == STI_DNSSEC_SECURE;
}

/* Each finding id once per domain: "how many domains have it". */
static void
add_findings (StiSurveySummary *self,
              StiDomainReport  *report)
{
  g_autoptr(GPtrArray) findings = sti_domain_report_collect_findings (report);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < findings->len; i++)
    {
      const char *id = sti_finding_get_id (g_ptr_array_index (findings, i));

      if (g_hash_table_add (seen, (gpointer)id))
        count_key (self->findings, id, MAX_FINDING_IDS, 1);
    }
}

static int
postfix_tls_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i < STI_POSTFIX_TLS_N; i++)
    if (g_ascii_strcasecmp (text, sti_postfix_tls_to_string (i)) == 0)
      return i;

  return -1;
}

/**
 * sti_survey_summary_add:
 * @report: one domain's finished report
 * @weight: the messages the domain received (from a Postfix log), or 0
 *   when the survey's input carries no weights: the domain counts as one
 * @postfix_tls: (nullable): what Postfix logged for its deliveries:
 *   "Trusted", "Verified", "Untrusted" or "Anonymous"
 *
 * Adds @report's figures to the summary. Nothing of @report is kept.
 */
void
sti_survey_summary_add (StiSurveySummary *self,
                        StiDomainReport  *report,
                        guint64           weight,
                        const char       *postfix_tls)
{
  StiSurveyFigures *f;
  StiReadiness readiness;
  GPtrArray *hosts;
  guint64 messages = MAX (weight, 1);
  int postfix = postfix_tls_from_string (postfix_tls);

  g_return_if_fail (STI_IS_SURVEY_SUMMARY (self));
  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));

  f = &self->figures;
  sti_readiness_judge (report, &readiness);

  f->domains++;
  f->messages += messages;
  f->weighted |= weight > 0;
  f->domains_by_reach[readiness.reach]++;
  f->messages_by_reach[readiness.reach] += messages;

  hosts = sti_domain_report_get_hosts (report);
  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      f->mx_hosts++;
      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        add_endpoint (self, g_ptr_array_index (endpoints, j));
    }

  for (guint level = 0; level < STI_READINESS_N_LEVELS; level++)
    if (sti_readiness_delivers (&readiness, level))
      {
        f->ready_domains[level]++;
        f->ready_messages[level] += messages;
      }

  add_policies (self, report, &readiness);
  add_findings (self, report);

  if (postfix >= 0)
    {
      StiSurveyOurs ours = sti_survey_ours_for_readiness (&readiness);

      f->postfix_domains[postfix][ours]++;
      f->postfix_messages[postfix][ours] += messages;
      f->postfix_total++;
    }
}

StiSurveySummary *
sti_survey_summary_new (void)
{
  return g_object_new (STI_TYPE_SURVEY_SUMMARY, NULL);
}

/* Returns: (transfer none): the figures so far */
const StiSurveyFigures *
sti_survey_summary_get_figures (StiSurveySummary *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);
  return &self->figures;
}

/**
 * sti_survey_summary_dup_headline:
 *
 * Returns: (transfer full): the survey's size in a line: "36 domains
 *   checked · MX hosts: 38 · MX addresses: 38"
 */
char *
sti_survey_summary_dup_headline (StiSurveySummary *self)
{
  g_autofree char *domains = NULL;

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  domains = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%llu domain checked",
                                          "%llu domains checked",
                                          self->figures.domains),
                             (unsigned long long)self->figures.domains);
  /* Translators: the first %s is "36 domains checked", then two counts */
  return g_strdup_printf (_("%s · MX hosts: %llu · MX addresses: %llu"), domains,
                          (unsigned long long)self->figures.mx_hosts,
                          (unsigned long long)self->figures.addresses);
}

static guint
set_shares (StiSurveyShare       *shares,
            const StiSurveyShare *rows,
            guint                 n_rows)
{
  g_assert (n_rows <= STI_SURVEY_MAX_SHARES);

  memcpy (shares, rows, n_rows * sizeof *rows);
  return n_rows;
}

static guint
get_readiness (const StiSurveyFigures *f,
               const guint64          *ready,
               guint64                 whole,
               StiSurveyShare         *shares)
{
  for (guint level = 0; level < STI_READINESS_N_LEVELS; level++)
    shares[level] = (StiSurveyShare) { sti_readiness_level_get_label (level), ready[level], whole,
                                       FALSE };

  return STI_READINESS_N_LEVELS;
}

/**
 * sti_survey_summary_get_shares:
 * @section: which rows
 * @shares: (out caller-allocates) (array fixed-size=8): the rows
 *
 * Returns: the number of rows of @section
 */
guint
sti_survey_summary_get_shares (StiSurveySummary *self,
                               StiSurveySection  section,
                               StiSurveyShare   *shares)
{
  const StiSurveyFigures *f;

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), 0);
  g_return_val_if_fail (shares != NULL, 0);

  f = &self->figures;
  switch (section)
    {
    case STI_SURVEY_SECTION_DOMAINS:
      return set_shares (shares, (StiSurveyShare[]) {
        { _("Judged (a mail server answered)"), f->domains_by_reach[STI_REACH_ANSWERED],
          f->domains },
        { _("No mail server (null MX, no such domain, DNS failure)"),
          f->domains_by_reach[STI_REACH_NO_MAIL_SERVER], f->domains },
        { _("Not reached"), f->domains_by_reach[STI_REACH_UNREACHABLE], f->domains },
        { _("Stopped before STARTTLS (421, greylisting, tarpit)"),
          f->domains_by_reach[STI_REACH_TEMPORARY], f->domains },
      }, 4);
    case STI_SURVEY_SECTION_ADDRESSES:
      return set_shares (shares, (StiSurveyShare[]) {
        { _("Offer STARTTLS"), f->addr_starttls, f->addr_answered },
        /* Translators: the share of MX addresses offering STARTTLS in the 2015 survey */
        { _("Offered STARTTLS in 2015"), (guint64)(STI_SURVEY_STARTTLS_SHARE_2015 * 1000), 1000,
          TRUE },
        { _("TLS established"), f->addr_tls, f->addr_answered },
        { _("Certificate verifies"), f->addr_verified, f->addr_tls },
        { _("Certificate names the MX host"), f->addr_names_match, f->addr_tls },
      }, 5);
    case STI_SURVEY_SECTION_POLICIES:
      return set_shares (shares, (StiSurveyShare[]) {
        { _("MTA-STS in enforce mode"), f->mta_sts[STI_MTA_STS_STATE_ENFORCE], f->domains },
        { _("MTA-STS in testing mode"), f->mta_sts[STI_MTA_STS_STATE_TESTING], f->domains },
        { _("MTA-STS published but not working"), f->mta_sts[STI_MTA_STS_STATE_BROKEN],
          f->domains },
        /* Translators: a share of domains: their MTA-STS TXT record could not be
         * looked up (a timeout or a server failure), so whether they publish a
         * policy is not known */
        { _("MTA-STS not known: the lookup of its record failed"),
          f->mta_sts[STI_MTA_STS_STATE_UNKNOWN], f->domains },
        { _("DANE: TLSA records published"), f->dane_published, f->domains },
        { _("DANE: a signed TLSA record matches"), f->dane_valid, f->domains },
        { _("TLS-RPT record"), f->tls_rpt, f->domains },
        { _("DNSSEC-signed MX records"), f->dnssec, f->domains },
      }, 8);
    case STI_SURVEY_SECTION_READINESS:
      return get_readiness (f, f->ready_domains, f->domains_by_reach[STI_REACH_ANSWERED], shares);
    case STI_SURVEY_SECTION_READINESS_MESSAGES:
    default:
      return get_readiness (f, f->ready_messages, f->messages_by_reach[STI_REACH_ANSWERED],
                            shares);
    }
}

void
sti_survey_count_free (StiSurveyCount *count)
{
  if (count == NULL)
    return;

  g_free (count->key);
  g_free (count->label);
  g_free (count);
}

static GPtrArray *
dup_counts (GHashTable *table)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_survey_count_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      StiSurveyCount *count = g_new0 (StiSurveyCount, 1);

      count->key = g_strdup (key);
      count->count = *(guint64 *)value;
      g_ptr_array_add (counts, count);
    }

  return counts;
}

/* Newest version first: "TLS1.3" sorts after "TLS1.2", "other" last. */
static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const StiSurveyCount *x = *(StiSurveyCount * const *)a;
  const StiSurveyCount *y = *(StiSurveyCount * const *)b;

  return strcmp (y->key, x->key);
}

/**
 * sti_survey_summary_dup_tls_versions:
 *
 * Returns: (transfer container) (element-type StiSurveyCount): the TLS
 *   versions negotiated and how many addresses negotiated each, newest first
 */
GPtrArray *
sti_survey_summary_dup_tls_versions (StiSurveySummary *self)
{
  GPtrArray *counts;

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  counts = dup_counts (self->versions);
  g_ptr_array_sort (counts, compare_versions);
  for (guint i = 0; i < counts->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (counts, i);

      count->label = g_strdup (count->key);
    }

  return counts;
}

/* Most frequent first; among equals by id, so the order is stable. */
static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const StiSurveyCount *x = *(StiSurveyCount * const *)a;
  const StiSurveyCount *y = *(StiSurveyCount * const *)b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->key, y->key);
}

/**
 * sti_survey_summary_dup_top_findings:
 * @n: how many to return at most
 *
 * Returns: (transfer container) (element-type StiSurveyCount): the @n
 *   findings that most domains have, with their titles from the registry
 */
GPtrArray *
sti_survey_summary_dup_top_findings (StiSurveySummary *self,
                                     guint             n)
{
  GPtrArray *counts;

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  counts = dup_counts (self->findings);
  g_ptr_array_sort (counts, compare_counts);
  if (counts->len > n)
    g_ptr_array_set_size (counts, n);

  for (guint i = 0; i < counts->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (counts, i);
      const StiFindingEntry *entry = sti_finding_lookup (count->key);

      if (entry != NULL)
        count->label = g_strdup (sti_finding_entry_get_title (entry));
      else if (g_str_equal (count->key, OTHER_KEY))
        count->label = g_strdup (_("Other findings"));
      else
        count->label = g_strdup (count->key);
    }

  return counts;
}

/* Our finding on Postfix's scale: does a certificate verify? */
StiSurveyOurs
sti_survey_ours_for_readiness (const StiReadiness *readiness)
{
  g_return_val_if_fail (readiness != NULL, STI_SURVEY_OURS_UNKNOWN);

  if (sti_readiness_delivers (readiness, STI_READINESS_VERIFY))
    return STI_SURVEY_OURS_VERIFIED;
  if (sti_readiness_delivers (readiness, STI_READINESS_ENCRYPT))
    return STI_SURVEY_OURS_ENCRYPTED;
  if (sti_readiness_delivers (readiness, STI_READINESS_OPPORTUNISTIC))
    return STI_SURVEY_OURS_PLAINTEXT;
  return STI_SURVEY_OURS_UNKNOWN;
}

/* The word Postfix logs ("Verified TLS connection established"). */
const char *
sti_postfix_tls_to_string (StiPostfixTls value)
{
  switch (value)
    {
    case STI_POSTFIX_TLS_VERIFIED:  return "Verified";
    case STI_POSTFIX_TLS_TRUSTED:   return "Trusted";
    case STI_POSTFIX_TLS_UNTRUSTED: return "Untrusted";
    case STI_POSTFIX_TLS_ANONYMOUS: return "Anonymous";
    case STI_POSTFIX_TLS_N:
    default:                        return "unknown";
    }
}

const char *
sti_survey_ours_to_string (StiSurveyOurs value)
{
  switch (value)
    {
    case STI_SURVEY_OURS_VERIFIED:  return "verified";
    case STI_SURVEY_OURS_ENCRYPTED: return "encrypted";
    case STI_SURVEY_OURS_PLAINTEXT: return "plaintext";
    case STI_SURVEY_OURS_UNKNOWN:
    case STI_SURVEY_OURS_N:
    default:                        return "unknown";
    }
}

const char *
sti_survey_ours_get_label (StiSurveyOurs value)
{
  switch (value)
    {
    /* Translators: what the survey found for a domain */
    case STI_SURVEY_OURS_VERIFIED:  return _("verified certificate");
    /* Translators: what the survey found for a domain */
    case STI_SURVEY_OURS_ENCRYPTED: return _("encrypted, not verified");
    /* Translators: what the survey found for a domain */
    case STI_SURVEY_OURS_PLAINTEXT: return _("plaintext only");
    case STI_SURVEY_OURS_UNKNOWN:
    case STI_SURVEY_OURS_N:
    /* Translators: what the survey found for a domain */
    default:                        return _("not judged");
    }
}

/* @part of @whole as a fraction, 0 when @whole is 0. */
double
sti_survey_share (guint64 part,
                  guint64 whole)
{
  return whole > 0 ? (double)part / (double)whole : 0.0;
}

char *
sti_survey_dup_percent (guint64 part,
                guint64 whole)
{
  if (whole == 0)
    return g_strdup ("–");
  /* Translators: a percentage; keep the %% */
  return g_strdup_printf (_("%.1f %%"), 100.0 * sti_survey_share (part, whole));
}
