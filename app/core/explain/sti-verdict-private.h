/* sti-verdict-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-endpoint-report.h"
#include "sti-sender-profiles.h"

G_BEGIN_DECLS

/* The sender side of the verdict (sti-verdict-senders.c): whether the
 * senders the verdict assumes complete the handshake our probe completed,
 * and what each kind of sender then does. */

const StiSenderProfile *vs_profile                    (void);
gboolean                vs_senders_refuse_tls         (StiEndpointReport *endpoint);
char                   *vs_dup_encrypted              (StiEndpointReport *endpoint);
char                   *vs_dup_refused_opportunistic  (StiEndpointReport *endpoint);
char                   *vs_dup_refused_validating     (StiEndpointReport *endpoint);
char                   *vs_dup_refused_dane           (StiEndpointReport *endpoint,
                                                       gboolean           tlsa_matches,
                                                       const char        *no_tlsa_text);
char                   *vs_dup_refused_without_sni    (StiEndpointReport *endpoint);
char                   *vs_dup_refused_sentence       (const char        *domain,
                                                       const char        *version,
                                                       gboolean           all_refused);

G_END_DECLS
