/* sti-dane-match.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The verdict on one TLSA record against the chain one endpoint sent.
 * Made by the DANE evaluation (core/policy), kept by the endpoint report
 * (core/report) and put in words by the explain layer: so it lives here,
 * below all three. */

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

const char *sti_dane_match_status_to_string   (StiDaneMatchStatus  status);
gboolean    sti_dane_match_status_from_string (const char         *str,
                                               StiDaneMatchStatus *status);

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
  char               *reason;          /* one line on why (not), in English */
} StiDaneMatch;

#define STI_TYPE_DANE_MATCH (sti_dane_match_get_type ())

GType         sti_dane_match_get_type (void) G_GNUC_CONST;
StiDaneMatch *sti_dane_match_new      (void);
StiDaneMatch *sti_dane_match_ref      (StiDaneMatch       *match);
void          sti_dane_match_unref    (StiDaneMatch       *match);
gboolean      sti_dane_match_equal    (const StiDaneMatch *a,
                                       const StiDaneMatch *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiDaneMatch, sti_dane_match_unref)

G_END_DECLS
