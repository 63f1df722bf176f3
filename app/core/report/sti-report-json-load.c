/* sti-report-json-load.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-json-private.h"

#include "sti-check-target.h"
#include "sti-dns-answer.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-error-text.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"
#include "sti-text.h"

#include <gio/gio.h>
#include <string.h>

/* Loading is strict: schema name and version, every member's type,
 * required members. Anything else gives a GError naming the member path,
 * and never a half-built report: objects are built bottom-up and only
 * returned whole. */

/* A report with every byte of evidence stays far below this. */
#define MAX_SIZE (256 * 1024 * 1024)

static StiDnsEvidence *
dns_evidence_from_json (JsonObject  *obj,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(StiDnsEvidence) self = sti_dns_evidence_new ();

  if (!report_json_read_string_into (obj, "qname", FALSE, path,
                         (SetStringFunc) sti_dns_evidence_set_qname, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "qtype", FALSE, path,
                         (SetStringFunc) sti_dns_evidence_set_qtype, self, error))
    return NULL;
  {
    const char *value = NULL;

    /* The resolver's words (sti_dns_rcode_kind_to_string()), as documented. */
    if (!report_json_read_string (obj, "result", FALSE, path, &value, error))
      return NULL;
    if (!sti_dns_rcode_kind_from_string (value, NULL))
      return report_json_bad_value (error, path, "result");
    sti_dns_evidence_set_result (self, value);
  }
  {
    gint64 value = 0;

    if (!report_json_read_int (obj, "rcode", G_MININT, G_MAXINT, path, &value, error))
      return NULL;
    sti_dns_evidence_set_rcode (self, value);
  }
  {
    gint64 value = 0;

    /* A DNS TTL is an unsigned 32-bit number (RFC 1035 §3.2.1). */
    if (!report_json_read_int (obj, "ttl", 0, G_MAXUINT32, path, &value, error))
      return NULL;
    sti_dns_evidence_set_ttl (self, value);
  }
  {
    const char *value = NULL;
    StiDnssecStatus e;

    if (!report_json_read_string (obj, "dnssec", FALSE, path, &value, error))
      return NULL;
    if (!sti_dnssec_status_from_string (value, &e))
      return report_json_bad_value (error, path, "dnssec");
    sti_dns_evidence_set_dnssec (self, e);
  }
  if (!report_json_read_string_into (obj, "why_bogus", TRUE, path,
                         (SetStringFunc) sti_dns_evidence_set_why_bogus, self, error))
    return NULL;
  if (!report_json_read_strv_into (obj, "records", path,
                       (SetStrvFunc) sti_dns_evidence_set_records, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* The chain as built (optional: added within version 1). A link that says
 * it was sent must name a place of the chain as sent holding the same
 * certificate. */
static gboolean
built_chain_from_json (JsonObject         *obj,
                       const char         *path,
                       StiEndpointReport  *self,
                       GError            **error)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (self);
  GPtrArray *built;

  if (!json_object_has_member (obj, "built_chain"))
    return TRUE;
  if (!report_json_read_object_array (obj, "built_chain", path,
                          (FromJsonFunc) report_json_chain_link_from_json,
                          (GDestroyNotify) sti_chain_link_free,
                          (AddFunc) sti_endpoint_report_add_built_link, self, error))
    return FALSE;

  built = sti_endpoint_report_get_built_chain (self);
  for (guint i = 0; i < built->len; i++)
    {
      const StiChainLink *link = g_ptr_array_index (built, i);

      if (link->origin == STI_CHAIN_ORIGIN_SENT &&
          ((guint)link->sent_position >= chain->len ||
           !sti_certificate_equal (link->certificate,
                                   g_ptr_array_index (chain, link->sent_position))))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "Invalid report: %s.built_chain[%u].sent_position: "
                       "no such certificate in the chain as sent", path, i);
          return FALSE;
        }
    }

  return TRUE;
}

