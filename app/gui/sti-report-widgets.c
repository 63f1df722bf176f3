/* sti-report-widgets.c: the small pieces every result widget is built from
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-widgets.h"

#include "sti-text.h"

#include <glib/gi18n.h>

/**
 * sti_report_widgets_display_text:
 * @text: (nullable): text from the report model or from an error
 *
 * The report model keeps server text already clean, and cleaning is
 * idempotent (sti_text_clean()), so this shows exactly what the reports
 * show. Unlike sti_text_clean() it keeps line breaks: messages and
 * details may have several lines, and each line is cleaned on its own.
 *
 * Returns: (transfer full): printable UTF-8, never %NULL
 */
char *
sti_report_widgets_display_text (const char *text)
{
  return sti_text_clean_lines (text);
}

/**
 * sti_report_widgets_row_new:
 * @title: the title, shown literally
 * @subtitle: (nullable): the subtitle, shown literally
 *
 * Returns: (transfer floating): an #AdwActionRow without markup
 */
GtkWidget *
sti_report_widgets_row_new (const char *title,
                            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Rows default to markup in libadwaita 1.2: server text must not be. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* It only shows something: no click (a caller that makes it do
   * something turns it back on); sti_report_widgets_settle_focus() then
   * takes it out of the Tab order. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/**
 * sti_report_widgets_expander_row_new:
 * @title: the title, shown literally
 * @subtitle: (nullable): the subtitle, shown literally
 *
 * Returns: (transfer floating): an #AdwExpanderRow without markup
 */
GtkWidget *
sti_report_widgets_expander_row_new (const char *title,
                                     const char *subtitle)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  return row;
}

GtkWidget *
sti_report_widgets_icon_new (const char *icon_name,
                             const char *css_class)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);

  return image;
}

/**
 * sti_report_widgets_make_selectable:
 * @label: a #GtkLabel
 *
 * Lets the mouse select the text of @label without making it a Tab stop:
 * a selectable label is focusable by default, and Tab would stop at every
 * paragraph instead of moving between the things one can do.
 */
void
sti_report_widgets_make_selectable (GtkWidget *label)
{
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* can-focus, not focusable: GTK 4.8's label takes Tab even when not
   * focusable, and leaves the focus where it was (a Tab trap) */
  gtk_widget_set_can_focus (label, FALSE);
}

/* Whether Tab can stop somewhere under @widget (not at @widget itself). */
static gboolean
has_focusable_child (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c) &&
        (gtk_widget_get_focusable (c) || has_focusable_child (c)))
      return TRUE;

  return FALSE;
}

static void
settle_row (GtkListBoxRow *row)
{
  /* A list box wraps any other child in a plain row, activatable and
   * focusable: the records under a DNS answer, the text of a finding. */
  if (G_OBJECT_TYPE (row) == GTK_TYPE_LIST_BOX_ROW)
    gtk_list_box_row_set_activatable (row, FALSE);
  else if (!ADW_IS_ACTION_ROW (row))
    return;

  /* can-focus, not focusable: GTK 4.8's list box still steps into a row
   * that is not focusable and leaves the focus where it was, a Tab trap;
   * a row that cannot focus (nor its children) is skipped. A row with a
   * button keeps its Tab stop, on the way to the button. */
  if (!gtk_list_box_row_get_activatable (row) &&
      gtk_actionable_get_action_name (GTK_ACTIONABLE (row)) == NULL &&
      !has_focusable_child (GTK_WIDGET (row)))
    gtk_widget_set_can_focus (GTK_WIDGET (row), FALSE);
}

/**
 * sti_report_widgets_settle_focus:
 * @root: a page of results
 *
 * Takes the rows that do nothing out of the Tab order, so that Tab moves
 * between the things one can do (issue 18): the wrappers a list box makes
 * for plain children, and rows that are not activatable. Their buttons,
 * if any, stay reachable.
 */
void
sti_report_widgets_settle_focus (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX_ROW (root))
    settle_row (GTK_LIST_BOX_ROW (root));

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    sti_report_widgets_settle_focus (c);
}

/**
 * sti_report_widgets_text_new:
 * @text: the text, shown literally
 * @css_class: (nullable): a style class for it, e.g. "dim-label"
 *
 * Returns: (transfer floating): a wrapping label without markup
 */
