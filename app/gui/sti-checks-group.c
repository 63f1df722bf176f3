/* sti-checks-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-checks-group.h"

#include "sti-checklist.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The list of checks made (sti-checklist.h): one expander row for the
 * domain and one per endpoint, a row per check inside. The GUI decides
 * nothing itself; every export shows the same list. */
struct _StiChecksGroup
{
  AdwPreferencesGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (StiChecksGroup, sti_checks_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
check_row_new (const StiCheckItem *item)
{
  g_autofree char *outcome = sti_check_item_dup_outcome (item);
  g_autofree char *detail = sti_report_widgets_display_text (item->detail);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", outcome, detail);
  GtkWidget *row = sti_report_widgets_row_new (item->title, subtitle);
  const char *icon_name;
  const char *css_class;
  GtkWidget *icon;

  switch (item->status)
    {
    case STI_CHECK_PASSED:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      break;
    case STI_CHECK_FAILED:
      icon_name = sti_report_widgets_severity_icon (item->severity);
      css_class = sti_report_widgets_severity_css_class (item->severity);
      break;
    case STI_CHECK_NOT_CHECKED:
    default:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      break;
    }

  icon = sti_report_widgets_icon_new (icon_name, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sti_check_status_get_label (item->status),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_set_name (row, item->id);
  gtk_widget_add_css_class (row, sti_check_status_to_string (item->status));
  return row;
}

/* The rows of a group are built when it is first opened: a results page
 * is built in one main-loop dispatch, and most groups stay closed. */
static void
expanded_cb (AdwExpanderRow    *row,
             GParamSpec        *pspec,
             StiChecklistGroup *group)
{
  if (!adw_expander_row_get_expanded (row))
    return;

  g_signal_handlers_disconnect_by_func (row, expanded_cb, group);
  for (guint i = 0; i < group->items->len; i++)
    adw_expander_row_add_row (row, check_row_new (g_ptr_array_index (group->items, i)));
}

static GtkWidget *
group_row_new (GPtrArray *groups,
               guint      index)
{
  StiChecklistGroup *group = g_ptr_array_index (groups, index);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *counts = NULL;
  g_autofree char *label = sti_report_widgets_display_text (group->label);
  GtkWidget *row;

  g_ptr_array_add (one, group);
  counts = sti_checklist_dup_counts (one);
  row = sti_report_widgets_expander_row_new (label, counts);
  gtk_widget_add_css_class (row, "checklist-group");
  /* The row keeps the list its rows are built from. */
  g_object_set_data_full (G_OBJECT (row), "sti-checklist", g_ptr_array_ref (groups),
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (expanded_cb), group);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 sti_checklist_count (one, STI_CHECK_FAILED) > 0);

  return row;
}

static void
sti_checks_group_class_init (StiChecksGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-checks-group.ui");
}

static void
sti_checks_group_init (StiChecksGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_checks_group_new:
 * @report: a domain report
 *
 * Returns: (transfer floating): a group with the checks made for @report;
 *   the description counts them
 */
StiChecksGroup *
sti_checks_group_new (StiDomainReport *report)
{
  StiChecksGroup *self = g_object_new (STI_TYPE_CHECKS_GROUP, NULL);
  g_autoptr(GPtrArray) groups = sti_checklist_new (report);
  g_autofree char *counts = sti_checklist_dup_counts (groups);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), counts);
  for (guint i = 0; i < groups->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                               group_row_new (groups, i));

  return self;
}
