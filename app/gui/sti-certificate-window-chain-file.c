/* sti-certificate-window-chain-file.c: the chain file as built, and the private-key warning
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include "sti-chain-link.h"

#include <glib/gi18n.h>

/* "Save Chain As Built…" writes what a mail server should send: the leaf
 * first, then each issuer, without the root (clients have it). That is
 * the path the check verified when the report recorded it (intermediates
 * fetched through AIA included: the server should send them), else the
 * path built from what was sent, by name. */

static const char *
dn_of (StiCertificateSections *model,
       const char             *field_id)
{
  const StiCertificateField *field = sti_certificate_sections_lookup_field (model, field_id);

  return field != NULL ? field->value : "";
}

/* A file may list its certificates in any order: the leaf is the one that
 * issued none of the others (a self-signed one issues itself only). */
static guint
leaf_position (GPtrArray *models)
{
  for (guint i = 0; i < models->len; i++)
    {
      const char *subject = dn_of (g_ptr_array_index (models, i), "subject.dn");
      gboolean issuer = FALSE;

      for (guint j = 0; j < models->len && !issuer; j++)
        issuer = j != i && g_str_equal (dn_of (g_ptr_array_index (models, j), "issuer.dn"),
                                        subject);
      if (!issuer)
        return i;
    }
  return 0;
}

/* The models from the leaf on, the others after it in file order: what
 * sti_certificate_sections_order_chain() builds its path from. */
static GPtrArray *
leaf_first (GPtrArray *models)
{
  guint leaf = leaf_position (models);
  GPtrArray *out = g_ptr_array_new ();

  g_ptr_array_add (out, g_ptr_array_index (models, leaf));
  for (guint i = 0; i < models->len; i++)
    if (i != leaf)
      g_ptr_array_add (out, g_ptr_array_index (models, i));
  return out;
}

/**
 * sti_certificate_window_dup_chain_pem:
 * @self: a #StiCertificateWindow
 *
 * Returns: (transfer full) (nullable): the chain as built, leaf first,
 *   in PEM, without the root; %NULL when no certificate is shown
 */
char *
sti_certificate_window_dup_chain_pem (StiCertificateWindow *self)
{
  GPtrArray *built = self->endpoint != NULL ? sti_endpoint_report_get_built_chain (self->endpoint)
                                            : NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), NULL);

  if (built != NULL && built->len > 0)
    {
      for (guint i = 0; i < built->len; i++)
        {
          const StiChainLink *link = g_ptr_array_index (built, i);
          g_autofree char *pem = NULL;

          if (link->origin == STI_CHAIN_ORIGIN_ANCHOR)
            continue;
          pem = sti_certificate_dup_pem (link->certificate);
          g_string_append (out, pem);
        }
    }
  else if (self->models->len > 0 &&
           sti_certificate_sections_get_kind (g_ptr_array_index (self->models, 0)) !=
             STI_CERTIFICATE_KIND_REQUEST)
    {
      g_autoptr(GPtrArray) models = leaf_first (self->models);
      g_autoptr(GArray) order = sti_certificate_sections_order_chain (models, NULL);

      for (guint i = 0; i < order->len; i++)
        {
          StiCertificateSections *model = g_ptr_array_index (models,
                                                             g_array_index (order, guint, i));
          g_autofree char *pem = NULL;

          if (i > 0 && sti_certificate_sections_get_is_self_signed (model))
            continue;
          pem = sti_certificate_sections_dup_pem (model);
          g_string_append (out, pem);
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * sti_certificate_window_save_chain:
 * @self: a #StiCertificateWindow
 * @file: where to write
 *
 * Writes sti_certificate_window_dup_chain_pem() to @file, asynchronously;
 * a toast says when it is done.
 */
void
sti_certificate_window_save_chain (StiCertificateWindow *self,
                                   GFile                *file)
{
  char *pem;

  g_return_if_fail (STI_IS_CERTIFICATE_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  pem = sti_certificate_window_dup_chain_pem (self);
  if (pem != NULL)
    sti_certificate_window_write_file (self, file, pem);
}

static void
save_chain_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        gpointer         user_data)
{
  StiCertificateWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        sti_certificate_window_save_chain (self, file);
    }
  g_object_unref (dialog);
}

static void
save_chain_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (widget);
  g_autofree char *pem = sti_certificate_window_dup_chain_pem (self);
  GtkFileChooserNative *dialog;

  if (pem == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Chain As Built"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, NULL, NULL);
  /* The name Postfix, Exim and certbot use for the same file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "fullchain.pem");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_chain_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * sti_certificate_window_set_key_warning:
 * @self: a #StiCertificateWindow
 * @shown: whether the file shown holds a private key
 *
 * Shows or hides the warning that the file must be kept secret.
 */
void
sti_certificate_window_set_key_warning (StiCertificateWindow *self,
                                        gboolean              shown)
{
  gtk_widget_set_visible (self->key_banner, shown);
}

/* Returns: whether the private-key warning is shown */
gboolean
sti_certificate_window_get_key_warning (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->key_banner);
}

/* A row above the certificate stands in for AdwBanner (libadwaita 1.3):
 * a persistent state of the file shown, not a passing event, so no toast.
 * The icon and the words carry it, not the colour alone. */
void
sti_certificate_window_init_chain_file (StiCertificateWindow *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("This file also holds a private key"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Keep it secret: anyone who has it can pose as your server. "
                                 "Do not share it, send it by mail or paste it anywhere; "
                                 "share only the certificates."));
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  self->key_banner = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->key_banner), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (self->key_banner), row);
  gtk_widget_set_name (self->key_banner, "private-key-warning");
  gtk_widget_add_css_class (self->key_banner, "boxed-list");
  gtk_widget_set_margin_top (self->key_banner, 12);
  gtk_widget_set_margin_start (self->key_banner, 12);
  gtk_widget_set_margin_end (self->key_banner, 12);
  gtk_widget_set_visible (self->key_banner, FALSE);
  gtk_box_prepend (self->details_box, self->key_banner);
}

void
sti_certificate_window_class_init_chain_file (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "viewer.save-chain-as", NULL,
                                   save_chain_as_action);
}
