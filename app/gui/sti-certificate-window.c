/* sti-certificate-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window.h"

#include "sti-catalog.h"
#include "sti-certificate-file.h"
#include "sti-glossary.h"
#include "sti-settings.h"

#include <glib/gi18n.h>
#include <string.h>

/* The certificate viewer. It renders StiCertificateSections and nothing
 * else: every value shown comes from the model, already sanitized, and goes
 * into plain labels (use-markup FALSE). Markup only ever carries our own
 * strings, escaped. */

#define READ_CHUNK (64 * 1024)
#define DISPLAY_MAX 2048

struct _StiCertificateWindow
{
  AdwWindow       parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkToggleButton *explain_button;
  GtkLabel        *chain_title;
  GtkListBox      *chain_list;
  GtkLabel        *chain_note;
  GtkLabel        *built_title;
  GtkListBox      *built_list;
  GtkStack        *content_stack;
  AdwStatusPage   *status_page;
  GtkBox          *details_box;

  GSettings       *settings;
  GCancellable    *cancellable;
  GPtrArray       *models;          /* of StiCertificateSections */
  GtkWidget       *page;            /* the current AdwPreferencesPage */
  GtkWidget       *highlight_row;
  StiFinding      *finding;
  char            *highlight_field;
  char            *error;
  guint            position;
  guint            loading : 1;
  guint            explain : 1;
  guint            rebuilding_list : 1;
};

G_DEFINE_FINAL_TYPE (StiCertificateWindow, sti_certificate_window, ADW_TYPE_WINDOW)

static void sti_certificate_window_build_page (StiCertificateWindow *self);

static char *
explanation_for (const char *key,
                 const char *own)
{
  const StiGlossaryEntry *entry = key != NULL ? sti_glossary_lookup (key) : NULL;

  if (entry != NULL)
    /* Translators: a glossary term's full name, then its explanation */
    return g_strdup_printf (_("%s: %s"), _(entry->full_name), _(entry->text));
  if (own != NULL)
    return g_strdup (_(own));

  return NULL;
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Very long values (the PEM of a certificate with a thousand names) make
 * label layout slow: show the start and the end, Copy and Save give all. */
static char *
display_text (const char *value)
{
  gsize len = strlen (value);
  const char *head_end, *tail_start;

  if (len <= DISPLAY_MAX)
    return g_strdup (value);

  head_end = g_utf8_find_prev_char (value, value + DISPLAY_MAX / 2);
  tail_start = g_utf8_find_next_char (value + len - DISPLAY_MAX / 4, NULL);
  if (head_end == NULL || tail_start == NULL)
    return g_strdup (value);

  /* Translators: between the start and the end of a value too long to show */
  return g_strdup_printf (_("%.*s\n… %" G_GSIZE_FORMAT " characters left out: "
                            "use Copy or Save …\n%s"),
                          (int)(head_end - value), value,
                          (gsize)(tail_start - head_end), tail_start);
}

/* Word-then-character wrapping of one very long word is slow in Pango;
 * such values (hex, hostile names) wrap at any character instead. */
static gboolean
has_long_word (const char *text)
{
  guint run = 0;

  for (const char *c = text; *c != '\0'; c++)
    {
      run = g_ascii_isspace (*c) ? 0 : run + 1;
      if (run > 48)
        return TRUE;
    }

  return FALSE;
}

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "sti-copy-text");
  StiCertificateWindow *self = user_data;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied")));
}

