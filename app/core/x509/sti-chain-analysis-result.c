/* sti-chain-analysis-result.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-analysis-private.h"

#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-finding.h"
#include "sti-trust-store-private.h"

#include <glib/gi18n.h>

/* The result of one analysis: the findings of sti_chain_verify_full()
 * with everything gathered, and the chain as built from the leaf to its
 * anchor, each certificate with its role. */

struct _StiChainAnalysisResult
{
  GObject        parent_instance;

  GPtrArray     *findings;
  GPtrArray     *certificates;
  GPtrArray     *built_chain;
  GArray        *roles;
  GPtrArray     *path;
  GPtrArray     *fetched;
  char          *complete_chain_pem;
  char          *aia_note;
  char          *ocsp_note;
  StiOcspStatus  ocsp_status;
  gboolean       verified;
};

G_DEFINE_FINAL_TYPE (StiChainAnalysisResult, sti_chain_analysis_result, G_TYPE_OBJECT)

static void
sti_chain_analysis_result_finalize (GObject *object)
{
  StiChainAnalysisResult *self = (StiChainAnalysisResult *)object;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->built_chain, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_array_unref);
  g_clear_pointer (&self->path, g_ptr_array_unref);
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
  self->path = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_chain_link_free);
  self->fetched = g_ptr_array_new_with_free_func (g_object_unref);
}

/* @sent_position: the index in the chain as sent, or -1 for a fetched or
 * a store certificate. The path (get_path()) leaves the extras out. */
static void
add_built (StiChainAnalysisResult *result,
           StiCertificate         *cert,
           StiChainRole            role,
           StiChainOrigin          origin,
           int                     sent_position)
{
  g_ptr_array_add (result->built_chain, cert);
  g_array_append_val (result->roles, role);
  if (role != STI_CHAIN_ROLE_EXTRA)
    g_ptr_array_add (result->path, sti_chain_link_new (cert, origin, sent_position));
}

/* Where neither the sent nor the fetched certificates go on, the path
 * ends at the store's anchor for @current, if it has one. */
static void
add_store_anchor (StiChainAnalysisResult *result,
                  StiTrustStore          *trust,
                  gnutls_x509_crt_t       current)
{
  gnutls_x509_crt_t issuer = NULL;
  g_autoptr(GBytes) anchor_der = NULL;
  StiCertificate *cert;

  if (gnutls_x509_trust_list_get_issuer (sti_trust_store_get_trust_list (trust),
                                         current, &issuer, GNUTLS_TL_GET_COPY) >= 0)
    {
      anchor_der = analysis_crt_to_der (issuer);
      gnutls_x509_crt_deinit (issuer);
    }
  if (anchor_der == NULL)
    return;

  cert = sti_certificate_new_from_der (anchor_der, NULL);
  if (cert != NULL)
    add_built (result, cert, STI_CHAIN_ROLE_ANCHOR, STI_CHAIN_ORIGIN_ANCHOR, -1);
}

/* The issuer of @current among the sent certificates not on the path yet,
 * else among the fetched ones; sets @der, @role and @sent_position (-1 for
 * a fetched one) for it. */
static gnutls_x509_crt_t
next_issuer (Analysis          *a,
             GPtrArray         *sent,
             GPtrArray         *fetched,
             gboolean          *used,
             gnutls_x509_crt_t  current,
             GBytes           **der,
             StiChainRole      *role,
             int               *sent_position)
{
  for (guint i = 1; i < sent->len; i++)
    {
      gnutls_x509_crt_t c = g_ptr_array_index (sent, i);

      if (!used[i] && c != NULL && gnutls_x509_crt_check_issuer (current, c))
        {
          used[i] = TRUE;
          *der = g_ptr_array_index (a->chain_der, i);
          *role = STI_CHAIN_ROLE_INTERMEDIATE;
          *sent_position = i;
          return c;
        }
    }

  for (guint i = 0; i < fetched->len; i++)
    {
      gnutls_x509_crt_t c = g_ptr_array_index (fetched, i);

      if (c != NULL && gnutls_x509_crt_check_issuer (current, c))
        {
          *der = g_ptr_array_index (a->fetched_der, i);
          *role = STI_CHAIN_ROLE_FETCHED;
          *sent_position = -1;
          return c;
        }
    }

  return NULL;
}

