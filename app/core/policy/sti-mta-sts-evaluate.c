/* sti-mta-sts-evaluate.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-mta-sts.h"
#include "sti-mta-sts-private.h"

#include "sti-format.h"
#include "sti-text.h"

#include <string.h>

/* A policy held against the MX hosts as probed (RFC 8461 §4 and §5):
 * which hosts it covers, which a sender following it would refuse. */


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

  p = sts_normalize_host (pattern);
  h = sts_normalize_host (mx_host);

  if (p[0] == '\0' || h[0] == '\0' || h[0] == '.')
    return FALSE;

  if (!g_str_has_prefix (p, "*."))
    return g_str_equal (p, h);

  dot = strchr (h, '.');
  if (dot == NULL || dot == h)
    return FALSE;

  return g_str_equal (p + 2, dot + 1);
}

/* Whether @policy has a pattern that matches @host. */
static gboolean
policy_covers (StiMtaStsPolicy *policy,
               const char      *host)
{
  for (guint j = 0; policy->mx[j] != NULL; j++)
    {
      if (sti_mta_sts_mx_matches (policy->mx[j], host))
        return TRUE;
    }

  return FALSE;
}

/* The distinct hosts of @mx_hosts that @pattern (or, without it, any
 * pattern of @policy) matches, or with @want %FALSE does not match;
 * normalized and sanitized, in order. */
static char **
select_hosts (const char * const *mx_hosts,
              const char         *pattern,
              StiMtaStsPolicy    *policy,
              gboolean            want)
{
  g_autoptr(GPtrArray) hosts = sts_distinct_hosts (mx_hosts);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < hosts->len; i++)
    {
      const char *host = g_ptr_array_index (hosts, i);
      gboolean matched = pattern != NULL ? sti_mta_sts_mx_matches (pattern, host)
                                         : policy_covers (policy, host);
      g_autofree char *clean = NULL;

      if (matched != want)
        continue;
      clean = sti_text_sanitize_str (host);
      g_strv_builder_add (builder, clean);
    }

  return g_strv_builder_end (builder);
}

/**
 * sti_mta_sts_matched_hosts:
 * @pattern: an mx pattern of a policy
 * @mx_hosts: the MX host names of the domain (trailing dots optional)
 *
 * Returns: (transfer full): the distinct MX hosts @pattern matches,
 *   normalized and sanitized, in the order of @mx_hosts
 */
char **
sti_mta_sts_matched_hosts (const char         *pattern,
                           const char * const *mx_hosts)
{
  g_return_val_if_fail (pattern != NULL, NULL);

  return select_hosts (mx_hosts, pattern, NULL, TRUE);
}

/**
 * sti_mta_sts_unmatched_hosts:
 * @policy: a parsed policy
 * @mx_hosts: the MX host names of the domain (trailing dots optional)
 *
 * Returns: (transfer full): the distinct MX hosts no mx pattern of
 *   @policy matches, normalized and sanitized: the hosts a sender
 *   following the policy refuses, whatever its mode
 */
char **
sti_mta_sts_unmatched_hosts (StiMtaStsPolicy    *policy,
                             const char * const *mx_hosts)
{
  g_return_val_if_fail (policy != NULL, NULL);

  return select_hosts (mx_hosts, NULL, policy, FALSE);
}

/* The MX host @clean is in none of the policy's patterns. */
static void
report_not_covered (StiMtaStsPolicy  *policy,
                    const char       *clean,
                    GStrv             fix_lines,
                    GPtrArray        *findings)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *patterns =
    sti_format_bounded_list ((const char * const *)policy->mx, -1, ", ", 0);
  g_autofree char *detail = g_strdup_printf ("MX %s matches none of the policy's mx "
                                             "patterns (%s)", clean, patterns);

  g_variant_dict_insert (&dict, "host", "s", clean);
  g_variant_dict_insert (&dict, "patterns", "^as", policy->mx);
  g_variant_dict_insert (&dict, "mode", "s", sti_mta_sts_mode_to_string (policy->mode));
  g_variant_dict_insert (&dict, "fix_policy", "^as", fix_lines);
  sti_findings_add (findings, "mta-sts-mx-not-covered", g_variant_dict_end (&dict), detail);
}

/* The reached endpoints of a covered @host that a sender would refuse:
 * no STARTTLS, or no valid certificate. Returns whether there were any. */
