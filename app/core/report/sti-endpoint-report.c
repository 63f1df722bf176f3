/* sti-endpoint-report.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-report.h"

#include "sti-base-enums.h"
#include "sti-endpoint-report-private.h"
#include "sti-finding.h"
#include "sti-report-clean.h"
#include "sti-sni-comparison.h"
#include "sti-text.h"

#include <string.h>

/* What happened at one address of one MX host.
 * Immutable once published (DESIGN.md, Data flow); built through
 * sti-report-private.h. */
struct _StiEndpointReport
{
  GObject parent_instance;

  char       *host;
  char       *address;
  guint       port;
  char       *family;
  gboolean    reachable;
  StiStage    stage;
  gboolean    starttls_offered;
  gboolean    starttls_accepted;
  gboolean    tls_established;
  char       *greeting;
  GStrv       caps_before;
  GStrv       caps_after;
  char       *tls_version;
  char       *cipher_suite;
  char       *kx_group;
  char       *signature_algorithm;
  GPtrArray  *chain;
  GBytes     *ocsp_response;
  gboolean    certificate_verified;
  GPtrArray  *transcript;
  StiTimings  timings;
  GPtrArray  *findings;
  char       *error_detail;
  GPtrArray  *built_chain;
  gboolean    bare_lf;
  StiSniComparison *without_sni;
  GPtrArray  *dane_matches;
};

G_DEFINE_FINAL_TYPE (StiEndpointReport, sti_endpoint_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_FAMILY,
  PROP_REACHABLE,
  PROP_STAGE,
  PROP_STARTTLS_OFFERED,
  PROP_STARTTLS_ACCEPTED,
  PROP_TLS_ESTABLISHED,
  PROP_GREETING,
  PROP_CAPS_BEFORE,
  PROP_CAPS_AFTER,
  PROP_TLS_VERSION,
  PROP_CIPHER_SUITE,
  PROP_KX_GROUP,
  PROP_SIGNATURE_ALGORITHM,
  PROP_CHAIN,
  PROP_OCSP_RESPONSE,
  PROP_CERTIFICATE_VERIFIED,
  PROP_TRANSCRIPT,
  PROP_FINDINGS,
  PROP_ERROR_DETAIL,
  PROP_BUILT_CHAIN,
  PROP_BARE_LF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_endpoint_report_finalize (GObject *object)
{
  StiEndpointReport *self = (StiEndpointReport *)object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->family, g_free);
  g_clear_pointer (&self->greeting, g_free);
  g_clear_pointer (&self->caps_before, g_strfreev);
  g_clear_pointer (&self->caps_after, g_strfreev);
  g_clear_pointer (&self->tls_version, g_free);
  g_clear_pointer (&self->cipher_suite, g_free);
  g_clear_pointer (&self->kx_group, g_free);
  g_clear_pointer (&self->signature_algorithm, g_free);
  g_clear_pointer (&self->chain, g_ptr_array_unref);
  g_clear_pointer (&self->ocsp_response, g_bytes_unref);
  g_clear_pointer (&self->transcript, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->error_detail, g_free);
  g_clear_pointer (&self->built_chain, g_ptr_array_unref);
  g_clear_object (&self->without_sni);
  g_clear_pointer (&self->dane_matches, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_endpoint_report_parent_class)->finalize (object);
}

