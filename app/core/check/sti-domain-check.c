/* sti-domain-check.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check.h"

#include "sti-chain-verify.h"
#include "sti-dane.h"
#include "sti-mta-sts.h"
#include "sti-tls-rpt.h"
#include "sti-chain-analysis.h"
#include "sti-tls-analysis.h"
#include "sti-base-enums.h"
#include "sti-dns-evidence.h"
#include "sti-endpoint-probe.h"
#include "sti-finding.h"
#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* From a domain to a report (DESIGN.md, Data flow):
 *
 *   MX lookup ─► one HostState per MX host ─► A + AAAA (+ TLSA evidence)
 *             ─► one EndpointState per address ─► StiEndpointProbe
 *             ─► chain verification ─► StiEndpointReport
 *
 * Everything runs on the main loop; `pending` counts the DNS queries and
 * probes in flight, and the check completes when it drops to zero. All
 * endpoints run in parallel, but at most one connection at a time goes to
 * any one address (DESIGN.md, decision 9): two MX names sharing an address
 * queue behind each other. */

#define SMTP_PORT 25

typedef struct _HostState HostState;

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
  StiProbeResult     *result;        /* the main probe's */
  GPtrArray          *findings;
  GPtrArray          *certificates;
  gboolean            verified;
  guint               parts;         /* chain analysis and the old-TLS probe still running */
} EndpointState;

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

typedef struct
{
  StiDomainCheck *self;
  QueryKind       kind;
  HostState      *host;          /* borrowed; NULL for domain queries */
} QueryData;

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
  gboolean         sts_evaluated;
  guint            pending;
  guint            implicit_pending;
};

G_DEFINE_FINAL_TYPE (StiDomainCheck, sti_domain_check, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (StiCheckOptions, sti_check_options, sti_check_options_copy,
                     sti_check_options_free)

enum {
  HOST_ADDED,
  ENDPOINT_ADDED,
  ENDPOINT_STAGE_CHANGED,
  ENDPOINT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_query (StiDomainCheck *self,
                         const char     *name,
                         guint16         rrtype,
                         QueryKind       kind,
                         HostState      *host);

StiCheckOptions *
sti_check_options_new (void)
{
  StiCheckOptions *options = g_new0 (StiCheckOptions, 1);

  options->ehlo_name = NULL;
  options->connect_timeout_ms = STI_CHECK_DEFAULT_CONNECT_TIMEOUT_MS;
  options->stage_timeout_ms = STI_CHECK_DEFAULT_STAGE_TIMEOUT_MS;
  options->total_timeout_ms = STI_CHECK_DEFAULT_TOTAL_TIMEOUT_MS;
  options->port = 0;
  options->use_ipv6 = STI_CHECK_DEFAULT_USE_IPV6;
  options->mx_cap = STI_CHECK_DEFAULT_MX_CAP;
  options->address_cap = STI_CHECK_DEFAULT_ADDRESS_CAP;

  return options;
}

StiCheckOptions *
sti_check_options_copy (const StiCheckOptions *options)
{
  StiCheckOptions *copy = g_memdup2 (options, sizeof *options);

  copy->ehlo_name = g_strdup (options->ehlo_name);
  if (options->policy_trust != NULL)
    g_object_ref (options->policy_trust);
  return copy;
}

void
sti_check_options_free (StiCheckOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->ehlo_name);
  g_clear_object (&options->policy_trust);
  g_free (options);
}

static void
endpoint_state_free (EndpointState *endpoint)
{
  g_clear_object (&endpoint->address);
  g_clear_pointer (&endpoint->address_str, g_free);
  g_clear_object (&endpoint->probe);
  g_clear_object (&endpoint->report);
  g_clear_object (&endpoint->result);
  g_clear_pointer (&endpoint->findings, g_ptr_array_unref);
  g_clear_pointer (&endpoint->certificates, g_ptr_array_unref);
  g_free (endpoint);
}

static void
host_state_free (HostState *host)
{
  g_clear_pointer (&host->name, g_free);
  g_clear_pointer (&host->name_unicode, g_free);
  g_clear_pointer (&host->findings, g_ptr_array_unref);
  g_clear_pointer (&host->endpoints, g_ptr_array_unref);
  g_clear_object (&host->a_answer);
  g_clear_object (&host->aaaa_answer);
  g_clear_object (&host->tlsa_answer);
  g_clear_pointer (&host->dane_waiting, g_ptr_array_unref);
  g_free (host);
}

static HostState *
host_state_new (const char *name,
                guint       preference,
                gboolean    implicit)
{
  HostState *host = g_new0 (HostState, 1);

  host->name = g_strdup (name);
  host->name_unicode = g_hostname_to_unicode (name);
  if (host->name_unicode == NULL)
    host->name_unicode = g_strdup (name);
  host->preference = preference;
  host->implicit = implicit;
  host->ip_literal = sti_is_ip_literal (name);
  host->findings = g_ptr_array_new_with_free_func (g_object_unref);
  host->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)endpoint_state_free);
  host->dane_waiting = g_ptr_array_new ();

  return host;
}

static GVariant *
params_host (const char *host)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);

  g_variant_dict_insert (dict, "host", "s", host);
  return g_variant_dict_end (dict);
}

static void
add_finding (GPtrArray  *findings,
             StiFinding *finding)
{
  g_ptr_array_add (findings, finding);
}

/* DNS failures of a lookup, in the words of DESIGN.md's ids. Returns TRUE
 * when the answer is unusable and a finding was added. */
