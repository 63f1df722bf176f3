/* fake-smtp.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-smtp.h"

#include <string.h>
#include <sys/socket.h>

static void fake_smtp_handle_line (FakeSmtp *fake, const char *line);

static void
fake_smtp_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
fake_smtp_close (FakeSmtp *fake)
{
  fake_smtp_clear_source (&fake->in_source);
  fake_smtp_clear_source (&fake->out_source);
  fake_smtp_clear_source (&fake->drip_source);
  if (fake->conn != NULL)
    g_socket_close (fake->conn, NULL);
  fake->closed = TRUE;
}

void
fake_smtp_free (FakeSmtp *fake)
{
  fake_smtp_clear_source (&fake->accept_source);
  fake_smtp_close (fake);
  g_clear_object (&fake->conn);
  g_clear_object (&fake->tls);
  g_queue_clear_full (&fake->tls_outq, (GDestroyNotify) g_bytes_unref);
  g_clear_object (&fake->listener);
  g_byte_array_unref (fake->outq);
  g_string_free (fake->inbuf, TRUE);
  g_ptr_array_unref (fake->commands);
  g_free (fake->sni);
  g_clear_pointer (&fake->script_greeting, g_bytes_unref);
  g_clear_pointer (&fake->script_ehlo, g_bytes_unref);
  g_clear_pointer (&fake->script_ehlo_tls, g_bytes_unref);
  g_free (fake);
}

static gboolean fake_smtp_out_ready_cb (GSocket *socket, GIOCondition cond, gpointer user_data);

static void
fake_smtp_flush (FakeSmtp *fake)
{
  while (fake->outq->len > 0 && !fake->closed)
    {
      gssize n = g_socket_send_with_blocking (fake->conn, (const char *)fake->outq->data,
                                              fake->outq->len, FALSE, NULL, NULL);
      if (n <= 0)
        break;
      g_byte_array_remove_range (fake->outq, 0, n);
    }

  if (fake->outq->len > 0 && !fake->closed && fake->out_source == NULL)
    {
      fake->out_source = g_socket_create_source (fake->conn, G_IO_OUT, NULL);
      g_source_set_callback (fake->out_source, G_SOURCE_FUNC (fake_smtp_out_ready_cb), fake, NULL);
      g_source_attach (fake->out_source, NULL);
    }
}

static gboolean
fake_smtp_out_ready_cb (GSocket      *socket,
                        GIOCondition  cond,
                        gpointer      user_data)
{
  FakeSmtp *fake = user_data;

  g_clear_pointer (&fake->out_source, g_source_unref);
  if (cond & (G_IO_ERR | G_IO_HUP))
    {
      g_byte_array_set_size (fake->outq, 0);
      return G_SOURCE_REMOVE;
    }
  fake_smtp_flush (fake);
  return G_SOURCE_REMOVE;
}

static void fake_smtp_tls_write_next (FakeSmtp *fake);

static void
fake_smtp_tls_write_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FakeSmtp *fake = user_data;

  fake->tls_writing = FALSE;
  if (!sti_tls_session_write_finish (STI_TLS_SESSION (object), result, NULL))
    return;
  fake_smtp_tls_write_next (fake);
}

static void
fake_smtp_tls_write_next (FakeSmtp *fake)
{
  GBytes *next;

  if (fake->tls_writing || fake->closed)
    return;
  next = g_queue_pop_head (&fake->tls_outq);
  if (next == NULL)
    return;
  fake->tls_writing = TRUE;
  sti_tls_session_write_async (fake->tls, next, NULL, fake_smtp_tls_write_cb, fake);
  g_bytes_unref (next);
}

static void
fake_smtp_send (FakeSmtp   *fake,
                const char *data,
                gsize       len)
{
  if (fake->tls_up)
    {
      g_queue_push_tail (&fake->tls_outq, g_bytes_new (data, len));
      fake_smtp_tls_write_next (fake);
      return;
    }
  g_byte_array_append (fake->outq, (const guint8 *)data, len);
  fake_smtp_flush (fake);
}

static void
fake_smtp_send_str (FakeSmtp   *fake,
                    const char *str)
{
  fake_smtp_send (fake, str, strlen (str));
}

static void
fake_smtp_send_bytes (FakeSmtp *fake,
                      GBytes   *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  fake_smtp_send (fake, data, len);
}

static void
fake_smtp_process_input (FakeSmtp *fake)
{
  char *lf;

  while (!fake->closed && (lf = memchr (fake->inbuf->str, '\n', fake->inbuf->len)) != NULL)
    {
      gsize len = lf - fake->inbuf->str;
      g_autofree char *line = g_strndup (fake->inbuf->str,
                                         len > 0 && lf[-1] == '\r' ? len - 1 : len);

      g_string_erase (fake->inbuf, 0, len + 1);
      g_ptr_array_add (fake->commands, g_strdup (line));
      fake_smtp_handle_line (fake, line);
    }
}

static gboolean
fake_smtp_in_ready_cb (GSocket      *socket,
                       GIOCondition  cond,
                       gpointer      user_data)
{
  FakeSmtp *fake = user_data;
  char buf[4096];
  gssize n;

  n = g_socket_receive_with_blocking (socket, buf, sizeof buf, FALSE, NULL, NULL);
  if (n == 0 || (n < 0 && !(cond & G_IO_IN)))
    {
      g_clear_pointer (&fake->in_source, g_source_unref);
      fake_smtp_close (fake);
      return G_SOURCE_REMOVE;
    }
  if (n < 0)
    return G_SOURCE_CONTINUE;

  /* Hostile TLS variants act on the ClientHello without parsing it. */
  if (fake->behavior == FAKE_RESET_HANDSHAKE && fake->commands->len > 0 &&
      g_str_equal (g_ptr_array_index (fake->commands, fake->commands->len - 1), "STARTTLS"))
    {
      struct linger lg = { 1, 0 };

      setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      g_clear_pointer (&fake->in_source, g_source_unref);
      fake_smtp_close (fake);
      return G_SOURCE_REMOVE;
    }
  if (fake->behavior == FAKE_STALL_TLS && fake->commands->len > 0 &&
      g_str_equal (g_ptr_array_index (fake->commands, fake->commands->len - 1), "STARTTLS"))
    return G_SOURCE_CONTINUE;
  if (fake->behavior == FAKE_GARBAGE_TLS && fake->commands->len > 0 &&
      g_str_equal (g_ptr_array_index (fake->commands, fake->commands->len - 1), "STARTTLS"))
    {
      fake_smtp_send_str (fake, "500 5.5.1 this is not a TLS ServerHello, sorry\r\n");
      return G_SOURCE_CONTINUE;
    }

  g_string_append_len (fake->inbuf, buf, n);
  fake_smtp_process_input (fake);
  return G_SOURCE_CONTINUE;
}

