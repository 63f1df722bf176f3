/* sti-survey-results.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-survey-results.h"

#include "sti-report-json.h"
#include "sti-verdict-json.h"

/* A survey's results file: JSON Lines, one domain's report per line, as
 * `check --json` writes it but compact, and for a domain from a Postfix
 * log two more members at the end (survey_weight, postfix_tls). Lines are
 * appended as checks end, so after a kill the last line may be cut short:
 * a reader stops before it and says where the whole lines end, so that a
 * resumed run appends after them. */

/**
 * sti_survey_result_line:
 * @report: a domain's report
 * @entry: the survey entry it was checked for
 *
 * Returns: (transfer full): the line, with its "\n"
 */
char *
sti_survey_result_line (StiDomainReport      *report,
                        const StiSurveyEntry *entry)
{
  g_autoptr(JsonNode) root = sti_report_to_json (report);
  g_autofree char *json = NULL;

  sti_verdict_add_to_json (report, root);
  if (entry != NULL && entry->weight > 0)
    {
      JsonObject *object = json_node_get_object (root);

      json_object_set_int_member (object, STI_SURVEY_MEMBER_WEIGHT, (gint64)entry->weight);
      if (entry->postfix_tls != NULL)
        json_object_set_string_member (object, STI_SURVEY_MEMBER_POSTFIX_TLS,
                                       entry->postfix_tls);
      else
        json_object_set_null_member (object, STI_SURVEY_MEMBER_POSTFIX_TLS);
    }

  json = json_to_string (root, FALSE);
  return g_strconcat (json, "\n", NULL);
}

/* Returns: (nullable): the line's "domain" */
const char *
sti_survey_result_get_domain (JsonNode *root)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *domain = object != NULL ? json_object_get_member (object, "domain") : NULL;

  if (domain == NULL || json_node_get_value_type (domain) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (domain);
}

/* Returns: the messages sent to the domain, 0 when the survey was not
 * weighted */
guint64
sti_survey_result_get_weight (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *weight = json_object_get_member (object, STI_SURVEY_MEMBER_WEIGHT);

  if (weight == NULL || json_node_get_value_type (weight) != G_TYPE_INT64)
    return 0;
  return MAX (json_node_get_int (weight), 0);
}

/* Returns: (nullable): the TLS outcome Postfix logged for the domain */
const char *
sti_survey_result_get_postfix_tls (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *tls = json_object_get_member (object, STI_SURVEY_MEMBER_POSTFIX_TLS);

  if (tls == NULL || json_node_get_value_type (tls) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (tls);
}

/**
 * sti_survey_result_load_report:
 * @root: one result line, parsed
 *
 * Returns: (transfer full) (nullable): the report, loaded as a saved
 *   report is (the survey's own members are ignored)
 */
StiDomainReport *
sti_survey_result_load_report (JsonNode  *root,
                               GError   **error)
{
  return sti_report_from_json (root, error);
}

/**
 * sti_survey_results_read:
 * @stream: a results file
 * @func: called for each whole line that is JSON
 * @complete_length: (out) (optional): bytes up to the end of the last
 *   whole line; a resumed run appends there
 * @n_bad_lines: (out) (optional): whole lines that are not JSON
 *
 * A last line without its "\n" is a write cut short, not a result.
 *
 * Returns: %FALSE on a read error
 */
gboolean
sti_survey_results_read (GInputStream         *stream,
                         StiSurveyResultFunc   func,
                         gpointer              user_data,
                         goffset              *complete_length,
                         guint                *n_bad_lines,
                         GError              **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (stream);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  goffset length = 0;
  guint bad = 0;
  gboolean go_on = TRUE;

  while (go_on)
    {
      GError *local_error = NULL;
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_upto (data, "\n", 1, &len, NULL,
                                                             &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (line == NULL)
        break;
      /* The "\n" itself; none: the line was cut short. */
      if (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (data)) == 0 &&
          g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (data), 1, NULL,
                                        &local_error) <= 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          break;
        }
      g_data_input_stream_read_byte (data, NULL, NULL);

      length += len + 1;
      if (len == 0)
        continue;
      if (!json_parser_load_from_data (parser, line, len, NULL) ||
          sti_survey_result_get_domain (json_parser_get_root (parser)) == NULL)
        {
          bad++;
          continue;
        }
      go_on = func (json_parser_get_root (parser), user_data);
    }

  if (complete_length != NULL)
    *complete_length = length;
  if (n_bad_lines != NULL)
    *n_bad_lines = bad;
  return TRUE;
}

/* sti_survey_results_read() on a file; a file that does not exist has no
 * line. */
gboolean
sti_survey_results_read_file (const char           *path,
                              StiSurveyResultFunc   func,
                              gpointer              user_data,
                              goffset              *complete_length,
                              guint                *n_bad_lines,
                              GError              **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  GError *local_error = NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_error_free (local_error);
          if (complete_length != NULL)
            *complete_length = 0;
          if (n_bad_lines != NULL)
            *n_bad_lines = 0;
          return TRUE;
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return sti_survey_results_read (G_INPUT_STREAM (stream), func, user_data, complete_length,
                                  n_bad_lines, error);
}
