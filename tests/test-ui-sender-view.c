/* test-ui-sender-view.c: the sender lines in the window, for a server that
 * offers only TLS 1.0/1.1 (docs/sender-profiles.md).
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-application.h"
#include "sti-verdict.h"
#include "sti-window.h"
#include "ui-test-helpers.h"

#include <adwaita.h>
#include <string.h>

static void
test_old_tls (void)
{
  StiWindow *window = new_window (1000, 900);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *verdict = NULL;
  GtkWidget *group;

  type_and_check (window, "old-tls.lab.test");
  g_assert_true (wait_for (not_busy, window, 60000));

  /* The verdict at the top: not "encrypted" */
  verdict = sti_verdict_dup_sentence (sti_window_get_report (window));
  g_assert_cmpstr (gtk_label_get_text (child (window, "verdict_label")), ==, verdict);
  g_assert_true (g_str_has_prefix (verdict, "Mail to old-tls.lab.test travels unencrypted "
                                            "from most senders, or is refused"));
  save_screenshot (window, "ui-sender-view-verdict.png");

  /* The sender lines, and the profile they assume */
  rows = find_widgets (child (window, "report_box"), ADW_TYPE_EXPANDER_ROW, "endpoint-verdict");
  g_assert_cmpuint (rows->len, ==, 1);
  adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
  group = gtk_widget_get_ancestor (g_ptr_array_index (rows, 0), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_nonnull (group);
  spin_for (300);
  scroll_to_widget (window, group);
  g_assert_true (any_label_contains (group, "No: the handshake fails (TLS1.1: “legacy sigalg "
                                            "disallowed”), so mail travels in plaintext."));
  g_assert_true (any_label_contains (group, "holds the mail and finally returns it."));
  /* The profile all three lines assume, said once (issue 18: not three times) */
  g_assert_true (any_label_contains (find_named (group, "assumed-sender"),
                                     "Postfix/Exim with OpenSSL 3, security level 1"));
  g_assert_false (any_label_contains (group, "returns it. Assumed sender:"));
  g_assert_false (any_label_contains (group, "mail is encrypted (TLS1.1)"));
  g_assert_nonnull (find_named (group, "no"));
  save_screenshot (window, "ui-sender-view-lines.png");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  static const UiTest tests[] = {
    { "/sti/ui-sender-view/old-tls", test_old_tls },
    { NULL, NULL },
  };

  return ui_test_main (&argc, &argv, tests);
}
