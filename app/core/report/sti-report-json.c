/* sti-report-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json.h"

#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <string.h>

/* JSON is the canonical serialization of the report model (DESIGN.md, Data
 * flow); docs/json-schema.md is its contract. Loading is strict: schema name
 * and version, every member's type, required members. Anything else gives a
 * GError naming the member path, and never a half-built report: objects are
 * built bottom-up and only returned whole.
 *
 * Certificates carry their DER; their summary fields are written for
 * readers of the file but re-derived from the DER on load. Transcript lines
 * carry their exact bytes (raw_base64) and a sanitized text for readers. */

/* Deeper than any report can be; json-glib's parser recurses, so hostile
 * nesting is refused before parsing. */
#define MAX_DEPTH 32
/* A report with every byte of evidence stays far below this. */
#define MAX_SIZE (256 * 1024 * 1024)

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

static gpointer
bad_value (GError     **error,
           const char  *path,
           const char  *key)
{
  fail (error, path, key, "unknown value");
  return NULL;
}

static JsonNode *
take_object (JsonObject *obj)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), obj);

  json_object_unref (obj);
  return node;
}

static void
set_string (JsonObject *obj,
            const char *key,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, key, value);
  else
    json_object_set_null_member (obj, key);
}

static JsonArray *
strv_to_json (const char * const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

static void
set_date_time (JsonObject *obj,
               const char *key,
               GDateTime  *value)
{
  if (value != NULL)
    {
      g_autofree char *str = g_date_time_format_iso8601 (value);

      json_object_set_string_member (obj, key, str);
    }
  else
    json_object_set_null_member (obj, key);
}

static char *
base64_of (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return g_base64_encode (data, len);
}

static void
set_bytes (JsonObject *obj,
           const char *key,
           GBytes     *value)
{
  if (value != NULL)
    {
      g_autofree char *str = base64_of (value);

      json_object_set_string_member (obj, key, str);
    }
  else
    json_object_set_null_member (obj, key);
}

/* a{sv} -> object. The model keeps a{sv} canonical (integers as int64;
 * int64, double, boolean, string, string array; see
 * sti_report_canonical_vardict()), so this maps one to one. */
static JsonObject *
vardict_to_json (GVariant *dict)
{
  JsonObject *obj = json_object_new ();
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        json_object_set_int_member (obj, key, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        json_object_set_int_member (obj, key, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        json_object_set_int_member (obj, key, g_variant_get_uint32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT16))
        json_object_set_int_member (obj, key, g_variant_get_int16 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
        json_object_set_int_member (obj, key, g_variant_get_uint16 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE))
        json_object_set_int_member (obj, key, g_variant_get_byte (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        json_object_set_boolean_member (obj, key, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        json_object_set_double_member (obj, key, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        json_object_set_string_member (obj, key, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **strv = g_variant_get_strv (value, NULL);

          json_object_set_array_member (obj, key, strv_to_json (strv));
        }
      else
        {
          g_autofree char *text = g_variant_print (value, TRUE);

          json_object_set_string_member (obj, key, text);
        }

      g_variant_unref (value);
    }

  return obj;
}

static JsonObject *
timings_to_json (const StiTimings *timings)
{
  JsonObject *obj = json_object_new ();

  json_object_set_int_member (obj, "connect_us", timings->connect_us);
  json_object_set_int_member (obj, "greeting_us", timings->greeting_us);
  json_object_set_int_member (obj, "ehlo_us", timings->ehlo_us);
  json_object_set_int_member (obj, "starttls_us", timings->starttls_us);
  json_object_set_int_member (obj, "handshake_us", timings->handshake_us);
  json_object_set_int_member (obj, "total_us", timings->total_us);

  return obj;
}

static JsonArray *
transcript_to_json (GPtrArray *lines)
{
  JsonArray *array = json_array_sized_new (lines->len);

  for (guint i = 0; i < lines->len; i++)
    {
      const StiTranscriptLine *line = g_ptr_array_index (lines, i);
      JsonObject *obj = json_object_new ();
      g_autofree char *text = sti_text_sanitize_bytes (line->raw);
      g_autofree char *raw = base64_of (line->raw);

      json_object_set_int_member (obj, "offset_us", line->offset_us);
      json_object_set_string_member (obj, "kind", sti_transcript_kind_to_string (line->kind));
      json_object_set_string_member (obj, "text", text);
      json_object_set_string_member (obj, "raw_base64", raw);
      json_array_add_object_element (array, obj);
    }

  return array;
}

static JsonNode *
certificate_to_json (StiCertificate *cert)
{
  JsonObject *obj = json_object_new ();
  g_autofree char *der = base64_of (sti_certificate_get_der (cert));

  json_object_set_string_member (obj, "der_base64", der);
  set_string (obj, "subject", sti_certificate_get_subject (cert));
  set_string (obj, "issuer", sti_certificate_get_issuer (cert));
  set_string (obj, "subject_cn", sti_certificate_get_subject_cn (cert));
  json_object_set_array_member (obj,
                                "dns_names",
                                strv_to_json (sti_certificate_get_dns_names (cert)));
  json_object_set_boolean_member (obj, "has_nul_in_dns_name",
                                  sti_certificate_get_has_nul_in_dns_name (cert));
  set_date_time (obj, "not_before", sti_certificate_get_not_before (cert));
  set_date_time (obj, "not_after", sti_certificate_get_not_after (cert));
  set_string (obj, "serial", sti_certificate_get_serial (cert));
  set_string (obj, "public_key_algorithm", sti_certificate_get_public_key_algorithm (cert));
  json_object_set_int_member (obj, "public_key_bits", sti_certificate_get_public_key_bits (cert));
  set_string (obj, "curve", sti_certificate_get_curve (cert));
  set_string (obj, "signature_algorithm", sti_certificate_get_signature_algorithm (cert));
  json_object_set_boolean_member (obj, "is_ca", sti_certificate_get_is_ca (cert));
  json_object_set_boolean_member (obj, "is_self_signed", sti_certificate_get_is_self_signed (cert));
  set_string (obj, "sha256_fingerprint", sti_certificate_get_sha256_fingerprint (cert));
  set_string (obj, "spki_sha256", sti_certificate_get_spki_sha256 (cert));

  return take_object (obj);
}

static JsonNode *
finding_to_json (StiFinding *finding)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", sti_finding_get_id (finding));
  json_object_set_string_member (obj, "severity",
                                 sti_severity_to_string (sti_finding_get_severity (finding)));
  json_object_set_string_member (obj, "detail", sti_finding_get_detail (finding));
  json_object_set_object_member (obj, "params", vardict_to_json (sti_finding_get_params (finding)));

  return take_object (obj);
}

/* The model's per-type to_json functions take their own type; the cast
 * matches GLib's own GDestroyNotify idiom. */
typedef JsonNode *(*ToJsonFunc) (gpointer item);

static JsonArray *
objects_to_json (GPtrArray  *items,
                 ToJsonFunc  to_json)
{
  JsonArray *array = json_array_sized_new (items->len);

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, to_json (g_ptr_array_index (items, i)));

  return array;
}

/* Readers. Each checks presence and type and names the path on error. */

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

static gboolean
read_string (JsonObject  *obj,
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

static gboolean
read_int (JsonObject  *obj,
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

/* As with ToJsonFunc, the per-type functions are cast to these. */
typedef gpointer (*FromJsonFunc) (JsonObject  *obj,
                                  const char  *path,
                                  GError     **error);
typedef void (*AddFunc) (gpointer self,
                         gpointer item);

/* Reads the array @key of objects, builds each item with @from_json and
 * hands it to @add, which keeps its own reference or copy. */
static gboolean
read_object_array (JsonObject      *obj,
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

/* Read one member and hand it to the model's setter; the setters are cast
 * to these as with ToJsonFunc. */
typedef void (*SetStringFunc) (gpointer    self,
                               const char *value);
typedef void (*SetBoolFunc) (gpointer self,
                             gboolean value);
typedef void (*SetStrvFunc) (gpointer            self,
                             const char * const *value);

static gboolean
read_string_into (JsonObject     *obj,
                  const char     *key,
                  gboolean        nullable,
                  const char     *path,
                  SetStringFunc   set,
                  gpointer        self,
                  GError        **error)
{
  const char *value = NULL;

  if (!read_string (obj, key, nullable, path, &value, error))
    return FALSE;

  set (self, value);
  return TRUE;
}

static gboolean
read_bool_into (JsonObject   *obj,
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

static gboolean
read_strv_into (JsonObject   *obj,
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

static gboolean
read_date_time (JsonObject  *obj,
                const char  *key,
                gboolean     nullable,
                const char  *path,
                GDateTime  **out,
                GError     **error)
{
  const char *str = NULL;

  if (!read_string (obj, key, nullable, path, &str, error))
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

static gboolean
read_bytes (JsonObject  *obj,
            const char  *key,
            gboolean     nullable,
            const char  *path,
            GBytes     **out,
            GError     **error)
{
  const char *str = NULL;

  if (!read_string (obj, key, nullable, path, &str, error))
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

static gboolean
read_vardict (JsonObject  *obj,
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

static gboolean
read_timings (JsonObject  *obj,
              const char  *key,
              const char  *path,
              StiTimings  *out,
              GError     **error)
{
  g_autofree char *sub_path = g_strdup_printf ("%s.%s", path, key);
  JsonObject *sub = NULL;

  if (!read_object (obj, key, path, &sub, error))
    return FALSE;

  return read_int (sub, "connect_us", -1, G_MAXINT64, sub_path, &out->connect_us, error) &&
         read_int (sub, "greeting_us", -1, G_MAXINT64, sub_path, &out->greeting_us, error) &&
         read_int (sub, "ehlo_us", -1, G_MAXINT64, sub_path, &out->ehlo_us, error) &&
         read_int (sub, "starttls_us", -1, G_MAXINT64, sub_path, &out->starttls_us, error) &&
         read_int (sub, "handshake_us", -1, G_MAXINT64, sub_path, &out->handshake_us, error) &&
         read_int (sub, "total_us", -1, G_MAXINT64, sub_path, &out->total_us, error);
}

static StiTranscriptLine *
transcript_line_from_json (JsonObject  *obj,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GBytes) raw = NULL;
  const char *kind_str = NULL;
  StiTranscriptKind kind;
  gint64 offset = 0;

  if (!read_int (obj, "offset_us", G_MININT64, G_MAXINT64, path, &offset, error) ||
      !read_string (obj, "kind", FALSE, path, &kind_str, error) ||
      !read_bytes (obj, "raw_base64", FALSE, path, &raw, error))
    return NULL;

  if (!sti_transcript_kind_from_string (kind_str, &kind))
    return bad_value (error, path, "kind");

  return sti_transcript_line_new (offset, kind, raw);
}

static StiCertificate *
certificate_from_json (JsonObject  *obj,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GBytes) der = NULL;
  g_autoptr(GError) local_error = NULL;
  StiCertificate *cert;

  if (!read_bytes (obj, "der_base64", FALSE, path, &der, error))
    return NULL;

  cert = sti_certificate_new_from_der (der, &local_error);
  if (cert == NULL)
    fail (error, path, "der_base64", local_error->message);

  return cert;
}

static StiFinding *
finding_from_json (JsonObject  *obj,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GVariant) params = NULL;
  const char *id = NULL;
  const char *severity_str = NULL;
  const char *detail = NULL;
  g_autofree char *clean_detail = NULL;
  StiSeverity severity;

  if (!read_string (obj, "id", FALSE, path, &id, error) ||
      !read_string (obj, "severity", FALSE, path, &severity_str, error) ||
      !read_string (obj, "detail", FALSE, path, &detail, error) ||
      !read_vardict (obj, "params", path, &params, error))
    return NULL;

  if (id[0] == '\0')
    return bad_value (error, path, "id");
  if (!sti_severity_from_string (severity_str, &severity))
    return bad_value (error, path, "severity");

  clean_detail = sti_report_clean_text (detail);
  {
    g_autofree char *clean_id = sti_report_clean_text (id);

    return sti_finding_new_with_severity (clean_id, severity, params, clean_detail);
  }
}

static JsonNode *
dns_evidence_to_json (StiDnsEvidence *self)
{
  JsonObject *obj = json_object_new ();

  set_string (obj, "qname", sti_dns_evidence_get_qname (self));
  set_string (obj, "qtype", sti_dns_evidence_get_qtype (self));
  set_string (obj, "result", sti_dns_evidence_get_result (self));
  json_object_set_int_member (obj, "rcode", sti_dns_evidence_get_rcode (self));
  json_object_set_int_member (obj, "ttl", sti_dns_evidence_get_ttl (self));
  json_object_set_string_member (obj,
                                 "dnssec",
                                 sti_dnssec_status_to_string (sti_dns_evidence_get_dnssec (self)));
  set_string (obj, "why_bogus", sti_dns_evidence_get_why_bogus (self));
  json_object_set_array_member (obj, "records", strv_to_json (sti_dns_evidence_get_records (self)));

  return take_object (obj);
}

static JsonNode *
endpoint_to_json (StiEndpointReport *self)
{
  JsonObject *obj = json_object_new ();

  set_string (obj, "host", sti_endpoint_report_get_host (self));
  set_string (obj, "address", sti_endpoint_report_get_address (self));
  json_object_set_int_member (obj, "port", sti_endpoint_report_get_port (self));
  set_string (obj, "family", sti_endpoint_report_get_family (self));
  json_object_set_boolean_member (obj, "reachable", sti_endpoint_report_get_reachable (self));
  json_object_set_string_member (obj,
                                 "stage",
                                 sti_stage_to_string (sti_endpoint_report_get_stage (self)));
  json_object_set_boolean_member (obj,
                                  "starttls_offered",
                                  sti_endpoint_report_get_starttls_offered (self));
  json_object_set_boolean_member (obj,
                                  "starttls_accepted",
                                  sti_endpoint_report_get_starttls_accepted (self));
  json_object_set_boolean_member (obj,
                                  "tls_established",
                                  sti_endpoint_report_get_tls_established (self));
  set_string (obj, "greeting", sti_endpoint_report_get_greeting (self));
  json_object_set_array_member (obj,
                                "caps_before",
                                strv_to_json (sti_endpoint_report_get_caps_before (self)));
  json_object_set_array_member (obj,
                                "caps_after",
                                strv_to_json (sti_endpoint_report_get_caps_after (self)));
  set_string (obj, "tls_version", sti_endpoint_report_get_tls_version (self));
  set_string (obj, "cipher_suite", sti_endpoint_report_get_cipher_suite (self));
  set_string (obj, "kx_group", sti_endpoint_report_get_kx_group (self));
  set_string (obj, "signature_algorithm", sti_endpoint_report_get_signature_algorithm (self));
  json_object_set_array_member (obj,
                                "chain",
                                objects_to_json (sti_endpoint_report_get_chain (self),
                                                 (ToJsonFunc) certificate_to_json));
  set_bytes (obj, "ocsp_response", sti_endpoint_report_get_ocsp_response (self));
  json_object_set_boolean_member (obj,
                                  "certificate_verified",
                                  sti_endpoint_report_get_certificate_verified (self));
  json_object_set_array_member (obj,
                                "transcript",
                                transcript_to_json (sti_endpoint_report_get_transcript (self)));
  json_object_set_object_member (obj,
                                 "timings",
                                 timings_to_json (sti_endpoint_report_get_timings (self)));
  json_object_set_array_member (obj,
                                "findings",
                                objects_to_json (sti_endpoint_report_get_findings (self),
                                                 (ToJsonFunc) finding_to_json));
  set_string (obj, "error_detail", sti_endpoint_report_get_error_detail (self));

  return take_object (obj);
}

static JsonNode *
host_to_json (StiHostReport *self)
{
  JsonObject *obj = json_object_new ();

  set_string (obj, "name", sti_host_report_get_name (self));
  set_string (obj, "name_unicode", sti_host_report_get_name_unicode (self));
  json_object_set_int_member (obj, "preference", sti_host_report_get_preference (self));
  json_object_set_boolean_member (obj, "implicit", sti_host_report_get_implicit (self));
  json_object_set_array_member (obj,
                                "endpoints",
                                objects_to_json (sti_host_report_get_endpoints (self),
                                                 (ToJsonFunc) endpoint_to_json));
  json_object_set_array_member (obj,
                                "findings",
                                objects_to_json (sti_host_report_get_findings (self),
                                                 (ToJsonFunc) finding_to_json));

  return take_object (obj);
}

static JsonNode *
domain_to_json (StiDomainReport *self)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "schema", STI_REPORT_SCHEMA_NAME);
  json_object_set_int_member (obj, "schema_version", sti_domain_report_get_schema_version (self));
  set_string (obj, "input", sti_domain_report_get_input (self));
  set_string (obj, "domain", sti_domain_report_get_domain (self));
  set_string (obj, "domain_unicode", sti_domain_report_get_domain_unicode (self));
  set_date_time (obj, "started_at", sti_domain_report_get_started_at (self));
  set_date_time (obj, "finished_at", sti_domain_report_get_finished_at (self));
  set_string (obj, "tool_version", sti_domain_report_get_tool_version (self));
  set_string (obj, "trust_store", sti_domain_report_get_trust_store (self));
  set_string (obj, "resolver", sti_domain_report_get_resolver (self));
  json_object_set_object_member (obj,
                                 "options",
                                 vardict_to_json (sti_domain_report_get_options (self)));
  json_object_set_array_member (obj,
                                "hosts",
                                objects_to_json (sti_domain_report_get_hosts (self),
                                                 (ToJsonFunc) host_to_json));
  json_object_set_array_member (obj,
                                "dns_evidence",
                                objects_to_json (sti_domain_report_get_dns_evidence (self),
                                                 (ToJsonFunc) dns_evidence_to_json));
  json_object_set_array_member (obj,
                                "findings",
                                objects_to_json (sti_domain_report_get_findings (self),
                                                 (ToJsonFunc) finding_to_json));
  json_object_set_array_member (obj,
                                "skipped",
                                strv_to_json (sti_domain_report_get_skipped (self)));

  return take_object (obj);
}

static StiDnsEvidence *
dns_evidence_from_json (JsonObject  *obj,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(StiDnsEvidence) self = sti_dns_evidence_new ();

  if (!read_string_into (obj, "qname", FALSE, path,
                         (SetStringFunc) sti_dns_evidence_set_qname, self, error))
    return NULL;
  if (!read_string_into (obj, "qtype", FALSE, path,
                         (SetStringFunc) sti_dns_evidence_set_qtype, self, error))
    return NULL;
  if (!read_string_into (obj, "result", FALSE, path,
                         (SetStringFunc) sti_dns_evidence_set_result, self, error))
    return NULL;
  {
    gint64 value = 0;

    if (!read_int (obj, "rcode", G_MININT, G_MAXINT, path, &value, error))
      return NULL;
    sti_dns_evidence_set_rcode (self, value);
  }
  {
    gint64 value = 0;

    if (!read_int (obj, "ttl", G_MININT64, G_MAXINT64, path, &value, error))
      return NULL;
    sti_dns_evidence_set_ttl (self, value);
  }
  {
    const char *value = NULL;
    StiDnssecStatus e;

    if (!read_string (obj, "dnssec", FALSE, path, &value, error))
      return NULL;
    if (!sti_dnssec_status_from_string (value, &e))
      return bad_value (error, path, "dnssec");
    sti_dns_evidence_set_dnssec (self, e);
  }
  if (!read_string_into (obj, "why_bogus", TRUE, path,
                         (SetStringFunc) sti_dns_evidence_set_why_bogus, self, error))
    return NULL;
  if (!read_strv_into (obj, "records", path,
                       (SetStrvFunc) sti_dns_evidence_set_records, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static StiEndpointReport *
endpoint_from_json (JsonObject  *obj,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(StiEndpointReport) self = sti_endpoint_report_new ();

  if (!read_string_into (obj, "host", FALSE, path,
                         (SetStringFunc) sti_endpoint_report_set_host, self, error))
    return NULL;
  if (!read_string_into (obj, "address", FALSE, path,
                         (SetStringFunc) sti_endpoint_report_set_address, self, error))
    return NULL;
  {
    gint64 value = 0;

    if (!read_int (obj, "port", 0, G_MAXUINT, path, &value, error))
      return NULL;
    sti_endpoint_report_set_port (self, value);
  }
  if (!read_string_into (obj, "family", FALSE, path,
                         (SetStringFunc) sti_endpoint_report_set_family, self, error))
    return NULL;
  if (!read_bool_into (obj, "reachable", path,
                       (SetBoolFunc) sti_endpoint_report_set_reachable, self, error))
    return NULL;
  {
    const char *value = NULL;
    StiStage e;

    if (!read_string (obj, "stage", FALSE, path, &value, error))
      return NULL;
    if (!sti_stage_from_string (value, &e))
      return bad_value (error, path, "stage");
    sti_endpoint_report_set_stage (self, e);
  }
  if (!read_bool_into (obj, "starttls_offered", path,
                       (SetBoolFunc) sti_endpoint_report_set_starttls_offered, self, error))
    return NULL;
  if (!read_bool_into (obj, "starttls_accepted", path,
                       (SetBoolFunc) sti_endpoint_report_set_starttls_accepted, self, error))
    return NULL;
  if (!read_bool_into (obj, "tls_established", path,
                       (SetBoolFunc) sti_endpoint_report_set_tls_established, self, error))
    return NULL;
  if (!read_string_into (obj, "greeting", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_greeting, self, error))
    return NULL;
  if (!read_strv_into (obj, "caps_before", path,
                       (SetStrvFunc) sti_endpoint_report_set_caps_before, self, error))
    return NULL;
  if (!read_strv_into (obj, "caps_after", path,
                       (SetStrvFunc) sti_endpoint_report_set_caps_after, self, error))
    return NULL;
  if (!read_string_into (obj, "tls_version", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_tls_version, self, error))
    return NULL;
  if (!read_string_into (obj, "cipher_suite", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_cipher_suite, self, error))
    return NULL;
  if (!read_string_into (obj, "kx_group", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_kx_group, self, error))
    return NULL;
  if (!read_string_into (obj, "signature_algorithm", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_signature_algorithm, self, error))
    return NULL;
  if (!read_object_array (obj, "chain", path,
                          (FromJsonFunc) certificate_from_json, g_object_unref,
                          (AddFunc) sti_endpoint_report_add_certificate, self, error))
    return NULL;
  {
    g_autoptr(GBytes) value = NULL;

    if (!read_bytes (obj, "ocsp_response", TRUE, path, &value, error))
      return NULL;
    sti_endpoint_report_set_ocsp_response (self, value);
  }
  if (!read_bool_into (obj, "certificate_verified", path,
                       (SetBoolFunc) sti_endpoint_report_set_certificate_verified, self, error))
    return NULL;
  if (!read_object_array (obj, "transcript", path,
                          (FromJsonFunc) transcript_line_from_json,
                          (GDestroyNotify) sti_transcript_line_free,
                          (AddFunc) sti_endpoint_report_add_transcript_line, self, error))
    return NULL;
  {
    StiTimings value = STI_TIMINGS_INIT;

    if (!read_timings (obj, "timings", path, &value, error))
      return NULL;
    sti_endpoint_report_set_timings (self, &value);
  }
  if (!read_object_array (obj, "findings", path,
                          (FromJsonFunc) finding_from_json, g_object_unref,
                          (AddFunc) sti_endpoint_report_add_finding, self, error))
    return NULL;
  if (!read_string_into (obj, "error_detail", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_error_detail, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static StiHostReport *
host_from_json (JsonObject  *obj,
                const char  *path,
                GError     **error)
{
  g_autoptr(StiHostReport) self = sti_host_report_new ();

  if (!read_string_into (obj, "name", FALSE, path,
                         (SetStringFunc) sti_host_report_set_name, self, error))
    return NULL;
  if (!read_string_into (obj, "name_unicode", FALSE, path,
                         (SetStringFunc) sti_host_report_set_name_unicode, self, error))
    return NULL;
  {
    gint64 value = 0;

    if (!read_int (obj, "preference", G_MININT, G_MAXINT, path, &value, error))
      return NULL;
    sti_host_report_set_preference (self, value);
  }
  if (!read_bool_into (obj, "implicit", path,
                       (SetBoolFunc) sti_host_report_set_implicit, self, error))
    return NULL;
  if (!read_object_array (obj, "endpoints", path,
                          (FromJsonFunc) endpoint_from_json, g_object_unref,
                          (AddFunc) sti_host_report_add_endpoint, self, error))
    return NULL;
  if (!read_object_array (obj, "findings", path,
                          (FromJsonFunc) finding_from_json, g_object_unref,
                          (AddFunc) sti_host_report_add_finding, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

static StiDomainReport *
domain_from_json (JsonObject  *obj,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(StiDomainReport) self = sti_domain_report_new ();

  if (!read_string_into (obj, "input", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_input, self, error))
    return NULL;
  if (!read_string_into (obj, "domain", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_domain, self, error))
    return NULL;
  if (!read_string_into (obj, "domain_unicode", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_domain_unicode, self, error))
    return NULL;
  {
    g_autoptr(GDateTime) value = NULL;

    if (!read_date_time (obj, "started_at", FALSE, path, &value, error))
      return NULL;
    sti_domain_report_set_started_at (self, value);
  }
  {
    g_autoptr(GDateTime) value = NULL;

    if (!read_date_time (obj, "finished_at", TRUE, path, &value, error))
      return NULL;
    sti_domain_report_set_finished_at (self, value);
  }
  if (!read_string_into (obj, "tool_version", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_tool_version, self, error))
    return NULL;
  if (!read_string_into (obj, "trust_store", TRUE, path,
                         (SetStringFunc) sti_domain_report_set_trust_store, self, error))
    return NULL;
  if (!read_string_into (obj, "resolver", TRUE, path,
                         (SetStringFunc) sti_domain_report_set_resolver, self, error))
    return NULL;
  {
    g_autoptr(GVariant) value = NULL;

    if (!read_vardict (obj, "options", path, &value, error))
      return NULL;
    sti_domain_report_set_options (self, value);
  }
  if (!read_object_array (obj, "hosts", path,
                          (FromJsonFunc) host_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_host, self, error))
    return NULL;
  if (!read_object_array (obj, "dns_evidence", path,
                          (FromJsonFunc) dns_evidence_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_dns_evidence, self, error))
    return NULL;
  if (!read_object_array (obj, "findings", path,
                          (FromJsonFunc) finding_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_finding, self, error))
    return NULL;
  if (!read_strv_into (obj, "skipped", path,
                       (SetStrvFunc) sti_domain_report_set_skipped, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sti_report_to_json:
 * @report: a report
 *
 * Returns: (transfer full): the report as a JSON object node
 */
JsonNode *
sti_report_to_json (StiDomainReport *report)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  return domain_to_json (report);
}

/**
 * sti_report_to_json_string:
 *
 * Returns: (transfer full): the report as UTF-8 JSON text
 */
char *
sti_report_to_json_string (StiDomainReport *report,
                           gboolean         pretty)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), NULL);

  root = sti_report_to_json (report);
  return json_to_string (root, pretty);
}

/**
 * sti_report_from_json:
 * @root: a JSON node, e.g. from a parser
 * @error: return location for a G_IO_ERROR_INVALID_DATA error
 *
 * Validates everything; a foreign, corrupt or newer-version document gives
 * an error naming the offending member, never a partial report.
 *
 * Returns: (transfer full) (nullable): the report
 */
StiDomainReport *
sti_report_from_json (JsonNode  *root,
                      GError   **error)
{
  JsonObject *obj;
  const char *schema = NULL;
  gint64 version = 0;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: the document is not a JSON object");
      return NULL;
    }

  obj = json_node_get_object (root);
  if (!json_object_has_member (obj, "schema") ||
      !read_string (obj, "schema", FALSE, "report", &schema, NULL) ||
      g_strcmp0 (schema, STI_REPORT_SCHEMA_NAME) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: no \"schema\": \""
                           STI_REPORT_SCHEMA_NAME "\" member");
      return NULL;
    }

  if (!read_int (obj, "schema_version", G_MININT64, G_MAXINT64, "report", &version, error))
    return NULL;

  if (version != STI_REPORT_SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "Report schema version %" G_GINT64_FORMAT " is not supported "
                   "(this version reads version %d)", version, STI_REPORT_SCHEMA_VERSION);
      return NULL;
    }

  return domain_from_json (obj, "report", error);
}

/* Refuses nesting deeper than MAX_DEPTH without parsing: json-glib's
 * parser recurses once per level. */
static gboolean
check_depth (const char *data,
             gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            return FALSE;
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/**
 * sti_report_load_from_data:
 * @data: JSON text (untrusted)
 * @len: its length, or -1 if NUL-terminated
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the report
 */
StiDomainReport *
sti_report_load_from_data (const char  *data,
                           gssize       len,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (data);

  if (len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: the file is empty");
      return NULL;
    }

  if (len > MAX_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The report is too large");
      return NULL;
    }

  if (memchr (data, '\0', len) != NULL || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: the file is not UTF-8 text");
      return NULL;
    }

  if (!check_depth (data, len))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Invalid report: nested too deeply");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The report is not valid JSON (truncated or corrupt?): %s",
                   local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: the file is empty");
      return NULL;
    }

  return sti_report_from_json (json_parser_get_root (parser), error);
}
