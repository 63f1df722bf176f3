/* sti-survey-summary.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sti-domain-report.h"
#include "sti-readiness.h"

G_BEGIN_DECLS

/* The "schema" member of a summary's JSON (docs/survey-summary.md). */
#define STI_SURVEY_SUMMARY_SCHEMA_NAME "starttls-inspector-survey-summary"
#define STI_SURVEY_SUMMARY_SCHEMA_VERSION 1

/* The share of MX addresses that offered STARTTLS in the 2015 survey. */
#define STI_SURVEY_STARTTLS_SHARE_2015 0.72

/* How many of the most frequent findings a summary lists. */
#define STI_SURVEY_SUMMARY_TOP_FINDINGS 15

/* What Postfix logged for a delivery ("Verified TLS connection
 * established to …"), as the survey's postfix_tls member names it. */
typedef enum
{
  STI_POSTFIX_TLS_VERIFIED,
  STI_POSTFIX_TLS_TRUSTED,
  STI_POSTFIX_TLS_UNTRUSTED,
  STI_POSTFIX_TLS_ANONYMOUS,
  STI_POSTFIX_TLS_N,
} StiPostfixTls;

/* What we found, on the same scale. */
typedef enum
{
  STI_SURVEY_OURS_VERIFIED,   /* a certificate valid for the MX name */
  STI_SURVEY_OURS_ENCRYPTED,  /* TLS, but no certificate that verifies */
  STI_SURVEY_OURS_PLAINTEXT,  /* no TLS the assumed senders complete */
  STI_SURVEY_OURS_UNKNOWN,    /* not judged: unreachable, temporary, no mail server */
  STI_SURVEY_OURS_N,
} StiSurveyOurs;

/* The survey's figures, counted as reports come in. Addresses are the MX
 * addresses probed ("endpoints"); MX hosts are counted once per domain. */
typedef struct
{
  guint64  domains;
  guint64  messages;              /* the weights' sum; a domain without weight counts 1 */
  gboolean weighted;              /* some domain came with a weight */
  guint64  mx_hosts;
  guint64  addresses;
  guint64  domains_by_reach[4];   /* indexed by StiReach */
  guint64  messages_by_reach[4];
  guint64  addr_answered;         /* reached, and told whether it offers STARTTLS */
  guint64  addr_unreachable;
  guint64  addr_temporary;        /* reached, stopped before STARTTLS: 421, tarpit */
  guint64  addr_starttls;         /* of the answered, offered STARTTLS */
  guint64  addr_tls;              /* TLS established */
  guint64  addr_verified;         /* of those, the certificate verifies for the MX name */
  guint64  addr_names_match;      /* of those, the certificate names the MX host */
  guint64  ready_domains[STI_READINESS_N_LEVELS];
  guint64  ready_messages[STI_READINESS_N_LEVELS];
  guint64  mta_sts[STI_MTA_STS_STATE_UNKNOWN + 1]; /* domains, by StiMtaStsState */
  guint64  dane_published;        /* domains with TLSA records for an MX host */
  guint64  dane_valid;            /* domains where a DANE sender authenticates an MX */
  guint64  tls_rpt;               /* domains with a TLS-RPT record */
  guint64  dnssec;                /* domains whose MX answer is DNSSEC-signed */
  guint64  postfix_domains[STI_POSTFIX_TLS_N][STI_SURVEY_OURS_N];
  guint64  postfix_messages[STI_POSTFIX_TLS_N][STI_SURVEY_OURS_N];
  guint64  postfix_total;         /* domains that came with what Postfix logged */
} StiSurveyFigures;

/* The summary's sections that are lists of shares: every renderer shows
 * the same rows, with the same words. */
typedef enum
{
  STI_SURVEY_SECTION_DOMAINS,            /* the domains' outcomes */
  STI_SURVEY_SECTION_ADDRESSES,          /* STARTTLS, TLS, certificates */
  STI_SURVEY_SECTION_POLICIES,           /* MTA-STS, DANE, TLS-RPT, DNSSEC */
  STI_SURVEY_SECTION_READINESS,          /* judged domains, per level */
  STI_SURVEY_SECTION_READINESS_MESSAGES, /* their messages, per level */
} StiSurveySection;

#define STI_SURVEY_MAX_SHARES 8

/* One row of a section: @part of @whole. */
typedef struct
{
  const char *label;  /* translated, static */
  guint64     part;
  guint64     whole;
  gboolean    then;   /* the 2015 survey's figure, for comparison: @part of 1000 */
} StiSurveyShare;

/* One line of a ranked list: a TLS version or a finding, and its count. */
typedef struct
{
  char    *key;    /* "TLS1.3", "cert-expired" */
  char    *label;  /* as people read it: the finding's title */
  guint64  count;  /* addresses for a version, domains for a finding */
} StiSurveyCount;

void              sti_survey_count_free        (StiSurveyCount *count);

#define STI_TYPE_SURVEY_SUMMARY (sti_survey_summary_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveySummary, sti_survey_summary, STI, SURVEY_SUMMARY, GObject)

StiSurveySummary *sti_survey_summary_new        (void);
void              sti_survey_summary_add        (StiSurveySummary *self,
                                                 StiDomainReport  *report,
                                                 guint64           weight,
                                                 const char       *postfix_tls);
const StiSurveyFigures *sti_survey_summary_get_figures      (StiSurveySummary *self);
char             *sti_survey_summary_dup_headline     (StiSurveySummary *self);
guint             sti_survey_summary_get_shares       (StiSurveySummary *self,
                                                       StiSurveySection  section,
                                                       StiSurveyShare   *shares);
GPtrArray        *sti_survey_summary_dup_tls_versions (StiSurveySummary *self);
GPtrArray        *sti_survey_summary_dup_top_findings (StiSurveySummary *self,
                                                       guint             n);
StiSurveyOurs     sti_survey_ours_for_readiness       (const StiReadiness *readiness);
const char       *sti_postfix_tls_to_string           (StiPostfixTls     value);
const char       *sti_survey_ours_to_string           (StiSurveyOurs     value);
const char       *sti_survey_ours_get_label           (StiSurveyOurs     value);
double            sti_survey_share                    (guint64           part,
                                                       guint64           whole);
char             *sti_survey_dup_percent              (guint64           part,
                                                       guint64           whole);
char             *sti_survey_summary_to_text    (StiSurveySummary *self);
JsonNode         *sti_survey_summary_to_json    (StiSurveySummary *self);

G_END_DECLS
