/* sti-mandatory-plan.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mandatory-plan-private.h"

#include "sti-dns-evidence.h"
#include "sti-dns-rdata.h"
#include "sti-finding-registry.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>
#include <string.h>

/* Making TLS mandatory only helps once every MX host would pass a sender
 * that insists on TLS with a valid certificate: an enforced policy with a
 * failing MX host turns delivery to it off. So the plan first asks, for
 * every MX host at every address, what the endpoint verdict's validating
 * sender would do (judged without the domain's current MTA-STS policy,
 * which the plan replaces), and what the domain's own errors (DNS) say.
 * Only when nothing blocks are the records made. */

struct _StiMandatoryPlan
{
  GObject             parent_instance;

  char               *domain;
  StiMandatoryStatus  status;
  char               *summary;
  GStrv               mx_hosts;
  GPtrArray          *blockers;  /* of StiMandatoryBlocker */
  GPtrArray          *sections;  /* of StiMandatorySection */
};

G_DEFINE_FINAL_TYPE (StiMandatoryPlan, sti_mandatory_plan, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------- */
/* The parts, shared with the section builders                             */

StiMandatoryRecord *
mp_record_new (const char         *id,
               const char         *title,
               const char         *text,
               const char         *current,
               StiMandatoryChange  change,
               const char         *note)
{
  StiMandatoryRecord *record = g_new0 (StiMandatoryRecord, 1);

  record->id = g_strdup (id);
  record->title = g_strdup (title);
  record->text = g_strdup (text);
  record->current = g_strdup (current);
  record->change = change;
  record->note = g_strdup (note);

  return record;
}

void
mp_record_free (StiMandatoryRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->title);
  g_free (record->text);
  g_free (record->current);
  g_free (record->note);
  g_free (record);
}

StiMandatorySection *
mp_section_new (const char *id,
                const char *title,
                const char *intro)
{
  StiMandatorySection *section = g_new0 (StiMandatorySection, 1);

  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->intro = g_strdup (intro);
  section->records = g_ptr_array_new_with_free_func ((GDestroyNotify)mp_record_free);
  section->steps = g_ptr_array_new_with_free_func (g_free);
  section->warnings = g_ptr_array_new_with_free_func (g_free);

  return section;
}

void
mp_section_free (StiMandatorySection *section)
{
  if (section == NULL)
    return;
  g_free (section->id);
  g_free (section->title);
  g_free (section->intro);
  g_ptr_array_unref (section->records);
  g_ptr_array_unref (section->steps);
  g_ptr_array_unref (section->warnings);
  g_free (section);
}

StiMandatoryBlocker *
mp_blocker_new (const char *host,
                const char *address,
                const char *problem,
                const char *action,
                const char *finding_id)
{
  StiMandatoryBlocker *blocker = g_new0 (StiMandatoryBlocker, 1);

  blocker->host = g_strdup (host);
  blocker->address = g_strdup (address);
  blocker->problem = g_strdup (problem);
  blocker->action = g_strdup (action);
  blocker->finding_id = g_strdup (finding_id);

  return blocker;
}

void
mp_blocker_free (StiMandatoryBlocker *blocker)
{
  if (blocker == NULL)
    return;
  g_free (blocker->host);
  g_free (blocker->address);
  g_free (blocker->problem);
  g_free (blocker->action);
  g_free (blocker->finding_id);
  g_free (blocker);
}

/* "_mta-sts.example.org. IN TXT "v=STSv1; id=1"": the form every record
 * of the plan is shown in, ready for a zone file. */
char *
mp_zone_line (const char *owner,
              const char *type,
              const char *rdata)
{
  return g_strdup_printf ("%s. IN %s %s", owner, type, rdata);
}

/* What the domain publishes now at @owner/@type, as zone-file lines, only
 * the records whose data starts with @prefix (a TXT record's quotes
 * ignored); %NULL when there is none or it was not looked up. */
