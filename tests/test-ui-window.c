/* test-ui-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-application.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

typedef struct
{
  GPtrArray *domains;
  GPtrArray *files;
  guint      n_windows;
  gboolean   close_scheduled;
} Requests;

static void
on_check_requested_cb (StiWindow  *window,
                       const char *domain,
                       Requests   *requests)
{
  g_ptr_array_add (requests->domains, g_strdup (domain));
  /* Record only: the window's own handler would run the check. */
  g_signal_stop_emission_by_name (window, "check-requested");
}

static void
on_file_open_requested_cb (StiWindow *window,
                           GFile     *file,
                           Requests  *requests)
{
  g_ptr_array_add (requests->files, g_object_ref (file));
}

static void
requests_init (Requests *requests)
{
  requests->domains = g_ptr_array_new_with_free_func (g_free);
  requests->files = g_ptr_array_new_with_free_func (g_object_unref);
  requests->n_windows = 0;
  requests->close_scheduled = FALSE;
}

static void
requests_clear (Requests *requests)
{
  g_clear_pointer (&requests->domains, g_ptr_array_unref);
  g_clear_pointer (&requests->files, g_ptr_array_unref);
}

static void
test_application_new_destroy (void)
{
  StiApplication *application = sti_application_new ();

  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (application)), ==, APP_ID);
  g_assert_cmpstr (g_application_get_resource_base_path (G_APPLICATION (application)), ==,
                   RESOURCE_BASE_PATH);
  g_assert_false (sti_application_get_demo_mode (application));
  g_assert_finalize_object (application);
}

static void
test_window_new_destroy (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));

  g_assert_true (STI_IS_WINDOW (window));
  g_assert_null (sti_window_get_domain (window));
  destroy_window (window);
}

