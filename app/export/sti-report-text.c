/* sti-report-text.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-text.h"

#include "sti-catalog.h"
#include "sti-certificate.h"
#include "sti-checklist.h"
#include "sti-dns-evidence.h"
#include "sti-endpoint-report.h"
#include "sti-finding-detail.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-located-finding.h"
#include "sti-report-format.h"
#include "sti-report-sections.h"
#include "sti-report-summary.h"
#include "sti-trust-store.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>
#include <string.h>

/* The plain-text rendering of a report: the CLI's output and the summary
 * the GUI copies. Every string in the model is already sanitized, so the
 * only thing added here is layout. */

#define ANSI_RESET  "\033[0m"
#define ANSI_BOLD   "\033[1m"
#define ANSI_RED    "\033[31m"
#define ANSI_YELLOW "\033[33m"
#define ANSI_GREEN  "\033[32m"
#define ANSI_DIM    "\033[2m"

typedef struct
{
  GString            *out;
  StiReportTextFlags  flags;
  int                 mta;
  const char         *domain;
  char              **mx_hosts;
  StiDomainReport    *report;
  char               *label;      /* pad()'s last result */
} Writer;

static const char *
color (Writer     *w,
       const char *code)
{
  return (w->flags & STI_REPORT_TEXT_COLOR) != 0 ? code : "";
}

static const char *
severity_color (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return ANSI_RED;
    case STI_SEVERITY_WARNING:
      return ANSI_YELLOW;
    case STI_SEVERITY_INFO:
    default:
      return ANSI_DIM;
    }
}

/* The catalog's explanation under a finding, indented to sit below it. */
static void
write_explanation (Writer     *w,
                   StiFinding *finding,
                   const char *host,
                   const char *address,
                   const char *indent)
{
  StiExplainContext context = { w->domain, host, address, (const char * const *)w->mx_hosts };
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, &context);
  g_autofree char *text = sti_explanation_to_text (explanation, w->mta);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      if (lines[i][0] == '\0')
        g_string_append_c (w->out, '\n');
      else
        g_string_append_printf (w->out, "%s    %s\n", indent, lines[i]);
    }

  g_string_append_c (w->out, '\n');
}

/* Every finding in the one reading order (sti_located_finding_compare()):
 * the severity, the id and the title (which names what it is about), then
 * where it was found and the detail. */
static void
write_findings (Writer          *w,
                StiDomainReport *report)
{
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);

  /* The counts are on the "Findings:" line under the header. */
  if (located->len == 0)
    return;
  g_string_append_printf (w->out, "\n%s%s%s\n", color (w, ANSI_BOLD),
                          _("Findings, worst first:"), color (w, ANSI_RESET));
  for (guint i = 0; i < located->len; i++)
    {
      StiLocatedFinding *item = &g_array_index (located, StiLocatedFinding, i);
      StiExplainContext context = { w->domain, item->host, item->address,
                                    (const char * const *)w->mx_hosts };
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (item->finding, &context);
      const char *known = sti_explanation_get_title (explanation);
      g_autofree char *title = sti_located_finding_dup_title (item, known != NULL ? known : "",
                                                              w->domain);
      g_autofree char *where = sti_report_dup_where (item->host, item->address);
      g_autofree char *detail = sti_finding_dup_detail_text (item->finding);
      StiSeverity severity = sti_finding_get_severity (item->finding);

      g_string_append_printf (w->out, "  %s%-7s%s %s%s%s  %s\n",
                              color (w, severity_color (severity)),
                              sti_format_severity_label (severity),
                              color (w, ANSI_RESET),
                              color (w, ANSI_BOLD), sti_finding_get_id (item->finding),
                              color (w, ANSI_RESET), title);
      g_string_append (w->out, "          ");
      if (detail != NULL && detail[0] != '\0')
        /* Translators: where a finding was found, then its technical detail */
        g_string_append_printf (w->out, _("%s: %s"), where, detail);
      else
        g_string_append (w->out, where);
      g_string_append_c (w->out, '\n');

      if ((w->flags & STI_REPORT_TEXT_EXPLAIN) != 0)
        write_explanation (w, item->finding, item->host, item->address, "  ");
    }
}

/* The labels of an endpoint's lines share one column, as wide as the
 * longest label in the reader's language (13 in English) and counted in
 * characters, not bytes: "%-13s" misaligns "Begrüßung". The list names
 * every label written in that column, the sender lines' too
 * (sti-report-summary.c). Returns the column's width. */
