/* sti-request-assistant-bundle.c: "I have my certificate": the chain file
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-request-assistant-private.h"

#include "sti-report-widgets.h"

#include "sti-certificate-guidance.h"
#include "sti-format.h"
#include "sti-secret-file.h"

#include <glib/gi18n.h>
#include <string.h>

/* What the CA sent becomes one checked chain file (StiChainBundle, built
 * off the main loop, a missing intermediate fetched through AIA), shown
 * in words: the order, what was left out and why, the key, the names,
 * the dates, the verdict. Saved as PEM, and as a PKCS #12 file for
 * Exchange; then the install lines, and Check Again in the main window. */

/* The key the chain is checked against: one chosen here, else the one
 * made in the key step. */
static StiPrivateKey *
bundle_key (StiRequestAssistant *self)
{
  return self->bundle_key != NULL ? self->bundle_key : self->key;
}

void
ra_update_bundle_key (StiRequestAssistant *self)
{
  g_autofree char *path = self->bundle_key_file != NULL ? g_file_get_path (self->bundle_key_file)
                                                        : NULL;
  g_autofree char *text = NULL;

  if (path != NULL)
    text = g_strdup (path);
  else if (self->key != NULL && self->key_path != NULL)
    /* Translators: %s is a file name */
    text = g_strdup_printf (_("The key made in the key step: %s"), self->key_path);
  else if (self->key != NULL)
    text = g_strdup (_("The key made in the key step"));
  else
    text = g_strdup (_("None: choose it to check that it belongs to the certificate, and to "
                       "save a .pfx file for Exchange."));
  adw_action_row_set_subtitle (self->bundle_key_row, text);
}

static void
show_files (StiRequestAssistant *self)
{
  GPtrArray *old = g_object_get_data (G_OBJECT (self->files_group), "sti-rows");
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; old != NULL && i < old->len; i++)
    adw_preferences_group_remove (self->files_group, g_ptr_array_index (old, i));

  if (self->cert_files->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No files yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Add your certificate and the intermediates that came "
                                     "with it."));
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (rows, row);
    }

  for (guint i = 0; i < self->cert_files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->cert_files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *path = g_file_get_parse_name (file);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
      adw_preferences_group_add (self->files_group, row);
      g_ptr_array_add (rows, row);
    }
  g_object_set_data_full (G_OBJECT (self->files_group), "sti-rows", rows,
                          (GDestroyNotify)g_ptr_array_unref);
}

static void
add_certificates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ra_choose_file (STI_REQUEST_ASSISTANT (widget), _("Choose the Certificate Files"),
                  GTK_FILE_CHOOSER_ACTION_OPEN, NULL, TRUE,
                  sti_request_assistant_add_certificate_file);
}

static void
bundle_key_chosen (StiRequestAssistant *self,
                   GFile               *file)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  StiPrivateKey *key = NULL;

  /* A key file is a few kilobytes. */
  data = g_file_load_bytes (file, NULL, NULL, &error);
  if (data != NULL)
    key = sti_private_key_new_from_data (data, &error);
  if (key == NULL)
    {
      ra_toast (self, error->message);
      return;
    }

  g_clear_object (&self->bundle_key);
  self->bundle_key = key;
  g_set_object (&self->bundle_key_file, file);
  ra_update_bundle_key (self);
}

static void
choose_bundle_key_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ra_choose_file (STI_REQUEST_ASSISTANT (widget), _("Choose the Private Key"),
                  GTK_FILE_CHOOSER_ACTION_OPEN, NULL, FALSE,
                  bundle_key_chosen);
}

static void
clear_result (StiRequestAssistant *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->result_box))) != NULL)
    gtk_box_remove (self->result_box, child);
  self->password_row = NULL;
  self->bundle_guidance = NULL;
}

/* A titled group of plain sentences, or nothing when there are none. */
static void
add_sentences (StiRequestAssistant *self,
               const char          *id,
               const char          *title,
               GPtrArray           *sentences,
               const char          *icon_name)
{
  GtkWidget *group;

  if (sentences->len == 0)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_widget_set_name (group, id);
  for (guint i = 0; i < sentences->len; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
      GtkWidget *label = sti_report_widgets_text_new (g_ptr_array_index (sentences, i), NULL);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_bottom (box, 6);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
    }
  gtk_box_append (self->result_box, group);
}

