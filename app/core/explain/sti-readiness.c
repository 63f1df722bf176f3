/* sti-readiness.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-readiness.h"

#include "sti-endpoint-report.h"
#include "sti-host-report.h"

#include <glib/gi18n.h>
#include <string.h>

/* Readiness for mandatory TLS: which of a domain's addresses a sender that
 * insists on each level still delivers to. Every answer comes from the
 * endpoint verdict (sti-verdict.c), so a survey, the policy map and the
 * window judge a server as the single-domain verdict does:
 *   opportunistic  the verdict's opportunistic line is not "unknown": the
 *                  server answered, and takes mail in TLS or in plaintext
 *   encrypt        the opportunistic line is "yes": the assumed senders
 *                  complete the handshake
 *   verify         the validating line is "yes" when no MTA-STS policy is
 *                  looked at: the certificate is valid for the MX name
 *   mta-sts        the policy enforces, and the validating line (which
 *                  honours the policy's MX list) is "yes"
 *   dane           the DANE line is "yes" */

static void
judge_endpoint (StiReadiness      *self,
                StiEndpointReport *endpoint,
                StiDomainReport   *report)
{
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  /* Without the report the verdict sees no MTA-STS policy: what is left
   * of the validating line is the certificate against the MX name. */
  g_autoptr(StiEndpointVerdict) by_name = sti_endpoint_verdict_new (endpoint, NULL);
  StiAnswer opportunistic = sti_endpoint_verdict_get_opportunistic (verdict);

  self->n_endpoints++;
  if (!sti_endpoint_report_get_reachable (endpoint))
    self->n_unreachable++;
  else if (sti_endpoint_report_stopped_before_starttls (endpoint))
    self->n_temporary++;

  if (opportunistic == STI_ANSWER_UNKNOWN)
    return;

  self->passing[STI_READINESS_OPPORTUNISTIC]++;
  if (opportunistic == STI_ANSWER_YES)
    self->passing[STI_READINESS_ENCRYPT]++;
  if (sti_endpoint_verdict_get_validating (by_name) == STI_ANSWER_YES)
    self->passing[STI_READINESS_VERIFY]++;
  if (self->mta_sts == STI_MTA_STS_STATE_ENFORCE &&
      sti_endpoint_verdict_get_validating (verdict) == STI_ANSWER_YES)
    self->passing[STI_READINESS_MTA_STS]++;
  if (sti_endpoint_verdict_get_dane (verdict) == STI_ANSWER_YES)
    self->passing[STI_READINESS_DANE]++;
}

/**
 * sti_readiness_judge:
 * @report: a finished domain report
 * @out: (out caller-allocates): what @report says about mandatory TLS
 */
void
sti_readiness_judge (StiDomainReport *report,
                     StiReadiness    *out)
{
  GPtrArray *hosts;

  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->mta_sts = sti_verdict_get_mta_sts_state (report);

  hosts = sti_domain_report_get_hosts (report);
  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        judge_endpoint (out, g_ptr_array_index (endpoints, j), report);
    }

  if (out->n_endpoints == 0)
    out->reach = STI_REACH_NO_MAIL_SERVER;
  else if (out->passing[STI_READINESS_OPPORTUNISTIC] > 0)
    out->reach = STI_REACH_ANSWERED;
  else if (out->n_temporary > 0)
    out->reach = STI_REACH_TEMPORARY;
  else
    out->reach = STI_REACH_UNREACHABLE;
}

/* Whether the domain receives mail from a sender insisting on @level: a
 * sender that fails at one MX address tries the next. */
gboolean
sti_readiness_delivers (const StiReadiness *self,
                        StiReadinessLevel   level)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (level < STI_READINESS_N_LEVELS, FALSE);

  return self->reach == STI_REACH_ANSWERED && self->passing[level] > 0;
}

/**
 * sti_readiness_get_strictest:
 *
 * The strictest level that still delivers. MTA-STS and DANE do not build
 * on each other: a domain with DANE and no MTA-STS policy is at DANE.
 *
 * Returns: a #StiReadinessLevel, or -1 when the domain could not be judged
 */
int
sti_readiness_get_strictest (const StiReadiness *self)
{
  g_return_val_if_fail (self != NULL, -1);

  for (int level = STI_READINESS_N_LEVELS - 1; level >= 0; level--)
    if (sti_readiness_delivers (self, level))
      return level;

  return -1;
}

/* The stable name, for JSON and the policy map's comments. */
const char *
sti_readiness_level_to_string (StiReadinessLevel level)
{
  switch (level)
    {
    case STI_READINESS_OPPORTUNISTIC: return "opportunistic";
    case STI_READINESS_ENCRYPT:       return "encrypt";
    case STI_READINESS_VERIFY:        return "verify";
    case STI_READINESS_MTA_STS:       return "mta-sts";
    case STI_READINESS_DANE:          return "dane";
    case STI_READINESS_N_LEVELS:
    default:                          return "unknown";
    }
}

/* Returns: (transfer none): the level as people read it */
const char *
sti_readiness_level_get_label (StiReadinessLevel level)
{
  switch (level)
    {
    /* Translators: a sender's TLS level: TLS when offered, plaintext otherwise */
    case STI_READINESS_OPPORTUNISTIC: return _("Opportunistic");
    /* Translators: a sender's TLS level: TLS is required, the certificate is not checked */
    case STI_READINESS_ENCRYPT:       return _("Encrypt");
    /* Translators: a sender's TLS level: a valid certificate for the MX host name */
    case STI_READINESS_VERIFY:        return _("Verify MX name");
    /* Translators: a sender's TLS level: the domain's MTA-STS policy in enforce mode */
    case STI_READINESS_MTA_STS:       return _("MTA-STS policy");
    /* Translators: a sender's TLS level: DNSSEC-signed TLSA records (DANE) */
    case STI_READINESS_DANE:          return _("DANE");
    case STI_READINESS_N_LEVELS:
    default:                          return _("Unknown");
    }
}

const char *
sti_reach_to_string (StiReach reach)
{
  switch (reach)
    {
    case STI_REACH_ANSWERED:       return "answered";
    case STI_REACH_NO_MAIL_SERVER: return "no-mail-server";
    case STI_REACH_UNREACHABLE:    return "unreachable";
    case STI_REACH_TEMPORARY:      return "temporary";
    default:                       return "unknown";
    }
}

const char *
sti_mta_sts_state_to_string (StiMtaStsState state)
{
  switch (state)
    {
    case STI_MTA_STS_STATE_NONE:      return "none";
    case STI_MTA_STS_STATE_BROKEN:    return "broken";
    case STI_MTA_STS_STATE_TESTING:   return "testing";
    case STI_MTA_STS_STATE_MODE_NONE: return "mode-none";
    case STI_MTA_STS_STATE_ENFORCE:   return "enforce";
    case STI_MTA_STS_STATE_UNKNOWN:   return "unknown";
    default:                          return "none";
    }
}