static void
sti_endpoint_report_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  StiEndpointReport *self = STI_ENDPOINT_REPORT (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_FAMILY:
      g_value_set_string (value, self->family);
      break;

    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;

    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;

    case PROP_STARTTLS_OFFERED:
      g_value_set_boolean (value, self->starttls_offered);
      break;

    case PROP_STARTTLS_ACCEPTED:
      g_value_set_boolean (value, self->starttls_accepted);
      break;

    case PROP_TLS_ESTABLISHED:
      g_value_set_boolean (value, self->tls_established);
      break;

    case PROP_GREETING:
      g_value_set_string (value, self->greeting);
      break;

    case PROP_CAPS_BEFORE:
      g_value_set_boxed (value, self->caps_before);
      break;

    case PROP_CAPS_AFTER:
      g_value_set_boxed (value, self->caps_after);
      break;

    case PROP_TLS_VERSION:
      g_value_set_string (value, self->tls_version);
      break;

    case PROP_CIPHER_SUITE:
      g_value_set_string (value, self->cipher_suite);
      break;

    case PROP_KX_GROUP:
      g_value_set_string (value, self->kx_group);
      break;

    case PROP_SIGNATURE_ALGORITHM:
      g_value_set_string (value, self->signature_algorithm);
      break;

    case PROP_CHAIN:
      g_value_set_boxed (value, self->chain);
      break;

    case PROP_OCSP_RESPONSE:
      g_value_set_boxed (value, self->ocsp_response);
      break;

    case PROP_CERTIFICATE_VERIFIED:
      g_value_set_boolean (value, self->certificate_verified);
      break;

    case PROP_TRANSCRIPT:
      g_value_set_boxed (value, self->transcript);
      break;

    case PROP_FINDINGS:
      g_value_set_boxed (value, self->findings);
      break;

    case PROP_ERROR_DETAIL:
      g_value_set_string (value, self->error_detail);
      break;

    case PROP_BUILT_CHAIN:
      g_value_set_boxed (value, self->built_chain);
      break;

    case PROP_BARE_LF:
      g_value_set_boolean (value, self->bare_lf);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_endpoint_report_class_init (StiEndpointReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_endpoint_report_finalize;
  object_class->get_property = sti_endpoint_report_get_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAMILY] =
    g_param_spec_string ("family", NULL, NULL, NULL, flags);
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, FALSE, flags);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, STI_TYPE_STAGE, STI_STAGE_PENDING, flags);
  properties[PROP_STARTTLS_OFFERED] =
    g_param_spec_boolean ("starttls-offered", NULL, NULL, FALSE, flags);
  properties[PROP_STARTTLS_ACCEPTED] =
    g_param_spec_boolean ("starttls-accepted", NULL, NULL, FALSE, flags);
  properties[PROP_TLS_ESTABLISHED] =
    g_param_spec_boolean ("tls-established", NULL, NULL, FALSE, flags);
  properties[PROP_GREETING] =
    g_param_spec_string ("greeting", NULL, NULL, NULL, flags);
  properties[PROP_CAPS_BEFORE] =
    g_param_spec_boxed ("caps-before", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CAPS_AFTER] =
    g_param_spec_boxed ("caps-after", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TLS_VERSION] =
    g_param_spec_string ("tls-version", NULL, NULL, NULL, flags);
  properties[PROP_CIPHER_SUITE] =
    g_param_spec_string ("cipher-suite", NULL, NULL, NULL, flags);
  properties[PROP_KX_GROUP] =
    g_param_spec_string ("kx-group", NULL, NULL, NULL, flags);
  properties[PROP_SIGNATURE_ALGORITHM] =
    g_param_spec_string ("signature-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_CHAIN] =
    g_param_spec_boxed ("chain", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_OCSP_RESPONSE] =
    g_param_spec_boxed ("ocsp-response", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_CERTIFICATE_VERIFIED] =
    g_param_spec_boolean ("certificate-verified", NULL, NULL, FALSE, flags);
  properties[PROP_TRANSCRIPT] =
    g_param_spec_boxed ("transcript", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_FINDINGS] =
    g_param_spec_boxed ("findings", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_ERROR_DETAIL] =
    g_param_spec_string ("error-detail", NULL, NULL, NULL, flags);
  properties[PROP_BUILT_CHAIN] =
    g_param_spec_boxed ("built-chain", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_BARE_LF] =
    g_param_spec_boolean ("bare-lf", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_endpoint_report_init (StiEndpointReport *self)
{
  self->host = g_strdup ("");
  self->address = g_strdup ("");
  self->family = g_strdup ("");
  self->stage = STI_STAGE_PENDING;
  self->caps_before = g_new0 (char *, 1);
  self->caps_after = g_new0 (char *, 1);
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->transcript = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_transcript_line_free);
  self->timings = (StiTimings)STI_TIMINGS_INIT;
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->built_chain = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_chain_link_free);
  self->dane_matches = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_dane_match_unref);
}

StiEndpointReport *
sti_endpoint_report_new (void)
{
  return g_object_new (STI_TYPE_ENDPOINT_REPORT, NULL);
}

const char *
sti_endpoint_report_get_host (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->host;
}

const char *
sti_endpoint_report_get_address (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->address;
}

guint
sti_endpoint_report_get_port (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), 0);
  return self->port;
}

const char *
sti_endpoint_report_get_family (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->family;
}

gboolean
sti_endpoint_report_get_reachable (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->reachable;
}

StiStage
sti_endpoint_report_get_stage (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), 0);
  return self->stage;
}

gboolean
sti_endpoint_report_get_starttls_offered (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->starttls_offered;
}

/**
 * sti_endpoint_report_stopped_before_starttls:
 * @self: a #StiEndpointReport
 *
 * Whether the dialogue ended before the server said if it offers
 * STARTTLS: a 421 or 554 greeting, a timeout, a connection closed early.
 * Then "no STARTTLS" would be untrue; the endpoint was not checked to the
 * end, and its findings say why.
 *
 * Returns: %TRUE when the server was reached but its EHLO (or HELO)
 *   reply never told
 */
gboolean
sti_endpoint_report_stopped_before_starttls (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->reachable && !self->starttls_offered &&
         !sti_findings_contain (self->findings, "starttls-not-offered");
}

