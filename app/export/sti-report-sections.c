/* sti-report-sections.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-sections.h"

#include "sti-finding-detail.h"
#include "sti-format.h"
#include "sti-host-report.h"
#include "sti-trust-store.h"

#include <glib/gi18n.h>
#include <string.h>

/* The helpers the exporters share, so that HTML, Markdown, PDF and the
 * comparison say the same things in the same words. */

static char **
dup_mx_hosts (StiDomainReport *report)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; i < hosts->len; i++)
    g_strv_builder_add (builder, sti_host_report_get_name (g_ptr_array_index (hosts, i)));
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * sti_report_get_finding_words:
 * @mta: a #StiMta, or %STI_MTA_ALL
 *
 * Fills @words (clear it with sti_finding_words_clear()) from the catalog,
 * with the report's domain, the finding's host and address and every MX
 * host name as context. The title names what the finding is about
 * (sti_located_finding_dup_title()).
 */
void
sti_report_get_finding_words (StiDomainReport *report,
                              StiFinding      *finding,
                              const char      *host,
                              const char      *address,
                              int              mta,
                              StiFindingWords *words)
{
  g_auto(GStrv) mx_hosts = dup_mx_hosts (report);
  StiExplainContext context = {
    sti_domain_report_get_domain (report),
    host,
    address,
    (const char * const *)mx_hosts,
  };
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, &context);
  StiLocatedFinding located = { finding, host, address };
  char *titled;

#define DUP_OR_EMPTY(s) g_strdup ((s) != NULL ? (s) : "")
  words->title = DUP_OR_EMPTY (sti_explanation_get_title (explanation));
  words->verdict = DUP_OR_EMPTY (sti_explanation_get_verdict (explanation));
  words->what = DUP_OR_EMPTY (sti_explanation_get_what (explanation));
  words->why = DUP_OR_EMPTY (sti_explanation_get_why (explanation));
  words->references = DUP_OR_EMPTY (sti_explanation_get_references (explanation));
#undef DUP_OR_EMPTY

  if (words->title[0] == '\0')
    {
      g_free (words->title);
      words->title = g_strdup (sti_finding_get_id (finding));
    }
  titled = sti_located_finding_dup_title (&located, words->title,
                                          sti_domain_report_get_domain (report));
  g_free (words->title);
  words->title = titled;

  words->n_fixes = 0;
  for (int i = STI_MTA_GENERIC; i < STI_N_MTAS; i++)
    {
      g_autofree char *label = NULL;
      const char *fix;

      if (i != STI_MTA_GENERIC && mta != STI_MTA_ALL && mta != i)
        continue;
      fix = sti_explanation_get_fix (explanation, (StiMta)i);
      if (fix == NULL || fix[0] == '\0')
        continue;
      if (i == STI_MTA_GENERIC)
        label = g_strdup (_("How to fix"));
      else if (mta != STI_MTA_ALL)
        label = g_strdup (sti_mta_get_label ((StiMta)i));
      /* Steps several servers share are printed once. */
      else if ((label = sti_explanation_dup_fix_group (explanation, (StiMta)i)) == NULL)
        continue;
      words->fix_labels[words->n_fixes] = g_steal_pointer (&label);
      words->fixes[words->n_fixes] = g_strdup (fix);
      words->n_fixes++;
    }
}

void
sti_finding_words_clear (StiFindingWords *words)
{
  g_clear_pointer (&words->title, g_free);
  g_clear_pointer (&words->verdict, g_free);
  g_clear_pointer (&words->what, g_free);
  g_clear_pointer (&words->why, g_free);
  g_clear_pointer (&words->references, g_free);
  for (guint i = 0; i < words->n_fixes; i++)
    {
      g_clear_pointer (&words->fix_labels[i], g_free);
      g_clear_pointer (&words->fixes[i], g_free);
    }
  words->n_fixes = 0;
}

static void
write_section (const char           *heading,
               const char           *text,
               StiReportHeadingFunc  heading_func,
               StiRichTextFunc       text_func,
               gpointer              user_data)
{
  if (text == NULL || text[0] == '\0')
    return;
  heading_func (heading, user_data);
  sti_report_split_rich_text (text, text_func, user_data);
}

/**
 * sti_finding_words_write_sections:
 *
 * Writes each non-empty section of the explanation, in the order every
 * exporter prints them: what it means, why it matters, each fix, the
 * references. Each is a heading, then its text (sti_report_split_rich_text()).
 */
