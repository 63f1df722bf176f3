/* sti-tls-credentials-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-tls-credentials.h"

#include <gnutls/gnutls.h>

G_BEGIN_DECLS

gnutls_certificate_credentials_t sti_tls_credentials_get_gnutls (StiTlsCredentials *self);

G_END_DECLS
