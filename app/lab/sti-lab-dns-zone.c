/* sti-lab-dns-zone.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-dns-zone.h"

#include "sti-dns-rdata.h"
#include "sti-text.h"

#include <arpa/inet.h>
#include <glib/gi18n.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>

/* An authoritative server's answers, as RFC 1034 §4.3.2 builds them, with
 * DNSSEC (RFC 4034/4035): one Ed25519 key per signed zone (flags 257, a
 * combined signing key), a complete NSEC chain so that NODATA, NXDOMAIN
 * and insecure delegations are proven, and a DS record in the parent for
 * each signed child zone. Zones are static once sealed, so every signature
 * is computed once, at sealing. The resolver that validates these answers
 * is libunbound, the same one that checks real domains. */

#define TYPE_OPT          41
#define TYPE_RRSIG        46
#define TYPE_NSEC         47
#define TYPE_ANY          255
#define CLASS_IN          1
#define ALGORITHM_ED25519 15
#define DIGEST_SHA256     2
#define ZONE_KEY_FLAGS    257
#define SOA_TTL           300
#define SIGNATURE_DAYS    30
#define MAX_UDP_PAYLOAD   1232

#define RCODE_FORMERR     1
#define RCODE_NXDOMAIN    3
#define RCODE_NOTIMP      4
#define RCODE_REFUSED     5

typedef struct
{
  guint16    type;
  guint32    ttl;
  GPtrArray *rdatas; /* GBytes, canonical wire form */
  GBytes    *rrsig;  /* RRSIG rdata once sealed, NULL when unsigned */
} Rrset;

typedef struct
{
  char      *name;   /* lower case, with the trailing dot */
  char     **labels; /* the labels of name, leftmost first */
  GPtrArray *rrsets; /* Rrset */
  Rrset     *nsec;   /* signed zones, once sealed */
  gboolean   cut;    /* the parent's side of a child zone */
} Node;

typedef struct _Zone Zone;

struct _Zone
{
  char             *apex;
  StiLabDnsSigning  signing;
  gnutls_privkey_t  key;
  GBytes           *dnskey;
  guint16           key_tag;
  GHashTable       *nodes;  /* name -> Node */
  GPtrArray        *order;  /* Node, canonical order (RFC 4034 §6.1), once sealed */
  Zone             *parent; /* borrowed */
};

struct _StiLabDnsZones
{
  GPtrArray *zones; /* Zone, each parent before its children */
  gboolean   sealed;
};

/* One question, as parsed from a query. */
typedef struct
{
  guint16  id;
  guint16  flags;
  guint16  qtype;
  guint16  qclass;
  gsize    question_end;
  char    *qname;
  char   **qlabels;
  gboolean edns;
  gboolean dnssec_ok;
  guint8   edns_version;
  guint16  udp_size;
} Question;

static void
rrset_free (Rrset *rrset)
{
  g_clear_pointer (&rrset->rdatas, g_ptr_array_unref);
  g_clear_pointer (&rrset->rrsig, g_bytes_unref);
  g_free (rrset);
}

static Rrset *
rrset_new (guint16 type,
           guint32 ttl)
{
  Rrset *rrset = g_new0 (Rrset, 1);

  rrset->type = type;
  rrset->ttl = ttl;
  rrset->rdatas = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  return rrset;
}

static void
node_free (Node *node)
{
  g_clear_pointer (&node->rrsets, g_ptr_array_unref);
  g_clear_pointer (&node->nsec, rrset_free);
  g_clear_pointer (&node->labels, g_strfreev);
  g_free (node->name);
  g_free (node);
}

static void
zone_free (Zone *zone)
{
  g_clear_pointer (&zone->order, g_ptr_array_unref);
  g_clear_pointer (&zone->nodes, g_hash_table_unref);
  g_clear_pointer (&zone->dnskey, g_bytes_unref);
  g_clear_pointer (&zone->key, gnutls_privkey_deinit);
  g_free (zone->apex);
  g_free (zone);
}

/* -- Names -------------------------------------------------------------- */

static char **
split_labels (const char *name)
{
  if (g_str_equal (name, "."))
    return g_new0 (char *, 1);

  /* "a.b." splits into "a", "b", "": drop the last. */
  {
    char **labels = g_strsplit (name, ".", -1);
    guint n = g_strv_length (labels);

    g_clear_pointer (&labels[n - 1], g_free);
    return labels;
  }
}

static gboolean
label_char_ok (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '*';
}

