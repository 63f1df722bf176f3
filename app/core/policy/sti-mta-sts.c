/* sti-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts.h"

#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* MTA-STS (RFC 8461) as a sender applies it, so that the findings say what
 * a real sender would do: the record grammar of §3.1, the policy grammar
 * of §3.2, the fetch rules of §3.3 (valid certificate for the policy host,
 * no redirects, 200 only, text/plain, a size cap, a total deadline) and
 * the MX matching of §4.1. Where the RFC grammar is stricter than what
 * lenient senders accept, the policy is accepted with a
 * mta-sts-policy-nonstandard warning instead of being refused. */

/* The finding ids this file emits are the mta-sts-* entries of the finding
 * registry (resources/findings/mta-sts.findings.xml), each with its
 * severity, the rule that follows the policy's mode and the reason. */

#define ONE_DAY (24 * 60 * 60)
#define DEFAULT_SUGGESTED_MAX_AGE (7 * ONE_DAY)

static void
add_finding (GPtrArray  *findings,
             const char *id,
             GVariant   *params,
             const char *detail)
{
  if (findings != NULL)
    g_ptr_array_add (findings, sti_finding_new (id, params, detail));
  else if (params != NULL)
    g_variant_unref (g_variant_ref_sink (params));
}

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

static gboolean
is_wsp (char c)
{
  return c == ' ' || c == '\t';
}

/* "mx.example.org." -> "mx.example.org", lower case. */
static char *
normalize_host (const char *host)
{
  gsize len = strlen (host);

  if (len > 1 && host[len - 1] == '.')
    len--;

  return g_ascii_strdown (host, len);
}

/* RFC 5321 Domain: LDH labels of 1..63 octets, no leading or trailing
 * hyphen, at most 253 octets; the MTA-STS mx grammar adds "*." in front. */
static gboolean
is_valid_domain (const char *name,
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
          if (p == value || p - value > 32 || (p < end && *p != ';' && !is_wsp (*p)))
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
      add_finding (findings_out, "mta-sts-record-missing", g_variant_dict_end (&dict),
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
        add_finding (findings_out, "mta-sts-multiple-records", g_variant_dict_end (&dict), detail);
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
      add_finding (findings_out, "mta-sts-record-invalid", g_variant_dict_end (&dict), detail);
      return NULL;
    }

  record = g_atomic_rc_box_new0 (StiMtaStsRecord);
  record->id = g_steal_pointer (&id);
  record->text = g_steal_pointer (&text);

  return record;
}

/* ---------------------------------------------------------------------- */
/* The policy                                                              */

G_DEFINE_BOXED_TYPE (StiMtaStsPolicy, sti_mta_sts_policy,
                     sti_mta_sts_policy_ref, sti_mta_sts_policy_unref)

static void
policy_clear (StiMtaStsPolicy *policy)
{
  g_strfreev (policy->mx);
  g_clear_pointer (&policy->body, g_bytes_unref);
}

StiMtaStsPolicy *
sti_mta_sts_policy_ref (StiMtaStsPolicy *policy)
{
  return g_atomic_rc_box_acquire (policy);
}

void
sti_mta_sts_policy_unref (StiMtaStsPolicy *policy)
{
  g_atomic_rc_box_release_full (policy, (GDestroyNotify)policy_clear);
}

static void
policy_invalid (GPtrArray  *findings,
                const char *reason,
                guint       line,
                const char *line_text)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;
  g_autofree char *clean = line_text != NULL ? sti_text_sanitize_str (line_text) : NULL;

  g_variant_dict_insert (&dict, "reason", "s", reason);
  if (line > 0)
    g_variant_dict_insert (&dict, "line", "x", (gint64)line);
  if (clean != NULL)
    g_variant_dict_insert (&dict, "text", "s", clean);

  if (line > 0)
    detail = g_strdup_printf ("Invalid MTA-STS policy (%s) at line %u: %s",
                              reason, line, clean != NULL ? clean : "");
  else
    detail = g_strdup_printf ("Invalid MTA-STS policy (%s)", reason);

  add_finding (findings, "mta-sts-policy-invalid", g_variant_dict_end (&dict), detail);
}

static void
policy_nonstandard (GPtrArray   *findings,
                    GHashTable  *said,
                    const char  *reason,
                    guint        line)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  if (g_hash_table_contains (said, reason))
    return;
  g_hash_table_add (said, (gpointer)reason);

  g_variant_dict_insert (&dict, "reason", "s", reason);
  g_variant_dict_insert (&dict, "line", "x", (gint64)line);
  detail = g_strdup_printf ("MTA-STS policy accepted despite %s at line %u", reason, line);
  add_finding (findings, "mta-sts-policy-nonstandard", g_variant_dict_end (&dict), detail);
}

