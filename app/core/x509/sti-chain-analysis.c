/* sti-chain-analysis.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-analysis.h"
#include "sti-chain-analysis-private.h"

#include "sti-finding.h"
#include "sti-tls-database.h"
#include "sti-trust-store-private.h"

#include <string.h>

/* The whole certificate analysis of one endpoint, asynchronous because it
 * may fetch: when the server's chain leads nowhere, the missing issuer
 * through the AIA caIssuers URL of the last certificate on the path (up to
 * a few hops, DER, PEM or PKCS#7), and the leaf's revocation status from
 * the OCSP responder it names. All judging is sti_chain_verify_full(),
 * called once at the end with everything (sti-chain-analysis-result.c);
 * this file runs the steps, sti-chain-analysis-fetch.c the fetches.
 *
 * Every fetch is bounded (body size, hops, URL loops, one deadline for the
 * whole analysis) and never follows redirects silently: a 3xx counts as a
 * hop. A failed fetch is never an error of the analysis: it ends in a note
 * and the verdict from what was sent. Only the caller's cancellation is. */

static void
analysis_free (Analysis *a)
{
  if (a->outer_id != 0)
    g_cancellable_disconnect (a->outer, a->outer_id);
  g_clear_object (&a->outer);
  if (a->deadline != NULL)
    g_source_destroy (a->deadline);
  g_clear_pointer (&a->deadline, g_source_unref);
  g_clear_object (&a->cancellable);
  g_clear_object (&a->options.trust);
  g_clear_object (&a->options.session);
  g_clear_pointer (&a->options.now, g_date_time_unref);
  g_clear_pointer (&a->chain_der, g_ptr_array_unref);
  g_clear_pointer (&a->hostname, g_free);
  g_clear_pointer (&a->stapled, g_bytes_unref);
  g_clear_pointer (&a->tip, gnutls_x509_crt_deinit);
  g_clear_pointer (&a->fetched_der, g_ptr_array_unref);
  g_clear_pointer (&a->fetched_urls, g_ptr_array_unref);
  g_clear_pointer (&a->seen_urls, g_hash_table_unref);
  g_clear_pointer (&a->aia_note, g_free);
  g_clear_pointer (&a->ocsp_response, g_bytes_unref);
  g_clear_pointer (&a->ocsp_url, g_free);
  g_clear_pointer (&a->ocsp_note, g_free);
  g_clear_pointer (&a->url, g_free);
  g_clear_object (&a->message);
  g_clear_object (&a->stream);
  g_clear_pointer (&a->body, g_byte_array_unref);
  g_clear_pointer (&a->first_findings, g_ptr_array_unref);
  g_clear_pointer (&a->first_certificates, g_ptr_array_unref);
  g_free (a);
}

/* GnuTLS helpers */

gnutls_x509_crt_t
analysis_crt_from_der (GBytes *der)
{
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  gsize size;

  datum.data = (unsigned char *)g_bytes_get_data (der, &size);
  datum.size = size;
  if (gnutls_x509_crt_init (&crt) < 0)
    return NULL;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER) < 0)
    {
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }

  return crt;
}

GBytes *
analysis_crt_to_der (gnutls_x509_crt_t crt)
{
  g_auto(StiGnutlsDatum) datum = { NULL, 0 };

  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &datum) < 0)
    return NULL;

  return g_bytes_new (datum.data, datum.size);
}

gboolean
analysis_crt_is_self_signed (gnutls_x509_crt_t crt)
{
  return gnutls_x509_crt_check_issuer (crt, crt) != 0;
}

/* The first http(s) URI of @what (GNUTLS_IA_CAISSUERS_URI or
 * GNUTLS_IA_OCSP_URI) in @crt's Authority Information Access. */
char *
analysis_crt_aia_url (gnutls_x509_crt_t crt,
                      int               what)
{
  for (guint seq = 0; seq < 16; seq++)
    {
      gnutls_datum_t data = { NULL, 0 };
      int ret = gnutls_x509_crt_get_authority_info_access (crt, seq, what, &data, NULL);
      char *url = NULL;

      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      if (ret < 0)
        continue;

      if (memchr (data.data, '\0', data.size) == NULL &&
          (g_ascii_strncasecmp ((const char *)data.data, "http://", 7) == 0 ||
           g_ascii_strncasecmp ((const char *)data.data, "https://", 8) == 0))
        url = g_strndup ((const char *)data.data, data.size);
      gnutls_free (data.data);

      if (url != NULL)
        return url;
    }

  return NULL;
}

