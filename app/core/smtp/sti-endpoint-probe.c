/* sti-endpoint-probe.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe.h"
#include "sti-endpoint-probe-private.h"

#include "sti-base-enums.h"
#include "sti-check-defaults.h"
#include "sti-finding.h"

#include <string.h>
#include <glib/gi18n.h>

/* One SMTP dialogue with one address (DESIGN.md, data flow):
 *
 *   connect ─► greeting ─► EHLO (HELO on 5xx) ─► STARTTLS ─► TLS handshake
 *           ─► EHLO over TLS ─► QUIT
 *
 * Everything runs on the main loop of the thread that called run_async:
 * a non-blocking GSocket, StiTlsSession for TLS, and one StiSocketWatch for
 * the probe's life that polls the socket, carries both deadlines (connect
 * or per-stage, and the total one) as its ready time and wakes on
 * cancellation: a new source per wait would cost time in proportion to
 * every other probe on the same main context. Every network
 * outcome ends in a StiProbeResult with findings; only cancellation and
 * invalid options end in a GError. The completion path closes the socket,
 * the TLS session and every source, whatever happened.
 *
 * Per probe: one 4 KiB read buffer plus the reader's bounded buffer.
 *
 * This file is the object, its timers and its one completion path; the
 * other parts are named in sti-endpoint-probe-private.h.
 */

