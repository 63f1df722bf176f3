/* sti-host-report-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"

G_BEGIN_DECLS

/* Setters for the code that builds the model (the domain check, the JSON
 * loader): the model is immutable to everybody else. */

StiHostReport *sti_host_report_new (void);
void sti_host_report_set_name         (StiHostReport     *self,
                                       const char        *name);
void sti_host_report_set_name_unicode (StiHostReport     *self,
                                       const char        *name_unicode);
void sti_host_report_set_preference   (StiHostReport     *self,
                                       int                preference);
void sti_host_report_set_implicit     (StiHostReport     *self,
                                       gboolean           implicit);
void sti_host_report_set_beyond_mx_cap (StiHostReport    *self,
                                        guint             mx_cap);
void sti_host_report_add_endpoint     (StiHostReport     *self,
                                       StiEndpointReport *endpoint);
void sti_host_report_add_finding      (StiHostReport     *self,
                                       StiFinding        *finding);

G_END_DECLS
