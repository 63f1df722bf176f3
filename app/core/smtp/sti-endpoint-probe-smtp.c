/* sti-endpoint-probe-smtp.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe-private.h"

#include <glib/gi18n.h>

/* The SMTP dialogue, one reply handler per stage: greeting, EHLO (HELO
 * on 5xx), STARTTLS, EHLO again over TLS, QUIT (DESIGN.md, decision 8:
 * never a mail). */

static void ehlo_reply_cb (StiEndpointProbe *self,
                           StiSmtpReply     *reply);

static void
quit_reply_cb (StiEndpointProbe *self,
               StiSmtpReply     *reply)
{
  probe_finish_result (self);
}

void
probe_quit (StiEndpointProbe *self)
{
  self->quitting = TRUE;
  probe_restart_stage_timer (self);
  probe_send_command (self, "QUIT", quit_reply_cb);
}

void
probe_send_ehlo (StiEndpointProbe *self,
                 const char       *verb)
{
  g_autofree char *line = g_strdup_printf ("%s %s", verb, self->ehlo_sent);

  probe_send_command (self, line, ehlo_reply_cb);
}

/* Records what the transcript's lines cannot show: the reader accepts a
 * line ended by LF alone (RFC 5321 wants CRLF), and senders differ on
 * that, so it is evidence (platform-notes A5), said right after the reply. */
void
probe_note_reply (StiEndpointProbe *self,
                  StiSmtpReply     *reply)
{
  if (!sti_smtp_reply_get_bare_lf (reply))
    return;

  self->result->bare_lf = TRUE;
  probe_transcript_event (self, _("The server ended a line of this reply with LF alone, "
                                  "not CRLF"));
}

static void
starttls_reply_cb (StiEndpointProbe *self,
                   StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);

  self->result->timings.starttls_us = probe_stage_elapsed_us (self);

  if (code == 220)
    {
      self->result->starttls_accepted = TRUE;
      probe_start_tls (self);
      return;
    }

  {
    g_autofree char *text = sti_smtp_reply_dup_text (reply);
    GVariantBuilder *params = probe_params_new (self);

    probe_add_reply_params (params, reply);
    probe_add_finding (self, "starttls-refused", params,
                       /* Translators: the SMTP reply code, then the server's reply text */
                       _("The server offered STARTTLS but answered it with %03u: %s"), code, text);
  }

  if (code == 421)
    probe_finish_result (self);
  else
    probe_quit (self);
}

static void
ehlo_reply_cb (StiEndpointProbe *self,
               StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);
  g_auto(GStrv) caps = NULL;

  if (!self->post_tls && self->result->timings.ehlo_us < 0)
    self->result->timings.ehlo_us = probe_stage_elapsed_us (self);

  if (code >= 500 && code < 600 && !self->post_tls && !self->result->used_helo)
    {
      /* RFC 5321 3.2: an old server may not know EHLO. */
      self->result->used_helo = TRUE;
      probe_send_ehlo (self, "HELO");
      return;
    }

  if (code != 250)
    {
      probe_reply_refused (self, reply, self->result->used_helo ? "HELO" : "EHLO");
      return;
    }

  caps = self->result->used_helo ? g_new0 (char *, 1) : sti_smtp_reply_parse_ehlo (reply);

  if (self->post_tls)
    {
      g_strfreev (self->result->caps_after_tls);
      self->result->caps_after_tls = g_steal_pointer (&caps);
      /* The whole dialogue worked. */
      self->result->stage = STI_STAGE_DONE;
      probe_quit (self);
      return;
    }

  g_strfreev (self->result->caps_before_tls);
  self->result->caps_before_tls = g_steal_pointer (&caps);
  self->result->starttls_offered =
    sti_smtp_caps_has ((const char * const *)self->result->caps_before_tls, "STARTTLS");

  if (!self->result->starttls_offered)
    {
      GVariantBuilder *params = probe_params_new (self);

      g_variant_builder_add (params, "{sv}", "helo",
                             g_variant_new_boolean (self->result->used_helo));
      if (self->result->used_helo)
        probe_add_finding (self, "starttls-not-offered", params,
                           _("The server does not support EHLO, so it cannot offer STARTTLS"));
      else
        probe_add_finding (self, "starttls-not-offered", params,
                           _("The server does not list STARTTLS among its EHLO capabilities"));
      probe_quit (self);
      return;
    }

  probe_set_stage (self, STI_STAGE_STARTTLS);
  probe_send_command (self, "STARTTLS", starttls_reply_cb);
}

static void
greeting_reply_cb (StiEndpointProbe *self,
                   StiSmtpReply     *reply)
{
  guint code = sti_smtp_reply_get_code (reply);

  self->result->timings.greeting_us = probe_stage_elapsed_us (self);
  self->result->greeting_code = code;
  self->result->greeting_text = sti_smtp_reply_dup_text (reply);

  if (code != 220)
    {
      probe_reply_refused (self, reply, NULL);
      return;
    }

  probe_set_stage (self, STI_STAGE_EHLO);
  probe_send_ehlo (self, "EHLO");
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

void
probe_connected (StiEndpointProbe *self)
{
  self->result->reachable = TRUE;
  self->result->timings.connect_us = probe_stage_elapsed_us (self);
  /* Translators: an IP address, then a TCP port */
  probe_transcript_event (self, _("Connected to %s port %u"),
                          self->result->address, self->result->port);

  self->ehlo_sent = self->ehlo_name != NULL ? g_strdup (self->ehlo_name)
                                            : address_literal (self->socket);
  self->result->ehlo_name = g_strdup (self->ehlo_sent);

  probe_set_stage (self, STI_STAGE_GREETING);
  self->on_reply = greeting_reply_cb;
  probe_read_step (self);
}
