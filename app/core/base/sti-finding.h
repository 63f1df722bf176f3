/* sti-finding.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_FINDING (sti_finding_get_type ())

G_DECLARE_FINAL_TYPE (StiFinding, sti_finding, STI, FINDING, GObject)

StiFinding  *sti_finding_new               (const char  *id,
                                            GVariant    *params,
                                            const char  *detail);
StiFinding  *sti_finding_new_printf        (const char  *id,
                                            GVariant    *params,
                                            const char  *detail_format,
                                            ...) G_GNUC_PRINTF (3, 4);
StiFinding  *sti_finding_new_with_severity (const char  *id,
                                            StiSeverity  severity,
                                            GVariant    *params,
                                            const char  *detail);
const char  *sti_finding_get_id            (StiFinding  *self);
StiSeverity  sti_finding_get_severity      (StiFinding  *self);
const char  *sti_finding_get_detail        (StiFinding  *self);
GVariant    *sti_finding_get_params        (StiFinding  *self);
const char  *sti_finding_get_param_string  (StiFinding  *self,
                                            const char  *key);
gboolean     sti_finding_get_param_int64   (StiFinding  *self,
                                            const char  *key,
                                            gint64      *value);
const char  *sti_finding_get_subject       (StiFinding  *self);
gboolean     sti_finding_param_is_multiline (const char *key);
int          sti_finding_compare           (StiFinding  *a,
                                            StiFinding  *b);
void         sti_findings_add              (GPtrArray   *findings,
                                            const char  *id,
                                            GVariant    *params,
                                            const char  *detail);
gboolean     sti_findings_contain          (GPtrArray   *findings,
                                            const char  *id);
void         sti_findings_sort             (GPtrArray   *findings);

G_END_DECLS
