/* sti-preferences-window.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define STI_TYPE_PREFERENCES_WINDOW (sti_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (StiPreferencesWindow, sti_preferences_window, STI, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

StiPreferencesWindow *sti_preferences_window_new            (GtkWindow  *parent,
                                                             GSettings  *settings);
const char           *sti_preferences_mta_from_index        (guint       index);
guint                 sti_preferences_mta_to_index          (const char *mta);

G_END_DECLS
