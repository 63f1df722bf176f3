/* test-ui-export-choice.c: the Export dialog writes the format the user
 * chose, under a name whose extension says it, and Export is off while no
 * report is on screen (issue 18, item 2).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-export-choice.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

static void
test_resolve (void)
{
  static const struct {
    const char *name;
    int         filter;   /* STI_EXPORT_CHOICE_NO_FILTER: the dialog does not say */
    const char *written;
    StiReportFormat format;
  } cases[] = {
    /* PDF chosen, the suggested name kept: PDF, named .pdf. */
    { "report.html", STI_REPORT_FORMAT_PDF, "report.pdf", STI_REPORT_FORMAT_PDF },
    { "report.HTM", STI_REPORT_FORMAT_MARKDOWN, "report.md", STI_REPORT_FORMAT_MARKDOWN },
    /* The file type untouched, an extension typed: the extension's format. */
    { "report.pdf", STI_REPORT_FORMAT_HTML, "report.pdf", STI_REPORT_FORMAT_PDF },
    { "report.JSON", STI_REPORT_FORMAT_HTML, "report.JSON", STI_REPORT_FORMAT_JSON },
    { "report.md", STI_EXPORT_CHOICE_NO_FILTER, "report.md", STI_REPORT_FORMAT_MARKDOWN },
    /* No known extension: the format's is added. */
    { "report", STI_REPORT_FORMAT_HTML, "report.html", STI_REPORT_FORMAT_HTML },
    { "report", STI_REPORT_FORMAT_PDF, "report.pdf", STI_REPORT_FORMAT_PDF },
    { "report.v2", STI_EXPORT_CHOICE_NO_FILTER, "report.v2.html", STI_REPORT_FORMAT_HTML },
    { ".html", STI_REPORT_FORMAT_PDF, ".html.pdf", STI_REPORT_FORMAT_PDF },
    /* Both chosen and agreeing. */
    { "report.pdf", STI_REPORT_FORMAT_PDF, "report.pdf", STI_REPORT_FORMAT_PDF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      StiReportFormat format = STI_REPORT_FORMAT_TEXT;
      g_autofree char *written = sti_export_choice_resolve (cases[i].name,
                                                            STI_REPORT_FORMAT_HTML,
                                                            cases[i].filter, &format);

      g_test_message ("%s, filter %d", cases[i].name, cases[i].filter);
      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_cmpint (format, ==, cases[i].format);
    }
}

/* The choosers the test answered already: GTK may keep them around. */
static GList *answered;

static GtkFileChooser *
find_chooser (void)
{
  GtkFileChooser *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_list_find (answered, l->data) == NULL)
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static GtkFileFilter *
find_filter (GtkFileChooser *chooser,
             const char     *name)
{
  g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (chooser);

  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      if (g_strcmp0 (gtk_file_filter_get_name (filter), name) == 0)
        return filter;
    }

  g_assert_not_reached ();
}

static gboolean export_enabled (StiWindow *window);

/* Opens Export (as Ctrl+E does), names the file @name in @dir, picks the
 * file type @filter_name unless NULL, and presses Export. */
