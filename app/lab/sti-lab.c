/* sti-lab.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"

#include "sti-certificate.h"
#include "sti-lab-certs.h"
#include "sti-lab-dns-server.h"
#include "sti-lab-ocsp.h"
#include "sti-lab-server.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* The demo lab: one mail domain per scenario under lab.test, each MX host
 * on its own loopback address (127.77.<scenario>.<mx>, ::1 for IPv6), all
 * on one port, with certificates made at start-up under a lab CA that only
 * demo mode trusts. DESIGN.md decision 6: newcomers explore it, tests use
 * it as their fixture.
 *
 * Besides the mail servers, two small web servers on the same port: the
 * AIA host (127.77.<scenario>.100) serves the intermediate the
 * missing-intermediate server forgets, and the OCSP host (….101) runs the
 * lab OCSP responder (sti-lab-ocsp.c) for the intermediate's certificates,
 * which knows the revoked scenario's leaf as revoked. Scenarios about TLS
 * parameters set their servers' GnuTLS priority string.
 *
 * The lab's names are answered by its own name server (sti-lab-dns-zone.c,
 * UDP on 127.77.0.53), which signs lab.test with DNSSEC. The resolver gets
 * it as a stub zone with the zone's key as trust anchor, so lab answers go
 * through the same validation as real ones: secure, insecure (a delegated
 * zone without DNSSEC) or bogus (a delegated zone whose signatures fail). */

#define DAY             (24 * 60 * 60)
#define ZONE_TTL        300
#define BIND_ATTEMPTS   16
#define AIA_HOST_OCTET  100
#define OCSP_HOST_OCTET 101
#define STS_HOST_OCTET  102
#define BENCH_HOST_NAME "mx.bench.lab.test"
#define DNS_HOST_NAME   "ns.lab.test."
#define DNS_ADDRESS     "127.77.0.53"
#define LAB_ORG         "STARTTLS Inspector demo lab"

typedef enum
{
  MX_LIST,     /* MX records mx1..mxN, preference 10 * i */
  MX_NULL,     /* "MX 0 ." (RFC 7505) */
  MX_IMPLICIT, /* no MX: the domain's own A record is the mail host */
} LabMxKind;

typedef enum
{
  CERT_VALID,
  CERT_EXPIRED,
  CERT_NOT_YET_VALID,
  CERT_SELF_SIGNED,
  CERT_UNTRUSTED_CA,
  CERT_MISSING_INTERMEDIATE,
  CERT_WRONG_ORDER,
  CERT_NAME_MISMATCH,
  CERT_WEAK_KEY,
  CERT_SHA1,
  CERT_HOSTILE,
  CERT_EXPIRING_SOON,
  CERT_CLIENT_AUTH_ONLY,
  CERT_MUST_STAPLE,
  CERT_REVOKED,
  CERT_RSA,
} LabCertKind;

/* How a scenario publishes MTA-STS (RFC 8461). */
typedef enum
{
  STS_NONE,
  STS_ENFORCE,       /* a correct enforce policy naming the MX */
  STS_MX_MISSING,    /* the policy's mx lines miss the domain's MX */
  STS_BAD_CERT,      /* the policy host's certificate is for another name */
  STS_REDIRECT,      /* the policy host answers with a redirect */
} LabStsKind;

/* How a scenario publishes DANE TLSA records (RFC 7672) for its MX. */
typedef enum
{
  DANE_NONE,
  DANE_EE,           /* 3 1 1 for the server's key and 2 1 1 for its issuer */
  DANE_STALE,        /* 3 1 1 for a key the server no longer uses */
} LabDaneKind;

/* Where a scenario's DNS data lives. The lab's name server (127.77.0.53,
 * its own UDP port) serves lab.test signed with DNSSEC; a scenario can
 * have a zone of its own, delegated from lab.test. */
typedef enum
{
  DNS_SIGNED,        /* in lab.test, signed */
  DNS_UNSIGNED_ZONE, /* its own zone, not signed: an insecure delegation */
  DNS_BOGUS_ZONE,    /* its own signed zone, DS in lab.test, signatures broken */
} LabDnsKind;

typedef struct
{
  LabMxKind         mx;
  guint             n_mx;
  guint             down_mx;  /* 1-based MX with nothing listening; 0: none */
  gboolean          ipv6;     /* the MX hosts have only an AAAA record, ::1 */
  LabCertKind       cert;
  StiLabServerKind  server;
  gboolean          aia;      /* also serve the intermediate over HTTP (AIA caIssuers) */
  gboolean          ocsp;     /* also run the lab OCSP responder (octet 101) */
  const char       *tls_priority; /* nullable: the servers' GnuTLS priority string */
  LabStsKind        sts;      /* an MTA-STS record and policy host (HTTPS, octet 102) */
  LabDaneKind       dane;     /* TLSA records for mx1 */
  LabDnsKind        dns;
} LabScenarioSpec;

#define FINDINGS(...) ((const char * const[]) { __VA_ARGS__, NULL })
#define NO_FINDINGS   ((const char * const[]) { NULL })

