/* sti-comparison-view.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-comparison-view.h"

#include "sti-catalog.h"
#include "sti-format.h"
#include "sti-located-finding.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The comparison page: the summary line ("1 fixed, 1 new, 2 remaining")
 * and the groups Fixed, New and Remaining, one row per finding (named by
 * its id) with its catalog title and where it is. */
struct _StiComparisonView
{
  GtkBox                parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *summary_label;
  GtkLabel             *dates_label;
  GtkLabel             *swapped_label;
  AdwPreferencesGroup  *fixed_group;
  AdwPreferencesGroup  *new_group;
  AdwPreferencesGroup  *remaining_group;
};

G_DEFINE_FINAL_TYPE (StiComparisonView, sti_comparison_view, GTK_TYPE_BOX)

static GtkWidget *
comparison_row_new (StiComparisonEntry *entry,
                    StiDomainReport    *report,
                    const char         *icon_name,
                    const char         *css_class)
{
  StiExplainContext context = { sti_domain_report_get_domain (report), entry->host,
                                entry->address, NULL };
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (entry->finding, &context);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *clean_where = NULL;
  g_autofree char *subtitle = NULL;
  StiSeverity severity = sti_finding_get_severity (entry->finding);
  GtkWidget *row;

  StiLocatedFinding located = { entry->finding, entry->host, entry->address };

  if (explanation != NULL && sti_explanation_is_known (explanation) &&
      sti_explanation_get_title (explanation) != NULL)
    {
      g_autofree char *titled =
        sti_located_finding_dup_title (&located, sti_explanation_get_title (explanation),
                                       sti_domain_report_get_domain (report));

      title = sti_report_widgets_display_text (titled);
    }
  else
    title = sti_report_widgets_display_text (sti_finding_get_id (entry->finding));

  if (entry->host != NULL && entry->address != NULL)
    where = g_strdup_printf ("%s (%s)", entry->host, entry->address);
  else if (entry->host != NULL)
    where = g_strdup (entry->host);
  else
    where = g_strdup (sti_domain_report_get_domain_unicode (report));

  clean_where = sti_report_widgets_display_text (where);
  /* Translators: severity, then where the problem is */
  subtitle = g_strdup_printf (_("%s · %s"), sti_format_severity_label (severity),
                              clean_where);

  row = sti_report_widgets_row_new (title, subtitle);
  gtk_widget_set_name (row, sti_finding_get_id (entry->finding));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             sti_report_widgets_icon_new (icon_name, css_class));

  return row;
}

static void
fill_group (AdwPreferencesGroup *group,
            const char          *title,
            const char          *empty,
            GPtrArray           *entries,
            StiDomainReport     *report,
            const char          *icon_name,
            const char          *css_class)
{
  g_autofree char *heading = g_strdup_printf ("%s (%u)", title,
                                              entries != NULL ? entries->len : 0);

  adw_preferences_group_set_title (group, heading);

  if (entries == NULL || entries->len == 0)
    {
      adw_preferences_group_add (group, sti_report_widgets_row_new (empty, NULL));
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    adw_preferences_group_add (group, comparison_row_new (g_ptr_array_index (entries, i), report,
                                                          icon_name, css_class));
}

static char *
comparison_side_text (StiDomainReport *report)
{
  GDateTime *started = sti_domain_report_get_started_at (report);

  if (started == NULL)
    return g_strdup (_("unknown date"));

  return sti_format_date_time_local (started);
}

static void
sti_comparison_view_class_init (StiComparisonViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-comparison-view.ui");
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, title_label);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, dates_label);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, swapped_label);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, fixed_group);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, new_group);
  gtk_widget_class_bind_template_child (widget_class, StiComparisonView, remaining_group);
}

static void
sti_comparison_view_init (StiComparisonView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_comparison_view_new:
 * @cmp: a comparison of two reports of one domain
 *
 * Returns: (transfer floating): the view of what changed, the groups named
 *   `compare-fixed`, `compare-new` and `compare-remaining`
 */
StiComparisonView *
sti_comparison_view_new (StiReportComparison *cmp)
{
  StiComparisonView *self = g_object_new (STI_TYPE_COMPARISON_VIEW, NULL);
  StiDomainReport *old_report = sti_report_comparison_get_old_report (cmp);
  StiDomainReport *new_report = sti_report_comparison_get_new_report (cmp);
  g_autofree char *domain =
    sti_report_widgets_display_text (sti_domain_report_get_domain_unicode (new_report));
  g_autofree char *title = NULL;
  g_autofree char *summary = sti_report_comparison_dup_summary (cmp);
  g_autofree char *old_date = comparison_side_text (old_report);
  g_autofree char *new_date = comparison_side_text (new_report);
  g_autofree char *dates = NULL;
  g_autofree char *swapped = sti_report_comparison_dup_swapped_warning (cmp);

  /* Translators: %s is a mail domain */
  title = g_strdup_printf (_("Changes for %s"), domain);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->summary_label, summary);
  /* Translators: the dates of the older and of the newer report */
  dates = g_strdup_printf (_("From the check of %s to the check of %s"), old_date, new_date);
  gtk_label_set_text (self->dates_label, dates);
  if (swapped != NULL)
    {
      gtk_label_set_text (self->swapped_label, swapped);
      gtk_widget_set_visible (GTK_WIDGET (self->swapped_label), TRUE);
    }

  fill_group (self->fixed_group, _("Fixed"), _("Nothing was fixed."),
              sti_report_comparison_get_fixed (cmp), old_report,
              "emblem-ok-symbolic", "success");
  fill_group (self->new_group, _("New"), _("No new problems."),
              sti_report_comparison_get_new (cmp), new_report,
              "dialog-warning-symbolic", "warning");
  fill_group (self->remaining_group, _("Remaining"), _("Nothing remains to fix."),
              sti_report_comparison_get_remaining (cmp), new_report,
              "dialog-information-symbolic", NULL);

  return self;
}
