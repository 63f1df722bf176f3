/* sti-sender-policy.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-endpoint-report.h"

G_BEGIN_DECLS

/* What a sending MTA of one kind does with one endpoint. */
typedef enum
{
  STI_SENDER_OUTCOME_UNREACHABLE,   /* any sender: cannot deliver at all */
  STI_SENDER_OUTCOME_ENCRYPTS,      /* opportunistic: TLS, unauthenticated */
  STI_SENDER_OUTCOME_CLEARTEXT,     /* opportunistic: mail in the clear */
  STI_SENDER_OUTCOME_DELIVERS,      /* validating: authenticated TLS */
  STI_SENDER_OUTCOME_REFUSES,       /* validating: defers the mail */
  STI_SENDER_OUTCOME_NO_TLSA,       /* DANE: no TLSA records, falls back */
  STI_SENDER_OUTCOME_NOT_EVALUATED, /* DANE: TLSA records, not checked yet */
} StiSenderOutcome;

typedef struct
{
  StiSenderOutcome opportunistic;
  StiSenderOutcome validating;     /* MTA-STS enforce or PKIX-validating */
  StiSenderOutcome dane;
} StiSenderVerdicts;

void        sti_sender_policy_evaluate       (StiEndpointReport *endpoint,
                                              GPtrArray         *dns_evidence,
                                              StiSenderVerdicts *verdicts);
const char *sti_sender_outcome_get_label     (StiSenderOutcome   outcome);
gboolean    sti_sender_outcome_is_good       (StiSenderOutcome   outcome);

G_END_DECLS
