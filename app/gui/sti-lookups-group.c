/* sti-lookups-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lookups-group.h"

#include "sti-dns-answer.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The DNS phase of a running check, which would otherwise leave the page
 * empty: one row per lookup the check reports (StiDomainCheck::lookup),
 * with a spinner until its answer, then the answer in words. It only
 * displays; the check says what it asks. */
struct _StiLookupsGroup
{
  AdwPreferencesGroup parent_instance;

  /* Owned references */
  GHashTable *rows;   /* "name type" -> AdwActionRow (borrowed from the group) */
};

G_DEFINE_FINAL_TYPE (StiLookupsGroup, sti_lookups_group, ADW_TYPE_PREFERENCES_GROUP)

/* What a lookup asks, in words: the policy records by their name. */
static char *
lookup_title (const char *name,
              const char *qtype)
{
  if (g_str_equal (qtype, "TXT") && g_str_has_prefix (name, "_mta-sts."))
    /* Translators: %s is a domain */
    return g_strdup_printf (_("The MTA-STS record of %s"), name + strlen ("_mta-sts."));
  if (g_str_equal (qtype, "TXT") && g_str_has_prefix (name, "_smtp._tls."))
    /* Translators: %s is a domain */
    return g_strdup_printf (_("The TLS reporting record of %s"), name + strlen ("_smtp._tls."));
  if (g_str_equal (qtype, "TLSA") && g_str_has_prefix (name, "_25._tcp."))
    /* Translators: %s is a mail server's host name */
    return g_strdup_printf (_("The DANE records (TLSA) of %s"), name + strlen ("_25._tcp."));
  if (g_str_equal (qtype, "MX"))
    /* Translators: %s is a domain */
    return g_strdup_printf (_("The MX records of %s"), name);
  if (g_str_equal (qtype, "A"))
    /* Translators: %s is a host name */
    return g_strdup_printf (_("The IPv4 addresses of %s"), name);
  if (g_str_equal (qtype, "AAAA"))
    /* Translators: %s is a host name */
    return g_strdup_printf (_("The IPv6 addresses of %s"), name);
  /* Translators: a DNS record type ("TXT"), then a name */
  return g_strdup_printf (_("The %s records of %s"), qtype, name);
}

static void
sti_lookups_group_finalize (GObject *object)
{
  StiLookupsGroup *self = (StiLookupsGroup *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (sti_lookups_group_parent_class)->finalize (object);
}

static void
sti_lookups_group_class_init (StiLookupsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sti_lookups_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-lookups-group.ui");
}

static void
sti_lookups_group_init (StiLookupsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

StiLookupsGroup *
sti_lookups_group_new (void)
{
  return g_object_new (STI_TYPE_LOOKUPS_GROUP, NULL);
}

/**
 * sti_lookups_group_update:
 * @self: a #StiLookupsGroup
 * @name: the name asked
 * @qtype: the record type
 * @result: (nullable): %NULL while it runs, then its DNS result kind
 *
 * Adds the row of a lookup that starts, or says how it ended.
 */
void
sti_lookups_group_update (StiLookupsGroup *self,
                          const char      *name,
                          const char      *qtype,
                          const char      *result)
{
  g_autofree char *key = g_strdup_printf ("%s %s", name, qtype);
  GtkWidget *row = g_hash_table_lookup (self->rows, key);
  StiDnsRcodeKind kind;

  g_return_if_fail (STI_IS_LOOKUPS_GROUP (self));

  if (row == NULL)
    {
      g_autofree char *title = lookup_title (name, qtype);
      g_autofree char *clean = sti_report_widgets_display_text (title);
      GtkWidget *spinner = gtk_spinner_new ();

      row = sti_report_widgets_row_new (clean, _("Looking up…"));
      gtk_widget_add_css_class (row, "lookup-row");
      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
      g_object_set_data (G_OBJECT (row), "spinner", spinner);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_hash_table_insert (self->rows, g_steal_pointer (&key), row);
    }

  if (result == NULL || !sti_dns_rcode_kind_from_string (result, &kind))
    return;

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "spinner"), FALSE);
  gtk_spinner_stop (g_object_get_data (G_OBJECT (row), "spinner"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sti_dns_rcode_kind_get_label (kind));
}