GtkWidget *
sti_report_widgets_text_new (const char *text,
                             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/**
 * sti_report_widgets_label_new:
 * @text: the text, shown literally
 * @monospace: whether it is code or a record
 *
 * Returns: (transfer floating): a selectable, wrapping label without markup
 */
GtkWidget *
sti_report_widgets_label_new (const char *text,
                              gboolean    monospace)
{
  GtkWidget *label = sti_report_widgets_text_new (text, monospace ? "monospace" : NULL);

  sti_report_widgets_make_selectable (label);

  return label;
}

const char *
sti_report_widgets_stage_label (StiStage stage)
{
  switch (stage)
    {
    case STI_STAGE_PENDING:
      return C_("stage", "Waiting");
    case STI_STAGE_RESOLVING:
      return C_("stage", "Resolving");
    case STI_STAGE_CONNECTING:
      return C_("stage", "Connecting");
    case STI_STAGE_GREETING:
      return C_("stage", "Waiting for the greeting");
    case STI_STAGE_EHLO:
      return C_("stage", "EHLO");
    case STI_STAGE_STARTTLS:
      return C_("stage", "STARTTLS");
    case STI_STAGE_HANDSHAKE:
      return C_("stage", "TLS handshake");
    case STI_STAGE_VERIFYING:
      return C_("stage", "Verifying the certificate");
    case STI_STAGE_DONE:
      return C_("stage", "Done");
    default:
      return "";
    }
}

const char *
sti_report_widgets_severity_icon (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case STI_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case STI_SEVERITY_INFO:
      return "dialog-information-symbolic";
    default:
      return "dialog-information-symbolic";
    }
}

const char *
sti_report_widgets_severity_css_class (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_ERROR:
      return "error";
    case STI_SEVERITY_WARNING:
      return "warning";
    case STI_SEVERITY_INFO:
      return "dim-label";
    default:
      return NULL;
    }
}

/**
 * sti_report_widgets_endpoint_severity:
 * @endpoint: a finished endpoint
 * @has_findings: (out) (optional): whether it has any finding
 *
 * Returns: the worst severity among the findings of @endpoint, or
 *   %STI_SEVERITY_INFO without any
 */
StiSeverity
sti_report_widgets_endpoint_severity (StiEndpointReport *endpoint,
                                      gboolean          *has_findings)
{
  GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);
  StiSeverity worst = STI_SEVERITY_INFO;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    worst = MAX (worst, sti_finding_get_severity (g_ptr_array_index (findings, i)));

  if (has_findings != NULL)
    *has_findings = findings != NULL && findings->len > 0;

  return worst;
}

/**
 * sti_report_widgets_endpoint_summary:
 * @endpoint: a finished endpoint
 *
 * Returns: (transfer full): one line on how the dialogue ended
 */
char *
sti_report_widgets_endpoint_summary (StiEndpointReport *endpoint)
{
  const char *version = sti_endpoint_report_get_tls_version (endpoint);
  const char *error_detail = sti_endpoint_report_get_error_detail (endpoint);

  if (!sti_endpoint_report_get_reachable (endpoint))
    /* Translators: %s is why, e.g. "Connection refused", or "no connection" */
    return g_strdup_printf (_("Unreachable: %s"),
                            error_detail != NULL ? error_detail : _("no connection"));

  if (sti_endpoint_report_get_tls_established (endpoint))
    {
      if (sti_endpoint_report_get_certificate_verified (endpoint))
        /* Translators: %s is a TLS version such as TLS1.3 */
        return g_strdup_printf (_("Encrypted with %s, certificate verified"),
                                version != NULL ? version : "TLS");
      /* Translators: %s is a TLS version such as TLS1.3 */
      return g_strdup_printf (_("Encrypted with %s, certificate not verified"),
                              version != NULL ? version : "TLS");
    }

  if (sti_endpoint_report_get_starttls_offered (endpoint) && error_detail != NULL)
    /* Translators: %s is why TLS failed, an error message */
    return g_strdup_printf (_("Not encrypted: %s"), error_detail);

  if (!sti_endpoint_report_get_starttls_offered (endpoint) &&
      sti_endpoint_report_get_caps_before (endpoint) != NULL &&
      sti_endpoint_report_get_caps_before (endpoint)[0] != NULL)
    return g_strdup (_("STARTTLS not offered: mail travels in the clear"));

  if (sti_endpoint_report_stopped_before_starttls (endpoint))
    return g_strdup (_("Not checked to the end: the dialogue stopped before STARTTLS"));

  if (error_detail != NULL)
    /* Translators: %s is why the dialogue failed, an error message */
    return g_strdup_printf (_("No SMTP dialogue: %s"), error_detail);

  return g_strdup (_("Not encrypted"));
}

