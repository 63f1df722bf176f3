/* sti-tls-priority-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

gboolean sti_tls_priority_set   (gnutls_session_t   session,
                                 const char        *priority,
                                 GError           **error);
gboolean sti_tls_priority_check (const char        *priority,
                                 GError           **error);

G_END_DECLS
