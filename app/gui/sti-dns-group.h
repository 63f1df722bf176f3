/* sti-dns-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_DNS_GROUP (sti_dns_group_get_type ())

G_DECLARE_FINAL_TYPE (StiDnsGroup, sti_dns_group, STI, DNS_GROUP,
                      AdwPreferencesGroup)

StiDnsGroup *sti_dns_group_new (StiDomainReport *report);

G_END_DECLS
