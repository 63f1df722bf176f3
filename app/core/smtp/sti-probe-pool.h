/* sti-probe-pool.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-endpoint-probe.h"

G_BEGIN_DECLS

/* The defaults and why are in sti-probe-pool.c. */
#define STI_PROBE_POOL_MAX_THREADS           8
#define STI_PROBE_POOL_DEFAULT_MAX_IN_FLIGHT 1000

#define STI_TYPE_PROBE_POOL (sti_probe_pool_get_type ())

G_DECLARE_FINAL_TYPE (StiProbePool, sti_probe_pool, STI, PROBE_POOL, GObject)

StiProbePool *sti_probe_pool_new               (guint                n_threads,
                                                guint                max_in_flight);
guint         sti_probe_pool_get_n_threads     (StiProbePool        *self);
guint         sti_probe_pool_get_max_in_flight (StiProbePool        *self);
void          sti_probe_pool_run_async         (StiProbePool        *self,
                                                StiEndpointProbe    *probe,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void          sti_probe_pool_set_reuse_results (StiProbePool        *self,
                                                guint                max_results);
void          sti_probe_pool_get_reuse_stats   (StiProbePool        *self,
                                                guint               *n_connections,
                                                guint               *n_reused);

G_END_DECLS
