/* sti-mandatory-mta-sts.c: MTA-STS, TLS-RPT and the testing-then-enforce plan
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mandatory-plan-private.h"

#include "sti-finding-registry.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-mta-sts-evidence.h"
#include "sti-mta-sts.h"
#include "sti-tls-rpt.h"

#include <glib/gi18n.h>
#include <string.h>

/* While testing, a short max_age lets a corrected policy reach senders
 * within a day (RFC 8461 §3.2 leaves it to the domain; the enforce policy
 * then gets sti_mta_sts_suggest_max_age(): weeks, as the RFC suggests). */
#define TESTING_MAX_AGE (24 * 60 * 60)

/* The id changes whenever the policy does (RFC 8461 §3.1: senders fetch
 * the policy again only when it changes): a digest of the file, cut to 20
 * of the 32 letters and digits an id may have. */
static char *
policy_id (const char *policy)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, policy, -1);

  return g_strndup (digest, 20);
}

/* The policy as a sender would read it, or %NULL. */
static StiMtaStsPolicy *
parse_policy (const char *text)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  if (text == NULL || *text == '\0')
    return NULL;
  body = g_bytes_new (text, strlen (text));
  return sti_mta_sts_policy_parse (body, findings);
}

/* Proves a policy made here with the parser senders' rules are written
 * in: it parses, without a finding, and allows every MX host. What it
 * cannot prove becomes a blocker: such a policy is not offered. */
static gboolean
prove_policy (MpContext  *ctx,
              const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) policy = sti_mta_sts_policy_parse (body, findings);
  g_auto(GStrv) unmatched = NULL;

  /* Testing mode is a warning on a domain's policy; here it is meant. */
  for (guint i = findings->len; i > 0; i--)
    if (g_str_equal (sti_finding_get_id (g_ptr_array_index (findings, i - 1)),
                     "mta-sts-mode-testing"))
      g_ptr_array_remove_index (findings, i - 1);
  if (policy != NULL && findings->len == 0)
    unmatched = sti_mta_sts_unmatched_hosts (policy, ctx->mx_hosts);
  if (unmatched != NULL && unmatched[0] == NULL)
    return TRUE;

  for (guint i = 0; unmatched != NULL && unmatched[i] != NULL; i++)
    g_ptr_array_add (ctx->blockers,
                     mp_blocker_new (unmatched[i], NULL,
                                     _("This host name cannot be named in an MTA-STS policy."),
                                     _("Give the mail server a host name of letters, digits and "
                                       "hyphens, point the MX record at it, and check again."),
                                     NULL));
  if (unmatched == NULL)
    g_ptr_array_add (ctx->blockers,
                     mp_blocker_new (NULL, NULL,
                                     findings->len > 0
                                       ? sti_finding_get_detail (g_ptr_array_index (findings, 0))
                                       : _("The policy file made for the domain does not parse."),
                                     _("Please report this: the MTA-STS records cannot be made "
                                       "for these MX hosts."),
                                     NULL));
  return FALSE;
}

/* Where the domain stands with MTA-STS now. */
typedef enum
{
  STS_NOTHING,        /* no usable policy: start with testing */
  STS_TESTING,        /* a testing policy naming every MX host: next is enforce */
  STS_ENFORCE_WRONG,  /* enforced, but wrong: correct it, still enforced */
  STS_ENFORCE_OK,     /* enforced and naming every MX host: keep it */
} StsStage;

static StsStage
current_stage (MpContext  *ctx,
               gint64     *max_age)
{
  StiMtaStsEvidence *evidence = sti_domain_report_get_mta_sts (ctx->report);
  g_autoptr(StiMtaStsPolicy) policy = NULL;
  g_auto(GStrv) unmatched = NULL;
  gboolean problems;

  *max_age = -1;
  if (evidence == NULL ||
      (policy = parse_policy (sti_mta_sts_evidence_get_body (evidence))) == NULL)
    return STS_NOTHING;

  unmatched = sti_mta_sts_unmatched_hosts (policy, ctx->mx_hosts);
  problems = unmatched[0] != NULL || mp_domain_has_finding_prefix (ctx->report, "mta-sts-policy-") ||
             mp_domain_has_finding_prefix (ctx->report, "mta-sts-record-") ||
             mp_domain_has_finding_prefix (ctx->report, "mta-sts-max-age-");

  switch (policy->mode)
    {
    case STI_MTA_STS_MODE_ENFORCE:
      *max_age = policy->max_age;
      return problems ? STS_ENFORCE_WRONG : STS_ENFORCE_OK;
    case STI_MTA_STS_MODE_TESTING:
      return problems ? STS_NOTHING : STS_TESTING;
    case STI_MTA_STS_MODE_NONE:
    default:
      return STS_NOTHING;
    }
}

