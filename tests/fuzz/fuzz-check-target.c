/* fuzz-check-target.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "check-target": what a user types as the domain to check
 * (app/core/base/sti-check-target.c): a domain, an IDN, [host] or
 * [host]:port, pasted text.
 *
 * Input: the typed text (up to the first NUL, as from a text entry or
 * argv). Promises asserted: an accepted target has a non-empty, lower
 * case ASCII domain without a trailing dot, a clean display form
 * (input and domain_unicode, never NULL), a port only for a direct
 * target, and copies equal; a refusal is an STI_INPUT_ERROR with a clean
 * message.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh check-target SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include "sti-check-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *)data, size);
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiCheckTarget) copy = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();

  sti_is_ip_literal (input);
  target = sti_check_target_parse (input, &error);
  if (target == NULL)
    {
      g_assert_error (error, STI_INPUT_ERROR, error->code);
      fuzz_assert_clean (error->message, "input error");
      return 0;
    }

  g_assert_no_error (error);
  g_assert_nonnull (target->input);
  g_assert_nonnull (target->domain);
  g_assert_nonnull (target->domain_unicode);
  fuzz_assert_clean (target->input, "input");
  fuzz_assert_clean (target->domain_unicode, "domain_unicode");
  g_assert_cmpstr (target->domain, !=, "");
  g_assert_false (g_str_has_suffix (target->domain, "."));
  for (const char *p = target->domain; *p != '\0'; p++)
    g_assert_true (g_ascii_isprint (*p) && !g_ascii_isupper (*p));
  if (!target->direct)
    g_assert_cmpuint (target->port, ==, 0);

  copy = sti_check_target_copy (target);
  g_assert_cmpstr (copy->input, ==, target->input);
  g_assert_cmpstr (copy->domain, ==, target->domain);
  g_assert_cmpstr (copy->domain_unicode, ==, target->domain_unicode);
  g_assert_true (copy->direct == target->direct);
  g_assert_cmpuint (copy->port, ==, target->port);

  return 0;
}
