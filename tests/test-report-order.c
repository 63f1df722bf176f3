/* test-report-order.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-located-finding.h"
#include "sti-report-export.h"
#include "sti-report-sections.h"
#include "sti-verdict.h"

#include "report-export-checks.h"

/* One order and one numbering in every format: findings worst first, then
 * by host, two findings that differ only by the MX host they name told
 * apart, and the domain's policies and what was not probed before the
 * hosts. The report is built by hand: its findings are chosen so that
 * report order (domain, then each host) differs from reading order. */

static void
add_domain_finding (StiDomainReport *report,
                    const char      *id,
                    const char      *key,
                    const char      *value)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(StiFinding) finding = NULL;

  g_variant_dict_insert (&dict, key, "s", value);
  finding = sti_finding_new (id, g_variant_dict_end (&dict), id);
  sti_domain_report_add_finding (report, finding);
}

static StiEndpointReport *
make_endpoint (const char *host,
               const char *address)
{
  StiEndpointReport *endpoint = sti_endpoint_report_new ();

  sti_endpoint_report_set_host (endpoint, host);
  sti_endpoint_report_set_address (endpoint, address);
  sti_endpoint_report_set_port (endpoint, 25);
  sti_endpoint_report_set_family (endpoint, "ipv4");
  sti_endpoint_report_set_stage (endpoint, STI_STAGE_DONE);
  return endpoint;
}

static StiHostReport *
make_host (const char        *name,
           int                preference,
           StiEndpointReport *endpoint)
{
  StiHostReport *host = sti_host_report_new ();

  sti_host_report_set_name (host, name);
  sti_host_report_set_name_unicode (host, name);
  sti_host_report_set_preference (host, preference);
  sti_host_report_add_endpoint (host, endpoint);
  return host;
}

/* Report order: the domain's findings (two errors and a note), mx1's
 * warning, mx2's error. */
static StiDomainReport *
build_report (void)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 28, 17, 35, 1);
  g_autoptr(StiEndpointReport) ep1 = make_endpoint ("mx1.example.org", "192.0.2.1");
  g_autoptr(StiEndpointReport) ep2 = make_endpoint ("mx2.example.org", "192.0.2.2");
  g_autoptr(StiHostReport) host1 = NULL;
  g_autoptr(StiHostReport) host2 = NULL;
  g_autoptr(StiFinding) unreachable =
    sti_finding_new_with_severity ("host-unreachable", STI_SEVERITY_WARNING, NULL, "refused");
  g_autoptr(StiFinding) expired =
    sti_finding_new_with_severity ("cert-expired", STI_SEVERITY_ERROR, NULL, "expired");
  const char *skipped[] = { "mx1.example.org at 2001:db8::1: not probed, IPv6 is turned off "
                            "in the options", NULL };

  sti_endpoint_report_add_finding (ep1, unreachable);
  sti_endpoint_report_set_reachable (ep2, TRUE);
  sti_endpoint_report_set_starttls_offered (ep2, TRUE);
  sti_endpoint_report_set_starttls_accepted (ep2, TRUE);
  sti_endpoint_report_set_tls_established (ep2, TRUE);
  sti_endpoint_report_add_finding (ep2, expired);
  host1 = make_host ("mx1.example.org", 10, ep1);
  host2 = make_host ("mx2.example.org", 20, ep2);

  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_domain_report_set_started_at (report, started);
  sti_domain_report_set_finished_at (report, started);
  sti_domain_report_add_host (report, host1);
  sti_domain_report_add_host (report, host2);
  add_domain_finding (report, "mta-sts-mx-not-covered", "host", "mx3.example.org");
  add_domain_finding (report, "mta-sts-mx-not-covered", "host", "mx2.example.org");
  add_domain_finding (report, "mta-sts-mx-pattern-unused", "pattern", "mail.old.example");
  sti_domain_report_set_skipped (report, skipped);

  return report;
}

