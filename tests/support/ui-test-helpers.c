/* ui-test-helpers.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-helpers.h"

#include "sti-certificate-window.h"
#include "sti-preferences-window.h"

#include <adwaita.h>
#include <string.h>

StiApplication *app;

/* The template child @name of @widget's class @type; it must exist. */
gpointer
ui_template_child (gpointer    widget,
                   GType       type,
                   const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

gpointer
child (StiWindow  *window,
       const char *name)
{
  return ui_template_child (window, STI_TYPE_WINDOW, name);
}

static void
collect_widgets (GtkWidget  *widget,
                 GType       type,
                 const char *css_class,
                 GPtrArray  *out)
{
  if ((type == G_TYPE_INVALID || g_type_is_a (G_OBJECT_TYPE (widget), type)) &&
      (css_class == NULL || gtk_widget_has_css_class (widget, css_class)))
    g_ptr_array_add (out, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, css_class, out);
}

GPtrArray *
find_widgets (gpointer    root,
              GType       type,
              const char *css_class)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (root), type, css_class, out);
  return out;
}

GtkWidget *
find_named (gpointer    root,
            const char *name)
{
  g_autoptr(GPtrArray) all = find_widgets (root, G_TYPE_INVALID, NULL);

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (all, i)), name) == 0)
      return g_ptr_array_index (all, i);

  return NULL;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
wait_for (Condition condition,
          gpointer  data,
          guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return condition (data);
}

void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
not_busy (gpointer data)
{
  return !sti_window_get_busy (data);
}

/* Renders @widget, as it is drawn now, to G_TEST_BUILDDIR/@name (platform-notes D). */
void
save_screenshot_now (gpointer    widget,
                     const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width;
  int height;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (widget));
  width = gtk_widget_get_width (GTK_WIDGET (widget));
  height = gtk_widget_get_height (GTK_WIDGET (widget));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (widget));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (
                                           gtk_widget_get_native (GTK_WIDGET (widget))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Like save_screenshot_now(), once stack transitions and spinners have settled. */
void
save_screenshot (gpointer    widget,
                 const char *name)
{
  spin_for (400);
  save_screenshot_now (widget, name);
}

StiWindow *
new_window (int width,
            int height)
{
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* Takes any GtkWindow: the main window or a certificate viewer. */
void
destroy_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

/* Types @domain and presses Check, as a user would. */
void
type_and_check (StiWindow  *window,
                const char *domain)
{
  GtkWidget *entry = child (window, "domain_entry");
  GtkWidget *button = child (window, "check_button");

  gtk_editable_set_text (GTK_EDITABLE (entry), domain);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Whether a label under @root shows @needle; such a label must not be
 * markup, as what it shows may come from a server. */
gboolean
any_label_contains (gpointer    root,
                    const char *needle)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), needle) != NULL)
        {
          g_assert_false (gtk_label_get_use_markup (label));
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
clipboard_has_text (gpointer data)
{
  return *(char **)data != NULL;
}

static void
on_clipboard_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* Returns (transfer full): the text on the clipboard of @widget, "" for
 * none; fails the test when reading it takes over 5 s. */
char *
read_clipboard_text (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL,
                                 on_clipboard_read_cb, &text);
  g_assert_true (wait_for (clipboard_has_text, &text, 5000));
  return text;
}

/* Sets up GTK and registers `app`. Returns FALSE, having told TAP to skip,
 * when there is no display: gtk_test_init() would exit instead. */
gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return FALSE;
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  app = sti_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return TRUE;
}

/* How long the calling thread has waited for a CPU while ready to run
 * (the second field of /proc/thread-self/schedstat, in ns), or 0 where
 * the kernel does not say. Timing bounds subtract it: on a machine busy
 * with other work, a main-loop gap spent waiting for a CPU is not a stall
 * of ours, while one spent blocked (sleeping in a syscall) or computing is. */
gint64
runqueue_wait_us (void)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  guint64 waited;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL))
    return 0;
  (void)g_ascii_strtoull (text, &end, 10);
  if (end == NULL || *end != ' ')
    return 0;
  waited = g_ascii_strtoull (end + 1, NULL, 10);
  return (gint64)(waited / 1000);
}

/* Scrolls the scrolled window around @widget so that @widget is at the
 * top, and waits for @window to draw it. */
void
scroll_to_widget (gpointer   window,
                  GtkWidget *widget)
{
  GtkWidget *scrolled = widget;
  graphene_point_t point;

  while (scrolled != NULL && !GTK_IS_SCROLLED_WINDOW (scrolled))
    scrolled = gtk_widget_get_parent (scrolled);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (widget,
                                           gtk_scrolled_window_get_child (
                                             GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            point.y);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

/* A new window of @width × @height that has checked @domain (of the demo
 * lab), on its results page. */
StiWindow *
checked_window (int         width,
                int         height,
                const char *domain)
{
  StiWindow *window = new_window (width, height);

  type_and_check (window, domain);
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_nonnull (sti_window_get_report (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

void
set_explain_mode (gboolean explain)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);

  g_settings_set_boolean (settings, "explain-mode", explain);
}

/* Returns (nullable): the newest certificate viewer open */
gpointer
find_viewer (void)
{
  gpointer viewer = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STI_IS_CERTIFICATE_WINDOW (l->data))
      viewer = l->data;
  g_list_free (toplevels);

  return viewer;
}

/* Returns (nullable): the newest Preferences window on screen */
gpointer
find_preferences (void)
{
  gpointer found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STI_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

gpointer
preferences_child (gpointer    preferences,
                   const char *name)
{
  return ui_template_child (preferences, STI_TYPE_PREFERENCES_WINDOW, name);
}

/* Runs the tests added, then lets the application go; main()'s last word. */
int
ui_test_run (void)
{
  int status = g_test_run ();

  g_object_unref (app);
  return status;
}

/* ui_test_init() with animations off: a page a test switches to is on
 * screen at once, and screenshots show end states, not cross-fades
 * half-way. */
gboolean
ui_test_init_still (int    *argc,
                    char ***argv)
{
  if (!ui_test_init (argc, argv))
    return FALSE;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  return TRUE;
}

/* Whether @model (or a section of it) has an item for @action. */
gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The whole main() of a UI test program: @tests (up to a NULL path) run
 * under ui_test_init_still(); skipped without a display. */
int
ui_test_main (int           *argc,
              char        ***argv,
              const UiTest  *tests)
{
  if (!ui_test_init_still (argc, argv))
    return 0;

  for (guint i = 0; tests[i].path != NULL; i++)
    g_test_add_func (tests[i].path, tests[i].func);

  return ui_test_run ();
}

/* A UiToastWait: a toast whose title contains the needle is shown. Toast
 * titles are markup, so the label's text is the parsed one. */
gboolean
ui_toast_shown (gpointer data)
{
  UiToastWait *wait = data;
  g_autoptr(GPtrArray) labels = find_widgets (child (wait->window, "toast_overlay"),
                                              GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), wait->needle) != NULL)
      return TRUE;

  return FALSE;
}

/* A UiFileWait: the file is written and starts as it should. It exists
 * before it is complete (g_file_replace_contents() creates it in place),
 * and it may have existed before. */
gboolean
ui_file_written (gpointer data)
{
  UiFileWait *wait = data;
  g_autofree char *contents = NULL;
  gsize len = 0;

  return g_file_get_contents (wait->path, &contents, &len, NULL) &&
         len > strlen (wait->start) && g_str_has_prefix (contents, wait->start);
}
