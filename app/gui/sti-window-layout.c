/* sti-window-layout.c: StiWindow at any width, and where the keyboard lands
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

/* Below this width the header bar keeps only back (or cancel), one menu
 * of the report's actions and the main menu, so that the title stays
 * readable: Export and Check Again are in that menu (the one the Export
 * button opens at every width) and on their shortcuts. libadwaita 1.2
 * has no breakpoints:
 * the window follows its own default-width, which GTK updates as the
 * user resizes. */
#define NARROW_WIDTH 500

static void
on_default_width_cb (StiWindow  *self,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  int width = 0;
  int height = 0;
  gboolean narrow;

  /* GTK 4.8 needs both out arguments */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  narrow = width > 0 && width < NARROW_WIDTH;
  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  /* Centred, the title gets only twice the narrower side's room; off
   * centre it gets what the buttons leave. */
  adw_header_bar_set_centering_policy (self->header_bar, narrow ? ADW_CENTERING_POLICY_LOOSE
                                                                : ADW_CENTERING_POLICY_STRICT);
  sti_window_update_actions (self);
}

void
sti_window_init_layout (StiWindow *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));

  /* A selectable label that takes focus would select all its text: the
   * verdict when a check ends, a paragraph the user clicked into. */
  if (settings != NULL)
    g_object_set (settings, "gtk-label-select-on-focus", FALSE, NULL);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_cb), NULL);
  on_default_width_cb (self, NULL, NULL);
}

/* After a check, the keyboard (and a screen reader) starts at the verdict,
 * not on a widget that the rebuilt page removed. */
void
sti_window_focus_verdict (StiWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") != 0 ||
      !gtk_widget_get_visible (GTK_WIDGET (self->verdict_title)))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->verdict_title));
  gtk_label_select_region (self->verdict_title, 0, 0);
}
