/* sti-smtp-reply.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-smtp-reply.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sti-text.h"

/* An SMTP reply reader that never buffers without bound (DESIGN.md
 * decision 3). It holds at most one partial line beyond what the caller fed
 * in one go, and the caller only reads more when sti_smtp_reader_next()
 * asks for it, so memory stays at a few KiB per connection whatever the
 * server sends. Bytes after a complete reply stay buffered and countable:
 * at STARTTLS they are the evidence of plaintext injection. */

G_DEFINE_QUARK (sti-smtp-error-quark, sti_smtp_error)

struct _StiSmtpReply
{
  gatomicrefcount  ref_count;
  guint            code;
  GPtrArray       *lines;   /* GBytes: each line as received, without CR LF */
  gsize            size;    /* bytes on the wire, line endings included */
  gboolean         bare_lf;
};

G_DEFINE_BOXED_TYPE (StiSmtpReply, sti_smtp_reply, sti_smtp_reply_ref, sti_smtp_reply_unref)

struct _StiSmtpReader
{
  GByteArray *buffer;   /* fed and not yet consumed */

  /* The reply being assembled */
  GPtrArray  *lines;
  guint       code;
  gsize       size;
  gboolean    bare_lf;

  GError     *error;    /* sticky: a protocol error ends the dialogue */
};

StiSmtpReply *
sti_smtp_reply_ref (StiSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  g_atomic_ref_count_inc (&reply->ref_count);
  return reply;
}

void
sti_smtp_reply_unref (StiSmtpReply *reply)
{
  g_return_if_fail (reply != NULL);

  if (g_atomic_ref_count_dec (&reply->ref_count))
    {
      g_ptr_array_unref (reply->lines);
      g_free (reply);
    }
}

/**
 * sti_smtp_reply_get_code:
 * @reply: a #StiSmtpReply
 *
 * Returns: the three-digit reply code, e.g. 250
 */
guint
sti_smtp_reply_get_code (StiSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, 0);

  return reply->code;
}

guint
sti_smtp_reply_get_n_lines (StiSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, 0);

  return reply->lines->len;
}

/**
 * sti_smtp_reply_get_line:
 * @reply: a #StiSmtpReply
 * @index: the line, from 0
 *
 * Returns: (transfer none): the raw line, code included, without its line
 *   ending; untrusted bytes (may hold NUL or invalid UTF-8)
 */
GBytes *
sti_smtp_reply_get_line (StiSmtpReply *reply,
                         guint         index)
{
  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail (index < reply->lines->len, NULL);

  return g_ptr_array_index (reply->lines, index);
}

/**
 * sti_smtp_reply_get_line_text:
 * @reply: a #StiSmtpReply
 * @index: the line, from 0
 *
 * Returns: (transfer full): the text of the line after the code and its
 *   separator; raw, untrusted bytes
 */
GBytes *
sti_smtp_reply_get_line_text (StiSmtpReply *reply,
                              guint         index)
{
  GBytes *line;
  gsize len;
  gsize skip;

  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail (index < reply->lines->len, NULL);

  line = g_ptr_array_index (reply->lines, index);
  len = g_bytes_get_size (line);
  skip = len >= 4 ? 4 : len;
  /* "250OK": no separator at all (accepted, see the reader) */
  if (len >= 4)
    {
      const char *data = g_bytes_get_data (line, NULL);

      if (data[3] != ' ' && data[3] != '-')
        skip = 3;
    }

  return g_bytes_new_from_bytes (line, skip, len - skip);
}

/**
 * sti_smtp_reply_get_bare_lf:
 * @reply: a #StiSmtpReply
 *
 * Returns: %TRUE if a line of the reply ended in LF without CR (accepted,
 *   but worth recording)
 */
gboolean
sti_smtp_reply_get_bare_lf (StiSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);

  return reply->bare_lf;
}

gsize
sti_smtp_reply_get_size (StiSmtpReply *reply)
{
  g_return_val_if_fail (reply != NULL, 0);

  return reply->size;
}

