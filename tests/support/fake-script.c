/* fake-script.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fake-script.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Plain blocking sockets on a thread: the script's timing must not depend
 * on the main loop the probe under test runs on. Every wait polls in
 * short slices so that fake_script_free() can stop it at once. */
#define SLICE_MS 50

struct _FakeScript
{
  const FakeScriptStep *steps;
  int                   listener;
  int                   conn;
  guint16               port;
  GThread              *thread;
  gint                  stop;        /* atomic */
  GMutex                lock;
  GPtrArray            *lines;
};

static gboolean
script_stopped (FakeScript *script)
{
  return g_atomic_int_get (&script->stop) != 0;
}

/* Waits up to @ms for @events on @fd; FALSE when stopped or timed out. */
static gboolean
script_poll (FakeScript *script,
             int         fd,
             short       events,
             gint64      ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (!script_stopped (script))
    {
      struct pollfd pfd = { fd, events, 0 };
      gint64 left = (end - g_get_monotonic_time ()) / 1000;

      if (left <= 0)
        return FALSE;
      if (poll (&pfd, 1, MIN (left, SLICE_MS)) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
script_sleep (FakeScript *script,
              guint       ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (!script_stopped (script) && g_get_monotonic_time () < end)
    g_usleep (MIN ((end - g_get_monotonic_time ()), SLICE_MS * 1000));
}

static gboolean
script_send (FakeScript *script,
             int         fd,
             const char *data,
             gsize       len)
{
  while (len > 0 && !script_stopped (script))
    {
      gssize n;

      if (!script_poll (script, fd, POLLOUT, G_MAXINT))
        return FALSE;
      n = send (fd, data, len, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return len == 0;
}

/* Reads one chunk (or one line, byte by byte) into @out; FALSE at EOF. */
static gboolean
script_read (FakeScript *script,
             gboolean    line,
             GString    *out)
{
  char buf[4096];

  while (script_poll (script, script->conn, POLLIN, G_MAXINT))
    {
      gssize n = recv (script->conn, buf, line ? 1 : sizeof buf, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (out, buf, n);
      if (!line || buf[0] == '\n')
        return TRUE;
    }

  return FALSE;
}

/* Holds until the client closes or sends anything further is ignored. */
static void
script_hold (FakeScript *script)
{
  g_autoptr(GString) ignored = g_string_new (NULL);

  while (script_read (script, FALSE, ignored))
    g_string_truncate (ignored, 0);
}

static gboolean
script_forward (FakeScript *script,
                int         from,
                int         to)
{
  char buf[16384];
  gssize n = recv (from, buf, sizeof buf, 0);

  return n > 0 && script_send (script, to, buf, n);
}

/* Relays between the client and 127.0.0.1:@port; the first answer after
 * each thing the client says waits @ms, as a slow server would. */
static void
script_delay_proxy (FakeScript *script,
                    guint16     port,
                    guint       ms)
{
  struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = g_htons (port),
                             .sin_addr.s_addr = g_htonl (INADDR_LOOPBACK) };
  int upstream = socket (AF_INET, SOCK_STREAM, 0);
  gboolean owed = TRUE;  /* the greeting is an answer too */

  if (upstream < 0 || connect (upstream, (struct sockaddr *)&sin, sizeof sin) != 0)
    {
      if (upstream >= 0)
        close (upstream);
      return;
    }
  while (!script_stopped (script))
    {
      struct pollfd pfd[2] = { { script->conn, POLLIN, 0 }, { upstream, POLLIN, 0 } };

      if (poll (pfd, 2, SLICE_MS) <= 0)
        continue;
      if (pfd[0].revents != 0)
        {
          if (!script_forward (script, script->conn, upstream))
            break;
          owed = TRUE;
        }
      if (pfd[1].revents != 0)
        {
          if (owed)
            script_sleep (script, ms);
          owed = FALSE;
          if (!script_forward (script, upstream, script->conn))
            break;
        }
    }
  close (upstream);
}

static void
script_play (FakeScript *script)
{
  for (const FakeScriptStep *step = script->steps; !script_stopped (script); step++)
    {
      gsize len = step->data != NULL && step->len == 0 ? strlen (step->data) : step->len;
      g_autoptr(GString) in = NULL;

      switch (step->op)
        {
        case SCRIPT_END:
          return;
        case SCRIPT_SEND:
          if (!script_send (script, script->conn, step->data, len))
            return;
          break;
        case SCRIPT_DRIP:
          for (gsize i = 0; i < len; i++)
            {
              if (!script_send (script, script->conn, step->data + i, 1))
                return;
              script_sleep (script, step->ms);
            }
          break;
        case SCRIPT_REPEAT:
          while (script_send (script, script->conn, step->data, len))
            script_sleep (script, step->ms);
          return;
        case SCRIPT_READ_LINE:
        case SCRIPT_READ_ANY:
          in = g_string_new (NULL);
          if (!script_read (script, step->op == SCRIPT_READ_LINE, in))
            return;
          g_mutex_lock (&script->lock);
          g_ptr_array_add (script->lines, g_strdup (in->str));
          g_mutex_unlock (&script->lock);
          break;
        case SCRIPT_SLEEP:
          script_sleep (script, step->ms);
          break;
        case SCRIPT_HOLD:
          script_hold (script);
          return;
        case SCRIPT_RST:
          {
            struct linger lg = { 1, 0 };

            setsockopt (script->conn, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
            return;
          }
        case SCRIPT_HALF_CLOSE:
          shutdown (script->conn, SHUT_WR);
          script_hold (script);
          return;
        case SCRIPT_DELAY_PROXY:
          script_delay_proxy (script, (guint16)step->len, step->ms);
          return;
        default:
          g_assert_not_reached ();
        }
    }
}

static gpointer
script_thread (gpointer data)
{
  FakeScript *script = data;

  if (!script_poll (script, script->listener, POLLIN, G_MAXINT))
    return NULL;
  script->conn = accept (script->listener, NULL, NULL);
  if (script->conn < 0)
    return NULL;
  script_play (script);
  close (script->conn);
  script->conn = -1;
  return NULL;
}

FakeScript *
fake_script_new (const FakeScriptStep *steps)
{
  FakeScript *script = g_new0 (FakeScript, 1);
  struct sockaddr_in sin = { .sin_family = AF_INET,
                             .sin_addr.s_addr = g_htonl (INADDR_LOOPBACK) };
  socklen_t sin_len = sizeof sin;

  script->steps = steps;
  script->conn = -1;
  script->lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&script->lock);
  script->listener = socket (AF_INET, SOCK_STREAM, 0);
  g_assert_cmpint (script->listener, >=, 0);
  g_assert_cmpint (bind (script->listener, (struct sockaddr *)&sin, sizeof sin), ==, 0);
  g_assert_cmpint (listen (script->listener, 4), ==, 0);
  g_assert_cmpint (getsockname (script->listener, (struct sockaddr *)&sin, &sin_len), ==, 0);
  script->port = g_ntohs (sin.sin_port);
  script->thread = g_thread_new ("fake-script", script_thread, script);

  return script;
}

guint16
fake_script_get_port (FakeScript *script)
{
  return script->port;
}

GPtrArray *
fake_script_get_lines (FakeScript *script)
{
  GPtrArray *copy;

  g_mutex_lock (&script->lock);
  copy = g_ptr_array_copy (script->lines, (GCopyFunc) g_strdup, NULL);
  g_ptr_array_set_free_func (copy, g_free);
  g_mutex_unlock (&script->lock);
  return copy;
}

void
fake_script_free (FakeScript *script)
{
  g_atomic_int_set (&script->stop, 1);
  g_thread_join (script->thread);
  close (script->listener);
  g_ptr_array_unref (script->lines);
  g_mutex_clear (&script->lock);
  g_free (script);
}
