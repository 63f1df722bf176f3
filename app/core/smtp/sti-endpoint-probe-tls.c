/* sti-endpoint-probe-tls.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-probe-private.h"

#include "sti-text.h"

#include <glib/gi18n.h>

/* The switch to TLS once STARTTLS is accepted: bytes the server slipped
 * in before the handshake, the handshake on the same socket, and what the
 * session says (version, cipher suite, group, the chain as sent, a
 * stapled OCSP answer). */

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

  probe_transcript_event (self,
                          g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the TLS version, the cipher suite, the
                                        * key exchange group, the number of certificates
                                        * sent, then ", OCSP stapled" or nothing */
                                       "TLS established: %s, %s, group %s, %u certificate%s",
                                       "TLS established: %s, %s, group %s, %u certificates%s",
                                       info->peer_chain->len),
                          result->tls_version ? result->tls_version : "?",
                          result->cipher_suite ? result->cipher_suite : "?",
                          result->kx_group ? result->kx_group : "none",
                          info->peer_chain->len,
                          result->ocsp_response != NULL ? _(", OCSP stapled") : "");
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
          probe_on_cancelled (self);
          return;
        }

      alert = sti_tls_session_get_alert (self->tls);
      self->result->alert = alert;
      self->result->timings.handshake_us = probe_stage_elapsed_us (self);
      g_free (self->result->error_detail);
      self->result->error_detail = g_strdup (error->message);

      params = probe_params_new (self);
      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));
      if (alert >= 0)
        {
          const char *alert_name = sti_tls_session_get_alert_name (self->tls);

          g_variant_builder_add (params, "{sv}", "alert", g_variant_new_int64 (alert));
          if (alert_name != NULL)
            g_variant_builder_add (params, "{sv}", "alert_name",
                                   g_variant_new_string (alert_name));
        }
      probe_add_finding (self, "tls-handshake-failed", params, "%s", error->message);
      probe_finish_result (self);
      return;
    }

  self->result->timings.handshake_us = probe_stage_elapsed_us (self);
  record_tls_facts (self);

  /* RFC 3207 4.2: forget what was learned before TLS and ask again. The
   * stage says so too, so that a failure there is not blamed on the
   * handshake. */
  self->post_tls = TRUE;
  if (self->handshake_only)
    {
      /* Only the certificate was wanted: the dialogue ends here. */
      probe_restart_stage_timer (self);
      self->result->stage = STI_STAGE_DONE;
      probe_quit (self);
      return;
    }
  probe_set_stage (self, STI_STAGE_EHLO);
  probe_send_ehlo (self, "EHLO");
}

static void
start_handshake (StiEndpointProbe *self)
{
  g_autoptr(GError) error = NULL;

  probe_set_stage (self, STI_STAGE_HANDSHAKE);

  self->tls = sti_tls_session_new_client (self->socket, self->no_sni ? NULL : self->mx_host,
                                          self->tls_priority, &error);
  if (self->tls == NULL)
    {
      GVariantBuilder *params = probe_params_new (self);

      g_variant_builder_add (params, "{sv}", "reason", g_variant_new_string (error->message));
      probe_add_finding (self, "tls-handshake-failed", params, "%s", error->message);
      probe_finish_result (self);
      return;
    }
  sti_tls_session_set_watch (self->tls, self->watch);

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
      GVariantBuilder *params = probe_params_new (self);

      self->result->injected_bytes = reader_bytes;
      g_variant_builder_add (params, "{sv}", "bytes", g_variant_new_int64 (reader_bytes));
      g_variant_builder_add (params, "{sv}", "data", g_variant_new_string (shown));
      probe_add_finding (self, "plaintext-injection", params,
                         g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: a number of bytes, then the bytes
                                       * themselves, made printable */
                                      "The server sent %zu byte of plaintext "
                                      "after accepting STARTTLS (discarded, not fed to TLS): %s",
                                      "The server sent %zu bytes of plaintext "
                                      "after accepting STARTTLS (discarded, not fed to TLS): %s",
                                      reader_bytes),
                         reader_bytes, shown);
    }
}

/* STARTTLS was accepted: anything still buffered is injected plaintext,
 * then the handshake. */
void
probe_start_tls (StiEndpointProbe *self)
{
  check_injection (self);
  start_handshake (self);
}
