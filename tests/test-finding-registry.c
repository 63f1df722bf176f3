/* test-finding-registry.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-registry.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

/* The finding registry: the built-in data loads with every required
 * field, its severity rules give the severities the findings always had,
 * and a malformed registry is refused with an error that names the
 * problem. */

/* Every SMTP, TLS, certificate and policy finding has a written reason for
 * its severity. */
static const char * const reasoned_ids[] = {
  "host-unreachable", "smtp-timeout", "smtp-temporary-failure", "smtp-protocol-error",
  "starttls-not-offered", "starttls-refused", "plaintext-injection", "tls-handshake-failed",
  "mta-sts-record-missing", "mta-sts-mx-not-covered", "dane-no-match", "tls-rpt-bad-uri",
  "cert-expired", "cert-not-yet-valid", "cert-expiring-soon", "cert-self-signed",
  "cert-untrusted-issuer", "chain-missing-intermediate", "chain-wrong-order",
  "chain-includes-root", "chain-duplicate", "cert-name-mismatch", "cert-weak-key",
  "cert-weak-signature", "cert-not-for-server-auth", "cert-revoked",
  "ocsp-must-staple-missing", "tls-version-obsolete", "tls-cipher-weak",
  "tls-no-forward-secrecy",
};

static void
test_load (void)
{
  StiFindingRegistry *registry = sti_finding_registry_get_default ();
  const char * const *ids = sti_finding_registry_list_ids (registry);
  const StiFindingEntry *fallback = sti_finding_registry_get_fallback (registry);

  g_assert_true (registry == sti_finding_registry_get_default ());
  g_assert_cmpuint (g_strv_length ((char **)ids), >=, 70);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const StiFindingEntry *entry = sti_finding_lookup (ids[i]);

      g_assert_nonnull (entry);
      g_assert_cmpstr (sti_finding_entry_get_id (entry), ==, ids[i]);
      g_assert_nonnull (sti_finding_entry_get_title (entry));
      g_assert_nonnull (sti_finding_entry_get_verdict (entry));
      g_assert_nonnull (sti_finding_entry_get_what (entry));
      g_assert_nonnull (sti_finding_entry_get_why (entry));
      g_assert_nonnull (sti_finding_entry_get_references (entry));
      g_assert_nonnull (sti_finding_entry_get_fix (entry, 0, 0));
      /* Every mail server has words, its own or the general ones. */
      g_assert_null (sti_finding_entry_get_fix (entry, 0, 8));
      if (sti_finding_entry_get_clause (entry) != NULL)
        {
          g_assert_nonnull (sti_finding_entry_get_action (entry));
          g_assert_cmpuint (sti_finding_entry_get_rank (entry), <, G_MAXUINT);
        }
      else
        g_assert_cmpuint (sti_finding_entry_get_rank (entry), ==, G_MAXUINT);
      if (sti_finding_entry_get_refuses_validating (entry))
        g_assert_nonnull (sti_finding_entry_get_clause (entry));
    }

  g_assert_null (sti_finding_lookup ("no-such-finding"));
  g_assert_null (sti_finding_lookup (NULL));
  g_assert_null (sti_finding_entry_get_id (fallback));
  g_assert_nonnull (strstr (sti_finding_entry_get_title (fallback), "{id}"));

  /* Shared paragraphs are found by reference, with their line breaks. */
  g_assert_nonnull (strstr (sti_finding_entry_get_fix (sti_finding_lookup ("dns-nxdomain"), 1, 0),
                            "\n    posttls-finger -c '{domain}'"));
  /* Escaped characters come back as they were written. */
  g_assert_nonnull (strstr (sti_finding_entry_get_fix (sti_finding_lookup ("dns-servfail"), 0, 0),
                            "dig @<name-server>"));

  g_assert_cmpstr (sti_finding_registry_get_placeholder (registry, "host", FALSE), ==,
                   "your mail server");
  g_assert_cmpstr (sti_finding_registry_get_placeholder (registry, "host", TRUE), ==,
                   "<mx-host-name>");
  g_assert_null (sti_finding_registry_get_placeholder (registry, "no-such-key", FALSE));
  g_assert_cmpuint (g_strv_length ((char **)sti_finding_registry_get_examples (registry)) % 2,
                    ==, 0);

  g_assert_cmpstr (sti_finding_entry_get_certificate_field (sti_finding_lookup ("cert-expired")),
                   ==, "validity.not-after");
  g_assert_cmpstr (sti_finding_entry_get_certificate_field (sti_finding_lookup ("chain-duplicate")),
                   ==, "chain");
  g_assert_null (sti_finding_entry_get_certificate_field (sti_finding_lookup ("dns-nxdomain")));
  g_assert_true (sti_finding_entry_get_host_is_domain (sti_finding_lookup ("null-mx")));
  g_assert_false (sti_finding_entry_get_host_is_domain (sti_finding_lookup ("cert-expired")));
  g_assert_true (sti_finding_entry_get_refuses_validating (sti_finding_lookup ("cert-expired")));
  g_assert_false (sti_finding_entry_get_refuses_validating (
                    sti_finding_lookup ("cert-expiring-soon")));
}

