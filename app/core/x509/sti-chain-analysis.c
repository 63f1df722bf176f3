/* sti-chain-analysis.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-analysis.h"

#include "sti-certificate.h"
#include "sti-finding.h"
#include "sti-gnutls-private.h"
#include "sti-text.h"
#include "sti-trust-store-private.h"

#include <gnutls/pkcs7.h>
#include <string.h>

/* The whole certificate analysis of one endpoint, asynchronous because it
 * may fetch: when the server's chain leads nowhere, the missing issuer
 * through the AIA caIssuers URL of the last certificate on the path (up to
 * a few hops, DER, PEM or PKCS#7), and the leaf's revocation status from
 * the OCSP responder it names. All judging is sti_chain_verify_full(): this
 * file only gathers evidence and calls it once at the end with everything.
 *
 * Every fetch is bounded (body size, hops, URL loops, one deadline for the
 * whole analysis) and never follows redirects silently: a 3xx counts as a
 * hop. A failed fetch is never an error of the analysis: it ends in a note
 * and the verdict from what was sent. Only the caller's cancellation is. */

typedef enum
{
  FETCH_AIA,
  FETCH_OCSP,
} FetchKind;

typedef struct
{
  StiChainAnalysisOptions  options;   /* owns refs to trust, session, now */
  GPtrArray               *chain_der;
  char                    *hostname;
  GBytes                  *stapled;

  GCancellable            *outer;     /* the caller's, may be NULL */
  gulong                   outer_id;
  GCancellable            *cancellable;
  GSource                 *deadline;
  gboolean                 timed_out;

  /* AIA */
  gnutls_x509_crt_t        tip;       /* the certificate whose issuer is sought */
  GPtrArray               *fetched_der;
  GPtrArray               *fetched_urls;
  GHashTable              *seen_urls;
  guint                    hops;
  char                    *aia_note;

  /* OCSP */
  GBytes                  *ocsp_response;
  char                    *ocsp_url;
  char                    *ocsp_note;

  /* The fetch in flight */
  FetchKind                kind;
  char                    *url;
  SoupMessage             *message;
  GInputStream            *stream;
  GByteArray              *body;
} Analysis;

struct _StiChainAnalysisResult
{
  GObject        parent_instance;

  GPtrArray     *findings;
  GPtrArray     *certificates;
  GPtrArray     *built_chain;
  GArray        *roles;
  GPtrArray     *fetched;
  char          *complete_chain_pem;
  char          *aia_note;
  char          *ocsp_note;
  StiOcspStatus  ocsp_status;
  gboolean       verified;
};

G_DEFINE_FINAL_TYPE (StiChainAnalysisResult, sti_chain_analysis_result, G_TYPE_OBJECT)

static void fetch_start   (GTask      *task,
                           const char *url);
static void analysis_next (GTask      *task);

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
  g_free (a);
}

static void
sti_chain_analysis_result_finalize (GObject *object)
{
  StiChainAnalysisResult *self = (StiChainAnalysisResult *)object;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->built_chain, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_array_unref);
  g_clear_pointer (&self->fetched, g_ptr_array_unref);
  g_clear_pointer (&self->complete_chain_pem, g_free);
  g_clear_pointer (&self->aia_note, g_free);
  g_clear_pointer (&self->ocsp_note, g_free);

  G_OBJECT_CLASS (sti_chain_analysis_result_parent_class)->finalize (object);
}

static void
sti_chain_analysis_result_class_init (StiChainAnalysisResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_chain_analysis_result_finalize;
}

static void
sti_chain_analysis_result_init (StiChainAnalysisResult *self)
{
  self->roles = g_array_new (FALSE, FALSE, sizeof (StiChainRole));
  self->built_chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->fetched = g_ptr_array_new_with_free_func (g_object_unref);
}

/* GnuTLS helpers */

static gnutls_x509_crt_t
crt_from_der (GBytes *der)
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

static GBytes *
crt_to_der (gnutls_x509_crt_t crt)
{
  g_auto(StiGnutlsDatum) datum = { NULL, 0 };

  if (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_DER, &datum) < 0)
    return NULL;

  return g_bytes_new (datum.data, datum.size);
}

static gboolean
is_self_signed (gnutls_x509_crt_t crt)
{
  return gnutls_x509_crt_check_issuer (crt, crt) != 0;
}

/* The first http(s) URI of @what (GNUTLS_IA_CAISSUERS_URI or
 * GNUTLS_IA_OCSP_URI) in @crt's Authority Information Access. */
