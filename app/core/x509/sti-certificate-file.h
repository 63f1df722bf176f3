/* sti-certificate-file.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-certificate-sections.h"

G_BEGIN_DECLS

/* Files larger than this are not certificates. */
#define STI_CERTIFICATE_FILE_MAX_SIZE         (8 * 1024 * 1024)
#define STI_CERTIFICATE_FILE_MAX_CERTIFICATES 512

typedef enum
{
  STI_CERTIFICATE_FILE_FORMAT_PEM,
  STI_CERTIFICATE_FILE_FORMAT_DER,
  STI_CERTIFICATE_FILE_FORMAT_PKCS7,
} StiCertificateFileFormat;

GPtrArray *sti_certificate_file_parse (GBytes                    *data,
                                       StiCertificateKind        *kind,
                                       StiCertificateFileFormat  *format,
                                       GError                   **error);
gboolean   sti_certificate_file_has_private_key (GBytes           *data);

G_END_DECLS
