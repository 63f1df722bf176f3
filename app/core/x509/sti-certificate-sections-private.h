/* sti-certificate-sections-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-certificate-sections.h"

#include "sti-gnutls-private.h"

G_BEGIN_DECLS

/* What the parts of the sections model share. sti-certificate-sections.c
 * owns the object and builds the summary, general and validity sections;
 * the names (-dn.c), the extensions (-extensions.c) and the key, signature
 * and fingerprints (-key.c) each fill their own sections through
 * sections_add_section() and sections_add_field(). */

StiCertificateSection *
sections_add_section (StiCertificateSections *self,
                      const char             *id,
                      const char             *title,
                      const char             *explanation_key,
                      const char             *explanation);

StiCertificateField *
sections_add_field (StiCertificateSections *self,
                    StiCertificateSection  *section,
                    const char             *id,
                    const char             *label,
                    char                   *value,
                    const char             *explanation_key,
                    const char             *explanation);

char *
sections_hex_string (const guint8 *data,
                     gsize         len,
                     const char   *separator);

char *
sections_format_time (gint64 unix_time);

/* sti-certificate-sections-dn.c */

char *
sections_dn_display_name (gnutls_x509_dn_t dn);

void
sections_add_dn_section (StiCertificateSections *self,
                         gnutls_x509_dn_t        dn,
                         const char             *id,
                         const char             *title,
                         const char             *key);

void
sections_add_request_subject (StiCertificateSections *self,
                              gnutls_x509_crq_t       crq);

/* sti-certificate-sections-extensions.c */

void
sections_add_certificate_extensions (StiCertificateSections *self,
                                     gnutls_x509_crt_t       crt);

void
sections_add_request_extensions (StiCertificateSections *self,
                                 gnutls_x509_crq_t       crq);

/* sti-certificate-sections-key.c */

gboolean
sections_export_spki (gnutls_pubkey_t  pubkey,
                      StiGnutlsDatum  *spki,
                      GError         **error);

void
sections_add_public_key (StiCertificateSections *self,
                         gnutls_pubkey_t         pubkey);

void
sections_add_signature (StiCertificateSections *self,
                        int                     sign_algorithm);

void
sections_add_fingerprints (StiCertificateSections *self,
                           GBytes                 *der,
                           const gnutls_datum_t   *spki);

G_END_DECLS
