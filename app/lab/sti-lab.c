/* sti-lab.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-private.h"

#include <glib/gi18n.h>
#include <string.h>

/* The demo lab: one mail domain per scenario under lab.test, each MX host
 * on its own loopback address (127.77.<scenario>.<mx>, ::1 for IPv6), all
 * on one port, with certificates made at start-up under a lab CA that only
 * demo mode trusts. DESIGN.md decision 6: newcomers explore it, tests use
 * it as their fixture.
 *
 * Besides the mail servers, two small web servers on the same port: the
 * AIA host (127.77.<scenario>.100) serves the intermediate the
 * missing-intermediate server forgets, and the OCSP host (….101) runs the
 * lab OCSP responder (sti-lab-ocsp.c) for the intermediate's certificates,
 * which knows the revoked scenario's leaf as revoked. Scenarios about TLS
 * parameters set their servers' GnuTLS priority string.
 *
 * The lab's names are answered by its own name server (sti-lab-dns-zone.c,
 * UDP on 127.77.0.53), which signs lab.test with DNSSEC. The resolver gets
 * it as a stub zone with the zone's key as trust anchor, so lab answers go
 * through the same validation as real ones: secure, insecure (a delegated
 * zone without DNSSEC) or bogus (a delegated zone whose signatures fail). */

G_DEFINE_FINAL_TYPE (StiLab, sti_lab, G_TYPE_OBJECT)

static void
lab_endpoint_close_listener (LabEndpoint *ep)
{
  if (ep->accept_source != NULL)
    g_source_destroy (ep->accept_source);
  g_clear_pointer (&ep->accept_source, g_source_unref);
  if (ep->retry_source != NULL)
    g_source_destroy (ep->retry_source);
  g_clear_pointer (&ep->retry_source, g_source_unref);
  if (ep->socket != NULL)
    g_socket_close (ep->socket, NULL);
  g_clear_object (&ep->socket);
  ep->bound = FALSE;
}

static void
lab_endpoint_free (LabEndpoint *ep)
{
  lab_endpoint_close_listener (ep);
  if (ep->server != NULL)
    {
      sti_lab_server_close_all (ep->server);
      sti_lab_server_set_ocsp (ep->server, NULL);
    }
  g_clear_object (&ep->server);
  g_free (ep->host_name);
  g_free (ep->address);
  g_free (ep);
}

static LabEndpoint *
lab_add_endpoint (StiLab           *self,
                  guint             scenario,
                  char             *host_name,
                  char             *address,
                  LabCertKind       cert,
                  StiLabServerKind  kind)
{
  LabEndpoint *ep = g_new0 (LabEndpoint, 1);

  ep->scenario = scenario;
  ep->host_name = host_name;
  ep->address = address;
  ep->cert = cert;
  ep->server = sti_lab_server_new (kind, host_name);
  sti_lab_server_set_timeouts (ep->server, self->idle_ms, self->total_ms);
  if (scenario < lab_n_scenarios ())
    {
      sti_lab_server_set_tls_priority (ep->server, lab_spec (scenario)->tls_priority);
      sti_lab_server_set_max_connections (ep->server, lab_spec (scenario)->max_connections);
    }
  g_ptr_array_add (self->endpoints, ep);

  return ep;
}

static void
lab_plan (StiLab *self)
{
  self->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify)lab_endpoint_free);

  for (guint i = 0; i < lab_n_scenarios (); i++)
    {
      const LabScenarioSpec *spec = lab_spec (i);

      switch (spec->mx)
        {
        case MX_LIST:
          for (guint m = 1; m <= spec->n_mx; m++)
            {
              if (m == spec->down_mx)
                continue;
              lab_add_endpoint (self, i, lab_mx_host_name (i, m),
                                spec->ipv6 ? g_strdup ("::1") : lab_address (i, m),
                                spec->cert, spec->server);
            }
          break;

        case MX_IMPLICIT:
          lab_add_endpoint (self, i, g_strdup (lab_domain (i)), lab_address (i, 1),
                            spec->cert, spec->server);
          break;

        case MX_NULL:
        default:
          break;
        }

      if (spec->aia)
        lab_add_endpoint (self, i, g_strdup_printf ("aia.%s", lab_domain (i)),
                          lab_address (i, AIA_HOST_OCTET), CERT_VALID, STI_LAB_SERVER_HTTP);
      if (spec->ocsp)
        lab_add_endpoint (self, i, g_strdup_printf ("ocsp.%s", lab_domain (i)),
                          lab_address (i, OCSP_HOST_OCTET), CERT_VALID, STI_LAB_SERVER_OCSP);
      if (spec->sts != STS_NONE)
        lab_add_endpoint (self, i, g_strdup_printf ("mta-sts.%s", lab_domain (i)),
                          lab_address (i, STS_HOST_OCTET),
                          spec->sts == STS_BAD_CERT ? CERT_NAME_MISMATCH : CERT_VALID,
                          STI_LAB_SERVER_HTTP);
    }
}

