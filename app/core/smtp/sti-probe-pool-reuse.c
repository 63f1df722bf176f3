/* sti-probe-pool-reuse.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-probe-pool-private.h"

#include "sti-endpoint-probe-private.h"

/* A survey's politeness (DESIGN.md, decision 9): each mail server is
 * asked once, however many domains share it, and one connection at a time
 * per address.
 *
 * A probe asked for is keyed by what decides its dialogue: the address and
 * port, the TLS priority, the EHLO name, SNI or not, handshake only or
 * not, and with SNI the MX name sent (a server may choose its certificate
 * by it). What depends on the name beyond that, matching the certificate
 * to it, is the domain check's, from the shared result. The timeouts are
 * not in the key: a server that timed out for one domain would for the
 * next.
 *
 * The first request for a key runs a probe of our own; requests for the
 * same key while it runs wait for it, and later ones get its result at
 * once. Each waiting caller sees the stages as its own probe's, so a
 * domain check goes on exactly as if it had connected itself. Probes of
 * one address wait for each other, even under different keys.
 *
 * The results kept are bounded (least recently used go first), so memory
 * stays bounded whatever the survey's size; a server asked again after its
 * result went is probed again. Everything runs on the one main context the
 * callers share (the survey's); a caller's cancellation takes effect when
 * the shared probe ends, at its own deadline at the latest. */

typedef struct
{
  char             *key;
  char             *address;   /* "IP:PORT": one connection at a time */
  StiEndpointProbe *probe;     /* ours, until it ends */
  GArray           *stages;    /* StiStage, as the probe went through them */
  GPtrArray        *waiters;   /* Waiter */
  StiProbeResult   *result;    /* once it ended well */
  GList            *lru_link;  /* in ProbeReuse.done, once it ended well */
} Entry;

typedef struct
{
  GTask          *task;        /* source object: the caller's probe */
  guint           shown;       /* stages shown to the caller so far */
  GArray         *stages;      /* a kept result's, answered at once */
  StiProbeResult *result;
} Waiter;

struct _ProbeReuse
{
  StiProbePool *pool;          /* borrowed: the pool owns us */
  guint         max_results;
  GHashTable   *entries;       /* key -> Entry (owned) */
  GHashTable   *busy;          /* address -> GQueue of Entry waiting to start */
  GQueue        done;          /* Entry with a result, least recently used first */
  guint         n_connections;
  guint         n_reused;
};

static void
entry_free (Entry *entry)
{
  g_assert (entry->waiters->len == 0);
  g_free (entry->key);
  g_free (entry->address);
  g_clear_object (&entry->probe);
  g_array_unref (entry->stages);
  g_ptr_array_unref (entry->waiters);
  g_clear_object (&entry->result);
  g_free (entry);
}

ProbeReuse *
probe_reuse_new (StiProbePool *pool,
                 guint         max_results)
{
  ProbeReuse *reuse = g_new0 (ProbeReuse, 1);

  reuse->pool = pool;
  reuse->max_results = MAX (max_results, 1);
  reuse->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)entry_free);
  reuse->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify)g_queue_free);
  g_queue_init (&reuse->done);
  return reuse;
}

/* Only once no probe runs: each running one holds the pool. */
void
probe_reuse_free (ProbeReuse *reuse)
{
  if (reuse == NULL)
    return;
  g_queue_clear (&reuse->done);
  g_hash_table_unref (reuse->busy);
  g_hash_table_unref (reuse->entries);
  g_free (reuse);
}

void
probe_reuse_stats (ProbeReuse *reuse,
                   guint      *n_connections,
                   guint      *n_reused)
{
  *n_connections = reuse->n_connections;
  *n_reused = reuse->n_reused;
}

static char *
address_of (StiEndpointProbe *probe)
{
  g_autofree char *ip =
    g_inet_address_to_string (g_inet_socket_address_get_address (probe->address));

  return g_strdup_printf ("%s:%u", ip, g_inet_socket_address_get_port (probe->address));
}

static char *
key_of (StiEndpointProbe *probe,
        const char       *address)
{
  return g_strdup_printf ("%s\n%s\n%s\n%d%d\n%s", address, probe->tls_priority,
                          probe->ehlo_name != NULL ? probe->ehlo_name : "",
                          probe->no_sni, probe->handshake_only,
                          probe->no_sni ? "" : probe->mx_host);
}

