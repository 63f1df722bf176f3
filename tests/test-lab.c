/* test-lab.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-gnutls-private.h"
#include "sti-catalog.h"
#include "sti-lab.h"
#include "sti-resolver.h"
#include "sti-tls-session.h"

#include <gnutls/x509-ext.h>
#include <string.h>

#include "resolver-query.h"

#define IO_TIMEOUT_MS 5000

typedef struct
{
  StiLab *lab;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->lab = sti_lab_new ();
  g_assert_true (sti_lab_start (fixture->lab, &error));
  g_assert_no_error (error);
}

static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sti_lab_stop (fixture->lab);
  drain_main_context ();
  g_assert_finalize_object (fixture->lab);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (g_test_verbose ())
        g_test_message ("fd %s -> %s", name, target);
      n++;
    }

  return n;
}

/* --- a raw SMTP client on the main loop ------------------------------------ */

typedef struct
{
  GSocketConnection *connection;
  GByteArray        *buffer;
  GError            *error;
  gboolean           done;
  gboolean           eof;
  guint8             chunk[4096];
} Client;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the default main context until *result is set; fails after a bound. */
static void
wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (IO_TIMEOUT_MS, timeout_flag_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (*result);
}

static GSocketConnection *
connect_to (GSocketAddress *address,
            GError        **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (address), NULL,
                                 async_done_cb, &result);
  wait_for_result (&result);

  return g_socket_client_connect_finish (client, result, error);
}

static Client *
client_new (StiLab     *lab,
            const char *host_name)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (lab, host_name);
  g_autoptr(GError) error = NULL;
  Client *client = g_new0 (Client, 1);

  g_assert_cmpuint (addresses->len, >, 0);
  client->connection = connect_to (g_ptr_array_index (addresses, 0), &error);
  g_assert_no_error (error);
  client->buffer = g_byte_array_new ();

  return client;
}

