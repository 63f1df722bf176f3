/* sti-domain-check-policy.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check-private.h"

#include "sti-dane.h"
#include "sti-dns-rdata.h"
#include "sti-endpoint-report-private.h"
#include "sti-finding.h"
#include "sti-mta-sts-evidence-private.h"
#include "sti-tls-database.h"
#include "sti-tls-rpt.h"

#include <glib/gi18n.h>

/* The domain's policies: the MTA-STS record, its policy host and policy
 * (fetched at the addresses our resolver found, held against the probed
 * MX hosts once every probe is done), the TLS-RPT record, and DANE for
 * each endpoint once its host's TLSA answer is in. */

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
 * chain it sent. Without records there is nothing to judge. The verdict on
 * each record goes into the report, so people see which certificate each
 * record matches. */
static void
evaluate_dane (EndpointState *endpoint)
{
  StiDnsAnswer *tlsa = endpoint->host->tlsa_answer;
  const char *names[] = { endpoint->host->name, NULL };
  g_autoptr(GPtrArray) findings = NULL;

  if (tlsa == NULL || sti_dns_answer_get_result (tlsa) != STI_DNS_RCODE_KIND_NOERROR ||
      endpoint->result == NULL || sti_probe_result_get_peer_chain (endpoint->result) == NULL)
    return;

  g_clear_pointer (&endpoint->dane_matches, g_ptr_array_unref);
  endpoint->dane_matches =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
  findings = sti_dane_evaluate (sti_dns_answer_get_records (tlsa),
                                sti_dns_answer_get_dnssec_status (tlsa),
                                sti_probe_result_get_peer_chain (endpoint->result),
                                names, endpoint->dane_matches);
  add_policy_findings (endpoint->findings, findings);
}

/* DANE for an endpoint that sent a chain: now, or once the host's TLSA
 * answer, which may still be on its way, is in. */
void
check_dane_endpoint (StiDomainCheck *self,
                     EndpointState  *endpoint)
{
  if (endpoint->host->tlsa_done)
    {
      evaluate_dane (endpoint);
      return;
    }

  endpoint->parts++;
  g_ptr_array_add (endpoint->host->dane_waiting, endpoint);
}

/* The TLSA lookup of @host is over, whatever it said: the endpoints
 * waiting for it go on. */
void
check_dane_host_done (StiDomainCheck *self,
                      HostState      *host)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&host->dane_waiting);

  host->tlsa_done = TRUE;
  host->dane_waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    {
      EndpointState *endpoint = g_ptr_array_index (waiting, i);

      evaluate_dane (endpoint);
      check_endpoint_part_done (self, endpoint);
    }
}

/* The TXT records of @answer; none for NXDOMAIN, NODATA or a failure. */
static GPtrArray *
txt_records (StiDnsAnswer *answer)
{
  if (sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NOERROR)
    return g_ptr_array_ref (sti_dns_answer_get_records (answer));
  return g_ptr_array_new ();
}

void
check_handle_tls_rpt_record (StiDomainCheck *self,
                             StiDnsAnswer   *answer)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = txt_records (answer);
  StiTlsRptRecord *record;

  record = sti_tls_rpt_record_parse (records, self->target->domain, findings);
  g_clear_pointer (&record, sti_tls_rpt_record_unref);
  add_policy_findings (self->findings, findings);
}

void
check_handle_mta_sts_record (StiDomainCheck *self,
                             StiDnsAnswer   *answer)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = txt_records (answer);
  g_autofree char *policy_host = NULL;
  StiMtaStsRecord *record;

  record = sti_mta_sts_record_parse (records, self->target->domain, findings);
  add_policy_findings (self->findings, findings);
  if (record == NULL)
    return;
  sti_mta_sts_record_unref (record);

  /* The policy host is looked up with our resolver (the user's DNS server,
   * the lab's data), then fetched at those addresses. */
  policy_host = g_strdup_printf ("mta-sts.%s", self->target->domain);
  check_start_query (self, policy_host, STI_DNS_TYPE_A, QUERY_MTA_STS_HOST_A, NULL);
  check_start_query (self, policy_host, STI_DNS_TYPE_AAAA, QUERY_MTA_STS_HOST_AAAA, NULL);
}

/* The fetch as the report keeps it; the mx patterns come with their
 * matches once the MX hosts are known (check_evaluate_mta_sts()). */