void
sti_finding_words_write_sections (const StiFindingWords *words,
                                  StiReportHeadingFunc   heading_func,
                                  StiRichTextFunc        text_func,
                                  gpointer               user_data)
{
  write_section (_("What this means"), words->what, heading_func, text_func, user_data);
  write_section (_("Why it matters"), words->why, heading_func, text_func, user_data);
  for (guint i = 0; i < words->n_fixes; i++)
    write_section (words->fix_labels[i], words->fixes[i], heading_func, text_func, user_data);
  write_section (_("References"), words->references, heading_func, text_func, user_data);
}

/**
 * sti_report_explained_new:
 *
 * Returns: (transfer full): the count of findings explained so far, per
 *   id, for sti_finding_words_write_sections_once()
 */
GHashTable *
sti_report_explained_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * sti_finding_words_write_sections_once:
 * @explained: from sti_report_explained_new(), one per report written
 * @id: the finding's id
 *
 * As sti_finding_words_write_sections() for the first
 * %STI_REPORT_EXPLAINED_PER_ID findings of @id in a report; after them, one
 * line that refers to those. Thousands of findings of a few kinds (a large
 * site, a hostile server) then do not repeat the same pages of fixes.
 */
void
sti_finding_words_write_sections_once (const StiFindingWords *words,
                                       GHashTable            *explained,
                                       const char            *id,
                                       StiReportHeadingFunc   heading_func,
                                       StiRichTextFunc        text_func,
                                       gpointer               user_data)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (explained, id));

  if (n >= STI_REPORT_EXPLAINED_PER_ID)
    {
      text_func (FALSE, _("What this means and how to fix it: as for the findings of this kind "
                          "above."), user_data);
      return;
    }

  g_hash_table_insert (explained, g_strdup (id), GUINT_TO_POINTER (n + 1));
  sti_finding_words_write_sections (words, heading_func, text_func, user_data);
}

/**
 * sti_report_dup_observed:
 *
 * Returns: (transfer full) (nullable): "Observed: …" with the finding's
 *   technical detail, or %NULL when it has none
 */
char *
sti_report_dup_observed (StiFinding *finding)
{
  g_autofree char *detail = sti_finding_dup_detail_text (finding);

  if (detail == NULL || detail[0] == '\0')
    return NULL;
  /* Translators: %s is one line of technical detail about what was observed */
  return g_strdup_printf (_("Observed: %s"), detail);
}

/**
 * sti_report_dup_certificate_heading:
 *
 * Returns: (transfer full): sti_format_certificate_heading():
 *   "Certificate #0 (the server's own)", "Certificate #1", …
 */
char *
sti_report_dup_certificate_heading (guint position)
{
  return sti_format_certificate_heading (position);
}

/**
 * sti_report_dup_certificate_pem:
 * @cert: a certificate as the server sent it
 *
 * The PEM shown under a certificate, bounded like the lists a server
 * controls: real certificates are a few kilobytes, and one of 100 KB (5,000
 * names) would fill dozens of pages. The JSON keeps it whole (der_base64).
 *
 * Returns: (transfer full): the PEM, or a line that says why it is left out
 */
char *
sti_report_dup_certificate_pem (StiCertificate *cert)
{
  gsize size = g_bytes_get_size (sti_certificate_get_der (cert));
  g_autofree char *bytes = NULL;

  if (size <= STI_REPORT_PEM_MAX_DER)
    return sti_certificate_dup_pem (cert);

  bytes = g_strdup_printf ("%'" G_GSIZE_FORMAT, size);
  /* Translators: %s is a size in bytes, e.g. "110,054" */
  return g_strdup_printf (_("Not shown: the certificate is %s bytes long. The JSON report has "
                            "it whole."), bytes);
}

static void
clear_property (gpointer data)
{
  StiReportProperty *property = data;

  g_clear_pointer (&property->value, g_free);
}

static GArray *
new_properties (void)
{
  GArray *properties = g_array_new (FALSE, TRUE, sizeof (StiReportProperty));

  g_array_set_clear_func (properties, clear_property);
  return properties;
}

/* Takes @value. */
static void
add_property_take (GArray     *properties,
                   const char *label,
                   char       *value)
{
  StiReportProperty property = { label, value };

  g_array_append_val (properties, property);
}