static void
client_free (Client *client)
{
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_clear_object (&client->connection);
  g_byte_array_unref (client->buffer);
  g_clear_error (&client->error);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

/* Reads once; returns FALSE at EOF. */
static gboolean
client_read_some (Client *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gssize n;

  g_input_stream_read_async (in, client->chunk, sizeof client->chunk, G_PRIORITY_DEFAULT,
                             NULL, async_done_cb, &result);
  wait_for_result (&result);
  n = g_input_stream_read_finish (in, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return FALSE;
  g_assert_no_error (error);
  if (n == 0)
    return FALSE;

  g_byte_array_append (client->buffer, client->chunk, n);
  return TRUE;
}

/* A complete reply: the buffer ends with a line "ddd text\r\n". */
static gboolean
reply_complete (GByteArray *buffer)
{
  const char *data = (const char *)buffer->data;
  gsize len = buffer->len;
  gsize start;

  if (len < 5 || data[len - 1] != '\n')
    return FALSE;

  start = len - 1;
  while (start > 0 && data[start - 1] != '\n')
    start--;

  return len - start >= 4 && data[start + 3] == ' ';
}

static char *
client_read_reply (Client *client)
{
  char *reply;

  while (!reply_complete (client->buffer))
    {
      if (!client_read_some (client))
        break;
    }

  reply = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_byte_array_set_size (client->buffer, 0);

  return reply;
}

static void
client_send (Client     *client,
             const char *data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_async (out, data, strlen (data), G_PRIORITY_DEFAULT, NULL,
                                   async_done_cb, &result);
  wait_for_result (&result);
  g_output_stream_write_all_finish (out, result, NULL, &error);
  g_assert_no_error (error);
}

static char *
client_command (Client     *client,
                const char *command)
{
  client_send (client, command);
  return client_read_reply (client);
}

static void
client_assert_eof (Client *client)
{
  g_assert_false (client_read_some (client));
  g_assert_cmpuint (client->buffer->len, ==, 0);
}

/* --- tests ------------------------------------------------------------------ */

static void
test_new_destroy (void)
{
  StiLab *lab = sti_lab_new ();

  g_assert_cmpuint (sti_lab_get_port (lab), ==, 0);
  g_assert_null (sti_lab_get_ca_pem (lab));
  g_assert_false (sti_lab_is_running (lab));
  g_assert_finalize_object (lab);
}

static void
test_start_stop (void)
{
  guint fds_before;

  /* GLib keeps a few descriptors for good once used (main context and
   * worker wakeups): warm up with a first lab, then count. */
  {
    g_autoptr(GError) error = NULL;
    StiLab *lab = sti_lab_new ();

    g_assert_true (sti_lab_start (lab, &error));
    g_assert_no_error (error);
    g_assert_finalize_object (lab);
    drain_main_context ();
  }
  fds_before = count_open_fds ();

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      StiLab *lab = sti_lab_new ();

      g_assert_true (sti_lab_start (lab, &error));
      g_assert_no_error (error);
      g_assert_true (sti_lab_is_running (lab));
      g_assert_cmpuint (sti_lab_get_port (lab), >, 0);
      g_assert_true (g_str_has_prefix (sti_lab_get_ca_pem (lab), "-----BEGIN CERTIFICATE-----"));
      g_assert_cmpuint (count_open_fds (), >, fds_before);

      /* Starting twice is harmless; the port stays. */
      {
        guint16 port = sti_lab_get_port (lab);

        g_assert_true (sti_lab_start (lab, &error));
        g_assert_cmpuint (sti_lab_get_port (lab), ==, port);
      }

      g_test_message ("Lab start-up took %.1f ms",
                      sti_lab_get_start_time_us (lab) / 1000.0);

      sti_lab_stop (lab);
      g_assert_false (sti_lab_is_running (lab));
      g_assert_cmpuint (sti_lab_get_port (lab), ==, 0);
      drain_main_context ();
      g_assert_cmpuint (count_open_fds (), ==, fds_before);

      /* Restart the same object, then let dispose stop it. */
      g_assert_true (sti_lab_start (lab, &error));
      g_assert_no_error (error);
      g_assert_finalize_object (lab);
      drain_main_context ();
      g_assert_cmpuint (count_open_fds (), ==, fds_before);
    }
}

static void
test_stop_with_open_connections (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = client_read_reply (client);

  g_assert_true (g_str_has_prefix (greeting, "220 "));
  sti_lab_stop (fixture->lab);
  drain_main_context ();
  client_assert_eof (client);
}


static void
test_scenarios (void)
{
  const StiLabScenario *scenarios;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  scenarios = sti_lab_get_scenarios (&n);
  g_assert_cmpuint (n, ==, 33);

  for (guint i = 0; i < n; i++)
    {
      const StiLabScenario *s = &scenarios[i];
      g_autofree char *domain = g_strconcat (s->id, ".lab.test", NULL);
      g_autofree char *upper = g_ascii_strup (s->domain, -1);
      g_autofree char *dotted = g_strconcat (upper, ".", NULL);

      g_assert_true (g_hash_table_add (ids, (gpointer)s->id));
      g_assert_cmpstr (s->domain, ==, domain);
      g_assert_nonnull (s->description);
      g_assert_cmpuint (strlen (s->description), >, 10);
      g_assert_null (strchr (s->description, '\n'));
      g_assert_nonnull (s->expected_findings);
      for (guint f = 0; s->expected_findings[f] != NULL; f++)
        g_assert_true (sti_catalog_has_entry (s->expected_findings[f]));

      g_assert_true (sti_lab_find_scenario (s->domain) == s);
      g_assert_true (sti_lab_find_scenario (dotted) == s);
      g_assert_true (sti_lab_is_lab_domain (s->domain));
    }

  g_assert_true (g_strv_contains (sti_lab_find_scenario ("expired.lab.test")->expected_findings,
                                  "cert-expired"));
  g_assert_null (sti_lab_find_scenario ("valid.lab.test")->expected_findings[0]);
  g_assert_null (sti_lab_find_scenario ("example.org"));
  g_assert_null (sti_lab_find_scenario ("mx1.valid.lab.test"));
  g_assert_null (sti_lab_find_scenario (NULL));

  g_assert_true (sti_lab_is_lab_domain ("lab.test"));
  g_assert_true (sti_lab_is_lab_domain ("LAB.TEST."));
  g_assert_true (sti_lab_is_lab_domain ("Mx1.Valid.Lab.Test."));
  g_assert_true (sti_lab_is_lab_domain ("unknown.lab.test"));
  g_assert_false (sti_lab_is_lab_domain ("xlab.test"));
  g_assert_false (sti_lab_is_lab_domain ("lab.test.example.org"));
  g_assert_false (sti_lab_is_lab_domain ("test"));
  g_assert_false (sti_lab_is_lab_domain (""));
  g_assert_false (sti_lab_is_lab_domain (NULL));
}

static void
test_zone_data (void)
{
  g_autoptr(StiLab) lab = sti_lab_new ();
  g_auto(GStrv) records = sti_lab_dup_zone_data (lab);
  const StiLabScenario *scenarios;
  guint n;

  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "valid.lab.test. 300 IN MX 10 mx1.valid.lab.test."));
  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "valid.lab.test. 300 IN MX 20 mx2.valid.lab.test."));
  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "mx1.valid.lab.test. 300 IN A 127.77.1.1"));
  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "null-mx.lab.test. 300 IN MX 0 ."));
  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "mx1.ipv6-only.lab.test. 300 IN AAAA ::1"));
  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "one-mx-down.lab.test. 300 IN MX 30 mx3.one-mx-down.lab.test."));

  /* Every scenario domain has data; every MX target has an address. */
  scenarios = sti_lab_get_scenarios (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *owner = g_strconcat (scenarios[i].domain, ". ", NULL);
      gboolean found = FALSE;

      for (guint r = 0; records[r] != NULL; r++)
        found |= g_str_has_prefix (records[r], owner);
      g_assert_true (found);
    }

  for (guint r = 0; records[r] != NULL; r++)
    {
      g_auto(GStrv) fields = g_strsplit (records[r], " ", -1);

      g_assert_cmpuint (g_strv_length (fields), >=, 5);
      g_assert_true (g_str_has_suffix (fields[0], ".lab.test."));
      g_assert_cmpstr (fields[2], ==, "IN");

      if (g_str_equal (fields[3], "MX") && !g_str_equal (fields[5], "."))
        {
          g_autofree char *a = g_strconcat (fields[5], " 300 IN A ", NULL);
          g_autofree char *aaaa = g_strconcat (fields[5], " 300 IN AAAA ", NULL);
          gboolean found = FALSE;

          for (guint k = 0; records[k] != NULL; k++)
            found |= g_str_has_prefix (records[k], a) || g_str_has_prefix (records[k], aaaa);
          g_assert_true (found);
        }
    }

  g_assert_true (g_strv_contains ((const char * const *)records,
                                  "no-mx.lab.test. 300 IN A 127.77.16.1"));
  for (guint r = 0; records[r] != NULL; r++)
    g_assert_false (g_str_has_prefix (records[r], "no-mx.lab.test. 300 IN MX"));
}

/* --- DNS through the resolver's local data ------------------------------------ */

