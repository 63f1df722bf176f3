/* fake-cert.h: a CA and a server certificate for the TLS tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-tls-credentials.h"

G_BEGIN_DECLS

/* Generates a small CA and a leaf certificate for a host name with the
 * GnuTLS API (EC P-256, fast) and returns server credentials sending the
 * chain [leaf, CA], plus the DER of both for assertions. */
typedef struct
{
  StiTlsCredentials *creds;
  GBytes            *leaf_der;
  GBytes            *ca_der;
} StiFakeCert;

StiFakeCert *sti_fake_cert_new            (const char  *hostname);
StiFakeCert *sti_fake_cert_new_with_chain (const char  *hostname,
                                           const char  *order);
void         sti_fake_cert_free           (StiFakeCert *fc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiFakeCert, sti_fake_cert_free)

G_END_DECLS
