/* sti-survey-input.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-input.h"

#include "sti-check-target.h"

#include <glib/gi18n.h>
#include <string.h>

/* The domains of a survey, one at a time: from a list (a domain or an
 * address per line, blank lines and comments allowed) or from entries made
 * elsewhere (a Postfix log). Each is normalised as the check would
 * normalise it, then kept only if it is new, in this machine's shard and
 * not already done (a resumed run). Lines are read in chunks, never all at
 * once, and capped in length; what is remembered per domain is its 64-bit
 * hash, so a list of millions costs tens of megabytes, not its size. */

#define READ_CHUNK       65536
#define MAX_LINE_LENGTH  4096

struct _StiSurveyInput
{
  GInputStream         *stream;      /* or */
  GPtrArray            *entries;     /* StiSurveyEntry, given */
  guint                 next_entry;

  GByteArray           *buffer;      /* read, not yet split into lines */
  gsize                 pos;         /* where the next line starts in it */
  gboolean              eof;
  gboolean              overlong;    /* dropping the rest of a line too long */
  guint                 line_number;

  guint                 shard_index;
  guint                 shard_count; /* 0: no sharding */
  GHashTable           *seen;        /* domain hash -> itself: given or skipped */
  StiSurveyBadLineFunc  bad_line;
  gpointer              bad_line_data;
};

StiSurveyEntry *
sti_survey_entry_new (const char *domain,
                      guint64     weight,
                      const char *postfix_tls)
{
  StiSurveyEntry *entry = g_new0 (StiSurveyEntry, 1);

  entry->domain = g_strdup (domain);
  entry->weight = weight;
  entry->postfix_tls = g_strdup (postfix_tls);
  return entry;
}

void
sti_survey_entry_free (StiSurveyEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->domain);
  g_free (entry->postfix_tls);
  g_free (entry);
}

/**
 * sti_survey_parse_line:
 * @line: one line of a survey list, without its line end
 * @error: why the line names no domain
 *
 * A domain or an e-mail address, normalised as sti_check_target_parse()
 * does; a `#` starts a comment. A survey checks mail domains, so one
 * server written as `[host]:port` is refused.
 *
 * Returns: (transfer full) (nullable): the domain; %NULL without @error
 *   for a blank or comment line, %NULL with @error for a bad one
 */
char *
sti_survey_parse_line (const char  *line,
                       GError     **error)
{
  g_autofree char *text = g_strdup (line);
  g_autoptr(StiCheckTarget) target = NULL;
  char *hash = strchr (text, '#');

  if (hash != NULL)
    *hash = '\0';
  g_strstrip (text);
  if (*text == '\0')
    return NULL;

  target = sti_check_target_parse (text, error);
  if (target == NULL)
    return NULL;

  if (target->direct)
    {
      g_set_error_literal (error, STI_INPUT_ERROR, STI_INPUT_ERROR_INVALID,
                           _("A survey checks mail domains; one server written as [host] "
                             "is not one."));
      return NULL;
    }

  return g_strdup (target->domain);
}

/**
 * sti_survey_domain_hash:
 * @domain: a normalised domain
 *
 * FNV-1a, 64 bits: the same on every machine and in every version, which
 * g_str_hash() does not promise; shards and resumed runs rely on it.
 *
 * Returns: the hash
 */
guint64
sti_survey_domain_hash (const char *domain)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *)domain; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return hash;
}

/**
 * sti_survey_parse_shard:
 * @text: "K/N", K from 0 to N − 1 (as Kubernetes' JOB_COMPLETION_INDEX)
 *
 * Returns: %TRUE with @index and @count set
 */
gboolean
sti_survey_parse_shard (const char  *text,
                        guint       *index,
                        guint       *count,
                        GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", "/", -1);
  guint64 k, n;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &k, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &n, NULL) ||
      k >= n)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a shard: write K/N, with K from 0 to N − 1 (e.g. 0/4)."),
                   text != NULL ? text : "");
      return FALSE;
    }

  *index = k;
  *count = n;
  return TRUE;
}

gboolean
sti_survey_in_shard (const char *domain,
                     guint       index,
                     guint       count)
{
  return count <= 1 || sti_survey_domain_hash (domain) % count == index;
}

static StiSurveyInput *
input_new (void)
{
  StiSurveyInput *self = g_new0 (StiSurveyInput, 1);

  self->seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->buffer = g_byte_array_new ();
  return self;
}

/**
 * sti_survey_input_new_stream:
 * @stream: a survey list
 *
 * Returns: (transfer full): the domains of @stream, read as they are asked for
 */
StiSurveyInput *
sti_survey_input_new_stream (GInputStream *stream)
{
  StiSurveyInput *self = input_new ();

  self->stream = g_object_ref (stream);
  return self;
}

/**
 * sti_survey_input_new_entries:
 * @entries: (element-type StiSurveyEntry): normalised entries (a Postfix log's)
 *
 * Returns: (transfer full): @entries, deduplicated, sharded and skipped as
 *   a list is
 */