/**
 * sti_report_properties_new:
 *
 * Returns: (transfer full) (element-type StiReportProperty): an empty list
 *   for sti_report_properties_add()
 */
GArray *
sti_report_properties_new (void)
{
  return new_properties ();
}

/* Takes @value (nullable: nothing to show). */
void
sti_report_properties_add (GArray     *properties,
                           const char *label,
                           char       *value)
{
  add_property_take (properties, label, value);
}

static void
add_property (GArray     *properties,
              const char *label,
              const char *value)
{
  add_property_take (properties, label, g_strdup (value));
}

/* Joins @strv with @separator; %NULL when there is nothing to join. */
static char *
join_or_null (const char * const *strv,
              const char         *separator)
{
  g_autofree char *joined = sti_format_bounded_list (strv, -1, separator, 0);

  return joined != NULL && joined[0] != '\0' ? g_steal_pointer (&joined) : NULL;
}

static const char *
yes_no (gboolean value)
{
  return value ? _("yes") : _("no");
}

/**
 * sti_report_dup_certificate_properties:
 *
 * Returns: (transfer full) (element-type StiReportProperty): what the
 *   exporters list about one certificate of a chain, in order
 */
GArray *
sti_report_dup_certificate_properties (StiCertificate *cert)
{
  GArray *properties = new_properties ();
  char *key;

  if (sti_certificate_get_curve (cert) != NULL)
    key = g_strdup_printf ("%s %s, %u bit", sti_certificate_get_public_key_algorithm (cert),
                           sti_certificate_get_curve (cert),
                           sti_certificate_get_public_key_bits (cert));
  else
    key = g_strdup_printf ("%s, %u bit", sti_certificate_get_public_key_algorithm (cert),
                           sti_certificate_get_public_key_bits (cert));

  add_property (properties, _("Subject"), sti_certificate_get_subject (cert));
  add_property (properties, _("Issuer"), sti_certificate_get_issuer (cert));
  add_property_take (properties, _("Names (SAN)"),
                     join_or_null (sti_certificate_get_dns_names (cert), ", "));
  add_property_take (properties, _("Valid from"),
                     sti_format_date_time (sti_certificate_get_not_before (cert)));
  add_property_take (properties, _("Valid until"),
                     sti_format_date_time (sti_certificate_get_not_after (cert)));
  add_property_take (properties, _("Key"), key);
  add_property (properties, _("Signature"), sti_certificate_get_signature_algorithm (cert));
  add_property (properties, _("Serial"), sti_certificate_get_serial (cert));
  add_property (properties, _("CA"), yes_no (sti_certificate_get_is_ca (cert)));
  add_property (properties, _("Self-signed"), yes_no (sti_certificate_get_is_self_signed (cert)));
  add_property_take (properties, _("SHA-256 fingerprint"),
                     sti_format_fingerprint (sti_certificate_get_sha256_fingerprint (cert)));
  add_property (properties, _("SPKI SHA-256"), sti_certificate_get_spki_sha256 (cert));
  return properties;
}

/**
 * sti_report_dup_endpoint_properties:
 * @caps_separator: what goes between two EHLO capabilities
 *
 * Returns: (transfer full) (element-type StiReportProperty): what the
 *   exporters list about one connection, in order
 */
GArray *
sti_report_dup_endpoint_properties (StiEndpointReport *endpoint,
                                    const char        *caps_separator)
{
  GArray *properties = new_properties ();

  add_property (properties, _("Host"), sti_endpoint_report_get_host (endpoint));
  add_property (properties, _("STARTTLS"), sti_report_describe_starttls (endpoint));
  add_property (properties, _("Last stage"),
                sti_stage_to_string (sti_endpoint_report_get_stage (endpoint)));
  add_property (properties, _("Greeting"), sti_endpoint_report_get_greeting (endpoint));
  add_property_take (properties, _("EHLO before TLS"),
                     join_or_null (sti_endpoint_report_get_caps_before (endpoint),
                                   caps_separator));
  add_property_take (properties, _("EHLO after TLS"),
                     join_or_null (sti_endpoint_report_get_caps_after (endpoint),
                                   caps_separator));
  add_property (properties, _("TLS version"), sti_endpoint_report_get_tls_version (endpoint));
  add_property (properties, _("Cipher suite"), sti_endpoint_report_get_cipher_suite (endpoint));
  add_property (properties, _("Key exchange group"), sti_endpoint_report_get_kx_group (endpoint));
  add_property (properties, _("Handshake signature"),
                sti_endpoint_report_get_signature_algorithm (endpoint));
  add_property (properties, _("Stapled OCSP"),
                yes_no (sti_endpoint_report_get_ocsp_response (endpoint) != NULL));
  add_property (properties, _("Certificate verified"),
                sti_endpoint_report_get_tls_established (endpoint)
                  ? yes_no (sti_endpoint_report_get_certificate_verified (endpoint))
                  : NULL);
  add_property (properties, _("Error"), sti_endpoint_report_get_error_detail (endpoint));
  add_property_take (properties, _("Without SNI"), sti_report_dup_without_sni (endpoint));
  return properties;
}

