/* sti-gnutls-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include <gnutls/ocsp.h>

G_BEGIN_DECLS

/* Cleanup functions for the GnuTLS handle types, so that core code can use
 * g_auto() on them: `g_auto(gnutls_x509_crt_t) crt = NULL;`. GnuTLS handles
 * are pointer typedefs, hence the _FREE_FUNC form with NULL as "unset". */

static inline void
sti_gnutls_trust_list_free (gnutls_x509_trust_list_t list)
{
  /* 1: the list owns its CAs (added without GNUTLS_TL_NO_DUPLICATES tricks) */
  gnutls_x509_trust_list_deinit (list, 1);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crl_t, gnutls_x509_crl_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_trust_list_t, sti_gnutls_trust_list_free, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_privkey_t, gnutls_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_pubkey_t, gnutls_pubkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_session_t, gnutls_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_certificate_credentials_t,
                                 gnutls_certificate_free_credentials, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_ocsp_req_t, gnutls_ocsp_req_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_ocsp_resp_t, gnutls_ocsp_resp_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_priority_t, gnutls_priority_deinit, NULL)

/* A gnutls_datum_t whose data GnuTLS allocated (export functions, DN
 * getters): `g_auto(StiGnutlsDatum) d = { NULL, 0 };` */
typedef gnutls_datum_t StiGnutlsDatum;

static inline void
sti_gnutls_datum_clear (StiGnutlsDatum *datum)
{
  gnutls_free (datum->data);
  datum->data = NULL;
  datum->size = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StiGnutlsDatum, sti_gnutls_datum_clear)

G_END_DECLS
