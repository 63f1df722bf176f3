/* test-chain-verify.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "certgen.h"
#include "findings-assert.h"
#include "sti-certificate.h"
#include "sti-chain-verify.h"
#include "sti-finding.h"
#include "sti-tls-database.h"
#include "sti-trust-store.h"

#define DAY (24 * 3600)

/* One PKI shared by the cases: root -> intermediate -> leaves. */
typedef struct
{
  CertgenCert *root;
  CertgenCert *intermediate;
  CertgenCert *other_root;   /* not in the store */
  CertgenCert *other_int;
  StiTrustStore *trust;
  gint64 now;
} Pki;

static Pki pki;

static CertgenCert *
leaf_with (const char                *cn,
           const char * const        *names,
           gint64                     not_before,
           gint64                     not_after,
           gnutls_pk_algorithm_t      algorithm,
           guint                      bits,
           gnutls_digest_algorithm_t  hash,
           CertgenCert               *issuer)
{
  CertgenOptions options = { 0, };

  options.common_name = cn;
  options.dns_names = names;
  options.not_before = not_before;
  options.not_after = not_after;
  options.key_algorithm = algorithm;
  options.key_bits = bits;
  options.hash = hash;

  return certgen_make (&options, issuer);
}

static gint64
param_int (StiFinding *finding,
           const char *key)
{
  gint64 value = G_MININT64;

  g_assert_true (sti_finding_get_param_int64 (finding, key, &value));
  return value;
}

static GPtrArray *
verify (GPtrArray  *chain,
        const char *hostname,
        gboolean    expect_verified)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (pki.now);
  g_autoptr(GPtrArray) certs = NULL;
  gboolean verified = !expect_verified;
  GPtrArray *findings;

  findings = sti_chain_verify (pki.trust, chain, hostname, now, &verified, &certs);
  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("finding: %s: %s", sti_finding_get_id (g_ptr_array_index (findings, i)),
                    sti_finding_get_detail (g_ptr_array_index (findings, i)));
  g_assert_cmpint (verified, ==, expect_verified);
  g_assert_nonnull (certs);
  g_assert_cmpuint (certs->len, ==, chain->len);
  for (guint i = 0; i < certs->len; i++)
    g_assert_true (g_bytes_equal (sti_certificate_get_der (g_ptr_array_index (certs, i)),
                                  g_ptr_array_index (chain, i)));

  /* Worst first. */
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (findings, i - 1)), >=,
                     sti_finding_get_severity (g_ptr_array_index (findings, i)));

  return findings;
}

static void
test_valid (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
  const char *none[] = { NULL };

  assert_ids_v (findings, none);

  /* A trailing dot in the expected name is the same name. */
  {
    g_autoptr(GPtrArray) f2 = verify (chain, "mx.example.org.", TRUE);
    assert_ids_v (f2, none);
  }
}

static void
test_expired (void)
{
  g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", NULL, pki.now - 100 * DAY,
                                           pki.now - 10 * DAY - 3600, 0, 0, 0, pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-expired", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "cert-expired");
  g_assert_cmpint (sti_finding_get_severity (f), ==, STI_SEVERITY_ERROR);
  g_assert_cmpint (param_int (f, "position"), ==, 0);
  g_assert_cmpint (param_int (f, "days"), ==, 10);
  g_assert_nonnull (sti_finding_get_param_string (f, "not_after"));
  g_assert_nonnull (strstr (sti_finding_get_param_string (f, "subject"), "mx.example.org"));
}

static void
test_not_yet_valid (void)
{
  g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", NULL, pki.now + 5 * DAY + 3600,
                                           pki.now + 100 * DAY, 0, 0, 0, pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-not-yet-valid", NULL };

  assert_ids_v (findings, expected);
  g_assert_cmpint (param_int (find (findings, "cert-not-yet-valid"), "days"), ==, 5);
}

static void
test_expired_intermediate (void)
{
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) inter = NULL;
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *expected[] = { "cert-expired", NULL };

  options.common_name = "Old Intermediate";
  options.is_ca = TRUE;
  options.not_before = pki.now - 400 * DAY;
  options.not_after = pki.now - 2 * DAY;
  inter = certgen_make (&options, pki.root);
  leaf = certgen_make_leaf ("mx.example.org", inter);
  chain = certgen_der_chain (leaf, inter, NULL);
  findings = verify (chain, "mx.example.org", FALSE);

  assert_ids_v (findings, expected);
  g_assert_cmpint (param_int (find (findings, "cert-expired"), "position"), ==, 1);
}

