/* test-certificate-sections.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gnutls/pkcs7.h>
#include <string.h>

#include "certgen.h"
#include "sti-certificate.h"
#include "sti-certificate-file.h"
#include "sti-certificate-sections.h"
#include "sti-gnutls-private.h"

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crq_t, gnutls_x509_crq_deinit, NULL)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pkcs7_t, gnutls_pkcs7_deinit, NULL)

static StiCertificateSections *
sections_of (CertgenCert *cert)
{
  g_autoptr(GBytes) der = certgen_der (cert);
  g_autoptr(GError) error = NULL;
  StiCertificateSections *sections = sti_certificate_sections_new (der, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sections);
  return sections;
}

static const char *
value_of (StiCertificateSections *sections,
          const char             *field_id)
{
  const StiCertificateField *field = sti_certificate_sections_lookup_field (sections, field_id);

  if (field == NULL)
    g_test_message ("no field %s", field_id);
  g_assert_nonnull (field);
  return field->value;
}

/* A minimal DER walk, independent of GnuTLS: the length of the TLV at @p
 * and where its contents start. */
static gsize
der_tlv (const guint8 *p,
         gsize         avail,
         gsize        *header_len)
{
  gsize len;

  g_assert_cmpuint (avail, >=, 2);
  if (p[1] < 0x80)
    {
      *header_len = 2;
      return p[1];
    }

  g_assert_cmpuint (p[1] & 0x7f, <=, 3);
  len = 0;
  for (guint i = 0; i < (p[1] & 0x7fu); i++)
    len = (len << 8) | p[2 + i];
  *header_len = 2 + (p[1] & 0x7f);
  g_assert_cmpuint (*header_len + len, <=, avail);
  return len;
}

/* SubjectPublicKeyInfo of a certificate (skip = 6 fields of the TBS, the
 * first optional [0] version included) or of a request (skip = 2). */
static char *
independent_spki_sha256 (GBytes *der,
                         gboolean request)
{
  gsize size, hl, len;
  const guint8 *p = g_bytes_get_data (der, &size);
  guint skip;

  /* outer SEQUENCE → inner SEQUENCE (TBS / CertificationRequestInfo) */
  len = der_tlv (p, size, &hl);
  p += hl;
  len = der_tlv (p, len, &hl);
  p += hl;

  if (request)
    skip = 2; /* version, subject */
  else
    skip = p[0] == 0xa0 ? 6 : 5; /* [0] version, serial, signature, issuer, validity, subject */

  for (guint i = 0; i < skip; i++)
    {
      gsize field_len = der_tlv (p, len, &hl);

      p += hl + field_len;
    }

  g_assert_cmpuint (p[0], ==, 0x30);
  len = der_tlv (p, 1 << 20, &hl);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, p, hl + len);
}

static void
test_new_destroy (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  StiCertificateSections *sections = sections_of (leaf);

  g_assert_cmpint (sti_certificate_sections_get_kind (sections), ==,
                   STI_CERTIFICATE_KIND_CERTIFICATE);
  g_assert_finalize_object (sections);
}

