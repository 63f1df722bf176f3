/* test-ui-settings-check.c: settings are checked where they are entered,
 * a check that the user's own settings stop says so with a way to
 * Preferences, Ctrl+R re-checks on the results page, and the verdict icon
 * of the previous check never shows while the results are prepared
 * (issue 18, items 3 and 4).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-preferences-window.h"
#include "sti-settings.h"
#include "sti-trust-store.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* The DNS server row takes an address, with a port or not; anything else
 * is marked, explained under the row, and not stored. */
static void
test_preferences_dns_server (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window = new_window (900, 700);
  StiPreferencesWindow *preferences;
  GtkWidget *row;
  GtkLabel *error;
  g_autofree char *stored = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  row = preferences_child (preferences, "dns_row");
  error = preferences_child (preferences, "dns_error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));

  gtk_editable_set_text (GTK_EDITABLE (row), "dns.example.net");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (error),
                            "“dns.example.net” is not a valid DNS server"));
  g_assert_false (gtk_label_get_use_markup (error));
  stored = g_settings_get_string (settings, "dns-server");
  g_assert_cmpstr (stored, ==, "");
  save_screenshot (preferences, "ui-preferences-dns-error.png");

  gtk_editable_set_text (GTK_EDITABLE (row), "192.0.2.53@99999");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "port"));

  gtk_editable_set_text (GTK_EDITABLE (row), " 192.0.2.53@5353 ");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_free (stored);
  stored = g_settings_get_string (settings, "dns-server");
  g_assert_cmpstr (stored, ==, "192.0.2.53@5353");

  gtk_editable_set_text (GTK_EDITABLE (row), "2001:db8::53");
  g_free (stored);
  stored = g_settings_get_string (settings, "dns-server");
  g_assert_cmpstr (stored, ==, "2001:db8::53");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_free (stored);
  stored = g_settings_get_string (settings, "dns-server");
  g_assert_cmpstr (stored, ==, "");

  gtk_window_destroy (GTK_WINDOW (preferences));
  destroy_window (window);
  g_settings_reset (settings, "dns-server");
}

static char *
write_temp (const char *name,
            const char *contents)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* A CA file is one or more CA certificates; what is wrong is said in words. */
static void
test_ca_file_check (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  CertgenCert *ca = certgen_make_ca ("Settings Test CA", NULL);
  CertgenCert *leaf = certgen_make_leaf ("mx.example.org", ca);
  g_autofree char *ca_pem = certgen_pem (ca);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *ca_path = write_temp ("sti-settings-ca.pem", ca_pem);
  g_autofree char *leaf_path = write_temp ("sti-settings-leaf.pem", leaf_pem);
  g_autofree char *text_path = write_temp ("sti-settings-notes.txt", "not a certificate\n");
  g_autofree char *gone_path = g_build_filename (g_get_tmp_dir (), "sti-settings-gone.pem", NULL);
  const char *files[] = { ca_path, text_path, NULL };
  g_autoptr(GError) error = NULL;
  StiWindow *window;
  StiPreferencesWindow *preferences;
  guint n = 0;

  g_assert_true (sti_trust_store_check_ca_file (ca_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_false (sti_trust_store_check_ca_file (text_path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "holds no certificate"));
  g_assert_null (strstr (error->message, "ASN1"));
  g_clear_error (&error);

  g_assert_false (sti_trust_store_check_ca_file (leaf_path, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is not a certificate authority"));
  g_clear_error (&error);

  g_unlink (gone_path);
  g_assert_false (sti_trust_store_check_ca_file (gone_path, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A listed file that is no CA (any more) is marked in Preferences. */
  g_settings_set_strv (settings, "extra-ca-files", files);
  window = new_window (900, 700);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  g_assert_true (any_label_contains (preferences_child (preferences, "ca_list"),
                                     "holds no certificate"));
  gtk_window_destroy (GTK_WINDOW (preferences));
  destroy_window (window);

  g_settings_reset (settings, "extra-ca-files");
  g_unlink (ca_path);
  g_unlink (leaf_path);
  g_unlink (text_path);
  certgen_free (leaf);
  certgen_free (ca);
}

/* A DNS server setting the resolver cannot take (written before Preferences
 * checked it) stops the check: the results page says so, with a button to
 * Preferences; the domain entry is not marked; Ctrl+R says the same. */
static void
test_settings_stop_check (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window;
  GtkWidget *button;

  g_settings_set_string (settings, "dns-server", "resolver.example.net");
  window = new_window (900, 700);
  type_and_check (window, "valid.lab.test");
  g_assert_true (wait_for (not_busy, window, 10000));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==,
                   "Your settings stop the check");
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "counts_label")),
                            "resolver.example.net"));
  g_assert_false (gtk_widget_has_css_class (child (window, "domain_entry"), "error"));
  button = child (window, "preferences_button");
  g_assert_true (gtk_widget_get_visible (button));
  save_screenshot (window, "ui-settings-stop-check.png");

  /* Ctrl+R: the same check, the same words, still on the results page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL);
  g_assert_true (wait_for (not_busy, window, 10000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==,
                   "Your settings stop the check");

  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (find_preferences ());
  gtk_window_destroy (GTK_WINDOW (find_preferences ()));

  /* Fixed: the check runs, the button goes. */
  g_settings_reset (settings, "dns-server");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL);
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_nonnull (sti_window_get_report (window));
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");

  destroy_window (window);
}

