/* sti-endpoint-row.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-endpoint-row.h"

#include "sti-format.h"
#include "sti-report-widgets.h"

#include <glib/gi18n.h>

/* One address of the live view and of the results: a spinner while the
 * dialogue runs, then an icon for the worst finding and an arrow to the
 * endpoint's details. */
struct _StiEndpointRow
{
  AdwActionRow       parent_instance;

  /* Template widgets */
  GtkSpinner        *spinner;
  GtkImage          *icon;
  GtkWidget         *arrow;

  /* Owned references */
  StiEndpointReport *endpoint;

  StiStage           stage;
  gint64             started_us;
  gint64             finished_us;
  gboolean           cancelled;
};

G_DEFINE_FINAL_TYPE (StiEndpointRow, sti_endpoint_row, ADW_TYPE_ACTION_ROW)

static void
sti_endpoint_row_update (StiEndpointRow *self)
{
  g_autofree char *subtitle = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->endpoint != NULL)
    {
      g_autofree char *summary = sti_report_widgets_endpoint_summary (self->endpoint);
      const StiTimings *timings = sti_endpoint_report_get_timings (self->endpoint);
      gint64 total = timings != NULL && timings->total_us >= 0
                     ? timings->total_us : self->finished_us - self->started_us;
      g_autofree char *duration = sti_format_duration (total);

      /* Translators: how the dialogue ended, then how long it took */
      subtitle = g_strdup_printf (_("%s · %s"), summary, duration);
    }
  else if (self->cancelled)
    {
      /* Translators: %s is the stage the endpoint had reached */
      subtitle = g_strdup_printf (_("Stopped at: %s"),
                                  sti_report_widgets_stage_label (self->stage));
    }
  else
    {
      g_autofree char *elapsed = sti_format_elapsed (now - self->started_us);

      /* Translators: the current stage, then the elapsed time */
      subtitle = g_strdup_printf (_("%s · %s"), sti_report_widgets_stage_label (self->stage),
                                  elapsed);
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
sti_endpoint_row_set_icon (StiEndpointRow *self,
                           const char     *icon_name,
                           const char     *css_class,
                           const char     *label)
{
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_image_set_from_icon_name (self->icon, icon_name);
  if (css_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->icon), css_class);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), TRUE);
}

static void
sti_endpoint_row_dispose (GObject *object)
{
  StiEndpointRow *self = STI_ENDPOINT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), STI_TYPE_ENDPOINT_ROW);
  g_clear_object (&self->endpoint);

  G_OBJECT_CLASS (sti_endpoint_row_parent_class)->dispose (object);
}

static void
sti_endpoint_row_class_init (StiEndpointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sti_endpoint_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/sti-endpoint-row.ui");
  gtk_widget_class_bind_template_child (widget_class, StiEndpointRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointRow, icon);
  gtk_widget_class_bind_template_child (widget_class, StiEndpointRow, arrow);
}

static void
sti_endpoint_row_init (StiEndpointRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stage = STI_STAGE_PENDING;
  self->started_us = g_get_monotonic_time ();
}

/**
 * sti_endpoint_row_new:
 * @address: the address the row stands for, shown literally
 *
 * Returns: (transfer floating): a row in the stage "Waiting", with a
 *   spinner and the time since it was created
 */
StiEndpointRow *
sti_endpoint_row_new (const char *address)
{
  StiEndpointRow *self = g_object_new (STI_TYPE_ENDPOINT_ROW,
                                       "title", address != NULL ? address : "",
                                       NULL);

  sti_endpoint_row_update (self);
  return self;
}

/**
 * sti_endpoint_row_set_stage:
 * @self: a #StiEndpointRow
 * @stage: the stage the dialogue has reached
 *
 * Does nothing once the row is finished.
 */
void
sti_endpoint_row_set_stage (StiEndpointRow *self,
                            StiStage        stage)
{
  g_return_if_fail (STI_IS_ENDPOINT_ROW (self));

  if (self->endpoint != NULL)
    return;

  self->stage = stage;
  sti_endpoint_row_update (self);
}

/**
 * sti_endpoint_row_set_finished:
 * @self: a #StiEndpointRow
 * @endpoint: the finished endpoint
 *
 * Shows how the dialogue ended and makes the row activatable: it then
 * leads to @endpoint's details.
 */
void
sti_endpoint_row_set_finished (StiEndpointRow    *self,
                               StiEndpointReport *endpoint)
{
  gboolean has_findings = FALSE;
  StiSeverity severity;

  g_return_if_fail (STI_IS_ENDPOINT_ROW (self));
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (endpoint));

  g_set_object (&self->endpoint, endpoint);
  self->finished_us = g_get_monotonic_time ();
  self->stage = STI_STAGE_DONE;

  severity = sti_report_widgets_endpoint_severity (endpoint, &has_findings);
  if (!has_findings || severity == STI_SEVERITY_INFO)
    sti_endpoint_row_set_icon (self, "emblem-ok-symbolic", "success", _("No problems"));
  else
    sti_endpoint_row_set_icon (self, sti_report_widgets_severity_icon (severity),
                               severity == STI_SEVERITY_ERROR ? "error" : "warning",
                               sti_format_severity_label (severity));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_widget_set_visible (self->arrow, TRUE);

  sti_endpoint_row_update (self);
}

/**
 * sti_endpoint_row_stop:
 * @self: a #StiEndpointRow
 *
 * Marks an unfinished row as stopped where it was (the check was
 * cancelled or replaced). Does nothing once the row is finished.
 */
void
sti_endpoint_row_stop (StiEndpointRow *self)
{
  g_return_if_fail (STI_IS_ENDPOINT_ROW (self));

  if (self->endpoint != NULL)
    return;

  sti_endpoint_row_set_icon (self, "process-stop-symbolic", NULL, _("Stopped"));
  self->cancelled = TRUE;
  sti_endpoint_row_update (self);
}

/**
 * sti_endpoint_row_tick:
 * @self: a #StiEndpointRow
 *
 * Updates the elapsed time of a row still in progress.
 */
void
sti_endpoint_row_tick (StiEndpointRow *self)
{
  g_return_if_fail (STI_IS_ENDPOINT_ROW (self));

  if (self->endpoint == NULL && !self->cancelled)
    sti_endpoint_row_update (self);
}

/**
 * sti_endpoint_row_get_endpoint:
 * @self: a #StiEndpointRow
 *
 * Returns: (nullable) (transfer none): the finished endpoint, or %NULL
 *   while its dialogue runs
 */
StiEndpointReport *
sti_endpoint_row_get_endpoint (StiEndpointRow *self)
{
  g_return_val_if_fail (STI_IS_ENDPOINT_ROW (self), NULL);

  return self->endpoint;
}