/* Lower case with the trailing dot; only the characters lab names use. */
static char *
normalize_name (const char  *in,
                GError     **error)
{
  g_autofree char *name = NULL;
  gsize len = strlen (in);
  gsize wire = 1;
  gsize label = 0;

  if (g_str_equal (in, "."))
    return g_strdup (".");

  name = len > 0 && in[len - 1] == '.' ? g_ascii_strdown (in, -1) : g_strconcat (in, ".", NULL);
  for (char *p = name; *p != '\0'; p++)
    {
      *p = g_ascii_tolower (*p);
      if (*p == '.')
        {
          if (label == 0 || label > 63)
            goto invalid;
          wire += label + 1;
          label = 0;
        }
      else if (label_char_ok (*p))
        label++;
      else
        goto invalid;
    }
  if (wire > 255)
    goto invalid;

  return g_steal_pointer (&name);

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a valid name for the demo lab’s DNS."), in);
  return NULL;
}

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

static void
append_name (GByteArray *out,
             const char *name)
{
  g_auto(GStrv) labels = split_labels (name);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 len = strlen (labels[i]);

      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *)labels[i], len);
    }
  g_byte_array_append (out, (const guint8 *)"", 1);
}

/* The RRSIG labels field: the owner's labels, not counting a wildcard. */
static guint8
count_labels (char **labels)
{
  guint n = g_strv_length (labels);

  if (n > 0 && g_str_equal (labels[0], "*"))
    n--;
  return n;
}

/* RFC 4034 §6.1: label by label from the right, octets compared as
 * unsigned, a shorter label first; an ancestor sorts before its
 * descendants. Both are lower case already. */
static int
compare_labels (char **a,
                char **b)
{
  gint ia = g_strv_length (a) - 1;
  gint ib = g_strv_length (b) - 1;

  for (; ia >= 0 && ib >= 0; ia--, ib--)
    {
      gsize la = strlen (a[ia]);
      gsize lb = strlen (b[ib]);
      int c = memcmp (a[ia], b[ib], MIN (la, lb));

      if (c != 0)
        return c;
      if (la != lb)
        return la < lb ? -1 : 1;
    }

  return (ia >= 0) - (ib >= 0);
}

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const Node *na = *(const Node * const *)a;
  const Node *nb = *(const Node * const *)b;

  return compare_labels (na->labels, nb->labels);
}

static gboolean
name_is_below (const char *name,
               const char *ancestor)
{
  gsize len = strlen (name);
  gsize alen = strlen (ancestor);

  if (g_str_equal (ancestor, "."))
    return TRUE;
  if (len == alen)
    return g_str_equal (name, ancestor);

  return len > alen && name[len - alen - 1] == '.' && g_str_equal (name + len - alen, ancestor);
}

/* "a.b." -> "b."; "b." -> "."; "." -> NULL */
static const char *
name_parent (const char *name)
{
  const char *dot;

  if (g_str_equal (name, "."))
    return NULL;
  dot = strchr (name, '.');
  return dot[1] == '\0' ? "." : dot + 1;
}

/* -- Zone contents ------------------------------------------------------- */

static Node *
zone_ensure_node (Zone       *zone,
                  const char *name)
{
  Node *node = g_hash_table_lookup (zone->nodes, name);

  if (node == NULL)
    {
      node = g_new0 (Node, 1);
      node->name = g_strdup (name);
      node->labels = split_labels (name);
      node->rrsets = g_ptr_array_new_with_free_func ((GDestroyNotify)rrset_free);
      g_hash_table_insert (zone->nodes, node->name, node);
    }

  return node;
}

static Rrset *
node_find_rrset (Node    *node,
                 guint16  type)
{
  for (guint i = 0; i < node->rrsets->len; i++)
    {
      Rrset *rrset = g_ptr_array_index (node->rrsets, i);

      if (rrset->type == type)
        return rrset;
    }

  return NULL;
}

static void
node_add (Node    *node,
          guint16  type,
          guint32  ttl,
          GBytes  *rdata)
{
  Rrset *rrset = node_find_rrset (node, type);

  if (rrset == NULL)
    {
      rrset = rrset_new (type, ttl);
      g_ptr_array_add (node->rrsets, rrset);
    }
  /* RFC 2181 §5.2: one TTL per RRset */
  rrset->ttl = MIN (rrset->ttl, ttl);

  for (guint i = 0; i < rrset->rdatas->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (rrset->rdatas, i), rdata))
        return;
    }
  g_ptr_array_add (rrset->rdatas, g_bytes_ref (rdata));
}

