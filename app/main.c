/* main.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-application.h"
#include "sti-i18n.h"

#include <glib/gi18n.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(StiApplication) application = NULL;

  /* The window follows the user's locale (LANGUAGE, LC_MESSAGES). */
  sti_i18n_init (NULL, NULL);

  g_set_application_name (_("STARTTLS Inspector"));

  application = sti_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
