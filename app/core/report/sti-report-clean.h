/* sti-report-clean.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-finding.h"

G_BEGIN_DECLS

StiFinding *sti_report_clean_finding  (StiFinding *finding);
GVariant   *sti_report_canonical_vardict (GVariant *dict);
gboolean    sti_report_finding_equal  (StiFinding *a,
                                       StiFinding *b);

G_END_DECLS
