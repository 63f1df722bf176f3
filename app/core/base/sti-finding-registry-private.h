/* sti-finding-registry-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-finding-registry.h"

G_BEGIN_DECLS

/* The registry's data, shared by its parser (sti-finding-registry-parser.c)
 * and its lookups (sti-finding-registry.c). */

typedef struct
{
  char *text;  /* as written in the file */
  char *msgid; /* as xgettext extracts it; == text when nothing is escaped */
} RegistryText;

typedef struct
{
  char               *ref;    /* a shared <paragraph>, or NULL */
  RegistryText        text;
  const RegistryText *shared; /* resolved @ref */
} RegistryParagraph;

typedef struct
{
  StiSeverity  severity;
  char        *param;
  char        *equals;
  char        *below_param;
  gint64       below;
  gboolean     has_below;
} RegistrySeverityRule;

typedef struct
{
  RegistryText prose;
  RegistryText code;
} RegistryPlaceholder;

struct _StiFindingEntry
{
  char         *id;
  StiSeverity   severity;
  GArray       *rules;
  gboolean      host_is_domain;
  gboolean      refuses_validating;
  char         *certificate_field;
  guint         rank;
  RegistryText  title;
  RegistryText  verdict;
  RegistryText  what;
  RegistryText  why;
  RegistryText  references;
  RegistryText  clause;
  RegistryText  action;
  char         *severity_reason;
  GPtrArray    *fix[STI_FINDING_N_FIX_TARGETS];
  GPtrArray    *examples;
};

struct _StiFindingRegistry
{
  GPtrArray       *entries;
  GHashTable      *by_id;
  GHashTable      *paragraphs;
  GHashTable      *placeholders;
  GPtrArray       *examples;
  StiFindingEntry *fallback;
  GPtrArray       *ids;
};

const char *sti_finding_text_translate (const RegistryText *t);

G_END_DECLS
