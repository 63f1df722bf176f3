/* test-tls-analysis.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sti-endpoint-probe.h"
#include "sti-finding.h"
#include "sti-lab.h"
#include "sti-tls-analysis.h"

/* The negotiated parameters as the probe records them (GnuTLS names), and
 * the findings each must give. */
typedef struct
{
  const char  *version;
  const char  *cipher;
  const char  *group;
  const char  *expected[3];
  StiSeverity  cipher_severity; /* of tls-cipher-weak, when expected */
} Case;

static const Case cases[] = {
  /* Modern: nothing. */
  { "TLS1.3", "TLS_AES_256_GCM_SHA384", "X25519", { NULL } },
  { "TLS1.3", "TLS_CHACHA20_POLY1305_SHA256", "SECP256R1", { NULL } },
  { "TLS1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "SECP256R1", { NULL } },
  { "TLS1.2", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "FFDHE2048", { NULL } },
  /* GnuTLS's own spelling (older code path). */
  { "TLS1.2", "ECDHE_RSA_AES_128_GCM_SHA256", "SECP256R1", { NULL } },
  /* CBC with SHA-1 MAC is legacy, not weak. */
  { "TLS1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "SECP256R1", { NULL } },
  /* Obsolete versions. */
  { "TLS1.0", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "SECP256R1", { "tls-version-obsolete" } },
  { "TLS1.1", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "X25519", { "tls-version-obsolete" } },
  { "SSL3.0", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "X25519", { "tls-version-obsolete" } },
  /* Static RSA key exchange. */
  { "TLS1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384", NULL, { "tls-no-forward-secrecy" } },
  { "TLS1.2", "RSA_AES_128_CBC_SHA1", NULL, { "tls-no-forward-secrecy" } },
  { "TLS1.2", "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", NULL, { "tls-no-forward-secrecy" } },
  /* Weak ciphers, and how bad. */
  { "TLS1.2", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "SECP256R1", { "tls-cipher-weak" },
    STI_SEVERITY_WARNING },
  { "TLS1.2", "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "SECP256R1", { "tls-cipher-weak" },
    STI_SEVERITY_WARNING },
  { "TLS1.2", "TLS_ECDHE_RSA_WITH_NULL_SHA", "SECP256R1", { "tls-cipher-weak" },
    STI_SEVERITY_ERROR },
  { "TLS1.2", "TLS_DH_anon_WITH_AES_128_CBC_SHA", NULL,
    { "tls-cipher-weak", "tls-no-forward-secrecy" }, STI_SEVERITY_ERROR },
  { "TLS1.0", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", NULL,
    { "tls-version-obsolete", "tls-cipher-weak", "tls-no-forward-secrecy" }, STI_SEVERITY_ERROR },
  { "TLS1.0", "TLS_RSA_WITH_DES_CBC_SHA", NULL,
    { "tls-version-obsolete", "tls-cipher-weak", "tls-no-forward-secrecy" }, STI_SEVERITY_ERROR },
  { "TLS1.0", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", NULL,
    { "tls-version-obsolete", "tls-cipher-weak", "tls-no-forward-secrecy" },
    STI_SEVERITY_WARNING },
  /* Unknown spelling: the group decides. */
  { "TLS1.2", "SOMETHING_NEW", "X25519", { NULL } },
  { "TLS1.2", "SOMETHING_NEW", NULL, { "tls-no-forward-secrecy" } },
  /* Nothing known: nothing said. */
  { NULL, NULL, NULL, { NULL } },
};

static void
test_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GPtrArray) findings = sti_tls_analyze (c->version, c->cipher, c->group);
      guint n_expected = 0;

      g_test_message ("case %u: %s %s %s", i, c->version, c->cipher, c->group);
      while (n_expected < G_N_ELEMENTS (c->expected) && c->expected[n_expected] != NULL)
        n_expected++;

      for (guint f = 0; f < findings->len; f++)
        g_test_message ("  got %s", sti_finding_get_id (g_ptr_array_index (findings, f)));
      g_assert_cmpuint (findings->len, ==, n_expected);

      for (guint e = 0; e < n_expected; e++)
        g_assert_true (sti_findings_contain (findings, c->expected[e]));

      for (guint f = 0; f < findings->len; f++)
        {
          StiFinding *finding = g_ptr_array_index (findings, f);
          const char *id = sti_finding_get_id (finding);

          if (g_str_equal (id, "tls-cipher-weak"))
            {
              g_assert_cmpint (sti_finding_get_severity (finding), ==, c->cipher_severity);
              g_assert_cmpstr (sti_finding_get_param_string (finding, "cipher"), ==, c->cipher);
              g_assert_nonnull (sti_finding_get_param_string (finding, "reason"));
            }
          else if (g_str_equal (id, "tls-version-obsolete"))
            {
              /* Negotiated: nothing newer offered, OpenSSL 3 senders refuse it */
              g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_ERROR);
              g_assert_cmpstr (sti_finding_get_param_string (finding, "version"), ==, c->version);
            }
          else if (g_str_equal (id, "tls-no-forward-secrecy"))
            {
              g_assert_cmpint (sti_finding_get_severity (finding), ==, STI_SEVERITY_WARNING);
              g_assert_cmpstr (sti_finding_get_param_string (finding, "cipher"), ==, c->cipher);
              g_assert_cmpstr (sti_finding_get_param_string (finding, "version"), ==, c->version);
              g_assert_nonnull (sti_finding_get_param_string (finding, "key_exchange"));
            }
        }

      /* Worst first. */
      for (guint f = 1; f < findings->len; f++)
        g_assert_cmpint (sti_finding_get_severity (g_ptr_array_index (findings, f - 1)), >=,
                         sti_finding_get_severity (g_ptr_array_index (findings, f)));
    }
}

