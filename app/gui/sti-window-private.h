/* sti-window-private.h: what the files of StiWindow share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-window.h"

#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-endpoint-row.h"

G_BEGIN_DECLS

/* StiWindow lives in seven files, each installing its own actions and
 * shortcuts from class_init:
 *   sti-window.c          the class, its pages, public API
 *   sti-window-start.c    the start page: the domain entry, recent and demo domains
 *   sti-window-check.c    a check while it runs: the live view and its end
 *   sti-window-results.c  the results page and an endpoint's details
 *   sti-window-actions.c  actions on what is shown: back, cancel, transcript, certificates
 *   sti-window-reports.c  reports as files: export, open, compare
 *   sti-window-layout.c   narrow widths, and where the keyboard focus lands
 *   sti-window-assist.c   the certificate assistant, Check Again with a comparison */

struct _StiWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  GtkEntry             *domain_entry;
  GtkLabel             *error_label;
  GtkButton            *check_button;
  GtkWidget            *back_button;
  GtkWidget            *cancel_button;
  GtkWidget            *again_button;
  GtkWidget            *export_button;
  GtkWidget            *report_menu_button;
  GtkWidget            *open_report_button;
  GtkWidget            *recent_group;
  GtkListBox           *recent_list;
  GtkListBox           *demo_list;
  GtkStack             *verdict_icon_stack;
  GtkSpinner           *verdict_spinner;
  GtkImage             *verdict_icon;
  GtkLabel             *verdict_title;
  GtkLabel             *verdict_label;
  GtkLabel             *counts_label;
  GtkLabel             *saved_label;
  GtkWidget            *preferences_button;
  GtkBox               *overview_box;
  GtkBox               *hosts_box;
  GtkBox               *report_box;
  AdwBin               *endpoint_bin;
  GtkScrolledWindow    *results_scroll;
  GtkScrolledWindow    *endpoint_scroll;
  AdwBin               *compare_bin;
  GtkScrolledWindow    *compare_scroll;

  /* Owned references */
  StiCheckSession      *session;
  GSettings            *settings;
  char                 *domain;

  /* The check in progress, or the last one */
  StiDomainCheck       *check;
  GCancellable         *cancellable;
  StiDomainReport      *report;
  GError               *check_error;
  GHashTable           *endpoint_rows;  /* "host\naddress" -> StiEndpointRow (tree-owned) */
  GHashTable           *host_groups;    /* host -> AdwPreferencesGroup (tree-owned) */
  gint64                check_started_us;
  guint                 tick_id;
  StiEndpointReport    *shown_endpoint;
  GtkTextView          *transcript_view;
  GtkFileChooserNative *chooser;
  guint                 recent_idle_id;
  gboolean              recent_dirty;

  /* A finished check whose results page waits in the build queue */
  StiDomainReport      *pending_report;
  /* The report shown was loaded from a file, not checked live */
  gboolean              offline;
  /* Loading a saved report (to show or to compare) */
  GCancellable         *file_cancellable;
  /* The export in progress, and the toast that shows it */
  GCancellable         *export_cancellable;
  AdwToast             *export_toast;
  /* Narrower than the header bar needs for every action */
  gboolean              narrow;
  /* Check Again with a comparison: the report before */
  StiDomainReport      *compare_base;
};

/* sti-window.c */
void            sti_window_set_page                (StiWindow            *self,
                                                    const char           *page);
void            sti_window_update_actions          (StiWindow            *self);
void            sti_window_notify_busy             (StiWindow            *self);
void            sti_window_request_check           (StiWindow            *self,
                                                    const char           *domain);

/* sti-window-start.c */
void            sti_window_class_init_start        (GtkWidgetClass       *widget_class);
void            sti_window_show_input_error        (StiWindow            *self,
                                                    const char           *message);
void            sti_window_remember_domain         (StiWindow            *self,
                                                    const char           *domain);
void            sti_window_build_demo_list         (StiWindow            *self);
void            sti_window_rebuild_recent          (StiWindow            *self);
void            sti_window_queue_recent_rebuild    (StiWindow            *self);
void            sti_window_setup_recent            (StiWindow            *self);

/* sti-window-check.c */
void            sti_window_start_check             (StiWindow            *self,
                                                    const char           *domain);
void            sti_window_stop_check              (StiWindow            *self);
void            sti_window_show_settings_problem   (StiWindow            *self,
                                                    const char           *message);
void            sti_window_detach_check            (StiWindow            *self);

/* sti-window-results.c */
void            sti_window_clear_results           (StiWindow            *self);
AdwPreferencesGroup *sti_window_ensure_host_group  (StiWindow            *self,
                                                    const char           *host,
                                                    guint                 preference,
                                                    gboolean              implicit);
StiEndpointRow *sti_window_ensure_endpoint_row     (StiWindow            *self,
                                                    const char           *host,
                                                    guint                 preference,
                                                    const char           *address);
void            sti_window_set_endpoint_stage      (StiWindow            *self,
                                                    const char           *host,
                                                    const char           *address,
                                                    StiStage              stage);
void            sti_window_set_endpoint_finished   (StiWindow            *self,
                                                    StiEndpointReport    *endpoint);
void            sti_window_tick_endpoints          (StiWindow            *self);
void            sti_window_stop_endpoints          (StiWindow            *self);
void            sti_window_show_report             (StiWindow            *self,
                                                    StiDomainReport      *report);
void            sti_window_queue_build             (StiWindow            *self,
                                                    StiDomainReport      *report);
void            sti_window_unqueue_build           (StiWindow            *self);
void            sti_window_show_endpoint           (StiWindow            *self,
                                                    StiEndpointReport    *endpoint);
void            sti_window_clear_endpoint          (StiWindow            *self);

/* sti-window-actions.c */
void            sti_window_class_init_actions      (GtkWidgetClass       *widget_class);
GtkFileChooser *sti_window_chooser_new             (StiWindow            *self,
                                                    const char           *title,
                                                    GtkFileChooserAction  action,
                                                    const char           *accept_label,
                                                    GCallback             response_cb);

/* sti-window-layout.c */
void            sti_window_init_layout             (StiWindow            *self);
void            sti_window_focus_verdict           (StiWindow            *self);

/* sti-window-reports.c */
void            sti_window_class_init_reports      (GtkWidgetClass       *widget_class);
void            sti_window_set_offline             (StiWindow            *self,
                                                    gboolean              offline);
void            sti_window_show_comparison         (StiWindow            *self,
                                                    StiDomainReport      *other);

/* sti-window-assist.c */
void            sti_window_class_init_assist       (GtkWidgetClass       *widget_class);

G_END_DECLS
