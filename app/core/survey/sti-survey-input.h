/* sti-survey-input.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StiSurveyEntry:
 * @domain: the mail domain, normalised as a check target (A-label, lower case)
 * @weight: messages sent to it (from a Postfix log); 0 when not weighted
 * @postfix_tls: (nullable): the TLS outcome Postfix logged for it:
 *   "Trusted", "Verified", "Untrusted" or "Anonymous"
 *
 * One domain of a survey, in input order.
 */
typedef struct
{
  char    *domain;
  guint64  weight;
  char    *postfix_tls;
} StiSurveyEntry;

StiSurveyEntry *sti_survey_entry_new  (const char     *domain,
                                       guint64         weight,
                                       const char     *postfix_tls);
void            sti_survey_entry_free (StiSurveyEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSurveyEntry, sti_survey_entry_free)

char    *sti_survey_parse_line   (const char  *line,
                                  GError     **error);
guint64  sti_survey_domain_hash  (const char  *domain);
gboolean sti_survey_parse_shard  (const char  *text,
                                  guint       *index,
                                  guint       *count,
                                  GError     **error);
gboolean sti_survey_in_shard     (const char  *domain,
                                  guint        index,
                                  guint        count);

/**
 * StiSurveyBadLineFunc:
 * @line: the line number, from 1
 * @message: why the line was skipped
 * @user_data: the data given with the function
 *
 * Told about an input line that names no domain; the survey goes on.
 */
typedef void (*StiSurveyBadLineFunc) (guint       line,
                                      const char *message,
                                      gpointer    user_data);

typedef struct _StiSurveyInput StiSurveyInput;

StiSurveyInput *sti_survey_input_new_stream   (GInputStream         *stream);
StiSurveyInput *sti_survey_input_new_entries  (GPtrArray            *entries);
void            sti_survey_input_free         (StiSurveyInput       *self);
void            sti_survey_input_set_shard    (StiSurveyInput       *self,
                                               guint                 index,
                                               guint                 count);
void            sti_survey_input_set_bad_line_func (StiSurveyInput       *self,
                                                    StiSurveyBadLineFunc  func,
                                                    gpointer              user_data);
void            sti_survey_input_skip         (StiSurveyInput       *self,
                                               const char           *domain);
StiSurveyEntry *sti_survey_input_next         (StiSurveyInput       *self,
                                               GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSurveyInput, sti_survey_input_free)

G_END_DECLS
