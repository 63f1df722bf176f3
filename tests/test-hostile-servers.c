/* test-hostile-servers.c: the hostile SMTP servers of issue 17, each a
 * loopback fake checked as the CLI checks it. Every row asserts the
 * finding a user reads, that no raw control or bidi character reaches
 * the JSON or the text report, and that the check ends within its
 * deadline. Run with --verbose to print the table (behaviour, findings,
 * seconds); HOSTILE_DUMP=1 prints each report's JSON and text too.
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "sti-domain-check.h"
#include "sti-report-json.h"
#include "sti-report-text.h"
#include "sti-tls-credentials.h"

#include "certgen.h"
#include "fake-cert.h"
#include "fake-script.h"
#include "fake-smtp.h"
#include "findings-assert.h"
#include "lab-dns-fixture.h"
#include "test-time.h"

typedef enum
{
  CERT_NONE,
  CERT_PLAIN,       /* a leaf for mx.test and its CA */
  CERT_HOSTILE,     /* NUL, invalid UTF-8, ANSI, C1 and bidi in the names */
  CERT_CHAIN_60,    /* a leaf under 59 CAs, all sent */
  CERT_HUGE,        /* a 200 KB leaf */
  CERT_LARGE,       /* a 120 KB leaf: the largest a GnuTLS server sends */
  CERT_SANS_5000,   /* a leaf with 5,000 dNSNames */
} CertKind;

typedef struct
{
  const char           *path;
  const char           *behaviour;   /* the table's words */
  const FakeScriptStep *script;      /* a scripted fake; or NULL and … */
  int                   fake;        /* … a FakeSmtp behaviour */
  const char           *greeting;    /* FakeSmtp scripted replies, nullable */
  const char           *ehlo;
  const char           *ehlo_tls;
  CertKind              cert;
  guint                 proxy_ms;    /* > 0: FakeSmtp behind a delaying relay */
  guint                 stage_ms;
  guint                 total_ms;
  const char           *finding;     /* expected finding id, NULL: none asserted */
  const char           *param;       /* one of its params, and its value */
  const char           *value;
  const char           *absent;      /* a finding id that must not be there */
  const char           *json_true;   /* an endpoint member that must be true */
  const char           *escape;      /* an escape the JSON must carry */
  guint                 max_ms;      /* the check ends within this */
} Row;

/* Pieces of scripts. */
#define GREET { SCRIPT_SEND, "220 fake.test ESMTP\r\n", 0, 0 }
#define READ { SCRIPT_READ_LINE, NULL, 0, 0 }
#define OFFER { SCRIPT_SEND, "250-fake.test\r\n250 STARTTLS\r\n", 0, 0 }
#define TO_TLS GREET, READ, OFFER, READ, { SCRIPT_SEND, "220 2.0.0 go ahead\r\n", 0, 0 }, \
               { SCRIPT_READ_ANY, NULL, 0, 0 }
#define BYE READ, { SCRIPT_SEND, "221 bye\r\n", 0, 0 }
#define END { SCRIPT_END, NULL, 0, 0 }

static char huge_line[1024 * 1024];

static const FakeScriptStep drip[] = {
  { SCRIPT_DRIP, "220 fake.test ESMTP\r\n", 0, 1000 }, END };
static const FakeScriptStep silent[] = { { SCRIPT_HOLD, NULL, 0, 0 }, END };
static const FakeScriptStep continuation[] = {
  { SCRIPT_REPEAT, "220-still here\r\n", 0, 2000 }, END };
static const FakeScriptStep endless_250[] = {
  GREET, READ, { SCRIPT_REPEAT, "250-MORE\r\n", 0, 0 }, END };
static const FakeScriptStep mib_line[] = {
  { SCRIPT_SEND, huge_line, sizeof huge_line, 0 }, { SCRIPT_HOLD, NULL, 0, 0 }, END };
#define HOSTILE "fake\0.test \x1b[31mred\x1b[0m \xff\xfe \xc2\x9b\x07 \xe2\x80\xae" "evil " \
                "\xe2\x81\xa6x\x7f"
static const FakeScriptStep hostile_banner[] = {
  { SCRIPT_SEND, "220 " HOSTILE "\r\n", sizeof ("220 " HOSTILE "\r\n") - 1, 0 },
  READ, { SCRIPT_SEND, "250-fake.test\r\n250 8BITMIME\r\n", 0, 0 }, BYE, END };
