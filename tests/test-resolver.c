/* test-resolver.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-base-enums.h"
#include "sti-dns-enums.h"
#include "sti-resolver.h"

#include "fake-dns-server.h"
#include "fake-dnssec-root.h"
#include "resolver-query.h"

#include <glib/gstdio.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

/* The fake upstream server the tests' resolvers forward to. */
static FakeDnsServer *
new_server (void)
{
  g_autoptr(GError) error = NULL;
  FakeDnsServer *server = fake_dns_server_new (&error);

  g_assert_no_error (error);
  return server;
}

static StiResolver *
new_forwarding_resolver (FakeDnsServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = fake_dns_server_dup_address (server);
  StiResolver *resolver = sti_resolver_new (address, &error);

  g_assert_no_error (error);
  g_assert_nonnull (resolver);
  return resolver;
}

static GBytes *
first_record (StiDnsAnswer *answer)
{
  GPtrArray *records = sti_dns_answer_get_records (answer);

  g_assert_cmpuint (records->len, >, 0);
  return g_ptr_array_index (records, 0);
}

static gboolean
record_equals (StiDnsAnswer *answer,
               guint         i,
               const void   *data,
               gsize         len)
{
  GPtrArray *records = sti_dns_answer_get_records (answer);
  gsize rlen;
  const void *rdata;

  if (i >= records->len)
    return FALSE;
  rdata = g_bytes_get_data (g_ptr_array_index (records, i), &rlen);
  return rlen == len && memcmp (rdata, data, len) == 0;
}

static void
test_new_destroy (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(GError) error = NULL;
  StiResolver *resolver;

  server = new_server ();

  resolver = new_forwarding_resolver (server);
  g_assert_cmpuint (sti_resolver_get_timeout (resolver), ==, STI_RESOLVER_DEFAULT_TIMEOUT_MS);
  sti_resolver_set_timeout (resolver, 1234);
  g_assert_cmpuint (sti_resolver_get_timeout (resolver), ==, 1234);
  g_assert_finalize_object (resolver);

  /* The system configuration needs no network to be set up. */
  resolver = sti_resolver_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sti_resolver_get_description (resolver), "system resolver"));
  g_assert_finalize_object (resolver);
}

static void
test_invalid_server (void)
{
  static const char * const bad[] = {
    "", "dns.example.org", "127.0.0.1@", "127.0.0.1@0", "127.0.0.1@65536",
    "127.0.0.1@53x", "127.0.0.1@-1", "[::1]", "[::1]:53", "300.1.1.1", "@53",
    "127.0.0.1 ; rm -rf", "127.0.0.1@+53",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiResolver) resolver = sti_resolver_new (bad[i], &error);

      g_assert_null (resolver);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "DNS server"));
    }
}

static void
test_description (void)
{
  static const struct {
    const char *server;
    const char *label;
  } cases[] = {
    { "192.0.2.1", "forwarder 192.0.2.1:53" },
    { "192.0.2.1@5353", "forwarder 192.0.2.1:5353" },
    { "::1", "forwarder [::1]:53" },
    { "2001:db8::1@853", "forwarder [2001:db8::1]:853" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiResolver) resolver = sti_resolver_new (cases[i].server, &error);
      const char *description;

      g_assert_no_error (error);
      description = sti_resolver_get_description (resolver);
      g_assert_true (g_str_has_prefix (description, cases[i].label));
      if (g_file_test (DNS_ROOT_KEY, G_FILE_TEST_EXISTS))
        g_assert_nonnull (strstr (description, "DNSSEC validating"));
      else
        g_assert_nonnull (strstr (description, "DNSSEC not validated"));
    }
}

