/* http-files.h: a local HTTP server on loopback that serves fixed files,
 * e.g. a CA's intermediate at an AIA caIssuers URL
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HttpFiles HttpFiles;

/* Listens on 127.0.0.1 on a free port; answers on the thread-default main
 * context, 404 for any path not served. */
HttpFiles *http_files_new            (void);
char      *http_files_url            (HttpFiles  *self,
                                      const char *path);
void       http_files_serve          (HttpFiles  *self,
                                      const char *path,
                                      const char *content_type,
                                      GBytes     *body);
guint      http_files_get_n_requests (HttpFiles  *self);
void       http_files_free           (HttpFiles  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpFiles, http_files_free)

G_END_DECLS
