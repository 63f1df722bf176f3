/* sti-check-session.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-check-session.h"

#include "sti-check-target.h"
#include "sti-lab-thread.h"

#include <glib/gi18n.h>

/* Everything the CLI and the window share to run a check: the options'
 * defaults, the trust store, the resolver and the demo lab. Both create
 * their checks here, so for the same options they run the same check. */

struct _StiCheckSession
{
  GObject        parent_instance;

  gboolean       lab_on_demand;
  gboolean       lab_thread_wanted;
  StiLabThread  *lab_thread;   /* the lab serves from its own thread, off the caller's loop */
  StiLab        *own_lab;      /* or from the caller's main context */
  StiLab        *lab;          /* one of the two */

  /* The trust store of the last check, reused while the extra CA files
   * and the lab stay the same: loading the system store takes a while
   * (DESIGN.md, decision 11). */
  StiTrustStore *trust;
  char          *trust_key;

  /* Likewise the resolver, while the DNS server and the lab stay the same:
   * every resolver is two libunbound contexts with a thread each, and lab
   * data can only be added before its first query. */
  StiResolver   *resolver;
  char          *resolver_key;

  /* The worker threads every check's probes run on, started with the
   * first check (sti-probe-pool.c says how many and why). */
  StiProbePool  *probe_pool;
};

G_DEFINE_FINAL_TYPE (StiCheckSession, sti_check_session, G_TYPE_OBJECT)

G_DEFINE_QUARK (sti-check-session-error-quark, sti_check_session_error)

G_DEFINE_BOXED_TYPE (StiCheckSessionOptions, sti_check_session_options,
                     sti_check_session_options_copy, sti_check_session_options_free)

enum {
  PROP_0,
  PROP_LAB_ON_DEMAND,
  PROP_LAB_THREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Takes @cause: its message, under the session's domain and @code. */
static void
propagate_as (GError               **error,
              StiCheckSessionError   code,
              GError                *cause)
{
  g_set_error_literal (error, STI_CHECK_SESSION_ERROR, code, cause->message);
  g_error_free (cause);
}

static char *
strip_or_null (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static StiResolver *
sti_check_session_dup_resolver (StiCheckSession  *self,
                                const char       *dns_server,
                                GError          **error)
{
  g_autoptr(StiResolver) resolver = NULL;
  g_autofree char *server = strip_or_null (dns_server);
  g_autofree char *key = g_strdup_printf ("%s\n%p", server != NULL ? server : "",
                                          (gpointer)self->lab);
  GError *local_error = NULL;

  if (self->resolver != NULL && g_strcmp0 (key, self->resolver_key) == 0)
    return g_object_ref (self->resolver);

  resolver = sti_resolver_new (server, &local_error);
  if (resolver == NULL)
    {
      propagate_as (error,
                    g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT)
                    ? STI_CHECK_SESSION_ERROR_DNS_SERVER
                    : STI_CHECK_SESSION_ERROR_RESOLVER,
                    local_error);
      return NULL;
    }
  /* The server came from the user's settings or flags. */
  sti_resolver_set_user_chosen (resolver, server != NULL);

  if (self->lab != NULL && !sti_lab_configure_resolver (self->lab, resolver, &local_error))
    {
      propagate_as (error, STI_CHECK_SESSION_ERROR_LAB, local_error);
      return NULL;
    }

  g_set_object (&self->resolver, resolver);
  g_free (self->resolver_key);
  self->resolver_key = g_steal_pointer (&key);

  return g_steal_pointer (&resolver);
}

static StiTrustStore *
sti_check_session_dup_trust_store (StiCheckSession     *self,
                                   const char * const  *ca_files,
                                   GError             **error)
{
  g_autoptr(StiTrustStore) trust = NULL;
  g_autofree char *files = ca_files != NULL ? g_strjoinv ("\n", (char **)ca_files) : g_strdup ("");
  g_autofree char *key = g_strdup_printf ("%s\n%p", files, (gpointer)self->lab);
  GError *local_error = NULL;

  if (self->trust != NULL && g_strcmp0 (self->trust_key, key) == 0)
    return g_object_ref (self->trust);

  trust = sti_trust_store_new (TRUE, &local_error);
  if (trust == NULL)
    {
      propagate_as (error, STI_CHECK_SESSION_ERROR_TRUST_STORE, local_error);
      return NULL;
    }

  for (guint i = 0; ca_files != NULL && ca_files[i] != NULL; i++)
    {
      if (!sti_trust_store_add_ca_file (trust, ca_files[i], &local_error))
        {
          g_set_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_CA_FILE,
                       /* Translators: a file name, then why it cannot be used */
                       _("Cannot use the certificate authority file %s: %s"),
                       ca_files[i], local_error->message);
          g_error_free (local_error);
          return NULL;
        }
    }

