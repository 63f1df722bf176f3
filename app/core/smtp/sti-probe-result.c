/* sti-probe-result.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-probe-result-private.h"

#include "sti-base-enums.h"
#include "sti-finding.h"

/* What one SMTP dialogue with one address found (StiEndpointProbe). Built
 * by the probe, immutable afterwards; every property is read-only. All
 * server-supplied text in it is sanitized, raw bytes live in the transcript
 * and the DER chain. */

G_DEFINE_FINAL_TYPE (StiProbeResult, sti_probe_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_EHLO_NAME,
  PROP_STAGE,
  PROP_REACHABLE,
  PROP_GREETING_CODE,
  PROP_GREETING_TEXT,
  PROP_USED_HELO,
  PROP_CAPS_BEFORE_TLS,
  PROP_CAPS_AFTER_TLS,
  PROP_STARTTLS_OFFERED,
  PROP_STARTTLS_ACCEPTED,
  PROP_INJECTED_BYTES,
  PROP_TLS_ESTABLISHED,
  PROP_TLS_VERSION,
  PROP_CIPHER_SUITE,
  PROP_KX_GROUP,
  PROP_SIGNATURE_ALGORITHM,
  PROP_PEER_CHAIN,
  PROP_OCSP_RESPONSE,
  PROP_ALERT,
  PROP_FINDINGS,
  PROP_TRANSCRIPT,
  PROP_ERROR_DETAIL,
  PROP_BARE_LF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_probe_result_finalize (GObject *object)
{
  StiProbeResult *self = (StiProbeResult *)object;

  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->ehlo_name, g_free);
  g_clear_pointer (&self->greeting_text, g_free);
  g_clear_pointer (&self->caps_before_tls, g_strfreev);
  g_clear_pointer (&self->caps_after_tls, g_strfreev);
  g_clear_pointer (&self->tls_version, g_free);
  g_clear_pointer (&self->cipher_suite, g_free);
  g_clear_pointer (&self->kx_group, g_free);
  g_clear_pointer (&self->signature_algorithm, g_free);
  g_clear_pointer (&self->peer_chain, g_ptr_array_unref);
  g_clear_pointer (&self->ocsp_response, g_bytes_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->transcript, g_ptr_array_unref);
  g_clear_pointer (&self->error_detail, g_free);

  G_OBJECT_CLASS (sti_probe_result_parent_class)->finalize (object);
}

