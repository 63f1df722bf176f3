/* sti-checklist.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-checklist.h"

#include "sti-certificate.h"
#include "sti-chain-verify.h"
#include "sti-dns-evidence.h"
#include "sti-endpoint-report.h"
#include "sti-finding-detail.h"
#include "sti-finding-registry.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-host-report.h"

#include <glib/gi18n.h>
#include <string.h>

/* The list of checks made, as Internet.nl shows it: per domain and per
 * endpoint, each check passed, failed (by which findings) or not checked
 * (and why). Derived from the report model alone, so the window, every
 * export and a report loaded from JSON read the same list.
 *
 * "Passed" needs evidence that the check ran: a TLS check passes only
 * when a TLS session was made, a certificate check only when a chain was
 * received and its verification finished. Without that evidence the check
 * is "not checked", never "passed". */

/* One check: the findings that fail it (an exact id, or every id with a
 * prefix ending in '-'). */
typedef struct
{
  const char        *id;
  const char        *title;
  const char * const failing[10];
} CheckDef;

enum {
  CHECK_CONNECTION, CHECK_STARTTLS, CHECK_HANDSHAKE, CHECK_TLS_VERSION, CHECK_CIPHER,
  CHECK_FORWARD_SECRECY, CHECK_CHAIN_TRUSTED, CHECK_CHAIN_ORDER, CHECK_NAME, CHECK_KEY,
  CHECK_SIGNATURE, CHECK_EXPIRY, CHECK_REVOCATION, CHECK_DANE,
  CHECK_MX, CHECK_COVERAGE, CHECK_MTA_STS, CHECK_TLS_RPT,
};

static const CheckDef checks[] = {
  [CHECK_CONNECTION] = { "connection", N_("Server reachable and speaking SMTP"),
                         { "host-unreachable", "smtp-timeout", "smtp-temporary-failure",
                           "smtp-protocol-error" } },
  [CHECK_STARTTLS] = { "starttls", N_("STARTTLS offered and accepted"),
                       { "starttls-not-offered", "starttls-refused", "plaintext-injection" } },
  [CHECK_HANDSHAKE] = { "tls-handshake", N_("TLS handshake completed"),
                        { "tls-handshake-failed" } },
  [CHECK_TLS_VERSION] = { "tls-version", N_("TLS version"), { "tls-version-obsolete" } },
  [CHECK_CIPHER] = { "cipher", N_("Cipher strength"), { "tls-cipher-weak" } },
  [CHECK_FORWARD_SECRECY] = { "forward-secrecy", N_("Forward secrecy"),
                              { "tls-no-forward-secrecy" } },
  [CHECK_CHAIN_TRUSTED] = { "chain-verified", N_("Chain verified to a trusted root"),
                            { "cert-self-signed", "cert-untrusted-issuer",
                              "chain-missing-intermediate", "cert-not-for-server-auth" } },
  [CHECK_CHAIN_ORDER] = { "chain-order", N_("Chain sent in order, without extras"),
                          { "chain-wrong-order", "chain-includes-root", "chain-duplicate" } },
  [CHECK_NAME] = { "name-match", N_("Certificate names match the host"),
                   { "cert-name-mismatch" } },
  [CHECK_KEY] = { "key-strength", N_("Key strength"), { "cert-weak-key" } },
  [CHECK_SIGNATURE] = { "signature", N_("Signature algorithm"), { "cert-weak-signature" } },
  [CHECK_EXPIRY] = { "expiry", N_("Validity and expiry horizon"),
                     { "cert-expired", "cert-not-yet-valid", "cert-expiring-soon" } },
  [CHECK_REVOCATION] = { "revocation", N_("Revocation (OCSP)"),
                         { "cert-revoked", "ocsp-must-staple-missing" } },
  [CHECK_DANE] = { "dane", N_("DANE (TLSA records)"), { "dane-" } },
  [CHECK_MX] = { "mx", N_("MX records resolved"),
                 { "dns-nxdomain", "dns-servfail", "dns-timeout", "dns-resolver-failed",
                   "null-mx", "no-mx-implicit",
                   "mx-is-cname", "mx-is-ip-literal", "mx-target-missing", "dnssec-bogus" } },
  [CHECK_COVERAGE] = { "coverage", N_("Every MX host and address probed"), { NULL } },
  [CHECK_MTA_STS] = { "mta-sts", N_("MTA-STS"), { "mta-sts-" } },
  [CHECK_TLS_RPT] = { "tls-rpt", N_("TLS reporting (TLS-RPT)"), { "tls-rpt-" } },
};

