/* sti-request-assistant.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-request-assistant-private.h"

#include "sti-certificate-names.h"
#include "sti-host-report.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>
#include <string.h>

/* The certificate assistant: the same steps as the CLI's `request` and
 * `bundle`, one page each, every field explained as it is filled. The
 * names come from the check shown (every MX host), the key and the
 * request from app/core/assist, the words of the next steps from
 * sti-certificate-guidance. Check Again is the main window's action
 * (win.check-again-compare): the assistant only asks for it. */

G_DEFINE_FINAL_TYPE (StiRequestAssistant, sti_request_assistant, ADW_TYPE_WINDOW)

static const char * const steps[] = { "names", "key", "next-steps", "bundle" };

/* The words for a newcomer: what each term of a certificate means, and
 * why a mail server needs neither O nor DC. */
static const struct
{
  const char *id;
  const char *title;
  const char *text;
} terms[] = {
  { "term-key", N_("Private key"),
    N_("A secret only your server holds. With it, the server proves that it is the one "
       "the certificate names. It stays on the server: never send it to anyone, not even "
       "to the certificate authority.") },
  { "term-csr", N_("Certificate request (CSR)"),
    N_("A small file with your public key and the names, signed with the private key. "
       "You give it to a certificate authority, which checks that the names are yours and "
       "sends back the certificate. It holds nothing secret.") },
  { "term-cn", N_("CN, Common Name"),
    N_("The one name in the certificate’s subject. People and old software read it; "
       "senders check the SAN list instead. Here it is the first name.") },
  { "term-san", N_("SAN, Subject Alternative Name"),
    N_("The list of host names the certificate is valid for. A sender looks for the MX "
       "host name it connects to in this list, so every MX name belongs in it.") },
  { "term-o", N_("O, Organization"),
    N_("Your organization’s name, which some certificate authorities check for paid "
       "certificates. Senders never look at it: a mail server does not need it, and free "
       "certificate authorities leave it out.") },
  { "term-dc", N_("DC, Domain Component"),
    N_("A domain written in parts (DC=example,DC=org), as directories such as Active "
       "Directory write it. Certificate authorities drop it and senders ignore it: a mail "
       "server does not need it.") },
  { "term-exchange", N_("Exchange’s -SubjectName \"DC=…,CN=…\""),
    N_("Exchange’s examples write -SubjectName \"DC=com,DC=Contoso,CN=mail.contoso.com\". "
       "Only the CN part means anything, and what senders check is -DomainName, the SAN "
       "list. -SubjectName \"CN=mail.contoso.com\" with every MX name in -DomainName is "
       "all a mail server needs.") },
};

/* sti-certificate-guidance's plain text: sections after blank lines, each
 * a heading line, then paragraphs and indented commands (with Copy). */
GtkWidget *
ra_guidance_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) sections = g_strsplit (g_strchug (copy), "\n\n", -1);

  for (guint i = 0; sections[i] != NULL; i++)
    {
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      char *body = strchr (sections[i], '\n');

      if (sections[i][0] == '\0')
        continue;
      if (body != NULL)
        *body++ = '\0';
      gtk_box_append (GTK_BOX (section), sti_report_widgets_text_new (sections[i], "heading"));
      if (body != NULL && *body != '\0')
        gtk_box_append (GTK_BOX (section), sti_report_widgets_text_blocks (body));
      gtk_box_append (GTK_BOX (box), section);
    }
  return box;
}

void
ra_toast (StiRequestAssistant *self,
          const char          *text)
{
  /* Toast titles are markup in libadwaita 1.2. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* The newest says what happened last: no queue of old news. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_object (&self->toast, toast);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
ra_toast_error (StiRequestAssistant *self,
                const GError        *error)
{
  /* Translators: %s is why, an error message */
  g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);

  ra_toast (self, text);
}

static void
on_chooser_response_cb (StiRequestAssistant  *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  RaFileChosen chosen = self->chosen;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  self->chosen = NULL;

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      chosen (self, file);
    }
}

/* The assistant's one file chooser at a time: modal; @chosen gets the
 * file, or each file when @multiple. */
