/* test-dane.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "certgen.h"
#include "findings-assert.h"
#include "sti-dane.h"
#include "sti-finding.h"

/* The expected association data is computed here independently of the
 * code under test: the SPKI is cut out of the DER by a small ASN.1 walker
 * (not GnuTLS' pubkey export) and hashed with GChecksum (not GnuTLS). */

#define DAY (24 * 3600)

typedef struct
{
  CertgenCert *root;
  CertgenCert *intermediate;
  CertgenCert *leaf;          /* mx.example.test, issued by intermediate */
  CertgenCert *next_leaf;     /* the same name, another key */
  CertgenCert *wild_leaf;     /* *.example.test */
  CertgenCert *expired_leaf;  /* expired, wrong name */
  CertgenCert *other_ca;      /* unrelated */
} Pki;

static Pki pki;

/* ---- independent ASN.1: DER TLV header ---- */

static gboolean
der_tlv (const guint8  *data,
         gsize          len,
         gsize         *header_len,
         gsize         *content_len)
{
  gsize n;

  if (len < 2)
    return FALSE;
  if ((data[1] & 0x80) == 0)
    {
      *header_len = 2;
      *content_len = data[1];
    }
  else
    {
      n = data[1] & 0x7f;
      if (n == 0 || n > 4 || len < 2 + n)
        return FALSE;
      *content_len = 0;
      for (gsize i = 0; i < n; i++)
        *content_len = (*content_len << 8) | data[2 + i];
      *header_len = 2 + n;
    }
  return *header_len + *content_len <= len;
}

/* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version,
 * serial, signature, issuer, validity, subject, subjectPublicKeyInfo … } } */
static GBytes *
spki_of (GBytes *cert_der)
{
  gsize len, h, c;
  const guint8 *p = g_bytes_get_data (cert_der, &len);
  const guint8 *tbs;
  gsize tbs_len;

  g_assert_true (der_tlv (p, len, &h, &c));
  p += h;
  len = c;
  g_assert_true (der_tlv (p, len, &h, &c));
  tbs = p + h;
  tbs_len = c;

  if (tbs[0] == 0xa0)  /* explicit version */
    {
      g_assert_true (der_tlv (tbs, tbs_len, &h, &c));
      tbs += h + c;
      tbs_len -= h + c;
    }
  for (guint field = 0; field < 5; field++)  /* serial .. subject */
    {
      g_assert_true (der_tlv (tbs, tbs_len, &h, &c));
      tbs += h + c;
      tbs_len -= h + c;
    }
  g_assert_cmpuint (tbs[0], ==, 0x30);
  g_assert_true (der_tlv (tbs, tbs_len, &h, &c));

  return g_bytes_new (tbs, h + c);
}

static char *
hex_of (GBytes        *data,
        GChecksumType  type)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (data, &len);
  GString *out;

  if (type != (GChecksumType)-1)
    {
      g_autofree char *lower = g_compute_checksum_for_data (type, p, len);
      return g_ascii_strup (lower, -1);
    }

  out = g_string_new (NULL);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02X", p[i]);
  return g_string_free (out, FALSE);
}

static GBytes *
unhex (const char *hex)
{
  gsize len = strlen (hex) / 2;
  guint8 *out = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    out[i] = (g_ascii_xdigit_value (hex[2 * i]) << 4) | g_ascii_xdigit_value (hex[2 * i + 1]);
  return g_bytes_new_take (out, len);
}

/* The association data for @cert, as hex. */
static char *
assoc_hex (CertgenCert *cert,
           guint        selector,
           guint        matching_type)
{
  g_autoptr(GBytes) der = certgen_der (cert);
  g_autoptr(GBytes) selected = selector == 0 ? g_bytes_ref (der) : spki_of (der);
  GChecksumType type = matching_type == 1 ? G_CHECKSUM_SHA256 :
                       matching_type == 2 ? G_CHECKSUM_SHA512 : (GChecksumType)-1;

  return hex_of (selected, type);
}