static gboolean
add_dns_failure (GPtrArray    *findings,
                 StiDnsAnswer *answer,
                 const char   *what)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  const char *qname = sti_dns_answer_get_qname (answer);
  g_autofree char *shown = sti_text_sanitize_str (qname);
  g_autofree char *type = sti_dns_type_to_string (sti_dns_answer_get_qtype (answer));

  g_variant_dict_insert (dict, "name", "s", shown);
  g_variant_dict_insert (dict, "type", "s", type);
  g_variant_dict_insert (dict, "rcode", "x", (gint64)sti_dns_answer_get_rcode (answer));

  if (sti_dns_answer_get_dnssec_status (answer) == STI_DNSSEC_BOGUS)
    {
      const char *why = sti_dns_answer_get_why_bogus (answer);

      g_variant_dict_insert (dict, "reason", "s", why != NULL ? why : "");
      add_finding (findings,
                   sti_finding_new_printf ("dnssec-bogus",
                                           g_variant_dict_end (dict),
                                           /* Translators: %s are a DNS type, a name and a
                                            * resolver's reason */
                                           _("The %s answer for %s failed DNSSEC validation: %s"),
                                           type, shown, why != NULL ? why : _("no reason given")));
      return TRUE;
    }

  switch (sti_dns_answer_get_result (answer))
    {
    case STI_DNS_RCODE_KIND_NOERROR:
    case STI_DNS_RCODE_KIND_NODATA:
      return FALSE;

    case STI_DNS_RCODE_KIND_NXDOMAIN:
      add_finding (findings,
                   sti_finding_new_printf ("dns-nxdomain",
                                           g_variant_dict_end (dict),
                                           /* Translators: the first %s is a name, the second
                                            * what it is for */
                                           _("%s does not exist in DNS (NXDOMAIN, "
                                             "looked up for %s)."),
                                           shown, what));
      return TRUE;

    case STI_DNS_RCODE_KIND_TIMEOUT:
      add_finding (findings,
                   sti_finding_new_printf ("dns-timeout",
                                           g_variant_dict_end (dict),
                                           _("The %s lookup for %s got no answer in time."),
                                           type, shown));
      return TRUE;

    case STI_DNS_RCODE_KIND_SERVFAIL:
    case STI_DNS_RCODE_KIND_OTHER:
    default:
      add_finding (findings,
                   sti_finding_new_printf ("dns-servfail",
                                           g_variant_dict_end (dict),
                                           _("The %s lookup for %s failed "
                                             "on the DNS side (rcode %d)."),
                                           type, shown, sti_dns_answer_get_rcode (answer)));
      return TRUE;
    }
}

static char *
normalize_host_name (const char *name)
{
  g_autofree char *down = g_ascii_strdown (name, -1);
  gsize len = strlen (down);

  if (len > 1 && down[len - 1] == '.')
    down[len - 1] = '\0';

  return g_steal_pointer (&down);
}

static void
maybe_complete (StiDomainCheck *self);

static void
record_evidence (StiDomainCheck *self,
                 StiDnsAnswer   *answer)
{
  StiDnsEvidence *evidence = sti_dns_evidence_new ();
  g_auto(GStrv) records = sti_dns_answer_dup_presentation (answer);
  g_autofree char *type = sti_dns_type_to_string (sti_dns_answer_get_qtype (answer));

  sti_dns_evidence_set_qname (evidence, sti_dns_answer_get_qname (answer));
  sti_dns_evidence_set_qtype (evidence, type);
  sti_dns_evidence_set_result (evidence,
                               sti_dns_rcode_kind_to_string (sti_dns_answer_get_result (answer)));
  sti_dns_evidence_set_rcode (evidence, sti_dns_answer_get_rcode (answer));
  sti_dns_evidence_set_ttl (evidence, sti_dns_answer_get_ttl (answer));
  sti_dns_evidence_set_dnssec (evidence, sti_dns_answer_get_dnssec_status (answer));
  sti_dns_evidence_set_why_bogus (evidence, sti_dns_answer_get_why_bogus (answer));
  sti_dns_evidence_set_records (evidence, (const char * const *)records);

  g_ptr_array_add (self->evidence, evidence);
}

/* The probe's raw record plus the verification, as the immutable report. */
static StiEndpointReport *
endpoint_report_new (EndpointState  *endpoint,
                     StiProbeResult *result,
                     GPtrArray      *certificates,
                     gboolean        verified,
                     GPtrArray      *findings)
{
  StiEndpointReport *report = sti_endpoint_report_new ();
  GPtrArray *transcript = sti_probe_result_get_transcript (result);

  sti_endpoint_report_set_host (report, endpoint->host->name);
  sti_endpoint_report_set_address (report, endpoint->address_str);
  sti_endpoint_report_set_port (report, sti_probe_result_get_port (result));
  sti_endpoint_report_set_family (report, endpoint->is_ipv6 ? "ipv6" : "ipv4");
  sti_endpoint_report_set_reachable (report, sti_probe_result_get_reachable (result));
  sti_endpoint_report_set_stage (report, sti_probe_result_get_stage (result));
  sti_endpoint_report_set_starttls_offered (report, sti_probe_result_get_starttls_offered (result));
  sti_endpoint_report_set_starttls_accepted (report,
                                             sti_probe_result_get_starttls_accepted (result));
  sti_endpoint_report_set_tls_established (report, sti_probe_result_get_tls_established (result));
  sti_endpoint_report_set_greeting (report, sti_probe_result_get_greeting_text (result));
  sti_endpoint_report_set_caps_before (report, sti_probe_result_get_caps_before_tls (result));
  sti_endpoint_report_set_caps_after (report, sti_probe_result_get_caps_after_tls (result));
  sti_endpoint_report_set_tls_version (report, sti_probe_result_get_tls_version (result));
  sti_endpoint_report_set_cipher_suite (report, sti_probe_result_get_cipher_suite (result));
  sti_endpoint_report_set_kx_group (report, sti_probe_result_get_kx_group (result));
  sti_endpoint_report_set_signature_algorithm (report,
                                               sti_probe_result_get_signature_algorithm (result));
  sti_endpoint_report_set_ocsp_response (report, sti_probe_result_get_ocsp_response (result));
  sti_endpoint_report_set_certificate_verified (report, verified);
  sti_endpoint_report_set_timings (report, sti_probe_result_get_timings (result));
  sti_endpoint_report_set_error_detail (report, sti_probe_result_get_error_detail (result));

  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    sti_endpoint_report_add_certificate (report, g_ptr_array_index (certificates, i));
  for (guint i = 0; transcript != NULL && i < transcript->len; i++)
    sti_endpoint_report_add_transcript_line (report, g_ptr_array_index (transcript, i));
  for (guint i = 0; i < findings->len; i++)
    sti_endpoint_report_add_finding (report, g_ptr_array_index (findings, i));

  return report;
}

static guint16
endpoint_port (StiDomainCheck *self)
{
  if (self->target->direct && self->target->port != 0)
    return self->target->port;
  if (self->options->port != 0)
    return self->options->port;
  return SMTP_PORT;
}

