/* sti-findings-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-findings-group.h"

#include "sti-finding-row.h"
#include "sti-host-report.h"
#include "sti-located-finding.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The findings of a report, one StiFindingRow each, in the reading order
 * every report format uses (sti_located_finding_compare()). */
struct _StiFindingsGroup
{
  AdwPreferencesGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (StiFindingsGroup, sti_findings_group, ADW_TYPE_PREFERENCES_GROUP)

static GStrv
dup_mx_hosts (StiDomainReport *report)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    g_strv_builder_add (builder, sti_host_report_get_name (g_ptr_array_index (hosts, i)));

  return g_strv_builder_end (builder);
}

static void
sti_findings_group_class_init (StiFindingsGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-findings-group.ui");
}

static void
sti_findings_group_init (StiFindingsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_findings_group_new:
 * @report: a domain report
 * @settings: (nullable): the application settings (explain mode,
 *   preferred mail server software)
 *
 * Returns: (transfer floating): a group with one expander row per finding,
 *   worst first, or one row saying there is nothing to fix
 */
StiFindingsGroup *
sti_findings_group_new (StiDomainReport *report,
                        GSettings       *settings)
{
  StiFindingsGroup *self = g_object_new (STI_TYPE_FINDINGS_GROUP, NULL);
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  g_auto(GStrv) mx_hosts = dup_mx_hosts (report);

  if (located->len == 0)
    {
      GtkWidget *row = sti_report_widgets_row_new (_("No findings"),
                                                   _("Nothing to fix was found."));

      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 sti_report_widgets_icon_new ("emblem-ok-symbolic", "success"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      return self;
    }

  for (guint i = 0; i < located->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                               GTK_WIDGET (sti_finding_row_new (
                                 &g_array_index (located, StiLocatedFinding, i),
                                 sti_domain_report_get_domain (report),
                                 (const char * const *)mx_hosts, settings)));

  return self;
}