static GBytes *
tlsa_rdata (guint       usage,
            guint       selector,
            guint       matching_type,
            const char *hex)
{
  g_autoptr(GBytes) data = unhex (hex);
  GByteArray *out = g_byte_array_new ();
  guint8 head[3] = { usage, selector, matching_type };

  g_byte_array_append (out, head, 3);
  g_byte_array_append (out, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
tlsa_for (guint        usage,
          guint        selector,
          guint        matching_type,
          CertgenCert *cert)
{
  g_autofree char *hex = assoc_hex (cert, selector, matching_type);

  return tlsa_rdata (usage, selector, matching_type, hex);
}

/* ---- the table ---- */

typedef enum
{
  CHAIN_LEAF_INT,
  CHAIN_LEAF_INT_ROOT,
  CHAIN_LEAF_INT_OTHER,
  CHAIN_WILD_INT,
  CHAIN_EXPIRED_INT,
  CHAIN_NONE,
} ChainKind;

typedef enum
{
  REC_LEAF,
  REC_NEXT,
  REC_INT,
  REC_ROOT,
  REC_OTHER,
  REC_EXPIRED,
  REC_WILD,
  REC_RAW,  /* use raw_hex */
} RecordSource;

typedef struct
{
  guint         usage, selector, matching_type;
  RecordSource  source;
  const char   *raw_hex;
  StiDaneMatchStatus expect;
  gint          expect_position;
} RecordCase;

typedef struct
{
  const char      *name;
  StiDnssecStatus  dnssec;
  ChainKind        chain;
  const char      *mx_name;
  RecordCase       records[3];
  guint            n_records;
  const char      *expect_ids;
} DaneCase;

#define OK STI_DANE_MATCH_OK
#define NONE STI_DANE_MATCH_NONE

static const DaneCase cases[] = {
  { "ee-spki-sha256", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ee-cert-sha256", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 0, 1, REC_LEAF, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ee-spki-sha512", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 2, REC_LEAF, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ee-spki-full", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 0, REC_LEAF, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ee-cert-full", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 0, 0, REC_LEAF, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ee-other-key", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_NEXT, NULL, NONE, -1 } }, 1, "dane-no-match" },
  { "ee-on-intermediate", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_INT, NULL, NONE, -1 } }, 1, "dane-no-match" },
  /* DANE-EE: no name or date checks (RFC 7672 §3.1.1) */
  { "ee-expired-wrong-name", STI_DNSSEC_SECURE, CHAIN_EXPIRED_INT, "mx.example.test",
    { { 3, 1, 1, REC_EXPIRED, NULL, OK, 0 } }, 1, "dane-rollover-missing" },
  { "ta-intermediate", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 2, 1, 1, REC_INT, NULL, OK, 1 } }, 1, "" },
  { "ta-root-cert-sent", STI_DNSSEC_SECURE, CHAIN_LEAF_INT_ROOT, "mx.example.test",
    { { 2, 0, 1, REC_ROOT, NULL, OK, 2 } }, 1, "" },
  { "ta-root-not-sent", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 2, 1, 1, REC_ROOT, NULL, NONE, -1 } }, 1, "dane-no-match" },
  { "ta-wildcard-leaf", STI_DNSSEC_SECURE, CHAIN_WILD_INT, "mx.example.test.",
    { { 2, 1, 2, REC_INT, NULL, OK, 1 } }, 1, "" },
  /* the leaf itself as the anchor: still name-checked */
  { "ta-on-leaf", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 2, 1, 1, REC_LEAF, NULL, OK, 0 } }, 1, "" },
  { "ta-on-leaf-wrong-name", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "other.example.test",
    { { 2, 0, 1, REC_LEAF, NULL, STI_DANE_MATCH_TA_NAME_MISMATCH, 0 } }, 1,
    "dane-no-match,dane-ta-name-mismatch" },
  { "ta-name-mismatch", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "other.example.test",
    { { 2, 1, 1, REC_INT, NULL, STI_DANE_MATCH_TA_NAME_MISMATCH, 1 } }, 1,
    "dane-no-match,dane-ta-name-mismatch" },
  { "ta-unrelated-ca-sent", STI_DNSSEC_SECURE, CHAIN_LEAF_INT_OTHER, "mx.example.test",
    { { 2, 1, 1, REC_OTHER, NULL, STI_DANE_MATCH_TA_CHAIN_FAILED, 2 } }, 1,
    "dane-no-match,dane-ta-chain-failed" },
  /* DANE-TA checks dates */
  { "ta-expired-leaf", STI_DNSSEC_SECURE, CHAIN_EXPIRED_INT, "expired.example.test",
    { { 2, 1, 1, REC_INT, NULL, STI_DANE_MATCH_TA_CHAIN_FAILED, 1 } }, 1,
    "dane-no-match,dane-ta-chain-failed" },
  { "pkix-ee-unsuitable", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 1, 1, 1, REC_LEAF, NULL, STI_DANE_MATCH_UNSUITABLE_USAGE, -1 } }, 1,
    "dane-usage-unsuitable,dane-no-usable-records" },
  { "pkix-ta-unsuitable-but-ee-ok", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 0, 1, 1, REC_INT, NULL, STI_DANE_MATCH_UNSUITABLE_USAGE, -1 },
      { 3, 1, 1, REC_LEAF, NULL, OK, 0 } }, 2,
    "dane-usage-unsuitable,dane-rollover-missing" },
  { "short-digest", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_RAW, "00112233445566778899aabbccddeeff00112233445566778899aabbccddee",
        STI_DANE_MATCH_UNUSABLE, -1 } }, 1, "dane-tlsa-unusable,dane-no-usable-records" },
  { "unknown-selector", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 2, 1, REC_LEAF, NULL, STI_DANE_MATCH_UNUSABLE, -1 } }, 1,
    "dane-tlsa-unusable,dane-no-usable-records" },
  { "unknown-matching-type", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 3, REC_RAW, "0011", STI_DANE_MATCH_UNUSABLE, -1 } }, 1,
    "dane-tlsa-unusable,dane-no-usable-records" },
  { "unknown-usage", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 4, 1, 1, REC_LEAF, NULL, STI_DANE_MATCH_UNUSABLE, -1 } }, 1,
    "dane-tlsa-unusable,dane-no-usable-records" },
  { "rollover-next-key", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, OK, 0 }, { 3, 1, 1, REC_NEXT, NULL, NONE, -1 } }, 2, "" },
  { "rollover-issuer", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, OK, 0 }, { 2, 1, 1, REC_INT, NULL, OK, 1 } }, 2, "" },
  /* two records for the same key are not a rollover */
  { "rollover-duplicate-key", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, OK, 0 }, { 3, 0, 1, REC_LEAF, NULL, OK, 0 } }, 2,
    "dane-rollover-missing" },
  { "insecure", STI_DNSSEC_INSECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_NEXT, NULL, NONE, -1 } }, 1, "dane-tlsa-insecure" },
  { "bogus", STI_DNSSEC_BOGUS, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, OK, 0 } }, 1, "dane-tlsa-bogus" },
  { "bogus-empty", STI_DNSSEC_BOGUS, CHAIN_LEAF_INT, "mx.example.test",
    { { 0 } }, 0, "dane-tlsa-bogus" },
  { "missing", STI_DNSSEC_SECURE, CHAIN_LEAF_INT, "mx.example.test",
    { { 0 } }, 0, "dane-tlsa-missing" },
  { "unvalidated", STI_DNSSEC_NOT_VALIDATED, CHAIN_LEAF_INT, "mx.example.test",
    { { 3, 1, 1, REC_NEXT, NULL, NONE, -1 } }, 1, "dane-tlsa-unvalidated,dane-no-match" },
  { "no-chain", STI_DNSSEC_SECURE, CHAIN_NONE, "mx.example.test",
    { { 3, 1, 1, REC_LEAF, NULL, NONE, -1 } }, 1, "" },
};