static gboolean
fails (const CheckDef *def,
       const char     *finding_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (def->failing) && def->failing[i] != NULL; i++)
    {
      const char *id = def->failing[i];

      if (g_str_has_suffix (id, "-") ? g_str_has_prefix (finding_id, id)
                                     : g_str_equal (finding_id, id))
        return TRUE;
    }

  return FALSE;
}

static void
item_free (StiCheckItem *item)
{
  g_free (item->detail);
  g_strfreev (item->finding_ids);
  g_free (item);
}

static void
group_free (StiChecklistGroup *group)
{
  g_free (group->host);
  g_free (group->address);
  g_free (group->label);
  g_ptr_array_unref (group->items);
  g_free (group);
}

/* Adds the check @which; failed when one of @findings (any number of
 * arrays, %NULL-terminated) fails it, else as the caller judged. Returns
 * the item so the caller can fill it in when it is not failed. */
static StiCheckItem *
add_item (GPtrArray  *items,
          guint       which,
          GPtrArray  *findings,
          ...)
{
  StiCheckItem *item = g_new0 (StiCheckItem, 1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  StiFinding *worst = NULL;
  va_list args;

  item->id = checks[which].id;
  item->title = _(checks[which].title);
  item->status = STI_CHECK_NOT_CHECKED;

  va_start (args, findings);
  for (GPtrArray *list = findings; list != NULL; list = va_arg (args, GPtrArray *))
    for (guint i = 0; i < list->len; i++)
      {
        StiFinding *finding = g_ptr_array_index (list, i);
        const char *id = sti_finding_get_id (finding);

        if (!fails (&checks[which], id))
          continue;
        if (!g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
          {
            g_ptr_array_add (seen, (gpointer)id);
            g_strv_builder_add (ids, id);
          }
        if (worst == NULL || sti_finding_get_severity (finding) > sti_finding_get_severity (worst))
          worst = finding;
      }
  va_end (args);

  item->finding_ids = g_strv_builder_end (ids);
  if (worst != NULL)
    {
      item->status = STI_CHECK_FAILED;
      item->severity = sti_finding_get_severity (worst);
      item->detail = sti_finding_dup_detail_text (worst);
    }
  g_ptr_array_add (items, item);

  return item;
}

static void
judge (StiCheckItem   *item,
       StiCheckStatus  status,
       char           *detail)
{
  if (item->status == STI_CHECK_FAILED)
    {
      g_free (detail);
      return;
    }
  item->status = status;
  item->detail = detail;
}

#define pass(item, ...) judge (item, STI_CHECK_PASSED, g_strdup_printf (__VA_ARGS__))
#define skip(item, reason) judge (item, STI_CHECK_NOT_CHECKED, g_strdup (reason))

/* Why the TLS checks could not be made at @endpoint. */
static const char *
why_no_tls (StiEndpointReport *endpoint)
{
  if (!sti_endpoint_report_get_reachable (endpoint))
    return _("The server could not be reached.");
  if (!sti_endpoint_report_get_starttls_accepted (endpoint))
    return _("The dialogue ended before TLS started.");
  return _("The TLS handshake did not complete.");
}

static void
add_connection_checks (GPtrArray         *items,
                       StiEndpointReport *endpoint,
                       GPtrArray         *findings)
{
  gboolean tls = sti_endpoint_report_get_tls_established (endpoint);
  const char *version = sti_endpoint_report_get_tls_version (endpoint);
  const char *group = sti_endpoint_report_get_kx_group (endpoint);
  StiCheckItem *item;

  item = add_item (items, CHECK_CONNECTION, findings, NULL);
  if (sti_endpoint_report_get_reachable (endpoint) &&
      sti_endpoint_report_get_greeting (endpoint) != NULL)
    /* Translators: %u is a TCP port number */
    pass (item, _("Connected to port %u; the server greeted and answered."),
          sti_endpoint_report_get_port (endpoint));
  else
    skip (item, _("The probe did not finish."));

  item = add_item (items, CHECK_STARTTLS, findings, NULL);
  if (sti_endpoint_report_get_starttls_offered (endpoint) &&
      sti_endpoint_report_get_starttls_accepted (endpoint))
    pass (item, "%s", _("Offered in the EHLO reply and accepted with 220."));
  else if (!sti_endpoint_report_get_reachable (endpoint))
    skip (item, _("The server could not be reached."));
  else
    skip (item, _("The dialogue ended before STARTTLS."));

  item = add_item (items, CHECK_HANDSHAKE, findings, NULL);
  if (tls)
    /* Translators: %s is a protocol version like "TLS1.3" */
    pass (item, _("Encrypted with %s."), version != NULL ? version : "TLS");
  else
    skip (item, why_no_tls (endpoint));

  item = add_item (items, CHECK_TLS_VERSION, findings, NULL);
  if (tls && version != NULL)
    /* Translators: %s is a protocol version like "TLS1.3" */
    pass (item, _("%s negotiated."), version);
  else
    skip (item, why_no_tls (endpoint));

  item = add_item (items, CHECK_CIPHER, findings, NULL);
  if (tls && sti_endpoint_report_get_cipher_suite (endpoint) != NULL)
    pass (item, "%s", sti_endpoint_report_get_cipher_suite (endpoint));
  else
    skip (item, why_no_tls (endpoint));

  item = add_item (items, CHECK_FORWARD_SECRECY, findings, NULL);
  if (tls)
    /* Translators: %s is a key exchange group like "X25519" */
    pass (item, _("Ephemeral key exchange (%s)."), group != NULL ? group : "?");
  else
    skip (item, why_no_tls (endpoint));
}

/* Why the certificate checks could not be made, or %NULL when they were. */
static const char *
why_no_certificate (StiEndpointReport *endpoint)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);

  if (!sti_endpoint_report_get_tls_established (endpoint))
    return why_no_tls (endpoint);
  if (chain == NULL || chain->len == 0)
    return _("The server sent no certificate.");
  if (sti_endpoint_report_get_stage (endpoint) != STI_STAGE_DONE)
    return _("The verification did not finish.");
  return NULL;
}

