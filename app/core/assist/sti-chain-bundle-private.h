/* sti-chain-bundle-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-chain-bundle.h"

G_BEGIN_DECLS

/* What the parts of the bundle share: sti-chain-bundle.c takes the input
 * and runs the steps, sti-chain-bundle-leaf.c finds the server's
 * certificate, sti-chain-bundle-judge.c turns the built path into the
 * chain file and judges it, sti-chain-bundle-pkcs12.c packs it for
 * Exchange. */

struct _StiChainBundle
{
  GObject         parent_instance;

  /* Input */
  GPtrArray      *certificates; /* StiCertificate, each once, in input order */
  GPtrArray      *labels;       /* char *: the file each came from */
  StiPrivateKey  *key;
  GStrv           names;

  /* Result */
  StiCertificate *leaf;         /* the server's certificate, one of @certificates */
  gboolean        built;
  gboolean        verified;
  gboolean        key_matches;
  GPtrArray      *chain;        /* StiCertificate: leaf first, no root */
  GPtrArray      *notes;        /* char *: what was done and why */
  GPtrArray      *warnings;     /* char *: worth knowing, not blocking */
  GPtrArray      *problems;     /* char *: why it would not verify */
};

/* sti-chain-bundle-leaf.c */

/* (transfer none): one of self->certificates */
StiCertificate *
bundle_find_leaf (StiChainBundle  *self,
                  GError         **error);

/* (element-type GBytes): the DER of every input, self->leaf first */
GPtrArray *
bundle_order_inputs (StiChainBundle *self);

/* sti-chain-bundle-judge.c */

void
bundle_judge_async (StiChainBundle               *self,
                    GObject                      *analysis,
                    const StiChainBundleOptions  *options,
                    GCancellable                 *cancellable,
                    GAsyncReadyCallback           callback,
                    gpointer                      user_data);

gboolean
bundle_judge_finish (StiChainBundle               *self,
                     GAsyncResult                 *result,
                     GError                      **error);

void
bundle_add (GPtrArray  *list,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
