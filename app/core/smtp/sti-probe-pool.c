/* sti-probe-pool.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-probe-pool-private.h"

#include "sti-endpoint-probe-private.h"

/* Endpoint probes on a few worker threads (DESIGN.md, performance
 * budget). Each worker runs its own GMainContext with at most
 * max_in_flight dialogues; more wait in one queue of the pool, so a
 * worker's main loop, which visits every source on every iteration,
 * stays short however many probes a caller starts.
 *
 * The defaults, and why:
 * - threads: one per processor, at most STI_PROBE_POOL_MAX_THREADS (8).
 *   A dialogue is CPU-bound only in its TLS handshake and otherwise waits
 *   on the network, so more threads than cores buy nothing; beyond eight,
 *   the caller's thread (chain verification, reports) is the bottleneck.
 * - in flight: STI_PROBE_POOL_DEFAULT_MAX_IN_FLIGHT (1,000) per worker.
 *   That is where CPU per endpoint stops being flat on one context
 *   (bench-endpoints), about 40 MiB of buffers per worker, and enough to
 *   keep a core busy at 80 ms per reply with a share of servers that
 *   never answer and hold their slot until their deadline.
 *
 * The caller sees no thread: its callback, and every "stage-changed"
 * signal and notify::stage of the probe, run on the main context that was
 * thread-default when it called sti_probe_pool_run_async(), in the order
 * the dialogue went through them, through one mailbox source per such
 * context. Cancelling from the caller's thread reaches the probe on its
 * worker at once (the probe's cancel handler is thread-safe); a probe
 * still queued starts and ends at once, cancelled. */

typedef struct _Worker Worker;

typedef struct
{
  StiProbePool *pool;     /* borrowed: the pool owns us */
  GSource      *wake;     /* ready time 0 when events wait */
  GQueue        events;   /* Event, under the pool's mutex */
} Mailbox;

typedef struct
{
  StiProbePool     *pool;
  GTask            *task;         /* on the caller's context; source object: the probe */
  StiEndpointProbe *probe;
  GCancellable     *cancellable;  /* the caller's */
  Mailbox          *mailbox;      /* borrowed: the pool owns it */
  Worker           *worker;       /* borrowed: where it runs */
} Job;

typedef struct
{
  Job            *job;
  StiStage        stage;
  gboolean        done;
  StiProbeResult *result;
  GError         *error;
} Event;

struct _Worker
{
  StiProbePool *pool;       /* borrowed: the pool joins us before it goes */
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GSource      *wake;       /* ready time 0 when the inbox has jobs, or to stop */
  GQueue        inbox;      /* Job, under the pool's mutex */
  GQueue        finished;   /* Event, ours: done, for the caller */
  guint         in_flight;  /* under the pool's mutex */
  int           stop;       /* atomic */
};

struct _StiProbePool
{
  GObject     parent_instance;

  guint       n_threads;
  guint       max_in_flight;  /* per worker */
  Worker     *workers;
  GMutex      mutex;          /* the queue, the inboxes, the mailboxes */
  GQueue      queue;          /* Job beyond every worker's bound */
  GHashTable *mailboxes;      /* GMainContext -> Mailbox */
  ProbeReuse *reuse;          /* nullable: a survey's (sti-probe-pool-reuse.c) */
};

G_DEFINE_FINAL_TYPE (StiProbePool, sti_probe_pool, G_TYPE_OBJECT)

/* A source that sleeps until another thread sets its ready time to 0. */
static gboolean
wake_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs wake_funcs = {
  .dispatch = wake_dispatch,
};

static GSource *
wake_source_new (GMainContext *context,
                 const char   *name,
                 GSourceFunc   func,
                 gpointer      data)
{
  GSource *source = g_source_new (&wake_funcs, sizeof (GSource));

  g_source_set_callback (source, func, data, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  return source;
}

static void
wake (GSource *source)
{
  /* Thread-safe; wakes the source's context if it sleeps in poll(). */
  g_source_set_ready_time (source, 0);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_object (&job->probe);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->pool);
  g_free (job);
}

