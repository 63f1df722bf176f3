/* sti-located-finding.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"
#include "sti-finding.h"

G_BEGIN_DECLS

/* One finding with where it was found. @host is NULL for a domain-level
 * finding, @address NULL for a host-level one. All borrowed from the report. */
typedef struct
{
  StiFinding *finding;
  const char *host;
  const char *address;
} StiLocatedFinding;

GArray *sti_report_collect_located_findings (StiDomainReport         *report);
int     sti_located_finding_compare         (const StiLocatedFinding *a,
                                             const StiLocatedFinding *b);
char   *sti_located_finding_dup_title       (const StiLocatedFinding *located,
                                             const char              *title,
                                             const char              *domain);

G_END_DECLS