static const FakeScriptStep hostile_ehlo[] = {
  GREET, READ,
  { SCRIPT_SEND, "250-" HOSTILE "\r\n250-X-" HOSTILE "\r\n250 8BITMIME\r\n",
    sizeof ("250-" HOSTILE "\r\n250-X-" HOSTILE "\r\n250 8BITMIME\r\n") - 1, 0 },
  BYE, END };
static const FakeScriptStep close_at_once[] = { END };
static const FakeScriptStep close_after_ehlo[] = { GREET, READ, END };
static const FakeScriptStep close_mid_reply[] = {
  GREET, READ, { SCRIPT_SEND, "250-fake.test\r\n250-PIPEL", 0, 0 }, END };
static const FakeScriptStep rst_greeting[] = {
  { SCRIPT_SEND, "220-fake.test", 0, 0 }, { SCRIPT_RST, NULL, 0, 0 }, END };
static const FakeScriptStep rst_at_once[] = { { SCRIPT_RST, NULL, 0, 0 }, END };
static const FakeScriptStep rst_handshake[] = { TO_TLS, { SCRIPT_RST, NULL, 0, 0 }, END };
static const FakeScriptStep tls_garbage[] = {
  TO_TLS, { SCRIPT_SEND, "\x1b[2J\0\xff not TLS \xe2\x80\xae\r\n", 20, 0 },
  { SCRIPT_HOLD, NULL, 0, 0 }, END };
static const FakeScriptStep tls_silence[] = { TO_TLS, { SCRIPT_HOLD, NULL, 0, 0 }, END };
/* A ServerHello record header promising 122 bytes, and 6 of them. */
#define HALF_HELLO "\x16\x03\x03\x00\x7a\x02\x00\x00\x76\x03\x03"
static const FakeScriptStep tls_half[] = {
  TO_TLS, { SCRIPT_SEND, HALF_HELLO, 11, 0 }, { SCRIPT_HOLD, NULL, 0, 0 }, END };
static const FakeScriptStep tls_half_close[] = {
  TO_TLS, { SCRIPT_SEND, HALF_HELLO, 11, 0 }, { SCRIPT_HALF_CLOSE, NULL, 0, 0 }, END };
/* A TLS 1.2 ServerHello, then a Certificate message with one 200 KB
 * certificate, in 16 KiB records: what a GnuTLS server refuses to send
 * (see certificate/120-kb), played as bytes. Filled by main(). */
#define HUGE_CERT_BYTES (200 * 1024)
#define HUGE_FLIGHT_BYTES (HUGE_CERT_BYTES + 1024)
static guint8 huge_flight[HUGE_FLIGHT_BYTES];
static FakeScriptStep tls_huge_cert[] = {
  TO_TLS, { SCRIPT_SEND, (const char *)huge_flight, 0, 0 }, { SCRIPT_HOLD, NULL, 0, 0 }, END };
static const FakeScriptStep code_999[] = {
  { SCRIPT_SEND, "999 fake.test ESMTP\r\n", 0, 0 }, BYE, END };
static const FakeScriptStep code_25o[] = {
  { SCRIPT_SEND, "25O fake.test ESMTP\r\n", 0, 0 }, BYE, END };
static const FakeScriptStep code_text[] = {
  { SCRIPT_SEND, "abc fake.test ESMTP\r\n", 0, 0 }, BYE, END };
static const FakeScriptStep code_disagree[] = {
  { SCRIPT_SEND, "220-fake.test\r\n250 ESMTP\r\n", 0, 0 }, BYE, END };
static const FakeScriptStep refuse_530[] = {
  GREET, READ, OFFER, READ, { SCRIPT_SEND, "530 5.7.0 authenticate first\r\n", 0, 0 }, BYE,
  END };

#define PLAIN -1
#define STAGE 1000, 3000