static Zone *
find_zone (StiLabDnsZones *self,
           const char     *name)
{
  Zone *best = NULL;

  for (guint i = 0; i < self->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (self->zones, i);

      if (name_is_below (name, zone->apex) &&
          (best == NULL || strlen (zone->apex) > strlen (best->apex)))
        best = zone;
    }

  return best;
}

static gboolean
zone_generate_key (Zone    *zone,
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
                   _("The demo lab’s DNS key could not be made: %s"), gnutls_strerror (ret));
      return FALSE;
    }
  gnutls_pubkey_deinit (pub);

  /* RFC 4034 §2.1 and RFC 8080 §3 */
  append_u16 (dnskey, ZONE_KEY_FLAGS);
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
static GBytes *
zone_dup_ds (Zone *zone)
{
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autoptr(GByteArray) ds = g_byte_array_new ();
  guint8 digest[32];

  append_name (input, zone->apex);
  g_byte_array_append (input, g_bytes_get_data (zone->dnskey, NULL),
                       g_bytes_get_size (zone->dnskey));
  gnutls_hash_fast (GNUTLS_DIG_SHA256, input->data, input->len, digest);

  append_u16 (ds, zone->key_tag);
  g_byte_array_append (ds, (const guint8[]) { ALGORITHM_ED25519, DIGEST_SHA256 }, 2);
  g_byte_array_append (ds, digest, sizeof digest);

  return g_byte_array_free_to_bytes (g_steal_pointer (&ds));
}

/* -- Parsing a record ---------------------------------------------------- */

/* Words, with "quoted strings" (no escapes) kept as one word that starts
 * with the quote. */
static GPtrArray *
tokenize (const char *record)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = record;

  for (;;)
    {
      const char *start;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;
      start = p;
      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            {
              g_ptr_array_unref (words);
              return NULL;
            }
          p++;
        }
      else
        {
          while (*p != '\0' && !g_ascii_isspace (*p))
            p++;
        }
      g_ptr_array_add (words, g_strndup (start, p - start));
    }

  return words;
}

static gboolean
parse_uint (const char *word,
            guint       max,
            guint      *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (word, 10, 0, max, &v, NULL))
    return FALSE;
  *out = v;
  return TRUE;
}

static GBytes *
parse_rdata (guint16      type,
             GPtrArray   *words,
             guint        first,
             GError     **error)
{
  g_autoptr(GByteArray) rdata = g_byte_array_new ();
  guint n = words->len - first;
  const char *w0 = n > 0 ? g_ptr_array_index (words, first) : NULL;
  guint v[3];

  switch (type)
    {
    case STI_DNS_TYPE_A:
    case STI_DNS_TYPE_AAAA:
      {
        guint8 addr[16];
        int family = type == STI_DNS_TYPE_A ? AF_INET : AF_INET6;

        if (n != 1 || inet_pton (family, w0, addr) != 1)
          return NULL;
        g_byte_array_append (rdata, addr, family == AF_INET ? 4 : 16);
      }
      break;

    case STI_DNS_TYPE_NS:
      {
        g_autofree char *target = n == 1 ? normalize_name (w0, error) : NULL;

        if (target == NULL)
          return NULL;
        append_name (rdata, target);
      }
      break;

    case STI_DNS_TYPE_MX:
      {
        g_autofree char *target = NULL;

        if (n != 2 || !parse_uint (w0, G_MAXUINT16, &v[0]) ||
            (target = normalize_name (g_ptr_array_index (words, first + 1), error)) == NULL)
          return NULL;
        append_u16 (rdata, v[0]);
        append_name (rdata, target);
      }
      break;

    case STI_DNS_TYPE_TXT:
      if (n == 0)
        return NULL;
      for (guint i = first; i < words->len; i++)
        {
          const char *word = g_ptr_array_index (words, i);
          gsize len = strlen (word);
          guint8 slen;

          if (len < 2 || word[0] != '"' || word[len - 1] != '"' || len - 2 > 255)
            return NULL;
          slen = len - 2;
          g_byte_array_append (rdata, &slen, 1);
          g_byte_array_append (rdata, (const guint8 *)word + 1, slen);
        }
      break;

    case STI_DNS_TYPE_TLSA:
      {
        g_autofree guint8 *data = NULL;
        gsize data_len = 0;

        if (n != 4 || !parse_uint (w0, 255, &v[0]) ||
            !parse_uint (g_ptr_array_index (words, first + 1), 255, &v[1]) ||
            !parse_uint (g_ptr_array_index (words, first + 2), 255, &v[2]))
          return NULL;
        data = sti_hex_decode (g_ptr_array_index (words, first + 3), &data_len);
        if (data == NULL || data_len == 0)
          return NULL;
        for (guint i = 0; i < 3; i++)
          g_byte_array_append (rdata, (const guint8[]) { v[i] }, 1);
        g_byte_array_append (rdata, data, data_len);
      }
      break;

    default:
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&rdata));
}

