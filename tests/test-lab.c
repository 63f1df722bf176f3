/* test-lab.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"
#include "sti-lab.h"
#include "sti-resolver.h"

#include <string.h>

#include "lab-client.h"
#include "resolver-query.h"

/* The demo lab itself: starting and stopping, its scenarios and zone
 * data, its names through the resolver, and where its servers listen.
 * test-lab-smtp, test-lab-tls and test-lab-pki talk to the servers. */

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
    lab_drain_main_context ();
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
      lab_drain_main_context ();
      g_assert_cmpuint (count_open_fds (), ==, fds_before);

      /* Restart the same object, then let dispose stop it. */
      g_assert_true (sti_lab_start (lab, &error));
      g_assert_no_error (error);
      g_assert_finalize_object (lab);
      lab_drain_main_context ();
      g_assert_cmpuint (count_open_fds (), ==, fds_before);
    }
}

static void
test_stop_with_open_connections (LabFixture    *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);

  g_assert_true (g_str_has_prefix (greeting, "220 "));
  sti_lab_stop (fixture->lab);
  lab_drain_main_context ();
  lab_client_assert_eof (client);
}

static void
test_scenarios (void)
{
  const StiLabScenario *scenarios;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  scenarios = sti_lab_get_scenarios (&n);
  g_assert_cmpuint (n, ==, 36);

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
test_resolver (LabFixture    *fixture,
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

/* --- where the servers listen ------------------------------------------------ */

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

  deadline = g_get_monotonic_time () + LAB_IO_TIMEOUT_MS * 1000;
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
test_one_mx_down (LabFixture    *fixture,
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
  connection = lab_connect_to (address, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (connection);
}

static void
test_ipv6 (LabFixture    *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (fixture->lab, "mx1.ipv6-only.lab.test");
  g_autoptr(LabClient) client = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *where = NULL;

  if (addresses->len == 0)
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }

  where = g_socket_connectable_to_string (g_ptr_array_index (addresses, 0));
  g_assert_true (g_str_has_prefix (where, "[::1]:"));
  client = lab_client_new (fixture->lab, "mx1.ipv6-only.lab.test");
  greeting = lab_client_read_reply (client);
  g_assert_true (g_str_has_prefix (greeting, "220 mx1.ipv6-only.lab.test "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/lab/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/lab/start-stop", test_start_stop);
  lab_test_add ("/sti/lab/stop-with-open-connections", NULL, test_stop_with_open_connections);
  g_test_add_func ("/sti/lab/scenarios", test_scenarios);
  g_test_add_func ("/sti/lab/zone-data", test_zone_data);
  lab_test_add ("/sti/lab/resolver", NULL, test_resolver);
  g_test_add_func ("/sti/lab/thread-default-context", test_thread_default_context);
  lab_test_add ("/sti/lab/one-mx-down", NULL, test_one_mx_down);
  lab_test_add ("/sti/lab/ipv6", NULL, test_ipv6);

  return g_test_run ();
}