static void
test_self_signed (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", NULL);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-self-signed", NULL };

  assert_ids_v (findings, expected);
  g_assert_cmpint (param_int (find (findings, "cert-self-signed"), "position"), ==, 0);
}

static void
test_self_signed_anchor (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("lab.example.org", NULL);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autofree char *pem = certgen_pem (leaf);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiTrustStore) trust = sti_trust_store_new (FALSE, &error);
  g_autoptr(GPtrArray) findings = NULL;
  gboolean verified = FALSE;

  g_assert_no_error (error);
  g_assert_true (sti_trust_store_add_ca_pem (trust, pem, "pinned", &error));
  findings = sti_chain_verify (trust, chain, "lab.example.org", NULL, &verified, NULL);
  g_assert_true (verified);
  g_assert_cmpuint (findings->len, ==, 0);
}

/* The same anchors for GIO connections (the MTA-STS policy fetch): a
 * chain under the added root verifies for its name; the other PKI's
 * does not; a store without anchors trusts nothing. */
static void
test_extra_tls_database (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mta-sts.example.org", pki.intermediate);
  g_autoptr(CertgenCert) other = certgen_make_leaf ("mta-sts.example.org", pki.other_int);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (pki.intermediate);
  g_autofree char *other_leaf_pem = certgen_pem (other);
  g_autofree char *other_int_pem = certgen_pem (pki.other_int);
  g_autofree char *chain_pem = g_strconcat (leaf_pem, int_pem, NULL);
  g_autofree char *other_pem = g_strconcat (other_leaf_pem, other_int_pem, NULL);
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("mta-sts.example.org", 443);
  g_autoptr(GSocketConnectable) wrong = g_network_address_new ("www.example.org", 443);
  g_autoptr(GTlsCertificate) chain = NULL;
  g_autoptr(GTlsCertificate) other_chain = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(StiTrustStore) empty = NULL;
  g_autoptr(GTlsDatabase) none = NULL;
  g_autoptr(GError) error = NULL;

  database = sti_tls_database_new (pki.trust);

  chain = g_tls_certificate_new_from_pem (chain_pem, -1, &error);
  g_assert_no_error (error);
  other_chain = g_tls_certificate_new_from_pem (other_pem, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_tls_database_verify_chain (database, chain,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL,
                                                 &error),
                    ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (g_tls_database_verify_chain (database, chain,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 wrong, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL,
                                                 &error),
                    ==, G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_cmpuint (g_tls_database_verify_chain (database, other_chain,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL,
                                                 &error)
                    & G_TLS_CERTIFICATE_UNKNOWN_CA, !=, 0);

  empty = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  none = sti_tls_database_new (empty);
  g_assert_cmpuint (g_tls_database_verify_chain (none, chain,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL,
                                                 &error),
                    ==, G_TLS_CERTIFICATE_UNKNOWN_CA);
}

static void
test_untrusted (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", pki.other_int);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.other_int, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-untrusted-issuer", NULL };
  g_autoptr(GVariant) reasons = NULL;
  g_autofree const char **strv = NULL;

  assert_ids_v (findings, expected);
  reasons =
    g_variant_lookup_value (sti_finding_get_params (find (findings, "cert-untrusted-issuer")),
                            "reasons", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (reasons);
  strv = g_variant_get_strv (reasons, NULL);
  g_assert_true (g_strv_contains (strv, "signer-not-found"));
}

static void
test_missing_intermediate (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  /* Without AIA: judged from the names. The issuer's organisation has a
   * trusted root, the leaf came alone: most likely a missing intermediate. */
  const char *expected[] = { "chain-missing-intermediate", NULL };
  StiFinding *finding;
  gboolean proven = TRUE;

  assert_ids_v (findings, expected);
  finding = find (findings, "chain-missing-intermediate");
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "proven", "b", &proven));
  g_assert_false (proven);
  g_assert_cmpstr (sti_finding_get_param_string (finding, "why"), ==,
                   "issuer-organization-trusted");
  g_assert_nonnull (strstr (sti_finding_get_param_string (finding, "subject"),
                            "Test Intermediate CA"));
  g_assert_nonnull (strstr (sti_finding_get_param_string (finding, "trusted_root"),
                            "Test Root CA"));
  g_assert_cmpint (param_int (finding, "position"), ==, 1);
}

