/* trust-load-counter.c: an LD_PRELOAD interposer that counts loads of
 * the system trust store
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Loaded with LD_PRELOAD by tests/test-trust-once.c's meson test. It
 * sees every load, ours and those glib-networking makes for libsoup's
 * connections, which no counter inside our code could: the calls that load
 * the system store (GnuTLS's two entry points), the loads of a CA file, and
 * every open of the system bundle, and whether each happened on the main
 * thread. The test reads the counts through trust_load_counter_get(),
 * found with dlsym(). Plain libc and libdl only: it runs inside every
 * process it is preloaded into. */

#define _GNU_SOURCE
/* open() and open64() are both defined below, so neither may be a macro
 * for the other. */
#undef _FILE_OFFSET_BITS

#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define DEFAULT_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

typedef enum
{
  COUNT_SYSTEM_TRUST,       /* gnutls_*_system_trust () */
  COUNT_TRUST_FILE,         /* gnutls_x509_trust_list_add_trust_file () */
  COUNT_BUNDLE_OPENS,       /* open()/fopen() of the system bundle */
  COUNT_MAIN_THREAD_LOADS,  /* system trust loads and bundle opens on the main thread */
  N_COUNTS
} CountKind;

static const char *const count_names[N_COUNTS] = {
  "system-trust", "trust-file", "bundle-opens", "main-thread-loads",
};

static int counts[N_COUNTS];

static void
count (CountKind kind)
{
  __atomic_add_fetch (&counts[kind], 1, __ATOMIC_SEQ_CST);
  if ((kind == COUNT_SYSTEM_TRUST || kind == COUNT_BUNDLE_OPENS) && gettid () == getpid ())
    __atomic_add_fetch (&counts[COUNT_MAIN_THREAD_LOADS], 1, __ATOMIC_SEQ_CST);
}

static int
is_bundle (const char *path)
{
  const char *bundle = getenv ("STI_TEST_TRUST_BUNDLE");

  return path != NULL && strcmp (path, bundle != NULL ? bundle : DEFAULT_BUNDLE) == 0;
}

/* -1 for an unknown name. */
int trust_load_counter_get (const char *name);

int
trust_load_counter_get (const char *name)
{
  for (int i = 0; i < N_COUNTS; i++)
    {
      if (strcmp (name, count_names[i]) == 0)
        return __atomic_load_n (&counts[i], __ATOMIC_SEQ_CST);
    }

  return -1;
}

#define NEXT(type, name) ((type)dlsym (RTLD_NEXT, name))

/* GnuTLS entry points, declared here so that no GnuTLS header is needed. */
typedef void *trust_list_t;
typedef void *credentials_t;

int gnutls_x509_trust_list_add_system_trust (trust_list_t list, unsigned int tl_flags,
                                             unsigned int tl_vflags);
int gnutls_certificate_set_x509_system_trust (credentials_t cred);
int gnutls_x509_trust_list_add_trust_file (trust_list_t list, const char *ca_file,
                                           const char *crl_file, int type,
                                           unsigned int tl_flags, unsigned int tl_vflags);

int
gnutls_x509_trust_list_add_system_trust (trust_list_t list,
                                         unsigned int tl_flags,
                                         unsigned int tl_vflags)
{
  count (COUNT_SYSTEM_TRUST);
  return NEXT (int (*) (trust_list_t, unsigned int, unsigned int),
               "gnutls_x509_trust_list_add_system_trust") (list, tl_flags, tl_vflags);
}

int
gnutls_certificate_set_x509_system_trust (credentials_t cred)
{
  count (COUNT_SYSTEM_TRUST);
  return NEXT (int (*) (credentials_t),
               "gnutls_certificate_set_x509_system_trust") (cred);
}

int
gnutls_x509_trust_list_add_trust_file (trust_list_t  list,
                                       const char   *ca_file,
                                       const char   *crl_file,
                                       int           type,
                                       unsigned int  tl_flags,
                                       unsigned int  tl_vflags)
{
  count (COUNT_TRUST_FILE);
  return NEXT (int (*) (trust_list_t, const char *, const char *, int, unsigned int, unsigned int),
               "gnutls_x509_trust_list_add_trust_file") (list, ca_file, crl_file, type,
                                                         tl_flags, tl_vflags);
}

/* The opens: GnuTLS reads the bundle with fopen(), GLib with open(). */
static mode_t
mode_arg (int     flags,
          va_list ap)
{
  return (flags & (O_CREAT | O_TMPFILE)) != 0 ? va_arg (ap, mode_t) : 0;
}

#define DEFINE_OPEN(name)                                                     \
  int                                                                         \
  name (const char *path, int flags, ...)                                     \
  {                                                                           \
    va_list ap;                                                               \
    mode_t mode;                                                              \
                                                                              \
    va_start (ap, flags);                                                     \
    mode = mode_arg (flags, ap);                                              \
    va_end (ap);                                                              \
    if (is_bundle (path))                                                     \
      count (COUNT_BUNDLE_OPENS);                                             \
    return NEXT (int (*) (const char *, int, ...), #name) (path, flags, mode); \
  }

#define DEFINE_OPENAT(name)                                                   \
  int                                                                         \
  name (int dirfd, const char *path, int flags, ...)                          \
  {                                                                           \
    va_list ap;                                                               \
    mode_t mode;                                                              \
                                                                              \
    va_start (ap, flags);                                                     \
    mode = mode_arg (flags, ap);                                              \
    va_end (ap);                                                              \
    if (is_bundle (path))                                                     \
      count (COUNT_BUNDLE_OPENS);                                             \
    return NEXT (int (*) (int, const char *, int, ...), #name) (dirfd, path, flags, mode); \
  }

#define DEFINE_FOPEN(name)                                                    \
  FILE *                                                                      \
  name (const char *path, const char *mode)                                   \
  {                                                                           \
    if (is_bundle (path))                                                     \
      count (COUNT_BUNDLE_OPENS);                                             \
    return NEXT (FILE *(*) (const char *, const char *), #name) (path, mode); \
  }

DEFINE_OPEN (open)
DEFINE_OPEN (open64)
DEFINE_OPENAT (openat)
DEFINE_OPENAT (openat64)
DEFINE_FOPEN (fopen)
DEFINE_FOPEN (fopen64)
