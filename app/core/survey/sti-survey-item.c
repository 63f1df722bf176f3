/* sti-survey-item.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-item.h"

#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-readiness.h"

#include <glib/gi18n.h>

/* One domain of a survey as a list shows it: pending until its report (or
 * the reason it has none) arrives, then the few figures a row shows, as
 * read-only properties a list binds to. The figures come from the same
 * readiness judgement as the summary and the policy map.
 *
 * The report itself is not kept: a survey's rows stay a few hundred bytes
 * each, however big the reports, and a row finds its full report again
 * where the survey wrote it (the results line at the result offset). */

struct _StiSurveyItem
{
  GObject          parent_instance;

  char            *domain;
  gboolean         judged;         /* the figures come from a report */
  goffset          result_offset;  /* -1: not written */
  char            *error;
  guint            mx_count;
  char            *mx_text;
  int              readiness_level;
  char            *readiness_text;
  char            *starttls_text;
  char            *verified_text;
  char            *policies_text;
};

G_DEFINE_FINAL_TYPE (StiSurveyItem, sti_survey_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_ERROR,
  PROP_DONE,
  PROP_MX_COUNT,
  PROP_MX_TEXT,
  PROP_READINESS_LEVEL,
  PROP_READINESS_TEXT,
  PROP_STARTTLS_TEXT,
  PROP_VERIFIED_TEXT,
  PROP_POLICIES_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_survey_item_finalize (GObject *object)
{
  StiSurveyItem *self = (StiSurveyItem *)object;

  g_free (self->domain);
  g_free (self->error);
  g_free (self->mx_text);
  g_free (self->readiness_text);
  g_free (self->starttls_text);
  g_free (self->verified_text);
  g_free (self->policies_text);

  G_OBJECT_CLASS (sti_survey_item_parent_class)->finalize (object);
}

static void
sti_survey_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiSurveyItem *self = STI_SURVEY_ITEM (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:          g_value_set_string (value, self->domain); break;
    case PROP_ERROR:           g_value_set_string (value, self->error); break;
    case PROP_DONE:            g_value_set_boolean (value, sti_survey_item_get_done (self)); break;
    case PROP_MX_COUNT:        g_value_set_uint (value, self->mx_count); break;
    case PROP_MX_TEXT:         g_value_set_string (value, self->mx_text); break;
    case PROP_READINESS_LEVEL: g_value_set_int (value, self->readiness_level); break;
    case PROP_READINESS_TEXT:  g_value_set_string (value, self->readiness_text); break;
    case PROP_STARTTLS_TEXT:   g_value_set_string (value, self->starttls_text); break;
    case PROP_VERIFIED_TEXT:   g_value_set_string (value, self->verified_text); break;
    case PROP_POLICIES_TEXT:   g_value_set_string (value, self->policies_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_survey_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  StiSurveyItem *self = STI_SURVEY_ITEM (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      self->domain = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
sti_survey_item_class_init (StiSurveyItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_survey_item_finalize;
  object_class->get_property = sti_survey_item_get_property;
  object_class->set_property = sti_survey_item_set_property;

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = string_property ("error");
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);
  properties[PROP_MX_COUNT] = g_param_spec_uint ("mx-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MX_TEXT] = string_property ("mx-text");
  properties[PROP_READINESS_LEVEL] =
    g_param_spec_int ("readiness-level", NULL, NULL, STI_SURVEY_ITEM_PENDING,
                      STI_READINESS_N_LEVELS, STI_SURVEY_ITEM_PENDING, flags);
  properties[PROP_READINESS_TEXT] = string_property ("readiness-text");
  properties[PROP_STARTTLS_TEXT] = string_property ("starttls-text");
  properties[PROP_VERIFIED_TEXT] = string_property ("verified-text");
  properties[PROP_POLICIES_TEXT] = string_property ("policies-text");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_survey_item_init (StiSurveyItem *self)
{
  self->readiness_level = STI_SURVEY_ITEM_PENDING;
  self->result_offset = -1;
  self->mx_text = g_strdup ("");
  /* Translators: the readiness cell of a domain not checked yet */
  self->readiness_text = g_strdup (_("Waiting"));
  self->starttls_text = g_strdup ("");
  self->verified_text = g_strdup ("");
  self->policies_text = g_strdup ("");
}

static void
notify_figures (StiSurveyItem *self)
{
  for (guint prop = PROP_ERROR; prop < N_PROPS; prop++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* "2 of 3", or a dash when there is nothing to count. */
static char *
dup_of (guint part,
        guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  /* Translators: a cell of the survey table: a count of mail server addresses, of a total */
  return g_strdup_printf (_("%u of %u"), part, whole);
}

static char *
dup_policies (const StiReadiness *readiness)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (readiness->mta_sts == STI_MTA_STS_STATE_ENFORCE)
    g_strv_builder_add (names, _("MTA-STS"));
  else if (readiness->mta_sts == STI_MTA_STS_STATE_TESTING)
    g_strv_builder_add (names, _("MTA-STS testing"));
  else if (readiness->mta_sts == STI_MTA_STS_STATE_BROKEN)
    g_strv_builder_add (names, _("MTA-STS broken"));
  else if (readiness->mta_sts == STI_MTA_STS_STATE_UNKNOWN)
    /* Translators: in a survey row's policies: the MTA-STS record could not
     * be looked up */
    g_strv_builder_add (names, _("MTA-STS unknown"));
  if (readiness->passing[STI_READINESS_DANE] > 0)
    g_strv_builder_add (names, _("DANE"));

  strv = g_strv_builder_end (names);
  return strv[0] != NULL ? g_strjoinv (", ", strv) : g_strdup ("—");
}

static const char *
reach_label (StiReach reach)
{
  switch (reach)
    {
    case STI_REACH_NO_MAIL_SERVER: return _("No mail server");
    case STI_REACH_UNREACHABLE:    return _("Not reached");
    case STI_REACH_TEMPORARY:      return _("Stopped before STARTTLS");
    case STI_REACH_ANSWERED:
    default:                       return _("Unknown");
    }
}

static void
count_addresses (StiDomainReport *report,
                 guint           *answered,
                 guint           *starttls,
                 guint           *tls,
                 guint           *verified)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);

          if (!sti_endpoint_report_get_reachable (endpoint) ||
              sti_endpoint_report_stopped_before_starttls (endpoint))
            continue;
          (*answered)++;
          *starttls += sti_endpoint_report_get_starttls_offered (endpoint);
          if (!sti_endpoint_report_get_tls_established (endpoint))
            continue;
          (*tls)++;
          *verified += sti_endpoint_report_get_certificate_verified (endpoint);
        }
    }
}

/**
 * sti_survey_item_set_report:
 * @report: the domain's finished report
 *
 * Takes the figures a row shows from @report, once; @report is not kept.
 */
void
sti_survey_item_set_report (StiSurveyItem   *self,
                            StiDomainReport *report)
{
  StiReadiness readiness;
  guint answered = 0, starttls = 0, tls = 0, verified = 0;

  g_return_if_fail (STI_IS_SURVEY_ITEM (self));
  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));
  g_return_if_fail (!sti_survey_item_get_done (self));

  self->judged = TRUE;
  sti_readiness_judge (report, &readiness);
  count_addresses (report, &answered, &starttls, &tls, &verified);

  self->mx_count = sti_domain_report_get_hosts (report)->len;
  g_free (self->mx_text);
  self->mx_text = g_strdup_printf ("%u", self->mx_count);
  self->readiness_level = sti_readiness_get_strictest (&readiness);
  g_free (self->readiness_text);
  self->readiness_text = g_strdup (self->readiness_level >= 0
                                   ? sti_readiness_level_get_label (self->readiness_level)
                                   : reach_label (readiness.reach));
  g_free (self->starttls_text);
  self->starttls_text = dup_of (starttls, answered);
  g_free (self->verified_text);
  self->verified_text = dup_of (verified, tls);
  g_free (self->policies_text);
  self->policies_text = dup_policies (&readiness);

  notify_figures (self);
}