static void
fake_smtp_tls_read_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FakeSmtp *fake = user_data;
  g_autoptr(GBytes) bytes = sti_tls_session_read_finish (STI_TLS_SESSION (object), result, NULL);

  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      fake_smtp_close (fake);
      return;
    }
  g_string_append_len (fake->inbuf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  fake_smtp_process_input (fake);
  if (!fake->closed)
    sti_tls_session_read_async (fake->tls, 4096, NULL, fake_smtp_tls_read_cb, fake);
}

static void
fake_smtp_handshake_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FakeSmtp *fake = user_data;
  g_autoptr(StiTlsSessionInfo) info = NULL;

  if (!sti_tls_session_handshake_finish (STI_TLS_SESSION (object), result, NULL))
    {
      fake_smtp_close (fake);
      return;
    }
  info = sti_tls_session_dup_info (fake->tls);
  fake->sni = g_steal_pointer (&info->server_name);
  fake->tls_up = TRUE;
  sti_tls_session_read_async (fake->tls, 4096, NULL, fake_smtp_tls_read_cb, fake);
}

static void
fake_smtp_start_tls (FakeSmtp *fake)
{
  fake_smtp_clear_source (&fake->in_source);
  /* Whatever the client sent already (nothing, if it behaves) is dropped. */
  g_string_truncate (fake->inbuf, 0);
  fake->tls = sti_tls_session_new_server (fake->conn, fake->creds, fake->priority, NULL);
  g_assert_nonnull (fake->tls);
  sti_tls_session_handshake_async (fake->tls, NULL, fake_smtp_handshake_cb, fake);
}

