/* sti-trust-store-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-trust-store.h"
#include "sti-gnutls-private.h"

G_BEGIN_DECLS

gnutls_x509_trust_list_t sti_trust_store_get_trust_list (StiTrustStore *self);

G_END_DECLS
