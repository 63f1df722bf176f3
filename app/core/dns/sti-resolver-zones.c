/* sti-resolver-zones.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-resolver-private.h"

#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* Names the resolver answers from elsewhere than the upstream path: local
 * data (reported as not validated) and stub zones with a trust anchor of
 * their own (the demo lab's signed zone). */

static gboolean
name_in_zones (GPtrArray  *zones,
               const char *name)
{
  g_autofree char *lower = NULL;
  gsize len;

  if (name == NULL || zones->len == 0)
    return FALSE;

  len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    lower = g_ascii_strdown (name, -1);
  else
    {
      g_autofree char *tmp = g_ascii_strdown (name, -1);

      lower = g_strconcat (tmp, ".", NULL);
    }
  len = strlen (lower);

  for (guint i = 0; i < zones->len; i++)
    {
      const char *local = g_ptr_array_index (zones, i);
      gsize local_len = strlen (local);

      if (g_str_equal (local, ".") || g_str_equal (lower, local))
        return TRUE;
      if (len > local_len && lower[len - local_len - 1] == '.' &&
          g_str_equal (lower + len - local_len, local))
        return TRUE;
    }

  return FALSE;
}

gboolean
resolver_is_local_name (StiResolver *self,
                        const char  *name)
{
  return name_in_zones (self->local_names, name);
}

/* Answers from a stub zone with its own trust anchor are validated by
 * libunbound alone: the probe of the forwarder's path says nothing
 * about them. */
gboolean
resolver_is_private_name (StiResolver *self,
                          const char  *name)
{
  return name_in_zones (self->private_zones, name);
}

static gboolean
check_not_started (StiResolver  *self,
                   GError      **error)
{
  if (!self->started)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Local DNS data must be added before the first query."));
  return FALSE;
}

static void
add_zone_name (GPtrArray  *zones,
               const char *name)
{
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == '.')
    g_ptr_array_add (zones, g_ascii_strdown (name, -1));
  else
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      g_ptr_array_add (zones, g_strconcat (lower, ".", NULL));
    }
}

/**
 * sti_resolver_add_local_zone:
 * @zone: e.g. "lab.test."
 * @type: an unbound local-zone type, e.g. "static"
 *
 * Adds a local zone to both contexts; answers in it are reported
 * %STI_DNSSEC_NOT_VALIDATED. Must be called before the first query.
 */
gboolean
sti_resolver_add_local_zone (StiResolver  *self,
                             const char   *zone,
                             const char   *type,
                             GError      **error)
{
  struct ub_ctx *ctxs[] = { self->validating_ctx, self->plain_ctx };

  g_return_val_if_fail (STI_IS_RESOLVER (self), FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  if (!check_not_started (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (ctxs); i++)
    {
      int ret;

      if (ctxs[i] == NULL)
        continue;
      ret = ub_ctx_zone_add (ctxs[i], zone, type);
      if (ret != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: a zone name, its type, then libunbound's error */
                       _("The local DNS zone “%s” (%s) could not be added: %s"),
                       zone, type, ub_strerror (ret));
          return FALSE;
        }
    }

  add_zone_name (self->local_names, zone);
  return TRUE;
}

/**
 * sti_resolver_add_local_data:
 * @rr: one record in zone-file syntax, e.g.
 *   "mx1.valid.lab.test. 300 IN A 127.0.1.1"
 *
 * Must be called before the first query.
 */
gboolean
sti_resolver_add_local_data (StiResolver  *self,
                             const char   *rr,
                             GError      **error)
{
  struct ub_ctx *ctxs[] = { self->validating_ctx, self->plain_ctx };
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (STI_IS_RESOLVER (self), FALSE);
  g_return_val_if_fail (rr != NULL, FALSE);

  if (!check_not_started (self, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (ctxs); i++)
    {
      int ret;

      if (ctxs[i] == NULL)
        continue;
      ret = ub_ctx_data_add (ctxs[i], rr);
      if (ret != 0)
        {
          g_autofree char *shown = sti_text_sanitize_str (rr);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: a DNS record, then libunbound's error */
                       _("The local DNS record “%s” could not be added: %s"),
                       shown, ub_strerror (ret));
          return FALSE;
        }
    }

  words = g_strsplit_set (rr, " \t", 2);
  if (words[0] != NULL && words[0][0] != '\0')
    add_zone_name (self->local_names, words[0]);

  return TRUE;
}

/**
 * sti_resolver_add_stub_zone:
 * @zone: e.g. "lab.test."
 * @server: "ADDR" or "ADDR@PORT", a server authoritative for @zone
 * @trust_anchor: (nullable): a DS or DNSKEY record of @zone in zone-file
 *   syntax, when @zone is signed and no chain of trust reaches it
 *
 * Sends every question about @zone to @server instead of the forwarder,
 * even for names that are otherwise kept local, such as those under
 * "test.". With @trust_anchor, answers under @zone are validated against
 * it whatever the forwarder's path allows; a child zone that is not
 * signed needs its own stub zone, without a trust anchor, for the same
 * server. Must be called before the first query, and before
 * sti_resolver_add_local_zone() or sti_resolver_add_local_data().
 */
gboolean
sti_resolver_add_stub_zone (StiResolver  *self,
                            const char   *zone,
                            const char   *server,
                            const char   *trust_anchor,
                            GError      **error)
{
  struct ub_ctx *ctxs[2];

  g_return_val_if_fail (STI_IS_RESOLVER (self), FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  if (!check_not_started (self, error))
    return FALSE;

  /* Without the root's key there is no validating context yet: one with
   * this zone's anchor alone still validates the zone. */
  if (trust_anchor != NULL && self->validating_ctx == NULL)
    {
      self->validating_ctx = resolver_create_ctx (self->fwd, TRUE, NULL, error);
      if (self->validating_ctx == NULL)
        return FALSE;
      self->validating_source = resolver_watch_ctx (self, self->validating_ctx);
    }

  ctxs[0] = self->validating_ctx;
  ctxs[1] = self->plain_ctx;
  for (guint i = 0; i < G_N_ELEMENTS (ctxs); i++)
    {
      g_autofree char *local_zone = g_strdup_printf ("%s transparent", zone);

      if (ctxs[i] == NULL)
        continue;

      /* A transparent local zone lifts unbound's built-in answer for
       * "test." and the like for this zone only. Options, not
       * ub_ctx_zone_add(), which would freeze the settings. */
      if (!resolver_check_ub (ub_ctx_set_option (ctxs[i], "local-zone:", local_zone), zone,
                              error) ||
          !resolver_check_ub (ub_ctx_set_stub (ctxs[i], zone, server, 0), server, error))
        return FALSE;
    }

  if (trust_anchor != NULL && self->validating_ctx != NULL)
    {
      if (!resolver_check_ub (ub_ctx_add_ta (self->validating_ctx, trust_anchor), trust_anchor,
                              error))
        return FALSE;
      add_zone_name (self->private_zones, zone);
      /* Translators: a zone, e.g. "lab.test.", and its server, e.g. "127.77.0.53@5353" */
      g_ptr_array_add (self->stub_labels,
                       /* Translators: a zone ("lab.test."), then its name server's address */
                       g_strdup_printf (_("%s at %s (validated with its own key)"), zone, server));
      resolver_update_description (self, self->no_validation);
    }

  return TRUE;
}
