/* test-ui-mandatory.c: the "Make TLS mandatory" view on demo lab domains,
 * and the certificate viewer's chain file and private-key warning
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-certificate-file.h"
#include "sti-certificate-window.h"
#include "sti-host-report.h"
#include "sti-mandatory-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* The "Make TLS mandatory" window that is open, if any */
static StiMandatoryWindow *
find_mandatory (void)
{
  StiMandatoryWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STI_IS_MANDATORY_WINDOW (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* Checks @domain in a new main window and opens the view from the
 * results page's row. */
static StiMandatoryWindow *
open_view (StiWindow  *window,
           const char *domain,
           const char *row_title)
{
  GtkWidget *entry;
  g_autoptr(GPtrArray) rows = NULL;
  StiMandatoryWindow *view;

  type_and_check (window, domain);
  g_assert_true (wait_for (not_busy, window, 60000));

  entry = find_named (child (window, "overview_box"), "mandatory-entry");
  g_assert_nonnull (entry);
  rows = find_widgets (entry, ADW_TYPE_ACTION_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, row_title);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.make-mandatory", NULL));
  view = find_mandatory ();
  g_assert_nonnull (view);
  gtk_window_set_default_size (GTK_WINDOW (view), 800, 1100);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  return view;
}

static gboolean
is_copy_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "copy-record");
}

/* A domain whose two servers pass: every record, each with its copy
 * button, and the copy puts the record on the clipboard. */
static void
test_ready (void)
{
  StiWindow *window = new_window (1000, 900);
  StiMandatoryWindow *view = open_view (window, "valid.lab.test", "Make TLS mandatory");
  StiMandatoryPlan *plan = sti_mandatory_window_get_plan (view);
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "copy-record");
  g_autoptr(GPtrArray) rows = find_widgets (view, ADW_TYPE_ACTION_ROW, NULL);
  GPtrArray *sections = sti_mandatory_plan_get_sections (plan);
  g_autofree char *copied = NULL;
  guint n_records = 0;

  g_assert_cmpint (sti_mandatory_plan_get_status (plan), ==, STI_MANDATORY_READY);
  g_assert_cmpuint (rows->len, ==, 0);

  /* Each record's text is shown as it is, named by its id */
  for (guint i = 0; i < sections->len; i++)
    {
      StiMandatorySection *section = g_ptr_array_index (sections, i);

      g_assert_nonnull (find_named (view, section->id));
      for (guint j = 0; j < section->records->len; j++)
        {
          StiMandatoryRecord *record = g_ptr_array_index (section->records, j);
          GtkWidget *label = find_named (view, record->id);
          g_autofree char *shown = g_strchomp (g_strdup (record->text));

          g_assert_nonnull (label);
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, shown);
          n_records++;
        }
    }
  g_assert_cmpuint (n_records, ==, 9);
  g_assert_nonnull (find_named (view, "mta-sts-policy-testing"));
  g_assert_nonnull (find_named (view, "tlsa-3-1-1:mx1.valid.lab.test"));
  g_assert_true (any_label_contains (view, "mx: mx2.valid.lab.test"));
  g_assert_true (any_label_contains (view, "Important: The address after rua=mailto: is a "
                                           "placeholder"));

  /* One copy button per record, icon-only with a tooltip */
  g_assert_cmpuint (buttons->len, ==, n_records);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      g_assert_true (is_copy_button (button));
      g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "edit-copy-symbolic");
      g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Copy to the clipboard");
    }

  save_screenshot (view, "ui-mandatory-ready.png");
  scroll_to_widget (view, find_named (view, "dane"));
  save_screenshot (view, "ui-mandatory-ready-dane.png");

  g_signal_emit_by_name (g_ptr_array_index (buttons, 1), "clicked");
  copied = read_clipboard_text (GTK_WIDGET (view));
  g_assert_cmpstr (copied, ==, sti_mandatory_plan_find_record (plan, "mta-sts-record-testing")->text);

  gtk_window_destroy (GTK_WINDOW (view));
  destroy_window (window);
}

/* An expired certificate: the same view says what to fix, and shows no record. */
static void
test_fix_first (void)
{
  StiWindow *window = new_window (1000, 900);
  StiMandatoryWindow *view = open_view (window, "expired.lab.test",
                                        "Before making TLS mandatory");
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_BUTTON, "copy-record");
  g_autoptr(GPtrArray) rows = find_widgets (view, ADW_TYPE_ACTION_ROW, NULL);

  g_assert_cmpint (sti_mandatory_plan_get_status (sti_mandatory_window_get_plan (view)), ==,
                   STI_MANDATORY_FIX_FIRST);
  g_assert_cmpuint (buttons->len, ==, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)),
                                   "mx1.expired.lab.test at "));
  g_assert_true (any_label_contains (view, "Not yet: fix what is listed below first"));
  g_assert_false (any_label_contains (view, "IN TLSA"));
  save_screenshot (view, "ui-mandatory-fix-first.png");

  gtk_window_destroy (GTK_WINDOW (view));
  destroy_window (window);
}

