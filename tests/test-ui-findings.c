/* test-ui-findings.c: the results of a check with findings, driven through
 * the real window against the demo lab: the findings with their
 * explanation and fix, and an endpoint's details.
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections.h"
#include "sti-certificate-window.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-report-format.h"
#include "sti-report-sections.h"
#include "sti-settings.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

/* Every label's text under @root, one per line, lower case. */
static char *
labels_text (gpointer root)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_ascii_strdown (text->str, -1);
}

/* Scrolls @scroll_name so that @widget is at the top, or as far as it goes. */
static void
scroll_to (StiWindow  *window,
           const char *scroll_name,
           GtkWidget  *widget)
{
  GtkScrolledWindow *scroll = child (window, scroll_name);
  GtkWidget *content = gtk_scrolled_window_get_child (scroll);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroll);
  graphene_rect_t bounds;

  g_assert_nonnull (widget);
  spin_for (300);
  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (adjustment,
                            MIN (bounds.origin.y,
                                 gtk_adjustment_get_upper (adjustment) -
                                 gtk_adjustment_get_page_size (adjustment)));
}

/* The tests of a check with findings share its set-up: a window that has
 * checked expired.lab.test, on its results page. */
typedef struct
{
  StiWindow       *window;
  StiDomainReport *report;  /* the window's */
} Expired;

static void
expired_setup (Expired       *fixture,
               gconstpointer  data)
{
  fixture->window = new_window (900, 1000);
  type_and_check (fixture->window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, fixture->window, 60000));
  fixture->report = sti_window_get_report (fixture->window);
  g_assert_nonnull (fixture->report);
}

static void
expired_teardown (Expired       *fixture,
                  gconstpointer  data)
{
  destroy_window (fixture->window);
}

/* Worst first: the first finding row is the expired certificate, an
 * error. Returns it expanded. */
static AdwExpanderRow *
expand_expired_row (StiWindow *window)
{
  GtkWidget *findings = find_named (window, "findings-group");
  g_autoptr(GPtrArray) rows = NULL;
  AdwExpanderRow *expired;

  g_assert_nonnull (findings);
  rows = find_widgets (findings, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 0);
  expired = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (expired)), ==, "cert-expired");
  adw_expander_row_set_expanded (expired, TRUE);

  return expired;
}

/* Opens the details of the first endpoint, mx1's, and returns its report. */
static StiEndpointReport *
open_first_endpoint (Expired *fixture)
{
  g_autoptr(GPtrArray) rows = find_widgets (child (fixture->window, "hosts_box"),
                                            ADW_TYPE_ACTION_ROW, "endpoint-row");
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (fixture->report), 0);

  g_assert_cmpuint (rows->len, >, 0);
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activated");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (fixture->window, "stack")), ==,
                   "endpoint");
  g_assert_true (gtk_widget_get_visible (child (fixture->window, "back_button")));

  g_assert_cmpstr (sti_host_report_get_name (host), ==, "mx1.expired.lab.test");
  return g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
}

static void
test_check_findings (Expired       *fixture,
                     gconstpointer  data)
{
  StiWindow *window = fixture->window;
  g_autofree char *counts = sti_format_report_counts (fixture->report);
  g_autofree char *error_label = g_strdup_printf ("%s · ",
                                                  sti_format_severity_label (STI_SEVERITY_ERROR));
  g_autofree char *errors = sti_format_severity_count (
    STI_SEVERITY_ERROR, sti_domain_report_count_by_severity (fixture->report, STI_SEVERITY_ERROR));
  AdwExpanderRow *expired;

  g_assert_cmpstr (gtk_image_get_icon_name (child (window, "verdict_icon")), ==,
                   "dialog-error-symbolic");
  g_assert_cmpuint (sti_domain_report_count_by_severity (fixture->report, STI_SEVERITY_ERROR), >,
                    0);
  /* The counts read as in every report, worst first. */
  g_assert_cmpstr (gtk_label_get_text (child (window, "counts_label")), ==, counts);
  g_assert_true (g_str_has_prefix (counts, errors));

  expired = expand_expired_row (window);
  /* The severity in the reports' word, then where. */
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (expired), error_label));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (expired), "Error"));
  /* The explanation: the detail, and the catalog's what, why and fix. */
  g_assert_true (any_label_contains (expired, "expired"));
  g_assert_true (any_label_contains (expired, "Finding: cert-expired"));

  spin_for (600);
  save_screenshot (window, "ui-check-findings.png");
  scroll_to (window, "results_scroll", find_named (window, "findings-group"));
  save_screenshot (window, "ui-check-findings-expanded.png");
}