/* The public table and the build table run in parallel: same index. */
static const StiLabScenario scenarios[] = {
  { "valid", "valid.lab.test",
    N_("Two mail servers with valid certificates: what a good setup looks like"),
    NO_FINDINGS },
  { "expired", "expired.lab.test",
    N_("The certificate expired 30 days ago"),
    FINDINGS ("cert-expired") },
  { "not-yet-valid", "not-yet-valid.lab.test",
    N_("The certificate only becomes valid in 10 days"),
    FINDINGS ("cert-not-yet-valid") },
  { "self-signed", "self-signed.lab.test",
    N_("The server presents a self-signed certificate that nobody vouches for"),
    FINDINGS ("cert-self-signed") },
  { "untrusted-ca", "untrusted-ca.lab.test",
    N_("The certificate comes from a certificate authority that is not trusted"),
    FINDINGS ("cert-untrusted-issuer") },
  { "missing-intermediate", "missing-intermediate.lab.test",
    N_("The server forgets to send its intermediate certificate"),
    FINDINGS ("chain-missing-intermediate") },
  { "wrong-order", "wrong-order.lab.test",
    N_("The server sends its certificate chain in the wrong order"),
    FINDINGS ("chain-wrong-order") },
  { "name-mismatch", "name-mismatch.lab.test",
    N_("The certificate is for a different host name"),
    FINDINGS ("cert-name-mismatch") },
  { "weak-key", "weak-key.lab.test",
    N_("The certificate has a 1024-bit RSA key, too weak today"),
    FINDINGS ("cert-weak-key") },
  { "sha1", "sha1.lab.test",
    N_("The certificate is signed with the broken SHA-1 hash"),
    FINDINGS ("cert-weak-signature") },
  { "no-starttls", "no-starttls.lab.test",
    N_("The server does not offer STARTTLS: mail travels in the clear"),
    FINDINGS ("starttls-not-offered") },
  { "starttls-refused", "starttls-refused.lab.test",
    N_("The server offers STARTTLS but refuses it when asked"),
    FINDINGS ("starttls-refused") },
  { "greeting-421", "greeting-421.lab.test",
    N_("The server turns every connection away with a temporary 421 error"),
    FINDINGS ("smtp-temporary-failure") },
  { "one-mx-down", "one-mx-down.lab.test",
    N_("Three mail servers, and the second one does not answer"),
    FINDINGS ("host-unreachable") },
  { "null-mx", "null-mx.lab.test",
    N_("The domain declares that it accepts no mail at all (null MX)"),
    FINDINGS ("null-mx") },
  { "no-mx", "no-mx.lab.test",
    N_("No MX record: mail goes to the address of the domain itself"),
    FINDINGS ("no-mx-implicit") },
  { "ipv6-only", "ipv6-only.lab.test",
    N_("The mail server can only be reached over IPv6"),
    NO_FINDINGS },
  { "injection", "injection.lab.test",
    N_("The server slips plaintext into the switch to TLS (STARTTLS injection)"),
    FINDINGS ("plaintext-injection") },
  { "hostile", "hostile.lab.test",
    N_("Banner and certificate full of markup and broken text: shown safely, never run"),
    NO_FINDINGS },
  { "expiring-soon", "expiring-soon.lab.test",
    N_("The certificate expires in 5 days: renew it now"),
    FINDINGS ("cert-expiring-soon") },
  { "not-for-server-auth", "not-for-server-auth.lab.test",
    N_("The certificate may only identify clients, not servers"),
    FINDINGS ("cert-not-for-server-auth") },
  { "must-staple", "must-staple.lab.test",
    N_("The certificate demands a stapled OCSP answer that the server never sends"),
    FINDINGS ("ocsp-must-staple-missing") },
  { "revoked", "revoked.lab.test",
    N_("The certificate was revoked: the CA's OCSP responder says so"),
    FINDINGS ("cert-revoked") },
  { "old-tls", "old-tls.lab.test",
    N_("The server only speaks the obsolete TLS 1.0 and 1.1"),
    FINDINGS ("tls-version-obsolete") },
  { "no-forward-secrecy", "no-forward-secrecy.lab.test",
    N_("The server only offers RSA key exchange: recorded mail can be decrypted later"),
    FINDINGS ("tls-no-forward-secrecy") },
  { "mta-sts", "mta-sts.lab.test",
    N_("MTA-STS in enforce mode, done right: senders must use TLS with a valid certificate"),
    NO_FINDINGS },
  { "mta-sts-mx-missing", "mta-sts-mx-missing.lab.test",
    N_("The MTA-STS policy does not list the domain's mail server, so enforcing senders refuse it"),
    FINDINGS ("mta-sts-mx-not-covered", "mta-sts-mx-refused", "mta-sts-mx-pattern-unused") },
  { "mta-sts-bad-cert", "mta-sts-bad-cert.lab.test",
    N_("The MTA-STS policy host's certificate is for another name, "
       "so senders cannot fetch the policy"),
    FINDINGS ("mta-sts-policy-bad-certificate") },
  { "mta-sts-redirect", "mta-sts-redirect.lab.test",
    N_("The MTA-STS policy host redirects, which senders must not follow"),
    FINDINGS ("mta-sts-policy-redirect") },
  { "dane", "dane.lab.test",
    N_("DANE done right: signed TLSA records (DANE-EE and DANE-TA) that match the server"),
    NO_FINDINGS },
  { "dane-stale", "dane-stale.lab.test",
    N_("A TLSA record for a key the server no longer uses: DANE senders would refuse it"),
    FINDINGS ("dane-no-match") },
  { "dane-unsigned", "dane-unsigned.lab.test",
    N_("TLSA records in a zone without DNSSEC: senders ignore them"),
    FINDINGS ("dane-tlsa-insecure") },
  { "dnssec-bogus", "dnssec-bogus.lab.test",
    N_("The zone's DNSSEC signatures are broken: validating senders cannot find the mail server"),
    FINDINGS ("dnssec-bogus") },
};