static gboolean
is_policy_key (const char *key)
{
  gsize len = strlen (key);

  /* sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".") */
  if (len == 0 || len > 32 || !g_ascii_isalnum (key[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    {
      if (!g_ascii_isalnum (key[i]) && key[i] != '_' && key[i] != '-' && key[i] != '.')
        return FALSE;
    }
  return TRUE;
}

/**
 * sti_mta_sts_policy_parse:
 * @body: the policy file as fetched
 * @findings_out: (element-type StiFinding): where findings are appended
 *
 * Parses a policy file by RFC 8461 §3.2: `key: value` lines ended by LF
 * or CRLF; `version: STSv1`, `mode`, `max_age` (0..31557600) and, unless
 * the mode is none, at least one `mx` are required; unknown keys are
 * ignored. Keys and the fixed values are case-sensitive. Tolerated with a
 * mta-sts-policy-nonstandard warning: blank lines, a repeated key (the
 * first one wins), `version` not on the first line, a malformed unknown
 * field. Also reports the mode and a short max_age.
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL when senders
 *   would treat it as invalid
 */
StiMtaStsPolicy *
sti_mta_sts_policy_parse (GBytes    *body,
                          GPtrArray *findings_out)
{
  g_autoptr(GHashTable) said = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) mx = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  StiMtaStsPolicy *policy;
  const char *version = NULL;
  StiMtaStsMode mode = STI_MTA_STS_MODE_NONE;
  gboolean have_mode = FALSE;
  gboolean have_max_age = FALSE;
  gint64 max_age = 0;
  guint n_mx = 0;
  guint n_lines;
  const char *data;
  gsize len;

  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &len);

  if (len > STI_MTA_STS_POLICY_MAX_SIZE)
    {
      policy_invalid (findings_out, "too-large", 0, NULL);
      return NULL;
    }
  if (len == 0)
    {
      policy_invalid (findings_out, "empty", 0, NULL);
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      policy_invalid (findings_out, "nul-byte", 0, NULL);
      return NULL;
    }
  if (!g_utf8_validate (data, len, NULL))
    {
      policy_invalid (findings_out, "not-utf8", 0, NULL);
      return NULL;
    }

  text = g_strndup (data, len);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);

  for (guint i = 0; i < n_lines; i++)
    {
      char *line = lines[i];
      gsize line_len = strlen (line);
      guint lineno = i + 1;
      char *colon;
      char *value;
      const char *key;

      if (line_len > 0 && line[line_len - 1] == '\r')
        line[--line_len] = '\0';

      if (strchr (line, '\r') != NULL)
        {
          policy_invalid (findings_out, "bare-cr", lineno, line);
          return NULL;
        }
      for (gsize j = 0; j < line_len; j++)
        {
          if ((guchar)line[j] < 0x20 && line[j] != '\t')
            {
              policy_invalid (findings_out, "control-character", lineno, line);
              return NULL;
            }
        }

      g_strchomp (line);
      if (line[0] == '\0')
        {
          /* The last "line" after the final terminator is not a line. */
          if (i + 1 < n_lines)
            policy_nonstandard (findings_out, said, "blank-line", lineno);
          continue;
        }

      colon = strchr (line, ':');
      if (colon == NULL)
        {
          policy_invalid (findings_out, "line-without-colon", lineno, line);
          return NULL;
        }
      *colon = '\0';
      key = line;
      value = colon + 1;
      while (is_wsp (*value))
        value++;

      if (!is_policy_key (key))
        {
          *colon = ':';
          policy_invalid (findings_out, "bad-key", lineno, line);
          return NULL;
        }

      if (g_str_equal (key, "version") && version == NULL && g_hash_table_size (seen) > 0)
        policy_nonstandard (findings_out, said, "version-not-first", lineno);

      if (!g_str_equal (key, "mx") && g_hash_table_contains (seen, key))
        {
          if (g_str_equal (key, "version") || g_str_equal (key, "mode") ||
              g_str_equal (key, "max_age"))
            policy_nonstandard (findings_out, said, "duplicate-key", lineno);
          continue;
        }
      g_hash_table_add (seen, g_strdup (key));

      if (g_str_equal (key, "version"))
        {
          if (!g_str_equal (value, "STSv1"))
            {
              *colon = ':';
              policy_invalid (findings_out, "bad-version", lineno, line);
              return NULL;
            }
          version = "STSv1";
        }
      else if (g_str_equal (key, "mode"))
        {
          if (g_str_equal (value, "enforce"))
            mode = STI_MTA_STS_MODE_ENFORCE;
          else if (g_str_equal (value, "testing"))
            mode = STI_MTA_STS_MODE_TESTING;
          else if (g_str_equal (value, "none"))
            mode = STI_MTA_STS_MODE_NONE;
          else
            {
              *colon = ':';
              policy_invalid (findings_out, "bad-mode", lineno, line);
              return NULL;
            }
          have_mode = TRUE;
        }
      else if (g_str_equal (key, "max_age"))
        {
          gsize digits = strspn (value, "0123456789");

          /* sts-policy-max-age-value = 1*10(DIGIT) */
          if (digits == 0 || digits != strlen (value) || digits > 10)
            {
              *colon = ':';
              policy_invalid (findings_out, "bad-max-age", lineno, line);
              return NULL;
            }
          max_age = g_ascii_strtoll (value, NULL, 10);
          if (max_age > STI_MTA_STS_MAX_AGE_LIMIT)
            {
              *colon = ':';
              policy_invalid (findings_out, "max-age-too-large", lineno, line);
              return NULL;
            }
          have_max_age = TRUE;
        }
      else if (g_str_equal (key, "mx"))
        {
          g_autofree char *lower = NULL;

          if (!is_valid_domain (value, TRUE))
            {
              *colon = ':';
              policy_invalid (findings_out, "bad-mx-pattern", lineno, line);
              return NULL;
            }
          lower = g_ascii_strdown (value, -1);
          g_strv_builder_add (mx, lower);
          n_mx++;
        }
      else
        {
          /* Unknown keys are ignored (§3.2), but their value must still
           * be text without control characters. */
          if (value[0] == '\0')
            policy_nonstandard (findings_out, said, "empty-extension-value", lineno);
        }
    }

  if (version == NULL)
    {
      policy_invalid (findings_out, "missing-version", 0, NULL);
      return NULL;
    }
  if (!have_mode)
    {
      policy_invalid (findings_out, "missing-mode", 0, NULL);
      return NULL;
    }
  if (!have_max_age)
    {
      policy_invalid (findings_out, "missing-max-age", 0, NULL);
      return NULL;
    }
  if (n_mx == 0 && mode != STI_MTA_STS_MODE_NONE)
    {
      policy_invalid (findings_out, "missing-mx", 0, NULL);
      return NULL;
    }

  policy = g_atomic_rc_box_new0 (StiMtaStsPolicy);
  policy->mode = mode;
  policy->max_age = max_age;
  policy->mx = g_strv_builder_end (mx);
  policy->body = g_bytes_ref (body);

  if (mode == STI_MTA_STS_MODE_TESTING)
    add_finding (findings_out, "mta-sts-mode-testing", NULL,
                 "The policy is in testing mode: senders report failures but still deliver");
  else if (mode == STI_MTA_STS_MODE_NONE)
    add_finding (findings_out, "mta-sts-mode-none", NULL,
                 "The policy is in mode none: senders drop the policy");

  if (max_age < ONE_DAY && mode != STI_MTA_STS_MODE_NONE)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = g_strdup_printf ("max_age is %" G_GINT64_FORMAT " seconds",
                                                 max_age);

      g_variant_dict_insert (&dict, "max_age", "x", max_age);
      add_finding (findings_out, "mta-sts-max-age-short", g_variant_dict_end (&dict), detail);
    }

  return policy;
}

