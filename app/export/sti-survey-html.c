/* sti-survey-html.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-html.h"

#include "sti-report-html.h"

#include <glib/gi18n.h>

/* The survey summary as one self-contained HTML page: the report's page
 * shell (inline CSS, light and dark), and charts we draw ourselves as
 * inline SVG. Nothing is loaded from elsewhere. Each chart is an image
 * with a title and a description that reads out every bar, and writes
 * its figures beside the bars: colour never carries a figure alone. A
 * table with the same figures follows for those who want the numbers.
 * Every text goes through sti_report_html_append_text(): finding titles
 * come from the registry, but TLS versions come from servers. */

#define CHART_WIDTH   700
#define LABEL_WIDTH   240
#define BAR_MAX       300
#define ROW_HEIGHT    26

/* The chart's own style, after the page shell's. */
static const char chart_style[] =
  "<style>\n"
  "svg.chart{width:100%;max-width:44rem;height:auto;display:block;margin:.4rem 0}\n"
  "svg.chart text{font:13px Cantarell,'Segoe UI',system-ui,sans-serif;fill:var(--fg)}\n"
  "svg.chart .track{fill:var(--card);stroke:var(--border)}\n"
  "svg.chart .bar{fill:var(--info)}\n"
  "svg.chart .bar.then{fill:var(--muted)}\n"
  "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
  "</style>\n";

/* A bar: a row of one of the summary's sections (the 2015 figure is
 * drawn in another shade, and named). */
typedef StiSurveyShare Bar;

static void
append_attr_text (GString    *out,
                  const char *text)
{
  sti_report_html_append_text (out, text);
}

/* "32 of 34 (94.1 %)" */
static char *
dup_bar_value (const Bar *bar)
{
  g_autofree char *percent = sti_survey_dup_percent (bar->part, bar->whole);

  if (bar->then)
    return g_steal_pointer (&percent);
  /* Translators: a bar of a chart: a count, the count it is part of, and the percentage */
  return g_strdup_printf (_("%llu of %llu (%s)"),
                          (unsigned long long)bar->part, (unsigned long long)bar->whole, percent);
}

static void
append_chart (GString    *out,
              const char *id,
              const char *title,
              const Bar  *bars,
              guint       n_bars)
{
  guint height = n_bars * ROW_HEIGHT + 8;

  g_string_append_printf (out, "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %u %u\" "
                               "aria-labelledby=\"%s-title %s-desc\">\n<title id=\"%s-title\">",
                          CHART_WIDTH, height, id, id, id);
  append_attr_text (out, title);
  g_string_append_printf (out, "</title>\n<desc id=\"%s-desc\">", id);
  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *value = dup_bar_value (&bars[i]);

      append_attr_text (out, bars[i].label);
      g_string_append (out, ": ");
      append_attr_text (out, value);
      g_string_append (out, i + 1 < n_bars ? "; " : ".");
    }
  g_string_append (out, "</desc>\n");

  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *value = dup_bar_value (&bars[i]);
      guint y = 4 + i * ROW_HEIGHT;
      guint width = (guint)(BAR_MAX * sti_survey_share (bars[i].part, bars[i].whole) + 0.5);

      g_string_append_printf (out, "<text x=\"0\" y=\"%u\">", y + 16);
      append_attr_text (out, bars[i].label);
      g_string_append_printf (out, "</text><rect class=\"track\" x=\"%u\" y=\"%u\" width=\"%u\" "
                                   "height=\"18\"/><rect class=\"bar%s\" x=\"%u\" y=\"%u\" "
                                   "width=\"%u\" height=\"18\"/><text x=\"%u\" y=\"%u\">",
                              LABEL_WIDTH, y + 2, BAR_MAX, bars[i].then ? " then" : "",
                              LABEL_WIDTH, y + 2, width, LABEL_WIDTH + BAR_MAX + 8, y + 16);
      append_attr_text (out, value);
      g_string_append (out, "</text>\n");
    }
  g_string_append (out, "</svg>\n");
}

