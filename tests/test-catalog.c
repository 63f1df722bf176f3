/* test-catalog.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lab-fixture.h"
#include "sti-catalog.h"
#include "sti-domain-check.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-glossary.h"
#include "sti-host-report.h"
#include "sti-lab.h"

#include <string.h>

/* The explanation catalog: every finding id of DESIGN.md has words for
 * every mail server, placeholders are always filled (from real lab
 * findings, from example values, and with nothing known at all), and the
 * glossary answers by key, alias and in any case. */

static const char * const design_ids[] = {
  "dns-nxdomain", "dns-servfail", "dns-timeout", "null-mx", "no-mx-implicit", "mx-is-cname",
  "mx-is-ip-literal", "mx-target-missing", "dnssec-bogus", "dns-resolver-failed",
  "host-unreachable", "smtp-timeout", "smtp-temporary-failure", "smtp-protocol-error",
  "starttls-not-offered", "starttls-refused", "plaintext-injection", "tls-handshake-failed",
  "tls-version-obsolete", "tls-cipher-weak", "tls-no-forward-secrecy",
  "cert-expired", "cert-not-yet-valid", "cert-expiring-soon", "cert-self-signed",
  "cert-untrusted-issuer", "chain-missing-intermediate", "chain-wrong-order",
  "chain-includes-root", "chain-duplicate", "cert-name-mismatch", "cert-weak-key",
  "cert-weak-signature", "cert-not-for-server-auth", "cert-revoked", "ocsp-must-staple-missing",
  "cert-differs-without-sni", "chain-too-long",
  NULL
};

/* A placeholder that survived: "{" then [a-z0-9_-]+ then "}". */
static gboolean
has_placeholder (const char *text)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = p + 1;

      while (g_ascii_islower (*end) || g_ascii_isdigit (*end) || *end == '_' || *end == '-')
        end++;
      if (*end == '}' && end > p + 1)
        return TRUE;
    }

  return FALSE;
}

static void
assert_text_ok (const char *what,
                const char *id,
                const char *text)
{
  if (text == NULL || text[0] == '\0')
    g_error ("%s: the %s text is empty", id, what);
  if (!g_utf8_validate (text, -1, NULL))
    g_error ("%s: the %s text is not valid UTF-8", id, what);
  if (has_placeholder (text))
    g_error ("%s: a placeholder survives in the %s text: %s", id, what, text);
}

static void
assert_explanation_ok (StiExplanation *explanation)
{
  const char *id = sti_explanation_get_id (explanation);
  g_autofree char *all = NULL;

  assert_text_ok ("title", id, sti_explanation_get_title (explanation));
  assert_text_ok ("verdict", id, sti_explanation_get_verdict (explanation));
  assert_text_ok ("what", id, sti_explanation_get_what (explanation));
  assert_text_ok ("why", id, sti_explanation_get_why (explanation));
  assert_text_ok ("references", id, sti_explanation_get_references (explanation));
  for (StiMta mta = STI_MTA_GENERIC; mta < STI_N_MTAS; mta++)
    assert_text_ok (sti_mta_to_string (mta), id, sti_explanation_get_fix (explanation, mta));

  all = sti_explanation_to_text (explanation, STI_MTA_ALL);
  assert_text_ok ("plain text", id, all);
}