static GtkWidget *
field_row (StiCertificateWindow      *self,
           const StiCertificateField *field)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                 "activatable", FALSE,
                                 "title", field->label,
                                 "use-markup", FALSE,
                                 NULL);
  GtkWidget *hbox = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = plain_label (field->label, "caption-heading");
  g_autofree char *shown = display_text (field->value);
  GtkWidget *value = plain_label (shown, field->monospace ? "monospace" : NULL);
  gboolean highlighted = g_strcmp0 (self->highlight_field, field->id) == 0;

  gtk_widget_set_margin_start (hbox, 12);
  gtk_widget_set_margin_end (hbox, 12);
  gtk_widget_set_margin_top (hbox, 8);
  gtk_widget_set_margin_bottom (hbox, 8);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  /* PEM and hex dumps come in short lines already: wrapping them only
   * costs layout time */
  if (field->monospace && strchr (field->value, '\n') != NULL)
    gtk_label_set_wrap (GTK_LABEL (value), FALSE);
  else if (has_long_word (shown))
    gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_CHAR);
  if (field->warning)
    gtk_widget_add_css_class (value, "warning");
  gtk_box_append (GTK_BOX (vbox), title);
  gtk_box_append (GTK_BOX (vbox), value);

  if (self->explain)
    {
      g_autofree char *text = explanation_for (field->explanation_key, field->explanation);

      if (text != NULL)
        {
          GtkWidget *explanation = plain_label (text, "dim-label");

          gtk_widget_add_css_class (explanation, "caption");
          gtk_box_append (GTK_BOX (vbox), explanation);
        }
    }

  if (highlighted && self->finding != NULL)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (self->finding, NULL);
      const char *detail = sti_finding_get_detail (self->finding);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (detail != NULL && *detail != '\0')
        /* Translators: a finding's title, then its detail */
        text = g_strdup_printf (_("Finding: %s — %s"), sti_explanation_get_title (explanation),
                                detail);
      else
        text = g_strdup_printf (_("Finding: %s"), sti_explanation_get_title (explanation));
      label = plain_label (text, sti_finding_get_severity (self->finding) == STI_SEVERITY_ERROR
                                   ? "error" : "warning");
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (vbox), label);
      if (self->explain && sti_explanation_get_why (explanation) != NULL)
        {
          GtkWidget *why = plain_label (sti_explanation_get_why (explanation), "caption");

          gtk_box_append (GTK_BOX (vbox), why);
        }
    }

  gtk_box_append (GTK_BOX (hbox), vbox);

  if (field->copyable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy"));
      g_object_set_data_full (G_OBJECT (button), "sti-copy-text", g_strdup (field->value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
      gtk_box_append (GTK_BOX (hbox), button);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), hbox);
  if (highlighted)
    {
      gtk_widget_add_css_class (title, "accent");
      self->highlight_row = row;
    }

  return row;
}

static void
san_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (item, label);
}

static void
san_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

static void
san_search_changed_cb (GtkSearchEntry  *entry,
                       GtkStringFilter *filter)
{
  gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* The names in a list view: fast with a thousand, and searchable. */
static GtkWidget *
san_list_row (const StiCertificateSection *section)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  GtkStringList *list;
  GtkStringFilter *filter;
  GtkFilterListModel *model;
  GtkListItemFactory *factory;
  GtkWidget *row, *box, *search, *scrolled, *view;

  for (guint i = 0; i < section->fields->len; i++)
    {
      const StiCertificateField *field = g_ptr_array_index (section->fields, i);

      if (g_str_equal (field->id, "san.count"))
        continue;
      if (g_str_equal (field->label, _("DNS name")))
        g_ptr_array_add (strings, g_strdup (field->value));
      else
        g_ptr_array_add (strings, g_strdup_printf ("%s: %s", field->label, field->value));
    }
  g_ptr_array_add (strings, NULL);

  list = gtk_string_list_new ((const char * const *)strings->pdata);
  filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                               "string"));
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  model = gtk_filter_list_model_new (G_LIST_MODEL (list), GTK_FILTER (filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (san_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (san_bind_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (model))),
                            factory);
  gtk_widget_set_name (view, "san-list");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  /* A fixed height: measuring the natural height of a thousand rows
   * would defeat the list view */
  gtk_widget_set_size_request (scrolled, -1, MIN (240, 28 * (int)section->fields->len));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  if (section->fields->len > 8)
    {
      search = gtk_search_entry_new ();
      g_object_set (search, "placeholder-text", _("Search names"), NULL);
      gtk_widget_set_name (search, "san-search");
      g_signal_connect_object (search, "search-changed", G_CALLBACK (san_search_changed_cb),
                               filter, 0);
      gtk_box_append (GTK_BOX (box), search);
    }
  gtk_box_append (GTK_BOX (box), scrolled);

  row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static GtkWidget *
timeline_row (StiCertificateSections *model)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  GtkWidget *bar = gtk_progress_bar_new ();
  double progress = sti_certificate_sections_get_validity_progress (model);
  g_autofree char *text = g_strdup_printf (_("%.0f %% of the validity period has passed"),
                                           progress * 100.0);

  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), progress);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (bar), text);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 10);
  gtk_widget_set_margin_bottom (bar, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), bar);

  return row;
}

