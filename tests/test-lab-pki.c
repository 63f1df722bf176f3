/* test-lab-pki.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-gnutls-private.h"
#include "sti-lab.h"

#include <gnutls/x509-ext.h>
#include <string.h>

#include "lab-chain.h"
#include "lab-client.h"

/* The demo lab's certificates: each scenario's chain carries the defect
 * its name promises, and the lab's AIA and OCSP responders answer. */

/* --- the scenario chains ------------------------------------------------------ */

static char *
cert_dn_part (gnutls_x509_crt_t  crt,
              const char        *oid)
{
  char buf[512];
  size_t size = sizeof buf;

  g_assert_cmpint (gnutls_x509_crt_get_dn_by_oid (crt, oid, 0, 1, buf, &size), ==, 0);
  return g_strndup (buf, size);
}

/* Valid: [leaf, intermediate], verifies with the lab CA for its name */
static void
test_certificates_valid (LabFixture    *fixture,
                         gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  time_t now = time (NULL);
  unsigned int bits = 0;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.valid.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  g_auto(gnutls_x509_crt_t) inter = lab_chain_cert (chain, 1);

  g_assert_cmpuint (chain->len, ==, 2);
  g_assert_true (gnutls_x509_crt_check_issuer (leaf, inter));
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx1.valid.lab.test", 0), ==, 0);
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx2.valid.lab.test", 0), !=, 0);
  g_assert_true (gnutls_x509_crt_get_expiration_time (leaf) > now + 60 * 24 * 3600);
  g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_ECDSA);
}

/* Valid, second MX: its own certificate, for its own name */
static void
test_certificates_valid_mx2 (LabFixture    *fixture,
                             gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx2.valid.lab.test");

  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx2.valid.lab.test", 0), ==, 0);
}

/* Expired: 30 days ago */
static void
test_certificates_expired (LabFixture    *fixture,
                           gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  time_t now = time (NULL);
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.expired.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  time_t expiry = gnutls_x509_crt_get_expiration_time (leaf);

  g_assert_cmpint (expiry, <, now - 29 * 24 * 3600);
  g_assert_cmpint (expiry, >, now - 31 * 24 * 3600);
  g_assert_true (lab_verify_chain (lab, chain, "mx1.expired.lab.test", 0) & GNUTLS_CERT_EXPIRED);
}

/* Not yet valid: from 10 days on */
static void
test_certificates_not_yet_valid (LabFixture    *fixture,
                                 gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  time_t now = time (NULL);
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.not-yet-valid.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);

  g_assert_cmpint (gnutls_x509_crt_get_activation_time (leaf), >, now + 9 * 24 * 3600);
  g_assert_true (lab_verify_chain (lab, chain, "mx1.not-yet-valid.lab.test", 0) &
                 GNUTLS_CERT_NOT_ACTIVATED);
}

/* Self-signed: one certificate, its own issuer */
static void
test_certificates_self_signed (LabFixture    *fixture,
                               gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.self-signed.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);

  g_assert_cmpuint (chain->len, ==, 1);
  g_assert_true (gnutls_x509_crt_check_issuer (leaf, leaf));
  g_assert_true (lab_verify_chain (lab, chain, "mx1.self-signed.lab.test", 0) &
                 GNUTLS_CERT_SIGNER_NOT_FOUND);
}

/* Untrusted CA: one certificate, issuer unknown to the lab CA */
static void
test_certificates_untrusted_ca (LabFixture    *fixture,
                                gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.untrusted-ca.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  g_autofree char *issuer = NULL;
  char buf[256];
  size_t size = sizeof buf;

  g_assert_cmpuint (chain->len, ==, 1);
  g_assert_false (gnutls_x509_crt_check_issuer (leaf, leaf));
  g_assert_cmpint (gnutls_x509_crt_get_issuer_dn_by_oid (leaf, GNUTLS_OID_X520_COMMON_NAME,
                                                         0, 0, buf, &size), ==, 0);
  issuer = g_strndup (buf, size);
  g_assert_cmpstr (issuer, ==, "Untrusted Demo Root CA");
  g_assert_true (lab_verify_chain (lab, chain, "mx1.untrusted-ca.lab.test", 0) &
                 GNUTLS_CERT_SIGNER_NOT_FOUND);
}

