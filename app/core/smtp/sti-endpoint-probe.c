/* sti-endpoint-probe.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sti-base-enums.h"
#include "sti-check-defaults.h"
#include "sti-finding.h"
#include "sti-probe-result-private.h"
#include "sti-smtp-reply.h"
#include "sti-text.h"
#include "sti-tls-session.h"

/* One SMTP dialogue with one address (DESIGN.md, data flow):
 *
 *   connect ─► greeting ─► EHLO (HELO on 5xx) ─► STARTTLS ─► TLS handshake
 *           ─► EHLO over TLS ─► QUIT
 *
 * Everything runs on the main loop of the thread that called run_async:
 * a non-blocking GSocket, socket GSources, StiTlsSession for TLS, and three
 * timers (connect or per-stage, and the total deadline). Every network
 * outcome ends in a StiProbeResult with findings; only cancellation and
 * invalid options end in a GError. The completion path closes the socket,
 * the TLS session and every source, whatever happened.
 *
 * Per probe: one 4 KiB read buffer plus the reader's bounded buffer.
 */

#define READ_CHUNK 4096

/* The SMTP-level findings (host-unreachable, smtp-timeout,
 * smtp-temporary-failure, smtp-protocol-error, starttls-not-offered,
 * starttls-refused, plaintext-injection, tls-handshake-failed), their
 * severities and the reasons for them are in the finding registry
 * (resources/findings/smtp.findings.xml). */

typedef void (*ReplyFunc) (StiEndpointProbe *self,
                           StiSmtpReply     *reply);
typedef void (*StepFunc)  (StiEndpointProbe *self);

struct _StiEndpointProbe
{
  GObject parent_instance;

  /* Owned references */
  char               *mx_host;
  GInetSocketAddress *address;
  char               *ehlo_name;    /* NULL: the local address literal */
  char               *tls_priority;
  guint               connect_timeout_ms;
  guint               stage_timeout_ms;
  guint               total_timeout_ms;
  StiStage            stage;

  /* Only while running */
  GTask              *task;
  GCancellable       *cancellable;  /* ours: user cancel and timers trip it */
  GCancellable       *user_cancellable;
  gulong              user_cancel_id;
  GSocket            *socket;
  GSource            *io_source;
  GSource            *stage_timer;
  GSource            *total_timer;
  StiTlsSession      *tls;
  StiSmtpReader      *reader;
  StiProbeResult     *result;
  guint8             *read_buf;
  GBytes             *out;
  gsize               out_offset;
  ReplyFunc           on_reply;
  StepFunc            io_step;
  char               *ehlo_sent;
  gint64              start_us;
  gint64              stage_start_us;
  const char         *timeout_kind; /* set when one of our timers fired */
  guint               timeout_ms;
  guint               ran : 1;
  guint               user_cancelled : 1;
  guint               post_tls : 1;
  guint               quitting : 1;
};

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

static void sti_endpoint_probe_read_step (StiEndpointProbe *self);
static void sti_endpoint_probe_quit      (StiEndpointProbe *self);

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
}

static gint64
elapsed_us (StiEndpointProbe *self)
{
  return g_get_monotonic_time () - self->start_us;
}

static void
transcript_add (StiEndpointProbe  *self,
                StiTranscriptKind  kind,
                GBytes            *raw)
{
  g_ptr_array_add (self->result->transcript,
                   sti_transcript_line_new (elapsed_us (self), kind, raw));
}

static void
transcript_event (StiEndpointProbe *self,
                  const char       *format,
                  ...) G_GNUC_PRINTF (2, 3);

static void
transcript_event (StiEndpointProbe *self,
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
  transcript_add (self, STI_TRANSCRIPT_EVENT, raw);
}

/* The params every SMTP finding carries, plus what the caller adds. */
static GVariantBuilder *
params_new (StiEndpointProbe *self)
{
  GVariantBuilder *builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

  g_variant_builder_add (builder, "{sv}", "stage",
                         g_variant_new_string (sti_stage_to_string (self->stage)));
  g_variant_builder_add (builder, "{sv}", "after_tls", g_variant_new_boolean (self->post_tls));
  g_variant_builder_add (builder, "{sv}", "address",
                         g_variant_new_string (self->result->address));
  return builder;
}