static StiResolver *
new_lab_resolver (FakeDnsServer *server)
{
  static const char * const data[] = {
    "mx1.lab.test. 300 IN A 127.0.1.1",
    "mx1.lab.test. 300 IN AAAA ::1",
    "lab.test. 3600 IN MX 10 mx1.lab.test.",
    "lab.test. 3600 IN MX 20 mx2.lab.test.",
    "nullmx.lab.test. 3600 IN MX 0 .",
    "sts.lab.test. 300 IN TXT \"v=STSv1; \" \"id=20260101\"",
    "hostile.lab.test. 300 IN TXT \"bad\\255\\000x\" \"\\\"q\\\"\"",
    "_25._tcp.mx1.lab.test. 300 IN TLSA 3 1 1 "
    "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
    "alias.lab.test. 300 IN CNAME mx1.lab.test.",
  };
  g_autoptr(GError) error = NULL;
  StiResolver *resolver = new_forwarding_resolver (server);

  g_assert_true (sti_resolver_add_local_zone (resolver, "lab.test.", "static", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    {
      g_assert_true (sti_resolver_add_local_data (resolver, data[i], &error));
      g_assert_no_error (error);
    }

  return resolver;
}

/* The local-data tests: a resolver that knows lab.test. from local data
 * and forwards everything else to a fake upstream. */
typedef struct
{
  FakeDnsServer *server;
  StiResolver   *resolver;
} LocalFixture;

static void
local_fixture_setup (LocalFixture  *fixture,
                     gconstpointer  data)
{
  fixture->server = new_server ();
  fixture->resolver = new_lab_resolver (fixture->server);
}

static void
local_fixture_teardown (LocalFixture  *fixture,
                        gconstpointer  data)
{
  /* Local data never reached the fake upstream. */
  g_assert_cmpuint (fake_dns_server_get_n_queries (fixture->server, "mx1.lab.test",
                                                   STI_DNS_TYPE_A), ==, 0);
  g_clear_object (&fixture->resolver);
  g_clear_pointer (&fixture->server, fake_dns_server_free);
}

/* An A record: what the answer says about itself, the address, its presentation. */
static void
test_local_data_a (LocalFixture  *fixture,
                   gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "mx1.lab.test", STI_DNS_TYPE_A, &error);
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) presentation = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpint (sti_dns_answer_get_rcode (answer), ==, 0);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_NOT_VALIDATED);
  g_assert_cmpuint (sti_dns_answer_get_ttl (answer), ==, 300);
  g_assert_cmpuint (sti_dns_answer_get_qtype (answer), ==, STI_DNS_TYPE_A);
  g_assert_cmpstr (sti_dns_answer_get_qname (answer), ==, "mx1.lab.test");
  g_assert_false (sti_dns_answer_followed_cname (answer));
  g_assert_null (sti_dns_answer_get_why_bogus (answer));
  g_assert_cmpuint (sti_dns_answer_get_records (answer)->len, ==, 1);
  address = sti_dns_rdata_parse_address (first_record (answer),
                                         STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  text = g_inet_address_to_string (address);
  g_assert_cmpstr (text, ==, "127.0.1.1");
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpuint (g_strv_length (presentation), ==, 1);
  g_assert_cmpstr (presentation[0], ==, "127.0.1.1");
}

/* An AAAA record, asked for with the root dot. */
static void
test_local_data_aaaa (LocalFixture  *fixture,
                      gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "mx1.lab.test.", STI_DNS_TYPE_AAAA,
                                               &error);
  g_auto(GStrv) presentation = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "::1", NULL }));
}

/* MX, two records. */
static void
test_local_data_mx (LocalFixture  *fixture,
                    gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "lab.test", STI_DNS_TYPE_MX, &error);
  g_auto(GStrv) presentation = NULL;
  GPtrArray *records;
  gboolean seen10 = FALSE, seen20 = FALSE;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  records = sti_dns_answer_get_records (answer);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    {
      guint16 preference;
      g_autofree char *exchange = NULL;

      g_assert_true (sti_dns_rdata_parse_mx (g_ptr_array_index (records, i), &preference,
                                             &exchange, &error));
      g_assert_no_error (error);
      if (preference == 10)
        {
          g_assert_cmpstr (exchange, ==, "mx1.lab.test.");
          seen10 = TRUE;
        }
      else
        {
          g_assert_cmpuint (preference, ==, 20);
          g_assert_cmpstr (exchange, ==, "mx2.lab.test.");
          seen20 = TRUE;
        }
    }
  g_assert_true (seen10 && seen20);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_true (g_strv_contains ((const char * const *)presentation, "10 mx1.lab.test."));
  g_assert_true (g_strv_contains ((const char * const *)presentation, "20 mx2.lab.test."));
}