static int
label_width (void)
{
  static const char * const labels[] = {
    N_("greeting"), N_("certificate"), N_("names"), N_("issuer"), N_("expires"), N_("key"),
    N_("chain sent"), N_("verified"), N_("chain built"), N_("without SNI"),
    N_("opportunistic"), N_("validating"), N_("DANE"), N_("do first"),
  };
  glong width = 13;

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    width = MAX (width, g_utf8_strlen (_(labels[i]), -1));
  return (int)width;
}

/* @text padded with spaces to @width characters; valid until the next call. */
static const char *
pad (Writer     *w,
     const char *text,
     glong       width)
{
  g_autoptr(GString) padded = g_string_new (text);

  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (padded, ' ');
  g_free (w->label);
  w->label = g_string_free (g_steal_pointer (&padded), FALSE);
  return w->label;
}

/* A label of an endpoint's lines, padded to their column. */
static const char *
label (Writer     *w,
       const char *text)
{
  return pad (w, text, label_width ());
}

/* The chain as verification built it, one certificate a line, each with
 * where it came from; nothing when it was not recorded. */
static void
write_built_chain (Writer            *w,
                   StiEndpointReport *endpoint)
{
  g_autoptr(GArray) links = sti_report_dup_built_chain (endpoint);

  for (guint i = 0; i < links->len; i++)
    {
      StiReportBuiltLink *link = &g_array_index (links, StiReportBuiltLink, i);

      g_string_append_printf (w->out, "    %s %s  [%s]\n",
                              /* Translators: keep it short, it is aligned with "chain sent" */
                              label (w, i == 0 ? _("chain built") : ""),
                              sti_certificate_get_subject (link->certificate), link->origin);
    }
}

/* Every address of every MX host, one line each, aligned in columns. */
static void
write_summary (Writer          *w,
               StiDomainReport *report)
{
  g_autoptr(GArray) rows = sti_report_dup_summary (report);
  int widths[STI_REPORT_SUMMARY_N_COLUMNS] = { 0, };

  if (rows->len == 0)
    return;

  for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
    widths[c] = g_utf8_strlen (sti_report_summary_column_label (c), -1);
  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
      {
        const char *cell = g_array_index (rows, StiReportSummaryRow, i).cells[c];

        widths[c] = MAX (widths[c], cell != NULL ? g_utf8_strlen (cell, -1) : 1);
      }

  g_string_append_printf (w->out, "\n%s%s%s\n", color (w, ANSI_BOLD),
                          _("Mail servers at a glance:"), color (w, ANSI_RESET));
  for (guint i = 0; i <= rows->len; i++)
    {
      StiReportSummaryRow *row = i > 0 ? &g_array_index (rows, StiReportSummaryRow, i - 1) : NULL;

      g_string_append (w->out, " ");
      for (guint c = 0; c < STI_REPORT_SUMMARY_N_COLUMNS; c++)
        {
          const char *cell = row == NULL ? sti_report_summary_column_label (c)
                             : row->cells[c] != NULL ? row->cells[c] : "—";
          gboolean last = c + 1 == STI_REPORT_SUMMARY_N_COLUMNS;

          g_string_append_c (w->out, ' ');
          g_string_append (w->out, cell);
          for (int pad = g_utf8_strlen (cell, -1); !last && pad < widths[c] + 1; pad++)
            g_string_append_c (w->out, ' ');
        }
      g_string_append_c (w->out, '\n');
    }
}

