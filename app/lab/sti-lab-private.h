/* sti-lab-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-lab.h"

#include "sti-lab-certs.h"
#include "sti-lab-dns-server.h"
#include "sti-lab-ocsp.h"
#include "sti-lab-server.h"

G_BEGIN_DECLS

/* What the parts of the demo lab share: sti-lab.c runs the servers,
 * sti-lab-scenarios.c says what each scenario is, sti-lab-pki.c makes the
 * certificates and sti-lab-records.c the DNS data. */

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

/* Which certificates a scenario's servers hold (sti-lab-sni.c). */
typedef enum
{
  SNI_ONE,           /* one certificate, whatever the client asks for */
  SNI_DEFAULT_OTHER, /* the MX name's certificate for SNI, a default one for another name */
} LabSniKind;

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
  LabSniKind        sni;
  guint             max_connections; /* at once from anyone; more get 421; 0: no limit */
} LabScenarioSpec;

/* One listening address and what answers there. */
typedef struct
{
  guint         scenario;   /* index of the scenario; G_MAXUINT for bench servers */
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

/* sti-lab-scenarios.c */
guint                  lab_n_scenarios          (void);
const LabScenarioSpec *lab_spec                 (guint         scenario);
const char            *lab_domain               (guint         scenario);
char                  *lab_normalize_domain     (const char   *domain);
char                  *lab_address              (guint         scenario,
                                                 guint         octet);
char                  *lab_mx_host_name         (guint         scenario,
                                                 guint         mx);

/* sti-lab-pki.c */
StiLabCert            *lab_make_cert            (StiLab                *self,
                                                 const StiLabCertSpec  *spec,
                                                 const StiLabCert      *issuer,
                                                 GError               **error);
gboolean               lab_make_cas             (StiLab                *self,
                                                 gint64                 now,
                                                 GError               **error);
gboolean               lab_make_endpoint_chain  (StiLab                *self,
                                                 LabEndpoint           *ep,
                                                 gint64                 now,
                                                 GPtrArray             *chain,
                                                 GError               **error);
GPtrArray             *lab_chain_to_der         (GPtrArray             *chain);
gboolean               lab_set_credentials      (StiLab                *self,
                                                 LabEndpoint           *ep,
                                                 GPtrArray             *chain,
                                                 GError               **error);

/* sti-lab-sni.c */
StiTlsCredentials     *lab_sni_credentials_new  (StiLab                *self,
                                                 LabEndpoint           *ep,
                                                 GPtrArray             *chain,
                                                 GError               **error);

/* sti-lab-records.c */
gboolean               lab_start_dns            (StiLab                *self,
                                                 GError               **error);

G_END_DECLS