/**
 * sti_mta_sts_mx_matches:
 * @pattern: an mx pattern of a policy, e.g. `mx.example.org` or
 *   `*.example.org`
 * @mx_host: an MX host name, with or without the trailing dot
 *
 * RFC 8461 §4.1: case-insensitive; a wildcard matches exactly one
 * left-most label (`*.example.org` matches `mx.example.org`, not
 * `example.org` and not `a.b.example.org`).
 */
gboolean
sti_mta_sts_mx_matches (const char *pattern,
                        const char *mx_host)
{
  g_autofree char *p = NULL;
  g_autofree char *h = NULL;
  const char *dot;

  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (mx_host != NULL, FALSE);

  p = normalize_host (pattern);
  h = normalize_host (mx_host);

  if (p[0] == '\0' || h[0] == '\0' || h[0] == '.')
    return FALSE;

  if (!g_str_has_prefix (p, "*."))
    return g_str_equal (p, h);

  dot = strchr (h, '.');
  if (dot == NULL || dot == h)
    return FALSE;

  return g_str_equal (p + 2, dot + 1);
}

/* ---------------------------------------------------------------------- */
/* The fetch                                                               */

G_DEFINE_BOXED_TYPE (StiMtaStsFetchResult, sti_mta_sts_fetch_result,
                     sti_mta_sts_fetch_result_ref, sti_mta_sts_fetch_result_unref)

static void
fetch_result_clear (StiMtaStsFetchResult *result)
{
  g_free (result->url);
  g_free (result->content_type);
  g_free (result->location);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->policy, sti_mta_sts_policy_unref);
  g_clear_pointer (&result->findings, g_ptr_array_unref);
}

StiMtaStsFetchResult *
sti_mta_sts_fetch_result_ref (StiMtaStsFetchResult *result)
{
  return g_atomic_rc_box_acquire (result);
}

void
sti_mta_sts_fetch_result_unref (StiMtaStsFetchResult *result)
{
  g_atomic_rc_box_release_full (result, (GDestroyNotify)fetch_result_clear);
}

/* Connecting to addresses our own resolver found (the user's DNS server,
 * the demo lab's name server) while TLS still sees the policy host name:
 * a GNetworkAddress keeps hostname and port for SNI and the certificate
 * check (glib-networking reads them from the server identity, which
 * libsoup takes from the session's remote-connectable), but enumerates
 * only the given addresses instead of asking GResolver. */

#define STI_TYPE_PINNED_ENUMERATOR (sti_pinned_enumerator_get_type ())
G_DECLARE_FINAL_TYPE (StiPinnedEnumerator, sti_pinned_enumerator,
                      STI, PINNED_ENUMERATOR, GSocketAddressEnumerator)

struct _StiPinnedEnumerator
{
  GSocketAddressEnumerator parent_instance;

  GPtrArray *addresses;  /* GInetSocketAddress */
  guint      next;
};

G_DEFINE_FINAL_TYPE (StiPinnedEnumerator, sti_pinned_enumerator, G_TYPE_SOCKET_ADDRESS_ENUMERATOR)

static GSocketAddress *
sti_pinned_enumerator_next (GSocketAddressEnumerator  *enumerator,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  StiPinnedEnumerator *self = STI_PINNED_ENUMERATOR (enumerator);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (self->next >= self->addresses->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->addresses, self->next++));
}

static void
sti_pinned_enumerator_next_async (GSocketAddressEnumerator *enumerator,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (enumerator, cancellable, callback, user_data);
  GError *error = NULL;
  GSocketAddress *address;

  g_task_set_source_tag (task, sti_pinned_enumerator_next_async);
  address = sti_pinned_enumerator_next (enumerator, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, address, g_object_unref);
}

static GSocketAddress *
sti_pinned_enumerator_next_finish (GSocketAddressEnumerator  *enumerator,
                                   GAsyncResult              *result,
                                   GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, enumerator), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sti_pinned_enumerator_finalize (GObject *object)
{
  StiPinnedEnumerator *self = STI_PINNED_ENUMERATOR (object);

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_pinned_enumerator_parent_class)->finalize (object);
}

