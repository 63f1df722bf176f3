/* sti-certificate-window-file.c: files in the certificate viewer: open, drop, copy, save
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include "sti-certificate-file.h"

#include <glib/gi18n.h>
#include <string.h>

#define READ_CHUNK (64 * 1024)

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
  sti_certificate_window_show_error (self, message);
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
    g_autofree char *basename = g_file_get_basename (data->file);

    self->loading = FALSE;
    g_free (self->file_name);
    self->file_name = g_filename_display_name (basename);
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
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (widget);
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

  /* A certificate of the chain as built that was not sent. */
  if (!whole && self->extra_model != NULL)
    {
      g_autofree char *pem = sti_certificate_sections_dup_pem (self->extra_model);

      g_string_append (out, pem);
      return g_string_free (out, FALSE);
    }

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
copy_pem_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (widget);
  g_autofree char *pem = NULL;

  if (sti_certificate_window_current_model (self) == NULL)
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

/* Writes @text (taken) to @file; a toast says when it is done. */
void
sti_certificate_window_write_file (StiCertificateWindow *self,
                                   GFile                *file,
                                   char                 *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                       save_done_cb, g_object_ref (self));
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

      if (file != NULL)
        sti_certificate_window_write_file (self, file, chain_pem (self, whole));
    }
  g_object_unref (dialog);
}

static void
save (StiCertificateWindow *self,
      gboolean              whole)
{
  StiCertificateSections *model = sti_certificate_window_current_model (self);
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
save_certificate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  save (STI_CERTIFICATE_WINDOW (widget), FALSE);
}

static void
save_chain_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save (STI_CERTIFICATE_WINDOW (widget), TRUE);
}


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
    {
      if (sti_certificate_file_has_private_key (data))
        g_prefix_error (error, _("This file holds a private key, which must stay secret: do "
                                 "not share or send it. "));
      return FALSE;
    }

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

  self->from_file = TRUE;
  sti_certificate_window_set_models (self, models, 0);
  sti_certificate_window_set_key_warning (self, sti_certificate_file_has_private_key (data));

  return TRUE;
}

void
sti_certificate_window_init_file (StiCertificateWindow *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
sti_certificate_window_class_init_file (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "viewer.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "viewer.copy-pem", NULL, copy_pem_action);
  gtk_widget_class_install_action (widget_class, "viewer.save-certificate", NULL,
                                   save_certificate_action);
  gtk_widget_class_install_action (widget_class, "viewer.save-chain", NULL, save_chain_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "viewer.open",
                                       NULL);
}
