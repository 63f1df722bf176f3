/* test-ui-certificate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-application.h"
#include "sti-certificate-window.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-report-json.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static gpointer
template_child (gpointer    window,
                const char *name)
{
  return ui_template_child (window, STI_TYPE_CERTIFICATE_WINDOW, name);
}

/* A label whose text contains @text, or NULL */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Scrolls the viewer's page so that @widget is at the top */
static void
scroll_to (gpointer   window,
           GtkWidget *widget)
{
  GtkWidget *scrolled = widget;
  graphene_point_t point;

  g_assert_nonnull (widget);
  while (scrolled != NULL && !GTK_IS_SCROLLED_WINDOW (scrolled))
    scrolled = gtk_widget_get_parent (scrolled);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_compute_point (widget,
                                           gtk_scrolled_window_get_child (
                                             GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            point.y);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
}

static GPtrArray *
chain_of (CertgenCert *first,
          ...)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (CertgenCert *c = first; c != NULL; c = va_arg (args, CertgenCert *))
    {
      g_autoptr(GBytes) der = certgen_der (c);
      g_autoptr(GError) error = NULL;
      StiCertificate *cert = sti_certificate_new_from_der (der, &error);

      g_assert_no_error (error);
      g_ptr_array_add (chain, cert);
    }
  va_end (args);

  return chain;
}

static void
set_explain (gboolean explain)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);

  g_settings_set_boolean (settings, "explain-mode", explain);
}

static void
wait_loaded (StiCertificateWindow *window)
{
  while (sti_certificate_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
}

static char *
write_temp (const char *template,
            const void *data,
            gsize       len)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp (template, &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_new_destroy (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(GPtrArray) chain = chain_of (leaf, NULL);
  StiCertificateWindow *window = sti_certificate_window_new (NULL, chain, 0);

  g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 1);
  destroy_window (window);
}

static void
test_chain (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Example Root CA", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Example Intermediate CA", ca);
  const char *names[] = { "mx1.example.org", "mx2.example.org", "mail.example.org", NULL };
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  StiCertificateWindow *window;
  AdwWindowTitle *title;
  GtkListBox *list;
  guint n_rows = 0;

  set_explain (FALSE);

  options.common_name = "mx1.example.org";
  options.organization = "Example Mail";
  options.dns_names = names;
  options.ocsp_url = "http://ocsp.example.org/";
  options.ca_issuers_url = "http://ca.example.org/intermediate.der";
  options.key_purpose = GNUTLS_KP_TLS_WWW_SERVER;
  leaf = certgen_make (&options, intermediate);
  chain = chain_of (leaf, intermediate, NULL);

  {
    gint64 start = g_get_monotonic_time ();

    window = sti_certificate_window_new (NULL, chain, 0);
    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
    gtk_window_present (GTK_WINDOW (window));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    g_test_message ("a chain opened and drawn in %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - start) / 1000);
  }

  title = template_child (window, "window_title");
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "mx1.example.org");
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 2);

  /* leaf, intermediate, and the root that was not sent */
  list = template_child (window, "chain_list");
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 3);
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Leaf (server certificate)"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Intermediate"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Not sent"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "Example Root CA"));

  g_assert_nonnull (find_label (GTK_WIDGET (window), "Common Name (CN)"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "OCSP responder: http://ocsp.example.org/"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "3 1 1 "));
  g_assert_null (find_label (GTK_WIDGET (window), "Common Name: "));
  save_screenshot_now (window, "screenshot-certificate-chain.png");

  /* The intermediate */
  sti_certificate_window_select (window, 1);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Example Intermediate CA");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "2 1 1 "));
  g_assert_false (gtk_widget_get_visible (template_child (window, "built_list")));
  destroy_window (window);

  /* Sent out of order, with an unrelated certificate: both chains shown,
   * the difference explained */
  {
    g_autoptr(CertgenCert) stranger = certgen_make_ca ("Unrelated Old CA", NULL);
    g_autoptr(GPtrArray) disordered = chain_of (leaf, stranger, ca, intermediate, NULL);
    GtkWidget *built;
    guint n_built = 0;

    window = sti_certificate_window_new (NULL, disordered, 0);
    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
    gtk_window_present (GTK_WINDOW (window));
    built = template_child (window, "built_list");
    g_assert_true (gtk_widget_get_visible (built));
    for (GtkWidget *c = gtk_widget_get_first_child (built); c != NULL;
         c = gtk_widget_get_next_sibling (c))
      n_built++;
    g_assert_cmpuint (n_built, ==, 3);
    /* Numbered as the reports and the findings number them: #0 is the
     * server's own certificate. */
    g_assert_nonnull (find_label (built, "Sent as #3"));
    g_assert_nonnull (find_label (template_child (window, "chain_list"),
                                  "#0 · Leaf (server certificate)"));
    g_assert_nonnull (find_label (template_child (window, "chain_list"), "#3 · Intermediate"));
    g_assert_nonnull (find_label (template_child (window, "chain_note"), "out of order"));
    g_assert_nonnull (find_label (template_child (window, "chain_note"),
                                  "Certificate #1 (Unrelated Old CA) is on no path"));
    /* The root was sent: nothing is missing */
    list = template_child (window, "chain_list");
    g_assert_null (find_label (GTK_WIDGET (list), "Not sent"));
    save_screenshot_now (window, "screenshot-certificate-chain-order.png");

    /* A row of the built chain shows its certificate */
    g_signal_emit_by_name (built, "row-activated",
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (built), 1));
    g_assert_cmpstr (adw_window_title_get_title (template_child (window, "window_title")), ==,
                     "Example Intermediate CA");
    destroy_window (window);
  }
}