static void
test_sections (void)
{
  static const char *expected[] = {
    "summary", "general", "subject", "issuer", "validity", "san", "extensions",
    "public-key", "signature", "fingerprints", "pem",
  };
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Example Root", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Example Intermediate", ca);
  const char *names[] = { "mx.example.org", "mail.example.org", NULL };
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(StiCertificateSections) sections = NULL;
  g_autoptr(StiCertificateSections) ca_sections = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GBytes) der = NULL;
  const StiCertificateField *field;
  g_autofree char *pem = NULL;
  g_autofree char *certgen_pem_text = NULL;

  options.common_name = "mx.example.org";
  options.organization = "Example Org";
  options.dns_names = names;
  options.key_algorithm = GNUTLS_PK_RSA;
  options.key_bits = 2048;
  options.ca_issuers_url = "http://ca.example.org/int.der";
  options.ocsp_url = "http://ocsp.example.org/";
  options.key_purpose = GNUTLS_KP_TLS_WWW_SERVER;
  options.must_staple = TRUE;
  options.not_before = g_date_time_to_unix (now) - 10 * 86400;
  options.not_after = g_date_time_to_unix (now) + 30 * 86400 + 3600;
  leaf = certgen_make (&options, intermediate);
  sections = sections_of (leaf);

  g_assert_cmpuint (sti_certificate_sections_get_n_sections (sections), ==,
                    G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const StiCertificateSection *section = sti_certificate_sections_get_section (sections, i);

      g_assert_cmpstr (section->id, ==, expected[i]);
      g_assert_true (section == sti_certificate_sections_lookup_section (sections, expected[i]));
      g_assert_cmpuint (section->fields->len, >, 0);
      for (guint j = 0; j < section->fields->len; j++)
        {
          const StiCertificateField *f = g_ptr_array_index (section->fields, j);

          g_assert_true (g_utf8_validate (f->value, -1, NULL));
          g_assert_true (f == sti_certificate_sections_lookup_field (sections, f->id));
        }
    }

  g_assert_cmpstr (sti_certificate_sections_get_title (sections), ==, "mx.example.org");
  g_assert_false (sti_certificate_sections_get_is_ca (sections));
  g_assert_cmpstr (value_of (sections, "summary.issued-to"), ==, "mx.example.org");
  g_assert_cmpstr (value_of (sections, "summary.issued-by"), ==, "Example Intermediate");
  g_assert_cmpstr (value_of (sections, "summary.expires"), ==, "Valid, expires in 30 days");
  g_assert_cmpstr (value_of (sections, "general.version"), ==, "3");

  /* Subject and issuer, attribute by attribute, with long names */
  field = sti_certificate_sections_lookup_field (sections, "subject.CN");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->label, ==, "Common Name (CN)");
  g_assert_cmpstr (field->value, ==, "mx.example.org");
  g_assert_cmpstr (field->explanation_key, ==, "CN");
  field = sti_certificate_sections_lookup_field (sections, "subject.O");
  g_assert_cmpstr (field->label, ==, "Organization (O)");
  g_assert_cmpstr (field->value, ==, "Example Org");
  g_assert_cmpstr (value_of (sections, "issuer.CN"), ==, "Example Intermediate");
  g_assert_nonnull (strstr (value_of (sections, "subject.dn"), "CN=mx.example.org"));

  /* Validity: UTC is always shown */
  g_assert_nonnull (strstr (value_of (sections, "validity.not-after"), "UTC"));
  g_assert_cmpstr (value_of (sections, "validity.lifetime"), ==, "40 days");
  g_assert_cmpfloat (sti_certificate_sections_get_validity_progress (sections), >, 0.2);
  g_assert_cmpfloat (sti_certificate_sections_get_validity_progress (sections), <, 0.3);

  /* SANs: the count first, then each name */
  g_assert_cmpstr (value_of (sections, "san.count"), ==, "2");
  g_assert_cmpstr (value_of (sections, "san.0"), ==, "mx.example.org");
  g_assert_cmpstr (value_of (sections, "san.1"), ==, "mail.example.org");
  field = sti_certificate_sections_lookup_field (sections, "san.0");
  g_assert_cmpstr (field->label, ==, "DNS name");

  /* Extensions */
  g_assert_nonnull (strstr (value_of (sections, "ext.2.5.29.37"), "TLS server authentication"));
  g_assert_nonnull (strstr (value_of (sections, "ext.2.5.29.37"), "1.3.6.1.5.5.7.3.1"));
  g_assert_nonnull (strstr (value_of (sections, "ext.1.3.6.1.5.5.7.1.1"),
                            "OCSP responder: http://ocsp.example.org/"));
  g_assert_nonnull (strstr (value_of (sections, "ext.1.3.6.1.5.5.7.1.1"),
                            "http://ca.example.org/int.der"));
  g_assert_nonnull (strstr (value_of (sections, "ext.1.3.6.1.5.5.7.1.24"), "must-staple"));
  g_assert_nonnull (strstr (value_of (sections, "ext.2.5.29.19"), "Certificate authority: no"));
  field = sti_certificate_sections_lookup_field (sections, "ext.2.5.29.19");
  g_assert_true (g_str_has_suffix (field->label, "(critical)"));
  g_assert_nonnull (sti_certificate_sections_lookup_field (sections, "ext.2.5.29.15"));
  g_assert_nonnull (sti_certificate_sections_lookup_field (sections, "ext.2.5.29.14"));
  g_assert_nonnull (sti_certificate_sections_lookup_field (sections, "ext.2.5.29.35"));

  /* The AKI of the leaf is the SKI of the intermediate */
  {
    g_autoptr(StiCertificateSections) int_sections = sections_of (intermediate);

    g_assert_cmpstr (value_of (sections, "ext.2.5.29.35"), ==,
                     value_of (int_sections, "ext.2.5.29.14"));
    g_assert_true (sti_certificate_sections_get_is_ca (int_sections));
    g_assert_cmpstr (value_of (int_sections, "summary.role"), ==,
                     "Intermediate certificate authority");
    g_assert_true (g_str_has_prefix (value_of (int_sections, "fingerprints.tlsa"), "2 1 1 "));
  }

  /* Key and signature */
  g_assert_cmpstr (value_of (sections, "public-key.algorithm"), ==, "RSA");
  g_assert_cmpstr (value_of (sections, "public-key.size"), ==, "2048 bits");
  g_assert_false (sti_certificate_sections_lookup_field (sections, "public-key.verdict")->warning);
  g_assert_cmpstr (value_of (sections, "signature.algorithm"), ==, "ECDSA-SHA256");
  g_assert_cmpstr (value_of (sections, "signature.verdict"), ==, "Secure");

  /* Fingerprints against GLib's own SHA-256 and an independent SPKI walk */
  der = certgen_der (leaf);
  {
    g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
    g_autofree char *spki = independent_spki_sha256 (der, FALSE);
    g_autofree char *tlsa = g_strdup_printf ("3 1 1 %s", spki);
    g_autofree char *shown = g_strdup (value_of (sections, "fingerprints.sha256"));
    GString *plain = g_string_new (NULL);

    for (const char *c = shown; *c != '\0'; c++)
      if (*c != ':')
        g_string_append_c (plain, g_ascii_tolower (*c));
    g_assert_cmpstr (plain->str, ==, sha256);
    g_string_free (plain, TRUE);

    g_assert_cmpstr (value_of (sections, "fingerprints.tlsa"), ==, tlsa);
    g_assert_cmpstr (value_of (sections, "fingerprints.spki-sha256"), ==, spki);
    field = sti_certificate_sections_lookup_field (sections, "fingerprints.tlsa");
    g_assert_true (field->copyable);
    g_assert_true (field->monospace);
  }

  /* PEM: the same as GnuTLS writes */
  pem = sti_certificate_sections_dup_pem (sections);
  certgen_pem_text = certgen_pem (leaf);
  g_assert_cmpstr (pem, ==, certgen_pem_text);
  g_assert_cmpstr (value_of (sections, "pem.certificate"), ==, certgen_pem_text);

  ca_sections = sections_of (ca);
  g_assert_true (sti_certificate_sections_get_is_self_signed (ca_sections));
  g_assert_cmpstr (value_of (ca_sections, "summary.role"), ==, "Root certificate authority");
}

