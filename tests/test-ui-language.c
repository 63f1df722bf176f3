/* test-ui-language.c: the window in another language (STI_TEST_LANGUAGE:
 * de, nl), driven through a check of the demo lab with the catalog the
 * build tree made (STI_LOCALEDIR); skipped when that catalog is not built.
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

/* The language under test: STI_TEST_LANGUAGE, "de" by default. */
static const char *language;

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

/* The catalog's word for @msgid, which must differ from it: the
 * language's catalog is the one in use. */
static const char *
translated (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);

  g_assert_cmpstr (text, !=, msgid);
  return text;
}

static char *
screenshot_name (const char *page)
{
  return g_strdup_printf ("ui-language-%s-%s.png", language, page);
}

static void
test_start_page (void)
{
  StiWindow *window = new_window (900, 700);
  g_autofree char *name = screenshot_name ("start");

  g_assert_true (label_shows (window, translated ("Check a Mail Domain")));
  g_assert_true (label_shows (window, translated ("Try the Demo Lab")));
  assert_all_translated (window);
  save_screenshot (window, name);
  destroy_window (window);
}

static void
test_check (void)
{
  StiWindow *window = new_window (900, 1000);
  g_autofree char *name = screenshot_name ("results");
  g_autofree char *verdict = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *one_error = NULL;
  g_autofree char *what = NULL;
  GtkWidget *findings;
  g_autoptr(GPtrArray) rows = NULL;

  type_and_check (window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  /* The verdict and the counts in the catalog's words. */
  verdict = sti_verdict_dup_sentence (sti_window_get_report (window));
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);
  g_assert_true (strstr (verdict, "expired.lab.test") != NULL);
  counts = sti_format_report_counts (sti_window_get_report (window));
  one_error = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", 1), 1);
  g_assert_cmpstr (counts, ==, one_error);
  g_assert_cmpstr (counts, !=, "1 error");

  /* The expired certificate, with its explanation from the registry. */
  findings = find_named (window, "findings-group");
  g_assert_nonnull (findings);
  rows = find_widgets (findings, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   translated ("Certificate expired"));
  adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
  spin_for (400);
  /* The start of its "what", before the first placeholder. */
  what = g_strndup (translated ("A certificate is a signed statement that a public key belongs "
                                "to a name, valid only between two dates. The certificate "
                                "\"{subject}\" sent by {host} was valid until {not_after}; "
                                "that moment has passed. If it is not the server's own "
                                "certificate but an intermediate one, the server sends an "
                                "outdated chain file."), 30);
  g_assert_true (label_shows (findings, what));
  g_assert_true (label_shows (window, translated ("What Senders Do")));

  assert_all_translated (window);
  save_screenshot (window, name);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *mo = NULL;
  g_autofree char *path = NULL;
  int status;

  language = g_getenv ("STI_TEST_LANGUAGE") != NULL ? g_getenv ("STI_TEST_LANGUAGE") : "de";
  mo = g_build_filename (sti_i18n_get_localedir (), language, "LC_MESSAGES",
                         GETTEXT_PACKAGE ".mo", NULL);

  /* Before GTK and before any thread: the language of the whole process. */
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_print ("1..0 # SKIP %s is not built\n", mo);
      return 0;
    }
  sti_i18n_init (language, NULL);

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  path = g_strdup_printf ("/sti/ui-language/%s/start-page", language);
  g_test_add_func (path, test_start_page);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/sti/ui-language/%s/check", language);
  g_test_add_func (path, test_check);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
