/* sti-catalog.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"

#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* The words for every finding id (DESIGN.md, decision 4): one static,
 * translatable table. Each entry has a title, a one-line verdict, "what
 * this means", "why it matters", fixes (general steps, then per mail
 * server) and references.
 *
 * Texts contain placeholders in braces, filled from the finding's params
 * and the caller's context when explaining: {host} {domain} {address}
 * {mx_hosts} {certbot_domains} {cert_name} {names} {expected} {subject}
 * {issuer} {not_after} {not_before} {days} {bits} {algorithm} {stage}
 * {code} {reply} {reason} ... (see fill_template()). A value that is not
 * known becomes a generic word ("your mail server") in prose, or an
 * angle-bracket token ("<mx-host-name>") in a command line. Lines that
 * start with four spaces are commands or configuration.
 *
 * A fix for one mail server may be made of up to three whole paragraphs,
 * shared between entries; sentences are never assembled from pieces. */

#define N_FIX_PARAGRAPHS 3

typedef struct
{
  const char  *id;
  StiSeverity  severity;
  gboolean     host_is_domain; /* the "host" param names the mail domain */
  const char  *title;
  const char  *verdict;
  const char  *what;
  const char  *why;
  const char  *fix[STI_N_MTAS][N_FIX_PARAGRAPHS];
  const char  *references;
} CatalogEntry;

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

/* Paragraphs shared by several entries. */

/* Translators: every text of this catalog may contain placeholders in
 * braces, like {host} or {domain}. Keep them exactly as they are, in
 * English; they are replaced by host names, dates and other values. Lines
 * that start with four spaces are commands or configuration: translate
 * nothing on them except comments after a #. */
#define P_DNS_POSTFIX N_("Nothing in Postfix causes or fixes this: the problem is in DNS. " \
  "Fix the zone first (see the general steps). Once the names resolve, you can see the " \
  "route a sender takes, from any machine with Postfix:\n" \
  "    posttls-finger -c '{domain}'")
#define P_DNS_EXIM N_("Nothing in Exim causes or fixes this: the problem is in DNS. " \
  "Fix the zone first (see the general steps). Once the names resolve, Exim shows the " \
  "route it would take:\n" \
  "    exim -bt postmaster@{domain}")
#define P_DNS_SENDMAIL N_("Nothing in Sendmail causes or fixes this: the problem is in DNS. " \
  "Fix the zone first (see the general steps). Once the names resolve, Sendmail's " \
  "address test mode lists the MX hosts it would use:\n" \
  "    echo '/mx {domain}' | sendmail -bt")
#define P_DNS_EXCHANGE N_("Nothing in Exchange causes or fixes this: the problem is in DNS. " \
  "Fix the zone first (see the general steps). Exchange uses the DNS resolver of Windows; " \
  "check what it sees with:\n" \
  "    Resolve-DnsName -Type MX {domain}")

#define P_POSTFIX_INSTALL N_("Install the new certificate with its full chain. In " \
  "/etc/postfix/main.cf (Postfix 3.4 or later):\n" \
  "    smtpd_tls_chain_files = /etc/letsencrypt/live/{cert_name}/privkey.pem, " \
  "/etc/letsencrypt/live/{cert_name}/fullchain.pem\n" \
  "With older Postfix, use the two separate settings instead:\n" \
  "    smtpd_tls_cert_file = /etc/letsencrypt/live/{cert_name}/fullchain.pem\n" \
  "    smtpd_tls_key_file = /etc/letsencrypt/live/{cert_name}/privkey.pem\n" \
  "Then load it and check what the server now presents:\n" \
  "    postfix reload\n" \
  "    posttls-finger -c -C '[{host}]'")
#define P_POSTFIX_HOOK N_("Postfix reads its certificate only when it starts or reloads. " \
  "Make every renewal reload it with a certbot deploy hook:\n" \
  "    printf '#!/bin/sh\\npostfix reload\\n' > /etc/letsencrypt/renewal-hooks/deploy/postfix\n" \
  "    chmod 755 /etc/letsencrypt/renewal-hooks/deploy/postfix")
#define P_EXIM_INSTALL N_("Point Exim at the full chain and the key. On Debian, set the " \
  "macros in /etc/exim4/conf.d/main/000_localmacros (split configuration) or " \
  "/etc/exim4/exim4.conf.localmacros:\n" \
  "    MAIN_TLS_ENABLE = yes\n" \
  "    MAIN_TLS_CERTIFICATE = /etc/exim4/tls/fullchain.pem\n" \
  "    MAIN_TLS_PRIVATEKEY = /etc/exim4/tls/privkey.pem\n" \
  "Elsewhere, in the main section of the Exim configuration:\n" \
  "    tls_advertise_hosts = *\n" \
  "    tls_certificate = /etc/exim4/tls/fullchain.pem\n" \
  "    tls_privatekey = /etc/exim4/tls/privkey.pem\n" \
  "Exim reads these files as its own user, which cannot read /etc/letsencrypt/live, so " \
  "copy them and let that user's group read them:\n" \
  "    install -d -m 750 -g Debian-exim /etc/exim4/tls\n" \
  "    install -m 640 -g Debian-exim /etc/letsencrypt/live/{cert_name}/fullchain.pem " \
  "/etc/letsencrypt/live/{cert_name}/privkey.pem /etc/exim4/tls/\n" \
  "    update-exim4.conf && systemctl restart exim4")
#define P_EXIM_HOOK N_("Copy the files again after every renewal with a certbot deploy hook " \
  "(a script in /etc/letsencrypt/renewal-hooks/deploy/) that runs the install line above " \
  "followed by:\n" \
  "    systemctl restart exim4")
#define P_SENDMAIL_INSTALL N_("In sendmail.mc (Sendmail built with STARTTLS support; " \
  "\"sendmail -d0.1 -bv root\" lists it):\n" \
  "    define(`confCACERT_PATH', `/etc/ssl/certs')dnl\n" \
  "    define(`confCACERT', `/etc/mail/tls/chain.pem')dnl\n" \
  "    define(`confSERVER_CERT', `/etc/mail/tls/fullchain.pem')dnl\n" \
  "    define(`confSERVER_KEY', `/etc/mail/tls/privkey.pem')dnl\n" \
  "    define(`confTLS_SRV_OPTIONS', `V')dnl\n" \
  "Copy the files from /etc/letsencrypt/live/{cert_name}/. Sendmail silently skips " \
  "STARTTLS when the key can be read by anyone but root, so keep it private. Then rebuild " \
  "and restart:\n" \
  "    install -d -m 700 /etc/mail/tls\n" \
  "    cp /etc/letsencrypt/live/{cert_name}/*.pem /etc/mail/tls/ && chmod 600 " \
  "/etc/mail/tls/privkey.pem\n" \
  "    make -C /etc/mail && systemctl restart sendmail")
#define P_SENDMAIL_HOOK N_("Repeat the copy after every renewal with a certbot deploy hook " \
  "(a script in /etc/letsencrypt/renewal-hooks/deploy/) that runs the cp line above " \
  "followed by:\n" \
  "    systemctl restart sendmail")
#define P_EXCHANGE_INSTALL N_("Exchange needs the certificate and its key as one .pfx file. " \
  "Get it from your CA's portal, from a Windows ACME client such as win-acme (it has an " \
  "Exchange installation script), or convert certbot's files:\n" \
  "    openssl pkcs12 -export -in fullchain.pem -inkey privkey.pem -out {cert_name}.pfx\n" \
  "Then, in the Exchange Management Shell, import it and enable it for SMTP:\n" \
  "    Import-ExchangeCertificate -Server <server> -FileData " \
  "([System.IO.File]::ReadAllBytes('C:\\certs\\{cert_name}.pfx')) -Password (Read-Host " \
  "-AsSecureString 'PFX password')\n" \
  "    Enable-ExchangeCertificate -Server <server> -Thumbprint <thumbprint> -Services SMTP\n" \
  "    Get-ExchangeCertificate | Format-List FriendlyName,CertificateDomains,Thumbprint,NotAfter" \
  ",Services\n" \
  "If a receive connector names its certificate (TlsCertificateName), point it at the new " \
  "one, then remove the old certificate with Remove-ExchangeCertificate:\n" \
  "    $c = Get-ExchangeCertificate -Thumbprint <thumbprint>\n" \
  "    Set-ReceiveConnector '<server>\\Default Frontend <server>' -TlsCertificateName " \
  "\"<I>$($c.Issuer)<S>$($c.Subject)\"")
#define P_EXCHANGE_RENEW N_("Renewal is not automatic in Exchange unless a tool does it " \
  "(win-acme runs as a scheduled task). Check the dates of the certificates in use and " \
  "replace the SMTP certificate in time:\n" \
  "    Get-ExchangeCertificate | Sort-Object NotAfter | Format-List " \
  "FriendlyName,CertificateDomains,Thumbprint,NotAfter,Services")

#define P_POSTFIX_CHAIN N_("Use the full chain file, never cert.pem. In /etc/postfix/main.cf:\n" \
  "    smtpd_tls_chain_files = /etc/letsencrypt/live/{cert_name}/privkey.pem, " \
  "/etc/letsencrypt/live/{cert_name}/fullchain.pem\n" \
  "With Postfix older than 3.4:\n" \
  "    smtpd_tls_cert_file = /etc/letsencrypt/live/{cert_name}/fullchain.pem\n" \
  "    smtpd_tls_key_file = /etc/letsencrypt/live/{cert_name}/privkey.pem\n" \
  "Then:\n" \
  "    postfix reload\n" \
  "    posttls-finger -c -C '[{host}]'")
#define P_EXIM_CHAIN N_("tls_certificate (on Debian: the macro MAIN_TLS_CERTIFICATE) must " \
  "name a file with the server certificate followed by its intermediates, each once and in " \
  "order: a copy of /etc/letsencrypt/live/{cert_name}/fullchain.pem, not cert.pem. Then:\n" \
  "    exim -bP tls_certificate\n" \
  "    systemctl restart exim4")
#define P_SENDMAIL_CHAIN N_("Point confSERVER_CERT at the full chain and confCACERT at the " \
  "intermediates only (chain.pem): newer Sendmail sends the chain file, older Sendmail " \
  "lets OpenSSL complete the chain from confCACERT. In sendmail.mc:\n" \
  "    define(`confSERVER_CERT', `/etc/mail/tls/fullchain.pem')dnl\n" \
  "    define(`confCACERT', `/etc/mail/tls/chain.pem')dnl\n" \
  "    make -C /etc/mail && systemctl restart sendmail")
#define P_EXCHANGE_CHAIN N_("Windows builds the chain that Exchange sends from the " \
  "computer's certificate stores. Import the intermediate into the Intermediate " \
  "Certification Authorities store of the local computer (certlm.msc, or PowerShell), " \
  "then restart the transport services:\n" \
  "    Import-Certificate -FilePath C:\\certs\\intermediate.cer -CertStoreLocation " \
  "Cert:\\LocalMachine\\CA\n" \
  "    Restart-Service MSExchangeFrontEndTransport, MSExchangeTransport\n" \
  "Importing a .pfx file that contains the whole chain does this automatically.")
#define P_EXCHANGE_DEVICE N_("Windows builds the chain that Exchange sends by itself, in " \
  "order and without duplicates or root. If the check shows otherwise, TLS is probably " \
  "handled by a device in front of Exchange (load balancer, anti-spam gateway): fix the " \
  "chain file there. Check which certificate Exchange itself uses:\n" \
  "    Get-ExchangeCertificate | Format-List FriendlyName,Thumbprint,Services")

#define P_STS_MTA N_("MTA-STS is published in DNS and on a web server, not configured in " \
  "the mail server software. What the mail servers must provide is STARTTLS with a valid " \
  "certificate from a public CA for every MX name in the policy; the other findings of this " \
  "check show whether they do.")
#define P_DANE_MTA N_("TLSA records are published in DNS, not in the mail server software. What " \
  "the mail server must do is keep its key in step with them: with certbot, keep the key " \
  "across renewals (--reuse-key), and when the key must change, publish the new key's TLSA " \
  "record first, wait for the old record's TTL to pass, then switch.")
#define P_DANE_POSTFIX N_("TLSA records are published in DNS, not in Postfix. What Postfix " \
  "must do is keep serving the key they name: the key in smtpd_tls_chain_files (or " \
  "smtpd_tls_key_file) changes only when a new one is installed; with certbot, keep it across " \
  "renewals (--reuse-key). To see the server as a DANE sender does, run on any machine with " \
  "Postfix and a validating resolver:\n" \
  "    posttls-finger -c -l dane '[{host}]'\n" \
  "It reports a \"Verified\" connection when a TLSA record matches, \"Untrusted\" when none does.")
#define P_DANE_DNSSEC_MTA N_("Nothing in the mail server software causes or fixes this: TLSA " \
  "records count only once DNSSEC proves them, and that is a matter for the zone (see the " \
  "general steps). Meanwhile keep the TLSA records in step with the server's key, so that " \
  "they match the day DNSSEC works.")
#define P_DANE_RESOLVER_MTA N_("Nothing to change in the mail server software: what is missing " \
  "is a validating resolver on the machine running this check.")
#define P_TLSRPT_MTA N_("TLS reports are sent by other domains' mail servers to the address in " \
  "your record; nothing changes in your mail server. Make sure the reporting mailbox exists " \
  "and accepts mail; reports arrive as compressed JSON attachments.")

#define P_UNKNOWN_MTA N_("No steps specific to this mail server are known for this finding. " \
  "The finding's detail and the SMTP transcript show what was observed.")

#define FIX_DNS_MTAS \
  [STI_MTA_POSTFIX] = { P_DNS_POSTFIX }, \
  [STI_MTA_EXIM] = { P_DNS_EXIM }, \
  [STI_MTA_SENDMAIL] = { P_DNS_SENDMAIL }, \
  [STI_MTA_EXCHANGE] = { P_DNS_EXCHANGE }

#define FIX_CERT_MTAS \
  [STI_MTA_POSTFIX] = { P_POSTFIX_INSTALL, P_POSTFIX_HOOK }, \
  [STI_MTA_EXIM] = { P_EXIM_INSTALL, P_EXIM_HOOK }, \
  [STI_MTA_SENDMAIL] = { P_SENDMAIL_INSTALL, P_SENDMAIL_HOOK }, \
  [STI_MTA_EXCHANGE] = { P_EXCHANGE_INSTALL, P_EXCHANGE_RENEW }

#define FIX_POLICY_MTAS(p) \
  [STI_MTA_POSTFIX] = { p }, \
  [STI_MTA_EXIM] = { p }, \
  [STI_MTA_SENDMAIL] = { p }, \
  [STI_MTA_EXCHANGE] = { p }

/* DANE steps: a check command for Postfix, the shared words for the others. */
#define FIX_DANE_MTAS \
  [STI_MTA_POSTFIX] = { P_DANE_POSTFIX }, \
  [STI_MTA_EXIM] = { P_DANE_MTA }, \
  [STI_MTA_SENDMAIL] = { P_DANE_MTA }, \
  [STI_MTA_EXCHANGE] = { P_DANE_MTA }

#define FIX_CHAIN_MTAS \
  [STI_MTA_POSTFIX] = { P_POSTFIX_CHAIN }, \
  [STI_MTA_EXIM] = { P_EXIM_CHAIN }, \
  [STI_MTA_SENDMAIL] = { P_SENDMAIL_CHAIN }

/* The order of this table is the order of sti_catalog_list_ids(): the
 * order of DESIGN.md's list of finding ids. */
