/* test-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "certgen.h"
#include "findings-assert.h"
#include "sti-finding.h"
#include "sti-mta-sts.h"
#include "txt-rdata.h"

/* ------------------------------------------------------------------ */
/* helpers                                                             */

static gboolean
any_reason (GPtrArray  *findings,
            const char *reason)
{
  for (guint i = 0; i < findings->len; i++)
    {
      if (g_strcmp0 (sti_finding_get_param_string (g_ptr_array_index (findings, i), "reason"),
                     reason) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* the record                                                          */

typedef struct
{
  const char *name;
  const char *records[3];
  const char *id;          /* NULL: no record */
  const char *expect_ids;
  const char *reason;
} RecordCase;

static const RecordCase record_cases[] = {
  { "valid", { "v=STSv1; id=20190429T010101;" }, "20190429T010101", "", NULL },
  { "no-trailing-semicolon", { "v=STSv1; id=abc" }, "abc", "", NULL },
  { "tight", { "v=STSv1;id=abc" }, "abc", "", NULL },
  { "spaces-and-tabs", { "v=STSv1 ;\tid=abc ; " }, "abc", "", NULL },
  { "split-strings", { "v=STSv1; i|d=abc|123" }, "abc123", "", NULL },
  { "id-32", { "v=STSv1; id=0123456789abcdef0123456789ABCDEF" },
    "0123456789abcdef0123456789ABCDEF", "", NULL },
  { "extension", { "v=STSv1; id=1; ext.a-b_c=x!y" }, "1", "", NULL },
  { "other-txt-discarded", { "v=spf1 -all", "v=STSv1; id=1", "google-site-verification=x" },
    "1", "", NULL },
  { "id-33", { "v=STSv1; id=0123456789abcdef0123456789ABCDEF0" }, NULL,
    "mta-sts-record-invalid", "bad-id" },
  { "id-dash", { "v=STSv1; id=2019-04-29" }, NULL, "mta-sts-record-invalid", "bad-id" },
  { "id-empty", { "v=STSv1; id=" }, NULL, "mta-sts-record-invalid", "bad-id" },
  { "id-missing", { "v=STSv1; foo=bar" }, NULL, "mta-sts-record-invalid", "missing-id" },
  { "version-only", { "v=STSv1" }, NULL, "mta-sts-record-invalid", "missing-id" },
  { "no-delimiter", { "v=STSv1 id=abc" }, NULL, "mta-sts-record-invalid", "missing-semicolon" },
  { "empty-field", { "v=STSv1;; id=abc" }, NULL, "mta-sts-record-invalid", "empty-field" },
  { "duplicate-id", { "v=STSv1; id=a; id=b" }, NULL, "mta-sts-record-invalid", "duplicate-id" },
  { "bad-extension-name", { "v=STSv1; id=a; _x=1" }, NULL, "mta-sts-record-invalid",
    "bad-extension-name" },
  { "bad-extension-value", { "v=STSv1; id=a; x=" }, NULL, "mta-sts-record-invalid",
    "bad-extension-value" },
  { "field-without-value", { "v=STSv1; id=a; x" }, NULL, "mta-sts-record-invalid",
    "field-without-value" },
  { "control-character", { "v=STSv1; id=a\x07" }, NULL, "mta-sts-record-invalid",
    "not-printable-ascii" },
  { "non-ascii", { "v=STSv1; id=\xc3\xa9" }, NULL, "mta-sts-record-invalid",
    "not-printable-ascii" },
  { "multiple", { "v=STSv1; id=a", "v=STSv1; id=b" }, NULL, "mta-sts-multiple-records", NULL },
  { "missing", { "v=spf1 -all" }, NULL, "mta-sts-record-missing", NULL },
  { "wrong-version", { "v=STSv2; id=a" }, NULL, "mta-sts-record-missing", NULL },
  { "case-sensitive", { "V=stsv1; id=a" }, NULL, "mta-sts-record-missing", NULL },
  { "leading-space", { " v=STSv1; id=a" }, NULL, "mta-sts-record-missing", NULL },
  { "prefix-only", { "v=STSv10; id=a" }, NULL, "mta-sts-record-missing", NULL },
  { "none", { NULL }, NULL, "mta-sts-record-missing", NULL },
};

static void
test_record_case (gconstpointer data)
{
  const RecordCase *c = data;
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsRecord) record = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (c->records) && c->records[i] != NULL; i++)
    g_ptr_array_add (rdata, txt_rdata (c->records[i]));

  record = sti_mta_sts_record_parse (rdata, "example.org", findings);
  assert_ids (findings, c->expect_ids);
  if (c->id != NULL)
    {
      g_assert_nonnull (record);
      g_assert_cmpstr (record->id, ==, c->id);
      g_assert_true (g_str_has_prefix (record->text, "v=STSv1"));
    }
  else
    g_assert_null (record);

  if (c->reason != NULL)
    g_assert_true (any_reason (findings, c->reason));

  for (guint i = 0; i < findings->len; i++)
    {
      const char *fix = sti_finding_get_param_string (g_ptr_array_index (findings, i),
                                                      "fix_record");

      g_assert_nonnull (fix);
      g_assert_true (g_str_has_prefix (fix, "_mta-sts.example.org. IN TXT \"v=STSv1; id="));
    }
}

/* A TXT rdata that is not even well-formed is discarded, never read past. */
static void
test_record_malformed_rdata (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsRecord) record = NULL;
  static const guint8 cut[] = { 40, 'v', '=', 'S', 'T', 'S', 'v', '1' };

  g_ptr_array_add (rdata, g_bytes_new_static (cut, sizeof cut));
  record = sti_mta_sts_record_parse (rdata, NULL, findings);
  g_assert_null (record);
  assert_ids (findings, "mta-sts-record-missing");
}

static void
test_record_sanitized (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  static const guint8 raw[] = "\x17v=STSv1; id=a\x1b[2J\xff\xfe\x00z";
  const char *text;

  g_ptr_array_add (rdata, g_bytes_new_static (raw, 24));
  g_assert_null (sti_mta_sts_record_parse (rdata, NULL, findings));
  assert_ids (findings, "mta-sts-record-invalid");
  text = sti_finding_get_param_string (g_ptr_array_index (findings, 0), "record");
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_cmpuint (strlen (text), >, 14);
}

/* ------------------------------------------------------------------ */
/* the policy                                                          */

