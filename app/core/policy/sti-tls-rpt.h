/* sti-tls-rpt.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* SMTP TLS Reporting (RFC 8460): the `_smtp._tls.<domain>` TXT record.
 * Pure and synchronous; findings and their severities are listed at the
 * top of sti-tls-rpt.c. */

/* The one valid `v=TLSRPTv1` record of a domain. Immutable, reference
 * counted; fields are read-only. */
typedef struct
{
  char **rua;   /* the report URIs (mailto: or https:), sanitized, NULL-terminated */
  char  *text;  /* the whole record as published, sanitized */
} StiTlsRptRecord;

#define STI_TYPE_TLS_RPT_RECORD (sti_tls_rpt_record_get_type ())

GType            sti_tls_rpt_record_get_type (void) G_GNUC_CONST;
StiTlsRptRecord *sti_tls_rpt_record_ref      (StiTlsRptRecord *record);
void             sti_tls_rpt_record_unref    (StiTlsRptRecord *record);
StiTlsRptRecord *sti_tls_rpt_record_parse    (GPtrArray       *txt_rdata,
                                              const char      *domain,
                                              GPtrArray       *findings_out);
char            *sti_tls_rpt_suggest_record  (const char      *domain,
                                              const char      *mailbox);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiTlsRptRecord, sti_tls_rpt_record_unref)

G_END_DECLS
