/* test-time.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-time.h"

/**
 * test_time_factor:
 *
 * Sanitized builds run several times slower: a test that bounds elapsed
 * time multiplies its bound by this (STI_TEST_TIME_FACTOR, which
 * tests/meson.build sets for them; 1 otherwise).
 */
gint64
test_time_factor (void)
{
  const char *factor = g_getenv ("STI_TEST_TIME_FACTOR");

  return factor != NULL ? MAX (g_ascii_strtoll (factor, NULL, 10), 1) : 1;
}
