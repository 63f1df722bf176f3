/* sti-report-html.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-html.h"

#include "sti-format.h"
#include "sti-report-format.h"
#include "sti-report-print.h"
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

/* One self-contained HTML file: inline CSS, no script, no external
 * resource, light and dark, readable when printed. Every piece of text,
 * ours or the server's, goes through sti_report_html_append_text(); the
 * only markup is what this file writes literally. Transcripts and PEM sit
 * in <details> on screen and in a plain <pre> when printed, because a
 * closed <details> prints nothing and opening it needs script.
 *
 * Every text colour has a contrast of at least 4.5:1 (WCAG AA) on the
 * backgrounds it is used on, in the light, dark and print schemes
 * (tests/test-report-print.c computes them). A table cell wraps between
 * words only (overflow-wrap:break-word leaves a column at least as wide as
 * its longest word; "anywhere" let browsers split "mx1.good.l ab"); only
 * the records column, which holds long TXT data, may break inside one. */

static const char style[] =
  ":root{color-scheme:light dark;--fg:#241f31;--bg:#ffffff;--muted:#5e5c64;--card:#f6f5f4;"
  "--border:#deddda;--code:#f0efee;--err:#c01c28;--warn:#865e3c;--ok:#1b7a4b;--info:#1a5fb4}\n"
  "@media (prefers-color-scheme:dark){:root{--fg:#f6f5f4;--bg:#1e1e1e;--muted:#c0bfbc;"
  "--card:#2a2a2e;--border:#45404f;--code:#303034;--err:#ff7b63;--warn:#f9c440;--ok:#8ff0a4;"
  "--info:#99c1f1}}\n"
  "body{font-family:Cantarell,'Segoe UI',system-ui,'DejaVu Sans',sans-serif;font-size:15px;"
  "line-height:1.45;color:var(--fg);background:var(--bg);max-width:62rem;margin:2rem auto;"
  "padding:0 1rem}\n"
  "h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.3rem;margin-top:2rem;"
  "border-bottom:1px solid var(--border);padding-bottom:.2rem}"
  "h3{font-size:1.1rem;margin:1.2rem 0 .4rem}"
  "h4{font-size:1rem;margin:.8rem 0 .2rem}\n"
  ".verdict{font-size:1.15rem;font-weight:bold;padding:.6rem .8rem;border-radius:6px;"
  "border-left:6px solid var(--ok);background:var(--card)}\n"
  ".verdict.sev-error{border-left-color:var(--err)}"
  ".verdict.sev-warning{border-left-color:var(--warn)}\n"
  ".muted{color:var(--muted)}\n"
  "table{border-collapse:collapse;width:100%;margin:.4rem 0 .8rem;font-size:.92rem}"
  "th,td{border:1px solid var(--border);padding:.25rem .45rem;text-align:left;vertical-align:top}"
  "td{overflow-wrap:break-word}td.wrap{overflow-wrap:anywhere}th{background:var(--card)}\n"
  "table.kv th{width:13rem}\n"
  "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.8rem 0}"
  "dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
  ".finding{background:var(--card);border-radius:6px;padding:.5rem .9rem;margin:.7rem 0;"
  "border-left:6px solid var(--info)}\n"
  ".finding.sev-error{border-left-color:var(--err)}"
  ".finding.sev-warning{border-left-color:var(--warn)}\n"
  ".badge{display:inline-block;font-size:.8rem;font-weight:bold;padding:0 .4rem;border-radius:4px;"
  "color:#fff;background:var(--info);margin-right:.4rem}\n"
  ".badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}\n"
  "@media (prefers-color-scheme:dark){.badge{color:#1e1e1e}}\n"
  "code,pre{font-family:'DejaVu Sans Mono',ui-monospace,monospace;font-size:.85rem}\n"
  "pre{background:var(--code);padding:.5rem;border-radius:4px;white-space:pre-wrap;"
  "overflow-wrap:anywhere}\n"
  ".text{white-space:pre-wrap}.lead{font-weight:bold}\n"
  "details{margin:.3rem 0}summary{cursor:pointer;font-weight:bold}\n"
  ".ok{color:var(--ok)}.bad{color:var(--err)}\n"
  ".print-only{display:none}\n"
  "footer{margin-top:2rem;font-size:.85rem;color:var(--muted)}\n"
  "@media print{:root{--fg:#000;--bg:#fff;--muted:#444;--card:#f4f4f4;--border:#bbb;--code:#f4f4f4;"
  "--err:#a51d2d;--warn:#865e3c;--ok:#1b7a4b;--info:#1a5fb4}body{max-width:none;margin:0;"
  "font-size:10.5pt}details{display:none}.print-only{display:block}"
  "section.host,section.dns{break-before:page}h2,h3,h4{break-after:avoid}"
  "tr{break-inside:avoid}.badge{color:#fff}}\n";

