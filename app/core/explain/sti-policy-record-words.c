/* sti-policy-record-words.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-policy-record-words.h"

#include "sti-endpoint-report.h"
#include "sti-format.h"
#include "sti-host-report.h"

#include <glib/gi18n.h>

/* What a policy record's row says beside the records themselves: which
 * certificate each TLSA record matches. */

/**
 * sti_dane_match_describe:
 * @match: the verdict on one TLSA record
 *
 * Returns: (transfer full): which certificate the record matches, in
 *   words: "matches the server's certificate (#0)", …
 */
char *
sti_dane_match_describe (const StiDaneMatch *match)
{
  g_autofree char *number = NULL;

  if (match->chain_position >= 0)
    number = sti_format_certificate_number (match->chain_position);

  switch (match->status)
    {
    case STI_DANE_MATCH_OK:
      if (match->chain_position == 0)
        /* Translators: what a DANE (TLSA) record matches; %s is "#0" */
        return g_strdup_printf (_("matches the server's certificate (%s)"), number);
      if (match->chain_position == 1)
        /* Translators: what a DANE (TLSA) record matches; %s is "#1" */
        return g_strdup_printf (_("matches the issuing CA (%s)"), number);
      /* Translators: what a DANE (TLSA) record matches; %s is "#2", "#3", … */
      return g_strdup_printf (_("matches a CA higher up the chain (%s)"), number);
    case STI_DANE_MATCH_TA_CHAIN_FAILED:
      /* Translators: what a DANE (TLSA) record matches; %s is "#1", … */
      return g_strdup_printf (_("matches certificate %s, but the server's certificate does "
                                "not chain to it"), number);
    case STI_DANE_MATCH_TA_NAME_MISMATCH:
      /* Translators: what a DANE (TLSA) record matches; %s is "#1", … */
      return g_strdup_printf (_("matches certificate %s, but the server's certificate is not "
                                "valid for the mail server's name"), number);
    case STI_DANE_MATCH_UNSUITABLE_USAGE:
      return g_strdup (_("ignored: mail servers do not use certificate usages 0 and 1 "
                         "(PKIX-TA, PKIX-EE)"));
    case STI_DANE_MATCH_UNUSABLE:
      return g_strdup (_("unusable: unknown parameters or a digest of the wrong length"));
    case STI_DANE_MATCH_MALFORMED:
      return g_strdup (_("not a valid TLSA record"));
    case STI_DANE_MATCH_NONE:
    default:
      return g_strdup (_("matches no certificate the server sent"));
    }
}

/* The note on record @index: the same words for every address that sent a
 * chain, or each address with its own when they differ. */
static char *
record_note (GPtrArray *endpoints,
             guint      index)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new ();
  gboolean same = TRUE;
  GString *out;

  for (guint i = 0; i < endpoints->len; i++)
    {
      StiEndpointReport *endpoint = g_ptr_array_index (endpoints, i);
      GPtrArray *matches = sti_endpoint_report_get_dane_matches (endpoint);

      if (index >= matches->len)
        continue;
      g_ptr_array_add (words, sti_dane_match_describe (g_ptr_array_index (matches, index)));
      g_ptr_array_add (addresses, (gpointer)sti_endpoint_report_get_address (endpoint));
      same &= g_str_equal (words->pdata[0], words->pdata[words->len - 1]);
    }

  if (words->len == 0)
    return g_strdup (_("not compared: no address of this host sent a certificate"));
  if (same)
    return g_strdup (words->pdata[0]);

  out = g_string_new (NULL);
  for (guint i = 0; i < words->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, "; ");
      /* Translators: an IP address, then what a DANE record matches there */
      g_string_append_printf (out, _("at %s: %s"), (char *)addresses->pdata[i],
                              (char *)words->pdata[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * sti_dane_dup_record_notes:
 * @report: a finished domain report
 * @host: an MX host of @report
 * @n_records: how many TLSA records @host has
 *
 * Returns: (transfer full): for each of @host's TLSA records, in the order
 *   of the answer, which certificate it matches
 */
GStrv
sti_dane_dup_record_notes (StiDomainReport *report,
                           const char      *host,
                           guint            n_records)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GPtrArray *endpoints = NULL;
  GStrv notes = g_new0 (char *, n_records + 1);

  for (guint i = 0; i < hosts->len && endpoints == NULL; i++)
    if (g_str_equal (sti_host_report_get_name (g_ptr_array_index (hosts, i)), host))
      endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));
  for (guint i = 0; i < n_records; i++)
    notes[i] = endpoints != NULL ? record_note (endpoints, i) : g_strdup ("");

  return notes;
}