/* On the caller's thread. */
static void
event_deliver (Event *event)
{
  Job *job = event->job;

  if (!event->done)
    {
      probe_show_stage (job->probe, event->stage);
    }
  else
    {
      if (event->result != NULL)
        g_task_return_pointer (job->task, event->result, g_object_unref);
      else
        g_task_return_error (job->task, event->error);
      job_free (job);
    }

  g_free (event);
}

static gboolean
mailbox_wake_cb (gpointer user_data)
{
  Mailbox *mailbox = user_data;
  StiProbePool *pool = mailbox->pool;
  GQueue events;
  Event *event;

  g_mutex_lock (&pool->mutex);
  events = mailbox->events;
  g_queue_init (&mailbox->events);
  g_mutex_unlock (&pool->mutex);

  /* The last job's end may finalize the pool and this mailbox with it:
   * from here on, only the local queue. */
  while ((event = g_queue_pop_head (&events)) != NULL)
    event_deliver (event);

  return G_SOURCE_CONTINUE;
}

static void
mailbox_free (Mailbox *mailbox)
{
  g_source_destroy (mailbox->wake);
  g_source_unref (mailbox->wake);
  g_assert (g_queue_is_empty (&mailbox->events));
  g_free (mailbox);
}

/* Called with the pool's mutex held. */
static Mailbox *
mailbox_for (StiProbePool *self,
             GMainContext *context)
{
  Mailbox *mailbox = g_hash_table_lookup (self->mailboxes, context);

  if (mailbox == NULL)
    {
      mailbox = g_new0 (Mailbox, 1);
      mailbox->pool = self;
      g_queue_init (&mailbox->events);
      mailbox->wake = wake_source_new (context, "[sti] probe pool mailbox", mailbox_wake_cb,
                                       mailbox);
      g_hash_table_insert (self->mailboxes, g_main_context_ref (context), mailbox);
    }

  return mailbox;
}

/* On a worker: events reach the caller in the order they are posted. */
static void
mailbox_post (Mailbox *mailbox,
              Event   *event)
{
  gboolean was_empty;

  g_mutex_lock (&mailbox->pool->mutex);
  was_empty = g_queue_is_empty (&mailbox->events);
  g_queue_push_tail (&mailbox->events, event);
  g_mutex_unlock (&mailbox->pool->mutex);

  if (was_empty)
    wake (mailbox->wake);
}

static void
job_stage_hook (StiEndpointProbe *probe,
                StiStage          stage,
                gpointer          data)
{
  Event *event = g_new0 (Event, 1);

  event->job = data;
  event->stage = stage;
  mailbox_post (event->job->mailbox, event);
}

static void
job_probe_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Job *job = user_data;
  Worker *worker = job->worker;
  Event *event = g_new0 (Event, 1);

  event->job = job;
  event->done = TRUE;
  event->result = sti_endpoint_probe_run_finish (job->probe, result, &event->error);
  job->probe->stage_hook = NULL;
  job->probe->stage_hook_data = NULL;

  /* Handed to the caller on the next iteration, once the probe's own task
   * has let go of it: the caller then holds the last references. */
  g_queue_push_tail (&worker->finished, event);
  wake (worker->wake);
}

static void
worker_start_jobs (Worker *worker,
                   GQueue *jobs)
{
  Job *job;

  while ((job = g_queue_pop_head (jobs)) != NULL)
    {
      job->probe->stage_hook = job_stage_hook;
      job->probe->stage_hook_data = job;
      sti_endpoint_probe_run_async (job->probe, job->cancellable, job_probe_done_cb, job);
    }
}

/* The slots of the finished jobs are free: hand those to the caller, take
 * what the caller sent us and what waits in the pool's queue. */
static void
worker_take_jobs (Worker *worker,
                  GQueue *jobs)
{
  StiProbePool *pool = worker->pool;
  guint n_finished = worker->finished.length;
  Event *event;

  while ((event = g_queue_pop_head (&worker->finished)) != NULL)
    mailbox_post (event->job->mailbox, event);

  g_mutex_lock (&pool->mutex);
  *jobs = worker->inbox;
  g_queue_init (&worker->inbox);
  worker->in_flight -= n_finished;
  while (worker->in_flight < pool->max_in_flight && !g_queue_is_empty (&pool->queue))
    {
      Job *job = g_queue_pop_head (&pool->queue);

      job->worker = worker;
      worker->in_flight++;
      g_queue_push_tail (jobs, job);
    }
  g_mutex_unlock (&pool->mutex);
}