static void
add_chain (StiRequestAssistant *self)
{
  GPtrArray *chain = sti_chain_bundle_get_chain (self->bundle);
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("The Chain File, in Order"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Your certificate first, then the certificate that "
                                           "issued it, and so on: the order senders expect."));
  gtk_widget_set_name (group, "bundle-chain");
  for (guint i = 0; i < chain->len; i++)
    {
      StiCertificate *cert = g_ptr_array_index (chain, i);
      g_autofree char *until = sti_format_date (sti_certificate_get_not_after (cert));
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1,
                                                sti_certificate_get_subject (cert));
      /* Translators: a certificate's issuer, then its end date */
      g_autofree char *subtitle = g_strdup_printf (_("Issued by %s, valid until %s"),
                                                   sti_certificate_get_issuer (cert), until);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->result_box, group);
}

/* The key, the names and the dates, each in a sentence; what could not
 * be checked goes to @unchecked. */
static GPtrArray *
checks_of (StiRequestAssistant *self,
           GPtrArray           *unchecked)
{
  GPtrArray *checks = g_ptr_array_new_with_free_func (g_free);
  StiCertificate *leaf = g_ptr_array_index (sti_chain_bundle_get_chain (self->bundle), 0);
  GDateTime *not_after = sti_certificate_get_not_after (leaf);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *until = sti_format_date (not_after);
  gint64 days = g_date_time_difference (not_after, now) / G_TIME_SPAN_DAY;

  if (bundle_key (self) == NULL)
    g_ptr_array_add (unchecked, g_strdup (_("No key given: whether it belongs to the certificate "
                                         "was not checked.")));
  else if (sti_chain_bundle_get_key_matches (self->bundle))
    g_ptr_array_add (checks, g_strdup (_("The key belongs to this certificate.")));

  if (self->names->len > 0 && sti_chain_bundle_get_verified (self->bundle))
    {
      g_auto(GStrv) names = sti_request_assistant_dup_names (self);
      g_autofree char *list = g_strjoinv (", ", names);

      /* Translators: %s is a list of host names */
      g_ptr_array_add (checks, g_strdup_printf (_("It covers every name: %s."), list));
    }

  if (days >= 0)
    g_ptr_array_add (checks,
                     /* Translators: a date, then a number of days */
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Valid until %s, %d day from now.",
                                                   "Valid until %s, %d days from now.", days),
                                      until, (int)MIN (days, G_MAXINT)));
  return checks;
}

static void
update_bundle_guidance (StiRequestAssistant *self)
{
  g_auto(GStrv) names = sti_request_assistant_dup_names (self);
  g_autofree char *key_path = self->bundle_key_file != NULL
                              ? g_file_get_path (self->bundle_key_file)
                              : g_strdup (self->key_path);
  g_autofree char *text = NULL;
  StiBundleGuidance g = { NULL, };
  StiCertificate *leaf;

  if (self->bundle_guidance == NULL)
    return;

  leaf = g_ptr_array_index (sti_chain_bundle_get_chain (self->bundle), 0);
  g.names = names[0] != NULL ? (const char * const *)names : sti_certificate_get_dns_names (leaf);
  g.key_path = key_path;
  g.chain_path = self->chain_path;
  g.pkcs12_path = self->pkcs12_path;
  text = sti_certificate_guidance_after_bundle (&g);
  adw_bin_set_child (self->bundle_guidance, ra_guidance_new (text));
}

static GtkWidget *
save_row_new (const char *title,
              const char *subtitle,
              const char *label,
              const char *action)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* Saving, the install lines, and Check Again: only for a chain that verifies. */
