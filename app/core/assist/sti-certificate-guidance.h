/* sti-certificate-guidance.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * StiRequestGuidance:
 * @names: the names of the request, A-labels, the first the CN
 * @key_path: the key file (absolute)
 * @csr_path: the request file (absolute)
 * @key_description: "RSA, 2048 bits", …
 * @key_reused: the key existed (--key) rather than being made now
 * @key_is_rsa: whether the key is RSA (Exchange needs RSA)
 * @spki_sha256: the SHA-256 of the public key, hex
 */
typedef struct
{
  const char * const *names;
  const char         *key_path;
  const char         *csr_path;
  const char         *key_description;
  gboolean            key_reused;
  gboolean            key_is_rsa;
  const char         *spki_sha256;
} StiRequestGuidance;

/**
 * StiBundleGuidance:
 * @names: (nullable): the names the chain covers, A-labels; %NULL: from the certificate
 * @key_path: (nullable): the key file, if known
 * @chain_path: (nullable): the chain file, if written to a file
 * @pkcs12_path: (nullable): the PKCS #12 file, if written
 */
typedef struct
{
  const char * const *names;
  const char         *key_path;
  const char         *chain_path;
  const char         *pkcs12_path;
} StiBundleGuidance;

char *sti_certificate_guidance_after_request (const StiRequestGuidance *guidance);
char *sti_certificate_guidance_after_bundle  (const StiBundleGuidance  *guidance);

G_END_DECLS
