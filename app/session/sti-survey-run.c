/* sti-survey-run.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-run.h"

#include "sti-survey-results.h"

#include <glib/gi18n.h>

/* A survey: domains from a StiSurveyInput, each checked as `check` checks
 * it (a StiDomainCheck from the session), at most `concurrency` at once,
 * each within a deadline, its report appended to the results as one line
 * as soon as it is over. Nothing of a finished domain stays in memory:
 * what the run holds is the domains in flight, the input's read-ahead of
 * one line and its 64-bit hashes of the domains seen, and the probe
 * results kept for reuse (a bounded number).
 *
 * Politeness: every check's probes go through one pool of our own that
 * reuses results, so each mail server is asked once however many domains
 * share it and one connection at a time per address
 * (sti-probe-pool-reuse.c).
 *
 * The default of STI_SURVEY_DEFAULT_CONCURRENCY domains: a domain is
 * about one to three connections, so about 200 to 600 descriptors and
 * about 20 MB of dialogue buffers; on servers 100 ms away, about 200
 * domains a second at most, more than the TLS handshakes one desktop core
 * verifies. A server that never answers holds its slot until its stage
 * timeout, so a survey of many dead hosts wants more (--concurrency). */

struct _StiSurveyRun
{
  GObject                 parent_instance;

  StiCheckSession        *session;
  StiCheckSessionOptions *options;     /* with our reusing probe pool */
  StiProbePool           *pool;
  StiSurveyInput         *input;
  GOutputStream          *output;      /* nullable */
  guint                   concurrency;
  guint                   deadline_ms; /* 0: from the check's timeouts */
  StiSurveyDomainFunc     domain_func;
  gpointer                domain_data;
  StiSurveyStartFunc      start_func;
  gpointer                start_data;

  GTask                  *task;        /* while running */
  GCancellable           *cancellable; /* the run's, from its start to its end */
  gulong                  cancel_id;
  guint                   in_flight;
  gboolean                input_done;
  guint                   n_done;
  guint                   n_failed;
  GError                 *error;       /* ends the run once nothing is in flight */
};

G_DEFINE_FINAL_TYPE (StiSurveyRun, sti_survey_run, G_TYPE_OBJECT)

typedef struct
{
  StiSurveyRun   *run;
  StiSurveyEntry *entry;
  GCancellable   *cancellable;
  gulong          cancel_id;
  GSource        *deadline;
  gboolean        timed_out;
} DomainJob;

static void fill (StiSurveyRun *self);

static void
sti_survey_run_finalize (GObject *object)
{
  StiSurveyRun *self = (StiSurveyRun *)object;

  g_assert (self->task == NULL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->options, sti_check_session_options_free);
  g_clear_object (&self->pool);
  g_clear_pointer (&self->input, sti_survey_input_free);
  g_clear_object (&self->output);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sti_survey_run_parent_class)->finalize (object);
}

static void
sti_survey_run_class_init (StiSurveyRunClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sti_survey_run_finalize;
}

static void
sti_survey_run_init (StiSurveyRun *self)
{
  self->concurrency = STI_SURVEY_DEFAULT_CONCURRENCY;
}

/**
 * sti_survey_run_new:
 * @session: where the checks are made (its lab, if any, must run already)
 * @options: (nullable): the checks' options, as for `check`
 * @input: (transfer full): the domains
 * @output: (nullable): where the result lines go (a file opened for
 *   appending); %NULL to write none
 *
 * Returns: (transfer full): a survey, ready to run once
 */
StiSurveyRun *
sti_survey_run_new (StiCheckSession              *session,
                    const StiCheckSessionOptions *options,
                    StiSurveyInput               *input,
                    GOutputStream                *output)
{
  StiSurveyRun *self;

  g_return_val_if_fail (STI_IS_CHECK_SESSION (session), NULL);
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (output == NULL || G_IS_OUTPUT_STREAM (output), NULL);

  self = g_object_new (STI_TYPE_SURVEY_RUN, NULL);
  self->session = g_object_ref (session);
  self->options = options != NULL ? sti_check_session_options_copy (options)
                                  : sti_check_session_options_new ();
  self->input = input;
  self->output = output != NULL ? g_object_ref (output) : NULL;

  self->pool = sti_probe_pool_new (0, 0);
  sti_probe_pool_set_reuse_results (self->pool, STI_SURVEY_MAX_KEPT_RESULTS);
  g_clear_object (&self->options->check->probe_pool);
  self->options->check->probe_pool = g_object_ref (self->pool);

  return self;
}