static void
add_outputs (StiRequestAssistant *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *again;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Save"));
  gtk_widget_set_name (group, "bundle-save");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             save_row_new (_("Chain file (PEM)"),
                                           _("For Postfix, Exim and Sendmail"),
                                           _("_Save Chain File…"), "assistant.save-chain"));
  self->password_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 _("Password for the .pfx file"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->password_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             save_row_new (_("Key and chain for Exchange (.pfx)"),
                                           _("Password-protected, with the key: needs the key "
                                             "and a password"),
                                           _("Save ._pfx File…"), "assistant.save-pkcs12"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.save-pkcs12",
                                 bundle_key (self) != NULL);
  gtk_box_append (self->result_box, group);

  self->bundle_guidance = ADW_BIN (adw_bin_new ());
  gtk_box_append (self->result_box, GTK_WIDGET (self->bundle_guidance));
  update_bundle_guidance (self);

  again = gtk_button_new_with_mnemonic (_("Check _Again"));
  gtk_widget_set_tooltip_text (again, _("Check the domain again in the main window and show "
                                        "what changed"));
  gtk_widget_set_halign (again, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (again, "pill");
  gtk_widget_add_css_class (again, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (again), "assistant.check-again");
  gtk_widget_set_name (again, "check-again");
  gtk_widget_set_visible (again, self->parent != NULL && self->domain != NULL);
  gtk_box_append (self->result_box, again);
}

static void
show_result (StiRequestAssistant *self)
{
  gboolean verified = sti_chain_bundle_get_verified (self->bundle);
  GtkWidget *verdict = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (verified ? "emblem-ok-symbolic"
                                                           : "dialog-error-symbolic");
  g_autoptr(GPtrArray) unchecked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) checks = checks_of (self, unchecked);
  GtkWidget *words;

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_add_css_class (icon, verified ? "success" : "error");
  gtk_box_append (GTK_BOX (verdict), icon);
  words = sti_report_widgets_text_new (verified
                                       ? _("The chain verifies: a sender that checks "
                                           "certificates accepts it.")
                                       : _("This chain would not verify. Fix what is listed "
                                           "below, then build it again."),
                                       "title-4");
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (verdict), words);
  gtk_widget_set_name (verdict, verified ? "bundle-verified" : "bundle-not-verified");
  gtk_box_append (self->result_box, verdict);

  add_sentences (self, "bundle-problems", _("Why It Would Not Verify"),
                 sti_chain_bundle_get_problems (self->bundle), "dialog-error-symbolic");
  add_chain (self);
  add_sentences (self, "bundle-checks", _("Checked"), checks, "emblem-ok-symbolic");
  add_sentences (self, "bundle-unchecked", _("Not Checked"), unchecked,
                 "dialog-information-symbolic");
  add_sentences (self, "bundle-notes", _("What Was Done"),
                 sti_chain_bundle_get_notes (self->bundle), "emblem-documents-symbolic");
  add_sentences (self, "bundle-warnings", _("Worth Knowing"),
                 sti_chain_bundle_get_warnings (self->bundle), "dialog-warning-symbolic");
  if (verified)
    add_outputs (self);
}

static void
on_bundle_built_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(StiRequestAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean built = sti_chain_bundle_build_finish (STI_CHAIN_BUNDLE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->building = FALSE;
  gtk_spinner_stop (self->build_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->build_spinner), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.build", TRUE);

  if (!built)
    {
      gtk_box_append (self->result_box, sti_report_widgets_text_new (error->message, "error"));
      g_clear_object (&self->bundle);
      return;
    }
  show_result (self);
}

/* Every file read into a new bundle; the first unreadable one's message. */
static StiChainBundle *
bundle_new (StiRequestAssistant  *self,
            GError              **error)
{
  g_autoptr(StiChainBundle) bundle = sti_chain_bundle_new ();
  g_auto(GStrv) names = sti_request_assistant_dup_names (self);

  for (guint i = 0; i < self->cert_files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->cert_files, i);
      g_autofree char *label = g_file_get_basename (file);
      /* What a CA sends is a few kilobytes. */
      g_autoptr(GBytes) data = g_file_load_bytes (file, NULL, NULL, error);

      if (data == NULL || !sti_chain_bundle_add_data (bundle, label, data, error))
        return NULL;
    }

  if (bundle_key (self) != NULL)
    sti_chain_bundle_set_key (bundle, bundle_key (self));
  if (names[0] != NULL)
    sti_chain_bundle_set_names (bundle, (const char * const *)names);
  return g_steal_pointer (&bundle);
}

static void
build_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  g_autoptr(GError) error = NULL;
  StiChainBundleOptions options;

  if (self->building)
    return;

  clear_result (self);
  g_clear_object (&self->bundle);
  g_clear_pointer (&self->chain_path, g_free);
  g_clear_pointer (&self->pkcs12_path, g_free);
  if (self->cert_files->len == 0)
    {
      const char *text = _("Add the files your certificate authority sent first.");

      gtk_box_append (self->result_box, sti_report_widgets_text_new (text, "error"));
      return;
    }

  self->bundle = bundle_new (self, &error);
  if (self->bundle == NULL)
    {
      gtk_box_append (self->result_box, sti_report_widgets_text_new (error->message, "error"));
      return;
    }

  sti_chain_bundle_options_init (&options);
  options.trust = self->trust != NULL ? self->trust : sti_trust_store_get_system ();
  options.allow_network = TRUE;
  self->building = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->build_spinner), TRUE);
  gtk_spinner_start (self->build_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.build", FALSE);
  sti_chain_bundle_build_async (self->bundle, &options, self->cancellable, on_bundle_built_cb,
                                g_object_ref (self));
}

static void
chain_save_chosen (StiRequestAssistant *self,
                   GFile               *file)
{
  g_autoptr(GError) error = NULL;

  if (!sti_request_assistant_save_chain (self, file, &error))
    ra_toast_error (self, error);
}

static void
save_chain_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  /* The name Postfix, Exim and certbot use for the same file */
  ra_choose_file (STI_REQUEST_ASSISTANT (widget), _("Save the Chain File"),
                  GTK_FILE_CHOOSER_ACTION_SAVE, "fullchain.pem", FALSE,
                  chain_save_chosen);
}

