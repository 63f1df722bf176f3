/* fuzz-report-json.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "report-json": a saved report opened again
 * (app/core/report/sti-report-json-load.c and the readers beside it), and
 * every exporter run on what was loaded (app/export).
 *
 * Input: a JSON report file, as the CLI writes with --format json (the
 * seeds are the demo lab's reports). Promises asserted:
 * - a loaded report saves back equal: load, save, load, save gives the
 *   same bytes twice;
 * - every string of the saved JSON is clean text (line by line: PEM
 *   blocks and suggested records span lines);
 * - the text, HTML and Markdown renderings are valid UTF-8 and clean line
 *   by line; the PDF is rendered too when STI_FUZZ_PDF is set (the module
 *   is loaded once; a page layout is slow for the fuzzer's loop).
 *
 * Replayed by the meson suite "fuzz" (with STI_FUZZ_PDF=1); run it longer
 * with build-aux/fuzz.sh report-json SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include <string.h>

#include "sti-catalog.h"
#include "sti-report-export.h"
#include "sti-report-json.h"

static void
check_json_strings (JsonNode   *node,
                    const char *key)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *child;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &child))
          {
            fuzz_assert_clean (member, "JSON member name");
            check_json_strings (child, member);
          }
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          check_json_strings (json_array_get_element (array, i), key);
        break;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        fuzz_assert_clean_lines (json_node_get_string (node), key);
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static GBytes *
export (StiDomainReport *report,
        StiReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = sti_report_export (report, format, STI_MTA_ALL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
check_rendering (StiDomainReport *report,
                 StiReportFormat  format)
{
  g_autoptr(GBytes) bytes = export (report, format);
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_utf8_validate_len (data, len, NULL));
  text = g_strndup (data, len);
  fuzz_assert_clean_lines (text, sti_report_format_to_string (format));
}

static void
check_pdf (StiDomainReport *report)
{
  g_autoptr(GBytes) pdf = NULL;

  if (g_getenv ("STI_FUZZ_PDF") == NULL)
    return;
  pdf = export (report, STI_REPORT_FORMAT_PDF);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 5);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(StiDomainReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  fuzz_init ();

  report = sti_report_load_from_data ((const char *)data, size, &error);
  if (report == NULL)
    {
      g_assert_nonnull (error);
      fuzz_assert_clean (error->message, "load error");
      return 0;
    }

  /* Load, save, load, save: the two saves are equal. */
  saved = export (report, STI_REPORT_FORMAT_JSON);
  again = sti_report_load_from_data (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                                     &error);
  g_assert_no_error (error);
  saved_again = export (again, STI_REPORT_FORMAT_JSON);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved),
                   g_bytes_get_data (saved_again, NULL), g_bytes_get_size (saved_again));

  json = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  check_json_strings (root, "report");

  check_rendering (report, STI_REPORT_FORMAT_TEXT);
  check_rendering (report, STI_REPORT_FORMAT_HTML);
  check_rendering (report, STI_REPORT_FORMAT_MARKDOWN);
  check_pdf (report);

  return 0;
}
