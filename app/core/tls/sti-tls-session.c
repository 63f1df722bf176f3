/* sti-tls-session.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-session.h"

#include "sti-socket-watch.h"
#include "sti-tcp-latency.h"
#include "sti-tls-credentials-private.h"
#include "sti-tls-priority-private.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

/* A GnuTLS session run directly over a connected GSocket, non-blocking and
 * driven from the main loop (DESIGN.md decision 2, platform-notes A4 (b)).
 *
 * The transport callbacks never block: they call g_socket_{send,receive}
 * with blocking = FALSE and turn G_IO_ERROR_WOULD_BLOCK into EAGAIN. When
 * GnuTLS answers GNUTLS_E_AGAIN, the operation waits on the socket's
 * StiSocketWatch for the direction GnuTLS reports and then calls GnuTLS
 * again: one GSource for the connection's life, shared with whoever owns
 * the socket (sti_tls_session_set_watch()) or else our own. A cancel of the
 * operation's GCancellable dispatches the wait on the next iteration and
 * completes the task with G_IO_ERROR_CANCELLED.
 *
 * One handshake, or at most one read plus one write, may be pending at a
 * time. Nothing here sets timeouts: callers own their deadlines and cancel.
 */

/* GnuTLS gives non-fatal codes (warning alerts, EINTR) that only require
 * calling again; bound how often in one go so a hostile peer cannot make
 * us spin without returning to the main loop. */
#define MAX_NONFATAL_RETRIES 64

struct _StiTlsSession
{
  GObject parent_instance;

  /* Owned references */
  GSocket                          *socket;
  gnutls_session_t                  session;
  gnutls_certificate_credentials_t  own_creds;
  StiTlsCredentials                *server_creds;
  StiSocketWatch                   *watch;
  GError                           *transport_error;

  int      alert;
  guint    is_server : 1;
  guint    handshaked : 1;
  guint    handshaking : 1;
  guint    reading : 1;
  guint    writing : 1;
  guint    closed : 1;
  guint    peer_eof : 1;
  guint    own_watch : 1;
};

G_DEFINE_FINAL_TYPE (StiTlsSession, sti_tls_session, G_TYPE_OBJECT)

typedef struct
{
  StiSocketWatchSlot slot;
  void   (*step) (GTask *task);
  GBytes  *data;     /* write: what to send */
  gsize    offset;   /* write: how much is sent */
  gsize    max_len;  /* read: the most to return */
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->data, g_bytes_unref);
  g_free (op);
}

/* A whole flight of records in one send, as OpenSSL-based servers and
 * clients write it: record by record, each small segment would wait for
 * the peer's delayed ACK behind Nagle (the lab's servers keep Nagle on). */
static ssize_t
sti_tls_session_vec_push (gnutls_transport_ptr_t  ptr,
                          const giovec_t         *iov,
                          int                     iovcnt)
{
  StiTlsSession *self = ptr;
  g_autoptr(GError) error = NULL;
  g_autofree GOutputVector *vectors = g_new (GOutputVector, MAX (iovcnt, 1));
  GPollableReturn ret;
  gsize written = 0;

  for (int i = 0; i < iovcnt; i++)
    {
      vectors[i].buffer = iov[i].iov_base;
      vectors[i].size = iov[i].iov_len;
    }

  /* A timeout of 0 never blocks, whatever the socket's blocking flag
   * (the lab's accepted sockets keep theirs): a full send buffer is
   * EAGAIN, and the session waits for the socket like any other. */
  ret = g_socket_send_message_with_timeout (self->socket, NULL, vectors, iovcnt, NULL, 0, 0,
                                            0, &written, NULL, &error);
  if (ret == G_POLLABLE_RETURN_OK)
    return written;

  if (ret == G_POLLABLE_RETURN_WOULD_BLOCK ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      gnutls_transport_set_errno (self->session, EAGAIN);
      return -1;
    }

  g_clear_error (&self->transport_error);
  self->transport_error = g_steal_pointer (&error);
  gnutls_transport_set_errno (self->session, EIO);
  return -1;
}