static CertgenCert *
cert_for (RecordSource source)
{
  switch (source)
    {
    case REC_LEAF: return pki.leaf;
    case REC_NEXT: return pki.next_leaf;
    case REC_INT: return pki.intermediate;
    case REC_ROOT: return pki.root;
    case REC_OTHER: return pki.other_ca;
    case REC_EXPIRED: return pki.expired_leaf;
    case REC_WILD: return pki.wild_leaf;
    case REC_RAW:
    default:
      return NULL;
    }
}

static GPtrArray *
chain_for (ChainKind kind)
{
  switch (kind)
    {
    case CHAIN_LEAF_INT: return certgen_der_chain (pki.leaf, pki.intermediate, NULL);
    case CHAIN_LEAF_INT_ROOT: return certgen_der_chain (pki.leaf, pki.intermediate, pki.root, NULL);
    case CHAIN_LEAF_INT_OTHER:
      return certgen_der_chain (pki.leaf, pki.intermediate, pki.other_ca, NULL);
    case CHAIN_WILD_INT: return certgen_der_chain (pki.wild_leaf, pki.intermediate, NULL);
    case CHAIN_EXPIRED_INT: return certgen_der_chain (pki.expired_leaf, pki.intermediate, NULL);
    case CHAIN_NONE:
    default:
      return g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
    }
}

