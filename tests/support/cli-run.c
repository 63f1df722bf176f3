/* cli-run.c: runs the starttls-inspector-cli under test as a user does
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cli-run.h"

#include <string.h>
#include <sys/wait.h>

/**
 * cli_run:
 * @cli: the CLI's path
 * @dir: (nullable): the directory to run it in; %NULL for the current one
 * @args: its arguments, %NULL-terminated
 * @out: (out) (optional): its standard output; %NULL throws it away
 * @err: (out) (optional): its standard error
 *
 * Runs the CLI to its end. Whatever went wrong, it must exit (not crash)
 * and print no GLib critical or warning.
 *
 * Returns: its exit code
 */
int
cli_run (const char         *cli,
         const char         *dir,
         const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *line = NULL;
  int wait_status = 0;

  g_strv_builder_add (builder, cli);
  g_strv_builder_addv (builder, (const char **)args);
  argv = g_strv_builder_end (builder);
  g_spawn_sync (dir, argv, NULL, out != NULL ? G_SPAWN_DEFAULT : G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, out != NULL ? &output : NULL, &errors, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  line = g_strjoinv (" ", (char **)args);
  g_test_message ("%s → %d\n%s%s", line, WEXITSTATUS (wait_status),
                  output != NULL ? output : "", errors);
  g_assert_null (strstr (errors, "CRITICAL"));
  g_assert_null (strstr (errors, "WARNING"));
  if (out != NULL)
    *out = g_steal_pointer (&output);
  if (err != NULL)
    *err = g_steal_pointer (&errors);

  return WEXITSTATUS (wait_status);
}
