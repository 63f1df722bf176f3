/* sti-socket-watch.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-socket-watch.h"

/* One GSource per connection for its whole life (DESIGN.md, performance
 * budget): the socket's fd, polled for what the current waits need, and
 * one deadline as the source's ready time.
 *
 * Why not a socket GSource per wait, as g_socket_create_source() makes:
 * each one adds its fd to the main context's poll list and removes it
 * again, and both walk that list, so with thousands of connections on one
 * context every wait costs time in proportion to all the others. Changing
 * what an fd is polled for is free, and so is moving a ready time.
 *
 * Cancellation adds no fd either: a wait connects to its cancellable once
 * (kept across waits that pass the same one), and the handler, on whatever
 * thread cancels, only sets a flag and wakes the context; the next
 * iteration dispatches the wait, whose owner then sees the cancellable.
 *
 * Everything but that handler runs on the thread of the watch's context. */

typedef struct
{
  GIOCondition        condition;    /* 0: nobody waits */
  StiSocketWatchFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
  GCancellable       *cancellable;  /* connected to; kept across waits */
  gulong              cancel_id;
} Waiter;

struct _StiSocketWatch
{
  GSource             source;

  GMainContext       *context;      /* owned: the cancel handler wakes it */
  GSocket            *socket;
  gpointer            fd_tag;
  GIOCondition        events;       /* what the fd is polled for now */
  gboolean            fd_dead;      /* hung up with nobody waiting: no longer polled */
  int                 woken;        /* atomic: a cancellable fired */
  Waiter              waiters[STI_SOCKET_WATCH_N_SLOTS];
  gint64              deadline;
  StiSocketWatchFunc  deadline_func;
  gpointer            deadline_data;
};

#define DEAD_CONDITIONS (G_IO_HUP | G_IO_ERR | G_IO_NVAL)

static void
watch_cancelled_cb (GCancellable   *cancellable,
                    StiSocketWatch *self)
{
  g_atomic_int_set (&self->woken, 1);
  g_main_context_wakeup (self->context);
}

static void
waiter_unbind (Waiter *w)
{
  /* Waits for a handler running on another thread; never called from
   * inside one (that would deadlock). */
  if (w->cancel_id != 0)
    g_cancellable_disconnect (w->cancellable, w->cancel_id);
  w->cancel_id = 0;
  g_clear_object (&w->cancellable);
}

static void
waiter_bind (StiSocketWatch *self,
             Waiter         *w,
             GCancellable   *cancellable)
{
  if (cancellable != w->cancellable)
    {
      waiter_unbind (w);
      if (cancellable != NULL)
        {
          w->cancellable = g_object_ref (cancellable);
          /* Runs the handler at once (and returns 0) if already cancelled. */
          w->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (watch_cancelled_cb),
                                                self, NULL);
        }
    }
  else if (g_cancellable_is_cancelled (cancellable))
    {
      /* The handler ran for an earlier wait. */
      g_atomic_int_set (&self->woken, 1);
    }
}

/* Takes the wait out of its slot, so that its function may wait again. */
static void
waiter_take (Waiter             *w,
             StiSocketWatchFunc *func,
             gpointer           *data,
             GDestroyNotify     *destroy)
{
  *func = w->func;
  *data = w->data;
  *destroy = w->destroy;
  w->condition = 0;
  w->func = NULL;
  w->data = NULL;
  w->destroy = NULL;
}

static void
waiter_drop (Waiter *w)
{
  StiSocketWatchFunc func;
  GDestroyNotify destroy;
  gpointer data;

  if (w->condition == 0)
    return;

  waiter_take (w, &func, &data, &destroy);
  if (destroy != NULL)
    destroy (data);
}

static gboolean
any_waiting (StiSocketWatch *self)
{
  for (guint i = 0; i < STI_SOCKET_WATCH_N_SLOTS; i++)
    {
      if (self->waiters[i].condition != 0)
        return TRUE;
    }
  return FALSE;
}

static void
update_events (StiSocketWatch *self)
{
  GIOCondition events = 0;

  for (guint i = 0; i < STI_SOCKET_WATCH_N_SLOTS; i++)
    events |= self->waiters[i].condition;

  if (self->fd_tag != NULL && events != self->events)
    g_source_modify_unix_fd (&self->source, self->fd_tag, events);
  self->events = events;
}

