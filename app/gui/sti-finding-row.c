/* sti-finding-row.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-row.h"

#include "sti-catalog.h"
#include "sti-certificate-sections.h"
#include "sti-finding-detail.h"
#include "sti-format.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* One finding: its title and where it was found, and folded under it the
 * detail, the catalog's explanation and the fix: the general steps, then
 * those for the mail server software the user chose (GSettings
 * `preferred-mta`, shared by every row), as `explain` and the reports
 * give them. */
struct _StiFindingRow
{
  AdwExpanderRow  parent_instance;

  /* Template widgets */
  GtkImage       *severity_icon;
  GtkLabel       *detail_label;
  GtkButton      *certificate_button;
  GtkButton      *assistant_button;
  GtkWidget      *what_heading;
  AdwBin         *what_bin;
  GtkWidget      *why_heading;
  AdwBin         *why_bin;
  GtkWidget      *fix_header;
  AdwBin         *general_fix_bin;
  GtkWidget      *server_fix_header;
  GtkLabel       *server_fix_heading;
  GtkDropDown    *mta_dropdown;
  AdwBin         *fix_bin;
  GtkWidget      *references_heading;
  GtkLabel       *references_label;
  GtkLabel       *id_label;

  /* Owned references */
  GSettings      *settings;
  StiExplanation *explanation;
};

G_DEFINE_FINAL_TYPE (StiFindingRow, sti_finding_row, ADW_TYPE_EXPANDER_ROW)

/* Shows @text in @bin, or hides @bin (and @heading) when there is none. */
static void
show_fix (GtkWidget  *heading,
          AdwBin     *bin,
          const char *text)
{
  gboolean shown = text != NULL && *text != '\0';

  adw_bin_set_child (bin, shown ? sti_report_widgets_text_blocks (text) : NULL);
  gtk_widget_set_visible (GTK_WIDGET (bin), shown);
  gtk_widget_set_visible (heading, shown);
}

static void
sti_finding_row_update_fix (StiFindingRow *self)
{
  StiMta mta = sti_report_widgets_preferred_mta (self->settings);

  show_fix (self->fix_header, self->general_fix_bin,
            sti_explanation_get_fix (self->explanation, STI_MTA_GENERIC));
  show_fix (self->server_fix_header, self->fix_bin,
            sti_explanation_get_fix (self->explanation, mta));

  /* Without settings there is no chooser: the heading names the software. */
  if (self->settings == NULL)
    {
      g_autofree char *heading = NULL;

      /* Translators: %s is mail server software, such as Postfix */
      heading = g_strdup_printf (_("On %s"), sti_mta_get_label (mta));
      gtk_label_set_text (self->server_fix_heading, heading);
    }
}

static void
on_preferred_mta_changed_cb (StiFindingRow *self,
                             const char    *key,
                             GSettings     *settings)
{
  guint selected = sti_report_widgets_preferred_mta (settings) - STI_MTA_POSTFIX;

  /* Every finding's chooser follows the one the user changed. */
  if (gtk_drop_down_get_selected (self->mta_dropdown) != selected)
    gtk_drop_down_set_selected (self->mta_dropdown, selected);
  sti_finding_row_update_fix (self);
}

static void
on_mta_dropdown_selected_cb (StiFindingRow *self,
                             GParamSpec    *pspec,
                             GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected != GTK_INVALID_LIST_POSITION &&
      selected != (guint)(sti_report_widgets_preferred_mta (self->settings) - STI_MTA_POSTFIX))
    g_settings_set_string (self->settings, "preferred-mta",
                           sti_mta_to_string ((StiMta)(STI_MTA_POSTFIX + selected)));
}

static void
show_text (GtkWidget  *heading,
           AdwBin     *bin,
           const char *text)
{
  if (text == NULL)
    return;

  adw_bin_set_child (bin, sti_report_widgets_text_blocks (text));
  gtk_widget_set_visible (heading, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (bin), TRUE);
}

/* The chooser of the mail server software, when there are settings to
 * keep the choice in. */
static void
sti_finding_row_set_up_chooser (StiFindingRow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (self->settings == NULL)
    return;

  for (StiMta mta = STI_MTA_POSTFIX; mta < STI_N_MTAS; mta++)
    gtk_string_list_append (labels, sti_mta_get_label (mta));
  gtk_drop_down_set_model (self->mta_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->mta_dropdown,
                              sti_report_widgets_preferred_mta (self->settings) - STI_MTA_POSTFIX);
  gtk_widget_set_visible (GTK_WIDGET (self->mta_dropdown), TRUE);
  g_signal_connect_object (self->mta_dropdown, "notify::selected",
                           G_CALLBACK (on_mta_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::preferred-mta",
                           G_CALLBACK (on_preferred_mta_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
sti_finding_row_show_explanation (StiFindingRow *self)
{
  gboolean explain = self->settings == NULL ||
                     g_settings_get_boolean (self->settings, "explain-mode");
  const char *references = sti_explanation_get_references (self->explanation);

  if (explain)
    {
      show_text (self->what_heading, self->what_bin,
                 sti_explanation_get_what (self->explanation));
      show_text (self->why_heading, self->why_bin, sti_explanation_get_why (self->explanation));
    }

  sti_finding_row_set_up_chooser (self);
  sti_finding_row_update_fix (self);

  if (references != NULL && *references != '\0')
    {
      gtk_label_set_text (self->references_label, references);
      gtk_widget_set_visible (self->references_heading, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->references_label), TRUE);
    }
}

/* A certificate finding opens the viewer on the certificate it is about,
 * with the concerned field highlighted (win.show-finding-certificate). */
static void
sti_finding_row_set_up_certificate (StiFindingRow           *self,
                                    const StiLocatedFinding *located)
{
  const char *id = sti_finding_get_id (located->finding);
  gint64 position = 0;

  if (sti_certificate_sections_field_for_finding (id) == NULL ||
      located->host == NULL || located->address == NULL)
    return;

  sti_finding_get_param_int64 (located->finding, "position", &position);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->certificate_button),
                                  "win.show-finding-certificate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->certificate_button), "(sssu)",
                                    located->host, located->address, id,
                                    (guint32)MAX (position, 0));
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_button), TRUE);
}