static const char *
endpoint_host_name (EndpointState *endpoint)
{
  return endpoint->host->name;
}

static void
set_stage (StiDomainCheck *self,
           EndpointState  *endpoint,
           StiStage        stage)
{
  if (endpoint->stage == stage)
    return;

  endpoint->stage = stage;
  g_signal_emit (self, signals[ENDPOINT_STAGE_CHANGED], 0,
                 endpoint_host_name (endpoint), endpoint->address_str, stage);
}

static void start_probe        (StiDomainCheck *self,
                                EndpointState  *endpoint);
static void endpoint_part_done (StiDomainCheck *self,
                                EndpointState  *endpoint);

static void
release_address (StiDomainCheck *self,
                 const char     *address_str)
{
  GQueue *waiting = g_hash_table_lookup (self->busy, address_str);
  EndpointState *next;

  if (waiting == NULL)
    return;

  next = g_queue_pop_head (waiting);
  if (next == NULL)
    {
      g_hash_table_remove (self->busy, address_str);
      return;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      g_autoptr(GPtrArray) dropped = g_ptr_array_new ();

      /* Nothing more starts; drop whoever else waits. An old-TLS probe
       * that never ran is a part of its endpoint that is over. */
      g_ptr_array_add (dropped, next);
      while ((next = g_queue_pop_head (waiting)) != NULL)
        g_ptr_array_add (dropped, next);
      g_hash_table_remove (self->busy, address_str);

      for (guint i = 0; i < dropped->len; i++)
        {
          EndpointState *endpoint = g_ptr_array_index (dropped, i);

          self->pending--;
          if (endpoint->result != NULL)
            endpoint_part_done (self, endpoint);
        }
      maybe_complete (self);
      return;
    }

  start_probe (self, next);
}

static void
probe_stage_changed_cb (StiEndpointProbe *probe,
                        StiStage          stage,
                        EndpointState    *endpoint)
{
  StiDomainCheck *self = g_object_get_data (G_OBJECT (probe), "sti-domain-check");

  g_assert (STI_IS_DOMAIN_CHECK (self));

  /* The probe reports DONE when its dialogue ends; verification follows. */
  if (stage != STI_STAGE_DONE)
    set_stage (self, endpoint, stage);
}

typedef struct
{
  StiDomainCheck *self;
  EndpointState  *endpoint;
} PartData;

static void
add_findings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    g_ptr_array_add (to, g_object_ref (g_ptr_array_index (from, i)));
}

/* One part of an endpoint's work is over; the last one builds its report. */
static void
endpoint_part_done (StiDomainCheck *self,
                    EndpointState  *endpoint)
{
  g_assert (endpoint->parts > 0);

  if (--endpoint->parts > 0)
    return;

  sti_findings_sort (endpoint->findings);
  endpoint->report = endpoint_report_new (endpoint, endpoint->result, endpoint->certificates,
                                          endpoint->verified, endpoint->findings);
  set_stage (self, endpoint, STI_STAGE_DONE);
  g_signal_emit (self, signals[ENDPOINT_FINISHED], 0, endpoint->report);
  self->pending--;
  maybe_complete (self);
}

static void
analysis_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PartData *data = user_data;
  EndpointState *endpoint = data->endpoint;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = sti_chain_analysis_run_finish (result, &error);
  if (analysis != NULL)
    {
      add_findings (endpoint->findings, sti_chain_analysis_result_get_findings (analysis));
      endpoint->certificates =
        g_ptr_array_ref (sti_chain_analysis_result_get_certificates (analysis));
      endpoint->verified = sti_chain_analysis_result_get_verified (analysis);
    }

  endpoint_part_done (data->self, endpoint);
  g_object_unref (data->self);
  g_free (data);
}

static void schedule_probe (StiDomainCheck *self,
                            EndpointState  *endpoint);

/* Policy results that only say "this domain does not use it" are a status,
 * not a problem: the sender verdicts already say what they mean. */
static void
add_policy_findings (GPtrArray *to,
                     GPtrArray *from)
{
  static const char * const statuses[] = {
    "mta-sts-record-missing", "tls-rpt-record-missing", "dane-tlsa-missing", NULL
  };

  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (from, i);

      if (!g_strv_contains (statuses, sti_finding_get_id (finding)))
        g_ptr_array_add (to, g_object_ref (finding));
    }
}

/* DANE (RFC 7672) for one endpoint: its host's TLSA records against the
 * chain it sent. Without records there is nothing to judge. */
static void
evaluate_dane (EndpointState *endpoint)
{
  StiDnsAnswer *tlsa = endpoint->host->tlsa_answer;
  const char *names[] = { endpoint->host->name, NULL };
  g_autoptr(GPtrArray) findings = NULL;

  if (tlsa == NULL || sti_dns_answer_get_result (tlsa) != STI_DNS_RCODE_KIND_NOERROR ||
      endpoint->result == NULL || sti_probe_result_get_peer_chain (endpoint->result) == NULL)
    return;

  findings = sti_dane_evaluate (sti_dns_answer_get_records (tlsa),
                                sti_dns_answer_get_dnssec_status (tlsa),
                                sti_probe_result_get_peer_chain (endpoint->result),
                                names, NULL);
  add_policy_findings (endpoint->findings, findings);
}

/* The main dialogue is over: judge the TLS parameters, then verify the
 * chain and, when asked, find out whether TLS 1.0/1.1 are still accepted.
 * That second connection queues behind any other to the same address. */
