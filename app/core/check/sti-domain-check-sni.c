/* sti-domain-check-sni.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check-private.h"

#include "sti-chain-analysis.h"
#include "sti-format.h"
#include "sti-finding.h"
#include "sti-finding-registry.h"
#include "sti-sni-comparison-private.h"

/* What a sender that sends no SNI sees. We send SNI with the MX name;
 * Postfix sends none unless DANE is in use or smtp_tls_servername is set,
 * and many MTAs behave the same, so a server with several certificates
 * may show them a different default one.
 *
 * A second dialogue without SNI runs beside the main one: it starts once
 * the main one is connected (so a server that allows one connection per
 * client still serves the main dialogue first) and ends with QUIT right
 * after its handshake. The check's wall time stays that of the main
 * dialogue. It runs under the endpoint's one deadline, never a fresh one.
 * When it fails for its own reasons (refused, 421, timeout) that is no
 * finding: the report says the certificates could not be compared, and
 * why. When the two leaves differ, the one without SNI goes through the
 * same chain analysis, and cert-differs-without-sni says what it means. */

struct _SniState
{
  StiEndpointProbe *probe;
  GCancellable     *cancellable;  /* ours, tripped by the check's too */
  gulong            cancel_id;
  StiProbeResult   *result;
  gboolean          done;         /* the dialogue without SNI is over */
  gboolean          waiting;      /* the endpoint's analysis waits for it (one part) */
  gboolean          dropped;      /* the main dialogue reached no TLS: nothing to compare */
};

void
check_sni_state_free (SniState *sni)
{
  g_assert (sni->probe == NULL);

  g_clear_object (&sni->cancellable);
  g_clear_object (&sni->result);
  g_free (sni);
}

/* The main dialogue starts: the one without SNI will run beside it, under
 * the same endpoint deadline (EndpointState.deadline_us). */
void
check_sni_prepare (StiDomainCheck *self,
                   EndpointState  *endpoint)
{
  /* No SNI to leave out for an address literal (RFC 6066 §3). */
  if (g_hostname_is_ip_address (endpoint->host->name) || endpoint->sni != NULL)
    return;

  endpoint->sni = g_new0 (SniState, 1);
}

static StiCertificate *
leaf_of (GPtrArray *chain)
{
  if (chain == NULL || chain->len == 0)
    return NULL;
  return sti_certificate_new_from_der (g_ptr_array_index (chain, 0), NULL);
}

static GVariant *
strv_variant (const char * const *strv)
{
  return g_variant_new_strv (strv != NULL ? strv : (const char * const[]) { NULL }, -1);
}

/* "fails" when a sender that validates would refuse it, "warnings" when
 * it would not but something is amiss, "passes" otherwise. */
static const char *
default_status (GPtrArray *findings,
                gboolean   verified)
{
  gboolean warnings = FALSE;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiSeverity severity = sti_finding_get_severity (g_ptr_array_index (findings, i));

      if (severity == STI_SEVERITY_ERROR)
        return "fails";
      warnings |= severity == STI_SEVERITY_WARNING;
    }

  if (!verified)
    return "fails";
  return warnings ? "warnings" : "passes";
}

