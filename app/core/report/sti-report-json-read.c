/* sti-report-json-read.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-report-clean.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <string.h>

/* Readers of report members. Each checks presence and type and names the
 * path on error. */

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *key,
      const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "Invalid report: %s%s%s: %s",
               path, key != NULL ? "." : "", key != NULL ? key : "", what);
  return FALSE;
}

/* For the readers of other members (sti-report-json-mta-sts.c). */
gboolean
report_json_fail (GError     **error,
                  const char  *path,
                  const char  *key,
                  const char  *what)
{
  return fail (error, path, key, what);
}

gpointer
report_json_bad_value (GError     **error,
                       const char  *path,
                       const char  *key)
{
  fail (error, path, key, "unknown value");
  return NULL;
}

static JsonNode *
get_member (JsonObject  *obj,
            const char  *key,
            const char  *path,
            GError     **error)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node == NULL)
    fail (error, path, key, "missing");

  return node;
}

gboolean
report_json_read_string (JsonObject  *obj,
                         const char  *key,
                         gboolean     nullable,
                         const char  *path,
                         const char **out,
                         GError     **error)
{
  JsonNode *node = get_member (obj, key, path, error);

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return fail (error, path, key, "must not be null");
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (error, path, key, "expected a string");

  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
report_json_read_int (JsonObject  *obj,
                      const char  *key,
                      gint64       min,
                      gint64       max,
                      const char  *path,
                      gint64      *out,
                      GError     **error)
{
  JsonNode *node = get_member (obj, key, path, error);
  gint64 value;

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (error, path, key, "expected an integer");

  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, path, key, "integer out of range");

  *out = value;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *obj,
           const char  *key,
           const char  *path,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = get_member (obj, key, path, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (error, path, key, "expected true or false");

  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *obj,
            const char  *key,
            const char  *path,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = get_member (obj, key, path, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, path, key, "expected an array");

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *obj,
             const char  *key,
             const char  *path,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = get_member (obj, key, path, error);

  if (node == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, path, key, "expected an object");

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
array_object (JsonArray   *array,
              guint        index,
              const char  *item_path,
              JsonObject **out,
              GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, item_path, NULL, "expected an object");

  *out = json_node_get_object (node);
  return TRUE;
}

/* Reads the array @key of objects, builds each item with @from_json and
 * hands it to @add, which keeps its own reference or copy. */
gboolean
report_json_read_object_array (JsonObject      *obj,
                               const char      *key,
                               const char      *path,
                               FromJsonFunc     from_json,
                               GDestroyNotify   free_item,
                               AddFunc          add,
                               gpointer         self,
                               GError         **error)
{
  JsonArray *array = NULL;

  if (!read_array (obj, key, path, &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s.%s[%u]", path, key, i);
      JsonObject *item_obj = NULL;
      gpointer item;

      if (!array_object (array, i, item_path, &item_obj, error))
        return FALSE;
      item = from_json (item_obj, item_path, error);
      if (item == NULL)
        return FALSE;
      add (self, item);
      free_item (item);
    }

  return TRUE;
}

static gboolean
strv_from_array (JsonArray   *array,
                 const char  *path,
                 const char  *key,
                 GStrv       *out,
                 GError     **error)
{
  guint n = json_array_get_length (array);
  g_auto(GStrv) strv = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fail (error, path, key, "expected an array of strings");

      strv[i] = g_strdup (json_node_get_string (node));
    }

  *out = g_steal_pointer (&strv);
  return TRUE;
}

static gboolean
read_strv (JsonObject  *obj,
           const char  *key,
           const char  *path,
           GStrv       *out,
           GError     **error)
{
  JsonArray *array = NULL;

  if (!read_array (obj, key, path, &array, error))
    return FALSE;

  return strv_from_array (array, path, key, out, error);
}

gboolean
report_json_read_string_into (JsonObject     *obj,
                              const char     *key,
                              gboolean        nullable,
                              const char     *path,
                              SetStringFunc   set,
                              gpointer        self,
                              GError        **error)
{
  const char *value = NULL;

  if (!report_json_read_string (obj, key, nullable, path, &value, error))
    return FALSE;

  set (self, value);
  return TRUE;
}

gboolean
report_json_read_bool_into (JsonObject   *obj,
                            const char   *key,
                            const char   *path,
                            SetBoolFunc   set,
                            gpointer      self,
                            GError      **error)
{
  gboolean value = FALSE;

  if (!read_bool (obj, key, path, &value, error))
    return FALSE;

  set (self, value);
  return TRUE;
}

gboolean
report_json_read_strv_into (JsonObject   *obj,
                            const char   *key,
                            const char   *path,
                            SetStrvFunc   set,
                            gpointer      self,
                            GError      **error)
{
  g_auto(GStrv) value = NULL;

  if (!read_strv (obj, key, path, &value, error))
    return FALSE;

  set (self, (const char * const *)value);
  return TRUE;
}

gboolean
report_json_read_date_time (JsonObject  *obj,
                            const char  *key,
                            gboolean     nullable,
                            const char  *path,
                            GDateTime  **out,
                            GError     **error)
{
  const char *str = NULL;

  if (!report_json_read_string (obj, key, nullable, path, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  *out = g_date_time_new_from_iso8601 (str, NULL);
  if (*out == NULL)
    return fail (error, path, key, "expected an ISO 8601 date with a time zone");

  return TRUE;
}

static gboolean
decode_base64 (const char  *str,
               const char  *path,
               const char  *key,
               GBytes     **out,
               GError     **error)
{
  gsize len = strlen (str);
  guchar *data;
  gsize out_len = 0;

  /* g_base64_decode() accepts anything; the schema does not. */
  if (len % 4 != 0)
    return fail (error, path, key, "invalid base64");
  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];

      if (!g_ascii_isalnum (c) && c != '+' && c != '/' &&
          !(c == '=' && i >= len - 2))
        return fail (error, path, key, "invalid base64");
    }

  data = len > 0 ? g_base64_decode (str, &out_len) : NULL;
  *out = g_bytes_new_take (data, out_len);
  return TRUE;
}

gboolean
report_json_read_bytes (JsonObject  *obj,
                        const char  *key,
                        gboolean     nullable,
                        const char  *path,
                        GBytes     **out,
                        GError     **error)
{
  const char *str = NULL;

  if (!report_json_read_string (obj, key, nullable, path, &str, error))
    return FALSE;

  if (str == NULL)
    {
      *out = NULL;
      return TRUE;
    }

  return decode_base64 (str, path, key, out, error);
}

static gboolean
vardict_from_json (JsonObject  *obj,
                   const char  *path,
                   GVariant   **out,
                   GError     **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (obj, key);
      GVariant *value = NULL;

      if (!g_utf8_validate (key, -1, NULL))
        return fail (error, path, NULL, "invalid key");

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          g_auto(GStrv) strv = NULL;

          if (!strv_from_array (json_node_get_array (node), path, key, &strv, error))
            return FALSE;
          value = g_variant_new_strv ((const char * const *)strv, -1);
        }
      else if (JSON_NODE_HOLDS_VALUE (node))
        {
          switch (json_node_get_value_type (node) == G_TYPE_INT64 ? 0 :
                  json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 1 :
                  json_node_get_value_type (node) == G_TYPE_STRING ? 2 :
                  json_node_get_value_type (node) == G_TYPE_DOUBLE ? 3 : 4)
            {
            case 0:
              value = g_variant_new_int64 (json_node_get_int (node));
              break;
            case 1:
              value = g_variant_new_boolean (json_node_get_boolean (node));
              break;
            case 2:
              value = g_variant_new_string (json_node_get_string (node));
              break;
            case 3:
              value = g_variant_new_double (json_node_get_double (node));
              break;
            default:
              break;
            }
        }

      if (value == NULL)
        return fail (error, path, key, "expected a number, string, boolean or array of strings");

      g_variant_builder_add (&builder, "{sv}", key, value);
    }

  *out = g_variant_ref_sink (g_variant_builder_end (&builder));
  return TRUE;
}

