/* sti-lab-scenarios.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The scenarios of the demo lab: what a newcomer reads about each (the
 * public table) and how the lab builds it (the build table). */

#define FINDINGS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NO_FINDINGS   ((const char * const[]) { NULL })


/* The public table and the build table run in parallel: same index. */
static const StiLabScenario scenarios[] = {
  { "valid", "valid.lab.test",
    N_("Two mail servers with valid certificates: what a good setup looks like"),
    NO_FINDINGS },
  { "expired", "expired.lab.test",
    N_("The certificate expired 30 days ago"),
    FINDINGS ("cert-expired") },
  { "not-yet-valid", "not-yet-valid.lab.test",
    N_("The certificate only becomes valid in 10 days"),
    FINDINGS ("cert-not-yet-valid") },
  { "self-signed", "self-signed.lab.test",
    N_("The server presents a self-signed certificate that nobody vouches for"),
    FINDINGS ("cert-self-signed") },
  { "untrusted-ca", "untrusted-ca.lab.test",
    N_("The certificate comes from a certificate authority that is not trusted"),
    FINDINGS ("cert-untrusted-issuer") },
  { "missing-intermediate", "missing-intermediate.lab.test",
    N_("The server forgets to send its intermediate certificate"),
    FINDINGS ("chain-missing-intermediate") },
  { "wrong-order", "wrong-order.lab.test",
    N_("The server sends its certificate chain in the wrong order"),
    FINDINGS ("chain-wrong-order") },
  { "name-mismatch", "name-mismatch.lab.test",
    N_("The certificate is for a different host name"),
    FINDINGS ("cert-name-mismatch") },
  { "weak-key", "weak-key.lab.test",
    N_("The certificate has a 1024-bit RSA key, too weak today"),
    FINDINGS ("cert-weak-key") },
  { "sha1", "sha1.lab.test",
    N_("The certificate is signed with the broken SHA-1 hash"),
    FINDINGS ("cert-weak-signature") },
  { "no-starttls", "no-starttls.lab.test",
    N_("The server does not offer STARTTLS: mail travels in the clear"),
    FINDINGS ("starttls-not-offered") },
  { "starttls-refused", "starttls-refused.lab.test",
    N_("The server offers STARTTLS but refuses it when asked"),
    FINDINGS ("starttls-refused") },
  { "greeting-421", "greeting-421.lab.test",
    N_("The server turns every connection away with a temporary 421 error"),
    FINDINGS ("smtp-temporary-failure") },
  { "one-mx-down", "one-mx-down.lab.test",
    N_("Three mail servers, and the second one does not answer"),
    FINDINGS ("host-unreachable") },
  { "null-mx", "null-mx.lab.test",
    N_("The domain declares that it accepts no mail at all (null MX)"),
    FINDINGS ("null-mx") },
  { "no-mx", "no-mx.lab.test",
    N_("No MX record: mail goes to the address of the domain itself"),
    FINDINGS ("no-mx-implicit") },
  { "ipv6-only", "ipv6-only.lab.test",
    N_("The mail server can only be reached over IPv6"),
    NO_FINDINGS },
  { "injection", "injection.lab.test",
    N_("The server slips plaintext into the switch to TLS (STARTTLS injection)"),
    FINDINGS ("plaintext-injection") },
  { "hostile", "hostile.lab.test",
    N_("Banner and certificate full of markup and broken text: shown safely, never run"),
    NO_FINDINGS },
  { "expiring-soon", "expiring-soon.lab.test",
    N_("The certificate expires in 5 days: renew it now"),
    FINDINGS ("cert-expiring-soon") },
  { "not-for-server-auth", "not-for-server-auth.lab.test",
    N_("The certificate may only identify clients, not servers"),
    FINDINGS ("cert-not-for-server-auth") },
  { "must-staple", "must-staple.lab.test",
    N_("The certificate demands a stapled OCSP answer that the server never sends"),
    FINDINGS ("ocsp-must-staple-missing") },
  { "revoked", "revoked.lab.test",
    N_("The certificate was revoked: the CA's OCSP responder says so"),
    FINDINGS ("cert-revoked") },
  { "old-tls", "old-tls.lab.test",
    N_("The server only speaks the obsolete TLS 1.0 and 1.1"),
    FINDINGS ("tls-version-obsolete") },
  { "no-forward-secrecy", "no-forward-secrecy.lab.test",
    N_("The server only offers RSA key exchange: recorded mail can be decrypted later"),
    FINDINGS ("tls-no-forward-secrecy") },
  { "mta-sts", "mta-sts.lab.test",
    N_("MTA-STS in enforce mode, done right: senders must use TLS with a valid certificate"),
    NO_FINDINGS },
  { "mta-sts-mx-missing", "mta-sts-mx-missing.lab.test",
    N_("The MTA-STS policy does not list the domain's mail server, so enforcing senders refuse it"),
    FINDINGS ("mta-sts-mx-not-covered", "mta-sts-mx-refused", "mta-sts-mx-pattern-unused") },
  { "mta-sts-bad-cert", "mta-sts-bad-cert.lab.test",
    N_("The MTA-STS policy host's certificate is for another name, "
       "so senders cannot fetch the policy"),
    FINDINGS ("mta-sts-policy-bad-certificate") },
  { "mta-sts-redirect", "mta-sts-redirect.lab.test",
    N_("The MTA-STS policy host redirects, which senders must not follow"),
    FINDINGS ("mta-sts-policy-redirect") },
  { "dane", "dane.lab.test",
    N_("DANE done right: signed TLSA records (DANE-EE and DANE-TA) that match the server"),
    NO_FINDINGS },
  { "dane-stale", "dane-stale.lab.test",
    N_("A TLSA record for a key the server no longer uses: DANE senders would refuse it"),
    FINDINGS ("dane-no-match") },
  { "dane-unsigned", "dane-unsigned.lab.test",
    N_("TLSA records in a zone without DNSSEC: senders ignore them"),
    FINDINGS ("dane-tlsa-insecure") },
  { "dnssec-bogus", "dnssec-bogus.lab.test",
    N_("The zone's DNSSEC signatures are broken: validating senders cannot find the mail server"),
    FINDINGS ("dnssec-bogus") },
  { "mta-sts-two-mx", "mta-sts-two-mx.lab.test",
    N_("Two mail servers, both named by an MTA-STS policy in enforce mode: a complete good setup"),
    NO_FINDINGS },
  { "sni", "sni.lab.test",
    N_("Two certificates: senders that send SNI get the right one, "
       "Postfix and others without SNI a default one for another name"),
    FINDINGS ("cert-differs-without-sni") },
  { "connection-limit", "connection-limit.lab.test",
    N_("One connection at a time from any client: a second one at once is turned away with 421"),
    NO_FINDINGS },
};