static const CatalogEntry catalog[] = {
  /* Domain and DNS */
  {
    .id = "dns-nxdomain",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Name does not exist in DNS"),
    .verdict = N_("The DNS says that {name} does not exist, so mail for it cannot be delivered."),
    .what = N_("Every delivery starts with DNS lookups. DNS, the Domain Name System, is the "
               "Internet's directory: it turns names into addresses and tells senders which "
               "servers take a domain's mail. Asked for the {type} record of {name}, the DNS "
               "answered NXDOMAIN (\"non-existent domain\"): there is no such name at all, not "
               "merely no record of that type."),
    .why = N_("Sending mail servers get the same answer and give up: mail to the domain bounces, "
              "usually with an error like \"Host or domain name not found\". This happens "
              "before encryption comes into play, so it affects every sender."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Check the spelling of the domain.\n"
                               "2. If the name is right, check at your registrar that the domain "
                               "is registered, has not expired, and is delegated to the right name "
                               "servers (its NS records).\n"
                               "3. Check that the zone on those name servers contains the name, "
                               "and ask them directly:\n"
                               "    dig NS {domain}\n"
                               "    dig {type} {name}\n"
                               "4. If the name is an MX host, create its address records, or "
                               "change "
                               "the MX record to a host that exists.") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("If your provider also runs your DNS, send them: \"A lookup of "
                              "{name} ({type}) returns NXDOMAIN. Please check that the name exists "
                              "in our zone and that the domain is delegated to your name "
                              "servers.\" If your DNS is elsewhere (often at the registrar), fix "
                              "it there.") },
    },
    .references = N_("RFC 1035 §4.1.1 (response codes); RFC 2308 (NXDOMAIN); RFC 5321 §5.1 "
                     "(how senders locate the mail server)"),
  },
  {
    .id = "dns-servfail",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DNS lookup failed"),
    .verdict = N_("The DNS lookup of {name} failed, so senders cannot find where to deliver."),
    .what = N_("The DNS could not answer the question for the {type} record of {name}: it "
               "returned SERVFAIL (\"server failure\") or another error (response code {rcode}), "
               "or the answer was malformed. Usual causes: the name servers of the zone are "
               "down, misconfigured or disagree with each other, or DNSSEC validation failed."),
    .why = N_("Senders treat a failed lookup as temporary: they keep the mail in their queue and "
              "retry, usually for up to five days, then bounce it. Mail is delayed, and lost if "
              "the failure lasts. Encryption is never reached."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Ask each name server of the zone directly, to find the one "
                               "that fails:\n"
                               "    dig NS {domain}\n"
                               "    dig @<name-server> {type} {name}\n"
                               "2. Check that every name server answers for the zone (a \"lame "
                               "delegation\" is a common cause) and that all serve the same "
                               "serial number.\n"
                               "3. If the zone is signed with DNSSEC, check it with DNSViz "
                               "(dnsviz.net) or:\n"
                               "    delv {type} {name}\n"
                               "4. Fix or remove the broken name server, at your registrar or DNS "
                               "host.") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"Lookups of {name} ({type}) fail with "
                              "SERVFAIL. Please check that all name servers of our zone answer, "
                              "and that its DNSSEC signatures and DS record are valid.\"") },
    },
    .references = N_("RFC 1035 §4.1.1 (response codes); RFC 5321 §4.5.4.1 (senders retry); "
                     "RFC 4035 §5 (DNSSEC validation)"),
  },
  {
    .id = "dns-timeout",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DNS lookup timed out"),
    .verdict = N_("No DNS answer for {name} arrived in time."),
    .what = N_("The lookup of the {type} record of {name} got no answer before the time limit. "
               "Either the name servers of the zone do not respond (down, overloaded, or "
               "blocked by a firewall), or the DNS resolver used for this check cannot reach "
               "them."),
    .why = N_("Senders treat this like any temporary DNS failure: they queue the mail, retry, "
              "and bounce it after several days if the problem stays. If only this check timed "
              "out, the cause may be the network of the computer running it: try another "
              "resolver."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Repeat the check with another resolver, to tell a local "
                               "problem from a problem of the zone.\n"
                               "2. Ask each name server directly and note which one stays "
                               "silent:\n"
                               "    dig NS {domain}\n"
                               "    dig @<name-server> {type} {name} +tries=1 +time=5\n"
                               "3. Make sure the name servers answer over UDP and TCP on port 53 "
                               "(large DNSSEC answers need TCP) and that no firewall drops the "
                               "queries.\n"
                               "4. Remove dead name servers from the delegation at your "
                               "registrar.") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"Lookups of {name} ({type}) time out. "
                              "Please check that every name server of our zone answers over UDP "
                              "and TCP on port 53.\"") },
    },
    .references = N_("RFC 1035 §4.2 (UDP and TCP); RFC 7766 (DNS over TCP is required); "
                     "RFC 5321 §4.5.4.1 (senders retry)"),
  },
  {
    .id = "null-mx",
    .severity = STI_SEVERITY_INFO,
    .host_is_domain = TRUE,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("The domain accepts no mail (null MX)"),
    .verdict = N_("{domain} publishes a null MX: it says that it accepts no mail at all."),
    .what = N_("An MX record (mail exchanger) tells senders which servers take the mail for a "
               "domain. A \"null MX\" is the special record \"MX 0 .\", with a single dot as the "
               "server name, defined by RFC 7505 to say: this domain never receives mail. "
               "Senders then bounce mail to it at once instead of trying for days."),
    .why = N_("If {domain} really receives no mail, this is the right setup: there is no server "
              "to secure and nothing to fix. If it should receive mail, every message to it "
              "bounces immediately. A null MX next to other MX records is an error: RFC 7505 "
              "forbids the mix, and senders may refuse all mail."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("If the domain must not receive mail, nothing needs to change. "
                               "Also publish the SPF record \"v=spf1 -all\", so that nobody can "
                               "send mail in its name.\n"
                               "If the domain should receive mail:\n"
                               "1. Remove the null MX record from the zone:\n"
                               "    {domain}. IN MX 0 .\n"
                               "2. Publish MX records for the real mail servers, for example:\n"
                               "    {domain}. 3600 IN MX 10 mx1.{domain}.\n"
                               "3. Check:\n"
                               "    dig MX {domain}") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("If a provider should receive mail for {domain}, take the MX "
                              "records from its setup guide and publish them instead of the null "
                              "MX. If the provider runs your DNS, send them: \"Our domain "
                              "{domain} has a null MX record (MX 0 .); please replace it with "
                              "your MX records.\"") },
    },
    .references = N_("RFC 7505 (null MX); RFC 5321 §5.1; RFC 7208 (SPF, for \"v=spf1 -all\")"),
  },
  {
    .id = "no-mx-implicit",
    .severity = STI_SEVERITY_WARNING,
    .host_is_domain = TRUE,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No MX record: mail goes to the domain's own address"),
    .verdict = N_("{domain} has no MX record, so senders deliver to the address of {domain} "
                  "itself."),
    .what = N_("An MX record (mail exchanger) names the servers that receive mail for a domain. "
               "{domain} has none. RFC 5321 then lets senders fall back to the domain's own "
               "address records (A for IPv4, AAAA for IPv6); this is called the \"implicit MX\". "
               "So this check tested the host {domain} itself."),
    .why = N_("Mail may still arrive, but the setup is fragile: some senders and tools do not "
              "fall back, the machine behind the domain's address is often a web server that "
              "takes no mail, and MTA-STS and DANE expect MX host names. If the domain should "
              "not receive mail, a null MX says so clearly and stops senders from trying."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("If the domain should receive mail, publish an MX record that "
                               "names a host (not an IP address, not an alias), for example:\n"
                               "    {domain}. 3600 IN MX 10 mx1.{domain}.\n"
                               "    mx1.{domain}. 3600 IN A <IPv4-address-of-the-mail-server>\n"
                               "If it should not receive mail, publish a null MX (RFC 7505):\n"
                               "    {domain}. 3600 IN MX 0 .\n"
                               "Check with:\n"
                               "    dig MX {domain}") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Take the MX records for {domain} from your provider's setup "
                              "guide, or ask them: \"Which MX records should we publish for "
                              "{domain}?\", and add them to your DNS zone.") },
    },
    .references = N_("RFC 5321 §5.1 (implicit MX); RFC 7505 (null MX); RFC 8461 §4.1 (MTA-STS "
                     "checks MX host names)"),
  },
  {
    .id = "mx-is-cname",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MX host is an alias (CNAME)"),
    .verdict = N_("The MX host {host} is an alias for {canonical-name}."),
    .what = N_("An MX record must name the mail server's own host name. Here it names {host}, "
               "which is a CNAME: an alias record that says \"look up this other name "
               "instead\", pointing to {canonical-name}. The DNS standards require the target "
               "of an MX record to have its own address records, not an alias."),
    .why = N_("Most senders follow the alias anyway, so mail usually arrives. But some refuse "
              "it, and it confuses certificate checks: senders that verify names (MTA-STS, "
              "DANE) check the certificate against the MX name {host}, while the server often "
              "presents a certificate for {canonical-name}. DANE also needs every name of the "
              "alias chain to be signed with DNSSEC."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Point the MX record at the real host name (or replace the "
                               "CNAME with A and AAAA records):\n"
                               "    {domain}. 3600 IN MX 10 {canonical-name}.\n"
                               "2. Make sure the server's certificate carries the name used in "
                               "the MX record.\n"
                               "3. Check:\n"
                               "    dig MX {domain}\n"
                               "    dig CNAME {host}") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Providers sometimes tell customers to use a CNAME. Ask yours: "
                              "\"Which host name should our MX record name directly, with its own "
                              "address records and not a CNAME, and does your certificate carry "
                              "that name?\"") },
    },
    .references = N_("RFC 2181 §10.3 (MX must not name an alias); RFC 5321 §5.1; RFC 7672 §2.2 "
                     "(DANE and CNAME expansion)"),
  },
  {
    .id = "mx-is-ip-literal",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MX record names an IP address"),
    .verdict = N_("The MX record of {domain} names the IP address {host} instead of a host name."),
    .what = N_("An MX record must contain a host name, like mx1.{domain}, never an IP address. "
               "The value {host} looks like an address, so senders look it up as if it were a "
               "name, and no such name exists."),
    .why = N_("Correct senders cannot deliver: the lookup of \"{host}\" as a name fails, and "
              "mail waits in queues, then bounces. The few lenient senders that accept it hide "
              "the problem. A host name is also needed for a certificate: certificates for mail "
              "servers name hosts, not addresses."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Give the mail server a host name with an address record "
                               "(A for an IPv4 address, AAAA for IPv6):\n"
                               "    mx1.{domain}. 3600 IN A {host}\n"
                               "2. Point the MX record at that name (note the final dot):\n"
                               "    {domain}. 3600 IN MX 10 mx1.{domain}.\n"
                               "3. Get a certificate for that name and install it on the "
                               "server.") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Ask your provider: \"Which host name should our MX record name "
                              "instead of the address {host}?\"") },
    },
    .references = N_("RFC 1035 §3.3.9 (an MX record holds a domain name); RFC 5321 §5.1"),
  },
  {
    .id = "mx-target-missing",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MX host has no address"),
    .verdict = N_("The MX host {host} has no IPv4 or IPv6 address, so nobody can deliver to it."),
    .what = N_("The MX record points to {host}, but the DNS has neither an A record (IPv4 "
               "address) nor an AAAA record (IPv6 address) for it, or the name does not exist "
               "at all. A sender that picks this MX host has nowhere to connect."),
    .why = N_("If other MX hosts work, senders skip this one and mail is only delayed. If it is "
              "the only MX host, mail for {domain} cannot be delivered and bounces after the "
              "senders' retry period. This is often a leftover record after a server move."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. If the host still exists, publish its address records:\n"
                               "    {host}. 3600 IN A <IPv4-address>\n"
                               "    {host}. 3600 IN AAAA <IPv6-address>\n"
                               "2. If the host is gone, delete its MX record from the zone of "
                               "{domain}.\n"
                               "3. Check:\n"
                               "    dig MX {domain}\n"
                               "    dig A {host}\n"
                               "    dig AAAA {host}") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Ask your provider: \"Our MX record points to {host}, which has "
                              "no address in DNS. Which MX host names should we publish?\"") },
    },
    .references = N_("RFC 5321 §5.1 (MX hosts and their addresses)"),
  },
  {
    .id = "dnssec-bogus",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DNSSEC validation failed"),
    .verdict = N_("The {type} answer for {name} failed DNSSEC validation."),
    .what = N_("DNSSEC (DNS Security Extensions) signs DNS records, so that a resolver can prove "
               "they are genuine. The resolver used for this check tried to verify the "
               "signatures on the {type} record of {name} and failed (reason: {reason}). Such "
               "an answer is called \"bogus\": it must be treated as forged."),
    .why = N_("Every validating resolver (most large mail providers validate) throws a bogus "
              "answer away, as if the DNS had failed. Senders behind them cannot deliver to "
              "{domain} at all until it is fixed, and DANE depends on DNSSEC completely. Usual "
              "causes: expired signatures, or a DS record at the registrar that no longer "
              "matches the zone's key after a key change."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Find where the chain of trust breaks, with DNSViz "
                               "(dnsviz.net) or:\n"
                               "    delv {type} {name}\n"
                               "    dig +dnssec {type} {name}\n"
                               "2. Expired signatures: make sure the zone is re-signed "
                               "automatically (for example BIND's dnssec-policy, or your DNS "
                               "host's signing), and re-sign it now.\n"
                               "3. DS mismatch: publish at the registrar the DS record that "
                               "matches the zone's current key signing key:\n"
                               "    dig +noall +answer DNSKEY {domain} | dnssec-dsfromkey -f - "
                               "{domain}\n"
                               "4. Last resort: remove the DS record at the registrar to switch "
                               "DNSSEC off, and stop signing only after the old DS record's TTL "
                               "has passed.") },
      FIX_DNS_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"DNSSEC validation of {name} ({type}) "
                              "fails (reason: {reason}). Please check the zone's signatures, and "
                              "that the DS record at the registrar matches the current key.\"") },
    },
    .references = N_("RFC 4033, RFC 4034, RFC 4035 (DNSSEC); RFC 4035 §5.5 (bogus answers); "
                     "RFC 7672 §2.1 (DANE needs DNSSEC)"),
  },

  /* SMTP */
  {
    .id = "host-unreachable",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Mail server not reachable"),
    .verdict = N_("Could not connect to {host} at {address} on the SMTP port."),
    .what = N_("The check tried to open a TCP connection (the network channel SMTP runs over) "
               "to {host} at {address}, on the SMTP port (normally 25, the port mail servers "
               "use to receive mail from each other). It failed: {reason}. \"Connection "
               "refused\" means the machine answered but nothing listens on the port; a timeout "
               "or \"unreachable\" means a firewall drops the packets or there is no route."),
    .why = N_("Senders try the next address or MX host, and retry later. If every address of "
              "every MX host fails, mail waits in queues and bounces after a few days. If only "
              "IPv6 fails, most senders fall back to IPv4. Many home and cloud networks block "
              "outgoing port 25: if every server looks unreachable, run the check from another "
              "network."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Test the port from outside your network:\n"
                               "    nc -vz {address} 25\n"
                               "2. On the server, check that the mail service runs and listens on "
                               "the public addresses, not only on 127.0.0.1:\n"
                               "    ss -ltnp | grep ':25 '\n"
                               "3. Open port 25/tcp in the host firewall and in any cloud "
                               "security group, for IPv4 and IPv6.\n"
                               "4. If the address is wrong or retired, fix the A or AAAA record "
                               "of {host}.") },
      [STI_MTA_POSTFIX] = { N_("Postfix listens on port 25 when the smtp line of master.cf is "
                               "active and main.cf lets it listen on the public addresses:\n"
                               "    # /etc/postfix/master.cf\n"
                               "    smtp      inet  n       -       y       -       -       smtpd\n"
                               "    # /etc/postfix/main.cf\n"
                               "    inet_interfaces = all\n"
                               "    inet_protocols = all\n"
                               "A change of inet_interfaces needs a restart, not a reload:\n"
                               "    postfix check && systemctl restart postfix\n"
                               "    ss -ltnp | grep master\n"
                               "With postscreen, the smtp line runs postscreen instead of "
                               "smtpd.") },
      [STI_MTA_EXIM] = { N_("Debian's Exim listens only on the loopback addresses by default. "
                            "In /etc/exim4/update-exim4.conf.conf, listen on all addresses:\n"
                            "    dc_local_interfaces=''\n"
                            "    update-exim4.conf && systemctl restart exim4\n"
                            "Elsewhere, in the main section of the configuration:\n"
                            "    daemon_smtp_ports = 25\n"
                            "    local_interfaces = <; 0.0.0.0 ; ::0\n"
                            "Check with:\n"
                            "    ss -ltnp | grep exim") },
      [STI_MTA_SENDMAIL] = { N_("Many default Sendmail configurations (Debian, Red Hat) listen "
                                "only on 127.0.0.1. In sendmail.mc, remove the Addr= restriction "
                                "from DAEMON_OPTIONS:\n"
                                "    DAEMON_OPTIONS(`Family=inet, Name=MTA-v4, Port=smtp')dnl\n"
                                "    DAEMON_OPTIONS(`Family=inet6, Name=MTA-v6, Port=smtp')dnl\n"
                                "    make -C /etc/mail && systemctl restart sendmail\n"
                                "    ss -ltnp | grep sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange receives Internet mail on the receive connector "
                                "\"Default Frontend <server>\", bound to port 25. Check its "
                                "bindings, who may use it, and the service:\n"
                                "    Get-ReceiveConnector | Format-List "
                                "Identity,Bindings,RemoteIPRanges,PermissionGroups\n"
                                "    Get-Service MSExchangeFrontEndTransport\n"
                                "Windows Firewall and every firewall in front of the server must "
                                "let TCP port 25 in from the Internet; if mail arrives through a "
                                "gateway or load balancer, check that one as well.") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"We cannot connect to our MX host {host} at "
                              "{address} on port 25 ({reason}). Is this address still in service, "
                              "or should our DNS point elsewhere?\"") },
    },
    .references = N_("RFC 5321 §5.1 (senders try each address and MX host); RFC 5321 §4.5.4 "
                     "(retrying); RFC 9293 (TCP)"),
  },
  {
    .id = "smtp-timeout",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Mail server too slow to answer"),
    .verdict = N_("{host} at {address} did not answer in time, during {stage}."),
    .what = N_("The server {host} at {address} did not answer within the check's time limit "
               "({timeout}) during {stage}. Slow answers come from overloaded servers, from "
               "anti-spam \"tarpitting\" (deliberately slow replies to unknown clients), from "
               "lookups the server makes about the client that time out, or from a firewall "
               "that silently drops packets."),
    .why = N_("Senders wait longer than this check (RFC 5321 suggests 5 minutes for the "
              "greeting), so mail may still arrive, late. A server that stalls during STARTTLS "
              "or the TLS handshake is worse: many opportunistic senders then give up on "
              "encryption and deliver in plain text."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Connect by hand and watch how long each step takes:\n"
                               "    openssl s_client -starttls smtp -connect {address}:25 "
                               "-servername {host}\n"
                               "2. Check the server's load and its log at the time of the "
                               "check.\n"
                               "3. Check that the server's own DNS resolver answers quickly: "
                               "mail servers look up every client before greeting it.\n"
                               "4. If you slow down clients against spam, keep the greeting and "
                               "STARTTLS fast, or exempt known senders.") },
      [STI_MTA_POSTFIX] = { N_("Look for delays in the log (journalctl -u postfix, or "
                               "/var/log/mail.log). Settings that slow clients down on purpose "
                               "include postscreen's greeting pause and the error sleep time:\n"
                               "    postconf postscreen_greet_wait smtpd_error_sleep_time "
                               "smtpd_soft_error_limit\n"
                               "Check on the server that DNS answers quickly:\n"
                               "    time dig +short MX {domain}") },
      [STI_MTA_EXIM] = { N_("Check /var/log/exim4/mainlog for slow host lookups and for "
                            "\"delay\" conditions in the ACLs. Older Exim versions wait for an "
                            "ident (RFC 1413) answer before greeting; switch that off:\n"
                            "    rfc1413_query_timeout = 0s\n"
                            "    exim -bP rfc1413_query_timeout smtp_accept_max") },
      [STI_MTA_SENDMAIL] = { N_("Sendmail greets only after its own checks; slow DNS or ident "
                                "lookups and the greet_pause feature delay the greeting. In "
                                "sendmail.mc:\n"
                                "    define(`confTO_IDENT', `0')dnl\n"
                                "    FEATURE(`greet_pause', `1000')dnl\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Check the receive connector's timeouts and tarpit interval:\n"
                                "    Get-ReceiveConnector | Format-List "
                                "Identity,ConnectionTimeout,ConnectionInactivityTimeout,TarpitInte"
                                "rval\n"
                                "Also look for back pressure events (resource pressure) in the "
                                "Application log: under back pressure Exchange slows down or "
                                "refuses connections.") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) does not "
                              "answer within {timeout} during {stage}. Is it overloaded, or does "
                              "it slow down unknown senders?\"") },
    },
    .references = N_("RFC 5321 §4.5.3.2 (SMTP timeouts); RFC 3207 §4 (STARTTLS)"),
  },
  {
    .id = "smtp-temporary-failure",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Mail server refused temporarily"),
    .verdict = N_("{host} at {address} answered with the temporary error {code}."),
    .what = N_("SMTP replies start with a three-digit code; codes starting with 4 mean "
               "\"temporary failure, try again later\". {host} answered {code} during {stage}: "
               "\"{reply}\". Code 421 means the server closes the connection at once: it is "
               "overloaded, shutting down, or limiting connections from the checking "
               "computer's address. Other 4xx codes are often greylisting: refusing unknown "
               "senders once, on purpose."),
    .why = N_("Real senders queue the mail and retry, so it usually arrives late rather than "
              "never. But while the server answers 4xx, its encryption cannot be tested: this "
              "result says nothing about STARTTLS. If the refusal targets only the checking "
              "computer (a rate limit, a block list of home addresses), senders are not "
              "affected."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Read the reply text: \"{reply}\".\n"
                               "2. Look in the server's log for the reason, at the time of the "
                               "check.\n"
                               "3. If it is a rate limit or block list aimed at the checking "
                               "computer, run the check again later or from another network.\n"
                               "4. If the server is overloaded or refuses everyone, fix that "
                               "first, then check again to test STARTTLS.") },
      [STI_MTA_POSTFIX] = { N_("Postfix answers 421 when it runs out of processes or a client "
                               "exceeds its connection limits, and 4xx from postscreen, "
                               "greylisting policy services and restrictions with "
                               "soft_bounce. Find the reason and check the limits:\n"
                               "    journalctl -u postfix --since '15 min ago' | grep -i "
                               "'reject\\|warning'\n"
                               "    postconf default_process_limit "
                               "smtpd_client_connection_count_limit "
                               "smtpd_client_connection_rate_limit") },
      [STI_MTA_EXIM] = { N_("Exim answers 421 when smtp_accept_max or smtp_accept_max_per_host "
                            "is reached or the load is too high (smtp_load_reserve), and 4xx "
                            "from \"defer\" in its ACLs, for example greylisting. Check:\n"
                            "    exim -bP smtp_accept_max smtp_accept_max_per_host "
                            "smtp_load_reserve\n"
                            "    tail -n 50 /var/log/exim4/rejectlog") },
      [STI_MTA_SENDMAIL] = { N_("Sendmail refuses connections when the load average is above "
                                "confREFUSE_LA or a connection rate limit is exceeded "
                                "(confCONNECTION_RATE_THROTTLE, the ratecontrol and conncontrol "
                                "features). Check the log and raise limits that are too low for "
                                "the machine:\n"
                                "    grep -i 'refus\\|rate' /var/log/mail.log | tail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange answers 4xx under back pressure (too little free "
                                "disk space or memory on the transport server) and when the "
                                "receive connector's connection limits are reached. Check:\n"
                                "    Get-ExchangeDiagnosticInfo -Server <server> -Process "
                                "EdgeTransport -Component ResourceThrottling\n"
                                "    Get-ReceiveConnector | Format-List "
                                "Identity,MaxInboundConnection,MaxInboundConnectionPerSource\n"
                                "and free disk space on the drive of the queue database.") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) answers "
                              "\"{code} {reply}\" during {stage}. Is it rate-limiting, or out of "
                              "service?\"") },
    },
    .references = N_("RFC 5321 §4.2.1 (reply codes); RFC 5321 §3.8 (421); RFC 5321 §4.5.4.1 "
                     "(retrying)"),
  },
  {
    .id = "smtp-protocol-error",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("SMTP dialogue failed"),
    .verdict = N_("The SMTP dialogue with {host} at {address} broke off during {stage}."),
    .what = N_("SMTP (Simple Mail Transfer Protocol) is the text dialogue mail servers hold: the "
               "server greets with 220, the client introduces itself with EHLO, and so on. The "
               "dialogue with {host} failed during {stage}: the server refused permanently "
               "(a 5xx code), sent something that is not valid SMTP, or closed the "
               "connection. The detail shown with this finding says which."),
    .why = N_("Senders hit the same failure: a permanent refusal makes them bounce the mail, a "
              "dropped connection makes them retry later. Nothing is delivered, encrypted or "
              "not. A server that closes the connection right after the greeting often blocks "
              "the checking computer's address only (a block list of home or cloud networks)."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Talk to the server by hand and compare:\n"
                               "    nc {address} 25\n"
                               "    EHLO test.example\n"
                               "    QUIT\n"
                               "2. Look in the server's log for the reason, at the time of the "
                               "check.\n"
                               "3. If a firewall with \"SMTP inspection\" or an anti-spam "
                               "appliance sits in front of the server, test without it: such "
                               "devices often mangle EHLO replies and STARTTLS.\n"
                               "4. If only the checking computer is refused, check again from "
                               "another network.") },
      [STI_MTA_POSTFIX] = { N_("Find the session in the log:\n"
                               "    journalctl -u postfix --since '15 min ago' | grep -i "
                               "'reject\\|lost connection\\|warning'\n"
                               "Postfix refuses clients in smtpd_client_restrictions and in "
                               "postscreen, and disconnects clients that exceed "
                               "smtpd_hard_error_limit.") },
      [STI_MTA_EXIM] = { N_("Find the session in /var/log/exim4/mainlog and rejectlog. "
                            "Refusals at the greeting come from acl_smtp_connect, refusals of "
                            "EHLO from acl_smtp_helo:\n"
                            "    grep -i 'rejected\\|unexpected disconnection' "
                            "/var/log/exim4/mainlog | tail") },
      [STI_MTA_SENDMAIL] = { N_("Look in /var/log/mail.log (or maillog). Refusals at the "
                                "greeting usually come from Connect: entries of the access "
                                "database or from a milter:\n"
                                "    grep -i 'reject\\|lost input' /var/log/mail.log | tail\n"
                                "    makemap -u hash /etc/mail/access | grep -i connect") },
      [STI_MTA_EXCHANGE] = { N_("Switch on protocol logging for the receive connector and "
                                "check again:\n"
                                "    Set-ReceiveConnector '<server>\\Default Frontend <server>' "
                                "-ProtocolLoggingLevel Verbose\n"
                                "The logs are in the folder TransportRoles\\Logs\\FrontEnd\\Protoc"
                                "olLog\\SmtpReceive of the "
                                "Exchange installation. "
                                "Also check anti-spam agents and any gateway in front of "
                                "Exchange.") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The SMTP session with our MX host {host} "
                              "({address}) fails during {stage}: {detail} Can you check the "
                              "server's logs?\"") },
    },
    .references = N_("RFC 5321 §4.2 (replies); RFC 5321 §4.1.1.1 (EHLO); RFC 5321 §3.2 (HELO "
                     "fallback)"),
  },
  {
    .id = "starttls-not-offered",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("STARTTLS not offered: mail travels unencrypted"),
    .verdict = N_("{host} at {address} does not offer STARTTLS, so mail to it is sent in "
                  "the clear."),
    .what = N_("SMTP starts unencrypted. A server that can encrypt says so by listing the word "
               "STARTTLS in its answer to EHLO (the client's greeting, which asks for the "
               "server's capabilities); the client then sends STARTTLS, and both switch to TLS "
               "(Transport Layer Security, the encryption HTTPS uses too). {host} did not list "
               "STARTTLS, so no sender can encrypt mail to it."),
    .why = N_("Every message to this server crosses the Internet readable by anyone on the "
              "path: contents, attachments and addresses. If {domain} publishes an MTA-STS "
              "policy in enforce mode or DANE records, senders that honour them refuse to "
              "deliver here at all; so do senders configured to require TLS for your domain, "
              "common between companies, banks and public bodies. If STARTTLS was there "
              "before, a firewall may be stripping it."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Get a certificate for the MX names from a public "
                               "certificate authority (CA); Let's Encrypt is free and "
                               "automatic:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "   (--standalone needs port 80 of this machine reachable from the "
                               "Internet; otherwise use --webroot or a DNS plugin.)\n"
                               "2. Configure the mail server to offer STARTTLS with that "
                               "certificate and its private key: see the steps for your "
                               "server.\n"
                               "3. Check that STARTTLS is listed and works:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host}\n"
                               "4. If the server is configured but STARTTLS still does not "
                               "appear, look for a firewall with SMTP inspection (for example "
                               "\"inspect esmtp\" on Cisco ASA) that hides it, and switch that "
                               "off.") },
      [STI_MTA_POSTFIX] = { N_("In /etc/postfix/main.cf:\n"
                               "    smtpd_tls_security_level = may\n"
                               "    smtpd_tls_chain_files = /etc/letsencrypt/live/{cert_name}/priv"
                               "key.pem, /etc/letsencrypt/live/{cert_name}/fullchain.pem\n"
                               "    smtpd_tls_loglevel = 1\n"
                               "\"may\" offers encryption without forcing it, which is right for "
                               "a public MX host; never use \"encrypt\" on port 25, it would "
                               "refuse senders that cannot encrypt. Postfix older than 3.4 uses "
                               "smtpd_tls_cert_file (fullchain.pem) and smtpd_tls_key_file "
                               "(privkey.pem) instead of smtpd_tls_chain_files. Then:\n"
                               "    postfix reload\n"
                               "    posttls-finger -c '[{host}]'"),
                            P_POSTFIX_HOOK },
      [STI_MTA_EXIM] = { P_EXIM_INSTALL, P_EXIM_HOOK },
      [STI_MTA_SENDMAIL] = { P_SENDMAIL_INSTALL, P_SENDMAIL_HOOK },
      [STI_MTA_EXCHANGE] = { N_("Exchange offers STARTTLS on a receive connector when the "
                                "connector allows TLS and a valid certificate whose names "
                                "include the connector's FQDN is enabled for SMTP. In the "
                                "Exchange Management Shell:\n"
                                "    Get-ReceiveConnector | Format-List "
                                "Identity,Fqdn,AuthMechanism,TlsCertificateName\n"
                                "    Set-ReceiveConnector '<server>\\Default Frontend <server>' "
                                "-Fqdn {host} -AuthMechanism 'Tls, Integrated, BasicAuth, "
                                "BasicAuthRequireTLS, ExchangeServer'\n"
                                "    Enable-ExchangeCertificate -Thumbprint <thumbprint> "
                                "-Services SMTP\n"
                                "    Restart-Service MSExchangeFrontEndTransport\n"
                                "If a gateway or firewall sits in front of Exchange, check that "
                                "it passes STARTTLS through."),
                             P_EXCHANGE_INSTALL },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) does not "
                              "offer STARTTLS, so mail to us travels unencrypted. Please enable "
                              "STARTTLS with a certificate from a public CA for {mx_hosts}, or "
                              "tell us the MX records of servers that support it.\" Every large "
                              "mail provider supports STARTTLS; if yours cannot, consider "
                              "moving.") },
    },
    .references = N_("RFC 3207 §4 (the STARTTLS keyword and command; a public MX must not "
                     "require it); RFC 8461 §5 (MTA-STS enforce mode); RFC 7672 §2.2 (DANE)"),
  },
  {
    .id = "starttls-refused",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("STARTTLS offered but refused"),
    .verdict = N_("{host} offers STARTTLS but answered {code} when asked to start it."),
    .what = N_("The server lists STARTTLS among its capabilities, but when the check sent the "
               "STARTTLS command it answered {code} (\"{reply}\") instead of 220 (\"ready to "
               "start TLS\"). Code 454 means \"TLS not available due to temporary reason\": "
               "almost always, the server cannot load its certificate or private key (wrong "
               "path, wrong permissions, or a key that does not match the certificate)."),
    .why = N_("Senders that encrypt opportunistically usually retry without encryption, so mail "
              "arrives, readable by anyone on the path. Senders that require TLS (MTA-STS in "
              "enforce mode, DANE, routes configured to require TLS) refuse to deliver. It is "
              "always a mistake: the server advertises something it cannot do."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Look in the mail server's log at the time of the check: it "
                               "names the file or key problem.\n"
                               "2. Check that the certificate and key files exist, can be read "
                               "by the mail server's user, and belong together (both lines must "
                               "print the same hash):\n"
                               "    openssl x509 -in fullchain.pem -noout -pubkey | openssl "
                               "sha256\n"
                               "    openssl pkey -in privkey.pem -pubout | openssl sha256\n"
                               "3. Fix paths or permissions, reload the server, and test:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host}") },
      [STI_MTA_POSTFIX] = { N_("Postfix answers 454 \"TLS not available due to local problem\" "
                               "when it cannot load the certificate or key; the log says why:\n"
                               "    journalctl -u postfix | grep -i 'tls\\|certificate\\|key' | "
                               "tail\n"
                               "    postconf smtpd_tls_chain_files smtpd_tls_cert_file "
                               "smtpd_tls_key_file\n"
                               "A working setup:\n"
                               "    smtpd_tls_chain_files = /etc/letsencrypt/live/{cert_name}/priv"
                               "key.pem, /etc/letsencrypt/live/{cert_name}/fullchain.pem\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("Exim answers 454 when it cannot read tls_certificate or "
                            "tls_privatekey, typically because its user (Debian-exim on Debian) "
                            "cannot read files under /etc/letsencrypt. The logs say so:\n"
                            "    tail /var/log/exim4/paniclog /var/log/exim4/mainlog"),
                         P_EXIM_INSTALL },
      [STI_MTA_SENDMAIL] = { N_("Sendmail answers 454 when its TLS set-up failed at start, most "
                                "often because of file permissions: it refuses a private key "
                                "that group or others may read. The log says \"STARTTLS=server\" "
                                "and names the file:\n"
                                "    grep -i starttls /var/log/mail.log | tail\n"
                                "    chmod 600 /etc/mail/tls/privkey.pem\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange answers 454 4.7.0 when no valid certificate enabled "
                                "for SMTP matches the connector's FQDN, or when the "
                                "certificate's private key cannot be used. Check, and look for "
                                "event 12014 of MSExchangeTransport in the Application log:\n"
                                "    Get-ExchangeCertificate | Format-List "
                                "FriendlyName,CertificateDomains,Thumbprint,NotAfter,Services,HasP"
                                "rivateKey\n"
                                "    Get-ReceiveConnector | Format-List "
                                "Identity,Fqdn,TlsCertificateName\n"
                                "    Enable-ExchangeCertificate -Thumbprint <thumbprint> "
                                "-Services SMTP") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) offers "
                              "STARTTLS but answers \"{code} {reply}\" to it, so mail reaches us "
                              "unencrypted. Please fix the server's TLS certificate or key.\"") },
    },
    .references = N_("RFC 3207 §4 (STARTTLS replies 220 and 454)"),
  },
  {
    .id = "plaintext-injection",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Plain text slipped into the switch to TLS"),
    .verdict = N_("{host} sent {bytes} bytes of plain text right after accepting STARTTLS."),
    .what = N_("After the server answers STARTTLS with 220, the next bytes on the connection "
               "must be the TLS handshake. {host} sent extra plain-text data at that moment "
               "(\"{data}\"). A sender with a buffering flaw would read those bytes as if they "
               "had arrived encrypted; this is the family of \"STARTTLS injection\" bugs "
               "(CVE-2011-0411 and its relatives). The check discarded them."),
    .why = N_("An attacker on the path can use such buffering flaws to smuggle commands or "
              "replies across the switch to encryption, so that they look protected. Correct "
              "senders discard the bytes, as this check did, but it shows that the server "
              "software, or a device in front of it, mishandles STARTTLS and may have related, "
              "worse bugs."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Check again from another network: if the bytes appear only "
                               "on some paths, a device on the way (firewall, proxy, anti-spam "
                               "gateway) inserts them.\n"
                               "2. Update the mail server software: the known injection bugs "
                               "are fixed in current releases.\n"
                               "3. Switch off \"SMTP inspection\" or \"SMTP fixup\" in firewalls "
                               "in front of the server.\n"
                               "4. Watch the raw exchange yourself:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} -msg") },
      [STI_MTA_POSTFIX] = { N_("Postfix fixed this family of bugs in 2011 (CVE-2011-0411). "
                               "Check the version and update to a supported release:\n"
                               "    postconf mail_version\n"
                               "A current Postfix sends nothing after its 220 reply to STARTTLS, "
                               "so bytes seen there come from something in front of it.") },
      [STI_MTA_EXIM] = { N_("Update Exim to a supported release (4.95 fixed the last known "
                            "STARTTLS buffering flaw, CVE-2021-38371) and check the version:\n"
                            "    exim -bV | head -n 1\n"
                            "A current Exim sends nothing after its 220 reply to STARTTLS, so "
                            "bytes seen there come from something in front of it.") },
      [STI_MTA_SENDMAIL] = { N_("Update Sendmail to a current release and check which version "
                                "runs:\n"
                                "    sendmail -d0.1 -bv root | head -n 1\n"
                                "If it is current, look for a device in front of the server that "
                                "rewrites SMTP.") },
      [STI_MTA_EXCHANGE] = { N_("Install the latest Cumulative Update and Security Update for "
                                "your Exchange version. If Exchange is current, check the "
                                "devices in front of it (firewall SMTP inspection, anti-spam "
                                "gateway) that may insert data.") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"After our MX host {host} ({address}) "
                              "answers STARTTLS with 220, it sends {bytes} bytes of plain text "
                              "before the TLS handshake (\"{data}\"). This is a STARTTLS "
                              "injection weakness; please update the server software or the "
                              "device in front of it.\"") },
    },
    .references = N_("RFC 3207 §4.2 and §6 (security considerations); CVE-2011-0411; "
                     "Poddebniak et al., \"Why TLS is better without STARTTLS\", USENIX "
                     "Security 2021"),
  },
  {
    .id = "tls-handshake-failed",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("TLS handshake failed"),
    .verdict = N_("{host} accepted STARTTLS, but the TLS handshake with it failed."),
    .what = N_("After STARTTLS, client and server run the TLS handshake: they agree on a "
               "protocol version and a cipher suite (the set of algorithms used), and the "
               "server sends its certificate. With {host} at {address} this failed: {reason} "
               "(TLS alert: {alert_name}). Usual causes: the server speaks only outdated "
               "versions or ciphers that current software refuses, a broken certificate or "
               "key, or a device on the path that interferes."),
    .why = N_("Most opportunistic senders then retry without encryption, so mail arrives in "
              "plain text; others keep it queued. Senders that require TLS (MTA-STS in enforce "
              "mode, DANE) cannot deliver at all. The effect is that of no STARTTLS, but "
              "hidden: the server looks encrypted in its capability list."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Reproduce it and read the error:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host}\n"
                               "2. Enable TLS 1.2 and TLS 1.3 on the server, with current cipher "
                               "suites (ECDHE with AES-GCM or ChaCha20).\n"
                               "3. Check that certificate and key belong together and that the "
                               "key is supported (RSA of 2048 bits or more, or ECDSA P-256 or "
                               "P-384).\n"
                               "4. Read the server's log at the time of the check: the server "
                               "usually records why it aborted.") },
      [STI_MTA_POSTFIX] = { N_("Look for \"SSL_accept error\" in the log: it names the reason. "
                               "Remove hand-written protocol and cipher settings so that "
                               "Postfix's defaults apply:\n"
                               "    postconf -X smtpd_tls_protocols smtpd_tls_mandatory_protocols "
                               "smtpd_tls_ciphers smtpd_tls_exclude_ciphers\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("Look for \"TLS error on connection\" in /var/log/exim4/mainlog: it "
                            "names the reason. Remove custom tls_require_ciphers and "
                            "openssl_options settings so that the TLS library's defaults apply "
                            "(exim -bV shows whether Exim uses GnuTLS, as on Debian, or "
                            "OpenSSL):\n"
                            "    exim -bP tls_require_ciphers openssl_options\n"
                            "    update-exim4.conf && systemctl restart exim4") },
      [STI_MTA_SENDMAIL] = { N_("Look for \"STARTTLS=server\" errors in the mail log. Remove "
                                "restrictive confCIPHER_LIST and confSERVER_SSL_OPTIONS settings "
                                "from sendmail.mc, then rebuild and restart:\n"
                                "    grep -i starttls /var/log/mail.log | tail\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange uses the TLS stack of Windows (Schannel). Make sure "
                                "TLS 1.2 is enabled, for Windows and for .NET; Microsoft's "
                                "Exchange Health Checker script (HealthChecker.ps1) reports the "
                                "TLS settings. Look for Schannel errors (events 36874 and 36888) "
                                "in the System log, and check that the certificate enabled for "
                                "SMTP has its private key:\n"
                                "    Get-ExchangeCertificate | Format-List "
                                "Thumbprint,Services,HasPrivateKey,NotAfter") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) accepts "
                              "STARTTLS, but the TLS handshake fails ({reason}). Please check "
                              "that it supports TLS 1.2 or 1.3 with a valid certificate.\"") },
    },
    .references = N_("RFC 8446 (TLS 1.3); RFC 5246 (TLS 1.2); RFC 9325 (recommendations for "
                     "TLS); RFC 3207 §4.1"),
  },

  /* TLS */
  {
    .id = "tls-version-obsolete",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Obsolete TLS version"),
    .verdict = N_("{host} negotiated or accepted the obsolete protocol {version}."),
    .what = N_("TLS comes in versions. TLS 1.0 (1999) and TLS 1.1 (2006) were formally "
               "deprecated in 2021 by RFC 8996, because they depend on weak algorithms (SHA-1, "
               "MD5, and CBC constructions attacked by BEAST and Lucky13). The current versions "
               "are TLS 1.2 and TLS 1.3. {host} at {address} still speaks {version}."),
    .why = N_("An old version still encrypts, and opportunistic senders accept it, so the risk "
              "for mail is smaller than it sounds. But if the server offers nothing newer, many "
              "current systems (for example Debian and Ubuntu with OpenSSL 3) refuse the "
              "handshake by default and deliver in plain text or not at all. A server that "
              "merely still accepts TLS 1.0 beside TLS 1.2 has a hygiene problem only: switch "
              "the old versions off once no client of yours needs them."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Make sure the server supports TLS 1.2 and TLS 1.3 (that needs "
                               "a current TLS library: OpenSSL 1.1.1 or later, GnuTLS 3.6 or "
                               "later).\n"
                               "2. Switch off SSL 3.0, TLS 1.0 and TLS 1.1.\n"
                               "3. Check which versions are accepted; the first line must fail "
                               "and the second work (a current openssl may need the extra "
                               "option -cipher 'DEFAULT@SECLEVEL=0' to even try TLS 1.1):\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 -tls1_1\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 -tls1_2") },
      [STI_MTA_POSTFIX] = { N_("In /etc/postfix/main.cf, with Postfix 3.6 or later:\n"
                               "    smtpd_tls_protocols = >=TLSv1.2\n"
                               "    smtpd_tls_mandatory_protocols = >=TLSv1.2\n"
                               "With older Postfix:\n"
                               "    smtpd_tls_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1\n"
                               "    smtpd_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, "
                               "!TLSv1.1\n"
                               "Then:\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("With GnuTLS (Debian's Exim), in the main configuration:\n"
                            "    tls_require_ciphers = NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2\n"
                            "With OpenSSL:\n"
                            "    openssl_options = +no_sslv2 +no_sslv3 +no_tlsv1 +no_tlsv1_1\n"
                            "Then restart Exim (on Debian: update-exim4.conf && systemctl restart "
                            "exim4).") },
      [STI_MTA_SENDMAIL] = { N_("In sendmail.mc (Sendmail built with OpenSSL):\n"
                                "    define(`confSERVER_SSL_OPTIONS', `+SSL_OP_NO_SSLv2 "
                                "+SSL_OP_NO_SSLv3 +SSL_OP_NO_TLSv1 +SSL_OP_NO_TLSv1_1')dnl\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange uses the TLS stack of Windows (Schannel). Make sure "
                                "TLS 1.2 is enabled first, then disable TLS 1.0 for the server "
                                "side in the registry and reboot; repeat with \"TLS 1.1\". "
                                "Microsoft's Exchange TLS guidance and HealthChecker.ps1 cover the "
                                "matching .NET settings:\n"
                                "    New-Item 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Security"
                                "Providers\\SCHANNEL\\Protocols\\TLS 1.0\\Server' -Force\n"
                                "    New-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\"
                                "SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server' -Name "
                                "Enabled -Value 0 -PropertyType DWord -Force\n"
                                "    New-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\"
                                "SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server' -Name "
                                "DisabledByDefault -Value 1 -PropertyType DWord -Force") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) still uses "
                              "{version}. Please enable TLS 1.2 and 1.3 and switch off TLS 1.0 "
                              "and 1.1 (RFC 8996).\"") },
    },
    .references = N_("RFC 8996 (TLS 1.0 and 1.1 deprecated); RFC 9325 (recommendations for TLS); "
                     "RFC 8446 (TLS 1.3)"),
  },
  {
    .id = "tls-cipher-weak",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Weak cipher suite"),
    .verdict = N_("{host} negotiated or accepts the weak cipher suite {cipher}."),
    .what = N_("A cipher suite is the set of algorithms a TLS connection uses for key exchange, "
               "authentication, encryption and integrity. {host} at {address} uses or accepts "
               "{cipher}, which relies on a broken or too short algorithm: for example RC4, "
               "3DES (attacked by Sweet32), DES, export-grade or NULL ciphers, or anonymous key "
               "exchange."),
    .why = N_("Depending on the cipher, an attacker who records the traffic may be able to "
              "decrypt it, so the mail is less protected than it appears. Current senders no "
              "longer offer these ciphers; a server that insists on them pushes senders back to "
              "plain text. For opportunistic SMTP a wide set of reasonable ciphers is fine: "
              "remove only the broken ones."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Remove RC4, DES, 3DES, NULL, EXPORT and anonymous cipher "
                               "suites from the server configuration.\n"
                               "2. Prefer ECDHE key exchange with AES-GCM or "
                               "ChaCha20-Poly1305; every TLS 1.3 suite is fine.\n"
                               "3. Check what is accepted, for example:\n"
                               "    nmap --script ssl-enum-ciphers -p 25 {host}") },
      [STI_MTA_POSTFIX] = { N_("Postfix's default cipher grade for opportunistic TLS (medium) "
                               "already excludes export and NULL ciphers. Exclude the other weak "
                               "ones in /etc/postfix/main.cf:\n"
                               "    smtpd_tls_ciphers = medium\n"
                               "    smtpd_tls_exclude_ciphers = RC4, 3DES, MD5\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("With GnuTLS (Debian's Exim), in the main configuration:\n"
                            "    tls_require_ciphers = NORMAL:-3DES-CBC:-ARCFOUR-128\n"
                            "With OpenSSL:\n"
                            "    tls_require_ciphers = DEFAULT:!RC4:!3DES:!aNULL:!eNULL\n"
                            "Then restart Exim.") },
      [STI_MTA_SENDMAIL] = { N_("In sendmail.mc:\n"
                                "    define(`confCIPHER_LIST', `HIGH:!aNULL:!eNULL:!RC4:!3DES:!MD5"
                                "')dnl\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Windows (Schannel) decides the cipher suites. List them and "
                                "disable the weak ones (Windows Server 2016 or later), then "
                                "reboot; RC4 is switched off under "
                                "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCH"
                                "ANNEL\\Ciphers. "
                                "Follow Microsoft's Exchange TLS guidance:\n"
                                "    Get-TlsCipherSuite | Format-Table Name\n"
                                "    Disable-TlsCipherSuite -Name "
                                "'TLS_RSA_WITH_3DES_EDE_CBC_SHA'") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) uses the weak "
                              "cipher suite {cipher}. Please disable RC4, 3DES and other obsolete "
                              "ciphers.\"") },
    },
    .references = N_("RFC 9325 (cipher suite recommendations); RFC 7465 (RC4 prohibited); RFC 8446 "
                     "(TLS 1.3); CVE-2016-2183 (Sweet32)"),
  },
  {
    .id = "tls-no-forward-secrecy",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No forward secrecy"),
    .verdict = N_("The TLS connection with {host} does not use forward secrecy."),
    .what = N_("Forward secrecy means that every connection uses a fresh, temporary key "
               "(ephemeral Diffie-Hellman: ECDHE or DHE) that is thrown away afterwards. Without "
               "it, with plain \"RSA key exchange\", every session key is protected only by the "
               "server's long-term private key. {host} at {address} negotiated {cipher}, which "
               "has no forward secrecy."),
    .why = N_("Anyone who records encrypted mail today and obtains the server's private key "
              "later (a stolen backup, a seized server, a leaked key) can decrypt all of it. "
              "With forward secrecy, a stolen key reveals nothing recorded in the past. TLS 1.3 "
              "always has forward secrecy; this happens only with TLS 1.2 or older."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Enable TLS 1.3 and ECDHE cipher suites, and prefer them to "
                               "plain RSA key exchange.\n"
                               "2. Check the result: a line \"Server Temp Key\" (or \"Peer Temp "
                               "Key\") must appear:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} </dev/null | grep -i 'temp key'") },
      [STI_MTA_POSTFIX] = { N_("Postfix enables ECDHE by default. Remove settings that switch it "
                               "off, and let the server choose the cipher:\n"
                               "    postconf -X smtpd_tls_eecdh_grade\n"
                               "    postconf -e 'tls_preempt_cipherlist = yes'\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("Make sure tls_require_ciphers does not limit key exchange to RSA. "
                            "With GnuTLS the default priority NORMAL includes ECDHE. With "
                            "OpenSSL:\n"
                            "    tls_require_ciphers = ECDHE+AESGCM:ECDHE+CHACHA20:DEFAULT:!RC4:!3"
                            "DES\n"
                            "Then restart Exim.") },
      [STI_MTA_SENDMAIL] = { N_("In sendmail.mc, put ECDHE first and let the server choose:\n"
                                "    define(`confCIPHER_LIST', `ECDHE+AESGCM:ECDHE+CHACHA20:HIGH:!"
                                "aNULL:!eNULL:!RC4:!3DES')dnl\n"
                                "    define(`confSERVER_SSL_OPTIONS', "
                                "`+SSL_OP_CIPHER_SERVER_PREFERENCE')dnl\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Schannel supports ECDHE on every supported Windows Server. Make "
                                "sure the ECDHE suites are enabled and come first, and disable "
                                "the TLS_RSA_* suites once no client needs them, then reboot:\n"
                                "    Get-TlsCipherSuite | Format-Table Name\n"
                                "    Disable-TlsCipherSuite -Name 'TLS_RSA_WITH_AES_256_CBC_SHA256"
                                "'") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) negotiates "
                              "{cipher}, without forward secrecy. Please prefer ECDHE cipher "
                              "suites and enable TLS 1.3.\"") },
    },
    .references = N_("RFC 9325 (forward secrecy recommendations); RFC 8446 (TLS 1.3); RFC 7919 "
                     "(Diffie-Hellman groups)"),
  },

  /* Certificate */
  {
    .id = "cert-expired",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate expired"),
    .verdict = N_("The certificate \"{subject}\" of {host} expired on {not_after}."),
    .what = N_("A certificate is a signed statement that a public key belongs to a name, valid "
               "only between two dates. The certificate \"{subject}\" sent by {host} was valid "
               "until {not_after}; that moment has passed. If it is not the server's own "
               "certificate but an intermediate one, the server sends an outdated chain "
               "file."),
    .why = N_("Senders that only encrypt opportunistically, still most of them, ignore the dates "
              "and keep encrypting. Senders that validate certificates refuse to deliver: those "
              "that follow an MTA-STS policy of {domain} in enforce mode, DANE with a CA-based "
              "record (DANE-TA), and strictly configured servers. Their mail waits in queues "
              "and bounces after a few days. An expired certificate also shows that renewal is "
              "not automated."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Get a new certificate that covers all MX names; with Let's "
                               "Encrypt:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "2. Install it with its full chain and reload the mail server: see "
                               "the steps for your server.\n"
                               "3. Make renewal automatic, with a hook that reloads the mail "
                               "server (certbot's systemd timer runs twice a day):\n"
                               "    systemctl list-timers certbot.timer\n"
                               "4. If you publish DANE TLSA records of type \"3 1 1\", they pin "
                               "the key: keep the key (certbot --reuse-key) or publish the new "
                               "record before switching.\n"
                               "5. Check the dates the server now presents:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} </dev/null | openssl x509 -noout -dates") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate of our MX host {host} "
                              "({address}) expired on {not_after}. Please renew it and automate "
                              "its renewal.\"") },
    },
    .references = N_("RFC 5280 §4.1.2.5 (validity); RFC 8461 §4.2 (MTA-STS certificate checks); "
                     "RFC 7672 §3.1 (DANE certificate usages)"),
  },
  {
    .id = "cert-not-yet-valid",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate not yet valid"),
    .verdict = N_("The certificate \"{subject}\" of {host} becomes valid only on {not_before}."),
    .what = N_("Every certificate has a validity period: a \"not before\" and a \"not after\" "
               "date. The certificate \"{subject}\" sent by {host} is valid only from "
               "{not_before}. Either it was installed too early, it was issued with a wrong "
               "date, or the clock of the server or of this computer is wrong."),
    .why = N_("Senders that validate certificates (MTA-STS in enforce mode, DANE-TA, strict "
              "configurations) refuse it until that date, exactly as if it had expired. "
              "Opportunistic senders ignore the dates and still encrypt."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Check the clocks of this computer and of the mail server "
                               "(timedatectl).\n"
                               "2. If the clocks are right, put the previous certificate back "
                               "until {not_before}, or get one that is valid now:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "3. Reload the mail server and check the dates:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} </dev/null | openssl x509 -noout -dates") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) presents a "
                              "certificate that is valid only from {not_before}. Please install a "
                              "currently valid certificate.\"") },
    },
    .references = N_("RFC 5280 §4.1.2.5 (validity); RFC 8461 §4.2 (MTA-STS certificate checks)"),
  },
  {
    .id = "cert-expiring-soon",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate expires soon"),
    .verdict = N_("The certificate \"{subject}\" of {host} expires on {not_after}."),
    .what = N_("The certificate \"{subject}\" sent by {host} is still valid, but only until "
               "{not_after} (days left: {days}). Certificates from Let's Encrypt last 90 days "
               "and are renewed automatically about 30 days before the end; a certificate this "
               "close to its end usually means that renewal is not running, or that the mail "
               "server was not reloaded after it."),
    .why = N_("Nothing is wrong today. When the date passes, senders that validate certificates "
              "(MTA-STS in enforce mode, DANE-TA, strict configurations) stop delivering, while "
              "opportunistic ones carry on. Renewing now avoids a sudden outage for exactly the "
              "senders that care most about security."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Renew now:\n"
                               "    certbot renew --cert-name {cert_name}\n"
                               "2. Make sure renewal runs by itself:\n"
                               "    systemctl list-timers certbot.timer\n"
                               "    certbot renew --dry-run\n"
                               "3. If the certificate was renewed but the server still shows the "
                               "old one, the mail server was not reloaded: add a deploy hook "
                               "(see your server).\n"
                               "4. If you publish DANE TLSA records, plan the key change, or keep "
                               "the key with certbot --reuse-key.") },
      [STI_MTA_POSTFIX] = { P_POSTFIX_HOOK, P_POSTFIX_INSTALL },
      [STI_MTA_EXIM] = { P_EXIM_HOOK, P_EXIM_INSTALL },
      [STI_MTA_SENDMAIL] = { P_SENDMAIL_HOOK, P_SENDMAIL_INSTALL },
      [STI_MTA_EXCHANGE] = { P_EXCHANGE_RENEW, P_EXCHANGE_INSTALL },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate of our MX host {host} "
                              "expires on {not_after}. Is automatic renewal in place?\"") },
    },
    .references = N_("RFC 5280 §4.1.2.5 (validity); RFC 8555 (ACME, the protocol behind "
                     "automatic renewal)"),
  },
  {
    .id = "cert-self-signed",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Self-signed certificate"),
    .verdict = N_("{host} presents a self-signed certificate that nobody vouches for."),
    .what = N_("A certificate is normally signed by a certificate authority (CA): an "
               "organisation that checks who you are and that software trusts. A self-signed "
               "certificate is signed with its own key, so it only vouches for itself "
               "(\"{subject}\"). Mail servers often come with one made at installation time, "
               "such as the \"snakeoil\" certificate of Debian and Ubuntu."),
    .why = N_("Opportunistic senders, still most of them, accept it and encrypt, which protects "
              "against passive eavesdropping. But nothing proves that the server is yours: an "
              "attacker on the path can present a self-signed certificate of their own, and no "
              "sender can tell. Senders that validate (MTA-STS in enforce mode, DANE-TA, strict "
              "configurations) refuse to deliver. A self-signed certificate is fine only with "
              "DANE-EE (a TLSA record \"3 1 1\"), which pins the key itself through DNSSEC."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Replace it with a certificate from a public CA that covers "
                               "all MX names; Let's Encrypt is free and automatic:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "2. Install it with its full chain, reload the server (see your "
                               "server), and make renewal automatic.\n"
                               "3. Alternatively, if {domain} is signed with DNSSEC, keep the "
                               "certificate and publish a DANE-EE record for its key (MTA-STS "
                               "still needs a CA-signed certificate):\n"
                               "    openssl x509 -in cert.pem -noout -pubkey | openssl pkey "
                               "-pubin -outform DER | openssl sha256\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      [STI_MTA_POSTFIX] = { N_("Debian and Ubuntu install Postfix with the self-signed "
                               "\"snakeoil\" certificate (/etc/ssl/certs/ssl-cert-snakeoil.pem). "
                               "Replace those settings as shown below."),
                            P_POSTFIX_INSTALL, P_POSTFIX_HOOK },
      [STI_MTA_EXIM] = { P_EXIM_INSTALL, P_EXIM_HOOK },
      [STI_MTA_SENDMAIL] = { P_SENDMAIL_INSTALL, P_SENDMAIL_HOOK },
      [STI_MTA_EXCHANGE] = { N_("Exchange creates a self-signed certificate at installation, "
                                "meant for its internal traffic. Keep it for that, and enable a "
                                "certificate from a public CA for SMTP as shown below."),
                             P_EXCHANGE_INSTALL },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) presents a "
                              "self-signed certificate. Please install a certificate from a public "
                              "CA that covers {mx_hosts}.\"") },
    },
    .references = N_("RFC 5280 §6 (certification path validation); RFC 7672 §3.1.1 (DANE-EE); "
                     "RFC 8461 §4.2 (MTA-STS needs a trusted CA)"),
  },
  {
    .id = "cert-untrusted-issuer",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate from an untrusted issuer"),
    .verdict = N_("The certificate chain of {host} does not lead to a trusted certificate "
                  "authority."),
    .what = N_("Software trusts a certificate when it can follow a chain of signatures from it "
               "up to a root certificate in its trust store: the list of certificate "
               "authorities it trusts, shipped with the operating system. For {host}, the chain "
               "ends at \"{issuer}\", which this check could not link to the trust store "
               "({reasons}). Either the certificate comes from a private or unknown CA, or the "
               "server forgets to send the intermediate certificate that links it to a trusted "
               "root."),
    .why = N_("Opportunistic senders encrypt anyway. Senders that validate (MTA-STS in enforce "
              "mode, DANE-TA, strict configurations) refuse to deliver, exactly as with a "
              "self-signed certificate. If the issuer is your organisation's internal CA, only "
              "senders that were given that CA can verify it; senders on the Internet cannot."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. See which certificates the server sends:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} -showcerts </dev/null\n"
                               "2. If the last issuer is an intermediate of a public CA, add that "
                               "intermediate: serve the full chain file (fullchain.pem), not only "
                               "the certificate (cert.pem).\n"
                               "3. If the issuer is a private or unknown CA, replace the "
                               "certificate with one from a public CA:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "4. Reload the server and check again.") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate chain of our MX host {host} "
                              "({address}) does not lead to a trusted public CA (last issuer: "
                              "{issuer}). Please install a certificate from a public CA with its "
                              "complete chain.\"") },
    },
    .references = N_("RFC 5280 §6 (certification path validation); RFC 8446 §4.4.2 and RFC 5246 "
                     "§7.4.2 (the server sends its chain); RFC 8461 §4.2"),
  },
  {
    .id = "chain-missing-intermediate",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Intermediate certificate missing"),
    .verdict = N_("{host} does not send the intermediate certificate that links its certificate "
                  "to a trusted root."),
    .what = N_("Public CAs do not sign server certificates with their root directly, but with an "
               "intermediate certificate. The server must send its own certificate followed by "
               "the intermediate ones; clients only have the roots. {host} sends its "
               "certificate without the intermediate \"{subject}\", so a client cannot "
               "complete the chain. Web browsers hide this mistake by fetching or "
               "caching intermediates; mail servers generally do not."),
    .why = N_("Senders that validate (MTA-STS in enforce mode, DANE-TA, strict configurations) "
              "cannot build the chain and refuse to deliver. Opportunistic senders encrypt "
              "anyway. The mistake is easy to miss, because the same certificate may work in a "
              "web browser."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Serve the full chain file (fullchain.pem: the certificate "
                               "followed by the intermediate), not cert.pem.\n"
                               "2. If your CA sent separate files, join them in order, your "
                               "certificate first:\n"
                               "    cat {cert_name}.crt intermediate.crt > fullchain.pem\n"
                               "3. Reload the server and count the certificates it sends (two or "
                               "more):\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} -showcerts </dev/null | grep -c 'BEGIN "
                               "CERTIFICATE'") },
      FIX_CHAIN_MTAS,
      [STI_MTA_EXCHANGE] = { P_EXCHANGE_CHAIN },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) does not send "
                              "the intermediate certificate of its chain ({subject}). "
                              "Please configure the full chain: the certificate followed by its "
                              "intermediates.\"") },
    },
    .references = N_("RFC 5246 §7.4.2 and RFC 8446 §4.4.2 (the server sends the chain); RFC 5280 "
                     "§4.2.2.1 (Authority Information Access, used by browsers to fetch "
                     "intermediates)"),
  },
  {
    .id = "chain-wrong-order",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate chain in the wrong order"),
    .verdict = N_("{host} sends its certificate chain in the wrong order."),
    .what = N_("The server should send its own certificate first, then the certificate that "
               "signed it, then the one that signed that, and so on. {host} sends them out of "
               "order: certificate {position} (\"{subject}\") is not followed by its issuer, "
               "which comes only at position {issuer_position}. Positions count from 0, the "
               "server's own certificate."),
    .why = N_("Most current software sorts the chain itself, and TLS 1.3 tolerates some "
              "disorder, so most senders are not affected. Older or strict TLS libraries and "
              "some appliances cannot build the chain and, if they validate, refuse to deliver. "
              "The cause is usually files joined in the wrong order."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Rebuild the chain file in order: your certificate, then the "
                               "intermediates, and no root:\n"
                               "    cat {cert_name}.crt intermediate.crt > fullchain.pem\n"
                               "2. With certbot, use fullchain.pem as it is: it is in order.\n"
                               "3. Reload and check the order: each issuer line (i:) must equal "
                               "the subject line (s:) of the next certificate:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} -showcerts </dev/null | grep ' [si]:'") },
      FIX_CHAIN_MTAS,
      [STI_MTA_EXCHANGE] = { P_EXCHANGE_DEVICE },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) sends its "
                              "certificate chain in the wrong order. Please send the server "
                              "certificate first, followed by its intermediates.\"") },
    },
    .references = N_("RFC 5246 §7.4.2 (order required in TLS 1.2); RFC 8446 §4.4.2 (TLS 1.3: the "
                     "server's certificate first, the rest in order)"),
  },
  {
    .id = "chain-includes-root",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Chain includes the root certificate"),
    .verdict = N_("{host} also sends a root certificate, which clients ignore."),
    .what = N_("A root certificate is the self-signed certificate at the top of a chain; "
               "clients trust it only through their own copy in their trust store. Sending it "
               "in the chain (\"{subject}\", position {position}) is allowed but useless: no "
               "client uses the sent copy to decide trust."),
    .why = N_("Harmless for delivery: senders ignore it. It only adds about a kilobyte to every "
              "handshake, and an outdated root in the chain can confuse some old clients. Tidy "
              "it up the next time you touch the configuration."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Remove the root certificate from the end of the chain file: it "
                               "should hold your certificate and the intermediates only.\n"
                               "2. With certbot, use fullchain.pem, which contains no root.\n"
                               "3. Reload the server.") },
      FIX_CHAIN_MTAS,
      [STI_MTA_EXCHANGE] = { P_EXCHANGE_DEVICE },
      [STI_MTA_HOSTED] = { N_("No urgency. If you want it tidy, tell your provider: \"Our MX host "
                              "{host} sends the root certificate in its chain; it can be left "
                              "out.\"") },
    },
    .references = N_("RFC 5246 §7.4.2 and RFC 8446 §4.4.2 (the root may be left out)"),
  },
  {
    .id = "chain-duplicate",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate sent twice"),
    .verdict = N_("{host} sends the same certificate more than once in its chain."),
    .what = N_("The chain sent by {host} contains \"{subject}\" twice (positions "
               "{first_position} and {position}). A chain lists each certificate once, from "
               "the server's own certificate up to the last intermediate."),
    .why = N_("Most senders skip the copy, so delivery usually works. Strict TLS libraries "
              "reject such a chain as malformed and, if they validate, refuse to deliver. It "
              "usually happens when the certificate file already holds the chain and the same "
              "intermediate is configured a second time."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Use one chain file: your certificate followed by each "
                               "intermediate exactly once (certbot's fullchain.pem).\n"
                               "2. Remove separate \"chain\" settings or files that add the "
                               "intermediate again.\n"
                               "3. Reload and list the certificates sent:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} -showcerts </dev/null | grep ' s:'") },
      FIX_CHAIN_MTAS,
      [STI_MTA_EXCHANGE] = { P_EXCHANGE_DEVICE },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} sends the certificate "
                              "\"{subject}\" twice in its chain. Please send each certificate "
                              "once.\"") },
    },
    .references = N_("RFC 5246 §7.4.2; RFC 8446 §4.4.2"),
  },
  {
    .id = "cert-name-mismatch",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate is for a different name"),
    .verdict = N_("The certificate of {expected} is for {names}, not for {expected}."),
    .what = N_("A certificate lists the host names it is valid for, in its Subject Alternative "
               "Name (SAN) field; old certificates have a single name in the Common Name (CN). "
               "A client connecting to {expected} checks that this name is in the list. The "
               "certificate presented there names only: {names}. A wildcard name such as "
               "*.example.org covers exactly one label in place of the star (mx1.example.org, "
               "but neither example.org nor a.b.example.org)."),
    .why = N_("Opportunistic senders do not check names and encrypt anyway. Senders that "
              "verify refuse to deliver: MTA-STS checks the certificate against the MX host "
              "name {expected}, and so do DANE-TA and strict configurations. Common causes: a "
              "server shared by several domains, or a certificate made for the web site "
              "instead of the mail server."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Get a certificate that lists {expected}, and every other MX "
                               "name of the domain, as Subject Alternative Names:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "2. Install it and reload the server: see the steps for your "
                               "server.\n"
                               "3. Or, if {expected} is simply the wrong name, change the MX "
                               "record to a name the certificate has ({names}), if that name "
                               "leads to the same server.\n"
                               "4. Check the names the server now presents:\n"
                               "    openssl s_client -starttls smtp -connect {expected}:25 "
                               "-servername {expected} </dev/null | openssl x509 -noout -ext "
                               "subjectAltName") },
      [STI_MTA_POSTFIX] = { P_POSTFIX_INSTALL, P_POSTFIX_HOOK },
      [STI_MTA_EXIM] = { P_EXIM_INSTALL, P_EXIM_HOOK },
      [STI_MTA_SENDMAIL] = { P_SENDMAIL_INSTALL, P_SENDMAIL_HOOK },
      [STI_MTA_EXCHANGE] = { N_("The names of Exchange's certificates are in CertificateDomains; "
                                "the receive connector's FQDN must be one of them. To request a "
                                "certificate with all MX names, generate a request and submit it "
                                "to your CA:\n"
                                "    Get-ExchangeCertificate | Format-List "
                                "CertificateDomains,Thumbprint,Services\n"
                                "    New-ExchangeCertificate -GenerateRequest -RequestFile "
                                "'C:\\certs\\{cert_name}.req' -SubjectName 'CN={expected}' "
                                "-DomainName {mx_hosts_comma} -PrivateKeyExportable $true\n"
                                "    Set-ReceiveConnector '<server>\\Default Frontend <server>' "
                                "-Fqdn {expected}"),
                             P_EXCHANGE_INSTALL },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {expected} ({address}) presents "
                              "a certificate for {names}, which does not include {expected}. "
                              "Please install a certificate that covers all our MX names "
                              "({mx_hosts}), or tell us which MX host name to use instead.\"") },
    },
    .references = N_("RFC 6125 §6.4 (matching host names), §6.4.3 (wildcards) "
                     "and §6.4.4 (the CN "
                     "counts only without SAN); RFC 5280 §4.2.1.6 (Subject Alternative Name); "
                     "RFC 8461 §4.1 (MTA-STS name checks); RFC 7672 §3.2.2 (DANE name checks)"),
  },
  {
    .id = "cert-weak-key",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Key too weak"),
    .verdict = N_("The certificate \"{subject}\" of {host} has a {bits}-bit {algorithm} key; at "
                  "least {minimum_bits} bits are needed."),
    .what = N_("A certificate contains a public key, whose strength depends on its algorithm and "
               "its size in bits. The certificate \"{subject}\" uses a {bits}-bit {algorithm} "
               "key. RSA keys need at least 2048 bits today: 1024-bit RSA is within reach of "
               "well-funded attackers, and public CAs stopped issuing such certificates in "
               "2013. Elliptic-curve (ECDSA) keys need at least 256 bits."),
    .why = N_("An attacker who breaks the key can impersonate the server and, without forward "
              "secrecy, decrypt recorded mail. Many current TLS libraries refuse keys this small "
              "outright, so even opportunistic senders may fail the handshake and fall back to "
              "plain text; senders that validate refuse to deliver."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Create a new key and certificate, ECDSA P-256 or RSA with 2048 "
                               "or 3072 bits:\n"
                               "    certbot certonly --standalone --key-type ecdsa --cert-name "
                               "{cert_name} {certbot_domains}\n"
                               "   Or, for your own CA, a new key and CSR (certificate signing "
                               "request):\n"
                               "    openssl req -new -newkey rsa:3072 -nodes -keyout {host}.key "
                               "-out {host}.csr -subj '/CN={host}' -addext "
                               "'subjectAltName=DNS:{host}'\n"
                               "2. Install the new key and certificate and reload the server.\n"
                               "3. If you publish DANE TLSA records, publish the record for the "
                               "new key first.") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) uses a "
                              "{bits}-bit {algorithm} key. Please replace its certificate with one "
                              "using an RSA key of at least 2048 bits or an ECDSA key.\"") },
    },
    .references = N_("NIST SP 800-131A Rev. 2 (key lengths); CA/Browser Forum Baseline "
                     "Requirements §6.1.5 (key sizes); RFC 9325 (TLS recommendations)"),
  },
  {
    .id = "cert-weak-signature",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Weak signature algorithm"),
    .verdict = N_("The certificate \"{subject}\" of {host} is signed with {algorithm}, which is no "
                  "longer safe."),
    .what = N_("A CA signs a certificate by computing a hash (a fingerprint) of its contents and "
               "signing that. The certificate \"{subject}\" sent by {host} is signed with "
               "{algorithm}, based on SHA-1 or MD5. Both hash functions are broken: researchers "
               "have produced colliding certificates (MD5 in 2008; SHA-1 in 2017, with a "
               "chosen-prefix collision in 2020), which lets an attacker forge a certificate "
               "that carries the same signature."),
    .why = N_("Current TLS libraries reject SHA-1 and MD5 signatures, so senders that validate "
              "refuse to deliver, and some refuse the handshake altogether and fall back to plain "
              "text. Public CAs stopped issuing SHA-1 certificates in 2016: a certificate "
              "signed this way is very old or comes from a private CA."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Get a new certificate; every public CA signs with SHA-256 or "
                               "better:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "2. If it comes from your own CA, issue it again with a SHA-256 "
                               "signature (openssl x509 -req ... -sha256), and check that the "
                               "CA's intermediate is not signed with SHA-1 itself.\n"
                               "3. Install, reload and check:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} </dev/null | openssl x509 -noout -text | grep "
                               "'Signature Algorithm'") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MX host {host} ({address}) presents a "
                              "certificate signed with {algorithm}. Please replace it with a "
                              "certificate signed with SHA-256 or better.\"") },
    },
    .references = N_("RFC 6194 (SHA-1 security); RFC 9155 (MD5 and SHA-1 deprecated in TLS 1.2 "
                     "signatures); RFC 5280 §4.1.1.2 (signatureAlgorithm)"),
  },
  {
    .id = "cert-not-for-server-auth",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate not meant for servers"),
    .verdict = N_("The certificate of {host} may not be used by a TLS server."),
    .what = N_("Certificates can limit what their key may be used for. The Extended Key Usage "
               "(EKU) field lists purposes such as \"TLS Web Server Authentication\" "
               "(serverAuth) or \"E-mail Protection\" (for signed mail); the Key Usage field "
               "lists operations such as digital signature or key encipherment. The "
               "certificate of {host} does not allow server authentication; its purposes are: "
               "{key_purposes}. It may be a client certificate, an S/MIME certificate for "
               "signing mail, or a CA certificate."),
    .why = N_("Senders that validate refuse it just as if it were untrusted (MTA-STS in enforce "
              "mode, DANE-TA, strict configurations). Opportunistic senders ignore it. It "
              "usually means that the wrong file was installed."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Look at the certificate's purposes:\n"
                               "    openssl s_client -starttls smtp -connect {host}:25 "
                               "-servername {host} </dev/null | openssl x509 -noout -ext "
                               "extendedKeyUsage,keyUsage\n"
                               "2. Install a TLS server certificate: its Extended Key Usage must "
                               "include \"TLS Web Server Authentication\", as every certificate "
                               "from a public CA for a host name does:\n"
                               "    certbot certonly --standalone --cert-name {cert_name} "
                               "{certbot_domains}\n"
                               "3. Reload the server and check again.") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate of our MX host {host} "
                              "({address}) is not valid for TLS server authentication (its "
                              "extended key usage does not allow it). Please install a TLS server "
                              "certificate.\"") },
    },
    .references = N_("RFC 5280 §4.2.1.12 (Extended Key Usage) and §4.2.1.3 (Key Usage); RFC 5280 "
                     "§6"),
  },
  {
    .id = "cert-revoked",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate revoked"),
    .verdict = N_("The certificate of {host} has been revoked by its issuer."),
    .what = N_("A CA can revoke (cancel) a certificate before it expires: because its key "
               "leaked, because it was issued by mistake, or because its owner asked. Clients "
               "learn about it from a CRL (Certificate Revocation List, a signed list the CA "
               "publishes) or through OCSP (Online Certificate Status Protocol, a query "
               "service). The certificate presented by {host} was revoked on {revoked_at} (reason "
               "given by the CA: {revocation_reason})."),
    .why = N_("Senders that check revocation and validate refuse to deliver. Few mail senders "
              "check revocation today, so most still deliver, but revocation often means that "
              "the key is compromised: whoever has it can impersonate the server. Treat it as "
              "urgent."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Find out why it was revoked (your CA's notice or account). If "
                               "the key may be compromised, create a new key; do not reuse "
                               "it.\n"
                               "2. Get a new certificate with a new key:\n"
                               "    certbot certonly --standalone --force-renewal --cert-name "
                               "{cert_name} {certbot_domains}\n"
                               "3. Install it, reload the server, and update DANE TLSA records "
                               "for the new key.\n"
                               "4. Make sure no other server (other MX hosts, web, IMAP) still "
                               "uses the revoked certificate.") },
      FIX_CERT_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate of our MX host {host} "
                              "({address}) has been revoked. Please install a new certificate "
                              "with a new key urgently.\"") },
    },
    .references = N_("RFC 5280 §5 (CRLs) and §6.3 (revocation checks); RFC 6960 (OCSP)"),
  },
  {
    .id = "ocsp-must-staple-missing",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Must-Staple certificate without a stapled OCSP answer"),
    .verdict = N_("The certificate of {host} demands a stapled OCSP answer, but the server sends "
                  "none."),
    .what = N_("OCSP (Online Certificate Status Protocol) lets a client ask the CA whether a "
               "certificate is still valid. With \"OCSP stapling\", the server fetches that "
               "answer itself and attaches (\"staples\") it to the handshake. A certificate can "
               "carry the \"Must-Staple\" flag (the TLS Feature extension); then clients must "
               "reject it when no staple comes. The certificate of {host} has this flag, but "
               "the server did not staple an answer."),
    .why = N_("Most mail senders do not look at OCSP and deliver normally. Clients that honour "
              "Must-Staple (GnuTLS does by default) reject the certificate and, when they "
              "validate, refuse to deliver. Most mail servers cannot staple at all, so "
              "Must-Staple certificates do not suit them."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Simplest: get a certificate without Must-Staple. With "
                               "certbot, leave out --must-staple (and remove \"must_staple = "
                               "True\" from /etc/letsencrypt/renewal/{cert_name}.conf); with "
                               "your own CSR, leave out the TLS Feature (status_request) "
                               "extension:\n"
                               "    certbot certonly --standalone --force-renewal --cert-name "
                               "{cert_name} {certbot_domains}\n"
                               "   Let's Encrypt ended OCSP in 2025 and no longer issues "
                               "Must-Staple certificates.\n"
                               "2. Or enable OCSP stapling on the server, where the software "
                               "supports it (Exim does; Postfix and Sendmail do not).") },
      [STI_MTA_POSTFIX] = { N_("The Postfix SMTP server cannot staple OCSP answers. Replace the "
                               "certificate with one without Must-Staple (see the general "
                               "steps), then:\n"
                               "    postfix reload") },
      [STI_MTA_EXIM] = { N_("Exim can staple (when built with OCSP support; see exim -bV). "
                            "Fetch the OCSP answer regularly, well before it expires (for "
                            "example from cron), and point Exim at it:\n"
                            "    openssl ocsp -issuer chain.pem -cert cert.pem -url \"$(openssl "
                            "x509 -in cert.pem -noout -ocsp_uri)\" -no_nonce -respout "
                            "/etc/exim4/tls/ocsp.der\n"
                            "    tls_ocsp_file = /etc/exim4/tls/ocsp.der\n"
                            "A certificate without Must-Staple is simpler.") },
      [STI_MTA_SENDMAIL] = { N_("Sendmail has no setting to staple OCSP answers. Replace the "
                                "certificate with one without Must-Staple (see the general "
                                "steps), then:\n"
                                "    make -C /etc/mail && systemctl restart sendmail") },
      [STI_MTA_EXCHANGE] = { N_("Exchange's SMTP service is not documented to staple OCSP "
                                "answers. Get a certificate without Must-Staple (in your CA's "
                                "portal, leave the OCSP Must-Staple option off) and enable it:\n"
                                "    Enable-ExchangeCertificate -Thumbprint <thumbprint> "
                                "-Services SMTP") },
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The certificate of our MX host {host} has the "
                              "OCSP Must-Staple flag, but the server sends no OCSP answer. Please "
                              "use a certificate without Must-Staple, or enable stapling.\"") },
    },
    .references = N_("RFC 7633 (TLS Feature extension, Must-Staple); RFC 6960 (OCSP); RFC 6066 §8 "
                     "(OCSP stapling)"),
  },

  /* Policy: MTA-STS (RFC 8461) */
  {
    .id = "mta-sts-record-missing",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No MTA-STS policy"),
    .verdict = N_("{domain} publishes no MTA-STS policy."),
    .what = N_("MTA-STS (SMTP MTA Strict Transport Security) lets a domain promise that its mail "
               "servers always offer STARTTLS with a valid certificate. The promise is a TXT "
               "record at _mta-sts.{domain} plus a small policy file on the web server "
               "mta-sts.{domain}. {domain} has no such record."),
    .why = N_("Without MTA-STS (or DANE), senders cannot know that your servers should always "
              "encrypt: an attacker on the path can remove STARTTLS from the server's answer or "
              "present a false certificate, and senders fall back to plain text without "
              "noticing. MTA-STS is optional, but it is the simplest way to make encryption "
              "to your domain mandatory for the senders that support it (Gmail, Outlook.com "
              "and others)."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Make sure every MX host offers STARTTLS with a valid "
                               "certificate from a public CA for its name (the other findings of "
                               "this check show it).\n"
                               "2. Serve this file as text/plain at "
                               "https://mta-sts.{domain}/.well-known/mta-sts.txt, from a web "
                               "server with a valid certificate for mta-sts.{domain}; start in "
                               "testing mode:\n"
                               "    version: STSv1\n"
                               "    mode: testing\n"
                               "    {sts_mx_lines}\n"
                               "    max_age: 604800\n"
                               "3. Publish the TXT record; change the id whenever the policy "
                               "changes:\n"
                               "    {fix_record}\n"
                               "4. Publish a TLS-RPT record to get reports, and switch to \"mode: "
                               "enforce\" once the reports are clean.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask your provider whether they support MTA-STS for customer "
                              "domains; several large ones host the policy file for you. "
                              "Otherwise publish it yourself, with the MX names they give "
                              "you.") },
    },
    .references = N_("RFC 8461 (MTA-STS), §3.1 (the TXT record), §3.2 (the policy file)"),
  },
  {
    .id = "mta-sts-multiple-records",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Several MTA-STS records"),
    .verdict = N_("{domain} publishes more than one MTA-STS record, so senders ignore all of "
                  "them."),
    .what = N_("The TXT name _mta-sts.{domain} must hold exactly one record starting with "
               "v=STSv1. It holds several ({records}). RFC 8461 tells senders to treat that as "
               "if there were no policy at all."),
    .why = N_("Your MTA-STS protection is switched off for every sender: they deliver as if no "
              "policy existed, so an attacker can again remove STARTTLS unnoticed."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Delete all but one record at _mta-sts.{domain}, for example "
                               "keep only:\n"
                               "    {fix_record}\n"
                               "Check with:\n"
                               "    dig TXT _mta-sts.{domain}") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"_mta-sts.{domain} has several v=STSv1 "
                              "TXT records; please keep exactly one.\"") },
    },
    .references = N_("RFC 8461 §3.1 (exactly one record)"),
  },
  {
    .id = "mta-sts-record-invalid",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Invalid MTA-STS record"),
    .verdict = N_("The MTA-STS record of {domain} is malformed, so senders ignore the policy."),
    .what = N_("The TXT record at _mta-sts.{domain} must read \"v=STSv1; id=...\", with an id "
               "of 1 to 32 letters and digits that changes whenever the policy changes. The "
               "published record \"{record}\" is not valid ({reason})."),
    .why = N_("Senders ignore a malformed record and behave as if there were no policy: your "
              "MTA-STS protection is off."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Replace the record with a valid one, for example:\n"
                               "    {fix_record}\n"
                               "Check with:\n"
                               "    dig TXT _mta-sts.{domain}") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"Please replace the TXT record at "
                              "_mta-sts.{domain} with: {fix_record}\"") },
    },
    .references = N_("RFC 8461 §3.1 (record format)"),
  },
  {
    .id = "mta-sts-policy-unreachable",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file unreachable"),
    .verdict = N_("The MTA-STS policy file of {domain} cannot be fetched."),
    .what = N_("The TXT record announces an MTA-STS policy, so senders fetch "
               "https://mta-sts.{domain}/.well-known/mta-sts.txt. That failed: {error}. The name "
               "mta-sts.{domain} may not exist, or no web server answers on port 443."),
    .why = N_("Senders that have no copy of the policy yet treat the domain as having none, so "
              "the protection fails exactly when it is needed. Senders that cached the policy "
              "keep using it until max_age runs out."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Make the name resolve to a web server:\n"
                               "    dig A mta-sts.{domain}\n"
                               "2. Serve the file over HTTPS on port 443, with a certificate for "
                               "mta-sts.{domain}, and test:\n"
                               "    curl -v https://mta-sts.{domain}/.well-known/mta-sts.txt") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Whoever hosts mta-sts.{domain} (your web host or mail provider) "
                              "must serve https://mta-sts.{domain}/.well-known/mta-sts.txt. Send "
                              "them the error: {error}") },
    },
    .references = N_("RFC 8461 §3.3 (fetching the policy)"),
  },
  {
    .id = "mta-sts-policy-timeout",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file too slow"),
    .verdict = N_("The MTA-STS policy file of {domain} did not arrive in time."),
    .what = N_("Fetching https://mta-sts.{domain}/.well-known/mta-sts.txt took longer than the "
               "time limit ({timeout}). RFC 8461 recommends that senders give up after about a "
               "minute."),
    .why = N_("A sender that gives up treats the domain as having no policy (unless it cached "
              "one), so the protection fails."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Check the web server of mta-sts.{domain}: it should answer "
                               "within a second. Test:\n"
                               "    curl -v -m 10 "
                               "https://mta-sts.{domain}/.well-known/mta-sts.txt") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"Fetching the MTA-STS policy "
                              "file of {domain} times out; please check the web server.\"") },
    },
    .references = N_("RFC 8461 §3.3 (fetching the policy, timeouts)"),
  },
  {
    .id = "mta-sts-policy-bad-certificate",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS web server certificate invalid"),
    .verdict = N_("The web server mta-sts.{domain} presents an invalid certificate."),
    .what = N_("Senders fetch the MTA-STS policy over HTTPS and must verify the web server's "
               "certificate, like a browser. The certificate of mta-sts.{domain} failed that "
               "check ({reasons})."),
    .why = N_("Senders refuse a policy fetched over an unverified connection and behave as if "
              "there were none: the protection is off."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Get a certificate for mta-sts.{domain} from a public CA and "
                               "install it on that web server with its full chain, for example:\n"
                               "    certbot certonly --webroot -w /var/www/mta-sts -d "
                               "mta-sts.{domain}\n"
                               "Test:\n"
                               "    curl -v https://mta-sts.{domain}/.well-known/mta-sts.txt") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"The HTTPS certificate of "
                              "mta-sts.{domain} is invalid ({reasons}); please install a valid "
                              "one.\"") },
    },
    .references = N_("RFC 8461 §3.3 (the policy host must have a valid certificate)"),
  },
  {
    .id = "mta-sts-policy-redirect",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file redirects"),
    .verdict = N_("The MTA-STS policy URL of {domain} answers with a redirect."),
    .what = N_("Asked for https://mta-sts.{domain}/.well-known/mta-sts.txt, the web server "
               "answered with the redirect {status} to {location}. RFC 8461 forbids senders to "
               "follow redirects when fetching a policy."),
    .why = N_("Senders do not get the policy and behave as if there were none. A web site "
              "configuration that redirects everything (for example to https://www.{domain}/) "
              "is the usual cause."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Serve the file directly at that exact URL, excluding "
                               "/.well-known/mta-sts.txt from redirect rules. Test (the answer "
                               "must be 200, not 301 or 302):\n"
                               "    curl -sI https://mta-sts.{domain}/.well-known/mta-sts.txt") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"The MTA-STS policy URL "
                              "redirects ({status}); please serve the file directly.\"") },
    },
    .references = N_("RFC 8461 §3.3 (no redirects)"),
  },
  {
    .id = "mta-sts-policy-http-error",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file not found"),
    .verdict = N_("The MTA-STS policy URL of {domain} answers with HTTP status {status}."),
    .what = N_("Asked for https://mta-sts.{domain}/.well-known/mta-sts.txt, the web server "
               "answered with HTTP status {status} instead of 200: the file is missing or the "
               "server refuses to hand it out."),
    .why = N_("Senders do not get the policy and behave as if there were none."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Put the policy file at .well-known/mta-sts.txt in the document "
                               "root of mta-sts.{domain} and test:\n"
                               "    curl -sI https://mta-sts.{domain}/.well-known/mta-sts.txt") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"The MTA-STS policy URL "
                              "answers {status}; please publish the policy file there.\"") },
    },
    .references = N_("RFC 8461 §3.3 (fetching the policy)"),
  },
  {
    .id = "mta-sts-policy-wrong-type",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file has the wrong type"),
    .verdict = N_("The MTA-STS policy file of {domain} is served as {content_type}, not "
                  "text/plain."),
    .what = N_("RFC 8461 requires the policy file to be served with the media type text/plain. "
               "The web server labels it {content_type}."),
    .why = N_("Strict senders reject the policy and behave as if there were none."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Make the web server send \"Content-Type: text/plain\" for that "
                               "file. In nginx, add \"default_type text/plain;\" to the location "
                               "/.well-known/mta-sts.txt; in Apache, \"ForceType text/plain\" "
                               "for that file. Test:\n"
                               "    curl -sI https://mta-sts.{domain}/.well-known/mta-sts.txt | "
                               "grep -i content-type") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"Please serve "
                              "/.well-known/mta-sts.txt as text/plain (it is {content_type}).\"") },
    },
    .references = N_("RFC 8461 §3.2 (media type text/plain)"),
  },
  {
    .id = "mta-sts-policy-too-large",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy file too large"),
    .verdict = N_("The MTA-STS policy file of {domain} is larger than senders accept."),
    .what = N_("Senders read at most {limit} bytes of a policy file (RFC 8461 allows them to "
               "stop at 64 KB). The file served at mta-sts.{domain} is larger ({size} bytes): "
               "probably the web server returns a web page instead of the policy."),
    .why = N_("Senders reject the policy and behave as if there were none."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Serve only the policy, a few lines of text, at that URL, and "
                               "check what is actually returned:\n"
                               "    curl -s https://mta-sts.{domain}/.well-known/mta-sts.txt | "
                               "head") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"The MTA-STS policy URL "
                              "returns {size} bytes; it must return only the policy file.\"") },
    },
    .references = N_("RFC 8461 §3.3 (size limit)"),
  },
  {
    .id = "mta-sts-policy-invalid",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Invalid MTA-STS policy"),
    .verdict = N_("The MTA-STS policy file of {domain} is not valid, so senders ignore it."),
    .what = N_("The policy file must consist of \"key: value\" lines: version: STSv1, mode "
               "(enforce, testing or none), one mx line per allowed MX host name, and max_age in "
               "seconds. Line {line} (\"{text}\") breaks these rules: {reason}."),
    .why = N_("Senders reject an invalid policy and behave as if there were none."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Correct the file; a valid policy for the MX hosts seen in this "
                               "check looks like:\n"
                               "    version: STSv1\n"
                               "    mode: testing\n"
                               "    {sts_mx_lines}\n"
                               "    max_age: 604800\n"
                               "Then change the id in the TXT record at _mta-sts.{domain}.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"Our MTA-STS policy is "
                              "invalid at line {line}: {reason}.\"") },
    },
    .references = N_("RFC 8461 §3.2 (policy format)"),
  },
  {
    .id = "mta-sts-policy-nonstandard",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy bends the format"),
    .verdict = N_("The MTA-STS policy of {domain} works here but does not follow the format "
                  "exactly."),
    .what = N_("The policy file was accepted, but line {line} departs from RFC 8461: {reason}. "
               "Lenient senders accept it; strict ones may not."),
    .why = N_("Some senders may ignore the policy, and with it your protection."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Rewrite the file in the exact format, one \"key: value\" per "
                               "line:\n"
                               "    version: STSv1\n"
                               "    mode: testing\n"
                               "    {sts_mx_lines}\n"
                               "    max_age: 604800") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send whoever hosts mta-sts.{domain}: \"Line {line} of our MTA-STS "
                              "policy does not follow RFC 8461 ({reason}).\"") },
    },
    .references = N_("RFC 8461 §3.2 (policy format)"),
  },
  {
    .id = "mta-sts-mode-testing",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS only in testing mode"),
    .verdict = N_("The MTA-STS policy of {domain} is in testing mode: it protects nothing "
                  "yet."),
    .what = N_("In testing mode, senders check your servers against the policy and report "
               "failures (through TLS-RPT), but deliver anyway. Only \"mode: enforce\" makes "
               "them refuse an unencrypted or unverified connection."),
    .why = N_("Testing is the right first step. Once the reports show no failures for a few "
              "weeks, switch to enforce; until then an attacker can still remove STARTTLS."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("1. Read the TLS-RPT reports (publish a TLS-RPT record if you have "
                               "none) and fix every failure they show.\n"
                               "2. Change \"mode: testing\" to \"mode: enforce\" in the policy "
                               "file.\n"
                               "3. Change the id in the TXT record at _mta-sts.{domain}, so that "
                               "senders fetch the new policy.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask whoever hosts the policy to switch it to enforce mode once "
                              "the reports are clean.") },
    },
    .references = N_("RFC 8461 §5 (policy modes); RFC 8460 (TLS reporting)"),
  },
  {
    .id = "mta-sts-mode-none",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS policy withdrawn (mode none)"),
    .verdict = N_("The MTA-STS policy of {domain} is in mode none: senders drop it."),
    .what = N_("\"mode: none\" is how a domain withdraws MTA-STS: senders that cached the policy "
               "forget it. It gives no protection."),
    .why = N_("If you are leaving MTA-STS on purpose, this is correct: keep it published for "
              "one max_age period, then remove the TXT record. If not, your domain has no "
              "MTA-STS protection."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("To protect the domain again, set \"mode: testing\" or \"mode: "
                               "enforce\" in the policy file and change the id in the TXT "
                               "record at _mta-sts.{domain}.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask whoever hosts the policy why it is in mode none.") },
    },
    .references = N_("RFC 8461 §5 and §8.3 (removing MTA-STS)"),
  },
  {
    .id = "mta-sts-max-age-short",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS max_age very short"),
    .verdict = N_("The MTA-STS policy of {domain} is cached for only {max_age} seconds."),
    .what = N_("max_age tells senders how long to remember the policy. {domain} asks for "
               "{max_age} seconds, less than a day. RFC 8461 suggests weeks: 604800 (one week) "
               "to 31557600 (a year)."),
    .why = N_("MTA-STS protects mainly through the cached copy: an attacker who blocks the "
              "policy fetch wins as soon as the copy has expired. A short max_age leaves that "
              "door open most of the time."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Set a longer max_age in the policy file, for example:\n"
                               "    max_age: 604800\n"
                               "and change the id in the TXT record at _mta-sts.{domain}.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask whoever hosts the policy to raise max_age to at least a "
                              "week (604800).") },
    },
    .references = N_("RFC 8461 §3.2 (max_age)"),
  },
  {
    .id = "mta-sts-mx-pattern-unused",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS mx line matches no MX host"),
    .verdict = N_("The MTA-STS policy of {domain} allows {pattern}, which is none of its MX "
                  "hosts."),
    .what = N_("Each mx line of the policy names an MX host senders may deliver to (a leading "
               "\"*.\" matches one label). The line \"mx: {pattern}\" matches none of the "
               "current MX hosts ({mx_hosts})."),
    .why = N_("Harmless for delivery, but usually a leftover from an old server or provider, "
              "and it allows a host you may no longer control."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Remove the line from the policy file if the host is gone, and "
                               "change the id in the TXT record at _mta-sts.{domain}.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask whoever hosts the policy to remove \"mx: {pattern}\".") },
    },
    .references = N_("RFC 8461 §4.1 (MX host matching)"),
  },
  {
    .id = "mta-sts-mx-not-covered",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MX host missing from the MTA-STS policy"),
    .verdict = N_("The MX host {host} is not listed in the MTA-STS policy of {domain}."),
    .what = N_("Senders that apply the policy deliver only to MX hosts that match one of its mx "
               "lines ({patterns}). {host} matches none (policy mode: {mode})."),
    .why = N_("In enforce mode, senders refuse to deliver to {host}; if it is your only or "
              "preferred MX host, mail is delayed or bounces. In testing mode it is reported as "
              "a failure."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Add the host to the policy file; for the MX hosts seen now it "
                               "reads:\n"
                               "    {fix_policy}\n"
                               "Then change the id in the TXT record at _mta-sts.{domain}.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Ask whoever hosts the policy to add \"mx: {host}\".") },
    },
    .references = N_("RFC 8461 §4.1 (MX host matching)"),
  },
  {
    .id = "mta-sts-mx-would-fail",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MX host fails the MTA-STS policy"),
    .verdict = N_("Senders applying the MTA-STS policy of {domain} would refuse {host}."),
    .what = N_("The policy requires STARTTLS with a certificate valid for the MX host name. "
               "{host} fails that: no STARTTLS at {no_starttls}; no valid certificate at "
               "{bad_certificate} (policy mode: {mode}). The other findings for {host} give "
               "the details."),
    .why = N_("In enforce mode, senders refuse to deliver to this host; if all MX hosts fail, "
              "mail to {domain} stops. In testing mode the failures only appear in reports."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Fix the STARTTLS and certificate findings of {host} first (each "
                               "has its own steps). If that cannot be done quickly, set the "
                               "policy to \"mode: testing\" and change the id in the TXT record "
                               "at _mta-sts.{domain}, so that mail keeps flowing.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send your provider: \"Our MTA-STS policy requires valid TLS, but "
                              "{host} fails it. Please fix its STARTTLS and certificate.\"") },
    },
    .references = N_("RFC 8461 §4.2 (certificate validation), §5 (policy application)"),
  },
  {
    .id = "mta-sts-mx-refused",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("MTA-STS senders would refuse MX hosts"),
    .verdict = N_("Senders applying the MTA-STS policy of {domain} would refuse: {hosts}."),
    .what = N_("Putting the policy and this check together: these MX hosts are not covered by "
               "the policy or fail its TLS requirements: {hosts} (policy mode: {mode})."),
    .why = N_("In enforce mode, senders that support MTA-STS do not deliver to them; if they "
              "are all your MX hosts, mail from those senders stops. In testing mode they only "
              "report it."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Fix the findings of each host listed, and make the policy match "
                               "the MX hosts:\n"
                               "    {fix_policy}\n"
                               "Change the id in the TXT record at _mta-sts.{domain} after every "
                               "change.") },
      FIX_POLICY_MTAS (P_STS_MTA),
      [STI_MTA_HOSTED] = { N_("Send your provider the list of refused hosts ({hosts}) and ask "
                              "them to fix them or to update the policy.") },
    },
    .references = N_("RFC 8461 §5 (policy application)"),
  },

  /* Policy: DANE (RFC 7672) */
  {
    .id = "dane-tlsa-missing",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No DANE records"),
    .verdict = N_("{host} publishes no TLSA records, so DANE does not protect it."),
    .what = N_("DANE publishes, in DNS signed with DNSSEC, which key or certificate the mail "
               "server uses, in TLSA records at _25._tcp.{host}. There are none."),
    .why = N_("Optional. Without DANE (or MTA-STS), an attacker can remove STARTTLS or present "
              "a false certificate and senders will not notice. DANE needs DNSSEC for the MX "
              "host's zone."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("If the zone of {host} is signed with DNSSEC, publish a \"3 1 1\" "
                               "record for the server's current key, and one for the next key "
                               "before changing it:\n"
                               "    openssl x509 -in cert.pem -noout -pubkey | openssl pkey "
                               "-pubin -outform DER | openssl sha256\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Ask your provider whether they publish DANE records for their MX "
                              "hosts; several do.") },
    },
    .references = N_("RFC 7672 (DANE for SMTP); RFC 6698 (TLSA records); RFC 7671 (DANE "
                     "operational guidance)"),
  },
  {
    .id = "dane-tlsa-bogus",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE records fail DNSSEC validation"),
    .verdict = N_("The TLSA records of {host} fail DNSSEC validation."),
    .what = N_("The TLSA answer for _25._tcp.{host} is \"bogus\": its DNSSEC signatures do not "
               "check out."),
    .why = N_("DANE senders must not trust a bogus answer; they defer the mail to {host} and "
              "retry, so mail from them is delayed and eventually bounces."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Repair DNSSEC for the zone of {host}: re-sign it, or fix the DS "
                               "record at the registrar. Inspect it with DNSViz or:\n"
                               "    delv TLSA _25._tcp.{host}") },
      FIX_POLICY_MTAS (P_DANE_DNSSEC_MTA),
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"The TLSA records at _25._tcp.{host} fail "
                              "DNSSEC validation; please check the zone's signatures.\"") },
    },
    .references = N_("RFC 7672 §2.1 (DNS errors and bogus answers); RFC 4035 §5.5"),
  },
  {
    .id = "dane-tlsa-insecure",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE records without DNSSEC"),
    .verdict = N_("{host} has TLSA records, but its zone is not signed, so senders ignore "
                  "them."),
    .what = N_("TLSA records count only when DNSSEC proves them genuine. The zone of {host} is "
               "not signed (\"insecure\"), so the records at _25._tcp.{host} carry no weight."),
    .why = N_("DANE gives no protection here: senders ignore the records and deliver as without "
              "DANE."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Sign the zone of {host} with DNSSEC and publish the DS record at "
                               "the registrar, or remove the unused TLSA records.") },
      FIX_POLICY_MTAS (P_DANE_DNSSEC_MTA),
      [STI_MTA_HOSTED] = { N_("Ask your DNS provider to enable DNSSEC for the zone of {host}.") },
    },
    .references = N_("RFC 7672 §2.1 (TLSA records need DNSSEC)"),
  },
  {
    .id = "dane-tlsa-unvalidated",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE not checked: the resolver does not validate"),
    .verdict = N_("The TLSA records of {host} could not be judged: the DNS resolver used does "
                  "not validate DNSSEC."),
    .what = N_("TLSA records count only if DNSSEC proves them genuine. The resolver used for "
               "this check does not validate DNSSEC, so it cannot tell whether the records are "
               "secure."),
    .why = N_("Nothing is known to be wrong with your domain; the check is incomplete."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Run the check again with a validating DNS resolver (for example a "
                               "local unbound).") },
      FIX_POLICY_MTAS (P_DANE_RESOLVER_MTA),
      [STI_MTA_HOSTED] = { N_("Nothing to ask your provider: run the check again with a "
                              "validating DNS resolver.") },
    },
    .references = N_("RFC 7672 §2.1; RFC 4035"),
  },
  {
    .id = "dane-tlsa-malformed",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Malformed DANE record"),
    .verdict = N_("A TLSA record of {host} is malformed."),
    .what = N_("The TLSA record \"{record}\" at _25._tcp.{host} cannot be read: {reason}. A "
               "TLSA record has three numbers (usage, selector, matching type) and a "
               "hexadecimal hash."),
    .why = N_("Senders skip it. If no usable record remains, DANE protects nothing."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Replace it with a well-formed record, for example:\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"The TLSA record {record} at "
                              "_25._tcp.{host} is malformed ({reason}).\"") },
    },
    .references = N_("RFC 6698 §2 (TLSA record format)"),
  },
  {
    .id = "dane-tlsa-unusable",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Unusable DANE record"),
    .verdict = N_("A TLSA record of {host} uses values senders cannot use."),
    .what = N_("The TLSA record \"{record}\" at _25._tcp.{host} is readable but unusable: "
               "{reason}. Usable records for mail use usage 3 or 2, selector 0 or 1, and "
               "matching type 1 (SHA-256) or 2 (SHA-512)."),
    .why = N_("Senders skip it. If no usable record remains, DANE protects nothing."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Replace it with a \"3 1 1\" record for the server's key:\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"The TLSA record {record} at "
                              "_25._tcp.{host} is unusable ({reason}).\"") },
    },
    .references = N_("RFC 7672 §3.1 (usable records); RFC 6698 §2.1"),
  },
  {
    .id = "dane-usage-unsuitable",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE record type not meant for mail"),
    .verdict = N_("A TLSA record of {host} uses a usage that mail senders ignore."),
    .what = N_("The TLSA record \"{record}\" uses usage 0 (PKIX-TA) or 1 (PKIX-EE). For SMTP, "
               "RFC 7672 tells senders to treat these as unusable; only usages 3 (DANE-EE, the "
               "server's own key) and 2 (DANE-TA, a CA of your choice) count."),
    .why = N_("Senders skip it. If no usable record remains, DANE protects nothing."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Publish a usage 3 record instead:\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"Please replace the TLSA record {record} "
                              "at _25._tcp.{host} with a usage 3 (DANE-EE) record.\"") },
    },
    .references = N_("RFC 7672 §3.1.3 (PKIX usages are not for SMTP)"),
  },
  {
    .id = "dane-no-usable-records",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No usable DANE record"),
    .verdict = N_("{host} publishes TLSA records, but none that senders can use."),
    .what = N_("Every TLSA record at _25._tcp.{host} is malformed, unusable or of a usage not "
               "meant for mail."),
    .why = N_("DANE senders still insist on encryption, because records exist, but cannot "
              "authenticate the server: an attacker who can intercept the connection can "
              "impersonate it."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Publish a usable record for the server's current key:\n"
                               "    openssl x509 -in cert.pem -noout -pubkey | openssl pkey "
                               "-pubin -outform DER | openssl sha256\n"
                               "    _25._tcp.{host}. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"None of the TLSA records at "
                              "_25._tcp.{host} is usable; please publish a 3 1 1 record.\"") },
    },
    .references = N_("RFC 7672 §3.1 and §2.2"),
  },
  {
    .id = "dane-no-match",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Certificate does not match the DANE records"),
    .verdict = N_("No TLSA record of {host} matches the certificate the server presents."),
    .what = N_("The TLSA records at _25._tcp.{host} pin keys or certificates, and the server "
               "presents none of them ({reasons}). The usual cause is a renewed certificate "
               "with a new key while the TLSA records still name the old one."),
    .why = N_("DANE senders (among them many large European providers) refuse to deliver to "
              "{host}; mail from them is queued and bounces after a few days. Act quickly."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Publish records that match what the server sends now, keeping the "
                               "old ones until senders' caches have expired:\n"
                               "    {fix_records}\n"
                               "Then keep the key across renewals (certbot --reuse-key) and "
                               "publish the next key's record before each key change.") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The TLSA records at _25._tcp.{host} do not "
                              "match the server's certificate; DANE senders cannot deliver. Please "
                              "update them.\"") },
    },
    .references = N_("RFC 7672 §3 (certificate matching); RFC 7671 §8 (key rollover)"),
  },
  {
    .id = "dane-ta-chain-failed",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE-TA record matches, but the chain fails"),
    .verdict = N_("The DANE-TA record of {host} matches a CA, but the chain to the server's "
                  "certificate does not verify."),
    .what = N_("A usage 2 (DANE-TA) record pins a CA certificate, which the server must send in "
               "its chain. The record \"{record}\" matches, but the chain from that CA to the "
               "server's certificate fails: {reason}."),
    .why = N_("DANE senders cannot authenticate the server and refuse to deliver."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Send the full chain, including the CA certificate the record "
                               "pins (fullchain.pem), and make sure the server certificate is "
                               "issued by it and valid. Or switch to a \"3 1 1\" record for the "
                               "server's own key.") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"The DANE-TA record of {host} matches, but the "
                              "chain fails ({reason}).\"") },
    },
    .references = N_("RFC 7672 §3.1.2 (DANE-TA)"),
  },
  {
    .id = "dane-ta-name-mismatch",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("DANE-TA: certificate name does not match"),
    .verdict = N_("With its DANE-TA record, the certificate of {host} must carry the MX name, "
                  "and it does not."),
    .what = N_("With a usage 2 (DANE-TA) record, senders also check that the server's "
               "certificate names the MX host ({host}) or the TLSA base name. The certificate "
               "does not."),
    .why = N_("DANE senders refuse to deliver."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Get a certificate that includes {host} as a Subject Alternative "
                               "Name, or switch to a \"3 1 1\" record, which does not check "
                               "names.") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Send your provider: \"With our DANE-TA record, the certificate of "
                              "{host} must carry that name; it does not.\"") },
    },
    .references = N_("RFC 7672 §3.2.2 (name checks with DANE-TA)"),
  },
  {
    .id = "dane-rollover-missing",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No DANE record for the next key"),
    .verdict = N_("The TLSA records of {host} cover only the current key."),
    .what = N_("The TLSA records match the key in use today, but none would match after a key "
               "change. Good practice is two records: the current key plus the next one, or "
               "the current key (3 1 1) plus the issuing CA (2 1 1)."),
    .why = N_("The day the key changes (a certificate renewal with a new key), DANE senders "
              "stop delivering until DNS is updated and caches expire."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Add a record that survives the next renewal, for example for the "
                               "issuing CA:\n"
                               "    {fix_records}") },
      FIX_DANE_MTAS,
      [STI_MTA_HOSTED] = { N_("Ask your provider how they roll over the key of {host} and which "
                              "TLSA records to publish.") },
    },
    .references = N_("RFC 7671 §8.1 (key rollover with TLSA records)"),
  },

  /* Policy: TLS-RPT (RFC 8460) */
  {
    .id = "tls-rpt-record-missing",
    .severity = STI_SEVERITY_INFO,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("No TLS reporting"),
    .verdict = N_("{domain} does not ask senders for TLS reports."),
    .what = N_("With TLS-RPT, a TXT record at _smtp._tls.{domain} asks sending mail servers to "
               "send a daily report of the TLS problems they met delivering to you. There is no "
               "such record."),
    .why = N_("Optional, but without reports you learn about failed MTA-STS or DANE checks only "
              "when mail goes missing."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Publish a record that names a mailbox for the reports:\n"
                               "    {fix_record}") },
      FIX_POLICY_MTAS (P_TLSRPT_MTA),
      [STI_MTA_HOSTED] = { N_("Publish the record in your DNS; the reports arrive as mail in the "
                              "mailbox it names.") },
    },
    .references = N_("RFC 8460 (SMTP TLS Reporting), §3 (the record)"),
  },
  {
    .id = "tls-rpt-multiple-records",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Several TLS-RPT records"),
    .verdict = N_("{domain} publishes more than one TLS-RPT record, so senders send no "
                  "reports."),
    .what = N_("_smtp._tls.{domain} must hold exactly one record starting with v=TLSRPTv1; it "
               "holds several ({records}). Senders then ignore them all."),
    .why = N_("You receive no TLS reports."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Keep exactly one record, for example:\n"
                               "    {fix_record}") },
      FIX_POLICY_MTAS (P_TLSRPT_MTA),
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"_smtp._tls.{domain} has several "
                              "v=TLSRPTv1 records; please keep one.\"") },
    },
    .references = N_("RFC 8460 §3"),
  },
  {
    .id = "tls-rpt-invalid",
    .severity = STI_SEVERITY_ERROR,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("Invalid TLS-RPT record"),
    .verdict = N_("The TLS-RPT record of {domain} is malformed, so senders send no reports."),
    .what = N_("The record \"{record}\" at _smtp._tls.{domain} is not valid ({reason}). It must "
               "read \"v=TLSRPTv1; rua=\" followed by mailto: or https: addresses."),
    .why = N_("You receive no TLS reports."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Replace it with a valid record, for example:\n"
                               "    {fix_record}") },
      FIX_POLICY_MTAS (P_TLSRPT_MTA),
      [STI_MTA_HOSTED] = { N_("Send your DNS provider: \"Please replace the TXT record at "
                              "_smtp._tls.{domain} with: {fix_record}\"") },
    },
    .references = N_("RFC 8460 §3 (record format)"),
  },
  {
    .id = "tls-rpt-bad-uri",
    .severity = STI_SEVERITY_WARNING,
    /* Translators: see the note on placeholders at the top of this file */
    .title = N_("TLS-RPT address unusable"),
    .verdict = N_("The TLS-RPT record of {domain} names an address senders cannot use: {uri}."),
    .what = N_("Reports go to the rua addresses of the record, which must be mailto: or https: "
               "URIs. {uri} is not usable ({reason})."),
    .why = N_("Reports for that address are lost."),
    .fix = {
      [STI_MTA_GENERIC] = { N_("Use a working address, for example "
                               "rua=mailto:tls-reports@{domain}, "
                               "and make sure that mailbox exists.") },
      FIX_POLICY_MTAS (P_TLSRPT_MTA),
      [STI_MTA_HOSTED] = { N_("Correct the rua address in the record at _smtp._tls.{domain}.") },
    },
    .references = N_("RFC 8460 §3 (rua)"),
  },
};

