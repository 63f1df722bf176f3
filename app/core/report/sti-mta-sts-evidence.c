/* sti-mta-sts-evidence.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts-evidence.h"

#include "sti-mta-sts-evidence-private.h"
#include "sti-text.h"

#include <string.h>

/* The MTA-STS policy fetch as evidence: where it was fetched, what the
 * server answered (status, type, the policy host's certificate and its
 * verification, the body), what the policy says (mode, mx patterns,
 * max_age), which MX hosts each pattern matched, and the max_age the
 * suggested policies carry. Immutable once published (DESIGN.md, Data
 * flow); built through sti-mta-sts-evidence-private.h. What is wrong with
 * the policy is in the domain's findings. */

typedef struct
{
  char  *pattern;
  GStrv  matched_hosts;
} Pattern;

struct _StiMtaStsEvidence
{
  GObject parent_instance;

  char      *url;
  guint      status;
  char      *content_type;
  GPtrArray *certificates;  /* StiCertificate, as the policy host sent them */
  gboolean   certificate_verified;
  GStrv      certificate_errors;
  char      *body;
  char      *mode;
  gint64     max_age;
  GPtrArray *patterns;      /* Pattern */
  GStrv      unmatched_hosts;
  gint64     suggested_max_age;
  char      *suggested_max_age_source;
};

G_DEFINE_FINAL_TYPE (StiMtaStsEvidence, sti_mta_sts_evidence, G_TYPE_OBJECT)

static void
pattern_free (Pattern *pattern)
{
  g_free (pattern->pattern);
  g_strfreev (pattern->matched_hosts);
  g_free (pattern);
}

static GStrv
clean_strv (const char * const *strv)
{
  guint n = strv != NULL ? g_strv_length ((char **)strv) : 0;
  GStrv copy = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = sti_text_clean (strv[i]);

  return copy;
}

static void
sti_mta_sts_evidence_finalize (GObject *object)
{
  StiMtaStsEvidence *self = (StiMtaStsEvidence *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->certificates, g_ptr_array_unref);
  g_clear_pointer (&self->certificate_errors, g_strfreev);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->mode, g_free);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->unmatched_hosts, g_strfreev);
  g_clear_pointer (&self->suggested_max_age_source, g_free);

  G_OBJECT_CLASS (sti_mta_sts_evidence_parent_class)->finalize (object);
}

static void
sti_mta_sts_evidence_class_init (StiMtaStsEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_mta_sts_evidence_finalize;
}

static void
sti_mta_sts_evidence_init (StiMtaStsEvidence *self)
{
  self->url = g_strdup ("");
  self->certificates = g_ptr_array_new_with_free_func (g_object_unref);
  self->certificate_errors = g_new0 (char *, 1);
  self->max_age = -1;
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify)pattern_free);
  self->unmatched_hosts = g_new0 (char *, 1);
  self->suggested_max_age = -1;
  self->suggested_max_age_source = g_strdup ("");
}

StiMtaStsEvidence *
sti_mta_sts_evidence_new (void)
{
  return g_object_new (STI_TYPE_MTA_STS_EVIDENCE, NULL);
}

/**
 * sti_mta_sts_evidence_clean_body:
 * @body: (array length=len): a policy file as fetched, or as a report
 *   stored it
 * @len: its length, or -1 when NUL-terminated
 *
 * Cleans a policy file for display line by line: LF and CRLF both end a
 * line and become one real newline, everything else that is not clean
 * text is escaped (sti_text_clean_lines_len()). Idempotent, so a report keeps
 * the same text through a save and a load.
 *
 * Returns: (transfer full): the clean text, lines ended by "\n"
 */
char *
sti_mta_sts_evidence_clean_body (const char *body,
                                 gssize      len)
{
  if (body == NULL)
    return g_strdup ("");

  return sti_text_clean_lines_len ((const guint8 *)body, len < 0 ? strlen (body) : (gsize)len,
                                   TRUE);
}

/* Getters */

const char *
sti_mta_sts_evidence_get_url (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->url;
}

/* Returns: the HTTP status; 0 when no response came */
guint
sti_mta_sts_evidence_get_status (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), 0);
  return self->status;
}

/* Returns: (nullable): the media type as sent, %NULL when none was */
const char *
sti_mta_sts_evidence_get_content_type (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->content_type;
}

