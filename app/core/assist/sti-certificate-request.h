/* sti-certificate-request.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-private-key.h"

G_BEGIN_DECLS

GBytes *sti_certificate_request_new_pem (StiPrivateKey       *key,
                                         const char * const  *names,
                                         GError             **error);

G_END_DECLS
