/* sti-probe-pool-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-probe-pool.h"

G_BEGIN_DECLS

/* What the pool (sti-probe-pool.c) and its result reuse for surveys
 * (sti-probe-pool-reuse.c) share. */

typedef struct _ProbeReuse ProbeReuse;

/* sti-probe-pool.c: a new connection, whatever reuse says */
void        pool_run_fresh     (StiProbePool        *self,
                                StiEndpointProbe    *probe,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);

/* sti-probe-pool-reuse.c */
ProbeReuse *probe_reuse_new    (StiProbePool        *pool,
                                guint                max_results);
void        probe_reuse_free   (ProbeReuse          *reuse);
void        probe_reuse_run    (ProbeReuse          *reuse,
                                StiEndpointProbe    *probe,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
void        probe_reuse_stats  (ProbeReuse          *reuse,
                                guint               *n_connections,
                                guint               *n_reused);

G_END_DECLS