static void
analyze_endpoint (StiDomainCheck *self,
                  EndpointState  *endpoint)
{
  StiProbeResult *result = endpoint->result;
  GPtrArray *chain = sti_probe_result_get_peer_chain (result);
  const char *version = sti_probe_result_get_tls_version (result);

  endpoint->findings = g_ptr_array_new_with_free_func (g_object_unref);
  add_findings (endpoint->findings, sti_probe_result_get_findings (result));
  endpoint->parts = 1;

  if (sti_probe_result_get_tls_established (result))
    {
      g_autoptr(GPtrArray) tls_findings =
        sti_tls_analyze (version, sti_probe_result_get_cipher_suite (result),
                         sti_probe_result_get_kx_group (result));

      add_findings (endpoint->findings, tls_findings);

      /* Already on 1.0/1.1, tls-version-obsolete says it all. */
      if (self->options->probe_old_tls &&
          !sti_findings_contain (tls_findings, "tls-version-obsolete"))
        {
          endpoint->parts++;
          schedule_probe (self, endpoint);
        }
    }

  if (chain != NULL && chain->len > 0)
    {
      StiChainAnalysisOptions options;
      PartData *data = g_new0 (PartData, 1);

      /* DANE needs the host's TLSA answer, which may still be on its way. */
      if (endpoint->host->tlsa_done)
        {
          evaluate_dane (endpoint);
        }
      else
        {
          endpoint->parts++;
          g_ptr_array_add (endpoint->host->dane_waiting, endpoint);
        }

      sti_chain_analysis_options_init (&options);
      options.trust = self->trust;
      options.staple_requested = TRUE;
      data->self = g_object_ref (self);
      data->endpoint = endpoint;
      endpoint->parts++;
      set_stage (self, endpoint, STI_STAGE_VERIFYING);
      sti_chain_analysis_run_async (&options, chain, endpoint_host_name (endpoint),
                                    sti_probe_result_get_ocsp_response (result),
                                    g_task_get_cancellable (self->task), analysis_cb, data);
    }

  endpoint_part_done (self, endpoint);
}

static void
probe_run_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  StiEndpointProbe *probe = STI_ENDPOINT_PROBE (object);
  EndpointState *endpoint = user_data;
  StiDomainCheck *self = g_object_get_data (G_OBJECT (probe), "sti-domain-check");
  g_autoptr(StiProbeResult) probe_result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean old_tls_probe = endpoint->result != NULL;

  g_assert (STI_IS_DOMAIN_CHECK (self));

  probe_result = sti_endpoint_probe_run_finish (probe, result, &error);
  g_signal_handlers_disconnect_by_func (probe, probe_stage_changed_cb, endpoint);
  g_clear_object (&endpoint->probe);
  release_address (self, endpoint->address_str);

  if (old_tls_probe)
    {
      if (probe_result != NULL && sti_probe_result_get_tls_established (probe_result))
        g_ptr_array_add (endpoint->findings,
                         sti_tls_old_version_accepted_finding (
                           sti_probe_result_get_tls_version (probe_result)));
      self->pending--;
      endpoint_part_done (self, endpoint);
      return;
    }

  if (probe_result == NULL)
    {
      g_debug ("Probe of %s at %s ended: %s",
               endpoint_host_name (endpoint), endpoint->address_str, error->message);
      self->pending--;
      maybe_complete (self);
      return;
    }

  endpoint->result = g_steal_pointer (&probe_result);
  analyze_endpoint (self, endpoint);
}

static void
start_probe (StiDomainCheck *self,
             EndpointState  *endpoint)
{
  StiProbeOptions probe_options;

  sti_probe_options_init (&probe_options);
  probe_options.ehlo_name = self->options->ehlo_name;
  probe_options.connect_timeout_ms = self->options->connect_timeout_ms;
  probe_options.stage_timeout_ms = self->options->stage_timeout_ms;
  probe_options.total_timeout_ms = self->options->total_timeout_ms;

  /* A second connection, after the main one: does the server still
   * accept TLS 1.0 or 1.1? Its progress is not the endpoint's. */
  if (endpoint->result != NULL)
    probe_options.tls_priority = STI_TLS_PRIORITY_OLD_VERSIONS_ONLY;

  endpoint->probe = sti_endpoint_probe_new (endpoint_host_name (endpoint), endpoint->address,
                                            &probe_options);
  g_object_set_data (G_OBJECT (endpoint->probe), "sti-domain-check", self);
  if (endpoint->result == NULL)
    {
      g_signal_connect (endpoint->probe, "stage-changed",
                        G_CALLBACK (probe_stage_changed_cb), endpoint);
      set_stage (self, endpoint, STI_STAGE_CONNECTING);
    }
  sti_endpoint_probe_run_async (endpoint->probe,
                                g_task_get_cancellable (self->task),
                                probe_run_cb, endpoint);
}

/* Queues the probe behind any other probe of the same address. */
static void
schedule_probe (StiDomainCheck *self,
                EndpointState  *endpoint)
{
  GQueue *waiting = g_hash_table_lookup (self->busy, endpoint->address_str);

  self->pending++;

  if (waiting != NULL)
    {
      g_queue_push_tail (waiting, endpoint);
      return;
    }

  g_hash_table_insert (self->busy, g_strdup (endpoint->address_str), g_queue_new ());
  start_probe (self, endpoint);
}

static EndpointState *
add_endpoint (StiDomainCheck *self,
              HostState      *host,
              GInetAddress   *address)
{
  EndpointState *endpoint = g_new0 (EndpointState, 1);

  endpoint->host = host;
  endpoint->address =
    G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, endpoint_port (self)));
  endpoint->address_str = g_inet_address_to_string (address);
  endpoint->is_ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
  endpoint->stage = STI_STAGE_PENDING;
  g_ptr_array_add (host->endpoints, endpoint);

  g_signal_emit (self, signals[ENDPOINT_ADDED], 0, host->name, host->preference,
                 endpoint->address_str);

  return endpoint;
}

static void
skip (StiDomainCheck *self,
      char           *message)
{
  g_ptr_array_add (self->skipped, message);
}

/* Adds one endpoint per address of @answer, up to the cap. */
static void
add_endpoints_from_answer (StiDomainCheck *self,
                           HostState      *host,
                           StiDnsAnswer   *answer,
                           gboolean        probe)
{
  GPtrArray *records;
  guint added = 0;

  if (answer == NULL || sti_dns_answer_get_result (answer) != STI_DNS_RCODE_KIND_NOERROR)
    return;

  records = sti_dns_answer_get_records (answer);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GInetAddress) address = NULL;
      g_autofree char *address_str = NULL;
      EndpointState *endpoint;

      address = sti_dns_rdata_parse_address (g_ptr_array_index (records, i),
                                             sti_dns_answer_get_qtype (answer), NULL);
      if (address == NULL)
        continue;

      address_str = g_inet_address_to_string (address);

      if (added >= self->options->address_cap)
        {
          /* Translators: a host name, an address and a number */
          skip (self, g_strdup_printf (_("%s at %s: not probed, the limit of %u addresses per host "
                                         "and family was reached"),
                                       host->name, address_str, self->options->address_cap));
          continue;
        }

      if (!probe)
        {
          skip (self, g_strdup_printf (_("%s at %s: not probed, IPv6 is turned off in the options"),
                                       host->name, address_str));
          continue;
        }

      endpoint = add_endpoint (self, host, address);
      added++;
      schedule_probe (self, endpoint);
    }
}

