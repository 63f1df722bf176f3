/* bench-check.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole-check benchmark (not a test): N full checks of one demo lab
 * domain, made as the CLI makes them (StiCheckSession, then
 * StiDomainCheck), against posttls-finger on the same lab server when it
 * is installed. The lab serves from a thread of its own (the session's
 * lab-thread mode), so that its work never waits on the checker's main
 * loop; the session only checks lab domains with its own lab, hence not a
 * child process.
 *
 *   bench-check [-n N] [-D DOMAIN]
 *   bench-check [-n N] --server IP:PORT
 *
 * Prints min / median / p90 wall milliseconds of: a check (the session's
 * trust store and resolver already set up, as for every check after the
 * first), making a new trust store with the system anchors (loaded once
 * per process), and posttls-finger on the domain's first MX at two levels
 * ("secure", with the lab CA, and "may"). The default domain has two MX
 * hosts and an MTA-STS policy.
 *
 * With --server, no lab: one endpoint dialogue (StiEndpointProbe, what a
 * check runs per MX address) against any SMTP server, e.g. a local
 * Postfix, against posttls-finger -l may on the same server. */

#include "config.h"

#include "sti-check-session.h"
#include "sti-endpoint-probe.h"
#include "sti-lab.h"
#include "sti-trust-store.h"

#include <glib/gstdio.h>
#include <unistd.h>

#define DEFAULT_DOMAIN "mta-sts-two-mx.lab.test"

typedef struct
{
  GMainLoop       *loop;
  StiDomainReport *report;
  GError          *error;
} CheckRun;

typedef struct
{
  StiProbeResult *result;
  gboolean        done;
} ProbeRun;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Sorts @ms and prints "LABEL  min … median … p90 …". */
static void
print_figures (const char *label,
               GArray     *ms)
{
  double *v = (double *)ms->data;
  guint n = ms->len;

  if (n == 0)
    {
      g_print ("%-44s no figures\n", label);
      return;
    }

  g_array_sort (ms, compare_doubles);
  g_print ("%-44s min %6.1f  median %6.1f  p90 %6.1f ms  (n=%u)\n", label, v[0],
           n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2, v[(n * 9 + 9) / 10 - 1], n);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CheckRun *run = user_data;

  run->report = sti_domain_check_run_finish (STI_DOMAIN_CHECK (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* One check as the CLI runs it (sti_cli_cmd_check()); returns its wall
 * time in ms, or -1 having said why it failed. */
static double
time_check (StiCheckSession *session,
            const char      *domain)
{
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  g_autoptr(StiDomainCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  CheckRun run = { 0 };
  gint64 start = g_get_monotonic_time ();
  double ms;

  check = sti_check_session_create_check (session, domain, options, &error);
  if (check == NULL)
    {
      g_printerr ("check: %s\n", error->message);
      return -1;
    }

  run.loop = g_main_loop_new (NULL, FALSE);
  sti_domain_check_run_async (check, NULL, check_done_cb, &run);
  g_main_loop_run (run.loop);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_main_loop_unref (run.loop);

  if (run.report == NULL)
    {
      g_printerr ("check: %s\n", run.error->message);
      g_clear_error (&run.error);
      return -1;
    }

  g_object_unref (run.report);
  return ms;
}

/* Runs @argv @n times; returns the wall times in ms, empty when it failed
 * (its output is printed once then). */
static GArray *
time_command (const char * const *argv,
              guint               n)
{
  GArray *ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      gint64 start = g_get_monotonic_time ();
      int status = 0;
      double t;

      if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("%s: %s\n%s%s", argv[0], error->message, out != NULL ? out : "",
                      err != NULL ? err : "");
          g_array_set_size (ms, 0);
          return ms;
        }
      t = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ms, t);
    }

  return ms;
}

/* Postfix installs it in sbin, which a user's PATH may lack; says so when
 * it is missing. */
static char *
find_posttls_finger (void)
{
  char *finger = g_find_program_in_path ("posttls-finger");

  if (finger == NULL && g_file_test ("/usr/sbin/posttls-finger", G_FILE_TEST_IS_EXECUTABLE))
    finger = g_strdup ("/usr/sbin/posttls-finger");
  if (finger == NULL)
    g_print ("%-44s not installed\n", "posttls-finger:");

  return finger;
}

/* posttls-finger on the first MX of @domain, at level "secure" (trusting
 * the lab CA, matching the MX name) and "may". */
static void
bench_posttls_finger (StiLab     *lab,
                      const char *domain,
                      guint       n)
{
  g_autofree char *finger = find_posttls_finger ();
  g_autofree char *mx = g_strconcat ("mx1.", domain, NULL);
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ip = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *ca_path = NULL;
  g_autoptr(GArray) secure = NULL;
  g_autoptr(GArray) may = NULL;
  GInetSocketAddress *first;
  int fd;

  if (finger == NULL)
    return;

  addresses = sti_lab_dup_addresses (lab, mx);
  if (addresses->len == 0)
    {
      g_printerr ("%s does not listen\n", mx);
      return;
    }
  first = g_ptr_array_index (addresses, 0);
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (first));
  destination = g_strdup_printf ("[%s]:%u", ip, g_inet_socket_address_get_port (first));

  fd = g_file_open_tmp ("bench-check-ca-XXXXXX.pem", &ca_path, &error);
  if (fd >= 0)
    close (fd);
  if (fd < 0 || !g_file_set_contents (ca_path, sti_lab_get_ca_pem (lab), -1, &error))
    {
      g_printerr ("CA file: %s\n", error->message);
      return;
    }

  {
    const char *argv_secure[] = { finger, "-c", "-l", "secure", "-F", ca_path, destination, mx,
                                  NULL };
    const char *argv_may[] = { finger, "-c", "-l", "may", destination, NULL };

    g_print ("posttls-finger on %s (%s)\n", destination, mx);
    secure = time_command (argv_secure, n);
    may = time_command (argv_may, n);
  }
  print_figures ("posttls-finger -c -l secure, first MX:", secure);
  print_figures ("posttls-finger -c -l may, first MX:", may);
  g_unlink (ca_path);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProbeRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &error);
  run->done = TRUE;
  if (run->result == NULL)
    g_printerr ("probe: %s\n", error->message);
}

