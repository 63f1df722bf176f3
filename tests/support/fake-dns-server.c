/* fake-dns-server.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-dns-server.h"

#include <string.h>

#define MAX_DATAGRAM 4096

typedef struct
{
  gboolean   silent;
  guint8     rcode;
  GPtrArray *records; /* GBytes: type(2) class(2) ttl(4) rdlength(2) rdata */
} Rule;

struct _FakeDnsServer
{
  GSocket    *socket;
  GSource    *source;
  GHashTable *rules;  /* "name/qtype" -> Rule */
  GHashTable *counts; /* "name/qtype" -> count */
  guint16     port;
  guint       n_received;
  gboolean    default_silent;
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->records, g_ptr_array_unref);
  g_free (rule);
}

static char *
make_key (const char *name,
          guint16     qtype)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize len = strlen (lower);

  if (len > 0 && lower[len - 1] == '.')
    lower[len - 1] = '\0';

  return g_strdup_printf ("%s/%u", lower, qtype);
}

static Rule *
ensure_rule (FakeDnsServer *self,
             const char    *name,
             guint16        qtype)
{
  char *key = make_key (name, qtype);
  Rule *rule = g_hash_table_lookup (self->rules, key);

  if (rule == NULL)
    {
      rule = g_new0 (Rule, 1);
      rule->records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_hash_table_insert (self->rules, key, rule);
    }
  else
    g_free (key);

  return rule;
}

/* Reads the question's name (no compression: clients do not compress it). */
static char *
parse_qname (const guint8 *data,
             gsize         len,
             gsize        *offset)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gsize pos = *offset;

  for (;;)
    {
      guint8 label;

      if (pos >= len)
        return NULL;
      label = data[pos++];
      if (label == 0)
        break;
      if (label > 63 || label > len - pos)
        return NULL;
      if (name->len > 0)
        g_string_append_c (name, '.');
      g_string_append_len (name, (const char *)data + pos, label);
      pos += label;
    }

  *offset = pos;
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
handle_query (FakeDnsServer  *self,
              const guint8   *query,
              gsize           len,
              GSocketAddress *from)
{
  g_autoptr(GByteArray) reply = NULL;
  g_autofree char *qname = NULL;
  g_autofree char *key = NULL;
  g_autofree char *any_key = NULL;
  gsize qend = 12;
  guint16 qtype;
  guint16 flags;
  Rule *rule;
  guint8 rcode = 0;
  guint n_answers = 0;
  guint8 header[12];
  guint count;
  gboolean edns;

  self->n_received++;
  if (len < 12 + 5 || (query[2] & 0x80) != 0)
    return;

  qname = parse_qname (query, len, &qend);
  if (qname == NULL || len - qend < 4)
    return;
  qtype = (guint16)((query[qend] << 8) | query[qend + 1]);
  qend += 4;

  key = make_key (qname, qtype);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
  g_hash_table_insert (self->counts, g_strdup (key), GUINT_TO_POINTER (count + 1));

  rule = g_hash_table_lookup (self->rules, key);
  if (rule == NULL)
    {
      any_key = make_key (qname, 0);
      rule = g_hash_table_lookup (self->rules, any_key);
    }

  if (rule == NULL ? self->default_silent : rule->silent)
    return;

  if (rule != NULL)
    {
      rcode = rule->rcode;
      n_answers = rule->records->len;
    }

  /* QR, the query's opcode and RD, RA, the rcode. */
  flags = 0x8000 | (((query[2] << 8) | query[3]) & 0x7900) | 0x0080 | (rcode & 0x0f);
  header[0] = query[0];
  header[1] = query[1];
  header[2] = flags >> 8;
  header[3] = flags & 0xff;
  header[4] = 0;
  header[5] = 1;
  header[6] = n_answers >> 8;
  header[7] = n_answers & 0xff;
  memset (header + 8, 0, 4);
  /* Answer EDNS with EDNS (DO bit echoed), as a real server does. */
  edns = query[10] != 0 || query[11] != 0;
  if (edns)
    header[11] = 1;

  reply = g_byte_array_new ();
  g_byte_array_append (reply, header, sizeof header);
  g_byte_array_append (reply, query + 12, qend - 12);
  for (guint i = 0; i < n_answers; i++)
    {
      static const guint8 name_pointer[] = { 0xc0, 0x0c };
      gsize rr_len;
      const guint8 *rr = g_bytes_get_data (g_ptr_array_index (rule->records, i), &rr_len);

      g_byte_array_append (reply, name_pointer, sizeof name_pointer);
      g_byte_array_append (reply, rr, rr_len);
    }
  if (edns)
    {
      static const guint8 opt[] = { 0, 0, 41, 0x04, 0xd0, 0, 0, 0x80, 0, 0, 0 };

      g_byte_array_append (reply, opt, sizeof opt);
    }

  g_socket_send_to (self->socket, from, (const char *)reply->data, reply->len, NULL, NULL);
}

