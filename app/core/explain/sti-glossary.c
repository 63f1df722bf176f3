/* sti-glossary.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-glossary.h"

#include <glib/gi18n.h>
#include <string.h>

/* The words a newcomer meets in certificates and mail security, each
 * answered in a few plain sentences. Sorted by key for display. */
static const StiGlossaryEntry entries[] = {
  { "AIA", N_("Authority Information Access"),
    N_("A certificate field that says where to find more about its issuer: the address to "
       "download the issuer's certificate (\"CA Issuers\") and the address of its OCSP "
       "service. Browsers use it to fetch a missing intermediate certificate; most mail "
       "servers do not, so a mail server must send its full chain."),
    "Authority Information Access|caIssuers|CA Issuers" },
  { "CA", N_("Certificate Authority"),
    N_("An organisation that checks who controls a name and then signs a certificate saying "
       "so, such as Let's Encrypt or DigiCert. Software trusts a certificate when it was "
       "signed by a CA in its trust store, directly or through intermediates. Companies can "
       "run a private CA, which only their own systems trust."),
    "Certificate Authority|Certification Authority" },
  { "chain", N_("Certificate chain"),
    N_("The list of certificates that links a server's certificate to a trusted root: the "
       "server's own certificate, then the intermediate that signed it, and so on up to the "
       "root. The server sends the chain, its own certificate first; the client checks each "
       "signature with the next certificate's key. A chain missing a link cannot be "
       "trusted."),
    "certificate chain|chain of trust|certification path|fullchain" },
  { "cipher suite", N_("Cipher suite"),
    N_("The set of algorithms one TLS connection uses: how the keys are agreed (for example "
       "ECDHE), how the server proves its identity (RSA or ECDSA), and how the data is "
       "encrypted and protected (for example AES-GCM). Client and server pick one that both "
       "support during the handshake. Old suites with RC4 or 3DES are broken."),
    "cipher|ciphersuite|ciphers" },
  { "CN", N_("Common Name"),
    N_("One attribute of a name in a certificate, written CN=. In the subject it used to hold "
       "the server's host name, for example CN=mx1.example.org. Today software checks host "
       "names in the Subject Alternative Name (SAN) field and looks at the CN only when a "
       "certificate has no SAN."),
    "Common Name|commonName" },
  { "CRL", N_("Certificate Revocation List"),
    N_("A list, signed and published by a CA, of the serial numbers of certificates it has "
       "revoked (cancelled before they expire), for example because a key leaked. Clients "
       "download it from the address in the certificate. OCSP is the query-based "
       "alternative."),
    "Certificate Revocation List|revocation list" },
  { "CSR", N_("Certificate Signing Request"),
    N_("The file you send to a CA to get a certificate. You create a key pair, keep the "
       "private key secret, and put the public key and the names you want into the CSR, "
       "signed with that private key. The CA checks the names and returns the certificate; "
       "tools like certbot do all of this for you."),
    "Certificate Signing Request|certificate request|request" },
  { "CT/SCT", N_("Certificate Transparency and Signed Certificate Timestamp"),
    N_("Certificate Transparency is a set of public logs in which CAs record every "
       "certificate they issue, so that anyone can spot a certificate issued for their name "
       "without their knowledge (see crt.sh). A Signed Certificate Timestamp (SCT) is a log's "
       "receipt, usually embedded in the certificate, proving that it was logged."),
    "CT|SCT|Certificate Transparency|Signed Certificate Timestamp" },
  { "DANE", N_("DNS-Based Authentication of Named Entities"),
    N_("A way to publish, in DNS signed with DNSSEC, which certificate or key a server uses, "
       "in TLSA records. A sending mail server that supports DANE refuses to deliver unless "
       "the server presents a matching certificate, which stops attackers from removing "
       "STARTTLS or faking the certificate. For mail it is defined in RFC 7672."),
    "DNS-Based Authentication of Named Entities" },
  { "DC", N_("Domain Component"),
    N_("An attribute of a name in a certificate, written DC=, holding one label of a domain "
       "name: DC=example,DC=org stands for example.org. It is common in certificates from "
       "company directories (Active Directory). It is never used to check a host name."),
    "Domain Component|domainComponent" },
  { "DNSSEC", N_("Domain Name System Security Extensions"),
    N_("Signatures on DNS records, so that a resolver can check that an answer really comes "
       "from the domain's owner and was not changed. A zone is signed with its keys, and its "
       "parent vouches for those keys with a DS record, up to the root of the DNS. DANE only "
       "works for domains signed with DNSSEC."),
    "Domain Name System Security Extensions|DS record|RRSIG|DNSKEY" },
  { "EHLO", N_("Extended Hello"),
    N_("The first command a client sends in an SMTP session, with its own name: EHLO "
       "client.example.org. The server answers with a list of the features it supports, one "
       "per line; STARTTLS in that list means it can encrypt. The older HELO command gets no "
       "such list."),
    "Extended Hello|HELO|Extended SMTP|ESMTP" },
  { "EKU", N_("Extended Key Usage"),
    N_("A certificate field listing the purposes the certificate may be used for, such as TLS "
       "server authentication (serverAuth), client authentication or e-mail protection "
       "(S/MIME). A mail server's certificate needs serverAuth, which every public CA includes "
       "for host names."),
    "Extended Key Usage|extendedKeyUsage|serverAuth" },
  { "fingerprint", N_("Fingerprint"),
    N_("A short, fixed-length value computed from a whole certificate with a hash function, "
       "usually SHA-256, and shown as hexadecimal. Two certificates with the same fingerprint "
       "are the same certificate, so fingerprints are handy for comparing them by eye or in "
       "configuration. They are not part of the certificate itself."),
    "thumbprint|hash|SHA-256 fingerprint" },
  { "forward secrecy", N_("Forward secrecy"),
    N_("A property of a TLS connection: its keys are agreed afresh for each connection "
       "(ephemeral Diffie-Hellman, ECDHE) and thrown away afterwards. Someone who later steals "
       "the server's private key still cannot decrypt recordings of past connections. TLS 1.3 "
       "always has it."),
    "perfect forward secrecy|PFS|FS|ECDHE" },
  { "intermediate", N_("Intermediate certificate"),
    N_("A CA certificate between the root and the server's certificate. CAs keep their roots "
       "offline and sign server certificates with intermediates instead. Clients usually do "
       "not have the intermediates, so the server must send them along with its own "
       "certificate (certbot's fullchain.pem does this)."),
    "intermediate certificate|intermediate CA|sub CA|subordinate CA" },
  { "issuer", N_("Issuer"),
    N_("The name of whoever signed a certificate: the CA. A certificate's issuer must equal "
       "the subject of the next certificate in the chain. When the issuer equals the "
       "certificate's own subject, the certificate is self-signed."),
    "issued by|signer" },
  { "key usage", N_("Key Usage"),
    N_("A certificate field listing the operations the key may perform, such as digital "
       "signature, key encipherment, or signing other certificates (for CAs). Its companion, "
       "Extended Key Usage, lists the purposes, such as TLS server authentication."),
    "Key Usage|keyUsage|KU" },
  { "key pair", N_("Public and private key"),
    N_("Two matching keys made together. The public key is published in the certificate; the "
       "private key stays secret on the server and proves that the server owns the "
       "certificate. Anyone who gets the private key can impersonate the server, so protect "
       "it like a password."),
    "private key|public key|key" },
  { "MTA", N_("Mail Transfer Agent"),
    N_("A mail server program that receives mail and passes it on towards its destination, "
       "such as Postfix, Exim, Sendmail or Microsoft Exchange. MTAs talk to each other with "
       "SMTP on port 25."),
    "Mail Transfer Agent|mail server" },
  { "MTA-STS", N_("SMTP MTA Strict Transport Security"),
    N_("A policy a domain publishes over HTTPS (at https://mta-sts.<domain>/.well-known/"
       "mta-sts.txt, announced by a DNS TXT record) that says: our mail servers support "
       "STARTTLS with a valid certificate for these names. Senders that honour it and find it "
       "in \"enforce\" mode refuse to deliver over an unencrypted or unverified connection. "
       "It is defined in RFC 8461 and, unlike DANE, needs no DNSSEC."),
    "SMTP MTA Strict Transport Security|MTA STS|STS" },
  { "MX", N_("Mail Exchanger record"),
    N_("A DNS record that names the servers receiving mail for a domain, each with a "
       "preference number: lower numbers are tried first. For example \"example.org MX 10 "
       "mx1.example.org\". An MX record must name a host, not an IP address or an alias."),
    "Mail Exchanger|MX record|mail exchanger record" },
  { "null MX", N_("Null MX"),
    N_("The special record \"MX 0 .\" with which a domain says that it accepts no mail at all "
       "(RFC 7505). Senders then bounce mail to it at once instead of retrying for days."),
    "null-mx|nullmx|RFC 7505" },
  { "O", N_("Organization"),
    N_("An attribute of a name in a certificate, written O=, with the name of the "
       "organisation that owns the certificate, for example O=Example Ltd. CAs fill it in only "
       "after checking the organisation; certificates that only prove control of a domain, "
       "like Let's Encrypt's, leave it out."),
    "Organization|Organisation|organizationName" },
  { "OCSP", N_("Online Certificate Status Protocol"),
    N_("A service of a CA that answers the question \"is this certificate still valid, or was "
       "it revoked?\". With OCSP stapling the server fetches the signed answer itself and "
       "sends it during the handshake. A certificate with the Must-Staple flag requires "
       "that."),
    "Online Certificate Status Protocol|OCSP stapling|stapling|Must-Staple" },
  { "OU", N_("Organizational Unit"),
    N_("An attribute of a name in a certificate, written OU=, naming a department, for "
       "example OU=IT. Public CAs no longer include it, and no software uses it to decide "
       "trust."),
    "Organizational Unit|Organisational Unit|organizationalUnitName" },
  { "PKIX", N_("Public-Key Infrastructure using X.509"),
    N_("The rules (RFC 5280) that define X.509 certificates on the Internet and how to "
       "validate them: follow the chain of signatures to a trusted root, check the dates, "
       "the names and the permitted uses. \"PKIX validation\" means checking a certificate "
       "the way browsers do."),
    "Public-Key Infrastructure|X.509|X509|path validation" },
  { "root", N_("Root certificate"),
    N_("A self-signed CA certificate at the top of a chain. It is trusted because it is in "
       "the trust store of the operating system or application, not because of any "
       "signature. Servers need not send it: clients use their own copy."),
    "root certificate|root CA|trust anchor|anchor" },
  { "SAN", N_("Subject Alternative Name"),
    N_("The certificate field that lists the host names (and sometimes addresses) the "
       "certificate is valid for, for example mx1.example.org and mx2.example.org. Clients "
       "check the name they connected to against this list. A wildcard entry like "
       "*.example.org covers exactly one label in place of the star."),
    "Subject Alternative Name|subjectAltName|alt names|DNS names" },
  { "self-signed", N_("Self-signed certificate"),
    N_("A certificate signed with its own key, so its issuer is itself. Roots are self-signed "
       "and trusted because they are in a trust store; a self-signed server certificate is "
       "trusted by no one, so it proves nothing about the server's identity. It still allows "
       "encryption, and with DANE it can be pinned securely."),
    "self signed|selfsigned|snakeoil" },
  { "SMTP", N_("Simple Mail Transfer Protocol"),
    N_("The text protocol mail servers use to pass mail to each other, on port 25: the "
       "server greets, the client sends EHLO, then the sender, the recipients and the "
       "message. It is unencrypted unless both sides switch to TLS with STARTTLS."),
    "Simple Mail Transfer Protocol|ESMTP" },
  { "SPKI", N_("Subject Public Key Info"),
    N_("The part of a certificate that holds the public key and its algorithm. Its hash (the "
       "SPKI fingerprint) identifies the key independently of the certificate, so it stays "
       "the same when a certificate is renewed with the same key. DANE records of type "
       "\"3 1 1\" publish exactly this hash."),
    "Subject Public Key Info|SubjectPublicKeyInfo|public key info" },
  { "STARTTLS", N_("STARTTLS"),
    N_("The SMTP command that turns an unencrypted connection into an encrypted one. The "
       "server lists STARTTLS among its features after EHLO; the client sends STARTTLS, the "
       "server answers 220, and both run a TLS handshake over the same connection. Without "
       "DANE or MTA-STS an attacker can remove the offer, so senders use it only "
       "opportunistically."),
    "START TLS|opportunistic TLS|RFC 3207" },
  { "subject", N_("Subject"),
    N_("The name of whoever a certificate belongs to, made of attributes such as CN (common "
       "name), O (organisation) and C (country), for example CN=mx1.example.org. The host "
       "names that clients check are in the Subject Alternative Name field instead."),
    "subject name|distinguished name|DN" },
  { "TLS", N_("Transport Layer Security"),
    N_("The protocol that encrypts connections and lets the client verify the server with its "
       "certificate; HTTPS, IMAPS and STARTTLS all use it. Current versions are TLS 1.2 and "
       "TLS 1.3; its predecessor SSL and the versions TLS 1.0 and 1.1 are obsolete."),
    "Transport Layer Security|SSL|SSL/TLS" },
  { "TLS-RPT", N_("SMTP TLS Reporting"),
    N_("A DNS TXT record (_smtp._tls.<domain>) that asks sending mail servers to send a daily "
       "report of the TLS problems they met when delivering to the domain. It lets you notice "
       "failing MTA-STS or DANE checks before users complain (RFC 8460)."),
    "SMTP TLS Reporting|TLSRPT|TLS RPT" },
  { "TLSA", N_("TLSA record"),
    N_("The DNS record type used by DANE. Published at _25._tcp.<mx-host> for mail, it holds "
       "a certificate or key hash and three numbers: usage, selector and matching type. "
       "\"3 1 1\" means: the server's own key (3), its public key only (1), as a SHA-256 hash "
       "(1)."),
    "TLSA record|TLSA RR" },
  { "trust store", N_("Trust store"),
    N_("The list of root certificates a system or program trusts, shipped with the operating "
       "system (on Debian: the ca-certificates package) or the application. A certificate is "
       "trusted only if its chain ends at one of them. This app shows which trust store a "
       "check used."),
    "trust anchors|CA store|root store|ca-certificates|truststore" },
  { "validity", N_("Validity period"),
    N_("The two dates in a certificate between which it may be used: \"not before\" and "
       "\"not after\". Outside that period, clients that validate refuse it. Public "
       "certificates last at most about a year today, Let's Encrypt's 90 days."),
    "not before|not after|expiry|expiration|notBefore|notAfter" },
  { "wildcard", N_("Wildcard certificate"),
    N_("A certificate with a name like *.example.org, which matches any single label in place "
       "of the star: mx1.example.org, but neither example.org nor a.b.example.org. MTA-STS "
       "accepts wildcards only as the leftmost label."),
    "wildcard certificate|*." },
};