static gboolean
worker_wake_cb (gpointer user_data)
{
  Worker *worker = user_data;
  GQueue jobs;

  if (g_atomic_int_get (&worker->stop))
    {
      g_main_loop_quit (worker->loop);
      return G_SOURCE_CONTINUE;
    }

  worker_take_jobs (worker, &jobs);
  worker_start_jobs (worker, &jobs);

  return G_SOURCE_CONTINUE;
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;

  g_main_context_push_thread_default (worker->context);
  g_main_loop_run (worker->loop);
  g_main_context_pop_thread_default (worker->context);

  return NULL;
}

static void
worker_init (Worker       *worker,
             StiProbePool *pool,
             guint         index)
{
  g_autofree char *name = g_strdup_printf ("sti-probe-%u", index);

  worker->pool = pool;
  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  g_queue_init (&worker->inbox);
  g_queue_init (&worker->finished);
  worker->wake = wake_source_new (worker->context, "[sti] probe pool worker", worker_wake_cb,
                                  worker);
  worker->thread = g_thread_new (name, worker_main, worker);
}

/* Only once no job is left: every job holds the pool. */
static void
worker_stop (Worker *worker)
{
  g_atomic_int_set (&worker->stop, TRUE);
  wake (worker->wake);
  g_thread_join (worker->thread);

  g_source_destroy (worker->wake);
  g_source_unref (worker->wake);
  g_main_loop_unref (worker->loop);
  g_main_context_unref (worker->context);
}

static void
sti_probe_pool_finalize (GObject *object)
{
  StiProbePool *self = (StiProbePool *)object;

  for (guint i = 0; i < self->n_threads; i++)
    worker_stop (&self->workers[i]);
  g_free (self->workers);
  g_hash_table_unref (self->mailboxes);
  probe_reuse_free (self->reuse);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sti_probe_pool_parent_class)->finalize (object);
}

static void
sti_probe_pool_class_init (StiProbePoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_probe_pool_finalize;
}

static void
sti_probe_pool_init (StiProbePool *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->queue);
  self->mailboxes = g_hash_table_new_full (NULL, NULL,
                                           (GDestroyNotify) g_main_context_unref,
                                           (GDestroyNotify) mailbox_free);
}

/**
 * sti_probe_pool_new:
 * @n_threads: worker threads; 0 for one per processor, at most
 *   %STI_PROBE_POOL_MAX_THREADS
 * @max_in_flight: dialogues one worker runs at once; 0 for
 *   %STI_PROBE_POOL_DEFAULT_MAX_IN_FLIGHT
 *
 * Starts the worker threads; they end when the pool is finalized, which
 * happens once the caller's reference and every running probe's are gone.
 *
 * Returns: (transfer full): a new pool
 */
StiProbePool *
sti_probe_pool_new (guint n_threads,
                    guint max_in_flight)
{
  StiProbePool *self = g_object_new (STI_TYPE_PROBE_POOL, NULL);

  if (n_threads == 0)
    n_threads = CLAMP (g_get_num_processors (), 1, STI_PROBE_POOL_MAX_THREADS);
  self->n_threads = n_threads;
  self->max_in_flight = max_in_flight != 0 ? max_in_flight : STI_PROBE_POOL_DEFAULT_MAX_IN_FLIGHT;

  self->workers = g_new0 (Worker, n_threads);
  for (guint i = 0; i < n_threads; i++)
    worker_init (&self->workers[i], self, i);

  return self;
}

guint
sti_probe_pool_get_n_threads (StiProbePool *self)
{
  g_return_val_if_fail (STI_IS_PROBE_POOL (self), 0);

  return self->n_threads;
}

