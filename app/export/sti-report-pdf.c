/* sti-report-pdf.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-pdf.h"

#include "sti-format.h"
#include "sti-report-format.h"
#include "sti-verdict.h"

#include "sti-certificate.h"
#include "sti-checklist.h"
#include "sti-dns-evidence.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-report-sections.h"
#include "sti-report-summary.h"

#include <glib/gi18n.h>

/* The PDF report: what it says, block by block. The layout is the PDF
 * document's (sti-pdf-document.h), in a module loaded on first use. */

static const char *
severity_color (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "#c01c28";
    case STI_SEVERITY_WARNING:
      return "#986a44";
    case STI_SEVERITY_INFO:
    default:
      return "#1c71d8";
    }
}

static void
rich_text_cb (gboolean    code,
              const char *text,
              gpointer    user_data)
{
  sti_pdf_document_add_text (user_data, code ? STI_PDF_BLOCK_MONO : STI_PDF_BLOCK_PARAGRAPH, text);
}

static void
section_heading (const char *heading,
                 gpointer    user_data)
{
  sti_pdf_document_add_text (user_data, STI_PDF_BLOCK_MINOR_HEADING, heading);
}

static void
add_properties (StiPdfDocument *doc,
                GArray         *properties)
{
  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      sti_pdf_document_add_pair (doc, property->label, property->value);
    }
}

static void
add_finding (StiPdfDocument    *doc,
             StiDomainReport   *report,
             StiLocatedFinding *located,
             GHashTable        *explained,
             int                mta)
{
  g_auto(StiFindingWords) words = { NULL, };
  g_autofree char *where = sti_report_dup_where (located->host, located->address);
  g_autofree char *title = NULL;
  g_autofree char *where_markup = NULL;
  g_autofree char *observed = sti_report_dup_observed (located->finding);
  StiSeverity severity = sti_finding_get_severity (located->finding);

  sti_report_get_finding_words (report, located->finding, located->host, located->address, mta,
                                &words);

  title = g_markup_printf_escaped ("<span foreground=\"%s\">%s</span> · %s  "
                                   "<span font_family=\"DejaVu Sans Mono\" weight=\"normal\" "
                                   "size=\"smaller\">%s</span>",
                                   severity_color (severity), sti_format_severity_label (severity),
                                   words.title, sti_finding_get_id (located->finding));
  sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_SUBHEADING, title);
  where_markup = g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>", where);
  sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, where_markup);
  if (words.verdict[0] != '\0')
    {
      g_autofree char *verdict = g_markup_printf_escaped ("<b>%s</b>", words.verdict);

      sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, verdict);
    }
  if (observed != NULL)
    sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, observed);
  sti_finding_words_write_sections_once (&words, explained, sti_finding_get_id (located->finding),
                                         section_heading, rich_text_cb, doc);
}

static void
add_certificate (StiPdfDocument *doc,
                 StiCertificate *cert,
                 guint           position)
{
  g_autofree char *heading = sti_report_dup_certificate_heading (position);
  g_autofree char *pem = sti_report_dup_certificate_pem (cert);
  g_autoptr(GArray) properties = sti_report_dup_certificate_properties (cert);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, heading);
  add_properties (doc, properties);
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, pem);
}

/* The chain as verification built it; the certificates that were not
 * sent come with their PEM. */
static void
add_built_chain (StiPdfDocument    *doc,
                 StiEndpointReport *endpoint)
{
  g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);

  if (links->len == 0)
    return;

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, _("Certificate chain as built"));
  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);
      /* Translators: a certificate's subject, issuer and fingerprint, one a line */
      g_autofree char *value = g_strdup_printf (_("%s\nissued by %s\nSHA-256 %s"),
                                                sti_certificate_get_subject (link->certificate),
                                                sti_certificate_get_issuer (link->certificate),
                                                link->fingerprint);

      sti_pdf_document_add_pair (doc, link->origin, value);
    }

  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);

      if (link->pem == NULL)
        continue;
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, link->origin);
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, link->pem);
    }
}

/* Every address of every MX host at a glance (sti_report_dup_summary()):
 * one pair per row, the server on the left, what it does on the right. */
static void
add_summary (StiPdfDocument  *doc,
             StiDomainReport *report)
{
  g_autoptr(GArray) rows = sti_report_dup_summary (report);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("Mail servers at a glance"));
  if (rows->len == 0)
    sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, _("No mail server was probed."));
  for (guint i = 0; i < rows->len; i++)
    {
      StiReportSummaryRow *row = &g_array_index (rows, StiReportSummaryRow, i);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

#define CELL(c) (row->cells[c] != NULL ? row->cells[c] : "—")
      /* Translators: "MX 10: mx1.example.org", then its address */
      key = g_strdup_printf (_("%s %s: %s\n%s"), sti_report_summary_column_label (
                               STI_REPORT_SUMMARY_MX), CELL (STI_REPORT_SUMMARY_MX),
                             CELL (STI_REPORT_SUMMARY_HOST), CELL (STI_REPORT_SUMMARY_ADDRESS));
      value = g_strdup_printf ("%s\n%s", CELL (STI_REPORT_SUMMARY_STARTTLS),
                               CELL (STI_REPORT_SUMMARY_TLS));
#undef CELL
      sti_pdf_document_add_pair (doc, key, value);
    }
}

