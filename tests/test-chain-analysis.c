/* test-chain-analysis.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gnutls/pkcs7.h>
#include <libsoup/soup.h>
#include <string.h>

#include "certgen.h"
#include "fake-ca-web.h"
#include "sti-certificate.h"
#include "sti-chain-analysis.h"
#include "sti-chain-link.h"
#include "sti-finding.h"
#include "sti-gnutls-private.h"
#include "sti-lab-ocsp.h"
#include "sti-trust-store.h"

#define DAY (24 * 3600)

/* A local HTTP server plays the CA's web server: AIA caIssuers, an OCSP
 * responder (the lab's), and hostile answers. */
typedef struct
{
  FakeCaWeb     *web;
  StiLabOcsp    *ocsp;          /* answers under /ocsp/ */

  StiTrustStore *trust;
  CertgenCert   *root;
  CertgenCert   *intermediate;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root_pem = NULL;

  f->web = fake_ca_web_new ();

  f->root = certgen_make_ca ("Analysis Test Root", NULL);
  f->intermediate = certgen_make_ca ("Analysis Test Intermediate", f->root);
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
  g_clear_pointer (&f->ocsp, sti_lab_ocsp_free);
  g_clear_pointer (&f->root, certgen_free);
  g_clear_pointer (&f->intermediate, certgen_free);
  g_assert_finalize_object (f->trust);
}

static char *
url (Fixture    *f,
     const char *path)
{
  return fake_ca_web_url (f->web, path);
}

static void
serve (Fixture    *f,
       const char *path,
       const char *type,
       GBytes     *body)
{
  fake_ca_web_serve (f->web, path, type, body);
}

static CertgenCert *
make_leaf (CertgenCert *issuer,
           const char  *aia,
           const char  *ocsp,
           gboolean     must_staple)
{
  const char *names[] = { "mx.example.org", NULL };
  CertgenOptions options = { 0, };

  options.common_name = "mx.example.org";
  options.dns_names = names;
  options.ca_issuers_url = aia;
  options.ocsp_url = ocsp;
  options.must_staple = must_staple;
  options.key_purpose = GNUTLS_KP_TLS_WWW_SERVER;

  return certgen_make (&options, issuer);
}

static CertgenCert *
make_ca (const char  *cn,
         CertgenCert *issuer,
         const char  *aia)
{
  CertgenOptions options = { 0, };

  options.common_name = cn;
  options.organization = "Analysis Test CA";
  options.is_ca = TRUE;
  options.ca_issuers_url = aia;

  return certgen_make (&options, issuer);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

typedef struct
{
  gboolean  allow_network;
  gboolean  staple_requested;
  guint     timeout_ms;
  guint     max_hops;
  gsize     max_bytes;
  GBytes   *stapled;
} RunOptions;

static StiChainAnalysisResult *
run (Fixture          *f,
     GPtrArray        *chain,
     const RunOptions *ro,
     GCancellable     *cancellable,
     GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  StiChainAnalysisOptions options;
  StiChainAnalysisResult *analysis;

  sti_chain_analysis_options_init (&options);
  options.trust = f->trust;
  options.session = session;
  options.allow_network = ro->allow_network;
  options.staple_requested = ro->staple_requested;
  if (ro->timeout_ms > 0)
    options.timeout_ms = ro->timeout_ms;
  if (ro->max_hops > 0)
    options.max_aia_hops = ro->max_hops;
  if (ro->max_bytes > 0)
    options.max_fetch_bytes = ro->max_bytes;

  sti_chain_analysis_run_async (&options, chain, "mx.example.org", ro->stapled, cancellable,
                                run_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  analysis = sti_chain_analysis_run_finish (result, error);
  /* Let the server see the connections close. */
  soup_session_abort (session);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  if (analysis != NULL)
    {
      GPtrArray *findings = sti_chain_analysis_result_get_findings (analysis);

      for (guint i = 0; i < findings->len; i++)
        g_test_message ("finding: %s: %s", sti_finding_get_id (g_ptr_array_index (findings, i)),
                        sti_finding_get_detail (g_ptr_array_index (findings, i)));
      g_test_message ("aia note: %s, ocsp note: %s",
                      sti_chain_analysis_result_get_aia_note (analysis),
                      sti_chain_analysis_result_get_ocsp_note (analysis));
    }

  return analysis;
}

static StiFinding *
find (StiChainAnalysisResult *analysis,
      const char             *id)
{
  GPtrArray *findings = sti_chain_analysis_result_get_findings (analysis);

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_equal (sti_finding_get_id (g_ptr_array_index (findings, i)), id))
        return g_ptr_array_index (findings, i);
    }

  return NULL;
}