static void
test_unknown_ca_leaf_only (void)
{
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) root = NULL;
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *names[] = { "mx.example.org", NULL };
  const char *expected[] = { "cert-untrusted-issuer", NULL };
  StiFinding *finding;

  options.common_name = "Stranger Root";
  options.organization = "Strangers Inc";
  options.is_ca = TRUE;
  root = certgen_make (&options, NULL);
  leaf = leaf_with ("mx.example.org", names, 0, 0, 0, 0, 0, root);
  chain = certgen_der_chain (leaf, NULL);
  findings = verify (chain, "mx.example.org", FALSE);

  assert_ids_v (findings, expected);
  finding = find (findings, "cert-untrusted-issuer");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "likely_cause"), ==, "unknown-ca");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "why"), ==,
                   "no-trusted-root-of-that-organization");
}

static void
test_wrong_order (void)
{
  g_autoptr(CertgenCert) inter2 = certgen_make_ca ("Second Intermediate", pki.intermediate);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", inter2);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, inter2, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
  const char *expected[] = { "chain-wrong-order", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "chain-wrong-order");
  g_assert_cmpint (sti_finding_get_severity (f), ==, STI_SEVERITY_WARNING);
  g_assert_cmpint (param_int (f, "position"), ==, 0);
  g_assert_cmpint (param_int (f, "issuer_position"), ==, 2);
  /* The detail numbers the certificates as the params, the reports' chain
   * tables and the window do: from #0, the server's own. */
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (f), "The server's certificate #0 ("));
  g_assert_true (g_str_has_suffix (sti_finding_get_detail (f),
                                   "is followed by certificate #1, "
                                   "but its issuer is certificate #2"));
}

static void
test_duplicate (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
  const char *expected[] = { "chain-duplicate", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "chain-duplicate");
  g_assert_cmpint (param_int (f, "position"), ==, 2);
  g_assert_cmpint (param_int (f, "first_position"), ==, 1);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (f),
                                   "Certificate #1 of the chain as sent ("));
  g_assert_true (g_str_has_suffix (sti_finding_get_detail (f), "is sent again as certificate #2"));
}

static void
test_includes_root (void)
{
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, pki.root, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
  const char *expected[] = { "chain-includes-root", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "chain-includes-root");
  g_assert_cmpint (sti_finding_get_severity (f), ==, STI_SEVERITY_INFO);
  g_assert_cmpint (param_int (f, "position"), ==, 2);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (f),
                                   "Certificate #2 of the chain as sent ("));
}

static void
test_name_mismatch (void)
{
  const char *names[] = { "mail.example.com", "smtp.example.com", NULL };
  g_autoptr(CertgenCert) leaf = leaf_with ("mail.example.com", names, 0, 0, 0, 0, 0,
                                           pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-name-mismatch", NULL };
  g_autoptr(GVariant) listed = NULL;
  g_autofree const char **strv = NULL;
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "cert-name-mismatch");
  g_assert_cmpstr (sti_finding_get_param_string (f, "expected"), ==, "mx.example.org");
  listed = g_variant_lookup_value (sti_finding_get_params (f), "names",
                                   G_VARIANT_TYPE_STRING_ARRAY);
  strv = g_variant_get_strv (listed, NULL);
  g_assert_cmpstrv (strv, names);
}

