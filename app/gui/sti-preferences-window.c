/* sti-preferences-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-preferences-window.h"

#include "sti-report-widgets.h"
#include "sti-resolver.h"
#include "sti-trust-store.h"

#include <glib/gi18n.h>

struct _StiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *ehlo_row;
  AdwEntryRow          *dns_row;
  GtkLabel             *dns_error_label;
  GtkSwitch            *ipv6_switch;
  GtkAdjustment        *connect_adjustment;
  GtkAdjustment        *stage_adjustment;
  GtkAdjustment        *total_adjustment;
  GtkAdjustment        *mx_adjustment;
  GtkAdjustment        *address_adjustment;
  GtkListBox           *ca_list;
  GtkLabel             *ca_error_label;
  GtkSwitch            *explain_switch;
  AdwComboRow          *mta_row;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (StiPreferencesWindow, sti_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* In the order of the combo row's string list. */
static const char * const mta_ids[] = { "postfix", "exim", "sendmail", "exchange", "hosted" };

/**
 * sti_preferences_mta_from_index:
 * @index: a position in the mail server software list
 *
 * Returns: the `preferred-mta` value for @index ("postfix" when out of range)
 */
const char *
sti_preferences_mta_from_index (guint index)
{
  if (index >= G_N_ELEMENTS (mta_ids))
    return mta_ids[0];

  return mta_ids[index];
}

/**
 * sti_preferences_mta_to_index:
 * @mta: a `preferred-mta` value
 *
 * Returns: its position in the list, 0 when unknown
 */
guint
sti_preferences_mta_to_index (const char *mta)
{
  for (guint i = 0; i < G_N_ELEMENTS (mta_ids); i++)
    if (g_strcmp0 (mta, mta_ids[i]) == 0)
      return i;

  return 0;
}

static gboolean
mta_get_mapping (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  g_value_set_uint (value, sti_preferences_mta_to_index (g_variant_get_string (variant, NULL)));
  return TRUE;
}

static GVariant *
mta_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_string (sti_preferences_mta_from_index (g_value_get_uint (value)));
}

/* Shows @message under the row it is about (the row marked too), or
 * hides it for %NULL. */
static void
show_error (GtkLabel   *label,
            GtkWidget  *row,
            const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (row == NULL)
    return;
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* The DNS server is checked as it is typed: only an address the resolver
 * takes (or nothing, for the system's) is stored; anything else stays in
 * the row, marked, with the reason under it. */
static void
on_dns_row_changed_cb (StiPreferencesWindow *self,
                       GtkEditable          *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));
  g_autofree char *stored = NULL;
  g_autoptr(GError) error = NULL;

  if (*text != '\0' && !sti_resolver_check_server (text, &error))
    {
      g_autofree char *clean = sti_report_widgets_display_text (error->message);

      show_error (self->dns_error_label, GTK_WIDGET (row), clean);
      return;
    }

  show_error (self->dns_error_label, GTK_WIDGET (row), NULL);
  if (self->settings == NULL)
    return;
  stored = g_settings_get_string (self->settings, "dns-server");
  if (g_strcmp0 (stored, text) != 0)
    g_settings_set_string (self->settings, "dns-server", text);
}

static void
sti_preferences_window_set_ca_files (StiPreferencesWindow *self,
                                     const char * const   *files)
{
  g_settings_set_strv (self->settings, "extra-ca-files", files);
}

static void
on_remove_ca_clicked_cb (GtkButton            *button,
                         StiPreferencesWindow *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "sti-path");
  g_auto(GStrv) files = g_settings_get_strv (self->settings, "extra-ca-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; files[i] != NULL; i++)
    if (g_strcmp0 (files[i], path) != 0)
      g_strv_builder_add (builder, files[i]);
  updated = g_strv_builder_end (builder);
  sti_preferences_window_set_ca_files (self, (const char * const *)updated);
}