char *
mp_dup_published (StiDomainReport *report,
                  const char      *owner,
                  const char      *type,
                  const char      *prefix)
{
  StiDnsEvidence *evidence = sti_domain_report_find_dns_evidence (report, owner, type);
  const char * const *records;
  GString *out;

  if (evidence == NULL || g_strcmp0 (sti_dns_evidence_get_result (evidence), "noerror") != 0)
    return NULL;

  out = g_string_new (NULL);
  records = sti_dns_evidence_get_records (evidence);
  for (guint i = 0; records != NULL && records[i] != NULL; i++)
    {
      const char *data = records[i][0] == '"' ? records[i] + 1 : records[i];
      g_autofree char *line = NULL;

      if (prefix != NULL && !g_str_has_prefix (data, prefix))
        continue;
      line = mp_zone_line (owner, type, records[i]);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, line);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Whether the domain's findings hold one whose id starts with @prefix. */
gboolean
mp_domain_has_finding_prefix (StiDomainReport *report,
                       const char      *prefix)
{
  GPtrArray *findings = sti_domain_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_has_prefix (sti_finding_get_id (g_ptr_array_index (findings, i)), prefix))
        return TRUE;
    }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* What passes and what blocks                                             */

static char *
normalize_name (const char *name)
{
  gsize len = strlen (name);

  if (len > 1 && name[len - 1] == '.')
    len--;
  return g_ascii_strdown (name, len);
}

/* The finding the registry says to fix first among @findings: the worst
 * severity, then the lowest rank. Only errors block. */
static StiFinding *
worst_error (GPtrArray *findings)
{
  StiFinding *worst = NULL;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

      if (sti_finding_get_severity (finding) < STI_SEVERITY_ERROR || entry == NULL)
        continue;
      if (worst == NULL ||
          sti_finding_entry_get_rank (entry) <
            sti_finding_entry_get_rank (sti_finding_lookup (sti_finding_get_id (worst))))
        worst = finding;
    }

  return worst;
}

static StiMandatoryBlocker *
blocker_for_finding (const char *host,
                     StiFinding *finding)
{
  const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

  return mp_blocker_new (host, NULL, sti_finding_entry_get_title (entry),
                         sti_finding_entry_get_action (entry), sti_finding_get_id (finding));
}

/* The domain's own errors: DNS failures and the like. The policy findings
 * (mta-sts-*, tls-rpt-*, dane-*) are what the plan changes: they do not
 * block it. */
static void
check_domain (StiMandatoryPlan *self,
              StiDomainReport  *report)
{
  g_autoptr(GPtrArray) blocking = g_ptr_array_new ();
  GPtrArray *findings = sti_domain_report_get_findings (report);
  StiFinding *worst;

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const char *id = sti_finding_get_id (finding);

      if (!g_str_has_prefix (id, "mta-sts-") && !g_str_has_prefix (id, "tls-rpt-") &&
          !g_str_has_prefix (id, "dane-"))
        g_ptr_array_add (blocking, finding);
    }

  worst = worst_error (blocking);
  if (worst != NULL)
    g_ptr_array_add (self->blockers, blocker_for_finding (NULL, worst));

  if (self->mx_hosts[0] == NULL && worst == NULL)
    g_ptr_array_add (self->blockers,
                     mp_blocker_new (NULL, NULL,
                                     _("The domain has no mail server to receive mail."),
                                     _("There is nothing to make mandatory: a domain that "
                                       "receives mail needs MX records first."),
                                     sti_findings_contain (findings, "null-mx") ? "null-mx"
                                                                                : NULL));
}

/* One MX host: every address must pass. Returns the endpoint whose chain
 * stands for the host, or %NULL when it does not pass. */
static StiEndpointReport *
check_host (StiMandatoryPlan *self,
            StiHostReport    *host,
            guint            *n_unknown)
{
  g_autofree char *name = normalize_name (sti_host_report_get_name (host));
  GPtrArray *endpoints = sti_host_report_get_endpoints (host);
  StiEndpointReport *passing = NULL;
  gboolean failed = FALSE;
  StiFinding *worst;

  worst = worst_error (sti_host_report_get_findings (host));
  if (worst != NULL || endpoints->len == 0)
    {
      if (worst != NULL)
        g_ptr_array_add (self->blockers, blocker_for_finding (name, worst));
      else
        g_ptr_array_add (self->blockers,
                         mp_blocker_new (name, NULL, _("No address of this host was checked."),
                                         _("Give the host an address senders can reach, "
                                           "then check again."), NULL));
      return NULL;
    }

  for (guint i = 0; i < endpoints->len; i++)
    {
      StiEndpointReport *endpoint = g_ptr_array_index (endpoints, i);
      g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, NULL);
      StiAnswer answer = sti_endpoint_verdict_get_validating (verdict);

      if (answer == STI_ANSWER_YES)
        {
          if (passing == NULL)
            passing = endpoint;
          continue;
        }

      failed = TRUE;
      if (answer == STI_ANSWER_UNKNOWN)
        (*n_unknown)++;
      g_ptr_array_add (self->blockers,
                       mp_blocker_new (name, sti_endpoint_report_get_address (endpoint),
                                       sti_endpoint_verdict_get_validating_text (verdict),
                                       sti_endpoint_verdict_get_first_action (verdict),
                                       sti_endpoint_verdict_get_first_action_id (verdict)));
    }

  return failed ? NULL : passing;
}

