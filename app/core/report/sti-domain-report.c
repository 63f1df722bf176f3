/* sti-domain-report.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-domain-report.h"

#include "sti-dns-rdata.h"

#include "sti-base-enums.h"
#include "sti-domain-report-private.h"
#include "sti-endpoint-report.h"
#include "sti-host-report.h"
#include "sti-report-clean.h"
#include "sti-text.h"

#include <string.h>

/* The result of checking one mail domain: the single source of truth.
 * Immutable once published (DESIGN.md, Data flow); built through
 * sti-report-private.h. */
struct _StiDomainReport
{
  GObject parent_instance;

  int        schema_version;
  char      *input;
  char      *domain;
  char      *domain_unicode;
  GDateTime *started_at;
  GDateTime *finished_at;
  char      *tool_version;
  char      *trust_store;
  char      *resolver;
  GVariant  *options;
  GPtrArray *hosts;
  GPtrArray *dns_evidence;
  GPtrArray *findings;
  GStrv      skipped;
  StiMtaStsEvidence *mta_sts;
};

G_DEFINE_FINAL_TYPE (StiDomainReport, sti_domain_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SCHEMA_VERSION,
  PROP_INPUT,
  PROP_DOMAIN,
  PROP_DOMAIN_UNICODE,
  PROP_STARTED_AT,
  PROP_FINISHED_AT,
  PROP_TOOL_VERSION,
  PROP_TRUST_STORE,
  PROP_RESOLVER,
  PROP_OPTIONS,
  PROP_HOSTS,
  PROP_DNS_EVIDENCE,
  PROP_FINDINGS,
  PROP_SKIPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_domain_report_finalize (GObject *object)
{
  StiDomainReport *self = (StiDomainReport *)object;

  g_clear_pointer (&self->input, g_free);
  g_clear_pointer (&self->domain, g_free);
  g_clear_pointer (&self->domain_unicode, g_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  g_clear_pointer (&self->tool_version, g_free);
  g_clear_pointer (&self->trust_store, g_free);
  g_clear_pointer (&self->resolver, g_free);
  g_clear_pointer (&self->options, g_variant_unref);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->dns_evidence, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_strfreev);
  g_clear_object (&self->mta_sts);

  G_OBJECT_CLASS (sti_domain_report_parent_class)->finalize (object);
}

static void
sti_domain_report_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  StiDomainReport *self = STI_DOMAIN_REPORT (object);

  switch (prop_id)
    {
    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, self->schema_version);
      break;

    case PROP_INPUT:
      g_value_set_string (value, self->input);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;

    case PROP_DOMAIN_UNICODE:
      g_value_set_string (value, self->domain_unicode);
      break;

    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;

    case PROP_FINISHED_AT:
      g_value_set_boxed (value, self->finished_at);
      break;

    case PROP_TOOL_VERSION:
      g_value_set_string (value, self->tool_version);
      break;

    case PROP_TRUST_STORE:
      g_value_set_string (value, self->trust_store);
      break;

    case PROP_RESOLVER:
      g_value_set_string (value, self->resolver);
      break;

    case PROP_OPTIONS:
      g_value_set_variant (value, self->options);
      break;

    case PROP_HOSTS:
      g_value_set_boxed (value, self->hosts);
      break;

    case PROP_DNS_EVIDENCE:
      g_value_set_boxed (value, self->dns_evidence);
      break;

    case PROP_FINDINGS:
      g_value_set_boxed (value, self->findings);
      break;

    case PROP_SKIPPED:
      g_value_set_boxed (value, self->skipped);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_domain_report_class_init (StiDomainReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_domain_report_finalize;
  object_class->get_property = sti_domain_report_get_property;

  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_int ("schema-version", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_INPUT] =
    g_param_spec_string ("input", NULL, NULL, NULL, flags);
  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_DOMAIN_UNICODE] =
    g_param_spec_string ("domain-unicode", NULL, NULL, NULL, flags);
  properties[PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FINISHED_AT] =
    g_param_spec_boxed ("finished-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TOOL_VERSION] =
    g_param_spec_string ("tool-version", NULL, NULL, NULL, flags);
  properties[PROP_TRUST_STORE] =
    g_param_spec_string ("trust-store", NULL, NULL, NULL, flags);
  properties[PROP_RESOLVER] =
    g_param_spec_string ("resolver", NULL, NULL, NULL, flags);
  properties[PROP_OPTIONS] =
    g_param_spec_variant ("options", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL, flags);
  properties[PROP_HOSTS] =
    g_param_spec_boxed ("hosts", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_DNS_EVIDENCE] =
    g_param_spec_boxed ("dns-evidence", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_FINDINGS] =
    g_param_spec_boxed ("findings", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_SKIPPED] =
    g_param_spec_boxed ("skipped", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_domain_report_init (StiDomainReport *self)
{
  self->input = g_strdup ("");
  self->domain = g_strdup ("");
  self->domain_unicode = g_strdup ("");
  self->tool_version = g_strdup ("");
  self->options = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  self->hosts = g_ptr_array_new_with_free_func (g_object_unref);
  self->dns_evidence = g_ptr_array_new_with_free_func (g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  self->skipped = g_new0 (char *, 1);
  self->schema_version = STI_REPORT_SCHEMA_VERSION;
  g_free (self->tool_version);
  self->tool_version = g_strdup (PACKAGE_VERSION);
  self->started_at = g_date_time_new_now_utc ();
}

StiDomainReport *
sti_domain_report_new (void)
{
  return g_object_new (STI_TYPE_DOMAIN_REPORT, NULL);
}

int
sti_domain_report_get_schema_version (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), 0);
  return self->schema_version;
}

const char *
sti_domain_report_get_input (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->input;
}

const char *
sti_domain_report_get_domain (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->domain;
}

const char *
sti_domain_report_get_domain_unicode (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->domain_unicode;
}

GDateTime *
sti_domain_report_get_started_at (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->started_at;
}

/* Returns: (transfer none) (nullable) */
GDateTime *
sti_domain_report_get_finished_at (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->finished_at;
}

const char *
sti_domain_report_get_tool_version (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->tool_version;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_domain_report_get_trust_store (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->trust_store;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_domain_report_get_resolver (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->resolver;
}

GVariant *
sti_domain_report_get_options (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->options;
}

/**
 * sti_domain_report_get_hosts:
 *
 * Returns: (transfer none) (element-type StiHostReport): never %NULL
 */
GPtrArray *
sti_domain_report_get_hosts (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->hosts;
}

/**
 * sti_domain_report_get_dns_evidence:
 *
 * Returns: (transfer none) (element-type StiDnsEvidence): never %NULL
 */
GPtrArray *
sti_domain_report_get_dns_evidence (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->dns_evidence;
}

/**
 * sti_domain_report_get_findings:
 *
 * Returns: (transfer none) (element-type StiFinding): never %NULL
 */
GPtrArray *
sti_domain_report_get_findings (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->findings;
}

const char * const *
sti_domain_report_get_skipped (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return (const char * const *)self->skipped;
}

void
sti_domain_report_set_input (StiDomainReport *self,
                             const char      *input)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (input != NULL);

  g_free (self->input);
  self->input = sti_text_clean (input);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT]);
}

void
sti_domain_report_set_domain (StiDomainReport *self,
                              const char      *domain)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (domain != NULL);

  g_free (self->domain);
  self->domain = sti_text_clean (domain);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
}

