/* resolver-query.h: one resolver query run to completion on the main loop
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-resolver.h"

G_BEGIN_DECLS

/* What one query returned; query_cb() fills it in and sets done. */
typedef struct
{
  StiDnsAnswer *answer;
  GError       *error;
  gboolean      done;
} QueryResult;

void          query_cb   (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

/* Fails the test when the resolver has not answered within 10 s: its
 * own timeout is shorter. */
StiDnsAnswer *query_sync (StiResolver  *resolver,
                          const char   *name,
                          guint16       rrtype,
                          GError      **error);

G_END_DECLS