static const LabScenarioSpec scenario_specs[] = {
  /* valid */
  { MX_LIST, 2, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* expired */
  { MX_LIST, 1, 0, FALSE, CERT_EXPIRED, STI_LAB_SERVER_SMTP, FALSE },
  /* not-yet-valid */
  { MX_LIST, 1, 0, FALSE, CERT_NOT_YET_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* self-signed */
  { MX_LIST, 1, 0, FALSE, CERT_SELF_SIGNED, STI_LAB_SERVER_SMTP, FALSE },
  /* untrusted-ca */
  { MX_LIST, 1, 0, FALSE, CERT_UNTRUSTED_CA, STI_LAB_SERVER_SMTP, FALSE },
  /* missing-intermediate */
  { MX_LIST, 1, 0, FALSE, CERT_MISSING_INTERMEDIATE, STI_LAB_SERVER_SMTP, TRUE },
  /* wrong-order */
  { MX_LIST, 1, 0, FALSE, CERT_WRONG_ORDER, STI_LAB_SERVER_SMTP, FALSE },
  /* name-mismatch */
  { MX_LIST, 1, 0, FALSE, CERT_NAME_MISMATCH, STI_LAB_SERVER_SMTP, FALSE },
  /* weak-key */
  { MX_LIST, 1, 0, FALSE, CERT_WEAK_KEY, STI_LAB_SERVER_SMTP, FALSE },
  /* sha1 */
  { MX_LIST, 1, 0, FALSE, CERT_SHA1, STI_LAB_SERVER_SMTP, FALSE },
  /* no-starttls */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_NO_STARTTLS, FALSE },
  /* starttls-refused */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_STARTTLS_REFUSED, FALSE },
  /* greeting-421 */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_GREETING_421, FALSE },
  /* one-mx-down */
  { MX_LIST, 3, 2, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* null-mx */
  { MX_NULL, 0, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* no-mx */
  { MX_IMPLICIT, 0, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* ipv6-only */
  { MX_LIST, 1, 0, TRUE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE },
  /* injection */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP_INJECTION, FALSE },
  /* hostile */
  { MX_LIST, 1, 0, FALSE, CERT_HOSTILE, STI_LAB_SERVER_SMTP_HOSTILE, FALSE },
  /* expiring-soon */
  { MX_LIST, 1, 0, FALSE, CERT_EXPIRING_SOON, STI_LAB_SERVER_SMTP, FALSE },
  /* not-for-server-auth */
  { MX_LIST, 1, 0, FALSE, CERT_CLIENT_AUTH_ONLY, STI_LAB_SERVER_SMTP, FALSE },
  /* must-staple */
  { MX_LIST, 1, 0, FALSE, CERT_MUST_STAPLE, STI_LAB_SERVER_SMTP, FALSE },
  /* revoked */
  { MX_LIST, 1, 0, FALSE, CERT_REVOKED, STI_LAB_SERVER_SMTP, FALSE, TRUE },
  /* old-tls: GnuTLS 3.7.9 still serves TLS 1.0/1.1, and the probe's
   * "NORMAL" still offers them (platform-notes A4) */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE,
    "NORMAL:-VERS-ALL:+VERS-TLS1.1:+VERS-TLS1.0" },
  /* no-forward-secrecy: static RSA key exchange, which "NORMAL" still
   * offers in TLS 1.2. No weak-cipher scenario: GnuTLS 3.7.9 has no RC4
   * or export suites left, and 3DES is not in the probe's "NORMAL", so
   * the handshake would fail instead (tls-cipher-weak has fixtures). */
  { MX_LIST, 1, 0, FALSE, CERT_RSA, STI_LAB_SERVER_SMTP, FALSE, FALSE,
    "NORMAL:-VERS-TLS1.3:-KX-ALL:+RSA" },
  /* mta-sts */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_ENFORCE },
  /* mta-sts-mx-missing */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_MX_MISSING },
  /* mta-sts-bad-cert */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_BAD_CERT },
  /* mta-sts-redirect */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_REDIRECT },
  /* dane */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_EE },
  /* dane-stale */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE,
    DANE_STALE },
  /* dane-unsigned */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_EE,
    DNS_UNSIGNED_ZONE },
  /* dnssec-bogus */
  { MX_LIST, 1, 0, FALSE, CERT_VALID, STI_LAB_SERVER_SMTP, FALSE, FALSE, NULL, STS_NONE, DANE_NONE,
    DNS_BOGUS_ZONE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (scenarios) == G_N_ELEMENTS (scenario_specs));

/* One listening address and what answers there. */
typedef struct
{
  guint         scenario;   /* index into scenarios[]; G_MAXUINT for bench servers */
  char         *host_name;
  char         *address;
  LabCertKind   cert;
  StiLabServer *server;
  gboolean      bound;
  guint16       port;
  GSocket      *socket;         /* listening */
  GSource      *accept_source;  /* watches only this socket: accepting stays O(1) with thousands */
  GSource      *retry_source;   /* accept failed (out of descriptors): pause, then watch again */
  GMainContext *context;        /* borrowed from the lab */
} LabEndpoint;

struct _StiLab
{
  GObject          parent_instance;

  /* Owned references */
  GPtrArray       *endpoints;      /* LabEndpoint */
  GPtrArray       *certs;          /* StiLabCert: every generated certificate */
  GHashTable      *chains;         /* host name -> GPtrArray of GBytes, DER in sent order */
  char            *ca_pem;

  /* Borrowed from certs */
  StiLabCert      *root;
  StiLabCert      *intermediate;
  StiLabCert      *intermediate2;
  StiLabCert      *untrusted_root;
  StiLabCert      *bench_leaf;
  StiLabOcsp      *ocsp;           /* answers for the intermediate's certificates */
  StiLabDnsServer *dns;            /* serves lab.test and the scenarios' own zones */

  GMainContext    *context;
  gboolean         running;
  guint            idle_ms;
  guint            total_ms;
  guint            n_bench;
  guint16          port;
  gint64           start_time_us;
};

G_DEFINE_FINAL_TYPE (StiLab, sti_lab, G_TYPE_OBJECT)

static void
lab_endpoint_close_listener (LabEndpoint *ep)
{
  if (ep->accept_source != NULL)
    g_source_destroy (ep->accept_source);
  g_clear_pointer (&ep->accept_source, g_source_unref);
  if (ep->retry_source != NULL)
    g_source_destroy (ep->retry_source);
  g_clear_pointer (&ep->retry_source, g_source_unref);
  if (ep->socket != NULL)
    g_socket_close (ep->socket, NULL);
  g_clear_object (&ep->socket);
  ep->bound = FALSE;
}

static void
lab_endpoint_free (LabEndpoint *ep)
{
  lab_endpoint_close_listener (ep);
  if (ep->server != NULL)
    {
      sti_lab_server_close_all (ep->server);
      sti_lab_server_set_ocsp (ep->server, NULL);
    }
  g_clear_object (&ep->server);
  g_free (ep->host_name);
  g_free (ep->address);
  g_free (ep);
}

static char *
normalize_domain (const char *domain)
{
  gsize len;

  if (domain == NULL)
    return NULL;

  len = strlen (domain);
  if (len > 0 && domain[len - 1] == '.')
    len--;

  return g_ascii_strdown (domain, len);
}

static char *
lab_address (guint scenario,
             guint octet)
{
  return g_strdup_printf ("127.77.%u.%u", scenario + 1, octet);
}

static char *
mx_host_name (guint scenario,
              guint mx)
{
  return g_strdup_printf ("mx%u.%s", mx, scenarios[scenario].domain);
}

static LabEndpoint *
lab_add_endpoint (StiLab           *self,
                  guint             scenario,
                  char             *host_name,
                  char             *address,
                  LabCertKind       cert,
                  StiLabServerKind  kind)
{
  LabEndpoint *ep = g_new0 (LabEndpoint, 1);

  ep->scenario = scenario;
  ep->host_name = host_name;
  ep->address = address;
  ep->cert = cert;
  ep->server = sti_lab_server_new (kind, host_name);
  sti_lab_server_set_timeouts (ep->server, self->idle_ms, self->total_ms);
  if (scenario < G_N_ELEMENTS (scenario_specs))
    sti_lab_server_set_tls_priority (ep->server, scenario_specs[scenario].tls_priority);
  g_ptr_array_add (self->endpoints, ep);

  return ep;
}

