/* sti-i18n.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     sti_i18n_init          (const char  *language,
                                     GError     **error);
const char  *sti_i18n_get_localedir (void);
const char  *sti_i18n_find_language (int          argc,
                                     char       **argv);
gpointer     sti_i18n_enter_c       (void);
void         sti_i18n_leave_c       (gpointer     previous);

G_END_DECLS
