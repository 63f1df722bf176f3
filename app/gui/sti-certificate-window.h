/* sti-certificate-window.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-certificate.h"
#include "sti-certificate-sections.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"

G_BEGIN_DECLS

#define STI_TYPE_CERTIFICATE_WINDOW (sti_certificate_window_get_type ())

G_DECLARE_FINAL_TYPE (StiCertificateWindow, sti_certificate_window, STI, CERTIFICATE_WINDOW,
                      AdwWindow)

StiCertificateWindow   *sti_certificate_window_new              (GtkWindow            *parent,
                                                                 GPtrArray            *chain,
                                                                 guint                 position);
StiCertificateWindow   *sti_certificate_window_new_for_endpoint (GtkWindow            *parent,
                                                                 StiEndpointReport    *endpoint,
                                                                 guint                 position);
StiCertificateWindow   *sti_certificate_window_new_for_finding  (GtkWindow            *parent,
                                                                 GPtrArray            *chain,
                                                                 guint                 position,
                                                                 StiFinding           *finding);
StiCertificateWindow   *sti_certificate_window_new_for_endpoint_finding (GtkWindow         *parent,
                                                                         StiEndpointReport *endpoint,
                                                                         guint              position,
                                                                         StiFinding        *finding);
StiCertificateWindow   *sti_certificate_window_new_for_file     (GtkWindow            *parent,
                                                                 GFile                *file);
void                    sti_certificate_window_open_file        (StiCertificateWindow *self,
                                                                 GFile                *file);
gboolean                sti_certificate_window_set_data         (StiCertificateWindow *self,
                                                                 GBytes               *data,
                                                                 GError              **error);
void                    sti_certificate_window_select           (StiCertificateWindow *self,
                                                                 guint                 position);
guint                   sti_certificate_window_get_n_certificates (StiCertificateWindow *self);
StiCertificateSections *sti_certificate_window_get_sections     (StiCertificateWindow *self);
const char             *sti_certificate_window_get_highlighted_field (StiCertificateWindow *self);
StiEndpointReport      *sti_certificate_window_get_endpoint     (StiCertificateWindow *self);
const char             *sti_certificate_window_get_error        (StiCertificateWindow *self);
gboolean                sti_certificate_window_get_loading      (StiCertificateWindow *self);
char                   *sti_certificate_window_dup_chain_pem    (StiCertificateWindow *self);
void                    sti_certificate_window_save_chain       (StiCertificateWindow *self,
                                                                 GFile                *file);
gboolean                sti_certificate_window_get_key_warning  (StiCertificateWindow *self);

G_END_DECLS
