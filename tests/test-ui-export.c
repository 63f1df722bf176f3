/* test-ui-export.c: exporting, reopening and comparing reports in the
 * window, through the functions the file dialogs call.
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-application.h"
#include "sti-host-report.h"
#include "sti-report-compare.h"
#include "sti-report-export.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-verdict.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *tmpdir;
static char *base_path;   /* expired.lab.test, as checked */
static char *first_path;  /* base with tls-no-forward-secrecy added */
static char *later_path;  /* first a day later: cert-expired fixed, tls-version-obsolete new */
static char *other_path;  /* the same for another domain */

static void
check_domain (StiWindow  *window,
              const char *domain)
{
  GtkWidget *entry = child (window, "domain_entry");

  gtk_editable_set_text (GTK_EDITABLE (entry), domain);
  g_signal_emit_by_name (child (window, "check_button"), "clicked");
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_nonnull (sti_window_get_report (window));
}

static void
assert_toast (StiWindow  *window,
              const char *needle)
{
  UiToastWait wait = { window, needle };

  g_assert_true (wait_for (ui_toast_shown, &wait, 20000));
}

typedef struct
{
  StiWindow      *window;
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
error_dialog_shown (gpointer data)
{
  DialogWait *wait = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (wait->window) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        {
          wait->dialog = ADW_MESSAGE_DIALOG (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

/* An error dialog over @window whose heading and body contain the texts;
 * it is closed afterwards, as the user would. */
static void
assert_error_dialog (StiWindow  *window,
                     const char *heading,
                     const char *body,
                     const char *screenshot)
{
  DialogWait wait = { window, NULL };

  g_assert_true (wait_for (error_dialog_shown, &wait, 20000));
  g_test_message ("error dialog: %s: %s", adw_message_dialog_get_heading (wait.dialog),
                  adw_message_dialog_get_body (wait.dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (wait.dialog), heading));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), body));
  g_assert_false (adw_message_dialog_get_body_use_markup (wait.dialog));
  if (screenshot != NULL)
    save_screenshot (wait.dialog, screenshot);
  gtk_window_close (GTK_WINDOW (wait.dialog));
  spin_for (50);
  g_assert_false (error_dialog_shown (&wait) && gtk_widget_get_visible (GTK_WIDGET (wait.dialog)));
}

static gboolean
saved_marker_shown (gpointer data)
{
  return gtk_widget_get_visible (child (data, "saved_label"));
}

static gboolean
compare_page_shown (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (child (data, "stack")), "compare") == 0;
}

static void
add_finding (JsonArray  *findings,
             const char *id,
             const char *detail)
{
  JsonObject *finding = json_object_new ();

  json_object_set_string_member (finding, "id", id);
  json_object_set_string_member (finding, "severity", "warning");
  json_object_set_object_member (finding, "params", json_object_new ());
  json_object_set_string_member (finding, "detail", detail);
  json_array_add_object_element (findings, finding);
}

/* An edited copy of a report (as tests/test-report-compare.c does), with
 * tls-no-forward-secrecy added to the first endpoint; when @later, one day
 * later, cert-expired fixed and tls-version-obsolete new; @domain replaces
 * the domain when non-NULL. */
static char *
edited_json (StiDomainReport *old,
             gboolean         later_check,
             const char      *domain)
{
  g_autofree char *json = sti_report_to_json_string (old, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = g_date_time_add_days (sti_domain_report_get_started_at (old), 1);
  g_autofree char *later_iso = g_date_time_format_iso8601 (later);
  JsonObject *report;
  JsonObject *endpoint;
  JsonArray *findings;
  gboolean removed = FALSE;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (parser));
  if (domain != NULL)
    {
      json_object_set_string_member (report, "domain", domain);
      json_object_set_string_member (report, "domain_unicode", domain);
    }

  endpoint = json_array_get_object_element (
    json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (report, "hosts"), 0),
      "endpoints"), 0);
  findings = json_object_get_array_member (endpoint, "findings");
  add_finding (findings, "tls-no-forward-secrecy", "RSA key exchange <i>accepted</i>");
  if (!later_check)
    goto out;

  json_object_set_string_member (report, "started_at", later_iso);
  json_object_set_null_member (report, "finished_at");
  json_object_set_boolean_member (endpoint, "certificate_verified", TRUE);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (findings, i),
                                                    "id"),
                     "cert-expired"))
      {
        json_array_remove_element (findings, i);
        removed = TRUE;
        break;
      }
  g_assert_true (removed);
  add_finding (findings, "tls-version-obsolete", "TLS 1.0 <b>offered</b>");

