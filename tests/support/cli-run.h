/* cli-run.h: runs the starttls-inspector-cli under test as a user does
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_run (const char         *cli,
             const char         *dir,
             const char * const *args,
             char              **out,
             char              **err);

G_END_DECLS
