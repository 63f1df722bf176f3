/* test-core-types.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding.h"
#include "sti-text.h"
#include "sti-types.h"

static void
test_text_sanitize (void)
{
  static const struct {
    const char *in;
    gssize      len;
    const char *out;
  } cases[] = {
    { "220 mx.example.org ESMTP", -1, "220 mx.example.org ESMTP" },
    { "caf\xc3\xa9", -1, "caf\xc3\xa9" },
    { "bad \xff\xfe byte", -1, "bad \\xFF\\xFE byte" },
    { "nul\0here", 8, "nul\\x00here" },
    { "esc\x1b[31mred", -1, "esc\\x1B[31mred" },
    { "back\\slash", -1, "back\\\\slash" },
    { "<b>markup</b> & more", -1, "<b>markup</b> & more" },
    { "rtl \xe2\x80\xae override", -1, "rtl \\u202E override" },
    { "truncated \xc3", -1, "truncated \\xC3" },
    { "", 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sti_text_sanitize ((const guint8 *)cases[i].in, cases[i].len);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
}

static void
test_enum_strings (void)
{
  StiSeverity severity;
  StiStage stage;
  StiDnssecStatus status;

  g_assert_cmpstr (sti_severity_to_string (STI_SEVERITY_ERROR), ==, "error");
  g_assert_true (sti_severity_from_string ("warning", &severity));
  g_assert_cmpint (severity, ==, STI_SEVERITY_WARNING);
  g_assert_false (sti_severity_from_string ("fatal", &severity));
  g_assert_false (sti_severity_from_string (NULL, &severity));

  for (StiStage s = STI_STAGE_PENDING; s <= STI_STAGE_DONE; s++)
    {
      g_assert_true (sti_stage_from_string (sti_stage_to_string (s), &stage));
      g_assert_cmpint (stage, ==, s);
    }

  g_assert_true (sti_dnssec_status_from_string ("not-validated", &status));
  g_assert_cmpint (status, ==, STI_DNSSEC_NOT_VALIDATED);
}

static void
test_finding_new_destroy (void)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  StiFinding *finding;
  gint64 days = 0;

  g_variant_dict_insert (dict, "days", "x", (gint64)-12);
  g_variant_dict_insert (dict, "subject", "s", "mx.example.org");
  finding = sti_finding_new_printf ("cert-expired",
                                    g_variant_dict_end (dict),
                                    "expired %d days ago", 12);

  g_assert_cmpstr (sti_finding_get_id (finding), ==, "cert-expired");
  g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
  g_assert_cmpstr (sti_finding_get_detail (finding), ==, "expired 12 days ago");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "subject"), ==, "mx.example.org");
  g_assert_true (sti_finding_get_param_int64 (finding, "days", &days));
  g_assert_cmpint (days, ==, -12);
  g_assert_null (sti_finding_get_param_string (finding, "missing"));

  g_assert_finalize_object (finding);
}

static void
test_finding_order (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (findings, sti_finding_new ("no-mx-implicit", NULL, NULL));
  g_ptr_array_add (findings, sti_finding_new ("cert-expired", NULL, NULL));
  g_ptr_array_add (findings,
                   sti_finding_new_with_severity ("a-info", STI_SEVERITY_INFO, NULL, NULL));
  sti_findings_sort (findings);

  g_assert_cmpstr (sti_finding_get_id (findings->pdata[0]), ==, "cert-expired");
  g_assert_cmpstr (sti_finding_get_id (findings->pdata[1]), ==, "no-mx-implicit");
  g_assert_cmpstr (sti_finding_get_id (findings->pdata[2]), ==, "a-info");
  g_assert_true (sti_findings_contain (findings, "cert-expired"));
  g_assert_false (sti_findings_contain (findings, "cert-revoked"));
}

/* The emitters' one way to add: into a list, or nowhere when the caller
 * asked for no findings (the floating parameters are still consumed). */
static void
test_findings_add (void)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);

  g_variant_dict_insert (dict, "host", "s", "mx.example.org");
  sti_findings_add (findings, "mta-sts-mx-not-covered", g_variant_dict_end (dict), "not listed");
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (sti_finding_get_id (findings->pdata[0]), ==, "mta-sts-mx-not-covered");
  g_assert_cmpstr (sti_finding_get_param_string (findings->pdata[0], "host"), ==,
                   "mx.example.org");
  g_assert_cmpstr (sti_finding_get_detail (findings->pdata[0]), ==, "not listed");

  sti_findings_add (NULL, "cert-expired",
                    g_variant_new_parsed ("{'days': <int64 3>}"), "dropped");
  sti_findings_add (NULL, "cert-expired", NULL, NULL);
  g_assert_cmpuint (findings->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/text/sanitize", test_text_sanitize);
  g_test_add_func ("/sti/types/enum-strings", test_enum_strings);
  g_test_add_func ("/sti/finding/new-destroy", test_finding_new_destroy);
  g_test_add_func ("/sti/finding/order", test_finding_order);
  g_test_add_func ("/sti/finding/add", test_findings_add);

  return g_test_run ();
}
