/* sti-resolver-setup.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-resolver-private.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <string.h>

/* Setting up libunbound: the server the user named or the system's, one
 * context per kind (validating or plain), and the GSource that runs
 * ub_process() on the main loop when a context has results. */

typedef struct
{
  StiResolver   *self;
  struct ub_ctx *ctx;
} FdWatch;

static gboolean
ub_readable_cb (int           fd,
                GIOCondition  condition,
                gpointer      user_data)
{
  FdWatch *watch = user_data;
  /* Callbacks run inside ub_process() may drop the last other reference;
   * the context must not be deleted under it. */
  g_autoptr(StiResolver) hold = g_object_ref (watch->self);
  int ret;

  ret = ub_process (watch->ctx);
  if (ret != 0)
    g_debug ("ub_process: %s", ub_strerror (ret));

  return G_SOURCE_CONTINUE;
}

GSource *
resolver_watch_ctx (StiResolver   *self,
                    struct ub_ctx *ctx)
{
  GSource *source;
  FdWatch *watch;

  watch = g_new0 (FdWatch, 1);
  watch->self = self;
  watch->ctx = ctx;

  source = g_unix_fd_source_new (ub_fd (ctx), G_IO_IN);
  g_source_set_name (source, "[sti] libunbound");
  g_source_set_callback (source, G_SOURCE_FUNC (ub_readable_cb), watch, g_free);
  g_source_attach (source, self->main_context);

  return source;
}

/**
 * sti_resolver_check_server:
 * @dns_server: a DNS server as a user gives it: `ADDR[@PORT]`
 * @error: where to say, in words for people, why it is not one
 *
 * Whether sti_resolver_new() takes @dns_server, checked where it is
 * entered (Preferences) rather than when a check starts.
 *
 * Returns: %TRUE for an IPv4 or IPv6 address with an optional port
 */
gboolean
sti_resolver_check_server (const char  *dns_server,
                           GError     **error)
{
  g_autofree char *unbound_form = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (dns_server != NULL, FALSE);

  return resolver_parse_server (dns_server, &unbound_form, &label, error);
}

/**
 * sti_resolver_set_user_chosen:
 * @self: a resolver made with a DNS server
 * @user_chosen: whether a user chose that server (Preferences, --dns-server)
 *
 * A server the user chose is the first suspect when lookups through it
 * fail: the check then blames it rather than the zone (dns-resolver-failed).
 */
void
sti_resolver_set_user_chosen (StiResolver *self,
                              gboolean     user_chosen)
{
  g_return_if_fail (STI_IS_RESOLVER (self));

  self->user_chosen = user_chosen && self->dns_server != NULL;
}

/**
 * sti_resolver_get_user_server:
 * @self: a resolver
 *
 * Returns: (nullable): the DNS server as the user gave it, if the user
 *   chose it (sti_resolver_set_user_chosen()); %NULL otherwise
 */
const char *
sti_resolver_get_user_server (StiResolver *self)
{
  g_return_val_if_fail (STI_IS_RESOLVER (self), NULL);

  return self->user_chosen ? self->dns_server : NULL;
}

/* "ADDR" or "ADDR@PORT" -> the form ub_ctx_set_fwd() takes and a label. */
gboolean
resolver_parse_server (const char  *dns_server,
                       char       **unbound_form,
                       char       **label,
                       GError     **error)
{
  g_autofree char *addr_str = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *at;
  guint64 port = 53;

  at = strrchr (dns_server, '@');
  if (at != NULL)
    {
      const char *end = NULL;

      addr_str = g_strndup (dns_server, at - dns_server);
      if (!g_ascii_isdigit (at[1]) ||
          !g_ascii_string_to_unsigned (at + 1, 10, 1, 65535, &port, NULL))
        end = at;
      if (end != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is the DNS server the user gave */
                       _("“%s” is not a valid DNS server: "
                         "the port must be a number from 1 to 65535."),
                       dns_server);
          return FALSE;
        }
    }
  else
    addr_str = g_strdup (dns_server);

  address = g_inet_address_new_from_string (addr_str);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is the DNS server the user gave; keep "@port" as a syntax
                    * hint */
                   _("“%s” is not a valid DNS server: "
                     "give an IPv4 or IPv6 address, optionally followed by @port."),
                   dns_server);
      return FALSE;
    }

  *unbound_form = g_strdup_printf ("%s@%u", addr_str, (guint)port);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    /* Translators: %s is an IPv6 address, %u a port */
    *label = g_strdup_printf (_("forwarder [%s]:%u"), addr_str, (guint)port);
  else
    /* Translators: %s is an IPv4 address, %u a port */
    *label = g_strdup_printf (_("forwarder %s:%u"), addr_str, (guint)port);

  return TRUE;
}