static char *
crt_aia_url (gnutls_x509_crt_t crt,
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
          GBytes *der = crt_to_der (list[i]);

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

/* Fetching */

static void
set_note (Analysis   *a,
          const char *note)
{
  char **slot = a->kind == FETCH_AIA ? &a->aia_note : &a->ocsp_note;

  g_debug ("Chain analysis: %s %s: %s", a->kind == FETCH_AIA ? "AIA" : "OCSP",
           a->url != NULL ? a->url : "", note);
  g_free (*slot);
  *slot = g_strdup (note);
}

static void
fetch_reset (Analysis *a)
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
    set_note (a, "timeout");
  else
    {
      g_autofree char *note = g_strdup_printf ("fetch-failed: %s", error->message);
      g_autofree char *safe = sti_text_sanitize_str (note);

      set_note (a, safe);
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
      gnutls_x509_crt_t candidate = crt_from_der (g_ptr_array_index (ders, i));

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
      set_note (a, "not-a-certificate");
      analysis_next (task);
      return;
    }

  if (chosen == NULL)
    {
      set_note (a, "unrelated-certificate");
      analysis_next (task);
      return;
    }

  for (guint i = 0; i < a->fetched_der->len; i++)
    {
      if (g_bytes_equal (g_ptr_array_index (a->fetched_der, i), chosen))
        {
          gnutls_x509_crt_deinit (crt);
          set_note (a, "loop");
          analysis_next (task);
          return;
        }
    }

  g_ptr_array_add (a->fetched_der, g_bytes_ref (chosen));
  g_ptr_array_add (a->fetched_urls, g_strdup (a->url));
  g_clear_pointer (&a->tip, gnutls_x509_crt_deinit);
  a->tip = crt;

  /* Done when the path now reaches a root or an anchor's subject. */
  if (is_self_signed (a->tip) || trust_has_issuer (a->options.trust, a->tip))
    {
      g_clear_pointer (&a->aia_note, g_free);
      analysis_next (task);
      return;
    }

  {
    g_autofree char *next = crt_aia_url (a->tip, GNUTLS_IA_CAISSUERS_URI);

    if (next == NULL)
      {
        set_note (a, "no-aia-url");
        analysis_next (task);
        return;
      }

    fetch_start (task, next);
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
      set_note (a, "too-large");
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
          set_note (a, "bad-redirect");
          analysis_next (task);
          return;
        }

      fetch_start (task, next);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *note = g_strdup_printf ("http-%u", status);

      set_note (a, note);
      analysis_next (task);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (a->message));
  if (length > (goffset)a->options.max_fetch_bytes)
    {
      set_note (a, "too-large");
      analysis_next (task);
      return;
    }

  a->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (a->stream, 16 * 1024, G_PRIORITY_DEFAULT, a->cancellable,
                                   read_cb, g_steal_pointer (&task));
}

