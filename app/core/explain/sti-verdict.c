/* sti-verdict.c
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
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The verdicts: per endpoint, four answers side by side (would an
 * opportunistic sender encrypt; would a validating sender, MTA-STS
 * "enforce" or strict PKIX, deliver; would a DANE sender authenticate;
 * what should a human do first), and per domain one sentence a newcomer
 * understands. Everything is derived from the report model, so a report
 * loaded from JSON gets the same verdict. */

/* Each sender line assumes a documented sender profile (sti-sender-profiles.h,
 * docs/sender-profiles.md), not our own GnuTLS: where those senders refuse
 * the TLS our probe negotiated, the lines say what they do instead
 * (sti-verdict-senders.c). */

/* What each finding means in a verdict (a short clause, "the certificate
 * has expired"), what to do first, its rank among equally severe findings
 * and whether a validating sender refuses it: all in the finding registry. */

struct _StiEndpointVerdict
{
  GObject    parent_instance;

  StiAnswer  opportunistic;
  char      *opportunistic_text;
  StiAnswer  validating;
  char      *validating_text;
  StiAnswer  dane;
  char      *dane_text;
  char      *first_action;
  char      *first_action_id;
};

G_DEFINE_FINAL_TYPE (StiEndpointVerdict, sti_endpoint_verdict, G_TYPE_OBJECT)

static guint
rank_of (StiFinding *finding)
{
  const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

  return entry != NULL ? sti_finding_entry_get_rank (entry) : G_MAXUINT;
}

static void
sti_endpoint_verdict_finalize (GObject *object)
{
  StiEndpointVerdict *self = (StiEndpointVerdict *)object;

  g_clear_pointer (&self->opportunistic_text, g_free);
  g_clear_pointer (&self->validating_text, g_free);
  g_clear_pointer (&self->dane_text, g_free);
  g_clear_pointer (&self->first_action, g_free);
  g_clear_pointer (&self->first_action_id, g_free);

  G_OBJECT_CLASS (sti_endpoint_verdict_parent_class)->finalize (object);
}

static void
sti_endpoint_verdict_class_init (StiEndpointVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_endpoint_verdict_finalize;
}

static void
sti_endpoint_verdict_init (StiEndpointVerdict *self)
{
}

static void
judge_opportunistic (StiEndpointVerdict *self,
                     StiEndpointReport  *endpoint,
                     GPtrArray          *findings)
{
  if (vs_senders_refuse_tls (endpoint))
    {
      self->opportunistic = STI_ANSWER_NO;
      self->opportunistic_text = vs_dup_refused_opportunistic (endpoint);
    }
  else if (sti_endpoint_report_get_tls_established (endpoint))
    {
      self->opportunistic = STI_ANSWER_YES;
      self->opportunistic_text = vs_dup_encrypted (endpoint);
    }
  else if (!sti_endpoint_report_get_reachable (endpoint))
    {
      self->opportunistic = STI_ANSWER_UNKNOWN;
      self->opportunistic_text = g_strdup (_("Unknown: the server could not be reached."));
    }
  else if (!sti_endpoint_report_get_starttls_offered (endpoint) &&
           !sti_endpoint_report_stopped_before_starttls (endpoint))
    {
      self->opportunistic = STI_ANSWER_NO;
      self->opportunistic_text =
        g_strdup (_("No: the server does not offer STARTTLS, so mail travels in plaintext."));
    }
  else if (sti_endpoint_report_get_starttls_offered (endpoint))
    {
      self->opportunistic = STI_ANSWER_NO;
      self->opportunistic_text =
        g_strdup (_("No: STARTTLS fails, and senders then fall back to plaintext."));
    }
  else
    {
      self->opportunistic = STI_ANSWER_UNKNOWN;
      self->opportunistic_text =
        g_strdup (_("Unknown: the server did not get as far as STARTTLS."));
    }
}

/* The host names an enforced MTA-STS policy leaves out (RFC 8461 §4.1):
 * a sender that honours the policy refuses them, certificate or not. */
