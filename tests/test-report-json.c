/* test-report-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "certgen.h"
#include "sti-report-json.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-mta-sts-evidence-private.h"
#include "sti-report-clean.h"
#include "sti-verdict-json.h"

/* Hostile text from servers: markup, ANSI escapes, bidi override,
 * invalid UTF-8, a NUL (in raw bytes), a backslash. */
static const char hostile[] = "220 <b>mx</b> & \x1b[31m\xe2\x80\xae evil \xff\xfe \\x41 ESMTP";
static const guint8 hostile_raw[] = "250-<i>AUTH</i>\0\xff\r";

static StiFinding *
finding_with_params (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *names[] = { "mail.example.com", "<script>", NULL };

  g_variant_dict_insert (&dict, "position", "x", (gint64)0);
  g_variant_dict_insert (&dict, "days", "x", G_GINT64_CONSTANT (-12));
  g_variant_dict_insert (&dict, "big", "x", G_MAXINT64);
  g_variant_dict_insert (&dict, "expected", "s", "mx.example.org");
  g_variant_dict_insert (&dict, "has_nul_name", "b", TRUE);
  g_variant_dict_insert (&dict, "names", "^as", names);
  g_variant_dict_insert (&dict, "empty", "^as", (char **)(const char *[]){ NULL });

  return sti_finding_new ("cert-name-mismatch", g_variant_dict_end (&dict),
                          "The certificate is for mail.example.com, not for mx.example.org");
}

static StiDomainReport *
build_report (void)
{
  StiDomainReport *report = sti_domain_report_new ();
  g_autoptr(StiHostReport) host = sti_host_report_new ();
  g_autoptr(StiHostReport) host2 = sti_host_report_new ();
  g_autoptr(StiEndpointReport) ep = sti_endpoint_report_new ();
  g_autoptr(StiEndpointReport) ep2 = sti_endpoint_report_new ();
  g_autoptr(StiDnsEvidence) ev = sti_dns_evidence_new ();
  g_autoptr(StiDnsEvidence) ev2 = sti_dns_evidence_new ();
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Root", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mx.example.org", ca);
  g_autoptr(GBytes) leaf_der = certgen_der (leaf);
  g_autoptr(GBytes) ca_der = certgen_der (ca);
  g_autoptr(StiCertificate) leaf_cert = sti_certificate_new_from_der (leaf_der, NULL);
  g_autoptr(StiCertificate) ca_cert = sti_certificate_new_from_der (ca_der, NULL);
  g_autoptr(GBytes) raw1 = g_bytes_new_static ("EHLO probe.invalid", 18);
  g_autoptr(GBytes) raw2 = g_bytes_new_static (hostile_raw, sizeof hostile_raw - 1);
  g_autoptr(GBytes) raw3 = g_bytes_new_static ("", 0);
  g_autoptr(StiTranscriptLine) l1 = sti_transcript_line_new (10, STI_TRANSCRIPT_CLIENT, raw1);
  g_autoptr(StiTranscriptLine) l2 = sti_transcript_line_new (2000, STI_TRANSCRIPT_SERVER, raw2);
  g_autoptr(StiTranscriptLine) l3 = sti_transcript_line_new (3000, STI_TRANSCRIPT_EVENT, raw3);
  g_autoptr(GBytes) ocsp = g_bytes_new_static ("\x30\x03\x0a\x01\x00", 5);
  g_autoptr(StiFinding) f1 = finding_with_params ();
  g_autoptr(StiFinding) f2 = sti_finding_new ("chain-includes-root", NULL,
                                              hostile);
  g_autoptr(StiFinding) f3 = sti_finding_new ("mx-is-cname", NULL, "");
  g_autoptr(StiFinding) f4 = sti_finding_new ("dnssec-bogus", NULL, "bogus");
  g_autoptr(GDateTime) started = g_date_time_new_utc (2026, 11, 28, 17, 35, 1.234567);
  g_autoptr(GDateTime) finished = g_date_time_new_utc (2026, 11, 28, 17, 35, 9.5);
  StiTimings timings = { 1000, 2000, -1, 4000, 5000, 123456789 };
  const char *caps[] = { "PIPELINING", "SIZE 10240000", "STARTTLS", hostile, NULL };
  const char *records[] = { "10 mx.example.org.", "20 mx2.example.org.", NULL };
  const char *skipped[] = { "DANE: no TLSA records", NULL };
  g_auto(GVariantDict) options = G_VARIANT_DICT_INIT (NULL);

  sti_endpoint_report_set_host (ep, "mx.example.org");
  sti_endpoint_report_set_address (ep, "192.0.2.25");
  sti_endpoint_report_set_port (ep, 25);
  sti_endpoint_report_set_family (ep, "ipv4");
  sti_endpoint_report_set_reachable (ep, TRUE);
  sti_endpoint_report_set_stage (ep, STI_STAGE_DONE);
  sti_endpoint_report_set_starttls_offered (ep, TRUE);
  sti_endpoint_report_set_starttls_accepted (ep, TRUE);
  sti_endpoint_report_set_tls_established (ep, TRUE);
  sti_endpoint_report_set_greeting (ep, hostile);
  sti_endpoint_report_set_caps_before (ep, caps);
  sti_endpoint_report_set_caps_after (ep, caps + 1);
  sti_endpoint_report_set_tls_version (ep, "TLS1.3");
  sti_endpoint_report_set_cipher_suite (ep, "TLS_AES_256_GCM_SHA384");
  sti_endpoint_report_set_kx_group (ep, "X25519");
  sti_endpoint_report_set_signature_algorithm (ep, "ECDSA-SECP256R1-SHA256");
  sti_endpoint_report_add_certificate (ep, leaf_cert);
  sti_endpoint_report_add_certificate (ep, ca_cert);
  sti_endpoint_report_set_ocsp_response (ep, ocsp);
  sti_endpoint_report_set_certificate_verified (ep, TRUE);
  sti_endpoint_report_add_transcript_line (ep, l1);
  sti_endpoint_report_add_transcript_line (ep, l2);
  sti_endpoint_report_add_transcript_line (ep, l3);
  sti_endpoint_report_set_timings (ep, &timings);
  sti_endpoint_report_add_finding (ep, f2);
  sti_endpoint_report_add_finding (ep, f1);

  sti_endpoint_report_set_host (ep2, "mx.example.org");
  sti_endpoint_report_set_address (ep2, "2001:db8::25");
  sti_endpoint_report_set_port (ep2, 25);
  sti_endpoint_report_set_family (ep2, "ipv6");
  sti_endpoint_report_set_stage (ep2, STI_STAGE_CONNECTING);
  sti_endpoint_report_set_error_detail (ep2, "Connection refused");

  sti_host_report_set_name (host, "mx.example.org");
  sti_host_report_set_name_unicode (host, "mx.example.org");
  sti_host_report_set_preference (host, 10);
  sti_host_report_add_endpoint (host, ep);
  sti_host_report_add_endpoint (host, ep2);
  sti_host_report_add_finding (host, f3);

  sti_host_report_set_name (host2, "xn--mx-xxa.example.org");
  sti_host_report_set_name_unicode (host2, "mxé.example.org");
  sti_host_report_set_preference (host2, 20);
  sti_host_report_set_implicit (host2, TRUE);

  sti_dns_evidence_set_qname (ev, "example.org");
  sti_dns_evidence_set_qtype (ev, "MX");
  sti_dns_evidence_set_result (ev, "noerror");
  sti_dns_evidence_set_ttl (ev, 300);
  sti_dns_evidence_set_dnssec (ev, STI_DNSSEC_SECURE);
  sti_dns_evidence_set_records (ev, records);
  sti_dns_evidence_set_qname (ev2, "_mta-sts.example.org");
  sti_dns_evidence_set_qtype (ev2, "TXT");
  sti_dns_evidence_set_result (ev2, "servfail");
  sti_dns_evidence_set_rcode (ev2, 2);
  sti_dns_evidence_set_dnssec (ev2, STI_DNSSEC_BOGUS);
  sti_dns_evidence_set_why_bogus (ev2, hostile);

  g_variant_dict_insert (&options, "ehlo_name", "s", "probe.invalid");
  g_variant_dict_insert (&options, "connect_timeout_ms", "x", (gint64)10000);
  g_variant_dict_insert (&options, "use_system_trust", "b", FALSE);

  sti_domain_report_set_input (report, " Bob@Example.ORG ");
  sti_domain_report_set_domain (report, "example.org");
  sti_domain_report_set_domain_unicode (report, "example.org");
  sti_domain_report_set_started_at (report, started);
  sti_domain_report_set_finished_at (report, finished);
  sti_domain_report_set_trust_store (report, "no system store + demo lab CA");
  sti_domain_report_set_resolver (report, "unbound, forwarding to 127.0.0.1");
  sti_domain_report_set_options (report, g_variant_dict_end (&options));
  sti_domain_report_add_host (report, host);
  sti_domain_report_add_host (report, host2);
  sti_domain_report_add_dns_evidence (report, ev);
  sti_domain_report_add_dns_evidence (report, ev2);
  sti_domain_report_add_finding (report, f4);
  sti_domain_report_set_skipped (report, skipped);

  return report;
}