static const Row rows[] = {
  { "greeting/drip-1-byte-per-s", "greeting dripped at 1 byte/s", drip, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, 2000, 3000, "smtp-timeout", "stage", "greeting", NULL, NULL, NULL, 4000 },
  { "greeting/never", "greeting never sent", silent, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-timeout", "stage", "greeting", NULL, NULL, NULL, 2000 },
  { "greeting/continuation-forever", "220- continuation every 2 s forever", continuation,
    PLAIN, NULL, NULL, NULL, CERT_NONE, 0, 2500, 3000, "smtp-timeout", "stage", "greeting",
    NULL, NULL, NULL, 4000 },
  { "ehlo/endless-250", "endless 250- reply (plaintext)", endless_250, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-protocol-error", "reason", "reply-too-long", NULL, NULL, NULL,
    2000 },
  { "ehlo/endless-250-tls", "endless 250- reply (over TLS)", NULL, FAKE_HAPPY, NULL, NULL,
    "ENDLESS", CERT_PLAIN, 0, STAGE, "smtp-protocol-error", "reason", "reply-too-long", NULL,
    NULL, NULL, 3000 },
  { "greeting/1-mib-line", "a 1 MiB line", mib_line, PLAIN, NULL, NULL, NULL, CERT_NONE, 0,
    STAGE, "smtp-protocol-error", "reason", "line-too-long", NULL, NULL, NULL, 2000 },
  { "text/banner", "NUL, invalid UTF-8, ANSI, C1, bidi in the banner", hostile_banner, PLAIN,
    NULL, NULL, NULL, CERT_NONE, 0, STAGE, "starttls-not-offered", NULL, NULL, NULL, NULL,
    "\\u202E", 2000 },
  { "text/ehlo", "NUL, invalid UTF-8, ANSI, C1, bidi in the EHLO reply", hostile_ehlo, PLAIN,
    NULL, NULL, NULL, CERT_NONE, 0, STAGE, "starttls-not-offered", NULL, NULL, NULL, NULL,
    "\\u202E", 2000 },
  { "text/certificate", "NUL, invalid UTF-8, ANSI, C1, bidi in the certificate", NULL,
    FAKE_HAPPY, NULL, NULL, NULL, CERT_HOSTILE, 0, STAGE, "cert-name-mismatch", NULL, NULL,
    "smtp-timeout", NULL, "\\u202E", 3000 },
  { "greeting/421", "421 at greeting", NULL, FAKE_GREET_421, NULL, NULL, NULL, CERT_NONE, 0,
    STAGE, "smtp-temporary-failure", "code", "421", "starttls-not-offered", NULL, NULL, 2000 },
  { "greeting/554", "554 at greeting", NULL, FAKE_GREET_554, NULL, NULL, NULL, CERT_NONE, 0,
    STAGE, "smtp-protocol-error", "reason", "refused", "starttls-not-offered", NULL, NULL, 2000 },
  { "close/after-accept", "close right after accept", close_at_once, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-protocol-error", "reason", "closed", "smtp-timeout", NULL, NULL,
    2000 },
  { "close/after-ehlo", "close after EHLO", close_after_ehlo, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-protocol-error", "stage", "ehlo", "smtp-timeout", NULL, NULL, 2000 },
  { "close/mid-reply", "close in the middle of a reply", close_mid_reply, PLAIN, NULL, NULL,
    NULL, CERT_NONE, 0, STAGE, "smtp-protocol-error", "reason", "closed", "smtp-timeout", NULL,
    NULL, 2000 },
  /* The RST often arrives before the probe sees its connect complete:
   * still a server that accepted, never an unreachable host. */
  { "rst/greeting", "RST in the middle of the greeting", rst_greeting, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-protocol-error", "stage", "greeting", "host-unreachable", NULL,
    NULL, 2000 },
  { "rst/after-accept", "RST right after accept", rst_at_once, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-protocol-error", "stage", "greeting", "host-unreachable", NULL,
    NULL, 2000 },
  { "rst/handshake", "RST during the handshake", rst_handshake, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "tls-handshake-failed", "stage", "handshake", "smtp-timeout", NULL,
    NULL, 2000 },
  { "starttls/garbage", "STARTTLS 220, then garbage", tls_garbage, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "tls-handshake-failed", "stage", "handshake", "smtp-timeout", NULL,
    NULL, 2000 },
  { "starttls/silence", "STARTTLS 220, then silence", tls_silence, PLAIN, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "smtp-timeout", "stage", "handshake", NULL, NULL, NULL, 2500 },
  { "starttls/half-handshake", "STARTTLS 220, then half a handshake", tls_half, PLAIN, NULL,
    NULL, NULL, CERT_NONE, 0, STAGE, "smtp-timeout", "stage", "handshake", NULL, NULL, NULL,
    2500 },
  { "starttls/half-handshake-close", "STARTTLS 220, half a handshake, half-close", tls_half_close,
    PLAIN, NULL, NULL, NULL, CERT_NONE, 0, STAGE, "tls-handshake-failed", "stage", "handshake",
    "smtp-timeout", NULL, NULL, 2000 },
  /* Only the first 16 certificates are examined (they took 1-3 s of
   * main-loop CPU when all 60 were): the rest are counted. */
  { "certificate/chain-60", "a 60-certificate chain", NULL, FAKE_HAPPY, NULL, NULL, NULL,
    CERT_CHAIN_60, 0, STAGE, "chain-too-long", "count", "60", "smtp-timeout", NULL, NULL,
    3000 },
  { "certificate/200-kb", "a 200 KB certificate", NULL, FAKE_HAPPY, NULL, NULL, NULL,
    CERT_HUGE, 0, STAGE, "tls-handshake-failed", "stage", "handshake", "smtp-timeout", NULL,
    NULL, 3000 },
  { "certificate/200-kb-sent", "a 200 KB certificate, sent", tls_huge_cert, PLAIN, NULL, NULL,
    NULL, CERT_NONE, 0, STAGE, "tls-handshake-failed", "stage", "handshake", "smtp-timeout",
    NULL, "too large", 3000 },
  /* GnuTLS, the fake's TLS, refuses to send a handshake message over
   * 128 KiB and sends a decode_error alert instead (as our side, GnuTLS
   * too, would refuse to take it); 120 KB goes through. */
  { "certificate/120-kb", "a 120 KB certificate", NULL, FAKE_HAPPY, NULL, NULL, NULL,
    CERT_LARGE, 0, STAGE, "cert-untrusted-issuer", NULL, NULL, "smtp-timeout",
    "tls_established", NULL, 3000 },
  { "certificate/5000-sans", "5,000 SANs", NULL, FAKE_HAPPY, NULL, NULL, NULL,
    CERT_SANS_5000, 0, STAGE, "cert-untrusted-issuer", NULL, NULL, "smtp-timeout", NULL, NULL,
    3000 },
  { "starttls/injection", "plaintext injected in the same packet", NULL, FAKE_INJECT, NULL, NULL,
    NULL, CERT_PLAIN, 0, STAGE, "plaintext-injection", "stage", "starttls", NULL, NULL, NULL,
    3000 },
  { "bare-lf", "bare LF", NULL, FAKE_HAPPY, "220 fake.test ESMTP\n",
    "250-fake.test\n250 STARTTLS\n", NULL, CERT_PLAIN, 0, STAGE, NULL, NULL, NULL,
    "smtp-timeout", "bare_lf", NULL, 3000 },
  { "code/999", "code 999", code_999, PLAIN, NULL, NULL, NULL, CERT_NONE, 0, STAGE,
    "smtp-protocol-error", "reason", "unexpected-reply", "smtp-timeout", NULL, NULL, 2000 },
  { "code/25O", "code 25O", code_25o, PLAIN, NULL, NULL, NULL, CERT_NONE, 0, STAGE,
    "smtp-protocol-error", "reason", "malformed", "smtp-timeout", NULL, NULL, 2000 },
  { "code/non-numeric", "non-numeric code", code_text, PLAIN, NULL, NULL, NULL, CERT_NONE, 0,
    STAGE, "smtp-protocol-error", "reason", "malformed", "smtp-timeout", NULL, NULL, 2000 },
  { "code/lines-disagree", "lines of a reply disagree on the code", code_disagree, PLAIN, NULL,
    NULL, NULL, CERT_NONE, 0, STAGE, "smtp-protocol-error", "reason", "code-mismatch",
    "smtp-timeout", NULL, NULL, 2000 },
  { "starttls/454", "STARTTLS answered 454", NULL, FAKE_REFUSE_454, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "starttls-refused", "code", "454", "smtp-timeout", NULL, NULL, 2000 },
  { "starttls/530", "STARTTLS answered 530", refuse_530, PLAIN, NULL, NULL, NULL, CERT_NONE, 0,
    STAGE, "starttls-refused", "code", "530", "smtp-timeout", NULL, NULL, 2000 },
  { "ehlo/502-helo", "EHLO 502, HELO accepted", NULL, FAKE_EHLO_502, NULL, NULL, NULL,
    CERT_NONE, 0, STAGE, "starttls-not-offered", NULL, NULL, "smtp-timeout", NULL, NULL, 2000 },
  /* QUIT waits 2 s of its own, not the 5 s stage timeout. */
  { "quit/never-answered", "QUIT never answered", NULL, FAKE_MUTE_QUIT, NULL, NULL, NULL,
    CERT_PLAIN, 0, 5000, 8000, NULL, NULL, NULL, "smtp-timeout", "tls_established", NULL,
    3500 },
  /* Greeting, EHLO, STARTTLS, handshake, EHLO over TLS and QUIT each
   * answered after 1 s of a 1.5 s stage timeout. */
  { "every-stage-just-in-time", "every stage answered just inside its timeout", NULL,
    FAKE_HAPPY, NULL, NULL, NULL, CERT_PLAIN, 1000, 1500, 20000, NULL, NULL, NULL,
    "smtp-timeout", "tls_established", NULL, 12000 },
};

static GBytes *
key_der (CertgenCert *cert)
{
  gnutls_datum_t out = { NULL, 0 };
  GBytes *bytes;

  g_assert_cmpint (gnutls_x509_privkey_export2 (cert->key, GNUTLS_X509_FMT_DER, &out), ==, 0);
  bytes = g_bytes_new (out.data, out.size);
  gnutls_free (out.data);
  return bytes;
}

/* A leaf made by @options under one CA, or under @depth - 1 CAs. */
static StiTlsCredentials *
make_creds (const CertgenOptions *options,
            guint                 depth,
            gsize                 padding)
{
  g_autoptr(GPtrArray) cas = g_ptr_array_new_with_free_func ((GDestroyNotify) certgen_free);
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(CertgenCert) leaf = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  StiTlsCredentials *creds;

  for (guint i = 0; i + 1 < MAX (depth, 2); i++)
    {
      g_autofree char *cn = g_strdup_printf ("Hostile CA %u", i);

      g_ptr_array_add (cas, certgen_make_ca (cn, i > 0 ? cas->pdata[i - 1] : NULL));
    }
  leaf = certgen_make (options, cas->pdata[cas->len - 1]);
  if (padding > 0)
    {
      /* A private extension: an OCTET STRING of @padding bytes. */
      g_autofree guint8 *ext = g_malloc0 (padding + 5);
      CertgenCert *issuer = cas->pdata[cas->len - 1];

      g_assert_cmpuint (padding, <, 1 << 24);
      ext[0] = 0x04;
      ext[1] = 0x83;
      ext[2] = (padding >> 16) & 0xff;
      ext[3] = (padding >> 8) & 0xff;
      ext[4] = padding & 0xff;
      g_assert_cmpint (gnutls_x509_crt_set_extension_by_oid (leaf->crt, "1.3.6.1.4.1.55555.1",
                                                             ext, padding + 5, 0), ==, 0);
      g_assert_cmpint (gnutls_x509_crt_sign2 (leaf->crt, issuer->crt, issuer->key,
                                              GNUTLS_DIG_SHA256, 0), ==, 0);
    }
  g_ptr_array_add (chain, certgen_der (leaf));
  for (guint i = cas->len; i > 0; i--)
    g_ptr_array_add (chain, certgen_der (cas->pdata[i - 1]));
  key = key_der (leaf);
  creds = sti_tls_credentials_new (chain, key, &error);
  g_assert_no_error (error);
  return creds;
}

static StiTlsCredentials *
creds_for (CertKind kind)
{
  static const guint8 hostile_cn[] =
    "mx\0.test \x1b[31mred \xff\xfe \xc2\x9b\x07 \xe2\x80\xae" "evil";
  static const guint8 hostile_san[] = "mx\x1b[0m\xe2\x81\xa6.test";
  static const char * const mx[] = { "mx.test", NULL };
  CertgenOptions options = { .common_name = "mx.test", .dns_names = mx };
  g_autoptr(GPtrArray) names = NULL;

  switch (kind)
    {
    case CERT_NONE:
      return NULL;
    case CERT_PLAIN:
      return make_creds (&options, 2, 0);
    case CERT_HOSTILE:
      options.common_name = NULL;
      options.cn_raw = hostile_cn;
      options.cn_raw_len = sizeof hostile_cn - 1;
      options.organization = "\xe2\x80\xae" "Evil\x1b[2J Org";
      options.raw_dns_name = hostile_san;
      options.raw_dns_name_len = sizeof hostile_san - 1;
      return make_creds (&options, 2, 0);
    case CERT_CHAIN_60:
      return make_creds (&options, 60, 0);
    case CERT_HUGE:
      return make_creds (&options, 2, 200 * 1024);
    case CERT_LARGE:
      return make_creds (&options, 2, 120 * 1024);
    case CERT_SANS_5000:
      names = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (names, g_strdup ("mx.test"));
      for (guint i = 1; i < 5000; i++)
        g_ptr_array_add (names, g_strdup_printf ("name%04u.mx.test", i));
      g_ptr_array_add (names, NULL);
      options.dns_names = (const char * const *)names->pdata;
      return make_creds (&options, 2, 0);
    default:
      g_assert_not_reached ();
    }
}

/* Checks `[127.0.0.1]:@port` as the CLI does; the elapsed time in @ms. */
static StiDomainReport *
check_port (const Row *row,
            guint16    port,
            gint64    *ms)
{
  g_autofree char *input = g_strdup_printf ("[127.0.0.1]:%u", port);
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  g_autoptr(StiTrustStore) trust = NULL;
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(StiCheckOptions) options = sti_check_options_new ();
  g_autoptr(GError) error = NULL;
  StiDomainReport *report = NULL;
  gint64 start;

  target = sti_check_target_parse (input, &error);
  g_assert_no_error (error);
  resolver = sti_resolver_new ("127.0.0.1@9", &error);
  g_assert_no_error (error);
  sti_resolver_set_timeout (resolver, 500);
  trust = sti_trust_store_new (FALSE, &error);
  g_assert_no_error (error);
  options->connect_timeout_ms = 1000;
  options->stage_timeout_ms = row->stage_ms;
  options->total_timeout_ms = row->total_ms;

  check = sti_domain_check_new (target, options, resolver, trust);
  start = g_get_monotonic_time ();
  sti_domain_check_run_async (check, NULL, domain_check_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  *ms = (g_get_monotonic_time () - start) / 1000;
  return report;
}

/* No C0 (but LF and tab), DEL, C1 or bidi control in @text. */
static void
assert_clean (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f) ||
          c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
          (c >= 0x2066 && c <= 0x2069))
        g_error ("raw U+%04X in \"%.60s\"", c, text);
    }
}

