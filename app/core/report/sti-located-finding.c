/* sti-located-finding.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-located-finding.h"

#include "sti-endpoint-report.h"
#include "sti-host-report.h"

#include <glib/gi18n.h>

static void
add_located (GArray     *array,
             GPtrArray  *findings,
             const char *host,
             const char *address)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiLocatedFinding located = { g_ptr_array_index (findings, i), host, address };

      g_array_append_val (array, located);
    }
}

/* NULL (the domain, or the host as a whole) before any name. */
static int
compare_place (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_ascii_strcasecmp (a, b);
}

/**
 * sti_located_finding_compare:
 *
 * The one reading order of findings, in every format and in the window:
 * worst first; then by host (domain-level findings first, then each host
 * by name, a host's own findings before its addresses'); then by id and
 * what the finding is about (sti_finding_compare()).
 *
 * Returns: <0, 0 or >0, as for qsort()
 */
int
sti_located_finding_compare (const StiLocatedFinding *a,
                             const StiLocatedFinding *b)
{
  StiSeverity severity_a = sti_finding_get_severity (a->finding);
  StiSeverity severity_b = sti_finding_get_severity (b->finding);
  int cmp;

  if (severity_a != severity_b)
    return severity_a > severity_b ? -1 : 1;
  if ((cmp = compare_place (a->host, b->host)) != 0 ||
      (cmp = compare_place (a->address, b->address)) != 0)
    return cmp;
  return sti_finding_compare (a->finding, b->finding);
}

static int
compare_located_cb (gconstpointer a,
                    gconstpointer b)
{
  return sti_located_finding_compare (a, b);
}

/**
 * sti_report_collect_located_findings:
 *
 * Every finding of @report with where it was found, in the reading order
 * of sti_located_finding_compare().
 *
 * Returns: (transfer full) (element-type StiLocatedFinding): borrowed
 *   pointers, valid while @report lives
 */
GArray *
sti_report_collect_located_findings (StiDomainReport *report)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (StiLocatedFinding));
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  add_located (array, sti_domain_report_get_findings (report), NULL, NULL);
  for (guint i = 0; i < hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      add_located (array, sti_host_report_get_findings (host), sti_host_report_get_name (host),
                   NULL);
      for (guint j = 0; j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);

          add_located (array, sti_endpoint_report_get_findings (endpoint),
                       sti_host_report_get_name (host), sti_endpoint_report_get_address (endpoint));
        }
    }

  /* Stable (GLib ≥ 2.32): findings that compare equal keep report order. */
  g_array_sort (array, compare_located_cb);
  return array;
}

/**
 * sti_located_finding_dup_title:
 * @located: a finding and where it was found
 * @title: the finding's title (from the catalog)
 * @domain: (nullable): the domain of the report
 *
 * The title every format and the window show: @title, followed by what the
 * finding is about (sti_finding_get_subject()) when the place (its host,
 * or @domain for a domain-level finding) does not say it already. Two "MX host missing from the MTA-STS policy" findings of one
 * domain read "… — mx2.example.org" and "… — mx3.example.org".
 *
 * Returns: (transfer full): the title
 */
char *
sti_located_finding_dup_title (const StiLocatedFinding *located,
                               const char              *title,
                               const char              *domain)
{
  const char *subject = sti_finding_get_subject (located->finding);
  const char *place = located->host != NULL ? located->host : domain;

  if (subject == NULL || (place != NULL && g_ascii_strcasecmp (subject, place) == 0))
    return g_strdup (title);
  /* Translators: a finding's title, then what it is about: a host name, an
   * MTA-STS mx pattern or a DNS record */
  return g_strdup_printf (_("%s — %s"), title, subject);
}