static gboolean
is_ipv6_literal (const char *address)
{
  return strchr (address, ':') != NULL;
}

static void lab_endpoint_watch (LabEndpoint *ep);

static gboolean
accept_retry_cb (gpointer user_data)
{
  LabEndpoint *ep = user_data;

  g_clear_pointer (&ep->retry_source, g_source_unref);
  lab_endpoint_watch (ep);

  return G_SOURCE_REMOVE;
}

static gboolean
accept_ready_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  LabEndpoint *ep = user_data;

  /* Take what is queued, a bounded batch per wake-up so that one busy
   * address cannot starve the others. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;

      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;

          /* Out of descriptors and the like: pause rather than spin on
           * the same error. */
          g_debug ("Demo lab: accept on %s failed: %s", ep->address, error->message);
          g_clear_pointer (&ep->accept_source, g_source_unref);
          ep->retry_source = g_timeout_source_new (100);
          g_source_set_callback (ep->retry_source, accept_retry_cb, ep, NULL);
          g_source_set_static_name (ep->retry_source, "[sti] lab accept retry");
          g_source_attach (ep->retry_source, ep->context);
          return G_SOURCE_REMOVE;
        }

      connection = g_socket_connection_factory_create_connection (client);
      sti_lab_server_accept (ep->server, connection);
    }

  return G_SOURCE_CONTINUE;
}

static void
lab_endpoint_watch (LabEndpoint *ep)
{
  ep->accept_source = g_socket_create_source (ep->socket, G_IO_IN, NULL);
  g_source_set_callback (ep->accept_source, G_SOURCE_FUNC (accept_ready_cb), ep, NULL);
  g_source_set_static_name (ep->accept_source, "[sti] lab accept");
  g_source_attach (ep->accept_source, ep->context);
}

/* One listening socket per endpoint, each with its own watch: a
 * GSocketListener re-creates a source for every one of its sockets on
 * each accept, which is quadratic with the benchmark's thousand servers. */
static gboolean
lab_bind_endpoint (StiLab       *self,
                   LabEndpoint  *ep,
                   guint16       port,
                   GError      **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ep->address);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, port);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GSocket) socket = NULL;

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;

  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, 128);

  if (!g_socket_bind (socket, address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      (effective = g_socket_get_local_address (socket, error)) == NULL)
    return FALSE;

  ep->socket = g_steal_pointer (&socket);
  ep->context = self->context;
  ep->bound = TRUE;
  ep->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  lab_endpoint_watch (ep);

  return TRUE;
}

/* Binds every endpoint on one port: the first on port 0, the others on the
 * port it got. Any other program may hold that port on one of our addresses,
 * so start over on a fresh port when that happens. */
static gboolean
lab_bind (StiLab  *self,
          GError **error)
{
  for (guint attempt = 0; attempt < BIND_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      guint16 port = 0;
      gboolean retry = FALSE;

      for (guint i = 0; i < self->endpoints->len && !retry; i++)
        {
          LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);

          if (lab_bind_endpoint (self, ep, port, &local_error))
            {
              port = ep->port;
              continue;
            }

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            {
              retry = TRUE;
            }
          else if (is_ipv6_literal (ep->address))
            {
              /* No IPv6 on this machine: the ipv6-only scenario then shows
               * an unreachable host, everything else still works. */
              g_debug ("Demo lab: cannot listen on %s: %s", ep->address, local_error->message);
              g_clear_error (&local_error);
            }
          else
            {
              g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                          /* Translators: %s is an address and port; the reason
                                           * follows after the colon */
                                          _("Cannot start the demo lab on %s: "), ep->address);
              for (guint j = 0; j < self->endpoints->len; j++)
                lab_endpoint_close_listener (g_ptr_array_index (self->endpoints, j));
              return FALSE;
            }
        }

      if (!retry)
        {
          self->port = port;
          return TRUE;
        }

      g_debug ("Demo lab: port %u is taken on some address, trying another", port);
      for (guint i = 0; i < self->endpoints->len; i++)
        lab_endpoint_close_listener (g_ptr_array_index (self->endpoints, i));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               _("Cannot start the demo lab: no free port found on its loopback addresses"));
  return FALSE;
}