static ssize_t
sti_tls_session_pull (gnutls_transport_ptr_t  ptr,
                      void                   *data,
                      size_t                  len)
{
  StiTlsSession *self = ptr;
  g_autoptr(GError) error = NULL;
  gssize ret;

  ret = g_socket_receive_with_blocking (self->socket, data, len, FALSE, NULL, &error);
  /* Servers we run (lab, fakes) keep the kernel's ACK timing, as real MTAs do. */
  if (ret > 0 && !self->is_server)
    sti_tcp_latency_after_receive (self->socket);
  if (ret > 0)
    return ret;

  if (ret == 0)
    {
      self->peer_eof = TRUE;
      return 0;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      gnutls_transport_set_errno (self->session, EAGAIN);
      return -1;
    }

  g_clear_error (&self->transport_error);
  self->transport_error = g_steal_pointer (&error);
  gnutls_transport_set_errno (self->session, EIO);
  return -1;
}

/* GnuTLS falls back to select() on the transport pointer as if it were an
 * fd when no pull-timeout function is set; ours never waits. */
static int
sti_tls_session_pull_timeout (gnutls_transport_ptr_t ptr,
                              unsigned int           ms)
{
  StiTlsSession *self = ptr;

  if (g_socket_condition_check (self->socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0)
    return 1;

  gnutls_transport_set_errno (self->session, EAGAIN);
  return -1;
}

static GError *
sti_tls_session_make_error (StiTlsSession *self,
                            int            ret,
                            gboolean       in_handshake)
{
  const char *what = in_handshake ? _("TLS handshake failed") : _("TLS error");

  if (ret == GNUTLS_E_FATAL_ALERT_RECEIVED)
    {
      gnutls_alert_description_t alert = gnutls_alert_get (self->session);
      const char *name = gnutls_alert_get_name (alert);

      self->alert = (int)alert;
      return g_error_new (G_TLS_ERROR,
                          in_handshake ? G_TLS_ERROR_HANDSHAKE : G_TLS_ERROR_MISC,
                          /* Translators: what failed ("TLS handshake failed"), the alert's name,
                           * then its number */
                          _("%s: the peer sent the fatal TLS alert “%s” (%d)"),
                          what, name != NULL ? name : "unknown", (int)alert);
    }

  if (self->transport_error != NULL)
    return g_error_new (self->transport_error->domain,
                        self->transport_error->code,
                        "%s: %s", what, self->transport_error->message);

  switch (ret)
    {
    case GNUTLS_E_PREMATURE_TERMINATION:
    case GNUTLS_E_UNEXPECTED_PACKET_LENGTH:
      if (self->peer_eof)
        return g_error_new (G_TLS_ERROR, G_TLS_ERROR_EOF,
                            /* Translators: %s is what failed, "TLS handshake failed" */
                            _("%s: the peer closed the connection"), what);
      if (ret == GNUTLS_E_PREMATURE_TERMINATION)
        break;
      G_GNUC_FALLTHROUGH;
    case GNUTLS_E_UNSUPPORTED_VERSION_PACKET:
    case GNUTLS_E_UNEXPECTED_PACKET:
    case GNUTLS_E_RECORD_OVERFLOW:
      if (in_handshake)
        return g_error_new (G_TLS_ERROR, G_TLS_ERROR_NOT_TLS,
                            /* Translators: what failed ("TLS handshake failed"), then GnuTLS's
                             * error */
                            _("%s: the peer does not speak TLS (%s)"),
                            what, gnutls_strerror (ret));
      break;
    default:
      break;
    }

  return g_error_new (G_TLS_ERROR,
                      in_handshake ? G_TLS_ERROR_HANDSHAKE : G_TLS_ERROR_MISC,
                      "%s: %s", what, gnutls_strerror (ret));
}

static void sti_tls_session_handshake_step (GTask *task);
static void sti_tls_session_read_step      (GTask *task);
static void sti_tls_session_write_step     (GTask *task);

static void
sti_tls_session_socket_ready_cb (gpointer user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);

  op->step (task);
}