/* Returns: (transfer none) (element-type StiCertificate): the policy
 *   host's chain as sent, leaf first; empty when TLS never got that far */
GPtrArray *
sti_mta_sts_evidence_get_certificates (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->certificates;
}

gboolean
sti_mta_sts_evidence_get_certificate_verified (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), FALSE);
  return self->certificate_verified;
}

/* Returns: why the certificate was refused ("unknown-ca", …); empty when
 *   it was not */
const char * const *
sti_mta_sts_evidence_get_certificate_errors (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return (const char * const *)self->certificate_errors;
}

/* Returns: (nullable): the policy file, cleaned, with real newlines;
 *   %NULL when no body was read whole */
const char *
sti_mta_sts_evidence_get_body (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->body;
}

/* Returns: (nullable): "enforce", "testing" or "none"; %NULL when no valid
 *   policy was read */
const char *
sti_mta_sts_evidence_get_mode (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->mode;
}

/* Returns: the policy's max_age in seconds; -1 when no valid policy was read */
gint64
sti_mta_sts_evidence_get_max_age (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), -1);
  return self->max_age;
}

guint
sti_mta_sts_evidence_get_n_patterns (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), 0);
  return self->patterns->len;
}

const char *
sti_mta_sts_evidence_get_pattern (StiMtaStsEvidence *self,
                                  guint              index)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  g_return_val_if_fail (index < self->patterns->len, NULL);
  return ((Pattern *)g_ptr_array_index (self->patterns, index))->pattern;
}

/* Returns: the MX hosts the mx pattern at @index matched */
const char * const *
sti_mta_sts_evidence_get_pattern_matches (StiMtaStsEvidence *self,
                                          guint              index)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  g_return_val_if_fail (index < self->patterns->len, NULL);
  return (const char * const *)((Pattern *)g_ptr_array_index (self->patterns,
                                                              index))->matched_hosts;
}

/* Returns: the MX hosts no mx pattern matched */
const char * const *
sti_mta_sts_evidence_get_unmatched_hosts (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return (const char * const *)self->unmatched_hosts;
}

/* Returns: the max_age the suggested policies of the findings carry */
gint64
sti_mta_sts_evidence_get_suggested_max_age (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), -1);
  return self->suggested_max_age;
}

/* Returns: where the suggested max_age comes from: "observed", "floor"
 *   (the observed one raised to a day) or "default" (none observed) */
const char *
sti_mta_sts_evidence_get_suggested_max_age_source (StiMtaStsEvidence *self)
{
  g_return_val_if_fail (STI_IS_MTA_STS_EVIDENCE (self), NULL);
  return self->suggested_max_age_source;
}

/* Setters */

void
sti_mta_sts_evidence_set_url (StiMtaStsEvidence *self,
                              const char        *url)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  g_return_if_fail (url != NULL);

  g_free (self->url);
  self->url = sti_text_clean (url);
}

void
sti_mta_sts_evidence_set_status (StiMtaStsEvidence *self,
                                 guint              status)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  self->status = status;
}

void
sti_mta_sts_evidence_set_content_type (StiMtaStsEvidence *self,
                                       const char        *content_type)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));

  g_clear_pointer (&self->content_type, g_free);
  if (content_type != NULL)
    self->content_type = sti_text_clean (content_type);
}

void
sti_mta_sts_evidence_add_certificate (StiMtaStsEvidence *self,
                                      StiCertificate    *certificate)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  g_return_if_fail (STI_IS_CERTIFICATE (certificate));

  g_ptr_array_add (self->certificates, g_object_ref (certificate));
}

void
sti_mta_sts_evidence_set_certificate_verified (StiMtaStsEvidence *self,
                                               gboolean           verified)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  self->certificate_verified = verified;
}

void
sti_mta_sts_evidence_set_certificate_errors (StiMtaStsEvidence  *self,
                                             const char * const *errors)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));

  g_strfreev (self->certificate_errors);
  self->certificate_errors = clean_strv (errors);
}

/* @body: (nullable): the policy file as fetched (it is cleaned here) */
void
sti_mta_sts_evidence_set_body (StiMtaStsEvidence *self,
                               const char        *body)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));

  g_clear_pointer (&self->body, g_free);
  if (body != NULL)
    self->body = sti_mta_sts_evidence_clean_body (body, -1);
}

