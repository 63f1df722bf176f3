/* sti-certificate-sections-extensions.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-sections-private.h"

#include "sti-text.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gnutls/x509-ext.h>
#include <string.h>

/* Extensions, shared by certificates and requests: the Subject Alternative
 * Names section, then one field per extension in the order of the DER.
 * Each extension kind GnuTLS can parse has a small decoder in
 * extension_kinds[]; anything else (or anything that does not parse) is
 * shown as its OID and raw bytes. */

#define MAX_EXTENSIONS   256
#define MAX_LIST_ITEMS   4096

#define OID_SAN   "2.5.29.17"
#define OID_SCTS  "1.3.6.1.4.1.11129.2.4.2"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_subject_alt_names_t, gnutls_subject_alt_names_deinit,
                                 NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_key_purposes_t, gnutls_x509_key_purpose_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_aki_t, gnutls_x509_aki_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_aia_t, gnutls_x509_aia_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crl_dist_points_t, gnutls_x509_crl_dist_points_deinit,
                                 NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_policies_t, gnutls_x509_policies_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_ct_scts_t, gnutls_x509_ext_ct_scts_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_tlsfeatures_t, gnutls_x509_tlsfeatures_deinit, NULL)

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
  g_auto(gnutls_subject_alt_names_t) sans = NULL;
  guint count = 0;

  section = sections_add_section (self, "san", _("Subject Alternative Names"), "SAN", NULL);

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
          sections_add_field (self, section, id, san_label (type), san_text (type, &san),
                              NULL, NULL);
          count++;
        }
    }

  /* The count comes first: the name-mismatch finding points at it. */
  {
    StiCertificateField *field =
      sections_add_field (self, section, "san.count", _("Number of names"),
                          g_strdup_printf ("%u", count), "SAN", NULL);

    g_ptr_array_steal_index (section->fields, section->fields->len - 1);
    g_ptr_array_insert (section->fields, 0, field);
  }
}

/* One decoder per extension kind: append the readable value to @out, or
 * return FALSE when the extension does not parse (it is then shown raw). */
typedef gboolean (*ExtensionDecodeFunc) (const gnutls_datum_t *ext,
                                         GString              *out);

static gboolean
decode_basic_constraints (const gnutls_datum_t *ext,
                          GString              *out)
{
  unsigned int ca = 0;
  int pathlen = -1;

  if (gnutls_x509_ext_import_basic_constraints (ext, &ca, &pathlen) < 0)
    return FALSE;
  g_string_append (out, ca ? _("Certificate authority: yes") : _("Certificate authority: no"));
  if (ca && pathlen >= 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: follows "Certificate
                                               * authority: yes"; %d is a number of CAs */
                                              ", at most %d intermediate CA below",
                                              ", at most %d intermediate CAs below", pathlen),
                            pathlen);

  return TRUE;
}

static gboolean
decode_key_usage (const gnutls_datum_t *ext,
                  GString              *out)
{
  unsigned int usage = 0;
  g_autofree char *text = NULL;

  if (gnutls_x509_ext_import_key_usage (ext, &usage) < 0)
    return FALSE;
  text = key_usage_text (usage);
  g_string_append (out, text);

  return TRUE;
}

static gboolean
decode_key_purposes (const gnutls_datum_t *ext,
                     GString              *out)
{
  g_auto(gnutls_x509_key_purposes_t) purposes = NULL;

  if (gnutls_x509_key_purpose_init (&purposes) < 0 ||
      gnutls_x509_ext_import_key_purposes (ext, purposes, 0) < 0)
    return FALSE;

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

  return TRUE;
}

static gboolean
decode_subject_key_id (const gnutls_datum_t *ext,
                       GString              *out)
{
  g_auto(StiGnutlsDatum) id = { NULL, 0 };
  g_autofree char *hex = NULL;

  if (gnutls_x509_ext_import_subject_key_id (ext, &id) < 0)
    return FALSE;
  hex = sections_hex_string (id.data, id.size, ":");
  g_string_append (out, hex);

  return TRUE;
}

static gboolean
decode_authority_key_id (const gnutls_datum_t *ext,
                         GString              *out)
{
  g_auto(gnutls_x509_aki_t) aki = NULL;
  gnutls_datum_t id = { NULL, 0 };
  g_autofree char *hex = NULL;

  if (gnutls_x509_aki_init (&aki) < 0 ||
      gnutls_x509_ext_import_authority_key_id (ext, aki, 0) < 0 ||
      gnutls_x509_aki_get_id (aki, &id) < 0)
    return FALSE;
  hex = sections_hex_string (id.data, id.size, ":");
  g_string_append (out, hex);

  return TRUE;
}

static gboolean
decode_aia (const gnutls_datum_t *ext,
            GString              *out)
{
  g_auto(gnutls_x509_aia_t) aia = NULL;

  if (gnutls_x509_aia_init (&aia) < 0 ||
      gnutls_x509_ext_import_aia (ext, aia, 0) < 0)
    return FALSE;

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

  return TRUE;
}

