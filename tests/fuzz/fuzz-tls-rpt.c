/* fuzz-tls-rpt.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "tls-rpt": the _smtp._tls TXT record (RFC 8460,
 * app/core/policy/sti-tls-rpt.c).
 *
 * Input: the TXT records of _smtp._tls.<domain> (fuzz_split_txt_rdata():
 * one record per line, '|' between character-strings, or raw rdata after
 * a NUL byte). Promises asserted: a parsed record has at least one rua
 * URI, each mailto: or https: and clean; its text and every finding's
 * text are clean.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh tls-rpt SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include <string.h>

#include "sti-finding.h"
#include "sti-tls-rpt.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) rdata = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(StiTlsRptRecord) record = NULL;

  fuzz_init ();

  rdata = fuzz_split_txt_rdata (data, size);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  record = sti_tls_rpt_record_parse (rdata, "example.org", findings);

  fuzz_assert_findings_clean (findings);
  if (record == NULL)
    return 0;

  fuzz_assert_clean (record->text, "record text");
  g_assert_nonnull (record->rua);
  g_assert_nonnull (record->rua[0]);
  for (guint i = 0; record->rua[i] != NULL; i++)
    {
      fuzz_assert_clean (record->rua[i], "rua URI");
      g_assert_true (g_ascii_strncasecmp (record->rua[i], "mailto:", 7) == 0 ||
                     g_ascii_strncasecmp (record->rua[i], "https:", 6) == 0);
    }

  return 0;
}
