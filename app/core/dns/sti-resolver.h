/* sti-resolver.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-dns-answer.h"
#include "sti-dns-rdata.h"

G_BEGIN_DECLS

#define STI_RESOLVER_DEFAULT_TIMEOUT_MS 10000

#define STI_TYPE_RESOLVER (sti_resolver_get_type ())

G_DECLARE_FINAL_TYPE (StiResolver, sti_resolver, STI, RESOLVER, GObject)

StiResolver  *sti_resolver_new              (const char           *dns_server,
                                             GError              **error);
gboolean      sti_resolver_check_server     (const char           *dns_server,
                                             GError              **error);
StiResolver  *sti_resolver_new_full         (const char           *dns_server,
                                             const char           *trust_anchor_file,
                                             GError              **error);
gboolean      sti_resolver_add_local_zone   (StiResolver          *self,
                                             const char           *zone,
                                             const char           *type,
                                             GError              **error);
gboolean      sti_resolver_add_local_data   (StiResolver          *self,
                                             const char           *rr,
                                             GError              **error);
gboolean      sti_resolver_add_stub_zone    (StiResolver          *self,
                                             const char           *zone,
                                             const char           *server,
                                             const char           *trust_anchor,
                                             GError              **error);
void          sti_resolver_set_timeout      (StiResolver          *self,
                                             guint                 timeout_ms);
guint         sti_resolver_get_timeout      (StiResolver          *self);
const char   *sti_resolver_get_description  (StiResolver          *self);
const char   *sti_resolver_get_user_server  (StiResolver          *self);
void          sti_resolver_set_user_chosen  (StiResolver          *self,
                                             gboolean              user_chosen);
void          sti_resolver_query_async      (StiResolver          *self,
                                             const char           *name,
                                             guint16               rrtype,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
StiDnsAnswer *sti_resolver_query_finish     (StiResolver          *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
