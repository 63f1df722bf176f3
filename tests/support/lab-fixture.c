/* lab-fixture.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"

/* Never the machine's resolver: lab names are local data, anything else
 * goes to a forwarder on a closed loopback port. */
StiResolver *
fixture_resolver_new (Fixture *fixture)
{
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  resolver = sti_resolver_new ("127.0.0.1@9", &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (resolver, 2000);
  g_assert_true (sti_lab_configure_resolver (fixture->lab, resolver, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&resolver);
}

void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->lab = sti_lab_new ();
  g_assert_true (sti_lab_start (fixture->lab, &error));
  g_assert_no_error (error);

  fixture->resolver = fixture_resolver_new (fixture);

  fixture->trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sti_trust_store_add_ca_pem (fixture->trust, sti_lab_get_ca_pem (fixture->lab),
                                             "lab", &error));
  g_assert_no_error (error);

  fixture->options = sti_check_options_new ();
  fixture->options->port = sti_lab_get_port (fixture->lab);
  fixture->options->https_port = sti_lab_get_port (fixture->lab);
  fixture->options->connect_timeout_ms = 3000;
  fixture->options->stage_timeout_ms = 3000;
  fixture->options->total_timeout_ms = 8000;
}

void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->options, sti_check_options_free);
  g_clear_object (&fixture->trust);
  g_clear_object (&fixture->resolver);
  sti_lab_stop (fixture->lab);
  g_assert_finalize_object (fixture->lab);
}

void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *outer = user_data;
  g_autoptr(GError) error = NULL;
  StiDomainReport *report;

  report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  if (report != NULL)
    g_task_return_pointer (outer, report, g_object_unref);
  else
    g_task_return_error (outer, g_steal_pointer (&error));
  g_object_unref (outer);
}

StiDomainReport *
run_check (Fixture    *fixture,
           const char *input)
{
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GError) error = NULL;
  StiDomainReport *report;

  target = sti_check_target_parse (input, &error);
  g_assert_no_error (error);

  check = sti_domain_check_new (target, fixture->options, fixture->resolver, fixture->trust);
  outer = g_task_new (NULL, NULL, NULL, NULL);
  sti_domain_check_run_async (check, NULL, run_done_cb, g_object_ref (outer));
  while (!g_task_get_completed (outer))
    g_main_context_iteration (NULL, TRUE);

  report = g_task_propagate_pointer (outer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

