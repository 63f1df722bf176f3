/* fake-script.h: a loopback server that plays a byte script on its own
 * thread, for the hostile-server tests
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One step of a script. Timing and TCP misbehaviour (drip, endless
 * repeats, RST, half-close) that the main-loop FakeSmtp does not play. */
typedef enum
{
  SCRIPT_END = 0,     /* the script's last step: close normally */
  SCRIPT_SEND,        /* send @data (@len bytes; 0: strlen) */
  SCRIPT_DRIP,        /* send @data one byte every @ms */
  SCRIPT_REPEAT,      /* send @data every @ms until the client goes */
  SCRIPT_READ_LINE,   /* read up to and with the next LF */
  SCRIPT_READ_ANY,    /* read whatever comes next (a ClientHello) */
  SCRIPT_SLEEP,       /* wait @ms */
  SCRIPT_HOLD,        /* say nothing until the client goes */
  SCRIPT_RST,         /* abort the connection: RST */
  SCRIPT_HALF_CLOSE,  /* shut down our sending side, then hold */
  SCRIPT_DELAY_PROXY, /* relay to 127.0.0.1:@len, holding each answer @ms */
} FakeScriptOp;

typedef struct
{
  FakeScriptOp  op;
  const char   *data;
  gsize         len;
  guint         ms;
} FakeScriptStep;

typedef struct _FakeScript FakeScript;

/* Listens on 127.0.0.1 (port 0) and plays @steps (ending with SCRIPT_END,
 * borrowed until freed) to the first client, on a thread of its own. */
FakeScript *fake_script_new      (const FakeScriptStep *steps);
guint16     fake_script_get_port (FakeScript           *script);
/* Every line the client sent, read by SCRIPT_READ_LINE steps. */
GPtrArray  *fake_script_get_lines (FakeScript          *script);
void        fake_script_free     (FakeScript           *script);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FakeScript, fake_script_free)

G_END_DECLS