static StiDnsAnswer *
query (StiResolver *resolver,
       const char  *name,
       guint16      rrtype)
{
  g_autoptr(GError) error = NULL;
  StiDnsAnswer *answer = query_sync (resolver, name, rrtype, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static char *
resolve_one_address (StiResolver *resolver,
                     const char  *host)
{
  static const guint16 types[] = { STI_DNS_TYPE_A, STI_DNS_TYPE_AAAA };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(StiDnsAnswer) answer = query (resolver, host, types[t]);
      g_autoptr(GInetAddress) address = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *records = sti_dns_answer_get_records (answer);

      if (sti_dns_answer_get_result (answer) != STI_DNS_RCODE_KIND_NOERROR)
        continue;

      g_assert_cmpuint (records->len, ==, 1);
      address = sti_dns_rdata_parse_address (g_ptr_array_index (records, 0), types[t], &error);
      g_assert_no_error (error);
      return g_inet_address_to_string (address);
    }

  return NULL;
}

/* Every mail host a scenario names resolves, and to where the lab listens. */
static void
assert_host_resolves (StiLab      *lab,
                      StiResolver *resolver,
                      const char  *host)
{
  g_autofree char *resolved = resolve_one_address (resolver, host);
  g_autoptr(GPtrArray) listening = sti_lab_dup_addresses (lab, host);

  g_assert_nonnull (resolved);
  if (listening->len > 0)
    {
      GInetAddress *where = g_inet_socket_address_get_address (g_ptr_array_index (listening, 0));
      g_autofree char *expected = g_inet_address_to_string (where);

      g_assert_cmpstr (resolved, ==, expected);
    }
  else
    {
      g_assert_cmpstr (host, ==, "mx2.one-mx-down.lab.test");
    }
}

static void
test_resolver (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  const StiLabScenario *scenarios;
  guint n;

  /* A forwarder where nothing listens: every answer must be local. */
  resolver = sti_resolver_new ("127.0.0.1@9", &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (resolver, 2000);
  g_assert_true (sti_lab_configure_resolver (fixture->lab, resolver, &error));
  g_assert_no_error (error);

  scenarios = sti_lab_get_scenarios (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StiDnsAnswer) mx = query (resolver, scenarios[i].domain, STI_DNS_TYPE_MX);
      GPtrArray *records = sti_dns_answer_get_records (mx);

      if (g_str_equal (scenarios[i].id, "no-mx"))
        {
          g_assert_cmpint (sti_dns_answer_get_result (mx), ==, STI_DNS_RCODE_KIND_NODATA);
          assert_host_resolves (fixture->lab, resolver, scenarios[i].domain);
          continue;
        }

      g_assert_cmpint (sti_dns_answer_get_result (mx), ==, STI_DNS_RCODE_KIND_NOERROR);
      g_assert_cmpuint (records->len, >=, 1);

      for (guint r = 0; r < records->len; r++)
        {
          g_autofree char *exchange = NULL;
          guint16 preference = 0;

          g_assert_true (sti_dns_rdata_parse_mx (g_ptr_array_index (records, r),
                                                 &preference, &exchange, &error));
          g_assert_no_error (error);

          if (g_str_equal (scenarios[i].id, "null-mx"))
            {
              g_assert_cmpuint (preference, ==, 0);
              g_assert_cmpstr (exchange, ==, ".");
              continue;
            }

          /* Compare without the root dot. */
          if (g_str_has_suffix (exchange, "."))
            exchange[strlen (exchange) - 1] = '\0';
          g_assert_true (g_str_has_suffix (exchange, scenarios[i].domain));
          assert_host_resolves (fixture->lab, resolver, exchange);
        }

      if (g_str_equal (scenarios[i].id, "one-mx-down"))
        g_assert_cmpuint (records->len, ==, 3);
      if (g_str_equal (scenarios[i].id, "valid"))
        g_assert_cmpuint (records->len, ==, 2);
    }

  /* Nothing else exists under lab.test, and nothing leaks out to ask. */
  {
    g_autoptr(StiDnsAnswer) answer = query (resolver, "unknown.lab.test", STI_DNS_TYPE_MX);

    g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NXDOMAIN);
  }
}

/* --- certificates -------------------------------------------------------- */

static gnutls_x509_crt_t
chain_cert (GPtrArray *chain,
            guint      index)
{
  gnutls_x509_crt_t crt = NULL;
  gsize size;
  gconstpointer data;
  gnutls_datum_t datum;

  g_assert_cmpuint (index, <, chain->len);
  data = g_bytes_get_data (g_ptr_array_index (chain, index), &size);
  datum.data = (unsigned char *)data;
  datum.size = size;
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER), ==, 0);

  return crt;
}

static GPtrArray *
lab_chain (StiLab     *lab,
           const char *host_name)
{
  GPtrArray *chain = sti_lab_dup_chain (lab, host_name);

  g_assert_nonnull (chain);
  return chain;
}

