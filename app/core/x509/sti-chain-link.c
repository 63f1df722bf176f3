/* sti-chain-link.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-link.h"

/* The chain as built is kept beside the chain as sent (DESIGN.md, Data
 * flow): which certificates the path used, and where each came from, is
 * evidence a reader of the report cannot reconstruct without the network
 * and the trust store of the check. */

G_DEFINE_BOXED_TYPE (StiChainLink, sti_chain_link, sti_chain_link_copy, sti_chain_link_free)

static const char * const origin_names[] = {
  [STI_CHAIN_ORIGIN_SENT] = "sent",
  [STI_CHAIN_ORIGIN_FETCHED] = "fetched",
  [STI_CHAIN_ORIGIN_ANCHOR] = "anchor",
};

/**
 * sti_chain_link_new:
 * @certificate: the certificate
 * @origin: where it came from
 * @sent_position: its index in the chain as sent; ignored (-1) unless
 *   @origin is %STI_CHAIN_ORIGIN_SENT
 *
 * Returns: (transfer full): a new link
 */
StiChainLink *
sti_chain_link_new (StiCertificate *certificate,
                    StiChainOrigin  origin,
                    int             sent_position)
{
  StiChainLink *link;

  g_return_val_if_fail (STI_IS_CERTIFICATE (certificate), NULL);

  link = g_new0 (StiChainLink, 1);
  link->certificate = g_object_ref (certificate);
  link->origin = origin;
  link->sent_position = origin == STI_CHAIN_ORIGIN_SENT ? MAX (sent_position, 0) : -1;

  return link;
}

StiChainLink *
sti_chain_link_copy (const StiChainLink *link)
{
  g_return_val_if_fail (link != NULL, NULL);

  return sti_chain_link_new (link->certificate, link->origin, link->sent_position);
}

void
sti_chain_link_free (StiChainLink *link)
{
  if (link == NULL)
    return;

  g_clear_object (&link->certificate);
  g_free (link);
}

gboolean
sti_chain_link_equal (const StiChainLink *a,
                      const StiChainLink *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->origin == b->origin && a->sent_position == b->sent_position &&
         sti_certificate_equal (a->certificate, b->certificate);
}

/* Returns: "sent", "fetched" or "anchor" (the JSON's words) */
const char *
sti_chain_origin_to_string (StiChainOrigin origin)
{
  g_return_val_if_fail ((guint)origin < G_N_ELEMENTS (origin_names), "sent");

  return origin_names[origin];
}

gboolean
sti_chain_origin_from_string (const char     *str,
                              StiChainOrigin *origin)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (origin_names); i++)
    if (g_str_equal (str, origin_names[i]))
      {
        *origin = (StiChainOrigin)i;
        return TRUE;
      }

  return FALSE;
}