typedef struct
{
  const char    *name;
  const char    *body;
  gboolean       valid;
  StiMtaStsMode  mode;
  guint          n_mx;
  gint64         max_age;
  const char    *expect_ids;
  const char    *reason;
} PolicyCase;

#define GOOD_TAIL "mx: mx1.example.org\r\nmx: *.example.net\r\nmax_age: 604800\r\n"

static const PolicyCase policy_cases[] = {
  { "crlf", "version: STSv1\r\nmode: enforce\r\n" GOOD_TAIL, TRUE,
    STI_MTA_STS_MODE_ENFORCE, 2, 604800, "", NULL },
  { "lf", "version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: 86400\n", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "mixed-endings", "version: STSv1\r\nmode: enforce\nmx: a.example.org\r\nmax_age: 86400", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "no-final-newline", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 86400", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "no-space-after-colon", "version:STSv1\nmode:enforce\nmx:a.example.org\nmax_age:86400\n",
    TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "tabs-and-trailing-space", "version:\tSTSv1 \nmode: enforce\t\nmx: a.example.org  \n"
    "max_age: 86400 \n", TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "order-free", "version: STSv1\nmax_age: 86400\nmx: a.example.org\nmode: enforce\n", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "unknown-keys-ignored", "version: STSv1\nmode: enforce\nfoo: bar\ncomment: h\xc3\xa9llo\n"
    "mx: a.example.org\nmax_age: 86400\n", TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "max-age-limit", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 31557600\n",
    TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 31557600, "", NULL },
  { "max-age-leading-zeros", "version: STSv1\nmode: enforce\nmx: a.example.org\n"
    "max_age: 0000086400\n", TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "mx-uppercase", "version: STSv1\nmode: enforce\nmx: MX.Example.ORG\nmax_age: 86400\n", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "", NULL },
  { "testing", "version: STSv1\nmode: testing\nmx: a.example.org\nmax_age: 86400\n", TRUE,
    STI_MTA_STS_MODE_TESTING, 1, 86400, "mta-sts-mode-testing", NULL },
  { "none-without-mx", "version: STSv1\nmode: none\nmax_age: 0\n", TRUE,
    STI_MTA_STS_MODE_NONE, 0, 0, "mta-sts-mode-none", NULL },
  { "max-age-short", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 3600\n", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 3600, "mta-sts-max-age-short", NULL },
  { "blank-line", "version: STSv1\n\nmode: enforce\nmx: a.example.org\nmax_age: 86400\n", TRUE,
    STI_MTA_STS_MODE_ENFORCE, 1, 86400, "mta-sts-policy-nonstandard", "blank-line" },
  { "trailing-blank-lines", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 86400\n"
    "\r\n\r\n", TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "mta-sts-policy-nonstandard",
    "blank-line" },
  { "version-not-first", "mode: enforce\nversion: STSv1\nmx: a.example.org\nmax_age: 86400\n",
    TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400, "mta-sts-policy-nonstandard", "version-not-first" },
  { "duplicate-mode-first-wins", "version: STSv1\nmode: enforce\nmode: testing\n"
    "mx: a.example.org\nmax_age: 86400\n", TRUE, STI_MTA_STS_MODE_ENFORCE, 1, 86400,
    "mta-sts-policy-nonstandard", "duplicate-key" },
  { "bad-version", "version: STSv2\nmode: enforce\nmx: a.example.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-version" },
  { "version-case", "version: stsv1\nmode: enforce\nmx: a.example.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-version" },
  { "key-case", "Version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "missing-version" },
  { "bad-mode", "version: STSv1\nmode: Enforce\nmx: a.example.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-mode" },
  { "missing-mode", "version: STSv1\nmx: a.example.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "missing-mode" },
  { "missing-max-age", "version: STSv1\nmode: enforce\nmx: a.example.org\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "missing-max-age" },
  { "missing-mx", "version: STSv1\nmode: enforce\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "missing-mx" },
  { "max-age-too-large", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 31557601\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "max-age-too-large" },
  { "max-age-11-digits", "version: STSv1\nmode: enforce\nmx: a.example.org\n"
    "max_age: 00000086400\n", FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-max-age" },
  { "max-age-negative", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: -1\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-max-age" },
  { "max-age-empty", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age:\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-max-age" },
  { "max-age-unit", "version: STSv1\nmode: enforce\nmx: a.example.org\nmax_age: 1d\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-max-age" },
  { "mx-bare-star", "version: STSv1\nmode: enforce\nmx: *\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "mx-inner-star", "version: STSv1\nmode: enforce\nmx: mail.*.org\nmax_age: 86400\n", FALSE,
    0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "mx-trailing-dot", "version: STSv1\nmode: enforce\nmx: a.example.org.\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "mx-underscore", "version: STSv1\nmode: enforce\nmx: a_b.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "mx-hyphen-edge", "version: STSv1\nmode: enforce\nmx: -a.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "mx-empty", "version: STSv1\nmode: enforce\nmx:\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-mx-pattern" },
  { "space-before-colon", "version: STSv1\nmode : enforce\nmx: a.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bad-key" },
  { "line-without-colon", "version: STSv1\nmode enforce\nmx: a.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "line-without-colon" },
  { "bare-cr", "version: STSv1\rmode: enforce\nmx: a.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "bare-cr" },
  { "control-character", "version: STSv1\nmode: enforce\x1b\nmx: a.example.org\nmax_age: 86400\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "control-character" },
  { "not-utf8", "version: STSv1\nmode: enforce\ncomment: \xff\nmx: a.example.org\nmax_age: 1\n",
    FALSE, 0, 0, 0, "mta-sts-policy-invalid", "not-utf8" },
  { "html", "<html><body>Not found</body></html>\n", FALSE, 0, 0, 0, "mta-sts-policy-invalid",
    "line-without-colon" },
  { "empty", "", FALSE, 0, 0, 0, "mta-sts-policy-invalid", "empty" },
};

static void
test_policy_case (gconstpointer data)
{
  const PolicyCase *c = data;
  g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) policy = NULL;

  policy = sti_mta_sts_policy_parse (body, findings);
  assert_ids (findings, c->expect_ids);
  if (c->valid)
    {
      g_assert_nonnull (policy);
      g_assert_cmpint (policy->mode, ==, c->mode);
      g_assert_cmpuint (g_strv_length (policy->mx), ==, c->n_mx);
      g_assert_cmpint (policy->max_age, ==, c->max_age);
      g_assert_true (g_bytes_equal (policy->body, body));
      for (guint i = 0; i < c->n_mx; i++)
        {
          g_autofree char *lower = g_ascii_strdown (policy->mx[i], -1);
          g_assert_cmpstr (policy->mx[i], ==, lower);
        }
    }
  else
    g_assert_null (policy);

  if (c->reason != NULL)
    g_assert_true (any_reason (findings, c->reason));
}

static void
test_policy_nul_and_size (void)
{
  static const char with_nul[] = "version: STSv1\nmode: enforce\0\nmx: a.example.org\nmax_age: 1\n";
  g_autoptr(GBytes) nul = g_bytes_new_static (with_nul, sizeof with_nul - 1);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) big = g_string_new ("version: STSv1\nmode: enforce\nmax_age: 86400\n");
  g_autoptr(GBytes) big_bytes = NULL;
  g_autoptr(StiMtaStsPolicy) policy = NULL;

  g_assert_null (sti_mta_sts_policy_parse (nul, findings));
  g_assert_true (any_reason (findings, "nul-byte"));

  /* just under the cap: accepted, every mx kept */
  while (big->len < STI_MTA_STS_POLICY_MAX_SIZE - 32)
    g_string_append (big, "mx: mx.example.org\n");
  big_bytes = g_bytes_new (big->str, big->len);
  g_ptr_array_set_size (findings, 0);
  policy = sti_mta_sts_policy_parse (big_bytes, findings);
  g_assert_nonnull (policy);
  g_assert_cmpuint (g_strv_length (policy->mx), >, 3000);

  /* over it: refused */
  g_clear_pointer (&big_bytes, g_bytes_unref);
  g_string_append (big, "mx: mx.example.org\nmx: mx.example.org\n");
  big_bytes = g_bytes_new (big->str, big->len);
  g_ptr_array_set_size (findings, 0);
  g_assert_null (sti_mta_sts_policy_parse (big_bytes, findings));
  g_assert_true (any_reason (findings, "too-large"));
}

/* Hostile input: random bytes and mutations of a good policy never
 * crash, and everything put into findings is valid UTF-8. */
static void
test_policy_random (void)
{
  static const char good[] = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.org\r\n"
                             "mx: *.example.net\r\nmax_age: 604800\r\n";
  static const char alphabet[] = "version:STSv1\r\n mode:enforce testing none mx*.-_max_age0123"
                                 "456789\t\x00\xff\xc3\xa9";

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autoptr(StiMtaStsPolicy) policy = NULL;
      g_autoptr(StiMtaStsRecord) record = NULL;
      g_autoptr(GBytes) body = NULL;
      guint8 buf[256];
      gsize len;

      if (round % 2 == 0)
        {
          len = sizeof good - 1;
          memcpy (buf, good, len);
          for (guint k = g_test_rand_int_range (1, 4); k > 0; k--)
            {
              gsize at = g_test_rand_int_range (0, len);

              buf[at] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
            }
        }
      else
        {
          len = g_test_rand_int_range (0, sizeof buf);
          for (gsize i = 0; i < len; i++)
            buf[i] = g_test_rand_int_range (0, 256);
        }

      body = g_bytes_new (buf, len);
      policy = sti_mta_sts_policy_parse (body, findings);
      if (policy != NULL)
        {
          g_assert_cmpint (policy->max_age, >=, 0);
          g_assert_cmpint (policy->max_age, <=, STI_MTA_STS_MAX_AGE_LIMIT);
        }

      g_ptr_array_add (rdata, g_bytes_new (buf, len));
      record = sti_mta_sts_record_parse (rdata, "example.org", findings);
      if (record != NULL)
        g_assert_cmpuint (strlen (record->id), <=, 32);

      for (guint i = 0; i < findings->len; i++)
        {
          StiFinding *f = g_ptr_array_index (findings, i);
          g_autofree char *params = g_variant_print (sti_finding_get_params (f), FALSE);

          g_assert_true (g_utf8_validate (sti_finding_get_detail (f), -1, NULL));
          g_assert_true (g_utf8_validate (params, -1, NULL));
        }
    }
}

/* ------------------------------------------------------------------ */
/* mx matching                                                         */

static void
test_mx_matches (void)
{
  static const struct {
    const char *pattern;
    const char *host;
    gboolean    match;
  } table[] = {
    { "mx.example.org", "mx.example.org", TRUE },
    { "mx.example.org", "MX.Example.ORG.", TRUE },
    { "MX.EXAMPLE.ORG", "mx.example.org", TRUE },
    { "*.example.org", "mx.example.org", TRUE },
    { "*.example.org", "mx.example.org.", TRUE },
    { "*.example.org", "MX.EXAMPLE.ORG", TRUE },
    { "*.example.org", "example.org", FALSE },
    { "*.example.org", "a.b.example.org", FALSE },
    { "*.example.org", ".example.org", FALSE },
    { "*.example.org", "mxexample.org", FALSE },
    { "mx.example.org", "mx.example.org.evil.test", FALSE },
    { "mx.example.org", "x.mx.example.org", FALSE },
    { "*.*.example.org", "a.b.example.org", FALSE },
    { "mx*.example.org", "mx1.example.org", FALSE },
    { "", "mx.example.org", FALSE },
    { "mx.example.org", "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      g_test_message ("%s vs %s", table[i].pattern, table[i].host);
      g_assert_cmpint (sti_mta_sts_mx_matches (table[i].pattern, table[i].host), ==,
                       table[i].match);
    }
}

/* ------------------------------------------------------------------ */
/* coherence                                                           */

static StiMtaStsPolicy *
policy_from (const char *text)
{
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  StiMtaStsPolicy *policy = sti_mta_sts_policy_parse (body, findings);

  g_assert_nonnull (policy);
  return policy;
}

static void
test_evaluate_enforce (void)
{
  g_autoptr(StiMtaStsPolicy) policy =
    policy_from ("version: STSv1\nmode: enforce\nmx: mx1.example.org\nmx: *.backup.example.org\n"
                 "mx: unused.example.org\nmax_age: 604800\n");
  const char *mx[] = { "mx1.example.org.", "b1.backup.example.org.", "other.example.net.",
                       "MX1.example.org", NULL };
  const StiMtaStsEndpointFacts endpoints[] = {
    { "mx1.example.org.", "192.0.2.1", TRUE, TRUE, TRUE },
    { "mx1.example.org.", "2001:db8::1", TRUE, TRUE, TRUE },
    { "b1.backup.example.org.", "192.0.2.2", TRUE, FALSE, FALSE },
    { "b1.backup.example.org.", "192.0.2.3", TRUE, TRUE, FALSE },
    { "b1.backup.example.org.", "192.0.2.4", FALSE, FALSE, FALSE },  /* not reached: ignored */
    { "other.example.net.", "198.51.100.1", TRUE, TRUE, TRUE },
  };
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree const char **hosts = NULL;
  g_autofree const char **no_tls = NULL;
  g_autofree const char **bad_cert = NULL;
  StiFinding *refused, *fail, *uncovered;
  gboolean all = TRUE;
  g_auto(GStrv) fix = NULL;

  findings = sti_mta_sts_evaluate (policy, mx, endpoints, G_N_ELEMENTS (endpoints));
  assert_ids (findings, "mta-sts-mx-not-covered,mta-sts-mx-would-fail,mta-sts-mx-refused,"
                        "mta-sts-mx-pattern-unused");

  uncovered = find (findings, "mta-sts-mx-not-covered");
  g_assert_cmpint (sti_finding_get_severity (uncovered), ==, STI_SEVERITY_ERROR);
  g_assert_cmpstr (sti_finding_get_param_string (uncovered, "host"), ==, "other.example.net");

  fail = find (findings, "mta-sts-mx-would-fail");
  g_assert_cmpstr (sti_finding_get_param_string (fail, "host"), ==, "b1.backup.example.org");
  g_assert_true (g_variant_lookup (sti_finding_get_params (fail), "no_starttls", "^a&s", &no_tls));
  g_assert_true (g_variant_lookup (sti_finding_get_params (fail), "bad_certificate", "^a&s",
                                   &bad_cert));
  g_assert_cmpuint (g_strv_length ((char **)no_tls), ==, 1);
  g_assert_cmpstr (no_tls[0], ==, "192.0.2.2");
  g_assert_cmpuint (g_strv_length ((char **)bad_cert), ==, 1);
  g_assert_cmpstr (bad_cert[0], ==, "192.0.2.3");

  refused = find (findings, "mta-sts-mx-refused");
  g_assert_cmpint (sti_finding_get_severity (refused), ==, STI_SEVERITY_ERROR);
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "hosts", "^a&s", &hosts));
  g_assert_cmpuint (g_strv_length ((char **)hosts), ==, 2);
  g_assert_cmpstr (hosts[0], ==, "b1.backup.example.org");
  g_assert_cmpstr (hosts[1], ==, "other.example.net");
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "all", "b", &all));
  g_assert_false (all);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (refused),
                                   "In enforce mode, senders would refuse these MX hosts: "
                                   "b1.backup.example.org, other.example.net"));

  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "fix_policy", "^as", &fix));
  g_assert_cmpstrv (fix, ((const char *[]) { "version: STSv1", "mode: enforce",
                                             "mx: mx1.example.org", "mx: b1.backup.example.org",
                                             "mx: other.example.net", "max_age: 604800", NULL }));
  g_assert_cmpstr (sti_finding_get_param_string (find (findings, "mta-sts-mx-pattern-unused"),
                                                 "pattern"), ==, "unused.example.org");
}

static void
test_evaluate_testing_and_none (void)
{
  g_autoptr(StiMtaStsPolicy) testing =
    policy_from ("version: STSv1\nmode: testing\nmx: mx1.example.org\nmax_age: 86400\n");
  g_autoptr(StiMtaStsPolicy) none = policy_from ("version: STSv1\nmode: none\nmax_age: 86400\n");
  g_autoptr(StiMtaStsPolicy) good =
    policy_from ("version: STSv1\nmode: enforce\nmx: *.example.org\nmax_age: 86400\n");
  const char *mx[] = { "mx2.example.org", NULL };
  const StiMtaStsEndpointFacts ok[] = { { "mx2.example.org", NULL, TRUE, TRUE, TRUE } };
  g_autoptr(GPtrArray) findings = NULL;
  gboolean all = FALSE;
  StiFinding *refused;

  findings = sti_mta_sts_evaluate (testing, mx, NULL, 0);
  assert_ids (findings, "mta-sts-mx-not-covered,mta-sts-mx-refused,mta-sts-mx-pattern-unused");
  refused = find (findings, "mta-sts-mx-refused");
  g_assert_cmpint (sti_finding_get_severity (refused), ==, STI_SEVERITY_WARNING);
  g_assert_cmpint (sti_finding_get_severity (find (findings, "mta-sts-mx-not-covered")), ==,
                   STI_SEVERITY_WARNING);
  g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "all", "b", &all));
  g_assert_true (all);
  g_assert_true (g_str_has_prefix (sti_finding_get_detail (refused), "If the policy were"));
  {
    g_auto(GStrv) fix = NULL;

    g_assert_true (g_variant_lookup (sti_finding_get_params (refused), "fix_policy", "^as", &fix));
    g_assert_true (g_strv_contains ((const char * const *)fix, "mode: testing"));
  }
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = sti_mta_sts_evaluate (none, mx, NULL, 0);
  assert_ids (findings, "");
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = sti_mta_sts_evaluate (good, mx, ok, G_N_ELEMENTS (ok));
  assert_ids (findings, "");
}

