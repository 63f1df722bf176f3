/* sti-settings.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-settings.h"

/**
 * sti_settings_new:
 *
 * The application settings, if their schema is installed. g_settings_new()
 * aborts on a missing schema, which is what an uninstalled build run
 * without GSETTINGS_SCHEMA_DIR has; the windows then keep nothing.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL without the
 *   schema (warned about once)
 */
GSettings *
sti_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, STI_SETTINGS_SCHEMA_ID, TRUE);

  /* An older installed schema may lack the newest key. */
  if (schema == NULL || !g_settings_schema_has_key (schema, "explain-mode"))
    {
      g_warning_once ("GSettings schema %s is not installed; preferences are not remembered",
                      STI_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * sti_settings_dup_check_options:
 * @settings: (nullable): the application settings; %NULL for the defaults
 *
 * Reads the preferences of a check into the session's options, as the CLI
 * reads its flags.
 *
 * Returns: (transfer full): the options for sti_check_session_create_check()
 */
StiCheckSessionOptions *
sti_settings_dup_check_options (GSettings *settings)
{
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  StiCheckOptions *check = options->check;
  g_autofree char *dns_server = NULL;
  g_autofree char *ehlo_name = NULL;
  g_auto(GStrv) ca_files = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  if (settings == NULL)
    return g_steal_pointer (&options);

  dns_server = g_settings_get_string (settings, "dns-server");
  ca_files = g_settings_get_strv (settings, "extra-ca-files");
  ehlo_name = g_settings_get_string (settings, "ehlo-name");
  sti_check_session_options_set_dns_server (options, dns_server);
  sti_check_session_options_set_ca_files (options, (const char * const *)ca_files);
  sti_check_session_options_set_ehlo_name (options, ehlo_name);
  check->connect_timeout_ms = g_settings_get_uint (settings, "connect-timeout") * 1000;
  check->stage_timeout_ms = g_settings_get_uint (settings, "stage-timeout") * 1000;
  check->total_timeout_ms = g_settings_get_uint (settings, "total-timeout") * 1000;
  check->use_ipv6 = g_settings_get_boolean (settings, "use-ipv6");
  check->mx_cap = g_settings_get_uint (settings, "mx-cap");
  check->address_cap = g_settings_get_uint (settings, "address-cap");

  return g_steal_pointer (&options);
}
