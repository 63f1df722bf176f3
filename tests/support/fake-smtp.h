/* fake-smtp.h: a scripted SMTP server for the endpoint probe's tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-tls-session.h"

G_BEGIN_DECLS

/* A scripted SMTP server on 127.0.0.1 (port 0) driven by the main loop,
 * with good and hostile behaviours. It serves one connection. TLS uses
 * StiTlsSession in server mode. */
typedef enum
{
  FAKE_HAPPY,            /* STARTTLS offered and working */
  FAKE_NO_STARTTLS,
  FAKE_REFUSE_454,
  FAKE_GREET_421,
  FAKE_GREET_554,
  FAKE_INJECT,           /* "220 go\r\n250 injected\r\n" in one write */
  FAKE_SILENT,           /* never greets */
  FAKE_SLOW_DRIP,        /* one byte every 200 ms, forever */
  FAKE_HUGE_LINE,        /* a 1 MiB greeting line */
  FAKE_RESET_HANDSHAKE,  /* RST after reading the ClientHello */
  FAKE_GARBAGE_TLS,      /* text instead of a ServerHello */
  FAKE_ENDLESS_CONT,     /* "250-" lines without end to EHLO */
  FAKE_EHLO_502,         /* EHLO unknown, HELO works */
  FAKE_GARBAGE_GREETING, /* not SMTP at all */
  FAKE_STALL_TLS,        /* 220 to STARTTLS, then silence */
  FAKE_MUTE_QUIT,        /* FAKE_HAPPY that never answers QUIT */
} FakeBehavior;

typedef struct
{
  FakeBehavior                      behavior;
  StiTlsCredentials                *creds;     /* borrowed */
  GSocket                          *listener;
  guint16                           port;
  GSource                          *accept_source;
  GSocket                          *conn;
  GSource                          *in_source;
  GSource                          *out_source;
  GSource                          *drip_source;
  GByteArray                       *outq;
  GString                          *inbuf;
  StiTlsSession                    *tls;
  GQueue                            tls_outq;
  gboolean                          tls_writing;
  gboolean                          tls_up;
  GPtrArray                        *commands;  /* every line the client sent */
  char                             *sni;
  const char                       *priority;  /* TLS server priority, NULL: default */
  gsize                             drip_pos;
  gboolean                          closed;
  /* Scripted replies: when set (before the client connects), sent as
   * they are instead of the behaviour's own greeting, EHLO reply before
   * TLS and EHLO reply over TLS. */
  GBytes                           *script_greeting;
  GBytes                           *script_ehlo;
  GBytes                           *script_ehlo_tls;
} FakeSmtp;

FakeSmtp *fake_smtp_new  (FakeBehavior       behavior,
                          StiTlsCredentials *creds);
void      fake_smtp_free (FakeSmtp          *fake);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeSmtp, fake_smtp_free)

G_END_DECLS