static void
sti_pinned_enumerator_class_init (StiPinnedEnumeratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GSocketAddressEnumeratorClass *enumerator_class = G_SOCKET_ADDRESS_ENUMERATOR_CLASS (klass);

  object_class->finalize = sti_pinned_enumerator_finalize;
  enumerator_class->next = sti_pinned_enumerator_next;
  enumerator_class->next_async = sti_pinned_enumerator_next_async;
  enumerator_class->next_finish = sti_pinned_enumerator_next_finish;
}

static void
sti_pinned_enumerator_init (StiPinnedEnumerator *self)
{
}

#define STI_TYPE_PINNED_ADDRESS (sti_pinned_address_get_type ())
G_DECLARE_FINAL_TYPE (StiPinnedAddress, sti_pinned_address, STI, PINNED_ADDRESS, GNetworkAddress)

struct _StiPinnedAddress
{
  GNetworkAddress parent_instance;

  GPtrArray *addresses;  /* GInetSocketAddress */
};

static void sti_pinned_address_connectable_init (GSocketConnectableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StiPinnedAddress, sti_pinned_address, G_TYPE_NETWORK_ADDRESS,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SOCKET_CONNECTABLE,
                                                      sti_pinned_address_connectable_init))

static GSocketAddressEnumerator *
sti_pinned_address_enumerate (GSocketConnectable *connectable)
{
  StiPinnedAddress *self = STI_PINNED_ADDRESS (connectable);
  StiPinnedEnumerator *enumerator = g_object_new (STI_TYPE_PINNED_ENUMERATOR, NULL);

  enumerator->addresses = g_ptr_array_ref (self->addresses);

  return G_SOCKET_ADDRESS_ENUMERATOR (enumerator);
}

static char *
sti_pinned_address_to_string (GSocketConnectable *connectable)
{
  GNetworkAddress *address = G_NETWORK_ADDRESS (connectable);

  return g_strdup_printf ("%s:%u", g_network_address_get_hostname (address),
                          g_network_address_get_port (address));
}

static void
sti_pinned_address_connectable_init (GSocketConnectableIface *iface)
{
  iface->enumerate = sti_pinned_address_enumerate;
  /* never through a proxy: the addresses are the point */
  iface->proxy_enumerate = sti_pinned_address_enumerate;
  iface->to_string = sti_pinned_address_to_string;
}

static void
sti_pinned_address_finalize (GObject *object)
{
  StiPinnedAddress *self = STI_PINNED_ADDRESS (object);

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_pinned_address_parent_class)->finalize (object);
}

static void
sti_pinned_address_class_init (StiPinnedAddressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sti_pinned_address_finalize;
}

static void
sti_pinned_address_init (StiPinnedAddress *self)
{
}

static GSocketConnectable *
sti_pinned_address_new (const char *hostname,
                        guint16     port,
                        GPtrArray  *addresses)
{
  StiPinnedAddress *self = g_object_new (STI_TYPE_PINNED_ADDRESS,
                                         "hostname", hostname,
                                         "port", (guint)port,
                                         "scheme", "https",
                                         NULL);

  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < addresses->len; i++)
    g_ptr_array_add (self->addresses,
                     g_inet_socket_address_new (g_ptr_array_index (addresses, i), port));

  return G_SOCKET_CONNECTABLE (self);
}

typedef struct
{
  SoupSession          *session;
  SoupMessage          *msg;
  GInputStream         *stream;
  GCancellable         *internal;
  GCancellable         *user_cancellable;
  gulong                user_cancel_id;
  GSource              *deadline;
  GTlsDatabase         *extra_trust;
  char                 *host;
  guint16               port;
  guint                 timeout_ms;
  gboolean              timed_out;
  GTlsCertificateFlags  tls_errors;
  gboolean              tls_refused;
  gulong                accept_id;
  GByteArray           *buffer;
  gint64                start_us;
  StiMtaStsFetchResult *result;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  if (data->user_cancel_id != 0)
    g_cancellable_disconnect (data->user_cancellable, data->user_cancel_id);
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->accept_id != 0)
    g_signal_handler_disconnect (data->msg, data->accept_id);

  /* Cancelling first ends the message, so that dropping a half-read body
   * stream does not block in a synchronous close. */
  if (data->stream != NULL && !g_input_stream_is_closed (data->stream))
    g_cancellable_cancel (data->internal);

  g_clear_object (&data->stream);
  g_clear_object (&data->msg);
  g_clear_object (&data->session);
  g_clear_object (&data->internal);
  g_clear_object (&data->user_cancellable);
  g_clear_object (&data->extra_trust);
  g_free (data->host);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_clear_pointer (&data->result, sti_mta_sts_fetch_result_unref);
  g_free (data);
}

static void
fetch_complete (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  StiMtaStsFetchResult *result = g_steal_pointer (&data->result);

  result->duration_us = g_get_monotonic_time () - data->start_us;
  g_task_return_pointer (task, result, (GDestroyNotify)sti_mta_sts_fetch_result_unref);
}

static void
fetch_finding (FetchData  *data,
               const char *id,
               GVariant   *params,
               const char *detail)
{
  add_finding (data->result->findings, id, params, detail);
}

static gboolean
deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->internal);

  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *cancellable,
                   GCancellable *internal)
{
  g_cancellable_cancel (internal);
}