static void
test_window_start_page (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  AdwStatusPage *status_page = child (window, "status_page");
  GtkEntry *entry = child (window, "domain_entry");
  GtkWidget *check_button = child (window, "check_button");
  GtkMenuButton *menu_button = child (window, "menu_button");
  AdwWindowTitle *title = child (window, "window_title");
  GMenuModel *menu;
  GtkWidget *focus;
  g_autofree char *action = NULL;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_cmpstr (adw_window_title_get_title (title), ==, "STARTTLS Inspector");
  g_assert_cmpstr (adw_status_page_get_title (status_page), ==, "Check a Mail Domain");
  g_assert_cmpstr (adw_status_page_get_icon_name (status_page), ==, APP_ID);
  g_assert_nonnull (adw_status_page_get_description (status_page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (entry)));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (entry), ==,
                   "example.org or postmaster@example.org");

  /* The entry has the focus, so the user can type at once. */
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == GTK_WIDGET (entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (entry)));

  g_assert_true (gtk_widget_has_css_class (check_button, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (check_button, "pill"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (check_button)), ==, "win.check");
  /* Nothing to check yet. */
  g_assert_false (gtk_widget_is_sensitive (check_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_assert_false (gtk_widget_is_sensitive (check_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "example.org");
  g_assert_true (gtk_widget_is_sensitive (check_button));

  g_assert_cmpstr (gtk_menu_button_get_icon_name (menu_button), ==, "open-menu-symbolic");
  g_assert_true (gtk_menu_button_get_primary (menu_button));
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  {
    GMenuModel *check_section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    const char * const check_actions[] = { "win.focus-domain", "win.check-many",
                                           "win.open-certificate", "win.export" };

    g_assert_cmpint (g_menu_model_get_n_items (check_section), ==, G_N_ELEMENTS (check_actions));
    for (guint i = 0; i < G_N_ELEMENTS (check_actions); i++)
      {
        g_assert_true (g_menu_model_get_item_attribute (check_section, i, G_MENU_ATTRIBUTE_ACTION,
                                                        "s", &action));
        g_assert_cmpstr (action, ==, check_actions[i]);
        g_clear_pointer (&action, g_free);
      }
    g_object_unref (check_section);
  }
  {
    GMenuModel *assist_section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
    const char * const assist_actions[] = { "win.request-certificate", "win.make-mandatory" };

    g_assert_cmpint (g_menu_model_get_n_items (assist_section), ==,
                     G_N_ELEMENTS (assist_actions));
    for (guint i = 0; i < G_N_ELEMENTS (assist_actions); i++)
      {
        g_assert_true (g_menu_model_get_item_attribute (assist_section, i,
                                                        G_MENU_ATTRIBUTE_ACTION, "s", &action));
        g_assert_cmpstr (action, ==, assist_actions[i]);
        g_clear_pointer (&action, g_free);
      }
    g_object_unref (assist_section);
  }
  menu = g_menu_model_get_item_link (menu, 2, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.preferences");
  g_clear_pointer (&action, g_free);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "win.show-help-overlay");
  g_clear_pointer (&action, g_free);
  g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_ACTION, "s", &action));
  g_assert_cmpstr (action, ==, "app.about");
  g_object_unref (menu);

#if DEVELOPMENT_BUILD
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#else
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#endif

  destroy_window (window);
}

static void
test_window_check_requested (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GtkEntry *entry = child (window, "domain_entry");
  GtkWidget *check_button = child (window, "check_button");
  GtkWidget *error_label = child (window, "error_label");
  Requests requests;

  requests_init (&requests);
  g_signal_connect (window, "check-requested", G_CALLBACK (on_check_requested_cb), &requests);
  gtk_window_present (GTK_WINDOW (window));

  /* Enter in the entry: an address yields its domain, normalized. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Postmaster@Example.ORG.  ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (requests.domains->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (requests.domains, 0), ==, "example.org");
  g_assert_cmpstr (sti_window_get_domain (window), ==, "example.org");
  g_assert_false (gtk_widget_get_visible (error_label));

  /* The Check button; an internationalized name in its A-label form. */
  sti_window_set_domain (window, "bücher.example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "bücher.example");
  g_assert_cmpuint (requests.domains->len, ==, 1);
  g_signal_emit_by_name (check_button, "clicked");
  g_assert_cmpuint (requests.domains->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (requests.domains, 1), ==, "xn--bcher-kva.example");

  /* One server, directly. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "[MX.Example.org]:587");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check", NULL);
  g_assert_cmpuint (requests.domains->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (requests.domains, 2), ==, "[mx.example.org]:587");
  g_assert_cmpstr (sti_window_get_domain (window), ==, "[mx.example.org]:587");

  requests_clear (&requests);
  destroy_window (window);
}

static void
test_window_check_invalid (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GtkEntry *entry = child (window, "domain_entry");
  GtkLabel *error_label = child (window, "error_label");
  Requests requests;

  requests_init (&requests);
  g_signal_connect (window, "check-requested", G_CALLBACK (on_check_requested_cb), &requests);
  gtk_window_present (GTK_WINDOW (window));

  /* Markup in the input must show literally, not be interpreted. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "<b>not a domain</b>");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (requests.domains->len, ==, 0);
  g_assert_null (sti_window_get_domain (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_label_get_use_markup (error_label));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "192.0.2.1");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (requests.domains->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "IP address"));

  /* Punycode that stands for no name is refused where it was typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "xn--ba.example");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (requests.domains->len, ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "“xn--ba”"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "punycode"));

  /* Editing clears the complaint. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "example.org");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  requests_clear (&requests);
  destroy_window (window);
}

static void
test_window_focus_domain (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GtkWidget *entry = child (window, "domain_entry");
  GtkWidget *menu_button = child (window, "menu_button");
  GtkWidget *focus;
  int start = -1;
  int end = -1;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  sti_window_set_domain (window, "example.org");
  gtk_widget_grab_focus (menu_button);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-domain", NULL));
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, strlen ("example.org"));

  destroy_window (window);
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window;
  int width = 0;
  int height = 0;

  g_settings_set_int (settings, "window-width", 700);
  g_settings_set_int (settings, "window-height", 500);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 700);
  g_assert_cmpint (height, ==, 500);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);

  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 640);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 480);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Saves @window as it is drawn now and checks that the PNG reads back whole. */
static void
save_screenshot_checked (gpointer    window,
                         const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GdkTexture) loaded = NULL;
  g_autoptr(GError) error = NULL;

  save_screenshot_now (window, name);

  loaded = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (loaded), ==,
                   gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (loaded), ==,
                   gtk_widget_get_height (GTK_WIDGET (window)));
}

static void
test_window_screenshot (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GtkEntry *entry = child (window, "domain_entry");

  gtk_window_present (GTK_WINDOW (window));
  save_screenshot_checked (window, "screenshot-start.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "postmaster@");
  g_signal_emit_by_name (entry, "activate");
  save_screenshot_checked (window, "screenshot-start-error.png");

  gtk_editable_set_text (GTK_EDITABLE (entry), "example.org");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  save_screenshot_checked (window, "screenshot-start-dark.png");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);

  destroy_window (window);
}

static void
test_application_help_overlay (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GtkShortcutsWindow *overlay;
  g_auto(GStrv) accels = NULL;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  save_screenshot_checked (overlay, "screenshot-shortcuts.png");
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_clear_pointer (&accels, g_strfreev);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");

  destroy_window (window);
}

static void
test_application_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  /* Found through the resource path, so also in an uninstalled build. */
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}

static void
test_application_about (void)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwAboutWindow *about = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = ADW_ABOUT_WINDOW (toplevel);
    }

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "STARTTLS Inspector");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, PACKAGE_URL);
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, PACKAGE_BUGREPORT);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (about));
  destroy_window (window);
}

static void
test_application_quit (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 610, 430);

  /* app.quit closes the windows, and closing saves their size. */
  g_object_ref (window);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_finalize_object (window);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 610);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 430);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* Command line: a fresh application per run, closed once it has done its
 * work. */