static void
set_group_text (AdwPreferencesGroup *group,
                const char          *title,
                const char          *description)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_group_set_title (group, escaped_title);
  if (description != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (group, escaped);
    }
}

static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkScrolledWindow *found = find_scrolled (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Brings the highlighted field into view once the page has its size */
static gboolean
scroll_to_highlight_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (widget);
  GtkScrolledWindow *scrolled;
  GtkWidget *content;
  graphene_point_t point;

  if (self->highlight_row == NULL || self->page == NULL)
    return G_SOURCE_REMOVE;
  if (gtk_widget_get_height (self->highlight_row) == 0)
    return G_SOURCE_CONTINUE;

  scrolled = find_scrolled (self->page);
  content = scrolled != NULL ? gtk_scrolled_window_get_child (scrolled) : NULL;
  if (content != NULL &&
      gtk_widget_compute_point (self->highlight_row, content, &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

      gtk_adjustment_set_value (adjustment, MAX (0.0, point.y - 120.0));
    }

  return G_SOURCE_REMOVE;
}

static StiCertificateSections *
current_model (StiCertificateWindow *self)
{
  if (self->models == NULL || self->position >= self->models->len)
    return NULL;

  return g_ptr_array_index (self->models, self->position);
}

static void
sti_certificate_window_build_page (StiCertificateWindow *self)
{
  StiCertificateSections *model = current_model (self);
  GtkWidget *page;

  self->highlight_row = NULL;
  if (self->page != NULL)
    {
      gtk_box_remove (self->details_box, self->page);
      self->page = NULL;
    }

  if (model == NULL)
    return;

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);

  adw_window_title_set_title (self->window_title, sti_certificate_sections_get_title (model));
  adw_window_title_set_subtitle (self->window_title,
                                 sti_certificate_sections_get_kind (model) ==
                                 STI_CERTIFICATE_KIND_REQUEST
                                   ? _("Certificate request") : NULL);

  if (self->finding != NULL && self->highlight_field != NULL &&
      sti_certificate_sections_lookup_field (model, self->highlight_field) != NULL)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (self->finding, NULL);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      const StiCertificateField *field =
        sti_certificate_sections_lookup_field (model, self->highlight_field);
      GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *where =
        g_strdup_printf (_("Concerns the field “%s”, highlighted below."), field->label);
      const char *what = sti_explanation_get_what (explanation);

      set_group_text (group, _("Finding"), NULL);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_box_append (GTK_BOX (box),
                      plain_label (sti_explanation_get_title (explanation),
                                   sti_finding_get_severity (self->finding) == STI_SEVERITY_ERROR
                                     ? "error" : "warning"));
      if (what != NULL && *what != '\0')
        gtk_box_append (GTK_BOX (box), plain_label (what, NULL));
      gtk_box_append (GTK_BOX (box), plain_label (where, "dim-label"));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      adw_preferences_group_add (group, row);
      gtk_widget_set_name (GTK_WIDGET (group), "finding");
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  for (guint i = 0; i < sti_certificate_sections_get_n_sections (model); i++)
    {
      const StiCertificateSection *section = sti_certificate_sections_get_section (model, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *description = NULL;

      if (self->explain)
        description = explanation_for (section->explanation_key, section->explanation);
      set_group_text (group, section->title, description);
      gtk_widget_set_name (GTK_WIDGET (group), section->id);

      if (g_str_equal (section->id, "san"))
        {
          const StiCertificateField *count =
            sti_certificate_sections_lookup_field (model, "san.count");

          adw_preferences_group_add (group, field_row (self, count));
          if (section->fields->len > 1)
            adw_preferences_group_add (group, san_list_row (section));
        }
      else
        {
          for (guint j = 0; j < section->fields->len; j++)
            adw_preferences_group_add (group,
                                       field_row (self, g_ptr_array_index (section->fields, j)));
          if (g_str_equal (section->id, "validity"))
            adw_preferences_group_add (group, timeline_row (model));
        }

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  self->page = page;
  gtk_box_append (self->details_box, page);
  gtk_stack_set_visible_child_name (self->content_stack, "details");

  if (self->highlight_row != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_highlight_cb, NULL, NULL);
}

/* The chain sidebar */

static const char *
role_of (StiCertificateWindow *self,
         guint                 i)
{
  StiCertificateSections *model = g_ptr_array_index (self->models, i);

  if (sti_certificate_sections_get_kind (model) == STI_CERTIFICATE_KIND_REQUEST)
    return _("Certificate request");
  if (sti_certificate_sections_get_is_self_signed (model))
    return sti_certificate_sections_get_is_ca (model) ? _("Root (trust anchor)")
                                                      : _("Self-signed certificate");
  if (sti_certificate_sections_get_is_ca (model))
    return _("Intermediate");
  if (i == 0)
    return _("Leaf (server certificate)");

  return _("End-entity certificate");
}

static GtkWidget *
chain_row (const char *role,
           const char *title,
           const char *status,
           gboolean    warning)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *role_label = plain_label (role, "caption-heading");
  GtkWidget *title_label = plain_label (title, NULL);

  gtk_label_set_wrap (GTK_LABEL (title_label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title_label, title);
  gtk_widget_add_css_class (role_label, "dim-label");
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), role_label);
  gtk_box_append (GTK_BOX (box), title_label);
  if (status != NULL)
    {
      GtkWidget *status_label = plain_label (status, "caption");

      if (warning)
        gtk_widget_add_css_class (status_label, "warning");
      gtk_box_append (GTK_BOX (box), status_label);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static const char *
value_or_empty (StiCertificateSections *model,
                const char             *field_id)
{
  const StiCertificateField *field = sti_certificate_sections_lookup_field (model, field_id);

  return field != NULL ? field->value : "";
}

static void
rebuild_chain (StiCertificateWindow *self)
{
  GtkWidget *child;
  GString *note = g_string_new (NULL);
  gboolean request;

  self->rebuilding_list = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chain_list))) != NULL)
    gtk_list_box_remove (self->chain_list, child);

  request = self->models->len > 0 &&
            sti_certificate_sections_get_kind (g_ptr_array_index (self->models, 0)) ==
              STI_CERTIFICATE_KIND_REQUEST;
  gtk_label_set_text (self->chain_title, request ? _("Request") : _("Chain as sent"));

  for (guint i = 0; i < self->models->len; i++)
    {
      StiCertificateSections *model = g_ptr_array_index (self->models, i);
      const StiCertificateField *status =
        sti_certificate_sections_lookup_field (model, "summary.expires");

      gtk_list_box_append (self->chain_list,
                           chain_row (role_of (self, i), sti_certificate_sections_get_title (model),
                                      status != NULL ? status->value : NULL,
                                      status != NULL && status->warning));

    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->built_list))) != NULL)
    gtk_list_box_remove (self->built_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->built_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->built_title), FALSE);

  if (!request && self->models->len > 1)
    {
      g_autoptr(GArray) unused = NULL;
      g_autoptr(GArray) order = sti_certificate_sections_order_chain (self->models, &unused);
      gboolean reordered = FALSE;

      for (guint i = 0; i < order->len; i++)
        if (g_array_index (order, guint, i) != i)
          reordered = TRUE;

      if (reordered || unused->len > 0)
        {
          for (guint i = 0; i < order->len; i++)
            {
              guint index = g_array_index (order, guint, i);
              StiCertificateSections *model = g_ptr_array_index (self->models, index);
              /* Translators: where a certificate was in the chain the server sent */
              g_autofree char *sent = g_strdup_printf (_("Sent as number %u"), index + 1);

              GtkWidget *row = chain_row (role_of (self, index),
                                          sti_certificate_sections_get_title (model),
                                          sent, index != i);

              g_object_set_data (G_OBJECT (row), "sti-index", GUINT_TO_POINTER (index));
              gtk_list_box_append (self->built_list, row);
            }
          gtk_widget_set_visible (GTK_WIDGET (self->built_list), TRUE);
          gtk_widget_set_visible (GTK_WIDGET (self->built_title), TRUE);
        }

      if (reordered)
        g_string_append (note, _("The server sent the certificates out of order. Each certificate "
                                 "should come right before the one that issued it; some clients "
                                 "cannot reorder them and fail."));
      for (guint i = 0; i < unused->len; i++)
        {
          guint index = g_array_index (unused, guint, i);

          if (note->len > 0)
            g_string_append (note, "\n\n");
          g_string_append_printf (note, _("Certificate %u (%s) is on no path from the server's "
                                          "certificate: a duplicate or an unrelated certificate "
                                          "that only costs bytes in every handshake."),
                                  index + 1,
                                  sti_certificate_sections_get_title (
                                    g_ptr_array_index (self->models, index)));
        }
    }

  if (!request && self->models->len > 0)
    {
      g_autoptr(GArray) path = sti_certificate_sections_order_chain (self->models, NULL);
      StiCertificateSections *last = g_ptr_array_index (self->models,
                                                        g_array_index (path, guint, path->len - 1));

      if (!sti_certificate_sections_get_is_self_signed (last))
        {
          g_autofree char *title = g_strdup (value_or_empty (last, "summary.issued-by"));
          GtkWidget *row = chain_row (_("Not sent"), title,
                                      _("The client must already have this issuer or fetch it"),
                                      FALSE);

          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (self->chain_list, row);
        }

      if (note->len > 0)
        g_string_append (note, "\n\n");
      g_string_append (note, _("A root is normally not sent: clients have it in their trust "
                               "store. The chain as built by the check against the trust store "
                               "is not recorded in the report yet; the order above is built from "
                               "the names in the certificates that were sent."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chain_list), self->models->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_title), self->models->len > 0);
  gtk_label_set_text (self->chain_note, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_note), note->len > 0);
  g_string_free (note, TRUE);
  self->rebuilding_list = FALSE;
}