static void
assert_clean_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        {
          assert_clean (l->data);
          assert_clean_node (json_object_get_member (json_node_get_object (node), l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_clean_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    assert_clean (json_node_get_string (node));
}

static char *
findings_list (JsonObject *endpoint)
{
  JsonArray *findings = json_object_get_array_member (endpoint, "findings");
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            json_object_get_string_member (
                              json_array_get_object_element (findings, i), "id"));
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
param_text (JsonObject *params,
            const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  g_assert_nonnull (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (json_node_get_boolean (node) ? "true" : "false");
}

static void
assert_report (const Row       *row,
               StiDomainReport *report,
               gint64           ms)
{
  g_autofree char *json = sti_report_to_json_string (report, FALSE);
  g_autofree char *text = sti_report_to_text (report, STI_REPORT_TEXT_TRANSCRIPT |
                                                      STI_REPORT_TEXT_EXPLAIN);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *have = NULL;
  JsonObject *endpoint;
  JsonArray *hosts;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  assert_clean_node (json_parser_get_root (parser));
  assert_clean (text);
  if (row->escape != NULL)
    g_assert_nonnull (strstr (json, row->escape));

  hosts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "hosts");
  endpoint = json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (hosts, 0), "endpoints"), 0);
  have = findings_list (endpoint);
  if (g_getenv ("HOSTILE_DUMP") != NULL)
    g_printerr ("%s\n%s\n", json, text);
  g_test_message ("| %s | %s | %.1f |", row->behaviour, have, ms / 1000.0);
  if (row->finding != NULL)
    {
      JsonObject *finding = find_json_finding (endpoint, row->finding);

      g_assert_nonnull (finding);
      if (row->param != NULL)
        {
          g_autofree char *value =
            param_text (json_object_get_object_member (finding, "params"), row->param);

          g_assert_cmpstr (value, ==, row->value);
        }
    }
  if (row->absent != NULL)
    g_assert_null (find_json_finding (endpoint, row->absent));
  if (row->json_true != NULL)
    g_assert_true (json_object_get_boolean_member (endpoint, row->json_true));
  g_assert_cmpint (ms, <=, row->max_ms * test_time_factor ());
}

