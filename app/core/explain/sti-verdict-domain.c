/* sti-verdict-domain.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-verdict.h"

#include "sti-catalog.h"
#include "sti-verdict-private.h"

#include "sti-dns-evidence.h"
#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-finding-registry.h"
#include "sti-host-report.h"
#include "sti-policy-record-words.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The domain's verdict: one sentence a newcomer understands and its short
 * title, the policy sentence, and the policy records, all from the
 * endpoint verdicts of sti-verdict.c and the report model. */

/* The verdict when no mail server was probed: why not. */
static char *
dup_nothing_probed_sentence (StiDomainReport  *report,
                             GPtrArray        *findings,
                             const char       *domain,
                             const char      **title_out)
{
  if (sti_findings_contain (findings, "null-mx"))
    {
      *title_out = C_("verdict", "Accepts no mail");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("%s states that it accepts no mail (null MX), "
                                "so there is no mail server to check."), domain);
    }
  if (sti_findings_contain (findings, "dns-nxdomain"))
    {
      *title_out = C_("verdict", "Domain does not exist");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("%s does not exist in DNS, so no mail can be delivered to it."),
                              domain);
    }
  if (sti_findings_contain (findings, "dnssec-bogus"))
    {
      *title_out = C_("verdict", "DNSSEC validation fails");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("The DNS answers for %s fail DNSSEC validation, "
                                "so senders that validate DNSSEC cannot find its mail servers, "
                                "and none was checked."), domain);
    }
  if (sti_findings_contain (findings, "dns-resolver-failed"))
    {
      *title_out = C_("verdict", "Your DNS server did not answer");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("The DNS server you chose did not answer the lookups for %s, "
                                "so no mail server could be checked."), domain);
    }
  if (sti_findings_contain (findings, "dns-timeout") ||
      sti_findings_contain (findings, "dns-servfail"))
    {
      *title_out = C_("verdict", "DNS lookups failed");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("The DNS lookups for %s failed, "
                                "so no mail server could be checked."), domain);
    }
  if (sti_domain_report_get_skipped (report) != NULL &&
      sti_domain_report_get_skipped (report)[0] != NULL)
    {
      *title_out = C_("verdict", "Nothing checked");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("No mail server of %s was checked."), domain);
    }
  *title_out = C_("verdict", "No mail server found");
  /* Translators: %s is the mail domain */
  return g_strdup_printf (_("No mail server of %s could be found to check."), domain);
}

/* Is mail encrypted, and verified? One sentence; @encrypted_out says
 * whether every server that answered encrypts (only then does it matter
 * whether a policy makes that mandatory), @title_out the verdict in a few
 * words: each branch sets both, so the short title can never say
 * something the sentence does not. */
