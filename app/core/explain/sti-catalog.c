/* sti-catalog.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"

#include "sti-finding-registry.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The explanation of a finding (DESIGN.md, decision 4): the words of its
 * entry in the finding registry (sti-finding-registry.h) with the
 * placeholders filled. Each entry has a title, a one-line verdict, "what
 * this means", "why it matters", fixes (general steps, then per mail
 * server) and references.
 *
 * Texts contain placeholders in braces, filled from the finding's params
 * and the caller's context when explaining: {host} {domain} {address}
 * {mx_hosts} {certbot_domains} {cert_name} {names} {expected} {subject}
 * {issuer} {not_after} {not_before} {days} {bits} {algorithm} {stage}
 * {code} {reply} {reason} {time_limit} ... (see fill_template()). A value
 * that is not known becomes a generic word ("your mail server") in prose,
 * or an angle-bracket token ("<mx-host-name>") in a command line. Lines that
 * start with four spaces are commands or configuration.
 *
 * A fix for one mail server may be made of several whole paragraphs,
 * shared between entries; sentences are never assembled from pieces. */

/* The registry's fix targets are in the order of StiMta. */
G_STATIC_ASSERT (STI_N_MTAS == STI_FINDING_N_FIX_TARGETS);

struct _StiExplanation
{
  char        *id;
  gboolean     known;
  StiSeverity  severity;
  char        *title;
  char        *verdict;
  char        *detail;
  char        *what;
  char        *why;
  char        *fix[STI_N_MTAS];
  char        *references;
};

static const char *example_mx_hosts[] = { "mx1.example.org", "mx2.example.org", NULL };

/**
 * sti_catalog_list_ids:
 *
 * Returns: (transfer none): every finding id the registry explains, in the
 *   order of DESIGN.md, NULL-terminated
 */
const char * const *
sti_catalog_list_ids (void)
{
  return sti_finding_registry_list_ids (sti_finding_registry_get_default ());
}

gboolean
sti_catalog_has_entry (const char *id)
{
  return sti_finding_lookup (id) != NULL;
}

static const StiFindingEntry *
words_for (const char *id)
{
  const StiFindingEntry *entry = sti_finding_lookup (id);

  return entry != NULL ? entry
                       : sti_finding_registry_get_fallback (sti_finding_registry_get_default ());
}

/**
 * sti_catalog_get_default_severity:
 * @id: a finding id
 *
 * Returns: the severity the registry gives @id without parameters (a
 *   finding's own severity wins when shown); %STI_SEVERITY_WARNING for
 *   unknown ids
 */
StiSeverity
sti_catalog_get_default_severity (const char *id)
{
  return sti_finding_entry_get_severity (words_for (id), NULL);
}

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
static char *
fill_template (const char *text,
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

static gboolean
needs_sanitizing (const char *str)
{
  if (!g_utf8_validate (str, -1, NULL))
    return TRUE;

  for (const char *p = str; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f)
        return TRUE;
    }

  return FALSE;
}

/* Values from the model are sanitized already (sti_text_sanitize() is not
 * idempotent: it doubles backslashes), so only raw text is cleaned here. */
static void
set_value (GHashTable *values,
           const char *key,
           const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_hash_table_insert (values, g_strdup (key),
                       needs_sanitizing (value) ? sti_text_sanitize_str (value) : g_strdup (value));
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

static const char *
reason_label (const char *reason)
{
  static const struct {
    const char *reason;
    const char *label;
  } labels[] = {
    /* Translators: why a certificate chain is not trusted */
    { "signer-not-found",           N_("the issuer was not found") },
    { "signer-not-ca",              N_("the issuer is not a CA") },
    { "signature-failure",          N_("a signature does not verify") },
    { "signer-constraints-failure", N_("the issuer's constraints are violated") },
    { "unknown-critical-extension", N_("an unknown critical extension") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].reason, reason))
        return _(labels[i].label);
    }

  return reason;
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return g_strdup (iso);

  utc = g_date_time_to_utc (dt);
  /* Translators: a date and time in UTC, see g_date_time_format() */
  return g_date_time_format (utc, _("%Y-%m-%d %H:%M UTC"));
}

static char *
format_timeout (gint64 ms)
{
  if (ms >= 1000 && ms % 1000 == 0 && ms / 1000 < G_MAXINT)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int)(ms / 1000));

  /* Translators: a duration in milliseconds */
  return g_strdup_printf (_("%.0f ms"), (double)ms);
}

