/* sti-report-markdown.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-markdown.h"

#include "sti-finding-detail.h"
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
#include <string.h>

/* GitHub-flavoured Markdown for tickets and chat. Inline text escapes
 * every character Markdown or inline HTML could act on (a backslash before
 * ASCII punctuation is always literal in CommonMark), line breaks become
 * spaces so table rows stay one line, and transcripts and PEM go in fenced
 * blocks whose fence is longer than any backtick run inside. */

/**
 * sti_markdown_append_text:
 *
 * Appends @text as literal inline Markdown: nothing in it can start
 * emphasis, a link, an HTML tag, a code span, a heading or a table cell.
 */
void
sti_markdown_append_text (GString    *out,
                          const char *text)
{
  gboolean line_start = TRUE;

  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '\n' || c == '\r' || c == '\t')
        {
          g_string_append_c (out, ' ');
          line_start = FALSE;
          continue;
        }

      /* An underscore inside a word (TLS_AES_256) never starts emphasis,
       * so it stays bare and readable. */
      if (strchr ("\\`*[]<>#|~&", c) != NULL ||
          (c == '_' && (p == text || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]))) ||
          (line_start && strchr ("-+=", c) != NULL))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);

      /* An ordered-list marker ("1. " at the start) is neutralised by
       * escaping its dot. */
      if (line_start && g_ascii_isdigit (c))
        {
          while (g_ascii_isdigit (p[1]))
            g_string_append_c (out, *++p);
          if ((p[1] == '.' || p[1] == ')') && (p[2] == ' ' || p[2] == '\0'))
            {
              g_string_append_c (out, '\\');
              g_string_append_c (out, *++p);
            }
        }
      line_start = FALSE;
    }
}

static gsize
longest_backtick_run (const char *text)
{
  gsize longest = 0, run = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  return longest;
}

/**
 * sti_markdown_append_code_block:
 *
 * Appends @text verbatim in a fenced block that nothing inside can close.
 */
void
sti_markdown_append_code_block (GString    *out,
                                const char *text)
{
  gsize fence = MAX (3, longest_backtick_run (text) + 1);
  gsize len = strlen (text);

  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  for (gsize i = 0; i < fence; i++)
    g_string_append_c (out, '`');
  g_string_append (out, "text\n");
  g_string_append (out, text);
  if (len == 0 || text[len - 1] != '\n')
    g_string_append_c (out, '\n');
  for (gsize i = 0; i < fence; i++)
    g_string_append_c (out, '`');
  g_string_append (out, "\n\n");
}

void
sti_markdown_append_table_row (GString            *out,
                               const char * const *cells,
                               guint               n_cells)
{
  g_string_append (out, "|");
  for (guint i = 0; i < n_cells; i++)
    {
      g_string_append_c (out, ' ');
      if (cells[i] == NULL || cells[i][0] == '\0')
        g_string_append (out, "—");
      else
        sti_markdown_append_text (out, cells[i]);
      g_string_append (out, " |");
    }
  g_string_append_c (out, '\n');
}

void
sti_markdown_append_table_header (GString            *out,
                                  const char * const *cells,
                                  guint               n_cells)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  sti_markdown_append_table_row (out, cells, n_cells);
  g_string_append (out, "|");
  for (guint i = 0; i < n_cells; i++)
    g_string_append (out, " --- |");
  g_string_append_c (out, '\n');
}

static void
heading (GString    *out,
         guint       level,
         const char *text)
{
  for (guint i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, ' ');
  sti_markdown_append_text (out, text);
  g_string_append (out, "\n\n");
}

static void
paragraph (GString    *out,
           const char *label,
           const char *text)
{
  if (label != NULL)
    {
      g_string_append (out, "**");
      sti_markdown_append_text (out, label);
      g_string_append (out, "** ");
    }
  sti_markdown_append_text (out, text);
  g_string_append (out, "\n\n");
}

static void
kv (GString    *out,
    const char *key,
    const char *value)
{
  const char *cells[] = { key, value };

  sti_markdown_append_table_row (out, cells, 2);
}

/* A two-column table with a blank line after it. */
static void
properties_table (GString *out,
                  GArray  *properties)
{
  const char *header[] = { _("Property"), _("Value") };

  sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      kv (out, property->label, property->value);
    }
  g_string_append_c (out, '\n');
}

static void
rich_text_cb (gboolean    code,
              const char *text,
              gpointer    user_data)
{
  if (code)
    sti_markdown_append_code_block (user_data, text);
  else
    paragraph (user_data, NULL, text);
}