/* The policy file and its record for one mode, proved, against what is
 * published now. */
static void
add_policy_pair (MpContext           *ctx,
                 StiMandatorySection *section,
                 StiMtaStsMode        mode,
                 gint64               max_age,
                 StiMandatoryChange   change,
                 const char          *current_policy,
                 const char          *current_record,
                 const char          *note)
{
  const char *mode_name = sti_mta_sts_mode_to_string (mode);
  g_autofree char *policy = sti_mta_sts_suggest_policy (ctx->mx_hosts, mode, max_age);
  g_autofree char *id = policy_id (policy);
  g_autofree char *record = sti_mta_sts_format_record (ctx->domain, id);
  g_autofree char *policy_key = g_strdup_printf ("mta-sts-policy-%s", mode_name);
  g_autofree char *record_key = g_strdup_printf ("mta-sts-record-%s", mode_name);
  g_autofree char *policy_title = NULL;
  g_autofree char *record_title = NULL;
  g_autofree char *record_note = NULL;

  if (!prove_policy (ctx, policy))
    return;

  if (change == STI_MANDATORY_CHANGE_KEEP)
    {
      g_clear_pointer (&policy, g_free);
      policy = g_strdup (current_policy);
      g_clear_pointer (&record, g_free);
      record = g_strdup (current_record);
    }

  /* Translators: %s is an MTA-STS mode, "testing" or "enforce" (not translated) */
  policy_title = g_strdup_printf (_("Policy file, mode %s"), mode_name);
  /* Translators: %s is an MTA-STS mode, "testing" or "enforce" (not translated) */
  record_title = g_strdup_printf (_("MTA-STS record for the %s policy"), mode_name);
  record_note = g_strdup (_("Publish or change it only once the policy file above is in "
                            "place: its id tells senders to fetch the policy again."));

  g_ptr_array_add (section->records,
                   mp_record_new (policy_key, policy_title, policy,
                                  change == STI_MANDATORY_CHANGE_ADD ? NULL : current_policy,
                                  change, note));
  g_ptr_array_add (section->records,
                   mp_record_new (record_key, record_title, record,
                                  change == STI_MANDATORY_CHANGE_ADD ? NULL : current_record,
                                  change, record_note));
}

/* What the check found wrong with the policy host, in the registry's
 * words: it must be fixed where the file is hosted. */
static void
add_hosting_warnings (MpContext           *ctx,
                      StiMandatorySection *section)
{
  GPtrArray *findings = sti_domain_report_get_findings (ctx->report);

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

      if (entry == NULL || !g_str_has_prefix (sti_finding_get_id (finding), "mta-sts-policy-"))
        continue;
      /* Translators: a problem's title, then what to do about it */
      g_ptr_array_add (section->warnings,
                       g_strdup_printf (_("%s: %s"), sti_finding_entry_get_title (entry),
                                        sti_finding_entry_get_action (entry)));
    }
}

static void
add_hosting_steps (MpContext           *ctx,
                   StiMandatorySection *section,
                   const char          *url)
{
  StiMtaStsEvidence *evidence = sti_domain_report_get_mta_sts (ctx->report);
  g_autofree char *host = g_strdup_printf ("mta-sts.%s", ctx->domain);

  /* Translators: %s is a URL */
  g_ptr_array_add (section->steps,
                   g_strdup_printf (_("Serve the policy file at %s, over HTTPS only."), url));
  /* Translators: %s is a host name, mta-sts.example.org */
  g_ptr_array_add (section->steps,
                   g_strdup_printf (_("The web server's certificate must be valid for %s and "
                                      "come from a certificate authority senders trust: a "
                                      "self-signed certificate makes senders ignore the "
                                      "policy."), host));
  g_ptr_array_add (section->steps,
                   g_strdup (_("Send it as text/plain with status 200 and no redirect: senders "
                               "do not follow redirects.")));
  if (evidence != NULL && sti_mta_sts_evidence_get_status (evidence) == 200 &&
      sti_mta_sts_evidence_get_certificate_verified (evidence))
    g_ptr_array_add (section->steps,
                     g_strdup (_("The check fetched the current file there with a valid "
                                 "certificate: only the file's contents change.")));
}