/* Whether a finding other than the chain's own explains why verification
 * failed (then the chain itself may still be trusted). */
static gboolean
failure_explained (GPtrArray *findings)
{
  static const char * const blocking[] = {
    "cert-name-mismatch", "cert-expired", "cert-not-yet-valid", "cert-revoked",
    "cert-weak-key", "cert-weak-signature", NULL
  };

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_strv_contains (blocking, sti_finding_get_id (g_ptr_array_index (findings, i))))
      return TRUE;

  return FALSE;
}

static void
add_expiry_check (GPtrArray         *items,
                  StiEndpointReport *endpoint,
                  GPtrArray         *findings,
                  GDateTime         *checked_at,
                  const char        *why_not)
{
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  StiCheckItem *item = add_item (items, CHECK_EXPIRY, findings, NULL);
  GDateTime *earliest = NULL;
  g_autofree char *date = NULL;

  if (why_not != NULL)
    {
      skip (item, why_not);
      return;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      GDateTime *not_after = sti_certificate_get_not_after (g_ptr_array_index (chain, i));

      if (not_after != NULL && (earliest == NULL || g_date_time_compare (not_after, earliest) < 0))
        earliest = not_after;
    }

  date = earliest != NULL ? sti_format_date (earliest) : g_strdup ("?");
  if (earliest != NULL && checked_at != NULL)
    pass (item,
          /* Translators: a date, a number of days, and the warning window in days */
          _("Valid; the first certificate to expire does so on %s, in %lld "
            "days (warned %d days ahead)."),
          date, (long long)(g_date_time_difference (earliest, checked_at) / G_TIME_SPAN_DAY),
          STI_EXPIRING_WARNING_DAYS);
  else
    /* Translators: %s is a date */
    pass (item, _("Valid; the first certificate to expire does so on %s."), date);
}