gboolean
sti_endpoint_report_get_starttls_accepted (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->starttls_accepted;
}

gboolean
sti_endpoint_report_get_tls_established (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->tls_established;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_greeting (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->greeting;
}

const char * const *
sti_endpoint_report_get_caps_before (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return (const char * const *)self->caps_before;
}

const char * const *
sti_endpoint_report_get_caps_after (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return (const char * const *)self->caps_after;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_tls_version (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->tls_version;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_cipher_suite (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->cipher_suite;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_kx_group (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->kx_group;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_signature_algorithm (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->signature_algorithm;
}

/**
 * sti_endpoint_report_get_chain:
 *
 * Returns: (transfer none) (element-type StiCertificate): never %NULL
 */
GPtrArray *
sti_endpoint_report_get_chain (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->chain;
}

/* Returns: (transfer none) (nullable) */
GBytes *
sti_endpoint_report_get_ocsp_response (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->ocsp_response;
}

gboolean
sti_endpoint_report_get_certificate_verified (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->certificate_verified;
}

/**
 * sti_endpoint_report_get_transcript:
 *
 * Returns: (transfer none) (element-type StiTranscriptLine): never %NULL
 */
GPtrArray *
sti_endpoint_report_get_transcript (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->transcript;
}

const StiTimings *
sti_endpoint_report_get_timings (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return &self->timings;
}

/**
 * sti_endpoint_report_get_findings:
 *
 * Returns: (transfer none) (element-type StiFinding): never %NULL
 */
GPtrArray *
sti_endpoint_report_get_findings (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->findings;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_endpoint_report_get_error_detail (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->error_detail;
}

/* Returns: %TRUE when a reply ended a line with LF alone, not CRLF */
gboolean
sti_endpoint_report_get_bare_lf (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), FALSE);
  return self->bare_lf;
}

/**
 * sti_endpoint_report_get_built_chain:
 *
 * The certification path verification built, from the server's
 * certificate towards its anchor; empty when there was no chain to build
 * from (or the report predates it).
 *
 * Returns: (transfer none) (element-type StiChainLink): never %NULL
 */
GPtrArray *
sti_endpoint_report_get_built_chain (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->built_chain;
}

void
sti_endpoint_report_set_host (StiEndpointReport *self,
                              const char        *host)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (host != NULL);

  g_free (self->host);
  self->host = sti_text_clean (host);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

void
sti_endpoint_report_set_address (StiEndpointReport *self,
                                 const char        *address)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (address != NULL);

  g_free (self->address);
  self->address = sti_text_clean (address);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

void
sti_endpoint_report_set_port (StiEndpointReport *self,
                              guint              port)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->port = port;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

void
sti_endpoint_report_set_family (StiEndpointReport *self,
                                const char        *family)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (family != NULL);

  g_free (self->family);
  self->family = sti_text_clean (family);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY]);
}

void
sti_endpoint_report_set_reachable (StiEndpointReport *self,
                                   gboolean           reachable)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->reachable = !!reachable;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

void
sti_endpoint_report_set_stage (StiEndpointReport *self,
                               StiStage           stage)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->stage = stage;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
sti_endpoint_report_set_starttls_offered (StiEndpointReport *self,
                                          gboolean           starttls_offered)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->starttls_offered = !!starttls_offered;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTTLS_OFFERED]);
}

void
sti_endpoint_report_set_starttls_accepted (StiEndpointReport *self,
                                           gboolean           starttls_accepted)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->starttls_accepted = !!starttls_accepted;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTTLS_ACCEPTED]);
}

void
sti_endpoint_report_set_tls_established (StiEndpointReport *self,
                                         gboolean           tls_established)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->tls_established = !!tls_established;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_ESTABLISHED]);
}

void
sti_endpoint_report_set_greeting (StiEndpointReport *self,
                                  const char        *greeting)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->greeting);
  self->greeting = NULL;
  if (greeting != NULL)
    self->greeting = sti_text_clean (greeting);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GREETING]);
}

void
sti_endpoint_report_set_caps_before (StiEndpointReport  *self,
                                     const char * const *caps_before)
{
  GStrv copy;
  guint n;

  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  n = caps_before != NULL ? g_strv_length ((char **)caps_before) : 0;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = sti_text_clean (caps_before[i]);
  g_strfreev (self->caps_before);
  self->caps_before = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS_BEFORE]);
}

void
sti_endpoint_report_set_caps_after (StiEndpointReport  *self,
                                    const char * const *caps_after)
{
  GStrv copy;
  guint n;

  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  n = caps_after != NULL ? g_strv_length ((char **)caps_after) : 0;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = sti_text_clean (caps_after[i]);
  g_strfreev (self->caps_after);
  self->caps_after = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPS_AFTER]);
}