static void
chain_row_selected_cb (GtkListBox    *box,
                       GtkListBoxRow *row,
                       gpointer       user_data)
{
  StiCertificateWindow *self = user_data;
  int index;

  if (self->rebuilding_list || row == NULL)
    return;

  index = gtk_list_box_row_get_index (row);
  if (index < 0 || (guint)index >= self->models->len || (guint)index == self->position)
    return;

  self->position = index;
  sti_certificate_window_build_page (self);
}

static void
built_row_activated_cb (GtkListBox    *box,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  StiCertificateWindow *self = user_data;

  sti_certificate_window_select (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                            "sti-index")));
}

static void
set_models (StiCertificateWindow *self,
            GPtrArray            *models,
            guint                 position)
{
  g_clear_pointer (&self->error, g_free);
  g_ptr_array_unref (self->models);
  self->models = g_ptr_array_ref (models);
  self->position = MIN (position, models->len > 0 ? models->len - 1 : 0);

  rebuild_chain (self);
  self->rebuilding_list = TRUE;
  gtk_list_box_select_row (self->chain_list, gtk_list_box_get_row_at_index (self->chain_list,
                                                                            self->position));
  self->rebuilding_list = FALSE;
  sti_certificate_window_build_page (self);
}

static void
show_error (StiCertificateWindow *self,
            const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* Whatever was shown before is not what the user opened now */
  g_ptr_array_set_size (self->models, 0);
  self->position = 0;
  rebuild_chain (self);
  sti_certificate_window_build_page (self);

  g_free (self->error);
  self->error = g_strdup (message);
  adw_status_page_set_title (self->status_page, _("Not a Certificate"));
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_description (self->status_page, escaped);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  adw_window_title_set_title (self->window_title, _("Certificate Viewer"));
  adw_window_title_set_subtitle (self->window_title, NULL);
}