/* For ids this version does not know (a newer report, a future policy
 * check): honest words, never a crash or an empty panel. */
static const CatalogEntry fallback_entry = {
  .id = NULL,
  .severity = STI_SEVERITY_WARNING,
  /* Translators: see the note on placeholders at the top of this file */
  .title = N_("Finding without an explanation ({id})"),
  .verdict = N_("The check reported the finding {id}, which this version cannot explain."),
  .what = N_("The finding {id} comes from a newer or different version of STARTTLS Inspector, "
             "so no explanation is available here. The technical detail shown with the finding "
             "describes what was observed."),
  .why = N_("Its severity tells how much it matters. Errors usually stop some senders from "
            "delivering or from encrypting; warnings deserve attention; information needs no "
            "action."),
  .fix = {
    [STI_MTA_GENERIC] = { N_("Update STARTTLS Inspector and check again for a full explanation. "
                             "Meanwhile, the finding's detail and the SMTP transcript show what "
                             "was observed.") },
    [STI_MTA_POSTFIX] = { P_UNKNOWN_MTA },
    [STI_MTA_EXIM] = { P_UNKNOWN_MTA },
    [STI_MTA_SENDMAIL] = { P_UNKNOWN_MTA },
    [STI_MTA_EXCHANGE] = { P_UNKNOWN_MTA },
    [STI_MTA_HOSTED] = { N_("Export a report of this check and send it to your provider, with the "
                            "question: \"What does the finding {id} mean for our domain, and how "
                            "do you fix it?\"") },
  },
  .references = N_("The list of finding ids in the STARTTLS Inspector documentation"),
};

