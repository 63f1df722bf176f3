/* sti-settings.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-session.h"

G_BEGIN_DECLS

/* The schema ID does not change in Devel builds, like the resource path. */
#define STI_SETTINGS_SCHEMA_ID "io.github.starttlsinspector.Inspector"

GSettings              *sti_settings_new                (void);
StiCheckSessionOptions *sti_settings_dup_check_options  (GSettings *settings);

G_END_DECLS
