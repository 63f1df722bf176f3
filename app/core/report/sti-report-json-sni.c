/* sti-report-json-sni.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-sni-comparison-private.h"

/* The endpoint's `without_sni` member (docs/json-schema.md, "Without
 * SNI"): what a sender that sends no SNI is shown. */

static JsonNode *
nullable_bool (gboolean present,
               gboolean value)
{
  JsonNode *node = json_node_alloc ();

  if (present)
    return json_node_init_boolean (node, value);
  return json_node_init_null (node);
}

/**
 * report_json_sni_to_json:
 * @self: (nullable): the comparison
 *
 * Returns: (transfer full): the member's value, a JSON null for %NULL
 */
JsonNode *
report_json_sni_to_json (StiSniComparison *self)
{
  StiCertificate *cert;
  JsonObject *obj;
  JsonNode *node;

  if (self == NULL)
    return json_node_init_null (json_node_alloc ());

  cert = sti_sni_comparison_get_certificate (self);
  obj = json_object_new ();
  json_object_set_boolean_member (obj, "compared", sti_sni_comparison_get_compared (self));
  report_json_set_string (obj, "reason", sti_sni_comparison_get_reason (self));
  report_json_set_string (obj, "detail", sti_sni_comparison_get_detail (self));
  json_object_set_member (obj, "same_certificate",
                          nullable_bool (sti_sni_comparison_get_compared (self),
                                         sti_sni_comparison_get_same_certificate (self)));
  if (cert != NULL)
    json_object_set_member (obj, "certificate", report_json_certificate_to_json (cert));
  else
    json_object_set_null_member (obj, "certificate");
  json_object_set_member (obj, "certificate_verified",
                          nullable_bool (cert != NULL,
                                         sti_sni_comparison_get_certificate_verified (self)));
  json_object_set_array_member (obj, "problems",
                                report_json_strv_to_json (
                                  sti_sni_comparison_get_problems (self)));

  node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  return node;
}

static void
keep_bool (gpointer out,
           gboolean value)
{
  *(gboolean *)out = value;
}

static void
keep_strv (gpointer            out,
           const char * const *value)
{
  *(GStrv *)out = g_strdupv ((char **)value);
}

/* A member whose value is an object or null: the object is read by
 * @from_json into @out, null leaves @out NULL; a missing member counts as
 * null only where @optional says so (members added within version 1). */
static gboolean
read_nullable_object (JsonObject    *obj,
                      const char    *key,
                      gboolean       optional,
                      const char    *path,
                      FromJsonFunc   from_json,
                      gpointer      *out,
                      GError       **error)
{
  JsonNode *node = json_object_get_member (obj, key);
  g_autofree char *member_path = NULL;

  *out = NULL;
  if (node == NULL && !optional)
    return report_json_fail (error, path, key, "is missing");
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return report_json_fail (error, path, key, "expected an object or null");

  member_path = g_strdup_printf ("%s.%s", path, key);
  *out = from_json (json_node_get_object (node), member_path, error);
  return *out != NULL;
}

static gboolean
read_same (JsonObject  *obj,
           const char  *path,
           gboolean    *same,
           GError     **error)
{
  JsonNode *node = json_object_get_member (obj, "same_certificate");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return report_json_fail (error, path, "same_certificate",
                             "expected a boolean when compared");
  *same = json_node_get_boolean (node);
  return TRUE;
}

/* The three shapes of sti-sni-comparison.c; what a shape does not use
 * must be null or empty, as the writer leaves it. */
static StiSniComparison *
comparison_from_json (JsonObject  *obj,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(StiCertificate) cert = NULL;
  g_auto(GStrv) problems = NULL;
  const char *reason = NULL;
  const char *detail = NULL;
  gboolean compared = FALSE;
  gboolean same = FALSE;
  gboolean verified = FALSE;

  if (!report_json_read_bool_into (obj, "compared", path, keep_bool, &compared, error) ||
      !report_json_read_string (obj, "reason", TRUE, path, &reason, error) ||
      !report_json_read_string (obj, "detail", TRUE, path, &detail, error) ||
      !read_nullable_object (obj, "certificate", FALSE, path,
                             (FromJsonFunc) report_json_certificate_from_json,
                             (gpointer *)&cert, error) ||
      !report_json_read_strv_into (obj, "problems", path, keep_strv, &problems, error))
    return NULL;

  if (!compared)
    {
      if (reason == NULL)
        {
          report_json_fail (error, path, "reason", "must not be null when not compared");
          return NULL;
        }
      return sti_sni_comparison_new_not_compared (reason, detail);
    }

  if (!read_same (obj, path, &same, error))
    return NULL;
  if (same)
    return sti_sni_comparison_new_same ();

  if (cert == NULL)
    {
      report_json_fail (error, path, "certificate", "must not be null when different");
      return NULL;
    }
  if (!report_json_read_bool_into (obj, "certificate_verified", path, keep_bool, &verified,
                                   error))
    return NULL;
  return sti_sni_comparison_new_different (cert, verified, (const char * const *)problems);
}

/**
 * report_json_sni_from_json:
 * @endpoint: the endpoint object
 * @path: its path, for errors
 * @out: (out) (transfer full) (nullable): the comparison; %NULL when the
 *   member is null or absent (it was added within version 1)
 *
 * Returns: %FALSE with @error set when the member is not valid
 */
gboolean
report_json_sni_from_json (JsonObject        *endpoint,
                           const char        *path,
                           StiSniComparison **out,
                           GError           **error)
{
  return read_nullable_object (endpoint, "without_sni", TRUE, path,
                               (FromJsonFunc) comparison_from_json, (gpointer *)out, error);
}