/* The reading order, once, for every format and the window. */
static void
test_located_order (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  const struct { const char *id; const char *host; const char *subject; } expected[] = {
    { "mta-sts-mx-not-covered", NULL, "mx2.example.org" },
    { "mta-sts-mx-not-covered", NULL, "mx3.example.org" },
    { "cert-expired", "mx2.example.org", NULL },
    { "host-unreachable", "mx1.example.org", NULL },
    { "mta-sts-mx-pattern-unused", NULL, "mail.old.example" },
  };

  g_assert_cmpuint (located->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < located->len; i++)
    {
      StiLocatedFinding *item = &g_array_index (located, StiLocatedFinding, i);

      g_assert_cmpstr (sti_finding_get_id (item->finding), ==, expected[i].id);
      g_assert_cmpstr (item->host, ==, expected[i].host);
      g_assert_cmpstr (sti_finding_get_subject (item->finding), ==, expected[i].subject);
      if (i > 0)
        g_assert_cmpint (sti_located_finding_compare (&g_array_index (located,
                                                                      StiLocatedFinding, i - 1),
                                                      item), <, 0);
    }

  /* The title names the host; a host-level finding about its own host
   * does not repeat it. */
  {
    StiLocatedFinding *first = &g_array_index (located, StiLocatedFinding, 0);
    StiLocatedFinding own = { first->finding, "mx2.example.org", NULL };
    g_autofree char *title = sti_located_finding_dup_title (first, "Missing", "example.org");
    g_autofree char *plain = sti_located_finding_dup_title (&own, "Missing", "example.org");

    g_assert_cmpstr (title, ==, "Missing — mx2.example.org");
    g_assert_cmpstr (plain, ==, "Missing");
  }
}

/* @needles appear in @text in this order. */
static void
assert_in_order (const char         *format,
                 const char         *text,
                 const char * const *needles)
{
  const char *at = text;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      const char *found = strstr (at, needles[i]);

      if (found == NULL)
        g_error ("%s: \"%s\" missing after \"%s\" (or out of order):\n%s", format, needles[i],
                 i > 0 ? needles[i - 1] : "the start", text);
      at = found + strlen (needles[i]);
    }
}

static char *
export_text (StiDomainReport *report,
             StiReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = sti_report_export (report, format, STI_MTA_POSTFIX, &error);

  g_assert_no_error (error);
  if (format == STI_REPORT_FORMAT_PDF)
    {
      g_autofree char *text = pdf_text (bytes);

      return collapse_spaces (text);
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Every format: the findings in reading order, named apart; the policies
 * and what was not probed before the first host; the verdict qualified. */
static void
test_every_format (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autofree char *heading = sti_report_dup_host_heading (
    g_ptr_array_index (sti_domain_report_get_hosts (report), 0));
  g_autofree char *verdict = sti_verdict_dup_sentence (report);
  const StiReportFormat formats[] = { STI_REPORT_FORMAT_TEXT, STI_REPORT_FORMAT_MARKDOWN,
                                      STI_REPORT_FORMAT_HTML, STI_REPORT_FORMAT_PDF };
  const char *titled[] = { "MX host missing from the MTA-STS policy — mx2.example.org",
                           "MX host missing from the MTA-STS policy — mx3.example.org",
                           "cert-expired", "host-unreachable", "mta-sts-mx-pattern-unused",
                           NULL };
  const char *sections[] = { "Policies", "Not probed", "mx1.example.org at 2001:db8::1",
                             NULL, NULL };

  g_assert_nonnull (strstr (verdict, "1 mail server or address was skipped (see “Not probed”)"));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = NULL;
      const char *findings_start;

      if (formats[i] == STI_REPORT_FORMAT_PDF && !have_program ("pdftotext"))
        {
          g_test_message ("pdftotext is not installed: PDF order not checked");
          continue;
        }

      text = export_text (report, formats[i]);
      /* The text's host lines read "MX 10 mx1…", the others' headings are
       * sti_report_dup_host_heading(). */
      sections[3] = formats[i] == STI_REPORT_FORMAT_TEXT ? "MX 10 mx1.example.org" : heading;
      findings_start = strstr (text, formats[i] == STI_REPORT_FORMAT_TEXT
                                     ? "Findings, worst first:" : "Findings");
      g_assert_nonnull (findings_start);
      assert_in_order (sti_report_format_to_string (formats[i]), findings_start, titled);
      assert_in_order (sti_report_format_to_string (formats[i]),
                       strstr (findings_start, "mta-sts-mx-pattern-unused"), sections);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/report-order/located", test_located_order);
  g_test_add_func ("/sti/report-order/every-format", test_every_format);

  return g_test_run ();
}
