/* sti-dane.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-dane-match.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* DANE for SMTP (RFC 7672 over RFC 6698/7671): the TLSA records at
 * `_25._tcp.<mx>` against the chain an MX host sent. Pure and synchronous
 * (CPU only: hashing and one path validation per DANE-TA match). The
 * finding ids and severities are listed at the top of sti-dane.c. */

GPtrArray    *sti_dane_evaluate       (GPtrArray          *tlsa_rdata,
                                       StiDnssecStatus     tlsa_dnssec,
                                       GPtrArray          *chain_der,
                                       const char * const *mx_names,
                                       GPtrArray          *matches_out);

/* A TLSA record made from the observed chain. Immutable, ref counted. */
typedef struct
{
  char     *record;            /* "_25._tcp.mx.example.org. IN TLSA 3 1 1 <hex>" */
  guint8    usage;
  guint8    selector;
  guint8    matching_type;
  guint     chain_position;    /* the certificate it is made from */
  char     *subject;           /* that certificate's subject, sanitized */
  gboolean  survives_new_key;  /* still matches after a renewal with a new leaf key */
  char     *note;              /* one line on renewals */
} StiDaneSuggestion;

#define STI_TYPE_DANE_SUGGESTION (sti_dane_suggestion_get_type ())

GType              sti_dane_suggestion_get_type (void) G_GNUC_CONST;
StiDaneSuggestion *sti_dane_suggestion_ref      (StiDaneSuggestion *suggestion);
void               sti_dane_suggestion_unref    (StiDaneSuggestion *suggestion);

GPtrArray         *sti_dane_generate            (GPtrArray          *chain_der,
                                                 const char         *mx_host,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiDaneSuggestion, sti_dane_suggestion_unref)

G_END_DECLS
