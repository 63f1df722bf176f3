/* findings-assert.h: assertions on the findings a check returns
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sti-endpoint-report.h"
#include "sti-finding.h"

G_BEGIN_DECLS

char       *ids_of       (GPtrArray          *findings);
void        assert_ids_v (GPtrArray          *findings,
                          const char * const *expected);
void        assert_ids   (GPtrArray          *findings,
                          const char         *expected_csv);
StiFinding *find         (GPtrArray          *findings,
                          const char         *id);
JsonObject *find_json_finding (JsonObject *endpoint,
                               const char *id);
void        add_finding  (StiEndpointReport  *endpoint,
                          const char         *id,
                          StiSeverity         severity);

G_END_DECLS
