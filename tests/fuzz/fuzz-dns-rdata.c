/* fuzz-dns-rdata.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "dns-rdata": the rdata decoders and the TXT field grammar
 * (app/core/dns/sti-dns-rdata.c), fed what a name server answers.
 *
 * Input: two bytes of RR type (network order, for the presentation form),
 * then the rdata. Every decoder runs on it whatever the type, as a
 * confused or hostile resolver answer could reach any of them.
 * Promises asserted: names and presentation forms are clean text, the
 * decoders never read past the rdata (ASan), TXT strings add up to the
 * rdata, and the field walker always moves forward and stays inside.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh dns-rdata SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include <gio/gio.h>
#include <string.h>

#include "sti-dns-rdata.h"

static void
check_names (GBytes *rdata)
{
  g_autofree char *target = sti_dns_rdata_parse_target (rdata, NULL);
  g_autofree char *exchange = NULL;
  guint16 preference;
  gsize len;
  const guint8 *data = g_bytes_get_data (rdata, &len);

  fuzz_assert_clean (target, "target name");
  if (sti_dns_rdata_parse_mx (rdata, &preference, &exchange, NULL))
    {
      fuzz_assert_clean (exchange, "MX exchange");
      g_assert_true (sti_dns_name_equal (exchange, exchange));
    }

  /* Every suffix, as the SOA and RRSIG decoders walk names mid-rdata. */
  for (gsize start = 0; start < len && start < 64; start++)
    {
      gsize offset = start;
      g_autofree char *name = sti_dns_rdata_parse_name (data, len, &offset, NULL);

      if (name != NULL)
        {
          fuzz_assert_clean (name, "name");
          g_assert_cmpuint (offset, >, start);
          g_assert_cmpuint (offset, <=, len);
        }
    }
}

static void
check_txt_fields (GBytes *text)
{
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  const char *p;
  const char *end;
  const char *name;
  gsize name_len;
  const char *reason;

  if (len == 0)
    return;
  end = data + len;
  sti_dns_txt_check_printable (data, len);

  /* As the record parsers do after their version field. */
  p = memchr (data, ';', len);
  if (p == NULL)
    return;
  while (sti_dns_txt_next_field (&p, end, &name, &name_len, &reason))
    {
      const char *before = p;

      g_assert_true (p < end && *p == '=');
      g_assert_true (name >= data && name + name_len == p);
      if (!sti_dns_txt_skip_extension (name, &p, end, &reason))
        {
          g_assert_nonnull (reason);
          break;
        }
      g_assert_true (p > before && p <= end);
    }
}

static void
check_txt (GBytes *rdata)
{
  g_autoptr(GPtrArray) strings = sti_dns_rdata_parse_txt_strings (rdata, NULL);
  g_autoptr(GBytes) joined = sti_dns_rdata_parse_txt (rdata, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GPtrArray) selected = NULL;
  g_auto(GStrv) shown = NULL;
  gsize total = 0;

  g_assert_true ((strings == NULL) == (joined == NULL));
  if (strings == NULL)
    return;

  for (guint i = 0; i < strings->len; i++)
    {
      g_assert_cmpuint (g_bytes_get_size (strings->pdata[i]), <=, 255);
      total += g_bytes_get_size (strings->pdata[i]);
    }
  g_assert_cmpuint (total, ==, g_bytes_get_size (joined));
  g_assert_cmpuint (total + strings->len, ==, g_bytes_get_size (rdata));

  shown = sti_dns_txt_dup_sanitized (strings);
  for (guint i = 0; shown[i] != NULL; i++)
    fuzz_assert_clean (shown[i], "TXT string");

  g_ptr_array_add (records, rdata);
  selected = sti_dns_rdata_select_txt (records, "v=STSv1");
  g_assert_cmpuint (selected->len, <=, 1);
  check_txt_fields (joined);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) rdata = NULL;
  g_autoptr(GBytes) association = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *presentation = NULL;
  g_autofree char *generic = NULL;
  g_autofree char *type_name = NULL;
  guint8 usage, selector, matching_type;
  guint16 rrtype;

  fuzz_init ();
  if (size < 2)
    return 0;

  rrtype = (guint16)(data[0] << 8 | data[1]);
  rdata = g_bytes_new (data + 2, size - 2);

  presentation = sti_dns_rdata_to_presentation (rrtype, rdata);
  fuzz_assert_clean (presentation, "presentation form");
  generic = sti_dns_rdata_to_generic (rdata);
  fuzz_assert_clean (generic, "generic form");
  type_name = sti_dns_type_to_string (rrtype);
  fuzz_assert_clean (type_name, "type name");

  check_names (rdata);
  check_txt (rdata);

  if (sti_dns_rdata_parse_tlsa (rdata, &usage, &selector, &matching_type, &association, NULL))
    g_assert_cmpuint (g_bytes_get_size (association) + 3, ==, g_bytes_get_size (rdata));

  address = sti_dns_rdata_parse_address (rdata, STI_DNS_TYPE_A, NULL);
  g_clear_object (&address);
  address = sti_dns_rdata_parse_address (rdata, STI_DNS_TYPE_AAAA, NULL);

  return 0;
}
