/* sti-lab-dns-server.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-lab-dns-server.h"

#include <glib/gi18n.h>

/* The lab's name server: UDP on one loopback address, answering from
 * sealed zones on the thread-default main context of sti_lab_dns_server_start().
 * Only libunbound queries it, and its answers stay well under the UDP
 * payload size it announces, so there is no TCP. */

#define MAX_DATAGRAM 4096
/* Datagrams handled per wake-up, so that a flood cannot starve the
 * context's other sources. */
#define MAX_PER_WAKEUP 64

struct _StiLabDnsServer
{
  StiLabDnsZones *zones;
  GSocket        *socket;
  GSource        *source;
  char           *address; /* "ADDR@PORT" */
  guint           n_queries;
};

static gboolean
socket_readable_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  StiLabDnsServer *self = user_data;

  for (guint i = 0; i < MAX_PER_WAKEUP; i++)
    {
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(GBytes) response = NULL;
      g_autoptr(GError) error = NULL;
      guint8 buf[MAX_DATAGRAM];
      gssize len;

      len = g_socket_receive_from (socket, &from, (char *)buf, sizeof buf, NULL, &error);
      if (len < 0)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_debug ("Lab DNS: %s", error->message);
          break;
        }

      self->n_queries++;
      response = sti_lab_dns_zones_answer (self->zones, buf, len);
      if (response != NULL &&
          g_socket_send_to (socket, from, g_bytes_get_data (response, NULL),
                            g_bytes_get_size (response), NULL, &error) < 0)
        g_debug ("Lab DNS: no answer sent: %s", error->message);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * sti_lab_dns_server_new:
 * @zones: (transfer full): sealed zones
 */
StiLabDnsServer *
sti_lab_dns_server_new (StiLabDnsZones *zones)
{
  StiLabDnsServer *self = g_new0 (StiLabDnsServer, 1);

  self->zones = zones;
  return self;
}

void
sti_lab_dns_server_free (StiLabDnsServer *self)
{
  if (self == NULL)
    return;

  if (self->source != NULL)
    g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_pointer (&self->zones, sti_lab_dns_zones_free);
  g_free (self->address);
  g_free (self);
}

/**
 * sti_lab_dns_server_start:
 * @address: an IP address to listen on, on a port the system picks
 *
 * Answers queries on the thread-default main context from now on.
 */
gboolean
sti_lab_dns_server_start (StiLabDnsServer  *self,
                          const char       *address,
                          GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->socket == NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is an address from the lab's configuration */
                   _("“%s” is not an IP address."), address);
      return FALSE;
    }
  bind_address = g_inet_socket_address_new (inet, 0);

  self->socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_DATAGRAM,
                               G_SOCKET_PROTOCOL_UDP, error);
  if (self->socket == NULL ||
      !g_socket_bind (self->socket, bind_address, FALSE, error) ||
      (local = g_socket_get_local_address (self->socket, error)) == NULL)
    {
      g_prefix_error (error, _("The demo lab’s DNS server could not start: "));
      g_clear_object (&self->socket);
      return FALSE;
    }
  g_socket_set_blocking (self->socket, FALSE);

  shown = g_inet_address_to_string (inet);
  self->address = g_strdup_printf ("%s@%u", shown,
                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));

  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_name (self->source, "[sti] lab DNS server");
  g_source_set_callback (self->source, G_SOURCE_FUNC (socket_readable_cb), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());

  return TRUE;
}

/**
 * sti_lab_dns_server_get_address:
 *
 * Returns: (nullable): "ADDR@PORT" once started, the form libunbound takes
 */
const char *
sti_lab_dns_server_get_address (StiLabDnsServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->address;
}

StiLabDnsZones *
sti_lab_dns_server_get_zones (StiLabDnsServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->zones;
}

guint
sti_lab_dns_server_get_n_queries (StiLabDnsServer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_queries;
}
