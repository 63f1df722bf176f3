/* test-ui-words.c: the window's words are for people and its labels are
 * true (issue 18, items 7 and 8)
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-application.h"
#include "sti-catalog.h"
#include "sti-certificate-window.h"
#include "sti-dns-evidence.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Every sentence of the texts under @root (labels, row titles and
 * subtitles), each long one counted: explain mode must not say one twice. */
static void
assert_no_sentence_twice (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      g_auto(GStrv) sentences = NULL;

      if (!gtk_widget_get_visible (label) || !gtk_widget_get_child_visible (label))
        continue;
      sentences = g_strsplit (gtk_label_get_text (GTK_LABEL (label)), ". ", -1);
      for (guint j = 0; sentences[j] != NULL; j++)
        {
          g_autofree char *sentence = g_strstrip (g_strdup (sentences[j]));

          /* Sentences, not the "x · y · z" summaries of rows */
          if (strlen (sentence) < 40 || strstr (sentence, " · ") != NULL)
            continue;
          if (g_hash_table_contains (seen, sentence))
            g_error ("said twice: \"%s\"", sentence);
          g_hash_table_add (seen, g_steal_pointer (&sentence));
        }
    }
}

/* Explain mode, everything expanded: no sentence twice (it used to say the
 * first action as a row's subtitle and again as a row under it). */
static void
test_no_sentence_twice (void)
{
  StiWindow *window;
  g_autoptr(GPtrArray) expanders = NULL;

  set_explain_mode (TRUE);
  window = checked_window (900, 1000, "untrusted-ca.lab.test");
  expanders = find_widgets (child (window, "results_scroll"), ADW_TYPE_EXPANDER_ROW, NULL);
  for (guint i = 0; i < expanders->len; i++)
    adw_expander_row_set_expanded (g_ptr_array_index (expanders, i), TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  assert_no_sentence_twice (child (window, "report_box"));
  assert_no_sentence_twice (child (window, "overview_box"));
  destroy_window (window);
  set_explain_mode (FALSE);
}

/* The untrusted-CA finding names the extra-CA preference and --ca-file. */
static void
test_untrusted_ca_names_preference (void)
{
  StiWindow *window = checked_window (900, 1000, "untrusted-ca.lab.test");
  GtkWidget *row = find_named (child (window, "overview_box"), "cert-untrusted-issuer");

  g_autoptr(StiExplanation) words = sti_catalog_explain_id ("cert-untrusted-issuer", NULL);
  const char *fix = sti_explanation_get_fix (words, STI_MTA_GENERIC);

  /* In the general steps (which the window shows with the chosen server's) */
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (fix, "Preferences, Checking, Additional Certificate Authorities"));
  g_assert_nonnull (strstr (fix, "--ca-file"));
  /* The reason is in words, not GnuTLS's code */
  g_assert_false (any_label_contains (row, "signer-not-found"));
  g_assert_true (any_label_contains (row, "the issuer was not found"));
  destroy_window (window);
}

static const char *
qname_of (AdwPreferencesRow *row)
{
  return adw_preferences_row_get_title (row);
}

/* DNS answers: words, not nxdomain/noerror/nodata; each name's answers
 * together, the domain first. */
static void
test_dns_answers_in_words (void)
{
  StiWindow *window = checked_window (900, 1000, "dane.lab.test");
  GtkWidget *group = find_named (child (window, "report_box"), "dns-group");
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_nonnull (group);
  rows = find_widgets (group, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_true (g_str_has_prefix (qname_of (g_ptr_array_index (rows, 0)), "dane.lab.test "));
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_expander_row_get_subtitle (g_ptr_array_index (rows, i));

      g_test_message ("%s: %s", qname_of (g_ptr_array_index (rows, i)), subtitle);
      g_assert_null (strstr (subtitle, "noerror"));
      g_assert_null (strstr (subtitle, "nxdomain"));
      g_assert_null (strstr (subtitle, "nodata"));
    }
  destroy_window (window);
}

/* The stages and the rest add up to the total. */
static void
test_timings_add_up (void)
{
  StiWindow *window = checked_window (900, 1000, "valid.lab.test");
  StiDomainReport *report = sti_window_get_report (window);
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (report), 0);
  StiEndpointReport *endpoint = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  const StiTimings *t = sti_endpoint_report_get_timings (endpoint);
  gint64 other = t->total_us - MAX (t->connect_us, 0) - MAX (t->greeting_us, 0) -
                 MAX (t->ehlo_us, 0) - MAX (t->starttls_us, 0) - MAX (t->handshake_us, 0);
  g_autofree char *expected = sti_format_duration (other);
  g_autoptr(GPtrArray) rows = find_widgets (child (window, "hosts_box"), ADW_TYPE_ACTION_ROW,
                                            "endpoint-row");
  GtkWidget *other_row;

  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  other_row = find_named (child (window, "endpoint_bin"), "timings-other");
  g_assert_nonnull (other_row);
  g_assert_cmpint (other, >=, 0);
  g_assert_true (any_label_contains (other_row, expected));
  destroy_window (window);
}

