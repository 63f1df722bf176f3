/* sti-mta-sts.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "sti-types.h"

G_BEGIN_DECLS

/* MTA-STS (RFC 8461): the `_mta-sts` TXT record, the HTTPS policy file,
 * and the coherence of the policy with the MX hosts as probed.
 *
 * Everything here is pure and main-thread only, except the fetch, which is
 * asynchronous on the thread-default main context. Findings are appended
 * to caller-supplied arrays (element type StiFinding, free func
 * g_object_unref); the finding ids and severities are the mta-sts-*
 * entries of the finding registry. Every string taken from the network is
 * sanitized (sti_text_sanitize()) before it reaches a finding or a struct
 * field documented as text. */

/* RFC 8461 §3.3: a policy body larger than this is refused. */
#define STI_MTA_STS_POLICY_MAX_SIZE   65536
/* RFC 8461 §3.2: max_age is at most one year. */
#define STI_MTA_STS_MAX_AGE_LIMIT     31557600
/* RFC 8461 §10: "about a minute" for the whole fetch. */
#define STI_MTA_STS_DEFAULT_TIMEOUT_MS 60000

typedef enum
{
  STI_MTA_STS_MODE_NONE,
  STI_MTA_STS_MODE_TESTING,
  STI_MTA_STS_MODE_ENFORCE,
} StiMtaStsMode;

const char *sti_mta_sts_mode_to_string (StiMtaStsMode mode);

/* The one valid `v=STSv1` record of a domain. Immutable, reference
 * counted; fields are read-only. */
typedef struct
{
  char *id;    /* the id= value: 1..32 ASCII letters and digits */
  char *text;  /* the whole record as published, sanitized */
} StiMtaStsRecord;

#define STI_TYPE_MTA_STS_RECORD (sti_mta_sts_record_get_type ())

GType            sti_mta_sts_record_get_type (void) G_GNUC_CONST;
StiMtaStsRecord *sti_mta_sts_record_ref      (StiMtaStsRecord *record);
void             sti_mta_sts_record_unref    (StiMtaStsRecord *record);
StiMtaStsRecord *sti_mta_sts_record_parse    (GPtrArray       *txt_rdata,
                                              const char      *domain,
                                              GPtrArray       *findings_out);

/* A syntactically valid policy file. Immutable, reference counted. */
typedef struct
{
  StiMtaStsMode  mode;
  gint64         max_age;  /* seconds, 0..STI_MTA_STS_MAX_AGE_LIMIT */
  char         **mx;       /* the mx patterns in file order, lower case, NULL-terminated */
  GBytes        *body;     /* the raw file, for the evidence */
} StiMtaStsPolicy;

#define STI_TYPE_MTA_STS_POLICY (sti_mta_sts_policy_get_type ())

GType            sti_mta_sts_policy_get_type (void) G_GNUC_CONST;
StiMtaStsPolicy *sti_mta_sts_policy_ref      (StiMtaStsPolicy *policy);
void             sti_mta_sts_policy_unref    (StiMtaStsPolicy *policy);
StiMtaStsPolicy *sti_mta_sts_policy_parse    (GBytes          *body,
                                              GPtrArray       *findings_out);

gboolean         sti_mta_sts_mx_matches      (const char      *pattern,
                                              const char      *mx_host);

/* The outcome of fetching a policy. Immutable, reference counted. */
typedef struct
{
  char                 *url;            /* what was requested */
  guint                 status;         /* HTTP status, 0 if no response */
  char                 *content_type;   /* sanitized media type, or NULL */
  char                 *location;       /* sanitized Location of a 3xx, or NULL */
  GTlsCertificateFlags  tls_errors;     /* why the certificate was refused, or 0 */
  GBytes               *body;           /* the body when it was read completely, or NULL */
  StiMtaStsPolicy      *policy;         /* the parsed policy, or NULL when unusable */
  GPtrArray            *findings;       /* StiFinding: every mta-sts-policy-* finding */
  gint64                duration_us;    /* wall time of the fetch */
  GPtrArray            *certificates;   /* StiCertificate: the policy host's chain as sent */
  gboolean              certificate_verified; /* by the system store or the extra anchors */
} StiMtaStsFetchResult;

#define STI_TYPE_MTA_STS_FETCH_RESULT (sti_mta_sts_fetch_result_get_type ())

GType                 sti_mta_sts_fetch_result_get_type (void) G_GNUC_CONST;
char                **sti_mta_sts_tls_error_reasons     (GTlsCertificateFlags  errors);
StiMtaStsFetchResult *sti_mta_sts_fetch_result_ref      (StiMtaStsFetchResult *result);
void                  sti_mta_sts_fetch_result_unref    (StiMtaStsFetchResult *result);

void                  sti_mta_sts_fetch_async           (SoupSession          *session,
                                                         const char           *domain,
                                                         GTlsDatabase         *extra_trust,
                                                         GPtrArray            *addresses,
                                                         guint16               port,
                                                         guint                 timeout_ms,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
StiMtaStsFetchResult *sti_mta_sts_fetch_finish          (GAsyncResult         *result,
                                                         GError              **error);

/* What the endpoint probes found for one (MX host, address). */
typedef struct
{
  const char *host;         /* the MX host name (trailing dot optional) */
  const char *address;      /* for the finding's text; nullable */
  gboolean    reached;      /* the SMTP dialogue got as far as EHLO */
  gboolean    starttls_ok;  /* STARTTLS offered and the handshake completed */
  gboolean    cert_valid;   /* the chain verified (PKIX, dates) for @host */
} StiMtaStsEndpointFacts;

GPtrArray  *sti_mta_sts_evaluate        (StiMtaStsPolicy              *policy,
                                         const char * const           *mx_hosts,
                                         const StiMtaStsEndpointFacts *endpoints,
                                         gsize                         n_endpoints);
char       *sti_mta_sts_suggest_record  (const char                   *domain,
                                         GDateTime                    *now);
char       *sti_mta_sts_format_record   (const char                   *domain,
                                         const char                   *id);
char       *sti_mta_sts_suggest_policy  (const char * const           *mx_hosts,
                                         StiMtaStsMode                 mode,
                                         gint64                        max_age);
gint64      sti_mta_sts_suggest_max_age (gint64                        observed,
                                         const char                  **source);
char      **sti_mta_sts_matched_hosts   (const char                   *pattern,
                                         const char * const           *mx_hosts);
char      **sti_mta_sts_unmatched_hosts (StiMtaStsPolicy              *policy,
                                         const char * const           *mx_hosts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiMtaStsRecord, sti_mta_sts_record_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiMtaStsPolicy, sti_mta_sts_policy_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiMtaStsFetchResult, sti_mta_sts_fetch_result_unref)

G_END_DECLS
