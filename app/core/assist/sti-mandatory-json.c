/* sti-mandatory-json.c: the plan as JSON (docs/mandatory-json.md)
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mandatory-plan-private.h"

/* Machine words (status, change, ids) stay English; the sentences are in
 * the user's language, as in the check's JSON. */

static JsonNode *
strings_node (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_node_take_array (node, array);
  return node;
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_record (JsonBuilder              *builder,
            const StiMandatoryRecord *record)
{
  json_builder_begin_object (builder);
  add_nullable (builder, "id", record->id);
  add_nullable (builder, "title", record->title);
  add_nullable (builder, "change", sti_mandatory_change_to_string (record->change));
  add_nullable (builder, "text", record->text);
  add_nullable (builder, "current", record->current);
  add_nullable (builder, "note", record->note);
  json_builder_end_object (builder);
}

static void
add_section (JsonBuilder               *builder,
             const StiMandatorySection *section)
{
  json_builder_begin_object (builder);
  add_nullable (builder, "id", section->id);
  add_nullable (builder, "title", section->title);
  add_nullable (builder, "intro", section->intro);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < section->records->len; i++)
    add_record (builder, g_ptr_array_index (section->records, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_add_value (builder, strings_node (section->steps));
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_value (builder, strings_node (section->warnings));
  json_builder_end_object (builder);
}

/**
 * sti_mandatory_plan_to_json:
 * @self: a #StiMandatoryPlan
 *
 * Returns: (transfer full): the plan as a JSON object, as
 *   docs/mandatory-json.md describes it
 */
JsonNode *
sti_mandatory_plan_to_json (StiMandatoryPlan *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *blockers;
  GPtrArray *sections;
  const char * const *hosts;

  g_return_val_if_fail (STI_IS_MANDATORY_PLAN (self), NULL);

  blockers = sti_mandatory_plan_get_blockers (self);
  sections = sti_mandatory_plan_get_sections (self);
  hosts = sti_mandatory_plan_get_mx_hosts (self);

  json_builder_begin_object (builder);
  add_nullable (builder, "domain", sti_mandatory_plan_get_domain (self));
  add_nullable (builder, "status",
                sti_mandatory_status_to_string (sti_mandatory_plan_get_status (self)));
  add_nullable (builder, "summary", sti_mandatory_plan_get_summary (self));
  json_builder_set_member_name (builder, "mx_hosts");
  json_builder_begin_array (builder);
  for (guint i = 0; hosts[i] != NULL; i++)
    json_builder_add_string_value (builder, hosts[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "blockers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < blockers->len; i++)
    {
      const StiMandatoryBlocker *blocker = g_ptr_array_index (blockers, i);

      json_builder_begin_object (builder);
      add_nullable (builder, "host", blocker->host);
      add_nullable (builder, "address", blocker->address);
      add_nullable (builder, "problem", blocker->problem);
      add_nullable (builder, "action", blocker->action);
      add_nullable (builder, "finding_id", blocker->finding_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sections->len; i++)
    add_section (builder, g_ptr_array_index (sections, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