static void
test_dane_case (gconstpointer data)
{
  const DaneCase *c = data;
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = chain_for (c->chain);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { c->mx_name, NULL };

  for (guint i = 0; i < c->n_records; i++)
    {
      const RecordCase *r = &c->records[i];

      if (r->source == REC_RAW)
        g_ptr_array_add (rdata, tlsa_rdata (r->usage, r->selector, r->matching_type, r->raw_hex));
      else
        g_ptr_array_add (rdata, tlsa_for (r->usage, r->selector, MIN (r->matching_type, 2),
                                          cert_for (r->source)));
    }

  findings = sti_dane_evaluate (rdata, c->dnssec, chain, names, matches);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("finding %s: %s", sti_finding_get_id (g_ptr_array_index (findings, i)),
                    sti_finding_get_detail (g_ptr_array_index (findings, i)));
  for (guint i = 0; i < matches->len; i++)
    {
      StiDaneMatch *m = g_ptr_array_index (matches, i);
      g_test_message ("record %u %s: %s: %s", m->index, m->text,
                      sti_dane_match_status_to_string (m->status), m->reason);
    }

  assert_ids (findings, c->expect_ids);
  g_assert_cmpuint (matches->len, ==, c->n_records);
  for (guint i = 0; i < c->n_records; i++)
    {
      StiDaneMatch *m = g_ptr_array_index (matches, i);

      g_assert_cmpuint (m->index, ==, i);
      g_assert_cmpstr (sti_dane_match_status_to_string (m->status), ==,
                       sti_dane_match_status_to_string (c->records[i].expect));
      g_assert_cmpint (m->chain_position, ==, c->records[i].expect_position);
      g_assert_nonnull (m->reason);
      g_assert_true (g_utf8_validate (m->reason, -1, NULL));
      g_assert_cmpint (m->usage, ==, (gint)c->records[i].usage);
    }
}

static void
test_dane_malformed (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { "mx.example.test", NULL };
  static const guint8 junk[] = { 3, 1 };

  g_ptr_array_add (rdata, g_bytes_new_static (junk, sizeof junk));
  g_ptr_array_add (rdata, tlsa_for (3, 1, 1, pki.leaf));
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, names, matches);

  assert_ids (findings, "dane-tlsa-malformed,dane-rollover-missing");
  g_assert_cmpint (((StiDaneMatch *)matches->pdata[0])->status, ==, STI_DANE_MATCH_MALFORMED);
  g_assert_cmpint (((StiDaneMatch *)matches->pdata[0])->usage, ==, -1);
  g_assert_cmpint (((StiDaneMatch *)matches->pdata[1])->status, ==, STI_DANE_MATCH_OK);
}