static void
add_finding (StiEndpointProbe *self,
             const char       *id,
             GVariantBuilder  *params,
             const char       *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_finding (StiEndpointProbe *self,
             const char       *id,
             GVariantBuilder  *params,
             const char       *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->result->findings,
                   sti_finding_new (id, g_variant_builder_end (params), detail));
  g_variant_builder_unref (params);
  transcript_event (self, "%s: %s", id, detail);
}

static void
add_reply_params (GVariantBuilder *params,
                  StiSmtpReply    *reply)
{
  g_autofree char *text = sti_smtp_reply_dup_text (reply);

  g_variant_builder_add (params, "{sv}", "code",
                         g_variant_new_int64 (sti_smtp_reply_get_code (reply)));
  g_variant_builder_add (params, "{sv}", "reply", g_variant_new_string (text));
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static gboolean
timer_fired_cb (gpointer user_data)
{
  StiEndpointProbe *self = user_data;
  GSource *current = g_main_current_source ();

  if (current == self->total_timer)
    {
      self->timeout_kind = "total";
      self->timeout_ms = self->total_timeout_ms;
      g_clear_pointer (&self->total_timer, g_source_unref);
    }
  else
    {
      self->timeout_kind = self->stage == STI_STAGE_CONNECTING ? "connect" : "stage";
      self->timeout_ms = self->stage == STI_STAGE_CONNECTING ? self->connect_timeout_ms
                                                             : self->stage_timeout_ms;
      g_clear_pointer (&self->stage_timer, g_source_unref);
    }

  g_cancellable_cancel (self->cancellable);

  return G_SOURCE_REMOVE;
}

static GSource *
timer_new (StiEndpointProbe *self,
           guint             ms)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, timer_fired_cb, self, NULL);
  g_source_set_static_name (source, "[sti] probe timer");
  g_source_attach (source, g_task_get_context (self->task));
  return source;
}

static void
restart_stage_timer (StiEndpointProbe *self)
{
  clear_source (&self->stage_timer);
  self->stage_timer = timer_new (self, self->stage == STI_STAGE_CONNECTING
                                       ? self->connect_timeout_ms
                                       : self->stage_timeout_ms);
  self->stage_start_us = g_get_monotonic_time ();
}

