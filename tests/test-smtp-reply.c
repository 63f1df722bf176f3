/* test-smtp-reply.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sti-smtp-reply.h"

static void
feed_str (StiSmtpReader *reader,
          const char    *str)
{
  sti_smtp_reader_feed (reader, (const guint8 *)str, strlen (str));
}

static void
assert_line_text (StiSmtpReply *reply,
                  guint         index,
                  const char   *expected)
{
  g_autoptr(GBytes) text = sti_smtp_reply_get_line_text (reply, index);

  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                   expected, strlen (expected));
}

static void
test_single (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Nothing fed: need more, no error. */
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_no_error (error);

  feed_str (reader, "220 mx.example.org ESMTP ready\r\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 220);
  g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 1);
  g_assert_false (sti_smtp_reply_get_bare_lf (reply));
  g_assert_cmpuint (sti_smtp_reply_get_size (reply), ==, 32);
  text = sti_smtp_reply_dup_text (reply);
  g_assert_cmpstr (text, ==, "mx.example.org ESMTP ready");
  g_assert_cmpmem (g_bytes_get_data (sti_smtp_reply_get_line (reply, 0), NULL),
                   g_bytes_get_size (sti_smtp_reply_get_line (reply, 0)),
                   "220 mx.example.org ESMTP ready", 30);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 0);
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_multiline (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) caps = NULL;

  feed_str (reader,
            "250-mx.example.org Hello\r\n"
            "250-PIPELINING\r\n"
            "250-size 10240000\r\n"
            "250-starttls\r\n"
            "250-AUTH PLAIN  LOGIN\r\n"
            "250 8BITMIME\r\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 250);
  g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 6);
  assert_line_text (reply, 0, "mx.example.org Hello");
  assert_line_text (reply, 5, "8BITMIME");

  caps = sti_smtp_reply_parse_ehlo (reply);
  g_assert_cmpuint (g_strv_length (caps), ==, 5);
  g_assert_cmpstr (caps[0], ==, "PIPELINING");
  g_assert_cmpstr (caps[1], ==, "SIZE 10240000");
  g_assert_cmpstr (caps[2], ==, "STARTTLS");
  g_assert_cmpstr (caps[3], ==, "AUTH PLAIN  LOGIN");
  g_assert_true (sti_smtp_caps_has ((const char * const *)caps, "starttls"));
  g_assert_true (sti_smtp_caps_has ((const char * const *)caps, "AUTH"));
  g_assert_false (sti_smtp_caps_has ((const char * const *)caps, "AUT"));
  g_assert_false (sti_smtp_caps_has ((const char * const *)caps, "CHUNKING"));
  g_assert_false (sti_smtp_caps_has (NULL, "STARTTLS"));
}

static void
test_missing_space (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  StiSmtpReply *reply;

  feed_str (reader, "250\r\n220-first\r\n220\r\n354Go ahead\r\n");

  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 250);
  assert_line_text (reply, 0, "");
  sti_smtp_reply_unref (reply);

  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 220);
  g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 2);
  sti_smtp_reply_unref (reply);

  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 354);
  assert_line_text (reply, 0, "Go ahead");
  sti_smtp_reply_unref (reply);
}

static void
test_bare_lf (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  StiSmtpReply *reply;

  feed_str (reader, "250-one\n250 two\r\n221 bye\r\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_true (sti_smtp_reply_get_bare_lf (reply));
  g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 2);
  assert_line_text (reply, 0, "one");
  sti_smtp_reply_unref (reply);

  /* The flag belongs to one reply. */
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_false (sti_smtp_reply_get_bare_lf (reply));
  sti_smtp_reply_unref (reply);
}

static void
test_line_too_long (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strnfill (STI_SMTP_MAX_LINE_LENGTH, 'a');
  StiSmtpReply *reply;

  /* Exactly the limit is fine. */
  memcpy (line, "250 ", 4);
  feed_str (reader, line);
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_no_error (error);
  feed_str (reader, "\r");
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_no_error (error);
  feed_str (reader, "\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (sti_smtp_reply_get_line (reply, 0)), ==,
                    STI_SMTP_MAX_LINE_LENGTH);
  sti_smtp_reply_unref (reply);

  /* One more byte, and no newline in sight: fail now, do not wait. */
  feed_str (reader, line);
  feed_str (reader, "a");
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_LINE_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "2048"));
  g_clear_error (&error);

  /* The error is sticky. */
  feed_str (reader, "\r\n250 ok\r\n");
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_LINE_TOO_LONG);
}