static void
test_dn_long_names (void)
{
  g_autoptr(CertgenCert) cert = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(StiCertificateSections) sections = NULL;
  const StiCertificateField *field;
  static const char dc[] = "0.9.2342.19200300.100.1.25";
  int ret;

  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("CN"), ==, "Common Name");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("2.5.4.3"), ==, "Common Name");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("DC"), ==, "Domain Component");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name (dc), ==, "Domain Component");
  g_assert_cmpstr (sti_certificate_dn_attribute_short_name (dc), ==, "DC");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("2.5.4.11"), ==, "Organizational Unit");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("1.2.840.113549.1.9.1"), ==,
                   "Email Address");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("L"), ==, "Locality");
  g_assert_cmpstr (sti_certificate_dn_attribute_long_name ("ST"), ==, "State or Province");
  g_assert_null (sti_certificate_dn_attribute_long_name ("1.2.3.4"));

  /* DC, OU and an unknown attribute in a real certificate */
  ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, dc, 0, "example", 7);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, GNUTLS_OID_X520_ORGANIZATIONAL_UNIT_NAME, 0,
                                       "Mail", 4);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crt_set_dn_by_oid (cert->crt, "1.2.3.4", 1, "\x0c\x03xyz", 5);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crt_sign2 (cert->crt, cert->crt, cert->key, GNUTLS_DIG_SHA256, 0);
  g_assert_cmpint (ret, ==, 0);

  sections = sections_of (cert);
  field = sti_certificate_sections_lookup_field (sections, "subject.DC");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->label, ==, "Domain Component (DC)");
  g_assert_cmpstr (field->value, ==, "example");
  g_assert_cmpstr (field->explanation_key, ==, "DC");
  field = sti_certificate_sections_lookup_field (sections, "subject.OU");
  g_assert_cmpstr (field->label, ==, "Organizational Unit (OU)");
  g_assert_cmpstr (field->value, ==, "Mail");
  field = sti_certificate_sections_lookup_field (sections, "subject.1.2.3.4");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->label, ==, "Attribute 1.2.3.4");
  g_assert_cmpstr (field->value, ==, "xyz");
  g_assert_nonnull (field->explanation);
}

