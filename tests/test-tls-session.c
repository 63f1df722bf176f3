/* test-tls-session.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gnutls/gnutls.h>

#include "sti-tls-session.h"

#include "fake-cert.h"

/* A connected loopback TCP pair, made in-process. */
static void
make_pair (GSocket **client,
           GSocket **server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  *client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                          G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (*client, bound, NULL, &error);
  g_assert_no_error (error);
  *server = g_socket_accept (listener, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  GError   *error;
  GBytes   *bytes;
  gboolean  done;
  gint64    done_at;
} Result;

static void
result_clear (Result *r)
{
  g_clear_error (&r->error);
  g_clear_pointer (&r->bytes, g_bytes_unref);
  r->done = FALSE;
  r->done_at = 0;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates until *flag, failing the test after @seconds. */
static void
wait_for (gboolean *flag,
          guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Result *r = user_data;

  sti_tls_session_handshake_finish (STI_TLS_SESSION (object), result, &r->error);
  r->done = TRUE;
  r->done_at = g_get_monotonic_time ();
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->bytes = sti_tls_session_read_finish (STI_TLS_SESSION (object), result, &r->error);
  r->done = TRUE;
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  sti_tls_session_write_finish (STI_TLS_SESSION (object), result, &r->error);
  r->done = TRUE;
}

/* Connects two sockets and starts a client session on the first. */
static StiTlsSession *
new_client_pair (GSocket   **a,
                 GSocket   **b,
                 const char *server_name,
                 const char *priority)
{
  g_autoptr(GError) error = NULL;
  StiTlsSession *client;

  make_pair (a, b);
  client = sti_tls_session_new_client (*a, server_name, priority, &error);
  g_assert_no_error (error);
  return client;
}

/* Starts the server session, with @fc's certificate, on @b. */
static StiTlsSession *
new_server (GSocket     *b,
            StiFakeCert *fc,
            const char  *priority)
{
  g_autoptr(GError) error = NULL;
  StiTlsSession *server = sti_tls_session_new_server (b, fc->creds, priority, &error);

  g_assert_no_error (error);
  return server;
}

static void
test_new_destroy (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  StiTlsSession *client;
  StiTlsSession *server;

  client = new_client_pair (&a, &b, "mx.test", NULL);
  g_assert_null (sti_tls_session_dup_info (client));
  g_assert_true (sti_tls_session_get_socket (client) == a);
  g_assert_cmpint (sti_tls_session_get_alert (client), ==, -1);
  g_assert_false (sti_tls_session_is_handshaked (client));
  server = new_server (b, fc, NULL);

  g_assert_finalize_object (client);
  g_assert_finalize_object (server);
  g_assert_false (g_socket_is_closed (a));
}

static void
test_bad_priority (void)
{
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiTlsSession) client = NULL;

  make_pair (&a, &b);
  client = sti_tls_session_new_client (a, "mx.test", "NORMAL:+NONSENSE-42", &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "NONSENSE"));
}

static void
handshake_pair (StiTlsSession *client,
                StiTlsSession *server,
                Result        *rc,
                Result        *rs)
{
  sti_tls_session_handshake_async (client, NULL, handshake_cb, rc);
  sti_tls_session_handshake_async (server, NULL, handshake_cb, rs);
  wait_for (&rc->done, 5);
  wait_for (&rs->done, 5);
}

/* Parsed priorities are shared between sessions, and a bounded number
 * of them are kept: sessions past that bound still get what they asked
 * for, and one session's end leaves the others' priorities intact. */
static void
test_shared_priorities (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint n = 0; n < 40; n++)
    {
      g_autoptr(GString) priority = g_string_new ("NORMAL:-VERS-ALL:+VERS-TLS1.2");
      g_autoptr(GSocket) a = NULL;
      g_autoptr(GSocket) b = NULL;
      g_autoptr(GSocket) kept_a = NULL;
      g_autoptr(GSocket) kept_b = NULL;
      g_autoptr(StiTlsSession) client = NULL;
      g_autoptr(StiTlsSession) server = NULL;
      g_autoptr(StiTlsSessionInfo) info = NULL;
      Result rc = { 0 }, rs = { 0 };

      /* 40 distinct strings of the same meaning: more than are kept. */
      for (guint k = 0; k < n; k++)
        g_string_append (priority, ":-ARCFOUR-128");
      client = new_client_pair (&a, &b, "mx.test", priority->str);
      server = new_server (b, fc, NULL);
      /* A second session of the same string, kept beyond this one. */
      g_ptr_array_add (keep, new_client_pair (&kept_a, &kept_b, "mx.test", priority->str));

      handshake_pair (client, server, &rc, &rs);
      g_assert_no_error (rc.error);
      g_assert_no_error (rs.error);
      info = sti_tls_session_dup_info (client);
      g_assert_cmpstr (info->tls_version, ==, "TLS1.2");
      result_clear (&rc);
      result_clear (&rs);
    }
  g_assert_cmpuint (keep->len, ==, 40);
}

