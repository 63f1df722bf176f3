/* sti-lab-server.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-server.h"

#include "sti-tls-session.h"

#include <string.h>

/* One lab endpoint: the behaviour of a mail server (or of the small AIA web
 * server, or the OCSP responder over HTTP GET) at one address. The lab's
 * GSocketListener accepts and hands each connection here; everything runs on
 * the main context it was accepted on, one small state machine per
 * connection, no threads. */

#define DEFAULT_IDLE_MS  30000
#define DEFAULT_TOTAL_MS 120000
#define READ_CHUNK       4096
#define HTTP_MAX_LINES   64

typedef enum
{
  AFTER_CONTINUE,
  AFTER_CLOSE,
  AFTER_STARTTLS,
} AfterReply;

typedef struct
{
  grefcount           ref_count;

  /* Owned references */
  StiLabServer       *server;
  GSocketConnection  *connection;
  StiTlsSession      *tls;
  GCancellable       *cancellable;
  GByteArray         *inbuf;
  GBytes             *reply;

  GMainContext       *context;
  GSource            *idle_source;
  GSource            *total_source;
  GSource            *delay_source;
  guint               n_http_lines;
  char               *http_path;
  AfterReply          after;
  guint8              readbuf[READ_CHUNK];
  guint               busy : 1;
  guint               reading : 1;
  guint               eof : 1;
  guint               closed : 1;
} LabConnection;

struct _StiLabServer
{
  GObject                           parent_instance;

  /* Owned references */
  char                             *host_name;
  StiTlsCredentials                *creds;
  char                             *http_content_type;
  GBytes                           *http_body;
  char                             *http_redirect;  /* answer every GET with a 301 here */
  gboolean                          https;          /* TLS from the first byte */
  GHashTable                       *connections; /* LabConnection set, one ref each */
  char                             *tls_priority;
  StiLabOcsp                       *ocsp;        /* borrowed from the lab */

  StiLabServerKind                  kind;
  guint                             delay_ms;
  guint                             idle_ms;
  guint                             total_ms;
  guint                             max_connections;
};

G_DEFINE_FINAL_TYPE (StiLabServer, sti_lab_server, G_TYPE_OBJECT)

static void conn_process   (LabConnection *conn);
static void conn_start_tls (LabConnection *conn);

static LabConnection *
conn_ref (LabConnection *conn)
{
  g_ref_count_inc (&conn->ref_count);
  return conn;
}

static void
conn_unref (LabConnection *conn)
{
  if (!g_ref_count_dec (&conn->ref_count))
    return;

  g_assert (conn->idle_source == NULL && conn->total_source == NULL);
  g_assert (conn->delay_source == NULL);

  g_clear_object (&conn->tls);
  g_clear_object (&conn->connection);
  g_clear_object (&conn->cancellable);
  g_clear_object (&conn->server);
  g_clear_pointer (&conn->context, g_main_context_unref);
  g_clear_pointer (&conn->inbuf, g_byte_array_unref);
  g_clear_pointer (&conn->reply, g_bytes_unref);
  g_clear_pointer (&conn->http_path, g_free);
  g_free (conn);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabConnection, conn_unref)

/* Timeouts go on the context the connection was accepted on, which need
 * not be the global default one: hence sources, not g_timeout_add(). */
