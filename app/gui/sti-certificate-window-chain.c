/* sti-certificate-window-chain.c: the chain sidebar of the certificate viewer
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include <glib/gi18n.h>

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
  GtkWidget *role_label = sti_certificate_window_label_new (role, "caption-heading");
  GtkWidget *title_label = sti_certificate_window_label_new (title, NULL);

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
      GtkWidget *status_label = sti_certificate_window_label_new (status, "caption");

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

void
sti_certificate_window_rebuild_chain (StiCertificateWindow *self)
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

void
sti_certificate_window_init_chain (StiCertificateWindow *self)
{
  g_signal_connect_object (self->chain_list, "row-selected", G_CALLBACK (chain_row_selected_cb),
                           self, 0);
  g_signal_connect_object (self->built_list, "row-activated", G_CALLBACK (built_row_activated_cb),
                           self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_title), FALSE);
}
