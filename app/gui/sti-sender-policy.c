/* sti-sender-policy.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-sender-policy.h"

#include "sti-dns-evidence.h"
#include "sti-finding.h"

#include <glib/gi18n.h>

/* Findings after which a validating sender (MTA-STS in enforce mode, or a
 * sender that insists on PKIX validation) refuses to hand over the mail even
 * though TLS itself came up. */
static const char * const refusing_findings[] = {
  "cert-expired",
  "cert-not-yet-valid",
  "cert-self-signed",
  "cert-untrusted-issuer",
  "cert-name-mismatch",
  "cert-revoked",
  "cert-not-for-server-auth",
  "plaintext-injection",
  NULL
};

static gboolean
has_tlsa_records (const char *host,
                  GPtrArray  *dns_evidence)
{
  g_autofree char *qname = NULL;
  g_autofree char *qname_dot = NULL;

  if (host == NULL || dns_evidence == NULL)
    return FALSE;

  qname = g_strdup_printf ("_25._tcp.%s", host);
  qname_dot = g_strdup_printf ("%s.", qname);

  for (guint i = 0; i < dns_evidence->len; i++)
    {
      StiDnsEvidence *evidence = g_ptr_array_index (dns_evidence, i);
      const char *name = sti_dns_evidence_get_qname (evidence);
      const char * const *records;

      if (g_strcmp0 (sti_dns_evidence_get_qtype (evidence), "TLSA") != 0)
        continue;
      if (name == NULL ||
          (g_ascii_strcasecmp (name, qname) != 0 && g_ascii_strcasecmp (name, qname_dot) != 0))
        continue;

      records = sti_dns_evidence_get_records (evidence);
      if (records != NULL && records[0] != NULL)
        return TRUE;
    }

  return FALSE;
}

/**
 * sti_sender_policy_evaluate:
 * @endpoint: a finished endpoint
 * @dns_evidence: (element-type StiDnsEvidence) (nullable): the domain's DNS
 *   evidence, for TLSA records of `_25._tcp.<host>`
 * @verdicts: (out caller-allocates): what each kind of sender does
 *
 * Tells how three kinds of sending MTA treat @endpoint: an opportunistic
 * one (encrypts when it can), a validating one (MTA-STS enforce or PKIX:
 * delivers only over verified TLS) and a DANE one. DANE is not evaluated
 * yet: only whether TLSA records are published.
 */
void
sti_sender_policy_evaluate (StiEndpointReport *endpoint,
                            GPtrArray         *dns_evidence,
                            StiSenderVerdicts *verdicts)
{
  GPtrArray *findings;
  gboolean refused = FALSE;

  g_return_if_fail (STI_IS_ENDPOINT_REPORT (endpoint));
  g_return_if_fail (verdicts != NULL);

  findings = sti_endpoint_report_get_findings (endpoint);
  for (guint i = 0; findings != NULL && refusing_findings[i] != NULL; i++)
    refused |= sti_findings_contain (findings, refusing_findings[i]);

  if (has_tlsa_records (sti_endpoint_report_get_host (endpoint), dns_evidence))
    verdicts->dane = STI_SENDER_OUTCOME_NOT_EVALUATED;
  else
    verdicts->dane = STI_SENDER_OUTCOME_NO_TLSA;

  if (!sti_endpoint_report_get_reachable (endpoint) ||
      (!sti_endpoint_report_get_tls_established (endpoint) &&
       !sti_endpoint_report_get_starttls_offered (endpoint) &&
       sti_endpoint_report_get_caps_before (endpoint) == NULL))
    {
      /* No SMTP dialogue at all: nobody delivers here. */
      verdicts->opportunistic = STI_SENDER_OUTCOME_UNREACHABLE;
      verdicts->validating = STI_SENDER_OUTCOME_UNREACHABLE;
      return;
    }

  if (sti_endpoint_report_get_tls_established (endpoint))
    {
      verdicts->opportunistic = STI_SENDER_OUTCOME_ENCRYPTS;
      if (sti_endpoint_report_get_certificate_verified (endpoint) && !refused)
        verdicts->validating = STI_SENDER_OUTCOME_DELIVERS;
      else
        verdicts->validating = STI_SENDER_OUTCOME_REFUSES;
    }
  else
    {
      verdicts->opportunistic = STI_SENDER_OUTCOME_CLEARTEXT;
      verdicts->validating = STI_SENDER_OUTCOME_REFUSES;
    }
}

/**
 * sti_sender_outcome_get_label:
 * @outcome: an outcome
 *
 * Returns: a short translated sentence, such as "Sends in clear"
 */
const char *
sti_sender_outcome_get_label (StiSenderOutcome outcome)
{
  switch (outcome)
    {
    case STI_SENDER_OUTCOME_UNREACHABLE:
      return _("Cannot deliver: no SMTP dialogue");
    case STI_SENDER_OUTCOME_ENCRYPTS:
      return _("Encrypts");
    case STI_SENDER_OUTCOME_CLEARTEXT:
      return _("Sends in clear");
    case STI_SENDER_OUTCOME_DELIVERS:
      return _("Delivers");
    case STI_SENDER_OUTCOME_REFUSES:
      return _("Refuses to deliver");
    case STI_SENDER_OUTCOME_NO_TLSA:
      return _("No TLSA records published");
    case STI_SENDER_OUTCOME_NOT_EVALUATED:
      return _("TLSA records published; not evaluated yet");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * sti_sender_outcome_is_good:
 * @outcome: an outcome
 *
 * Returns: %TRUE if mail is delivered encrypted under @outcome, or it is a
 *   neutral statement (DANE not in use or not evaluated)
 */
gboolean
sti_sender_outcome_is_good (StiSenderOutcome outcome)
{
  switch (outcome)
    {
    case STI_SENDER_OUTCOME_ENCRYPTS:
    case STI_SENDER_OUTCOME_DELIVERS:
    case STI_SENDER_OUTCOME_NO_TLSA:
    case STI_SENDER_OUTCOME_NOT_EVALUATED:
      return TRUE;
    case STI_SENDER_OUTCOME_UNREACHABLE:
    case STI_SENDER_OUTCOME_CLEARTEXT:
    case STI_SENDER_OUTCOME_REFUSES:
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}