/* Null MX (RFC 7505). */
static void
test_local_data_null_mx (LocalFixture  *fixture,
                         gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "nullmx.lab.test", STI_DNS_TYPE_MX,
                                               &error);
  g_autofree char *exchange = NULL;
  guint16 preference = 99;
  g_auto(GStrv) presentation = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpuint (sti_dns_answer_get_records (answer)->len, ==, 1);
  g_assert_true (sti_dns_rdata_parse_mx (first_record (answer),
                                         &preference, &exchange, &error));
  g_assert_cmpuint (preference, ==, 0);
  g_assert_cmpstr (exchange, ==, ".");
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "0 .", NULL }));
}

/* TXT in two strings, joined without separator. */
static void
test_local_data_txt (LocalFixture  *fixture,
                     gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "sts.lab.test", STI_DNS_TYPE_TXT,
                                               &error);
  g_autoptr(GBytes) joined = NULL;
  g_auto(GStrv) presentation = NULL;
  static const char expected[] = "v=STSv1; id=20260101";

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  joined = sti_dns_rdata_parse_txt (first_record (answer), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined),
                   expected, sizeof expected - 1);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "\"v=STSv1; \" \"id=20260101\"", NULL }));
}

/* TXT with invalid UTF-8, a NUL and quotes: bytes intact, display escaped. */
static void
test_local_data_txt_hostile (LocalFixture  *fixture,
                             gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "hostile.lab.test", STI_DNS_TYPE_TXT,
                                               &error);
  g_autoptr(GBytes) joined = NULL;
  g_auto(GStrv) presentation = NULL;
  static const guint8 expected[] = { 'b', 'a', 'd', 0xff, 0x00, 'x', '"', 'q', '"' };
  static const guint8 wire[] = { 6, 'b', 'a', 'd', 0xff, 0x00, 'x', 3, '"', 'q', '"' };

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_true (record_equals (answer, 0, wire, sizeof wire));
  joined = sti_dns_rdata_parse_txt (first_record (answer), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined), expected,
                   sizeof expected);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "\"bad\\255\\000x\" \"\\\"q\\\"\"",
                                                     NULL }));
  g_assert_true (g_utf8_validate (presentation[0], -1, NULL));
}

/* TLSA: usage, selector, matching type and the association data. */
static void
test_local_data_tlsa (LocalFixture  *fixture,
                      gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "_25._tcp.mx1.lab.test",
                                               STI_DNS_TYPE_TLSA, &error);
  g_autoptr(GBytes) association = NULL;
  g_auto(GStrv) presentation = NULL;
  guint8 usage, selector, matching_type;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_true (sti_dns_rdata_parse_tlsa (first_record (answer), &usage, &selector,
                                           &matching_type, &association, &error));
  g_assert_cmpuint (usage, ==, 3);
  g_assert_cmpuint (selector, ==, 1);
  g_assert_cmpuint (matching_type, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (association), ==, 32);
  g_assert_cmpuint (((const guint8 *)g_bytes_get_data (association, NULL))[1], ==, 0x23);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation,
                    ((const char *[]) {
                      "3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
                      NULL }));
}

/* CNAME followed: the canonical name tells. */
static void
test_local_data_cname (LocalFixture  *fixture,
                       gconstpointer  data)
{
  StiResolver *resolver = fixture->resolver;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = query_sync (resolver, "alias.lab.test", STI_DNS_TYPE_A,
                                               &error);
  g_auto(GStrv) presentation = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_true (sti_dns_answer_followed_cname (answer));
  g_assert_true (sti_dns_name_equal (sti_dns_answer_get_canonical_name (answer),
                                     "mx1.lab.test."));
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "127.0.1.1", NULL }));
}