/* The MTA-STS policy host: HTTPS, serving the policy (RFC 8461 §3.2) or a
 * redirect, as the scenario wants. */
static void
lab_setup_policy_host (LabEndpoint *ep)
{
  const LabScenarioSpec *spec = lab_spec (ep->scenario);
  const char *domain = lab_domain (ep->scenario);
  g_autoptr(GString) policy = g_string_new ("version: STSv1\r\nmode: enforce\r\n");

  if (spec->sts == STS_MX_MISSING)
    g_string_append (policy, "mx: mail.elsewhere.example\r\n");
  else
    for (guint mx = 1; mx <= spec->n_mx; mx++)
      {
        g_autofree char *name = lab_mx_host_name (ep->scenario, mx);

        g_string_append_printf (policy, "mx: %s\r\n", name);
      }
  g_string_append (policy, "max_age: 604800\r\n");

  sti_lab_server_set_https (ep->server, TRUE);
  if (spec->sts == STS_REDIRECT)
    {
      g_autofree char *location = g_strdup_printf ("https://www.%s/mta-sts.txt", domain);

      sti_lab_server_set_http_redirect (ep->server, location);
    }
  else
    {
      g_autoptr(GBytes) body = g_string_free_to_bytes (g_steal_pointer (&policy));

      sti_lab_server_set_http_body (ep->server, "text/plain", body);
    }
}

static gboolean
lab_generate (StiLab  *self,
              GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!lab_make_cas (self, now, error))
    return FALSE;

  for (guint i = 0; i < self->endpoints->len; i++)
    {
      LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_OCSP)
        {
          sti_lab_server_set_ocsp (ep->server, self->ocsp);
          continue;
        }

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_HTTP &&
          lab_spec (ep->scenario)->sts != STS_NONE &&
          g_str_has_prefix (ep->host_name, "mta-sts."))
        {
          if (!lab_make_endpoint_chain (self, ep, now, chain, error) ||
              !lab_set_credentials (self, ep, chain, error))
            return FALSE;
          lab_setup_policy_host (ep);
          continue;
        }

      if (sti_lab_server_get_kind (ep->server) == STI_LAB_SERVER_HTTP)
        {
          g_autoptr(GBytes) der = sti_lab_cert_dup_der (self->intermediate);

          sti_lab_server_set_http_body (ep->server, "application/pkix-cert", der);
          continue;
        }

      if (!lab_make_endpoint_chain (self, ep, now, chain, error) ||
          !lab_set_credentials (self, ep, chain, error))
        return FALSE;
    }

  return TRUE;
}

static void
sti_lab_dispose (GObject *object)
{
  StiLab *self = (StiLab *)object;

  sti_lab_stop (self);

  G_OBJECT_CLASS (sti_lab_parent_class)->dispose (object);
}

static void
sti_lab_class_init (StiLabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sti_lab_dispose;
}

static void
sti_lab_init (StiLab *self)
{
  self->idle_ms = 30000;
  self->total_ms = 120000;
}

StiLab *
sti_lab_new (void)
{
  return g_object_new (STI_TYPE_LAB, NULL);
}

/**
 * sti_lab_start:
 * @self: a #StiLab
 * @error: return location for a #GError
 *
 * Generates the lab certificates and starts every scenario server on the
 * thread-default main context. Synchronous, but takes a few tens of
 * milliseconds (see sti_lab_get_start_time_us()). Starting a running lab
 * does nothing.
 *
 * Returns: %TRUE when every server listens
 */