static StiMtaStsEvidence *
mta_sts_evidence_new (StiMtaStsFetchResult *fetched)
{
  StiMtaStsEvidence *evidence = sti_mta_sts_evidence_new ();
  StiMtaStsPolicy *policy = fetched->policy;
  g_auto(GStrv) errors = sti_mta_sts_tls_error_reasons (fetched->tls_errors);
  const char *source = NULL;
  gint64 max_age;

  sti_mta_sts_evidence_set_url (evidence, fetched->url);
  sti_mta_sts_evidence_set_status (evidence, fetched->status);
  sti_mta_sts_evidence_set_content_type (evidence, fetched->content_type);
  for (guint i = 0; i < fetched->certificates->len; i++)
    sti_mta_sts_evidence_add_certificate (evidence, g_ptr_array_index (fetched->certificates, i));
  sti_mta_sts_evidence_set_certificate_verified (evidence, fetched->certificate_verified);
  sti_mta_sts_evidence_set_certificate_errors (evidence, (const char * const *)errors);
  /* The body may hold a NUL: cleaned with its length first, so the
   * setter (which cleans again, to no change) gets all of it. */
  if (fetched->body != NULL)
    {
      g_autofree char *body = sti_mta_sts_evidence_clean_body (g_bytes_get_data (fetched->body,
                                                                                 NULL),
                                                               g_bytes_get_size (fetched->body));

      sti_mta_sts_evidence_set_body (evidence, body);
    }
  if (policy != NULL)
    {
      sti_mta_sts_evidence_set_mode (evidence, sti_mta_sts_mode_to_string (policy->mode));
      sti_mta_sts_evidence_set_max_age (evidence, policy->max_age);
    }
  max_age = sti_mta_sts_suggest_max_age (policy != NULL ? policy->max_age : -1, &source);
  sti_mta_sts_evidence_set_suggested_max_age (evidence, max_age, source);

  return evidence;
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
      g_clear_object (&self->sts_evidence);
      self->sts_evidence = mta_sts_evidence_new (fetched);
      if (fetched->policy != NULL)
        self->sts_policy = sti_mta_sts_policy_ref (fetched->policy);
      sti_mta_sts_fetch_result_unref (fetched);
    }

  check_maybe_complete (self);
  g_object_unref (self);
}

static void
fetch_mta_sts_policy (StiDomainCheck *self)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTlsDatabase) policy_trust = NULL;

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

      g_ptr_array_add (self->findings,
                       sti_finding_new_printf ("mta-sts-policy-unreachable",
                                               check_params_host (policy_host),
                                               /* Translators: %s is the policy host, mta-
                                                * sts.<domain> */
                                               _("The MTA-STS record is published, "
                                                 "but the policy host %s has no address."),
                                               policy_host));
      return;
    }

  /* The policy host is trusted as the mail servers are: the system store
   * plus the anchors added to ours (--ca-file, the demo lab's CA). */
  if (self->options->policy_trust != NULL)
    policy_trust = g_object_ref (self->options->policy_trust);
  else
    policy_trust = sti_tls_database_new (self->trust);

  self->pending++;
  sti_mta_sts_fetch_async (NULL, self->target->domain, policy_trust, addresses,
                           self->options->https_port, 0,
                           g_task_get_cancellable (self->task),
                           mta_sts_fetch_cb, g_object_ref (self));
}

/* The A or AAAA answer for mta-sts.<domain>; with both in, the fetch. */
void
check_handle_mta_sts_host (StiDomainCheck *self,
                           QueryKind       kind,
                           StiDnsAnswer   *answer)
{
  g_set_object (&self->sts_host_answers[kind == QUERY_MTA_STS_HOST_AAAA], answer);
  if (self->sts_host_answers[0] != NULL && self->sts_host_answers[1] != NULL)
    fetch_mta_sts_policy (self);
}

/* Which MX hosts each mx pattern matched, and which none did. */
static void
record_pattern_matches (StiDomainCheck     *self,
                        const char * const *mx_hosts)
{
  StiMtaStsPolicy *policy = self->sts_policy;
  g_auto(GStrv) unmatched = NULL;

  if (self->sts_evidence == NULL)
    return;

  for (guint i = 0; policy->mx[i] != NULL; i++)
    {
      g_auto(GStrv) matched = sti_mta_sts_matched_hosts (policy->mx[i], mx_hosts);

      sti_mta_sts_evidence_add_pattern (self->sts_evidence, policy->mx[i],
                                        (const char * const *)matched);
    }
  unmatched = sti_mta_sts_unmatched_hosts (policy, mx_hosts);
  sti_mta_sts_evidence_set_unmatched_hosts (self->sts_evidence, (const char * const *)unmatched);
}

/* RFC 8461 §5: would senders following the policy accept these servers? */
void
check_evaluate_mta_sts (StiDomainCheck *self)
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

  record_pattern_matches (self, (const char * const *)mx_hosts->pdata);
  findings = sti_mta_sts_evaluate (self->sts_policy, (const char * const *)mx_hosts->pdata,
                                   (const StiMtaStsEndpointFacts *)(gpointer)facts->data,
                                   facts->len);
  add_policy_findings (self->findings, findings);
}