/* Reads a saved chain file back with the parser the viewer opens files with. */
static GPtrArray *
read_chain (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  StiCertificateKind kind;
  GPtrArray *ders;

  UiFileWait wait = { path, "" };

  g_assert_true (wait_for (ui_file_written, &wait, 5000));
  spin_for (100);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (data, "-----BEGIN CERTIFICATE-----"));
  bytes = g_bytes_new (data, len);
  ders = sti_certificate_file_parse (bytes, &kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, STI_CERTIFICATE_KIND_CERTIFICATE);
  return ders;
}

/* The chain as the check built it, from a server of the lab: leaf first,
 * then the intermediate, and no root. */
static void
test_save_chain_endpoint (void)
{
  StiWindow *window = new_window (1000, 900);
  g_autofree char *dir = g_dir_make_tmp ("sti-chain-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fullchain.pem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) ders = NULL;
  StiHostReport *host;
  StiEndpointReport *endpoint;
  StiCertificateWindow *viewer;
  GPtrArray *sent;

  type_and_check (window, "valid.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));
  host = g_ptr_array_index (sti_domain_report_get_hosts (sti_window_get_report (window)), 0);
  endpoint = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  sent = sti_endpoint_report_get_chain (endpoint);

  viewer = sti_certificate_window_new_for_endpoint (GTK_WINDOW (window), endpoint, 0);
  gtk_window_present (GTK_WINDOW (viewer));
  sti_certificate_window_save_chain (viewer, file);
  ders = read_chain (path);
  g_assert_cmpuint (ders->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 0),
                                sti_certificate_get_der (g_ptr_array_index (sent, 0))));
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 1),
                                sti_certificate_get_der (g_ptr_array_index (sent, 1))));

  gtk_window_destroy (GTK_WINDOW (viewer));
  g_unlink (path);
  g_rmdir (dir);
  destroy_window (window);
}

/* A file sent out of order, with its root: saved leaf first, root left out;
 * the file also holds the key, which the viewer warns about and never shows. */
static void
test_file_with_key (void)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("Mandatory Test Root", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Mandatory Test Intermediate", root);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", intermediate);
  g_autofree char *root_pem = certgen_pem (root);
  g_autofree char *intermediate_pem = certgen_pem (intermediate);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *key_pem = certgen_key_pem (leaf);
  g_autofree char *text = g_strconcat (intermediate_pem, key_pem, root_pem, leaf_pem, NULL);
  g_autoptr(GBytes) data = g_bytes_new (text, strlen (text));
  g_autofree char *dir = g_dir_make_tmp ("sti-chain-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "fullchain.pem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GBytes) leaf_der = certgen_der (leaf);
  g_autoptr(GBytes) intermediate_der = certgen_der (intermediate);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) key_lines = g_strsplit (key_pem, "\n", -1);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  StiCertificateWindow *viewer = sti_certificate_window_new (NULL, none, 0);
  GtkWidget *banner;

  gtk_window_set_default_size (GTK_WINDOW (viewer), 1000, 800);
  gtk_window_present (GTK_WINDOW (viewer));
  g_assert_false (sti_certificate_window_get_key_warning (viewer));
  g_assert_true (sti_certificate_window_set_data (viewer, data, &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));

  /* The warning, in words, and never the key */
  g_assert_true (sti_certificate_window_get_key_warning (viewer));
  banner = find_named (GTK_WIDGET (viewer), "private-key-warning");
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_is_visible (banner));
  g_assert_true (any_label_contains (banner, "This file also holds a private key"));
  g_assert_true (any_label_contains (banner, "Keep it secret"));
  g_assert_false (any_label_contains (viewer, "PRIVATE KEY"));
  g_assert_false (any_label_contains (viewer, key_lines[1]));
  save_screenshot (viewer, "ui-mandatory-private-key.png");

  sti_certificate_window_save_chain (viewer, file);
  ders = read_chain (path);
  g_assert_cmpuint (ders->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 0), leaf_der));
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 1), intermediate_der));

  /* A file of certificates only: no warning */
  g_clear_pointer (&data, g_bytes_unref);
  data = g_bytes_new (leaf_pem, strlen (leaf_pem));
  g_assert_true (sti_certificate_window_set_data (viewer, data, &error));
  g_assert_false (sti_certificate_window_get_key_warning (viewer));

  /* A key alone is not a certificate, and the message says to keep it secret */
  g_clear_pointer (&data, g_bytes_unref);
  data = g_bytes_new (key_pem, strlen (key_pem));
  g_assert_false (sti_certificate_window_set_data (viewer, data, &error));
  g_assert_nonnull (strstr (error->message, "private key, which must stay secret"));

  gtk_window_destroy (GTK_WINDOW (viewer));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-mandatory/ready", test_ready },
    { "/sti/ui-mandatory/fix-first", test_fix_first },
    { "/sti/ui-mandatory/save-chain-endpoint", test_save_chain_endpoint },
    { "/sti/ui-mandatory/file-with-key", test_file_with_key },
    { NULL, NULL },
  };

  return ui_test_main (&argc, &argv, tests);
}
