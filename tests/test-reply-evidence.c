/* test-reply-evidence.c: what a server's replies leave in the JSON report,
 * read as a user reads it: escaped exactly once, in the documented `\xNN`
 * encoding; the stage that failed; a bare LF recorded
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-report-json.h"

#include "fake-cert.h"
#include "fake-smtp.h"
#include "findings-assert.h"

typedef struct
{
  StiDomainReport *report;
  JsonParser      *parser;
  JsonObject      *endpoint;  /* borrowed from parser */
} Checked;

static void
checked_clear (Checked *checked)
{
  g_clear_object (&checked->report);
  g_clear_object (&checked->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checked, checked_clear)

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Checked *checked = user_data;
  g_autoptr(GError) error = NULL;

  checked->report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &error);
  g_assert_no_error (error);
}

/* Checks `[127.0.0.1]:PORT` of @fake as the CLI would, and parses the
 * report's JSON: the user's view of the evidence. */
static void
check_fake (FakeSmtp *fake,
            Checked  *checked)
{
  g_autofree char *input = g_strdup_printf ("[127.0.0.1]:%u", fake->port);
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(StiTrustStore) trust = NULL;
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  StiCheckOptions *options = sti_check_options_new ();
  JsonArray *hosts;
  JsonArray *endpoints;

  target = sti_check_target_parse (input, &error);
  g_assert_no_error (error);
  /* Nothing is looked up for an address; a closed port answers the rest. */
  resolver = sti_resolver_new ("127.0.0.1@9", &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (resolver, 500);
  trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  options->connect_timeout_ms = 2000;
  options->stage_timeout_ms = 2000;
  options->total_timeout_ms = 5000;

  check = sti_domain_check_new (target, options, resolver, trust);
  sti_domain_check_run_async (check, NULL, check_done_cb, checked);
  while (checked->report == NULL)
    g_main_context_iteration (NULL, TRUE);
  sti_check_options_free (options);

  json = sti_report_to_json_string (checked->report, FALSE);
  checked->parser = json_parser_new ();
  json_parser_load_from_data (checked->parser, json, -1, &error);
  g_assert_no_error (error);
  hosts = json_object_get_array_member (json_node_get_object (json_parser_get_root (
                                                                checked->parser)),
                                        "hosts");
  g_assert_cmpuint (json_array_get_length (hosts), ==, 1);
  endpoints = json_object_get_array_member (json_array_get_object_element (hosts, 0),
                                            "endpoints");
  g_assert_cmpuint (json_array_get_length (endpoints), ==, 1);
  checked->endpoint = json_array_get_object_element (endpoints, 0);
}

/* The transcript's lines of @kind, their "text" members. */
static GPtrArray *
transcript_texts (JsonObject *endpoint,
                  const char *kind)
{
  JsonArray *lines = json_object_get_array_member (endpoint, "transcript");
  GPtrArray *texts = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "kind"), kind))
        g_ptr_array_add (texts, (char *)json_object_get_string_member (line, "text"));
    }

  return texts;
}

static gboolean
texts_contain (GPtrArray  *texts,
               const char *needle)
{
  for (guint i = 0; i < texts->len; i++)
    {
      if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
assert_escaped_once (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strstr (text, "\\\\"));
  g_assert_null (strchr (text, '\n'));
}

/* A multi-line 421 greeting with a NUL: its lines joined by an escaped
 * line break, the NUL escaped once, wherever the reply is quoted. */
static void
test_greeting_nul (void)
{
  static const char greeting[] = "421-a\0b\r\n421 second\r\n";
  static const char expected[] = "a\\x00b\\x0Asecond";
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_NO_STARTTLS, NULL);
  g_auto(Checked) checked = { 0 };
  g_autoptr(GPtrArray) server = NULL;
  g_autoptr(GPtrArray) events = NULL;
  JsonObject *finding;
  JsonObject *params;
  const char *detail;

  fake->script_greeting = g_bytes_new_static (greeting, sizeof greeting - 1);
  check_fake (fake, &checked);

  g_assert_cmpstr (json_object_get_string_member (checked.endpoint, "greeting"), ==, expected);

  finding = find_json_finding (checked.endpoint, "smtp-temporary-failure");
  g_assert_nonnull (finding);
  detail = json_object_get_string_member (finding, "detail");
  g_assert_nonnull (strstr (detail, expected));
  assert_escaped_once (detail);
  params = json_object_get_object_member (finding, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "reply"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (params, "code"), ==, 421);

  /* The transcript has each line as sent, and the event quoting the
   * reply escapes it no more than the reply itself. */
  server = transcript_texts (checked.endpoint, "server");
  g_assert_cmpuint (server->len, >=, 2);
  g_assert_cmpstr (g_ptr_array_index (server, 0), ==, "421-a\\x00b");
  g_assert_cmpstr (g_ptr_array_index (server, 1), ==, "421 second");
  events = transcript_texts (checked.endpoint, "event");
  g_assert_true (texts_contain (events, expected));
  for (guint i = 0; i < events->len; i++)
    assert_escaped_once (g_ptr_array_index (events, i));
}

