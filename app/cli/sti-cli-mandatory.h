/* sti-cli-mandatory.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-cli-commands.h"

G_BEGIN_DECLS

StiCliExit sti_cli_cmd_mandatory (StiCliOptions *options,
                                  const char    *input);

G_END_DECLS