static void
section_heading (const char *heading_text,
                 gpointer    user_data)
{
  GString *out = user_data;

  g_string_append (out, "**");
  sti_markdown_append_text (out, heading_text);
  g_string_append (out, "**\n\n");
}

static void
write_finding (GString           *out,
               StiDomainReport   *report,
               StiLocatedFinding *located,
               guint              number,
               GHashTable        *explained,
               int                mta)
{
  g_auto(StiFindingWords) words = { NULL, };
  g_autofree char *where = sti_report_dup_where (located->host, located->address);
  g_autofree char *title = NULL;
  StiSeverity severity = sti_finding_get_severity (located->finding);
  g_autofree char *detail = sti_finding_dup_detail_text (located->finding);

  sti_report_get_finding_words (report, located->finding, located->host, located->address, mta,
                                &words);

  /* Translators: number, severity, finding title: "2. Error: Certificate expired" */
  title = g_strdup_printf (_("%u. %s: %s"), number, sti_format_severity_label (severity),
                           words.title);
  g_string_append (out, "### ");
  sti_markdown_append_text (out, title);
  g_string_append (out, " (`");
  g_string_append (out, sti_finding_get_id (located->finding)); /* ids are [a-z0-9-] */
  g_string_append (out, "`)\n\n");

  paragraph (out, _("Where:"), where);
  if (words.verdict[0] != '\0')
    paragraph (out, NULL, words.verdict);
  if (detail != NULL && detail[0] != '\0')
    paragraph (out, _("Observed:"), detail);
  sti_finding_words_write_sections_once (&words, explained, sti_finding_get_id (located->finding),
                                         section_heading, rich_text_cb, out);
}

/* The chain as verification built it; the certificates that were not
 * sent come with their PEM. */
static void
write_built_chain (GString           *out,
                   StiEndpointReport *endpoint)
{
  g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);
  const char *header[] = { _("Where it came from"), _("Subject"), _("Issuer"), _("SHA-256") };

  if (links->len == 0)
    return;

  paragraph (out, NULL, _("Certificate chain as built:"));
  sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);
      const char *row[] = { link->origin, sti_certificate_get_subject (link->certificate),
                            sti_certificate_get_issuer (link->certificate), link->fingerprint };

      sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
    }
  g_string_append_c (out, '\n');

  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);

      if (link->pem == NULL)
        continue;
      paragraph (out, link->origin, sti_certificate_get_subject (link->certificate));
      sti_markdown_append_code_block (out, link->pem);
    }
}

/* Every address of every MX host at a glance (sti_report_dup_summary()). */
static void
write_summary (GString         *out,
               StiDomainReport *report)
{
  g_autoptr(GArray) rows = sti_report_dup_summary (report);
  const char *header[STI_REPORT_SUMMARY_N_COLUMNS];

  heading (out, 2, _("Mail servers at a glance"));
  if (rows->len == 0)
    {
      paragraph (out, NULL, _("No mail server was probed."));
      return;
    }

  for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
    header[c] = sti_report_summary_column_label (c);
  sti_markdown_append_table_header (out, header, STI_REPORT_SUMMARY_N_COLUMNS);
  for (guint i = 0; i < rows->len; i++)
    sti_markdown_append_table_row (out,
                                   (const char * const *)
                                     g_array_index (rows, StiReportSummaryRow, i).cells,
                                   STI_REPORT_SUMMARY_N_COLUMNS);
  g_string_append_c (out, '\n');
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
  g_autoptr(GArray) properties = sti_report_dup_endpoint_properties (endpoint, ", ");
  g_autoptr(GArray) timings = sti_report_dup_timings (endpoint);
  g_autofree const char **timing_header = g_new0 (const char *, timings->len);
  g_autofree const char **timing_row = g_new0 (const char *, timings->len);
  g_autoptr(GArray) senders = sti_report_dup_sender_lines (endpoint, report);

  g_string_append (out, "### ");
  sti_markdown_append_text (out, label);
  g_string_append (out, "\n\n");

  properties_table (out, properties);

  paragraph (out, NULL, _("What sending mail servers do:"));
  properties_table (out, senders);

  for (guint i = 0; i < timings->len; i++)
    {
      timing_header[i] = g_array_index (timings, StiReportProperty, i).label;
      timing_row[i] = g_array_index (timings, StiReportProperty, i).value;
    }
  paragraph (out, NULL, _("Timings:"));
  sti_markdown_append_table_header (out, timing_header, timings->len);
  sti_markdown_append_table_row (out, timing_row, timings->len);
  g_string_append_c (out, '\n');

  paragraph (out, NULL, sti_format_transcript_legend ());
  sti_markdown_append_code_block (out, transcript);

  if (chain != NULL && chain->len > 0)
    {
      const char *header[] = { "#", _("Subject"), _("Issuer"), _("Names"), _("Valid until"),
                               _("Key"), _("SHA-256") };

      paragraph (out, NULL, _("Certificate chain as sent:"));
      sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < chain->len; i++)
        {
          StiCertificate *cert = g_ptr_array_index (chain, i);
          g_autofree char *position = sti_format_certificate_number (i);
          const char * const *names = sti_certificate_get_dns_names (cert);
          g_autofree char *joined = names != NULL ? sti_format_bounded_list (names, -1, ", ", 0)
                                                   : NULL;
          g_autofree char *until = sti_format_date_time (sti_certificate_get_not_after (cert));
          g_autofree char *key = g_strdup_printf ("%s %u bit",
                                                  sti_certificate_get_public_key_algorithm (cert),
                                                  sti_certificate_get_public_key_bits (cert));
          g_autofree char *fingerprint =
            sti_format_fingerprint (sti_certificate_get_sha256_fingerprint (cert));
          const char *row[] = { position, sti_certificate_get_subject (cert),
                                sti_certificate_get_issuer (cert),
                                joined, until, key, fingerprint };

          sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
        }
      g_string_append_c (out, '\n');

      paragraph (out, NULL, _("Certificates (PEM):"));
      for (guint i = 0; i < chain->len; i++)
        {
          g_autofree char *pem = sti_report_dup_certificate_pem (g_ptr_array_index (chain, i));

          sti_markdown_append_code_block (out, pem != NULL ? pem : "");
        }
    }
  write_built_chain (out, endpoint);
}

