/* sti-survey-summary-view.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-summary-view.h"

#include <glib/gi18n.h>

/* The summary of a survey in the window: the same figures as the text and
 * HTML summaries, a bar per share. Each bar is a GtkLevelBar (which tells
 * assistive technologies its value) with the count and the share written
 * beside it, so no figure rests on the bar's length or colour alone. The
 * rows are built once; an update only sets values, so it costs the same
 * after ten domains or ten thousand. */

/* The summary's sections shown as bars, in order. */
static const StiSurveySection sections[] = {
  STI_SURVEY_SECTION_ADDRESSES,
  STI_SURVEY_SECTION_READINESS,
};

#define N_BARS (G_N_ELEMENTS (sections) * STI_SURVEY_MAX_SHARES)

struct _StiSurveySummaryView
{
  GtkBox       parent_instance;

  /* Template widgets */
  GtkLabel    *counts_label;
  GtkGrid     *bars_grid;
  GtkLabel    *details_label;

  /* Borrowed references (children of bars_grid) */
  GtkLevelBar *bars[N_BARS];
  GtkLabel    *values[N_BARS];
};

G_DEFINE_FINAL_TYPE (StiSurveySummaryView, sti_survey_summary_view, GTK_TYPE_BOX)

static void
add_heading (StiSurveySummaryView *self,
             int                   row,
             const char           *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, row > 0 ? 6 : 0);
  gtk_grid_attach (self->bars_grid, label, 0, row, 3, 1);
}

static void
add_bar (StiSurveySummaryView *self,
         int                   row,
         guint                 id,
         const char           *text)
{
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *value = gtk_label_new ("–");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_size_request (bar, 80, -1);
  /* No "low"/"high" offsets: the bar's colour says nothing the number
   * does not. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_add_css_class (value, "numeric");

  gtk_grid_attach (self->bars_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->bars_grid, bar, 1, row, 1, 1);
  gtk_grid_attach (self->bars_grid, value, 2, row, 1, 1);
  self->bars[id] = GTK_LEVEL_BAR (bar);
  self->values[id] = GTK_LABEL (value);
}

static const char *
section_heading (StiSurveySection section)
{
  if (section == STI_SURVEY_SECTION_ADDRESSES)
    return _("MX addresses");
  /* Translators: a heading above the bars of the readiness levels */
  return _("Domains that still receive mail at each level");
}

/* The rows of each section, once: an empty summary has them all. The
 * 2015 figure is the details' first line, not a bar. */
static void
build_rows (StiSurveySummaryView *self)
{
  g_autoptr(StiSurveySummary) empty = sti_survey_summary_new ();
  int row = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      StiSurveyShare shares[STI_SURVEY_MAX_SHARES];
      guint n = sti_survey_summary_get_shares (empty, sections[s], shares);

      add_heading (self, row++, section_heading (sections[s]));
      for (guint i = 0; i < n; i++)
        if (!shares[i].then)
          add_bar (self, row++, s * STI_SURVEY_MAX_SHARES + i, shares[i].label);
    }
}

static void
set_bar (StiSurveySummaryView *self,
         guint                 id,
         guint64               part,
         guint64               whole)
{
  g_autofree char *percent = sti_survey_dup_percent (part, whole);
  /* Translators: beside a bar: a count, the count it is part of, and the percentage */
  g_autofree char *text = g_strdup_printf (_("%llu of %llu (%s)"), (unsigned long long)part,
                                           (unsigned long long)whole, percent);

  gtk_level_bar_set_value (self->bars[id], sti_survey_share (part, whole));
  gtk_label_set_text (self->values[id], text);
}

static char *
dup_counts_text (StiSurveySummary *summary)
{
  const StiSurveyFigures *f = sti_survey_summary_get_figures (summary);
  g_autofree char *headline = sti_survey_summary_dup_headline (summary);

  /* Translators: the survey's size ("36 domains checked · MX hosts: 38 · …"), then counts
   * of the domains that could not be judged, for the three reasons */
  return g_strdup_printf (_("%s\nNot judged: no mail server %llu · not reached %llu · stopped "
                            "before STARTTLS (421, greylisting, tarpit) %llu"),
                          headline,
                          (unsigned long long)f->domains_by_reach[STI_REACH_NO_MAIL_SERVER],
                          (unsigned long long)f->domains_by_reach[STI_REACH_UNREACHABLE],
                          (unsigned long long)f->domains_by_reach[STI_REACH_TEMPORARY]);
}

