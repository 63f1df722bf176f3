/* sti-lookups-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STI_TYPE_LOOKUPS_GROUP (sti_lookups_group_get_type ())

G_DECLARE_FINAL_TYPE (StiLookupsGroup, sti_lookups_group, STI, LOOKUPS_GROUP,
                      AdwPreferencesGroup)

StiLookupsGroup *sti_lookups_group_new    (void);
void             sti_lookups_group_update (StiLookupsGroup *self,
                                           const char      *name,
                                           const char      *qtype,
                                           const char      *result);

G_END_DECLS