/**
 * sti_smtp_reply_dup_text:
 * @reply: a #StiSmtpReply
 *
 * The raw lines are joined first and sanitized once, so a line break
 * between lines reads `\x0A` like any other control character and an
 * escape from a line is never escaped again: one line of text, in the
 * documented `\xNN` encoding.
 *
 * Returns: (transfer full): the text of all lines, joined with "\n",
 *   sanitized for display (valid UTF-8, control bytes escaped)
 */
char *
sti_smtp_reply_dup_text (StiSmtpReply *reply)
{
  g_autoptr(GByteArray) raw = g_byte_array_new ();

  g_return_val_if_fail (reply != NULL, NULL);

  for (guint i = 0; i < reply->lines->len; i++)
    {
      g_autoptr(GBytes) text = sti_smtp_reply_get_line_text (reply, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (text, &len);

      if (i > 0)
        g_byte_array_append (raw, (const guint8 *)"\n", 1);
      if (len > 0)
        g_byte_array_append (raw, data, len);
    }

  return sti_text_sanitize (raw->data, raw->len);
}

/* The blanks sti_text_sanitize() keeps as they are, so trimming them
 * before sanitizing trims what trimming the sanitized text would. */
static gboolean
is_blank (guint8 c)
{
  return c == ' ' || c == '\t';
}

/* One EHLO line as "KEYWORD" or "KEYWORD params": the keyword is
 * upper-cased while it is still raw bytes (ASCII letters only), and the
 * whole is sanitized once, last, so no escape is ever upper-cased. */
static char *
ehlo_capability (GBytes *text)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (text, &len);
  const guint8 *start = data;
  const guint8 *end = data + len;
  g_autoptr(GByteArray) cap = g_byte_array_new ();
  const guint8 *space;

  while (start < end && is_blank (*start))
    start++;
  while (end > start && is_blank (end[-1]))
    end--;
  if (start == end)
    return NULL;

  space = memchr (start, ' ', end - start);
  for (const guint8 *p = start; p < (space != NULL ? space : end); p++)
    {
      guint8 c = g_ascii_toupper (*p);

      g_byte_array_append (cap, &c, 1);
    }
  if (space != NULL)
    {
      const guint8 *params = space + 1;

      while (params < end && is_blank (*params))
        params++;
      g_byte_array_append (cap, (const guint8 *)" ", 1);
      g_byte_array_append (cap, params, end - params);
    }

  return sti_text_sanitize (cap->data, cap->len);
}

/**
 * sti_smtp_reply_parse_ehlo:
 * @reply: a positive reply to EHLO
 *
 * Parses the capabilities, one per line after the first: the keyword is
 * upper-cased (ASCII), its parameters are kept as sent, sanitized.
 *
 * Returns: (transfer full): a %NULL-terminated array of "KEYWORD" or
 *   "KEYWORD params" strings, possibly empty
 */
char **
sti_smtp_reply_parse_ehlo (StiSmtpReply *reply)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (reply != NULL, NULL);

  for (guint i = 1; i < reply->lines->len; i++)
    {
      g_autoptr(GBytes) text = sti_smtp_reply_get_line_text (reply, i);
      g_autofree char *cap = ehlo_capability (text);

      if (cap != NULL)
        g_strv_builder_add (builder, cap);
    }

  return g_strv_builder_end (builder);
}

/**
 * sti_smtp_caps_has:
 * @caps: (nullable): capabilities from sti_smtp_reply_parse_ehlo()
 * @keyword: a keyword such as "STARTTLS"
 *
 * Returns: %TRUE if @keyword is among @caps, whatever its parameters
 */
gboolean
sti_smtp_caps_has (const char * const *caps,
                   const char         *keyword)
{
  gsize len;

  g_return_val_if_fail (keyword != NULL, FALSE);

  if (caps == NULL)
    return FALSE;

  len = strlen (keyword);
  for (guint i = 0; caps[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (caps[i], keyword, len) == 0 &&
          (caps[i][len] == '\0' || caps[i][len] == ' '))
        return TRUE;
    }

  return FALSE;
}

/**
 * sti_smtp_reader_new:
 *
 * Returns: (transfer full): a new reader; free with sti_smtp_reader_free()
 */