static void
put_u16 (GByteArray *out,
         guint       value)
{
  guint8 b[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
test_scts_and_unknown (void)
{
  g_autoptr(CertgenCert) cert = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(StiCertificateSections) sections = NULL;
  g_autoptr(GByteArray) sct = g_byte_array_new ();
  g_autoptr(GByteArray) list = g_byte_array_new ();
  g_autoptr(GByteArray) ext = g_byte_array_new ();
  const StiCertificateField *field;
  guint8 log_id[32];
  guint64 ms = G_GUINT64_CONSTANT (1700000000123); /* 2023-11-14 22:13:20 UTC */
  static const guint8 sig[] = { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02 };
  static const guint8 unknown[] = { 0x04, 0x03, 0xde, 0xad, 0x01 };
  int ret;

  for (guint i = 0; i < 32; i++)
    log_id[i] = 0xa0 + i;

  /* One SCT (RFC 6962 §3.2): v1, log id, timestamp, no extensions,
   * SHA-256 (4) with ECDSA (3), signature */
  g_byte_array_append (sct, (const guint8 *)"\x00", 1);
  g_byte_array_append (sct, log_id, sizeof log_id);
  for (int shift = 56; shift >= 0; shift -= 8)
    {
      guint8 b = (ms >> shift) & 0xff;

      g_byte_array_append (sct, &b, 1);
    }
  put_u16 (sct, 0);
  g_byte_array_append (sct, (const guint8 *)"\x04\x03", 2);
  put_u16 (sct, sizeof sig);
  g_byte_array_append (sct, sig, sizeof sig);

  put_u16 (list, sct->len + 2);
  put_u16 (list, sct->len);
  g_byte_array_append (list, sct->data, sct->len);

  /* extnValue holds an OCTET STRING of the TLS list */
  g_assert_cmpuint (list->len, <, 128);
  g_byte_array_append (ext, (const guint8 *)"\x04", 1);
  {
    guint8 len = list->len;

    g_byte_array_append (ext, &len, 1);
  }
  g_byte_array_append (ext, list->data, list->len);

  ret = gnutls_x509_crt_set_extension_by_oid (cert->crt, "1.3.6.1.4.1.11129.2.4.2",
                                              ext->data, ext->len, 0);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crt_set_extension_by_oid (cert->crt, "1.2.3.4.5.6", unknown, sizeof unknown, 1);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crt_sign2 (cert->crt, cert->crt, cert->key, GNUTLS_DIG_SHA256, 0);
  g_assert_cmpint (ret, ==, 0);

  sections = sections_of (cert);
  g_assert_cmpstr (value_of (sections, "ext.1.3.6.1.4.1.11129.2.4.2"), ==,
                   "1 timestamp from a Certificate Transparency log");
  field = sti_certificate_sections_lookup_field (sections, "sct.0");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->explanation_key, ==, "CT/SCT");
  g_test_message ("SCT: %s", field->value);
  g_assert_nonnull (strstr (field->value, "Version: v1"));
  g_assert_nonnull (strstr (field->value, "Log ID: A0:A1:A2:A3"));
  g_assert_nonnull (strstr (field->value, ":BF\n"));
  g_assert_nonnull (strstr (field->value, "2023-11-14 22:13:20 UTC"));
  g_assert_nonnull (strstr (field->value, "ECDSA-SHA256"));
  g_assert_null (sti_certificate_sections_lookup_field (sections, "sct.1"));

  /* Unknown: the OID, the hex, the critical flag */
  field = sti_certificate_sections_lookup_field (sections, "ext.1.2.3.4.5.6");
  g_assert_nonnull (field);
  g_assert_cmpstr (field->label, ==, "1.2.3.4.5.6 (critical)");
  g_assert_cmpstr (field->value, ==, "OID 1.2.3.4.5.6\n04 03 DE AD 01");
  g_assert_true (field->monospace);
}

static void
test_findings_map (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(StiCertificateSections) sections = sections_of (leaf);
  static const char *ids[] = {
    "cert-expired", "cert-expiring-soon", "cert-not-yet-valid", "cert-name-mismatch",
    "cert-weak-key", "cert-weak-signature", "cert-self-signed", "cert-revoked",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const char *field_id = sti_certificate_sections_field_for_finding (ids[i]);
      const StiCertificateField *field;

      g_assert_nonnull (field_id);
      field = sti_certificate_sections_lookup_field (sections, field_id);
      g_assert_nonnull (field);
      g_assert_true (g_strv_contains ((const char * const *)field->finding_ids, ids[i]));
    }

  g_assert_cmpstr (sti_certificate_sections_field_for_finding ("cert-expired"), ==,
                   "validity.not-after");
  g_assert_cmpstr (sti_certificate_sections_field_for_finding ("cert-weak-key"), ==,
                   "public-key.algorithm");
  g_assert_cmpstr (sti_certificate_sections_field_for_finding ("cert-not-for-server-auth"), ==,
                   "ext.2.5.29.37");
  g_assert_cmpstr (sti_certificate_sections_field_for_finding ("ocsp-must-staple-missing"), ==,
                   "ext.1.3.6.1.5.5.7.1.24");
  g_assert_cmpstr (sti_certificate_sections_field_for_finding ("chain-missing-intermediate"), ==,
                   "chain");
  g_assert_null (sti_certificate_sections_field_for_finding ("dns-nxdomain"));
}

static void
test_expired_and_weak (void)
{
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) cert = NULL;
  g_autoptr(StiCertificateSections) sections = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  options.common_name = "old.example.org";
  options.key_algorithm = GNUTLS_PK_RSA;
  options.key_bits = 1024;
  options.hash = GNUTLS_DIG_SHA1;
  options.not_before = g_date_time_to_unix (now) - 400 * 86400;
  options.not_after = g_date_time_to_unix (now) - 5 * 86400 - 3600;
  cert = certgen_make (&options, NULL);
  sections = sections_of (cert);

  g_assert_cmpstr (value_of (sections, "summary.expires"), ==, "Expired 5 days ago");
  g_assert_true (sti_certificate_sections_lookup_field (sections, "validity.not-after")->warning);
  g_assert_cmpstr (value_of (sections, "public-key.size"), ==, "1024 bits");
  g_assert_true (sti_certificate_sections_lookup_field (sections, "public-key.verdict")->warning);
  g_assert_cmpstr (value_of (sections, "signature.algorithm"), ==, "RSA-SHA1");
  g_assert_true (sti_certificate_sections_lookup_field (sections, "signature.algorithm")->warning);
  g_assert_cmpfloat (sti_certificate_sections_get_validity_progress (sections), ==, 1.0);
  g_assert_cmpstr (value_of (sections, "san.count"), ==, "0");
}

