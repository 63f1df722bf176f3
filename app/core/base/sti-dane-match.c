/* sti-dane-match.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dane-match.h"

/* The JSON names of StiDaneMatchStatus, in enum order (docs/json-schema.md,
 * "TLSA match"). */
static const char * const status_names[] = {
  "ok", "no-match", "ta-chain-failed", "ta-name-mismatch", "unsuitable-usage", "unusable",
  "malformed",
};

const char *
sti_dane_match_status_to_string (StiDaneMatchStatus status)
{
  if ((guint)status < G_N_ELEMENTS (status_names))
    return status_names[status];
  g_return_val_if_reached ("malformed");
}

gboolean
sti_dane_match_status_from_string (const char         *str,
                                   StiDaneMatchStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          if (status != NULL)
            *status = i;
          return TRUE;
        }
    }

  return FALSE;
}

G_DEFINE_BOXED_TYPE (StiDaneMatch, sti_dane_match, sti_dane_match_ref, sti_dane_match_unref)

static void
match_clear (StiDaneMatch *match)
{
  g_free (match->text);
  g_free (match->reason);
}

/**
 * sti_dane_match_new:
 *
 * Returns: (transfer full): an empty verdict (no usage, no certificate),
 *   for its maker to fill in before anybody else sees it
 */
StiDaneMatch *
sti_dane_match_new (void)
{
  StiDaneMatch *match = g_atomic_rc_box_new0 (StiDaneMatch);

  match->usage = match->selector = match->matching_type = -1;
  match->chain_position = -1;

  return match;
}

StiDaneMatch *
sti_dane_match_ref (StiDaneMatch *match)
{
  return g_atomic_rc_box_acquire (match);
}

void
sti_dane_match_unref (StiDaneMatch *match)
{
  g_atomic_rc_box_release_full (match, (GDestroyNotify)match_clear);
}

gboolean
sti_dane_match_equal (const StiDaneMatch *a,
                      const StiDaneMatch *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->index == b->index && a->usage == b->usage && a->selector == b->selector &&
         a->matching_type == b->matching_type && a->status == b->status &&
         a->chain_position == b->chain_position && g_strcmp0 (a->text, b->text) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0;
}