static char *
dup_state_sentence (StiDomainReport  *report,
                    gboolean         *encrypted_out,
                    const char      **title_out)
{
  GPtrArray *hosts;
  g_autoptr(GPtrArray) findings = NULL;
  const char *domain;
  const char *refused_version = NULL;
  guint endpoints = 0, reachable = 0, encrypted = 0, verified = 0, refused = 0, stopped = 0;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  hosts = sti_domain_report_get_hosts (report);
  findings = sti_domain_report_collect_findings (report);
  domain = sti_domain_report_get_domain_unicode (report);

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *list = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < list->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (list, j);
          /* Encrypted as the senders the verdict assumes see it */
          gboolean refuses = vs_senders_refuse_tls (endpoint);
          gboolean tls = sti_endpoint_report_get_tls_established (endpoint) && !refuses;

          endpoints++;
          reachable += sti_endpoint_report_get_reachable (endpoint);
          encrypted += tls;
          verified += tls && sti_endpoint_report_get_certificate_verified (endpoint);
          refused += refuses;
          stopped += sti_endpoint_report_stopped_before_starttls (endpoint);
          if (refuses && refused_version == NULL)
            refused_version = sti_endpoint_report_get_tls_version (endpoint);
        }
    }

  *encrypted_out = reachable > 0 && encrypted == reachable;

  if (endpoints == 0)
    return dup_nothing_probed_sentence (report, findings, domain, title_out);

  if (reachable == 0)
    {
      *title_out = C_("verdict", "Mail servers unreachable");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("None of the mail servers of %s could be reached from here."),
                              domain);
    }

  if (refused > 0)
    {
      *title_out = C_("verdict", "Refused by common senders");
      return vs_dup_refused_sentence (domain, refused_version, refused == reachable);
    }

  /* Only servers that stopped early (a 421, a timeout) are not
   * encrypted: nothing says that mail to them would be. */
  if (encrypted < reachable && encrypted + stopped == reachable)
    {
      *title_out = C_("verdict", "Not checked to the end");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("Mail to %s could not be checked to the end: at least one of its "
                                "mail servers stopped the dialogue before STARTTLS (a temporary "
                                "refusal or a timeout). Check again later."), domain);
    }

  if (encrypted < reachable)
    {
      *title_out = C_("verdict", "Not always encrypted");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("Mail to %s can travel unencrypted: at least one of its mail "
                                "servers does not complete STARTTLS."), domain);
    }

  if (verified < encrypted)
    {
      *title_out = C_("verdict", "Encrypted, not authenticated");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("Mail to %s is encrypted, but its certificates can't be verified, "
                                "so a sender that insists on security will refuse it."), domain);
    }

  if (reachable < endpoints)
    {
      *title_out = C_("verdict", "Encrypted, some servers unreachable");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("Mail to %s is encrypted with verified certificates, but some of "
                                "its mail server addresses could not be reached."), domain);
    }

  if (sti_findings_contain (findings, "cert-expiring-soon"))
    {
      *title_out = C_("verdict", "Encrypted, a certificate expires soon");
      /* Translators: %s is the mail domain */
      return g_strdup_printf (_("Mail to %s is encrypted with verified certificates, "
                                "but a certificate expires soon."), domain);
    }

  /* Encrypted and verified, yet something worse than a note remains (a
   * STARTTLS injection flaw, a broken policy, …): name the worst. */
  if (findings->len > 0 &&
      sti_finding_get_severity (g_ptr_array_index (findings, 0)) >= STI_SEVERITY_WARNING)
    {
      g_autoptr(StiExplanation) worst = sti_catalog_explain (g_ptr_array_index (findings, 0), NULL);

      if (sti_finding_get_severity (g_ptr_array_index (findings, 0)) == STI_SEVERITY_ERROR)
        {
          *title_out = C_("verdict", "Encrypted, with a serious problem");
          /* Translators: the second %s is the title of a problem, e.g. "Plaintext injected
           * into STARTTLS" */
          return g_strdup_printf (_("Mail to %s is encrypted with verified certificates, "
                                    "but a serious problem needs fixing: %s."),
                                  domain, sti_explanation_get_title (worst));
        }
      *title_out = C_("verdict", "Encrypted, with a problem to fix");
      /* Translators: the second %s is the title of a problem */
      return g_strdup_printf (_("Mail to %s is encrypted with verified certificates, "
                                "but something should be fixed: %s."),
                              domain, sti_explanation_get_title (worst));
    }

  *title_out = C_("verdict", "Encrypted and authenticated");
  /* Translators: %s is the mail domain */
  return g_strdup_printf (_("Mail to %s is encrypted, "
                            "and every mail server presents a valid certificate."), domain);
}

/* Whether a domain publishes an MTA-STS policy, from what the check found:
 * a v=STSv1 record. */