static gboolean
param_bool (StiFinding *finding,
            const char *key)
{
  gboolean value = FALSE;

  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), key, "b", &value));
  return value;
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  RunOptions ro = { .allow_network = FALSE };
  g_autoptr(GError) error = NULL;
  StiChainAnalysisResult *analysis = run (f, chain, &ro, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (sti_chain_analysis_result_get_verified (analysis));
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 0);
  g_assert_cmpuint (sti_chain_analysis_result_get_certificates (analysis)->len, ==, 2);
  /* leaf, intermediate, and the anchor from the store */
  g_assert_cmpuint (sti_chain_analysis_result_get_built_chain (analysis)->len, ==, 3);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 0), ==, STI_CHAIN_ROLE_LEAF);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 1), ==,
                   STI_CHAIN_ROLE_INTERMEDIATE);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 2), ==, STI_CHAIN_ROLE_ANCHOR);
  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==, STI_OCSP_STATUS_NONE);
  g_assert_null (sti_chain_analysis_result_get_complete_chain_pem (analysis));
  g_assert_cmpstr (sti_chain_analysis_result_get_ocsp_note (analysis), ==, "no-ocsp-url");
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 0);
  g_assert_finalize_object (analysis);
}

/* The path as built: each link's origin and place in the chain as sent. */
static void
assert_path (StiChainAnalysisResult *analysis,
             const StiChainOrigin   *origins,
             const int              *positions,
             guint                   n)
{
  GPtrArray *path = sti_chain_analysis_result_get_path (analysis);

  g_assert_cmpuint (path->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const StiChainLink *link = g_ptr_array_index (path, i);

      g_assert_cmpint (link->origin, ==, origins[i]);
      g_assert_cmpint (link->sent_position, ==, positions[i]);
    }
}

static void
assert_proven (Fixture                *f,
               StiChainAnalysisResult *analysis,
               CertgenCert            *leaf,
               const char             *aia)
{
  StiFinding *finding = find (analysis, "chain-missing-intermediate");
  g_autoptr(GVariant) fetched_from = NULL;
  g_autofree const char **urls = NULL;
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autofree char *int_pem = certgen_pem (f->intermediate);
  g_autofree char *root_pem = certgen_pem (f->root);
  const char *pem;

  g_assert_nonnull (finding);
  g_assert_null (find (analysis, "cert-untrusted-issuer"));
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  g_assert_true (param_bool (finding, "proven"));
  g_assert_nonnull (strstr (sti_finding_get_param_string (finding, "subject"),
                            "Analysis Test Intermediate"));
  fetched_from = g_variant_lookup_value (sti_finding_get_params (finding), "fetched_from",
                                         G_VARIANT_TYPE_STRING_ARRAY);
  urls = g_variant_get_strv (fetched_from, NULL);
  g_assert_cmpstr (urls[0], ==, aia);

  /* The chain to offer: leaf then intermediate, no root. */
  pem = sti_chain_analysis_result_get_complete_chain_pem (analysis);
  g_assert_cmpstr (pem, ==, sti_finding_get_param_string (finding, "complete_chain_pem"));
  g_assert_true (g_str_has_prefix (pem, leaf_pem));
  g_assert_cmpstr (pem + strlen (leaf_pem), ==, int_pem);
  g_assert_null (strstr (pem, root_pem));

  /* Still not verified: senders do not fetch. */
  g_assert_false (sti_chain_analysis_result_get_verified (analysis));
  g_assert_cmpuint (sti_chain_analysis_result_get_fetched (analysis)->len, ==, 1);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 1), ==, STI_CHAIN_ROLE_FETCHED);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 2), ==, STI_CHAIN_ROLE_ANCHOR);
  g_assert_null (sti_chain_analysis_result_get_aia_note (analysis));
  assert_path (analysis, (StiChainOrigin[]){ STI_CHAIN_ORIGIN_SENT, STI_CHAIN_ORIGIN_FETCHED,
                                             STI_CHAIN_ORIGIN_ANCHOR }, (int[]){ 0, -1, -1 }, 3);
  g_assert_true (sti_certificate_equal (
    ((StiChainLink *)g_ptr_array_index (sti_chain_analysis_result_get_path (analysis), 1))
      ->certificate,
    g_ptr_array_index (sti_chain_analysis_result_get_fetched (analysis), 0)));
}