static gboolean
mta_sts_refuses (StiDomainReport *report,
                 const char      *host)
{
  GPtrArray *findings = report != NULL ? sti_domain_report_get_findings (report) : NULL;
  g_autofree char *clean = host != NULL ? sti_text_sanitize_str (host) : NULL;

  for (guint i = 0; clean != NULL && findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (sti_finding_get_id (finding), "mta-sts-mx-not-covered") &&
          g_strcmp0 (sti_finding_get_param_string (finding, "mode"), "enforce") == 0 &&
          sti_dns_name_equal (sti_finding_get_param_string (finding, "host"), clean))
        return TRUE;
    }

  return FALSE;
}

static void
judge_validating (StiEndpointVerdict *self,
                  StiEndpointReport  *endpoint,
                  GPtrArray          *findings,
                  StiDomainReport    *report)
{
  const StiFindingEntry *refusing = NULL;

  if (self->opportunistic == STI_ANSWER_UNKNOWN)
    {
      self->validating = STI_ANSWER_UNKNOWN;
      self->validating_text = g_strdup (self->opportunistic_text);
      return;
    }

  if (!sti_endpoint_report_get_tls_established (endpoint))
    {
      self->validating = STI_ANSWER_NO;
      self->validating_text =
        g_strdup (_("No: without TLS, a sender that insists on security will not deliver."));
      return;
    }

  if (vs_senders_refuse_tls (endpoint))
    {
      self->validating = STI_ANSWER_NO;
      self->validating_text = vs_dup_refused_validating (endpoint);
      return;
    }

  if (mta_sts_refuses (report, sti_endpoint_report_get_host (endpoint)))
    {
      self->validating = STI_ANSWER_NO;
      self->validating_text =
        g_strdup (_("No: the domain's MTA-STS policy does not list this host, so "
                    "senders that enforce the policy refuse to deliver here."));
      return;
    }

  if (sti_endpoint_report_get_certificate_verified (endpoint) &&
      (self->validating_text = vs_dup_refused_without_sni (endpoint)) != NULL)
    {
      self->validating = STI_ANSWER_NO;
      return;
    }

  if (sti_endpoint_report_get_certificate_verified (endpoint))
    {
      self->validating = STI_ANSWER_YES;
      self->validating_text = g_strdup (_("Yes: the certificate is valid for this host."));
      return;
    }

  self->validating = STI_ANSWER_NO;
  /* The certificate findings that make a validating sender refuse; the
   * one that matters most speaks. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

      if (entry == NULL || !sti_finding_entry_get_refuses_validating (entry))
        continue;
      if (refusing == NULL ||
          sti_finding_entry_get_rank (entry) < sti_finding_entry_get_rank (refusing))
        refusing = entry;
    }
  if (refusing != NULL)
    {
      /* Translators: %s is a reason like "the certificate has expired" */
      self->validating_text = g_strdup_printf (_("No: it would refuse to deliver, because %s."),
                                               sti_finding_entry_get_clause (refusing));
      return;
    }

  self->validating_text = g_strdup (_("No: the certificate cannot be verified."));
}

static StiDnsEvidence *
find_tlsa (GPtrArray  *evidence,
           const char *host)
{
  g_autofree char *qname = g_strdup_printf ("_25._tcp.%s", host);
  gsize len = strlen (qname);

  if (len > 0 && qname[len - 1] == '.')
    qname[len - 1] = '\0';

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      StiDnsEvidence *e = g_ptr_array_index (evidence, i);
      const char *name = sti_dns_evidence_get_qname (e);
      gsize n = strlen (name);

      if (g_ascii_strcasecmp (sti_dns_evidence_get_qtype (e), "TLSA") != 0)
        continue;
      if (n > 0 && name[n - 1] == '.')
        n--;
      if (n == strlen (qname) && g_ascii_strncasecmp (name, qname, n) == 0)
        return e;
    }

  return NULL;
}