static void
add_certificate_checks (GPtrArray         *items,
                        StiEndpointReport *endpoint,
                        GPtrArray         *findings,
                        GDateTime         *checked_at)
{
  const char *why_not = why_no_certificate (endpoint);
  GPtrArray *chain = sti_endpoint_report_get_chain (endpoint);
  StiCertificate *leaf = why_not == NULL ? g_ptr_array_index (chain, 0) : NULL;
  StiCheckItem *item;

  item = add_item (items, CHECK_CHAIN_TRUSTED, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else if (sti_endpoint_report_get_certificate_verified (endpoint))
    pass (item, "%s", _("The chain leads to a trusted root."));
  else if (failure_explained (findings))
    pass (item, "%s", _("The chain leads to a trusted root; the certificate fails another "
                        "check below."));
  else if (item->status != STI_CHECK_FAILED)
    {
      item->status = STI_CHECK_FAILED;
      item->severity = STI_SEVERITY_ERROR;
      item->detail = g_strdup (_("The verification failed, and no finding says why."));
    }

  item = add_item (items, CHECK_CHAIN_ORDER, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else
    /* Translators: %u is a number of certificates */
    pass (item, g_dngettext (GETTEXT_PACKAGE, "%u certificate sent, in order.",
                             "%u certificates sent, in order.", chain->len), chain->len);

  item = add_item (items, CHECK_NAME, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else
    /* Translators: %s is a host name */
    pass (item, _("The certificate is valid for %s."), sti_endpoint_report_get_host (endpoint));

  item = add_item (items, CHECK_KEY, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else
    /* Translators: a key type like "RSA" and its size in bits */
    pass (item, _("%s, %u bits."), sti_certificate_get_public_key_algorithm (leaf),
          sti_certificate_get_public_key_bits (leaf));

  item = add_item (items, CHECK_SIGNATURE, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else
    pass (item, "%s", sti_certificate_get_signature_algorithm (leaf));

  add_expiry_check (items, endpoint, findings, checked_at, why_not);

  item = add_item (items, CHECK_REVOCATION, findings, NULL);
  if (why_not != NULL)
    skip (item, why_not);
  else if (sti_endpoint_report_get_ocsp_response (endpoint) != NULL)
    pass (item, "%s", _("The server stapled an OCSP answer; it does not say revoked."));
  else
    skip (item, _("The server stapled no OCSP answer."));
}

static StiDnsEvidence *
find_tlsa (StiDomainReport *report,
           const char      *host)
{
  g_autofree char *qname = g_strdup_printf ("_25._tcp.%s", host);

  return sti_domain_report_find_dns_evidence (report, qname, "TLSA");
}

static void
add_dane_check (GPtrArray         *items,
                StiDomainReport   *report,
                StiEndpointReport *endpoint,
                GPtrArray         *findings)
{
  StiDnsEvidence *tlsa = find_tlsa (report, sti_endpoint_report_get_host (endpoint));
  StiCheckItem *item = add_item (items, CHECK_DANE, findings, NULL);
  const char * const *records = tlsa != NULL ? sti_dns_evidence_get_records (tlsa) : NULL;
  const char *why_not = why_no_certificate (endpoint);

  if (tlsa == NULL)
    skip (item, _("The TLSA records were not looked up."));
  else if (sti_dns_evidence_get_dnssec (tlsa) == STI_DNSSEC_BOGUS)
    {
      judge (item, STI_CHECK_FAILED,
             g_strdup (_("The TLSA answer fails DNSSEC validation.")));
      if (item->severity < STI_SEVERITY_ERROR)
        item->severity = STI_SEVERITY_ERROR;
    }
  else if (records == NULL || records[0] == NULL)
    skip (item, _("The host publishes no TLSA records."));
  else if (sti_dns_evidence_get_dnssec (tlsa) != STI_DNSSEC_SECURE)
    skip (item, _("TLSA records exist, but DNSSEC could not confirm them."));
  else if (why_not != NULL)
    skip (item, why_not);
  else
    pass (item, "%s", _("A DNSSEC-signed TLSA record matches the certificate."));
}

static StiChecklistGroup *
endpoint_group (StiDomainReport   *report,
                StiEndpointReport *endpoint)
{
  StiChecklistGroup *group = g_new0 (StiChecklistGroup, 1);
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);

  group->host = g_strdup (sti_endpoint_report_get_host (endpoint));
  group->address = g_strdup (sti_endpoint_report_get_address (endpoint));
  /* Translators: a host name and an address, "mx1.example.org at 192.0.2.25" */
  group->label = g_strdup_printf (_("%s at %s"), group->host, group->address);
  group->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);

  add_connection_checks (group->items, endpoint, findings);
  add_certificate_checks (group->items, endpoint, findings,
                          sti_domain_report_get_started_at (report));
  add_dane_check (group->items, report, endpoint, findings);

  return group;
}

/* The TXT record of @qname that starts with @version, or %NULL. */
static const char *
find_txt (StiDomainReport *report,
          const char      *qname,
          const char      *version,
          gboolean        *looked_up)
{
  StiDnsEvidence *txt = sti_domain_report_find_dns_evidence (report, qname, "TXT");
  const char * const *records = txt != NULL ? sti_dns_evidence_get_records (txt) : NULL;

  *looked_up = txt != NULL;
  for (guint i = 0; records != NULL && records[i] != NULL; i++)
    if (g_ascii_strncasecmp (records[i], version, strlen (version)) == 0 ||
        (records[i][0] == '"' && g_ascii_strncasecmp (records[i] + 1, version,
                                                      strlen (version)) == 0))
      return records[i];

  return NULL;
}

static void
add_policy_check (GPtrArray       *items,
                  guint            which,
                  StiDomainReport *report,
                  GPtrArray       *findings,
                  GPtrArray       *host_findings,
                  const char      *prefix,
                  const char      *version,
                  const char      *passed)
{
  g_autofree char *qname = g_strconcat (prefix, sti_domain_report_get_domain (report), NULL);
  StiCheckItem *item = add_item (items, which, findings, host_findings, NULL);
  gboolean looked_up;
  const char *record = find_txt (report, qname, version, &looked_up);
  g_autofree char *failure =
    sti_dns_evidence_dup_failure (sti_domain_report_find_dns_evidence (report, qname, "TXT"));

  if (failure != NULL)
    judge (item, STI_CHECK_NOT_CHECKED, g_steal_pointer (&failure));
  else if (!looked_up)
    /* Translators: %s is a DNS name like "_mta-sts.example.org" */
    judge (item, STI_CHECK_NOT_CHECKED, g_strdup_printf (_("%s was not looked up."), qname));
  else if (record == NULL)
    /* Translators: %s is a DNS name like "_mta-sts.example.org" */
    judge (item, STI_CHECK_NOT_CHECKED,
           /* Translators: %s is a DNS name like "_mta-sts.example.org" */
           g_strdup_printf (_("Not published: %s has no such record."), qname));
  else
    pass (item, "%s %s", passed, record);
}

static void
add_mx_checks (GPtrArray       *items,
               StiDomainReport *report,
               GPtrArray       *host_findings)
{
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  const char * const *skipped = sti_domain_report_get_skipped (report);
  StiDnsEvidence *mx = sti_domain_report_find_dns_evidence (report,
                                                            sti_domain_report_get_domain (report),
                                                            "MX");
  StiCheckItem *item;

  item = add_item (items, CHECK_MX, sti_domain_report_get_findings (report), host_findings, NULL);
  if (mx == NULL || hosts->len == 0)
    skip (item, _("No MX host was found."));
  else
    pass (item,
          /* Translators: a number of hosts, then a DNSSEC status like "secure" */
          g_dngettext (GETTEXT_PACKAGE, "%u MX host; DNSSEC: %s.", "%u MX hosts; DNSSEC: %s.",
                       hosts->len),
          hosts->len, sti_format_dnssec_status (sti_dns_evidence_get_dnssec (mx)));

  item = add_item (items, CHECK_COVERAGE, NULL);
  if (skipped != NULL && skipped[0] != NULL)
    item->detail = g_strjoinv ("\n", (char **)skipped);
  else if (sti_domain_report_get_endpoint_count (report) == 0)
    item->detail = g_strdup (_("No address was probed."));
  else
    pass (item,
          /* Translators: %u is a number of IP addresses */
          g_dngettext (GETTEXT_PACKAGE, "%u address probed.", "%u addresses probed.",
                       sti_domain_report_get_endpoint_count (report)),
          sti_domain_report_get_endpoint_count (report));
}

static StiChecklistGroup *
domain_group (StiDomainReport *report)
{
  StiChecklistGroup *group = g_new0 (StiChecklistGroup, 1);
  GPtrArray *hosts = sti_domain_report_get_hosts (report);
  GPtrArray *findings = sti_domain_report_get_findings (report);
  g_autoptr(GPtrArray) host_findings = g_ptr_array_new ();

  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *list = sti_host_report_get_findings (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < list->len; j++)
        g_ptr_array_add (host_findings, g_ptr_array_index (list, j));
    }

  /* Translators: %s is a mail domain */
  group->label = g_strdup_printf (_("Domain %s"), sti_domain_report_get_domain_unicode (report));
  group->items = g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);

  add_mx_checks (group->items, report, host_findings);
  add_policy_check (group->items, CHECK_MTA_STS, report, findings, host_findings,
                    "_mta-sts.", "v=STSv1", _("Published and held against every MX host:"));
  add_policy_check (group->items, CHECK_TLS_RPT, report, findings, host_findings,
                    "_smtp._tls.", "v=TLSRPTv1", _("Published:"));

  return group;
}

/**
 * sti_checklist_new:
 * @report: a report
 *
 * Returns: (transfer full) (element-type StiChecklistGroup): the checks
 *   made for @report: the domain's first, then each endpoint's in host
 *   order
 */
GPtrArray *
sti_checklist_new (StiDomainReport *report)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
  GPtrArray *hosts;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (report), groups);

  hosts = sti_domain_report_get_hosts (report);
  g_ptr_array_add (groups, domain_group (report));
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < endpoints->len; j++)
        g_ptr_array_add (groups, endpoint_group (report, g_ptr_array_index (endpoints, j)));
    }

  return groups;
}

