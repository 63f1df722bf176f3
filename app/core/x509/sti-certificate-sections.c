/* sti-certificate-sections.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections.h"
#include "sti-certificate-sections-private.h"

#include "sti-finding-registry.h"
#include "sti-format.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* A certificate (or a certificate request) turned into sections of
 * fields, the way gcr's certificate renderer and Firefox's viewer do: the
 * widget only renders what this model says. Every value comes from the
 * DER through sti_text_sanitize(), so it is valid UTF-8 without control
 * characters and must be shown literally.
 *
 * This file owns the object and the summary, general and validity
 * sections; the names, the extensions and the key, signature and
 * fingerprints sections are built in their own files (see
 * sti-certificate-sections-private.h). */

#define HEX_DUMP_MAX     4096

struct _StiCertificateSections
{
  GObject             parent_instance;

  StiCertificateKind  kind;
  GBytes             *der;
  char               *title;
  GPtrArray          *sections;   /* of StiCertificateSection */
  GHashTable         *fields;     /* id → StiCertificateField, borrowed */
  double              progress;
  guint               is_ca : 1;
  guint               is_self_signed : 1;
};

G_DEFINE_FINAL_TYPE (StiCertificateSections, sti_certificate_sections, G_TYPE_OBJECT)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crq_t, gnutls_x509_crq_deinit, NULL)

static void
field_free (gpointer data)
{
  StiCertificateField *field = data;

  g_free (field->id);
  g_free (field->label);
  g_free (field->value);
  g_strfreev (field->finding_ids);
  g_free (field);
}

static void
section_free (gpointer data)
{
  StiCertificateSection *section = data;

  g_free (section->id);
  g_free (section->title);
  g_ptr_array_unref (section->fields);
  g_free (section);
}

static void
sti_certificate_sections_finalize (GObject *object)
{
  StiCertificateSections *self = STI_CERTIFICATE_SECTIONS (object);

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_certificate_sections_parent_class)->finalize (object);
}

static void
sti_certificate_sections_class_init (StiCertificateSectionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_certificate_sections_finalize;
}

