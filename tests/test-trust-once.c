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

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  StiDomainReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  g_assert_no_error (error);
}

static StiDomainReport *
run_check (StiCheckSession *session,
           const char      *domain)
{
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  StiDomainReport *report = NULL;

  check = sti_check_session_create_check (session, domain, NULL, &error);
  g_assert_no_error (error);
  sti_domain_check_run_async (check, NULL, check_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  return report;
}

static gboolean
report_has_finding (StiDomainReport *report,
                    const char      *id)
{
  g_autoptr(GPtrArray) findings = sti_domain_report_collect_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_strcmp0 (sti_finding_get_id (g_ptr_array_index (findings, i)), id) == 0)
        return TRUE;
    }

  return FALSE;
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
  g_autoptr(GError) error = NULL;

  if (counter_get == NULL)
    {
      g_test_skip ("Run under LD_PRELOAD=trust-load-counter.so (meson test does)");
      return;
    }

  g_assert_nonnull (sti_check_session_ensure_lab (session, &error));
  g_assert_no_error (error);

  sts = run_check (session, "mta-sts.lab.test");
  g_assert_nonnull (sti_domain_report_get_mta_sts (sts));
  g_assert_true (sti_mta_sts_evidence_get_certificate_verified (sti_domain_report_get_mta_sts (sts)));

  aia = run_check (session, "missing-intermediate.lab.test");
  g_assert_true (report_has_finding (aia, "chain-missing-intermediate"));

  again = run_check (session, "mta-sts.lab.test");
  g_assert_true (sti_mta_sts_evidence_get_certificate_verified (sti_domain_report_get_mta_sts (again)));

  g_test_message ("system trust loads %d, trust files %d, bundle opens %d, on the main thread %d",
                  loads ("system-trust"), loads ("trust-file"), loads ("bundle-opens"),
                  loads ("main-thread-loads"));
  g_assert_cmpint (loads ("system-trust"), ==, 1);
  g_assert_cmpint (loads ("bundle-opens"), ==, 1);
  g_assert_cmpint (loads ("main-thread-loads"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  counter_get = (CounterGet)dlsym (RTLD_DEFAULT, "trust_load_counter_get");

  g_test_add_func ("/sti/trust-store/once-per-process", test_once_per_process);

  return g_test_run ();
}
