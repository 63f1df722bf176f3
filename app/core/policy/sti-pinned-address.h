/* sti-pinned-address.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A host name that connects only to addresses given up front. */

#define STI_TYPE_PINNED_ADDRESS (sti_pinned_address_get_type ())
G_DECLARE_FINAL_TYPE (StiPinnedAddress, sti_pinned_address, STI, PINNED_ADDRESS, GNetworkAddress)

GSocketConnectable *sti_pinned_address_new (const char *hostname,
                                            guint16     port,
                                            GPtrArray  *addresses);

G_END_DECLS