static void
sti_tls_session_wait (GTask *task,
                      void (*step) (GTask *))
{
  StiTlsSession *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GIOCondition condition;

  condition = gnutls_record_get_direction (self->session) == 1 ? G_IO_OUT : G_IO_IN;

  if (self->watch == NULL)
    {
      self->watch = sti_socket_watch_new (g_task_get_context (task));
      self->own_watch = TRUE;
      sti_socket_watch_set_socket (self->watch, self->socket);
    }

  /* The watch holds the task until the wait is over. */
  op->step = step;
  sti_socket_watch_wait (self->watch, op->slot, condition, g_task_get_cancellable (task),
                         sti_tls_session_socket_ready_cb, g_object_ref (task), g_object_unref);
}

static void
sti_tls_session_handshake_step (GTask *task)
{
  StiTlsSession *self = g_task_get_source_object (task);
  int ret;

  if (g_task_return_error_if_cancelled (task))
    {
      self->handshaking = FALSE;
      return;
    }

  for (guint i = 0; ; i++)
    {
      ret = gnutls_handshake (self->session);
      if (ret == 0 || ret == GNUTLS_E_AGAIN || gnutls_error_is_fatal (ret) ||
          i >= MAX_NONFATAL_RETRIES)
        break;
    }

  if (ret == GNUTLS_E_AGAIN)
    {
      sti_tls_session_wait (task, sti_tls_session_handshake_step);
      return;
    }

  self->handshaking = FALSE;

  if (ret == 0)
    {
      self->handshaked = TRUE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* GnuTLS never tells the peer why it gave up; do it, best effort and
   * without waiting, so the peer fails fast with a reason instead of
   * stalling until its deadline. */
  if (ret != GNUTLS_E_FATAL_ALERT_RECEIVED && self->transport_error == NULL && !self->peer_eof)
    gnutls_alert_send_appropriate (self->session, ret);

  g_task_return_error (task, sti_tls_session_make_error (self, ret, TRUE));
}

static void
sti_tls_session_read_step (GTask *task)
{
  StiTlsSession *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree guint8 *buf = NULL;
  gssize ret;

  if (g_task_return_error_if_cancelled (task))
    {
      self->reading = FALSE;
      return;
    }

  buf = g_malloc (op->max_len);

  for (guint i = 0; ; i++)
    {
      ret = gnutls_record_recv (self->session, buf, op->max_len);
      if (ret >= 0 || ret == GNUTLS_E_AGAIN || gnutls_error_is_fatal (ret) ||
          i >= MAX_NONFATAL_RETRIES)
        break;
    }

  if (ret == GNUTLS_E_AGAIN)
    {
      sti_tls_session_wait (task, sti_tls_session_read_step);
      return;
    }

  self->reading = FALSE;

  if (ret > 0)
    {
      buf = g_realloc (buf, ret);
      g_task_return_pointer (task,
                             g_bytes_new_take (g_steal_pointer (&buf), ret),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  /* SMTP servers routinely close after QUIT without a close_notify; for a
   * line protocol with its own end marker that is an ordinary end of
   * stream, not a truncation attack. */
  if (ret == 0 || ret == GNUTLS_E_PREMATURE_TERMINATION)
    {
      g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
      return;
    }

  g_task_return_error (task, sti_tls_session_make_error (self, ret, FALSE));
}

static void
sti_tls_session_write_step (GTask *task)
{
  StiTlsSession *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  gsize len;
  const guint8 *data = g_bytes_get_data (op->data, &len);
  gssize ret = 0;
  guint retries = 0;

  if (g_task_return_error_if_cancelled (task))
    {
      self->writing = FALSE;
      return;
    }

  while (op->offset < len)
    {
      ret = gnutls_record_send (self->session, data + op->offset, len - op->offset);
      if (ret > 0)
        {
          op->offset += ret;
          continue;
        }
      if (ret == GNUTLS_E_AGAIN)
        {
          sti_tls_session_wait (task, sti_tls_session_write_step);
          return;
        }
      if (gnutls_error_is_fatal (ret) || ++retries >= MAX_NONFATAL_RETRIES)
        break;
    }

  self->writing = FALSE;

  if (op->offset >= len)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, sti_tls_session_make_error (self, (int)ret, FALSE));
}

static void
sti_tls_session_finalize (GObject *object)
{
  StiTlsSession *self = (StiTlsSession *)object;

  g_clear_pointer (&self->session, gnutls_deinit);
  g_clear_pointer (&self->own_creds, gnutls_certificate_free_credentials);
  g_clear_pointer (&self->server_creds, sti_tls_credentials_unref);
  if (self->watch != NULL && self->own_watch)
    sti_socket_watch_destroy (self->watch);
  g_clear_pointer (&self->watch, sti_socket_watch_unref);
  g_clear_object (&self->socket);
  g_clear_error (&self->transport_error);

  G_OBJECT_CLASS (sti_tls_session_parent_class)->finalize (object);
}

static void
sti_tls_session_class_init (StiTlsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_tls_session_finalize;
}

static void
sti_tls_session_init (StiTlsSession *self)
{
  self->alert = -1;
}

static StiTlsSession *
sti_tls_session_new_common (GSocket       *socket,
                            unsigned int   flags,
                            GError       **error)
{
  g_autoptr(StiTlsSession) self = g_object_new (STI_TYPE_TLS_SESSION, NULL);
  int ret;

  self->socket = g_object_ref (socket);
  ret = gnutls_init (&self->session, flags | GNUTLS_NONBLOCK);
  if (ret < 0)
    {
      self->session = NULL;
      g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
                   /* Translators: %s is GnuTLS's error message */
                   _("Could not create a TLS session: %s"), gnutls_strerror (ret));
      return NULL;
    }

  gnutls_transport_set_ptr (self->session, self);
  gnutls_transport_set_vec_push_function (self->session, sti_tls_session_vec_push);
  gnutls_transport_set_pull_function (self->session, sti_tls_session_pull);
  gnutls_transport_set_pull_timeout_function (self->session, sti_tls_session_pull_timeout);
  /* Deadlines belong to the caller (its cancellable). */
  gnutls_handshake_set_timeout (self->session, 0);

  return g_steal_pointer (&self);
}

static gboolean
sti_tls_session_set_priority (StiTlsSession  *self,
                              const char     *priority,
                              GError        **error)
{
  return sti_tls_priority_set (self->session, priority, error);
}

static gboolean
is_ip_literal (const char *name)
{
  return g_hostname_is_ip_address (name);
}

/**
 * sti_tls_session_new_client:
 * @socket: a connected socket; the session refs it and never closes it
 * @server_name: (nullable): the name to send as SNI (skipped for IP literals)
 * @priority: (nullable): a GnuTLS priority string, %NULL for "NORMAL"
 * @error: return location for an error
 *
 * Creates a client session that verifies nothing: its credentials hold no
 * trust anchors, because chain analysis happens elsewhere on the raw peer
 * list. Stapled OCSP is requested.
 *
 * Returns: (transfer full): a new session, or %NULL on error
 */
StiTlsSession *
sti_tls_session_new_client (GSocket     *socket,
                            const char  *server_name,
                            const char  *priority,
                            GError     **error)
{
  g_autoptr(StiTlsSession) self = NULL;
  int ret;

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = sti_tls_session_new_common (socket, GNUTLS_CLIENT, error);
  if (self == NULL)
    return NULL;

  if (!sti_tls_session_set_priority (self, priority != NULL ? priority : "NORMAL", error))
    return NULL;

  ret = gnutls_certificate_allocate_credentials (&self->own_creds);
  if (ret == 0)
    ret = gnutls_credentials_set (self->session, GNUTLS_CRD_CERTIFICATE, self->own_creds);
  if (ret < 0)
    {
      g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
                   _("Could not set up TLS credentials: %s"), gnutls_strerror (ret));
      return NULL;
    }

  if (server_name != NULL && *server_name != '\0' && !is_ip_literal (server_name))
    {
      gsize len = strlen (server_name);

      /* SNI carries no trailing root dot. */
      if (len > 1 && server_name[len - 1] == '.')
        len--;
      gnutls_server_name_set (self->session, GNUTLS_NAME_DNS, server_name, len);
    }

  gnutls_ocsp_status_request_enable_client (self->session, NULL, 0, NULL);

  return g_steal_pointer (&self);
}

