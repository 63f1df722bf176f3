/* sti-sni-comparison.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-sni-comparison.h"
#include "sti-sni-comparison-private.h"

/* What an endpoint presents to a sender that sends no SNI, as Postfix and
 * many other MTAs do by default, next to what the main dialogue (with SNI)
 * saw. Immutable once built; three shapes: the second connection told us
 * nothing about the certificate (and why), the same leaf, or another one
 * with what the chain analysis thinks of it. */
struct _StiSniComparison
{
  GObject         parent_instance;

  gboolean        compared;
  char           *reason;       /* not compared: the id of what ended the dialogue */
  char           *detail;
  gboolean        same_certificate;
  StiCertificate *certificate;  /* the leaf without SNI, when it differs */
  gboolean        certificate_verified;
  GStrv           problems;     /* finding ids of its chain analysis */
};

G_DEFINE_FINAL_TYPE (StiSniComparison, sti_sni_comparison, G_TYPE_OBJECT)

static void
sti_sni_comparison_finalize (GObject *object)
{
  StiSniComparison *self = (StiSniComparison *)object;

  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_object (&self->certificate);
  g_clear_pointer (&self->problems, g_strfreev);

  G_OBJECT_CLASS (sti_sni_comparison_parent_class)->finalize (object);
}

static void
sti_sni_comparison_class_init (StiSniComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_sni_comparison_finalize;
}

static void
sti_sni_comparison_init (StiSniComparison *self)
{
  self->problems = g_new0 (char *, 1);
}

/**
 * sti_sni_comparison_new_not_compared:
 * @reason: why not: the id of the finding that ended the connection
 *   without SNI (`host-unreachable`, `smtp-temporary-failure`, …)
 * @detail: (nullable): that finding's detail
 */
StiSniComparison *
sti_sni_comparison_new_not_compared (const char *reason,
                                     const char *detail)
{
  StiSniComparison *self = g_object_new (STI_TYPE_SNI_COMPARISON, NULL);

  g_return_val_if_fail (reason != NULL, NULL);

  self->reason = g_strdup (reason);
  self->detail = g_strdup (detail);
  return self;
}

StiSniComparison *
sti_sni_comparison_new_same (void)
{
  StiSniComparison *self = g_object_new (STI_TYPE_SNI_COMPARISON, NULL);

  self->compared = TRUE;
  self->same_certificate = TRUE;
  return self;
}

/**
 * sti_sni_comparison_new_different:
 * @certificate: the leaf presented without SNI
 * @verified: its chain verifies for the MX host name
 * @problems: (nullable): the ids of the findings its chain analysis made
 */
StiSniComparison *
sti_sni_comparison_new_different (StiCertificate     *certificate,
                                  gboolean            verified,
                                  const char * const *problems)
{
  StiSniComparison *self = g_object_new (STI_TYPE_SNI_COMPARISON, NULL);

  g_return_val_if_fail (STI_IS_CERTIFICATE (certificate), NULL);

  self->compared = TRUE;
  self->certificate = g_object_ref (certificate);
  self->certificate_verified = verified;
  if (problems != NULL)
    {
      g_strfreev (self->problems);
      self->problems = g_strdupv ((char **)problems);
    }
  return self;
}

gboolean
sti_sni_comparison_get_compared (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), FALSE);

  return self->compared;
}

/* Returns: (nullable): set only when not compared */
const char *
sti_sni_comparison_get_reason (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), NULL);

  return self->reason;
}

const char *
sti_sni_comparison_get_detail (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), NULL);

  return self->detail;
}

gboolean
sti_sni_comparison_get_same_certificate (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), FALSE);

  return self->same_certificate;
}

/* Returns: (nullable) (transfer none): the leaf without SNI, when it differs */
StiCertificate *
sti_sni_comparison_get_certificate (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), NULL);

  return self->certificate;
}

gboolean
sti_sni_comparison_get_certificate_verified (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), FALSE);

  return self->certificate_verified;
}

/* Returns: (transfer none): finding ids, empty unless a different
 * certificate was judged */
const char * const *
sti_sni_comparison_get_problems (StiSniComparison *self)
{
  g_return_val_if_fail (STI_IS_SNI_COMPARISON (self), NULL);

  return (const char * const *)self->problems;
}

gboolean
sti_sni_comparison_equal (StiSniComparison *a,
                          StiSniComparison *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return a->compared == b->compared &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->detail, b->detail) == 0 &&
         a->same_certificate == b->same_certificate &&
         (a->certificate == NULL) == (b->certificate == NULL) &&
         (a->certificate == NULL || sti_certificate_equal (a->certificate, b->certificate)) &&
         a->certificate_verified == b->certificate_verified &&
         g_strv_equal ((const char * const *)a->problems, (const char * const *)b->problems);
}
