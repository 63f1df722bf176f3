/* sti-check-session.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-domain-check.h"
#include "sti-lab.h"
#include "sti-resolver.h"
#include "sti-trust-store.h"

G_BEGIN_DECLS

#define STI_CHECK_SESSION_ERROR (sti_check_session_error_quark ())

/**
 * StiCheckSessionError:
 * @STI_CHECK_SESSION_ERROR_TARGET: the text is not something to check
 * @STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING: a demo lab domain, and the lab
 *   neither runs nor starts on demand
 * @STI_CHECK_SESSION_ERROR_LAB: the demo lab could not start
 * @STI_CHECK_SESSION_ERROR_TRUST_STORE: the system trust store could not load
 * @STI_CHECK_SESSION_ERROR_CA_FILE: an extra CA file is unusable; the
 *   message names it
 * @STI_CHECK_SESSION_ERROR_DNS_SERVER: the DNS server is not an address
 * @STI_CHECK_SESSION_ERROR_RESOLVER: no resolver could be set up
 *
 * Which step of setting up a check failed. The message is the reason; a
 * caller adds its own words (the CLI names its flags) or shows it as is.
 */
typedef enum
{
  STI_CHECK_SESSION_ERROR_TARGET,
  STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING,
  STI_CHECK_SESSION_ERROR_LAB,
  STI_CHECK_SESSION_ERROR_TRUST_STORE,
  STI_CHECK_SESSION_ERROR_CA_FILE,
  STI_CHECK_SESSION_ERROR_DNS_SERVER,
  STI_CHECK_SESSION_ERROR_RESOLVER,
} StiCheckSessionError;

GQuark sti_check_session_error_quark (void);

/**
 * StiCheckSessionOptions:
 * @check: the check's own options, starting from the core defaults
 *   (sti-check-defaults.h); the session sets the ports for lab domains
 * @dns_server: (nullable): the DNS server to ask, `ADDR[@PORT]`; %NULL or
 *   empty for the system's resolver configuration
 * @ca_files: (nullable) (array zero-terminated=1): CA files to trust besides
 *   the system store
 *
 * What a user may choose for a check: the CLI fills it from its flags, the
 * window from GSettings, both through the setters, which store text without
 * surrounding white space and an empty value as %NULL (the default).
 */
typedef struct
{
  StiCheckOptions  *check;
  char             *dns_server;
  char            **ca_files;
} StiCheckSessionOptions;

#define STI_TYPE_CHECK_SESSION_OPTIONS (sti_check_session_options_get_type ())

GType                   sti_check_session_options_get_type (void) G_GNUC_CONST;
StiCheckSessionOptions *sti_check_session_options_new      (void);
StiCheckSessionOptions *sti_check_session_options_copy     (const StiCheckSessionOptions *options);
void                    sti_check_session_options_free     (StiCheckSessionOptions       *options);

void sti_check_session_options_set_dns_server (StiCheckSessionOptions *options,
                                               const char             *dns_server);
void sti_check_session_options_set_ca_files   (StiCheckSessionOptions *options,
                                               const char * const     *ca_files);
void sti_check_session_options_set_ehlo_name  (StiCheckSessionOptions *options,
                                               const char             *ehlo_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiCheckSessionOptions, sti_check_session_options_free)

#define STI_TYPE_CHECK_SESSION (sti_check_session_get_type ())

G_DECLARE_FINAL_TYPE (StiCheckSession, sti_check_session, STI, CHECK_SESSION, GObject)

StiCheckSession *sti_check_session_new               (gboolean                       lab_thread);
gboolean         sti_check_session_get_lab_on_demand (StiCheckSession               *self);
void             sti_check_session_set_lab_on_demand (StiCheckSession               *self,
                                                      gboolean                       lab_on_demand);
StiLab          *sti_check_session_get_lab           (StiCheckSession               *self);
StiLab          *sti_check_session_ensure_lab        (StiCheckSession               *self,
                                                      GError                       **error);
StiTrustStore   *sti_check_session_get_trust_store   (StiCheckSession               *self);
StiResolver     *sti_check_session_get_resolver      (StiCheckSession               *self);
StiDomainCheck  *sti_check_session_create_check      (StiCheckSession               *self,
                                                      const char                    *target_text,
                                                      const StiCheckSessionOptions  *options,
                                                      GError                       **error);

G_END_DECLS