/**
 * sti_report_dup_without_sni:
 *
 * Returns: (transfer full) (nullable): what a sender that sends no SNI is
 *   shown, in a phrase; %NULL when that was not looked at
 */
char *
sti_report_dup_without_sni (StiEndpointReport *endpoint)
{
  StiSniComparison *without = sti_endpoint_report_get_without_sni (endpoint);
  StiCertificate *cert;
  g_autofree char *names = NULL;
  g_autofree char *problems = NULL;

  if (without == NULL)
    return NULL;
  if (!sti_sni_comparison_get_compared (without))
    /* Translators: %s says why the second connection (without SNI) showed
     * no certificate, e.g. "The server greeted with the temporary failure 421: …" */
    return g_strdup_printf (_("not compared: %s"),
                            sti_sni_comparison_get_detail (without) != NULL
                              ? sti_sni_comparison_get_detail (without)
                              : sti_sni_comparison_get_reason (without));
  if (sti_sni_comparison_get_same_certificate (without))
    return g_strdup (_("the same certificate"));

  cert = sti_sni_comparison_get_certificate (without);
  names = join_or_null (sti_certificate_get_dns_names (cert), ", ");
  if (names == NULL)
    names = g_strdup (sti_certificate_get_subject (cert));
  if (sti_sni_comparison_get_certificate_verified (without))
    /* Translators: %s names the certificate sent without SNI (its DNS names) */
    return g_strdup_printf (_("another certificate, for %s: also valid for this host"), names);
  problems = join_or_null (sti_sni_comparison_get_problems (without), ", ");
  /* Translators: %s names the certificate sent without SNI (its DNS names),
   * then come the ids of its problems (cert-name-mismatch, …) */
  return g_strdup_printf (_("another certificate, for %s: not valid for this host (%s)"),
                          names, problems != NULL ? problems : _("not verified"));
}

/**
 * sti_report_dup_timings:
 *
 * Returns: (transfer full) (element-type StiReportProperty): each stage of
 *   the SMTP dialogue with its duration (sti_format_duration()):
 *   connect, greeting, EHLO, STARTTLS, TLS handshake, total
 */
GArray *
sti_report_dup_timings (StiEndpointReport *endpoint)
{
  const StiTimings *timings = sti_endpoint_report_get_timings (endpoint);
  GArray *properties = new_properties ();

  add_property_take (properties, _("Connect"), sti_format_duration (timings->connect_us));
  add_property_take (properties, _("Greeting"),
                     sti_format_duration (timings->greeting_us));
  add_property_take (properties, _("EHLO"), sti_format_duration (timings->ehlo_us));
  add_property_take (properties, _("STARTTLS"),
                     sti_format_duration (timings->starttls_us));
  add_property_take (properties, _("TLS handshake"),
                     sti_format_duration (timings->handshake_us));
  add_property_take (properties, _("Total"), sti_format_duration (timings->total_us));
  return properties;
}

/**
 * sti_report_dup_title:
 *
 * Returns: (transfer full): "Mail encryption report for example.org"
 */
char *
sti_report_dup_title (StiDomainReport *report)
{
  /* Translators: %s is a mail domain */
  return g_strdup_printf (_("Mail encryption report for %s"),
                          sti_domain_report_get_domain_unicode (report));
}

/**
 * sti_report_dup_metadata:
 * @domain: how to show the domain
 *
 * Returns: (transfer full) (element-type StiReportProperty): what the
 *   exporters say about the check itself, in order
 */