static GVariant *
params_new (const char *key,
            GVariant   *value)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, key, value);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static GVariant *
days_params (gint64 days_left,
             gint64 error_days)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&dict, "days_left", "x", days_left);
  g_variant_dict_insert (&dict, "warning_days", "x", (gint64)30);
  g_variant_dict_insert (&dict, "error_days", "x", error_days);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
assert_severity (const char  *id,
                 GVariant    *params,
                 StiSeverity  expected)
{
  g_assert_cmpint (sti_finding_severity_for (id, params), ==, expected);
  g_clear_pointer (&params, g_variant_unref);
}

/* Today's severities for today's cases (they were tables in C). */
static void
test_severity_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reasoned_ids); i++)
    {
      const StiFindingEntry *entry = sti_finding_lookup (reasoned_ids[i]);
      const char *reason = sti_finding_entry_get_severity_reason (entry);

      g_assert_nonnull (reason);
      g_assert_cmpuint (strlen (reason), >, 20);
    }
  g_assert_null (sti_finding_entry_get_severity_reason (sti_finding_lookup ("dns-nxdomain")));

  assert_severity ("cert-expired", NULL, STI_SEVERITY_ERROR);
  assert_severity ("chain-includes-root", NULL, STI_SEVERITY_INFO);
  assert_severity ("chain-wrong-order", NULL, STI_SEVERITY_WARNING);
  assert_severity ("dns-nxdomain", NULL, STI_SEVERITY_ERROR);
  assert_severity ("host-unreachable", NULL, STI_SEVERITY_WARNING);
  assert_severity ("starttls-not-offered", NULL, STI_SEVERITY_ERROR);
  assert_severity ("mta-sts-record-missing", NULL, STI_SEVERITY_INFO);
  assert_severity ("dane-tlsa-insecure", NULL, STI_SEVERITY_WARNING);
  assert_severity ("tls-rpt-bad-uri", NULL, STI_SEVERITY_WARNING);

  /* cert-expiring-soon: an error under the error threshold. */
  assert_severity ("cert-expiring-soon", NULL, STI_SEVERITY_WARNING);
  assert_severity ("cert-expiring-soon", days_params (29, 7), STI_SEVERITY_WARNING);
  assert_severity ("cert-expiring-soon", days_params (7, 7), STI_SEVERITY_WARNING);
  assert_severity ("cert-expiring-soon", days_params (6, 7), STI_SEVERITY_ERROR);
  assert_severity ("cert-expiring-soon", days_params (6, 3), STI_SEVERITY_WARNING);
  assert_severity ("cert-expiring-soon", days_params (-1, 0), STI_SEVERITY_ERROR);

  /* tls-cipher-weak: an error when nothing is left of the protection. */
  assert_severity ("tls-cipher-weak", params_new ("reason", g_variant_new_string ("rc4")),
                   STI_SEVERITY_WARNING);
  assert_severity ("tls-cipher-weak",
                   params_new ("reason", g_variant_new_string ("3des-64bit-block")),
                   STI_SEVERITY_WARNING);
  assert_severity ("tls-cipher-weak", params_new ("reason", g_variant_new_string ("null-cipher")),
                   STI_SEVERITY_ERROR);
  assert_severity ("tls-cipher-weak", params_new ("reason", g_variant_new_string ("anonymous")),
                   STI_SEVERITY_ERROR);
  assert_severity ("tls-cipher-weak", params_new ("reason", g_variant_new_string ("export-grade")),
                   STI_SEVERITY_ERROR);
  assert_severity ("tls-cipher-weak", params_new ("reason", g_variant_new_string ("des-56bit")),
                   STI_SEVERITY_ERROR);

  /* The MTA-STS coherence findings follow the policy's mode. */
  assert_severity ("mta-sts-mx-not-covered", params_new ("mode", g_variant_new_string ("enforce")),
                   STI_SEVERITY_ERROR);
  assert_severity ("mta-sts-mx-not-covered", params_new ("mode", g_variant_new_string ("testing")),
                   STI_SEVERITY_WARNING);
  assert_severity ("mta-sts-mx-would-fail", params_new ("mode", g_variant_new_string ("testing")),
                   STI_SEVERITY_WARNING);
  assert_severity ("mta-sts-mx-refused", params_new ("mode", g_variant_new_string ("enforce")),
                   STI_SEVERITY_ERROR);
  assert_severity ("mta-sts-mx-pattern-unused",
                   params_new ("mode", g_variant_new_string ("testing")), STI_SEVERITY_INFO);

  /* A null MX alone is a statement; beside other MX records, an error. */
  assert_severity ("null-mx", params_new ("host", g_variant_new_string ("example.org")),
                   STI_SEVERITY_INFO);
  assert_severity ("null-mx", params_new ("mixed", g_variant_new_boolean (TRUE)),
                   STI_SEVERITY_ERROR);
  assert_severity ("null-mx", params_new ("mixed", g_variant_new_boolean (FALSE)),
                   STI_SEVERITY_INFO);
}