static void
pkcs12_save_chosen (StiRequestAssistant *self,
                    GFile               *file)
{
  g_autoptr(GError) error = NULL;

  if (self->password_row != NULL &&
      !sti_request_assistant_save_pkcs12 (self, file,
                                          gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                          &error))
    ra_toast_error (self, error);
}

static void
save_pkcs12_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  g_autofree char *name = NULL;

  if (self->password_row == NULL ||
      gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] == '\0')
    {
      ra_toast (self, _("Type a password for the .pfx file first."));
      if (self->password_row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  name = g_strconcat (self->names->len > 0 ? (char *)g_ptr_array_index (self->names, 0)
                                           : "server", ".pfx", NULL);
  ra_choose_file (self, _("Save the .pfx File"), GTK_FILE_CHOOSER_ACTION_SAVE, name, FALSE,
                  pkcs12_save_chosen);
}

/* The main window checks the domain again and shows what changed. */
static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);

  if (self->parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.check-again-compare", NULL);
  gtk_window_present (self->parent);
}

void
ra_init_bundle (StiRequestAssistant *self)
{
  show_files (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.save-pkcs12", FALSE);
}

void
ra_class_init_bundle (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "assistant.add-certificates", NULL,
                                   add_certificates_action);
  gtk_widget_class_install_action (widget_class, "assistant.choose-bundle-key", NULL,
                                   choose_bundle_key_action);
  gtk_widget_class_install_action (widget_class, "assistant.build", NULL, build_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-chain", NULL,
                                   save_chain_action);
  gtk_widget_class_install_action (widget_class, "assistant.save-pkcs12", NULL,
                                   save_pkcs12_action);
  gtk_widget_class_install_action (widget_class, "assistant.check-again", NULL,
                                   check_again_action);
}

void
sti_request_assistant_add_certificate_file (StiRequestAssistant *self,
                                            GFile               *file)
{
  g_return_if_fail (STI_IS_REQUEST_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));

  g_ptr_array_add (self->cert_files, g_object_ref (file));
  show_files (self);
}

/* Whether the chain file is being built */
gboolean
sti_request_assistant_get_building (StiRequestAssistant *self)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);
  return self->building;
}

/* Returns: (transfer none) (nullable): the last chain file built */
StiChainBundle *
sti_request_assistant_get_bundle (StiRequestAssistant *self)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), NULL);
  return self->building ? NULL : self->bundle;
}

static gboolean
bundle_ready (StiRequestAssistant  *self,
              GError              **error)
{
  if (self->bundle != NULL && !self->building && sti_chain_bundle_get_verified (self->bundle))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Build a chain file that verifies first."));
  return FALSE;
}

/**
 * sti_request_assistant_save_chain:
 * @file: where to write the chain file (replaced: the chooser asked)
 *
 * Returns: whether the chain file was written
 */
gboolean
sti_request_assistant_save_chain (StiRequestAssistant  *self,
                                  GFile                *file,
                                  GError              **error)
{
  g_autoptr(GBytes) pem = NULL;

  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);

  if (!bundle_ready (self, error))
    return FALSE;
  pem = sti_chain_bundle_dup_pem (self->bundle);
  /* A few kilobytes to a file the chooser confirmed. */
  if (!g_file_replace_contents (file, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem), NULL,
                                FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;

  g_free (self->chain_path);
  self->chain_path = g_file_get_path (file);
  update_bundle_guidance (self);
  ra_toast (self, _("Chain file saved"));
  return TRUE;
}

/**
 * sti_request_assistant_save_pkcs12:
 * @file: a local file (replaced: the chooser asked)
 * @password: the password that protects it, not empty
 *
 * Writes key and chain as a PKCS #12 file, readable by its owner alone.
 */
gboolean
sti_request_assistant_save_pkcs12 (StiRequestAssistant  *self,
                                   GFile                *file,
                                   const char           *password,
                                   GError              **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) pfx = NULL;

  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);

  if (!bundle_ready (self, error))
    return FALSE;
  if (bundle_key (self) == NULL || password == NULL || password[0] == '\0' || path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The .pfx file needs the key, a password and a local folder."));
      return FALSE;
    }

  pfx = sti_chain_bundle_dup_pkcs12 (self->bundle, bundle_key (self), password, error);
  if (pfx == NULL || !sti_secret_file_write (path, pfx, TRUE, error))
    return FALSE;

  g_free (self->pkcs12_path);
  self->pkcs12_path = g_steal_pointer (&path);
  update_bundle_guidance (self);
  ra_toast (self, _("The .pfx file saved"));
  return TRUE;
}