/* Verifies @chain as sent against the lab CA; returns the GnuTLS status. */
static unsigned int
verify_chain (StiLab       *lab,
              GPtrArray    *chain,
              const char   *host_name,
              unsigned int  flags)
{
  g_auto(gnutls_x509_trust_list_t) trust = NULL;
  g_auto(gnutls_x509_crt_t) ca = NULL;
  gnutls_x509_crt_t certs[8];
  const char *pem = sti_lab_get_ca_pem (lab);
  gnutls_datum_t ca_datum = { (unsigned char *)pem, strlen (pem) };
  gnutls_typed_vdata_st vdata[] = {
    { GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)host_name, 0 },
    { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER, 0 },
  };
  unsigned int status = 0;

  g_assert_cmpuint (chain->len, <=, G_N_ELEMENTS (certs));
  g_assert_cmpint (gnutls_x509_crt_init (&ca), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (ca, &ca_datum, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_trust_list_init (&trust, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_trust_list_add_cas (trust, &ca, 1, 0), ==, 1);
  ca = NULL; /* the list owns it now */

  for (guint i = 0; i < chain->len; i++)
    certs[i] = chain_cert (chain, i);

  g_assert_cmpint (gnutls_x509_trust_list_verify_crt2 (trust, certs, chain->len,
                                                       vdata, G_N_ELEMENTS (vdata),
                                                       flags, &status, NULL), ==, 0);
  for (guint i = 0; i < chain->len; i++)
    gnutls_x509_crt_deinit (certs[i]);

  return status;
}

static char *
cert_dn_part (gnutls_x509_crt_t  crt,
              const char        *oid)
{
  char buf[512];
  size_t size = sizeof buf;

  g_assert_cmpint (gnutls_x509_crt_get_dn_by_oid (crt, oid, 0, 1, buf, &size), ==, 0);
  return g_strndup (buf, size);
}

static void
test_certificates (Fixture       *fixture,
                   gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  time_t now = time (NULL);
  unsigned int bits = 0;

  /* valid: [leaf, intermediate], verifies with the lab CA for its name */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.valid.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    g_auto(gnutls_x509_crt_t) inter = chain_cert (chain, 1);

    g_assert_cmpuint (chain->len, ==, 2);
    g_assert_true (gnutls_x509_crt_check_issuer (leaf, inter));
    g_assert_cmpuint (verify_chain (lab, chain, "mx1.valid.lab.test", 0), ==, 0);
    g_assert_cmpuint (verify_chain (lab, chain, "mx2.valid.lab.test", 0), !=, 0);
    g_assert_true (gnutls_x509_crt_get_expiration_time (leaf) > now + 60 * 24 * 3600);
    g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_ECDSA);
  }
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx2.valid.lab.test");

    g_assert_cmpuint (verify_chain (lab, chain, "mx2.valid.lab.test", 0), ==, 0);
  }

  /* expired: 30 days ago */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.expired.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    time_t expiry = gnutls_x509_crt_get_expiration_time (leaf);

    g_assert_cmpint (expiry, <, now - 29 * 24 * 3600);
    g_assert_cmpint (expiry, >, now - 31 * 24 * 3600);
    g_assert_true (verify_chain (lab, chain, "mx1.expired.lab.test", 0) & GNUTLS_CERT_EXPIRED);
  }

  /* not yet valid: from 10 days on */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.not-yet-valid.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);

    g_assert_cmpint (gnutls_x509_crt_get_activation_time (leaf), >, now + 9 * 24 * 3600);
    g_assert_true (verify_chain (lab, chain, "mx1.not-yet-valid.lab.test", 0) &
                   GNUTLS_CERT_NOT_ACTIVATED);
  }

  /* self-signed: one certificate, its own issuer */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.self-signed.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);

    g_assert_cmpuint (chain->len, ==, 1);
    g_assert_true (gnutls_x509_crt_check_issuer (leaf, leaf));
    g_assert_true (verify_chain (lab, chain, "mx1.self-signed.lab.test", 0) &
                   GNUTLS_CERT_SIGNER_NOT_FOUND);
  }

  /* untrusted CA: one certificate, issuer unknown to the lab CA */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.untrusted-ca.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    g_autofree char *issuer = NULL;
    char buf[256];
    size_t size = sizeof buf;

    g_assert_cmpuint (chain->len, ==, 1);
    g_assert_false (gnutls_x509_crt_check_issuer (leaf, leaf));
    g_assert_cmpint (gnutls_x509_crt_get_issuer_dn_by_oid (leaf, GNUTLS_OID_X520_COMMON_NAME,
                                                           0, 0, buf, &size), ==, 0);
    issuer = g_strndup (buf, size);
    g_assert_cmpstr (issuer, ==, "Untrusted Demo Root CA");
    g_assert_true (verify_chain (lab, chain, "mx1.untrusted-ca.lab.test", 0) &
                   GNUTLS_CERT_SIGNER_NOT_FOUND);
  }

  /* missing intermediate: leaf only, with an AIA URL on the lab port */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.missing-intermediate.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    g_autofree char *expected = g_strdup_printf ("http://127.77.6.100:%u/lab-intermediate.cer",
                                                 sti_lab_get_port (lab));
    g_auto(StiGnutlsDatum) url = { NULL, 0 };
    unsigned int critical;
    int ret;

    g_assert_cmpuint (chain->len, ==, 1);
    ret = gnutls_x509_crt_get_authority_info_access (leaf, 0, GNUTLS_IA_CAISSUERS_URI,
                                                     &url, &critical);
    g_assert_cmpint (ret, ==, 0);
    g_assert_cmpmem (url.data, url.size, expected, strlen (expected));
    g_assert_true (verify_chain (lab, chain, "mx1.missing-intermediate.lab.test", 0) &
                   GNUTLS_CERT_SIGNER_NOT_FOUND);
  }

  /* wrong order: [leaf, intermediate, intermediate 2]; sorted it verifies */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.wrong-order.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    g_auto(gnutls_x509_crt_t) second = chain_cert (chain, 1);
    g_auto(gnutls_x509_crt_t) third = chain_cert (chain, 2);

    g_assert_cmpuint (chain->len, ==, 3);
    g_assert_false (gnutls_x509_crt_check_issuer (leaf, second));
    g_assert_true (gnutls_x509_crt_check_issuer (leaf, third));
    g_assert_true (gnutls_x509_crt_check_issuer (third, second));
    g_assert_cmpuint (verify_chain (lab, chain, "mx1.wrong-order.lab.test", 0), ==, 0);
    g_assert_cmpuint (verify_chain (lab, chain, "mx1.wrong-order.lab.test",
                                    GNUTLS_VERIFY_DO_NOT_ALLOW_UNSORTED_CHAIN), !=, 0);
  }

  /* name mismatch: valid only for mail.other.lab.test */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.name-mismatch.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);

    g_assert_false (gnutls_x509_crt_check_hostname (leaf, "mx1.name-mismatch.lab.test"));
    g_assert_true (gnutls_x509_crt_check_hostname (leaf, "mail.other.lab.test"));
    g_assert_true (verify_chain (lab, chain, "mx1.name-mismatch.lab.test", 0) &
                   GNUTLS_CERT_UNEXPECTED_OWNER);
    g_assert_cmpuint (verify_chain (lab, chain, "mail.other.lab.test", 0), ==, 0);
  }

  /* weak key: RSA 1024 */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.weak-key.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);

    g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_RSA);
    g_assert_cmpuint (bits, ==, 1024);
  }

  /* SHA-1 signature */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.sha1.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    int sign = gnutls_x509_crt_get_signature_algorithm (leaf);

    g_assert_cmpint (gnutls_sign_get_hash_algorithm (sign), ==, GNUTLS_DIG_SHA1);
    g_assert_true (verify_chain (lab, chain, "mx1.sha1.lab.test", 0) &
                   GNUTLS_CERT_INSECURE_ALGORITHM);
  }

  /* hostile: markup and invalid UTF-8 in the names, valid SAN */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.hostile.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    g_autofree char *cn = cert_dn_part (leaf, GNUTLS_OID_X520_COMMON_NAME);
    g_autofree char *o = cert_dn_part (leaf, GNUTLS_OID_X520_ORGANIZATION_NAME);
    g_autofree char *ou = cert_dn_part (leaf, GNUTLS_OID_X520_ORGANIZATIONAL_UNIT_NAME);

    g_assert_nonnull (strstr (cn, "<script>alert(1)</script>"));
    g_assert_false (g_utf8_validate (cn, -1, NULL));
    g_assert_nonnull (strstr (o, "<img src=x onerror=alert(1)>"));
    g_assert_nonnull (strstr (o, "&amp;"));
    g_assert_nonnull (strstr (o, "`"));
    g_assert_nonnull (strstr (o, "|"));
    g_assert_false (g_utf8_validate (ou, -1, NULL));
    g_assert_cmpuint (verify_chain (lab, chain, "mx1.hostile.lab.test", 0), ==, 0);
  }

  /* implicit MX: the certificate names the domain itself */
  {
    g_autoptr(GPtrArray) chain = lab_chain (lab, "no-mx.lab.test");

    g_assert_cmpuint (verify_chain (lab, chain, "no-mx.lab.test", 0), ==, 0);
  }

  g_assert_null (sti_lab_dup_chain (lab, "mx1.null-mx.lab.test"));
}