static gboolean
fake_smtp_drip_cb (gpointer user_data)
{
  FakeSmtp *fake = user_data;
  static const char pattern[] = "220-slow\r\n";

  fake_smtp_send (fake, &pattern[fake->drip_pos % (sizeof pattern - 1)], 1);
  fake->drip_pos++;
  return G_SOURCE_CONTINUE;
}

static void
fake_smtp_handle_line (FakeSmtp   *fake,
                       const char *line)
{
  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
    {
      GBytes *script = fake->tls_up ? fake->script_ehlo_tls : fake->script_ehlo;

      if (script != NULL)
        fake_smtp_send_bytes (fake, script);
      else if (fake->tls_up)
        fake_smtp_send_str (fake, "250-fake.test at your service\r\n250-SIZE 1000\r\n"
                                  "250 AUTH PLAIN\r\n");
      else if (fake->behavior == FAKE_NO_STARTTLS)
        fake_smtp_send_str (fake, "250-fake.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n");
      else if (fake->behavior == FAKE_EHLO_502)
        fake_smtp_send_str (fake, "502 5.5.2 EHLO? never heard of it\r\n");
      else if (fake->behavior == FAKE_ENDLESS_CONT)
        {
          g_autoptr(GString) many = g_string_new (NULL);

          for (guint i = 0; i < 1000; i++)
            g_string_append (many, "250-MORE\r\n");
          fake_smtp_send (fake, many->str, many->len);
        }
      else
        fake_smtp_send_str (fake, "250-fake.test\r\n250-PIPELINING\r\n250-starttls\r\n"
                                  "250 8BITMIME\r\n");
    }
  else if (g_ascii_strncasecmp (line, "HELO", 4) == 0)
    fake_smtp_send_str (fake, "250 fake.test\r\n");
  else if (g_ascii_strcasecmp (line, "STARTTLS") == 0)
    {
      switch (fake->behavior)
        {
        case FAKE_REFUSE_454:
          fake_smtp_send_str (fake, "454 4.7.0 TLS not available due to temporary reason\r\n");
          break;
        case FAKE_INJECT:
          fake_smtp_send_str (fake, "220 go\r\n250 injected\r\n");
          fake_smtp_start_tls (fake);
          break;
        case FAKE_RESET_HANDSHAKE:
        case FAKE_GARBAGE_TLS:
        case FAKE_STALL_TLS:
          fake_smtp_send_str (fake, "220 2.0.0 Ready to start TLS\r\n");
          break;
        case FAKE_HAPPY:
        case FAKE_MUTE_QUIT:
        case FAKE_NO_STARTTLS:
        case FAKE_GREET_421:
        case FAKE_GREET_554:
        case FAKE_SILENT:
        case FAKE_SLOW_DRIP:
        case FAKE_HUGE_LINE:
        case FAKE_ENDLESS_CONT:
        case FAKE_EHLO_502:
        case FAKE_GARBAGE_GREETING:
        default:
          fake_smtp_send_str (fake, "220 2.0.0 go ahead\r\n");
          fake_smtp_start_tls (fake);
          break;
        }
    }
  else if (g_ascii_strcasecmp (line, "QUIT") == 0 && fake->behavior == FAKE_MUTE_QUIT)
    {
      /* Keeps the connection open and says nothing. */
    }
  else if (g_ascii_strcasecmp (line, "QUIT") == 0)
    {
      fake_smtp_send_str (fake, "221 2.0.0 bye\r\n");
      if (!fake->tls_up)
        {
          fake_smtp_flush (fake);
          fake_smtp_close (fake);
        }
    }
  else
    fake_smtp_send_str (fake, "500 5.5.1 unknown command\r\n");
}