guint
sti_checklist_count (GPtrArray      *groups,
                     StiCheckStatus  status)
{
  guint n = 0;

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);

      for (guint j = 0; j < group->items->len; j++)
        n += ((StiCheckItem *)g_ptr_array_index (group->items, j))->status == status;
    }

  return n;
}

/**
 * sti_checklist_dup_counts:
 *
 * Returns: (transfer full): "12 passed, 1 failed, 3 not checked"
 */
char *
sti_checklist_dup_counts (GPtrArray *groups)
{
  guint passed = sti_checklist_count (groups, STI_CHECK_PASSED);
  guint failed = sti_checklist_count (groups, STI_CHECK_FAILED);
  guint skipped = sti_checklist_count (groups, STI_CHECK_NOT_CHECKED);

  /* Translators: counts of checks, "12 passed, 1 failed, 3 not checked" */
  return g_strdup_printf (_("%u passed, %u failed, %u not checked"), passed, failed, skipped);
}

const char *
sti_check_status_to_string (StiCheckStatus status)
{
  static const char * const names[] = { "passed", "failed", "not-checked" };

  g_return_val_if_fail (status <= STI_CHECK_NOT_CHECKED, NULL);
  return names[status];
}

/* The status as a reader sees it: "Passed", "Failed", "Not checked". */
const char *
sti_check_status_get_label (StiCheckStatus status)
{
  switch (status)
    {
    case STI_CHECK_PASSED:
      return _("Passed");
    case STI_CHECK_FAILED:
      return _("Failed");
    case STI_CHECK_NOT_CHECKED:
    default:
      return _("Not checked");
    }
}

