/* test-ui-honest.c: the window says what it knows, and no more
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-settings.h"
#include "ui-test-helpers.h"

#include <adwaita.h>

/* Issue 18, items 4 and 7, in the window on the demo lab: an address that
 * could not be reached is one status, not rows of "—"; a host beyond the
 * MX cap is "not checked", not "no addresses"; each TLSA record says which
 * certificate it matches. Screenshots land in the build's tests folder. */

/* The endpoint row of @host, among the results. */
static GtkWidget *
endpoint_row_of (StiWindow  *window,
                 const char *address_part)
{
  g_autoptr(GPtrArray) rows = find_widgets (child (window, "hosts_box"), ADW_TYPE_ACTION_ROW,
                                            "endpoint-row");

  for (guint i = 0; i < rows->len; i++)
    if (any_label_contains (rows->pdata[i], address_part))
      return rows->pdata[i];

  return NULL;
}

/* one-mx-down.lab.test: mx2 refuses the connection. */
static void
test_unreached_endpoint (void)
{
  StiWindow *window = checked_window (900, 1000, "one-mx-down.lab.test");
  GtkWidget *row = endpoint_row_of (window, "127.77.14.2");
  GtkWidget *status;

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "endpoint");

  status = find_named (window, "endpoint-unreached");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_true (any_label_contains (status, "Could not be reached"));
  g_assert_true (any_label_contains (status, "refused the connection"));
  /* the empty rows are gone; the transcript, the evidence, stays */
  for (GtkWidget *w = gtk_widget_get_first_child (find_named (window, "endpoint-detail"));
       w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      const char *name = gtk_widget_get_name (w);

      g_assert_true (gtk_widget_get_visible (w) == (g_str_equal (name, "endpoint-unreached") ||
                                                    g_str_equal (name, "transcript-group")));
    }
  save_screenshot (window, "screenshot-endpoint-unreached.png");

  /* a reached address keeps its rows */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  row = endpoint_row_of (window, "127.77.14.1");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  g_assert_null (find_named (window, "endpoint-unreached"));

  destroy_window (window);
}

/* A cap of one MX host: the other two are not checked, and say so. */
static void
test_mx_cap (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window;
  g_autoptr(GPtrArray) rows = NULL;

  g_settings_set_uint (settings, "mx-cap", 1);
  window = checked_window (900, 1000, "one-mx-down.lab.test");
  rows = find_widgets (child (window, "hosts_box"), ADW_TYPE_ACTION_ROW, NULL);

  g_assert_true (any_label_contains (child (window, "hosts_box"),
                                     "Not checked: limit of 1 MX host"));
  g_assert_false (any_label_contains (child (window, "hosts_box"), "No addresses"));
  g_assert_nonnull (find_named (child (window, "hosts_box"), "mx-not-checked"));
  scroll_to_widget (window, find_named (child (window, "hosts_box"), "mx-not-checked"));
  save_screenshot (window, "screenshot-mx-not-checked.png");

  destroy_window (window);
  g_settings_reset (settings, "mx-cap");
}

/* dane.lab.test: each TLSA record under Policies says what it matches. */
static void
test_dane_matches (void)
{
  StiWindow *window = checked_window (900, 1000, "dane.lab.test");

  g_assert_true (any_label_contains (window, "matches the server's certificate (#0)"));
  g_assert_true (any_label_contains (window, "matches the issuing CA (#1)"));
  save_screenshot (window, "screenshot-dane-matches.png");

  destroy_window (window);
}

static gboolean
has_lookups (gpointer data)
{
  return find_named (child (data, "overview_box"), "lookups-group") != NULL;
}

/* During the DNS phase the page shows the lookups as they happen; the
 * report replaces them. */
static void
test_dns_lookups (void)
{
  StiWindow *window = new_window (900, 1000);
  GtkWidget *group;

  type_and_check (window, "one-mx-down.lab.test");
  g_assert_true (wait_for (has_lookups, window, 10000));
  group = find_named (child (window, "overview_box"), "lookups-group");
  g_assert_true (any_label_contains (group, "The MX records of one-mx-down.lab.test"));
  save_screenshot_now (window, "screenshot-dns-lookups.png");

  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_false (has_lookups (window));

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-honest/unreached-endpoint", test_unreached_endpoint },
    { "/sti/ui-honest/mx-cap", test_mx_cap },
    { "/sti/ui-honest/dane-matches", test_dane_matches },
    { "/sti/ui-honest/dns-lookups", test_dns_lookups },
    { NULL, NULL },
  };

  /* Animations are off: the results page must be on screen when the
   * lookups are. */
  return ui_test_main (&argc, &argv, tests);
}