static void
sti_certificate_sections_init (StiCertificateSections *self)
{
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Building */
StiCertificateSection *
sections_add_section (StiCertificateSections *self,
                      const char             *id,
                      const char             *title,
                      const char             *explanation_key,
                      const char             *explanation)
{
  StiCertificateSection *section = g_new0 (StiCertificateSection, 1);

  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->explanation_key = explanation_key;
  section->explanation = explanation;
  section->fields = g_ptr_array_new_with_free_func (field_free);
  g_ptr_array_add (self->sections, section);

  return section;
}

static GStrv
findings_for_field (const char *field_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  const char * const *ids = sti_finding_registry_list_ids (sti_finding_registry_get_default ());

  /* The registry says which field each finding is about. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_strcmp0 (sti_finding_entry_get_certificate_field (sti_finding_lookup (ids[i])),
                     field_id) == 0)
        {
          g_strv_builder_add (builder, ids[i]);
          any = TRUE;
        }
    }

  return any ? g_strv_builder_end (builder) : NULL;
}

/* Takes @value; @id is made unique within the certificate. */
StiCertificateField *
sections_add_field (StiCertificateSections *self,
                    StiCertificateSection  *section,
                    const char             *id,
                    const char             *label,
                    char                   *value,
                    const char             *explanation_key,
                    const char             *explanation)
{
  StiCertificateField *field = g_new0 (StiCertificateField, 1);

  if (g_hash_table_contains (self->fields, id))
    {
      for (guint n = 2; ; n++)
        {
          g_autofree char *unique = g_strdup_printf ("%s#%u", id, n);

          if (!g_hash_table_contains (self->fields, unique))
            {
              field->id = g_steal_pointer (&unique);
              break;
            }
        }
    }
  else
    field->id = g_strdup (id);

  field->label = g_strdup (label);
  field->value = value != NULL ? value : g_strdup ("");
  field->explanation_key = explanation_key;
  field->explanation = explanation;
  field->finding_ids = findings_for_field (field->id);
  g_ptr_array_add (section->fields, field);
  g_hash_table_insert (self->fields, field->id, field);

  return field;
}

/* Hex, cut short after HEX_DUMP_MAX bytes. */
char *
sections_hex_string (const guint8 *data,
                     gsize         len,
                     const char   *separator)
{
  gsize shown = MIN (len, HEX_DUMP_MAX);
  char *hex = separator != NULL ? sti_hex_encode_separated (data, shown, separator)
                                : sti_hex_encode (data, shown, FALSE);

  if (shown < len)
    {
      g_autofree char *shortened = hex;

      hex = g_strdup_printf ("%s … (%" G_GSIZE_FORMAT " bytes)", shortened, len);
    }

  return hex;
}

char *
sections_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  if (utc == NULL)
    /* Translators: %lld is a time in seconds since 1970 that no date can show */
    return g_strdup_printf (_("Out of range (%lld)"), (long long)unix_time);

  local = g_date_time_to_local (utc);
  utc_text = sti_format_date_time (utc);
  local_text = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z") : NULL;

  if (local_text == NULL || g_date_time_get_utc_offset (local) == 0)
    return g_steal_pointer (&utc_text);

  /* Translators: a date in local time, then the same in UTC */
  return g_strdup_printf (_("%s (%s)"), local_text, utc_text);
}

/* The dates, read once for the summary and the validity section. */
typedef struct
{
  gint64 current;
  gint64 not_before;
  gint64 not_after;
  gint64 days;        /* whole days left until not_after */
} Validity;

static void
add_summary (StiCertificateSections *self,
             gnutls_x509_dn_t        issuer_dn,
             const Validity         *validity)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  gint64 days = validity->days;

  section = sections_add_section (self, "summary", _("Summary"), NULL, NULL);
  sections_add_field (self, section, "summary.issued-to", _("Issued to"), g_strdup (self->title),
                      "subject", NULL);
  sections_add_field (self, section, "summary.issued-by", _("Issued by"),
                      sections_dn_display_name (issuer_dn),
                      self->is_self_signed ? "self-signed" : "issuer", NULL);
  sections_add_field (self, section, "summary.role", _("Kind"),
                      g_strdup (self->is_ca ? (self->is_self_signed
                                                 ? _("Root certificate authority")
                                                 : _("Intermediate certificate authority"))
                                            : _("End-entity (server) certificate")),
                      self->is_ca ? (self->is_self_signed ? "root" : "intermediate") : NULL,
                      self->is_ca ? NULL : N_("The certificate of one server or service, "
                                              "signed by a CA; it cannot sign other "
                                              "certificates."));
  if (validity->current < validity->not_before)
    {
      g_autofree char *from = sections_format_time (validity->not_before);

      field = sections_add_field (self, section, "summary.expires", _("Status"),
                                  /* Translators: %s is a date */
                                  g_strdup_printf (_("Not valid yet: valid from %s"), from),
                                  "validity", NULL);
    }
  else if (validity->current > validity->not_after)
    field = sections_add_field (self, section, "summary.expires", _("Status"),
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              /* Translators: %lld is a number of
                                                               * days */
                                                              "Expired %lld day ago",
                                                              "Expired %lld days ago",
                                                              -days), (long long)-days),
                                "validity", NULL);
  else
    field = sections_add_field (self, section, "summary.expires", _("Status"),
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              /* Translators: %lld is a number of
                                                               * days */
                                                              "Valid, expires in %lld day",
                                                              "Valid, expires in %lld days",
                                                              days), (long long)days),
                                "validity", NULL);
  field->warning = validity->current < validity->not_before ||
                   validity->current > validity->not_after || days < 14;
}

