/* sti-secret-file.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean sti_secret_file_write (const char  *path,
                                GBytes      *contents,
                                gboolean     replace,
                                GError     **error);

G_END_DECLS