/**
 * sti_tls_session_new_server:
 * @socket: a connected socket; the session refs it and never closes it
 * @creds: the certificate chain and key to serve; the session refs them
 * @priority: (nullable): a GnuTLS priority string, %NULL for GnuTLS's default
 * @error: return location for an error
 *
 * Creates a server session. Client certificates are not requested.
 *
 * Returns: (transfer full): a new session, or %NULL on error
 */
StiTlsSession *
sti_tls_session_new_server (GSocket            *socket,
                            StiTlsCredentials  *creds,
                            const char         *priority,
                            GError            **error)
{
  g_autoptr(StiTlsSession) self = NULL;
  int ret;

  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);
  g_return_val_if_fail (creds != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = sti_tls_session_new_common (socket, GNUTLS_SERVER, error);
  if (self == NULL)
    return NULL;
  self->is_server = TRUE;
  self->server_creds = sti_tls_credentials_ref (creds);

  if (priority != NULL)
    {
      if (!sti_tls_session_set_priority (self, priority, error))
        return NULL;
      ret = 0;
    }
  else
    ret = gnutls_set_default_priority (self->session);
  if (ret == 0)
    ret = gnutls_credentials_set (self->session, GNUTLS_CRD_CERTIFICATE,
                                  sti_tls_credentials_get_gnutls (creds));
  if (ret < 0)
    {
      g_set_error (error, G_TLS_ERROR, G_TLS_ERROR_MISC,
                   /* Translators: %s is GnuTLS's error message */
                   _("Could not set up the TLS server session: %s"), gnutls_strerror (ret));
      return NULL;
    }
  gnutls_certificate_server_set_request (self->session, GNUTLS_CERT_IGNORE);

  return g_steal_pointer (&self);
}

