/* sti-pdf-engine.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The PDF engine, built as a loadable module (sti-pdf.so): the only code
 * that links cairo and pango. The exporters reach it through
 * sti-pdf-document.c, which loads it the first time a PDF is asked for,
 * so a check that writes no PDF never loads either library. */

#include "config.h"

#include "sti-pdf-document-private.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <gmodule.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The PDF report: cairo's PDF surface and PangoCairo layouts, no GTK.
 * The document is a list of blocks laid out line by line, so any block,
 * however long (a transcript, a chain of PEM), flows across pages. It is
* laid out twice: once to count the pages, once to draw them, so every
 * page can say "Page N of M". Server text is only ever given to Pango as
 * escaped markup or plain text, never as markup.
 *
 * The work is bounded, so that a huge report still becomes a PDF in a
 * second or two: a code block shows at most MAX_CODE_LINES lines and
 * MAX_CODE_BYTES bytes, and the document stops after MAX_PAGES pages (and
 * takes no more text than those can hold, MAX_TEXT_BYTES), each time with
 * a sentence that says what was left out and where it is. */

#define PAGE_WIDTH    (r->width) /* the paper's, in points */
#define PAGE_HEIGHT   (r->height)
#define MARGIN_X      56.0
#define MARGIN_TOP    72.0
#define MARGIN_BOTTOM 64.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN_X)
#define KEY_WIDTH     130.0
#define KEY_GAP       10.0

#define BLOCK_PAIR       100

#define MAX_CODE_LINES 400
#define MAX_CODE_BYTES (48 * 1024)
#define MAX_PAGES      200
#define MAX_TEXT_BYTES (4 * 1024 * 1024) /* more than MAX_PAGES hold */
#define CONTINUATION_INDENT 12.0 /* points: where a wrapped code line's mark goes */

typedef struct
{
  int      kind;
  char    *markup;
  char    *key_markup;
  char    *plain;  /* for the outline, headings only */
  guint32  accent; /* the verdict's bar */
} Block;

struct _StiPdfDocument
{
  char   *header_left;
  char   *header_right;
  char   *title;
  char   *create_date;
  GArray *blocks;
  double  width;            /* of the paper, in points */
  double  height;
  gsize   n_bytes;          /* of markup in blocks */
};

typedef struct
{
  StiPdfDocument  *doc;
  cairo_surface_t *surface;
  cairo_t         *cr;      /* NULL while counting pages */
  PangoContext    *context;
  int              page;
  int              n_pages;
  double           y;
  double           width;   /* of the paper, in points */
  double           height;
  guint            n_shown; /* blocks drawn before MAX_PAGES cut the document */
} Render;

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->key_markup);
  g_free (block->plain);
}

/* Whether @doc holds more than its pages can show. */
static gboolean
document_is_full (StiPdfDocument *doc)
{
  return doc->n_bytes > MAX_TEXT_BYTES;
}


/* Keeps @block, or drops it once the document holds more text than
 * MAX_PAGES can show: then building the rest of a huge report costs
 * nothing but this test (document_is_full()). */
static void
append_block (StiPdfDocument *doc,
              Block          *block)
{
  if (document_is_full (doc))
    {
      block_clear (block);
      return;
    }

  doc->n_bytes += strlen (block->markup);
  if (block->key_markup != NULL)
    doc->n_bytes += strlen (block->key_markup);
  g_array_append_val (doc->blocks, *block);
}

static StiPdfDocument *
document_new (const char *header_left,
              const char *header_right,
              const char *title)
{
  StiPdfDocument *doc = g_new0 (StiPdfDocument, 1);

  doc->header_left = g_strdup (header_left != NULL ? header_left : "");
  doc->header_right = g_strdup (header_right != NULL ? header_right : "");
  doc->title = g_strdup (title != NULL ? title : "");
  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, block_clear);
  doc->width = 595.276; /* A4 until the loader says otherwise */
  doc->height = 841.890;

  return doc;
}

static void
document_free (StiPdfDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->title);
  g_free (doc->create_date);
  g_array_unref (doc->blocks);
  g_free (doc);
}

