/* test-trust-once.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-session.h"
#include "sti-domain-report.h"
#include "sti-finding.h"
#include "sti-tls-database.h"

#include "certgen.h"
#include "lab-fixture.h"

#include <dlfcn.h>

/* The system trust store is loaded once per process (DESIGN.md, decision
 * 11), by whoever needs it: our chain verification, the MTA-STS policy
 * fetch over HTTPS, the AIA and OCSP fetches. And never on the main loop,
 * where it would hold up the SMTP replies. Runs under the LD_PRELOAD
 * interposer tests/support/trust-load-counter.c, which counts the loads
 * glib-networking makes too. */

typedef int (*CounterGet) (const char *name);

static CounterGet counter_get;

static int
loads (const char *what)
{
  int n = counter_get (what);

  g_assert_cmpint (n, >=, 0);
  return n;
}

static StiDomainReport *
run_session_check (StiCheckSession *session,
                   const char      *domain)
{
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GTask) outer = g_task_new (NULL, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  StiDomainReport *report;

  check = sti_check_session_create_check (session, domain, NULL, &error);
  g_assert_no_error (error);
  sti_domain_check_run_async (check, NULL, run_done_cb, g_object_ref (outer));
  while (!g_task_get_completed (outer))
    g_main_context_iteration (NULL, TRUE);

  report = g_task_propagate_pointer (outer, &error);
  g_assert_no_error (error);
  return report;
}

/* A check whose policy host serves MTA-STS over HTTPS, then one whose
 * server omits its intermediate (fetched through AIA, its OCSP status
 * asked), then the first again: one load in all, on a worker thread. */
static void
test_once_per_process (void)
{
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autoptr(StiDomainReport) sts = NULL;
  g_autoptr(StiDomainReport) aia = NULL;
  g_autoptr(StiDomainReport) again = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  StiMtaStsEvidence *evidence;
  g_autoptr(GError) error = NULL;

  if (counter_get == NULL)
    {
      g_test_skip ("Run under LD_PRELOAD=trust-load-counter.so (meson test does)");
      return;
    }

  g_assert_nonnull (sti_check_session_ensure_lab (session, &error));
  g_assert_no_error (error);

  sts = run_session_check (session, "mta-sts.lab.test");
  evidence = sti_domain_report_get_mta_sts (sts);
  g_assert_nonnull (evidence);
  g_assert_true (sti_mta_sts_evidence_get_certificate_verified (evidence));

  aia = run_session_check (session, "missing-intermediate.lab.test");
  findings = sti_domain_report_collect_findings (aia);
  g_assert_true (sti_findings_contain (findings, "chain-missing-intermediate"));

  again = run_session_check (session, "mta-sts.lab.test");
  evidence = sti_domain_report_get_mta_sts (again);
  g_assert_true (sti_mta_sts_evidence_get_certificate_verified (evidence));

  g_test_message ("system trust loads %d, trust files %d, bundle opens %d, on the main thread %d",
                  loads ("system-trust"), loads ("trust-file"), loads ("bundle-opens"),
                  loads ("main-thread-loads"));
  g_assert_cmpint (loads ("system-trust"), ==, 1);
  g_assert_cmpint (loads ("bundle-opens"), ==, 1);
  g_assert_cmpint (loads ("main-thread-loads"), ==, 0);
}

/* GIO's default database is ours once a fetch is made: no connection
 * GIO makes loads a store of its own. Lookups find the issuer among the
 * store's anchors; the identity may be a service's domain. */
static void
test_tls_database (void)
{
  g_autoptr(CertgenCert) ca = certgen_make_ca ("TLS Database Test CA", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mta-sts.example.test", ca);
  g_autofree char *ca_pem = certgen_pem (ca);
  g_autofree char *leaf_pem = certgen_pem (leaf);
  g_autoptr(StiTrustStore) trust = sti_trust_store_new (FALSE, NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GTlsDatabase) fallback = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsCertificate) issuer = NULL;
  g_autoptr(GTlsCertificate) expected = NULL;
  g_autoptr(GSocketConnectable) service = NULL;
  g_autoptr(GSocketConnectable) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sti_trust_store_add_ca_pem (trust, ca_pem, "test CA", &error));
  g_assert_no_error (error);
  database = sti_tls_database_new (trust);
  g_assert_true (sti_tls_database_get_trust (STI_TLS_DATABASE (database)) == trust);

  certificate = g_tls_certificate_new_from_pem (leaf_pem, -1, &error);
  g_assert_no_error (error);
  expected = g_tls_certificate_new_from_pem (ca_pem, -1, &error);
  g_assert_no_error (error);

  issuer = g_tls_database_lookup_certificate_issuer (database, certificate, NULL,
                                                     G_TLS_DATABASE_LOOKUP_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (issuer);
  g_assert_true (g_tls_certificate_is_same (issuer, expected));

  service = g_network_service_new ("https", "tcp", "mta-sts.example.test");
  other = g_network_address_new ("www.example.test", 443);
  g_assert_cmpuint (g_tls_database_verify_chain (database, certificate,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 service, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                                 NULL, &error), ==, 0);
  g_assert_cmpuint (g_tls_database_verify_chain (database, certificate,
                                                 G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                                 other, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                                 NULL, &error), ==, G_TLS_CERTIFICATE_BAD_IDENTITY);
  g_assert_no_error (error);

  sti_tls_database_install_default ();
  fallback = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  g_assert_true (STI_IS_TLS_DATABASE (fallback));
  g_assert_true (sti_tls_database_get_trust (STI_TLS_DATABASE (fallback)) ==
                 sti_trust_store_get_system ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  counter_get = (CounterGet)dlsym (RTLD_DEFAULT, "trust_load_counter_get");

  g_test_add_func ("/sti/trust-store/once-per-process", test_once_per_process);
  g_test_add_func ("/sti/tls-database/verify-lookup", test_tls_database);

  return g_test_run ();
}
