/* test-ui-layout.c: the window and the certificate viewer at 360 px, and
 * the keyboard on the results page (issue 18, items 5 and 6)
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-application.h"
#include "sti-certificate-window.h"
#include "sti-verdict.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

static gpointer
viewer_child (gpointer    viewer,
              const char *name)
{
  return ui_template_child (viewer, STI_TYPE_CERTIFICATE_WINDOW, name);
}

/* The first finding row, expanded, so that its fix and code blocks show. */
static AdwExpanderRow *
expand_first_finding (StiWindow *window)
{
  g_autoptr(GPtrArray) rows = find_widgets (find_named (window, "findings-group"),
                                            ADW_TYPE_EXPANDER_ROW, NULL);

  g_assert_cmpuint (rows->len, >, 0);
  adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return g_ptr_array_index (rows, 0);
}

/* At 360 px: a short verdict title above the sentence, a readable window
 * title (the secondary actions are in a menu), the page no wider than the
 * window, and no scrolled window inside the page to trap the wheel. */
static void
test_results_narrow (void)
{
  StiWindow *window = checked_window (360, 900, "untrusted-ca.lab.test");
  StiDomainReport *report = sti_window_get_report (window);
  g_autofree char *sentence = sti_verdict_dup_sentence (report);
  GtkWidget *title = child (window, "verdict_title");
  g_autoptr(GPtrArray) scrolled = NULL;
  g_autoptr(GPtrArray) code = NULL;
  GMenuModel *report_menu;

  g_assert_true (gtk_widget_get_visible (title));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, "Encrypted, not authenticated");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, sti_verdict_get_title (report));
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, sentence);
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (title))), <, 40);

  /* Export and Check Again moved from the header bar into one menu. */
  g_assert_false (gtk_widget_get_visible (child (window, "again_button")));
  g_assert_false (gtk_widget_get_visible (child (window, "export_button")));
  g_assert_true (gtk_widget_get_visible (child (window, "report_menu_button")));
  report_menu = gtk_menu_button_get_menu_model (child (window, "report_menu_button"));
  g_assert_true (menu_has_action (report_menu, "win.check-again"));
  g_assert_true (menu_has_action (report_menu, "win.export"));
  {
    int natural = 0;

    gtk_widget_measure (child (window, "window_title"), GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                        &natural, NULL, NULL);
    /* The title is not cut down to "exp…": it fits, or it has half the window */
    g_test_message ("title: %d of %d px", gtk_widget_get_width (child (window, "window_title")),
                    natural);
    g_assert_cmpint (gtk_widget_get_width (child (window, "window_title")), >=,
                     MIN (natural, gtk_widget_get_width (GTK_WIDGET (window)) / 2));
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* The code blocks of a fix wrap: the wheel scrolls the page over them. */
  expand_first_finding (window);
  code = find_widgets (child (window, "results_scroll"), GTK_TYPE_LABEL, "monospace");
  g_assert_cmpuint (code->len, >, 0);
  scrolled = find_widgets (gtk_scrolled_window_get_child (child (window, "results_scroll")),
                           GTK_TYPE_SCROLLED_WINDOW, NULL);
  /* (A drop-down's popover has its own, not shown: not in the page.) */
  for (guint i = 0; i < scrolled->len; i++)
    g_assert_false (gtk_widget_get_mapped (g_ptr_array_index (scrolled, i)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (child (window,
                                                                        "results_scroll")), 0);
  save_screenshot (window, "layout-results-360.png");
  destroy_window (window);
}

/* Wide, the header bar has room for Check Again. */
static void
test_results_wide (void)
{
  StiWindow *window = checked_window (900, 900, "valid.lab.test");

  g_assert_true (gtk_widget_get_visible (child (window, "again_button")));
  g_assert_true (gtk_widget_get_visible (child (window, "export_button")));
  g_assert_false (gtk_widget_get_visible (child (window, "report_menu_button")));
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_title")), ==,
                   sti_verdict_get_title (sti_window_get_report (window)));

  /* Narrowed later, it moves into the menu. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (child (window, "again_button")));
  destroy_window (window);
}

static GPtrArray *
test_chain (void)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("Layout Test Root CA", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx1.example.org", root);
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_object_unref);
  CertgenCert *certs[] = { leaf, root };

  for (guint i = 0; i < G_N_ELEMENTS (certs); i++)
    {
      g_autoptr(GBytes) der = certgen_der (certs[i]);
      g_autoptr(GError) error = NULL;

      g_ptr_array_add (chain, sti_certificate_new_from_der (der, &error));
      g_assert_no_error (error);
    }

  return chain;
}

/* At 360 px the viewer shows the certificate or the chain, and a back
 * button goes from one to the other. */
static void
test_viewer_narrow (void)
{
  g_autoptr(GPtrArray) chain = test_chain ();
  StiCertificateWindow *viewer = sti_certificate_window_new (NULL, chain, 0);
  AdwLeaflet *leaflet = viewer_child (viewer, "leaflet");
  GtkWidget *chain_button = viewer_child (viewer, "chain_button");
  GtkListBox *chain_list = viewer_child (viewer, "chain_list");

  gtk_window_set_default_size (GTK_WINDOW (viewer), 360, 720);
  gtk_window_present (GTK_WINDOW (viewer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));

  spin_for (100);
  {
    g_autoptr(GPtrArray) all = find_widgets (viewer, GTK_TYPE_WIDGET, NULL);
    for (guint k = 0; k < all->len; k++)
      {
        int min = 0;
        GtkWidget *w = g_ptr_array_index (all, k);
        if (!gtk_widget_get_visible (w)) continue;
        gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
        if (min > 340)
          g_test_message ("min %d %s %s %s", min, G_OBJECT_TYPE_NAME (w), gtk_widget_get_name (w),
                          GTK_IS_LABEL (w) ? gtk_label_get_text (GTK_LABEL (w)) : "");
      }
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (viewer)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (gtk_widget_get_visible (chain_button));
  save_screenshot (viewer, "layout-viewer-360.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.show-chain", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "chain");
  spin_for (100);
  g_assert_false (gtk_widget_get_visible (chain_button));
  spin_for (300);
  save_screenshot (viewer, "layout-viewer-360-chain.png");

  /* Choosing a certificate shows it. */
  g_signal_emit_by_name (chain_list, "row-activated", gtk_list_box_get_row_at_index (chain_list,
                                                                                      1));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  /* Wide, both side by side. */
  gtk_window_set_default_size (GTK_WINDOW (viewer), 1000, 720);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  spin_for (300);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (chain_button));
  destroy_window (viewer);
}

/* After a check the keyboard starts at the verdict, its text not selected. */
static void
test_focus_after_check (void)
{
  StiWindow *window = checked_window (900, 900, "expired.lab.test");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int start = 0;
  int end = 0;

  g_assert_true (focus == child (window, "verdict_title"));
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (focus), &start, &end) &&
                  start != end);
  destroy_window (window);
}

