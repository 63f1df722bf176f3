/* sti-types.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* How bad a finding is. The order matters: higher is worse, and lists of
 * findings sort on it. The rules for choosing a severity live with the
 * explanation catalog. */
typedef enum
{
  STI_SEVERITY_INFO,
  STI_SEVERITY_WARNING,
  STI_SEVERITY_ERROR,
} StiSeverity;

/* The DNSSEC status of one DNS answer, as our resolver saw it. */
typedef enum
{
  STI_DNSSEC_NOT_VALIDATED, /* the resolver path cannot validate (e.g. a plain forwarder) */
  STI_DNSSEC_INSECURE,      /* validated: the zone is provably unsigned */
  STI_DNSSEC_SECURE,        /* validated: signatures check out to the root */
  STI_DNSSEC_BOGUS,         /* validation failed: the answer must not be trusted */
} StiDnssecStatus;

/* Where one endpoint (an MX host at one address) is in its dialogue. */
typedef enum
{
  STI_STAGE_PENDING,
  STI_STAGE_RESOLVING,
  STI_STAGE_CONNECTING,
  STI_STAGE_GREETING,
  STI_STAGE_EHLO,
  STI_STAGE_STARTTLS,
  STI_STAGE_HANDSHAKE,
  STI_STAGE_VERIFYING,
  STI_STAGE_DONE,
} StiStage;

/* Who wrote one line of an SMTP transcript. */
typedef enum
{
  STI_TRANSCRIPT_CLIENT,
  STI_TRANSCRIPT_SERVER,
  STI_TRANSCRIPT_EVENT, /* TLS events, timeouts, connection state */
} StiTranscriptKind;

/* Durations of the stages of one endpoint dialogue, in microseconds;
 * -1 where the stage was never reached. */
typedef struct
{
  gint64 connect_us;
  gint64 greeting_us;
  gint64 ehlo_us;
  gint64 starttls_us;
  gint64 handshake_us;
  gint64 total_us;
} StiTimings;

#define STI_TIMINGS_INIT { -1, -1, -1, -1, -1, -1 }

/* One line of a transcript. @raw keeps the bytes exactly as they crossed
 * the wire (without the line ending); display goes through sti_text_sanitize(). */
typedef struct
{
  gint64             offset_us;
  StiTranscriptKind  kind;
  GBytes            *raw;
} StiTranscriptLine;

#define STI_TYPE_TRANSCRIPT_LINE (sti_transcript_line_get_type ())

GType              sti_transcript_line_get_type (void) G_GNUC_CONST;
StiTranscriptLine *sti_transcript_line_new      (gint64             offset_us,
                                                 StiTranscriptKind  kind,
                                                 GBytes            *raw);
StiTranscriptLine *sti_transcript_line_copy     (const StiTranscriptLine *line);
void               sti_transcript_line_free     (StiTranscriptLine *line);

const char        *sti_severity_to_string       (StiSeverity        severity);
gboolean           sti_severity_from_string     (const char        *str,
                                                 StiSeverity       *severity);
const char        *sti_dnssec_status_to_string  (StiDnssecStatus    status);
gboolean           sti_dnssec_status_from_string (const char       *str,
                                                  StiDnssecStatus  *status);
const char        *sti_stage_to_string          (StiStage           stage);
gboolean           sti_stage_from_string        (const char        *str,
                                                 StiStage          *stage);
const char        *sti_transcript_kind_to_string (StiTranscriptKind kind);
gboolean           sti_transcript_kind_from_string (const char        *str,
                                                    StiTranscriptKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiTranscriptLine, sti_transcript_line_free)

G_END_DECLS
