/* sti-report-compare.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-compare.h"

#include "sti-located-finding.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Before and after a fix: which findings of the old report are gone, which
 * are new and which remain. Findings are matched on their identity, not
 * on their words: (id, host, address, subject, certificate position). The detail
 * text and the severity may change between runs without making a finding
 * "new". Each old finding matches at most one new finding, so two identical
 * keys on one side count twice. The key also holds what the finding is
 * about (an MX host, an mx pattern, a record: finding_key()). */

struct _StiReportComparison
{
  StiDomainReport *old_report;
  StiDomainReport *new_report;
  GPtrArray       *fixed;
  GPtrArray       *added;
  GPtrArray       *remaining;
};

static void
entry_free (gpointer data)
{
  StiComparisonEntry *entry = data;

  g_clear_object (&entry->finding);
  g_clear_object (&entry->old_finding);
  g_free (entry->host);
  g_free (entry->address);
  g_free (entry);
}

static StiComparisonEntry *
entry_new (StiComparisonStatus  status,
           StiLocatedFinding   *located,
           StiFinding          *old_finding)
{
  StiComparisonEntry *entry = g_new0 (StiComparisonEntry, 1);

  entry->status = status;
  entry->finding = g_object_ref (located->finding);
  entry->old_finding = old_finding != NULL ? g_object_ref (old_finding) : NULL;
  entry->host = g_strdup (located->host);
  entry->address = g_strdup (located->address);
  return entry;
}

/* What a finding is about is part of its identity: two domain-level
 * "mta-sts-mx-not-covered" findings differ only by the MX host they name
 * (sti_finding_get_subject()), so matching on the id alone would call one
 * host fixed while the other is. */
static char *
finding_key (StiLocatedFinding *located)
{
  g_autofree char *host = g_ascii_strdown (located->host != NULL ? located->host : "", -1);
  const char *subject = sti_finding_get_subject (located->finding);
  g_autofree char *about = g_ascii_strdown (subject != NULL ? subject : "", -1);
  gint64 position = -1;

  sti_finding_get_param_int64 (located->finding, "position", &position);
  return g_strdup_printf ("%s\n%s\n%s\n%s\n%" G_GINT64_FORMAT,
                          sti_finding_get_id (located->finding), host,
                          located->address != NULL ? located->address : "", about, position);
}

/**
 * sti_report_compare:
 * @old_report: the report from before
 * @new_report: the report from after
 * @error: a #GError
 *
 * Compares two reports of the same domain. Both stay referenced by the
 * comparison.
 *
 * Returns: (transfer full): the comparison, or %NULL with
 *   %G_IO_ERROR_INVALID_ARGUMENT when the domains differ
 */
StiReportComparison *
sti_report_compare (StiDomainReport  *old_report,
                    StiDomainReport  *new_report,
                    GError          **error)
{
  g_autoptr(GArray) old_findings = NULL;
  g_autoptr(GArray) new_findings = NULL;
  g_autoptr(GHashTable) unmatched = NULL;
  g_autofree gboolean *matched = NULL;
  StiLocatedFinding *old_located;
  StiReportComparison *cmp;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (old_report), NULL);
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (new_report), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_ascii_strcasecmp (sti_domain_report_get_domain (old_report),
                          sti_domain_report_get_domain (new_report)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: two domain names */
                   _("These reports are about different domains (%s and %s); "
                     "only two reports of the same domain can be compared."),
                   sti_domain_report_get_domain_unicode (old_report),
                   sti_domain_report_get_domain_unicode (new_report));
      return NULL;
    }

  cmp = g_new0 (StiReportComparison, 1);
  cmp->old_report = g_object_ref (old_report);
  cmp->new_report = g_object_ref (new_report);
  cmp->fixed = g_ptr_array_new_with_free_func (entry_free);
  cmp->added = g_ptr_array_new_with_free_func (entry_free);
  cmp->remaining = g_ptr_array_new_with_free_func (entry_free);

  old_findings = sti_report_collect_located_findings (old_report);
  new_findings = sti_report_collect_located_findings (new_report);
  old_located = (StiLocatedFinding *)(gpointer)old_findings->data;
  matched = g_new0 (gboolean, old_findings->len + 1);

  /* key -> queue of indices into old_findings, in reading order */
  unmatched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_queue_free);
  for (guint i = 0; i < old_findings->len; i++)
    {
      char *key = finding_key (&old_located[i]);
      GQueue *queue = g_hash_table_lookup (unmatched, key);

      if (queue == NULL)
        {
          queue = g_queue_new ();
          g_hash_table_insert (unmatched, key, queue);
        }
      else
        g_free (key);
      g_queue_push_tail (queue, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < new_findings->len; i++)
    {
      StiLocatedFinding *located = &g_array_index (new_findings, StiLocatedFinding, i);
      g_autofree char *key = finding_key (located);
      GQueue *queue = g_hash_table_lookup (unmatched, key);

      if (queue != NULL && !g_queue_is_empty (queue))
        {
          guint index = GPOINTER_TO_UINT (g_queue_pop_head (queue));

          matched[index] = TRUE;
          g_ptr_array_add (cmp->remaining,
                           entry_new (STI_COMPARISON_REMAINING, located,
                                      old_located[index].finding));
        }
      else
        g_ptr_array_add (cmp->added, entry_new (STI_COMPARISON_NEW, located, NULL));
    }

  for (guint i = 0; i < old_findings->len; i++)
    if (!matched[i])
      g_ptr_array_add (cmp->fixed, entry_new (STI_COMPARISON_FIXED, &old_located[i], NULL));

  return cmp;
}

