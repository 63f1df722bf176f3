/* sti-endpoint-row.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-endpoint-report.h"
#include "sti-types.h"

G_BEGIN_DECLS

#define STI_TYPE_ENDPOINT_ROW (sti_endpoint_row_get_type ())

G_DECLARE_FINAL_TYPE (StiEndpointRow, sti_endpoint_row, STI, ENDPOINT_ROW, AdwActionRow)

StiEndpointRow    *sti_endpoint_row_new           (const char        *address);
void               sti_endpoint_row_set_stage     (StiEndpointRow    *self,
                                                   StiStage           stage);
void               sti_endpoint_row_set_finished  (StiEndpointRow    *self,
                                                   StiEndpointReport *endpoint);
void               sti_endpoint_row_stop          (StiEndpointRow    *self);
void               sti_endpoint_row_tick          (StiEndpointRow    *self);
StiEndpointReport *sti_endpoint_row_get_endpoint  (StiEndpointRow    *self);

G_END_DECLS
