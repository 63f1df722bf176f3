/* sti-finding-detail.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-finding.h"

G_BEGIN_DECLS

char *sti_finding_dup_detail_text (StiFinding *finding);

G_END_DECLS
