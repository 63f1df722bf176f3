/* sti-survey-run.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-session.h"
#include "sti-survey-input.h"

G_BEGIN_DECLS

/* Domains checked at once unless told otherwise: enough to keep a desktop's
 * cores busy at the latency of mail servers far away, few enough for its
 * file descriptors and its network (sti-survey-run.c says more). */
#define STI_SURVEY_DEFAULT_CONCURRENCY 200

/* Probe results kept for reuse (sti-probe-pool-reuse.c). */
#define STI_SURVEY_MAX_KEPT_RESULTS    4096

/**
 * StiSurveyDomainFunc:
 * @entry: the domain as the input gave it
 * @report: (nullable): its report; %NULL when the check could not run
 * @error: (nullable): why it could not run
 * @user_data: the data given with the function
 *
 * Told about each domain once its check is over, on the run's main context.
 */
typedef void (*StiSurveyDomainFunc) (const StiSurveyEntry *entry,
                                     StiDomainReport      *report,
                                     const GError         *error,
                                     gpointer              user_data);

/**
 * StiSurveyStartFunc:
 * @entry: the domain as the input gave it
 * @user_data: the data given with the function
 *
 * Told about each domain as its check starts, on the run's main context.
 */
typedef void (*StiSurveyStartFunc) (const StiSurveyEntry *entry,
                                    gpointer              user_data);

#define STI_TYPE_SURVEY_RUN (sti_survey_run_get_type ())

G_DECLARE_FINAL_TYPE (StiSurveyRun, sti_survey_run, STI, SURVEY_RUN, GObject)

StiSurveyRun *sti_survey_run_new                 (StiCheckSession              *session,
                                                  const StiCheckSessionOptions *options,
                                                  StiSurveyInput               *input,
                                                  GOutputStream                *output);
void          sti_survey_run_set_concurrency     (StiSurveyRun                 *self,
                                                  guint                         concurrency);
void          sti_survey_run_set_domain_deadline (StiSurveyRun                 *self,
                                                  guint                         deadline_ms);
void          sti_survey_run_set_domain_func     (StiSurveyRun                 *self,
                                                  StiSurveyDomainFunc           func,
                                                  gpointer                      user_data);
void          sti_survey_run_set_start_func      (StiSurveyRun                 *self,
                                                  StiSurveyStartFunc            func,
                                                  gpointer                      user_data);
guint         sti_survey_run_get_n_done          (StiSurveyRun                 *self);
guint         sti_survey_run_get_n_failed        (StiSurveyRun                 *self);
guint         sti_survey_run_get_n_in_flight     (StiSurveyRun                 *self);
StiProbePool *sti_survey_run_get_probe_pool      (StiSurveyRun                 *self);
void          sti_survey_run_run_async           (StiSurveyRun                 *self,
                                                  GCancellable                 *cancellable,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data);
gboolean      sti_survey_run_run_finish          (StiSurveyRun                 *self,
                                                  GAsyncResult                 *result,
                                                  GError                      **error);

G_END_DECLS
