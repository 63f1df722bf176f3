/* sti-certificate-window-chain.c: the chain sidebar of the certificate viewer
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-certificate-window-private.h"

#include "sti-application.h"
#include "sti-chain-link.h"
#include "sti-check-session.h"
#include "sti-format.h"
#include "sti-trust-store.h"

#include <glib/gi18n.h>

/* The trust store the checks of this window's application use (with the
 * extra CAs of the preferences and the demo lab's), the system store
 * before the first check or without the application. */
static StiTrustStore *
trust_store_in_use (StiCertificateWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  StiTrustStore *store = NULL;

  if (STI_IS_APPLICATION (app))
    store = sti_check_session_get_trust_store (sti_application_get_session (STI_APPLICATION (app)));

  return store != NULL ? store : sti_trust_store_get_system ();
}

/* A self-signed CA is a root of trust only if the store in use has it:
 * a CA file a user opens is not trusted because it is self-signed. */
static gboolean
is_trusted_root (StiCertificateWindow   *self,
                 StiCertificateSections *model)
{
  return sti_trust_store_is_anchor (trust_store_in_use (self),
                                    sti_certificate_sections_get_der (model));
}

static const char *
role_of (StiCertificateWindow *self,
         guint                 i)
{
  StiCertificateSections *model = g_ptr_array_index (self->models, i);

  if (sti_certificate_sections_get_kind (model) == STI_CERTIFICATE_KIND_REQUEST)
    return _("Certificate request");
  if (sti_certificate_sections_get_is_self_signed (model) &&
      sti_certificate_sections_get_is_ca (model))
    return is_trusted_root (self, model)
           ? _("Root (trust anchor)")
           /* Translators: a self-signed CA certificate that the trust store in use lacks */
           : _("Self-signed CA, not trusted here");
  if (sti_certificate_sections_get_is_self_signed (model))
    return _("Self-signed certificate");
  if (sti_certificate_sections_get_is_ca (model))
    return _("Intermediate");
  if (i == 0)
    return _("Leaf (server certificate)");

  return _("End-entity certificate");
}

/* The role with the certificate's number in the chain sent, as the
 * reports and the findings number it: "#1 · Intermediate". */
static char *
numbered_role (StiCertificateWindow *self,
               guint                 i,
               gboolean              request)
{
  g_autofree char *number = NULL;

  if (request)
    return g_strdup (role_of (self, i));
  number = sti_format_certificate_number (i);
  /* Translators: a certificate's number in the chain ("#0"), then its role */
  return g_strdup_printf (_("%s · %s"), number, role_of (self, i));
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

/* One certificate of the recorded chain as built that the server did not
 * send: its own model, shown when the row is activated. */
static GtkWidget *
unsent_row (StiCertificateWindow *self,
            const StiChainLink   *link)
{
  g_autoptr(GError) error = NULL;
  StiCertificateSections *model =
    sti_certificate_sections_new (sti_certificate_get_der (link->certificate), NULL, &error);
  gboolean fetched = link->origin == STI_CHAIN_ORIGIN_FETCHED;
  GtkWidget *row;

  /* StiCertificate parsed the DER already; this fails only in theory */
  if (model == NULL)
    return NULL;

  g_ptr_array_add (self->built_models, model);
  row = chain_row (fetched ? _("Intermediate, fetched by the check")
                           : _("Root (trust anchor)"),
                   sti_certificate_sections_get_title (model),
                   fetched ? _("Not sent: fetched through its AIA URL; senders do not fetch")
                           : _("Not sent: from the trust store"),
                   fetched);
  g_object_set_data (G_OBJECT (row), "sti-built-model", model);

  return row;
}

/* The chain as the check built it, when the report recorded it: each
 * certificate with where it came from. Returns whether there was one. */
static gboolean
show_recorded_path (StiCertificateWindow *self)
{
  GPtrArray *built;

  if (self->endpoint == NULL)
    return FALSE;

  built = sti_endpoint_report_get_built_chain (self->endpoint);
  for (guint i = 0; i < built->len; i++)
    {
      const StiChainLink *link = g_ptr_array_index (built, i);
      GtkWidget *row = NULL;

      if (link->origin != STI_CHAIN_ORIGIN_SENT)
        row = unsent_row (self, link);
      else if ((guint)link->sent_position < self->models->len)
        {
          guint index = link->sent_position;
          g_autofree char *number = sti_format_certificate_number (index);
          /* Translators: where a certificate was in the chain the server sent; %s is
           * its number there, "#0" for the server's own */
          g_autofree char *sent = g_strdup_printf (_("Sent as %s"), number);

          row = chain_row (role_of (self, index),
                           sti_certificate_sections_get_title (g_ptr_array_index (self->models,
                                                                                  index)),
                           sent, index != i);
          g_object_set_data (G_OBJECT (row), "sti-index", GUINT_TO_POINTER (index));
        }
      if (row != NULL)
        gtk_list_box_append (self->built_list, row);
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->built_list)) == NULL)
    return FALSE;

  gtk_label_set_text (self->built_title, _("Chain as built by the check"));
  gtk_widget_set_visible (GTK_WIDGET (self->built_list), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->built_title), TRUE);
  return TRUE;
}

