/* sti-chain-verify.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-trust-store.h"

G_BEGIN_DECLS

GPtrArray *sti_chain_verify (StiTrustStore  *trust,
                             GPtrArray      *chain_der,
                             const char     *hostname,
                             GDateTime      *now,
                             gboolean       *verified_out,
                             GPtrArray     **certificates_out);

G_END_DECLS
