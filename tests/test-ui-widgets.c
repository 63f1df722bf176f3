/* test-ui-widgets.c: the widgets the results page is built from
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "certgen.h"
#include "sti-comparison-view.h"
#include "sti-dns-group.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-detail.h"
#include "sti-endpoint-report-private.h"
#include "sti-endpoint-row.h"
#include "sti-finding-row.h"
#include "sti-findings-group.h"
#include "sti-format.h"
#include "sti-host-report-private.h"
#include "sti-mta-sts-evidence-private.h"
#include "sti-policies-group.h"
#include "sti-report-widgets.h"
#include "sti-sender-verdict-group.h"
#include "ui-test-helpers.h"

#include <adwaita.h>

/* example.org with one MX host, one address and the findings given. */
static StiDomainReport *
report_new (StiFinding *first,
            ...)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host = sti_host_report_new ();
  g_autoptr(StiEndpointReport) endpoint = sti_endpoint_report_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  va_list args;

  sti_endpoint_report_set_host (endpoint, "mx.example.org");
  sti_endpoint_report_set_address (endpoint, "192.0.2.1");
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_stage (endpoint, STI_STAGE_DONE);
  va_start (args, first);
  for (StiFinding *f = first; f != NULL; f = va_arg (args, StiFinding *))
    sti_endpoint_report_add_finding (endpoint, f);
  va_end (args);
  sti_host_report_set_name (host, "mx.example.org");
  sti_host_report_set_preference (host, 10);
  sti_host_report_add_endpoint (host, endpoint);
  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_domain_report_set_started_at (report, now);
  sti_domain_report_add_host (report, host);

  return report;
}

static StiEndpointReport *
first_endpoint (StiDomainReport *report)
{
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (report), 0);

  return g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
}

/* Takes a floating widget, and checks that nothing else keeps it. */
static void
assert_destroyed (gpointer widget)
{
  g_object_ref_sink (widget);
  g_assert_finalize_object (widget);
}

static void
test_new_destroy (void)
{
  g_autoptr(StiFinding) finding =
    sti_finding_new_with_severity ("cert-expired", STI_SEVERITY_ERROR, NULL, "expired yesterday");
  g_autoptr(StiDomainReport) report = report_new (finding, NULL);
  g_autoptr(StiDomainReport) clean = report_new (NULL);
  g_autoptr(StiReportComparison) cmp = NULL;
  g_autoptr(GError) error = NULL;
  StiLocatedFinding located = { finding, "mx.example.org", "192.0.2.1" };
  StiEndpointRow *row;

  row = sti_endpoint_row_new ("192.0.2.1");
  sti_endpoint_row_set_stage (row, STI_STAGE_EHLO);
  sti_endpoint_row_set_finished (row, first_endpoint (report));
  g_assert_true (sti_endpoint_row_get_endpoint (row) == first_endpoint (report));
  assert_destroyed (row);

  assert_destroyed (sti_finding_row_new (&located, "example.org", NULL, NULL));
  assert_destroyed (sti_findings_group_new (report, NULL));
  assert_destroyed (sti_policies_group_new (report));
  assert_destroyed (sti_sender_verdict_group_new (report));
  assert_destroyed (sti_dns_group_new (report));
  assert_destroyed (sti_endpoint_detail_new (first_endpoint (report)));

  cmp = sti_report_compare (report, clean, &error);
  g_assert_no_error (error);
  assert_destroyed (sti_comparison_view_new (cmp));
}

/* A row stopped while its dialogue ran says where; a finished one stays. */
static void
test_endpoint_row (void)
{
  g_autoptr(StiDomainReport) report = report_new (NULL);
  StiEndpointRow *row = g_object_ref_sink (sti_endpoint_row_new ("192.0.2.1"));
  StiEndpointRow *done = g_object_ref_sink (sti_endpoint_row_new ("192.0.2.1"));
  StiTimings timings = { -1, -1, -1, -1, -1, 1250000 };

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "192.0.2.1");
  g_assert_null (sti_endpoint_row_get_endpoint (row));
  sti_endpoint_row_set_stage (row, STI_STAGE_STARTTLS);
  sti_endpoint_row_stop (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Stopped at: STARTTLS"));
  g_assert_null (sti_endpoint_row_get_endpoint (row));

  /* A finished row says how long the dialogue took, as the reports do. */
  sti_endpoint_report_set_timings (first_endpoint (report), &timings);
  sti_endpoint_row_set_finished (done, first_endpoint (report));
  g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (done)),
                                   " · 1.25 s"));
  sti_endpoint_row_stop (done);
  sti_endpoint_row_set_stage (done, STI_STAGE_EHLO);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (done)));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (done)), "Stopped"));

  g_assert_finalize_object (row);
  g_assert_finalize_object (done);
}

