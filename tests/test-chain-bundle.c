/* test-chain-bundle.c: `bundle` (issue 15): the chain file made from what
 * a CA sends, in any order and format, with a missing intermediate
 * fetched over AIA from a loopback HTTP fake, and the PKCS #12 file
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <string.h>

#include "certgen.h"
#include "fake-ca-web.h"
#include "sti-certificate-request.h"
#include "sti-chain-bundle.h"
#include "sti-trust-store.h"

#define DAY (24 * 3600)

/* The CA's web server serves the intermediate for the AIA cases. */
typedef struct
{
  FakeCaWeb     *web;
  StiTrustStore *trust;
  CertgenCert   *root;
  CertgenCert   *intermediate;
} Fixture;

static char *
url (Fixture    *f,
     const char *path)
{
  return fake_ca_web_url (f->web, path);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root_pem = NULL;

  f->web = fake_ca_web_new ();
  f->root = certgen_make_ca ("Bundle Test Root", NULL);
  f->intermediate = certgen_make_ca ("Bundle Test Intermediate", f->root);
  f->trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  root_pem = certgen_pem (f->root);
  sti_trust_store_add_ca_pem (f->trust, root_pem, "test root", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->web, fake_ca_web_free);
  g_clear_pointer (&f->root, certgen_free);
  g_clear_pointer (&f->intermediate, certgen_free);
  g_assert_finalize_object (f->trust);
}

static CertgenCert *
make_leaf (Fixture     *f,
           const char  *aia,
           gint64       not_after)
{
  CertgenOptions options = { 0, };
  const char *names[] = { "mx1.example.org", "mx2.example.org", NULL };

  options.common_name = "mx1.example.org";
  options.dns_names = names;
  options.ca_issuers_url = aia;
  options.not_after = not_after;
  options.key_purpose = GNUTLS_KP_TLS_WWW_SERVER;

  return certgen_make (&options, f->intermediate);
}

static StiPrivateKey *
key_of (CertgenCert *cert)
{
  g_autofree char *pem = certgen_key_pem (cert);
  g_autoptr(GBytes) bytes = g_bytes_new (pem, strlen (pem));
  g_autoptr(GError) error = NULL;
  StiPrivateKey *key = sti_private_key_new_from_data (bytes, &error);

  g_assert_no_error (error);
  return key;
}

static void
add_text (StiChainBundle *bundle,
          const char     *label,
          const char     *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  g_assert_true (sti_chain_bundle_add_data (bundle, label, bytes, &error));
  g_assert_no_error (error);
}

static void
build_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!sti_chain_bundle_build_finish (STI_CHAIN_BUNDLE (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "built");
}

/* Builds; returns NULL when built, else the error. */
static GError *
build (Fixture        *f,
       StiChainBundle *bundle)
{
  StiChainBundleOptions options;
  GError *result = NULL;

  sti_chain_bundle_options_init (&options);
  options.trust = f->trust;
  options.timeout_ms = 5000;
  sti_chain_bundle_build_async (bundle, &options, NULL, build_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (g_error_matches (result, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_clear_error (&result);
  return result;
}

static void
assert_chain (StiChainBundle *bundle,
              CertgenCert    *first,
              CertgenCert    *second)
{
  GPtrArray *chain = sti_chain_bundle_get_chain (bundle);
  g_autoptr(GBytes) first_der = certgen_der (first);
  g_autoptr(GBytes) second_der = certgen_der (second);
  g_autoptr(GBytes) pem = sti_chain_bundle_dup_pem (bundle);
  g_autofree char *first_pem = certgen_pem (first);

  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_true (g_bytes_equal (sti_certificate_get_der (g_ptr_array_index (chain, 0)),
                                first_der));
  g_assert_true (g_bytes_equal (sti_certificate_get_der (g_ptr_array_index (chain, 1)),
                                second_der));
  /* The file starts with the server's certificate. */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pem, NULL), first_pem));
}