/* --- SMTP dialogues -------------------------------------------------------- */

static void
test_smtp_valid (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = NULL;
  g_autofree char *helo = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *noop = NULL;
  g_autofree char *rset = NULL;
  g_autofree char *quit = NULL;

  g_assert_true (g_str_has_prefix (greeting, "220 mx1.valid.lab.test "));
  g_assert_true (g_str_has_suffix (greeting, "\r\n"));

  ehlo = client_command (client, "EHLO client.example\r\n");
  g_assert_true (g_str_has_prefix (ehlo, "250-mx1.valid.lab.test"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-PIPELINING\r\n"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-SIZE "));
  g_assert_nonnull (strstr (ehlo, "\r\n250-8BITMIME\r\n"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-STARTTLS\r\n"));
  g_assert_true (g_str_has_suffix (ehlo, "\r\n250 ENHANCEDSTATUSCODES\r\n"));

  helo = client_command (client, "helo client.example\r\n");
  g_assert_cmpstr (helo, ==, "250 mx1.valid.lab.test\r\n");
  mail = client_command (client, "MAIL FROM:<a@example.org>\r\n");
  g_assert_true (g_str_has_prefix (mail, "550 "));
  unknown = client_command (client, "FROB\r\n");
  g_assert_true (g_str_has_prefix (unknown, "500 "));
  noop = client_command (client, "NOOP\r\n");
  g_assert_true (g_str_has_prefix (noop, "250 "));
  rset = client_command (client, "RSET\n");   /* bare LF accepted */
  g_assert_true (g_str_has_prefix (rset, "250 "));
  quit = client_command (client, "QUIT\r\n");
  g_assert_true (g_str_has_prefix (quit, "221 "));
  client_assert_eof (client);
}

static void
test_smtp_pipelined (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *replies = NULL;

  /* Three commands in one segment get three replies, in order. */
  client_send (client, "NOOP\r\nFROB\r\nQUIT\r\n");
  while (client_read_some (client))
    ;
  replies = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_assert_cmpstr (replies, ==,
                   "250 2.0.0 OK\r\n500 5.5.2 Command not recognized\r\n221 2.0.0 Bye\r\n");
}

static void
test_smtp_no_starttls (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.no-starttls.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = client_command (client, "STARTTLS\r\n");

  g_assert_true (g_str_has_prefix (greeting, "220 "));
  g_assert_null (strstr (ehlo, "STARTTLS"));
  g_assert_true (g_str_has_suffix (ehlo, "250 ENHANCEDSTATUSCODES\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "502 "));
}

static void
test_smtp_starttls_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.starttls-refused.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = client_command (client, "STARTTLS\r\n");
  g_autofree char *noop = client_command (client, "NOOP\r\n");

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "454 4.7.0 "));
  g_assert_true (g_str_has_prefix (noop, "250 "));
}

static void
test_smtp_greeting_421 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.greeting-421.lab.test");
  g_autofree char *greeting = client_read_reply (client);

  g_assert_true (g_str_has_prefix (greeting, "421 4.3.2 "));
  g_assert_true (g_str_has_suffix (greeting, "\r\n"));
  client_assert_eof (client);
}

static void
test_smtp_injection (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.injection.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");
  g_autofree char *reply = NULL;

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  client_send (client, "STARTTLS\r\n");

  /* Sent in one write: on loopback, one read sees both lines. */
  g_assert_true (client_read_some (client));
  reply = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_assert_cmpstr (reply, ==, "220 Ready to start TLS\r\n250-injected\r\n");
}

static void
test_smtp_hostile (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.hostile.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");

  g_assert_true (g_str_has_prefix (greeting, "220 mx1.hostile.lab.test "));
  g_assert_nonnull (strstr (greeting, "<script>alert(1)</script>"));
  g_assert_nonnull (strstr (greeting, "<b>"));
  g_assert_nonnull (strstr (greeting, "&amp;"));
  g_assert_nonnull (strstr (greeting, "`"));
  g_assert_nonnull (strstr (greeting, "|"));
  g_assert_false (g_utf8_validate (greeting, -1, NULL));
  g_assert_nonnull (strstr (ehlo, "<img src=x onerror=alert(1)>"));
  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_false (g_utf8_validate (ehlo, -1, NULL));
}

static void
test_smtp_line_too_long (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *junk = g_strnfill (3000, 'A');
  g_autofree char *reply = NULL;

  client_send (client, junk);
  reply = client_read_reply (client);
  g_assert_true (g_str_has_prefix (reply, "500 5.5.2 Line too long"));
  client_assert_eof (client);
}