StiSurveyInput *
sti_survey_input_new_entries (GPtrArray *entries)
{
  StiSurveyInput *self = input_new ();

  self->entries = g_ptr_array_ref (entries);
  return self;
}

void
sti_survey_input_free (StiSurveyInput *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_byte_array_unref (self->buffer);
  g_hash_table_unref (self->seen);
  g_free (self);
}

void
sti_survey_input_set_shard (StiSurveyInput *self,
                            guint           index,
                            guint           count)
{
  self->shard_index = index;
  self->shard_count = count;
}

void
sti_survey_input_set_bad_line_func (StiSurveyInput       *self,
                                    StiSurveyBadLineFunc  func,
                                    gpointer              user_data)
{
  self->bad_line = func;
  self->bad_line_data = user_data;
}

/* Remembers @domain as given: TRUE if it is new. */
static gboolean
remember (StiSurveyInput *self,
          const char     *domain)
{
  gpointer key = GSIZE_TO_POINTER ((gsize)sti_survey_domain_hash (domain));

  return g_hash_table_add (self->seen, key);
}

/**
 * sti_survey_input_skip:
 * @domain: a normalised domain already done (in the output of an earlier run)
 */
void
sti_survey_input_skip (StiSurveyInput *self,
                       const char     *domain)
{
  remember (self, domain);
}

static void
report_bad_line (StiSurveyInput *self,
                 const char     *message)
{
  if (self->bad_line != NULL)
    self->bad_line (self->line_number, message, self->bad_line_data);
}

/* Reads one more chunk behind what is left of the buffer. */
static gboolean
fill_buffer (StiSurveyInput  *self,
             GError         **error)
{
  guint8 chunk[READ_CHUNK];
  gssize n;

  g_byte_array_remove_range (self->buffer, 0, self->pos);
  self->pos = 0;
  n = g_input_stream_read (self->stream, chunk, sizeof chunk, NULL, error);
  if (n < 0)
    return FALSE;
  self->eof = n == 0;
  g_byte_array_append (self->buffer, chunk, n);
  return TRUE;
}

/* The next whole line, without its end; NULL at the end of the input. A
 * line longer than MAX_LINE_LENGTH is reported and dropped. */
static char *
read_line (StiSurveyInput  *self,
           GError         **error)
{
  for (;;)
    {
      const guint8 *start = self->buffer->data + self->pos;
      gsize avail = self->buffer->len - self->pos;
      /* memchr() takes no NULL, which an empty buffer's data may be. */
      const guint8 *nl = avail > 0 ? memchr (start, '\n', avail) : NULL;
      gsize len = nl != NULL ? (gsize)(nl - start) : avail;
      char *line;

      if (nl == NULL && !self->eof && avail <= MAX_LINE_LENGTH)
        {
          if (!fill_buffer (self, error))
            return NULL;
          continue;
        }

      if (nl == NULL && avail == 0)
        return NULL;

      self->pos += nl != NULL ? len + 1 : len;
      if (len > MAX_LINE_LENGTH || self->overlong)
        {
          /* Report once; keep dropping up to the line's end. */
          if (!self->overlong)
            {
              self->line_number++;
              report_bad_line (self, _("The line is too long to name a domain."));
            }
          self->overlong = nl == NULL;
          continue;
        }

      self->line_number++;
      if (memchr (start, '\0', len) != NULL)
        {
          report_bad_line (self, _("The line holds a NUL byte."));
          continue;
        }
      line = g_strndup ((const char *)start, len);
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      return line;
    }
}

static StiSurveyEntry *
next_from_stream (StiSurveyInput  *self,
                  GError         **error)
{
  for (;;)
    {
      g_autofree char *line = NULL;
      g_autofree char *domain = NULL;
      g_autoptr(GError) bad = NULL;
      GError *local_error = NULL;

      line = read_line (self, &local_error);
      if (line == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return NULL;
        }

      domain = sti_survey_parse_line (line, &bad);
      if (domain != NULL)
        return sti_survey_entry_new (domain, 0, NULL);
      if (bad != NULL)
        report_bad_line (self, bad->message);
    }
}

/**
 * sti_survey_input_next:
 * @error: a read error; bad lines are no error (see
 *   sti_survey_input_set_bad_line_func())
 *
 * Returns: (transfer full) (nullable): the next domain to check; %NULL at
 *   the end, or with @error set
 */
StiSurveyEntry *
sti_survey_input_next (StiSurveyInput  *self,
                       GError         **error)
{
  for (;;)
    {
      StiSurveyEntry *entry;

      if (self->entries != NULL)
        {
          if (self->next_entry >= self->entries->len)
            return NULL;
          entry = g_ptr_array_index (self->entries, self->next_entry++);
          entry = sti_survey_entry_new (entry->domain, entry->weight, entry->postfix_tls);
        }
      else if ((entry = next_from_stream (self, error)) == NULL)
        {
          return NULL;
        }

      if (sti_survey_in_shard (entry->domain, self->shard_index, self->shard_count) &&
          remember (self, entry->domain))
        return entry;

      sti_survey_entry_free (entry);
    }
}