static void
test_nxdomain_nodata (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) nxdomain = NULL;
  g_autoptr(StiDnsAnswer) nodata = NULL;

  server = new_server ();
  resolver = new_lab_resolver (server);

  nxdomain = query_sync (resolver, "nothing-here.lab.test", STI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (nxdomain), ==, STI_DNS_RCODE_KIND_NXDOMAIN);
  g_assert_cmpint (sti_dns_answer_get_rcode (nxdomain), ==, 3);
  g_assert_cmpuint (sti_dns_answer_get_records (nxdomain)->len, ==, 0);

  nodata = query_sync (resolver, "mx1.lab.test", STI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (nodata), ==, STI_DNS_RCODE_KIND_NODATA);
  g_assert_cmpint (sti_dns_answer_get_rcode (nodata), ==, 0);
  g_assert_cmpuint (sti_dns_answer_get_records (nodata)->len, ==, 0);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (nodata), ==, STI_DNSSEC_NOT_VALIDATED);
}

static void
test_add_after_query (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;

  server = new_server ();
  resolver = new_lab_resolver (server);

  g_assert_false (sti_resolver_add_local_data (resolver, "bad record", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  answer = query_sync (resolver, "mx1.lab.test", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);

  g_assert_false (sti_resolver_add_local_data (resolver, "late.lab.test. 300 IN A 127.0.0.9",
                                               &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (sti_resolver_add_local_zone (resolver, "late.test.", "static", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
}

static void
test_invalid_name (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_label = g_strnfill (70, 'a');
  g_autofree char *long_name = g_strjoin (".", long_label, "example", "org", NULL);
  const char *names[] = { "a..b", long_name, "..", "" };

  server = new_server ();
  resolver = new_forwarding_resolver (server);
  sti_resolver_set_timeout (resolver, 2000);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(StiDnsAnswer) answer = query_sync (resolver, names[i], STI_DNS_TYPE_A, &error);

      /* Misuse: an error, not an answer that would read as a DNS failure. */
      g_assert_null (answer);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

static void
test_servfail (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;

  server = new_server ();
  fake_dns_server_set_rcode (server, "broken.example.org", 0, 2);
  resolver = new_forwarding_resolver (server);
  sti_resolver_set_timeout (resolver, 8000);

  answer = query_sync (resolver, "broken.example.org", STI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_SERVFAIL);
  g_assert_cmpint (sti_dns_answer_get_rcode (answer), ==, 2);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), !=, STI_DNSSEC_BOGUS);
  g_assert_cmpuint (fake_dns_server_get_n_queries (server, "broken.example.org", STI_DNS_TYPE_MX),
                    >, 0);
}

static void
test_upstream_nxdomain (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;

  server = new_server ();
  fake_dns_server_set_rcode (server, "gone.example.org", 0, 3);
  resolver = new_forwarding_resolver (server);

  answer = query_sync (resolver, "gone.example.org", STI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NXDOMAIN);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_NOT_VALIDATED);
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static void
test_timeout (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;
  guint ticks = 0;
  guint tick_id;
  gint64 start, elapsed;

  server = new_server ();
  fake_dns_server_set_default_silent (server, TRUE);
  resolver = new_forwarding_resolver (server);
  sti_resolver_set_timeout (resolver, 1000);

  /* The main loop keeps running while the query waits. */
  tick_id = g_timeout_add (20, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  answer = query_sync (resolver, "silent.example.org", STI_DNS_TYPE_A, &error);
  elapsed = g_get_monotonic_time () - start;
  g_source_remove (tick_id);

  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_TIMEOUT);
  g_assert_cmpint (sti_dns_answer_get_rcode (answer), ==, -1);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_NOT_VALIDATED);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_cmpuint (fake_dns_server_get_n_received (server), >, 0);
}

static void
test_plain_forwarder (void)
{
  static const guint8 a_rdata[] = { 192, 0, 2, 25 };
  static const guint8 mx_rdata[] = { 0, 10, 2, 'm', 'x', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3,
                                    'o', 'r', 'g', 0 };
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;
  g_autoptr(StiDnsAnswer) second = NULL;
  g_autoptr(StiDnsAnswer) nodata = NULL;
  g_auto(GStrv) presentation = NULL;
  gboolean validating;

  server = new_server ();
  fake_dns_server_add_record (server, "mx.example.org", STI_DNS_TYPE_A, 600, a_rdata,
                              sizeof a_rdata);
  fake_dns_server_add_record (server, "example.org", STI_DNS_TYPE_MX, 600, mx_rdata,
                              sizeof mx_rdata);
  resolver = new_forwarding_resolver (server);
  validating = strstr (sti_resolver_get_description (resolver), "DNSSEC validating") != NULL;

  answer = query_sync (resolver, "example.org", STI_DNS_TYPE_MX, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_NOT_VALIDATED);
  g_assert_null (sti_dns_answer_get_why_bogus (answer));
  g_assert_true (record_equals (answer, 0, mx_rdata, sizeof mx_rdata));
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "10 mx.example.org.", NULL }));

  /* Validation was tried, found impossible through this forwarder, and
   * the report says so. */
  if (validating)
    {
      g_assert_cmpuint (fake_dns_server_get_n_queries (server, ".", STI_DNS_TYPE_DNSKEY), >, 0);
      g_assert_nonnull (strstr (sti_resolver_get_description (resolver), "DNSSEC not validated"));
    }

  second = query_sync (resolver, "mx.example.org", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (second), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (second), ==, STI_DNSSEC_NOT_VALIDATED);
  g_assert_cmpuint (sti_dns_answer_get_ttl (second), <=, 600);
  g_assert_true (record_equals (second, 0, a_rdata, sizeof a_rdata));

  nodata = query_sync (resolver, "mx.example.org", STI_DNS_TYPE_TLSA, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (nodata), ==, STI_DNS_RCODE_KIND_NODATA);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (nodata), ==, STI_DNSSEC_NOT_VALIDATED);
}