static gboolean
ready_now (StiSocketWatch *self)
{
  return g_atomic_int_get (&self->woken) || (self->fd_dead && any_waiting (self));
}

static gboolean
watch_prepare (GSource *source,
               gint    *timeout)
{
  *timeout = -1;
  return ready_now ((StiSocketWatch *)source);
}

static gboolean
watch_check (GSource *source)
{
  return ready_now ((StiSocketWatch *)source);
}

static gboolean
waiter_is_ready (StiSocketWatch *self,
                 Waiter         *w,
                 GIOCondition    revents)
{
  if (w->condition == 0)
    return FALSE;

  return (revents & (w->condition | DEAD_CONDITIONS)) != 0 || self->fd_dead ||
         g_cancellable_is_cancelled (w->cancellable);
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  StiSocketWatch *self = (StiSocketWatch *)source;
  GIOCondition revents = 0;

  g_atomic_int_set (&self->woken, 0);
  if (self->fd_tag != NULL)
    revents = g_source_query_unix_fd (source, self->fd_tag);

  if (self->deadline >= 0 && g_source_get_time (source) >= self->deadline)
    {
      StiSocketWatchFunc func = self->deadline_func;

      self->deadline = -1;
      self->deadline_func = NULL;
      g_source_set_ready_time (source, -1);
      func (self->deadline_data);
      if (g_source_is_destroyed (source))
        return G_SOURCE_CONTINUE;
    }

  for (guint i = 0; i < STI_SOCKET_WATCH_N_SLOTS; i++)
    {
      StiSocketWatchFunc func;
      GDestroyNotify destroy;
      gpointer data;

      if (!waiter_is_ready (self, &self->waiters[i], revents))
        continue;

      waiter_take (&self->waiters[i], &func, &data, &destroy);
      func (data);
      if (destroy != NULL)
        destroy (data);
      if (g_source_is_destroyed (source))
        return G_SOURCE_CONTINUE;
    }

  /* A hang-up is reported whatever the fd is polled for: with nobody
   * waiting it would make every iteration dispatch us. Stop polling; the
   * next wait is ready at once and its read or write sees the end. */
  if ((revents & DEAD_CONDITIONS) != 0 && !any_waiting (self) && self->fd_tag != NULL)
    {
      g_source_remove_unix_fd (source, self->fd_tag);
      self->fd_tag = NULL;
      self->fd_dead = TRUE;
    }

  update_events (self);

  return G_SOURCE_CONTINUE;
}

static void
watch_finalize (GSource *source)
{
  StiSocketWatch *self = (StiSocketWatch *)source;

  for (guint i = 0; i < STI_SOCKET_WATCH_N_SLOTS; i++)
    {
      waiter_drop (&self->waiters[i]);
      waiter_unbind (&self->waiters[i]);
    }
  g_clear_object (&self->socket);
  g_main_context_unref (self->context);
}

static GSourceFuncs watch_funcs = {
  .prepare = watch_prepare,
  .check = watch_check,
  .dispatch = watch_dispatch,
  .finalize = watch_finalize,
};

/**
 * sti_socket_watch_new:
 * @context: (nullable): where the watch dispatches; %NULL for the
 *   thread-default main context
 *
 * Returns: (transfer full): a new watch, attached, with no socket yet
 */
StiSocketWatch *
sti_socket_watch_new (GMainContext *context)
{
  StiSocketWatch *self;

  self = (StiSocketWatch *)g_source_new (&watch_funcs, sizeof (StiSocketWatch));
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();
  self->deadline = -1;
  g_source_set_static_name (&self->source, "[sti] socket watch");
  g_source_attach (&self->source, self->context);

  return self;
}

StiSocketWatch *
sti_socket_watch_ref (StiSocketWatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (StiSocketWatch *)g_source_ref (&self->source);
}

void
sti_socket_watch_unref (StiSocketWatch *self)
{
  g_return_if_fail (self != NULL);

  g_source_unref (&self->source);
}

