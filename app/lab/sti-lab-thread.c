/* sti-lab-thread.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-thread.h"

/* The demo lab's servers on a thread of their own. The lab stands in for
 * mail servers elsewhere on the network; in the window's process their TLS
 * handshakes and certificate generation would otherwise run on the main
 * loop and stall the UI, which a real server never does. The lab runs on
 * its own GMainContext in that thread; the caller only reads what the lab
 * publishes once started (port, CA, DNS data), which no longer changes. */

struct _StiLabThread
{
  GObject parent_instance;

  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  StiLab       *lab;

  GMutex        mutex;
  GCond         cond;
  gboolean      ready;
  GError       *error;
};

G_DEFINE_FINAL_TYPE (StiLabThread, sti_lab_thread, G_TYPE_OBJECT)

static gpointer
lab_thread_main (gpointer data)
{
  StiLabThread *self = data;
  g_autoptr(GError) error = NULL;
  gboolean started;

  g_main_context_push_thread_default (self->context);

  started = sti_lab_start (self->lab, &error);

  g_mutex_lock (&self->mutex);
  self->ready = TRUE;
  self->error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (started)
    g_main_loop_run (self->loop);

  /* Stop where the sources live, then let cancelled operations finish. */
  sti_lab_stop (self->lab);
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
sti_lab_thread_dispose (GObject *object)
{
  StiLabThread *self = (StiLabThread *)object;

  sti_lab_thread_stop (self);

  G_OBJECT_CLASS (sti_lab_thread_parent_class)->dispose (object);
}

static void
sti_lab_thread_finalize (GObject *object)
{
  StiLabThread *self = (StiLabThread *)object;

  g_clear_error (&self->error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (sti_lab_thread_parent_class)->finalize (object);
}

static void
sti_lab_thread_class_init (StiLabThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_lab_thread_dispose;
  object_class->finalize = sti_lab_thread_finalize;
}

static void
sti_lab_thread_init (StiLabThread *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/**
 * sti_lab_thread_start:
 * @error: return location for a #GError
 *
 * Starts a demo lab on a new thread and waits until it listens (a few tens
 * of milliseconds).
 *
 * Returns: (transfer full) (nullable): the running lab thread
 */
StiLabThread *
sti_lab_thread_start (GError **error)
{
  g_autoptr(StiLabThread) self = g_object_new (STI_TYPE_LAB_THREAD, NULL);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->lab = sti_lab_new ();
  self->thread = g_thread_new ("sti-demo-lab", lab_thread_main, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * sti_lab_thread_get_lab:
 *
 * The lab, for reading what it publishes: its port, CA, scenarios and DNS
 * data (sti_lab_configure_resolver()). Do not start or stop it directly.
 *
 * Returns: (transfer none) (nullable): the lab, %NULL once stopped
 */
StiLab *
sti_lab_thread_get_lab (StiLabThread *self)
{
  g_return_val_if_fail (STI_IS_LAB_THREAD (self), NULL);

  return self->thread != NULL ? self->lab : NULL;
}

/**
 * sti_lab_thread_stop:
 *
 * Stops the lab on its thread and waits for the thread to end. Safe to
 * call more than once.
 */
void
sti_lab_thread_stop (StiLabThread *self)
{
  g_return_if_fail (STI_IS_LAB_THREAD (self));

  if (self->thread != NULL)
    {
      /* From the loop itself: a quit before the thread reached
       * g_main_loop_run() would be lost, and the join would wait forever. */
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, quit_loop_cb, g_main_loop_ref (self->loop),
                             (GDestroyNotify)g_main_loop_unref);
      g_source_set_static_name (source, "[sti] lab thread stop");
      g_source_attach (source, self->context);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  g_clear_object (&self->lab);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}
