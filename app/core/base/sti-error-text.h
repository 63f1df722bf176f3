/* sti-error-text.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What went wrong, for the messages people read: each problem is said once,
 * here, as what happened and what to do, and the CLI and the window both
 * show it. The libraries' own words ("ASN1 parser: Error in TAG.",
 * "<data>:1:1: Parse error") stay out of the sentence, at most a detail. */
typedef enum
{
  STI_PROBLEM_CERTIFICATE_DAMAGED,  /* certificate bytes that do not decode */
  STI_PROBLEM_CA_FILE_UNREADABLE,   /* a CA file without a certificate that decodes */
  STI_PROBLEM_REPORT_NOT_JSON,      /* a report file that is not JSON, or is cut short */
  STI_PROBLEM_REPORT_CONTROL_CHAR,  /* a report file with a raw control character */
} StiProblem;

const char *sti_error_text_get_problem       (StiProblem    problem);
char       *sti_error_text_dup_problem       (StiProblem    problem,
                                              const char   *detail);
const char *sti_error_text_get_reason        (const char   *reason);
const char *sti_error_text_get_reason_msgid  (const char   *reason);

G_END_DECLS
