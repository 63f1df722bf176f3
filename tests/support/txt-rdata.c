/* txt-rdata.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "txt-rdata.h"

#include <string.h>

/* TXT rdata as a DNS server sends it: "|" splits character-strings. */
GBytes *
txt_rdata (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, "|", -1);
  GByteArray *out = g_byte_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint8 len = strlen (parts[i]);

      g_byte_array_append (out, &len, 1);
      g_byte_array_append (out, (const guint8 *)parts[i], len);
    }
  return g_byte_array_free_to_bytes (out);
}
