/* sti-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-report-widgets.h"
#include "sti-settings.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (StiWindow, sti_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_BUSY,
  PROP_SESSION,
  N_PROPS
};

enum {
  CHECK_REQUESTED,
  FILE_OPEN_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
sti_window_update_actions (StiWindow *self)
{
  gboolean busy = self->check != NULL;
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean live_again = self->domain != NULL && !self->offline;
  /* Only a report on screen is exported, copied or compared: not the
   * previous one, behind the start page. */
  gboolean has_report = self->report != NULL && self->pending_report == NULL && !busy &&
                        g_strcmp0 (page, "start") != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-again", live_again);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-summary", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.make-mandatory", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.build-chain-file", has_report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-again-compare",
                                 has_report && live_again);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 g_strcmp0 (page, "start") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-transcript",
                                 self->shown_endpoint != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-transcript",
                                 self->shown_endpoint != NULL);

  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_set_visible (self->again_button, !busy && live_again && !self->narrow &&
                          g_strcmp0 (page, "start") != 0);
  gtk_widget_set_visible (self->export_button, has_report && !self->narrow &&
                          g_strcmp0 (page, "results") == 0);
  gtk_widget_set_visible (self->report_menu_button, has_report && self->narrow &&
                          g_strcmp0 (page, "results") == 0);
  gtk_widget_set_visible (self->back_button, !busy && g_strcmp0 (page, "start") != 0);
}

void
sti_window_set_page (StiWindow  *self,
                     const char *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);

  if (g_strcmp0 (page, "start") == 0)
    {
      if (self->recent_dirty)
        sti_window_rebuild_recent (self);
      adw_window_title_set_title (self->window_title, _("STARTTLS Inspector"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }
  else if (self->offline && self->report != NULL)
    {
      g_autofree char *title =
        sti_report_widgets_display_text (sti_domain_report_get_domain_unicode (self->report));

      adw_window_title_set_title (self->window_title, title);
    }
  else if (self->domain != NULL)
    {
      adw_window_title_set_title (self->window_title, self->domain);
    }

  sti_window_update_actions (self);
}

static void
sti_window_real_check_requested (StiWindow  *self,
                                 const char *domain)
{
  sti_window_start_check (self, domain);
}

void
sti_window_notify_busy (StiWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Remembers @domain, a target sti_check_target_parse() accepted, as the
 * window's and asks for a check of it (#StiWindow::check-requested). */
void
sti_window_request_check (StiWindow  *self,
                          const char *domain)
{
  if (g_strcmp0 (self->domain, domain) != 0)
    {
      g_free (self->domain);
      self->domain = g_strdup (domain);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
    }

  g_signal_emit (self, signals[CHECK_REQUESTED], 0, self->domain);
}

static void
sti_window_map (GtkWidget *widget)
{
  StiWindow *self = STI_WINDOW (widget);

  GTK_WIDGET_CLASS (sti_window_parent_class)->map (widget);

  if (self->recent_dirty)
    sti_window_queue_recent_rebuild (self);
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

static void
sti_window_constructed (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  G_OBJECT_CLASS (sti_window_parent_class)->constructed (object);

  self->settings = sti_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  sti_window_setup_recent (self);
}

static void
sti_window_dispose (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  sti_window_detach_check (self);
  sti_window_unqueue_build (self);
  if (self->file_cancellable != NULL)
    g_cancellable_cancel (self->file_cancellable);
  g_clear_object (&self->file_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_toast);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->recent_idle_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->endpoint_rows, g_hash_table_unref);
  g_clear_pointer (&self->host_groups, g_hash_table_unref);
  self->transcript_view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_WINDOW);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->report);
  g_clear_object (&self->compare_base);
  g_clear_object (&self->shown_endpoint);

  G_OBJECT_CLASS (sti_window_parent_class)->dispose (object);
}

static void
sti_window_finalize (GObject *object)
{
  StiWindow *self = STI_WINDOW (object);

  g_clear_pointer (&self->domain, g_free);
  g_clear_error (&self->check_error);

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

    case PROP_BUSY:
      g_value_set_boolean (value, sti_window_get_busy (self));
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  StiWindow *self = STI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
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
  object_class->set_property = sti_window_set_property;

  widget_class->map = sti_window_map;
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

  /**
   * StiWindow:busy:
   *
   * Whether a check runs in this window.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StiWindow:session:
   *
   * The check session the window creates its checks with.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STI_TYPE_CHECK_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
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
   * entry, Ctrl+R, a recent or demo domain, or a DOMAIN on the command
   * line). The default handler runs the check in this window, set up by
   * the session (#StiWindow:session) from the preferences; a handler that
   * calls g_signal_stop_emission_by_name() prevents that.
   */
  signals[CHECK_REQUESTED] =
    g_signal_new_class_handler ("check-requested",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (sti_window_real_check_requested),
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
  gtk_widget_class_bind_template_child (widget_class, StiWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, domain_entry);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, check_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, again_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, report_menu_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, open_report_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, demo_list);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_spinner);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, overview_box);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, hosts_box);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, report_box);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, endpoint_bin);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, results_scroll);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, endpoint_scroll);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, compare_bin);
  gtk_widget_class_bind_template_child (widget_class, StiWindow, compare_scroll);

  sti_window_class_init_start (widget_class);
  sti_window_class_init_actions (widget_class);
  sti_window_class_init_reports (widget_class);
  sti_window_class_init_assist (widget_class);

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

  self->endpoint_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sti_window_build_demo_list (self);
  sti_window_init_layout (self);
  sti_window_update_actions (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * sti_window_new:
 * @application: the application the window belongs to
 * @session: the check session to create checks with
 *
 * Creates a window. It restores its size from GSettings and saves it when
 * it closes.
 *
 * Returns: (transfer none): the new window, owned by GTK's toplevel list
 */
StiWindow *
sti_window_new (GtkApplication  *application,
                StiCheckSession *session)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (STI_IS_CHECK_SESSION (session), NULL);

  return g_object_new (STI_TYPE_WINDOW,
                       "application", application,
                       "session", session,
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

/**
 * sti_window_get_busy:
 * @self: a #StiWindow
 *
 * Returns: %TRUE while a check runs in @self, until its results page is
 *   built
 */
gboolean
sti_window_get_busy (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), FALSE);

  return self->check != NULL || self->pending_report != NULL;
}

/**
 * sti_window_get_report:
 * @self: a #StiWindow
 *
 * Returns: (nullable) (transfer none): the report of the last check that
 *   finished in @self, or %NULL while none has (or it failed or was
 *   cancelled)
 */
StiDomainReport *
sti_window_get_report (StiWindow *self)
{
  g_return_val_if_fail (STI_IS_WINDOW (self), NULL);

  return self->report;
}

/**
 * sti_window_cancel_check:
 * @self: a #StiWindow
 *
 * Stops the running check at once, like Escape. Its endpoints stop where
 * they are; #StiWindow:busy turns %FALSE when the engine has wound down.
 */
void
sti_window_cancel_check (StiWindow *self)
{
  g_return_if_fail (STI_IS_WINDOW (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