static void
test_explain (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Example Root CA", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", ca);
  g_autoptr(GPtrArray) chain = chain_of (leaf, NULL);
  StiCertificateWindow *window;
  GtkToggleButton *button;

  set_explain (FALSE);
  window = sti_certificate_window_new (NULL, chain, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  button = template_child (window, "explain_button");
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_null (find_label (GTK_WIDGET (window), "Common Name: "));

  /* The toggle explains every field and is remembered */
  gtk_toggle_button_set_active (button, TRUE);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Common Name: "));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Subject Alternative Name"));
  {
    g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);

    g_assert_true (g_settings_get_boolean (settings, "explain-mode"));
  }
  save_screenshot_now (window, "screenshot-certificate-explain.png");
  destroy_window (window);

  /* A new viewer starts in explain mode */
  window = sti_certificate_window_new (NULL, chain, 0);
  g_assert_true (gtk_toggle_button_get_active (template_child (window, "explain_button")));
  destroy_window (window);
  set_explain (FALSE);
}

static void
test_finding (void)
{
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiFinding) chain_finding = NULL;
  StiCertificateWindow *window;

  set_explain (TRUE);
  options.common_name = "old.example.org";
  options.not_before = g_date_time_to_unix (now) - 100 * 86400;
  options.not_after = g_date_time_to_unix (now) - 3 * 86400;
  leaf = certgen_make (&options, NULL);
  chain = chain_of (leaf, NULL);
  finding = sti_finding_new ("cert-expired", NULL, "expired 3 days ago");

  window = sti_certificate_window_new_for_finding (NULL, chain, 0, finding);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (sti_certificate_window_get_highlighted_field (window), ==, "validity.not-after");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Finding: "));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Expired 3 days ago"));
  g_assert_nonnull (find_named (GTK_WIDGET (window), "finding"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Self-signed certificate"));
  /* The page scrolls to the highlighted field by itself */
  for (int i = 0; i < 5; i++)
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  save_screenshot_now (window, "screenshot-certificate-finding.png");
  destroy_window (window);

  chain_finding = sti_finding_new ("chain-missing-intermediate", NULL, NULL);
  window = sti_certificate_window_new_for_finding (NULL, chain, 0, chain_finding);
  g_assert_nonnull (find_label (template_child (window, "chain_note"), "Finding: "));
  destroy_window (window);
  set_explain (FALSE);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crq_t, gnutls_x509_crq_deinit, NULL)

static void
test_request (void)
{
  g_autoptr(CertgenCert) key = certgen_make_leaf ("mx.example.org", NULL);
  g_auto(gnutls_x509_crq_t) crq = NULL;
  gnutls_datum_t pem = { NULL, 0 };
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  StiCertificateWindow *window;

  set_explain (TRUE);
  g_assert_cmpint (gnutls_x509_crq_init (&crq), ==, 0);
  g_assert_cmpint (gnutls_x509_crq_set_dn (crq, "CN=mx.example.org,O=Example Mail,C=DE", NULL), ==,
                   0);
  g_assert_cmpint (gnutls_x509_crq_set_subject_alt_name (crq, GNUTLS_SAN_DNSNAME, "mx.example.org",
                                                         14, GNUTLS_FSAN_APPEND), ==, 0);
  g_assert_cmpint (gnutls_x509_crq_set_key (crq, key->key), ==, 0);
  g_assert_cmpint (gnutls_x509_crq_sign2 (crq, key->key, GNUTLS_DIG_SHA256, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_PEM, &pem), ==, 0);
  path = write_temp ("sti-request-XXXXXX.csr", pem.data, pem.size);
  gnutls_free (pem.data);
  file = g_file_new_for_path (path);

  window = sti_certificate_window_new_for_file (NULL, file);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);
  g_assert_null (sti_certificate_window_get_error (window));
  g_assert_cmpint (sti_certificate_sections_get_kind (sti_certificate_window_get_sections (window)),
                   ==, STI_CERTIFICATE_KIND_REQUEST);
  g_assert_cmpstr (adw_window_title_get_title (template_child (window, "window_title")), ==,
                   "mx.example.org");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Valid: whoever made this request"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Country (C)"));
  save_screenshot_now (window, "screenshot-certificate-request.png");
  destroy_window (window);
  g_unlink (path);
  set_explain (FALSE);
}

