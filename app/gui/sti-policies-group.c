/* sti-policies-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-policies-group.h"

#include "sti-format.h"
#include "sti-report-sections.h"
#include "sti-report-widgets.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>

/* What makes TLS mandatory, or not: the MTA-STS and TLS-RPT records and
 * each MX host's TLSA records, under the verdict's policy sentence, then
 * the MTA-STS policy as fetched. What is wrong with them is in the
 * findings. */
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
    return sti_report_widgets_row_new (policy->label, sti_policy_record_get_absence (policy));

  joined = sti_report_dup_policy_records_text (policy, "\n");
  /* Translators: the records as published, then their DNSSEC status */
  subtitle = g_strdup_printf (_("%s · %s"), joined,
                              sti_report_widgets_dnssec_label (policy->dnssec));

  return sti_report_widgets_row_new (policy->label, subtitle);
}

/* A labelled block of text (the policy file, the certificate) as a row. */
static GtkWidget *
text_block_row (const char *heading,
                 const char *text,
                 gboolean    monospace)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), sti_report_widgets_heading_new (heading));
  gtk_box_append (GTK_BOX (box), sti_report_widgets_label_new (text, monospace));

  return box;
}

/* The leaf certificate of the policy host, one "label: value" a line. */
static char *
certificate_text (StiCertificate *cert)
{
  g_autoptr(GArray) properties = sti_report_dup_certificate_properties (cert);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      if (property->value == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      /* Translators: one property of a certificate, e.g. "Subject: CN=…" */
      g_string_append_printf (out, _("%s: %s"), property->label, property->value);
    }

  return g_string_free (out, FALSE);
}

/* The MTA-STS policy as fetched: the answer, what each mx pattern matched,
 * the file and the policy host's certificate, folded under one row that
 * says the mode and max_age. */
static GtkWidget *
mta_sts_fetch_row (StiMtaStsEvidence *sts)
{
  g_autoptr(GArray) properties = sti_report_dup_mta_sts_properties (sts);
  g_autoptr(GArray) patterns = sti_report_dup_mta_sts_patterns (sts);
  GPtrArray *chain = sti_mta_sts_evidence_get_certificates (sts);
  const char *mode = sti_mta_sts_evidence_get_mode (sts);
  const char *body = sti_mta_sts_evidence_get_body (sts);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (mode != NULL)
    {
      g_autofree char *max_age = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  sti_mta_sts_evidence_get_max_age (sts));

      /* Translators: the mode and the max_age (in seconds) of the MTA-STS policy as fetched */
      subtitle = g_strdup_printf (_("mode %s · max_age %s s"), mode, max_age);
    }
  else
    subtitle = g_strdup (_("No valid policy was read"));
  row = sti_report_widgets_expander_row_new (_("MTA-STS policy as fetched"), subtitle);
  gtk_widget_set_name (row, "mta-sts-fetch");

  for (guint i = 0; i < properties->len; i++)
    {
      StiReportProperty *property = &g_array_index (properties, StiReportProperty, i);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sti_report_widgets_row_new (property->label,
                                                            property->value != NULL
                                                              ? property->value : "—"));
    }
  for (guint i = 0; i < patterns->len; i++)
    {
      StiReportProperty *pattern = &g_array_index (patterns, StiReportProperty, i);
      /* Translators: the MX hosts an mx pattern of the policy matches */
      g_autofree char *matches = g_strdup_printf (_("matches: %s"), pattern->value);
      /* Translators: an mx line of the MTA-STS policy */
      g_autofree char *title = g_strdup_printf (_("mx: %s"), pattern->label);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                sti_report_widgets_row_new (title, matches));
    }
  if (body != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              text_block_row (_("Policy file as fetched"), body, TRUE));
  if (chain->len > 0)
    {
      g_autofree char *text = certificate_text (g_ptr_array_index (chain, 0));

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                text_block_row (_("Policy host certificate"), text, FALSE));
    }

  return row;
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
  if (sti_domain_report_get_mta_sts (report) != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                               mta_sts_fetch_row (sti_domain_report_get_mta_sts (report)));

  return self;
}