static void
lab_plan (StiLab *self)
{
  self->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)lab_endpoint_free);

  for (guint i = 0; i < G_N_ELEMENTS (scenario_specs); i++)
    {
      const LabScenarioSpec *spec = &scenario_specs[i];

      switch (spec->mx)
        {
        case MX_LIST:
          for (guint m = 1; m <= spec->n_mx; m++)
            {
              if (m == spec->down_mx)
                continue;
              lab_add_endpoint (self, i, mx_host_name (i, m),
                                spec->ipv6 ? g_strdup ("::1") : lab_address (i, m),
                                spec->cert, spec->server);
            }
          break;

        case MX_IMPLICIT:
          lab_add_endpoint (self, i, g_strdup (scenarios[i].domain), lab_address (i, 1),
                            spec->cert, spec->server);
          break;

        case MX_NULL:
        default:
          break;
        }

      if (spec->aia)
        lab_add_endpoint (self, i, g_strdup_printf ("aia.%s", scenarios[i].domain),
                          lab_address (i, AIA_HOST_OCTET), CERT_VALID, STI_LAB_SERVER_HTTP);
      if (spec->ocsp)
        lab_add_endpoint (self, i, g_strdup_printf ("ocsp.%s", scenarios[i].domain),
                          lab_address (i, OCSP_HOST_OCTET), CERT_VALID, STI_LAB_SERVER_OCSP);
      if (spec->sts != STS_NONE)
        lab_add_endpoint (self, i, g_strdup_printf ("mta-sts.%s", scenarios[i].domain),
                          lab_address (i, STS_HOST_OCTET),
                          spec->sts == STS_BAD_CERT ? CERT_NAME_MISMATCH : CERT_VALID,
                          STI_LAB_SERVER_HTTP);
    }
}

static gboolean
is_ipv6_literal (const char *address)
{
  return strchr (address, ':') != NULL;
}

static void lab_endpoint_watch (LabEndpoint *ep);

static gboolean
accept_retry_cb (gpointer user_data)
{
  LabEndpoint *ep = user_data;

  g_clear_pointer (&ep->retry_source, g_source_unref);
  lab_endpoint_watch (ep);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  LabEndpoint *ep = user_data;

  /* Take what is queued, a bounded batch per wake-up so that one busy
   * address cannot starve the others. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;

      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;

          /* Out of descriptors and the like: pause rather than spin on
           * the same error. */
          g_debug ("Demo lab: accept on %s failed: %s", ep->address, error->message);
          g_clear_pointer (&ep->accept_source, g_source_unref);
          ep->retry_source = g_timeout_source_new (100);
          g_source_set_callback (ep->retry_source, accept_retry_cb, ep, NULL);
          g_source_set_static_name (ep->retry_source, "[sti] lab accept retry");
          g_source_attach (ep->retry_source, ep->context);
          return G_SOURCE_REMOVE;
        }

      connection = g_socket_connection_factory_create_connection (client);
      sti_lab_server_accept (ep->server, connection);
    }

  return G_SOURCE_CONTINUE;
}

static void
lab_endpoint_watch (LabEndpoint *ep)
{
  ep->accept_source = g_socket_create_source (ep->socket, G_IO_IN, NULL);
  g_source_set_callback (ep->accept_source, G_SOURCE_FUNC (accept_ready_cb), ep, NULL);
  g_source_set_static_name (ep->accept_source, "[sti] lab accept");
  g_source_attach (ep->accept_source, ep->context);
}

/* One listening socket per endpoint, each with its own watch: a
 * GSocketListener re-creates a source for every one of its sockets on
 * each accept, which is quadratic with the benchmark's thousand servers. */
static gboolean
lab_bind_endpoint (StiLab       *self,
                   LabEndpoint  *ep,
                   guint16       port,
                   GError      **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ep->address);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;

  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, 128);

  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      (effective = g_socket_get_local_address (socket, error)) == NULL)
    return FALSE;

  ep->socket = g_steal_pointer (&socket);
  ep->context = self->context;
  ep->bound = TRUE;
  ep->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  lab_endpoint_watch (ep);

  return TRUE;
}

/* Binds every endpoint on one port: the first on port 0, the others on the
 * port it got. Any other program may hold that port on one of our addresses,
 * so start over on a fresh port when that happens. */
static gboolean
lab_bind (StiLab  *self,
          GError **error)
{
  for (guint attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint16 port = 0;
      gboolean retry = FALSE;

      for (guint i = 0; i < self->endpoints->len && !retry; i++)
        {
          LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);

          if (lab_bind_endpoint (self, ep, port, &local_error))
            {
              port = ep->port;
              continue;
            }

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            {
              retry = TRUE;
            }
          else if (is_ipv6_literal (ep->address))
            {
              /* No IPv6 on this machine: the ipv6-only scenario then shows
               * an unreachable host, everything else still works. */
              g_debug ("Demo lab: cannot listen on %s: %s", ep->address, local_error->message);
              g_clear_error (&local_error);
            }
          else
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          _("Cannot start the demo lab on %s: "), ep->address);
              for (guint j = 0; j < self->endpoints->len; j++)
                lab_endpoint_close_listener (g_ptr_array_index (self->endpoints, j));
              return FALSE;
            }
        }

      if (!retry)
        {
          self->port = port;
          return TRUE;
        }

      g_debug ("Demo lab: port %u is taken on some address, trying another", port);
      for (guint i = 0; i < self->endpoints->len; i++)
        lab_endpoint_close_listener (g_ptr_array_index (self->endpoints, i));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               _("Cannot start the demo lab: no free port found on its loopback addresses"));
  return FALSE;
}

static StiLabCert *
lab_make_cert (StiLab                *self,
               const StiLabCertSpec  *spec,
               const StiLabCert      *issuer,
               GError               **error)
{
  StiLabCert *cert = sti_lab_cert_new (spec, issuer, error);

  if (cert != NULL)
    g_ptr_array_add (self->certs, cert);

  return cert;
}

