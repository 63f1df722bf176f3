/* sti-cli-options.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sti-check-session.h"
#include "sti-report-export.h"

G_BEGIN_DECLS

/* The command line flags, as GOptionContext fills them in. */
typedef struct
{
  gboolean   demo;
  gboolean   json;
  gboolean   transcript;
  gboolean   no_ipv6;
  gboolean   no_color;
  gboolean   explain;
  gboolean   old_tls;
  char      *mta_name;
  char      *format_name;
  char      *output;
  char     **ca_files;
  char      *dns_server;
  char      *ehlo;
  int        timeout;     /* seconds; 0: the default */
  int        mx_cap;      /* MX hosts checked; 0: the default */
  char      *paper_name;
  char      *lang;        /* applied before parsing: sti_i18n_find_language() */

  char      *timeout_help;
  char      *mx_cap_help;
} StiCliOptions;

void                    sti_cli_options_add_entries       (StiCliOptions    *options,
                                                           GOptionContext   *context);
gboolean                sti_cli_options_validate          (StiCliOptions    *options,
                                                           GError          **error);
void                    sti_cli_options_clear             (StiCliOptions    *options);
gboolean                sti_cli_options_get_format        (StiCliOptions    *options,
                                                           StiReportFormat  *format,
                                                           GError          **error);
GArray                 *sti_cli_options_get_formats       (StiCliOptions    *options,
                                                           GError          **error);
gboolean                sti_cli_options_get_paper         (StiCliOptions    *options,
                                                           StiPaperSize     *paper,
                                                           GError          **error);
gboolean                sti_cli_options_get_mta           (StiCliOptions    *options,
                                                           int              *mta,
                                                           GError          **error);
StiCheckSessionOptions *sti_cli_options_dup_check_options (StiCliOptions    *options);

G_END_DECLS