static void
add_general (StiCertificateSections *self,
             gnutls_x509_crt_t       crt)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  guint8 serial[64];
  size_t serial_size = sizeof serial;

  section = sections_add_section (self, "general", _("General"), NULL, NULL);
  sections_add_field (self, section, "general.version", _("Version"),
                      g_strdup_printf ("%d", gnutls_x509_crt_get_version (crt)), NULL,
                      N_("The X.509 format version; certificates with extensions are "
                         "version 3."));
  if (gnutls_x509_crt_get_serial (crt, serial, &serial_size) >= 0)
    {
      field = sections_add_field (self, section, "general.serial", _("Serial number"),
                                  sections_hex_string (serial, serial_size, ":"), NULL,
                                  N_("The number the CA gave this certificate; revocation "
                                     "lists name certificates by it."));
      field->monospace = field->copyable = TRUE;
    }
}

static void
add_validity (StiCertificateSections *self,
              const Validity         *validity)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  gint64 lifetime = (validity->not_after - validity->not_before) / 86400;

  section = sections_add_section (self, "validity", _("Validity"), "validity", NULL);
  field = sections_add_field (self, section, "validity.not-before", _("Valid from"),
                              sections_format_time (validity->not_before), "validity", NULL);
  field->warning = validity->current < validity->not_before;
  field = sections_add_field (self, section, "validity.not-after", _("Valid until"),
                              sections_format_time (validity->not_after), "validity", NULL);
  field->warning = validity->current > validity->not_after || validity->days < 14;
  sections_add_field (self, section, "validity.lifetime", _("Lifetime"),
                      /* Translators: a certificate's lifetime in days */
                      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day", "%lld days",
                                                    lifetime),
                                       (long long)lifetime),
                      NULL, N_("Public CAs issue certificates for at most 398 days; many use "
                               "90 days and renew them automatically."));
}

/**
 * sti_certificate_sections_new:
 * @der: an X.509 certificate in DER
 * @now: (nullable): the time to compare the validity with; %NULL for now
 * @error: return location for a #GError
 *
 * Reads every field of the certificate into sections.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
StiCertificateSections *
sti_certificate_sections_new (GBytes     *der,
                              GDateTime  *now,
                              GError    **error)
{
  g_autoptr(StiCertificateSections) self = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  g_autoptr(GDateTime) now_owned = NULL;
  g_auto(StiGnutlsDatum) spki = { NULL, 0 };
  StiCertificateSection *section;
  StiCertificateField *field;
  gnutls_x509_dn_t subject_dn = NULL;
  gnutls_x509_dn_t issuer_dn = NULL;
  gnutls_datum_t datum;
  unsigned int ca = 0;
  unsigned int critical = 0;
  Validity validity;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  datum.data = (unsigned char *)g_bytes_get_data (der, NULL);
  datum.size = g_bytes_get_size (der);

  if (gnutls_x509_crt_init (&crt) < 0 ||
      gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_x509_crt_get_subject (crt, &subject_dn) < 0 ||
      gnutls_x509_crt_get_issuer (crt, &issuer_dn) < 0 ||
      gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509 (pubkey, crt, 0) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not an X.509 certificate GnuTLS can read"));
      return NULL;
    }

  if (!sections_export_spki (pubkey, &spki, error))
    return NULL;

  self = g_object_new (STI_TYPE_CERTIFICATE_SECTIONS, NULL);
  self->kind = STI_CERTIFICATE_KIND_CERTIFICATE;
  self->der = g_bytes_ref (der);
  self->is_ca = gnutls_x509_crt_get_basic_constraints (crt, &critical, &ca, NULL) >= 0 && ca;
  self->is_self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;

  if (now == NULL)
    now = now_owned = g_date_time_new_now_utc ();
  validity.current = g_date_time_to_unix (now);
  validity.not_before = gnutls_x509_crt_get_activation_time (crt);
  validity.not_after = gnutls_x509_crt_get_expiration_time (crt);
  validity.days = (validity.not_after - validity.current) / 86400;
  if (validity.not_after > validity.not_before)
    self->progress = CLAMP ((double)(validity.current - validity.not_before) /
                            (double)(validity.not_after - validity.not_before), 0.0, 1.0);
  else
    self->progress = 1.0;

  self->title = sections_dn_display_name (subject_dn);

  add_summary (self, issuer_dn, &validity);
  add_general (self, crt);
  sections_add_dn_section (self, subject_dn, "subject", _("Subject"), "subject");
  sections_add_dn_section (self, issuer_dn, "issuer", _("Issuer"), "issuer");
  add_validity (self, &validity);
  sections_add_certificate_extensions (self, crt);
  sections_add_public_key (self, pubkey);
  sections_add_signature (self, gnutls_x509_crt_get_signature_algorithm (crt));
  sections_add_fingerprints (self, der, &spki);

  section = sections_add_section (self, "pem", _("PEM"), NULL,
                                  N_("The certificate in the text form servers and tools use: "
                                     "base64 between BEGIN and END lines."));
  field = sections_add_field (self, section, "pem.certificate", _("Certificate"),
                              sti_certificate_sections_dup_pem (self), NULL, NULL);
  field->monospace = field->copyable = TRUE;

  return g_steal_pointer (&self);
}

/**
 * sti_certificate_sections_new_for_request:
 * @der: a PKCS #10 certificate request in DER
 * @error: return location for a #GError
 *
 * Reads a certificate signing request: the name and key it asks a CA to
 * certify, the extensions it asks for, and whether its self-signature holds.
 *
 * Returns: (transfer full) (nullable): the model, or %NULL with @error set
 */
