/* sti-report-summary.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-summary.h"

#include "sti-chain-link.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-report-sections.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>

/* The summary, the sender lines and the chain as built, computed once for
 * every format, so that a reader of the text, the HTML, the Markdown and
 * the PDF sees the same rows in the same words. */

/**
 * sti_report_summary_column_label:
 *
 * Returns: the heading of a column of the summary
 */
const char *
sti_report_summary_column_label (StiReportSummaryColumn column)
{
  switch (column)
    {
    case STI_REPORT_SUMMARY_MX:
      return _("MX");
    case STI_REPORT_SUMMARY_HOST:
      return _("Host");
    case STI_REPORT_SUMMARY_ADDRESS:
      return _("Address");
    case STI_REPORT_SUMMARY_STARTTLS:
      return _("STARTTLS");
    case STI_REPORT_SUMMARY_TLS:
      return _("TLS");
    case STI_REPORT_SUMMARY_N_COLUMNS:
    default:
      g_return_val_if_reached ("");
    }
}

static void
summary_row_clear (gpointer data)
{
  StiReportSummaryRow *row = data;

  for (guint i = 0; i < STI_REPORT_SUMMARY_N_COLUMNS; i++)
    g_clear_pointer (&row->cells[i], g_free);
}

static void
add_endpoint_row (GArray            *rows,
                  const char        *preference,
                  StiHostReport     *host,
                  StiEndpointReport *endpoint)
{
  StiReportSummaryRow row = { { NULL, }, FALSE };

  row.cells[STI_REPORT_SUMMARY_MX] = g_strdup (preference);
  row.cells[STI_REPORT_SUMMARY_HOST] = g_strdup (sti_host_report_get_name_unicode (host));
  if (endpoint == NULL)
    {
      row.cells[STI_REPORT_SUMMARY_STARTTLS] = sti_report_dup_host_not_checked (host);
      if (row.cells[STI_REPORT_SUMMARY_STARTTLS] == NULL)
        row.cells[STI_REPORT_SUMMARY_STARTTLS] = g_strdup (_("No address"));
      g_array_append_val (rows, row);
      return;
    }

  row.cells[STI_REPORT_SUMMARY_ADDRESS] = sti_report_dup_endpoint_label (endpoint);
  row.cells[STI_REPORT_SUMMARY_STARTTLS] = g_strdup (sti_report_describe_starttls (endpoint));
  if (sti_endpoint_report_get_tls_established (endpoint))
    row.cells[STI_REPORT_SUMMARY_TLS] =
      g_strdup_printf ("%s · %s", sti_endpoint_report_get_tls_version (endpoint),
                       sti_endpoint_report_get_cipher_suite (endpoint));
  row.ok = sti_endpoint_report_get_tls_established (endpoint) &&
           sti_endpoint_report_get_certificate_verified (endpoint);
  g_array_append_val (rows, row);
}

/**
 * sti_report_dup_summary:
 *
 * Returns: (transfer full) (element-type StiReportSummaryRow): one row per
 *   address of each MX host, in MX order, and one for a host without any
 *   address; empty when no mail server was found
 */
GArray *
sti_report_dup_summary (StiDomainReport *report)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (StiReportSummaryRow));
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  g_array_set_clear_func (rows, summary_row_clear);

  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);
      g_autofree char *preference =
        sti_host_report_get_implicit (host)
          ? g_strdup (_("implicit"))
          : g_strdup_printf ("%d", sti_host_report_get_preference (host));

      if (endpoints->len == 0)
        add_endpoint_row (rows, preference, host, NULL);
      for (guint j = 0; j < endpoints->len; j++)
        add_endpoint_row (rows, preference, host, g_ptr_array_index (endpoints, j));
    }

  return rows;
}

/**
 * sti_report_dup_sender_lines:
 * @report: (nullable): the report @endpoint belongs to (its policies)
 *
 * Returns: (transfer full) (element-type StiReportProperty): what an
 *   opportunistic, a validating and a DANE sender make of @endpoint, each
 *   naming the sender profile it assumes, and what to do first
 */
GArray *
sti_report_dup_sender_lines (StiEndpointReport *endpoint,
                             StiDomainReport   *report)
{
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  GArray *lines = sti_report_properties_new ();

  /* Translators: what a sending mail server would do; keep these labels short, they are aligned */
  sti_report_properties_add (lines, _("opportunistic"),
                             sti_verdict_dup_sender_line (
                               sti_endpoint_verdict_get_opportunistic_text (verdict),
                               sti_endpoint_verdict_get_opportunistic_profile (verdict)));
  sti_report_properties_add (lines, _("validating"),
                             sti_verdict_dup_sender_line (
                               sti_endpoint_verdict_get_validating_text (verdict),
                               sti_endpoint_verdict_get_validating_profile (verdict)));
  sti_report_properties_add (lines, _("DANE"),
                             sti_verdict_dup_sender_line (
                               sti_endpoint_verdict_get_dane_text (verdict),
                               sti_endpoint_verdict_get_dane_profile (verdict)));
  if (sti_endpoint_verdict_get_first_action (verdict) != NULL)
    sti_report_properties_add (lines, _("do first"),
                               g_strdup (sti_endpoint_verdict_get_first_action (verdict)));

  return lines;
}

static void
built_link_clear (gpointer data)
{
  StiReportBuiltLink *link = data;

  g_clear_pointer (&link->origin, g_free);
  g_clear_pointer (&link->fingerprint, g_free);
  g_clear_pointer (&link->pem, g_free);
}

/**
 * sti_report_dup_built_chain:
 *
 * Returns: (transfer full) (element-type StiReportBuiltLink): the chain
 *   verification built, each certificate with where it came from; a sent
 *   one is named as in the chain as sent (sti_report_dup_certificate_heading())
 */
GArray *
sti_report_dup_built_chain (StiEndpointReport *endpoint)
{
  GPtrArray *built = sti_endpoint_report_get_built_chain (endpoint);
  GArray *links = g_array_new (FALSE, TRUE, sizeof (StiReportBuiltLink));

  g_array_set_clear_func (links, built_link_clear);

  for (guint i = 0; i < built->len; i++)
    {
      const StiChainLink *link = g_ptr_array_index (built, i);
      StiReportBuiltLink row = { NULL, link->certificate, link->origin == STI_CHAIN_ORIGIN_SENT,
                                 NULL, NULL };

      row.fingerprint =
        sti_format_fingerprint (sti_certificate_get_sha256_fingerprint (link->certificate));
      if (!row.sent)
        row.pem = sti_certificate_dup_pem (link->certificate);

      if (row.sent)
        {
          g_autofree char *heading = sti_report_dup_certificate_heading (link->sent_position);

          /* Translators: %s is a certificate's heading, "Certificate 1" */
          row.origin = g_strdup_printf (_("Sent: %s"), heading);
        }
      else if (link->origin == STI_CHAIN_ORIGIN_FETCHED)
        row.origin = g_strdup (_("Fetched through AIA (not sent)"));
      else
        row.origin = g_strdup (_("Trust anchor from the trust store (not sent)"));
      g_array_append_val (links, row);
    }

  return links;
}