#define ENTRY_WORDS \
  "<title>T</title><verdict>V</verdict><what>W</what><why>Y</why>" \
  "<fix><p>F</p></fix><references>R</references>"
#define FALLBACK "<fallback severity=\"warning\">" ENTRY_WORDS "</fallback>"

static void
test_malformed (void)
{
  static const struct { const char *xml; const char *problem; } cases[] = {
    { "<findings>" FALLBACK "</findings>", NULL },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "</finding></findings>", NULL },
    { "<registry/>", "root element" },
    { "<findings>" FALLBACK "<bogus/></findings>", "unknown element <bogus>" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\" colour=\"red\">" ENTRY_WORDS
      "</finding></findings>", "colour" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS "</finding>"
      "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS "</finding></findings>",
      "duplicate or empty finding id “a”" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"fatal\">" ENTRY_WORDS
      "</finding></findings>", "invalid severity “fatal”" },
    { "<findings>" FALLBACK "<finding severity=\"info\">" ENTRY_WORDS "</finding></findings>",
      "id" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\"><title>T</title></finding>"
      "</findings>", "a lacks one of" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<title>U</title></finding></findings>", "a second <title>" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<fix mta=\"qmail\"><p>Q</p></fix></finding></findings>", "unknown mta “qmail”" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<fix mta=\"exim\"><p ref=\"nowhere\"/></fix></finding></findings>",
      "unknown paragraph “nowhere”" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<fix mta=\"exim\"><p ref=\"x\">text</p></fix></finding></findings>",
      "either a text or a ref" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<severity-rule severity=\"error\" param=\"mode\"/></finding></findings>",
      "exactly one of equals, below, below-param" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<severity-rule severity=\"error\" param=\"days\" below=\"soon\"/></finding></findings>",
      "not a number" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<clause rank=\"1\">c</clause></finding></findings>", "no first action" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<what2>x</what2></finding></findings>", "unknown element <what2>" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">" ENTRY_WORDS
      "<action><b>x</b></action></finding></findings>", "inside a text" },
    { "<findings>" FALLBACK "stray</findings>", "text outside" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\"><title></title>"
      "</finding></findings>", "empty <title>" },
    { "<findings><finding id=\"a\" severity=\"info\">" ENTRY_WORDS "</finding></findings>",
      "no <fallback>" },
    { "<findings>" FALLBACK FALLBACK "</findings>", "a second <fallback>" },
    { "<findings>" FALLBACK "<paragraph id=\"p\">x</paragraph><paragraph id=\"p\">y</paragraph>"
      "</findings>", "duplicate paragraph id “p”" },
    { "<findings>" FALLBACK "<finding id=\"a\" severity=\"info\">", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *names[] = { "test.findings.xml", NULL };
      const char *texts[] = { cases[i].xml, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(StiFindingRegistry) registry = NULL;

      registry = sti_finding_registry_new_from_texts (names, texts, &error);
      if (cases[i].problem == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (registry);
          continue;
        }

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (registry);
      g_assert_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].problem));
    }
}

