/* lab-chain.h: the certificate chains the demo lab's servers send
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gnutls/x509.h>

#include "sti-lab.h"

G_BEGIN_DECLS

/* The DER chain @host_name's server sends, as sent; never NULL. */
GPtrArray         *lab_chain        (StiLab       *lab,
                                     const char   *host_name);
/* Certificate @index of @chain, imported; the caller deinits it. */
gnutls_x509_crt_t  lab_chain_cert   (GPtrArray    *chain,
                                     guint         index);
/* Verifies @chain as sent against the lab CA for @host_name and server
 * authentication; returns the GnuTLS status bits (0: trusted). */
unsigned int       lab_verify_chain (StiLab       *lab,
                                     GPtrArray    *chain,
                                     const char   *host_name,
                                     unsigned int  flags);

G_END_DECLS
