/* findings-assert.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "findings-assert.h"

#include "sti-endpoint-report-private.h"

/* Every finding as "id(detail) ", so that a failure shows what there was. */
char *
ids_of (GPtrArray *findings)
{
  GString *got = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    g_string_append_printf (got, "%s(%s) ", sti_finding_get_id (g_ptr_array_index (findings, i)),
                            sti_finding_get_detail (g_ptr_array_index (findings, i)));
  return g_string_free (got, FALSE);
}

/* Asserts that the ids of @findings are exactly @expected (a set). */
void
assert_ids_v (GPtrArray          *findings,
              const char * const *expected)
{
  g_autofree char *got = ids_of (findings);

  /* An empty string ends the set: a split "" means no findings. */
  for (guint i = 0; expected[i] != NULL && expected[i][0] != '\0'; i++)
    {
      if (!sti_findings_contain (findings, expected[i]))
        g_error ("missing %s; got: %s", expected[i], got);
    }
  for (guint i = 0; i < findings->len; i++)
    {
      const char *id = sti_finding_get_id (g_ptr_array_index (findings, i));

      if (!g_strv_contains (expected, id))
        g_error ("unexpected %s; got: %s", id, got);
    }
}

/* Asserts that the ids of @findings are exactly those in @expected_csv,
 * comma-separated ("" for none). */
void
assert_ids (GPtrArray  *findings,
            const char *expected_csv)
{
  g_auto(GStrv) expected = g_strsplit (expected_csv, ",", -1);

  assert_ids_v (findings, (const char * const *)expected);
}

/* The finding with @id; fails the test when there is none. */
StiFinding *
find (GPtrArray  *findings,
      const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      if (g_str_equal (sti_finding_get_id (g_ptr_array_index (findings, i)), id))
        return g_ptr_array_index (findings, i);
    }
  g_error ("no %s", id);
  return NULL;
}

/* In a report's JSON: the endpoint's finding with @id, or %NULL. */
JsonObject *
find_json_finding (JsonObject *endpoint,
                   const char *id)
{
  JsonArray *findings = json_object_get_array_member (endpoint, "findings");

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (finding, "id"), id))
        return finding;
    }

  return NULL;
}

/* A finding of @id with a given severity (its detail is the id), added to
 * @endpoint as a check would. */
void
add_finding (StiEndpointReport *endpoint,
             const char        *id,
             StiSeverity        severity)
{
  g_autoptr(StiFinding) finding = sti_finding_new_with_severity (id, severity, NULL, id);

  sti_endpoint_report_add_finding (endpoint, finding);
}
