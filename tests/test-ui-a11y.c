/* test-ui-a11y.c: what a screen reader gets (issue 18, item 11)
 *
 * Runs with GTK's test accessibility backend (GTK_A11Y=test, set below),
 * which keeps the accessible properties of every widget where
 * gtk_test_accessible_has_property() reads them, with or without a D-Bus
 * session bus.
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-application.h"
#include "sti-certificate-window.h"
#include "sti-host-report.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

/* An icon-only button: an icon and no text a sighted user reads. */
static gboolean
is_icon_only (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL &&
           gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  if (ADW_IS_SPLIT_BUTTON (widget))
    return adw_split_button_get_icon_name (ADW_SPLIT_BUTTON (widget)) != NULL &&
           adw_split_button_get_label (ADW_SPLIT_BUTTON (widget)) == NULL;
  if (GTK_IS_BUTTON (widget) &&
      !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) &&
      !ADW_IS_SPLIT_BUTTON (gtk_widget_get_parent (widget)))
    return gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL &&
           gtk_button_get_label (GTK_BUTTON (widget)) == NULL;

  return FALSE;
}

/* Every icon-only button under @root has a tooltip and an accessible
 * label; returns how many there were. */
static guint
assert_icon_buttons_named (gpointer    root,
                           const char *where)
{
  g_autoptr(GPtrArray) all = find_widgets (root, GTK_TYPE_WIDGET, NULL);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (all, i);
      const char *tooltip;

      if (!is_icon_only (widget))
        continue;
      n++;
      tooltip = gtk_widget_get_tooltip_text (widget);
      g_test_message ("%s: %s \"%s\"", where, G_OBJECT_TYPE_NAME (widget),
                      tooltip != NULL ? tooltip : "(none)");
      if (tooltip == NULL || *tooltip == '\0')
        g_error ("%s: an icon-only %s has no tooltip", where, G_OBJECT_TYPE_NAME (widget));
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s: the icon-only %s \"%s\" has no accessible label", where,
                 G_OBJECT_TYPE_NAME (widget), tooltip);
    }

  return n;
}

static gboolean
has_label (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = find_widgets (widget, GTK_TYPE_LABEL, NULL);

  return labels->len > 0;
}

/* Colour says how bad, never alone: every coloured status icon has an
 * accessible label, and text beside it. */
static void
assert_status_not_colour_alone (gpointer root)
{
  static const char * const classes[] = { "success", "warning", "error" };

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      g_autoptr(GPtrArray) icons = find_widgets (root, GTK_TYPE_IMAGE, classes[c]);

      for (guint i = 0; i < icons->len; i++)
        {
          GtkWidget *icon = g_ptr_array_index (icons, i);
          GtkWidget *parent = gtk_widget_get_parent (icon);
          g_autoptr(GPtrArray) texts = NULL;
          gboolean has_text = FALSE;

          if (!gtk_widget_get_visible (icon))
            continue;
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (icon),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL));
          /* A label in the same row or box */
          while (parent != NULL && !GTK_IS_LIST_BOX_ROW (parent) &&
                 gtk_widget_get_parent (parent) != NULL && !has_label (parent))
            parent = gtk_widget_get_parent (parent);
          texts = find_widgets (parent, GTK_TYPE_LABEL, NULL);
          for (guint j = 0; j < texts->len; j++)
            if (*gtk_label_get_text (g_ptr_array_index (texts, j)) != '\0')
              has_text = TRUE;
          g_assert_true (has_text);
        }
    }
}

/* The start page, the results, a server's details and the viewer. */
static void
test_icon_buttons_named (void)
{
  StiWindow *window = new_window (900, 1000);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *chain;
  StiCertificateWindow *viewer;
  guint n = 0;

  n += assert_icon_buttons_named (window, "start page");

  type_and_check (window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));
  rows = find_widgets (child (window, "results_scroll"), ADW_TYPE_EXPANDER_ROW, NULL);
  for (guint i = 0; i < rows->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (rows, i), TRUE);
  n += assert_icon_buttons_named (window, "results");
  assert_status_not_colour_alone (child (window, "results_scroll"));

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_widgets (child (window, "hosts_box"), ADW_TYPE_ACTION_ROW, "endpoint-row");
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  n += assert_icon_buttons_named (window, "server details");

  chain = sti_endpoint_report_get_chain (g_ptr_array_index (
    sti_host_report_get_endpoints (g_ptr_array_index (
      sti_domain_report_get_hosts (sti_window_get_report (window)), 0)), 0));
  viewer = sti_certificate_window_new (GTK_WINDOW (window), chain, 0);
  gtk_window_present (GTK_WINDOW (viewer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  n += assert_icon_buttons_named (viewer, "certificate viewer");
  g_assert_cmpuint (n, >, 8);

  destroy_window (viewer);
  destroy_window (window);
}

/* What a screen reader reads, in order: the widget tree, each widget with
 * its role and text. */
static void
dump (GtkWidget *widget,
      GString   *out,
      GPtrArray *order)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  const char *text = NULL;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (text != NULL && *text != '\0')
    g_string_append_printf (out, "%s\t%s\n",
                            g_enum_to_string (GTK_TYPE_ACCESSIBLE_ROLE, role), text);
  g_ptr_array_add (order, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    dump (c, out, order);
}

/* The verdict is read first, then the findings, worst first. */
static void
test_reading_order (void)
{
  StiWindow *window = checked_window (900, 1000, "expired.lab.test");
  g_autoptr(GString) tree = g_string_new (NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) findings = find_widgets (find_named (window, "findings-group"),
                                                ADW_TYPE_EXPANDER_ROW, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "a11y-results.txt", NULL);
  guint title_at;
  guint sentence_at;
  guint previous = 0;

  dump (GTK_WIDGET (window), tree, order);
  g_assert_true (g_file_set_contents (path, tree->str, -1, NULL));
  g_test_message ("accessible tree: %s", path);

  g_assert_true (g_ptr_array_find (order, child (window, "verdict_title"), &title_at));
  g_assert_true (g_ptr_array_find (order, child (window, "verdict_label"), &sentence_at));
  g_assert_cmpuint (title_at, <, sentence_at);
  g_assert_cmpuint (findings->len, >, 0);
  previous = sentence_at;
  for (guint i = 0; i < findings->len; i++)
    {
      guint at;

      g_assert_true (g_ptr_array_find (order, g_ptr_array_index (findings, i), &at));
      g_assert_cmpuint (at, >, previous);
      previous = at;
    }
  /* The title and the icon do not both read the sentence */
  g_assert_true (strstr (tree->str, gtk_label_get_text (child (window, "verdict_title"))) != NULL);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (child (window, "verdict_title")),
                                               GTK_ACCESSIBLE_ROLE_LABEL));
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's own test backend: the properties a screen reader would get */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/sti/ui-a11y/icon-buttons-named", test_icon_buttons_named);
  g_test_add_func ("/sti/ui-a11y/reading-order", test_reading_order);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
