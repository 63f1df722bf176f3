/* sti-placeholders.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-placeholders.h"

#include "sti-error-text.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The values of the placeholders in the registry's texts, in braces,
 * filled from the finding's params and the caller's context: {host}
 * {domain} {address} {mx_hosts} {certbot_domains} {cert_name} {names}
 * {expected} {subject} {issuer} {not_after} {not_before} {days} {bits}
 * {algorithm} {stage} {code} {reply} {reason} {time_limit} ... A value
 * that is not known becomes a generic word ("your mail server") in prose,
 * or an angle-bracket token ("<mx-host-name>") in a command line (the
 * registry's <placeholder> entries). Lines that start with four spaces
 * are commands or configuration. */

static const char *
fallback_value (const char *key,
                gboolean    code_line)
{
  const char *value = sti_finding_registry_get_placeholder (sti_finding_registry_get_default (),
                                                            key, code_line);

  if (value != NULL)
    return value;

  /* Translators: the value of a placeholder nobody knows */
  return code_line ? "<value>" : _("unknown");
}

/* One pass: values are never scanned again, so a value that happens to
 * contain braces (server text) stays as it is. */
/**
 * sti_placeholders_fill:
 * @text: (nullable): a registry text with placeholders
 * @values: from sti_placeholders_new()
 *
 * Returns: (transfer full) (nullable): @text with every placeholder
 *   replaced; an unknown value becomes a generic word in prose or an
 *   angle-bracket token in a command line
 */
char *
sti_placeholders_fill (const char *text,
                       GHashTable *values)
{
  GString *out;
  const char *p = text;
  gboolean code_line;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text) + 64);
  code_line = g_str_has_prefix (p, "    ");

  while (*p != '\0')
    {
      if (*p == '\n')
        {
          g_string_append_c (out, '\n');
          p++;
          code_line = g_str_has_prefix (p, "    ");
          continue;
        }

      if (*p == '{')
        {
          const char *end = p + 1;

          while (g_ascii_islower (*end) || g_ascii_isdigit (*end) || *end == '_' || *end == '-')
            end++;

          if (*end == '}' && end > p + 1)
            {
              g_autofree char *key = g_strndup (p + 1, end - p - 1);
              const char *value = g_hash_table_lookup (values, key);

              if (value == NULL)
                g_string_append (out, fallback_value (key, code_line));
              else if (strchr (value, '\n') == NULL)
                g_string_append (out, value);
              else
                {
                  /* A multi-line value: more command lines, or one prose line. */
                  g_auto(GStrv) lines = g_strsplit (value, "\n", -1);
                  g_autofree char *joined = g_strjoinv (code_line ? "\n    " : " ", lines);

                  g_string_append (out, joined);
                }
              p = end + 1;
              continue;
            }
        }

      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/* Values from the model are clean already, and sti_text_clean() leaves
 * clean text as it is (sti_text_sanitize() alone would double its
 * backslashes): only raw text changes here. */
static void
set_value (GHashTable *values,
           const char *key,
           const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_hash_table_insert (values, g_strdup (key), sti_text_clean (value));
}

static const char *
stage_label (const char *stage)
{
  StiStage value;

  if (!sti_stage_from_string (stage, &value))
    return stage;

  switch (value)
    {
    case STI_STAGE_PENDING:
      /* Translators: "… during {stage}": a stage of the SMTP dialogue */
      return _("the start");
    case STI_STAGE_RESOLVING:
      return _("the DNS lookups");
    case STI_STAGE_CONNECTING:
      return _("the connection set-up");
    case STI_STAGE_GREETING:
      return _("the greeting");
    case STI_STAGE_EHLO:
      return _("EHLO");
    case STI_STAGE_STARTTLS:
      return _("STARTTLS");
    case STI_STAGE_HANDSHAKE:
      return _("the TLS handshake");
    case STI_STAGE_VERIFYING:
      return _("the certificate checks");
    case STI_STAGE_DONE:
      return _("the end of the dialogue");
    default:
      return stage;
    }
}

/* A date param (ISO 8601) as the reports write dates. */
static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  if (dt == NULL)
    return g_strdup (iso);

  return sti_format_date_time (dt);
}

