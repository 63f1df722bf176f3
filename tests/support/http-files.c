/* http-files.c: a local HTTP server on loopback that serves fixed files
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "http-files.h"

#include <libsoup/soup.h>

struct _HttpFiles
{
  SoupServer *server;
  char       *base;   /* "http://127.0.0.1:port" */
  GHashTable *bodies; /* path -> GBytes */
  GHashTable *types;  /* path -> content type */
  guint       n_requests;
};

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  HttpFiles *self = user_data;
  GBytes *body = g_hash_table_lookup (self->bodies, path);

  self->n_requests++;
  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, g_hash_table_lookup (self->types, path),
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

HttpFiles *
http_files_new (void)
{
  HttpFiles *self = g_new0 (HttpFiles, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_bytes_unref);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, handler_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  return self;
}

char *
http_files_url (HttpFiles  *self,
                const char *path)
{
  return g_strconcat (self->base, path, NULL);
}

void
http_files_serve (HttpFiles  *self,
                  const char *path,
                  const char *content_type,
                  GBytes     *body)
{
  g_hash_table_replace (self->bodies, g_strdup (path), g_bytes_ref (body));
  g_hash_table_replace (self->types, g_strdup (path), g_strdup (content_type));
}

guint
http_files_get_n_requests (HttpFiles *self)
{
  return self->n_requests;
}

void
http_files_free (HttpFiles *self)
{
  if (self == NULL)
    return;

  soup_server_disconnect (self->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&self->server);
  g_clear_pointer (&self->bodies, g_hash_table_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_free (self->base);
  g_free (self);
}
