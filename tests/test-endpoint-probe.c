/* test-endpoint-probe.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gnutls/gnutls.h>

#include "sti-base-enums.h"
#include "sti-endpoint-probe.h"
#include "sti-finding.h"

#include "fake-cert.h"
#include "fake-smtp.h"

typedef struct
{
  StiProbeResult *result;
  GError         *error;
  gboolean        done;
  gint64          done_at;
  GArray         *stages;
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
  g_clear_error (&run->error);
  g_clear_pointer (&run->stages, g_array_unref);
}

static void
stage_changed_cb (StiEndpointProbe *probe,
                  StiStage          stage,
                  Run              *run)
{
  g_array_append_val (run->stages, stage);
  g_assert_cmpint (sti_endpoint_probe_get_stage (probe), ==, stage);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = user_data;

  run->result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &run->error);
  run->done = TRUE;
  run->done_at = g_get_monotonic_time ();
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_options (StiProbeOptions *options)
{
  sti_probe_options_init (options);
  options->connect_timeout_ms = 1000;
  options->stage_timeout_ms = 1000;
  options->total_timeout_ms = 2500;
}

/* Runs one probe against 127.0.0.1:@port and asserts it ends in time. */
static void
run_probe (guint16                port,
           const StiProbeOptions *options,
           GCancellable          *cancellable,
           guint                  max_ms,
           Run                   *run)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, port);
  g_autoptr(StiEndpointProbe) probe = NULL;
  gboolean too_long = FALSE;
  gint64 start = g_get_monotonic_time ();
  guint guard;

  run->stages = g_array_new (FALSE, FALSE, sizeof (StiStage));
  probe = sti_endpoint_probe_new ("mx.test", G_INET_SOCKET_ADDRESS (addr), options);
  g_signal_connect (probe, "stage-changed", G_CALLBACK (stage_changed_cb), run);
  sti_endpoint_probe_run_async (probe, cancellable, run_cb, run);

  guard = g_timeout_add (10000, flag_cb, &too_long);
  while (!run->done && !too_long)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (too_long);
  g_source_remove (guard);
  g_assert_cmpint ((run->done_at - start) / 1000, <=, max_ms);

  /* The probe leaves nothing behind that keeps it alive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (run->result != NULL)
    g_assert_cmpint (sti_endpoint_probe_get_stage (probe), ==, STI_STAGE_DONE);
  g_assert_finalize_object (g_steal_pointer (&probe));
}

static StiFinding *
find (StiProbeResult *result,
      const char     *id)
{
  GPtrArray *findings = sti_probe_result_get_findings (result);

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (sti_finding_get_id (finding), id))
        return finding;
    }

  return NULL;
}

static gboolean
transcript_has (StiProbeResult    *result,
                StiTranscriptKind  kind,
                const char        *prefix)
{
  GPtrArray *lines = sti_probe_result_get_transcript (result);
  gint64 last = -1;
  gboolean found = FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      StiTranscriptLine *line = g_ptr_array_index (lines, i);
      gsize len = g_bytes_get_size (line->raw);

      /* Offsets never go back. */
      g_assert_cmpint (line->offset_us, >=, last);
      last = line->offset_us;
      if (line->kind == kind && len >= strlen (prefix) &&
          memcmp (g_bytes_get_data (line->raw, NULL), prefix, strlen (prefix)) == 0)
        found = TRUE;
    }

  return found;
}

static void
assert_no_mail_sent (FakeSmtp *fake)
{
  for (guint i = 0; i < fake->commands->len; i++)
    {
      const char *cmd = g_ptr_array_index (fake->commands, i);

      g_assert_false (g_ascii_strncasecmp (cmd, "MAIL", 4) == 0);
      g_assert_false (g_ascii_strncasecmp (cmd, "RCPT", 4) == 0);
      g_assert_false (g_ascii_strncasecmp (cmd, "DATA", 4) == 0);
    }
}

static void
test_new_destroy (void)
{
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 25);
  StiEndpointProbe *probe;
  StiProbeResult *result;
  g_autofree char *host = NULL;

  probe = sti_endpoint_probe_new ("mx.test", G_INET_SOCKET_ADDRESS (addr), NULL);
  g_assert_cmpstr (sti_endpoint_probe_get_mx_host (probe), ==, "mx.test");
  g_assert_true (sti_endpoint_probe_get_address (probe) == G_INET_SOCKET_ADDRESS (addr));
  g_assert_cmpint (sti_endpoint_probe_get_stage (probe), ==, STI_STAGE_PENDING);
  g_object_get (probe, "mx-host", &host, NULL);
  g_assert_cmpstr (host, ==, "mx.test");
  g_assert_finalize_object (probe);

  result = g_object_new (STI_TYPE_PROBE_RESULT, NULL);
  g_assert_cmpint (sti_probe_result_get_alert (result), ==, -1);
  g_assert_cmpuint (sti_probe_result_get_findings (result)->len, ==, 0);
  g_assert_cmpint (sti_probe_result_get_timings (result)->total_us, ==, -1);
  g_assert_finalize_object (result);
}

