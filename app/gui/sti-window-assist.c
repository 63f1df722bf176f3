/* sti-window-assist.c: StiWindow's way into the certificate assistant,
 * and Check Again with a comparison
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-window-private.h"

#include "sti-request-assistant.h"

/* The report on screen, if any: the assistant takes its MX names. */
static StiDomainReport *
shown_report (StiWindow *self)
{
  if (self->report == NULL || self->pending_report != NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "start") == 0)
    return NULL;
  return self->report;
}

static void
open_assistant (StiWindow  *self,
                const char *step)
{
  StiRequestAssistant *assistant;

  assistant = sti_request_assistant_new (GTK_WINDOW (self), shown_report (self),
                                         sti_check_session_get_trust_store (self->session));
  sti_request_assistant_show_step (assistant, step);
  gtk_window_present (GTK_WINDOW (assistant));
}

/* "New Certificate Request…" and a certificate finding's "Get a New Certificate" */
static void
sti_window_request_certificate_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  open_assistant (STI_WINDOW (widget), "names");
}

/* A chain finding's "Build the Full Chain File": the assistant's last step */
static void
sti_window_build_chain_file_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  open_assistant (STI_WINDOW (widget), "bundle");
}

static void
on_busy_for_compare_cb (StiWindow  *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  g_autoptr(StiDomainReport) before = NULL;

  if (sti_window_get_busy (self))
    return;

  before = g_steal_pointer (&self->compare_base);
  g_signal_handlers_disconnect_by_func (self, on_busy_for_compare_cb, user_data);

  /* A check that failed or was cancelled, or one of another domain typed
   * meanwhile, has nothing to compare. */
  if (before != NULL && self->report != NULL && self->report != before &&
      g_strcmp0 (sti_domain_report_get_domain (before),
                 sti_domain_report_get_domain (self->report)) == 0)
    sti_window_show_comparison (self, before);
}

/* Checks the domain again, and once the results are in, shows what
 * changed since the report on screen (the comparison view). */
static void
sti_window_check_again_compare_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  StiWindow *self = STI_WINDOW (widget);
  StiDomainReport *report = shown_report (self);

  if (report == NULL || self->domain == NULL || self->offline || sti_window_get_busy (self))
    return;

  if (self->compare_base == NULL)
    g_signal_connect (self, "notify::busy", G_CALLBACK (on_busy_for_compare_cb), NULL);
  g_set_object (&self->compare_base, report);
  gtk_widget_activate_action (widget, "win.check-again", NULL);
}

void
sti_window_class_init_assist (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.request-certificate", NULL,
                                   sti_window_request_certificate_action);
  gtk_widget_class_install_action (widget_class, "win.build-chain-file", NULL,
                                   sti_window_build_chain_file_action);
  gtk_widget_class_install_action (widget_class, "win.check-again-compare", NULL,
                                   sti_window_check_again_compare_action);
}