gboolean
sti_lab_start (StiLab  *self,
               GError **error)
{
  gint64 begin = g_get_monotonic_time ();

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->running)
    return TRUE;

  self->context = g_main_context_ref_thread_default ();
  self->certs = g_ptr_array_new_with_free_func ((GDestroyNotify)sti_lab_cert_free);
  self->chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
  lab_plan (self);

  /* Bind first: the AIA URL in the missing-intermediate leaf names the port. */
  if (!lab_bind (self, error) || !lab_generate (self, error) || !lab_start_dns (self, error))
    {
      sti_lab_stop (self);
      return FALSE;
    }

  self->running = TRUE;
  self->start_time_us = g_get_monotonic_time () - begin;
  g_debug ("Demo lab started on port %u in %" G_GINT64_FORMAT " µs",
           self->port, self->start_time_us);

  return TRUE;
}

/**
 * sti_lab_stop:
 * @self: a #StiLab
 *
 * Closes every listener and connection and forgets the certificates.
 * Cancelled operations finish on a later main loop iteration without
 * touching @self. The lab can be started again.
 */
void
sti_lab_stop (StiLab *self)
{
  g_return_if_fail (STI_IS_LAB (self));

  self->running = FALSE;
  g_clear_pointer (&self->endpoints, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_hash_table_unref);
  g_clear_pointer (&self->ca_pem, g_free);
  self->root = self->intermediate = self->intermediate2 = NULL;
  self->untrusted_root = self->bench_leaf = NULL;
  g_clear_pointer (&self->ocsp, sti_lab_ocsp_free);
  g_clear_pointer (&self->dns, sti_lab_dns_server_free);
  g_clear_pointer (&self->certs, g_ptr_array_unref);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->port = 0;
  self->n_bench = 0;
}

gboolean
sti_lab_is_running (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), FALSE);

  return self->running;
}

/**
 * sti_lab_get_port:
 * @self: a #StiLab
 *
 * Returns: the TCP port every lab server listens on, 0 when stopped
 */
guint16
sti_lab_get_port (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), 0);

  return self->port;
}

/**
 * sti_lab_get_dns_server:
 * @self: a #StiLab
 *
 * Returns: (transfer none) (nullable): the lab's name server while the
 *   lab runs; its zones do not change while it runs
 */
StiLabDnsServer *
sti_lab_get_dns_server (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return self->dns;
}

/**
 * sti_lab_get_ca_pem:
 * @self: a #StiLab
 *
 * Returns: (nullable): the lab root CA in PEM, valid while the lab runs
 */
const char *
sti_lab_get_ca_pem (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return self->ca_pem;
}

/**
 * sti_lab_dup_chain:
 * @self: a running #StiLab
 * @host_name: an MX host name of the lab (or the bench host name)
 *
 * Returns: (transfer full) (nullable) (element-type GBytes): the DER
 *   certificates @host_name sends, in the order it sends them
 */
GPtrArray *
sti_lab_dup_chain (StiLab     *self,
                   const char *host_name)
{
  g_autofree char *name = lab_normalize_domain (host_name);
  GPtrArray *chain;

  g_return_val_if_fail (STI_IS_LAB (self), NULL);
  g_return_val_if_fail (host_name != NULL, NULL);

  if (self->chains == NULL || (chain = g_hash_table_lookup (self->chains, name)) == NULL)
    return NULL;

  return g_ptr_array_ref (chain);
}

/**
 * sti_lab_dup_addresses:
 * @self: a running #StiLab
 * @host_name: a host name of the lab
 *
 * Returns: (transfer full) (element-type GInetSocketAddress): where
 *   @host_name listens (empty for an unknown or deliberately down host)
 */
GPtrArray *
sti_lab_dup_addresses (StiLab     *self,
                       const char *host_name)
{
  g_autofree char *name = lab_normalize_domain (host_name);
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (STI_IS_LAB (self), addresses);
  g_return_val_if_fail (host_name != NULL, addresses);

  for (guint i = 0; self->endpoints != NULL && i < self->endpoints->len; i++)
    {
      LabEndpoint *ep = g_ptr_array_index (self->endpoints, i);

      if (ep->bound && g_str_equal (ep->host_name, name))
        g_ptr_array_add (addresses, g_inet_socket_address_new_from_string (ep->address, ep->port));
    }

  return addresses;
}

/**
 * sti_lab_set_timeouts:
 * @self: a #StiLab
 * @idle_ms: close a connection silent this long
 * @total_ms: close any connection this old
 *
 * Applies to servers started afterwards. Defaults: 30 s and 120 s.
 */
