/* test-format.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sti-catalog.h"
#include "sti-domain-report-private.h"
#include "sti-finding.h"
#include "sti-format.h"
#include "sti-report-format.h"
#include "sti-text.h"

/* Formats people read: severities, counts, durations, transcripts,
 * fingerprints, dates; and the text cleaning every one of them relies on. */

static void
test_severity_label (void)
{
  g_assert_cmpstr (sti_format_severity_label (STI_SEVERITY_ERROR), ==, "Error");
  g_assert_cmpstr (sti_format_severity_label (STI_SEVERITY_WARNING), ==, "Warning");
  g_assert_cmpstr (sti_format_severity_label (STI_SEVERITY_INFO), ==, "Note");

  /* The machine token stays what JSON always wrote. */
  g_assert_cmpstr (sti_severity_to_string (STI_SEVERITY_INFO), ==, "info");
  g_assert_cmpstr (sti_severity_to_string (STI_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (sti_severity_to_string (STI_SEVERITY_ERROR), ==, "error");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*should not be reached*");
  g_assert_cmpstr (sti_format_severity_label ((StiSeverity)42), ==, "");
  g_test_assert_expected_messages ();
}

static void
assert_take (char       *text,
             const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_severity_count (void)
{
  assert_take (sti_format_severity_count (STI_SEVERITY_ERROR, 0), "0 errors");
  assert_take (sti_format_severity_count (STI_SEVERITY_ERROR, 1), "1 error");
  assert_take (sti_format_severity_count (STI_SEVERITY_ERROR, 2), "2 errors");
  assert_take (sti_format_severity_count (STI_SEVERITY_WARNING, 1), "1 warning");
  assert_take (sti_format_severity_count (STI_SEVERITY_WARNING, 7), "7 warnings");
  assert_take (sti_format_severity_count (STI_SEVERITY_INFO, 1), "1 note");
  assert_take (sti_format_severity_count (STI_SEVERITY_INFO, G_MAXUINT), "4294967295 notes");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*should not be reached*");
  assert_take (sti_format_severity_count ((StiSeverity)42, 1), "");
  g_test_assert_expected_messages ();
}

static void
test_counts (void)
{
  assert_take (sti_format_counts (0, 0, 0), "No problems");
  assert_take (sti_format_counts (1, 0, 0), "1 error");
  assert_take (sti_format_counts (0, 2, 0), "2 warnings");
  assert_take (sti_format_counts (0, 0, 1), "1 note");
  assert_take (sti_format_counts (2, 1, 0), "2 errors, 1 warning");
  assert_take (sti_format_counts (1, 0, 3), "1 error, 3 notes");
  assert_take (sti_format_counts (1, 1, 1), "1 error, 1 warning, 1 note");
  assert_take (sti_format_counts (G_MAXUINT, G_MAXUINT, G_MAXUINT),
               "4294967295 errors, 4294967295 warnings, 4294967295 notes");
}

static void
add_finding (StiDomainReport *report,
             const char      *id,
             StiSeverity      severity)
{
  g_autoptr(StiFinding) finding = sti_finding_new_with_severity (id, severity, NULL, "");

  sti_domain_report_add_finding (report, finding);
}

static void
test_report_counts (void)
{
  g_autoptr(StiDomainReport) report = sti_domain_report_new ();

  assert_take (sti_format_report_counts (report), "No problems");

  add_finding (report, "null-mx", STI_SEVERITY_INFO);
  assert_take (sti_format_report_counts (report), "1 note");

  add_finding (report, "dns-servfail", STI_SEVERITY_ERROR);
  add_finding (report, "dns-timeout", STI_SEVERITY_ERROR);
  assert_take (sti_format_report_counts (report), "2 errors, 1 note");
}

static void
test_duration (void)
{
  assert_take (sti_format_duration (-1), "—");
  assert_take (sti_format_duration (G_MININT64), "—");
  assert_take (sti_format_duration (0), "0.0 ms");
  assert_take (sti_format_duration (400), "0.4 ms");
  assert_take (sti_format_duration (35200), "35.2 ms");
  assert_take (sti_format_duration (999949), "999.9 ms");
  /* Never "1000.0 ms". */
  assert_take (sti_format_duration (999950), "1.00 s");
  assert_take (sti_format_duration (G_USEC_PER_SEC), "1.00 s");
  assert_take (sti_format_duration (1250000), "1.25 s");
  assert_take (sti_format_duration (120 * G_USEC_PER_SEC), "120.00 s");

  {
    g_autofree char *huge = sti_format_duration (G_MAXINT64);

    g_assert_true (g_str_has_prefix (huge, "9223372036854."));
    g_assert_true (g_str_has_suffix (huge, " s"));
  }
}

static void
test_timeout (void)
{
  assert_take (sti_format_timeout (-1), "—");
  assert_take (sti_format_timeout (0), "0 ms");
  assert_take (sti_format_timeout (999), "999 ms");
  assert_take (sti_format_timeout (1000), "1 s");
  assert_take (sti_format_timeout (1500), "1500 ms");
  assert_take (sti_format_timeout (30000), "30 s");
  /* Past what a guint or a double holds exactly. */
  assert_take (sti_format_timeout ((gint64)G_MAXUINT * 1000 + 1000), "4294967296 s");
  assert_take (sti_format_timeout (G_MAXINT64), "9223372036854775807 ms");
}

static void
test_elapsed (void)
{
  assert_take (sti_format_elapsed (-5 * G_USEC_PER_SEC), "0 s");
  assert_take (sti_format_elapsed (0), "0 s");
  assert_take (sti_format_elapsed (999999), "0 s");
  assert_take (sti_format_elapsed (12 * G_USEC_PER_SEC + 700000), "12 s");
  assert_take (sti_format_elapsed (G_MAXINT64), "9223372036854 s");
}

static StiTranscriptLine *
line_new (gint64             offset_us,
          StiTranscriptKind  kind,
          const char        *raw,
          gssize             len)
{
  g_autoptr(GBytes) bytes = raw != NULL ? g_bytes_new (raw, len < 0 ? strlen (raw) : (gsize)len)
                                        : NULL;

  return sti_transcript_line_new (offset_us, kind, bytes);
}

static void
test_transcript (void)
{
  g_autoptr(GPtrArray) lines =
    g_ptr_array_new_with_free_func ((GDestroyNotify)sti_transcript_line_free);
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (sti_format_transcript_mark (STI_TRANSCRIPT_CLIENT), ==, "C:");
  g_assert_cmpstr (sti_format_transcript_mark (STI_TRANSCRIPT_SERVER), ==, "S:");
  g_assert_cmpstr (sti_format_transcript_mark (STI_TRANSCRIPT_EVENT), ==, "--");
  g_assert_nonnull (strstr (sti_format_transcript_legend (), "C: client"));
  g_assert_nonnull (strstr (sti_format_transcript_legend (), "--: event"));

  g_ptr_array_add (lines, line_new (292, STI_TRANSCRIPT_EVENT, "Connected", -1));
  g_ptr_array_add (lines, line_new (12345, STI_TRANSCRIPT_SERVER, "220 mx ESMTP  ", -1));
  /* Hostile: a terminal escape, a bidi override, an invalid byte, a NUL. */
  g_ptr_array_add (lines, line_new (43655, STI_TRANSCRIPT_SERVER,
                                    "250 \033[31mred \xe2\x80\xae evil \xff\0end", 27));
  g_ptr_array_add (lines, line_new (120000000, STI_TRANSCRIPT_CLIENT, "QUIT", -1));
  g_ptr_array_add (lines, line_new (-1000, STI_TRANSCRIPT_CLIENT, NULL, 0));

  {
    g_autofree char *one = sti_format_transcript_line (g_ptr_array_index (lines, 1), FALSE);

    /* Trailing blanks go; the line end was never in the raw bytes. */
    g_assert_cmpstr (one, ==, "S: 220 mx ESMTP");
  }

  text = sti_format_transcript (lines, "  ");
  g_assert_cmpstr (text, ==,
                   "      0.292 -- Connected\n"
                   "     12.345 S: 220 mx ESMTP\n"
                   "     43.655 S: 250 \\x1B[31mred \\u202E evil \\xFF\\x00end\n"
                   "  120000.000 C: QUIT\n"
                   "     -1.000 C:\n");
  {
    g_auto(GStrv) split = g_strsplit (text, "\n", -1);

    for (guint i = 0; split[i] != NULL; i++)
      g_assert_true (sti_text_is_clean (split[i]));
  }

  none = sti_format_transcript (NULL, NULL);
  g_assert_cmpstr (none, ==, "");
}

static void
test_fingerprint (void)
{
  assert_take (sti_format_fingerprint ("09add5"), "09:AD:D5");
  assert_take (sti_format_fingerprint ("AB"), "AB");
  /* Not hex: shown as it is rather than garbled. */
  assert_take (sti_format_fingerprint (""), "");
  assert_take (sti_format_fingerprint (NULL), "");
  assert_take (sti_format_fingerprint ("abc"), "abc");
  assert_take (sti_format_fingerprint ("zz11"), "zz11");
  assert_take (sti_format_fingerprint ("09:AD"), "09:AD");

  {
    g_autofree char *sha256 = g_strnfill (64, 'f');
    g_autofree char *shown = sti_format_fingerprint (sha256);

    g_assert_cmpuint (strlen (shown), ==, 32 * 3 - 1);
    g_assert_true (g_str_has_prefix (shown, "FF:FF:"));
  }
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) cet = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) local = g_date_time_new (cet, 2026, 11, 28, 18, 35, 1);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(GDateTime) in_5 = g_date_time_add_days (now, 5);
  g_autoptr(GDateTime) ago_30 = g_date_time_add_days (now, -30);
  g_autoptr(GDateTime) in_1 = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) soon = g_date_time_add_hours (now, 3);
  g_autoptr(GDateTime) just = g_date_time_add_hours (now, -3);
  g_autoptr(GDateTime) far = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) early = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autofree char *local_text = NULL;

  /* Reports say UTC whatever the zone of the value. */
  assert_take (sti_format_date_time (local), "2026-11-28 17:35:01 UTC");
  assert_take (sti_format_date_time (NULL), "unknown");
  assert_take (sti_format_date (local), "2026-11-28");
  assert_take (sti_format_date (NULL), "unknown");
  assert_take (sti_format_date_time_local (NULL), "unknown");
  local_text = sti_format_date_time_local (local);
  g_assert_true (g_str_has_prefix (local_text, "2026-11-28 "));

  assert_take (sti_format_expiry (in_5, now), "2026-12-03 (in 5 days)");
  assert_take (sti_format_expiry (in_1, now), "2026-11-29 (in 1 day)");
  assert_take (sti_format_expiry (ago_30, now), "2026-10-29 (expired 30 days ago)");
  assert_take (sti_format_expiry (soon, now), "2026-11-28 (expires today)");
  assert_take (sti_format_expiry (just, now), "2026-11-28 (expired today)");
  assert_take (sti_format_expiry (NULL, now), "unknown");
  assert_take (sti_format_expiry (far, now), "9999-12-31 (in 2912111 days)");
  /* GLib writes the year unpadded. */
  assert_take (sti_format_expiry (early, now), "1-01-01 (expired 739947 days ago)");
}

