/* bench-endpoints.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The concurrency benchmark (not a test): N demo lab mail servers, each
 * waiting a fixed delay before every reply, all checked at once by the real
 * per-endpoint path (StiEndpointProbe, then the chain analysis, whose
 * verification runs on worker threads, as StiDomainCheck does). The
 * dialogues run on the main thread, or with -j on a StiProbePool of that many worker threads, each
 * with the pool's default bound of dialogues at once (or -m; -m N puts all
 * N in flight). The lab runs in a child process so that the figures
 * describe the checker alone. One untimed dialogue warms the process up
 * first.
 *
 *   bench-endpoints [-n N] [-d DELAY_MS] [-j THREADS] [-m MAX_IN_FLIGHT]
 *
 * Raises its own file descriptor limit to the hard limit; N endpoints need
 * N descriptors here and 2N in the lab child (ulimit -Hn).
 *
 * Prints wall time, endpoints per second, peak RSS, the peak thread count,
 * the memory per in-flight endpoint, the checker's CPU (user + system,
 * getrusage) per endpoint and its main thread's share, the lab child's CPU
 * over the same time, and how busy that kept the machine's cores. */

#include "config.h"

#include "sti-chain-analysis.h"
#include "sti-endpoint-probe.h"
#include "sti-finding.h"
#include "sti-lab.h"
#include "sti-probe-pool.h"
#include "sti-trust-store.h"

#include "bench-proc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  StiTrustStore *trust;
  const char    *host_name;
  guint          remaining;
  guint          encrypted;
  guint          verified;
  guint          failed;
  guint          peak_threads;
  gint64         peak_rss_kib;
  StiTimings     sum;
  GMainLoop     *loop;

  /* The figures, for print_figures() */
  guint          n;
  int            delay_ms;
  gint64         wall_us;
  gint64         rss_before_kib;
  double         cpu_s;
  double         main_cpu_s;    /* the main thread's share of cpu_s */
  double         lab_cpu_s;     /* the lab child's, over the same time */
  StiProbePool  *pool;
} Bench;

static gboolean
sample_cb (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 threads = bench_read_status_field ("Threads:");
  gint64 rss = bench_read_status_field ("VmRSS:");

  bench->peak_threads = MAX (bench->peak_threads, (guint)MAX (threads, 0));
  bench->peak_rss_kib = MAX (bench->peak_rss_kib, rss);
  return G_SOURCE_CONTINUE;
}

static void
warm_up_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(StiProbeResult) probe_result = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Bench *bench = user_data;
  gboolean verified = FALSE;

  probe_result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, NULL);
  if (probe_result != NULL && sti_probe_result_get_tls_established (probe_result))
    findings = sti_chain_verify (bench->trust, sti_probe_result_get_peer_chain (probe_result),
                                 bench->host_name, now, &verified, &certificates);
  g_main_loop_quit (bench->loop);
}

/* One untimed dialogue first, with the first lab server: what a process
 * does once (GnuTLS's first handshake and priority cache, the first
 * verification) is not part of a dialogue's figures. */
static void
warm_up (Bench                 *bench,
         const char            *line,
         const StiProbeOptions *options)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GInetAddress) ip = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(StiEndpointProbe) probe = NULL;

  if (line == NULL || g_str_equal (line, "END"))
    return;

  parts = g_strsplit (line, " ", 2);
  ip = g_inet_address_new_from_string (parts[0]);
  address = g_inet_socket_address_new (ip, atoi (parts[1]));
  probe = sti_endpoint_probe_new (bench->host_name, G_INET_SOCKET_ADDRESS (address), options);
  sti_endpoint_probe_run_async (probe, NULL, warm_up_done_cb, bench);
  g_main_loop_run (bench->loop);
}

/* The chain verified as StiDomainCheck does it: by the chain analysis,
 * whose signature checks run on worker threads (here without AIA/OCSP
 * fetches: the lab sends whole chains). */
static void
analysis_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(StiChainAnalysisResult) analysis = sti_chain_analysis_run_finish (result, NULL);

  if (analysis != NULL)
    bench->verified += sti_chain_analysis_result_get_verified (analysis);
  if (--bench->remaining == 0)
    g_main_loop_quit (bench->loop);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(StiProbeResult) probe_result = NULL;

  probe_result = sti_endpoint_probe_run_finish (STI_ENDPOINT_PROBE (object), result, &error);
  if (probe_result != NULL)
    {
      const StiTimings *t = sti_probe_result_get_timings (probe_result);

      bench->sum.connect_us += MAX (t->connect_us, 0);
      bench->sum.greeting_us += MAX (t->greeting_us, 0);
      bench->sum.ehlo_us += MAX (t->ehlo_us, 0);
      bench->sum.starttls_us += MAX (t->starttls_us, 0);
      bench->sum.handshake_us += MAX (t->handshake_us, 0);
      bench->sum.total_us += MAX (t->total_us, 0);
    }

  if (probe_result != NULL && sti_probe_result_get_tls_established (probe_result))
    {
      StiChainAnalysisOptions options;

      bench->encrypted++;
      sti_chain_analysis_options_init (&options);
      options.trust = bench->trust;
      options.allow_network = FALSE;
      sti_chain_analysis_run_async (&options, sti_probe_result_get_peer_chain (probe_result),
                                    bench->host_name, NULL, NULL, analysis_done_cb, bench);
      g_object_unref (object);
      return;
    }

  bench->failed++;
  if (probe_result != NULL && bench->failed <= 3)
    g_printerr ("endpoint %s failed: %s\n", sti_probe_result_get_address (probe_result),
                sti_probe_result_get_error_detail (probe_result));
  g_object_unref (object);
  if (--bench->remaining == 0)
    g_main_loop_quit (bench->loop);
}

