/* sti-lab.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-lab-dns-server.h"
#include "sti-resolver.h"

G_BEGIN_DECLS

/* One demo scenario: a mail domain under lab.test with a known defect. */
typedef struct
{
  const char         *id;                /* "expired" */
  const char         *domain;            /* "expired.lab.test" */
  const char         *description;       /* N_(): translate with _() when shown */
  const char * const *expected_findings; /* NULL-terminated finding ids for the whole domain */
} StiLabScenario;

#define STI_LAB_ZONE "lab.test."

#define STI_TYPE_LAB (sti_lab_get_type ())

G_DECLARE_FINAL_TYPE (StiLab, sti_lab, STI, LAB, GObject)

StiLab               *sti_lab_new                   (void);
gboolean              sti_lab_start                 (StiLab        *self,
                                                     GError       **error);
void                  sti_lab_stop                  (StiLab        *self);
gboolean              sti_lab_is_running            (StiLab        *self);
guint16               sti_lab_get_port              (StiLab        *self);
StiLabDnsServer      *sti_lab_get_dns_server        (StiLab        *self);
const char           *sti_lab_get_ca_pem            (StiLab        *self);
gboolean              sti_lab_configure_resolver    (StiLab        *self,
                                                     StiResolver   *resolver,
                                                     GError       **error);
char                **sti_lab_dup_zone_data         (StiLab        *self);
GPtrArray            *sti_lab_dup_chain             (StiLab        *self,
                                                     const char    *host_name);
GPtrArray            *sti_lab_dup_addresses         (StiLab        *self,
                                                     const char    *host_name);
void                  sti_lab_set_timeouts          (StiLab        *self,
                                                     guint          idle_ms,
                                                     guint          total_ms);
gint64                sti_lab_get_start_time_us     (StiLab        *self);
const StiLabScenario *sti_lab_get_scenarios         (guint         *n_scenarios);
const StiLabScenario *sti_lab_find_scenario         (const char    *domain);
gboolean              sti_lab_is_lab_domain         (const char    *domain);
gboolean              sti_lab_start_bench_servers   (StiLab        *self,
                                                     guint          n,
                                                     guint          delay_ms,
                                                     GPtrArray    **addresses_out,
                                                     GError       **error);
const char           *sti_lab_get_bench_host_name   (StiLab        *self);

G_END_DECLS