static void
document_set_date (StiPdfDocument *doc,
                   GDateTime      *date)
{
  g_autoptr(GDateTime) utc = date != NULL ? g_date_time_to_utc (date) : NULL;

  g_clear_pointer (&doc->create_date, g_free);
  if (utc != NULL)
    doc->create_date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
document_add_markup (StiPdfDocument  *doc,
                     StiPdfBlockKind  kind,
                     const char      *markup)
{
  Block block = { kind, g_strdup (markup != NULL ? markup : ""), NULL, NULL, 0x1c71d8 };

  append_block (doc, &block);
}

static void document_add_text (StiPdfDocument  *doc,
                               StiPdfBlockKind  kind,
                               const char      *text);

/* Where a code block is cut: before the line that would pass MAX_CODE_LINES
 * lines or MAX_CODE_BYTES bytes (inside the first line if that one alone is
 * too long). Returns the length to keep, or -1 when all of @text fits;
 * @n_hidden is the number of lines, whole or partial, left out. */
static gssize
code_cut (const char *text,
          guint      *n_hidden)
{
  const char *line = text;
  const char *cut = NULL;
  gsize keep;
  guint lines = 0;

  while (*line != '\0' && cut == NULL)
    {
      const char *end = strchr (line, '\n');

      if (end == NULL)
        end = line + strlen (line);
      if (lines == MAX_CODE_LINES || end - text > MAX_CODE_BYTES)
        cut = line;
      lines++;
      line = *end != '\0' ? end + 1 : end;
    }
  if (cut == NULL)
    return -1;

  if (cut > text)
    keep = (gsize)(cut - text) - 1; /* without the line end */
  else
    {
      keep = MAX_CODE_BYTES;
      while (keep > 0 && (text[keep] & 0xc0) == 0x80)
        keep--;
    }

  *n_hidden = 0;
  for (const char *p = text + keep + (cut > text ? 1 : 0); *p != '\0'; p++)
    if (*p == '\n' || p[1] == '\0')
      (*n_hidden)++;

  return (gssize)keep;
}

/* Appends a code block, bounded (code_cut()), and a sentence for the part
 * left out. */
static void
add_code (StiPdfDocument *doc,
          const char     *text)
{
  guint n_hidden = 0;
  gssize keep = code_cut (text, &n_hidden);
  Block block = { STI_PDF_BLOCK_MONO, NULL, NULL, NULL, 0x1c71d8 };
  g_autofree char *size = NULL;
  g_autofree char *note = NULL;

  block.markup = g_markup_escape_text (text, keep);
  append_block (doc, &block);
  if (keep < 0)
    return;

  size = g_format_size (strlen (text + keep));
  /* Translators: below a transcript or other evidence cut short in a PDF;
   * %u is a number of lines, %s a size such as "56.3 kB" */
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… %u more line (%s) not shown; "
                                       "the JSON report has all of it.",
                                       "… %u more lines (%s) not shown; "
                                       "the JSON report has all of them.", n_hidden),
                          n_hidden, size);
  document_add_text (doc, STI_PDF_BLOCK_PARAGRAPH, note);
}

static void
document_add_text (StiPdfDocument  *doc,
                   StiPdfBlockKind  kind,
                   const char      *text)
{
  Block block = { kind, NULL, NULL, NULL, 0x1c71d8 };

  if (kind == STI_PDF_BLOCK_MONO)
    {
      add_code (doc, text != NULL ? text : "");
      return;
    }

  block.markup = g_markup_escape_text (text != NULL ? text : "", -1);

  if (kind == STI_PDF_BLOCK_HEADING || kind == STI_PDF_BLOCK_TITLE)
    block.plain = g_strdup (text);
  append_block (doc, &block);
}

static void
document_add_pair (StiPdfDocument *doc,
                   const char     *key,
                   const char     *value)
{
  Block block = { BLOCK_PAIR,
                  g_markup_escape_text (value != NULL && value[0] != '\0' ? value : "—", -1),
                  g_markup_escape_text (key != NULL ? key : "", -1),
                  NULL, 0 };

  append_block (doc, &block);
}

/* The verdict sentence, with a bar in the colour of @severity. */
static void
document_add_verdict (StiPdfDocument *doc,
                      const char     *text,
                      StiSeverity     severity)
{
  Block block = { STI_PDF_BLOCK_VERDICT, NULL, NULL, NULL, 0 };

  block.markup = g_markup_escape_text (text != NULL ? text : "", -1);

  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      block.accent = 0xc01c28;
      break;
    case STI_SEVERITY_WARNING:
      block.accent = 0xe5a50a;
      break;
    case STI_SEVERITY_INFO:
    default:
      block.accent = 0x26a269;
      break;
    }
  append_block (doc, &block);
}

