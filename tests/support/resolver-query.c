/* resolver-query.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "resolver-query.h"

void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  QueryResult *qr = user_data;

  qr->answer = sti_resolver_query_finish (STI_RESOLVER (object), result, &qr->error);
  qr->done = TRUE;
}

static gboolean
query_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Fails the test when the resolver has not answered within 10 s: its
 * own timeout is shorter. */
StiDnsAnswer *
query_sync (StiResolver   *resolver,
            const char    *name,
            guint16        rrtype,
            GError       **error)
{
  QueryResult qr = { 0 };
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (10000, query_timeout_cb, &timed_out);

  sti_resolver_query_async (resolver, name, rrtype, NULL, query_cb, &qr);
  while (!qr.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (qr.done);
  g_source_remove (id);

  if (qr.error != NULL)
    g_propagate_error (error, qr.error);
  return qr.answer;
}