void
sti_report_comparison_free (StiReportComparison *cmp)
{
  if (cmp == NULL)
    return;
  g_clear_object (&cmp->old_report);
  g_clear_object (&cmp->new_report);
  g_clear_pointer (&cmp->fixed, g_ptr_array_unref);
  g_clear_pointer (&cmp->added, g_ptr_array_unref);
  g_clear_pointer (&cmp->remaining, g_ptr_array_unref);
  g_free (cmp);
}

StiDomainReport *
sti_report_comparison_get_old_report (StiReportComparison *cmp)
{
  return cmp->old_report;
}

StiDomainReport *
sti_report_comparison_get_new_report (StiReportComparison *cmp)
{
  return cmp->new_report;
}

/**
 * sti_report_comparison_get_fixed:
 *
 * Returns: (transfer none) (element-type StiComparisonEntry): findings of
 *   the old report that the new one no longer has, in reading order
 *   (sti_located_finding_compare())
 */
GPtrArray *
sti_report_comparison_get_fixed (StiReportComparison *cmp)
{
  return cmp->fixed;
}

/**
 * sti_report_comparison_get_new:
 *
 * Returns: (transfer none) (element-type StiComparisonEntry): findings only
 *   the new report has, in reading order
 */
GPtrArray *
sti_report_comparison_get_new (StiReportComparison *cmp)
{
  return cmp->added;
}

/**
 * sti_report_comparison_get_remaining:
 *
 * Returns: (transfer none) (element-type StiComparisonEntry): findings in
 *   both reports, in reading order
 */
GPtrArray *
sti_report_comparison_get_remaining (StiReportComparison *cmp)
{
  return cmp->remaining;
}

/**
 * sti_report_comparison_is_swapped:
 *
 * Returns: %TRUE when the "old" report was checked after the "new" one:
 *   the files were most likely given the wrong way round, and "fixed" and
 *   "new" are reversed
 */
gboolean
sti_report_comparison_is_swapped (StiReportComparison *cmp)
{
  GDateTime *old_time = sti_domain_report_get_started_at (cmp->old_report);
  GDateTime *new_time = sti_domain_report_get_started_at (cmp->new_report);

  return old_time != NULL && new_time != NULL && g_date_time_compare (old_time, new_time) > 0;
}

/**
 * sti_report_comparison_dup_swapped_warning:
 *
 * Returns: (transfer full) (nullable): the warning every rendering of the
 *   comparison shows when sti_report_comparison_is_swapped(), else %NULL
 */
char *
sti_report_comparison_dup_swapped_warning (StiReportComparison *cmp)
{
  if (!sti_report_comparison_is_swapped (cmp))
    return NULL;
  return g_strdup (_("The older report was given as the newer one: the “before” report was "
                     "checked after the “after” report. The files are probably swapped, so "
                     "“fixed” and “new” are reversed: give the older file first."));
}

/**
 * sti_report_comparison_dup_summary:
 *
 * Returns: (transfer full): "2 fixed, 1 new, 3 remaining"
 */
char *
sti_report_comparison_dup_summary (StiReportComparison *cmp)
{
  /* Translators: counts of findings when comparing two reports */
  return g_strdup_printf (_("%u fixed, %u new, %u remaining"),
                          cmp->fixed->len, cmp->added->len, cmp->remaining->len);
}