/* GTlsCertificateFlags -> the reason words kept in the finding. */
static const struct {
  GTlsCertificateFlags  flag;
  const char           *reason;
} tls_flag_table[] = {
  { G_TLS_CERTIFICATE_UNKNOWN_CA,    "unknown-ca" },
  { G_TLS_CERTIFICATE_BAD_IDENTITY,  "bad-identity" },
  { G_TLS_CERTIFICATE_NOT_ACTIVATED, "not-activated" },
  { G_TLS_CERTIFICATE_EXPIRED,       "expired" },
  { G_TLS_CERTIFICATE_REVOKED,       "revoked" },
  { G_TLS_CERTIFICATE_INSECURE,      "insecure" },
  { G_TLS_CERTIFICATE_GENERIC_ERROR, "generic-error" },
};

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  FetchData *data = user_data;

  data->tls_refused = TRUE;
  data->tls_errors = errors;

  /* The caller's extra anchors (an internal CA, the demo lab's CA) count
   * as much as the system store: verify again against them, with the
   * policy host as the identity. */
  if (data->extra_trust != NULL)
    {
      g_autoptr(GSocketConnectable) identity = g_network_address_new (data->host, data->port);
      g_autoptr(GError) error = NULL;
      GTlsCertificateFlags ours;

      ours = g_tls_database_verify_chain (data->extra_trust, certificate,
                                          G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                          identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                          NULL, &error);
      if (error == NULL && ours == 0)
        {
          data->tls_refused = FALSE;
          data->tls_errors = 0;
          return TRUE;
        }

      /* Our store knows the issuer: its answer is the precise one. */
      if (error == NULL && (ours & G_TLS_CERTIFICATE_UNKNOWN_CA) == 0)
        data->tls_errors = ours;
    }

  return FALSE;
}