StiCertificateSections *
sti_certificate_sections_new_for_request (GBytes  *der,
                                          GError **error)
{
  g_autoptr(StiCertificateSections) self = NULL;
  g_auto(gnutls_x509_crq_t) crq = NULL;
  g_auto(gnutls_pubkey_t) pubkey = NULL;
  g_auto(StiGnutlsDatum) spki = { NULL, 0 };
  StiCertificateSection *section;
  StiCertificateField *field;
  const StiCertificateField *cn;
  gnutls_datum_t datum;
  gboolean signature_ok;

  g_return_val_if_fail (der != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  datum.data = (unsigned char *)g_bytes_get_data (der, NULL);
  datum.size = g_bytes_get_size (der);

  if (gnutls_x509_crq_init (&crq) < 0 ||
      gnutls_x509_crq_import (crq, &datum, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_pubkey_init (&pubkey) < 0 ||
      gnutls_pubkey_import_x509_crq (pubkey, crq, 0) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a PKCS #10 certificate request GnuTLS can read"));
      return NULL;
    }

  if (!sections_export_spki (pubkey, &spki, error))
    return NULL;

  self = g_object_new (STI_TYPE_CERTIFICATE_SECTIONS, NULL);
  self->kind = STI_CERTIFICATE_KIND_REQUEST;
  self->der = g_bytes_ref (der);
  signature_ok = gnutls_x509_crq_verify (crq, 0) >= 0;

  section = sections_add_section (self, "request", _("Certificate Request"), "CSR",
                                  N_("A certificate signing request (CSR) is what you send to a "
                                     "CA to get a certificate. It holds the name you want "
                                     "certified and your public key, signed with your private "
                                     "key to prove you hold it. The private key never leaves "
                                     "your server. The CA checks that you control the names, "
                                     "then issues a certificate with the same public key, its "
                                     "own name as issuer, a validity period and its signature; "
                                     "it may ignore or change what the request asks for."));
  field = sections_add_field (self, section, "request.signature", _("Self-signature"),
                              g_strdup (signature_ok ? _("Valid: whoever made this "
                                                         "request holds the private key")
                                                     : _("Invalid: a CA will reject this "
                                                         "request")),
                              NULL, NULL);
  field->warning = !signature_ok;
  sections_add_field (self, section, "request.version", _("Version"),
                      g_strdup_printf ("%d", gnutls_x509_crq_get_version (crq)), NULL, NULL);

  sections_add_request_subject (self, crq);
  cn = g_hash_table_lookup (self->fields, "subject.CN");
  self->title = g_strdup (cn != NULL ? cn->value : _("Certificate request"));

  sections_add_request_extensions (self, crq);
  sections_add_public_key (self, pubkey);
  sections_add_signature (self, gnutls_x509_crq_get_signature_algorithm (crq));
  sections_add_fingerprints (self, NULL, &spki);

  section = sections_add_section (self, "pem", _("PEM"), NULL, NULL);
  field = sections_add_field (self, section, "pem.request", _("Request"),
                              sti_certificate_sections_dup_pem (self), NULL, NULL);
  field->monospace = field->copyable = TRUE;

  return g_steal_pointer (&self);
}

/**
 * sti_certificate_sections_get_kind:
 * @self: a #StiCertificateSections
 *
 * Returns: whether this is a certificate or a certificate request
 */
StiCertificateKind
sti_certificate_sections_get_kind (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), 0);

  return self->kind;
}

