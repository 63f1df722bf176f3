/* sti-lab-dns.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"

#include "sti-resolver.h"

#include <glib/gi18n.h>

/* Apart from sti-lab.c so that programs using the lab without a resolver
 * do not link the resolver. */

/**
 * sti_lab_configure_resolver:
 * @self: a running #StiLab
 * @resolver: a resolver that has not run a query yet
 * @error: return location for a #GError
 *
 * Sends @resolver's questions about lab.test to the lab's own name
 * server, with the lab zone's key as trust anchor: lab answers are
 * validated with DNSSEC like any other, and nothing under lab.test ever
 * leaves the machine.
 *
 * Returns: %TRUE on success
 */
gboolean
sti_lab_configure_resolver (StiLab       *self,
                            StiResolver  *resolver,
                            GError      **error)
{
  StiLabDnsServer *server;
  StiLabDnsZones *zones;
  g_auto(GStrv) apexes = NULL;

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (resolver != NULL, FALSE);

  server = sti_lab_get_dns_server (self);
  if (server == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The demo lab is not running."));
      return FALSE;
    }

  /* Each child zone gets a stub of its own: its delegation names
   * ns.lab.test, which listens on no standard port. */
  zones = sti_lab_dns_server_get_zones (server);
  apexes = sti_lab_dns_zones_dup_apexes (zones);
  for (guint i = 0; apexes[i] != NULL; i++)
    {
      g_autofree char *anchor = NULL;

      if (g_str_equal (apexes[i], STI_LAB_ZONE))
        anchor = sti_lab_dns_zones_dup_trust_anchor (zones, apexes[i]);
      if (!sti_resolver_add_stub_zone (resolver, apexes[i],
                                       sti_lab_dns_server_get_address (server), anchor, error))
        return FALSE;
    }

  return TRUE;
}