static void
test_hostile (void)
{
  static const guint8 cn[] = "<b>bold</b> &amp; \xff\xfe <span foreground=\"red\">x</span>";
  static const guint8 nul_name[] = "evil.example\0.org";
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *long_name = g_strnfill (600, 'W');
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) cert = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  StiCertificateWindow *window;
  GtkWidget *search, *view;
  GListModel *model;
  gint64 start, elapsed, start_waited, waited;

  set_explain (FALSE);
  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (names, g_strdup_printf ("host%u.example.org", i));
  g_ptr_array_add (names, NULL);
  options.cn_raw = cn;
  options.cn_raw_len = sizeof cn - 1;
  options.organization = long_name;
  options.dns_names = (const char * const *)names->pdata;
  options.raw_dns_name = nul_name;
  options.raw_dns_name_len = sizeof nul_name - 1;
  cert = certgen_make (&options, NULL);
  der = certgen_der (cert);
  path = write_temp ("sti-hostile-XXXXXX.der", g_bytes_get_data (der, NULL),
                     g_bytes_get_size (der));
  file = g_file_new_for_path (path);

  start = g_get_monotonic_time ();
  start_waited = runqueue_wait_us ();
  window = sti_certificate_window_new_for_file (NULL, file);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);
  g_test_message ("loaded and built in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  elapsed = g_get_monotonic_time () - start;
  waited = runqueue_wait_us () - start_waited;
  g_test_message ("hostile certificate with 1,001 names opened and drawn "
                  "in %" G_GINT64_FORMAT " ms (%" G_GINT64_FORMAT " ms of it waiting for a CPU)",
                  elapsed / 1000, waited / 1000);
  /* About 0.8 to 1.1 s alone under Xvfb with the cairo renderer; time the
   * main thread spent waiting for a CPU taken by other processes does not
   * count, and the bound leaves room for the suite running in parallel */
  g_assert_cmpint (elapsed - waited, <, 3 * G_USEC_PER_SEC);

  g_assert_null (sti_certificate_window_get_error (window));
  /* Literal: the markup is text, the bad bytes are escapes */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "<b>bold</b> &amp; \\xFF\\xFE <span"));
  g_assert_cmpstr (adw_window_title_get_title (template_child (window, "window_title")), ==,
                   sti_certificate_window_get_sections (window) != NULL
                     ? sti_certificate_sections_get_title (
                         sti_certificate_window_get_sections (window))
                     : "");
  g_assert_nonnull (find_label (GTK_WIDGET (window), long_name));
  /* The distinguished name as the reports write it: its RFC 4514 escapes
   * once, never doubled because a byte needed cleaning */
  g_assert_nonnull (find_label (GTK_WIDGET (window),
                                "CN=\\<b\\>bold\\</b\\> &amp\\; \\xFF\\xFE \\<span"));
  g_assert_null (find_label (GTK_WIDGET (window), "\\\\<"));

  /* The names, searchable */
  view = find_named (GTK_WIDGET (window), "san-list");
  search = find_named (GTK_WIDGET (window), "san-search");
  g_assert_nonnull (view);
  g_assert_nonnull (search);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (view)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1001);
  save_screenshot_now (window, "screenshot-certificate-hostile.png");
  scroll_to (window, find_named (GTK_WIDGET (window), "san"));
  save_screenshot_now (window, "screenshot-certificate-hostile-names.png");

  gtk_editable_set_text (GTK_EDITABLE (search), "host99");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);
  gtk_editable_set_text (GTK_EDITABLE (search), "\\x00");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  save_screenshot_now (window, "screenshot-certificate-hostile-search.png");

  destroy_window (window);
  g_unlink (path);
}