static StiDomainReport *
round_trip (StiDomainReport *report,
            gboolean         pretty)
{
  g_autofree char *json = sti_report_to_json_string (report, pretty);
  g_autoptr(GError) error = NULL;
  StiDomainReport *loaded = sti_report_load_from_data (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  return loaded;
}

static void
test_round_trip (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autoptr(StiDomainReport) loaded = round_trip (report, TRUE);
  g_autoptr(StiDomainReport) loaded2 = round_trip (loaded, FALSE);
  g_autofree char *json1 = sti_report_to_json_string (report, FALSE);
  g_autofree char *json2 = sti_report_to_json_string (loaded2, FALSE);

  g_assert_true (sti_domain_report_equal (report, loaded));
  g_assert_true (sti_domain_report_equal (loaded, loaded2));
  g_assert_cmpstr (json1, ==, json2);

  /* Counts survive too. */
  g_assert_cmpuint (sti_domain_report_count_by_severity (loaded, STI_SEVERITY_ERROR), ==, 2);
  g_assert_cmpuint (sti_domain_report_get_endpoint_count (loaded), ==, 2);
}

static void
test_equal_detects_change (void)
{
  g_autoptr(StiDomainReport) a = build_report ();
  g_autoptr(StiDomainReport) b = round_trip (a, FALSE);
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (b), 0);
  StiEndpointReport *ep = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  g_autoptr(GBytes) raw = g_bytes_new_static ("x", 1);
  g_autoptr(StiTranscriptLine) line = sti_transcript_line_new (1, STI_TRANSCRIPT_EVENT, raw);

  g_assert_true (sti_domain_report_equal (a, b));
  sti_endpoint_report_add_transcript_line (ep, line);
  g_assert_false (sti_domain_report_equal (a, b));
}

