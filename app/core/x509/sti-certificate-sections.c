/* sti-certificate-sections.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections.h"

#include "sti-finding-registry.h"
#include "sti-gnutls-private.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gnutls/x509-ext.h>
#include <string.h>

/* A certificate (or a certificate request) turned into sections of
 * fields, the way gcr's certificate renderer and Firefox's viewer do: the
 * widget only renders what this model says. Every value comes from the
 * DER through sti_text_sanitize(), so it is valid UTF-8 without control
 * characters and must be shown literally. */

#define MAX_EXTENSIONS   256
#define MAX_LIST_ITEMS   4096
#define MAX_DN_ATTRS     256
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


static const struct
{
  const char *oid;
  const char *short_name;
  const char *long_name;
} dn_attributes[] = {
  { "2.5.4.3", "CN", N_("Common Name") },
  { "2.5.4.4", "SN", N_("Surname") },
  { "2.5.4.5", "serialNumber", N_("Serial Number") },
  { "2.5.4.6", "C", N_("Country") },
  { "2.5.4.7", "L", N_("Locality") },
  { "2.5.4.8", "ST", N_("State or Province") },
  { "2.5.4.9", "street", N_("Street Address") },
  { "2.5.4.10", "O", N_("Organization") },
  { "2.5.4.11", "OU", N_("Organizational Unit") },
  { "2.5.4.12", "title", N_("Title") },
  { "2.5.4.13", "description", N_("Description") },
  { "2.5.4.15", "businessCategory", N_("Business Category") },
  { "2.5.4.17", "postalCode", N_("Postal Code") },
  { "2.5.4.41", "name", N_("Name") },
  { "2.5.4.42", "GN", N_("Given Name") },
  { "2.5.4.43", "initials", N_("Initials") },
  { "2.5.4.46", "dnQualifier", N_("Distinguished Name Qualifier") },
  { "2.5.4.65", "pseudonym", N_("Pseudonym") },
  { "2.5.4.97", "organizationIdentifier", N_("Organization Identifier") },
  { "0.9.2342.19200300.100.1.25", "DC", N_("Domain Component") },
  { "0.9.2342.19200300.100.1.1", "UID", N_("User ID") },
  { "1.2.840.113549.1.9.1", "emailAddress", N_("Email Address") },
  { "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionL", N_("Jurisdiction Locality") },
  { "1.3.6.1.4.1.311.60.2.1.2", "jurisdictionST", N_("Jurisdiction State or Province") },
  { "1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC", N_("Jurisdiction Country") },
};

static const struct
{
  const char *oid;
  const char *name;
} eku_names[] = {
  { GNUTLS_KP_TLS_WWW_SERVER, N_("TLS server authentication") },
  { GNUTLS_KP_TLS_WWW_CLIENT, N_("TLS client authentication") },
  { GNUTLS_KP_CODE_SIGNING, N_("Code signing") },
  { GNUTLS_KP_EMAIL_PROTECTION, N_("Email protection (S/MIME)") },
  { GNUTLS_KP_TIME_STAMPING, N_("Time stamping") },
  { GNUTLS_KP_OCSP_SIGNING, N_("OCSP signing") },
  { GNUTLS_KP_ANY, N_("Any purpose") },
};

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