static gboolean
list_mentions (GPtrArray  *list,
               const char *part)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (strstr (g_ptr_array_index (list, i), part) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Root, leaf and intermediate in one PEM file, in that order: the leaf
 * comes first, the root is left out and the note says why. */
static void
test_shuffled_with_root (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *root = certgen_pem (f->root);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *intermediate = certgen_pem (f->intermediate);
  g_autofree char *all = g_strconcat (root, leaf_pem, intermediate, NULL);
  const char *names[] = { "mx1.example.org", "mx2.example.org", NULL };
  g_autoptr(GError) error = NULL;

  add_text (bundle, "all.pem", all);
  /* The same certificate again counts once. */
  add_text (bundle, "leaf.pem", leaf_pem);
  g_assert_cmpuint (sti_chain_bundle_get_n_inputs (bundle), ==, 3);
  sti_chain_bundle_set_names (bundle, names);

  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  g_assert_cmpuint (sti_chain_bundle_get_problems (bundle)->len, ==, 0);
  assert_chain (bundle, leaf, f->intermediate);
  g_assert_true (list_mentions (sti_chain_bundle_get_notes (bundle), "Left out the root"));
  g_assert_true (list_mentions (sti_chain_bundle_get_notes (bundle), "Bundle Test Root"));
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 0);
}

/* Only the leaf: its intermediate comes from the AIA URL it names. */
static void
test_missing_intermediate_fetched (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *aia = url (f, "/int.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f, aia, 0);
  g_autoptr(GBytes) int_der = certgen_der (f->intermediate);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autoptr(StiPrivateKey) key = key_of (leaf);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autoptr(GError) error = NULL;

  fake_ca_web_serve (f->web, "/int.cer", "application/pkix-cert", int_der);
  add_text (bundle, "leaf.pem", leaf_pem);
  sti_chain_bundle_set_key (bundle, key);

  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  g_assert_true (sti_chain_bundle_get_key_matches (bundle));
  assert_chain (bundle, leaf, f->intermediate);
  g_assert_true (list_mentions (sti_chain_bundle_get_notes (bundle), "Fetched"));
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), >=, 1);
}

/* Without the intermediate and nothing to fetch it from: no chain file. */
static void
test_missing_intermediate_not_found (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *aia = url (f, "/gone.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f, aia, 0);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autoptr(GError) error = NULL;

  add_text (bundle, "leaf.pem", leaf_pem);
  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_false (sti_chain_bundle_get_verified (bundle));
  g_assert_true (list_mentions (sti_chain_bundle_get_problems (bundle), "HTTP 404"));
}

/* A key made for another certificate: found out, nothing verified. */
static void
test_key_mismatch (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(CertgenCert) stranger = certgen_make_leaf ("other.example.org", NULL);
  g_autoptr(StiPrivateKey) key = key_of (stranger);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autoptr(GError) error = NULL;

  add_text (bundle, "leaf.pem", leaf_pem);
  add_text (bundle, "chain.pem", int_pem);
  sti_chain_bundle_set_key (bundle, key);

  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_false (sti_chain_bundle_get_verified (bundle));
  g_assert_false (sti_chain_bundle_get_key_matches (bundle));
  g_assert_true (list_mentions (sti_chain_bundle_get_problems (bundle),
                                "does not belong to the certificate"));
  /* The chain itself is fine and in order. */
  assert_chain (bundle, leaf, f->intermediate);
}

/* A name the certificate does not carry. */
static void
test_uncovered_name (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  const char *names[] = { "mx1.example.org", "mx3.example.org", NULL };
  g_autoptr(GError) error = NULL;

  add_text (bundle, "leaf.pem", leaf_pem);
  add_text (bundle, "chain.pem", int_pem);
  sti_chain_bundle_set_names (bundle, names);

  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_false (sti_chain_bundle_get_verified (bundle));
  g_assert_true (list_mentions (sti_chain_bundle_get_problems (bundle), "mx3.example.org"));
  g_assert_false (list_mentions (sti_chain_bundle_get_problems (bundle), "not for mx1"));
}

/* The leaf as DER, the intermediate and root as a PKCS #7 bundle (.p7b). */
static void
test_der_and_pkcs7 (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(GBytes) leaf_der = certgen_der (leaf);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autoptr(GBytes) p7 = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_datum_t out = { NULL, 0 };

  g_assert_cmpint (gnutls_pkcs7_init (&pkcs7), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, f->root->crt), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, f->intermediate->crt), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &out), >=, 0);
  p7 = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  gnutls_pkcs7_deinit (pkcs7);

  g_assert_true (sti_chain_bundle_add_data (bundle, "chain.p7b", p7, &error));
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_add_data (bundle, "leaf.der", leaf_der, &error));
  g_assert_no_error (error);

  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  assert_chain (bundle, leaf, f->intermediate);
  g_assert_true (list_mentions (sti_chain_bundle_get_notes (bundle), "chain.p7b"));
}

