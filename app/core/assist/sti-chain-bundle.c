/* sti-chain-bundle.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-chain-bundle.h"
#include "sti-chain-bundle-private.h"

#include "sti-certificate-file.h"
#include "sti-chain-analysis.h"

#include <glib/gi18n.h>
#include <string.h>

/* The chain file a mail server needs, from whatever the CA handed out:
 * certificates in any order and format (PEM, DER, PKCS #7, bundles; read
 * by sti_certificate_file_parse()), with or without the root, perhaps
 * without the intermediate. The server's certificate is found (the one
 * for the key, else the one that issues nothing else), the path to a
 * trusted root is built by the chain analysis, which also fetches a
 * missing intermediate through AIA, asynchronously, and the result is
 * judged as a verifying sender would (sti-chain-bundle-judge.c). */

G_DEFINE_QUARK (sti-chain-bundle-error-quark, sti_chain_bundle_error)
G_DEFINE_FINAL_TYPE (StiChainBundle, sti_chain_bundle, G_TYPE_OBJECT)

static void
sti_chain_bundle_dispose (GObject *object)
{
  StiChainBundle *self = (StiChainBundle *)object;

  g_clear_object (&self->key);
  g_clear_object (&self->leaf);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->chain, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_chain_bundle_parent_class)->dispose (object);
}

static void
sti_chain_bundle_finalize (GObject *object)
{
  StiChainBundle *self = (StiChainBundle *)object;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_chain_bundle_parent_class)->finalize (object);
}

static void
sti_chain_bundle_class_init (StiChainBundleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_chain_bundle_dispose;
  object_class->finalize = sti_chain_bundle_finalize;
}

static void
sti_chain_bundle_init (StiChainBundle *self)
{
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->chain = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

void
sti_chain_bundle_options_init (StiChainBundleOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->allow_network = TRUE;
}

StiChainBundle *
sti_chain_bundle_new (void)
{
  return g_object_new (STI_TYPE_CHAIN_BUNDLE, NULL);
}

/**
 * sti_chain_bundle_add_data:
 * @self: a bundle not built yet
 * @label: the file name, for messages
 * @data: the file's contents
 * @error: a #STI_CHAIN_BUNDLE_ERROR with a message for the user
 *
 * Adds the certificates of one file; a certificate given twice counts once.
 *
 * Returns: %TRUE when the file holds certificates
 */
gboolean
sti_chain_bundle_add_data (StiChainBundle  *self,
                           const char      *label,
                           GBytes          *data,
                           GError         **error)
{
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GError) local_error = NULL;
  StiCertificateKind kind = STI_CERTIFICATE_KIND_CERTIFICATE;

  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), FALSE);
  g_return_val_if_fail (label != NULL && data != NULL, FALSE);
  g_return_val_if_fail (!self->built, FALSE);

  ders = sti_certificate_file_parse (data, &kind, NULL, &local_error);
  if (ders == NULL)
    {
      g_set_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE,
                   /* Translators: %s is a file name, then why it cannot be read */
                   _("%s: %s"), label, local_error->message);
      return FALSE;
    }

  if (kind == STI_CERTIFICATE_KIND_REQUEST)
    {
      g_set_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE,
                   /* Translators: %s is a file name */
                   _("%s is a certificate request (CSR), not a certificate. Send it to your "
                     "certificate authority, and bundle the certificate it sends back."),
                   label);
      return FALSE;
    }

  for (guint i = 0; i < ders->len; i++)
    {
      g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (g_ptr_array_index (ders, i),
                                                                     &local_error);
      gboolean seen = FALSE;

      if (cert == NULL)
        {
          g_set_error (error, STI_CHAIN_BUNDLE_ERROR, STI_CHAIN_BUNDLE_ERROR_NOT_A_CERTIFICATE,
                       _("%s: %s"), label, local_error->message);
          return FALSE;
        }

      for (guint j = 0; j < self->certificates->len && !seen; j++)
        seen = sti_certificate_equal (cert, g_ptr_array_index (self->certificates, j));
      if (seen)
        continue;

      g_ptr_array_add (self->certificates, g_steal_pointer (&cert));
      g_ptr_array_add (self->labels, g_strdup (label));
    }

  return TRUE;
}

/* The key the server uses: it picks the server's certificate and must
 * match it. */
void
sti_chain_bundle_set_key (StiChainBundle *self,
                          StiPrivateKey  *key)
{
  g_return_if_fail (STI_IS_CHAIN_BUNDLE (self));
  g_return_if_fail (key == NULL || STI_IS_PRIVATE_KEY (key));

  g_set_object (&self->key, key);
}

/* The names the certificate must cover, checked and in A-label form
 * (sti_certificate_names_parse()). */
void
sti_chain_bundle_set_names (StiChainBundle     *self,
                            const char * const *names)
{
  g_return_if_fail (STI_IS_CHAIN_BUNDLE (self));

  g_strfreev (self->names);
  self->names = g_strdupv ((char **)names);
}

/* How many different certificates were read. */
guint
sti_chain_bundle_get_n_inputs (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), 0);

  return self->certificates->len;
}

static void
judge_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StiChainBundle *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!bundle_judge_finish (self, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->built = TRUE;
  g_task_return_boolean (task, TRUE);
}

