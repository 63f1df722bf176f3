/* sti-mta-sts-policy.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts.h"
#include "sti-mta-sts-private.h"

#include "sti-text.h"

#include <string.h>

/* The policy file of RFC 8461 §3.2, read as a sender reads it: a loop over
 * the lines that hands each known key to its own function. Where the
 * grammar is stricter than what lenient senders accept, the policy is
 * accepted with a mta-sts-policy-nonstandard warning. */

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

/* What the lines read so far have said. */
typedef struct
{
  GPtrArray     *findings;     /* borrowed: where findings go */
  GHashTable    *said;         /* the nonstandard reasons already reported */
  GHashTable    *seen;         /* the keys already read */
  GStrvBuilder  *mx;
  guint          n_mx;
  guint          lineno;
  const char    *version;
  StiMtaStsMode  mode;
  gboolean       have_mode;
  gboolean       have_max_age;
  gint64         max_age;
} PolicyParser;

static void
policy_parser_init (PolicyParser *parser,
                    GPtrArray    *findings)
{
  memset (parser, 0, sizeof *parser);
  parser->findings = findings;
  parser->said = g_hash_table_new (g_str_hash, g_str_equal);
  parser->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser->mx = g_strv_builder_new ();
  parser->mode = STI_MTA_STS_MODE_NONE;
}

static void
policy_parser_clear (PolicyParser *parser)
{
  g_clear_pointer (&parser->said, g_hash_table_unref);
  g_clear_pointer (&parser->seen, g_hash_table_unref);
  g_clear_pointer (&parser->mx, g_strv_builder_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolicyParser, policy_parser_clear)

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

  sti_findings_add (findings, "mta-sts-policy-invalid", g_variant_dict_end (&dict), detail);
}

static void
policy_nonstandard (PolicyParser *parser,
                    const char   *reason)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *detail = NULL;

  if (g_hash_table_contains (parser->said, reason))
    return;
  g_hash_table_add (parser->said, (gpointer)reason);

  g_variant_dict_insert (&dict, "reason", "s", reason);
  g_variant_dict_insert (&dict, "line", "x", (gint64)parser->lineno);
  detail = g_strdup_printf ("MTA-STS policy accepted despite %s at line %u",
                            reason, parser->lineno);
  sti_findings_add (parser->findings, "mta-sts-policy-nonstandard", g_variant_dict_end (&dict),
                    detail);
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

/* Each key's function returns why the line makes the policy invalid, or
 * NULL when the value was taken. */

static const char *
parse_version (PolicyParser *parser,
               const char   *value)
{
  if (!g_str_equal (value, "STSv1"))
    return "bad-version";

  parser->version = "STSv1";
  return NULL;
}

static const char *
parse_mode (PolicyParser *parser,
            const char   *value)
{
  if (g_str_equal (value, "enforce"))
    parser->mode = STI_MTA_STS_MODE_ENFORCE;
  else if (g_str_equal (value, "testing"))
    parser->mode = STI_MTA_STS_MODE_TESTING;
  else if (g_str_equal (value, "none"))
    parser->mode = STI_MTA_STS_MODE_NONE;
  else
    return "bad-mode";

  parser->have_mode = TRUE;
  return NULL;
}

static const char *
parse_max_age (PolicyParser *parser,
               const char   *value)
{
  gsize digits = strspn (value, "0123456789");

  /* sts-policy-max-age-value = 1*10(DIGIT) */
  if (digits == 0 || digits != strlen (value) || digits > 10)
    return "bad-max-age";

  parser->max_age = g_ascii_strtoll (value, NULL, 10);
  if (parser->max_age > STI_MTA_STS_MAX_AGE_LIMIT)
    return "max-age-too-large";

  parser->have_max_age = TRUE;
  return NULL;
}

static const char *
parse_mx (PolicyParser *parser,
          const char   *value)
{
  g_autofree char *lower = NULL;

  if (!sts_is_valid_domain (value, TRUE))
    return "bad-mx-pattern";

  lower = g_ascii_strdown (value, -1);
  g_strv_builder_add (parser->mx, lower);
  parser->n_mx++;
  return NULL;
}

/* Unknown keys are ignored (§3.2), but their value must still be text
 * without control characters. */
static const char *
parse_extension (PolicyParser *parser,
                 const char   *value)
{
  if (value[0] == '\0')
    policy_nonstandard (parser, "empty-extension-value");
  return NULL;
}

typedef struct
{
  const char  *key;
  gboolean     repeatable;  /* a later line adds to the earlier ones */
  const char *(*parse) (PolicyParser *parser,
                        const char   *value);
} PolicyKey;

static const PolicyKey policy_keys[] = {
  { "version", FALSE, parse_version },
  { "mode",    FALSE, parse_mode },
  { "max_age", FALSE, parse_max_age },
  { "mx",      TRUE,  parse_mx },
};

static const PolicyKey *
find_policy_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (policy_keys); i++)
    {
      if (g_str_equal (key, policy_keys[i].key))
        return &policy_keys[i];
    }
  return NULL;
}

