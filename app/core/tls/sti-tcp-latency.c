/* sti-tcp-latency.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-tcp-latency.h"

#include <gio/gnetworking.h>

/* The socket options that keep a client dialogue free of Nagle ×
 * delayed-ACK stalls (DESIGN.md, decision 11). An SMTP dialogue over TLS
 * is a run of small writes, each waiting for the peer's answer:
 *
 * - GnuTLS writes the TLS 1.3 middlebox ChangeCipherSpec as a 6-byte
 *   segment of its own; with Nagle our Finished and the EHLO behind it
 *   wait for the server's delayed ACK of that segment (about 40 ms).
 *   TCP_NODELAY sends them at once.
 * - Servers such as Postfix write the session ticket and the EHLO reply
 *   separately, with Nagle on their side: the reply waits until we ACK the
 *   ticket. TCP_QUICKACK makes us ACK at once; Linux drops it again on its
 *   own (it is not sticky), hence re-armed after every receive.
 *
 * Both are optimisations: a failure (another platform, not TCP) is
 * ignored, and the dialogue is merely slower. */

static void
set_tcp_option (GSocket *socket,
                int      option)
{
  /* g_socket_set_option() reports failures only through its GError. */
  g_socket_set_option (socket, IPPROTO_TCP, option, 1, NULL);
}

/**
 * sti_tcp_latency_enable:
 * @socket: a TCP client socket, connected or not
 *
 * Turns Nagle off and asks for immediate ACKs; call once per socket.
 */
void
sti_tcp_latency_enable (GSocket *socket)
{
  g_return_if_fail (G_IS_SOCKET (socket));

#ifdef TCP_NODELAY
  set_tcp_option (socket, TCP_NODELAY);
#endif
  sti_tcp_latency_after_receive (socket);
}

/**
 * sti_tcp_latency_after_receive:
 * @socket: a TCP client socket set up with sti_tcp_latency_enable()
 *
 * Re-arms the immediate ACK; call after every receive that returned data,
 * which also sends the ACK the kernel may still be holding back.
 */
void
sti_tcp_latency_after_receive (GSocket *socket)
{
#ifdef TCP_QUICKACK
  set_tcp_option (socket, TCP_QUICKACK);
#else
  (void)socket;
#endif
}
