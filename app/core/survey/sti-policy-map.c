/* sti-policy-map.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-policy-map.h"

#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-readiness.h"
#include "sti-text.h"
#include "sti-verdict.h"

#include <glib/gi18n.h>
#include <string.h>

/* A Postfix smtp_tls_policy_maps table (postconf(5)): each domain gets
 * the strictest level that delivers today, from the readiness the
 * verdict decides (sti-readiness.c):
 *   dane-only   a DNSSEC-signed TLSA record matches an MX host
 *   secure      a certificate valid for the MX name; "match=" names the
 *               MX hosts, since "secure" does not trust the MX lookup:
 *               ".example.org" for hosts under the domain (a pattern with
 *               a leading dot matches its subdomains), the domain itself
 *               for an implicit MX, any other host by its name
 *   encrypt     TLS, with no certificate that verifies
 *   may         no TLS the senders complete: these domains would fail at
 *               "encrypt", and the comment says what they lack
 * Domains that could not be judged get a comment and no entry, so the
 * table's default applies. Every comment is a line of its own: postmap
 * takes "#" only at the start of a line. Entries are written as they come
 * (to a stream, or a string); only the counts for the closing lines are
 * kept. */

typedef enum
{
  KIND_DANE_ONLY,
  KIND_SECURE,
  KIND_ENCRYPT,
  KIND_MAY,
  KIND_NONE,
  N_KINDS,
} Kind;

struct _StiPolicyMap
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *text;
  GError        *error;
  guint64        counts[N_KINDS];
};

G_DEFINE_FINAL_TYPE (StiPolicyMap, sti_policy_map, G_TYPE_OBJECT)

static void
sti_policy_map_dispose (GObject *object)
{
  StiPolicyMap *self = (StiPolicyMap *)object;

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (sti_policy_map_parent_class)->dispose (object);
}

static void
sti_policy_map_finalize (GObject *object)
{
  StiPolicyMap *self = (StiPolicyMap *)object;

  g_string_free (self->text, TRUE);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sti_policy_map_parent_class)->finalize (object);
}

static void
sti_policy_map_class_init (StiPolicyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_policy_map_dispose;
  object_class->finalize = sti_policy_map_finalize;
}

static void
sti_policy_map_init (StiPolicyMap *self)
{
  self->text = g_string_new (NULL);
}

/* A lookup key or a match pattern: a DNS name in its ASCII form. Anything
 * else (a report loaded from hostile JSON) could break the table's syntax. */
static gboolean
is_table_name (const char *name)
{
  gsize len = name != NULL ? strlen (name) : 0;

  if (len == 0 || len > 253 || name[0] == '.' || name[0] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (name[i]) && name[i] != '.' && name[i] != '-' && name[i] != '_')
      return FALSE;

  return TRUE;
}

/* One comment line: server text may hold anything, a line break too. */
static void
append_comment (GString    *out,
                const char *text)
{
  g_autofree char *clean = sti_text_sanitize_str (text);

  g_string_append (out, "# ");
  for (const char *p = clean; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
  g_string_append_c (out, '\n');
}

static char *
dup_lower_name (const char *name)
{
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == '.')
    len--;
  return g_ascii_strdown (name, len);
}

/**
 * sti_policy_map_dup_match:
 * @report: a domain's report
 *
 * Returns: (transfer full) (nullable): the "match=" value of a "secure"
 *   entry for @report's MX hosts, "mx1.example.net:.example.org"; %NULL
 *   when a host name cannot go into the table
 */
char *
sti_policy_map_dup_match (StiDomainReport *report)
{
  g_autofree char *domain = dup_lower_name (sti_domain_report_get_domain (report));
  g_autofree char *subdomains = g_strconcat (".", domain, NULL);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      g_autofree char *host = dup_lower_name (sti_host_report_get_name (g_ptr_array_index (hosts,
                                                                                           i)));
      const char *pattern = host;
      gboolean seen = FALSE;

      if (!is_table_name (host))
        return NULL;
      if (g_str_has_suffix (host, subdomains))
        pattern = subdomains;
      for (guint j = 0; j < patterns->len; j++)
        seen |= g_str_equal (g_ptr_array_index (patterns, j), pattern);
      if (!seen)
        g_ptr_array_add (patterns, g_strdup (pattern));
    }
  if (patterns->len == 0)
    return NULL;

  g_ptr_array_add (patterns, NULL);
  return g_strjoinv (":", (char **)patterns->pdata);
}

/* The words of the first answered address that fails at @level: the
 * verdict's line for it. */