static void
test_hostile (void)
{
  static const guint8 cn[] = "<b>evil</b> & \xff\xfe bad";
  static const guint8 nul_name[] = "evil.example\0.org";
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) cert = NULL;
  g_autoptr(StiCertificateSections) sections = NULL;
  g_autofree char *long_name = g_strnfill (2000, 'a');
  const StiCertificateSection *san;
  gint64 start;
  guint found_nul = 0;

  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (names, g_strdup_printf ("host%u.example.org", i));
  g_ptr_array_add (names, NULL);

  options.cn_raw = cn;
  options.cn_raw_len = sizeof cn - 1;
  options.organization = long_name;
  options.dns_names = (const char * const *)names->pdata;
  options.raw_dns_name = nul_name;
  options.raw_dns_name_len = sizeof nul_name - 1;
  cert = certgen_make (&options, NULL);

  start = g_get_monotonic_time ();
  sections = sections_of (cert);
  g_test_message ("1,001 SANs parsed in %" G_GINT64_FORMAT " µs", g_get_monotonic_time () - start);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_true (g_utf8_validate (sti_certificate_sections_get_title (sections), -1, NULL));
  g_assert_nonnull (strstr (sti_certificate_sections_get_title (sections), "<b>evil</b> &"));
  g_assert_nonnull (strstr (sti_certificate_sections_get_title (sections), "\\xFF\\xFE"));
  g_assert_cmpuint (strlen (value_of (sections, "subject.O")), ==, 2000);

  san = sti_certificate_sections_lookup_section (sections, "san");
  g_assert_cmpuint (san->fields->len, ==, 1002);
  g_assert_cmpstr (value_of (sections, "san.count"), ==, "1001");
  g_assert_cmpstr (value_of (sections, "san.999"), ==, "host999.example.org");
  for (guint i = 0; i < san->fields->len; i++)
    {
      const StiCertificateField *field = g_ptr_array_index (san->fields, i);

      g_assert_true (g_utf8_validate (field->value, -1, NULL));
      if (strstr (field->value, "\\x00") != NULL)
        found_nul++;
    }
  g_assert_cmpuint (found_nul, ==, 1);
}