/**
 * mp_build_mta_sts:
 * @testing_out: (out): whether the plan starts with a testing policy
 *
 * Returns: (transfer full): the MTA-STS section: the policy files and
 *   their records, each against what is published now, and where to host
 *   the file
 */
StiMandatorySection *
mp_build_mta_sts (MpContext *ctx,
                  gboolean  *testing_out)
{
  StiMtaStsEvidence *evidence = sti_domain_report_get_mta_sts (ctx->report);
  g_autofree char *owner = g_strdup_printf ("_mta-sts.%s", ctx->domain);
  g_autofree char *record = mp_dup_published (ctx->report, owner, "TXT", "v=STSv1");
  const char *body = evidence != NULL ? sti_mta_sts_evidence_get_body (evidence) : NULL;
  g_autofree char *url = g_strdup_printf ("https://mta-sts.%s/.well-known/mta-sts.txt",
                                          ctx->domain);
  g_autofree char *intro = NULL;
  StiMandatorySection *section;
  StiMandatoryChange change;
  gint64 max_age;
  StsStage stage;

  if (body != NULL && *body == '\0')
    body = NULL;
  stage = current_stage (ctx, &max_age);
  change = record != NULL || body != NULL ? STI_MANDATORY_CHANGE_REPLACE
                                          : STI_MANDATORY_CHANGE_ADD;

  /* Translators: %s is the URL the policy file is fetched from */
  intro = g_strdup_printf (_("MTA-STS tells senders to deliver only over TLS, to the MX hosts "
                             "the policy file names, with a valid certificate. The file lives "
                             "at %s; a TXT record announces it, and its id changes with "
                             "every change of the file."), url);
  section = mp_section_new ("mta-sts", _("MTA-STS"), intro);

  *testing_out = stage == STS_NOTHING || stage == STS_TESTING;
  if (stage == STS_NOTHING)
    add_policy_pair (ctx, section, STI_MTA_STS_MODE_TESTING, TESTING_MAX_AGE, change, body,
                     record, _("First step: senders report failures but still deliver."));
  else if (stage == STS_TESTING)
    add_policy_pair (ctx, section, STI_MTA_STS_MODE_TESTING, TESTING_MAX_AGE,
                     STI_MANDATORY_CHANGE_KEEP, body, record,
                     _("Published already: senders report failures but still deliver."));

  if (stage == STS_ENFORCE_OK)
    add_policy_pair (ctx, section, STI_MTA_STS_MODE_ENFORCE, max_age, STI_MANDATORY_CHANGE_KEEP,
                     body, record, _("Published already, naming every MX host: keep it."));
  else if (stage == STS_ENFORCE_WRONG)
    add_policy_pair (ctx, section, STI_MTA_STS_MODE_ENFORCE, max_age,
                     STI_MANDATORY_CHANGE_REPLACE, body, record,
                     _("The policy in force is wrong: enforcing senders refuse mail they "
                       "should deliver. Replace it now."));
  else
    add_policy_pair (ctx, section, STI_MTA_STS_MODE_ENFORCE, -1, STI_MANDATORY_CHANGE_REPLACE,
                     NULL, NULL,
                     _("Second step, after the testing weeks: it replaces the testing "
                       "policy, and senders then refuse to deliver without TLS."));

  add_hosting_steps (ctx, section, url);
  add_hosting_warnings (ctx, section);

  return section;
}

/**
 * mp_build_tls_rpt:
 *
 * Returns: (transfer full): the TLS-RPT section: the domain's record when
 *   it is valid, else one with a placeholder address to replace
 */
