/* sti-request-assistant-key.c: the key, the request and the next steps
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-request-assistant-private.h"

#include "sti-report-widgets.h"

#include "sti-certificate-guidance.h"
#include "sti-certificate-request.h"

#include <glib/gi18n.h>

/* The key is made off the main loop (sti_private_key_generate_async());
 * the request is signed with it at once. Both are saved through a file
 * chooser: the key with mode 0600 and never over an existing file (a key
 * a server still uses would be lost), the request as any file. */

static const struct
{
  StiKeyType  type;
  const char *title;
  const char *subtitle;
} key_types[] = {
  { STI_KEY_TYPE_RSA_2048, N_("RSA, 2048 bits"),
    N_("Works with every sender and every mail server, Exchange included. The usual "
       "choice.") },
  { STI_KEY_TYPE_RSA_3072, N_("RSA, 3072 bits"),
    N_("Stronger and a little slower; works everywhere too.") },
  { STI_KEY_TYPE_ECDSA_P256, N_("ECDSA, P-256 curve"),
    N_("Small and fast. Exchange cannot use it.") },
};

gboolean
ra_key_step_done (StiRequestAssistant *self)
{
  return self->request != NULL && self->key_path != NULL && self->request_path != NULL;
}

/* What the Made group says about the files: saved where, or not yet. */
static void
update_made (StiRequestAssistant *self)
{
  g_autofree char *key_text = NULL;
  g_autofree char *request_text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->made_group), self->request != NULL);
  if (self->request == NULL)
    return;

  if (self->key_path != NULL)
    /* Translators: the kind of key, then a file name */
    key_text = g_strdup_printf (_("%s. Saved in %s, readable by you alone. Keep it secret."),
                                sti_private_key_get_description (self->key), self->key_path);
  else
    /* Translators: %s is the kind of key, e.g. "RSA, 2048 bits" */
    key_text = g_strdup_printf (_("%s. Not saved yet: it exists only in this window."),
                                sti_private_key_get_description (self->key));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->key_row), key_text);

  if (self->request_path != NULL)
    /* Translators: %s is a file name */
    request_text = g_strdup_printf (_("Saved in %s. It holds nothing secret."),
                                    self->request_path);
  else
    request_text = g_strdup (_("Not saved yet. It holds nothing secret: copy it or save it."));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->request_row), request_text);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.save-key",
                                 self->key_path == NULL);
  ra_update_step (self);
}

/* A new key type or key file: what was made with the old one is gone. */
static void
forget_key (StiRequestAssistant *self)
{
  g_clear_object (&self->key);
  g_clear_pointer (&self->request, g_bytes_unref);
  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->request_path, g_free);
  update_made (self);
}

/* New names: the request made for the old ones is gone; the key stays. */
void
ra_forget_request (StiRequestAssistant *self)
{
  if (self->request == NULL)
    return;
  g_clear_pointer (&self->request, g_bytes_unref);
  g_clear_pointer (&self->request_path, g_free);
  update_made (self);
}

static void
show_key_error (StiRequestAssistant *self,
                const char          *message)
{
  gtk_label_set_text (self->key_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_error), message != NULL);
}

/* Signs the request for the names with the key made or read. */
static void
make_request_with (StiRequestAssistant *self,
                   StiPrivateKey       *key)
{
  g_auto(GStrv) names = sti_request_assistant_dup_names (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) request = NULL;

  request = sti_certificate_request_new_pem (key, (const char * const *)names, &error);
  if (request == NULL)
    {
      show_key_error (self, error->message);
      return;
    }

  g_set_object (&self->key, key);
  g_clear_pointer (&self->request, g_bytes_unref);
  self->request = g_steal_pointer (&request);
  g_clear_pointer (&self->request_path, g_free);
  if (self->reuse_key_file != NULL)
    {
      g_free (self->key_path);
      self->key_path = g_file_get_path (self->reuse_key_file);
    }
  update_made (self);
  ra_update_bundle_key (self);
}

static void
on_key_generated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(StiRequestAssistant) self = user_data;
  g_autoptr(StiPrivateKey) key = NULL;
  g_autoptr(GError) error = NULL;

  key = sti_private_key_generate_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->making = FALSE;
  gtk_spinner_stop (self->make_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->make_spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.make-request", TRUE);

  if (key == NULL)
    show_key_error (self, error->message);
  else
    make_request_with (self, key);
}