GArray *
sti_report_dup_metadata (StiDomainReport *report,
                         const char      *domain)
{
  GArray *properties = new_properties ();

  add_property (properties, _("Domain"), domain);
  add_property (properties, _("Input"), sti_domain_report_get_input (report));
  add_property_take (properties, _("Started"),
                     sti_format_date_time (sti_domain_report_get_started_at (report)));
  add_property_take (properties, _("Finished"),
                     sti_format_date_time (sti_domain_report_get_finished_at (report)));
  add_property (properties, _("Resolver"), sti_domain_report_get_resolver (report));
  add_property_take (properties, _("Trust store"),
                     sti_trust_store_dup_description_text (
                       sti_domain_report_get_trust_store (report)));
  add_property (properties, _("Tool version"), sti_domain_report_get_tool_version (report));
  return properties;
}

/**
 * sti_report_dup_host_heading:
 *
 * Returns: (transfer full): "MX 10: mx1.example.org", or
 *   "example.org (implicit MX)" for a domain without MX record
 */
char *
sti_report_dup_host_heading (StiHostReport *host)
{
  if (sti_host_report_get_implicit (host))
    /* Translators: %s is a host name used as mail server because the domain has no MX record */
    return g_strdup_printf (_("%s (implicit MX)"), sti_host_report_get_name_unicode (host));
  /* Translators: MX preference and host name */
  return g_strdup_printf (_("MX %d: %s"), sti_host_report_get_preference (host),
                          sti_host_report_get_name_unicode (host));
}

/**
 * sti_report_dup_dns_result:
 *
 * Returns: (transfer full): "noerror (rcode 0)"
 */
char *
sti_report_dup_dns_result (StiDnsEvidence *item)
{
  return g_strdup_printf ("%s (rcode %d)", sti_dns_evidence_get_result (item),
                          sti_dns_evidence_get_rcode (item));
}

/**
 * sti_report_dup_dns_dnssec:
 *
 * Returns: (transfer full): "secure", or "bogus: why" when the validator
 *   said why
 */
char *
sti_report_dup_dns_dnssec (StiDnsEvidence *item)
{
  const char *status = sti_format_dnssec_status (sti_dns_evidence_get_dnssec (item));
  const char *why_bogus = sti_dns_evidence_get_why_bogus (item);

  if (why_bogus != NULL)
    return g_strdup_printf ("%s: %s", status, why_bogus);
  return g_strdup (status);
}

/**
 * sti_report_dup_generated:
 *
 * Returns: (transfer full): "Generated by STARTTLS Inspector 1.2."
 */
char *
sti_report_dup_generated (const char *tool_version)
{
  /* Translators: %s is a version number */
  return g_strdup_printf (_("Generated by STARTTLS Inspector %s."), tool_version);
}

/**
 * sti_report_split_rich_text:
 *
 * Splits a catalog text into paragraph lines and runs of command lines
 * (those starting with four spaces), calling @func for each in order.
 * Blank lines are dropped.
 */
void
sti_report_split_rich_text (const char      *text,
                            StiRichTextFunc  func,
                            gpointer         user_data)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) code = g_string_new (NULL);

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "    "))
        {
          if (code->len > 0)
            g_string_append_c (code, '\n');
          g_string_append (code, lines[i] + 4);
          continue;
        }
      if (code->len > 0)
        {
          func (TRUE, code->str, user_data);
          g_string_truncate (code, 0);
        }
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        func (FALSE, lines[i], user_data);
    }
  if (code->len > 0)
    func (TRUE, code->str, user_data);
}

/**
 * sti_report_dup_where:
 *
 * Returns: (transfer full): "mx1.example.org (192.0.2.25)", "mx1.example.org"
 *   or "the domain"
 */
char *
sti_report_dup_where (const char *host,
                      const char *address)
{
  if (host == NULL)
    return g_strdup (_("the domain"));
  if (address == NULL)
    return g_strdup (host);
  /* Translators: a host name and its IP address */
  return g_strdup_printf (_("%s (%s)"), host, address);
}

/**
 * sti_report_dup_endpoint_label:
 *
 * Returns: (transfer full): "192.0.2.25:25" or "[2001:db8::25]:25"
 */
