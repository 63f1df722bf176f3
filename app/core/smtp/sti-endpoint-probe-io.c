/* sti-endpoint-probe-io.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe-private.h"

#include "sti-tcp-latency.h"

#include <string.h>

/* Connecting, and moving bytes: plain reads and writes on the
 * non-blocking socket, each waiting on the probe's one StiSocketWatch, and
 * the same over the TLS session (on the same watch) after STARTTLS.
 * Replies are read with the bounded reader (DESIGN.md, decision 3);
 * commands are never pipelined. */

static void
socket_ready_cb (gpointer user_data)
{
  StiEndpointProbe *self = user_data;
  StepFunc step = self->io_step;

  self->io_step = NULL;
  step (self);
}

static void
wait_socket (StiEndpointProbe *self,
             GIOCondition      condition,
             StepFunc          step)
{
  g_assert (self->io_step == NULL);

  self->io_step = step;
  sti_socket_watch_wait (self->watch,
                         condition == G_IO_OUT ? STI_SOCKET_WATCH_WRITE : STI_SOCKET_WATCH_READ,
                         condition, self->cancellable, socket_ready_cb, self, NULL);
}

static void
plain_read_ready (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  gssize n;

  if (probe_check_cancelled (self))
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
      probe_connection_error (self, error);
      return;
    }
  if (n == 0)
    {
      probe_server_closed (self);
      return;
    }

  sti_tcp_latency_after_receive (self->socket);
  sti_smtp_reader_feed (self->reader, self->read_buf, n);
  probe_read_step (self);
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
        probe_on_cancelled (self);
      else
        probe_connection_error (self, error);
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      probe_server_closed (self);
      return;
    }

  sti_smtp_reader_feed (self->reader, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  probe_read_step (self);
}

void
probe_read_step (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiSmtpReply) reply = NULL;
  ReplyFunc on_reply;

  if (probe_check_cancelled (self))
    return;

  reply = sti_smtp_reader_next (self->reader, &error);
  if (error != NULL)
    {
      probe_protocol_error (self, error);
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
    probe_transcript_add (self, STI_TRANSCRIPT_SERVER, sti_smtp_reply_get_line (reply, i));
  probe_note_reply (self, reply);

  on_reply = self->on_reply;
  self->on_reply = NULL;
  on_reply (self, reply);
}

static void
plain_write_step (StiEndpointProbe *self)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (self->out, &len);

  if (probe_check_cancelled (self))
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
          probe_connection_error (self, error);
          return;
        }
      self->out_offset += n;
    }

  g_clear_pointer (&self->out, g_bytes_unref);
  probe_read_step (self);
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
        probe_on_cancelled (self);
      else
        probe_connection_error (self, error);
      return;
    }

  probe_read_step (self);
}

/* Sends one command line, then reads one reply into @on_reply. Never
 * pipelined: each command waits for the previous reply. */
void
probe_send_command (StiEndpointProbe *self,
                    const char       *line,
                    ReplyFunc         on_reply)
{
  g_autoptr(GBytes) logged = g_bytes_new (line, strlen (line));
  g_autofree char *wire = g_strconcat (line, "\r\n", NULL);
  gsize wire_len = strlen (wire);

  probe_transcript_add (self, STI_TRANSCRIPT_CLIENT, logged);
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
connect_ready (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;

  if (probe_check_cancelled (self))
    return;

  /* A reset here came after the TCP handshake (a refusal is
   * ECONNREFUSED): the server accepted and dropped the connection, which
   * the greeting's read reports, not an unreachable host. */
  if (!g_socket_check_connect_result (self->socket, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    {
      probe_connect_failed (self, error);
      return;
    }

  probe_connected (self);
}

void
probe_start_connect (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;
  GSocketFamily family = g_socket_address_get_family (G_SOCKET_ADDRESS (self->address));

  probe_set_stage (self, STI_STAGE_CONNECTING);
  if (probe_check_cancelled (self))
    return;

  self->socket = g_socket_new (family, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  if (self->socket == NULL)
    {
      probe_connect_failed (self, error);
      return;
    }
  g_socket_set_blocking (self->socket, FALSE);
  sti_tcp_latency_enable (self->socket);
  sti_socket_watch_set_socket (self->watch, self->socket);

  if (g_socket_connect (self->socket, G_SOCKET_ADDRESS (self->address), NULL, &error))
    {
      probe_connected (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      wait_socket (self, G_IO_OUT, connect_ready);
      return;
    }

  probe_connect_failed (self, error);
}