static void
test_hostile_strings (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autoptr(StiDomainReport) loaded = round_trip (report, FALSE);
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (loaded), 0);
  StiEndpointReport *ep = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  const StiTranscriptLine *line = g_ptr_array_index (sti_endpoint_report_get_transcript (ep), 1);
  const char *greeting = sti_endpoint_report_get_greeting (ep);
  g_autofree char *json = sti_report_to_json_string (report, FALSE);

  /* The exact bytes, NUL included, survive. */
  g_assert_cmpuint (g_bytes_get_size (line->raw), ==, sizeof hostile_raw - 1);
  g_assert_cmpmem (g_bytes_get_data (line->raw, NULL), g_bytes_get_size (line->raw),
                   hostile_raw, sizeof hostile_raw - 1);

  /* Displayed text is clean: valid UTF-8, no control or bidi characters,
   * markup kept as plain text for the display to escape. */
  g_assert_true (g_utf8_validate (greeting, -1, NULL));
  g_assert_null (strchr (greeting, '\x1b'));
  g_assert_null (strstr (greeting, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (greeting, "<b>mx</b>"));
  g_assert_cmpstr (greeting, ==,
                   sti_endpoint_report_get_greeting (g_ptr_array_index (
                     sti_host_report_get_endpoints (
                       g_ptr_array_index (sti_domain_report_get_hosts (report), 0)), 0)));

  /* The JSON text itself carries no raw control bytes. */
  for (const char *p = json; *p != '\0'; p++)
    g_assert_cmpint ((guchar)*p, >=, 0x20);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_nonnull (strstr (json, "\"raw_base64\""));
  g_assert_nonnull (strstr (json, "\"der_base64\""));
}