static gboolean
answer_has_data (StiDnsAnswer *answer)
{
  return answer != NULL && sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NOERROR;
}

/* Both address lookups of a host are in: judge them, then probe. */
static void
host_addresses_done (StiDomainCheck *self,
                     HostState      *host)
{
  StiDnsAnswer *answers[] = { host->a_answer, host->aaaa_answer };
  gboolean failed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      if (answers[i] != NULL && sti_dns_answer_followed_cname (answers[i]) &&
          !sti_findings_contain (host->findings, "mx-is-cname") && !host->implicit)
        {
          g_autofree char *canonical =
            sti_text_sanitize_str (sti_dns_answer_get_canonical_name (answers[i]));
          g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);

          g_variant_dict_insert (dict, "host", "s", host->name);
          g_variant_dict_insert (dict, "canonical_name", "s", canonical);
          add_finding (host->findings,
                       sti_finding_new_printf ("mx-is-cname",
                                               g_variant_dict_end (dict),
                                               _("The MX host %s is an alias (CNAME) for %s; "
                                                 "RFC 5321 requires MX records to name a host "
                                                 "directly."),
                                               host->name, canonical));
        }
    }

  /* A lookup that failed on the DNS side is its own finding; a name with
   * no address at all is "mx-target-missing". */
  if (host->a_answer != NULL &&
      sti_dns_answer_get_result (host->a_answer) != STI_DNS_RCODE_KIND_NXDOMAIN)
    failed |= add_dns_failure (host->findings, host->a_answer, host->name);
  if (host->aaaa_answer != NULL &&
      sti_dns_answer_get_result (host->aaaa_answer) != STI_DNS_RCODE_KIND_NXDOMAIN &&
      !failed)
    failed |= add_dns_failure (host->findings, host->aaaa_answer, host->name);

  if (!failed && !answer_has_data (host->a_answer) && !answer_has_data (host->aaaa_answer))
    {
      gboolean nxdomain = host->a_answer != NULL &&
                          sti_dns_answer_get_result (host->a_answer) == STI_DNS_RCODE_KIND_NXDOMAIN;

      if (host->implicit)
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             params_host (host->name),
                                             _("%s has neither MX records nor an address, "
                                               "so it cannot receive mail."),
                                             host->name));
      else if (nxdomain)
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             params_host (host->name),
                                             _("The MX host %s does not exist in DNS."),
                                             host->name));
      else
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             params_host (host->name),
                                             _("The MX host %s has no IPv4 or IPv6 address."),
                                             host->name));
    }

  add_endpoints_from_answer (self, host, host->a_answer, TRUE);
  add_endpoints_from_answer (self, host, host->aaaa_answer, self->options->use_ipv6);
}

static void
resolve_host (StiDomainCheck *self,
              HostState      *host)
{
  g_autofree char *tlsa_name = NULL;

  g_signal_emit (self, signals[HOST_ADDED], 0, host->name, host->preference);

  if (host->ip_literal)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host->name);

      /* No name, so no TLSA records to wait for. */
      host->tlsa_done = TRUE;

      if (self->target->direct)
        {
          schedule_probe (self, add_endpoint (self, host, address));
        }
      else
        {
          /* An MX naming an IP address: senders look it up as a host name
           * and fail, so we do not probe it either. */
          add_finding (host->findings,
                       sti_finding_new_printf ("mx-is-ip-literal",
                                               params_host (host->name),
                                               _("The MX record names the IP address %s instead of "
                                                 "a host name; senders cannot use it."),
                                               host->name));
        }
      return;
    }

  start_query (self, host->name, STI_DNS_TYPE_A, QUERY_HOST_A, host);
  start_query (self, host->name, STI_DNS_TYPE_AAAA, QUERY_HOST_AAAA, host);

  /* DANE (RFC 7672): the TLSA records for port 25 of this host. */
  tlsa_name = g_strdup_printf ("_%u._tcp.%s", SMTP_PORT, host->name);
  start_query (self, tlsa_name, STI_DNS_TYPE_TLSA, QUERY_TLSA, host);
}

static int
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  const HostState *ha = *(HostState **)a;
  const HostState *hb = *(HostState **)b;

  if (ha->preference != hb->preference)
    return ha->preference < hb->preference ? -1 : 1;
  return g_strcmp0 (ha->name, hb->name);
}

