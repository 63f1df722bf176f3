/* test-lab-tls.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"
#include "sti-tls-session.h"

#include <string.h>

#include "lab-chain.h"
#include "lab-client.h"

/* TLS with the demo lab's servers after STARTTLS: the chain arrives as
 * the lab sends it, the protocol versions and key exchanges are what the
 * scenarios promise, and the benchmark servers greet after their delay. */

static StiTlsSession *
client_start_tls (LabClient  *client,
                  const char *host_name)
{
  g_autoptr(StiTlsSession) tls = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = lab_client_command (client, "STARTTLS\r\n");

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "220 "));

  tls = sti_tls_session_new_client (g_socket_connection_get_socket (client->connection),
                                    host_name, NULL, &error);
  g_assert_no_error (error);
  sti_tls_session_handshake_async (tls, NULL, lab_async_done_cb, &result);
  lab_wait_for_result (&result);
  g_assert_true (sti_tls_session_handshake_finish (tls, result, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&tls);
}

static char *
tls_command (StiTlsSession *tls,
             const char    *command)
{
  g_autoptr(GByteArray) reply = g_byte_array_new ();
  g_autoptr(GBytes) data = g_bytes_new (command, strlen (command));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sti_tls_session_write_async (tls, data, NULL, lab_async_done_cb, &result);
  lab_wait_for_result (&result);
  g_assert_true (sti_tls_session_write_finish (tls, result, &error));
  g_assert_no_error (error);

  while (!lab_reply_complete (reply))
    {
      g_autoptr(GAsyncResult) read_result = NULL;
      g_autoptr(GBytes) bytes = NULL;

      sti_tls_session_read_async (tls, 4096, NULL, lab_async_done_cb, &read_result);
      lab_wait_for_result (&read_result);
      bytes = sti_tls_session_read_finish (tls, read_result, &error);
      g_assert_no_error (error);
      if (g_bytes_get_size (bytes) == 0)
        break;
      g_byte_array_append (reply, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }

  return g_strndup ((const char *)reply->data, reply->len);
}

/* The certificates received, in the order received, equal the lab's chain. */
static void
assert_peer_chain (StiTlsSession *tls,
                   GPtrArray     *chain)
{
  g_autoptr(StiTlsSessionInfo) info = sti_tls_session_dup_info (tls);

  g_assert_nonnull (info);
  g_assert_cmpuint (info->peer_chain->len, ==, chain->len);
  for (guint i = 0; i < chain->len; i++)
    g_assert_true (g_bytes_equal (g_ptr_array_index (info->peer_chain, i),
                                  g_ptr_array_index (chain, i)));
}

static void
test_tls (LabFixture    *fixture,
          gconstpointer  data)
{
  const char *host_name = data;
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, host_name);
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, host_name);
  g_autoptr(StiTlsSession) tls = client_start_tls (client, host_name);
  g_autofree char *ehlo = NULL;
  g_autofree char *starttls = NULL;
  g_autofree char *quit = NULL;

  assert_peer_chain (tls, chain);

  ehlo = tls_command (tls, "EHLO client.example\r\n");
  g_assert_true (g_str_has_prefix (ehlo, "250-"));
  g_assert_null (strstr (ehlo, "STARTTLS"));
  g_assert_true (g_str_has_suffix (ehlo, "250 ENHANCEDSTATUSCODES\r\n"));
  starttls = tls_command (tls, "STARTTLS\r\n");
  g_assert_true (g_str_has_prefix (starttls, "503 "));
  quit = tls_command (tls, "QUIT\r\n");
  g_assert_true (g_str_has_prefix (quit, "221 "));
  sti_tls_session_close (tls);
}