static void
test_smtp_timeouts (void)
{
  g_autoptr(GError) error = NULL;
  StiLab *lab = sti_lab_new ();
  gint64 begin;

  sti_lab_set_timeouts (lab, 300, 1200);
  g_assert_true (sti_lab_start (lab, &error));
  g_assert_no_error (error);

  /* A silent client is dropped after the idle timeout. */
  {
    g_autoptr(Client) client = client_new (lab, "mx1.valid.lab.test");
    g_autofree char *greeting = client_read_reply (client);

    begin = g_get_monotonic_time ();
    client_assert_eof (client);
    g_assert_cmpint (g_get_monotonic_time () - begin, >=, 200 * 1000);
  }

  /* A client that keeps talking is dropped at the total deadline. */
  {
    g_autoptr(Client) client = client_new (lab, "mx1.valid.lab.test");
    g_autofree char *greeting = client_read_reply (client);
    gboolean open = TRUE;

    begin = g_get_monotonic_time ();
    while (open && g_get_monotonic_time () - begin < 4 * G_USEC_PER_SEC)
      {
        g_autoptr(GError) send_error = NULL;
        GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));

        g_usleep (100 * 1000);
        if (!g_output_stream_write_all (out, "NOOP\r\n", 6, NULL, NULL, &send_error))
          break;
        g_byte_array_set_size (client->buffer, 0);
        open = client_read_some (client);
      }
    g_assert_false (open);
    g_assert_cmpint (g_get_monotonic_time () - begin, <, 3 * G_USEC_PER_SEC);
  }

  sti_lab_stop (lab);
  drain_main_context ();
  g_assert_finalize_object (lab);
}

/* Everything runs on the thread-default context of sti_lab_start(), timers
 * included: the global default context is never iterated here. */
static void
test_thread_default_context (void)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GString) received = g_string_new (NULL);
  gint64 deadline;
  gboolean eof = FALSE;
  StiLab *lab;

  g_main_context_push_thread_default (context);

  lab = sti_lab_new ();
  sti_lab_set_timeouts (lab, 200, 1000);
  g_assert_true (sti_lab_start (lab, &error));
  g_assert_no_error (error);

  addresses = sti_lab_dup_addresses (lab, "mx1.valid.lab.test");
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, g_ptr_array_index (addresses, 0), NULL, &error));
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  deadline = g_get_monotonic_time () + IO_TIMEOUT_MS * 1000;
  while (!eof && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) receive_error = NULL;
      char buf[1024];
      gssize n;

      g_main_context_iteration (context, FALSE);
      n = g_socket_receive (socket, buf, sizeof buf, NULL, &receive_error);
      if (n > 0)
        g_string_append_len (received, buf, n);
      else if (n == 0)
        eof = TRUE;
      else
        g_usleep (1000);
    }

  /* Greeted, then dropped by the idle timer. */
  g_assert_true (eof);
  g_assert_true (g_str_has_prefix (received->str, "220 mx1.valid.lab.test "));

  sti_lab_stop (lab);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_finalize_object (lab);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

static void
test_one_mx_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) down = sti_lab_dup_addresses (fixture->lab, "mx2.one-mx-down.lab.test");
  g_autoptr(GPtrArray) up = sti_lab_dup_addresses (fixture->lab, "mx3.one-mx-down.lab.test");
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (down->len, ==, 0);
  g_assert_cmpuint (up->len, ==, 1);

  address = g_inet_socket_address_new_from_string ("127.77.14.2", sti_lab_get_port (fixture->lab));
  connection = connect_to (address, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (connection);
}

static void
test_ipv6 (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (fixture->lab, "mx1.ipv6-only.lab.test");
  g_autoptr(Client) client = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *where = NULL;

  if (addresses->len == 0)
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }

  where = g_socket_connectable_to_string (g_ptr_array_index (addresses, 0));
  g_assert_true (g_str_has_prefix (where, "[::1]:"));
  client = client_new (fixture->lab, "mx1.ipv6-only.lab.test");
  greeting = client_read_reply (client);
  g_assert_true (g_str_has_prefix (greeting, "220 mx1.ipv6-only.lab.test "));
}

static void
test_aia (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(Client) client = client_new (fixture->lab, "aia.missing-intermediate.lab.test");
  g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.valid.lab.test");
  GBytes *intermediate = g_ptr_array_index (chain, 1);
  const guint8 *response;
  const guint8 *body;

  client_send (client, "GET /lab-intermediate.cer HTTP/1.1\r\nHost: 127.77.6.100\r\n\r\n");
  while (client_read_some (client))
    ;

  response = client->buffer->data;
  g_assert_true (g_str_has_prefix ((const char *)response, "HTTP/1.1 200 OK\r\n"));
  body = (const guint8 *)g_strstr_len ((const char *)response, client->buffer->len, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;
  g_assert_cmpmem (body, client->buffer->len - (body - response),
                   g_bytes_get_data (intermediate, NULL), g_bytes_get_size (intermediate));
}

/* --- TLS ----------------------------------------------------------------------- */

static StiTlsSession *
client_start_tls (Client     *client,
                  const char *host_name)
{
  g_autoptr(StiTlsSession) tls = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = client_command (client, "STARTTLS\r\n");

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "220 "));

  tls = sti_tls_session_new_client (g_socket_connection_get_socket (client->connection),
                                    host_name, NULL, &error);
  g_assert_no_error (error);
  sti_tls_session_handshake_async (tls, NULL, async_done_cb, &result);
  wait_for_result (&result);
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

  sti_tls_session_write_async (tls, data, NULL, async_done_cb, &result);
  wait_for_result (&result);
  g_assert_true (sti_tls_session_write_finish (tls, result, &error));
  g_assert_no_error (error);

  while (!reply_complete (reply))
    {
      g_autoptr(GAsyncResult) read_result = NULL;
      g_autoptr(GBytes) bytes = NULL;

      sti_tls_session_read_async (tls, 4096, NULL, async_done_cb, &read_result);
      wait_for_result (&read_result);
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
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  const char *host_name = data;
  g_autoptr(Client) client = client_new (fixture->lab, host_name);
  g_autofree char *greeting = client_read_reply (client);
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
test_bench (Fixture       *fixture,
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
  g_assert_cmpuint (verify_chain (fixture->lab, chain, host_name, 0), ==, 0);

  for (guint i = 0; i < addresses->len; i++)
    {
      GInetSocketAddress *address = g_ptr_array_index (addresses, i);
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(GSocketConnection) connection = connect_to (G_SOCKET_ADDRESS (address), &error);
      Client client = { .connection = connection, .buffer = g_byte_array_new () };
      g_autofree char *greeting = NULL;

      g_assert_no_error (error);
      greeting = client_read_reply (&client);
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

/* --- analysis scenarios --------------------------------------------------- */

/* The certificates of the scenarios that exercise the certificate
 * analysis carry what their names promise. */
static void
test_analysis_certificates (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.expiring-soon.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    gint64 left = (gnutls_x509_crt_get_expiration_time (leaf) - now) / (24 * 3600);

    g_assert_cmpint (left, ==, 5);
    g_assert_cmpuint (verify_chain (fixture->lab, chain, "mx1.expiring-soon.lab.test", 0), ==, 0);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.not-for-server-auth.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    char oid[128];
    size_t size = sizeof oid;

    g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (leaf, 0, oid, &size, NULL), ==, 0);
    g_assert_cmpstr (oid, ==, GNUTLS_KP_TLS_WWW_CLIENT);
    size = sizeof oid;
    g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (leaf, 1, oid, &size, NULL), <, 0);
    g_assert_true (verify_chain (fixture->lab, chain, "mx1.not-for-server-auth.lab.test", 0) &
                   GNUTLS_CERT_PURPOSE_MISMATCH);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.must-staple.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    gnutls_x509_tlsfeatures_t features = NULL;
    unsigned int feature = 0;

    g_assert_cmpint (gnutls_x509_tlsfeatures_init (&features), ==, 0);
    g_assert_cmpint (gnutls_x509_crt_get_tlsfeatures (leaf, features, 0, NULL), ==, 0);
    g_assert_cmpint (gnutls_x509_tlsfeatures_get (features, 0, &feature), ==, 0);
    g_assert_cmpuint (feature, ==, 5);
    gnutls_x509_tlsfeatures_deinit (features);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.no-forward-secrecy.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = chain_cert (chain, 0);
    unsigned int bits = 0;

    g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_RSA);
    g_assert_cmpuint (bits, ==, 2048);
  }
}