static gboolean
lab_make_cas (StiLab  *self,
              gint64   now,
              GError **error)
{
  StiLabCertSpec spec = {
    .organization = LAB_ORG,
    .is_ca = TRUE,
    .not_before = now - DAY,
    .not_after = now + 10 * 365 * DAY,
  };

  spec.common_name = "STARTTLS Inspector Demo Lab Root CA";
  if ((self->root = lab_make_cert (self, &spec, NULL, error)) == NULL)
    return FALSE;

  spec.common_name = "STARTTLS Inspector Demo Lab Intermediate CA";
  spec.not_after = now + 5 * 365 * DAY;
  if ((self->intermediate = lab_make_cert (self, &spec, self->root, error)) == NULL)
    return FALSE;

  spec.common_name = "STARTTLS Inspector Demo Lab Intermediate CA 2";
  if ((self->intermediate2 = lab_make_cert (self, &spec, self->intermediate, error)) == NULL)
    return FALSE;

  spec.common_name = "Untrusted Demo Root CA";
  spec.organization = "Nobody Trusts Me Ltd";
  spec.not_after = now + 10 * 365 * DAY;
  if ((self->untrusted_root = lab_make_cert (self, &spec, NULL, error)) == NULL)
    return FALSE;

  self->ca_pem = sti_lab_cert_dup_pem (self->root);
  self->ocsp = sti_lab_ocsp_new (self->intermediate);

  return TRUE;
}

static char *
lab_ocsp_url (StiLab *self,
              guint   scenario)
{
  g_autofree char *address = lab_address (scenario, OCSP_HOST_OCTET);

  return g_strdup_printf ("http://%s:%u/", address, self->port);
}

static char *
lab_aia_url (StiLab *self,
             guint   scenario)
{
  g_autofree char *address = lab_address (scenario, AIA_HOST_OCTET);

  return g_strdup_printf ("http://%s:%u/lab-intermediate.cer", address, self->port);
}

/* Makes the leaf for @ep and the chain it sends, issuer side first where
 * that is the point of the scenario. */
static gboolean
lab_make_endpoint_chain (StiLab       *self,
                         LabEndpoint  *ep,
                         gint64        now,
                         GPtrArray    *chain,
                         GError      **error)
{
  const char *names[] = { ep->host_name, NULL };
  const char *other_names[] = { "mail.other.lab.test", NULL };
  g_autofree char *aia_url = NULL;
  StiLabCertSpec spec = {
    .common_name = ep->host_name,
    .organization = LAB_ORG,
    .dns_names = names,
    .not_before = now - DAY,
    .not_after = now + 365 * DAY,
  };
  const StiLabCert *issuer = self->intermediate;
  StiLabCert *leaf;

  switch (ep->cert)
    {
    case CERT_EXPIRED:
      spec.not_before = now - 395 * DAY;
      spec.not_after = now - 30 * DAY;
      break;

    case CERT_NOT_YET_VALID:
      spec.not_before = now + 10 * DAY;
      spec.not_after = now + 375 * DAY;
      break;

    case CERT_SELF_SIGNED:
      issuer = NULL;
      break;

    case CERT_UNTRUSTED_CA:
      issuer = self->untrusted_root;
      break;

    case CERT_MISSING_INTERMEDIATE:
      aia_url = lab_aia_url (self, ep->scenario);
      spec.ca_issuers_url = aia_url;
      break;

    case CERT_WRONG_ORDER:
      issuer = self->intermediate2;
      break;

    case CERT_NAME_MISMATCH:
      spec.common_name = other_names[0];
      spec.dns_names = other_names;
      break;

    case CERT_WEAK_KEY:
      spec.rsa_bits = 1024;
      break;

    case CERT_EXPIRING_SOON:
      spec.not_before = now - 85 * DAY;
      spec.not_after = now + 5 * DAY + 3600;
      break;

    case CERT_CLIENT_AUTH_ONLY:
      spec.key_purpose = GNUTLS_KP_TLS_WWW_CLIENT;
      break;

    case CERT_MUST_STAPLE:
      spec.must_staple = TRUE;
      break;

    case CERT_REVOKED:
      aia_url = lab_ocsp_url (self, ep->scenario);
      spec.ocsp_url = aia_url;
      break;

    case CERT_RSA:
      spec.rsa_bits = 2048;
      break;

    case CERT_SHA1:
      spec.digest = GNUTLS_DIG_SHA1;
      break;

    case CERT_HOSTILE:
      /* Markup, script, shell metacharacters and invalid UTF-8 in every
       * name a viewer shows; the SAN is right so the chain verifies. */
      spec.common_name = "<b>mx1.hostile</b> <script>alert(1)</script> \xff\xfe";
      spec.organization = "<img src=x onerror=alert(1)> &amp; `id` | cat";
      spec.organizational_unit = "<i>ops</i> \xc0\x80 &lt;\xe2\x80\xae txet";
      break;

    case CERT_VALID:
    default:
      break;
    }

  if ((leaf = lab_make_cert (self, &spec, issuer, error)) == NULL)
    return FALSE;

  if (ep->cert == CERT_REVOKED)
    sti_lab_ocsp_revoke (self->ocsp, leaf, now - 2 * DAY, 1 /* keyCompromise */);

  g_ptr_array_add (chain, leaf);

  switch (ep->cert)
    {
    case CERT_SELF_SIGNED:
    case CERT_UNTRUSTED_CA:
    case CERT_MISSING_INTERMEDIATE:
      break;

    case CERT_WRONG_ORDER:
      /* root -> intermediate -> intermediate 2 -> leaf, sent as
       * [leaf, intermediate, intermediate 2]. The leaf stays first (the
       * handshake signature is checked against the first certificate), so
       * the handshake works and only the order is wrong. */
      g_ptr_array_add (chain, self->intermediate);
      g_ptr_array_add (chain, self->intermediate2);
      break;

    case CERT_VALID:
    case CERT_EXPIRED:
    case CERT_NOT_YET_VALID:
    case CERT_NAME_MISMATCH:
    case CERT_WEAK_KEY:
    case CERT_SHA1:
    case CERT_HOSTILE:
    case CERT_EXPIRING_SOON:
    case CERT_CLIENT_AUTH_ONLY:
    case CERT_MUST_STAPLE:
    case CERT_REVOKED:
    case CERT_RSA:
    default:
      g_ptr_array_add (chain, self->intermediate);
      break;
    }

  return TRUE;
}

static GPtrArray *
chain_to_der (GPtrArray *chain)
{
  GPtrArray *der = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  for (guint i = 0; i < chain->len; i++)
    g_ptr_array_add (der, sti_lab_cert_dup_der (g_ptr_array_index (chain, i)));

  return der;
}

