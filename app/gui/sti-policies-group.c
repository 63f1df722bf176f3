/* sti-policies-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-policies-group.h"

#include "sti-report-widgets.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>

/* What makes TLS mandatory, or not: the MTA-STS and TLS-RPT records and
 * each MX host's TLSA records, under the verdict's policy sentence. What
 * is wrong with them is in the findings. */
struct _StiPoliciesGroup
{
  AdwPreferencesGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (StiPoliciesGroup, sti_policies_group, ADW_TYPE_PREFERENCES_GROUP)

/* One policy record, as published, or that there is none. */
static GtkWidget *
policy_record_row (StiPolicyRecord *policy)
{
  g_autofree char *joined = NULL;
  g_autofree char *subtitle = NULL;

  if (policy->records[0] == NULL)
    return sti_report_widgets_row_new (policy->label, _("Not published"));

  joined = g_strjoinv ("\n", policy->records);
  /* Translators: the records as published, then their DNSSEC status */
  subtitle = g_strdup_printf (_("%s · %s"), joined,
                              sti_report_widgets_dnssec_label (policy->dnssec));

  return sti_report_widgets_row_new (policy->label, subtitle);
}

static void
sti_policies_group_class_init (StiPoliciesGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-policies-group.ui");
}

static void
sti_policies_group_init (StiPoliciesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_policies_group_new:
 * @report: a domain report
 *
 * Returns: (transfer floating): the group of @report's policy records
 */
StiPoliciesGroup *
sti_policies_group_new (StiDomainReport *report)
{
  StiPoliciesGroup *self = g_object_new (STI_TYPE_POLICIES_GROUP, NULL);
  g_autofree char *sentence = sti_verdict_dup_policy_sentence (report);
  g_autoptr(GPtrArray) policies = sti_verdict_dup_policy_records (report);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), sentence);
  for (guint i = 0; i < policies->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                               policy_record_row (g_ptr_array_index (policies, i)));

  return self;
}