void
sti_domain_report_set_domain_unicode (StiDomainReport *self,
                                      const char      *domain_unicode)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (domain_unicode != NULL);

  g_free (self->domain_unicode);
  self->domain_unicode = sti_text_clean (domain_unicode);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN_UNICODE]);
}

void
sti_domain_report_set_started_at (StiDomainReport *self,
                                  GDateTime       *started_at)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));

  g_clear_pointer (&self->started_at, g_date_time_unref);
  if (started_at != NULL)
    self->started_at = g_date_time_to_utc (started_at);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED_AT]);
}

void
sti_domain_report_set_finished_at (StiDomainReport *self,
                                   GDateTime       *finished_at)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));

  g_clear_pointer (&self->finished_at, g_date_time_unref);
  if (finished_at != NULL)
    self->finished_at = g_date_time_to_utc (finished_at);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED_AT]);
}

void
sti_domain_report_set_tool_version (StiDomainReport *self,
                                    const char      *tool_version)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (tool_version != NULL);

  g_free (self->tool_version);
  self->tool_version = sti_text_clean (tool_version);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL_VERSION]);
}

void
sti_domain_report_set_trust_store (StiDomainReport *self,
                                   const char      *trust_store)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));

  g_free (self->trust_store);
  self->trust_store = NULL;
  if (trust_store != NULL)
    self->trust_store = sti_text_clean (trust_store);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUST_STORE]);
}

