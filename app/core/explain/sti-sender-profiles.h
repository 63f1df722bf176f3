/* sti-sender-profiles.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a sender sends SNI (the MX host name) in its ClientHello. */
typedef enum
{
  STI_SENDER_SNI_UNKNOWN,
  STI_SENDER_SNI_NEVER,
  STI_SENDER_SNI_DANE_ONLY,  /* only when DANE authenticates the server (or configured) */
  STI_SENDER_SNI_ALWAYS,
} StiSenderSni;

/* What a sender does when the TLS handshake fails while TLS is not
 * mandatory for the destination. */
typedef enum
{
  STI_SENDER_FALLBACK_UNKNOWN,
  STI_SENDER_FALLBACK_PLAINTEXT,        /* retries at once without TLS */
  STI_SENDER_FALLBACK_PLAINTEXT_LATER,  /* other MX hosts first, defers, then plaintext */
  STI_SENDER_FALLBACK_DEFER,            /* holds the mail */
} StiSenderFallback;

/* Whether a sender honours a policy (DANE, MTA-STS) when it sends. */
typedef enum
{
  STI_SENDER_SUPPORT_UNKNOWN,
  STI_SENDER_SUPPORT_NO,
  STI_SENDER_SUPPORT_OPTIONAL,  /* built in, off unless configured */
  STI_SENDER_SUPPORT_PLUGIN,    /* through an add-on (a policy service) */
  STI_SENDER_SUPPORT_YES,       /* on by default */
} StiSenderSupport;

/* One documented sender stack (docs/sender-profiles.md, where every field
 * is sourced or marked assumed). The table is static data: pointers stay
 * valid for the life of the process. */
typedef struct
{
  const char        *id;                 /* stable: "openssl3-level1" */
  const char        *name;               /* untranslated, see sti_sender_profile_get_name() */
  const char        *stack;              /* the TLS-stack profile it uses, NULL for a stack */
  const char        *min_version;        /* lowest version it negotiates, "TLS1.0"; NULL unknown */
  gboolean           refuses_legacy_kx;  /* TLS < 1.2 with a signed (EC)DHE key exchange fails */
  StiSenderSni       sni;
  StiSenderFallback  fallback;
  StiSenderSupport   dane;
  StiSenderSupport   mta_sts;
} StiSenderProfile;

/* The profile each sender line of the verdict assumes. */
#define STI_SENDER_PROFILE_VERDICT "openssl3-level1"

const StiSenderProfile *sti_sender_profiles_get_all      (guint                  *n_profiles);
const StiSenderProfile *sti_sender_profile_lookup        (const char             *id);
const char             *sti_sender_profile_get_name      (const StiSenderProfile *profile);
gboolean                sti_sender_profile_accepts_tls   (const StiSenderProfile *profile,
                                                          const char             *version,
                                                          gboolean                signed_kx);
char                   *sti_sender_profiles_dup_accepting (const char            *version,
                                                          gboolean                signed_kx,
                                                          gboolean                accepting);

G_END_DECLS
