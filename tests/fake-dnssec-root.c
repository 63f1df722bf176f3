/* fake-dnssec-root.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Included by the tests that need signed DNS answers, after
 * fake-dns-server.c (tests/meson.build builds each test from one file). */

#include <glib/gstdio.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>

/* A private DNSSEC root for the tests: an RSASHA256 key (algorithm 8)
 * signs "." DNSKEY and answers placed directly in the root zone, and a
 * trust anchor file names the key. Validation is real: libunbound checks
 * these signatures. */
typedef struct
{
  gnutls_privkey_t  key;
  GBytes           *dnskey;
  guint16           key_tag;
  char             *anchor_path;
} TestRoot;

static void
append_u16 (GByteArray *out,
            guint       v)
{
  guint8 b[2] = { (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
append_u32 (GByteArray *out,
            guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static guint
append_name (GByteArray *out,
             const char *name)
{
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);
  guint n = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (labels[i], -1);
      guint8 len = strlen (lower);

      if (len == 0)
        continue;
      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *)lower, len);
      n++;
    }
  g_byte_array_append (out, (const guint8 *)"", 1);

  return n;
}

static void
test_root_init (TestRoot *root)
{
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t m = { NULL, 0 }, e = { NULL, 0 };
  g_autoptr(GByteArray) dnskey = g_byte_array_new ();
  g_autofree char *b64 = NULL;
  g_autofree char *anchor = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *k;
  gsize klen;
  guint32 ac = 0;
  int fd;

  g_assert_cmpint (gnutls_privkey_init (&root->key), ==, 0);
  g_assert_cmpint (gnutls_privkey_generate (root->key, GNUTLS_PK_RSA, 2048, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_init (&pub), ==, 0);
  g_assert_cmpint (gnutls_pubkey_import_privkey (pub, root->key, 0, 0), ==, 0);
  g_assert_cmpint (gnutls_pubkey_export_rsa_raw2 (pub, &m, &e, GNUTLS_EXPORT_FLAG_NO_LZ), ==, 0);

  /* DNSKEY: flags 257 (zone key, SEP), protocol 3, algorithm 8, then
   * the RFC 3110 public key. */
  append_u16 (dnskey, 257);
  g_byte_array_append (dnskey, (const guint8[]) { 3, 8 }, 2);
  g_assert_cmpuint (e.size, <, 256);
  g_byte_array_append (dnskey, (const guint8[]) { e.size }, 1);
  g_byte_array_append (dnskey, e.data, e.size);
  g_byte_array_append (dnskey, m.data, m.size);
  gnutls_free (m.data);
  gnutls_free (e.data);
  gnutls_pubkey_deinit (pub);

  /* RFC 4034, appendix B */
  for (guint i = 0; i < dnskey->len; i++)
    ac += (i & 1) ? dnskey->data[i] : (guint32)dnskey->data[i] << 8;
  ac += (ac >> 16) & 0xffff;
  root->key_tag = ac & 0xffff;

  root->dnskey = g_byte_array_free_to_bytes (g_steal_pointer (&dnskey));
  k = g_bytes_get_data (root->dnskey, &klen);
  b64 = g_base64_encode (k + 4, klen - 4);
  anchor = g_strdup_printf (". 3600 IN DNSKEY 257 3 8 %s\n", b64);

  fd = g_file_open_tmp ("sti-test-anchor-XXXXXX", &root->anchor_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (root->anchor_path, anchor, -1, &error);
  g_assert_no_error (error);
}

static void
test_root_clear (TestRoot *root)
{
  g_unlink (root->anchor_path);
  g_clear_pointer (&root->anchor_path, g_free);
  g_clear_pointer (&root->dnskey, g_bytes_unref);
  g_clear_pointer (&root->key, gnutls_privkey_deinit);
}

/* RFC 4034 §3.1.8.1 for an RRset of one record. */
static GBytes *
test_root_sign (TestRoot   *root,
                const char *owner,
                guint16     type,
                guint32     ttl,
                GBytes     *rdata,
                gboolean    corrupt)
{
  g_autoptr(GByteArray) rrsig = g_byte_array_new ();
  g_autoptr(GByteArray) owner_wire = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gnutls_datum_t to_sign, signature = { NULL, 0 };
  guint32 now = (guint32)(g_get_real_time () / G_USEC_PER_SEC);
  guint labels;
  gsize len;
  const guint8 *rd = g_bytes_get_data (rdata, &len);

  labels = append_name (owner_wire, owner);

  append_u16 (rrsig, type);
  g_byte_array_append (rrsig, (const guint8[]) { 8, labels }, 2);
  append_u32 (rrsig, ttl);
  append_u32 (rrsig, now + 86400);
  append_u32 (rrsig, now - 3600);
  append_u16 (rrsig, root->key_tag);
  append_name (rrsig, ".");

  g_byte_array_append (data, rrsig->data, rrsig->len);
  g_byte_array_append (data, owner_wire->data, owner_wire->len);
  append_u16 (data, type);
  append_u16 (data, 1);
  append_u32 (data, ttl);
  append_u16 (data, len);
  g_byte_array_append (data, rd, len);

  to_sign.data = data->data;
  to_sign.size = data->len;
  g_assert_cmpint (gnutls_privkey_sign_data (root->key, GNUTLS_DIG_SHA256, 0, &to_sign,
                                             &signature), ==, 0);
  if (corrupt)
    signature.data[signature.size / 2] ^= 0x01;
  g_byte_array_append (rrsig, signature.data, signature.size);
  gnutls_free (signature.data);

  return g_byte_array_free_to_bytes (g_steal_pointer (&rrsig));
}

static void
serve_signed (FakeDnsServer *server,
              TestRoot      *root,
              const char    *owner,
              guint16        type,
              GBytes        *rdata,
              gboolean       corrupt)
{
  g_autoptr(GBytes) sig = test_root_sign (root, owner, type, 3600, rdata, corrupt);

  fake_dns_server_add_record (server, owner, type, 3600,
                              g_bytes_get_data (rdata, NULL), g_bytes_get_size (rdata));
  fake_dns_server_add_rr (server, owner, type, 46 /* RRSIG */, 3600,
                          g_bytes_get_data (sig, NULL), g_bytes_get_size (sig));
}

