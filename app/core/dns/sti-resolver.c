/* sti-resolver.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-resolver-private.h"

#include "sti-text.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* DNS through libunbound, driven from the GLib main loop (DESIGN.md,
 * decision 1; platform-notes.md A1/A3).
 *
 * libunbound runs its resolver in one background thread per context
 * (ub_ctx_async (ctx, 1)) and signals results through a pipe, ub_fd();
 * a GSource on that fd calls ub_process(), which runs our callbacks on the
 * main thread. So every callback below runs on the thread that created the
 * resolver, and no blocking libunbound call (ub_resolve, ub_wait) is used.
 *
 * DNSSEC: there are two contexts with the same forwarders and local data.
 * The validating one has the root trust anchor; the plain one runs the
 * iterator only. Queries go to the validating context until an answer comes
 * back bogus. Then we ask once whether the upstream path can carry DNSSEC at
 * all: ". DNSKEY" must validate as secure. If it does, the bogus answer is
 * real. If not (a forwarder that strips signatures: dnsmasq, home routers),
 * every bogus result is an artefact of the path, so that query and all later
 * ones go to the plain context and are reported NOT_VALIDATED. A plain
 * forwarder thus never produces a false BOGUS.
 *
 * Local data (the demo lab) is reported NOT_VALIDATED: it never went
 * through a validator. */

#define MAX_LOCAL_CNAME_CHAIN 8

G_DEFINE_FINAL_TYPE (StiResolver, sti_resolver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The state of one query; the GTask's task data. While pending, it holds a
 * reference to the task (which holds the resolver), dropped on completion. */
typedef struct
{
  StiResolver *self;
  GTask       *task;
  char        *name;
  char        *chased_name;  /* the CNAME target asked for next, or NULL */
  guint        n_chased;
  guint16      rrtype;
  UbCall      *call;
  gboolean     call_validating;
  GSource     *timeout_source;
  GSource     *cancel_source;
  UbResult    *bogus_result;
  gboolean     waiting_probe;
} Query;

static void
query_free (gpointer data)
{
  Query *q = data;

  g_assert (q->task == NULL);
  g_assert (q->call == NULL);
  g_clear_pointer (&q->name, g_free);
  g_clear_pointer (&q->chased_name, g_free);
  g_clear_pointer (&q->bogus_result, ub_resolve_free);
  g_free (q);
}

static void
ub_call_cb (void     *mydata,
            int       err,
            UbResult *result)
{
  UbCall *call = mydata;
  StiResolver *self = call->self;
  UbCallDone done = call->done;
  gpointer data = call->data;
  gboolean abandoned = call->abandoned;

  g_hash_table_steal (self->calls, call);
  g_free (call);

  if (abandoned)
    {
      g_clear_pointer (&result, ub_resolve_free);
      return;
    }

  done (self, data, err, result);
}

static UbCall *
ub_call_start (StiResolver    *self,
               struct ub_ctx  *ctx,
               const char     *name,
               guint16         rrtype,
               UbCallDone      done,
               gpointer        data,
               GError        **error)
{
  UbCall *call;
  int ret;

  call = g_new0 (UbCall, 1);
  call->self = self;
  call->ctx = ctx;
  call->done = done;
  call->data = data;

  ret = ub_resolve_async (ctx, name, rrtype, 1 /* IN */, call, ub_call_cb, &call->async_id);
  if (ret != 0)
    {
      g_set_error (error, G_IO_ERROR,
                   ret == UB_SYNTAX ? G_IO_ERROR_INVALID_ARGUMENT : G_IO_ERROR_FAILED,
                   /* Translators: a DNS name, then libunbound's error */
                   _("The DNS query for “%s” could not be started: %s"),
                   name, ub_strerror (ret));
      g_free (call);
      return NULL;
    }

  self->started = TRUE;
  g_hash_table_add (self->calls, call);
  return call;
}

static void
ub_call_abandon (UbCall *call)
{
  if (ub_cancel (call->ctx, call->async_id) == 0)
    {
      g_hash_table_steal (call->self->calls, call);
      g_free (call);
    }
  else
    {
      /* The result is already on its way through the pipe. */
      call->abandoned = TRUE;
    }
}

static StiDnsAnswer *
answer_from_result (StiResolver *self,
                    Query       *q,
                    int          err,
                    UbResult    *result,
                    gboolean     validated)
{
  g_autoptr(GPtrArray) records = NULL;
  StiDnsRcodeKind kind;
  StiDnssecStatus status = STI_DNSSEC_NOT_VALIDATED;
  const char *why_bogus = NULL;

  if (err != 0 || result == NULL)
    {
      g_debug ("libunbound failed on %s/%u: %s", q->name, q->rrtype, ub_strerror (err));
      return sti_dns_answer_new (q->name, q->rrtype,
                                 err == UB_SERVFAIL ? STI_DNS_RCODE_KIND_SERVFAIL
                                                    : STI_DNS_RCODE_KIND_OTHER,
                                 -1, NULL, 0, STI_DNSSEC_NOT_VALIDATED, NULL, NULL);
    }

  records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);

  switch (result->rcode)
    {
    case 0:
      if (result->havedata && result->data != NULL && result->data[0] != NULL)
        {
          kind = STI_DNS_RCODE_KIND_NOERROR;
          for (guint i = 0; result->data[i] != NULL; i++)
            g_ptr_array_add (records, g_bytes_new (result->data[i], MAX (result->len[i], 0)));
        }
      else
        kind = STI_DNS_RCODE_KIND_NODATA;
      break;

    case 2:
      kind = STI_DNS_RCODE_KIND_SERVFAIL;
      break;

    case 3:
      kind = STI_DNS_RCODE_KIND_NXDOMAIN;
      break;

    default:
      kind = STI_DNS_RCODE_KIND_OTHER;
    }

  if (validated && !resolver_is_local_name (self, q->name) &&
      !(result->canonname != NULL && resolver_is_local_name (self, result->canonname)))
    {
      if (result->bogus)
        {
          status = STI_DNSSEC_BOGUS;
          why_bogus = result->why_bogus != NULL ? result->why_bogus : _("validation failed");
        }
      else if (result->secure)
        status = STI_DNSSEC_SECURE;
      else if (kind == STI_DNS_RCODE_KIND_NOERROR ||
               kind == STI_DNS_RCODE_KIND_NODATA ||
               kind == STI_DNS_RCODE_KIND_NXDOMAIN)
        status = STI_DNSSEC_INSECURE;
    }

  return sti_dns_answer_new (q->name, q->rrtype, kind, result->rcode,
                             result->canonname != NULL ? result->canonname : q->chased_name,
                             (guint32)MAX (result->ttl, 0), status, why_bogus, records);
}

