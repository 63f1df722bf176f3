/* sti-survey-summary-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-summary-private.h"

/* The JSON summary (docs/survey-summary.md): the counts, never a share
 * alone, so that summaries of shards can be checked against each other. */

static void
add_ratio (JsonBuilder *b,
           const char  *name,
           guint64      part,
           guint64      whole)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, (gint64)part);
  json_builder_set_member_name (b, "of");
  json_builder_add_int_value (b, (gint64)whole);
  json_builder_set_member_name (b, "share");
  json_builder_add_double_value (b, sti_survey_share (part, whole));
  json_builder_end_object (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         guint64      value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, (gint64)value);
}

static void
add_outcomes (JsonBuilder            *b,
              const StiSurveyFigures *f)
{
  json_builder_set_member_name (b, "domain_outcomes");
  json_builder_begin_object (b);
  for (guint reach = 0; reach < G_N_ELEMENTS (f->domains_by_reach); reach++)
    add_int (b, sti_reach_to_string (reach), f->domains_by_reach[reach]);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "addresses_outcomes");
  json_builder_begin_object (b);
  add_int (b, "answered", f->addr_answered);
  add_int (b, "unreachable", f->addr_unreachable);
  add_int (b, "temporary", f->addr_temporary);
  json_builder_end_object (b);

  add_ratio (b, "starttls", f->addr_starttls, f->addr_answered);
  json_builder_set_member_name (b, "starttls_share_2015");
  json_builder_add_double_value (b, STI_SURVEY_STARTTLS_SHARE_2015);
  add_ratio (b, "tls", f->addr_tls, f->addr_answered);
  add_ratio (b, "certificate_verified", f->addr_verified, f->addr_tls);
  add_ratio (b, "names_match", f->addr_names_match, f->addr_tls);
}

static void
add_counts (JsonBuilder *b,
            const char  *name,
            GPtrArray   *counts,
            const char  *count_name)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < counts->len; i++)
    {
      StiSurveyCount *count = g_ptr_array_index (counts, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, count->key);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, count->label);
      add_int (b, count_name, count->count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_policies (JsonBuilder            *b,
              const StiSurveyFigures *f)
{
  json_builder_set_member_name (b, "policies");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mta_sts");
  json_builder_begin_object (b);
  for (guint state = 0; state < G_N_ELEMENTS (f->mta_sts); state++)
    add_int (b, sti_mta_sts_state_to_string (state), f->mta_sts[state]);
  json_builder_end_object (b);
  add_int (b, "dane_published", f->dane_published);
  add_int (b, "dane_valid", f->dane_valid);
  add_int (b, "tls_rpt", f->tls_rpt);
  add_int (b, "dnssec", f->dnssec);
  json_builder_end_object (b);
}

static void
add_readiness (JsonBuilder            *b,
               const StiSurveyFigures *f)
{
  json_builder_set_member_name (b, "readiness");
  json_builder_begin_array (b);
  for (guint level = 0; level < STI_READINESS_N_LEVELS; level++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, sti_readiness_level_to_string (level));
      add_ratio (b, "domains", f->ready_domains[level], f->domains_by_reach[STI_REACH_ANSWERED]);
      add_ratio (b, "messages", f->ready_messages[level],
                 f->messages_by_reach[STI_REACH_ANSWERED]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_postfix (JsonBuilder            *b,
             const StiSurveyFigures *f)
{
  json_builder_set_member_name (b, "postfix_comparison");
  json_builder_begin_array (b);
  for (guint i = 0; i < STI_POSTFIX_TLS_N; i++)
    for (guint j = 0; j < STI_SURVEY_OURS_N; j++)
      {
        if (f->postfix_domains[i][j] == 0)
          continue;
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "postfix_tls");
        json_builder_add_string_value (b, sti_postfix_tls_to_string (i));
        json_builder_set_member_name (b, "ours");
        json_builder_add_string_value (b, sti_survey_ours_to_string (j));
        add_int (b, "domains", f->postfix_domains[i][j]);
        add_int (b, "messages", f->postfix_messages[i][j]);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

/**
 * sti_survey_summary_to_json:
 *
 * Returns: (transfer full): the summary as JSON (docs/survey-summary.md)
 */
JsonNode *
sti_survey_summary_to_json (StiSurveySummary *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) top = NULL;
  const StiSurveyFigures *f;

  g_return_val_if_fail (STI_IS_SURVEY_SUMMARY (self), NULL);

  f = sti_survey_summary_get_figures (self);
  versions = sti_survey_summary_dup_tls_versions (self);
  top = sti_survey_summary_dup_top_findings (self, STI_SURVEY_SUMMARY_TOP_FINDINGS);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema");
  json_builder_add_string_value (b, STI_SURVEY_SUMMARY_SCHEMA_NAME);
  add_int (b, "schema_version", STI_SURVEY_SUMMARY_SCHEMA_VERSION);
  add_int (b, "domains", f->domains);
  add_int (b, "messages", f->messages);
  json_builder_set_member_name (b, "weighted");
  json_builder_add_boolean_value (b, f->weighted);
  add_int (b, "mx_hosts", f->mx_hosts);
  add_int (b, "addresses", f->addresses);
  add_outcomes (b, f);
  add_counts (b, "tls_versions", versions, "addresses");
  add_policies (b, f);
  add_counts (b, "top_findings", top, "domains");
  add_readiness (b, f);
  add_postfix (b, f);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
