/* sti-secret-file.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-secret-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Files that hold a private key (a key file, a PKCS #12 file) are created
 * readable by their owner alone: mode 0600 from the open() that makes
 * them, never a chmod afterwards, so no other user can open the file in
 * between. A new file is made with O_EXCL, so an existing key is never
 * overwritten by accident; replacing one writes a new file beside it and
 * renames it over the old one, so a failure leaves the old key intact. */

static gboolean
write_all (int          fd,
           GBytes      *contents,
           const char  *path,
           GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (contents, &size);

  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       /* Translators: %s is a file name, then the system's reason */
                       _("Cannot write %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      data += n;
      size -= n;
    }

  if (fsync (fd) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_new (const char  *path,
           GBytes      *contents,
           GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     /* Translators: %s is a file name */
                     _("%s already exists, and it is never overwritten by accident."),
                     path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     /* Translators: %s is a file name, then the system's reason */
                     _("Cannot create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  ok = write_all (fd, contents, path, error);
  if (close (fd) < 0 && ok)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (path);

  return ok;
}

static gboolean
replace_file (const char  *path,
              GBytes      *contents,
              GError     **error)
{
  g_autofree char *temp = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }

  ok = write_all (fd, contents, path, error);
  close (fd);
  if (ok && g_rename (temp, path) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temp);

  return ok;
}

/**
 * sti_secret_file_write:
 * @path: where to write
 * @contents: the bytes, e.g. a PEM private key
 * @replace: replace an existing file; %FALSE fails with %G_IO_ERROR_EXISTS
 * @error: return location for a #GError, with a message for the user
 *
 * Writes a file only its owner can read (mode 0600 from creation).
 *
 * Returns: %TRUE when the whole file was written
 */
gboolean
sti_secret_file_write (const char  *path,
                       GBytes      *contents,
                       gboolean     replace,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  return replace ? replace_file (path, contents, error) : write_new (path, contents, error);
}