/* A finding opens the certificate viewer on the expired certificate, with
 * the field the finding is about marked. */
static void
test_check_finding_certificate (Expired       *fixture,
                                gconstpointer  data)
{
  AdwExpanderRow *expired = expand_expired_row (fixture->window);
  g_autoptr(GPtrArray) buttons = find_widgets (expired, GTK_TYPE_BUTTON, NULL);
  GtkWidget *show = NULL;
  StiCertificateWindow *viewer;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (buttons->pdata[i]),
                   "win.show-finding-certificate") == 0)
      show = buttons->pdata[i];
  g_assert_nonnull (show);
  g_signal_emit_by_name (show, "clicked");

  viewer = find_viewer ();
  g_assert_nonnull (viewer);
  g_assert_cmpstr (sti_certificate_window_get_highlighted_field (viewer), ==,
                   sti_certificate_sections_field_for_finding ("cert-expired"));
  gtk_window_destroy (GTK_WINDOW (viewer));
}

/* The fix follows the chosen mail server software, remembered. */
static void
test_check_finding_fix_mta (Expired       *fixture,
                            gconstpointer  data)
{
  AdwExpanderRow *expired = expand_expired_row (fixture->window);
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  g_autofree char *postfix_text = NULL;
  g_autofree char *exim_text = NULL;
  g_autofree char *mta = NULL;
  g_autoptr(GPtrArray) dropdowns = find_widgets (expired, GTK_TYPE_DROP_DOWN, NULL);

  g_assert_cmpuint (dropdowns->len, ==, 1);
  postfix_text = labels_text (expired);
  g_assert_nonnull (strstr (postfix_text, "postfix"));
  gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, 0), 1);
  mta = g_settings_get_string (settings, "preferred-mta");
  g_assert_cmpstr (mta, ==, "exim");
  exim_text = labels_text (expired);
  g_assert_cmpstr (postfix_text, !=, exim_text);
  g_assert_nonnull (strstr (exim_text, "exim"));
  g_settings_reset (settings, "preferred-mta");
  g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (dropdowns, 0)), ==, 0);
}