/* Suggested records and policy files ("fix_record", "fix_policy",
 * "fix_records"): lines stay lines, each one sanitized. */
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
      g_ptr_array_add (lines, needs_sanitizing (input[i]) ? sti_text_sanitize_str (input[i])
                                                          : g_strdup (input[i]));
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

  if (g_str_has_prefix (key, "fix_"))
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
        g_ptr_array_add (shown, (gpointer)(g_str_equal (key, "reasons") ? reason_label (strv[i])
                                                                         : strv[i]));
      g_ptr_array_add (shown, NULL);
      text = g_strjoinv (", ", (char **)shown->pdata);
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
  else if (g_str_equal (key, "not_after") || g_str_equal (key, "not_before") ||
           g_str_equal (key, "revoked_at"))
    {
      g_autofree char *date = format_date (text);

      set_value (values, key, date);
    }
  else if (g_str_equal (key, "timeout_ms"))
    {
      gint64 ms = g_ascii_strtoll (text, NULL, 10);
      g_autofree char *timeout = format_timeout (ms);

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
      if (mx_hosts[i][0] == '\0' || needs_sanitizing (mx_hosts[i]))
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

static GHashTable *
build_values (const StiFindingEntry   *entry,
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
      if (!needs_sanitizing (mx_hosts[0]))
        set_value (values, "cert_name", mx_hosts[0]);
      add_policy_values (values, id, mx_hosts);
    }
  else
    add_policy_values (values, id, NULL);

  return values;
}

static StiExplanation *
explain (const char              *id,
         StiSeverity              severity,
         gboolean                 have_severity,
         GVariant                *params,
         const char              *detail,
         const StiExplainContext *context)
{
  const StiFindingEntry *entry = sti_finding_lookup (id);
  const StiFindingEntry *words = words_for (id);
  g_autoptr(GHashTable) values = build_values (entry, id, params, detail, context);
  StiExplanation *self = g_new0 (StiExplanation, 1);

  self->id = g_strdup (id);
  self->known = entry != NULL;
  self->severity = have_severity ? severity : sti_finding_entry_get_severity (words, NULL);
  self->title = fill_template (sti_finding_entry_get_title (words), values);
  self->verdict = fill_template (sti_finding_entry_get_verdict (words), values);
  self->detail = g_strdup (detail);
  self->what = fill_template (sti_finding_entry_get_what (words), values);
  self->why = fill_template (sti_finding_entry_get_why (words), values);
  self->references = fill_template (sti_finding_entry_get_references (words), values);

  for (guint mta = 0; mta < STI_N_MTAS; mta++)
    {
      GString *fix = g_string_new (NULL);
      const char *text;

      for (guint i = 0; (text = sti_finding_entry_get_fix (words, mta, i)) != NULL; i++)
        {
          g_autofree char *paragraph = fill_template (text, values);

          if (fix->len > 0)
            g_string_append (fix, "\n\n");
          g_string_append (fix, paragraph);
        }

      self->fix[mta] = g_string_free (fix, FALSE);
    }

  return self;
}

/**
 * sti_catalog_explain:
 * @finding: a finding
 * @context: (nullable): what the finding is about, from the report
 *
 * Fills the catalog's words for @finding with its params and @context.
 * Unknown values become generic words; no placeholder survives. Unknown
 * ids get the generic explanation (sti_explanation_is_known() is %FALSE).
 * The finding's own severity is kept.
 *
 * Returns: (transfer full): the explanation
 */
StiExplanation *
sti_catalog_explain (StiFinding              *finding,
                     const StiExplainContext *context)
{
  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  return explain (sti_finding_get_id (finding), sti_finding_get_severity (finding), TRUE,
                  sti_finding_get_params (finding), sti_finding_get_detail (finding), context);
}

/**
 * sti_catalog_explain_id:
 * @id: a finding id
 * @context: (nullable): values to use; missing ones get example values
 *
 * The explanation of @id with example values (example.org, documentation
 * addresses), for `explain ID` and for browsing the catalog.
 *
 * Returns: (transfer full): the explanation
 */
