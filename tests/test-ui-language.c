/* test-ui-language.c: the window in German, driven through a check of the
 * demo lab with the catalog the build tree made (STI_LOCALEDIR).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-format.h"
#include "sti-i18n.h"
#include "sti-verdict.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

/* Labels under @root that show an English message of the catalog as it
 * is, although the catalog translates it: words that bypassed gettext. */
static GPtrArray *
untranslated_labels (gpointer root)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      /* Short words (MX, TLS, "Exim") are the same in every language;
       * names ("STARTTLS Inspector") translate to themselves. */
      if (strlen (text) >= 8 && !g_str_equal (g_dgettext (GETTEXT_PACKAGE, text), text))
        g_ptr_array_add (found, g_strdup (text));
    }

  return found;
}

/* Whether a label under @root shows @needle; unlike any_label_contains(),
 * for the window's own words, which may be markup. */
static gboolean
label_shows (gpointer    root,
             const char *needle)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
assert_all_translated (gpointer root)
{
  g_autoptr(GPtrArray) found = untranslated_labels (root);

  for (guint i = 0; i < found->len; i++)
    g_test_message ("untranslated label: %s", (char *)g_ptr_array_index (found, i));
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_start_page (void)
{
  StiWindow *window = new_window (900, 700);

  g_assert_true (label_shows (window, "Eine Mail-Domain prüfen"));
  g_assert_true (label_shows (window, "Das Demo-Labor ausprobieren"));
  assert_all_translated (window);
  save_screenshot (window, "ui-language-de-start.png");
  destroy_window (window);
}

static void
test_check (void)
{
  StiWindow *window = new_window (900, 1000);
  g_autofree char *verdict = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *findings;
  g_autoptr(GPtrArray) rows = NULL;

  type_and_check (window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  /* The verdict and the counts in the catalog's words. */
  verdict = sti_verdict_dup_sentence (sti_window_get_report (window));
  g_assert_true (g_str_has_prefix (verdict, "Mail an expired.lab.test"));
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);
  counts = sti_format_report_counts (sti_window_get_report (window));
  g_assert_cmpstr (counts, ==, "1 Fehler");

  /* The expired certificate, with its German explanation and fix. */
  findings = find_named (window, "findings-group");
  g_assert_nonnull (findings);
  rows = find_widgets (findings, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   "Zertifikat abgelaufen");
  adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
  spin_for (400);
  g_assert_true (label_shows (findings, "Ein Zertifikat ist eine signierte Aussage"));
  g_assert_true (label_shows (window, "Was Absender tun"));

  assert_all_translated (window);
  save_screenshot (window, "ui-language-de-results.png");
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *mo = g_build_filename (sti_i18n_get_localedir (), "de", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  int status;

  /* Before GTK and before any thread: the language of the whole process. */
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_print ("1..0 # SKIP %s is not built\n", mo);
      return 0;
    }
  sti_i18n_init ("de", NULL);

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/sti/ui-language/de/start-page", test_start_page);
  g_test_add_func ("/sti/ui-language/de/check", test_check);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
