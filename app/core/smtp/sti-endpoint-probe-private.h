/* sti-endpoint-probe-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-endpoint-probe.h"

#include "sti-probe-result-private.h"
#include "sti-smtp-reply.h"
#include "sti-tls-session.h"

G_BEGIN_DECLS

/* What the parts of the endpoint probe share: sti-endpoint-probe.c is the
 * object, its timers and its one completion path; sti-endpoint-probe-io.c
 * connects and moves bytes (plain socket or TLS); the SMTP dialogue is in
 * sti-endpoint-probe-smtp.c, the switch to TLS in sti-endpoint-probe-tls.c,
 * and every way a dialogue goes wrong becomes a finding in
 * sti-endpoint-probe-findings.c. StiProbePool (sti-probe-pool.c) runs
 * the dialogue on a worker thread and shows its stages on the caller's. */

#define READ_CHUNK 4096

typedef void (*ReplyFunc) (StiEndpointProbe *self,
                           StiSmtpReply     *reply);
typedef void (*StepFunc)  (StiEndpointProbe *self);
typedef void (*StageHook) (StiEndpointProbe *self,
                           StiStage          stage,
                           gpointer          data);

struct _StiEndpointProbe
{
  GObject parent_instance;

  /* Owned references */
  char               *mx_host;
  GInetSocketAddress *address;
  char               *ehlo_name;    /* NULL: the local address literal */
  char               *tls_priority;
  guint               connect_timeout_ms;
  guint               stage_timeout_ms;
  guint               total_timeout_ms;
  StiStage            stage;          /* on the thread that runs the dialogue */
  StiStage            shown_stage;    /* on the caller's: the property and the signal */
  StageHook           stage_hook;     /* set by StiProbePool: stages go to the caller */
  gpointer            stage_hook_data;

  /* Only while running */
  GTask              *task;
  GCancellable       *cancellable;  /* ours: user cancel and timers trip it */
  GCancellable       *user_cancellable;
  gulong              user_cancel_id;
  GSocket            *socket;
  StiSocketWatch     *watch;        /* the one source: socket, deadlines, cancellation */
  StiTlsSession      *tls;
  StiSmtpReader      *reader;
  StiProbeResult     *result;
  guint8             *read_buf;
  GBytes             *out;
  gsize               out_offset;
  ReplyFunc           on_reply;
  StepFunc            io_step;
  char               *ehlo_sent;
  gint64              start_us;
  gint64              stage_start_us;
  gint64              stage_deadline_us;
  gint64              total_deadline_us;
  const char         *timeout_kind; /* set when one of our timers fired */
  guint               timeout_ms;
  gint                user_cancelled; /* atomic: set on the thread that cancels */
  guint               ran : 1;
  guint               post_tls : 1;
  guint               quitting : 1;
  guint               no_sni : 1;
  guint               handshake_only : 1;
};

/* sti-endpoint-probe.c */
void             probe_set_stage             (StiEndpointProbe  *self,
                                              StiStage           stage);
void             probe_restart_stage_timer   (StiEndpointProbe  *self);
void             probe_show_stage            (StiEndpointProbe  *self,
                                              StiStage           stage);
gint64           probe_stage_elapsed_us      (StiEndpointProbe  *self);
void             probe_transcript_add        (StiEndpointProbe  *self,
                                              StiTranscriptKind  kind,
                                              GBytes            *raw);
void             probe_transcript_event      (StiEndpointProbe  *self,
                                              const char        *format,
                                              ...) G_GNUC_PRINTF (2, 3);
void             probe_finish                (StiEndpointProbe  *self,
                                              GError            *error);
void             probe_finish_result         (StiEndpointProbe  *self);
gboolean         probe_check_cancelled       (StiEndpointProbe  *self);

/* sti-endpoint-probe-io.c */
void             probe_start_connect         (StiEndpointProbe  *self);
void             probe_read_step             (StiEndpointProbe  *self);
void             probe_send_command          (StiEndpointProbe  *self,
                                              const char        *line,
                                              ReplyFunc          on_reply);

/* sti-endpoint-probe-smtp.c */
void             probe_connected             (StiEndpointProbe  *self);
void             probe_send_ehlo             (StiEndpointProbe  *self,
                                              const char        *verb);
void             probe_quit                  (StiEndpointProbe  *self);
void             probe_note_reply            (StiEndpointProbe  *self,
                                              StiSmtpReply      *reply);

/* sti-endpoint-probe-tls.c */
void             probe_start_tls             (StiEndpointProbe  *self);

/* sti-endpoint-probe-findings.c */
GVariantBuilder *probe_params_new            (StiEndpointProbe  *self);
void             probe_add_finding           (StiEndpointProbe  *self,
                                              const char        *id,
                                              GVariantBuilder   *params,
                                              const char        *format,
                                              ...) G_GNUC_PRINTF (4, 5);
void             probe_add_reply_params      (GVariantBuilder   *params,
                                              StiSmtpReply      *reply);
void             probe_on_cancelled          (StiEndpointProbe  *self);
void             probe_connect_failed        (StiEndpointProbe  *self,
                                              const GError      *error);
void             probe_connection_error      (StiEndpointProbe  *self,
                                              const GError      *error);
void             probe_server_closed         (StiEndpointProbe  *self);
void             probe_protocol_error        (StiEndpointProbe  *self,
                                              const GError      *error);
void             probe_reply_refused         (StiEndpointProbe  *self,
                                              StiSmtpReply      *reply,
                                              const char        *command);

G_END_DECLS