void
ra_choose_file (StiRequestAssistant  *self,
                const char           *title,
                GtkFileChooserAction  action,
                const char           *current_name,
                gboolean              multiple,
                RaFileChosen          chosen)
{
  if (self->chooser != NULL)
    return;

  self->chosen = chosen;
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), multiple);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), current_name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static guint
step_index (StiRequestAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (page, steps[i]) == 0)
      return i;
  return 0;
}

/* The header bar follows the step: its name, Back, and Next once the
 * step has what the next one needs. */
void
ra_update_step (StiRequestAssistant *self)
{
  static const char *titles[] = { N_("Names"), N_("Key and Request"), N_("Next Steps"),
                                  N_("Chain File") };
  guint i = step_index (self);
  g_autofree char *subtitle = NULL;
  gboolean can_next;

  /* Translators: the step of the assistant: its number, how many, its name */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), i + 1, (guint)G_N_ELEMENTS (steps),
                              _(titles[i]));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  switch (i)
    {
    case 0:
      can_next = self->names->len > 0;
      break;
    case 1:
      can_next = ra_key_step_done (self);
      break;
    case 2:
      can_next = TRUE;
      break;
    default:
      can_next = FALSE;
      break;
    }

  gtk_widget_set_visible (self->next_button, i + 1 < G_N_ELEMENTS (steps));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back", i > 0);
  gtk_widget_set_visible (self->back_button, i > 0);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  guint i = step_index (self);

  if (i + 1 < G_N_ELEMENTS (steps))
    sti_request_assistant_show_step (self, steps[i + 1]);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (widget);
  guint i = step_index (self);

  /* Opened at the chain file without a request made here: back to the start. */
  if (i == 3 && self->request == NULL)
    sti_request_assistant_show_step (self, steps[0]);
  else if (i > 0)
    sti_request_assistant_show_step (self, steps[i - 1]);
}

static gboolean
name_listed (const char * const *names,
             const char         *name)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

static void
remove_clicked_cb (GtkButton           *button,
                   StiRequestAssistant *self)
{
  sti_request_assistant_remove_name (self, g_object_get_data (G_OBJECT (button), "sti-name"));
}

/* One row per name with its Remove button, then a warning for each MX
 * host the names leave out. */