/* The PKCS #12 file GnuTLS reads back with the password: the key and the
 * chain, integrity by HMAC. */
static void
test_pkcs12 (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(StiPrivateKey) key = key_of (leaf);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autoptr(GBytes) pfx = NULL;
  g_autoptr(GError) error = NULL;
  gnutls_pkcs12_t pkcs12 = NULL;
  gnutls_x509_privkey_t parsed_key = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int chain_len = 0;
  gnutls_datum_t datum;
  guint8 id[64], parsed_id[64];
  size_t id_size = sizeof id, parsed_size = sizeof parsed_id;

  add_text (bundle, "bundle.pem", int_pem);
  add_text (bundle, "cert.pem", leaf_pem);
  sti_chain_bundle_set_key (bundle, key);
  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));

  pfx = sti_chain_bundle_dup_pkcs12 (bundle, key, "correct horse", &error);
  g_assert_no_error (error);
  datum.data = (unsigned char *)g_bytes_get_data (pfx, NULL);
  datum.size = g_bytes_get_size (pfx);

  g_assert_cmpint (gnutls_pkcs12_init (&pkcs12), >=, 0);
  g_assert_cmpint (gnutls_pkcs12_import (pkcs12, &datum, GNUTLS_X509_FMT_DER, 0), >=, 0);
  g_assert_cmpint (gnutls_pkcs12_verify_mac (pkcs12, "wrong"), <, 0);
  g_assert_cmpint (gnutls_pkcs12_verify_mac (pkcs12, "correct horse"), >=, 0);
  g_assert_cmpint (gnutls_pkcs12_simple_parse (pkcs12, "correct horse", &parsed_key, &chain,
                                               &chain_len, NULL, NULL, NULL, 0), >=, 0);
  g_assert_cmpuint (chain_len, ==, 2);
  g_assert_true (gnutls_x509_crt_equals (chain[0], leaf->crt));
  g_assert_true (gnutls_x509_crt_equals (chain[1], f->intermediate->crt));
  g_assert_cmpint (gnutls_x509_privkey_get_key_id (leaf->key, 0, id, &id_size), >=, 0);
  g_assert_cmpint (gnutls_x509_privkey_get_key_id (parsed_key, 0, parsed_id, &parsed_size), >=, 0);
  g_assert_cmpmem (id, id_size, parsed_id, parsed_size);

  for (guint i = 0; i < chain_len; i++)
    gnutls_x509_crt_deinit (chain[i]);
  gnutls_free (chain);
  gnutls_x509_privkey_deinit (parsed_key);
  gnutls_pkcs12_deinit (pkcs12);
}

/* Two servers' certificates in one pile: the user must choose, unless
 * the key or the names do. */
static void
test_ambiguous_leaf (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(CertgenCert) other = certgen_make_leaf ("www.example.org", f->intermediate);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *other_pem = certgen_pem (other);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autoptr(StiChainBundle) named = sti_chain_bundle_new ();
  const char *names[] = { "mx2.example.org", NULL };
  g_autoptr(GError) error = NULL;

  add_text (bundle, "a.pem", other_pem);
  add_text (bundle, "b.pem", leaf_pem);
  add_text (bundle, "c.pem", int_pem);
  error = build (f, bundle);
  g_assert_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_AMBIGUOUS_LEAF);
  g_assert_nonnull (strstr (error->message, "--key"));
  g_clear_error (&error);

  add_text (named, "a.pem", other_pem);
  add_text (named, "b.pem", leaf_pem);
  add_text (named, "c.pem", int_pem);
  sti_chain_bundle_set_names (named, names);
  error = build (f, named);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (named));
  assert_chain (named, leaf, f->intermediate);
  g_assert_true (list_mentions (sti_chain_bundle_get_notes (named), "www.example.org"));
}