static void
close_all_windows_cb (gpointer user_data)
{
  GtkApplication *application = user_data;
  GList *windows;

  while ((windows = gtk_application_get_windows (application)) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    Requests       *requests)
{
  if (!STI_IS_WINDOW (window))
    return;

  requests->n_windows++;

  /* The command line is handled before the main loop runs: the first idle
   * closes the windows it opened, and run() returns. The windows hold the
   * application, so it outlives the idle. */
  if (!requests->close_scheduled)
    {
      requests->close_scheduled = TRUE;
      g_idle_add_once (close_all_windows_cb, application);
    }
  g_signal_connect (window, "check-requested", G_CALLBACK (on_check_requested_cb), requests);
  g_signal_connect (window, "file-open-requested", G_CALLBACK (on_file_open_requested_cb),
                    requests);
}

static int
run_command_line (const char * const *args,
                  Requests           *requests,
                  gboolean           *demo_mode)
{
  g_autoptr(StiApplication) application = sti_application_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status;

  g_application_set_flags (G_APPLICATION (application),
                           g_application_get_flags (G_APPLICATION (application)) |
                           G_APPLICATION_NON_UNIQUE);
  /* With a session bus, the shared test application is already exported
   * at the object path of APP_ID on this process's connection; a second
   * application needs a path of its own (resources do not depend on the
   * id: their base path is fixed). */
  g_application_set_application_id (G_APPLICATION (application), APP_ID ".CommandLine");
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), requests);

  g_ptr_array_add (argv, (char *)"starttls-inspector");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  status = g_application_run (G_APPLICATION (application), argv->len - 1, (char **)argv->pdata);
  *demo_mode = sti_application_get_demo_mode (application);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (application)));
  g_assert_finalize_object (g_steal_pointer (&application));
  return status;
}

static void
test_application_command_line_domain (void)
{
  const char * const args[] = { "--demo", "bob@Example.org", NULL };
  Requests requests;
  gboolean demo_mode = FALSE;
  int status;

  requests_init (&requests);
  status = run_command_line (args, &requests, &demo_mode);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (demo_mode);
  g_assert_cmpuint (requests.n_windows, ==, 1);
  g_assert_cmpuint (requests.domains->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (requests.domains, 0), ==, "example.org");
  g_assert_cmpuint (requests.files->len, ==, 0);
  requests_clear (&requests);
}

static void
test_application_command_line_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) expected = NULL;
  g_autofree char *path = NULL;
  const char *args[] = { NULL, NULL };
  Requests requests;
  gboolean demo_mode = TRUE;
  int fd;
  int status;

  fd = g_file_open_tmp ("sti-cert-XXXXXX.pem", &path, &error);
  g_assert_no_error (error);
  close (fd);
  args[0] = path;
  expected = g_file_new_for_path (path);

  requests_init (&requests);
  status = run_command_line (args, &requests, &demo_mode);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (demo_mode);
  g_assert_cmpuint (requests.n_windows, ==, 1);
  g_assert_cmpuint (requests.domains->len, ==, 0);
  g_assert_cmpuint (requests.files->len, ==, 1);
  g_assert_true (g_file_equal (g_ptr_array_index (requests.files, 0), expected));
  requests_clear (&requests);

  g_unlink (path);
}

static void
test_application_command_line_invalid (void)
{
  const char * const args[] = { "example.org", "/no/such/dir/not a domain", NULL };
  Requests requests;
  gboolean demo_mode = TRUE;
  int status;

  requests_init (&requests);
  status = run_command_line (args, &requests, &demo_mode);
  g_assert_cmpint (status, ==, 1);
  /* Nothing starts when any argument is wrong. */
  g_assert_cmpuint (requests.n_windows, ==, 0);
  g_assert_cmpuint (requests.domains->len, ==, 0);
  g_assert_cmpuint (requests.files->len, ==, 0);
  requests_clear (&requests);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/sti/application/new-destroy", test_application_new_destroy);
  g_test_add_func ("/sti/window/new-destroy", test_window_new_destroy);
  g_test_add_func ("/sti/window/start-page", test_window_start_page);
  g_test_add_func ("/sti/window/check-requested", test_window_check_requested);
  g_test_add_func ("/sti/window/check-invalid", test_window_check_invalid);
  g_test_add_func ("/sti/window/focus-domain", test_window_focus_domain);
  g_test_add_func ("/sti/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/sti/window/screenshot", test_window_screenshot);
  g_test_add_func ("/sti/application/help-overlay", test_application_help_overlay);
  g_test_add_func ("/sti/application/icon", test_application_icon);
  g_test_add_func ("/sti/application/about", test_application_about);
  g_test_add_func ("/sti/application/quit", test_application_quit);
  g_test_add_func ("/sti/application/command-line-domain", test_application_command_line_domain);
  g_test_add_func ("/sti/application/command-line-file", test_application_command_line_file);
  g_test_add_func ("/sti/application/command-line-invalid", test_application_command_line_invalid);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
