/* sti-chain-bundle-judge.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-bundle-private.h"

#include "sti-catalog.h"
#include "sti-chain-analysis.h"
#include "sti-chain-link.h"
#include "sti-finding.h"

#include <glib/gi18n.h>
#include <string.h>

/* From the path the chain analysis built to the chain file: the server's
 * certificate, then each issuer, without a root (senders use their own
 * copy; the one sent is never used, only makes every handshake larger,
 * and RFC 8446 §4.4.2 lets it be left out). Then the file is judged by
 * sti_chain_verify_full() as a verifying sender would see it, once for
 * each name it must cover, and the key is checked against it. Every
 * finding is said in the registry's words (its verdict). */

void
bundle_add (GPtrArray  *list,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (list, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Where a certificate came from, for notes: its file. */
static const char *
label_of (StiChainBundle *self,
          StiCertificate *cert)
{
  for (guint i = 0; i < self->certificates->len; i++)
    {
      if (sti_certificate_equal (cert, g_ptr_array_index (self->certificates, i)))
        return g_ptr_array_index (self->labels, i);
    }

  return "?";
}

static void
take_path (StiChainBundle         *self,
           StiChainAnalysisResult *analysis)
{
  GPtrArray *path = sti_chain_analysis_result_get_path (analysis);
  GPtrArray *built = sti_chain_analysis_result_get_built_chain (analysis);

  for (guint i = 0; i < path->len; i++)
    {
      StiChainLink *link = g_ptr_array_index (path, i);
      StiCertificate *cert = link->certificate;
      const char *subject = sti_certificate_get_subject (cert);

      if (i > 0 && link->origin == STI_CHAIN_ORIGIN_ANCHOR)
        continue;

      if (i > 0 && sti_certificate_get_is_self_signed (cert))
        {
          bundle_add (self->notes,
                      /* Translators: %s is a certificate's subject, then its file */
                      _("Left out the root certificate “%s” (from %s). A root signs itself; "
                        "senders trust a root only from their own list, so sending it helps "
                        "no one and makes every connection larger."),
                      subject, label_of (self, cert));
          continue;
        }

      if (link->origin == STI_CHAIN_ORIGIN_FETCHED)
        bundle_add (self->notes,
                    /* Translators: %s is a certificate's subject */
                    _("Fetched the missing intermediate certificate “%s” from the address "
                      "the certificate before it names (its Authority Information Access)."),
                    subject);

      g_ptr_array_add (self->chain, g_object_ref (cert));
    }

  for (guint i = 0; i < built->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (built, i);

      if (sti_chain_analysis_result_get_role (analysis, i) == STI_CHAIN_ROLE_EXTRA)
        bundle_add (self->notes,
                    /* Translators: %s is a certificate's subject, then its file */
                    _("Left out “%s” (from %s): it is not on the path from your "
                      "certificate to a root."),
                    sti_certificate_get_subject (cert), label_of (self, cert));
    }
}

static void
say_finding (StiChainBundle *self,
             StiFinding     *finding,
             const char     *host)
{
  StiExplainContext context = { NULL, };
  g_autoptr(StiExplanation) explanation = NULL;
  const char *verdict;
  GPtrArray *list;

  context.host = host;
  context.mx_hosts = (const char * const *)self->names;
  explanation = sti_catalog_explain (finding, &context);
  verdict = sti_explanation_get_verdict (explanation);
  if (verdict == NULL || verdict[0] == '\0')
    verdict = sti_explanation_get_title (explanation);

  switch (sti_finding_get_severity (finding))
    {
    case STI_SEVERITY_ERROR:
      list = self->problems;
      break;
    case STI_SEVERITY_WARNING:
      list = self->warnings;
      break;
    case STI_SEVERITY_INFO:
    default:
      list = self->notes;
      break;
    }

  /* The same words for two names only once. */
  for (guint i = 0; i < list->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (list, i), verdict))
        return;
    }
  g_ptr_array_add (list, g_strdup (verdict));
}

/* What the verification of the chain file needs, copied so that it runs
 * on a worker thread without touching the bundle, and what it found. */
typedef struct
{
  StiTrustStore    *trust;
  GPtrArray        *ders;       /* GBytes: the chain file, leaf first */
  GStrv             names;
  GDateTime        *now;
  GObject          *analysis;   /* StiChainAnalysisResult, for the main thread */

  GPtrArray        *findings;   /* GPtrArray of StiFinding: one per name */
  gboolean          verified;
} BundleVerify;

static void
bundle_verify_free (BundleVerify *verify)
{
  if (verify == NULL)
    return;
  g_clear_object (&verify->trust);
  g_clear_pointer (&verify->ders, g_ptr_array_unref);
  g_clear_pointer (&verify->names, g_strfreev);
  g_clear_pointer (&verify->now, g_date_time_unref);
  g_clear_object (&verify->analysis);
  g_clear_pointer (&verify->findings, g_ptr_array_unref);
  g_free (verify);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BundleVerify, bundle_verify_free)

/* Judges the chain file for each name, as a verifying sender would, on a
 * worker thread: GnuTLS's path building is CPU work that must not stall
 * the window (the chain analysis verifies the same way). */
static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BundleVerify *verify = task_data;
  guint n_names = verify->names != NULL ? g_strv_length (verify->names) : 0;

  verify->verified = TRUE;
  /* Without names, once, for all but the name. */
  for (guint i = 0; i < MAX (n_names, 1); i++)
    {
      const char *name = n_names > 0 ? verify->names[i] : NULL;
      gboolean verified = FALSE;
      GPtrArray *findings;

      findings = sti_chain_verify_full (verify->trust, verify->ders, name, verify->now, NULL,
                                        &verified, NULL, NULL);
      verify->verified &= verified;
      g_ptr_array_add (verify->findings, findings);
    }

  g_task_return_pointer (task, verify, (GDestroyNotify)bundle_verify_free);
}

