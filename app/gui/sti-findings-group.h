/* sti-findings-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_FINDINGS_GROUP (sti_findings_group_get_type ())

G_DECLARE_FINAL_TYPE (StiFindingsGroup, sti_findings_group, STI, FINDINGS_GROUP,
                      AdwPreferencesGroup)

StiFindingsGroup *sti_findings_group_new (StiDomainReport *report,
                                          GSettings       *settings);

G_END_DECLS
