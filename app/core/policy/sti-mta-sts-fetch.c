/* sti-mta-sts-fetch.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts.h"
#include "sti-mta-sts-private.h"

#include "sti-certificate.h"
#include "sti-pinned-address.h"
#include "sti-text.h"
#include "sti-tls-database.h"

#include <glib/gi18n.h>

/* The fetch of RFC 8461 §3.3, as a sender does it: a valid certificate
 * for the policy host, no redirects, 200 only, text/plain, a size cap and
 * one deadline for all of it. Every way it fails is a finding in the
 * result. */

G_DEFINE_BOXED_TYPE (StiMtaStsFetchResult, sti_mta_sts_fetch_result,
                     sti_mta_sts_fetch_result_ref, sti_mta_sts_fetch_result_unref)

static void
fetch_result_clear (StiMtaStsFetchResult *result)
{
  g_free (result->url);
  g_free (result->content_type);
  g_free (result->location);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->policy, sti_mta_sts_policy_unref);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
  g_clear_pointer (&result->certificates, g_ptr_array_unref);
}

StiMtaStsFetchResult *
sti_mta_sts_fetch_result_ref (StiMtaStsFetchResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
sti_mta_sts_fetch_result_unref (StiMtaStsFetchResult *result)
{
  g_atomic_rc_box_release_full (result, (GDestroyNotify)fetch_result_clear);
}

typedef struct
{
  SoupSession          *session;
  SoupMessage          *msg;
  GInputStream         *stream;
  GCancellable         *internal;
  GCancellable         *user_cancellable;
  gulong                user_cancel_id;
  GSource              *deadline;
  GTlsDatabase         *extra_trust;
  gboolean              extra_trust_is_session_db;
  char                 *host;
  guint16               port;
  guint                 timeout_ms;
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
  gboolean              tls_refused;
  gulong                accept_id;
  GByteArray           *buffer;
  gint64                start_us;
  StiMtaStsFetchResult *result;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  if (data->user_cancel_id != 0)
    g_cancellable_disconnect (data->user_cancellable, data->user_cancel_id);
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->accept_id != 0)
    g_signal_handler_disconnect (data->msg, data->accept_id);

  /* Cancelling first ends the message, so that dropping a half-read body
   * stream does not block in a synchronous close. */
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    g_cancellable_cancel (data->internal);

  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_object (&data->session);
  g_clear_object (&data->internal);
  g_clear_object (&data->user_cancellable);
  g_clear_object (&data->extra_trust);
  g_free (data->host);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_pointer (&data->result, sti_mta_sts_fetch_result_unref);
  g_free (data);
}

static void
fetch_complete (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  StiMtaStsFetchResult *result = g_steal_pointer (&data->result);

  result->duration_us = g_get_monotonic_time () - data->start_us;
  g_task_return_pointer (task, result, (GDestroyNotify)sti_mta_sts_fetch_result_unref);
}

static void
fetch_finding (FetchData  *data,
               const char *id,
               GVariant   *params,
               const char *detail)
{
  sti_findings_add (data->result->findings, id, params, detail);
}

static gboolean
deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->internal);

  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

/* GTlsCertificateFlags -> the reason words kept in the finding. */
static const struct {
  GTlsCertificateFlags  flag;
  const char           *reason;
} tls_flag_table[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA,    "unknown-ca" },
  { G_TLS_CERTIFICATE_BAD_IDENTITY,  "bad-identity" },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not-activated" },
  { G_TLS_CERTIFICATE_EXPIRED,       "expired" },
  { G_TLS_CERTIFICATE_REVOKED,       "revoked" },
  { G_TLS_CERTIFICATE_INSECURE,      "insecure" },
  { G_TLS_CERTIFICATE_GENERIC_ERROR, "generic-error" },
};

/**
 * sti_mta_sts_tls_error_reasons:
 * @errors: why a certificate was refused
 *
 * Returns: (transfer full): the reason words of @errors ("unknown-ca",
 *   "bad-identity", "expired", …), as the findings and the evidence keep them
 */
char **
sti_mta_sts_tls_error_reasons (GTlsCertificateFlags errors)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tls_flag_table); i++)
    {
      if (errors & tls_flag_table[i].flag)
        g_strv_builder_add (builder, tls_flag_table[i].reason);
    }

  return g_strv_builder_end (builder);
}

/* Keeps the chain the policy host sent, for the evidence; the first
 * certificate seen (the handshake's) wins. */
