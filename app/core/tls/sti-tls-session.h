/* sti-tls-session.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-socket-watch.h"
#include "sti-tls-credentials.h"

G_BEGIN_DECLS

#define STI_TYPE_TLS_SESSION (sti_tls_session_get_type ())

G_DECLARE_FINAL_TYPE (StiTlsSession, sti_tls_session, STI, TLS_SESSION, GObject)

/* What a handshake negotiated, in GnuTLS's names ("TLS1.3",
 * "TLS_AES_128_GCM_SHA256", "X25519", "ECDSA-SECP256R1-SHA256"); the field
 * names are the JSON report's. */
typedef struct
{
  char      *tls_version;
  char      *cipher_suite;
  char      *kx_group;             /* NULL: none */
  char      *signature_algorithm;  /* NULL: none */
  GPtrArray *peer_chain;           /* GBytes, DER, in the order the peer sent them */
  GBytes    *ocsp_response;        /* the stapled OCSP response, NULL: none */
  char      *server_name;          /* server side: the SNI the client sent, NULL: none */
} StiTlsSessionInfo;

void sti_tls_session_info_free (StiTlsSessionInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiTlsSessionInfo, sti_tls_session_info_free)

StiTlsSession     *sti_tls_session_new_client       (GSocket              *socket,
                                                     const char           *server_name,
                                                     const char           *priority,
                                                     GError              **error);
StiTlsSession     *sti_tls_session_new_server       (GSocket              *socket,
                                                     StiTlsCredentials    *creds,
                                                     const char           *priority,
                                                     GError              **error);
void               sti_tls_session_handshake_async  (StiTlsSession        *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean           sti_tls_session_handshake_finish (StiTlsSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void               sti_tls_session_read_async       (StiTlsSession        *self,
                                                     gsize                 max_len,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes            *sti_tls_session_read_finish      (StiTlsSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void               sti_tls_session_write_async      (StiTlsSession        *self,
                                                     GBytes               *data,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean           sti_tls_session_write_finish     (StiTlsSession        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void               sti_tls_session_close            (StiTlsSession        *self);
StiTlsSessionInfo *sti_tls_session_dup_info         (StiTlsSession        *self);
GSocket           *sti_tls_session_get_socket       (StiTlsSession        *self);
void               sti_tls_session_set_watch        (StiTlsSession        *self,
                                                     StiSocketWatch       *watch);
int                sti_tls_session_get_alert        (StiTlsSession        *self);
const char        *sti_tls_session_get_alert_name   (StiTlsSession        *self);
gboolean           sti_tls_session_is_handshaked    (StiTlsSession        *self);
gboolean           sti_tls_session_check_priority   (const char           *priority,
                                                     GError              **error);

G_END_DECLS