static guint16
parse_type (const char *word)
{
  static const struct { const char *name; guint16 type; } types[] = {
    { "A", STI_DNS_TYPE_A },
    { "AAAA", STI_DNS_TYPE_AAAA },
    { "NS", STI_DNS_TYPE_NS },
    { "MX", STI_DNS_TYPE_MX },
    { "TXT", STI_DNS_TYPE_TXT },
    { "TLSA", STI_DNS_TYPE_TLSA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_ascii_strcasecmp (word, types[i].name) == 0)
        return types[i].type;
    }

  return 0;
}

/* -- Sealing ------------------------------------------------------------- */

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
  append_name (owner, node->name);

  append_u16 (rrsig, rrset->type);
  g_byte_array_append (rrsig, (const guint8[]) { ALGORITHM_ED25519, count_labels (node->labels) },
                       2);
  append_u32 (rrsig, rrset->ttl);
  append_u32 (rrsig, (guint32)(now + SIGNATURE_DAYS * 86400));
  append_u32 (rrsig, (guint32)(now - 3600));
  append_u16 (rrsig, zone->key_tag);
  append_name (rrsig, zone->apex);

  g_byte_array_append (data, rrsig->data, rrsig->len);
  for (guint i = 0; i < rrset->rdatas->len; i++)
    {
      gsize len;
      const guint8 *rd = g_bytes_get_data (g_ptr_array_index (rrset->rdatas, i), &len);

      g_byte_array_append (data, owner->data, owner->len);
      append_u16 (data, rrset->type);
      append_u16 (data, CLASS_IN);
      append_u32 (data, rrset->ttl);
      append_u16 (data, len);
      g_byte_array_append (data, rd, len);
    }

  to_sign.data = data->data;
  to_sign.size = data->len;
  ret = gnutls_privkey_sign_data2 (zone->key, GNUTLS_SIGN_EDDSA_ED25519, 0, &to_sign, &signature);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
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

  append_name (rdata, next->name);
  append_type_bitmap (rdata, types);

  /* RFC 4035 §2.3: the TTL of the SOA minimum field */
  g_clear_pointer (&node->nsec, rrset_free);
  node->nsec = rrset_new (TYPE_NSEC, SOA_TTL);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&rdata));
  g_ptr_array_add (node->nsec->rdatas, g_steal_pointer (&bytes));
}

static gboolean
zone_seal (Zone     *zone,
           gint64    now,
           GError  **error)
{
  GHashTableIter iter;
  Node *node;

  zone->order = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, zone->nodes);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&node))
    g_ptr_array_add (zone->order, node);
  g_ptr_array_sort (zone->order, compare_nodes);

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

/* -- Answering ----------------------------------------------------------- */

static void
question_clear (Question *q)
{
  g_clear_pointer (&q->qname, g_free);
  g_clear_pointer (&q->qlabels, g_strfreev);
}

static guint16
read_u16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
}

/* Returns FALSE for a message that gets no answer at all (a response, or
 * too short to carry an ID). Otherwise fills @q, and @rcode says whether
 * the question could be understood. */
