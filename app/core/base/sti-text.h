/* sti-text.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sti_text_sanitize       (const guint8 *data,
                               gssize        len);
char *sti_text_sanitize_bytes (GBytes       *bytes);
char *sti_text_sanitize_str   (const char   *str);
gboolean sti_text_is_clean    (const char   *str);

G_END_DECLS