static void
test_key_exchange_param (void)
{
  g_autoptr(GPtrArray) findings = sti_tls_analyze ("TLS1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                                                   NULL);

  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (findings, 0), "key_exchange"),
                   ==, "RSA");
}

static void
test_hostile_names (void)
{
  /* Names come from our own GnuTLS, but are still sanitised before they
   * reach params and details. */
  g_autoptr(GPtrArray) findings = sti_tls_analyze ("TLS1.0", "RSA_\xff<b>NULL</b>", NULL);

  g_assert_true (sti_findings_contain (findings, "tls-cipher-weak"));
  for (guint i = 0; i < findings->len; i++)
    g_assert_true (g_utf8_validate (sti_finding_get_detail (g_ptr_array_index (findings, i)), -1,
                                    NULL));
}

static void
test_old_version_accepted (void)
{
  g_autoptr(StiFinding) finding = sti_tls_old_version_accepted_finding ("TLS1.1");
  gboolean negotiated = TRUE;

  g_assert_nonnull (finding);
  g_assert_cmpstr (sti_finding_get_id (finding), ==, "tls-version-obsolete");
  g_assert_cmpstr (sti_finding_get_param_string (finding, "version"), ==, "TLS1.1");
  g_assert_true (g_variant_lookup (sti_finding_get_params (finding), "negotiated", "b",
                                   &negotiated));
  g_assert_false (negotiated);
  g_assert_null (sti_tls_old_version_accepted_finding ("TLS1.2"));
  g_assert_null (sti_tls_old_version_accepted_finding (NULL));
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static StiProbeResult *
probe_lab (StiLab     *lab,
           const char *host,
           const char *priority)
{
  g_autoptr(GPtrArray) addresses = sti_lab_dup_addresses (lab, host);
  g_autoptr(StiEndpointProbe) probe = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  StiProbeOptions options;
  StiProbeResult *probe_result;

  g_assert_cmpuint (addresses->len, >, 0);
  sti_probe_options_init (&options);
  options.tls_priority = priority;
  probe = sti_endpoint_probe_new (host, g_ptr_array_index (addresses, 0), &options);
  sti_endpoint_probe_run_async (probe, NULL, probe_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  probe_result = sti_endpoint_probe_run_finish (probe, result, &error);
  g_assert_no_error (error);

  return probe_result;
}

/* Against the lab: what the probe records feeds sti_tls_analyze()
 * unchanged, and the deeper probe finds old versions still accepted. */
static void
test_lab (void)
{
  g_autoptr(StiLab) lab = sti_lab_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sti_lab_start (lab, &error));
  g_assert_no_error (error);

  {
    g_autoptr(StiProbeResult) result = probe_lab (lab, "mx1.old-tls.lab.test", NULL);
    g_autoptr(GPtrArray) findings = NULL;

    g_assert_true (sti_probe_result_get_tls_established (result));
    findings = sti_tls_analyze (sti_probe_result_get_tls_version (result),
                                sti_probe_result_get_cipher_suite (result),
                                sti_probe_result_get_kx_group (result));
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpstr (sti_finding_get_id (g_ptr_array_index (findings, 0)), ==,
                     "tls-version-obsolete");
    g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (findings, 0), "version"),
                     ==, "TLS1.1");
  }

  {
    g_autoptr(StiProbeResult) result = probe_lab (lab, "mx1.no-forward-secrecy.lab.test", NULL);
    g_autoptr(GPtrArray) findings = NULL;

    findings = sti_tls_analyze (sti_probe_result_get_tls_version (result),
                                sti_probe_result_get_cipher_suite (result),
                                sti_probe_result_get_kx_group (result));
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpstr (sti_finding_get_id (g_ptr_array_index (findings, 0)), ==,
                     "tls-no-forward-secrecy");
    g_assert_cmpstr (sti_finding_get_param_string (g_ptr_array_index (findings, 0),
                                                   "key_exchange"), ==, "RSA");
  }

  {
    g_autoptr(StiProbeResult) normal = probe_lab (lab, "mx1.valid.lab.test", NULL);
    g_autoptr(StiProbeResult) deeper = probe_lab (lab, "mx1.valid.lab.test",
                                                  STI_TLS_PRIORITY_OLD_VERSIONS_ONLY);
    g_autoptr(GPtrArray) findings = sti_tls_analyze (sti_probe_result_get_tls_version (normal),
                                                     sti_probe_result_get_cipher_suite (normal),
                                                     sti_probe_result_get_kx_group (normal));
    g_autoptr(StiFinding) accepted = NULL;

    /* Modern with a normal client ... */
    g_assert_cmpstr (sti_probe_result_get_tls_version (normal), ==, "TLS1.3");
    g_assert_cmpuint (findings->len, ==, 0);
    /* ... yet the lab's default GnuTLS settings still accept TLS 1.1. */
    g_assert_true (sti_probe_result_get_tls_established (deeper));
    accepted = sti_tls_old_version_accepted_finding (sti_probe_result_get_tls_version (deeper));
    g_assert_nonnull (accepted);
    g_assert_cmpstr (sti_finding_get_param_string (accepted, "version"), ==, "TLS1.1");
  }

  sti_lab_stop (lab);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/tls-analysis/table", test_table);
  g_test_add_func ("/sti/tls-analysis/key-exchange-param", test_key_exchange_param);
  g_test_add_func ("/sti/tls-analysis/hostile-names", test_hostile_names);
  g_test_add_func ("/sti/tls-analysis/old-version-accepted", test_old_version_accepted);
  g_test_add_func ("/sti/tls-analysis/lab", test_lab);

  return g_test_run ();
}