static GSource *
conn_add_timeout (LabConnection *conn,
                  guint          timeout_ms,
                  GSourceFunc    func)
{
  GSource *source = g_timeout_source_new (timeout_ms);

  g_source_set_callback (source, func, conn, NULL);
  g_source_set_static_name (source, "[sti] lab connection timer");
  g_source_attach (source, conn->context);

  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Ends the dialogue. Pending operations are cancelled and finish on a later
 * main loop iteration; each holds its own reference, so the socket (shut
 * down here, closed when the last reference goes) is never reused under
 * a pending source. */
static void
conn_close (LabConnection *conn)
{
  g_autoptr(LabConnection) hold = conn_ref (conn);

  if (conn->closed)
    return;

  conn->closed = TRUE;
  g_cancellable_cancel (conn->cancellable);
  clear_source (&conn->idle_source);
  clear_source (&conn->total_source);
  clear_source (&conn->delay_source);

  if (conn->tls != NULL)
    sti_tls_session_close (conn->tls);
  g_socket_shutdown (g_socket_connection_get_socket (conn->connection), TRUE, TRUE, NULL);

  g_hash_table_remove (conn->server->connections, conn);
}

static gboolean
conn_idle_timeout_cb (gpointer user_data)
{
  LabConnection *conn = user_data;

  g_clear_pointer (&conn->idle_source, g_source_unref);
  g_debug ("Lab %s: closing an idle connection", conn->server->host_name);
  conn_close (conn);

  return G_SOURCE_REMOVE;
}

static gboolean
conn_total_timeout_cb (gpointer user_data)
{
  LabConnection *conn = user_data;

  /* An inactivity timeout alone lets a slow-drip client hold the
   * connection forever; this one bounds its whole life. */
  g_clear_pointer (&conn->total_source, g_source_unref);
  g_debug ("Lab %s: closing a connection that lasted too long", conn->server->host_name);
  conn_close (conn);

  return G_SOURCE_REMOVE;
}

static void
conn_touch (LabConnection *conn)
{
  clear_source (&conn->idle_source);
  conn->idle_source = conn_add_timeout (conn, conn->server->idle_ms, conn_idle_timeout_cb);
}

static void
conn_write_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LabConnection) conn = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (STI_IS_TLS_SESSION (object))
    ok = sti_tls_session_write_finish (STI_TLS_SESSION (object), result, &error);
  else
    ok = g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);

  if (conn->closed)
    return;

  g_clear_pointer (&conn->reply, g_bytes_unref);

  if (!ok)
    {
      g_debug ("Lab %s: write failed: %s", conn->server->host_name, error->message);
      conn_close (conn);
      return;
    }

  conn_touch (conn);

  switch (conn->after)
    {
    case AFTER_CLOSE:
      conn_close (conn);
      break;

    case AFTER_STARTTLS:
      conn_start_tls (conn);
      break;

    case AFTER_CONTINUE:
    default:
      conn->busy = FALSE;
      conn_process (conn);
      break;
    }
}

static void
conn_write_now (LabConnection *conn)
{
  if (conn->tls != NULL)
    {
      sti_tls_session_write_async (conn->tls, conn->reply, conn->cancellable,
                                   conn_write_cb, conn_ref (conn));
    }
  else
    {
      GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
      gsize size;
      gconstpointer data = g_bytes_get_data (conn->reply, &size);

      g_output_stream_write_all_async (out, data, size, G_PRIORITY_DEFAULT,
                                       conn->cancellable, conn_write_cb, conn_ref (conn));
    }
}

static gboolean
conn_delay_cb (gpointer user_data)
{
  LabConnection *conn = user_data;

  g_clear_pointer (&conn->delay_source, g_source_unref);
  conn_write_now (conn);
  return G_SOURCE_REMOVE;
}

/* Sends one reply in ONE write (the injection scenario depends on that),
 * after the configured delay, then does @after. */
static void
conn_send (LabConnection *conn,
           const char    *reply,
           gssize         len,
           AfterReply     after)
{
  g_assert (!conn->busy || conn->reply == NULL);

  conn->busy = TRUE;
  conn->after = after;
  g_clear_pointer (&conn->reply, g_bytes_unref);
  conn->reply = g_bytes_new (reply, len < 0 ? strlen (reply) : (gsize)len);

  if (conn->server->delay_ms > 0)
    conn->delay_source = conn_add_timeout (conn, conn->server->delay_ms, conn_delay_cb);
  else
    conn_write_now (conn);
}

