/* lab-dns-fixture.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-dns-fixture.h"

#include "sti-host-report.h"

void
lab_dns_fixture_setup (LabDnsFixture      *fixture,
                       const char * const *cases_zone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *forwarder = NULL;

  fixture->server = fake_dns_server_new (&error);
  g_assert_no_error (error);
  forwarder = fake_dns_server_dup_address (fixture->server);

  fixture->lab = sti_lab_new ();
  g_assert_true (sti_lab_start (fixture->lab, &error));
  g_assert_no_error (error);

  fixture->resolver = sti_resolver_new (forwarder, &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (fixture->resolver, 1000);
  g_assert_true (sti_lab_configure_resolver (fixture->lab, fixture->resolver, &error));
  g_assert_true (sti_resolver_add_local_zone (fixture->resolver, "cases.test.", "static", &error));
  for (guint i = 0; cases_zone[i] != NULL; i++)
    {
      g_assert_true (sti_resolver_add_local_data (fixture->resolver, cases_zone[i], &error));
      g_assert_no_error (error);
    }

  fixture->trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sti_trust_store_add_ca_pem (fixture->trust, sti_lab_get_ca_pem (fixture->lab),
                                             "lab", &error));

  fixture->options = sti_check_options_new ();
  fixture->options->port = sti_lab_get_port (fixture->lab);
  fixture->options->total_timeout_ms = 8000;
}

void
lab_dns_fixture_teardown (LabDnsFixture *fixture)
{
  g_clear_pointer (&fixture->options, sti_check_options_free);
  g_clear_object (&fixture->trust);
  g_clear_object (&fixture->resolver);
  sti_lab_stop (fixture->lab);
  g_assert_finalize_object (fixture->lab);
  g_clear_pointer (&fixture->server, fake_dns_server_free);
}

void
domain_check_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  StiDomainReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  g_assert_no_error (error);
}

StiDomainReport *
lab_dns_fixture_run_check (LabDnsFixture *fixture,
                           const char    *input)
{
  g_autoptr(StiCheckTarget) target = sti_check_target_parse (input, NULL);
  g_autoptr(StiDomainCheck) check = NULL;
  StiDomainReport *report = NULL;

  g_assert_nonnull (target);
  check = sti_domain_check_new (target, fixture->options, fixture->resolver, fixture->trust);
  sti_domain_check_run_async (check, NULL, domain_check_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  return report;
}

StiEndpointReport *
only_endpoint (StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GPtrArray *endpoints;

  g_assert_cmpuint (hosts->len, ==, 1);
  endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, 0));
  g_assert_cmpuint (endpoints->len, ==, 1);
  return g_ptr_array_index (endpoints, 0);
}
