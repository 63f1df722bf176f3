/* sti-tls-analysis.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-analysis.h"

#include "sti-text.h"

#include <string.h>

/* Findings about the negotiated TLS parameters, from the names the probe
 * recorded: gnutls_protocol_get_name() ("TLS1.0" … "TLS1.3", "SSL3.0"),
 * gnutls_ciphersuite_get() (IANA names, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
 * "TLS_AES_256_GCM_SHA384") or, from older code paths, the GnuTLS names
 * ("ECDHE_RSA_AES_128_GCM_SHA256"), and gnutls_group_get_name()
 * ("SECP256R1", "X25519", "FFDHE2048"; NULL without an ephemeral exchange). */

/* Cipher name parts that make a suite weak, and the reason reported. The
 * finding registry makes the reasons that leave no confidentiality or
 * authentication at all (null-cipher, anonymous, export-grade, des-56bit)
 * an error. */
static const struct
{
  const char *part;
  const char *reason;
} weak_parts[] = {
  { "NULL",   "null-cipher" },
  { "ANON",   "anonymous" },
  { "EXPORT", "export-grade" },
  { "RC4",    "rc4" },
  { "3DES",   "3des-64bit-block" },
  { "DES40",  "export-grade" },
  { "DES_",   "des-56bit" },
  { "DES-",   "des-56bit" },
  { "RC2",    "rc2" },
  { "IDEA",   "idea-64bit-block" },
  { "MD5",    "md5-mac" },
};

static gboolean
is_obsolete_version (const char *version)
{
  return g_str_equal (version, "TLS1.0") ||
         g_str_equal (version, "TLS1.1") ||
         g_str_equal (version, "SSL3.0");
}

static gboolean
has_part (const char *upper,
          const char *part)
{
  const char *p = strstr (upper, part);

  if (p == NULL)
    return FALSE;

  /* "3DES" contains "DES": a bare DES match must not be preceded by "3". */
  if ((g_str_equal (part, "DES_") || g_str_equal (part, "DES-")) && p > upper && p[-1] == '3')
    return strstr (p + 1, part) != NULL;

  return TRUE;
}

/* TRUE when the key exchange of @upper (a cipher suite name, upper case)
 * is ephemeral. */
static gboolean
has_forward_secrecy (const char *version,
                     const char *upper,
                     const char *group)
{
  const char *name = upper;

  /* TLS 1.3 suites carry no key exchange: it is always (EC)DHE (we do
   * not offer psk_ke resumption). */
  if (g_str_equal (version, "TLS1.3"))
    return TRUE;

  if (g_str_has_prefix (name, "TLS_"))
    name += 4;

  if (g_str_has_prefix (name, "ECDHE") || g_str_has_prefix (name, "DHE") ||
      g_str_has_prefix (name, "CECPQ"))
    return TRUE;

  /* Unknown spelling: an ephemeral group was negotiated or not. */
  if (!g_str_has_prefix (name, "RSA") && !g_str_has_prefix (name, "PSK") &&
      !g_str_has_prefix (name, "ECDH_") && !g_str_has_prefix (name, "DH_") &&
      !g_str_has_prefix (name, "SRP"))
    return group != NULL && *group != '\0';

  return FALSE;
}

/**
 * sti_tls_analyze:
 * @version: (nullable): the negotiated protocol, as gnutls_protocol_get_name() names it
 * @cipher: (nullable): the negotiated cipher suite
 * @group: (nullable): the key-exchange group, %NULL when none was used
 *
 * Judges the negotiated parameters: tls-version-obsolete (params: version,
 * negotiated = TRUE),
 * tls-cipher-weak (params: cipher, reason), tls-no-forward-secrecy (params:
 * cipher, version, key_exchange). Nothing is said about what is unknown.
 *
 * Returns: (transfer full) (element-type StiFinding): the findings, worst first
 */
GPtrArray *
sti_tls_analyze (const char *version,
                 const char *cipher,
                 const char *group)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *safe_version = version != NULL ? sti_text_sanitize_str (version) : NULL;
  g_autofree char *safe_cipher = cipher != NULL ? sti_text_sanitize_str (cipher) : NULL;
  g_autofree char *upper = safe_cipher != NULL ? g_ascii_strup (safe_cipher, -1) : NULL;

  if (safe_version != NULL && is_obsolete_version (safe_version))
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      g_variant_dict_insert (&dict, "version", "s", safe_version);
      g_variant_dict_insert (&dict, "negotiated", "b", TRUE);
      g_ptr_array_add (findings,
                       sti_finding_new_printf ("tls-version-obsolete",
                                               g_variant_dict_end (&dict),
                                               "The server negotiated %s, deprecated since 2021 "
                                               "(RFC 8996); TLS 1.2 or 1.3 is expected",
                                               safe_version));
    }

  if (upper == NULL)
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (weak_parts); i++)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      if (!has_part (upper, weak_parts[i].part))
        continue;

      g_variant_dict_insert (&dict, "cipher", "s", safe_cipher);
      g_variant_dict_insert (&dict, "reason", "s", weak_parts[i].reason);
      g_ptr_array_add (findings,
                       sti_finding_new_printf ("tls-cipher-weak",
                                               g_variant_dict_end (&dict),
                                               "The negotiated cipher suite %s is weak (%s)",
                                               safe_cipher, weak_parts[i].reason));
      break;
    }

  if (safe_version != NULL && !has_forward_secrecy (safe_version, upper, group))
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      const char *name = g_str_has_prefix (upper, "TLS_") ? upper + 4 : upper;
      g_autofree char *kx = g_strndup (name, strcspn (name, "_"));

      g_variant_dict_insert (&dict, "cipher", "s", safe_cipher);
      g_variant_dict_insert (&dict, "version", "s", safe_version);
      g_variant_dict_insert (&dict, "key_exchange", "s", kx);
      g_ptr_array_add (findings,
                       sti_finding_new_printf ("tls-no-forward-secrecy",
                                               g_variant_dict_end (&dict),
                                               "The key exchange of %s is not ephemeral (%s): "
                                               "whoever gets the server key later can decrypt "
                                               "recorded mail",
                                               safe_cipher, kx));
    }

out:
  sti_findings_sort (findings);

  return g_steal_pointer (&findings);
}

/**
 * sti_tls_old_version_accepted_finding:
 * @version: the version the deeper probe (priority
 *   %STI_TLS_PRIORITY_OLD_VERSIONS_ONLY) negotiated, e.g. "TLS1.0"
 *
 * For a server that negotiates TLS 1.2 or 1.3 with a normal client but
 * still accepts an old version from a client that offers nothing else.
 * The deeper probe is one more connection: the caller counts it against
 * the per-address connection budget.
 *
 * Returns: (transfer full) (nullable): tls-version-obsolete (params:
 *   version, negotiated = FALSE), or %NULL when @version is not obsolete
 */
StiFinding *
sti_tls_old_version_accepted_finding (const char *version)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *safe_version = NULL;

  if (version == NULL || !is_obsolete_version (version))
    return NULL;

  safe_version = sti_text_sanitize_str (version);
  g_variant_dict_insert (&dict, "version", "s", safe_version);
  g_variant_dict_insert (&dict, "negotiated", "b", FALSE);

  return sti_finding_new_printf ("tls-version-obsolete",
                                 g_variant_dict_end (&dict),
                                 "The server still accepts %s from a client that offers "
                                 "nothing newer; it should refuse TLS 1.0 and 1.1 (RFC 8996)",
                                 safe_version);
}
