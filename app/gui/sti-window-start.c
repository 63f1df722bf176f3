/* sti-window-start.c: the start page of StiWindow
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-check-target.h"
#include "sti-lab.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

#define MAX_RECENT_DOMAINS 10

void
sti_window_show_input_error (StiWindow  *self,
                             const char *message)
{
  gboolean show = message != NULL;

  gtk_label_set_text (self->error_label, show ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), show);

  if (show)
    gtk_widget_add_css_class (GTK_WIDGET (self->domain_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->domain_entry), "error");
}

/* The canonical text of a target, which sti_check_target_parse() turns
 * back into the same target. */
static char *
sti_window_format_target (const StiCheckTarget *target)
{
  if (!target->direct)
    return g_strdup (target->domain);

  if (target->port != 0)
    return g_strdup_printf ("[%s]:%u", target->domain, (guint)target->port);

  return g_strdup_printf ("[%s]", target->domain);
}

static void
on_domain_entry_changed_cb (StiWindow *self,
                            GtkEntry  *entry)
{
  const char *text;

  g_assert (STI_IS_WINDOW (self));

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  while (g_ascii_isspace (*text))
    text++;

  sti_window_show_input_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check", *text != '\0');
}

static void
on_domain_entry_activate_cb (StiWindow *self,
                             GtkEntry  *entry)
{
  g_assert (STI_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.check", NULL);
}

static void
sti_window_check_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *domain = NULL;

  target = sti_check_target_parse (gtk_editable_get_text (GTK_EDITABLE (self->domain_entry)),
                                   &error);
  if (target == NULL)
    {
      /* The message quotes the input sanitized, and a GtkLabel without
       * markup shows it literally. */
      sti_window_show_input_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
      return;
    }

  domain = sti_window_format_target (target);

  sti_window_show_input_error (self, NULL);
  sti_window_request_check (self, domain);
}

static void
sti_window_focus_domain_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  if (self->check == NULL)
    sti_window_set_page (self, "start");
  else
    gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->domain_entry), 0, -1);
}

void
sti_window_remember_domain (StiWindow  *self,
                            const char *domain)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-domains");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, domain);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_DOMAINS; i++)
    {
      if (g_str_equal (recent[i], domain))
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-domains", (const char * const *)updated);
}

static void
sti_window_check_text (StiWindow  *self,
                       const char *text)
{
  sti_window_set_domain (self, text);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.check", NULL);
}

/* A row of the recent or the demo domains: check its domain. */
static void
on_domain_list_row_activated_cb (StiWindow     *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  const char *domain = g_object_get_data (G_OBJECT (row), "sti-domain");

  if (domain != NULL)
    sti_window_check_text (self, domain);
}

static void
sti_window_remove_recent_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  const char *domain = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-domains");
  for (guint i = 0; recent[i] != NULL; i++)
    if (!g_str_equal (recent[i], domain))
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-domains", (const char * const *)updated);
}

void
sti_window_rebuild_recent (StiWindow *self)
{
  g_auto(GStrv) recent = NULL;
  GtkWidget *child;

  self->recent_dirty = FALSE;
  g_clear_handle_id (&self->recent_idle_id, g_source_remove);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-domains");

  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autofree char *clean = sti_report_widgets_display_text (recent[i]);
      g_autofree char *tooltip = NULL;
      GtkWidget *row = sti_report_widgets_row_new (clean, NULL);
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

      /* Translators: %s is a domain name */
      tooltip = g_strdup_printf (_("Remove %s from the recent domains"), clean);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", recent[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "sti-domain", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_group, recent != NULL && recent[0] != NULL);
}

static gboolean
sti_window_rebuild_recent_idle_cb (gpointer user_data)
{
  StiWindow *self = user_data;

  self->recent_idle_id = 0;
  /* A window that left the start page since rebuilds when it returns. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    sti_window_rebuild_recent (self);
  return G_SOURCE_REMOVE;
}

/* Every window shares the setting: a check in one window must not make all
 * the others rebuild their list at once, so the rebuild waits until the
 * start page shows on screen, and then for an idle moment. */
void
sti_window_queue_recent_rebuild (StiWindow *self)
{
  self->recent_dirty = TRUE;

  if (self->recent_idle_id == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    self->recent_idle_id = g_idle_add (sti_window_rebuild_recent_idle_cb, self);
}

static void
on_recent_domains_changed_cb (StiWindow  *self,
                              const char *key,
                              GSettings  *settings)
{
  sti_window_queue_recent_rebuild (self);
}

/* Called once the window has its settings. */
void
sti_window_setup_recent (StiWindow *self)
{
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-domains",
                             G_CALLBACK (on_recent_domains_changed_cb), self,
                             G_CONNECT_SWAPPED);

  sti_window_rebuild_recent (self);
}

void
sti_window_build_demo_list (StiWindow *self)
{
  const StiLabScenario *scenarios;
  guint n_scenarios = 0;

  scenarios = sti_lab_get_scenarios (&n_scenarios);
  for (guint i = 0; i < n_scenarios; i++)
    {
      GtkWidget *row = sti_report_widgets_row_new (scenarios[i].domain,
                                                   _(scenarios[i].description));
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "sti-domain", (gpointer)scenarios[i].domain);
      gtk_list_box_append (self->demo_list, row);
    }
}

void
sti_window_class_init_start (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.check", NULL,
                                   sti_window_check_action);
  gtk_widget_class_install_action (widget_class, "win.focus-domain", NULL,
                                   sti_window_focus_domain_action);
  gtk_widget_class_install_action (widget_class, "win.remove-recent", "s",
                                   sti_window_remove_recent_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-domain", NULL);
}