static void
print_figures (Bench *bench)
{
  guint n = MAX (bench->n, 1);
  double wall_s = bench->wall_us / 1e6;

  g_print ("endpoints:              %u (delay %d ms before each server reply)\n", bench->n,
           bench->delay_ms);
  g_print ("encrypted / verified:   %u / %u (failed: %u)\n", bench->encrypted, bench->verified,
           bench->failed);
  g_print ("wall time:              %.3f s (%.1f delays of %d ms)\n",
           wall_s, bench->delay_ms > 0 ? bench->wall_us / 1000.0 / bench->delay_ms : 0.0,
           bench->delay_ms);
  g_print ("endpoints per second:   %.0f\n", bench->n / wall_s);
  g_print ("peak RSS (checker):     %.1f MiB (%.1f MiB before the probes started)\n",
           bench->peak_rss_kib / 1024.0, bench->rss_before_kib / 1024.0);
  g_print ("memory per endpoint:    %.1f KiB in flight\n",
           (bench->peak_rss_kib - bench->rss_before_kib) / (double)n);
  g_print ("peak threads (checker): %u\n", bench->peak_threads);
  if (bench->pool != NULL)
    g_print ("probe threads:          %u, at most %u dialogues each at once\n",
             sti_probe_pool_get_n_threads (bench->pool),
             sti_probe_pool_get_max_in_flight (bench->pool));
  else
    g_print ("probe threads:          none, dialogues on the main thread\n");
  g_print ("checker CPU:            %.2f s (%.2f ms per endpoint: TLS handshake, SMTP, "
           "verification)\n",
           bench->cpu_s, bench->cpu_s * 1000.0 / n);
  g_print ("  on the main thread:   %.2f s (%.2f ms per endpoint)\n", bench->main_cpu_s,
           bench->main_cpu_s * 1000.0 / n);
  g_print ("lab CPU (servers):      %.2f s (%.2f ms per endpoint)\n", bench->lab_cpu_s,
           bench->lab_cpu_s * 1000.0 / n);
  g_print ("machine busy:           %.0f%% of %ld cores (checker + lab CPU / wall time)\n",
           100.0 * (bench->cpu_s + bench->lab_cpu_s) / wall_s / sysconf (_SC_NPROCESSORS_ONLN),
           sysconf (_SC_NPROCESSORS_ONLN));
  g_print ("mean stage times:       connect %.1f ms, greeting %.1f ms, EHLO %.1f ms, "
           "STARTTLS %.1f ms, handshake %.1f ms, total %.1f ms\n",
           bench->sum.connect_us / 1000.0 / n, bench->sum.greeting_us / 1000.0 / n,
           bench->sum.ehlo_us / 1000.0 / n, bench->sum.starttls_us / 1000.0 / n,
           bench->sum.handshake_us / 1000.0 / n, bench->sum.total_us / 1000.0 / n);
}

/* The child: runs the lab's benchmark servers until the parent goes away,
 * after writing "PORT CA-PEM-LENGTH\nCA-PEM ADDRESS..." to @fd. */