static gboolean
parse_query (const guint8 *msg,
             gsize         len,
             Question     *q,
             guint8       *rcode)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gsize pos = 12;

  *rcode = 0;
  if (len < 12)
    return FALSE;
  q->id = read_u16 (msg);
  q->flags = read_u16 (msg + 2);
  q->question_end = 12;
  if (q->flags & 0x8000)
    return FALSE;
  if (((q->flags >> 11) & 0xf) != 0)
    {
      *rcode = RCODE_NOTIMP;
      return TRUE;
    }
  if (read_u16 (msg + 4) != 1 || read_u16 (msg + 6) != 0 || read_u16 (msg + 8) != 0)
    {
      *rcode = RCODE_FORMERR;
      return TRUE;
    }

  /* The name, without compression: nothing precedes it to point at. */
  for (;;)
    {
      guint8 label;

      if (pos >= len)
        goto formerr;
      label = msg[pos++];
      if (label == 0)
        break;
      if (label > 63 || label > len - pos || name->len + label + 1 > 254)
        goto formerr;
      for (guint i = 0; i < label; i++)
        {
          guchar c = g_ascii_tolower (msg[pos + i]);

          /* No lab name has other bytes; such a name is not ours. */
          if (!label_char_ok (c))
            {
              *rcode = RCODE_REFUSED;
              c = '-';
            }
          g_string_append_c (name, c);
        }
      g_string_append_c (name, '.');
      pos += label;
    }
  if (len - pos < 4)
    goto formerr;
  q->qtype = read_u16 (msg + pos);
  q->qclass = read_u16 (msg + pos + 2);
  pos += 4;
  q->question_end = pos;
  q->qname = name->len > 0 ? g_strdup (name->str) : g_strdup (".");
  q->qlabels = split_labels (q->qname);

  /* EDNS (RFC 6891): an OPT record, owned by the root, first of the
   * additional section, is all this server reads there. */
  if (read_u16 (msg + 10) > 0 && len - pos >= 11 && msg[pos] == 0 &&
      read_u16 (msg + pos + 1) == TYPE_OPT)
    {
      q->edns = TRUE;
      q->udp_size = read_u16 (msg + pos + 3);
      q->edns_version = msg[pos + 6];
      q->dnssec_ok = (read_u16 (msg + pos + 7) & 0x8000) != 0;
    }

  return TRUE;

formerr:
  *rcode = RCODE_FORMERR;
  q->question_end = 12;
  return TRUE;
}

typedef struct
{
  GByteArray *buf;
  guint16     counts[3]; /* answer, authority, additional */
} Reply;

static void
reply_add_rr (Reply        *reply,
              guint         section,
              const char   *owner,
              guint16       type,
              guint32       ttl,
              GBytes       *rdata)
{
  gsize len;
  const guint8 *rd = g_bytes_get_data (rdata, &len);

  append_name (reply->buf, owner);
  append_u16 (reply->buf, type);
  append_u16 (reply->buf, CLASS_IN);
  append_u32 (reply->buf, ttl);
  append_u16 (reply->buf, len);
  g_byte_array_append (reply->buf, rd, len);
  reply->counts[section]++;
}

static void
reply_add_rrset (Reply      *reply,
                 guint       section,
                 const char *owner,
                 Rrset      *rrset,
                 gboolean    dnssec_ok)
{
  for (guint i = 0; i < rrset->rdatas->len; i++)
    reply_add_rr (reply, section, owner, rrset->type, rrset->ttl,
                  g_ptr_array_index (rrset->rdatas, i));
  if (dnssec_ok && rrset->rrsig != NULL)
    reply_add_rr (reply, section, owner, TYPE_RRSIG, rrset->ttl, rrset->rrsig);
}

/* The largest node that sorts before @labels (the apex at least, for a
 * name inside the zone). */
static guint
zone_predecessor (Zone  *zone,
                  char **labels)
{
  guint best = 0;

  for (guint i = 0; i < zone->order->len; i++)
    {
      Node *node = g_ptr_array_index (zone->order, i);

      if (compare_labels (node->labels, labels) >= 0)
        break;
      best = i;
    }

  return best;
}

static Node *
zone_next (Zone  *zone,
           guint  index)
{
  return g_ptr_array_index (zone->order, (index + 1) % zone->order->len);
}

/* An empty non-terminal: no records, but names below it. */
static gboolean
zone_name_exists (Zone       *zone,
                  const char *name)
{
  g_auto(GStrv) labels = NULL;
  Node *next;

  if (g_hash_table_contains (zone->nodes, name))
    return TRUE;
  labels = split_labels (name);
  next = zone_next (zone, zone_predecessor (zone, labels));
  return !g_str_equal (next->name, name) && name_is_below (next->name, name);
}

static void
reply_add_nsec (Reply    *reply,
                Zone     *zone,
                guint     index,
                gboolean  dnssec_ok)
{
  Node *node = g_ptr_array_index (zone->order, index);

  if (dnssec_ok && node->nsec != NULL)
    reply_add_rrset (reply, 1, node->name, node->nsec, TRUE);
}

static guint
zone_index_of (Zone *zone,
               Node *node)
{
  guint index = 0;

  g_ptr_array_find (zone->order, node, &index);
  return index;
}

