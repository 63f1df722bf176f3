/* test-mta-sts-fetch.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "certgen.h"
#include "findings-assert.h"
#include "sti-certificate.h"
#include "sti-finding.h"
#include "sti-mta-sts.h"

/* ------------------------------------------------------------------ */
/* the fetch, against a local HTTPS server                             */

/* A stand-in for the system resolver: when on, every name resolves to
 * 127.0.0.1, so the client connects locally while it still uses
 * mta-sts.<domain> for SNI and certificate checks. */
#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

/* Off by default: then every lookup fails, which proves that the fetches
 * with pinned addresses never ask GResolver. */
static gboolean resolver_answers;

static GList *
loopback_list (GResolverNameLookupFlags   flags,
               GError                   **error)
{
  if (!resolver_answers || (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY))
    {
      g_set_error_literal (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no AAAA");
      return NULL;
    }
  return g_list_append (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return loopback_list (G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, error);
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return loopback_list (flags, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                 *resolver,
                                               const char                *hostname,
                                               GResolverNameLookupFlags   flags,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *list = loopback_list (flags, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify)g_resolver_free_addresses);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                                 G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_finish (GResolver     *resolver,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_finish;
  resolver_class->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

typedef enum
{
  SERVE_OK,
  SERVE_REDIRECT,
  SERVE_NOT_FOUND,
  SERVE_WRONG_TYPE,
  SERVE_TYPE_WITH_CHARSET,
  SERVE_OVERSIZED_LENGTH,
  SERVE_OVERSIZED_STREAM,
  SERVE_OVERSIZED_GZIP,
  SERVE_SMALL_GZIP,
  SERVE_SLOW,
  SERVE_INVALID_POLICY,
} ServeMode;

#define GOOD_POLICY "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n"

typedef struct
{
  GSocketService  *service;
  GTlsCertificate *certificate;
  ServeMode        mode;
  guint16          port;
  guint            n_requests;
  char            *request;     /* the first request's head */
  GPtrArray       *conns;
} Server;

typedef struct
{
  Server       *server;
  GSocketConnection *socket;
  GCancellable *cancellable;
  GIOStream    *tls;
  GByteArray   *head;
  guint8        buf[1024];
  GBytes       *reply;
  guint         drip_id;
  gsize         dripped;
} Conn;

static void
conn_free (Conn *conn)
{
  /* Pending callbacks see CANCELLED and never touch @conn again; closing
   * the socket first keeps the TLS close from blocking on a full buffer. */
  g_cancellable_cancel (conn->cancellable);
  g_clear_handle_id (&conn->drip_id, g_source_remove);
  g_socket_close (g_socket_connection_get_socket (conn->socket), NULL);
  g_clear_object (&conn->tls);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->head, g_byte_array_unref);
  g_clear_pointer (&conn->reply, g_bytes_unref);
  g_free (conn);
}

static void
conn_done (Conn *conn)
{
  g_ptr_array_remove (conn->server->conns, conn);
}

static gboolean
was_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GBytes *
gzip (const char *data,
      gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
make_reply (ServeMode mode,
            guint16   port)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (mode)
    {
    case SERVE_OK:
    case SERVE_TYPE_WITH_CHARSET:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              mode == SERVE_OK ? "text/plain" : "TEXT/PLAIN; charset=utf-8",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    case SERVE_INVALID_POLICY:
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 15\r\nConnection: close\r\n\r\nversion: STSv1\n");
      break;
    case SERVE_REDIRECT:
      g_string_append_printf (out, "HTTP/1.1 301 Moved Permanently\r\n"
                              "Location: https://mta-sts.example.test:%u/elsewhere\r\n"
                              "Content-Length: 0\r\nConnection: close\r\n\r\n", port);
      break;
    case SERVE_NOT_FOUND:
      g_string_append (out, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 9\r\nConnection: close\r\n\r\nnot found");
      break;
    case SERVE_WRONG_TYPE:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    case SERVE_OVERSIZED_LENGTH:
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 70000\r\nConnection: close\r\n\r\n");
      g_string_append_len (out, GOOD_POLICY, strlen (GOOD_POLICY));
      while (out->len < 70000)
        g_string_append (out, "mx: mx1.example.test\r\n");
      break;
    case SERVE_OVERSIZED_STREAM:
      /* no length: the body runs until the connection closes */
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Connection: close\r\n\r\n" GOOD_POLICY);
      while (out->len < 200000)
        g_string_append (out, "mx: mx1.example.test\r\n");
      break;
    case SERVE_OVERSIZED_GZIP:
    case SERVE_SMALL_GZIP:
      {
        g_autoptr(GString) plain = g_string_new (GOOD_POLICY);
        g_autoptr(GBytes) packed = NULL;

        while (mode == SERVE_OVERSIZED_GZIP && plain->len < 300000)
          g_string_append (plain, "mx: mx1.example.test\r\n");
        packed = gzip (plain->str, plain->len);
        g_assert_cmpuint (g_bytes_get_size (packed), <, STI_MTA_STS_POLICY_MAX_SIZE);
        g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                "Content-Encoding: gzip\r\nContent-Length: %zu\r\n"
                                "Connection: close\r\n\r\n", g_bytes_get_size (packed));
        g_string_append_len (out, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
      }
      break;
    case SERVE_SLOW:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    default:
      g_assert_not_reached ();
    }

  return g_bytes_new (out->str, out->len);
}

static void
write_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  /* the client may hang up early (oversized bodies): fine */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), res, NULL, &error);
  if (was_cancelled (error))
    return;
  conn_done (conn);
}

static gboolean
drip_cb (gpointer user_data)
{
  Conn *conn = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (conn->tls);
  const guint8 *data = g_bytes_get_data (conn->reply, NULL);

  if (conn->dripped >= g_bytes_get_size (conn->reply) ||
      g_output_stream_write (out, data + conn->dripped, 1, NULL, NULL) != 1)
    {
      conn->drip_id = 0;
      conn_done (conn);
      return G_SOURCE_REMOVE;
    }
  conn->dripped++;
  return G_SOURCE_CONTINUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), res, &error);
  Server *server;

  if (was_cancelled (error))
    return;
  server = conn->server;
  if (n <= 0)
    {
      conn_done (conn);
      return;
    }
  g_byte_array_append (conn->head, conn->buf, n);

  if (g_strstr_len ((const char *)conn->head->data, conn->head->len, "\r\n\r\n") == NULL)
    {
      if (conn->head->len > 16384)
        {
          conn_done (conn);
          return;
        }
      g_input_stream_read_async (G_INPUT_STREAM (object), conn->buf, sizeof conn->buf,
                                 G_PRIORITY_DEFAULT, conn->cancellable, read_cb, conn);
      return;
    }

  server->n_requests++;
  if (server->request == NULL)
    server->request = g_strndup ((const char *)conn->head->data, conn->head->len);

  conn->reply = make_reply (server->mode, server->port);
  if (server->mode == SERVE_SLOW)
    {
      conn->drip_id = g_timeout_add (100, drip_cb, conn);
      return;
    }

  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->tls),
                                   g_bytes_get_data (conn->reply, NULL),
                                   g_bytes_get_size (conn->reply),
                                   G_PRIORITY_DEFAULT, conn->cancellable, write_cb, conn);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), res, &error))
    {
      if (was_cancelled (error))
        return;
      conn_done (conn);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (conn->tls), conn->buf,
                             sizeof conn->buf, G_PRIORITY_DEFAULT, conn->cancellable, read_cb,
                             conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Server *server = user_data;
  g_autoptr(GError) error = NULL;
  Conn *conn = g_new0 (Conn, 1);

  conn->server = server;
  conn->socket = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->head = g_byte_array_new ();
  conn->tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, &error);
  g_assert_no_error (error);
  g_ptr_array_add (server->conns, conn);

  g_tls_connection_handshake_async (G_TLS_CONNECTION (conn->tls), G_PRIORITY_DEFAULT,
                                    conn->cancellable, handshake_cb, conn);
  return TRUE;
}

