/* sti-domain-check-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-domain-check.h"

#include "sti-endpoint-probe.h"
#include "sti-mta-sts.h"
#include "sti-mta-sts-evidence.h"
#include "sti-sni-comparison.h"

G_BEGIN_DECLS

/* What the parts of the domain check share: sti-domain-check.c runs the
 * DNS queries and completes the check, sti-domain-check-mx.c turns the MX
 * and address answers into hosts and endpoints, sti-domain-check-probes.c
 * schedules and analyses the probe of each endpoint,
 * sti-domain-check-policy.c looks up MTA-STS, TLS-RPT and DANE, and
 * sti-domain-check-report.c assembles the report. */

#define SMTP_PORT 25

typedef struct _HostState HostState;
typedef struct _SniState SniState;

typedef struct
{
  HostState          *host;        /* borrowed: the host owns us */
  GInetSocketAddress *address;
  char               *address_str;
  gboolean            is_ipv6;
  StiStage            stage;
  StiEndpointProbe   *probe;
  StiEndpointReport  *report;

  /* What the report is built from, gathered by the parts below */
  gint64              deadline_us;   /* every connection to the endpoint ends by then */
  StiProbeResult     *result;        /* the main probe's */
  GPtrArray          *findings;
  GPtrArray          *certificates;
  GPtrArray          *built_chain;   /* of StiChainLink */
  gboolean            verified;
  guint               parts;         /* chain analysis and the old-TLS probe still running */
  SniState           *sni;           /* the dialogue without SNI beside the main one */
  StiSniComparison   *without_sni;
  GPtrArray          *dane_matches;  /* of StiDaneMatch; NULL until DANE was judged */
} EndpointState;

/* One asynchronous part of an endpoint's work (a chain analysis). */
typedef struct
{
  StiDomainCheck *self;
  EndpointState  *endpoint;
} CheckPart;

struct _HostState
{
  char          *name;
  char          *name_unicode;
  guint          preference;
  gboolean       implicit;
  gboolean       ip_literal;
  GPtrArray     *findings;
  GPtrArray     *endpoints;     /* EndpointState */
  StiDnsAnswer  *a_answer;
  StiDnsAnswer  *aaaa_answer;
  StiDnsAnswer  *tlsa_answer;
  gboolean       tlsa_done;
  GPtrArray     *dane_waiting;  /* EndpointState (borrowed) waiting for the TLSA answer */
  guint          beyond_mx_cap; /* the MX cap it fell beyond, unchecked; 0 when checked */
};

typedef enum
{
  QUERY_MX,
  QUERY_MTA_STS_TXT,
  QUERY_MTA_STS_HOST_A,
  QUERY_MTA_STS_HOST_AAAA,
  QUERY_TLS_RPT_TXT,
  QUERY_TLSA,
  QUERY_HOST_A,
  QUERY_HOST_AAAA,
  QUERY_EVIDENCE,
} QueryKind;

struct _StiDomainCheck
{
  GObject parent_instance;

  /* Owned references */
  StiCheckTarget  *target;
  StiCheckOptions *options;
  StiResolver     *resolver;
  StiTrustStore   *trust;
  GTask           *task;         /* while running */
  GDateTime       *started_at;

  GPtrArray       *hosts;        /* HostState, in preference order */
  GPtrArray       *evidence;     /* StiDnsEvidence, in query order */
  GPtrArray       *findings;     /* domain-level StiFinding */
  GPtrArray       *skipped;      /* char *: what was not probed and why */
  GHashTable      *busy;         /* address string -> GQueue of waiting EndpointState */
  StiDnsAnswer    *sts_host_answers[2];  /* A and AAAA of mta-sts.<domain> */
  StiMtaStsPolicy *sts_policy;   /* fetched and usable */
  StiMtaStsEvidence *sts_evidence; /* the fetch as the report keeps it */
  gboolean         sts_evaluated;
  guint            pending;
  guint            implicit_pending;
};

enum {
  CHECK_HOST_ADDED,
  CHECK_ENDPOINT_ADDED,
  CHECK_ENDPOINT_STAGE_CHANGED,
  CHECK_ENDPOINT_FINISHED,
  CHECK_LOOKUP,
  CHECK_N_SIGNALS
};

extern guint check_signals[CHECK_N_SIGNALS];

/* sti-domain-check.c */
HostState         *check_host_state_new         (const char      *name,
                                                 guint            preference,
                                                 gboolean         implicit);
void               check_start_query            (StiDomainCheck  *self,
                                                 const char      *name,
                                                 guint16          rrtype,
                                                 QueryKind        kind,
                                                 HostState       *host);
void               check_maybe_complete         (StiDomainCheck  *self);
GVariant          *check_params_host            (const char      *host);

/* sti-domain-check-mx.c */
void               check_handle_mx_answer       (StiDomainCheck  *self,
                                                 StiDnsAnswer    *answer);
void               check_resolve_host           (StiDomainCheck  *self,
                                                 HostState       *host);
void               check_host_addresses_done    (StiDomainCheck  *self,
                                                 HostState       *host);

/* sti-domain-check-probes.c */
guint16            check_endpoint_port          (StiDomainCheck  *self);
EndpointState     *check_add_endpoint           (StiDomainCheck  *self,
                                                 HostState       *host,
                                                 GInetAddress    *address);
void               check_schedule_probe         (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_endpoint_part_done     (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_probe_options_init     (StiDomainCheck  *self,
                                                 StiProbeOptions *options);
void               check_analyze_chain          (StiDomainCheck  *self,
                                                 EndpointState   *endpoint,
                                                 GPtrArray       *chain,
                                                 GBytes          *ocsp,
                                                 GAsyncReadyCallback callback);
void               check_part_done              (CheckPart       *part);

/* sti-domain-check-sni.c */
void               check_sni_prepare            (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_sni_start              (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_sni_main_done          (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_sni_state_free         (SniState        *sni);

/* sti-domain-check-policy.c */
void               check_handle_mta_sts_record  (StiDomainCheck  *self,
                                                 StiDnsAnswer    *answer);
void               check_handle_mta_sts_host    (StiDomainCheck  *self,
                                                 QueryKind        kind,
                                                 StiDnsAnswer    *answer);
void               check_handle_tls_rpt_record  (StiDomainCheck  *self,
                                                 StiDnsAnswer    *answer);
void               check_evaluate_mta_sts       (StiDomainCheck  *self);
void               check_dane_endpoint          (StiDomainCheck  *self,
                                                 EndpointState   *endpoint);
void               check_dane_host_done         (StiDomainCheck  *self,
                                                 HostState       *host);

/* sti-domain-check-report.c */
void               check_record_evidence        (StiDomainCheck  *self,
                                                 StiDnsAnswer    *answer);
StiEndpointReport *check_endpoint_report_new    (EndpointState   *endpoint);
StiDomainReport   *check_build_report           (StiDomainCheck  *self);

G_END_DECLS
