/* sti-check-defaults.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The one home of the check's defaults. The endpoint probe, the domain
 * check and the check session start from these, and the GSettings schema
 * repeats them as its defaults (tests/test-check-session.c compares them),
 * so the CLI and the window run the same check.
 *
 * Chosen close to what real senders tolerate (Postfix waits 30 s to
 * connect and up to 300 s per stage) but short enough for someone watching
 * the window: RFC 5321 allows 5 min for a greeting, and the per-endpoint
 * deadline stops slow-drip servers that keep any inactivity timeout happy.
 * The caps keep a check polite (DESIGN.md, decision 9): MX hosts in
 * preference order, addresses per MX host and family. */
#define STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS 15000
#define STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS   30000
#define STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS   90000
#define STI_CHECK_DEFAULT_MX_CAP             10
/* The most MX hosts anybody may ask for (the schema's range repeats it). */
#define STI_CHECK_MAX_MX_CAP                 50
#define STI_CHECK_DEFAULT_ADDRESS_CAP        4
#define STI_CHECK_DEFAULT_USE_IPV6           TRUE