static void
append_table (GString    *out,
              const char *caption,
              const Bar  *bars,
              guint       n_bars)
{
  g_string_append (out, "<table>\n<caption>");
  append_attr_text (out, caption);
  g_string_append (out, "</caption>\n<tr><th scope=\"col\"></th><th scope=\"col\">");
  append_attr_text (out, _("Count"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_attr_text (out, _("Of"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_attr_text (out, _("Share"));
  g_string_append (out, "</th></tr>\n");
  for (guint i = 0; i < n_bars; i++)
    {
      g_autofree char *percent = sti_survey_dup_percent (bars[i].part, bars[i].whole);

      g_string_append (out, "<tr><th scope=\"row\">");
      append_attr_text (out, bars[i].label);
      if (bars[i].then)
        g_string_append (out, "</th><td class=\"num\">–</td><td class=\"num\">–</td>"
                              "<td class=\"num\">");
      else
        g_string_append_printf (out, "</th><td class=\"num\">%" G_GUINT64_FORMAT "</td>"
                                     "<td class=\"num\">%" G_GUINT64_FORMAT "</td>"
                                     "<td class=\"num\">",
                                bars[i].part, bars[i].whole);
      append_attr_text (out, percent);
      g_string_append (out, "</td></tr>\n");
    }
  g_string_append (out, "</table>\n");
}

static void
append_heading (GString    *out,
                const char *tag,
                const char *text)
{
  g_string_append_printf (out, "<%s>", tag);
  append_attr_text (out, text);
  g_string_append_printf (out, "</%s>\n", tag);
}

static void
append_figure (GString    *out,
               const char *id,
               const char *heading,
               const Bar  *bars,
               guint       n_bars)
{
  append_heading (out, "h2", heading);
  append_chart (out, id, heading, bars, n_bars);
  append_table (out, heading, bars, n_bars);
}

static void
append_overview (GString          *out,
                 StiSurveySummary *self)
{
  Bar bars[STI_SURVEY_MAX_SHARES];
  g_autofree char *counts = NULL;

  counts = sti_survey_summary_dup_headline (self);
  g_string_append (out, "<p class=\"verdict\">");
  append_attr_text (out, counts);
  g_string_append (out, "</p>\n");

  append_heading (out, "h2", _("Domains"));
  append_table (out, _("Domains"), bars, sti_survey_summary_get_shares (
                  self, STI_SURVEY_SECTION_DOMAINS, bars));
}

static void
append_addresses (GString          *out,
                  StiSurveySummary *self)
{
  const StiSurveyFigures *f = sti_survey_summary_get_figures (self);
  Bar bars[STI_SURVEY_MAX_SHARES];
  guint n = sti_survey_summary_get_shares (self, STI_SURVEY_SECTION_ADDRESSES, bars);
  g_autofree char *note = NULL;

  append_figure (out, "addresses", _("MX addresses"), bars, n);
  /* Translators: counts of MX addresses: all, answered, not reached, stopped early */
  note = g_strdup_printf (_("Of %llu MX addresses, %llu answered, %llu could not be reached "
                            "and %llu stopped before STARTTLS (a 421, greylisting or a tarpit): "
                            "those are not counted as offering no STARTTLS."),
                          (unsigned long long)f->addresses, (unsigned long long)f->addr_answered,
                          (unsigned long long)f->addr_unreachable,
                          (unsigned long long)f->addr_temporary);
  g_string_append (out, "<p class=\"muted\">");
  append_attr_text (out, note);
  g_string_append (out, "</p>\n");
}

static void
append_versions (GString          *out,
                 StiSurveySummary *self)
{
  g_autoptr(GPtrArray) versions = sti_survey_summary_dup_tls_versions (self);
  g_autofree Bar *bars = g_new0 (Bar, MAX (versions->len, 1));
  guint64 total = sti_survey_summary_get_figures (self)->addr_tls;

  for (guint i = 0; i < versions->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (versions, i);

      bars[i] = (Bar) { count->label, count->count, total, FALSE };
    }
  append_figure (out, "versions", _("TLS versions (addresses)"), bars, versions->len);
}

static void
append_section (GString          *out,
                StiSurveySummary *self,
                StiSurveySection  section,
                const char       *id,
                const char       *heading)
{
  Bar bars[STI_SURVEY_MAX_SHARES];
  guint n = sti_survey_summary_get_shares (self, section, bars);

  append_figure (out, id, heading, bars, n);
}

static void
append_findings (GString          *out,
                 StiSurveySummary *self)
{
  g_autoptr(GPtrArray) top = sti_survey_summary_dup_top_findings (self,
                                                                  STI_SURVEY_SUMMARY_TOP_FINDINGS);

  append_heading (out, "h2", _("Most frequent findings (domains)"));
  g_string_append (out, "<table>\n<tr><th scope=\"col\">");
  append_attr_text (out, _("Finding"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_attr_text (out, _("Id"));
  g_string_append (out, "</th><th scope=\"col\">");
  append_attr_text (out, _("Domains"));
  g_string_append (out, "</th></tr>\n");
  for (guint i = 0; i < top->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (top, i);

      g_string_append (out, "<tr><td>");
      append_attr_text (out, count->label);
      g_string_append (out, "</td><td><code>");
      append_attr_text (out, count->key);
      g_string_append_printf (out, "</code></td><td class=\"num\">%" G_GUINT64_FORMAT
                                   "</td></tr>\n", count->count);
    }
  g_string_append (out, "</table>\n");
}

static void
append_postfix (GString                *out,
                const StiSurveyFigures *f)
{
  if (f->postfix_total == 0)
    return;

  append_heading (out, "h2", _("What Postfix logged, and what we found (domains)"));
  g_string_append (out, "<table>\n<tr><th scope=\"col\">Postfix</th>");
  for (guint j = 0; j < STI_SURVEY_OURS_N; j++)
    {
      g_string_append (out, "<th scope=\"col\">");
      append_attr_text (out, sti_survey_ours_get_label (j));
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr>\n");
  for (guint i = 0; i < STI_POSTFIX_TLS_N; i++)
    {
      g_string_append_printf (out, "<tr><th scope=\"row\">%s</th>", sti_postfix_tls_to_string (i));
      for (guint j = 0; j < STI_SURVEY_OURS_N; j++)
        g_string_append_printf (out, "<td class=\"num\">%" G_GUINT64_FORMAT "</td>",
                                f->postfix_domains[i][j]);
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");
}

/**
 * sti_survey_summary_to_html:
 *
 * Returns: (transfer full): the summary as a self-contained HTML page
 */
char *
sti_survey_summary_to_html (StiSurveySummary *self)
{
  const StiSurveyFigures *f;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  f = sti_survey_summary_get_figures (self);
  sti_report_html_begin (out, _("Survey summary"));
  g_string_append (out, chart_style);
  g_string_append (out, "<main>\n");
  append_heading (out, "h1", _("Survey summary"));
  append_overview (out, self);
  append_addresses (out, self);
  append_versions (out, self);
  append_section (out, self, STI_SURVEY_SECTION_POLICIES, "policies", _("Policies (domains)"));
  append_section (out, self, STI_SURVEY_SECTION_READINESS, "readiness",
                  _("Readiness: judged domains that still receive mail from a sender that "
                    "insists on each level"));
  if (f->weighted)
    append_section (out, self, STI_SURVEY_SECTION_READINESS_MESSAGES, "readiness-messages",
                    _("Readiness: messages that would still be delivered"));
  append_findings (out, self);
  append_postfix (out, f);
  g_string_append (out, "</main>\n");
  sti_report_html_end (out, PACKAGE_VERSION);

  return g_string_free (out, FALSE);
}