/* Explain mode */

static void
explain_toggled_cb (GtkToggleButton      *button,
                    StiCertificateWindow *self)
{
  gboolean explain = gtk_toggle_button_get_active (button);

  if (explain == self->explain)
    return;

  self->explain = explain;
  sti_certificate_window_build_page (self);
}

/* Loading files, bounded, on the main loop */

typedef struct
{
  StiCertificateWindow *self;
  GFile                *file;
  GInputStream         *stream;
  GByteArray           *buffer;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static void
load_failed (LoadData     *data,
             const GError *error)
{
  StiCertificateWindow *self = data->self;
  g_autofree char *name = g_file_get_parse_name (data->file);
  g_autofree char *message = NULL;

  self->loading = FALSE;
  /* Translators: a file name, then why it could not be opened */
  message = g_strdup_printf (_("%s: %s"), name, error->message);
  show_error (self, message);
  load_data_free (data);
}

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                              &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_data_free (data);
      return;
    }
  if (chunk == NULL)
    {
      load_failed (data, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0)
    {
      g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      if (data->buffer->len > STI_CERTIFICATE_FILE_MAX_SIZE)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The file is too large to be a certificate (more than %u MiB)"),
                       STI_CERTIFICATE_FILE_MAX_SIZE / (1024 * 1024));
          load_failed (data, error);
          return;
        }
      g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       data->self->cancellable, read_chunk_cb, data);
      return;
    }

  /* End of file */
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
    StiCertificateWindow *self = data->self;

    self->loading = FALSE;
    if (!sti_certificate_window_set_data (self, bytes, &error))
      {
        load_failed (data, error);
        return;
      }
    load_data_free (data);
  }
}