/* Everything that must stop once a query has an outcome. Returns the
 * pending task reference. */
static GTask *
query_settle (Query *q)
{
  StiResolver *self = q->self;

  if (q->timeout_source != NULL)
    {
      g_source_destroy (q->timeout_source);
      g_clear_pointer (&q->timeout_source, g_source_unref);
    }
  if (q->cancel_source != NULL)
    {
      g_source_destroy (q->cancel_source);
      g_clear_pointer (&q->cancel_source, g_source_unref);
    }
  if (q->call != NULL)
    ub_call_abandon (g_steal_pointer (&q->call));
  if (q->waiting_probe)
    {
      g_queue_remove (&self->probe_waiters, q);
      q->waiting_probe = FALSE;
    }
  g_clear_pointer (&q->bogus_result, ub_resolve_free);

  return g_steal_pointer (&q->task);
}

static void
query_return_answer (Query        *q,
                     StiDnsAnswer *answer)
{
  g_autoptr(GTask) task = query_settle (q);

  g_task_return_pointer (task, answer, g_object_unref);
}

static void
query_return_error (Query  *q,
                    GError *error)
{
  g_autoptr(GTask) task = query_settle (q);

  g_task_return_error (task, error);
}

static void start_probe (StiResolver *self);

static void
query_done_cb (StiResolver *self,
               gpointer     data,
               int          err,
               UbResult    *result_in)
{
  g_autoptr(UbResult) result = result_in;
  Query *q = data;

  q->call = NULL;

  if (err == UB_SYNTAX)
    {
      g_autofree char *shown = sti_text_sanitize_str (q->name);

      query_return_error (q, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                          /* Translators: %s is a DNS name */
                                          _("“%s” is not a valid DNS name."), shown));
      return;
    }

  if (q->call_validating && err == 0 && result != NULL && result->bogus &&
      !resolver_is_private_name (self, q->name))
    {
      switch (self->probe_state)
        {
        case PROBE_CAPABLE:
          break;

        case PROBE_NONE:
        case PROBE_RUNNING:
          q->bogus_result = g_steal_pointer (&result);
          q->waiting_probe = TRUE;
          g_queue_push_tail (&self->probe_waiters, q);
          if (self->probe_state == PROBE_NONE)
            start_probe (self);
          return;

        case PROBE_INCAPABLE:
          {
            g_autoptr(GError) error = NULL;

            q->call_validating = FALSE;
            q->call = ub_call_start (self, self->plain_ctx, q->name, q->rrtype,
                                     query_done_cb, q, &error);
            if (q->call == NULL)
              query_return_error (q, g_steal_pointer (&error));
          }
          return;

        default:
          g_assert_not_reached ();
        }
    }

  /* libunbound does not follow a CNAME in local data (the iterator follows
   * those from upstream). Follow it here, so the lab behaves like DNS. */
  if (err == 0 && result != NULL && result->rcode == 0 && !result->havedata &&
      result->canonname != NULL && q->n_chased < MAX_LOCAL_CNAME_CHAIN &&
      !sti_dns_name_equal (result->canonname, q->chased_name != NULL ? q->chased_name : q->name) &&
      resolver_is_local_name (self, q->chased_name != NULL ? q->chased_name : q->name))
    {
      g_autoptr(GError) error = NULL;

      g_free (q->chased_name);
      q->chased_name = g_strdup (result->canonname);
      q->n_chased++;
      q->call = ub_call_start (self, q->call_validating ? self->validating_ctx : self->plain_ctx,
                               q->chased_name, q->rrtype, query_done_cb, q, &error);
      if (q->call == NULL)
        query_return_error (q, g_steal_pointer (&error));
      return;
    }

  query_return_answer (q, answer_from_result (self, q, err, result, q->call_validating));
}