static void
test_design_ids (void)
{
  const char * const *ids = sti_catalog_list_ids ();

  for (guint i = 0; design_ids[i] != NULL; i++)
    {
      g_assert_true (sti_catalog_has_entry (design_ids[i]));
      g_assert_true (g_strv_contains (ids, design_ids[i]));
    }
  /* DESIGN.md's ids first, in its order; policy ids (mta-sts-*, dane-*,
   * tls-rpt-*) follow. */
  for (guint i = 0; design_ids[i] != NULL; i++)
    g_assert_cmpstr (ids[i], ==, design_ids[i]);
  for (guint i = g_strv_length ((char **)design_ids); ids[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (ids[i], "mta-sts-") || g_str_has_prefix (ids[i], "dane-") ||
                   g_str_has_prefix (ids[i], "tls-rpt-"));

  g_assert_false (sti_catalog_has_entry ("no-such-finding"));
  g_assert_false (sti_catalog_has_entry (NULL));
}

/* `explain ID`: example values fill every placeholder. */
static void
test_explain_id (void)
{
  const char * const *ids = sti_catalog_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain_id (ids[i], NULL);

      g_assert_true (sti_explanation_is_known (explanation));
      g_assert_cmpstr (sti_explanation_get_id (explanation), ==, ids[i]);
      g_assert_cmpint (sti_explanation_get_severity (explanation), ==,
                       sti_catalog_get_default_severity (ids[i]));
      g_assert_null (sti_explanation_get_detail (explanation));
      assert_explanation_ok (explanation);
    }

  /* The caller's context wins over the example values. */
  {
    const char *mx[] = { "a.mail.test", "b.mail.test", NULL };
    StiExplainContext context = { "mail.test", "a.mail.test", "198.51.100.7", mx };
    g_autoptr(StiExplanation) explanation =
      sti_catalog_explain_id ("starttls-not-offered", &context);
    const char *generic = sti_explanation_get_fix (explanation, STI_MTA_GENERIC);

    g_assert_nonnull (strstr (sti_explanation_get_verdict (explanation), "a.mail.test"));
    g_assert_nonnull (strstr (sti_explanation_get_verdict (explanation), "198.51.100.7"));
    g_assert_nonnull (strstr (generic, "-d a.mail.test -d b.mail.test"));
    g_assert_nonnull (strstr (generic, "--cert-name a.mail.test"));
    g_assert_null (strstr (generic, "example.org"));
  }
}

/* Nothing known at all: generic words in prose, tokens in commands. */
static void
test_nothing_known (void)
{
  const char * const *ids = sti_catalog_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(StiFinding) finding = sti_finding_new_with_severity (ids[i], STI_SEVERITY_ERROR,
                                                                     NULL, NULL);
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, NULL);

      g_assert_true (sti_explanation_is_known (explanation));
      g_assert_cmpint (sti_explanation_get_severity (explanation), ==, STI_SEVERITY_ERROR);
      assert_explanation_ok (explanation);
    }

  {
    g_autoptr(StiFinding) finding = sti_finding_new ("cert-expired", NULL,
                                                     NULL);
    g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, NULL);
    const char *postfix = sti_explanation_get_fix (explanation, STI_MTA_POSTFIX);

    g_assert_nonnull (strstr (sti_explanation_get_verdict (explanation), "your mail server"));
    g_assert_nonnull (strstr (postfix, "/etc/letsencrypt/live/<mx-host-name>/fullchain.pem"));
    g_assert_null (strstr (postfix, "your mail server"));
  }
}

/* An id the catalog does not know (a newer report): honest generic words. */
static void
test_unknown_id (void)
{
  g_autoptr(StiFinding) finding =
    sti_finding_new_with_severity ("mta-sts-policy-from-the-future", STI_SEVERITY_INFO, NULL,
                                   "a detail");
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, NULL);
  g_autofree char *text = NULL;

  g_assert_false (sti_explanation_is_known (explanation));
  g_assert_cmpint (sti_explanation_get_severity (explanation), ==, STI_SEVERITY_INFO);
  g_assert_cmpint (sti_catalog_get_default_severity ("mta-sts-policy-from-the-future"), ==,
                   STI_SEVERITY_WARNING);
  assert_explanation_ok (explanation);
  g_assert_nonnull (strstr (sti_explanation_get_title (explanation),
                            "mta-sts-policy-from-the-future"));

  text = sti_explanation_to_text (explanation, STI_MTA_GENERIC);
  g_assert_nonnull (strstr (text, "a detail"));
}

/* Values are filled once: server text with braces or control characters
 * stays inert. */