static void
conn_sendf (LabConnection *conn,
            AfterReply     after,
            const char    *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
conn_sendf (LabConnection *conn,
            AfterReply     after,
            const char    *format,
            ...)
{
  g_autofree char *reply = NULL;
  va_list args;

  va_start (args, format);
  reply = g_strdup_vprintf (format, args);
  va_end (args);

  conn_send (conn, reply, -1, after);
}

static void
conn_handshake_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LabConnection) conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!sti_tls_session_handshake_finish (STI_TLS_SESSION (object), result, &error))
    {
      if (!conn->closed)
        {
          g_debug ("Lab %s: TLS handshake failed: %s", conn->server->host_name, error->message);
          conn_close (conn);
        }
      return;
    }

  if (conn->closed)
    return;

  conn_touch (conn);
  conn->busy = FALSE;
  conn_process (conn);
}

static void
conn_start_tls (LabConnection *conn)
{
  g_autoptr(GError) error = NULL;

  /* Whatever the client sent after STARTTLS arrived in plaintext: a server
   * must not treat it as protected (CVE-2011-0411), so drop it. */
  g_byte_array_set_size (conn->inbuf, 0);

  if (conn->server->creds == NULL)
    {
      conn_close (conn);
      return;
    }

  conn->tls = sti_tls_session_new_server (g_socket_connection_get_socket (conn->connection),
                                          conn->server->creds, conn->server->tls_priority,
                                          &error);
  if (conn->tls == NULL)
    {
      /* A bad priority string is the lab's own mistake, not the peer's. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        g_warning ("Lab %s: %s", conn->server->host_name, error->message);
      else
        g_debug ("Lab %s: cannot start TLS: %s", conn->server->host_name, error->message);
      conn_close (conn);
      return;
    }

  sti_tls_session_handshake_async (conn->tls, conn->cancellable,
                                   conn_handshake_cb, conn_ref (conn));
}

static void
conn_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LabConnection) conn = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gssize n;

  if (STI_IS_TLS_SESSION (object))
    {
      bytes = sti_tls_session_read_finish (STI_TLS_SESSION (object), result, &error);
      n = bytes != NULL ? (gssize)g_bytes_get_size (bytes) : -1;
    }
  else
    {
      n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
    }

  if (conn->closed)
    return;

  conn->reading = FALSE;

  if (n < 0)
    {
      g_debug ("Lab %s: read failed: %s", conn->server->host_name, error->message);
      conn_close (conn);
      return;
    }

  if (n == 0)
    conn->eof = TRUE;
  else if (bytes != NULL)
    g_byte_array_append (conn->inbuf, g_bytes_get_data (bytes, NULL), n);
  else
    g_byte_array_append (conn->inbuf, conn->readbuf, n);

  conn_touch (conn);
  conn_process (conn);
}

static void
conn_read (LabConnection *conn)
{
  if (conn->reading)
    return;

  conn->reading = TRUE;

  if (conn->tls != NULL)
    {
      sti_tls_session_read_async (conn->tls, READ_CHUNK, conn->cancellable,
                                  conn_read_cb, conn_ref (conn));
    }
  else
    {
      GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));

      g_input_stream_read_async (in, conn->readbuf, sizeof conn->readbuf, G_PRIORITY_DEFAULT,
                                 conn->cancellable, conn_read_cb, conn_ref (conn));
    }
}

static gboolean
advertises_starttls (LabConnection *conn)
{
  return conn->tls == NULL &&
         conn->server->creds != NULL &&
         conn->server->kind != STI_LAB_SERVER_SMTP_NO_STARTTLS;
}

static void
handle_ehlo (LabConnection *conn,
             const char    *client_name)
{
  StiLabServer *server = conn->server;
  g_autoptr(GString) reply = g_string_new (NULL);

  if (server->kind == STI_LAB_SERVER_SMTP_HOSTILE)
    {
      g_string_append_printf (reply, "250-%s <b>Hello</b> <img src=x onerror=alert(1)>\r\n",
                              server->host_name);
      g_string_append (reply, "250-X-MARKUP <script>alert(1)</script> &amp; <i>italic</i>\r\n");
      g_string_append (reply, "250-X-SHELL `id` | cat /etc/passwd $(reboot)\r\n");
      g_string_append (reply, "250-X-BYTES \xff\xfe\xc0\x80 caf\xe9 \xe2\x80\xae gnirts\r\n");
    }
  else
    {
      g_string_append_printf (reply, "250-%s at your service\r\n", server->host_name);
    }

  g_string_append (reply, "250-PIPELINING\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n");
  if (advertises_starttls (conn))
    g_string_append (reply, "250-STARTTLS\r\n");
  g_string_append (reply, "250 ENHANCEDSTATUSCODES\r\n");

  conn_send (conn, reply->str, reply->len, AFTER_CONTINUE);
}

static void
handle_starttls (LabConnection *conn,
                 gboolean       has_argument)
{
  StiLabServer *server = conn->server;

  if (has_argument)
    conn_send (conn, "501 5.5.4 Syntax: STARTTLS\r\n", -1, AFTER_CONTINUE);
  else if (conn->tls != NULL)
    conn_send (conn, "503 5.5.1 TLS already active\r\n", -1, AFTER_CONTINUE);
  else if (server->kind == STI_LAB_SERVER_SMTP_NO_STARTTLS)
    conn_send (conn, "502 5.5.1 STARTTLS not implemented\r\n", -1, AFTER_CONTINUE);
  else if (server->kind == STI_LAB_SERVER_SMTP_STARTTLS_REFUSED || server->creds == NULL)
    conn_send (conn, "454 4.7.0 TLS not available due to temporary reason\r\n", -1,
               AFTER_CONTINUE);
  else if (server->kind == STI_LAB_SERVER_SMTP_INJECTION)
    conn_send (conn, "220 Ready to start TLS\r\n250-injected\r\n", -1, AFTER_STARTTLS);
  else
    conn_send (conn, "220 2.0.0 Ready to start TLS\r\n", -1, AFTER_STARTTLS);
}

static void
handle_smtp_line (LabConnection *conn,
                  const char    *line)
{
  const char *space = strchr (line, ' ');
  g_autofree char *verb = g_ascii_strup (line, space != NULL ? space - line : -1);
  const char *argument = space != NULL ? space + 1 : "";

  if (g_str_equal (verb, "EHLO"))
    handle_ehlo (conn, argument);
  else if (g_str_equal (verb, "HELO"))
    conn_sendf (conn, AFTER_CONTINUE, "250 %s\r\n", conn->server->host_name);
  else if (g_str_equal (verb, "STARTTLS"))
    handle_starttls (conn, *argument != '\0');
  else if (g_str_equal (verb, "NOOP"))
    conn_send (conn, "250 2.0.0 OK\r\n", -1, AFTER_CONTINUE);
  else if (g_str_equal (verb, "RSET"))
    conn_send (conn, "250 2.0.0 OK\r\n", -1, AFTER_CONTINUE);
  else if (g_str_equal (verb, "QUIT"))
    conn_send (conn, "221 2.0.0 Bye\r\n", -1, AFTER_CLOSE);
  else if (g_str_equal (verb, "MAIL"))
    conn_send (conn, "550 5.7.1 This demo lab server accepts no mail\r\n", -1, AFTER_CONTINUE);
  else if (g_str_equal (verb, "RCPT") || g_str_equal (verb, "DATA"))
    conn_send (conn, "503 5.5.1 Bad sequence of commands\r\n", -1, AFTER_CONTINUE);
  else
    conn_send (conn, "500 5.5.2 Command not recognized\r\n", -1, AFTER_CONTINUE);
}

static void
handle_http_line (LabConnection *conn,
                  const char    *line)
{
  StiLabServer *server = conn->server;

  conn->n_http_lines++;

  if (conn->n_http_lines == 1)
    {
      if (server->kind == STI_LAB_SERVER_OCSP && g_str_has_prefix (line, "GET ") &&
          server->ocsp != NULL)
        {
          const char *path = line + 4;

          conn->http_path = g_strndup (path, strcspn (path, " "));
          return;
        }

      if (!g_str_has_prefix (line, "GET ") ||
          (server->http_body == NULL && server->http_redirect == NULL) ||
          server->kind == STI_LAB_SERVER_OCSP)
        {
          conn_send (conn, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                           "Connection: close\r\n\r\n", -1, AFTER_CLOSE);
        }
      return;
    }

  if (conn->n_http_lines > HTTP_MAX_LINES)
    {
      conn_send (conn, "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
                       "Connection: close\r\n\r\n", -1, AFTER_CLOSE);
      return;
    }

  if (*line == '\0')
    {
      g_autoptr(GByteArray) response = g_byte_array_new ();
      g_autofree char *head = NULL;
      g_autoptr(GBytes) ocsp_answer = NULL;
      GBytes *body = server->http_body;
      const char *content_type = server->http_content_type;
      gsize size;
      gconstpointer data;

      if (server->http_redirect != NULL)
        {
          g_autofree char *redirect =
            g_strdup_printf ("HTTP/1.1 301 Moved Permanently\r\nLocation: %s\r\n"
                             "Content-Length: 0\r\nConnection: close\r\n\r\n",
                             server->http_redirect);

          conn_send (conn, redirect, -1, AFTER_CLOSE);
          return;
        }

      if (server->kind == STI_LAB_SERVER_OCSP)
        {
          ocsp_answer = sti_lab_ocsp_answer_get_path (server->ocsp, conn->http_path,
                                                      g_get_real_time () / G_USEC_PER_SEC);
          body = ocsp_answer;
          content_type = "application/ocsp-response";
        }

      data = g_bytes_get_data (body, &size);
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %"
                              G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                              content_type, size);
      g_byte_array_append (response, (const guint8 *)head, strlen (head));
      g_byte_array_append (response, data, size);
      conn_send (conn, (const char *)response->data, response->len, AFTER_CLOSE);
    }
}

/* Handles every complete line that is buffered, one reply at a time; reads
 * more only when no full line is left. */
static void
conn_process (LabConnection *conn)
{
  g_autoptr(LabConnection) hold = conn_ref (conn);

  while (!conn->closed && !conn->busy)
    {
      /* An empty GByteArray's data may be NULL, which memchr() must not get. */
      const guint8 *lf = conn->inbuf->len > 0 ? memchr (conn->inbuf->data, '\n',
                                                         conn->inbuf->len)
                                               : NULL;
      g_autofree char *line = NULL;
      gsize line_len;

      if (lf == NULL)
        {
          if (conn->inbuf->len > STI_LAB_LINE_MAX)
            {
              if (conn->server->kind == STI_LAB_SERVER_HTTP ||
                  conn->server->kind == STI_LAB_SERVER_OCSP)
                conn_close (conn);
              else
                conn_send (conn, "500 5.5.2 Line too long\r\n", -1, AFTER_CLOSE);
            }
          else if (conn->eof)
            conn_close (conn);
          else
            conn_read (conn);
          return;
        }

      line_len = lf - conn->inbuf->data;
      if (line_len > STI_LAB_LINE_MAX)
        {
          conn_send (conn, "500 5.5.2 Line too long\r\n", -1, AFTER_CLOSE);
          return;
        }

      if (line_len > 0 && conn->inbuf->data[line_len - 1] == '\r')
        line = g_strndup ((const char *)conn->inbuf->data, line_len - 1);
      else
        line = g_strndup ((const char *)conn->inbuf->data, line_len);
      g_byte_array_remove_range (conn->inbuf, 0, line_len + 1);

      if (conn->server->kind == STI_LAB_SERVER_HTTP ||
          conn->server->kind == STI_LAB_SERVER_OCSP)
        handle_http_line (conn, line);
      else
        handle_smtp_line (conn, line);
    }
}

static void
conn_greet (LabConnection *conn)
{
  StiLabServer *server = conn->server;

  switch (server->kind)
    {
    case STI_LAB_SERVER_HTTP:
    case STI_LAB_SERVER_OCSP:
      if (server->https)
        conn_start_tls (conn);
      else
        conn_process (conn);
      break;

    case STI_LAB_SERVER_SMTP:
      if (server->max_connections > 0 &&
          g_hash_table_size (server->connections) > server->max_connections)
        {
          /* As Postfix's smtpd_client_connection_count_limit answers. */
          conn_sendf (conn, AFTER_CLOSE, "421 4.7.0 %s Error: too many connections\r\n",
                      server->host_name);
          break;
        }
      conn_sendf (conn, AFTER_CONTINUE, "220 %s ESMTP STARTTLS Inspector demo lab\r\n",
                  server->host_name);
      break;

    case STI_LAB_SERVER_SMTP_GREETING_421:
      conn_sendf (conn, AFTER_CLOSE,
                  "421 4.3.2 %s Service not available, closing transmission channel\r\n",
                  server->host_name);
      break;

    case STI_LAB_SERVER_SMTP_HOSTILE:
      conn_sendf (conn, AFTER_CONTINUE,
                  "220 %s <b>ESMTP</b> <script>alert(1)</script> <img src=x onerror=alert(1)> "
                  "&amp; `id` | \xff\xfe\xc0\x80 \x1b[31mred\r\n",
                  server->host_name);
      break;

    case STI_LAB_SERVER_SMTP_NO_STARTTLS:
    case STI_LAB_SERVER_SMTP_STARTTLS_REFUSED:
    case STI_LAB_SERVER_SMTP_INJECTION:
    default:
      conn_sendf (conn, AFTER_CONTINUE, "220 %s ESMTP STARTTLS Inspector demo lab\r\n",
                  server->host_name);
      break;
    }
}

static void
sti_lab_server_dispose (GObject *object)
{
  StiLabServer *self = (StiLabServer *)object;

  sti_lab_server_close_all (self);

  G_OBJECT_CLASS (sti_lab_server_parent_class)->dispose (object);
}

static void
sti_lab_server_finalize (GObject *object)
{
  StiLabServer *self = (StiLabServer *)object;

  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->creds, sti_tls_credentials_unref);
  g_clear_pointer (&self->http_body, g_bytes_unref);
  g_clear_pointer (&self->http_redirect, g_free);
  g_clear_pointer (&self->http_content_type, g_free);
  g_clear_pointer (&self->tls_priority, g_free);
  g_clear_pointer (&self->host_name, g_free);

  G_OBJECT_CLASS (sti_lab_server_parent_class)->finalize (object);
}

static void
sti_lab_server_class_init (StiLabServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_lab_server_dispose;
  object_class->finalize = sti_lab_server_finalize;
}

static void
sti_lab_server_init (StiLabServer *self)
{
  self->connections = g_hash_table_new_full (NULL, NULL, (GDestroyNotify)conn_unref, NULL);
  self->idle_ms = DEFAULT_IDLE_MS;
  self->total_ms = DEFAULT_TOTAL_MS;
}

StiLabServer *
sti_lab_server_new (StiLabServerKind  kind,
                    const char       *host_name)
{
  StiLabServer *self;

  g_return_val_if_fail (host_name != NULL, NULL);

  self = g_object_new (STI_TYPE_LAB_SERVER, NULL);
  self->kind = kind;
  self->host_name = g_strdup (host_name);

  return self;
}

StiLabServerKind
sti_lab_server_get_kind (StiLabServer *self)
{
  g_return_val_if_fail (STI_IS_LAB_SERVER (self), STI_LAB_SERVER_SMTP);

  return self->kind;
}

const char *
sti_lab_server_get_host_name (StiLabServer *self)
{
  g_return_val_if_fail (STI_IS_LAB_SERVER (self), NULL);

  return self->host_name;
}

/**
 * sti_lab_server_set_credentials:
 * @self: a #StiLabServer
 * @creds: the server credentials for STARTTLS; the server keeps a reference
 */
void
sti_lab_server_set_credentials (StiLabServer      *self,
                                StiTlsCredentials *creds)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));
  g_return_if_fail (self->creds == NULL);

  self->creds = sti_tls_credentials_ref (creds);
}