/**
 * sti_check_item_dup_outcome:
 *
 * Returns: (transfer full): the status with what failed it, e.g.
 *   "Failed (Error: Certificate expired)"; plain text
 */
char *
sti_check_item_dup_outcome (const StiCheckItem *item)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  if (item->status != STI_CHECK_FAILED || item->finding_ids[0] == NULL)
    return g_strdup (sti_check_status_get_label (item->status));

  /* People read titles; the ids stay in the JSON (sti_checklist_to_json()). */
  for (guint i = 0; item->finding_ids[i] != NULL; i++)
    {
      const StiFindingEntry *entry = sti_finding_lookup (item->finding_ids[i]);

      g_ptr_array_add (titles, entry != NULL ? (gpointer)sti_finding_entry_get_title (entry)
                                             : item->finding_ids[i]);
    }
  g_ptr_array_add (titles, NULL);
  joined = g_strjoinv (", ", (char **)titles->pdata);
  /* Translators: "Failed (Error: Certificate expired)"; a severity and finding titles */
  return g_strdup_printf (_("%s (%s: %s)"), sti_check_status_get_label (item->status),
                          sti_format_severity_label (item->severity), joined);
}

static JsonNode *
item_to_json (const StiCheckItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, item->id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, sti_check_status_to_string (item->status));
  json_builder_set_member_name (builder, "severity");
  if (item->status == STI_CHECK_FAILED)
    json_builder_add_string_value (builder, sti_severity_to_string (item->severity));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, item->title);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, item->detail != NULL ? item->detail : "");
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; item->finding_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, item->finding_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * sti_checklist_to_json:
 * @groups: (element-type StiChecklistGroup): from sti_checklist_new()
 *
 * Returns: (transfer full): the list as a JSON array (docs/json-schema.md,
 *   "Checklist"); written for readers, never read back
 */
JsonNode *
sti_checklist_to_json (GPtrArray *groups)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < groups->len; i++)
    {
      StiChecklistGroup *group = g_ptr_array_index (groups, i);
      JsonObject *obj = json_object_new ();
      JsonArray *items = json_array_new ();

      if (group->host != NULL)
        json_object_set_string_member (obj, "host", group->host);
      else
        json_object_set_null_member (obj, "host");
      if (group->address != NULL)
        json_object_set_string_member (obj, "address", group->address);
      else
        json_object_set_null_member (obj, "address");
      for (guint j = 0; j < group->items->len; j++)
        json_array_add_element (items, item_to_json (g_ptr_array_index (group->items, j)));
      json_object_set_array_member (obj, "checks", items);
      json_array_add_object_element (array, obj);
    }

  json_node_take_array (node, array);
  return node;
}
