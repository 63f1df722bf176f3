/* sti-glossary.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One term explained for a newcomer. @full_name and @text are marked
 * with N_(): show them through _(). @aliases is a "|"-separated list of
 * other spellings (not translated), used by sti_glossary_lookup(). */
typedef struct
{
  const char *key;       /* "CN" */
  const char *full_name; /* "Common Name" */
  const char *text;      /* two to four plain sentences */
  const char *aliases;   /* "commonName|common name" */
} StiGlossaryEntry;

const StiGlossaryEntry *sti_glossary_get_entries (guint      *n_entries);
const StiGlossaryEntry *sti_glossary_lookup      (const char *term);

G_END_DECLS
