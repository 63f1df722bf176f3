/* sti-checklist.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sti-domain-report.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* The outcome of one check. */
typedef enum
{
  STI_CHECK_PASSED,      /* the report shows it was made and found nothing */
  STI_CHECK_FAILED,      /* a finding says what is wrong */
  STI_CHECK_NOT_CHECKED, /* it could not be made; the detail says why */
} StiCheckStatus;

/* One check of the list. @id is stable (the JSON contract), @title
 * translated; both are static. @detail is plain text: the evidence when
 * passed, the reason when not checked, the first failing finding's detail
 * when failed. @finding_ids names the findings that failed it (empty
 * otherwise); @severity is the worst of theirs. */
typedef struct
{
  const char     *id;
  const char     *title;
  StiCheckStatus  status;
  StiSeverity     severity;
  char           *detail;
  char          **finding_ids;
} StiCheckItem;

/* The checks of one scope: the domain (@host and @address %NULL) or one
 * endpoint (an MX host at one address). @items holds #StiCheckItem. */
typedef struct
{
  char      *host;
  char      *address;
  char      *label;
  GPtrArray *items;
} StiChecklistGroup;

GPtrArray      *sti_checklist_new                (StiDomainReport   *report);
guint           sti_checklist_count              (GPtrArray         *groups,
                                                  StiCheckStatus     status);
char           *sti_checklist_dup_counts         (GPtrArray         *groups);
const char     *sti_check_status_to_string       (StiCheckStatus     status);
const char     *sti_check_status_get_label       (StiCheckStatus     status);
char           *sti_check_item_dup_outcome       (const StiCheckItem *item);
JsonNode       *sti_checklist_to_json            (GPtrArray         *groups);

G_END_DECLS
