/* sti-certificate-guidance.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-guidance.h"

#include <glib/gi18n.h>
#include <string.h>

/* What to do next, for a newcomer, with the real names and paths: after a
 * request (keep the key secret; get the certificate from an ACME CA, a
 * commercial CA, or let Exchange make its own request) and after a bundle
 * (install lines for each mail server; the command that checks it). The
 * CLI prints it, the window shows it. Plain text: lines that start with
 * four spaces are commands or configuration, as in the finding registry.
 * The install lines differ from the registry's, which name certbot's
 * files: these name the files made here. */

/* A path or name as a shell word: as it is when it needs no quoting. */
static char *
shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_./-+:@,=", *p) == NULL)
        return g_shell_quote (word);
    }

  return g_strdup (word);
}

static void
add_command (GString    *out,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_command (GString    *out,
             const char *format,
             ...)
{
  va_list args;

  g_string_append (out, "    ");
  va_start (args, format);
  g_string_append_vprintf (out, format, args);
  va_end (args);
  g_string_append_c (out, '\n');
}

static void
add_heading (GString    *out,
             const char *heading)
{
  g_string_append_printf (out, "\n%s\n", heading);
}

/* "mx.example.org" → "example.org": the mail domain, most likely. */
static const char *
parent_domain (const char *name)
{
  const char *dot = strchr (name, '.');

  return dot != NULL && strchr (dot + 1, '.') != NULL ? dot + 1 : name;
}

static void
request_made (GString                  *out,
              const StiRequestGuidance *g)
{
  g_autofree char *names = g_strjoinv (", ", (char **)g->names);

  add_heading (out, _("What was made"));
  if (g->key_reused)
    g_string_append_printf (out,
                            /* Translators: %s is a file name, then the kind of key */
                            _("Private key (reused, unchanged): %s (%s)\n"),
                            g->key_path, g->key_description);
  else
    g_string_append_printf (out,
                            /* Translators: %s is a file name, then the kind of key */
                            _("Private key (new): %s (%s)\n"),
                            g->key_path, g->key_description);
  g_string_append_printf (out,
                          /* Translators: %s is a file name */
                          _("Certificate request (CSR): %s\n"), g->csr_path);
  g_string_append_printf (out,
                          /* Translators: the first %s is a list of host names, the second
                             the first of them */
                          _("Names in the request (Subject Alternative Names): %s. The first, "
                            "%s, is also its Common Name (CN).\n"),
                          names, g->names[0]);

  add_heading (out, _("Keep the key secret"));
  g_string_append (out, _("The key file is readable by you alone (mode 0600); keep it that "
                          "way. Never send it to anyone, not even to the certificate "
                          "authority: whoever has it can pose as your mail server. The request "
                          "(.csr) is public: it goes to the certificate authority.\n"));
  g_string_append_printf (out,
                          /* Translators: %s is a long hexadecimal value */
                          _("The key's public fingerprint, the value of a DANE “3 1 1” record "
                            "(SHA-256 of the public key):\n    %s\nIt stays the same as long "
                            "as you keep this key: next time, reuse it with --key.\n"),
                          g->spki_sha256);
}

/* DIR/NAME.SUFFIX beside the request, as a shell word. */
static char *
beside_request (const StiRequestGuidance *g,
                const char               *suffix)
{
  g_autofree char *dir = g_path_get_dirname (g->csr_path);
  g_autofree char *file = g_strconcat (g->names[0], suffix, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  return shell_word (path);
}

static void
request_acme (GString                  *out,
              const StiRequestGuidance *g)
{
  g_autofree char *csr = shell_word (g->csr_path);
  g_autofree char *cert = beside_request (g, ".crt");
  g_autofree char *chain = beside_request (g, ".chain.pem");
  g_autofree char *fullchain = beside_request (g, ".fullchain.pem");

  add_heading (out, _("Next: with Let’s Encrypt or another ACME certificate authority"));
  g_string_append (out, _("Free and automatic. Run certbot on the machine every name points "
                          "to, with port 80 free:\n"));
  add_command (out, "certbot certonly --standalone --csr %s --cert-path %s --chain-path %s "
               "--fullchain-path %s", csr, cert, chain, fullchain);
  g_string_append (out, _("If a web server already runs there, use --webroot -w "
                          "/var/www/html instead of --standalone. certbot does not renew a "
                          "certificate made from your own request: run the same command again "
                          "before it expires (Let’s Encrypt certificates last 90 days).\n"));
  g_string_append_printf (out,
                          /* Translators: %s is a file name */
                          _("Then check %s and get the install lines with the bundle step "
                            "below.\n"),
                          fullchain);
}

static void
request_commercial (GString                  *out,
                    const StiRequestGuidance *g)
{
  g_autofree char *csr = shell_word (g->csr_path);
  g_autofree char *key = shell_word (g->key_path);
  g_autofree char *fullchain = beside_request (g, ".fullchain.pem");
  GString *names = g_string_new (NULL);

  for (guint i = 0; g->names[i] != NULL; i++)
    g_string_append_printf (names, " --name %s", g->names[i]);

  add_heading (out, _("Next: with a commercial certificate authority"));
  g_string_append (out, _("Order a server (SSL/TLS) certificate and paste the whole request "
                          "when asked for the CSR, from “-----BEGIN CERTIFICATE "
                          "REQUEST-----” to “-----END CERTIFICATE REQUEST-----”. Show it "
                          "with:\n"));
  add_command (out, "cat %s", csr);
  g_string_append (out, _("Questions about the server type do not matter for mail (choose "
                          "“other” or “Apache”). The certificate authority checks that the "
                          "names are yours and sends back your certificate and its "
                          "intermediate certificates.\n"));

  add_heading (out, _("When the certificate arrives"));
  g_string_append (out, _("Put it and its intermediates into one checked chain file, in any "
                          "order and format (PEM, DER, .p7b), with:\n"));
  add_command (out, "starttls-inspector-cli bundle --key %s%s --output %s "
               "CERTIFICATE-FILES…", key, names->str, fullchain);
  g_string_free (names, TRUE);
}

static void
request_exchange (GString                  *out,
                  const StiRequestGuidance *g)
{
  g_autofree char *domains = g_strjoinv (",", (char **)g->names);

  add_heading (out, _("Exchange"));
  g_string_append (out, _("Exchange can make its own key and request instead. In the Exchange "
                          "Management Shell:\n"));
  add_command (out, "New-ExchangeCertificate -GenerateRequest -SubjectName \"CN=%s\" "
               "-DomainName %s -KeySize 2048 -PrivateKeyExportable $true "
               "-RequestFile 'C:\\certs\\%s.req'", g->names[0], domains, g->names[0]);
  g_string_append (out, _("What each part means:\n"));
  g_string_append (out, _("  -GenerateRequest: make a new key on the server and a request for "
                          "it (not a certificate yet).\n"));
  g_string_append_printf (out,
                          /* Translators: %s is a host name */
                          _("  -SubjectName \"CN=%s\": the certificate's subject. CN (Common "
                            "Name) is the server's name. Exchange's examples add DC=… (domain "
                            "components) and O=… (organization): a mail server needs neither, "
                            "senders check only the names.\n"),
                          g->names[0]);
  g_string_append (out, _("  -DomainName: every name the certificate covers, its Subject "
                          "Alternative Names; senders look for the MX host name in this "
                          "list.\n"));
  g_string_append (out, _("  -KeySize 2048: the size of the RSA key.\n"));
  g_string_append (out, _("  -PrivateKeyExportable $true: lets you export key and certificate "
                          "later, for a backup or a second server.\n"));
  g_string_append (out, _("  -RequestFile: where the request is written; send it to the "
                          "certificate authority as above.\n"));
  g_string_append (out, _("Then import the certificate the authority sends back, which "
                          "completes the pending request, and use it for mail:\n"));
  add_command (out, "Import-ExchangeCertificate -FileData "
               "([System.IO.File]::ReadAllBytes('C:\\certs\\%s.cer'))", g->names[0]);
  add_command (out, "Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services SMTP");
  g_string_append (out, _("To use the request made here instead, make a password-protected "
                          ".pfx file with the bundle step (--pkcs12) and import that: the "
                          "bundle step prints the lines.\n"));
  if (!g->key_is_rsa)
    g_string_append (out, _("Exchange needs an RSA key: for Exchange, make the request with "
                            "--key-type rsa-2048.\n"));
}

/**
 * sti_certificate_guidance_after_request:
 * @guidance: what was made
 *
 * Returns: (transfer full): what was made, what to keep secret and the
 *   next steps, plain text
 */
char *
sti_certificate_guidance_after_request (const StiRequestGuidance *guidance)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (guidance != NULL && guidance->names != NULL, NULL);

  request_made (out, guidance);
  request_acme (out, guidance);
  request_commercial (out, guidance);
  add_heading (out, _("Postfix, Exim, Sendmail"));
  g_string_append (out, _("They use the key file and the chain file as they are; the bundle "
                          "step prints the lines to install them.\n"));
  request_exchange (out, guidance);

  return g_string_free (out, FALSE);
}

static void
bundle_unix (GString    *out,
             const char *key,
             const char *chain)
{
  add_heading (out, _("Postfix"));
  g_string_append (out, _("In /etc/postfix/main.cf (Postfix 3.4 or later):\n"));
  add_command (out, "smtpd_tls_chain_files = %s, %s", key, chain);
  g_string_append (out, _("With older Postfix, the two settings instead:\n"));
  add_command (out, "smtpd_tls_cert_file = %s", chain);
  add_command (out, "smtpd_tls_key_file = %s", key);
  add_command (out, "postfix reload");

  add_heading (out, _("Exim"));
  g_string_append (out, _("On Debian, in /etc/exim4/exim4.conf.localmacros (elsewhere: "
                          "tls_certificate and tls_privatekey in the main section):\n"));
  add_command (out, "MAIN_TLS_ENABLE = yes");
  add_command (out, "MAIN_TLS_CERTIFICATE = %s", chain);
  add_command (out, "MAIN_TLS_PRIVATEKEY = %s", key);
  g_string_append (out, _("Exim reads them as its own user: let its group read the key, and "
                          "no one else:\n"));
  add_command (out, "chgrp Debian-exim %s && chmod 640 %s", key, key);
  add_command (out, "update-exim4.conf && systemctl restart exim4");

  add_heading (out, _("Sendmail"));
  g_string_append (out, _("In sendmail.mc; Sendmail skips STARTTLS when others can read the "
                          "key, so keep it owned by root with mode 0600:\n"));
  add_command (out, "define(`confSERVER_CERT', `%s')dnl", chain);
  add_command (out, "define(`confSERVER_KEY', `%s')dnl", key);
  add_command (out, "make -C /etc/mail && systemctl restart sendmail");
}

static void
bundle_exchange (GString                 *out,
                 const StiBundleGuidance *g,
                 const char              *key,
                 const char              *name)
{
  g_autofree char *base = g->pkcs12_path != NULL ? g_path_get_basename (g->pkcs12_path)
                                                 : g_strconcat (name, ".pfx", NULL);

  add_heading (out, _("Exchange"));
  if (g->pkcs12_path == NULL)
    {
      g_string_append (out, _("Exchange imports the certificate with its key as one "
                              "password-protected .pfx file. Make it with:\n"));
      add_command (out, "starttls-inspector-cli bundle --key %s --pkcs12 %s FILES…", key, base);
    }
  g_string_append_printf (out,
                          /* Translators: %s is a file name */
                          _("Copy %s to the server (to C:\\certs), then in the Exchange "
                            "Management Shell:\n"), base);
  add_command (out, "Import-ExchangeCertificate -Server <server> -FileData "
               "([System.IO.File]::ReadAllBytes('C:\\certs\\%s')) "
               "-Password (Read-Host -AsSecureString 'PFX password')", base);
  add_command (out, "Enable-ExchangeCertificate -Server <server> -Thumbprint <thumbprint> "
               "-Services SMTP");
  g_string_append (out, _("The .pfx file is protected with AES-256, which Windows Server 2019 "
                          "and later import. Delete it once imported: it holds the key.\n"));
}

/**
 * sti_certificate_guidance_after_bundle:
 * @guidance: what was written
 *
 * Returns: (transfer full): the install lines for each mail server and the
 *   commands that check the result, plain text
 */
char *
sti_certificate_guidance_after_bundle (const StiBundleGuidance *guidance)
{
  GString *out = g_string_new (NULL);
  g_autofree char *key = shell_word (guidance->key_path ?: "KEY.pem");
  g_autofree char *chain = shell_word (guidance->chain_path ?: "FULLCHAIN.pem");
  const char *name = guidance->names != NULL && guidance->names[0] != NULL
                     ? guidance->names[0] : "mx.example.org";

  add_heading (out, _("Install it"));
  g_string_append (out, _("Copy the key and the chain file to the mail server if this is "
                          "another machine, then:\n"));
  bundle_unix (out, key, chain);
  bundle_exchange (out, guidance, key, name);

  add_heading (out, _("Check it"));
  g_string_append (out, _("Once the server uses the new certificate, check what it presents "
                          "to senders:\n"));
  for (guint i = 0; guidance->names != NULL && guidance->names[i] != NULL; i++)
    add_command (out, "starttls-inspector-cli check '[%s]'", guidance->names[i]);
  g_string_append_printf (out,
                          /* Translators: %s is a domain name */
                          _("And the whole mail domain, every MX host with MTA-STS and DANE "
                            "(if your domain is not %s, put yours):\n"),
                          parent_domain (name));
  add_command (out, "starttls-inspector-cli check %s", parent_domain (name));

  return g_string_free (out, FALSE);
}