static const LabScenarioSpec scenario_specs[] = {
  /* valid */
  { MX_LIST, 2, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* expired */
  { MX_LIST, 1, 0, FALSE, CERT_EXPIRED, STI_LAB_SERVER_SMTP, FALSE },
  /* not-yet-valid */
  { MX_LIST, 1, 0, FALSE, CERT_NOT_YET_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* self-signed */
  { MX_LIST, 1, 0, FALSE, CERT_SELF_SIGNED, STI_LAB_SERVER_SMTP, FALSE },
  /* untrusted-ca */
  { MX_LIST, 1, 0, FALSE, CERT_UNTRUSTED_CA, STI_LAB_SERVER_SMTP, FALSE },
  /* missing-intermediate */
  { MX_LIST, 1, 0, FALSE, CERT_MISSING_INTERMEDIATE, STI_LAB_SERVER_SMTP, TRUE },
  /* wrong-order */
  { MX_LIST, 1, 0, FALSE, CERT_WRONG_ORDER, STI_LAB_SERVER_SMTP, FALSE },
  /* name-mismatch */
  { MX_LIST, 1, 0, FALSE, CERT_NAME_MISMATCH, STI_LAB_SERVER_SMTP, FALSE },
  /* weak-key */
  { MX_LIST, 1, 0, FALSE, CERT_WEAK_KEY, STI_LAB_SERVER_SMTP, FALSE },
  /* sha1 */
  { MX_LIST, 1, 0, FALSE, CERT_SHA1, STI_LAB_SERVER_SMTP, FALSE },
  /* no-starttls */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_NO_STARTTLS, FALSE },
  /* starttls-refused */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_STARTTLS_REFUSED, FALSE },
  /* greeting-421 */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_GREETING_421, FALSE },
  /* one-mx-down */
  { MX_LIST, 3, 2, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* null-mx */
  { MX_NULL, 0, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* no-mx */
  { MX_IMPLICIT, 0, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* ipv6-only */
  { MX_LIST, 1, 0, TRUE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* injection */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_INJECTION, FALSE },
  /* hostile */
  { MX_LIST, 1, 0, FALSE, CERT_HOSTILE, STI_LAB_SERVER_SMTP_HOSTILE, FALSE },
  /* expiring-soon */
  { MX_LIST, 1, 0, FALSE, CERT_EXPIRING_SOON, STI_LAB_SERVER_SMTP, FALSE },
  /* not-for-server-auth */
  { MX_LIST, 1, 0, FALSE, CERT_CLIENT_AUTH_ONLY, STI_LAB_SERVER_SMTP, FALSE },
  /* must-staple */
  { MX_LIST, 1, 0, FALSE, CERT_MUST_STAPLE, STI_LAB_SERVER_SMTP, FALSE },
  /* revoked */
  { MX_LIST, 1, 0, FALSE, CERT_REVOKED, STI_LAB_SERVER_SMTP, FALSE, TRUE },
  /* old-tls: GnuTLS 3.7.9 still serves TLS 1.0/1.1, and the probe's
   * "NORMAL" still offers them (platform-notes A4) */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE,
    "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0" },
  /* no-forward-secrecy: static RSA key exchange, which "NORMAL" still
   * offers in TLS 1.2. No weak-cipher scenario: GnuTLS 3.7.9 has no RC4
   * or export suites left, and 3DES is not in the probe's "NORMAL", so
   * the handshake would fail instead (tls-cipher-weak has fixtures). */
  { MX_LIST, 1, 0, FALSE, CERT_RSA, STI_LAB_SERVER_SMTP, FALSE, FALSE,
    "NORMAL:-VERS-TLS1.3:-KX-ALL:+RSA" },
  /* mta-sts */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_ENFORCE },
  /* mta-sts-mx-missing */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_MX_MISSING },
  /* mta-sts-bad-cert */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_BAD_CERT },
  /* mta-sts-redirect */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_REDIRECT },
  /* dane */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_EE },
  /* dane-stale */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE,
    DANE_STALE },
  /* dane-unsigned */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_EE,
    DNS_UNSIGNED_ZONE },
  /* dnssec-bogus */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_NONE,
    DNS_BOGUS_ZONE },
  /* mta-sts-two-mx: what bench-check times */
  { MX_LIST, 2, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_ENFORCE },
  /* sni */
  { .mx = MX_LIST, .n_mx = 1, .cert = CERT_VALID, .server = STI_LAB_SERVER_SMTP,
    .sni = SNI_DEFAULT_OTHER },
  /* connection-limit: the check's handshake without SNI, beside the main
   * dialogue, is turned away; that is no fault of the server's. */
  { .mx = MX_LIST, .n_mx = 1, .cert = CERT_VALID, .server = STI_LAB_SERVER_SMTP,
    .max_connections = 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (scenarios) == G_N_ELEMENTS (scenario_specs));


