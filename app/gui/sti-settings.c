/* sti-settings.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-settings.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

/* The schema compiled into the program (resources/sti-schema.gresource.xml),
 * as a schema source. GIO reads sources only from directories: the file is
 * written to a private temporary one, mapped, and removed again at once
 * (the mapping stays valid). Done once per process. */
static GSettingsSchemaSource *
builtin_schema_source (void)
{
  static GSettingsSchemaSource *source;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;

      bytes = g_resources_lookup_data (RESOURCE_BASE_PATH "/schema/gschemas.compiled",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        dir = g_dir_make_tmp ("starttls-inspector-schema-XXXXXX", &error);
      if (dir != NULL)
        {
          path = g_build_filename (dir, "gschemas.compiled", NULL);
          if (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                   (gssize)g_bytes_get_size (bytes), &error))
            source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
          g_unlink (path);
          g_rmdir (dir);
        }
      if (source == NULL)
        g_warning ("The built-in settings schema could not be loaded: %s", error->message);

      g_once_init_leave (&done, 1);
    }

  return source;
}

/* The schema, if it is installed (or GSETTINGS_SCHEMA_DIR names it) and
 * not older than this program: it must have the newest key. */
static GSettingsSchema *
lookup_installed_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, STI_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "explain-mode"))
    return NULL;

  return g_steal_pointer (&schema);
}

/**
 * sti_settings_new:
 *
 * The application settings. Where the schema is not installed, as in a
 * build tree run without GSETTINGS_SCHEMA_DIR (g_settings_new() would
 * abort), they use the schema compiled into the program and keep their
 * values in memory, shared by every window until the program quits; one
 * warning says so.
 *
 * Returns: (transfer full) (nullable): the settings; %NULL only if even
 *   the built-in schema cannot be read (warned about)
 */
GSettings *
sti_settings_new (void)
{
  static GSettingsBackend *memory_backend;
  g_autoptr(GSettingsSchema) schema = lookup_installed_schema ();
  GSettingsSchemaSource *builtin;

  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  builtin = builtin_schema_source ();
  if (builtin != NULL)
    schema = g_settings_schema_source_lookup (builtin, STI_SETTINGS_SCHEMA_ID, FALSE);
  if (schema == NULL)
    return NULL;

  g_warning_once ("GSettings schema %s is not installed: using the defaults, and preferences "
                  "last until the program quits (set GSETTINGS_SCHEMA_DIR to the build "
                  "tree's resources/ folder to keep them)", STI_SETTINGS_SCHEMA_ID);
  if (g_once_init_enter (&memory_backend))
    g_once_init_leave (&memory_backend, g_memory_settings_backend_new ());

  return g_settings_new_full (schema, memory_backend, NULL);
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
