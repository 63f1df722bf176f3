/* test-lab-smtp.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab.h"

#include <string.h>

#include "lab-client.h"

/* The demo lab's SMTP dialogues before TLS: what each scenario's server
 * says, and how it bounds the clients that talk to it. */

static void
test_smtp_valid (LabFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = NULL;
  g_autofree char *helo = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *noop = NULL;
  g_autofree char *rset = NULL;
  g_autofree char *quit = NULL;

  g_assert_true (g_str_has_prefix (greeting, "220 mx1.valid.lab.test "));
  g_assert_true (g_str_has_suffix (greeting, "\r\n"));

  ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_assert_true (g_str_has_prefix (ehlo, "250-mx1.valid.lab.test"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-PIPELINING\r\n"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-SIZE "));
  g_assert_nonnull (strstr (ehlo, "\r\n250-8BITMIME\r\n"));
  g_assert_nonnull (strstr (ehlo, "\r\n250-STARTTLS\r\n"));
  g_assert_true (g_str_has_suffix (ehlo, "\r\n250 ENHANCEDSTATUSCODES\r\n"));

  helo = lab_client_command (client, "helo client.example\r\n");
  g_assert_cmpstr (helo, ==, "250 mx1.valid.lab.test\r\n");
  mail = lab_client_command (client, "MAIL FROM:<a@example.org>\r\n");
  g_assert_true (g_str_has_prefix (mail, "550 "));
  unknown = lab_client_command (client, "FROB\r\n");
  g_assert_true (g_str_has_prefix (unknown, "500 "));
  noop = lab_client_command (client, "NOOP\r\n");
  g_assert_true (g_str_has_prefix (noop, "250 "));
  rset = lab_client_command (client, "RSET\n");   /* bare LF accepted */
  g_assert_true (g_str_has_prefix (rset, "250 "));
  quit = lab_client_command (client, "QUIT\r\n");
  g_assert_true (g_str_has_prefix (quit, "221 "));
  lab_client_assert_eof (client);
}

static void
test_smtp_pipelined (LabFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *replies = NULL;

  /* Three commands in one segment get three replies, in order. */
  lab_client_send (client, "NOOP\r\nFROB\r\nQUIT\r\n");
  while (lab_client_read_some (client))
    ;
  replies = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_assert_cmpstr (replies, ==,
                   "250 2.0.0 OK\r\n500 5.5.2 Command not recognized\r\n221 2.0.0 Bye\r\n");
}

