/* sti-i18n.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-i18n.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

/* The language of everything people read (window, CLI, reports) is the
 * process's gettext language, chosen once at start-up, before any thread
 * exists and before any string is translated.
 *
 * Why not switch the language around one export: LANGUAGE and setlocale()
 * are process-global, and glibc's gettext reads them on every call, so a
 * switch while the window's export worker threads (or the probes' threads)
 * translate would change their words mid-report, and setenv() next to a
 * getenv() in another thread is undefined behaviour. uselocale() is per
 * thread, but needs the generated locale (de_DE.UTF-8) on the machine and
 * still loses to LANGUAGE. So the window renders in the user's language,
 * and `starttls-inspector-cli --lang LANG` sets the process's language
 * here, once. */

/* The build tree's catalogs (build/po/LANG/LC_MESSAGES/) for tests and for
 * running uninstalled; an installed program uses LOCALEDIR. */
const char *
sti_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("STI_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

static gboolean
language_is_valid (const char *language)
{
  if (*language == '\0' || strlen (language) > 64)
    return FALSE;
  for (const char *p = language; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("_-.@:", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * sti_i18n_init:
 * @language: (nullable): a gettext language list like "de" or "nl:de",
 *   or %NULL for the user's locale
 * @error: a #GError
 *
 * Sets up the locale and the message catalogs. Call it first in main(),
 * before any thread starts: it may set LANGUAGE.
 *
 * Returns: %FALSE if @language is not a language name
 */
gboolean
sti_i18n_init (const char  *language,
               GError     **error)
{
  const char *messages;
  gboolean valid = language == NULL || language_is_valid (language);

  if (language != NULL && valid)
    g_setenv ("LANGUAGE", language, TRUE);

  setlocale (LC_ALL, "");

  /* gettext ignores LANGUAGE while LC_MESSAGES is the "C" locale; C.UTF-8
   * exists on every glibc system (no locale-gen needed) and is not "C". */
  messages = setlocale (LC_MESSAGES, NULL);
  if (language != NULL && valid && messages != NULL &&
      (g_str_equal (messages, "C") || g_str_equal (messages, "POSIX")))
    setlocale (LC_MESSAGES, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, sti_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!valid)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   /* Translators: %s is what the user gave to --lang */
                   _("“%s” is not a language: use a code like de, nl or en."), language);
      return FALSE;
    }
  return TRUE;
}

/**
 * sti_i18n_find_language:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Finds `--lang LANG` or `--lang=LANG` before the options are parsed: the
 * help text and every error must already be in that language.
 *
 * Returns: (nullable): the language, pointing into @argv
 */
const char *
sti_i18n_find_language (int    argc,
                        char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_has_prefix (argv[i], "--lang="))
        return argv[i] + strlen ("--lang=");
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        return argv[i + 1];
    }
  return NULL;
}

static locale_t
c_locale (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize)newlocale (LC_ALL_MASK, "C", (locale_t)0));

  return (locale_t)once;
}

/**
 * sti_i18n_enter_c:
 *
 * Switches the calling thread, and only it, to the C locale until
 * sti_i18n_leave_c(): gettext then returns every message untranslated
 * (glibc ignores LANGUAGE while the thread's LC_MESSAGES is "C") and
 * printf() writes numbers with a decimal point. The JSON report is
 * written this way, so that it is the same document in every language;
 * uselocale() is per thread, so the window's other threads keep their
 * language. Calls nest.
 *
 * Returns: (transfer none): the thread's previous locale, for
 *   sti_i18n_leave_c()
 */
gpointer
sti_i18n_enter_c (void)
{
  return (gpointer)uselocale (c_locale ());
}

/**
 * sti_i18n_leave_c:
 * @previous: what sti_i18n_enter_c() returned
 *
 * Gives the calling thread its previous locale back.
 */
void
sti_i18n_leave_c (gpointer previous)
{
  uselocale ((locale_t)previous);
}