  if (self->lab != NULL &&
      /* English, as the rest of the trust store's description (sti-trust-store.c):
       * it is recorded in every report, whose JSON is the same in every language. */
      !sti_trust_store_add_ca_pem (trust, sti_lab_get_ca_pem (self->lab), "demo lab CA",
                                   &local_error))
    {
      propagate_as (error, STI_CHECK_SESSION_ERROR_LAB, local_error);
      return NULL;
    }

  g_set_object (&self->trust, trust);
  g_free (self->trust_key);
  self->trust_key = g_steal_pointer (&key);

  return g_steal_pointer (&trust);
}

/* The options a check runs with: the caller's, cleaned, with the limits
 * that keep them consistent, whoever filled them in. */
static StiCheckOptions *
effective_check_options (const StiCheckSessionOptions *options)
{
  StiCheckOptions *check = sti_check_options_copy (options->check);
  char *ehlo_name = strip_or_null (check->ehlo_name);

  g_free (check->ehlo_name);
  check->ehlo_name = ehlo_name;

  /* No stage outlasts the deadline of the whole endpoint. */
  check->stage_timeout_ms = MIN (check->stage_timeout_ms, check->total_timeout_ms);
  check->connect_timeout_ms = MIN (check->connect_timeout_ms, check->total_timeout_ms);

  return check;
}

static void
sti_check_session_dispose (GObject *object)
{
  StiCheckSession *self = STI_CHECK_SESSION (object);

  g_clear_object (&self->trust);
  g_clear_object (&self->resolver);
  g_clear_object (&self->probe_pool);

  self->lab = NULL;
  if (self->lab_thread != NULL)
    sti_lab_thread_stop (self->lab_thread);
  g_clear_object (&self->lab_thread);
  g_clear_object (&self->own_lab);

  G_OBJECT_CLASS (sti_check_session_parent_class)->dispose (object);
}

static void
sti_check_session_finalize (GObject *object)
{
  StiCheckSession *self = STI_CHECK_SESSION (object);

  g_clear_pointer (&self->trust_key, g_free);
  g_clear_pointer (&self->resolver_key, g_free);

  G_OBJECT_CLASS (sti_check_session_parent_class)->finalize (object);
}

