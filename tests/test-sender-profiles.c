/* test-sender-profiles.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sti-finding.h"
#include "sti-finding-registry.h"
#include "sti-sender-profiles.h"
#include "sti-tls-analysis.h"

/* The sender profiles: the table in the code and docs/sender-profiles.md
 * list the same ids, and the TLS rule they encode is the one measured
 * (the doc's "The TLS version rule"). */

static char *
read_doc (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "sender-profiles.md",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* The doc's "### `id`" headings, in order. */
static GPtrArray *
doc_ids (const char *doc)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *start;
      const char *end;

      if (!g_str_has_prefix (lines[i], "### `"))
        continue;
      start = lines[i] + strlen ("### `");
      end = strchr (start, '`');
      g_assert_nonnull (end);
      g_ptr_array_add (ids, g_strndup (start, end - start));
    }

  return ids;
}

static void
test_doc_agrees (void)
{
  g_autofree char *doc = read_doc ();
  g_autoptr(GPtrArray) documented = doc_ids (doc);
  guint n = 0;
  const StiSenderProfile *profiles = sti_sender_profiles_get_all (&n);

  g_assert_cmpuint (n, >=, 11);
  g_assert_cmpuint (documented->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("%s", profiles[i].id);
      /* Same order, same ids: the doc is the table's long form. */
      g_assert_cmpstr (g_ptr_array_index (documented, i), ==, profiles[i].id);
      g_assert_true (sti_sender_profile_lookup (profiles[i].id) == &profiles[i]);
      g_assert_cmpuint (strlen (sti_sender_profile_get_name (&profiles[i])), >, 3);
      if (profiles[i].stack != NULL)
        {
          const StiSenderProfile *stack = sti_sender_profile_lookup (profiles[i].stack);

          g_assert_nonnull (stack);
          g_assert_null (stack->stack);
        }
    }

  /* The profile the verdict assumes is documented as such. */
  g_assert_nonnull (sti_sender_profile_lookup (STI_SENDER_PROFILE_VERDICT));
  g_assert_nonnull (strstr (doc, "| opportunistic | "));
  g_assert_nonnull (strstr (doc, "| `" STI_SENDER_PROFILE_VERDICT "` |"));
  g_assert_null (sti_sender_profile_lookup ("no-such-profile"));
  g_assert_null (sti_sender_profile_lookup (NULL));
}

/* What was measured on Debian 12 (docs/sender-profiles.md, Measurements). */
static void
test_tls_rule (void)
{
  const struct
  {
    const char *profile;
    const char *version;
    gboolean    signed_kx;
    gboolean    accepts;
  } cases[] = {
    { "openssl3-level1", "TLS1.3", TRUE, TRUE },
    { "openssl3-level1", "TLS1.2", TRUE, TRUE },
    { "openssl3-level1", "TLS1.1", TRUE, FALSE },  /* legacy sigalg disallowed */
    { "openssl3-level1", "TLS1.0", TRUE, FALSE },
    { "openssl3-level1", "TLS1.1", FALSE, TRUE },  /* RSA key exchange: no signature */
    { "openssl3-level1", "SSL3.0", FALSE, FALSE },
    { "openssl3-level2", "TLS1.1", TRUE, FALSE },
    { "gnutls-default", "TLS1.1", TRUE, TRUE },
    { "gnutls-default", "SSL3.0", TRUE, FALSE },
    { "exchange-online", "TLS1.1", FALSE, FALSE },
    { "exchange-online", "TLS1.2", TRUE, TRUE },
    /* MTAs take it from their stack */
    { "postfix", "TLS1.1", TRUE, FALSE },
    { "exim-gnutls", "TLS1.1", TRUE, TRUE },
    /* Unknown: nothing says it refuses */
    { "gmail", "TLS1.0", TRUE, TRUE },
    { "openssl3-level1", NULL, TRUE, TRUE },
    { "openssl3-level1", "TLS9.9", TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const StiSenderProfile *profile = sti_sender_profile_lookup (cases[i].profile);

      g_test_message ("case %u: %s %s", i, cases[i].profile, cases[i].version);
      g_assert_nonnull (profile);
      g_assert_cmpint (sti_sender_profile_accepts_tls (profile, cases[i].version,
                                                       cases[i].signed_kx), ==, cases[i].accepts);
    }
}

static void
test_accepting_lists (void)
{
  g_autofree char *accept = sti_sender_profiles_dup_accepting ("TLS1.1", TRUE, TRUE);
  g_autofree char *refuse = sti_sender_profiles_dup_accepting ("TLS1.1", TRUE, FALSE);
  g_autofree char *modern = sti_sender_profiles_dup_accepting ("TLS1.3", TRUE, FALSE);

  g_assert_cmpstr (accept, ==, "Exim with GnuTLS defaults");
  g_assert_nonnull (strstr (refuse, "Postfix/Exim with OpenSSL 3, security level 1"));
  g_assert_nonnull (strstr (refuse, "security level 2"));
  g_assert_nonnull (strstr (refuse, "Exchange Online"));
  /* Only stacks and services with a known floor take part */
  g_assert_null (strstr (refuse, "Gmail"));
  g_assert_null (modern);
}

/* tls-version-obsolete is an error when the old version was negotiated
 * (nothing newer offered), a warning when the old-TLS probe finds it only
 * still accepted beside a newer one. */
static void
test_severity (void)
{
  g_autoptr(GPtrArray) negotiated =
    sti_tls_analyze ("TLS1.1", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "SECP256R1");
  g_autoptr(StiFinding) accepted = sti_tls_old_version_accepted_finding ("TLS1.0");
  const StiFindingEntry *entry = sti_finding_lookup ("tls-version-obsolete");

  g_assert_cmpuint (negotiated->len, ==, 1);
  g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (negotiated, 0)), ==,
                   STI_SEVERITY_ERROR);
  g_assert_cmpint (sti_finding_get_severity (accepted), ==, STI_SEVERITY_WARNING);

  /* The words say why, for both cases. */
  g_assert_nonnull (strstr (sti_finding_entry_get_why (entry), "legacy sigalg disallowed"));
  g_assert_nonnull (strstr (sti_finding_entry_get_why (entry), "plain text"));
  g_assert_nonnull (strstr (sti_finding_entry_get_why (entry), "beside TLS 1.2"));
  g_assert_nonnull (strstr (sti_finding_entry_get_severity_reason (entry), "An error when"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/sender-profiles/doc-agrees", test_doc_agrees);
  g_test_add_func ("/sti/sender-profiles/tls-rule", test_tls_rule);
  g_test_add_func ("/sti/sender-profiles/accepting-lists", test_accepting_lists);
  g_test_add_func ("/sti/sender-profiles/severity", test_severity);

  return g_test_run ();
}