static StiCertificateSection *
add_section (StiCertificateSections *self,
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
static StiCertificateField *
add_field (StiCertificateSections *self,
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

static char *
hex_string (const guint8 *data,
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

static char *
sha_hex (GChecksumType  type,
         const guint8  *data,
         gsize          len,
         const char    *separator)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (type);
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  g_checksum_update (checksum, data, len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  return hex_string (digest, digest_len, separator);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  if (utc == NULL)
    return g_strdup_printf (_("Out of range (%" G_GINT64_FORMAT ")"), unix_time);

  local = g_date_time_to_local (utc);
  utc_text = g_date_time_format (utc, "%Y-%m-%d %H:%M:%S UTC");
  local_text = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S %Z") : NULL;

  if (local_text == NULL || g_date_time_get_utc_offset (local) == 0)
    return g_steal_pointer (&utc_text);

  /* Translators: a date in local time, then the same in UTC */
  return g_strdup_printf (_("%s (%s)"), local_text, utc_text);
}

/* Short name, long name */

static gssize
dn_attribute_index (const char *oid)
{
  for (guint i = 0; i < G_N_ELEMENTS (dn_attributes); i++)
    {
      if (g_str_equal (dn_attributes[i].oid, oid) ||
          g_ascii_strcasecmp (dn_attributes[i].short_name, oid) == 0)
        return i;
    }

  return -1;
}

/**
 * sti_certificate_dn_attribute_short_name:
 * @oid: an attribute OID ("2.5.4.3") or short name
 *
 * Returns: (nullable): the short name ("CN"), or %NULL when unknown
 */
const char *
sti_certificate_dn_attribute_short_name (const char *oid)
{
  gssize i;

  g_return_val_if_fail (oid != NULL, NULL);

  i = dn_attribute_index (oid);
  return i >= 0 ? dn_attributes[i].short_name : NULL;
}

/**
 * sti_certificate_dn_attribute_long_name:
 * @oid: an attribute OID ("0.9.2342.19200300.100.1.25") or short name ("DC")
 *
 * Returns: (nullable): the translated long name ("Domain Component"), or
 *   %NULL when unknown
 */
const char *
sti_certificate_dn_attribute_long_name (const char *oid)
{
  gssize i;

  g_return_val_if_fail (oid != NULL, NULL);

  i = dn_attribute_index (oid);
  return i >= 0 ? _(dn_attributes[i].long_name) : NULL;
}

static void
add_dn_attribute (StiCertificateSections *self,
                  StiCertificateSection  *section,
                  const char             *oid,
                  const guint8           *value,
                  gsize                   value_len)
{
  const char *short_name = sti_certificate_dn_attribute_short_name (oid);
  const char *long_name = sti_certificate_dn_attribute_long_name (oid);
  g_autofree char *id = g_strdup_printf ("%s.%s", section->id,
                                         short_name != NULL ? short_name : oid);
  g_autofree char *label = NULL;
  const char *key = NULL;

  if (short_name != NULL)
    {
      /* Translators: an attribute of a name: "Common Name (CN)" */
      label = g_strdup_printf (_("%s (%s)"), long_name, short_name);
      if (g_str_equal (short_name, "CN") || g_str_equal (short_name, "O") ||
          g_str_equal (short_name, "OU") || g_str_equal (short_name, "DC"))
        key = short_name;
    }
  else
    /* Translators: an attribute of a name the program does not know, by OID */
    label = g_strdup_printf (_("Attribute %s"), oid);

  add_field (self, section, id, label, sti_text_sanitize (value, value_len), key,
             key == NULL ? N_("One attribute of the distinguished name (DN), the "
                              "structured name made of attribute=value pairs.")
                         : NULL);
}

/* The OID of an AVA is a dotted string; its size may count the NUL. */
static gboolean
ava_is_cn (const gnutls_x509_ava_st *ava)
{
  return strnlen ((const char *)ava->oid.data, ava->oid.size) == 7 &&
         memcmp (ava->oid.data, "2.5.4.3", 7) == 0;
}

static char *
dn_string_of (gnutls_x509_dn_t dn)
{
  g_auto(StiGnutlsDatum) str = { NULL, 0 };

  if (gnutls_x509_dn_get_str2 (dn, &str, 0) < 0)
    return g_strdup ("");

  return sti_text_sanitize (str.data, str.size);
}

static void
add_dn_section (StiCertificateSections *self,
                gnutls_x509_dn_t        dn,
                const char             *id,
                const char             *title,
                const char             *key)
{
  StiCertificateSection *section = add_section (self, id, title, key, NULL);

  g_autofree char *dn_id = g_strconcat (id, ".dn", NULL);
  guint count = 0;

  add_field (self, section, dn_id, _("Distinguished name"),
             dn_string_of (dn), NULL,
             N_("The whole name as one string, most specific attribute first (RFC 4514)."));

  for (int irdn = 0; count < MAX_DN_ATTRS; irdn++)
    {
      int iava;

      for (iava = 0; count < MAX_DN_ATTRS; iava++, count++)
        {
          gnutls_x509_ava_st ava;
          g_autofree char *oid = NULL;

          if (gnutls_x509_dn_get_rdn_ava (dn, irdn, iava, &ava) < 0)
            break;
          oid = sti_text_sanitize (ava.oid.data,
                                   strnlen ((const char *)ava.oid.data, ava.oid.size));
          add_dn_attribute (self, section, oid, ava.value.data, ava.value.size);
        }

      if (iava == 0)
        break;
    }
}

/* Extensions, shared by certificates and requests */

static const char *
extension_name (const char *oid)
{
  static const struct { const char *oid; const char *name; } names[] = {
    { "2.5.29.19", N_("Basic constraints") },
    { "2.5.29.15", N_("Key usage") },
    { "2.5.29.37", N_("Extended key usage") },
    { "2.5.29.14", N_("Subject key identifier") },
    { "2.5.29.35", N_("Authority key identifier") },
    { "2.5.29.17", N_("Subject alternative names") },
    { "2.5.29.18", N_("Issuer alternative names") },
    { "1.3.6.1.5.5.7.1.1", N_("Authority information access") },
    { "2.5.29.31", N_("CRL distribution points") },
    { "2.5.29.32", N_("Certificate policies") },
    { "2.5.29.30", N_("Name constraints") },
    { "1.3.6.1.4.1.11129.2.4.2", N_("Embedded signed certificate timestamps") },
    { "1.3.6.1.4.1.11129.2.4.3", N_("Certificate Transparency precertificate poison") },
    { "1.3.6.1.5.5.7.1.24", N_("TLS feature") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (names[i].oid, oid))
        return _(names[i].name);
    }

  return NULL;
}

static const char *
extension_key (const char *oid)
{
  if (g_str_equal (oid, "2.5.29.15"))
    return "keyusage";
  if (g_str_equal (oid, "2.5.29.37"))
    return "EKU";
  if (g_str_equal (oid, "2.5.29.17"))
    return "SAN";
  if (g_str_equal (oid, "1.3.6.1.5.5.7.1.1"))
    return "AIA";
  if (g_str_equal (oid, "2.5.29.31"))
    return "CRL";
  if (g_str_equal (oid, "1.3.6.1.4.1.11129.2.4.2"))
    return "CT/SCT";
  if (g_str_equal (oid, "2.5.29.19"))
    return "CA";
  return NULL;
}

static const char *
extension_explanation (const char *oid)
{
  if (g_str_equal (oid, "2.5.29.14"))
    return N_("A hash of this certificate's public key that lets software find the "
              "certificates it signed.");
  if (g_str_equal (oid, "2.5.29.35"))
    return N_("The key identifier of the issuer: it names the certificate whose key "
              "signed this one, which helps to build the chain.");
  if (g_str_equal (oid, "2.5.29.32"))
    return N_("The rules under which the CA issued the certificate, as OIDs. 2.23.140.1.2.1 "
              "means domain validated: the CA checked control of the names only.");
  if (g_str_equal (oid, "1.3.6.1.5.5.7.1.24"))
    return N_("TLS features the server promises. Status request (5) is \"OCSP must-staple\": "
              "clients should refuse the certificate when the server does not staple a "
              "fresh OCSP response.");
  return N_("An extension this program does not decode, shown as its OID and raw bytes.");
}

static char *
key_usage_text (unsigned int usage)
{
  static const struct { unsigned int bit; const char *name; } bits[] = {
    { GNUTLS_KEY_DIGITAL_SIGNATURE, N_("Digital signature") },
    { GNUTLS_KEY_NON_REPUDIATION, N_("Non-repudiation") },
    { GNUTLS_KEY_KEY_ENCIPHERMENT, N_("Key encipherment") },
    { GNUTLS_KEY_DATA_ENCIPHERMENT, N_("Data encipherment") },
    { GNUTLS_KEY_KEY_AGREEMENT, N_("Key agreement") },
    { GNUTLS_KEY_KEY_CERT_SIGN, N_("Certificate signing") },
    { GNUTLS_KEY_CRL_SIGN, N_("CRL signing") },
    { GNUTLS_KEY_ENCIPHER_ONLY, N_("Encipher only") },
    { GNUTLS_KEY_DECIPHER_ONLY, N_("Decipher only") },
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bits); i++)
    {
      if ((usage & bits[i].bit) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, _(bits[i].name));
    }

  if (out->len == 0)
    g_string_append (out, _("None"));

  return g_string_free (out, FALSE);
}

static char *
san_text (unsigned int        type,
          const gnutls_datum_t *san)
{
  if (type == GNUTLS_SAN_IPADDRESS && (san->size == 4 || san->size == 16))
    {
      g_autoptr(GInetAddress) address =
        g_inet_address_new_from_bytes (san->data, san->size == 4 ? G_SOCKET_FAMILY_IPV4
                                                                 : G_SOCKET_FAMILY_IPV6);
      return g_inet_address_to_string (address);
    }

  return sti_text_sanitize (san->data, san->size);
}

static const char *
san_label (unsigned int type)
{
  switch (type)
    {
    case GNUTLS_SAN_DNSNAME:
      return _("DNS name");
    case GNUTLS_SAN_RFC822NAME:
      return _("Email address");
    case GNUTLS_SAN_URI:
      return _("URI");
    case GNUTLS_SAN_IPADDRESS:
      return _("IP address");
    case GNUTLS_SAN_DN:
      return _("Directory name");
    default:
      return _("Other name");
    }
}

static void
add_sans (StiCertificateSections *self,
          const gnutls_datum_t   *ext)
{
  StiCertificateSection *section;
  gnutls_subject_alt_names_t sans = NULL;
  guint count = 0;

  section = add_section (self, "san", _("Subject Alternative Names"), "SAN", NULL);

  if (ext != NULL &&
      gnutls_subject_alt_names_init (&sans) == 0 &&
      gnutls_x509_ext_import_subject_alt_names (ext, sans, 0) == 0)
    {
      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          gnutls_datum_t san = { NULL, 0 };
          gnutls_datum_t othername = { NULL, 0 };
          unsigned int type;
          g_autofree char *id = NULL;

          if (gnutls_subject_alt_names_get (sans, i, &type, &san, &othername) < 0)
            break;

          id = g_strdup_printf ("san.%u", i);
          add_field (self, section, id, san_label (type), san_text (type, &san), NULL, NULL);
          count++;
        }
    }
  if (sans != NULL)
    gnutls_subject_alt_names_deinit (sans);

  /* The count comes first: the name-mismatch finding points at it. */
  {
    StiCertificateField *field =
      add_field (self, section, "san.count", _("Number of names"),
                 g_strdup_printf ("%u", count), "SAN", NULL);

    g_ptr_array_steal_index (section->fields, section->fields->len - 1);
    g_ptr_array_insert (section->fields, 0, field);
  }
}

static char *
decode_extension (const char             *oid,
                  const gnutls_datum_t   *ext,
                  gboolean               *decoded)
{
  GString *out = g_string_new (NULL);

  *decoded = TRUE;

  if (g_str_equal (oid, "2.5.29.19"))
    {
      unsigned int ca = 0;
      int pathlen = -1;

      if (gnutls_x509_ext_import_basic_constraints (ext, &ca, &pathlen) < 0)
        goto undecoded;
      g_string_append (out, ca ? _("Certificate authority: yes") : _("Certificate authority: no"));
      if (ca && pathlen >= 0)
        g_string_append_printf (out, _(", at most %d intermediate CAs below"), pathlen);
    }
  else if (g_str_equal (oid, "2.5.29.15"))
    {
      unsigned int usage = 0;
      g_autofree char *text = NULL;

      if (gnutls_x509_ext_import_key_usage (ext, &usage) < 0)
        goto undecoded;
      text = key_usage_text (usage);
      g_string_append (out, text);
    }
  else if (g_str_equal (oid, "2.5.29.37"))
    {
      gnutls_x509_key_purposes_t purposes = NULL;

      if (gnutls_x509_key_purpose_init (&purposes) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_key_purposes (ext, purposes, 0) < 0)
        {
          gnutls_x509_key_purpose_deinit (purposes);
          goto undecoded;
        }

      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          gnutls_datum_t purpose = { NULL, 0 };
          g_autofree char *purpose_oid = NULL;
          const char *name = NULL;

          if (gnutls_x509_key_purpose_get (purposes, i, &purpose) < 0)
            break;
          purpose_oid = sti_text_sanitize (purpose.data, purpose.size);
          for (guint j = 0; j < G_N_ELEMENTS (eku_names); j++)
            {
              if (g_str_equal (eku_names[j].oid, purpose_oid))
                name = _(eku_names[j].name);
            }
          if (out->len > 0)
            g_string_append_c (out, '\n');
          if (name != NULL)
            g_string_append_printf (out, "%s (%s)", name, purpose_oid);
          else
            g_string_append (out, purpose_oid);
        }
      gnutls_x509_key_purpose_deinit (purposes);
    }
  else if (g_str_equal (oid, "2.5.29.14"))
    {
      g_auto(StiGnutlsDatum) id = { NULL, 0 };
      g_autofree char *hex = NULL;

      if (gnutls_x509_ext_import_subject_key_id (ext, &id) < 0)
        goto undecoded;
      hex = hex_string (id.data, id.size, ":");
      g_string_append (out, hex);
    }
  else if (g_str_equal (oid, "2.5.29.35"))
    {
      gnutls_x509_aki_t aki = NULL;
      gnutls_datum_t id = { NULL, 0 };

      if (gnutls_x509_aki_init (&aki) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_authority_key_id (ext, aki, 0) < 0 ||
          gnutls_x509_aki_get_id (aki, &id) < 0)
        {
          gnutls_x509_aki_deinit (aki);
          goto undecoded;
        }
      {
        g_autofree char *hex = hex_string (id.data, id.size, ":");
        g_string_append (out, hex);
      }
      gnutls_x509_aki_deinit (aki);
    }
  else if (g_str_equal (oid, "1.3.6.1.5.5.7.1.1"))
    {
      gnutls_x509_aia_t aia = NULL;

      if (gnutls_x509_aia_init (&aia) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_aia (ext, aia, 0) < 0)
        {
          gnutls_x509_aia_deinit (aia);
          goto undecoded;
        }
      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          gnutls_datum_t method = { NULL, 0 };
          gnutls_datum_t san = { NULL, 0 };
          unsigned int san_type;
          g_autofree char *method_oid = NULL;
          g_autofree char *location = NULL;
          const char *what;

          if (gnutls_x509_aia_get (aia, i, &method, &san_type, &san) < 0)
            break;
          method_oid = sti_text_sanitize (method.data, method.size);
          location = san_text (san_type, &san);
          if (g_str_equal (method_oid, GNUTLS_OID_AD_OCSP))
            what = _("OCSP responder");
          else if (g_str_equal (method_oid, GNUTLS_OID_AD_CAISSUERS))
            what = _("CA issuers (where the issuer certificate can be downloaded)");
          else
            what = method_oid;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, "%s: %s", what, location);
        }
      gnutls_x509_aia_deinit (aia);
    }
  else if (g_str_equal (oid, "2.5.29.31"))
    {
      gnutls_x509_crl_dist_points_t points = NULL;

      if (gnutls_x509_crl_dist_points_init (&points) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_crl_dist_points (ext, points, 0) < 0)
        {
          gnutls_x509_crl_dist_points_deinit (points);
          goto undecoded;
        }
      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          gnutls_datum_t point = { NULL, 0 };
          unsigned int type, reasons;
          g_autofree char *text = NULL;

          if (gnutls_x509_crl_dist_points_get (points, i, &type, &point, &reasons) < 0)
            break;
          text = san_text (type, &point);
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, text);
        }
      gnutls_x509_crl_dist_points_deinit (points);
    }
  else if (g_str_equal (oid, "2.5.29.32"))
    {
      gnutls_x509_policies_t policies = NULL;

      if (gnutls_x509_policies_init (&policies) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_policies (ext, policies, 0) < 0)
        {
          gnutls_x509_policies_deinit (policies);
          goto undecoded;
        }
      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          struct gnutls_x509_policy_st policy;
          g_autofree char *policy_oid = NULL;

          if (gnutls_x509_policies_get (policies, i, &policy) < 0)
            break;
          policy_oid = sti_text_sanitize_str (policy.oid);
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, policy_oid);
          if (g_str_equal (policy_oid, "2.23.140.1.2.1"))
            g_string_append (out, _(" (domain validated)"));
          else if (g_str_equal (policy_oid, "2.23.140.1.2.2"))
            g_string_append (out, _(" (organization validated)"));
          else if (g_str_equal (policy_oid, "2.23.140.1.1"))
            g_string_append (out, _(" (extended validation)"));
        }
      gnutls_x509_policies_deinit (policies);
    }
  else if (g_str_equal (oid, "1.3.6.1.4.1.11129.2.4.2"))
    {
      gnutls_x509_ct_scts_t scts = NULL;
      guint n = 0;

      if (gnutls_x509_ext_ct_scts_init (&scts) < 0)
        goto undecoded;
      if (gnutls_x509_ext_ct_import_scts (ext, scts, 0) < 0)
        {
          gnutls_x509_ext_ct_scts_deinit (scts);
          goto undecoded;
        }
      while (n < MAX_LIST_ITEMS)
        {
          unsigned int version;

          if (gnutls_x509_ct_sct_get_version (scts, n, &version) < 0)
            break;
          n++;
        }
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%u timestamp from a Certificate Transparency log",
                                                "%u timestamps from Certificate Transparency logs",
                                                n), n);
      gnutls_x509_ext_ct_scts_deinit (scts);
    }
  else if (g_str_equal (oid, "1.3.6.1.5.5.7.1.24"))
    {
      gnutls_x509_tlsfeatures_t features = NULL;

      if (gnutls_x509_tlsfeatures_init (&features) < 0)
        goto undecoded;
      if (gnutls_x509_ext_import_tlsfeatures (ext, features, 0) < 0)
        {
          gnutls_x509_tlsfeatures_deinit (features);
          goto undecoded;
        }
      for (guint i = 0; i < MAX_LIST_ITEMS; i++)
        {
          unsigned int feature;

          if (gnutls_x509_tlsfeatures_get (features, i, &feature) < 0)
            break;
          if (out->len > 0)
            g_string_append_c (out, '\n');
          if (feature == 5)
            g_string_append (out, _("Status request (5): OCSP must-staple"));
          else if (feature == 17)
            g_string_append (out, _("Status request v2 (17)"));
          else
            g_string_append_printf (out, _("Feature %u"), feature);
        }
      gnutls_x509_tlsfeatures_deinit (features);
    }
  else if (g_str_equal (oid, "2.5.29.17"))
    g_string_append (out, _("See the section Subject Alternative Names"));
  else
    goto undecoded;

  return g_string_free (out, FALSE);