/* Worst first, then by id; without findings, one row that says so. */
static void
test_findings_group (void)
{
  g_autoptr(StiFinding) note =
    sti_finding_new_with_severity ("cert-expiring-soon", STI_SEVERITY_INFO, NULL, NULL);
  g_autoptr(StiFinding) error =
    sti_finding_new_with_severity ("cert-expired", STI_SEVERITY_ERROR, NULL, NULL);
  g_autoptr(StiFinding) warning =
    sti_finding_new_with_severity ("chain-wrong-order", STI_SEVERITY_WARNING, NULL, NULL);
  g_autoptr(StiDomainReport) report = report_new (note, error, warning, NULL);
  g_autoptr(StiDomainReport) clean = report_new (NULL);
  StiFindingsGroup *group = g_object_ref_sink (sti_findings_group_new (report, NULL));
  StiFindingsGroup *empty = g_object_ref_sink (sti_findings_group_new (clean, NULL));
  g_autoptr(GPtrArray) rows = find_widgets (group, STI_TYPE_FINDING_ROW, NULL);

  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (group)), ==, "findings-group");
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (gtk_widget_get_name (rows->pdata[0]), ==, "cert-expired");
  g_assert_cmpstr (gtk_widget_get_name (rows->pdata[1]), ==, "chain-wrong-order");
  g_assert_cmpstr (gtk_widget_get_name (rows->pdata[2]), ==, "cert-expiring-soon");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (rows->pdata[0]),
                            "mx.example.org (192.0.2.1)"));
  /* The severity in the words of the reports. */
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (rows->pdata[0]), "Error · "));
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (rows->pdata[1]), "Warning · "));
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (rows->pdata[2]), "Note · "));
  g_assert_cmpstr (sti_format_severity_label (STI_SEVERITY_INFO), ==, "Note");
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = find_widgets (empty, STI_TYPE_FINDING_ROW, NULL);
  g_assert_cmpuint (rows->len, ==, 0);

  g_assert_finalize_object (group);
  g_assert_finalize_object (empty);
}

/* Text from the model shows as the reports show it; anything else is
 * cleaned line by line, and lines stay lines. */