static void
make_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);

  if (self->making || self->names->len == 0)
    return;

  show_key_error (self, NULL);
  if (self->reuse_key_file != NULL)
    {
      g_autoptr(GBytes) data = g_file_load_bytes (self->reuse_key_file, NULL, NULL, NULL);
      g_autoptr(StiPrivateKey) key = NULL;
      g_autoptr(GError) error = NULL;

      if (data != NULL)
        key = sti_private_key_new_from_data (data, &error);
      if (key == NULL)
        show_key_error (self, error != NULL ? error->message : _("Cannot read the key file."));
      else
        make_request_with (self, key);
      return;
    }

  /* The same key for new names: only a new request. */
  if (self->key != NULL)
    {
      g_autoptr(StiPrivateKey) key = g_object_ref (self->key);

      make_request_with (self, key);
      return;
    }

  self->making = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->make_spinner), TRUE);
  gtk_spinner_start (self->make_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.make-request", FALSE);
  sti_private_key_generate_async (self->key_type, self->cancellable, on_key_generated_cb,
                                  g_object_ref (self));
}

/* Another kind of key: what was made with the old one is gone. */
static void
set_key_type (StiRequestAssistant *self,
              StiKeyType           type)
{
  if (self->key_type == type && self->reuse_key_file == NULL)
    return;
  self->key_type = type;
  g_clear_object (&self->reuse_key_file);
  forget_key (self);
}

static void
on_key_type_toggled_cb (GtkCheckButton      *check,
                        StiRequestAssistant *self)
{
  if (!gtk_check_button_get_active (check))
    return;

  if (check == g_object_get_data (G_OBJECT (self->reuse_row), "sti-check"))
    {
      /* Reusing needs a file: ask for it at once. */
      if (self->reuse_key_file == NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "assistant.choose-reuse-key", NULL);
      forget_key (self);
      return;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reuse_row),
                               _("Keeps DANE “3 1 1” records valid: they pin the public key, "
                                 "which stays the same."));
  set_key_type (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "sti-key-type")));
}

static void
reuse_chosen (StiRequestAssistant *self,
              GFile               *file)
{
  g_autofree char *path = g_file_get_parse_name (file);
  /* Translators: %s is a file name */
  g_autofree char *text = g_strdup_printf (_("%s. Its DANE “3 1 1” records stay valid."), path);

  g_set_object (&self->reuse_key_file, file);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reuse_row), text);
  gtk_check_button_set_active (g_object_get_data (G_OBJECT (self->reuse_row), "sti-check"),
                               TRUE);
  forget_key (self);
}

static void
choose_reuse_key_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ra_choose_file (STI_REQUEST_ASSISTANT (widget), _("Choose the Key to Reuse"),
                  GTK_FILE_CHOOSER_ACTION_OPEN, NULL, FALSE, reuse_chosen);
}

static void
key_save_chosen (StiRequestAssistant *self,
                 GFile               *file)
{
  g_autoptr(GError) error = NULL;

  if (!sti_request_assistant_save_key (self, file, &error))
    ra_toast_error (self, error);
}

static char *
file_name_for (StiRequestAssistant *self,
               const char          *suffix)
{
  return g_strconcat (self->names->len > 0 ? (char *)g_ptr_array_index (self->names, 0)
                                           : "server", suffix, NULL);
}

static void
save_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  g_autofree char *name = file_name_for (self, ".key");

  if (self->key != NULL)
    ra_choose_file (self, _("Save the Private Key"), GTK_FILE_CHOOSER_ACTION_SAVE, name, FALSE,
                    key_save_chosen);
}

static void
request_save_chosen (StiRequestAssistant *self,
                     GFile               *file)
{
  g_autoptr(GError) error = NULL;

  if (!sti_request_assistant_save_request (self, file, &error))
    ra_toast_error (self, error);
}

static void
save_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  g_autofree char *name = file_name_for (self, ".csr");

  if (self->request != NULL)
    ra_choose_file (self, _("Save the Certificate Request"), GTK_FILE_CHOOSER_ACTION_SAVE, name,
                    FALSE, request_save_chosen);
}

static void
copy_request_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  g_autofree char *text = NULL;

  if (self->request == NULL)
    return;
  text = g_strndup (g_bytes_get_data (self->request, NULL), g_bytes_get_size (self->request));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  ra_toast (self, _("Request copied"));
}

/* The text blocks' Copy buttons (sti_report_widgets_text_blocks()) ask the
 * window for win.copy-text: this window answers. */
static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          g_variant_get_string (parameter, NULL));
  ra_toast (STI_REQUEST_ASSISTANT (widget), _("Copied"));
}

/* The next steps, in sti-certificate-guidance's words, with the real
 * names and paths. */