static void
sti_check_session_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StiCheckSession *self = STI_CHECK_SESSION (object);

  switch (prop_id)
    {
    case PROP_LAB_ON_DEMAND:
      g_value_set_boolean (value, sti_check_session_get_lab_on_demand (self));
      break;

    case PROP_LAB_THREAD:
      g_value_set_boolean (value, self->lab_thread_wanted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_check_session_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  StiCheckSession *self = STI_CHECK_SESSION (object);

  switch (prop_id)
    {
    case PROP_LAB_ON_DEMAND:
      sti_check_session_set_lab_on_demand (self, g_value_get_boolean (value));
      break;

    case PROP_LAB_THREAD:
      self->lab_thread_wanted = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_check_session_class_init (StiCheckSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_check_session_dispose;
  object_class->finalize = sti_check_session_finalize;
  object_class->get_property = sti_check_session_get_property;
  object_class->set_property = sti_check_session_set_property;

  /**
   * StiCheckSession:lab-on-demand:
   *
   * Whether checking a demo lab domain starts the lab when it does not run
   * yet (the window). Otherwise such a check fails with
   * %STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING until
   * sti_check_session_ensure_lab() started it (the CLI's `--demo`).
   */
  properties[PROP_LAB_ON_DEMAND] =
    g_param_spec_boolean ("lab-on-demand", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * StiCheckSession:lab-thread:
   *
   * Whether the demo lab serves from a thread of its own, for a caller
   * whose main loop must stay responsive (the window), or from the main
   * context that is thread-default when it starts (the CLI): there its
   * servers answer in an order that does not change from run to run, and
   * so does the order of the report's DNS evidence.
   */
  properties[PROP_LAB_THREAD] =
    g_param_spec_boolean ("lab-thread", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_check_session_init (StiCheckSession *self)
{
  /* A check is coming: the system store loads meanwhile, once per process
   * and off the caller's thread (DESIGN.md, decision 11). */
  sti_trust_store_preload_system ();
}

/**
 * sti_check_session_options_new:
 *
 * Returns: (transfer full): options with the core defaults: the system's
 *   resolver, the system trust store, the defaults of sti-check-defaults.h
 */
StiCheckSessionOptions *
sti_check_session_options_new (void)
{
  StiCheckSessionOptions *options = g_new0 (StiCheckSessionOptions, 1);

  options->check = sti_check_options_new ();
  return options;
}

StiCheckSessionOptions *
sti_check_session_options_copy (const StiCheckSessionOptions *options)
{
  StiCheckSessionOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (StiCheckSessionOptions, 1);
  copy->check = sti_check_options_copy (options->check);
  copy->dns_server = g_strdup (options->dns_server);
  copy->ca_files = g_strdupv (options->ca_files);
  return copy;
}

void
sti_check_session_options_free (StiCheckSessionOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->check, sti_check_options_free);
  g_free (options->dns_server);
  g_strfreev (options->ca_files);
  g_free (options);
}

/**
 * sti_check_session_options_set_dns_server:
 * @options: options
 * @dns_server: (nullable): `ADDR[@PORT]`; %NULL or blank for the system's
 *   resolver configuration
 */
void
sti_check_session_options_set_dns_server (StiCheckSessionOptions *options,
                                          const char             *dns_server)
{
  g_return_if_fail (options != NULL);

  g_free (options->dns_server);
  options->dns_server = strip_or_null (dns_server);
}

/**
 * sti_check_session_options_set_ca_files:
 * @options: options
 * @ca_files: (nullable) (array zero-terminated=1): CA files to trust besides
 *   the system store; %NULL or empty for none
 */
void
sti_check_session_options_set_ca_files (StiCheckSessionOptions *options,
                                        const char * const     *ca_files)
{
  g_return_if_fail (options != NULL);

  g_strfreev (options->ca_files);
  options->ca_files = ca_files != NULL && ca_files[0] != NULL ? g_strdupv ((char **)ca_files)
                                                              : NULL;
}

/**
 * sti_check_session_options_set_ehlo_name:
 * @options: options
 * @ehlo_name: (nullable): the name to send with EHLO; %NULL or blank for our
 *   address literal, e.g. `[192.0.2.1]`
 */
void
sti_check_session_options_set_ehlo_name (StiCheckSessionOptions *options,
                                         const char             *ehlo_name)
{
  g_return_if_fail (options != NULL);

  g_free (options->check->ehlo_name);
  options->check->ehlo_name = strip_or_null (ehlo_name);
}

/**
 * sti_check_session_new:
 * @lab_thread: whether the demo lab, once started, serves from a thread of
 *   its own (#StiCheckSession:lab-thread)
 *
 * Returns: (transfer full): a new session, the demo lab not running and
 *   not started on demand
 */
StiCheckSession *
sti_check_session_new (gboolean lab_thread)
{
  return g_object_new (STI_TYPE_CHECK_SESSION,
                       "lab-thread", lab_thread,
                       NULL);
}

gboolean
sti_check_session_get_lab_on_demand (StiCheckSession *self)
{
  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), FALSE);

  return self->lab_on_demand;
}

void
sti_check_session_set_lab_on_demand (StiCheckSession *self,
                                     gboolean         lab_on_demand)
{
  g_return_if_fail (STI_IS_CHECK_SESSION (self));

  lab_on_demand = !!lab_on_demand;
  if (self->lab_on_demand != lab_on_demand)
    {
      self->lab_on_demand = lab_on_demand;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAB_ON_DEMAND]);
    }
}

/**
 * sti_check_session_get_lab:
 * @self: a #StiCheckSession
 *
 * Returns: (nullable) (transfer none): the demo lab if it runs
 */
StiLab *
sti_check_session_get_lab (StiCheckSession *self)
{
  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), NULL);

  return self->lab;
}

/**
 * sti_check_session_ensure_lab:
 * @self: a #StiCheckSession
 * @error: return location for a #GError
 *
 * Starts the demo lab unless it already runs (see
 * #StiCheckSession:lab-thread for where). It runs for as long as the
 * session lives; from now on every check trusts its CA and resolves its
 * domains. Starting it generates its certificates, which takes a moment;
 * it happens once.
 *
 * Returns: (nullable) (transfer none): the running lab, or %NULL with
 *   @error set
 */
StiLab *
sti_check_session_ensure_lab (StiCheckSession  *self,
                              GError          **error)
{
  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->lab != NULL)
    return self->lab;

  if (self->lab_thread_wanted)
    {
      self->lab_thread = sti_lab_thread_start (error);
      if (self->lab_thread == NULL)
        return NULL;

      self->lab = sti_lab_thread_get_lab (self->lab_thread);
      return self->lab;
    }

  self->own_lab = sti_lab_new ();
  if (!sti_lab_start (self->own_lab, error))
    {
      g_clear_object (&self->own_lab);
      return NULL;
    }

  self->lab = self->own_lab;
  return self->lab;
}