static gboolean
mta_sts_published (StiDomainReport *report)
{
  g_autofree char *name = g_strdup_printf ("_mta-sts.%s", sti_domain_report_get_domain (report));
  StiDnsEvidence *answer = sti_domain_report_find_dns_evidence (report, name, "TXT");
  const char * const *records = answer != NULL ? sti_dns_evidence_get_records (answer) : NULL;

  for (guint j = 0; records != NULL && records[j] != NULL; j++)
    if (strstr (records[j], "v=STSv1") != NULL)
      return TRUE;

  return FALSE;
}

/* A failed lookup of the MTA-STS record says nothing about the policy. */
static gboolean
mta_sts_lookup_failed (StiDomainReport *report)
{
  g_autofree char *name = g_strdup_printf ("_mta-sts.%s", sti_domain_report_get_domain (report));
  g_autofree char *failure =
    sti_dns_evidence_dup_failure (sti_domain_report_find_dns_evidence (report, name, "TXT"));

  return failure != NULL;
}

/**
 * sti_verdict_get_mta_sts_state:
 * @report: a finished domain report
 *
 * Whether the domain's MTA-STS policy is in force: a v=STSv1 record, no
 * policy finding that undoes it (an error: the policy cannot be fetched,
 * or it leaves out a mail server), and its mode. When the lookup of the
 * record failed (a timeout, SERVFAIL), nothing is known: not "none".
 *
 * Returns: the state of the domain's MTA-STS policy
 */
StiMtaStsState
sti_verdict_get_mta_sts_state (StiDomainReport *report)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), STI_MTA_STS_STATE_NONE);

  if (!mta_sts_published (report))
    return mta_sts_lookup_failed (report) ? STI_MTA_STS_STATE_UNKNOWN : STI_MTA_STS_STATE_NONE;

  findings = sti_domain_report_collect_findings (report);
  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (sti_finding_get_id (finding), "mta-sts-") &&
          sti_finding_get_severity (finding) == STI_SEVERITY_ERROR)
        return STI_MTA_STS_STATE_BROKEN;
    }
  if (sti_findings_contain (findings, "mta-sts-mode-testing"))
    return STI_MTA_STS_STATE_TESTING;
  if (sti_findings_contain (findings, "mta-sts-mode-none"))
    return STI_MTA_STS_STATE_MODE_NONE;

  return STI_MTA_STS_STATE_ENFORCE;
}

/* Does a policy make TLS mandatory for the senders that honour it? Without
 * one, STARTTLS can be stripped by anyone on the path (RFC 8461 §1,
 * RFC 7672 §1.3). */
static const char *
policy_sentence (StiDomainReport *report,
                 GPtrArray       *findings)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  StiMtaStsState sts = sti_verdict_get_mta_sts_state (report);
  gboolean dane = TRUE;
  guint endpoints = 0;

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *list = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < list->len; j++)
        {
          g_autoptr(StiEndpointVerdict) verdict =
            sti_endpoint_verdict_new (g_ptr_array_index (list, j), report);

          endpoints++;
          dane &= sti_endpoint_verdict_get_dane (verdict) == STI_ANSWER_YES;
        }
    }
  dane &= endpoints > 0;

  if (sts == STI_MTA_STS_STATE_BROKEN)
    return _("Its MTA-STS policy is published but does not work, so it protects nothing yet.");
  if (sts == STI_MTA_STS_STATE_TESTING)
    return _("Its MTA-STS policy is in testing mode: "
             "senders report failures but still deliver without TLS.");
  if (sts == STI_MTA_STS_STATE_ENFORCE && dane)
    return _("MTA-STS and DANE both make TLS mandatory for the senders that honour them.");
  if (sts == STI_MTA_STS_STATE_ENFORCE)
    return _("Its MTA-STS policy makes TLS with a valid "
             "certificate mandatory for the senders that honour it.");
  if (dane)
    return _("Its DNSSEC-signed DANE records make TLS mandatory for the senders that check them.");
  if (sti_findings_contain (findings, "dane-tlsa-insecure"))
    return _("It publishes DANE records, but its zone is not signed with DNSSEC, "
             "so senders ignore them: no policy makes TLS mandatory.");
  if (!sti_findings_contain (findings, "dane-tlsa-unvalidated") &&
      (sti_findings_contain (findings, "dane-no-match") ||
       sti_findings_contain (findings, "dane-ta-chain-failed") ||
       sti_findings_contain (findings, "dane-ta-name-mismatch")))
    return _("Its DANE records do not match what its mail servers present, "
             "so senders that check DANE refuse to deliver there.");
  if (sti_findings_contain (findings, "dane-tlsa-unvalidated") &&
      !sti_findings_contain (findings, "dane-no-match"))
    return _("It publishes DANE records, but this resolver cannot validate DNSSEC, "
             "so whether they make TLS mandatory cannot be told from here.");

  if (sts == STI_MTA_STS_STATE_UNKNOWN)
    return _("Whether an MTA-STS policy makes TLS mandatory is not known: "
             "the lookup of its record failed.");

  return _("No MTA-STS or DANE policy makes TLS mandatory, "
           "so an attacker on the path could remove it.");
}

