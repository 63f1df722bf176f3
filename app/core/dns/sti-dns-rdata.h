/* sti-dns-rdata.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The RR types the checker asks for (host order, as libunbound wants them). */
#define STI_DNS_TYPE_A      1
#define STI_DNS_TYPE_NS     2
#define STI_DNS_TYPE_CNAME  5
#define STI_DNS_TYPE_SOA    6
#define STI_DNS_TYPE_PTR    12
#define STI_DNS_TYPE_MX     15
#define STI_DNS_TYPE_TXT    16
#define STI_DNS_TYPE_AAAA   28
#define STI_DNS_TYPE_DS     43
#define STI_DNS_TYPE_DNSKEY 48
#define STI_DNS_TYPE_TLSA   52

/* Parsers over raw rdata as a DNS server sent it. The input is hostile:
 * every parser checks bounds and fails with G_IO_ERROR_INVALID_DATA, never
 * reading past @rdata. Names come back in presentation form with a
 * trailing dot ("mx1.example.org.", the root is "."), odd bytes escaped
 * (RFC 4343: "\." "\\" for specials, "\DDD" for non-printables), so they
 * are printable ASCII and safe to display. */

char         *sti_dns_rdata_parse_name       (const guint8  *data,
                                              gsize          len,
                                              gsize         *offset,
                                              GError       **error);
gboolean      sti_dns_rdata_parse_mx         (GBytes        *rdata,
                                              guint16       *preference,
                                              char         **exchange,
                                              GError       **error);
char         *sti_dns_rdata_parse_target     (GBytes        *rdata,
                                              GError       **error);
GBytes       *sti_dns_rdata_parse_txt        (GBytes        *rdata,
                                              GError       **error);
GPtrArray    *sti_dns_rdata_parse_txt_strings (GBytes       *rdata,
                                               GError      **error);

GPtrArray    *sti_dns_rdata_select_txt       (GPtrArray     *txt_rdata,
                                              const char    *version);
char        **sti_dns_txt_dup_sanitized      (GPtrArray     *texts);

/* The grammar MTA-STS (RFC 8461 §3.1) and TLS-RPT (RFC 8460 §3) records
 * share: a version, then fields "; name=value" with optional whitespace.
 * Each sets @reason to a short token ("missing-semicolon", …) on error. */
const char   *sti_dns_txt_check_printable    (const char    *data,
                                              gsize          len);
gboolean      sti_dns_txt_next_field         (const char   **p,
                                              const char    *end,
                                              const char   **name,
                                              gsize         *name_len,
                                              const char   **reason);
gboolean      sti_dns_txt_skip_extension     (const char    *name,
                                              const char   **p,
                                              const char    *end,
                                              const char   **reason);
gboolean      sti_dns_rdata_parse_tlsa       (GBytes        *rdata,
                                              guint8        *usage,
                                              guint8        *selector,
                                              guint8        *matching_type,
                                              GBytes       **association_data,
                                              GError       **error);
GInetAddress *sti_dns_rdata_parse_address    (GBytes        *rdata,
                                              guint16        rrtype,
                                              GError       **error);
char         *sti_dns_rdata_to_presentation  (guint16        rrtype,
                                              GBytes        *rdata);
char         *sti_dns_rdata_to_generic       (GBytes        *rdata);
char         *sti_dns_type_to_string         (guint16        rrtype);
gboolean      sti_dns_name_equal             (const char    *a,
                                              const char    *b);

G_END_DECLS