static void
test_hostile_values (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *names[] = { "{host}", "<b>bold</b>", NULL };
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiExplanation) explanation = NULL;

  g_variant_dict_insert (&dict, "expected", "s", "mx1.example.org");
  g_variant_dict_insert (&dict, "names", "^as", names);
  g_variant_dict_insert (&dict, "subject", "s", "CN=evil\nInjected: line");
  finding = sti_finding_new ("cert-name-mismatch", g_variant_dict_end (&dict), NULL);
  explanation = sti_catalog_explain (finding, NULL);

  g_assert_nonnull (strstr (sti_explanation_get_what (explanation), "{host}, <b>bold</b>"));
  g_assert_null (strstr (sti_explanation_get_what (explanation), "{host}, <b>bold</b>mx1"));
}

/* Suggested policy files keep their lines, as command lines. */
static void
test_multiline_values (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char *mx[] = { "mx1.example.org", "mx2.example.org", NULL };
  StiExplainContext context = { "example.org", NULL, NULL, mx };
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  g_autoptr(StiExplanation) suggested = NULL;

  g_variant_dict_insert (&dict, "host", "s", "mx2.example.org");
  g_variant_dict_insert (&dict, "fix_policy", "s",
                         "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\n"
                         "mx: mx2.example.org\r\nmax_age: 604800\r\n");
  finding = sti_finding_new ("mta-sts-mx-not-covered", g_variant_dict_end (&dict), NULL);
  explanation = sti_catalog_explain (finding, &context);
  g_assert_nonnull (strstr (sti_explanation_get_fix (explanation, STI_MTA_GENERIC),
                            "\n    version: STSv1\n    mode: enforce\n    mx: mx1.example.org\n"
                            "    mx: mx2.example.org\n    max_age: 604800\n"));
  g_assert_null (strchr (sti_explanation_get_fix (explanation, STI_MTA_GENERIC), '\r'));

  /* Without a suggestion from the finding, one is made from the MX hosts. */
  suggested = sti_catalog_explain_id ("mta-sts-record-missing", &context);
  g_assert_nonnull (strstr (sti_explanation_get_fix (suggested, STI_MTA_GENERIC),
                            "    mx: mx1.example.org\n    mx: mx2.example.org\n"));
  g_assert_nonnull (strstr (sti_explanation_get_fix (suggested, STI_MTA_GENERIC),
                            "_mta-sts.example.org. IN TXT \"v=STSv1; id="));
}

/* The chain fetched through AIA is offered ready to paste: one PEM line
 * per command line, in the general steps of the fix. */
static void
test_complete_chain_pem (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  g_autoptr(StiExplanation) unknown = NULL;
  const char *fix;

  g_variant_dict_insert (&dict, "subject", "s", "CN=Example Intermediate");
  g_variant_dict_insert (&dict, "complete_chain_pem", "s",
                         "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                         "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
  finding = sti_finding_new ("chain-missing-intermediate", g_variant_dict_end (&dict), NULL);
  explanation = sti_catalog_explain (finding, NULL);
  fix = sti_explanation_get_fix (explanation, STI_MTA_GENERIC);
  g_assert_nonnull (strstr (fix, "fullchain.pem"));
  g_assert_nonnull (strstr (fix, "\n    -----BEGIN CERTIFICATE-----\n    MIIB\n"
                                 "    -----END CERTIFICATE-----\n    -----BEGIN CERTIFICATE-----\n"
                                 "    MIIC\n    -----END CERTIFICATE-----"));
  g_assert_null (strstr (fix, "\\x0A"));

  /* Not fetched: a token that says so, never an empty line. */
  unknown = sti_catalog_explain_id ("chain-missing-intermediate", NULL);
  g_assert_nonnull (strstr (sti_explanation_get_fix (unknown, STI_MTA_GENERIC),
                            "    <not-fetched: join your certificate"));
}

/* {time_limit} is the duration of "timeout_ms", never the limit's kind in
 * "timeout", whatever the order of the params. */
static void
test_time_limit (void)
{
  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
      g_autoptr(StiFinding) finding = NULL;
      g_autoptr(StiExplanation) explanation = NULL;

      if (order == 0)
        g_variant_builder_add (builder, "{sv}", "timeout", g_variant_new_string ("stage"));
      g_variant_builder_add (builder, "{sv}", "timeout_ms", g_variant_new_int64 (30000));
      if (order == 1)
        g_variant_builder_add (builder, "{sv}", "timeout", g_variant_new_string ("stage"));
      finding = sti_finding_new ("smtp-timeout", g_variant_builder_end (builder), NULL);
      explanation = sti_catalog_explain (finding, NULL);

      g_assert_nonnull (strstr (sti_explanation_get_what (explanation), "time limit (30 s)"));
      g_assert_null (strstr (sti_explanation_get_what (explanation), "(stage)"));
    }
}