/**
 * sti_tls_session_handshake_async:
 * @self: a #StiTlsSession
 * @cancellable: (nullable): a #GCancellable; cancelling completes the task
 *   promptly with %G_IO_ERROR_CANCELLED
 * @callback: called when the handshake is done or failed
 * @user_data: data for @callback
 *
 * Runs the TLS handshake without blocking. On failure the error says why
 * in plain words; a fatal alert from the peer is kept for
 * sti_tls_session_get_alert(). There is no timeout: cancel to stop.
 */
void
sti_tls_session_handshake_async (StiTlsSession       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (STI_IS_TLS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_tls_session_handshake_async);
  g_task_set_name (task, "[sti] tls handshake");
  g_task_set_task_data (task, g_new0 (Op, 1), (GDestroyNotify) op_free);

  if (self->handshaking || self->handshaked || self->reading || self->writing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A handshake or other operation is already done or pending");
      return;
    }

  self->handshaking = TRUE;
  sti_tls_session_handshake_step (task);
}

gboolean
sti_tls_session_handshake_finish (StiTlsSession  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sti_tls_session_read_async:
 * @self: a #StiTlsSession after a successful handshake
 * @max_len: the most bytes to return (> 0)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when data, end of stream or an error arrived
 * @user_data: data for @callback
 *
 * Reads whatever is available, at most @max_len bytes. An empty #GBytes
 * from sti_tls_session_read_finish() means the peer closed the stream
 * (with or without a close_notify alert).
 */
void
sti_tls_session_read_async (StiTlsSession       *self,
                            gsize                max_len,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (STI_IS_TLS_SESSION (self));
  g_return_if_fail (max_len > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_tls_session_read_async);
  g_task_set_name (task, "[sti] tls read");
  op = g_new0 (Op, 1);
  op->slot = STI_SOCKET_WATCH_READ;
  op->max_len = max_len;
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (!self->handshaked)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "The TLS handshake has not completed");
      return;
    }
  if (self->reading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A read is already pending");
      return;
    }

  self->reading = TRUE;
  sti_tls_session_read_step (task);
}

