/* sti-finding-registry.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* The fix targets of the registry's <fix mta="…"> elements, in the order of
 * StiMta (sti-catalog.h): "generic" (no attribute) first. */
#define STI_FINDING_N_FIX_TARGETS 6

/* The finding registry (DESIGN.md, decision 4): every finding id, its
 * severity rules and its words, loaded once from the translatable XML in
 * resources/findings/. Entries live as long as their registry; the
 * default registry lives as long as the process. */
typedef struct _StiFindingRegistry StiFindingRegistry;
typedef struct _StiFindingEntry StiFindingEntry;

#define STI_FINDING_REGISTRY_ERROR (sti_finding_registry_error_quark ())

typedef enum
{
  STI_FINDING_REGISTRY_ERROR_INVALID,
} StiFindingRegistryError;

GQuark                 sti_finding_registry_error_quark       (void);

StiFindingRegistry    *sti_finding_registry_get_default       (void);
StiFindingRegistry    *sti_finding_registry_new_from_texts    (const char * const  *names,
                                                               const char * const  *texts,
                                                               GError             **error);
void                   sti_finding_registry_free              (StiFindingRegistry  *self);
const char * const    *sti_finding_registry_list_ids          (StiFindingRegistry  *self);
const StiFindingEntry *sti_finding_registry_lookup            (StiFindingRegistry  *self,
                                                               const char          *id);
const StiFindingEntry *sti_finding_registry_get_fallback      (StiFindingRegistry  *self);
const char            *sti_finding_registry_get_placeholder   (StiFindingRegistry  *self,
                                                               const char          *key,
                                                               gboolean             code_line);
const char * const    *sti_finding_registry_get_examples      (StiFindingRegistry  *self);

const StiFindingEntry *sti_finding_lookup                     (const char          *id);
StiSeverity            sti_finding_severity_for               (const char          *id,
                                                               GVariant            *params);
gboolean               sti_finding_params_lookup_int64        (GVariant            *params,
                                                               const char          *key,
                                                               gint64              *value);

const char            *sti_finding_entry_get_id               (const StiFindingEntry *entry);
StiSeverity            sti_finding_entry_get_severity         (const StiFindingEntry *entry,
                                                               GVariant              *params);
gboolean               sti_finding_entry_get_host_is_domain   (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_certificate_field (const StiFindingEntry *entry);
gboolean               sti_finding_entry_get_refuses_validating (const StiFindingEntry *entry);
guint                  sti_finding_entry_get_rank             (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_title            (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_verdict          (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_what             (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_why              (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_fix              (const StiFindingEntry *entry,
                                                               guint                  target,
                                                               guint                  paragraph);
const char            *sti_finding_entry_get_references       (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_clause           (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_action           (const StiFindingEntry *entry);
const char            *sti_finding_entry_get_severity_reason  (const StiFindingEntry *entry);
const char * const    *sti_finding_entry_get_examples         (const StiFindingEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiFindingRegistry, sti_finding_registry_free)

G_END_DECLS
