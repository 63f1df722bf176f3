/* sti-types.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-types.h"

/* The strings below are the JSON contract (docs/json-schema.md): never
 * rename one, only add. */

static const char * const severity_names[] = { "info", "warning", "error" };
static const char * const dnssec_names[] = { "not-validated", "insecure", "secure", "bogus" };
static const char * const stage_names[] = {
  "pending", "resolving", "connecting", "greeting", "ehlo",
  "starttls", "handshake", "verifying", "done",
};
static const char * const transcript_kind_names[] = { "client", "server", "event" };

G_DEFINE_BOXED_TYPE (StiTranscriptLine, sti_transcript_line,
                     sti_transcript_line_copy, sti_transcript_line_free)

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             guint              *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], str))
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

StiTranscriptLine *
sti_transcript_line_new (gint64             offset_us,
                         StiTranscriptKind  kind,
                         GBytes            *raw)
{
  StiTranscriptLine *line = g_new0 (StiTranscriptLine, 1);

  line->offset_us = offset_us;
  line->kind = kind;
  line->raw = raw != NULL ? g_bytes_ref (raw) : g_bytes_new (NULL, 0);

  return line;
}

StiTranscriptLine *
sti_transcript_line_copy (const StiTranscriptLine *line)
{
  return sti_transcript_line_new (line->offset_us, line->kind, line->raw);
}

void
sti_transcript_line_free (StiTranscriptLine *line)
{
  if (line == NULL)
    return;

  g_bytes_unref (line->raw);
  g_free (line);
}

const char *
sti_severity_to_string (StiSeverity severity)
{
  g_return_val_if_fail (severity < G_N_ELEMENTS (severity_names), NULL);
  return severity_names[severity];
}

gboolean
sti_severity_from_string (const char  *str,
                          StiSeverity *severity)
{
  guint value;

  if (!lookup_name (severity_names, G_N_ELEMENTS (severity_names), str, &value))
    return FALSE;
  *severity = value;
  return TRUE;
}

const char *
sti_dnssec_status_to_string (StiDnssecStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (dnssec_names), NULL);
  return dnssec_names[status];
}

gboolean
sti_dnssec_status_from_string (const char      *str,
                               StiDnssecStatus *status)
{
  guint value;

  if (!lookup_name (dnssec_names, G_N_ELEMENTS (dnssec_names), str, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

const char *
sti_stage_to_string (StiStage stage)
{
  g_return_val_if_fail (stage < G_N_ELEMENTS (stage_names), NULL);
  return stage_names[stage];
}

gboolean
sti_stage_from_string (const char *str,
                       StiStage   *stage)
{
  guint value;

  if (!lookup_name (stage_names, G_N_ELEMENTS (stage_names), str, &value))
    return FALSE;
  *stage = value;
  return TRUE;
}

const char *
sti_transcript_kind_to_string (StiTranscriptKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (transcript_kind_names), NULL);
  return transcript_kind_names[kind];
}

gboolean
sti_transcript_kind_from_string (const char        *str,
                                 StiTranscriptKind *kind)
{
  guint value;

  if (!lookup_name (transcript_kind_names, G_N_ELEMENTS (transcript_kind_names), str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}