/* What a placeholder becomes when its value is unknown: a word for prose,
 * a token the admin replaces for command lines. */
static const struct {
  const char *key;
  const char *prose;
  const char *code;
} fallbacks[] = {
  /* Translators: stands for an unknown MX host name in a sentence */
  { "host",            N_("your mail server"),              N_("<mx-host-name>") },
  { "expected",        N_("your mail server"),              N_("<mx-host-name>") },
  { "cert_name",       N_("your mail server"),              N_("<mx-host-name>") },
  { "domain",          N_("your domain"),                   N_("<your-domain>") },
  { "address",         N_("its address"),                   N_("<ip-address>") },
  { "mx_hosts",        N_("all your MX host names"),        N_("<mx-host-names>") },
  { "mx_hosts_comma",  N_("all your MX host names"),        N_("<mx1-host-name>,<mx2-host-name>") },
  { "certbot_domains", N_("-d <mx-host-name>"),             N_("-d <mx-host-name>") },
  { "name",            N_("the name"),                      N_("<name>") },
  { "canonical-name",  N_("another name"),                  N_("<real-host-name>") },
  { "type",            N_("DNS"),                           N_("<record-type>") },
  { "rcode",           N_("unknown"),                       N_("<rcode>") },
  /* Translators: an unknown list of names a certificate carries */
  { "names",           N_("other names"),                   N_("<names-in-the-certificate>") },
  { "subject",         N_("(subject not recorded)"),        N_("<subject>") },
  { "issuer",          N_("an unknown issuer"),             N_("<issuer>") },
  { "not_after",       N_("an unknown date"),               N_("<date>") },
  { "not_before",      N_("an unknown date"),               N_("<date>") },
  { "days",            N_("unknown"),                       N_("<days>") },
  { "bits",            N_("small"),                         N_("<bits>") },
  { "minimum_bits",    N_("2048"),                          N_("2048") },
  { "algorithm",       N_("a weak algorithm"),              N_("<algorithm>") },
  { "stage",           N_("the dialogue"),                  N_("<stage>") },
  { "code",            N_("an error code"),                 N_("<code>") },
  { "reply",           N_("no text"),                       N_("<reply>") },
  { "reason",          N_("no reason given"),               N_("<reason>") },
  { "reasons",         N_("no reason given"),               N_("<reason>") },
  { "timeout",         N_("as configured"),                 N_("<timeout>") },
  { "alert_name",      N_("none reported"),                 N_("<alert>") },
  { "bytes",           N_("some"),                          N_("<bytes>") },
  { "data",            N_("not recorded"),                  N_("<data>") },
  { "version",         N_("an obsolete version"),           N_("<version>") },
  { "cipher",          N_("an unknown cipher suite"),       N_("<cipher-suite>") },
  { "position",        N_("unknown"),                       N_("<position>") },
  { "issuer_position", N_("unknown"),                       N_("<position>") },
  { "first_position",  N_("unknown"),                       N_("<position>") },
  { "detail",          N_("see the detail of the finding."), N_("<detail>") },
  { "key_purposes",    N_("not recorded"),                  N_("<purposes>") },
  { "revoked_at",      N_("an unknown date"),               N_("<date>") },
  { "revocation_reason", N_("not given"),                   N_("<reason>") },
  { "id",              N_("unknown"),                       N_("<id>") },
  { "fix_record",      N_("the record shown in the general steps"), N_("<record>") },
  { "fix_records",     N_("the records for the current key"),
    N_("_25._tcp.<mx-host-name>. IN TLSA 3 1 1 <sha256-of-the-public-key>") },
  { "fix_policy",      N_("the policy shown in the general steps"), N_("<policy-file>") },
  { "sts_mx_lines",    N_("one mx line per MX host"),       N_("mx: <mx-host-name>") },
  { "record",          N_("not recorded"),                  N_("<record>") },
  { "records",         N_("not recorded"),                  N_("<records>") },
  { "error",           N_("no reason given"),               N_("<error>") },
  { "status",          N_("an error status"),               N_("<status>") },
  { "location",        N_("another address"),               N_("<url>") },
  { "content_type",    N_("another type"),                  N_("<type>") },
  { "size",            N_("too many"),                      N_("<size>") },
  { "limit",           N_("65536"),                         N_("65536") },
  { "line",            N_("unknown"),                       N_("<line>") },
  { "text",            N_("not recorded"),                  N_("<text>") },
  { "max_age",         N_("few"),                           N_("<seconds>") },
  { "pattern",         N_("a host name"),                   N_("<pattern>") },
  { "patterns",        N_("none"),                          N_("<patterns>") },
  { "hosts",           N_("some MX hosts"),                 N_("<hosts>") },
  { "no_starttls",     N_("none"),                          N_("<addresses>") },
  { "bad_certificate", N_("none"),                          N_("<addresses>") },
  { "mode",            N_("unknown"),                       N_("<mode>") },
  { "uri",             N_("an address"),                    N_("<uri>") },
};

