/* test-certificate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "certgen.h"
#include "sti-certificate.h"
#include "sti-gnutls-private.h"
#include "sti-trust-store.h"

static StiCertificate *
parse (CertgenCert *c)
{
  g_autoptr(GBytes) der = certgen_der (c);
  g_autoptr(GError) error = NULL;
  StiCertificate *cert = sti_certificate_new_from_der (der, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cert);
  return cert;
}

static void
test_new_destroy (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  StiCertificate *cert = parse (leaf);

  g_assert_finalize_object (cert);
}

static void
test_fields (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Test Root", NULL);
  g_autoptr(StiCertificate) ca_cert = parse (ca);
  CertgenOptions options = { 0, };
  const char *names[] = { "mx.example.org", "mail.example.org", NULL };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(StiCertificate) cert = NULL;
  g_autoptr(GBytes) der = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *expected_fp = NULL;
  g_autofree char *gnutls_pem = NULL;
  const char * const *dns;

  options.common_name = "mx.example.org";
  options.organization = "Example";
  options.dns_names = names;
  options.key_algorithm = GNUTLS_PK_RSA;
  options.key_bits = 2048;
  options.hash = GNUTLS_DIG_SHA384;
  options.not_before = 1700000000;
  options.not_after = 1800000000;
  options.serial = 0x1234;
  leaf = certgen_make (&options, ca);
  cert = parse (leaf);

  g_assert_cmpstr (sti_certificate_get_subject_cn (cert), ==, "mx.example.org");
  g_assert_nonnull (strstr (sti_certificate_get_subject (cert), "CN=mx.example.org"));
  g_assert_nonnull (strstr (sti_certificate_get_subject (cert), "O=Example"));
  g_assert_nonnull (strstr (sti_certificate_get_issuer (cert), "CN=Test Root"));
  dns = sti_certificate_get_dns_names (cert);
  g_assert_cmpuint (g_strv_length ((char **)dns), ==, 2);
  g_assert_cmpstr (dns[0], ==, "mx.example.org");
  g_assert_cmpstr (dns[1], ==, "mail.example.org");
  g_assert_false (sti_certificate_get_has_nul_in_dns_name (cert));
  g_assert_cmpint (g_date_time_to_unix (sti_certificate_get_not_before (cert)), ==, 1700000000);
  g_assert_cmpint (g_date_time_to_unix (sti_certificate_get_not_after (cert)), ==, 1800000000);
  g_assert_cmpstr (sti_certificate_get_serial (cert), ==, "1234");
  g_assert_cmpstr (sti_certificate_get_public_key_algorithm (cert), ==, "RSA");
  g_assert_cmpuint (sti_certificate_get_public_key_bits (cert), ==, 2048);
  g_assert_null (sti_certificate_get_curve (cert));
  g_assert_cmpstr (sti_certificate_get_signature_algorithm (cert), ==, "ECDSA-SHA384");
  g_assert_false (sti_certificate_get_is_ca (cert));
  g_assert_false (sti_certificate_get_is_self_signed (cert));
  g_assert_true (sti_certificate_get_is_ca (ca_cert));
  g_assert_true (sti_certificate_get_is_self_signed (ca_cert));
  g_assert_cmpstr (sti_certificate_get_curve (ca_cert), ==, "SECP256R1");
  g_assert_cmpuint (sti_certificate_get_public_key_bits (ca_cert), ==, 256);

  der = certgen_der (leaf);
  expected_fp = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, der);
  g_assert_cmpstr (sti_certificate_get_sha256_fingerprint (cert), ==, expected_fp);
  g_assert_cmpuint (strlen (sti_certificate_get_spki_sha256 (cert)), ==, 64);
  g_assert_cmpstr (sti_certificate_get_spki_sha256 (cert), !=,
                   sti_certificate_get_spki_sha256 (ca_cert));
  g_assert_true (g_bytes_equal (sti_certificate_get_der (cert), der));

  pem = sti_certificate_dup_pem (cert);
  gnutls_pem = certgen_pem (leaf);
  g_assert_cmpstr (pem, ==, gnutls_pem);

  /* Properties mirror the getters. */
  {
    g_autofree char *cn = NULL;
    g_auto(GStrv) prop_names = NULL;
    guint bits = 0;

    g_object_get (cert, "subject-cn", &cn, "dns-names", &prop_names,
                  "public-key-bits", &bits, NULL);
    g_assert_cmpstr (cn, ==, "mx.example.org");
    g_assert_cmpstrv (prop_names, names);
    g_assert_cmpuint (bits, ==, 2048);
  }
}

