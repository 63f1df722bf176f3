/* sti-lab-ocsp.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-lab-certs.h"

G_BEGIN_DECLS

typedef struct _StiLabOcsp StiLabOcsp;

StiLabOcsp *sti_lab_ocsp_new      (const StiLabCert *issuer);
void        sti_lab_ocsp_free     (StiLabOcsp       *self);
void        sti_lab_ocsp_revoke   (StiLabOcsp       *self,
                                   const StiLabCert *cert,
                                   gint64            revoked_at,
                                   guint             reason);
GBytes     *sti_lab_ocsp_answer   (StiLabOcsp       *self,
                                   GBytes           *request_der,
                                   gint64            now);
GBytes     *sti_lab_ocsp_answer_get_path (StiLabOcsp *self,
                                          const char *path,
                                          gint64      now);

void        sti_lab_der_append    (GByteArray       *out,
                                   guint8            tag,
                                   const guint8     *data,
                                   gsize             len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiLabOcsp, sti_lab_ocsp_free)

G_END_DECLS