/* RFC 6960 A.1: GET {url}/{url-encoded base64 of the DER request}; RFC
 * 5019 responders must answer GET, and our requests are small. */
static char *
ocsp_request_url (const char        *base,
                  gnutls_x509_crt_t  leaf,
                  gnutls_x509_crt_t  issuer)
{
  g_auto(gnutls_ocsp_req_t) req = NULL;
  g_auto(StiGnutlsDatum) der = { NULL, 0 };
  g_autofree char *b64 = NULL;
  g_autofree char *escaped = NULL;

  if (gnutls_ocsp_req_init (&req) < 0 ||
      gnutls_ocsp_req_add_cert (req, GNUTLS_DIG_SHA1, issuer, leaf) < 0 ||
      gnutls_ocsp_req_export (req, &der) < 0)
    return NULL;

  b64 = g_base64_encode (der.data, der.size);
  escaped = g_uri_escape_string (b64, NULL, FALSE);

  return g_strdup_printf ("%s%s%s", base, g_str_has_suffix (base, "/") ? "" : "/", escaped);
}

/* The issuer of @leaf among what was sent and fetched, or from the store. */
static gnutls_x509_crt_t
find_issuer (Analysis          *a,
             gnutls_x509_crt_t  leaf)
{
  gnutls_x509_crt_t issuer = NULL;
  GPtrArray *pools[2] = { a->chain_der, a->fetched_der };

  for (guint p = 0; p < G_N_ELEMENTS (pools); p++)
    {
      for (guint i = p == 0 ? 1 : 0; i < pools[p]->len; i++)
        {
          gnutls_x509_crt_t candidate = analysis_crt_from_der (g_ptr_array_index (pools[p], i));

          if (candidate != NULL && gnutls_x509_crt_check_issuer (leaf, candidate))
            return candidate;
          if (candidate != NULL)
            gnutls_x509_crt_deinit (candidate);
        }
    }

  if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (a->options.trust),
                                         leaf, &issuer, GNUTLS_TL_GET_COPY) >= 0)
    return issuer;

  return NULL;
}

static void
judge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Analysis *a = task_data;
  StiChainAnalysisResult *result = analysis_result_new (a);

  /* The trust store is the caller's: its last reference may not wait for
   * this thread to let go of the task. */
  g_clear_object (&a->options.trust);
  g_task_return_pointer (task, result, g_object_unref);
}

/* The fetches are over: verify and judge on a worker thread, since
 * signature checks are the CPU of a check (DESIGN.md, performance
 * budget), and the caller's thread may be running thousands of them. The
 * network objects go first, here: they belong to the caller's thread. */
static void
analysis_finish (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);

  if (a->deadline != NULL)
    g_source_destroy (a->deadline);
  g_clear_pointer (&a->deadline, g_source_unref);
  if (a->outer_id != 0)
    g_cancellable_disconnect (a->outer, a->outer_id);
  a->outer_id = 0;
  g_clear_object (&a->message);
  g_clear_object (&a->stream);
  g_clear_object (&a->options.session);
  g_task_run_in_thread (task, judge_thread);
}

/* The steps: AIA (while the path is open), then OCSP, then judge. */
void
analysis_next (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(GBytes) leaf_der = NULL;
  gnutls_x509_crt_t leaf = NULL;
  g_autofree char *ocsp_base = NULL;

  analysis_fetch_reset (a);

  if (a->kind == FETCH_AIA)
    {
      a->kind = FETCH_OCSP;
      a->hops = 0;
      g_clear_pointer (&a->url, g_free);

      if (a->chain_der->len == 0)
        {
          analysis_finish (task);
          return;
        }

      leaf = analysis_crt_from_der (g_ptr_array_index (a->chain_der, 0));
      if (leaf == NULL)
        {
          analysis_finish (task);
          return;
        }

      ocsp_base = analysis_crt_aia_url (leaf, GNUTLS_IA_OCSP_URI);
      if (ocsp_base == NULL)
        {
          /* Not a defect: CRL-only CAs are normal since 2025. */
          analysis_set_note (a, "no-ocsp-url");
        }
      else if (!a->options.allow_network)
        {
          analysis_set_note (a, "network-disabled");
        }
      else
        {
          gnutls_x509_crt_t issuer = find_issuer (a, leaf);

          if (issuer == NULL)
            analysis_set_note (a, "issuer-unknown");
          else
            {
              g_autofree char *url = ocsp_request_url (ocsp_base, leaf, issuer);

              gnutls_x509_crt_deinit (issuer);
              gnutls_x509_crt_deinit (leaf);
              a->ocsp_url = g_strdup (ocsp_base);
              if (url != NULL)
                {
                  analysis_fetch_start (task, url);
                  return;
                }
              analysis_set_note (a, "request-failed");
              analysis_finish (task);
              return;
            }
        }

      gnutls_x509_crt_deinit (leaf);
      analysis_finish (task);
      return;
    }

  analysis_finish (task);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  GCancellable *inner = user_data;

  g_cancellable_cancel (inner);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Analysis *a = user_data;

  g_clear_pointer (&a->deadline, g_source_unref);
  a->timed_out = TRUE;
  g_cancellable_cancel (a->cancellable);

  return G_SOURCE_REMOVE;
}