void
sti_domain_report_set_resolver (StiDomainReport *self,
                                const char      *resolver)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));

  g_free (self->resolver);
  self->resolver = NULL;
  if (resolver != NULL)
    self->resolver = sti_text_clean (resolver);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVER]);
}

void
sti_domain_report_set_options (StiDomainReport *self,
                               GVariant        *options)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (options == NULL || g_variant_is_of_type (options, G_VARIANT_TYPE_VARDICT));

  g_clear_pointer (&self->options, g_variant_unref);
  if (options != NULL)
    {
      g_variant_ref_sink (options);
      self->options = sti_report_canonical_vardict (options);
      g_variant_unref (options);
    }
  else
    self->options = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIONS]);
}

void
sti_domain_report_add_host (StiDomainReport *self,
                            StiHostReport   *host)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (STI_IS_HOST_REPORT (host));

  g_ptr_array_add (self->hosts, g_object_ref (host));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTS]);
}

void
sti_domain_report_add_dns_evidence (StiDomainReport *self,
                                    StiDnsEvidence  *dns_evidence)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (STI_IS_DNS_EVIDENCE (dns_evidence));

  g_ptr_array_add (self->dns_evidence, g_object_ref (dns_evidence));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DNS_EVIDENCE]);
}

void
sti_domain_report_add_finding (StiDomainReport *self,
                               StiFinding      *finding)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (STI_IS_FINDING (finding));

  g_ptr_array_add (self->findings, sti_report_clean_finding (finding));
  sti_findings_sort (self->findings);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

void
sti_domain_report_set_skipped (StiDomainReport    *self,
                               const char * const *skipped)
{
  GStrv copy;
  guint n;

  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));

  n = skipped != NULL ? g_strv_length ((char **)skipped) : 0;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = sti_text_clean (skipped[i]);
  g_strfreev (self->skipped);
  self->skipped = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKIPPED]);
}

/* @mta_sts: (nullable): the MTA-STS policy fetch; %NULL when none was made */
void
sti_domain_report_set_mta_sts (StiDomainReport   *self,
                               StiMtaStsEvidence *mta_sts)
{
  g_return_if_fail (STI_IS_DOMAIN_REPORT (self));
  g_return_if_fail (mta_sts == NULL || STI_IS_MTA_STS_EVIDENCE (mta_sts));

  g_set_object (&self->mta_sts, mta_sts);
}

/**
 * sti_domain_report_get_mta_sts:
 *
 * Returns: (transfer none) (nullable): the MTA-STS policy fetch, or %NULL
 *   when the domain publishes no usable MTA-STS record or its policy host
 *   has no address
 */
StiMtaStsEvidence *
sti_domain_report_get_mta_sts (StiDomainReport *self)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);
  return self->mta_sts;
}

static gboolean
differs (const char *member)
{
  g_debug ("Reports differ in %s", member);
  return FALSE;
}

/* Deep comparison, for round-trip tests and change detection. Says
 * which member differs with G_MESSAGES_DEBUG=all. */
gboolean
sti_domain_report_equal (StiDomainReport *a,
                         StiDomainReport *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (a->schema_version != b->schema_version)
    return differs ("DomainReport.schema_version");
  if (g_strcmp0 (a->input, b->input) != 0)
    return differs ("DomainReport.input");
  if (g_strcmp0 (a->domain, b->domain) != 0)
    return differs ("DomainReport.domain");
  if (g_strcmp0 (a->domain_unicode, b->domain_unicode) != 0)
    return differs ("DomainReport.domain_unicode");
  if ((a->started_at == NULL) != (b->started_at == NULL) ||
      (a->started_at != NULL && !g_date_time_equal (a->started_at, b->started_at)))
    return differs ("DomainReport.started_at");
  if ((a->finished_at == NULL) != (b->finished_at == NULL) ||
      (a->finished_at != NULL && !g_date_time_equal (a->finished_at, b->finished_at)))
    return differs ("DomainReport.finished_at");
  if (g_strcmp0 (a->tool_version, b->tool_version) != 0)
    return differs ("DomainReport.tool_version");
  if (g_strcmp0 (a->trust_store, b->trust_store) != 0)
    return differs ("DomainReport.trust_store");
  if (g_strcmp0 (a->resolver, b->resolver) != 0)
    return differs ("DomainReport.resolver");
  if (!g_variant_equal (a->options, b->options))
    return differs ("DomainReport.options");
  if (a->hosts->len != b->hosts->len)
    return differs ("DomainReport.hosts");
  for (guint i = 0; i < a->hosts->len; i++)
    {
      if (!sti_host_report_equal (g_ptr_array_index (a->hosts, i),
                                  g_ptr_array_index (b->hosts, i)))
        return differs ("DomainReport.hosts");
    }
  if (a->dns_evidence->len != b->dns_evidence->len)
    return differs ("DomainReport.dns_evidence");
  for (guint i = 0; i < a->dns_evidence->len; i++)
    {
      if (!sti_dns_evidence_equal (g_ptr_array_index (a->dns_evidence, i),
                                   g_ptr_array_index (b->dns_evidence, i)))
        return differs ("DomainReport.dns_evidence");
    }
  if (a->findings->len != b->findings->len)
    return differs ("DomainReport.findings");
  for (guint i = 0; i < a->findings->len; i++)
    {
      if (!sti_report_finding_equal (g_ptr_array_index (a->findings, i),
                                     g_ptr_array_index (b->findings, i)))
        return differs ("DomainReport.findings");
    }
  if (!g_strv_equal ((const char * const *)a->skipped, (const char * const *)b->skipped))
    return differs ("DomainReport.skipped");
  if (!sti_mta_sts_evidence_equal (a->mta_sts, b->mta_sts))
    return differs ("DomainReport.mta_sts");

  return TRUE;
}

