/* sti-request-assistant-private.h: what the files of StiRequestAssistant share
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-request-assistant.h"

G_BEGIN_DECLS

/* What to do with a file the user chose (once per file when several) */
typedef void (*RaFileChosen) (StiRequestAssistant *self,
                              GFile               *file);

/* StiRequestAssistant lives in three files, each installing its own actions:
 *   sti-request-assistant.c         the class, the steps, the names and the terms
 *   sti-request-assistant-key.c     the key, the request, saving them, the next steps
 *   sti-request-assistant-bundle.c  the certificate files, the chain file, check again */

struct _StiRequestAssistant
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *names_group;
  AdwEntryRow          *name_entry;
  GtkLabel             *name_error;
  AdwPreferencesGroup  *coverage_group;
  AdwPreferencesGroup  *terms_group;
  AdwPreferencesGroup  *key_group;
  GtkSpinner           *make_spinner;
  GtkLabel             *key_error;
  AdwPreferencesGroup  *made_group;
  AdwBin               *guidance_bin;
  GtkScrolledWindow    *bundle_scroll;
  AdwPreferencesGroup  *files_group;
  AdwActionRow         *bundle_key_row;
  GtkSpinner           *build_spinner;
  GtkBox               *result_box;

  /* Owned references */
  GPtrArray            *names;        /* char *: A-labels, in order */
  GStrv                 mx_names;     /* the report's MX hosts, A-labels; never NULL */
  char                 *domain;       /* the report's domain, or NULL */
  StiTrustStore        *trust;
  GCancellable         *cancellable;
  StiKeyType            key_type;
  GFile                *reuse_key_file;
  StiPrivateKey        *key;
  GBytes               *request;
  char                 *key_path;
  char                 *request_path;
  GPtrArray            *cert_files;   /* GFile */
  GFile                *bundle_key_file;
  StiPrivateKey        *bundle_key;
  StiChainBundle       *bundle;
  char                 *chain_path;
  char                 *pkcs12_path;
  AdwPasswordEntryRow  *password_row;
  AdwBin               *bundle_guidance;
  GtkFileChooserNative *chooser;
  RaFileChosen          chosen;
  AdwToast             *toast;        /* the last one shown */
  gboolean              making;
  gboolean              building;

  /* Made by the key step */
  GtkWidget            *reuse_row;
  GtkWidget            *key_row;
  GtkWidget            *request_row;

  /* Borrowed references */
  GtkWindow            *parent;       /* weak: the main window, for Check Again */
};

/* sti-request-assistant.c */
void       ra_update_step        (StiRequestAssistant  *self);
GtkWidget *ra_guidance_new       (const char           *text);
void       ra_toast              (StiRequestAssistant  *self,
                                  const char           *text);
void       ra_toast_error        (StiRequestAssistant  *self,
                                  const GError         *error);
void       ra_choose_file        (StiRequestAssistant  *self,
                                  const char           *title,
                                  GtkFileChooserAction  action,
                                  const char           *current_name,
                                  gboolean              multiple,
                                  RaFileChosen          chosen);

/* sti-request-assistant-key.c */
void       ra_class_init_key     (GtkWidgetClass       *widget_class);
void       ra_init_key           (StiRequestAssistant  *self);
void       ra_show_guidance      (StiRequestAssistant  *self);
gboolean   ra_key_step_done      (StiRequestAssistant  *self);
void       ra_forget_request     (StiRequestAssistant  *self);

/* sti-request-assistant-bundle.c */
void       ra_class_init_bundle  (GtkWidgetClass       *widget_class);
void       ra_init_bundle        (StiRequestAssistant  *self);
void       ra_update_bundle_key  (StiRequestAssistant  *self);

G_END_DECLS