static void
set_stage (StiEndpointProbe *self,
           StiStage          stage)
{
  self->stage = stage;
  if (stage != STI_STAGE_DONE)
    {
      self->result->stage = stage;
      restart_stage_timer (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
  g_signal_emit (self, signals[STAGE_CHANGED], 0, stage);
}

static gint64
stage_elapsed_us (StiEndpointProbe *self)
{
  return g_get_monotonic_time () - self->stage_start_us;
}

static void
user_cancelled_cb (GCancellable     *cancellable,
                   StiEndpointProbe *self)
{
  self->user_cancelled = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* The one completion path: release everything, then return. */
static void
sti_endpoint_probe_finish (StiEndpointProbe *self,
                           GError           *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(StiProbeResult) result = g_steal_pointer (&self->result);

  g_assert (task != NULL);

  clear_source (&self->io_source);
  clear_source (&self->stage_timer);
  clear_source (&self->total_timer);

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

  set_stage (self, STI_STAGE_DONE);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

static void
finish_result (StiEndpointProbe *self)
{
  sti_endpoint_probe_finish (self, NULL);
}

/* Our cancellable tripped: the user, or one of our timers. */
static void
on_cancelled (StiEndpointProbe *self)
{
  if (self->user_cancelled)
    {
      sti_endpoint_probe_finish (self,
                                 g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("The check was cancelled")));
      return;
    }

  if (self->quitting)
    {
      transcript_event (self, _("No reply to QUIT in time; closing"));
      finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = params_new (self);

    g_variant_builder_add (params, "{sv}", "timeout", g_variant_new_string (self->timeout_kind));
    g_variant_builder_add (params, "{sv}", "timeout_ms", g_variant_new_int64 (self->timeout_ms));

    if (g_strcmp0 (self->timeout_kind, "total") == 0)
      add_finding (self, "smtp-timeout", params,
                   _("The dialogue did not finish within its %u ms deadline "
                     "(stopped in the %s stage)"),
                   self->timeout_ms, sti_stage_to_string (self->stage));
    else if (g_strcmp0 (self->timeout_kind, "connect") == 0)
      add_finding (self, "smtp-timeout", params,
                   _("The TCP connection was not established within %u ms"),
                   self->timeout_ms);
    else
      add_finding (self, "smtp-timeout", params,
                   _("No complete answer within %u ms in the %s stage%s"),
                   self->timeout_ms, sti_stage_to_string (self->stage),
                   self->post_tls ? _(" (over TLS)") : "");
  }

  finish_result (self);
}

static gboolean
check_cancelled (StiEndpointProbe *self)
{
  if (!g_cancellable_is_cancelled (self->cancellable))
    return FALSE;

  on_cancelled (self);
  return TRUE;
}

static gboolean
socket_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  StiEndpointProbe *self = user_data;
  StepFunc step = self->io_step;

  /* Returning G_SOURCE_REMOVE destroys it; only drop our reference. */
  g_clear_pointer (&self->io_source, g_source_unref);
  self->io_step = NULL;
  step (self);

  return G_SOURCE_REMOVE;
}

static void
wait_socket (StiEndpointProbe *self,
             GIOCondition      condition,
             StepFunc          step)
{
  g_assert (self->io_source == NULL);

  self->io_step = step;
  self->io_source = g_socket_create_source (self->socket, condition, self->cancellable);
  g_source_set_callback (self->io_source, G_SOURCE_FUNC (socket_ready_cb), self, NULL);
  g_source_set_static_name (self->io_source, "[sti] probe socket");
  g_source_attach (self->io_source, g_task_get_context (self->task));
}

/* The connection failed under us (reset, write error) after connecting. */
static void
connection_error (StiEndpointProbe *self,
                  const GError     *error)
{
  if (self->quitting)
    {
      transcript_event (self, _("Connection closed after QUIT: %s"), error->message);
      finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = params_new (self);

    g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("connection-lost"));
    add_finding (self, "smtp-protocol-error", params,
                 _("The connection failed in the %s stage: %s"),
                 sti_stage_to_string (self->stage), error->message);
  }
  finish_result (self);
}

static void
server_closed (StiEndpointProbe *self)
{
  gsize pending = sti_smtp_reader_get_buffered (self->reader);

  if (self->quitting)
    {
      transcript_event (self, _("The server closed the connection"));
      finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = params_new (self);

    g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("closed"));
    g_variant_builder_add (params, "{sv}", "bytes", g_variant_new_int64 (pending));
    if (pending > 0)
      add_finding (self, "smtp-protocol-error", params,
                   _("The server closed the connection in the %s stage, "
                     "in the middle of a reply"),
                   sti_stage_to_string (self->stage));
    else
      add_finding (self, "smtp-protocol-error", params,
                   _("The server closed the connection in the %s stage without a reply"),
                   sti_stage_to_string (self->stage));
  }
  finish_result (self);
}

static void
protocol_error (StiEndpointProbe *self,
                const GError     *error)
{
  GVariantBuilder *params;
  const char *reason;

  if (self->quitting)
    {
      transcript_event (self, "%s", error->message);
      finish_result (self);
      return;
    }

  switch ((StiSmtpError) error->code)
    {
    case STI_SMTP_ERROR_LINE_TOO_LONG:
      reason = "line-too-long";
      break;
    case STI_SMTP_ERROR_REPLY_TOO_LONG:
      reason = "reply-too-long";
      break;
    case STI_SMTP_ERROR_CODE_MISMATCH:
      reason = "code-mismatch";
      break;
    case STI_SMTP_ERROR_MALFORMED:
    default:
      reason = "malformed";
      break;
    }

  params = params_new (self);
  g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (reason));
  add_finding (self, "smtp-protocol-error", params, "%s", error->message);
  finish_result (self);
}

static void
plain_read_ready (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  gssize n;

  if (check_cancelled (self))
    return;

  n = g_socket_receive_with_blocking (self->socket, (char *)self->read_buf, READ_CHUNK,
                                      FALSE, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      wait_socket (self, G_IO_IN, plain_read_ready);
      return;
    }
  if (n < 0)
    {
      connection_error (self, error);
      return;
    }
  if (n == 0)
    {
      server_closed (self);
      return;
    }

  sti_smtp_reader_feed (self->reader, self->read_buf, n);
  sti_endpoint_probe_read_step (self);
}