/* The stages the caller has not seen yet. */
static void
waiter_catch_up (Waiter *waiter,
                 GArray *stages)
{
  StiEndpointProbe *probe = g_task_get_source_object (waiter->task);

  for (; waiter->shown < stages->len; waiter->shown++)
    probe_show_stage (probe, g_array_index (stages, StiStage, waiter->shown));
}

static void
waiter_return (Waiter         *waiter,
               GArray         *stages,
               StiProbeResult *result,
               GError         *error)
{
  waiter_catch_up (waiter, stages);
  if (result != NULL)
    g_task_return_pointer (waiter->task, g_object_ref (result), g_object_unref);
  else
    g_task_return_error (waiter->task, g_error_copy (error));
  g_object_unref (waiter->task);
  g_clear_pointer (&waiter->stages, g_array_unref);
  g_clear_object (&waiter->result);
  g_free (waiter);
}

static void
entry_stage_cb (StiEndpointProbe *probe,
                StiStage          stage,
                Entry            *entry)
{
  g_array_append_val (entry->stages, stage);
  for (guint i = 0; i < entry->waiters->len; i++)
    waiter_catch_up (g_ptr_array_index (entry->waiters, i), entry->stages);
}

static void start_entry (ProbeReuse *reuse,
                         Entry      *entry);

static gboolean
all_cancelled (Entry *entry)
{
  for (guint i = 0; i < entry->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (entry->waiters, i);

      if (!g_cancellable_is_cancelled (g_task_get_cancellable (waiter->task)))
        return FALSE;
    }
  return TRUE;
}

/* A probe nobody waits for any more never connects. */
static void
drop_entry (ProbeReuse *reuse,
            Entry      *entry)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&entry->waiters);
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "Cancelled before it started");

  entry->waiters = g_ptr_array_new ();
  g_hash_table_steal (reuse->entries, entry->key);
  for (guint i = 0; i < waiters->len; i++)
    waiter_return (g_ptr_array_index (waiters, i), entry->stages, NULL, error);
  entry_free (entry);
}

/* The address is free: the next probe waiting for it starts (one a caller
 * still waits for). */
static void
release_address (ProbeReuse *reuse,
                 const char *address)
{
  GQueue *waiting = g_hash_table_lookup (reuse->busy, address);
  Entry *next;

  while (waiting != NULL && (next = g_queue_pop_head (waiting)) != NULL)
    {
      if (!all_cancelled (next))
        {
          start_entry (reuse, next);
          return;
        }
      drop_entry (reuse, next);
      waiting = g_hash_table_lookup (reuse->busy, address);
    }

  g_hash_table_remove (reuse->busy, address);
}

static void
keep_result (ProbeReuse *reuse,
             Entry      *entry)
{
  g_queue_push_tail (&reuse->done, entry);
  entry->lru_link = reuse->done.tail;

  while (reuse->done.length > reuse->max_results)
    {
      Entry *oldest = g_queue_pop_head (&reuse->done);

      g_hash_table_remove (reuse->entries, oldest->key);
    }
}

typedef struct
{
  StiProbePool *pool;   /* keeps the pool, and so us, alive */
  ProbeReuse   *reuse;
  char         *address;
} Kick;

static gboolean
kick_cb (gpointer user_data)
{
  Kick *kick = user_data;

  release_address (kick->reuse, kick->address);
  g_object_unref (kick->pool);
  g_free (kick->address);
  g_free (kick);
  return G_SOURCE_REMOVE;
}

/* Starts the next probe of @address on a later iteration, after every
 * caller answered in this one has had its say: a caller that gives up
 * (a domain check dropping its probe without SNI once it knows there is
 * no TLS) then costs the server no connection. */
static void
schedule_kick (ProbeReuse *reuse,
               const char *address)
{
  Kick *kick = g_new0 (Kick, 1);
  g_autoptr(GSource) idle = g_idle_source_new ();

  kick->pool = g_object_ref (reuse->pool);
  kick->reuse = reuse;
  kick->address = g_strdup (address);
  g_source_set_priority (idle, G_PRIORITY_LOW);
  g_source_set_callback (idle, kick_cb, kick, NULL);
  g_source_set_static_name (idle, "[sti] reused probe start");
  g_source_attach (idle, g_main_context_get_thread_default ());
}

