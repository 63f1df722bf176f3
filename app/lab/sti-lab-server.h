/* sti-lab-server.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-lab-ocsp.h"
#include "sti-tls-credentials.h"

G_BEGIN_DECLS

/* How one lab endpoint behaves. */
typedef enum
{
  STI_LAB_SERVER_SMTP,                  /* well-behaved SMTP with STARTTLS */
  STI_LAB_SERVER_SMTP_NO_STARTTLS,      /* STARTTLS not advertised, refused with 502 */
  STI_LAB_SERVER_SMTP_STARTTLS_REFUSED, /* advertised, answered with 454 4.7.0 */
  STI_LAB_SERVER_SMTP_GREETING_421,     /* 421 4.3.2 greeting, then close */
  STI_LAB_SERVER_SMTP_INJECTION,        /* 220 and a 250- line in one write, then TLS */
  STI_LAB_SERVER_SMTP_HOSTILE,          /* markup and invalid UTF-8 in banner and EHLO */
  STI_LAB_SERVER_HTTP,                  /* answers every GET with one fixed body (AIA) */
  STI_LAB_SERVER_OCSP,                  /* an OCSP responder over HTTP GET (RFC 6960 A.1) */
} StiLabServerKind;

#define STI_LAB_LINE_MAX 2048

#define STI_TYPE_LAB_SERVER (sti_lab_server_get_type ())

G_DECLARE_FINAL_TYPE (StiLabServer, sti_lab_server, STI, LAB_SERVER, GObject)

StiLabServer     *sti_lab_server_new               (StiLabServerKind                  kind,
                                                    const char                       *host_name);
StiLabServerKind  sti_lab_server_get_kind          (StiLabServer                     *self);
const char       *sti_lab_server_get_host_name     (StiLabServer                     *self);
void              sti_lab_server_set_credentials   (StiLabServer                     *self,
                                                    StiTlsCredentials                *creds);
void              sti_lab_server_set_http_body     (StiLabServer                     *self,
                                                    const char                       *content_type,
                                                    GBytes                           *body);
void              sti_lab_server_set_ocsp          (StiLabServer                     *self,
                                                    StiLabOcsp                       *ocsp);
void              sti_lab_server_set_https         (StiLabServer                     *self,
                                                    gboolean                          https);
void              sti_lab_server_set_http_redirect (StiLabServer                     *self,
                                                    const char                       *location);
void              sti_lab_server_set_tls_priority  (StiLabServer                     *self,
                                                    const char                       *priority);
void              sti_lab_server_set_max_connections (StiLabServer               *self,
                                                      guint                       max);
void              sti_lab_server_set_delay         (StiLabServer                     *self,
                                                    guint                             delay_ms);
void              sti_lab_server_set_timeouts      (StiLabServer                     *self,
                                                    guint                             idle_ms,
                                                    guint                             total_ms);
void              sti_lab_server_accept            (StiLabServer                     *self,
                                                    GSocketConnection                *connection);
void              sti_lab_server_close_all         (StiLabServer                     *self);
guint             sti_lab_server_get_n_connections (StiLabServer                     *self);

G_END_DECLS
