/* sti-chain-link.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-certificate.h"

G_BEGIN_DECLS

/* Where one certificate of the chain as built came from. */
typedef enum
{
  STI_CHAIN_ORIGIN_SENT,    /* the server sent it (its place: sent_position) */
  STI_CHAIN_ORIGIN_FETCHED, /* fetched through the AIA caIssuers URL of the one before */
  STI_CHAIN_ORIGIN_ANCHOR,  /* the trust store's anchor ending the path; never sent */
} StiChainOrigin;

/**
 * StiChainLink:
 * @certificate: the certificate
 * @origin: where it came from
 * @sent_position: its index in the chain as sent when @origin is
 *   %STI_CHAIN_ORIGIN_SENT, else -1
 *
 * One certificate of the certification path verification built, from the
 * server's certificate towards its anchor.
 */
typedef struct
{
  StiCertificate *certificate;
  StiChainOrigin  origin;
  int             sent_position;
} StiChainLink;

#define STI_TYPE_CHAIN_LINK (sti_chain_link_get_type ())

GType         sti_chain_link_get_type         (void) G_GNUC_CONST;
StiChainLink *sti_chain_link_new              (StiCertificate       *certificate,
                                               StiChainOrigin        origin,
                                               int                   sent_position);
StiChainLink *sti_chain_link_copy             (const StiChainLink   *link);
void          sti_chain_link_free             (StiChainLink         *link);
gboolean      sti_chain_link_equal            (const StiChainLink   *a,
                                               const StiChainLink   *b);
const char   *sti_chain_origin_to_string      (StiChainOrigin        origin);
gboolean      sti_chain_origin_from_string    (const char           *str,
                                               StiChainOrigin       *origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiChainLink, sti_chain_link_free)

G_END_DECLS
