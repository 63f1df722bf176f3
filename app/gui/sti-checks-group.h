/* sti-checks-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_CHECKS_GROUP (sti_checks_group_get_type ())

G_DECLARE_FINAL_TYPE (StiChecksGroup, sti_checks_group, STI, CHECKS_GROUP, AdwPreferencesGroup)

StiChecksGroup *sti_checks_group_new (StiDomainReport *report);

G_END_DECLS