static void
sti_probe_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StiProbeResult *self = STI_PROBE_RESULT (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, sti_probe_result_get_host (self));
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, sti_probe_result_get_address (self));
      break;

    case PROP_PORT:
      g_value_set_uint (value, sti_probe_result_get_port (self));
      break;

    case PROP_EHLO_NAME:
      g_value_set_string (value, sti_probe_result_get_ehlo_name (self));
      break;

    case PROP_STAGE:
      g_value_set_enum (value, sti_probe_result_get_stage (self));
      break;

    case PROP_REACHABLE:
      g_value_set_boolean (value, sti_probe_result_get_reachable (self));
      break;

    case PROP_GREETING_CODE:
      g_value_set_uint (value, sti_probe_result_get_greeting_code (self));
      break;

    case PROP_GREETING_TEXT:
      g_value_set_string (value, sti_probe_result_get_greeting_text (self));
      break;

    case PROP_USED_HELO:
      g_value_set_boolean (value, sti_probe_result_get_used_helo (self));
      break;

    case PROP_CAPS_BEFORE_TLS:
      g_value_set_boxed (value, sti_probe_result_get_caps_before_tls (self));
      break;

    case PROP_CAPS_AFTER_TLS:
      g_value_set_boxed (value, sti_probe_result_get_caps_after_tls (self));
      break;

    case PROP_STARTTLS_OFFERED:
      g_value_set_boolean (value, sti_probe_result_get_starttls_offered (self));
      break;

    case PROP_STARTTLS_ACCEPTED:
      g_value_set_boolean (value, sti_probe_result_get_starttls_accepted (self));
      break;

    case PROP_INJECTED_BYTES:
      g_value_set_uint64 (value, sti_probe_result_get_injected_bytes (self));
      break;

    case PROP_TLS_ESTABLISHED:
      g_value_set_boolean (value, sti_probe_result_get_tls_established (self));
      break;

    case PROP_TLS_VERSION:
      g_value_set_string (value, sti_probe_result_get_tls_version (self));
      break;

    case PROP_CIPHER_SUITE:
      g_value_set_string (value, sti_probe_result_get_cipher_suite (self));
      break;

    case PROP_KX_GROUP:
      g_value_set_string (value, sti_probe_result_get_kx_group (self));
      break;

    case PROP_SIGNATURE_ALGORITHM:
      g_value_set_string (value, sti_probe_result_get_signature_algorithm (self));
      break;

    case PROP_PEER_CHAIN:
      g_value_set_boxed (value, sti_probe_result_get_peer_chain (self));
      break;

    case PROP_OCSP_RESPONSE:
      g_value_set_boxed (value, sti_probe_result_get_ocsp_response (self));
      break;

    case PROP_ALERT:
      g_value_set_int (value, sti_probe_result_get_alert (self));
      break;

    case PROP_FINDINGS:
      g_value_set_boxed (value, sti_probe_result_get_findings (self));
      break;

    case PROP_TRANSCRIPT:
      g_value_set_boxed (value, sti_probe_result_get_transcript (self));
      break;

    case PROP_ERROR_DETAIL:
      g_value_set_string (value, sti_probe_result_get_error_detail (self));
      break;

    case PROP_BARE_LF:
      g_value_set_boolean (value, sti_probe_result_get_bare_lf (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_probe_result_class_init (StiProbeResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_probe_result_finalize;
  object_class->get_property = sti_probe_result_get_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0, flags);
  properties[PROP_EHLO_NAME] =
    g_param_spec_string ("ehlo-name", NULL, NULL, NULL, flags);
  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, STI_TYPE_STAGE, STI_STAGE_PENDING, flags);
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, FALSE, flags);
  properties[PROP_GREETING_CODE] =
    g_param_spec_uint ("greeting-code", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_GREETING_TEXT] =
    g_param_spec_string ("greeting-text", NULL, NULL, NULL, flags);
  properties[PROP_USED_HELO] =
    g_param_spec_boolean ("used-helo", NULL, NULL, FALSE, flags);
  properties[PROP_CAPS_BEFORE_TLS] =
    g_param_spec_boxed ("caps-before-tls", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CAPS_AFTER_TLS] =
    g_param_spec_boxed ("caps-after-tls", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_STARTTLS_OFFERED] =
    g_param_spec_boolean ("starttls-offered", NULL, NULL, FALSE, flags);
  properties[PROP_STARTTLS_ACCEPTED] =
    g_param_spec_boolean ("starttls-accepted", NULL, NULL, FALSE, flags);
  properties[PROP_INJECTED_BYTES] =
    g_param_spec_uint64 ("injected-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_TLS_ESTABLISHED] =
    g_param_spec_boolean ("tls-established", NULL, NULL, FALSE, flags);
  properties[PROP_TLS_VERSION] =
    g_param_spec_string ("tls-version", NULL, NULL, NULL, flags);
  properties[PROP_CIPHER_SUITE] =
    g_param_spec_string ("cipher-suite", NULL, NULL, NULL, flags);
  properties[PROP_KX_GROUP] =
    g_param_spec_string ("kx-group", NULL, NULL, NULL, flags);
  properties[PROP_SIGNATURE_ALGORITHM] =
    g_param_spec_string ("signature-algorithm", NULL, NULL, NULL, flags);
  properties[PROP_PEER_CHAIN] =
    g_param_spec_boxed ("peer-chain", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_OCSP_RESPONSE] =
    g_param_spec_boxed ("ocsp-response", NULL, NULL, G_TYPE_BYTES, flags);
  properties[PROP_ALERT] =
    g_param_spec_int ("alert", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_FINDINGS] =
    g_param_spec_boxed ("findings", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_TRANSCRIPT] =
    g_param_spec_boxed ("transcript", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_ERROR_DETAIL] =
    g_param_spec_string ("error-detail", NULL, NULL, NULL, flags);
  properties[PROP_BARE_LF] =
    g_param_spec_boolean ("bare-lf", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_probe_result_init (StiProbeResult *self)
{
  StiTimings timings = STI_TIMINGS_INIT;

  self->stage = STI_STAGE_PENDING;
  self->alert = -1;
  self->timings = timings;
  self->peer_chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->transcript = g_ptr_array_new_with_free_func ((GDestroyNotify) sti_transcript_line_free);
  self->caps_before_tls = g_new0 (char *, 1);
  self->caps_after_tls = g_new0 (char *, 1);
}

StiProbeResult *
sti_probe_result_new (const char *host,
                      const char *address,
                      guint16     port)
{
  StiProbeResult *self = g_object_new (STI_TYPE_PROBE_RESULT, NULL);

  self->host = g_strdup (host);
  self->address = g_strdup (address);
  self->port = port;

  return self;
}

const char *
sti_probe_result_get_host (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->host;
}

const char *
sti_probe_result_get_address (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->address;
}

guint16
sti_probe_result_get_port (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), 0);

  return self->port;
}

