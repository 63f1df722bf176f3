/* sti-domain-check.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check.h"
#include "sti-domain-check-private.h"

#include "sti-base-enums.h"

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
 * queue behind each other.
 *
 * This file runs the DNS queries and completes the check; the steps in
 * between have a file each (sti-domain-check-private.h names them). */

typedef struct
{
  StiDomainCheck *self;
  QueryKind       kind;
  HostState      *host;          /* borrowed; NULL for domain queries */
  char           *name;          /* for the lookup signal */
  guint16         rrtype;
} QueryData;

G_DEFINE_FINAL_TYPE (StiDomainCheck, sti_domain_check, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (StiCheckOptions, sti_check_options, sti_check_options_copy,
                     sti_check_options_free)

guint check_signals[CHECK_N_SIGNALS];

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
  if (options->probe_pool != NULL)
    g_object_ref (options->probe_pool);
  return copy;
}

void
sti_check_options_free (StiCheckOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->ehlo_name);
  g_clear_object (&options->policy_trust);
  g_clear_object (&options->probe_pool);
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
  g_clear_pointer (&endpoint->built_chain, g_ptr_array_unref);
  g_clear_pointer (&endpoint->sni, check_sni_state_free);
  g_clear_object (&endpoint->without_sni);
  g_clear_pointer (&endpoint->dane_matches, g_ptr_array_unref);
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

HostState *
check_host_state_new (const char *name,
                      guint       preference,
                      gboolean    implicit)
{
  HostState *host = g_new0 (HostState, 1);

  host->name = g_strdup (name);
  host->name_unicode = sti_hostname_dup_unicode (name);
  host->preference = preference;
  host->implicit = implicit;
  host->ip_literal = sti_is_ip_literal (name);
  host->findings = g_ptr_array_new_with_free_func (g_object_unref);
  host->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)endpoint_state_free);
  host->dane_waiting = g_ptr_array_new ();

  return host;
}

GVariant *
check_params_host (const char *host)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);

  g_variant_dict_insert (dict, "host", "s", host);
  return g_variant_dict_end (dict);
}

/* A lookup started (@result NULL) or ended with @result, a DNS result kind
 * ("noerror", "timeout", …): the window shows the DNS phase as it goes. */
static void
emit_lookup (StiDomainCheck *self,
             QueryData      *data,
             const char     *result)
{
  g_autofree char *qtype = sti_dns_type_to_string (data->rrtype);

  g_signal_emit (self, check_signals[CHECK_LOOKUP], 0, data->name, qtype, result);
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
      check_record_evidence (self, answer);

      switch (data->kind)
        {
        case QUERY_MX:
          check_handle_mx_answer (self, answer);
          break;

        case QUERY_MTA_STS_TXT:
          check_handle_mta_sts_record (self, answer);
          break;

        case QUERY_MTA_STS_HOST_A:
        case QUERY_MTA_STS_HOST_AAAA:
          check_handle_mta_sts_host (self, data->kind, answer);
          break;

        case QUERY_TLS_RPT_TXT:
          check_handle_tls_rpt_record (self, answer);
          break;

        case QUERY_TLSA:
          g_set_object (&data->host->tlsa_answer, answer);
          break;

        case QUERY_HOST_A:
          g_set_object (&data->host->a_answer, answer);
          if (data->host->aaaa_answer != NULL)
            check_host_addresses_done (self, data->host);
          break;

        case QUERY_HOST_AAAA:
          g_set_object (&data->host->aaaa_answer, answer);
          if (data->host->a_answer != NULL)
            check_host_addresses_done (self, data->host);
          break;

        case QUERY_EVIDENCE:
        default:
          break;
        }
    }

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    emit_lookup (self, data,
                 answer != NULL
                   ? sti_dns_rcode_kind_to_string (sti_dns_answer_get_result (answer))
                   : sti_dns_rcode_kind_to_string (STI_DNS_RCODE_KIND_OTHER));

  /* Endpoints waiting for the TLSA answer go on, whatever it was. */
  if (data->kind == QUERY_TLSA)
    check_dane_host_done (self, data->host);

  g_free (data->name);
  g_free (data);
  check_maybe_complete (self);
  g_object_unref (self);
}

void
check_start_query (StiDomainCheck *self,
                   const char     *name,
                   guint16         rrtype,
                   QueryKind       kind,
                   HostState      *host)
{
  QueryData *data = g_new0 (QueryData, 1);

  data->self = g_object_ref (self);
  data->kind = kind;
  data->host = host;
  data->name = g_strdup (name);
  data->rrtype = rrtype;
  self->pending++;
  emit_lookup (self, data, NULL);

  sti_resolver_query_async (self->resolver, name, rrtype,
                            g_task_get_cancellable (self->task),
                            query_cb, data);
}

void
check_maybe_complete (StiDomainCheck *self)
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
      check_evaluate_mta_sts (self);
    }

  g_task_return_pointer (task, check_build_report (self), g_object_unref);
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
  g_clear_object (&self->sts_evidence);

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
  check_signals[CHECK_HOST_ADDED] =
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
  check_signals[CHECK_ENDPOINT_ADDED] =
    g_signal_new ("endpoint-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING);

  check_signals[CHECK_ENDPOINT_STAGE_CHANGED] =
    g_signal_new ("endpoint-stage-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, STI_TYPE_STAGE);

  check_signals[CHECK_ENDPOINT_FINISHED] =
    g_signal_new ("endpoint-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, STI_TYPE_ENDPOINT_REPORT);

  /**
   * StiDomainCheck::lookup:
   * @name: the name asked
   * @qtype: the record type ("MX", "TXT", …)
   * @result: (nullable): %NULL when the lookup starts; when it ends, its
   *   result as the report writes it ("noerror", "nxdomain", "timeout", …)
   *
   * Each DNS lookup of the check, as it starts and as it ends.
   */
  check_signals[CHECK_LOOKUP] =
    g_signal_new ("lookup",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
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
      g_ptr_array_add (self->hosts, check_host_state_new (self->target->domain, 0, FALSE));
      check_resolve_host (self, g_ptr_array_index (self->hosts, 0));
    }
  else
    {
      check_start_query (self, self->target->domain, STI_DNS_TYPE_MX, QUERY_MX, NULL);

      sts_name = g_strdup_printf ("_mta-sts.%s", self->target->domain);
      rpt_name = g_strdup_printf ("_smtp._tls.%s", self->target->domain);
      check_start_query (self, sts_name, STI_DNS_TYPE_TXT, QUERY_MTA_STS_TXT, NULL);
      check_start_query (self, rpt_name, STI_DNS_TYPE_TXT, QUERY_TLS_RPT_TXT, NULL);
    }

  self->pending--;
  check_maybe_complete (self);
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
