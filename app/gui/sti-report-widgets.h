/* sti-report-widgets.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-catalog.h"
#include "sti-endpoint-report.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* The small pieces the result widgets are built from. Every row and label
 * built here shows server-supplied text literally: no markup anywhere. */

char       *sti_report_widgets_display_text        (const char        *text);
GtkWidget  *sti_report_widgets_row_new             (const char        *title,
                                                    const char        *subtitle);
GtkWidget  *sti_report_widgets_expander_row_new    (const char        *title,
                                                    const char        *subtitle);
GtkWidget  *sti_report_widgets_icon_new            (const char        *icon_name,
                                                    const char        *css_class);
GtkWidget  *sti_report_widgets_text_new            (const char        *text,
                                                    const char        *css_class);
GtkWidget  *sti_report_widgets_label_new           (const char        *text,
                                                    gboolean           monospace);
void        sti_report_widgets_make_selectable     (GtkWidget         *label);
void        sti_report_widgets_settle_focus        (GtkWidget         *root);
GtkWidget  *sti_report_widgets_heading_new         (const char        *text);
GtkWidget  *sti_report_widgets_text_blocks         (const char        *text);
const char *sti_report_widgets_stage_label         (StiStage           stage);
const char *sti_report_widgets_severity_icon       (StiSeverity        severity);
const char *sti_report_widgets_severity_css_class  (StiSeverity        severity);
const char *sti_report_widgets_dnssec_label        (StiDnssecStatus    status);
StiSeverity sti_report_widgets_endpoint_severity   (StiEndpointReport *endpoint,
                                                    gboolean          *has_findings);
char       *sti_report_widgets_endpoint_summary    (StiEndpointReport *endpoint);
StiMta      sti_report_widgets_preferred_mta       (GSettings         *settings);

G_END_DECLS