static void
test_suggest (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 28, 17, 57, 0);
  g_autofree char *record = sti_mta_sts_suggest_record ("Example.ORG.", when);
  const char *mx[] = { "mx1.example.org.", "MX1.example.org", "mx2.example.org", "bad_name", NULL };
  g_autofree char *policy = sti_mta_sts_suggest_policy (mx, STI_MTA_STS_MODE_ENFORCE, -1);
  g_autofree char *capped = sti_mta_sts_suggest_policy (mx, STI_MTA_STS_MODE_TESTING, G_MAXINT64);
  g_autoptr(GBytes) body = g_bytes_new (policy, strlen (policy));
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) parsed = NULL;
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(StiMtaStsRecord) parsed_record = NULL;
  g_autofree char *quoted = NULL;

  g_assert_cmpstr (record, ==, "_mta-sts.example.org. IN TXT \"v=STSv1; id=20261128175700\"");
  g_assert_cmpstr (policy, ==, "version: STSv1\nmode: enforce\nmx: mx1.example.org\n"
                               "mx: mx2.example.org\nmax_age: 604800\n");
  g_assert_nonnull (strstr (capped, "max_age: 31557600\n"));

  /* what we suggest must pass our own parsers */
  parsed = sti_mta_sts_policy_parse (body, findings);
  g_assert_nonnull (parsed);
  assert_ids (findings, "");

  quoted = g_strndup (strchr (record, '"') + 1, strlen (strchr (record, '"') + 1) - 1);
  g_ptr_array_add (rdata, txt_rdata (quoted));
  parsed_record = sti_mta_sts_record_parse (rdata, NULL, findings);
  g_assert_nonnull (parsed_record);
  g_assert_cmpstr (parsed_record->id, ==, "20261128175700");
}

