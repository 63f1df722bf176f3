/* fuzz-smtp-reply.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "smtp-reply": the bounded SMTP reply reader
 * (app/core/smtp/sti-smtp-reply.c), fed what a server sends.
 *
 * Input: the first byte picks the size of the chunks the bytes arrive in
 * (1..256, as TCP may split them); the rest is the server's byte stream.
 * Promises asserted: every limit holds (2,048-byte lines, 100 lines,
 * 64 KiB per reply, nothing buffered beyond one line), an error sticks,
 * the text, keywords and error messages are clean, and escaped once
 * (issue 17 item 4): a reply's text is one line, "\xNN" in upper case.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh smtp-reply SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include "sti-smtp-reply.h"

#include <string.h>

/* Escaped after any case change: every backslash starts \\, \xNN or
 * \uNNNN (upper-case hex), never \X1B (issue 17 item 4). */
static void
check_escapes (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\\')
        continue;
      p++;
      if (*p == '\\')
        continue;
      if (*p != 'x' && *p != 'u')
        g_error ("fuzz: \"%s\" has a stray backslash", text);
      for (int i = 1; i <= (*p == 'x' ? 2 : 4); i++)
        g_assert_true (g_ascii_isxdigit (p[i]) && !g_ascii_islower (p[i]));
    }
}

static void
check_reply (StiSmtpReply *reply)
{
  g_autofree char *text = sti_smtp_reply_dup_text (reply);
  guint n_lines = sti_smtp_reply_get_n_lines (reply);
  gsize line_bytes = 0;

  g_assert_cmpuint (sti_smtp_reply_get_code (reply), <=, 999);
  g_assert_cmpuint (n_lines, >=, 1);
  g_assert_cmpuint (n_lines, <=, STI_SMTP_MAX_REPLY_LINES);
  g_assert_cmpuint (sti_smtp_reply_get_size (reply), <=, STI_SMTP_MAX_REPLY_BYTES);

  for (guint i = 0; i < n_lines; i++)
    {
      GBytes *line = sti_smtp_reply_get_line (reply, i);
      g_autoptr(GBytes) line_text = sti_smtp_reply_get_line_text (reply, i);

      g_assert_cmpuint (g_bytes_get_size (line), <=, STI_SMTP_MAX_LINE_LENGTH);
      g_assert_cmpuint (g_bytes_get_size (line), >=, 3);
      g_assert_cmpuint (g_bytes_get_size (line_text), <, g_bytes_get_size (line));
      line_bytes += g_bytes_get_size (line);
    }
  g_assert_cmpuint (line_bytes, <=, sti_smtp_reply_get_size (reply));

  /* One line of text: the breaks between lines are escaped too. */
  fuzz_assert_clean (text, "reply text");
  check_escapes (text);

  if (sti_smtp_reply_get_code (reply) == 250)
    {
      g_auto(GStrv) caps = sti_smtp_reply_parse_ehlo (reply);

      for (guint i = 0; caps != NULL && caps[i] != NULL; i++)
        {
          fuzz_assert_clean (caps[i], "EHLO keyword");
          check_escapes (caps[i]);
        }
      sti_smtp_caps_has ((const char * const *)caps, "STARTTLS");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(StiSmtpReader) reader = NULL;
  gsize chunk;
  gboolean failed = FALSE;

  fuzz_init ();
  if (size == 0)
    return 0;

  chunk = (gsize)data[0] + 1;
  data++;
  size--;
  reader = sti_smtp_reader_new ();

  for (gsize pos = 0; pos < size && !failed; pos += chunk)
    {
      sti_smtp_reader_feed (reader, data + pos, MIN (chunk, size - pos));

      for (;;)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(StiSmtpReply) reply = sti_smtp_reader_next (reader, &error);

          if (error != NULL)
            {
              g_autoptr(GError) again = NULL;

              g_assert_null (reply);
              g_assert_true (error->domain == STI_SMTP_ERROR);
              fuzz_assert_clean (error->message, "reader error");
              /* An error sticks: the connection is beyond repair. */
              g_assert_null (sti_smtp_reader_next (reader, &again));
              g_assert_error (again, STI_SMTP_ERROR, error->code);
              failed = TRUE;
              break;
            }
          if (reply == NULL)
            {
              gsize len = 0;

              /* Waiting for more: one reply's worth, and of the bytes not
               * yet split into lines, at most one unfinished line. */
              g_assert_cmpuint (sti_smtp_reader_get_buffered (reader), <=,
                                STI_SMTP_MAX_REPLY_BYTES + STI_SMTP_MAX_LINE_LENGTH + 1);
              sti_smtp_reader_peek_buffered (reader, &len);
              g_assert_cmpuint (len, <=, sti_smtp_reader_get_buffered (reader));
              break;
            }
          check_reply (reply);
        }
    }

  return 0;
}
