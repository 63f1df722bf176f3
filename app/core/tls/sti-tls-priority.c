/* sti-tls-priority.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tls-priority-private.h"

#include <glib/gi18n.h>

/* Parsed TLS priority strings, shared by every session of the process.
 *
 * A check or a survey uses a handful of priority strings for thousands of
 * sessions. Parsing one per session cost each session about 8 KB and the
 * parse itself; a parsed priority is read-only and GnuTLS counts the
 * sessions that use it (gnutls_priority_set() takes a reference), so one
 * per string serves all sessions on any thread. The cache is bounded:
 * strings beyond MAX_CACHED are parsed per session, as before. */
#define MAX_CACHED 32

static GMutex      cache_lock;
static GHashTable *cache;   /* priority string -> gnutls_priority_t, never freed */

static gboolean
priority_parse (const char         *priority,
                gnutls_priority_t  *out,
                GError            **error)
{
  const char *err_pos = NULL;
  int ret;

  ret = gnutls_priority_init (out, priority, &err_pos);
  if (ret < 0)
    {
      *out = NULL;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: a GnuTLS priority string, the part of it that is wrong, then
                    * GnuTLS's error */
                   _("Invalid TLS priority string “%s” near “%s”: %s"),
                   priority, err_pos != NULL ? err_pos : "", gnutls_strerror (ret));
      return FALSE;
    }

  return TRUE;
}

/* Returns the cached parse of @priority, or a fresh one in @owned when
 * the cache is full (the caller deinitializes it). */
static gnutls_priority_t
priority_lookup (const char         *priority,
                 gnutls_priority_t  *owned,
                 GError            **error)
{
  gnutls_priority_t parsed;

  *owned = NULL;
  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parsed = g_hash_table_lookup (cache, priority);
  if (parsed == NULL && priority_parse (priority, &parsed, error))
    {
      if (g_hash_table_size (cache) < MAX_CACHED)
        g_hash_table_insert (cache, g_strdup (priority), parsed);
      else
        *owned = parsed;
    }
  g_mutex_unlock (&cache_lock);

  return parsed;
}

/**
 * sti_tls_priority_set:
 * @session: a GnuTLS session
 * @priority: a GnuTLS priority string
 * @error: return location for an error
 *
 * Sets @priority on @session, parsing it once per process.
 *
 * Returns: %TRUE on success; %FALSE with @error set if GnuTLS refuses
 *   @priority
 */
gboolean
sti_tls_priority_set (gnutls_session_t   session,
                      const char        *priority,
                      GError           **error)
{
  gnutls_priority_t owned = NULL;
  gnutls_priority_t parsed = priority_lookup (priority, &owned, error);
  int ret;

  if (parsed == NULL)
    return FALSE;

  ret = gnutls_priority_set (session, parsed);
  if (owned != NULL)
    gnutls_priority_deinit (owned);
  if (ret < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is GnuTLS's error message */
                   _("Could not set the TLS priorities: %s"), gnutls_strerror (ret));
      return FALSE;
    }

  return TRUE;
}

/**
 * sti_tls_priority_check:
 * @priority: a GnuTLS priority string
 * @error: return location for an error
 *
 * Returns: %TRUE if GnuTLS accepts @priority
 */
gboolean
sti_tls_priority_check (const char  *priority,
                        GError     **error)
{
  gnutls_priority_t owned = NULL;
  gboolean ok = priority_lookup (priority, &owned, error) != NULL;

  if (owned != NULL)
    gnutls_priority_deinit (owned);

  return ok;
}