static void
test_boxed (void)
{
  g_autoptr(StiMtaStsPolicy) policy =
    policy_from ("version: STSv1\nmode: enforce\nmx: mx1.example.org\nmax_age: 86400\n");
  StiMtaStsPolicy *copy = g_boxed_copy (STI_TYPE_MTA_STS_POLICY, policy);

  g_assert_true (copy == policy);
  g_boxed_free (STI_TYPE_MTA_STS_POLICY, copy);
  g_assert_true (G_TYPE_IS_BOXED (STI_TYPE_MTA_STS_RECORD));
  g_assert_true (G_TYPE_IS_BOXED (STI_TYPE_MTA_STS_FETCH_RESULT));
  g_assert_cmpstr (sti_mta_sts_mode_to_string (STI_MTA_STS_MODE_TESTING), ==, "testing");
}

/* ------------------------------------------------------------------ */
/* the fetch, against a local HTTPS server                             */

/* A stand-in for the system resolver: when on, every name resolves to
 * 127.0.0.1, so the client connects locally while it still uses
 * mta-sts.<domain> for SNI and certificate checks. */
#define TEST_TYPE_RESOLVER (test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (TestResolver, test_resolver, TEST, RESOLVER, GResolver)

struct _TestResolver
{
  GResolver parent_instance;
};

