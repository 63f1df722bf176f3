/* sti-comparison-export.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-comparison-export.h"

#include "sti-format.h"
#include "sti-report-format.h"
#include "sti-report-sections.h"
#include "sti-report-html.h"
#include "sti-report-json.h"
#include "sti-report-markdown.h"
#include "sti-report-pdf.h"
#include "sti-verdict.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* A comparison of two reports (sti-report-compare.c) as a document, in any
 * report format. */

typedef struct
{
  const char *title;
  GPtrArray  *entries;
  const char *empty;
} Group;

static void
get_groups (StiReportComparison *cmp,
            Group                groups[3])
{
  groups[0] = (Group) { _("Fixed"), sti_report_comparison_get_fixed (cmp),
                        _("No finding was fixed.") };
  groups[1] = (Group) { _("New"), sti_report_comparison_get_new (cmp), _("No new finding.") };
  groups[2] = (Group) { _("Remaining"), sti_report_comparison_get_remaining (cmp),
                        _("No finding remains.") };
}

/* The domain as people read it (both reports are about the same one). */
static const char *
domain_unicode (StiReportComparison *cmp)
{
  return sti_domain_report_get_domain_unicode (sti_report_comparison_get_new_report (cmp));
}

static char *
dup_title (StiReportComparison *cmp)
{
  /* Translators: %s is a mail domain */
  return g_strdup_printf (_("Comparison of two reports for %s"), domain_unicode (cmp));
}

static char *
entry_title (StiReportComparison *cmp,
             StiComparisonEntry  *entry)
{
  g_auto(StiFindingWords) words = { NULL, };
  StiDomainReport *report =
    entry->status == STI_COMPARISON_FIXED ? sti_report_comparison_get_old_report (cmp)
                                          : sti_report_comparison_get_new_report (cmp);

  sti_report_get_finding_words (report, entry->finding, entry->host, entry->address,
                                STI_MTA_ALL, &words);
  return g_steal_pointer (&words.title);
}

static char *
entry_severity (StiComparisonEntry *entry)
{
  StiSeverity now = sti_finding_get_severity (entry->finding);

  if (entry->old_finding != NULL && sti_finding_get_severity (entry->old_finding) != now)
    /* Translators: a severity that changed between two reports: "Warning → Error" */
    return g_strdup_printf (_("%s → %s"),
                            sti_format_severity_label (
                              sti_finding_get_severity (entry->old_finding)),
                            sti_format_severity_label (now));
  return g_strdup (sti_format_severity_label (now));
}

typedef struct
{
  char *date;
  char *verdict;
  char *counts;
} Side;

static void
side_init (Side            *side,
           StiDomainReport *report)
{
  side->date = sti_format_date_time (sti_domain_report_get_started_at (report));
  side->verdict = sti_verdict_dup_sentence (report);
  side->counts = sti_format_report_counts (report);
}

static void
side_clear (Side *side)
{
  g_free (side->date);
  g_free (side->verdict);
  g_free (side->counts);
}

