/* sti-certificate-window-layout.c: the certificate viewer in a narrow window,
 * and which of its actions apply to what it shows
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

/* Folded (a phone, a narrow window), the leaflet shows the chain or the
 * certificate: choosing a certificate shows it, the header's back button
 * (or a swipe) returns to the chain. Unfolded, both are side by side. */

static void
update_chain_button (StiCertificateWindow *self)
{
  gboolean on_content = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet),
                                   "content") == 0;

  gtk_widget_set_visible (self->chain_button,
                          adw_leaflet_get_folded (self->leaflet) && on_content &&
                          self->models->len > 0);
}

static gboolean
update_chain_button_idle_cb (gpointer user_data)
{
  StiCertificateWindow *self = user_data;

  self->chain_button_idle_id = 0;
  update_chain_button (self);
  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is allocated: showing or hiding a header
 * button then would change the header bar in the middle of the layout. */
static void
on_leaflet_changed_cb (StiCertificateWindow *self,
                       GParamSpec           *pspec,
                       AdwLeaflet           *leaflet)
{
  if (self->chain_button_idle_id == 0)
    self->chain_button_idle_id = g_idle_add (update_chain_button_idle_cb, self);
}

static void
show_chain_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  StiCertificateWindow *self = STI_CERTIFICATE_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "chain");
}

/**
 * sti_certificate_window_show_content:
 * @self: a #StiCertificateWindow
 *
 * Brings the certificate shown to the front when the window is folded.
 */
void
sti_certificate_window_show_content (StiCertificateWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  update_chain_button (self);
}

/**
 * sti_certificate_window_update_file_actions:
 * @self: a #StiCertificateWindow
 *
 * Copy and Save work on certificates: with none shown (a file that is
 * not a certificate, or nothing opened yet) they are off, and so is the
 * Save menu, rather than doing nothing when chosen.
 */
void
sti_certificate_window_update_file_actions (StiCertificateWindow *self)
{
  gboolean any = self->models->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.copy-pem", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save-certificate", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save-chain", any);
  gtk_widget_set_sensitive (self->save_button, any);
  update_chain_button (self);
}

void
sti_certificate_window_init_layout (StiCertificateWindow *self)
{
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child-name",
                           G_CALLBACK (on_leaflet_changed_cb), self, G_CONNECT_SWAPPED);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  sti_certificate_window_update_file_actions (self);
}

void
sti_certificate_window_class_init_layout (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "viewer.show-chain", NULL, show_chain_action);
}
