/* bench-survey.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The survey benchmark (not a test): a survey of N domains, each with its
 * own MX host and address, run as `survey` runs it (StiSurveyRun: full
 * domain checks through a StiCheckSession, every report written as a JSON
 * line), against demo lab mail servers that wait a set delay before every
 * reply, a share of them never answering at all (they accept the
 * connection and say nothing, so each holds its slot until the stage
 * timeout).
 *
 *   bench-survey [-n SERVERS] [-d DELAY_MS] [-s SILENT_PERCENT] [-c CONCURRENCY]
 *                [-t STAGE_TIMEOUT_S] [-D DOMAINS_PER_SERVER]
 *
 * The servers run in child processes, so that the figures describe the
 * surveying process alone, and several of them: one process may hold
 * only RLIMIT_NOFILE descriptors (a hard limit of 20,000 here), and each
 * server is a listening socket. Each child's lab listens on a port of its
 * own, and a survey checks one port, so the benchmark runs one StiSurveyRun
 * per child on the same main loop, the same session (resolver, trust
 * store) and the given concurrency shared between them.
 *
 * Names come from the resolver's local data, as the demo lab feeds its
 * names to the resolver: dI.bench.test has the MX host mxI.bench.test,
 * whose address is the server's (127.78.x.y for the lab's, 127.79.x.y for
 * the silent ones). The servers' certificate is for the lab's bench host
 * name, so each report also says the name does not match.
 *
 * With -D 2 every server is the MX host of two domains (under two MX
 * names): each is probed once per MX name, and the figures show it.
 *
 * Prints wall time, domains and addresses (connections) per second, peak
 * RSS, peak threads and descriptors, and the CPU (user + system) per
 * connection of the surveying process. */

#include "config.h"

#include "sti-check-session.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-host-report.h"
#include "sti-lab.h"
#include "sti-survey-input.h"
#include "sti-survey-run.h"

#include "bench-proc.h"

#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define SERVERS_PER_CHILD 8000

typedef struct
{
  pid_t      pid;
  guint16    port;
  GPtrArray *addresses;   /* char *: the lab's, then the silent ones */
} Child;

typedef struct
{
  GMainLoop  *loop;
  guint       running;
  guint       done;
  guint       failed;
  guint       peak_threads;
  gint64      peak_rss_kib;
  guint       peak_fds;
  guint       samples;
  guint       tls;          /* endpoints: TLS established */
  guint       no_tls;       /* reached, no TLS (silent, refused, …) */
  guint       compared;     /* with the dialogue without SNI beside */
  guint       no_host;      /* domains without a mail server to probe (DNS) */
  GHashTable *no_tls_ids;   /* finding id -> endpoints without TLS, or domains without a
                               host, that have it */
} Bench;

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gboolean
sample_cb (gpointer user_data)
{
  Bench *bench = user_data;

  bench->peak_threads = MAX (bench->peak_threads, (guint)MAX (bench_read_status_field ("Threads:"), 0));
  bench->peak_rss_kib = MAX (bench->peak_rss_kib, bench_read_status_field ("VmRSS:"));
  /* Counting 20,000 descriptors is not free: every tenth sample. */
  if (bench->samples++ % 10 == 0)
    bench->peak_fds = MAX (bench->peak_fds, count_fds ());
  return G_SOURCE_CONTINUE;
}

/* A child: @n_lab lab servers with @delay_ms, @n_silent that never say a
 * word, all on the lab's port; writes "PORT\nCA-PEM-LENGTH\nCA-PEM" and
 * one address a line, then "END", to @fd; serves until killed. */