static void
handle_mx_answer (StiDomainCheck *self,
                  StiDnsAnswer   *answer)
{
  GPtrArray *records;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  gboolean null_mx = FALSE;
  guint probed = 0;

  if (add_dns_failure (self->findings, answer, self->target->domain))
    return;

  if (sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NODATA)
    {
      /* RFC 5321 §5.1: no MX means the domain's own address is the MX. */
      add_finding (self->findings,
                   sti_finding_new_printf ("no-mx-implicit",
                                           params_host (self->target->domain),
                                           _("%s publishes no MX record, so senders deliver to the "
                                             "address of the domain itself."),
                                           self->target->domain));
      g_ptr_array_add (self->hosts, host_state_new (self->target->domain, 0, TRUE));
      resolve_host (self, g_ptr_array_index (self->hosts, 0));
      return;
    }

  records = sti_dns_answer_get_records (answer);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  hosts = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *exchange = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GError) error = NULL;
      guint16 preference = 0;
      HostState *existing;

      if (!sti_dns_rdata_parse_mx (g_ptr_array_index (records, i), &preference, &exchange, &error))
        {
          add_finding (self->findings,
                       sti_finding_new_printf ("dns-servfail",
                                               params_host (self->target->domain),
                                               _("An MX record of %s is malformed: %s"),
                                               self->target->domain, error->message));
          continue;
        }

      if (g_str_equal (exchange, "."))
        {
          null_mx = TRUE;
          continue;
        }

      name = normalize_host_name (exchange);
      existing = g_hash_table_lookup (seen, name);
      if (existing != NULL)
        {
          /* Duplicates merge; the better preference wins. */
          existing->preference = MIN (existing->preference, preference);
          continue;
        }

      existing = host_state_new (name, preference, FALSE);
      g_hash_table_insert (seen, existing->name, existing);
      g_ptr_array_add (hosts, existing);
    }

  if (null_mx)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      gboolean alone = hosts->len == 0;

      /* Beside other MX records a null MX is an error (the registry's
       * severity rule); alone it is a statement. */
      g_variant_dict_insert (dict, "host", "s", self->target->domain);
      if (!alone)
        g_variant_dict_insert (dict, "mixed", "b", TRUE);
      add_finding (self->findings,
                   sti_finding_new_printf ("null-mx",
                                           g_variant_dict_end (dict),
                                           alone
                                             ? _("%s publishes a null MX (RFC 7505): "
                                                 "it states that it accepts no mail at all.")
                                             : _("%s publishes a null MX (RFC 7505) beside other "
                                                 "MX records; RFC 7505 forbids mixing them, "
                                                 "and senders may refuse all mail."),
                                           self->target->domain));
    }

  g_ptr_array_sort (hosts, compare_hosts);

  for (guint i = 0; i < hosts->len; i++)
    {
      HostState *host = g_ptr_array_index (hosts, i);

      g_ptr_array_add (self->hosts, host);
      if (probed >= self->options->mx_cap)
        {
          skip (self,
                g_strdup_printf (_("MX %u %s: not probed, the limit of %u MX hosts was reached"),
                                 host->preference, host->name, self->options->mx_cap));
          continue;
        }

      probed++;
      resolve_host (self, host);
    }
}

static void
handle_tls_rpt_record (StiDomainCheck *self,
                       StiDnsAnswer   *answer)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  StiTlsRptRecord *record;

  if (sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NOERROR)
    records = g_ptr_array_ref (sti_dns_answer_get_records (answer));
  else
    records = g_ptr_array_new ();

  record = sti_tls_rpt_record_parse (records, self->target->domain, findings);
  g_clear_pointer (&record, sti_tls_rpt_record_unref);
  add_policy_findings (self->findings, findings);
}

static void
handle_mta_sts_record (StiDomainCheck *self,
                       StiDnsAnswer   *answer)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *policy_host = NULL;
  StiMtaStsRecord *record;

  if (sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NOERROR)
    records = g_ptr_array_ref (sti_dns_answer_get_records (answer));
  else
    records = g_ptr_array_new ();

  record = sti_mta_sts_record_parse (records, self->target->domain, findings);
  add_policy_findings (self->findings, findings);
  if (record == NULL)
    return;
  sti_mta_sts_record_unref (record);

  /* The policy host is looked up with our resolver (the user's DNS server,
   * the lab's data), then fetched at those addresses. */
  policy_host = g_strdup_printf ("mta-sts.%s", self->target->domain);
  start_query (self, policy_host, STI_DNS_TYPE_A, QUERY_MTA_STS_HOST_A, NULL);
  start_query (self, policy_host, STI_DNS_TYPE_AAAA, QUERY_MTA_STS_HOST_AAAA, NULL);
}

static void
mta_sts_fetch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  StiDomainCheck *self = user_data;
  g_autoptr(GError) error = NULL;
  StiMtaStsFetchResult *fetched;

  fetched = sti_mta_sts_fetch_finish (result, &error);
  self->pending--;

  if (fetched != NULL)
    {
      add_policy_findings (self->findings, fetched->findings);
      if (fetched->policy != NULL)
        self->sts_policy = sti_mta_sts_policy_ref (fetched->policy);
      sti_mta_sts_fetch_result_unref (fetched);
    }

  maybe_complete (self);
  g_object_unref (self);
}

static void
fetch_mta_sts_policy (StiDomainCheck *self)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTlsDatabase) policy_trust = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->sts_host_answers); i++)
    {
      StiDnsAnswer *answer = self->sts_host_answers[i];
      GPtrArray *records;

      if (sti_dns_answer_get_result (answer) != STI_DNS_RCODE_KIND_NOERROR)
        continue;

      records = sti_dns_answer_get_records (answer);
      for (guint j = 0; j < records->len; j++)
        {
          GInetAddress *address = sti_dns_rdata_parse_address (g_ptr_array_index (records, j),
                                                               sti_dns_answer_get_qtype (answer),
                                                               NULL);

          if (address != NULL)
            g_ptr_array_add (addresses, address);
        }
    }

  if (addresses->len == 0)
    {
      g_autofree char *policy_host = g_strdup_printf ("mta-sts.%s", self->target->domain);

      add_finding (self->findings,
                   sti_finding_new_printf ("mta-sts-policy-unreachable",
                                           params_host (policy_host),
                                           _("The MTA-STS record is published, "
                                             "but the policy host %s has no address."),
                                           policy_host));
      return;
    }

  /* The policy host is trusted as the mail servers are: the system store
   * plus the anchors added to ours (--ca-file, the demo lab's CA). */
  if (self->options->policy_trust != NULL)
    policy_trust = g_object_ref (self->options->policy_trust);
  else if ((policy_trust = sti_trust_store_dup_extra_tls_database (self->trust, &error)) == NULL &&
           error != NULL)
    g_debug ("The extra anchors are not used for the MTA-STS policy host: %s", error->message);

  self->pending++;
  sti_mta_sts_fetch_async (NULL, self->target->domain, policy_trust, addresses,
                           self->options->https_port, 0,
                           g_task_get_cancellable (self->task),
                           mta_sts_fetch_cb, g_object_ref (self));
}

