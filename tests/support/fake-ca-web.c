/* fake-ca-web.c: a CA's web server for tests: certificates by path (AIA
 * caIssuers), redirects, an OCSP responder, and hostile answers
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-ca-web.h"

#include "fake-http.h"

#include <string.h>

/* Paths with a fixed meaning: "/ocsp/…" asks the OCSP responder (when one
 * is set), "/hang" never answers, "/chunked" sends 1 MiB without a
 * Content-Length. Every other path is a file served, a redirect, or 404. */
struct _FakeCaWeb
{
  FakeHttp   *http;
  char       *base;       /* "http://127.0.0.1:port" */
  GHashTable *bodies;     /* path -> GBytes */
  GHashTable *types;      /* path -> content type */
  GHashTable *redirects;  /* path -> location */
  StiLabOcsp *ocsp;       /* borrowed; answers under /ocsp/ */
  guint       n_requests;
};

static void
handler_cb (const char       *target,
            FakeHttpResponse *response,
            gpointer          user_data)
{
  FakeCaWeb *self = user_data;
  g_autofree char *path = g_strndup (target, strcspn (target, "?"));
  GBytes *body;
  const char *location;

  self->n_requests++;

  if (g_str_has_prefix (path, "/ocsp/") && self->ocsp != NULL)
    {
      response->status = 200;
      response->content_type = "application/ocsp-response";
      response->body = sti_lab_ocsp_answer_get_path (self->ocsp, path,
                                                     g_get_real_time () / G_USEC_PER_SEC);
      return;
    }

  if (g_str_equal (path, "/hang"))
    {
      response->hang = TRUE;
      return;
    }

  if (g_str_equal (path, "/chunked"))
    {
      /* No Content-Length: only counting the bytes stops this one. */
      response->status = 200;
      response->chunked = TRUE;
      response->body = g_bytes_new_take (g_malloc0 (16 * 64 * 1024), 16 * 64 * 1024);
      return;
    }

  if ((location = g_hash_table_lookup (self->redirects, path)) != NULL)
    {
      response->status = 302;
      response->location = location;
      return;
    }

  if ((body = g_hash_table_lookup (self->bodies, path)) == NULL)
    {
      response->status = 404;
      return;
    }

  response->status = 200;
  response->content_type = g_hash_table_lookup (self->types, path);
  response->body = g_bytes_ref (body);
}

FakeCaWeb *
fake_ca_web_new (void)
{
  FakeCaWeb *self = g_new0 (FakeCaWeb, 1);

  self->bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_bytes_unref);
  self->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->redirects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->http = fake_http_new (handler_cb, self);
  self->base = g_strdup_printf ("http://127.0.0.1:%u", fake_http_get_port (self->http));

  return self;
}

void
fake_ca_web_free (FakeCaWeb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->http, fake_http_free);
  g_clear_pointer (&self->bodies, g_hash_table_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->redirects, g_hash_table_unref);
  g_clear_pointer (&self->base, g_free);
  g_free (self);
}

/* Returns: (transfer full): the URL of @path on this server */
char *
fake_ca_web_url (FakeCaWeb  *self,
                 const char *path)
{
  return g_strconcat (self->base, path, NULL);
}

/* Serves @body under @path with status 200 from now on. */
void
fake_ca_web_serve (FakeCaWeb  *self,
                   const char *path,
                   const char *content_type,
                   GBytes     *body)
{
  g_hash_table_replace (self->bodies, g_strdup (path), g_bytes_ref (body));
  g_hash_table_replace (self->types, g_strdup (path), g_strdup (content_type));
}

/* Answers @path with a 302 to @location (a path or a URL). */
void
fake_ca_web_redirect (FakeCaWeb  *self,
                      const char *path,
                      const char *location)
{
  g_hash_table_replace (self->redirects, g_strdup (path), g_strdup (location));
}

/* @ocsp: (nullable): borrowed; the caller keeps it alive while it serves */
void
fake_ca_web_set_ocsp (FakeCaWeb  *self,
                      StiLabOcsp *ocsp)
{
  self->ocsp = ocsp;
}

/* Every request so far, whatever was answered. */
guint
fake_ca_web_get_n_requests (FakeCaWeb *self)
{
  return self->n_requests;
}
