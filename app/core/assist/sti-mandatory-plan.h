/* sti-mandatory-plan.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "sti-domain-report.h"

G_BEGIN_DECLS

/* What makes TLS mandatory for senders to a domain, computed from a
 * finished check: MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and DANE
 * (RFC 7672). Every record is made from the observed data (the MX names,
 * the certificates the servers sent, what the domain publishes now) by
 * the policy code, and proved by it: the policy files parse and name every
 * MX host, the TLSA records match the chains. The CLI (`mandatory`) and
 * the window render it; they add no words of their own. */

/* Whether the records can be published now. */
typedef enum
{
  STI_MANDATORY_READY,      /* every MX host passes: the records are ready */
  STI_MANDATORY_FIX_FIRST,  /* the blockers say what to fix first; no records */
  STI_MANDATORY_INCOMPLETE, /* nothing failed, but some server was not checked to the end */
} StiMandatoryStatus;

/* What to do with one record, against what the domain publishes now. */
typedef enum
{
  STI_MANDATORY_CHANGE_ADD,     /* nothing of the kind is published: publish it */
  STI_MANDATORY_CHANGE_REPLACE, /* something else is published: replace it with this */
  STI_MANDATORY_CHANGE_KEEP,    /* already published as it should be */
  STI_MANDATORY_CHANGE_REMOVE,  /* published, but wrong: remove it */
} StiMandatoryChange;

/* One record or file to publish. @id is stable ("mta-sts-policy-testing",
 * "tlsa-3-1-1:mx1.example.org"); @title and @note are translated; @text
 * is what to copy (a zone-file line, or the policy file); @current what
 * is published now, when it differs or is kept (nullable). */
typedef struct
{
  char               *id;
  char               *title;
  char               *text;
  char               *current;
  StiMandatoryChange  change;
  char               *note;
} StiMandatoryRecord;

/* One part of the plan: "mta-sts", "tls-rpt", "dane" or "plan" (the
 * testing-then-enforce steps). @steps and @warnings hold translated
 * sentences; a warning is something the user must act on (a placeholder
 * to replace, a zone that is not signed). */
typedef struct
{
  char      *id;
  char      *title;
  char      *intro;
  GPtrArray *records;   /* of StiMandatoryRecord */
  GPtrArray *steps;     /* of char * */
  GPtrArray *warnings;  /* of char * */
} StiMandatorySection;

/* Why the records are not ready: one MX host at one address (@host and
 * @address set), one MX host, or the domain (@host %NULL). @problem says
 * what a sender insisting on TLS would do, @action what to fix first,
 * both translated; @finding_id names the finding behind it (nullable). */
typedef struct
{
  char *host;
  char *address;
  char *problem;
  char *action;
  char *finding_id;
} StiMandatoryBlocker;

#define STI_TYPE_MANDATORY_PLAN (sti_mandatory_plan_get_type ())

G_DECLARE_FINAL_TYPE (StiMandatoryPlan, sti_mandatory_plan, STI, MANDATORY_PLAN, GObject)

StiMandatoryPlan   *sti_mandatory_plan_new            (StiDomainReport    *report);
const char         *sti_mandatory_plan_get_domain     (StiMandatoryPlan   *self);
StiMandatoryStatus  sti_mandatory_plan_get_status     (StiMandatoryPlan   *self);
const char         *sti_mandatory_plan_get_summary    (StiMandatoryPlan   *self);
const char * const *sti_mandatory_plan_get_mx_hosts   (StiMandatoryPlan   *self);
GPtrArray          *sti_mandatory_plan_get_blockers   (StiMandatoryPlan   *self);
GPtrArray          *sti_mandatory_plan_get_sections   (StiMandatoryPlan   *self);
StiMandatorySection *sti_mandatory_plan_find_section  (StiMandatoryPlan   *self,
                                                       const char         *id);
StiMandatoryRecord *sti_mandatory_plan_find_record    (StiMandatoryPlan   *self,
                                                       const char         *id);
JsonNode           *sti_mandatory_plan_to_json        (StiMandatoryPlan   *self);

const char         *sti_mandatory_status_to_string    (StiMandatoryStatus  status);
const char         *sti_mandatory_change_to_string    (StiMandatoryChange  change);
const char         *sti_mandatory_change_get_label    (StiMandatoryChange  change);

G_END_DECLS
