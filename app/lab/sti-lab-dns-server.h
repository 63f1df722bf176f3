/* sti-lab-dns-server.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-lab-dns-zone.h"

G_BEGIN_DECLS

typedef struct _StiLabDnsServer StiLabDnsServer;

StiLabDnsServer *sti_lab_dns_server_new          (StiLabDnsZones   *zones);
void             sti_lab_dns_server_free         (StiLabDnsServer  *self);
gboolean         sti_lab_dns_server_start        (StiLabDnsServer  *self,
                                                  const char       *address,
                                                  GError          **error);
const char      *sti_lab_dns_server_get_address  (StiLabDnsServer  *self);
StiLabDnsZones  *sti_lab_dns_server_get_zones    (StiLabDnsServer  *self);
guint            sti_lab_dns_server_get_n_queries (StiLabDnsServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiLabDnsServer, sti_lab_dns_server_free)

G_END_DECLS
