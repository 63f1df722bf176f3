/* sti-lab-dns-zone-sign.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-dns-zone-private.h"

#include "sti-dns-rdata.h"

#include <glib/gi18n.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

/* DNSSEC for the lab's zones: each signed zone's key, the DS record in its
 * parent, and at sealing the NSEC chain and every RRSIG. */

gboolean
lab_dns_zone_generate_key (Zone    *zone,
                           GError **error)
{
  g_autoptr(GByteArray) dnskey = g_byte_array_new ();
  gnutls_pubkey_t pub = NULL;
  gnutls_datum_t x = { NULL, 0 };
  gnutls_ecc_curve_t curve;
  guint32 ac = 0;
  int ret;

  if ((ret = gnutls_privkey_init (&zone->key)) < 0 ||
      (ret = gnutls_privkey_generate2 (zone->key, GNUTLS_PK_EDDSA_ED25519,
                                       GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_ED25519),
                                       0, NULL, 0)) < 0 ||
      (ret = gnutls_pubkey_init (&pub)) < 0 ||
      (ret = gnutls_pubkey_import_privkey (pub, zone->key, 0, 0)) < 0 ||
      (ret = gnutls_pubkey_export_ecc_raw2 (pub, &curve, &x, NULL, 0)) < 0)
    {
      g_clear_pointer (&pub, gnutls_pubkey_deinit);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is GnuTLS's error message */
                   _("The demo lab’s DNS key could not be made: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  gnutls_pubkey_deinit (pub);

  /* RFC 4034 §2.1 and RFC 8080 §3 */
  lab_dns_append_u16 (dnskey, ZONE_KEY_FLAGS);
  g_byte_array_append (dnskey, (const guint8[]) { 3, ALGORITHM_ED25519 }, 2);
  g_byte_array_append (dnskey, x.data, x.size);
  gnutls_free (x.data);

  /* RFC 4034, appendix B */
  for (guint i = 0; i < dnskey->len; i++)
    ac += (i & 1) ? dnskey->data[i] : (guint32)dnskey->data[i] << 8;
  ac += (ac >> 16) & 0xffff;
  zone->key_tag = ac & 0xffff;
  zone->dnskey = g_byte_array_free_to_bytes (g_steal_pointer (&dnskey));

  return TRUE;
}

/* RFC 4509: the DS record naming a child zone's key. */
GBytes *
lab_dns_zone_dup_ds (Zone *zone)
{
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autoptr(GByteArray) ds = g_byte_array_new ();
  guint8 digest[32];

  lab_dns_append_name (input, zone->apex);
  g_byte_array_append (input, g_bytes_get_data (zone->dnskey, NULL),
                       g_bytes_get_size (zone->dnskey));
  gnutls_hash_fast (GNUTLS_DIG_SHA256, input->data, input->len, digest);

  lab_dns_append_u16 (ds, zone->key_tag);
  g_byte_array_append (ds, (const guint8[]) { ALGORITHM_ED25519, DIGEST_SHA256 }, 2);
  g_byte_array_append (ds, digest, sizeof digest);

  return g_byte_array_free_to_bytes (g_steal_pointer (&ds));
}

static int
compare_rdata (gconstpointer a,
               gconstpointer b)
{
  GBytes *ba = *(GBytes * const *)a;
  GBytes *bb = *(GBytes * const *)b;
  gsize la, lb;
  const guint8 *da = g_bytes_get_data (ba, &la);
  const guint8 *db = g_bytes_get_data (bb, &lb);
  int c = memcmp (da, db, MIN (la, lb));

  if (c != 0)
    return c;
  return la < lb ? -1 : la > lb;
}

/* RFC 4034 §3.1.8.1 */
static gboolean
zone_sign (Zone     *zone,
           Node     *node,
           Rrset    *rrset,
           gint64    now,
           GError  **error)
{
  g_autoptr(GByteArray) rrsig = g_byte_array_new ();
  g_autoptr(GByteArray) owner = g_byte_array_new ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gnutls_datum_t to_sign, signature = { NULL, 0 };
  int ret;

  g_ptr_array_sort (rrset->rdatas, compare_rdata);
  lab_dns_append_name (owner, node->name);

  lab_dns_append_u16 (rrsig, rrset->type);
  g_byte_array_append (rrsig,
                       (const guint8[]) { ALGORITHM_ED25519, lab_dns_count_labels (node->labels) },
                       2);
  lab_dns_append_u32 (rrsig, rrset->ttl);
  lab_dns_append_u32 (rrsig, (guint32)(now + SIGNATURE_DAYS * 86400));
  lab_dns_append_u32 (rrsig, (guint32)(now - 3600));
  lab_dns_append_u16 (rrsig, zone->key_tag);
  lab_dns_append_name (rrsig, zone->apex);

  g_byte_array_append (data, rrsig->data, rrsig->len);
  for (guint i = 0; i < rrset->rdatas->len; i++)
    {
      gsize len;
      const guint8 *rd = g_bytes_get_data (g_ptr_array_index (rrset->rdatas, i), &len);

      g_byte_array_append (data, owner->data, owner->len);
      lab_dns_append_u16 (data, rrset->type);
      lab_dns_append_u16 (data, CLASS_IN);
      lab_dns_append_u32 (data, rrset->ttl);
      lab_dns_append_u16 (data, len);
      g_byte_array_append (data, rd, len);
    }

  to_sign.data = data->data;
  to_sign.size = data->len;
  ret = gnutls_privkey_sign_data2 (zone->key, GNUTLS_SIGN_EDDSA_ED25519, 0, &to_sign, &signature);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is GnuTLS's error message */
                   _("The demo lab’s DNS data could not be signed: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  /* A bogus zone: the signatures are there, and none of them verifies. */
  if (zone->signing == STI_LAB_DNS_SIGNED_BOGUS && signature.size > 0)
    signature.data[signature.size / 2] ^= 0x01;
  g_byte_array_append (rrsig, signature.data, signature.size);
  gnutls_free (signature.data);

  g_clear_pointer (&rrset->rrsig, g_bytes_unref);
  rrset->rrsig = g_byte_array_free_to_bytes (g_steal_pointer (&rrsig));
  return TRUE;
}

/* RFC 4034 §4.1.2 */
static void
append_type_bitmap (GByteArray *out,
                    GArray     *types)
{
  guint i = 0;

  while (i < types->len)
    {
      guint window = g_array_index (types, guint16, i) >> 8;
      guint8 bitmap[32] = { 0 };
      guint8 used = 0;

      for (; i < types->len && (g_array_index (types, guint16, i) >> 8) == window; i++)
        {
          guint low = g_array_index (types, guint16, i) & 0xff;

          bitmap[low / 8] |= 0x80 >> (low % 8);
          used = MAX (used, low / 8 + 1);
        }
      g_byte_array_append (out, (const guint8[]) { window, used }, 2);
      g_byte_array_append (out, bitmap, used);
    }
}

static int
compare_u16 (gconstpointer a,
             gconstpointer b)
{
  return (int)*(const guint16 *)a - (int)*(const guint16 *)b;
}

static void
zone_build_nsec (Zone *zone,
                 Node *node,
                 Node *next)
{
  g_autoptr(GByteArray) rdata = g_byte_array_new ();
  g_autoptr(GArray) types = g_array_new (FALSE, FALSE, sizeof (guint16));
  guint16 own[] = { TYPE_RRSIG, TYPE_NSEC };
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < node->rrsets->len; i++)
    g_array_append_val (types, ((Rrset *)g_ptr_array_index (node->rrsets, i))->type);
  g_array_append_vals (types, own, G_N_ELEMENTS (own));
  g_array_sort (types, compare_u16);

  lab_dns_append_name (rdata, next->name);
  append_type_bitmap (rdata, types);

  /* RFC 4035 §2.3: the TTL of the SOA minimum field */
  g_clear_pointer (&node->nsec, lab_dns_rrset_free);
  node->nsec = lab_dns_rrset_new (TYPE_NSEC, SOA_TTL);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&rdata));
  g_ptr_array_add (node->nsec->rdatas, g_steal_pointer (&bytes));
}

gboolean
lab_dns_zone_seal (Zone     *zone,
                   gint64    now,
                   GError  **error)
{
  GHashTableIter iter;
  Node *node;

  zone->order = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, zone->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    g_ptr_array_add (zone->order, node);
  g_ptr_array_sort (zone->order, lab_dns_compare_nodes);

  if (zone->signing == STI_LAB_DNS_UNSIGNED)
    return TRUE;

  for (guint i = 0; i < zone->order->len; i++)
    {
      node = g_ptr_array_index (zone->order, i);
      zone_build_nsec (zone, node, g_ptr_array_index (zone->order, (i + 1) % zone->order->len));

      /* RFC 4035 §2.2: the NS set at a delegation is not signed. */
      for (guint j = 0; j < node->rrsets->len; j++)
        {
          Rrset *rrset = g_ptr_array_index (node->rrsets, j);

          if (!(node->cut && rrset->type == STI_DNS_TYPE_NS) &&
              !zone_sign (zone, node, rrset, now, error))
            return FALSE;
        }
      if (!zone_sign (zone, node, node->nsec, now, error))
        return FALSE;
    }

  return TRUE;
}
