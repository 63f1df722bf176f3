/* test-check-session.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-defaults.h"
#include "sti-check-session.h"
#include "sti-cli-options.h"
#include "sti-endpoint-probe.h"
#include "sti-settings.h"

#include <string.h>

/* No query is ever sent: creating a check does not run it. A named server
 * keeps the tests off the machine's resolver configuration. */
#define TEST_DNS_SERVER "192.0.2.53"

static StiCheckSessionOptions *
test_options_new (void)
{
  StiCheckSessionOptions *options = sti_check_session_options_new ();

  sti_check_session_options_set_dns_server (options, TEST_DNS_SERVER);
  return options;
}

static void
test_new_destroy (void)
{
  StiCheckSession *session = sti_check_session_new (TRUE);

  g_assert_true (STI_IS_CHECK_SESSION (session));
  g_assert_false (sti_check_session_get_lab_on_demand (session));
  g_assert_null (sti_check_session_get_lab (session));
  g_assert_null (sti_check_session_get_trust_store (session));
  g_assert_null (sti_check_session_get_resolver (session));
  g_assert_finalize_object (session);
}

/* Two checks of one session share its trust store and its resolver: the
 * system store is loaded once, not per check. */
static void
test_shared_trust_store (void)
{
  StiCheckSession *session = sti_check_session_new (FALSE);
  g_autoptr(StiCheckSessionOptions) options = test_options_new ();
  g_autoptr(GError) error = NULL;
  StiDomainCheck *first;
  StiDomainCheck *second;
  StiTrustStore *trust;
  StiResolver *resolver;

  first = sti_check_session_create_check (session, "example.org", options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  trust = sti_check_session_get_trust_store (session);
  resolver = sti_check_session_get_resolver (session);
  g_assert_nonnull (trust);
  g_assert_nonnull (resolver);
  g_assert_true (sti_trust_store_get_uses_system (trust));

  second = sti_check_session_create_check (session, "postmaster@example.net", options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_true (sti_check_session_get_trust_store (session) == trust);
  g_assert_true (sti_check_session_get_resolver (session) == resolver);

  g_assert_finalize_object (first);
  g_assert_finalize_object (second);
  g_assert_finalize_object (session);
}

static void
test_setup_errors (void)
{
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autoptr(StiCheckSessionOptions) options = test_options_new ();
  static const char * const missing[] = { "/nonexistent/sti-test-ca.pem", NULL };
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  check = sti_check_session_create_check (session, "not a domain", options, &error);
  g_assert_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_TARGET);
  g_assert_null (check);
  g_clear_error (&error);

  /* Without lab-on-demand the lab never starts behind the caller's back. */
  check = sti_check_session_create_check (session, "valid.lab.test", options, &error);
  g_assert_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING);
  g_assert_null (check);
  g_assert_null (sti_check_session_get_lab (session));
  g_clear_error (&error);

  sti_check_session_options_set_ca_files (options, missing);
  check = sti_check_session_create_check (session, "example.org", options, &error);
  g_assert_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_CA_FILE);
  g_assert_nonnull (strstr (error->message, missing[0]));
  g_assert_null (check);
  g_clear_error (&error);

  sti_check_session_options_set_ca_files (options, NULL);
  sti_check_session_options_set_dns_server (options, "not an address");
  check = sti_check_session_create_check (session, "example.org", options, &error);
  g_assert_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_DNS_SERVER);
  g_assert_null (check);
}

/* A lab domain is checked with the lab's DNS data and CA, on its port;
 * the session stops the lab when it goes. */
static void
check_lab_domain (StiCheckSession *session)
{
  g_autoptr(StiCheckSessionOptions) options = test_options_new ();
  g_autoptr(GError) error = NULL;
  StiDomainCheck *check;
  StiLab *lab;

  check = sti_check_session_create_check (session, "valid.lab.test", options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);

  lab = sti_check_session_get_lab (session);
  g_assert_nonnull (lab);
  g_assert_true (sti_check_session_ensure_lab (session, &error) == lab);
  g_assert_nonnull (strstr (sti_trust_store_get_description (
                              sti_check_session_get_trust_store (session)),
                            "demo lab CA"));

  g_assert_finalize_object (check);
  g_assert_finalize_object (session);
}

/* The window's way: the lab starts on demand, on a thread of its own. */
static void
test_lab_on_demand (void)
{
  StiCheckSession *session = sti_check_session_new (TRUE);

  sti_check_session_set_lab_on_demand (session, TRUE);
  check_lab_domain (session);
}