void
sti_report_html_append_text (GString    *out,
                             const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (out, escaped);
}

static const char *
severity_class (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "sev-error";
    case STI_SEVERITY_WARNING:
      return "sev-warning";
    case STI_SEVERITY_INFO:
    default:
      return "sev-info";
    }
}

/* Writes <tag class="klass">text</tag>; @tag and @klass are ours. A <th>
 * written here heads a column; row headers are written as such. */
static void
element (GString    *out,
         const char *tag,
         const char *klass,
         const char *text)
{
  if (g_str_equal (tag, "th") && klass == NULL)
    g_string_append (out, "<th scope=\"col\">");
  else if (klass != NULL)
    g_string_append_printf (out, "<%s class=\"%s\">", tag, klass);
  else
    g_string_append_printf (out, "<%s>", tag);
  sti_report_html_append_text (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static void
kv_row (GString    *out,
        const char *key,
        const char *value)
{
  g_string_append (out, "<tr><th scope=\"row\">");
  sti_report_html_append_text (out, key);
  g_string_append (out, "</th><td>");
  sti_report_html_append_text (out, value != NULL ? value : "—");
  g_string_append (out, "</td></tr>\n");
}

static void
meta_item (GString    *out,
           const char *key,
           const char *value)
{
  element (out, "dt", NULL, key);
  element (out, "dd", NULL, value != NULL ? value : "—");
}

/* A block of text shown as a collapsible on screen, flat when printed. */
static void
collapsible_pre (GString    *out,
                 const char *summary,
                 const char *text)
{
  g_string_append (out, "<details><summary>");
  sti_report_html_append_text (out, summary);
  g_string_append (out, "</summary><pre>");
  sti_report_html_append_text (out, text);
  g_string_append (out, "</pre></details>\n<div class=\"print-only\"><h4>");
  sti_report_html_append_text (out, summary);
  g_string_append (out, "</h4><pre>");
  sti_report_html_append_text (out, text);
  g_string_append (out, "</pre></div>\n");
}

void
sti_report_html_begin (GString    *out,
                       const char *title)
{
  g_string_append_printf (out,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n"
                          "<meta name=\"color-scheme\" content=\"light dark\">\n<title>",
                          sti_report_get_language ());
  sti_report_html_append_text (out, title);
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, style);
  g_string_append (out, "</style>\n</head>\n<body>\n");
}

void
sti_report_html_end (GString    *out,
                     const char *tool_version)
{
  g_autofree char *generated = sti_report_dup_generated (tool_version != NULL ? tool_version
                                                                              : "?");

  g_string_append (out, "<footer>");
  element (out, "p", NULL, generated);
  g_string_append (out, "</footer>\n</body>\n</html>\n");
}

static void
rich_text_cb (gboolean    code,
              const char *text,
              gpointer    user_data)
{
  element (user_data, code ? "pre" : "p", code ? NULL : "text", text);
}

static void
section_heading (const char *heading,
                 gpointer    user_data)
{
  element (user_data, "h4", NULL, heading);
}

static void
properties_table (GString *out,
                  GArray  *properties)
{
  g_string_append (out, "<table class=\"kv\">\n");
  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      kv_row (out, property->label, property->value);
    }
  g_string_append (out, "</table>\n");
}

