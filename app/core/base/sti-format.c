/* sti-format.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-format.h"

#include "sti-text.h"

#include <glib/gi18n.h>

/* One word set for severities, used by the labels and the counts alike:
 * "Note" rather than "Information" because it has a plural ("3 notes")
 * and names one finding the way "an error" and "a warning" do. */

/**
 * sti_format_severity_label:
 * @severity: a severity
 *
 * Returns: "Error", "Warning" or "Note", translated
 */
const char *
sti_format_severity_label (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return C_("severity", "Error");
    case STI_SEVERITY_WARNING:
      return C_("severity", "Warning");
    case STI_SEVERITY_INFO:
      return C_("severity", "Note");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * sti_format_severity_count:
 * @severity: a severity
 * @n: how many findings have it
 *
 * Returns: (transfer full): "1 error", "2 warnings", "0 notes"
 */
char *
sti_format_severity_count (StiSeverity severity,
                           guint       n)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      /* Translators: the number of problems of error severity */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n), n);
    case STI_SEVERITY_WARNING:
      /* Translators: the number of problems of warning severity */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n), n);
    case STI_SEVERITY_INFO:
      /* Translators: the number of notes, problems of information severity */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n), n);
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/**
 * sti_format_counts:
 *
 * Returns: (transfer full): the findings by severity, worst first, leaving
 *   out the severities nobody has: "2 errors, 1 note"; "No problems"
 *   when there is no finding at all
 */
char *
sti_format_counts (guint errors,
                   guint warnings,
                   guint notes)
{
  const guint counts[] = { errors, warnings, notes };
  const StiSeverity severities[] = { STI_SEVERITY_ERROR, STI_SEVERITY_WARNING,
                                     STI_SEVERITY_INFO };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (counts[i] > 0)
        g_ptr_array_add (parts, sti_format_severity_count (severities[i], counts[i]));
    }
  if (parts->len == 0)
    return g_strdup (_("No problems"));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator of "2 errors, 1 warning" */
  return g_strjoinv (_(", "), (char **)parts->pdata);
}

/**
 * sti_format_bounded_list:
 * @items: (array length=n) (nullable): the items, already clean
 * @n: how many; -1 when @items is %NULL-terminated
 * @separator: what goes between two items (", ", "\n"…)
 * @max: how many to show at most; 0 for %STI_FORMAT_LIST_MAX
 *
 * Joins a list that a server controls for display, so that 5,000 names
 * in one certificate make one line and not a hundred pages: the first
 * @max items, then "and 4,980 more". A tail after a newline separator
 * goes on a line of its own.
 *
 * Returns: (transfer full): "a, b, c", "a, b and 4,998 more", or "" for
 *   no items
 */
char *
sti_format_bounded_list (const char * const *items,
                         gssize              n,
                         const char         *separator,
                         guint               max)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len = 0;
  gsize shown;

  g_return_val_if_fail (separator != NULL, g_strdup (""));

  if (items != NULL)
    len = n >= 0 ? (gsize)n : g_strv_length ((char **)items);
  if (max == 0)
    max = STI_FORMAT_LIST_MAX;
  shown = MIN (len, max);

  for (gsize i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, items[i] != NULL ? items[i] : "");
    }
  if (len > shown)
    {
      gsize rest = len - shown;
      g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, rest);

      g_string_append (out, strchr (separator, '\n') != NULL ? separator : " ");
      /* Translators: ends a shortened list, "a, b, c and 4,997 more";
       * %s is the number of items left out */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "and %s more",
                                                "and %s more", rest),
                              count);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * sti_format_duration:
 * @microseconds: a measured duration; negative for a stage never reached
 *
 * Returns: (transfer full): "0.4 ms", "35.2 ms", "1.25 s", or "—"
 */
char *
sti_format_duration (gint64 microseconds)
{
  if (microseconds < 0)
    return g_strdup ("—");
  /* 999.95 ms and up would round to "1000.0 ms": that is a second. */
  if (microseconds < G_USEC_PER_SEC - 50)
    /* Translators: a duration in milliseconds, with one decimal */
    return g_strdup_printf (_("%.1f ms"), microseconds / 1000.0);
  /* Translators: a duration in seconds, with two decimals */
  return g_strdup_printf (_("%.2f s"), microseconds / (double)G_USEC_PER_SEC);
}

static char *
whole_seconds (gint64 seconds)
{
  /* Translators: a duration in whole seconds */
  return g_strdup_printf (_("%lld s"), (long long)seconds);
}

/**
 * sti_format_timeout:
 * @milliseconds: a configured time limit
 *
 * Returns: (transfer full): "30 s" for whole seconds, "1500 ms"
 *   otherwise, "—" for a negative value
 */
char *
sti_format_timeout (gint64 milliseconds)
{
  if (milliseconds < 0)
    return g_strdup ("—");
  if (milliseconds >= 1000 && milliseconds % 1000 == 0)
    return whole_seconds (milliseconds / 1000);

  /* Translators: a duration in whole milliseconds */
  return g_strdup_printf (_("%lld ms"), (long long)milliseconds);
}