gboolean
report_json_read_vardict (JsonObject  *obj,
                          const char  *key,
                          const char  *path,
                          GVariant   **out,
                          GError     **error)
{
  g_autofree char *sub_path = g_strdup_printf ("%s.%s", path, key);
  JsonObject *sub = NULL;

  if (!read_object (obj, key, path, &sub, error))
    return FALSE;

  return vardict_from_json (sub, sub_path, out, error);
}

gboolean
report_json_read_timings (JsonObject  *obj,
                          const char  *key,
                          const char  *path,
                          StiTimings  *out,
                          GError     **error)
{
  g_autofree char *sub_path = g_strdup_printf ("%s.%s", path, key);
  JsonObject *sub = NULL;

  if (!read_object (obj, key, path, &sub, error))
    return FALSE;

  return report_json_read_int (sub, "connect_us", -1, G_MAXINT64, sub_path, &out->connect_us,
                               error) &&
         report_json_read_int (sub, "greeting_us", -1, G_MAXINT64, sub_path, &out->greeting_us,
                               error) &&
         report_json_read_int (sub, "ehlo_us", -1, G_MAXINT64, sub_path, &out->ehlo_us, error) &&
         report_json_read_int (sub, "starttls_us", -1, G_MAXINT64, sub_path, &out->starttls_us,
                               error) &&
         report_json_read_int (sub, "handshake_us", -1, G_MAXINT64, sub_path,
                               &out->handshake_us, error) &&
         report_json_read_int (sub, "total_us", -1, G_MAXINT64, sub_path, &out->total_us, error);
}

