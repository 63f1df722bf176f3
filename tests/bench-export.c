/* bench-export.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The export benchmark (not a test): a saved report blown up into a big
 * synthetic one (many MX hosts, long transcripts, many findings), loaded
 * with the JSON loader and exported in every format, each timed.
 *
 *   starttls-inspector-cli --demo check expired.lab.test --format json -o base.json
 *   bench-export base.json [-n HOSTS] [-t TRANSCRIPT_LINES] [-f FINDINGS] [-o DIR]
 *
 * Every host is a copy of the first host of base.json with a new name;
 * every endpoint's transcript is repeated up to TRANSCRIPT_LINES lines and
 * its findings up to FINDINGS. Prints the JSON size, then per format the
 * wall and CPU time (on a shared machine, the CPU time is the steadier
 * figure), the size and (for the PDF) the number of pages. -o keeps the
 * files. */

#include "config.h"

#include "sti-catalog.h"
#include "sti-report-export.h"
#include "sti-report-json.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
inflate_array (JsonArray *array,
               guint      target)
{
  guint n = json_array_get_length (array);

  for (guint i = n; n > 0 && i < target; i++)
    {
      JsonNode *copy = json_node_copy (json_array_get_element (array, i % n));

      if (JSON_NODE_HOLDS_OBJECT (copy) &&
          json_object_has_member (json_node_get_object (copy), "offset_us"))
        json_object_set_int_member (json_node_get_object (copy), "offset_us", 1000 + i);
      json_array_add_element (array, copy);
    }
}

static void
inflate_endpoint (JsonObject *endpoint,
                  guint       host_index,
                  guint       transcript_lines,
                  guint       findings)
{
  g_autofree char *address = g_strdup_printf ("10.%u.%u.%u", (host_index >> 16) & 0xff,
                                              (host_index >> 8) & 0xff, host_index & 0xff);

  json_object_set_string_member (endpoint, "address", address);
  inflate_array (json_object_get_array_member (endpoint, "transcript"), transcript_lines);
  inflate_array (json_object_get_array_member (endpoint, "findings"), findings);
}

/* The base report with @n_hosts hosts, each like the first. */
static char *
inflate (const char *base,
         guint       n_hosts,
         guint       transcript_lines,
         guint       findings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *root;
  JsonArray *hosts;
  JsonNode *first;

  if (!json_parser_load_from_data (parser, base, -1, &error))
    g_error ("base report: %s", error->message);
  root = json_node_get_object (json_parser_get_root (parser));
  hosts = json_object_get_array_member (root, "hosts");
  if (json_array_get_length (hosts) == 0)
    g_error ("the base report has no host");
  first = json_node_copy (json_array_get_element (hosts, 0));

  while (json_array_get_length (hosts) > 0)
    json_array_remove_element (hosts, 0);

  for (guint i = 0; i < n_hosts; i++)
    {
      JsonNode *host = json_node_copy (first);
      JsonObject *object = json_node_get_object (host);
      JsonArray *endpoints = json_object_get_array_member (object, "endpoints");
      g_autofree char *name = g_strdup_printf ("mx%u.%s", i + 1,
                                               json_object_get_string_member (root, "domain"));

      json_object_set_string_member (object, "name", name);
      json_object_set_string_member (object, "name_unicode", name);
      json_object_set_int_member (object, "preference", 10 + i);
      for (guint j = 0; j < json_array_get_length (endpoints); j++)
        {
          JsonObject *endpoint = json_array_get_object_element (endpoints, j);

          json_object_set_string_member (endpoint, "host", name);
          inflate_endpoint (endpoint, i, transcript_lines, findings);
        }
      json_array_add_element (hosts, host);
    }
  json_node_unref (first);

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static guint
count_pages (GBytes *pdf)
{
  gsize len;
  const char *data = g_bytes_get_data (pdf, &len);
  const char *needle = "/Type /Page ";
  gsize n = strlen (needle);
  guint pages = 0;

  for (gsize i = 0; i + n <= len; i++)
    if (data[i] == '/' && memcmp (data + i, needle, n) == 0)
      pages++;

  return pages;
}

int
main (int   argc,
      char *argv[])
{
  static const StiReportFormat formats[] = {
    STI_REPORT_FORMAT_JSON, STI_REPORT_FORMAT_TEXT, STI_REPORT_FORMAT_MARKDOWN,
    STI_REPORT_FORMAT_HTML, STI_REPORT_FORMAT_PDF,
  };
  int n_hosts = 20, transcript_lines = 40, findings = 5;
  char *out_dir = NULL;
  const GOptionEntry entries[] = {
    { "hosts", 'n', 0, G_OPTION_ARG_INT, &n_hosts, "MX hosts", "N" },
    { "transcript", 't', 0, G_OPTION_ARG_INT, &transcript_lines, "Transcript lines", "N" },
    { "findings", 'f', 0, G_OPTION_ARG_INT, &findings, "Findings per endpoint", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir, "Keep the exports here", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("BASE.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *json = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 ||
      n_hosts < 1 || transcript_lines < 0 || findings < 0)
    {
      g_printerr ("usage: bench-export BASE.json [-n HOSTS] [-t LINES] [-f FINDINGS] [-o DIR]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &base, NULL, &error))
    g_error ("%s", error->message);

  json = inflate (base, n_hosts, transcript_lines, findings);
  start = g_get_monotonic_time ();
  report = sti_report_load_from_data (json, -1, &error);
  if (report == NULL)
    g_error ("the synthetic report does not load: %s", error->message);
  printf ("synthetic report: %d hosts, %d transcript lines and %d findings per endpoint; "
          "JSON %.1f KiB, loaded in %.1f ms\n",
          n_hosts, transcript_lines, findings, strlen (json) / 1024.0,
          (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      double ms, cpu = cpu_ms ();

      start = g_get_monotonic_time ();
      bytes = sti_report_export_full (report, formats[i], STI_MTA_ALL, STI_PAPER_A4, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu;
      if (bytes == NULL)
        g_error ("%s: %s", sti_report_format_to_string (formats[i]), error->message);

      printf ("  %-4s %9.1f ms wall %9.1f ms CPU  %9.1f KiB",
              sti_report_format_to_string (formats[i]), ms, cpu,
              g_bytes_get_size (bytes) / 1024.0);
      if (formats[i] == STI_REPORT_FORMAT_PDF)
        printf ("  %u pages", count_pages (bytes));
      printf ("\n");

      if (out_dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("bench.%s",
                                                   sti_report_format_get_extension (formats[i]));
          g_autofree char *path = g_build_filename (out_dir, name, NULL);

          if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                    g_bytes_get_size (bytes), &error))
            g_error ("%s", error->message);
        }
    }

  g_free (out_dir);
  return 0;
}