static void
test_hostile_cn (void)
{
  static const guint8 markup_cn[] = "<b>bold</b> & <span foreground=\"red\">x</span>";
  static const guint8 bad_utf8[] = { 'm', 'x', 0xff, 0xfe, 0xc0, 0x80, 'z' };
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) c1 = NULL;
  g_autoptr(CertgenCert) c2 = NULL;
  g_autoptr(StiCertificate) cert1 = NULL;
  g_autoptr(StiCertificate) cert2 = NULL;

  options.cn_raw = markup_cn;
  options.cn_raw_len = sizeof markup_cn - 1;
  c1 = certgen_make (&options, NULL);
  cert1 = parse (c1);
  /* Kept verbatim as text: escaping for markup is the display's job. */
  g_assert_cmpstr (sti_certificate_get_subject_cn (cert1), ==, (const char *)markup_cn);
  g_assert_true (g_utf8_validate (sti_certificate_get_subject (cert1), -1, NULL));

  options.cn_raw = bad_utf8;
  options.cn_raw_len = sizeof bad_utf8;
  c2 = certgen_make (&options, NULL);
  cert2 = parse (c2);
  g_assert_true (g_utf8_validate (sti_certificate_get_subject_cn (cert2), -1, NULL));
  g_assert_true (g_utf8_validate (sti_certificate_get_subject (cert2), -1, NULL));
  g_assert_true (g_str_has_prefix (sti_certificate_get_subject_cn (cert2), "mx"));
  g_assert_nonnull (strstr (sti_certificate_get_subject_cn (cert2), "\\xFF"));
}

static void
test_nul_san (void)
{
  static const guint8 nul_name[] = "mx.example.org\0.evil.test";
  const char *names[] = { "good.example.org", NULL };
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) c = NULL;
  g_autoptr(StiCertificate) cert = NULL;
  const char * const *dns;

  options.common_name = "nul";
  options.dns_names = names;
  options.raw_dns_name = nul_name;
  options.raw_dns_name_len = sizeof nul_name - 1;
  c = certgen_make (&options, NULL);
  cert = parse (c);

  g_assert_true (sti_certificate_get_has_nul_in_dns_name (cert));
  dns = sti_certificate_get_dns_names (cert);
  g_assert_cmpuint (g_strv_length ((char **)dns), ==, 2);
  g_assert_cmpstr (dns[0], ==, "good.example.org");
  g_assert_cmpstr (dns[1], ==, "mx.example.org\\x00.evil.test");
}

static void
test_many_sans (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) c = NULL;
  g_autoptr(StiCertificate) cert = NULL;
  const char * const *dns;

  for (guint i = 0; i < 1000; i++)
    g_ptr_array_add (names, g_strdup_printf ("host%u.example.org", i));
  g_ptr_array_add (names, NULL);

  options.common_name = "many";
  options.dns_names = (const char * const *)names->pdata;
  c = certgen_make (&options, NULL);
  cert = parse (c);

  dns = sti_certificate_get_dns_names (cert);
  g_assert_cmpuint (g_strv_length ((char **)dns), ==, 1000);
  g_assert_cmpstr (dns[0], ==, "host0.example.org");
  g_assert_cmpstr (dns[999], ==, "host999.example.org");
}