static void
test_aia_der (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *aia = url (f, "/int.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GBytes) der = certgen_der (f->intermediate);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  serve (f, "/int.cer", "application/pkix-cert", der);
  analysis = run (f, chain, &ro, NULL, NULL);
  assert_proven (f, analysis, leaf, aia);
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 1);
}

static void
test_aia_pkcs7 (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *aia = url (f, "/int.p7c");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  gnutls_pkcs7_t pkcs7 = NULL;
  gnutls_datum_t out = { NULL, 0 };
  g_autoptr(GBytes) body = NULL;

  /* A certs-only bundle with the root first: the issuer is picked out. */
  g_assert_cmpint (gnutls_pkcs7_init (&pkcs7), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, f->root->crt), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_set_crt (pkcs7, f->intermediate->crt), >=, 0);
  g_assert_cmpint (gnutls_pkcs7_export2 (pkcs7, GNUTLS_X509_FMT_DER, &out), >=, 0);
  body = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  gnutls_pkcs7_deinit (pkcs7);

  serve (f, "/int.p7c", "application/pkcs7-mime", body);
  analysis = run (f, chain, &ro, NULL, NULL);
  assert_proven (f, analysis, leaf, aia);
}

static void
test_aia_oversized (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *aia = url (f, "/big.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autofree char *junk = g_malloc0 (200 * 1024);
  g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&junk), 200 * 1024);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  StiFinding *finding;

  serve (f, "/big.cer", "application/pkix-cert", body);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "too-large");
  g_assert_cmpuint (sti_chain_analysis_result_get_fetched (analysis)->len, ==, 0);
  /* Back to judging from the names: same organisation as the root. */
  finding = find (analysis, "chain-missing-intermediate");
  g_assert_nonnull (finding);
  g_assert_false (param_bool (finding, "proven"));
  g_assert_cmpstr (sti_finding_get_param_string (finding, "aia_note"), ==, "too-large");
}

static void
test_aia_oversized_chunked (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *aia = url (f, "/chunked");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  RunOptions ro = { .allow_network = TRUE, .max_bytes = 100 * 1024 };
  g_autoptr(StiChainAnalysisResult) analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "too-large");
}

static void
test_aia_redirect_loop (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *aia = url (f, "/loop");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  fake_ca_web_redirect (f->web, "/loop", "/loop2");
  fake_ca_web_redirect (f->web, "/loop2", aia);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "loop");
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 2);
}

static void
test_aia_redirect_followed (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *aia = url (f, "/old.cer");
  g_autofree char *final = url (f, "/int.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GBytes) der = certgen_der (f->intermediate);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  serve (f, "/int.cer", "application/pkix-cert", der);
  fake_ca_web_redirect (f->web, "/old.cer", "/int.cer");
  analysis = run (f, chain, &ro, NULL, NULL);
  assert_proven (f, analysis, leaf, final);
}

static void
test_aia_certificate_loop (Fixture       *f,
                           gconstpointer  data)
{
  /* leaf <- a <- b <- (unknown root); a's AIA is /b, b's AIA is /a. */
  g_autofree char *url_a = url (f, "/a.cer");
  g_autofree char *url_b = url (f, "/b.cer");
  g_autoptr(CertgenCert) stranger = make_ca ("Stranger Root", NULL, NULL);
  g_autoptr(CertgenCert) b = make_ca ("Loop B", stranger, url_a);
  g_autoptr(CertgenCert) a = make_ca ("Loop A", b, url_b);
  g_autoptr(CertgenCert) leaf = make_leaf (a, url_a, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GBytes) der_a = certgen_der (a);
  g_autoptr(GBytes) der_b = certgen_der (b);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  StiFinding *finding;

  serve (f, "/a.cer", "application/pkix-cert", der_a);
  serve (f, "/b.cer", "application/pkix-cert", der_b);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "loop");
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 2);
  g_assert_cmpuint (sti_chain_analysis_result_get_fetched (analysis)->len, ==, 2);
  /* Fetched, and still no trusted root: an unknown CA. */
  finding = find (analysis, "cert-untrusted-issuer");
  g_assert_nonnull (finding);
  g_assert_null (find (analysis, "chain-missing-intermediate"));
  g_assert_cmpstr (sti_finding_get_param_string (finding, "likely_cause"), ==, "unknown-ca");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "why"), ==,
                   "fetched-issuer-not-trusted");
}

