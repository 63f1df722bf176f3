/* sti-certificate-window-private.h: what the files of StiCertificateWindow share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-certificate-window.h"

G_BEGIN_DECLS

/* The certificate viewer lives in six files:
 *   sti-certificate-window.c             the class, what it shows, public API
 *   sti-certificate-window-page.c        the sections of the certificate shown
 *   sti-certificate-window-chain.c       the chain sidebar
 *   sti-certificate-window-file.c        files: open, drop, copy and save
 *   sti-certificate-window-chain-file.c  the chain file as built; the private-key warning
 *   sti-certificate-window-layout.c      narrow windows, and which actions apply
 *
 * It renders StiCertificateSections and nothing else: every value shown
 * comes from the model, already sanitized, and goes into plain labels
 * (use-markup FALSE). Markup only ever carries our own strings, escaped. */

struct _StiCertificateWindow
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  AdwLeaflet        *leaflet;
  GtkWidget         *chain_button;
  GtkWidget         *save_button;
  GtkToggleButton   *explain_button;
  GtkLabel          *chain_title;
  GtkListBox        *chain_list;
  GtkLabel          *chain_note;
  GtkLabel          *built_title;
  GtkListBox        *built_list;
  GtkStack          *content_stack;
  AdwStatusPage     *status_page;
  GtkBox            *details_box;

  /* Owned references */
  GSettings         *settings;
  GCancellable      *cancellable;
  GPtrArray         *models;          /* of StiCertificateSections */
  StiFinding        *finding;
  StiEndpointReport *endpoint;        /* whose chain is shown, if any */
  char              *highlight_field;
  char              *error;
  char              *file_name;       /* the file shown came from, for display; NULL
                                         for a chain from a check */
  GPtrArray         *built_models;    /* of StiCertificateSections: the endpoint's chain
                                         as built, the certificates that were not sent */

  /* Borrowed references */
  GtkWidget         *page;            /* the current AdwPreferencesPage */
  GtkWidget         *highlight_row;
  StiCertificateSections *extra_model; /* one of built_models, shown instead of
                                          models[position] */
  GtkWidget         *key_banner;      /* shown when the opened file holds a private key */

  guint              position;
  guint              chain_button_idle_id;
  guint              loading : 1;
  guint              from_file : 1;   /* opened from a file or data, not a check */
  guint              explain : 1;
  guint              rebuilding_list : 1;
};

/* sti-certificate-window.c */
void                    sti_certificate_window_show_error       (StiCertificateWindow *self,
                                                                 const char           *message);
void                    sti_certificate_window_set_models       (StiCertificateWindow *self,
                                                                 GPtrArray            *models,
                                                                 guint                 position);

/* sti-certificate-window-page.c */
GtkWidget              *sti_certificate_window_label_new        (const char           *text,
                                                                 const char           *css_class);
StiCertificateSections *sti_certificate_window_current_model    (StiCertificateWindow *self);
void                    sti_certificate_window_build_page       (StiCertificateWindow *self);

/* sti-certificate-window-chain.c */
void                    sti_certificate_window_init_chain       (StiCertificateWindow *self);
void                    sti_certificate_window_rebuild_chain    (StiCertificateWindow *self);

/* sti-certificate-window-chain-file.c */
void                    sti_certificate_window_class_init_chain_file (GtkWidgetClass  *widget_class);
void                    sti_certificate_window_init_chain_file  (StiCertificateWindow *self);
void                    sti_certificate_window_set_key_warning  (StiCertificateWindow *self,
                                                                 gboolean              shown);

/* sti-certificate-window-layout.c */
void                    sti_certificate_window_class_init_layout (GtkWidgetClass     *widget_class);
void                    sti_certificate_window_init_layout      (StiCertificateWindow *self);
void                    sti_certificate_window_show_content     (StiCertificateWindow *self);
void                    sti_certificate_window_update_file_actions
                                                                (StiCertificateWindow *self);

/* sti-certificate-window-file.c */
void                    sti_certificate_window_class_init_file  (GtkWidgetClass       *widget_class);
void                    sti_certificate_window_init_file        (StiCertificateWindow *self);
void                    sti_certificate_window_write_file       (StiCertificateWindow *self,
                                                                 GFile                *file,
                                                                 char                 *text);

G_END_DECLS