static void
test_wildcard (void)
{
  const char *names[] = { "*.example.org", NULL };
  g_autoptr(CertgenCert) leaf = leaf_with ("*.example.org", names, 0, 0, 0, 0, 0,
                                           pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  const char *none[] = { NULL };
  const char *mismatch[] = { "cert-name-mismatch", NULL };

  {
    g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
    assert_ids_v (findings, none);
  }
  {
    /* A wildcard covers exactly one label. */
    g_autoptr(GPtrArray) findings = verify (chain, "a.b.example.org", FALSE);
    assert_ids_v (findings, mismatch);
  }
  {
    g_autoptr(GPtrArray) findings = verify (chain, "example.org", FALSE);
    assert_ids_v (findings, mismatch);
  }
}

static void
test_nul_san (void)
{
  static const guint8 nul_name[] = "mx.example.org\0.evil.test";
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  const char *mismatch[] = { "cert-name-mismatch", NULL };

  options.common_name = "mx.example.org";
  options.raw_dns_name = nul_name;
  options.raw_dns_name_len = sizeof nul_name - 1;
  leaf = certgen_make (&options, pki.intermediate);
  chain = certgen_der_chain (leaf, pki.intermediate, NULL);

  /* Neither the part before nor after the NUL may match; the CN does not
   * count when a DNS SAN exists. */
  {
    g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
    StiFinding *f;
    gboolean has_nul = FALSE;

    assert_ids_v (findings, mismatch);
    f = find (findings, "cert-name-mismatch");
    g_assert_true (g_variant_lookup (sti_finding_get_params (f), "has_nul_name", "b", &has_nul));
    g_assert_true (has_nul);
    g_assert_nonnull (strstr (sti_finding_get_detail (f), "mx.example.org\\x00.evil.test"));
  }
  {
    g_autoptr(GPtrArray) findings = verify (chain, "evil.test", FALSE);
    assert_ids_v (findings, mismatch);
  }
}

static void
test_weak_key (void)
{
  const char *names[] = { "mx.example.org", NULL };
  g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", names, 0, 0, GNUTLS_PK_RSA, 1024, 0,
                                           pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-weak-key", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "cert-weak-key");
  g_assert_cmpint (param_int (f, "bits"), ==, 1024);
  g_assert_cmpint (param_int (f, "position"), ==, 0);
  g_assert_cmpstr (sti_finding_get_param_string (f, "algorithm"), ==, "RSA");
}

static void
test_weak_signature (void)
{
  const char *names[] = { "mx.example.org", NULL };
  g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", names, 0, 0, 0, 0, GNUTLS_DIG_SHA1,
                                           pki.intermediate);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  const char *expected[] = { "cert-weak-signature", NULL };
  StiFinding *f;

  assert_ids_v (findings, expected);
  f = find (findings, "cert-weak-signature");
  g_assert_cmpint (param_int (f, "position"), ==, 0);
  g_assert_cmpstr (sti_finding_get_param_string (f, "algorithm"), ==, "ECDSA-SHA1");
}

static void
test_several (void)
{
  /* Dates and names are reported even when trust fails. */
  const char *names[] = { "other.example.net", NULL };
  g_autoptr(CertgenCert) leaf = leaf_with ("other.example.net", names, pki.now - 100 * DAY,
                                           pki.now - 50 * DAY, 0, 0, 0, pki.other_int);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", FALSE);
  /* The leaf comes alone and its issuer shares the trusted root's
   * organisation ("Certgen Test CA"): judged a missing intermediate. */
  const char *expected[] = { "cert-expired", "cert-name-mismatch", "chain-missing-intermediate",
                             NULL };

  assert_ids_v (findings, expected);
}

static void
test_empty_and_garbage (void)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) certs = NULL;
  gboolean verified = TRUE;
  const char *expected[] = { "cert-untrusted-issuer", NULL };

  findings = sti_chain_verify (pki.trust, chain, "mx.example.org", NULL, &verified, NULL);
  g_assert_false (verified);
  assert_ids_v (findings, expected);
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_ptr_array_add (chain, g_bytes_new_static ("garbage", 7));
  verified = TRUE;
  findings = sti_chain_verify (pki.trust, chain, "mx.example.org", NULL, &verified, &certs);
  g_assert_false (verified);
  g_assert_cmpuint (certs->len, ==, 0);
  assert_ids_v (findings, expected);
}

static GPtrArray *
verify_full (GPtrArray                   *chain,
             const StiChainVerifyOptions *options,
             gboolean                     expect_verified)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (pki.now);
  gboolean verified = !expect_verified;
  GPtrArray *findings;

  findings = sti_chain_verify_full (pki.trust, chain, "mx.example.org", now, options, &verified,
                                    NULL, NULL);
  for (guint i = 0; i < findings->len; i++)
    g_test_message ("finding: %s: %s", sti_finding_get_id (g_ptr_array_index (findings, i)),
                    sti_finding_get_detail (g_ptr_array_index (findings, i)));
  g_assert_cmpint (verified, ==, expect_verified);

  return findings;
}