static void
tls_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(StiEndpointProbe) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = sti_tls_session_read_finish (STI_TLS_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        on_cancelled (self);
      else
        connection_error (self, error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      server_closed (self);
      return;
    }

  sti_smtp_reader_feed (self->reader, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  sti_endpoint_probe_read_step (self);
}

static void
sti_endpoint_probe_read_step (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiSmtpReply) reply = NULL;
  ReplyFunc on_reply;

  if (check_cancelled (self))
    return;

  reply = sti_smtp_reader_next (self->reader, &error);
  if (error != NULL)
    {
      protocol_error (self, error);
      return;
    }

  if (reply == NULL)
    {
      if (self->post_tls)
        sti_tls_session_read_async (self->tls, READ_CHUNK, self->cancellable,
                                    tls_read_cb, g_object_ref (self));
      else
        wait_socket (self, G_IO_IN, plain_read_ready);
      return;
    }

  for (guint i = 0; i < sti_smtp_reply_get_n_lines (reply); i++)
    transcript_add (self, STI_TRANSCRIPT_SERVER, sti_smtp_reply_get_line (reply, i));

  on_reply = self->on_reply;
  self->on_reply = NULL;
  on_reply (self, reply);
}

static void
plain_write_step (StiEndpointProbe *self)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (self->out, &len);

  if (check_cancelled (self))
    return;

  while (self->out_offset < len)
    {
      g_autoptr(GError) error = NULL;
      gssize n;

      n = g_socket_send_with_blocking (self->socket, (const char *)data + self->out_offset,
                                       len - self->out_offset, FALSE, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          wait_socket (self, G_IO_OUT, plain_write_step);
          return;
        }
      if (n < 0)
        {
          connection_error (self, error);
          return;
        }
      self->out_offset += n;
    }

  g_clear_pointer (&self->out, g_bytes_unref);
  sti_endpoint_probe_read_step (self);
}

static void
tls_write_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StiEndpointProbe) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sti_tls_session_write_finish (STI_TLS_SESSION (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        on_cancelled (self);
      else
        connection_error (self, error);
      return;
    }

  sti_endpoint_probe_read_step (self);
}

/* Sends one command line, then reads one reply into @on_reply. Never
 * pipelined: each command waits for the previous reply. */
static void
send_command (StiEndpointProbe *self,
              const char       *line,
              ReplyFunc         on_reply)
{
  g_autoptr(GBytes) logged = g_bytes_new (line, strlen (line));
  g_autofree char *wire = g_strconcat (line, "\r\n", NULL);
  gsize wire_len = strlen (wire);

  transcript_add (self, STI_TRANSCRIPT_CLIENT, logged);
  self->on_reply = on_reply;

  if (self->post_tls)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&wire), wire_len);

      sti_tls_session_write_async (self->tls, bytes, self->cancellable,
                                   tls_write_cb, g_object_ref (self));
      return;
    }

  g_clear_pointer (&self->out, g_bytes_unref);
  self->out = g_bytes_new_take (g_steal_pointer (&wire), wire_len);
  self->out_offset = 0;
  plain_write_step (self);
}

static void
quit_reply_cb (StiEndpointProbe *self,
               StiSmtpReply     *reply)
{
  finish_result (self);
}

static void
sti_endpoint_probe_quit (StiEndpointProbe *self)
{
  self->quitting = TRUE;
  restart_stage_timer (self);
  send_command (self, "QUIT", quit_reply_cb);
}

/* A negative reply where a positive one was needed: 4xx is a temporary
 * refusal, anything else a protocol-level refusal. */
