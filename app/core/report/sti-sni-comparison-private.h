/* sti-sni-comparison-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-sni-comparison.h"

G_BEGIN_DECLS

/* For the code that builds the model (the domain check, the JSON loader). */

StiSniComparison *sti_sni_comparison_new_not_compared (const char         *reason,
                                                       const char         *detail);
StiSniComparison *sti_sni_comparison_new_same         (void);
StiSniComparison *sti_sni_comparison_new_different    (StiCertificate     *certificate,
                                                       gboolean            verified,
                                                       const char * const *problems);

G_END_DECLS