const StiGlossaryEntry *
sti_glossary_get_entries (guint *n_entries)
{
  if (n_entries != NULL)
    *n_entries = G_N_ELEMENTS (entries);
  return entries;
}

/* Case-insensitive, and blind to spaces, hyphens, underscores, dots and
 * slashes: "Common Name", "common-name" and "commonName" are one term. */
static char *
normalize (const char *term)
{
  g_autofree char *folded = g_utf8_casefold (term, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (strchr (" -_./\t", *p) == NULL)
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
matches (const char *candidate,
         const char *wanted)
{
  g_autofree char *normal = NULL;

  if (candidate == NULL || candidate[0] == '\0')
    return FALSE;

  normal = normalize (candidate);
  return normal[0] != '\0' && g_str_equal (normal, wanted);
}

/**
 * sti_glossary_lookup:
 * @term: a key ("CN"), full name ("Common Name", also translated) or alias
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL
 */
const StiGlossaryEntry *
sti_glossary_lookup (const char *term)
{
  g_autofree char *wanted = NULL;

  if (term == NULL || !g_utf8_validate (term, -1, NULL))
    return NULL;

  wanted = normalize (term);
  if (wanted[0] == '\0')
    return NULL;

  /* Keys first, so that an alias of one term never hides another's key. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (matches (entries[i].key, wanted))
        return &entries[i];
    }

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_auto(GStrv) aliases = g_strsplit (entries[i].aliases, "|", -1);

      if (matches (entries[i].full_name, wanted) || matches (_(entries[i].full_name), wanted))
        return &entries[i];

      for (guint j = 0; aliases[j] != NULL; j++)
        {
          if (matches (aliases[j], wanted))
            return &entries[i];
        }
    }

  return NULL;
}