static void
test_happy (gconstpointer data)
{
  const char *order = data;
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new_with_chain ("mx.test", order);
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  StiProbeOptions options;
  Run run = { 0 };
  StiProbeResult *r;
  const char * const *caps;
  GPtrArray *chain;
  const StiTimings *t;
  static const StiStage expected_stages[] = {
    STI_STAGE_CONNECTING, STI_STAGE_GREETING, STI_STAGE_EHLO, STI_STAGE_STARTTLS,
    STI_STAGE_HANDSHAKE, STI_STAGE_EHLO, STI_STAGE_DONE,
  };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  g_assert_no_error (run.error);
  r = run.result;

  g_assert_cmpuint (sti_probe_result_get_findings (r)->len, ==, 0);
  g_assert_cmpstr (sti_probe_result_get_host (r), ==, "mx.test");
  g_assert_cmpstr (sti_probe_result_get_address (r), ==, "127.0.0.1");
  g_assert_cmpuint (sti_probe_result_get_port (r), ==, fake->port);
  g_assert_cmpint (sti_probe_result_get_stage (r), ==, STI_STAGE_DONE);
  g_assert_true (sti_probe_result_get_reachable (r));
  g_assert_cmpuint (sti_probe_result_get_greeting_code (r), ==, 220);
  g_assert_cmpstr (sti_probe_result_get_greeting_text (r), ==, "fake.test ESMTP");
  g_assert_cmpstr (sti_probe_result_get_ehlo_name (r), ==, "[127.0.0.1]");
  g_assert_true (sti_probe_result_get_starttls_offered (r));
  g_assert_true (sti_probe_result_get_starttls_accepted (r));
  g_assert_cmpuint (sti_probe_result_get_injected_bytes (r), ==, 0);
  g_assert_true (sti_probe_result_get_tls_established (r));
  g_assert_cmpstr (sti_probe_result_get_tls_version (r), ==, "TLS1.3");
  g_assert_true (g_str_has_prefix (sti_probe_result_get_cipher_suite (r), "TLS_AES_"));
  g_assert_nonnull (sti_probe_result_get_kx_group (r));
  g_assert_cmpstr (sti_probe_result_get_signature_algorithm (r), ==, "ECDSA-SECP256R1-SHA256");
  g_assert_null (sti_probe_result_get_ocsp_response (r));
  g_assert_cmpint (sti_probe_result_get_alert (r), ==, -1);
  g_assert_cmpstr (fake->sni, ==, "mx.test");

  /* Capabilities before and after TLS are kept apart. */
  caps = sti_probe_result_get_caps_before_tls (r);
  g_assert_true (g_strv_contains (caps, "STARTTLS"));
  g_assert_true (g_strv_contains (caps, "PIPELINING"));
  caps = sti_probe_result_get_caps_after_tls (r);
  g_assert_false (g_strv_contains (caps, "STARTTLS"));
  g_assert_true (g_strv_contains (caps, "SIZE 1000"));
  g_assert_true (g_strv_contains (caps, "AUTH PLAIN"));

  /* The chain exactly as sent: order and duplicates kept. */
  chain = sti_probe_result_get_peer_chain (r);
  g_assert_cmpuint (chain->len, ==, strlen (order));
  for (guint i = 0; i < chain->len; i++)
    g_assert_true (g_bytes_equal (g_ptr_array_index (chain, i),
                                  order[i] == 'l' ? fc->leaf_der : fc->ca_der));

  g_assert_true (transcript_has (r, STI_TRANSCRIPT_SERVER, "220 fake.test ESMTP"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_CLIENT, "EHLO [127.0.0.1]"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_SERVER, "250-starttls"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_CLIENT, "STARTTLS"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_SERVER, "220 2.0.0 go ahead"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_EVENT, "TLS established: TLS1.3"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_SERVER, "250 AUTH PLAIN"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_CLIENT, "QUIT"));
  g_assert_true (transcript_has (r, STI_TRANSCRIPT_SERVER, "221 2.0.0 bye"));

  t = sti_probe_result_get_timings (r);
  g_assert_cmpint (t->connect_us, >=, 0);
  g_assert_cmpint (t->greeting_us, >=, 0);
  g_assert_cmpint (t->ehlo_us, >=, 0);
  g_assert_cmpint (t->starttls_us, >=, 0);
  g_assert_cmpint (t->handshake_us, >, 0);
  g_assert_cmpint (t->total_us, >=, t->handshake_us);

  g_assert_cmpuint (run.stages->len, ==, G_N_ELEMENTS (expected_stages));
  for (guint i = 0; i < run.stages->len; i++)
    g_assert_cmpint (g_array_index (run.stages, StiStage, i), ==, expected_stages[i]);

  /* The server saw EHLO twice, STARTTLS, QUIT; never a mail transaction. */
  g_assert_cmpuint (fake->commands->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (fake->commands, 0), ==, "EHLO [127.0.0.1]");
  g_assert_cmpstr (g_ptr_array_index (fake->commands, 3), ==, "QUIT");
  assert_no_mail_sent (fake);

  run_clear (&run);
}

