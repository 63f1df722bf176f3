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

/**
 * sti_report_collect_located_findings:
 *
 * Every finding of @report in report order (domain, then each host and its
 * endpoints), with where it was found.
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

  return array;
}