static int
run_lab_child (int   fd,
               guint n,
               guint delay_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(StiLab) lab = sti_lab_new ();
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *pem;

  /* A slow parent must not make the servers give up on it. */
  sti_lab_set_timeouts (lab, 600000, 600000);

  if (!sti_lab_start (lab, &error) ||
      !sti_lab_start_bench_servers (lab, n, delay_ms, &addresses, &error))
    {
      g_printerr ("lab: %s\n", error->message);
      return 1;
    }

  pem = sti_lab_get_ca_pem (lab);
  g_string_append_printf (out, "%zu\n%s", strlen (pem), pem);
  g_string_append_printf (out, "%s\n", sti_lab_get_bench_host_name (lab));
  for (guint i = 0; i < addresses->len; i++)
    {
      GInetSocketAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *ip = g_inet_address_to_string (g_inet_socket_address_get_address (address));

      g_string_append_printf (out, "%s %u\n", ip, g_inet_socket_address_get_port (address));
    }
  g_string_append (out, "END\n");

  if (write (fd, out->str, out->len) != (gssize)out->len)
    return 1;
  close (fd);

  g_main_loop_run (loop);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context =
    g_option_context_new ("— concurrency benchmark over the demo lab");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) probes = g_ptr_array_new ();
  Bench bench = { 0 };
  int n = 1000;
  int delay_ms = 50;
  int n_threads = 0;
  int max_in_flight = 0;
  g_autoptr(StiProbePool) pool = NULL;
  int pipe_fds[2];
  pid_t child;
  gsize pem_len;
  const char *rest;
  g_autofree char *pem = NULL;
  char buffer[65536];
  gssize r;
  gint64 rss_before, start, wall;
  guint sampler;
  StiProbeOptions options;
  struct rusage usage_before, usage_after;
  g_autofree char *child_stat = NULL;
  g_autofree char *main_stat = NULL;
  double lab_cpu_before, main_cpu_before;
  const GOptionEntry entries[] = {
    { "endpoints", 'n', 0, G_OPTION_ARG_INT, &n, "Number of endpoints (default 1000)", "N" },
    { "delay", 'd', 0, G_OPTION_ARG_INT, &delay_ms,
      "Delay before every server reply in ms (default 50)", "MS" },
    { "threads", 'j', 0, G_OPTION_ARG_INT, &n_threads,
      "Run the dialogues on this many worker threads (default 0: on the main thread)",
      "THREADS" },
    { "max-in-flight", 'm', 0, G_OPTION_ARG_INT, &max_in_flight,
      "Dialogues per worker thread at once (default: the pool's)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n <= 0 || delay_ms < 0 ||
      n_threads < 0 || max_in_flight < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "invalid arguments");
      return 2;
    }

  bench_raise_fd_limit ();

  if (pipe (pipe_fds) != 0)
    return 1;

  child = fork ();
  if (child == 0)
    {
      close (pipe_fds[0]);
      _exit (run_lab_child (pipe_fds[1], n, delay_ms));
    }
  close (pipe_fds[1]);

  while ((r = read (pipe_fds[0], buffer, sizeof buffer)) > 0)
    {
      g_string_append_len (input, buffer, r);
      if (g_str_has_suffix (input->str, "END\n"))
        break;
    }
  close (pipe_fds[0]);

  if (!g_str_has_suffix (input->str, "END\n"))
    {
      g_printerr ("the lab child did not start\n");
      kill (child, SIGTERM);
      return 1;
    }

  pem_len = g_ascii_strtoull (input->str, (char **)&rest, 10);
  rest++;
  pem = g_strndup (rest, pem_len);
  lines = g_strsplit (rest + pem_len, "\n", -1);

  bench.trust = sti_trust_store_new (FALSE, &error);
  if (bench.trust == NULL || !sti_trust_store_add_ca_pem (bench.trust, pem, "lab", &error))
    {
      g_printerr ("trust: %s\n", error->message);
      kill (child, SIGTERM);
      return 1;
    }
  bench.host_name = lines[0];
  bench.loop = g_main_loop_new (NULL, FALSE);

  sti_probe_options_init (&options);
  options.connect_timeout_ms = 60000;
  options.stage_timeout_ms = 60000;
  options.total_timeout_ms = 120000;

  if (n_threads > 0)
    pool = sti_probe_pool_new (n_threads, max_in_flight);

  warm_up (&bench, lines[1], &options);
  rss_before = bench_read_status_field ("VmRSS:");

  for (guint i = 1; lines[i] != NULL && !g_str_equal (lines[i], "END"); i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      g_autoptr(GInetAddress) ip = g_inet_address_new_from_string (parts[0]);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (ip, atoi (parts[1]));

      g_ptr_array_add (probes, sti_endpoint_probe_new (bench.host_name,
                                                       G_INET_SOCKET_ADDRESS (address), &options));
    }

  bench.remaining = probes->len;
  bench.peak_rss_kib = rss_before;
  bench.peak_threads = bench_read_status_field ("Threads:");
  sampler = g_timeout_add (5, sample_cb, &bench);

  child_stat = g_strdup_printf ("/proc/%d/stat", (int)child);
  main_stat = g_strdup_printf ("/proc/self/task/%d/stat", (int)getpid ());
  lab_cpu_before = bench_read_stat_cpu_s (child_stat);
  main_cpu_before = bench_read_stat_cpu_s (main_stat);
  getrusage (RUSAGE_SELF, &usage_before);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < probes->len; i++)
    sti_probe_pool_run_async (pool, g_ptr_array_index (probes, i), NULL, probe_done_cb, &bench);
  sample_cb (&bench);
  g_main_loop_run (bench.loop);
  wall = g_get_monotonic_time () - start;
  getrusage (RUSAGE_SELF, &usage_after);
  bench.lab_cpu_s = bench_read_stat_cpu_s (child_stat) - lab_cpu_before;
  bench.main_cpu_s = bench_read_stat_cpu_s (main_stat) - main_cpu_before;
  sample_cb (&bench);
  g_source_remove (sampler);

  kill (child, SIGTERM);
  waitpid (child, NULL, 0);

  bench.n = probes->len;
  bench.delay_ms = delay_ms;
  bench.wall_us = wall;
  bench.rss_before_kib = rss_before;
  bench.pool = pool;
  bench.cpu_s = bench_rusage_cpu_s (&usage_before, &usage_after);
  print_figures (&bench);

  g_main_loop_unref (bench.loop);
  g_object_unref (bench.trust);

  return bench.failed == 0 ? 0 : 1;
}