static void
test_tls12_custom_ehlo (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  options.ehlo_name = "probe.example.net";
  options.tls_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2";
  run_probe (fake->port, &options, NULL, 2000, &run);
  g_assert_no_error (run.error);
  g_assert_cmpstr (sti_probe_result_get_tls_version (run.result), ==, "TLS1.2");
  g_assert_true (g_str_has_prefix (sti_probe_result_get_cipher_suite (run.result),
                                   "TLS_ECDHE_ECDSA_"));
  g_assert_cmpstr (g_ptr_array_index (fake->commands, 0), ==, "EHLO probe.example.net");
  run_clear (&run);
}

static void
test_bad_options (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  options.tls_priority = "NORMAL:+BOGUS";
  run_probe (fake->port, &options, NULL, 100, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (run.result);
  run_clear (&run);

  test_options (&options);
  options.ehlo_name = "evil\r\nMAIL FROM:<x>";
  run_probe (fake->port, &options, NULL, 100, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  run_clear (&run);
}

static void
assert_finding (Run        *run,
                const char *id,
                const char *param,
                const char *value)
{
  StiFinding *finding;

  g_assert_no_error (run->error);
  g_assert_nonnull (run->result);
  finding = find (run->result, id);
  if (finding == NULL)
    {
      GPtrArray *findings = sti_probe_result_get_findings (run->result);

      for (guint i = 0; i < findings->len; i++)
        g_test_message ("have %s: %s", sti_finding_get_id (g_ptr_array_index (findings, i)),
                        sti_finding_get_detail (g_ptr_array_index (findings, i)));
    }
  g_assert_nonnull (finding);
  g_assert_true (g_utf8_validate (sti_finding_get_detail (finding), -1, NULL));
  g_assert_cmpstr (sti_finding_get_param_string (finding, "address"), ==, "127.0.0.1");
  if (param != NULL)
    g_assert_cmpstr (sti_finding_get_param_string (finding, param), ==, value);
  g_test_message ("%s: %s", id, sti_finding_get_detail (finding));
}

static void
test_no_starttls (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_NO_STARTTLS, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "starttls-not-offered", "stage", "ehlo");
  g_assert_cmpint (sti_finding_get_severity (find (run.result, "starttls-not-offered")), ==,
                   STI_SEVERITY_ERROR);
  g_assert_false (sti_probe_result_get_starttls_offered (run.result));
  g_assert_false (sti_probe_result_get_tls_established (run.result));
  g_assert_cmpint (sti_probe_result_get_stage (run.result), ==, STI_STAGE_EHLO);
  g_assert_true (g_strv_contains (sti_probe_result_get_caps_before_tls (run.result), "8BITMIME"));
  g_assert_cmpuint (sti_probe_result_get_peer_chain (run.result)->len, ==, 0);
  /* Polite: QUIT, no STARTTLS attempt. */
  g_assert_cmpstr (g_ptr_array_index (fake->commands, fake->commands->len - 1), ==, "QUIT");
  g_assert_cmpuint (sti_probe_result_get_findings (run.result)->len, ==, 1);
  run_clear (&run);
}

static void
test_ehlo_502_helo (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_EHLO_502, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "starttls-not-offered", NULL, NULL);
  g_assert_true (sti_probe_result_get_used_helo (run.result));
  g_assert_cmpstr (g_ptr_array_index (fake->commands, 1), ==, "HELO [127.0.0.1]");
  run_clear (&run);
}