out:
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static StiDomainReport *
load_path (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  StiDomainReport *report;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  report = sti_report_load_from_data (data, len, &error);
  g_assert_no_error (error);
  return report;
}

static void
open_path (StiWindow  *window,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sti_window_open_report_file (window, file);
}

static guint group_rows (StiWindow  *window,
                         const char *group_name,
                         const char *row_name);

/* The toast buttons labelled @label, clicked as the user would (a
 * dismissed toast may linger while it hides: its button is clicked too). */
static void
click_toast_button (StiWindow  *window,
                    const char *label)
{
  g_autoptr(GPtrArray) buttons = find_widgets (child (window, "toast_overlay"), GTK_TYPE_BUTTON,
                                               NULL);
  guint n = 0;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        n++;
      }

  g_assert_cmpuint (n, >, 0);
}

/* Exporting returns at once and shows its progress in a toast; the
 * rendering runs in a worker thread and the writing asynchronously, and
 * the toast's button cancels both. */
static void
test_export_async (void)
{
  StiWindow *window = new_window (900, 700);
  g_autofree char *path = g_build_filename (tmpdir, "async.pdf", NULL);
  g_autofree char *cancelled_path = g_build_filename (tmpdir, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) cancelled = g_file_new_for_path (cancelled_path);
  UiFileWait wait = { path, "%PDF-" };
  UiToastWait exporting = { window, "Exporting the report" };
  DialogWait dialog = { window, NULL };

  open_path (window, base_path);
  g_assert_true (wait_for (saved_marker_shown, window, 20000));

  sti_window_export_report (window, file, STI_REPORT_FORMAT_PDF);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (ui_toast_shown (&exporting));
  save_screenshot_now (window, "ui-export-progress.png");
  g_assert_true (wait_for (ui_file_written, &wait, 20000));
  assert_toast (window, "Report saved");
  spin_for (100);
  g_assert_false (ui_toast_shown (&exporting));

  /* Cancelled before the rendering ends: no file, no error, no toast. */
  sti_window_export_report (window, cancelled, STI_REPORT_FORMAT_PDF);
  g_assert_true (ui_toast_shown (&exporting));
  click_toast_button (window, "_Cancel");
  spin_for (1000);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
  g_assert_false (error_dialog_shown (&dialog));
  g_assert_false (ui_toast_shown (&exporting));

  /* A window closed during an export: the export ends quietly. */
  sti_window_export_report (window, cancelled, STI_REPORT_FORMAT_HTML);
  destroy_window (window);
  spin_for (500);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
}

/* A live check of the demo lab, exported in every format the dialog
 * offers; the JSON becomes the saved report of the other tests. */