/* The CLI's way: --demo starts the lab first, in the caller's context. */
static void
test_lab_started (void)
{
  StiCheckSession *session = sti_check_session_new (FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (sti_check_session_ensure_lab (session, &error));
  g_assert_no_error (error);
  check_lab_domain (session);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *)a, (const char * const *)b);
}

static void
assert_options_equal (const StiCheckSessionOptions *a,
                      const StiCheckSessionOptions *b)
{
  g_assert_cmpstr (a->dns_server, ==, b->dns_server);
  g_assert_true (strv_equal0 (a->ca_files, b->ca_files));
  g_assert_cmpstr (a->check->ehlo_name, ==, b->check->ehlo_name);
  g_assert_cmpuint (a->check->connect_timeout_ms, ==, b->check->connect_timeout_ms);
  g_assert_cmpuint (a->check->stage_timeout_ms, ==, b->check->stage_timeout_ms);
  g_assert_cmpuint (a->check->total_timeout_ms, ==, b->check->total_timeout_ms);
  g_assert_cmpint (a->check->use_ipv6, ==, b->check->use_ipv6);
  g_assert_cmpuint (a->check->mx_cap, ==, b->check->mx_cap);
  g_assert_cmpuint (a->check->address_cap, ==, b->check->address_cap);
  g_assert_cmpint (a->check->probe_old_tls, ==, b->check->probe_old_tls);
  g_assert_cmpuint (a->check->port, ==, b->check->port);
  g_assert_cmpuint (a->check->https_port, ==, b->check->https_port);
}

