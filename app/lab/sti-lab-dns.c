/* sti-lab-dns.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"

#include "sti-resolver.h"

/* Apart from sti-lab.c so that programs using the lab without a resolver
 * do not link the resolver. */

/**
 * sti_lab_configure_resolver:
 * @self: a #StiLab
 * @resolver: a resolver that has not run a query yet
 * @error: return location for a #GError
 *
 * Makes lab.test a static local zone of @resolver with every lab record,
 * so lab names resolve inside the app only, and nothing under lab.test
 * ever leaves the machine.
 *
 * Returns: %TRUE on success
 */
gboolean
sti_lab_configure_resolver (StiLab       *self,
                            StiResolver  *resolver,
                            GError      **error)
{
  g_auto(GStrv) records = NULL;

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (resolver != NULL, FALSE);

  if (!sti_resolver_add_local_zone (resolver, STI_LAB_ZONE, "static", error))
    return FALSE;

  records = sti_lab_dup_zone_data (self);
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!sti_resolver_add_local_data (resolver, records[i], error))
        return FALSE;
    }

  return TRUE;
}