static int
run_child (int   fd,
           guint n_lab,
           guint n_silent,
           guint delay_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiLab) lab = sti_lab_new ();
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GPtrArray) silent = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *pem;

  bench_raise_fd_limit ();
  sti_lab_set_timeouts (lab, 600000, 600000);
  if (!sti_lab_start (lab, &error) ||
      !sti_lab_start_bench_servers (lab, n_lab, delay_ms, &addresses, &error))
    {
      g_printerr ("lab: %s\n", error->message);
      return 1;
    }

  pem = sti_lab_get_ca_pem (lab);
  g_string_append_printf (out, "%u\n%zu\n%s", sti_lab_get_port (lab), strlen (pem), pem);
  for (guint i = 0; i < addresses->len; i++)
    {
      GInetSocketAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (address));

      if (g_inet_socket_address_get_port (address) != sti_lab_get_port (lab))
        continue;   /* the lab's port was taken on that address: not ours to use */
      g_string_append_printf (out, "%s\n", ip);
    }

  for (guint i = 0; i < n_silent; i++)
    {
      g_autofree char *ip = g_strdup_printf ("127.79.%u.%u", i / 250, i % 250 + 1);
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ip);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, sti_lab_get_port (lab));
      g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                                G_SOCKET_PROTOCOL_TCP, &error);

      /* Listening, never accepting: the kernel completes the connection,
       * nobody ever greets. */
      if (socket == NULL || !g_socket_bind (socket, address, TRUE, &error) ||
          !g_socket_listen (socket, &error))
        {
          g_printerr ("silent server %s: %s\n", ip, error->message);
          return 1;
        }
      g_ptr_array_add (silent, g_steal_pointer (&socket));
      g_string_append_printf (out, "%s\n", ip);
    }
  g_string_append (out, "END\n");

  if (write (fd, out->str, out->len) != (gssize)out->len)
    return 1;
  close (fd);

  g_main_loop_run (loop);
  return 0;
}

static gboolean
start_child (Child  *child,
             guint   n_lab,
             guint   n_silent,
             guint   delay_ms,
             char  **pem)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char buffer[65536];
  const char *rest;
  gssize r;
  gsize pem_len;
  int fds[2];

  if (pipe (fds) != 0)
    return FALSE;
  child->pid = fork ();
  if (child->pid == 0)
    {
      close (fds[0]);
      _exit (run_child (fds[1], n_lab, n_silent, delay_ms));
    }
  close (fds[1]);
  while ((r = read (fds[0], buffer, sizeof buffer)) > 0)
    {
      g_string_append_len (input, buffer, r);
      if (g_str_has_suffix (input->str, "END\n"))
        break;
    }
  close (fds[0]);
  if (!g_str_has_suffix (input->str, "END\n"))
    return FALSE;

  child->port = g_ascii_strtoull (input->str, (char **)&rest, 10);
  pem_len = g_ascii_strtoull (rest + 1, (char **)&rest, 10);
  rest++;
  g_free (*pem);
  *pem = g_strndup (rest, pem_len);
  lines = g_strsplit (rest + pem_len, "\n", -1);
  child->addresses = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i] != NULL && !g_str_equal (lines[i], "END"); i++)
    g_ptr_array_add (child->addresses, g_strdup (lines[i]));
  return TRUE;
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;

  if (!sti_survey_run_run_finish (STI_SURVEY_RUN (object), result, &error))
    g_printerr ("survey: %s\n", error->message);
  bench->done += sti_survey_run_get_n_done (STI_SURVEY_RUN (object));
  bench->failed += sti_survey_run_get_n_failed (STI_SURVEY_RUN (object));
  if (--bench->running == 0)
    g_main_loop_quit (bench->loop);
}

/* The domains of one child's servers, as local DNS data and as a list. */
static GString *
add_child_domains (StiResolver *resolver,
                   Child       *child,
                   guint        per_server,
                   guint       *next_domain)
{
  GString *list = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < child->addresses->len; i++)
    for (guint j = 0; j < per_server; j++)
      {
        guint d = (*next_domain)++;
        g_autofree char *mx = g_strdup_printf ("d%u.bench.test. 300 IN MX 10 mx%u.bench.test.",
                                               d, d);
        g_autofree char *a = g_strdup_printf ("mx%u.bench.test. 300 IN A %s", d,
                                              (char *)g_ptr_array_index (child->addresses, i));

        if (!sti_resolver_add_local_data (resolver, mx, &error) ||
            !sti_resolver_add_local_data (resolver, a, &error))
          g_error ("%s", error->message);
        g_string_append_printf (list, "d%u.bench.test\n", d);
      }
  return list;
}

static void
tally (GHashTable *counts,
       const char *id)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, id));

  g_hash_table_insert (counts, g_strdup (id), GUINT_TO_POINTER (n + 1));
}

/* What became of each endpoint: the figures would mean little if the
 * servers had not been reached. */