/* The one "can this be shown as it is" test, and the cleaning built on it. */
static void
test_clean (void)
{
  const struct
  {
    const char *text;
    gssize      len;
    gboolean    clean;
    const char *cleaned;
  } cases[] = {
    { "mx.example.org", -1, TRUE, "mx.example.org" },
    { "", -1, TRUE, "" },
    { "tab\tis fine", -1, TRUE, "tab\tis fine" },
    { "café ✓", -1, TRUE, "café ✓" },
    { "CN=a\\,b", -1, TRUE, "CN=a\\,b" },                 /* RFC 4514 escaping kept */
    { "already \\xFF sanitized", -1, TRUE, "already \\xFF sanitized" },
    { "<b>markup</b> & co", -1, TRUE, "<b>markup</b> & co" }, /* escaping is the caller's */
    { "line\nbreak", -1, FALSE, "line\\x0Abreak" },
    { "cr\r", -1, FALSE, "cr\\x0D" },
    { "\033[31mred", -1, FALSE, "\\x1B[31mred" },
    { "del\x7f", -1, FALSE, "del\\x7F" },
    { "c1\xc2\x85", -1, FALSE, "c1\\u0085" },
    { "bidi \xe2\x80\xae txt", -1, FALSE, "bidi \\u202E txt" },
    { "isolate \xe2\x81\xa6", -1, FALSE, "isolate \\u2066" },
    { "mark \xe2\x80\x8f", -1, FALSE, "mark \\u200F" },
    { "bom \xef\xbb\xbf", -1, FALSE, "bom \\uFEFF" },
    { "bad \xff\xfe", -1, FALSE, "bad \\xFF\\xFE" },
    { "overlong \xc0\x80", -1, FALSE, "overlong \\xC0\\x80" },
    { "cut \xe2\x80", -1, FALSE, "cut \\xE2\\x80" },
    { "nul\0inside", 10, FALSE, "nul\\x00inside" },
    { "back\\slash\n", -1, FALSE, "back\\\\slash\\x0A" },    /* dirty: backslashes doubled */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = cases[i].len < 0 ? strlen (cases[i].text) : (gsize)cases[i].len;
      g_autofree char *cleaned = sti_text_clean_len ((const guint8 *)cases[i].text, len);
      g_autofree char *again = sti_text_clean (cleaned);

      g_test_message ("case %u: %s", i, cleaned);
      g_assert_cmpint (sti_text_is_clean_len (cases[i].text, len), ==, cases[i].clean);
      if (cases[i].len < 0)
        {
          g_autofree char *cleaned_str = sti_text_clean (cases[i].text);

          g_assert_cmpint (sti_text_is_clean (cases[i].text), ==, cases[i].clean);
          g_assert_cmpstr (cleaned_str, ==, cases[i].cleaned);
        }
      g_assert_cmpstr (cleaned, ==, cases[i].cleaned);
      /* Idempotent: what is clean stays as it is. */
      g_assert_true (sti_text_is_clean (cleaned));
      g_assert_cmpstr (again, ==, cleaned);
    }

  g_assert_false (sti_text_is_clean (NULL));
  g_assert_false (sti_text_is_clean_len (NULL, 3));
  assert_take (sti_text_clean (NULL), "");
  assert_take (sti_text_clean_len (NULL, 0), "");
}