/* Texts are translated at lookup. xgettext writes the msgids of XML text
 * escaped ("&lt;…&gt;"); the translation comes back unescaped. */
static void
test_translated (void)
{
  static const char po[] =
    "msgid \"\"\n"
    "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "msgid \"Name does not exist in DNS\"\n"
    "msgstr \"Nom inexistant\"\n"
    "msgid \"&lt;mx-host-name&gt;\"\n"
    "msgstr \"&lt;nom-du-mx&gt; &amp; co\"\n";
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *po_path = NULL;
  g_autofree char *mo_dir = NULL;
  g_autofree char *mo_path = NULL;
  const char *argv[] = { msgfmt, "-o", NULL, NULL, NULL };
  const StiFindingEntry *entry = sti_finding_lookup ("dns-nxdomain");
  StiFindingRegistry *registry = sti_finding_registry_get_default ();
  int status = -1;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt is not installed");
      return;
    }

  dir = g_dir_make_tmp ("sti-registry-XXXXXX", &error);
  g_assert_no_error (error);
  po_path = g_build_filename (dir, "xx.po", NULL);
  mo_dir = g_build_filename (dir, "xx", "LC_MESSAGES", NULL);
  mo_path = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
  g_file_set_contents (po_path, po, -1, &error);
  g_assert_no_error (error);
  argv[2] = mo_path;
  argv[3] = po_path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_setenv ("LANGUAGE", "xx", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Name does not exist in DNS"),
                 "Nom inexistant") != 0)
    g_test_skip ("this locale ignores LANGUAGE");
  else
    {
      g_assert_cmpstr (sti_finding_entry_get_title (entry), ==, "Nom inexistant");
      g_assert_cmpstr (sti_finding_registry_get_placeholder (registry, "host", TRUE), ==,
                       "<nom-du-mx> & co");
      /* Untranslated texts are the file's, unescaped. */
      g_assert_cmpstr (sti_finding_registry_get_placeholder (registry, "domain", TRUE), ==,
                       "<your-domain>");
    }

  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  g_remove (mo_path);
  g_remove (po_path);
  g_rmdir (mo_dir);
  *strrchr (mo_dir, G_DIR_SEPARATOR) = '\0';
  g_rmdir (mo_dir);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/finding-registry/load", test_load);
  g_test_add_func ("/sti/finding-registry/severity-rules", test_severity_rules);
  g_test_add_func ("/sti/finding-registry/malformed", test_malformed);
  g_test_add_func ("/sti/finding-registry/translated", test_translated);

  return g_test_run ();
}