static gboolean
report_would_fail (StiMtaStsPolicy              *policy,
                   const char                   *host,
                   const char                   *clean,
                   const StiMtaStsEndpointFacts *endpoints,
                   gsize                         n_endpoints,
                   GPtrArray                    *findings)
{
  g_autoptr(GStrvBuilder) no_tls = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) bad_cert = g_strv_builder_new ();
  g_auto(GStrv) no_tls_v = NULL;
  g_auto(GStrv) bad_cert_v = NULL;
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *detail = NULL;
  guint n_failed = 0;

  for (gsize k = 0; k < n_endpoints; k++)
    {
      const StiMtaStsEndpointFacts *ep = &endpoints[k];
      g_autofree char *address = NULL;
      g_autofree char *ep_host = NULL;

      if (ep->host == NULL || !ep->reached)
        continue;
      ep_host = sts_normalize_host (ep->host);
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

  if (n_failed == 0)
    return FALSE;

  no_tls_v = g_strv_builder_end (no_tls);
  bad_cert_v = g_strv_builder_end (bad_cert);
  a = g_strjoinv (", ", no_tls_v);
  b = g_strjoinv (", ", bad_cert_v);
  detail = g_strdup_printf ("MX %s:%s%s%s%s", clean,
                            a[0] != '\0' ? " no STARTTLS at " : "", a,
                            b[0] != '\0' ? " no valid certificate at " : "", b);
  g_variant_dict_insert (&dict, "host", "s", clean);
  g_variant_dict_insert (&dict, "no_starttls", "^as", no_tls_v);
  g_variant_dict_insert (&dict, "bad_certificate", "^as", bad_cert_v);
  g_variant_dict_insert (&dict, "mode", "s", sti_mta_sts_mode_to_string (policy->mode));
  sti_findings_add (findings, "mta-sts-mx-would-fail", g_variant_dict_end (&dict), detail);

  return TRUE;
}

/* Patterns that match no MX host: stale, or a typo. */
static void
report_unused_patterns (StiMtaStsPolicy *policy,
                        GPtrArray       *hosts,
                        GPtrArray       *findings)
{
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
          sti_findings_add (findings, "mta-sts-mx-pattern-unused", g_variant_dict_end (&dict),
                            detail);
        }
    }
}

/* The sum of it: the hosts senders would refuse, and whether that is all. */
static void
report_refused (StiMtaStsPolicy *policy,
                GStrv            refused,
                guint            n_hosts,
                GStrv            fix_lines,
                GPtrArray       *findings)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *list = sti_format_bounded_list ((const char * const *)refused, -1, ", ", 0);
  g_autofree char *detail = NULL;
  gboolean all = g_strv_length (refused) == n_hosts;

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
  sti_findings_add (findings, "mta-sts-mx-refused", g_variant_dict_end (&dict), detail);
}

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
  g_autoptr(GPtrArray) hosts = NULL;
  g_autoptr(GStrvBuilder) refused_builder = g_strv_builder_new ();
  g_auto(GStrv) refused = NULL;
  g_autofree char *fix = NULL;
  g_auto(GStrv) fix_lines = NULL;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (endpoints != NULL || n_endpoints == 0, NULL);

  if (policy->mode == STI_MTA_STS_MODE_NONE)
    return g_steal_pointer (&findings);

  hosts = sts_distinct_hosts (mx_hosts);
  g_ptr_array_add (hosts, NULL);
  fix = sti_mta_sts_suggest_policy ((const char * const *)hosts->pdata, policy->mode,
                                    policy->max_age);
  fix_lines = g_strsplit (g_strchomp (fix), "\n", -1);
  g_ptr_array_set_size (hosts, hosts->len - 1);

  for (guint i = 0; i < hosts->len; i++)
    {
      const char *host = g_ptr_array_index (hosts, i);
      g_autofree char *clean = sti_text_sanitize_str (host);
      gboolean covered = policy_covers (policy, host);

      if (!covered)
        report_not_covered (policy, clean, fix_lines, findings);
      if (!covered ||
          report_would_fail (policy, host, clean, endpoints, n_endpoints, findings))
        g_strv_builder_add (refused_builder, clean);
    }

  report_unused_patterns (policy, hosts, findings);

  refused = g_strv_builder_end (refused_builder);
  if (refused[0] != NULL)
    report_refused (policy, refused, hosts->len, fix_lines, findings);

  return g_steal_pointer (&findings);
}