/* What the chain list is: a server's chain, or a file's certificates. */
static void
set_chain_title (StiCertificateWindow *self,
                 gboolean              request)
{
  g_autofree char *title = NULL;

  if (request)
    title = g_strdup (_("Request"));
  else if (self->from_file && self->file_name != NULL)
    /* Translators: %s is the name of the certificate file the user opened */
    title = g_strdup_printf (_("Opened from file %s"), self->file_name);
  else if (self->from_file)
    title = g_strdup (_("Opened from a file"));
  else
    title = g_strdup (_("Chain as sent"));

  gtk_label_set_text (self->chain_title, title);
}

/* Whether the server left out an intermediate: then the certificate that
 * is not sent is that intermediate, not a root the client has anyway. */
static gboolean
missing_intermediate (StiCertificateWindow *self)
{
  GPtrArray *findings;

  if (self->finding != NULL &&
      g_strcmp0 (sti_finding_get_id (self->finding), "chain-missing-intermediate") == 0)
    return TRUE;
  if (self->endpoint == NULL)
    return FALSE;

  findings = sti_endpoint_report_get_findings (self->endpoint);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (g_strcmp0 (sti_finding_get_id (g_ptr_array_index (findings, i)),
                   "chain-missing-intermediate") == 0)
      return TRUE;

  return FALSE;
}

/* The issuer of the last certificate, which the list does not hold. */
static GtkWidget *
unsent_issuer_row (StiCertificateWindow *self,
                   const char           *title)
{
  if (self->from_file)
    return chain_row (_("Not in the file"), title,
                      _("The issuer of the certificate above"), FALSE);
  if (missing_intermediate (self))
    return chain_row (_("Not sent: the missing intermediate"), title,
                      _("The server must send it; senders do not fetch it"), TRUE);

  return chain_row (_("Not sent"), title,
                    _("The client must already have this issuer or fetch it"), FALSE);
}

/* The note under the chain: why a certificate is not in it, and where the
 * order shown comes from. */
static const char *
chain_note (StiCertificateWindow *self,
            gboolean              recorded)
{
  if (self->from_file)
    return _("The order above is built from the names in the certificates of the file.");
  if (missing_intermediate (self))
    return _("The server does not send the intermediate certificate that links its own "
             "certificate to a trusted root. Clients do not fetch it: they cannot verify the "
             "chain. Install the full chain file (the certificate followed by the "
             "intermediate), not the certificate alone.");
  if (recorded)
    return _("A root is normally not sent: clients have it in their trust "
             "store. The chain as built lists the path the check verified "
             "against its trust store, with where each certificate came "
             "from.");

  return _("A root is normally not sent: clients have it in their trust "
           "store. The order above is built from the names in the "
           "certificates that were sent.");
}