void
ra_show_guidance (StiRequestAssistant *self)
{
  g_auto(GStrv) names = sti_request_assistant_dup_names (self);
  g_autofree char *text = NULL;
  StiRequestGuidance g = { NULL, };

  if (!ra_key_step_done (self))
    {
      const char *first = _("Make the key and the request first, and save them.");

      adw_bin_set_child (self->guidance_bin, sti_report_widgets_text_new (first, NULL));
      return;
    }

  g.names = (const char * const *)names;
  g.key_path = self->key_path;
  g.csr_path = self->request_path;
  g.key_description = sti_private_key_get_description (self->key);
  g.key_reused = self->reuse_key_file != NULL;
  g.key_is_rsa = self->reuse_key_file != NULL || self->key_type != STI_KEY_TYPE_ECDSA_P256;
  g.spki_sha256 = sti_private_key_get_spki_sha256 (self->key);
  text = sti_certificate_guidance_after_request (&g);
  adw_bin_set_child (self->guidance_bin, ra_guidance_new (text));
}

static GtkWidget *
button_new (const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

/* An icon button: two of them fit beside a title even 360 pixels wide. */
static GtkWidget *
icon_button_new (const char *icon_name,
                 const char *tooltip,
                 const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
made_row_new (const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

void
ra_init_key (StiRequestAssistant *self)
{
  GtkWidget *first = NULL;
  GtkWidget *check;

  for (guint i = 0; i <= G_N_ELEMENTS (key_types); i++)
    {
      GtkWidget *row = adw_action_row_new ();

      check = gtk_check_button_new ();
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
      else
        first = check;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "sti-check", check);

      if (i < G_N_ELEMENTS (key_types))
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(key_types[i].title));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(key_types[i].subtitle));
          g_object_set_data (G_OBJECT (check), "sti-key-type",
                             GINT_TO_POINTER (key_types[i].type));
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                       key_types[i].type == STI_KEY_TYPE_DEFAULT);
          gtk_widget_set_name (row, sti_key_type_to_string (key_types[i].type));
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         _("Reuse an existing key"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Keeps DANE “3 1 1” records valid: they pin the "
                                         "public key, which stays the same."));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     button_new (_("C_hoose…"), "assistant.choose-reuse-key"));
          self->reuse_row = row;
        }
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_key_type_toggled_cb), self, 0);
      adw_preferences_group_add (self->key_group, row);
    }

  self->key_row = made_row_new (_("Private key"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->key_row),
                             icon_button_new ("document-save-symbolic", _("Save the Key…"),
                                              "assistant.save-key"));
  adw_preferences_group_add (self->made_group, self->key_row);

  self->request_row = made_row_new (_("Certificate request (CSR)"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->request_row),
                             icon_button_new ("edit-copy-symbolic", _("Copy the Request"),
                                              "assistant.copy-request"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->request_row),
                             icon_button_new ("document-save-symbolic", _("Save the Request…"),
                                              "assistant.save-request"));
  adw_preferences_group_add (self->made_group, self->request_row);
}

void
ra_class_init_key (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "assistant.make-request", NULL,
                                   make_request_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-reuse-key", NULL,
                                   choose_reuse_key_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-key", NULL, save_key_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-request", NULL,
                                   save_request_action);
  gtk_widget_class_install_action (widget_class, "assistant.copy-request", NULL,
                                   copy_request_action);
  gtk_widget_class_install_action (widget_class, "win.copy-text", "s", copy_text_action);
}

/* Returns: (transfer none) (nullable): the key made or read */
StiPrivateKey *
sti_request_assistant_get_key (StiRequestAssistant *self)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), NULL);
  return self->key;
}

/* Returns: (transfer none) (nullable): the request, PEM */
GBytes *
sti_request_assistant_get_request (StiRequestAssistant *self)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), NULL);
  return self->request;
}

/**
 * sti_request_assistant_save_key:
 * @file: a local file that does not exist yet
 * @error: %G_IO_ERROR_EXISTS when it does
 *
 * Writes the key made here, readable by its owner alone (mode 0600).
 */
gboolean
sti_request_assistant_save_key (StiRequestAssistant  *self,
                                GFile                *file,
                                GError              **error)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);
  g_return_val_if_fail (self->key != NULL, FALSE);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The key can only be saved to a local folder."));
      return FALSE;
    }
  if (!sti_private_key_save (self->key, path, FALSE, error))
    return FALSE;

  g_free (self->key_path);
  self->key_path = g_steal_pointer (&path);
  update_made (self);
  ra_update_bundle_key (self);
  ra_toast (self, _("Key saved"));
  return TRUE;
}

gboolean
sti_request_assistant_save_request (StiRequestAssistant  *self,
                                    GFile                *file,
                                    GError              **error)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);
  g_return_val_if_fail (self->request != NULL, FALSE);

  /* A few hundred bytes to a file the chooser confirmed. */
  if (!g_file_replace_contents (file, g_bytes_get_data (self->request, NULL),
                                g_bytes_get_size (self->request), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;

  g_free (self->request_path);
  self->request_path = g_file_get_path (file);
  if (self->request_path == NULL)
    self->request_path = g_file_get_uri (file);
  update_made (self);
  ra_toast (self, _("Request saved"));
  return TRUE;
}
