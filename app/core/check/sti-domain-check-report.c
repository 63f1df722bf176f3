/* sti-domain-check-report.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check-private.h"

#include "sti-dns-evidence-private.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report-private.h"
#include "sti-host-report-private.h"

/* What the check gathered, as the immutable report: the DNS evidence as
 * the answers came in, each endpoint's report when its last part is done,
 * and the domain report when the check completes. */

void
check_record_evidence (StiDomainCheck *self,
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
StiEndpointReport *
check_endpoint_report_new (EndpointState *endpoint)
{
  StiEndpointReport *report = sti_endpoint_report_new ();
  StiProbeResult *result = endpoint->result;
  GPtrArray *transcript = sti_probe_result_get_transcript (result);
  GPtrArray *certificates = endpoint->certificates;
  GPtrArray *findings = endpoint->findings;

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
  sti_endpoint_report_set_certificate_verified (report, endpoint->verified);
  sti_endpoint_report_set_timings (report, sti_probe_result_get_timings (result));
  sti_endpoint_report_set_error_detail (report, sti_probe_result_get_error_detail (result));
  sti_endpoint_report_set_bare_lf (report, sti_probe_result_get_bare_lf (result));

  for (guint i = 0; certificates != NULL && i < certificates->len; i++)
    sti_endpoint_report_add_certificate (report, g_ptr_array_index (certificates, i));
  for (guint i = 0; endpoint->built_chain != NULL && i < endpoint->built_chain->len; i++)
    sti_endpoint_report_add_built_link (report, g_ptr_array_index (endpoint->built_chain, i));
  for (guint i = 0; transcript != NULL && i < transcript->len; i++)
    sti_endpoint_report_add_transcript_line (report, g_ptr_array_index (transcript, i));
  for (guint i = 0; i < findings->len; i++)
    sti_endpoint_report_add_finding (report, g_ptr_array_index (findings, i));
  sti_endpoint_report_set_without_sni (report, endpoint->without_sni);
  for (guint i = 0; endpoint->dane_matches != NULL && i < endpoint->dane_matches->len; i++)
    sti_endpoint_report_add_dane_match (report, g_ptr_array_index (endpoint->dane_matches, i));

  return report;
}

/* The name given, or else the address literal the probes made of their
 * local address ("[192.0.2.1]"): the first endpoint that connected says
 * which. "" when none connected. */
static const char *
sent_ehlo_name (StiDomainCheck *self)
{
  if (self->options->ehlo_name != NULL)
    return self->options->ehlo_name;

  for (guint i = 0; i < self->hosts->len; i++)
    {
      HostState *host = g_ptr_array_index (self->hosts, i);

      for (guint j = 0; j < host->endpoints->len; j++)
        {
          EndpointState *endpoint = g_ptr_array_index (host->endpoints, j);
          const char *sent = endpoint->result != NULL
                               ? sti_probe_result_get_ehlo_name (endpoint->result)
                               : NULL;

          if (sent != NULL)
            return sent;
        }
    }

  return "";
}

StiDomainReport *
check_build_report (StiDomainCheck *self)
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

  g_variant_dict_insert (options, "ehlo_name", "s", sent_ehlo_name (self));
  g_variant_dict_insert (options, "connect_timeout_ms", "x",
                         (gint64)self->options->connect_timeout_ms);
  g_variant_dict_insert (options, "stage_timeout_ms", "x", (gint64)self->options->stage_timeout_ms);
  g_variant_dict_insert (options, "total_timeout_ms", "x", (gint64)self->options->total_timeout_ms);
  g_variant_dict_insert (options, "port", "x", (gint64)check_endpoint_port (self));
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
      sti_host_report_set_beyond_mx_cap (host_report, host->beyond_mx_cap);

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

  sti_domain_report_set_mta_sts (report, self->sts_evidence);

  g_ptr_array_add (self->skipped, NULL);
  sti_domain_report_set_skipped (report, (const char * const *)self->skipped->pdata);
  g_ptr_array_remove_index (self->skipped, self->skipped->len - 1);

  return report;
}

