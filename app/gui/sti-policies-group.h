/* sti-policies-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_POLICIES_GROUP (sti_policies_group_get_type ())

G_DECLARE_FINAL_TYPE (StiPoliciesGroup, sti_policies_group, STI, POLICIES_GROUP,
                      AdwPreferencesGroup)

StiPoliciesGroup *sti_policies_group_new (StiDomainReport *report);

G_END_DECLS
