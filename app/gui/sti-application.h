/* sti-application.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-check.h"
#include "sti-lab.h"
#include "sti-lab-thread.h"

G_BEGIN_DECLS

/* The schema ID does not change in Devel builds, like the resource path. */
#define STI_SETTINGS_SCHEMA_ID "io.github.starttlsinspector.Inspector"

#define STI_TYPE_APPLICATION (sti_application_get_type ())

G_DECLARE_FINAL_TYPE (StiApplication, sti_application, STI, APPLICATION, AdwApplication)

StiApplication *sti_application_new            (void);
gboolean        sti_application_get_demo_mode  (StiApplication *self);
StiLab         *sti_application_get_lab        (StiApplication *self);
StiLab         *sti_application_ensure_lab     (StiApplication *self,
                                                GError        **error);
StiDomainCheck *sti_application_create_check   (StiApplication *self,
                                                const char     *target_text,
                                                GSettings      *settings,
                                                GError        **error);

G_END_DECLS