static char *
problems_text (GPtrArray *findings)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const StiFindingEntry *entry = sti_finding_lookup (sti_finding_get_id (finding));

      if (entry == NULL || sti_finding_get_severity (finding) == STI_SEVERITY_INFO)
        continue;
      g_string_append (text, text->len > 0 ? "; " : "");
      g_string_append (text, sti_finding_entry_get_clause (entry));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_difference_finding (EndpointState  *endpoint,
                        StiCertificate *with_sni,
                        StiCertificate *without_sni,
                        GPtrArray      *problems,
                        const char     *status,
                        const char * const *problem_ids)
{
  g_autofree char *clauses = problems_text (problems);
  g_autofree char *sni_names = NULL;
  g_autofree char *default_names = NULL;
  g_autofree char *detail = NULL;
  GVariantDict dict;

  sni_names = sti_format_bounded_list (sti_certificate_get_dns_names (with_sni), -1, ", ", 0);
  default_names = sti_format_bounded_list (sti_certificate_get_dns_names (without_sni), -1,
                                           ", ", 0);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "address", "s", endpoint->address_str);
  g_variant_dict_insert (&dict, "sni_subject", "s", sti_certificate_get_subject (with_sni));
  g_variant_dict_insert_value (&dict, "sni_names",
                               strv_variant (sti_certificate_get_dns_names (with_sni)));
  g_variant_dict_insert (&dict, "sni_fingerprint", "s",
                         sti_certificate_get_sha256_fingerprint (with_sni));
  g_variant_dict_insert (&dict, "default_subject", "s",
                         sti_certificate_get_subject (without_sni));
  g_variant_dict_insert_value (&dict, "default_names",
                               strv_variant (sti_certificate_get_dns_names (without_sni)));
  g_variant_dict_insert (&dict, "default_fingerprint", "s",
                         sti_certificate_get_sha256_fingerprint (without_sni));
  g_variant_dict_insert (&dict, "default_status", "s", status);
  g_variant_dict_insert_value (&dict, "default_problems", strv_variant (problem_ids));

  if (g_str_equal (status, "passes"))
    detail = g_strdup_printf ("Without SNI the server presents %s (%s) instead of %s (%s); "
                              "it is valid for %s too",
                              sti_certificate_get_subject (without_sni), default_names,
                              sti_certificate_get_subject (with_sni), sni_names,
                              endpoint->host->name);
  else
    detail = g_strdup_printf ("Without SNI the server presents %s (%s) instead of %s (%s): "
                              "%s",
                              sti_certificate_get_subject (without_sni), default_names,
                              sti_certificate_get_subject (with_sni), sni_names,
                              clauses[0] != '\0' ? clauses : "it cannot be verified");

  sti_findings_add (endpoint->findings, "cert-differs-without-sni", g_variant_dict_end (&dict),
                    detail);
}

static void
analysis_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CheckPart *part = user_data;
  EndpointState *endpoint = part->endpoint;
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  g_autoptr(StiCertificate) with_sni = leaf_of (sti_probe_result_get_peer_chain (endpoint->result));
  g_autoptr(StiCertificate) without_sni = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  analysis = sti_chain_analysis_run_finish (result, &error);
  if (analysis != NULL && with_sni != NULL)
    {
      GPtrArray *findings = sti_chain_analysis_result_get_findings (analysis);
      gboolean verified = sti_chain_analysis_result_get_verified (analysis);
      const char *status = default_status (findings, verified);

      for (guint i = 0; i < findings->len; i++)
        g_ptr_array_add (ids, (gpointer)sti_finding_get_id (g_ptr_array_index (findings, i)));
      g_ptr_array_add (ids, NULL);

      without_sni = g_object_ref (g_ptr_array_index (
                                    sti_chain_analysis_result_get_certificates (analysis), 0));
      endpoint->without_sni =
        sti_sni_comparison_new_different (without_sni, verified,
                                          (const char * const *)ids->pdata);
      add_difference_finding (endpoint, with_sni, without_sni, findings, status,
                              (const char * const *)ids->pdata);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No analysis of the certificate without SNI: %s", error->message);

  check_part_done (part);
}

/* Why the dialogue without SNI showed no certificate, in the words of
 * the probe's own findings: the worst one comes first. */
static StiSniComparison *
not_compared (StiProbeResult *result)
{
  GPtrArray *findings = sti_probe_result_get_findings (result);

  if (findings != NULL && findings->len > 0)
    {
      StiFinding *first = g_ptr_array_index (findings, 0);

      return sti_sni_comparison_new_not_compared (sti_finding_get_id (first),
                                                  sti_finding_get_detail (first));
    }
  return sti_sni_comparison_new_not_compared ("no-certificate",
                                              "The server sent no certificate without SNI");
}

