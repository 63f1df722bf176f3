/* sti-certificate-names.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv sti_certificate_names_parse (const char * const  *names,
                                   GError             **error);

G_END_DECLS
