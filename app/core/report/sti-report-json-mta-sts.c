/* sti-report-json-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-mta-sts-evidence-private.h"

#include <gio/gio.h>
#include <string.h>

/* The report's "mta_sts" member (docs/json-schema.md): the MTA-STS policy
 * fetch. A report from before it existed has no member, which loads as no
 * fetch. Loading treats it as hostile like the rest: bounded numbers, known
 * words, a bounded body, and every string cleaned by the model's setters. */

/* RFC 8461 §3.2: max_age is at most one year. */
#define MAX_AGE_LIMIT 31557600
#define MAX_URL 2048

static const char * const modes[] = { "enforce", "testing", "none", NULL };
static const char * const max_age_sources[] = { "observed", "floor", "default", NULL };

static JsonArray *
patterns_to_json (StiMtaStsEvidence *self)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < sti_mta_sts_evidence_get_n_patterns (self); i++)
    {
      const char * const *matched = sti_mta_sts_evidence_get_pattern_matches (self, i);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "pattern", sti_mta_sts_evidence_get_pattern (self, i));
      json_object_set_array_member (obj, "matched_hosts", report_json_strv_to_json (matched));
      json_array_add_object_element (array, obj);
    }

  return array;
}

/**
 * report_json_mta_sts_to_json:
 * @self: (nullable): the fetch
 *
 * Returns: (transfer full): the "mta_sts" member: an object, or null
 */
JsonNode *
report_json_mta_sts_to_json (StiMtaStsEvidence *self)
{
  const char * const *errors;
  const char * const *unmatched;
  GPtrArray *certificates;
  JsonArray *chain;
  JsonObject *obj;
  JsonNode *node;

  if (self == NULL)
    return json_node_init_null (json_node_alloc ());

  obj = json_object_new ();
  errors = sti_mta_sts_evidence_get_certificate_errors (self);
  unmatched = sti_mta_sts_evidence_get_unmatched_hosts (self);
  certificates = sti_mta_sts_evidence_get_certificates (self);
  chain = json_array_sized_new (certificates->len);
  for (guint i = 0; i < certificates->len; i++)
    json_array_add_element (chain,
                            report_json_certificate_to_json (g_ptr_array_index (certificates, i)));

  json_object_set_string_member (obj, "url", sti_mta_sts_evidence_get_url (self));
  json_object_set_int_member (obj, "status", sti_mta_sts_evidence_get_status (self));
  report_json_set_string (obj, "content_type", sti_mta_sts_evidence_get_content_type (self));
  json_object_set_array_member (obj, "certificates", chain);
  json_object_set_boolean_member (obj, "certificate_verified",
                                  sti_mta_sts_evidence_get_certificate_verified (self));
  json_object_set_array_member (obj, "certificate_errors",
                                report_json_strv_to_json (errors));
  report_json_set_string (obj, "body", sti_mta_sts_evidence_get_body (self));
  report_json_set_string (obj, "mode", sti_mta_sts_evidence_get_mode (self));
  json_object_set_int_member (obj, "max_age", sti_mta_sts_evidence_get_max_age (self));
  json_object_set_array_member (obj, "mx", patterns_to_json (self));
  json_object_set_array_member (obj, "unmatched_hosts", report_json_strv_to_json (unmatched));
  json_object_set_int_member (obj, "suggested_max_age",
                              sti_mta_sts_evidence_get_suggested_max_age (self));
  json_object_set_string_member (obj, "suggested_max_age_source",
                                 sti_mta_sts_evidence_get_suggested_max_age_source (self));

  node = json_node_init_object (json_node_alloc (), obj);
  json_object_unref (obj);
  return node;
}

/* One item of "mx" while it is read. */
typedef struct
{
  char  *pattern;
  GStrv  matched_hosts;
} PatternItem;

static void
pattern_item_free (PatternItem *item)
{
  g_free (item->pattern);
  g_strfreev (item->matched_hosts);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PatternItem, pattern_item_free)

static void
pattern_item_set_matches (PatternItem        *item,
                          const char * const *hosts)
{
  g_strfreev (item->matched_hosts);
  item->matched_hosts = g_strdupv ((char **)hosts);
}

static PatternItem *
pattern_from_json (JsonObject  *obj,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(PatternItem) item = g_new0 (PatternItem, 1);
  const char *pattern = NULL;

  if (!report_json_read_string (obj, "pattern", FALSE, path, &pattern, error))
    return NULL;
  if (pattern[0] == '\0' || strlen (pattern) > 255)
    {
      report_json_fail (error, path, "pattern", "not an mx pattern");
      return NULL;
    }
  item->pattern = g_strdup (pattern);
  if (!report_json_read_strv_into (obj, "matched_hosts", path,
                                   (SetStrvFunc) pattern_item_set_matches, item, error))
    return NULL;

  return g_steal_pointer (&item);
}

static void
add_pattern (StiMtaStsEvidence *self,
             PatternItem       *item)
{
  sti_mta_sts_evidence_add_pattern (self, item->pattern,
                                    (const char * const *)item->matched_hosts);
}

