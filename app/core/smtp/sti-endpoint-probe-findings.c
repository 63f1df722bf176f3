/* sti-endpoint-probe-findings.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe-private.h"

#include "sti-finding.h"

#include <glib/gi18n.h>

/* The SMTP-level findings (host-unreachable, smtp-timeout,
 * smtp-temporary-failure, smtp-protocol-error, starttls-not-offered,
 * starttls-refused, plaintext-injection, tls-handshake-failed), their
 * severities and the reasons for them are in the finding registry
 * (resources/findings/smtp.findings.xml). */

/* The params every SMTP finding carries, plus what the caller adds. */
GVariantBuilder *
probe_params_new (StiEndpointProbe *self)
{
  GVariantBuilder *builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);

  g_variant_builder_add (builder, "{sv}", "stage",
                         g_variant_new_string (sti_stage_to_string (self->stage)));
  g_variant_builder_add (builder, "{sv}", "after_tls", g_variant_new_boolean (self->post_tls));
  g_variant_builder_add (builder, "{sv}", "address",
                         g_variant_new_string (self->result->address));
  return builder;
}

void
probe_add_finding (StiEndpointProbe *self,
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
  probe_transcript_event (self, "%s: %s", id, detail);
}

void
probe_add_reply_params (GVariantBuilder *params,
                        StiSmtpReply    *reply)
{
  g_autofree char *text = sti_smtp_reply_dup_text (reply);

  g_variant_builder_add (params, "{sv}", "code",
                         g_variant_new_int64 (sti_smtp_reply_get_code (reply)));
  g_variant_builder_add (params, "{sv}", "reply", g_variant_new_string (text));
}

/* Our cancellable tripped: the user, or one of our timers. */
void
probe_on_cancelled (StiEndpointProbe *self)
{
  if (g_atomic_int_get (&self->user_cancelled))
    {
      probe_finish (self,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                         _("The check was cancelled")));
      return;
    }

  if (self->quitting)
    {
      probe_transcript_event (self, _("No reply to QUIT in time; closing"));
      probe_finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = probe_params_new (self);

    g_variant_builder_add (params, "{sv}", "timeout", g_variant_new_string (self->timeout_kind));
    g_variant_builder_add (params, "{sv}", "timeout_ms", g_variant_new_int64 (self->timeout_ms));

    if (g_strcmp0 (self->timeout_kind, "total") == 0)
      probe_add_finding (self, "smtp-timeout", params,
                         /* Translators: a time limit in milliseconds, then the stage (tcp,
                          * greeting, ehlo, starttls, tls, …) */
                         _("The dialogue did not finish within its %u ms deadline "
                           "(stopped in the %s stage)"),
                         self->timeout_ms, sti_stage_to_string (self->stage));
    else if (g_strcmp0 (self->timeout_kind, "connect") == 0)
      probe_add_finding (self, "smtp-timeout", params,
                         /* Translators: %u is a time limit in milliseconds */
                         _("The TCP connection was not established within %u ms"),
                         self->timeout_ms);
    else
      probe_add_finding (self, "smtp-timeout", params,
                         /* Translators: a time limit in milliseconds, the stage, then " (over
                          * TLS)" or nothing */
                         _("No complete answer within %u ms in the %s stage%s"),
                         self->timeout_ms, sti_stage_to_string (self->stage),
                         self->post_tls ? _(" (over TLS)") : "");
  }

  probe_finish_result (self);
}

/* The connection failed under us (reset, write error) after connecting. */
void
probe_connection_error (StiEndpointProbe *self,
                        const GError     *error)
{
  if (self->quitting)
    {
      /* Translators: %s is the error of the closed connection */
      probe_transcript_event (self, _("Connection closed after QUIT: %s"), error->message);
      probe_finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = probe_params_new (self);

    g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("connection-lost"));
    probe_add_finding (self, "smtp-protocol-error", params,
                       /* Translators: the stage (tcp, greeting, ehlo, …), then the error */
                       _("The connection failed in the %s stage: %s"),
                       sti_stage_to_string (self->stage), error->message);
  }
  probe_finish_result (self);
}