undecoded:
  *decoded = FALSE;
  g_string_free (out, TRUE);
  {
    g_autofree char *hex = hex_string (ext->data, ext->size, " ");

    /* Translators: an extension shown raw: its OID, then its bytes in hex */
    return g_strdup_printf (_("OID %s\n%s"), oid, hex);
  }
}

static void
add_scts (StiCertificateSections *self,
          StiCertificateSection  *section,
          const gnutls_datum_t   *ext)
{
  gnutls_x509_ct_scts_t scts = NULL;

  if (gnutls_x509_ext_ct_scts_init (&scts) < 0)
    return;
  if (gnutls_x509_ext_ct_import_scts (ext, scts, 0) < 0)
    {
      gnutls_x509_ext_ct_scts_deinit (scts);
      return;
    }

  for (guint i = 0; i < MAX_LIST_ITEMS; i++)
    {
      g_auto(StiGnutlsDatum) log_id = { NULL, 0 };
      g_auto(StiGnutlsDatum) signature = { NULL, 0 };
      gnutls_sign_algorithm_t sigalg = GNUTLS_SIGN_UNKNOWN;
      unsigned int version = 0;
      time_t timestamp = 0;
      g_autofree char *log_hex = NULL;
      g_autofree char *when = NULL;
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      const char *sig_name;

      if (gnutls_x509_ct_sct_get_version (scts, i, &version) < 0 ||
          gnutls_x509_ct_sct_get (scts, i, &timestamp, &log_id, &sigalg, &signature) < 0)
        break;

      log_hex = hex_string (log_id.data, log_id.size, ":");
      when = format_time (timestamp);
      sig_name = gnutls_sign_get_name (sigalg);
      id = g_strdup_printf ("sct.%u", i);
      /* Translators: %u is the number of the timestamp, from 1 */
      label = g_strdup_printf (_("Signed certificate timestamp %u"), i + 1);
      add_field (self, section, id, label,
                 /* Translators: an SCT's version (v1), log, time, signature */
                 g_strdup_printf (_("Version: v%u\nLog ID: %s\nTime: %s\nSignature: %s"),
                                  version, log_hex, when,
                                  sig_name != NULL ? sig_name : _("unknown")),
                 "CT/SCT", NULL);
    }

  gnutls_x509_ext_ct_scts_deinit (scts);
}

