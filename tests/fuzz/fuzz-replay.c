/* fuzz-replay.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main() of a harness built without libFuzzer (any compiler): feeds
 * every file of the directories named on the command line (its seed
 * corpus and every crash ever found) to LLVMFuzzerTestOneInput(), once
 * each, in name order. The meson suite "fuzz" runs it on every build, so
 * a fixed crash stays fixed. A file of the harness's own is accepted as
 * an argument too, to replay one input.
 */

#include "config.h"

#include "fuzz-common.h"

#include <gio/gio.h>
#include <string.h>

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);

  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
  LLVMFuzzerTestOneInput ((const uint8_t *)contents, len);
}

/* Returns: how many files were replayed */
static guint
replay_dir (const char *dir_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    g_error ("%s", error->message);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* README and .gitkeep are notes, not inputs. */
      if (name[0] != '.' && strcmp (name, "README") != 0)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, names->pdata[i], NULL);

      replay_file (path);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  fuzz_init ();

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        n += replay_dir (argv[i]);
      else
        {
          replay_file (argv[i]);
          n++;
        }
    }

  g_print ("replayed %u inputs, all passed\n", n);
  return 0;
}
