/* sti-request-assistant.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sti-chain-bundle.h"
#include "sti-domain-report.h"
#include "sti-private-key.h"
#include "sti-trust-store.h"

G_BEGIN_DECLS

#define STI_TYPE_REQUEST_ASSISTANT (sti_request_assistant_get_type ())

G_DECLARE_FINAL_TYPE (StiRequestAssistant, sti_request_assistant, STI, REQUEST_ASSISTANT, AdwWindow)

StiRequestAssistant *sti_request_assistant_new           (GtkWindow           *parent,
                                                          StiDomainReport     *report,
                                                          StiTrustStore       *trust);
void                 sti_request_assistant_show_step     (StiRequestAssistant *self,
                                                          const char          *step);
const char          *sti_request_assistant_get_step      (StiRequestAssistant *self);
gboolean             sti_request_assistant_add_name      (StiRequestAssistant *self,
                                                          const char          *name,
                                                          GError             **error);
void                 sti_request_assistant_remove_name   (StiRequestAssistant *self,
                                                          const char          *name);
GStrv                sti_request_assistant_dup_names     (StiRequestAssistant *self);
GStrv                sti_request_assistant_dup_uncovered (StiRequestAssistant *self);
StiPrivateKey       *sti_request_assistant_get_key       (StiRequestAssistant *self);
GBytes              *sti_request_assistant_get_request   (StiRequestAssistant *self);
gboolean             sti_request_assistant_save_key      (StiRequestAssistant *self,
                                                          GFile               *file,
                                                          GError             **error);
gboolean             sti_request_assistant_save_request  (StiRequestAssistant *self,
                                                          GFile               *file,
                                                          GError             **error);
void                 sti_request_assistant_add_certificate_file (StiRequestAssistant *self,
                                                                 GFile               *file);
gboolean             sti_request_assistant_get_building  (StiRequestAssistant *self);
StiChainBundle      *sti_request_assistant_get_bundle    (StiRequestAssistant *self);
gboolean             sti_request_assistant_save_chain    (StiRequestAssistant *self,
                                                          GFile               *file,
                                                          GError             **error);
gboolean             sti_request_assistant_save_pkcs12   (StiRequestAssistant *self,
                                                          GFile               *file,
                                                          const char          *password,
                                                          GError             **error);

G_END_DECLS