/* A DNS server the user chose that does not answer is blamed, not the
 * zone: the same words on every run (the first times out, later ones
 * fail at once), with the way to Preferences. */
static void
test_user_resolver_blamed (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window;
  g_autofree char *first = NULL;

  /* Nothing listens on the discard port of the loopback address. */
  g_settings_set_string (settings, "dns-server", "127.0.0.1@9");
  window = new_window (900, 900);

  for (guint run = 0; run < 2; run++)
    {
      if (run == 0)
        type_and_check (window, "example.org");
      else
        gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL);
      g_assert_true (wait_for (not_busy, window, 90000));
      g_assert_nonnull (sti_window_get_report (window));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
      g_assert_nonnull (find_named (child (window, "overview_box"), "dns-resolver-failed"));
      g_assert_null (find_named (child (window, "overview_box"), "dns-timeout"));
      g_assert_null (find_named (child (window, "overview_box"), "dns-servfail"));
      g_assert_nonnull (strstr (gtk_label_get_text (child (window, "verdict_label")),
                                "The DNS server you chose did not answer"));
      g_assert_true (gtk_widget_get_visible (child (window, "preferences_button")));
      if (run == 0)
        {
          first = g_strdup (gtk_label_get_text (child (window, "verdict_label")));
          save_screenshot (window, "ui-settings-resolver-blamed.png");
        }
      else
        g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, first);
    }

  destroy_window (window);
  g_settings_reset (settings, "dns-server");
}

static gboolean
preparing_or_done (gpointer data)
{
  StiWindow *window = data;

  return g_strcmp0 (adw_window_title_get_subtitle (child (window, "window_title")),
                    "Preparing the results…") == 0 || !sti_window_get_busy (window);
}

/* While the results are prepared, the spinner shows, not the icon of the
 * previous check's verdict. */
static void
test_no_stale_icon (void)
{
  StiWindow *window = new_window (900, 700);

  type_and_check (window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "verdict_icon_stack")), ==,
                   "icon");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL);
  g_assert_true (wait_for (preparing_or_done, window, 60000));
  if (sti_window_get_busy (window))
    g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "verdict_icon_stack")), ==,
                     "spinner");
  else
    g_test_incomplete ("the results were built before the test saw them prepared");

  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "verdict_icon_stack")), ==,
                   "icon");
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-settings-check/dns-server", test_preferences_dns_server },
    { "/sti/ui-settings-check/ca-file", test_ca_file_check },
    { "/sti/ui-settings-check/stop-check", test_settings_stop_check },
    { "/sti/ui-settings-check/no-stale-icon", test_no_stale_icon },
    { "/sti/ui-settings-check/resolver-blamed", test_user_resolver_blamed },
    { NULL, NULL },
  };

  return ui_test_main (&argc, &argv, tests);
}
