/* test-probe-wire.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gnetworking.h>
#include <gnutls/gnutls.h>

#include "sti-endpoint-probe.h"
#include "sti-tcp-latency.h"

#include "certgen.h"

/* The probe on the wire: no Nagle × delayed-ACK stall after STARTTLS.
 *
 * The server here behaves on the wire as Postfix with OpenSSL does: Nagle
 * on (no TCP_NODELAY), ACKs delayed (it re-enters the kernel's delayed-ACK
 * mode after every receive), its handshake flight in one write, and a TLS
 * 1.3 session ticket written on its own just before the EHLO reply (as
 * Postfix's is when our Finished and EHLO reach it together). A client
 * without TCP_NODELAY and TCP_QUICKACK stalls twice, about 40 ms each
 * (Linux's shortest delayed ACK):
 *
 * - its Nagle holds the EHLO behind its last small handshake record (the
 *   6-byte middlebox ChangeCipherSpec on a real network, the Finished on
 *   loopback) until the server ACKs that record;
 * - the server's Nagle holds the EHLO reply behind the ticket until the
 *   client ACKs the ticket.
 *
 * TCP_NODELAY alone leaves the second (about 41 ms), TCP_QUICKACK alone
 * the first. The server runs on a thread of its own with blocking I/O, as
 * an MTA process does, so that the probe on the main loop sees a real peer. */

/* A stall is about 40 ms (Linux's minimum delayed-ACK time). */
#define MAX_ROUND_TRIP_MS 30
/* Dialogues per run; the best one is judged, so that a busy machine does
 * not fail the test, while a stall (every dialogue) still does. */
#define N_DIALOGUES 3

typedef struct
{
  GSocket                          *listener;
  guint16                           port;
  gnutls_certificate_credentials_t  creds;
  gnutls_datum_t                    ticket_key;
  GThread                          *thread;
  guint                             tickets_sent;
} WireServer;

typedef struct
{
  GSocket          *conn;
  gnutls_session_t  session;
  GString          *in;
} WireConn;

static void
lazy_ack (GSocket *conn)
{
#ifdef TCP_QUICKACK
  /* 0 puts the connection (back) into delayed-ACK mode. */
  g_socket_set_option (conn, IPPROTO_TCP, TCP_QUICKACK, 0, NULL);
#endif
}

static ssize_t
wire_pull (gnutls_transport_ptr_t  ptr,
           void                   *data,
           size_t                  len)
{
  WireConn *wc = ptr;
  gssize n = g_socket_receive (wc->conn, data, len, NULL, NULL);

  lazy_ack (wc->conn);
  if (n < 0)
    gnutls_transport_set_errno (wc->session, EIO);
  return n;
}

/* A flight of records in one write, as OpenSSL sends it: then nothing of
 * ours is left to carry the ACK of the client's ChangeCipherSpec. */
static ssize_t
wire_push (gnutls_transport_ptr_t  ptr,
           const giovec_t         *iov,
           int                     iovcnt)
{
  WireConn *wc = ptr;
  g_autofree GOutputVector *vectors = g_new (GOutputVector, iovcnt);
  gssize n;

  for (int i = 0; i < iovcnt; i++)
    {
      vectors[i].buffer = iov[i].iov_base;
      vectors[i].size = iov[i].iov_len;
    }
  n = g_socket_send_message (wc->conn, NULL, vectors, iovcnt, NULL, 0, 0, NULL, NULL);
  if (n < 0)
    gnutls_transport_set_errno (wc->session, EIO);
  return n;
}

static void
wire_write (WireConn   *wc,
            const char *text)
{
  gsize len = strlen (text);

  if (wc->session != NULL)
    g_assert_cmpint (gnutls_record_send (wc->session, text, len), ==, len);
  else
    g_assert_cmpint (g_socket_send (wc->conn, text, len, NULL, NULL), ==, len);
}