G_DEFINE_FINAL_TYPE (TestResolver, test_resolver, G_TYPE_RESOLVER)

/* Off by default: then every lookup fails, which proves that the fetches
 * with pinned addresses never ask GResolver. */
static gboolean resolver_answers;

static GList *
loopback_list (GResolverNameLookupFlags   flags,
               GError                   **error)
{
  if (!resolver_answers || (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY))
    {
      g_set_error_literal (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "no AAAA");
      return NULL;
    }
  return g_list_append (NULL, g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4));
}

static GList *
test_resolver_lookup_by_name (GResolver     *resolver,
                              const char    *hostname,
                              GCancellable  *cancellable,
                              GError       **error)
{
  return loopback_list (G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, error);
}

static GList *
test_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                         const char                *hostname,
                                         GResolverNameLookupFlags   flags,
                                         GCancellable              *cancellable,
                                         GError                   **error)
{
  return loopback_list (flags, error);
}

static void
test_resolver_lookup_by_name_with_flags_async (GResolver                 *resolver,
                                               const char                *hostname,
                                               GResolverNameLookupFlags   flags,
                                               GCancellable              *cancellable,
                                               GAsyncReadyCallback        callback,
                                               gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *list = loopback_list (flags, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify)g_resolver_free_addresses);
}

static void
test_resolver_lookup_by_name_async (GResolver           *resolver,
                                    const char          *hostname,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  test_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                                 G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, callback, user_data);
}

static GList *
test_resolver_lookup_finish (GResolver     *resolver,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_resolver_class_init (TestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = test_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = test_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = test_resolver_lookup_finish;
  resolver_class->lookup_by_name_with_flags = test_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = test_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = test_resolver_lookup_finish;
}

static void
test_resolver_init (TestResolver *self)
{
}

typedef enum
{
  SERVE_OK,
  SERVE_REDIRECT,
  SERVE_NOT_FOUND,
  SERVE_WRONG_TYPE,
  SERVE_TYPE_WITH_CHARSET,
  SERVE_OVERSIZED_LENGTH,
  SERVE_OVERSIZED_STREAM,
  SERVE_OVERSIZED_GZIP,
  SERVE_SMALL_GZIP,
  SERVE_SLOW,
  SERVE_INVALID_POLICY,
} ServeMode;

#define GOOD_POLICY "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n"

typedef struct
{
  GSocketService  *service;
  GTlsCertificate *certificate;
  ServeMode        mode;
  guint16          port;
  guint            n_requests;
  char            *request;     /* the first request's head */
  GPtrArray       *conns;
} Server;

typedef struct
{
  Server       *server;
  GSocketConnection *socket;
  GCancellable *cancellable;
  GIOStream    *tls;
  GByteArray   *head;
  guint8        buf[1024];
  GBytes       *reply;
  guint         drip_id;
  gsize         dripped;
} Conn;

static void
conn_free (Conn *conn)
{
  /* Pending callbacks see CANCELLED and never touch @conn again; closing
   * the socket first keeps the TLS close from blocking on a full buffer. */
  g_cancellable_cancel (conn->cancellable);
  g_clear_handle_id (&conn->drip_id, g_source_remove);
  g_socket_close (g_socket_connection_get_socket (conn->socket), NULL);
  g_clear_object (&conn->tls);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->head, g_byte_array_unref);
  g_clear_pointer (&conn->reply, g_bytes_unref);
  g_free (conn);
}

static void
conn_done (Conn *conn)
{
  g_ptr_array_remove (conn->server->conns, conn);
}