/* Fills the sections of @reply; returns the rcode. */
static guint8
zone_answer (Zone     *zone,
             Question *q,
             Reply    *reply)
{
  Node *apex = g_hash_table_lookup (zone->nodes, zone->apex);
  Rrset *soa = node_find_rrset (apex, STI_DNS_TYPE_SOA);
  Node *node = g_hash_table_lookup (zone->nodes, q->qname);
  gboolean dnssec_ok = q->dnssec_ok;
  guint pred;

  if (node != NULL)
    {
      Rrset *rrset = q->qtype == TYPE_NSEC ? node->nsec : node_find_rrset (node, q->qtype);

      if (rrset != NULL)
        {
          reply_add_rrset (reply, 0, node->name, rrset, dnssec_ok);
          return 0;
        }

      /* NODATA (RFC 4035 §3.1.3.1): the name's own NSEC lacks the type. */
      reply_add_rrset (reply, 1, zone->apex, soa, dnssec_ok);
      reply_add_nsec (reply, zone, zone_index_of (zone, node), dnssec_ok);
      return 0;
    }

  pred = zone_predecessor (zone, q->qlabels);
  reply_add_rrset (reply, 1, zone->apex, soa, dnssec_ok);
  reply_add_nsec (reply, zone, pred, dnssec_ok);

  if (zone_name_exists (zone, q->qname))
    /* An empty non-terminal: NODATA, proven by the NSEC whose next name
     * lies below the question (RFC 4035 §3.1.3.2 as RFC 7129 §5 reads it). */
    return 0;

  /* NXDOMAIN (RFC 4035 §3.1.3.2): one NSEC covers the name, another the
   * wildcard at the closest encloser. */
  {
    const char *encloser = name_parent (q->qname);
    g_autofree char *wildcard = NULL;
    g_auto(GStrv) wildcard_labels = NULL;
    guint wpred;

    while (encloser != NULL && !g_str_equal (encloser, zone->apex) &&
           !zone_name_exists (zone, encloser))
      encloser = name_parent (encloser);
    if (encloser == NULL)
      encloser = zone->apex;
    wildcard = g_str_equal (encloser, ".") ? g_strdup ("*.") : g_strconcat ("*.", encloser, NULL);
    wildcard_labels = split_labels (wildcard);
    wpred = zone_predecessor (zone, wildcard_labels);
    if (wpred != pred)
      reply_add_nsec (reply, zone, wpred, dnssec_ok);
  }

  return RCODE_NXDOMAIN;
}

static GBytes *
reply_finish (Question     *q,
              Reply        *reply,
              guint8        rcode,
              gboolean      truncated)
{
  guint8 header[12];
  guint16 flags;

  /* QR, opcode and RD copied, AA */
  flags = 0x8000 | (q->flags & 0x7900) | 0x0400 | (rcode & 0xf);
  if (truncated)
    flags |= 0x0200;

  if (q->edns)
    {
      append_name (reply->buf, ".");
      append_u16 (reply->buf, TYPE_OPT);
      append_u16 (reply->buf, MAX_UDP_PAYLOAD);
      g_byte_array_append (reply->buf, (const guint8[]) { rcode >> 4, 0 }, 2);
      append_u16 (reply->buf, q->dnssec_ok ? 0x8000 : 0);
      append_u16 (reply->buf, 0);
      reply->counts[2]++;
    }

  header[0] = q->id >> 8;
  header[1] = q->id & 0xff;
  header[2] = flags >> 8;
  header[3] = flags & 0xff;
  header[4] = 0;
  header[5] = q->question_end > 12 ? 1 : 0;
  for (guint i = 0; i < 3; i++)
    {
      header[6 + 2 * i] = reply->counts[i] >> 8;
      header[7 + 2 * i] = reply->counts[i] & 0xff;
    }
  memcpy (reply->buf->data, header, sizeof header);

  return g_byte_array_free_to_bytes (g_steal_pointer (&reply->buf));
}

static void
reply_start (Reply        *reply,
             const guint8 *query,
             Question     *q)
{
  memset (reply, 0, sizeof *reply);
  reply->buf = g_byte_array_sized_new (512);
  g_byte_array_set_size (reply->buf, 12);
  g_byte_array_append (reply->buf, query + 12, q->question_end - 12);
}

/* -- Public API ---------------------------------------------------------- */

StiLabDnsZones *
sti_lab_dns_zones_new (void)
{
  StiLabDnsZones *self = g_new0 (StiLabDnsZones, 1);

  self->zones = g_ptr_array_new_with_free_func ((GDestroyNotify)zone_free);
  return self;
}

void
sti_lab_dns_zones_free (StiLabDnsZones *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zones, g_ptr_array_unref);
  g_free (self);
}