StiSmtpReader *
sti_smtp_reader_new (void)
{
  StiSmtpReader *reader = g_new0 (StiSmtpReader, 1);

  reader->buffer = g_byte_array_new ();
  reader->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  return reader;
}

void
sti_smtp_reader_free (StiSmtpReader *reader)
{
  if (reader == NULL)
    return;

  g_byte_array_unref (reader->buffer);
  g_ptr_array_unref (reader->lines);
  g_clear_error (&reader->error);
  g_free (reader);
}

/**
 * sti_smtp_reader_feed:
 * @reader: a #StiSmtpReader
 * @data: (array length=len): bytes from the server
 * @len: the size of @data
 *
 * Adds bytes to the buffer. Feed only when sti_smtp_reader_next() returned
 * %NULL without an error, and in bounded pieces (one read): that is what
 * keeps the buffer bounded.
 */
void
sti_smtp_reader_feed (StiSmtpReader *reader,
                      const guint8  *data,
                      gsize          len)
{
  g_return_if_fail (reader != NULL);
  g_return_if_fail (data != NULL || len == 0);

  if (len > 0)
    g_byte_array_append (reader->buffer, data, len);
}

static StiSmtpReply *
sti_smtp_reader_fail (StiSmtpReader  *reader,
                      GError        **error,
                      StiSmtpError    code,
                      const char     *format,
                      ...) G_GNUC_PRINTF (4, 5);

static StiSmtpReply *
sti_smtp_reader_fail (StiSmtpReader  *reader,
                      GError        **error,
                      StiSmtpError    code,
                      const char     *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  reader->error = g_error_new_valist (STI_SMTP_ERROR, code, format, args);
  va_end (args);

  g_propagate_error (error, g_error_copy (reader->error));
  return NULL;
}

static char *
sanitize_head (const guint8 *data,
               gsize         len)
{
  /* Enough of a bad line to recognise it, never the whole of it. */
  return sti_text_sanitize (data, MIN (len, 60));
}

/**
 * sti_smtp_reader_next:
 * @reader: a #StiSmtpReader
 * @error: return location for a protocol error (%STI_SMTP_ERROR)
 *
 * Takes the next complete reply out of the buffer.
 *
 * Returns: (transfer full) (nullable): a reply; or %NULL with @error unset
 *   when more bytes are needed; or %NULL with @error set on a protocol
 *   violation, after which the reader keeps failing with the same error
 */
