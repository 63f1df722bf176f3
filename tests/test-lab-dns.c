/* test-lab-dns.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-rdata.h"
#include "sti-lab.h"
#include "sti-lab-dns-server.h"
#include "sti-resolver.h"

#include <string.h>

#include "resolver-query.h"

/* The lab's signed name server. Its answers are judged by libunbound,
 * the validator the app uses for real domains: a mistake in a signature,
 * the NSEC chain or a delegation shows up as "bogus" or "insecure" here. */

#define TYPE_RRSIG 46
#define TYPE_NSEC  47
#define TYPE_OPT   41

#define TLSA_HEX "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6"

/* -- A minimal reader for the server's responses ------------------------- */

typedef struct
{
  guint16  id;
  guint16  flags;
  guint    rcode;
  guint16  counts[4];
  GArray  *types[3];  /* guint16 per record, answer/authority/additional */
  gboolean dnssec_ok; /* the OPT record's DO bit */
} Parsed;

static void
parsed_clear (Parsed *p)
{
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&p->types[i], g_array_unref);
}

static gboolean
skip_name (const guint8 *msg,
           gsize         len,
           gsize        *pos)
{
  for (guint hops = 0; hops < 128; hops++)
    {
      guint8 label;

      if (*pos >= len)
        return FALSE;
      label = msg[*pos];
      if (label == 0)
        {
          (*pos)++;
          return TRUE;
        }
      if ((label & 0xc0) == 0xc0)
        {
          *pos += 2;
          return *pos <= len;
        }
      *pos += 1 + label;
    }

  return FALSE;
}

static void
parse_response (GBytes *response,
                Parsed *p)
{
  gsize len;
  const guint8 *msg = g_bytes_get_data (response, &len);
  gsize pos = 12;

  memset (p, 0, sizeof *p);
  g_assert_cmpuint (len, >=, 12);
  p->id = (msg[0] << 8) | msg[1];
  p->flags = (msg[2] << 8) | msg[3];
  p->rcode = p->flags & 0xf;
  for (guint i = 0; i < 4; i++)
    p->counts[i] = (msg[4 + 2 * i] << 8) | msg[5 + 2 * i];

  for (guint i = 0; i < p->counts[0]; i++)
    {
      g_assert_true (skip_name (msg, len, &pos));
      pos += 4;
    }

  for (guint s = 0; s < 3; s++)
    {
      p->types[s] = g_array_new (FALSE, FALSE, sizeof (guint16));
      for (guint i = 0; i < p->counts[s + 1]; i++)
        {
          guint16 type, rdlen;

          g_assert_true (skip_name (msg, len, &pos));
          g_assert_cmpuint (pos + 10, <=, len);
          type = (msg[pos] << 8) | msg[pos + 1];
          rdlen = (msg[pos + 8] << 8) | msg[pos + 9];
          if (type == TYPE_OPT)
            {
              p->dnssec_ok = (msg[pos + 6] & 0x80) != 0;
              p->rcode |= msg[pos + 4] << 4;
            }
          pos += 10 + rdlen;
          g_assert_cmpuint (pos, <=, len);
          g_array_append_val (p->types[s], type);
        }
    }
  g_assert_cmpuint (pos, ==, len);
}

static guint
count_type (Parsed  *p,
            guint    section,
            guint16  type)
{
  guint n = 0;

  for (guint i = 0; i < p->types[section]->len; i++)
    n += g_array_index (p->types[section], guint16, i) == type;
  return n;
}

static GBytes *
make_query (guint16     id,
            const char *name,
            guint16     type,
            gboolean    edns,
            gboolean    dnssec_ok)
{
  g_autoptr(GByteArray) q = g_byte_array_new ();
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);
  guint8 header[12] = { id >> 8, id & 0xff, 0, 0, 0, 1, 0, 0, 0, 0, 0, edns ? 1 : 0 };

  g_byte_array_append (q, header, sizeof header);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 len = strlen (labels[i]);

      if (len == 0)
        continue;
      g_byte_array_append (q, &len, 1);
      g_byte_array_append (q, (const guint8 *)labels[i], len);
    }
  g_byte_array_append (q, (const guint8[]) { 0, type >> 8, type & 0xff, 0, 1 }, 5);
  if (edns)
    g_byte_array_append (q, (const guint8[]) { 0, 0, TYPE_OPT, 0x04, 0xd0, 0, 0,
                                               dnssec_ok ? 0x80 : 0, 0, 0, 0 }, 11);

  return g_byte_array_free_to_bytes (g_steal_pointer (&q));
}

