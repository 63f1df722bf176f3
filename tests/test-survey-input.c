/* test-survey-input.c: a survey's input (lists, Postfix logs), its shards
 * and its results file as a resumed run reads it
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-input.h"
#include "sti-survey-postfix.h"
#include "sti-survey-results.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  GString *lines;   /* "LINE: message\n" per bad line */
} BadLines;

static void
bad_line_cb (guint       line,
             const char *message,
             gpointer    user_data)
{
  BadLines *bad = user_data;

  g_string_append_printf (bad->lines, "%u: %s\n", line, message);
}

static GInputStream *
stream_of (const char *text,
           gssize      len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize)len);

  return g_memory_input_stream_new_from_bytes (bytes);
}

/* Every domain the input gives, one per line. */
static char *
drain (StiSurveyInput *input)
{
  GString *out = g_string_new (NULL);
  StiSurveyEntry *entry;
  g_autoptr(GError) error = NULL;

  while ((entry = sti_survey_input_next (input, &error)) != NULL)
    {
      g_string_append_printf (out, "%s\n", entry->domain);
      sti_survey_entry_free (entry);
    }
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

/* What a user writes: comments, blank lines, addresses, upper case, a
 * trailing dot, Windows line ends; the same domain twice counts once. */
static void
test_list (void)
{
  static const char list[] =
    "# mail domains we send to\n"
    "\n"
    "example.org\n"
    "   Bob@Example.ORG   # the same domain, as an address\n"
    "example.net.\r\n"
    "bücher.example\n"
    "xn--bcher-kva.example\n"
    "two words.example\n"
    "[192.0.2.1]:25\n"
    "user@\n"
    "\t\n"
    "last.example";
  g_autoptr(GInputStream) stream = stream_of (list, -1);
  g_autoptr(StiSurveyInput) input = sti_survey_input_new_stream (stream);
  BadLines bad = { g_string_new (NULL) };
  g_autofree char *domains = NULL;

  sti_survey_input_set_bad_line_func (input, bad_line_cb, &bad);
  domains = drain (input);

  g_assert_cmpstr (domains, ==,
                   "example.org\nexample.net\nxn--bcher-kva.example\nlast.example\n");
  /* Bad lines by number, and the run went on past them. */
  g_assert_nonnull (strstr (bad.lines->str, "8: A domain name cannot contain spaces."));
  g_assert_nonnull (strstr (bad.lines->str, "9: A survey checks mail domains"));
  g_assert_nonnull (strstr (bad.lines->str, "10: Nothing follows the “@”"));
  g_assert_null (strstr (bad.lines->str, "11:"));
  g_string_free (bad.lines, TRUE);
}

/* Hostile input: a line of 1 MiB, a NUL byte; neither stops the list. */
static void
test_list_hostile (void)
{
  static const char tail[] = "\nnul\0.example\nafter.example\n";
  GByteArray *bytes = g_byte_array_new ();
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(StiSurveyInput) input = NULL;
  BadLines bad = { g_string_new (NULL) };
  g_autofree char *domains = NULL;

  g_byte_array_append (bytes, (const guint8 *)"first.example\n", 14);
  for (guint i = 0; i < 1024 * 1024; i++)
    g_byte_array_append (bytes, (const guint8 *)"a", 1);
  g_byte_array_append (bytes, (const guint8 *)tail, sizeof tail - 1);
  data = g_byte_array_free_to_bytes (bytes);
  stream = g_memory_input_stream_new_from_bytes (data);

  input = sti_survey_input_new_stream (stream);
  sti_survey_input_set_bad_line_func (input, bad_line_cb, &bad);
  domains = drain (input);
  g_assert_cmpstr (domains, ==, "first.example\nafter.example\n");
  g_assert_nonnull (strstr (bad.lines->str, "2: The line is too long"));
  g_assert_nonnull (strstr (bad.lines->str, "3: The line holds a NUL byte."));
  g_string_free (bad.lines, TRUE);
}

/* The hash is FNV-1a 64, fixed for ever: shards of one survey may run
 * different versions of the tool. */
static void
test_hash_stable (void)
{
  g_assert_cmpuint (sti_survey_domain_hash (""), ==, G_GUINT64_CONSTANT (0xcbf29ce484222325));
  g_assert_cmpuint (sti_survey_domain_hash ("a"), ==, G_GUINT64_CONSTANT (0xaf63dc4c8601ec8c));
  g_assert_cmpuint (sti_survey_domain_hash ("foobar"), ==,
                    G_GUINT64_CONSTANT (0x85944171f73967e8));
}

static void
test_shard_parse (void)
{
  guint k = 9, n = 9;
  g_autoptr(GError) error = NULL;

  g_assert_true (sti_survey_parse_shard ("0/4", &k, &n, NULL));
  g_assert_cmpuint (k, ==, 0);
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (sti_survey_parse_shard ("3/4", &k, &n, NULL));
  g_assert_cmpuint (k, ==, 3);

  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "4/4", "1/0", "x/2", "1", "1/2/3", "-1/2" };

      g_assert_false (sti_survey_parse_shard (bad[i], &k, &n, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
}

/* N shards of one list: every domain in exactly one of them, and the
 * shares about even. */
static void
test_shards_cover (void)
{
  const guint n_domains = 5000, n_shards = 7;
  GString *list = g_string_new (NULL);
  g_autoptr(GHashTable) count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_domains; i++)
    g_string_append_printf (list, "user%u@domain-%u.example\n", i, i);

  for (guint k = 0; k < n_shards; k++)
    {
      g_autoptr(GInputStream) stream = stream_of (list->str, list->len);
      g_autoptr(StiSurveyInput) input = sti_survey_input_new_stream (stream);
      StiSurveyEntry *entry;
      guint in_shard = 0;

      sti_survey_input_set_shard (input, k, n_shards);
      while ((entry = sti_survey_input_next (input, NULL)) != NULL)
        {
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (count, entry->domain));

          g_hash_table_insert (count, g_strdup (entry->domain), GUINT_TO_POINTER (seen + 1));
          in_shard++;
          sti_survey_entry_free (entry);
        }
      g_assert_cmpuint (in_shard, >, n_domains / n_shards / 2);
      g_assert_cmpuint (in_shard, <, n_domains / n_shards * 2);
    }

  g_assert_cmpuint (g_hash_table_size (count), ==, n_domains);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, count);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
  }
  g_string_free (list, TRUE);
}