/**
 * sti_tls_session_read_finish:
 * @self: a #StiTlsSession
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the bytes read, empty at end of stream, or
 *   %NULL on error
 */
GBytes *
sti_tls_session_read_finish (StiTlsSession  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sti_tls_session_write_async:
 * @self: a #StiTlsSession after a successful handshake
 * @data: the bytes to send; all are written before the task completes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when everything was written or an error occurred
 * @user_data: data for @callback
 */
void
sti_tls_session_write_async (StiTlsSession       *self,
                             GBytes              *data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (STI_IS_TLS_SESSION (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_tls_session_write_async);
  g_task_set_name (task, "[sti] tls write");
  op = g_new0 (Op, 1);
  op->slot = STI_SOCKET_WATCH_WRITE;
  op->data = g_bytes_ref (data);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  if (!self->handshaked || self->closed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               "The TLS session is not established");
      return;
    }
  if (self->writing)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A write is already pending");
      return;
    }

  self->writing = TRUE;
  sti_tls_session_write_step (task);
}

gboolean
sti_tls_session_write_finish (StiTlsSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sti_tls_session_close:
 * @self: a #StiTlsSession
 *
 * Sends a close_notify alert if the socket takes it right now; never
 * blocks and never waits for the peer's alert. The #GSocket stays open:
 * closing it is the caller's job.
 */
void
sti_tls_session_close (StiTlsSession *self)
{
  g_return_if_fail (STI_IS_TLS_SESSION (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  if (self->handshaked && !self->writing && self->transport_error == NULL)
    gnutls_bye (self->session, GNUTLS_SHUT_WR);
}

void
sti_tls_session_info_free (StiTlsSessionInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->tls_version);
  g_free (info->cipher_suite);
  g_free (info->kx_group);
  g_free (info->signature_algorithm);
  g_clear_pointer (&info->peer_chain, g_ptr_array_unref);
  g_clear_pointer (&info->ocsp_response, g_bytes_unref);
  g_free (info->server_name);
  g_free (info);
}

/* The GnuTLS name of the suite; TLS 1.2 suites without one of
 * gnutls_ciphersuite_get()'s names are named from their parts. */
static char *
dup_cipher_suite (gnutls_session_t session)
{
  const char *name = gnutls_ciphersuite_get (session);

  if (name != NULL)
    return g_strdup (name);

  return g_strdup (gnutls_cipher_suite_get_name (gnutls_kx_get (session),
                                                 gnutls_cipher_get (session),
                                                 gnutls_mac_get (session)));
}

static char *
dup_server_name (gnutls_session_t session)
{
  char name[256];
  size_t len = sizeof name;
  unsigned int type;

  if (gnutls_server_name_get (session, name, &len, &type, 0) != 0 || type != GNUTLS_NAME_DNS)
    return NULL;

  return g_strndup (name, len);
}

/**
 * sti_tls_session_dup_info:
 * @self: a #StiTlsSession after a successful handshake
 *
 * Returns: (transfer full) (nullable): what the handshake negotiated and
 *   what the peer sent, or %NULL before the handshake completed
 */
StiTlsSessionInfo *
sti_tls_session_dup_info (StiTlsSession *self)
{
  StiTlsSessionInfo *info;
  const gnutls_datum_t *peers;
  unsigned int n_peers = 0;
  gnutls_datum_t ocsp = { NULL, 0 };
  int sign;

  g_return_val_if_fail (STI_IS_TLS_SESSION (self), NULL);

  if (!self->handshaked)
    return NULL;

  info = g_new0 (StiTlsSessionInfo, 1);
  info->tls_version =
    g_strdup (gnutls_protocol_get_name (gnutls_protocol_get_version (self->session)));
  info->cipher_suite = dup_cipher_suite (self->session);
  info->kx_group = g_strdup (gnutls_group_get_name (gnutls_group_get (self->session)));
  sign = gnutls_sign_algorithm_get (self->session);
  if (sign > 0)
    info->signature_algorithm = g_strdup (gnutls_sign_get_name (sign));

  info->peer_chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  peers = gnutls_certificate_get_peers (self->session, &n_peers);
  for (unsigned int i = 0; peers != NULL && i < n_peers; i++)
    g_ptr_array_add (info->peer_chain, g_bytes_new (peers[i].data, peers[i].size));

  if (!self->is_server && gnutls_ocsp_status_request_get (self->session, &ocsp) == 0 &&
      ocsp.size > 0)
    info->ocsp_response = g_bytes_new (ocsp.data, ocsp.size);

  if (self->is_server)
    info->server_name = dup_server_name (self->session);

  return info;
}

/**
 * sti_tls_session_get_socket:
 * @self: a #StiTlsSession
 *
 * Returns: (transfer none): the socket the session runs on
 */
GSocket *
sti_tls_session_get_socket (StiTlsSession *self)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), NULL);

  return self->socket;
}

