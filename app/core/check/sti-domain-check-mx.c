/* sti-domain-check-mx.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-check-private.h"

#include "sti-dns-rdata.h"
#include "sti-finding.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* From the MX answer to the endpoints to probe: the hosts in preference
 * order (null MX, implicit MX, duplicates, the MX cap), the address
 * lookups of each host and what they say about it, and one endpoint per
 * address (the address cap, IPv6 turned off). */

static void
add_finding (GPtrArray  *findings,
             StiFinding *finding)
{
  g_ptr_array_add (findings, finding);
}

/* DNS failures of a lookup, in the words of DESIGN.md's ids. Returns TRUE
 * when the answer is unusable and a finding was added. */
/* A lookup through the DNS server the user chose that timed out or failed:
 * that server is the first suspect, not the zone (issue 18). Its own id,
 * so that every run, the verdict, the CLI and the reports say so alike
 * (a first run times out, later ones get SERVFAIL from the resolver's
 * memory of the dead server). */
static void
add_user_resolver_failure (GPtrArray     *findings,
                           GVariantDict  *dict,
                           const char    *server,
                           const char    *type,
                           const char    *shown)
{
  g_variant_dict_insert (dict, "server", "s", server);
  add_finding (findings,
               sti_finding_new_printf ("dns-resolver-failed",
                                       g_variant_dict_end (dict),
                                       /* Translators: the first %s is a DNS server's address,
                                        * the second a DNS type, the third a name */
                                       _("Your DNS server %s gave no answer to the %s "
                                         "lookup for %s."),
                                       server, type, shown));
}

static gboolean
add_dns_failure (GPtrArray    *findings,
                 StiDnsAnswer *answer,
                 const char   *what,
                 const char   *user_server)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  const char *qname = sti_dns_answer_get_qname (answer);
  g_autofree char *shown = sti_text_sanitize_str (qname);
  g_autofree char *type = sti_dns_type_to_string (sti_dns_answer_get_qtype (answer));

  g_variant_dict_insert (dict, "name", "s", shown);
  g_variant_dict_insert (dict, "type", "s", type);
  g_variant_dict_insert (dict, "rcode", "x", (gint64)sti_dns_answer_get_rcode (answer));

  if (sti_dns_answer_get_dnssec_status (answer) == STI_DNSSEC_BOGUS)
    {
      const char *why = sti_dns_answer_get_why_bogus (answer);

      g_variant_dict_insert (dict, "reason", "s", why != NULL ? why : "");
      add_finding (findings,
                   sti_finding_new_printf ("dnssec-bogus",
                                           g_variant_dict_end (dict),
                                           /* Translators: %s are a DNS type, a name and a
                                            * resolver's reason */
                                           _("The %s answer for %s failed DNSSEC validation: %s"),
                                           type, shown, why != NULL ? why : _("no reason given")));
      return TRUE;
    }

  switch (sti_dns_answer_get_result (answer))
    {
    case STI_DNS_RCODE_KIND_NOERROR:
    case STI_DNS_RCODE_KIND_NODATA:
      return FALSE;

    case STI_DNS_RCODE_KIND_NXDOMAIN:
      add_finding (findings,
                   sti_finding_new_printf ("dns-nxdomain",
                                           g_variant_dict_end (dict),
                                           /* Translators: the first %s is a name, the second
                                            * what it is for */
                                           _("%s does not exist in DNS (NXDOMAIN, "
                                             "looked up for %s)."),
                                           shown, what));
      return TRUE;

    case STI_DNS_RCODE_KIND_TIMEOUT:
      if (user_server != NULL)
        {
          add_user_resolver_failure (findings, dict, user_server, type, shown);
          return TRUE;
        }
      add_finding (findings,
                   sti_finding_new_printf ("dns-timeout",
                                           g_variant_dict_end (dict),
                                           /* Translators: a DNS record type ("MX"), then the
                                            * name looked up */
                                           _("The %s lookup for %s got no answer in time."),
                                           type, shown));
      return TRUE;

    case STI_DNS_RCODE_KIND_SERVFAIL:
      if (user_server != NULL)
        {
          add_user_resolver_failure (findings, dict, user_server, type, shown);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    case STI_DNS_RCODE_KIND_OTHER:
    default:
      add_finding (findings,
                   sti_finding_new_printf ("dns-servfail",
                                           g_variant_dict_end (dict),
                                           /* Translators: a DNS record type ("MX"), the name
                                            * looked up, then the DNS response code */
                                           _("The %s lookup for %s failed "
                                             "on the DNS side (rcode %d)."),
                                           type, shown, sti_dns_answer_get_rcode (answer)));
      return TRUE;
    }
}

static char *
normalize_host_name (const char *name)
{
  g_autofree char *down = g_ascii_strdown (name, -1);
  gsize len = strlen (down);

  if (len > 1 && down[len - 1] == '.')
    down[len - 1] = '\0';

  return g_steal_pointer (&down);
}

static void
skip (StiDomainCheck *self,
      char           *message)
{
  g_ptr_array_add (self->skipped, message);
}