static gboolean
socket_readable_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  FakeDnsServer *self = user_data;

  for (;;)
    {
      g_autoptr(GSocketAddress) from = NULL;
      guint8 buffer[MAX_DATAGRAM];
      gssize n;

      n = g_socket_receive_from (socket, &from, (char *)buffer, sizeof buffer, NULL, NULL);
      if (n <= 0)
        break;
      handle_query (self, buffer, n, from);
    }

  return G_SOURCE_CONTINUE;
}

FakeDnsServer *
fake_dns_server_new (GError **error)
{
  g_autoptr(FakeDnsServer) self = g_new0 (FakeDnsServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) local = NULL;

  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, rule_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                               G_SOCKET_PROTOCOL_UDP, error);
  if (self->socket == NULL)
    return NULL;
  g_socket_set_blocking (self->socket, FALSE);
  if (!g_socket_bind (self->socket, address, FALSE, error))
    return NULL;

  local = g_socket_get_local_address (self->socket, error);
  if (local == NULL)
    return NULL;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_name (self->source, "[test] fake DNS server");
  g_source_set_callback (self->source, G_SOURCE_FUNC (socket_readable_cb), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());

  return g_steal_pointer (&self);
}

void
fake_dns_server_free (FakeDnsServer *self)
{
  if (self == NULL)
    return;

  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_free (self);
}

guint16
fake_dns_server_get_port (FakeDnsServer *self)
{
  return self->port;
}

/* In the form sti_resolver_new() and --dns-server take. */
char *
fake_dns_server_dup_address (FakeDnsServer *self)
{
  return g_strdup_printf ("127.0.0.1@%u", self->port);
}

void
fake_dns_server_add_record (FakeDnsServer *self,
                            const char    *name,
                            guint16        qtype,
                            guint32        ttl,
                            const void    *rdata,
                            gsize          rdata_len)
{
  g_return_if_fail (qtype != 0);

  fake_dns_server_add_rr (self, name, qtype, qtype, ttl, rdata, rdata_len);
}

/* A record of type @rrtype in the answer to questions of type @qtype, e.g.
 * the RRSIG (46) that goes with an A answer. */
void
fake_dns_server_add_rr (FakeDnsServer *self,
                        const char    *name,
                        guint16        qtype,
                        guint16        rrtype,
                        guint32        ttl,
                        const void    *rdata,
                        gsize          rdata_len)
{
  Rule *rule = ensure_rule (self, name, qtype);
  g_autoptr(GByteArray) rr = g_byte_array_new ();
  guint8 fixed[10];

  g_return_if_fail (rdata_len <= G_MAXUINT16);

  fixed[0] = rrtype >> 8;
  fixed[1] = rrtype & 0xff;
  fixed[2] = 0;
  fixed[3] = 1;
  fixed[4] = ttl >> 24;
  fixed[5] = (ttl >> 16) & 0xff;
  fixed[6] = (ttl >> 8) & 0xff;
  fixed[7] = ttl & 0xff;
  fixed[8] = rdata_len >> 8;
  fixed[9] = rdata_len & 0xff;
  g_byte_array_append (rr, fixed, sizeof fixed);
  if (rdata_len > 0)
    g_byte_array_append (rr, rdata, rdata_len);

  g_ptr_array_add (rule->records, g_byte_array_free_to_bytes (g_steal_pointer (&rr)));
}

void
fake_dns_server_set_rcode (FakeDnsServer *self,
                           const char    *name,
                           guint16        qtype,
                           guint8         rcode)
{
  ensure_rule (self, name, qtype)->rcode = rcode;
}

void
fake_dns_server_set_silent (FakeDnsServer *self,
                            const char    *name,
                            guint16        qtype)
{
  ensure_rule (self, name, qtype)->silent = TRUE;
}

void
fake_dns_server_set_default_silent (FakeDnsServer *self,
                                    gboolean       silent)
{
  self->default_silent = silent;
}

guint
fake_dns_server_get_n_queries (FakeDnsServer *self,
                               const char    *name,
                               guint16        qtype)
{
  g_autofree char *key = make_key (name, qtype);

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key));
}

guint
fake_dns_server_get_n_received (FakeDnsServer *self)
{
  return self->n_received;
}
