/* test-tls-rpt.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "findings-assert.h"
#include "sti-finding.h"
#include "sti-tls-rpt.h"
#include "txt-rdata.h"

typedef struct
{
  const char *name;
  const char *records[3];  /* each a "|"-split TXT record */
  guint       n_rua;       /* usable URIs; 0: no record expected */
  const char *expect_ids;
  const char *reason;      /* of tls-rpt-invalid / tls-rpt-bad-uri */
} RptCase;

static const RptCase cases[] = {
  { "mailto", { "v=TLSRPTv1; rua=mailto:tls@example.org" }, 1, "", NULL },
  { "https", { "v=TLSRPTv1;rua=https://reports.example.org/tlsrpt" }, 1, "", NULL },
  { "two-uris", { "v=TLSRPTv1; rua=mailto:a@example.org, https://r.example.org/x;" }, 2, "",
    NULL },
  { "split-strings", { "v=TLSRPTv1; rua=mai|lto:tls@exam|ple.org" }, 1, "", NULL },
  { "trailing-semicolon-ws", { "v=TLSRPTv1 ; rua=mailto:tls@example.org ; " }, 1, "", NULL },
  { "extension-ignored", { "v=TLSRPTv1; ext_1=foo; rua=mailto:tls@example.org" }, 1, "", NULL },
  { "others-discarded", { "v=spf1 -all", "v=TLSRPTv1; rua=mailto:tls@example.org" }, 1, "",
    NULL },
  { "missing", { "v=spf1 -all" }, 0, "tls-rpt-record-missing", NULL },
  { "lowercase-version", { "v=tlsrptv1; rua=mailto:tls@example.org" }, 0,
    "tls-rpt-record-missing", NULL },
  { "multiple", { "v=TLSRPTv1; rua=mailto:a@example.org", "v=TLSRPTv1; rua=mailto:b@example.org" },
    0, "tls-rpt-multiple-records", NULL },
  { "no-rua", { "v=TLSRPTv1;" }, 0, "tls-rpt-invalid", "missing-rua" },
  { "no-delimiter", { "v=TLSRPTv1 rua=mailto:tls@example.org" }, 0, "tls-rpt-invalid",
    "missing-semicolon" },
  { "empty-field", { "v=TLSRPTv1;; rua=mailto:tls@example.org" }, 0, "tls-rpt-invalid",
    "empty-field" },
  { "duplicate-rua", { "v=TLSRPTv1; rua=mailto:a@example.org; rua=mailto:b@example.org" }, 0,
    "tls-rpt-invalid", "duplicate-rua" },
  { "empty-uri", { "v=TLSRPTv1; rua=mailto:a@example.org,,mailto:b@example.org" }, 0,
    "tls-rpt-invalid", "empty-uri" },
  { "http-only", { "v=TLSRPTv1; rua=http://r.example.org/" }, 0, "tls-rpt-invalid,tls-rpt-bad-uri",
    "no-usable-rua" },
  { "one-bad-one-good", { "v=TLSRPTv1; rua=ftp://r.example.org/,mailto:tls@example.org" }, 1,
    "tls-rpt-bad-uri", "unsupported-scheme" },
  { "mailbox-without-at", { "v=TLSRPTv1; rua=mailto:tls.example.org" }, 0,
    "tls-rpt-invalid,tls-rpt-bad-uri", "no-usable-rua" },
  { "not-a-uri", { "v=TLSRPTv1; rua=tls@example.org" }, 0, "tls-rpt-invalid,tls-rpt-bad-uri",
    "no-usable-rua" },
  { "control-char", { "v=TLSRPTv1; rua=mailto:tls@example.org\x01" }, 0, "tls-rpt-invalid",
    "not-printable-ascii" },
  { "bad-extension", { "v=TLSRPTv1; rua=mailto:tls@example.org; _x=1" }, 0, "tls-rpt-invalid",
    "bad-extension-name" },
};