static void
test_expiring_soon (void)
{
  const char *names[] = { "mx.example.org", NULL };
  const char *expected[] = { "cert-expiring-soon", NULL };
  const char *none[] = { NULL };
  StiChainVerifyOptions options = { 0, };
  struct {
    gint64      days;
    StiSeverity severity;
  } cases[] = { { 5, STI_SEVERITY_ERROR }, { 6, STI_SEVERITY_ERROR },
                { 7, STI_SEVERITY_WARNING }, { 20, STI_SEVERITY_WARNING } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Half a day more, so that whole days come out as written. */
      g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", names, pki.now - 60 * DAY,
                                               pki.now + cases[i].days * DAY + DAY / 2,
                                               0, 0, 0, pki.intermediate);
      g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
      /* Still valid: a verifying sender delivers. */
      g_autoptr(GPtrArray) findings = verify (chain, "mx.example.org", TRUE);
      StiFinding *finding;

      assert_ids_v (findings, expected);
      finding = find (findings, "cert-expiring-soon");
      g_assert_cmpint (sti_finding_get_severity (finding), ==, cases[i].severity);
      g_assert_cmpint (param_int (finding, "days_left"), ==, cases[i].days);
      g_assert_cmpint (param_int (finding, "position"), ==, 0);
      g_assert_cmpint (param_int (finding, "warning_days"), ==, 30);
      g_assert_cmpint (param_int (finding, "error_days"), ==, 7);
      g_assert_nonnull (sti_finding_get_param_string (finding, "not_after"));
    }

  /* 40 days: nothing by default; a warning with a 60-day threshold, an
   * error with a 45-day one. */
  {
    g_autoptr(CertgenCert) leaf = leaf_with ("mx.example.org", names, pki.now - 60 * DAY,
                                             pki.now + 40 * DAY + DAY / 2, 0, 0, 0,
                                             pki.intermediate);
    g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, pki.intermediate, NULL);
    g_autoptr(GPtrArray) plain = verify (chain, "mx.example.org", TRUE);
    g_autoptr(GPtrArray) warned = NULL;
    g_autoptr(GPtrArray) errored = NULL;

    assert_ids_v (plain, none);
    options.expiring_warning_days = 60;
    options.expiring_error_days = 10;
    warned = verify_full (chain, &options, TRUE);
    assert_ids_v (warned, expected);
    g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (warned, 0)), ==,
                     STI_SEVERITY_WARNING);
    options.expiring_error_days = 45;
    errored = verify_full (chain, &options, TRUE);
    g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (errored, 0)), ==,
                     STI_SEVERITY_ERROR);
  }
}

static void
test_expiring_intermediate (void)
{
  g_autoptr(CertgenCert) inter = NULL;
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const char *expected[] = { "cert-expiring-soon", NULL };
  CertgenOptions options = { 0, };

  options.common_name = "Short-lived Intermediate";
  options.organization = "Certgen Test CA";
  options.is_ca = TRUE;
  options.not_after = pki.now + 3 * DAY + DAY / 2;
  inter = certgen_make (&options, pki.root);
  leaf = certgen_make_leaf ("mx.example.org", inter);
  chain = certgen_der_chain (leaf, inter, NULL);
  findings = verify (chain, "mx.example.org", TRUE);

  assert_ids_v (findings, expected);
  g_assert_cmpint (param_int (find (findings, "cert-expiring-soon"), "position"), ==, 1);
  g_assert_cmpint (param_int (find (findings, "cert-expiring-soon"), "days_left"), ==, 3);
}

