/* sti-tls-credentials.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A server's certificate chain and private key, ready for TLS sessions in
 * server mode (the demo lab, test fakes). Immutable and reference counted:
 * one set serves any number of sessions. */
typedef struct _StiTlsCredentials StiTlsCredentials;

StiTlsCredentials *sti_tls_credentials_new   (GPtrArray          *chain,
                                              GBytes             *key_der,
                                              GError            **error);
gboolean           sti_tls_credentials_add_for_sni (StiTlsCredentials  *self,
                                                    GPtrArray          *chain,
                                                    GBytes             *key_der,
                                                    GError            **error);
StiTlsCredentials *sti_tls_credentials_ref   (StiTlsCredentials  *self);
void               sti_tls_credentials_unref (StiTlsCredentials  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiTlsCredentials, sti_tls_credentials_unref)

G_END_DECLS