/* RFC 8461 §5: would senders following the policy accept these servers? */
static void
evaluate_mta_sts (StiDomainCheck *self)
{
  g_autoptr(GArray) facts = g_array_new (FALSE, TRUE, sizeof (StiMtaStsEndpointFacts));
  g_autoptr(GPtrArray) mx_hosts = g_ptr_array_new ();
  g_autoptr(GPtrArray) findings = NULL;

  for (guint i = 0; i < self->hosts->len; i++)
    {
      HostState *host = g_ptr_array_index (self->hosts, i);

      g_ptr_array_add (mx_hosts, host->name);
      for (guint j = 0; j < host->endpoints->len; j++)
        {
          EndpointState *endpoint = g_ptr_array_index (host->endpoints, j);
          StiMtaStsEndpointFacts fact = { host->name, endpoint->address_str, FALSE, FALSE, FALSE };

          if (endpoint->report == NULL)
            continue;

          fact.reached = sti_endpoint_report_get_reachable (endpoint->report);
          fact.starttls_ok = sti_endpoint_report_get_tls_established (endpoint->report);
          fact.cert_valid = sti_endpoint_report_get_certificate_verified (endpoint->report);
          g_array_append_val (facts, fact);
        }
    }
  g_ptr_array_add (mx_hosts, NULL);

  findings = sti_mta_sts_evaluate (self->sts_policy, (const char * const *)mx_hosts->pdata,
                                   (const StiMtaStsEndpointFacts *)(gpointer)facts->data,
                                   facts->len);
  add_policy_findings (self->findings, findings);
}

static void
query_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  StiResolver *resolver = STI_RESOLVER (object);
  QueryData *data = user_data;
  StiDomainCheck *self = data->self;
  g_autoptr(StiDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;

  answer = sti_resolver_query_finish (resolver, result, &error);
  self->pending--;

  if (answer != NULL && !g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    {
      record_evidence (self, answer);

      switch (data->kind)
        {
        case QUERY_MX:
          handle_mx_answer (self, answer);
          break;

        case QUERY_MTA_STS_TXT:
          handle_mta_sts_record (self, answer);
          break;

        case QUERY_MTA_STS_HOST_A:
        case QUERY_MTA_STS_HOST_AAAA:
          g_set_object (&self->sts_host_answers[data->kind == QUERY_MTA_STS_HOST_AAAA], answer);
          if (self->sts_host_answers[0] != NULL && self->sts_host_answers[1] != NULL)
            fetch_mta_sts_policy (self);
          break;

        case QUERY_TLS_RPT_TXT:
          handle_tls_rpt_record (self, answer);
          break;

        case QUERY_TLSA:
          g_set_object (&data->host->tlsa_answer, answer);
          break;

        case QUERY_HOST_A:
          g_set_object (&data->host->a_answer, answer);
          if (data->host->aaaa_answer != NULL)
            host_addresses_done (self, data->host);
          break;

        case QUERY_HOST_AAAA:
          g_set_object (&data->host->aaaa_answer, answer);
          if (data->host->a_answer != NULL)
            host_addresses_done (self, data->host);
          break;

        case QUERY_EVIDENCE:
        default:
          break;
        }
    }

  /* Endpoints waiting for the TLSA answer go on, whatever it was. */
  if (data->kind == QUERY_TLSA)
    {
      g_autoptr(GPtrArray) waiting = g_steal_pointer (&data->host->dane_waiting);

      data->host->tlsa_done = TRUE;
      data->host->dane_waiting = g_ptr_array_new ();
      for (guint i = 0; i < waiting->len; i++)
        {
          EndpointState *endpoint = g_ptr_array_index (waiting, i);

          evaluate_dane (endpoint);
          endpoint_part_done (self, endpoint);
        }
    }

  g_free (data);
  maybe_complete (self);
  g_object_unref (self);
}

static void
start_query (StiDomainCheck *self,
             const char     *name,
             guint16         rrtype,
             QueryKind       kind,
             HostState      *host)
{
  QueryData *data = g_new0 (QueryData, 1);

  data->self = g_object_ref (self);
  data->kind = kind;
  data->host = host;
  self->pending++;

  sti_resolver_query_async (self->resolver, name, rrtype,
                            g_task_get_cancellable (self->task),
                            query_cb, data);
}

static StiDomainReport *
build_report (StiDomainCheck *self)
{
  g_autoptr(GDateTime) finished_at = g_date_time_new_now_utc ();
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  StiDomainReport *report = sti_domain_report_new ();

  sti_domain_report_set_input (report, self->target->input);
  sti_domain_report_set_domain (report, self->target->domain);
  sti_domain_report_set_domain_unicode (report, self->target->domain_unicode);
  sti_domain_report_set_started_at (report, self->started_at);
  sti_domain_report_set_finished_at (report, finished_at);
  sti_domain_report_set_tool_version (report, PACKAGE_VERSION);
  sti_domain_report_set_trust_store (report, sti_trust_store_get_description (self->trust));
  sti_domain_report_set_resolver (report, sti_resolver_get_description (self->resolver));

  g_variant_dict_insert (options, "ehlo_name", "s",
                         self->options->ehlo_name != NULL ? self->options->ehlo_name : "");
  g_variant_dict_insert (options, "connect_timeout_ms", "x",
                         (gint64)self->options->connect_timeout_ms);
  g_variant_dict_insert (options, "stage_timeout_ms", "x", (gint64)self->options->stage_timeout_ms);
  g_variant_dict_insert (options, "total_timeout_ms", "x", (gint64)self->options->total_timeout_ms);
  g_variant_dict_insert (options, "port", "x", (gint64)endpoint_port (self));
  g_variant_dict_insert (options, "use_ipv6", "b", self->options->use_ipv6);
  g_variant_dict_insert (options, "mx_cap", "x", (gint64)self->options->mx_cap);
  g_variant_dict_insert (options, "address_cap", "x", (gint64)self->options->address_cap);
  sti_domain_report_set_options (report, g_variant_dict_end (options));

  for (guint i = 0; i < self->hosts->len; i++)
    {
      HostState *host = g_ptr_array_index (self->hosts, i);
      g_autoptr(StiHostReport) host_report = sti_host_report_new ();

      sti_host_report_set_name (host_report, host->name);
      sti_host_report_set_name_unicode (host_report, host->name_unicode);
      sti_host_report_set_preference (host_report, host->preference);
      sti_host_report_set_implicit (host_report, host->implicit);

      for (guint j = 0; j < host->endpoints->len; j++)
        {
          EndpointState *endpoint = g_ptr_array_index (host->endpoints, j);

          if (endpoint->report != NULL)
            sti_host_report_add_endpoint (host_report, endpoint->report);
        }
      for (guint j = 0; j < host->findings->len; j++)
        sti_host_report_add_finding (host_report, g_ptr_array_index (host->findings, j));

      sti_domain_report_add_host (report, host_report);
    }

  for (guint i = 0; i < self->evidence->len; i++)
    sti_domain_report_add_dns_evidence (report, g_ptr_array_index (self->evidence, i));
  for (guint i = 0; i < self->findings->len; i++)
    sti_domain_report_add_finding (report, g_ptr_array_index (self->findings, i));

  g_ptr_array_add (self->skipped, NULL);
  sti_domain_report_set_skipped (report, (const char * const *)self->skipped->pdata);
  g_ptr_array_remove_index (self->skipped, self->skipped->len - 1);

  return report;
}

static void
maybe_complete (StiDomainCheck *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->pending > 0 || self->task == NULL)
    return;

  task = g_steal_pointer (&self->task);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->sts_policy != NULL && !self->sts_evaluated)
    {
      self->sts_evaluated = TRUE;
      evaluate_mta_sts (self);
    }

  g_task_return_pointer (task, build_report (self), g_object_unref);
}

