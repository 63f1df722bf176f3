/* test-dns-rdata.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-rdata.h"

#include <string.h>

#define BYTES(...) ((const guint8[]) { __VA_ARGS__ })
#define NEW_BYTES(...) g_bytes_new (BYTES (__VA_ARGS__), sizeof (BYTES (__VA_ARGS__)))

static void
test_name (void)
{
  const struct {
    const guint8 *wire;
    gsize         len;
    const char   *name;
    gsize         end;
  } good[] = {
    { BYTES (0), 1, ".", 1 },
    { BYTES (3, 'c', 'o', 'm', 0), 5, "com.", 5 },
    { BYTES (2, 'm', 'x', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0xff), 13, "mx.example.", 12 },
    /* Odd bytes, escaped as in zone files (RFC 4343) */
    { BYTES (3, 'a', '.', 'b', 0), 5, "a\\.b.", 5 },
    { BYTES (4, 'a', ' ', 0x00, 0xff, 0), 6, "a\\032\\000\\255.", 6 },
    { BYTES (3, '\\', '"', ';', 0), 5, "\\\\\\\"\\;.", 5 },
    { BYTES (1, '*', 3, 'o', 'R', 'g', 0), 7, "*.oRg.", 7 },
  };
  const struct {
    const guint8 *wire;
    gsize         len;
  } bad[] = {
    { BYTES (0), 0 },                           /* empty */
    { BYTES (3, 'c', 'o'), 3 },                 /* label cut short */
    { BYTES (3, 'c', 'o', 'm'), 4 },            /* no root label */
    { BYTES (0xc0, 0x0c), 2 },                  /* compression pointer */
    { BYTES (2, 'm', 'x', 0xc0, 0x00), 5 },     /* pointer after a label */
    { BYTES (64, 'a'), 2 },                     /* label type 01 */
    { BYTES (0x80, 0), 2 },                     /* label type 10 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      gsize offset = 0;

      name = sti_dns_rdata_parse_name (good[i].wire, good[i].len, &offset, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (name, ==, good[i].name);
      g_assert_cmpuint (offset, ==, good[i].end);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      gsize offset = 0;

      name = sti_dns_rdata_parse_name (bad[i].wire, bad[i].len, &offset, &error);
      g_assert_null (name);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpuint (offset, ==, 0);
    }
}

static void
test_name_too_long (void)
{
  g_autoptr(GByteArray) wire = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gsize offset = 0;
  guint8 label[64];

  /* 4 labels of 63 = 256 octets with the length bytes, plus the root. */
  label[0] = 63;
  memset (label + 1, 'a', 63);
  for (guint i = 0; i < 4; i++)
    g_byte_array_append (wire, label, sizeof label);
  g_byte_array_append (wire, BYTES (0), 1);

  name = sti_dns_rdata_parse_name (wire->data, wire->len, &offset, &error);
  g_assert_null (name);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* 3 labels of 63 and one of 61: 255 octets, the maximum. */
  g_byte_array_set_size (wire, 0);
  for (guint i = 0; i < 3; i++)
    g_byte_array_append (wire, label, sizeof label);
  label[0] = 61;
  g_byte_array_append (wire, label, 62);
  g_byte_array_append (wire, BYTES (0), 1);
  g_assert_cmpuint (wire->len, ==, 255);
  name = sti_dns_rdata_parse_name (wire->data, wire->len, &offset, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (name), ==, 63 * 3 + 61 + 4);
  g_assert_cmpuint (offset, ==, 255);
}