static void
keep_certificates (FetchData       *data,
                   GTlsCertificate *certificate)
{
  if (data->result->certificates->len > 0)
    return;

  for (GTlsCertificate *cert = certificate; cert != NULL;
       cert = g_tls_certificate_get_issuer (cert))
    {
      g_autoptr(GByteArray) der = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      StiCertificate *parsed;

      g_object_get (cert, "certificate", &der, NULL);
      if (der == NULL)
        break;
      bytes = g_bytes_new (der->data, der->len);
      parsed = sti_certificate_new_from_der (bytes, &error);
      if (parsed == NULL)
        {
          g_debug ("A certificate of %s is not kept: %s", data->host, error->message);
          break;
        }
      g_ptr_array_add (data->result->certificates, parsed);
    }
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  FetchData *data = user_data;

  data->tls_refused = TRUE;
  data->tls_errors = errors;
  keep_certificates (data, certificate);

  /* The caller's extra anchors (an internal CA, the demo lab's CA) count
   * as much as the system store: verify again against them, with the
   * policy host as the identity. */
  if (data->extra_trust != NULL && !data->extra_trust_is_session_db)
    {
      g_autoptr(GSocketConnectable) identity = g_network_address_new (data->host, data->port);
      g_autoptr(GError) error = NULL;
      GTlsCertificateFlags ours;

      ours = g_tls_database_verify_chain (data->extra_trust, certificate,
                                          G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                          identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                          NULL, &error);
      if (error == NULL && ours == 0)
        {
          data->tls_refused = FALSE;
          data->tls_errors = 0;
          return TRUE;
        }

      /* Our store knows the issuer: its answer is the precise one. */
      if (error == NULL && (ours & G_TLS_CERTIFICATE_UNKNOWN_CA) == 0)
        data->tls_errors = ours;
    }

  return FALSE;
}