static void
test_export (void)
{
  static const struct {
    StiReportFormat format;
    const char *start;
  } formats[] = {
    { STI_REPORT_FORMAT_HTML, "<!DOCTYPE html" },
    { STI_REPORT_FORMAT_PDF, "%PDF-" },
    { STI_REPORT_FORMAT_MARKDOWN, "#" },
    { STI_REPORT_FORMAT_JSON, "{" },
  };
  StiWindow *window = new_window (900, 800);
  StiDomainReport *report;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *later = NULL;
  g_autofree char *other = NULL;

  /* Nothing to export before a check. */
  g_assert_false (gtk_widget_is_sensitive (child (window, "export_button")) &&
                  gtk_widget_get_visible (child (window, "export_button")));

  /* The start page offers to open a saved report. */
  g_assert_cmpstr (gtk_actionable_get_action_name (child (window, "open_report_button")), ==,
                   "win.open-report");
  g_assert_true (gtk_widget_is_sensitive (child (window, "open_report_button")));

  check_domain (window, "expired.lab.test");
  report = sti_window_get_report (window);
  g_assert_true (gtk_widget_get_visible (child (window, "export_button")));
  g_assert_cmpstr (gtk_actionable_get_action_name (child (window, "export_button")), ==,
                   "win.export");

  /* The Export button's menu has the other report actions. */
  {
    GMenuModel *menu = adw_split_button_get_menu_model (child (window, "export_button"));
    const char * const expected[] = { "win.export", "win.compare", "win.copy-summary",
                                      "win.open-report", "win.check-again" };
    guint found = 0;

    g_assert_nonnull (menu);
    for (gint i = 0; i < g_menu_model_get_n_items (menu); i++)
      {
        g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

        for (gint j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
          {
            g_autofree char *action = NULL;

            g_assert_true (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION,
                                                            "s", &action));
            g_assert_cmpuint (found, <, G_N_ELEMENTS (expected));
            g_assert_cmpstr (action, ==, expected[found]);
            found++;
          }
      }
    g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
  }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = sti_report_dup_suggested_filename (report, formats[i].format);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      gsize len = 0;
      UiFileWait wait = { path, formats[i].start };

      g_assert_true (g_str_has_suffix (name, sti_report_format_get_extension (formats[i].format)));
      sti_window_export_report (window, file, formats[i].format);
      g_assert_true (wait_for (ui_file_written, &wait, 20000));
      spin_for (100);
      assert_toast (window, "Report saved");
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (len, >, strlen (formats[i].start));
      g_assert_true (g_str_has_prefix (contents, formats[i].start));

      if (formats[i].format == STI_REPORT_FORMAT_JSON)
        base_path = g_steal_pointer (&path);
    }
  /* The toast has the button that opens the file. */
  {
    g_autoptr(GPtrArray) buttons = find_widgets (child (window, "toast_overlay"), GTK_TYPE_BUTTON,
                                                 NULL);
    gboolean open_button = FALSE;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Open") == 0)
        open_button = TRUE;
    g_assert_true (open_button);
  }
  save_screenshot (window, "ui-export-toast.png");

  /* An unwritable place: the error is shown, nothing crashes. */
  {
    g_autofree char *path = g_build_filename (tmpdir, "missing-dir", "report.html", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    sti_window_export_report (window, file, STI_REPORT_FORMAT_HTML);
    assert_error_dialog (window, "Could Not Save the Report", "report.html", NULL);
  }

  g_assert_nonnull (base_path);
  first = edited_json (report, FALSE, NULL);
  first_path = g_build_filename (tmpdir, "first.json", NULL);
  g_assert_true (g_file_set_contents (first_path, first, -1, &error));
  later = edited_json (report, TRUE, NULL);
  later_path = g_build_filename (tmpdir, "later.json", NULL);
  g_assert_true (g_file_set_contents (later_path, later, -1, &error));
  other = edited_json (report, TRUE, "other.example");
  other_path = g_build_filename (tmpdir, "other.json", NULL);
  g_assert_true (g_file_set_contents (other_path, other, -1, &error));
  g_assert_no_error (error);

  /* A live report compares too: with the later one, the expired
   * certificate is fixed and two findings are new. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (later_path);

    sti_window_compare_with_file (window, file);
    g_assert_true (wait_for (compare_page_shown, window, 20000));
    g_assert_cmpuint (group_rows (window, "compare-fixed", "cert-expired"), ==, 1);
    g_assert_cmpuint (group_rows (window, "compare-new", NULL), ==, 2);
    g_assert_cmpuint (group_rows (window, "compare-new", "tls-no-forward-secrecy"), ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
    g_assert_true (gtk_widget_get_visible (child (window, "again_button")));
  }

  destroy_window (window);
}

static void
test_open_saved (void)
{
  StiWindow *window = new_window (900, 900);
  g_autoptr(StiDomainReport) saved = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *verdict = NULL;
  GtkWidget *policy;
  GPtrArray *hosts;
  g_autoptr(GPtrArray) verdict_rows = NULL;
  guint n_verdicts = 0;

  g_assert_nonnull (base_path);
  saved = load_path (base_path);

  open_path (window, base_path);
  g_assert_true (wait_for (saved_marker_shown, window, 20000));
  g_assert_true (sti_window_get_offline (window));
  g_assert_false (sti_window_get_busy (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");

  /* The marker names the local date and time of the check. */
  local = g_date_time_to_local (sti_domain_report_get_started_at (saved));
  date = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "saved_label")), date));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "saved_label")),
                            "not a live check"));

  /* Read-only: no "Check again", but export and compare. */
  g_assert_false (gtk_widget_get_visible (child (window, "again_button")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-again", NULL) &&
                  sti_window_get_busy (window));
  g_assert_false (sti_window_get_busy (window));
  g_assert_true (gtk_widget_get_visible (child (window, "export_button")));

  /* The verdict is the original's. */
  verdict = sti_verdict_dup_sentence (saved);
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);
  g_assert_cmpstr (adw_window_title_get_title (child (window, "window_title")), ==,
                   "expired.lab.test");

  /* What Senders Do: the core verdict, one row per endpoint, with the
   * first action as the subtitle. */
  policy = find_named (window, "policy-group");
  g_assert_nonnull (policy);
  verdict_rows = find_widgets (policy, ADW_TYPE_EXPANDER_ROW, NULL);
  hosts = sti_domain_report_get_hosts (saved);
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          g_autoptr(StiEndpointVerdict) v =
            sti_endpoint_verdict_new (g_ptr_array_index (endpoints, j), saved);
          AdwExpanderRow *row;

          g_assert_cmpuint (n_verdicts, <, verdict_rows->len);
          row = g_ptr_array_index (verdict_rows, n_verdicts);
          g_assert_cmpstr (adw_expander_row_get_subtitle (row), ==,
                           sti_endpoint_verdict_get_first_action (v));
          n_verdicts++;
        }
    }
  g_assert_cmpuint (n_verdicts, ==, verdict_rows->len);
  g_assert_cmpuint (n_verdicts, >, 0);
  {
    g_autoptr(StiEndpointVerdict) v =
      sti_endpoint_verdict_new (g_ptr_array_index (
                                  sti_host_report_get_endpoints (g_ptr_array_index (hosts, 0)), 0),
                                saved);
    GtkWidget *answer = find_named (g_ptr_array_index (verdict_rows, 0),
                                    sti_answer_to_string (sti_endpoint_verdict_get_validating (v)));

    g_assert_nonnull (answer);
    g_assert_nonnull (find_named (g_ptr_array_index (verdict_rows, 0), "first-action"));
    adw_expander_row_set_expanded (g_ptr_array_index (verdict_rows, 0), TRUE);
  }

  save_screenshot (window, "ui-export-loaded.png");
  {
    GtkWidget *marker = child (window, "saved_label");
    GtkScrolledWindow *scroll = child (window, "results_scroll");

    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroll),
                              gtk_adjustment_get_upper (
                                gtk_scrolled_window_get_vadjustment (scroll)));
    (void)marker;
    save_screenshot (window, "ui-export-loaded-verdicts.png");
  }

  /* A live check afterwards clears the marker. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, "domain_entry")), "valid.lab.test");
  g_signal_emit_by_name (child (window, "check_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (child (window, "saved_label")));
  g_assert_false (sti_window_get_offline (window));
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_true (gtk_widget_get_visible (child (window, "again_button")));

  destroy_window (window);
}

static void
test_open_bad (void)
{
  StiWindow *window = new_window (900, 700);
  g_autofree char *original_json = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *counts = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  StiDomainReport *report;
  struct {
    const char *name;
    char *contents;
    gssize len;
  } bad[4];
  static const char * const screenshots[] = {
    "ui-export-open-corrupt.png", NULL, "ui-export-open-foreign.png", NULL
  };

  g_assert_nonnull (base_path);
  open_path (window, base_path);
  g_assert_true (wait_for (saved_marker_shown, window, 20000));
  report = sti_window_get_report (window);
  verdict = g_strdup (gtk_label_get_text (child (window, "verdict_label")));
  counts = g_strdup (gtk_label_get_text (child (window, "counts_label")));

  g_assert_true (g_file_get_contents (base_path, &original_json, &len, &error));
  g_assert_no_error (error);
  bad[0].name = "corrupt.json";
  bad[0].contents = g_strdup (original_json);
  bad[0].contents[len / 3] = '\x01';
  bad[0].contents[len / 3 + 1] = '}';
  bad[0].len = len;
  bad[1].name = "truncated.json";
  bad[1].contents = g_strndup (original_json, len / 2);
  bad[1].len = len / 2;
  bad[2].name = "foreign.json";
  bad[2].contents =
    g_strdup ("{\"schema\": \"someone-elses-report\", \"version\": 7, \"items\": []}\n");
  bad[2].len = -1;
  bad[3].name = "empty.json";
  bad[3].contents = g_strdup ("");
  bad[3].len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, bad[i].name, NULL);

      g_assert_true (g_file_set_contents (path, bad[i].contents, bad[i].len, &error));
      g_assert_no_error (error);
      open_path (window, path);
      assert_error_dialog (window, bad[i].name, "", screenshots[i]);

      /* Nothing changed. */
      g_assert_true (sti_window_get_report (window) == report);
      g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);
      g_assert_cmpstr (gtk_label_get_text (child (window, "counts_label")), ==, counts);
      g_assert_true (gtk_widget_get_visible (child (window, "saved_label")));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
      g_free (bad[i].contents);
    }

  /* A file that does not exist. */
  {
    g_autofree char *path = g_build_filename (tmpdir, "no-such-report.json", NULL);

    open_path (window, path);
    assert_error_dialog (window, "no-such-report.json", "No such file", NULL);
    g_assert_true (sti_window_get_report (window) == report);
  }

  destroy_window (window);
}

