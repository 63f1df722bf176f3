/* sti-report-json-dane.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-endpoint-report-private.h"

/* The endpoint's `dane_matches` member (docs/json-schema.md, "TLSA
 * match"): each TLSA record of the host, judged against the chain this
 * endpoint sent. */

static JsonNode *
match_to_json (const StiDaneMatch *match)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node;

  report_json_set_string (obj, "record", match->text);
  json_object_set_int_member (obj, "usage", match->usage);
  json_object_set_int_member (obj, "selector", match->selector);
  json_object_set_int_member (obj, "matching_type", match->matching_type);
  report_json_set_string (obj, "match", sti_dane_match_status_to_string (match->status));
  json_object_set_int_member (obj, "position", match->chain_position);
  report_json_set_string (obj, "reason", match->reason);

  node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  return node;
}

/**
 * report_json_dane_to_json:
 * @matches: (element-type StiDaneMatch): an endpoint's TLSA verdicts
 *
 * Returns: (transfer full): the member's value
 */
JsonArray *
report_json_dane_to_json (GPtrArray *matches)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < matches->len; i++)
    json_array_add_element (array, match_to_json (g_ptr_array_index (matches, i)));

  return array;
}

/* The numbers of a TLSA record are octets; -1 says a malformed record has
 * none. */
static gboolean
read_octet (JsonObject  *obj,
            const char  *key,
            const char  *path,
            gint        *out,
            GError     **error)
{
  gint64 value;

  if (!report_json_read_int (obj, key, -1, 255, path, &value, error))
    return FALSE;
  *out = value;
  return TRUE;
}

static StiDaneMatch *
match_from_json (JsonObject  *obj,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(StiDaneMatch) match = sti_dane_match_new ();
  const char *text = NULL;
  const char *status = NULL;
  const char *reason = NULL;
  gint64 position;

  if (!report_json_read_string (obj, "record", FALSE, path, &text, error) ||
      !read_octet (obj, "usage", path, &match->usage, error) ||
      !read_octet (obj, "selector", path, &match->selector, error) ||
      !read_octet (obj, "matching_type", path, &match->matching_type, error) ||
      !report_json_read_string (obj, "match", FALSE, path, &status, error) ||
      !report_json_read_int (obj, "position", -1, G_MAXINT, path, &position, error) ||
      !report_json_read_string (obj, "reason", FALSE, path, &reason, error))
    return NULL;
  if (!sti_dane_match_status_from_string (status, &match->status))
    return report_json_bad_value (error, path, "match");

  match->text = g_strdup (text);
  match->chain_position = position;
  match->reason = g_strdup (reason);

  return g_steal_pointer (&match);
}

typedef struct
{
  StiEndpointReport *endpoint;
  guint              n;
} AddState;

/* The index of a verdict is its place in the array. */
static void
add_match (AddState     *state,
           StiDaneMatch *match)
{
  match->index = state->n++;
  sti_endpoint_report_add_dane_match (state->endpoint, match);
}

/**
 * report_json_dane_from_json:
 * @endpoint_obj: the endpoint's JSON object
 * @path: its path, for errors
 * @endpoint: the endpoint report to add the verdicts to
 *
 * Optional: reports written before it was recorded lack the member.
 *
 * Returns: %FALSE with @error set when the member is malformed
 */
gboolean
report_json_dane_from_json (JsonObject         *endpoint_obj,
                            const char         *path,
                            StiEndpointReport  *endpoint,
                            GError            **error)
{
  AddState state = { endpoint, 0 };

  if (!json_object_has_member (endpoint_obj, "dane_matches"))
    return TRUE;

  return report_json_read_object_array (endpoint_obj, "dane_matches", path,
                                        (FromJsonFunc) match_from_json,
                                        (GDestroyNotify) sti_dane_match_unref,
                                        (AddFunc) add_match, &state, error);
}