/* What a resumed run skips is never given again. */
static void
test_skip (void)
{
  g_autoptr(GInputStream) stream = stream_of ("a.example\nb.example\nc.example\n", -1);
  g_autoptr(StiSurveyInput) input = sti_survey_input_new_stream (stream);
  g_autofree char *domains = NULL;

  sti_survey_input_skip (input, "b.example");
  domains = drain (input);
  g_assert_cmpstr (domains, ==, "a.example\nc.example\n");
}

static gboolean
collect_domain_cb (JsonNode *root,
                   gpointer  user_data)
{
  g_string_append_printf (user_data, "%s/%" G_GUINT64_FORMAT "/%s\n",
                          sti_survey_result_get_domain (root),
                          sti_survey_result_get_weight (root),
                          sti_survey_result_get_postfix_tls (root) != NULL
                          ? sti_survey_result_get_postfix_tls (root) : "-");
  return TRUE;
}

/* A results file after a kill: whole lines are results, the last one cut
 * short is not, and the length of the whole lines is where to go on. */
static void
test_results_truncated (void)
{
  static const char text[] =
    "{\"domain\":\"a.example\"}\n"
    "not json\n"
    "\n"
    "{\"domain\":\"b.example\",\"survey_weight\":12,\"postfix_tls\":\"Verified\"}\n"
    "{\"domain\":\"c.exa";
  g_autoptr(GInputStream) stream = stream_of (text, -1);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  goffset length = -1;
  guint n_bad = 0;

  g_assert_true (sti_survey_results_read (stream, collect_domain_cb, seen, &length, &n_bad,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "a.example/0/-\nb.example/12/Verified\n");
  g_assert_cmpuint (n_bad, ==, 1);
  g_assert_cmpint (length, ==, strstr (text, "{\"domain\":\"c.exa") - text);
}

/* Real Postfix lines: syslog and RFC 3339 times, journalctl, another
 * instance, the relay transport, a reused connection, deferrals,
 * truncated and foreign lines. */
static const char postfix_log[] =
  /* Debian's rsyslog, traditional time */
  "Dec  3 10:00:00 mail postfix/smtp[2201]: Verified TLS connection established to "
  "mx1.example.org[192.0.2.10]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) "
  "key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256\n"
  "Dec  3 10:00:01 mail postfix/smtp[2201]: 4F2A71C0A2B: to=<bob@example.org>, "
  "relay=mx1.example.org[192.0.2.10]:25, delay=0.52, delays=0.01/0.01/0.3/0.2, dsn=2.0.0, "
  "status=sent (250 2.0.0 OK 1701597601 x1si123)\n"
  "Dec  3 10:00:01 mail postfix/smtp[2201]: 4F2A71C0A2B: to=<alice@Example.ORG>, "
  "relay=mx1.example.org[192.0.2.10]:25, delay=0.52, delays=0.01/0.01/0.3/0.2, dsn=2.0.0, "
  "status=sent (250 2.0.0 OK 1701597601 x1si124)\n"
  /* A later message over the cached connection, from another process */
  "Dec  3 10:00:05 mail postfix/smtp[2202]: 5A1B2C3D4E: to=<carol@example.org>, "
  "relay=mx1.example.org[192.0.2.10]:25, conn_use=2, delay=0.1, delays=0/0/0/0.1, "
  "dsn=2.0.0, status=sent (250 2.0.0 OK)\n"
  /* RFC 3339 time (rsyslog's high-precision format), Anonymous TLS */
  "2026-12-03T10:00:00.123456+00:00 mail postfix/smtp[3301]: Anonymous TLS connection "
  "established to mx.plain.example[198.51.100.7]:25: TLSv1.2 with cipher "
  "ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)\n"
  "2026-12-03T10:00:00.223456+00:00 mail postfix/smtp[3301]: 3C4D5E6F7A: "
  "to=<dave@plain.example>, relay=mx.plain.example[198.51.100.7]:25, delay=1.2, "
  "delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 ok)\n"
  /* journalctl, a second instance, long queue ids, the weaker outcome wins */
  "Dec 03 10:01:00 mail postfix-out/smtp[4401]: Untrusted TLS connection established to "
  "mx1.example.org[192.0.2.11]:25: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256\n"
  "Dec 03 10:01:00 mail postfix-out/smtp[4401]: 4Nq8Jp0vYpz9sXk: to=<erin@example.org>, "
  "relay=mx1.example.org[192.0.2.11]:25, delay=0.3, dsn=2.0.0, status=sent (250 OK)\n"
  /* deferred only: checked, with weight 1; a bounce counts */
  "Dec  3 10:02:00 mail postfix/smtp[5501]: 6B7C8D9E0F: to=<frank@greylist.example>, "
  "relay=mx.greylist.example[203.0.113.5]:25, delay=300, delays=0/0/0.1/300, dsn=4.7.1, "
  "status=deferred (host mx.greylist.example[203.0.113.5] said: 450 4.7.1 Greylisted)\n"
  "Dec  3 10:02:30 mail postfix/smtp[5501]: 6B7C8D9E0F: to=<frank@greylist.example>, "
  "relay=mx.greylist.example[203.0.113.5]:25, delay=330, dsn=4.7.1, status=deferred (again)\n"
  "Dec  3 10:03:00 mail postfix/relay[6601]: 7C8D9E0F1A: to=<gina@bounce.example>, "
  "relay=mx.bounce.example[203.0.113.9]:25, delay=1, dsn=5.1.1, "
  "status=bounced (host said: 550 5.1.1 unknown user)\n"
  /* not outgoing deliveries: smtpd, qmgr, local, lmtp */
  "Dec  3 10:04:00 mail postfix/smtpd[7701]: 8D9E0F1A2B: client=in.example[192.0.2.99]\n"
  "Dec  3 10:04:00 mail postfix/qmgr[900]: 8D9E0F1A2B: from=<x@in.example>, size=1234, "
  "nrcpt=1 (queue active)\n"
  "Dec  3 10:04:01 mail postfix/local[7702]: 8D9E0F1A2B: to=<root@mail.example>, "
  "relay=local, status=sent (delivered to mailbox)\n"
  "Dec  3 10:04:01 mail postfix/lmtp[7703]: 9E0F1A2B3C: to=<u@lmtp.example>, "
  "relay=dovecot[private/dovecot-lmtp], status=sent (250 ok)\n"
  /* odd: truncated, a recipient without a domain, the null sender, rsyslog's summary */
  "Dec  3 10:05:00 mail postfix/smtp[8801]: 0F1A2B3C4D: to=<trunc@cut.exa\n"
  "Dec  3 10:05:00 mail postfix/smtp[8801]: 1A2B3C4D5E: to=<nodomain>, relay=none, "
  "status=bounced (no domain)\n"
  "Dec  3 10:05:00 mail postfix/smtp[8801]: 2B3C4D5E6F: to=<>, relay=none, status=sent\n"
  "Dec  3 10:05:01 mail rsyslogd: message repeated 3 times: [ postfix/smtp ]\n"
  "Dec  3 10:05\n"
  "garbage postfix/smtp[abc]: x: to=<a@b.example>, status=sent\n";

static char *
entries_text (StiSurveyPostfixLog *log)
{
  g_autoptr(GPtrArray) entries = sti_survey_postfix_log_dup_entries (log);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      StiSurveyEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %s\n", entry->domain, entry->weight,
                              entry->postfix_tls != NULL ? entry->postfix_tls : "-");
    }
  return g_string_free (out, FALSE);
}