typedef int (*ExtensionInfoFunc) (gpointer      object,
                                  unsigned      index,
                                  char         *oid,
                                  size_t       *oid_size,
                                  unsigned int *critical);
typedef int (*ExtensionDataFunc) (gpointer         object,
                                  unsigned         index,
                                  gnutls_datum_t  *data);

static int
crt_extension_info (gpointer object, unsigned index, char *oid, size_t *oid_size,
                    unsigned int *critical)
{
  return gnutls_x509_crt_get_extension_info (object, index, oid, oid_size, critical);
}

static int
crt_extension_data (gpointer object, unsigned index, gnutls_datum_t *data)
{
  return gnutls_x509_crt_get_extension_data2 (object, index, data);
}

static int
crq_extension_info (gpointer object, unsigned index, char *oid, size_t *oid_size,
                    unsigned int *critical)
{
  return gnutls_x509_crq_get_extension_info (object, index, oid, oid_size, critical);
}

static int
crq_extension_data (gpointer object, unsigned index, gnutls_datum_t *data)
{
  return gnutls_x509_crq_get_extension_data2 (object, index, data);
}

static void
add_extensions (StiCertificateSections *self,
                gpointer                object,
                ExtensionInfoFunc       info_func,
                ExtensionDataFunc       data_func)
{
  StiCertificateSection *section;
  g_auto(StiGnutlsDatum) san_ext = { NULL, 0 };
  gboolean have_san = FALSE;

  /* The names first: they matter most for a mail server. */
  for (guint i = 0; i < MAX_EXTENSIONS && !have_san; i++)
    {
      char oid_buf[128];
      size_t oid_size = sizeof oid_buf;
      unsigned int critical = 0;
      int ret = info_func (object, i, oid_buf, &oid_size, &critical);

      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret == 0 && strcmp (oid_buf, "2.5.29.17") == 0 && data_func (object, i, &san_ext) == 0)
        have_san = TRUE;
    }
  add_sans (self, have_san ? &san_ext : NULL);

  section = add_section (self, "extensions", _("Extensions"), NULL,
                         N_("Extensions add facts and limits to the certificate. A critical "
                            "extension must be understood by the software that checks the "
                            "certificate: if it is not, the certificate must be rejected."));

  for (guint i = 0; i < MAX_EXTENSIONS; i++)
    {
      char oid_buf[128];
      size_t oid_size = sizeof oid_buf;
      unsigned int critical = 0;
      g_auto(StiGnutlsDatum) data = { NULL, 0 };
      g_autofree char *oid = NULL;
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      StiCertificateField *field;
      const char *name;
      const char *key;
      gboolean decoded;
      int ret;

      memset (oid_buf, 0, sizeof oid_buf);
      ret = info_func (object, i, oid_buf, &oid_size, &critical);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret < 0 || data_func (object, i, &data) < 0)
        continue;

      oid = sti_text_sanitize ((const guint8 *)oid_buf, strnlen (oid_buf, sizeof oid_buf));
      id = g_strconcat ("ext.", oid, NULL);
      name = extension_name (oid);
      key = extension_key (oid);
      value = decode_extension (oid, &data, &decoded);
      if (critical)
        /* Translators: an extension's name, marked critical */
        label = g_strdup_printf (_("%s (critical)"), name != NULL ? name : oid);
      else
        label = g_strdup (name != NULL ? name : oid);

      field = add_field (self, section, id, label, g_steal_pointer (&value),
                         key, key == NULL ? extension_explanation (oid) : NULL);
      field->monospace = !decoded;

      if (g_str_equal (oid, "1.3.6.1.4.1.11129.2.4.2"))
        add_scts (self, section, &data);
    }
}

