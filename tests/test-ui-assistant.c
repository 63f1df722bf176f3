/* test-ui-assistant.c: the certificate assistant, end to end on the demo lab
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-certificate-file.h"
#include "sti-comparison-view.h"
#include "sti-host-report.h"
#include "sti-request-assistant.h"
#include "sti-settings.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

/* The CA the test plays: the check trusts its root (extra-ca-files), so a
 * certificate it issues from the assistant's request verifies. */
static CertgenCert *root;
static CertgenCert *intermediate;
static char *work_dir;

static StiRequestAssistant *
find_assistant (void)
{
  StiRequestAssistant *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STI_IS_REQUEST_ASSISTANT (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

/* The CA's side: a certificate for the request, as a CA would issue it. */
static char *
sign_request (GBytes *request)
{
  gnutls_x509_crq_t crq = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t in = { (unsigned char *)g_bytes_get_data (request, NULL),
                        g_bytes_get_size (request) };
  gnutls_datum_t out = { NULL, 0 };
  guchar serial[] = { 0x42, 0x17 };
  time_t now = time (NULL);
  char *pem;

  g_assert_cmpint (gnutls_x509_crq_init (&crq), ==, 0);
  g_assert_cmpint (gnutls_x509_crq_import (crq, &in, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_crq (crt, crq), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_crq_extensions (crt, crq), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_version (crt, 3), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_activation_time (crt, now - 3600), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_expiration_time (crt, now + 90 * 86400), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE |
                                                  GNUTLS_KEY_KEY_ENCIPHERMENT), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_sign2 (crt, intermediate->crt, intermediate->key,
                                          GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &out), ==, 0);
  pem = g_strndup ((const char *)out.data, out.size);
  gnutls_free (out.data);
  gnutls_x509_crt_deinit (crt);
  gnutls_x509_crq_deinit (crq);
  return pem;
}

static void
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static gboolean
request_made (gpointer data)
{
  return sti_request_assistant_get_request (data) != NULL;
}

static gboolean
bundle_built (gpointer data)
{
  return !sti_request_assistant_get_building (data) &&
         sti_request_assistant_get_bundle (data) != NULL;
}

static gboolean
comparison_shown (gpointer data)
{
  return !sti_window_get_busy (data) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (child (data, "stack")), "compare") == 0;
}

static void
screenshot_at (StiRequestAssistant *assistant,
               int                  width,
               const char          *file,
               const char          *top)
{
  gtk_window_set_default_size (GTK_WINDOW (assistant), width, 900);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (assistant));
  spin_for (200);
  /* scroll_to_widget() measures from the top: start there. */
  if (top != NULL)
    {
      GtkWidget *scrolled = find_named (assistant, top);

      while (!GTK_IS_SCROLLED_WINDOW (scrolled))
        scrolled = gtk_widget_get_parent (scrolled);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                                0);
      spin_for (200);
      scroll_to_widget (assistant, find_named (assistant, top));
    }
  save_screenshot (assistant, file);
}

/* Each step at the default width and at 360 pixels, the narrowest; @top
 * names the widget to scroll to the top, if any. */
static void
screenshot_both (StiRequestAssistant *assistant,
                 const char          *name,
                 const char          *top)
{
  g_autofree char *wide = g_strdup_printf ("ui-assistant-%s.png", name);
  g_autofree char *narrow = g_strdup_printf ("ui-assistant-%s-narrow.png", name);

  screenshot_at (assistant, 720, wide, top);
  screenshot_at (assistant, 360, narrow, top);
  gtk_window_set_default_size (GTK_WINDOW (assistant), 720, 900);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (assistant));
}

/* The names step: prefilled with the MX host, checked as typed, with a
 * warning when an MX host is left out, and the terms explained. */