StiExplanation *
sti_catalog_explain_id (const char              *id,
                        const StiExplainContext *context)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  StiExplainContext example = {
    .domain = "example.org",
    .host = "mx1.example.org",
    .address = "192.0.2.25",
    .mx_hosts = example_mx_hosts,
  };
  const StiFindingEntry *entry = sti_finding_lookup (id);
  const char * const *examples =
    sti_finding_registry_get_examples (sti_finding_registry_get_default ());
  g_autoptr(GVariant) params = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (context != NULL)
    {
      if (context->domain != NULL)
        example.domain = context->domain;
      if (context->host != NULL)
        example.host = context->host;
      if (context->address != NULL)
        example.address = context->address;
      if (context->mx_hosts != NULL && context->mx_hosts[0] != NULL)
        example.mx_hosts = context->mx_hosts;
    }

  /* The general examples, then the finding's own, which win. */
  for (guint i = 0; examples[i] != NULL; i += 2)
    g_variant_dict_insert (&dict, examples[i], "s", examples[i + 1]);
  examples = entry != NULL ? sti_finding_entry_get_examples (entry) : NULL;
  for (guint i = 0; examples != NULL && examples[i] != NULL; i += 2)
    g_variant_dict_insert (&dict, examples[i], "s", examples[i + 1]);
  if (!g_variant_dict_contains (&dict, "host"))
    g_variant_dict_insert (&dict, "host", "s",
                           entry != NULL && sti_finding_entry_get_host_is_domain (entry)
                             ? example.domain : example.host);
  g_variant_dict_insert (&dict, "address", "s", example.address);
  params = g_variant_ref_sink (g_variant_dict_end (&dict));

  return explain (id, STI_SEVERITY_INFO, FALSE, params, NULL, &example);
}

const char *
sti_explanation_get_id (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/* FALSE: the id is not in the catalog and the generic words were used. */
gboolean
sti_explanation_is_known (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->known;
}

StiSeverity
sti_explanation_get_severity (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, STI_SEVERITY_INFO);
  return self->severity;
}

const char *
sti_explanation_get_title (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
sti_explanation_get_verdict (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->verdict;
}

/* The finding's one-line technical detail, or NULL (sti_catalog_explain_id()). */
const char *
sti_explanation_get_detail (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->detail;
}

const char *
sti_explanation_get_what (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->what;
}

const char *
sti_explanation_get_why (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->why;
}

/**
 * sti_explanation_get_fix:
 * @self: an explanation
 * @mta: %STI_MTA_GENERIC for the general steps, or a mail server
 *
 * Returns: (transfer none): the steps, never empty
 */
const char *
sti_explanation_get_fix (StiExplanation *self,
                         StiMta          mta)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta >= STI_MTA_GENERIC && mta < STI_N_MTAS, NULL);
  return self->fix[mta];
}

const char *
sti_explanation_get_references (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->references;
}

static void
append_indented (GString    *out,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        g_string_append (out, "  ");
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
}

static void
append_section (GString    *out,
                const char *heading,
                const char *text)
{
  g_string_append_c (out, '\n');
  g_string_append (out, heading);
  g_string_append_c (out, '\n');
  append_indented (out, text);
}

/**
 * sti_explanation_dup_fix_group:
 * @self: an explanation
 * @mta: a mail server, not %STI_MTA_GENERIC
 *
 * For reports that give every server's steps: the servers whose steps are
 * the same text as @mta's, so they are printed once, e.g. "Postfix, Exim,
 * Sendmail, Microsoft Exchange".
 *
 * Returns: (transfer full) (nullable): the label for @mta's steps, or
 *   %NULL when @mta has none or an earlier server has the same steps
 */
