/* sti-private-key.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-certificate.h"

G_BEGIN_DECLS

/* The keys a new mail server certificate gets. */
typedef enum
{
  STI_KEY_TYPE_RSA_2048,
  STI_KEY_TYPE_RSA_3072,
  STI_KEY_TYPE_ECDSA_P256,
} StiKeyType;

/* RSA: every sender and every mail server (Exchange included) handles it. */
#define STI_KEY_TYPE_DEFAULT STI_KEY_TYPE_RSA_2048

const char *sti_key_type_to_string   (StiKeyType  type);
gboolean    sti_key_type_from_string (const char *str,
                                      StiKeyType *type);

#define STI_TYPE_PRIVATE_KEY (sti_private_key_get_type ())

G_DECLARE_FINAL_TYPE (StiPrivateKey, sti_private_key, STI, PRIVATE_KEY, GObject)

StiPrivateKey *sti_private_key_generate        (StiKeyType            type,
                                                GError              **error);
void           sti_private_key_generate_async  (StiKeyType            type,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
StiPrivateKey *sti_private_key_generate_finish (GAsyncResult         *result,
                                                GError              **error);
StiPrivateKey *sti_private_key_new_from_data   (GBytes               *data,
                                                GError              **error);
const char    *sti_private_key_get_description (StiPrivateKey        *self);
const char    *sti_private_key_get_spki_sha256 (StiPrivateKey        *self);
gboolean       sti_private_key_matches         (StiPrivateKey        *self,
                                                StiCertificate       *certificate);
GBytes        *sti_private_key_dup_pem         (StiPrivateKey        *self);
gboolean       sti_private_key_save            (StiPrivateKey        *self,
                                                const char           *path,
                                                gboolean              replace,
                                                GError              **error);

G_END_DECLS
