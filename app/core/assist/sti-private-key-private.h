/* sti-private-key-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-private-key.h"

#include "sti-gnutls-private.h"

G_BEGIN_DECLS

/* For the request and the PKCS #12 file, which sign and pack the key. */
gnutls_x509_privkey_t sti_private_key_get_x509 (StiPrivateKey *self);

G_END_DECLS
