/* ui-test-helpers.h: helpers for the tests that drive the real window
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-application.h"
#include "sti-window.h"

G_BEGIN_DECLS

/* The application every UI test runs in; ui_test_init() registers it. */
extern StiApplication *app;

typedef gboolean (*Condition) (gpointer data);

gboolean   ui_test_init        (int          *argc,
                                char       ***argv);
gboolean   ui_test_init_still  (int          *argc,
                                char       ***argv);
gpointer   ui_template_child   (gpointer      widget,
                                GType         type,
                                const char   *name);
gpointer   child               (StiWindow    *window,
                                const char   *name);
GPtrArray *find_widgets        (gpointer      root,
                                GType         type,
                                const char   *css_class);
GtkWidget *find_named          (gpointer      root,
                                const char   *name);
gboolean   wait_for            (Condition     condition,
                                gpointer      data,
                                guint         timeout_ms);
void       spin_for            (guint         ms);
gboolean   not_busy            (gpointer      data);
void       save_screenshot_now (gpointer      widget,
                                const char   *name);
void       save_screenshot     (gpointer      widget,
                                const char   *name);
StiWindow *new_window          (int           width,
                                int           height);
void       destroy_window      (gpointer      window);
void       type_and_check      (StiWindow    *window,
                                const char   *domain);
gboolean   any_label_contains  (gpointer      root,
                                const char   *needle);
char      *read_clipboard_text (GtkWidget    *widget);
gint64     runqueue_wait_us    (void);
void       scroll_to_widget    (gpointer      window,
                                GtkWidget    *widget);
StiWindow *checked_window      (int           width,
                                int           height,
                                const char   *domain);
void       set_explain_mode    (gboolean      explain);
gpointer   find_viewer         (void);
gpointer   find_preferences    (void);
gpointer   preferences_child   (gpointer      preferences,
                                const char   *name);
int        ui_test_run         (void);
gboolean   menu_has_action     (GMenuModel   *model,
                                const char   *action);

/* One test of a UI test program: its path and function. */
typedef struct
{
  const char *path;
  GTestFunc   func;
} UiTest;

int        ui_test_main        (int          *argc,
                                char       ***argv,
                                const UiTest *tests);

/* wait_for() conditions of the export tests */
typedef struct
{
  StiWindow  *window;
  const char *needle;
} UiToastWait;

gboolean   ui_toast_shown      (gpointer      data);

typedef struct
{
  const char *path;
  const char *start;
} UiFileWait;

gboolean   ui_file_written     (gpointer      data);

G_END_DECLS
