/* sti-lab-sni.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-private.h"

/* A server with two certificates, as on a host that serves several
 * domains: the one for the MX name goes to clients that ask for that name
 * with SNI; every other client (no SNI, as Postfix by default, or a name
 * the server lacks) gets the default one, issued to the hosting
 * machine's own name. Postfix does the same with smtpd_tls_chain_files
 * beside tls_server_sni_maps, Exim with a tls_certificate that expands on
 * $tls_in_sni. */

#define DEFAULT_NAME "mail.hosting.lab.test"

StiTlsCredentials *
lab_sni_credentials_new (StiLab       *self,
                         LabEndpoint  *ep,
                         GPtrArray    *chain,
                         GError      **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *names[] = { DEFAULT_NAME, NULL };
  StiLabCertSpec spec = {
    .common_name = DEFAULT_NAME,
    .organization = LAB_ORG,
    .dns_names = names,
    .not_before = now - DAY,
    .not_after = now + 365 * DAY,
  };
  g_autoptr(StiTlsCredentials) creds = NULL;
  const StiLabCert *fallback[2];

  g_assert (lab_spec (ep->scenario)->sni == SNI_DEFAULT_OTHER);

  /* The default chain goes in first: GnuTLS falls back to the first. */
  if ((fallback[0] = lab_make_cert (self, &spec, self->intermediate, error)) == NULL)
    return NULL;
  fallback[1] = self->intermediate;
  creds = sti_lab_credentials_new (fallback, G_N_ELEMENTS (fallback), error);
  if (creds == NULL ||
      !sti_lab_credentials_add_for_sni (creds, (const StiLabCert **)chain->pdata, chain->len,
                                        error))
    return NULL;

  return g_steal_pointer (&creds);
}
