/* sti-tcp-latency.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void sti_tcp_latency_enable        (GSocket *socket);
void sti_tcp_latency_after_receive (GSocket *socket);

G_END_DECLS
