/* sti-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window.h"

#include "sti-application.h"
#include "sti-check-target.h"

#include <glib/gi18n.h>

struct _StiWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkEntry             *domain_entry;
  GtkLabel             *error_label;
  GtkButton            *check_button;

  /* Owned references */
  GSettings            *settings;
  char                 *domain;
};

G_DEFINE_FINAL_TYPE (StiWindow, sti_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOMAIN,
  N_PROPS
};

enum {
  CHECK_REQUESTED,
  FILE_OPEN_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
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

  if (g_strcmp0 (self->domain, domain) != 0)
    {
      g_free (self->domain);
      self->domain = g_strdup (domain);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
    }

  g_signal_emit (self, signals[CHECK_REQUESTED], 0, self->domain);
}

static void
sti_window_focus_domain_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "start");
  gtk_widget_grab_focus (GTK_WIDGET (self->domain_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->domain_entry), 0, -1);
}

static gboolean
sti_window_close_request (GtkWindow *window)
{
  StiWindow *self = STI_WINDOW (window);

  if (self->settings != NULL)
    {
      int width = 0;
      int height = 0;

      /* The default size follows the unmaximized size in GTK 4. */
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (sti_window_parent_class)->close_request (window);
}

static GSettings *
sti_window_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts on a missing schema, which is what an
   * uninstalled build run without GSETTINGS_SCHEMA_DIR has. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, STI_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_warning_once ("GSettings schema %s is not installed; the window size is not remembered",
                      STI_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
sti_window_constructed (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  G_OBJECT_CLASS (sti_window_parent_class)->constructed (object);

  self->settings = sti_window_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
sti_window_dispose (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sti_window_parent_class)->dispose (object);
}

static void
sti_window_finalize (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  g_clear_pointer (&self->domain, g_free);

  G_OBJECT_CLASS (sti_window_parent_class)->finalize (object);
}

static void
sti_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  StiWindow *self = STI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_string (value, sti_window_get_domain (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_window_class_init (StiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sti_window_constructed;
  object_class->dispose = sti_window_dispose;
  object_class->finalize = sti_window_finalize;
  object_class->get_property = sti_window_get_property;

  window_class->close_request = sti_window_close_request;

  /**
   * StiWindow:domain: (nullable)
   *
   * The target of the most recent check request, in the form
   * #StiWindow::check-requested carries; %NULL before the first one.
   */
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StiWindow::check-requested:
   * @self: the window
   * @domain: what to check, already validated by sti_check_target_parse():
   *   the mail domain (A-label form, lower case, no trailing dot), or for a
   *   single server `[host]` or `[host]:port`
   *
   * Emitted when the user asks for a check (the Check button, Enter in the
   * entry, or a DOMAIN on the command line). The window runs no check
   * itself: whoever owns the engine connects here and passes @domain to
   * sti_check_target_parse() again, which yields the same target.
   */
  signals[CHECK_REQUESTED] =
    g_signal_new ("check-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * StiWindow::file-open-requested:
   * @self: the window
   * @file: the file to open, which existed when it was requested
   *
   * Emitted by sti_window_open_file(), for example for a FILE on the command
   * line. It is meant for the certificate viewer; nothing else handles it.
   */
  signals[FILE_OPEN_REQUESTED] =
    g_signal_new ("file-open-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, domain_entry);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, check_button);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domain_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.check", NULL,
                                   sti_window_check_action);
  gtk_widget_class_install_action (widget_class, "win.focus-domain", NULL,
                                   sti_window_focus_domain_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.focus-domain", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sti_window_init (StiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);
  /* Otherwise the first focusable widget, the menu button, gets it. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->domain_entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check", FALSE);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * sti_window_new:
 * @application: the application the window belongs to
 *
 * Creates a window. It restores its size from GSettings and saves it when
 * it closes.
 *
 * Returns: (transfer none): the new window, owned by GTK's toplevel list
 */
StiWindow *
sti_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (STI_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * sti_window_set_domain:
 * @self: a #StiWindow
 * @domain: the text to put in the domain entry
 *
 * Fills the domain entry on the start page. This does not start a check:
 * activate the `win.check` action for that, which validates the text with
 * sti_check_target_parse() and emits #StiWindow::check-requested.
 */
void
sti_window_set_domain (StiWindow  *self,
                       const char *domain)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (domain != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->domain_entry), domain);
  gtk_editable_set_position (GTK_EDITABLE (self->domain_entry), -1);
}

/**
 * sti_window_get_domain:
 * @self: a #StiWindow
 *
 * Returns: (nullable): the target of the most recent check request, as
 *   #StiWindow::check-requested carried it
 */
const char *
sti_window_get_domain (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), NULL);

  return self->domain;
}

/**
 * sti_window_open_file:
 * @self: a #StiWindow
 * @file: a file to open, such as a certificate
 *
 * Emits #StiWindow::file-open-requested for @file.
 */
void
sti_window_open_file (StiWindow *self,
                      GFile     *file)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_signal_emit (self, signals[FILE_OPEN_REQUESTED], 0, file);
}

/**
 * sti_window_add_toast:
 * @self: a #StiWindow
 * @toast: (transfer full): a toast for a one-off event
 *
 * Shows @toast. Toast titles are Pango markup in libadwaita 1.2: escape
 * anything that did not come from a translation.
 */
void
sti_window_add_toast (StiWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (STI_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