static gboolean
lab_set_credentials (StiLab       *self,
                     LabEndpoint  *ep,
                     GPtrArray    *chain,
                     GError      **error)
{
  gnutls_certificate_credentials_t creds;

  creds = sti_lab_credentials_new ((const StiLabCert **)chain->pdata, chain->len, error);
  if (creds == NULL)
    return FALSE;

  sti_lab_server_set_credentials (ep->server, creds);
  g_hash_table_replace (self->chains, g_strdup (ep->host_name), chain_to_der (chain));

  return TRUE;
}

/* The MTA-STS policy host: HTTPS, serving the policy (RFC 8461 §3.2) or a
 * redirect, as the scenario wants. */
static void
lab_setup_policy_host (LabEndpoint *ep)
{
  const LabScenarioSpec *spec = &scenario_specs[ep->scenario];
  const char *domain = scenarios[ep->scenario].domain;
  g_autofree char *mx = mx_host_name (ep->scenario, 1);
  g_autofree char *policy = NULL;

  if (spec->sts == STS_MX_MISSING)
    policy = g_strdup ("version: STSv1\r\nmode: enforce\r\nmx: mail.elsewhere.example\r\n"
                       "max_age: 604800\r\n");
  else
    policy = g_strdup_printf ("version: STSv1\r\nmode: enforce\r\nmx: %s\r\nmax_age: 604800\r\n",
                              mx);

  sti_lab_server_set_https (ep->server, TRUE);
  if (spec->sts == STS_REDIRECT)
    {
      g_autofree char *location = g_strdup_printf ("https://www.%s/mta-sts.txt", domain);

      sti_lab_server_set_http_redirect (ep->server, location);
    }
  else
    {
      gsize len = strlen (policy);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&policy), len);

      sti_lab_server_set_http_body (ep->server, "text/plain", body);
    }
}

static gboolean
lab_generate (StiLab  *self,
              GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!lab_make_cas (self, now, error))
    return FALSE;

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_OCSP)
        {
          sti_lab_server_set_ocsp (ep->server, self->ocsp);
          continue;
        }

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_HTTP &&
          scenario_specs[ep->scenario].sts != STS_NONE &&
          g_str_has_prefix (ep->host_name, "mta-sts."))
        {
          if (!lab_make_endpoint_chain (self, ep, now, chain, error) ||
              !lab_set_credentials (self, ep, chain, error))
            return FALSE;
          lab_setup_policy_host (ep);
          continue;
        }

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_HTTP)
        {
          g_autoptr(GBytes) der = sti_lab_cert_dup_der (self->intermediate);

          sti_lab_server_set_http_body (ep->server, "application/pkix-cert", der);
          continue;
        }

      if (!lab_make_endpoint_chain (self, ep, now, chain, error) ||
          !lab_set_credentials (self, ep, chain, error))
        return FALSE;
    }

  return TRUE;
}

/* After lab_generate(): the TLSA records name the keys it made. */
static gboolean
lab_start_dns (StiLab  *self,
               GError **error)
{
  g_autoptr(StiLabDnsZones) zones = sti_lab_dns_zones_new ();
  g_autoptr(StiLabDnsServer) server = NULL;
  g_autofree char *ns_record = NULL;
  g_auto(GStrv) records = NULL;

  if (!sti_lab_dns_zones_add_zone (zones, STI_LAB_ZONE, DNS_HOST_NAME, STI_LAB_DNS_SIGNED, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (scenario_specs); i++)
    {
      StiLabDnsSigning signing;

      switch (scenario_specs[i].dns)
        {
        case DNS_UNSIGNED_ZONE:
          signing = STI_LAB_DNS_UNSIGNED;
          break;

        case DNS_BOGUS_ZONE:
          signing = STI_LAB_DNS_SIGNED_BOGUS;
          break;

        case DNS_SIGNED:
        default:
          continue;
        }
      if (!sti_lab_dns_zones_add_zone (zones, scenarios[i].domain, DNS_HOST_NAME, signing, error))
        return FALSE;
    }

  ns_record = g_strdup_printf ("%s %u IN A %s", DNS_HOST_NAME, ZONE_TTL, DNS_ADDRESS);
  if (!sti_lab_dns_zones_add_record (zones, ns_record, error))
    return FALSE;
  records = sti_lab_dup_zone_data (self);
  for (guint i = 0; records[i] != NULL; i++)
    {
      if (!sti_lab_dns_zones_add_record (zones, records[i], error))
        return FALSE;
    }
  if (!sti_lab_dns_zones_seal (zones, g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  server = sti_lab_dns_server_new (g_steal_pointer (&zones));
  if (!sti_lab_dns_server_start (server, DNS_ADDRESS, error))
    return FALSE;

  self->dns = g_steal_pointer (&server);
  return TRUE;
}

static void
sti_lab_dispose (GObject *object)
{
  StiLab *self = (StiLab *)object;

  sti_lab_stop (self);

  G_OBJECT_CLASS (sti_lab_parent_class)->dispose (object);
}

static void
sti_lab_class_init (StiLabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_lab_dispose;
}

static void
sti_lab_init (StiLab *self)
{
  self->idle_ms = 30000;
  self->total_ms = 120000;
}

StiLab *
sti_lab_new (void)
{
  return g_object_new (STI_TYPE_LAB, NULL);
}

/**
 * sti_lab_start:
 * @self: a #StiLab
 * @error: return location for a #GError
 *
 * Generates the lab certificates and starts every scenario server on the
 * thread-default main context. Synchronous, but takes a few tens of
 * milliseconds (see sti_lab_get_start_time_us()). Starting a running lab
 * does nothing.
 *
 * Returns: %TRUE when every server listens
 */
gboolean
sti_lab_start (StiLab  *self,
               GError **error)
{
  gint64 begin = g_get_monotonic_time ();

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->running)
    return TRUE;

  self->context = g_main_context_ref_thread_default ();
  self->certs = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_lab_cert_free);
  self->chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
  lab_plan (self);

  /* Bind first: the AIA URL in the missing-intermediate leaf names the port. */
  if (!lab_bind (self, error) || !lab_generate (self, error) || !lab_start_dns (self, error))
    {
      sti_lab_stop (self);
      return FALSE;
    }

  self->running = TRUE;
  self->start_time_us = g_get_monotonic_time () - begin;
  g_debug ("Demo lab started on port %u in %" G_GINT64_FORMAT " µs",
           self->port, self->start_time_us);

  return TRUE;
}

/**
 * sti_lab_stop:
 * @self: a #StiLab
 *
 * Closes every listener and connection and forgets the certificates.
 * Cancelled operations finish on a later main loop iteration without
 * touching @self. The lab can be started again.
 */
void
sti_lab_stop (StiLab *self)
{
  g_return_if_fail (STI_IS_LAB (self));

  self->running = FALSE;
  g_clear_pointer (&self->endpoints, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_hash_table_unref);
  g_clear_pointer (&self->ca_pem, g_free);
  self->root = self->intermediate = self->intermediate2 = NULL;
  self->untrusted_root = self->bench_leaf = NULL;
  g_clear_pointer (&self->ocsp, sti_lab_ocsp_free);
  g_clear_pointer (&self->dns, sti_lab_dns_server_free);
  g_clear_pointer (&self->certs, g_ptr_array_unref);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
  self->n_bench = 0;
}

gboolean
sti_lab_is_running (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), FALSE);

  return self->running;
}

