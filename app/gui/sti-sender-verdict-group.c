/* sti-sender-verdict-group.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-sender-verdict-group.h"

#include "sti-host-report.h"
#include "sti-report-widgets.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>

/* The core verdict (sti-verdict.h) of every endpoint: whether an
 * opportunistic sender encrypts, a validating sender delivers and a DANE
 * sender authenticates, and what to do first. The GUI decides nothing
 * itself; the same answers are in every export. */
struct _StiSenderVerdictGroup
{
  AdwPreferencesGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (StiSenderVerdictGroup, sti_sender_verdict_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
answer_row_new (const char *title,
                StiAnswer   answer,
                const char *text)
{
  GtkWidget *row = sti_report_widgets_row_new (title, text);
  GtkWidget *icon;
  const char *icon_name;
  const char *css_class;
  const char *label;

  switch (answer)
    {
    case STI_ANSWER_YES:
      icon_name = "emblem-ok-symbolic";
      css_class = "success";
      label = _("Yes");
      break;
    case STI_ANSWER_NO:
      icon_name = "dialog-error-symbolic";
      css_class = "error";
      label = _("No");
      break;
    case STI_ANSWER_NOT_APPLICABLE:
      icon_name = "action-unavailable-symbolic";
      css_class = "dim-label";
      label = _("Does not apply");
      break;
    case STI_ANSWER_UNKNOWN:
    default:
      icon_name = "dialog-question-symbolic";
      css_class = "dim-label";
      label = _("Unknown");
      break;
    }

  icon = sti_report_widgets_icon_new (icon_name, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_name (row, sti_answer_to_string (answer));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                gpointer        user_data)
{
  adw_expander_row_set_subtitle (row, adw_expander_row_get_expanded (row)
                                      ? "" : g_object_get_data (G_OBJECT (row),
                                                                "sti-first-action"));
}

static char *
sender_line (const char             *text,
             const StiSenderProfile *profile,
             gboolean                said_once)
{
  if (said_once)
    return g_strdup (text);

  return sti_verdict_dup_sender_line (text, profile);
}

static GtkWidget *
endpoint_verdict_row_new (StiDomainReport   *report,
                          StiHostReport     *host,
                          StiEndpointReport *endpoint)
{
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  g_autofree char *clean = sti_report_widgets_display_text (sti_host_report_get_name (host));
  g_autofree char *title = g_strdup_printf ("%s (%s)", clean,
                                            sti_endpoint_report_get_address (endpoint));
  const char *first_action = sti_endpoint_verdict_get_first_action (verdict);
  GtkWidget *row = sti_report_widgets_expander_row_new (title, first_action);
  GtkWidget *action_row;
  const StiSenderProfile *profile = sti_endpoint_verdict_get_opportunistic_profile (verdict);
  /* Each line names the sender profile it assumes; when all three assume
   * the same, a row of its own says it once instead of three times. */
  gboolean same = profile == sti_endpoint_verdict_get_validating_profile (verdict) &&
                  profile == sti_endpoint_verdict_get_dane_profile (verdict);
  g_autofree char *opportunistic =
    sender_line (sti_endpoint_verdict_get_opportunistic_text (verdict), profile, same);
  g_autofree char *validating =
    sender_line (sti_endpoint_verdict_get_validating_text (verdict),
                 sti_endpoint_verdict_get_validating_profile (verdict), same);
  g_autofree char *dane =
    sender_line (sti_endpoint_verdict_get_dane_text (verdict),
                 sti_endpoint_verdict_get_dane_profile (verdict), same);

  gtk_widget_add_css_class (row, "endpoint-verdict");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            answer_row_new (_("Does an opportunistic sender encrypt?"),
                                            sti_endpoint_verdict_get_opportunistic (verdict),
                                            opportunistic));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            answer_row_new (_("Does a validating sender deliver? "
                                              "(MTA-STS enforce, PKIX)"),
                                            sti_endpoint_verdict_get_validating (verdict),
                                            validating));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            answer_row_new (_("Does a DANE sender authenticate?"),
                                            sti_endpoint_verdict_get_dane (verdict), dane));
  if (same)
    {
      GtkWidget *sender_row = sti_report_widgets_row_new (_("Assumed sender"),
                                                          sti_sender_profile_get_name (profile));

      gtk_widget_set_name (sender_row, "assumed-sender");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), sender_row);
    }
  if (first_action != NULL && *first_action != '\0')
    {
      /* Folded, the subtitle says the first action; unfolded, the row
       * below says it, and the subtitle would repeat it. */
      g_object_set_data_full (G_OBJECT (row), "sti-first-action", g_strdup (first_action),
                              g_free);
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_cb), NULL);
      action_row = sti_report_widgets_row_new (_("First action"), first_action);
      gtk_widget_set_name (action_row, "first-action");
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row),
                                 sti_report_widgets_icon_new ("go-next-symbolic", "accent"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);
    }

  return row;
}

static void
sti_sender_verdict_group_class_init (StiSenderVerdictGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH
                                               "/ui/sti-sender-verdict-group.ui");
}

static void
sti_sender_verdict_group_init (StiSenderVerdictGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_sender_verdict_group_new:
 * @report: a domain report
 *
 * Returns: (transfer floating): a group with one expander row per endpoint
 */
StiSenderVerdictGroup *
sti_sender_verdict_group_new (StiDomainReport *report)
{
  StiSenderVerdictGroup *self = g_object_new (STI_TYPE_SENDER_VERDICT_GROUP, NULL);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (self),
                                   endpoint_verdict_row_new (report, host,
                                                             g_ptr_array_index (endpoints, j)));
    }

  return self;
}
