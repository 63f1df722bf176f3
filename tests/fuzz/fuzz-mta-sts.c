/* fuzz-mta-sts.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "mta-sts": the MTA-STS policy file and the _mta-sts TXT
 * record (app/core/policy/sti-mta-sts-policy.c, sti-mta-sts.c), and the
 * evaluation of the policy against MX hosts (sti-mta-sts-evaluate.c).
 *
 * Input: the whole input is parsed as a policy body (what the HTTPS
 * server sent), and again as the TXT records of _mta-sts.<domain>
 * (fuzz_split_txt_rdata(): one record per line, or raw rdata after a NUL
 * byte). Promises asserted: a body over STI_MTA_STS_POLICY_MAX_SIZE, with
 * a NUL or invalid UTF-8 is refused; a parsed policy keeps mode and
 * max_age in range and its mx patterns lower case and clean; a record's
 * id is 1..32 letters and digits; every finding's text is clean; and the
 * evaluation's host lists are clean.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh mta-sts SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include <string.h>

#include "sti-finding.h"
#include "sti-mta-sts.h"

/* A limit the fuzzer's short inputs never reach: checked once. */
static void
check_size_limit (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GString) body = g_string_new ("version: STSv1\nmode: enforce\nmax_age: 86400\n");
      g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(StiMtaStsPolicy) policy = NULL;

      while (body->len <= STI_MTA_STS_POLICY_MAX_SIZE)
        g_string_append (body, "mx: mx.example.org\n");
      bytes = g_bytes_new (body->str, body->len);
      policy = sti_mta_sts_policy_parse (bytes, findings);
      g_assert_null (policy);
      g_assert_true (sti_findings_contain (findings, "mta-sts-policy-invalid"));
      g_once_init_leave (&done, 1);
    }
}

static void
check_hosts (char **hosts)
{
  for (guint i = 0; hosts[i] != NULL; i++)
    fuzz_assert_clean (hosts[i], "MX host");
  g_strfreev (hosts);
}

/* The policy against MX hosts made from its own patterns, and against
 * the fuzz input's first line as a host. */
static void
check_evaluate (StiMtaStsPolicy *policy,
                const char      *line)
{
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree StiMtaStsEndpointFacts *facts = NULL;

  for (guint i = 0; policy->mx[i] != NULL && i < 8; i++)
    {
      const char *mx = policy->mx[i];

      g_ptr_array_add (hosts, g_str_has_prefix (mx, "*.") ? g_strconcat ("a", mx + 1, NULL)
                                                          : g_strdup (mx));
    }
  g_ptr_array_add (hosts, g_strdup (line));
  g_ptr_array_add (hosts, NULL);

  facts = g_new0 (StiMtaStsEndpointFacts, hosts->len - 1);
  for (guint i = 0; i + 1 < hosts->len; i++)
    {
      facts[i].host = hosts->pdata[i];
      facts[i].reached = i % 2 == 0;
      facts[i].starttls_ok = i % 3 != 0;
      facts[i].cert_valid = i % 4 != 1;
    }

  findings = sti_mta_sts_evaluate (policy, (const char * const *)hosts->pdata, facts,
                                   hosts->len - 1);
  fuzz_assert_findings_clean (findings);
  check_hosts (sti_mta_sts_unmatched_hosts (policy, (const char * const *)hosts->pdata));
  for (guint i = 0; policy->mx[i] != NULL && i < 8; i++)
    check_hosts (sti_mta_sts_matched_hosts (policy->mx[i],
                                            (const char * const *)hosts->pdata));
}

static void
check_policy (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsPolicy) policy = sti_mta_sts_policy_parse (body, findings);
  g_autofree char *first_line = NULL;
  const char *nl;

  fuzz_assert_findings_clean (findings);
  if (policy == NULL)
    {
      g_assert_true (sti_findings_contain (findings, "mta-sts-policy-invalid"));
      return;
    }

  g_assert_cmpuint (size, <=, STI_MTA_STS_POLICY_MAX_SIZE);
  g_assert_null (memchr (data, '\0', size));
  g_assert_true (g_utf8_validate ((const char *)data, size, NULL));
  g_assert_cmpint (policy->mode, >=, STI_MTA_STS_MODE_NONE);
  g_assert_cmpint (policy->mode, <=, STI_MTA_STS_MODE_ENFORCE);
  g_assert_cmpint (policy->max_age, >=, 0);
  g_assert_cmpint (policy->max_age, <=, STI_MTA_STS_MAX_AGE_LIMIT);
  g_assert_true (policy->body == body || g_bytes_equal (policy->body, body));
  for (guint i = 0; policy->mx[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (policy->mx[i], -1);

      fuzz_assert_clean (policy->mx[i], "mx pattern");
      g_assert_cmpstr (policy->mx[i], ==, lower);
    }

  nl = memchr (data, '\n', size);
  first_line = g_strndup ((const char *)data, nl != NULL ? (gsize)(nl - (const char *)data) : size);
  check_evaluate (policy, first_line);
}

static void
check_record (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GPtrArray) rdata = fuzz_split_txt_rdata (data, size);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(StiMtaStsRecord) record = sti_mta_sts_record_parse (rdata, "example.org", findings);
  gsize id_len;

  fuzz_assert_findings_clean (findings);
  if (record == NULL)
    return;

  fuzz_assert_clean (record->text, "record text");
  id_len = strlen (record->id);
  g_assert_cmpuint (id_len, >=, 1);
  g_assert_cmpuint (id_len, <=, 32);
  for (gsize i = 0; i < id_len; i++)
    g_assert_true (g_ascii_isalnum (record->id[i]));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  check_size_limit ();

  check_policy (data, size);
  check_record (data, size);

  return 0;
}