static guint8 *
put_u24 (guint8 *p,
         gsize   value)
{
  p[0] = (value >> 16) & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = value & 0xff;
  return p + 3;
}

/* Fills huge_flight; returns its length. The certificate is not DER:
 * a client must give up on the size before it parses anything. */
static gsize
fill_huge_flight (void)
{
  static const guint8 hello[] = {
    0x02, 0x00, 0x00, 0x26, 0x03, 0x03,                     /* ServerHello, TLS 1.2 */
    0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42,
    0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42,
    0x42, 0x42, 0x42, 0x42,                                 /* random */
    0x00, 0xc0, 0x2f, 0x00,     /* no session id, ECDHE-RSA-AES128-GCM-SHA256, null */
  };
  g_autoptr(GByteArray) handshake = g_byte_array_new ();
  guint8 head[10];
  gsize n = 0;

  g_byte_array_append (handshake, hello, sizeof hello);
  head[0] = 0x0b;                                           /* Certificate */
  put_u24 (put_u24 (put_u24 (head + 1, HUGE_CERT_BYTES + 6), HUGE_CERT_BYTES + 3),
           HUGE_CERT_BYTES);
  g_byte_array_append (handshake, head, sizeof head);
  g_byte_array_set_size (handshake, handshake->len + HUGE_CERT_BYTES);
  memset (handshake->data + handshake->len - HUGE_CERT_BYTES, 0x30, HUGE_CERT_BYTES);

  for (gsize offset = 0; offset < handshake->len; offset += 16384)
    {
      gsize len = MIN (16384, handshake->len - offset);

      g_assert_cmpuint (n + 5 + len, <=, sizeof huge_flight);
      huge_flight[n++] = 0x16;                              /* handshake record */
      huge_flight[n++] = 0x03;
      huge_flight[n++] = 0x03;
      huge_flight[n++] = len >> 8;
      huge_flight[n++] = len & 0xff;
      memcpy (huge_flight + n, handshake->data + offset, len);
      n += len;
    }

  return n;
}