/**
 * sti_lab_get_port:
 * @self: a #StiLab
 *
 * Returns: the TCP port every lab server listens on, 0 when stopped
 */
guint16
sti_lab_get_port (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), 0);

  return self->port;
}

/**
 * sti_lab_get_dns_server:
 * @self: a #StiLab
 *
 * Returns: (transfer none) (nullable): the lab's name server while the
 *   lab runs; its zones do not change while it runs
 */
StiLabDnsServer *
sti_lab_get_dns_server (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return self->dns;
}

/**
 * sti_lab_get_ca_pem:
 * @self: a #StiLab
 *
 * Returns: (nullable): the lab root CA in PEM, valid while the lab runs
 */
const char *
sti_lab_get_ca_pem (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return self->ca_pem;
}

/* g_strv_builder_take() is GLib 2.80. */
static void
builder_take (GStrvBuilder *builder,
              char         *str)
{
  g_strv_builder_add (builder, str);
  g_free (str);
}

static char *
spki_sha256_of (GBytes *der)
{
  g_autoptr(StiCertificate) cert = sti_certificate_new_from_der (der, NULL);

  return cert != NULL ? g_strdup (sti_certificate_get_spki_sha256 (cert)) : NULL;
}

/* TLSA records name keys generated at start-up, so they exist only while
 * the lab runs. */
static void
lab_add_tlsa_records (StiLab       *self,
                      guint         scenario,
                      GStrvBuilder *builder)
{
  g_autofree char *host = mx_host_name (scenario, 1);
  GPtrArray *chain = g_hash_table_lookup (self->chains, host);
  g_autoptr(GBytes) stale_der = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *stale = NULL;

  if (chain == NULL || chain->len < 2)
    return;

  switch (scenario_specs[scenario].dane)
    {
    case DANE_EE:
      leaf = spki_sha256_of (g_ptr_array_index (chain, 0));
      issuer = spki_sha256_of (g_ptr_array_index (chain, 1));
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 3 1 1 %s", host, ZONE_TTL, leaf));
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 2 1 1 %s", host, ZONE_TTL, issuer));
      break;

    case DANE_STALE:
      /* The key of another lab certificate stands for the server's old key. */
      stale_der = sti_lab_cert_dup_der (self->intermediate2);
      stale = spki_sha256_of (stale_der);
      builder_take (builder,
                    g_strdup_printf ("_25._tcp.%s. %u IN TLSA 3 1 1 %s", host, ZONE_TTL, stale));
      break;

    case DANE_NONE:
    default:
      break;
    }
}

/**
 * sti_lab_dup_zone_data:
 * @self: a #StiLab
 *
 * The resource records of the lab's scenarios, in zone-file syntax.
 * They do not depend on the running lab (the port is not in DNS), except
 * the TLSA records, which name keys made at start-up: those are only there
 * while the lab runs.
 *
 * Returns: (transfer full): a %NULL-terminated array of records
 */
char **
sti_lab_dup_zone_data (StiLab *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (scenario_specs); i++)
    {
      const LabScenarioSpec *spec = &scenario_specs[i];
      const char *domain = scenarios[i].domain;

      switch (spec->mx)
        {
        case MX_LIST:
          for (guint m = 1; m <= spec->n_mx; m++)
            {
              g_autofree char *host = mx_host_name (i, m);
              g_autofree char *address = lab_address (i, m);

              builder_take (builder, g_strdup_printf ("%s. %u IN MX %u %s.",
                                                             domain, ZONE_TTL, 10 * m, host));
              if (spec->ipv6)
                builder_take (builder, g_strdup_printf ("%s. %u IN AAAA ::1",
                                                               host, ZONE_TTL));
              else
                builder_take (builder, g_strdup_printf ("%s. %u IN A %s",
                                                               host, ZONE_TTL, address));
            }
          break;

        case MX_NULL:
          builder_take (builder, g_strdup_printf ("%s. %u IN MX 0 .", domain, ZONE_TTL));
          break;

        case MX_IMPLICIT:
          {
            g_autofree char *address = lab_address (i, 1);

            builder_take (builder, g_strdup_printf ("%s. %u IN A %s",
                                                           domain, ZONE_TTL, address));
          }
          break;

        default:
          g_assert_not_reached ();
        }

      if (spec->dane != DANE_NONE && self->chains != NULL)
        lab_add_tlsa_records (self, i, builder);

      if (spec->sts != STS_NONE)
        {
          g_autofree char *address = lab_address (i, STS_HOST_OCTET);

          builder_take (builder, g_strdup_printf ("_mta-sts.%s. %u IN TXT \"v=STSv1; id=20261128\"",
                                                  domain, ZONE_TTL));
          builder_take (builder,
                        g_strdup_printf ("mta-sts.%s. %u IN A %s", domain, ZONE_TTL, address));
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * sti_lab_dup_chain:
 * @self: a running #StiLab
 * @host_name: an MX host name of the lab (or the bench host name)
 *
 * Returns: (transfer full) (nullable) (element-type GBytes): the DER
 *   certificates @host_name sends, in the order it sends them
 */
GPtrArray *
sti_lab_dup_chain (StiLab     *self,
                   const char *host_name)
{
  g_autofree char *name = normalize_domain (host_name);
  GPtrArray *chain;

  g_return_val_if_fail (STI_IS_LAB (self), NULL);
  g_return_val_if_fail (host_name != NULL, NULL);

  if (self->chains == NULL || (chain = g_hash_table_lookup (self->chains, name)) == NULL)
    return NULL;

  return g_ptr_array_ref (chain);
}

/**
 * sti_lab_dup_addresses:
 * @self: a running #StiLab
 * @host_name: a host name of the lab
 *
 * Returns: (transfer full) (element-type GInetSocketAddress): where
 *   @host_name listens (empty for an unknown or deliberately down host)
 */
GPtrArray *
sti_lab_dup_addresses (StiLab     *self,
                       const char *host_name)
{
  g_autofree char *name = normalize_domain (host_name);
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (STI_IS_LAB (self), addresses);
  g_return_val_if_fail (host_name != NULL, addresses);

  for (guint i = 0; self->endpoints != NULL && i < self->endpoints->len; i++)
    {
      LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);

      if (ep->bound && g_str_equal (ep->host_name, name))
        g_ptr_array_add (addresses, g_inet_socket_address_new_from_string (ep->address, ep->port));
    }

  return addresses;
}

/**
 * sti_lab_set_timeouts:
 * @self: a #StiLab
 * @idle_ms: close a connection silent this long
 * @total_ms: close any connection this old
 *
 * Applies to servers started afterwards. Defaults: 30 s and 120 s.
 */
void
sti_lab_set_timeouts (StiLab *self,
                      guint   idle_ms,
                      guint   total_ms)
{
  g_return_if_fail (STI_IS_LAB (self));
  g_return_if_fail (idle_ms > 0 && total_ms > 0);

  self->idle_ms = idle_ms;
  self->total_ms = total_ms;
}

/**
 * sti_lab_get_start_time_us:
 * @self: a #StiLab
 *
 * Returns: how long the last sti_lab_start() took, in microseconds
 */
gint64
sti_lab_get_start_time_us (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), 0);

  return self->start_time_us;
}