static gboolean
was_cancelled (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GBytes *
gzip (const char *data,
      gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
make_reply (ServeMode mode,
            guint16   port)
{
  g_autoptr(GString) out = g_string_new (NULL);

  switch (mode)
    {
    case SERVE_OK:
    case SERVE_TYPE_WITH_CHARSET:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              mode == SERVE_OK ? "text/plain" : "TEXT/PLAIN; charset=utf-8",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    case SERVE_INVALID_POLICY:
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 15\r\nConnection: close\r\n\r\nversion: STSv1\n");
      break;
    case SERVE_REDIRECT:
      g_string_append_printf (out, "HTTP/1.1 301 Moved Permanently\r\n"
                              "Location: https://mta-sts.example.test:%u/elsewhere\r\n"
                              "Content-Length: 0\r\nConnection: close\r\n\r\n", port);
      break;
    case SERVE_NOT_FOUND:
      g_string_append (out, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 9\r\nConnection: close\r\n\r\nnot found");
      break;
    case SERVE_WRONG_TYPE:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    case SERVE_OVERSIZED_LENGTH:
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Content-Length: 70000\r\nConnection: close\r\n\r\n");
      g_string_append_len (out, GOOD_POLICY, strlen (GOOD_POLICY));
      while (out->len < 70000)
        g_string_append (out, "mx: mx1.example.test\r\n");
      break;
    case SERVE_OVERSIZED_STREAM:
      /* no length: the body runs until the connection closes */
      g_string_append (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                       "Connection: close\r\n\r\n" GOOD_POLICY);
      while (out->len < 200000)
        g_string_append (out, "mx: mx1.example.test\r\n");
      break;
    case SERVE_OVERSIZED_GZIP:
    case SERVE_SMALL_GZIP:
      {
        g_autoptr(GString) plain = g_string_new (GOOD_POLICY);
        g_autoptr(GBytes) packed = NULL;

        while (mode == SERVE_OVERSIZED_GZIP && plain->len < 300000)
          g_string_append (plain, "mx: mx1.example.test\r\n");
        packed = gzip (plain->str, plain->len);
        g_assert_cmpuint (g_bytes_get_size (packed), <, STI_MTA_STS_POLICY_MAX_SIZE);
        g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                "Content-Encoding: gzip\r\nContent-Length: %zu\r\n"
                                "Connection: close\r\n\r\n", g_bytes_get_size (packed));
        g_string_append_len (out, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
      }
      break;
    case SERVE_SLOW:
      g_string_append_printf (out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                              strlen (GOOD_POLICY), GOOD_POLICY);
      break;
    default:
      g_assert_not_reached ();
    }

  return g_bytes_new (out->str, out->len);
}

static void
write_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  /* the client may hang up early (oversized bodies): fine */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), res, NULL, &error);
  if (was_cancelled (error))
    return;
  conn_done (conn);
}

static gboolean
drip_cb (gpointer user_data)
{
  Conn *conn = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (conn->tls);
  const guint8 *data = g_bytes_get_data (conn->reply, NULL);

  if (conn->dripped >= g_bytes_get_size (conn->reply) ||
      g_output_stream_write (out, data + conn->dripped, 1, NULL, NULL) != 1)
    {
      conn->drip_id = 0;
      conn_done (conn);
      return G_SOURCE_REMOVE;
    }
  conn->dripped++;
  return G_SOURCE_CONTINUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), res, &error);
  Server *server;

  if (was_cancelled (error))
    return;
  server = conn->server;
  if (n <= 0)
    {
      conn_done (conn);
      return;
    }
  g_byte_array_append (conn->head, conn->buf, n);

  if (g_strstr_len ((const char *)conn->head->data, conn->head->len, "\r\n\r\n") == NULL)
    {
      if (conn->head->len > 16384)
        {
          conn_done (conn);
          return;
        }
      g_input_stream_read_async (G_INPUT_STREAM (object), conn->buf, sizeof conn->buf,
                                 G_PRIORITY_DEFAULT, conn->cancellable, read_cb, conn);
      return;
    }

  server->n_requests++;
  if (server->request == NULL)
    server->request = g_strndup ((const char *)conn->head->data, conn->head->len);

  conn->reply = make_reply (server->mode, server->port);
  if (server->mode == SERVE_SLOW)
    {
      conn->drip_id = g_timeout_add (100, drip_cb, conn);
      return;
    }

  g_output_stream_write_all_async (g_io_stream_get_output_stream (conn->tls),
                                   g_bytes_get_data (conn->reply, NULL),
                                   g_bytes_get_size (conn->reply),
                                   G_PRIORITY_DEFAULT, conn->cancellable, write_cb, conn);
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), res, &error))
    {
      if (was_cancelled (error))
        return;
      conn_done (conn);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (conn->tls), conn->buf,
                             sizeof conn->buf, G_PRIORITY_DEFAULT, conn->cancellable, read_cb,
                             conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  Server *server = user_data;
  g_autoptr(GError) error = NULL;
  Conn *conn = g_new0 (Conn, 1);

  conn->server = server;
  conn->socket = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->head = g_byte_array_new ();
  conn->tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, &error);
  g_assert_no_error (error);
  g_ptr_array_add (server->conns, conn);

  g_tls_connection_handshake_async (G_TLS_CONNECTION (conn->tls), G_PRIORITY_DEFAULT,
                                    conn->cancellable, handshake_cb, conn);
  return TRUE;
}

typedef struct
{
  CertgenCert  *ca;
  CertgenCert  *other_ca;
  GTlsDatabase *database;
  char         *ca_path;
} FetchPki;

static FetchPki fetch_pki;

static Server *
server_new (ServeMode    mode,
            const char  *hostname,
            CertgenCert *issuer)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(CertgenCert) leaf = certgen_make_leaf (hostname, issuer);
  g_autofree char *cert_pem = certgen_pem (leaf);
  g_autofree char *key_pem = certgen_key_pem (leaf);
  g_autofree char *pem = g_strconcat (cert_pem, key_pem, NULL);
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;

  server->mode = mode;
  server->conns = g_ptr_array_new_with_free_func ((GDestroyNotify)conn_free);
  server->certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);

  server->service = g_socket_service_new ();
  any = g_inet_socket_address_new (loopback, 0);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), any,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

static void
server_free (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->conns, g_ptr_array_unref);
  g_clear_object (&server->certificate);
  g_free (server->request);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

typedef struct
{
  StiMtaStsFetchResult *result;
  GError               *error;
  gboolean              done;
} Wait;

static void
fetched_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = sti_mta_sts_fetch_finish (res, &wait->error);
  wait->done = TRUE;
}

static StiMtaStsFetchResult *
fetch_full (Server        *server,
            GTlsDatabase  *extra_trust,
            const char    *pinned,
            guint          timeout_ms,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_object_unref);
  Wait wait = { NULL, NULL, FALSE };
  gint64 start = g_get_monotonic_time ();

  if (pinned != NULL)
    g_ptr_array_add (addresses, g_inet_address_new_from_string (pinned));

  sti_mta_sts_fetch_async (NULL, "example.test", extra_trust, pinned != NULL ? addresses : NULL,
                           server->port, timeout_ms, cancellable, fetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  /* whatever happened, it happened within the deadline (plus slack) */
  g_assert_cmpint (g_get_monotonic_time () - start, <, (gint64)(timeout_ms + 3000) * 1000);

  if (wait.result != NULL)
    {
      g_autofree char *ids = ids_of (wait.result->findings);
      g_test_message ("status %u, type %s, findings: %s", wait.result->status,
                      wait.result->content_type, ids);
    }
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.result;
}