static void
fetch_failed (GTask  *task,
              GError *error)
{
  FetchData *data = g_task_get_task_data (task);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *message = sti_text_sanitize_str (error->message);

  if (data->timed_out)
    {
      g_autofree char *detail = g_strdup_printf ("No complete answer from %s within %u ms",
                                                 data->host, data->timeout_ms);

      g_variant_dict_insert (&dict, "timeout_ms", "x", (gint64)data->timeout_ms);
      g_variant_dict_insert (&dict, "bytes_read", "x",
                             (gint64)(data->buffer != NULL ? data->buffer->len : 0));
      fetch_finding (data, "mta-sts-policy-timeout", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  if (g_cancellable_is_cancelled (data->user_cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The policy fetch was cancelled."));
      return;
    }

  if (data->tls_refused || g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) reasons = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *detail = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (tls_flag_table); i++)
        {
          if (data->tls_errors & tls_flag_table[i].flag)
            g_strv_builder_add (builder, tls_flag_table[i].reason);
        }
      reasons = g_strv_builder_end (builder);
      joined = g_strjoinv (", ", reasons);

      g_variant_dict_insert (&dict, "host", "s", data->host);
      g_variant_dict_insert (&dict, "reasons", "^as", reasons);
      g_variant_dict_insert (&dict, "tls_errors", "x", (gint64)data->tls_errors);
      detail = g_strdup_printf ("The certificate of %s was refused (%s)",
                                data->host, joined[0] != '\0' ? joined : message);
      fetch_finding (data, "mta-sts-policy-bad-certificate", g_variant_dict_end (&dict), detail);
      data->result->tls_errors = data->tls_errors;
      fetch_complete (task);
      return;
    }

  {
    g_autofree char *detail = g_strdup_printf ("%s: %s", data->host, message);

    g_variant_dict_insert (&dict, "host", "s", data->host);
    g_variant_dict_insert (&dict, "error", "s", message);
    fetch_finding (data, "mta-sts-policy-unreachable", g_variant_dict_end (&dict), detail);
  }
  fetch_complete (task);
}

static void
too_large (GTask *task,
           gint64 size)
{
  FetchData *data = g_task_get_task_data (task);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  g_variant_dict_insert (&dict, "limit", "x", (gint64)STI_MTA_STS_POLICY_MAX_SIZE);
  g_variant_dict_insert (&dict, "size", "x", size);
  detail = g_strdup_printf ("The policy is larger than %d bytes (at least %" G_GINT64_FORMAT ")",
                            STI_MTA_STS_POLICY_MAX_SIZE, size);
  fetch_finding (data, "mta-sts-policy-too-large", g_variant_dict_end (&dict), detail);
  fetch_complete (task);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), res, &error);
  if (chunk == NULL)
    {
      fetch_failed (task, error);
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));

      data->result->body = g_bytes_ref (body);
      data->result->policy = sti_mta_sts_policy_parse (body, data->result->findings);
      fetch_complete (task);
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), len);
  if (data->buffer->len > STI_MTA_STS_POLICY_MAX_SIZE)
    {
      too_large (task, data->buffer->len);
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  /* Never ask for more than one byte past the limit. */
  gsize want = MIN (16384, STI_MTA_STS_POLICY_MAX_SIZE + 1 - data->buffer->len);

  g_input_stream_read_bytes_async (data->stream, want, G_PRIORITY_DEFAULT,
                                   data->internal, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  StiMtaStsFetchResult *result = data->result;
  g_autoptr(GError) error = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  SoupMessageHeaders *headers;
  const char *content_type;
  const char *encoding;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), res, &error);
  if (data->stream == NULL)
    {
      fetch_failed (task, error);
      return;
    }

  headers = soup_message_get_response_headers (data->msg);
  result->status = soup_message_get_status (data->msg);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type != NULL)
    result->content_type = sti_text_sanitize_str (content_type);

  if (SOUP_STATUS_IS_REDIRECTION (result->status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autofree char *detail = NULL;

      if (location != NULL)
        result->location = sti_text_sanitize_str (location);
      g_variant_dict_insert (&dict, "status", "x", (gint64)result->status);
      g_variant_dict_insert (&dict, "location", "s",
                             result->location != NULL ? result->location : "");
      detail = g_strdup_printf ("HTTP %u redirect to %s (senders do not follow redirects)",
                                result->status,
                                result->location != NULL ? result->location : "nowhere");
      fetch_finding (data, "mta-sts-policy-redirect", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  if (result->status != SOUP_STATUS_OK)
    {
      g_autofree char *reason = sti_text_sanitize_str (soup_message_get_reason_phrase (data->msg));
      g_autofree char *detail = g_strdup_printf ("HTTP %u %s for %s",
                                                 result->status, reason, result->url);

      g_variant_dict_insert (&dict, "status", "x", (gint64)result->status);
      g_variant_dict_insert (&dict, "reason", "s", reason);
      fetch_finding (data, "mta-sts-policy-http-error", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  /* §3.2: the media type is text/plain; parameters (charset) do not matter. */
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "text/plain") != 0)
    {
      g_autofree char *detail = g_strdup_printf ("Content-Type is %s, not text/plain",
                                                 result->content_type != NULL ?
                                                 result->content_type : "missing");

      g_variant_dict_insert (&dict, "content_type", "s",
                             result->content_type != NULL ? result->content_type : "");
      fetch_finding (data, "mta-sts-policy-wrong-type", g_variant_dict_end (&dict), detail);
      fetch_complete (task);
      return;
    }

  /* An honest Content-Length over the limit needs no reading; with a
   * content coding the length is the encoded one, so only the decoded
   * byte count below can tell. */
  encoding = soup_message_headers_get_one (headers, "Content-Encoding");
  length = soup_message_headers_get_content_length (headers);
  if ((encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0) &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > STI_MTA_STS_POLICY_MAX_SIZE)
    {
      too_large (task, length);
      return;
    }

  data->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static char *
normalize_domain (const char *domain)
{
  g_autofree char *stripped = normalize_host (domain);
  g_autofree char *ascii = g_hostname_to_ascii (stripped);

  if (ascii == NULL || g_hostname_is_ip_address (ascii) || !is_valid_domain (ascii, FALSE))
    return NULL;

  return g_ascii_strdown (ascii, -1);
}

/**
 * sti_mta_sts_fetch_async:
 * @session: (nullable): the session to use; %NULL makes a private one.
 *   Either way redirects are not followed and the content decoder stays
 *   on: the 64 KiB cap applies to the decoded body.
 * @domain: the policy domain (`example.org`); the policy host is
 *   `mta-sts.<domain>`
 * @extra_trust: (nullable): anchors trusted besides the session's (system)
 *   store, checked with the policy host name as identity
 * @addresses: (element-type GInetAddress) (nullable): where
 *   `mta-sts.<domain>` is, as our own resolver found it (the user's DNS
 *   server, the demo lab). The connection goes to these addresses, in
 *   order, without a proxy, while SNI and the certificate check still use
 *   the host name. %NULL or empty: GResolver and the system proxy settings
 *   decide. With addresses, @session must be %NULL (a private session is
 *   made, since libsoup pins addresses per session).
 * @port: 0 for 443; tests use the port of a loopback server
 * @timeout_ms: the total deadline, 0 for %STI_MTA_STS_DEFAULT_TIMEOUT_MS.
 *   It covers connecting, the handshake and reading the body, so a server
 *   dripping bytes cannot hold the fetch.
 * @cancellable: (nullable): cancels the fetch; the result is then
 *   %G_IO_ERROR_CANCELLED
 *
 * Fetches `https://mta-sts.<domain>/.well-known/mta-sts.txt` by the rules
 * of RFC 8461 §3.3 and parses it. Every failure (no answer, bad
 * certificate, redirect, other status, wrong type, oversized body,
 * deadline, invalid policy) is a finding in the result, not an error.
 * Must be called on the thread that owns @session.
 */
void
sti_mta_sts_fetch_async (SoupSession         *session,
                         const char          *domain,
                         GTlsDatabase        *extra_trust,
                         GPtrArray           *addresses,
                         guint16              port,
                         guint                timeout_ms,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *ascii = NULL;
  FetchData *data;

  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));
  g_return_if_fail (session == NULL || addresses == NULL || addresses->len == 0);
  g_return_if_fail (domain != NULL);
  g_return_if_fail (extra_trust == NULL || G_IS_TLS_DATABASE (extra_trust));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_mta_sts_fetch_async);
  g_task_set_name (task, "[sti] mta-sts fetch");

  ascii = normalize_domain (domain);
  if (ascii == NULL)
    {
      g_autofree char *clean = sti_text_sanitize_str (domain);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("“%s” is not a valid domain name."), clean);
      return;
    }

  data = g_new0 (FetchData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify)fetch_data_free);

  data->start_us = g_get_monotonic_time ();
  data->port = port != 0 ? port : 443;
  data->timeout_ms = timeout_ms != 0 ? timeout_ms : STI_MTA_STS_DEFAULT_TIMEOUT_MS;
  data->host = g_strconcat ("mta-sts.", ascii, NULL);
  data->extra_trust = extra_trust != NULL ? g_object_ref (extra_trust) : NULL;
  if (addresses != NULL && addresses->len > 0)
    {
      g_autoptr(GSocketConnectable) pinned = sti_pinned_address_new (data->host, data->port,
                                                                    addresses);

      data->session = soup_session_new_with_options ("remote-connectable", pinned,
                                                     "proxy-resolver", NULL,
                                                     NULL);
    }
  else if (session != NULL)
    data->session = g_object_ref (session);
  else
    data->session = soup_session_new ();
  data->internal = g_cancellable_new ();
  data->result = g_atomic_rc_box_new0 (StiMtaStsFetchResult);
  data->result->findings = g_ptr_array_new_with_free_func (g_object_unref);

  if (data->port == 443)
    data->result->url = g_strdup_printf ("https://%s/.well-known/mta-sts.txt", data->host);
  else
    data->result->url = g_strdup_printf ("https://%s:%u/.well-known/mta-sts.txt",
                                         data->host, data->port);

  if (cancellable != NULL)
    {
      data->user_cancellable = g_object_ref (cancellable);
      data->user_cancel_id = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (user_cancelled_cb),
                                                    g_object_ref (data->internal),
                                                    g_object_unref);
    }

  data->deadline = g_timeout_source_new (data->timeout_ms);
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_set_static_name (data->deadline, "[sti] mta-sts deadline");
  g_source_attach (data->deadline, g_main_context_get_thread_default ());

  data->msg = soup_message_new (SOUP_METHOD_GET, data->result->url);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Cannot build a policy URL for “%s”."), ascii);
      return;
    }
  /* §3.3: "HTTP 3xx redirects MUST NOT be followed" */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  data->accept_id = g_signal_connect (data->msg, "accept-certificate",
                                      G_CALLBACK (accept_certificate_cb), data);

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT, data->internal,
                           send_cb, g_steal_pointer (&task));
}

