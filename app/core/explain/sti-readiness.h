/* sti-readiness.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"
#include "sti-verdict.h"

G_BEGIN_DECLS

/* How strictly a sender insists on TLS for a destination, from lax to
 * strict. Each is what a sender does for every domain it sends to. */
typedef enum
{
  STI_READINESS_OPPORTUNISTIC,  /* TLS when offered, plaintext otherwise (Postfix "may") */
  STI_READINESS_ENCRYPT,        /* TLS or no delivery, certificate unchecked ("encrypt") */
  STI_READINESS_VERIFY,         /* a valid certificate for the MX host name ("secure") */
  STI_READINESS_MTA_STS,        /* only to domains whose MTA-STS policy enforces, and holds */
  STI_READINESS_DANE,           /* only to DNSSEC-signed TLSA records that match ("dane-only") */
  STI_READINESS_N_LEVELS,
} StiReadinessLevel;

/* Why a domain could be judged, or not. Servers that were not reached, or
 * that stopped before STARTTLS (a 421, greylisting, a tarpit), are never
 * taken for "no STARTTLS". */
typedef enum
{
  STI_REACH_ANSWERED,        /* an address answered far enough to judge */
  STI_REACH_NO_MAIL_SERVER,  /* null MX, no such domain, DNS failure: nothing to probe */
  STI_REACH_UNREACHABLE,     /* no address could be reached */
  STI_REACH_TEMPORARY,       /* reached, but every dialogue stopped before STARTTLS */
} StiReach;

/* What a domain's report says about mandatory TLS. */
typedef struct
{
  StiReach        reach;
  guint           n_endpoints;
  guint           n_unreachable;
  guint           n_temporary;
  /* Addresses that pass each level; a sender tries the next MX host when
   * one fails, so the domain receives mail when any passes. */
  guint           passing[STI_READINESS_N_LEVELS];
  StiMtaStsState  mta_sts;
} StiReadiness;

void               sti_readiness_judge             (StiDomainReport    *report,
                                                    StiReadiness       *out);
gboolean           sti_readiness_delivers          (const StiReadiness *self,
                                                    StiReadinessLevel   level);
int                sti_readiness_get_strictest     (const StiReadiness *self);
const char        *sti_readiness_level_to_string   (StiReadinessLevel   level);
const char        *sti_readiness_level_get_label   (StiReadinessLevel   level);
const char        *sti_reach_to_string             (StiReach            reach);
const char        *sti_mta_sts_state_to_string     (StiMtaStsState      state);

G_END_DECLS
