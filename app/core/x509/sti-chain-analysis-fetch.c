/* sti-chain-analysis-fetch.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-analysis-private.h"

#include "sti-text.h"
#include "sti-tls-database.h"
#include "sti-trust-store-private.h"

#include <gnutls/pkcs7.h>

/* One fetch at a time, bounded: the body size, the hops (a redirect is
 * one more), URL loops and the analysis's deadline. A failure ends in a
 * note and the next step, never in an error, unless the caller cancelled.
 * An AIA body is parsed here and, when it holds the sought issuer, the
 * next hop starts from it. */

static gboolean
trust_has_issuer (StiTrustStore     *trust,
                  gnutls_x509_crt_t  crt)
{
  gnutls_x509_crt_t issuer = NULL;

  if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (trust), crt,
                                         &issuer, GNUTLS_TL_GET_COPY) < 0)
    return FALSE;

  gnutls_x509_crt_deinit (issuer);
  return TRUE;
}

/* An AIA body: DER or PEM certificates, or a PKCS#7 "certs-only" bundle
 * in DER or PEM. */
static GPtrArray *
parse_certificates (const guint8 *data,
                    gsize         size)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  gnutls_datum_t datum = { (unsigned char *)data, size };
  gnutls_x509_crt_t *list = NULL;
  unsigned int n = 0;
  gnutls_pkcs7_t pkcs7 = NULL;

  if (gnutls_x509_crt_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_DER, 0) >= 0 ||
      gnutls_x509_crt_list_import2 (&list, &n, &datum, GNUTLS_X509_FMT_PEM, 0) >= 0)
    {
      for (unsigned int i = 0; i < n; i++)
        {
          GBytes *der = analysis_crt_to_der (list[i]);

          if (der != NULL)
            g_ptr_array_add (ders, der);
          gnutls_x509_crt_deinit (list[i]);
        }
      gnutls_free (list);
      if (ders->len > 0)
        return g_steal_pointer (&ders);
    }

  if (gnutls_pkcs7_init (&pkcs7) < 0)
    return g_steal_pointer (&ders);

  if (gnutls_pkcs7_import (pkcs7, &datum, GNUTLS_X509_FMT_DER) >= 0 ||
      gnutls_pkcs7_import (pkcs7, &datum, GNUTLS_X509_FMT_PEM) >= 0)
    {
      int count = gnutls_pkcs7_get_crt_count (pkcs7);

      for (int i = 0; i < count && i < 16; i++)
        {
          gnutls_datum_t raw = { NULL, 0 };

          if (gnutls_pkcs7_get_crt_raw2 (pkcs7, i, &raw) >= 0)
            {
              g_ptr_array_add (ders, g_bytes_new (raw.data, raw.size));
              gnutls_free (raw.data);
            }
        }
    }
  gnutls_pkcs7_deinit (pkcs7);

  return g_steal_pointer (&ders);
}

void
analysis_set_note (Analysis   *a,
                   const char *note)
{
  char **slot = a->kind == FETCH_AIA ? &a->aia_note : &a->ocsp_note;

  g_debug ("Chain analysis: %s %s: %s", a->kind == FETCH_AIA ? "AIA" : "OCSP",
           a->url != NULL ? a->url : "", note);
  g_free (*slot);
  *slot = g_strdup (note);
}

void
analysis_fetch_reset (Analysis *a)
{
  g_clear_object (&a->message);
  g_clear_object (&a->stream);
  g_clear_pointer (&a->body, g_byte_array_unref);
}

/* Returns TRUE when the task has ended (cancelled by the caller). A
 * deadline cancellation is a note, and the analysis goes on. */
static gboolean
handle_fetch_error (GTask  *task,
                    GError *error)
{
  Analysis *a = g_task_get_task_data (task);

  if (a->outer != NULL && g_cancellable_is_cancelled (a->outer))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The certificate analysis was cancelled");
      return TRUE;
    }

  if (a->timed_out)
    analysis_set_note (a, "timeout");
  else
    {
      g_autofree char *note = g_strdup_printf ("fetch-failed: %s", error->message);
      g_autofree char *safe = sti_text_sanitize_str (note);

      analysis_set_note (a, safe);
    }

  return FALSE;
}

