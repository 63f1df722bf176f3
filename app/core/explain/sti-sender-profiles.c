/* sti-sender-profiles.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-sender-profiles.h"

#include <glib/gi18n.h>

/* The sender profiles (DESIGN.md, decision 10): what real sending servers
 * do, so that the verdict judges an endpoint as they would and not as our
 * own GnuTLS client does. docs/sender-profiles.md is the long form, with
 * a source or "assumed" for every field; test-sender-profiles checks that
 * the two list the same ids. Profiles with a stack take their TLS fields
 * (minimum version, legacy key exchange) from it. */
static const StiSenderProfile profiles[] = {
  /* TLS stacks, measured on Debian 12 (OpenSSL 3.0.19, GnuTLS 3.7.9); SNI,
   * fallback and policies are what Postfix and Exim on them have in common */
  { "openssl3-level1", N_("Postfix/Exim with OpenSSL 3, security level 1"), NULL,
    "TLS1.0", TRUE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT,
    STI_SENDER_SUPPORT_OPTIONAL, STI_SENDER_SUPPORT_PLUGIN },
  { "openssl3-level2", N_("Postfix/Exim with OpenSSL 3, security level 2"), NULL,
    "TLS1.0", TRUE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT,
    STI_SENDER_SUPPORT_OPTIONAL, STI_SENDER_SUPPORT_PLUGIN },
  { "gnutls-default", N_("Exim with GnuTLS defaults"), NULL,
    "TLS1.0", FALSE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT,
    STI_SENDER_SUPPORT_YES, STI_SENDER_SUPPORT_NO },
  /* MTAs and mail services */
  { "postfix", N_("Postfix"), "openssl3-level1",
    NULL, FALSE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT_LATER,
    STI_SENDER_SUPPORT_OPTIONAL, STI_SENDER_SUPPORT_PLUGIN },
  { "exim-openssl", N_("Exim with OpenSSL"), "openssl3-level1",
    NULL, FALSE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT,
    STI_SENDER_SUPPORT_YES, STI_SENDER_SUPPORT_NO },
  { "exim-gnutls", N_("Exim with GnuTLS (Debian, Ubuntu)"), "gnutls-default",
    NULL, FALSE, STI_SENDER_SNI_DANE_ONLY, STI_SENDER_FALLBACK_PLAINTEXT,
    STI_SENDER_SUPPORT_YES, STI_SENDER_SUPPORT_NO },
  { "sendmail", N_("Sendmail"), "openssl3-level1",
    NULL, FALSE, STI_SENDER_SNI_UNKNOWN, STI_SENDER_FALLBACK_UNKNOWN,
    STI_SENDER_SUPPORT_UNKNOWN, STI_SENDER_SUPPORT_NO },
  { "exchange-server", N_("Microsoft Exchange Server"), NULL,
    NULL, FALSE, STI_SENDER_SNI_UNKNOWN, STI_SENDER_FALLBACK_UNKNOWN,
    STI_SENDER_SUPPORT_NO, STI_SENDER_SUPPORT_NO },
  { "exchange-online", N_("Exchange Online"), NULL,
    "TLS1.2", FALSE, STI_SENDER_SNI_UNKNOWN, STI_SENDER_FALLBACK_UNKNOWN,
    STI_SENDER_SUPPORT_YES, STI_SENDER_SUPPORT_YES },
  { "gmail", N_("Gmail"), NULL,
    NULL, FALSE, STI_SENDER_SNI_UNKNOWN, STI_SENDER_FALLBACK_UNKNOWN,
    STI_SENDER_SUPPORT_UNKNOWN, STI_SENDER_SUPPORT_YES },
  { "opensmtpd", N_("OpenSMTPD"), NULL,
    NULL, FALSE, STI_SENDER_SNI_UNKNOWN, STI_SENDER_FALLBACK_UNKNOWN,
    STI_SENDER_SUPPORT_NO, STI_SENDER_SUPPORT_NO },
};

/**
 * sti_sender_profiles_get_all:
 * @n_profiles: (out): the number of profiles
 *
 * Returns: (array length=n_profiles): every profile, stacks first
 */
const StiSenderProfile *
sti_sender_profiles_get_all (guint *n_profiles)
{
  g_return_val_if_fail (n_profiles != NULL, NULL);

  *n_profiles = G_N_ELEMENTS (profiles);
  return profiles;
}

/**
 * sti_sender_profile_lookup:
 *
 * Returns: (nullable): the profile with @id
 */
const StiSenderProfile *
sti_sender_profile_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (profiles); i++)
    if (g_str_equal (profiles[i].id, id))
      return &profiles[i];

  return NULL;
}

/* The display name, translated. */
const char *
sti_sender_profile_get_name (const StiSenderProfile *profile)
{
  g_return_val_if_fail (profile != NULL, NULL);
  return _(profile->name);
}

/* The versions as gnutls_protocol_get_name() spells them, oldest first;
 * -1 for what we do not know. */
static int
version_rank (const char *version)
{
  static const char * const versions[] = { "SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3" };

  for (guint i = 0; version != NULL && i < G_N_ELEMENTS (versions); i++)
    if (g_str_equal (version, versions[i]))
      return (int)i;

  return -1;
}

static const StiSenderProfile *
tls_fields_of (const StiSenderProfile *profile)
{
  const StiSenderProfile *stack = sti_sender_profile_lookup (profile->stack);

  return stack != NULL ? stack : profile;
}

/**
 * sti_sender_profile_accepts_tls:
 * @version: (nullable): the negotiated version, "TLS1.1"
 * @signed_kx: whether the key exchange is signed by the server (ECDHE,
 *   DHE: the cipher suite has forward secrecy), not RSA key exchange
 *
 * Returns: whether a sender of @profile completes a handshake that our
 *   probe completed with @version; %TRUE when either is unknown, since
 *   then nothing says it would refuse
 */
gboolean
sti_sender_profile_accepts_tls (const StiSenderProfile *profile,
                                const char             *version,
                                gboolean                signed_kx)
{
  const StiSenderProfile *tls;
  int rank = version_rank (version);

  g_return_val_if_fail (profile != NULL, TRUE);

  tls = tls_fields_of (profile);
  if (rank < 0 || tls->min_version == NULL)
    return TRUE;
  if (rank < version_rank (tls->min_version))
    return FALSE;
  /* OpenSSL 3 rates the SHA-1 and MD5+SHA-1 signatures of TLS < 1.2
   * below its security level 1 (docs/sender-profiles.md, "The TLS version
   * rule"); RSA key exchange carries no such signature. */
  if (tls->refuses_legacy_kx && signed_kx && rank < version_rank ("TLS1.2"))
    return FALSE;

  return TRUE;
}

/**
 * sti_sender_profiles_dup_accepting:
 * @accepting: %TRUE for the profiles that accept, %FALSE for those that refuse
 *
 * Only profiles whose TLS behaviour is known take part: the TLS stacks and
 * the services documented on their own.
 *
 * Returns: (transfer full) (nullable): their display names, comma-separated;
 *   %NULL when there is none
 */
char *
sti_sender_profiles_dup_accepting (const char *version,
                                   gboolean    signed_kx,
                                   gboolean    accepting)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    {
      const StiSenderProfile *profile = &profiles[i];

      if (profile->stack != NULL || profile->min_version == NULL)
        continue;
      if (sti_sender_profile_accepts_tls (profile, version, signed_kx) != accepting)
        continue;
      if (names->len > 0)
        /* Translators: the separator of a list of sender names */
        g_string_append (names, _(", "));
      g_string_append (names, sti_sender_profile_get_name (profile));
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}
