/* test-ui-fix-steps.c: an expanded finding gives the general "How to fix"
 * steps first, then the chosen mail server's own, the words `explain` and
 * the reports give (issue 18, item 1).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-row.h"
#include "sti-located-finding.h"
#include "sti-report-sections.h"
#include "sti-settings.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

/* Every label's text under @root, one per line. */
static char *
labels_text (gpointer root)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (text, "%s\n", gtk_label_get_text (g_ptr_array_index (labels, i)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first line of @text: a paragraph's start, shown in one label. */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');

  return end != NULL ? g_strndup (text, end - text) : g_strdup (text);
}

static GtkWidget *
row_part (GtkWidget  *row,
          const char *name)
{
  GObject *part = gtk_widget_get_template_child (row, STI_TYPE_FINDING_ROW, name);

  g_assert_nonnull (part);
  return GTK_WIDGET (part);
}

/* The row's general steps, then the server's, both visible, in that order
 * on screen, each starting as the reports' words for @mta do. */
static void
assert_fix_steps (GtkWidget       *row,
                  StiDomainReport *report,
                  StiMta           mta)
{
  g_autoptr(GArray) located = sti_report_collect_located_findings (report);
  StiLocatedFinding *first = &g_array_index (located, StiLocatedFinding, 0);
  StiFindingWords words = { 0 };
  GtkWidget *general = row_part (row, "general_fix_bin");
  GtkWidget *server = row_part (row, "fix_bin");
  g_autofree char *general_text = labels_text (general);
  g_autofree char *server_text = labels_text (server);
  g_autofree char *general_start = NULL;
  g_autofree char *server_start = NULL;
  GtkWidget *sibling;

  sti_report_get_finding_words (report, first->finding, first->host, first->address, mta, &words);
  g_assert_cmpuint (words.n_fixes, ==, 2);
  general_start = first_line (words.fixes[0]);
  server_start = first_line (words.fixes[1]);

  g_assert_true (gtk_widget_get_visible (general));
  g_assert_true (gtk_widget_get_visible (row_part (row, "fix_header")));
  g_assert_true (gtk_widget_get_visible (server));
  g_assert_nonnull (strstr (general_text, general_start));
  g_assert_null (strstr (server_text, general_start));
  g_assert_nonnull (strstr (server_text, server_start));

  /* The box lays its children out in order: the general steps come first. */
  for (sibling = general; sibling != NULL && sibling != server;
       sibling = gtk_widget_get_next_sibling (sibling))
    ;
  g_assert_true (sibling == server);

  sti_finding_words_clear (&words);
}

static void
test_fix_steps_general_first (void)
{
  g_autoptr(GSettings) settings = g_settings_new (STI_SETTINGS_SCHEMA_ID);
  StiWindow *window = new_window (900, 1000);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *row;
  GtkScrolledWindow *scroll;
  graphene_point_t at;

  type_and_check (window, "expired.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  rows = find_widgets (find_named (window, "findings-group"), STI_TYPE_FINDING_ROW, NULL);
  g_assert_cmpuint (rows->len, >, 0);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "cert-expired");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  assert_fix_steps (row, sti_window_get_report (window), STI_MTA_POSTFIX);

  scroll = child (window, "results_scroll");
  g_assert_true (gtk_widget_compute_point (row_part (row, "fix_header"),
                                           gtk_scrolled_window_get_child (scroll),
                                           &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroll), at.y - 80);
  save_screenshot (window, "ui-fix-steps.png");

  /* Another server: the general steps stay, the server's follow the choice. */
  g_settings_set_string (settings, "preferred-mta", "hosted");
  assert_fix_steps (row, sti_window_get_report (window), STI_MTA_HOSTED);
  g_settings_reset (settings, "preferred-mta");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-fix-steps/general-first", test_fix_steps_general_first },
    { NULL, NULL },
  };

  return ui_test_main (&argc, &argv, tests);
}