/* Multi-line evidence (a PEM block) keeps real line breaks; the rest of
 * each line is cleaned as sti_text_clean() does. */
static void
test_clean_lines (void)
{
  assert_take (sti_text_clean_lines ("-----BEGIN X-----\nAB+/\n-----END X-----\n"),
               "-----BEGIN X-----\nAB+/\n-----END X-----\n");
  assert_take (sti_text_clean_lines ("a\r\nb\033[1m\n\xe2\x80\xae"), "a\\x0D\nb\\x1B[1m\n\\u202E");
  assert_take (sti_text_clean_lines ("already \\x0D clean\n"), "already \\x0D clean\n");
  assert_take (sti_text_clean_lines (NULL), "");
}

static void
test_hex (void)
{
  const guint8 bytes[] = { 0x00, 0x09, 0xad, 0xff };
  g_autofree guint8 *decoded = NULL;
  gsize len = 0;

  assert_take (sti_hex_encode (bytes, sizeof bytes, FALSE), "0009adff");
  assert_take (sti_hex_encode (bytes, sizeof bytes, TRUE), "0009ADFF");
  assert_take (sti_hex_encode (bytes, 0, TRUE), "");
  assert_take (sti_hex_encode_separated (bytes, sizeof bytes, ":"), "00:09:AD:FF");
  assert_take (sti_hex_encode_separated (bytes, sizeof bytes, " "), "00 09 AD FF");
  assert_take (sti_hex_encode_separated (bytes, 1, ":"), "00");
  assert_take (sti_hex_encode_separated (bytes, 0, ":"), "");

  decoded = sti_hex_decode ("0009aDfF", &len);
  g_assert_nonnull (decoded);
  g_assert_cmpmem (decoded, len, bytes, sizeof bytes);
  g_clear_pointer (&decoded, g_free);

  decoded = sti_hex_decode ("", &len);
  g_assert_nonnull (decoded);
  g_assert_cmpuint (len, ==, 0);
  g_clear_pointer (&decoded, g_free);

  g_assert_null (sti_hex_decode ("abc", &len));
  g_assert_null (sti_hex_decode ("0g", &len));
  g_assert_null (sti_hex_decode ("00:09", &len));
  g_assert_null (sti_hex_decode (" 00", &len));
}

