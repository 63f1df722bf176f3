/* fake-dnssec-root.h: a private DNSSEC root for the tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-lab-dns-server.h"

G_BEGIN_DECLS

/* A private DNSSEC root for the tests, answered by the lab's signed name
 * server: the root zone holds the given records, and "forged.example" is
 * a child zone whose signatures fail. The trust anchor file names the
 * root's key. Validation is real: libunbound checks the signatures, the
 * DS records and the NSEC proofs. */
typedef struct
{
  StiLabDnsServer *server;
  char            *anchor_path;
} TestRoot;

void        test_root_init        (TestRoot           *root,
                                   const char * const *records);
const char *test_root_get_address (TestRoot           *root);
void        test_root_clear       (TestRoot           *root);

G_END_DECLS