static void
sti_domain_check_dispose (GObject *object)
{
  StiDomainCheck *self = (StiDomainCheck *)object;

  g_clear_object (&self->resolver);
  g_clear_object (&self->trust);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (sti_domain_check_parent_class)->dispose (object);
}

static void
sti_domain_check_finalize (GObject *object)
{
  StiDomainCheck *self = (StiDomainCheck *)object;

  g_clear_pointer (&self->target, sti_check_target_free);
  g_clear_pointer (&self->options, sti_check_options_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->busy, g_hash_table_unref);
  g_clear_object (&self->sts_host_answers[0]);
  g_clear_object (&self->sts_host_answers[1]);
  g_clear_pointer (&self->sts_policy, sti_mta_sts_policy_unref);

  G_OBJECT_CLASS (sti_domain_check_parent_class)->finalize (object);
}

static void
sti_domain_check_class_init (StiDomainCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_domain_check_dispose;
  object_class->finalize = sti_domain_check_finalize;

  /**
   * StiDomainCheck::host-added:
   * @host: the MX host name (A-label)
   * @preference: its MX preference
   *
   * A host is about to be resolved, in preference order.
   */
  signals[HOST_ADDED] =
    g_signal_new ("host-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  /**
   * StiDomainCheck::endpoint-added:
   * @host: the MX host name
   * @preference: its MX preference
   * @address: the address, as text
   */
  signals[ENDPOINT_ADDED] =
    g_signal_new ("endpoint-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);

  signals[ENDPOINT_STAGE_CHANGED] =
    g_signal_new ("endpoint-stage-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, STI_TYPE_STAGE);

  signals[ENDPOINT_FINISHED] =
    g_signal_new ("endpoint-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STI_TYPE_ENDPOINT_REPORT);
}

static void
sti_domain_check_init (StiDomainCheck *self)
{
  self->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify)host_state_free);
  self->evidence = g_ptr_array_new_with_free_func (g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->skipped = g_ptr_array_new_with_free_func (g_free);
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify)g_queue_free);
}

/**
 * sti_domain_check_new:
 * @target: what to check, from sti_check_target_parse()
 * @options: (nullable): the options; %NULL for the defaults
 * @resolver: the resolver to use
 * @trust: the anchors certificates are verified against
 *
 * Returns: (transfer full): a new check, run once with
 *   sti_domain_check_run_async()
 */
StiDomainCheck *
sti_domain_check_new (const StiCheckTarget  *target,
                      const StiCheckOptions *options,
                      StiResolver           *resolver,
                      StiTrustStore         *trust)
{
  StiDomainCheck *self;

  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (STI_IS_RESOLVER (resolver), NULL);
  g_return_val_if_fail (STI_IS_TRUST_STORE (trust), NULL);

  self = g_object_new (STI_TYPE_DOMAIN_CHECK, NULL);
  self->target = sti_check_target_copy (target);
  self->options = options != NULL ? sti_check_options_copy (options) : sti_check_options_new ();
  self->resolver = g_object_ref (resolver);
  self->trust = g_object_ref (trust);

  return self;
}

/**
 * sti_domain_check_run_async:
 * @self: a #StiDomainCheck that has not run yet
 * @cancellable: (nullable): cancels the whole check at once
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Resolves the target, probes every endpoint in parallel and verifies what
 * they present. Progress comes through the signals while it runs.
 */
void
sti_domain_check_run_async (StiDomainCheck      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own_cancellable = NULL;
  g_autofree char *sts_name = NULL;
  g_autofree char *rpt_name = NULL;

  g_return_if_fail (STI_IS_DOMAIN_CHECK (self));
  g_return_if_fail (self->task == NULL && self->started_at == NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (cancellable == NULL)
    cancellable = own_cancellable = g_cancellable_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_domain_check_run_async);
  g_task_set_name (task, "sti_domain_check_run_async");

  self->task = g_object_ref (task);
  self->started_at = g_date_time_new_now_utc ();

  /* Hold a count while queries start, so that an answer arriving early
   * cannot complete the check before everything is queued. */
  self->pending++;

  if (self->target->direct)
    {
      g_ptr_array_add (self->hosts, host_state_new (self->target->domain, 0, FALSE));
      resolve_host (self, g_ptr_array_index (self->hosts, 0));
    }
  else
    {
      start_query (self, self->target->domain, STI_DNS_TYPE_MX, QUERY_MX, NULL);

      sts_name = g_strdup_printf ("_mta-sts.%s", self->target->domain);
      rpt_name = g_strdup_printf ("_smtp._tls.%s", self->target->domain);
      start_query (self, sts_name, STI_DNS_TYPE_TXT, QUERY_MTA_STS_TXT, NULL);
      start_query (self, rpt_name, STI_DNS_TYPE_TXT, QUERY_TLS_RPT_TXT, NULL);
    }

  self->pending--;
  maybe_complete (self);
}

/**
 * sti_domain_check_run_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set when the
 *   check was cancelled
 */
StiDomainReport *
sti_domain_check_run_finish (StiDomainCheck  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (STI_IS_DOMAIN_CHECK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
