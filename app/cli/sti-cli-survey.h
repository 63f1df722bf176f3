/* sti-cli-survey.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-cli-commands.h"

G_BEGIN_DECLS

void       sti_cli_survey_add_options (GOptionContext *context);
void       sti_cli_survey_clear       (void);
gboolean   sti_cli_survey_has_postfix_log (void);
StiCliExit sti_cli_cmd_survey         (StiCliOptions  *options,
                                       const char     *input);
StiCliExit sti_cli_cmd_survey_merge   (StiCliOptions  *options,
                                       char          **paths);

G_END_DECLS