static gboolean
fake_smtp_accept_cb (GSocket      *socket,
                     GIOCondition  cond,
                     gpointer      user_data)
{
  FakeSmtp *fake = user_data;

  fake->conn = g_socket_accept (socket, NULL, NULL);
  if (fake->conn == NULL)
    return G_SOURCE_CONTINUE;
  g_socket_set_blocking (fake->conn, FALSE);
  g_clear_pointer (&fake->accept_source, g_source_unref);

  fake->in_source = g_socket_create_source (fake->conn, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (fake->in_source, G_SOURCE_FUNC (fake_smtp_in_ready_cb), fake, NULL);
  g_source_attach (fake->in_source, NULL);

  if (fake->script_greeting != NULL)
    {
      fake_smtp_send_bytes (fake, fake->script_greeting);
      return G_SOURCE_REMOVE;
    }

  switch (fake->behavior)
    {
    case FAKE_SILENT:
      break;
    case FAKE_GREET_421:
      fake_smtp_send_str (fake, "421 4.7.0 fake.test too busy, try later\r\n");
      fake_smtp_close (fake);
      break;
    case FAKE_GREET_554:
      fake_smtp_send_str (fake, "554 5.7.1 go away\r\n");
      break;
    case FAKE_SLOW_DRIP:
      fake->drip_source = g_timeout_source_new (200);
      g_source_set_callback (fake->drip_source, fake_smtp_drip_cb, fake, NULL);
      g_source_attach (fake->drip_source, NULL);
      break;
    case FAKE_HUGE_LINE:
      {
        g_autofree char *huge = g_malloc (1024 * 1024);

        memset (huge, 'x', 1024 * 1024);
        memcpy (huge, "220 ", 4);
        fake_smtp_send (fake, huge, 1024 * 1024);
      }
      break;
    case FAKE_GARBAGE_GREETING:
      fake_smtp_send_str (fake, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
      break;
    case FAKE_HAPPY:
    case FAKE_MUTE_QUIT:
    case FAKE_NO_STARTTLS:
    case FAKE_REFUSE_454:
    case FAKE_INJECT:
    case FAKE_RESET_HANDSHAKE:
    case FAKE_GARBAGE_TLS:
    case FAKE_ENDLESS_CONT:
    case FAKE_EHLO_502:
    case FAKE_STALL_TLS:
    default:
      fake_smtp_send_str (fake, "220 fake.test ESMTP\r\n");
      break;
    }

  return G_SOURCE_REMOVE;
}

FakeSmtp *
fake_smtp_new (FakeBehavior                     behavior,
               StiTlsCredentials *creds)
{
  FakeSmtp *fake = g_new0 (FakeSmtp, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  fake->behavior = behavior;
  fake->creds = creds;
  fake->outq = g_byte_array_new ();
  fake->inbuf = g_string_new (NULL);
  fake->commands = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&fake->tls_outq);

  fake->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (fake->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (fake->listener, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (fake->listener, FALSE);
  bound = g_socket_get_local_address (fake->listener, &error);
  g_assert_no_error (error);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  fake->accept_source = g_socket_create_source (fake->listener, G_IO_IN, NULL);
  g_source_set_callback (fake->accept_source, G_SOURCE_FUNC (fake_smtp_accept_cb), fake, NULL);
  g_source_attach (fake->accept_source, NULL);

  return fake;
}