char *
sti_report_dup_endpoint_label (StiEndpointReport *endpoint)
{
  const char *address = sti_endpoint_report_get_address (endpoint);

  if (g_strcmp0 (sti_endpoint_report_get_family (endpoint), "ipv6") == 0)
    return g_strdup_printf ("[%s]:%u", address, sti_endpoint_report_get_port (endpoint));
  return g_strdup_printf ("%s:%u", address, sti_endpoint_report_get_port (endpoint));
}

const char *
sti_report_describe_starttls (StiEndpointReport *endpoint)
{
  if (!sti_endpoint_report_get_reachable (endpoint))
    return _("Not reachable");
  if (sti_endpoint_report_get_tls_established (endpoint))
    {
      if (sti_endpoint_report_get_certificate_verified (endpoint))
        return _("STARTTLS, certificate verified");
      return _("STARTTLS, certificate not verified");
    }
  if (sti_endpoint_report_get_starttls_accepted (endpoint))
    return _("STARTTLS accepted, TLS handshake failed");
  if (sti_endpoint_report_get_starttls_offered (endpoint))
    return _("STARTTLS offered, not completed");
  if (sti_endpoint_report_stopped_before_starttls (endpoint))
    return _("Stopped before STARTTLS (not checked to the end)");
  return _("No STARTTLS: mail travels in plain text");
}

/**
 * sti_report_get_worst_severity:
 *
 * Returns: the highest severity of any finding; %STI_SEVERITY_INFO when
 *   there is none
 */
StiSeverity
sti_report_get_worst_severity (StiDomainReport *report)
{
  if (sti_domain_report_count_by_severity (report, STI_SEVERITY_ERROR) > 0)
    return STI_SEVERITY_ERROR;
  if (sti_domain_report_count_by_severity (report, STI_SEVERITY_WARNING) > 0)
    return STI_SEVERITY_WARNING;
  return STI_SEVERITY_INFO;
}