/* A request instead of a certificate, and a file that is neither. */
static void
test_not_certificates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello\n", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiPrivateKey) key = key_of (f->root);
  const char *names[] = { "mx.example.org", NULL };
  g_autoptr(GBytes) csr = sti_certificate_request_new_pem (key, names, &error);

  g_assert_no_error (error);
  g_assert_false (sti_chain_bundle_add_data (bundle, "mx.csr", csr, &error));
  g_assert_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "certificate request"));
  g_clear_error (&error);

  g_assert_false (sti_chain_bundle_add_data (bundle, "junk.txt", junk, &error));
  g_assert_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE);
  g_assert_true (g_str_has_prefix (error->message, "junk.txt: "));
  g_clear_error (&error);

  error = build (f, bundle);
  g_assert_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NO_CERTIFICATE);
}

/* Expiring within the check's threshold: written, with a warning. Expired:
 * not written. */
static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(CertgenCert) soon = make_leaf (f, NULL, now + 10 * DAY);
  g_autofree char *soon_pem = certgen_pem (soon);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autoptr(StiChainBundle) expired_bundle = sti_chain_bundle_new ();
  CertgenOptions options = { 0, };
  const char *names[] = { "mx1.example.org", NULL };
  g_autoptr(CertgenCert) expired = NULL;
  g_autofree char *expired_pem = NULL;
  g_autoptr(GError) error = NULL;

  add_text (bundle, "soon.pem", soon_pem);
  add_text (bundle, "int.pem", int_pem);
  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  g_assert_cmpuint (sti_chain_bundle_get_warnings (bundle)->len, ==, 1);

  options.common_name = "mx1.example.org";
  options.dns_names = names;
  options.not_before = now - 100 * DAY;
  options.not_after = now - DAY;
  expired = certgen_make (&options, f->intermediate);
  expired_pem = certgen_pem (expired);
  add_text (expired_bundle, "expired.pem", expired_pem);
  add_text (expired_bundle, "int.pem", int_pem);
  error = build (f, expired_bundle);
  g_assert_no_error (error);
  g_assert_false (sti_chain_bundle_get_verified (expired_bundle));
  g_assert_cmpuint (sti_chain_bundle_get_problems (expired_bundle)->len, >=, 1);
}

/* A whole CA bundle given with the certificate: the path is still found
 * among more certificates than the chain analysis examines. */
static void
test_big_pile (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f, NULL, 0);
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autoptr(GString) pile = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Unrelated Root %u", i);
      g_autoptr(CertgenCert) other = certgen_make_ca (name, NULL);
      g_autofree char *pem = certgen_pem (other);

      g_string_append (pile, pem);
    }
  g_string_append (pile, int_pem);

  add_text (bundle, "ca-bundle.crt", pile->str);
  add_text (bundle, "cert.pem", leaf_pem);
  error = build (f, bundle);
  g_assert_no_error (error);
  g_assert_true (sti_chain_bundle_get_verified (bundle));
  assert_chain (bundle, leaf, f->intermediate);
}

static void
test_new_destroy (void)
{
  StiChainBundle *bundle = sti_chain_bundle_new ();

  g_assert_cmpuint (sti_chain_bundle_get_n_inputs (bundle), ==, 0);
  g_assert_false (sti_chain_bundle_get_verified (bundle));
  g_assert_finalize_object (bundle);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gnutls_global_init ();

#define ADD(path, func) \
  g_test_add ("/sti/chain-bundle/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/sti/chain-bundle/new-destroy", test_new_destroy);
  ADD ("shuffled-with-root", test_shuffled_with_root);
  ADD ("missing-intermediate-fetched", test_missing_intermediate_fetched);
  ADD ("missing-intermediate-not-found", test_missing_intermediate_not_found);
  ADD ("key-mismatch", test_key_mismatch);
  ADD ("uncovered-name", test_uncovered_name);
  ADD ("der-and-pkcs7", test_der_and_pkcs7);
  ADD ("pkcs12", test_pkcs12);
  ADD ("ambiguous-leaf", test_ambiguous_leaf);
  ADD ("not-certificates", test_not_certificates);
  ADD ("expiry", test_expiry);
  ADD ("big-pile", test_big_pile);

#undef ADD

  return g_test_run ();
}
