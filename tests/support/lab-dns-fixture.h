/* lab-dns-fixture.h: the demo lab behind a fake DNS forwarder
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-lab.h"

#include "fake-dns-server.h"

G_BEGIN_DECLS

/* A running lab and a resolver that knows its names plus a static local
 * zone "cases.test.", and sends every other name to a fake forwarder on
 * loopback (which a test tells to fail for some names); a trust store
 * with only the lab CA, and options pointing at the lab port. */
typedef struct
{
  FakeDnsServer   *server;
  StiLab          *lab;
  StiResolver     *resolver;
  StiTrustStore   *trust;
  StiCheckOptions *options;
} LabDnsFixture;

/* @cases_zone: NULL-terminated records (zone file lines) for the local
 * zone "cases.test." and names beside it. */
void             lab_dns_fixture_setup     (LabDnsFixture      *fixture,
                                            const char * const *cases_zone);
void             lab_dns_fixture_teardown  (LabDnsFixture      *fixture);
/* Runs one check of @input to completion on the main loop. */
StiDomainReport *lab_dns_fixture_run_check (LabDnsFixture      *fixture,
                                            const char         *input);
/* Stores the check's report in the StiDomainReport ** in @user_data;
 * fails the test on an error. */
void             domain_check_done_cb      (GObject            *object,
                                            GAsyncResult       *result,
                                            gpointer            user_data);
/* The one endpoint of a report with one host of one address; asserts
 * there is exactly one of each. */
StiEndpointReport *only_endpoint           (StiDomainReport    *report);

G_END_DECLS
