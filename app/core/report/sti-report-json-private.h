/* sti-report-json-private.h
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sti-report-json.h"

#include "sti-certificate.h"
#include "sti-chain-link.h"
#include "sti-endpoint-report.h"
#include "sti-finding.h"
#include "sti-mta-sts-evidence.h"
#include "sti-sni-comparison.h"
#include "sti-types.h"

G_BEGIN_DECLS

/* What the loader (sti-report-json-load.c) uses of the member readers
 * (sti-report-json-read.c). Each reader checks presence and type and
 * names the member's path on error. */

/* As with ToJsonFunc, the per-type functions are cast to these. */
typedef gpointer (*FromJsonFunc) (JsonObject  *obj,
                                  const char  *path,
                                  GError     **error);
typedef void (*AddFunc) (gpointer self,
                         gpointer item);

/* Read one member and hand it to the model's setter; the setters are cast
 * to these as with the writer's ToJsonFunc. */
typedef void (*SetStringFunc) (gpointer    self,
                               const char *value);
typedef void (*SetBoolFunc) (gpointer self,
                             gboolean value);
typedef void (*SetStrvFunc) (gpointer            self,
                             const char * const *value);

gpointer
report_json_bad_value (GError     **error,
                       const char  *path,
                       const char  *key);

StiCertificate *
report_json_certificate_from_json (JsonObject  *obj,
                                   const char  *path,
                                   GError     **error);

StiChainLink *
report_json_chain_link_from_json (JsonObject  *obj,
                                  const char  *path,
                                  GError     **error);

gboolean
report_json_accept_output_object (JsonObject  *obj,
                                  const char  *key,
                                  const char  *path,
                                  GError     **error);

JsonNode *
report_json_certificate_to_json (StiCertificate *cert);

void
report_json_set_string (JsonObject *obj,
                        const char *key,
                        const char *value);

JsonArray *
report_json_strv_to_json (const char * const *strv);

gboolean
report_json_fail (GError     **error,
                  const char  *path,
                  const char  *key,
                  const char  *what);

JsonNode *
report_json_mta_sts_to_json (StiMtaStsEvidence *self);

gboolean
report_json_mta_sts_from_json (JsonObject         *report,
                               const char         *path,
                               StiMtaStsEvidence **out,
                               GError            **error);

JsonNode *
report_json_sni_to_json (StiSniComparison *self);

JsonArray *
report_json_dane_to_json (GPtrArray *matches);

gboolean
report_json_dane_from_json (JsonObject         *endpoint_obj,
                            const char         *path,
                            StiEndpointReport  *endpoint,
                            GError            **error);

gboolean
report_json_sni_from_json (JsonObject        *endpoint,
                           const char        *path,
                           StiSniComparison **out,
                           GError           **error);

StiFinding *
report_json_finding_from_json (JsonObject  *obj,
                               const char  *path,
                               GError     **error);

gboolean
report_json_read_bool_into (JsonObject   *obj,
                            const char   *key,
                            const char   *path,
                            SetBoolFunc   set,
                            gpointer      self,
                            GError      **error);

gboolean
report_json_read_bytes (JsonObject  *obj,
                        const char  *key,
                        gboolean     nullable,
                        const char  *path,
                        GBytes     **out,
                        GError     **error);

gboolean
report_json_read_date_time (JsonObject  *obj,
                            const char  *key,
                            gboolean     nullable,
                            const char  *path,
                            GDateTime  **out,
                            GError     **error);

gboolean
report_json_read_int (JsonObject  *obj,
                      const char  *key,
                      gint64       min,
                      gint64       max,
                      const char  *path,
                      gint64      *out,
                      GError     **error);

gboolean
report_json_read_object_array (JsonObject      *obj,
                               const char      *key,
                               const char      *path,
                               FromJsonFunc     from_json,
                               GDestroyNotify   free_item,
                               AddFunc          add,
                               gpointer         self,
                               GError         **error);

gboolean
report_json_read_string (JsonObject  *obj,
                         const char  *key,
                         gboolean     nullable,
                         const char  *path,
                         const char **out,
                         GError     **error);

gboolean
report_json_read_string_into (JsonObject     *obj,
                              const char     *key,
                              gboolean        nullable,
                              const char     *path,
                              SetStringFunc   set,
                              gpointer        self,
                              GError        **error);

gboolean
report_json_read_strv_into (JsonObject   *obj,
                            const char   *key,
                            const char   *path,
                            SetStrvFunc   set,
                            gpointer      self,
                            GError      **error);

gboolean
report_json_read_timings (JsonObject  *obj,
                          const char  *key,
                          const char  *path,
                          StiTimings  *out,
                          GError     **error);

gboolean
report_json_read_vardict (JsonObject  *obj,
                          const char  *key,
                          const char  *path,
                          GVariant   **out,
                          GError     **error);

gboolean
report_json_scan (const char  *data,
                  gsize        len,
                  GError     **error);

StiTranscriptLine *
report_json_transcript_line_from_json (JsonObject  *obj,
                                       const char  *path,
                                       GError     **error);

G_END_DECLS