/**
 * sti_check_session_get_trust_store:
 * @self: a #StiCheckSession
 *
 * Returns: (nullable) (transfer none): the trust store the last check
 *   created got, which the next one reuses unless the extra CA files or
 *   the lab changed
 */
StiTrustStore *
sti_check_session_get_trust_store (StiCheckSession *self)
{
  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), NULL);

  return self->trust;
}

/**
 * sti_check_session_get_resolver:
 * @self: a #StiCheckSession
 *
 * Returns: (nullable) (transfer none): the resolver the last check created
 *   got, which the next one reuses unless the DNS server or the lab changed
 */
StiResolver *
sti_check_session_get_resolver (StiCheckSession *self)
{
  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), NULL);

  return self->resolver;
}

/**
 * sti_check_session_create_check:
 * @self: a #StiCheckSession
 * @target_text: what to check, as sti_check_target_parse() accepts it
 * @options: (nullable): what the user chose; %NULL for the defaults
 * @error: return location for a #GError in %STI_CHECK_SESSION_ERROR
 *
 * Prepares a check of @target_text: the session's resolver (asking
 * @options' DNS server), its trust store (the system store, @options' CA
 * files) and, when the demo lab runs, the lab's DNS data and CA. A demo lab
 * domain needs the lab (see #StiCheckSession:lab-on-demand) and is checked
 * on the lab's port.
 *
 * Returns: (transfer full) (nullable): a check ready to run, or %NULL with
 *   @error set
 */
StiDomainCheck *
sti_check_session_create_check (StiCheckSession               *self,
                                const char                    *target_text,
                                const StiCheckSessionOptions  *options,
                                GError                       **error)
{
  g_autoptr(StiCheckSessionOptions) defaults = NULL;
  g_autoptr(StiCheckTarget) target = NULL;
  g_autoptr(StiCheckOptions) check = NULL;
  g_autoptr(StiTrustStore) trust = NULL;
  g_autoptr(StiResolver) resolver = NULL;
  GError *local_error = NULL;
  gboolean lab_domain;

  g_return_val_if_fail (STI_IS_CHECK_SESSION (self), NULL);
  g_return_val_if_fail (target_text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = defaults = sti_check_session_options_new ();

  target = sti_check_target_parse (target_text, &local_error);
  if (target == NULL)
    {
      propagate_as (error, STI_CHECK_SESSION_ERROR_TARGET, local_error);
      return NULL;
    }

  lab_domain = sti_lab_is_lab_domain (target->domain);
  if (lab_domain && self->lab == NULL)
    {
      if (!self->lab_on_demand)
        {
          g_set_error (error, STI_CHECK_SESSION_ERROR, STI_CHECK_SESSION_ERROR_LAB_NOT_RUNNING,
                       /* Translators: %s is the domain the user typed */
                       _("%s is a demo lab domain; start the demo lab to check it."),
                       target->domain);
          return NULL;
        }

      if (sti_check_session_ensure_lab (self, &local_error) == NULL)
        {
          propagate_as (error, STI_CHECK_SESSION_ERROR_LAB, local_error);
          return NULL;
        }
    }

  trust = sti_check_session_dup_trust_store (self, (const char * const *)options->ca_files,
                                             error);
  if (trust == NULL)
    return NULL;

  resolver = sti_check_session_dup_resolver (self, options->dns_server, error);
  if (resolver == NULL)
    return NULL;

  check = effective_check_options (options);
  if (check->probe_pool == NULL)
    {
      if (self->probe_pool == NULL)
        self->probe_pool = sti_probe_pool_new (0, 0);
      check->probe_pool = g_object_ref (self->probe_pool);
    }

  /* A DNS answer may take as long as one mail server; the resolver is
   * shared, so every check sets it. */
  sti_resolver_set_timeout (resolver, MIN (STI_RESOLVER_DEFAULT_TIMEOUT_MS,
                                           check->total_timeout_ms));

  /* Lab servers listen on one unprivileged port on their own loopback
   * addresses; everything else keeps the SMTP port. */
  if (lab_domain)
    {
      check->port = sti_lab_get_port (self->lab);
      check->https_port = sti_lab_get_port (self->lab);
    }

  return sti_domain_check_new (target, check, resolver, trust);
}