G_DEFINE_FINAL_TYPE (StiEndpointProbe, sti_endpoint_probe, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MX_HOST,
  PROP_ADDRESS,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STAGE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * sti_probe_options_init:
 * @options: options to fill with the defaults
 */
void
sti_probe_options_init (StiProbeOptions *options)
{
  g_return_if_fail (options != NULL);

  options->ehlo_name = NULL;
  options->connect_timeout_ms = STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS;
  options->stage_timeout_ms = STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS;
  options->total_timeout_ms = STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS;
  options->tls_priority = NULL;
  options->no_sni = FALSE;
  options->handshake_only = FALSE;
}

static gint64
elapsed_us (StiEndpointProbe *self)
{
  return g_get_monotonic_time () - self->start_us;
}

void
probe_transcript_add (StiEndpointProbe  *self,
                      StiTranscriptKind  kind,
                      GBytes            *raw)
{
  g_ptr_array_add (self->result->transcript,
                   sti_transcript_line_new (elapsed_us (self), kind, raw));
}

void
probe_transcript_event (StiEndpointProbe *self,
                        const char       *format,
                        ...)
{
  g_autoptr(GBytes) raw = NULL;
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  raw = g_bytes_new_take (text, strlen (text));
  probe_transcript_add (self, STI_TRANSCRIPT_EVENT, raw);
}

static void
deadline_cb (gpointer user_data)
{
  StiEndpointProbe *self = user_data;

  if (g_get_monotonic_time () >= self->total_deadline_us)
    {
      self->timeout_kind = "total";
      self->timeout_ms = self->total_timeout_ms;
    }
  else
    {
      self->timeout_kind = self->stage == STI_STAGE_CONNECTING ? "connect" : "stage";
      self->timeout_ms = self->stage == STI_STAGE_CONNECTING ? self->connect_timeout_ms
                                                             : self->stage_timeout_ms;
    }

  /* The watch sees its cancellable and dispatches the pending wait. */
  g_cancellable_cancel (self->cancellable);
}

/* Both timers are one ready time on the probe's watch: no source per
 * stage. */
static void
update_deadline (StiEndpointProbe *self)
{
  sti_socket_watch_set_deadline (self->watch,
                                 MIN (self->stage_deadline_us, self->total_deadline_us),
                                 deadline_cb, self);
}

/* Everything is known once QUIT is sent, and its reply changes nothing:
 * a server that never answers it costs this much, not a stage timeout. */
#define QUIT_TIMEOUT_MS 2000

void
probe_restart_stage_timer (StiEndpointProbe *self)
{
  guint ms = self->stage == STI_STAGE_CONNECTING ? self->connect_timeout_ms
                                                 : self->stage_timeout_ms;

  if (self->quitting)
    ms = MIN (ms, QUIT_TIMEOUT_MS);

  self->stage_start_us = g_get_monotonic_time ();
  self->stage_deadline_us = self->stage_start_us + (gint64)ms * G_TIME_SPAN_MILLISECOND;
  update_deadline (self);
}

void
probe_set_stage (StiEndpointProbe *self,
                 StiStage          stage)
{
  self->stage = stage;
  if (stage != STI_STAGE_DONE)
    {
      self->result->stage = stage;
      probe_restart_stage_timer (self);
    }

  if (self->stage_hook != NULL)
    self->stage_hook (self, stage, self->stage_hook_data);
  else
    probe_show_stage (self, stage);
}

/* On the caller's thread: what the property and the signal say. */
void
probe_show_stage (StiEndpointProbe *self,
                  StiStage          stage)
{
  self->shown_stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_signal_emit (self, signals[STAGE_CHANGED], 0, stage);
}

gint64
probe_stage_elapsed_us (StiEndpointProbe *self)
{
  return g_get_monotonic_time () - self->stage_start_us;
}

/* On the thread that cancels, which need not be the probe's. */
static void
user_cancelled_cb (GCancellable     *cancellable,
                   StiEndpointProbe *self)
{
  g_atomic_int_set (&self->user_cancelled, TRUE);
  g_cancellable_cancel (self->cancellable);
}

/* The one completion path: release everything, then return. */
void
probe_finish (StiEndpointProbe *self,
              GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(StiProbeResult) result = g_steal_pointer (&self->result);

  g_assert (task != NULL);

  /* Before the socket closes: a closed fd is never polled. */
  sti_socket_watch_destroy (self->watch);
  g_clear_pointer (&self->watch, sti_socket_watch_unref);
  self->io_step = NULL;

  if (self->tls != NULL)
    {
      sti_tls_session_close (self->tls);
      g_clear_object (&self->tls);
    }
  if (self->socket != NULL)
    {
      g_socket_close (self->socket, NULL);
      g_clear_object (&self->socket);
    }
  g_clear_pointer (&self->reader, sti_smtp_reader_free);
  g_clear_pointer (&self->read_buf, g_free);
  g_clear_pointer (&self->out, g_bytes_unref);
  g_clear_pointer (&self->ehlo_sent, g_free);

  if (self->user_cancel_id != 0)
    g_cancellable_disconnect (self->user_cancellable, self->user_cancel_id);
  self->user_cancel_id = 0;
  g_clear_object (&self->user_cancellable);
  g_clear_object (&self->cancellable);

  result->timings.total_us = elapsed_us (self);
  sti_findings_sort (result->findings);

  probe_set_stage (self, STI_STAGE_DONE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

void
probe_finish_result (StiEndpointProbe *self)
{
  probe_finish (self, NULL);
}

gboolean
probe_check_cancelled (StiEndpointProbe *self)
{
  if (!g_cancellable_is_cancelled (self->cancellable))
    return FALSE;

  probe_on_cancelled (self);
  return TRUE;
}

static void
sti_endpoint_probe_dispose (GObject *object)
{
  StiEndpointProbe *self = (StiEndpointProbe *)object;

  /* A running probe is kept alive by its task; nothing runs here. */
  g_assert (self->task == NULL);

  G_OBJECT_CLASS (sti_endpoint_probe_parent_class)->dispose (object);
}

static void
sti_endpoint_probe_finalize (GObject *object)
{
  StiEndpointProbe *self = (StiEndpointProbe *)object;

  g_clear_pointer (&self->mx_host, g_free);
  g_clear_object (&self->address);
  g_clear_pointer (&self->ehlo_name, g_free);
  g_clear_pointer (&self->tls_priority, g_free);

  G_OBJECT_CLASS (sti_endpoint_probe_parent_class)->finalize (object);
}

static void
sti_endpoint_probe_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StiEndpointProbe *self = STI_ENDPOINT_PROBE (object);

  switch (prop_id)
    {
    case PROP_MX_HOST:
      g_value_set_string (value, sti_endpoint_probe_get_mx_host (self));
      break;

    case PROP_ADDRESS:
      g_value_set_object (value, sti_endpoint_probe_get_address (self));
      break;

    case PROP_STAGE:
      g_value_set_enum (value, sti_endpoint_probe_get_stage (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_endpoint_probe_class_init (StiEndpointProbeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_endpoint_probe_dispose;
  object_class->finalize = sti_endpoint_probe_finalize;
  object_class->get_property = sti_endpoint_probe_get_property;

  properties[PROP_MX_HOST] =
    g_param_spec_string ("mx-host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL, G_TYPE_INET_SOCKET_ADDRESS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, STI_TYPE_STAGE, STI_STAGE_PENDING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * StiEndpointProbe::stage-changed:
   * @self: the probe
   * @stage: the #StiStage just entered
   *
   * Emitted on the caller's main context (also when a #StiProbePool runs
   * the dialogue on a worker thread) each time the dialogue moves on:
   * CONNECTING, GREETING, EHLO, STARTTLS, HANDSHAKE, and DONE when the
   * probe finished in any way (success, finding, timeout or cancellation).
   */
  signals[STAGE_CHANGED] =
    g_signal_new ("stage-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STI_TYPE_STAGE);
}

static void
sti_endpoint_probe_init (StiEndpointProbe *self)
{
  self->stage = STI_STAGE_PENDING;
  self->shown_stage = STI_STAGE_PENDING;
}

/**
 * sti_endpoint_probe_new:
 * @mx_host: the MX host name (SNI and reports)
 * @address: the one address to connect to, port included (usually 25)
 * @options: (nullable): options, %NULL for the defaults
 *
 * Returns: (transfer full): a new probe, to be run once
 */
StiEndpointProbe *
sti_endpoint_probe_new (const char            *mx_host,
                        GInetSocketAddress    *address,
                        const StiProbeOptions *options)
{
  StiEndpointProbe *self;
  StiProbeOptions defaults;

  g_return_val_if_fail (mx_host != NULL, NULL);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);

  if (options == NULL)
    {
      sti_probe_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (STI_TYPE_ENDPOINT_PROBE, NULL);
  self->mx_host = g_strdup (mx_host);
  self->address = g_object_ref (address);
  self->ehlo_name = g_strdup (options->ehlo_name);
  self->tls_priority = g_strdup (options->tls_priority != NULL ? options->tls_priority
                                                               : STI_PROBE_DEFAULT_TLS_PRIORITY);
  self->connect_timeout_ms = MAX (options->connect_timeout_ms, 1);
  self->stage_timeout_ms = MAX (options->stage_timeout_ms, 1);
  self->total_timeout_ms = MAX (options->total_timeout_ms, 1);
  self->no_sni = options->no_sni;
  self->handshake_only = options->handshake_only;

  return self;
}

const char *
sti_endpoint_probe_get_mx_host (StiEndpointProbe *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_PROBE (self), NULL);

  return self->mx_host;
}

/**
 * sti_endpoint_probe_get_address:
 * @self: a #StiEndpointProbe
 *
 * Returns: (transfer none): the address this probe talks to
 */
GInetSocketAddress *
sti_endpoint_probe_get_address (StiEndpointProbe *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_PROBE (self), NULL);

  return self->address;
}

StiStage
sti_endpoint_probe_get_stage (StiEndpointProbe *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_PROBE (self), STI_STAGE_PENDING);

  return self->shown_stage;
}

static gboolean
ehlo_name_is_valid (const char *name)
{
  if (*name == '\0' || strlen (name) > 255)
    return FALSE;

  /* Printable ASCII without spaces: nothing that could end the command. */
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p > '~')
        return FALSE;
    }

  return TRUE;
}

/**
 * sti_endpoint_probe_run_async:
 * @self: a #StiEndpointProbe that has not run yet
 * @cancellable: (nullable): a #GCancellable; cancelling completes the
 *   probe within one main loop iteration with %G_IO_ERROR_CANCELLED, with
 *   the socket, the TLS session and every source released
 * @callback: called when the dialogue ended
 * @user_data: data for @callback
 *
 * Runs the dialogue on the thread-default main context. Every network
 * outcome, good or bad, is a #StiProbeResult; the error of
 * sti_endpoint_probe_run_finish() is only for cancellation and for
 * invalid options (%G_IO_ERROR_INVALID_ARGUMENT).
 */
void
sti_endpoint_probe_run_async (StiEndpointProbe    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = NULL;

  g_return_if_fail (STI_IS_ENDPOINT_PROBE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_endpoint_probe_run_async);
  g_task_set_name (task, "[sti] endpoint probe");

  if (self->ran)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               "A StiEndpointProbe runs only once");
      return;
    }
  self->ran = TRUE;

  if (!sti_tls_session_check_priority (self->tls_priority, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->ehlo_name != NULL && !ehlo_name_is_valid (self->ehlo_name))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %s is the EHLO name from the preferences */
                               _("Invalid EHLO name “%s”"), self->ehlo_name);
      return;
    }

  self->task = g_object_ref (task);
  self->cancellable = g_cancellable_new ();
  self->reader = sti_smtp_reader_new ();
  self->read_buf = g_malloc (READ_CHUNK);
  self->start_us = g_get_monotonic_time ();
  self->stage_start_us = self->start_us;

  ip = g_inet_address_to_string (g_inet_socket_address_get_address (self->address));
  self->result = sti_probe_result_new (self->mx_host, ip,
                                       g_inet_socket_address_get_port (self->address));

  self->watch = sti_socket_watch_new (g_task_get_context (task));
  self->total_deadline_us =
    self->start_us + (gint64)self->total_timeout_ms * G_TIME_SPAN_MILLISECOND;
  self->stage_deadline_us = self->total_deadline_us;
  update_deadline (self);

  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      /* Runs at once if already cancelled; start_connect then sees it. */
      self->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                    self, NULL);
    }

  probe_start_connect (self);
}

/**
 * sti_endpoint_probe_run_finish:
 * @self: a #StiEndpointProbe
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full): the result, or %NULL if cancelled or the
 *   options were invalid
 */
StiProbeResult *
sti_endpoint_probe_run_finish (StiEndpointProbe  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_PROBE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
