/* sti-certificate-sections.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  STI_CERTIFICATE_KIND_CERTIFICATE,
  STI_CERTIFICATE_KIND_REQUEST,
} StiCertificateKind;

/* One field: what an expert reads (label, value) and what a newcomer
 * needs (the glossary term or an explanation of its own). Every value went
 * through sti_text_sanitize(): show it literally, never as markup. */
typedef struct
{
  char        *id;              /* stable: "validity.not-after", "subject.2.5.4.3.0" */
  char        *label;           /* translated */
  char        *value;           /* sanitized UTF-8, may be long */
  const char  *explanation_key; /* a glossary term ("CN") or NULL */
  const char  *explanation;     /* untranslated N_() text or NULL: show with _() */
  GStrv        finding_ids;     /* the findings that concern this field; may be NULL */
  guint        monospace : 1;   /* hex, OIDs, PEM */
  guint        copyable : 1;    /* fingerprints, TLSA data, PEM */
  guint        warning : 1;     /* the verdict of this field is bad (weak, expired, …) */
} StiCertificateField;

typedef struct
{
  char        *id;              /* "summary", "subject", "issuer", "validity", "san",
                                 * "public-key", "signature", "extensions",
                                 * "fingerprints", "request", "pem" */
  char        *title;           /* translated */
  const char  *explanation_key;
  const char  *explanation;
  GPtrArray   *fields;          /* of StiCertificateField */
} StiCertificateSection;

#define STI_TYPE_CERTIFICATE_SECTIONS (sti_certificate_sections_get_type ())

G_DECLARE_FINAL_TYPE (StiCertificateSections, sti_certificate_sections, STI, CERTIFICATE_SECTIONS,
                      GObject)

StiCertificateSections      *sti_certificate_sections_new            (GBytes     *der,
                                                                      GDateTime  *now,
                                                                      GError    **error);
StiCertificateSections      *sti_certificate_sections_new_for_request (GBytes  *der,
                                                                       GError **error);
StiCertificateKind           sti_certificate_sections_get_kind       (StiCertificateSections *self);
GBytes                      *sti_certificate_sections_get_der        (StiCertificateSections *self);
const char                  *sti_certificate_sections_get_title      (StiCertificateSections *self);
gboolean                     sti_certificate_sections_get_is_ca      (StiCertificateSections *self);
gboolean                     sti_certificate_sections_get_is_self_signed
                                                                     (StiCertificateSections *self);
double                       sti_certificate_sections_get_validity_progress
                                                                     (StiCertificateSections *self);
guint                        sti_certificate_sections_get_n_sections (StiCertificateSections *self);
const StiCertificateSection *sti_certificate_sections_get_section    (StiCertificateSections *self,
                                                                      guint index);
const StiCertificateSection *sti_certificate_sections_lookup_section (StiCertificateSections *self,
                                                                      const char *section_id);
const StiCertificateField   *sti_certificate_sections_lookup_field   (StiCertificateSections *self,
                                                                      const char *field_id);
char                        *sti_certificate_sections_dup_pem        (StiCertificateSections *self);

GArray     *sti_certificate_sections_order_chain       (GPtrArray  *chain,
                                                        GArray    **unused);
const char *sti_certificate_sections_field_for_finding (const char *finding_id);
const char *sti_certificate_dn_attribute_short_name    (const char *oid);
const char *sti_certificate_dn_attribute_long_name     (const char *oid);

G_END_DECLS
