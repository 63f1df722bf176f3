/* sti-mandatory-window.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-domain-report.h"
#include "sti-mandatory-plan.h"

G_BEGIN_DECLS

#define STI_TYPE_MANDATORY_WINDOW (sti_mandatory_window_get_type ())

G_DECLARE_FINAL_TYPE (StiMandatoryWindow, sti_mandatory_window, STI, MANDATORY_WINDOW, AdwWindow)

StiMandatoryWindow *sti_mandatory_window_new      (StiDomainReport    *report);
StiMandatoryPlan   *sti_mandatory_window_get_plan (StiMandatoryWindow *self);
GtkWidget          *sti_mandatory_window_entry_new (StiDomainReport   *report);

G_END_DECLS
