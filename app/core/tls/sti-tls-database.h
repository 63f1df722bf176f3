/* sti-tls-database.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-trust-store.h"

G_BEGIN_DECLS

#define STI_TYPE_TLS_DATABASE (sti_tls_database_get_type ())

G_DECLARE_FINAL_TYPE (StiTlsDatabase, sti_tls_database, STI, TLS_DATABASE, GTlsDatabase)

void           sti_tls_database_install_default (void);
GTlsDatabase  *sti_tls_database_new       (StiTrustStore  *trust);
StiTrustStore *sti_tls_database_get_trust (StiTlsDatabase *self);

G_END_DECLS
