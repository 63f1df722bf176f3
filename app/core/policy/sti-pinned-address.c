/* sti-pinned-address.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-pinned-address.h"

/* Connecting to addresses our own resolver found (the user's DNS server,
 * the demo lab's name server) while TLS still sees the host name (the
 * MTA-STS policy host):
 * a GNetworkAddress keeps hostname and port for SNI and the certificate
 * check (glib-networking reads them from the server identity, which
 * libsoup takes from the session's remote-connectable), but enumerates
 * only the given addresses instead of asking GResolver. */

#define STI_TYPE_PINNED_ENUMERATOR (sti_pinned_enumerator_get_type ())
G_DECLARE_FINAL_TYPE (StiPinnedEnumerator, sti_pinned_enumerator,
                      STI, PINNED_ENUMERATOR, GSocketAddressEnumerator)

struct _StiPinnedEnumerator
{
  GSocketAddressEnumerator parent_instance;

  GPtrArray *addresses;  /* GInetSocketAddress */
  guint      next;
};

G_DEFINE_FINAL_TYPE (StiPinnedEnumerator, sti_pinned_enumerator, G_TYPE_SOCKET_ADDRESS_ENUMERATOR)

static GSocketAddress *
sti_pinned_enumerator_next (GSocketAddressEnumerator  *enumerator,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  StiPinnedEnumerator *self = STI_PINNED_ENUMERATOR (enumerator);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (self->next >= self->addresses->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->addresses, self->next++));
}

static void
sti_pinned_enumerator_next_async (GSocketAddressEnumerator *enumerator,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (enumerator, cancellable, callback, user_data);
  GError *error = NULL;
  GSocketAddress *address;

  g_task_set_source_tag (task, sti_pinned_enumerator_next_async);
  address = sti_pinned_enumerator_next (enumerator, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, address, g_object_unref);
}

static GSocketAddress *
sti_pinned_enumerator_next_finish (GSocketAddressEnumerator  *enumerator,
                                   GAsyncResult              *result,
                                   GError                   **error)
{
  g_return_val_if_fail (g_task_is_valid (result, enumerator), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sti_pinned_enumerator_finalize (GObject *object)
{
  StiPinnedEnumerator *self = STI_PINNED_ENUMERATOR (object);

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_pinned_enumerator_parent_class)->finalize (object);
}

static void
sti_pinned_enumerator_class_init (StiPinnedEnumeratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GSocketAddressEnumeratorClass *enumerator_class = G_SOCKET_ADDRESS_ENUMERATOR_CLASS (klass);

  object_class->finalize = sti_pinned_enumerator_finalize;
  enumerator_class->next = sti_pinned_enumerator_next;
  enumerator_class->next_async = sti_pinned_enumerator_next_async;
  enumerator_class->next_finish = sti_pinned_enumerator_next_finish;
}

static void
sti_pinned_enumerator_init (StiPinnedEnumerator *self)
{
}

struct _StiPinnedAddress
{
  GNetworkAddress parent_instance;

  GPtrArray *addresses;  /* GInetSocketAddress */
};

static void sti_pinned_address_connectable_init (GSocketConnectableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StiPinnedAddress, sti_pinned_address, G_TYPE_NETWORK_ADDRESS,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SOCKET_CONNECTABLE,
                                                      sti_pinned_address_connectable_init))

static GSocketAddressEnumerator *
sti_pinned_address_enumerate (GSocketConnectable *connectable)
{
  StiPinnedAddress *self = STI_PINNED_ADDRESS (connectable);
  StiPinnedEnumerator *enumerator = g_object_new (STI_TYPE_PINNED_ENUMERATOR, NULL);

  enumerator->addresses = g_ptr_array_ref (self->addresses);

  return G_SOCKET_ADDRESS_ENUMERATOR (enumerator);
}

static char *
sti_pinned_address_to_string (GSocketConnectable *connectable)
{
  GNetworkAddress *address = G_NETWORK_ADDRESS (connectable);

  return g_strdup_printf ("%s:%u", g_network_address_get_hostname (address),
                          g_network_address_get_port (address));
}

static void
sti_pinned_address_connectable_init (GSocketConnectableIface *iface)
{
  iface->enumerate = sti_pinned_address_enumerate;
  /* never through a proxy: the addresses are the point */
  iface->proxy_enumerate = sti_pinned_address_enumerate;
  iface->to_string = sti_pinned_address_to_string;
}

static void
sti_pinned_address_finalize (GObject *object)
{
  StiPinnedAddress *self = STI_PINNED_ADDRESS (object);

  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_pinned_address_parent_class)->finalize (object);
}

static void
sti_pinned_address_class_init (StiPinnedAddressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sti_pinned_address_finalize;
}

static void
sti_pinned_address_init (StiPinnedAddress *self)
{
}

/**
 * sti_pinned_address_new:
 * @hostname: the name TLS sees (SNI, the certificate check)
 * @port: the port to connect to
 * @addresses: (element-type GInetAddress): where to connect, in order
 *
 * Returns: (transfer full): a connectable that enumerates only
 *   @addresses, never through a proxy
 */
GSocketConnectable *
sti_pinned_address_new (const char *hostname,
                        guint16     port,
                        GPtrArray  *addresses)
{
  StiPinnedAddress *self = g_object_new (STI_TYPE_PINNED_ADDRESS,
                                         "hostname", hostname,
                                         "port", (guint)port,
                                         "scheme", "https",
                                         NULL);

  self->addresses = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < addresses->len; i++)
    g_ptr_array_add (self->addresses,
                     g_inet_socket_address_new (g_ptr_array_index (addresses, i), port));

  return G_SOCKET_CONNECTABLE (self);
}
