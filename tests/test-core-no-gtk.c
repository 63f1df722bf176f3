/* test-core-no-gtk.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* dl_iterate_phdr */

#include "config.h"

#include "sti-check-target.h"
#include "sti-lab.h"

#include <link.h>
#include <string.h>

/* The core library (and the lab on top of it) must never pull in GTK: the
 * CLI and the engine run where there is no display. This program links
 * only the core and the lab; if either needed GTK, libgtk would be among
 * its loaded objects. */

static int
find_toolkit_cb (struct dl_phdr_info *info,
                 size_t               size,
                 void                *data)
{
  GPtrArray *found = data;

  if (info->dlpi_name != NULL &&
      (strstr (info->dlpi_name, "libgtk") != NULL ||
       strstr (info->dlpi_name, "libadwaita") != NULL ||
       strstr (info->dlpi_name, "libgdk") != NULL))
    g_ptr_array_add (found, g_strdup (info->dlpi_name));

  return 0;
}

static void
test_no_toolkit_loaded (void)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(StiCheckTarget) target = sti_check_target_parse ("example.org", NULL);
  guint n = 0;

  /* Use the libraries for real, so the linker keeps them. */
  g_assert_nonnull (target);
  g_assert_nonnull (sti_lab_get_scenarios (&n));
  g_assert_cmpuint (n, >, 0);

  dl_iterate_phdr (find_toolkit_cb, found);
  for (guint i = 0; i < found->len; i++)
    g_test_message ("toolkit library loaded: %s", (char *)found->pdata[i]);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/core/no-gtk", test_no_toolkit_loaded);

  return g_test_run ();
}