void
sti_lab_server_set_http_body (StiLabServer *self,
                              const char   *content_type,
                              GBytes       *body)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (body != NULL);

  g_free (self->http_content_type);
  self->http_content_type = g_strdup (content_type);
  g_clear_pointer (&self->http_body, g_bytes_unref);
  self->http_body = g_bytes_ref (body);
}

/**
 * sti_lab_server_set_ocsp:
 * @self: a %STI_LAB_SERVER_OCSP server
 * @ocsp: (transfer none): the responder; must outlive @self's connections
 */
void
sti_lab_server_set_ocsp (StiLabServer *self,
                         StiLabOcsp   *ocsp)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  self->ocsp = ocsp;
}

/**
 * sti_lab_server_set_tls_priority:
 * @self: a server
 * @priority: (nullable): the GnuTLS priority string of its TLS sessions;
 *   %NULL for the default
 *
 * The old-tls and no-forward-secrecy scenarios serve deliberately weak
 * parameters through this.
 */
void
sti_lab_server_set_tls_priority (StiLabServer *self,
                                 const char   *priority)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  g_free (self->tls_priority);
  self->tls_priority = g_strdup (priority);
}

/**
 * sti_lab_server_set_max_connections:
 * @max: how many SMTP dialogues may run at once; 0 for no limit
 *
 * A connection beyond the limit is greeted with 421 and closed.
 */