/* What the CLI makes of @flags, parsed as its main() does. */
static StiCheckSessionOptions *
cli_options_for (const char * const *flags)
{
  StiCliOptions cli = { 0 };
  GOptionContext *context = g_option_context_new (NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  StiCheckSessionOptions *options;
  char **argv;
  int argc;

  g_ptr_array_add (args, (gpointer)"starttls-inspector-cli");
  for (guint i = 0; flags[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)flags[i]);
  g_ptr_array_add (args, NULL);
  argc = args->len - 1;
  argv = (char **)args->pdata;

  sti_cli_options_add_entries (&cli, context);
  g_assert_true (g_option_context_parse (context, &argc, &argv, &error));
  g_assert_no_error (error);
  g_assert_true (sti_cli_options_validate (&cli, &error));
  g_assert_no_error (error);

  options = sti_cli_options_dup_check_options (&cli);
  g_option_context_free (context);
  sti_cli_options_clear (&cli);
  return options;
}

static GSettings *
reset_settings (void)
{
  g_autoptr(GSettings) settings = sti_settings_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  return g_steal_pointer (&settings);
}

/* The CLI and the window run the same check for the same choices. */
static void
test_cli_gui_same_options (void)
{
  static const char * const no_flags[] = { NULL };
  static const char * const flags[] = {
    "--ehlo", "mx.example.org", "--timeout", "20", "--no-ipv6",
    "--dns-server", "192.0.2.53@5353", "--ca-file", "/etc/sti/a.pem",
    "--ca-file", "/etc/sti/b.pem", NULL
  };
  static const char * const ca_files[] = { "/etc/sti/a.pem", "/etc/sti/b.pem", NULL };
  g_autoptr(GSettings) settings = reset_settings ();
  g_autoptr(StiCheckSessionOptions) defaults = sti_check_session_options_new ();
  g_autoptr(StiCheckSessionOptions) cli = NULL;
  g_autoptr(StiCheckSessionOptions) gui = NULL;

  /* Nothing chosen: both are the core defaults. */
  cli = cli_options_for (no_flags);
  gui = sti_settings_dup_check_options (settings);
  assert_options_equal (cli, gui);
  assert_options_equal (cli, defaults);
  g_clear_pointer (&cli, sti_check_session_options_free);
  g_clear_pointer (&gui, sti_check_session_options_free);

  /* Blank text is no choice either. */
  g_settings_set_string (settings, "ehlo-name", "  ");
  g_settings_set_string (settings, "dns-server", " ");
  gui = sti_settings_dup_check_options (settings);
  assert_options_equal (gui, defaults);
  g_clear_pointer (&gui, sti_check_session_options_free);

  /* The same choices, as flags and as preferences (typed with spaces). */
  g_settings_set_string (settings, "ehlo-name", "mx.example.org ");
  g_settings_set_uint (settings, "total-timeout", 20);
  g_settings_set_boolean (settings, "use-ipv6", FALSE);
  g_settings_set_string (settings, "dns-server", " 192.0.2.53@5353");
  g_settings_set_strv (settings, "extra-ca-files", ca_files);
  cli = cli_options_for (flags);
  gui = sti_settings_dup_check_options (settings);
  assert_options_equal (cli, gui);
  g_assert_cmpstr (cli->check->ehlo_name, ==, "mx.example.org");
  g_assert_cmpuint (cli->check->total_timeout_ms, ==, 20000);
  g_assert_false (cli->check->use_ipv6);
  g_assert_cmpstr (cli->dns_server, ==, "192.0.2.53@5353");
}

static guint
schema_default_uint (GSettingsSchema *schema,
                     const char      *key)
{
  g_autoptr(GSettingsSchemaKey) schema_key = g_settings_schema_get_key (schema, key);
  g_autoptr(GVariant) value = g_settings_schema_key_get_default_value (schema_key);

  return g_variant_get_uint32 (value);
}

static void
assert_schema_default_empty (GSettingsSchema *schema,
                             const char      *key)
{
  g_autoptr(GSettingsSchemaKey) schema_key = g_settings_schema_get_key (schema, key);
  g_autoptr(GVariant) value = g_settings_schema_key_get_default_value (schema_key);

  /* '' or []: the core's NULL */
  g_assert_cmpuint (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                    ? strlen (g_variant_get_string (value, NULL))
                    : g_variant_n_children (value), ==, 0);
}

/* The schema, the core, the probe and the domain check agree on the
 * defaults (GSETTINGS_SCHEMA_DIR points at the compiled schema). */
static void
test_schema_defaults (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) ipv6_key = NULL;
  g_autoptr(GVariant) ipv6 = NULL;
  g_autoptr(StiCheckOptions) check = sti_check_options_new ();
  StiProbeOptions probe;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, STI_SETTINGS_SCHEMA_ID, TRUE);
  g_assert_nonnull (schema);

  g_assert_cmpuint (schema_default_uint (schema, "connect-timeout") * 1000, ==,
                    STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS);
  g_assert_cmpuint (schema_default_uint (schema, "stage-timeout") * 1000, ==,
                    STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS);
  g_assert_cmpuint (schema_default_uint (schema, "total-timeout") * 1000, ==,
                    STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS);
  g_assert_cmpuint (schema_default_uint (schema, "mx-cap"), ==, STI_CHECK_DEFAULT_MX_CAP);
  g_assert_cmpuint (schema_default_uint (schema, "address-cap"), ==,
                    STI_CHECK_DEFAULT_ADDRESS_CAP);
  ipv6_key = g_settings_schema_get_key (schema, "use-ipv6");
  ipv6 = g_settings_schema_key_get_default_value (ipv6_key);
  g_assert_cmpint (g_variant_get_boolean (ipv6), ==, STI_CHECK_DEFAULT_USE_IPV6);
  assert_schema_default_empty (schema, "ehlo-name");
  assert_schema_default_empty (schema, "dns-server");
  assert_schema_default_empty (schema, "extra-ca-files");

  g_assert_cmpuint (check->connect_timeout_ms, ==, STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS);
  g_assert_cmpuint (check->stage_timeout_ms, ==, STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS);
  g_assert_cmpuint (check->total_timeout_ms, ==, STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS);
  g_assert_cmpuint (check->mx_cap, ==, STI_CHECK_DEFAULT_MX_CAP);
  g_assert_cmpuint (check->address_cap, ==, STI_CHECK_DEFAULT_ADDRESS_CAP);
  g_assert_cmpint (check->use_ipv6, ==, STI_CHECK_DEFAULT_USE_IPV6);
  g_assert_null (check->ehlo_name);

  sti_probe_options_init (&probe);
  g_assert_cmpuint (probe.connect_timeout_ms, ==, STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS);
  g_assert_cmpuint (probe.stage_timeout_ms, ==, STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS);
  g_assert_cmpuint (probe.total_timeout_ms, ==, STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS);
  g_assert_null (probe.ehlo_name);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/check-session/new-destroy", test_new_destroy);
  g_test_add_func ("/sti/check-session/shared-trust-store", test_shared_trust_store);
  g_test_add_func ("/sti/check-session/setup-errors", test_setup_errors);
  g_test_add_func ("/sti/check-session/lab-on-demand", test_lab_on_demand);
  g_test_add_func ("/sti/check-session/lab-started", test_lab_started);
  g_test_add_func ("/sti/check-session/cli-gui-same-options", test_cli_gui_same_options);
  g_test_add_func ("/sti/check-session/schema-defaults", test_schema_defaults);

  return g_test_run ();
}