/* Suggested records and policy files ("fix_record", "fix_policy",
 * "fix_records") and PEM blocks ("complete_chain_pem"): lines stay lines,
 * each one sanitized (sti_finding_param_is_multiline()). */
static void
add_multiline_param (GHashTable *values,
                     const char *key,
                     GVariant   *value)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) input = NULL;
  g_autofree char *joined = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    input = g_strsplit (g_variant_get_string (value, NULL), "\n", -1);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    input = g_variant_dup_strv (value, NULL);
  else
    return;

  for (guint i = 0; input[i] != NULL; i++)
    {
      g_strchomp (input[i]);
      if (input[i][0] == '\0')
        continue;
      g_ptr_array_add (lines, sti_text_clean (input[i]));
    }
  if (lines->len == 0)
    return;

  g_ptr_array_add (lines, NULL);
  joined = g_strjoinv ("\n", (char **)lines->pdata);
  g_hash_table_insert (values, g_strdup (key), g_steal_pointer (&joined));
}

static void
add_param (GHashTable *values,
           const char *key,
           GVariant   *value)
{
  g_autofree char *text = NULL;

  if (sti_finding_param_is_multiline (key))
    {
      add_multiline_param (values, key, value);
      return;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    text = g_variant_dup_string (value, NULL);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();

      for (guint i = 0; strv[i] != NULL; i++)
        g_ptr_array_add (shown, (gpointer)(g_str_equal (key, "reasons") ? sti_error_text_get_reason (strv[i])
                                                                         : strv[i]));
      g_ptr_array_add (shown, NULL);
      text = sti_format_bounded_list ((const char * const *)shown->pdata, shown->len - 1,
                                      ", ", 0);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    text = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    text = g_strdup_printf ("%d", g_variant_get_int32 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    text = g_strdup_printf ("%u", g_variant_get_uint32 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
    text = g_strdup_printf ("%u", (guint)g_variant_get_uint16 (value));
  else
    return; /* booleans and others are not shown in texts */

  if (g_str_equal (key, "stage"))
    set_value (values, key, stage_label (text));
  else if (g_str_equal (key, "position") || g_str_has_suffix (key, "_position"))
    {
      /* Numbered as the chain tables and the details number them: "#2". */
      gint64 position = g_ascii_strtoll (text, NULL, 10);
      g_autofree char *number = position >= 0 && position <= G_MAXUINT
                                ? sti_format_certificate_number ((guint)position) : NULL;

      set_value (values, key, number != NULL ? number : text);
    }
  else if (g_str_equal (key, "not_after") || g_str_equal (key, "not_before") ||
           g_str_equal (key, "revoked_at"))
    {
      g_autofree char *date = format_date (text);

      set_value (values, key, date);
    }
  else if (g_str_equal (key, "timeout_ms"))
    {
      gint64 ms = g_ascii_strtoll (text, NULL, 10);
      g_autofree char *timeout = sti_format_timeout (ms);

      set_value (values, key, text);
      /* Its own name: the "timeout" param says which limit ("stage",
       * "total"), and the order of params must not decide the words. */
      if (ms > 0)
        set_value (values, "time_limit", timeout);
    }
  else
    set_value (values, key, text);
}

static char *
join_mx_hosts (const char * const *mx_hosts,
               const char         *prefix,
               const char         *separator)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; mx_hosts[i] != NULL; i++)
    {
      if (mx_hosts[i][0] == '\0' || !sti_text_is_clean (mx_hosts[i]))
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, prefix);
      g_string_append (out, mx_hosts[i]);
    }

  return g_string_free (out, FALSE);
}