static void
test_not_for_server_auth (void)
{
  const char *names[] = { "mx.example.org", NULL };
  const char *expected[] = { "cert-not-for-server-auth", NULL };
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) client = NULL;
  g_autoptr(CertgenCert) signing = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) chain2 = NULL;
  g_autoptr(GPtrArray) findings2 = NULL;
  g_autoptr(GVariant) purposes = NULL;
  g_autofree const char **strv = NULL;
  StiFinding *finding;

  /* EKU clientAuth only. */
  options.common_name = "mx.example.org";
  options.dns_names = names;
  options.key_purpose = GNUTLS_KP_TLS_WWW_CLIENT;
  client = certgen_make (&options, pki.intermediate);
  chain = certgen_der_chain (client, pki.intermediate, NULL);
  findings = verify (chain, "mx.example.org", FALSE);
  assert_ids_v (findings, expected);
  finding = find (findings, "cert-not-for-server-auth");
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  g_assert_cmpstr (sti_finding_get_param_string (finding, "reason"), ==, "extended-key-usage");
  g_assert_cmpint (param_int (finding, "position"), ==, 0);
  purposes = g_variant_lookup_value (sti_finding_get_params (finding), "key_purposes",
                                     G_VARIANT_TYPE_STRING_ARRAY);
  strv = g_variant_get_strv (purposes, NULL);
  g_assert_cmpstr (strv[0], ==, "TLS Web Client Authentication");
  g_assert_null (strv[1]);
  g_clear_pointer (&purposes, g_variant_unref);
  g_clear_pointer (&strv, g_free);
  purposes = g_variant_lookup_value (sti_finding_get_params (finding), "key_purpose_oids",
                                     G_VARIANT_TYPE_STRING_ARRAY);
  strv = g_variant_get_strv (purposes, NULL);
  g_assert_cmpstr (strv[0], ==, GNUTLS_KP_TLS_WWW_CLIENT);

  /* A key usage that allows neither signing nor key encipherment. */
  options.key_purpose = NULL;
  options.key_usage = GNUTLS_KEY_CRL_SIGN;
  signing = certgen_make (&options, pki.intermediate);
  chain2 = certgen_der_chain (signing, pki.intermediate, NULL);
  findings2 = verify (chain2, "mx.example.org", FALSE);
  assert_ids_v (findings2, expected);
  g_assert_cmpstr (sti_finding_get_param_string (find (findings2, "cert-not-for-server-auth"),
                                                 "reason"), ==, "key-usage");
}

static void
test_must_staple (void)
{
  const char *names[] = { "mx.example.org", NULL };
  const char *expected[] = { "ocsp-must-staple-missing", NULL };
  const char *none[] = { NULL };
  CertgenOptions options = { 0, };
  StiChainVerifyOptions verify_options = { 0, };
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) asked = NULL;
  g_autoptr(GPtrArray) not_asked = NULL;

  options.common_name = "mx.example.org";
  options.dns_names = names;
  options.must_staple = TRUE;
  leaf = certgen_make (&options, pki.intermediate);
  chain = certgen_der_chain (leaf, pki.intermediate, NULL);

  /* Only when the handshake asked for a staple does its absence count. */
  not_asked = verify_full (chain, &verify_options, TRUE);
  assert_ids_v (not_asked, none);
  verify_options.staple_requested = TRUE;
  asked = verify_full (chain, &verify_options, TRUE);
  assert_ids_v (asked, expected);
  g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (asked, 0)), ==,
                   STI_SEVERITY_WARNING);
  g_assert_cmpint (param_int (g_ptr_array_index (asked, 0), "position"), ==, 0);
}

/* RFC 6125 §6.4 name matching, as a sender would apply it to the MX host
 * name: the certificate's names, the host asked for, and whether it must
 * match. */
static const struct
{
  const char *cn;
  const char *sans[3];
  const char *host;
  gboolean    matches;
} name_cases[] = {
  /* exact, any case, with or without the root dot */
  { "x", { "mx.example.org" }, "mx.example.org", TRUE },
  { "x", { "MX.Example.ORG" }, "mx.example.org", TRUE },
  { "x", { "mx.example.org" }, "MX.EXAMPLE.ORG", TRUE },
  { "x", { "mx.example.org" }, "mx.example.org.", TRUE },
  { "x", { "mx.example.org" }, "mx2.example.org", FALSE },
  { "x", { "mx.example.org" }, "example.org", FALSE },
  { "x", { "example.org" }, "mx.example.org", FALSE },
  /* any of several names */
  { "x", { "a.example.org", "mx.example.org" }, "mx.example.org", TRUE },
  /* wildcards: the whole leftmost label, exactly one label */
  { "x", { "*.example.org" }, "mx.example.org", TRUE },
  { "x", { "*.example.org" }, "MX.EXAMPLE.ORG", TRUE },
  { "x", { "*.example.org" }, "a.mx.example.org", FALSE },
  { "x", { "*.example.org" }, "example.org", FALSE },
  { "x", { "*.mx.example.org" }, "mx.example.org", FALSE },
  { "x", { "mx.*.org" }, "mx.example.org", FALSE },
  { "x", { "*.*.example.org" }, "a.mx.example.org", FALSE },
  { "x", { "*.org" }, "example.org", FALSE },
  { "x", { "*" }, "localhost", FALSE },
  /* the CN counts only without DNS names */
  { "mx.example.org", { NULL }, "mx.example.org", TRUE },
  { "mx.example.org", { "other.example.org" }, "mx.example.org", FALSE },
  { "other.example.org", { NULL }, "mx.example.org", FALSE },
  /* internationalised names compare as A-labels */
  { "x", { "xn--mnchen-3ya.example" }, "xn--mnchen-3ya.example", TRUE },
  { "x", { "*.xn--mnchen-3ya.example" }, "mx.xn--mnchen-3ya.example", TRUE },
};

