/* sti-verdict-json.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

void sti_verdict_add_to_json (StiDomainReport *report,
                              JsonNode        *root);

G_END_DECLS