static void
test_handshake_echo (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  g_autoptr(StiTlsSession) server = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  Result rc = { 0 }, rs = { 0 }, rw = { 0 }, rr = { 0 };
  g_autoptr(StiTlsSessionInfo) client_info = NULL;
  g_autoptr(StiTlsSessionInfo) server_info = NULL;
  guint8 *pattern;
  const gsize big_len = 768 * 1024;

  client = new_client_pair (&a, &b, "mx.test.", NULL);
  server = new_server (b, fc, NULL);

  handshake_pair (client, server, &rc, &rs);
  g_assert_no_error (rc.error);
  g_assert_no_error (rs.error);
  g_assert_true (sti_tls_session_is_handshaked (client));

  /* What the probe will read. */
  client_info = sti_tls_session_dup_info (client);
  g_assert_cmpstr (client_info->tls_version, ==, "TLS1.3");
  g_assert_nonnull (client_info->cipher_suite);
  g_assert_cmpuint (client_info->peer_chain->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (client_info->peer_chain, 0), fc->leaf_der));
  g_assert_true (g_bytes_equal (g_ptr_array_index (client_info->peer_chain, 1), fc->ca_der));
  g_assert_null (client_info->ocsp_response);
  /* SNI arrives without the root dot. */
  server_info = sti_tls_session_dup_info (server);
  g_assert_cmpstr (server_info->server_name, ==, "mx.test");

  /* A line from the client, echoed by the server. */
  {
    g_autoptr(GBytes) line = g_bytes_new_static ("EHLO probe\r\n", 12);

    sti_tls_session_write_async (client, line, NULL, write_cb, &rw);
    sti_tls_session_read_async (server, 4096, NULL, read_cb, &rr);
    wait_for (&rw.done, 5);
    wait_for (&rr.done, 5);
    g_assert_no_error (rw.error);
    g_assert_no_error (rr.error);
    g_assert_cmpmem (g_bytes_get_data (rr.bytes, NULL), g_bytes_get_size (rr.bytes),
                     "EHLO probe\r\n", 12);
    result_clear (&rw);
    result_clear (&rr);
  }

  /* Far more than the socket buffers hold, so writes really meet EAGAIN
   * and complete while the other side reads in small pieces. */
  pattern = g_malloc (big_len);
  for (gsize i = 0; i < big_len; i++)
    pattern[i] = (guint8)(i * 7 + 3);
  big = g_bytes_new_take (pattern, big_len);
  sti_tls_session_write_async (server, big, NULL, write_cb, &rw);
  while (received->len < big_len)
    {
      sti_tls_session_read_async (client, 3000, NULL, read_cb, &rr);
      wait_for (&rr.done, 5);
      g_assert_no_error (rr.error);
      g_assert_cmpuint (g_bytes_get_size (rr.bytes), >, 0);
      g_assert_cmpuint (g_bytes_get_size (rr.bytes), <=, 3000);
      g_byte_array_append (received, g_bytes_get_data (rr.bytes, NULL),
                           g_bytes_get_size (rr.bytes));
      result_clear (&rr);
    }
  wait_for (&rw.done, 5);
  g_assert_no_error (rw.error);
  g_assert_cmpmem (received->data, received->len, pattern, big_len);
  result_clear (&rw);

  /* close_notify reads as a clean end of stream. */
  sti_tls_session_close (client);
  sti_tls_session_read_async (server, 100, NULL, read_cb, &rr);
  wait_for (&rr.done, 5);
  g_assert_no_error (rr.error);
  g_assert_cmpuint (g_bytes_get_size (rr.bytes), ==, 0);
  result_clear (&rr);

  /* Writing after close is refused, not a crash. */
  {
    g_autoptr(GBytes) late = g_bytes_new_static ("x", 1);

    sti_tls_session_write_async (client, late, NULL, write_cb, &rw);
    wait_for (&rw.done, 5);
    g_assert_error (rw.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
    result_clear (&rw);
  }

  result_clear (&rc);
  result_clear (&rs);
}

static void
test_tls12 (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  g_autoptr(StiTlsSession) server = NULL;
  Result rc = { 0 }, rs = { 0 };

  client = new_client_pair (&a, &b, "mx.test", "NORMAL:-VERS-ALL:+VERS-TLS1.2");
  server = new_server (b, fc, NULL);

  handshake_pair (client, server, &rc, &rs);
  g_assert_no_error (rc.error);
  g_assert_no_error (rs.error);
  {
    g_autoptr(StiTlsSessionInfo) info = sti_tls_session_dup_info (client);

    g_assert_cmpstr (info->tls_version, ==, "TLS1.2");
  }
  result_clear (&rc);
  result_clear (&rs);
}