static gboolean
decode_crl_dist_points (const gnutls_datum_t *ext,
                        GString              *out)
{
  g_auto(gnutls_x509_crl_dist_points_t) points = NULL;

  if (gnutls_x509_crl_dist_points_init (&points) < 0 ||
      gnutls_x509_ext_import_crl_dist_points (ext, points, 0) < 0)
    return FALSE;

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

  return TRUE;
}

static gboolean
decode_policies (const gnutls_datum_t *ext,
                 GString              *out)
{
  g_auto(gnutls_x509_policies_t) policies = NULL;

  if (gnutls_x509_policies_init (&policies) < 0 ||
      gnutls_x509_ext_import_policies (ext, policies, 0) < 0)
    return FALSE;

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

  return TRUE;
}

static gboolean
decode_scts (const gnutls_datum_t *ext,
             GString              *out)
{
  g_auto(gnutls_x509_ct_scts_t) scts = NULL;
  guint n = 0;

  if (gnutls_x509_ext_ct_scts_init (&scts) < 0 ||
      gnutls_x509_ext_ct_import_scts (ext, scts, 0) < 0)
    return FALSE;

  while (n < MAX_LIST_ITEMS)
    {
      unsigned int version;

      if (gnutls_x509_ct_sct_get_version (scts, n, &version) < 0)
        break;
      n++;
    }
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            /* Translators: %u is a number of timestamps */
                                            "%u timestamp from a Certificate Transparency log",
                                            "%u timestamps from Certificate Transparency logs",
                                            n), n);

  return TRUE;
}

static gboolean
decode_tls_features (const gnutls_datum_t *ext,
                     GString              *out)
{
  g_auto(gnutls_x509_tlsfeatures_t) features = NULL;

  if (gnutls_x509_tlsfeatures_init (&features) < 0 ||
      gnutls_x509_ext_import_tlsfeatures (ext, features, 0) < 0)
    return FALSE;

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
        /* Translators: %u is the number of a TLS feature the program does not know */
        g_string_append_printf (out, _("Feature %u"), feature);
    }

  return TRUE;
}

/* The names have their own section, which comes first. */
static gboolean
decode_sans (const gnutls_datum_t *ext,
             GString              *out)
{
  g_string_append (out, _("See the section Subject Alternative Names"));

  return TRUE;
}

/* Every extension kind the viewer names. A kind with a glossary @key is
 * explained there; one without gets @explanation, or, when it has none,
 * the words for an undecoded extension. */
typedef struct
{
  const char          *oid;
  const char          *name;
  const char          *key;
  const char          *explanation;
  ExtensionDecodeFunc  decode;      /* NULL: shown raw */
} ExtensionKind;

static const ExtensionKind extension_kinds[] = {
  { "2.5.29.19", N_("Basic constraints"), "CA", NULL, decode_basic_constraints },
  { "2.5.29.15", N_("Key usage"), "keyusage", NULL, decode_key_usage },
  { "2.5.29.37", N_("Extended key usage"), "EKU", NULL, decode_key_purposes },
  { "2.5.29.14", N_("Subject key identifier"), NULL,
    N_("A hash of this certificate's public key that lets software find the "
       "certificates it signed."),
    decode_subject_key_id },
  { "2.5.29.35", N_("Authority key identifier"), NULL,
    N_("The key identifier of the issuer: it names the certificate whose key "
       "signed this one, which helps to build the chain."),
    decode_authority_key_id },
  { OID_SAN, N_("Subject alternative names"), "SAN", NULL, decode_sans },
  { "2.5.29.18", N_("Issuer alternative names"), NULL, NULL, NULL },
  { "1.3.6.1.5.5.7.1.1", N_("Authority information access"), "AIA", NULL, decode_aia },
  { "2.5.29.31", N_("CRL distribution points"), "CRL", NULL, decode_crl_dist_points },
  { "2.5.29.32", N_("Certificate policies"), NULL,
    N_("The rules under which the CA issued the certificate, as OIDs. 2.23.140.1.2.1 "
       "means domain validated: the CA checked control of the names only."),
    decode_policies },
  { "2.5.29.30", N_("Name constraints"), NULL, NULL, NULL },
  { OID_SCTS, N_("Embedded signed certificate timestamps"), "CT/SCT", NULL, decode_scts },
  { "1.3.6.1.4.1.11129.2.4.3", N_("Certificate Transparency precertificate poison"), NULL, NULL,
    NULL },
  { "1.3.6.1.5.5.7.1.24", N_("TLS feature"), NULL,
    N_("TLS features the server promises. Status request (5) is \"OCSP must-staple\": "
       "clients should refuse the certificate when the server does not staple a "
       "fresh OCSP response."),
    decode_tls_features },
};