/* The explanations fill their placeholders with these formats and this
 * cleaning, so a finding's words read like the rest of the report. */
static void
test_explanation_values (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(StiFinding) finding = NULL;
  g_autoptr(StiFinding) timeout = NULL;
  g_autoptr(StiExplanation) explanation = NULL;
  g_autoptr(StiExplanation) timeout_explanation = NULL;
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE_VARDICT);
  const char *verdict;

  /* A date in any zone, a subject the model has cleaned already (its
   * backslash is an escape and stays single), a host with a bidi override. */
  g_variant_dict_insert (&dict, "not_after", "s", "2026-11-28T18:35:01+01:00");
  g_variant_dict_insert (&dict, "subject", "s", "CN=mx\\, Inc.");
  g_variant_dict_insert (&dict, "host", "s", "mx\xe2\x80\xae.example.org");
  finding = sti_finding_new ("cert-expired", g_variant_dict_end (&dict), NULL);
  explanation = sti_catalog_explain (finding, NULL);
  verdict = sti_explanation_get_verdict (explanation);
  g_assert_cmpstr (verdict, ==, "The certificate \"CN=mx\\, Inc.\" of mx\\u202E.example.org "
                                "expired on 2026-11-28 17:35:01 UTC.");

  g_variant_builder_add (builder, "{sv}", "timeout_ms", g_variant_new_int64 (1500));
  timeout = sti_finding_new ("smtp-timeout", g_variant_builder_end (builder), NULL);
  timeout_explanation = sti_catalog_explain (timeout, NULL);
  g_assert_nonnull (strstr (sti_explanation_get_what (timeout_explanation),
                            "time limit (1500 ms)"));
}