guint
lab_n_scenarios (void)
{
  return G_N_ELEMENTS (scenario_specs);
}

const LabScenarioSpec *
lab_spec (guint scenario)
{
  g_return_val_if_fail (scenario < G_N_ELEMENTS (scenario_specs), NULL);

  return &scenario_specs[scenario];
}

const char *
lab_domain (guint scenario)
{
  g_return_val_if_fail (scenario < G_N_ELEMENTS (scenarios), NULL);

  return scenarios[scenario].domain;
}

char *
lab_normalize_domain (const char *domain)
{
  gsize len;

  if (domain == NULL)
    return NULL;

  len = strlen (domain);
  if (len > 0 && domain[len - 1] == '.')
    len--;

  return g_ascii_strdown (domain, len);
}

char *
lab_address (guint scenario,
             guint octet)
{
  return g_strdup_printf ("127.77.%u.%u", scenario + 1, octet);
}

char *
lab_mx_host_name (guint scenario,
                  guint mx)
{
  return g_strdup_printf ("mx%u.%s", mx, scenarios[scenario].domain);
}

/**
 * sti_lab_get_scenarios:
 * @n_scenarios: (out) (optional): number of scenarios
 *
 * Returns: (array length=n_scenarios) (transfer none): every scenario, in
 *   the order to present them
 */
const StiLabScenario *
sti_lab_get_scenarios (guint *n_scenarios)
{
  if (n_scenarios != NULL)
    *n_scenarios = G_N_ELEMENTS (scenarios);
  return scenarios;
}

/**
 * sti_lab_find_scenario:
 * @domain: a domain name (any case, trailing dot allowed)
 *
 * Returns: (nullable) (transfer none): the scenario for @domain
 */
const StiLabScenario *
sti_lab_find_scenario (const char *domain)
{
  g_autofree char *name = lab_normalize_domain (domain);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      if (g_str_equal (scenarios[i].domain, name))
        return &scenarios[i];
    }

  return NULL;
}

/**
 * sti_lab_is_lab_domain:
 * @domain: a domain name
 *
 * Returns: %TRUE for lab.test and every name under it
 */
gboolean
sti_lab_is_lab_domain (const char *domain)
{
  g_autofree char *name = lab_normalize_domain (domain);

  if (name == NULL)
    return FALSE;

  return g_str_equal (name, "lab.test") || g_str_has_suffix (name, ".lab.test");
}

