/* fake-http.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A plain GSocketService rather than libsoup's SoupServer: libsoup 3.2
 * (Debian 12) leaks its listener's address and every connection a client
 * closes while idle (fixed upstream in 3.3, commit d20c6601), and the
 * sanitizer run must see leaks of our own code only. Each connection
 * carries one request; the answer says "Connection: close". */

#include "config.h"

#include "fake-http.h"

#include <string.h>

#define FAKE_HTTP_MAX_HEAD (16 * 1024)

struct _FakeHttp
{
  GSocketService  *service;
  guint16          port;
  FakeHttpHandler  handler;
  gpointer         user_data;
  GCancellable    *cancellable;
  GPtrArray       *conns;
};

typedef struct
{
  FakeHttp          *http;
  GSocketConnection *connection;
  GByteArray        *head;
  GBytes            *answer;
  guint8             buf[4096];
} FakeHttpConn;

static void
conn_free (FakeHttpConn *conn)
{
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_object_unref (conn->connection);
  g_byte_array_unref (conn->head);
  g_clear_pointer (&conn->answer, g_bytes_unref);
  g_free (conn);
}

static void
conn_done (FakeHttpConn *conn)
{
  g_ptr_array_remove_fast (conn->http->conns, conn);
}

static const char *
reason_phrase (guint status)
{
  switch (status)
    {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 404: return "Not Found";
    default: return "Status";
    }
}

static GBytes *
build_answer (const FakeHttpResponse *response)
{
  GString *out = g_string_new (NULL);
  gsize size = response->body != NULL ? g_bytes_get_size (response->body) : 0;
  const char *data = response->body != NULL ? g_bytes_get_data (response->body, NULL) : "";
  guint status = response->status != 0 ? response->status : 404;

  g_string_append_printf (out, "HTTP/1.1 %u %s\r\nConnection: close\r\n", status,
                          reason_phrase (status));
  if (response->content_type != NULL)
    g_string_append_printf (out, "Content-Type: %s\r\n", response->content_type);
  if (response->location != NULL)
    g_string_append_printf (out, "Location: %s\r\n", response->location);
  if (!response->chunked)
    {
      g_string_append_printf (out, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);
      g_string_append_len (out, data, size);
    }
  else
    {
      g_string_append (out, "Transfer-Encoding: chunked\r\n\r\n");
      for (gsize offset = 0; offset < size; offset += 16 * 1024)
        {
          gsize n = MIN (16 * 1024, size - offset);

          g_string_append_printf (out, "%" G_GSIZE_MODIFIER "x\r\n", n);
          g_string_append_len (out, data + offset, n);
          g_string_append (out, "\r\n");
        }
      g_string_append (out, "0\r\n\r\n");
    }

  return g_string_free_to_bytes (out);
}

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Cancelled: fake_http_free() has freed the connection already. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  conn_done (user_data);
}

/* The request line "GET /path HTTP/1.1": answer it. */
static void
conn_answer (FakeHttpConn *conn)
{
  FakeHttpResponse response = { 0, };
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  const char *end = memchr (conn->head->data, '\r', conn->head->len);

  line = g_strndup ((const char *)conn->head->data, end - (const char *)conn->head->data);
  words = g_strsplit (line, " ", 3);
  if (g_strv_length (words) != 3)
    {
      conn_done (conn);
      return;
    }

  conn->http->handler (words[1], &response, conn->http->user_data);
  if (response.hang)
    {
      g_clear_pointer (&response.body, g_bytes_unref);
      return;
    }

  conn->answer = build_answer (&response);
  g_clear_pointer (&response.body, g_bytes_unref);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->connection)),
                                   g_bytes_get_data (conn->answer, NULL),
                                   g_bytes_get_size (conn->answer), G_PRIORITY_DEFAULT,
                                   conn->http->cancellable, write_cb, conn);
}

static void conn_read (FakeHttpConn *conn);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FakeHttpConn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (n <= 0)
    {
      conn_done (conn);
      return;
    }

  g_byte_array_append (conn->head, conn->buf, n);
  if (g_strstr_len ((const char *)conn->head->data, conn->head->len, "\r\n\r\n") != NULL)
    conn_answer (conn);
  else if (conn->head->len > FAKE_HTTP_MAX_HEAD)
    conn_done (conn);
  else
    conn_read (conn);
}

static void
conn_read (FakeHttpConn *conn)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (conn->connection)),
                             conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->http->cancellable, read_cb, conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  FakeHttp *self = user_data;
  FakeHttpConn *conn = g_new0 (FakeHttpConn, 1);

  conn->http = self;
  conn->connection = g_object_ref (connection);
  conn->head = g_byte_array_new ();
  g_ptr_array_add (self->conns, conn);
  conn_read (conn);

  return TRUE;
}

/**
 * fake_http_new:
 * @handler: answers each request
 * @user_data: for @handler
 *
 * Listens on 127.0.0.1, on a free port, on the thread-default main context.
 */
FakeHttp *
fake_http_new (FakeHttpHandler handler,
               gpointer        user_data)
{
  FakeHttp *self = g_new0 (FakeHttp, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  self->handler = handler;
  self->user_data = user_data;
  self->cancellable = g_cancellable_new ();
  self->conns = g_ptr_array_new_with_free_func ((GDestroyNotify)conn_free);
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), any, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  return self;
}

guint16
fake_http_get_port (FakeHttp *self)
{
  return self->port;
}

/* Stops listening, closes every connection (held ones too), and lets the
 * cancelled reads and writes finish on the main context. */
void
fake_http_free (FakeHttp *self)
{
  g_cancellable_cancel (self->cancellable);
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);
  g_clear_pointer (&self->conns, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&self->cancellable);
  g_free (self);
}