const char *
sti_probe_result_get_ehlo_name (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->ehlo_name;
}

/**
 * sti_probe_result_get_stage:
 * @self: a #StiProbeResult
 *
 * Returns: %STI_STAGE_DONE if the dialogue ran to its end, otherwise the
 *   stage in which it stopped
 */
StiStage
sti_probe_result_get_stage (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), STI_STAGE_PENDING);

  return self->stage;
}

gboolean
sti_probe_result_get_reachable (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->reachable;
}

guint
sti_probe_result_get_greeting_code (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), 0);

  return self->greeting_code;
}

const char *
sti_probe_result_get_greeting_text (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->greeting_text;
}

gboolean
sti_probe_result_get_used_helo (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->used_helo;
}

/**
 * sti_probe_result_get_caps_before_tls:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none): the EHLO capabilities in plaintext, each
 *   "KEYWORD" or "KEYWORD params"; empty if none
 */
const char * const *
sti_probe_result_get_caps_before_tls (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return (const char * const *)self->caps_before_tls;
}

/**
 * sti_probe_result_get_caps_after_tls:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none): the EHLO capabilities over TLS; empty if none
 */
const char * const *
sti_probe_result_get_caps_after_tls (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return (const char * const *)self->caps_after_tls;
}

gboolean
sti_probe_result_get_starttls_offered (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->starttls_offered;
}

gboolean
sti_probe_result_get_starttls_accepted (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->starttls_accepted;
}

/**
 * sti_probe_result_get_injected_bytes:
 * @self: a #StiProbeResult
 *
 * Returns: plaintext bytes the server sent after its 220 to STARTTLS
 *   (discarded, never fed to TLS)
 */
gsize
sti_probe_result_get_injected_bytes (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), 0);

  return self->injected_bytes;
}

gboolean
sti_probe_result_get_tls_established (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->tls_established;
}

const char *
sti_probe_result_get_tls_version (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->tls_version;
}

/**
 * sti_probe_result_get_cipher_suite:
 * @self: a #StiProbeResult
 *
 * Returns: (nullable): the cipher suite, IANA style (e.g.
 *   "TLS_AES_128_GCM_SHA256")
 */
const char *
sti_probe_result_get_cipher_suite (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->cipher_suite;
}

const char *
sti_probe_result_get_kx_group (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->kx_group;
}

const char *
sti_probe_result_get_signature_algorithm (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->signature_algorithm;
}

/**
 * sti_probe_result_get_peer_chain:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none) (element-type GBytes): the certificates the
 *   server sent, DER, in the order sent, duplicates kept; empty without TLS
 */
GPtrArray *
sti_probe_result_get_peer_chain (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->peer_chain;
}

/**
 * sti_probe_result_get_ocsp_response:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none) (nullable): the stapled OCSP response (DER)
 */
GBytes *
sti_probe_result_get_ocsp_response (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->ocsp_response;
}

/**
 * sti_probe_result_get_alert:
 * @self: a #StiProbeResult
 *
 * Returns: the fatal TLS alert the server sent, or -1
 */
int
sti_probe_result_get_alert (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), -1);

  return self->alert;
}

/**
 * sti_probe_result_get_findings:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none) (element-type StiFinding): what the dialogue
 *   found, sorted by severity, worst first
 */
GPtrArray *
sti_probe_result_get_findings (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->findings;
}

/**
 * sti_probe_result_get_transcript:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none) (element-type StiTranscriptLine): every line
 *   both ways plus events, in order, with time offsets from the start
 */
GPtrArray *
sti_probe_result_get_transcript (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->transcript;
}

const char *
sti_probe_result_get_error_detail (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return self->error_detail;
}

/**
 * sti_probe_result_get_bare_lf:
 * @self: a #StiProbeResult
 *
 * Returns: %TRUE if a reply of the server ended a line with LF alone, not
 *   CRLF (accepted, and recorded: senders differ on it)
 */
gboolean
sti_probe_result_get_bare_lf (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), FALSE);

  return self->bare_lf;
}

/**
 * sti_probe_result_get_timings:
 * @self: a #StiProbeResult
 *
 * Returns: (transfer none): the duration of each stage; -1 where a stage
 *   was never reached
 */
const StiTimings *
sti_probe_result_get_timings (StiProbeResult *self)
{
  g_return_val_if_fail (STI_IS_PROBE_RESULT (self), NULL);

  return &self->timings;
}