static void
test_display_text (void)
{
  const struct {
    const char *text;
    const char *shown;
  } cases[] = {
    { NULL, "" },
    { "mx.example.org", "mx.example.org" },
    /* Clean already: an escape of the model is not escaped again. */
    { "220 \\xFF ready", "220 \\xFF ready" },
    { "first line\nsecond\tline", "first line\nsecond\tline" },
    { "bad \xff byte\nrtl \xe2\x80\xae\nbell \a", "bad \\xFF byte\nrtl \\u202E\nbell \\x07" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sti_report_widgets_display_text (cases[i].text);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* The Policies group shows the MTA-STS policy as fetched: mode and
 * max_age at a glance, the rest folded under the row. */
static void
test_policies_mta_sts (void)
{
  g_autoptr(StiDomainReport) report = report_new (NULL);
  g_autoptr(StiMtaStsEvidence) sts = sti_mta_sts_evidence_new ();
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Policy Root", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mta-sts.example.org", ca);
  g_autoptr(GBytes) der = certgen_der (leaf);
  g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (der, NULL);
  const char *matched[] = { "mx.example.org", NULL };
  const char *unmatched[] = { "mx2.example.org", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  StiPoliciesGroup *group;
  GtkWidget *row;

  sti_mta_sts_evidence_set_url (sts, "https://mta-sts.example.org/.well-known/mta-sts.txt");
  sti_mta_sts_evidence_set_status (sts, 200);
  sti_mta_sts_evidence_set_content_type (sts, "text/plain");
  sti_mta_sts_evidence_add_certificate (sts, cert);
  sti_mta_sts_evidence_set_certificate_verified (sts, TRUE);
  sti_mta_sts_evidence_set_body (sts, "version: STSv1\r\nmode: enforce\r\nmx: *.example.org\r\n"
                                      "mx: old.example.net\r\nmax_age: 1209600\r\n");
  sti_mta_sts_evidence_set_mode (sts, "enforce");
  sti_mta_sts_evidence_set_max_age (sts, 1209600);
  sti_mta_sts_evidence_add_pattern (sts, "*.example.org", matched);
  sti_mta_sts_evidence_add_pattern (sts, "old.example.net", NULL);
  sti_mta_sts_evidence_set_unmatched_hosts (sts, unmatched);
  sti_mta_sts_evidence_set_suggested_max_age (sts, 1209600, "observed");
  sti_domain_report_set_mta_sts (report, sts);

  group = sti_policies_group_new (report);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 1100);

  row = find_named (group, "mta-sts-fetch");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "MTA-STS policy as fetched");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "mode enforce · max_age 1209600 s");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  g_assert_true (any_label_contains (row, "https://mta-sts.example.org/.well-known/mta-sts.txt"));
  g_assert_true (any_label_contains (row, "text/plain"));
  g_assert_true (any_label_contains (row, "1209600 s (14 days)"));
  g_assert_true (any_label_contains (row, "1209600 s (14 days), as observed"));
  g_assert_true (any_label_contains (row, "mx: *.example.org"));
  g_assert_true (any_label_contains (row, "matches: mx.example.org"));
  g_assert_true (any_label_contains (row, "mx: old.example.net"));
  g_assert_true (any_label_contains (row, "matches: no MX host"));
  g_assert_true (any_label_contains (row, "mx2.example.org"));
  g_assert_true (any_label_contains (row, "mode: enforce\nmx: *.example.org\n"));
  g_assert_true (any_label_contains (row, "Subject: CN=mta-sts.example.org"));
  g_assert_true (any_label_contains (row, "SHA-256 fingerprint: "));

  gtk_window_present (GTK_WINDOW (window));
  save_screenshot (window, "screenshot-policies-mta-sts.png");
  destroy_window (window);

  /* Without a fetch, no row. */
  sti_domain_report_set_mta_sts (report, NULL);
  group = g_object_ref_sink (sti_policies_group_new (report));
  g_assert_null (find_named (group, "mta-sts-fetch"));
  g_assert_finalize_object (group);
}

/* Two reports given the wrong way round: the comparison view says so
 * above the groups; the right way round it says nothing. */
static void
test_comparison_swapped (void)
{
  g_autoptr(StiFinding) finding =
    sti_finding_new_with_severity ("cert-expired", STI_SEVERITY_ERROR, NULL, "expired");
  g_autoptr(StiDomainReport) older = report_new (finding, NULL);
  g_autoptr(StiDomainReport) newer = report_new (NULL);
  g_autoptr(GDateTime) later = g_date_time_add_days (sti_domain_report_get_started_at (older), 1);
  g_autoptr(StiReportComparison) swapped = NULL;
  g_autoptr(StiReportComparison) right = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  GtkWidget *label;

  sti_domain_report_set_started_at (newer, later);
  swapped = sti_report_compare (newer, older, &error);
  g_assert_no_error (error);
  right = sti_report_compare (older, newer, &error);
  g_assert_no_error (error);

  view = g_object_ref_sink (GTK_WIDGET (sti_comparison_view_new (swapped)));
  label = find_named (view, "compare-swapped");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "probably swapped"));
  g_assert_finalize_object (view);

  view = g_object_ref_sink (GTK_WIDGET (sti_comparison_view_new (right)));
  g_assert_false (gtk_widget_get_visible (find_named (view, "compare-swapped")));
  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/sti/report-widgets/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/report-widgets/endpoint-row", test_endpoint_row);
  g_test_add_func ("/sti/report-widgets/findings-group", test_findings_group);
  g_test_add_func ("/sti/report-widgets/display-text", test_display_text);
  g_test_add_func ("/sti/report-widgets/policies-mta-sts", test_policies_mta_sts);
  g_test_add_func ("/sti/report-widgets/comparison-swapped", test_comparison_swapped);

  status = g_test_run ();

  g_clear_object (&app);

  return status;
}
