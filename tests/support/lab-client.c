/* lab-client.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-client.h"

#include <string.h>

void
lab_fixture_setup (LabFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->lab = sti_lab_new ();
  g_assert_true (sti_lab_start (fixture->lab, &error));
  g_assert_no_error (error);
}

void
lab_test_add (const char    *path,
              gconstpointer  data,
              LabTestFunc    func)
{
  g_test_add (path, LabFixture, data, lab_fixture_setup, func, lab_fixture_teardown);
}

void
lab_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
lab_fixture_teardown (LabFixture    *fixture,
                      gconstpointer  data)
{
  sti_lab_stop (fixture->lab);
  lab_drain_main_context ();
  g_assert_finalize_object (fixture->lab);
}

void
lab_async_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
lab_wait_for_result (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (LAB_IO_TIMEOUT_MS, timeout_flag_cb, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (*result);
}

GSocketConnection *
lab_connect_to (GSocketAddress *address,
                GError        **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (address), NULL,
                                 lab_async_done_cb, &result);
  lab_wait_for_result (&result);

  return g_socket_client_connect_finish (client, result, error);
}

LabClient *
lab_client_new (StiLab     *lab,
                const char *host_name)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (lab, host_name);
  g_autoptr(GError) error = NULL;
  LabClient *client = g_new0 (LabClient, 1);

  g_assert_cmpuint (addresses->len, >, 0);
  client->connection = lab_connect_to (g_ptr_array_index (addresses, 0), &error);
  g_assert_no_error (error);
  client->buffer = g_byte_array_new ();

  return client;
}

void
lab_client_free (LabClient *client)
{
  g_io_stream_close (G_IO_STREAM (client->connection), NULL, NULL);
  g_clear_object (&client->connection);
  g_byte_array_unref (client->buffer);
  g_free (client);
}

gboolean
lab_client_read_some (LabClient *client)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (client->connection));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gssize n;

  g_input_stream_read_async (in, client->chunk, sizeof client->chunk, G_PRIORITY_DEFAULT,
                             NULL, lab_async_done_cb, &result);
  lab_wait_for_result (&result);
  n = g_input_stream_read_finish (in, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return FALSE;
  g_assert_no_error (error);
  if (n == 0)
    return FALSE;

  g_byte_array_append (client->buffer, client->chunk, n);
  return TRUE;
}

gboolean
lab_reply_complete (GByteArray *buffer)
{
  const char *data = (const char *)buffer->data;
  gsize len = buffer->len;
  gsize start;

  if (len < 5 || data[len - 1] != '\n')
    return FALSE;

  start = len - 1;
  while (start > 0 && data[start - 1] != '\n')
    start--;

  return len - start >= 4 && data[start + 3] == ' ';
}

char *
lab_client_read_reply (LabClient *client)
{
  char *reply;

  while (!lab_reply_complete (client->buffer))
    {
      if (!lab_client_read_some (client))
        break;
    }

  reply = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_byte_array_set_size (client->buffer, 0);

  return reply;
}

void
lab_client_send (LabClient  *client,
                 const char *data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_async (out, data, strlen (data), G_PRIORITY_DEFAULT, NULL,
                                   lab_async_done_cb, &result);
  lab_wait_for_result (&result);
  g_output_stream_write_all_finish (out, result, NULL, &error);
  g_assert_no_error (error);
}

char *
lab_client_command (LabClient  *client,
                    const char *command)
{
  lab_client_send (client, command);
  return lab_client_read_reply (client);
}

void
lab_client_assert_eof (LabClient *client)
{
  g_assert_false (lab_client_read_some (client));
  g_assert_cmpuint (client->buffer->len, ==, 0);
}
