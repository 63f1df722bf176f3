/* sti-certificate-window-page.c: the sections of the certificate the viewer shows
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include "sti-catalog.h"
#include "sti-finding-detail.h"
#include "sti-glossary.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>
#include <string.h>

#define DISPLAY_MAX 2048

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

/* A wrapping label that shows @text literally. */
GtkWidget *
sti_certificate_window_label_new (const char *text,
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
  return g_strdup_printf (_("%.*s\n… %zu characters left out: "
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

static const char *
finding_css_class (StiFinding *finding)
{
  return sti_finding_get_severity (finding) == STI_SEVERITY_ERROR ? "error" : "warning";
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
  GtkWidget *title = sti_certificate_window_label_new (field->label, "caption-heading");
  g_autofree char *shown = display_text (field->value);
  GtkWidget *value = sti_certificate_window_label_new (shown,
                                                       field->monospace ? "monospace" : NULL);
  gboolean highlighted = g_strcmp0 (self->highlight_field, field->id) == 0;

  gtk_widget_set_margin_start (hbox, 12);
  gtk_widget_set_margin_end (hbox, 12);
  gtk_widget_set_margin_top (hbox, 8);
  gtk_widget_set_margin_bottom (hbox, 8);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_add_css_class (title, "dim-label");
  sti_report_widgets_make_selectable (value);
  /* PEM and hex dumps come in lines of 64 characters, wider than a
   * narrow window: they break anywhere, like any long word */
  if (field->monospace && strchr (field->value, '\n') != NULL)
    gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_CHAR);
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
          GtkWidget *explanation = sti_certificate_window_label_new (text, "dim-label");

          gtk_widget_add_css_class (explanation, "caption");
          gtk_box_append (GTK_BOX (vbox), explanation);
        }
    }

  if (highlighted && self->finding != NULL)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (self->finding, NULL);
      g_autofree char *detail = sti_finding_dup_detail_text (self->finding);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (detail != NULL && *detail != '\0')
        /* Translators: a finding's title, then its detail */
        text = g_strdup_printf (_("Finding: %s — %s"), sti_explanation_get_title (explanation),
                                detail);
      else
        text = g_strdup_printf (_("Finding: %s"), sti_explanation_get_title (explanation));
      label = sti_certificate_window_label_new (text, finding_css_class (self->finding));
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (vbox), label);
      if (self->explain && sti_explanation_get_why (explanation) != NULL)
        {
          GtkWidget *why = sti_certificate_window_label_new (sti_explanation_get_why (explanation),
                                                             "caption");

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
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"),
                                      -1);
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
  /* Translators: a percentage; "%%" is the percent sign */
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

StiCertificateSections *
sti_certificate_window_current_model (StiCertificateWindow *self)
{
  if (self->extra_model != NULL)
    return self->extra_model;
  if (self->models == NULL || self->position >= self->models->len)
    return NULL;

  return g_ptr_array_index (self->models, self->position);
}

/* The finding the viewer was opened for, above the sections. */
static AdwPreferencesGroup *
finding_group_new (StiCertificateWindow   *self,
                   StiCertificateSections *model)
{
  g_autoptr(StiExplanation) explanation = sti_catalog_explain (self->finding, NULL);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const StiCertificateField *field =
    sti_certificate_sections_lookup_field (model, self->highlight_field);
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *where =
    /* Translators: %s is the name of a certificate field, like "Valid until" */
    g_strdup_printf (_("Concerns the field “%s”, highlighted below."), field->label);
  const char *what = sti_explanation_get_what (explanation);

  set_group_text (group, _("Finding"), NULL);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_box_append (GTK_BOX (box),
                  sti_certificate_window_label_new (sti_explanation_get_title (explanation),
                                                    finding_css_class (self->finding)));
  if (what != NULL && *what != '\0')
    gtk_box_append (GTK_BOX (box), sti_certificate_window_label_new (what, NULL));
  gtk_box_append (GTK_BOX (box), sti_certificate_window_label_new (where, "dim-label"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  adw_preferences_group_add (group, row);
  gtk_widget_set_name (GTK_WIDGET (group), "finding");

  return group;
}

void
sti_certificate_window_build_page (StiCertificateWindow *self)
{
  StiCertificateSections *model = sti_certificate_window_current_model (self);
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
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), finding_group_new (self, model));

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