/* Key, signature, fingerprints */

static void
add_public_key (StiCertificateSections *self,
                gnutls_pubkey_t         pubkey)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  unsigned int bits = 0;
  int algorithm = gnutls_pubkey_get_pk_algorithm (pubkey, &bits);
  const char *name = gnutls_pk_algorithm_get_name (algorithm);
  g_autofree char *verdict = NULL;
  gboolean weak = FALSE;

  section = add_section (self, "public-key", _("Public Key"), "keypair", NULL);
  add_field (self, section, "public-key.algorithm", _("Algorithm"),
             g_strdup (name != NULL ? name : _("Unknown")), "keypair", NULL);

  if (algorithm == GNUTLS_PK_ECDSA || algorithm == GNUTLS_PK_EDDSA_ED25519 ||
      algorithm == GNUTLS_PK_EDDSA_ED448)
    {
      gnutls_ecc_curve_t curve = GNUTLS_ECC_CURVE_INVALID;
      const char *curve_name;

      if (algorithm == GNUTLS_PK_ECDSA)
        gnutls_pubkey_export_ecc_raw2 (pubkey, &curve, NULL, NULL, 0);
      else
        curve = algorithm == GNUTLS_PK_EDDSA_ED25519 ? GNUTLS_ECC_CURVE_ED25519
                                                       : GNUTLS_ECC_CURVE_ED448;
      curve_name = gnutls_ecc_curve_get_name (curve);
      add_field (self, section, "public-key.curve", _("Curve"),
                 g_strdup (curve_name != NULL ? curve_name : _("Unknown")), NULL,
                 N_("Elliptic-curve keys are much shorter than RSA keys of the same strength: "
                    "a 256-bit curve is about as strong as 3072-bit RSA."));
      weak = bits > 0 && bits < 224;
      verdict = weak ? g_strdup (_("Weak: the curve is too small"))
                     : g_strdup_printf (_("Strong (%u-bit curve)"), bits);
    }
  else
    {
      add_field (self, section, "public-key.size", _("Key size"),
                 g_strdup_printf (_("%u bits"), bits), NULL,
                 N_("RSA keys need 2048 bits today; 3072 or more lasts longer. Shorter keys "
                    "can be broken."));
      weak = algorithm == GNUTLS_PK_RSA && bits < 2048;
      if (weak)
        verdict = g_strdup (_("Weak: RSA keys need at least 2048 bits"));
      else if (algorithm == GNUTLS_PK_RSA && bits < 3072)
        verdict = g_strdup (_("Acceptable until about 2030"));
      else
        verdict = g_strdup (_("Strong"));
    }

  field = add_field (self, section, "public-key.verdict", _("Strength"),
                     g_steal_pointer (&verdict), NULL, NULL);
  field->warning = weak;
  if (weak)
    {
      g_strfreev (field->finding_ids);
      field->finding_ids = g_strsplit ("cert-weak-key", " ", -1);
    }
}