void
resolver_update_description (StiResolver *self,
                             const char  *reason)
{
  g_autofree char *base = NULL;

  if (reason != self->no_validation)
    {
      g_free (self->no_validation);
      self->no_validation = g_strdup (reason);
    }

  if (reason == NULL)
    /* Translators: %s is e.g. "system resolver (127.0.0.53)" */
    base = g_strdup_printf (_("%s, DNSSEC validating"), self->server_label);
  else
    /* Translators: the first %s is e.g. "forwarder 192.0.2.1:53", the second why */
    base = g_strdup_printf (_("%s, DNSSEC not validated: %s"), self->server_label, reason);

  g_free (self->description);
  if (self->stub_labels->len == 0)
    self->description = g_steal_pointer (&base);
  else
    {
      g_autofree char *stubs = NULL;

      g_ptr_array_add (self->stub_labels, NULL);
      stubs = g_strjoinv (", ", (char **)self->stub_labels->pdata);
      g_ptr_array_remove_index (self->stub_labels, self->stub_labels->len - 1);
      /* Translators: the first %s is the description above, the second e.g.
       * "lab.test. at 127.77.0.53@5353 (validated with its own key)" */
      self->description = g_strdup_printf (_("%s; %s"), base, stubs);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

static void
finish_probe (StiResolver *self,
              gboolean     capable)
{
  g_autoptr(StiResolver) hold = g_object_ref (self);
  Query *q;

  if (self->probe_timeout_source != NULL)
    {
      g_source_destroy (self->probe_timeout_source);
      g_clear_pointer (&self->probe_timeout_source, g_source_unref);
    }
  if (self->probe_call != NULL)
    ub_call_abandon (g_steal_pointer (&self->probe_call));

  self->probe_state = capable ? PROBE_CAPABLE : PROBE_INCAPABLE;
  g_debug ("DNSSEC path probe: %s", capable ? "validates" : "cannot validate");
  if (!capable)
    resolver_update_description (self,
                                 self->dns_server != NULL
                                 ? _("the forwarder does not pass DNSSEC signatures")
                                 : _("the system resolver does not pass DNSSEC signatures"));

  while ((q = g_queue_pop_head (&self->probe_waiters)) != NULL)
    {
      g_autoptr(UbResult) bogus = g_steal_pointer (&q->bogus_result);

      q->waiting_probe = FALSE;
      if (capable)
        query_return_answer (q, answer_from_result (self, q, 0, bogus, TRUE));
      else
        {
          g_autoptr(GError) error = NULL;

          q->call_validating = FALSE;
          q->call = ub_call_start (self, self->plain_ctx, q->name, q->rrtype,
                                   query_done_cb, q, &error);
          if (q->call == NULL)
            query_return_error (q, g_steal_pointer (&error));
        }
    }
}

static void
probe_done_cb (StiResolver *self,
               gpointer     data,
               int          err,
               UbResult    *result_in)
{
  g_autoptr(UbResult) result = result_in;

  self->probe_call = NULL;
  finish_probe (self, err == 0 && result != NULL && result->havedata && result->secure);
}

static gboolean
probe_timeout_cb (gpointer user_data)
{
  StiResolver *self = user_data;

  /* No validated root DNSKEY in time: the path cannot be relied on. */
  finish_probe (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
start_probe (StiResolver *self)
{
  g_autoptr(GError) error = NULL;

  self->probe_state = PROBE_RUNNING;
  self->probe_call = ub_call_start (self, self->validating_ctx, ".", STI_DNS_TYPE_DNSKEY,
                                    probe_done_cb, NULL, &error);
  if (self->probe_call == NULL)
    {
      g_debug ("DNSSEC path probe not started: %s", error->message);
      finish_probe (self, FALSE);
      return;
    }

  self->probe_timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_name (self->probe_timeout_source, "[sti] resolver probe timeout");
  g_source_set_callback (self->probe_timeout_source, probe_timeout_cb, self, NULL);
  g_source_attach (self->probe_timeout_source, self->main_context);
}

static gboolean
query_timeout_cb (gpointer user_data)
{
  Query *q = user_data;
  g_autoptr(StiResolver) hold = g_object_ref (q->self);

  query_return_answer (q, sti_dns_answer_new (q->name, q->rrtype, STI_DNS_RCODE_KIND_TIMEOUT,
                                              -1, NULL, 0, STI_DNSSEC_NOT_VALIDATED, NULL, NULL));
  return G_SOURCE_REMOVE;
}

static gboolean
query_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  Query *q = user_data;
  g_autoptr(StiResolver) hold = g_object_ref (q->self);

  query_return_error (q, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("The DNS query was cancelled.")));
  return G_SOURCE_REMOVE;
}

static void
free_abandoned_call (gpointer data)
{
  g_free (data);
}

static void
sti_resolver_dispose (GObject *object)
{
  StiResolver *self = (StiResolver *)object;

  /* Pending queries hold a reference, so only an idle resolver (or an
   * abandoned probe) gets here. */
  g_assert (g_queue_is_empty (&self->probe_waiters));

  if (self->probe_timeout_source != NULL)
    {
      g_source_destroy (self->probe_timeout_source);
      g_clear_pointer (&self->probe_timeout_source, g_source_unref);
    }
  self->probe_call = NULL;

  if (self->validating_source != NULL)
    {
      g_source_destroy (self->validating_source);
      g_clear_pointer (&self->validating_source, g_source_unref);
    }
  if (self->plain_source != NULL)
    {
      g_source_destroy (self->plain_source);
      g_clear_pointer (&self->plain_source, g_source_unref);
    }

  /* Stops and joins the background threads; their callbacks never run. */
  g_clear_pointer (&self->validating_ctx, ub_ctx_delete);
  g_clear_pointer (&self->plain_ctx, ub_ctx_delete);

  G_OBJECT_CLASS (sti_resolver_parent_class)->dispose (object);
}

static void
sti_resolver_finalize (GObject *object)
{
  StiResolver *self = (StiResolver *)object;

  g_clear_pointer (&self->calls, g_hash_table_unref);
  g_clear_pointer (&self->local_names, g_ptr_array_unref);
  g_clear_pointer (&self->private_zones, g_ptr_array_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->server_label, g_free);
  g_clear_pointer (&self->no_validation, g_free);
  g_clear_pointer (&self->stub_labels, g_ptr_array_unref);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->dns_server, g_free);
  g_clear_pointer (&self->fwd, g_free);

  G_OBJECT_CLASS (sti_resolver_parent_class)->finalize (object);
}

static void
sti_resolver_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  StiResolver *self = STI_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_DESCRIPTION:
      g_value_set_string (value, sti_resolver_get_description (self));
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, sti_resolver_get_timeout (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_resolver_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  StiResolver *self = STI_RESOLVER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      sti_resolver_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_resolver_class_init (StiResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_resolver_dispose;
  object_class->finalize = sti_resolver_finalize;
  object_class->get_property = sti_resolver_get_property;
  object_class->set_property = sti_resolver_set_property;

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, STI_RESOLVER_DEFAULT_TIMEOUT_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_resolver_init (StiResolver *self)
{
  /* Owns what is left at finalize: calls abandoned after a lost cancel race. */
  self->calls = g_hash_table_new_full (NULL, NULL, free_abandoned_call, NULL);
  self->local_names = g_ptr_array_new_with_free_func (g_free);
  self->private_zones = g_ptr_array_new_with_free_func (g_free);
  self->stub_labels = g_ptr_array_new_with_free_func (g_free);
  self->timeout_ms = STI_RESOLVER_DEFAULT_TIMEOUT_MS;
  self->main_context = g_main_context_ref_thread_default ();
}

/**
 * sti_resolver_new:
 * @dns_server: (nullable): %NULL for the system configuration
 *   (/etc/resolv.conf forwarders and /etc/hosts), else "ADDR" or
 *   "ADDR@PORT" (IPv4 or IPv6), used as the only forwarder
 * @error: return location for a #GError
 *
 * Creates a resolver bound to the thread-default main context, where its
 * results are delivered.
 *
 * Returns: (transfer full) (nullable): a new resolver
 */
StiResolver *
sti_resolver_new (const char  *dns_server,
                  GError     **error)
{
  return sti_resolver_new_full (dns_server, DNS_ROOT_KEY, error);
}

/**
 * sti_resolver_new_full:
 * @dns_server: (nullable): as for sti_resolver_new()
 * @trust_anchor_file: (nullable): a file of DNSKEY or DS records for the
 *   root, in zone-file syntax; %NULL disables DNSSEC validation
 * @error: return location for a #GError
 *
 * Like sti_resolver_new() with another trust anchor than DNS_ROOT_KEY (a
 * Flatpak bundle, a test with its own signed root). A missing file is not
 * an error: answers are then reported %STI_DNSSEC_NOT_VALIDATED and the
 * description says why.
 *
 * Returns: (transfer full) (nullable): a new resolver
 */
StiResolver *
sti_resolver_new_full (const char  *dns_server,
                       const char  *trust_anchor_file,
                       GError     **error)
{
  g_autoptr(StiResolver) self = NULL;
  g_autofree char *fwd = NULL;
  g_autofree char *label = NULL;
  g_autofree char *no_validation = NULL;

  if (dns_server != NULL && !resolver_parse_server (dns_server, &fwd, &label, error))
    return NULL;
  if (label == NULL)
    label = resolver_system_label ();

  self = g_object_new (STI_TYPE_RESOLVER, NULL);
  self->dns_server = g_strdup (dns_server);
  self->fwd = g_strdup (fwd);
  self->server_label = g_steal_pointer (&label);

  if (trust_anchor_file == NULL)
    no_validation = g_strdup (_("validation is turned off"));
  else if (!g_file_test (trust_anchor_file, G_FILE_TEST_IS_REGULAR) ||
           g_access (trust_anchor_file, R_OK) != 0)
    {
      /* Translators: %s is a file name */
      no_validation = g_strdup_printf (_("the trust anchor %s is missing"), trust_anchor_file);
    }
  else
    {
      self->validating_ctx = resolver_create_ctx (fwd, TRUE, trust_anchor_file, error);
      if (self->validating_ctx == NULL)
        return NULL;
      self->validating_source = resolver_watch_ctx (self, self->validating_ctx);
    }

  self->plain_ctx = resolver_create_ctx (fwd, FALSE, NULL, error);
  if (self->plain_ctx == NULL)
    return NULL;
  self->plain_source = resolver_watch_ctx (self, self->plain_ctx);

  if (no_validation != NULL)
    self->probe_state = PROBE_INCAPABLE;
  resolver_update_description (self, no_validation);

  return g_steal_pointer (&self);
}

/**
 * sti_resolver_set_timeout:
 * @timeout_ms: the limit for each query, in milliseconds
 *
 * Applies to queries started afterwards. A query that runs out of time
 * completes with a %STI_DNS_RCODE_KIND_TIMEOUT answer.
 */
void
sti_resolver_set_timeout (StiResolver *self,
                          guint        timeout_ms)
{
  g_return_if_fail (STI_IS_RESOLVER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
sti_resolver_get_timeout (StiResolver *self)
{
  g_return_val_if_fail (STI_IS_RESOLVER (self), 0);
  return self->timeout_ms;
}

/**
 * sti_resolver_get_description:
 *
 * Which resolver is used and whether DNSSEC is validated, for reports,
 * e.g. "system resolver (127.0.0.53), DNSSEC validating". It changes (with
 * notify::description) when the resolver finds that its upstream strips
 * DNSSEC signatures.
 */
const char *
sti_resolver_get_description (StiResolver *self)
{
  g_return_val_if_fail (STI_IS_RESOLVER (self), NULL);
  return self->description;
}

/**
 * sti_resolver_query_async:
 * @name: the name to look up, e.g. "example.org" or "example.org."
 * @rrtype: an RR type, e.g. %STI_DNS_TYPE_MX
 *
 * Looks up one RRset. Never blocks: libunbound works in its own thread and
 * the result arrives on the thread-default main context of the caller,
 * which must be the one the resolver was created in.
 */
void
sti_resolver_query_async (StiResolver         *self,
                          const char          *name,
                          guint16              rrtype,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  gboolean validating;
  Query *q;

  g_return_if_fail (STI_IS_RESOLVER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sti_resolver_query_async);
  g_task_set_name (task, "[sti] resolver query");

  if (g_task_return_error_if_cancelled (task))
    return;

  q = g_new0 (Query, 1);
  q->self = self;
  q->name = g_strdup (name);
  q->rrtype = rrtype;
  g_task_set_task_data (task, q, query_free);

  validating = self->validating_ctx != NULL &&
               (self->probe_state != PROBE_INCAPABLE || resolver_is_private_name (self, name));
  q->call_validating = validating;
  q->call = ub_call_start (self, validating ? self->validating_ctx : self->plain_ctx,
                           name, rrtype, query_done_cb, q, &error);
  if (q->call == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  q->task = g_object_ref (task);

  q->timeout_source = g_timeout_source_new (self->timeout_ms);
  g_source_set_name (q->timeout_source, "[sti] resolver query timeout");
  g_source_set_callback (q->timeout_source, query_timeout_cb, q, NULL);
  g_source_attach (q->timeout_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      q->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_name (q->cancel_source, "[sti] resolver query cancel");
      g_source_set_callback (q->cancel_source, G_SOURCE_FUNC (query_cancelled_cb), q, NULL);
      g_source_attach (q->cancel_source, g_task_get_context (task));
    }
}

/**
 * sti_resolver_query_finish:
 *
 * NXDOMAIN, NODATA, SERVFAIL and timeouts are answers, not errors.
 *
 * Returns: (transfer full) (nullable): the answer, or %NULL with @error set
 *   on cancellation (%G_IO_ERROR_CANCELLED) or when the query could not
 *   be started
 */
StiDnsAnswer *
sti_resolver_query_finish (StiResolver   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (STI_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sti_resolver_query_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