/* EHLO keywords are upper-cased before they are escaped: \x1B stays
 * \x1B, U+009B stays \u009B. */
static void
test_ehlo_keywords (void)
{
  static const char ehlo[] = "250-fake.test\r\n"
                             "250-\x1b[1mx\r\n"
                             "250-x\xc2\x9by\r\n"
                             "250-size \\x41\r\n"
                             "250 8bitmime\r\n";
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, NULL);
  g_auto(Checked) checked = { 0 };
  g_autoptr(GPtrArray) server = NULL;
  JsonArray *caps;

  fake->script_ehlo = g_bytes_new_static (ehlo, sizeof ehlo - 1);
  check_fake (fake, &checked);

  caps = json_object_get_array_member (checked.endpoint, "caps_before");
  g_assert_cmpuint (json_array_get_length (caps), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (caps, 0), ==, "\\x1B[1MX");
  g_assert_cmpstr (json_array_get_string_element (caps, 1), ==, "X\\u009BY");
  g_assert_cmpstr (json_array_get_string_element (caps, 2), ==, "SIZE \\\\x41");
  g_assert_cmpstr (json_array_get_string_element (caps, 3), ==, "8BITMIME");
  g_assert_nonnull (find_json_finding (checked.endpoint, "starttls-not-offered"));

  server = transcript_texts (checked.endpoint, "server");
  g_assert_true (texts_contain (server, "250-\\x1B[1mx"));
  g_assert_true (texts_contain (server, "250-x\\u009By"));
}

/* A refusal of the EHLO over TLS is reported at the EHLO stage, not at
 * the handshake that worked. */
static void
test_ehlo_over_tls_fails (void)
{
  static const char refusal[] = "554 5.7.0 not over TLS either\r\n";
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  g_auto(Checked) checked = { 0 };
  JsonObject *finding, *params;

  fake->script_ehlo_tls = g_bytes_new_static (refusal, sizeof refusal - 1);
  check_fake (fake, &checked);

  g_assert_true (json_object_get_boolean_member (checked.endpoint, "tls_established"));
  g_assert_cmpstr (json_object_get_string_member (checked.endpoint, "stage"), ==, "ehlo");
  finding = find_json_finding (checked.endpoint, "smtp-protocol-error");
  g_assert_nonnull (finding);
  params = json_object_get_object_member (finding, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "stage"), ==, "ehlo");
  g_assert_true (json_object_get_boolean_member (params, "after_tls"));
  g_assert_cmpstr (json_object_get_string_member (params, "command"), ==, "EHLO");
}

/* A line ended by LF alone is accepted and recorded: in the endpoint's
 * bare_lf, by an event after that reply, and through a saved report. */
static void
test_bare_lf (void)
{
  static const char greeting[] = "220 fake.test ESMTP\n";
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_NO_STARTTLS, NULL);
  g_autoptr(FakeSmtp) crlf = fake_smtp_new (FAKE_NO_STARTTLS, NULL);
  g_auto(Checked) checked = { 0 };
  g_auto(Checked) plain = { 0 };
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) loaded = NULL;
  g_autofree char *json = NULL;
  StiHostReport *host;

  fake->script_greeting = g_bytes_new_static (greeting, sizeof greeting - 1);
  check_fake (fake, &checked);

  g_assert_true (json_object_get_boolean_member (checked.endpoint, "bare_lf"));
  g_assert_cmpstr (json_object_get_string_member (checked.endpoint, "greeting"), ==,
                   "fake.test ESMTP");
  events = transcript_texts (checked.endpoint, "event");
  g_assert_true (texts_contain (events, "LF alone"));
  g_assert_nonnull (find_json_finding (checked.endpoint, "starttls-not-offered"));

  json = sti_report_to_json_string (checked.report, FALSE);
  loaded = sti_report_load_from_data (json, strlen (json), &error);
  g_assert_no_error (error);
  host = g_ptr_array_index (sti_domain_report_get_hosts (loaded), 0);
  g_assert_true (sti_endpoint_report_get_bare_lf (
    g_ptr_array_index (sti_host_report_get_endpoints (host), 0)));

  check_fake (crlf, &plain);
  g_assert_false (json_object_get_boolean_member (plain.endpoint, "bare_lf"));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = transcript_texts (plain.endpoint, "event");
  g_assert_false (texts_contain (events, "LF alone"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/reply-evidence/greeting-nul", test_greeting_nul);
  g_test_add_func ("/sti/reply-evidence/ehlo-keywords", test_ehlo_keywords);
  g_test_add_func ("/sti/reply-evidence/ehlo-over-tls-fails", test_ehlo_over_tls_fails);
  g_test_add_func ("/sti/reply-evidence/bare-lf", test_bare_lf);

  return g_test_run ();
}