/* A no-match finding says what the leaf's value actually is. */
static void
test_dane_no_match_explains (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *leaf_hex = assoc_hex (pki.leaf, 1, 1);
  const char *names[] = { "mx.example.test", NULL };
  g_autoptr(GVariant) fix = NULL;
  g_autofree const char **fix_records = NULL;
  StiFinding *finding;

  g_ptr_array_add (rdata, tlsa_for (3, 1, 1, pki.next_leaf));
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, names, matches);
  assert_ids (findings, "dane-no-match");

  g_assert_nonnull (strstr (((StiDaneMatch *)matches->pdata[0])->reason, leaf_hex));
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  fix = g_variant_lookup_value (sti_finding_get_params (finding), "fix_records",
                                G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (fix);
  fix_records = g_variant_get_strv (fix, NULL);
  g_assert_cmpuint (g_strv_length ((char **)fix_records), ==, 2);
  g_assert_true (g_str_has_prefix (fix_records[0], "_25._tcp.mx.example.test. IN TLSA 3 1 1 "));
  g_assert_true (g_str_has_suffix (fix_records[0], leaf_hex));
}

/* The generated records carry independently computed digests, and the
 * evaluator accepts them. */
static void
test_dane_generate (void)
{
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *leaf_hex = assoc_hex (pki.leaf, 1, 1);
  g_autofree char *int_hex = assoc_hex (pki.intermediate, 1, 1);
  g_autofree char *expect_leaf = g_strdup_printf ("_25._tcp.mx.example.test. IN TLSA 3 1 1 %s",
                                                  leaf_hex);
  g_autofree char *expect_int = g_strdup_printf ("_25._tcp.mx.example.test. IN TLSA 2 1 1 %s",
                                                 int_hex);
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { "mx.example.test", NULL };
  StiDaneSuggestion *ee, *ta;

  suggestions = sti_dane_generate (chain, "MX.example.test.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 2);
  ee = g_ptr_array_index (suggestions, 0);
  ta = g_ptr_array_index (suggestions, 1);

  g_assert_cmpstr (ee->record, ==, expect_leaf);
  g_assert_cmpstr (ta->record, ==, expect_int);
  g_assert_false (ee->survives_new_key);
  g_assert_true (ta->survives_new_key);
  g_assert_nonnull (strstr (ee->note, "reuse"));
  g_assert_cmpuint (ee->chain_position, ==, 0);
  g_assert_cmpuint (ta->chain_position, ==, 1);
  g_assert_nonnull (strstr (ee->subject, "mx.example.test"));

  /* feed them back: both match, and the pair is rollover-ready */
  for (guint i = 0; i < suggestions->len; i++)
    {
      StiDaneSuggestion *s = g_ptr_array_index (suggestions, i);
      const char *hex = strrchr (s->record, ' ') + 1;

      g_ptr_array_add (rdata, tlsa_rdata (s->usage, s->selector, s->matching_type, hex));
    }
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, names, NULL);
  assert_ids (findings, "");

  /* a lone leaf: only the 3 1 1 */
  {
    g_autoptr(GPtrArray) lone = certgen_der_chain (pki.leaf, NULL);
    g_autoptr(GPtrArray) one = sti_dane_generate (lone, "mx.example.test", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (one->len, ==, 1);
  }

  /* nothing readable */
  {
    g_autoptr(GPtrArray) empty = chain_for (CHAIN_NONE);
    g_autoptr(GPtrArray) none = NULL;

    g_ptr_array_add (empty, g_bytes_new_static ("junk", 4));
    none = sti_dane_generate (empty, "mx.example.test", &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

/* Two reference identities (TLSA base domain after a CNAME, MX name):
 * either one satisfies DANE-TA. */
static void
test_dane_several_names (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { "other.example.test", "mx.example.test.", NULL };

  g_ptr_array_add (rdata, tlsa_for (2, 1, 1, pki.intermediate));
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, names, matches);
  assert_ids (findings, "");
  g_assert_cmpint (((StiDaneMatch *)matches->pdata[0])->status, ==, STI_DANE_MATCH_OK);
  g_assert_nonnull (strstr (((StiDaneMatch *)matches->pdata[0])->reason, "mx.example.test"));
}

/* Hostile rdata and chains: never a crash, always one verdict per record. */
static void
test_dane_random (void)
{
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  const char *names[] = { "mx.example.test", NULL };

  for (guint round = 0; round < 500; round++)
    {
      g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autoptr(GPtrArray) matches =
        g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
      g_autoptr(GPtrArray) junk_chain =
        g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autoptr(GPtrArray) findings = NULL;
      guint n = g_test_rand_int_range (1, 4);

      for (guint i = 0; i < n; i++)
        {
          gsize len = g_test_rand_int_range (0, 80);
          guint8 *buf = g_malloc (len + 1);

          for (gsize j = 0; j < len; j++)
            buf[j] = g_test_rand_int_range (0, 256);
          if (len > 0)
            buf[0] = g_test_rand_int_range (0, 5);
          if (len > 2)
            buf[2] = g_test_rand_int_range (0, 4);
          g_ptr_array_add (rdata, g_bytes_new_take (buf, len));
        }
      g_ptr_array_add (junk_chain, g_bytes_new_static ("\x30\x82\xff\xff", 4));

      findings = sti_dane_evaluate (rdata, round % 4, round % 2 ? chain : junk_chain, names,
                                    matches);
      g_assert_cmpuint (matches->len, ==, n);
      for (guint i = 0; i < matches->len; i++)
        {
          StiDaneMatch *m = g_ptr_array_index (matches, i);

          g_assert_true (g_utf8_validate (m->reason, -1, NULL));
          g_assert_true (g_utf8_validate (m->text, -1, NULL));
          g_assert_cmpint (m->status, !=, STI_DANE_MATCH_OK);
        }
    }
}

static void
test_dane_boxed (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) chain = chain_for (CHAIN_LEAF_INT);
  g_autoptr(GPtrArray) matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  g_autoptr(GPtrArray) findings = NULL;
  StiDaneMatch *copy;

  g_ptr_array_add (rdata, tlsa_for (3, 1, 1, pki.leaf));
  findings = sti_dane_evaluate (rdata, STI_DNSSEC_SECURE, chain, NULL, matches);
  copy = g_boxed_copy (STI_TYPE_DANE_MATCH, matches->pdata[0]);
  g_assert_true (copy == matches->pdata[0]);
  g_boxed_free (STI_TYPE_DANE_MATCH, copy);
  g_assert_true (G_TYPE_IS_BOXED (STI_TYPE_DANE_SUGGESTION));
}

int
main (int   argc,
      char *argv[])
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int ret;

  g_test_init (&argc, &argv, NULL);

  pki.root = certgen_make_ca ("Test Root", NULL);
  pki.intermediate = certgen_make_ca ("Test Intermediate", pki.root);
  pki.leaf = certgen_make_leaf ("mx.example.test", pki.intermediate);
  pki.next_leaf = certgen_make_leaf ("mx.example.test", pki.intermediate);
  pki.wild_leaf = certgen_make_leaf ("*.example.test", pki.intermediate);
  pki.other_ca = certgen_make_ca ("Unrelated CA", NULL);
  {
    CertgenOptions options = { 0, };
    const char *names[] = { "expired.example.test", NULL };

    options.common_name = "expired.example.test";
    options.dns_names = names;
    options.not_before = now - 100 * DAY;
    options.not_after = now - 10 * DAY;
    pki.expired_leaf = certgen_make (&options, pki.intermediate);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/dane/match/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_dane_case);
    }
  g_test_add_func ("/sti/dane/malformed", test_dane_malformed);
  g_test_add_func ("/sti/dane/no-match-explains", test_dane_no_match_explains);
  g_test_add_func ("/sti/dane/generate", test_dane_generate);
  g_test_add_func ("/sti/dane/several-names", test_dane_several_names);
  g_test_add_func ("/sti/dane/random", test_dane_random);
  g_test_add_func ("/sti/dane/boxed", test_dane_boxed);

  ret = g_test_run ();

  g_clear_pointer (&pki.expired_leaf, certgen_free);
  g_clear_pointer (&pki.other_ca, certgen_free);
  g_clear_pointer (&pki.wild_leaf, certgen_free);
  g_clear_pointer (&pki.next_leaf, certgen_free);
  g_clear_pointer (&pki.leaf, certgen_free);
  g_clear_pointer (&pki.intermediate, certgen_free);
  g_clear_pointer (&pki.root, certgen_free);

  return ret;
}