static void
test_hostile_txt_upstream (void)
{
  static const guint8 txt[] = { 5, 'v', '=', 0xff, 0x00, 0xc3, 0, 4, 0x1b, '[', '3', 'm' };
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;
  g_autoptr(GBytes) joined = NULL;
  g_auto(GStrv) presentation = NULL;
  static const guint8 expected[] = { 'v', '=', 0xff, 0x00, 0xc3, 0x1b, '[', '3', 'm' };

  server = new_server ();
  fake_dns_server_add_record (server, "_mta-sts.example.org", STI_DNS_TYPE_TXT, 60, txt,
                              sizeof txt);
  resolver = new_forwarding_resolver (server);

  answer = query_sync (resolver, "_mta-sts.example.org", STI_DNS_TYPE_TXT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_true (record_equals (answer, 0, txt, sizeof txt));
  joined = sti_dns_rdata_parse_txt (first_record (answer), &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined), expected,
                   sizeof expected);
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "\"v=\\255\\000\\195\" \"\" \"\\027[3m\"",
                                                     NULL }));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) precancelled = g_cancellable_new ();
  QueryResult qr = { 0 };
  QueryResult qr2 = { 0 };
  gint64 start, elapsed;

  server = new_server ();
  fake_dns_server_set_default_silent (server, TRUE);
  resolver = new_forwarding_resolver (server);
  sti_resolver_set_timeout (resolver, 5000);

  start = g_get_monotonic_time ();
  sti_resolver_query_async (resolver, "slow.example.org", STI_DNS_TYPE_MX, cancellable, query_cb,
                            &qr);
  g_timeout_add (100, cancel_cb, cancellable);
  while (!qr.done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (qr.answer);
  g_assert_error (qr.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&qr.error);
  g_assert_cmpint (elapsed, <, G_USEC_PER_SEC);

  g_cancellable_cancel (precancelled);
  sti_resolver_query_async (resolver, "slow.example.org", STI_DNS_TYPE_MX, precancelled, query_cb,
                            &qr2);
  while (!qr2.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (qr2.answer);
  g_assert_error (qr2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&qr2.error);

  /* The resolver is idle again and can go away without waiting. */
  g_assert_finalize_object (g_steal_pointer (&resolver));
}

static void
test_parallel (void)
{
  static const guint8 a_rdata[] = { 192, 0, 2, 1 };
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  QueryResult results[8] = { { 0 } };
  gboolean all_done = FALSE;

  server = new_server ();
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u.example.org", i);

      fake_dns_server_add_record (server, name, STI_DNS_TYPE_A, 60, a_rdata, sizeof a_rdata);
    }
  resolver = new_forwarding_resolver (server);

  /* All in flight at once, while the DNSSEC path probe is undecided. */
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u.example.org", i);

      sti_resolver_query_async (resolver, name, STI_DNS_TYPE_A, NULL, query_cb, &results[i]);
    }

  while (!all_done)
    {
      g_main_context_iteration (NULL, TRUE);
      all_done = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (results); i++)
        all_done = all_done && results[i].done;
    }

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_no_error (results[i].error);
      g_assert_cmpint (sti_dns_answer_get_result (results[i].answer), ==,
                       STI_DNS_RCODE_KIND_NOERROR);
      g_assert_cmpint (sti_dns_answer_get_dnssec_status (results[i].answer), ==,
                       STI_DNSSEC_NOT_VALIDATED);
      g_clear_object (&results[i].answer);
    }
  if (g_file_test (DNS_ROOT_KEY, G_FILE_TEST_EXISTS))
    g_assert_nonnull (strstr (sti_resolver_get_description (resolver), "DNSSEC not validated"));
}

