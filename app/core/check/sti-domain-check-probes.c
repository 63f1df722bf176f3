/* sti-domain-check-probes.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check-private.h"

#include "sti-chain-analysis.h"
#include "sti-finding.h"
#include "sti-tls-analysis.h"

#include <glib/gi18n.h>

/* The probes of the endpoints: at most one connection at a time to any
 * one address (DESIGN.md, decision 9), so a probe queues behind another
 * to the same address; then the analysis of what each probe found, in
 * parts (TLS parameters, chain verification, DANE, the old-TLS probe)
 * whose last one builds the endpoint's report. */

static void start_probe (StiDomainCheck *self,
                         EndpointState  *endpoint);

guint16
check_endpoint_port (StiDomainCheck *self)
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
  g_signal_emit (self, check_signals[CHECK_ENDPOINT_STAGE_CHANGED], 0,
                 endpoint_host_name (endpoint), endpoint->address_str, stage);
}


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
            check_endpoint_part_done (self, endpoint);
        }
      check_maybe_complete (self);
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
  /* Connected: the dialogue without SNI may start beside this one. */
  if (stage == STI_STAGE_GREETING)
    check_sni_start (self, endpoint);
}

static void
add_findings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    g_ptr_array_add (to, g_object_ref (g_ptr_array_index (from, i)));
}

/* One part of an endpoint's work is over; the last one builds its report. */
void
check_endpoint_part_done (StiDomainCheck *self,
                          EndpointState  *endpoint)
{
  g_assert (endpoint->parts > 0);

  if (--endpoint->parts > 0)
    return;

  sti_findings_sort (endpoint->findings);
  endpoint->report = check_endpoint_report_new (endpoint);
  set_stage (self, endpoint, STI_STAGE_DONE);
  g_signal_emit (self, check_signals[CHECK_ENDPOINT_FINISHED], 0, endpoint->report);
  self->pending--;
  check_maybe_complete (self);
}

/**
 * check_analyze_chain:
 * @chain: (element-type GBytes): the chain as sent
 * @ocsp: (nullable): the stapled OCSP answer that came with it
 * @callback: gets a #CheckPart; check_part_done() ends it
 *
 * Verifies @chain for the endpoint's host name, as one more part of the
 * endpoint's work.
 */
void
check_analyze_chain (StiDomainCheck      *self,
                     EndpointState       *endpoint,
                     GPtrArray           *chain,
                     GBytes              *ocsp,
                     GAsyncReadyCallback  callback)
{
  StiChainAnalysisOptions options;
  CheckPart *part = g_new0 (CheckPart, 1);

  sti_chain_analysis_options_init (&options);
  options.trust = self->trust;
  options.staple_requested = TRUE;
  part->self = g_object_ref (self);
  part->endpoint = endpoint;
  endpoint->parts++;
  sti_chain_analysis_run_async (&options, chain, endpoint_host_name (endpoint), ocsp,
                                g_task_get_cancellable (self->task), callback, part);
}

void
check_part_done (CheckPart *part)
{
  check_endpoint_part_done (part->self, part->endpoint);
  g_object_unref (part->self);
  g_free (part);
}

static void
analysis_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CheckPart *part = user_data;
  EndpointState *endpoint = part->endpoint;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  g_autoptr(GError) error = NULL;

  analysis = sti_chain_analysis_run_finish (result, &error);
  if (analysis != NULL)
    {
      add_findings (endpoint->findings, sti_chain_analysis_result_get_findings (analysis));
      endpoint->certificates =
        g_ptr_array_ref (sti_chain_analysis_result_get_certificates (analysis));
      endpoint->built_chain = g_ptr_array_ref (sti_chain_analysis_result_get_path (analysis));
      endpoint->verified = sti_chain_analysis_result_get_verified (analysis);
    }

  check_part_done (part);
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
          check_schedule_probe (self, endpoint);
        }
    }

  if (chain != NULL && chain->len > 0)
    {
      check_dane_endpoint (self, endpoint);
      set_stage (self, endpoint, STI_STAGE_VERIFYING);
      check_analyze_chain (self, endpoint, chain, sti_probe_result_get_ocsp_response (result),
                           analysis_cb);
    }

  check_sni_main_done (self, endpoint);
  check_endpoint_part_done (self, endpoint);
}

/* The endpoint's deadline ran out during the TLS 1.0/1.1 connection:
 * say so, or the report would read as if old versions were refused. */
