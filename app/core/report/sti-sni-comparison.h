/* sti-sni-comparison.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-certificate.h"

G_BEGIN_DECLS

#define STI_TYPE_SNI_COMPARISON (sti_sni_comparison_get_type ())

G_DECLARE_FINAL_TYPE (StiSniComparison, sti_sni_comparison, STI, SNI_COMPARISON, GObject)

gboolean            sti_sni_comparison_get_compared             (StiSniComparison *self);
const char         *sti_sni_comparison_get_reason               (StiSniComparison *self);
const char         *sti_sni_comparison_get_detail               (StiSniComparison *self);
gboolean            sti_sni_comparison_get_same_certificate     (StiSniComparison *self);
StiCertificate     *sti_sni_comparison_get_certificate          (StiSniComparison *self);
gboolean            sti_sni_comparison_get_certificate_verified (StiSniComparison *self);
const char * const *sti_sni_comparison_get_problems             (StiSniComparison *self);
gboolean            sti_sni_comparison_equal                    (StiSniComparison *a,
                                                                 StiSniComparison *b);

G_END_DECLS