StiTranscriptLine *
report_json_transcript_line_from_json (JsonObject  *obj,
                                       const char  *path,
                                       GError     **error)
{
  g_autoptr(GBytes) raw = NULL;
  const char *kind_str = NULL;
  StiTranscriptKind kind;
  gint64 offset = 0;

  if (!report_json_read_int (obj, "offset_us", G_MININT64, G_MAXINT64, path, &offset, error) ||
      !report_json_read_string (obj, "kind", FALSE, path, &kind_str, error) ||
      !report_json_read_bytes (obj, "raw_base64", FALSE, path, &raw, error))
    return NULL;

  if (!sti_transcript_kind_from_string (kind_str, &kind))
    return report_json_bad_value (error, path, "kind");

  return sti_transcript_line_new (offset, kind, raw);
}

StiCertificate *
report_json_certificate_from_json (JsonObject  *obj,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) local_error = NULL;
  StiCertificate *cert;

  if (!report_json_read_bytes (obj, "der_base64", FALSE, path, &der, error))
    return NULL;

  cert = sti_certificate_new_from_der (der, &local_error);
  if (cert == NULL)
    fail (error, path, "der_base64", local_error->message);

  return cert;
}

/* One link of the chain as built: its origin, its place in the chain as
 * sent (an integer exactly when it was sent) and the certificate. Whether
 * that place holds the same certificate is the loader's check. */
StiChainLink *
report_json_chain_link_from_json (JsonObject  *obj,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(StiCertificate) cert = NULL;
  g_autofree char *cert_path = g_strdup_printf ("%s.certificate", path);
  JsonObject *cert_obj = NULL;
  JsonNode *position;
  const char *origin_str = NULL;
  StiChainOrigin origin;
  gint64 sent_position = -1;

  if (!report_json_read_string (obj, "origin", FALSE, path, &origin_str, error))
    return NULL;
  if (!sti_chain_origin_from_string (origin_str, &origin))
    return report_json_bad_value (error, path, "origin");

  position = get_member (obj, "sent_position", path, error);
  if (position == NULL)
    return NULL;
  if (origin != STI_CHAIN_ORIGIN_SENT && !JSON_NODE_HOLDS_NULL (position))
    {
      fail (error, path, "sent_position", "must be null for a certificate that was not sent");
      return NULL;
    }
  if (origin == STI_CHAIN_ORIGIN_SENT &&
      !report_json_read_int (obj, "sent_position", 0, G_MAXINT, path, &sent_position, error))
    return NULL;

  if (!read_object (obj, "certificate", path, &cert_obj, error))
    return NULL;
  cert = report_json_certificate_from_json (cert_obj, cert_path, error);
  if (cert == NULL)
    return NULL;

  return sti_chain_link_new (cert, origin, sent_position);
}

/* A member written for readers and recomputed on load (the verdict):
 * optional, and when present it must at least be an object. */
gboolean
report_json_accept_output_object (JsonObject  *obj,
                                  const char  *key,
                                  const char  *path,
                                  GError     **error)
{
  JsonObject *ignored = NULL;

  if (!json_object_has_member (obj, key))
    return TRUE;

  return read_object (obj, key, path, &ignored, error);
}

/* Reports written before multi-line params kept their line breaks hold
 * them as the sanitized "\x0A" (an escaped backslash is "\\", so one
 * "\x0A" is always a line break); they read as lines again. */
static char *
legacy_lines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == '\\')
        g_string_append_len (out, p++, 2);
      else if (p[0] == '\\' && strncmp (p + 1, "x0A", 3) == 0)
        {
          g_string_append_c (out, '\n');
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static GVariant *
upgrade_multiline_params (GVariant *params)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      if (sti_finding_param_is_multiline (key) &&
          g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          g_autofree char *lines = legacy_lines (g_variant_get_string (value, NULL));

          g_variant_builder_add (&builder, "{sv}", key, g_variant_new_string (lines));
        }
      else
        g_variant_builder_add (&builder, "{sv}", key, value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

StiFinding *
report_json_finding_from_json (JsonObject  *obj,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(GVariant) params = NULL;
  const char *id = NULL;
  const char *severity_str = NULL;
  const char *detail = NULL;
  g_autofree char *clean_detail = NULL;
  StiSeverity severity;

  if (!report_json_read_string (obj, "id", FALSE, path, &id, error) ||
      !report_json_read_string (obj, "severity", FALSE, path, &severity_str, error) ||
      !report_json_read_string (obj, "detail", FALSE, path, &detail, error) ||
      !report_json_read_vardict (obj, "params", path, &params, error))
    return NULL;

  if (id[0] == '\0')
    return report_json_bad_value (error, path, "id");
  if (!sti_severity_from_string (severity_str, &severity))
    return report_json_bad_value (error, path, "severity");

  clean_detail = sti_text_clean (detail);
  {
    g_autoptr(GVariant) upgraded = upgrade_multiline_params (params);
    g_autofree char *clean_id = sti_text_clean (id);

    return sti_finding_new_with_severity (clean_id, severity, upgraded, clean_detail);
  }
}
