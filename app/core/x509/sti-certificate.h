/* sti-certificate.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define STI_TYPE_CERTIFICATE (sti_certificate_get_type ())

G_DECLARE_FINAL_TYPE (StiCertificate, sti_certificate, STI, CERTIFICATE, GObject)

StiCertificate      *sti_certificate_new_from_der             (GBytes          *der,
                                                               GError         **error);
GBytes              *sti_certificate_get_der                  (StiCertificate  *self);
const char          *sti_certificate_get_subject              (StiCertificate  *self);
const char          *sti_certificate_get_issuer               (StiCertificate  *self);
const char          *sti_certificate_get_subject_cn           (StiCertificate  *self);
const char * const  *sti_certificate_get_dns_names            (StiCertificate  *self);
gboolean             sti_certificate_get_has_nul_in_dns_name  (StiCertificate  *self);
GDateTime           *sti_certificate_get_not_before           (StiCertificate  *self);
GDateTime           *sti_certificate_get_not_after            (StiCertificate  *self);
const char          *sti_certificate_get_serial               (StiCertificate  *self);
const char          *sti_certificate_get_public_key_algorithm (StiCertificate  *self);
guint                sti_certificate_get_public_key_bits      (StiCertificate  *self);
const char          *sti_certificate_get_curve                (StiCertificate  *self);
const char          *sti_certificate_get_signature_algorithm  (StiCertificate  *self);
gboolean             sti_certificate_get_is_ca                (StiCertificate  *self);
gboolean             sti_certificate_get_is_self_signed       (StiCertificate  *self);
const char          *sti_certificate_get_sha256_fingerprint   (StiCertificate  *self);
const char          *sti_certificate_get_spki_sha256          (StiCertificate  *self);
char                *sti_certificate_dup_pem                  (StiCertificate  *self);
gboolean             sti_certificate_equal                    (StiCertificate  *a,
                                                               StiCertificate  *b);

G_END_DECLS