StiMandatorySection *
mp_build_tls_rpt (MpContext *ctx)
{
  g_autofree char *owner = g_strdup_printf ("_smtp._tls.%s", ctx->domain);
  g_autofree char *current = mp_dup_published (ctx->report, owner, "TXT", "v=TLSRPTv1");
  StiMandatorySection *section;

  section = mp_section_new ("tls-rpt", _("TLS reporting (TLS-RPT)"),
                            _("Senders that use MTA-STS or DANE send a daily report of their "
                              "TLS connections to your mail servers to the address in this "
                              "record: what succeeded and what failed, and why. It is how you "
                              "see problems before mail stops."));

  if (current != NULL && strchr (current, '\n') == NULL &&
      !mp_domain_has_finding_prefix (ctx->report, "tls-rpt-"))
    {
      g_ptr_array_add (section->records,
                       mp_record_new ("tls-rpt-record", _("TLS-RPT record"), current, current,
                                      STI_MANDATORY_CHANGE_KEEP,
                                      _("Published already: reports go to the address in it.")));
      return section;
    }

  {
    g_autofree char *record = sti_tls_rpt_suggest_record (ctx->domain, NULL);

    g_ptr_array_add (section->records,
                     mp_record_new ("tls-rpt-record", _("TLS-RPT record"), record, current,
                                    current != NULL ? STI_MANDATORY_CHANGE_REPLACE
                                                    : STI_MANDATORY_CHANGE_ADD,
                                    current != NULL
                                      ? _("The record published now is not valid: senders "
                                          "send no reports. Replace it.")
                                      : NULL));
    g_ptr_array_add (section->warnings,
                     g_strdup (_("The address after rua=mailto: is a placeholder: replace it "
                                 "with a mailbox that exists and that someone reads (reports "
                                 "arrive as compressed JSON attachments, one per sender a "
                                 "day) before publishing the record.")));
  }

  return section;
}

/**
 * mp_build_steps:
 * @testing: whether the plan starts with a testing policy
 *
 * Returns: (transfer full): the "plan" section: the steps from testing
 *   to enforce, how long each takes and what to watch in the reports
 */
StiMandatorySection *
mp_build_steps (MpContext *ctx,
                gboolean   testing)
{
  g_autofree char *hosts = g_strjoinv (", ", (char **)ctx->mx_hosts);
  StiMandatorySection *section;
  GPtrArray *steps;

  section = mp_section_new ("plan", _("From testing to enforce"),
                            _("Go step by step: a mistake in an enforced policy stops mail, "
                              "one in a testing policy only shows up in the reports."));
  steps = section->steps;

  g_ptr_array_add (steps, g_strdup (_("Publish the TLS-RPT record first, so that reports "
                                      "arrive from the first day.")));
  if (testing)
    {
      g_ptr_array_add (steps, g_strdup (_("Put the testing policy file in place, then publish "
                                          "the MTA-STS record for it. Senders now report what "
                                          "would fail, and still deliver.")));
      g_ptr_array_add (steps, g_strdup (_("Wait at least two weeks, four if little mail comes "
                                          "from the large providers, and read the reports "
                                          "every few days.")));
    }
  /* Translators: %s is a comma-separated list of MX host names */
  g_ptr_array_add (steps, g_strdup_printf (_("In the reports, look for failed sessions to "
                                             "%s, and for the failure types "
                                             "certificate-expired, certificate-host-mismatch, "
                                             "certificate-not-trusted, validation-failure, "
                                             "starttls-not-supported, sts-policy-fetch-error "
                                             "and sts-webpki-invalid: each names the MX host "
                                             "and the sending address. Fix each cause, and "
                                             "check again here."), hosts));
  g_ptr_array_add (steps, g_strdup (_("When the reports show no failures: put the enforce "
                                      "policy file in place first, then change the MTA-STS "
                                      "record to its id. Senders that use MTA-STS now refuse "
                                      "to deliver without TLS and a valid certificate.")));
  g_ptr_array_add (steps, g_strdup (_("Once enforce has run for some weeks without failures, "
                                      "max_age may grow up to a year (31557600 seconds): "
                                      "change the file, then the record's id.")));
  g_ptr_array_add (steps, g_strdup (_("Before adding or renaming an MX host, add its name to "
                                      "the policy (a new id) and wait max_age; keep a removed "
                                      "host in the policy for max_age too. Renew certificates "
                                      "in time: an expired one now stops mail.")));

  return section;
}