static void
write_finding (GString           *out,
               StiDomainReport   *report,
               StiLocatedFinding *located,
               GHashTable        *explained,
               int                mta)
{
  g_auto(StiFindingWords) words = { NULL, };
  g_autofree char *where = sti_report_dup_where (located->host, located->address);
  g_autofree char *observed = sti_report_dup_observed (located->finding);
  StiSeverity severity = sti_finding_get_severity (located->finding);

  sti_report_get_finding_words (report, located->finding, located->host, located->address, mta,
                                &words);

  g_string_append_printf (out, "<article class=\"finding %s\">\n<h3><span class=\"badge %s\">",
                          severity_class (severity), severity_class (severity));
  sti_report_html_append_text (out, sti_format_severity_label (severity));
  g_string_append (out, "</span> · ");
  sti_report_html_append_text (out, words.title);
  g_string_append (out, " <code>");
  sti_report_html_append_text (out, sti_finding_get_id (located->finding));
  g_string_append (out, "</code></h3>\n<p class=\"muted\">");
  sti_report_html_append_text (out, where);
  g_string_append (out, "</p>\n");

  if (words.verdict[0] != '\0')
    element (out, "p", "lead", words.verdict);
  if (observed != NULL)
    element (out, "p", "text muted", observed);
  sti_finding_words_write_sections_once (&words, explained, sti_finding_get_id (located->finding),
                                         section_heading, rich_text_cb, out);
  g_string_append (out, "</article>\n");
}

static void
write_certificate (GString        *out,
                   StiCertificate *cert,
                   guint           position)
{
  g_autofree char *heading = sti_report_dup_certificate_heading (position);
  g_autofree char *pem = sti_report_dup_certificate_pem (cert);
  g_autoptr(GArray) properties = sti_report_dup_certificate_properties (cert);

  element (out, "h4", NULL, heading);
  properties_table (out, properties);
  collapsible_pre (out, _("PEM"), pem);
}

/* What each kind of sender makes of this server. */
static void
write_senders (GString           *out,
               StiEndpointReport *endpoint,
               StiDomainReport   *report)
{
  g_autoptr(GArray) lines = sti_report_dup_sender_lines (endpoint, report);

  element (out, "h4", NULL, _("What sending mail servers do"));
  properties_table (out, lines);
}

/* The chain as verification built it, beside the chain as sent; the
 * certificates that were not sent come with their PEM. */
static void
write_built_chain (GString           *out,
                   StiEndpointReport *endpoint)
{
  g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);

  if (links->len == 0)
    return;

  /* Translators: the certification path verification built from the chain as sent */
  element (out, "h4", NULL, _("Certificate chain as built"));
  g_string_append (out, "<table class=\"built\">\n<tr>");
  element (out, "th", NULL, _("Where it came from"));
  element (out, "th", NULL, _("Subject"));
  element (out, "th", NULL, _("Issuer"));
  element (out, "th", NULL, _("SHA-256 fingerprint"));
  g_string_append (out, "</tr>\n");
  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);

      g_string_append (out, "<tr>");
      element (out, "td", NULL, link->origin);
      element (out, "td", NULL, sti_certificate_get_subject (link->certificate));
      element (out, "td", NULL, sti_certificate_get_issuer (link->certificate));
      element (out, "td", NULL, link->fingerprint);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");

  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);
      g_autofree char *summary = NULL;

      if (link->pem == NULL)
        continue;
      /* Translators: where a certificate came from, then its subject */
      summary = g_strdup_printf (_("PEM: %s, %s"), link->origin,
                                 sti_certificate_get_subject (link->certificate));
      collapsible_pre (out, summary, link->pem);
    }
}