GtkWidget *
sti_report_widgets_heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/**
 * sti_report_widgets_text_blocks:
 * @text: catalog text: paragraphs, and lines indented by four spaces that
 *   are commands or configuration
 *
 * Returns: (transfer floating): a vertical box with a label per paragraph
 *   and a monospace block with a Copy button (`win.copy-text`) per run of
 *   indented lines
 */
GtkWidget *
sti_report_widgets_text_blocks (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GString) code = g_string_new (NULL);

  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];
      gboolean is_code = line != NULL && g_str_has_prefix (line, "    ");

      if ((line == NULL || !is_code) && code->len > 0)
        {
          GtkWidget *block = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          GtkWidget *label = gtk_label_new (NULL);
          GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

          g_string_truncate (code, code->len - 1);
          gtk_label_set_text (GTK_LABEL (label), code->str);
          gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
          sti_report_widgets_make_selectable (label);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0);
          gtk_widget_add_css_class (label, "monospace");
          gtk_widget_set_margin_start (label, 6);
          gtk_widget_set_margin_top (label, 6);
          gtk_widget_set_margin_bottom (label, 6);
          /* A long command wraps in a narrow window. It used to scroll
           * sideways in a scrolled window of its own, which in GTK 4.8 also
           * swallows vertical wheel events: the page stopped scrolling
           * under the pointer. Copy copies the command as one line. */
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
          gtk_widget_set_hexpand (label, TRUE);

          gtk_widget_set_valign (copy, GTK_ALIGN_START);
          gtk_widget_add_css_class (copy, "flat");
          gtk_widget_set_tooltip_text (copy, _("Copy"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy"),
                                          -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.copy-text");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", code->str);

          gtk_box_append (GTK_BOX (block), label);
          gtk_box_append (GTK_BOX (block), copy);
          gtk_widget_add_css_class (block, "card");
          gtk_widget_add_css_class (block, "code-block");
          gtk_box_append (GTK_BOX (box), block);
          g_string_truncate (code, 0);
        }

      if ((line == NULL || is_code || *line == '\0') && paragraph->len > 0)
        {
          g_string_truncate (paragraph, paragraph->len - 1);
          gtk_box_append (GTK_BOX (box), sti_report_widgets_label_new (paragraph->str, FALSE));
          g_string_truncate (paragraph, 0);
        }

      if (line == NULL)
        break;

      if (is_code)
        g_string_append_printf (code, "%s\n", line + 4);
      else if (*line != '\0')
        g_string_append_printf (paragraph, "%s\n", line);
    }

  return box;
}

/**
 * sti_report_widgets_preferred_mta:
 * @settings: (nullable): the application settings
 *
 * Returns: the mail server software whose fixes the user reads
 *   (`preferred-mta`), Postfix without settings
 */
StiMta
sti_report_widgets_preferred_mta (GSettings *settings)
{
  g_autofree char *value = NULL;
  StiMta mta = STI_MTA_POSTFIX;

  if (settings == NULL)
    return mta;

  value = g_settings_get_string (settings, "preferred-mta");
  if (!sti_mta_from_string (value, &mta))
    mta = STI_MTA_POSTFIX;

  return mta;
}

const char *
sti_report_widgets_dnssec_label (StiDnssecStatus status)
{
  switch (status)
    {
    case STI_DNSSEC_NOT_VALIDATED:
      return _("DNSSEC not validated");
    case STI_DNSSEC_INSECURE:
      return _("DNSSEC: unsigned");
    case STI_DNSSEC_SECURE:
      return _("DNSSEC: signed and valid");
    case STI_DNSSEC_BOGUS:
      return _("DNSSEC: validation failed");
    default:
      return "";
    }
}
