/* test-ui-no-schema.c: the window run without an installed settings schema,
 * as `build/app/starttls-inspector` runs from a build tree without
 * GSETTINGS_SCHEMA_DIR: Preferences and the mail server chooser still work,
 * on in-memory defaults, after one warning (issue 18, item 9).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-row.h"
#include "sti-preferences-window.h"
#include "sti-settings.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

/* The warnings that the schema is missing; the rest go on as usual. */
static guint n_schema_warnings;

static GLogWriterOutput
count_schema_warnings (GLogLevelFlags   log_level,
                       const GLogField *fields,
                       gsize            n_fields,
                       gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (log_level & G_LOG_LEVEL_WARNING) != 0 &&
        strstr (fields[i].value, "is not installed") != NULL)
      {
        n_schema_warnings++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static StiPreferencesWindow *
find_any_preferences (void)
{
  StiPreferencesWindow *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (STI_IS_PREFERENCES_WINDOW (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static void
test_no_schema_preferences (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) installed = NULL;
  StiWindow *window;
  StiWindow *second;
  StiPreferencesWindow *preferences;
  g_autoptr(GPtrArray) rows = NULL;
  GtkDropDown *dropdown;

  /* The premise: the schema is not installed where GIO looks. */
  if (source != NULL)
    installed = g_settings_schema_source_lookup (source, STI_SETTINGS_SCHEMA_ID, TRUE);
  if (installed != NULL)
    {
      g_test_skip ("the schema is installed on this system");
      return;
    }

  window = new_window (900, 900);
  second = new_window (600, 600);
  g_assert_cmpuint (n_schema_warnings, ==, 1);

  /* Preferences open, and a change reaches every window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = find_any_preferences ();
  g_assert_nonnull (preferences);
  adw_combo_row_set_selected (preferences_child (preferences, "mta_row"), 1);
  save_screenshot (preferences, "ui-no-schema-preferences.png");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* The mail server chooser of a finding shows the choice and changes it. */
  type_and_check (second, "expired.lab.test");
  g_assert_true (wait_for (not_busy, second, 60000));
  rows = find_widgets (find_named (second, "findings-group"), STI_TYPE_FINDING_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 0);
  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (g_ptr_array_index (rows, 0),
                                                           STI_TYPE_FINDING_ROW,
                                                           "mta_dropdown"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  gtk_drop_down_set_selected (dropdown, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = find_any_preferences ();
  g_assert_nonnull (preferences);
  g_assert_cmpuint (adw_combo_row_get_selected (preferences_child (preferences, "mta_row")), ==,
                    3);
  gtk_window_destroy (GTK_WINDOW (preferences));

  destroy_window (second);
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GIO reads it: the build tree's schema is not to be found. */
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_log_set_writer_func (count_schema_warnings, NULL, NULL);

  if (!ui_test_init (&argc, &argv))
    return 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/sti/ui-no-schema/preferences", test_no_schema_preferences);

  status = g_test_run ();

  g_object_unref (app);
  return status;
}