/* Adds one endpoint per address of @answer, up to the cap. */
static void
add_endpoints_from_answer (StiDomainCheck *self,
                           HostState      *host,
                           StiDnsAnswer   *answer,
                           gboolean        probe)
{
  GPtrArray *records;
  guint added = 0;

  if (answer == NULL || sti_dns_answer_get_result (answer) != STI_DNS_RCODE_KIND_NOERROR)
    return;

  records = sti_dns_answer_get_records (answer);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GInetAddress) address = NULL;
      g_autofree char *address_str = NULL;
      EndpointState *endpoint;

      address = sti_dns_rdata_parse_address (g_ptr_array_index (records, i),
                                             sti_dns_answer_get_qtype (answer), NULL);
      if (address == NULL)
        continue;

      address_str = g_inet_address_to_string (address);

      if (added >= self->options->address_cap)
        {
          /* Translators: a host name, an address and a number */
          skip (self, g_strdup_printf (_("%s at %s: not probed, the limit of %u addresses per host "
                                         "and family was reached"),
                                       host->name, address_str, self->options->address_cap));
          continue;
        }

      if (!probe)
        {
          /* Translators: a host name, then its IPv6 address */
          skip (self, g_strdup_printf (_("%s at %s: not probed, IPv6 is turned off in the options"),
                                       host->name, address_str));
          continue;
        }

      endpoint = check_add_endpoint (self, host, address);
      added++;
      check_schedule_probe (self, endpoint);
    }
}

static gboolean
answer_has_data (StiDnsAnswer *answer)
{
  return answer != NULL && sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NOERROR;
}

/* Both address lookups of a host are in: judge them, then probe. */
void
check_host_addresses_done (StiDomainCheck *self,
                           HostState      *host)
{
  StiDnsAnswer *answers[] = { host->a_answer, host->aaaa_answer };
  gboolean failed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      if (answers[i] != NULL && sti_dns_answer_followed_cname (answers[i]) &&
          !sti_findings_contain (host->findings, "mx-is-cname") && !host->implicit)
        {
          g_autofree char *canonical =
            sti_text_sanitize_str (sti_dns_answer_get_canonical_name (answers[i]));
          g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);

          g_variant_dict_insert (dict, "host", "s", host->name);
          g_variant_dict_insert (dict, "canonical_name", "s", canonical);
          add_finding (host->findings,
                       sti_finding_new_printf ("mx-is-cname",
                                               g_variant_dict_end (dict),
                                               /* Translators: the MX host name, then the name
                                                * its CNAME points to */
                                               _("The MX host %s is an alias (CNAME) for %s; "
                                                 "RFC 5321 requires MX records to name a host "
                                                 "directly."),
                                               host->name, canonical));
        }
    }

  /* A lookup that failed on the DNS side is its own finding; a name with
   * no address at all is "mx-target-missing". */
  if (host->a_answer != NULL &&
      sti_dns_answer_get_result (host->a_answer) != STI_DNS_RCODE_KIND_NXDOMAIN)
    failed |= add_dns_failure (host->findings, host->a_answer, host->name,
                                 sti_resolver_get_user_server (self->resolver));
  if (host->aaaa_answer != NULL &&
      sti_dns_answer_get_result (host->aaaa_answer) != STI_DNS_RCODE_KIND_NXDOMAIN &&
      !failed)
    failed |= add_dns_failure (host->findings, host->aaaa_answer, host->name,
                                 sti_resolver_get_user_server (self->resolver));

  if (!failed && !answer_has_data (host->a_answer) && !answer_has_data (host->aaaa_answer))
    {
      gboolean nxdomain = host->a_answer != NULL &&
                          sti_dns_answer_get_result (host->a_answer) == STI_DNS_RCODE_KIND_NXDOMAIN;

      if (host->implicit)
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             check_params_host (host->name),
                                             /* Translators: %s is the domain */
                                             _("%s has neither MX records nor an address, "
                                               "so it cannot receive mail."),
                                             host->name));
      else if (nxdomain)
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             check_params_host (host->name),
                                             /* Translators: %s is the MX host name */
                                             _("The MX host %s does not exist in DNS."),
                                             host->name));
      else
        add_finding (host->findings,
                     sti_finding_new_printf ("mx-target-missing",
                                             check_params_host (host->name),
                                             /* Translators: %s is the MX host name */
                                             _("The MX host %s has no IPv4 or IPv6 address."),
                                             host->name));
    }

  add_endpoints_from_answer (self, host, host->a_answer, TRUE);
  add_endpoints_from_answer (self, host, host->aaaa_answer, self->options->use_ipv6);
}

