/* sti-verdict.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-domain-report.h"
#include "sti-endpoint-report.h"
#include "sti-sender-profiles.h"

G_BEGIN_DECLS

/* One answer of a verdict. */
typedef enum
{
  STI_ANSWER_YES,
  STI_ANSWER_NO,
  STI_ANSWER_UNKNOWN,        /* could not tell (unreachable, not evaluated yet) */
  STI_ANSWER_NOT_APPLICABLE, /* the question does not arise (e.g. no TLSA records) */
} StiAnswer;

#define STI_TYPE_ENDPOINT_VERDICT (sti_endpoint_verdict_get_type ())

G_DECLARE_FINAL_TYPE (StiEndpointVerdict, sti_endpoint_verdict, STI, ENDPOINT_VERDICT, GObject)

StiEndpointVerdict *sti_endpoint_verdict_new                  (StiEndpointReport  *endpoint,
                                                               StiDomainReport    *report);
StiAnswer           sti_endpoint_verdict_get_opportunistic    (StiEndpointVerdict *self);
const char         *sti_endpoint_verdict_get_opportunistic_text (StiEndpointVerdict *self);
StiAnswer           sti_endpoint_verdict_get_validating       (StiEndpointVerdict *self);
const char         *sti_endpoint_verdict_get_validating_text  (StiEndpointVerdict *self);
StiAnswer           sti_endpoint_verdict_get_dane             (StiEndpointVerdict *self);
const char         *sti_endpoint_verdict_get_dane_text        (StiEndpointVerdict *self);
const char         *sti_endpoint_verdict_get_first_action     (StiEndpointVerdict *self);
const char         *sti_endpoint_verdict_get_first_action_id  (StiEndpointVerdict *self);
const StiSenderProfile *sti_endpoint_verdict_get_opportunistic_profile (StiEndpointVerdict *self);
const StiSenderProfile *sti_endpoint_verdict_get_validating_profile    (StiEndpointVerdict *self);
const StiSenderProfile *sti_endpoint_verdict_get_dane_profile          (StiEndpointVerdict *self);
char               *sti_verdict_dup_sender_line               (const char             *text,
                                                               const StiSenderProfile *profile);

char               *sti_verdict_dup_sentence                  (StiDomainReport    *report);
const char         *sti_verdict_get_title                     (StiDomainReport    *report);
char               *sti_verdict_dup_policy_sentence           (StiDomainReport    *report);

/* One policy the domain publishes, or not: MTA-STS, TLS-RPT, or one MX
 * host's TLSA records, as found in the DNS evidence. */
typedef struct
{
  char             *label;    /* "MTA-STS record", "DANE records (TLSA) of mx1…" */
  char            **records;  /* as published, sanitized; empty when not published */
  StiDnssecStatus   dnssec;
  char            **notes;    /* TLSA: which certificate each record matches; else NULL */
  char             *failure;  /* the lookup failed, and why; NULL when an answer came */
} StiPolicyRecord;

void                sti_policy_record_free                    (StiPolicyRecord    *record);
const char         *sti_policy_record_get_absence             (StiPolicyRecord    *record);
GPtrArray          *sti_verdict_dup_policy_records            (StiDomainReport    *report);

const char         *sti_answer_to_string                      (StiAnswer           answer);

/* Whether a domain's MTA-STS policy makes TLS mandatory. */
typedef enum
{
  STI_MTA_STS_STATE_NONE,       /* no v=STSv1 record */
  STI_MTA_STS_STATE_BROKEN,     /* published, but it cannot be fetched or leaves out an MX */
  STI_MTA_STS_STATE_TESTING,    /* mode: testing; senders report, and deliver anyway */
  STI_MTA_STS_STATE_MODE_NONE,  /* mode: none; the policy is being withdrawn */
  STI_MTA_STS_STATE_ENFORCE,    /* mode: enforce, and it works */
  STI_MTA_STS_STATE_UNKNOWN,    /* the lookup of the record failed: nothing is known */
} StiMtaStsState;

StiMtaStsState      sti_verdict_get_mta_sts_state             (StiDomainReport    *report);

G_END_DECLS
