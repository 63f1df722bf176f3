/* fake-dnssec-root.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-dnssec-root.h"

#include <glib/gstdio.h>
#include <unistd.h>

void
test_root_init (TestRoot           *root,
                const char * const *records)
{
  g_autoptr(StiLabDnsZones) zones = sti_lab_dns_zones_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor = NULL;
  int fd;

  g_assert_true (sti_lab_dns_zones_add_zone (zones, ".", "ns.example.", STI_LAB_DNS_SIGNED,
                                             &error));
  g_assert_true (sti_lab_dns_zones_add_zone (zones, "forged.example.", "ns.example.",
                                             STI_LAB_DNS_SIGNED_BOGUS, &error));
  g_assert_no_error (error);
  for (guint i = 0; records[i] != NULL; i++)
    {
      g_assert_true (sti_lab_dns_zones_add_record (zones, records[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (sti_lab_dns_zones_seal (zones, g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);

  anchor = sti_lab_dns_zones_dup_trust_anchor (zones, ".");
  g_assert_nonnull (anchor);
  fd = g_file_open_tmp ("sti-test-anchor-XXXXXX", &root->anchor_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (root->anchor_path, anchor, -1, &error);
  g_assert_no_error (error);

  root->server = sti_lab_dns_server_new (g_steal_pointer (&zones));
  g_assert_true (sti_lab_dns_server_start (root->server, "127.0.0.1", &error));
  g_assert_no_error (error);
}

/* "ADDR@PORT": the resolver's forwarder */
const char *
test_root_get_address (TestRoot *root)
{
  return sti_lab_dns_server_get_address (root->server);
}

void
test_root_clear (TestRoot *root)
{
  g_unlink (root->anchor_path);
  g_clear_pointer (&root->anchor_path, g_free);
  g_clear_pointer (&root->server, sti_lab_dns_server_free);
}
