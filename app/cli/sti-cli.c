/* sti-cli.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-cli-certificate.h"
#include "sti-cli-commands.h"
#include "sti-cli-mandatory.h"
#include "sti-cli-options.h"
#include "sti-cli-survey.h"
#include "sti-i18n.h"

#include <glib/gi18n.h>

static StiCliExit
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s\n\n%s", message, help);
  return STI_CLI_EXIT_USAGE;
}

static GOptionContext *
option_context_new (StiCliOptions *options)
{
  GOptionContext *context;
  g_autofree char *description = NULL;

  context = g_option_context_new (_("COMMAND [ARGUMENT] — "
                                    "check a mail domain's STARTTLS and certificates"));
  sti_cli_options_add_entries (options, context);
  sti_cli_survey_add_options (context);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  description = g_strconcat (
    _("Commands:\n"
      "  check DOMAIN          Check a mail domain, an address (user@domain), "
      "or one server as [host]:port\n"
      "  list                  List the demo lab's domains (with --demo)\n"
      "  explain ID            Explain one finding id, e.g. cert-expired\n"
      "  glossary [TERM]       Explain the terms of mail security (CN, SAN, DANE…)\n"
      "  compare OLD NEW       Compare two saved JSON reports of one domain: "
      "fixed, new, remaining\n"
      "  render REPORT.json    Write a saved JSON report again in other formats "
      "(--format, --output)\n"
      "  mandatory DOMAIN      Check a domain, then show what makes TLS mandatory "
      "(MTA-STS, TLS-RPT, DANE), or what to fix first\n"
      "  survey FILE|-         Check every domain of a list (one per line), or with\n"
      "                        --postfix-log those a mail server sends to; --output\n"
      "                        FILE.jsonl, --resume, --shard K/N (docs/survey.md)\n"
      "  survey-merge FILE…    One summary from the results of several survey shards\n"
      "                        (the survey's own options: --help-survey)\n"
      "\n"
      "Several formats at once: --format html,pdf,json --output DIR/ writes\n"
      "DIR/starttls-DOMAIN-TIME.html and so on; --output NAME writes NAME.html,\n"
      "NAME.pdf, … and prints the names. Standard output takes one format only.\n"
      "\n"
      "Exit status: 0 every mail server offers STARTTLS with a verified certificate;\n"
      "1 problems of error severity were found; 2 usage or input error;\n"
      "3 the check could not run; 4 no error, but a server was not checked\n"
      "to the end (temporary refusal, timeout, unreachable): check again later.\n"),
    /* A string of its own, so that the one above keeps its translations. */
    _("\n"
      "A new certificate (each command has its own options: request --help,\n"
      "bundle --help):\n"
      "  request NAME…         Make a private key and a certificate request (CSR) "
      "for a mail server\n"
      "  bundle FILE…          Put a certificate and its intermediates into one "
      "checked chain file\n"),
    NULL);
  g_option_context_set_description (context, description);

  return context;
}

static StiCliExit
run_command (StiCliOptions  *options,
             GOptionContext *context,
             int             argc,
             char          **argv)
{
  const char *command;

  if (argc < 2)
    return usage_error (context, _("Missing command."));

  command = argv[1];

  if (g_str_equal (command, "list"))
    return argc == 2 ? sti_cli_cmd_list ()
                     : usage_error (context, _("“list” takes no argument."));

  if (g_str_equal (command, "explain"))
    return argc == 3 ? sti_cli_cmd_explain (options, argv[2])
                     : usage_error (context, _("“explain” takes one finding id."));

  if (g_str_equal (command, "glossary"))
    return argc <= 3 ? sti_cli_cmd_glossary (argc == 3 ? argv[2] : NULL)
                     : usage_error (context, _("“glossary” takes at most one term."));

  if (g_str_equal (command, "compare"))
    return argc == 4 ? sti_cli_cmd_compare (options, argv[2], argv[3])
                     : usage_error (context, _("“compare” takes two report files: "
                                               "OLD.json NEW.json."));

  if (g_str_equal (command, "render"))
    return argc == 3 ? sti_cli_cmd_render (options, argv[2])
                     : usage_error (context, _("“render” takes one saved JSON report."));

  if (g_str_equal (command, "survey"))
    return argc == 3 || (argc == 2 && sti_cli_survey_has_postfix_log ())
           ? sti_cli_cmd_survey (options, argc == 3 ? argv[2] : NULL)
           : usage_error (context, _("“survey” takes one list of domains (a file, or - for "
                                     "standard input), or --postfix-log FILE."));

  if (g_str_equal (command, "survey-merge"))
    return argc >= 3 ? sti_cli_cmd_survey_merge (options, argv + 2)
                     : usage_error (context, _("“survey-merge” takes the results files of "
                                               "the shards."));

  if (g_str_equal (command, "mandatory"))
    return argc == 3 ? sti_cli_cmd_mandatory (options, argv[2])
                     : usage_error (context, _("“mandatory” takes exactly one domain."));

  if (g_str_equal (command, "check"))
    return argc == 3 ? sti_cli_cmd_check (options, argv[2])
                     : usage_error (context, _("“check” takes exactly one domain."));

  {
    /* Translators: %s is the command the user typed */
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”."), command);

    return usage_error (context, message);
  }
}

int
main (int   argc,
      char *argv[])
{
  StiCliOptions options = { 0 };
  GOptionContext *context;
  g_autoptr(GError) error = NULL;
  StiCliExit status;
  gboolean language_ok;

  /* Before anything is translated: --lang also sets the help's language. */
  language_ok = sti_i18n_init (sti_i18n_find_language (argc, argv), &error);

  /* Their flags are their own: they come after the command. */
  if (argc >= 2 && g_str_equal (argv[1], "request"))
    return sti_cli_cmd_request (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "bundle"))
    return sti_cli_cmd_bundle (argc - 1, argv + 1);

  context = option_context_new (&options);

  if (!language_ok)
    {
      g_autofree char *name = g_path_get_basename (argv[0]);

      /* The usage names the program; parsing, which names it, does not run. */
      g_set_prgname (name);
    }
  if (!language_ok ||
      !g_option_context_parse (context, &argc, &argv, &error) ||
      !sti_cli_options_validate (&options, &error))
    status = usage_error (context, error->message);
  else
    status = run_command (&options, context, argc, argv);

  g_option_context_free (context);
  sti_cli_options_clear (&options);
  sti_cli_survey_clear ();
  return status;
}