static StiMtaStsFetchResult *
fetch_with (Server        *server,
            GTlsDatabase  *extra_trust,
            guint          timeout_ms,
            GCancellable  *cancellable,
            GError       **error)
{
  return fetch_full (server, extra_trust, "127.0.0.1", timeout_ms, cancellable, error);
}

static StiMtaStsFetchResult *
fetch (Server        *server,
       guint          timeout_ms,
       GCancellable  *cancellable,
       GError       **error)
{
  return fetch_with (server, fetch_pki.database, timeout_ms, cancellable, error);
}

/* Without pinned addresses the host is resolved by GResolver (here the
 * stand-in); with the resolver off the same fetch cannot even connect. */
static void
test_fetch_resolver (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(StiMtaStsFetchResult) failed = NULL;

  resolver_answers = TRUE;
  result = fetch_full (server, fetch_pki.database, NULL, 10000, NULL, NULL);
  resolver_answers = FALSE;
  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);

  failed = fetch_full (server, fetch_pki.database, NULL, 10000, NULL, NULL);
  assert_ids (failed->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (server->n_requests, ==, 1);
}

/* Pinned addresses are really where the connection goes. */
static void
test_fetch_pinned_elsewhere (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;

  /* the server listens on 127.0.0.1 only */
  result = fetch_full (server, fetch_pki.database, "127.0.0.2", 10000, NULL, NULL);
  assert_ids (result->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (server->n_requests, ==, 0);
}

/* Without the extra anchors, the test CA is unknown: the system store
 * alone does not trust it, so the anchors are what made the fetch pass. */
static void
test_fetch_no_extra_trust (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch_with (server, NULL, 10000, NULL, NULL);
  g_autofree const char **reasons = NULL;

  assert_ids (result->findings, "mta-sts-policy-bad-certificate");
  g_assert_true (g_variant_lookup (sti_finding_get_params (g_ptr_array_index (result->findings, 0)),
                                   "reasons", "^a&s", &reasons));
  g_assert_true (g_strv_contains (reasons, "unknown-ca"));
  /* the connection went to 127.0.0.1, but the identity checked was the
   * host name: the certificate is for it */
  g_assert_false (g_strv_contains (reasons, "bad-identity"));
  g_assert_null (result->policy);
}

static void
test_fetch_ok (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("https://mta-sts.example.test:%u/.well-known/mta-sts.txt",
                                          server->port);

  result = fetch (server, 10000, NULL, &error);
  g_assert_no_error (error);
  assert_ids (result->findings, "");
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpstr (result->content_type, ==, "text/plain");
  g_assert_cmpstr (result->url, ==, url);
  g_assert_cmpuint (result->tls_errors, ==, 0);
  g_assert_nonnull (result->policy);
  g_assert_cmpint (result->policy->mode, ==, STI_MTA_STS_MODE_ENFORCE);
  g_assert_cmpstr (result->policy->mx[0], ==, "mx1.example.test");
  g_assert_cmpuint (g_bytes_get_size (result->body), ==, strlen (GOOD_POLICY));
  g_assert_true (g_str_has_prefix (server->request, "GET /.well-known/mta-sts.txt HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (server->request, "Host: mta-sts.example.test"));
  g_assert_cmpint (result->duration_us, >, 0);
}

static void
test_fetch_charset (void)
{
  g_autoptr(Server) server = server_new (SERVE_TYPE_WITH_CHARSET, "mta-sts.example.test",
                                         fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);
}

static void
test_fetch_small_gzip (void)
{
  g_autoptr(Server) server = server_new (SERVE_SMALL_GZIP, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "");
  g_assert_nonnull (result->policy);
  g_assert_cmpuint (g_bytes_get_size (result->body), ==, strlen (GOOD_POLICY));
}

static void
test_fetch_redirect (void)
{
  g_autoptr(Server) server = server_new (SERVE_REDIRECT, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  StiFinding *finding;

  assert_ids (result->findings, "mta-sts-policy-redirect");
  finding = g_ptr_array_index (result->findings, 0);
  g_assert_nonnull (strstr (sti_finding_get_param_string (finding, "location"), "/elsewhere"));
  g_assert_cmpuint (result->status, ==, 301);
  g_assert_null (result->policy);
  /* not followed */
  g_assert_cmpuint (server->n_requests, ==, 1);
}

static void
test_fetch_not_found (void)
{
  g_autoptr(Server) server = server_new (SERVE_NOT_FOUND, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-http-error");
  g_assert_cmpuint (result->status, ==, 404);
  g_assert_null (result->policy);
}

static void
test_fetch_wrong_type (void)
{
  g_autoptr(Server) server = server_new (SERVE_WRONG_TYPE, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-wrong-type");
  g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (result->findings, 0),
                                                 "content_type"), ==, "text/html");
  g_assert_null (result->policy);
}

static void
test_fetch_invalid_policy (void)
{
  g_autoptr(Server) server = server_new (SERVE_INVALID_POLICY, "mta-sts.example.test",
                                         fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);

  assert_ids (result->findings, "mta-sts-policy-invalid");
  g_assert_nonnull (result->body);
  g_assert_null (result->policy);
}

static void
test_fetch_oversized (gconstpointer data)
{
  ServeMode mode = GPOINTER_TO_UINT (data);
  g_autoptr(Server) server = server_new (mode, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  gint64 size = 0;

  assert_ids (result->findings, "mta-sts-policy-too-large");
  g_assert_null (result->policy);
  g_assert_null (result->body);
  g_assert_true (sti_finding_get_param_int64 (g_ptr_array_index (result->findings, 0), "size",
                                              &size));
  g_assert_cmpint (size, >, STI_MTA_STS_POLICY_MAX_SIZE);
  /* bounded reading: never much more than the cap */
  g_assert_cmpint (size, <=, mode == SERVE_OVERSIZED_LENGTH ? 70000 :
                   STI_MTA_STS_POLICY_MAX_SIZE + 16384);
}

static void
test_fetch_slow (void)
{
  g_autoptr(Server) server = server_new (SERVE_SLOW, "mta-sts.example.test", fetch_pki.ca);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 1000, NULL, NULL);
  gint64 elapsed = g_get_monotonic_time () - start;

  assert_ids (result->findings, "mta-sts-policy-timeout");
  g_assert_null (result->policy);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 2500 * 1000);
}

static void
test_fetch_bad_certificate (gconstpointer data)
{
  gboolean wrong_name = GPOINTER_TO_INT (data);
  g_autoptr(Server) server = server_new (SERVE_OK,
                                         wrong_name ? "wrong.example.test" : "mta-sts.example.test",
                                         wrong_name ? fetch_pki.ca : fetch_pki.other_ca);
  g_autoptr(StiMtaStsFetchResult) result = fetch (server, 10000, NULL, NULL);
  g_autofree const char **reasons = NULL;
  StiFinding *finding;

  assert_ids (result->findings, "mta-sts-policy-bad-certificate");
  finding = g_ptr_array_index (result->findings, 0);
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "reasons", "^a&s", &reasons));
  g_assert_true (g_strv_contains (reasons, wrong_name ? "bad-identity" : "unknown-ca"));
  if (wrong_name)
    g_assert_false (g_strv_contains (reasons, "unknown-ca"));
  g_assert_cmpuint (result->tls_errors, !=, 0);
  g_assert_null (result->policy);
  g_assert_cmpuint (server->n_requests, ==, 0);
}

static void
test_fetch_unreachable (void)
{
  g_autoptr(Server) server = server_new (SERVE_OK, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(StiMtaStsFetchResult) result = NULL;

  /* nothing listens there any more */
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));

  result = fetch (server, 10000, NULL, NULL);
  assert_ids (result->findings, "mta-sts-policy-unreachable");
  g_assert_cmpuint (result->status, ==, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_fetch_cancel (void)
{
  g_autoptr(Server) server = server_new (SERVE_SLOW, "mta-sts.example.test", fetch_pki.ca);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(StiMtaStsFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_timeout_add (300, cancel_cb, cancellable);
  result = fetch (server, 10000, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
}

static void
test_fetch_bad_domain (void)
{
  Wait wait = { NULL, NULL, FALSE };

  sti_mta_sts_fetch_async (NULL, "exa mple/..org", NULL, NULL, 0, 0, NULL, fetched_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (wait.result);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&wait.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_pem = NULL;
  int fd;
  int ret;

  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_unsetenv ("no_proxy");

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (record_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/mta-sts/record/%s", record_cases[i].name);
      g_test_add_data_func (path, &record_cases[i], test_record_case);
    }
  g_test_add_func ("/sti/mta-sts/record/malformed-rdata", test_record_malformed_rdata);
  g_test_add_func ("/sti/mta-sts/record/sanitized", test_record_sanitized);
  for (guint i = 0; i < G_N_ELEMENTS (policy_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/mta-sts/policy/%s", policy_cases[i].name);
      g_test_add_data_func (path, &policy_cases[i], test_policy_case);
    }
  g_test_add_func ("/sti/mta-sts/policy/nul-and-size", test_policy_nul_and_size);
  g_test_add_func ("/sti/mta-sts/policy/random", test_policy_random);
  g_test_add_func ("/sti/mta-sts/mx-matches", test_mx_matches);
  g_test_add_func ("/sti/mta-sts/evaluate/enforce", test_evaluate_enforce);
  g_test_add_func ("/sti/mta-sts/evaluate/testing-and-none", test_evaluate_testing_and_none);
  g_test_add_func ("/sti/mta-sts/suggest", test_suggest);
  g_test_add_func ("/sti/mta-sts/boxed", test_boxed);

  g_test_add_func ("/sti/mta-sts/fetch/ok", test_fetch_ok);
  g_test_add_func ("/sti/mta-sts/fetch/charset", test_fetch_charset);
  g_test_add_func ("/sti/mta-sts/fetch/small-gzip", test_fetch_small_gzip);
  g_test_add_func ("/sti/mta-sts/fetch/redirect", test_fetch_redirect);
  g_test_add_func ("/sti/mta-sts/fetch/not-found", test_fetch_not_found);
  g_test_add_func ("/sti/mta-sts/fetch/wrong-type", test_fetch_wrong_type);
  g_test_add_func ("/sti/mta-sts/fetch/invalid-policy", test_fetch_invalid_policy);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-length",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_LENGTH), test_fetch_oversized);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-stream",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_STREAM), test_fetch_oversized);
  g_test_add_data_func ("/sti/mta-sts/fetch/oversized-gzip",
                        GUINT_TO_POINTER (SERVE_OVERSIZED_GZIP), test_fetch_oversized);
  g_test_add_func ("/sti/mta-sts/fetch/slow", test_fetch_slow);
  g_test_add_data_func ("/sti/mta-sts/fetch/bad-certificate/wrong-name",
                        GINT_TO_POINTER (TRUE), test_fetch_bad_certificate);
  g_test_add_data_func ("/sti/mta-sts/fetch/bad-certificate/unknown-ca",
                        GINT_TO_POINTER (FALSE), test_fetch_bad_certificate);
  g_test_add_func ("/sti/mta-sts/fetch/no-extra-trust", test_fetch_no_extra_trust);
  g_test_add_func ("/sti/mta-sts/fetch/resolver", test_fetch_resolver);
  g_test_add_func ("/sti/mta-sts/fetch/pinned-elsewhere", test_fetch_pinned_elsewhere);
  g_test_add_func ("/sti/mta-sts/fetch/unreachable", test_fetch_unreachable);
  g_test_add_func ("/sti/mta-sts/fetch/cancel", test_fetch_cancel);
  g_test_add_func ("/sti/mta-sts/fetch/bad-domain", test_fetch_bad_domain);

  resolver = g_object_new (TEST_TYPE_RESOLVER, NULL);
  g_resolver_set_default (resolver);

  fetch_pki.ca = certgen_make_ca ("MTA-STS Test CA", NULL);
  fetch_pki.other_ca = certgen_make_ca ("Unknown CA", NULL);
  ca_pem = certgen_pem (fetch_pki.ca);
  fd = g_file_open_tmp ("sti-mta-sts-ca-XXXXXX.pem", &fetch_pki.ca_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (fetch_pki.ca_path, ca_pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_path_is_absolute (fetch_pki.ca_path));
  fetch_pki.database = g_tls_file_database_new (fetch_pki.ca_path, &error);
  g_assert_no_error (error);

  ret = g_test_run ();

  g_unlink (fetch_pki.ca_path);
  g_clear_pointer (&fetch_pki.ca_path, g_free);
  g_clear_object (&fetch_pki.database);
  g_clear_pointer (&fetch_pki.other_ca, certgen_free);
  g_clear_pointer (&fetch_pki.ca, certgen_free);

  return ret;
}