static char *
dup_details_text (StiSurveySummary *summary)
{
  const StiSurveyFigures *f = sti_survey_summary_get_figures (summary);
  g_autoptr(GPtrArray) versions = sti_survey_summary_dup_tls_versions (summary);
  g_autoptr(GPtrArray) top = sti_survey_summary_dup_top_findings (summary, 5);
  GString *out = g_string_new (NULL);

  /* Translators: %s is a percentage, "72.0 %" */
  g_string_append_printf (out, _("In the 2015 survey, %s of MX addresses offered STARTTLS."),
                          "72 %");
  g_string_append_c (out, '\n');
  /* Translators: a list of TLS versions and counts follows */
  g_string_append (out, _("TLS versions:"));
  if (versions->len == 0)
    g_string_append (out, " —");
  for (guint i = 0; i < versions->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (versions, i);

      g_string_append_printf (out, " %s %" G_GUINT64_FORMAT "%s", count->label, count->count,
                              i + 1 < versions->len ? "," : "");
    }
  g_string_append_c (out, '\n');
  /* Translators: counts of domains by the policy they publish; "not known":
   * the lookup of their MTA-STS record failed */
  g_string_append_printf (out, _("MTA-STS enforce %llu, testing %llu, not working %llu, "
                                 "not known %llu; DANE %llu of %llu publishing TLSA; "
                                 "TLS-RPT %llu; DNSSEC %llu."),
                          (unsigned long long)f->mta_sts[STI_MTA_STS_STATE_ENFORCE],
                          (unsigned long long)f->mta_sts[STI_MTA_STS_STATE_TESTING],
                          (unsigned long long)f->mta_sts[STI_MTA_STS_STATE_BROKEN],
                          (unsigned long long)f->mta_sts[STI_MTA_STS_STATE_UNKNOWN],
                          (unsigned long long)f->dane_valid,
                          (unsigned long long)f->dane_published,
                          (unsigned long long)f->tls_rpt, (unsigned long long)f->dnssec);
  if (top->len > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append (out, _("Most frequent findings:"));
    }
  for (guint i = 0; i < top->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (top, i);

      g_string_append_printf (out, "\n  %" G_GUINT64_FORMAT "  %s", count->count, count->label);
    }

  return g_string_free (out, FALSE);
}

static void
sti_survey_summary_view_class_init (StiSurveySummaryViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/starttlsinspector/Inspector/ui/"
                                               "sti-survey-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StiSurveySummaryView, counts_label);
  gtk_widget_class_bind_template_child (widget_class, StiSurveySummaryView, bars_grid);
  gtk_widget_class_bind_template_child (widget_class, StiSurveySummaryView, details_label);
}

static void
sti_survey_summary_view_init (StiSurveySummaryView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_rows (self);
}

GtkWidget *
sti_survey_summary_view_new (void)
{
  return g_object_new (STI_TYPE_SURVEY_SUMMARY_VIEW, NULL);
}

/* Shows @summary's figures; cheap enough to call after each domain. */
void
sti_survey_summary_view_update (StiSurveySummaryView *self,
                                StiSurveySummary     *summary)
{
  g_autofree char *counts = NULL;
  g_autofree char *details = NULL;

  g_return_if_fail (STI_IS_SURVEY_SUMMARY_VIEW (self));
  g_return_if_fail (STI_IS_SURVEY_SUMMARY (summary));

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      StiSurveyShare shares[STI_SURVEY_MAX_SHARES];
      guint n = sti_survey_summary_get_shares (summary, sections[s], shares);

      for (guint i = 0; i < n; i++)
        if (self->bars[s * STI_SURVEY_MAX_SHARES + i] != NULL)
          set_bar (self, s * STI_SURVEY_MAX_SHARES + i, shares[i].part, shares[i].whole);
    }

  counts = dup_counts_text (summary);
  gtk_label_set_text (self->counts_label, counts);
  details = dup_details_text (summary);
  gtk_label_set_text (self->details_label, details);
}