/* Whether the chain as sent lacks an issuer worth fetching, and which
 * certificate is the tip of the path from the leaf. */
static gnutls_x509_crt_t
open_path_tip (Analysis *a)
{
  GPtrArray *findings;
  gnutls_x509_crt_t tip = NULL;
  gboolean open = FALSE;

  a->first_findings = analysis_verify (a, &a->first_verified, &a->first_certificates,
                                       &a->first_ocsp_status);
  findings = a->first_findings;

  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const char *id = sti_finding_get_id (finding);

      if (g_str_equal (id, "chain-missing-intermediate"))
        open = TRUE;
      else if (g_str_equal (id, "cert-untrusted-issuer"))
        {
          g_autoptr(GVariant) reasons = g_variant_lookup_value (sti_finding_get_params (finding),
                                                                "reasons",
                                                                G_VARIANT_TYPE_STRING_ARRAY);
          g_autofree const char **strv = reasons != NULL ? g_variant_get_strv (reasons, NULL)
                                                         : NULL;

          if (strv != NULL && g_strv_contains (strv, "signer-not-found"))
            open = TRUE;
        }
    }

  if (!open || a->chain_der->len == 0)
    return NULL;

  /* Follow the issuers among what was sent, from the leaf. */
  tip = analysis_crt_from_der (g_ptr_array_index (a->chain_der, 0));
  for (guint depth = 0; tip != NULL && depth < a->chain_der->len; depth++)
    {
      gnutls_x509_crt_t next = NULL;

      for (guint i = 1; i < a->chain_der->len && next == NULL; i++)
        {
          gnutls_x509_crt_t c = analysis_crt_from_der (g_ptr_array_index (a->chain_der, i));

          if (c != NULL && !gnutls_x509_crt_equals (c, tip) &&
              gnutls_x509_crt_check_issuer (tip, c))
            next = c;
          else if (c != NULL)
            gnutls_x509_crt_deinit (c);
        }
      if (next == NULL)
        break;
      gnutls_x509_crt_deinit (tip);
      tip = next;
    }

  if (tip != NULL && analysis_crt_is_self_signed (tip))
    g_clear_pointer (&tip, gnutls_x509_crt_deinit);

  return tip;
}

void
sti_chain_analysis_options_init (StiChainAnalysisOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->allow_network = TRUE;
  options->expiring_warning_days = STI_EXPIRING_WARNING_DAYS;
  options->expiring_error_days = STI_EXPIRING_ERROR_DAYS;
  options->max_fetch_bytes = STI_CHAIN_ANALYSIS_DEFAULT_MAX_BYTES;
  options->max_aia_hops = STI_CHAIN_ANALYSIS_DEFAULT_MAX_HOPS;
  options->timeout_ms = STI_CHAIN_ANALYSIS_DEFAULT_TIMEOUT_MS;
}

static void prepare_thread (GTask        *prepare,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable);
static void prepared_cb    (GObject      *source_object,
                            GAsyncResult *result,
                            gpointer      user_data);

/**
 * sti_chain_analysis_run_async:
 * @options: the trust store, HTTP session, limits and thresholds
 * @chain_der: (element-type GBytes): the chain exactly as the server sent it, leaf first
 * @hostname: (nullable): the name the certificate must carry (A-label)
 * @stapled_ocsp: (nullable): the OCSP response the server stapled
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * Analyses one endpoint's certificate chain: every finding of
 * sti_chain_verify_full(), with the missing issuers fetched through AIA
 * (which turns a guess into a proven chain-missing-intermediate with the
 * complete chain to offer) and the leaf's OCSP status asked of its
 * responder, when @options allows the network. Fetch failures end in a
 * note (sti_chain_analysis_result_get_aia_note()), never in an error.
 */
