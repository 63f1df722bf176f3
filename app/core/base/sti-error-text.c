/* sti-error-text.c: what went wrong, in words for people
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-error-text.h"

#include <glib/gi18n.h>

static const char * const problems[] = {
  [STI_PROBLEM_CERTIFICATE_DAMAGED] =
    N_("The certificate data is damaged or is not a certificate. "
       "Get the file again from where it came from, as PEM or DER."),
  [STI_PROBLEM_CA_FILE_UNREADABLE] =
    N_("The CA file holds no certificate that can be read. "
       "Choose the certificate of the CA itself, as a PEM or DER file."),
  [STI_PROBLEM_REPORT_NOT_JSON] =
    N_("This file is not a saved report: it is not JSON, or it was cut short. "
       "Open a report exported as JSON, or export it again."),
  [STI_PROBLEM_REPORT_CONTROL_CHAR] =
    N_("This file is not a saved report: it contains characters JSON does not allow. "
       "Open a report exported as JSON, or export it again."),
};

/**
 * sti_error_text_get_problem:
 * @problem: what went wrong
 *
 * Returns: (transfer none): what happened and what to do, translated
 */
const char *
sti_error_text_get_problem (StiProblem problem)
{
  g_return_val_if_fail ((guint)problem < G_N_ELEMENTS (problems), "");

  return _(problems[problem]);
}

/**
 * sti_error_text_dup_problem:
 * @problem: what went wrong
 * @detail: (nullable): the technical reason (a library's message), kept
 *   for whoever reports a bug; %NULL for none
 *
 * Returns: (transfer full): the problem, then the detail
 */
char *
sti_error_text_dup_problem (StiProblem  problem,
                            const char *detail)
{
  if (detail == NULL || *detail == '\0')
    return g_strdup (sti_error_text_get_problem (problem));

  /* Translators: a sentence on what went wrong, then the technical reason a library gave */
  return g_strdup_printf (_("%s (Detail: %s)"), sti_error_text_get_problem (problem), detail);
}

/* Why a certificate chain does not verify: the reason words the findings
 * keep in their params ("reasons", "reason"), the ones
 * sti-chain-verify-trust.c takes from GnuTLS's status bits. */
static const struct {
  const char *reason;
  const char *label;
} reasons[] = {
  /* Translators: why a certificate chain is not trusted */
  { "signer-not-found",           N_("the issuer was not found") },
  /* Translators: why a certificate chain is not trusted */
  { "signer-not-ca",              N_("the issuer is not a CA") },
  /* Translators: why a certificate chain is not trusted */
  { "signature-failure",          N_("a signature does not verify") },
  /* Translators: why a certificate chain is not trusted */
  { "signer-constraints-failure", N_("the issuer's constraints are violated") },
  /* Translators: why a certificate chain is not trusted */
  { "unknown-critical-extension", N_("an unknown critical extension") },
  /* Translators: why a certificate failed verification */
  { "insecure-algorithm",         N_("it is signed with an insecure algorithm") },
  /* Translators: why a certificate failed verification */
  { "unexpected-owner",           N_("it is not for this host name") },
  /* Translators: why a certificate failed verification */
  { "purpose-mismatch",           N_("it may not be used by a TLS server") },
  /* Translators: why a certificate failed verification */
  { "revoked",                    N_("the certificate has been revoked") },
  /* Translators: why a certificate failed verification */
  { "missing-ocsp-status",        N_("the server sent no OCSP answer, which the certificate "
                                     "demands") },
  /* Translators: why a certificate failed verification */
  { "expired",                    N_("a certificate has expired") },
  /* Translators: why a certificate failed verification */
  { "not-activated",              N_("a certificate is not valid yet") },
  /* Translators: why a certificate failed verification */
  { "ocsp-superseded",            N_("the OCSP answer is older than allowed") },
  /* Translators: why a certificate failed verification */
  { "ocsp-in-future",             N_("the OCSP answer is dated in the future") },
  /* Translators: why a certificate failed verification */
  { "invalid-ocsp-status",        N_("the OCSP answer is not valid") },
  /* Translators: why a certificate failed verification */
  { "mismatch",                   N_("the certificate differs from the expected one") },
};

/**
 * sti_error_text_get_reason_msgid:
 * @reason: a reason word such as "signer-not-found"
 *
 * Returns: (transfer none): its words in English, for the model's
 *   details (which are English), or @reason when it has none
 */
const char *
sti_error_text_get_reason_msgid (const char *reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].reason, reason) == 0)
      return reasons[i].label;

  return reason;
}

/**
 * sti_error_text_get_reason:
 * @reason: a reason word such as "signer-not-found"
 *
 * Returns: (transfer none): its words, translated, or @reason when it
 *   has none
 */
const char *
sti_error_text_get_reason (const char *reason)
{
  const char *msgid = sti_error_text_get_reason_msgid (reason);

  return msgid != reason ? _(msgid) : reason;
}
