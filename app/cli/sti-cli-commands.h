/* sti-cli-commands.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-cli-options.h"

G_BEGIN_DECLS

/* Exit codes, the CLI's contract (README.md). */
typedef enum
{
  STI_CLI_EXIT_SECURE = 0,    /* every endpoint offers STARTTLS with a verified certificate */
  STI_CLI_EXIT_FINDINGS = 1,  /* at least one finding of error severity */
  STI_CLI_EXIT_USAGE = 2,     /* usage or input error */
  STI_CLI_EXIT_NO_CHECK = 3,  /* the check itself could not run */
  STI_CLI_EXIT_INCOMPLETE = 4, /* no error, but some endpoint was not checked to the end */
} StiCliExit;

StiCliExit sti_cli_cmd_check    (StiCliOptions *options,
                                 const char    *input);
void       sti_cli_print_error  (const GError  *error);
StiDomainReport *sti_cli_run_check (StiCliOptions *options,
                                    const char    *input,
                                    StiCliExit    *status);
StiCliExit sti_cli_cmd_list     (void);
StiCliExit sti_cli_cmd_explain  (StiCliOptions *options,
                                 const char    *id);
StiCliExit sti_cli_cmd_glossary (const char    *term);
StiCliExit sti_cli_cmd_render   (StiCliOptions *options,
                                 const char    *path);
StiCliExit sti_cli_cmd_compare  (StiCliOptions *options,
                                 const char    *old_path,
                                 const char    *new_path);

G_END_DECLS
