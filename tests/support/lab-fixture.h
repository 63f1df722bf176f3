/* lab-fixture.h: the demo lab as a test fixture
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-domain-check.h"
#include "sti-lab.h"

G_BEGIN_DECLS

/* A running lab, a resolver that knows its names and nothing else, a
 * trust store with only the lab CA, and options pointing at the lab port.
 * run_check() runs one check to completion on the main loop. */
typedef struct
{
  StiLab          *lab;
  StiResolver     *resolver;
  StiTrustStore   *trust;
  StiCheckOptions *options;
} Fixture;

void             fixture_setup    (Fixture       *fixture,
                                   gconstpointer  data);
void             fixture_teardown (Fixture       *fixture,
                                   gconstpointer  data);
/* A resolver that knows the lab's names, with a cache of its own. */
StiResolver     *fixture_resolver_new (Fixture     *fixture);
StiDomainReport *run_check        (Fixture       *fixture,
                                   const char    *input);
/* Completes the GTask in @user_data (a reference it takes over) with the
 * check's report or error. */
void             run_done_cb      (GObject       *object,
                                   GAsyncResult  *result,
                                   gpointer       user_data);

G_END_DECLS
