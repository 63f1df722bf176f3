/* test-socket-watch.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-socket-watch.h"

#include <sys/socket.h>

/* The one source of a connection: waits, its deadline, a cancel from
 * another thread, and a hang-up nobody waits for. */

typedef struct
{
  GSocket *a;
  GSocket *b;
} Pair;

static void
pair_init (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  int fds[2];

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM, 0, fds));
  pair->a = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  pair->b = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  g_socket_set_blocking (pair->a, FALSE);
  g_socket_set_blocking (pair->b, FALSE);
}

static void
pair_clear (Pair *pair)
{
  g_clear_object (&pair->a);
  g_clear_object (&pair->b);
}

static void
count_cb (gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
iterate_until (guint *counter,
               guint  value)
{
  gint64 give_up = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  while (*counter < value && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (*counter, ==, value);
}

/* A wait is called once, when the socket is ready; a dropped wait never. */
static void
test_wait (void)
{
  g_autoptr(StiSocketWatch) watch = sti_socket_watch_new (NULL);
  Pair pair;
  guint readable = 0, writable = 0, dropped = 0;

  pair_init (&pair);
  sti_socket_watch_set_socket (watch, pair.a);
  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_WRITE, G_IO_OUT, NULL, count_cb, &writable,
                         NULL);
  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_READ, G_IO_IN, NULL, count_cb, &dropped, NULL);
  sti_socket_watch_cancel_wait (watch, STI_SOCKET_WATCH_READ);
  iterate_until (&writable, 1);

  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_READ, G_IO_IN, NULL, count_cb, &readable, NULL);
  g_assert_false (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpint (g_socket_send (pair.b, "x", 1, NULL, NULL), ==, 1);
  iterate_until (&readable, 1);

  /* Nobody waits: the readable byte dispatches nothing more. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (writable, ==, 1);
  g_assert_cmpuint (readable, ==, 1);
  g_assert_cmpuint (dropped, ==, 0);

  sti_socket_watch_destroy (watch);
  pair_clear (&pair);
}

/* The deadline is the source's ready time, moved without a new source. */
static void
test_deadline (void)
{
  g_autoptr(StiSocketWatch) watch = sti_socket_watch_new (NULL);
  guint fired = 0;
  gint64 start = g_get_monotonic_time ();

  sti_socket_watch_set_deadline (watch, start + 10 * G_TIME_SPAN_SECOND, count_cb, &fired);
  sti_socket_watch_set_deadline (watch, start + 50 * G_TIME_SPAN_MILLISECOND, count_cb, &fired);
  iterate_until (&fired, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 50 * G_TIME_SPAN_MILLISECOND);
  g_assert_false (g_main_context_iteration (NULL, FALSE));

  sti_socket_watch_destroy (watch);
}

static gpointer
cancel_thread (gpointer data)
{
  g_usleep (20 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* A cancel on another thread calls the wait on the watch's own. */
static void
test_cancel_other_thread (void)
{
  g_autoptr(StiSocketWatch) watch = sti_socket_watch_new (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GThread *thread;
  Pair pair;
  guint called = 0;

  pair_init (&pair);
  sti_socket_watch_set_socket (watch, pair.a);
  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_READ, G_IO_IN, cancellable, count_cb, &called,
                         NULL);
  thread = g_thread_new ("canceller", cancel_thread, cancellable);
  iterate_until (&called, 1);
  g_thread_join (thread);

  /* Waiting again with the cancelled cancellable is over at once. */
  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_READ, G_IO_IN, cancellable, count_cb, &called,
                         NULL);
  iterate_until (&called, 2);

  sti_socket_watch_destroy (watch);
  pair_clear (&pair);
}

/* A peer that hangs up while nobody waits must not make every iteration
 * dispatch the watch; the next wait sees the end at once. */
static void
test_hang_up (void)
{
  g_autoptr(StiSocketWatch) watch = sti_socket_watch_new (NULL);
  Pair pair;
  guint called = 0;
  guint iterations = 0;

  pair_init (&pair);
  sti_socket_watch_set_socket (watch, pair.a);
  g_socket_close (pair.b, NULL);
  while (g_main_context_iteration (NULL, FALSE) && iterations < 100)
    iterations++;
  g_assert_cmpuint (iterations, <, 100);

  sti_socket_watch_wait (watch, STI_SOCKET_WATCH_READ, G_IO_IN, NULL, count_cb, &called, NULL);
  iterate_until (&called, 1);

  sti_socket_watch_destroy (watch);
  pair_clear (&pair);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sti/socket-watch/wait", test_wait);
  g_test_add_func ("/sti/socket-watch/deadline", test_deadline);
  g_test_add_func ("/sti/socket-watch/cancel-other-thread", test_cancel_other_thread);
  g_test_add_func ("/sti/socket-watch/hang-up", test_hang_up);

  return g_test_run ();
}