static void
test_aia_hops (Fixture       *f,
               gconstpointer  data)
{
  /* root <- i1 <- i2 <- i3 <- i4 <- leaf, each with AIA to its issuer:
   * four hops needed, three allowed. */
  g_autofree char *u1 = url (f, "/1.cer");
  g_autofree char *u2 = url (f, "/2.cer");
  g_autofree char *u3 = url (f, "/3.cer");
  g_autofree char *u4 = url (f, "/4.cer");
  g_autoptr(CertgenCert) i1 = make_ca ("Hop 1", f->root, NULL);
  g_autoptr(CertgenCert) i2 = make_ca ("Hop 2", i1, u1);
  g_autoptr(CertgenCert) i3 = make_ca ("Hop 3", i2, u2);
  g_autoptr(CertgenCert) i4 = make_ca ("Hop 4", i3, u3);
  g_autoptr(CertgenCert) leaf = make_leaf (i4, u4, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  CertgenCert *cas[] = { i1, i2, i3, i4 };
  const char *paths[] = { "/1.cer", "/2.cer", "/3.cer", "/4.cer" };
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cas); i++)
    {
      g_autoptr(GBytes) der = certgen_der (cas[i]);

      serve (f, paths[i], "application/pkix-cert", der);
    }

  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "too-many-hops");
  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 3);
  g_assert_null (find (analysis, "chain-missing-intermediate"));
  g_assert_nonnull (find (analysis, "cert-untrusted-issuer"));

  /* With four hops allowed, the chain is complete. */
  g_clear_object (&analysis);
  ro.max_hops = 4;
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_null (sti_chain_analysis_result_get_aia_note (analysis));
  g_assert_nonnull (find (analysis, "chain-missing-intermediate"));
  g_assert_cmpuint (sti_chain_analysis_result_get_fetched (analysis)->len, ==, 4);
}

static void
test_aia_not_found_and_garbage (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *missing = url (f, "/missing.cer");
  g_autofree char *garbage = url (f, "/garbage.cer");
  g_autoptr(CertgenCert) leaf1 = make_leaf (f->intermediate, missing, NULL, FALSE);
  g_autoptr(CertgenCert) leaf2 = make_leaf (f->intermediate, garbage, NULL, FALSE);
  g_autoptr(GPtrArray) chain1 = certgen_der_chain (leaf1, NULL);
  g_autoptr(GPtrArray) chain2 = certgen_der_chain (leaf2, NULL);
  g_autoptr(GBytes) body = g_bytes_new_static ("<html>not a certificate</html>", 30);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) a1 = NULL;
  g_autoptr(StiChainAnalysisResult) a2 = NULL;

  serve (f, "/garbage.cer", "text/html", body);
  a1 = run (f, chain1, &ro, NULL, NULL);
  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (a1), ==, "http-404");
  a2 = run (f, chain2, &ro, NULL, NULL);
  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (a2), ==, "not-a-certificate");
}

static void
test_aia_network_disabled (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *aia = url (f, "/int.cer");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GBytes) der = certgen_der (f->intermediate);
  RunOptions ro = { .allow_network = FALSE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  StiFinding *finding;

  serve (f, "/int.cer", "application/pkix-cert", der);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpuint (fake_ca_web_get_n_requests (f->web), ==, 0);
  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "network-disabled");
  finding = find (analysis, "chain-missing-intermediate");
  g_assert_nonnull (finding);
  g_assert_false (param_bool (finding, "proven"));
  g_assert_cmpstr (sti_finding_get_param_string (finding, "why"), ==,
                   "issuer-organization-trusted");
}