/* A shortcut has the same name in the menus and in the shortcuts window. */
static void
test_shortcut_names (void)
{
  static const struct {
    const char *accelerator;
    const char *menu_label;
  } shortcuts[] = {
    { "<Control>l", "_New Check" },
    { "<Control>o", "_Open Certificate…" },
    { "<Control>e", "_Export Report…" },
    { "<Control>r", "Check _Again" },
  };
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_BASE_PATH "/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr(GPtrArray) items = find_widgets (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autoptr(GString) plain = g_string_new (NULL);
      gboolean found = FALSE;

      for (const char *c = shortcuts[i].menu_label; *c != '\0'; c++)
        if (*c != '_')
          g_string_append_c (plain, *c);
      if (g_str_has_suffix (plain->str, "…"))
        g_string_truncate (plain, plain->len - strlen ("…"));

      for (guint j = 0; j < items->len; j++)
        {
          g_autofree char *accel = NULL;
          g_autofree char *title = NULL;

          g_object_get (g_ptr_array_index (items, j), "accelerator", &accel, "title", &title,
                        NULL);
          if (g_strcmp0 (accel, shortcuts[i].accelerator) != 0)
            continue;
          g_assert_cmpstr (title, ==, plain->str);
          found = TRUE;
        }
      g_assert_true (found);
    }
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
on_check_requested_cb (StiWindow  *window,
                       const char *domain,
                       char      **requested)
{
  g_free (*requested);
  *requested = g_strdup (domain);
  g_signal_stop_emission_by_name (window, "check-requested");
}

/* A pasted link or address is accepted and its domain checked. */
static void
test_pasted_url (void)
{
  static const char * const inputs[] = { "https://example.org/", "http://x.org/path",
                                         "mailto:postmaster@example.net" };
  static const char * const domains[] = { "example.org", "x.org", "example.net" };
  StiWindow *window = new_window (900, 700);
  char *requested = NULL;

  g_signal_connect (window, "check-requested", G_CALLBACK (on_check_requested_cb), &requested);
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      type_and_check (window, inputs[i]);
      g_assert_false (gtk_widget_get_visible (child (window, "error_label")));
      g_assert_cmpstr (requested, ==, domains[i]);
    }
  g_free (requested);
  destroy_window (window);
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("sti-words-XXXXXX.pem", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
wait_loaded (StiCertificateWindow *viewer)
{
  while (sti_certificate_window_get_loading (viewer))
    g_main_context_iteration (NULL, TRUE);
}

static gpointer
viewer_child (gpointer    viewer,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (viewer), STI_TYPE_CERTIFICATE_WINDOW, name);
}

/* A CA file from disk: headed by its name, and a self-signed CA the
 * store does not have is not called a trust anchor. */
static void
test_viewer_file_labels (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Words Test Private CA", NULL);
  g_autofree char *pem = certgen_pem (ca);
  g_autofree char *path = write_temp (pem);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *heading = g_strdup_printf ("Opened from file %s", basename);
  StiCertificateWindow *viewer = sti_certificate_window_new_for_file (NULL, file);
  GtkWidget *chain_list;

  wait_loaded (viewer);
  gtk_window_present (GTK_WINDOW (viewer));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (viewer));
  g_assert_cmpstr (gtk_label_get_text (viewer_child (viewer, "chain_title")), ==, heading);
  chain_list = viewer_child (viewer, "chain_list");
  g_assert_false (any_label_contains (chain_list, "trust anchor"));
  g_assert_true (any_label_contains (chain_list, "Self-signed CA, not trusted here"));
  g_assert_false (any_label_contains (viewer_child (viewer, "chain_note"), "were sent"));
  g_assert_true (gtk_widget_is_sensitive (viewer_child (viewer, "save_button")));
  destroy_window (viewer);
  g_unlink (path);
}

/* A file that is not a certificate: nothing to save or copy. */
static void
test_viewer_not_a_certificate (void)
{
  g_autofree char *path = write_temp ("this is not a certificate\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  StiCertificateWindow *viewer = sti_certificate_window_new_for_file (NULL, file);

  wait_loaded (viewer);
  g_assert_nonnull (sti_certificate_window_get_error (viewer));
  g_assert_false (gtk_widget_is_sensitive (viewer_child (viewer, "save_button")));
  destroy_window (viewer);
  g_unlink (path);
}

/* On the missing-intermediate finding, the certificate not sent is the
 * intermediate, not a root. */
static void
test_viewer_missing_intermediate (void)
{
  StiWindow *window = checked_window (900, 1000, "missing-intermediate.lab.test");
  GtkWidget *row = find_named (child (window, "overview_box"), "chain-missing-intermediate");
  g_autoptr(GPtrArray) buttons = NULL;
  StiCertificateWindow *viewer;
  GtkWidget *note;

  g_assert_nonnull (row);
  buttons = find_widgets (row, GTK_TYPE_BUTTON, NULL);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "win.show-finding-certificate") == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
  viewer = find_viewer ();
  g_assert_nonnull (viewer);
  note = viewer_child (viewer, "chain_note");
  g_assert_true (any_label_contains (note, "intermediate"));
  g_assert_false (any_label_contains (note, "A root is normally not sent"));
  g_assert_false (any_label_contains (viewer_child (viewer, "chain_list"),
                                      "The client must already have this issuer"));
  destroy_window (viewer);
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

  g_test_add_func ("/sti/ui-words/no-sentence-twice", test_no_sentence_twice);
  g_test_add_func ("/sti/ui-words/untrusted-ca-names-preference",
                   test_untrusted_ca_names_preference);
  g_test_add_func ("/sti/ui-words/dns-answers-in-words", test_dns_answers_in_words);
  g_test_add_func ("/sti/ui-words/timings-add-up", test_timings_add_up);
  g_test_add_func ("/sti/ui-words/shortcut-names", test_shortcut_names);
  g_test_add_func ("/sti/ui-words/pasted-url", test_pasted_url);
  g_test_add_func ("/sti/ui-words/viewer-file-labels", test_viewer_file_labels);
  g_test_add_func ("/sti/ui-words/viewer-not-a-certificate", test_viewer_not_a_certificate);
  g_test_add_func ("/sti/ui-words/viewer-missing-intermediate",
                   test_viewer_missing_intermediate);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