static void
test_huge_line_bounded (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  guint8 chunk[4096];
  gsize fed = 0;

  /* A "1 MiB line" fed the way the probe reads: the reader gives up as
   * soon as the limit is crossed, having buffered only a few KiB. */
  memset (chunk, 'x', sizeof chunk);
  memcpy (chunk, "220 ", 4);
  while (fed < 1024 * 1024)
    {
      sti_smtp_reader_feed (reader, chunk, 1000);
      fed += 1000;
      if (sti_smtp_reader_next (reader, &error) == NULL && error != NULL)
        break;
      memset (chunk, 'x', 4);
    }
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_LINE_TOO_LONG);
  g_assert_cmpuint (fed, <=, 3000);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), <=, 3000);
}

static void
test_garbage (void)
{
  const char *cases[] = {
    "HTTP/1.1 400 Bad Request\r\n",
    "\r\n",
    "25\r\n",
    "2x0 hello\r\n",
    "SSH-2.0-OpenSSH_9.2\r\n",
    "\x16\x03\x01\x02\x2a\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
      g_autoptr(GError) error = NULL;

      sti_smtp_reader_feed (reader, (const guint8 *)cases[i], strlen (cases[i]));
      g_assert_null (sti_smtp_reader_next (reader, &error));
      g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_MALFORMED);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_code_mismatch (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;

  feed_str (reader, "250-hello\r\n550 surprise\r\n");
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_CODE_MISMATCH);
  g_assert_nonnull (strstr (error->message, "250"));
  g_assert_nonnull (strstr (error->message, "550"));
}

static void
test_endless_continuation (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  guint fed;

  for (fed = 0; fed < 100000; fed++)
    {
      feed_str (reader, "250-and more\r\n");
      if (sti_smtp_reader_next (reader, &error) == NULL && error != NULL)
        break;
    }
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_REPLY_TOO_LONG);
  g_assert_cmpuint (fed, ==, STI_SMTP_MAX_REPLY_LINES - 1);
}

static void
test_reply_too_many_bytes (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strnfill (2000, 'b');
  guint fed;

  /* 2 KiB lines: the byte cap (64 KiB) trips before the line cap. */
  memcpy (line, "250-", 4);
  line[1998] = '\r';
  line[1999] = '\n';
  for (fed = 0; fed < 100; fed++)
    {
      sti_smtp_reader_feed (reader, (const guint8 *)line, 2000);
      if (sti_smtp_reader_next (reader, &error) == NULL && error != NULL)
        break;
    }
  g_assert_error (error, STI_SMTP_ERROR, STI_SMTP_ERROR_REPLY_TOO_LONG);
  g_assert_cmpuint (fed, ==, STI_SMTP_MAX_REPLY_BYTES / 2000);
}

static void
test_leftover (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *rest;
  gsize len = 0;

  /* The plaintext-injection shape: a second reply in the same segment. */
  feed_str (reader, "220 go ahead\r\n250 injected\r\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 220);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 14);
  rest = sti_smtp_reader_peek_buffered (reader, &len);
  g_assert_cmpmem (rest, len, "250 injected\r\n", 14);

  /* A partial reply counts too. */
  sti_smtp_reader_clear_buffered (reader);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 0);
  feed_str (reader, "250-a\r\n250-b");
  g_assert_null (sti_smtp_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 12);
  sti_smtp_reader_clear_buffered (reader);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 0);

  /* After a clear, a fresh reply parses on its own. */
  feed_str (reader, "221 bye\r\n");
  g_clear_pointer (&reply, sti_smtp_reply_unref);
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 221);
  g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 1);
}

static void
test_byte_at_a_time (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(GError) error = NULL;
  const char *input = "250-mx Hello\r\n250-STARTTLS\r\n250 SIZE 1000\r\n221 2.0.0 Bye\r\n";
  gsize len = strlen (input);
  guint n_replies = 0;
  guint codes[3] = { 0, 0, 0 };

  for (gsize i = 0; i < len; i++)
    {
      StiSmtpReply *reply;

      sti_smtp_reader_feed (reader, (const guint8 *)input + i, 1);
      reply = sti_smtp_reader_next (reader, &error);
      g_assert_no_error (error);
      if (reply != NULL)
        {
          g_assert_cmpuint (n_replies, <, 2);
          codes[n_replies++] = sti_smtp_reply_get_code (reply);
          if (n_replies == 1)
            {
              g_assert_cmpuint (i, ==, 42);
              g_assert_cmpuint (sti_smtp_reply_get_n_lines (reply), ==, 3);
            }
          sti_smtp_reply_unref (reply);
        }
    }
  g_assert_cmpuint (n_replies, ==, 2);
  g_assert_cmpuint (codes[0], ==, 250);
  g_assert_cmpuint (codes[1], ==, 221);
  g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), ==, 0);
}