void
sti_lab_server_set_max_connections (StiLabServer *self,
                                    guint         max)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  self->max_connections = max;
}

void
sti_lab_server_set_delay (StiLabServer *self,
                          guint         delay_ms)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  self->delay_ms = delay_ms;
}

void
sti_lab_server_set_timeouts (StiLabServer *self,
                             guint         idle_ms,
                             guint         total_ms)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));
  g_return_if_fail (idle_ms > 0 && total_ms > 0);

  self->idle_ms = idle_ms;
  self->total_ms = total_ms;
}

/**
 * sti_lab_server_accept:
 * @self: a #StiLabServer
 * @connection: a freshly accepted connection
 *
 * Starts the dialogue on @connection, on the thread-default main context.
 */
void
sti_lab_server_accept (StiLabServer      *self,
                       GSocketConnection *connection)
{
  LabConnection *conn;

  g_return_if_fail (STI_IS_LAB_SERVER (self));
  g_return_if_fail (G_IS_SOCKET_CONNECTION (connection));

  conn = g_new0 (LabConnection, 1);
  g_ref_count_init (&conn->ref_count);
  conn->server = g_object_ref (self);
  conn->connection = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->inbuf = g_byte_array_new ();
  conn->context = g_main_context_ref_thread_default ();

  /* The set owns the first reference. */
  g_hash_table_add (self->connections, conn);

  conn->total_source = conn_add_timeout (conn, self->total_ms, conn_total_timeout_cb);
  conn_touch (conn);
  conn_greet (conn);
}

