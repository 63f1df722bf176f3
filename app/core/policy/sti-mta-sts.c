/* sti-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts.h"
#include "sti-mta-sts-private.h"

#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-text.h"

#include <string.h>

/* MTA-STS (RFC 8461) as a sender applies it, so that the findings say what
 * a real sender would do: the record grammar of §3.1, the policy grammar
 * of §3.2, the fetch rules of §3.3 (valid certificate for the policy host,
 * no redirects, 200 only, text/plain, a size cap, a total deadline) and
 * the MX matching of §4.1. Where the RFC grammar is stricter than what
 * lenient senders accept, the policy is accepted with a
 * mta-sts-policy-nonstandard warning instead of being refused. */

/* This file holds the record (§3.1), the suggested record and policy, and
 * what the other parts share (sti-mta-sts-private.h). The finding ids the
 * parts emit are the mta-sts-* entries of the finding registry
 * (resources/findings/mta-sts.findings.xml), each with its severity, the
 * rule that follows the policy's mode and the reason. */

#define DEFAULT_SUGGESTED_MAX_AGE (7 * STS_ONE_DAY)

const char *
sti_mta_sts_mode_to_string (StiMtaStsMode mode)
{
  switch (mode)
    {
    case STI_MTA_STS_MODE_NONE:
      return "none";
    case STI_MTA_STS_MODE_TESTING:
      return "testing";
    case STI_MTA_STS_MODE_ENFORCE:
      return "enforce";
    default:
      g_return_val_if_reached ("none");
    }
}

/* "mx.example.org." -> "mx.example.org", lower case. */
char *
sts_normalize_host (const char *host)
{
  gsize len = strlen (host);

  if (len > 1 && host[len - 1] == '.')
    len--;

  return g_ascii_strdown (host, len);
}

/* The distinct non-empty names of @mx_hosts, normalized, in order. */
GPtrArray *
sts_distinct_hosts (const char * const *mx_hosts)
{
  GPtrArray *hosts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; mx_hosts != NULL && mx_hosts[i] != NULL; i++)
    {
      g_autofree char *host = sts_normalize_host (mx_hosts[i]);
      gboolean dup = FALSE;

      for (guint j = 0; j < hosts->len && !dup; j++)
        dup = g_str_equal (g_ptr_array_index (hosts, j), host);
      if (!dup && host[0] != '\0')
        g_ptr_array_add (hosts, g_steal_pointer (&host));
    }

  return hosts;
}

/* RFC 5321 Domain: LDH labels of 1..63 octets, no leading or trailing
 * hyphen, at most 253 octets; the MTA-STS mx grammar adds "*." in front. */