char *
sti_explanation_dup_fix_group (StiExplanation *self,
                               StiMta          mta)
{
  g_autoptr(GString) label = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta > STI_MTA_GENERIC && mta < STI_N_MTAS, NULL);

  if (self->fix[mta] == NULL || self->fix[mta][0] == '\0')
    return NULL;
  for (int i = STI_MTA_GENERIC + 1; i < (int)mta; i++)
    {
      if (g_strcmp0 (self->fix[i], self->fix[mta]) == 0)
        return NULL;
    }

  label = g_string_new (sti_mta_get_label (mta));
  for (int i = mta + 1; i < STI_N_MTAS; i++)
    {
      if (g_strcmp0 (self->fix[i], self->fix[mta]) == 0)
        /* Translators: the separator between mail server names, "Postfix, Exim" */
        g_string_append_printf (label, _(", %s"), sti_mta_get_label ((StiMta)i));
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * sti_explanation_to_text:
 * @self: an explanation
 * @mta: the mail server to give steps for, or %STI_MTA_ALL
 *
 * A plain text block for the CLI and text reports. The general steps are
 * always included; @mta adds one server's steps, %STI_MTA_ALL all of them.
 *
 * Returns: (transfer full): the text
 */
char *
sti_explanation_to_text (StiExplanation *self,
                         StiMta          mta)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta >= STI_MTA_ALL && mta < STI_N_MTAS, NULL);

  out = g_string_new (NULL);
  g_string_append (out, self->title);
  g_string_append_c (out, '\n');
  /* Translators: the first %s is a severity (Error, Warning, Information), the second a
   * finding id */
  g_string_append_printf (out, _("%s · %s"), sti_severity_get_label (self->severity), self->id);
  g_string_append_c (out, '\n');
  g_string_append (out, self->verdict);
  g_string_append_c (out, '\n');
  if (self->detail != NULL && self->detail[0] != '\0')
    {
      /* Translators: %s is one line of technical detail about what was observed */
      g_string_append_printf (out, _("Observed: %s"), self->detail);
      g_string_append_c (out, '\n');
    }

  append_section (out, _("What this means"), self->what);
  append_section (out, _("Why it matters"), self->why);
  append_section (out, _("How to fix"), self->fix[STI_MTA_GENERIC]);

  for (int i = STI_MTA_GENERIC + 1; i < STI_N_MTAS; i++)
    {
      g_autofree char *label = NULL;

      if (mta == STI_MTA_ALL)
        {
          /* Steps several servers share are printed once. */
          if ((label = sti_explanation_dup_fix_group (self, (StiMta)i)) != NULL)
            append_section (out, label, self->fix[i]);
        }
      else if (mta == (StiMta)i)
        append_section (out, sti_mta_get_label ((StiMta)i), self->fix[i]);
    }

  append_section (out, _("References"), self->references);

  return g_string_free (out, FALSE);
}

void
sti_explanation_free (StiExplanation *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->title);
  g_free (self->verdict);
  g_free (self->detail);
  g_free (self->what);
  g_free (self->why);
  for (guint i = 0; i < STI_N_MTAS; i++)
    g_free (self->fix[i]);
  g_free (self->references);
  g_free (self);
}

static const struct {
  StiMta      mta;
  const char *name;
  const char *label;
} mta_names[] = {
  /* Translators: heading of the fix steps that apply to every mail server */
  { STI_MTA_GENERIC,  "generic",  N_("General steps") },
  { STI_MTA_POSTFIX,  "postfix",  N_("Postfix") },
  { STI_MTA_EXIM,     "exim",     N_("Exim") },
  { STI_MTA_SENDMAIL, "sendmail", N_("Sendmail") },
  { STI_MTA_EXCHANGE, "exchange", N_("Microsoft Exchange") },
  /* Translators: fix steps when a provider runs the mail server */
  { STI_MTA_HOSTED,   "hosted",   N_("Hosted mail (your provider runs the server)") },
};

/* The stable token (CLI option values, settings): "postfix", "hosted"… */
const char *
sti_mta_to_string (StiMta mta)
{
  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (mta_names[i].mta == mta)
        return mta_names[i].name;
    }

  return mta == STI_MTA_ALL ? "all" : NULL;
}

gboolean
sti_mta_from_string (const char *str,
                     StiMta     *mta)
{
  g_return_val_if_fail (mta != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (str, "all") == 0)
    {
      *mta = STI_MTA_ALL;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (g_ascii_strcasecmp (mta_names[i].name, str) == 0)
        {
          *mta = mta_names[i].mta;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sti_mta_get_label (StiMta mta)
{
  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (mta_names[i].mta == mta)
        return _(mta_names[i].label);
    }

  /* Translators: all mail servers */
  return mta == STI_MTA_ALL ? _("All mail servers") : NULL;
}

const char *
sti_severity_get_label (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_INFO:
      /* Translators: a severity */
      return _("Information");
    case STI_SEVERITY_WARNING:
      /* Translators: a severity */
      return _("Warning");
    case STI_SEVERITY_ERROR:
      /* Translators: a severity */
      return _("Error");
    default:
      return _("Unknown");
    }
}