/* The viewer's distinguished name is the reports' one: RFC 4514 escapes
 * appear once (O=\"quoted\"), also when invalid bytes need cleaning. */
static void
test_dn_escaped_once (void)
{
  static const guint8 cn[] = "\"quoted\" \xff";
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) cert = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autoptr(StiCertificate) certificate = NULL;
  g_autoptr(StiCertificateSections) sections = NULL;
  const char *dn;

  options.cn_raw = cn;
  options.cn_raw_len = sizeof cn - 1;
  options.organization = "\"quoted\"";
  cert = certgen_make (&options, NULL);
  der = certgen_der (cert);
  certificate = sti_certificate_new_from_der (der, NULL);
  sections = sections_of (cert);

  dn = value_of (sections, "subject.dn");
  g_test_message ("%s", dn);
  g_assert_nonnull (strstr (dn, "CN=\\\"quoted\\\" \\xFF"));
  g_assert_nonnull (strstr (dn, "O=\\\"quoted\\\""));
  g_assert_null (strstr (dn, "\\\\"));
  g_assert_cmpstr (dn, ==, sti_certificate_get_subject (certificate));
  g_assert_cmpstr (value_of (sections, "issuer.dn"), ==, sti_certificate_get_issuer (certificate));
  /* A single attribute is the value itself, without RFC 4514 escapes. */
  g_assert_cmpstr (value_of (sections, "subject.O"), ==, "\"quoted\"");
}

static GBytes *
make_request (CertgenCert *cert)
{
  g_auto(gnutls_x509_crq_t) crq = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  int ret;

  ret = gnutls_x509_crq_init (&crq);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_set_dn_by_oid (crq, GNUTLS_OID_X520_COMMON_NAME, 0, "mx.example.org", 14);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_set_dn_by_oid (crq, GNUTLS_OID_X520_COUNTRY_NAME, 0, "DE", 2);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_set_subject_alt_name (crq, GNUTLS_SAN_DNSNAME, "mx.example.org", 14,
                                              GNUTLS_FSAN_APPEND);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_set_key_purpose_oid (crq, GNUTLS_KP_TLS_WWW_SERVER, 0);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_set_key (crq, cert->key);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_sign2 (crq, cert->key, GNUTLS_DIG_SHA256, 0);
  g_assert_cmpint (ret, ==, 0);
  ret = gnutls_x509_crq_export2 (crq, GNUTLS_X509_FMT_DER, &der);
  g_assert_cmpint (ret, ==, 0);

  return g_bytes_new (der.data, der.size);
}