/* Every address of every MX host at a glance (sti_report_dup_summary()). */
static void
write_summary (GString         *out,
               StiDomainReport *report)
{
  g_autoptr(GArray) rows = sti_report_dup_summary (report);

  g_string_append (out, "<section class=\"summary\">\n");
  element (out, "h2", NULL, _("Mail servers at a glance"));
  if (rows->len == 0)
    element (out, "p", "muted", _("No mail server was probed."));
  else
    {
      g_string_append (out, "<table>\n<tr>");
      for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
        element (out, "th", NULL, sti_report_summary_column_label (c));
      g_string_append (out, "</tr>\n");
      for (guint i = 0; i < rows->len; i++)
        {
          StiReportSummaryRow *row = &g_array_index (rows, StiReportSummaryRow, i);

          g_string_append (out, "<tr>");
          for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
            element (out, "td",
                     c == STI_REPORT_SUMMARY_STARTTLS && row->cells[STI_REPORT_SUMMARY_ADDRESS]
                       ? (row->ok ? "ok" : "bad") : NULL,
                     row->cells[c] != NULL ? row->cells[c] : "—");
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</table>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
write_endpoint (GString           *out,
                StiEndpointReport *endpoint,
                StiDomainReport   *report)
{
  g_autofree char *label = sti_report_dup_endpoint_label (endpoint);
  g_autofree char *transcript =
    sti_format_transcript (sti_endpoint_report_get_transcript (endpoint), NULL);
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  g_autoptr(GArray) properties = sti_report_dup_endpoint_properties (endpoint, " · ");
  g_autoptr(GArray) timings = sti_report_dup_timings (endpoint);

  element (out, "h3", NULL, label);
  properties_table (out, properties);
  write_senders (out, endpoint, report);

  element (out, "h4", NULL, _("Timings"));
  g_string_append (out, "<table>\n<tr>");
  for (guint i = 0; i < timings->len; i++)
    element (out, "th", NULL, g_array_index (timings, StiReportProperty, i).label);
  g_string_append (out, "</tr>\n<tr>");
  for (guint i = 0; i < timings->len; i++)
    element (out, "td", NULL, g_array_index (timings, StiReportProperty, i).value);
  g_string_append (out, "</tr>\n</table>\n");

  collapsible_pre (out, sti_format_transcript_legend (),
                   transcript[0] != '\0' ? transcript : _("(empty)"));

  if (chain != NULL && chain->len > 0)
    {
      /* Translators: the chain of certificates exactly as the server sent it */
      element (out, "h4", NULL, _("Certificate chain as sent"));
      for (guint i = 0; i < chain->len; i++)
        write_certificate (out, g_ptr_array_index (chain, i), i);
    }
  write_built_chain (out, endpoint);
}

/* The MTA-STS policy as fetched: the answer, the patterns and what they
 * matched, the file itself and the policy host's chain. */
static void
write_mta_sts (GString           *out,
               StiMtaStsEvidence *sts)
{
  g_autoptr(GArray) properties = sti_report_dup_mta_sts_properties (sts);
  g_autoptr(GArray) patterns = sti_report_dup_mta_sts_patterns (sts);
  GPtrArray *chain = sti_mta_sts_evidence_get_certificates (sts);
  const char *body = sti_mta_sts_evidence_get_body (sts);

  g_string_append (out, "<div class=\"mta-sts\">\n");
  element (out, "h3", NULL, _("MTA-STS policy as fetched"));
  properties_table (out, properties);
  if (patterns->len > 0)
    {
      g_string_append (out, "<table>\n<tr><th>");
      sti_report_html_append_text (out, _("mx pattern"));
      g_string_append (out, "</th><th>");
      sti_report_html_append_text (out, _("MX hosts it matches"));
      g_string_append (out, "</th></tr>\n");
      for (guint i = 0; i < patterns->len; i++)
        {
          StiReportProperty *pattern = &g_array_index (patterns, StiReportProperty, i);

          g_string_append (out, "<tr><td><code>");
          sti_report_html_append_text (out, pattern->label);
          g_string_append (out, "</code></td><td>");
          sti_report_html_append_text (out, pattern->value);
          g_string_append (out, "</td></tr>\n");
        }
      g_string_append (out, "</table>\n");
    }
  if (body != NULL)
    {
      element (out, "h4", NULL, _("Policy file as fetched"));
      element (out, "pre", NULL, body);
    }
  if (chain->len > 0)
    {
      element (out, "h4", NULL, _("Policy host certificate chain as sent"));
      for (guint i = 0; i < chain->len; i++)
        write_certificate (out, g_ptr_array_index (chain, i), i);
    }
  g_string_append (out, "</div>\n");
}

static void
write_policies (GString         *out,
                StiDomainReport *report)
{
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);

  g_string_append (out, "<section class=\"policies\">\n");
  element (out, "h2", NULL, _("Policies"));
  element (out, "p", NULL, sentence);
  g_string_append (out, "<table>\n");
  for (guint i = 0; i < policies->len; i++)
    {
      StiPolicyRecord *policy = g_ptr_array_index (policies, i);

      g_string_append (out, "<tr><th scope=\"row\">");
      sti_report_html_append_text (out, policy->label);
      g_string_append (out, "</th><td>");
      if (policy->records[0] == NULL)
        sti_report_html_append_text (out, sti_policy_record_get_absence (policy));
      for (guint j = 0; policy->records[j] != NULL; j++)
        {
          g_string_append (out, "<code>");
          sti_report_html_append_text (out, policy->records[j]);
          g_string_append (out, "</code>");
          if (policy->notes != NULL && policy->notes[j] != NULL && *policy->notes[j] != '\0')
            {
              g_string_append (out, " — ");
              sti_report_html_append_text (out, policy->notes[j]);
            }
          if (policy->records[j + 1] != NULL)
            g_string_append (out, "<br>");
        }
      if (policy->records[0] != NULL)
        {
          g_string_append (out, "<br>");
          sti_report_html_append_text (out, sti_format_dnssec_status (policy->dnssec));
        }
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");
  if (sti_domain_report_get_mta_sts (report) != NULL)
    write_mta_sts (out, sti_domain_report_get_mta_sts (report));
  g_string_append (out, "</section>\n");
}

static void
write_dns (GString         *out,
           StiDomainReport *report)
{
  GPtrArray *evidence = sti_domain_report_get_dns_evidence (report);

  g_string_append (out, "<section class=\"dns\">\n");
  element (out, "h2", NULL, _("DNS evidence"));
  if (evidence == NULL || evidence->len == 0)
    {
      element (out, "p", "muted", _("No DNS answers were recorded."));
      g_string_append (out, "</section>\n");
      return;
    }

  g_string_append (out, "<table>\n<tr>");
  element (out, "th", NULL, _("Name"));
  element (out, "th", NULL, _("Type"));
  element (out, "th", NULL, _("Result"));
  element (out, "th", NULL, _("TTL"));
  element (out, "th", NULL, _("DNSSEC"));
  element (out, "th", NULL, _("Records"));
  g_string_append (out, "</tr>\n");

  for (guint i = 0; i < evidence->len; i++)
    {
      StiDnsEvidence *item = g_ptr_array_index (evidence, i);
      const char * const *records = sti_dns_evidence_get_records (item);
      g_autofree char *result = sti_report_dup_dns_result (item);
      g_autofree char *ttl = g_strdup_printf ("%" G_GINT64_FORMAT, sti_dns_evidence_get_ttl (item));
      g_autofree char *dnssec = sti_report_dup_dns_dnssec (item);

      g_string_append (out, "<tr>");
      element (out, "td", NULL, sti_dns_evidence_get_qname (item));
      element (out, "td", NULL, sti_dns_evidence_get_qtype (item));
      element (out, "td", NULL, result);
      element (out, "td", NULL, ttl);
      element (out, "td", NULL, dnssec);
      g_string_append (out, "<td class=\"wrap\">");
      for (guint j = 0; records != NULL && records[j] != NULL; j++)
        {
          g_string_append (out, "<code>");
          sti_report_html_append_text (out, records[j]);
          g_string_append (out, "</code>");
          if (records[j + 1] != NULL)
            g_string_append (out, "<br>");
        }
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n</section>\n");
}

static const char *
check_class (const StiCheckItem *item)
{
  if (item->status == STI_CHECK_PASSED)
    return "ok";
  return item->status == STI_CHECK_FAILED ? "bad" : "muted";
}

/* Every check made, per domain and endpoint, with its outcome. */
static void
write_checklist (GString         *out,
                 StiDomainReport *report)
{
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  g_autofree char *counts = sti_checklist_dup_counts (groups);

  g_string_append (out, "<section class=\"checks\">\n");
  element (out, "h2", NULL, _("Checks made"));
  element (out, "p", NULL, counts);
  for (guint i = 0; i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);

      element (out, "h3", NULL, group->label);
      g_string_append (out, "<table>\n<tr>");
      element (out, "th", NULL, _("Check"));
      element (out, "th", NULL, _("Result"));
      element (out, "th", NULL, _("Evidence"));
      g_string_append (out, "</tr>\n");
      for (guint j = 0; j < group->items->len; j++)
        {
          StiCheckItem *item = g_ptr_array_index (group->items, j);
          g_autofree char *outcome = sti_check_item_dup_outcome (item);

          g_string_append (out, "<tr>");
          element (out, "td", NULL, item->title);
          element (out, "td", check_class (item), outcome);
          element (out, "td", "text", item->detail);
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</table>\n");
    }
  g_string_append (out, "</section>\n");
}

static void
write_skipped (GString         *out,
               StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);

  if (skipped == NULL || skipped[0] == NULL)
    return;
  g_string_append (out, "<section class=\"skipped\">\n");
  element (out, "h2", NULL, _("Not probed"));
  g_string_append (out, "<ul>\n");
  for (guint i = 0; skipped[i] != NULL; i++)
    element (out, "li", NULL, skipped[i]);
  g_string_append (out, "</ul>\n</section>\n");
}

/**
 * sti_report_to_html:
 * @report: the report
 * @mta: a #StiMta whose fix to show, or %STI_MTA_ALL
 *
 * Returns: (transfer full): one self-contained HTML document
 */
char *
sti_report_to_html (StiDomainReport *report,
                    int              mta)
{
  GString *out = g_string_sized_new (32 * 1024);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  const char *domain = sti_domain_report_get_domain_unicode (report);
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  g_autoptr(GHashTable) explained = sti_report_explained_new ();
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  g_autofree char *counts = sti_format_report_counts (report);
  g_autofree char *title = sti_report_dup_title (report);
  g_autofree char *domain_label = NULL;
  g_autoptr(GArray) metadata = NULL;

  if (g_strcmp0 (domain, sti_domain_report_get_domain (report)) != 0)
    domain_label = g_strdup_printf ("%s (%s)", domain, sti_domain_report_get_domain (report));
  else
    domain_label = g_strdup (domain);
  metadata = sti_report_dup_metadata (report, domain_label);

  sti_report_html_begin (out, title);
  g_string_append (out, "<header>\n");
  element (out, "h1", NULL, title);
  g_string_append_printf (out, "<p class=\"verdict %s\">",
                          severity_class (sti_report_get_worst_severity (report)));
  sti_report_html_append_text (out, verdict);
  g_string_append (out, "</p>\n");
  element (out, "p", NULL, counts);
  g_string_append (out, "<dl class=\"meta\">\n");
  for (guint i = 0; i < metadata->len; i++)
    {
      StiReportProperty *property = &g_array_index (metadata, StiReportProperty, i);

      meta_item (out, property->label, property->value);
    }
  g_string_append (out, "</dl>\n</header>\n<main>\n");

  write_summary (out, report);

  /* Findings with their explanation */
  g_string_append (out, "<section class=\"findings\">\n");
  element (out, "h2", NULL, _("Findings"));
  if (located->len == 0)
    element (out, "p", "muted", _("No findings: the checks made are listed below."));
  for (guint i = 0; i < located->len; i++)
    write_finding (out, report, &g_array_index (located, StiLocatedFinding, i), explained, mta);
  g_string_append (out, "</section>\n");
  write_checklist (out, report);

  /* What applies to the whole domain, and what was left out, before the
   * hosts: the same order in every format. */
  if (hosts->len > 0)
    write_policies (out, report);
  write_skipped (out, report);

  /* The evidence, per host and address */
  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      g_autofree char *heading = sti_report_dup_host_heading (host);

      g_string_append (out, "<section class=\"host\">\n");
      element (out, "h2", NULL, heading);
      if (sti_host_report_get_beyond_mx_cap (host) > 0)
        {
          g_autofree char *note = sti_report_dup_host_not_checked (host);
          g_autofree char *line = g_strdup_printf ("%s. %s", note, sti_report_get_mx_cap_hint ());

          element (out, "p", "muted", line);
        }
      else if (endpoints->len == 0)
        element (out, "p", "muted", _("This host has no address that could be probed."));
      for (guint j = 0; j < endpoints->len; j++)
        write_endpoint (out, g_ptr_array_index (endpoints, j), report);
      g_string_append (out, "</section>\n");
    }

  write_dns (out, report);

  g_string_append (out, "</main>\n");
  sti_report_html_end (out, sti_domain_report_get_tool_version (report));

  return g_string_free (out, FALSE);
}