/* Certificate positions read as everywhere else: "#0" is the server's own
 * (sti_format_certificate_number()), as in the finding's detail and the
 * chain tables, while the params stay 0-based numbers. */
static void
test_certificate_numbers (void)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  const char *what;

  g_variant_builder_add (builder, "{sv}", "position", g_variant_new_int64 (0));
  g_variant_builder_add (builder, "{sv}", "issuer_position", g_variant_new_int64 (2));
  g_variant_builder_add (builder, "{sv}", "subject", g_variant_new_string ("CN=mx"));
  finding = sti_finding_new ("chain-wrong-order", g_variant_builder_end (builder), NULL);
  explanation = sti_catalog_explain (finding, NULL);
  what = sti_explanation_get_what (explanation);

  g_assert_nonnull (strstr (what, "certificate #0 (\"CN=mx\")"));
  g_assert_nonnull (strstr (what, "comes only as certificate #2"));
  g_assert_nonnull (strstr (what, "numbered from #0, the server's own"));
}

static void
test_to_text (void)
{
  g_autoptr(StiExplanation) explanation = sti_catalog_explain_id ("cert-name-mismatch", NULL);
  g_autofree char *postfix = sti_explanation_to_text (explanation, STI_MTA_POSTFIX);
  g_autofree char *all = sti_explanation_to_text (explanation, STI_MTA_ALL);
  g_autofree char *generic = sti_explanation_to_text (explanation, STI_MTA_GENERIC);

  g_assert_true (g_str_has_prefix (postfix, sti_explanation_get_title (explanation)));
  g_assert_nonnull (strstr (postfix, "cert-name-mismatch"));
  g_assert_nonnull (strstr (postfix, "\nPostfix\n"));
  g_assert_nonnull (strstr (postfix, "smtpd_tls_chain_files"));
  g_assert_null (strstr (postfix, "\nExim\n"));
  g_assert_null (strstr (generic, "\nPostfix\n"));
  g_assert_nonnull (strstr (generic, "certbot certonly --standalone --cert-name mx1.example.org "
                                     "-d mx1.example.org -d mx2.example.org"));

  for (StiMta mta = STI_MTA_POSTFIX; mta < STI_N_MTAS; mta++)
    {
      g_autofree char *heading = g_strdup_printf ("\n%s\n", sti_mta_get_label (mta));

      g_assert_nonnull (strstr (all, heading));
    }

  /* Steps the mail servers share are printed once, under all their names. */
  {
    g_autoptr(StiExplanation) sts = sti_catalog_explain_id ("mta-sts-mx-not-covered", NULL);
    g_autoptr(StiExplanation) dane = sti_catalog_explain_id ("dane-no-match", NULL);
    g_autofree char *sts_all = sti_explanation_to_text (sts, STI_MTA_ALL);
    g_autofree char *sts_exim = sti_explanation_to_text (sts, STI_MTA_EXIM);
    g_autofree char *group = sti_explanation_dup_fix_group (sts, STI_MTA_POSTFIX);
    g_autofree char *later = sti_explanation_dup_fix_group (sts, STI_MTA_EXIM);
    g_autofree char *own = sti_explanation_dup_fix_group (explanation, STI_MTA_EXIM);
    g_autofree char *dane_postfix = sti_explanation_dup_fix_group (dane, STI_MTA_POSTFIX);
    g_autofree char *dane_others = sti_explanation_dup_fix_group (dane, STI_MTA_EXIM);
    const char *shared = sti_explanation_get_fix (sts, STI_MTA_POSTFIX);
    const char *first = strstr (sts_all, shared);

    g_assert_cmpstr (group, ==, "Postfix, Exim, Sendmail, Microsoft Exchange");
    g_assert_null (later);
    g_assert_nonnull (strstr (sts_all, "\nPostfix, Exim, Sendmail, Microsoft Exchange\n"));
    g_assert_nonnull (first);
    g_assert_null (strstr (first + 1, shared));
    g_assert_nonnull (strstr (sts_exim, "\nExim\n"));
    g_assert_cmpstr (own, ==, "Exim");

    /* Postfix has a DANE check command of its own; the others share. */
    g_assert_cmpstr (dane_postfix, ==, "Postfix");
    g_assert_cmpstr (dane_others, ==, "Exim, Sendmail, Microsoft Exchange");
    g_assert_nonnull (strstr (sti_explanation_get_fix (dane, STI_MTA_POSTFIX),
                              "posttls-finger -c -l dane '[mx1.example.org]'"));
  }
}