static void
write_endpoint (Writer            *w,
                StiEndpointReport *endpoint)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  g_autofree char *where = sti_report_dup_endpoint_label (endpoint);
  g_autoptr(GArray) senders = NULL;
  const char *starttls;

  if (!sti_endpoint_report_get_reachable (endpoint))
    starttls = _("not reachable");
  else if (sti_endpoint_report_get_tls_established (endpoint))
    starttls = _("STARTTLS yes");
  else if (sti_endpoint_report_get_starttls_offered (endpoint))
    starttls = _("STARTTLS offered, TLS failed");
  else if (sti_endpoint_report_stopped_before_starttls (endpoint))
    starttls = _("stopped before STARTTLS");
  else
    starttls = _("STARTTLS no");

  g_string_append_printf (w->out, "  %s%s%s  %s", color (w, ANSI_BOLD), where,
                          color (w, ANSI_RESET), starttls);

  if (sti_endpoint_report_get_tls_established (endpoint))
    {
      g_string_append_printf (w->out, " · %s · %s",
                              sti_endpoint_report_get_tls_version (endpoint),
                              sti_endpoint_report_get_cipher_suite (endpoint));
      if (sti_endpoint_report_get_kx_group (endpoint) != NULL)
        g_string_append_printf (w->out, " · %s", sti_endpoint_report_get_kx_group (endpoint));
    }
  g_string_append_c (w->out, '\n');

  if (sti_endpoint_report_get_greeting (endpoint) != NULL &&
      sti_endpoint_report_get_greeting (endpoint)[0] != '\0')
    g_string_append_printf (w->out, "    %s %s\n", label (w, _("greeting")),
                            sti_endpoint_report_get_greeting (endpoint));

  if (chain != NULL && chain->len > 0)
    {
      StiCertificate *leaf = g_ptr_array_index (chain, 0);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *expiry = sti_format_expiry (sti_certificate_get_not_after (leaf), now);
      const char * const *names = sti_certificate_get_dns_names (leaf);
      g_autofree char *joined = sti_format_bounded_list (names, -1, ", ", 0);

      g_string_append_printf (w->out, "    %s %s\n", label (w, _("certificate")),
                              sti_certificate_get_subject (leaf));
      if (joined[0] != '\0')
        g_string_append_printf (w->out, "    %s %s\n", label (w, _("names")), joined);
      g_string_append_printf (w->out, "    %s %s\n", label (w, _("issuer")),
                              sti_certificate_get_issuer (leaf));
      g_string_append_printf (w->out, "    %s %s\n", label (w, _("expires")), expiry);
      {
        /* Translators: the size of a key */
        g_autofree char *bits = g_strdup_printf (_("%u bits"),
                                                 sti_certificate_get_public_key_bits (leaf));

        g_string_append_printf (w->out, "    %s %s · %s · %s\n", label (w, _("key")),
                                sti_certificate_get_public_key_algorithm (leaf), bits,
                                sti_certificate_get_signature_algorithm (leaf));
      }
      g_string_append_printf (w->out, "    %s ", label (w, _("chain sent")));
      g_string_append_printf (w->out,
                              /* Translators: %u is a number of certificates */
                              g_dngettext (GETTEXT_PACKAGE, "%u certificate", "%u certificates",
                                           chain->len),
                              chain->len);
      g_string_append_c (w->out, '\n');
      g_string_append_printf (w->out, "    %s %s%s%s\n", label (w, _("verified")),
                              color (w, sti_endpoint_report_get_certificate_verified (endpoint)
                                          ? ANSI_GREEN : ANSI_RED),
                              sti_endpoint_report_get_certificate_verified (endpoint) ? _("yes")
                                                                                      : _("no"),
                              color (w, ANSI_RESET));
    }

  write_built_chain (w, endpoint);

  {
    g_autofree char *without_sni = sti_report_dup_without_sni (endpoint);

    /* Translators: keep it short, it is aligned with "chain sent" */
    if (without_sni != NULL)
      g_string_append_printf (w->out, "    %s %s\n", label (w, _("without SNI")), without_sni);
  }

  senders = sti_report_dup_sender_lines (endpoint, w->report);
  for (guint i = 0; i < senders->len; i++)
    {
      StiReportProperty *line = &g_array_index (senders, StiReportProperty, i);

      g_string_append_printf (w->out, "    %s %s\n", label (w, line->label), line->value);
    }

  if ((w->flags & STI_REPORT_TEXT_TRANSCRIPT) != 0)
    {
      /* Five spaces and the nine-wide time: the marks line up under the labels. */
      g_autofree char *transcript =
        sti_format_transcript (sti_endpoint_report_get_transcript (endpoint), "     ");

      g_string_append_printf (w->out, "    %s\n", _("transcript:"));
      g_string_append (w->out, transcript);
    }
}

static void
write_properties (Writer     *w,
                  GArray     *properties,
                  const char *indent)
{
  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      g_string_append_printf (w->out, "%s%s %s\n", indent, pad (w, property->label, 28),
                              property->value != NULL ? property->value : "—");
    }
}

/* The MTA-STS policy as fetched: the answer, the patterns and what they
 * matched, the file itself and the policy host's certificate. */