static void
test_refused_454 (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_REFUSE_454, NULL);
  StiProbeOptions options;
  Run run = { 0 };
  gint64 code = 0;

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "starttls-refused", "stage", "starttls");
  g_assert_true (sti_finding_get_param_int64 (find (run.result, "starttls-refused"), "code",
                                              &code));
  g_assert_cmpint (code, ==, 454);
  g_assert_true (sti_probe_result_get_starttls_offered (run.result));
  g_assert_false (sti_probe_result_get_starttls_accepted (run.result));
  g_assert_false (sti_probe_result_get_tls_established (run.result));
  g_assert_cmpstr (g_ptr_array_index (fake->commands, fake->commands->len - 1), ==, "QUIT");
  run_clear (&run);
}

static void
test_greeting_421 (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_GREET_421, NULL);
  StiProbeOptions options;
  Run run = { 0 };
  gint64 code = 0;

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "smtp-temporary-failure", "stage", "greeting");
  g_assert_true (sti_finding_get_param_int64 (find (run.result, "smtp-temporary-failure"),
                                              "code", &code));
  g_assert_cmpint (code, ==, 421);
  g_assert_cmpint (sti_finding_get_severity (find (run.result, "smtp-temporary-failure")), ==,
                   STI_SEVERITY_WARNING);
  g_assert_cmpuint (sti_probe_result_get_greeting_code (run.result), ==, 421);
  g_assert_nonnull (strstr (sti_probe_result_get_greeting_text (run.result), "too busy"));
  /* Not misreported as a missing STARTTLS. */
  g_assert_null (find (run.result, "starttls-not-offered"));
  run_clear (&run);
}

static void
test_greeting_554 (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_GREET_554, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "smtp-protocol-error", "reason", "refused");
  g_assert_null (find (run.result, "starttls-not-offered"));
  run_clear (&run);
}

static void
test_injection (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_INJECT, fc->creds);
  StiProbeOptions options;
  Run run = { 0 };
  gint64 bytes = 0;

  test_options (&options);
  run_probe (fake->port, &options, NULL, 2000, &run);
  assert_finding (&run, "plaintext-injection", "stage", "starttls");
  g_assert_true (sti_finding_get_param_int64 (find (run.result, "plaintext-injection"),
                                              "bytes", &bytes));
  g_assert_cmpint (bytes, ==, 14);
  g_assert_cmpuint (sti_probe_result_get_injected_bytes (run.result), ==, 14);
  g_assert_nonnull (strstr (sti_finding_get_param_string (find (run.result, "plaintext-injection"),
                                                          "data"), "250 injected"));
  /* The injected bytes were not fed to TLS: the handshake still worked. */
  g_assert_true (sti_probe_result_get_tls_established (run.result));
  g_assert_cmpint (sti_probe_result_get_stage (run.result), ==, STI_STAGE_DONE);
  g_assert_true (g_strv_contains (sti_probe_result_get_caps_after_tls (run.result), "AUTH PLAIN"));
  run_clear (&run);
}

static void
test_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  StiProbeOptions options;
  Run run = { 0 };
  guint16 port;

  /* A port that was just free: bound, never listened on, closed. */
  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (sock, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (sock, NULL);

  test_options (&options);
  run_probe (port, &options, NULL, 1000, &run);
  assert_finding (&run, "host-unreachable", "stage", "connecting");
  g_assert_nonnull (sti_finding_get_param_string (find (run.result, "host-unreachable"), "reason"));
  g_assert_false (sti_probe_result_get_reachable (run.result));
  g_assert_nonnull (sti_probe_result_get_error_detail (run.result));
  g_assert_cmpint (sti_probe_result_get_stage (run.result), ==, STI_STAGE_CONNECTING);
  run_clear (&run);
}

static void
test_silent (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_SILENT, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  options.stage_timeout_ms = 500;
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "smtp-timeout", "stage", "greeting");
  g_assert_cmpstr (sti_finding_get_param_string (find (run.result, "smtp-timeout"), "timeout"),
                   ==, "stage");
  g_assert_true (transcript_has (run.result, STI_TRANSCRIPT_EVENT, "smtp-timeout"));
  run_clear (&run);
}