static StiEndpointReport *
endpoint_from_json (JsonObject  *obj,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(StiEndpointReport) self = sti_endpoint_report_new ();

  if (!report_json_read_string_into (obj, "host", FALSE, path,
                         (SetStringFunc) sti_endpoint_report_set_host, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "address", FALSE, path,
                         (SetStringFunc) sti_endpoint_report_set_address, self, error))
    return NULL;
  {
    gint64 value = 0;

    if (!report_json_read_int (obj, "port", 0, G_MAXUINT16, path, &value, error))
      return NULL;
    sti_endpoint_report_set_port (self, value);
  }
  {
    const char *value = NULL;

    if (!report_json_read_string (obj, "family", FALSE, path, &value, error))
      return NULL;
    if (!g_str_equal (value, "ipv4") && !g_str_equal (value, "ipv6"))
      return report_json_bad_value (error, path, "family");
    sti_endpoint_report_set_family (self, value);
  }
  if (!report_json_read_bool_into (obj, "reachable", path,
                       (SetBoolFunc) sti_endpoint_report_set_reachable, self, error))
    return NULL;
  {
    const char *value = NULL;
    StiStage e;

    if (!report_json_read_string (obj, "stage", FALSE, path, &value, error))
      return NULL;
    if (!sti_stage_from_string (value, &e))
      return report_json_bad_value (error, path, "stage");
    sti_endpoint_report_set_stage (self, e);
  }
  if (!report_json_read_bool_into (obj, "starttls_offered", path,
                       (SetBoolFunc) sti_endpoint_report_set_starttls_offered, self, error))
    return NULL;
  if (!report_json_read_bool_into (obj, "starttls_accepted", path,
                       (SetBoolFunc) sti_endpoint_report_set_starttls_accepted, self, error))
    return NULL;
  if (!report_json_read_bool_into (obj, "tls_established", path,
                       (SetBoolFunc) sti_endpoint_report_set_tls_established, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "greeting", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_greeting, self, error))
    return NULL;
  if (!report_json_read_strv_into (obj, "caps_before", path,
                       (SetStrvFunc) sti_endpoint_report_set_caps_before, self, error))
    return NULL;
  if (!report_json_read_strv_into (obj, "caps_after", path,
                       (SetStrvFunc) sti_endpoint_report_set_caps_after, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "tls_version", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_tls_version, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "cipher_suite", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_cipher_suite, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "kx_group", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_kx_group, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "signature_algorithm", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_signature_algorithm, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "chain", path,
                          (FromJsonFunc) report_json_certificate_from_json, g_object_unref,
                          (AddFunc) sti_endpoint_report_add_certificate, self, error))
    return NULL;
  {
    g_autoptr(GBytes) value = NULL;

    if (!report_json_read_bytes (obj, "ocsp_response", TRUE, path, &value, error))
      return NULL;
    sti_endpoint_report_set_ocsp_response (self, value);
  }
  if (!report_json_read_bool_into (obj, "certificate_verified", path,
                       (SetBoolFunc) sti_endpoint_report_set_certificate_verified, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "transcript", path,
                          (FromJsonFunc) report_json_transcript_line_from_json,
                          (GDestroyNotify) sti_transcript_line_free,
                          (AddFunc) sti_endpoint_report_add_transcript_line, self, error))
    return NULL;
  {
    StiTimings value = STI_TIMINGS_INIT;

    if (!report_json_read_timings (obj, "timings", path, &value, error))
      return NULL;
    sti_endpoint_report_set_timings (self, &value);
  }
  if (!report_json_read_object_array (obj, "findings", path,
                          (FromJsonFunc) report_json_finding_from_json, g_object_unref,
                          (AddFunc) sti_endpoint_report_add_finding, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "error_detail", TRUE, path,
                         (SetStringFunc) sti_endpoint_report_set_error_detail, self, error))
    return NULL;
  if (!built_chain_from_json (obj, path, self, error))
    return NULL;
  /* Optional: reports written before it was recorded lack it. */
  if (json_object_has_member (obj, "bare_lf") &&
      !report_json_read_bool_into (obj, "bare_lf", path,
                                   (SetBoolFunc) sti_endpoint_report_set_bare_lf, self, error))
    return NULL;
  {
    g_autoptr(StiSniComparison) value = NULL;

    if (!report_json_sni_from_json (obj, path, &value, error))
      return NULL;
    sti_endpoint_report_set_without_sni (self, value);
  }
  if (!report_json_dane_from_json (obj, path, self, error))
    return NULL;
  if (!report_json_accept_output_object (obj, "verdict", path, error))
    return NULL;

  return g_steal_pointer (&self);
}

static StiHostReport *
host_from_json (JsonObject  *obj,
                const char  *path,
                GError     **error)
{
  g_autoptr(StiHostReport) self = sti_host_report_new ();

  if (!report_json_read_string_into (obj, "name", FALSE, path,
                         (SetStringFunc) sti_host_report_set_name, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "name_unicode", FALSE, path,
                         (SetStringFunc) sti_host_report_set_name_unicode, self, error))
    return NULL;
  {
    gint64 value = 0;

    if (!report_json_read_int (obj, "preference", G_MININT, G_MAXINT, path, &value, error))
      return NULL;
    sti_host_report_set_preference (self, value);
  }
  if (!report_json_read_bool_into (obj, "implicit", path,
                       (SetBoolFunc) sti_host_report_set_implicit, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "endpoints", path,
                          (FromJsonFunc) endpoint_from_json, g_object_unref,
                          (AddFunc) sti_host_report_add_endpoint, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "findings", path,
                          (FromJsonFunc) report_json_finding_from_json, g_object_unref,
                          (AddFunc) sti_host_report_add_finding, self, error))
    return NULL;
  /* Optional: reports written before it was recorded lack it. */
  if (json_object_has_member (obj, "beyond_mx_cap"))
    {
      gint64 value = 0;

      if (!report_json_read_int (obj, "beyond_mx_cap", 0, G_MAXUINT, path, &value, error))
        return NULL;
      sti_host_report_set_beyond_mx_cap (self, value);
    }

  return g_steal_pointer (&self);
}

/* The domain is what the check's target parser made of the input: a host
 * name in A-label form or an IP address (a `[host]` check); its display
 * form converts back to it. Anything else (`a/b`, markup) was never
 * written by a check. */
