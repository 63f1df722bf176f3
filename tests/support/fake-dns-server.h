/* fake-dns-server.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A tiny DNS responder on 127.0.0.1, UDP, ephemeral port, driven by the
 * thread-default main context. Hand-built answers, no DNSSEC at all: it
 * plays a plain forwarder (dnsmasq, a home router) or a broken one.
 *
 * Rules are keyed by (name, qtype); qtype 0 matches every type of that
 * name. A question without a rule gets the default: NOERROR with no
 * records, or silence after fake_dns_server_set_default_silent(). Names
 * are compared case-insensitively, without the trailing dot. */
typedef struct _FakeDnsServer FakeDnsServer;

FakeDnsServer *fake_dns_server_new                (GError        **error);
void           fake_dns_server_free               (FakeDnsServer  *self);
guint16        fake_dns_server_get_port           (FakeDnsServer  *self);
char          *fake_dns_server_dup_address        (FakeDnsServer  *self);
void           fake_dns_server_add_record         (FakeDnsServer  *self,
                                                   const char     *name,
                                                   guint16         qtype,
                                                   guint32         ttl,
                                                   const void     *rdata,
                                                   gsize           rdata_len);
void           fake_dns_server_add_rr             (FakeDnsServer  *self,
                                                   const char     *name,
                                                   guint16         qtype,
                                                   guint16         rrtype,
                                                   guint32         ttl,
                                                   const void     *rdata,
                                                   gsize           rdata_len);
void           fake_dns_server_set_rcode          (FakeDnsServer  *self,
                                                   const char     *name,
                                                   guint16         qtype,
                                                   guint8          rcode);
void           fake_dns_server_set_silent         (FakeDnsServer  *self,
                                                   const char     *name,
                                                   guint16         qtype);
void           fake_dns_server_set_default_silent (FakeDnsServer  *self,
                                                   gboolean        silent);
guint          fake_dns_server_get_n_queries      (FakeDnsServer  *self,
                                                   const char     *name,
                                                   guint16         qtype);
guint          fake_dns_server_get_n_received     (FakeDnsServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeDnsServer, fake_dns_server_free)

G_END_DECLS