/**
 * sti_format_elapsed:
 * @microseconds: the time since something started
 *
 * For a clock that ticks while a check runs.
 *
 * Returns: (transfer full): whole seconds, "12 s"; a negative time is "0 s"
 */
char *
sti_format_elapsed (gint64 microseconds)
{
  return whole_seconds (MAX (microseconds, 0) / G_USEC_PER_SEC);
}

/**
 * sti_format_transcript_mark:
 *
 * Returns: "C:" for what we sent, "S:" for what the server sent, "--"
 *   for an event (connection, TLS, timeout): two characters each, so the
 *   text of the lines starts in one column; sti_format_transcript_legend()
 *   explains them
 */
const char *
sti_format_transcript_mark (StiTranscriptKind kind)
{
  switch (kind)
    {
    case STI_TRANSCRIPT_CLIENT:
      return "C:";
    case STI_TRANSCRIPT_SERVER:
      return "S:";
    case STI_TRANSCRIPT_EVENT:
    default:
      return "--";
    }
}

/**
 * sti_format_transcript_legend:
 *
 * Returns: the heading of a transcript written by sti_format_transcript()
 */
const char *
sti_format_transcript_legend (void)
{
  /* Translators: keep "C:", "S:" and "--": they are the marks of the transcript lines */
  return _("SMTP transcript (C: client, S: server, --: event; times in ms)");
}

/**
 * sti_format_transcript_text:
 * @line: a transcript line
 *
 * A command or a reply is raw bytes, sanitized here. An event is our own
 * sentence whose server text (a reply, a bad line's head) was sanitized
 * when the sentence was made, so it is only cleaned (sti_text_clean_len()
 * leaves clean text as it is): no escape is ever escaped again.
 *
 * Returns: (transfer full): the line's text for display, without a time
 *   or a mark
 */
char *
sti_format_transcript_text (const StiTranscriptLine *line)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (line != NULL, NULL);

  if (line->raw == NULL)
    return g_strdup ("");

  data = g_bytes_get_data (line->raw, &len);
  if (line->kind == STI_TRANSCRIPT_EVENT)
    return sti_text_clean_len (data, len);

  return sti_text_sanitize (data, len);
}

/**
 * sti_format_transcript_line:
 * @line: a transcript line
 * @with_time: whether to start with the time since the connection began
 *
 * Returns: (transfer full): "   12.345 S: 220 mx.example.org ESMTP" (the
 *   time in milliseconds), or without time "S: 220 mx.example.org ESMTP";
 *   the raw bytes sanitized, without a line end
 */
char *
sti_format_transcript_line (const StiTranscriptLine *line,
                            gboolean                 with_time)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (line != NULL, NULL);

  text = sti_format_transcript_text (line);
  g_strchomp (text);
  if (with_time)
    return g_strdup_printf ("%9.3f %s%s%s", line->offset_us / 1000.0,
                            sti_format_transcript_mark (line->kind),
                            text[0] != '\0' ? " " : "", text);
  return g_strdup_printf ("%s%s%s", sti_format_transcript_mark (line->kind),
                          text[0] != '\0' ? " " : "", text);
}

/**
 * sti_format_transcript:
 * @transcript: (nullable) (element-type StiTranscriptLine): the lines
 * @indent: (nullable): what to put before each line
 *
 * Returns: (transfer full): every line with its time
 *   (sti_format_transcript_line()), each ended by a newline; "" for none
 */
char *
sti_format_transcript (GPtrArray  *transcript,
                       const char *indent)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; transcript != NULL && i < transcript->len; i++)
    {
      g_autofree char *line = sti_format_transcript_line (g_ptr_array_index (transcript, i),
                                                          TRUE);

      g_string_append_printf (out, "%s%s\n", indent != NULL ? indent : "", line);
    }

  return g_string_free (out, FALSE);
}

/**
 * sti_format_dnssec_status:
 * @status: what the validator said of an answer
 *
 * Returns: "secure", "insecure", "bogus" or "not-validated", translated;
 *   JSON keeps sti_dnssec_status_to_string()
 */
const char *
sti_format_dnssec_status (StiDnssecStatus status)
{
  switch (status)
    {
    case STI_DNSSEC_NOT_VALIDATED:
      /* Translators: a DNS answer whose DNSSEC signatures nobody checked */
      return C_("DNSSEC status", "not-validated");
    case STI_DNSSEC_INSECURE:
      /* Translators: a DNS answer from a zone without DNSSEC signatures */
      return C_("DNSSEC status", "insecure");
    case STI_DNSSEC_SECURE:
      /* Translators: a DNS answer whose DNSSEC signatures are valid */
      return C_("DNSSEC status", "secure");
    case STI_DNSSEC_BOGUS:
      /* Translators: a DNS answer whose DNSSEC signatures are broken */
      return C_("DNSSEC status", "bogus");
    default:
      return sti_dnssec_status_to_string (status);
    }
}

/**
 * sti_format_fingerprint:
 * @hex: (nullable): a digest in hex as the model stores it ("ab12…")
 *
 * Returns: (transfer full): "AB:12:…", the form the certificate viewer and
 *   `openssl x509 -fingerprint` show; anything that is not hex unchanged
 */