static void
test_mta_strings (void)
{
  StiMta mta;

  for (StiMta i = STI_MTA_GENERIC; i < STI_N_MTAS; i++)
    {
      g_assert_true (sti_mta_from_string (sti_mta_to_string (i), &mta));
      g_assert_cmpint (mta, ==, i);
      g_assert_nonnull (sti_mta_get_label (i));
    }

  g_assert_true (sti_mta_from_string ("Postfix", &mta));
  g_assert_cmpint (mta, ==, STI_MTA_POSTFIX);
  g_assert_true (sti_mta_from_string ("all", &mta));
  g_assert_cmpint (mta, ==, STI_MTA_ALL);
  g_assert_false (sti_mta_from_string ("qmail", &mta));
  g_assert_false (sti_mta_from_string (NULL, &mta));
}

/* The demo lab end to end: every finding of every scenario. */


/* What a user checks in the words for particular lab findings. */
static void
assert_lab_specifics (StiFinding              *finding,
                      StiExplanation          *explanation,
                      const StiExplainContext *context)
{
  const char *id = sti_finding_get_id (finding);
  const char *what = sti_explanation_get_what (explanation);
  const char *verdict = sti_explanation_get_verdict (explanation);
  const char *generic = sti_explanation_get_fix (explanation, STI_MTA_GENERIC);
  g_autofree char *certbot =
    g_strdup_printf ("-d %s", context->mx_hosts != NULL && context->mx_hosts[0] != NULL
                                ? context->mx_hosts[0] : "");

  /* Endpoint findings name the host or the address they are about. */
  if (context->address != NULL)
    g_assert_true (strstr (verdict, context->host) != NULL ||
                   strstr (verdict, context->address) != NULL ||
                   strstr (what, context->host) != NULL);

  if (g_str_equal (id, "cert-name-mismatch"))
    {
      g_assert_nonnull (strstr (what, sti_finding_get_param_string (finding, "expected")));
      g_assert_nonnull (strstr (what, "mail.other.lab.test"));
      g_assert_nonnull (strstr (verdict, "mail.other.lab.test"));
      g_assert_nonnull (strstr (generic, certbot));
      g_assert_nonnull (strstr (sti_explanation_get_fix (explanation, STI_MTA_HOSTED),
                                context->address));
    }
  else if (g_str_equal (id, "cert-expired"))
    {
      g_autofree char *day = g_strndup (sti_finding_get_param_string (finding, "not_after"), 10);

      g_assert_nonnull (strstr (verdict, day));
      g_assert_nonnull (strstr (verdict, "mx1.expired.lab.test"));
      g_assert_nonnull (strstr (generic, certbot));
      g_assert_nonnull (strstr (sti_explanation_get_fix (explanation, STI_MTA_POSTFIX),
                                "/etc/letsencrypt/live/mx1.expired.lab.test/fullchain.pem"));
    }
  else if (g_str_equal (id, "starttls-refused"))
    {
      g_assert_nonnull (strstr (verdict, "454"));
      g_assert_nonnull (strstr (what, "TLS not available"));
    }
  else if (g_str_equal (id, "starttls-not-offered"))
    {
      g_assert_nonnull (strstr (sti_explanation_get_fix (explanation, STI_MTA_POSTFIX),
                                "smtpd_tls_security_level = may"));
    }
  else if (g_str_equal (id, "cert-weak-key"))
    {
      g_assert_nonnull (strstr (verdict, "1024-bit RSA"));
    }
  else if (g_str_equal (id, "smtp-temporary-failure"))
    {
      g_assert_nonnull (strstr (verdict, "421"));
      g_assert_nonnull (strstr (what, "the greeting"));
    }
  else if (g_str_equal (id, "null-mx") || g_str_equal (id, "no-mx-implicit"))
    {
      g_assert_nonnull (strstr (verdict, context->domain));
    }
  /* The policy scenarios: the exact text to publish. */
  else if (g_str_equal (id, "mta-sts-mx-not-covered") || g_str_equal (id, "mta-sts-mx-refused"))
    {
      g_assert_nonnull (strstr (generic, "\n    version: STSv1\n    mode: enforce\n"
                                         "    mx: mx1.mta-sts-mx-missing.lab.test\n"
                                         "    max_age: 604800\n"));
      g_assert_nonnull (strstr (generic, "_mta-sts.mta-sts-mx-missing.lab.test"));
    }
  else if (g_str_equal (id, "mta-sts-policy-bad-certificate"))
    {
      g_assert_nonnull (strstr (what, "bad-identity"));
      g_assert_nonnull (strstr (generic, "-d mta-sts.mta-sts-bad-cert.lab.test"));
    }
  else if (g_str_equal (id, "mta-sts-policy-redirect"))
    {
      g_assert_nonnull (strstr (what, "https://www.mta-sts-redirect.lab.test/mta-sts.txt"));
      g_assert_nonnull (strstr (generic, "curl -sI https://mta-sts.mta-sts-redirect.lab.test/"
                                         ".well-known/mta-sts.txt"));
    }
  else if (g_str_equal (id, "dane-no-match"))
    {
      g_assert_nonnull (strstr (generic, "\n    _25._tcp.mx1.dane-stale.lab.test. IN TLSA 3 1 1 "));
      g_assert_nonnull (strstr (generic, "\n    _25._tcp.mx1.dane-stale.lab.test. IN TLSA 2 1 1 "));
    }
  else if (g_str_equal (id, "dane-tlsa-insecure"))
    {
      g_assert_nonnull (strstr (verdict, "mx1.dane-unsigned.lab.test"));
      g_assert_nonnull (strstr (generic, "Sign the zone of mx1.dane-unsigned.lab.test"));
    }
  else if (g_str_equal (id, "dnssec-bogus"))
    {
      /* The validator's own reason, from the broken signatures. */
      g_assert_nonnull (strstr (what, "signature"));
      g_assert_nonnull (strstr (generic, "delv MX dnssec-bogus.lab.test"));
    }

  /* Server text aside, nothing in a fix is escaped: it is there to copy. */
  if (!g_str_equal (context->domain, "hostile.lab.test"))
    g_assert_null (strstr (generic, "\\x"));
}

