/* sti-endpoint-detail.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-endpoint-report.h"

G_BEGIN_DECLS

#define STI_TYPE_ENDPOINT_DETAIL (sti_endpoint_detail_get_type ())

G_DECLARE_FINAL_TYPE (StiEndpointDetail, sti_endpoint_detail, STI, ENDPOINT_DETAIL, GtkBox)

StiEndpointDetail *sti_endpoint_detail_new                  (StiEndpointReport *endpoint);
GtkTextView       *sti_endpoint_detail_get_transcript_view  (StiEndpointDetail *self);

G_END_DECLS