void
check_resolve_host (StiDomainCheck *self,
                    HostState      *host)
{
  g_autofree char *tlsa_name = NULL;

  g_signal_emit (self, check_signals[CHECK_HOST_ADDED], 0, host->name, host->preference);

  if (host->ip_literal)
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host->name);

      /* No name, so no TLSA records to wait for. */
      host->tlsa_done = TRUE;

      if (self->target->direct)
        {
          check_schedule_probe (self, check_add_endpoint (self, host, address));
        }
      else
        {
          /* An MX naming an IP address: senders look it up as a host name
           * and fail, so we do not probe it either. */
          add_finding (host->findings,
                       sti_finding_new_printf ("mx-is-ip-literal",
                                               check_params_host (host->name),
                                               /* Translators: %s is the IP address the MX record
                                                * names */
                                               _("The MX record names the IP address %s instead of "
                                                 "a host name; senders cannot use it."),
                                               host->name));
        }
      return;
    }

  check_start_query (self, host->name, STI_DNS_TYPE_A, QUERY_HOST_A, host);
  check_start_query (self, host->name, STI_DNS_TYPE_AAAA, QUERY_HOST_AAAA, host);

  /* DANE (RFC 7672): the TLSA records for port 25 of this host. */
  tlsa_name = g_strdup_printf ("_%u._tcp.%s", SMTP_PORT, host->name);
  check_start_query (self, tlsa_name, STI_DNS_TYPE_TLSA, QUERY_TLSA, host);
}

static int
compare_hosts (gconstpointer a,
               gconstpointer b)
{
  const HostState *ha = *(HostState **)a;
  const HostState *hb = *(HostState **)b;

  if (ha->preference != hb->preference)
    return ha->preference < hb->preference ? -1 : 1;
  return g_strcmp0 (ha->name, hb->name);
}

void
check_handle_mx_answer (StiDomainCheck *self,
                        StiDnsAnswer   *answer)
{
  GPtrArray *records;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  gboolean null_mx = FALSE;
  guint probed = 0;

  if (add_dns_failure (self->findings, answer, self->target->domain,
                       sti_resolver_get_user_server (self->resolver)))
    return;

  if (sti_dns_answer_get_result (answer) == STI_DNS_RCODE_KIND_NODATA)
    {
      /* RFC 5321 §5.1: no MX means the domain's own address is the MX. */
      add_finding (self->findings,
                   sti_finding_new_printf ("no-mx-implicit",
                                           check_params_host (self->target->domain),
                                           /* Translators: %s is the domain */
                                           _("%s publishes no MX record, so senders deliver to the "
                                             "address of the domain itself."),
                                           self->target->domain));
      g_ptr_array_add (self->hosts, check_host_state_new (self->target->domain, 0, TRUE));
      check_resolve_host (self, g_ptr_array_index (self->hosts, 0));
      return;
    }

  records = sti_dns_answer_get_records (answer);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  hosts = g_ptr_array_new ();

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *exchange = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GError) error = NULL;
      guint16 preference = 0;
      HostState *existing;

      if (!sti_dns_rdata_parse_mx (g_ptr_array_index (records, i), &preference, &exchange, &error))
        {
          add_finding (self->findings,
                       sti_finding_new_printf ("dns-servfail",
                                               check_params_host (self->target->domain),
                                               /* Translators: the domain, then why the record
                                                * cannot be read */
                                               _("An MX record of %s is malformed: %s"),
                                               self->target->domain, error->message));
          continue;
        }

      if (g_str_equal (exchange, "."))
        {
          null_mx = TRUE;
          continue;
        }

      name = normalize_host_name (exchange);
      existing = g_hash_table_lookup (seen, name);
      if (existing != NULL)
        {
          /* Duplicates merge; the better preference wins. */
          existing->preference = MIN (existing->preference, preference);
          continue;
        }

      existing = check_host_state_new (name, preference, FALSE);
      g_hash_table_insert (seen, existing->name, existing);
      g_ptr_array_add (hosts, existing);
    }

  if (null_mx)
    {
      g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
      gboolean alone = hosts->len == 0;

      /* Beside other MX records a null MX is an error (the registry's
       * severity rule); alone it is a statement. */
      g_variant_dict_insert (dict, "host", "s", self->target->domain);
      if (!alone)
        g_variant_dict_insert (dict, "mixed", "b", TRUE);
      add_finding (self->findings,
                   sti_finding_new_printf ("null-mx",
                                           g_variant_dict_end (dict),
                                           alone
                                             /* Translators: %s is the domain */
                                             ? _("%s publishes a null MX (RFC 7505): "
                                                 "it states that it accepts no mail at all.")
                                             /* Translators: %s is the domain */
                                             : _("%s publishes a null MX (RFC 7505) beside other "
                                                 "MX records; RFC 7505 forbids mixing them, "
                                                 "and senders may refuse all mail."),
                                           self->target->domain));
    }

  g_ptr_array_sort (hosts, compare_hosts);

  for (guint i = 0; i < hosts->len; i++)
    {
      HostState *host = g_ptr_array_index (hosts, i);

      g_ptr_array_add (self->hosts, host);
      if (probed >= self->options->mx_cap)
        {
          host->beyond_mx_cap = self->options->mx_cap;
          skip (self,
                /* Translators: the MX preference, the MX host name, then the limit */
                g_strdup_printf (_("MX %u %s: not probed, the limit of %u MX hosts was reached"),
                                 host->preference, host->name, self->options->mx_cap));
          continue;
        }

      probed++;
      check_resolve_host (self, host);
    }
}