static void
test_alert (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  g_autoptr(StiTlsSession) server = NULL;
  Result rc = { 0 }, rs = { 0 };

  client = new_client_pair (&a, &b, "mx.test", "NORMAL:-VERS-ALL:+VERS-TLS1.2");
  server = new_server (b, fc, "NORMAL:-VERS-ALL:+VERS-TLS1.3");

  handshake_pair (client, server, &rc, &rs);
  g_assert_nonnull (rc.error);
  g_assert_nonnull (rs.error);
  g_assert_error (rc.error, G_TLS_ERROR, G_TLS_ERROR_HANDSHAKE);
  /* GnuTLS answers a version mismatch with handshake_failure (40). */
  g_assert_cmpint (sti_tls_session_get_alert (client), ==, GNUTLS_A_HANDSHAKE_FAILURE);
  g_assert_cmpstr (sti_tls_session_get_alert_name (client), ==,
                   gnutls_alert_get_name (GNUTLS_A_HANDSHAKE_FAILURE));
  g_assert_nonnull (strstr (rc.error->message, "alert"));
  g_assert_false (sti_tls_session_is_handshaked (client));
  g_test_message ("client: %s; server: %s", rc.error->message, rs.error->message);
  result_clear (&rc);
  result_clear (&rs);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_handshake (void)
{
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StiTlsSession) client = NULL;
  Result rc = { 0 };
  gint64 cancelled_at;

  /* The server side never answers the ClientHello. */
  client = new_client_pair (&a, &b, "mx.test", NULL);

  sti_tls_session_handshake_async (client, cancellable, handshake_cb, &rc);
  g_timeout_add (50, cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  wait_for (&rc.done, 2);
  g_assert_error (rc.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (rc.done_at - cancelled_at, <, 100 * 1000);

  /* No source is left behind holding the session. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&client));
  result_clear (&rc);
}

static void
test_peer_closes (gconstpointer data)
{
  gboolean drain_first = GPOINTER_TO_INT (data);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  Result rc = { 0 };
  gint64 start = g_get_monotonic_time ();
  char buf[4096];

  client = new_client_pair (&a, &b, "mx.test", NULL);

  sti_tls_session_handshake_async (client, NULL, handshake_cb, &rc);
  /* The ClientHello is already on its way; take it (FIN) or leave it
   * unread (the kernel then answers with RST). */
  if (drain_first)
    {
      g_assert_true (g_socket_condition_timed_wait (b, G_IO_IN, G_USEC_PER_SEC, NULL, NULL));
      g_assert_cmpint (g_socket_receive (b, buf, sizeof buf, NULL, NULL), >, 0);
    }
  g_socket_close (b, NULL);

  wait_for (&rc.done, 3);
  g_assert_nonnull (rc.error);
  g_assert_false (g_error_matches (rc.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_test_message ("%s", rc.error->message);
  if (drain_first)
    g_assert_error (rc.error, G_TLS_ERROR, G_TLS_ERROR_EOF);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  result_clear (&rc);
}

static void
test_garbage (void)
{
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  Result rc = { 0 };
  const char *garbage = "500 5.5.1 what is this? this is not TLS at all\r\n";
  char buf[4096];

  client = new_client_pair (&a, &b, "mx.test", NULL);

  sti_tls_session_handshake_async (client, NULL, handshake_cb, &rc);
  g_assert_true (g_socket_condition_timed_wait (b, G_IO_IN, G_USEC_PER_SEC, NULL, NULL));
  g_assert_cmpint (g_socket_receive (b, buf, sizeof buf, NULL, NULL), >, 0);
  g_assert_cmpint (g_socket_send (b, garbage, strlen (garbage), NULL, NULL), ==, strlen (garbage));

  wait_for (&rc.done, 3);
  g_assert_nonnull (rc.error);
  g_test_message ("%s", rc.error->message);
  g_assert_error (rc.error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS);
  result_clear (&rc);
}

static void
test_read_before_handshake (void)
{
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(StiTlsSession) client = NULL;
  Result rr = { 0 };

  client = new_client_pair (&a, &b, NULL, NULL);
  sti_tls_session_read_async (client, 10, NULL, read_cb, &rr);
  wait_for (&rr.done, 1);
  g_assert_error (rr.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  result_clear (&rr);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/tls-session/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/tls-session/bad-priority", test_bad_priority);
  g_test_add_func ("/sti/tls-session/shared-priorities", test_shared_priorities);
  g_test_add_func ("/sti/tls-session/handshake-echo", test_handshake_echo);
  g_test_add_func ("/sti/tls-session/tls12", test_tls12);
  g_test_add_func ("/sti/tls-session/alert", test_alert);
  g_test_add_func ("/sti/tls-session/cancel-handshake", test_cancel_handshake);
  g_test_add_data_func ("/sti/tls-session/peer-closes-fin", GINT_TO_POINTER (TRUE),
                        test_peer_closes);
  g_test_add_data_func ("/sti/tls-session/peer-closes-rst", GINT_TO_POINTER (FALSE),
                        test_peer_closes);
  g_test_add_func ("/sti/tls-session/garbage", test_garbage);
  g_test_add_func ("/sti/tls-session/read-before-handshake", test_read_before_handshake);

  return g_test_run ();
}