static void
test_aia_timeout (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *aia = url (f, "/hang");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  RunOptions ro = { .allow_network = TRUE, .timeout_ms = 300 };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(StiChainAnalysisResult) analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_nonnull (analysis);
  g_assert_cmpstr (sti_chain_analysis_result_get_aia_note (analysis), ==, "timeout");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (find (analysis, "chain-missing-intermediate"));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *aia = url (f, "/hang");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, aia, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  analysis = run (f, chain, &ro, cancellable, &error);
  g_assert_null (analysis);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static StiLabOcsp *
make_responder (Fixture *f)
{
  StiLabCert issuer = { f->intermediate->crt, f->intermediate->key };

  /* The responder only borrows the certificate and key, which the
   * fixture keeps alive; the StiLabCert wrapper itself is copied from. */
  return sti_lab_ocsp_new (&issuer);
}

static void
test_ocsp_revoked (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *ocsp = url (f, "/ocsp/");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, ocsp, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  StiLabCert lab_leaf = { leaf->crt, leaf->key };
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (now - 3 * DAY);
  g_autofree char *when_str = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  StiFinding *finding;

  f->ocsp = make_responder (f);

  fake_ca_web_set_ocsp (f->web, f->ocsp);
  sti_lab_ocsp_revoke (f->ocsp, &lab_leaf, now - 3 * DAY, 1);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==,
                   STI_OCSP_STATUS_REVOKED);
  finding = find (analysis, "cert-revoked");
  g_assert_nonnull (finding);
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  g_assert_cmpstr (sti_finding_get_param_string (finding, "source"), ==, "responder");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "revocation_reason"), ==,
                   "keyCompromise");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "revoked_at"), ==, when_str);
  g_assert_cmpstr (sti_finding_get_param_string (finding, "url"), ==, ocsp);
  g_assert_false (sti_chain_analysis_result_get_verified (analysis));
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 1);
}

static void
test_ocsp_good (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *ocsp = url (f, "/ocsp");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, ocsp, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  f->ocsp = make_responder (f);

  fake_ca_web_set_ocsp (f->web, f->ocsp);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==, STI_OCSP_STATUS_GOOD);
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 0);
  g_assert_true (sti_chain_analysis_result_get_verified (analysis));
  g_assert_null (sti_chain_analysis_result_get_ocsp_note (analysis));
}

static void
test_ocsp_wrong_signer (Fixture       *f,
                        gconstpointer  data)
{
  /* The responder signs with another CA's key: the answer is ignored. */
  g_autofree char *ocsp = url (f, "/ocsp/");
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, ocsp, FALSE);
  g_autoptr(CertgenCert) other = make_ca ("Impostor", f->root, NULL);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  StiLabCert impostor = { other->crt, other->key };
  StiLabCert lab_leaf = { leaf->crt, leaf->key };
  RunOptions ro = { .allow_network = TRUE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;

  f->ocsp = sti_lab_ocsp_new (&impostor);

  fake_ca_web_set_ocsp (f->web, f->ocsp);
  sti_lab_ocsp_revoke (f->ocsp, &lab_leaf, g_get_real_time () / G_USEC_PER_SEC - DAY, 1);
  analysis = run (f, chain, &ro, NULL, NULL);

  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==,
                   STI_OCSP_STATUS_INVALID);
  g_assert_null (find (analysis, "cert-revoked"));
}

/* An OCSP request for @leaf, as a client would send it to @issuer's responder. */
static GBytes *
ocsp_request (CertgenCert *issuer,
              CertgenCert *leaf)
{
  g_auto(gnutls_ocsp_req_t) req = NULL;
  gnutls_datum_t req_der = { NULL, 0 };
  GBytes *request;

  g_assert_cmpint (gnutls_ocsp_req_init (&req), >=, 0);
  g_assert_cmpint (gnutls_ocsp_req_add_cert (req, GNUTLS_DIG_SHA1, issuer->crt, leaf->crt), >=, 0);
  g_assert_cmpint (gnutls_ocsp_req_export (req, &req_der), >=, 0);
  request = g_bytes_new (req_der.data, req_der.size);
  gnutls_free (req_der.data);

  return request;
}