/**
 * sti_verdict_dup_policy_sentence:
 * @report: a finished domain report
 *
 * Returns: (transfer full): whether MTA-STS or DANE makes TLS mandatory for
 *   the senders that honour them, in one sentence
 */
char *
sti_verdict_dup_policy_sentence (StiDomainReport *report)
{
  g_autoptr(GPtrArray) findings = NULL;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  findings = sti_domain_report_collect_findings (report);
  return g_strdup (policy_sentence (report, findings));
}

/* A verdict is only about what was probed: when an address or an MX host
 * was skipped (IPv6 turned off, the MX or address cap), it says so. */
static char *
dup_skipped_sentence (StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);
  guint n = skipped != NULL ? g_strv_length ((char **)skipped) : 0;

  if (n == 0)
    return NULL;
  if (sti_domain_report_get_endpoint_count (report) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: a number of MX hosts and addresses; keep
                                          * “Not probed”, the heading of that list */
                                         "The %u mail server or address found was skipped "
                                         "(see “Not probed”).",
                                         "The %u mail servers or addresses found were all "
                                         "skipped (see “Not probed”).", n),
                            n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: a number of MX hosts and addresses; keep
                                        * “Not probed”, the heading of that list */
                                       "This covers only what was probed: %u mail server or "
                                       "address was skipped (see “Not probed”).",
                                       "This covers only what was probed: %u mail servers or "
                                       "addresses were skipped (see “Not probed”).", n),
                          n);
}

/**
 * sti_verdict_dup_sentence:
 * @report: a finished domain report
 *
 * Returns: (transfer full): the verdict a newcomer understands: whether
 *   mail is encrypted and verified, and, when it is encrypted, whether a
 *   policy makes that mandatory; qualified when a mail server or an address
 *   was not probed
 */
char *
sti_verdict_dup_sentence (StiDomainReport *report)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *state = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *skipped = NULL;
  const char *title = NULL;
  gboolean encrypted = FALSE;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  state = dup_state_sentence (report, &encrypted, &title);
  skipped = dup_skipped_sentence (report);
  if (!encrypted)
    verdict = g_steal_pointer (&state);
  else
    {
      findings = sti_domain_report_collect_findings (report);
      /* Translators: two sentences of the verdict, joined */
      verdict = g_strdup_printf (_("%s %s"), state, policy_sentence (report, findings));
    }

  if (skipped == NULL)
    return g_steal_pointer (&verdict);
  /* Translators: the verdict, then the sentence that says what was not probed */
  return g_strdup_printf (_("%s %s"), verdict, skipped);
}

/**
 * sti_verdict_get_title:
 * @report: a finished domain report
 *
 * The verdict in a few words ("Encrypted, not authenticated"), a heading
 * for sti_verdict_dup_sentence(): both come from the same decision.
 *
 * Returns: (transfer none): a translated title
 */
