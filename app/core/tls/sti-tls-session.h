/* sti-tls-session.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

#define STI_TYPE_TLS_SESSION (sti_tls_session_get_type ())

G_DECLARE_FINAL_TYPE (StiTlsSession, sti_tls_session, STI, TLS_SESSION, GObject)

StiTlsSession    *sti_tls_session_new_client       (GSocket                          *socket,
                                                    const char                       *server_name,
                                                    const char                       *priority,
                                                    GError                          **error);
StiTlsSession    *sti_tls_session_new_server       (GSocket                          *socket,
                                                    gnutls_certificate_credentials_t  creds,
                                                    GError                          **error);
void              sti_tls_session_handshake_async  (StiTlsSession                    *self,
                                                    GCancellable                     *cancellable,
                                                    GAsyncReadyCallback               callback,
                                                    gpointer                          user_data);
gboolean          sti_tls_session_handshake_finish (StiTlsSession                    *self,
                                                    GAsyncResult                     *result,
                                                    GError                          **error);
void              sti_tls_session_read_async       (StiTlsSession                    *self,
                                                    gsize                             max_len,
                                                    GCancellable                     *cancellable,
                                                    GAsyncReadyCallback               callback,
                                                    gpointer                          user_data);
GBytes           *sti_tls_session_read_finish      (StiTlsSession                    *self,
                                                    GAsyncResult                     *result,
                                                    GError                          **error);
void              sti_tls_session_write_async      (StiTlsSession                    *self,
                                                    GBytes                           *data,
                                                    GCancellable                     *cancellable,
                                                    GAsyncReadyCallback               callback,
                                                    gpointer                          user_data);
gboolean          sti_tls_session_write_finish     (StiTlsSession                    *self,
                                                    GAsyncResult                     *result,
                                                    GError                          **error);
void              sti_tls_session_close            (StiTlsSession                    *self);
gnutls_session_t  sti_tls_session_get_gnutls       (StiTlsSession                    *self);
GSocket          *sti_tls_session_get_socket       (StiTlsSession                    *self);
int               sti_tls_session_get_alert        (StiTlsSession                    *self);
gboolean          sti_tls_session_is_handshaked    (StiTlsSession                    *self);
gboolean          sti_tls_session_check_priority   (const char                       *priority,
                                                    GError                          **error);

G_END_DECLS