static void
test_ocsp_stapled (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, NULL, TRUE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  StiLabCert lab_leaf = { leaf->crt, leaf->key };
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) revoked = NULL;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  RunOptions ro = { .allow_network = FALSE, .staple_requested = TRUE };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  f->ocsp = make_responder (f);

  fake_ca_web_set_ocsp (f->web, f->ocsp);
  request = ocsp_request (f->intermediate, leaf);
  good = sti_lab_ocsp_answer (f->ocsp, request, now);

  /* Must-Staple, and nothing stapled. */
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_nonnull (find (analysis, "ocsp-must-staple-missing"));
  g_assert_cmpint (sti_finding_get_severity (find (analysis, "ocsp-must-staple-missing")), ==,
                   STI_SEVERITY_WARNING);
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 1);
  g_clear_object (&analysis);

  /* A good answer stapled. */
  ro.stapled = good;
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 0);
  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==, STI_OCSP_STATUS_GOOD);
  g_clear_object (&analysis);

  /* A revoked answer stapled. */
  sti_lab_ocsp_revoke (f->ocsp, &lab_leaf, now - DAY, 4);
  revoked = sti_lab_ocsp_answer (f->ocsp, request, now);
  ro.stapled = revoked;
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_nonnull (find (analysis, "cert-revoked"));
  g_assert_cmpstr (sti_finding_get_param_string (find (analysis, "cert-revoked"), "source"), ==,
                   "stapled");
  g_assert_cmpstr (sti_finding_get_param_string (find (analysis, "cert-revoked"),
                                                 "revocation_reason"), ==, "superseded");
  g_clear_object (&analysis);

  /* Garbage stapled: ignored, and said so. */
  ro.stapled = request;
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_cmpuint (sti_chain_analysis_result_get_findings (analysis)->len, ==, 0);
  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==,
                   STI_OCSP_STATUS_INVALID);
}

static void
test_ocsp_stale (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, NULL);
  StiLabCert lab_leaf = { leaf->crt, leaf->key };
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  RunOptions ro = { .allow_network = FALSE };

  /* A revoked answer from 10 days ago, valid for 3: too old to count. */
  f->ocsp = make_responder (f);
  fake_ca_web_set_ocsp (f->web, f->ocsp);
  sti_lab_ocsp_revoke (f->ocsp, &lab_leaf, g_get_real_time () / G_USEC_PER_SEC - 20 * DAY, 1);
  request = ocsp_request (f->intermediate, leaf);
  old = sti_lab_ocsp_answer (f->ocsp, request, g_get_real_time () / G_USEC_PER_SEC - 10 * DAY);

  ro.stapled = old;
  analysis = run (f, chain, &ro, NULL, NULL);
  g_assert_cmpint (sti_chain_analysis_result_get_ocsp_status (analysis), ==,
                   STI_OCSP_STATUS_INVALID);
  g_assert_null (find (analysis, "cert-revoked"));
}

static void
test_extra_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, NULL, FALSE);
  g_autoptr(CertgenCert) unrelated = make_ca ("Unrelated CA", NULL, NULL);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->intermediate, unrelated, NULL);
  RunOptions ro = { .allow_network = FALSE };
  g_autoptr(StiChainAnalysisResult) analysis = run (f, chain, &ro, NULL, NULL);
  GPtrArray *built = sti_chain_analysis_result_get_built_chain (analysis);

  /* leaf, intermediate, anchor from the store, then the stray one */
  g_assert_cmpuint (built->len, ==, 4);
  g_assert_cmpint (sti_chain_analysis_result_get_role (analysis, 3), ==, STI_CHAIN_ROLE_EXTRA);
  g_assert_nonnull (strstr (sti_certificate_get_subject (g_ptr_array_index (built, 3)),
                            "Unrelated CA"));
  g_assert_cmpstr (sti_chain_role_to_string (STI_CHAIN_ROLE_EXTRA), ==, "extra");

  /* The path leaves the stray one out. */
  assert_path (analysis, (StiChainOrigin[]){ STI_CHAIN_ORIGIN_SENT, STI_CHAIN_ORIGIN_SENT,
                                             STI_CHAIN_ORIGIN_ANCHOR }, (int[]){ 0, 1, -1 }, 3);
}