static void
aia_body_done (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(GPtrArray) ders = parse_certificates (a->body->data, a->body->len);
  g_autoptr(GBytes) chosen = NULL;
  gnutls_x509_crt_t crt = NULL;

  for (guint i = 0; i < ders->len && chosen == NULL; i++)
    {
      gnutls_x509_crt_t candidate = analysis_crt_from_der (g_ptr_array_index (ders, i));

      if (candidate != NULL && gnutls_x509_crt_check_issuer (a->tip, candidate))
        {
          chosen = g_bytes_ref (g_ptr_array_index (ders, i));
          crt = candidate;
        }
      else if (candidate != NULL)
        gnutls_x509_crt_deinit (candidate);
    }

  if (ders->len == 0)
    {
      analysis_set_note (a, "not-a-certificate");
      analysis_next (task);
      return;
    }

  if (chosen == NULL)
    {
      analysis_set_note (a, "unrelated-certificate");
      analysis_next (task);
      return;
    }

  for (guint i = 0; i < a->fetched_der->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (a->fetched_der, i), chosen))
        {
          gnutls_x509_crt_deinit (crt);
          analysis_set_note (a, "loop");
          analysis_next (task);
          return;
        }
    }

  g_ptr_array_add (a->fetched_der, g_bytes_ref (chosen));
  g_ptr_array_add (a->fetched_urls, g_strdup (a->url));
  g_clear_pointer (&a->tip, gnutls_x509_crt_deinit);
  a->tip = crt;

  /* Done when the path now reaches a root or an anchor's subject. */
  if (analysis_crt_is_self_signed (a->tip) || trust_has_issuer (a->options.trust, a->tip))
    {
      g_clear_pointer (&a->aia_note, g_free);
      analysis_next (task);
      return;
    }

  {
    g_autofree char *next = analysis_crt_aia_url (a->tip, GNUTLS_IA_CAISSUERS_URI);

    if (next == NULL)
      {
        analysis_set_note (a, "no-aia-url");
        analysis_next (task);
        return;
      }

    analysis_fetch_start (task, next);
  }
}

static void
body_done (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);

  if (a->kind == FETCH_AIA)
    {
      aia_body_done (task);
      return;
    }

  a->ocsp_response = g_bytes_new (a->body->data, a->body->len);
  g_clear_pointer (&a->ocsp_note, g_free);
  analysis_next (task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      if (!handle_fetch_error (task, error))
        analysis_next (task);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      body_done (task);
      return;
    }

  g_byte_array_append (a->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  if (a->body->len > a->options.max_fetch_bytes)
    {
      analysis_set_note (a, "too-large");
      analysis_next (task);
      return;
    }

  g_input_stream_read_bytes_async (a->stream, 16 * 1024, G_PRIORITY_DEFAULT, a->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  a->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (a->stream == NULL)
    {
      if (!handle_fetch_error (task, error))
        analysis_next (task);
      return;
    }

  status = soup_message_get_status (a->message);

  /* A redirect is one more hop, under the same loop and hop limits. */
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location =
        soup_message_headers_get_one (soup_message_get_response_headers (a->message),
                                      "Location");
      g_autofree char *next = NULL;

      if (location != NULL)
        next = g_uri_resolve_relative (a->url, location, G_URI_FLAGS_NONE, NULL);
      if (next == NULL)
        {
          analysis_set_note (a, "bad-redirect");
          analysis_next (task);
          return;
        }

      analysis_fetch_start (task, next);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *note = g_strdup_printf ("http-%u", status);

      analysis_set_note (a, note);
      analysis_next (task);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (a->message));
  if (length > (goffset)a->options.max_fetch_bytes)
    {
      analysis_set_note (a, "too-large");
      analysis_next (task);
      return;
    }

  a->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (a->stream, 16 * 1024, G_PRIORITY_DEFAULT, a->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

void
analysis_fetch_start (GTask      *task,
                      const char *url)
{
  Analysis *a = g_task_get_task_data (task);
  g_autofree char *key = g_strdup (url);

  analysis_fetch_reset (a);
  g_free (a->url);
  a->url = g_strdup (url);

  if (g_hash_table_contains (a->seen_urls, key))
    {
      analysis_set_note (a, "loop");
      analysis_next (task);
      return;
    }
  g_hash_table_add (a->seen_urls, g_steal_pointer (&key));

  if (a->hops >= a->options.max_aia_hops + (a->kind == FETCH_OCSP ? 1 : 0))
    {
      analysis_set_note (a, "too-many-hops");
      analysis_next (task);
      return;
    }
  a->hops++;

  if (a->timed_out)
    {
      analysis_set_note (a, "timeout");
      analysis_next (task);
      return;
    }

  a->message = soup_message_new (SOUP_METHOD_GET, url);
  if (a->message == NULL)
    {
      analysis_set_note (a, "bad-url");
      analysis_next (task);
      return;
    }

  /* Over https:// (rare), no GIO connection may load a store of its own;
   * over http://, the TLS backend need not even be loaded. */
  if (g_ascii_strcasecmp (g_uri_get_scheme (soup_message_get_uri (a->message)), "https") == 0)
    sti_tls_database_install_default ();

  soup_message_add_flags (a->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (a->options.session, a->message, G_PRIORITY_DEFAULT, a->cancellable,
                           send_cb, g_object_ref (task));
}