/* Missing intermediate: leaf only, with an AIA URL on the lab port */
static void
test_certificates_missing_intermediate (LabFixture    *fixture,
                                        gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.missing-intermediate.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  g_autofree char *expected = g_strdup_printf ("http://127.77.6.100:%u/lab-intermediate.cer",
                                               sti_lab_get_port (lab));
  g_auto(StiGnutlsDatum) url = { NULL, 0 };
  unsigned int critical;
  int ret;

  g_assert_cmpuint (chain->len, ==, 1);
  ret = gnutls_x509_crt_get_authority_info_access (leaf, 0, GNUTLS_IA_CAISSUERS_URI,
                                                   &url, &critical);
  g_assert_cmpint (ret, ==, 0);
  g_assert_cmpmem (url.data, url.size, expected, strlen (expected));
  g_assert_true (lab_verify_chain (lab, chain, "mx1.missing-intermediate.lab.test", 0) &
                 GNUTLS_CERT_SIGNER_NOT_FOUND);
}

/* Wrong order: [leaf, intermediate, intermediate 2]; sorted it verifies */
static void
test_certificates_wrong_order (LabFixture    *fixture,
                               gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.wrong-order.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  g_auto(gnutls_x509_crt_t) second = lab_chain_cert (chain, 1);
  g_auto(gnutls_x509_crt_t) third = lab_chain_cert (chain, 2);

  g_assert_cmpuint (chain->len, ==, 3);
  g_assert_false (gnutls_x509_crt_check_issuer (leaf, second));
  g_assert_true (gnutls_x509_crt_check_issuer (leaf, third));
  g_assert_true (gnutls_x509_crt_check_issuer (third, second));
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx1.wrong-order.lab.test", 0), ==, 0);
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx1.wrong-order.lab.test",
                                      GNUTLS_VERIFY_DO_NOT_ALLOW_UNSORTED_CHAIN), !=, 0);
}

/* Name mismatch: valid only for mail.other.lab.test */
static void
test_certificates_name_mismatch (LabFixture    *fixture,
                                 gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.name-mismatch.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);

  g_assert_false (gnutls_x509_crt_check_hostname (leaf, "mx1.name-mismatch.lab.test"));
  g_assert_true (gnutls_x509_crt_check_hostname (leaf, "mail.other.lab.test"));
  g_assert_true (lab_verify_chain (lab, chain, "mx1.name-mismatch.lab.test", 0) &
                 GNUTLS_CERT_UNEXPECTED_OWNER);
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mail.other.lab.test", 0), ==, 0);
}

/* Weak key: RSA 1024 */
static void
test_certificates_weak_key (LabFixture    *fixture,
                            gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  unsigned int bits = 0;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.weak-key.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);

  g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_RSA);
  g_assert_cmpuint (bits, ==, 1024);
}

/* SHA-1 signature */
static void
test_certificates_sha1 (LabFixture    *fixture,
                        gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.sha1.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  int sign = gnutls_x509_crt_get_signature_algorithm (leaf);

  g_assert_cmpint (gnutls_sign_get_hash_algorithm (sign), ==, GNUTLS_DIG_SHA1);
  g_assert_true (lab_verify_chain (lab, chain, "mx1.sha1.lab.test", 0) &
                 GNUTLS_CERT_INSECURE_ALGORITHM);
}

/* Hostile: markup and invalid UTF-8 in the names, valid SAN */
static void
test_certificates_hostile (LabFixture    *fixture,
                           gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "mx1.hostile.lab.test");
  g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
  g_autofree char *cn = cert_dn_part (leaf, GNUTLS_OID_X520_COMMON_NAME);
  g_autofree char *o = cert_dn_part (leaf, GNUTLS_OID_X520_ORGANIZATION_NAME);
  g_autofree char *ou = cert_dn_part (leaf, GNUTLS_OID_X520_ORGANIZATIONAL_UNIT_NAME);

  g_assert_nonnull (strstr (cn, "<script>alert(1)</script>"));
  g_assert_false (g_utf8_validate (cn, -1, NULL));
  g_assert_nonnull (strstr (o, "<img src=x onerror=alert(1)>"));
  g_assert_nonnull (strstr (o, "&amp;"));
  g_assert_nonnull (strstr (o, "`"));
  g_assert_nonnull (strstr (o, "|"));
  g_assert_false (g_utf8_validate (ou, -1, NULL));
  g_assert_cmpuint (lab_verify_chain (lab, chain, "mx1.hostile.lab.test", 0), ==, 0);
}

/* Implicit MX: the certificate names the domain itself */
static void
test_certificates_implicit_mx (LabFixture    *fixture,
                               gconstpointer  data)
{
  StiLab *lab = fixture->lab;
  g_autoptr(GPtrArray) chain = lab_chain (lab, "no-mx.lab.test");

  g_assert_cmpuint (lab_verify_chain (lab, chain, "no-mx.lab.test", 0), ==, 0);
}

/* Null MX: no mail host, so no server and no chain */
static void
test_certificates_null_mx (LabFixture    *fixture,
                           gconstpointer  data)
{
  g_assert_null (sti_lab_dup_chain (fixture->lab, "mx1.null-mx.lab.test"));
}

