/* sti-cli-mandatory.c: the `mandatory` command
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-mandatory.h"

#include "sti-cli-output.h"
#include "sti-mandatory-plan.h"

#include <glib/gi18n.h>
#include <string.h>

/* `mandatory DOMAIN`: checks the domain as `check` does, then prints the
 * plan StiMandatoryPlan makes from the report: what to fix first, or the
 * records that make TLS mandatory. Every word comes from the plan; this
 * file only lays it out for a terminal (or writes it as JSON). */

static void
append_indented (GString    *out,
                 const char *text,
                 const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' && lines[i + 1] == NULL)
        break;
      g_string_append_printf (out, "%s%s\n", indent, lines[i]);
    }
}

static void
append_record (GString                  *out,
               const StiMandatoryRecord *record)
{
  /* Translators: what to do with a record ("Add"), then the record's name */
  g_string_append_printf (out, _("  [%s] %s\n"), sti_mandatory_change_get_label (record->change),
                          record->title);
  append_indented (out, record->text, "      ");
  if (record->current != NULL && record->change == STI_MANDATORY_CHANGE_REPLACE)
    {
      g_string_append_printf (out, "    %s\n", _("Published now:"));
      append_indented (out, record->current, "      ");
    }
  if (record->note != NULL)
    g_string_append_printf (out, "    %s\n", record->note);
  g_string_append_c (out, '\n');
}

static void
append_section (GString                   *out,
                const StiMandatorySection *section)
{
  g_autofree char *rule = NULL;

  g_string_append_printf (out, "%s\n", section->title);
  rule = g_strnfill (g_utf8_strlen (section->title, -1), '=');
  g_string_append_printf (out, "%s\n", rule);
  if (section->intro != NULL)
    g_string_append_printf (out, "%s\n\n", section->intro);

  for (guint i = 0; i < section->records->len; i++)
    append_record (out, g_ptr_array_index (section->records, i));

  for (guint i = 0; i < section->steps->len; i++)
    g_string_append_printf (out, "  %u. %s\n", i + 1,
                            (const char *)g_ptr_array_index (section->steps, i));
  for (guint i = 0; i < section->warnings->len; i++)
    /* Translators: a warning the user must act on */
    g_string_append_printf (out, _("  ! Important: %s\n"),
                            (const char *)g_ptr_array_index (section->warnings, i));
  g_string_append_c (out, '\n');
}

static void
append_blockers (GString   *out,
                 GPtrArray *blockers)
{
  g_string_append_printf (out, "%s\n\n", _("Fix first:"));
  for (guint i = 0; i < blockers->len; i++)
    {
      const StiMandatoryBlocker *blocker = g_ptr_array_index (blockers, i);

      if (blocker->host != NULL && blocker->address != NULL)
        /* Translators: an MX host name, then one of its addresses */
        g_string_append_printf (out, _("  %s at %s\n"), blocker->host, blocker->address);
      else if (blocker->host != NULL)
        g_string_append_printf (out, "  %s\n", blocker->host);
      else
        g_string_append_printf (out, "  %s\n", _("The domain"));
      g_string_append_printf (out, "    %s\n", blocker->problem);
      /* Translators: what to do first, a sentence */
      g_string_append_printf (out, _("    What to do: %s\n"), blocker->action);
      if (blocker->finding_id != NULL)
        /* Translators: %s is a finding id, "cert-expired" */
        g_string_append_printf (out, _("    More: starttls-inspector-cli explain %s\n"),
                                blocker->finding_id);
      g_string_append_c (out, '\n');
    }
}

static char *
plan_to_text (StiMandatoryPlan *plan)
{
  GString *out = g_string_new (NULL);
  GPtrArray *sections = sti_mandatory_plan_get_sections (plan);
  GPtrArray *blockers = sti_mandatory_plan_get_blockers (plan);
  g_autofree char *heading = NULL;
  g_autofree char *rule = NULL;

  /* Translators: %s is a mail domain */
  heading = g_strdup_printf (_("Making TLS mandatory for %s"), sti_mandatory_plan_get_domain (plan));
  rule = g_strnfill (g_utf8_strlen (heading, -1), '#');
  g_string_append_printf (out, "%s\n%s\n\n%s\n\n", heading, rule,
                          sti_mandatory_plan_get_summary (plan));

  if (blockers->len > 0)
    append_blockers (out, blockers);
  for (guint i = 0; i < sections->len; i++)
    append_section (out, g_ptr_array_index (sections, i));

  return g_string_free (out, FALSE);
}

static GBytes *
plan_to_json (StiMandatoryPlan *plan)
{
  g_autoptr(JsonNode) root = sti_mandatory_plan_to_json (plan);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return g_bytes_new_take (g_strconcat (text, "\n", NULL), strlen (text) + 1);
}

static gboolean
wants_json (StiCliOptions  *options,
            gboolean       *json,
            GError        **error)
{
  StiReportFormat format;

  if (!sti_cli_options_get_format (options, &format, error))
    return FALSE;
  if (format != STI_REPORT_FORMAT_TEXT && format != STI_REPORT_FORMAT_JSON)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("“mandatory” writes text or JSON only."));
      return FALSE;
    }
  *json = format == STI_REPORT_FORMAT_JSON;
  return TRUE;
}

/**
 * sti_cli_cmd_mandatory:
 * @options: the parsed flags: those of `check`, and --json
 * @input: a domain or an address
 *
 * `mandatory DOMAIN`.
 *
 * Returns: the exit code: 0 when the records are ready, 1 when a mail
 *   server must be fixed first, 3 and 4 as for `check`
 */
StiCliExit
sti_cli_cmd_mandatory (StiCliOptions *options,
                       const char    *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiDomainReport) report = NULL;
  g_autoptr(StiMandatoryPlan) plan = NULL;
  g_autoptr(GBytes) out = NULL;
  gboolean json = FALSE;
  StiCliExit status;

  if (!wants_json (options, &json, &error))
    {
      sti_cli_print_error (error);
      return STI_CLI_EXIT_USAGE;
    }

  report = sti_cli_run_check (options, input, &status);
  if (report == NULL)
    return status;

  plan = sti_mandatory_plan_new (report);
  if (json)
    out = plan_to_json (plan);
  else
    {
      char *text = plan_to_text (plan);

      out = g_bytes_new_take (text, strlen (text));
    }

  if (!sti_cli_output_write (options, out, &error))
    {
      sti_cli_print_error (error);
      return STI_CLI_EXIT_NO_CHECK;
    }

  switch (sti_mandatory_plan_get_status (plan))
    {
    case STI_MANDATORY_READY:
      return STI_CLI_EXIT_SECURE;
    case STI_MANDATORY_INCOMPLETE:
      return STI_CLI_EXIT_INCOMPLETE;
    case STI_MANDATORY_FIX_FIRST:
    default:
      return STI_CLI_EXIT_FINDINGS;
    }
}