static void
test_request (void)
{
  g_autoptr(CertgenCert) cert = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(GBytes) der = make_request (cert);
  g_autoptr(GBytes) cert_der = certgen_der (cert);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCertificateSections) cert_sections = sections_of (cert);
  g_autoptr(StiCertificateSections) sections = NULL;
  g_autofree char *spki = independent_spki_sha256 (der, TRUE);
  g_autofree char *pem = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  StiCertificateKind kind;
  const StiCertificateSection *section;

  sections = sti_certificate_sections_new_for_request (der, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sti_certificate_sections_get_kind (sections), ==, STI_CERTIFICATE_KIND_REQUEST);
  g_assert_cmpstr (sti_certificate_sections_get_title (sections), ==, "mx.example.org");

  section = sti_certificate_sections_get_section (sections, 0);
  g_assert_cmpstr (section->id, ==, "request");
  g_assert_cmpstr (section->explanation_key, ==, "CSR");
  g_assert_nonnull (strstr (section->explanation, "CA"));
  g_assert_cmpstr (value_of (sections, "request.signature"), ==,
                   "Valid: whoever made this request holds the private key");
  g_assert_cmpstr (value_of (sections, "subject.CN"), ==, "mx.example.org");
  g_assert_cmpstr (value_of (sections, "subject.C"), ==, "DE");
  g_assert_cmpstr (sti_certificate_sections_lookup_field (sections, "subject.C")->label, ==,
                   "Country (C)");
  g_assert_cmpstr (value_of (sections, "san.count"), ==, "1");
  g_assert_cmpstr (value_of (sections, "san.0"), ==, "mx.example.org");
  g_assert_nonnull (strstr (value_of (sections, "ext.2.5.29.37"), "TLS server authentication"));
  g_assert_null (sti_certificate_sections_lookup_section (sections, "validity"));
  g_assert_null (sti_certificate_sections_lookup_field (sections, "fingerprints.sha256"));

  /* Same key, same SPKI: the request's TLSA data is the certificate's */
  g_assert_cmpstr (value_of (sections, "fingerprints.spki-sha256"), ==, spki);
  g_assert_cmpstr (value_of (sections, "fingerprints.tlsa"), ==,
                   value_of (cert_sections, "fingerprints.tlsa"));

  pem = sti_certificate_sections_dup_pem (sections);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE REQUEST-----\n"));

  /* The PEM goes back through the file reader */
  {
    g_autoptr(GBytes) pem_bytes = g_bytes_new (pem, strlen (pem));

    parsed = sti_certificate_file_parse (pem_bytes, &kind, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (kind, ==, STI_CERTIFICATE_KIND_REQUEST);
    g_assert_cmpuint (parsed->len, ==, 1);
    g_assert_true (g_bytes_equal (parsed->pdata[0], der));
  }
  g_clear_pointer (&parsed, g_ptr_array_unref);
  parsed = sti_certificate_file_parse (der, &kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, STI_CERTIFICATE_KIND_REQUEST);

  /* A certificate is no request, and the other way round */
  g_assert_null (sti_certificate_sections_new_for_request (cert_der, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (sti_certificate_sections_new (der, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

static void
test_files (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Example Root", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", ca);
  g_autoptr(GBytes) leaf_der = certgen_der (leaf);
  g_autoptr(GBytes) ca_der = certgen_der (ca);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *ca_pem = certgen_pem (ca);
  g_autofree char *bundle = g_strconcat ("junk before\n", leaf_pem, "text between\n", ca_pem, NULL);
  g_autoptr(GBytes) bundle_bytes = g_bytes_new (bundle, strlen (bundle));
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(gnutls_pkcs7_t) pkcs7 = NULL;
  StiCertificateKind kind;
  StiCertificateFileFormat format;
  static const char *garbage[] = {
    "", "hello world\n", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    "\x30\x82\x01\x00\x01\x02", "-----BEGIN PKCS7-----\nZZZZ\n-----END PKCS7-----\n",
  };

  /* PEM bundle, in file order */
  parsed = sti_certificate_file_parse (bundle_bytes, &kind, &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, STI_CERTIFICATE_KIND_CERTIFICATE);
  g_assert_cmpint (format, ==, STI_CERTIFICATE_FILE_FORMAT_PEM);
  g_assert_cmpuint (parsed->len, ==, 2);
  g_assert_true (g_bytes_equal (parsed->pdata[0], leaf_der));
  g_assert_true (g_bytes_equal (parsed->pdata[1], ca_der));
  g_clear_pointer (&parsed, g_ptr_array_unref);

  /* DER */
  parsed = sti_certificate_file_parse (leaf_der, &kind, &format, &error);
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, STI_CERTIFICATE_FILE_FORMAT_DER);
  g_assert_cmpuint (parsed->len, ==, 1);
  g_assert_true (g_bytes_equal (parsed->pdata[0], leaf_der));
  g_clear_pointer (&parsed, g_ptr_array_unref);

  /* PKCS #7, DER and PEM */
  g_assert_cmpint (gnutls_pkcs7_init (&pkcs7), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, leaf->crt), ==, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, ca->crt), ==, 0);
  for (int pem = 0; pem < 2; pem++)
    {
      g_auto(StiGnutlsDatum) out = { NULL, 0 };
      g_autoptr(GBytes) bytes = NULL;

      g_assert_cmpint (gnutls_pkcs7_export2 (pkcs7, pem ? GNUTLS_X509_FMT_PEM : GNUTLS_X509_FMT_DER,
                                             &out), ==, 0);
      bytes = g_bytes_new (out.data, out.size);
      parsed = sti_certificate_file_parse (bytes, &kind, &format, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kind, ==, STI_CERTIFICATE_KIND_CERTIFICATE);
      g_assert_cmpint (format, ==, STI_CERTIFICATE_FILE_FORMAT_PKCS7);
      g_assert_cmpuint (parsed->len, ==, 2);
      g_assert_true (g_bytes_equal (parsed->pdata[0], leaf_der) ||
                     g_bytes_equal (parsed->pdata[1], leaf_der));
      g_clear_pointer (&parsed, g_ptr_array_unref);
    }

  /* Not certificates: one clear message */
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      gsize len = i == 3 ? 6 : strlen (garbage[i]);
      g_autoptr(GBytes) bytes = g_bytes_new (garbage[i], len);

      parsed = sti_certificate_file_parse (bytes, &kind, &format, &error);
      g_assert_null (parsed);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%u: %s", i, error->message);
      if (i > 0)
        g_assert_nonnull (strstr (error->message, "not a certificate"));
      g_clear_error (&error);
    }

  /* Too large */
  {
    gsize size = STI_CERTIFICATE_FILE_MAX_SIZE + 1;
    g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (size), size);

    g_assert_null (sti_certificate_file_parse (big, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

static void
test_order_chain (void)
{
  g_autoptr(CertgenCert) root = certgen_make_ca ("Order Root", NULL);
  g_autoptr(CertgenCert) intermediate = certgen_make_ca ("Order Intermediate", root);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", intermediate);
  g_autoptr(CertgenCert) stranger = certgen_make_ca ("Unrelated CA", NULL);
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) unused = NULL;

  /* Sent as leaf, root, stranger, intermediate */
  g_ptr_array_add (chain, sections_of (leaf));
  g_ptr_array_add (chain, sections_of (root));
  g_ptr_array_add (chain, sections_of (stranger));
  g_ptr_array_add (chain, sections_of (intermediate));

  order = sti_certificate_sections_order_chain (chain, &unused);
  g_assert_cmpuint (order->len, ==, 3);
  g_assert_cmpuint (g_array_index (order, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (order, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (order, guint, 2), ==, 1);
  g_assert_cmpuint (unused->len, ==, 1);
  g_assert_cmpuint (g_array_index (unused, guint, 0), ==, 2);

  /* Without the intermediate the path stops at the leaf */
  g_ptr_array_remove_index (chain, 3);
  g_clear_pointer (&order, g_array_unref);
  g_clear_pointer (&unused, g_array_unref);
  order = sti_certificate_sections_order_chain (chain, &unused);
  g_assert_cmpuint (order->len, ==, 1);
  g_assert_cmpuint (unused->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/certificate-sections/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/certificate-sections/sections", test_sections);
  g_test_add_func ("/sti/certificate-sections/dn-long-names", test_dn_long_names);
  g_test_add_func ("/sti/certificate-sections/scts-and-unknown", test_scts_and_unknown);
  g_test_add_func ("/sti/certificate-sections/findings-map", test_findings_map);
  g_test_add_func ("/sti/certificate-sections/expired-and-weak", test_expired_and_weak);
  g_test_add_func ("/sti/certificate-sections/hostile", test_hostile);
  g_test_add_func ("/sti/certificate-sections/dn-escaped-once", test_dn_escaped_once);
  g_test_add_func ("/sti/certificate-sections/request", test_request);
  g_test_add_func ("/sti/certificate-sections/files", test_files);
  g_test_add_func ("/sti/certificate-sections/order-chain", test_order_chain);

  return g_test_run ();
}