/* Whether Tab may stop at @widget: a thing one can do something with. */
static gboolean
is_action (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return FALSE;
  /* A row that leads to a button inside it (a finding's fix) */
  if (GTK_IS_LIST_BOX_ROW (widget) &&
      !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
    {
      g_autoptr(GPtrArray) buttons = find_widgets (widget, GTK_TYPE_BUTTON, NULL);
      g_autoptr(GPtrArray) drop_downs = find_widgets (widget, GTK_TYPE_DROP_DOWN, NULL);

      return buttons->len > 0 || drop_downs->len > 0;
    }

  return TRUE;
}

/* From the verdict, Tab moves from action to action: never to a paragraph
 * of an expanded finding (which stays selectable with the mouse), never to
 * a row that does nothing. */
static void
test_tab_moves_between_actions (void)
{
  StiWindow *window = checked_window (900, 900, "expired.lab.test");
  AdwExpanderRow *finding = expand_first_finding (window);
  g_autoptr(GPtrArray) labels = find_widgets (finding, GTK_TYPE_LABEL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint stops = 0;
  guint selectable = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (!gtk_label_get_selectable (label))
        continue;
      selectable++;
      g_assert_false (gtk_widget_get_can_focus (GTK_WIDGET (label)));
    }
  g_assert_cmpuint (selectable, >, 2);

  /* Let the page settle: the live DNS lookups give way to the report
   * after the check, and a chain walked meanwhile ends early. */
  spin_for (500);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_widget_grab_focus (child (window, "verdict_title"));
  g_hash_table_add (seen, child (window, "verdict_title"));
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        {
          g_test_message ("end of the Tab chain");
          break;
        }
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      if (g_hash_table_contains (seen, focus))
        {
          g_test_message ("back at %s %s", G_OBJECT_TYPE_NAME (focus),
                          gtk_widget_get_name (focus));
          break;
        }
      g_hash_table_add (seen, focus);
      g_test_message ("tab stop %u: %s %s %s parent %s", i, G_OBJECT_TYPE_NAME (focus),
                      gtk_widget_get_name (focus),
                      GTK_IS_BUTTON (focus) ? gtk_button_get_label (GTK_BUTTON (focus)) : "",
                      G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)));
      g_assert_true (is_action (focus));
      stops++;
    }
  g_assert_cmpuint (stops, >, 10);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* GNOME's window buttons (Xvfb without a desktop has GTK's three) */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  g_test_add_func ("/sti/ui-layout/results-narrow", test_results_narrow);
  g_test_add_func ("/sti/ui-layout/results-wide", test_results_wide);
  g_test_add_func ("/sti/ui-layout/viewer-narrow", test_viewer_narrow);
  g_test_add_func ("/sti/ui-layout/focus-after-check", test_focus_after_check);
  g_test_add_func ("/sti/ui-layout/tab-moves-between-actions", test_tab_moves_between_actions);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