static void
test_smtp_no_starttls (LabFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.no-starttls.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = lab_client_command (client, "STARTTLS\r\n");

  g_assert_true (g_str_has_prefix (greeting, "220 "));
  g_assert_null (strstr (ehlo, "STARTTLS"));
  g_assert_true (g_str_has_suffix (ehlo, "250 ENHANCEDSTATUSCODES\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "502 "));
}

static void
test_smtp_starttls_refused (LabFixture    *fixture,
                            gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.starttls-refused.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_autofree char *starttls = lab_client_command (client, "STARTTLS\r\n");
  g_autofree char *noop = lab_client_command (client, "NOOP\r\n");

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_true (g_str_has_prefix (starttls, "454 4.7.0 "));
  g_assert_true (g_str_has_prefix (noop, "250 "));
}

static void
test_smtp_greeting_421 (LabFixture    *fixture,
                        gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.greeting-421.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);

  g_assert_true (g_str_has_prefix (greeting, "421 4.3.2 "));
  g_assert_true (g_str_has_suffix (greeting, "\r\n"));
  lab_client_assert_eof (client);
}

static void
test_smtp_injection (LabFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.injection.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");
  g_autofree char *reply = NULL;

  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  lab_client_send (client, "STARTTLS\r\n");

  /* Sent in one write: on loopback, one read sees both lines. */
  g_assert_true (lab_client_read_some (client));
  reply = g_strndup ((const char *)client->buffer->data, client->buffer->len);
  g_assert_cmpstr (reply, ==, "220 Ready to start TLS\r\n250-injected\r\n");
}

static void
test_smtp_hostile (LabFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.hostile.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *ehlo = lab_client_command (client, "EHLO client.example\r\n");

  g_assert_true (g_str_has_prefix (greeting, "220 mx1.hostile.lab.test "));
  g_assert_nonnull (strstr (greeting, "<script>alert(1)</script>"));
  g_assert_nonnull (strstr (greeting, "<b>"));
  g_assert_nonnull (strstr (greeting, "&amp;"));
  g_assert_nonnull (strstr (greeting, "`"));
  g_assert_nonnull (strstr (greeting, "|"));
  g_assert_false (g_utf8_validate (greeting, -1, NULL));
  g_assert_nonnull (strstr (ehlo, "<img src=x onerror=alert(1)>"));
  g_assert_nonnull (strstr (ehlo, "250-STARTTLS\r\n"));
  g_assert_false (g_utf8_validate (ehlo, -1, NULL));
}

static void
test_smtp_line_too_long (LabFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(LabClient) client = lab_client_new (fixture->lab, "mx1.valid.lab.test");
  g_autofree char *greeting = lab_client_read_reply (client);
  g_autofree char *junk = g_strnfill (3000, 'A');
  g_autofree char *reply = NULL;

  lab_client_send (client, junk);
  reply = lab_client_read_reply (client);
  g_assert_true (g_str_has_prefix (reply, "500 5.5.2 Line too long"));
  lab_client_assert_eof (client);
}

static void
test_smtp_timeouts (void)
{
  g_autoptr(GError) error = NULL;
  StiLab *lab = sti_lab_new ();
  gint64 begin;

  sti_lab_set_timeouts (lab, 300, 1200);
  g_assert_true (sti_lab_start (lab, &error));
  g_assert_no_error (error);

  /* A silent client is dropped after the idle timeout. */
  {
    g_autoptr(LabClient) client = lab_client_new (lab, "mx1.valid.lab.test");
    g_autofree char *greeting = lab_client_read_reply (client);

    begin = g_get_monotonic_time ();
    lab_client_assert_eof (client);
    g_assert_cmpint (g_get_monotonic_time () - begin, >=, 200 * 1000);
  }

  /* A client that keeps talking is dropped at the total deadline. */
  {
    g_autoptr(LabClient) client = lab_client_new (lab, "mx1.valid.lab.test");
    g_autofree char *greeting = lab_client_read_reply (client);
    gboolean open = TRUE;

    begin = g_get_monotonic_time ();
    while (open && g_get_monotonic_time () - begin < 4 * G_USEC_PER_SEC)
      {
        g_autoptr(GError) send_error = NULL;
        GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (client->connection));

        g_usleep (100 * 1000);
        if (!g_output_stream_write_all (out, "NOOP\r\n", 6, NULL, NULL, &send_error))
          break;
        g_byte_array_set_size (client->buffer, 0);
        open = lab_client_read_some (client);
      }
    g_assert_false (open);
    g_assert_cmpint (g_get_monotonic_time () - begin, <, 3 * G_USEC_PER_SEC);
  }

  sti_lab_stop (lab);
  lab_drain_main_context ();
  g_assert_finalize_object (lab);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lab_test_add ("/sti/lab/smtp/valid", NULL, test_smtp_valid);
  lab_test_add ("/sti/lab/smtp/pipelined", NULL, test_smtp_pipelined);
  lab_test_add ("/sti/lab/smtp/no-starttls", NULL, test_smtp_no_starttls);
  lab_test_add ("/sti/lab/smtp/starttls-refused", NULL, test_smtp_starttls_refused);
  lab_test_add ("/sti/lab/smtp/greeting-421", NULL, test_smtp_greeting_421);
  lab_test_add ("/sti/lab/smtp/injection", NULL, test_smtp_injection);
  lab_test_add ("/sti/lab/smtp/hostile", NULL, test_smtp_hostile);
  lab_test_add ("/sti/lab/smtp/line-too-long", NULL, test_smtp_line_too_long);
  g_test_add_func ("/sti/lab/smtp/timeouts", test_smtp_timeouts);

  return g_test_run ();
}