static void
add_signature (StiCertificateSections *self,
               int                     sign_algorithm)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  const char *name = gnutls_sign_get_name (sign_algorithm);
  gnutls_digest_algorithm_t hash = gnutls_sign_get_hash_algorithm (sign_algorithm);
  gboolean weak = hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_SHA1 || hash == GNUTLS_DIG_MD2;

  section = add_section (self, "signature", _("Signature"), NULL,
                         N_("The issuer signs a hash of the certificate with its private key. "
                            "With a weak hash such as SHA-1 or MD5, someone could forge a "
                            "certificate with the same signature."));
  field = add_field (self, section, "signature.algorithm", _("Algorithm"),
                     g_strdup (name != NULL ? name : _("Unknown")), NULL, NULL);
  field->warning = weak;
  field = add_field (self, section, "signature.verdict", _("Verdict"),
                     g_strdup (weak ? _("Weak: the hash can be attacked; clients reject it")
                                    : _("Secure")), NULL, NULL);
  field->warning = weak;
}

static void
add_fingerprints (StiCertificateSections *self,
                  GBytes                 *der,
                  const gnutls_datum_t   *spki)
{
  StiCertificateSection *section;
  StiCertificateField *field;
  g_autofree char *spki_hex = sha_hex (G_CHECKSUM_SHA256, spki->data, spki->size, NULL);

  section = add_section (self, "fingerprints", _("Fingerprints"), "fingerprint", NULL);

  if (der != NULL)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (der, &len);

      field = add_field (self, section, "fingerprints.sha256", _("SHA-256"),
                         sha_hex (G_CHECKSUM_SHA256, data, len, ":"), "fingerprint", NULL);
      field->monospace = field->copyable = TRUE;
      field = add_field (self, section, "fingerprints.sha1", _("SHA-1"),
                         sha_hex (G_CHECKSUM_SHA1, data, len, ":"), "fingerprint", NULL);
      field->monospace = field->copyable = TRUE;
    }

  field = add_field (self, section, "fingerprints.spki-sha256", _("Public key (SPKI) SHA-256"),
                     g_strdup (spki_hex), "SPKI", NULL);
  field->monospace = field->copyable = TRUE;

  /* DANE-EE for the server's own certificate, DANE-TA for a CA's. */
  if (self->is_ca)
    {
      field = add_field (self, section, "fingerprints.tlsa", _("TLSA record data (DANE-TA)"),
                         g_strdup_printf ("2 1 1 %s", spki_hex), "TLSA",
                         NULL);
    }
  else
    {
      field = add_field (self, section, "fingerprints.tlsa", _("TLSA record data (DANE-EE)"),
                         g_strdup_printf ("3 1 1 %s", spki_hex), "TLSA", NULL);
    }
  field->monospace = field->copyable = TRUE;
}