static void
test_nul_and_invalid_utf8 (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  static const guint8 input[] = "220 a\0b\xff\xfe\x1b[31m<b>\r\n";
  static const guint8 expected_raw[] = "220 a\0b\xff\xfe\x1b[31m<b>";
  GBytes *raw;

  sti_smtp_reader_feed (reader, input, sizeof input - 1);
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);

  /* Raw bytes are kept exactly... */
  raw = sti_smtp_reply_get_line (reply, 0);
  g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw),
                   expected_raw, sizeof expected_raw - 1);

  /* ...and the text for display is valid UTF-8 with no control bytes. */
  text = sti_smtp_reply_dup_text (reply);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_cmpuint (strlen (text), >, 3);
  g_assert_true (g_str_has_prefix (text, "a"));
}

/* Escaped once, after joining and after upper-casing: the documented
 * `\xNN` encoding, never `\\x00` or `\X1B`. */
static void
test_escaped_once (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) greeting = NULL;
  g_autoptr(StiSmtpReply) ehlo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) caps = NULL;
  static const guint8 input[] = "421-a\0b\r\n421 second\r\n"
                                "250-mx.test\r\n"
                                "250-\x1b[1mx\r\n"
                                "250-x\xc2\x9by\r\n"
                                "250-\tauth  \\x41 \t\r\n"
                                "250 bad\xff \x7f\r\n";

  sti_smtp_reader_feed (reader, input, sizeof input - 1);
  greeting = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  ehlo = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);

  text = sti_smtp_reply_dup_text (greeting);
  g_assert_cmpstr (text, ==, "a\\x00b\\x0Asecond");

  caps = sti_smtp_reply_parse_ehlo (ehlo);
  g_assert_cmpuint (g_strv_length (caps), ==, 4);
  g_assert_cmpstr (caps[0], ==, "\\x1B[1MX");
  g_assert_cmpstr (caps[1], ==, "X\\u009BY");
  g_assert_cmpstr (caps[2], ==, "AUTH \\\\x41");
  g_assert_cmpstr (caps[3], ==, "BAD\\xFF \\x7F");
}

static void
test_boxed (void)
{
  g_autoptr(StiSmtpReader) reader = sti_smtp_reader_new ();
  g_autoptr(StiSmtpReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  StiSmtpReply *copy;

  feed_str (reader, "250 ok\r\n");
  reply = sti_smtp_reader_next (reader, &error);
  g_assert_no_error (error);
  copy = g_boxed_copy (STI_TYPE_SMTP_REPLY, reply);
  g_assert_true (copy == reply);
  g_boxed_free (STI_TYPE_SMTP_REPLY, copy);
  g_assert_cmpuint (sti_smtp_reply_get_code (reply), ==, 250);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/smtp-reply/single", test_single);
  g_test_add_func ("/sti/smtp-reply/multiline", test_multiline);
  g_test_add_func ("/sti/smtp-reply/missing-space", test_missing_space);
  g_test_add_func ("/sti/smtp-reply/bare-lf", test_bare_lf);
  g_test_add_func ("/sti/smtp-reply/line-too-long", test_line_too_long);
  g_test_add_func ("/sti/smtp-reply/huge-line-bounded", test_huge_line_bounded);
  g_test_add_func ("/sti/smtp-reply/garbage", test_garbage);
  g_test_add_func ("/sti/smtp-reply/code-mismatch", test_code_mismatch);
  g_test_add_func ("/sti/smtp-reply/endless-continuation", test_endless_continuation);
  g_test_add_func ("/sti/smtp-reply/reply-too-many-bytes", test_reply_too_many_bytes);
  g_test_add_func ("/sti/smtp-reply/leftover", test_leftover);
  g_test_add_func ("/sti/smtp-reply/byte-at-a-time", test_byte_at_a_time);
  g_test_add_func ("/sti/smtp-reply/nul-and-invalid-utf8", test_nul_and_invalid_utf8);
  g_test_add_func ("/sti/smtp-reply/escaped-once", test_escaped_once);
  g_test_add_func ("/sti/smtp-reply/boxed", test_boxed);

  return g_test_run ();
}