static void
explain_all (GPtrArray               *findings,
             const StiExplainContext *context,
             GHashTable              *seen,
             char                   **mismatch_text)
{
  for (guint i = 0; i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      const char *id = sti_finding_get_id (finding);
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, context);

      g_assert_true (sti_explanation_is_known (explanation));
      g_assert_cmpint (sti_explanation_get_severity (explanation), ==,
                       sti_finding_get_severity (finding));
      /* The catalog's default agrees with the code that made the finding,
       * except where the severity depends on the params. */
      if (g_strv_contains (design_ids, id) &&
          !g_str_equal (id, "cert-expiring-soon") && !g_str_equal (id, "tls-cipher-weak") &&
          !g_str_equal (id, "null-mx") && !g_str_equal (id, "cert-differs-without-sni") &&
          !g_str_equal (id, "tls-version-obsolete") &&
          sti_catalog_get_default_severity (id) != sti_finding_get_severity (finding))
        g_error ("%s: the catalog's default severity %s differs from the finding's %s", id,
                 sti_severity_to_string (sti_catalog_get_default_severity (id)),
                 sti_severity_to_string (sti_finding_get_severity (finding)));
      assert_explanation_ok (explanation);
      assert_lab_specifics (finding, explanation, context);

      if (g_str_equal (id, "cert-name-mismatch") && *mismatch_text == NULL)
        *mismatch_text = sti_explanation_to_text (explanation, STI_MTA_POSTFIX);
      g_hash_table_add (seen, g_strdup (id));
    }
}