void
sti_survey_run_set_concurrency (StiSurveyRun *self,
                                guint         concurrency)
{
  g_return_if_fail (STI_IS_SURVEY_RUN (self));

  self->concurrency = concurrency > 0 ? concurrency : STI_SURVEY_DEFAULT_CONCURRENCY;
}

/**
 * sti_survey_run_set_domain_deadline:
 * @deadline_ms: how long one domain's check may take in all; 0 for three
 *   times the endpoint deadline and a minute for DNS and the MTA-STS
 *   policy (a domain's probes of one address wait for each other)
 */
void
sti_survey_run_set_domain_deadline (StiSurveyRun *self,
                                    guint         deadline_ms)
{
  g_return_if_fail (STI_IS_SURVEY_RUN (self));

  self->deadline_ms = deadline_ms;
}

void
sti_survey_run_set_domain_func (StiSurveyRun        *self,
                                StiSurveyDomainFunc  func,
                                gpointer             user_data)
{
  g_return_if_fail (STI_IS_SURVEY_RUN (self));

  self->domain_func = func;
  self->domain_data = user_data;
}

/* A window shows which domains are being checked and which still wait. */
void
sti_survey_run_set_start_func (StiSurveyRun       *self,
                               StiSurveyStartFunc  func,
                               gpointer            user_data)
{
  g_return_if_fail (STI_IS_SURVEY_RUN (self));

  self->start_func = func;
  self->start_data = user_data;
}

/* Returns: domains checked (a line written for each) */
guint
sti_survey_run_get_n_done (StiSurveyRun *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_RUN (self), 0);

  return self->n_done;
}

/* Returns: domains whose check could not run or ran out of time */
guint
sti_survey_run_get_n_failed (StiSurveyRun *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_RUN (self), 0);

  return self->n_failed;
}

guint
sti_survey_run_get_n_in_flight (StiSurveyRun *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_RUN (self), 0);

  return self->in_flight;
}

/* Returns: (transfer none): the pool every check's probes run on */
StiProbePool *
sti_survey_run_get_probe_pool (StiSurveyRun *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_RUN (self), NULL);

  return self->pool;
}

static guint
domain_deadline_ms (StiSurveyRun *self)
{
  if (self->deadline_ms > 0)
    return self->deadline_ms;
  return MIN ((guint64)self->options->check->total_timeout_ms * 3 + 60000, G_MAXUINT);
}

static void
job_free (DomainJob *job)
{
  if (job->deadline != NULL)
    {
      g_source_destroy (job->deadline);
      g_source_unref (job->deadline);
    }
  g_cancellable_disconnect (job->run->cancellable, job->cancel_id);
  g_clear_object (&job->cancellable);
  sti_survey_entry_free (job->entry);
  g_object_unref (job->run);
  g_free (job);
}

/* One line, written whole: a kill leaves at most the last one cut short. */
static void
write_line (StiSurveyRun    *self,
            StiDomainReport *report,
            StiSurveyEntry  *entry)
{
  g_autofree char *line = NULL;

  if (self->output == NULL || self->error != NULL)
    return;

  line = sti_survey_result_line (report, entry);
  g_output_stream_write_all (self->output, line, strlen (line), NULL, NULL, &self->error);
}

static void
domain_over (StiSurveyRun    *self,
             StiSurveyEntry  *entry,
             StiDomainReport *report,
             const GError    *error)
{
  if (report != NULL)
    {
      write_line (self, report, entry);
      self->n_done++;
    }
  else
    {
      self->n_failed++;
    }

  if (self->domain_func != NULL)
    self->domain_func (entry, report, error, self->domain_data);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  DomainJob *job = user_data;
  StiSurveyRun *self = job->run;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled, the run is over already: nothing more is written. */
  if (self->task == NULL)
    {
      self->in_flight--;
      job_free (job);
      return;
    }

  report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  if (report == NULL && job->timed_out)
    {
      g_clear_error (&error);
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   _("The check did not end within the domain's deadline of %u s."),
                   domain_deadline_ms (self) / 1000);
    }

  domain_over (self, job->entry, report, error);
  self->in_flight--;
  job_free (job);
  fill (self);
}

