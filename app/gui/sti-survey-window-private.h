/* sti-survey-window-private.h: what the files of StiSurveyWindow share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-survey-window.h"

#include "sti-survey-summary-view.h"

G_BEGIN_DECLS

/* StiSurveyWindow lives in two files:
 *   sti-survey-window.c         the class: the list in, the live table, progress, summary
 *   sti-survey-window-export.c  the exports: JSON Lines, CSV, HTML summary, policy map */

struct _StiSurveyWindow
{
  AdwWindow               parent_instance;

  /* Template widgets */
  AdwToastOverlay        *toast_overlay;
  AdwWindowTitle         *window_title;
  GtkWidget              *cancel_button;
  GtkWidget              *export_button;
  GtkStack               *stack;
  GtkTextView            *list_view;
  GtkLabel               *input_error_label;
  GtkProgressBar         *progress_bar;
  GtkSearchEntry         *search_entry;
  GtkColumnView          *column_view;
  GtkColumnViewColumn    *domain_column;
  GtkColumnViewColumn    *mx_column;
  GtkColumnViewColumn    *starttls_column;
  GtkColumnViewColumn    *verified_column;
  GtkColumnViewColumn    *policies_column;
  GtkColumnViewColumn    *readiness_column;
  StiSurveySummaryView   *summary_view;

  /* Owned references */
  StiCheckSession        *session;
  StiCheckSessionOptions *options;
  StiSurveyFeed          *feed;
  GtkFilter              *filter;
  GtkSortListModel       *sorted;
  GtkFileChooserNative   *chooser;
  GCancellable           *cancellable;  /* file reads and writes */

  guint                   tick_id;
  gboolean                summary_dirty;
};

/* sti-survey-window-export.c */
void sti_survey_window_class_init_export (GtkWidgetClass  *widget_class);
void sti_survey_window_toast             (StiSurveyWindow *self,
                                          const char      *text);

G_END_DECLS
