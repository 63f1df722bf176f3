/* sti-lab-dns-zone-answer.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-dns-zone-private.h"

#include "sti-dns-rdata.h"

#include <string.h>

/* Answers to queries, as an authoritative server builds them (RFC 1034
 * §4.3.2), with the RRSIG and NSEC records DNSSEC asks for (RFC 4035 §3). */

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
question_clear (Question *q)
{
  g_clear_pointer (&q->qname, g_free);
  g_clear_pointer (&q->qlabels, g_strfreev);
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
  q->id = lab_dns_read_u16 (msg);
  q->flags = lab_dns_read_u16 (msg + 2);
  q->question_end = 12;
  if (q->flags & 0x8000)
    return FALSE;
  if (((q->flags >> 11) & 0xf) != 0)
    {
      *rcode = RCODE_NOTIMP;
      return TRUE;
    }
  if (lab_dns_read_u16 (msg + 4) != 1 || lab_dns_read_u16 (msg + 6) != 0 ||
      lab_dns_read_u16 (msg + 8) != 0)
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
          if (!lab_dns_label_char_ok (c))
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
  q->qtype = lab_dns_read_u16 (msg + pos);
  q->qclass = lab_dns_read_u16 (msg + pos + 2);
  pos += 4;
  q->question_end = pos;
  q->qname = name->len > 0 ? g_strdup (name->str) : g_strdup (".");
  q->qlabels = lab_dns_split_labels (q->qname);

  /* EDNS (RFC 6891): an OPT record, owned by the root, first of the
   * additional section, is all this server reads there. */
  if (lab_dns_read_u16 (msg + 10) > 0 && len - pos >= 11 && msg[pos] == 0 &&
      lab_dns_read_u16 (msg + pos + 1) == TYPE_OPT)
    {
      q->edns = TRUE;
      q->udp_size = lab_dns_read_u16 (msg + pos + 3);
      q->edns_version = msg[pos + 6];
      q->dnssec_ok = (lab_dns_read_u16 (msg + pos + 7) & 0x8000) != 0;
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

  lab_dns_append_name (reply->buf, owner);
  lab_dns_append_u16 (reply->buf, type);
  lab_dns_append_u16 (reply->buf, CLASS_IN);
  lab_dns_append_u32 (reply->buf, ttl);
  lab_dns_append_u16 (reply->buf, len);
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

      if (lab_dns_compare_labels (node->labels, labels) >= 0)
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
  labels = lab_dns_split_labels (name);
  next = zone_next (zone, zone_predecessor (zone, labels));
  return !g_str_equal (next->name, name) && lab_dns_name_is_below (next->name, name);
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
  Rrset *soa = lab_dns_node_find_rrset (apex, STI_DNS_TYPE_SOA);
  Node *node = g_hash_table_lookup (zone->nodes, q->qname);
  gboolean dnssec_ok = q->dnssec_ok;
  guint pred;

  if (node != NULL)
    {
      Rrset *rrset = q->qtype == TYPE_NSEC ? node->nsec : lab_dns_node_find_rrset (node, q->qtype);

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
    const char *encloser = lab_dns_name_parent (q->qname);
    g_autofree char *wildcard = NULL;
    g_auto(GStrv) wildcard_labels = NULL;
    guint wpred;

    while (encloser != NULL && !g_str_equal (encloser, zone->apex) &&
           !zone_name_exists (zone, encloser))
      encloser = lab_dns_name_parent (encloser);
    if (encloser == NULL)
      encloser = zone->apex;
    wildcard = g_str_equal (encloser, ".") ? g_strdup ("*.") : g_strconcat ("*.", encloser, NULL);
    wildcard_labels = lab_dns_split_labels (wildcard);
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
      lab_dns_append_name (reply->buf, ".");
      lab_dns_append_u16 (reply->buf, TYPE_OPT);
      lab_dns_append_u16 (reply->buf, MAX_UDP_PAYLOAD);
      g_byte_array_append (reply->buf, (const guint8[]) { rcode >> 4, 0 }, 2);
      lab_dns_append_u16 (reply->buf, q->dnssec_ok ? 0x8000 : 0);
      lab_dns_append_u16 (reply->buf, 0);
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
  else if (rcode == 0 && (zone = lab_dns_find_zone (self, q.qname)) == NULL)
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
