/* test-mta-sts-parse.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "findings-assert.h"
#include "sti-finding.h"
#include "sti-mta-sts.h"
#include "txt-rdata.h"

/* The MTA-STS parsers: the TXT record (RFC 8461 3.1) and the policy file
 * (3.2), valid, non-standard and broken, and hostile input. */

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
  /* One TXT string: its length byte, then 21 bytes (the literal's own
   * NUL is no part of it). */
  static const guint8 raw[] = "\x15v=STSv1; id=a\x1b[2J\xff\xfe\x00z";
  const char *text;

  g_assert_cmpuint (sizeof raw - 1, ==, 1 + 0x15);
  g_ptr_array_add (rdata, g_bytes_new_static (raw, sizeof raw - 1));
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

int
main (int   argc,
      char *argv[])
{
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

  return g_test_run ();
}