void
sti_certificate_window_rebuild_chain (StiCertificateWindow *self)
{
  GtkWidget *child;
  GString *note = g_string_new (NULL);
  gboolean request;
  gboolean recorded;

  self->rebuilding_list = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chain_list))) != NULL)
    gtk_list_box_remove (self->chain_list, child);

  request = self->models->len > 0 &&
            sti_certificate_sections_get_kind (g_ptr_array_index (self->models, 0)) ==
              STI_CERTIFICATE_KIND_REQUEST;
  set_chain_title (self, request);

  for (guint i = 0; i < self->models->len; i++)
    {
      StiCertificateSections *model = g_ptr_array_index (self->models, i);
      const StiCertificateField *status =
        sti_certificate_sections_lookup_field (model, "summary.expires");
      g_autofree char *role = numbered_role (self, i, request);

      gtk_list_box_append (self->chain_list,
                           chain_row (role, sti_certificate_sections_get_title (model),
                                      status != NULL ? status->value : NULL,
                                      status != NULL && status->warning));

    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->built_list))) != NULL)
    gtk_list_box_remove (self->built_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->built_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->built_title), FALSE);
  gtk_list_box_set_selection_mode (self->chain_list, GTK_SELECTION_BROWSE);
  self->extra_model = NULL;
  g_ptr_array_set_size (self->built_models, 0);
  recorded = !request && show_recorded_path (self);

  if (!request && self->models->len > 1)
    {
      g_autoptr(GArray) unused = NULL;
      g_autoptr(GArray) order = sti_certificate_sections_order_chain (self->models, &unused);
      gboolean reordered = FALSE;

      for (guint i = 0; i < order->len; i++)
        if (g_array_index (order, guint, i) != i)
          reordered = TRUE;

      if (!recorded && (reordered || unused->len > 0))
        {
          gtk_label_set_text (self->built_title, _("Chain as built from what was sent"));
          for (guint i = 0; i < order->len; i++)
            {
              guint index = g_array_index (order, guint, i);
              StiCertificateSections *model = g_ptr_array_index (self->models, index);
              g_autofree char *number = sti_format_certificate_number (index);
              /* Translators: where a certificate was in the chain the server sent; %s is
               * its number there, "#0" for the server's own */
              g_autofree char *sent = g_strdup_printf (_("Sent as %s"), number);

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
          g_autofree char *number = sti_format_certificate_number (index);

          if (note->len > 0)
            g_string_append (note, "\n\n");
          /* Translators: the first %s is a certificate's number in the chain, "#2" */
          g_string_append_printf (note, _("Certificate %s (%s) is on no path from the server's "
                                          "certificate: a duplicate or an unrelated certificate "
                                          "that only costs bytes in every handshake."),
                                  number,
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
          GtkWidget *row = unsent_issuer_row (self, title);

          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
          gtk_widget_add_css_class (row, "dim-label");
          gtk_list_box_append (self->chain_list, row);
        }

      if (note->len > 0)
        g_string_append (note, "\n\n");
      g_string_append (note, chain_note (self, recorded));
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
  if (index < 0 || (guint)index >= self->models->len ||
      ((guint)index == self->position && self->extra_model == NULL))
    return;

  self->extra_model = NULL;
  gtk_list_box_set_selection_mode (self->chain_list, GTK_SELECTION_BROWSE);
  self->position = index;
  sti_certificate_window_build_page (self);
}

/* A certificate of the chain as built that was not sent is in no row of
 * the chain as sent: none of those stays selected while it is shown. */
static void
show_unsent (StiCertificateWindow   *self,
             StiCertificateSections *model)
{
  self->extra_model = model;
  self->rebuilding_list = TRUE;
  gtk_list_box_set_selection_mode (self->chain_list, GTK_SELECTION_SINGLE);
  gtk_list_box_unselect_all (self->chain_list);
  self->rebuilding_list = FALSE;
  sti_certificate_window_build_page (self);
}

static void
built_row_activated_cb (GtkListBox    *box,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  StiCertificateWindow *self = user_data;
  StiCertificateSections *unsent = g_object_get_data (G_OBJECT (row), "sti-built-model");

  if (unsent != NULL)
    show_unsent (self, unsent);
  else
    sti_certificate_window_select (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row),
                                                                              "sti-index")));
  sti_certificate_window_show_content (self);
}

/* In a folded window, choosing a certificate shows it. */
static void
chain_row_activated_cb (GtkListBox    *box,
                        GtkListBoxRow *row,
                        gpointer       user_data)
{
  sti_certificate_window_show_content (user_data);
}

void
sti_certificate_window_init_chain (StiCertificateWindow *self)
{
  g_signal_connect_object (self->chain_list, "row-selected", G_CALLBACK (chain_row_selected_cb),
                           self, 0);
  g_signal_connect_object (self->built_list, "row-activated", G_CALLBACK (built_row_activated_cb),
                           self, 0);
  g_signal_connect_object (self->chain_list, "row-activated", G_CALLBACK (chain_row_activated_cb),
                           self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->chain_title), FALSE);
}