/* One `key: value` field. A repeated key keeps its first value. */
static const char *
parse_field (PolicyParser *parser,
             const char   *key,
             const char   *value)
{
  const PolicyKey *known;

  if (!is_policy_key (key))
    return "bad-key";

  known = find_policy_key (key);

  if (g_str_equal (key, "version") && parser->version == NULL &&
      g_hash_table_size (parser->seen) > 0)
    policy_nonstandard (parser, "version-not-first");

  if ((known == NULL || !known->repeatable) && g_hash_table_contains (parser->seen, key))
    {
      if (known != NULL)
        policy_nonstandard (parser, "duplicate-key");
      return NULL;
    }
  g_hash_table_add (parser->seen, g_strdup (key));

  if (known != NULL)
    return known->parse (parser, value);
  return parse_extension (parser, value);
}

/* One line, its terminator split off but for a CR. Returns why it makes
 * the policy invalid, or NULL; @line is then as the finding shows it. */
static const char *
parse_line (PolicyParser *parser,
            char         *line,
            gboolean      last)
{
  gsize len = strlen (line);
  const char *reason;
  char *colon;
  char *value;

  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';

  if (strchr (line, '\r') != NULL)
    return "bare-cr";
  for (gsize j = 0; j < len; j++)
    {
      if ((guchar)line[j] < 0x20 && line[j] != '\t')
        return "control-character";
    }

  g_strchomp (line);
  if (line[0] == '\0')
    {
      /* The last "line" after the final terminator is not a line. */
      if (!last)
        policy_nonstandard (parser, "blank-line");
      return NULL;
    }

  colon = strchr (line, ':');
  if (colon == NULL)
    return "line-without-colon";

  *colon = '\0';
  value = colon + 1;
  while (sts_is_wsp (*value))
    value++;
  reason = parse_field (parser, line, value);
  *colon = ':';

  return reason;
}

/* What makes a body unreadable before any line is looked at. */
static const char *
check_body (const char *data,
            gsize       len)
{
  if (len > STI_MTA_STS_POLICY_MAX_SIZE)
    return "too-large";
  if (len == 0)
    return "empty";
  if (memchr (data, '\0', len) != NULL)
    return "nul-byte";
  if (!g_utf8_validate (data, len, NULL))
    return "not-utf8";
  return NULL;
}

/* The required fields, once every line is read. */
static const char *
check_complete (PolicyParser *parser)
{
  if (parser->version == NULL)
    return "missing-version";
  if (!parser->have_mode)
    return "missing-mode";
  if (!parser->have_max_age)
    return "missing-max-age";
  if (parser->n_mx == 0 && parser->mode != STI_MTA_STS_MODE_NONE)
    return "missing-mx";
  return NULL;
}

/* A valid policy can still be weak: say so. */
static void
report_policy (StiMtaStsPolicy *policy,
               GPtrArray       *findings)
{
  if (policy->mode == STI_MTA_STS_MODE_TESTING)
    sti_findings_add (findings, "mta-sts-mode-testing", NULL,
                      "The policy is in testing mode: senders report failures but still deliver");
  else if (policy->mode == STI_MTA_STS_MODE_NONE)
    sti_findings_add (findings, "mta-sts-mode-none", NULL,
                      "The policy is in mode none: senders drop the policy");

  if (policy->max_age < STS_ONE_DAY && policy->mode != STI_MTA_STS_MODE_NONE)
    {
      g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *detail = g_strdup_printf ("max_age is %" G_GINT64_FORMAT " seconds",
                                                 policy->max_age);

      g_variant_dict_insert (&dict, "max_age", "x", policy->max_age);
      sti_findings_add (findings, "mta-sts-max-age-short", g_variant_dict_end (&dict), detail);
    }
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
  g_auto(PolicyParser) parser = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  StiMtaStsPolicy *policy;
  const char *reason;
  const char *data;
  guint n_lines;
  gsize len;

  g_return_val_if_fail (body != NULL, NULL);

  policy_parser_init (&parser, findings_out);
  data = g_bytes_get_data (body, &len);

  reason = check_body (data, len);
  if (reason != NULL)
    {
      policy_invalid (findings_out, reason, 0, NULL);
      return NULL;
    }

  text = g_strndup (data, len);
  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);

  for (guint i = 0; i < n_lines; i++)
    {
      parser.lineno = i + 1;
      reason = parse_line (&parser, lines[i], i + 1 == n_lines);
      if (reason != NULL)
        {
          policy_invalid (findings_out, reason, parser.lineno, lines[i]);
          return NULL;
        }
    }

  reason = check_complete (&parser);
  if (reason != NULL)
    {
      policy_invalid (findings_out, reason, 0, NULL);
      return NULL;
    }

  policy = g_atomic_rc_box_new0 (StiMtaStsPolicy);
  policy->mode = parser.mode;
  policy->max_age = parser.max_age;
  policy->mx = g_strv_builder_end (parser.mx);
  policy->body = g_bytes_ref (body);

  report_policy (policy, findings_out);

  return policy;
}