static void
set_color (cairo_t    *cr,
           guint32     rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static PangoLayout *
new_layout (Render     *r,
            const char *font,
            double      width)
{
  PangoLayout *layout = pango_layout_new (r->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
draw_header_footer (Render *r)
{
  g_autoptr(PangoLayout) left = new_layout (r, "DejaVu Sans Bold 8.5", CONTENT_WIDTH);
  g_autoptr(PangoLayout) right = new_layout (r, "DejaVu Sans 8.5", CONTENT_WIDTH / 2);
  g_autoptr(PangoLayout) footer = new_layout (r, "DejaVu Sans 8.5", CONTENT_WIDTH);
  g_autofree char *page = NULL;
  int right_width;

  /* The date on the right at its natural width, the domain takes the rest. */
  pango_layout_set_text (right, r->doc->header_right, -1);
  pango_layout_set_ellipsize (right, PANGO_ELLIPSIZE_START);
  pango_layout_get_pixel_size (right, &right_width, NULL);
  pango_layout_set_text (left, r->doc->header_left, -1);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (left, (int)((CONTENT_WIDTH - right_width - 12) * PANGO_SCALE));

  /* Translators: the footer of every page of a PDF report */
  page = g_strdup_printf (_("Page %d of %d"), r->page, r->n_pages);
  pango_layout_set_text (footer, page, -1);
  pango_layout_set_alignment (footer, PANGO_ALIGN_CENTER);

  set_color (r->cr, 0x5e5c64);
  cairo_move_to (r->cr, MARGIN_X, MARGIN_TOP - 36);
  pango_cairo_show_layout (r->cr, left);
  cairo_move_to (r->cr, PAGE_WIDTH - MARGIN_X - right_width, MARGIN_TOP - 36);
  pango_cairo_show_layout (r->cr, right);

  cairo_set_line_width (r->cr, 0.5);
  cairo_move_to (r->cr, MARGIN_X, MARGIN_TOP - 20);
  cairo_line_to (r->cr, PAGE_WIDTH - MARGIN_X, MARGIN_TOP - 20);
  cairo_stroke (r->cr);

  cairo_move_to (r->cr, MARGIN_X, PAGE_HEIGHT - MARGIN_BOTTOM + 24);
  pango_cairo_show_layout (r->cr, footer);
}

static void
start_page (Render *r)
{
  r->page++;
  r->y = MARGIN_TOP;
  if (r->cr != NULL)
    draw_header_footer (r);
}

static void
next_page (Render *r)
{
  if (r->cr != NULL)
    cairo_show_page (r->cr);
  start_page (r);
}

/* Moves to a new page unless @height fits below the current position. */
static void
ensure_space (Render *r,
              double  height)
{
  if (r->y + height > PAGE_HEIGHT - MARGIN_BOTTOM && r->y > MARGIN_TOP)
    next_page (r);
}

/* Marks a code line that continues the one above, in the hanging indent
 * that code blocks leave for it: a reader copying a command sees where the
 * page, not the command, broke the line. */
static void
draw_continuation (Render *r,
                   double  x,
                   double  baseline)
{
  g_autoptr(PangoLayout) mark = new_layout (r, "DejaVu Sans Mono 7.5", CONTINUATION_INDENT);

  pango_layout_set_text (mark, "↪", -1);
  set_color (r->cr, 0x5e5c64);
  cairo_move_to (r->cr, x, baseline - pango_layout_get_baseline (mark) / (double)PANGO_SCALE);
  pango_cairo_show_layout (r->cr, mark);
}

/* Draws @layout at @x line by line from the current position, breaking
 * pages between lines. @bar, when non-zero, is the colour of a rule drawn
 * left of every line (code blocks, the verdict); code blocks also mark the
 * lines they wrap. @key, when set, is drawn beside the first line. */
static void
flow_layout (Render      *r,
             PangoLayout *layout,
             double       x,
             guint32      color,
             guint32      bar,
             PangoLayout *key)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  gboolean first = TRUE;

  do
    {
      PangoRectangle logical;
      double height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = logical.height / (double)PANGO_SCALE;
      baseline = (pango_layout_iter_get_baseline (iter) - logical.y) / (double)PANGO_SCALE;

      if (first && key != NULL)
        {
          int key_height;

          pango_layout_get_pixel_size (key, NULL, &key_height);
          ensure_space (r, MAX (height, key_height));
        }
      else
        ensure_space (r, height);

      if (r->cr != NULL)
        {
          if (first && key != NULL)
            {
              set_color (r->cr, 0x5e5c64);
              cairo_move_to (r->cr, MARGIN_X, r->y);
              pango_cairo_show_layout (r->cr, key);
            }
          if (bar != 0)
            {
              set_color (r->cr, bar);
              cairo_rectangle (r->cr, x - 7, r->y, 2.5, height);
              cairo_fill (r->cr);
            }
          if (pango_layout_get_indent (layout) < 0 &&
              !pango_layout_iter_get_line_readonly (iter)->is_paragraph_start)
            draw_continuation (r, x, r->y + baseline);
          set_color (r->cr, color);
          cairo_move_to (r->cr, x + logical.x / (double)PANGO_SCALE, r->y + baseline);
          pango_cairo_show_layout_line (r->cr, pango_layout_iter_get_line_readonly (iter));
        }
      r->y += height;
      first = FALSE;
    }
  while (pango_layout_iter_next_line (iter));
}

/* A table cell wraps between words only, so that a host name or a port is
 * never split ("mx1.good.l ab", "3276 8"); only a word wider than the whole
 * cell (a hash) breaks where it must. */
static void
wrap_cell (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_get_extents (layout, NULL, &logical);
  if (logical.x + logical.width > pango_layout_get_width (layout))
    pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
}

static void
render_block (Render *r,
              Block  *block)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) key = NULL;
  int value_height;

  switch (block->kind)
    {
    case BLOCK_PAIR:
      key = new_layout (r, "DejaVu Sans 9", KEY_WIDTH);
      pango_layout_set_markup (key, block->key_markup, -1);
      wrap_cell (key);
      layout = new_layout (r, "DejaVu Sans 9", CONTENT_WIDTH - KEY_WIDTH - KEY_GAP);
      pango_layout_set_markup (layout, block->markup, -1);
      wrap_cell (layout);
      r->y += 1.5;
      /* A value of a few lines stays on one page with its key: a reader
       * (and a search) finds a sentence whole */
      pango_layout_get_pixel_size (layout, NULL, &value_height);
      if (value_height < (PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / 4)
        ensure_space (r, value_height);
      flow_layout (r, layout, MARGIN_X + KEY_WIDTH + KEY_GAP, 0x241f31, 0, key);
      return;

    case STI_PDF_BLOCK_TITLE:
      layout = new_layout (r, "DejaVu Sans Bold 17", CONTENT_WIDTH);
      pango_layout_set_markup (layout, block->markup, -1);
      flow_layout (r, layout, MARGIN_X, 0x241f31, 0, NULL);
      r->y += 6;
      return;

    case STI_PDF_BLOCK_HEADING:
      layout = new_layout (r, "DejaVu Sans Bold 13", CONTENT_WIDTH);
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 14;
      ensure_space (r, 70); /* keep a heading with what follows it */
      if (r->cr != NULL && block->plain != NULL)
        {
          g_autofree char *link = NULL;

          link = g_strdup_printf ("page=%d pos=[%.1f %.1f]", r->page, MARGIN_X, r->y);

          cairo_pdf_surface_add_outline (r->surface, CAIRO_PDF_OUTLINE_ROOT, block->plain, link, 0);
        }
      flow_layout (r, layout, MARGIN_X, 0x1a5fb4, 0, NULL);
      if (r->cr != NULL)
        {
          set_color (r->cr, 0xc0bfbc);
          cairo_set_line_width (r->cr, 0.5);
          cairo_move_to (r->cr, MARGIN_X, r->y + 2);
          cairo_line_to (r->cr, PAGE_WIDTH - MARGIN_X, r->y + 2);
          cairo_stroke (r->cr);
        }
      r->y += 6;
      return;

    case STI_PDF_BLOCK_SUBHEADING:
      layout = new_layout (r, "DejaVu Sans Bold 11", CONTENT_WIDTH);
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 10;
      ensure_space (r, 50);
      flow_layout (r, layout, MARGIN_X, 0x241f31, 0, NULL);
      r->y += 3;
      return;

    case STI_PDF_BLOCK_MINOR_HEADING:
      layout = new_layout (r, "DejaVu Sans Bold 9.5", CONTENT_WIDTH);
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 6;
      ensure_space (r, 36);
      flow_layout (r, layout, MARGIN_X, 0x3d3846, 0, NULL);
      r->y += 2;
      return;

    case STI_PDF_BLOCK_VERDICT:
      layout = new_layout (r, "DejaVu Sans Bold 11.5", CONTENT_WIDTH - 12);
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 4;
      flow_layout (r, layout, MARGIN_X + 12, 0x241f31, block->accent, NULL);
      r->y += 6;
      return;

    case STI_PDF_BLOCK_MONO:
      layout = new_layout (r, "DejaVu Sans Mono 7.5", CONTENT_WIDTH - 10);
      pango_layout_set_indent (layout, (int)(-CONTINUATION_INDENT * PANGO_SCALE));
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 3;
      flow_layout (r, layout, MARGIN_X + 10, 0x3d3846, 0xdeddda, NULL);
      r->y += 5;
      return;

    case STI_PDF_BLOCK_PARAGRAPH:
    default:
      layout = new_layout (r, "DejaVu Sans 9.5", CONTENT_WIDTH);
      pango_layout_set_markup (layout, block->markup, -1);
      r->y += 3;
      flow_layout (r, layout, MARGIN_X, 0x241f31, 0, NULL);
      r->y += 3;
      return;
    }
}

/* The sentence that ends a document cut at MAX_PAGES or MAX_TEXT_BYTES. */
static void
render_cut_note (Render *r)
{
  Block note = { STI_PDF_BLOCK_PARAGRAPH, NULL, NULL, NULL, 0 };
  g_autofree char *text = NULL;

  /* Translators: the end of a PDF report too long to print whole; %d is a
   * number of pages */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: %d is a number of pages */
                                       "The PDF stops here, after %d page, so that it stays "
                                       "printable: the rest of the report is not shown. The "
                                       "JSON and HTML exports of this report have everything.",
                                       "The PDF stops here, after %d pages, so that it stays "
                                       "printable: the rest of the report is not shown. The "
                                       "JSON and HTML exports of this report have everything.",
                                       r->page),
                          r->page);
  note.markup = g_markup_printf_escaped ("<b>%s</b>", text);
  r->y += 12;
  render_block (r, &note);
  g_free (note.markup);
}