static char *
to_text (StiReportComparison *cmp)
{
  GString *out = g_string_new (NULL);
  Side before, after;
  Group groups[3];
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *heading = dup_title (cmp);
  g_autofree char *swapped = sti_report_comparison_dup_swapped_warning (cmp);

  side_init (&before, sti_report_comparison_get_old_report (cmp));
  side_init (&after, sti_report_comparison_get_new_report (cmp));
  get_groups (cmp, groups);

  g_string_append (out, heading);
  g_string_append (out, "\n\n");
  if (swapped != NULL)
    g_string_append_printf (out, "%s %s\n\n", _("Warning:"), swapped);
  g_string_append_printf (out, "%-8s %s\n         %s\n         %s\n", _("Before:"), before.date,
                          before.verdict, before.counts);
  g_string_append_printf (out, "%-8s %s\n         %s\n         %s\n", _("After:"), after.date,
                          after.verdict, after.counts);
  g_string_append_printf (out, "\n%s\n", summary);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_string_append_printf (out, "\n%s (%u)\n", groups[g].title, groups[g].entries->len);
      if (groups[g].entries->len == 0)
        g_string_append_printf (out, "  %s\n", groups[g].empty);
      for (guint i = 0; i < groups[g].entries->len; i++)
        {
          StiComparisonEntry *entry = g_ptr_array_index (groups[g].entries, i);
          g_autofree char *where = sti_report_dup_where (entry->host, entry->address);
          g_autofree char *severity = entry_severity (entry);
          g_autofree char *title = entry_title (cmp, entry);

          g_string_append_printf (out, "  %-9s %s  [%s]\n            %s\n", severity, title,
                                  sti_finding_get_id (entry->finding), where);
          if (sti_finding_get_detail (entry->finding) != NULL &&
              sti_finding_get_detail (entry->finding)[0] != '\0')
            g_string_append_printf (out, "            %s\n",
                                    sti_finding_get_detail (entry->finding));
        }
    }

  side_clear (&before);
  side_clear (&after);
  return g_string_free (out, FALSE);
}

static char *
to_markdown (StiReportComparison *cmp)
{
  GString *out = g_string_new (NULL);
  Side before, after;
  Group groups[3];
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *title = NULL;
  const char *side_header[] = { _("Report"), _("Date"), _("Verdict"), _("Findings") };
  const char *finding_header[] = { _("Severity"), _("Finding"), _("Id"), _("Where"), _("Detail") };
  g_autofree char *swapped = sti_report_comparison_dup_swapped_warning (cmp);

  side_init (&before, sti_report_comparison_get_old_report (cmp));
  side_init (&after, sti_report_comparison_get_new_report (cmp));
  get_groups (cmp, groups);

  title = dup_title (cmp);
  g_string_append (out, "# ");
  sti_markdown_append_text (out, title);
  g_string_append (out, "\n\n");
  if (swapped != NULL)
    {
      g_string_append (out, "**");
      sti_markdown_append_text (out, _("Warning:"));
      g_string_append (out, "** ");
      sti_markdown_append_text (out, swapped);
      g_string_append (out, "\n\n");
    }

  sti_markdown_append_table_header (out, side_header, G_N_ELEMENTS (side_header));
  {
    const char *row_before[] = { _("Before"), before.date, before.verdict, before.counts };
    const char *row_after[] = { _("After"), after.date, after.verdict, after.counts };

    sti_markdown_append_table_row (out, row_before, G_N_ELEMENTS (row_before));
    sti_markdown_append_table_row (out, row_after, G_N_ELEMENTS (row_after));
  }
  g_string_append (out, "\n**");
  sti_markdown_append_text (out, summary);
  g_string_append (out, "**\n\n");

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *group_title = g_strdup_printf ("%s (%u)", groups[g].title,
                                                      groups[g].entries->len);

      g_string_append (out, "## ");
      sti_markdown_append_text (out, group_title);
      g_string_append (out, "\n\n");
      if (groups[g].entries->len == 0)
        {
          sti_markdown_append_text (out, groups[g].empty);
          g_string_append (out, "\n\n");
          continue;
        }
      sti_markdown_append_table_header (out, finding_header, G_N_ELEMENTS (finding_header));
      for (guint i = 0; i < groups[g].entries->len; i++)
        {
          StiComparisonEntry *entry = g_ptr_array_index (groups[g].entries, i);
          g_autofree char *where = sti_report_dup_where (entry->host, entry->address);
          g_autofree char *severity = entry_severity (entry);
          g_autofree char *entry_name = entry_title (cmp, entry);
          const char *row[] = { severity, entry_name, sti_finding_get_id (entry->finding), where,
                                sti_finding_get_detail (entry->finding) };

          sti_markdown_append_table_row (out, row, G_N_ELEMENTS (row));
        }
      g_string_append_c (out, '\n');
    }

  side_clear (&before);
  side_clear (&after);
  return g_string_free (out, FALSE);
}

