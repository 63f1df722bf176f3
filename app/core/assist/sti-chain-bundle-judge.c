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

/* Judges the chain file for each name; returns whether every run verified. */
static gboolean
verify_chain (StiChainBundle              *self,
              const StiChainBundleOptions *options)
{
  g_autoptr(GPtrArray) ders = g_ptr_array_new ();
  gboolean all_verified = TRUE;
  guint n_names = self->names != NULL ? g_strv_length (self->names) : 0;

  for (guint k = 0; k < self->chain->len; k++)
    g_ptr_array_add (ders, sti_certificate_get_der (g_ptr_array_index (self->chain, k)));

  /* Without names, once, for all but the name. */
  for (guint i = 0; i < MAX (n_names, 1); i++)
    {
      const char *name = n_names > 0 ? self->names[i] : NULL;
      g_autoptr(GPtrArray) findings = NULL;
      gboolean verified = FALSE;

      findings = sti_chain_verify_full (options->trust, ders, name, options->now, NULL,
                                        &verified, NULL, NULL);
      all_verified &= verified;
      for (guint k = 0; k < findings->len; k++)
        {
          StiFinding *finding = g_ptr_array_index (findings, k);

          /* The other findings are the same for every name. */
          if (i == 0 || g_str_equal (sti_finding_get_id (finding), "cert-name-mismatch"))
            say_finding (self, finding, name ?: sti_certificate_get_subject_cn (self->leaf));
        }
    }

  return all_verified;
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

void
bundle_judge (StiChainBundle              *self,
              GObject                     *analysis_object,
              const StiChainBundleOptions *options)
{
  StiChainAnalysisResult *analysis = STI_CHAIN_ANALYSIS_RESULT (analysis_object);
  gboolean verified;

  take_path (self, analysis);
  verified = verify_chain (self, options);

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
}
