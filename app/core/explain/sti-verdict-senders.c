/* sti-verdict-senders.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-verdict-private.h"

#include "sti-format.h"
#include "sti-finding.h"

#include <glib/gi18n.h>

/* Our probe (GnuTLS "NORMAL") still completes TLS 1.0 and 1.1 handshakes
 * that the senders the verdict assumes do not (docs/sender-profiles.md,
 * "The TLS version rule"). When they refuse, the handshake fails for them:
 * an opportunistic sender then sends in plaintext, one that insists on TLS
 * holds the mail. These are the words for that; sti-verdict.c decides
 * where they apply. */

const StiSenderProfile *
vs_profile (void)
{
  return sti_sender_profile_lookup (STI_SENDER_PROFILE_VERDICT);
}

/* A signed key exchange (ECDHE, DHE) is one with forward secrecy: the
 * absence of that finding is what the report keeps of it. */
static gboolean
signed_kx (StiEndpointReport *endpoint)
{
  return !sti_findings_contain (sti_endpoint_report_get_findings (endpoint),
                                "tls-no-forward-secrecy");
}

/* Whether the handshake our probe completed fails for the assumed senders. */
gboolean
vs_senders_refuse_tls (StiEndpointReport *endpoint)
{
  return sti_endpoint_report_get_tls_established (endpoint) &&
         !sti_sender_profile_accepts_tls (vs_profile (),
                                          sti_endpoint_report_get_tls_version (endpoint),
                                          signed_kx (endpoint));
}

/* Why the handshake fails, in a few words: "TLS1.1, “legacy sigalg
 * disallowed”" when only the signature is in the way. */
static char *
dup_reason (StiEndpointReport *endpoint)
{
  const char *version = sti_endpoint_report_get_tls_version (endpoint);

  if (sti_sender_profile_accepts_tls (vs_profile (), version, FALSE))
    /* Translators: %s is a protocol version like "TLS1.1"; the quoted part is
     * OpenSSL's error message, keep it in English */
    return g_strdup_printf (_("%s: “legacy sigalg disallowed”"),
                            version);
  /* Translators: %s is a protocol version like "SSL3.0" */
  return g_strdup_printf (_("%s is older than these senders accept"), version);
}

/* The opportunistic line when the assumed senders encrypt. With an old
 * version they accept (RSA key exchange), others still refuse it. */
char *
vs_dup_encrypted (StiEndpointReport *endpoint)
{
  const char *version = sti_endpoint_report_get_tls_version (endpoint);
  g_autofree char *refusing = sti_sender_profiles_dup_accepting (version, signed_kx (endpoint),
                                                                 FALSE);

  if (refusing == NULL)
    /* Translators: %s is a protocol version like "TLS1.3" */
    return g_strdup_printf (_("Yes: mail is encrypted (%s)."), version != NULL ? version : "TLS");
  /* Translators: the first and second %s are a protocol version like "TLS1.0", the third a
   * list of senders */
  return g_strdup_printf (_("Yes: mail is encrypted (%s). Senders that refuse %s (%s) cannot "
                            "encrypt it."), version, version, refusing);
}

char *
vs_dup_refused_opportunistic (StiEndpointReport *endpoint)
{
  const char *version = sti_endpoint_report_get_tls_version (endpoint);
  g_autofree char *reason = dup_reason (endpoint);
  g_autofree char *accepting = sti_sender_profiles_dup_accepting (version, signed_kx (endpoint),
                                                                  TRUE);

  if (accepting == NULL)
    /* Translators: %s is why the TLS handshake fails */
    return g_strdup_printf (_("No: the handshake fails (%s), so mail travels in plaintext."),
                            reason);
  /* Translators: the first %s is why the TLS handshake fails, the second a
   * protocol version like "TLS1.1", the third a list of senders */
  return g_strdup_printf (_("No: the handshake fails (%s), so mail travels in plaintext. "
                            "Senders that still accept %s (%s) encrypt it."),
                          reason, version, accepting);
}

