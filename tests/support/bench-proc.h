/* bench-proc.h: what the benchmark programs read about their own process
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sys/resource.h>

G_BEGIN_DECLS

gint64 bench_read_status_field (const char          *field);
void   bench_raise_fd_limit    (void);
double bench_rusage_cpu_s      (const struct rusage *before,
                                const struct rusage *after);
double bench_read_stat_cpu_s   (const char          *path);

G_END_DECLS