static void
reply_refused (StiEndpointProbe *self,
               StiSmtpReply     *reply,
               const char       *command)
{
  /* @command is NULL for the greeting. */
  guint code = sti_smtp_reply_get_code (reply);
  g_autofree char *text = sti_smtp_reply_dup_text (reply);
  GVariantBuilder *params = params_new (self);

  add_reply_params (params, reply);
  if (command != NULL)
    g_variant_builder_add (params, "{sv}", "command", g_variant_new_string (command));

  if (code >= 400 && code < 500)
    {
      if (command == NULL)
        add_finding (self, "smtp-temporary-failure", params,
                     _("The server greeted with the temporary failure %03u: %s"), code, text);
      else
        add_finding (self, "smtp-temporary-failure", params,
                     _("The server answered %s with the temporary failure %03u: %s"),
                     command, code, text);
    }
  else if (code >= 500 && code < 600)
    {
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("refused"));
      if (command == NULL)
        add_finding (self, "smtp-protocol-error", params,
                     _("The server refused the session in its greeting with %03u: %s"),
                     code, text);
      else
        add_finding (self, "smtp-protocol-error", params,
                     _("The server answered %s with the permanent refusal %03u: %s"),
                     command, code, text);
    }
  else
    {
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("unexpected-reply"));
      if (command == NULL)
        add_finding (self, "smtp-protocol-error", params,
                     _("The server greeted with the unexpected reply %03u: %s"), code, text);
      else
        add_finding (self, "smtp-protocol-error", params,
                     _("The server answered %s with the unexpected reply %03u: %s"),
                     command, code, text);
    }

  /* 421: the server is closing the channel; anything else gets a QUIT. */
  if (code == 421)
    finish_result (self);
  else
    sti_endpoint_probe_quit (self);
}

static void
record_tls_facts (StiEndpointProbe *self)
{
  g_autoptr(StiTlsSessionInfo) info = sti_tls_session_dup_info (self->tls);
  StiProbeResult *result = self->result;

  result->tls_established = TRUE;
  result->tls_version = g_strdup (info->tls_version);
  result->cipher_suite = g_strdup (info->cipher_suite);
  result->kx_group = g_strdup (info->kx_group);
  result->signature_algorithm = g_strdup (info->signature_algorithm);
  for (guint i = 0; i < info->peer_chain->len; i++)
    g_ptr_array_add (result->peer_chain, g_bytes_ref (g_ptr_array_index (info->peer_chain, i)));
  if (info->ocsp_response != NULL)
    result->ocsp_response = g_bytes_ref (info->ocsp_response);

  transcript_event (self, _("TLS established: %s, %s, group %s, %u certificate(s)%s"),
                    result->tls_version ? result->tls_version : "?",
                    result->cipher_suite ? result->cipher_suite : "?",
                    result->kx_group ? result->kx_group : "none",
                    info->peer_chain->len,
                    result->ocsp_response != NULL ? _(", OCSP stapled") : "");
}

static void ehlo_reply_cb (StiEndpointProbe *self,
                           StiSmtpReply     *reply);

static void
send_ehlo (StiEndpointProbe *self,
           const char       *verb)
{
  g_autofree char *line = g_strdup_printf ("%s %s", verb, self->ehlo_sent);

  send_command (self, line, ehlo_reply_cb);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StiEndpointProbe) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sti_tls_session_handshake_finish (STI_TLS_SESSION (object), result, &error))
    {
      GVariantBuilder *params;
      int alert;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          on_cancelled (self);
          return;
        }

      alert = sti_tls_session_get_alert (self->tls);
      self->result->alert = alert;
      self->result->timings.handshake_us = stage_elapsed_us (self);
      g_free (self->result->error_detail);
      self->result->error_detail = g_strdup (error->message);

      params = params_new (self);
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));
      if (alert >= 0)
        {
          const char *alert_name = sti_tls_session_get_alert_name (self->tls);

          g_variant_builder_add (params, "{sv}", "alert", g_variant_new_int64 (alert));
          if (alert_name != NULL)
            g_variant_builder_add (params, "{sv}", "alert_name",
                                   g_variant_new_string (alert_name));
        }
      add_finding (self, "tls-handshake-failed", params, "%s", error->message);
      finish_result (self);
      return;
    }

  self->result->timings.handshake_us = stage_elapsed_us (self);
  record_tls_facts (self);

  /* RFC 3207 4.2: forget what was learned before TLS and ask again. */
  self->post_tls = TRUE;
  restart_stage_timer (self);
  send_ehlo (self, "EHLO");
}

static void
start_handshake (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;

  set_stage (self, STI_STAGE_HANDSHAKE);

  self->tls = sti_tls_session_new_client (self->socket, self->mx_host, self->tls_priority, &error);
  if (self->tls == NULL)
    {
      GVariantBuilder *params = params_new (self);

      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));
      add_finding (self, "tls-handshake-failed", params, "%s", error->message);
      finish_result (self);
      return;
    }

  sti_tls_session_handshake_async (self->tls, self->cancellable, handshake_cb,
                                   g_object_ref (self));
}