static void
write_mta_sts (Writer            *w,
               StiMtaStsEvidence *sts)
{
  g_autoptr(GArray) properties = sti_report_dup_mta_sts_properties (sts);
  g_autoptr(GArray) patterns = sti_report_dup_mta_sts_patterns (sts);
  GPtrArray *chain = sti_mta_sts_evidence_get_certificates (sts);
  const char *body = sti_mta_sts_evidence_get_body (sts);

  g_string_append_printf (w->out, "  %s\n", _("MTA-STS policy as fetched"));
  write_properties (w, properties, "    ");
  if (patterns->len > 0)
    {
      /* Translators: heading of the list of mx patterns, each with the MX hosts it matches */
      g_string_append_printf (w->out, "    %s\n", _("mx pattern → MX hosts it matches:"));
      write_properties (w, patterns, "      ");
    }
  if (body != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);

      g_string_append_printf (w->out, "    %s\n", _("policy file:"));
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (lines[i + 1] != NULL || lines[i][0] != '\0')
            g_string_append_printf (w->out, "      %s\n", lines[i]);
        }
    }
  if (chain->len > 0)
    {
      g_autoptr(GArray) leaf = sti_report_dup_certificate_properties (g_ptr_array_index (chain,
                                                                                          0));

      g_string_append_printf (w->out, "    %s\n", _("policy host certificate:"));
      write_properties (w, leaf, "      ");
    }
}

static void
write_policies (Writer          *w,
                StiDomainReport *report)
{
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);

  g_string_append_printf (w->out, "\n%s%s%s %s\n", color (w, ANSI_BOLD), _("Policies:"),
                          color (w, ANSI_RESET), sentence);
  for (guint i = 0; i < policies->len; i++)
    {
      StiPolicyRecord *policy = g_ptr_array_index (policies, i);

      g_string_append_printf (w->out, "  %s\n", policy->label);
      if (policy->records[0] == NULL)
        g_string_append_printf (w->out, "    %s\n", policy->failure != NULL ? policy->failure
                                                                        : _("not published"));
      for (guint j = 0; policy->records[j] != NULL; j++)
        {
          g_string_append_printf (w->out, "    %s (%s)\n", policy->records[j],
                                  sti_format_dnssec_status (policy->dnssec));
          if (policy->notes != NULL && policy->notes[j] != NULL && *policy->notes[j] != '\0')
            g_string_append_printf (w->out, "      %s\n", policy->notes[j]);
        }
    }
  if (sti_domain_report_get_mta_sts (report) != NULL)
    write_mta_sts (w, sti_domain_report_get_mta_sts (report));
}

static void
write_skipped (Writer          *w,
               StiDomainReport *report)
{
  const char * const *skipped = sti_domain_report_get_skipped (report);

  if (skipped == NULL || skipped[0] == NULL)
    return;
  g_string_append_printf (w->out, "\n%s%s%s\n", color (w, ANSI_BOLD), _("Not probed:"),
                          color (w, ANSI_RESET));
  for (guint i = 0; skipped[i] != NULL; i++)
    g_string_append_printf (w->out, "  %s\n", skipped[i]);
}

/**
 * sti_report_all_secure:
 *
 * Returns: %TRUE when there is at least one endpoint and every endpoint
 *   offers STARTTLS and presents a verified certificate
 */
gboolean
sti_report_all_secure (StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  guint endpoints = 0;

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *list = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < list->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (list, j);

          endpoints++;
          if (!sti_endpoint_report_get_tls_established (endpoint) ||
              !sti_endpoint_report_get_certificate_verified (endpoint))
            return FALSE;
        }
    }

  return endpoints > 0;
}

static const char *
check_color (const StiCheckItem *item)
{
  if (item->status == STI_CHECK_PASSED)
    return ANSI_GREEN;
  if (item->status == STI_CHECK_FAILED)
    return severity_color (item->severity);
  return ANSI_DIM;
}

/* Every check made, per domain and endpoint: what passed, what failed
 * (by which finding) and what could not be checked, and why. */
static void
write_checklist (Writer          *w,
                 StiDomainReport *report)
{
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  g_autofree char *counts = sti_checklist_dup_counts (groups);

  g_string_append_c (w->out, '\n');
  /* Translators: %s is e.g. "12 passed, 1 failed, 3 not checked" */
  g_string_append_printf (w->out, _("Checks made: %s"), counts);
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);

      g_string_append_printf (w->out, "  %s%s%s\n", color (w, ANSI_BOLD), group->label,
                              color (w, ANSI_RESET));
      for (guint j = 0; j < group->items->len; j++)
        {
          StiCheckItem *item = g_ptr_array_index (group->items, j);
          g_autofree char *outcome = sti_check_item_dup_outcome (item);
          g_auto(GStrv) lines = g_strsplit (item->detail != NULL ? item->detail : "", "\n", -1);

          g_string_append_printf (w->out, "    %s[%s]%s %s", color (w, check_color (item)),
                                  outcome, color (w, ANSI_RESET), item->title);
          for (guint k = 0; lines[k] != NULL; k++)
            g_string_append_printf (w->out, k == 0 ? ": %s" : "\n      %s", lines[k]);
          g_string_append_c (w->out, '\n');
        }
    }
}