/**
 * sti_lab_get_scenarios:
 * @n_scenarios: (out) (optional): number of scenarios
 *
 * Returns: (array length=n_scenarios) (transfer none): every scenario, in
 *   the order to present them
 */
const StiLabScenario *
sti_lab_get_scenarios (guint *n_scenarios)
{
  if (n_scenarios != NULL)
    *n_scenarios = G_N_ELEMENTS (scenarios);
  return scenarios;
}

/**
 * sti_lab_find_scenario:
 * @domain: a domain name (any case, trailing dot allowed)
 *
 * Returns: (nullable) (transfer none): the scenario for @domain
 */
const StiLabScenario *
sti_lab_find_scenario (const char *domain)
{
  g_autofree char *name = normalize_domain (domain);

  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      if (g_str_equal (scenarios[i].domain, name))
        return &scenarios[i];
    }

  return NULL;
}

/**
 * sti_lab_is_lab_domain:
 * @domain: a domain name
 *
 * Returns: %TRUE for lab.test and every name under it
 */
gboolean
sti_lab_is_lab_domain (const char *domain)
{
  g_autofree char *name = normalize_domain (domain);

  if (name == NULL)
    return FALSE;

  return g_str_equal (name, "lab.test") || g_str_has_suffix (name, ".lab.test");
}

/**
 * sti_lab_start_bench_servers:
 * @self: a running #StiLab
 * @n: how many servers to add
 * @delay_ms: each server waits this long before every reply
 * @addresses_out: (out) (optional) (transfer container) (element-type GInetSocketAddress):
 *   where the new servers listen
 * @error: return location for a #GError
 *
 * Adds @n well-behaved SMTP+STARTTLS servers for the benchmark program, each
 * on its own loopback address (127.78.x.y), on the lab port where it is free
 * and on a port of its own otherwise. Their certificate is valid for
 * sti_lab_get_bench_host_name() under the lab CA. Each server is one
 * listening descriptor: mind RLIMIT_NOFILE for thousands of them.
 *
 * Returns: %TRUE when all @n listen
 */
gboolean
sti_lab_start_bench_servers (StiLab     *self,
                             guint       n,
                             guint       delay_ms,
                             GPtrArray **addresses_out,
                             GError    **error)
{
  g_autoptr(GPtrArray) addresses = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->running)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The demo lab is not running"));
      return FALSE;
    }

  if (self->n_bench + n > 250 * 256)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Too many benchmark servers"));
      return FALSE;
    }

  if (self->bench_leaf == NULL)
    {
      const char *names[] = { BENCH_HOST_NAME, NULL };
      StiLabCertSpec spec = {
        .common_name = BENCH_HOST_NAME,
        .organization = LAB_ORG,
        .dns_names = names,
        .not_before = now - DAY,
        .not_after = now + 365 * DAY,
      };

      if ((self->bench_leaf = lab_make_cert (self, &spec, self->intermediate, error)) == NULL)
        return FALSE;
    }

  addresses = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      const StiLabCert *chain[] = { self->bench_leaf, self->intermediate };
      guint index = self->n_bench;
      g_autoptr(GError) local_error = NULL;
      gnutls_certificate_credentials_t creds;
      LabEndpoint *ep;

      ep = lab_add_endpoint (self, G_MAXUINT, g_strdup (BENCH_HOST_NAME),
                             g_strdup_printf ("127.78.%u.%u", index / 250, index % 250 + 1),
                             CERT_VALID, STI_LAB_SERVER_SMTP);
      sti_lab_server_set_delay (ep->server, delay_ms);
      self->n_bench++;

      if (!lab_bind_endpoint (self, ep, self->port, &local_error))
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          g_clear_error (&local_error);
          if (!lab_bind_endpoint (self, ep, 0, error))
            return FALSE;
        }

      creds = sti_lab_credentials_new (chain, G_N_ELEMENTS (chain), error);
      if (creds == NULL)
        return FALSE;
      sti_lab_server_set_credentials (ep->server, creds);

      g_ptr_array_add (addresses, g_inet_socket_address_new_from_string (ep->address, ep->port));
    }

  if (!g_hash_table_contains (self->chains, BENCH_HOST_NAME))
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();

      g_ptr_array_add (chain, self->bench_leaf);
      g_ptr_array_add (chain, self->intermediate);
      g_hash_table_replace (self->chains, g_strdup (BENCH_HOST_NAME), chain_to_der (chain));
    }

  if (addresses_out != NULL)
    *addresses_out = g_steal_pointer (&addresses);

  return TRUE;
}

/**
 * sti_lab_get_bench_host_name:
 * @self: a #StiLab
 *
 * Returns: the MX host name the benchmark servers' certificates are valid for
 */
const char *
sti_lab_get_bench_host_name (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return BENCH_HOST_NAME;
}