static void
fetch_failed (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *message = sti_text_sanitize_str (error->message);

  if (data->timed_out)
    {
      g_autofree char *detail = g_strdup_printf ("No complete answer from %s within %u ms",
                                                 data->host, data->timeout_ms);

      g_variant_dict_insert (&dict, "timeout_ms", "x", (gint64)data->timeout_ms);
      g_variant_dict_insert (&dict, "bytes_read", "x",
                             (gint64)(data->buffer != NULL ? data->buffer->len : 0));
      fetch_finding (data, "mta-sts-policy-timeout", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  if (g_cancellable_is_cancelled (data->user_cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The policy fetch was cancelled."));
      return;
    }

  if (data->tls_refused || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_auto(GStrv) reasons = sti_mta_sts_tls_error_reasons (data->tls_errors);
      g_autofree char *joined = NULL;
      g_autofree char *detail = NULL;

      joined = g_strjoinv (", ", reasons);

      g_variant_dict_insert (&dict, "host", "s", data->host);
      g_variant_dict_insert (&dict, "reasons", "^as", reasons);
      g_variant_dict_insert (&dict, "tls_errors", "x", (gint64)data->tls_errors);
      detail = g_strdup_printf ("The certificate of %s was refused (%s)",
                                data->host, joined[0] != '\0' ? joined : message);
      fetch_finding (data, "mta-sts-policy-bad-certificate", g_variant_dict_end (&dict), detail);
      data->result->tls_errors = data->tls_errors;
      fetch_complete (task);
      return;
    }

  {
    g_autofree char *detail = g_strdup_printf ("%s: %s", data->host, message);

    g_variant_dict_insert (&dict, "host", "s", data->host);
    g_variant_dict_insert (&dict, "error", "s", message);
    fetch_finding (data, "mta-sts-policy-unreachable", g_variant_dict_end (&dict), detail);
  }
  fetch_complete (task);
}

static void
too_large (GTask *task,
           gint64 size)
{
  FetchData *data = g_task_get_task_data (task);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  g_variant_dict_insert (&dict, "limit", "x", (gint64)STI_MTA_STS_POLICY_MAX_SIZE);
  g_variant_dict_insert (&dict, "size", "x", size);
  detail = g_strdup_printf ("The policy is larger than %d bytes (at least %" G_GINT64_FORMAT ")",
                            STI_MTA_STS_POLICY_MAX_SIZE, size);
  fetch_finding (data, "mta-sts-policy-too-large", g_variant_dict_end (&dict), detail);
  fetch_complete (task);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      fetch_failed (task, error);
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));

      data->result->body = g_bytes_ref (body);
      data->result->policy = sti_mta_sts_policy_parse (body, data->result->findings);
      fetch_complete (task);
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), len);
  if (data->buffer->len > STI_MTA_STS_POLICY_MAX_SIZE)
    {
      too_large (task, data->buffer->len);
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  /* Never ask for more than one byte past the limit. */
  gsize want = MIN (16384, STI_MTA_STS_POLICY_MAX_SIZE + 1 - data->buffer->len);

  g_input_stream_read_bytes_async (data->stream, want, G_PRIORITY_DEFAULT,
                                   data->internal, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  StiMtaStsFetchResult *result = data->result;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  SoupMessageHeaders *headers;
  const char *content_type;
  const char *encoding;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (data->stream == NULL)
    {
      fetch_failed (task, error);
      return;
    }

  /* A response over TLS: the certificate was accepted, by the session's
   * store or, in accept_certificate_cb(), by the extra anchors. */
  if (soup_message_get_tls_peer_certificate (data->msg) != NULL)
    {
      keep_certificates (data, soup_message_get_tls_peer_certificate (data->msg));
      result->certificate_verified = !data->tls_refused;
    }

  headers = soup_message_get_response_headers (data->msg);
  result->status = soup_message_get_status (data->msg);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type != NULL)
    result->content_type = sti_text_sanitize_str (content_type);

  if (SOUP_STATUS_IS_REDIRECTION (result->status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autofree char *detail = NULL;

      if (location != NULL)
        result->location = sti_text_sanitize_str (location);
      g_variant_dict_insert (&dict, "status", "x", (gint64)result->status);
      g_variant_dict_insert (&dict, "location", "s",
                             result->location != NULL ? result->location : "");
      detail = g_strdup_printf ("HTTP %u redirect to %s (senders do not follow redirects)",
                                result->status,
                                result->location != NULL ? result->location : "nowhere");
      fetch_finding (data, "mta-sts-policy-redirect", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  if (result->status != SOUP_STATUS_OK)
    {
      g_autofree char *reason = sti_text_sanitize_str (soup_message_get_reason_phrase (data->msg));
      g_autofree char *detail = g_strdup_printf ("HTTP %u %s for %s",
                                                 result->status, reason, result->url);

      g_variant_dict_insert (&dict, "status", "x", (gint64)result->status);
      g_variant_dict_insert (&dict, "reason", "s", reason);
      fetch_finding (data, "mta-sts-policy-http-error", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  /* §3.2: the media type is text/plain; parameters (charset) do not matter. */
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "text/plain") != 0)
    {
      g_autofree char *detail = g_strdup_printf ("Content-Type is %s, not text/plain",
                                                 result->content_type != NULL ?
                                                 result->content_type : "missing");

      g_variant_dict_insert (&dict, "content_type", "s",
                             result->content_type != NULL ? result->content_type : "");
      fetch_finding (data, "mta-sts-policy-wrong-type", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  /* An honest Content-Length over the limit needs no reading; with a
   * content coding the length is the encoded one, so only the decoded
   * byte count below can tell. */
  encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  length = soup_message_headers_get_content_length (headers);
  if ((encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > STI_MTA_STS_POLICY_MAX_SIZE)
    {
      too_large (task, length);
      return;
    }

  data->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static char *
normalize_domain (const char *domain)
{
  g_autofree char *stripped = sts_normalize_host (domain);
  g_autofree char *ascii = g_hostname_to_ascii (stripped);

  if (ascii == NULL || g_hostname_is_ip_address (ascii) || !sts_is_valid_domain (ascii, FALSE))
    return NULL;

  return g_ascii_strdown (ascii, -1);
}

/**
 * sti_mta_sts_fetch_async:
 * @session: (nullable): the session to use; %NULL makes a private one.
 *   Either way redirects are not followed and the content decoder stays
 *   on: the 64 KiB cap applies to the decoded body.
 * @domain: the policy domain (`example.org`); the policy host is
 *   `mta-sts.<domain>`
 * @extra_trust: (nullable): anchors trusted besides the system store,
 *   checked with the policy host name as identity. A #StiTlsDatabase
 *   (sti_tls_database_new()) holds the system store's anchors if its trust
 *   store does, and is then the only one asked. The system store is the
 *   process's (sti_trust_store_get_system()) either way: no connection
 *   loads one of its own. A @session of the caller's keeps its database.
 * @addresses: (element-type GInetAddress) (nullable): where
 *   `mta-sts.<domain>` is, as our own resolver found it (the user's DNS
 *   server, the demo lab). The connection goes to these addresses, in
 *   order, without a proxy, while SNI and the certificate check still use
 *   the host name. %NULL or empty: GResolver and the system proxy settings
 *   decide. With addresses, @session must be %NULL (a private session is
 *   made, since libsoup pins addresses per session).
 * @port: 0 for 443; tests use the port of a loopback server
 * @timeout_ms: the total deadline, 0 for %STI_MTA_STS_DEFAULT_TIMEOUT_MS.
 *   It covers connecting, the handshake and reading the body, so a server
 *   dripping bytes cannot hold the fetch.
 * @cancellable: (nullable): cancels the fetch; the result is then
 *   %G_IO_ERROR_CANCELLED
 *
 * Fetches `https://mta-sts.<domain>/.well-known/mta-sts.txt` by the rules
 * of RFC 8461 §3.3 and parses it. Every failure (no answer, bad
 * certificate, redirect, other status, wrong type, oversized body,
 * deadline, invalid policy) is a finding in the result, not an error.
 * Must be called on the thread that owns @session.
 */
void
sti_mta_sts_fetch_async (SoupSession         *session,
                         const char          *domain,
                         GTlsDatabase        *extra_trust,
                         GPtrArray           *addresses,
                         guint16              port,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autofree char *ascii = NULL;
  FetchData *data;

  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (session == NULL || addresses == NULL || addresses->len == 0);
  g_return_if_fail (domain != NULL);
  g_return_if_fail (extra_trust == NULL || G_IS_TLS_DATABASE (extra_trust));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_mta_sts_fetch_async);
  g_task_set_name (task, "[sti] mta-sts fetch");

  ascii = normalize_domain (domain);
  if (ascii == NULL)
    {
      g_autofree char *clean = sti_text_sanitize_str (domain);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %s is a domain name */
                               _("“%s” is not a valid domain name."), clean);
      return;
    }

  data = g_new0 (FetchData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify)fetch_data_free);

  data->start_us = g_get_monotonic_time ();
  data->port = port != 0 ? port : 443;
  data->timeout_ms = timeout_ms != 0 ? timeout_ms : STI_MTA_STS_DEFAULT_TIMEOUT_MS;
  data->host = g_strconcat ("mta-sts.", ascii, NULL);
  /* Our own database: glib-networking's would load the system store again
   * for every connection, on this thread (sti-tls-database.c). One over a
   * store of ours already holds the system anchors besides its own. */
  sti_tls_database_install_default ();
  if (STI_IS_TLS_DATABASE (extra_trust))
    trust = g_object_ref (extra_trust);
  else
    trust = sti_tls_database_new (sti_trust_store_get_system ());
  data->extra_trust = extra_trust != NULL ? g_object_ref (extra_trust) : NULL;
  if (addresses != NULL && addresses->len > 0)
    {
      g_autoptr(GSocketConnectable) pinned = sti_pinned_address_new (data->host, data->port,
                                                                    addresses);

      data->session = soup_session_new_with_options ("remote-connectable", pinned,
                                                     "proxy-resolver", NULL,
                                                     "tls-database", trust,
                                                     NULL);
    }
  else if (session != NULL)
    data->session = g_object_ref (session);
  else
    data->session = soup_session_new_with_options ("tls-database", trust, NULL);
  data->extra_trust_is_session_db = data->session != session && trust == extra_trust;
  data->internal = g_cancellable_new ();
  data->result = g_atomic_rc_box_new0 (StiMtaStsFetchResult);
  data->result->findings = g_ptr_array_new_with_free_func (g_object_unref);
  data->result->certificates = g_ptr_array_new_with_free_func (g_object_unref);

  if (data->port == 443)
    data->result->url = g_strdup_printf ("https://%s/.well-known/mta-sts.txt", data->host);
  else
    data->result->url = g_strdup_printf ("https://%s:%u/.well-known/mta-sts.txt",
                                         data->host, data->port);

  if (cancellable != NULL)
    {
      data->user_cancellable = g_object_ref (cancellable);
      data->user_cancel_id = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (user_cancelled_cb),
                                                    g_object_ref (data->internal),
                                                    g_object_unref);
    }

  data->deadline = g_timeout_source_new (data->timeout_ms);
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_set_static_name (data->deadline, "[sti] mta-sts deadline");
  g_source_attach (data->deadline, g_main_context_get_thread_default ());

  data->msg = soup_message_new (SOUP_METHOD_GET, data->result->url);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               /* Translators: %s is a domain name */
                               _("Cannot build a policy URL for “%s”."), ascii);
      return;
    }
  /* §3.3: "HTTP 3xx redirects MUST NOT be followed" */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  data->accept_id = g_signal_connect (data->msg, "accept-certificate",
                                      G_CALLBACK (accept_certificate_cb), data);

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT, data->internal,
                           send_cb, g_steal_pointer (&task));
}

/**
 * sti_mta_sts_fetch_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set when the
 *   domain was invalid or the fetch was cancelled
 */
StiMtaStsFetchResult *
sti_mta_sts_fetch_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sti_mta_sts_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

