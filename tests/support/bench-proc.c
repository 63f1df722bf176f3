/* bench-proc.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-proc.h"

#include <string.h>
#include <unistd.h>

/* A field of /proc/self/status ("VmRSS:", "Threads:"); -1 when unreadable. */
gint64
bench_read_status_field (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field), NULL, 10) : -1;
}

/* Thousands of sockets need more than the default soft limit. */
void
bench_raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

/* User + system CPU seconds between two getrusage() calls. */
double
bench_rusage_cpu_s (const struct rusage *before,
                    const struct rusage *after)
{
  return (after->ru_utime.tv_sec - before->ru_utime.tv_sec) +
         (after->ru_utime.tv_usec - before->ru_utime.tv_usec) / 1e6 +
         (after->ru_stime.tv_sec - before->ru_stime.tv_sec) +
         (after->ru_stime.tv_usec - before->ru_stime.tv_usec) / 1e6;
}

/* User + system CPU seconds of a process or thread, from its
 * /proc/.../stat (fields 14 and 15, in clock ticks); -1 when unreadable. */
double
bench_read_stat_cpu_s (const char *path)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after_name = strrchr (stat, ')')) == NULL)
    return -1;
  /* Fields from the third on: state is [0], utime [11], stime [12]. */
  fields = g_strsplit (after_name + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) /
         sysconf (_SC_CLK_TCK);
}