static void
judge_dane (StiEndpointVerdict *self,
            StiEndpointReport  *endpoint,
            GPtrArray          *findings,
            GPtrArray          *evidence)
{
  StiDnsEvidence *tlsa = find_tlsa (evidence, sti_endpoint_report_get_host (endpoint));
  const char * const *records;

  /* A DANE check that judged the records speaks first. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (sti_finding_get_id (finding), "dane-") &&
          sti_finding_get_severity (finding) == STI_SEVERITY_ERROR)
        {
          self->dane = STI_ANSWER_NO;
          /* Translators: %s is what is wrong, in technical words */
          self->dane_text = g_strdup_printf (_("No: %s"), sti_finding_get_detail (finding));
          return;
        }
    }

  if (tlsa == NULL)
    {
      self->dane = STI_ANSWER_UNKNOWN;
      self->dane_text = g_strdup (_("Not evaluated yet: the TLSA records were not looked up."));
      return;
    }

  records = sti_dns_evidence_get_records (tlsa);
  if (sti_dns_evidence_get_dnssec (tlsa) == STI_DNSSEC_BOGUS)
    {
      self->dane = STI_ANSWER_NO;
      self->dane_text =
        g_strdup (_("No: the TLSA answer fails DNSSEC validation, so DANE senders hold the mail."));
    }
  else if (records == NULL || records[0] == NULL)
    {
      self->dane = STI_ANSWER_NOT_APPLICABLE;
      self->dane_text = g_strdup (_("No TLSA records: DANE senders use opportunistic TLS."));
    }
  else if (sti_dns_evidence_get_dnssec (tlsa) == STI_DNSSEC_INSECURE)
    {
      self->dane = STI_ANSWER_NOT_APPLICABLE;
      self->dane_text = g_strdup (_("TLSA records exist, but without DNSSEC senders ignore them."));
    }
  else if (sti_dns_evidence_get_dnssec (tlsa) == STI_DNSSEC_NOT_VALIDATED)
    {
      /* The records were matched (no dane-* error above), but whether the
       * zone is signed could not be told from here. */
      self->dane = STI_ANSWER_UNKNOWN;
      self->dane_text = g_strdup (_("A TLSA record matches the certificate, but this resolver "
                                    "cannot validate DNSSEC, "
                                    "so it is unknown whether senders trust it."));
    }
  else
    {
      self->dane = STI_ANSWER_YES;
      self->dane_text =
        g_strdup (_("Yes: a DNSSEC-signed TLSA record matches the certificate the server sent."));
    }
}

/* A DANE sender has the same TLS stack: when it refuses the handshake, a
 * matching TLSA record does not help, and without one it falls back to
 * opportunistic TLS, which fails too. */
static void
judge_dane_handshake (StiEndpointVerdict *self,
                      StiEndpointReport  *endpoint)
{
  g_autofree char *text = NULL;

  if (!vs_senders_refuse_tls (endpoint))
    return;

  text = vs_dup_refused_dane (endpoint, self->dane == STI_ANSWER_YES,
                              self->dane == STI_ANSWER_NOT_APPLICABLE ? self->dane_text : NULL);
  if (text == NULL)
    return;
  if (self->dane == STI_ANSWER_YES)
    self->dane = STI_ANSWER_NO;
  g_free (self->dane_text);
  self->dane_text = g_steal_pointer (&text);
}

static void
judge_first_action (StiEndpointVerdict *self,
                    GPtrArray          *findings,
                    gboolean            sts_refused)
{
  const StiFindingEntry *entry;
  StiFinding *worst = NULL;

  /* Worst severity first; among equals, the registry's rank (roughly:
   * what blocks delivery first). */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (worst == NULL ||
          sti_finding_get_severity (finding) > sti_finding_get_severity (worst) ||
          (sti_finding_get_severity (finding) == sti_finding_get_severity (worst) &&
           rank_of (finding) < rank_of (worst)))
        worst = finding;
    }

  if (worst == NULL && sts_refused)
    {
      self->first_action_id = g_strdup ("mta-sts-mx-not-covered");
      self->first_action =
        g_strdup (sti_finding_entry_get_action (sti_finding_lookup (self->first_action_id)));
      return;
    }

  if (worst == NULL)
    {
      self->first_action = g_strdup (_("Nothing: this server is set up well."));
      return;
    }

  self->first_action_id = g_strdup (sti_finding_get_id (worst));
  entry = rank_of (worst) != G_MAXUINT ? sti_finding_lookup (self->first_action_id) : NULL;
  if (entry != NULL)
    self->first_action = g_strdup (sti_finding_entry_get_action (entry));
  else
    /* Translators: %s is a finding id like "mta-sts-policy-invalid" */
    self->first_action = g_strdup_printf (_("Fix “%s” first: see its explanation."),
                                          self->first_action_id);
}