/* The way to fix it with the certificate assistant. The registry says
 * which findings are about a certificate (certificate-field): those about
 * the chain are fixed by a correct chain file, the others by a new
 * certificate. */
static void
sti_finding_row_set_up_assistant (StiFindingRow *self,
                                  const char    *id)
{
  const char *field = sti_certificate_sections_field_for_finding (id);

  if (field == NULL)
    return;

  if (g_str_equal (field, "chain"))
    {
      gtk_button_set_label (self->assistant_button, _("_Build the Full Chain File"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->assistant_button),
                                      "win.build-chain-file");
    }
  else
    {
      gtk_button_set_label (self->assistant_button, _("_Get a New Certificate"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->assistant_button),
                                      "win.request-certificate");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->assistant_button), TRUE);
}

/* The catalog's title and what the finding is about, the way every
 * report format writes it (sti_located_finding_dup_title()). */
static char *
sti_finding_row_dup_title (StiFindingRow           *self,
                           const StiLocatedFinding *located,
                           const char              *domain)
{
  g_autofree char *detail = sti_finding_dup_detail_text (located->finding);
  g_autofree char *title = NULL;

  if (self->explanation != NULL && sti_explanation_is_known (self->explanation) &&
      sti_explanation_get_title (self->explanation) != NULL)
    {
      title = sti_located_finding_dup_title (located, sti_explanation_get_title (self->explanation),
                                             domain);
      return sti_report_widgets_display_text (title);
    }

  return sti_report_widgets_display_text (detail != NULL && *detail != '\0'
                                          ? detail : sti_finding_get_id (located->finding));
}

static void
sti_finding_row_dispose (GObject *object)
{
  StiFindingRow *self = STI_FINDING_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_FINDING_ROW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sti_finding_row_parent_class)->dispose (object);
}

static void
sti_finding_row_finalize (GObject *object)
{
  StiFindingRow *self = STI_FINDING_ROW (object);

  g_clear_pointer (&self->explanation, sti_explanation_free);

  G_OBJECT_CLASS (sti_finding_row_parent_class)->finalize (object);
}

static void
sti_finding_row_class_init (StiFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_finding_row_dispose;
  object_class->finalize = sti_finding_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-finding-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, severity_icon);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, certificate_button);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, assistant_button);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, what_heading);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, what_bin);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, why_heading);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, why_bin);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, fix_header);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, general_fix_bin);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, server_fix_header);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, server_fix_heading);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, mta_dropdown);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, fix_bin);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, references_heading);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, references_label);
  gtk_widget_class_bind_template_child (widget_class, StiFindingRow, id_label);
}

static void
sti_finding_row_init (StiFindingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_finding_row_new:
 * @located: the finding and where it was found
 * @domain: the domain the report is about
 * @mx_hosts: every MX host of the domain, for the explanation
 * @settings: (nullable): the application settings (explain mode, preferred
 *   mail server software)
 *
 * Returns: (transfer floating): a row named after the finding's id
 */
StiFindingRow *
sti_finding_row_new (const StiLocatedFinding *located,
                     const char              *domain,
                     const char * const      *mx_hosts,
                     GSettings               *settings)
{
  StiFindingRow *self = g_object_new (STI_TYPE_FINDING_ROW, NULL);
  StiExplainContext context = { domain, located->host, located->address, mx_hosts };
  StiSeverity severity = sti_finding_get_severity (located->finding);
  g_autofree char *detail = sti_finding_dup_detail_text (located->finding);
  g_autofree char *clean = sti_report_widgets_display_text (detail != NULL ? detail : "");
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *id_line = NULL;

  g_set_object (&self->settings, settings);
  self->explanation = sti_catalog_explain (located->finding, &context);

  if (located->host != NULL && located->address != NULL)
    where = g_strdup_printf ("%s (%s)", located->host, located->address);
  else
    where = g_strdup (located->host != NULL ? located->host : domain);

  title = sti_finding_row_dup_title (self, located, domain);
  /* Translators: severity, then where the problem was found */
  subtitle = g_strdup_printf (_("%s · %s"), sti_format_severity_label (severity), where);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_widget_set_name (GTK_WIDGET (self), sti_finding_get_id (located->finding));

  gtk_image_set_from_icon_name (self->severity_icon, sti_report_widgets_severity_icon (severity));
  if (sti_report_widgets_severity_css_class (severity) != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->severity_icon),
                              sti_report_widgets_severity_css_class (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->severity_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sti_format_severity_label (severity),
                                  -1);

  gtk_label_set_text (self->detail_label, clean);
  sti_finding_row_set_up_certificate (self, located);
  sti_finding_row_set_up_assistant (self, sti_finding_get_id (located->finding));
  if (self->explanation != NULL && sti_explanation_is_known (self->explanation))
    sti_finding_row_show_explanation (self);

  /* Translators: %s is a stable finding identifier such as cert-expired */
  id_line = g_strdup_printf (_("Finding: %s"), sti_finding_get_id (located->finding));
  gtk_label_set_text (self->id_label, id_line);

  return self;
}
