/* sti-format.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* How the GUI, the CLI and every exporter write the small things people
 * read: severities, counts, durations, transcript lines, fingerprints,
 * certificate numbers and dates. Each returns plain text; callers escape it for their syntax. It
 * lives in the base layer so that every layer writes them the same way;
 * the counts of a whole report are sti_format_report_counts()
 * (sti-report-format.h), which needs the report model.
 *
 * Machine forms stay where they are: the severity token of JSON and the
 * CLI is sti_severity_to_string() ("info", "warning", "error"), text is
 * made safe by sti_text_clean() and hex encoded by sti_hex_encode(). */

const char *sti_format_severity_label     (StiSeverity               severity);
const char *sti_format_dnssec_status      (StiDnssecStatus           status);
char       *sti_format_severity_count     (StiSeverity               severity,
                                           guint                     n);
char       *sti_format_counts             (guint                     errors,
                                           guint                     warnings,
                                           guint                     notes);

char       *sti_format_duration           (gint64                    microseconds);
char       *sti_format_timeout            (gint64                    milliseconds);
char       *sti_format_elapsed            (gint64                    microseconds);

const char *sti_format_transcript_mark    (StiTranscriptKind         kind);
const char *sti_format_transcript_legend  (void);
char       *sti_format_transcript_text    (const StiTranscriptLine  *line);
char       *sti_format_transcript_line    (const StiTranscriptLine  *line,
                                           gboolean                  with_time);
char       *sti_format_transcript         (GPtrArray                *transcript,
                                           const char               *indent);

char       *sti_format_fingerprint        (const char               *hex);

/* How many items of a list a server controls (names, capabilities,
 * records, hosts) are shown before "and N more". The JSON keeps them all. */
#define STI_FORMAT_LIST_MAX 20

char       *sti_format_bounded_list       (const char * const       *items,
                                           gssize                    n,
                                           const char               *separator,
                                           guint                     max);

char       *sti_format_certificate_number (guint                     position);
char       *sti_format_certificate_heading (guint                    position);

char       *sti_format_date_time          (GDateTime                *date);
char       *sti_format_date_time_local    (GDateTime                *date);
char       *sti_format_date               (GDateTime                *date);
char       *sti_format_expiry             (GDateTime                *not_after,
                                           GDateTime                *now);

G_END_DECLS