static void
analysis_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StiChainBundle *self = g_task_get_source_object (task);
  const StiChainBundleOptions *options = g_task_get_task_data (task);
  g_autoptr(StiChainAnalysisResult) analysis = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  analysis = sti_chain_analysis_run_finish (result, &error);
  if (analysis == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  bundle_judge_async (self, G_OBJECT (analysis), options, cancellable, judge_done_cb,
                      g_steal_pointer (&task));
}

static void
options_free (StiChainBundleOptions *options)
{
  g_clear_object (&options->trust);
  g_clear_object (&options->session);
  g_clear_pointer (&options->now, g_date_time_unref);
  g_free (options);
}

/**
 * sti_chain_bundle_build_async:
 * @self: a bundle with its certificates added, not built yet
 * @options: the trust store and the network's limits
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * Finds the server's certificate, builds the path to a trusted root
 * (fetching a missing intermediate through AIA, without blocking the main
 * loop), leaves the root out and judges the chain file.
 */
void
sti_chain_bundle_build_async (StiChainBundle               *self,
                              const StiChainBundleOptions  *options,
                              GCancellable                 *cancellable,
                              GAsyncReadyCallback           callback,
                              gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) chain_der = NULL;
  StiCertificate *leaf;
  StiChainBundleOptions *copy;
  StiChainAnalysisOptions analysis_options;
  GError *error = NULL;

  g_return_if_fail (STI_IS_CHAIN_BUNDLE (self));
  g_return_if_fail (options != NULL && STI_IS_TRUST_STORE (options->trust));
  g_return_if_fail (!self->built);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_chain_bundle_build_async);
  g_task_set_name (task, "[sti] chain bundle");

  copy = g_new0 (StiChainBundleOptions, 1);
  *copy = *options;
  g_object_ref (copy->trust);
  if (copy->session != NULL)
    g_object_ref (copy->session);
  if (copy->now != NULL)
    g_date_time_ref (copy->now);
  g_task_set_task_data (task, copy, (GDestroyNotify)options_free);

  leaf = bundle_find_leaf (self, &error);
  if (leaf == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_set_object (&self->leaf, leaf);

  chain_der = bundle_order_inputs (self);

  sti_chain_analysis_options_init (&analysis_options);
  analysis_options.trust = options->trust;
  analysis_options.session = options->session;
  analysis_options.allow_network = options->allow_network;
  analysis_options.now = options->now;
  if (options->timeout_ms > 0)
    analysis_options.timeout_ms = options->timeout_ms;

  sti_chain_analysis_run_async (&analysis_options, chain_der,
                                self->names != NULL ? self->names[0] : NULL, NULL,
                                cancellable, analysis_done_cb, g_steal_pointer (&task));
}

/**
 * sti_chain_bundle_build_finish:
 * @self: the bundle
 * @result: the #GAsyncResult
 * @error: a #STI_CHAIN_BUNDLE_ERROR when the input does not allow a
 *   bundle, or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when a bundle was built (verified or not)
 */
gboolean
sti_chain_bundle_build_finish (StiChainBundle  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sti_chain_bundle_build_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether a verifying sender would accept the chain file, and the key
 * and names fit it. */
gboolean
sti_chain_bundle_get_verified (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), FALSE);

  return self->built && self->verified;
}

/* Whether the key (when one was given) belongs to the server's certificate. */
gboolean
sti_chain_bundle_get_key_matches (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), FALSE);

  return self->key_matches;
}

/**
 * sti_chain_bundle_get_chain:
 *
 * Returns: (transfer none) (element-type StiCertificate): the chain file's
 *   certificates: the server's first, then each issuer, without the root
 */
GPtrArray *
sti_chain_bundle_get_chain (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);

  return self->chain;
}

/**
 * sti_chain_bundle_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): what was done and why
 *   (an intermediate fetched, a root left out, …), plain sentences
 */
GPtrArray *
sti_chain_bundle_get_notes (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);

  return self->notes;
}

/**
 * sti_chain_bundle_get_warnings:
 *
 * Returns: (transfer none) (element-type utf8): what does not stop the
 *   chain from verifying but needs attention (it expires soon, …)
 */
GPtrArray *
sti_chain_bundle_get_warnings (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);

  return self->warnings;
}

/**
 * sti_chain_bundle_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): why the chain file would
 *   not verify, plain sentences; empty when it would
 */
GPtrArray *
sti_chain_bundle_get_problems (StiChainBundle *self)
{
  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);

  return self->problems;
}

/**
 * sti_chain_bundle_dup_pem:
 *
 * Returns: (transfer full): the chain file: each certificate as PEM, the
 *   server's first, the format Postfix, Exim and Sendmail read
 */
GBytes *
sti_chain_bundle_dup_pem (StiChainBundle *self)
{
  GString *pem = g_string_new (NULL);

  g_return_val_if_fail (STI_IS_CHAIN_BUNDLE (self), NULL);

  for (guint i = 0; i < self->chain->len; i++)
    {
      g_autofree char *one = sti_certificate_dup_pem (g_ptr_array_index (self->chain, i));

      g_string_append (pem, one);
    }

  return g_string_free_to_bytes (pem);
}