static void
add_endpoint (StiPdfDocument    *doc,
              StiEndpointReport *endpoint,
              StiDomainReport   *report)
{
  g_autofree char *label = sti_report_dup_endpoint_label (endpoint);
  g_autofree char *transcript =
    sti_format_transcript (sti_endpoint_report_get_transcript (endpoint), NULL);
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  g_autoptr(GArray) properties = sti_report_dup_endpoint_properties (endpoint, " · ");
  g_autoptr(GArray) timings = sti_report_dup_timings (endpoint);
  g_autoptr(GArray) senders = sti_report_dup_sender_lines (endpoint, report);
  g_autofree char *timing_line = NULL;

#define DURATION(i) (g_array_index (timings, StiReportProperty, i).value)
  /* Translators: durations of the stages of one SMTP dialogue */
  timing_line = g_strdup_printf (_("connect %s · greeting %s · EHLO %s · STARTTLS %s · "
                                   "handshake %s · total %s"),
                                 DURATION (0), DURATION (1), DURATION (2), DURATION (3),
                                 DURATION (4), DURATION (5));
#undef DURATION

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_SUBHEADING, label);
  add_properties (doc, properties);
  sti_pdf_document_add_pair (doc, _("Timings"), timing_line);
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, _("What sending mail servers do"));
  add_properties (doc, senders);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, sti_format_transcript_legend ());
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO,
                             transcript[0] != '\0' ? transcript : _("(empty)"));

  if (chain != NULL && chain->len > 0)
    {
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, _("Certificate chain as sent"));
      for (guint i = 0; i < chain->len; i++)
        add_certificate (doc, g_ptr_array_index (chain, i), i);
    }
  add_built_chain (doc, endpoint);
}

/* Every check made, per domain and endpoint, with its outcome. */
static void
add_checklist (StiPdfDocument  *doc,
               StiDomainReport *report)
{
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  g_autofree char *counts = sti_checklist_dup_counts (groups);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("Checks made"));
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, counts);
  for (guint i = 0; i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);

      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, group->label);
      for (guint j = 0; j < group->items->len; j++)
        {
          StiCheckItem *item = g_ptr_array_index (group->items, j);
          g_autofree char *outcome = sti_check_item_dup_outcome (item);
          g_autofree char *line =
            g_markup_printf_escaped ("<b>%s</b>: %s\n%s", item->title, outcome,
                                     item->detail != NULL ? item->detail : "");

          sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, line);
        }
    }
}

/* The MTA-STS policy as fetched: the answer, the patterns and what they
 * matched, the file itself and the policy host's chain. */
static void
add_mta_sts (StiPdfDocument    *doc,
             StiMtaStsEvidence *sts)
{
  g_autoptr(GArray) properties = sti_report_dup_mta_sts_properties (sts);
  g_autoptr(GArray) patterns = sti_report_dup_mta_sts_patterns (sts);
  GPtrArray *chain = sti_mta_sts_evidence_get_certificates (sts);
  const char *body = sti_mta_sts_evidence_get_body (sts);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_SUBHEADING, _("MTA-STS policy as fetched"));
  add_properties (doc, properties);
  if (patterns->len > 0)
    {
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING,
                                 _("mx pattern → MX hosts it matches"));
      add_properties (doc, patterns);
    }
  if (body != NULL)
    {
      g_autofree char *lines = g_strchomp (g_strdup (body));

      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING, _("Policy file as fetched"));
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, lines);
    }
  if (chain->len > 0)
    {
      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MINOR_HEADING,
                                 _("Policy host certificate chain as sent"));
      for (guint i = 0; i < chain->len; i++)
        add_certificate (doc, g_ptr_array_index (chain, i), i);
    }
}

static void
add_policies (StiPdfDocument  *doc,
              StiDomainReport *report)
{
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("Policies"));
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, sentence);
  for (guint i = 0; i < policies->len; i++)
    {
      StiPolicyRecord *policy = g_ptr_array_index (policies, i);
      g_autofree char *joined = sti_report_dup_policy_records_text (policy, "\n");
      g_autofree char *line = NULL;

      if (policy->records[0] == NULL)
        line = g_markup_printf_escaped ("<b>%s</b>  %s", policy->label,
                                        sti_policy_record_get_absence (policy));
      else
        line = g_markup_printf_escaped ("<b>%s</b>  DNSSEC %s\n<tt>%s</tt>", policy->label,
                                        sti_format_dnssec_status (policy->dnssec), joined);
      sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, line);
    }
  if (sti_domain_report_get_mta_sts (report) != NULL)
    add_mta_sts (doc, sti_domain_report_get_mta_sts (report));
}

