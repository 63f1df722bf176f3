/* sti-resolver-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-resolver.h"

#include <unbound.h>

G_BEGIN_DECLS

/* What the parts of the resolver share: sti-resolver.c runs queries and
 * the DNSSEC path probe, sti-resolver-setup.c creates and watches the
 * libunbound contexts, sti-resolver-zones.c adds local data and stub
 * zones. */

typedef struct ub_result UbResult;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UbResult, ub_resolve_free)

typedef enum
{
  PROBE_NONE,
  PROBE_RUNNING,
  PROBE_CAPABLE,
  PROBE_INCAPABLE,
} ProbeState;

typedef void (*UbCallDone) (StiResolver *self,
                            gpointer     data,
                            int          err,
                            UbResult    *result);

/* One outstanding ub_resolve_async(). It stays allocated until libunbound
 * calls back or ub_cancel() succeeds; an abandoned call whose cancel lost
 * the race is freed when its result arrives, or at finalize. */
typedef struct
{
  StiResolver   *self;
  struct ub_ctx *ctx;
  int            async_id;
  gboolean       abandoned;
  UbCallDone     done;
  gpointer       data;
} UbCall;

struct _StiResolver
{
  GObject parent_instance;

  /* Owned references */
  struct ub_ctx *validating_ctx; /* NULL when no trust anchor is available */
  struct ub_ctx *plain_ctx;
  GSource       *validating_source;
  GSource       *plain_source;
  GMainContext  *main_context;
  GHashTable    *calls;          /* set of UbCall*, all outstanding */
  GPtrArray     *local_names;    /* lower case, with trailing dot */
  GPtrArray     *private_zones;  /* stub zones with their own trust anchor, likewise */
  UbCall        *probe_call;
  GSource       *probe_timeout_source;
  char          *server_label;
  char          *no_validation;  /* why answers are not validated, or NULL */
  GPtrArray     *stub_labels;    /* "lab.test. at 127.77.0.53@5353", for the description */
  char          *description;

  /* Borrowed references */
  GQueue         probe_waiters;  /* Query* waiting for the probe verdict */

  char          *dns_server;
  gboolean       user_chosen;  /* dns_server is the user's choice, the first suspect */
  char          *fwd;            /* what ub_ctx_set_fwd() was given, or NULL */
  guint          timeout_ms;
  ProbeState     probe_state;
  gboolean       started;
};

gboolean
resolver_check_ub (int          ret,
                   const char  *what,
                   GError     **error);

struct ub_ctx *
resolver_create_ctx (const char  *fwd,
                     gboolean     validate,
                     const char  *trust_anchor,
                     GError     **error);

gboolean
resolver_is_local_name (StiResolver *self,
                        const char  *name);

gboolean
resolver_is_private_name (StiResolver *self,
                          const char  *name);

gboolean
resolver_parse_server (const char  *dns_server,
                       char       **unbound_form,
                       char       **label,
                       GError     **error);

char *
resolver_system_label (void);

void
resolver_update_description (StiResolver *self,
                             const char  *reason);

GSource *
resolver_watch_ctx (StiResolver   *self,
                    struct ub_ctx *ctx);

G_END_DECLS