static GBytes *
ocsp_query (Fixture           *fixture,
            const char        *scenario_host,
            gnutls_x509_crt_t  leaf,
            gnutls_x509_crt_t  issuer)
{
  g_autoptr(Client) client = client_new (fixture->lab, scenario_host);
  g_auto(gnutls_ocsp_req_t) req = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  g_autofree char *b64 = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *request = NULL;
  const char *response;
  const char *body;

  g_assert_cmpint (gnutls_ocsp_req_init (&req), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_add_cert (req, GNUTLS_DIG_SHA1, issuer, leaf), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_export (req, &der), ==, 0);
  b64 = g_base64_encode (der.data, der.size);
  escaped = g_uri_escape_string (b64, NULL, FALSE);
  request = g_strdup_printf ("GET /%s HTTP/1.1\r\nHost: ocsp\r\n\r\n", escaped);

  client_send (client, request);
  while (client_read_some (client))
    ;

  response = (const char *)client->buffer->data;
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (g_strstr_len (response, client->buffer->len,
                                  "Content-Type: application/ocsp-response\r\n"));
  body = g_strstr_len (response, client->buffer->len, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;

  return g_bytes_new (body, client->buffer->len - (body - response));
}

static unsigned int
ocsp_status_of (GBytes            *answer,
                gnutls_x509_crt_t  leaf,
                gnutls_x509_crt_t  issuer)
{
  g_auto(gnutls_ocsp_resp_t) resp = NULL;
  gnutls_datum_t datum = { (unsigned char *)g_bytes_get_data (answer, NULL),
                           g_bytes_get_size (answer) };
  unsigned int verify = 1, status = 99;

  g_assert_cmpint (gnutls_ocsp_resp_init (&resp), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_import (resp, &datum), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_get_status (resp), ==, GNUTLS_OCSP_RESP_SUCCESSFUL);
  g_assert_cmpint (gnutls_ocsp_resp_verify_direct (resp, issuer, &verify, 0), ==, 0);
  g_assert_cmpuint (verify, ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_check_crt (resp, 0, leaf), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_get_single (resp, 0, NULL, NULL, NULL, NULL, &status,
                                                NULL, NULL, NULL, NULL), ==, 0);

  return status;
}

static void
test_ocsp_responder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) revoked_chain = lab_chain (fixture->lab, "mx1.revoked.lab.test");
  g_autoptr(GPtrArray) valid_chain = lab_chain (fixture->lab, "mx1.valid.lab.test");
  g_auto(gnutls_x509_crt_t) revoked = chain_cert (revoked_chain, 0);
  g_auto(gnutls_x509_crt_t) valid = chain_cert (valid_chain, 0);
  g_auto(gnutls_x509_crt_t) issuer = chain_cert (revoked_chain, 1);
  gnutls_datum_t url = { NULL, 0 };
  g_autoptr(GBytes) answer1 = NULL;
  g_autoptr(GBytes) answer2 = NULL;

  /* The revoked leaf names the lab responder. */
  g_assert_cmpint (gnutls_x509_crt_get_authority_info_access (revoked, 0, GNUTLS_IA_OCSP_URI,
                                                              &url, NULL), ==, 0);
  g_assert_true (g_str_has_prefix ((const char *)url.data, "http://127.77."));
  gnutls_free (url.data);

  answer1 = ocsp_query (fixture, "ocsp.revoked.lab.test", revoked, issuer);
  g_assert_cmpuint (ocsp_status_of (answer1, revoked, issuer), ==, GNUTLS_OCSP_CERT_REVOKED);
  answer2 = ocsp_query (fixture, "ocsp.revoked.lab.test", valid, issuer);
  g_assert_cmpuint (ocsp_status_of (answer2, valid, issuer), ==, GNUTLS_OCSP_CERT_GOOD);

  /* Garbage gets "malformedRequest", not a crash. */
  {
    g_autoptr(Client) client = client_new (fixture->lab, "ocsp.revoked.lab.test");

    client_send (client, "GET /not-base64%00%ff HTTP/1.1\r\n\r\n");
    while (client_read_some (client))
      ;
    g_assert_cmpuint (client->buffer->len, >, 5);
    g_assert_cmpmem (client->buffer->data + client->buffer->len - 5, 5,
                     "\x30\x03\x0a\x01\x01", 5);
  }
}