static guint
group_rows (StiWindow  *window,
            const char *group_name,
            const char *row_name)
{
  GtkWidget *group = find_named (window, group_name);
  g_autoptr(GPtrArray) rows = NULL;
  guint n = 0;

  g_assert_nonnull (group);
  rows = find_widgets (group, ADW_TYPE_ACTION_ROW, NULL);
  for (guint i = 0; i < rows->len; i++)
    if (row_name == NULL ||
        g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (rows, i)), row_name) == 0)
      n++;

  return n;
}

static void
assert_comparison (StiWindow  *window,
                   const char *first,
                   const char *second)
{
  g_autoptr(StiDomainReport) old_report = load_path (first);
  g_autoptr(StiDomainReport) new_report = load_path (second);
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *summary_label;

  cmp = sti_report_compare (old_report, new_report, &error);
  g_assert_no_error (error);
  summary = sti_report_comparison_dup_summary (cmp);
  g_assert_cmpuint (sti_report_comparison_get_fixed (cmp)->len, ==, 1);
  g_assert_cmpuint (sti_report_comparison_get_new (cmp)->len, ==, 1);

  summary_label = find_named (window, "compare-summary");
  g_assert_nonnull (summary_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary_label)), ==, summary);
  g_assert_nonnull (strstr (summary, "1 fixed"));
  g_assert_nonnull (strstr (summary, "1 new"));

  g_assert_cmpuint (group_rows (window, "compare-fixed", "cert-expired"), ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-fixed", NULL), ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-new", "tls-version-obsolete"), ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-new", NULL), ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-remaining", "cert-expired"), ==, 0);
  g_assert_cmpuint (group_rows (window, "compare-remaining", "tls-version-obsolete"), ==, 0);
  g_assert_cmpuint (sti_report_comparison_get_remaining (cmp)->len, ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-remaining", "tls-no-forward-secrecy"), ==, 1);
  g_assert_cmpuint (group_rows (window, "compare-remaining", NULL), ==, 1);
  g_assert_nonnull (strstr (summary, "1 remaining"));

  /* Rows show the catalog title and where, not the raw id. */
  {
    AdwPreferencesRow *row = ADW_PREFERENCES_ROW (find_named (find_named (window, "compare-fixed"),
                                                              "cert-expired"));

    g_assert_cmpstr (adw_preferences_row_get_title (row), !=, "cert-expired");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                              sti_host_report_get_name (
                                g_ptr_array_index (sti_domain_report_get_hosts (old_report), 0))));
  }
}

