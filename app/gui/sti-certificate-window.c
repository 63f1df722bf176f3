/* sti-certificate-window.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include "sti-catalog.h"
#include "sti-settings.h"

#include <glib/gi18n.h>

G_DEFINE_FINAL_TYPE (StiCertificateWindow, sti_certificate_window, ADW_TYPE_WINDOW)

void
sti_certificate_window_set_models (StiCertificateWindow *self,
                                   GPtrArray            *models,
                                   guint                 position)
{
  g_clear_pointer (&self->error, g_free);
  g_ptr_array_unref (self->models);
  self->models = g_ptr_array_ref (models);
  self->position = MIN (position, models->len > 0 ? models->len - 1 : 0);

  sti_certificate_window_rebuild_chain (self);
  self->rebuilding_list = TRUE;
  gtk_list_box_select_row (self->chain_list, gtk_list_box_get_row_at_index (self->chain_list,
                                                                            self->position));
  self->rebuilding_list = FALSE;
  sti_certificate_window_build_page (self);
  sti_certificate_window_update_file_actions (self);
}

void
sti_certificate_window_show_error (StiCertificateWindow *self,
                                   const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  /* Whatever was shown before is not what the user opened now */
  g_ptr_array_set_size (self->models, 0);
  self->position = 0;
  sti_certificate_window_rebuild_chain (self);
  sti_certificate_window_build_page (self);

  g_free (self->error);
  self->error = g_strdup (message);
  adw_status_page_set_title (self->status_page, _("Not a Certificate"));
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  adw_status_page_set_description (self->status_page, escaped);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  adw_window_title_set_title (self->window_title, _("Certificate Viewer"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  sti_certificate_window_update_file_actions (self);
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

/* GObject */

static void
sti_certificate_window_dispose (GObject *object)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->chain_button_idle_id, g_source_remove);
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
  g_clear_object (&self->endpoint);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->built_models, g_ptr_array_unref);
  g_clear_pointer (&self->highlight_field, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->file_name, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_button);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, explain_button);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_title);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_list);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, chain_note);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, built_title);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, built_list);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, StiCertificateWindow, details_box);

  sti_certificate_window_class_init_file (widget_class);
  sti_certificate_window_class_init_chain_file (widget_class);
  sti_certificate_window_class_init_layout (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
sti_certificate_window_init (StiCertificateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->built_models = g_ptr_array_new_with_free_func (g_object_unref);

  sti_certificate_window_init_file (self);

  self->settings = sti_settings_new ();
  if (self->settings != NULL)
    g_settings_bind (self->settings, "explain-mode", self->explain_button, "active",
                     G_SETTINGS_BIND_DEFAULT);
  self->explain = gtk_toggle_button_get_active (self->explain_button);
  g_signal_connect_object (self->explain_button, "toggled", G_CALLBACK (explain_toggled_cb), self,
                           0);

  sti_certificate_window_init_chain (self);
  sti_certificate_window_init_chain_file (self);
  sti_certificate_window_init_layout (self);
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

  self->from_file = FALSE;
  g_clear_pointer (&self->file_name, g_free);
  /* StiCertificate parsed each DER already; this fails only in theory */
  if (models == NULL)
    sti_certificate_window_show_error (self, error->message);
  else
    sti_certificate_window_set_models (self, models, position);
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
 * sti_certificate_window_new_for_endpoint:
 * @parent: (nullable): the window it belongs to
 * @endpoint: the endpoint whose chain to show
 * @position: the certificate of its chain to show first
 *
 * Shows @endpoint's chain as the server sent it. A certificate alone does
 * not name its chain: an intermediate shared by several servers is in
 * each of their chains, and the viewer must show the one the user came
 * from.
 *
 * Returns: (transfer none): a new viewer, owned by GTK; present it
 */
StiCertificateWindow *
sti_certificate_window_new_for_endpoint (GtkWindow         *parent,
                                         StiEndpointReport *endpoint,
                                         guint              position)
{
  StiCertificateWindow *self;
  GPtrArray *chain;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (endpoint), NULL);

  chain = sti_endpoint_report_get_chain (endpoint);
  self = window_new (parent);
  g_set_object (&self->endpoint, endpoint);
  if (chain != NULL)
    show_chain (self, chain, position);

  return self;
}

/* The viewer on a finding; @endpoint (nullable) owns @chain. */
static StiCertificateWindow *
finding_window_new (GtkWindow         *parent,
                    StiEndpointReport *endpoint,
                    GPtrArray         *chain,
                    guint              position,
                    StiFinding        *finding)
{
  StiCertificateWindow *self;
  const char *field_id;

  field_id = sti_certificate_sections_field_for_finding (sti_finding_get_id (finding));

  self = window_new (parent);
  g_set_object (&self->endpoint, endpoint);
  g_set_object (&self->finding, finding);
  self->highlight_field = g_strdup (field_id);
  show_chain (self, chain, position);

  if (g_strcmp0 (field_id, "chain") == 0)
    {
      g_autoptr(StiExplanation) explanation = sti_catalog_explain (finding, NULL);
      /* Translators: a finding's title, then the note about the chain */
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
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (chain != NULL, NULL);
  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  return finding_window_new (parent, NULL, chain, position, finding);
}

/**
 * sti_certificate_window_new_for_endpoint_finding:
 * @parent: (nullable): the window it belongs to
 * @endpoint: the endpoint @finding is about
 * @position: the certificate of its chain the finding is about
 * @finding: a certificate or chain finding of @endpoint
 *
 * sti_certificate_window_new_for_finding() on @endpoint's chain, with the
 * chain as built when its report recorded it (a missing intermediate is
 * then shown where the check found it).
 *
 * Returns: (transfer none): a new viewer, owned by GTK; present it
 */
StiCertificateWindow *
sti_certificate_window_new_for_endpoint_finding (GtkWindow         *parent,
                                                 StiEndpointReport *endpoint,
                                                 guint              position,
                                                 StiFinding        *finding)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (STI_IS_ENDPOINT_REPORT (endpoint), NULL);
  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  return finding_window_new (parent, endpoint, sti_endpoint_report_get_chain (endpoint), position,
                             finding);
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

  return sti_certificate_window_current_model (self);
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
 * sti_certificate_window_get_endpoint:
 * @self: a #StiCertificateWindow
 *
 * Returns: (nullable) (transfer none): the endpoint whose chain is shown,
 *   or %NULL for a chain or a file without one
 */
StiEndpointReport *
sti_certificate_window_get_endpoint (StiCertificateWindow *self)
{
  g_return_val_if_fail (STI_IS_CERTIFICATE_WINDOW (self), NULL);

  return self->endpoint;
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