/**
 * sti_endpoint_verdict_new:
 * @endpoint: a finished endpoint
 * @report: (nullable): the domain report @endpoint belongs to, where its
 *   host's TLSA answer and the domain's MTA-STS policy are looked for
 *
 * Returns: (transfer full): the four answers for @endpoint
 */
StiEndpointVerdict *
sti_endpoint_verdict_new (StiEndpointReport *endpoint,
                          StiDomainReport   *report)
{
  StiEndpointVerdict *self;
  GPtrArray *findings;

  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (endpoint), NULL);

  self = g_object_new (STI_TYPE_ENDPOINT_VERDICT, NULL);
  findings = sti_endpoint_report_get_findings (endpoint);

  judge_opportunistic (self, endpoint, findings);
  judge_validating (self, endpoint, findings, report);
  judge_dane (self, endpoint, findings,
              report != NULL ? sti_domain_report_get_dns_evidence (report) : NULL);
  judge_dane_handshake (self, endpoint);
  judge_first_action (self, findings,
                      mta_sts_refuses (report, sti_endpoint_report_get_host (endpoint)));

  return self;
}

/* Would a sender that encrypts when it can (most MTAs) encrypt? */
StiAnswer
sti_endpoint_verdict_get_opportunistic (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), STI_ANSWER_UNKNOWN);
  return self->opportunistic;
}

const char *
sti_endpoint_verdict_get_opportunistic_text (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return self->opportunistic_text;
}

/* Would a sender that validates certificates (MTA-STS enforce, strict
 * PKIX) deliver? */
StiAnswer
sti_endpoint_verdict_get_validating (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), STI_ANSWER_UNKNOWN);
  return self->validating;
}

const char *
sti_endpoint_verdict_get_validating_text (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return self->validating_text;
}

/* Would a DANE sender authenticate the server? */
StiAnswer
sti_endpoint_verdict_get_dane (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), STI_ANSWER_UNKNOWN);
  return self->dane;
}

const char *
sti_endpoint_verdict_get_dane_text (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return self->dane_text;
}

/**
 * sti_endpoint_verdict_get_opportunistic_profile:
 *
 * Returns: (transfer none): the sender profile the opportunistic line assumes
 */
const StiSenderProfile *
sti_endpoint_verdict_get_opportunistic_profile (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return vs_profile ();
}

/**
 * sti_endpoint_verdict_get_validating_profile:
 *
 * Returns: (transfer none): the sender profile the validating line assumes
 */
const StiSenderProfile *
sti_endpoint_verdict_get_validating_profile (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return vs_profile ();
}

/**
 * sti_endpoint_verdict_get_dane_profile:
 *
 * Returns: (transfer none): the sender profile the DANE line assumes
 */
const StiSenderProfile *
sti_endpoint_verdict_get_dane_profile (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return vs_profile ();
}

/**
 * sti_verdict_dup_sender_line:
 * @text: a sender line, sti_endpoint_verdict_get_opportunistic_text() or another
 * @profile: the profile the line assumes
 *
 * Returns: (transfer full): the line as people read it, naming the sender
 *   profile it assumes
 */
char *
sti_verdict_dup_sender_line (const char             *text,
                             const StiSenderProfile *profile)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (profile != NULL, NULL);

  /* Translators: a sender line of the verdict ("Yes: mail is encrypted (TLS1.3)."), then the
   * sender profile it assumes ("Postfix/Exim with OpenSSL 3, security level 1") */
  return g_strdup_printf (_("%s Assumed sender: %s."), text, sti_sender_profile_get_name (profile));
}

/* What a human should do first, one sentence. */
const char *
sti_endpoint_verdict_get_first_action (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return self->first_action;
}

/**
 * sti_endpoint_verdict_get_first_action_id:
 *
 * Returns: (nullable): the finding the first action is about; %NULL when
 *   there is nothing to do
 */
const char *
sti_endpoint_verdict_get_first_action_id (StiEndpointVerdict *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_VERDICT (self), NULL);
  return self->first_action_id;
}