/* "604800 s (7 days)" */
static char *
format_max_age (gint64 max_age)
{
  g_autofree char *seconds = NULL;
  guint days;

  if (max_age < 0)
    return NULL;
  seconds = g_strdup_printf ("%" G_GINT64_FORMAT, max_age);
  days = (guint)MIN (max_age / (24 * 60 * 60), G_MAXUINT);
  if (days == 0 || max_age % (24 * 60 * 60) != 0)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%s s"), seconds);

  /* Translators: a duration in seconds, then the same in days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s s (%u day)", "%s s (%u days)", days),
                          seconds, days);
}

/* Verified, refused and why, or never received. */
static char *
describe_policy_certificate (StiMtaStsEvidence *sts)
{
  const char * const *errors = sti_mta_sts_evidence_get_certificate_errors (sts);
  g_autofree char *joined = join_or_null (errors, ", ");

  if (sti_mta_sts_evidence_get_certificates (sts)->len == 0)
    return g_strdup (_("none received"));
  if (sti_mta_sts_evidence_get_certificate_verified (sts))
    return g_strdup (_("verified"));
  if (joined == NULL)
    return g_strdup (_("not verified"));
  /* Translators: %s lists why the certificate was refused (unknown-ca, bad-identity, …) */
  return g_strdup_printf (_("refused: %s"), joined);
}

/**
 * sti_report_dup_mta_sts_suggested_max_age:
 *
 * Returns: (transfer full): the max_age the suggested policies carry, and
 *   where it comes from
 */
char *
sti_report_dup_mta_sts_suggested_max_age (StiMtaStsEvidence *sts)
{
  g_autofree char *value = format_max_age (sti_mta_sts_evidence_get_suggested_max_age (sts));
  const char *source = sti_mta_sts_evidence_get_suggested_max_age_source (sts);

  if (value == NULL)
    return NULL;
  if (g_str_equal (source, "observed"))
    /* Translators: %s is a max_age such as "604800 s (7 days)" */
    return g_strdup_printf (_("%s, as observed"), value);
  if (g_str_equal (source, "floor"))
    /* Translators: %s is a max_age such as "3600 s"; keep "max_age" */
    return g_strdup_printf (_("%s: the observed max_age is under a day, so one day"), value);
  /* Translators: %s is a max_age such as "3600 s"; keep "max_age" */
  return g_strdup_printf (_("%s: no max_age was observed, so one week"), value);
}

/**
 * sti_report_dup_mta_sts_properties:
 * @sts: the MTA-STS policy fetch of a report
 *
 * Returns: (transfer full) (element-type StiReportProperty): what the
 *   exporters list about the fetch, in order; the mx patterns, the body
 *   and the certificates come apart
 */
GArray *
sti_report_dup_mta_sts_properties (StiMtaStsEvidence *sts)
{
  GArray *properties = new_properties ();
  const char *mode = sti_mta_sts_evidence_get_mode (sts);
  guint status = sti_mta_sts_evidence_get_status (sts);

  add_property (properties, _("Policy URL"), sti_mta_sts_evidence_get_url (sts));
  add_property_take (properties, _("HTTP status"),
                     status != 0 ? g_strdup_printf ("%u", status) : g_strdup (_("no response")));
  add_property (properties, _("Content type"), sti_mta_sts_evidence_get_content_type (sts));
  add_property_take (properties, _("Policy host certificate"), describe_policy_certificate (sts));
  add_property (properties, _("Mode"), mode != NULL ? mode : _("no valid policy"));
  add_property_take (properties, _("max_age"),
                     format_max_age (sti_mta_sts_evidence_get_max_age (sts)));
  if (mode != NULL)
    {
      g_autofree char *unmatched =
        join_or_null (sti_mta_sts_evidence_get_unmatched_hosts (sts), ", ");

      add_property (properties, _("MX hosts not matched"),
                    unmatched != NULL ? unmatched : _("none"));
    }
  add_property_take (properties, _("Suggested max_age"),
                     sti_report_dup_mta_sts_suggested_max_age (sts));
  return properties;
}

/**
 * sti_report_dup_mta_sts_patterns:
 * @sts: the MTA-STS policy fetch of a report
 *
 * Returns: (transfer full) (element-type StiReportProperty): one entry per
 *   mx pattern of the policy, in file order: the pattern (the label,
 *   borrowed from @sts) and the MX hosts it matched
 */
GArray *
sti_report_dup_mta_sts_patterns (StiMtaStsEvidence *sts)
{
  GArray *patterns = new_properties ();

  for (guint i = 0; i < sti_mta_sts_evidence_get_n_patterns (sts); i++)
    {
      g_autofree char *matched =
        join_or_null (sti_mta_sts_evidence_get_pattern_matches (sts, i), ", ");

      add_property (patterns, sti_mta_sts_evidence_get_pattern (sts, i),
                    matched != NULL ? matched : _("no MX host"));
    }

  return patterns;
}

/**
 * sti_report_dup_policy_records_text:
 * @policy: a policy record of a report
 * @separator: what goes between two records ("; ", "\n")
 *
 * Returns: (transfer full): the records as published, each TLSA record
 *   with which certificate it matches, bounded as every list a server
 *   controls
 */
char *
sti_report_dup_policy_records_text (StiPolicyRecord *policy,
                                    const char      *separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; policy->records[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (policy->notes != NULL && policy->notes[i] != NULL && *policy->notes[i] != '\0')
        /* Translators: a DANE (TLSA) record, then which certificate it matches */
        line = g_strdup_printf (_("%s — %s"), policy->records[i], policy->notes[i]);
      g_strv_builder_add (builder, line != NULL ? line : policy->records[i]);
    }
  lines = g_strv_builder_end (builder);

  return sti_format_bounded_list ((const char * const *)lines, -1, separator, 0);
}

/**
 * sti_report_dup_host_not_checked:
 * @host: an MX host of a report
 *
 * Returns: (transfer full) (nullable): "Not checked: limit of 10 MX
 *   hosts" when @host fell beyond the MX cap, %NULL when it was checked
 */
char *
sti_report_dup_host_not_checked (StiHostReport *host)
{
  guint cap = sti_host_report_get_beyond_mx_cap (host);

  if (cap == 0)
    return NULL;
  /* Translators: %u is the most MX hosts a check looks at */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not checked: limit of %u MX host",
                                       "Not checked: limit of %u MX hosts", cap), cap);
}

/**
 * sti_report_get_mx_cap_hint:
 *
 * Returns: (transfer none): how to check more MX hosts, from the command
 *   line or the window, for the reports either may have written
 */
const char *
sti_report_get_mx_cap_hint (void)
{
  /* Translators: keep "--mx-cap", the command line option; the quoted name is the
   * preference in the window */
  return _("To check more, use --mx-cap or raise “Maximum number of mail servers” in "
           "Preferences.");
}