static char *
dup_first_failure (StiDomainReport   *report,
                   StiReadinessLevel  level)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; endpoints != NULL && j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          g_autoptr(StiEndpointVerdict) verdict = sti_endpoint_verdict_new (endpoint, NULL);
          StiAnswer opportunistic = sti_endpoint_verdict_get_opportunistic (verdict);

          if (opportunistic == STI_ANSWER_UNKNOWN)
            continue;
          if (level == STI_READINESS_ENCRYPT && opportunistic != STI_ANSWER_YES)
            /* Translators: %s is a host name, then what a sender does there */
            return g_strdup_printf (_("%s: %s"), sti_endpoint_report_get_host (endpoint),
                                    sti_endpoint_verdict_get_opportunistic_text (verdict));
          if (level == STI_READINESS_VERIFY &&
              sti_endpoint_verdict_get_validating (verdict) != STI_ANSWER_YES)
            return g_strdup_printf (_("%s: %s"), sti_endpoint_report_get_host (endpoint),
                                    sti_endpoint_verdict_get_validating_text (verdict));
        }
    }

  return NULL;
}

/* "(1 of 3 addresses; a sender tries the others first)" when not every
 * address that answered passes. */
static void
append_partial (GString            *out,
                const StiReadiness *readiness,
                StiReadinessLevel   level)
{
  guint answered = readiness->passing[STI_READINESS_OPPORTUNISTIC];
  guint passing = readiness->passing[level];

  if (passing >= answered)
    return;
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "# Only %u of %u address passes; the others fail at "
                                       "this level and the sender moves on.\n",
                                       "# Only %u of %u addresses pass; the others fail at "
                                       "this level and the sender moves on.\n",
                                       passing),
                          passing, answered);
}

static Kind
append_not_judged (GString            *out,
                   const char         *domain,
                   const StiReadiness *readiness)
{
  g_autofree char *line = NULL;

  if (readiness->reach == STI_REACH_NO_MAIL_SERVER)
    /* Translators: %s is a domain; a comment in a Postfix table */
    line = g_strdup_printf (_("%s: no mail server to check (null MX, no such domain, or a DNS "
                              "failure); no entry."), domain);
  else if (readiness->reach == STI_REACH_TEMPORARY)
    /* Translators: %s is a domain; a comment in a Postfix table */
    line = g_strdup_printf (_("%s: every server stopped before STARTTLS (a 421, greylisting or "
                              "a tarpit); not judged, no entry. Check again later."), domain);
  else
    /* Translators: %s is a domain; a comment in a Postfix table */
    line = g_strdup_printf (_("%s: no mail server could be reached; not judged, no entry."),
                            domain);
  append_comment (out, line);

  return KIND_NONE;
}

static Kind
append_entry (GString         *out,
              StiDomainReport *report)
{
  const char *domain = sti_domain_report_get_domain (report);
  g_autofree char *key = is_table_name (domain) ? dup_lower_name (domain) : NULL;
  g_autofree char *reason = NULL;
  g_autofree char *match = NULL;
  g_autofree char *lacks = NULL;
  StiReadiness readiness;
  int level;

  if (key == NULL)
    {
      append_comment (out, _("An entry was left out: its domain is not a DNS name."));
      return KIND_NONE;
    }

  sti_readiness_judge (report, &readiness);
  level = sti_readiness_get_strictest (&readiness);
  if (level < 0)
    return append_not_judged (out, key, &readiness);

  if (sti_readiness_delivers (&readiness, STI_READINESS_DANE))
    {
      /* Translators: a comment in a Postfix table; %s is a domain */
      reason = g_strdup_printf (_("%s: DANE: a DNSSEC-signed TLSA record matches the "
                                  "certificate."), key);
      append_comment (out, reason);
      append_partial (out, &readiness, STI_READINESS_DANE);
      g_string_append_printf (out, "%s dane-only\n", key);
      return KIND_DANE_ONLY;
    }

  if (sti_readiness_delivers (&readiness, STI_READINESS_VERIFY) &&
      (match = sti_policy_map_dup_match (report)) != NULL)
    {
      /* Translators: a comment in a Postfix table; %s is a domain */
      reason = g_strdup_printf (_("%s: the certificates are valid for the MX host names; "
                                  "\"secure\" checks them against these names, not the MX "
                                  "lookup."), key);
      append_comment (out, reason);
      append_partial (out, &readiness, STI_READINESS_VERIFY);
      g_string_append_printf (out, "%s secure match=%s\n", key, match);
      return KIND_SECURE;
    }

  if (sti_readiness_delivers (&readiness, STI_READINESS_ENCRYPT))
    {
      g_autofree char *failure = dup_first_failure (report, STI_READINESS_VERIFY);

      /* Translators: a comment in a Postfix table; the first %s is a domain, the second
       * why no certificate verifies */
      reason = g_strdup_printf (_("%s: TLS works, but no certificate verifies (%s)"),
                                key, failure != NULL ? failure : "");
      append_comment (out, reason);
      append_partial (out, &readiness, STI_READINESS_ENCRYPT);
      g_string_append_printf (out, "%s encrypt\n", key);
      return KIND_ENCRYPT;
    }

  lacks = dup_first_failure (report, STI_READINESS_ENCRYPT);
  /* Translators: a comment in a Postfix table; the first %s is a domain, the second what
   * it lacks */
  reason = g_strdup_printf (_("%s: would fail at \"encrypt\": it lacks working STARTTLS (%s)"),
                            key, lacks != NULL ? lacks : "");
  append_comment (out, reason);
  g_string_append_printf (out, "%s may\n", key);
  return KIND_MAY;
}

