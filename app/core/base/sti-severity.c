/* sti-severity.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-severity.h"

/* The severity of every certificate and TLS finding, in one place, with the
 * reason for it. The yardstick is the sender (an MTA delivering to this
 * server), in three classes:
 *
 *   ERROR    a sender that authenticates the server (MTA-STS "enforce",
 *            DANE-TA, strict PKIX) refuses to deliver, or the protection
 *            TLS should give is gone;
 *   WARNING  mail still flows and stays encrypted, but something will break
 *            soon, breaks for some senders, or weakens the protection;
 *   INFO     harmless, worth knowing.
 *
 * Two findings change severity with their parameters; their rule is here
 * too (sti_severity_for_days_left(), and tls-cipher-weak below). */
static const struct
{
  const char  *id;
  StiSeverity  severity;
  const char  *reason;
} rules[] = {
  { "cert-expired",               STI_SEVERITY_ERROR,
    "Every verifying sender refuses an expired certificate." },
  { "cert-not-yet-valid",         STI_SEVERITY_ERROR,
    "Every verifying sender refuses a certificate before its start date." },
  { "cert-expiring-soon",         STI_SEVERITY_WARNING,
    "Still valid, so mail flows; a warning under the warning threshold (30 days), "
    "an error under the error threshold (7 days), when there is too little time "
    "left for a renewal that may need a human." },
  { "cert-self-signed",           STI_SEVERITY_ERROR,
    "Nobody vouches for the key: a verifying sender refuses it." },
  { "cert-untrusted-issuer",      STI_SEVERITY_ERROR,
    "The chain leads to no trusted CA: a verifying sender refuses it." },
  { "chain-missing-intermediate", STI_SEVERITY_ERROR,
    "Senders do not fetch missing intermediates (browsers do, MTAs do not): "
    "a verifying sender refuses the chain." },
  { "chain-wrong-order",          STI_SEVERITY_WARNING,
    "Most TLS libraries re-sort the chain, strict ones do not." },
  { "chain-duplicate",            STI_SEVERITY_WARNING,
    "Most TLS libraries skip the copy, strict ones fail on it." },
  { "chain-includes-root",        STI_SEVERITY_INFO,
    "Harmless: clients use their own copy of the root; only bytes are wasted." },
  { "cert-name-mismatch",         STI_SEVERITY_ERROR,
    "A verifying sender checks the MX host name and refuses the certificate." },
  { "cert-weak-key",              STI_SEVERITY_ERROR,
    "Keys this short can be broken; current TLS libraries refuse them." },
  { "cert-weak-signature",        STI_SEVERITY_ERROR,
    "MD5 and SHA-1 signatures can be forged; current TLS libraries refuse them." },
  { "cert-not-for-server-auth",   STI_SEVERITY_ERROR,
    "The CA allowed this key other uses only; a verifying sender refuses it." },
  { "cert-revoked",               STI_SEVERITY_ERROR,
    "The CA withdrew the certificate; the key may be in someone else's hands." },
  { "ocsp-must-staple-missing",   STI_SEVERITY_WARNING,
    "The certificate promises a stapled OCSP answer; senders that honour the "
    "promise refuse the connection, most ignore it." },
  { "tls-version-obsolete",       STI_SEVERITY_WARNING,
    "TLS 1.0 and 1.1 are deprecated (RFC 8996) and weak, but still encrypt: "
    "better than plaintext, which is what a sender falls back to otherwise." },
  { "tls-cipher-weak",            STI_SEVERITY_WARNING,
    "A breakable cipher (3DES, RC4, …) still hides mail from a casual observer; "
    "an error when it gives no confidentiality or authentication at all "
    "(NULL, anonymous or export suites)." },
  { "tls-no-forward-secrecy",     STI_SEVERITY_WARNING,
    "Traffic recorded today can be decrypted by whoever obtains the server key later." },
};

/**
 * sti_severity_for_finding:
 * @id: a certificate or TLS finding id
 *
 * Returns: the base severity of @id (see the table for the ones that change
 *   with their parameters); %STI_SEVERITY_ERROR for an unknown id
 */
StiSeverity
sti_severity_for_finding (const char *id)
{
  g_return_val_if_fail (id != NULL, STI_SEVERITY_ERROR);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (g_str_equal (rules[i].id, id))
        return rules[i].severity;
    }

  g_return_val_if_reached (STI_SEVERITY_ERROR);
}

/**
 * sti_severity_reason:
 * @id: a certificate or TLS finding id
 *
 * Returns: (nullable): why @id has its severity (English, for developers and
 *   reports' appendix), %NULL for an id this table does not cover
 */
const char *
sti_severity_reason (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if (g_str_equal (rules[i].id, id))
        return rules[i].reason;
    }

  return NULL;
}

/**
 * sti_severity_for_days_left:
 * @days_left: whole days until a certificate expires
 * @error_days: under this many days it is an error
 *
 * The severity of cert-expiring-soon (only reported under the warning
 * threshold).
 *
 * Returns: the severity
 */
StiSeverity
sti_severity_for_days_left (gint64 days_left,
                            guint  error_days)
{
  return days_left < (gint64)error_days ? STI_SEVERITY_ERROR : STI_SEVERITY_WARNING;
}