static void
set_summary (StiMandatoryPlan *self)
{
  switch (self->status)
    {
    case STI_MANDATORY_READY:
      /* Translators: %s is a mail domain */
      self->summary = g_strdup_printf (_("Every mail server of %s passes: publish the records "
                                         "below to make TLS mandatory for senders."),
                                       self->domain);
      break;

    case STI_MANDATORY_INCOMPLETE:
      /* Translators: %s is a mail domain */
      self->summary = g_strdup_printf (_("Not every mail server of %s could be checked to the "
                                         "end: check again later. The records are made once "
                                         "every mail server passes."),
                                       self->domain);
      break;

    case STI_MANDATORY_FIX_FIRST:
    default:
      /* Translators: %s is a mail domain */
      self->summary = g_strdup_printf (_("Not yet: fix what is listed below first, then check %s "
                                         "again. Making TLS mandatory now would stop mail to the "
                                         "servers that fail; the records are made once every "
                                         "mail server passes."),
                                       self->domain);
      break;
    }
}

static void
build_sections (StiMandatoryPlan *self,
                StiDomainReport  *report,
                GPtrArray        *passing)
{
  MpContext ctx = { report, self->domain, (const char * const *)self->mx_hosts, passing,
                    self->blockers };
  g_autoptr(GPtrArray) sections =
    g_ptr_array_new_with_free_func ((GDestroyNotify)mp_section_free);
  gboolean testing = FALSE;

  g_ptr_array_add (sections, mp_build_mta_sts (&ctx, &testing));
  g_ptr_array_add (sections, mp_build_tls_rpt (&ctx));
  g_ptr_array_add (sections, mp_build_dane (&ctx));
  g_ptr_array_add (sections, mp_build_steps (&ctx, testing));

  /* A record the policy code could not prove is not offered at all. */
  if (self->blockers->len == 0)
    g_ptr_array_extend_and_steal (self->sections, g_steal_pointer (&sections));
}

/* ---------------------------------------------------------------------- */
/* The class                                                               */

static void
sti_mandatory_plan_finalize (GObject *object)
{
  StiMandatoryPlan *self = STI_MANDATORY_PLAN (object);

  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->mx_hosts, g_strfreev);
  g_clear_pointer (&self->blockers, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_mandatory_plan_parent_class)->finalize (object);
}

static void
sti_mandatory_plan_class_init (StiMandatoryPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_mandatory_plan_finalize;
}

static void
sti_mandatory_plan_init (StiMandatoryPlan *self)
{
  self->blockers = g_ptr_array_new_with_free_func ((GDestroyNotify)mp_blocker_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)mp_section_free);
}

/**
 * sti_mandatory_plan_new:
 * @report: a finished check
 *
 * Works out whether TLS can be made mandatory for @report's domain, and
 * with which records. Pure: it reads @report only.
 *
 * Returns: (transfer full): the plan
 */