/* Bytes the server sent after its 220 and before our ClientHello: in the
 * reader's buffer, or already waiting in the kernel. Read them (bounded)
 * so that they are never fed to TLS. */
static void
check_injection (StiEndpointProbe *self)
{
  g_autoptr(GByteArray) injected = g_byte_array_new ();
  gsize reader_bytes = sti_smtp_reader_get_buffered (self->reader);
  const guint8 *peek;
  gsize peek_len = 0;

  peek = sti_smtp_reader_peek_buffered (self->reader, &peek_len);
  g_byte_array_append (injected, peek, peek_len);
  sti_smtp_reader_clear_buffered (self->reader);

  if (g_socket_get_available_bytes (self->socket) > 0)
    {
      gssize n = g_socket_receive_with_blocking (self->socket, (char *)self->read_buf, READ_CHUNK,
                                                 FALSE, NULL, NULL);
      if (n > 0)
        {
          g_byte_array_append (injected, self->read_buf, n);
          reader_bytes += n;
        }
    }

  if (reader_bytes > 0)
    {
      g_autofree char *shown = sti_text_sanitize (injected->data, MIN (injected->len, 256));
      GVariantBuilder *params = params_new (self);

      self->result->injected_bytes = reader_bytes;
      g_variant_builder_add (params, "{sv}", "bytes", g_variant_new_int64 (reader_bytes));
      g_variant_builder_add (params, "{sv}", "data", g_variant_new_string (shown));
      add_finding (self, "plaintext-injection", params,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The server sent %" G_GSIZE_FORMAT " byte of plaintext after "
                                "accepting STARTTLS (discarded, not fed to TLS): %s",
                                "The server sent %" G_GSIZE_FORMAT " bytes of plaintext after "
                                "accepting STARTTLS (discarded, not fed to TLS): %s",
                                reader_bytes),
                   reader_bytes, shown);
    }
}

static void
starttls_reply_cb (StiEndpointProbe *self,
                   StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);

  self->result->timings.starttls_us = stage_elapsed_us (self);

  if (code == 220)
    {
      self->result->starttls_accepted = TRUE;
      check_injection (self);
      start_handshake (self);
      return;
    }

  {
    g_autofree char *text = sti_smtp_reply_dup_text (reply);
    GVariantBuilder *params = params_new (self);

    add_reply_params (params, reply);
    add_finding (self, "starttls-refused", params,
                 _("The server offered STARTTLS but answered it with %03u: %s"), code, text);
  }

  if (code == 421)
    finish_result (self);
  else
    sti_endpoint_probe_quit (self);
}

static void
ehlo_reply_cb (StiEndpointProbe *self,
               StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);
  g_auto(GStrv) caps = NULL;

  if (!self->post_tls && self->result->timings.ehlo_us < 0)
    self->result->timings.ehlo_us = stage_elapsed_us (self);

  if (code >= 500 && code < 600 && !self->post_tls && !self->result->used_helo)
    {
      /* RFC 5321 3.2: an old server may not know EHLO. */
      self->result->used_helo = TRUE;
      send_ehlo (self, "HELO");
      return;
    }

  if (code != 250)
    {
      reply_refused (self, reply, self->result->used_helo ? "HELO" : "EHLO");
      return;
    }

  caps = self->result->used_helo ? g_new0 (char *, 1) : sti_smtp_reply_parse_ehlo (reply);

  if (self->post_tls)
    {
      g_strfreev (self->result->caps_after_tls);
      self->result->caps_after_tls = g_steal_pointer (&caps);
      /* The whole dialogue worked. */
      self->result->stage = STI_STAGE_DONE;
      sti_endpoint_probe_quit (self);
      return;
    }

  g_strfreev (self->result->caps_before_tls);
  self->result->caps_before_tls = g_steal_pointer (&caps);
  self->result->starttls_offered =
    sti_smtp_caps_has ((const char * const *)self->result->caps_before_tls, "STARTTLS");

  if (!self->result->starttls_offered)
    {
      GVariantBuilder *params = params_new (self);

      g_variant_builder_add (params, "{sv}", "helo",
                             g_variant_new_boolean (self->result->used_helo));
      if (self->result->used_helo)
        add_finding (self, "starttls-not-offered", params,
                     _("The server does not support EHLO, so it cannot offer STARTTLS"));
      else
        add_finding (self, "starttls-not-offered", params,
                     _("The server does not list STARTTLS among its EHLO capabilities"));
      sti_endpoint_probe_quit (self);
      return;
    }

  set_stage (self, STI_STAGE_STARTTLS);
  send_command (self, "STARTTLS", starttls_reply_cb);
}