void
sti_lab_set_timeouts (StiLab *self,
                      guint   idle_ms,
                      guint   total_ms)
{
  g_return_if_fail (STI_IS_LAB (self));
  g_return_if_fail (idle_ms > 0 && total_ms > 0);

  self->idle_ms = idle_ms;
  self->total_ms = total_ms;
}

/**
 * sti_lab_get_start_time_us:
 * @self: a #StiLab
 *
 * Returns: how long the last sti_lab_start() took, in microseconds
 */
gint64
sti_lab_get_start_time_us (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), 0);

  return self->start_time_us;
}

/**
 * sti_lab_start_bench_servers:
 * @self: a running #StiLab
 * @n: how many servers to add
 * @delay_ms: each server waits this long before every reply
 * @addresses_out: (out) (optional) (transfer container) (element-type GInetSocketAddress):
 *   where the new servers listen
 * @error: return location for a #GError
 *
 * Adds @n well-behaved SMTP+STARTTLS servers for the benchmark program, each
 * on its own loopback address (127.78.x.y), on the lab port where it is free
 * and on a port of its own otherwise. Their certificate is valid for
 * sti_lab_get_bench_host_name() under the lab CA. Each server is one
 * listening descriptor: mind RLIMIT_NOFILE for thousands of them.
 *
 * Returns: %TRUE when all @n listen
 */
gboolean
sti_lab_start_bench_servers (StiLab     *self,
                             guint       n,
                             guint       delay_ms,
                             GPtrArray **addresses_out,
                             GError    **error)
{
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(StiTlsCredentials) creds = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (STI_IS_LAB (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->running)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The demo lab is not running"));
      return FALSE;
    }

  if (self->n_bench + n > 250 * 256)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Too many benchmark servers"));
      return FALSE;
    }

  if (self->bench_leaf == NULL)
    {
      const char *names[] = { BENCH_HOST_NAME, NULL };
      StiLabCertSpec spec = {
        .common_name = BENCH_HOST_NAME,
        .organization = LAB_ORG,
        .dns_names = names,
        .not_before = now - DAY,
        .not_after = now + 365 * DAY,
      };

      if ((self->bench_leaf = lab_make_cert (self, &spec, self->intermediate, error)) == NULL)
        return FALSE;
    }

  /* One set of credentials serves every bench server. */
  {
    const StiLabCert *chain[] = { self->bench_leaf, self->intermediate };

    creds = sti_lab_credentials_new (chain, G_N_ELEMENTS (chain), error);
    if (creds == NULL)
      return FALSE;
  }

  addresses = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      guint index = self->n_bench;
      g_autoptr(GError) local_error = NULL;
      LabEndpoint *ep;

      ep = lab_add_endpoint (self, G_MAXUINT, g_strdup (BENCH_HOST_NAME),
                             g_strdup_printf ("127.78.%u.%u", index / 250, index % 250 + 1),
                             CERT_VALID, STI_LAB_SERVER_SMTP);
      sti_lab_server_set_delay (ep->server, delay_ms);
      self->n_bench++;

      if (!lab_bind_endpoint (self, ep, self->port, &local_error))
        {
          if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          g_clear_error (&local_error);
          if (!lab_bind_endpoint (self, ep, 0, error))
            return FALSE;
        }

      sti_lab_server_set_credentials (ep->server, creds);

      g_ptr_array_add (addresses, g_inet_socket_address_new_from_string (ep->address, ep->port));
    }

  if (!g_hash_table_contains (self->chains, BENCH_HOST_NAME))
    {
      g_autoptr(GPtrArray) chain = g_ptr_array_new ();

      g_ptr_array_add (chain, self->bench_leaf);
      g_ptr_array_add (chain, self->intermediate);
      g_hash_table_replace (self->chains, g_strdup (BENCH_HOST_NAME), lab_chain_to_der (chain));
    }

  if (addresses_out != NULL)
    *addresses_out = g_steal_pointer (&addresses);

  return TRUE;
}

/**
 * sti_lab_get_bench_host_name:
 * @self: a #StiLab
 *
 * Returns: the MX host name the benchmark servers' certificates are valid for
 */
const char *
sti_lab_get_bench_host_name (StiLab *self)
{
  g_return_val_if_fail (STI_IS_LAB (self), NULL);

  return BENCH_HOST_NAME;
}

