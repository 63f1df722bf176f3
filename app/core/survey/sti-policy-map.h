/* sti-policy-map.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_POLICY_MAP (sti_policy_map_get_type ())

G_DECLARE_FINAL_TYPE (StiPolicyMap, sti_policy_map, STI, POLICY_MAP, GObject)

StiPolicyMap *sti_policy_map_new            (void);
StiPolicyMap *sti_policy_map_new_for_stream (GOutputStream  *stream);
void          sti_policy_map_add            (StiPolicyMap   *self,
                                             StiDomainReport *report);
char         *sti_policy_map_to_string      (StiPolicyMap   *self);
gboolean      sti_policy_map_finish         (StiPolicyMap   *self,
                                             GCancellable   *cancellable,
                                             GError        **error);
char         *sti_policy_map_dup_entry      (StiDomainReport *report);
char         *sti_policy_map_dup_match      (StiDomainReport *report);

G_END_DECLS
