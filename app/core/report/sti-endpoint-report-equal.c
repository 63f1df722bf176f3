/* sti-endpoint-report-equal.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-report.h"

#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-dane-match.h"
#include "sti-report-clean.h"
#include "sti-sni-comparison.h"

#include <string.h>

/* The deep comparison of two endpoint reports, through the public model
 * only: for round-trip tests and change detection. */

#define GET(report, member) sti_endpoint_report_get_##member (report)
#define SAME(member) (GET (a, member) == GET (b, member))
#define SAME_STR(member) (g_strcmp0 (GET (a, member), GET (b, member)) == 0)

static gboolean
differs (const char *member)
{
  g_debug ("Reports differ in %s", member);
  return FALSE;
}

static gboolean
certificate_equal (gconstpointer a,
                   gconstpointer b)
{
  return sti_certificate_equal ((StiCertificate *)a, (StiCertificate *)b);
}

static gboolean
transcript_line_equal (gconstpointer a,
                       gconstpointer b)
{
  const StiTranscriptLine *la = a;
  const StiTranscriptLine *lb = b;

  return la->offset_us == lb->offset_us && la->kind == lb->kind && g_bytes_equal (la->raw, lb->raw);
}

static gboolean
finding_equal (gconstpointer a,
               gconstpointer b)
{
  return sti_report_finding_equal ((StiFinding *)a, (StiFinding *)b);
}

static gboolean
chain_link_equal (gconstpointer a,
                  gconstpointer b)
{
  return sti_chain_link_equal (a, b);
}

static gboolean
dane_match_equal (gconstpointer a,
                  gconstpointer b)
{
  return sti_dane_match_equal (a, b);
}

static gboolean
arrays_equal (GPtrArray  *a,
              GPtrArray  *b,
              GEqualFunc  equal)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      if (!equal (a->pdata[i], b->pdata[i]))
        return FALSE;
    }

  return TRUE;
}

/* Deep comparison, for round-trip tests and change detection. Says
 * which member differs with G_MESSAGES_DEBUG=all. */
gboolean
sti_endpoint_report_equal (StiEndpointReport *a,
                           StiEndpointReport *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (!SAME_STR (host))
    return differs ("EndpointReport.host");
  if (!SAME_STR (address))
    return differs ("EndpointReport.address");
  if (!SAME (port))
    return differs ("EndpointReport.port");
  if (!SAME_STR (family))
    return differs ("EndpointReport.family");
  if (!SAME (reachable))
    return differs ("EndpointReport.reachable");
  if (!SAME (stage))
    return differs ("EndpointReport.stage");
  if (!SAME (starttls_offered))
    return differs ("EndpointReport.starttls_offered");
  if (!SAME (starttls_accepted))
    return differs ("EndpointReport.starttls_accepted");
  if (!SAME (tls_established))
    return differs ("EndpointReport.tls_established");
  if (!SAME_STR (greeting))
    return differs ("EndpointReport.greeting");
  if (!g_strv_equal (GET (a, caps_before), GET (b, caps_before)))
    return differs ("EndpointReport.caps_before");
  if (!g_strv_equal (GET (a, caps_after), GET (b, caps_after)))
    return differs ("EndpointReport.caps_after");
  if (!SAME_STR (tls_version))
    return differs ("EndpointReport.tls_version");
  if (!SAME_STR (cipher_suite))
    return differs ("EndpointReport.cipher_suite");
  if (!SAME_STR (kx_group))
    return differs ("EndpointReport.kx_group");
  if (!SAME_STR (signature_algorithm))
    return differs ("EndpointReport.signature_algorithm");
  if (!arrays_equal (GET (a, chain), GET (b, chain), certificate_equal))
    return differs ("EndpointReport.chain");
  if ((GET (a, ocsp_response) == NULL) != (GET (b, ocsp_response) == NULL) ||
      (GET (a, ocsp_response) != NULL &&
       !g_bytes_equal (GET (a, ocsp_response), GET (b, ocsp_response))))
    return differs ("EndpointReport.ocsp_response");
  if (!SAME (certificate_verified))
    return differs ("EndpointReport.certificate_verified");
  if (!arrays_equal (GET (a, transcript), GET (b, transcript), transcript_line_equal))
    return differs ("EndpointReport.transcript");
  if (memcmp (GET (a, timings), GET (b, timings), sizeof (StiTimings)) != 0)
    return differs ("EndpointReport.timings");
  if (!arrays_equal (GET (a, findings), GET (b, findings), finding_equal))
    return differs ("EndpointReport.findings");
  if (!SAME_STR (error_detail))
    return differs ("EndpointReport.error_detail");
  if (!arrays_equal (GET (a, built_chain), GET (b, built_chain), chain_link_equal))
    return differs ("EndpointReport.built_chain");
  if (!SAME (bare_lf))
    return differs ("EndpointReport.bare_lf");
  if (!sti_sni_comparison_equal (GET (a, without_sni), GET (b, without_sni)))
    return differs ("EndpointReport.without_sni");
  if (!arrays_equal (GET (a, dane_matches), GET (b, dane_matches), dane_match_equal))
    return differs ("EndpointReport.dane_matches");

  return TRUE;
}
