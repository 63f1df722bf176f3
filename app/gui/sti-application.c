/* sti-application.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-application.h"

#include "sti-certificate-window.h"
#include "sti-check-target.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-window.h"

#include <glib/gi18n.h>

struct _StiApplication
{
  AdwApplication  parent_instance;

  gboolean         demo_mode;
  StiCheckSession *session;   /* every window's checks: trust store, resolver, lab */
};

G_DEFINE_FINAL_TYPE (StiApplication, sti_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the built-in demo lab and offer its domains"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  /* Translators: the command line arguments in --help */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[DOMAIN|FILE…]") },
  { NULL }
};

static void
sti_application_set_demo_mode (StiApplication *self,
                               gboolean        demo_mode)
{
  demo_mode = !!demo_mode;

  if (self->demo_mode != demo_mode)
    {
      self->demo_mode = demo_mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
    }
}

/* A DOMAIN argument gets the active window while that has not checked
 * anything yet, and a new window otherwise, so a running check is never
 * replaced from the command line. */
static StiWindow *
sti_application_get_window_for_domain (StiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STI_IS_WINDOW (window) && sti_window_get_domain (STI_WINDOW (window)) == NULL)
    return STI_WINDOW (window);

  return sti_window_new (GTK_APPLICATION (self), self->session);
}

static StiWindow *
sti_application_get_any_window (StiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (STI_IS_WINDOW (window))
    return STI_WINDOW (window);

  return sti_window_new (GTK_APPLICATION (self), self->session);
}

static void
sti_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  StiApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  g_assert (STI_IS_APPLICATION (self));

  /* Closing rather than quitting lets each window save its state in
   * close-request; the application exits with its last window. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
sti_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  StiApplication *self = user_data;
  static const char *developers[] = {
    "The STARTTLS Inspector authors",
    NULL
  };
  GtkWindow *about;

  g_assert (STI_IS_APPLICATION (self));

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("STARTTLS Inspector"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Check whether mail to a domain travels encrypted and "
                                      "authenticated, and learn how to fix it when it does not."),
                        "developer-name", _("The STARTTLS Inspector authors"),
                        "developers", developers,
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The STARTTLS Inspector authors"),
                        /* Translators: Replace "translator-credits" with your name/username,
                         * and optionally an email or URL, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "quit", sti_application_quit_action },
  { "about", sti_application_about_action },
};

static void
sti_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (sti_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "app.quit", quit_accels);
}

static void
sti_application_activate (GApplication *application)
{
  StiApplication *self = STI_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (sti_application_get_any_window (self)));
}

static int
sti_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", _("STARTTLS Inspector"), PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  return -1;
}

static int
sti_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  StiApplication *self = STI_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **args = NULL;
  gboolean failed = FALSE;

  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GError) lab_error = NULL;

      sti_application_set_demo_mode (self, TRUE);
      if (sti_application_ensure_lab (self, &lab_error) == NULL)
        {
          g_application_command_line_printerr (command_line,
                                               _("The demo lab could not start: %s\n"),
                                               lab_error->message);
          return EXIT_FAILURE;
        }
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &args);

  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                               args[i]);
      g_autoptr(StiCheckTarget) target = NULL;
      g_autoptr(GError) error = NULL;

      /* A name that exists as a file is a file: a local stat, once. */
      if (g_file_query_exists (file, NULL))
        {
          g_ptr_array_add (files, g_steal_pointer (&file));
          continue;
        }

      target = sti_check_target_parse (args[i], &error);
      if (target == NULL)
        {
          g_autofree char *display = g_filename_display_name (args[i]);

          /* Translators: the first %s is a command line argument, the
           * second the reason it is not a domain name. */
          g_application_command_line_printerr (command_line,
                                               /* Translators: what the user gave on the command
                                                * line, then why it is not a mail domain */
                                               _("“%s” is neither an existing file nor a "
                                                 "mail domain: %s\n"),
                                               display, error->message);
          failed = TRUE;
          continue;
        }

      /* The window parses the argument again when the check starts. */
      g_ptr_array_add (domains, g_strdup (args[i]));
    }

  if (failed)
    return EXIT_FAILURE;

  if (domains->len == 0 && files->len == 0)
    {
      g_application_activate (application);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < domains->len; i++)
    {
      StiWindow *window = sti_application_get_window_for_domain (self);

      gtk_window_present (GTK_WINDOW (window));
      sti_window_set_domain (window, g_ptr_array_index (domains, i));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.check", NULL);
    }

  for (guint i = 0; i < files->len; i++)
    {
      StiWindow *window = sti_application_get_any_window (self);

      gtk_window_present (GTK_WINDOW (window));
      sti_window_open_file (window, g_ptr_array_index (files, i));
    }

  return EXIT_SUCCESS;
}