static void
test_rpt_case (gconstpointer data)
{
  const RptCase *c = data;
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiTlsRptRecord) record = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (c->records) && c->records[i] != NULL; i++)
    g_ptr_array_add (rdata, txt_rdata (c->records[i]));

  record = sti_tls_rpt_record_parse (rdata, "example.org", findings);
  assert_ids (findings, c->expect_ids);

  if (c->n_rua == 0)
    g_assert_null (record);
  else
    {
      g_assert_nonnull (record);
      g_assert_cmpuint (g_strv_length (record->rua), ==, c->n_rua);
      g_assert_true (g_str_has_prefix (record->text, "v=TLSRPTv1"));
    }

  if (c->reason != NULL)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < findings->len; i++)
        {
          const char *reason = sti_finding_get_param_string (g_ptr_array_index (findings, i),
                                                             "reason");
          seen |= g_strcmp0 (reason, c->reason) == 0;
        }
      g_assert_true (seen);
    }
}

static void
test_rpt_values (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiTlsRptRecord) record = NULL;
  g_autofree char *suggestion = NULL;
  StiTlsRptRecord *copy;

  g_ptr_array_add (rdata,
                   txt_rdata ("v=TLSRPTv1; rua=mailto:a@example.org,https://r.example.org/x"));
  record = sti_tls_rpt_record_parse (rdata, NULL, findings);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->rua[0], ==, "mailto:a@example.org");
  g_assert_cmpstr (record->rua[1], ==, "https://r.example.org/x");
  g_assert_null (record->rua[2]);

  copy = g_boxed_copy (STI_TYPE_TLS_RPT_RECORD, record);
  g_assert_true (copy == record);
  g_boxed_free (STI_TYPE_TLS_RPT_RECORD, copy);

  suggestion = sti_tls_rpt_suggest_record ("Example.ORG.", NULL);
  g_assert_cmpstr (suggestion, ==,
                   "_smtp._tls.example.org. IN TXT "
                   "\"v=TLSRPTv1; rua=mailto:tls-reports@example.org\"");

  /* the missing finding carries the fix */
  g_ptr_array_set_size (rdata, 0);
  g_clear_pointer (&record, sti_tls_rpt_record_unref);
  record = sti_tls_rpt_record_parse (rdata, "example.org", findings);
  g_assert_null (record);
  g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (findings, 0), "fix_record"),
                   ==, suggestion);
  g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (findings, 0)), ==,
                   STI_SEVERITY_INFO);
}

/* Hostile bytes come back escaped, never raw. */
static void
test_rpt_sanitized (void)
{
  g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiTlsRptRecord) record = NULL;
  static const guint8 raw[] = "\x2av=TLSRPTv1; rua=mailto:a@example.org\xff\x1b[31m";
  const char *text;

  g_ptr_array_add (rdata, g_bytes_new_static (raw, sizeof raw - 1));
  record = sti_tls_rpt_record_parse (rdata, NULL, findings);
  g_assert_null (record);
  assert_ids (findings, "tls-rpt-invalid");
  text = sti_finding_get_param_string (g_ptr_array_index (findings, 0), "record");
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\x1b'));
}

static void
test_rpt_random (void)
{
  static const char good[] = "v=TLSRPTv1; rua=mailto:tls@example.org,https://r.example.org/x";
  static const char alphabet[] = "v=TLSRPTv1; rua=mailto:https://,@.\t\x00\xff\x7f";

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) rdata = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
      g_autoptr(StiTlsRptRecord) record = NULL;
      guint8 buf[200];
      gsize len = sizeof good - 1;

      buf[0] = len;
      memcpy (buf + 1, good, len);
      for (guint k = g_test_rand_int_range (1, 5); k > 0; k--)
        {
          gsize at = g_test_rand_int_range (0, len + 1);

          buf[at] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }

      g_ptr_array_add (rdata, g_bytes_new (buf, len + 1));
      record = sti_tls_rpt_record_parse (rdata, "example.org", findings);
      if (record != NULL)
        g_assert_cmpuint (g_strv_length (record->rua), >=, 1);

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

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sti/tls-rpt/parse/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_rpt_case);
    }
  g_test_add_func ("/sti/tls-rpt/values", test_rpt_values);
  g_test_add_func ("/sti/tls-rpt/sanitized", test_rpt_sanitized);
  g_test_add_func ("/sti/tls-rpt/random", test_rpt_random);

  return g_test_run ();
}