void
sti_endpoint_report_set_tls_version (StiEndpointReport *self,
                                     const char        *tls_version)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->tls_version);
  self->tls_version = NULL;
  if (tls_version != NULL)
    self->tls_version = sti_text_clean (tls_version);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_VERSION]);
}

void
sti_endpoint_report_set_cipher_suite (StiEndpointReport *self,
                                      const char        *cipher_suite)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->cipher_suite);
  self->cipher_suite = NULL;
  if (cipher_suite != NULL)
    self->cipher_suite = sti_text_clean (cipher_suite);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CIPHER_SUITE]);
}

void
sti_endpoint_report_set_kx_group (StiEndpointReport *self,
                                  const char        *kx_group)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->kx_group);
  self->kx_group = NULL;
  if (kx_group != NULL)
    self->kx_group = sti_text_clean (kx_group);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KX_GROUP]);
}

void
sti_endpoint_report_set_signature_algorithm (StiEndpointReport *self,
                                             const char        *signature_algorithm)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->signature_algorithm);
  self->signature_algorithm = NULL;
  if (signature_algorithm != NULL)
    self->signature_algorithm = sti_text_clean (signature_algorithm);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNATURE_ALGORITHM]);
}

void
sti_endpoint_report_add_certificate (StiEndpointReport *self,
                                     StiCertificate    *certificate)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (STI_IS_CERTIFICATE (certificate));

  g_ptr_array_add (self->chain, g_object_ref (certificate));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAIN]);
}

void
sti_endpoint_report_set_ocsp_response (StiEndpointReport *self,
                                       GBytes            *ocsp_response)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_clear_pointer (&self->ocsp_response, g_bytes_unref);
  if (ocsp_response != NULL)
    self->ocsp_response = g_bytes_ref (ocsp_response);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCSP_RESPONSE]);
}

void
sti_endpoint_report_set_certificate_verified (StiEndpointReport *self,
                                              gboolean           certificate_verified)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->certificate_verified = !!certificate_verified;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CERTIFICATE_VERIFIED]);
}

void
sti_endpoint_report_add_transcript_line (StiEndpointReport       *self,
                                         const StiTranscriptLine *line)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (line != NULL);

  g_ptr_array_add (self->transcript, sti_transcript_line_copy (line));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSCRIPT]);
}

void
sti_endpoint_report_set_timings (StiEndpointReport *self,
                                 const StiTimings  *timings)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (timings != NULL);

  self->timings = *timings;
}

void
sti_endpoint_report_add_finding (StiEndpointReport *self,
                                 StiFinding        *finding)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (STI_IS_FINDING (finding));

  g_ptr_array_add (self->findings, sti_report_clean_finding (finding));
  sti_findings_sort (self->findings);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

void
sti_endpoint_report_set_error_detail (StiEndpointReport *self,
                                      const char        *error_detail)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_free (self->error_detail);
  self->error_detail = NULL;
  if (error_detail != NULL)
    self->error_detail = sti_text_clean (error_detail);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_DETAIL]);
}

void
sti_endpoint_report_set_bare_lf (StiEndpointReport *self,
                                 gboolean           bare_lf)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  self->bare_lf = !!bare_lf;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BARE_LF]);
}

void
sti_endpoint_report_add_built_link (StiEndpointReport  *self,
                                    const StiChainLink *link)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_return_if_fail (link != NULL);

  g_ptr_array_add (self->built_chain, sti_chain_link_copy (link));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT_CHAIN]);
}

/**
 * sti_endpoint_report_get_without_sni:
 *
 * Returns: (nullable) (transfer none): what the endpoint presents to a
 *   sender that sends no SNI; %NULL when that was not looked at (no TLS
 *   in the main dialogue, an IP literal for a host)
 */
StiSniComparison *
sti_endpoint_report_get_without_sni (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);

  return self->without_sni;
}

void
sti_endpoint_report_set_without_sni (StiEndpointReport *self,
                                     StiSniComparison  *without_sni)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));

  g_set_object (&self->without_sni, without_sni);
}

/**
 * sti_endpoint_report_get_dane_matches:
 *
 * Returns: (transfer none) (element-type StiDaneMatch): each TLSA record of
 *   the host judged against the chain this endpoint sent, in the order of
 *   the answer; empty when nothing was judged (no records, no chain)
 */
GPtrArray *
sti_endpoint_report_get_dane_matches (StiEndpointReport *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (self), NULL);
  return self->dane_matches;
}

void
sti_endpoint_report_add_dane_match (StiEndpointReport *self,
                                    StiDaneMatch      *match)
{
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (self));
  g_ptr_array_add (self->dane_matches, sti_dane_match_ref (match));
}