static void
test_dnssec_signed (void)
{
  static const char * const records[] = {
    "secure.example. 300 IN A 192.0.2.7",
    "forged.example. 300 IN A 192.0.2.66",
    NULL
  };
  TestRoot root = { 0 };
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDnsAnswer) secure = NULL;
  g_autoptr(StiDnsAnswer) bogus = NULL;
  g_autoptr(StiDnsAnswer) secure_again = NULL;

  test_root_init (&root, records);
  resolver = sti_resolver_new_full (test_root_get_address (&root), root.anchor_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sti_resolver_get_description (resolver), "DNSSEC validating"));

  secure = query_sync (resolver, "secure.example", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (secure), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (secure), ==, STI_DNSSEC_SECURE);

  /* The path carries DNSSEC, so a bad signature is a real BOGUS. */
  bogus = query_sync (resolver, "forged.example", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (bogus), ==, STI_DNSSEC_BOGUS);
  g_assert_nonnull (sti_dns_answer_get_why_bogus (bogus));
  g_assert_true (g_utf8_validate (sti_dns_answer_get_why_bogus (bogus), -1, NULL));
  g_test_message ("why bogus: %s (result %s, %u records)", sti_dns_answer_get_why_bogus (bogus),
                  sti_dns_rcode_kind_to_string (sti_dns_answer_get_result (bogus)),
                  sti_dns_answer_get_records (bogus)->len);
  g_assert_nonnull (strstr (sti_resolver_get_description (resolver), "DNSSEC validating"));

  secure_again = query_sync (resolver, "secure.example", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (secure_again), ==, STI_DNSSEC_SECURE);

  g_clear_object (&resolver);
  test_root_clear (&root);
}

static void
test_no_trust_anchor (void)
{
  static const guint8 a_rdata[] = { 192, 0, 2, 25 };
  g_autoptr(FakeDnsServer) server = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(StiDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  server = new_server ();
  fake_dns_server_add_record (server, "mx.example.org", STI_DNS_TYPE_A, 600, a_rdata,
                              sizeof a_rdata);
  address = fake_dns_server_dup_address (server);

  resolver = sti_resolver_new_full (address, "/nonexistent/root.key", &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sti_resolver_get_description (resolver),
                            "DNSSEC not validated: "
                            "the trust anchor /nonexistent/root.key is missing"));

  answer = query_sync (resolver, "mx.example.org", STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_dns_answer_get_result (answer), ==, STI_DNS_RCODE_KIND_NOERROR);
  g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_NOT_VALIDATED);
  g_assert_cmpuint (fake_dns_server_get_n_queries (server, ".", STI_DNS_TYPE_DNSKEY), ==, 0);
}