static StiTlsSession *
start_tls_with (Fixture    *fixture,
                Client     *client,
                const char *host_name,
                const char *priority,
                GError    **error)
{
  g_autoptr(StiTlsSession) tls = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *greeting = client_read_reply (client);
  g_autofree char *ehlo = client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = client_command (client, "STARTTLS\r\n");

  g_assert_true (g_str_has_prefix (starttls, "220 "));
  tls = sti_tls_session_new_client (g_socket_connection_get_socket (client->connection),
                                    host_name, priority, error);
  g_assert_nonnull (tls);
  sti_tls_session_handshake_async (tls, NULL, async_done_cb, &result);
  wait_for_result (&result);
  if (!sti_tls_session_handshake_finish (tls, result, error))
    return NULL;

  return g_steal_pointer (&tls);
}

static void
test_tls_old (Fixture       *fixture,
              gconstpointer  data)
{
  const char *host_name = "mx1.old-tls.lab.test";
  g_autoptr(GError) error = NULL;

  /* The probe's default "NORMAL" still offers TLS 1.0 and 1.1 on Debian 12. */
  {
    g_autoptr(Client) client = client_new (fixture->lab, host_name);
    g_autoptr(StiTlsSession) tls = start_tls_with (fixture, client, host_name, NULL, &error);

    g_autoptr(StiTlsSessionInfo) info = NULL;

    g_assert_no_error (error);
    info = sti_tls_session_dup_info (tls);
    g_assert_cmpstr (info->tls_version, ==, "TLS1.1");
    sti_tls_session_close (tls);
  }

  /* A client that allows only TLS 1.2 and 1.3 cannot connect. */
  {
    g_autoptr(Client) client = client_new (fixture->lab, host_name);
    g_autoptr(StiTlsSession) tls = start_tls_with (fixture, client, host_name,
                                                   "NORMAL:-VERS-TLS1.1:-VERS-TLS1.0", &error);

    g_assert_null (tls);
    g_assert_nonnull (error);
  }
}

static void
test_tls_static_rsa (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *host_name = "mx1.no-forward-secrecy.lab.test";
  g_autoptr(Client) client = client_new (fixture->lab, host_name);
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

  g_test_add_func ("/sti/lab/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/lab/start-stop", test_start_stop);
  g_test_add ("/sti/lab/stop-with-open-connections", Fixture, NULL,
              fixture_setup, test_stop_with_open_connections, fixture_teardown);
  g_test_add_func ("/sti/lab/scenarios", test_scenarios);
  g_test_add_func ("/sti/lab/zone-data", test_zone_data);
  g_test_add ("/sti/lab/resolver", Fixture, NULL,
              fixture_setup, test_resolver, fixture_teardown);
  g_test_add ("/sti/lab/certificates", Fixture, NULL,
              fixture_setup, test_certificates, fixture_teardown);
  g_test_add ("/sti/lab/smtp/valid", Fixture, NULL,
              fixture_setup, test_smtp_valid, fixture_teardown);
  g_test_add ("/sti/lab/smtp/pipelined", Fixture, NULL,
              fixture_setup, test_smtp_pipelined, fixture_teardown);
  g_test_add ("/sti/lab/smtp/no-starttls", Fixture, NULL,
              fixture_setup, test_smtp_no_starttls, fixture_teardown);
  g_test_add ("/sti/lab/smtp/starttls-refused", Fixture, NULL,
              fixture_setup, test_smtp_starttls_refused, fixture_teardown);
  g_test_add ("/sti/lab/smtp/greeting-421", Fixture, NULL,
              fixture_setup, test_smtp_greeting_421, fixture_teardown);
  g_test_add ("/sti/lab/smtp/injection", Fixture, NULL,
              fixture_setup, test_smtp_injection, fixture_teardown);
  g_test_add ("/sti/lab/smtp/hostile", Fixture, NULL,
              fixture_setup, test_smtp_hostile, fixture_teardown);
  g_test_add ("/sti/lab/smtp/line-too-long", Fixture, NULL,
              fixture_setup, test_smtp_line_too_long, fixture_teardown);
  g_test_add_func ("/sti/lab/smtp/timeouts", test_smtp_timeouts);
  g_test_add_func ("/sti/lab/thread-default-context", test_thread_default_context);
  g_test_add ("/sti/lab/one-mx-down", Fixture, NULL,
              fixture_setup, test_one_mx_down, fixture_teardown);
  g_test_add ("/sti/lab/ipv6", Fixture, NULL, fixture_setup, test_ipv6, fixture_teardown);
  g_test_add ("/sti/lab/aia", Fixture, NULL, fixture_setup, test_aia, fixture_teardown);
  g_test_add ("/sti/lab/tls/valid", Fixture, "mx1.valid.lab.test",
              fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sti/lab/tls/wrong-order", Fixture, "mx1.wrong-order.lab.test",
              fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sti/lab/tls/weak-key", Fixture, "mx1.weak-key.lab.test",
              fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sti/lab/tls/hostile", Fixture, "mx1.hostile.lab.test",
              fixture_setup, test_tls, fixture_teardown);
  g_test_add ("/sti/lab/bench", Fixture, NULL, fixture_setup, test_bench, fixture_teardown);
  g_test_add ("/sti/lab/analysis-certificates", Fixture, NULL, fixture_setup,
              test_analysis_certificates, fixture_teardown);
  g_test_add ("/sti/lab/ocsp-responder", Fixture, NULL, fixture_setup, test_ocsp_responder,
              fixture_teardown);
  g_test_add ("/sti/lab/tls/old-tls", Fixture, NULL, fixture_setup, test_tls_old,
              fixture_teardown);
  g_test_add ("/sti/lab/tls/no-forward-secrecy", Fixture, NULL, fixture_setup,
              test_tls_static_rsa, fixture_teardown);

  return g_test_run ();
}