/* --- AIA and OCSP ------------------------------------------------------------- */

static void
test_aia (LabFixture    *fixture,
          gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "aia.missing-intermediate.lab.test");
  g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.valid.lab.test");
  GBytes *intermediate = g_ptr_array_index (chain, 1);
  const guint8 *response;
  const guint8 *body;

  lab_client_send (client, "GET /lab-intermediate.cer HTTP/1.1\r\nHost: 127.77.6.100\r\n\r\n");
  while (lab_client_read_some (client))
    ;

  response = client->buffer->data;
  g_assert_true (g_str_has_prefix ((const char *)response, "HTTP/1.1 200 OK\r\n"));
  body = (const guint8 *)g_strstr_len ((const char *)response, client->buffer->len, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;
  g_assert_cmpmem (body, client->buffer->len - (body - response),
                   g_bytes_get_data (intermediate, NULL), g_bytes_get_size (intermediate));
}

/* The certificates of the scenarios that exercise the certificate
 * analysis carry what their names promise. */
static void
test_analysis_certificates (LabFixture    *fixture,
                            gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.expiring-soon.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
    gint64 left = (gnutls_x509_crt_get_expiration_time (leaf) - now) / (24 * 3600);

    g_assert_cmpint (left, ==, 5);
    g_assert_cmpuint (lab_verify_chain (fixture->lab, chain, "mx1.expiring-soon.lab.test", 0),
                      ==, 0);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.not-for-server-auth.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
    char oid[128];
    size_t size = sizeof oid;

    g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (leaf, 0, oid, &size, NULL), ==, 0);
    g_assert_cmpstr (oid, ==, GNUTLS_KP_TLS_WWW_CLIENT);
    size = sizeof oid;
    g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (leaf, 1, oid, &size, NULL), <, 0);
    g_assert_true (lab_verify_chain (fixture->lab, chain, "mx1.not-for-server-auth.lab.test", 0) &
                   GNUTLS_CERT_PURPOSE_MISMATCH);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.must-staple.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
    gnutls_x509_tlsfeatures_t features = NULL;
    unsigned int feature = 0;

    g_assert_cmpint (gnutls_x509_tlsfeatures_init (&features), ==, 0);
    g_assert_cmpint (gnutls_x509_crt_get_tlsfeatures (leaf, features, 0, NULL), ==, 0);
    g_assert_cmpint (gnutls_x509_tlsfeatures_get (features, 0, &feature), ==, 0);
    g_assert_cmpuint (feature, ==, 5);
    gnutls_x509_tlsfeatures_deinit (features);
  }

  {
    g_autoptr(GPtrArray) chain = lab_chain (fixture->lab, "mx1.no-forward-secrecy.lab.test");
    g_auto(gnutls_x509_crt_t) leaf = lab_chain_cert (chain, 0);
    unsigned int bits = 0;

    g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (leaf, &bits), ==, GNUTLS_PK_RSA);
    g_assert_cmpuint (bits, ==, 2048);
  }
}

