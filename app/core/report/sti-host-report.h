/* sti-host-report.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_HOST_REPORT (sti_host_report_get_type ())

G_DECLARE_FINAL_TYPE (StiHostReport, sti_host_report, STI, HOST_REPORT, GObject)

const char *sti_host_report_get_name         (StiHostReport *self);
const char *sti_host_report_get_name_unicode (StiHostReport *self);
int         sti_host_report_get_preference   (StiHostReport *self);
gboolean    sti_host_report_get_implicit     (StiHostReport *self);
guint       sti_host_report_get_beyond_mx_cap (StiHostReport *self);
GPtrArray  *sti_host_report_get_endpoints    (StiHostReport *self);
GPtrArray  *sti_host_report_get_findings     (StiHostReport *self);
gboolean    sti_host_report_equal            (StiHostReport *a,
                                              StiHostReport *b);

G_END_DECLS
