/* sti-domain-check.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-defaults.h"
#include "sti-check-target.h"
#include "sti-domain-report.h"
#include "sti-endpoint-report.h"
#include "sti-probe-pool.h"
#include "sti-resolver.h"
#include "sti-trust-store.h"
#include "sti-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *ehlo_name;         /* NULL: our own address literal, e.g. [192.0.2.1]
                                  (RFC 5321 §4.1.3) */
  guint     connect_timeout_ms;
  guint     stage_timeout_ms;
  guint     total_timeout_ms;  /* per endpoint: a slow-drip server cannot stretch it */
  guint16   port;              /* 0: the SMTP port, 25 */
  gboolean  use_ipv6;          /* FALSE: AAAA addresses are reported, not probed */
  guint     mx_cap;            /* MX hosts probed, in preference order */
  guint     address_cap;       /* addresses probed per MX host and family */
  gboolean  probe_old_tls;     /* one more connection per address: are TLS 1.0/1.1 still
                                  accepted? */
  guint16   https_port;        /* 0: 443, where the MTA-STS policy host is asked */
  GTlsDatabase *policy_trust;  /* nullable: anchors for the MTA-STS policy host besides
                                  the system's;
                                  NULL: the trust store's extra anchors */
  StiProbePool *probe_pool;    /* nullable: worker threads for the probes;
                                  NULL: they run on the caller's main context */
} StiCheckOptions;

#define STI_TYPE_CHECK_OPTIONS (sti_check_options_get_type ())

GType            sti_check_options_get_type (void) G_GNUC_CONST;
StiCheckOptions *sti_check_options_new      (void);
StiCheckOptions *sti_check_options_copy     (const StiCheckOptions *options);
void             sti_check_options_free     (StiCheckOptions       *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiCheckOptions, sti_check_options_free)

#define STI_TYPE_DOMAIN_CHECK (sti_domain_check_get_type ())

G_DECLARE_FINAL_TYPE (StiDomainCheck, sti_domain_check, STI, DOMAIN_CHECK, GObject)

StiDomainCheck  *sti_domain_check_new        (const StiCheckTarget   *target,
                                              const StiCheckOptions  *options,
                                              StiResolver            *resolver,
                                              StiTrustStore          *trust);
void             sti_domain_check_run_async  (StiDomainCheck         *self,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
StiDomainReport *sti_domain_check_run_finish (StiDomainCheck         *self,
                                              GAsyncResult           *result,
                                              GError                **error);

G_END_DECLS
