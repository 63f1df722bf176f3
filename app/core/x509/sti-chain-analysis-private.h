/* sti-chain-analysis-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-chain-analysis.h"

#include "sti-gnutls-private.h"

G_BEGIN_DECLS

/* What the parts of the chain analysis share: sti-chain-analysis.c runs
 * the steps (AIA, then OCSP, then judge), sti-chain-analysis-fetch.c does
 * one bounded HTTP fetch at a time, sti-chain-analysis-result.c judges
 * what was gathered and holds the result. */

typedef enum
{
  FETCH_AIA,
  FETCH_OCSP,
} FetchKind;

typedef struct
{
  StiChainAnalysisOptions  options;   /* owns refs to trust, session, now */
  GPtrArray               *chain_der; /* at most STI_CHAIN_ANALYSIS_MAX_CERTIFICATES */
  guint                    n_sent;    /* how many the server sent */
  char                    *hostname;
  GBytes                  *stapled;

  GCancellable            *outer;     /* the caller's, may be NULL */
  gulong                   outer_id;
  GCancellable            *cancellable;
  GSource                 *deadline;
  gboolean                 timed_out;

  /* AIA */
  gnutls_x509_crt_t        tip;       /* the certificate whose issuer is sought */
  GPtrArray               *fetched_der;
  GPtrArray               *fetched_urls;
  GHashTable              *seen_urls;
  guint                    hops;
  char                    *aia_note;

  /* OCSP */
  GBytes                  *ocsp_response;
  char                    *ocsp_url;
  char                    *ocsp_note;

  /* The fetch in flight */
  FetchKind                kind;
  char                    *url;
  SoupMessage             *message;
  GInputStream            *stream;
  GByteArray              *body;

  /* The first verification (the path's tip), kept as the verdict while
   * nothing has been fetched: then the second would be the same. */
  GPtrArray               *first_findings;
  GPtrArray               *first_certificates;
  gboolean                 first_verified;
  StiOcspStatus            first_ocsp_status;
} Analysis;

/* sti-chain-analysis.c */

void
analysis_next (GTask *task);

gnutls_x509_crt_t
analysis_crt_from_der (GBytes *der);

GBytes *
analysis_crt_to_der (gnutls_x509_crt_t crt);

gboolean
analysis_crt_is_self_signed (gnutls_x509_crt_t crt);

char *
analysis_crt_aia_url (gnutls_x509_crt_t crt,
                      int               what);

/* sti-chain-analysis-fetch.c */

void
analysis_set_note (Analysis   *a,
                   const char *note);

void
analysis_fetch_reset (Analysis *a);

void
analysis_fetch_start (GTask      *task,
                      const char *url);

/* sti-chain-analysis-result.c */

GPtrArray *
analysis_verify (Analysis       *a,
                 gboolean       *verified_out,
                 GPtrArray     **certificates_out,
                 StiOcspStatus  *ocsp_status_out);

StiChainAnalysisResult *
analysis_result_new (Analysis *a);

G_END_DECLS