/* From the leaf, each certificate followed by its issuer up to an anchor
 * (or as far as it goes), then the sent certificates on no path. */
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
  StiCertificate *cert;

  for (guint i = 0; i < a->chain_der->len; i++)
    g_ptr_array_add (sent, analysis_crt_from_der (g_ptr_array_index (a->chain_der, i)));
  for (guint i = 0; i < a->fetched_der->len; i++)
    g_ptr_array_add (fetched, analysis_crt_from_der (g_ptr_array_index (a->fetched_der, i)));

  if (sent->len == 0 || g_ptr_array_index (sent, 0) == NULL)
    return;

  used = g_new0 (gboolean, sent->len);
  used[0] = TRUE;
  current = g_ptr_array_index (sent, 0);
  cert = sti_certificate_new_from_der (g_ptr_array_index (a->chain_der, 0), NULL);
  if (cert == NULL)
    return;
  add_built (result, cert, STI_CHAIN_ROLE_LEAF, STI_CHAIN_ORIGIN_SENT, 0);

  for (guint depth = 0; depth < 16 && !analysis_crt_is_self_signed (current); depth++)
    {
      GBytes *next_der = NULL;
      StiChainRole role = STI_CHAIN_ROLE_INTERMEDIATE;
      int sent_position = -1;
      StiChainOrigin origin;
      gnutls_x509_crt_t next = next_issuer (a, sent, fetched, used, current, &next_der, &role,
                                            &sent_position);

      if (next == NULL)
        {
          add_store_anchor (result, a->options.trust, current);
          break;
        }

      origin = role == STI_CHAIN_ROLE_FETCHED ? STI_CHAIN_ORIGIN_FETCHED : STI_CHAIN_ORIGIN_SENT;
      if (analysis_crt_is_self_signed (next) ||
          sti_trust_store_is_anchor (a->options.trust, next_der))
        role = STI_CHAIN_ROLE_ANCHOR;

      cert = sti_certificate_new_from_der (next_der, NULL);
      if (cert == NULL)
        break;
      add_built (result, cert, role, origin, sent_position);
      if (role == STI_CHAIN_ROLE_ANCHOR)
        break;
      current = next;
    }

  for (guint i = 1; i < sent->len; i++)
    {
      if (used[i])
        continue;
      cert = sti_certificate_new_from_der (g_ptr_array_index (a->chain_der, i), NULL);
      if (cert == NULL)
        continue;
      add_built (result, cert, STI_CHAIN_ROLE_EXTRA, STI_CHAIN_ORIGIN_SENT, i);
    }
}

/* Verifies with what has been gathered so far: the same options for the
 * first pass (finding the path's tip) and for the verdict. */
GPtrArray *
analysis_verify (Analysis       *a,
                 gboolean       *verified_out,
                 GPtrArray     **certificates_out,
                 StiOcspStatus  *ocsp_status_out)
{
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

  return sti_chain_verify_full (a->options.trust, a->chain_der, a->hostname, a->options.now,
                                &verify_options, verified_out, certificates_out,
                                ocsp_status_out);
}

/* Judges with everything gathered, once, and builds the chain. */
StiChainAnalysisResult *
analysis_result_new (Analysis *a)
{
  g_autoptr(StiChainAnalysisResult) result = g_object_new (STI_TYPE_CHAIN_ANALYSIS_RESULT, NULL);

  if (a->first_findings != NULL && a->fetched_der->len == 0 && a->fetched_urls->len == 0 &&
      a->ocsp_response == NULL && a->ocsp_url == NULL && a->aia_note == NULL)
    {
      result->findings = g_steal_pointer (&a->first_findings);
      result->certificates = g_steal_pointer (&a->first_certificates);
      result->verified = a->first_verified;
      result->ocsp_status = a->first_ocsp_status;
    }
  else
    result->findings = analysis_verify (a, &result->verified, &result->certificates,
                                        &result->ocsp_status);

  if (a->n_sent > a->chain_der->len)
    {
      GVariantDict params;
      g_autofree char *detail = NULL;

      g_variant_dict_init (&params, NULL);
      g_variant_dict_insert (&params, "count", "x", (gint64)a->n_sent);
      g_variant_dict_insert (&params, "analysed", "x", (gint64)a->chain_der->len);
      /* Translators: the number of certificates sent, then how many were examined */
      detail = g_strdup_printf (_("The server sent %u certificates; only the first %u were "
                                  "examined"), a->n_sent, a->chain_der->len);
      sti_findings_add (result->findings, "chain-too-long", g_variant_dict_end (&params), detail);
      sti_findings_sort (result->findings);
    }

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

  return g_steal_pointer (&result);
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

/**
 * sti_chain_analysis_result_get_path:
 *
 * The certification path as built: the server's certificate, then each
 * one's issuer among the sent and the fetched certificates, ending at an
 * anchor when one was found (from the store unless the server sent it).
 * Sent certificates on no path are left out.
 *
 * Returns: (transfer none) (element-type StiChainLink): the path
 */
GPtrArray *
sti_chain_analysis_result_get_path (StiChainAnalysisResult *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_ANALYSIS_RESULT (self), NULL);

  return self->path;
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