/* Every check made, per domain and endpoint, with its outcome. */
static void
write_checklist (GString         *out,
                 StiDomainReport *report)
{
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  g_autofree char *counts = sti_checklist_dup_counts (groups);
  const char *header[] = { _("Check"), _("Result"), _("Evidence") };

  heading (out, 2, _("Checks made"));
  paragraph (out, NULL, counts);
  for (guint i = 0; i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);

      heading (out, 3, group->label);
      sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
      for (guint j = 0; j < group->items->len; j++)
        {
          StiCheckItem *item = g_ptr_array_index (group->items, j);
          g_autofree char *outcome = sti_check_item_dup_outcome (item);
          g_autofree char *detail = g_strdup (item->detail != NULL ? item->detail : "");
          const char *row[3];

          g_strdelimit (detail, "\n", ' ');
          row[0] = item->title;
          row[1] = outcome;
          row[2] = detail;
          sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
        }
      g_string_append_c (out, '\n');
    }
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

  heading (out, 3, _("MTA-STS policy as fetched"));
  properties_table (out, properties);
  if (patterns->len > 0)
    {
      const char *header[] = { _("mx pattern"), _("MX hosts it matches") };

      sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < patterns->len; i++)
        {
          StiReportProperty *pattern = &g_array_index (patterns, StiReportProperty, i);

          kv (out, pattern->label, pattern->value);
        }
      g_string_append_c (out, '\n');
    }
  if (body != NULL)
    {
      paragraph (out, NULL, _("Policy file as fetched:"));
      sti_markdown_append_code_block (out, body);
    }
  if (chain->len > 0)
    {
      paragraph (out, NULL, _("Policy host certificate chain as sent:"));
      for (guint i = 0; i < chain->len; i++)
        {
          g_autofree char *title = sti_report_dup_certificate_heading (i);
          g_autoptr(GArray) cert = sti_report_dup_certificate_properties (g_ptr_array_index (chain,
                                                                                             i));
          g_autofree char *pem = sti_report_dup_certificate_pem (g_ptr_array_index (chain, i));

          paragraph (out, NULL, title);
          properties_table (out, cert);
          sti_markdown_append_code_block (out, pem != NULL ? pem : "");
        }
    }
}

