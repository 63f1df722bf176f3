/* sti-placeholders.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-finding-registry.h"

G_BEGIN_DECLS

/* What the finding is about, from the report model (all nullable, all
 * borrowed for the duration of the call). @mx_hosts: every MX host name of
 * the domain, NULL-terminated, used for certificate requests. */
typedef struct
{
  const char         *domain;
  const char         *host;
  const char         *address;
  const char * const *mx_hosts;
} StiExplainContext;

GHashTable *sti_placeholders_new  (const StiFindingEntry   *entry,
                                  const char              *id,
                                  GVariant                *params,
                                  const char              *detail,
                                  const StiExplainContext *context);
char       *sti_placeholders_fill (const char              *text,
                                  GHashTable              *values);

G_END_DECLS