static GBytes *
endless_reply (void)
{
  g_autoptr(GString) many = g_string_new (NULL);

  for (guint i = 0; i < 1000; i++)
    g_string_append (many, "250-MORE\r\n");
  return g_bytes_new (many->str, many->len);
}

static GBytes *
maybe_bytes (const char *text)
{
  if (text == NULL)
    return NULL;
  if (g_str_equal (text, "ENDLESS"))
    return endless_reply ();
  return g_bytes_new_static (text, strlen (text));
}

static void
test_row (gconstpointer data)
{
  const Row *row = data;
  g_autoptr(StiTlsCredentials) creds = creds_for (row->cert);
  g_autoptr(FakeSmtp) fake = NULL;
  g_autoptr(FakeScript) script = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  FakeScriptStep proxy[] = { { SCRIPT_DELAY_PROXY, NULL, 0, row->proxy_ms }, END };
  guint16 port;
  gint64 ms;

  if (row->script != NULL)
    {
      script = fake_script_new (row->script);
      port = fake_script_get_port (script);
    }
  else
    {
      fake = fake_smtp_new (row->fake, creds);
      fake->script_greeting = maybe_bytes (row->greeting);
      fake->script_ehlo = maybe_bytes (row->ehlo);
      fake->script_ehlo_tls = maybe_bytes (row->ehlo_tls);
      port = fake->port;
      if (row->proxy_ms > 0)
        {
          proxy[0].len = fake->port;
          script = fake_script_new (proxy);
          port = fake_script_get_port (script);
        }
    }

  report = check_port (row, port, &ms);
  assert_report (row, report, ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  tls_huge_cert[G_N_ELEMENTS (tls_huge_cert) - 3].len = fill_huge_flight ();
  memset (huge_line, 'x', sizeof huge_line);
  memcpy (huge_line, "220 ", 4);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *path = g_strconcat ("/sti/hostile-servers/", rows[i].path, NULL);

      g_test_add_data_func (path, &rows[i], test_row);
    }

  return g_test_run ();
}