static gboolean
export_spki (gnutls_pubkey_t  pubkey,
             StiGnutlsDatum  *spki,
             GError         **error)
{
  if (gnutls_pubkey_export2 (pubkey, GNUTLS_X509_FMT_DER, spki) < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The public key cannot be read"));
      return FALSE;
    }

  return TRUE;
}

static char *
serial_text (const guint8 *serial,
             gsize         len)
{
  return hex_string (serial, len, ":");
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
  g_autofree char *cn = NULL;
  StiCertificateSection *section;
  StiCertificateField *field;
  gnutls_x509_dn_t subject_dn = NULL;
  gnutls_x509_dn_t issuer_dn = NULL;
  gnutls_datum_t datum;
  guint8 serial[64];
  size_t serial_size = sizeof serial;
  unsigned int ca = 0;
  unsigned int critical = 0;
  gint64 not_before, not_after, current;
  gint64 days;

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

  if (!export_spki (pubkey, &spki, error))
    return NULL;

  self = g_object_new (STI_TYPE_CERTIFICATE_SECTIONS, NULL);
  self->kind = STI_CERTIFICATE_KIND_CERTIFICATE;
  self->der = g_bytes_ref (der);
  self->is_ca = gnutls_x509_crt_get_basic_constraints (crt, &critical, &ca, NULL) >= 0 && ca;
  self->is_self_signed = gnutls_x509_crt_check_issuer (crt, crt) != 0;

  if (now == NULL)
    now = now_owned = g_date_time_new_now_utc ();
  current = g_date_time_to_unix (now);
  not_before = gnutls_x509_crt_get_activation_time (crt);
  not_after = gnutls_x509_crt_get_expiration_time (crt);
  if (not_after > not_before)
    self->progress = CLAMP ((double)(current - not_before) / (double)(not_after - not_before),
                            0.0, 1.0);
  else
    self->progress = 1.0;

  /* The title: the first CN, else the whole subject. */
  for (int irdn = 0; cn == NULL && irdn < MAX_DN_ATTRS; irdn++)
    {
      gnutls_x509_ava_st ava;

      if (gnutls_x509_dn_get_rdn_ava (subject_dn, irdn, 0, &ava) < 0)
        break;
      for (int iava = 0; cn == NULL && iava < MAX_DN_ATTRS; iava++)
        {
          if (gnutls_x509_dn_get_rdn_ava (subject_dn, irdn, iava, &ava) < 0)
            break;
          if (ava_is_cn (&ava))
            cn = sti_text_sanitize (ava.value.data, ava.value.size);
        }
    }
  self->title = cn != NULL ? g_steal_pointer (&cn) : dn_string_of (subject_dn);

  /* Summary */
  section = add_section (self, "summary", _("Summary"), NULL, NULL);
  add_field (self, section, "summary.issued-to", _("Issued to"), g_strdup (self->title),
             "subject", NULL);
  {
    g_autofree char *issuer_cn = NULL;

    for (int irdn = 0; issuer_cn == NULL && irdn < MAX_DN_ATTRS; irdn++)
      {
        gnutls_x509_ava_st ava;
        int iava;

        for (iava = 0; issuer_cn == NULL && iava < MAX_DN_ATTRS; iava++)
          {
            if (gnutls_x509_dn_get_rdn_ava (issuer_dn, irdn, iava, &ava) < 0)
              break;
            if (ava_is_cn (&ava))
              issuer_cn = sti_text_sanitize (ava.value.data, ava.value.size);
          }
        if (iava == 0)
          break;
      }
    add_field (self, section, "summary.issued-by", _("Issued by"),
               issuer_cn != NULL ? g_steal_pointer (&issuer_cn) : dn_string_of (issuer_dn),
               self->is_self_signed ? "self-signed" : "issuer", NULL);
  }
  add_field (self, section, "summary.role", _("Kind"),
             g_strdup (self->is_ca ? (self->is_self_signed
                                        ? _("Root certificate authority")
                                        : _("Intermediate certificate authority"))
                                   : _("End-entity (server) certificate")),
             self->is_ca ? (self->is_self_signed ? "root" : "intermediate") : NULL,
             self->is_ca ? NULL : N_("The certificate of one server or service, signed by a CA; "
                                     "it cannot sign other certificates."));
  days = (not_after - current) / 86400;
  if (current < not_before)
    {
      g_autofree char *from = format_time (not_before);

      field = add_field (self, section, "summary.expires", _("Status"),
                         g_strdup_printf (_("Not valid yet: valid from %s"), from),
                         "validity", NULL);
    }
  else if (current > not_after)
    field = add_field (self, section, "summary.expires", _("Status"),
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Expired %" G_GINT64_FORMAT " day ago",
                                                     "Expired %" G_GINT64_FORMAT " days ago",
                                                     -days), -days),
                       "validity", NULL);
  else
    field = add_field (self, section, "summary.expires", _("Status"),
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Valid, expires in %" G_GINT64_FORMAT " day",
                                                     "Valid, expires in %" G_GINT64_FORMAT " days",
                                                     days), days),
                       "validity", NULL);
  field->warning = current < not_before || current > not_after || days < 14;

  /* General */
  section = add_section (self, "general", _("General"), NULL, NULL);
  add_field (self, section, "general.version", _("Version"),
             g_strdup_printf ("%d", gnutls_x509_crt_get_version (crt)), NULL,
             N_("The X.509 format version; certificates with extensions are version 3."));
  if (gnutls_x509_crt_get_serial (crt, serial, &serial_size) >= 0)
    {
      field = add_field (self, section, "general.serial", _("Serial number"),
                         serial_text (serial, serial_size), NULL,
                         N_("The number the CA gave this certificate; revocation lists "
                            "name certificates by it."));
      field->monospace = field->copyable = TRUE;
    }

  add_dn_section (self, subject_dn, "subject", _("Subject"), "subject");
  add_dn_section (self, issuer_dn, "issuer", _("Issuer"), "issuer");

  /* Validity */
  section = add_section (self, "validity", _("Validity"), "validity", NULL);
  field = add_field (self, section, "validity.not-before", _("Valid from"),
                     format_time (not_before), "validity", NULL);
  field->warning = current < not_before;
  field = add_field (self, section, "validity.not-after", _("Valid until"),
                     format_time (not_after), "validity", NULL);
  field->warning = current > not_after || days < 14;
  add_field (self, section, "validity.lifetime", _("Lifetime"),
             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" G_GINT64_FORMAT " day",
                                           "%" G_GINT64_FORMAT " days",
                                           (not_after - not_before) / 86400),
                              (not_after - not_before) / 86400),
             NULL, N_("Public CAs issue certificates for at most 398 days; many use 90 days "
                      "and renew them automatically."));

  add_extensions (self, crt, crt_extension_info, crt_extension_data);
  add_public_key (self, pubkey);
  add_signature (self, gnutls_x509_crt_get_signature_algorithm (crt));
  add_fingerprints (self, der, &spki);

  section = add_section (self, "pem", _("PEM"), NULL,
                         N_("The certificate in the text form servers and tools use: "
                            "base64 between BEGIN and END lines."));
  field = add_field (self, section, "pem.certificate", _("Certificate"),
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
  g_auto(StiGnutlsDatum) dn_text = { NULL, 0 };
  StiCertificateSection *section;
  StiCertificateField *field;
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

  if (!export_spki (pubkey, &spki, error))
    return NULL;

  self = g_object_new (STI_TYPE_CERTIFICATE_SECTIONS, NULL);
  self->kind = STI_CERTIFICATE_KIND_REQUEST;
  self->der = g_bytes_ref (der);
  signature_ok = gnutls_x509_crq_verify (crq, 0) >= 0;

  section = add_section (self, "request", _("Certificate Request"), "CSR",
                         N_("A certificate signing request (CSR) is what you send to a CA to get a "
                            "certificate. It holds the name you "
                            "want certified and your public key, "
                            "signed with your private key to prove you hold it. The private key "
                            "never leaves your server. The CA checks that you control the names, "
                            "then issues a certificate with the same public key, its own name as "
                            "issuer, a validity period and its signature; it may ignore or change "
                            "what the request asks for."));
  field = add_field (self, section, "request.signature", _("Self-signature"),
                     g_strdup (signature_ok ? _("Valid: whoever made this "
                                                "request holds the private key")
                                            : _("Invalid: a CA will reject this request")),
                     NULL, NULL);
  field->warning = !signature_ok;
  add_field (self, section, "request.version", _("Version"),
             g_strdup_printf ("%d", gnutls_x509_crq_get_version (crq)), NULL, NULL);

  /* The subject, attribute by attribute */
  section = add_section (self, "subject", _("Requested Subject"), "subject", NULL);
  if (gnutls_x509_crq_get_dn3 (crq, &dn_text, 0) >= 0)
    add_field (self, section, "subject.dn", _("Distinguished name"),
               sti_text_sanitize (dn_text.data, dn_text.size), NULL,
               N_("The whole name as one string, most specific attribute first (RFC 4514)."));
  for (guint i = 0; i < MAX_DN_ATTRS; i++)
    {
      char oid_buf[128] = { 0 };
      size_t oid_size = sizeof oid_buf - 1;
      g_autofree char *oid = NULL;

      if (gnutls_x509_crq_get_dn_oid (crq, i, oid_buf, &oid_size) < 0)
        break;
      oid = sti_text_sanitize ((const guint8 *)oid_buf, strnlen (oid_buf, sizeof oid_buf));

      for (guint j = 0; j < MAX_DN_ATTRS; j++)
        {
          guint8 value[4096];
          size_t value_size = sizeof value;

          if (gnutls_x509_crq_get_dn_by_oid (crq, oid_buf, j, 0, value, &value_size) < 0)
            break;
          add_dn_attribute (self, section, oid, value, strnlen ((const char *)value, value_size));
        }
    }

  self->title = NULL;
  {
    const StiCertificateField *cn = g_hash_table_lookup (self->fields, "subject.CN");

    self->title = g_strdup (cn != NULL ? cn->value : _("Certificate request"));
  }

  add_extensions (self, crq, crq_extension_info, crq_extension_data);
  add_public_key (self, pubkey);
  add_signature (self, gnutls_x509_crq_get_signature_algorithm (crq));
  add_fingerprints (self, NULL, &spki);

  section = add_section (self, "pem", _("PEM"), NULL, NULL);
  field = add_field (self, section, "pem.request", _("Request"),
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