static void
test_not_a_certificate (void)
{
  static const char text[] = "This is a shopping list, not a certificate.\n";
  g_autofree char *path = write_temp ("sti-garbage-XXXXXX.pem", text, sizeof text - 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/sti-no-such.pem");
  StiCertificateWindow *window;

  window = sti_certificate_window_new_for_file (NULL, file);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);
  g_assert_nonnull (sti_certificate_window_get_error (window));
  g_assert_nonnull (strstr (sti_certificate_window_get_error (window), "not a certificate"));
  g_assert_cmpstr (adw_status_page_get_title (template_child (window, "status_page")), ==,
                   "Not a Certificate");
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 0);
  save_screenshot_now (window, "screenshot-certificate-not-a-certificate.png");

  /* A good file, then a missing one: nothing of the first stays */
  {
    g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
    g_autofree char *pem = certgen_pem (leaf);
    g_autofree char *good_path = write_temp ("sti-good-XXXXXX.crt", pem, strlen (pem));
    g_autoptr(GFile) good = g_file_new_for_path (good_path);

    sti_certificate_window_open_file (window, good);
    wait_loaded (window);
    g_assert_null (sti_certificate_window_get_error (window));
    g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 1);
    g_unlink (good_path);
  }

  sti_certificate_window_open_file (window, missing);
  wait_loaded (window);
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 0);
  g_assert_null (sti_certificate_window_get_sections (window));
  g_assert_nonnull (strstr (sti_certificate_window_get_error (window), "sti-no-such.pem"));
  destroy_window (window);
  g_unlink (path);
}

static void
test_application_hook (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  g_autofree char *pem = certgen_pem (leaf);
  g_autofree char *path = write_temp ("sti-hook-XXXXXX.pem", pem, strlen (pem));
  g_autofree char *json_path = write_temp ("sti-hook-XXXXXX.json", "{}", 2);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) json = g_file_new_for_path (json_path);
  StiWindow *window = sti_window_new (GTK_APPLICATION (app), sti_application_get_session (app));
  StiCertificateWindow *viewer = NULL;

  /* A report file is not for the viewer */
  g_signal_emit_by_name (window, "file-open-requested", json);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    g_assert_false (STI_IS_CERTIFICATE_WINDOW (l->data));

  g_signal_emit_by_name (window, "file-open-requested", file);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (STI_IS_CERTIFICATE_WINDOW (l->data))
      viewer = l->data;
  g_assert_nonnull (viewer);
  wait_loaded (viewer);
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (viewer), ==, 1);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer)) == GTK_WINDOW (window));
  destroy_window (viewer);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (json_path);
}

/* One MX host with one address, its chain as sent. */
static StiHostReport *
host_with_chain (const char *name,
                 const char *address,
                 GPtrArray  *chain)
{
  StiHostReport *host = sti_host_report_new ();
  g_autoptr(StiEndpointReport) endpoint = sti_endpoint_report_new ();

  sti_endpoint_report_set_host (endpoint, name);
  sti_endpoint_report_set_address (endpoint, address);
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_family (endpoint, "ipv4");
  sti_endpoint_report_set_reachable (endpoint, TRUE);
  sti_endpoint_report_set_stage (endpoint, STI_STAGE_DONE);
  sti_endpoint_report_set_starttls_offered (endpoint, TRUE);
  sti_endpoint_report_set_starttls_accepted (endpoint, TRUE);
  sti_endpoint_report_set_tls_established (endpoint, TRUE);
  for (guint i = 0; i < chain->len; i++)
    sti_endpoint_report_add_certificate (endpoint, g_ptr_array_index (chain, i));
  sti_host_report_set_name (host, name);
  sti_host_report_set_preference (host, 10);
  sti_host_report_add_endpoint (host, endpoint);

  return host;
}

