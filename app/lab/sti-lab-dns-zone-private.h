/* sti-lab-dns-zone-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-lab-dns-zone.h"

#include <gnutls/abstract.h>

G_BEGIN_DECLS

/* An authoritative server's answers, as RFC 1034 §4.3.2 builds them, with
 * DNSSEC (RFC 4034/4035): one Ed25519 key per signed zone (flags 257, a
 * combined signing key), a complete NSEC chain so that NODATA, NXDOMAIN
 * and insecure delegations are proven, and a DS record in the parent for
 * each signed child zone. Zones are static once sealed, so every signature
 * is computed once, at sealing. The resolver that validates these answers
 * is libunbound, the same one that checks real domains.
 *
 * sti-lab-dns-zone.c holds the zones and reads records, sti-lab-dns-zone-sign.c
 * signs a sealed zone, sti-lab-dns-zone-answer.c answers queries. */

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

void
lab_dns_append_u16 (GByteArray *out,
                    guint       v);

void
lab_dns_append_u32 (GByteArray *out,
                    guint32     v);

void
lab_dns_append_name (GByteArray *out,
                     const char *name);

guint8
lab_dns_count_labels (char **labels);

void
lab_dns_rrset_free (Rrset *rrset);

Rrset *
lab_dns_rrset_new (guint16 type,
                   guint32 ttl);

int
lab_dns_compare_nodes (gconstpointer a,
                       gconstpointer b);

gboolean
lab_dns_label_char_ok (guchar c);

char **
lab_dns_split_labels (const char *name);

int
lab_dns_compare_labels (char **a,
                        char **b);

gboolean
lab_dns_name_is_below (const char *name,
                       const char *ancestor);

Rrset *
lab_dns_node_find_rrset (Node    *node,
                         guint16  type);

const char *
lab_dns_name_parent (const char *name);

guint16
lab_dns_read_u16 (const guint8 *p);

Zone *
lab_dns_find_zone (StiLabDnsZones *self,
                   const char     *name);

gboolean
lab_dns_zone_generate_key (Zone    *zone,
                           GError **error);

GBytes *
lab_dns_zone_dup_ds (Zone *zone);

gboolean
lab_dns_zone_seal (Zone     *zone,
                   gint64    now,
                   GError  **error);

G_END_DECLS
