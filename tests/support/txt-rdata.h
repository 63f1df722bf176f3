/* txt-rdata.h: TXT records for the record parsers' tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TXT rdata as a DNS server sends it: "|" splits character-strings. */
GBytes *txt_rdata (const char *spec);

G_END_DECLS