static void
walk_names (StiRequestAssistant *assistant)
{
  g_auto(GStrv) names = sti_request_assistant_dup_names (assistant);
  g_auto(GStrv) uncovered = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *entry = find_named (assistant, "name-entry");

  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "names");
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "mx1.expired.lab.test");
  g_assert_false (gtk_widget_get_visible (find_named (assistant, "coverage")));
  g_assert_true (any_label_contains (assistant, "Also the Common Name (CN)"));
  screenshot_both (assistant, "names", NULL);

  /* The core's words, as typed */
  gtk_editable_set_text (GTK_EDITABLE (entry), "192.0.2.25");
  g_assert_true (any_label_contains (assistant, "is an IP address"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (sti_request_assistant_add_name (assistant, "192.0.2.25", &error));
  g_clear_error (&error);
  g_assert_false (sti_request_assistant_add_name (assistant, "MX1.expired.lab.test.", &error));
  g_assert_nonnull (strstr (error->message, "same name"));
  g_clear_error (&error);
  gtk_editable_set_text (GTK_EDITABLE (entry), "mail.expired.lab.test");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "apply");
  g_clear_pointer (&names, g_strfreev);
  names = sti_request_assistant_dup_names (assistant);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Leaving the MX host out: a warning naming it */
  sti_request_assistant_remove_name (assistant, "mx1.expired.lab.test");
  uncovered = sti_request_assistant_dup_uncovered (assistant);
  g_assert_cmpstrv (uncovered, ((const char * const[]){ "mx1.expired.lab.test", NULL }));
  g_assert_true (gtk_widget_get_visible (find_named (assistant, "coverage")));
  g_assert_true (any_label_contains (assistant, "Mail for expired.lab.test delivered to "
                                                "mx1.expired.lab.test would fail name checks"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_named (assistant, "term-dc")), TRUE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_named (assistant, "term-o")), TRUE);
  g_assert_true (any_label_contains (assistant, "a mail server does not need it"));
  screenshot_both (assistant, "names-uncovered", NULL);

  sti_request_assistant_remove_name (assistant, "mail.expired.lab.test");
  g_assert_true (sti_request_assistant_add_name (assistant, "mx1.expired.lab.test", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
}

/* The key step: made off the main loop, saved with mode 0600 and never
 * over an existing file; the request names every name. */
static GBytes *
walk_key (StiRequestAssistant *assistant)
{
  g_autofree char *key_path = work_path ("mx1.expired.lab.test.key");
  g_autofree char *csr_path = work_path ("mx1.expired.lab.test.csr");
  g_autoptr(GFile) key_file = g_file_new_for_path (key_path);
  g_autoptr(GFile) csr_file = g_file_new_for_path (csr_path);
  g_autofree char *command = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "key");
  g_assert_false (gtk_widget_is_sensitive (find_named (assistant, "next")));
  screenshot_both (assistant, "key", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.make-request",
                                             NULL));
  g_assert_true (wait_for (request_made, assistant, 60000));
  g_assert_true (any_label_contains (assistant, "Not saved yet: it exists only in this window"));

  g_assert_true (sti_request_assistant_save_key (assistant, key_file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (key_path), ==, 0600);
  /* Never over an existing file */
  g_assert_false (sti_request_assistant_save_key (assistant, key_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (sti_request_assistant_save_request (assistant, csr_file, &error));
  g_assert_no_error (error);
  command = g_strdup_printf ("certtool --crq-info --infile %s", csr_path);
  g_assert_true (g_spawn_command_line_sync (command, &info, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (info, "DNSname: mx1.expired.lab.test"));
  g_assert_nonnull (strstr (info, "CN=mx1.expired.lab.test"));
  g_assert_nonnull (strstr (info, "Self signature: verified"));
  g_assert_null (strstr (info, "DC="));
  screenshot_both (assistant, "key-saved", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  return g_bytes_ref (sti_request_assistant_get_request (assistant));
}

/* The next steps, then "I have my certificate": the CA's files in any
 * order, with the root; the chain file built, saved, and the .pfx. */
static void
walk_bundle (StiRequestAssistant *assistant,
             GBytes              *request)
{
  g_autofree char *leaf_pem = sign_request (request);
  g_autofree char *root_pem = certgen_pem (root);
  g_autofree char *intermediate_pem = certgen_pem (intermediate);
  g_autofree char *ca_bundle = g_strconcat (root_pem, intermediate_pem, NULL);
  g_autofree char *chain_path = work_path ("fullchain.pem");
  g_autofree char *pfx_path = work_path ("mx1.expired.lab.test.pfx");
  g_autofree char *leaf_path = work_path ("certificate.crt");
  g_autofree char *ca_path = work_path ("ca-bundle.pem");
  g_autoptr(GFile) chain_file = g_file_new_for_path (chain_path);
  g_autoptr(GFile) pfx_file = g_file_new_for_path (pfx_path);
  g_autoptr(GFile) leaf_file = g_file_new_for_path (leaf_path);
  g_autoptr(GFile) ca_file = g_file_new_for_path (ca_path);
  g_autofree char *written = NULL;
  g_autoptr(GBytes) written_bytes = NULL;
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GBytes) intermediate_der = certgen_der (intermediate);
  g_autoptr(GError) error = NULL;
  StiChainBundle *bundle;
  StiCertificateKind kind;

  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "next-steps");
  g_assert_true (any_label_contains (assistant, "certbot certonly --standalone --csr"));
  g_assert_true (any_label_contains (assistant, "New-ExchangeCertificate -GenerateRequest"));
  screenshot_both (assistant, "next-steps", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "bundle");

  write_file ("ca-bundle.pem", ca_bundle);
  write_file ("certificate.crt", leaf_pem);
  sti_request_assistant_add_certificate_file (assistant, ca_file);
  sti_request_assistant_add_certificate_file (assistant, leaf_file);
  g_assert_true (any_label_contains (assistant, "The key made in the key step"));
  screenshot_both (assistant, "bundle-files", NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.build", NULL));
  g_assert_true (wait_for (bundle_built, assistant, 60000));
  bundle = sti_request_assistant_get_bundle (assistant);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  g_assert_true (sti_chain_bundle_get_key_matches (bundle));
  g_assert_nonnull (find_named (assistant, "bundle-verified"));
  g_assert_true (any_label_contains (assistant, "Left out the root certificate"));
  g_assert_true (any_label_contains (assistant, "The key belongs to this certificate."));
  g_assert_true (any_label_contains (assistant, "It covers every name: mx1.expired.lab.test."));
  g_assert_true (any_label_contains (assistant, "smtpd_tls_chain_files"));
  screenshot_both (assistant, "bundle-result", "bundle-verified");

  /* The chain file: the leaf, then the intermediate; no root */
  g_assert_true (sti_request_assistant_save_chain (assistant, chain_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (chain_path, &written, NULL, &error));
  written_bytes = g_bytes_new (written, strlen (written));
  ders = sti_certificate_file_parse (written_bytes, &kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (ders, 1), intermediate_der));
  g_assert_true (any_label_contains (assistant, chain_path));

  /* The .pfx for Exchange: password-protected, readable by its owner alone */
  g_assert_false (sti_request_assistant_save_pkcs12 (assistant, pfx_file, "", &error));
  g_clear_error (&error);
  g_assert_true (sti_request_assistant_save_pkcs12 (assistant, pfx_file, "s3cret", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (pfx_path), ==, 0600);
  screenshot_both (assistant, "bundle-save", "bundle-save");
}

static void
test_end_to_end (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  g_autofree char *root_pem = certgen_pem (root);
  g_autofree char *root_path = work_path ("test-root.pem");
  const char *ca_files[] = { root_path, NULL };
  StiWindow *window;
  StiRequestAssistant *assistant;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GPtrArray) views = NULL;

  write_file ("test-root.pem", root_pem);
  g_settings_set_strv (settings, "extra-ca-files", ca_files);

  window = checked_window (1000, 900, "expired.lab.test");
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (child (window, "menu_button")),
                                  "win.request-certificate"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (child (window, "menu_button")),
                                  "win.make-mandatory"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-certificate",
                                             NULL));
  assistant = find_assistant ();
  g_assert_nonnull (assistant);

  walk_names (assistant);
  request = walk_key (assistant);
  walk_bundle (assistant, request);

  /* Check Again: the main window checks the domain again and shows what changed */
  g_assert_true (gtk_widget_get_visible (find_named (assistant, "check-again")));
  screenshot_both (assistant, "check-again-button", "check-again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.check-again",
                                             NULL));
  g_assert_true (wait_for (comparison_shown, window, 60000));
  views = find_widgets (child (window, "compare_bin"), STI_TYPE_COMPARISON_VIEW, NULL);
  g_assert_cmpuint (views->len, ==, 1);
  save_screenshot (window, "ui-assistant-check-again.png");

  gtk_window_destroy (GTK_WINDOW (assistant));
  destroy_window (window);
  g_settings_reset (settings, "extra-ca-files");
}