static void
file_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (object), result, &error));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_data_free (data);
      return;
    }
  if (data->stream == NULL)
    {
      load_failed (data, error);
      return;
    }

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->self->cancellable, read_chunk_cb, data);
}

/* Actions */

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  StiCertificateWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        sti_certificate_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  StiCertificateWindow *self = user_data;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Certificates and requests"));
  for (const char *const *p = (const char *const[]){ "*.pem", "*.crt", "*.cer", "*.der", "*.p7b",
                                                     "*.p7c", "*.csr", "*.req", NULL }; *p; p++)
    gtk_file_filter_add_pattern (filter, *p);

  dialog = gtk_file_chooser_native_new (_("Open Certificate"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static char *
chain_pem (StiCertificateWindow *self,
           gboolean              whole)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->models->len; i++)
    {
      g_autofree char *pem = NULL;

      if (!whole && i != self->position)
        continue;
      pem = sti_certificate_sections_dup_pem (g_ptr_array_index (self->models, i));
      g_string_append (out, pem);
    }

  return g_string_free (out, FALSE);
}

static void
copy_pem_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  StiCertificateWindow *self = user_data;
  g_autofree char *pem = NULL;

  if (current_model (self) == NULL)
    return;

  pem = chain_pem (self, FALSE);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), pem);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("PEM copied")));
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(StiCertificateWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
      return;
    }

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  StiCertificateWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gboolean whole = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "sti-whole"));
      char *pem = chain_pem (self, whole);
      g_autoptr(GBytes) bytes = g_bytes_new_take (pem, strlen (pem));

      if (file != NULL)
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                             NULL, save_done_cb, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
save (StiCertificateWindow *self,
      gboolean              whole)
{
  StiCertificateSections *model = current_model (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  GString *safe;

  if (model == NULL)
    return;

  /* A file name from the subject: keep only harmless characters */
  safe = g_string_new (NULL);
  for (const char *c = sti_certificate_sections_get_title (model);
       *c != '\0' && safe->len < 64; c++)
    g_string_append_c (safe, g_ascii_isalnum (*c) || *c == '.' || *c == '-' ? *c : '_');
  if (safe->len == 0)
    g_string_append (safe, "certificate");
  name = g_strdup_printf ("%s%s.pem", safe->str, whole ? "-chain" : "");
  g_string_free (safe, TRUE);

  dialog = gtk_file_chooser_native_new (whole ? _("Save Whole Chain") : _("Save Certificate"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        NULL, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "sti-whole", GINT_TO_POINTER (whole));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_certificate_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  save (user_data, FALSE);
}

static void
save_chain_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  save (user_data, TRUE);
}

static const GActionEntry viewer_actions[] = {
  { "open", open_action },
  { "copy-pem", copy_pem_action },
  { "save-certificate", save_certificate_action },
  { "save-chain", save_chain_action },
};

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  StiCertificateWindow *self = user_data;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      if (file != NULL)
        sti_certificate_window_open_file (self, file);
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
      if (file != NULL)
        sti_certificate_window_open_file (self, file);
    }

  return file != NULL;
}

/* GObject */

static void
sti_certificate_window_dispose (GObject *object)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_CERTIFICATE_WINDOW);

  G_OBJECT_CLASS (sti_certificate_window_parent_class)->dispose (object);
}

static void
sti_certificate_window_finalize (GObject *object)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->finding);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->highlight_field, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (sti_certificate_window_parent_class)->finalize (object);
}