/**
 * sti_lab_dns_zones_add_zone:
 * @apex: the zone's name, e.g. "lab.test."
 * @ns_host: the name of its name server, for the SOA and NS records
 * @signing: whether to sign the zone
 *
 * Adds a zone. A zone inside one added before becomes its child: the
 * parent gets the delegation (NS, and a DS record when the child is
 * signed). Add the zones before their records.
 */
gboolean
sti_lab_dns_zones_add_zone (StiLabDnsZones    *self,
                            const char        *apex,
                            const char        *ns_host,
                            StiLabDnsSigning   signing,
                            GError           **error)
{
  g_autofree char *name = NULL;
  g_autofree char *ns = NULL;
  g_autofree char *hostmaster = NULL;
  g_autoptr(GByteArray) soa = g_byte_array_new ();
  g_autoptr(GByteArray) ns_rdata = g_byte_array_new ();
  g_autoptr(GBytes) soa_bytes = NULL;
  g_autoptr(GBytes) ns_bytes = NULL;
  Zone *parent;
  Zone *zone;
  Node *node;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);

  if ((name = normalize_name (apex, error)) == NULL ||
      (ns = normalize_name (ns_host, error)) == NULL)
    return FALSE;

  parent = find_zone (self, name);
  if (parent != NULL && g_str_equal (parent->apex, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("The demo lab’s DNS has the zone “%s” twice."), name);
      return FALSE;
    }

  zone = g_new0 (Zone, 1);
  zone->apex = g_strdup (name);
  zone->signing = signing;
  zone->parent = parent;
  zone->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)node_free);
  g_ptr_array_add (self->zones, zone);

  hostmaster = g_strconcat ("hostmaster.", name, NULL);
  append_name (soa, ns);
  append_name (soa, hostmaster);
  append_u32 (soa, 2026112801);    /* serial */
  append_u32 (soa, 3600);          /* refresh */
  append_u32 (soa, 600);           /* retry */
  append_u32 (soa, 86400);         /* expire */
  append_u32 (soa, SOA_TTL);       /* negative answers' TTL */
  soa_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&soa));
  append_name (ns_rdata, ns);
  ns_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&ns_rdata));

  node = zone_ensure_node (zone, name);
  node_add (node, STI_DNS_TYPE_SOA, SOA_TTL, soa_bytes);
  node_add (node, STI_DNS_TYPE_NS, SOA_TTL, ns_bytes);

  if (signing != STI_LAB_DNS_UNSIGNED)
    {
      if (!zone_generate_key (zone, error))
        return FALSE;
      node_add (node, STI_DNS_TYPE_DNSKEY, SOA_TTL, zone->dnskey);
    }

  if (parent != NULL)
    {
      Node *cut = zone_ensure_node (parent, name);

      cut->cut = TRUE;
      node_add (cut, STI_DNS_TYPE_NS, SOA_TTL, ns_bytes);
      if (signing != STI_LAB_DNS_UNSIGNED)
        {
          g_autoptr(GBytes) ds = zone_dup_ds (zone);

          node_add (cut, STI_DNS_TYPE_DS, SOA_TTL, ds);
        }
    }

  return TRUE;
}

/**
 * sti_lab_dns_zones_add_record:
 * @record: one record in zone-file syntax, "owner TTL IN TYPE data", of
 *   type A, AAAA, NS, MX, TXT (quoted strings without escapes) or TLSA
 *
 * Adds @record to the innermost zone that holds its owner.
 */
gboolean
sti_lab_dns_zones_add_record (StiLabDnsZones  *self,
                              const char      *record,
                              GError         **error)
{
  g_autoptr(GPtrArray) words = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GBytes) rdata = NULL;
  g_autoptr(GError) local_error = NULL;
  guint ttl = 0;
  guint16 type = 0;
  Zone *zone;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);

  words = tokenize (record);
  if (words == NULL || words->len < 5 ||
      (owner = normalize_name (g_ptr_array_index (words, 0), NULL)) == NULL ||
      !parse_uint (g_ptr_array_index (words, 1), G_MAXINT32, &ttl) ||
      g_ascii_strcasecmp (g_ptr_array_index (words, 2), "IN") != 0 ||
      (type = parse_type (g_ptr_array_index (words, 3))) == 0 ||
      (rdata = parse_rdata (type, words, 4, &local_error)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo lab’s DNS record “%s” is not understood."), record);
      return FALSE;
    }

  zone = find_zone (self, owner);
  if (zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo lab’s DNS has no zone for “%s”."), owner);
      return FALSE;
    }

  node_add (zone_ensure_node (zone, owner), type, ttl, rdata);
  return TRUE;
}

