/* sti-report-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json.h"
#include "sti-report-json-private.h"

#include "sti-checklist.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-format.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"

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
 * carry their exact bytes (raw_base64) and a sanitized text for readers.
 *
 * This file writes; sti-report-json-load.c loads, with the member readers
 * of sti-report-json-read.c. */

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
      g_autofree char *text = sti_format_transcript_text (line);
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

/* For the writers of other members (sti-report-json-mta-sts.c). */
JsonNode *
report_json_certificate_to_json (StiCertificate *cert)
{
  return certificate_to_json (cert);
}

void
report_json_set_string (JsonObject *obj,
                        const char *key,
                        const char *value)
{
  set_string (obj, key, value);
}

JsonArray *
report_json_strv_to_json (const char * const *strv)
{
  return strv_to_json (strv);
}

static JsonNode *
chain_link_to_json (StiChainLink *link)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "origin", sti_chain_origin_to_string (link->origin));
  if (link->origin == STI_CHAIN_ORIGIN_SENT)
    json_object_set_int_member (obj, "sent_position", link->sent_position);
  else
    json_object_set_null_member (obj, "sent_position");
  json_object_set_member (obj, "certificate", certificate_to_json (link->certificate));

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
  json_object_set_array_member (obj,
                                "built_chain",
                                objects_to_json (sti_endpoint_report_get_built_chain (self),
                                                 (ToJsonFunc) chain_link_to_json));
  json_object_set_boolean_member (obj, "bare_lf", sti_endpoint_report_get_bare_lf (self));
  json_object_set_member (obj, "without_sni",
                          report_json_sni_to_json (sti_endpoint_report_get_without_sni (self)));
  json_object_set_array_member (obj, "dane_matches",
                                report_json_dane_to_json (
                                  sti_endpoint_report_get_dane_matches (self)));

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
  json_object_set_int_member (obj, "beyond_mx_cap", sti_host_report_get_beyond_mx_cap (self));

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
  {
    g_autoptr(GPtrArray) checklist = sti_checklist_new (self);

    json_object_set_member (obj, "checklist", sti_checklist_to_json (checklist));
  }
  json_object_set_member (obj, "mta_sts",
                          report_json_mta_sts_to_json (sti_domain_report_get_mta_sts (self)));

  return take_object (obj);
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