static void
test_schema_shape (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autoptr(JsonNode) root = sti_report_to_json (report);
  JsonObject *obj = json_node_get_object (root);
  JsonObject *host = json_array_get_object_element (json_object_get_array_member (obj, "hosts"), 0);
  JsonObject *ep =
    json_array_get_object_element (json_object_get_array_member (host, "endpoints"), 0);
  JsonObject *finding =
    json_array_get_object_element (json_object_get_array_member (ep, "findings"), 0);
  JsonObject *params = json_object_get_object_member (finding, "params");
  JsonObject *cert = json_array_get_object_element (json_object_get_array_member (ep, "chain"), 0);
  JsonObject *line =
    json_array_get_object_element (json_object_get_array_member (ep, "transcript"), 1);

  g_assert_cmpstr (json_object_get_string_member (obj, "schema"), ==, STI_REPORT_SCHEMA_NAME);
  g_assert_cmpint (json_object_get_int_member (obj, "schema_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (obj, "started_at"), ==,
                   "2026-11-28T17:35:01.234567Z");
  g_assert_cmpstr (json_object_get_string_member (finding, "id"), ==, "cert-name-mismatch");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
  g_assert_cmpint (json_object_get_int_member (params, "days"), ==, -12);
  g_assert_true (json_object_get_boolean_member (params, "has_nul_name"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (params, "names")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (cert, "subject_cn"), ==, "mx.example.org");
  g_assert_true (json_object_has_member (cert, "sha256_fingerprint"));
  g_assert_cmpstr (json_object_get_string_member (line, "kind"), ==, "server");
  g_assert_cmpint (json_object_get_int_member (line, "offset_us"), ==, 2000);
  g_assert_cmpstr (json_object_get_string_member (line, "text"), ==,
                   "250-<i>AUTH</i>\\x00\\xFF\\x0D");
  g_assert_cmpstr (json_object_get_string_member (ep, "stage"), ==, "done");
  g_assert_true (json_object_get_null_member (ep, "error_detail"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (ep, "timings"),
                                               "ehlo_us"), ==, -1);
}

static void
assert_load_fails (const char *data,
                   gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = sti_report_load_from_data (data, len, &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Replaces the first occurrence of @from by @to in the canonical JSON. */
static char *
mutate (const char *json,
        const char *from,
        const char *to)
{
  const char *at = strstr (json, from);
  GString *s;

  g_assert_nonnull (at);
  s = g_string_new_len (json, at - json);
  g_string_append (s, to);
  g_string_append (s, at + strlen (from));

  return g_string_free (s, FALSE);
}

static void
test_corrupt (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  gsize len = strlen (json);
  const char *foreign[] = {
    "", " ", "{", "[]", "null", "42", "\"text\"", "{}",
    "{\"schema\":\"something-else\",\"schema_version\":1}",
    "{\"schema\":\"starttls-inspector-report\"}",
    "{\"schema\":\"starttls-inspector-report\",\"schema_version\":1}",
    "{\"schema\":\"starttls-inspector-report\",\"schema_version\":\"1\"}",
    "{\"type\":\"FeatureCollection\",\"features\":[]}",
  };
  struct {
    const char *from;
    const char *to;
  } mutations[] = {
    { "\"schema_version\":1", "\"schema_version\":2" },
    { "\"port\":25", "\"port\":\"25\"" },
    { "\"port\":25", "\"port\":25.5" },
    { "\"port\":25", "\"port\":-1" },
    { "\"severity\":\"error\"", "\"severity\":\"fatal\"" },
    { "\"stage\":\"done\"", "\"stage\":\"finished\"" },
    { "\"kind\":\"server\"", "\"kind\":\"alien\"" },
    { "\"der_base64\":\"", "\"der_base64\":\"!!!!" },
    { "\"der_base64\":\"", "\"der_base64\":\"AAAA" },
    { "\"domain\":\"example.org\",", "" },
    { "\"findings\":[", "\"findings\":[42," },
    { "\"hosts\":[", "\"hosts\":[[]," },
    { "\"started_at\":\"", "\"started_at\":\"yesterday" },
    { "\"started_at\":\"2026-11-28T17:35:01.234567Z\"", "\"started_at\":null" },
    { "\"records\":[", "\"records\":[1," },
    { "\"reachable\":true", "\"reachable\":1" },
    { "\"params\":{", "\"params\":{\"x\":{}," },
    { "\"timings\":{\"connect_us\":1000", "\"timings\":{\"connect_us\":\"fast\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (foreign); i++)
    assert_load_fails (foreign[i], -1);

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *bad = mutate (json, mutations[i].from, mutations[i].to);

      g_test_message ("mutation %u: %s -> %s", i, mutations[i].from, mutations[i].to);
      assert_load_fails (bad, -1);
    }

  /* Every truncation fails cleanly. */
  for (gsize cut = 0; cut < len; cut += 1 + cut / 50)
    assert_load_fails (json, cut);

  /* Binary junk, NUL bytes, invalid UTF-8. */
  assert_load_fails ("{\"schema\":\"\xff\"}", -1);
  assert_load_fails ("{\0}", 3);

  /* Hostile nesting never reaches the recursive parser. */
  {
    GString *deep = g_string_new (NULL);

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    assert_load_fails (deep->str, deep->len);
    g_string_free (deep, TRUE);
  }
}

static StiFinding *
domain_finding (StiDomainReport *report,
                const char      *id)
{
  GPtrArray *findings = sti_domain_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (sti_finding_get_id (g_ptr_array_index (findings, i)), id))
      return g_ptr_array_index (findings, i);

  g_error ("no domain-level finding %s", id);
}

/* A PEM block keeps its line breaks through the model and the JSON, so
 * it can be pasted; a one-line param still shows a break as \x0A. */
static void
test_multiline_params (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiDomainReport) loaded = NULL;
  g_autofree char *json = NULL;
  StiFinding *kept;

  g_variant_dict_insert (&dict, "complete_chain_pem", "s",
                         "-----BEGIN CERTIFICATE-----\nMIIB\r\n-----END CERTIFICATE-----\n");
  g_variant_dict_insert (&dict, "subject", "s", "CN=a\nInjected: b");
  finding = sti_finding_new ("chain-missing-intermediate", g_variant_dict_end (&dict), "");
  sti_domain_report_add_finding (report, finding);

  json = sti_report_to_json_string (report, FALSE);
  g_assert_nonnull (strstr (json, "\"complete_chain_pem\":\"-----BEGIN CERTIFICATE-----\\nMIIB"
                                  "\\\\x0D\\n-----END CERTIFICATE-----\\n\""));
  loaded = round_trip (report, TRUE);
  kept = domain_finding (loaded, "chain-missing-intermediate");
  g_assert_cmpstr (sti_finding_get_param_string (kept, "complete_chain_pem"), ==,
                   "-----BEGIN CERTIFICATE-----\nMIIB\\x0D\n-----END CERTIFICATE-----\n");
  g_assert_cmpstr (sti_finding_get_param_string (kept, "subject"), ==, "CN=a\\x0AInjected: b");
  g_assert_true (sti_domain_report_equal (report, loaded));

  /* A report saved before held the PEM's line breaks as "\x0A": they read
   * as lines again, and an escaped backslash before "x0A" stays text. */
  {
    g_autofree char *old = mutate (json, "-----BEGIN CERTIFICATE-----\\nMIIB",
                                   "-----BEGIN CERTIFICATE-----\\\\x0AMIIB\\\\\\\\x0A");
    g_autoptr(GError) error = NULL;
    g_autoptr(StiDomainReport) upgraded = sti_report_load_from_data (old, -1, &error);

    g_assert_no_error (error);
    kept = domain_finding (upgraded, "chain-missing-intermediate");
    g_assert_cmpstr (sti_finding_get_param_string (kept, "complete_chain_pem"), ==,
                     "-----BEGIN CERTIFICATE-----\nMIIB\\\\x0A\\x0D\n-----END CERTIFICATE-----\n");
  }
}

/* What json-glib alone would accept and change: each is refused, and the
 * message names the member. */
static void
test_strict (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  struct {
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { "\"port\":25", "\"port\":70000",
      "report.hosts[0].endpoints[0].port: integer out of range" },
    { "\"ttl\":300", "\"ttl\":1180591620717411303424",
      "report.dns_evidence[0].ttl: integer out of range" },
    { "\"ttl\":300", "\"ttl\":-1", "report.dns_evidence[0].ttl: integer out of range" },
    { "\"ttl\":300", "\"ttl\":4294967296",
      "report.dns_evidence[0].ttl: integer out of range" },
    { "\"connect_timeout_ms\":10000", "\"connect_timeout_ms\":-9223372036854775809",
      "report.options.connect_timeout_ms: integer out of range" },
    { "\"result\":\"noerror\"", "\"result\":\"data\"",
      "report.dns_evidence[0].result: unknown value" },
    { "\"family\":\"ipv4\"", "\"family\":\"ipx\"",
      "report.hosts[0].endpoints[0].family: unknown value" },
    { "\"domain\":\"example.org\"", "\"domain\":\"a/b\"", "report.domain: not a domain name" },
    { "\"domain\":\"example.org\"", "\"domain\":\"<b>x</b>.org\"",
      "report.domain: not a domain name" },
    { "\"domain_unicode\":\"example.org\"", "\"domain_unicode\":\"<b>example.org</b>\"",
      "report.domain_unicode: not the display form" },
    { "\"greeting\":\"", "\"greeting\":\"220 mx\\u0000",
      "report.hosts[0].endpoints[0].greeting: the text contains an escaped NUL" },
    { "\"records\":[\"", "\"records\":[\"10 mx\\u0000",
      "report.dns_evidence[0].records[0]: the text contains an escaped NUL" },
    { "\"skipped\":[", "\"skipped\":[\"a\",\"b\\u0000\",",
      "report.skipped[1]: the text contains an escaped NUL" },
    { "\"days\":", "\"d\\u0000ays\":",
      "report.hosts[0].endpoints[0].findings[0].params: a member name contains an escaped NUL" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bad = mutate (json, cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (bad, -1, &error);

      g_test_message ("case %u: %s -> %s", i, cases[i].from, cases[i].to);
      g_assert_null (loaded);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" does not say \"%s\"", i, error->message, cases[i].message);
    }

  /* A backslash followed by "u0000" is text, not a NUL; a direct check's
   * domain is an address. */
  {
    g_autofree char *ok = mutate (json, "\"input\":\"", "\"input\":\"\\\\u0000 ");
    g_autofree char *literal = mutate (json, "\"domain\":\"example.org\",\"domain_unicode\":"
                                       "\"example.org\"",
                                       "\"domain\":\"2001:db8::25\",\"domain_unicode\":"
                                       "\"2001:db8::25\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (ok, -1, &error);
    g_autoptr(StiDomainReport) direct = NULL;

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (sti_domain_report_get_input (loaded), "\\u0000 "));
    direct = sti_report_load_from_data (literal, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (sti_domain_report_get_domain (direct), ==, "2001:db8::25");
  }
}

static void
test_unknown_members_ignored (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autofree char *extended = mutate (json, "\"domain\":",
                                      "\"added_in_a_later_minor\":[1,2],\"domain\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (extended, -1, &error);

  /* Additive changes keep the version: older readers skip new members. */
  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, loaded));
}

/* build_report() with a chain as built on its first endpoint: the leaf
 * and the root as sent (the root sent as certificate 1), an intermediate
 * fetched through AIA in between; and the verdict of the export. */
static StiDomainReport *
build_report_with_built_chain (CertgenCert **fetched_out)
{
  StiDomainReport *report = build_report ();
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (report), 0);
  StiEndpointReport *ep = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  GPtrArray *chain = sti_endpoint_report_get_chain (ep);
  g_autoptr(CertgenCert) root = certgen_make_ca ("Other Root", NULL);
  CertgenCert *intermediate = certgen_make_ca ("Fetched Intermediate", root);
  g_autoptr(GBytes) der = certgen_der (intermediate);
  g_autoptr(StiCertificate) fetched = sti_certificate_new_from_der (der, NULL);
  g_autoptr(StiChainLink) leaf = sti_chain_link_new (g_ptr_array_index (chain, 0),
                                                     STI_CHAIN_ORIGIN_SENT, 0);
  g_autoptr(StiChainLink) middle = sti_chain_link_new (fetched, STI_CHAIN_ORIGIN_FETCHED, 7);
  g_autoptr(StiChainLink) anchor = sti_chain_link_new (g_ptr_array_index (chain, 1),
                                                       STI_CHAIN_ORIGIN_SENT, 1);

  sti_endpoint_report_add_built_link (ep, leaf);
  sti_endpoint_report_add_built_link (ep, middle);
  sti_endpoint_report_add_built_link (ep, anchor);
  *fetched_out = intermediate;

  return report;
}

static void
test_built_chain (void)
{
  g_autoptr(CertgenCert) intermediate = NULL;
  g_autoptr(StiDomainReport) report = build_report_with_built_chain (&intermediate);
  g_autoptr(StiDomainReport) loaded = round_trip (report, FALSE);
  StiHostReport *host = g_ptr_array_index (sti_domain_report_get_hosts (loaded), 0);
  StiEndpointReport *ep = g_ptr_array_index (sti_host_report_get_endpoints (host), 0);
  StiEndpointReport *ep2 = g_ptr_array_index (sti_host_report_get_endpoints (host), 1);
  GPtrArray *built = sti_endpoint_report_get_built_chain (ep);
  const StiChainLink *link;
  g_autoptr(JsonNode) root = sti_report_to_json (report);
  JsonObject *host_obj =
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                 "hosts"), 0);
  JsonObject *ep_obj =
    json_array_get_object_element (json_object_get_array_member (host_obj, "endpoints"), 0);
  JsonArray *links = json_object_get_array_member (ep_obj, "built_chain");

  /* Every link survives, with where it came from. */
  g_assert_true (sti_domain_report_equal (report, loaded));
  g_assert_cmpuint (built->len, ==, 3);
  link = g_ptr_array_index (built, 0);
  g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_SENT);
  g_assert_cmpint (link->sent_position, ==, 0);
  link = g_ptr_array_index (built, 1);
  g_assert_cmpint (link->origin, ==, STI_CHAIN_ORIGIN_FETCHED);
  g_assert_cmpint (link->sent_position, ==, -1);
  g_assert_cmpstr (sti_certificate_get_subject_cn (link->certificate), ==,
                   "Fetched Intermediate");
  link = g_ptr_array_index (built, 2);
  g_assert_cmpint (link->sent_position, ==, 1);
  g_assert_cmpuint (sti_endpoint_report_get_built_chain (ep2)->len, ==, 0);

  /* As documented: origin, sent_position (null unless sent), certificate. */
  g_assert_cmpuint (json_array_get_length (links), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 1),
                                                  "origin"), ==, "fetched");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (links, 1),
                                              "sent_position"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (links, 2),
                                               "sent_position"), ==, 1);
  g_assert_nonnull (json_object_get_string_member (
    json_object_get_object_member (json_array_get_object_element (links, 1), "certificate"),
    "der_base64"));

  /* Changing the path is a change of the report. */
  {
    g_autoptr(StiChainLink) extra = sti_chain_link_copy (g_ptr_array_index (built, 0));

    sti_endpoint_report_add_built_link (ep, extra);
    g_assert_false (sti_domain_report_equal (report, loaded));
  }
}

