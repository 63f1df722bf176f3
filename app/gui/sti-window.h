/* sti-window.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-check-session.h"
#include "sti-domain-report.h"
#include "sti-report-export.h"

G_BEGIN_DECLS

#define STI_TYPE_WINDOW (sti_window_get_type ())

G_DECLARE_FINAL_TYPE (StiWindow, sti_window, STI, WINDOW, AdwApplicationWindow)

StiWindow  *sti_window_new         (GtkApplication  *application,
                                    StiCheckSession *session);
void        sti_window_set_domain  (StiWindow      *self,
                                    const char     *domain);
const char *sti_window_get_domain  (StiWindow      *self);
void        sti_window_open_file   (StiWindow      *self,
                                    GFile          *file);
void        sti_window_add_toast   (StiWindow      *self,
                                    AdwToast       *toast);
gboolean         sti_window_get_busy     (StiWindow *self);
StiDomainReport *sti_window_get_report   (StiWindow *self);
void             sti_window_cancel_check (StiWindow *self);

void             sti_window_open_report_file  (StiWindow       *self,
                                               GFile           *file);
void             sti_window_compare_with_file (StiWindow       *self,
                                               GFile           *file);
void             sti_window_export_report     (StiWindow       *self,
                                               GFile           *file,
                                               StiReportFormat  format);
gboolean         sti_window_get_offline       (StiWindow       *self);
void             sti_window_show_saved        (StiWindow       *self,
                                               StiDomainReport *report);

G_END_DECLS