static GBytes *
ocsp_query (LabFixture        *fixture,
            const char        *scenario_host,
            gnutls_x509_crt_t  leaf,
            gnutls_x509_crt_t  issuer)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, scenario_host);
  g_auto(gnutls_ocsp_req_t) req = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  g_autofree char *b64 = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *request = NULL;
  const char *response;
  const char *body;

  g_assert_cmpint (gnutls_ocsp_req_init (&req), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_add_cert (req, GNUTLS_DIG_SHA1, issuer, leaf), ==, 0);
  g_assert_cmpint (gnutls_ocsp_req_export (req, &der), ==, 0);
  b64 = g_base64_encode (der.data, der.size);
  escaped = g_uri_escape_string (b64, NULL, FALSE);
  request = g_strdup_printf ("GET /%s HTTP/1.1\r\nHost: ocsp\r\n\r\n", escaped);

  lab_client_send (client, request);
  while (lab_client_read_some (client))
    ;

  response = (const char *)client->buffer->data;
  g_assert_true (g_str_has_prefix (response, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (g_strstr_len (response, client->buffer->len,
                                  "Content-Type: application/ocsp-response\r\n"));
  body = g_strstr_len (response, client->buffer->len, "\r\n\r\n");
  g_assert_nonnull (body);
  body += 4;

  return g_bytes_new (body, client->buffer->len - (body - response));
}

static unsigned int
ocsp_status_of (GBytes            *answer,
                gnutls_x509_crt_t  leaf,
                gnutls_x509_crt_t  issuer)
{
  g_auto(gnutls_ocsp_resp_t) resp = NULL;
  gnutls_datum_t datum = { (unsigned char *)g_bytes_get_data (answer, NULL),
                           g_bytes_get_size (answer) };
  unsigned int verify = 1, status = 99;

  g_assert_cmpint (gnutls_ocsp_resp_init (&resp), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_import (resp, &datum), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_get_status (resp), ==, GNUTLS_OCSP_RESP_SUCCESSFUL);
  g_assert_cmpint (gnutls_ocsp_resp_verify_direct (resp, issuer, &verify, 0), ==, 0);
  g_assert_cmpuint (verify, ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_check_crt (resp, 0, leaf), ==, 0);
  g_assert_cmpint (gnutls_ocsp_resp_get_single (resp, 0, NULL, NULL, NULL, NULL, &status,
                                                NULL, NULL, NULL, NULL), ==, 0);

  return status;
}

static void
test_ocsp_responder (LabFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) revoked_chain = lab_chain (fixture->lab, "mx1.revoked.lab.test");
  g_autoptr(GPtrArray) valid_chain = lab_chain (fixture->lab, "mx1.valid.lab.test");
  g_auto(gnutls_x509_crt_t) revoked = lab_chain_cert (revoked_chain, 0);
  g_auto(gnutls_x509_crt_t) valid = lab_chain_cert (valid_chain, 0);
  g_auto(gnutls_x509_crt_t) issuer = lab_chain_cert (revoked_chain, 1);
  gnutls_datum_t url = { NULL, 0 };
  g_autoptr(GBytes) answer1 = NULL;
  g_autoptr(GBytes) answer2 = NULL;

  /* The revoked leaf names the lab responder. */
  g_assert_cmpint (gnutls_x509_crt_get_authority_info_access (revoked, 0, GNUTLS_IA_OCSP_URI,
                                                              &url, NULL), ==, 0);
  g_assert_true (g_str_has_prefix ((const char *)url.data, "http://127.77."));
  gnutls_free (url.data);

  answer1 = ocsp_query (fixture, "ocsp.revoked.lab.test", revoked, issuer);
  g_assert_cmpuint (ocsp_status_of (answer1, revoked, issuer), ==, GNUTLS_OCSP_CERT_REVOKED);
  answer2 = ocsp_query (fixture, "ocsp.revoked.lab.test", valid, issuer);
  g_assert_cmpuint (ocsp_status_of (answer2, valid, issuer), ==, GNUTLS_OCSP_CERT_GOOD);

  /* Garbage gets "malformedRequest", not a crash. */
  {
    g_autoptr(LabClient) client = lab_client_new (fixture->lab, "ocsp.revoked.lab.test");

    lab_client_send (client, "GET /not-base64%00%ff HTTP/1.1\r\n\r\n");
    while (lab_client_read_some (client))
      ;
    g_assert_cmpuint (client->buffer->len, >, 5);
    g_assert_cmpmem (client->buffer->data + client->buffer->len - 5, 5,
                     "\x30\x03\x0a\x01\x01", 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lab_test_add ("/sti/lab/certificates/valid", NULL, test_certificates_valid);
  lab_test_add ("/sti/lab/certificates/valid-mx2", NULL, test_certificates_valid_mx2);
  lab_test_add ("/sti/lab/certificates/expired", NULL, test_certificates_expired);
  lab_test_add ("/sti/lab/certificates/not-yet-valid", NULL, test_certificates_not_yet_valid);
  lab_test_add ("/sti/lab/certificates/self-signed", NULL, test_certificates_self_signed);
  lab_test_add ("/sti/lab/certificates/untrusted-ca", NULL, test_certificates_untrusted_ca);
  lab_test_add ("/sti/lab/certificates/missing-intermediate", NULL,
                test_certificates_missing_intermediate);
  lab_test_add ("/sti/lab/certificates/wrong-order", NULL, test_certificates_wrong_order);
  lab_test_add ("/sti/lab/certificates/name-mismatch", NULL, test_certificates_name_mismatch);
  lab_test_add ("/sti/lab/certificates/weak-key", NULL, test_certificates_weak_key);
  lab_test_add ("/sti/lab/certificates/sha1", NULL, test_certificates_sha1);
  lab_test_add ("/sti/lab/certificates/hostile", NULL, test_certificates_hostile);
  lab_test_add ("/sti/lab/certificates/implicit-mx", NULL, test_certificates_implicit_mx);
  lab_test_add ("/sti/lab/certificates/null-mx", NULL, test_certificates_null_mx);
  lab_test_add ("/sti/lab/aia", NULL, test_aia);
  lab_test_add ("/sti/lab/analysis-certificates", NULL, test_analysis_certificates);
  lab_test_add ("/sti/lab/ocsp-responder", NULL, test_ocsp_responder);

  return g_test_run ();
}
