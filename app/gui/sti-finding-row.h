/* sti-finding-row.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-located-finding.h"

G_BEGIN_DECLS

#define STI_TYPE_FINDING_ROW (sti_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (StiFindingRow, sti_finding_row, STI, FINDING_ROW, AdwExpanderRow)

StiFindingRow *sti_finding_row_new (const StiLocatedFinding *located,
                                    const char              *domain,
                                    const char * const      *mx_hosts,
                                    GSettings               *settings);

G_END_DECLS