char *
vs_dup_refused_validating (StiEndpointReport *endpoint)
{
  g_autofree char *reason = dup_reason (endpoint);

  /* Translators: %s is why the TLS handshake fails */
  return g_strdup_printf (_("No: the handshake fails (%s), so a sender that insists on TLS "
                            "holds the mail and finally returns it."), reason);
}

/**
 * vs_dup_refused_dane:
 * @tlsa_matches: a DNSSEC-signed TLSA record matches the certificate
 * @no_tlsa_text: (nullable): the DANE line when DANE does not apply (no
 *   TLSA records, or not signed): the sender falls back to opportunistic TLS
 *
 * Returns: (transfer full) (nullable): the DANE line for an endpoint whose
 *   handshake the assumed senders refuse; %NULL when DANE's answer does
 *   not depend on the handshake
 */
char *
vs_dup_refused_dane (StiEndpointReport *endpoint,
                     gboolean           tlsa_matches,
                     const char        *no_tlsa_text)
{
  g_autofree char *reason = dup_reason (endpoint);

  if (tlsa_matches)
    /* Translators: %s is why the TLS handshake fails */
    return g_strdup_printf (_("No: a DNSSEC-signed TLSA record matches the certificate, but the "
                              "handshake fails (%s), so DANE senders hold the mail."), reason);
  if (no_tlsa_text != NULL)
    /* Translators: the first %s is a sentence of the verdict ("No TLSA records: DANE senders
     * use opportunistic TLS."), the second why the TLS handshake fails */
    return g_strdup_printf (_("%s Here the handshake fails (%s), so mail travels in plaintext."),
                            no_tlsa_text, reason);
  return NULL;
}

/**
 * vs_dup_refused_sentence:
 * @version: the version of one endpoint the senders refuse, "TLS1.1"
 * @all_refused: every reachable mail server is such an endpoint
 *
 * Returns: (transfer full): the domain verdict when the senders the
 *   verdict assumes refuse the TLS of some mail server
 */
char *
vs_dup_refused_sentence (const char *domain,
                         const char *version,
                         gboolean    all_refused)
{
  if (all_refused)
    /* Translators: the first %s is a domain, the second a protocol version like "TLS1.1" */
    return g_strdup_printf (_("Mail to %s travels unencrypted from most senders, or is refused: "
                              "its mail servers offer only %s, which Postfix and Exim with "
                              "OpenSSL 3 refuse."), domain, version);
  /* Translators: the first %s is a domain, the second a protocol version like "TLS1.1" */
  return g_strdup_printf (_("Mail to %s can travel unencrypted or be refused: at least one of its "
                            "mail servers offers only %s, which Postfix and Exim with OpenSSL 3 "
                            "refuse."), domain, version);
}

/* With SNI the certificate passes, but the assumed sender sends none
 * (docs/sender-profiles.md) and gets a default certificate it refuses
 * (cert-differs-without-sni, default_status "fails"). Returns %NULL when
 * that is not the case. */
char *
vs_dup_refused_without_sni (StiEndpointReport *endpoint)
{
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);
  const StiSenderProfile *profile = vs_profile ();

  if (profile->sni == STI_SENDER_SNI_ALWAYS)
    return NULL;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      g_autoptr(GVariant) names = NULL;
      g_autofree char *joined = NULL;
      g_autofree const char **strv = NULL;

      if (!g_str_equal (sti_finding_get_id (finding), "cert-differs-without-sni") ||
          g_strcmp0 (sti_finding_get_param_string (finding, "default_status"), "fails") != 0)
        continue;

      names = g_variant_lookup_value (sti_finding_get_params (finding), "default_names",
                                      G_VARIANT_TYPE_STRING_ARRAY);
      strv = names != NULL ? g_variant_get_strv (names, NULL) : NULL;
      joined = strv != NULL && strv[0] != NULL ? sti_format_bounded_list (strv, -1, ", ", 0)
                                               : g_strdup (_("another name"));
      /* Translators: %s is a list of host names, already cleaned */
      return g_strdup_printf (_("No: a sender without SNI gets the default certificate "
                                "(for %s), which is not valid for this host, and refuses "
                                "to deliver. Senders that send SNI get a valid one."),
                              joined);
    }

  return NULL;
}
