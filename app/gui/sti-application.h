/* sti-application.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-check-session.h"
#include "sti-settings.h"

G_BEGIN_DECLS

#define STI_TYPE_APPLICATION (sti_application_get_type ())

G_DECLARE_FINAL_TYPE (StiApplication, sti_application, STI, APPLICATION, AdwApplication)

StiApplication *sti_application_new            (void);
gboolean        sti_application_get_demo_mode  (StiApplication *self);
StiLab         *sti_application_get_lab        (StiApplication *self);
StiLab         *sti_application_ensure_lab     (StiApplication *self,
                                                GError        **error);
StiCheckSession *sti_application_get_session  (StiApplication *self);

G_END_DECLS