gboolean
sts_is_valid_domain (const char *name,
                     gboolean    allow_wildcard)
{
  const char *p = name;
  gsize total = strlen (name);

  if (allow_wildcard && g_str_has_prefix (p, "*."))
    {
      p += 2;
      total -= 2;
    }

  if (total == 0 || total > 253)
    return FALSE;

  while (*p != '\0')
    {
      gsize label = 0;

      while (p[label] != '\0' && p[label] != '.')
        {
          if (!g_ascii_isalnum (p[label]) && p[label] != '-')
            return FALSE;
          label++;
        }
      if (label == 0 || label > 63 || p[0] == '-' || p[label - 1] == '-')
        return FALSE;

      p += label;
      if (*p == '.')
        {
          p++;
          if (*p == '\0')
            return FALSE;  /* a trailing dot is not in the grammar */
        }
    }

  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* The record                                                              */

G_DEFINE_BOXED_TYPE (StiMtaStsRecord, sti_mta_sts_record,
                     sti_mta_sts_record_ref, sti_mta_sts_record_unref)

static void
record_clear (StiMtaStsRecord *record)
{
  g_free (record->id);
  g_free (record->text);
}

StiMtaStsRecord *
sti_mta_sts_record_ref (StiMtaStsRecord *record)
{
  return g_atomic_rc_box_acquire (record);
}

void
sti_mta_sts_record_unref (StiMtaStsRecord *record)
{
  g_atomic_rc_box_release_full (record, (GDestroyNotify)record_clear);
}

/* RFC 8461 §3.1 after "v=STSv1". Returns NULL and sets @reason on error. */
static char *
parse_record_fields (const char  *p,
                     const char  *end,
                     const char **reason)
{
  g_autofree char *id = NULL;
  const char *name;
  gsize name_len;

  while (sti_dns_txt_next_field (&p, end, &name, &name_len, reason))
    {
      if (name_len == 2 && memcmp (name, "id", 2) == 0)
        {
          const char *value = ++p;

          while (p < end && g_ascii_isalnum (*p))
            p++;
          if (p == value || p - value > 32 || (p < end && *p != ';' && !sts_is_wsp (*p)))
            {
              *reason = "bad-id";
              return NULL;
            }
          if (id != NULL)
            {
              *reason = "duplicate-id";
              return NULL;
            }
          id = g_strndup (value, p - value);
        }
      else if (!sti_dns_txt_skip_extension (name, &p, end, reason))
        return NULL;
    }
  if (*reason != NULL)
    return NULL;

  if (id == NULL)
    {
      *reason = "missing-id";
      return NULL;
    }

  return g_steal_pointer (&id);
}

/**
 * sti_mta_sts_record_parse:
 * @txt_rdata: (element-type GBytes): the raw rdata of every TXT record at
 *   `_mta-sts.<domain>`, as the resolver returned it (empty for NODATA or
 *   NXDOMAIN)
 * @domain: (nullable): the policy domain, for the suggested record text
 *   in the findings' `fix_record` parameter
 * @findings_out: (element-type StiFinding): where findings are appended
 *
 * Applies RFC 8461 §3.1: records not starting with `v=STSv1` are
 * discarded, exactly one must remain and it must be well-formed. A record
 * split over several character-strings is joined first.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when senders
 *   would assume the domain has no MTA-STS policy
 */
StiMtaStsRecord *
sti_mta_sts_record_parse (GPtrArray  *txt_rdata,
                          const char *domain,
                          GPtrArray  *findings_out)
{
  g_autoptr(GPtrArray) records = sti_dns_rdata_select_txt (txt_rdata, "v=STSv1");
  g_autofree char *fix = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  const char *reason = NULL;
  StiMtaStsRecord *record;
  const char *data;
  gsize len;

  if (domain != NULL)
    fix = sti_mta_sts_suggest_record (domain, NULL);

  if (records->len == 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

      if (fix != NULL)
        g_variant_dict_insert (&dict, "fix_record", "s", fix);
      sti_findings_add (findings_out, "mta-sts-record-missing", g_variant_dict_end (&dict),
                   "No TXT record starting with v=STSv1");
      return NULL;
    }

  if (records->len > 1)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_auto(GStrv) texts = sti_dns_txt_dup_sanitized (records);
      g_autofree char *joined = g_strjoinv (" | ", texts);

      g_variant_dict_insert (&dict, "records", "^as", texts);
      g_variant_dict_insert (&dict, "count", "x", (gint64)records->len);
      if (fix != NULL)
        g_variant_dict_insert (&dict, "fix_record", "s", fix);
      {
        g_autofree char *detail = g_strdup_printf ("%u v=STSv1 records: %s", records->len, joined);
        sti_findings_add (findings_out, "mta-sts-multiple-records", g_variant_dict_end (&dict),
                          detail);
      }
      return NULL;
    }

  data = g_bytes_get_data (g_ptr_array_index (records, 0), &len);
  text = sti_text_sanitize_bytes (g_ptr_array_index (records, 0));

  if (memchr (data, '\0', len) != NULL)
    reason = "nul-byte";
  else
    reason = sti_dns_txt_check_printable (data, len);

  if (reason == NULL)
    id = parse_record_fields (data + 7, data + len, &reason);

  if (id == NULL)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = NULL;

      g_variant_dict_insert (&dict, "record", "s", text);
      g_variant_dict_insert (&dict, "reason", "s", reason);
      if (fix != NULL)
        g_variant_dict_insert (&dict, "fix_record", "s", fix);
      detail = g_strdup_printf ("Invalid MTA-STS record (%s): %s", reason, text);
      sti_findings_add (findings_out, "mta-sts-record-invalid", g_variant_dict_end (&dict), detail);
      return NULL;
    }

  record = g_atomic_rc_box_new0 (StiMtaStsRecord);
  record->id = g_steal_pointer (&id);
  record->text = g_steal_pointer (&text);

  return record;
}

