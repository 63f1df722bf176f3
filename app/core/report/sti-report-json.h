/* sti-report-json.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

/* The "schema" member of every report (docs/json-schema.md). */
#define STI_REPORT_SCHEMA_NAME "starttls-inspector-report"

JsonNode        *sti_report_to_json         (StiDomainReport  *report);
char            *sti_report_to_json_string  (StiDomainReport  *report,
                                             gboolean          pretty);
StiDomainReport *sti_report_from_json       (JsonNode         *root,
                                             GError          **error);
StiDomainReport *sti_report_load_from_data  (const char       *data,
                                             gssize            len,
                                             GError          **error);

G_END_DECLS