static void
test_name_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      g_autoptr(CertgenCert) leaf = NULL;
      g_autoptr(GPtrArray) chain = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      const char *none[] = { NULL };
      const char *mismatch[] = { "cert-name-mismatch", NULL };

      g_test_message ("case %u: %s / %s -> %s", i, name_cases[i].sans[0] != NULL
                      ? name_cases[i].sans[0] : name_cases[i].cn,
                      name_cases[i].host, name_cases[i].matches ? "match" : "mismatch");
      leaf = leaf_with (name_cases[i].cn, name_cases[i].sans[0] != NULL
                                          ? name_cases[i].sans : NULL,
                        0, 0, 0, 0, 0, pki.intermediate);
      chain = certgen_der_chain (leaf, pki.intermediate, NULL);
      findings = verify (chain, name_cases[i].host, name_cases[i].matches);
      assert_ids_v (findings, name_cases[i].matches ? none : mismatch);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root_pem = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  pki.now = g_get_real_time () / G_USEC_PER_SEC;
  pki.root = certgen_make_ca ("Test Root CA", NULL);
  pki.intermediate = certgen_make_ca ("Test Intermediate CA", pki.root);
  pki.other_root = certgen_make_ca ("Unknown Root CA", NULL);
  pki.other_int = certgen_make_ca ("Unknown Intermediate CA", pki.other_root);
  pki.trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  root_pem = certgen_pem (pki.root);
  sti_trust_store_add_ca_pem (pki.trust, root_pem, "test root", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sti/chain-verify/valid", test_valid);
  g_test_add_func ("/sti/chain-verify/expired", test_expired);
  g_test_add_func ("/sti/chain-verify/expired-intermediate", test_expired_intermediate);
  g_test_add_func ("/sti/chain-verify/not-yet-valid", test_not_yet_valid);
  g_test_add_func ("/sti/chain-verify/self-signed", test_self_signed);
  g_test_add_func ("/sti/chain-verify/self-signed-anchor", test_self_signed_anchor);
  g_test_add_func ("/sti/chain-verify/untrusted", test_untrusted);
  g_test_add_func ("/sti/chain-verify/extra-tls-database", test_extra_tls_database);
  g_test_add_func ("/sti/chain-verify/missing-intermediate", test_missing_intermediate);
  g_test_add_func ("/sti/chain-verify/unknown-ca-leaf-only", test_unknown_ca_leaf_only);
  g_test_add_func ("/sti/chain-verify/expiring-soon", test_expiring_soon);
  g_test_add_func ("/sti/chain-verify/expiring-intermediate", test_expiring_intermediate);
  g_test_add_func ("/sti/chain-verify/not-for-server-auth", test_not_for_server_auth);
  g_test_add_func ("/sti/chain-verify/must-staple", test_must_staple);
  g_test_add_func ("/sti/chain-verify/wrong-order", test_wrong_order);
  g_test_add_func ("/sti/chain-verify/duplicate", test_duplicate);
  g_test_add_func ("/sti/chain-verify/includes-root", test_includes_root);
  g_test_add_func ("/sti/chain-verify/name-mismatch", test_name_mismatch);
  g_test_add_func ("/sti/chain-verify/wildcard", test_wildcard);
  g_test_add_func ("/sti/chain-verify/name-table", test_name_table);
  g_test_add_func ("/sti/chain-verify/nul-san", test_nul_san);
  g_test_add_func ("/sti/chain-verify/weak-key", test_weak_key);
  g_test_add_func ("/sti/chain-verify/weak-signature", test_weak_signature);
  g_test_add_func ("/sti/chain-verify/several", test_several);
  g_test_add_func ("/sti/chain-verify/empty-and-garbage", test_empty_and_garbage);

  ret = g_test_run ();

  g_clear_object (&pki.trust);
  g_clear_pointer (&pki.root, certgen_free);
  g_clear_pointer (&pki.intermediate, certgen_free);
  g_clear_pointer (&pki.other_root, certgen_free);
  g_clear_pointer (&pki.other_int, certgen_free);

  return ret;
}