/* The check has started: the row says so rather than "Waiting". */
void
sti_survey_item_set_checking (StiSurveyItem *self)
{
  g_return_if_fail (STI_IS_SURVEY_ITEM (self));

  if (sti_survey_item_get_done (self))
    return;
  g_free (self->readiness_text);
  /* Translators: the readiness cell of a domain whose check is running */
  self->readiness_text = g_strdup (_("Checking…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READINESS_TEXT]);
}

/**
 * sti_survey_item_set_error:
 * @error: why the domain could not be checked (an input error, a failed
 *   set-up), already fit to show
 */
void
sti_survey_item_set_error (StiSurveyItem *self,
                           const char    *error)
{
  g_return_if_fail (STI_IS_SURVEY_ITEM (self));
  g_return_if_fail (error != NULL);
  g_return_if_fail (!sti_survey_item_get_done (self));

  self->error = g_strdup (error);
  self->readiness_level = STI_SURVEY_ITEM_FAILED;
  g_free (self->readiness_text);
  /* Translators: the readiness cell of a domain whose check could not run */
  self->readiness_text = g_strdup (_("Not checked"));

  notify_figures (self);
}

StiSurveyItem *
sti_survey_item_new (const char *domain)
{
  g_return_val_if_fail (domain != NULL, NULL);

  return g_object_new (STI_TYPE_SURVEY_ITEM, "domain", domain, NULL);
}

const char *
sti_survey_item_get_domain (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->domain;
}

/* Returns: whether the figures come from a report (not an error) */
gboolean
sti_survey_item_get_judged (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), FALSE);
  return self->judged;
}

/**
 * sti_survey_item_set_result_offset:
 * @offset: where the domain's line starts in the survey's results file
 */
void
sti_survey_item_set_result_offset (StiSurveyItem *self,
                                   goffset        offset)
{
  g_return_if_fail (STI_IS_SURVEY_ITEM (self));
  g_return_if_fail (offset >= 0);
  self->result_offset = offset;
}

/* Returns: where the domain's line starts in the results file; -1 when
 *   none was written */
goffset
sti_survey_item_get_result_offset (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), -1);
  return self->result_offset;
}

/* Returns: (nullable): why the domain has no report */
const char *
sti_survey_item_get_error (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->error;
}

gboolean
sti_survey_item_get_done (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), FALSE);
  return self->judged || self->error != NULL;
}

guint
sti_survey_item_get_mx_count (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), 0);
  return self->mx_count;
}

/* Returns: a #StiReadinessLevel, or STI_SURVEY_ITEM_NOT_JUDGED, _FAILED
 *   or _PENDING */
int
sti_survey_item_get_readiness_level (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), STI_SURVEY_ITEM_PENDING);
  return self->readiness_level;
}

const char *
sti_survey_item_get_readiness_text (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->readiness_text;
}

const char *
sti_survey_item_get_starttls_text (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->starttls_text;
}

const char *
sti_survey_item_get_verified_text (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->verified_text;
}

const char *
sti_survey_item_get_policies_text (StiSurveyItem *self)
{
  g_return_val_if_fail (STI_IS_SURVEY_ITEM (self), NULL);
  return self->policies_text;
}