static gboolean
deadline_cb (gpointer user_data)
{
  DomainJob *job = user_data;

  job->timed_out = TRUE;
  g_cancellable_cancel (job->cancellable);
  g_clear_pointer (&job->deadline, g_source_unref);
  return G_SOURCE_REMOVE;
}

static void
run_cancelled_cb (GCancellable *run_cancellable,
                  GCancellable *job_cancellable)
{
  g_cancellable_cancel (job_cancellable);
}

/* Returns: TRUE if the check started; FALSE when it could not (said). */
static gboolean
start_domain (StiSurveyRun   *self,
              StiSurveyEntry *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainCheck) check = NULL;
  DomainJob *job;

  check = sti_check_session_create_check (self->session, entry->domain, self->options, &error);
  if (check == NULL)
    {
      domain_over (self, entry, NULL, error);
      sti_survey_entry_free (entry);
      return FALSE;
    }

  job = g_new0 (DomainJob, 1);
  job->run = g_object_ref (self);
  job->entry = entry;
  job->cancellable = g_cancellable_new ();
  job->cancel_id = g_cancellable_connect (self->cancellable,
                                          G_CALLBACK (run_cancelled_cb),
                                          g_object_ref (job->cancellable), g_object_unref);
  job->deadline = g_timeout_source_new (domain_deadline_ms (self));
  g_source_set_callback (job->deadline, deadline_cb, job, NULL);
  g_source_set_static_name (job->deadline, "[sti] survey domain deadline");
  g_source_attach (job->deadline, g_task_get_context (self->task));

  self->in_flight++;
  if (self->start_func != NULL)
    self->start_func (entry, self->start_data);
  sti_domain_check_run_async (check, job->cancellable, check_done_cb, job);
  return TRUE;
}

static void
complete (StiSurveyRun *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_cancellable_disconnect (self->cancellable, self->cancel_id);
  self->cancel_id = 0;

  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Starts domains until `concurrency` run or the input ends; completes the
 * run when nothing is left. */
static void
fill (StiSurveyRun *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  while (!self->input_done && self->error == NULL && self->in_flight < self->concurrency &&
         !g_cancellable_is_cancelled (cancellable))
    {
      StiSurveyEntry *entry = sti_survey_input_next (self->input, &self->error);

      if (entry == NULL)
        {
          self->input_done = TRUE;
          break;
        }
      start_domain (self, entry);
    }

  if (self->in_flight == 0)
    complete (self);
}

static gboolean
start_cb (gpointer user_data)
{
  fill (user_data);
  return G_SOURCE_REMOVE;
}

/* Cancelled: the run ends now. The checks in flight are cancelled too,
 * but a probe shared with other domains ends only at its own deadline
 * (sti-probe-pool-reuse.c); what they report is dropped. */
static gboolean
cancel_cb (gpointer user_data)
{
  StiSurveyRun *self = user_data;

  if (self->task != NULL)
    complete (self);
  return G_SOURCE_REMOVE;
}

static void
run_cancelled_now_cb (GCancellable *cancellable,
                      StiSurveyRun *self)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* Not here: completing disconnects this handler, which must not be
   * done from within it. */
  g_source_set_callback (idle, cancel_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (idle, "[sti] survey cancelled");
  g_source_attach (idle, g_main_context_get_thread_default ());
}

/**
 * sti_survey_run_run_async:
 * @cancellable: (nullable): stops starting domains and cancels those in flight
 *
 * Runs the survey on the thread-default main context.
 */
void
sti_survey_run_run_async (StiSurveyRun        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GCancellable) own = NULL;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_return_if_fail (STI_IS_SURVEY_RUN (self));
  g_return_if_fail (self->task == NULL);

  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, sti_survey_run_run_async);
  g_task_set_name (self->task, "[sti] survey");
  self->cancellable = g_object_ref (cancellable);
  self->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (run_cancelled_now_cb),
                                           self, NULL);

  /* Never from within the caller's own call. */
  g_source_set_callback (idle, start_cb, self, NULL);
  g_source_set_static_name (idle, "[sti] survey start");
  g_source_attach (idle, g_task_get_context (self->task));
}

/**
 * sti_survey_run_run_finish:
 *
 * Returns: %TRUE once every domain was checked or failed; %FALSE with
 *   @error when the input or the output failed, or when cancelled
 */
gboolean
sti_survey_run_run_finish (StiSurveyRun  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
