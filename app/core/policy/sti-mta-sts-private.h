/* sti-mta-sts-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-mta-sts.h"

#include "sti-finding.h"

G_BEGIN_DECLS

/* What the parts of MTA-STS share: sti-mta-sts.c has the record and the
 * suggestions, sti-mta-sts-policy.c parses the policy file,
 * sti-mta-sts-fetch.c fetches it over HTTPS and sti-mta-sts-evaluate.c
 * holds it against the MX hosts as probed. */

#define STS_ONE_DAY (24 * 60 * 60)

char      *sts_normalize_host   (const char         *host);
GPtrArray *sts_distinct_hosts   (const char * const *mx_hosts);
gboolean   sts_is_valid_domain  (const char         *name,
                                 gboolean            allow_wildcard);

static inline gboolean
sts_is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

G_END_DECLS
