/* counting-smtp.c: a mail server on 127.0.0.1 that counts its connections
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "counting-smtp.h"

#include <string.h>

typedef struct
{
  CountingServer    *server;
  GSocketConnection *connection;
  GDataInputStream  *in;
} Dialogue;

static void
dialogue_end (Dialogue *dialogue)
{
  dialogue->server->open--;
  g_io_stream_close (G_IO_STREAM (dialogue->connection), NULL, NULL);
  g_object_unref (dialogue->connection);
  g_object_unref (dialogue->in);
  g_free (dialogue);
}

static void
say (Dialogue   *dialogue,
     const char *text)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (dialogue->connection));

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, NULL);
}

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Dialogue *dialogue = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish (dialogue->in, result, NULL,
                                                                NULL);

  if (line == NULL || g_ascii_strncasecmp (line, "QUIT", 4) == 0)
    {
      if (line != NULL)
        say (dialogue, "221 bye\r\n");
      dialogue_end (dialogue);
      return;
    }
  if (g_ascii_strncasecmp (line, "EHLO", 4) == 0)
    say (dialogue, "250-fake.survey.test\r\n250 SIZE 1000000\r\n");
  else
    say (dialogue, "502 5.5.2 not here\r\n");
  g_data_input_stream_read_line_async (dialogue->in, G_PRIORITY_DEFAULT, NULL, line_cb,
                                       dialogue);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  CountingServer *server = user_data;
  Dialogue *dialogue;

  server->connections++;
  server->open++;
  server->max_open = MAX (server->max_open, server->open);

  if (server->kind == SERVER_TARPIT)
    {
      g_ptr_array_add (server->held, g_object_ref (connection));
      return TRUE;
    }

  dialogue = g_new0 (Dialogue, 1);
  dialogue->server = server;
  dialogue->connection = g_object_ref (connection);
  dialogue->in =
    g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  if (server->kind == SERVER_421)
    {
      say (dialogue, "421 4.3.2 mx.survey.test too busy, try again later\r\n");
      dialogue_end (dialogue);
      return TRUE;
    }
  say (dialogue, "220 mx.survey.test ESMTP\r\n");
  g_data_input_stream_read_line_async (dialogue->in, G_PRIORITY_DEFAULT, NULL, line_cb,
                                       dialogue);
  return TRUE;
}

CountingServer *
counting_server_new (ServerKind kind)
{
  CountingServer *server = g_new0 (CountingServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->kind = kind;
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
  return server;
}

void
counting_server_free (CountingServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_object_unref (server->service);
  g_ptr_array_unref (server->held);
  g_free (server);
}

/**
 * counting_zone_add:
 * @options: the checks' options, with COUNTING_DNS_SERVER
 *
 * Gives @session's resolver the domains d0.survey.test … d(@n_domains − 1),
 * whose MX is the one mx.survey.test, 127.0.0.1 (the server's port goes
 * into the options).
 *
 * Returns: (transfer full): a survey list of them, one address a line
 */
char *
counting_zone_add (StiCheckSession              *session,
                   const StiCheckSessionOptions *options,
                   guint                         n_domains)
{
  g_autoptr(StiDomainCheck) first = NULL;
  g_autoptr(GError) error = NULL;
  GString *list = g_string_new (NULL);
  StiResolver *resolver;

  /* The session makes its resolver with its first check; local data goes
   * in before any query. */
  first = sti_check_session_create_check (session, "d0.survey.test", options, &error);
  g_assert_no_error (error);
  resolver = sti_check_session_get_resolver (session);
  g_assert_true (sti_resolver_add_local_zone (resolver, "survey.test.", "static", &error));
  g_assert_true (sti_resolver_add_local_data (resolver, "mx.survey.test. 300 IN A 127.0.0.1",
                                              &error));
  for (guint i = 0; i < n_domains; i++)
    {
      g_autofree char *rr = g_strdup_printf ("d%u.survey.test. 300 IN MX 10 mx.survey.test.", i);

      g_assert_true (sti_resolver_add_local_data (resolver, rr, &error));
      g_assert_no_error (error);
      g_string_append_printf (list, "postmaster@d%u.survey.test\n", i);
    }

  return g_string_free (list, FALSE);
}
