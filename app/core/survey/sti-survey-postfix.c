/* sti-survey-postfix.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-postfix.h"

#include "sti-survey-input.h"

#include <string.h>

/* The recipient domains of a Postfix log's outgoing deliveries, weighted
 * by messages, with the TLS outcome Postfix logged for them.
 *
 * What is read, whatever comes before the program name (a syslog time
 * "Dec  3 10:00:00 host", an RFC 3339 one
 * "2026-12-03T10:00:00.123456+00:00 host", journalctl's, or nothing):
 *
 *   postfix/smtp[PID]: Verified TLS connection established to HOST[IP]:25: …
 *   postfix/smtp[PID]: QUEUEID: to=<user@DOMAIN>, relay=HOST[IP]:25, …, status=sent (…)
 *
 * The program may be any instance ("postfix-out/smtp") or the "relay"
 * transport, which is smtp under another name. A delivery's TLS outcome is
 * the one its process logged last for the same relay; a delivery over a
 * cached connection (conn_use=2 and up) has none of its own and keeps the
 * unknown outcome. Every other line (smtpd, qmgr, truncated, repeated) is
 * skipped.
 *
 * Weight: a sent or bounced recipient is one message to its domain; a
 * domain that was only ever deferred counts one, so that it is checked
 * too. The outcome kept per domain is the weakest one seen: the one a
 * stricter policy would break first. Memory grows with the number of
 * recipient domains and of live smtp processes, not with the log. */

#define MAX_LINE_LENGTH 16384

typedef struct
{
  guint64  messages;
  gboolean deferred;
  int      tls_rank;   /* -1: unknown */
} DomainTally;

struct _StiSurveyPostfixLog
{
  GHashTable *domains;    /* domain -> DomainTally */
  GHashTable *tls_by_pid; /* "PID" -> "RELAY\nLEVEL" */
  guint       deliveries;
};

/* Weakest first. */
static const char * const tls_levels[] = { "Anonymous", "Untrusted", "Verified", "Trusted" };

StiSurveyPostfixLog *
sti_survey_postfix_log_new (void)
{
  StiSurveyPostfixLog *self = g_new0 (StiSurveyPostfixLog, 1);

  self->domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->tls_by_pid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
sti_survey_postfix_log_free (StiSurveyPostfixLog *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->domains);
  g_hash_table_unref (self->tls_by_pid);
  g_free (self);
}

/* Finds "postfix…/smtp[PID]: " (or …/relay[…]) and returns the message
 * after it, with the PID copied into @pid. */
static const char *
find_smtp_message (const char *line,
                   char       *pid,
                   gsize       pid_size)
{
  const char *tag = line;

  while ((tag = strstr (tag, "postfix")) != NULL)
    {
      const char *open, *close, *program;

      if (tag != line && tag[-1] != ' ')
        {
          tag++;
          continue;
        }
      open = strchr (tag, '[');
      if (open == NULL || memchr (tag, ' ', open - tag) != NULL)
        return NULL;
      program = open;
      while (program > tag && program[-1] != '/')
        program--;
      close = strchr (open, ']');
      if (close == NULL || close[1] != ':' || close[2] != ' ' ||
          (gsize)(close - open - 1) >= pid_size || close - open < 2)
        return NULL;
      if (!((open - program == 4 && strncmp (program, "smtp", 4) == 0) ||
            (open - program == 5 && strncmp (program, "relay", 5) == 0)))
        return NULL;
      for (const char *p = open + 1; p < close; p++)
        if (!g_ascii_isdigit (*p))
          return NULL;
      memcpy (pid, open + 1, close - open - 1);
      pid[close - open - 1] = '\0';
      return close + 3;
    }

  return NULL;
}

/* The value of "NAME=" in a delivery line, up to the next ", " (or the
 * line's end), or NULL. */
static char *
field (const char *message,
       const char *name)
{
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *p = message;
  const char *end;

  while ((p = strstr (p, key)) != NULL)
    {
      if (p == message || p[-1] == ' ')
        break;
      p++;
    }
  if (p == NULL)
    return NULL;

  p += strlen (key);
  end = strstr (p, ", ");
  if (end == NULL)
    end = p + strcspn (p, " ");
  return g_strndup (p, end - p);
}

/* "Verified TLS connection established to HOST[IP]:PORT: …" */
static void
handle_tls_line (StiSurveyPostfixLog *self,
                 const char          *pid,
                 const char          *message)
{
  static const char marker[] = " TLS connection established to ";
  const char *at = strstr (message, marker);
  const char *relay, *end;

  if (at == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (tls_levels); i++)
    {
      gsize len = strlen (tls_levels[i]);

      if ((gsize)(at - message) != len || strncmp (message, tls_levels[i], len) != 0)
        continue;

      relay = at + strlen (marker);
      end = strstr (relay, ": ");
      if (end == NULL)
        end = relay + strlen (relay);
      g_hash_table_insert (self->tls_by_pid, g_strdup (pid),
                           g_strdup_printf ("%.*s\n%u", (int)(end - relay), relay, i));
      return;
    }
}

/* The rank of the TLS outcome this process logged for @relay, or -1. */
static int
tls_rank_for (StiSurveyPostfixLog *self,
              const char          *pid,
              const char          *relay,
              const char          *message)
{
  const char *logged = g_hash_table_lookup (self->tls_by_pid, pid);
  g_autofree char *conn_use = field (message, "conn_use");
  const char *nl;

  if (logged == NULL || relay == NULL || (conn_use != NULL && !g_str_equal (conn_use, "1")))
    return -1;

  nl = strchr (logged, '\n');
  if ((gsize)(nl - logged) != strlen (relay) || strncmp (logged, relay, nl - logged) != 0)
    return -1;

  return (int)g_ascii_strtoll (nl + 1, NULL, 10);
}