/* One numbering of a chain's certificates, from #0, the server's own. */
static void
test_certificate_number (void)
{
  g_autofree char *zero = sti_format_certificate_number (0);
  g_autofree char *two = sti_format_certificate_number (2);
  g_autofree char *leaf = sti_format_certificate_heading (0);
  g_autofree char *second = sti_format_certificate_heading (1);

  g_assert_cmpstr (zero, ==, "#0");
  g_assert_cmpstr (two, ==, "#2");
  g_assert_cmpstr (leaf, ==, "Certificate #0 (the server's own)");
  g_assert_cmpstr (second, ==, "Certificate #1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/format/severity-label", test_severity_label);
  g_test_add_func ("/sti/format/severity-count", test_severity_count);
  g_test_add_func ("/sti/format/counts", test_counts);
  g_test_add_func ("/sti/format/certificate-number", test_certificate_number);
  g_test_add_func ("/sti/format/report-counts", test_report_counts);
  g_test_add_func ("/sti/format/duration", test_duration);
  g_test_add_func ("/sti/format/timeout", test_timeout);
  g_test_add_func ("/sti/format/elapsed", test_elapsed);
  g_test_add_func ("/sti/format/transcript", test_transcript);
  g_test_add_func ("/sti/format/fingerprint", test_fingerprint);
  g_test_add_func ("/sti/format/dates", test_dates);
  g_test_add_func ("/sti/format/clean", test_clean);
  g_test_add_func ("/sti/format/clean-lines", test_clean_lines);
  g_test_add_func ("/sti/format/hex", test_hex);
  g_test_add_func ("/sti/format/explanation-values", test_explanation_values);

  return g_test_run ();
}