static void
domain_cb (const StiSurveyEntry *entry,
           StiDomainReport      *report,
           const GError         *error,
           gpointer              user_data)
{
  Bench *bench = user_data;
  GPtrArray *hosts;

  if (report == NULL)
    {
      if (bench->failed < 3)
        g_printerr ("%s: %s\n", entry->domain, error->message);
      return;
    }

  hosts = sti_domain_report_get_hosts (report);
  if (hosts->len == 0)
    {
      GPtrArray *findings = sti_domain_report_get_findings (report);

      bench->no_host++;
      for (guint k = 0; k < findings->len; k++)
        tally (bench->no_tls_ids, sti_finding_get_id (g_ptr_array_index (findings, k)));
    }
  for (guint i = 0; i < hosts->len; i++)
    {
      GPtrArray *endpoints = sti_host_report_get_endpoints (g_ptr_array_index (hosts, i));

      for (guint j = 0; j < endpoints->len; j++)
        {
          StiEndpointReport *endpoint = g_ptr_array_index (endpoints, j);
          GPtrArray *findings = sti_endpoint_report_get_findings (endpoint);

          if (sti_endpoint_report_get_tls_established (endpoint))
            {
              bench->tls++;
              bench->compared += sti_endpoint_report_get_without_sni (endpoint) != NULL;
              continue;
            }
          bench->no_tls++;
          for (guint k = 0; k < findings->len; k++)
            tally (bench->no_tls_ids, sti_finding_get_id (g_ptr_array_index (findings, k)));
        }
    }
}