/* ---------------------------------------------------------------------- */
/* What to publish                                                         */

/**
 * sti_mta_sts_suggest_record:
 * @domain: the policy domain
 * @now: (nullable): the time the id is made from; %NULL for now
 *
 * Returns: (transfer full): the TXT record to publish, in zone-file form:
 *   `_mta-sts.example.org. IN TXT "v=STSv1; id=20261128175700"`
 */
char *
sti_mta_sts_suggest_record (const char *domain,
                            GDateTime  *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  utc = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  id = g_date_time_format (utc, "%Y%m%d%H%M%S");

  return sti_mta_sts_format_record (domain, id);
}

/**
 * sti_mta_sts_format_record:
 * @domain: the policy domain
 * @id: the id= value (1..32 ASCII letters and digits)
 *
 * Returns: (transfer full): the TXT record in zone-file form:
 *   `_mta-sts.example.org. IN TXT "v=STSv1; id=<id>"`
 */
char *
sti_mta_sts_format_record (const char *domain,
                           const char *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  name = sts_normalize_host (domain);

  return g_strdup_printf ("_mta-sts.%s. IN TXT \"v=STSv1; id=%s\"", name, id);
}

/**
 * sti_mta_sts_suggest_max_age:
 * @observed: the max_age of the policy as fetched; negative when none was
 *   observed
 * @source: (out) (optional): where the value comes from: "observed",
 *   "floor" (the observed one was shorter than a day, which is itself the
 *   mta-sts-max-age-short finding, so it is raised to one day) or
 *   "default" (none observed: one week, as RFC 8461 suggests weeks)
 *
 * Returns: the max_age a suggested policy carries, at most a year
 */
gint64
sti_mta_sts_suggest_max_age (gint64       observed,
                             const char **source)
{
  const char *from = "observed";
  gint64 max_age = observed;

  if (observed < 0)
    {
      from = "default";
      max_age = DEFAULT_SUGGESTED_MAX_AGE;
    }
  else if (observed < STS_ONE_DAY)
    {
      from = "floor";
      max_age = STS_ONE_DAY;
    }

  if (source != NULL)
    *source = from;

  return MIN (max_age, STI_MTA_STS_MAX_AGE_LIMIT);
}

/**
 * sti_mta_sts_suggest_policy:
 * @mx_hosts: the MX host names the policy must allow
 * @mode: the mode to publish
 * @max_age: seconds, as observed; negative when none was observed (see
 *   sti_mta_sts_suggest_max_age() for what is then used)
 *
 * Returns: (transfer full): the policy file text, one exact `mx` line per
 *   distinct host (no wildcards guessed), with LF line endings: RFC 8461
 *   §3.2 allows LF or CRLF, and the text is shown to be copied, where a
 *   carriage return would only be in the way
 */
char *
sti_mta_sts_suggest_policy (const char * const *mx_hosts,
                            StiMtaStsMode       mode,
                            gint64              max_age)
{
  g_autoptr(GPtrArray) hosts = sts_distinct_hosts (mx_hosts);
  GString *out = g_string_new ("version: STSv1\n");

  max_age = sti_mta_sts_suggest_max_age (max_age, NULL);

  g_string_append_printf (out, "mode: %s\n", sti_mta_sts_mode_to_string (mode));
  for (guint i = 0; i < hosts->len; i++)
    {
      const char *host = g_ptr_array_index (hosts, i);

      if (sts_is_valid_domain (host, FALSE))
        g_string_append_printf (out, "mx: %s\n", host);
    }
  g_string_append_printf (out, "max_age: %" G_GINT64_FORMAT "\n", max_age);

  return g_string_free (out, FALSE);
}
