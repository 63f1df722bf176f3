/* sti-report-sections.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-catalog.h"
#include "sti-certificate.h"
#include "sti-dns-evidence.h"
#include "sti-domain-report.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-located-finding.h"
#include "sti-mta-sts-evidence.h"
#include "sti-verdict.h"

G_BEGIN_DECLS

/* How many findings of one id a report explains in full (what it means,
 * why it matters, the fixes); the rest refer to those. */
#define STI_REPORT_EXPLAINED_PER_ID 10

/* Shared by the report exporters (HTML, Markdown, PDF) and the comparison;
 * the small formats (severities, counts, durations, dates, transcripts,
 * fingerprints) are sti-format's. Every string these helpers return is
 * plain text: the model's strings are
 * already sanitized (valid UTF-8, control characters escaped); each
 * exporter still escapes for its own syntax. */

/* The words for one finding, from the explanation catalog (which falls back
 * to generic words for an id it does not know). Every string member is set,
 * possibly empty. The texts are plain; lines starting with four spaces are
 * commands or configuration (sti_report_split_rich_text()). The fixes are
 * the general steps, then the chosen mail server's (or every server's). */
typedef struct
{
  char  *title;
  char  *verdict;
  char  *what;
  char  *why;
  char  *references;
  guint  n_fixes;
  char  *fix_labels[STI_N_MTAS];
  char  *fixes[STI_N_MTAS];
} StiFindingWords;

/* One labelled value in a table of properties. @value is NULL when there is
 * nothing to show: each exporter draws its own placeholder for it. */
typedef struct
{
  const char *label;
  char       *value;
} StiReportProperty;

/* Draws the heading of one section of a finding's explanation. */
typedef void (*StiReportHeadingFunc) (const char *heading,
                                      gpointer    user_data);

/* Called once per paragraph line (@code FALSE) or per run of command lines
 * (@code TRUE, the four spaces removed, lines joined with newlines). */
typedef void (*StiRichTextFunc) (gboolean    code,
                                 const char *text,
                                 gpointer    user_data);

void        sti_report_get_finding_words        (StiDomainReport   *report,
                                                 StiFinding        *finding,
                                                 const char        *host,
                                                 const char        *address,
                                                 int                mta,
                                                 StiFindingWords   *words);
void        sti_finding_words_clear             (StiFindingWords   *words);
void        sti_finding_words_write_sections    (const StiFindingWords *words,
                                                 StiReportHeadingFunc   heading_func,
                                                 StiRichTextFunc        text_func,
                                                 gpointer               user_data);
GHashTable *sti_report_explained_new            (void);
void        sti_finding_words_write_sections_once (const StiFindingWords *words,
                                                   GHashTable            *explained,
                                                   const char            *id,
                                                   StiReportHeadingFunc   heading_func,
                                                   StiRichTextFunc        text_func,
                                                   gpointer               user_data);
char       *sti_report_dup_observed             (StiFinding        *finding);
char       *sti_report_dup_certificate_heading  (guint              position);
GArray     *sti_report_dup_certificate_properties (StiCertificate  *cert);
/* The largest certificate (DER bytes) whose PEM a report shows. */
#define STI_REPORT_PEM_MAX_DER (16 * 1024)
char       *sti_report_dup_certificate_pem      (StiCertificate    *cert);
GArray     *sti_report_dup_endpoint_properties  (StiEndpointReport *endpoint,
                                                 const char        *caps_separator);
GArray     *sti_report_dup_timings              (StiEndpointReport *endpoint);
char       *sti_report_dup_title                (StiDomainReport   *report);
GArray     *sti_report_dup_metadata             (StiDomainReport   *report,
                                                 const char        *domain);
char       *sti_report_dup_host_heading         (StiHostReport     *host);
char       *sti_report_dup_dns_result           (StiDnsEvidence    *item);
char       *sti_report_dup_dns_dnssec           (StiDnsEvidence    *item);
char       *sti_report_dup_generated            (const char        *tool_version);
char       *sti_report_dup_where                (const char        *host,
                                                 const char        *address);
char       *sti_report_dup_endpoint_label       (StiEndpointReport *endpoint);
const char *sti_report_describe_starttls        (StiEndpointReport *endpoint);
char       *sti_report_dup_without_sni          (StiEndpointReport *endpoint);
StiSeverity sti_report_get_worst_severity       (StiDomainReport   *report);
GArray     *sti_report_properties_new           (void);
void        sti_report_properties_add           (GArray            *properties,
                                                 const char        *label,
                                                 char              *value);
void        sti_report_split_rich_text          (const char        *text,
                                                 StiRichTextFunc    func,
                                                 gpointer           user_data);
GArray     *sti_report_dup_mta_sts_properties   (StiMtaStsEvidence *sts);
GArray     *sti_report_dup_mta_sts_patterns     (StiMtaStsEvidence *sts);
char       *sti_report_dup_mta_sts_suggested_max_age (StiMtaStsEvidence *sts);
char       *sti_report_dup_host_not_checked    (StiHostReport     *host);
const char *sti_report_get_mx_cap_hint         (void);
char       *sti_report_dup_policy_records_text (StiPolicyRecord   *policy,
                                               const char        *separator);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StiFindingWords, sti_finding_words_clear)

G_END_DECLS