static void
test_bench (LabFixture    *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  const char *host_name = sti_lab_get_bench_host_name (fixture->lab);

  g_assert_cmpstr (host_name, ==, "mx.bench.lab.test");
  g_assert_true (sti_lab_start_bench_servers (fixture->lab, 3, 50, &addresses, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (addresses->len, ==, 3);
  g_assert_true (sti_lab_start_bench_servers (fixture->lab, 2, 0, &more, &error));
  g_assert_cmpuint (more->len, ==, 2);

  chain = lab_chain (fixture->lab, host_name);
  g_assert_cmpuint (lab_verify_chain (fixture->lab, chain, host_name, 0), ==, 0);

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetSocketAddress *address = g_ptr_array_index (addresses, i);
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(GSocketConnection) connection = lab_connect_to (G_SOCKET_ADDRESS (address), &error);
      LabClient client = { .connection = connection, .buffer = g_byte_array_new () };
      g_autofree char *greeting = NULL;

      g_assert_no_error (error);
      greeting = lab_client_read_reply (&client);
      /* The delay starts at accept, after begin. */
      g_assert_cmpint (g_get_monotonic_time () - begin, >=, 49 * 1000);
      g_assert_true (g_str_has_prefix (greeting, "220 mx.bench.lab.test "));

      if (i == 0)
        {
          g_autoptr(StiTlsSession) tls = client_start_tls (&client, host_name);
          g_autofree char *ehlo = tls_command (tls, "EHLO client.example\r\n");

          assert_peer_chain (tls, chain);
          g_assert_true (g_str_has_prefix (ehlo, "250-mx.bench.lab.test"));
        }

      g_byte_array_unref (client.buffer);
    }
}

static StiTlsSession *
start_tls_with (LabFixture *fixture,
                LabClient  *client,
                const char *host_name,
                const char *priority,
                GError    **error)
{
  g_autoptr(StiTlsSession) tls = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = lab_client_command (client, "STARTTLS\r\n");

  g_assert_true (g_str_has_prefix (starttls, "220 "));
  tls = sti_tls_session_new_client (g_socket_connection_get_socket (client->connection),
                                    host_name, priority, error);
  g_assert_nonnull (tls);
  sti_tls_session_handshake_async (tls, NULL, lab_async_done_cb, &result);
  lab_wait_for_result (&result);
  if (!sti_tls_session_handshake_finish (tls, result, error))
    return NULL;

  return g_steal_pointer (&tls);
}

static void
test_tls_old (LabFixture    *fixture,
              gconstpointer  data)
{
  const char *host_name = "mx1.old-tls.lab.test";
  g_autoptr(GError) error = NULL;

  /* The probe's default "NORMAL" still offers TLS 1.0 and 1.1 on Debian 12. */
  {
    g_autoptr(LabClient) client = lab_client_new (fixture->lab, host_name);
    g_autoptr(StiTlsSession) tls = start_tls_with (fixture, client, host_name, NULL, &error);

    g_autoptr(StiTlsSessionInfo) info = NULL;

    g_assert_no_error (error);
    info = sti_tls_session_dup_info (tls);
    g_assert_cmpstr (info->tls_version, ==, "TLS1.1");
    sti_tls_session_close (tls);
  }

  /* A client that allows only TLS 1.2 and 1.3 cannot connect. */
  {
    g_autoptr(LabClient) client = lab_client_new (fixture->lab, host_name);
    g_autoptr(StiTlsSession) tls = start_tls_with (fixture, client, host_name,
                                                   "NORMAL:-VERS-TLS1.1:-VERS-TLS1.0", &error);

    g_assert_null (tls);
    g_assert_nonnull (error);
  }
}

static void
test_tls_static_rsa (LabFixture    *fixture,
                     gconstpointer  data)
{
  const char *host_name = "mx1.no-forward-secrecy.lab.test";
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, host_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiTlsSession) tls = start_tls_with (fixture, client, host_name, NULL, &error);
  g_autoptr(StiTlsSessionInfo) info = NULL;

  g_assert_no_error (error);
  info = sti_tls_session_dup_info (tls);
  g_assert_cmpstr (info->tls_version, ==, "TLS1.2");
  /* Static RSA key exchange: an RSA suite, and no key-exchange group. */
  g_assert_true (g_str_has_prefix (info->cipher_suite, "TLS_RSA_WITH_"));
  g_assert_null (info->kx_group);
  sti_tls_session_close (tls);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lab_test_add ("/sti/lab/tls/valid", "mx1.valid.lab.test", test_tls);
  lab_test_add ("/sti/lab/tls/wrong-order", "mx1.wrong-order.lab.test", test_tls);
  lab_test_add ("/sti/lab/tls/weak-key", "mx1.weak-key.lab.test", test_tls);
  lab_test_add ("/sti/lab/tls/hostile", "mx1.hostile.lab.test", test_tls);
  lab_test_add ("/sti/lab/bench", NULL, test_bench);
  lab_test_add ("/sti/lab/tls/old-tls", NULL, test_tls_old);
  lab_test_add ("/sti/lab/tls/no-forward-secrecy", NULL, test_tls_static_rsa);

  return g_test_run ();
}