void
sti_chain_analysis_run_async (const StiChainAnalysisOptions *options,
                              GPtrArray                     *chain_der,
                              const char                    *hostname,
                              GBytes                        *stapled_ocsp,
                              GCancellable                  *cancellable,
                              GAsyncReadyCallback            callback,
                              gpointer                       user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) prepare = NULL;
  Analysis *a;

  g_return_if_fail (options != NULL);
  g_return_if_fail (STI_IS_TRUST_STORE (options->trust));
  g_return_if_fail (options->session == NULL || SOUP_IS_SESSION (options->session));
  g_return_if_fail (chain_der != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_chain_analysis_run_async);
  g_task_set_name (task, "[sti] chain analysis");

  a = g_new0 (Analysis, 1);
  a->options = *options;
  g_object_ref (a->options.trust);
  if (a->options.session != NULL)
    g_object_ref (a->options.session);
  else if (a->options.allow_network)
    {
      /* AIA and OCSP URLs are mostly http://; over https://, our anchors
       * verify, and glib-networking loads no store (sti-tls-database.c). */
      g_autoptr(GTlsDatabase) database = sti_tls_database_new (a->options.trust);

      a->options.session = soup_session_new_with_options ("tls-database", database, NULL);
    }
  if (a->options.now != NULL)
    g_date_time_ref (a->options.now);
  if (a->options.max_fetch_bytes == 0)
    a->options.max_fetch_bytes = STI_CHAIN_ANALYSIS_DEFAULT_MAX_BYTES;
  if (a->options.max_aia_hops == 0)
    a->options.max_aia_hops = STI_CHAIN_ANALYSIS_DEFAULT_MAX_HOPS;
  if (a->options.timeout_ms == 0)
    a->options.timeout_ms = STI_CHAIN_ANALYSIS_DEFAULT_TIMEOUT_MS;
  a->n_sent = chain_der->len;
  if (chain_der->len <= STI_CHAIN_ANALYSIS_MAX_CERTIFICATES)
    a->chain_der = g_ptr_array_ref (chain_der);
  else
    {
      a->chain_der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      for (guint i = 0; i < STI_CHAIN_ANALYSIS_MAX_CERTIFICATES; i++)
        g_ptr_array_add (a->chain_der, g_bytes_ref (g_ptr_array_index (chain_der, i)));
    }
  a->hostname = g_strdup (hostname);
  a->stapled = stapled_ocsp != NULL ? g_bytes_ref (stapled_ocsp) : NULL;
  a->fetched_der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  a->fetched_urls = g_ptr_array_new_with_free_func (g_free);
  a->seen_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  a->cancellable = g_cancellable_new ();
  a->kind = FETCH_AIA;
  g_task_set_task_data (task, a, (GDestroyNotify)analysis_free);

  if (cancellable != NULL)
    {
      a->outer = g_object_ref (cancellable);
      a->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                           a->cancellable, NULL);
    }

  if (a->options.allow_network)
    {
      a->deadline = g_timeout_source_new (a->options.timeout_ms);
      g_source_set_callback (a->deadline, deadline_cb, a, NULL);
      g_source_set_static_name (a->deadline, "[sti] chain analysis deadline");
      g_source_attach (a->deadline, g_task_get_context (task));
    }

  /* The first verification finds the tip of the path, on a worker thread
   * too (see analysis_finish()); the analysis goes on here. */
  prepare = g_task_new (NULL, NULL, prepared_cb, g_object_ref (task));
  g_task_set_source_tag (prepare, sti_chain_analysis_run_async);
  g_task_set_name (prepare, "[sti] chain analysis: path");
  g_task_set_task_data (prepare, a, NULL);
  g_task_run_in_thread (prepare, prepare_thread);
}

static void
prepare_thread (GTask        *prepare,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Analysis *a = task_data;

  a->tip = open_path_tip (a);
  g_task_return_boolean (prepare, TRUE);
}

/* Fetch the issuer of the tip of the path, when one is missing. */
static void
prepared_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Analysis *a = g_task_get_task_data (task);
  g_autofree char *url = NULL;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (a->tip == NULL)
    {
      analysis_next (task);
      return;
    }

  url = analysis_crt_aia_url (a->tip, GNUTLS_IA_CAISSUERS_URI);
  if (url == NULL)
    analysis_set_note (a, "no-aia-url");
  else if (!a->options.allow_network)
    analysis_set_note (a, "network-disabled");
  else
    {
      analysis_fetch_start (task, url);
      return;
    }

  analysis_next (task);
}

/**
 * sti_chain_analysis_run_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError (only %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full): the analysis, or %NULL when cancelled
 */
StiChainAnalysisResult *
sti_chain_analysis_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sti_chain_analysis_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