static gboolean
is_offline (gpointer data)
{
  return sti_window_get_offline (data);
}

/* Two MX hosts whose leaves share one intermediate: the intermediate of
 * the second host's chain opens the second host's chain, not the first
 * chain that holds an equal certificate. */
static void
test_shared_intermediate (void)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("Shared Root", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Shared Intermediate", root);
  g_autoptr(CertgenCert) leaf1 = certgen_make_leaf ("mx1.shared.test", intermediate);
  g_autoptr(CertgenCert) leaf2 = certgen_make_leaf ("mx2.shared.test", intermediate);
  g_autoptr(GPtrArray) chain1 = chain_of (leaf1, intermediate, NULL);
  g_autoptr(GPtrArray) chain2 = chain_of (leaf2, intermediate, NULL);
  g_autoptr(StiDomainReport) report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host1 = host_with_chain ("mx1.shared.test", "192.0.2.1", chain1);
  g_autoptr(StiHostReport) host2 = host_with_chain ("mx2.shared.test", "192.0.2.2", chain2);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) endpoint_rows = NULL;
  g_autoptr(GPtrArray) cert_rows = NULL;
  StiCertificateWindow *viewer = NULL;
  StiEndpointReport *endpoint;
  StiWindow *window;

  sti_domain_report_set_input (report, "shared.test");
  sti_domain_report_set_domain (report, "shared.test");
  sti_domain_report_set_domain_unicode (report, "shared.test");
  sti_domain_report_set_started_at (report, now);
  sti_domain_report_set_finished_at (report, now);
  sti_domain_report_add_host (report, host1);
  sti_domain_report_add_host (report, host2);
  json = sti_report_to_json_string (report, FALSE);
  path = write_temp ("sti-shared-XXXXXX.json", json, strlen (json));
  file = g_file_new_for_path (path);

  window = new_window (900, 800);
  sti_window_open_report_file (window, file);
  g_assert_true (wait_for (is_offline, window, 5000));

  /* The second host's address, then its intermediate */
  endpoint_rows = find_widgets (child (window, "hosts_box"), ADW_TYPE_ACTION_ROW, "endpoint-row");
  g_assert_cmpuint (endpoint_rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (endpoint_rows, 1)), ==,
                   "192.0.2.2");
  g_signal_emit_by_name (g_ptr_array_index (endpoint_rows, 1), "activated");
  cert_rows = find_widgets (find_named (window, "chain-group"), ADW_TYPE_ACTION_ROW,
                            "certificate-row");
  g_assert_cmpuint (cert_rows->len, ==, 2);
  g_signal_emit_by_name (g_ptr_array_index (cert_rows, 1), "activate");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (STI_IS_CERTIFICATE_WINDOW (l->data))
      viewer = l->data;
  g_assert_nonnull (viewer);

  g_assert_cmpuint (sti_certificate_window_get_n_certificates (viewer), ==, 2);
  g_assert_nonnull (strstr (sti_certificate_sections_get_title (
                              sti_certificate_window_get_sections (viewer)),
                            "Shared Intermediate"));
  /* The leaf of that chain is the second host's */
  sti_certificate_window_select (viewer, 0);
  g_assert_nonnull (strstr (sti_certificate_sections_get_title (
                              sti_certificate_window_get_sections (viewer)),
                            "mx2.shared.test"));

  endpoint = sti_certificate_window_get_endpoint (viewer);
  g_assert_nonnull (endpoint);
  g_assert_cmpstr (sti_endpoint_report_get_host (endpoint), ==, "mx2.shared.test");
  g_assert_cmpstr (sti_endpoint_report_get_address (endpoint), ==, "192.0.2.2");
  /* The viewer's own actions are there, as the Save menu and Ctrl+O use them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.copy-pem", NULL));

  destroy_window (viewer);
  destroy_window (window);
  g_unlink (path);
}

/* An endpoint whose server sent its certificate alone: the viewer shows
 * the chain the check built, the intermediate it fetched through AIA and
 * the store's root, each with where it came from, and opens each. */