static void
sti_certificate_window_class_init (StiCertificateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_certificate_window_dispose;
  object_class->finalize = sti_certificate_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-certificate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, explain_button);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_title);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_list);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_note);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, built_title);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, built_list);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, details_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "viewer.open",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
sti_certificate_window_init (StiCertificateWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->models = g_ptr_array_new_with_free_func (g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (group), viewer_actions,
                                   G_N_ELEMENTS (viewer_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "viewer", G_ACTION_GROUP (group));

  self->settings = sti_settings_new ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "explain-mode", self->explain_button, "active",
                     G_SETTINGS_BIND_DEFAULT);
  self->explain = gtk_toggle_button_get_active (self->explain_button);
  g_signal_connect_object (self->explain_button, "toggled", G_CALLBACK (explain_toggled_cb), self,
                           0);
  g_signal_connect_object (self->chain_list, "row-selected", G_CALLBACK (chain_row_selected_cb),
                           self, 0);
  g_signal_connect_object (self->built_list, "row-activated", G_CALLBACK (built_row_activated_cb),
                           self, 0);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  gtk_widget_set_visible (GTK_WIDGET (self->chain_note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_title), FALSE);
}

static StiCertificateWindow *
window_new (GtkWindow *parent)
{
  StiCertificateWindow *self = g_object_new (STI_TYPE_CERTIFICATE_WINDOW, NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }

  return self;
}

static GPtrArray *
models_from_chain (GPtrArray  *chain,
                   GError    **error)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < chain->len; i++)
    {
      StiCertificateSections *model =
        sti_certificate_sections_new (sti_certificate_get_der (g_ptr_array_index (chain, i)),
                                      NULL, error);

      if (model == NULL)
        return NULL;
      g_ptr_array_add (models, model);
    }

  return g_steal_pointer (&models);
}

static void
show_chain (StiCertificateWindow *self,
            GPtrArray            *chain,
            guint                 position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) models = models_from_chain (chain, &error);

  /* StiCertificate parsed each DER already; this fails only in theory */
  if (models == NULL)
    show_error (self, error->message);
  else
    set_models (self, models, position);
}

/**
 * sti_certificate_window_new:
 * @parent: (nullable): the window it belongs to
 * @chain: (element-type StiCertificate): the chain as the server sent it
 * @position: the certificate to show first
 *
 * Returns: (transfer none): a new viewer, owned by GTK; present it
 */
StiCertificateWindow *
sti_certificate_window_new (GtkWindow *parent,
                            GPtrArray *chain,
                            guint      position)
{
  StiCertificateWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (chain != NULL, NULL);

  self = window_new (parent);
  show_chain (self, chain, position);

  return self;
}

/**
 * sti_certificate_window_new_for_finding:
 * @parent: (nullable): the window it belongs to
 * @chain: (element-type StiCertificate): the chain as the server sent it
 * @position: the certificate the finding is about
 * @finding: a certificate or chain finding
 *
 * Opens the viewer on the field @finding is about (cert-expired → the
 * validity, cert-name-mismatch → the names, …), highlighted, with the
 * finding shown in it. Chain findings show the chain with the finding
 * under it.
 *
 * Returns: (transfer none): a new viewer, owned by GTK; present it
 */
StiCertificateWindow *
sti_certificate_window_new_for_finding (GtkWindow  *parent,
                                        GPtrArray  *chain,
                                        guint       position,
                                        StiFinding *finding)
{
  StiCertificateWindow *self;
  const char *field_id;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (chain != NULL, NULL);
  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  field_id = sti_certificate_sections_field_for_finding (sti_finding_get_id (finding));

  self = window_new (parent);
  g_set_object (&self->finding, finding);
  self->highlight_field = g_strdup (field_id);
  show_chain (self, chain, position);

  if (g_strcmp0 (field_id, "chain") == 0)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, NULL);
      g_autofree char *note = g_strdup_printf (_("Finding: %s\n\n%s"),
                                               sti_explanation_get_title (explanation),
                                               gtk_label_get_text (self->chain_note));

      gtk_label_set_text (self->chain_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->chain_note), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->chain_note), "warning");
    }

  return self;
}