typedef struct
{
  CertgenCert  *ca;
  CertgenCert  *other_ca;
  GTlsDatabase *database;
  char         *ca_path;
} FetchPki;

static FetchPki fetch_pki;

static Server *
server_new (ServeMode    mode,
            const char  *hostname,
            CertgenCert *issuer)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf (hostname, issuer);
  g_autofree char *cert_pem = certgen_pem (leaf);
  g_autofree char *key_pem = certgen_key_pem (leaf);
  g_autofree char *pem = g_strconcat (cert_pem, key_pem, NULL);
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;

  server->mode = mode;
  server->conns = g_ptr_array_new_with_free_func ((GDestroyNotify)conn_free);
  server->certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);

  server->service = g_socket_service_new ();
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), any,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
server_free (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->conns, g_ptr_array_unref);
  g_clear_object (&server->certificate);
  g_free (server->request);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

typedef struct
{
  StiMtaStsFetchResult *result;
  GError               *error;
  gboolean              done;
} Wait;

static void
fetched_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = sti_mta_sts_fetch_finish (res, &wait->error);
  wait->done = TRUE;
}

static StiMtaStsFetchResult *
fetch_full (Server        *server,
            GTlsDatabase  *extra_trust,
            const char    *pinned,
            guint          timeout_ms,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  Wait wait = { NULL, NULL, FALSE };
  gint64 start = g_get_monotonic_time ();

  if (pinned != NULL)
    g_ptr_array_add (addresses, g_inet_address_new_from_string (pinned));

  sti_mta_sts_fetch_async (NULL, "example.test", extra_trust, pinned != NULL ? addresses : NULL,
                           server->port, timeout_ms, cancellable, fetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  /* whatever happened, it happened within the deadline (plus slack) */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64)(timeout_ms + 3000) * 1000);

  if (wait.result != NULL)
    {
      g_autofree char *ids = ids_of (wait.result->findings);
      g_test_message ("status %u, type %s, findings: %s", wait.result->status,
                      wait.result->content_type, ids);
    }
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.result;
}