static void
test_compare (void)
{
  StiWindow *window = new_window (900, 900);
  g_autoptr(GFile) later = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(GFile) other = NULL;
  g_autofree char *verdict = NULL;

  g_assert_nonnull (later_path);
  later = g_file_new_for_path (later_path);
  base = g_file_new_for_path (first_path);
  other = g_file_new_for_path (other_path);

  /* The old report shown, the newer one picked. */
  open_path (window, first_path);
  g_assert_true (wait_for (saved_marker_shown, window, 20000));
  sti_window_compare_with_file (window, later);
  g_assert_true (wait_for (compare_page_shown, window, 20000));
  assert_comparison (window, first_path, later_path);
  save_screenshot (window, "ui-export-compare.png");

  /* Back to the report. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");

  /* The other way round gives the same comparison: old is the earlier. */
  open_path (window, later_path);
  g_assert_true (wait_for (saved_marker_shown, window, 20000));
  spin_for (100);
  sti_window_compare_with_file (window, base);
  g_assert_true (wait_for (compare_page_shown, window, 20000));
  assert_comparison (window, first_path, later_path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);

  /* Another domain: a message, the page stays. */
  verdict = g_strdup (gtk_label_get_text (child (window, "verdict_label")));
  sti_window_compare_with_file (window, other);
  assert_error_dialog (window, "Cannot Compare", "different domains",
                       "ui-export-compare-other-domain.png");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  tmpdir = g_dir_make_tmp ("sti-ui-export-XXXXXX", &error);
  g_assert_no_error (error);

  /* The later tests use the files the first one saves. */
  g_test_add_func ("/sti/ui-export/export", test_export);
  g_test_add_func ("/sti/ui-export/async", test_export_async);
  g_test_add_func ("/sti/ui-export/open-saved", test_open_saved);
  g_test_add_func ("/sti/ui-export/open-bad", test_open_bad);
  g_test_add_func ("/sti/ui-export/compare", test_compare);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }
  g_clear_pointer (&base_path, g_free);
  g_clear_pointer (&first_path, g_free);
  g_clear_pointer (&later_path, g_free);
  g_clear_pointer (&other_path, g_free);
  g_clear_pointer (&tmpdir, g_free);
  g_object_unref (app);
  return status;
}