/**
 * sti_certificate_sections_get_der:
 * @self: a #StiCertificateSections
 *
 * Returns: (transfer none): the DER the model was made from
 */
GBytes *
sti_certificate_sections_get_der (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);

  return self->der;
}

/**
 * sti_certificate_sections_get_title:
 * @self: a #StiCertificateSections
 *
 * Returns: the subject's common name, or the whole subject without one
 */
const char *
sti_certificate_sections_get_title (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);

  return self->title;
}

/**
 * sti_certificate_sections_get_is_ca:
 * @self: a #StiCertificateSections
 *
 * Returns: %TRUE if basic constraints make this a CA certificate
 */
gboolean
sti_certificate_sections_get_is_ca (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), FALSE);

  return self->is_ca;
}

/**
 * sti_certificate_sections_get_is_self_signed:
 * @self: a #StiCertificateSections
 *
 * Returns: %TRUE if the issuer is the subject
 */
gboolean
sti_certificate_sections_get_is_self_signed (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), FALSE);

  return self->is_self_signed;
}

/**
 * sti_certificate_sections_get_validity_progress:
 * @self: a #StiCertificateSections
 *
 * Returns: how much of the validity period has passed at the time given
 *   to the constructor, from 0 to 1; 0 for requests
 */
double
sti_certificate_sections_get_validity_progress (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), 0.0);

  return self->progress;
}

/**
 * sti_certificate_sections_get_n_sections:
 * @self: a #StiCertificateSections
 *
 * Returns: the number of sections
 */
guint
sti_certificate_sections_get_n_sections (StiCertificateSections *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), 0);

  return self->sections->len;
}

/**
 * sti_certificate_sections_get_section:
 * @self: a #StiCertificateSections
 * @index: a section number below sti_certificate_sections_get_n_sections()
 *
 * Returns: (transfer none): the section
 */
const StiCertificateSection *
sti_certificate_sections_get_section (StiCertificateSections *self,
                                      guint                   index)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);

  return g_ptr_array_index (self->sections, index);
}

/**
 * sti_certificate_sections_lookup_section:
 * @self: a #StiCertificateSections
 * @section_id: "summary", "subject", …
 *
 * Returns: (transfer none) (nullable): the section, or %NULL
 */
const StiCertificateSection *
sti_certificate_sections_lookup_section (StiCertificateSections *self,
                                         const char             *section_id)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const StiCertificateSection *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->id, section_id))
        return section;
    }

  return NULL;
}

/**
 * sti_certificate_sections_lookup_field:
 * @self: a #StiCertificateSections
 * @field_id: "validity.not-after", "subject.CN", "ext.2.5.29.19", …
 *
 * Returns: (transfer none) (nullable): the field, or %NULL
 */