static void
test_lab (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *mismatch_text = NULL;
  const StiLabScenario *scenarios;
  guint n = 0;

  scenarios = sti_lab_get_scenarios (&n);
  g_assert_cmpuint (n, >, 0);

  for (guint s = 0; s < n; s++)
    {
      g_autoptr(StiDomainReport) report = run_check (fixture, scenarios[s].domain);
      GPtrArray *hosts = sti_domain_report_get_hosts (report);
      g_autoptr(GPtrArray) mx_hosts = g_ptr_array_new ();
      StiExplainContext domain_context = { 0, };

      for (guint i = 0; i < hosts->len; i++)
        g_ptr_array_add (mx_hosts, (gpointer)sti_host_report_get_name (hosts->pdata[i]));
      g_ptr_array_add (mx_hosts, NULL);

      domain_context.domain = sti_domain_report_get_domain (report);
      domain_context.mx_hosts = (const char * const *)mx_hosts->pdata;
      explain_all (sti_domain_report_get_findings (report), &domain_context, seen, &mismatch_text);

      for (guint i = 0; i < hosts->len; i++)
        {
          StiHostReport *host = hosts->pdata[i];
          GPtrArray *endpoints = sti_host_report_get_endpoints (host);
          StiExplainContext host_context = domain_context;

          host_context.host = sti_host_report_get_name (host);
          explain_all (sti_host_report_get_findings (host), &host_context, seen, &mismatch_text);

          for (guint j = 0; j < endpoints->len; j++)
            {
              StiEndpointReport *endpoint = endpoints->pdata[j];
              StiExplainContext endpoint_context = host_context;

              endpoint_context.address = sti_endpoint_report_get_address (endpoint);
              explain_all (sti_endpoint_report_get_findings (endpoint), &endpoint_context, seen,
                           &mismatch_text);
            }
        }
    }

  /* The lab exercised a good part of the catalog, the name mismatch among it. */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 10);
  g_assert_nonnull (mismatch_text);
  g_test_message ("cert-name-mismatch from the lab:\n%s", mismatch_text);
}

/* Glossary */

static void
test_glossary_entries (void)
{
  static const char * const required[] = {
    "CN", "O", "OU", "DC", "SAN", "subject", "issuer", "CA", "root", "intermediate", "chain",
    "trust store", "self-signed", "CSR", "key usage", "SPKI", "fingerprint", "OCSP", "CRL",
    "CT/SCT", "STARTTLS", "MTA-STS", "DANE", "TLSA", "DNSSEC", "MX", "TLS", "cipher suite",
    "forward secrecy", "EHLO", "PKIX", NULL
  };
  guint n = 0;
  const StiGlossaryEntry *entries = sti_glossary_get_entries (&n);

  g_assert_cmpuint (n, >=, g_strv_length ((char **)required));
  for (guint i = 0; required[i] != NULL; i++)
    {
      const StiGlossaryEntry *entry = sti_glossary_lookup (required[i]);

      if (entry == NULL)
        g_error ("glossary term %s is missing", required[i]);
      g_assert_cmpstr (entry->key, ==, required[i]);
    }

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (entries[i].key, !=, "");
      g_assert_cmpstr (entries[i].full_name, !=, "");
      g_assert_nonnull (entries[i].aliases);
      /* Two to four sentences: long enough to explain, short enough to read. */
      g_assert_cmpuint (strlen (entries[i].text), >, 100);
      g_assert_cmpuint (strlen (entries[i].text), <, 600);
      /* Every key finds its own entry first. */
      g_assert_true (sti_glossary_lookup (entries[i].key) == &entries[i]);
    }
}