static const ExtensionKind *
extension_kind (const char *oid)
{
  for (guint i = 0; i < G_N_ELEMENTS (extension_kinds); i++)
    {
      if (g_str_equal (extension_kinds[i].oid, oid))
        return &extension_kinds[i];
    }

  return NULL;
}

/* Sets @decoded to FALSE when the value is the OID and the raw bytes. */
static char *
decode_extension (const ExtensionKind  *kind,
                  const char           *oid,
                  const gnutls_datum_t *ext,
                  gboolean             *decoded)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *hex = NULL;

  *decoded = kind != NULL && kind->decode != NULL && kind->decode (ext, out);
  if (*decoded)
    return g_string_free (g_steal_pointer (&out), FALSE);

  hex = sections_hex_string (ext->data, ext->size, " ");
  /* Translators: an extension shown raw: its OID, then its bytes in hex */
  return g_strdup_printf (_("OID %s\n%s"), oid, hex);
}

static void
add_scts (StiCertificateSections *self,
          StiCertificateSection  *section,
          const gnutls_datum_t   *ext)
{
  g_auto(gnutls_x509_ct_scts_t) scts = NULL;

  if (gnutls_x509_ext_ct_scts_init (&scts) < 0 ||
      gnutls_x509_ext_ct_import_scts (ext, scts, 0) < 0)
    return;

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

      log_hex = sections_hex_string (log_id.data, log_id.size, ":");
      when = sections_format_time (timestamp);
      sig_name = gnutls_sign_get_name (sigalg);
      id = g_strdup_printf ("sct.%u", i);
      /* Translators: %u is the number of the timestamp, from 1 */
      label = g_strdup_printf (_("Signed certificate timestamp %u"), i + 1);
      sections_add_field (self, section, id, label,
                          /* Translators: an SCT's version (v1), log, time, signature */
                          g_strdup_printf (_("Version: v%u\nLog ID: %s\nTime: %s\nSignature: %s"),
                                           version, log_hex, when,
                                           sig_name != NULL ? sig_name : _("unknown")),
                          "CT/SCT", NULL);
    }
}

static void
add_extension (StiCertificateSections *self,
               StiCertificateSection  *section,
               const char             *oid,
               gboolean                critical,
               const gnutls_datum_t   *data)
{
  const ExtensionKind *kind = extension_kind (oid);
  const char *name = kind != NULL ? _(kind->name) : oid;
  const char *key = kind != NULL ? kind->key : NULL;
  const char *explanation = NULL;
  g_autofree char *id = g_strconcat ("ext.", oid, NULL);
  g_autofree char *label = NULL;
  g_autofree char *value = NULL;
  StiCertificateField *field;
  gboolean decoded;

  if (key == NULL && kind != NULL && kind->explanation != NULL)
    explanation = kind->explanation;
  else if (key == NULL)
    explanation = N_("An extension this program does not decode, shown as its OID and raw "
                     "bytes.");

  value = decode_extension (kind, oid, data, &decoded);
  if (critical)
    /* Translators: an extension's name, marked critical */
    label = g_strdup_printf (_("%s (critical)"), name);
  else
    label = g_strdup (name);

  field = sections_add_field (self, section, id, label, g_steal_pointer (&value),
                              key, explanation);
  field->monospace = !decoded;

  if (g_str_equal (oid, OID_SCTS))
    add_scts (self, section, data);
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
      if (ret == 0 && strcmp (oid_buf, OID_SAN) == 0 && data_func (object, i, &san_ext) == 0)
        have_san = TRUE;
    }
  add_sans (self, have_san ? &san_ext : NULL);

  section = sections_add_section (self, "extensions", _("Extensions"), NULL,
                                  N_("Extensions add facts and limits to the certificate. A "
                                     "critical extension must be understood by the software "
                                     "that checks the certificate: if it is not, the "
                                     "certificate must be rejected."));

  for (guint i = 0; i < MAX_EXTENSIONS; i++)
    {
      char oid_buf[128];
      size_t oid_size = sizeof oid_buf;
      unsigned int critical = 0;
      g_auto(StiGnutlsDatum) data = { NULL, 0 };
      g_autofree char *oid = NULL;
      int ret;

      memset (oid_buf, 0, sizeof oid_buf);
      ret = info_func (object, i, oid_buf, &oid_size, &critical);
      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret < 0 || data_func (object, i, &data) < 0)
        continue;

      oid = sti_text_sanitize ((const guint8 *)oid_buf, strnlen (oid_buf, sizeof oid_buf));
      add_extension (self, section, oid, critical != 0, &data);
    }
}

void
sections_add_certificate_extensions (StiCertificateSections *self,
                                     gnutls_x509_crt_t       crt)
{
  add_extensions (self, crt, crt_extension_info, crt_extension_data);
}

void
sections_add_request_extensions (StiCertificateSections *self,
                                 gnutls_x509_crq_t       crq)
{
  add_extensions (self, crq, crq_extension_info, crq_extension_data);
}