static void
print_figures (Bench       *bench,
               guint        n_domains,
               guint        n_servers,
               guint        n_silent,
               int          delay_ms,
               guint        concurrency,
               guint        connections,
               guint        reused,
               gint64       wall_us,
               double       cpu_s,
               gint64       rss_before_kib)
{
  double wall_s = wall_us / 1e6;

  g_print ("domains:                %u (%u servers, %u of them silent; delay %d ms before each "
           "reply)\n", n_domains, n_servers, n_silent, delay_ms);
  g_print ("concurrency:            %u domains at once\n", concurrency);
  g_print ("checked / not checked:  %u / %u\n", bench->done, bench->failed);
  g_print ("endpoints:              %u with TLS (%u compared without SNI), %u without; "
           "%u domains without a mail server; their findings:",
           bench->tls, bench->compared, bench->no_tls, bench->no_host);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, bench->no_tls_ids);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_print (" %s %u", (char *)key, GPOINTER_TO_UINT (value));
    g_print ("\n");
  }
  g_print ("wall time:              %.1f s\n", wall_s);
  g_print ("domains per second:     %.1f\n", n_domains / wall_s);
  g_print ("connections:            %u (%.1f per second), %u probes answered from another's\n",
           connections, connections / wall_s, reused);
  g_print ("peak RSS (surveyor):    %.1f MiB (%.1f MiB before the survey)\n",
           bench->peak_rss_kib / 1024.0, rss_before_kib / 1024.0);
  g_print ("peak threads:           %u\n", bench->peak_threads);
  g_print ("peak descriptors:       %u (sampled)\n", bench->peak_fds);
  g_print ("surveyor CPU:           %.1f s (%.2f ms per connection, %.2f ms per domain)\n",
           cpu_s, cpu_s * 1000.0 / MAX (connections, 1), cpu_s * 1000.0 / MAX (n_domains, 1));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— survey benchmark over the demo lab");
  g_autoptr(GError) error = NULL;
  g_autoptr(StiCheckSession) session = sti_check_session_new (FALSE);
  g_autoptr(StiCheckSessionOptions) options = sti_check_session_options_new ();
  g_autoptr(StiDomainCheck) first = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GOutputStream) devnull = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = NULL;
  Child children[16] = { { 0 } };
  Bench bench = { 0 };
  int n = 25000, delay_ms = 80, silent_percent = 5, concurrency = 2000, timeout_s = 0;
  int per_server = 1;
  guint n_children, n_silent, next_domain = 0, connections = 0, reused = 0, sampler;
  gint64 rss_before, start, wall;
  struct rusage before, after;
  StiResolver *resolver;
  const GOptionEntry entries[] = {
    { "servers", 'n', 0, G_OPTION_ARG_INT, &n, "Mail servers (default 25000)", "N" },
    { "delay", 'd', 0, G_OPTION_ARG_INT, &delay_ms, "Delay before each reply (default 80)",
      "MS" },
    { "silent", 's', 0, G_OPTION_ARG_INT, &silent_percent,
      "Percent of servers that never answer (default 5)", "PERCENT" },
    { "concurrency", 'c', 0, G_OPTION_ARG_INT, &concurrency,
      "Domains at once, in all (default 2000)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s,
      "Stage timeout in seconds (default: the check's, 30)", "S" },
    { "domains-per-server", 'D', 0, G_OPTION_ARG_INT, &per_server,
      "Domains whose MX host is each server (default 1)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n <= 0 || delay_ms < 0 ||
      silent_percent < 0 || silent_percent > 100 || concurrency <= 0 || per_server <= 0 ||
      (n + SERVERS_PER_CHILD - 1) / SERVERS_PER_CHILD > (int)G_N_ELEMENTS (children))
    {
      g_printerr ("%s\n", error != NULL ? error->message : "invalid arguments");
      return 2;
    }

  bench_raise_fd_limit ();
  n_silent = (guint)((guint64)n * silent_percent / 100);
  n_children = (n + SERVERS_PER_CHILD - 1) / SERVERS_PER_CHILD;
  for (guint k = 0; k < n_children; k++)
    {
      guint share = n / n_children + (k < n % n_children);
      guint silent_share = n_silent / n_children + (k < n_silent % n_children);

      if (!start_child (&children[k], share - silent_share, silent_share, delay_ms, &pem))
        g_error ("lab child %u did not start", k);
    }

  {
    int fd = g_file_open_tmp ("bench-survey-ca-XXXXXX.pem", &pem_path, &error);
    const char *ca_files[] = { NULL, NULL };

    if (fd < 0 || !g_file_set_contents (pem_path, pem, -1, &error))
      g_error ("%s", error->message);
    close (fd);
    ca_files[0] = pem_path;
    sti_check_session_options_set_ca_files (options, ca_files);
  }
  sti_check_session_options_set_dns_server (options, "192.0.2.53");   /* never asked */
  if (timeout_s > 0)
    options->check->stage_timeout_ms = timeout_s * 1000;

  /* The session makes its resolver with its first check: local data
   * before the first query. */
  first = sti_check_session_create_check (session, "d0.bench.test", options, &error);
  if (first == NULL)
    g_error ("%s", error->message);
  resolver = sti_check_session_get_resolver (session);
  if (!sti_resolver_add_local_zone (resolver, "bench.test.", "static", &error))
    g_error ("%s", error->message);

  devnull = g_unix_output_stream_new (open ("/dev/null", O_WRONLY), TRUE);
  for (guint k = 0; k < n_children; k++)
    {
      g_autoptr(GString) list = add_child_domains (resolver, &children[k], per_server,
                                                   &next_domain);
      g_autoptr(GInputStream) stream =
        g_memory_input_stream_new_from_data (g_string_free (g_steal_pointer (&list), FALSE), -1,
                                             g_free);
      StiSurveyRun *run;

      options->check->port = children[k].port;
      run = sti_survey_run_new (session, options, sti_survey_input_new_stream (stream), devnull);
      sti_survey_run_set_concurrency (run, MAX (concurrency / n_children, 1));
      sti_survey_run_set_domain_func (run, domain_cb, &bench);
      g_ptr_array_add (runs, run);
    }

  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.no_tls_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rss_before = bench_read_status_field ("VmRSS:");
  sampler = g_timeout_add (100, sample_cb, &bench);
  getrusage (RUSAGE_SELF, &before);
  start = g_get_monotonic_time ();
  for (guint k = 0; k < runs->len; k++)
    {
      bench.running++;
      sti_survey_run_run_async (g_ptr_array_index (runs, k), NULL, run_done_cb, &bench);
    }
  g_main_loop_run (bench.loop);
  wall = g_get_monotonic_time () - start;
  getrusage (RUSAGE_SELF, &after);
  sample_cb (&bench);
  g_source_remove (sampler);

  for (guint k = 0; k < runs->len; k++)
    {
      guint c = 0, r = 0;

      sti_probe_pool_get_reuse_stats (
        sti_survey_run_get_probe_pool (g_ptr_array_index (runs, k)), &c, &r);
      connections += c;
      reused += r;
    }
  for (guint k = 0; k < n_children; k++)
    {
      kill (children[k].pid, SIGTERM);
      waitpid (children[k].pid, NULL, 0);
      g_ptr_array_unref (children[k].addresses);
    }
  g_remove (pem_path);

  print_figures (&bench, next_domain, n, n_silent, delay_ms, concurrency, connections, reused,
                 wall, bench_rusage_cpu_s (&before, &after), rss_before);
  g_main_loop_unref (bench.loop);
  g_hash_table_unref (bench.no_tls_ids);
  return bench.failed == 0 ? 0 : 1;
}
