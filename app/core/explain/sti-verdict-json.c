/* sti-verdict-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-verdict-json.h"

#include "sti-host-report.h"
#include "sti-verdict.h"

/* The verdict as output data in the JSON document: the sentence, the
 * counts and each endpoint's sender answers, so a reader of the file sees
 * what every other format says without re-deriving it. The report model
 * lies below the words (DESIGN.md, Layout), so the verdict is added to
 * the model's JSON here, on the way out; the loader accepts it and
 * recomputes it from the findings (docs/json-schema.md, "Verdict"). */

static void
set_answer (JsonObject *obj,
            const char *key,
            StiAnswer   answer,
            const char *text_key,
            const char *text)
{
  json_object_set_string_member (obj, key, sti_answer_to_string (answer));
  json_object_set_string_member (obj, text_key, text);
}

static JsonObject *
endpoint_verdict_to_json (StiEndpointReport *endpoint,
                          StiDomainReport   *report)
{
  g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, report);
  JsonObject *obj = json_object_new ();
  const char *action_id = sti_endpoint_verdict_get_first_action_id (verdict);

  set_answer (obj, "opportunistic", sti_endpoint_verdict_get_opportunistic (verdict),
              "opportunistic_text", sti_endpoint_verdict_get_opportunistic_text (verdict));
  set_answer (obj, "validating", sti_endpoint_verdict_get_validating (verdict),
              "validating_text", sti_endpoint_verdict_get_validating_text (verdict));
  set_answer (obj, "dane", sti_endpoint_verdict_get_dane (verdict),
              "dane_text", sti_endpoint_verdict_get_dane_text (verdict));
  json_object_set_string_member (obj, "first_action",
                                 sti_endpoint_verdict_get_first_action (verdict));
  if (action_id != NULL)
    json_object_set_string_member (obj, "first_action_id", action_id);
  else
    json_object_set_null_member (obj, "first_action_id");
  /* Added later: the sender profile each line assumes (docs/sender-profiles.md) */
  json_object_set_string_member (obj, "opportunistic_profile",
                                 sti_endpoint_verdict_get_opportunistic_profile (verdict)->id);
  json_object_set_string_member (obj, "validating_profile",
                                 sti_endpoint_verdict_get_validating_profile (verdict)->id);
  json_object_set_string_member (obj, "dane_profile",
                                 sti_endpoint_verdict_get_dane_profile (verdict)->id);

  return obj;
}

static JsonObject *
domain_verdict_to_json (StiDomainReport *report)
{
  JsonObject *obj = json_object_new ();
  JsonObject *counts = json_object_new ();
  g_autofree char *sentence = sti_verdict_dup_sentence (report);
  g_autofree char *policy = sti_verdict_dup_policy_sentence (report);

  json_object_set_int_member (counts, "errors",
                              sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR));
  json_object_set_int_member (counts, "warnings",
                              sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING));
  json_object_set_int_member (counts, "notes",
                              sti_domain_report_count_by_severity (report, STI_SEVERITY_INFO));

  json_object_set_string_member (obj, "sentence", sentence);
  json_object_set_string_member (obj, "policy_sentence", policy);
  json_object_set_object_member (obj, "counts", counts);
  /* Added later: the verdict in a few words, decided with the sentence */
  json_object_set_string_member (obj, "title", sti_verdict_get_title (report));

  return obj;
}

/**
 * sti_verdict_add_to_json:
 * @report: the report
 * @root: sti_report_to_json() of @report
 *
 * Adds a `verdict` member at the end of the document and of each endpoint
 * object. The hosts and endpoints of @root are in the model's order.
 */
void
sti_verdict_add_to_json (StiDomainReport *report,
                         JsonNode        *root)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  JsonObject *obj;
  JsonArray *host_array;

  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));
  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (root));

  obj = json_node_get_object (root);
  host_array = json_object_get_array_member (obj, "hosts");
  g_return_if_fail (host_array != NULL && json_array_get_length (host_array) == hosts->len);

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));
      JsonObject *host_obj = json_array_get_object_element (host_array, i);
      JsonArray *endpoint_array = json_object_get_array_member (host_obj, "endpoints");

      g_return_if_fail (json_array_get_length (endpoint_array) == endpoints->len);
      for (guint j = 0; j < endpoints->len; j++)
        json_object_set_object_member (json_array_get_object_element (endpoint_array, j),
                                       "verdict",
                                       endpoint_verdict_to_json (g_ptr_array_index (endpoints, j),
                                                                 report));
    }

  json_object_set_object_member (obj, "verdict", domain_verdict_to_json (report));
}