static void
export_with_dialog (StiWindow  *window,
                    const char *dir,
                    const char *name,
                    const char *filter_name,
                    const char *screenshot)
{
  g_autofree char *cwd = g_get_current_dir ();
  GtkFileChooser *chooser;

  g_assert_true (export_enabled (window));
  /* The dialog opens in the working directory. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  g_assert_true (wait_for (chooser_shown, NULL, 5000));
  chooser = find_chooser ();
  if (name != NULL)
    gtk_file_chooser_set_current_name (chooser, name);
  if (filter_name != NULL)
    gtk_file_chooser_set_filter (chooser, find_filter (chooser, filter_name));
  /* The chooser loads its folder and checks the name asynchronously. */
  if (screenshot != NULL)
    save_screenshot (chooser, screenshot);
  else
    spin_for (500);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  answered = g_list_prepend (answered, chooser);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* Whether win.export is enabled: the split button's own button follows
 * it (the menu item and Ctrl+E do too). */
static gboolean
export_enabled (StiWindow *window)
{
  g_autoptr(GPtrArray) buttons = find_widgets (child (window, "export_button"), GTK_TYPE_BUTTON,
                                               NULL);

  g_assert_cmpuint (buttons->len, >, 0);
  return gtk_widget_get_sensitive (g_ptr_array_index (buttons, 0));
}

static void
assert_file_starts (const char *path,
                    const char *start)
{
  UiFileWait wait = { path, start };

  g_assert_true (wait_for (ui_file_written, &wait, 20000));
}

static void
test_export_choice_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sti-export-choice-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chosen.pdf", NULL);
  g_autofree char *html = g_build_filename (dir, "chosen.html", NULL);
  g_autofree char *typed = g_build_filename (dir, "typed.json", NULL);
  g_autofree char *typed_html = g_build_filename (dir, "typed.json.html", NULL);
  StiWindow *window = new_window (900, 800);
  UiToastWait saved_pdf = { window, "Report saved as “chosen.pdf”" };
  UiToastWait saved_json = { window, "Report saved as “typed.json”" };

  /* The start page shows no report: nothing to export. */
  g_assert_false (export_enabled (window));

  type_and_check (window, "valid.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  /* "PDF document" chosen, the suggested .html name kept: a PDF named .pdf. */
  export_with_dialog (window, dir, "chosen.html", "PDF document", "ui-export-choice-pdf.png");
  assert_file_starts (pdf, "%PDF");
  g_assert_false (g_file_test (html, G_FILE_TEST_EXISTS));
  g_assert_true (wait_for (ui_toast_shown, &saved_pdf, 20000));

  /* A typed extension picks the format when the file type is untouched. */
  export_with_dialog (window, dir, "typed.json", NULL, NULL);
  assert_file_starts (typed, "{");
  g_assert_false (g_file_test (typed_html, G_FILE_TEST_EXISTS));
  g_assert_true (wait_for (ui_toast_shown, &saved_json, 20000));

  /* Back on the start page, Ctrl+E exports nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "start");
  g_assert_false (export_enabled (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
  spin_for (300);
  g_assert_null (find_chooser ());

  destroy_window (window);
  g_unlink (pdf);
  g_unlink (typed);
  g_rmdir (dir);
}

static AdwMessageDialog *
find_replace_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_widget_get_name (l->data), "export-replace-dialog") == 0 &&
        gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static gboolean
replace_dialog_shown (gpointer data)
{
  return find_replace_dialog () != NULL;
}

/* The dialog confirmed replacing "old.html"; "old.pdf", written instead,
 * is replaced only when the user says so again. */
static void
test_export_choice_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sti-export-replace-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "old.pdf", NULL);
  StiWindow *window = new_window (900, 800);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (pdf, "keep me", -1, NULL));
  type_and_check (window, "valid.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  export_with_dialog (window, dir, "old.html", "PDF document", NULL);
  g_assert_true (wait_for (replace_dialog_shown, NULL, 5000));
  adw_message_dialog_response (find_replace_dialog (), "cancel");
  spin_for (500);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep me");

  export_with_dialog (window, dir, "old.html", "PDF document", NULL);
  g_assert_true (wait_for (replace_dialog_shown, NULL, 5000));
  adw_message_dialog_response (find_replace_dialog (), "replace");
  assert_file_starts (pdf, "%PDF");

  destroy_window (window);
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-export-choice/resolve", test_resolve },
    { "/sti/ui-export-choice/dialog", test_export_choice_dialog },
    { "/sti/ui-export-choice/replace", test_export_choice_replace },
    { NULL, NULL },
  };

  return ui_test_main (&argc, &argv, tests);
}
