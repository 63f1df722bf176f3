/* sti-policy-record-words.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-dane-match.h"
#include "sti-domain-report.h"

G_BEGIN_DECLS

char  *sti_dane_match_describe          (const StiDaneMatch *match);
GStrv  sti_dane_dup_record_notes        (StiDomainReport    *report,
                                         const char         *host,
                                         guint               n_records);

G_END_DECLS
