/* sti-trust-store.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STI_TYPE_TRUST_STORE (sti_trust_store_get_type ())

G_DECLARE_FINAL_TYPE (StiTrustStore, sti_trust_store, STI, TRUST_STORE, GObject)

void           sti_trust_store_preload_system  (void);
StiTrustStore *sti_trust_store_new             (gboolean        use_system,
                                                GError        **error);
StiTrustStore *sti_trust_store_get_system      (void);
gboolean       sti_trust_store_check_ca_file   (const char     *path,
                                                guint          *n_certificates,
                                                GError        **error);
gboolean       sti_trust_store_add_ca_file     (StiTrustStore  *self,
                                                const char     *path,
                                                GError        **error);
gboolean       sti_trust_store_add_ca_pem      (StiTrustStore  *self,
                                                const char     *pem,
                                                const char     *label,
                                                GError        **error);
gboolean       sti_trust_store_add_ca_der      (StiTrustStore  *self,
                                                GBytes         *der,
                                                const char     *label,
                                                GError        **error);
const char    *sti_trust_store_get_description (StiTrustStore  *self);
char          *sti_trust_store_dup_description_text (const char *description);
guint          sti_trust_store_get_n_anchors   (StiTrustStore  *self);
gboolean       sti_trust_store_get_uses_system (StiTrustStore  *self);
gboolean       sti_trust_store_is_anchor       (StiTrustStore  *self,
                                                GBytes         *der);

G_END_DECLS