/**
 * sti_mta_sts_fetch_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set when the
 *   domain was invalid or the fetch was cancelled
 */
StiMtaStsFetchResult *
sti_mta_sts_fetch_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sti_mta_sts_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Coherence with the MX hosts as probed                                   */

/**
 * sti_mta_sts_evaluate:
 * @policy: a parsed policy
 * @mx_hosts: the MX host names of the domain (trailing dots optional)
 * @endpoints: (array length=n_endpoints) (nullable): what the probes found
 * @n_endpoints: the number of @endpoints
 *
 * Checks what an RFC 8461 §4 sender would do with @policy: every MX host
 * must match an `mx` pattern, and every reached endpoint of a matching
 * host must offer STARTTLS with a certificate valid for the host.
 * Endpoints never reached are left to the connection findings. Nothing is
 * evaluated in mode none. The mx-not-covered and mx-refused findings
 * carry a `fix_policy` parameter: the lines of the policy file that covers
 * the observed MX set (lines, because the report keeps no line breaks in
 * a string).
 *
 * Returns: (transfer full) (element-type StiFinding): the findings
 */
GPtrArray *
sti_mta_sts_evaluate (StiMtaStsPolicy              *policy,
                      const char * const           *mx_hosts,
                      const StiMtaStsEndpointFacts *endpoints,
                      gsize                         n_endpoints)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GStrvBuilder) refused_builder = g_strv_builder_new ();
  g_auto(GStrv) refused = NULL;
  g_autofree char *fix = NULL;
  g_auto(GStrv) fix_lines = NULL;
  guint n_refused = 0;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (endpoints != NULL || n_endpoints == 0, NULL);

  if (policy->mode == STI_MTA_STS_MODE_NONE)
    return g_steal_pointer (&findings);

  for (guint i = 0; mx_hosts != NULL && mx_hosts[i] != NULL; i++)
    {
      g_autofree char *host = normalize_host (mx_hosts[i]);
      gboolean dup = FALSE;

      for (guint j = 0; j < hosts->len && !dup; j++)
        dup = g_str_equal (g_ptr_array_index (hosts, j), host);
      if (!dup && host[0] != '\0')
        g_ptr_array_add (hosts, g_steal_pointer (&host));
    }
  g_ptr_array_add (hosts, NULL);
  fix = sti_mta_sts_suggest_policy ((const char * const *)hosts->pdata, policy->mode,
                                    policy->max_age);
  fix_lines = g_strsplit (g_strchomp (fix), "\n", -1);
  g_ptr_array_set_size (hosts, hosts->len - 1);

  for (guint i = 0; i < hosts->len; i++)
    {
      const char *host = g_ptr_array_index (hosts, i);
      g_autofree char *clean = sti_text_sanitize_str (host);
      gboolean covered = FALSE;

      for (guint j = 0; policy->mx[j] != NULL && !covered; j++)
        covered = sti_mta_sts_mx_matches (policy->mx[j], host);

      if (!covered)
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          g_autofree char *patterns = g_strjoinv (", ", policy->mx);
          g_autofree char *detail = g_strdup_printf ("MX %s matches none of the policy's mx "
                                                     "patterns (%s)", clean, patterns);

          g_variant_dict_insert (&dict, "host", "s", clean);
          g_variant_dict_insert (&dict, "patterns", "^as", policy->mx);
          g_variant_dict_insert (&dict, "mode", "s", sti_mta_sts_mode_to_string (policy->mode));
          g_variant_dict_insert (&dict, "fix_policy", "^as", fix_lines);
          add_finding (findings, "mta-sts-mx-not-covered", g_variant_dict_end (&dict), detail);
          g_strv_builder_add (refused_builder, clean);
          n_refused++;
          continue;
        }

      {
        g_autoptr(GStrvBuilder) no_tls = g_strv_builder_new ();
        g_autoptr(GStrvBuilder) bad_cert = g_strv_builder_new ();
        g_auto(GStrv) no_tls_v = NULL;
        g_auto(GStrv) bad_cert_v = NULL;
        guint n_failed = 0;

        for (gsize k = 0; k < n_endpoints; k++)
          {
            const StiMtaStsEndpointFacts *ep = &endpoints[k];
            g_autofree char *address = NULL;
            g_autofree char *ep_host = NULL;

            if (ep->host == NULL || !ep->reached)
              continue;
            ep_host = normalize_host (ep->host);
            if (!g_str_equal (ep_host, host))
              continue;

            address = sti_text_sanitize_str (ep->address != NULL ? ep->address : host);
            if (!ep->starttls_ok)
              {
                g_strv_builder_add (no_tls, address);
                n_failed++;
              }
            else if (!ep->cert_valid)
              {
                g_strv_builder_add (bad_cert, address);
                n_failed++;
              }
          }

        no_tls_v = g_strv_builder_end (no_tls);
        bad_cert_v = g_strv_builder_end (bad_cert);

        if (n_failed > 0)
          {
            g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
            g_autofree char *a = g_strjoinv (", ", no_tls_v);
            g_autofree char *b = g_strjoinv (", ", bad_cert_v);
            g_autofree char *detail = NULL;

            detail = g_strdup_printf ("MX %s:%s%s%s%s", clean,
                                      a[0] != '\0' ? " no STARTTLS at " : "", a,
                                      b[0] != '\0' ? " no valid certificate at " : "", b);
            g_variant_dict_insert (&dict, "host", "s", clean);
            g_variant_dict_insert (&dict, "no_starttls", "^as", no_tls_v);
            g_variant_dict_insert (&dict, "bad_certificate", "^as", bad_cert_v);
            g_variant_dict_insert (&dict, "mode", "s", sti_mta_sts_mode_to_string (policy->mode));
            add_finding (findings, "mta-sts-mx-would-fail", g_variant_dict_end (&dict), detail);
            g_strv_builder_add (refused_builder, clean);
            n_refused++;
          }
      }
    }

  for (guint j = 0; policy->mx[j] != NULL; j++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < hosts->len && !used; i++)
        used = sti_mta_sts_mx_matches (policy->mx[j], g_ptr_array_index (hosts, i));

      if (!used && hosts->len > 0)
        {
          g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
          g_autofree char *detail = g_strdup_printf ("The mx pattern %s matches no MX host",
                                                     policy->mx[j]);

          g_variant_dict_insert (&dict, "pattern", "s", policy->mx[j]);
          add_finding (findings, "mta-sts-mx-pattern-unused", g_variant_dict_end (&dict), detail);
        }
    }

  refused = g_strv_builder_end (refused_builder);
  if (n_refused > 0)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *list = g_strjoinv (", ", refused);
      g_autofree char *detail = NULL;
      gboolean all = n_refused == hosts->len;

      if (policy->mode == STI_MTA_STS_MODE_ENFORCE)
        detail = g_strdup_printf ("In enforce mode, senders would refuse these MX hosts: %s%s",
                                  list, all ? " (all of them: mail cannot be delivered)" : "");
      else
        detail = g_strdup_printf ("If the policy were in enforce mode, senders would refuse "
                                  "these MX hosts: %s%s",
                                  list, all ? " (all of them)" : "");

      g_variant_dict_insert (&dict, "hosts", "^as", refused);
      g_variant_dict_insert (&dict, "all", "b", all);
      g_variant_dict_insert (&dict, "mode", "s", sti_mta_sts_mode_to_string (policy->mode));
      g_variant_dict_insert (&dict, "fix_policy", "^as", fix_lines);
      add_finding (findings, "mta-sts-mx-refused", g_variant_dict_end (&dict), detail);
    }

  return g_steal_pointer (&findings);
}

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
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  utc = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();
  id = g_date_time_format (utc, "%Y%m%d%H%M%S");
  name = normalize_host (domain);

  return g_strdup_printf ("_mta-sts.%s. IN TXT \"v=STSv1; id=%s\"", name, id);
}

/**
 * sti_mta_sts_suggest_policy:
 * @mx_hosts: the MX host names the policy must allow
 * @mode: the mode to publish
 * @max_age: seconds; negative for one week
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
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new ("version: STSv1\n");

  if (max_age < 0)
    max_age = DEFAULT_SUGGESTED_MAX_AGE;
  max_age = MIN (max_age, STI_MTA_STS_MAX_AGE_LIMIT);

  g_string_append_printf (out, "mode: %s\n", sti_mta_sts_mode_to_string (mode));
  for (guint i = 0; mx_hosts != NULL && mx_hosts[i] != NULL; i++)
    {
      g_autofree char *host = normalize_host (mx_hosts[i]);
      gboolean dup = FALSE;

      for (guint j = 0; j < seen->len && !dup; j++)
        dup = g_str_equal (g_ptr_array_index (seen, j), host);
      if (dup || !is_valid_domain (host, FALSE))
        continue;

      g_string_append_printf (out, "mx: %s\n", host);
      g_ptr_array_add (seen, g_steal_pointer (&host));
    }
  g_string_append_printf (out, "max_age: %" G_GINT64_FORMAT "\n", max_age);

  return g_string_free (out, FALSE);
}
