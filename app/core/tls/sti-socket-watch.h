/* sti-socket-watch.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * StiSocketWatchSlot:
 * @STI_SOCKET_WATCH_READ: the wait of a read (or of a TLS handshake)
 * @STI_SOCKET_WATCH_WRITE: the wait of a write (or of a connect)
 *
 * A watch holds at most one wait per slot, so a read and a write of one
 * connection may wait at the same time.
 */
typedef enum
{
  STI_SOCKET_WATCH_READ,
  STI_SOCKET_WATCH_WRITE,
  STI_SOCKET_WATCH_N_SLOTS
} StiSocketWatchSlot;

typedef void (*StiSocketWatchFunc) (gpointer user_data);

typedef struct _StiSocketWatch StiSocketWatch;

StiSocketWatch *sti_socket_watch_new          (GMainContext       *context);
StiSocketWatch *sti_socket_watch_ref          (StiSocketWatch     *self);
void            sti_socket_watch_unref        (StiSocketWatch     *self);
void            sti_socket_watch_destroy      (StiSocketWatch     *self);
void            sti_socket_watch_set_socket   (StiSocketWatch     *self,
                                               GSocket            *socket);
void            sti_socket_watch_wait         (StiSocketWatch     *self,
                                               StiSocketWatchSlot  slot,
                                               GIOCondition        condition,
                                               GCancellable       *cancellable,
                                               StiSocketWatchFunc  func,
                                               gpointer            user_data,
                                               GDestroyNotify      destroy);
void            sti_socket_watch_cancel_wait  (StiSocketWatch     *self,
                                               StiSocketWatchSlot  slot);
void            sti_socket_watch_set_deadline (StiSocketWatch     *self,
                                               gint64              deadline_us,
                                               StiSocketWatchFunc  func,
                                               gpointer            user_data);
GMainContext   *sti_socket_watch_get_context  (StiSocketWatch     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StiSocketWatch, sti_socket_watch_unref)

G_END_DECLS