static void
sti_preferences_window_rebuild_ca (StiPreferencesWindow *self)
{
  g_auto(GStrv) files = g_settings_get_strv (self->settings, "extra-ca-files");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ca_list))) != NULL)
    gtk_list_box_remove (self->ca_list, child);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (files[i]);
      g_autofree char *basename = g_path_get_basename (display);
      g_autoptr(GError) error = NULL;
      g_autofree char *problem = NULL;
      GtkWidget *row;
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");

      /* A file chosen earlier may have gone or changed since. */
      if (!sti_trust_store_check_ca_file (files[i], NULL, &error))
        problem = sti_report_widgets_display_text (error->message);
      row = sti_report_widgets_row_new (basename, problem != NULL ? problem : display);
      if (problem != NULL)
        gtk_widget_add_css_class (row, "error");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"),
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "sti-path", g_strdup (files[i]), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_ca_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->ca_list, row);
    }

  if (files[0] == NULL)
    gtk_list_box_append (self->ca_list,
                         sti_report_widgets_row_new (_("None"),
                                                     _("Only the system's authorities "
                                                       "are trusted.")));
}

static void
on_ca_files_changed_cb (StiPreferencesWindow *self,
                        const char           *key,
                        GSettings            *settings)
{
  sti_preferences_window_rebuild_ca (self);
}

static void
on_ca_chooser_response_cb (StiPreferencesWindow *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL && g_file_peek_path (file) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) files = g_settings_get_strv (self->settings, "extra-ca-files");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) updated = NULL;

      /* A file that is not a CA is not added, and the reason shows. */
      if (!sti_trust_store_check_ca_file (g_file_peek_path (file), NULL, &error))
        {
          g_autofree char *clean = sti_report_widgets_display_text (error->message);

          show_error (self->ca_error_label, NULL, clean);
          return;
        }

      show_error (self->ca_error_label, NULL, NULL);
      g_strv_builder_addv (builder, (const char **)files);
      if (!g_strv_contains ((const char * const *)files, g_file_peek_path (file)))
        g_strv_builder_add (builder, g_file_peek_path (file));
      updated = g_strv_builder_end (builder);
      sti_preferences_window_set_ca_files (self, (const char * const *)updated);
    }
}

static void
on_add_ca_button_clicked_cb (StiPreferencesWindow *self,
                             GtkButton            *button)
{
  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Add a Certificate Authority File"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_ca_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
sti_preferences_window_dispose (GObject *object)
{
  StiPreferencesWindow *self = STI_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sti_preferences_window_parent_class)->dispose (object);
}

static void
sti_preferences_window_class_init (StiPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, ehlo_row);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, dns_row);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, dns_error_label);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, ca_error_label);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, ipv6_switch);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, connect_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, stage_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, total_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, mx_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, address_adjustment);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, ca_list);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, explain_switch);
  gtk_widget_class_bind_template_child (widget_class, StiPreferencesWindow, mta_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_ca_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dns_row_changed_cb);
}

static void
sti_preferences_window_init (StiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sti_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the application settings, which every control is bound to
 *
 * Returns: (transfer none): a new preferences window; changes apply at once
 */
StiPreferencesWindow *
sti_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  StiPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (STI_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "ehlo-name", self->ehlo_row, "text", G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *dns_server = g_settings_get_string (settings, "dns-server");

    /* Not bound: on_dns_row_changed_cb() stores only what is valid. */
    gtk_editable_set_text (GTK_EDITABLE (self->dns_row), dns_server);
    on_dns_row_changed_cb (self, GTK_EDITABLE (self->dns_row));
  }
  g_settings_bind (settings, "use-ipv6", self->ipv6_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "connect-timeout", self->connect_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stage-timeout", self->stage_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "total-timeout", self->total_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "mx-cap", self->mx_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "address-cap", self->address_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "explain-mode", self->explain_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "preferred-mta", self->mta_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                mta_get_mapping, mta_set_mapping, NULL, NULL);

  g_signal_connect_object (settings, "changed::extra-ca-files",
                           G_CALLBACK (on_ca_files_changed_cb), self, G_CONNECT_SWAPPED);
  sti_preferences_window_rebuild_ca (self);

  return self;
}