/* Suggestions for the policy findings when the finding brings none. */
static void
add_policy_values (GHashTable         *values,
                   const char         *id,
                   const char * const *mx_hosts)
{
  const char *domain = g_hash_table_lookup (values, "domain");
  const char *host = g_hash_table_lookup (values, "host");

  if (mx_hosts != NULL && mx_hosts[0] != NULL)
    {
      g_autofree char *mx_lines = join_mx_hosts (mx_hosts, "mx: ", "\n");

      if (mx_lines[0] != '\0')
        {
          g_autofree char *policy = g_strdup_printf ("version: STSv1\nmode: testing\n%s\nmax_age: "
                                                     "604800",
                                                     mx_lines);

          g_hash_table_insert (values, g_strdup ("sts_mx_lines"), g_strdup (mx_lines));
          if (g_hash_table_lookup (values, "fix_policy") == NULL)
            g_hash_table_insert (values, g_strdup ("fix_policy"), g_steal_pointer (&policy));
        }
    }

  if (id == NULL || g_hash_table_lookup (values, "fix_record") != NULL || domain == NULL)
    {
      /* nothing to suggest */
    }
  else if (g_str_has_prefix (id, "mta-sts-"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");

      g_hash_table_insert (values, g_strdup ("fix_record"),
                           g_strdup_printf ("_mta-sts.%s. IN TXT \"v=STSv1; id=%s\"", domain,
                                            stamp));
    }
  else if (g_str_has_prefix (id, "tls-rpt-"))
    g_hash_table_insert (values, g_strdup ("fix_record"),
                         g_strdup_printf ("_smtp._tls.%s. IN TXT \"v=TLSRPTv1; "
                                          "rua=mailto:tls-reports@%s\"",
                                          domain, domain));

  if (id != NULL && host != NULL && g_str_has_prefix (id, "dane-") &&
      g_hash_table_lookup (values, "fix_records") == NULL)
    g_hash_table_insert (values, g_strdup ("fix_records"),
                         g_strdup_printf ("_25._tcp.%s. IN TLSA 3 1 1 <sha256-of-the-public-key>",
                                          host));
}

/**
 * sti_placeholders_new:
 * @entry: (nullable): the registry entry of @id, %NULL for an unknown id
 * @id: the finding id
 * @params: (nullable): the finding's params, an `a{sv}`
 * @detail: (nullable): the finding's detail
 * @context: (nullable): what the finding is about
 *
 * Returns: (transfer full): the values of the placeholders, by name, for
 *   sti_placeholders_fill(); values are sanitized
 */
GHashTable *
sti_placeholders_new (const StiFindingEntry   *entry,
                      const char              *id,
                      GVariant                *params,
                      const char              *detail,
                      const StiExplainContext *context)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *host;
  const char *domain;
  const char *mx_host_list[] = { NULL, NULL };
  const char * const *mx_hosts;

  set_value (values, "id", id);
  set_value (values, "detail", detail);

  if (params != NULL)
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, params);
      while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
        add_param (values, key, value);
    }

  /* The "host" param of a domain-level finding names the domain. */
  domain = context != NULL ? context->domain : NULL;
  if (domain == NULL && entry != NULL && sti_finding_entry_get_host_is_domain (entry))
    domain = g_hash_table_lookup (values, "host");
  set_value (values, "domain", domain);

  host = g_hash_table_lookup (values, "host");
  if (host == NULL && context != NULL)
    set_value (values, "host", context->host);
  if (g_hash_table_lookup (values, "host") == NULL)
    set_value (values, "host", g_hash_table_lookup (values, "expected"));
  host = g_hash_table_lookup (values, "host");

  if (g_hash_table_lookup (values, "expected") == NULL)
    set_value (values, "expected", host);
  if (g_hash_table_lookup (values, "name") == NULL)
    set_value (values, "name", host != NULL ? host : g_hash_table_lookup (values, "domain"));
  if (g_hash_table_lookup (values, "address") == NULL && context != NULL)
    set_value (values, "address", context->address);

  /* Certificate requests cover every MX name of the domain. */
  mx_hosts = context != NULL ? context->mx_hosts : NULL;
  if ((mx_hosts == NULL || mx_hosts[0] == NULL) && host != NULL)
    {
      mx_host_list[0] = host;
      mx_hosts = mx_host_list;
    }
  if (mx_hosts != NULL && mx_hosts[0] != NULL)
    {
      g_autofree char *prose = join_mx_hosts (mx_hosts, "", ", ");
      g_autofree char *comma = join_mx_hosts (mx_hosts, "", ",");
      g_autofree char *certbot = join_mx_hosts (mx_hosts, "-d ", " ");

      set_value (values, "mx_hosts", prose);
      set_value (values, "mx_hosts_comma", comma);
      set_value (values, "certbot_domains", certbot);
      if (sti_text_is_clean (mx_hosts[0]))
        set_value (values, "cert_name", mx_hosts[0]);
      add_policy_values (values, id, mx_hosts);
    }
  else
    add_policy_values (values, id, NULL);

  return values;
}