/* Narrow: nothing sticks out at 360 px, in light and dark. */
static void
test_check_findings_narrow (Expired       *fixture,
                            gconstpointer  data)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  StiWindow *window = fixture->window;

  expand_expired_row (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  spin_for (200);
  save_screenshot (window, "ui-check-findings-360.png");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_cmpint (gtk_widget_get_width (child (window, "verdict_label")), <=, 360);
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (window, "ui-check-findings-360-dark.png");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* An endpoint's details: its timings and its transcript as the reports
 * write them, told apart by colour, and Copy puts the same text on the
 * clipboard. */
static void
test_check_endpoint_transcript (Expired       *fixture,
                                gconstpointer  data)
{
  StiWindow *window = fixture->window;
  StiEndpointReport *endpoint = open_first_endpoint (fixture);
  g_autofree char *expected = sti_format_transcript (sti_endpoint_report_get_transcript (endpoint),
                                                     NULL);
  g_autofree char *total = sti_format_duration (sti_endpoint_report_get_timings (endpoint)
                                                  ->total_us);
  g_autoptr(GPtrArray) timings = find_widgets (find_named (window, "endpoint-detail"),
                                               ADW_TYPE_EXPANDER_ROW, NULL);
  g_autofree char *clipboard_text = NULL;
  g_autofree char *text = NULL;
  GtkTextView *transcript;
  GtkTextBuffer *buffer;
  GtkTextTag *client;
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter iter;
  const char *found;

  g_assert_cmpuint (timings->len, ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (g_ptr_array_index (timings, 0)), ==, total);

  transcript = GTK_TEXT_VIEW (find_named (window, "transcript"));
  g_assert_nonnull (transcript);
  g_assert_false (gtk_text_view_get_editable (transcript));
  g_assert_true (gtk_text_view_get_monospace (transcript));
  buffer = gtk_text_view_get_buffer (transcript);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "S: 220"));
  g_assert_nonnull (strstr (text, "C: EHLO"));
  g_assert_nonnull (strstr (text, "C: STARTTLS"));

  /* Client lines are told apart from server lines. */
  client = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "client");
  g_assert_nonnull (client);
  found = strstr (text, "C: EHLO");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (text, found));
  g_assert_true (gtk_text_iter_has_tag (&iter, client));
  found = strstr (text, "S: 220");
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, g_utf8_pointer_to_offset (text, found));
  g_assert_false (gtk_text_iter_has_tag (&iter, client));

  g_assert_nonnull (find_named (window, "chain-group"));
  save_screenshot (window, "ui-check-endpoint.png");
  scroll_to (window, "endpoint_scroll", find_named (window, "transcript-group"));
  save_screenshot (window, "ui-check-transcript.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-transcript", NULL));
  clipboard_text = read_clipboard_text (GTK_WIDGET (window));
  g_assert_cmpstr (clipboard_text, ==, text);
}

/* A certificate of the chain opens the viewer on this endpoint's chain;
 * Back returns to the results. */