static void
fetch_start (GTask      *task,
             const char *url)
{
  Analysis *a = g_task_get_task_data (task);
  g_autofree char *key = g_strdup (url);

  fetch_reset (a);
  g_free (a->url);
  a->url = g_strdup (url);

  if (g_hash_table_contains (a->seen_urls, key))
    {
      set_note (a, "loop");
      analysis_next (task);
      return;
    }
  g_hash_table_add (a->seen_urls, g_steal_pointer (&key));

  if (a->hops >= a->options.max_aia_hops + (a->kind == FETCH_OCSP ? 1 : 0))
    {
      set_note (a, "too-many-hops");
      analysis_next (task);
      return;
    }
  a->hops++;

  if (a->timed_out)
    {
      set_note (a, "timeout");
      analysis_next (task);
      return;
    }

  a->message = soup_message_new (SOUP_METHOD_GET, url);
  if (a->message == NULL)
    {
      set_note (a, "bad-url");
      analysis_next (task);
      return;
    }

  soup_message_add_flags (a->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (a->options.session, a->message, G_PRIORITY_DEFAULT, a->cancellable,
                           send_cb, g_object_ref (task));
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
          gnutls_x509_crt_t candidate = crt_from_der (g_ptr_array_index (pools[p], i));

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
build_chain (StiChainAnalysisResult *result,
             Analysis               *a)
{
  g_autoptr(GPtrArray) sent =
    g_ptr_array_new_with_free_func ((GDestroyNotify)gnutls_x509_crt_deinit);
  g_autoptr(GPtrArray) fetched =
    g_ptr_array_new_with_free_func ((GDestroyNotify)gnutls_x509_crt_deinit);
  g_autofree gboolean *used = NULL;
  gnutls_x509_crt_t current;

  for (guint i = 0; i < a->chain_der->len; i++)
    g_ptr_array_add (sent, crt_from_der (g_ptr_array_index (a->chain_der, i)));
  for (guint i = 0; i < a->fetched_der->len; i++)
    g_ptr_array_add (fetched, crt_from_der (g_ptr_array_index (a->fetched_der, i)));

  if (sent->len == 0 || g_ptr_array_index (sent, 0) == NULL)
    return;

  used = g_new0 (gboolean, sent->len);
  used[0] = TRUE;
  current = g_ptr_array_index (sent, 0);
  g_ptr_array_add (result->built_chain,
                   sti_certificate_new_from_der (g_ptr_array_index (a->chain_der, 0), NULL));
  g_array_append_val (result->roles, (StiChainRole) { STI_CHAIN_ROLE_LEAF });

  for (guint depth = 0; depth < 16 && !is_self_signed (current); depth++)
    {
      gnutls_x509_crt_t next = NULL;
      GBytes *next_der = NULL;
      StiChainRole role = STI_CHAIN_ROLE_INTERMEDIATE;
      g_autoptr(GBytes) anchor_der = NULL;

      for (guint i = 1; i < sent->len && next == NULL; i++)
        {
          gnutls_x509_crt_t c = g_ptr_array_index (sent, i);

          if (!used[i] && c != NULL && gnutls_x509_crt_check_issuer (current, c))
            {
              used[i] = TRUE;
              next = c;
              next_der = g_ptr_array_index (a->chain_der, i);
            }
        }
      for (guint i = 0; i < fetched->len && next == NULL; i++)
        {
          gnutls_x509_crt_t c = g_ptr_array_index (fetched, i);

          if (c != NULL && gnutls_x509_crt_check_issuer (current, c))
            {
              next = c;
              next_der = g_ptr_array_index (a->fetched_der, i);
              role = STI_CHAIN_ROLE_FETCHED;
            }
        }
      if (next == NULL)
        {
          gnutls_x509_crt_t issuer = NULL;

          if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (a->options.trust),
                                                 current, &issuer, GNUTLS_TL_GET_COPY) >= 0)
            {
              anchor_der = crt_to_der (issuer);
              gnutls_x509_crt_deinit (issuer);
            }
          if (anchor_der != NULL)
            {
              StiCertificate *cert = sti_certificate_new_from_der (anchor_der, NULL);

              if (cert != NULL)
                {
                  g_ptr_array_add (result->built_chain, cert);
                  g_array_append_val (result->roles, (StiChainRole) { STI_CHAIN_ROLE_ANCHOR });
                }
            }
          break;
        }

      if (is_self_signed (next) || sti_trust_store_is_anchor (a->options.trust, next_der))
        role = STI_CHAIN_ROLE_ANCHOR;

      {
        StiCertificate *cert = sti_certificate_new_from_der (next_der, NULL);

        if (cert == NULL)
          break;
        g_ptr_array_add (result->built_chain, cert);
        g_array_append_val (result->roles, role);
      }
      if (role == STI_CHAIN_ROLE_ANCHOR)
        break;
      current = next;
    }

  for (guint i = 1; i < sent->len; i++)
    {
      StiCertificate *cert;

      if (used[i])
        continue;
      cert = sti_certificate_new_from_der (g_ptr_array_index (a->chain_der, i), NULL);
      if (cert == NULL)
        continue;
      g_ptr_array_add (result->built_chain, cert);
      g_array_append_val (result->roles, (StiChainRole) { STI_CHAIN_ROLE_EXTRA });
    }
}

