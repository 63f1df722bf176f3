/* lab-chain.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-chain.h"

#include "sti-gnutls-private.h"

#include <string.h>

gnutls_x509_crt_t
lab_chain_cert (GPtrArray *chain,
                guint      index)
{
  gnutls_x509_crt_t crt = NULL;
  gsize size;
  gconstpointer data;
  gnutls_datum_t datum;

  g_assert_cmpuint (index, <, chain->len);
  data = g_bytes_get_data (g_ptr_array_index (chain, index), &size);
  datum.data = (unsigned char *)data;
  datum.size = size;
  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER), ==, 0);

  return crt;
}

GPtrArray *
lab_chain (StiLab     *lab,
           const char *host_name)
{
  GPtrArray *chain = sti_lab_dup_chain (lab, host_name);

  g_assert_nonnull (chain);
  return chain;
}

unsigned int
lab_verify_chain (StiLab       *lab,
                  GPtrArray    *chain,
                  const char   *host_name,
                  unsigned int  flags)
{
  g_auto(gnutls_x509_trust_list_t) trust = NULL;
  g_auto(gnutls_x509_crt_t) ca = NULL;
  gnutls_x509_crt_t certs[8];
  const char *pem = sti_lab_get_ca_pem (lab);
  gnutls_datum_t ca_datum = { (unsigned char *)pem, strlen (pem) };
  gnutls_typed_vdata_st vdata[] = {
    { GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)host_name, 0 },
    { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER, 0 },
  };
  unsigned int status = 0;

  g_assert_cmpuint (chain->len, <=, G_N_ELEMENTS (certs));
  g_assert_cmpint (gnutls_x509_crt_init (&ca), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (ca, &ca_datum, GNUTLS_X509_FMT_PEM), ==, 0);
  g_assert_cmpint (gnutls_x509_trust_list_init (&trust, 0), ==, 0);
  g_assert_cmpint (gnutls_x509_trust_list_add_cas (trust, &ca, 1, 0), ==, 1);
  ca = NULL; /* the list owns it now */

  for (guint i = 0; i < chain->len; i++)
    certs[i] = lab_chain_cert (chain, i);

  g_assert_cmpint (gnutls_x509_trust_list_verify_crt2 (trust, certs, chain->len,
                                                       vdata, G_N_ELEMENTS (vdata),
                                                       flags, &status, NULL), ==, 0);
  for (guint i = 0; i < chain->len; i++)
    gnutls_x509_crt_deinit (certs[i]);

  return status;
}