static void
add_old_tls_timeout (EndpointState  *endpoint,
                     StiProbeResult *old_tls)
{
  GPtrArray *findings = sti_probe_result_get_findings (old_tls);

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *timeout = g_ptr_array_index (findings, i);
      GVariantDict params;
      g_autofree char *detail = NULL;

      if (!g_str_equal (sti_finding_get_id (timeout), "smtp-timeout"))
        continue;

      g_variant_dict_init (&params, sti_finding_get_params (timeout));
      g_variant_dict_insert (&params, "connection", "s", "old-tls");
      /* Translators: %s says how the connection timed out */
      detail = g_strdup_printf (_("The second connection, which asks for TLS 1.0 or 1.1, did "
                                  "not finish within the endpoint's deadline, so it is not "
                                  "known whether they are still accepted: %s"),
                                sti_finding_get_detail (timeout));
      sti_findings_add (endpoint->findings, "smtp-timeout", g_variant_dict_end (&params), detail);
      return;
    }
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
      else if (probe_result != NULL)
        add_old_tls_timeout (endpoint, probe_result);
      self->pending--;
      check_endpoint_part_done (self, endpoint);
      return;
    }

  if (probe_result == NULL)
    {
      g_debug ("Probe of %s at %s ended: %s",
               endpoint_host_name (endpoint), endpoint->address_str, error->message);
      self->pending--;
      check_maybe_complete (self);
      return;
    }

  endpoint->result = g_steal_pointer (&probe_result);
  analyze_endpoint (self, endpoint);
}

/* What every connection of the check shares. */
void
check_probe_options_init (StiDomainCheck  *self,
                          StiProbeOptions *options)
{
  sti_probe_options_init (options);
  options->ehlo_name = self->options->ehlo_name;
  options->connect_timeout_ms = self->options->connect_timeout_ms;
  options->stage_timeout_ms = self->options->stage_timeout_ms;
  options->total_timeout_ms = self->options->total_timeout_ms;
}

static void
start_probe (StiDomainCheck *self,
             EndpointState  *endpoint)
{
  StiProbeOptions probe_options;

  check_probe_options_init (self, &probe_options);

  /* One deadline covers every connection to the endpoint (the one
   * without SNI, sti-domain-check-sni.c, too). */
  if (endpoint->result == NULL)
    endpoint->deadline_us = g_get_monotonic_time () +
                            (gint64)self->options->total_timeout_ms * 1000;

  /* A second connection, after the main one: does the server still
   * accept TLS 1.0 or 1.1? Its progress is not the endpoint's, and it
   * gets what is left of the deadline (at least 1 ms: it then times out
   * at once, and says so). */
  if (endpoint->result != NULL)
    {
      gint64 left_ms = (endpoint->deadline_us - g_get_monotonic_time ()) / 1000;

      probe_options.tls_priority = STI_TLS_PRIORITY_OLD_VERSIONS_ONLY;
      probe_options.total_timeout_ms = CLAMP (left_ms, 1, G_MAXUINT);
    }

  endpoint->probe = sti_endpoint_probe_new (endpoint_host_name (endpoint), endpoint->address,
                                            &probe_options);
  g_object_set_data (G_OBJECT (endpoint->probe), "sti-domain-check", self);
  if (endpoint->result == NULL)
    {
      check_sni_prepare (self, endpoint);
      g_signal_connect (endpoint->probe, "stage-changed",
                        G_CALLBACK (probe_stage_changed_cb), endpoint);
      set_stage (self, endpoint, STI_STAGE_CONNECTING);
    }
  sti_probe_pool_run_async (self->options->probe_pool, endpoint->probe,
                            g_task_get_cancellable (self->task),
                            probe_run_cb, endpoint);
}

/* Queues the probe behind any other probe of the same address. */
void
check_schedule_probe (StiDomainCheck *self,
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

EndpointState *
check_add_endpoint (StiDomainCheck *self,
                    HostState      *host,
                    GInetAddress   *address)
{
  EndpointState *endpoint = g_new0 (EndpointState, 1);

  endpoint->host = host;
  endpoint->address =
    G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, check_endpoint_port (self)));
  endpoint->address_str = g_inet_address_to_string (address);
  endpoint->is_ipv6 = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
  endpoint->stage = STI_STAGE_PENDING;
  g_ptr_array_add (host->endpoints, endpoint);

  g_signal_emit (self, check_signals[CHECK_ENDPOINT_ADDED], 0, host->name, host->preference,
                 endpoint->address_str);

  return endpoint;
}