/**
 * sti_tls_session_set_watch:
 * @self: a #StiTlsSession with no operation started yet
 * @watch: the watch of the session's socket, owned by whoever owns the
 *   socket; the session refs it and leaves it attached
 *
 * Makes the session wait on the socket's one watch instead of creating
 * its own, so that a connection has a single GSource for its life, from
 * the TCP connect to the last TLS record.
 */
void
sti_tls_session_set_watch (StiTlsSession  *self,
                           StiSocketWatch *watch)
{
  g_return_if_fail (STI_IS_TLS_SESSION (self));
  g_return_if_fail (watch != NULL);
  g_return_if_fail (self->watch == NULL);

  self->watch = sti_socket_watch_ref (watch);
  self->own_watch = FALSE;
}

/**
 * sti_tls_session_get_alert:
 * @self: a #StiTlsSession
 *
 * Returns: the gnutls_alert_description_t of the fatal alert the peer
 *   sent, or -1 if none was received
 */
int
sti_tls_session_get_alert (StiTlsSession *self)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), -1);

  return self->alert;
}

/**
 * sti_tls_session_get_alert_name:
 * @self: a #StiTlsSession
 *
 * Returns: (nullable): the name of the fatal alert the peer sent, or %NULL
 *   if none was received or it has no name
 */
const char *
sti_tls_session_get_alert_name (StiTlsSession *self)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), NULL);

  if (self->alert < 0)
    return NULL;

  return gnutls_alert_get_name ((gnutls_alert_description_t)self->alert);
}

gboolean
sti_tls_session_is_handshaked (StiTlsSession *self)
{
  g_return_val_if_fail (STI_IS_TLS_SESSION (self), FALSE);

  return self->handshaked;
}

/**
 * sti_tls_session_check_priority:
 * @priority: a GnuTLS priority string
 * @error: return location for an error
 *
 * Checks a priority string before any connection is made, so a typo in an
 * option is reported as such and not as a handshake failure.
 *
 * Returns: %TRUE if GnuTLS accepts @priority
 */
gboolean
sti_tls_session_check_priority (const char  *priority,
                                GError     **error)
{
  g_return_val_if_fail (priority != NULL, FALSE);

  return sti_tls_priority_check (priority, error);
}
