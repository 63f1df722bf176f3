/* sti-mandatory-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mandatory-window.h"

#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* The "Make TLS mandatory" view: StiMandatoryPlan for the report shown,
 * laid out with a copy button per record. Every word comes from the plan;
 * server-supplied text (host names, published records) only ever goes
 * into plain labels and rows with markup off. */

struct _StiMandatoryWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkImage            *status_icon;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *blockers_group;
  GtkBox              *sections_box;

  /* Owned references */
  StiMandatoryPlan    *plan;
};

G_DEFINE_FINAL_TYPE (StiMandatoryWindow, sti_mandatory_window, ADW_TYPE_WINDOW)

static void
copy_clicked_cb (GtkButton          *button,
                 StiMandatoryWindow *self)
{
  const char *text = g_object_get_data (G_OBJECT (button), "sti-text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static GtkWidget *
copy_button_new (StiMandatoryWindow       *self,
                 const StiMandatoryRecord *record)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  /* Translators: the accessible name of a copy button; %s is a record's name */
  g_autofree char *label = g_strdup_printf (_("Copy %s"), record->title);

  gtk_widget_set_tooltip_text (button, _("Copy to the clipboard"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "copy-record");
  g_object_set_data_full (G_OBJECT (button), "sti-text", g_strdup (record->text), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (copy_clicked_cb), self, 0);
  return button;
}

static const char *
change_css_class (StiMandatoryChange change)
{
  switch (change)
    {
    case STI_MANDATORY_CHANGE_KEEP:
      return "success";
    case STI_MANDATORY_CHANGE_REMOVE:
      return "error";
    case STI_MANDATORY_CHANGE_REPLACE:
      return "warning";
    case STI_MANDATORY_CHANGE_ADD:
    default:
      return "accent";
    }
}

/* One record: what to do with it (a word, not a colour alone), its name,
 * the text to copy, what is published now when it is replaced, a note. */
static GtkWidget *
record_row_new (StiMandatoryWindow       *self,
                const StiMandatoryRecord *record)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *tag = sti_report_widgets_text_new (sti_mandatory_change_get_label (record->change),
                                                 "caption-heading");
  GtkWidget *title = sti_report_widgets_text_new (record->title, "heading");
  g_autofree char *shown = g_strchomp (g_strdup (record->text));
  GtkWidget *text = sti_report_widgets_text_new (shown, "monospace");

  /* A one-word tag: never broken over lines */
  gtk_label_set_wrap (GTK_LABEL (tag), FALSE);
  gtk_widget_add_css_class (tag, change_css_class (record->change));
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), tag);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), copy_button_new (self, record));
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_name (text, record->id);
  gtk_widget_add_css_class (text, "record-text");
  gtk_box_append (GTK_BOX (box), text);

  if (record->current != NULL && record->change == STI_MANDATORY_CHANGE_REPLACE)
    {
      GtkWidget *current = sti_report_widgets_text_new (record->current, "monospace");

      gtk_box_append (GTK_BOX (box),
                      sti_report_widgets_text_new (_("Published now:"), "dim-label"));
      gtk_label_set_selectable (GTK_LABEL (current), TRUE);
      gtk_widget_add_css_class (current, "dim-label");
      gtk_box_append (GTK_BOX (box), current);
    }
  if (record->note != NULL)
    gtk_box_append (GTK_BOX (box), sti_report_widgets_text_new (record->note, "dim-label"));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static GtkWidget *
warning_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  /* Translators: a warning the user must act on */
  g_autofree char *line = g_strdup_printf (_("Important: %s"), text);
  GtkWidget *label = sti_report_widgets_text_new (line, NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "mandatory-warning");
  return box;
}

static GtkWidget *
section_new (StiMandatoryWindow        *self,
             const StiMandatorySection *section)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), section->title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), section->intro);
  gtk_widget_set_name (group, section->id);

  for (guint i = 0; i < section->warnings->len; i++)
    gtk_box_append (GTK_BOX (box), warning_new (g_ptr_array_index (section->warnings, i)));

  if (section->records->len > 0)
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < section->records->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             record_row_new (self, g_ptr_array_index (section->records, i)));
      gtk_box_append (GTK_BOX (box), list);
    }

  for (guint i = 0; i < section->steps->len; i++)
    {
      g_autofree char *step = g_strdup_printf ("%u. %s", i + 1,
                                               (const char *)g_ptr_array_index (section->steps,
                                                                                i));

      gtk_box_append (GTK_BOX (box), sti_report_widgets_text_new (step, NULL));
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  return group;
}

