/* sti-lab-dns-zone.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-dns-zone-private.h"

#include "sti-dns-rdata.h"
#include "sti-text.h"

#include <arpa/inet.h>
#include <glib/gi18n.h>
#include <string.h>

/* The lab's zones: names, records read from zone-file syntax, and the
 * public API. sti-lab-dns-zone-private.h says how signing and answering
 * share them. */

void
lab_dns_rrset_free (Rrset *rrset)
{
  g_clear_pointer (&rrset->rdatas, g_ptr_array_unref);
  g_clear_pointer (&rrset->rrsig, g_bytes_unref);
  g_free (rrset);
}

Rrset *
lab_dns_rrset_new (guint16 type,
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
  g_clear_pointer (&node->nsec, lab_dns_rrset_free);
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

char **
lab_dns_split_labels (const char *name)
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

gboolean
lab_dns_label_char_ok (guchar c)
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
      else if (lab_dns_label_char_ok (*p))
        label++;
      else
        goto invalid;
    }
  if (wire > 255)
    goto invalid;

  return g_steal_pointer (&name);

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               /* Translators: %s is a name from the lab's configuration */
               _("“%s” is not a valid name for the demo lab’s DNS."), in);
  return NULL;
}

void
lab_dns_append_u16 (GByteArray *out,
                    guint       v)
{
  guint8 b[2] = { (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 2);
}

void
lab_dns_append_u32 (GByteArray *out,
                    guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

void
lab_dns_append_name (GByteArray *out,
                     const char *name)
{
  g_auto(GStrv) labels = lab_dns_split_labels (name);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 len = strlen (labels[i]);

      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *)labels[i], len);
    }
  g_byte_array_append (out, (const guint8 *)"", 1);
}

/* The RRSIG labels field: the owner's labels, not counting a wildcard. */
guint8
lab_dns_count_labels (char **labels)
{
  guint n = g_strv_length (labels);

  if (n > 0 && g_str_equal (labels[0], "*"))
    n--;
  return n;
}

/* RFC 4034 §6.1: label by label from the right, octets compared as
 * unsigned, a shorter label first; an ancestor sorts before its
 * descendants. Both are lower case already. */
int
lab_dns_compare_labels (char **a,
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

int
lab_dns_compare_nodes (gconstpointer a,
                       gconstpointer b)
{
  const Node *na = *(const Node * const *)a;
  const Node *nb = *(const Node * const *)b;

  return lab_dns_compare_labels (na->labels, nb->labels);
}

gboolean
lab_dns_name_is_below (const char *name,
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
const char *
lab_dns_name_parent (const char *name)
{
  const char *dot;

  if (g_str_equal (name, "."))
    return NULL;
  dot = strchr (name, '.');
  return dot[1] == '\0' ? "." : dot + 1;
}

guint16
lab_dns_read_u16 (const guint8 *p)
{
  return (p[0] << 8) | p[1];
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
      node->labels = lab_dns_split_labels (name);
      node->rrsets = g_ptr_array_new_with_free_func ((GDestroyNotify)lab_dns_rrset_free);
      g_hash_table_insert (zone->nodes, node->name, node);
    }

  return node;
}

Rrset *
lab_dns_node_find_rrset (Node    *node,
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
  Rrset *rrset = lab_dns_node_find_rrset (node, type);

  if (rrset == NULL)
    {
      rrset = lab_dns_rrset_new (type, ttl);
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

Zone *
lab_dns_find_zone (StiLabDnsZones *self,
                   const char     *name)
{
  Zone *best = NULL;

  for (guint i = 0; i < self->zones->len; i++)
    {
      Zone *zone = g_ptr_array_index (self->zones, i);

      if (lab_dns_name_is_below (name, zone->apex) &&
          (best == NULL || strlen (zone->apex) > strlen (best->apex)))
        best = zone;
    }

  return best;
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
        lab_dns_append_name (rdata, target);
      }
      break;

    case STI_DNS_TYPE_MX:
      {
        g_autofree char *target = NULL;

        if (n != 2 || !parse_uint (w0, G_MAXUINT16, &v[0]) ||
            (target = normalize_name (g_ptr_array_index (words, first + 1), error)) == NULL)
          return NULL;
        lab_dns_append_u16 (rdata, v[0]);
        lab_dns_append_name (rdata, target);
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

  parent = lab_dns_find_zone (self, name);
  if (parent != NULL && g_str_equal (parent->apex, name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is a zone name */
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
  lab_dns_append_name (soa, ns);
  lab_dns_append_name (soa, hostmaster);
  lab_dns_append_u32 (soa, 2026112801);    /* serial */
  lab_dns_append_u32 (soa, 3600);          /* refresh */
  lab_dns_append_u32 (soa, 600);           /* retry */
  lab_dns_append_u32 (soa, 86400);         /* expire */
  lab_dns_append_u32 (soa, SOA_TTL);       /* negative answers' TTL */
  soa_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&soa));
  lab_dns_append_name (ns_rdata, ns);
  ns_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&ns_rdata));

  node = zone_ensure_node (zone, name);
  node_add (node, STI_DNS_TYPE_SOA, SOA_TTL, soa_bytes);
  node_add (node, STI_DNS_TYPE_NS, SOA_TTL, ns_bytes);

  if (signing != STI_LAB_DNS_UNSIGNED)
    {
      if (!lab_dns_zone_generate_key (zone, error))
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
          g_autoptr(GBytes) ds = lab_dns_zone_dup_ds (zone);

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
                   /* Translators: %s is a DNS record in zone-file syntax */
                   _("The demo lab’s DNS record “%s” is not understood."), record);
      return FALSE;
    }

  zone = lab_dns_find_zone (self, owner);
  if (zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a DNS name */
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
      if (!lab_dns_zone_seal (g_ptr_array_index (self->zones, i), now, error))
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
      (zone = lab_dns_find_zone (self, name)) == NULL || !g_str_equal (zone->apex, name) ||
      zone->signing == STI_LAB_DNS_UNSIGNED)
    return NULL;

  ds = lab_dns_zone_dup_ds (zone);
  d = g_bytes_get_data (ds, &len);
  text = g_string_new (NULL);
  g_string_printf (text, "%s %u IN DS %u %u %u ", zone->apex, SOA_TTL,
                   lab_dns_read_u16 (d), d[2], d[3]);
  hex = sti_hex_encode (d + 4, len - 4, TRUE);
  g_string_append (text, hex);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