/* Both dialogues are over and the main one reached TLS. */
static void
compare (StiDomainCheck *self,
         EndpointState  *endpoint)
{
  SniState *sni = endpoint->sni;
  GPtrArray *with_sni = sti_probe_result_get_peer_chain (endpoint->result);
  GPtrArray *without_sni;

  if (sni->result == NULL)
    return;   /* cancelled */

  without_sni = sti_probe_result_get_peer_chain (sni->result);
  if (!sti_probe_result_get_tls_established (sni->result) ||
      without_sni == NULL || without_sni->len == 0)
    {
      endpoint->without_sni = not_compared (sni->result);
      return;
    }

  if (g_bytes_equal (g_ptr_array_index (with_sni, 0), g_ptr_array_index (without_sni, 0)))
    {
      endpoint->without_sni = sti_sni_comparison_new_same ();
      return;
    }

  /* A sender without SNI judges this chain as ours would. */
  check_analyze_chain (self, endpoint, without_sni,
                       sti_probe_result_get_ocsp_response (sni->result), analysis_cb);
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  EndpointState *endpoint = user_data;
  SniState *sni = endpoint->sni;
  StiDomainCheck *self = g_object_get_data (object, "sti-domain-check");
  g_autoptr(GError) error = NULL;

  sni->result = sti_endpoint_probe_run_finish (sni->probe, result, &error);
  g_clear_object (&sni->probe);
  g_cancellable_disconnect (g_task_get_cancellable (self->task), sni->cancel_id);
  sni->cancel_id = 0;
  sni->done = TRUE;
  self->pending--;

  if (!sni->waiting)
    {
      check_maybe_complete (self);
      return;
    }

  sni->waiting = FALSE;
  compare (self, endpoint);
  check_endpoint_part_done (self, endpoint);
}

static void
check_cancelled_cb (GCancellable *check_cancellable,
                    GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* The main dialogue is connected: start the one without SNI, with what
 * is left of the endpoint's deadline. */
void
check_sni_start (StiDomainCheck *self,
                 EndpointState  *endpoint)
{
  SniState *sni = endpoint->sni;
  StiProbeOptions options;
  gint64 left_us;

  if (sni == NULL || sni->probe != NULL || sni->done || sni->dropped)
    return;

  left_us = endpoint->deadline_us - g_get_monotonic_time ();
  if (left_us <= 0)
    return;

  check_probe_options_init (self, &options);
  options.total_timeout_ms = MAX (left_us / 1000, 1);
  options.no_sni = TRUE;
  options.handshake_only = TRUE;

  sni->probe = sti_endpoint_probe_new (endpoint->host->name, endpoint->address, &options);
  g_object_set_data (G_OBJECT (sni->probe), "sti-domain-check", self);
  self->pending++;
  sni->cancellable = g_cancellable_new ();
  sni->cancel_id = g_cancellable_connect (g_task_get_cancellable (self->task),
                                          G_CALLBACK (check_cancelled_cb), sni->cancellable, NULL);
  sti_probe_pool_run_async (self->options->probe_pool, sni->probe, sni->cancellable, probe_cb,
                            endpoint);
}

/* The main dialogue is over (analyze_endpoint): compare now, or have the
 * endpoint wait for the dialogue without SNI as one more part. */
void
check_sni_main_done (StiDomainCheck *self,
                     EndpointState  *endpoint)
{
  SniState *sni = endpoint->sni;
  GPtrArray *chain = sti_probe_result_get_peer_chain (endpoint->result);

  if (sni == NULL)
    return;

  if (!sti_probe_result_get_tls_established (endpoint->result) ||
      chain == NULL || chain->len == 0)
    {
      /* Nothing to compare with: a dialogue still running is of no use. */
      sni->dropped = TRUE;
      if (sni->cancellable != NULL)
        g_cancellable_cancel (sni->cancellable);
      return;
    }

  if (sni->done)
    {
      compare (self, endpoint);
      return;
    }
  if (sni->probe == NULL)
    return;

  sni->waiting = TRUE;
  endpoint->parts++;
}