static void
test_postfix_log (void)
{
  g_autoptr(StiSurveyPostfixLog) log = sti_survey_postfix_log_new ();
  g_autoptr(GInputStream) stream = stream_of (postfix_log, -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (sti_survey_postfix_log_add_stream (log, stream, &error));
  g_assert_no_error (error);
  text = entries_text (log);
  /* example.org: four messages; Verified and Untrusted logged, the weaker
   * kept; the cached connection's delivery adds no outcome. */
  g_assert_cmpstr (text, ==,
                   "example.org 4 Untrusted\n"
                   "bounce.example 1 -\n"
                   "greylist.example 1 -\n"
                   "plain.example 1 Anonymous\n");
  g_assert_cmpuint (sti_survey_postfix_log_get_n_deliveries (log), ==, 8);
}

/* Rotated logs: read one after the other, gzip or not; a process id of one
 * log says nothing about the same number in the next. */
static void
test_postfix_rotated (void)
{
  g_autoptr(StiSurveyPostfixLog) log = sti_survey_postfix_log_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sti-survey-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "mail.log.1", NULL);
  g_autofree char *gz = g_build_filename (dir, "mail.log.2.gz", NULL);
  g_autofree char *text = NULL;
  g_autofree char *argv_str = NULL;
  const char *older =
    "Dec  2 09:00:00 mail postfix/smtp[100]: Trusted TLS connection established to "
    "mx.dane.example[192.0.2.50]:25: TLSv1.3\n";
  const char *newer =
    "Dec  3 09:00:00 mail postfix/smtp[100]: ABCDEF0123: to=<x@dane.example>, "
    "relay=mx.dane.example[192.0.2.50]:25, status=sent (250 ok)\n";
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (gz, older, -1, NULL));
  argv_str = g_strdup_printf ("gzip -f %s", gz);
  g_assert_true (g_spawn_command_line_sync (argv_str, NULL, NULL, &status, NULL));
  {
    g_autofree char *zipped = g_strconcat (gz, ".gz", NULL);

    g_assert_cmpint (g_rename (zipped, gz), ==, 0);
  }
  g_assert_true (g_file_set_contents (plain, newer, -1, NULL));

  g_assert_true (sti_survey_postfix_log_add_file (log, gz, &error));
  g_assert_no_error (error);
  g_assert_true (sti_survey_postfix_log_add_file (log, plain, &error));
  g_assert_no_error (error);
  text = entries_text (log);
  g_assert_cmpstr (text, ==, "dane.example 1 -\n");

  g_remove (plain);
  g_remove (gz);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/survey/input/list", test_list);
  g_test_add_func ("/survey/input/list-hostile", test_list_hostile);
  g_test_add_func ("/survey/input/skip", test_skip);
  g_test_add_func ("/survey/shard/hash-stable", test_hash_stable);
  g_test_add_func ("/survey/shard/parse", test_shard_parse);
  g_test_add_func ("/survey/shard/cover", test_shards_cover);
  g_test_add_func ("/survey/results/truncated", test_results_truncated);
  g_test_add_func ("/survey/postfix/log", test_postfix_log);
  g_test_add_func ("/survey/postfix/rotated", test_postfix_rotated);

  return g_test_run ();
}