static void
render_pass (Render *r)
{
  GArray *blocks = r->doc->blocks;

  r->page = 0;
  start_page (r);
  for (r->n_shown = 0; r->n_shown < blocks->len; r->n_shown++)
    {
      int kind = g_array_index (blocks, Block, r->n_shown).kind;

      /* The layout is the same in both passes, so is the cut: at the next
       * section once MAX_PAGES are full, within one a few pages later. */
      if ((r->page >= MAX_PAGES &&
           (kind == STI_PDF_BLOCK_HEADING || kind == STI_PDF_BLOCK_SUBHEADING)) ||
          r->page >= MAX_PAGES + 10)
        {
          render_cut_note (r);
          break;
        }
      render_block (r, &g_array_index (blocks, Block, r->n_shown));
    }
  if (r->n_shown == blocks->len && document_is_full (r->doc))
    render_cut_note (r);
  if (r->cr != NULL)
    cairo_show_page (r->cr);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Returns: (transfer full): the PDF file, or %NULL with @error set */
static GBytes *
document_render (StiPdfDocument  *doc,
                 GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Render r = { doc, NULL, NULL, NULL, 0, 0, 0, doc->width, doc->height, 0 };
  cairo_font_options_t *options;
  cairo_status_t status;

  r.context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (r.context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (r.context, options);
  cairo_font_options_destroy (options);

  /* Pass 1: count the pages. */
  render_pass (&r);
  r.n_pages = r.page;

  /* Pass 2: draw them. */
  r.surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, r.width, r.height);
  cairo_pdf_surface_set_metadata (r.surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  cairo_pdf_surface_set_metadata (r.surface, CAIRO_PDF_METADATA_CREATOR, "STARTTLS Inspector");
  if (doc->create_date != NULL)
    cairo_pdf_surface_set_metadata (r.surface, CAIRO_PDF_METADATA_CREATE_DATE, doc->create_date);
  r.cr = cairo_create (r.surface);
  pango_cairo_update_context (r.cr, r.context);
  render_pass (&r);
  g_warn_if_fail (r.page == r.n_pages);
  cairo_destroy (r.cr);
  cairo_surface_finish (r.surface);
  status = cairo_surface_status (r.surface);
  cairo_surface_destroy (r.surface);
  g_object_unref (r.context);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is cairo's error message */
                   _("Could not create the PDF: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* The paper, in points; the loader sets it on every new document. */
static void
document_set_page_size (StiPdfDocument *doc,
                        double          width,
                        double          height)
{
  doc->width = width;
  doc->height = height;
}

static const StiPdfModule module = {
  .abi = STI_PDF_MODULE_ABI,
  .size = sizeof (StiPdfModule),
  .document_new = document_new,
  .document_free = document_free,
  .document_set_date = document_set_date,
  .document_add_markup = document_add_markup,
  .document_add_text = document_add_text,
  .document_add_pair = document_add_pair,
  .document_add_verdict = document_add_verdict,
  .document_render = document_render,
  .document_set_page_size = document_set_page_size,
  .document_is_full = document_is_full,
};

G_MODULE_EXPORT const StiPdfModule *
sti_pdf_module_get (void)
{
  return &module;
}