/* Example values for `explain ID` (sti_catalog_explain_id()): documentation
 * names and addresses (RFC 2606, RFC 5737). An entry with an id overrides
 * the general one for that finding. */
static const struct {
  const char *id;
  const char *key;
  const char *value;
} examples[] = {
  { NULL, "names",           "mail.example.net" },
  { NULL, "subject",         "CN=mx1.example.org" },
  { NULL, "issuer",          "CN=Example Internal CA,O=Example Ltd" },
  { NULL, "not_after",       "2026-03-01T12:00:00Z" },
  { NULL, "not_before",      "2025-12-01T12:00:00Z" },
  { NULL, "days",            "12" },
  { NULL, "bits",            "1024" },
  { NULL, "minimum_bits",    "2048" },
  { NULL, "algorithm",       "RSA" },
  { NULL, "stage",           "starttls" },
  { NULL, "code",            "454" },
  { NULL, "reply",           "4.7.0 TLS not available due to local problem" },
  { NULL, "reason",          "Connection refused" },
  { NULL, "reasons",         "signer-not-found" },
  { NULL, "name",            "example.org" },
  { NULL, "type",            "MX" },
  { NULL, "rcode",           "2" },
  { NULL, "canonical-name",  "mail.hosting.example.net" },
  { NULL, "timeout_ms",      "30000" },
  { NULL, "alert_name",      "Handshake failed" },
  { NULL, "bytes",           "14" },
  { NULL, "data",            "250-injected\\x0D\\x0A" },
  { NULL, "version",         "TLS1.0" },
  { NULL, "cipher",          "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
  { NULL, "position",        "0" },
  { NULL, "issuer_position", "2" },
  { NULL, "first_position",  "1" },
  { NULL, "record",          "v=STSv1; id=2026 01" },
  { NULL, "records",         "v=STSv1; id=1, v=STSv1; id=2" },
  { NULL, "error",           "Could not resolve mta-sts.example.org" },
  { NULL, "status",          "404" },
  { NULL, "location",        "https://www.example.org/" },
  { NULL, "content_type",    "text/html" },
  { NULL, "size",            "120000" },
  { NULL, "limit",           "65536" },
  { NULL, "line",            "3" },
  { NULL, "text",            "mx mx1.example.org" },
  { NULL, "max_age",         "3600" },
  { NULL, "pattern",         "mail.old-provider.example.net" },
  { NULL, "patterns",        "mx1.example.org" },
  { NULL, "hosts",           "mx2.example.org" },
  { NULL, "no_starttls",     "192.0.2.26" },
  { NULL, "mode",            "enforce" },
  { NULL, "uri",             "mailto:reports" },
  { "mta-sts-policy-redirect",  "status",    "301" },
  { "mta-sts-mx-not-covered",   "host",      "mx2.example.org" },
  { "mta-sts-mx-would-fail",    "host",      "mx2.example.org" },
  { "mta-sts-record-invalid",   "reason",    "the id contains a space" },
  { "mta-sts-policy-invalid",   "reason",    "a line without \":\"" },
  { "mta-sts-policy-nonstandard", "reason",  "LF line endings instead of CRLF" },
  { "tls-rpt-invalid",          "record",    "v=TLSRPTv1; rua=tls-reports@example.org" },
  { "tls-rpt-invalid",          "reason",    "rua is not a URI" },
  { "tls-rpt-bad-uri",          "reason",    "not a mailto: or https: URI" },
  { "dane-tlsa-malformed",      "record",    "3 1 1 zz" },
  { "dane-tlsa-malformed",      "reason",    "the hash is not hexadecimal" },
  { "dane-tlsa-unusable",       "record",    "3 2 1 0a1b2c" },
  { "dane-tlsa-unusable",       "reason",    "selector 2 is not defined" },
  { "dane-usage-unsuitable",    "record",    "1 1 1 0a1b2c" },
  { "dane-ta-chain-failed",     "record",    "2 1 1 0a1b2c" },
  { "dane-ta-chain-failed",     "reason",    "the CA certificate is not sent" },
  { "dane-no-match",            "reasons",   "signer-not-found" },
  { "mta-sts-policy-bad-certificate", "reasons", "signer-not-found" },
  { "smtp-temporary-failure",   "code",      "421" },
  { "smtp-temporary-failure",   "stage",     "greeting" },
  { "smtp-temporary-failure",   "reply",
    "4.3.2 Service not available, closing transmission channel" },
  { "smtp-protocol-error",      "stage",     "ehlo" },
  { "smtp-protocol-error",      "code",      "554" },
  { "smtp-protocol-error",      "reply",     "5.7.1 Access denied" },
  { "smtp-protocol-error",      "reason",    "refused" },
  { "host-unreachable",         "stage",     "connecting" },
  { "tls-handshake-failed",     "stage",     "handshake" },
  { "tls-handshake-failed",     "reason",    "A TLS fatal alert has been received." },
  { "dnssec-bogus",             "reason",    "signature expired" },
  { "dnssec-bogus",             "type",      "A" },
  { "dnssec-bogus",             "name",      "mx1.example.org" },
  { "mx-target-missing",        "host",      "mx3.example.org" },
  { "mx-is-ip-literal",         "host",      "192.0.2.25" },
  { "cert-expired",             "not_after", "2025-11-30T12:00:00Z" },
  { "cert-not-yet-valid",       "not_before", "2027-01-15T12:00:00Z" },
  { "cert-name-mismatch",       "expected",  "mx1.example.org" },
  { "cert-weak-signature",      "algorithm", "RSA-SHA1" },
  { "tls-no-forward-secrecy",   "cipher",    "TLS_RSA_WITH_AES_128_GCM_SHA256" },
  { "tls-version-obsolete",     "cipher",    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
  { "chain-includes-root",      "subject",   "CN=Example Root CA,O=Example Trust Services" },
  { "chain-includes-root",      "position",  "2" },
  { "chain-duplicate",          "subject",
    "CN=Example Intermediate CA,O=Example Trust Services" },
  { "chain-duplicate",          "position",  "2" },
  { "chain-missing-intermediate", "subject",
    "CN=Example Intermediate CA,O=Example Trust Services" },
  { "cert-not-for-server-auth", "key_purposes", "E-mail Protection" },
  { "cert-revoked",             "revoked_at", "2026-02-01T08:00:00Z" },
  { "cert-revoked",             "revocation_reason", "keyCompromise" },
};

static const char *example_mx_hosts[] = { "mx1.example.org", "mx2.example.org", NULL };

static const CatalogEntry *
find_entry (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
    {
      if (g_str_equal (catalog[i].id, id))
        return &catalog[i];
    }

  return NULL;
}

/**
 * sti_catalog_list_ids:
 *
 * Returns: (transfer none): every finding id the catalog explains, in the
 *   order of DESIGN.md, NULL-terminated
 */
const char * const *
sti_catalog_list_ids (void)
{
  static const char **ids = NULL;

  if (g_once_init_enter (&ids))
    {
      const char **list = g_new0 (const char *, G_N_ELEMENTS (catalog) + 1);

      for (guint i = 0; i < G_N_ELEMENTS (catalog); i++)
        list[i] = catalog[i].id;
      g_once_init_leave (&ids, list);
    }

  return ids;
}

gboolean
sti_catalog_has_entry (const char *id)
{
  return find_entry (id) != NULL;
}

/**
 * sti_catalog_get_default_severity:
 * @id: a finding id
 *
 * Returns: the severity the catalog gives @id (a finding's own severity wins
 *   when shown); %STI_SEVERITY_WARNING for unknown ids
 */
StiSeverity
sti_catalog_get_default_severity (const char *id)
{
  const CatalogEntry *entry = find_entry (id);

  return entry != NULL ? entry->severity : fallback_entry.severity;
}

static const char *
fallback_value (const char *key,
                gboolean    code_line)
{
  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      if (g_str_equal (fallbacks[i].key, key))
        return code_line ? _(fallbacks[i].code) : _(fallbacks[i].prose);
    }

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
      if (ms > 0)
        set_value (values, "timeout", timeout);
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
build_values (const CatalogEntry      *entry,
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
  if (domain == NULL && entry != NULL && entry->host_is_domain)
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
  const CatalogEntry *entry = find_entry (id);
  const CatalogEntry *words = entry != NULL ? entry : &fallback_entry;
  g_autoptr(GHashTable) values = build_values (entry, id, params, detail, context);
  StiExplanation *self = g_new0 (StiExplanation, 1);

  self->id = g_strdup (id);
  self->known = entry != NULL;
  self->severity = have_severity ? severity : words->severity;
  self->title = fill_template (_(words->title), values);
  self->verdict = fill_template (_(words->verdict), values);
  self->detail = g_strdup (detail);
  self->what = fill_template (_(words->what), values);
  self->why = fill_template (_(words->why), values);
  self->references = fill_template (_(words->references), values);

  for (guint mta = 0; mta < STI_N_MTAS; mta++)
    {
      GString *fix = g_string_new (NULL);

      for (guint i = 0; i < N_FIX_PARAGRAPHS && words->fix[mta][i] != NULL; i++)
        {
          g_autofree char *paragraph = fill_template (_(words->fix[mta][i]), values);

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

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      if (examples[i].id == NULL || g_str_equal (examples[i].id, id))
        g_variant_dict_insert (&dict, examples[i].key, "s", examples[i].value);
    }
  if (!g_variant_dict_contains (&dict, "host"))
    g_variant_dict_insert (&dict, "host", "s",
                           find_entry (id) != NULL && find_entry (id)->host_is_domain
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