void
sti_mta_sts_evidence_set_mode (StiMtaStsEvidence *self,
                               const char        *mode)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));

  g_clear_pointer (&self->mode, g_free);
  if (mode != NULL)
    self->mode = sti_text_clean (mode);
}

void
sti_mta_sts_evidence_set_max_age (StiMtaStsEvidence *self,
                                  gint64             max_age)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  self->max_age = max_age;
}

void
sti_mta_sts_evidence_add_pattern (StiMtaStsEvidence  *self,
                                  const char         *pattern,
                                  const char * const *matched_hosts)
{
  Pattern *item;

  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  g_return_if_fail (pattern != NULL);

  item = g_new0 (Pattern, 1);
  item->pattern = sti_text_clean (pattern);
  item->matched_hosts = clean_strv (matched_hosts);
  g_ptr_array_add (self->patterns, item);
}

void
sti_mta_sts_evidence_set_unmatched_hosts (StiMtaStsEvidence  *self,
                                          const char * const *hosts)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));

  g_strfreev (self->unmatched_hosts);
  self->unmatched_hosts = clean_strv (hosts);
}

void
sti_mta_sts_evidence_set_suggested_max_age (StiMtaStsEvidence *self,
                                            gint64             max_age,
                                            const char        *source)
{
  g_return_if_fail (STI_IS_MTA_STS_EVIDENCE (self));
  g_return_if_fail (source != NULL);

  self->suggested_max_age = max_age;
  g_free (self->suggested_max_age_source);
  self->suggested_max_age_source = sti_text_clean (source);
}

static gboolean
differs (const char *member)
{
  g_debug ("Reports differ in %s", member);
  return FALSE;
}

static gboolean
patterns_equal (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      Pattern *pa = g_ptr_array_index (a, i);
      Pattern *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->pattern, pb->pattern) != 0 ||
          !g_strv_equal ((const char * const *)pa->matched_hosts,
                         (const char * const *)pb->matched_hosts))
        return FALSE;
    }

  return TRUE;
}

/* Deep comparison, for round-trip tests and change detection. Says
 * which member differs with G_MESSAGES_DEBUG=all. */
gboolean
sti_mta_sts_evidence_equal (StiMtaStsEvidence *a,
                            StiMtaStsEvidence *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return differs ("MtaStsEvidence");

  if (g_strcmp0 (a->url, b->url) != 0)
    return differs ("MtaStsEvidence.url");
  if (a->status != b->status)
    return differs ("MtaStsEvidence.status");
  if (g_strcmp0 (a->content_type, b->content_type) != 0)
    return differs ("MtaStsEvidence.content_type");
  if (a->certificates->len != b->certificates->len)
    return differs ("MtaStsEvidence.certificates");
  for (guint i = 0; i < a->certificates->len; i++)
    {
      if (!sti_certificate_equal (g_ptr_array_index (a->certificates, i),
                                  g_ptr_array_index (b->certificates, i)))
        return differs ("MtaStsEvidence.certificates");
    }
  if (a->certificate_verified != b->certificate_verified)
    return differs ("MtaStsEvidence.certificate_verified");
  if (!g_strv_equal ((const char * const *)a->certificate_errors,
                     (const char * const *)b->certificate_errors))
    return differs ("MtaStsEvidence.certificate_errors");
  if (g_strcmp0 (a->body, b->body) != 0)
    return differs ("MtaStsEvidence.body");
  if (g_strcmp0 (a->mode, b->mode) != 0)
    return differs ("MtaStsEvidence.mode");
  if (a->max_age != b->max_age)
    return differs ("MtaStsEvidence.max_age");
  if (!patterns_equal (a->patterns, b->patterns))
    return differs ("MtaStsEvidence.mx");
  if (!g_strv_equal ((const char * const *)a->unmatched_hosts,
                     (const char * const *)b->unmatched_hosts))
    return differs ("MtaStsEvidence.unmatched_hosts");
  if (a->suggested_max_age != b->suggested_max_age)
    return differs ("MtaStsEvidence.suggested_max_age");
  if (g_strcmp0 (a->suggested_max_age_source, b->suggested_max_age_source) != 0)
    return differs ("MtaStsEvidence.suggested_max_age_source");

  return TRUE;
}