static void
show_names (StiRequestAssistant *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_auto(GStrv) uncovered = sti_request_assistant_dup_uncovered (self);

  /* Each group keeps the rows made here, to remove them on the next change. */
  for (guint i = 0; i < 2; i++)
    {
      AdwPreferencesGroup *group = i == 0 ? self->names_group : self->coverage_group;
      GPtrArray *old = g_object_get_data (G_OBJECT (group), "sti-rows");

      for (guint j = 0; old != NULL && j < old->len; j++)
        adw_preferences_group_remove (group, g_ptr_array_index (old, j));
      g_object_set_data_full (G_OBJECT (group), "sti-rows", g_ptr_array_new (),
                              (GDestroyNotify)g_ptr_array_unref);
    }

  for (guint i = 0; i < self->names->len; i++)
    {
      const char *name = g_ptr_array_index (self->names, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: the accessible name of a button; %s is a host name */
      g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (i == 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Also the Common Name (CN)"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (remove), "sti-name", g_strdup (name), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (g_object_get_data (G_OBJECT (self->names_group), "sti-rows"), row);
    }

  for (guint i = 0; uncovered[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *text = NULL;

      /* Translators: the first %s is a mail domain, the second one of its MX hosts */
      text = g_strdup_printf (_("Mail for %s delivered to %s would fail name checks: senders "
                                "that check certificates would not deliver there. Add it, "
                                "unless that host has a certificate of its own."),
                              self->domain, uncovered[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), uncovered[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_name (row, "uncovered");
      adw_preferences_group_add (self->coverage_group, row);
      g_ptr_array_add (g_object_get_data (G_OBJECT (self->coverage_group), "sti-rows"), row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_group), uncovered[0] != NULL);

  ra_forget_request (self);
  ra_update_step (self);
}

/* The names with @extra added, checked by the core: the first bad one's
 * message, or the names. */
static GStrv
parse_with (StiRequestAssistant  *self,
            const char           *extra,
            GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) all = NULL;

  for (guint i = 0; i < self->names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->names, i));
  if (extra != NULL)
    g_strv_builder_add (builder, extra);
  all = g_strv_builder_end (builder);

  return sti_certificate_names_parse ((const char * const *)all, error);
}

static void
show_name_error (StiRequestAssistant *self,
                 const GError        *error)
{
  gtk_label_set_text (self->name_error, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
}

/* As typed: the core's words for what is wrong with the name. */
static void
on_name_changed_cb (StiRequestAssistant *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_auto(GStrv) parsed = NULL;
  g_autoptr(GError) error = NULL;

  if (text[0] != '\0')
    parsed = parse_with (self, text, &error);
  show_name_error (self, error);
}

static void
on_name_apply_cb (StiRequestAssistant *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  g_autoptr(GError) error = NULL;

  if (text[0] == '\0')
    return;
  if (sti_request_assistant_add_name (self, text, &error))
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  show_name_error (self, error);
}

static void
build_terms (StiRequestAssistant *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *label = sti_report_widgets_text_new (_(terms[i].text), NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(terms[i].title));
      gtk_widget_set_name (row, terms[i].id);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
      adw_preferences_group_add (self->terms_group, row);
    }
}

/* The report's MX hosts, lower case, without a trailing dot, each once. */
static GStrv
mx_names_of (StiDomainReport *report)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *hosts = report != NULL ? sti_domain_report_get_hosts (report) : NULL;

  for (guint i = 0; hosts != NULL && i < hosts->len; i++)
    {
      const char *name = sti_host_report_get_name (g_ptr_array_index (hosts, i));
      gsize len = strlen (name);
      char *clean;

      if (len > 1 && name[len - 1] == '.')
        len--;
      clean = g_ascii_strdown (name, len);
      if (g_hash_table_add (seen, clean))
        g_strv_builder_add (builder, clean);
    }

  return g_strv_builder_end (builder);
}

static void
sti_request_assistant_dispose (GObject *object)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_REQUEST_ASSISTANT);
  g_clear_object (&self->trust);
  g_clear_object (&self->reuse_key_file);
  g_clear_object (&self->key);
  g_clear_object (&self->bundle_key_file);
  g_clear_object (&self->bundle_key);
  g_clear_object (&self->bundle);
  g_clear_pointer (&self->cert_files, g_ptr_array_unref);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (sti_request_assistant_parent_class)->dispose (object);
}

static void
sti_request_assistant_finalize (GObject *object)
{
  StiRequestAssistant *self = STI_REQUEST_ASSISTANT (object);

  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->mx_names, g_strfreev);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->request, g_bytes_unref);
  g_clear_pointer (&self->key_path, g_free);
  g_clear_pointer (&self->request_path, g_free);
  g_clear_pointer (&self->chain_path, g_free);
  g_clear_pointer (&self->pkcs12_path, g_free);

  G_OBJECT_CLASS (sti_request_assistant_parent_class)->finalize (object);
}

static void
sti_request_assistant_class_init (StiRequestAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_request_assistant_dispose;
  object_class->finalize = sti_request_assistant_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/ui/sti-request-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, names_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, name_entry);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, name_error);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, coverage_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, terms_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, key_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, make_spinner);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, key_error);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, made_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, guidance_bin);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, bundle_scroll);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, files_group);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, bundle_key_row);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, build_spinner);
  gtk_widget_class_bind_template_child (widget_class, StiRequestAssistant, result_box);

  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  ra_class_init_key (widget_class);
  ra_class_init_bundle (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "assistant.back", NULL);
}

