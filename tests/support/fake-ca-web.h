/* fake-ca-web.h: a CA's web server for tests: certificates by path (AIA
 * caIssuers), redirects, an OCSP responder, and hostile answers
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-lab-ocsp.h"

G_BEGIN_DECLS

typedef struct _FakeCaWeb FakeCaWeb;

FakeCaWeb *fake_ca_web_new            (void);
void       fake_ca_web_free           (FakeCaWeb   *self);
char      *fake_ca_web_url            (FakeCaWeb   *self,
                                       const char  *path);
void       fake_ca_web_serve          (FakeCaWeb   *self,
                                       const char  *path,
                                       const char  *content_type,
                                       GBytes      *body);
void       fake_ca_web_redirect       (FakeCaWeb   *self,
                                       const char  *path,
                                       const char  *location);
void       fake_ca_web_set_ocsp       (FakeCaWeb   *self,
                                       StiLabOcsp  *ocsp);
guint      fake_ca_web_get_n_requests (FakeCaWeb   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeCaWeb, fake_ca_web_free)

G_END_DECLS