static GtkWidget *
blocker_row_new (const StiMandatoryBlocker *blocker)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  /* Translators: what is wrong, then what to do first */
  g_autofree char *subtitle = g_strdup_printf (_("%s\nWhat to do: %s"), blocker->problem,
                                               blocker->action);

  if (blocker->host != NULL && blocker->address != NULL)
    /* Translators: an MX host name, then one of its addresses */
    title = g_strdup_printf (_("%s at %s"), blocker->host, blocker->address);
  else
    title = g_strdup (blocker->host != NULL ? blocker->host : _("The domain"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  return row;
}

static void
show_plan (StiMandatoryWindow *self)
{
  GPtrArray *blockers = sti_mandatory_plan_get_blockers (self->plan);
  GPtrArray *sections = sti_mandatory_plan_get_sections (self->plan);
  gboolean ready = sti_mandatory_plan_get_status (self->plan) == STI_MANDATORY_READY;

  adw_window_title_set_subtitle (self->window_title, sti_mandatory_plan_get_domain (self->plan));
  gtk_label_set_text (self->summary_label, sti_mandatory_plan_get_summary (self->plan));
  gtk_image_set_from_icon_name (self->status_icon, ready ? "emblem-ok-symbolic"
                                                         : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), ready ? "success" : "warning");

  for (guint i = 0; i < blockers->len; i++)
    adw_preferences_group_add (self->blockers_group,
                               blocker_row_new (g_ptr_array_index (blockers, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->blockers_group), blockers->len > 0);

  for (guint i = 0; i < sections->len; i++)
    gtk_box_append (self->sections_box, section_new (self, g_ptr_array_index (sections, i)));
}

static void
sti_mandatory_window_dispose (GObject *object)
{
  StiMandatoryWindow *self = STI_MANDATORY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_MANDATORY_WINDOW);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (sti_mandatory_window_parent_class)->dispose (object);
}

static void
sti_mandatory_window_class_init (StiMandatoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_mandatory_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/starttlsinspector/"
                                                             "Inspector/ui/sti-mandatory-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, blockers_group);
  gtk_widget_class_bind_template_child (widget_class, StiMandatoryWindow, sections_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sti_mandatory_window_init (StiMandatoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_mandatory_window_new:
 * @report: a finished check
 *
 * Returns: (transfer full): a window with the plan for @report's domain
 */
StiMandatoryWindow *
sti_mandatory_window_new (StiDomainReport *report)
{
  StiMandatoryWindow *self;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  self = g_object_new (STI_TYPE_MANDATORY_WINDOW, NULL);
  self->plan = sti_mandatory_plan_new (report);
  show_plan (self);
  return self;
}

/* Returns: (transfer none): the plan shown */
StiMandatoryPlan *
sti_mandatory_window_get_plan (StiMandatoryWindow *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_WINDOW (self), NULL);
  return self->plan;
}

/**
 * sti_mandatory_window_entry_new:
 * @report: the report on the results page
 *
 * Returns: (transfer floating): the results page's way in: a group with
 *   one row that opens the window (action `win.make-mandatory`)
 */
GtkWidget *
sti_mandatory_window_entry_new (StiDomainReport *report)
{
  g_autoptr(StiMandatoryPlan) plan = sti_mandatory_plan_new (report);
  gboolean ready = sti_mandatory_plan_get_status (plan) == STI_MANDATORY_READY;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ready ? _("Make TLS mandatory")
                                       : _("Before making TLS mandatory"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               ready ? _("The records for MTA-STS, TLS reporting and DANE, "
                                         "ready to copy")
                                     : _("What to fix first"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("security-high-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.make-mandatory");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_name (group, "mandatory-entry");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}