/* @tag is "td", "th" (a column's header) or "row" (a row's header). */
static void
html_cell (GString    *out,
           const char *tag,
           const char *text)
{
  gboolean row = g_str_equal (tag, "row");

  if (row || g_str_equal (tag, "th"))
    g_string_append_printf (out, "<th scope=\"%s\">", row ? "row" : "col");
  else
    g_string_append_printf (out, "<%s>", tag);
  sti_report_html_append_text (out, text != NULL && text[0] != '\0' ? text : "—");
  g_string_append_printf (out, "</%s>", row ? "th" : tag);
}

static char *
to_html (StiReportComparison *cmp)
{
  GString *out = g_string_new (NULL);
  Side before, after;
  Group groups[3];
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *title = NULL;
  g_autofree char *swapped = sti_report_comparison_dup_swapped_warning (cmp);

  side_init (&before, sti_report_comparison_get_old_report (cmp));
  side_init (&after, sti_report_comparison_get_new_report (cmp));
  get_groups (cmp, groups);

  title = dup_title (cmp);
  sti_report_html_begin (out, title);
  g_string_append (out, "<header>\n<h1>");
  sti_report_html_append_text (out, title);
  g_string_append (out, "</h1>\n");
  if (swapped != NULL)
    {
      g_string_append (out, "<p class=\"verdict sev-warning\">");
      sti_report_html_append_text (out, swapped);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<table>\n<tr>");
  html_cell (out, "th", _("Report"));
  html_cell (out, "th", _("Date"));
  html_cell (out, "th", _("Verdict"));
  html_cell (out, "th", _("Findings"));
  g_string_append (out, "</tr>\n<tr>");
  html_cell (out, "row", _("Before"));
  html_cell (out, "td", before.date);
  html_cell (out, "td", before.verdict);
  html_cell (out, "td", before.counts);
  g_string_append (out, "</tr>\n<tr>");
  html_cell (out, "row", _("After"));
  html_cell (out, "td", after.date);
  html_cell (out, "td", after.verdict);
  html_cell (out, "td", after.counts);
  g_string_append_printf (out, "</tr>\n</table>\n<p class=\"verdict %s\">",
                          sti_report_comparison_get_new (cmp)->len > 0 ? "sev-warning"
                                                                       : "sev-info");
  sti_report_html_append_text (out, summary);
  g_string_append (out, "</p>\n</header>\n<main>\n");

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *group_title = g_strdup_printf ("%s (%u)", groups[g].title,
                                                      groups[g].entries->len);

      g_string_append (out, "<section>\n<h2>");
      sti_report_html_append_text (out, group_title);
      g_string_append (out, "</h2>\n");
      if (groups[g].entries->len == 0)
        {
          g_string_append (out, "<p class=\"muted\">");
          sti_report_html_append_text (out, groups[g].empty);
          g_string_append (out, "</p>\n</section>\n");
          continue;
        }
      g_string_append (out, "<table>\n<tr>");
      html_cell (out, "th", _("Severity"));
      html_cell (out, "th", _("Finding"));
      html_cell (out, "th", _("Where"));
      html_cell (out, "th", _("Detail"));
      g_string_append (out, "</tr>\n");
      for (guint i = 0; i < groups[g].entries->len; i++)
        {
          StiComparisonEntry *entry = g_ptr_array_index (groups[g].entries, i);
          g_autofree char *where = sti_report_dup_where (entry->host, entry->address);
          g_autofree char *severity = entry_severity (entry);
          g_autofree char *entry_name = entry_title (cmp, entry);

          g_string_append (out, "<tr>");
          html_cell (out, "td", severity);
          g_string_append (out, "<td>");
          sti_report_html_append_text (out, entry_name);
          g_string_append (out, " <code>");
          sti_report_html_append_text (out, sti_finding_get_id (entry->finding));
          g_string_append (out, "</code></td>");
          html_cell (out, "td", where);
          html_cell (out, "td", sti_finding_get_detail (entry->finding));
          g_string_append (out, "</tr>\n");
        }
      g_string_append (out, "</table>\n</section>\n");
    }

  g_string_append (out, "</main>\n");
  sti_report_html_end (out,
                       sti_domain_report_get_tool_version (
                         sti_report_comparison_get_new_report (cmp)));
  side_clear (&before);
  side_clear (&after);
  return g_string_free (out, FALSE);
}

