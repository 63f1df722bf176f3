/* sti-lab-dns-zone.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  STI_LAB_DNS_UNSIGNED,
  STI_LAB_DNS_SIGNED,
  STI_LAB_DNS_SIGNED_BOGUS, /* signed, with every signature broken */
} StiLabDnsSigning;

/* The authoritative data of one or more zones, signed with DNSSEC where
 * asked, as one server answers them. */
typedef struct _StiLabDnsZones StiLabDnsZones;

StiLabDnsZones *sti_lab_dns_zones_new              (void);
void            sti_lab_dns_zones_free             (StiLabDnsZones   *self);
gboolean        sti_lab_dns_zones_add_zone         (StiLabDnsZones   *self,
                                                    const char       *apex,
                                                    const char       *ns_host,
                                                    StiLabDnsSigning  signing,
                                                    GError          **error);
gboolean        sti_lab_dns_zones_add_record       (StiLabDnsZones   *self,
                                                    const char       *record,
                                                    GError          **error);
gboolean        sti_lab_dns_zones_seal             (StiLabDnsZones   *self,
                                                    gint64            now,
                                                    GError          **error);
char          **sti_lab_dns_zones_dup_apexes       (StiLabDnsZones   *self);
char           *sti_lab_dns_zones_dup_trust_anchor (StiLabDnsZones   *self,
                                                    const char       *apex);
GBytes         *sti_lab_dns_zones_answer           (StiLabDnsZones   *self,
                                                    const guint8     *query,
                                                    gsize             len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiLabDnsZones, sti_lab_dns_zones_free)

G_END_DECLS