static void
collect_into (GPtrArray *out,
              GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (out, g_object_ref (g_ptr_array_index (findings, i)));
}

/**
 * sti_domain_report_collect_findings:
 *
 * Returns: (transfer full) (element-type StiFinding): every finding of the
 *   report (domain, hosts, endpoints), worst first
 */
GPtrArray *
sti_domain_report_collect_findings (StiDomainReport *self)
{
  GPtrArray *all;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);

  all = g_ptr_array_new_with_free_func (g_object_unref);
  collect_into (all, self->findings);

  for (guint i = 0; i < self->hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (self->hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      collect_into (all, sti_host_report_get_findings (host));
      for (guint j = 0; j < endpoints->len; j++)
        collect_into (all, sti_endpoint_report_get_findings (g_ptr_array_index (endpoints, j)));
    }

  sti_findings_sort (all);

  return all;
}

static guint
count_in (GPtrArray   *findings,
          StiSeverity  severity)
{
  guint count = 0;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      if (sti_finding_get_severity (g_ptr_array_index (findings, i)) == severity)
        count++;
    }

  return count;
}

/* Counts ALL findings of @severity: domain, hosts and endpoints. Counting
 * needs no sorted copy: the verdict and every export count several times
 * per report. */
guint
sti_domain_report_count_by_severity (StiDomainReport *self,
                                     StiSeverity      severity)
{
  guint count;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), 0);

  count = count_in (self->findings, severity);
  for (guint i = 0; i < self->hosts->len; i++)
    {
      StiHostReport *host = g_ptr_array_index (self->hosts, i);
      GPtrArray *endpoints = sti_host_report_get_endpoints (host);

      count += count_in (sti_host_report_get_findings (host), severity);
      for (guint j = 0; j < endpoints->len; j++)
        count += count_in (sti_endpoint_report_get_findings (g_ptr_array_index (endpoints, j)),
                           severity);
    }

  return count;
}

guint
sti_domain_report_get_endpoint_count (StiDomainReport *self)
{
  guint count = 0;

  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), 0);

  for (guint i = 0; i < self->hosts->len; i++)
    count += sti_host_report_get_endpoints (g_ptr_array_index (self->hosts, i))->len;

  return count;
}

/**
 * sti_domain_report_find_dns_evidence:
 * @qname: a name (case and a trailing dot do not matter)
 * @qtype: a type name, e.g. "TXT"
 *
 * Returns: (transfer none) (nullable): the first answer the check got for
 *   @qname and @qtype
 */
StiDnsEvidence *
sti_domain_report_find_dns_evidence (StiDomainReport *self,
                                     const char      *qname,
                                     const char      *qtype)
{
  g_return_val_if_fail (STI_IS_DOMAIN_REPORT (self), NULL);

  for (guint i = 0; i < self->dns_evidence->len; i++)
    {
      StiDnsEvidence *e = g_ptr_array_index (self->dns_evidence, i);

      if (sti_dns_name_equal (sti_dns_evidence_get_qname (e), qname) &&
          g_strcmp0 (sti_dns_evidence_get_qtype (e), qtype) == 0)
        return e;
    }

  return NULL;
}