StiSmtpReply *
sti_smtp_reader_next (StiSmtpReader  *reader,
                      GError        **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (reader->error != NULL)
    {
      g_propagate_error (error, g_error_copy (reader->error));
      return NULL;
    }

  for (;;)
    {
      const guint8 *data = reader->buffer->data;
      gsize avail = reader->buffer->len;
      const guint8 *lf;
      gsize content_len;
      gsize consumed;
      gboolean final;
      guint code;

      /* Look no further than the longest allowed line plus CR LF. */
      lf = avail > 0 ? memchr (data, '\n', MIN (avail, STI_SMTP_MAX_LINE_LENGTH + 2)) : NULL;
      if (lf == NULL)
        {
          gsize partial = avail;

          if (partial > 0 && data[partial - 1] == '\r')
            partial--;
          if (partial > STI_SMTP_MAX_LINE_LENGTH)
            {
              g_autofree char *head = sanitize_head (data, avail);

              return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_LINE_TOO_LONG,
                                           /* Translators: a limit in bytes, then the start of
                                            * the line */
                                           _("The server sent a line longer than %d bytes "
                                             "(starting “%s”)"),
                                           STI_SMTP_MAX_LINE_LENGTH, head);
            }
          return NULL;
        }

      consumed = (lf - data) + 1;
      content_len = lf - data;
      if (content_len > 0 && data[content_len - 1] == '\r')
        content_len--;
      else
        reader->bare_lf = TRUE;

      if (content_len > STI_SMTP_MAX_LINE_LENGTH)
        {
          g_autofree char *head = sanitize_head (data, content_len);

          return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_LINE_TOO_LONG,
                                       _("The server sent a line longer than %d bytes "
                                         "(starting “%s”)"),
                                       STI_SMTP_MAX_LINE_LENGTH, head);
        }

      if (content_len < 3 ||
          !g_ascii_isdigit (data[0]) || !g_ascii_isdigit (data[1]) || !g_ascii_isdigit (data[2]))
        {
          g_autofree char *head = sanitize_head (data, content_len);

          return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_MALFORMED,
                                       /* Translators: %s is the start of the line the server
                                        * sent */
                                       _("The server sent a line that is not an SMTP reply: "
                                         "“%s”"),
                                       head);
        }

      code = (data[0] - '0') * 100 + (data[1] - '0') * 10 + (data[2] - '0');
      /* "ddd-" continues; "ddd SP", "ddd" alone and, leniently, "dddtext"
       * end the reply (RFC 5321 4.2: accept a missing SP). */
      final = content_len == 3 || data[3] != '-';

      if (reader->lines->len > 0 && code != reader->code)
        {
          return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_CODE_MISMATCH,
                                       /* Translators: two SMTP reply codes, like 250 */
                                       _("The server changed the reply code from %03u to %03u "
                                         "inside one multiline reply"),
                                       reader->code, code);
        }

      if (reader->size + consumed > STI_SMTP_MAX_REPLY_BYTES)
        return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_REPLY_TOO_LONG,
                                     /* Translators: %d is a limit in bytes */
                                     _("The server sent a reply longer than %d bytes"),
                                     STI_SMTP_MAX_REPLY_BYTES);
      if (!final && reader->lines->len + 1 >= STI_SMTP_MAX_REPLY_LINES)
        return sti_smtp_reader_fail (reader, error, STI_SMTP_ERROR_REPLY_TOO_LONG,
                                     /* Translators: %d is a limit in lines */
                                     _("The server sent a reply of more than %d lines"),
                                     STI_SMTP_MAX_REPLY_LINES);

      reader->code = code;
      reader->size += consumed;
      g_ptr_array_add (reader->lines, g_bytes_new (data, content_len));
      g_byte_array_remove_range (reader->buffer, 0, consumed);

      if (final)
        {
          StiSmtpReply *reply = g_new0 (StiSmtpReply, 1);

          g_atomic_ref_count_init (&reply->ref_count);
          reply->code = reader->code;
          reply->size = reader->size;
          reply->bare_lf = reader->bare_lf;
          reply->lines = g_steal_pointer (&reader->lines);

          reader->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          reader->code = 0;
          reader->size = 0;
          reader->bare_lf = FALSE;

          return reply;
        }
    }
}

/**
 * sti_smtp_reader_get_buffered:
 * @reader: a #StiSmtpReader
 *
 * Returns: how many bytes are buffered and not part of any returned reply
 *   (including the lines of a reply still incomplete)
 */
gsize
sti_smtp_reader_get_buffered (StiSmtpReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->buffer->len + reader->size;
}

/**
 * sti_smtp_reader_peek_buffered:
 * @reader: a #StiSmtpReader
 * @len: (out): the number of bytes returned
 *
 * The bytes not yet consumed as lines (the lines of an incomplete reply
 * are not included; see sti_smtp_reader_get_buffered()).
 *
 * Returns: (transfer none) (array length=len): the unconsumed bytes
 */
const guint8 *
sti_smtp_reader_peek_buffered (StiSmtpReader *reader,
                               gsize         *len)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (len != NULL, NULL);

  *len = reader->buffer->len;
  return reader->buffer->data;
}

/**
 * sti_smtp_reader_clear_buffered:
 * @reader: a #StiSmtpReader
 *
 * Discards everything buffered, including a partial reply; used when the
 * plaintext phase ends so nothing injected is ever interpreted.
 */
void
sti_smtp_reader_clear_buffered (StiSmtpReader *reader)
{
  g_return_if_fail (reader != NULL);

  g_byte_array_set_size (reader->buffer, 0);
  g_ptr_array_set_size (reader->lines, 0);
  reader->code = 0;
  reader->size = 0;
  reader->bare_lf = FALSE;
}