guint
sti_probe_pool_get_max_in_flight (StiProbePool *self)
{
  g_return_val_if_fail (STI_IS_PROBE_POOL (self), 0);

  return self->max_in_flight;
}

/* Called with the pool's mutex held: the worker with the fewest dialogues,
 * if it has room. */
static Worker *
least_busy_worker (StiProbePool *self)
{
  Worker *best = NULL;

  for (guint i = 0; i < self->n_threads; i++)
    {
      Worker *worker = &self->workers[i];

      if (worker->in_flight < self->max_in_flight &&
          (best == NULL || worker->in_flight < best->in_flight))
        best = worker;
    }

  return best;
}

/**
 * sti_probe_pool_run_async:
 * @self: (nullable): a #StiProbePool; %NULL runs @probe on the
 *   thread-default main context, as sti_endpoint_probe_run_async() does
 * @probe: a #StiEndpointProbe that has not run yet
 * @cancellable: (nullable): a #GCancellable, cancelled from any thread
 * @callback: called on the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Runs @probe on one of the pool's worker threads, or queues it until a
 * worker has room. Its stages are shown, and @callback is called, on the
 * caller's main context; finish with sti_endpoint_probe_run_finish().
 */
void
sti_probe_pool_run_async (StiProbePool        *self,
                          StiEndpointProbe    *probe,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (self == NULL || STI_IS_PROBE_POOL (self));
  g_return_if_fail (STI_IS_ENDPOINT_PROBE (probe));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (self == NULL)
    sti_endpoint_probe_run_async (probe, cancellable, callback, user_data);
  else if (self->reuse != NULL)
    probe_reuse_run (self->reuse, probe, cancellable, callback, user_data);
  else
    pool_run_fresh (self, probe, cancellable, callback, user_data);
}

/**
 * sti_probe_pool_set_reuse_results:
 * @self: a #StiProbePool no probe has run on yet
 * @max_results: 0 to connect for every probe (the default); otherwise the
 *   most results to keep for reuse
 *
 * For a survey: every probe of the same server (address, port, SNI name
 * and dialogue options) after the first gets the first one's result, and
 * probes of one address run one at a time (sti-probe-pool-reuse.c). All
 * probes must then be started from one main context.
 */
void
sti_probe_pool_set_reuse_results (StiProbePool *self,
                                  guint         max_results)
{
  g_return_if_fail (STI_IS_PROBE_POOL (self));
  g_return_if_fail (self->reuse == NULL);

  if (max_results > 0)
    self->reuse = probe_reuse_new (self, max_results);
}

/**
 * sti_probe_pool_get_reuse_stats:
 * @n_connections: (out): probes that connected
 * @n_reused: (out): probes answered with another's result
 *
 * Both 0 unless sti_probe_pool_set_reuse_results() was called.
 */
void
sti_probe_pool_get_reuse_stats (StiProbePool *self,
                                guint        *n_connections,
                                guint        *n_reused)
{
  g_return_if_fail (STI_IS_PROBE_POOL (self));

  *n_connections = *n_reused = 0;
  if (self->reuse != NULL)
    probe_reuse_stats (self->reuse, n_connections, n_reused);
}

/* On a worker, always: a new connection. */
void
pool_run_fresh (StiProbePool        *self,
                StiEndpointProbe    *probe,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  Job *job;
  Worker *worker;
  gboolean was_empty = FALSE;

  job = g_new0 (Job, 1);
  job->pool = g_object_ref (self);
  job->probe = g_object_ref (probe);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->task = g_task_new (probe, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, sti_endpoint_probe_run_async);
  g_task_set_name (job->task, "[sti] pooled endpoint probe");

  g_mutex_lock (&self->mutex);
  job->mailbox = mailbox_for (self, g_task_get_context (job->task));
  worker = least_busy_worker (self);
  if (worker != NULL)
    {
      job->worker = worker;
      worker->in_flight++;
      was_empty = g_queue_is_empty (&worker->inbox);
      g_queue_push_tail (&worker->inbox, job);
    }
  else
    {
      g_queue_push_tail (&self->queue, job);
    }
  g_mutex_unlock (&self->mutex);

  if (was_empty)
    wake (worker->wake);
}
