/* test-certificate-request.c: the names, the key and the certificate
 * request of `request` (issue 15), checked as a CA and certtool read them
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <string.h>
#include <sys/stat.h>

#include "certgen.h"
#include "sti-certificate-names.h"
#include "sti-certificate-request.h"
#include "sti-check-target.h"
#include "sti-private-key.h"

static void
test_names_valid (void)
{
  const char *input[] = { "MX1.Example.ORG.", "mx2.example.org", "bücher.example", NULL };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = sti_certificate_names_parse (input, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "mx1.example.org");
  g_assert_cmpstr (names[1], ==, "mx2.example.org");
  /* An IDN goes into the certificate as its A-label form. */
  g_assert_cmpstr (names[2], ==, "xn--bcher-kva.example");
}

static void
test_names_invalid (void)
{
  static const struct {
    const char *names[3];
    const char *message_part;
  } cases[] = {
    { { "192.0.2.1", NULL }, "IP address" },
    { { "[2001:db8::1]", NULL }, "IP address" },
    { { "mx.example.org", "MX.example.org.", NULL }, "same name" },
    { { "*.example.org", NULL }, "wildcard" },
    { { "mail", NULL }, "no dot" },
    { { "bad_name.example.org", NULL }, "underscore" },
    { { "-bad.example.org", NULL }, "hyphen" },
    { { "a..example.org", NULL }, "empty label" },
    { { NULL }, "at least one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = sti_certificate_names_parse (cases[i].names, &error);

      g_test_message ("%s", cases[i].message_part);
      g_assert_null (names);
      g_assert_nonnull (error);
      g_assert_true (error->domain == STI_INPUT_ERROR);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static gnutls_x509_crq_t
import_request (GBytes *pem)
{
  gnutls_x509_crq_t crq = NULL;
  gnutls_datum_t datum = { (unsigned char *)g_bytes_get_data (pem, NULL),
                           g_bytes_get_size (pem) };

  g_assert_cmpint (gnutls_x509_crq_init (&crq), >=, 0);
  g_assert_cmpint (gnutls_x509_crq_import (crq, &datum, GNUTLS_X509_FMT_PEM), >=, 0);
  return crq;
}

/* What certtool says about the request, when it is installed (gnutls-bin,
 * build-aux/install-deps.sh). */
static void
assert_certtool_reads (GBytes     *pem,
                       const char *first_name)
{
  g_autofree char *certtool = g_find_program_in_path ("certtool");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  int fd, status = 0;

  if (certtool == NULL)
    {
      g_test_message ("certtool is not installed; the GnuTLS checks stand alone");
      return;
    }

  fd = g_file_open_tmp ("sti-request-XXXXXX.csr", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem), &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { certtool, "--crq-info", "--infile", path, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  expected = g_strdup_printf ("Subject: CN=%s", first_name);
  g_assert_nonnull (strstr (out, expected));
  g_free (expected);
  expected = g_strdup_printf ("DNSname: %s", first_name);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "SHA256"));
}

static void
check_request (StiKeyType            type,
               gnutls_pk_algorithm_t algorithm,
               guint                 bits)
{
  const char *names[] = { "mx1.example.org", "mx2.example.org", "xn--bcher-kva.example", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(StiPrivateKey) key = sti_private_key_generate (type, &error);
  g_autoptr(GBytes) pem = NULL;
  gnutls_x509_crq_t crq;
  char buf[256];
  size_t size = sizeof buf;
  unsigned int key_bits = 0;
  unsigned int critical;
  unsigned int san_type;

  g_assert_no_error (error);
  pem = sti_certificate_request_new_pem (key, names, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pem, NULL),
                                   "-----BEGIN NEW CERTIFICATE REQUEST-----") ||
                 g_str_has_prefix (g_bytes_get_data (pem, NULL),
                                   "-----BEGIN CERTIFICATE REQUEST-----"));

  crq = import_request (pem);
  /* The signature verifies, and is made with SHA-256. */
  g_assert_cmpint (gnutls_x509_crq_verify (crq, 0), >=, 0);
  g_assert_cmpint (gnutls_sign_get_hash_algorithm (gnutls_x509_crq_get_signature_algorithm (crq)),
                   ==, GNUTLS_DIG_SHA256);

  /* The first name is the CN. */
  g_assert_cmpint (gnutls_x509_crq_get_dn_by_oid (crq, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf,
                                                  &size), >=, 0);
  g_assert_cmpstr (buf, ==, "mx1.example.org");

  /* Every name is a dNSName, in order. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      size = sizeof buf;
      g_assert_cmpint (gnutls_x509_crq_get_subject_alt_name (crq, i, buf, &size, &san_type,
                                                             &critical), >=, 0);
      g_assert_cmpuint (san_type, ==, GNUTLS_SAN_DNSNAME);
      g_assert_cmpstr (buf, ==, names[i]);
    }
  size = sizeof buf;
  g_assert_cmpint (gnutls_x509_crq_get_subject_alt_name (crq, 3, buf, &size, &san_type,
                                                         &critical),
                   ==, GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE);

  g_assert_cmpint (gnutls_x509_crq_get_pk_algorithm (crq, &key_bits), ==, algorithm);
  g_assert_cmpuint (key_bits, ==, bits);
  gnutls_x509_crq_deinit (crq);

  assert_certtool_reads (pem, "mx1.example.org");
}

static void
test_request_rsa_2048 (void)
{
  check_request (STI_KEY_TYPE_RSA_2048, GNUTLS_PK_RSA, 2048);
}

static void
test_request_rsa_3072 (void)
{
  check_request (STI_KEY_TYPE_RSA_3072, GNUTLS_PK_RSA, 3072);
}

static void
test_request_ecdsa (void)
{
  check_request (STI_KEY_TYPE_ECDSA_P256, GNUTLS_PK_ECDSA, 256);
}

static void
test_key_types (void)
{
  StiKeyType type;

  g_assert_true (sti_key_type_from_string ("ecdsa-p256", &type));
  g_assert_cmpint (type, ==, STI_KEY_TYPE_ECDSA_P256);
  g_assert_true (sti_key_type_from_string ("rsa-3072", &type));
  g_assert_cmpint (type, ==, STI_KEY_TYPE_RSA_3072);
  g_assert_false (sti_key_type_from_string ("rsa-1024", &type));
  g_assert_cmpstr (sti_key_type_to_string (STI_KEY_TYPE_DEFAULT), ==, "rsa-2048");
}

static StiPrivateKey *
read_key_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;
  StiPrivateKey *key;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  key = sti_private_key_new_from_data (bytes, &error);
  g_assert_no_error (error);

  return key;
}

/* Mode 0600 from creation: even with umask 0, which would leave 0666. */
static void
test_key_file_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiPrivateKey) key = sti_private_key_generate (STI_KEY_TYPE_ECDSA_P256, &error);
  g_autoptr(StiPrivateKey) other = sti_private_key_generate (STI_KEY_TYPE_ECDSA_P256, &error);
  g_autofree char *dir = g_dir_make_tmp ("sti-key-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "mx.example.org.key", NULL);
  g_autoptr(StiPrivateKey) reread = NULL;
  GStatBuf st;
  mode_t saved = umask (0);

  g_assert_no_error (error);
  g_assert_true (sti_private_key_save (key, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Never overwritten without asking. */
  g_assert_false (sti_private_key_save (other, path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  reread = read_key_file (path);
  g_assert_cmpstr (sti_private_key_get_spki_sha256 (reread), ==,
                   sti_private_key_get_spki_sha256 (key));
  g_clear_object (&reread);

  /* Replaced when asked (--force), still 0600. */
  g_assert_true (sti_private_key_save (other, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  umask (saved);
  g_unlink (path);
  g_rmdir (dir);
}

/* --key: a key in PKCS #1, SEC 1 or PKCS #8 makes a request for the same
 * public key, so a DANE 3 1 1 record stays valid. */
static void
test_key_reuse (void)
{
  static const struct {
    gnutls_pk_algorithm_t algorithm;
    gboolean              pkcs8;
  } cases[] = {
    { GNUTLS_PK_RSA, FALSE },   /* "RSA PRIVATE KEY" */
    { GNUTLS_PK_ECDSA, FALSE }, /* "EC PRIVATE KEY" */
    { GNUTLS_PK_RSA, TRUE },    /* "PRIVATE KEY" */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CertgenOptions options = { 0, };
      g_autoptr(CertgenCert) cert = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GBytes) csr = NULL;
      g_autoptr(StiPrivateKey) key = NULL;
      const char *names[] = { "mx.example.org", NULL };
      gnutls_datum_t out = { NULL, 0 };
      gnutls_x509_crq_t crq;
      guint8 id[64], crq_id[64];
      size_t id_size = sizeof id, crq_id_size = sizeof crq_id;

      options.common_name = "mx.example.org";
      options.key_algorithm = cases[i].algorithm;
      cert = certgen_make (&options, NULL);
      if (cases[i].pkcs8)
        g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (cert->key, GNUTLS_X509_FMT_PEM,
                                                            NULL, GNUTLS_PKCS_PLAIN, &out), >=, 0);
      else
        g_assert_cmpint (gnutls_x509_privkey_export2 (cert->key, GNUTLS_X509_FMT_PEM, &out), >=, 0);
      pem = g_bytes_new (out.data, out.size);
      gnutls_free (out.data);

      key = sti_private_key_new_from_data (pem, &error);
      g_assert_no_error (error);
      csr = sti_certificate_request_new_pem (key, names, &error);
      g_assert_no_error (error);

      crq = import_request (csr);
      g_assert_cmpint (gnutls_x509_privkey_get_key_id (cert->key, GNUTLS_KEYID_USE_SHA256, id,
                                                       &id_size), >=, 0);
      g_assert_cmpint (gnutls_x509_crq_get_key_id (crq, GNUTLS_KEYID_USE_SHA256, crq_id,
                                                   &crq_id_size), >=, 0);
      g_assert_cmpmem (id, id_size, crq_id, crq_id_size);
      gnutls_x509_crq_deinit (crq);
    }
}

/* A key too weak, a password-protected one, or no key at all: refused,
 * with the reason. */
static void
test_key_refused (void)
{
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) weak = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GBytes) encrypted = NULL;
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autofree char *weak_pem = NULL;
  gnutls_datum_t out = { NULL, 0 };

  options.common_name = "weak.example.org";
  options.key_algorithm = GNUTLS_PK_RSA;
  options.key_bits = 1024;
  weak = certgen_make (&options, NULL);
  weak_pem = certgen_key_pem (weak);
  pem = g_bytes_new (weak_pem, strlen (weak_pem));
  g_assert_null (sti_private_key_new_from_data (pem, &error));
  g_assert_nonnull (strstr (error->message, "1024"));
  g_clear_error (&error);

  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (weak->key, GNUTLS_X509_FMT_PEM, "secret",
                                                      GNUTLS_PKCS_PBES2_AES_256, &out), >=, 0);
  encrypted = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  g_assert_null (sti_private_key_new_from_data (encrypted, &error));
  g_assert_nonnull (strstr (error->message, "password"));
  g_clear_error (&error);

  g_assert_null (sti_private_key_new_from_data (junk, &error));
  g_assert_nonnull (strstr (error->message, "not a private key"));
}

static void
generate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  StiPrivateKey **key = user_data;
  g_autoptr(GError) error = NULL;

  *key = sti_private_key_generate_finish (result, &error);
  g_assert_no_error (error);
}

/* The window makes keys without blocking its main loop. */
static void
test_generate_async (void)
{
  g_autoptr(StiPrivateKey) key = NULL;

  sti_private_key_generate_async (STI_KEY_TYPE_ECDSA_P256, NULL, generate_cb, &key);
  while (key == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (sti_private_key_get_description (key), ==, "ECDSA, curve P-256");
  g_assert_cmpuint (strlen (sti_private_key_get_spki_sha256 (key)), ==, 64);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gnutls_global_init ();

  g_test_add_func ("/sti/certificate-request/names-valid", test_names_valid);
  g_test_add_func ("/sti/certificate-request/names-invalid", test_names_invalid);
  g_test_add_func ("/sti/certificate-request/rsa-2048", test_request_rsa_2048);
  g_test_add_func ("/sti/certificate-request/rsa-3072", test_request_rsa_3072);
  g_test_add_func ("/sti/certificate-request/ecdsa-p256", test_request_ecdsa);
  g_test_add_func ("/sti/certificate-request/key-types", test_key_types);
  g_test_add_func ("/sti/certificate-request/key-file-mode", test_key_file_mode);
  g_test_add_func ("/sti/certificate-request/key-reuse", test_key_reuse);
  g_test_add_func ("/sti/certificate-request/key-refused", test_key_refused);
  g_test_add_func ("/sti/certificate-request/generate-async", test_generate_async);

  return g_test_run ();
}
