/* lab-client.h: the demo lab alone as a fixture, and a raw SMTP client
 * that talks to its servers on the main loop
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-lab.h"

G_BEGIN_DECLS

/* How long lab_wait_for_result() waits before the test fails. */
#define LAB_IO_TIMEOUT_MS 5000

/* A started lab and nothing else (lab-fixture.h adds a resolver, a
 * trust store and check options for the domain-check tests). */
typedef struct
{
  StiLab *lab;
} LabFixture;

typedef void (*LabTestFunc) (LabFixture    *fixture,
                             gconstpointer  data);

void               lab_fixture_setup      (LabFixture     *fixture,
                                           gconstpointer   data);
void               lab_fixture_teardown   (LabFixture     *fixture,
                                           gconstpointer   data);
/* Adds @func as test @path, run with a fresh LabFixture. */
void               lab_test_add           (const char     *path,
                                           gconstpointer   data,
                                           LabTestFunc     func);
/* Runs what is pending on the default main context, without blocking. */
void               lab_drain_main_context (void);

/* Stores a reference to @result in the GAsyncResult ** @user_data. */
void               lab_async_done_cb      (GObject        *object,
                                           GAsyncResult   *result,
                                           gpointer        user_data);
/* Spins the default main context until *@result is set; fails after
 * LAB_IO_TIMEOUT_MS. */
void               lab_wait_for_result    (GAsyncResult  **result);
GSocketConnection *lab_connect_to         (GSocketAddress *address,
                                           GError        **error);

typedef struct
{
  GSocketConnection *connection;
  GByteArray        *buffer;  /* read, not yet taken as a reply */
  guint8             chunk[4096];
} LabClient;

/* Connects to the first address the lab listens on for @host_name. */
LabClient *lab_client_new        (StiLab     *lab,
                                  const char *host_name);
void       lab_client_free       (LabClient  *client);
/* Reads once into the buffer; returns FALSE at EOF. */
gboolean   lab_client_read_some  (LabClient  *client);
/* Reads up to a complete reply (or EOF) and empties the buffer. */
char      *lab_client_read_reply (LabClient  *client);
void       lab_client_send       (LabClient  *client,
                                  const char *data);
char      *lab_client_command    (LabClient  *client,
                                  const char *command);
/* The server has closed the connection and sent nothing more. */
void       lab_client_assert_eof (LabClient  *client);

/* A complete SMTP reply: @buffer ends with a line "ddd text\r\n". */
gboolean   lab_reply_complete    (GByteArray *buffer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LabClient, lab_client_free)

G_END_DECLS