static void
handle_delivery (StiSurveyPostfixLog *self,
                 const char          *pid,
                 const char          *message)
{
  g_autofree char *to = field (message, "to");
  g_autofree char *relay = field (message, "relay");
  g_autofree char *status = field (message, "status");
  g_autofree char *domain = NULL;
  DomainTally *tally;
  int rank;

  if (to == NULL || status == NULL || !g_str_has_prefix (to, "<") || !g_str_has_suffix (to, ">"))
    return;
  if (!g_str_equal (status, "sent") && !g_str_equal (status, "bounced") &&
      !g_str_equal (status, "deferred"))
    return;

  to[strlen (to) - 1] = '\0';
  if (strrchr (to, '@') == NULL)
    return;
  domain = sti_survey_parse_line (strrchr (to, '@') + 1, NULL);
  if (domain == NULL)
    return;

  tally = g_hash_table_lookup (self->domains, domain);
  if (tally == NULL)
    {
      tally = g_new0 (DomainTally, 1);
      tally->tls_rank = -1;
      g_hash_table_insert (self->domains, g_strdup (domain), tally);
    }

  self->deliveries++;
  if (g_str_equal (status, "deferred"))
    tally->deferred = TRUE;
  else
    tally->messages++;

  rank = tls_rank_for (self, pid, relay, message);
  if (rank >= 0 && (tally->tls_rank < 0 || rank < tally->tls_rank))
    tally->tls_rank = rank;
}

/**
 * sti_survey_postfix_log_add_line:
 * @line: one line of a Postfix log, without its line end
 */
void
sti_survey_postfix_log_add_line (StiSurveyPostfixLog *self,
                                 const char          *line)
{
  char pid[16];
  const char *message = find_smtp_message (line, pid, sizeof pid);
  const char *colon;

  if (message == NULL)
    return;

  colon = strchr (message, ':');
  if (colon != NULL && colon[1] == ' ' && strspn (message, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                   "abcdefghijklmnopqrstuvwxyz") ==
                                          (gsize)(colon - message) && colon > message)
    handle_delivery (self, pid, colon + 2);
  else
    handle_tls_line (self, pid, message);
}

/**
 * sti_survey_postfix_log_add_stream:
 * @stream: a Postfix log (plain text)
 *
 * Reads every line of @stream. Process ids start again at the end: the
 * next log (a rotated one, read in any order) is another stretch of time.
 */
gboolean
sti_survey_postfix_log_add_stream (StiSurveyPostfixLog  *self,
                                   GInputStream         *stream,
                                   GError              **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (stream);

  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  for (;;)
    {
      GError *local_error = NULL;
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_line (data, &len, NULL, &local_error);

      if (line == NULL)
        {
          g_hash_table_remove_all (self->tls_by_pid);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          return TRUE;
        }
      if (len <= MAX_LINE_LENGTH && strlen (line) == len)
        sti_survey_postfix_log_add_line (self, line);
    }
}

/**
 * sti_survey_postfix_log_add_file:
 * @path: a Postfix log; compressed with gzip when rotated (mail.log.2.gz)
 */
gboolean
sti_survey_postfix_log_add_file (StiSurveyPostfixLog  *self,
                                 const char           *path,
                                 GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, error);
  g_autoptr(GInputStream) stream = NULL;
  guint8 magic[2] = { 0, 0 };

  if (raw == NULL)
    return FALSE;

  /* gzip, by its magic number rather than its name */
  if (g_input_stream_read (G_INPUT_STREAM (raw), magic, 2, NULL, NULL) == 2 &&
      magic[0] == 0x1f && magic[1] == 0x8b)
    {
      g_autoptr(GZlibDecompressor) gunzip =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      if (!g_seekable_seek (G_SEEKABLE (raw), 0, G_SEEK_SET, NULL, error))
        return FALSE;
      stream = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
    }
  else if (!g_seekable_seek (G_SEEKABLE (raw), 0, G_SEEK_SET, NULL, error))
    {
      return FALSE;
    }
  else
    {
      stream = g_object_ref (G_INPUT_STREAM (raw));
    }

  return sti_survey_postfix_log_add_stream (self, stream, error);
}

/* Returns: recipient lines read (sent, bounced or deferred) */
guint
sti_survey_postfix_log_get_n_deliveries (StiSurveyPostfixLog *self)
{
  return self->deliveries;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const StiSurveyEntry *x = *(StiSurveyEntry * const *)a;
  const StiSurveyEntry *y = *(StiSurveyEntry * const *)b;

  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return strcmp (x->domain, y->domain);
}

/**
 * sti_survey_postfix_log_dup_entries:
 *
 * Returns: (transfer container) (element-type StiSurveyEntry): one entry per
 *   recipient domain, most messages first
 */
GPtrArray *
sti_survey_postfix_log_dup_entries (StiSurveyPostfixLog *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_survey_entry_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->domains);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      DomainTally *tally = value;
      guint64 weight = tally->messages > 0 ? tally->messages : 1;

      g_ptr_array_add (entries,
                       sti_survey_entry_new (key, weight, tally->tls_rank >= 0
                                                          ? tls_levels[tally->tls_rank]
                                                          : NULL));
    }
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}