static void
test_answer_new_destroy (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  StiDnsAnswer *answer;
  StiDnsRcodeKind kind;
  g_auto(GStrv) presentation = NULL;
  static const guint8 unknown[] = { 0x0a, 0x0b };

  g_ptr_array_add (records, g_bytes_new_static (unknown, sizeof unknown));
  answer = sti_dns_answer_new ("Example.ORG", 99, STI_DNS_RCODE_KIND_NOERROR, 0, "example.org.",
                               42, STI_DNSSEC_BOGUS, "sig\x1b expired \xff", records);
  g_assert_false (sti_dns_answer_followed_cname (answer));
  g_assert_cmpstr (sti_dns_answer_get_why_bogus (answer), ==, "sig\\x1B expired \\xFF");
  presentation = sti_dns_answer_dup_presentation (answer);
  g_assert_cmpstrv (presentation, ((const char *[]) { "\\# 2 0A0B", NULL }));
  g_assert_finalize_object (answer);

  for (StiDnsRcodeKind k = STI_DNS_RCODE_KIND_NOERROR; k <= STI_DNS_RCODE_KIND_OTHER; k++)
    {
      g_assert_true (sti_dns_rcode_kind_from_string (sti_dns_rcode_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (sti_dns_rcode_kind_from_string ("refused", &kind));
  g_assert_cmpstr (sti_dns_rcode_kind_to_string (STI_DNS_RCODE_KIND_NXDOMAIN), ==, "nxdomain");
  g_assert_true (G_TYPE_IS_ENUM (STI_TYPE_DNS_RCODE_KIND));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/resolver/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/resolver/answer-new-destroy", test_answer_new_destroy);
  g_test_add_func ("/sti/resolver/invalid-server", test_invalid_server);
  g_test_add_func ("/sti/resolver/description", test_description);
  g_test_add ("/sti/resolver/local-data/a", LocalFixture, NULL,
              local_fixture_setup, test_local_data_a, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/aaaa", LocalFixture, NULL,
              local_fixture_setup, test_local_data_aaaa, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/mx", LocalFixture, NULL,
              local_fixture_setup, test_local_data_mx, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/null-mx", LocalFixture, NULL,
              local_fixture_setup, test_local_data_null_mx, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/txt", LocalFixture, NULL,
              local_fixture_setup, test_local_data_txt, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/txt-hostile", LocalFixture, NULL,
              local_fixture_setup, test_local_data_txt_hostile, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/tlsa", LocalFixture, NULL,
              local_fixture_setup, test_local_data_tlsa, local_fixture_teardown);
  g_test_add ("/sti/resolver/local-data/cname", LocalFixture, NULL,
              local_fixture_setup, test_local_data_cname, local_fixture_teardown);
  g_test_add_func ("/sti/resolver/nxdomain-nodata", test_nxdomain_nodata);
  g_test_add_func ("/sti/resolver/add-after-query", test_add_after_query);
  g_test_add_func ("/sti/resolver/invalid-name", test_invalid_name);
  g_test_add_func ("/sti/resolver/servfail", test_servfail);
  g_test_add_func ("/sti/resolver/upstream-nxdomain", test_upstream_nxdomain);
  g_test_add_func ("/sti/resolver/timeout", test_timeout);
  g_test_add_func ("/sti/resolver/plain-forwarder", test_plain_forwarder);
  g_test_add_func ("/sti/resolver/hostile-txt", test_hostile_txt_upstream);
  g_test_add_func ("/sti/resolver/cancel", test_cancel);
  g_test_add_func ("/sti/resolver/parallel", test_parallel);
  g_test_add_func ("/sti/resolver/dnssec-signed", test_dnssec_signed);
  g_test_add_func ("/sti/resolver/no-trust-anchor", test_no_trust_anchor);

  return g_test_run ();
}
