/* sti-text.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *sti_text_sanitize        (const guint8 *data,
                                   gssize        len);
char     *sti_text_sanitize_bytes  (GBytes       *bytes);
char     *sti_text_sanitize_str    (const char   *str);
gboolean  sti_text_is_clean        (const char   *str);
gboolean  sti_text_is_clean_len    (const char   *str,
                                   gssize        len);
char     *sti_text_clean           (const char   *text);
char     *sti_text_clean_len       (const guint8 *data,
                                   gsize         len);
char     *sti_text_clean_lines     (const char   *text);
char     *sti_text_clean_lines_len (const guint8 *data,
                                   gsize         len,
                                   gboolean      crlf_ends_line);
char     *sti_text_clean_escaped   (const guint8 *data,
                                   gssize        len);

char     *sti_hex_encode           (const guint8 *data,
                                   gsize         len,
                                   gboolean      upper_case);
char     *sti_hex_encode_separated (const guint8 *data,
                                   gsize         len,
                                   const char   *separator);
guint8   *sti_hex_decode           (const char   *hex,
                                   gsize        *len);

G_END_DECLS
