/* sti-sender-verdict-group.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

#define STI_TYPE_SENDER_VERDICT_GROUP (sti_sender_verdict_group_get_type ())

G_DECLARE_FINAL_TYPE (StiSenderVerdictGroup, sti_sender_verdict_group, STI, SENDER_VERDICT_GROUP,
                      AdwPreferencesGroup)

StiSenderVerdictGroup *sti_sender_verdict_group_new (StiDomainReport *report);

G_END_DECLS