/* Only for the description: libunbound reads the file itself. */
char *
resolver_system_label (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) servers = g_string_new (NULL);

  if (g_file_get_contents ("/etc/resolv.conf", &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", 64);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " \t", 3);

          if (g_strv_length (words) >= 2 && g_str_equal (words[0], "nameserver") &&
              g_hostname_is_ip_address (words[1]))
            {
              if (servers->len > 0)
                g_string_append (servers, ", ");
              g_string_append (servers, words[1]);
            }
        }
    }

  if (servers->len == 0)
    return g_strdup (_("system resolver"));

  /* Translators: %s is a list of resolver addresses from /etc/resolv.conf */
  return g_strdup_printf (_("system resolver (%s)"), servers->str);
}

gboolean
resolver_check_ub (int          ret,
                   const char  *what,
                   GError     **error)
{
  if (ret == 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: the first %s is a setting, the second libunbound's error */
               _("The DNS resolver could not be set up (%s): %s"), what, ub_strerror (ret));
  return FALSE;
}

struct ub_ctx *
resolver_create_ctx (const char  *fwd,
                     gboolean     validate,
                     const char  *trust_anchor,
                     GError     **error)
{
  struct ub_ctx *ctx;

  ctx = ub_ctx_create ();
  if (ctx == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The DNS resolver (libunbound) could not be initialised."));
      return NULL;
    }

  /* A thread, not fork(): a forked child of a GTK process is a liability. */
  if (!resolver_check_ub (ub_ctx_async (ctx, 1), "async", error) ||
      /* Forwarders on loopback are normal (systemd-resolved, the tests). */
      !resolver_check_ub (ub_ctx_set_option (ctx, "do-not-query-localhost:", "no"),
                 "do-not-query-localhost", error) ||
      /* A survey asks thousands of questions at once; beyond this many,
       * unbound drops the oldest unanswered ones silently (the default is
       * 1024), which would read as DNS timeouts. */
      !resolver_check_ub (ub_ctx_set_option (ctx, "num-queries-per-thread:", "16384"),
                          "num-queries-per-thread", error))
    goto fail;

  if (fwd != NULL)
    {
      if (!resolver_check_ub (ub_ctx_set_fwd (ctx, fwd), fwd, error) ||
          /* A named server is asked everything, even the RFC 6761 "test."
           * names unbound would otherwise answer NXDOMAIN itself. */
          !resolver_check_ub (ub_ctx_set_option (ctx, "local-zone:", "test. nodefault"),
                     "local-zone", error))
        goto fail;
    }
  else
    {
      if (!resolver_check_ub (ub_ctx_resolvconf (ctx, NULL), "/etc/resolv.conf", error))
        goto fail;
      if (ub_ctx_hosts (ctx, NULL) != 0)
        g_debug ("/etc/hosts not used");
    }

  if (trust_anchor != NULL)
    {
      if (!resolver_check_ub (ub_ctx_add_ta_file (ctx, trust_anchor), trust_anchor, error))
        goto fail;
    }
  else if (!validate)
    {
      if (!resolver_check_ub (ub_ctx_set_option (ctx, "module-config:", "iterator"),
                              "module-config", error))
        goto fail;
    }

  return ctx;

fail:
  ub_ctx_delete (ctx);
  return NULL;
}