/* The findings of verify_thread(), said in the bundle's lists. */
static void
say_findings (StiChainBundle *self,
              BundleVerify   *verify)
{
  guint n_names = self->names != NULL ? g_strv_length (self->names) : 0;

  for (guint i = 0; i < verify->findings->len; i++)
    {
      const char *name = n_names > 0 ? self->names[i] : NULL;
      GPtrArray *findings = g_ptr_array_index (verify->findings, i);

      for (guint k = 0; k < findings->len; k++)
        {
          StiFinding *finding = g_ptr_array_index (findings, k);

          /* The other findings are the same for every name. */
          if (i == 0 || g_str_equal (sti_finding_get_id (finding), "cert-name-mismatch"))
            say_finding (self, finding, name ?: sti_certificate_get_subject_cn (self->leaf));
        }
    }
}

/* Why the chain analysis fetched no (further) issuer, in plain words. */
static char *
aia_reason (const char *note)
{
  if (g_str_equal (note, "no-aia-url"))
    return g_strdup (_("the certificate names no address to fetch its issuer from"));
  if (g_str_equal (note, "network-disabled"))
    return g_strdup (_("fetching was turned off"));
  if (g_str_equal (note, "timeout"))
    return g_strdup (_("the certificate authority's server did not answer in time"));
  if (g_str_has_prefix (note, "http-"))
    /* Translators: %s is an HTTP status code, e.g. 404 */
    return g_strdup_printf (_("the certificate authority's server answered HTTP %s"), note + 5);
  if (g_str_has_prefix (note, "fetch-failed: "))
    return g_strdup (note + strlen ("fetch-failed: "));
  if (g_str_equal (note, "not-a-certificate") || g_str_equal (note, "unrelated-certificate"))
    return g_strdup (_("what its address served is not the issuer's certificate"));

  /* Translators: %s is a short technical reason, e.g. "too-many-hops" */
  return g_strdup_printf (_("%s"), note);
}

/**
 * bundle_judge_async:
 * @analysis: the StiChainAnalysisResult of the bundle's inputs
 *
 * Takes the path the analysis built as the chain file and verifies it on
 * a worker thread; bundle_judge_finish() judges the rest on the caller's.
 */
void
bundle_judge_async (StiChainBundle              *self,
                    GObject                     *analysis,
                    const StiChainBundleOptions *options,
                    GCancellable                *cancellable,
                    GAsyncReadyCallback          callback,
                    gpointer                     user_data)
{
  /* No source object and no owned task data: the worker thread may drop
   * its reference after the callback ran, and must not be the last owner
   * of the bundle or the trust store. The result comes back as a pointer. */
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  BundleVerify *verify = g_new0 (BundleVerify, 1);

  g_task_set_source_tag (task, bundle_judge_async);
  g_task_set_name (task, "[sti] chain bundle: verify");

  take_path (self, STI_CHAIN_ANALYSIS_RESULT (analysis));

  verify->trust = g_object_ref (options->trust);
  verify->ders = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  for (guint k = 0; k < self->chain->len; k++)
    g_ptr_array_add (verify->ders,
                     g_bytes_ref (sti_certificate_get_der (g_ptr_array_index (self->chain, k))));
  verify->names = g_strdupv (self->names);
  verify->now = options->now != NULL ? g_date_time_ref (options->now) : NULL;
  verify->analysis = g_object_ref (analysis);
  verify->findings = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  g_task_set_task_data (task, verify, NULL);

  g_task_run_in_thread (task, verify_thread);
}

/* Judges what the verification left to the caller's thread: the words of
 * the findings, a failed AIA fetch, revocation and the key. */
gboolean
bundle_judge_finish (StiChainBundle  *self,
                     GAsyncResult    *result,
                     GError         **error)
{
  g_autoptr(BundleVerify) verify = NULL;
  StiChainAnalysisResult *analysis;
  gboolean verified;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bundle_judge_async, FALSE);

  verify = g_task_propagate_pointer (G_TASK (result), error);
  if (verify == NULL)
    return FALSE;

  analysis = STI_CHAIN_ANALYSIS_RESULT (verify->analysis);
  verified = verify->verified;
  say_findings (self, verify);

  if (sti_chain_analysis_result_get_aia_note (analysis) != NULL && !verified)
    {
      g_autofree char *reason = aia_reason (sti_chain_analysis_result_get_aia_note (analysis));

      bundle_add (self->problems,
                  /* Translators: %s says why, e.g. "the certificate names no address to
                     fetch its issuer from" */
                  _("The missing intermediate certificate could not be fetched: %s. Ask "
                    "your certificate authority for it (usually a file named “chain” or "
                    "“intermediate”) and give it here too."),
                  reason);
    }

  if (sti_chain_analysis_result_get_ocsp_status (analysis) == STI_OCSP_STATUS_REVOKED)
    {
      bundle_add (self->problems, "%s",
                  _("The certificate authority has revoked this certificate: it is "
                    "worthless now. Request a new one."));
      verified = FALSE;
    }

  if (self->key != NULL)
    {
      self->key_matches = sti_private_key_matches (self->key, self->leaf);
      if (!self->key_matches)
        {
          bundle_add (self->problems,
                      /* Translators: %s is a certificate's subject */
                      _("The key (--key) does not belong to the certificate “%s”: the "
                        "certificate was made for another key. Use the key you made the "
                        "request with."),
                      sti_certificate_get_subject (self->leaf));
          verified = FALSE;
        }
    }

  self->verified = verified && self->problems->len == 0;
  return TRUE;
}