/* A file that is not a JSON report opens in the certificate viewer (the
 * window handles reports itself, and opens the viewer on an endpoint's
 * chain itself). */
static void
sti_application_file_open_requested_cb (StiWindow      *window,
                                        GFile          *file,
                                        StiApplication *self)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;

  /* A saved report opens in the window, read-only; anything else is taken
   * for a certificate, a chain, a PKCS#7 bundle or a request. */
  if (lower != NULL && g_str_has_suffix (lower, ".json"))
    {
      sti_window_open_report_file (window, file);
      return;
    }

  gtk_window_present (GTK_WINDOW (sti_certificate_window_new_for_file (GTK_WINDOW (window), file)));
}

static void
sti_application_window_added (GtkApplication *application,
                              GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (sti_application_parent_class)->window_added (application, window);

  if (STI_IS_WINDOW (window))
    g_signal_connect_object (window, "file-open-requested",
                             G_CALLBACK (sti_application_file_open_requested_cb),
                             application, 0);
}

static void
sti_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiApplication *self = STI_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DEMO_MODE:
      g_value_set_boolean (value, sti_application_get_demo_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_application_dispose (GObject *object)
{
  StiApplication *self = STI_APPLICATION (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sti_application_parent_class)->dispose (object);
}

static void
sti_application_class_init (StiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_application_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = sti_application_dispose;
  object_class->get_property = sti_application_get_property;

  application_class->startup = sti_application_startup;
  application_class->activate = sti_application_activate;
  application_class->handle_local_options = sti_application_handle_local_options;
  application_class->command_line = sti_application_command_line;
  gtk_application_class->window_added = sti_application_window_added;

  /**
   * StiApplication:demo-mode:
   *
   * Whether `--demo` was given: start the built-in demo lab and offer its
   * domains. Once set it stays set for the life of the application.
   */
  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_application_init (StiApplication *self)
{
  /* The window offers the lab's domains; checking one starts the lab, on
   * a thread so that its TLS handshakes do not stall the UI. */
  self->session = sti_check_session_new (TRUE);
  sti_check_session_set_lab_on_demand (self->session, TRUE);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Check whether mail to a domain travels "
                                              "encrypted and authenticated."));
}

/**
 * sti_application_new:
 *
 * Creates the application. Its resource base path is fixed to
 * RESOURCE_BASE_PATH so that the Devel application ID finds the same
 * resources (help overlay, style.css, icons).
 *
 * Returns: (transfer full): a new #StiApplication
 */
StiApplication *
sti_application_new (void)
{
  return g_object_new (STI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * sti_application_get_demo_mode:
 * @self: a #StiApplication
 *
 * Returns: %TRUE if the application was started with `--demo`
 */
gboolean
sti_application_get_demo_mode (StiApplication *self)
{
  g_return_val_if_fail (STI_IS_APPLICATION (self), FALSE);

  return self->demo_mode;
}

/**
 * sti_application_get_lab:
 * @self: a #StiApplication
 *
 * Returns: (nullable) (transfer none): the demo lab if it runs
 */
StiLab *
sti_application_get_lab (StiApplication *self)
{
  g_return_val_if_fail (STI_IS_APPLICATION (self), NULL);

  return sti_check_session_get_lab (self->session);
}

/**
 * sti_application_ensure_lab:
 * @self: a #StiApplication
 * @error: return location for a #GError
 *
 * Starts the demo lab unless it already runs (sti_check_session_ensure_lab()).
 * The lab lives as long as the application.
 *
 * Returns: (nullable) (transfer none): the running lab, or %NULL with
 *   @error set
 */
StiLab *
sti_application_ensure_lab (StiApplication  *self,
                            GError         **error)
{
  g_return_val_if_fail (STI_IS_APPLICATION (self), NULL);

  return sti_check_session_ensure_lab (self->session, error);
}

/**
 * sti_application_get_session:
 * @self: a #StiApplication
 *
 * Returns: (transfer none): the check session every window creates its
 *   checks with
 */
StiCheckSession *
sti_application_get_session (StiApplication *self)
{
  g_return_val_if_fail (STI_IS_APPLICATION (self), NULL);

  return self->session;
}