/* Reads one command line (the probe never pipelines); NULL at the end. */
static char *
wire_read_line (WireConn *wc)
{
  char *lf;

  while ((lf = memchr (wc->in->str, '\n', wc->in->len)) == NULL)
    {
      char buf[4096];
      gssize n;

      if (wc->session != NULL)
        n = gnutls_record_recv (wc->session, buf, sizeof buf);
      else
        {
          n = g_socket_receive (wc->conn, buf, sizeof buf, NULL, NULL);
          lazy_ack (wc->conn);
        }
      if (n <= 0)
        return NULL;
      g_string_append_len (wc->in, buf, n);
    }

  {
    gsize len = lf - wc->in->str;
    char *line = g_strndup (wc->in->str, len > 0 && lf[-1] == '\r' ? len - 1 : len);

    g_string_erase (wc->in, 0, len + 1);
    return line;
  }
}

static void
wire_start_tls (WireServer *server,
                WireConn   *wc)
{
  int ret;

  g_assert_cmpuint (wc->in->len, ==, 0);
  g_assert_cmpint (gnutls_init (&wc->session, GNUTLS_SERVER | GNUTLS_NO_AUTO_SEND_TICKET), ==, 0);
  g_assert_cmpint (gnutls_set_default_priority (wc->session), ==, 0);
  g_assert_cmpint (gnutls_credentials_set (wc->session, GNUTLS_CRD_CERTIFICATE, server->creds),
                   ==, 0);
  g_assert_cmpint (gnutls_session_ticket_enable_server (wc->session, &server->ticket_key), ==, 0);
  gnutls_transport_set_ptr (wc->session, wc);
  gnutls_transport_set_pull_function (wc->session, wire_pull);
  gnutls_transport_set_vec_push_function (wc->session, wire_push);

  do
    ret = gnutls_handshake (wc->session);
  while (ret < 0 && !gnutls_error_is_fatal (ret));
  g_assert_cmpint (ret, ==, 0);
  g_assert_cmpint (gnutls_protocol_get_version (wc->session), ==, GNUTLS_TLS1_3);
}

static void
wire_serve (WireServer *server,
            GSocket    *conn)
{
  WireConn wc = { conn, NULL, g_string_new (NULL) };
  char *line;

  g_socket_set_timeout (conn, 10);
  wire_write (&wc, "220 mx.wire.test ESMTP\r\n");
  while ((line = wire_read_line (&wc)) != NULL)
    {
      g_autofree char *command = line;

      if (g_ascii_strncasecmp (command, "EHLO", 4) == 0 && wc.session == NULL)
        wire_write (&wc, "250-mx.wire.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
      else if (g_ascii_strncasecmp (command, "EHLO", 4) == 0)
        {
          /* The ticket in a write of its own, then the reply. */
          g_assert_cmpint (gnutls_session_ticket_send (wc.session, 1, 0), ==, 0);
          server->tickets_sent++;
          wire_write (&wc, "250-mx.wire.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
        }
      else if (g_ascii_strcasecmp (command, "STARTTLS") == 0)
        {
          wire_write (&wc, "220 2.0.0 Ready to start TLS\r\n");
          wire_start_tls (server, &wc);
        }
      else if (g_ascii_strcasecmp (command, "QUIT") == 0)
        {
          wire_write (&wc, "221 2.0.0 Bye\r\n");
          break;
        }
      else
        wire_write (&wc, "500 5.5.2 Error: command not recognized\r\n");
    }

  g_clear_pointer (&wc.session, gnutls_deinit);
  g_string_free (wc.in, TRUE);
  g_socket_close (conn, NULL);
}

static gpointer
wire_server_thread (gpointer data)
{
  WireServer *server = data;

  for (guint i = 0; i < N_DIALOGUES; i++)
    {
      g_autoptr(GSocket) conn = g_socket_accept (server->listener, NULL, NULL);

      g_assert_nonnull (conn);
      wire_serve (server, conn);
    }

  return NULL;
}

static WireServer *
wire_server_start (void)
{
  WireServer *server = g_new0 (WireServer, 1);
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Wire Test CA", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.wire.test", ca);
  gnutls_x509_crt_t chain[2] = { leaf->crt, ca->crt };
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_cmpint (gnutls_certificate_allocate_credentials (&server->creds), ==, 0);
  g_assert_cmpint (gnutls_certificate_set_x509_key (server->creds, chain, 2, leaf->key), ==, 0);
  g_assert_cmpint (gnutls_session_ticket_key_generate (&server->ticket_key), ==, 0);

  server->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_nonnull (server->listener);
  g_socket_set_timeout (server->listener, 10);
  g_assert_true (g_socket_bind (server->listener, any, TRUE, NULL));
  g_assert_true (g_socket_listen (server->listener, NULL));
  bound = g_socket_get_local_address (server->listener, NULL);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  server->thread = g_thread_new ("wire-server", wire_server_thread, server);
  return server;
}

static void
wire_server_join (WireServer *server)
{
  g_thread_join (server->thread);
  g_assert_cmpuint (server->tickets_sent, ==, N_DIALOGUES);
  g_object_unref (server->listener);
  gnutls_certificate_free_credentials (server->creds);
  gnutls_free (server->ticket_key.data);
  g_free (server);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StiProbeResult **out = user_data;

  *out = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, NULL);
  g_assert_nonnull (*out);
}