static GBytes *
ask (StiLabDnsZones *zones,
     GBytes         *query)
{
  return sti_lab_dns_zones_answer (zones, g_bytes_get_data (query, NULL), g_bytes_get_size (query));
}

static void
ask_parsed (StiLabDnsZones *zones,
            const char     *name,
            guint16         type,
            gboolean        edns,
            gboolean        dnssec_ok,
            Parsed         *p)
{
  g_autoptr(GBytes) query = make_query (0x1234, name, type, edns, dnssec_ok);
  g_autoptr(GBytes) response = ask (zones, query);

  parse_response (response, p);
}

/* -- A test zone set ----------------------------------------------------- */

static StiLabDnsZones *
make_zones (void)
{
  static const char * const records[] = {
    "ns.example.test. 300 IN A 127.0.0.1",
    "example.test. 300 IN MX 10 mx.example.test.",
    "example.test. 300 IN TXT \"v=spf1 -all\"",
    "_mta-sts.example.test. 300 IN TXT \"v=STSv1; id=1\"",
    "mx.example.test. 300 IN A 192.0.2.25",
    "mx.example.test. 300 IN AAAA 2001:db8::25",
    "_25._tcp.mx.example.test. 300 IN TLSA 3 1 1 " TLSA_HEX,
    "insecure.example.test. 300 IN MX 10 mx.insecure.example.test.",
    "mx.insecure.example.test. 300 IN A 192.0.2.26",
    "_25._tcp.mx.insecure.example.test. 300 IN TLSA 3 1 1 " TLSA_HEX,
    "signed.example.test. 300 IN MX 10 mx.signed.example.test.",
    "mx.signed.example.test. 300 IN A 192.0.2.27",
    "broken.example.test. 300 IN MX 10 mx.broken.example.test.",
    "mx.broken.example.test. 300 IN A 192.0.2.28",
  };
  g_autoptr(StiLabDnsZones) zones = sti_lab_dns_zones_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sti_lab_dns_zones_add_zone (zones, "example.test.", "ns.example.test.",
                                             STI_LAB_DNS_SIGNED, &error));
  g_assert_true (sti_lab_dns_zones_add_zone (zones, "insecure.example.test", "ns.example.test.",
                                             STI_LAB_DNS_UNSIGNED, &error));
  g_assert_true (sti_lab_dns_zones_add_zone (zones, "signed.example.test.", "ns.example.test.",
                                             STI_LAB_DNS_SIGNED, &error));
  g_assert_true (sti_lab_dns_zones_add_zone (zones, "broken.example.test.", "ns.example.test.",
                                             STI_LAB_DNS_SIGNED_BOGUS, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_assert_true (sti_lab_dns_zones_add_record (zones, records[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (sti_lab_dns_zones_seal (zones, g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&zones);
}

/* -- Records and answers, on the wire ------------------------------------ */

static void
test_bad_records (void)
{
  static const char * const bad[] = {
    "",
    "mx.example.test. 300 IN",
    "mx.example.test. 300 IN A",
    "mx.example.test. 300 IN A 192.0.2",
    "mx.example.test. 300 IN AAAA 192.0.2.1",
    "mx.example.test. -1 IN A 192.0.2.1",
    "mx.example.test. 300 CH A 192.0.2.1",
    "mx.example.test. 300 IN SPF \"v=spf1\"",
    "mx.example.test. 300 IN MX 70000 mx.example.test.",
    "mx.example.test. 300 IN MX 10",
    "mx.example.test. 300 IN TXT unquoted",
    "mx.example.test. 300 IN TXT \"unterminated",
    "mx.example.test. 300 IN TLSA 3 1 1 ABC",
    "mx.example.test. 300 IN TLSA 3 1 1 ZZ",
    "mx.example.test. 300 IN TLSA 256 1 1 AB",
    "m x.example.test. 300 IN A 192.0.2.1",
    "mx..example.test. 300 IN A 192.0.2.1",
    "<b>.example.test. 300 IN A 192.0.2.1",
    "mx.elsewhere.invalid. 300 IN A 192.0.2.1",
  };
  g_autoptr(StiLabDnsZones) zones = sti_lab_dns_zones_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autofree char *too_long = g_strconcat (long_label, ".example.test. 300 IN A 192.0.2.1", NULL);

  g_assert_true (sti_lab_dns_zones_add_zone (zones, "example.test.", "ns.example.test.",
                                             STI_LAB_DNS_SIGNED, &error));
  g_assert_false (sti_lab_dns_zones_add_zone (zones, "EXAMPLE.test", "ns.example.test.",
                                              STI_LAB_DNS_SIGNED, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (sti_lab_dns_zones_add_record (zones, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  g_assert_false (sti_lab_dns_zones_add_record (zones, too_long, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_answers (void)
{
  g_autoptr(StiLabDnsZones) zones = make_zones ();
  g_auto(GStrv) apexes = sti_lab_dns_zones_dup_apexes (zones);
  g_autofree char *anchor = NULL;
  g_autofree char *none = NULL;
  Parsed p;

  g_assert_cmpstr (apexes[0], ==, "example.test.");
  g_assert_cmpuint (g_strv_length (apexes), ==, 4);
  anchor = sti_lab_dns_zones_dup_trust_anchor (zones, "example.test");
  g_assert_true (g_str_has_prefix (anchor, "example.test. 300 IN DS "));
  g_assert_nonnull (strstr (anchor, " 15 2 "));
  none = sti_lab_dns_zones_dup_trust_anchor (zones, "insecure.example.test.");
  g_assert_null (none);

  /* A positive answer, signed when the querier asks for DNSSEC. */
  ask_parsed (zones, "MX.Example.Test", STI_DNS_TYPE_A, TRUE, TRUE, &p);
  g_assert_cmpuint (p.id, ==, 0x1234);
  g_assert_cmpuint (p.flags & 0x8400, ==, 0x8400); /* QR, AA */
  g_assert_cmpuint (p.rcode, ==, 0);
  g_assert_cmpuint (p.counts[0], ==, 1);
  g_assert_cmpuint (count_type (&p, 0, STI_DNS_TYPE_A), ==, 1);
  g_assert_cmpuint (count_type (&p, 0, TYPE_RRSIG), ==, 1);
  g_assert_true (p.dnssec_ok);
  parsed_clear (&p);

  /* Without DO: no signatures. Without EDNS: no OPT either. */
  ask_parsed (zones, "mx.example.test", STI_DNS_TYPE_A, FALSE, FALSE, &p);
  g_assert_cmpuint (p.types[0]->len, ==, 1);
  g_assert_cmpuint (count_type (&p, 0, STI_DNS_TYPE_A), ==, 1);
  g_assert_cmpuint (p.types[2]->len, ==, 0);
  parsed_clear (&p);

  /* NODATA: SOA and the name's own NSEC, both signed. */
  ask_parsed (zones, "mx.example.test", STI_DNS_TYPE_TXT, TRUE, TRUE, &p);
  g_assert_cmpuint (p.rcode, ==, 0);
  g_assert_cmpuint (p.types[0]->len, ==, 0);
  g_assert_cmpuint (count_type (&p, 1, STI_DNS_TYPE_SOA), ==, 1);
  g_assert_cmpuint (count_type (&p, 1, TYPE_NSEC), ==, 1);
  g_assert_cmpuint (count_type (&p, 1, TYPE_RRSIG), ==, 2);
  parsed_clear (&p);

  /* NXDOMAIN: one NSEC for the name, one for the wildcard. */
  ask_parsed (zones, "nothing.example.test", STI_DNS_TYPE_A, TRUE, TRUE, &p);
  g_assert_cmpuint (p.rcode, ==, 3);
  g_assert_cmpuint (count_type (&p, 1, TYPE_NSEC), ==, 2);
  parsed_clear (&p);

  /* An empty non-terminal is NODATA, not NXDOMAIN. */
  ask_parsed (zones, "_tcp.mx.example.test", STI_DNS_TYPE_A, TRUE, TRUE, &p);
  g_assert_cmpuint (p.rcode, ==, 0);
  g_assert_cmpuint (count_type (&p, 1, TYPE_NSEC), ==, 1);
  parsed_clear (&p);

  /* DS comes from the parent's side of the cut; the child zone answers
   * for its own apex. */
  ask_parsed (zones, "signed.example.test", STI_DNS_TYPE_DS, TRUE, TRUE, &p);
  g_assert_cmpuint (count_type (&p, 0, STI_DNS_TYPE_DS), ==, 1);
  parsed_clear (&p);
  ask_parsed (zones, "signed.example.test", STI_DNS_TYPE_DNSKEY, TRUE, TRUE, &p);
  g_assert_cmpuint (count_type (&p, 0, STI_DNS_TYPE_DNSKEY), ==, 1);
  parsed_clear (&p);

  /* Nothing is signed in an unsigned zone. */
  ask_parsed (zones, "mx.insecure.example.test", STI_DNS_TYPE_A, TRUE, TRUE, &p);
  g_assert_cmpuint (count_type (&p, 0, STI_DNS_TYPE_A), ==, 1);
  g_assert_cmpuint (count_type (&p, 0, TYPE_RRSIG), ==, 0);
  parsed_clear (&p);
}

/* Every message a hostile or broken client could send gets a clean error
 * or nothing; the server never reads past the datagram. */
static void
test_hostile_queries (void)
{
  const struct {
    const char *name;
    const guint8 *data;
    gsize len;
    int rcode; /* -1: no answer at all */
  } cases[] = {
#define Q(name, rcode, ...) { name, (const guint8[]) { __VA_ARGS__ }, \
                              sizeof ((const guint8[]) { __VA_ARGS__ }), rcode }
    Q ("short", -1, 0, 1, 0, 0),
    Q ("response", -1, 0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 1, 0, 1),
    Q ("no question", 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    Q ("two questions", 1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1),
    Q ("answers in a query", 1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1),
    Q ("compression pointer", 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1),
    Q ("label past the end", 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 40, 'a', 'b'),
    Q ("no type", 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0),
    Q ("status opcode", 4, 0, 1, 0x10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1),
    Q ("chaos class", 5, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'v', 'e', 'r', 's', 'i', 'o', 'n',
       4, 'b', 'i', 'n', 'd', 0, 0, 16, 0, 3),
    Q ("another zone", 5, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'o', 'r', 'g', 0, 0, 1, 0, 1),
    Q ("binary label", 5, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2, 0, '.', 7, 'e', 'x', 'a', 'm',
       'p', 'l', 'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1),
    Q ("EDNS version 1", 16, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 7, 'e', 'x', 'a', 'm', 'p', 'l',
       'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1, 0, 0, 41, 4, 0xd0, 0, 1, 0x80, 0, 0, 0),
    Q ("ANY", 4, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't',
       'e', 's', 't', 0, 0, 255, 0, 1),
#undef Q
  };
  g_autoptr(StiLabDnsZones) zones = make_zones ();
  g_autoptr(GByteArray) long_name = g_byte_array_new ();
  g_autoptr(GBytes) response = NULL;
  Parsed p;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) r = sti_lab_dns_zones_answer (zones, cases[i].data, cases[i].len);

      g_test_message ("%s", cases[i].name);
      if (cases[i].rcode < 0)
        {
          g_assert_null (r);
          continue;
        }
      g_assert_nonnull (r);
      parse_response (r, &p);
      g_assert_cmpuint (p.id, ==, 1);
      g_assert_cmpuint (p.flags & 0x8000, ==, 0x8000);
      g_assert_cmpuint (p.rcode, ==, cases[i].rcode);
      parsed_clear (&p);
    }

  /* A name longer than 255 octets */
  g_byte_array_append (long_name, (const guint8[]) { 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 }, 12);
  for (guint i = 0; i < 5; i++)
    {
      g_byte_array_append (long_name, (const guint8[]) { 63 }, 1);
      for (guint j = 0; j < 63; j++)
        g_byte_array_append (long_name, (const guint8 *)"a", 1);
    }
  g_byte_array_append (long_name, (const guint8[]) { 0, 0, 1, 0, 1 }, 5);
  response = sti_lab_dns_zones_answer (zones, long_name->data, long_name->len);
  parse_response (response, &p);
  g_assert_cmpuint (p.rcode, ==, 1);
  parsed_clear (&p);

  /* Random datagrams and mutations of a good query: an answer or none,
   * never a crash or a read past the end (MALLOC_CHECK_, valgrind). */
  {
    g_autoptr(GBytes) good = make_query (0x4242, "_25._tcp.mx.example.test", STI_DNS_TYPE_TLSA,
                                         TRUE, TRUE);
    GRand *rand = g_rand_new_with_seed (8461);

    for (guint i = 0; i < 20000; i++)
      {
        gsize len = g_bytes_get_size (good);
        g_autofree guint8 *buf = g_memdup2 (g_bytes_get_data (good, NULL), len);
        g_autoptr(GBytes) r = NULL;

        if (i % 2 == 0)
          {
            for (guint k = 0; k < 3; k++)
              buf[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
            len = g_rand_int_range (rand, 0, len + 1);
          }
        else
          {
            len = g_rand_int_range (rand, 0, len + 1);
            for (gsize k = 0; k < len; k++)
              buf[k] = g_rand_int_range (rand, 0, 256);
          }
        r = sti_lab_dns_zones_answer (zones, buf, len);
        if (r != NULL)
          {
            const guint8 *d = g_bytes_get_data (r, NULL);

            g_assert_cmpuint (g_bytes_get_size (r), >=, 12);
            g_assert_cmpuint (d[0], ==, buf[0]);
            g_assert_cmpuint (d[2] & 0x80, ==, 0x80);
          }
      }
    g_rand_free (rand);
  }
}

/* -- Validated by libunbound --------------------------------------------- */

typedef struct
{
  StiLabDnsServer *server;
  StiResolver     *resolver;
} DnsFixture;

static void
dns_fixture_setup (DnsFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) apexes = NULL;
  StiLabDnsZones *zones;
  gboolean no_root_key = data != NULL;

  fixture->server = sti_lab_dns_server_new (make_zones ());
  g_assert_true (sti_lab_dns_server_start (fixture->server, "127.0.0.1", &error));
  g_assert_no_error (error);

  /* The forwarder listens nowhere: every answer must come from the stub. */
  fixture->resolver = sti_resolver_new_full ("127.0.0.1@9", no_root_key ? NULL : DNS_ROOT_KEY,
                                             &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (fixture->resolver, 3000);

  zones = sti_lab_dns_server_get_zones (fixture->server);
  apexes = sti_lab_dns_zones_dup_apexes (zones);
  for (guint i = 0; apexes[i] != NULL; i++)
    {
      g_autofree char *anchor = i == 0 ? sti_lab_dns_zones_dup_trust_anchor (zones, apexes[i])
                                       : NULL;

      g_assert_true (sti_resolver_add_stub_zone (fixture->resolver, apexes[i],
                                                 sti_lab_dns_server_get_address (fixture->server),
                                                 anchor, &error));
      g_assert_no_error (error);
    }
}

static void
dns_fixture_teardown (DnsFixture    *fixture,
                      gconstpointer  data)
{
  g_clear_object (&fixture->resolver);
  g_clear_pointer (&fixture->server, sti_lab_dns_server_free);
}

static StiDnsAnswer *
resolve (DnsFixture *fixture,
         const char *name,
         guint16     type)
{
  g_autoptr(GError) error = NULL;
  StiDnsAnswer *answer = query_sync (fixture->resolver, name, type, &error);

  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_test_message ("%s/%u: result %d, DNSSEC %d %s", name, type,
                  sti_dns_answer_get_result (answer), sti_dns_answer_get_dnssec_status (answer),
                  sti_dns_answer_get_why_bogus (answer) != NULL
                    ? sti_dns_answer_get_why_bogus (answer) : "");
  return answer;
}

static void
test_validated (DnsFixture    *fixture,
                gconstpointer  data)
{
  static const struct {
    const char      *name;
    guint16          type;
    StiDnsRcodeKind  result;
    StiDnssecStatus  dnssec;
  } cases[] = {
    /* Positive answers */
    { "example.test", STI_DNS_TYPE_MX, STI_DNS_RCODE_KIND_NOERROR, STI_DNSSEC_SECURE },
    { "mx.example.test", STI_DNS_TYPE_AAAA, STI_DNS_RCODE_KIND_NOERROR, STI_DNSSEC_SECURE },
    { "_25._tcp.mx.example.test", STI_DNS_TYPE_TLSA, STI_DNS_RCODE_KIND_NOERROR,
      STI_DNSSEC_SECURE },
    { "_mta-sts.example.test", STI_DNS_TYPE_TXT, STI_DNS_RCODE_KIND_NOERROR, STI_DNSSEC_SECURE },
    /* Denials, each proven by NSEC */
    { "mx.example.test", STI_DNS_TYPE_TXT, STI_DNS_RCODE_KIND_NODATA, STI_DNSSEC_SECURE },
    { "_25._tcp.nothing.example.test", STI_DNS_TYPE_TLSA, STI_DNS_RCODE_KIND_NXDOMAIN,
      STI_DNSSEC_SECURE },
    { "zzz.example.test", STI_DNS_TYPE_A, STI_DNS_RCODE_KIND_NXDOMAIN, STI_DNSSEC_SECURE },
    { "_smtp._tls.example.test", STI_DNS_TYPE_TXT, STI_DNS_RCODE_KIND_NXDOMAIN, STI_DNSSEC_SECURE },
    { "_tcp.mx.example.test", STI_DNS_TYPE_TXT, STI_DNS_RCODE_KIND_NODATA, STI_DNSSEC_SECURE },
    /* A signed child, reached through its DS */
    { "signed.example.test", STI_DNS_TYPE_MX, STI_DNS_RCODE_KIND_NOERROR, STI_DNSSEC_SECURE },
    { "mx.signed.example.test", STI_DNS_TYPE_TXT, STI_DNS_RCODE_KIND_NODATA, STI_DNSSEC_SECURE },
    /* An unsigned child: the NSEC at the cut proves there is no DS. */
    { "insecure.example.test", STI_DNS_TYPE_MX, STI_DNS_RCODE_KIND_NOERROR, STI_DNSSEC_INSECURE },
    { "_25._tcp.mx.insecure.example.test", STI_DNS_TYPE_TLSA, STI_DNS_RCODE_KIND_NOERROR,
      STI_DNSSEC_INSECURE },
    { "nothing.insecure.example.test", STI_DNS_TYPE_A, STI_DNS_RCODE_KIND_NXDOMAIN,
      STI_DNSSEC_INSECURE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiDnsAnswer) answer = resolve (fixture, cases[i].name, cases[i].type);

      g_assert_cmpint (sti_dns_answer_get_result (answer), ==, cases[i].result);
      g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, cases[i].dnssec);
    }

  /* Broken signatures: bogus, with the validator's reason */
  {
    g_autoptr(StiDnsAnswer) answer = resolve (fixture, "broken.example.test", STI_DNS_TYPE_MX);

    g_assert_cmpint (sti_dns_answer_get_dnssec_status (answer), ==, STI_DNSSEC_BOGUS);
    g_assert_nonnull (strstr (sti_dns_answer_get_why_bogus (answer), "broken.example.test"));
  }

  g_assert_cmpuint (sti_lab_dns_server_get_n_queries (fixture->server), >, 0);

  /* A report says where the zone's answers came from. */
  {
    const char *description = sti_resolver_get_description (fixture->resolver);

    g_test_message ("resolver: %s", description);
    g_assert_nonnull (strstr (description, "; example.test. at 127.0.0.1@"));
    g_assert_true (g_str_has_suffix (description, "(validated with its own key)"));
  }
}

/* The lab itself: every scenario's MX answer is secure but those of the
 * two scenarios that live in zones of their own; no answer is truncated,
 * so the server needs no TCP. */
static void
test_lab_zone (void)
{
  g_autoptr(StiLab) lab = sti_lab_new ();
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) records = NULL;
  StiLabDnsZones *zones;
  const StiLabScenario *scenarios;
  guint n;

  g_assert_true (sti_lab_start (lab, &error));
  g_assert_no_error (error);
  resolver = sti_resolver_new ("127.0.0.1@9", &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (resolver, 3000);
  g_assert_true (sti_lab_configure_resolver (lab, resolver, &error));
  g_assert_no_error (error);

  scenarios = sti_lab_get_scenarios (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StiDnsAnswer) mx = NULL;
      g_autofree char *tlsa_name = g_strdup_printf ("_25._tcp.mx1.%s", scenarios[i].domain);
      g_autoptr(StiDnsAnswer) tlsa = NULL;
      StiDnssecStatus expected = STI_DNSSEC_SECURE;

      if (g_str_equal (scenarios[i].id, "dane-unsigned"))
        expected = STI_DNSSEC_INSECURE;
      else if (g_str_equal (scenarios[i].id, "dnssec-bogus"))
        expected = STI_DNSSEC_BOGUS;

      mx = query_sync (resolver, scenarios[i].domain, STI_DNS_TYPE_MX, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %d", scenarios[i].domain, sti_dns_answer_get_dnssec_status (mx));
      g_assert_cmpint (sti_dns_answer_get_dnssec_status (mx), ==, expected);

      tlsa = query_sync (resolver, tlsa_name, STI_DNS_TYPE_TLSA, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sti_dns_answer_get_dnssec_status (tlsa), ==, expected);
      if (g_str_has_prefix (scenarios[i].id, "dane"))
        g_assert_cmpint (sti_dns_answer_get_result (tlsa), ==, STI_DNS_RCODE_KIND_NOERROR);
      else if (expected != STI_DNSSEC_BOGUS)
        g_assert_cmpint (sti_dns_answer_get_result (tlsa), !=, STI_DNS_RCODE_KIND_NOERROR);
    }

  /* Every name and type the zone holds, and names it does not: answers
   * fit the UDP payload size. */
  zones = sti_lab_dns_server_get_zones (sti_lab_get_dns_server (lab));
  records = sti_lab_dup_zone_data (lab);
  for (guint r = 0; records[r] != NULL; r++)
    {
      static const guint16 types[] = { STI_DNS_TYPE_A, STI_DNS_TYPE_AAAA, STI_DNS_TYPE_MX,
                                       STI_DNS_TYPE_TXT, STI_DNS_TYPE_TLSA, STI_DNS_TYPE_DS,
                                       STI_DNS_TYPE_DNSKEY, STI_DNS_TYPE_NS, STI_DNS_TYPE_SOA };
      g_auto(GStrv) fields = g_strsplit (records[r], " ", 2);
      g_autofree char *below = g_strconcat ("x.", fields[0], NULL);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          const char *names[] = { fields[0], below };

          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            {
              g_autoptr(GBytes) q = make_query (r, names[k], types[t], TRUE, TRUE);
              g_autoptr(GBytes) resp = ask (zones, q);
              Parsed p;

              parse_response (resp, &p);
              g_assert_cmpuint (p.flags & 0x0200, ==, 0);
              g_assert_cmpuint (g_bytes_get_size (resp), <=, 1232);
              parsed_clear (&p);
            }
        }
    }

  sti_lab_stop (lab);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/lab-dns/bad-records", test_bad_records);
  g_test_add_func ("/sti/lab-dns/answers", test_answers);
  g_test_add_func ("/sti/lab-dns/hostile-queries", test_hostile_queries);
  g_test_add ("/sti/lab-dns/validated", DnsFixture, NULL, dns_fixture_setup, test_validated,
              dns_fixture_teardown);
  g_test_add ("/sti/lab-dns/validated-without-root-key", DnsFixture, "no root key",
              dns_fixture_setup, test_validated, dns_fixture_teardown);
  g_test_add_func ("/sti/lab-dns/lab-zone", test_lab_zone);

  return g_test_run ();
}
