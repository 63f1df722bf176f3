/* test-error-text.c: errors say what happened and what to do, not what a
 * library said (issue 18, item 7)
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate.h"
#include "sti-dns-answer.h"
#include "sti-error-text.h"
#include "sti-report-json.h"
#include "sti-trust-store.h"

#include <string.h>

/* The message starts with the plain words of @problem; a library's own
 * words come, if at all, only after them as a detail. */
static void
assert_says (const GError *error,
             StiProblem    problem)
{
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, sti_error_text_get_problem (problem)) != NULL);
  g_assert_false (g_str_has_prefix (error->message, "ASN1"));
  g_assert_false (g_str_has_prefix (error->message, "<data>"));
}

static void
test_certificate_damaged (void)
{
  static const guint8 garbage[] = { 0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x00, 0xff, 0xff };
  g_autoptr(GBytes) der = g_bytes_new_static (garbage, sizeof garbage);
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (der, &error);

  g_assert_null (cert);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_says (error, STI_PROBLEM_CERTIFICATE_DAMAGED);
  g_assert_true (g_str_has_prefix (error->message, "The certificate data is damaged"));
}

static void
test_ca_file_unreadable (void)
{
  g_autoptr(StiTrustStore) store = sti_trust_store_new (FALSE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (sti_trust_store_add_ca_pem (store, "-----BEGIN CERTIFICATE-----\nAAAA\n"
                                              "-----END CERTIFICATE-----\n", "bad.pem", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  assert_says (error, STI_PROBLEM_CA_FILE_UNREADABLE);
  /* Which file, first */
  g_assert_true (g_str_has_prefix (error->message, "bad.pem: "));
}

static void
test_report_not_json (void)
{
  static const char * const inputs[] = { "hello", "{\"domain\": ", "<html></html>" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiDomainReport) report = sti_report_load_from_data (inputs[i], -1, &error);

      g_assert_null (report);
      assert_says (error, STI_PROBLEM_REPORT_NOT_JSON);
      g_assert_true (g_str_has_prefix (error->message, "This file is not a saved report"));
    }
}

/* Reason codes kept in findings' params have words; unknown ones pass. */
static void
test_reasons (void)
{
  g_autofree char *alone = sti_error_text_dup_problem (STI_PROBLEM_REPORT_NOT_JSON, NULL);

  g_assert_cmpstr (sti_error_text_get_reason ("signer-not-found"), ==,
                   "the issuer was not found");
  g_assert_cmpstr (sti_error_text_get_reason ("signer-not-ca"), ==, "the issuer is not a CA");
  g_assert_cmpstr (sti_error_text_get_reason ("new-reason"), ==, "new-reason");
  g_assert_cmpstr (alone, ==, sti_error_text_get_problem (STI_PROBLEM_REPORT_NOT_JSON));
}

/* DNS answers in words, never the raw code */
static void
test_dns_rcode_words (void)
{
  for (StiDnsRcodeKind kind = STI_DNS_RCODE_KIND_NOERROR; kind <= STI_DNS_RCODE_KIND_OTHER;
       kind++)
    {
      const char *label = sti_dns_rcode_kind_get_label (kind);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, sti_dns_rcode_kind_to_string (kind));
      g_assert_null (strstr (label, "nxdomain"));
    }
  g_assert_cmpstr (sti_dns_rcode_kind_get_label (STI_DNS_RCODE_KIND_NXDOMAIN), ==,
                   "No such name");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/error-text/certificate-damaged", test_certificate_damaged);
  g_test_add_func ("/sti/error-text/ca-file-unreadable", test_ca_file_unreadable);
  g_test_add_func ("/sti/error-text/report-not-json", test_report_not_json);
  g_test_add_func ("/sti/error-text/reasons", test_reasons);
  g_test_add_func ("/sti/error-text/dns-rcode-words", test_dns_rcode_words);

  return g_test_run ();
}