static void
test_built_chain (void)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("Example Root CA", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Example Intermediate CA", root);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx1.example.org", intermediate);
  g_autoptr(GPtrArray) certs = chain_of (leaf, intermediate, root, NULL);
  g_autoptr(StiEndpointReport) endpoint = sti_endpoint_report_new ();
  g_autoptr(StiChainLink) sent = sti_chain_link_new (g_ptr_array_index (certs, 0),
                                                     STI_CHAIN_ORIGIN_SENT, 0);
  g_autoptr(StiChainLink) fetched = sti_chain_link_new (g_ptr_array_index (certs, 1),
                                                        STI_CHAIN_ORIGIN_FETCHED, -1);
  g_autoptr(StiChainLink) anchor = sti_chain_link_new (g_ptr_array_index (certs, 2),
                                                       STI_CHAIN_ORIGIN_ANCHOR, -1);
  AdwWindowTitle *title;
  StiCertificateWindow *window;
  GtkWidget *built;
  guint n_built = 0;

  set_explain (FALSE);
  sti_endpoint_report_set_host (endpoint, "mx1.example.org");
  sti_endpoint_report_add_certificate (endpoint, g_ptr_array_index (certs, 0));
  sti_endpoint_report_add_built_link (endpoint, sent);
  sti_endpoint_report_add_built_link (endpoint, fetched);
  sti_endpoint_report_add_built_link (endpoint, anchor);

  window = sti_certificate_window_new_for_endpoint (NULL, endpoint, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  title = template_child (window, "window_title");

  built = template_child (window, "built_list");
  g_assert_true (gtk_widget_get_visible (built));
  for (GtkWidget *c = gtk_widget_get_first_child (built); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n_built++;
  g_assert_cmpuint (n_built, ==, 3);
  g_assert_nonnull (find_label (template_child (window, "built_title"),
                                "Chain as built by the check"));
  g_assert_nonnull (find_label (built, "Sent as #0"));
  g_assert_nonnull (find_label (built, "Not sent: fetched through its AIA URL"));
  g_assert_nonnull (find_label (built, "Example Intermediate CA"));
  g_assert_nonnull (find_label (built, "Not sent: from the trust store"));
  g_assert_nonnull (find_label (built, "Example Root CA"));
  g_assert_null (find_label (GTK_WIDGET (window), "not recorded"));
  g_assert_nonnull (find_label (template_child (window, "chain_note"), "with where each"));
  /* Only what was sent is the chain as sent. */
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (window), ==, 1);
  save_screenshot_now (window, "screenshot-certificate-built-chain.png");

  /* The fetched intermediate and the anchor open in the viewer … */
  g_signal_emit_by_name (built, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (built), 1));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Example Intermediate CA");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "viewer.copy-pem", NULL));
  g_signal_emit_by_name (built, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (built), 2));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Example Root CA");
  save_screenshot_now (window, "screenshot-certificate-built-anchor.png");

  /* … and the server's own again, from either list. */
  g_signal_emit_by_name (built, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (built), 0));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "mx1.example.org");
  g_signal_emit_by_name (built, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (built), 2));
  sti_certificate_window_select (window, 0);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "mx1.example.org");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/sti/certificate-window/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/certificate-window/chain", test_chain);
  g_test_add_func ("/sti/certificate-window/explain", test_explain);
  g_test_add_func ("/sti/certificate-window/finding", test_finding);
  g_test_add_func ("/sti/certificate-window/request", test_request);
  g_test_add_func ("/sti/certificate-window/hostile", test_hostile);
  g_test_add_func ("/sti/certificate-window/not-a-certificate", test_not_a_certificate);
  g_test_add_func ("/sti/certificate-window/application-hook", test_application_hook);
  g_test_add_func ("/sti/certificate-window/shared-intermediate", test_shared_intermediate);
  g_test_add_func ("/sti/certificate-window/built-chain", test_built_chain);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