static void
test_mx (void)
{
  g_autoptr(GBytes) mx = NEW_BYTES (0, 10, 2, 'm', 'x', 3, 'o', 'r', 'g', 0);
  g_autoptr(GBytes) null_mx = NEW_BYTES (0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *exchange = NULL;
  g_autofree char *null_exchange = NULL;
  guint16 preference = 0;
  const struct {
    const guint8 *wire;
    gsize         len;
  } bad[] = {
    { BYTES (0), 0 },
    { BYTES (0), 1 },
    { BYTES (0, 10), 2 },                           /* no exchange */
    { BYTES (0, 10, 2, 'm', 'x'), 5 },              /* exchange cut short */
    { BYTES (0, 10, 0xc0, 0x0c), 4 },               /* compression pointer */
    { BYTES (0, 10, 0, 'x'), 4 },                   /* trailing data */
  };

  g_assert_true (sti_dns_rdata_parse_mx (mx, &preference, &exchange, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (preference, ==, 10);
  g_assert_cmpstr (exchange, ==, "mx.org.");

  preference = 99;
  g_assert_true (sti_dns_rdata_parse_mx (null_mx, &preference, &null_exchange, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (preference, ==, 0);
  g_assert_cmpstr (null_exchange, ==, ".");

  /* Outputs are optional. */
  g_assert_true (sti_dns_rdata_parse_mx (mx, NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) rdata = g_bytes_new (bad[i].wire, bad[i].len);
      g_autofree char *out = NULL;

      g_assert_false (sti_dns_rdata_parse_mx (rdata, &preference, &out, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (out);
      g_clear_error (&error);
    }
}

static void
test_target (void)
{
  g_autoptr(GBytes) cname = NEW_BYTES (2, 'm', 'x', 3, 'o', 'r', 'g', 0);
  g_autoptr(GBytes) trailing = NEW_BYTES (2, 'm', 'x', 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *bad = NULL;

  target = sti_dns_rdata_parse_target (cname, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "mx.org.");

  bad = sti_dns_rdata_parse_target (trailing, &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_txt (void)
{
  g_autoptr(GBytes) multi = NEW_BYTES (3, 'a', 'b', 'c', 0, 2, 0x00, 0xff);
  g_autoptr(GBytes) joined = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GError) error = NULL;
  static const guint8 expected[] = { 'a', 'b', 'c', 0x00, 0xff };
  const struct {
    const guint8 *wire;
    gsize         len;
  } bad[] = {
    { BYTES (0), 0 },                 /* no string at all */
    { BYTES (4, 'a', 'b', 'c'), 4 },  /* string cut short */
    { BYTES (1, 'a', 1), 3 },         /* second string cut short */
    { BYTES (255), 1 },
  };

  joined = sti_dns_rdata_parse_txt (multi, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (joined, NULL), g_bytes_get_size (joined), expected,
                   sizeof expected);

  strings = sti_dns_rdata_parse_txt_strings (multi, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strings->len, ==, 3);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (strings, 1)), ==, 0);
  g_assert_cmpuint (g_bytes_get_size (g_ptr_array_index (strings, 2)), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) rdata = g_bytes_new (bad[i].wire, bad[i].len);
      g_autoptr(GBytes) out = NULL;

      out = sti_dns_rdata_parse_txt (rdata, &error);
      g_assert_null (out);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
}

static void
test_tlsa (void)
{
  g_autoptr(GBytes) tlsa = NEW_BYTES (3, 1, 1, 0xde, 0xad, 0xbe, 0xef);
  g_autoptr(GBytes) short_tlsa = NEW_BYTES (3, 1, 1);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  guint8 usage = 0, selector = 0, matching_type = 0;

  g_assert_true (sti_dns_rdata_parse_tlsa (tlsa, &usage, &selector, &matching_type, &data, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (usage, ==, 3);
  g_assert_cmpuint (selector, ==, 1);
  g_assert_cmpuint (matching_type, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (data, NULL), g_bytes_get_size (data), BYTES (0xde, 0xad, 0xbe,
                                                                                  0xef), 4);

  g_assert_false (sti_dns_rdata_parse_tlsa (short_tlsa, &usage, &selector, &matching_type, NULL,
                                            &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_address (void)
{
  g_autoptr(GBytes) a = NEW_BYTES (192, 0, 2, 1);
  g_autoptr(GBytes) short_a = NEW_BYTES (192, 0, 2);
  g_autoptr(GBytes) aaaa = NEW_BYTES (0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GInetAddress) address6 = NULL;
  g_autoptr(GInetAddress) none = NULL;
  g_autoptr(GInetAddress) none6 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text6 = NULL;

  address = sti_dns_rdata_parse_address (a, STI_DNS_TYPE_A, &error);
  g_assert_no_error (error);
  text = g_inet_address_to_string (address);
  g_assert_cmpstr (text, ==, "192.0.2.1");

  address6 = sti_dns_rdata_parse_address (aaaa, STI_DNS_TYPE_AAAA, &error);
  g_assert_no_error (error);
  text6 = g_inet_address_to_string (address6);
  g_assert_cmpstr (text6, ==, "2001:db8::1");

  none = sti_dns_rdata_parse_address (short_a, STI_DNS_TYPE_A, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* An A record's 4 bytes are not an AAAA. */
  none6 = sti_dns_rdata_parse_address (a, STI_DNS_TYPE_AAAA, &error);
  g_assert_null (none6);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_presentation (void)
{
  const struct {
    guint16       type;
    const guint8 *wire;
    gsize         len;
    const char   *text;
  } cases[] = {
    { STI_DNS_TYPE_A, BYTES (127, 0, 0, 1), 4, "127.0.0.1" },
    { STI_DNS_TYPE_A, BYTES (127, 0, 0), 3, "\\# 3 7F0000" },
    { STI_DNS_TYPE_MX, BYTES (0, 5, 1, 'a', 0), 5, "5 a." },
    { STI_DNS_TYPE_MX, BYTES (0, 0, 0), 3, "0 ." },
    { STI_DNS_TYPE_MX, BYTES (0, 5, 0xc0, 0x0c), 4, "\\# 4 0005C00C" },
    { STI_DNS_TYPE_CNAME, BYTES (1, 'b', 0), 3, "b." },
    { STI_DNS_TYPE_TXT, BYTES (2, 'h', 'i', 3, 0x1b, '"', 0xc3), 7, "\"hi\" \"\\027\\\"\\195\"" },
    { STI_DNS_TYPE_TXT, BYTES (9, 'x'), 2, "\\# 2 0978" },
    { STI_DNS_TYPE_TLSA, BYTES (2, 0, 1, 0xab, 0x01), 5, "2 0 1 AB01" },
    { STI_DNS_TYPE_TLSA, BYTES (2, 0), 2, "\\# 2 0200" },
    { 65280, BYTES (1, 2, 3), 3, "\\# 3 010203" },
    { 99, BYTES (0), 0, "\\# 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) rdata = g_bytes_new (cases[i].wire, cases[i].len);
      g_autofree char *text = sti_dns_rdata_to_presentation (cases[i].type, rdata);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_type_names (void)
{
  g_autofree char *mx = sti_dns_type_to_string (STI_DNS_TYPE_MX);
  g_autofree char *tlsa = sti_dns_type_to_string (STI_DNS_TYPE_TLSA);
  g_autofree char *unknown = sti_dns_type_to_string (65280);

  g_assert_cmpstr (mx, ==, "MX");
  g_assert_cmpstr (tlsa, ==, "TLSA");
  g_assert_cmpstr (unknown, ==, "TYPE65280");

  g_assert_true (sti_dns_name_equal ("Example.ORG.", "example.org"));
  g_assert_true (sti_dns_name_equal (".", "."));
  g_assert_false (sti_dns_name_equal ("example.org", "example.org.uk"));
  g_assert_false (sti_dns_name_equal ("a\\.", "a"));
  g_assert_false (sti_dns_name_equal (NULL, "a"));
}

/* Every prefix of valid rdata, then random bytes: parsers must fail
 * cleanly or succeed, never read out of bounds (run under valgrind/ASan). */
static void
test_hostile (void)
{
  static const guint16 types[] = {
    STI_DNS_TYPE_A, STI_DNS_TYPE_AAAA, STI_DNS_TYPE_MX, STI_DNS_TYPE_TXT,
    STI_DNS_TYPE_TLSA, STI_DNS_TYPE_CNAME, STI_DNS_TYPE_NS, 1234,
  };
  static const guint8 valid_mx[] = { 0, 10, 2, 'm', 'x', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3,
                                    'o', 'r', 'g', 0 };
  GRand *rand = g_rand_new_with_seed (20260101);

  for (gsize len = 0; len <= sizeof valid_mx; len++)
    {
      /* A copy of exactly @len bytes, so valgrind sees any overread. */
      g_autoptr(GBytes) rdata = g_bytes_new (valid_mx, len);
      g_autofree char *exchange = NULL;
      gboolean ok = sti_dns_rdata_parse_mx (rdata, NULL, &exchange, NULL);

      g_assert_cmpint (ok, ==, len == sizeof valid_mx);
    }

  for (guint round = 0; round < 20000; round++)
    {
      gsize len = g_rand_int_range (rand, 0, 40);
      g_autofree guint8 *buffer = g_malloc (MAX (len, 1));
      g_autoptr(GBytes) rdata = NULL;

      for (gsize i = 0; i < len; i++)
        buffer[i] = (round % 3 == 0) ? g_rand_int_range (rand, 0, 8) : g_rand_int_range (rand, 0,
                                                                                         256);
      rdata = g_bytes_new_take (g_steal_pointer (&buffer), len);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          g_autofree char *text = sti_dns_rdata_to_presentation (types[t], rdata);

          g_assert_nonnull (text);
          for (const char *p = text; *p != '\0'; p++)
            g_assert_true (*p >= 0x20 && *p < 0x7f);
        }

      {
        g_autoptr(GBytes) txt = sti_dns_rdata_parse_txt (rdata, NULL);
        g_autofree char *target = sti_dns_rdata_parse_target (rdata, NULL);
        g_autoptr(GBytes) association = NULL;

        if (txt != NULL)
          g_assert_cmpuint (g_bytes_get_size (txt), <, MAX (len, 1));
        if (sti_dns_rdata_parse_tlsa (rdata, NULL, NULL, NULL, &association, NULL))
          g_assert_cmpuint (g_bytes_get_size (association), ==, len - 3);
        (void)target;
      }
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/dns-rdata/name", test_name);
  g_test_add_func ("/sti/dns-rdata/name-too-long", test_name_too_long);
  g_test_add_func ("/sti/dns-rdata/mx", test_mx);
  g_test_add_func ("/sti/dns-rdata/target", test_target);
  g_test_add_func ("/sti/dns-rdata/txt", test_txt);
  g_test_add_func ("/sti/dns-rdata/tlsa", test_tlsa);
  g_test_add_func ("/sti/dns-rdata/address", test_address);
  g_test_add_func ("/sti/dns-rdata/presentation", test_presentation);
  g_test_add_func ("/sti/dns-rdata/type-names", test_type_names);
  g_test_add_func ("/sti/dns-rdata/hostile", test_hostile);

  return g_test_run ();
}
