/* sti-cli-certificate.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-cli-commands.h"

G_BEGIN_DECLS

/* The certificate commands take their own flags: @argv[0] is the command. */
StiCliExit sti_cli_cmd_request (int    argc,
                                char **argv);
StiCliExit sti_cli_cmd_bundle  (int    argc,
                                char **argv);

/* Shared by both (sti-cli-certificate.c). */
GOptionContext *sti_cli_command_context_new (const char          *summary,
                                             const GOptionEntry  *entries,
                                             const char          *description);
StiCliExit      sti_cli_command_usage       (GOptionContext      *context,
                                             const char          *message);
GBytes         *sti_cli_read_small_file     (const char          *path,
                                             GError             **error);
void            sti_cli_print_message       (const char          *message);

G_END_DECLS