static void
sti_request_assistant_init (StiRequestAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->names = g_ptr_array_new_with_free_func (g_free);
  self->cert_files = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->key_type = STI_KEY_TYPE_DEFAULT;
  gtk_widget_set_name (GTK_WIDGET (self->name_entry), "name-entry");
  gtk_widget_set_name (GTK_WIDGET (self->coverage_group), "coverage");
  gtk_widget_set_name (self->next_button, "next");

  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (on_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "apply", G_CALLBACK (on_name_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "entry-activated", G_CALLBACK (on_name_apply_cb),
                           self, G_CONNECT_SWAPPED);
  build_terms (self);
  ra_init_key (self);
  ra_init_bundle (self);
}

/**
 * sti_request_assistant_new:
 * @parent: (nullable): the main window: Check Again runs there
 * @report: (nullable): the check shown, whose MX hosts are the names
 * @trust: (nullable): the anchors the chain file is verified against
 *   (the checks' own, the demo lab's CA included); %NULL: the system's
 *
 * Returns: (transfer full): the assistant, at its first step
 */
StiRequestAssistant *
sti_request_assistant_new (GtkWindow       *parent,
                           StiDomainReport *report,
                           StiTrustStore   *trust)
{
  StiRequestAssistant *self = g_object_new (STI_TYPE_REQUEST_ASSISTANT, NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      g_set_weak_pointer (&self->parent, parent);
    }
  if (trust != NULL)
    self->trust = g_object_ref (trust);

  self->mx_names = mx_names_of (report);
  if (report != NULL)
    self->domain = g_strdup (sti_domain_report_get_domain (report));
  for (guint i = 0; self->mx_names[i] != NULL; i++)
    {
      g_auto(GStrv) parsed = parse_with (self, self->mx_names[i], NULL);

      /* A name no certificate can carry (an IP literal MX) is left out. */
      if (parsed != NULL)
        g_ptr_array_add (self->names, g_strdup (parsed[g_strv_length (parsed) - 1]));
    }

  show_names (self);
  ra_update_bundle_key (self);
  sti_request_assistant_show_step (self, "names");
  return self;
}

/**
 * sti_request_assistant_show_step:
 * @step: "names", "key", "next-steps" or "bundle"
 */
void
sti_request_assistant_show_step (StiRequestAssistant *self,
                                 const char          *step)
{
  g_return_if_fail (STI_IS_REQUEST_ASSISTANT (self));

  if (g_str_equal (step, "next-steps"))
    ra_show_guidance (self);
  gtk_stack_set_visible_child_name (self->stack, step);
  ra_update_step (self);
}

const char *
sti_request_assistant_get_step (StiRequestAssistant *self)
{
  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * sti_request_assistant_add_name:
 * @name: a host name as the user typed it
 * @error: the core's words for what is wrong with it
 *
 * Returns: whether @name was valid and is now one of the names
 */
gboolean
sti_request_assistant_add_name (StiRequestAssistant  *self,
                                const char           *name,
                                GError              **error)
{
  g_auto(GStrv) parsed = NULL;

  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), FALSE);

  parsed = parse_with (self, name, error);
  if (parsed == NULL)
    return FALSE;

  g_ptr_array_add (self->names, g_strdup (parsed[g_strv_length (parsed) - 1]));
  show_names (self);
  return TRUE;
}

void
sti_request_assistant_remove_name (StiRequestAssistant *self,
                                   const char          *name)
{
  g_return_if_fail (STI_IS_REQUEST_ASSISTANT (self));

  for (guint i = 0; i < self->names->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->names, i), name))
        {
          g_ptr_array_remove_index (self->names, i);
          break;
        }
    }
  show_names (self);
}

/* Returns: (transfer full): the names, A-labels, the first the CN */
GStrv
sti_request_assistant_dup_names (StiRequestAssistant *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (STI_IS_REQUEST_ASSISTANT (self), NULL);

  for (guint i = 0; i < self->names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->names, i));
  return g_strv_builder_end (builder);
}

/* Returns: (transfer full): the MX hosts the names leave out */
GStrv
sti_request_assistant_dup_uncovered (StiRequestAssistant *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = sti_request_assistant_dup_names (self);

  for (guint i = 0; self->mx_names[i] != NULL; i++)
    if (!name_listed ((const char * const *)names, self->mx_names[i]))
      g_strv_builder_add (builder, self->mx_names[i]);
  return g_strv_builder_end (builder);
}
