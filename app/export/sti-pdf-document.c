/* sti-pdf-document.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-pdf-document-private.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gmodule.h>
#include <stdlib.h>
#include <string.h>

/* The PDF document, as the exporters see it: these functions forward to
 * the PDF module, which sti_pdf_document_load() opens the first time a
 * PDF is asked for. cairo and pango are linked by the module alone, so
 * the CLI and the core load them only when they write a PDF. */

static const StiPdfModule *pdf_module;

/* Whether the running program is one of the build tree's (a test, the
 * demo run from the checkout), by its real path. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = realpath ("/proc/self/exe", NULL);
  g_autofree char *root = realpath (STI_BUILD_ROOT, NULL);

  return exe != NULL && root != NULL && g_str_has_prefix (exe, root) &&
         exe[strlen (root)] == G_DIR_SEPARATOR;
}

static GModule *
open_first (GError **error)
{
  const char *dirs[3] = { NULL, NULL, NULL };
  const char *env = g_getenv ("STI_MODULE_DIR");
  g_autofree char *tried = NULL;

  /* STI_MODULE_DIR alone when set; else the build tree's module for a
   * program of the build tree, the installed one for an installed program,
   * and the other as a fallback. */
  if (env != NULL && env[0] != '\0')
    dirs[0] = env;
  else if (running_from_build_tree ())
    {
      dirs[0] = STI_BUILD_MODULE_DIR;
      dirs[1] = STI_MODULE_DIR;
    }
  else
    {
      dirs[0] = STI_MODULE_DIR;
      dirs[1] = STI_BUILD_MODULE_DIR;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dirs) && dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], STI_PDF_MODULE_NAME, NULL);
      GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module != NULL)
        return module;
      if (tried == NULL)
        tried = g_strdup (g_module_error ());
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               /* Translators: %s lists the files that were tried */
               _("PDF export is not available: %s"), tried);
  return NULL;
}

static const StiPdfModule *
open_module (GError **error)
{
  GModule *module = open_first (error);
  StiPdfModuleGetFunc get = NULL;
  const StiPdfModule *functions;

  if (module == NULL)
    return NULL;

  if (!g_module_symbol (module, STI_PDF_MODULE_SYMBOL, (gpointer *)&get) || get == NULL ||
      (functions = get ()) == NULL || g_strcmp0 (functions->abi, STI_PDF_MODULE_ABI) != 0 ||
      functions->size != sizeof (StiPdfModule))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("PDF export is not available: %s is not the PDF module of this version"),
                   g_module_name (module));
      g_module_close (module);
      return NULL;
    }

  g_module_make_resident (module);
  return functions;
}

/**
 * sti_pdf_document_load:
 * @error: a #GError
 *
 * Loads the PDF module unless it is loaded; safe from any thread. Call it
 * before the first sti_pdf_document_new().
 *
 * Returns: %TRUE when the document functions can be used
 */
gboolean
sti_pdf_document_load (GError **error)
{
  static GMutex lock;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (pdf_module == NULL)
    pdf_module = open_module (error);

  return pdf_module != NULL;
}

StiPdfDocument *
sti_pdf_document_new (const char *header_left,
                      const char *header_right,
                      const char *title)
{
  StiPdfDocument *doc;

  g_return_val_if_fail (pdf_module != NULL, NULL);

  doc = pdf_module->document_new (header_left, header_right, title);
  sti_pdf_document_set_paper (doc, sti_paper_size_get_default ());
  return doc;
}

/**
 * sti_pdf_document_set_paper:
 * @doc: a document
 * @paper: the paper to lay it out on; the default is the locale's
 *   (sti_paper_size_get_default())
 */
void
sti_pdf_document_set_paper (StiPdfDocument *doc,
                            StiPaperSize    paper)
{
  double width, height;

  g_return_if_fail (doc != NULL);

  sti_paper_size_get_points (paper, &width, &height);
  pdf_module->document_set_page_size (doc, width, height);
}

/**
 * sti_pdf_document_is_full:
 * @doc: a document
 *
 * Returns: %TRUE when @doc holds more text than its pages can show (it
 *   stops after a few hundred pages and says so), so that a caller can
 *   stop building the rest of a huge report
 */
gboolean
sti_pdf_document_is_full (StiPdfDocument *doc)
{
  g_return_val_if_fail (doc != NULL, TRUE);

  return pdf_module->document_is_full (doc);
}

void
sti_pdf_document_free (StiPdfDocument *doc)
{
  if (doc != NULL)
    pdf_module->document_free (doc);
}

/* The PDF's creation date: @date, the time of the check, for a report. */
void
sti_pdf_document_set_date (StiPdfDocument *doc,
                           GDateTime      *date)
{
  g_return_if_fail (doc != NULL);

  pdf_module->document_set_date (doc, date);
}

void
sti_pdf_document_add_text (StiPdfDocument  *doc,
                           StiPdfBlockKind  kind,
                           const char      *text)
{
  g_return_if_fail (doc != NULL);

  pdf_module->document_add_text (doc, kind, text);
}

void
sti_pdf_document_add_markup (StiPdfDocument  *doc,
                             StiPdfBlockKind  kind,
                             const char      *markup)
{
  g_return_if_fail (doc != NULL);

  pdf_module->document_add_markup (doc, kind, markup);
}

void
sti_pdf_document_add_pair (StiPdfDocument *doc,
                           const char     *key,
                           const char     *value)
{
  g_return_if_fail (doc != NULL);

  pdf_module->document_add_pair (doc, key, value);
}

/* The verdict sentence, with a bar in the colour of @severity. */
void
sti_pdf_document_add_verdict (StiPdfDocument *doc,
                              const char     *text,
                              StiSeverity     severity)
{
  g_return_if_fail (doc != NULL);

  pdf_module->document_add_verdict (doc, text, severity);
}

/**
 * sti_pdf_document_render:
 *
 * Returns: (transfer full): the PDF file, in the language of the reports
 *   (sti_pdf_set_language()), or %NULL with @error set
 */
GBytes *
sti_pdf_document_render (StiPdfDocument  *doc,
                         GError         **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  pdf = pdf_module->document_render (doc, error);
  if (pdf == NULL)
    return NULL;

  return sti_pdf_set_language (pdf, sti_report_get_language ());
}