static void
test_check_endpoint_certificate (Expired       *fixture,
                                 gconstpointer  data)
{
  StiWindow *window = fixture->window;
  g_autoptr(GPtrArray) cert_rows = NULL;
  StiCertificateWindow *viewer;

  open_first_endpoint (fixture);
  cert_rows = find_widgets (find_named (window, "chain-group"), ADW_TYPE_ACTION_ROW,
                            "certificate-row");
  g_assert_cmpuint (cert_rows->len, >=, 1);

  /* Beside the chain as sent, the chain as built, each certificate with
   * where it came from: here the sent ones and the store's root. */
  {
    GtkWidget *built_group = find_named (window, "built-group");
    g_autoptr(GPtrArray) built_rows = find_widgets (built_group, ADW_TYPE_ACTION_ROW,
                                                    "built-certificate-row");
    g_autofree char *heading = sti_report_dup_certificate_heading (0);
    g_autofree char *sent = g_strdup_printf ("Sent: %s", heading);
    AdwActionRow *last;

    g_assert_true (gtk_widget_get_visible (built_group));
    g_assert_cmpuint (built_rows->len, >, cert_rows->len);
    g_assert_cmpstr (adw_action_row_get_subtitle (g_ptr_array_index (built_rows, 0)), ==, sent);
    last = g_ptr_array_index (built_rows, built_rows->len - 1);
    g_assert_cmpstr (adw_action_row_get_subtitle (last), ==,
                     "Trust anchor from the trust store (not sent)");
    scroll_to (window, "endpoint_scroll", built_group);
    save_screenshot (window, "ui-check-endpoint-built-chain.png");
  }

  g_signal_emit_by_name (g_ptr_array_index (cert_rows, 0), "activate");
  viewer = find_viewer ();
  g_assert_nonnull (viewer);
  g_assert_nonnull (sti_certificate_window_get_endpoint (viewer));
  g_assert_cmpstr (sti_endpoint_report_get_host (sti_certificate_window_get_endpoint (viewer)),
                   ==, "mx1.expired.lab.test");
  g_assert_cmpuint (sti_certificate_window_get_n_certificates (viewer), ==, cert_rows->len);
  g_assert_nonnull (strstr (sti_certificate_sections_get_title (
                              sti_certificate_window_get_sections (viewer)),
                            "mx1.expired.lab.test"));
  gtk_window_destroy (GTK_WINDOW (viewer));

  /* Escape-like back: to the results. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "stack")), ==, "results");
}

/* The window reads as the reports do: findings worst first and told apart
 * by what they are about, then the policies, then the hosts. */
static void
test_check_order (void)
{
  StiWindow *window = new_window (900, 1000);
  GtkWidget *findings;
  GtkWidget *policies;
  g_autoptr(GPtrArray) rows = NULL;
  StiSeverity last = STI_SEVERITY_ERROR;
  gboolean named_host = FALSE;
  gboolean named_pattern = FALSE;

  type_and_check (window, "mta-sts-mx-missing.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  findings = find_named (child (window, "overview_box"), "findings-group");
  policies = find_named (child (window, "overview_box"), "policies-group");
  g_assert_nonnull (findings);
  g_assert_nonnull (policies);
  /* Above the hosts, in this order. */
  g_assert_true (gtk_widget_get_next_sibling (child (window, "overview_box")) ==
                 child (window, "hosts_box"));
  g_assert_true (gtk_widget_get_next_sibling (findings) == policies);

  rows = find_widgets (findings, ADW_TYPE_EXPANDER_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (row);
      const char *subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
      StiSeverity severity = STI_SEVERITY_INFO;

      for (StiSeverity s = STI_SEVERITY_INFO; s <= STI_SEVERITY_ERROR; s++)
        if (g_str_has_prefix (subtitle, sti_format_severity_label (s)))
          severity = s;
      g_assert_cmpint (severity, <=, last);
      last = severity;
      named_host |= g_str_equal (title, "MX host missing from the MTA-STS policy — "
                                        "mx1.mta-sts-mx-missing.lab.test");
      named_pattern |= g_str_has_suffix (title, " — mail.elsewhere.example");
    }
  g_assert_true (named_host);
  g_assert_true (named_pattern);

  save_screenshot (window, "ui-check-order.png");
  destroy_window (window);
}

/* With IPv6 turned off, the address left out is listed before the hosts
 * and the verdict says it covers only the rest. */
static void
test_check_not_probed (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window;
  GtkWidget *skipped;

  g_settings_set_boolean (settings, "use-ipv6", FALSE);
  window = new_window (900, 1000);
  type_and_check (window, "ipv6-only.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  skipped = find_named (child (window, "overview_box"), "skipped-group");
  g_assert_nonnull (skipped);
  g_assert_true (any_label_contains (skipped, "IPv6 is turned off"));
  g_assert_nonnull (strstr (gtk_label_get_text (child (window, "verdict_label")),
                            "(see “Not probed”)"));

  save_screenshot (window, "ui-check-not-probed.png");
  destroy_window (window);
  g_settings_reset (settings, "use-ipv6");
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init_still (&argc, &argv))
    return 0;

  g_test_add_func ("/sti/ui-findings/order", test_check_order);
  g_test_add_func ("/sti/ui-findings/not-probed", test_check_not_probed);
  g_test_add ("/sti/ui-findings/findings", Expired, NULL, expired_setup, test_check_findings,
              expired_teardown);
  g_test_add ("/sti/ui-findings/finding-certificate", Expired, NULL, expired_setup,
              test_check_finding_certificate, expired_teardown);
  g_test_add ("/sti/ui-findings/finding-fix-mta", Expired, NULL, expired_setup,
              test_check_finding_fix_mta, expired_teardown);
  g_test_add ("/sti/ui-findings/findings-narrow", Expired, NULL, expired_setup,
              test_check_findings_narrow, expired_teardown);
  g_test_add ("/sti/ui-findings/endpoint-transcript", Expired, NULL, expired_setup,
              test_check_endpoint_transcript, expired_teardown);
  g_test_add ("/sti/ui-findings/endpoint-certificate", Expired, NULL, expired_setup,
              test_check_endpoint_certificate, expired_teardown);

  return ui_test_run ();
}