static void
test_built_chain_hostile (void)
{
  g_autoptr(CertgenCert) intermediate = NULL;
  g_autoptr(StiDomainReport) report = build_report_with_built_chain (&intermediate);
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  struct {
    const char *from;
    const char *to;
  } mutations[] = {
    /* A sent link names a place that holds another certificate, or none. */
    { "\"origin\":\"sent\",\"sent_position\":0", "\"origin\":\"sent\",\"sent_position\":1" },
    { "\"origin\":\"sent\",\"sent_position\":0", "\"origin\":\"sent\",\"sent_position\":9" },
    { "\"origin\":\"sent\",\"sent_position\":0", "\"origin\":\"sent\",\"sent_position\":-1" },
    { "\"origin\":\"sent\",\"sent_position\":0", "\"origin\":\"sent\",\"sent_position\":null" },
    { "\"origin\":\"fetched\",\"sent_position\":null",
      "\"origin\":\"fetched\",\"sent_position\":0" },
    { "\"origin\":\"fetched\"", "\"origin\":\"downloaded\"" },
    { "\"built_chain\":[", "\"built_chain\":[{\"origin\":\"anchor\",\"sent_position\":null}," },
    { "\"built_chain\":[", "\"built_chain\":[{\"origin\":\"anchor\",\"sent_position\":null,"
      "\"certificate\":{\"der_base64\":\"AAAA\"}}," },
    { "\"built_chain\":[", "\"built_chain\":{},\"x\":[" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *bad = mutate (json, mutations[i].from, mutations[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (bad, -1, &error);

      g_test_message ("mutation %u: %s -> %s", i, mutations[i].from, mutations[i].to);
      g_assert_null (loaded);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      /* The message names the member. */
      g_assert_nonnull (strstr (error->message, "report.hosts[0].endpoints[0].built_chain"));
    }

  /* A raw control character is not JSON, even in a member that is not
   * read back (a certificate's subject is re-derived from its DER). */
  {
    g_autofree char *bad = mutate (json, "\"subject\":\"", "\"subject\":\"\x01");
    g_autoptr(GError) error = NULL;
    g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (bad, -1, &error);

    g_assert_null (loaded);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }

  /* A report written before built_chain existed still loads. */
  {
    g_autoptr(StiDomainReport) plain = build_report ();
    g_autofree char *old = sti_report_to_json_string (plain, FALSE);
    g_autofree char *without = mutate (old, ",\"built_chain\":[]", "");
    g_autoptr(GError) error = NULL;
    g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (without, -1, &error);

    g_assert_no_error (error);
    g_assert_true (sti_domain_report_equal (plain, loaded));
  }
}

/* The export's verdict is output data: accepted on load, recomputed. */
static void
test_verdict_accepted (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autoptr(JsonNode) root = sti_report_to_json (report);
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) loaded = NULL;
  JsonObject *obj = json_node_get_object (root);
  JsonObject *verdict;
  JsonObject *ep;

  sti_verdict_add_to_json (report, root);
  verdict = json_object_get_object_member (obj, "verdict");
  g_assert_nonnull (json_object_get_string_member (verdict, "sentence"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (verdict, "counts"),
                                               "errors"), ==, 2);
  ep = json_array_get_object_element (
    json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (obj, "hosts"), 0),
      "endpoints"), 0);
  verdict = json_object_get_object_member (ep, "verdict");
  g_assert_cmpstr (json_object_get_string_member (verdict, "opportunistic"), ==, "yes");
  g_assert_nonnull (json_object_get_string_member (verdict, "validating_text"));
  g_assert_nonnull (json_object_get_string_member (verdict, "first_action"));

  json = json_to_string (root, FALSE);
  loaded = sti_report_load_from_data (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (sti_domain_report_equal (report, loaded));

  /* Present, it must be an object. */
  {
    g_autofree char *bad = mutate (json, "\"verdict\":{\"opportunistic\"",
                                   "\"verdict\":42,\"v\":{\"opportunistic\"");
    g_autoptr(StiDomainReport) refused = sti_report_load_from_data (bad, -1, NULL);

    g_assert_null (refused);
  }
}

/* A policy file as a hostile server may send it: CRLF and LF, a bare CR,
 * an escape sequence, a bidi override, invalid UTF-8, a backslash. */
static const char hostile_policy[] =
  "version: STSv1\r\nmode: enforce\r\nmx: *.example.org\nmx: mx9.example.org\r\r\n"
  "max_age: 604800\r\n# \x1b[31m\xe2\x80\xae \xff \\x41\n";

/* build_report() with an MTA-STS fetch: two patterns, one matching. */
static StiDomainReport *
build_mta_sts_report (void)
{
  StiDomainReport *report = build_report ();
  g_autoptr(StiMtaStsEvidence) sts = sti_mta_sts_evidence_new ();
  g_autoptr(CertgenCert) ca = certgen_make_ca ("Policy Root", NULL);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf ("mta-sts.example.org", ca);
  g_autoptr(GBytes) leaf_der = certgen_der (leaf);
  g_autoptr(StiCertificate) leaf_cert = sti_certificate_new_from_der (leaf_der, NULL);
  const char *matched[] = { "mx.example.org", "mx2.example.org", NULL };
  const char *unmatched[] = { "mx3.other.example", NULL };
  const char *errors[] = { "unknown-ca", NULL };

  sti_mta_sts_evidence_set_url (sts, "https://mta-sts.example.org/.well-known/mta-sts.txt");
  sti_mta_sts_evidence_set_status (sts, 200);
  sti_mta_sts_evidence_set_content_type (sts, "text/plain");
  sti_mta_sts_evidence_add_certificate (sts, leaf_cert);
  sti_mta_sts_evidence_set_certificate_verified (sts, FALSE);
  sti_mta_sts_evidence_set_certificate_errors (sts, errors);
  sti_mta_sts_evidence_set_body (sts, hostile_policy);
  sti_mta_sts_evidence_set_mode (sts, "enforce");
  sti_mta_sts_evidence_set_max_age (sts, 604800);
  sti_mta_sts_evidence_add_pattern (sts, "*.example.org", matched);
  sti_mta_sts_evidence_add_pattern (sts, "mx9.example.org", NULL);
  sti_mta_sts_evidence_set_unmatched_hosts (sts, unmatched);
  sti_mta_sts_evidence_set_suggested_max_age (sts, 604800, "observed");
  sti_domain_report_set_mta_sts (report, sts);

  return report;
}

/* The MTA-STS fetch survives a save and a load, twice, to the byte; the
 * body keeps real newlines and nothing hostile. */
static void
test_mta_sts_round_trip (void)
{
  g_autoptr(StiDomainReport) report = build_mta_sts_report ();
  g_autoptr(StiDomainReport) loaded = round_trip (report, TRUE);
  g_autoptr(StiDomainReport) loaded2 = round_trip (loaded, FALSE);
  g_autofree char *json1 = sti_report_to_json_string (report, FALSE);
  g_autofree char *json2 = sti_report_to_json_string (loaded2, FALSE);
  StiMtaStsEvidence *sts = sti_domain_report_get_mta_sts (loaded);
  const char *body;

  g_assert_true (sti_domain_report_equal (report, loaded));
  g_assert_true (sti_domain_report_equal (loaded, loaded2));
  g_assert_cmpstr (json1, ==, json2);

  g_assert_nonnull (sts);
  g_assert_cmpstr (sti_mta_sts_evidence_get_url (sts), ==,
                   "https://mta-sts.example.org/.well-known/mta-sts.txt");
  g_assert_cmpuint (sti_mta_sts_evidence_get_status (sts), ==, 200);
  g_assert_cmpstr (sti_mta_sts_evidence_get_content_type (sts), ==, "text/plain");
  g_assert_cmpuint (sti_mta_sts_evidence_get_certificates (sts)->len, ==, 1);
  g_assert_false (sti_mta_sts_evidence_get_certificate_verified (sts));
  g_assert_cmpstr (sti_mta_sts_evidence_get_certificate_errors (sts)[0], ==, "unknown-ca");
  g_assert_cmpstr (sti_mta_sts_evidence_get_mode (sts), ==, "enforce");
  g_assert_cmpint (sti_mta_sts_evidence_get_max_age (sts), ==, 604800);
  g_assert_cmpuint (sti_mta_sts_evidence_get_n_patterns (sts), ==, 2);
  g_assert_cmpstr (sti_mta_sts_evidence_get_pattern (sts, 0), ==, "*.example.org");
  g_assert_cmpstr (sti_mta_sts_evidence_get_pattern_matches (sts, 0)[1], ==, "mx2.example.org");
  g_assert_null (sti_mta_sts_evidence_get_pattern_matches (sts, 1)[0]);
  g_assert_cmpstr (sti_mta_sts_evidence_get_unmatched_hosts (sts)[0], ==, "mx3.other.example");
  g_assert_cmpint (sti_mta_sts_evidence_get_suggested_max_age (sts), ==, 604800);
  g_assert_cmpstr (sti_mta_sts_evidence_get_suggested_max_age_source (sts), ==, "observed");

  /* Real newlines, CRLF folded, the rest escaped and valid UTF-8. */
  body = sti_mta_sts_evidence_get_body (sts);
  g_assert_true (g_str_has_prefix (body, "version: STSv1\nmode: enforce\nmx: *.example.org\n"
                                         "mx: mx9.example.org\\x0D\nmax_age: 604800\n"));
  g_assert_null (strchr (body, '\r'));
  g_assert_null (strchr (body, '\x1b'));
  g_assert_null (strstr (body, "\xe2\x80\xae"));
  g_assert_true (g_utf8_validate (body, -1, NULL));
  g_assert_nonnull (strstr (json1, "\"body\":\"version: STSv1\\nmode: enforce\\n"));

  /* A change is seen. */
  sti_mta_sts_evidence_set_max_age (sts, 86400);
  g_assert_false (sti_domain_report_equal (report, loaded));
}

/* A report without the member (written before it existed) loads with no
 * fetch, and "mta_sts": null is the same. */
static void
test_mta_sts_absent (void)
{
  g_autoptr(StiDomainReport) report = build_report ();
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autofree char *older = mutate (json, ",\"mta_sts\":null", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (older, -1, &error);

  g_assert_no_error (error);
  g_assert_null (sti_domain_report_get_mta_sts (loaded));
  g_assert_true (sti_domain_report_equal (report, loaded));
}

/* mutate() from the "mta_sts" member on. */
static char *
mutate_mta_sts (const char *json,
                const char *from,
                const char *to)
{
  const char *member = strstr (json, "\"mta_sts\":");
  g_autofree char *tail = NULL;
  g_autofree char *head = NULL;

  g_assert_nonnull (member);
  tail = mutate (member, from, to);
  head = g_strndup (json, member - json);

  return g_strconcat (head, tail, NULL);
}

/* The member is hostile input like the rest: each bad value is refused
 * with a message that names it. */
static void
test_mta_sts_hostile (void)
{
  g_autoptr(StiDomainReport) report = build_mta_sts_report ();
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autofree char *long_body = NULL;
  struct {
    const char *from;
    const char *to;
    const char *named;
  } mutations[] = {
    { "\"mta_sts\":{", "\"mta_sts\":42,\"x\":{", "report.mta_sts" },
    { "\"url\":\"https://", "\"url\":\"http://", "report.mta_sts.url" },
    { "\"url\":\"https://mta-sts.example.org/.well-known/mta-sts.txt\"", "\"url\":null",
      "report.mta_sts.url" },
    { "\"status\":200", "\"status\":1000", "report.mta_sts.status" },
    { "\"status\":200", "\"status\":\"200\"", "report.mta_sts.status" },
    { "\"content_type\":\"text/plain\"", "\"content_type\":[]", "report.mta_sts.content_type" },
    { "\"certificates\":[", "\"certificates\":[{\"der_base64\":\"AAAA\"},",
      "report.mta_sts.certificates[0].der_base64" },
    { "\"certificate_verified\":false", "\"certificate_verified\":0",
      "report.mta_sts.certificate_verified" },
    { "\"certificate_errors\":[", "\"certificate_errors\":[1,", "report.mta_sts" },
    { "\"mode\":\"enforce\"", "\"mode\":\"strict\"", "report.mta_sts.mode" },
    { "\"max_age\":604800", "\"max_age\":31557601", "report.mta_sts.max_age" },
    { "\"max_age\":604800", "\"max_age\":-2", "report.mta_sts.max_age" },
    { "\"mx\":[", "\"mx\":[42,", "report.mta_sts.mx[0]" },
    { "\"pattern\":\"*.example.org\"", "\"pattern\":\"\"", "report.mta_sts.mx[0].pattern" },
    { "\"matched_hosts\":[", "\"matched_hosts\":{},\"y\":[", "report.mta_sts.mx[0]" },
    { "\"unmatched_hosts\":[", "\"unmatched_hosts\":[null,", "report.mta_sts" },
    { "\"suggested_max_age\":604800", "\"suggested_max_age\":-1",
      "report.mta_sts.suggested_max_age" },
    { "\"suggested_max_age_source\":\"observed\"", "\"suggested_max_age_source\":\"guess\"",
      "report.mta_sts.suggested_max_age_source" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *bad = mutate_mta_sts (json, mutations[i].from, mutations[i].to);
      g_autoptr(GError) error = NULL;
      g_autoptr(StiDomainReport) loaded = sti_report_load_from_data (bad, -1, &error);

      g_test_message ("mutation %u: %s -> %s", i, mutations[i].from, mutations[i].to);
      g_assert_null (loaded);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, mutations[i].named));
    }

  /* A body longer than any fetched policy can become. */
  {
    GString *big = g_string_new ("\"body\":\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(StiDomainReport) loaded = NULL;
    g_autofree char *bad = NULL;

    for (guint i = 0; i <= STI_MTA_STS_EVIDENCE_MAX_BODY; i++)
      g_string_append_c (big, 'a');
    long_body = g_string_free (big, FALSE);
    bad = mutate_mta_sts (json, "\"body\":\"", long_body);
    loaded = sti_report_load_from_data (bad, -1, &error);
    g_assert_null (loaded);
    g_assert_nonnull (strstr (error->message, "report.mta_sts.body"));
  }
}

/* Cleaning the body is idempotent, so loading a saved body keeps it. */
static void
test_mta_sts_clean_body (void)
{
  g_autofree char *once = sti_mta_sts_evidence_clean_body (hostile_policy, -1);
  g_autofree char *twice = sti_mta_sts_evidence_clean_body (once, -1);
  g_autofree char *empty = sti_mta_sts_evidence_clean_body ("", 0);
  g_autofree char *nul = sti_mta_sts_evidence_clean_body ("a\0b\n", 4);

  g_assert_cmpstr (once, ==, twice);
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (nul, ==, "a\\x00b\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/report-json/round-trip", test_round_trip);
  g_test_add_func ("/sti/report-json/equal-detects-change", test_equal_detects_change);
  g_test_add_func ("/sti/report-json/hostile-strings", test_hostile_strings);
  g_test_add_func ("/sti/report-json/schema-shape", test_schema_shape);
  g_test_add_func ("/sti/report-json/corrupt", test_corrupt);
  g_test_add_func ("/sti/report-json/multiline-params", test_multiline_params);
  g_test_add_func ("/sti/report-json/strict", test_strict);
  g_test_add_func ("/sti/report-json/unknown-members", test_unknown_members_ignored);
  g_test_add_func ("/sti/report-json/built-chain", test_built_chain);
  g_test_add_func ("/sti/report-json/built-chain-hostile", test_built_chain_hostile);
  g_test_add_func ("/sti/report-json/verdict-accepted", test_verdict_accepted);
  g_test_add_func ("/sti/report-json/mta-sts/round-trip", test_mta_sts_round_trip);
  g_test_add_func ("/sti/report-json/mta-sts/absent", test_mta_sts_absent);
  g_test_add_func ("/sti/report-json/mta-sts/hostile", test_mta_sts_hostile);
  g_test_add_func ("/sti/report-json/mta-sts/clean-body", test_mta_sts_clean_body);

  return g_test_run ();
}