char *
sti_format_fingerprint (const char *hex)
{
  g_autofree guint8 *digest = NULL;
  gsize len = 0;

  if (hex == NULL)
    return g_strdup ("");
  digest = sti_hex_decode (hex, &len);
  if (digest == NULL || len == 0)
    return g_strdup (hex);

  return sti_hex_encode_separated (digest, len, ":");
}

/**
 * sti_format_certificate_number:
 * @position: a certificate's place in the chain as sent, 0 for the server's own
 *
 * How every format, every finding and the window number the certificates
 * of a chain: from #0, the server's own certificate. It is the count of the
 * JSON `position` parameters and of `openssl s_client -showcerts`, which the
 * fix texts tell people to run.
 *
 * Returns: (transfer full): "#0", "#1", …
 */
char *
sti_format_certificate_number (guint position)
{
  return g_strdup_printf ("#%u", position);
}

/**
 * sti_format_certificate_heading:
 * @position: as for sti_format_certificate_number()
 *
 * Returns: (transfer full): "Certificate #0 (the server's own)",
 *   "Certificate #1", …: the heading of one certificate of a chain
 */
char *
sti_format_certificate_heading (guint position)
{
  g_autofree char *number = sti_format_certificate_number (position);

  if (position == 0)
    /* Translators: %s is "#0", the number of the server's own certificate in its chain */
    return g_strdup_printf (_("Certificate %s (the server's own)"), number);
  /* Translators: %s is "#1", "#2", …: the place of a certificate in the chain sent */
  return g_strdup_printf (_("Certificate %s"), number);
}

static char *
format_utc (GDateTime  *date,
            const char *format)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return g_strdup (_("unknown"));
  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, format);
}

/**
 * sti_format_date_time:
 * @date: (nullable): a moment
 *
 * Returns: (transfer full): @date in UTC, "2026-11-28 17:35:01 UTC", the
 *   form reports use (each language has its own); "unknown" for %NULL
 */
char *
sti_format_date_time (GDateTime *date)
{
  /* Translators: a date and time in UTC, in g_date_time_format()'s codes
   * (%Y year, %m month, %d day, %H:%M:%S time); write it the way your
   * language does, e.g. "%d.%m.%Y %H:%M:%S UTC".
   * xgettext:no-c-format */
  return format_utc (date, _("%Y-%m-%d %H:%M:%S UTC"));
}

/**
 * sti_format_date_time_local:
 * @date: (nullable): a moment
 *
 * Returns: (transfer full): @date in local time to the minute,
 *   "2026-11-28 18:35 CET", for the window; "unknown" for %NULL
 */
char *
sti_format_date_time_local (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL || (local = g_date_time_to_local (date)) == NULL)
    return g_strdup (_("unknown"));
  /* Translators: a local date and time, in g_date_time_format()'s codes
   * (%Y year, %m month, %d day, %H:%M time, %Z time zone); write it the
   * way your language does, e.g. "%d.%m.%Y %H:%M %Z".
   * xgettext:no-c-format */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M %Z"));
}

/**
 * sti_format_date:
 * @date: (nullable): a moment
 *
 * Returns: (transfer full): the day of @date in UTC, "2026-11-28";
 *   "unknown" for %NULL
 */
char *
sti_format_date (GDateTime *date)
{
  /* Translators: a date, in g_date_time_format()'s codes (%Y year, %m
   * month, %d day); write it the way your language does, e.g. "%d.%m.%Y".
   * xgettext:no-c-format */
  return format_utc (date, _("%Y-%m-%d"));
}

/**
 * sti_format_expiry:
 * @not_after: (nullable): when a certificate expires
 * @now: the moment to count from
 *
 * Returns: (transfer full): "2026-12-01 (in 5 days)",
 *   "2026-11-03 (expired 30 days ago)", "… (expires today)" or
 *   "… (expired today)" within a day; "unknown" for %NULL
 */
char *
sti_format_expiry (GDateTime *not_after,
                   GDateTime *now)
{
  g_autofree char *date = NULL;
  GTimeSpan left;
  gulong days;

  g_return_val_if_fail (now != NULL, NULL);

  if (not_after == NULL)
    return g_strdup (_("unknown"));

  date = sti_format_date (not_after);
  left = g_date_time_difference (not_after, now);
  /* Whole days, rounded towards zero on either side of @now. */
  days = (gulong)MIN ((left < 0 ? -(left / G_TIME_SPAN_DAY) : left / G_TIME_SPAN_DAY),
                      (GTimeSpan)G_MAXINT);

  if (days == 0)
    /* Translators: %s is a date */
    return g_strdup_printf (left < 0 ? _("%s (expired today)")
                                     /* Translators: %s is a date */
                                     : _("%s (expires today)"), date);
  if (left < 0)
    /* Translators: a date, then a number of days */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (expired %d day ago)",
                                         "%s (expired %d days ago)", days),
                            date, (int)days);
  /* Translators: a date, then a number of days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (in %d day)", "%s (in %d days)",
                                       days),
                          date, (int)days);
}
