/* sti-severity.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* Default thresholds of cert-expiring-soon, in days. */
#define STI_EXPIRING_WARNING_DAYS 30
#define STI_EXPIRING_ERROR_DAYS    7

StiSeverity  sti_severity_for_finding     (const char *id);
const char  *sti_severity_reason          (const char *id);
StiSeverity  sti_severity_for_days_left   (gint64      days_left,
                                           guint       error_days);

G_END_DECLS