/**
 * sti_lab_server_close_all:
 * @self: a #StiLabServer
 *
 * Ends every open dialogue now. Operations still pending finish (cancelled)
 * on a later main loop iteration.
 */
void
sti_lab_server_close_all (StiLabServer *self)
{
  g_autoptr(GPtrArray) conns = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (STI_IS_LAB_SERVER (self));

  if (self->connections == NULL)
    return;

  /* conn_close() removes from the set: collect first. */
  conns = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (conns, key);
  for (guint i = 0; i < conns->len; i++)
    conn_close (g_ptr_array_index (conns, i));
}

guint
sti_lab_server_get_n_connections (StiLabServer *self)
{
  g_return_val_if_fail (STI_IS_LAB_SERVER (self), 0);

  return g_hash_table_size (self->connections);
}

/**
 * sti_lab_server_set_https:
 *
 * An HTTP server that speaks TLS from the first byte (the MTA-STS policy
 * host); it needs credentials.
 */
void
sti_lab_server_set_https (StiLabServer *self,
                          gboolean      https)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  self->https = !!https;
}

/**
 * sti_lab_server_set_http_redirect:
 * @location: (nullable): where every GET is redirected, or %NULL
 */
void
sti_lab_server_set_http_redirect (StiLabServer *self,
                                  const char   *location)
{
  g_return_if_fail (STI_IS_LAB_SERVER (self));

  g_free (self->http_redirect);
  self->http_redirect = g_strdup (location);
}
