/* sti-tls-analysis.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-finding.h"

G_BEGIN_DECLS

/* The priority of the optional deeper probe: a second handshake that
 * offers nothing but TLS 1.0 and 1.1, to learn whether the server still
 * accepts them although it negotiated something newer with "NORMAL". */
#define STI_TLS_PRIORITY_OLD_VERSIONS_ONLY "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0"

GPtrArray  *sti_tls_analyze                     (const char *version,
                                                 const char *cipher,
                                                 const char *group);
StiFinding *sti_tls_old_version_accepted_finding (const char *version);

G_END_DECLS