/* One endpoint dialogue, as a check runs it for each MX address; -1 when
 * it did not reach TLS. */
static double
time_probe (GInetSocketAddress *address)
{
  g_autoptr(StiEndpointProbe) probe = sti_endpoint_probe_new ("mx", address, NULL);
  ProbeRun run = { 0 };
  gint64 start = g_get_monotonic_time ();
  double ms;

  sti_endpoint_probe_run_async (probe, NULL, probe_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  if (run.result != NULL && !sti_probe_result_get_tls_established (run.result))
    g_printerr ("probe: no TLS: %s\n", sti_probe_result_get_error_detail (run.result));
  if (run.result == NULL || !sti_probe_result_get_tls_established (run.result))
    ms = -1;

  g_clear_object (&run.result);
  return ms;
}

static int
bench_server (const char *server,
              guint       n)
{
  g_autoptr(GSocketConnectable) connectable = g_network_address_parse (server, 25, NULL);
  g_autoptr(GInetAddress) ip = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GArray) probes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) may = NULL;
  g_autofree char *finger = NULL;
  g_autofree char *destination = NULL;
  guint16 port;

  if (connectable == NULL ||
      (ip = g_inet_address_new_from_string (g_network_address_get_hostname (
         G_NETWORK_ADDRESS (connectable)))) == NULL)
    {
      g_printerr ("--server wants IP:PORT\n");
      return 2;
    }
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
  address = g_inet_socket_address_new (ip, port);

  for (guint i = 0; i < n; i++)
    {
      double ms = time_probe (G_INET_SOCKET_ADDRESS (address));

      if (ms < 0)
        return 1;
      g_array_append_val (probes, ms);
    }
  g_print ("server: %s\n", server);
  print_figures ("endpoint dialogue (StiEndpointProbe):", probes);

  finger = find_posttls_finger ();
  if (finger == NULL)
    return 0;
  destination = g_strdup_printf ("[%s]:%u", g_network_address_get_hostname (
                                   G_NETWORK_ADDRESS (connectable)), port);
  {
    const char *argv_may[] = { finger, "-c", "-l", "may", destination, NULL };

    may = time_command (argv_may, n);
  }
  print_figures ("posttls-finger -c -l may:", may);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— whole checks of a demo lab domain, and posttls-finger");
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCheckSession) session = NULL;
  g_autoptr(GArray) checks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *domain = NULL;
  g_autofree char *server = NULL;
  StiLab *lab;
  double first;
  int n = 20;
  const GOptionEntry entries[] = {
    { "checks", 'n', 0, G_OPTION_ARG_INT, &n, "Number of timed checks (default 20)", "N" },
    { "domain", 'D', 0, G_OPTION_ARG_STRING, &domain,
      "Demo lab domain (default " DEFAULT_DOMAIN ")", "DOMAIN" },
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      "No lab: endpoint dialogues with this SMTP server instead", "IP:PORT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "invalid arguments");
      return 2;
    }
  if (server != NULL)
    return bench_server (server, n);
  if (domain == NULL)
    domain = g_strdup (DEFAULT_DOMAIN);

  session = sti_check_session_new (TRUE);
  lab = sti_check_session_ensure_lab (session, &error);
  if (lab == NULL)
    {
      g_printerr ("lab: %s\n", error->message);
      return 1;
    }

  /* The first check also loads the trust store and sets up the resolver. */
  first = time_check (session, domain);
  if (first < 0)
    return 1;
  for (int i = 0; i < n; i++)
    {
      double ms = time_check (session, domain);

      if (ms < 0)
        return 1;
      g_array_append_val (checks, ms);
    }

  /* The system anchors load once per process, on a thread of their own;
   * a new store attaches them on first use (counting them waits for it). */
  for (int i = 0; i < MIN (n, 5); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(StiTrustStore) trust = sti_trust_store_new (TRUE, NULL);
      double ms;

      sti_trust_store_get_n_anchors (trust);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (loads, ms);
    }

  g_print ("domain: %s\n", domain);
  g_print ("%-44s %.1f ms\n", "first check (trust store, resolver set-up):", first);
  print_figures ("full check, every MX and MTA-STS:", checks);
  print_figures ("a new trust store, system anchors attached:", loads);
  bench_posttls_finger (lab, domain, n);

  return 0;
}