const char *
sti_verdict_get_title (StiDomainReport *report)
{
  g_autofree char *state = NULL;
  const char *title = NULL;
  gboolean encrypted = FALSE;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  state = dup_state_sentence (report, &encrypted, &title);
  return title;
}

const char *
sti_answer_to_string (StiAnswer answer)
{
  switch (answer)
    {
    case STI_ANSWER_YES:            return "yes";
    case STI_ANSWER_NO:             return "no";
    case STI_ANSWER_UNKNOWN:        return "unknown";
    case STI_ANSWER_NOT_APPLICABLE: return "not-applicable";
    default:                        return "unknown";
    }
}

void
sti_policy_record_free (StiPolicyRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->label);
  g_strfreev (record->records);
  g_strfreev (record->notes);
  g_free (record->failure);
  g_free (record);
}

static StiPolicyRecord *
policy_record_new (StiDomainReport *report,
                   char            *label,
                   const char      *qname,
                   const char      *qtype,
                   const char      *tag)
{
  StiPolicyRecord *record = g_new0 (StiPolicyRecord, 1);
  StiDnsEvidence *answer = sti_domain_report_find_dns_evidence (report, qname, qtype);
  const char * const *records = answer != NULL ? sti_dns_evidence_get_records (answer) : NULL;
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();

  /* TXT names may hold other records too: keep the policy's own. */
  for (guint i = 0; records != NULL && records[i] != NULL; i++)
    if (tag == NULL || strstr (records[i], tag) != NULL)
      g_strv_builder_add (found, records[i]);

  record->label = label;
  record->records = g_strv_builder_end (found);
  record->dnssec = answer != NULL ? sti_dns_evidence_get_dnssec (answer) : STI_DNSSEC_NOT_VALIDATED;
  record->failure = sti_dns_evidence_dup_failure (answer);

  return record;
}

/**
 * sti_policy_record_get_absence:
 * @record: a policy record without records
 *
 * Returns: (transfer none): why there is no record to show: "Not
 *   published", or that the lookup failed (which never means "absent")
 */
const char *
sti_policy_record_get_absence (StiPolicyRecord *record)
{
  if (record->failure != NULL)
    return record->failure;
  return _("Not published");
}

/**
 * sti_verdict_dup_policy_records:
 * @report: a finished domain report
 *
 * Returns: (transfer container) (element-type StiPolicyRecord): the MTA-STS
 *   and TLS-RPT records and each MX host's TLSA records, in that order
 */
GPtrArray *
sti_verdict_dup_policy_records (StiDomainReport *report)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_policy_record_free);
  GPtrArray *hosts;
  const char *domain;
  g_autofree char *sts = NULL;
  g_autofree char *rpt = NULL;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), records);

  hosts = sti_domain_report_get_hosts (report);
  domain = sti_domain_report_get_domain (report);
  sts = g_strdup_printf ("_mta-sts.%s", domain);
  rpt = g_strdup_printf ("_smtp._tls.%s", domain);

  g_ptr_array_add (records, policy_record_new (report, g_strdup (_("MTA-STS record")),
                                               sts, "TXT", "v=STSv1"));
  g_ptr_array_add (records, policy_record_new (report,
                                               g_strdup (_("TLS reporting (TLS-RPT) record")),
                                               rpt, "TXT", "v=TLSRPTv1"));

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      const char *host = sti_host_report_get_name (g_ptr_array_index (hosts, i));
      g_autofree char *tlsa = g_strdup_printf ("_25._tcp.%s", host);
      StiPolicyRecord *record;

      record = policy_record_new (report,
                                  /* Translators: %s is a mail server's host name */
                                  g_strdup_printf (_("DANE records (TLSA) of %s"), host),
                                  tlsa, "TLSA", NULL);
      record->notes = sti_dane_dup_record_notes (report, host,
                                                 g_strv_length (record->records));
      g_ptr_array_add (records, record);
    }

  return records;
}