static void
test_garbage (void)
{
  static const guint8 junk[] = { 0x30, 0x82, 0xff, 0xff, 0x01, 0x02, 0x03 };
  g_autoptr(CertgenCert) c = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(GBytes) der = certgen_der (c);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  struct {
    const guint8 *data;
    gsize         len;
  } cases[] = {
    { (const guint8 *)"", 0 },
    { (const guint8 *)"hello", 5 },
    { junk, sizeof junk },
    { g_bytes_get_data (der, NULL), g_bytes_get_size (der) / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].data, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (bytes, &error);

      g_assert_null (cert);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }

  /* Random bit flips: an error or a certificate, never a crash. */
  for (guint i = 0; i < 500; i++)
    {
      gsize len = g_bytes_get_size (der);
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (der, NULL), len);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCertificate) cert = NULL;

      for (guint j = 0; j < 4; j++)
        copy[g_rand_int_range (rand, 0, len)] ^= 1 << g_rand_int_range (rand, 0, 8);
      bytes = g_bytes_new (copy, len);
      cert = sti_certificate_new_from_der (bytes, &error);
      g_assert_true ((cert == NULL) != (error == NULL));
      if (cert != NULL)
        g_assert_true (g_utf8_validate (sti_certificate_get_subject (cert), -1, NULL));
    }
}

static void
test_trust_store (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Lab Root", NULL);
  g_autofree char *pem = certgen_pem (ca);
  g_autoptr(GBytes) der = certgen_der (ca);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *der_path = NULL;
  g_autofree char *dir = NULL;
  StiTrustStore *store;

  store = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sti_trust_store_get_description (store), ==, "no system store");
  g_assert_cmpuint (sti_trust_store_get_n_anchors (store), ==, 0);
  g_assert_false (sti_trust_store_is_anchor (store, der));

  g_assert_true (sti_trust_store_add_ca_pem (store, pem, "demo lab CA", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sti_trust_store_get_description (store), ==, "no system store + demo lab CA");
  g_assert_cmpuint (sti_trust_store_get_n_anchors (store), ==, 1);
  g_assert_true (sti_trust_store_is_anchor (store, der));

  g_assert_false (sti_trust_store_add_ca_pem (store, "not a pem", "junk", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  dir = g_dir_make_tmp ("sti-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "ca.pem", NULL);
  der_path = g_build_filename (dir, "ca.der", NULL);
  g_file_set_contents (path, pem, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (der_path, g_bytes_get_data (der, NULL), g_bytes_get_size (der), &error);
  g_assert_no_error (error);

  g_assert_true (sti_trust_store_add_ca_file (store, path, &error));
  g_assert_no_error (error);
  g_assert_true (sti_trust_store_add_ca_file (store, der_path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sti_trust_store_get_description (store), path));
  g_assert_cmpuint (sti_trust_store_get_n_anchors (store), ==, 3);

  /* Missing and invalid files give clear errors. */
  g_assert_false (sti_trust_store_add_ca_file (store, "/nonexistent/ca.pem", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_file_set_contents (path, "garbage", -1, &error);
  g_assert_no_error (error);
  g_assert_false (sti_trust_store_add_ca_file (store, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_unlink (path);
  g_unlink (der_path);
  g_rmdir (dir);

  g_assert_finalize_object (store);
}

static void
test_system_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiTrustStore) store = sti_trust_store_new (TRUE, &error);

  g_assert_no_error (error);
  g_assert_true (sti_trust_store_get_uses_system (store));
  g_assert_true (g_str_has_prefix (sti_trust_store_get_description (store), "system store ("));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/certificate/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/certificate/fields", test_fields);
  g_test_add_func ("/sti/certificate/hostile-cn", test_hostile_cn);
  g_test_add_func ("/sti/certificate/nul-san", test_nul_san);
  g_test_add_func ("/sti/certificate/many-sans", test_many_sans);
  g_test_add_func ("/sti/certificate/garbage", test_garbage);
  g_test_add_func ("/sti/trust-store/anchors", test_trust_store);
  g_test_add_func ("/sti/trust-store/system", test_system_store);

  return g_test_run ();
}