/**
 * sti_certificate_window_new_for_file:
 * @parent: (nullable): the window it belongs to
 * @file: a certificate, bundle, PKCS #7 or request file
 *
 * Returns: (transfer none): a new viewer, owned by GTK, that loads @file
 */
StiCertificateWindow *
sti_certificate_window_new_for_file (GtkWindow *parent,
                                     GFile     *file)
{
  StiCertificateWindow *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = window_new (parent);
  sti_certificate_window_open_file (self, file);

  return self;
}

/**
 * sti_certificate_window_open_file:
 * @self: a #StiCertificateWindow
 * @file: a certificate, bundle, PKCS #7 or request file
 *
 * Reads @file asynchronously (at most %STI_CERTIFICATE_FILE_MAX_SIZE
 * bytes) and shows what it holds, or a clear message when it is not a
 * certificate.
 */
void
sti_certificate_window_open_file (StiCertificateWindow *self,
                                  GFile                *file)
{
  LoadData *data;

  g_return_if_fail (STI_IS_CERTIFICATE_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->buffer = g_byte_array_new ();
  self->loading = TRUE;

  g_file_read_async (file, G_PRIORITY_DEFAULT, self->cancellable, file_read_cb, data);
}

/**
 * sti_certificate_window_set_data:
 * @self: a #StiCertificateWindow
 * @data: the contents of a certificate file
 * @error: return location for a #GError
 *
 * Shows the certificates or the request in @data.
 *
 * Returns: %TRUE if @data held certificates or a request
 */
gboolean
sti_certificate_window_set_data (StiCertificateWindow  *self,
                                 GBytes                *data,
                                 GError               **error)
{
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func (g_object_unref);
  StiCertificateKind kind;

  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  ders = sti_certificate_file_parse (data, &kind, NULL, error);
  if (ders == NULL)
    return FALSE;

  for (guint i = 0; i < ders->len; i++)
    {
      StiCertificateSections *model;

      if (kind == STI_CERTIFICATE_KIND_REQUEST)
        model = sti_certificate_sections_new_for_request (g_ptr_array_index (ders, i), error);
      else
        model = sti_certificate_sections_new (g_ptr_array_index (ders, i), NULL, error);
      if (model == NULL)
        return FALSE;
      g_ptr_array_add (models, model);
    }

  set_models (self, models, 0);

  return TRUE;
}

/**
 * sti_certificate_window_select:
 * @self: a #StiCertificateWindow
 * @position: a certificate of the chain
 *
 * Shows another certificate of the chain.
 */
void
sti_certificate_window_select (StiCertificateWindow *self,
                               guint                 position)
{
  g_return_if_fail (STI_IS_CERTIFICATE_WINDOW (self));
  g_return_if_fail (position < self->models->len);

  gtk_list_box_select_row (self->chain_list,
                           gtk_list_box_get_row_at_index (self->chain_list, position));
}

/**
 * sti_certificate_window_get_n_certificates:
 * @self: a #StiCertificateWindow
 *
 * Returns: how many certificates (or requests) the viewer holds
 */
guint
sti_certificate_window_get_n_certificates (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), 0);

  return self->models->len;
}

/**
 * sti_certificate_window_get_sections:
 * @self: a #StiCertificateWindow
 *
 * Returns: (transfer none) (nullable): the model of the certificate shown
 */
StiCertificateSections *
sti_certificate_window_get_sections (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), NULL);

  return current_model (self);
}

/**
 * sti_certificate_window_get_highlighted_field:
 * @self: a #StiCertificateWindow
 *
 * Returns: (nullable): the id of the field highlighted for a finding and
 *   shown in the current page, or %NULL
 */
const char *
sti_certificate_window_get_highlighted_field (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), NULL);

  return self->highlight_row != NULL ? self->highlight_field : NULL;
}

/**
 * sti_certificate_window_get_error:
 * @self: a #StiCertificateWindow
 *
 * Returns: (nullable): the message shown for a file that could not be
 *   opened, or %NULL
 */
const char *
sti_certificate_window_get_error (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), NULL);

  return self->error;
}

/**
 * sti_certificate_window_get_loading:
 * @self: a #StiCertificateWindow
 *
 * Returns: %TRUE while a file is being read
 */
gboolean
sti_certificate_window_get_loading (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), FALSE);

  return self->loading;
}