static guint
count (StiDomainReport *report,
       StiSeverity      severity)
{
  return sti_domain_report_count_by_severity (report, severity);
}

static void
json_side (JsonBuilder     *builder,
           const char      *member,
           StiDomainReport *report)
{
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  GDateTime *started = sti_domain_report_get_started_at (report);
  g_autofree char *date = started != NULL ? g_date_time_format_iso8601 (started) : NULL;

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "started_at");
  if (date != NULL)
    json_builder_add_string_value (builder, date);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "verdict");
  json_builder_add_string_value (builder, verdict);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, count (report, STI_SEVERITY_ERROR));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, count (report, STI_SEVERITY_WARNING));
  json_builder_set_member_name (builder, "notes");
  json_builder_add_int_value (builder, count (report, STI_SEVERITY_INFO));
  json_builder_end_object (builder);
}

static void
json_nullable_string (JsonBuilder *builder,
                      const char  *member,
                      const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
to_json (StiReportComparison *cmp)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *members[] = { "fixed", "new", "remaining" };
  GPtrArray *lists[] = { sti_report_comparison_get_fixed (cmp),
                         sti_report_comparison_get_new (cmp),
                         sti_report_comparison_get_remaining (cmp) };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, STI_COMPARISON_SCHEMA_NAME);
  json_builder_set_member_name (builder, "schema_version");
  json_builder_add_int_value (builder, STI_COMPARISON_SCHEMA_VERSION);
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder,
                                 sti_domain_report_get_domain (
                                   sti_report_comparison_get_new_report (cmp)));
  json_side (builder, "old", sti_report_comparison_get_old_report (cmp));
  json_side (builder, "new_report", sti_report_comparison_get_new_report (cmp));

  for (guint g = 0; g < G_N_ELEMENTS (members); g++)
    {
      json_builder_set_member_name (builder, members[g]);
      json_builder_begin_array (builder);
      for (guint i = 0; i < lists[g]->len; i++)
        {
          StiComparisonEntry *entry = g_ptr_array_index (lists[g], i);
          gint64 position;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, sti_finding_get_id (entry->finding));
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder,
                                         sti_severity_to_string (
                                           sti_finding_get_severity (entry->finding)));
          if (entry->old_finding != NULL)
            {
              json_builder_set_member_name (builder, "old_severity");
              json_builder_add_string_value (builder,
                                             sti_severity_to_string (
                                               sti_finding_get_severity (entry->old_finding)));
            }
          json_nullable_string (builder, "host", entry->host);
          json_nullable_string (builder, "address", entry->address);
          json_builder_set_member_name (builder, "position");
          if (sti_finding_get_param_int64 (entry->finding, "position", &position))
            json_builder_add_int_value (builder, position);
          else
            json_builder_add_null_value (builder);
          json_nullable_string (builder, "detail", sti_finding_get_detail (entry->finding));
          json_nullable_string (builder, "about", sti_finding_get_subject (entry->finding));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "swapped");
  json_builder_add_boolean_value (builder, sti_report_comparison_is_swapped (cmp));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static GBytes *
