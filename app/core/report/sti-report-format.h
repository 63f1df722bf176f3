/* sti-report-format.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

/* The part of the formatting rules (sti-format.h) that reads the report
 * model, which the base layer cannot see. */

char *sti_format_report_counts (StiDomainReport *report);

G_END_DECLS