static void
add_skipped (StiPdfDocument  *doc,
             StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);

  if (skipped == NULL || skipped[0] == NULL)
    return;
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("Not probed"));
  for (guint i = 0; skipped[i] != NULL; i++)
    sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, skipped[i]);
}

/**
 * sti_report_to_pdf:
 * @report: the report
 * @mta: a #StiMta whose fix to show, or %STI_MTA_ALL
 * @paper: the paper size
 * @error: a #GError
 *
 * Returns: (transfer full): a PDF with the domain, the date and the page
 *   number on every page, or %NULL with @error set
 */
GBytes *
sti_report_to_pdf (StiDomainReport  *report,
                   int               mta,
                   StiPaperSize      paper,
                   GError          **error)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GPtrArray *evidence = sti_domain_report_get_dns_evidence (report);
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  g_autoptr(GHashTable) explained = sti_report_explained_new ();
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  g_autofree char *counts = sti_format_report_counts (report);
  g_autofree char *started = sti_format_date_time (sti_domain_report_get_started_at (report));
  g_autofree char *title = sti_report_dup_title (report);
  g_autofree char *generated = NULL;
  g_autoptr(GArray) metadata = sti_report_dup_metadata (report,
                                                        sti_domain_report_get_domain (report));
  g_autoptr(StiPdfDocument) doc = NULL;
  GDateTime *start = sti_domain_report_get_started_at (report);

  if (!sti_pdf_document_load (error))
    return NULL;

  doc = sti_pdf_document_new (sti_domain_report_get_domain_unicode (report), started, title);
  sti_pdf_document_set_date (doc, start);
  sti_pdf_document_set_paper (doc, paper);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, title);
  sti_pdf_document_add_verdict (doc, verdict, sti_report_get_worst_severity (report));
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, counts);
  add_properties (doc, metadata);
  add_summary (doc, report);

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("Findings"));
  if (located->len == 0)
    sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH,
                               _("No findings: the checks made are listed below."));
  for (guint i = 0; i < located->len && !sti_pdf_document_is_full (doc); i++)
    add_finding (doc, report, &g_array_index (located, StiLocatedFinding, i), explained, mta);
  add_checklist (doc, report);

  /* What applies to the whole domain, and what was left out, before the
   * hosts: the same order in every format. */
  if (hosts->len > 0)
    add_policies (doc, report);
  add_skipped (doc, report);

  for (guint i = 0; i < hosts->len && !sti_pdf_document_is_full (doc); i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      g_autofree char *heading = sti_report_dup_host_heading (host);

      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, heading);
      if (sti_host_report_get_beyond_mx_cap (host) > 0)
        {
          g_autofree char *note = sti_report_dup_host_not_checked (host);
          g_autofree char *line = g_strdup_printf ("%s. %s", note, sti_report_get_mx_cap_hint ());

          sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, line);
        }
      else if (endpoints->len == 0)
        sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH,
                                   _("This host has no address that could be probed."));
      for (guint j = 0; j < endpoints->len; j++)
        add_endpoint (doc, g_ptr_array_index (endpoints, j), report);
    }

  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, _("DNS evidence"));
  if (evidence == NULL || evidence->len == 0)
    sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, _("No DNS answers were recorded."));
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      StiDnsEvidence *item = g_ptr_array_index (evidence, i);
      const char * const *records = sti_dns_evidence_get_records (item);
      g_autofree char *joined = records != NULL ? sti_format_bounded_list (records, -1, "\n", 0)
                                                 : NULL;
      g_autofree char *line = NULL;
      const char *why_bogus;

      why_bogus = sti_dns_evidence_get_why_bogus (item);
      line = g_markup_printf_escaped ("<b>%s %s</b>  %s (rcode %d) · TTL %" G_GINT64_FORMAT " · "
                                      "DNSSEC %s%s%s",
                                      sti_dns_evidence_get_qname (item),
                                      sti_dns_evidence_get_qtype (item),
                                      sti_dns_evidence_get_result (item),
                                      sti_dns_evidence_get_rcode (item),
                                      sti_dns_evidence_get_ttl (item),
                                      sti_format_dnssec_status (
                                        sti_dns_evidence_get_dnssec (item)),
                                      why_bogus != NULL ? ": " : "",
                                      why_bogus != NULL ? why_bogus : "");
      sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, line);
      if (joined != NULL && joined[0] != '\0')
        sti_pdf_document_add_text (doc, STI_PDF_BLOCK_MONO, joined);
    }

  generated = sti_report_dup_generated (sti_domain_report_get_tool_version (report));
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, generated);

  return sti_pdf_document_render (doc, error);
}
