/* counting-smtp.h: a mail server on 127.0.0.1 that counts its connections
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-session.h"

G_BEGIN_DECLS

typedef enum
{
  SERVER_PLAIN,     /* greets, EHLO without STARTTLS, QUIT */
  SERVER_421,       /* "421 busy" and close */
  SERVER_TARPIT,    /* accepts, never says a word */
} ServerKind;

/* A mail server on 127.0.0.1 that counts connections and how many it
 * held at once: what a survey's politeness is measured by. */
typedef struct
{
  ServerKind        kind;
  GSocketService   *service;
  guint16           port;
  guint             connections;
  guint             open;
  guint             max_open;
  GPtrArray        *held;     /* tarpit connections */
} CountingServer;

/* The DNS server of the options counting_zone_add() is for: never asked,
 * every name is in a local zone. */
#define COUNTING_DNS_SERVER "192.0.2.53"

CountingServer *counting_server_new  (ServerKind                    kind);
void            counting_server_free (CountingServer               *server);
char           *counting_zone_add    (StiCheckSession              *session,
                                      const StiCheckSessionOptions *options,
                                      guint                         n_domains);

G_END_DECLS