/**
 * sti_lab_dns_zones_seal:
 * @now: the signatures' reference time, in seconds since the epoch
 *
 * Sorts the zones, builds their NSEC chains and signs them: valid from
 * an hour before @now for 30 days. Nothing can be added afterwards.
 */
gboolean
sti_lab_dns_zones_seal (StiLabDnsZones  *self,
                        gint64           now,
                        GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->sealed, FALSE);

  for (guint i = 0; i < self->zones->len; i++)
    {
      if (!zone_seal (g_ptr_array_index (self->zones, i), now, error))
        return FALSE;
    }

  self->sealed = TRUE;
  return TRUE;
}

/**
 * sti_lab_dns_zones_dup_apexes:
 *
 * Returns: (transfer full): the zones' names, parents first
 */
char **
sti_lab_dns_zones_dup_apexes (StiLabDnsZones *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->zones->len; i++)
    g_strv_builder_add (builder, ((Zone *)g_ptr_array_index (self->zones, i))->apex);

  return g_strv_builder_end (builder);
}

/**
 * sti_lab_dns_zones_dup_trust_anchor:
 * @apex: a zone's name
 *
 * Returns: (transfer full) (nullable): the DS record of @apex in
 *   zone-file syntax, which a validating resolver takes as trust anchor;
 *   %NULL when @apex is not a signed zone here
 */
char *
sti_lab_dns_zones_dup_trust_anchor (StiLabDnsZones *self,
                                    const char     *apex)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) ds = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *hex = NULL;
  const guint8 *d;
  gsize len;
  Zone *zone;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (apex != NULL, NULL);

  if ((name = normalize_name (apex, NULL)) == NULL ||
      (zone = find_zone (self, name)) == NULL || !g_str_equal (zone->apex, name) ||
      zone->signing == STI_LAB_DNS_UNSIGNED)
    return NULL;

  ds = zone_dup_ds (zone);
  d = g_bytes_get_data (ds, &len);
  text = g_string_new (NULL);
  g_string_printf (text, "%s %u IN DS %u %u %u ", zone->apex, SOA_TTL,
                   read_u16 (d), d[2], d[3]);
  hex = sti_hex_encode (d + 4, len - 4, TRUE);
  g_string_append (text, hex);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sti_lab_dns_zones_answer:
 * @query: a DNS message as received, hostile until parsed
 *
 * Answers @query authoritatively from the sealed zones, within the
 * querier's UDP payload size (truncated beyond it).
 *
 * Returns: (transfer full) (nullable): the response, or %NULL when
 *   @query gets none (a response itself, or shorter than a header)
 */
GBytes *
sti_lab_dns_zones_answer (StiLabDnsZones *self,
                          const guint8   *query,
                          gsize           len)
{
  Question q = { 0 };
  Reply reply;
  guint8 rcode;
  gsize limit;
  Zone *zone = NULL;
  GBytes *response;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->sealed, NULL);

  if (!parse_query (query, len, &q, &rcode))
    return NULL;

  reply_start (&reply, query, &q);
  if (rcode == 0 && q.edns && q.edns_version > 0)
    /* BADVERS: the upper bits go into the OPT record */
    rcode = 16;
  else if (rcode == 0 && q.qclass != CLASS_IN)
    rcode = RCODE_REFUSED;
  else if (rcode == 0 && (zone = find_zone (self, q.qname)) == NULL)
    rcode = RCODE_REFUSED;
  else if (rcode == 0)
    {
      /* DS records live on the parent's side of the cut (RFC 4035 §3.1.4.1). */
      if (q.qtype == STI_DNS_TYPE_DS && g_str_equal (q.qname, zone->apex) && zone->parent != NULL)
        zone = zone->parent;
      if (q.qtype == TYPE_ANY)
        rcode = RCODE_NOTIMP;
      else
        rcode = zone_answer (zone, &q, &reply);
    }

  limit = q.edns ? CLAMP (q.udp_size, 512, MAX_UDP_PAYLOAD) : 512;
  response = reply_finish (&q, &reply, rcode, FALSE);
  if (g_bytes_get_size (response) > limit)
    {
      g_bytes_unref (response);
      reply_start (&reply, query, &q);
      response = reply_finish (&q, &reply, rcode, TRUE);
    }

  question_clear (&q);
  return response;
}