/**
 * sti_socket_watch_destroy:
 * @self: a #StiSocketWatch
 *
 * Detaches the watch: pending waits and the deadline are dropped without
 * being called (their destroy functions run). Call it before closing the
 * socket, so that a closed fd is never polled.
 */
void
sti_socket_watch_destroy (StiSocketWatch *self)
{
  g_autoptr(StiSocketWatch) hold = NULL;

  g_return_if_fail (self != NULL);

  if (g_source_is_destroyed (&self->source))
    return;

  /* A destroy function may drop the last other reference. */
  hold = sti_socket_watch_ref (self);
  g_source_destroy (&self->source);
  self->deadline_func = NULL;
  for (guint i = 0; i < STI_SOCKET_WATCH_N_SLOTS; i++)
    {
      waiter_drop (&self->waiters[i]);
      waiter_unbind (&self->waiters[i]);
    }
}

/**
 * sti_socket_watch_set_socket:
 * @self: a #StiSocketWatch
 * @socket: the socket to poll, once it exists; the watch refs it
 */
void
sti_socket_watch_set_socket (StiSocketWatch *self,
                             GSocket        *socket)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_SOCKET (socket));
  g_return_if_fail (self->socket == NULL);

  self->socket = g_object_ref (socket);
  self->events = 0;
  update_events (self);
  self->fd_tag = g_source_add_unix_fd (&self->source, g_socket_get_fd (socket), self->events);
}

/**
 * sti_socket_watch_wait:
 * @self: a #StiSocketWatch with a socket
 * @slot: which wait this is; the slot must be free
 * @condition: %G_IO_IN or %G_IO_OUT
 * @cancellable: (nullable): cancelling it calls @func on the next
 *   iteration, which is then to look at @cancellable
 * @func: called once, when the socket is ready for @condition, hung up or
 *   failed, or @cancellable was cancelled
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data after @func, or when the wait is
 *   dropped
 */
void
sti_socket_watch_wait (StiSocketWatch     *self,
                       StiSocketWatchSlot  slot,
                       GIOCondition        condition,
                       GCancellable       *cancellable,
                       StiSocketWatchFunc  func,
                       gpointer            user_data,
                       GDestroyNotify      destroy)
{
  Waiter *w;

  g_return_if_fail (self != NULL);
  g_return_if_fail (slot < STI_SOCKET_WATCH_N_SLOTS);
  g_return_if_fail (condition != 0 && func != NULL);
  g_return_if_fail (self->socket != NULL);

  w = &self->waiters[slot];
  g_return_if_fail (w->condition == 0);

  w->condition = condition;
  w->func = func;
  w->data = user_data;
  w->destroy = destroy;
  waiter_bind (self, w, cancellable);
  update_events (self);
}

/**
 * sti_socket_watch_cancel_wait:
 * @self: a #StiSocketWatch
 * @slot: the slot whose wait to drop, without calling it
 */
void
sti_socket_watch_cancel_wait (StiSocketWatch     *self,
                              StiSocketWatchSlot  slot)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (slot < STI_SOCKET_WATCH_N_SLOTS);

  waiter_drop (&self->waiters[slot]);
  update_events (self);
}

/**
 * sti_socket_watch_set_deadline:
 * @self: a #StiSocketWatch
 * @deadline_us: when to call @func, in g_get_monotonic_time()'s clock;
 *   -1 for never
 * @func: (nullable): called once the deadline passed
 * @user_data: data for @func
 *
 * The watch has one deadline; setting it replaces the one before.
 */
void
sti_socket_watch_set_deadline (StiSocketWatch     *self,
                               gint64              deadline_us,
                               StiSocketWatchFunc  func,
                               gpointer            user_data)
{
  g_return_if_fail (self != NULL);

  self->deadline = func != NULL ? deadline_us : -1;
  self->deadline_func = func;
  self->deadline_data = user_data;
  g_source_set_ready_time (&self->source, self->deadline);
}

/**
 * sti_socket_watch_get_context:
 * @self: a #StiSocketWatch
 *
 * Returns: (transfer none): the main context the watch dispatches in
 */
GMainContext *
sti_socket_watch_get_context (StiSocketWatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->context;
}