void
probe_server_closed (StiEndpointProbe *self)
{
  gsize pending = sti_smtp_reader_get_buffered (self->reader);

  if (self->quitting)
    {
      probe_transcript_event (self, _("The server closed the connection"));
      probe_finish_result (self);
      return;
    }

  {
    GVariantBuilder *params = probe_params_new (self);

    g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("closed"));
    g_variant_builder_add (params, "{sv}", "bytes", g_variant_new_int64 (pending));
    if (pending > 0)
      probe_add_finding (self, "smtp-protocol-error", params,
                         /* Translators: %s is the stage (greeting, ehlo, starttls, …) */
                         _("The server closed the connection in the %s stage, "
                           "in the middle of a reply"),
                         sti_stage_to_string (self->stage));
    else
      probe_add_finding (self, "smtp-protocol-error", params,
                         /* Translators: %s is the stage (greeting, ehlo, starttls, …) */
                         _("The server closed the connection in the %s stage without a reply"),
                         sti_stage_to_string (self->stage));
  }
  probe_finish_result (self);
}

void
probe_protocol_error (StiEndpointProbe *self,
                      const GError     *error)
{
  GVariantBuilder *params;
  const char *reason;

  if (self->quitting)
    {
      probe_transcript_event (self, "%s", error->message);
      probe_finish_result (self);
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

  params = probe_params_new (self);
  g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (reason));
  probe_add_finding (self, "smtp-protocol-error", params, "%s", error->message);
  probe_finish_result (self);
}

/* A negative reply where a positive one was needed: 4xx is a temporary
 * refusal, anything else a protocol-level refusal. */
void
probe_reply_refused (StiEndpointProbe *self,
                     StiSmtpReply     *reply,
                     const char       *command)
{
  /* @command is NULL for the greeting. */
  guint code = sti_smtp_reply_get_code (reply);
  g_autofree char *text = sti_smtp_reply_dup_text (reply);
  GVariantBuilder *params = probe_params_new (self);

  probe_add_reply_params (params, reply);
  if (command != NULL)
    g_variant_builder_add (params, "{sv}", "command", g_variant_new_string (command));

  if (code >= 400 && code < 500)
    {
      if (command == NULL)
        probe_add_finding (self, "smtp-temporary-failure", params,
                           /* Translators: the SMTP reply code, then the server's reply text */
                           _("The server greeted with the temporary failure %03u: %s"), code, text);
      else
        probe_add_finding (self, "smtp-temporary-failure", params,
                           /* Translators: the SMTP command (EHLO, STARTTLS), the reply code,
                            * then the server's text */
                           _("The server answered %s with the temporary failure %03u: %s"),
                           command, code, text);
    }
  else if (code >= 500 && code < 600)
    {
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("refused"));
      if (command == NULL)
        probe_add_finding (self, "smtp-protocol-error", params,
                           /* Translators: the SMTP reply code, then the server's reply text */
                           _("The server refused the session in its greeting with %03u: %s"),
                           code, text);
      else
        probe_add_finding (self, "smtp-protocol-error", params,
                           /* Translators: the SMTP command (EHLO, STARTTLS), the reply code,
                            * then the server's text */
                           _("The server answered %s with the permanent refusal %03u: %s"),
                           command, code, text);
    }
  else
    {
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string ("unexpected-reply"));
      if (command == NULL)
        probe_add_finding (self, "smtp-protocol-error", params,
                           /* Translators: the SMTP reply code, then the server's reply text */
                           _("The server greeted with the unexpected reply %03u: %s"), code, text);
      else
        probe_add_finding (self, "smtp-protocol-error", params,
                           /* Translators: the SMTP command (EHLO, STARTTLS), the reply code,
                            * then the server's text */
                           _("The server answered %s with the unexpected reply %03u: %s"),
                           command, code, text);
    }

  /* 421: the server is closing the channel; anything else gets a QUIT. */
  if (code == 421)
    probe_finish_result (self);
  else
    probe_quit (self);
}

void
probe_connect_failed (StiEndpointProbe *self,
                      const GError     *error)
{
  GVariantBuilder *params = probe_params_new (self);
  gboolean ipv6 = g_inet_address_get_family (g_inet_socket_address_get_address (self->address))
                  == G_SOCKET_FAMILY_IPV6;

  g_free (self->result->error_detail);
  self->result->error_detail = g_strdup (error->message);
  g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));

  if (ipv6 && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)))
    probe_add_finding (self, "host-unreachable", params,
                       /* Translators: an IPv6 address, then the operating system's error */
                       _("This computer has no IPv6 route to %s: %s"),
                       self->result->address, error->message);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    probe_add_finding (self, "host-unreachable", params,
                       /* Translators: an IP address, a TCP port, then the operating system's
                        * error */
                       _("%s refused the connection on port %u: %s"),
                       self->result->address, self->result->port, error->message);
  else
    probe_add_finding (self, "host-unreachable", params,
                       /* Translators: an IP address, a TCP port, then the operating system's
                        * error */
                       _("Could not connect to %s port %u: %s"),
                       self->result->address, self->result->port, error->message);

  probe_finish_result (self);
}
