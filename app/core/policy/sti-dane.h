/* sti-dane.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* DANE for SMTP (RFC 7672 over RFC 6698/7671): the TLSA records at
 * `_25._tcp.<mx>` against the chain an MX host sent. Pure and synchronous
 * (CPU only: hashing and one path validation per DANE-TA match). The
 * finding ids and severities are listed at the top of sti-dane.c. */

/* Why one TLSA record does or does not authenticate the server. */
typedef enum
{
  STI_DANE_MATCH_OK,                /* matches (usage 2: chain and name checked too) */
  STI_DANE_MATCH_NONE,              /* usable, but matches no certificate sent */
  STI_DANE_MATCH_TA_CHAIN_FAILED,   /* usage 2: a cert matched, the leaf cannot chain to it */
  STI_DANE_MATCH_TA_NAME_MISMATCH,  /* usage 2: matched and chained, the leaf has no MX name */
  STI_DANE_MATCH_UNSUITABLE_USAGE,  /* usage 0 or 1: ignored for SMTP (RFC 7672 §3.1.3) */
  STI_DANE_MATCH_UNUSABLE,          /* unknown usage/selector/matching type; wrong digest size */
  STI_DANE_MATCH_MALFORMED,         /* the rdata is not a TLSA record */
} StiDaneMatchStatus;

const char *sti_dane_match_status_to_string (StiDaneMatchStatus status);

/* The verdict on one TLSA record. Immutable, reference counted. */
typedef struct
{
  guint               index;           /* position in the tlsa_rdata array */
  gint                usage;           /* -1 when malformed */
  gint                selector;
  gint                matching_type;
  char               *text;            /* presentation form "3 1 1 ab12…", or generic */
  StiDaneMatchStatus  status;
  gint                chain_position;  /* the certificate that matched, -1 if none */
  char               *reason;          /* one line on why (not) */
} StiDaneMatch;

#define STI_TYPE_DANE_MATCH (sti_dane_match_get_type ())

GType         sti_dane_match_get_type (void) G_GNUC_CONST;
StiDaneMatch *sti_dane_match_ref      (StiDaneMatch *match);
void          sti_dane_match_unref    (StiDaneMatch *match);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiDaneMatch, sti_dane_match_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiDaneSuggestion, sti_dane_suggestion_unref)

G_END_DECLS