/* A certificate finding offers a new certificate, a chain finding the
 * chain file; Make TLS Mandatory is enabled only with a report shown. */
static void
test_entry_points (void)
{
  StiWindow *window = new_window (1000, 900);
  StiRequestAssistant *assistant;
  GtkWidget *row;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *probe = gtk_button_new ();
  gboolean found = FALSE;

  /* What the menu item would be: insensitive until a report is shown */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), "win.make-mandatory");
  adw_header_bar_pack_end (child (window, "header_bar"), probe);
  g_assert_false (gtk_widget_get_sensitive (probe));

  /* From the menu before any check: no names yet, nothing to go on with */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-certificate",
                                             NULL));
  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  {
    g_auto(GStrv) names = sti_request_assistant_dup_names (assistant);

    g_assert_cmpuint (g_strv_length (names), ==, 0);
  }
  g_assert_false (gtk_widget_is_sensitive (find_named (assistant, "next")));
  gtk_window_destroy (GTK_WINDOW (assistant));

  type_and_check (window, "missing-intermediate.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));
  g_assert_true (gtk_widget_get_sensitive (probe));
  adw_header_bar_remove (child (window, "header_bar"), probe);

  row = find_named (child (window, "overview_box"), "chain-missing-intermediate");
  g_assert_nonnull (row);
  buttons = find_widgets (row, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_label (button), "_Build the Full Chain File") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                           "win.build-chain-file");
          g_signal_emit_by_name (button, "clicked");
        }
    }
  g_assert_true (found);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  scroll_to_widget (window, row);
  save_screenshot (window, "ui-assistant-finding-button.png");

  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "bundle");
  g_assert_true (any_label_contains (assistant, "None: choose it"));
  gtk_window_set_default_size (GTK_WINDOW (assistant), 720, 700);
  save_screenshot (assistant, "ui-assistant-from-chain-finding.png");

  /* The server's certificate alone: its intermediate comes through AIA */
  {
    StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (
                                               sti_window_get_report (window)), 0);
    StiEndpointReport *endpoint = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
    g_autofree char *pem = sti_certificate_dup_pem (
      g_ptr_array_index (sti_endpoint_report_get_chain (endpoint), 0));
    g_autofree char *path = work_path ("server.pem");
    g_autoptr(GFile) file = g_file_new_for_path (path);

    write_file ("server.pem", pem);
    sti_request_assistant_add_certificate_file (assistant, file);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.build", NULL));
    g_assert_true (wait_for (bundle_built, assistant, 60000));
    g_assert_true (sti_chain_bundle_get_verified (sti_request_assistant_get_bundle (assistant)));
    g_assert_cmpuint (sti_chain_bundle_get_chain (sti_request_assistant_get_bundle (assistant))->len,
                      ==, 2);
    g_assert_true (any_label_contains (assistant, "Fetched the missing intermediate certificate"));
    g_assert_true (any_label_contains (assistant, "No key given"));
    screenshot_both (assistant, "bundle-aia", "bundle-verified");
  }
  gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.back", NULL);
  g_assert_cmpstr (sti_request_assistant_get_step (assistant), ==, "names");
  gtk_window_destroy (GTK_WINDOW (assistant));

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init_still (&argc, &argv))
    return 0;

  root = certgen_make_ca ("Assistant Test Root", NULL);
  intermediate = certgen_make_ca ("Assistant Test Intermediate", root);
  work_dir = g_dir_make_tmp ("sti-assistant-XXXXXX", NULL);

  g_test_add_func ("/sti/ui-assistant/end-to-end", test_end_to_end);
  g_test_add_func ("/sti/ui-assistant/entry-points", test_entry_points);

  status = ui_test_run ();

  certgen_free (intermediate);
  certgen_free (root);
  {
    g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = work_path (name);

        g_unlink (path);
      }
  }
  g_rmdir (work_dir);
  g_free (work_dir);
  return status;
}