static void
greeting_reply_cb (StiEndpointProbe *self,
                   StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);

  self->result->timings.greeting_us = stage_elapsed_us (self);
  self->result->greeting_code = code;
  self->result->greeting_text = sti_smtp_reply_dup_text (reply);

  if (code != 220)
    {
      reply_refused (self, reply, NULL);
      return;
    }

  set_stage (self, STI_STAGE_EHLO);
  send_ehlo (self, "EHLO");
}

static char *
address_literal (GSocket *socket)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  GInetAddress *inet;
  g_autofree char *str = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (local))
    return g_strdup ("[127.0.0.1]");

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  str = g_inet_address_to_string (inet);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[IPv6:%s]", str);
  return g_strdup_printf ("[%s]", str);
}

static void
connected (StiEndpointProbe *self)
{
  self->result->reachable = TRUE;
  self->result->timings.connect_us = stage_elapsed_us (self);
  transcript_event (self, _("Connected to %s port %u"),
                    self->result->address, self->result->port);

  self->ehlo_sent = self->ehlo_name != NULL ? g_strdup (self->ehlo_name)
                                            : address_literal (self->socket);
  self->result->ehlo_name = g_strdup (self->ehlo_sent);

  set_stage (self, STI_STAGE_GREETING);
  self->on_reply = greeting_reply_cb;
  sti_endpoint_probe_read_step (self);
}

static void
connect_failed (StiEndpointProbe *self,
                const GError     *error)
{
  GVariantBuilder *params = params_new (self);
  gboolean ipv6 = g_inet_address_get_family (g_inet_socket_address_get_address (self->address))
                  == G_SOCKET_FAMILY_IPV6;

  g_free (self->result->error_detail);
  self->result->error_detail = g_strdup (error->message);
  g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));

  if (ipv6 && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)))
    add_finding (self, "host-unreachable", params,
                 _("This computer has no IPv6 route to %s: %s"),
                 self->result->address, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    add_finding (self, "host-unreachable", params,
                 _("%s refused the connection on port %u: %s"),
                 self->result->address, self->result->port, error->message);
  else
    add_finding (self, "host-unreachable", params,
                 _("Could not connect to %s port %u: %s"),
                 self->result->address, self->result->port, error->message);

  finish_result (self);
}

static void
connect_ready (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;

  if (check_cancelled (self))
    return;

  if (!g_socket_check_connect_result (self->socket, &error))
    {
      connect_failed (self, error);
      return;
    }

  connected (self);
}

static void
start_connect (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  GSocketFamily family = g_socket_address_get_family (G_SOCKET_ADDRESS (self->address));

  set_stage (self, STI_STAGE_CONNECTING);
  if (check_cancelled (self))
    return;

  self->socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  if (self->socket == NULL)
    {
      connect_failed (self, error);
      return;
    }
  g_socket_set_blocking (self->socket, FALSE);

  if (g_socket_connect (self->socket, G_SOCKET_ADDRESS (self->address), NULL, &error))
    {
      connected (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      wait_socket (self, G_IO_OUT, connect_ready);
      return;
    }

  connect_failed (self, error);
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
   * Emitted on the main loop each time the dialogue moves on: CONNECTING,
   * GREETING, EHLO, STARTTLS, HANDSHAKE, and DONE when the probe finished
   * in any way (success, finding, timeout or cancellation).
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

  return self->stage;
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

  self->total_timer = timer_new (self, self->total_timeout_ms);

  if (cancellable != NULL)
    {
      self->user_cancellable = g_object_ref (cancellable);
      /* Runs at once if already cancelled; start_connect then sees it. */
      self->user_cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                                                    self, NULL);
    }

  start_connect (self);
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