static void
analysis_finish (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(StiChainAnalysisResult) result = g_object_new (STI_TYPE_CHAIN_ANALYSIS_RESULT, NULL);
  StiChainVerifyOptions verify_options = { 0, };
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();

  /* Borrowed strings, NULL-terminated. */
  for (guint i = 0; i < a->fetched_urls->len; i++)
    g_ptr_array_add (urls, g_ptr_array_index (a->fetched_urls, i));
  g_ptr_array_add (urls, NULL);
  verify_options.expiring_warning_days = a->options.expiring_warning_days;
  verify_options.expiring_error_days = a->options.expiring_error_days;
  verify_options.staple_requested = a->options.staple_requested;
  verify_options.stapled_ocsp = a->stapled;
  verify_options.queried_ocsp = a->ocsp_response;
  verify_options.queried_ocsp_url = a->ocsp_url;
  verify_options.fetched_der = a->fetched_der;
  verify_options.fetched_urls = (const char * const *)urls->pdata;
  verify_options.aia_note = a->aia_note;

  result->findings = sti_chain_verify_full (a->options.trust, a->chain_der, a->hostname,
                                            a->options.now, &verify_options, &result->verified,
                                            &result->certificates, &result->ocsp_status);

  for (guint i = 0; i < a->fetched_der->len; i++)
    {
      StiCertificate *cert = sti_certificate_new_from_der (g_ptr_array_index (a->fetched_der, i),
                                                           NULL);

      if (cert != NULL)
        g_ptr_array_add (result->fetched, cert);
    }

  for (guint i = 0; i < result->findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (result->findings, i);
      const char *pem;

      if (g_str_equal (sti_finding_get_id (finding), "chain-missing-intermediate") &&
          (pem = sti_finding_get_param_string (finding, "complete_chain_pem")) != NULL)
        result->complete_chain_pem = g_strdup (pem);
    }

  build_chain (result, a);
  result->aia_note = g_strdup (a->aia_note);
  result->ocsp_note = g_strdup (a->ocsp_note);

  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

/* The steps: AIA (while the path is open), then OCSP, then judge. */
static void
analysis_next (GTask *task)
{
  Analysis *a = g_task_get_task_data (task);
  g_autoptr(GBytes) leaf_der = NULL;
  gnutls_x509_crt_t leaf = NULL;
  g_autofree char *ocsp_base = NULL;

  fetch_reset (a);

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

      leaf = crt_from_der (g_ptr_array_index (a->chain_der, 0));
      if (leaf == NULL)
        {
          analysis_finish (task);
          return;
        }

      ocsp_base = crt_aia_url (leaf, GNUTLS_IA_OCSP_URI);
      if (ocsp_base == NULL)
        {
          /* Not a defect: CRL-only CAs are normal since 2025. */
          set_note (a, "no-ocsp-url");
        }
      else if (!a->options.allow_network)
        {
          set_note (a, "network-disabled");
        }
      else
        {
          gnutls_x509_crt_t issuer = find_issuer (a, leaf);

          if (issuer == NULL)
            set_note (a, "issuer-unknown");
          else
            {
              g_autofree char *url = ocsp_request_url (ocsp_base, leaf, issuer);

              gnutls_x509_crt_deinit (issuer);
              gnutls_x509_crt_deinit (leaf);
              a->ocsp_url = g_strdup (ocsp_base);
              if (url != NULL)
                {
                  fetch_start (task, url);
                  return;
                }
              set_note (a, "request-failed");
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
  g_autoptr(GPtrArray) findings = NULL;
  StiChainVerifyOptions options = { 0, };
  gnutls_x509_crt_t tip = NULL;
  gboolean open = FALSE;

  options.expiring_warning_days = a->options.expiring_warning_days;
  options.expiring_error_days = a->options.expiring_error_days;
  findings = sti_chain_verify_full (a->options.trust, a->chain_der, a->hostname,
                                    a->options.now, &options, NULL, NULL, NULL);

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
  tip = crt_from_der (g_ptr_array_index (a->chain_der, 0));
  for (guint depth = 0; tip != NULL && depth < a->chain_der->len; depth++)
    {
      gnutls_x509_crt_t next = NULL;

      for (guint i = 1; i < a->chain_der->len && next == NULL; i++)
        {
          gnutls_x509_crt_t c = crt_from_der (g_ptr_array_index (a->chain_der, i));

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

  if (tip != NULL && is_self_signed (tip))
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
  Analysis *a;
  g_autofree char *url = NULL;

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
    a->options.session = soup_session_new ();
  if (a->options.now != NULL)
    g_date_time_ref (a->options.now);
  if (a->options.max_fetch_bytes == 0)
    a->options.max_fetch_bytes = STI_CHAIN_ANALYSIS_DEFAULT_MAX_BYTES;
  if (a->options.max_aia_hops == 0)
    a->options.max_aia_hops = STI_CHAIN_ANALYSIS_DEFAULT_MAX_HOPS;
  if (a->options.timeout_ms == 0)
    a->options.timeout_ms = STI_CHAIN_ANALYSIS_DEFAULT_TIMEOUT_MS;
  a->chain_der = g_ptr_array_ref (chain_der);
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

  a->tip = open_path_tip (a);
  if (a->tip == NULL)
    {
      analysis_next (task);
      return;
    }

  url = crt_aia_url (a->tip, GNUTLS_IA_CAISSUERS_URI);
  if (url == NULL)
    set_note (a, "no-aia-url");
  else if (!a->options.allow_network)
    set_note (a, "network-disabled");
  else
    {
      fetch_start (task, url);
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

/**
 * sti_chain_analysis_result_get_findings:
 *
 * Returns: (transfer none) (element-type StiFinding): every certificate
 *   finding, worst first
 */
GPtrArray *
sti_chain_analysis_result_get_findings (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->findings;
}

/* Whether a verifying sender accepts the chain as sent. */
gboolean
sti_chain_analysis_result_get_verified (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), FALSE);

  return self->verified;
}

/**
 * sti_chain_analysis_result_get_certificates:
 *
 * Returns: (transfer none) (element-type StiCertificate): the certificates
 *   as sent, in that order (unparseable ones left out)
 */
GPtrArray *
sti_chain_analysis_result_get_certificates (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->certificates;
}

/**
 * sti_chain_analysis_result_get_built_chain:
 *
 * The path from the leaf to its anchor as far as it goes (sent, fetched
 * and store certificates), then the sent certificates on no path. See
 * sti_chain_analysis_result_get_role().
 *
 * Returns: (transfer none) (element-type StiCertificate): the chain
 */
GPtrArray *
sti_chain_analysis_result_get_built_chain (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->built_chain;
}

StiChainRole
sti_chain_analysis_result_get_role (StiChainAnalysisResult *self,
                                    guint                   index)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), STI_CHAIN_ROLE_EXTRA);
  g_return_val_if_fail (index < self->roles->len, STI_CHAIN_ROLE_EXTRA);

  return g_array_index (self->roles, StiChainRole, index);
}

/**
 * sti_chain_analysis_result_get_fetched:
 *
 * Returns: (transfer none) (element-type StiCertificate): the certificates
 *   fetched through AIA, in hop order
 */
GPtrArray *
sti_chain_analysis_result_get_fetched (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->fetched;
}

/**
 * sti_chain_analysis_result_get_complete_chain_pem:
 *
 * Returns: (nullable): the chain the server should send (leaf and
 *   intermediates, PEM), when a fetched intermediate proved it incomplete
 */
const char *
sti_chain_analysis_result_get_complete_chain_pem (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->complete_chain_pem;
}

StiOcspStatus
sti_chain_analysis_result_get_ocsp_status (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), STI_OCSP_STATUS_NONE);

  return self->ocsp_status;
}