StiMandatoryPlan *
sti_mandatory_plan_new (StiDomainReport *report)
{
  StiMandatoryPlan *self;
  g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();
  g_autoptr(GPtrArray) passing = g_ptr_array_new ();
  GPtrArray *host_reports;
  guint n_unknown = 0;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  self = g_object_new (STI_TYPE_MANDATORY_PLAN, NULL);
  self->domain = normalize_name (sti_domain_report_get_domain (report));

  host_reports = sti_domain_report_get_hosts (report);
  for (guint i = 0; i < host_reports->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (host_reports, i);
      g_autofree char *name = normalize_name (sti_host_report_get_name (host));

      g_strv_builder_add (hosts, name);
    }
  self->mx_hosts = g_strv_builder_end (hosts);

  check_domain (self, report);
  for (guint i = 0; i < host_reports->len; i++)
    {
      StiEndpointReport *endpoint = check_host (self, g_ptr_array_index (host_reports, i),
                                                &n_unknown);

      if (endpoint != NULL)
        g_ptr_array_add (passing, endpoint);
    }

  if (self->blockers->len == 0)
    build_sections (self, report, passing);

  /* Unknown alone (a 421, a timeout) is "check again"; any other
   * blocker, including one from proving the records, is "fix first". */
  if (self->blockers->len == 0)
    self->status = STI_MANDATORY_READY;
  else if (self->blockers->len == n_unknown)
    self->status = STI_MANDATORY_INCOMPLETE;
  else
    self->status = STI_MANDATORY_FIX_FIRST;
  set_summary (self);

  return self;
}

const char *
sti_mandatory_plan_get_domain (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);
  return self->domain;
}

StiMandatoryStatus
sti_mandatory_plan_get_status (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), STI_MANDATORY_FIX_FIRST);
  return self->status;
}

/* Returns: one translated sentence on where the domain stands */
const char *
sti_mandatory_plan_get_summary (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);
  return self->summary;
}

/* Returns: (transfer none): every MX host name, lower case, no trailing dot */
const char * const *
sti_mandatory_plan_get_mx_hosts (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);
  return (const char * const *)self->mx_hosts;
}

/* Returns: (transfer none) (element-type StiMandatoryBlocker): empty when ready */
GPtrArray *
sti_mandatory_plan_get_blockers (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);
  return self->blockers;
}

/* Returns: (transfer none) (element-type StiMandatorySection): empty unless ready */
GPtrArray *
sti_mandatory_plan_get_sections (StiMandatoryPlan *self)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);
  return self->sections;
}

/* Returns: (transfer none) (nullable): the section called @id */
StiMandatorySection *
sti_mandatory_plan_find_section (StiMandatoryPlan *self,
                                 const char       *id)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      StiMandatorySection *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->id, id))
        return section;
    }
  return NULL;
}

/* Returns: (transfer none) (nullable): the record called @id, in any section */
StiMandatoryRecord *
sti_mandatory_plan_find_record (StiMandatoryPlan *self,
                                const char       *id)
{
  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      GPtrArray *records = ((StiMandatorySection *)g_ptr_array_index (self->sections, i))->records;

      for (guint j = 0; j < records->len; j++)
        {
          StiMandatoryRecord *record = g_ptr_array_index (records, j);

          if (g_str_equal (record->id, id))
            return record;
        }
    }
  return NULL;
}

const char *
sti_mandatory_status_to_string (StiMandatoryStatus status)
{
  switch (status)
    {
    case STI_MANDATORY_READY:
      return "ready";
    case STI_MANDATORY_INCOMPLETE:
      return "incomplete";
    case STI_MANDATORY_FIX_FIRST:
    default:
      return "fix-first";
    }
}

const char *
sti_mandatory_change_to_string (StiMandatoryChange change)
{
  switch (change)
    {
    case STI_MANDATORY_CHANGE_REPLACE:
      return "replace";
    case STI_MANDATORY_CHANGE_KEEP:
      return "keep";
    case STI_MANDATORY_CHANGE_REMOVE:
      return "remove";
    case STI_MANDATORY_CHANGE_ADD:
    default:
      return "add";
    }
}

/* Returns: the translated word for @change, as a record's tag */
const char *
sti_mandatory_change_get_label (StiMandatoryChange change)
{
  switch (change)
    {
    case STI_MANDATORY_CHANGE_REPLACE:
      /* Translators: what to do with a DNS record or file: replace what is published */
      return C_("record change", "Replace");
    case STI_MANDATORY_CHANGE_KEEP:
      /* Translators: what to do with a DNS record or file: it is right already */
      return C_("record change", "Keep");
    case STI_MANDATORY_CHANGE_REMOVE:
      /* Translators: what to do with a DNS record: it is wrong, take it away */
      return C_("record change", "Remove");
    case STI_MANDATORY_CHANGE_ADD:
    default:
      /* Translators: what to do with a DNS record or file: publish it, it is new */
      return C_("record change", "Add");
    }
}
