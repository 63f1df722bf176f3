/* fuzz-common.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every fuzz harness shares: the libFuzzer entry points, one-time
 * setup, and the assertions of the project's promises about text (see
 * app/core/base/sti-text.c): whatever reaches a display or a report is
 * valid UTF-8 without a raw control or bidi character.
 */

#pragma once

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

/* Each harness defines this; libFuzzer or fuzz-replay.c calls it. */
int        LLVMFuzzerTestOneInput     (const uint8_t *data,
                                       size_t         size);

void       fuzz_init                  (void);
void       fuzz_assert_clean          (const char    *text,
                                       const char    *what);
void       fuzz_assert_clean_lines    (const char    *text,
                                       const char    *what);
void       fuzz_assert_findings_clean (GPtrArray     *findings);
GPtrArray *fuzz_split_txt_rdata       (const guint8  *data,
                                       gsize          size);

G_END_DECLS
