/* fake-http.h: a loopback HTTP/1.1 server on the main loop, playing a CA's
 * web server (AIA caIssuers, OCSP) and hostile answers in tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What to answer one request with; the handler fills it in. */
typedef struct
{
  guint       status;        /* 200, 302, 404… (0: 404) */
  const char *content_type;  /* borrowed; NULL: none */
  GBytes     *body;          /* owned: the handler gives a reference; NULL: empty */
  const char *location;      /* borrowed; the Location of a redirect */
  gboolean    chunked;       /* chunked encoding, no Content-Length */
  gboolean    hang;          /* answer nothing; hold the connection until freed */
} FakeHttpResponse;

/* @path is the request-target as sent (still percent-encoded). */
typedef void (*FakeHttpHandler) (const char       *path,
                                 FakeHttpResponse *response,
                                 gpointer          user_data);

typedef struct _FakeHttp FakeHttp;

FakeHttp *fake_http_new      (FakeHttpHandler  handler,
                              gpointer         user_data);
guint16   fake_http_get_port (FakeHttp        *self);
void      fake_http_free     (FakeHttp        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeHttp, fake_http_free)

G_END_DECLS