/**
 * sti_policy_map_dup_entry:
 * @report: one domain's report
 *
 * Returns: (transfer full): @report's lines of the table: comments, and
 *   its entry unless it could not be judged
 */
char *
sti_policy_map_dup_entry (StiDomainReport *report)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), g_string_free (out, TRUE));

  append_entry (out, report);
  return g_string_free (out, FALSE);
}

static void
append_header (GString *out)
{
  append_comment (out, _("Postfix TLS policy table (smtp_tls_policy_maps), written by "
                         "STARTTLS Inspector from a survey."));
  append_comment (out, _("Each domain gets the strictest level that delivers today. Install "
                         "with: postmap hash:/etc/postfix/tls_policy"));
  append_comment (out, _("and in main.cf: smtp_tls_policy_maps = hash:/etc/postfix/tls_policy"));
}

static void
append_trailer (GString      *out,
                StiPolicyMap *self)
{
  g_autofree char *line = NULL;

  /* Translators: a comment in a Postfix table that counts its entries by level */
  line = g_strdup_printf (_("dane-only %llu, secure %llu, encrypt %llu, may %llu "
                            "(would fail at encrypt), not judged %llu."),
                          (unsigned long long)self->counts[KIND_DANE_ONLY],
                          (unsigned long long)self->counts[KIND_SECURE],
                          (unsigned long long)self->counts[KIND_ENCRYPT],
                          (unsigned long long)self->counts[KIND_MAY],
                          (unsigned long long)self->counts[KIND_NONE]);
  append_comment (out, line);
}

static void
flush (StiPolicyMap *self)
{
  if (self->stream == NULL || self->text->len == 0)
    return;
  if (self->error == NULL)
    g_output_stream_write_all (self->stream, self->text->str, self->text->len, NULL, NULL,
                               &self->error);
  g_string_truncate (self->text, 0);
}

StiPolicyMap *
sti_policy_map_new (void)
{
  StiPolicyMap *self = g_object_new (STI_TYPE_POLICY_MAP, NULL);

  append_header (self->text);
  return self;
}

/**
 * sti_policy_map_new_for_stream:
 * @stream: where each domain's lines go as they are added (blocking writes:
 *   a file, from the thread that adds)
 *
 * Returns: (transfer full): a table that keeps nothing but counts; close
 *   it with sti_policy_map_finish()
 */
StiPolicyMap *
sti_policy_map_new_for_stream (GOutputStream *stream)
{
  StiPolicyMap *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = sti_policy_map_new ();
  self->stream = g_object_ref (stream);
  flush (self);
  return self;
}

void
sti_policy_map_add (StiPolicyMap    *self,
                    StiDomainReport *report)
{
  g_return_if_fail (STI_IS_POLICY_MAP (self));
  g_return_if_fail (STI_IS_DOMAIN_REPORT (report));

  self->counts[append_entry (self->text, report)]++;
  flush (self);
}

/**
 * sti_policy_map_finish:
 *
 * Writes the closing lines to the stream.
 *
 * Returns: %FALSE with @error set when a write failed, now or before
 */
gboolean
sti_policy_map_finish (StiPolicyMap  *self,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (STI_IS_POLICY_MAP (self), FALSE);
  g_return_val_if_fail (self->stream != NULL, FALSE);

  append_trailer (self->text, self);
  flush (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  return g_output_stream_flush (self->stream, cancellable, error);
}

/**
 * sti_policy_map_to_string:
 *
 * Returns: (transfer full): the whole table, of a map made with
 *   sti_policy_map_new()
 */
char *
sti_policy_map_to_string (StiPolicyMap *self)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (STI_IS_POLICY_MAP (self), NULL);
  g_return_val_if_fail (self->stream == NULL, NULL);

  out = g_string_new (self->text->str);
  append_trailer (out, self);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