/**
 * sti_report_to_text:
 *
 * Returns: (transfer full): the report as readable plain text
 */
char *
sti_report_to_text (StiDomainReport    *report,
                    StiReportTextFlags  flags)
{
  return sti_report_to_text_full (report, flags, STI_MTA_ALL);
}

/**
 * sti_report_to_text_full:
 * @mta: with %STI_REPORT_TEXT_EXPLAIN, the mail server whose fix steps to
 *   show (a #StiMta), or %STI_MTA_ALL
 *
 * Returns: (transfer full): the report as readable plain text
 */
char *
sti_report_to_text_full (StiDomainReport    *report,
                         StiReportTextFlags  flags,
                         int                 mta)
{
  Writer w = { g_string_new (NULL), flags, mta, sti_domain_report_get_domain (report), NULL,
               report };
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  g_autoptr(GStrvBuilder) mx_hosts = g_strv_builder_new ();
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  GDateTime *start = sti_domain_report_get_started_at (report);
  GDateTime *end = sti_domain_report_get_finished_at (report);
  g_autofree char *started = sti_format_date_time (start);
  g_autofree char *took = sti_format_duration (start != NULL && end != NULL
                                                 ? g_date_time_difference (end, start) : -1);
  g_autofree char *counts = sti_format_report_counts (report);
  g_autofree char *trust_store =
    sti_trust_store_dup_description_text (sti_domain_report_get_trust_store (report));
  const char *domain = sti_domain_report_get_domain (report);
  const char *unicode = sti_domain_report_get_domain_unicode (report);

  for (guint i = 0; i < hosts->len; i++)
    g_strv_builder_add (mx_hosts, sti_host_report_get_name (g_ptr_array_index (hosts, i)));
  w.mx_hosts = g_strv_builder_end (mx_hosts);

  if (g_strcmp0 (domain, unicode) != 0)
    g_string_append_printf (w.out, "%s%s%s (%s)\n", color (&w, ANSI_BOLD), unicode,
                            color (&w, ANSI_RESET), domain);
  else
    g_string_append_printf (w.out, "%s%s%s\n", color (&w, ANSI_BOLD), domain,
                            color (&w, ANSI_RESET));

  g_string_append_printf (w.out, "%s\n\n", verdict);
  /* Translators: a date and a duration, "Checked 2026-11-28 17:35:01 UTC in 1.25 s" */
  g_string_append_printf (w.out, _("Checked %s in %s"), started, took);
  g_string_append_c (w.out, '\n');
  /* Translators: %s describes the DNS resolver the check used */
  g_string_append_printf (w.out, _("Resolver: %s"), sti_domain_report_get_resolver (report));
  g_string_append_c (w.out, '\n');
  /* Translators: %s describes the trust store the check used */
  g_string_append_printf (w.out, _("Trust store: %s"), trust_store);
  g_string_append_c (w.out, '\n');
  /* Translators: the summary line; %s is e.g. "1 error, 2 warnings" */
  g_string_append_printf (w.out, _("Findings: %s"), counts);
  g_string_append_c (w.out, '\n');

  write_summary (&w, report);

  /* The order of every format: findings, policies, what was not probed,
   * then the hosts. */
  write_findings (&w, report);
  if (hosts->len > 0)
    write_policies (&w, report);
  write_skipped (&w, report);

  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      g_string_append_c (w.out, '\n');
      if (sti_host_report_get_implicit (host))
        g_string_append_printf (w.out, "%s%s%s %s\n", color (&w, ANSI_BOLD), _("implicit MX"),
                                color (&w, ANSI_RESET), sti_host_report_get_name (host));
      else
        g_string_append_printf (w.out, "%sMX %d%s %s\n", color (&w, ANSI_BOLD),
                                sti_host_report_get_preference (host),
                                color (&w, ANSI_RESET), sti_host_report_get_name (host));

      if (sti_host_report_get_beyond_mx_cap (host) > 0)
        {
          g_autofree char *note = sti_report_dup_host_not_checked (host);

          g_string_append_printf (w.out, "  %s. %s\n", note, sti_report_get_mx_cap_hint ());
        }
      for (guint j = 0; j < endpoints->len; j++)
        write_endpoint (&w, g_ptr_array_index (endpoints, j));
    }

  write_checklist (&w, report);

  g_string_append_c (w.out, '\n');
  /* Translators: the summary line; %s is e.g. "1 error, 2 warnings" */
  g_string_append_printf (w.out, _("Findings: %s"), counts);
  g_string_append_c (w.out, '\n');

  g_strfreev (w.mx_hosts);
  g_free (w.label);
  return g_string_free (w.out, FALSE);
}