const StiCertificateField *
sti_certificate_sections_lookup_field (StiCertificateSections *self,
                                       const char             *field_id)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  return g_hash_table_lookup (self->fields, field_id);
}

/**
 * sti_certificate_sections_dup_pem:
 * @self: a #StiCertificateSections
 *
 * Returns: (transfer full): the certificate or request in PEM
 */
char *
sti_certificate_sections_dup_pem (StiCertificateSections *self)
{
  g_autofree char *base64 = NULL;
  const char *label;
  GString *out;
  gsize len;

  g_return_val_if_fail (STI_IS_CERTIFICATE_SECTIONS (self), NULL);

  label = self->kind == STI_CERTIFICATE_KIND_REQUEST ? "CERTIFICATE REQUEST" : "CERTIFICATE";
  base64 = g_base64_encode (g_bytes_get_data (self->der, NULL), g_bytes_get_size (self->der));
  len = strlen (base64);
  out = g_string_sized_new (len + len / 64 + 80);
  g_string_append_printf (out, "-----BEGIN %s-----\n", label);
  for (gsize i = 0; i < len; i += 64)
    {
      g_string_append_len (out, base64 + i, MIN (64, len - i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "-----END %s-----\n", label);

  return g_string_free (out, FALSE);
}

/**
 * sti_certificate_sections_field_for_finding:
 * @finding_id: a finding id ("cert-expired")
 *
 * Returns: (nullable): the id of the field the finding is about, "chain"
 *   for chain findings, or %NULL when it is about no certificate field
 */
const char *
sti_certificate_sections_field_for_finding (const char *finding_id)
{
  const StiFindingEntry *entry;

  g_return_val_if_fail (finding_id != NULL, NULL);

  entry = sti_finding_lookup (finding_id);
  return entry != NULL ? sti_finding_entry_get_certificate_field (entry) : NULL;
}

static gboolean
issued_by (StiCertificateSections *subject,
           StiCertificateSections *issuer)
{
  const StiCertificateField *issuer_name = g_hash_table_lookup (subject->fields, "issuer.dn");
  const StiCertificateField *subject_name = g_hash_table_lookup (issuer->fields, "subject.dn");

  return issuer_name != NULL && subject_name != NULL &&
         g_str_equal (issuer_name->value, subject_name->value);
}

/**
 * sti_certificate_sections_order_chain:
 * @chain: (element-type StiCertificateSections): certificates as a server
 *   sent them, the first being its own
 * @unused: (out) (optional) (element-type guint): the positions of @chain on
 *   no path from the first certificate (duplicates, unrelated ones)
 *
 * Builds the path from the first certificate through the ones that were
 * sent, each followed by its issuer (by name), offline and without a trust
 * store: the chain as built from what was sent, to compare with the order
 * it was sent in.
 *
 * Returns: (transfer full) (element-type guint): the positions of @chain
 *   in path order
 */
GArray *
sti_certificate_sections_order_chain (GPtrArray  *chain,
                                      GArray    **unused)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *used = NULL;
  guint current = 0;

  g_return_val_if_fail (chain != NULL, NULL);

  used = g_new0 (gboolean, MAX (chain->len, 1));

  if (chain->len > 0)
    {
      g_array_append_val (order, current);
      used[0] = TRUE;
    }

  while (chain->len > 0 && !STI_CERTIFICATE_SECTIONS (chain->pdata[current])->is_self_signed)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < chain->len; i++)
        {
          if (!used[i] && issued_by (chain->pdata[current], chain->pdata[i]))
            {
              used[i] = TRUE;
              g_array_append_val (order, i);
              current = i;
              found = TRUE;
              break;
            }
        }

      if (!found)
        break;
    }

  if (unused != NULL)
    {
      *unused = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < chain->len; i++)
        if (!used[i])
          g_array_append_val (*unused, i);
    }

  return g_steal_pointer (&order);
}