static StiProbeResult *
run_probe (guint16 port)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, port);
  g_autoptr(StiEndpointProbe) probe = NULL;
  StiProbeResult *result = NULL;
  StiProbeOptions options;

  sti_probe_options_init (&options);
  options.stage_timeout_ms = 5000;
  options.total_timeout_ms = 10000;
  probe = sti_endpoint_probe_new ("mx.wire.test", G_INET_SOCKET_ADDRESS (addr), &options);
  sti_endpoint_probe_run_async (probe, NULL, probe_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return result;
}

static gboolean
line_has_prefix (StiTranscriptLine *line,
                 const char        *prefix)
{
  gsize len;
  const char *data = g_bytes_get_data (line->raw, &len);

  return len >= strlen (prefix) && g_ascii_strncasecmp (data, prefix, strlen (prefix)) == 0;
}

/* From the transcript as the user sees it: the time from the EHLO sent
 * after STARTTLS to the first line of its reply. */
static gint64
post_tls_ehlo_round_trip_us (StiProbeResult *result)
{
  GPtrArray *lines = sti_probe_result_get_transcript (result);
  StiTranscriptLine *ehlo = NULL;
  guint n_ehlo = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      StiTranscriptLine *line = g_ptr_array_index (lines, i);

      if (line->kind == STI_TRANSCRIPT_CLIENT && line_has_prefix (line, "EHLO") && ++n_ehlo == 2)
        ehlo = line;
      else if (ehlo != NULL && line->kind == STI_TRANSCRIPT_SERVER)
        return line->offset_us - ehlo->offset_us;
    }

  g_assert_not_reached ();
}

static void
test_no_stall_after_starttls (void)
{
  WireServer *server = wire_server_start ();
  gint64 best_us = G_MAXINT64;

  for (guint i = 0; i < N_DIALOGUES; i++)
    {
      g_autoptr(StiProbeResult) result = run_probe (server->port);
      gint64 rtt_us;

      g_assert_true (sti_probe_result_get_tls_established (result));
      g_assert_cmpstr (sti_probe_result_get_tls_version (result), ==, "TLS1.3");
      g_assert_cmpstr (sti_probe_result_get_caps_after_tls (result)[1], ==, "8BITMIME");
      rtt_us = post_tls_ehlo_round_trip_us (result);
      g_test_message ("post-TLS EHLO round trip: %.1f ms (handshake %.1f ms)", rtt_us / 1000.0,
                      sti_probe_result_get_timings (result)->handshake_us / 1000.0);
      best_us = MIN (best_us, rtt_us);
    }

  wire_server_join (server);
  g_assert_cmpint (best_us / 1000, <, MAX_ROUND_TRIP_MS);
}

static void
test_socket_options (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  int nodelay = 0;

  sti_tcp_latency_enable (socket);
  sti_tcp_latency_after_receive (socket);
  g_assert_true (g_socket_get_option (socket, IPPROTO_TCP, TCP_NODELAY, &nodelay, NULL));
  g_assert_cmpint (nodelay, !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/probe-wire/socket-options", test_socket_options);
  g_test_add_func ("/sti/probe-wire/no-stall-after-starttls", test_no_stall_after_starttls);

  return g_test_run ();
}
