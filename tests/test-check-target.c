/* test-check-target.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-target.h"

#include <string.h>

static void
test_accepted (void)
{
  static const struct {
    const char *input;
    const char *domain;
    const char *unicode;
    gboolean    direct;
    guint16     port;
  } cases[] = {
    { "example.org", "example.org", "example.org", FALSE, 0 },
    { "  Example.ORG  ", "example.org", "example.org", FALSE, 0 },
    { "example.org.", "example.org", "example.org", FALSE, 0 },
    { "postmaster@example.org", "example.org", "example.org", FALSE, 0 },
    { "\"odd@local\"@mail.example.net", "mail.example.net", "mail.example.net", FALSE, 0 },
    { "b\xc3\xbc" "cher.example", "xn--bcher-kva.example", "b\xc3\xbc" "cher.example", FALSE, 0 },
    { "xn--bcher-kva.example", "xn--bcher-kva.example", "b\xc3\xbc" "cher.example", FALSE, 0 },
    { "[mx.example.org]", "mx.example.org", "mx.example.org", TRUE, 0 },
    { "[mx.example.org]:2525", "mx.example.org", "mx.example.org", TRUE, 2525 },
    { "[192.0.2.25]", "192.0.2.25", "192.0.2.25", TRUE, 0 },
    { "[2001:db8::25]:587", "2001:db8::25", "2001:db8::25", TRUE, 587 },
    { "[localhost]", "localhost", "localhost", TRUE, 0 },
    { "[XN--Bcher-KVA.example]:2525", "xn--bcher-kva.example", "b\xc3\xbc" "cher.example", TRUE,
      2525 },
    { "mx.xn--e1afmkfd.example", "mx.xn--e1afmkfd.example",
      "mx.\xd0\xbf\xd1\x80\xd0\xb8\xd0\xbc\xd0\xb5\xd1\x80.example", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCheckTarget) target = sti_check_target_parse (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_nonnull (target);
      g_assert_cmpstr (target->domain, ==, cases[i].domain);
      g_assert_cmpstr (target->domain_unicode, ==, cases[i].unicode);
      g_assert_cmpint (target->direct, ==, cases[i].direct);
      g_assert_cmpint (target->port, ==, cases[i].port);
    }
}

static void
test_rejected (void)
{
  static const struct {
    const char *input;
    const char *message_part;
  } cases[] = {
    { "", "Type a mail domain" },
    { "   ", "Type a mail domain" },
    { "exa mple.org", "spaces" },
    { "192.0.2.1", "IP address" },
    { "2001:db8::1", "IP address" },
    { "example", "no dot" },
    { "bob@", "Nothing follows" },
    { "a..example.org", "empty label" },
    { ".example.org", "empty label" },
    { "ex!ample.org", "character" },
    { "under_score.example.org", "underscore" },
    { "-lead.example.org", "hyphen" },
    { "trail-.example.org", "hyphen" },
    { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example.org",
      "at most 63" },
    { "<script>.example.org", "character" },
    { "bad\xff.example.org", "UTF-8" },
    { "[mx.example.org", "closing" },
    { "[]", "empty" },
    { "[mx.example.org]:0", "port" },
    { "[mx.example.org]:70000", "port" },
    { "[mx.example.org]:25x", "port" },
    { "[mx.example.org]junk", "Only" },
    /* Punycode that decodes to a control character, to nothing, or to
     * plain ASCII is no internationalised name. */
    { "xn--ba.example", "“xn--ba” begins with “xn--” but is not valid punycode" },
    { "[xn--zz.example]", "“xn--zz” begins with “xn--” but is not valid punycode" },
    { "mx.XN--ZZ.example", "“xn--zz”" },
    { "xn--abc-x.example", "not valid punycode" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCheckTarget) target = sti_check_target_parse (cases[i].input, &error);
      g_autofree char *stripped = g_strstrip (g_strdup (cases[i].input));
      int code = stripped[0] == '\0' ? STI_INPUT_ERROR_EMPTY : STI_INPUT_ERROR_INVALID;

      g_assert_null (target);
      g_assert_error (error, STI_INPUT_ERROR, code);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("input “%s”: message “%s” lacks “%s”",
                 cases[i].input, error->message, cases[i].message_part);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* A name from DNS is shown in U-labels only when they are sound; a bad
 * A-label stays an A-label rather than a control character or nothing. */
static void
test_hostname_unicode (void)
{
  static const struct {
    const char *ascii;
    const char *shown;
  } cases[] = {
    { "mx.example.org", "mx.example.org" },
    { "mx.xn--bcher-kva.example", "mx.b\xc3\xbc" "cher.example" },
    { "xn--ba.example", "xn--ba.example" },
    { "mx.xn--zz.xn--bcher-kva.example", "mx.xn--zz.xn--bcher-kva.example" },
    { "192.0.2.25", "192.0.2.25" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sti_hostname_dup_unicode (cases[i].ascii);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* A pasted link or mail address: the domain is taken from it (issue 18). */
static void
test_url (void)
{
  static const struct {
    const char *input;
    const char *domain;
  } cases[] = {
    { "https://example.org/", "example.org" },
    { "http://x.org/path", "x.org" },
    { "HTTPS://Example.ORG", "example.org" },
    { "https://user:secret@example.org:8443/a?b=c#d", "example.org" },
    { "smtp://mx.example.org:25", "mx.example.org" },
    { "mailto:postmaster@example.org", "example.org" },
    { "mailto:bob@example.org?subject=TLS", "example.org" },
    { "example.org/", "example.org" },
    { "https://b\xc3\xbc" "cher.example/", "xn--bcher-kva.example" },
  };
  static const char * const rejected[] = {
    "https://",
    "https://192.0.2.1/",
    "http://[2001:db8::1]:8080/",
    "mailto:",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCheckTarget) target = sti_check_target_parse (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (target->domain, ==, cases[i].domain);
      g_assert_false (target->direct);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(StiCheckTarget) target = sti_check_target_parse (rejected[i], &error);

      g_assert_null (target);
      g_assert_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID);
    }
}

static void
test_long_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  StiCheckTarget *target;

  /* 4 × 63 + dots = 255 > 253 */
  name = g_strdup_printf ("%s.%s.%s.%s",
                          "a123456789012345678901234567890123456789012345678901234567890bc",
                          "a123456789012345678901234567890123456789012345678901234567890bc",
                          "a123456789012345678901234567890123456789012345678901234567890bc",
                          "a123456789012345678901234567890123456789012345678901234567890bc");
  target = sti_check_target_parse (name, &error);
  g_assert_null (target);
  g_assert_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID);
  g_clear_error (&error);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (huge, 'a');
  target = sti_check_target_parse (huge->str, &error);
  g_assert_null (target);
  g_assert_error (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/check-target/accepted", test_accepted);
  g_test_add_func ("/sti/check-target/rejected", test_rejected);
  g_test_add_func ("/sti/check-target/long-input", test_long_input);
  g_test_add_func ("/sti/check-target/url", test_url);
  g_test_add_func ("/sti/check-target/hostname-unicode", test_hostname_unicode);

  return g_test_run ();
}