static void
test_slow_drip (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_SLOW_DRIP, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  /* Each byte arrives well within any inactivity timeout; only the total
   * deadline stops it. */
  test_options (&options);
  options.stage_timeout_ms = 10000;
  options.total_timeout_ms = 1500;
  run_probe (fake->port, &options, NULL, 1800, &run);
  assert_finding (&run, "smtp-timeout", "timeout", "total");
  g_assert_cmpstr (sti_finding_get_param_string (find (run.result, "smtp-timeout"), "stage"),
                   ==, "greeting");
  g_assert_cmpint (sti_probe_result_get_timings (run.result)->total_us, >=, 1500 * 1000);
  run_clear (&run);
}

static void
test_huge_line (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HUGE_LINE, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "smtp-protocol-error", "reason", "line-too-long");
  g_assert_cmpint (sti_finding_get_severity (find (run.result, "smtp-protocol-error")), ==,
                   STI_SEVERITY_ERROR);
  run_clear (&run);
}

static void
test_garbage_greeting (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_GARBAGE_GREETING, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "smtp-protocol-error", "reason", "malformed");
  g_assert_nonnull (strstr (sti_finding_get_detail (find (run.result, "smtp-protocol-error")),
                            "SSH-2.0"));
  run_clear (&run);
}

static void
test_endless_continuation (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_ENDLESS_CONT, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "smtp-protocol-error", "reason", "reply-too-long");
  g_assert_cmpstr (sti_finding_get_param_string (find (run.result, "smtp-protocol-error"), "stage"),
                   ==, "ehlo");
  run_clear (&run);
}

static void
test_reset_handshake (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_RESET_HANDSHAKE, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "tls-handshake-failed", "stage", "handshake");
  g_assert_nonnull (sti_finding_get_param_string (find (run.result, "tls-handshake-failed"),
                                                  "reason"));
  g_assert_true (sti_probe_result_get_starttls_accepted (run.result));
  g_assert_false (sti_probe_result_get_tls_established (run.result));
  g_assert_null (find (run.result, "smtp-timeout"));
  run_clear (&run);
}

static void
test_garbage_tls (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_GARBAGE_TLS, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "tls-handshake-failed", "stage", "handshake");
  g_assert_nonnull (strstr (sti_probe_result_get_error_detail (run.result), "TLS"));
  g_assert_null (find (run.result, "smtp-timeout"));
  run_clear (&run);
}

static void
test_stall_after_starttls (void)
{
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_STALL_TLS, NULL);
  StiProbeOptions options;
  Run run = { 0 };

  test_options (&options);
  options.stage_timeout_ms = 500;
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "smtp-timeout", "stage", "handshake");
  g_assert_true (sti_probe_result_get_starttls_accepted (run.result));
  g_assert_false (sti_probe_result_get_tls_established (run.result));
  run_clear (&run);
}

static void
test_alert (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new ("mx.test");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_HAPPY, fc->creds);
  StiProbeOptions options;
  Run run = { 0 };
  gint64 alert = -1;
  StiFinding *finding;

  fake->priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3";
  test_options (&options);
  options.tls_priority = "NORMAL:-VERS-ALL:+VERS-TLS1.2";
  run_probe (fake->port, &options, NULL, 1000, &run);
  assert_finding (&run, "tls-handshake-failed", "stage", "handshake");
  finding = find (run.result, "tls-handshake-failed");
  g_assert_true (sti_finding_get_param_int64 (finding, "alert", &alert));
  g_assert_cmpint (alert, ==, GNUTLS_A_HANDSHAKE_FAILURE);
  g_assert_cmpint (sti_probe_result_get_alert (run.result), ==, GNUTLS_A_HANDSHAKE_FAILURE);
  g_assert_nonnull (sti_finding_get_param_string (finding, "alert_name"));
  run_clear (&run);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (gconstpointer data)
{
  FakeBehavior behavior = GPOINTER_TO_INT (data);
  g_autoptr(FakeSmtp) fake = fake_smtp_new (behavior, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, fake->port);
  g_autoptr(StiEndpointProbe) probe = NULL;
  StiProbeOptions options;
  Run run = { 0 };
  gint64 cancelled_at;

  test_options (&options);
  probe = sti_endpoint_probe_new ("mx.test", G_INET_SOCKET_ADDRESS (addr), &options);
  sti_endpoint_probe_run_async (probe, cancellable, run_cb, &run);
  g_timeout_add (100, cancel_cb, cancellable);
  while (!g_cancellable_is_cancelled (cancellable))
    g_main_context_iteration (NULL, TRUE);
  cancelled_at = g_get_monotonic_time ();
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_assert_cmpint (run.done_at - cancelled_at, <, 100 * 1000);

  /* No socket, source or session keeps the probe alive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&probe));

  /* The server sees the connection closed. */
  {
    gboolean waited = FALSE;

    g_timeout_add (200, flag_cb, &waited);
    while (!fake->closed && !waited)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (fake->closed);
  }
  run_clear (&run);
}

