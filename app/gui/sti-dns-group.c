/* sti-dns-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-group.h"

#include "sti-dns-answer.h"
#include "sti-dns-evidence.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* Every DNS answer a check used, with its DNSSEC status: one expander row
 * per question, the records folded under it. */
struct _StiDnsGroup
{
  AdwPreferencesGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (StiDnsGroup, sti_dns_group, ADW_TYPE_PREFERENCES_GROUP)

/* The answer in words; the raw code ("nxdomain", rcode 3) is in the
 * exported reports for whoever needs it. */
static const char *
result_label (StiDnsEvidence *e)
{
  StiDnsRcodeKind kind;

  if (!sti_dns_rcode_kind_from_string (sti_dns_evidence_get_result (e), &kind))
    return sti_dns_evidence_get_result (e) != NULL ? sti_dns_evidence_get_result (e) : "";

  return sti_dns_rcode_kind_get_label (kind);
}

/* Names from the zone down ("example.org" before "_mta-sts.example.org"
 * and "mx1.example.org"), so each name's answers stand together. */
static char *
reversed_name (const char *name)
{
  g_auto(GStrv) labels = g_strsplit (name != NULL ? name : "", ".", -1);
  GString *out = g_string_new (NULL);

  for (int i = (int)g_strv_length (labels) - 1; i >= 0; i--)
    g_string_append_printf (out, "%s%s", labels[i], i > 0 ? "\x01" : "");

  return g_string_free (out, FALSE);
}

/* The record types in the order a check asks for them. */
static int
qtype_rank (const char *qtype)
{
  static const char * const order[] = { "MX", "A", "AAAA", "TLSA", "TXT" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (order[i], qtype) == 0)
      return i;

  return G_N_ELEMENTS (order);
}

static int
compare_evidence (gconstpointer a,
                  gconstpointer b)
{
  StiDnsEvidence *ea = *(StiDnsEvidence **)a;
  StiDnsEvidence *eb = *(StiDnsEvidence **)b;
  g_autofree char *na = reversed_name (sti_dns_evidence_get_qname (ea));
  g_autofree char *nb = reversed_name (sti_dns_evidence_get_qname (eb));
  int by_name = g_ascii_strcasecmp (na, nb);

  if (by_name != 0)
    return by_name;

  return qtype_rank (sti_dns_evidence_get_qtype (ea)) -
         qtype_rank (sti_dns_evidence_get_qtype (eb));
}

static GtkWidget *
evidence_row_new (StiDnsEvidence *e)
{
  const char * const *records = sti_dns_evidence_get_records (e);
  g_autofree char *title = g_strdup_printf ("%s %s", sti_dns_evidence_get_qname (e),
                                            sti_dns_evidence_get_qtype (e));
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  guint n_records = records != NULL ? g_strv_length ((char **)records) : 0;
  GtkWidget *row;

  /* Translators: %u is a number of DNS records */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n_records),
                           n_records);
  /* Translators: what the DNS answer means ("No such name"), its DNSSEC
   * status, then how many records it has */
  subtitle = g_strdup_printf (_("%s · %s · %s"), result_label (e),
                              sti_report_widgets_dnssec_label (sti_dns_evidence_get_dnssec (e)),
                              count);

  row = sti_report_widgets_expander_row_new (title, subtitle);
  for (guint j = 0; j < n_records; j++)
    {
      GtkWidget *label = sti_report_widgets_label_new (records[j], TRUE);

      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }
  if (sti_dns_evidence_get_why_bogus (e) != NULL)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              sti_report_widgets_row_new (_("Why validation failed"),
                                                          sti_dns_evidence_get_why_bogus (e)));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), n_records > 0 ||
                                         sti_dns_evidence_get_why_bogus (e) != NULL);

  return row;
}

static void
sti_dns_group_class_init (StiDnsGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-dns-group.ui");
}

static void
sti_dns_group_init (StiDnsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_dns_group_new:
 * @report: a domain report
 *
 * Returns: (transfer floating): a group with every DNS answer of @report
 */
StiDnsGroup *
sti_dns_group_new (StiDomainReport *report)
{
  StiDnsGroup *self = g_object_new (STI_TYPE_DNS_GROUP, NULL);
  GPtrArray *evidence = sti_domain_report_get_dns_evidence (report);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (evidence, i));
  g_ptr_array_sort (sorted, compare_evidence);

  for (guint i = 0; i < sorted->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                               evidence_row_new (g_ptr_array_index (sorted, i)));

  return self;
}