/* Sent out of order, the path takes the certificates in the order used
 * and says where each was sent; a sent root ends it. */
static void
test_path_out_of_order (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CertgenCert) leaf = make_leaf (f->intermediate, NULL, NULL, FALSE);
  g_autoptr(GPtrArray) chain = certgen_der_chain (leaf, f->root, f->intermediate, NULL);
  RunOptions ro = { .allow_network = FALSE };
  g_autoptr(StiChainAnalysisResult) analysis = run (f, chain, &ro, NULL, NULL);
  GPtrArray *path = sti_chain_analysis_result_get_path (analysis);

  assert_path (analysis, (StiChainOrigin[]){ STI_CHAIN_ORIGIN_SENT, STI_CHAIN_ORIGIN_SENT,
                                             STI_CHAIN_ORIGIN_SENT }, (int[]){ 0, 2, 1 }, 3);
  g_assert_nonnull (strstr (sti_certificate_get_subject (
                              ((StiChainLink *)g_ptr_array_index (path, 2))->certificate),
                            "Root"));
}

static void
test_aia_offline_other_organization (Fixture       *f,
                                     gconstpointer  data)
{
  /* An intermediate named differently from its root (as Let's Encrypt's
   * R11 under ISRG Root X1): offline, the AIA URL in the leaf still says
   * "missing intermediate"; without one, "unknown CA". */
  g_autofree char *aia = url (f, "/r11.cer");
  CertgenOptions options = { 0, };
  g_autoptr(CertgenCert) r11 = NULL;
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(CertgenCert) bare = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GPtrArray) bare_chain = NULL;
  RunOptions ro = { .allow_network = FALSE };
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  g_autoptr(StiChainAnalysisResult) bare_analysis = NULL;
  StiFinding *finding;

  options.common_name = "R11";
  options.organization = "Some Other Name";
  options.is_ca = TRUE;
  r11 = certgen_make (&options, f->root);
  leaf = make_leaf (r11, aia, NULL, FALSE);
  bare = make_leaf (r11, NULL, NULL, FALSE);
  chain = certgen_der_chain (leaf, NULL);
  bare_chain = certgen_der_chain (bare, NULL);

  analysis = run (f, chain, &ro, NULL, NULL);
  finding = find (analysis, "chain-missing-intermediate");
  g_assert_nonnull (finding);
  g_assert_false (param_bool (finding, "proven"));
  g_assert_cmpstr (sti_finding_get_param_string (finding, "why"), ==, "issuer-published-via-aia");

  bare_analysis = run (f, bare_chain, &ro, NULL, NULL);
  g_assert_null (find (bare_analysis, "chain-missing-intermediate"));
  g_assert_cmpstr (sti_finding_get_param_string (find (bare_analysis, "cert-untrusted-issuer"),
                                                 "likely_cause"), ==, "unknown-ca");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sti/chain-analysis/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("new-destroy", test_new_destroy);
  ADD ("aia/der", test_aia_der);
  ADD ("aia/pkcs7", test_aia_pkcs7);
  ADD ("aia/oversized", test_aia_oversized);
  ADD ("aia/oversized-chunked", test_aia_oversized_chunked);
  ADD ("aia/redirect-loop", test_aia_redirect_loop);
  ADD ("aia/redirect-followed", test_aia_redirect_followed);
  ADD ("aia/certificate-loop", test_aia_certificate_loop);
  ADD ("aia/hops", test_aia_hops);
  ADD ("aia/not-found-and-garbage", test_aia_not_found_and_garbage);
  ADD ("aia/network-disabled", test_aia_network_disabled);
  ADD ("aia/timeout", test_aia_timeout);
  ADD ("aia/offline-other-organization", test_aia_offline_other_organization);
  ADD ("cancel", test_cancel);
  ADD ("ocsp/revoked", test_ocsp_revoked);
  ADD ("ocsp/good", test_ocsp_good);
  ADD ("ocsp/wrong-signer", test_ocsp_wrong_signer);
  ADD ("ocsp/stapled", test_ocsp_stapled);
  ADD ("ocsp/stale", test_ocsp_stale);
  ADD ("extra-certificate", test_extra_certificate);
  ADD ("path-out-of-order", test_path_out_of_order);

  return g_test_run ();
}