static StiMtaStsFetchResult *
fetch_with (Server        *server,
            GTlsDatabase  *extra_trust,
            guint          timeout_ms,
            GCancellable  *cancellable,
            GError       **error)
{
  return fetch_full (server, extra_trust, "127.0.0.1", timeout_ms, cancellable, error);
}

static StiMtaStsFetchResult *
fetch (Server        *server,
       guint          timeout_ms,
       GCancellable  *cancellable,
       GError       **error)
{
  return fetch_with (server, fetch_pki.database, timeout_ms, cancellable, error);
}

/* Without pinned addresses the host is resolved by GResolver (here the
 * stand-in); with the resolver off the same fetch cannot even connect. */
static void
test_fetch_resolver (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(StiMtaStsFetchResult) failed = NULL;

  resolver_answers = TRUE;
  result = fetch_full (server, fetch_pki.database, NULL, 10000, NULL, NULL);
  resolver_answers = FALSE;
  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);

  failed = fetch_full (server, fetch_pki.database, NULL, 10000, NULL, NULL);
  assert_ids (failed->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (server->n_requests, ==, 1);
}

/* Pinned addresses are really where the connection goes. */
static void
test_fetch_pinned_elsewhere (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;

  /* the server listens on 127.0.0.1 only */
  result = fetch_full (server, fetch_pki.database, "127.0.0.2", 10000, NULL, NULL);
  assert_ids (result->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (server->n_requests, ==, 0);
}

/* Without the extra anchors, the test CA is unknown: the system store
 * alone does not trust it, so the anchors are what made the fetch pass. */
static void
test_fetch_no_extra_trust (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch_with (server, NULL, 10000, NULL, NULL);
  g_autofree const char **reasons = NULL;

  assert_ids (result->findings, "mta-sts-policy-bad-certificate");
  g_assert_true (g_variant_lookup (sti_finding_get_params (g_ptr_array_index (result->findings, 0)),
                                   "reasons", "^a&s", &reasons));
  g_assert_true (g_strv_contains (reasons, "unknown-ca"));
  /* the connection went to 127.0.0.1, but the identity checked was the
   * host name: the certificate is for it */
  g_assert_false (g_strv_contains (reasons, "bad-identity"));
  g_assert_null (result->policy);
}

static void
test_fetch_ok (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("https://mta-sts.example.test:%u/.well-known/mta-sts.txt",
                                          server->port);

  result = fetch (server, 10000, NULL, &error);
  g_assert_no_error (error);
  assert_ids (result->findings, "");
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpstr (result->content_type, ==, "text/plain");
  g_assert_cmpstr (result->url, ==, url);
  g_assert_cmpuint (result->tls_errors, ==, 0);
  g_assert_nonnull (result->policy);
  g_assert_cmpint (result->policy->mode, ==, STI_MTA_STS_MODE_ENFORCE);
  g_assert_cmpstr (result->policy->mx[0], ==, "mx1.example.test");
  g_assert_cmpuint (g_bytes_get_size (result->body), ==, strlen (GOOD_POLICY));
  g_assert_true (g_str_has_prefix (server->request, "GET /.well-known/mta-sts.txt HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (server->request, "Host: mta-sts.example.test"));
  g_assert_cmpint (result->duration_us, >, 0);
  /* the policy host's chain is kept, verified by the extra anchors */
  g_assert_cmpuint (result->certificates->len, >=, 1);
  g_assert_true (g_strv_contains (sti_certificate_get_dns_names (g_ptr_array_index (
                                    result->certificates, 0)), "mta-sts.example.test"));
  g_assert_true (result->certificate_verified);
}

static void
test_fetch_charset (void)
{
  g_autoptr(Server) server = server_new (SERVE_TYPE_WITH_CHARSET, "mta-sts.example.test",
                                         fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);
}

static void
test_fetch_small_gzip (void)
{
  g_autoptr(Server) server = server_new (SERVE_SMALL_GZIP, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);
  g_assert_cmpuint (g_bytes_get_size (result->body), ==, strlen (GOOD_POLICY));
}

static void
test_fetch_redirect (void)
{
  g_autoptr(Server) server = server_new (SERVE_REDIRECT, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  StiFinding *finding;

  assert_ids (result->findings, "mta-sts-policy-redirect");
  finding = g_ptr_array_index (result->findings, 0);
  g_assert_nonnull (strstr (sti_finding_get_param_string (finding, "location"), "/elsewhere"));
  g_assert_cmpuint (result->status, ==, 301);
  g_assert_null (result->policy);
  /* not followed */
  g_assert_cmpuint (server->n_requests, ==, 1);
}

static void
test_fetch_not_found (void)
{
  g_autoptr(Server) server = server_new (SERVE_NOT_FOUND, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-http-error");
  g_assert_cmpuint (result->status, ==, 404);
  g_assert_null (result->policy);
}

static void
test_fetch_wrong_type (void)
{
  g_autoptr(Server) server = server_new (SERVE_WRONG_TYPE, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-wrong-type");
  g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (result->findings, 0),
                                                 "content_type"), ==, "text/html");
  g_assert_null (result->policy);
}

static void
test_fetch_invalid_policy (void)
{
  g_autoptr(Server) server = server_new (SERVE_INVALID_POLICY, "mta-sts.example.test",
                                         fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-invalid");
  g_assert_nonnull (result->body);
  g_assert_null (result->policy);
}

static void
test_fetch_oversized (gconstpointer data)
{
  ServeMode mode = GPOINTER_TO_UINT (data);
  g_autoptr(Server) server = server_new (mode, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  gint64 size = 0;

  assert_ids (result->findings, "mta-sts-policy-too-large");
  g_assert_null (result->policy);
  g_assert_null (result->body);
  g_assert_true (sti_finding_get_param_int64 (g_ptr_array_index (result->findings, 0), "size",
                                              &size));
  g_assert_cmpint (size, >, STI_MTA_STS_POLICY_MAX_SIZE);
  /* bounded reading: never much more than the cap */
  g_assert_cmpint (size, <=, mode == SERVE_OVERSIZED_LENGTH ? 70000 :
                   STI_MTA_STS_POLICY_MAX_SIZE + 16384);
}

static void
test_fetch_slow (void)
{
  g_autoptr(Server) server = server_new (SERVE_SLOW, "mta-sts.example.test", fetch_pki.ca);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 1000, NULL, NULL);
  gint64 elapsed = g_get_monotonic_time () - start;

  assert_ids (result->findings, "mta-sts-policy-timeout");
  g_assert_null (result->policy);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 2500 * 1000);
}

static void
test_fetch_bad_certificate (gconstpointer data)
{
  gboolean wrong_name = GPOINTER_TO_INT (data);
  g_autoptr(Server) server = server_new (SERVE_OK,
                                         wrong_name ? "wrong.example.test" : "mta-sts.example.test",
                                         wrong_name ? fetch_pki.ca : fetch_pki.other_ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  g_autofree const char **reasons = NULL;
  StiFinding *finding;

  assert_ids (result->findings, "mta-sts-policy-bad-certificate");
  finding = g_ptr_array_index (result->findings, 0);
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "reasons", "^a&s", &reasons));
  g_assert_true (g_strv_contains (reasons, wrong_name ? "bad-identity" : "unknown-ca"));
  if (wrong_name)
    g_assert_false (g_strv_contains (reasons, "unknown-ca"));
  g_assert_cmpuint (result->tls_errors, !=, 0);
  g_assert_null (result->policy);
  g_assert_cmpuint (server->n_requests, ==, 0);
  /* the refused chain is kept too, for the evidence */
  g_assert_cmpuint (result->certificates->len, >=, 1);
  g_assert_true (g_strv_contains (sti_certificate_get_dns_names (g_ptr_array_index (
                                    result->certificates, 0)),
                                  wrong_name ? "wrong.example.test" : "mta-sts.example.test"));
  g_assert_false (result->certificate_verified);
}

static void
test_fetch_unreachable (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;

  /* nothing listens there any more */
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));

  result = fetch (server, 10000, NULL, NULL);
  assert_ids (result->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (result->status, ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_fetch_cancel (void)
{
  g_autoptr(Server) server = server_new (SERVE_SLOW, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_timeout_add (300, cancel_cb, cancellable);
  result = fetch (server, 10000, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

static void
test_fetch_bad_domain (void)
{
  Wait wait = { NULL, NULL, FALSE };

  sti_mta_sts_fetch_async (NULL, "exa mple/..org", NULL, NULL, 0, 0, NULL, fetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (wait.result);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_pem = NULL;
  int fd;
  int ret;

  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("no_proxy");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/mta-sts/fetch/ok", test_fetch_ok);
  g_test_add_func ("/sti/mta-sts/fetch/charset", test_fetch_charset);
  g_test_add_func ("/sti/mta-sts/fetch/small-gzip", test_fetch_small_gzip);
  g_test_add_func ("/sti/mta-sts/fetch/redirect", test_fetch_redirect);
  g_test_add_func ("/sti/mta-sts/fetch/not-found", test_fetch_not_found);
  g_test_add_func ("/sti/mta-sts/fetch/wrong-type", test_fetch_wrong_type);
  g_test_add_func ("/sti/mta-sts/fetch/invalid-policy", test_fetch_invalid_policy);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-length",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_LENGTH), test_fetch_oversized);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-stream",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_STREAM), test_fetch_oversized);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-gzip",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_GZIP), test_fetch_oversized);
  g_test_add_func ("/sti/mta-sts/fetch/slow", test_fetch_slow);
  g_test_add_data_func ("/sti/mta-sts/fetch/bad-certificate/wrong-name",
                        GINT_TO_POINTER (TRUE), test_fetch_bad_certificate);
  g_test_add_data_func ("/sti/mta-sts/fetch/bad-certificate/unknown-ca",
                        GINT_TO_POINTER (FALSE), test_fetch_bad_certificate);
  g_test_add_func ("/sti/mta-sts/fetch/no-extra-trust", test_fetch_no_extra_trust);
  g_test_add_func ("/sti/mta-sts/fetch/resolver", test_fetch_resolver);
  g_test_add_func ("/sti/mta-sts/fetch/pinned-elsewhere", test_fetch_pinned_elsewhere);
  g_test_add_func ("/sti/mta-sts/fetch/unreachable", test_fetch_unreachable);
  g_test_add_func ("/sti/mta-sts/fetch/cancel", test_fetch_cancel);
  g_test_add_func ("/sti/mta-sts/fetch/bad-domain", test_fetch_bad_domain);

  resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_resolver_set_default (resolver);

  fetch_pki.ca = certgen_make_ca ("MTA-STS Test CA", NULL);
  fetch_pki.other_ca = certgen_make_ca ("Unknown CA", NULL);
  ca_pem = certgen_pem (fetch_pki.ca);
  fd = g_file_open_tmp ("sti-mta-sts-ca-XXXXXX.pem", &fetch_pki.ca_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (fetch_pki.ca_path, ca_pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_path_is_absolute (fetch_pki.ca_path));
  fetch_pki.database = g_tls_file_database_new (fetch_pki.ca_path, &error);
  g_assert_no_error (error);

  ret = g_test_run ();

  g_unlink (fetch_pki.ca_path);
  g_clear_pointer (&fetch_pki.ca_path, g_free);
  g_clear_object (&fetch_pki.database);
  g_clear_pointer (&fetch_pki.other_ca, certgen_free);
  g_clear_pointer (&fetch_pki.ca, certgen_free);

  return ret;
}