static gboolean
read_word (JsonObject         *obj,
           const char         *key,
           gboolean            nullable,
           const char * const *words,
           const char         *path,
           const char        **out,
           GError            **error)
{
  if (!report_json_read_string (obj, key, nullable, path, out, error))
    return FALSE;
  if (*out != NULL && !g_strv_contains (words, *out))
    {
      report_json_bad_value (error, path, key);
      return FALSE;
    }

  return TRUE;
}

/* What the server answered: the URL, status, type, certificate and body. */
static gboolean
read_answer (JsonObject         *obj,
             const char         *path,
             StiMtaStsEvidence  *self,
             GError            **error)
{
  const char *url = NULL;
  const char *body = NULL;
  gint64 status = 0;

  if (!report_json_read_string (obj, "url", FALSE, path, &url, error))
    return FALSE;
  if (!g_str_has_prefix (url, "https://") || strlen (url) > MAX_URL)
    return report_json_fail (error, path, "url", "not an https URL of at most 2048 bytes");
  sti_mta_sts_evidence_set_url (self, url);
  if (!report_json_read_int (obj, "status", 0, 999, path, &status, error))
    return FALSE;
  sti_mta_sts_evidence_set_status (self, status);
  if (!report_json_read_string_into (obj, "content_type", TRUE, path,
                                     (SetStringFunc) sti_mta_sts_evidence_set_content_type, self,
                                     error))
    return FALSE;
  if (!report_json_read_object_array (obj, "certificates", path,
                                      (FromJsonFunc) report_json_certificate_from_json,
                                      g_object_unref,
                                      (AddFunc) sti_mta_sts_evidence_add_certificate, self, error))
    return FALSE;
  if (!report_json_read_bool_into (obj, "certificate_verified", path,
                                   (SetBoolFunc) sti_mta_sts_evidence_set_certificate_verified,
                                   self, error))
    return FALSE;
  if (!report_json_read_strv_into (obj, "certificate_errors", path,
                                   (SetStrvFunc) sti_mta_sts_evidence_set_certificate_errors,
                                   self, error))
    return FALSE;
  if (!report_json_read_string (obj, "body", TRUE, path, &body, error))
    return FALSE;
  if (body != NULL && strlen (body) > STI_MTA_STS_EVIDENCE_MAX_BODY)
    return report_json_fail (error, path, "body", "longer than a policy can be");
  sti_mta_sts_evidence_set_body (self, body);

  return TRUE;
}

/* What the policy said, what it matched and what is suggested. */
static gboolean
read_policy (JsonObject         *obj,
             const char         *path,
             StiMtaStsEvidence  *self,
             GError            **error)
{
  const char *mode = NULL;
  const char *source = NULL;
  gint64 max_age = 0;
  gint64 suggested = 0;

  if (!read_word (obj, "mode", TRUE, modes, path, &mode, error))
    return FALSE;
  sti_mta_sts_evidence_set_mode (self, mode);
  if (!report_json_read_int (obj, "max_age", -1, MAX_AGE_LIMIT, path, &max_age, error))
    return FALSE;
  sti_mta_sts_evidence_set_max_age (self, max_age);
  if (!report_json_read_object_array (obj, "mx", path,
                                      (FromJsonFunc) pattern_from_json,
                                      (GDestroyNotify) pattern_item_free,
                                      (AddFunc) add_pattern, self, error))
    return FALSE;
  if (!report_json_read_strv_into (obj, "unmatched_hosts", path,
                                   (SetStrvFunc) sti_mta_sts_evidence_set_unmatched_hosts,
                                   self, error))
    return FALSE;
  if (!report_json_read_int (obj, "suggested_max_age", 0, MAX_AGE_LIMIT, path, &suggested, error))
    return FALSE;
  if (!read_word (obj, "suggested_max_age_source", FALSE, max_age_sources, path, &source, error))
    return FALSE;
  sti_mta_sts_evidence_set_suggested_max_age (self, suggested, source);

  return TRUE;
}

/**
 * report_json_mta_sts_from_json:
 * @report: the report object
 * @path: its path, for errors
 * @out: (out) (transfer full) (nullable): the fetch; %NULL when the member
 *   is null or absent
 *
 * Returns: %FALSE with @error set when the member is not valid
 */
gboolean
report_json_mta_sts_from_json (JsonObject         *report,
                               const char         *path,
                               StiMtaStsEvidence **out,
                               GError            **error)
{
  g_autoptr(StiMtaStsEvidence) self = NULL;
  g_autofree char *member_path = NULL;
  JsonNode *node = json_object_get_member (report, "mta_sts");
  JsonObject *obj;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return report_json_fail (error, path, "mta_sts", "expected an object or null");

  obj = json_node_get_object (node);
  member_path = g_strdup_printf ("%s.mta_sts", path);
  self = sti_mta_sts_evidence_new ();
  if (!read_answer (obj, member_path, self, error) ||
      !read_policy (obj, member_path, self, error))
    return FALSE;

  *out = g_steal_pointer (&self);
  return TRUE;
}