static gboolean
read_domain (JsonObject       *obj,
             const char       *path,
             StiDomainReport  *self,
             GError          **error)
{
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bracketed = NULL;
  g_autofree char *ascii = NULL;
  const char *domain = NULL;
  const char *unicode = NULL;

  if (!report_json_read_string (obj, "domain", FALSE, path, &domain, error) ||
      !report_json_read_string (obj, "domain_unicode", FALSE, path, &unicode, error))
    return FALSE;

  bracketed = g_strdup_printf ("[%s]", domain);
  target = sti_check_target_parse (bracketed, &local_error);
  if (target == NULL || g_ascii_strcasecmp (target->domain, domain) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Invalid report: %s.domain: not a domain name%s%s", path,
                   local_error != NULL ? ": " : "",
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }

  ascii = g_utf8_validate (unicode, -1, NULL) ? g_hostname_to_ascii (unicode) : NULL;
  if (ascii == NULL || g_ascii_strcasecmp (ascii, domain) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "Invalid report: %s.domain_unicode: not the display form of \"domain\"",
                   path);
      return FALSE;
    }

  sti_domain_report_set_domain (self, domain);
  sti_domain_report_set_domain_unicode (self, unicode);
  return TRUE;
}

static StiDomainReport *
domain_from_json (JsonObject  *obj,
                  const char  *path,
                  GError     **error)
{
  g_autoptr(StiDomainReport) self = sti_domain_report_new ();

  if (!report_json_read_string_into (obj, "input", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_input, self, error))
    return NULL;
  if (!read_domain (obj, path, self, error))
    return NULL;
  {
    g_autoptr(GDateTime) value = NULL;

    if (!report_json_read_date_time (obj, "started_at", FALSE, path, &value, error))
      return NULL;
    sti_domain_report_set_started_at (self, value);
  }
  {
    g_autoptr(GDateTime) value = NULL;

    if (!report_json_read_date_time (obj, "finished_at", TRUE, path, &value, error))
      return NULL;
    sti_domain_report_set_finished_at (self, value);
  }
  if (!report_json_read_string_into (obj, "tool_version", FALSE, path,
                         (SetStringFunc) sti_domain_report_set_tool_version, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "trust_store", TRUE, path,
                         (SetStringFunc) sti_domain_report_set_trust_store, self, error))
    return NULL;
  if (!report_json_read_string_into (obj, "resolver", TRUE, path,
                         (SetStringFunc) sti_domain_report_set_resolver, self, error))
    return NULL;
  {
    g_autoptr(GVariant) value = NULL;

    if (!report_json_read_vardict (obj, "options", path, &value, error))
      return NULL;
    sti_domain_report_set_options (self, value);
  }
  if (!report_json_read_object_array (obj, "hosts", path,
                          (FromJsonFunc) host_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_host, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "dns_evidence", path,
                          (FromJsonFunc) dns_evidence_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_dns_evidence, self, error))
    return NULL;
  if (!report_json_read_object_array (obj, "findings", path,
                          (FromJsonFunc) report_json_finding_from_json, g_object_unref,
                          (AddFunc) sti_domain_report_add_finding, self, error))
    return NULL;
  if (!report_json_read_strv_into (obj, "skipped", path,
                       (SetStrvFunc) sti_domain_report_set_skipped, self, error))
    return NULL;
  if (!report_json_accept_output_object (obj, "verdict", path, error))
    return NULL;
  {
    g_autoptr(StiMtaStsEvidence) value = NULL;

    if (!report_json_mta_sts_from_json (obj, path, &value, error))
      return NULL;
    sti_domain_report_set_mta_sts (self, value);
  }

  return g_steal_pointer (&self);
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
      !report_json_read_string (obj, "schema", FALSE, "report", &schema, NULL) ||
      g_strcmp0 (schema, STI_REPORT_SCHEMA_NAME) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "Not a STARTTLS Inspector report: no \"schema\": \""
                           STI_REPORT_SCHEMA_NAME "\" member");
      return NULL;
    }

  if (!report_json_read_int (obj, "schema_version", G_MININT64, G_MAXINT64, "report", &version,
                             error))
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

static gboolean
has_control_character (const char *data,
                       gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar)data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
      return TRUE;

  return FALSE;
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

  /* JSON allows no raw control character, not even inside a string;
   * json-glib lets them through, and in a member that is written for
   * readers but not read back (a certificate's subject) a corruption
   * would go unnoticed. */
  if (has_control_character (data, len))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           sti_error_text_get_problem (STI_PROBLEM_REPORT_CONTROL_CHAR));
      return NULL;
    }

  /* Hostile nesting, huge integers and escaped NULs, before json-glib
   * recurses into, wraps or truncates them. */
  if (!report_json_scan (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the file: its line breaks, bidi overrides. */
      g_autofree char *reason = sti_text_clean (local_error->message);

      g_autofree char *message = sti_error_text_dup_problem (STI_PROBLEM_REPORT_NOT_JSON, reason);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
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