static void
test_cancel_before (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  StiProbeOptions options;
  Run run = { 0 };

  g_cancellable_cancel (cancellable);
  test_options (&options);
  run_probe (9, &options, cancellable, 100, &run);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  run_clear (&run);
}

/* A server that never answers QUIT: the check waits a short while, not
 * the 30 s stage timeout, and the result is what it was before QUIT. */
static void
test_mute_quit (void)
{
  g_autoptr(StiFakeCert) fc = sti_fake_cert_new_with_chain ("mx.test", "l");
  g_autoptr(FakeSmtp) fake = fake_smtp_new (FAKE_MUTE_QUIT, fc->creds);
  StiProbeOptions options;
  Run run = { 0 };

  sti_probe_options_init (&options);
  run_probe (fake->port, &options, NULL, 4000, &run);
  g_assert_no_error (run.error);
  g_assert_true (sti_probe_result_get_tls_established (run.result));
  g_assert_cmpuint (sti_probe_result_get_findings (run.result)->len, ==, 0);
  g_assert_true (transcript_has (run.result, STI_TRANSCRIPT_CLIENT, "QUIT"));
  g_assert_true (transcript_has (run.result, STI_TRANSCRIPT_EVENT, "No reply to QUIT in time"));
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/endpoint-probe/new-destroy", test_new_destroy);
  g_test_add_data_func ("/sti/endpoint-probe/happy", "lc", test_happy);
  g_test_add_data_func ("/sti/endpoint-probe/happy-chain-as-sent", "lcc", test_happy);
  g_test_add_data_func ("/sti/endpoint-probe/happy-leaf-only", "l", test_happy);
  g_test_add_func ("/sti/endpoint-probe/tls12-custom-ehlo", test_tls12_custom_ehlo);
  g_test_add_func ("/sti/endpoint-probe/bad-options", test_bad_options);
  g_test_add_func ("/sti/endpoint-probe/starttls-not-offered", test_no_starttls);
  g_test_add_func ("/sti/endpoint-probe/ehlo-502-helo", test_ehlo_502_helo);
  g_test_add_func ("/sti/endpoint-probe/starttls-refused-454", test_refused_454);
  g_test_add_func ("/sti/endpoint-probe/greeting-421", test_greeting_421);
  g_test_add_func ("/sti/endpoint-probe/greeting-554", test_greeting_554);
  g_test_add_func ("/sti/endpoint-probe/plaintext-injection", test_injection);
  g_test_add_func ("/sti/endpoint-probe/connection-refused", test_connection_refused);
  g_test_add_func ("/sti/endpoint-probe/hostile/silent", test_silent);
  g_test_add_func ("/sti/endpoint-probe/hostile/slow-drip", test_slow_drip);
  g_test_add_func ("/sti/endpoint-probe/hostile/huge-line", test_huge_line);
  g_test_add_func ("/sti/endpoint-probe/hostile/garbage-greeting", test_garbage_greeting);
  g_test_add_func ("/sti/endpoint-probe/hostile/endless-continuation", test_endless_continuation);
  g_test_add_func ("/sti/endpoint-probe/hostile/reset-handshake", test_reset_handshake);
  g_test_add_func ("/sti/endpoint-probe/hostile/garbage-tls", test_garbage_tls);
  g_test_add_func ("/sti/endpoint-probe/hostile/stall-after-starttls", test_stall_after_starttls);
  g_test_add_func ("/sti/endpoint-probe/tls-alert", test_alert);
  g_test_add_func ("/sti/endpoint-probe/mute-quit", test_mute_quit);
  g_test_add_data_func ("/sti/endpoint-probe/cancel/greeting", GINT_TO_POINTER (FAKE_SILENT),
                        test_cancel);
  g_test_add_data_func ("/sti/endpoint-probe/cancel/slow-drip", GINT_TO_POINTER (FAKE_SLOW_DRIP),
                        test_cancel);
  g_test_add_data_func ("/sti/endpoint-probe/cancel/handshake", GINT_TO_POINTER (FAKE_STALL_TLS),
                        test_cancel);
  g_test_add_func ("/sti/endpoint-probe/cancel/before-start", test_cancel_before);

  return g_test_run ();
}