to_pdf (StiReportComparison  *cmp,
        GError              **error)
{
  g_autoptr(StiPdfDocument) doc = NULL;
  Side before, after;
  Group groups[3];
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *title = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *swapped = sti_report_comparison_dup_swapped_warning (cmp);

  if (!sti_pdf_document_load (error))
    return NULL;

  side_init (&before, sti_report_comparison_get_old_report (cmp));
  side_init (&after, sti_report_comparison_get_new_report (cmp));
  get_groups (cmp, groups);

  title = dup_title (cmp);
  dates = g_strdup_printf ("%s → %s", before.date, after.date);
  doc = sti_pdf_document_new (domain_unicode (cmp), dates, title);
  sti_pdf_document_add_text (doc, STI_PDF_BLOCK_TITLE, title);
  if (swapped != NULL)
    sti_pdf_document_add_verdict (doc, swapped, STI_SEVERITY_WARNING);
  sti_pdf_document_add_verdict (doc, summary,
                                sti_report_comparison_get_new (cmp)->len > 0
                                  ? STI_SEVERITY_WARNING : STI_SEVERITY_INFO);
  sti_pdf_document_add_pair (doc, _("Before"), before.date);
  sti_pdf_document_add_pair (doc, "", before.verdict);
  sti_pdf_document_add_pair (doc, "", before.counts);
  sti_pdf_document_add_pair (doc, _("After"), after.date);
  sti_pdf_document_add_pair (doc, "", after.verdict);
  sti_pdf_document_add_pair (doc, "", after.counts);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *group_title = g_strdup_printf ("%s (%u)", groups[g].title,
                                                      groups[g].entries->len);

      sti_pdf_document_add_text (doc, STI_PDF_BLOCK_HEADING, group_title);
      if (groups[g].entries->len == 0)
        sti_pdf_document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, groups[g].empty);
      for (guint i = 0; i < groups[g].entries->len; i++)
        {
          StiComparisonEntry *entry = g_ptr_array_index (groups[g].entries, i);
          g_autofree char *where = sti_report_dup_where (entry->host, entry->address);
          g_autofree char *severity = entry_severity (entry);
          g_autofree char *entry_name = entry_title (cmp, entry);
          g_autofree char *line = NULL;

          line = g_markup_printf_escaped ("<b>%s</b>  %s  <tt>%s</tt>\n"
                                          "<span foreground=\"#5e5c64\">%s</span>\n%s",
                                          severity, entry_name, sti_finding_get_id (entry->finding),
                                          where,
                                          sti_finding_get_detail (entry->finding) != NULL
                                            ? sti_finding_get_detail (entry->finding) : "");
          sti_pdf_document_add_markup (doc, STI_PDF_BLOCK_PARAGRAPH, line);
        }
    }

  side_clear (&before);
  side_clear (&after);
  return sti_pdf_document_render (doc, error);
}

static GBytes *
take_string (char *str)
{
  gsize len = strlen (str);

  return g_bytes_new_take (str, len);
}

/**
 * sti_report_comparison_export:
 * @cmp: a comparison
 * @format: any #StiReportFormat
 * @error: a #GError
 *
 * Returns: (transfer full): the comparison as a document, or %NULL with
 *   @error set
 */
GBytes *
sti_report_comparison_export (StiReportComparison  *cmp,
                              StiReportFormat       format,
                              GError              **error)
{
  g_return_val_if_fail (cmp != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  switch (format)
    {
    case STI_REPORT_FORMAT_TEXT:
      return take_string (to_text (cmp));
    case STI_REPORT_FORMAT_MARKDOWN:
      return take_string (to_markdown (cmp));
    case STI_REPORT_FORMAT_HTML:
      return take_string (to_html (cmp));
    case STI_REPORT_FORMAT_JSON:
      {
        g_autofree char *json = to_json (cmp);

        return take_string (g_strconcat (json, "\n", NULL));
      }
    case STI_REPORT_FORMAT_PDF:
      return to_pdf (cmp, error);
    default:
      /* Translators: %d is an internal format number */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Unknown report format %d"),
                   (int)format);
      return NULL;
    }
}