/**
 * sti_chain_analysis_result_get_aia_note:
 *
 * Returns: (nullable): why no (further) issuer was fetched:
 *   "network-disabled", "no-aia-url", "loop", "too-many-hops", "too-large",
 *   "timeout", "http-404", "not-a-certificate", "unrelated-certificate",
 *   "fetch-failed: …"; %NULL when nothing was needed or all went well
 */
const char *
sti_chain_analysis_result_get_aia_note (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->aia_note;
}

/**
 * sti_chain_analysis_result_get_ocsp_note:
 *
 * Returns: (nullable): why the OCSP responder was not asked or did not
 *   answer ("no-ocsp-url", "network-disabled", "issuer-unknown", or the
 *   fetch notes of sti_chain_analysis_result_get_aia_note())
 */
const char *
sti_chain_analysis_result_get_ocsp_note (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->ocsp_note;
}

const char *
sti_chain_role_to_string (StiChainRole role)
{
  switch (role)
    {
    case STI_CHAIN_ROLE_LEAF:         return "leaf";
    case STI_CHAIN_ROLE_INTERMEDIATE: return "intermediate";
    case STI_CHAIN_ROLE_FETCHED:      return "fetched";
    case STI_CHAIN_ROLE_ANCHOR:       return "anchor";
    case STI_CHAIN_ROLE_EXTRA:        return "extra";
    default:                          return "extra";
    }
}

const char *
sti_ocsp_status_to_string (StiOcspStatus status)
{
  switch (status)
    {
    case STI_OCSP_STATUS_NONE:    return "none";
    case STI_OCSP_STATUS_GOOD:    return "good";
    case STI_OCSP_STATUS_REVOKED: return "revoked";
    case STI_OCSP_STATUS_UNKNOWN: return "unknown";
    case STI_OCSP_STATUS_INVALID: return "invalid";
    default:                      return "none";
    }
}