static void
entry_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Entry *entry = user_data;
  ProbeReuse *reuse = g_object_get_data (object, "sti-probe-reuse");
  g_autoptr(StiProbePool) pool = g_object_ref (reuse->pool);
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_strdup (entry->address);

  entry->result = sti_endpoint_probe_run_finish (entry->probe, result, &error);
  g_signal_handlers_disconnect_by_func (entry->probe, entry_stage_cb, entry);
  g_clear_object (&entry->probe);

  /* A probe that could not run (cancelled, invalid) is not kept; a
   * caller answered below may ask for the same key again. */
  waiters = g_steal_pointer (&entry->waiters);
  entry->waiters = g_ptr_array_new ();
  if (entry->result != NULL)
    keep_result (reuse, entry);
  else
    g_hash_table_steal (reuse->entries, entry->key);

  for (guint i = 0; i < waiters->len; i++)
    waiter_return (g_ptr_array_index (waiters, i), entry->stages, entry->result, error);

  if (entry->result == NULL)
    entry_free (entry);

  schedule_kick (reuse, address);
}

static void
start_entry (ProbeReuse *reuse,
             Entry      *entry)
{
  reuse->n_connections++;
  g_debug ("reuse: connecting for %s", entry->key);
  g_object_set_data (G_OBJECT (entry->probe), "sti-probe-reuse", reuse);
  g_signal_connect (entry->probe, "stage-changed", G_CALLBACK (entry_stage_cb), entry);
  pool_run_fresh (reuse->pool, entry->probe, NULL, entry_done_cb, entry);
}

/* Our own probe, as the caller's would run. */
static StiEndpointProbe *
clone_probe (StiEndpointProbe *probe)
{
  StiProbeOptions options;

  sti_probe_options_init (&options);
  options.ehlo_name = probe->ehlo_name;
  options.connect_timeout_ms = probe->connect_timeout_ms;
  options.stage_timeout_ms = probe->stage_timeout_ms;
  options.total_timeout_ms = probe->total_timeout_ms;
  options.tls_priority = probe->tls_priority;
  options.no_sni = probe->no_sni;
  options.handshake_only = probe->handshake_only;
  return sti_endpoint_probe_new (probe->mx_host, probe->address, &options);
}

static gboolean
deliver_kept_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter_return (waiter, waiter->stages, waiter->result, NULL);
  return G_SOURCE_REMOVE;
}

static Entry *
add_entry (ProbeReuse       *reuse,
           StiEndpointProbe *probe,
           char             *address,
           char             *key)
{
  Entry *entry = g_new0 (Entry, 1);
  GQueue *waiting = g_hash_table_lookup (reuse->busy, address);

  entry->key = key;
  entry->address = address;
  entry->probe = clone_probe (probe);
  entry->stages = g_array_new (FALSE, FALSE, sizeof (StiStage));
  entry->waiters = g_ptr_array_new ();
  g_hash_table_insert (reuse->entries, entry->key, entry);

  if (waiting == NULL)
    {
      waiting = g_queue_new ();
      g_hash_table_insert (reuse->busy, g_strdup (address), waiting);
      schedule_kick (reuse, address);
    }
  g_queue_push_tail (waiting, entry);

  return entry;
}

/* sti_probe_pool_run_async() of a pool that reuses results. */
void
probe_reuse_run (ProbeReuse          *reuse,
                 StiEndpointProbe    *probe,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autofree char *address = address_of (probe);
  g_autofree char *key = key_of (probe, address);
  Entry *entry = g_hash_table_lookup (reuse->entries, key);
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->task = g_task_new (probe, cancellable, callback, user_data);
  g_task_set_source_tag (waiter->task, sti_endpoint_probe_run_async);
  g_task_set_name (waiter->task, "[sti] reused endpoint probe");

  if (entry != NULL && entry->result != NULL)
    {
      /* Asked again: most recently used now, and answered at once. */
      reuse->n_reused++;
      g_queue_unlink (&reuse->done, entry->lru_link);
      g_queue_push_tail_link (&reuse->done, entry->lru_link);
      {
        g_autoptr(GSource) idle = g_idle_source_new ();

        waiter->stages = g_array_ref (entry->stages);
        waiter->result = g_object_ref (entry->result);
        g_source_set_callback (idle, deliver_kept_cb, waiter, NULL);
        g_source_set_static_name (idle, "[sti] reused probe result");
        g_source_attach (idle, g_task_get_context (waiter->task));
      }
      return;
    }

  if (entry == NULL)
    entry = add_entry (reuse, probe, g_steal_pointer (&address), g_steal_pointer (&key));
  else
    reuse->n_reused++;
  g_ptr_array_add (entry->waiters, waiter);
}