static void
test_glossary_lookup (void)
{
  const StiGlossaryEntry *cn = sti_glossary_lookup ("CN");

  g_assert_nonnull (cn);
  g_assert_cmpstr (cn->full_name, ==, "Common Name");
  g_assert_true (sti_glossary_lookup ("cn") == cn);
  g_assert_true (sti_glossary_lookup ("Common Name") == cn);
  g_assert_true (sti_glossary_lookup ("COMMON-NAME") == cn);
  g_assert_true (sti_glossary_lookup ("commonName") == cn);

  g_assert_cmpstr (sti_glossary_lookup ("SCT")->key, ==, "CT/SCT");
  g_assert_cmpstr (sti_glossary_lookup ("certificate transparency")->key, ==, "CT/SCT");
  g_assert_cmpstr (sti_glossary_lookup ("subjectAltName")->key, ==, "SAN");
  g_assert_cmpstr (sti_glossary_lookup ("mta sts")->key, ==, "MTA-STS");
  g_assert_cmpstr (sti_glossary_lookup ("Self Signed")->key, ==, "self-signed");
  g_assert_cmpstr (sti_glossary_lookup ("helo")->key, ==, "EHLO");
  g_assert_cmpstr (sti_glossary_lookup ("Trust Anchor")->key, ==, "root");

  g_assert_null (sti_glossary_lookup ("no such term"));
  g_assert_null (sti_glossary_lookup (""));
  g_assert_null (sti_glossary_lookup (" - "));
  g_assert_null (sti_glossary_lookup (NULL));
  g_assert_null (sti_glossary_lookup ("\xff\xfe"));
}

/* Both files carry translatable strings: they must be in POTFILES.in. */
static void
test_potfiles (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "POTFILES.in", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_true (g_strv_contains ((const char * const *)lines, "app/core/explain/sti-catalog.c"));
  g_assert_true (g_strv_contains ((const char * const *)lines, "app/core/explain/sti-glossary.c"));
  /* The words themselves: the registry, through po/its/. */
  g_assert_true (g_strv_contains ((const char * const *)lines,
                                  "resources/findings/certificate.findings.xml"));
  g_assert_true (g_strv_contains ((const char * const *)lines,
                                  "resources/findings/shared.findings.xml"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/catalog/design-ids", test_design_ids);
  g_test_add_func ("/sti/catalog/explain-id", test_explain_id);
  g_test_add_func ("/sti/catalog/nothing-known", test_nothing_known);
  g_test_add_func ("/sti/catalog/unknown-id", test_unknown_id);
  g_test_add_func ("/sti/catalog/hostile-values", test_hostile_values);
  g_test_add_func ("/sti/catalog/complete-chain-pem", test_complete_chain_pem);
  g_test_add_func ("/sti/catalog/multiline-values", test_multiline_values);
  g_test_add_func ("/sti/catalog/time-limit", test_time_limit);
  g_test_add_func ("/sti/catalog/certificate-numbers", test_certificate_numbers);
  g_test_add_func ("/sti/catalog/to-text", test_to_text);
  g_test_add_func ("/sti/catalog/mta-strings", test_mta_strings);
  g_test_add ("/sti/catalog/lab", Fixture, NULL, fixture_setup, test_lab, fixture_teardown);
  g_test_add_func ("/sti/glossary/entries", test_glossary_entries);
  g_test_add_func ("/sti/glossary/lookup", test_glossary_lookup);
  g_test_add_func ("/sti/catalog/potfiles", test_potfiles);

  return g_test_run ();
}
