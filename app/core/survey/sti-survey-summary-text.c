/* sti-survey-summary-text.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-summary-private.h"

#include <glib/gi18n.h>

/* The text summary: what `survey` prints on stdout by default. Plain
 * lines, a figure per line, every share beside the counts it comes from. */

#define BAR_WIDTH 30

/* "  label: 33 of 35 (94.3 %)" */
static void
append_share (GString    *out,
              const char *label,
              guint64     part,
              guint64     whole)
{
  g_autofree char *percent = sti_survey_dup_percent (part, whole);

  /* Translators: a line of the survey summary: a label, a count, the count
   * it is part of, and the percentage, e.g. "Offer STARTTLS: 33 of 35 (94.3 %)" */
  g_string_append_printf (out, _("  %s: %llu of %llu (%s)\n"),
                          label, (unsigned long long)part, (unsigned long long)whole, percent);
}

static void
append_count (GString    *out,
              const char *label,
              guint64     count)
{
  /* Translators: a line of the survey summary: a label and a count */
  g_string_append_printf (out, _("  %s: %llu\n"), label, (unsigned long long)count);
}

static void
append_totals (GString                *out,
               const StiSurveyFigures *f)
{
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Survey of %llu domain\n",
                                       "Survey of %llu domains\n",
                                       f->domains),
                          (unsigned long long)f->domains);
  append_count (out, _("MX hosts"), f->mx_hosts);
  append_count (out, _("MX addresses checked"), f->addresses);
  if (f->weighted)
    append_count (out, _("Messages (from the mail log)"), f->messages);
}

/* A section's rows; the 2015 figure is a note under the row before it. */
static void
append_section (GString          *out,
                StiSurveySummary *self,
                StiSurveySection  section)
{
  StiSurveyShare shares[STI_SURVEY_MAX_SHARES];
  guint n = sti_survey_summary_get_shares (self, section, shares);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *percent = NULL;

      if (!shares[i].then)
        {
          append_share (out, shares[i].label, shares[i].part, shares[i].whole);
          continue;
        }
      percent = sti_survey_dup_percent (shares[i].part, shares[i].whole);
      /* Translators: %s is a percentage, "72.0 %" */
      g_string_append_printf (out, _("    (in the 2015 survey of 25,000 servers: %s)\n"), percent);
    }
}

static void
append_addresses (GString          *out,
                  StiSurveySummary *self)
{
  const StiSurveyFigures *f = sti_survey_summary_get_figures (self);

  g_string_append_printf (out, "\n%s\n", _("MX addresses"));
  append_count (out, _("Answered"), f->addr_answered);
  append_count (out, _("Not reached"), f->addr_unreachable);
  append_count (out, _("Stopped before STARTTLS (421, greylisting, tarpit)"), f->addr_temporary);
  append_section (out, self, STI_SURVEY_SECTION_ADDRESSES);
}

static void
append_versions (GString          *out,
                 StiSurveySummary *self)
{
  g_autoptr(GPtrArray) versions = sti_survey_summary_dup_tls_versions (self);
  guint64 total = sti_survey_summary_get_figures (self)->addr_tls;

  g_string_append_printf (out, "\n%s\n", _("TLS versions (addresses)"));
  if (versions->len == 0)
    g_string_append_printf (out, "  %s\n", _("No TLS session was established."));
  for (guint i = 0; i < versions->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (versions, i);
      g_autofree char *percent = sti_survey_dup_percent (count->count, total);
      guint width = total > 0 ? (guint)(BAR_WIDTH * count->count / total) : 0;
      g_autofree char *bar = g_strnfill (width, '#');

      g_string_append_printf (out, "  %-8s %6" G_GUINT64_FORMAT "  %8s  %s\n",
                              count->label, count->count, percent, bar);
    }
}

static void
append_findings (GString          *out,
                 StiSurveySummary *self)
{
  g_autoptr(GPtrArray) top = sti_survey_summary_dup_top_findings (self,
                                                                  STI_SURVEY_SUMMARY_TOP_FINDINGS);

  g_string_append_printf (out, "\n%s\n", _("Most frequent findings (domains)"));
  if (top->len == 0)
    g_string_append_printf (out, "  %s\n", _("None."));
  for (guint i = 0; i < top->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (top, i);

      g_string_append_printf (out, "  %6" G_GUINT64_FORMAT "  %s (%s)\n",
                              count->count, count->label, count->key);
    }
}

static void
append_readiness (GString          *out,
                  StiSurveySummary *self)
{
  StiSurveyShare domains[STI_SURVEY_MAX_SHARES];
  StiSurveyShare messages[STI_SURVEY_MAX_SHARES];
  guint n = sti_survey_summary_get_shares (self, STI_SURVEY_SECTION_READINESS, domains);

  sti_survey_summary_get_shares (self, STI_SURVEY_SECTION_READINESS_MESSAGES, messages);
  g_string_append_printf (out, "\n%s\n",
                          _("Readiness: judged domains that still receive mail from a sender "
                            "that insists on each level"));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *percent = NULL;

      append_share (out, domains[i].label, domains[i].part, domains[i].whole);
      if (!sti_survey_summary_get_figures (self)->weighted)
        continue;
      percent = sti_survey_dup_percent (messages[i].part, messages[i].whole);
      /* Translators: the share of messages, under a readiness line; %s is a percentage */
      g_string_append_printf (out, _("    messages: %s\n"), percent);
    }
}

static void
append_postfix (GString                *out,
                const StiSurveyFigures *f)
{
  if (f->postfix_total == 0)
    return;

  g_string_append_printf (out, "\n%s\n", _("What Postfix logged, and what we found (domains)"));
  for (guint i = 0; i < STI_POSTFIX_TLS_N; i++)
    for (guint j = 0; j < STI_SURVEY_OURS_N; j++)
      {
        if (f->postfix_domains[i][j] == 0)
          continue;
        /* Translators: the first %s is what Postfix logged ("Verified"), the second what
         * the survey found ("plaintext only"), then a count of domains */
        g_string_append_printf (out, _("  %s → %s: %llu\n"),
                                sti_postfix_tls_to_string (i), sti_survey_ours_get_label (j),
                                (unsigned long long)f->postfix_domains[i][j]);
      }
}

/**
 * sti_survey_summary_to_text:
 *
 * Returns: (transfer full): the summary as text for a terminal
 */
char *
sti_survey_summary_to_text (StiSurveySummary *self)
{
  const StiSurveyFigures *f;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  f = sti_survey_summary_get_figures (self);
  append_totals (out, f);
  g_string_append_printf (out, "\n%s\n", _("Domains"));
  append_section (out, self, STI_SURVEY_SECTION_DOMAINS);
  append_addresses (out, self);
  append_versions (out, self);
  g_string_append_printf (out, "\n%s\n", _("Policies (domains)"));
  append_section (out, self, STI_SURVEY_SECTION_POLICIES);
  append_readiness (out, self);
  append_findings (out, self);
  append_postfix (out, f);

  return g_string_free (out, FALSE);
}