static void
write_policies (GString         *out,
                StiDomainReport *report)
{
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);
  const char *header[] = { _("Policy"), _("As published"), _("DNSSEC") };

  heading (out, 2, _("Policies"));
  paragraph (out, NULL, sentence);
  sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < policies->len; i++)
    {
      StiPolicyRecord *policy = g_ptr_array_index (policies, i);
      g_autofree char *joined = sti_report_dup_policy_records_text (policy, "; ");
      const char *row[3];

      row[0] = policy->label;
      row[1] = policy->records[0] != NULL ? joined : sti_policy_record_get_absence (policy);
      row[2] = policy->records[0] != NULL ? sti_format_dnssec_status (policy->dnssec) : "";
      sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
    }
  g_string_append_c (out, '\n');
  if (sti_domain_report_get_mta_sts (report) != NULL)
    write_mta_sts (out, sti_domain_report_get_mta_sts (report));
}

static void
write_skipped (GString         *out,
               StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);

  if (skipped == NULL || skipped[0] == NULL)
    return;
  heading (out, 2, _("Not probed"));
  for (guint i = 0; skipped[i] != NULL; i++)
    {
      g_string_append (out, "- ");
      sti_markdown_append_text (out, skipped[i]);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/**
 * sti_report_to_markdown:
 * @report: the report
 * @mta: a #StiMta whose fix to show, or %STI_MTA_ALL
 *
 * Returns: (transfer full): the report as GitHub-flavoured Markdown
 */
char *
sti_report_to_markdown (StiDomainReport *report,
                        int              mta)
{
  GString *out = g_string_sized_new (16 * 1024);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GPtrArray *evidence = sti_domain_report_get_dns_evidence (report);
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  g_autoptr(GHashTable) explained = sti_report_explained_new ();
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  g_autofree char *counts = sti_format_report_counts (report);
  g_autofree char *title = sti_report_dup_title (report);
  g_autoptr(GArray) metadata = sti_report_dup_metadata (report,
                                                        sti_domain_report_get_domain (report));

  heading (out, 1, title);
  paragraph (out, _("Verdict:"), verdict);
  paragraph (out, _("Findings:"), counts);

  properties_table (out, metadata);
  write_summary (out, report);

  heading (out, 2, _("Findings"));
  if (located->len == 0)
    paragraph (out, NULL, _("No findings: the checks made are listed below."));
  for (guint i = 0; i < located->len; i++)
    write_finding (out, report, &g_array_index (located, StiLocatedFinding, i), i + 1, explained,
                   mta);
  write_checklist (out, report);

  /* What applies to the whole domain, and what was left out, before the
   * hosts: the same order in every format. */
  if (hosts->len > 0)
    write_policies (out, report);
  write_skipped (out, report);

  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      g_autofree char *host_title = sti_report_dup_host_heading (host);

      heading (out, 2, host_title);
      if (sti_host_report_get_beyond_mx_cap (host) > 0)
        {
          g_autofree char *note = sti_report_dup_host_not_checked (host);
          g_autofree char *line = g_strdup_printf ("%s. %s", note, sti_report_get_mx_cap_hint ());

          paragraph (out, NULL, line);
        }
      else if (endpoints->len == 0)
        paragraph (out, NULL, _("This host has no address that could be probed."));
      for (guint j = 0; j < endpoints->len; j++)
        write_endpoint (out, g_ptr_array_index (endpoints, j), report);
    }

  heading (out, 2, _("DNS evidence"));
  if (evidence == NULL || evidence->len == 0)
    paragraph (out, NULL, _("No DNS answers were recorded."));
  else
    {
      const char *header[] = { _("Name"), _("Type"), _("Result"), _("TTL"), _("DNSSEC"),
                               _("Records") };

      sti_markdown_append_table_header (out, header, G_N_ELEMENTS (header));
      for (guint i = 0; i < evidence->len; i++)
        {
          StiDnsEvidence *item = g_ptr_array_index (evidence, i);
          const char * const *records = sti_dns_evidence_get_records (item);
          g_autofree char *joined = records != NULL ? sti_format_bounded_list (records, -1, "; ", 0)
                                                     : NULL;
          g_autofree char *result = sti_report_dup_dns_result (item);
          g_autofree char *ttl = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  sti_dns_evidence_get_ttl (item));
          g_autofree char *dnssec = sti_report_dup_dns_dnssec (item);
          const char *row[6];

          row[0] = sti_dns_evidence_get_qname (item);
          row[1] = sti_dns_evidence_get_qtype (item);
          row[2] = result;
          row[3] = ttl;
          row[4] = dnssec;
          row[5] = joined;
          sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
        }
      g_string_append_c (out, '\n');
    }

  g_string_append (out, "---\n\n");
  {
    g_autofree char *generated =
      sti_report_dup_generated (sti_domain_report_get_tool_version (report));

    paragraph (out, NULL, generated);
  }

  return g_string_free (out, FALSE);
}
