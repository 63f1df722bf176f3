/* sti-dns-evidence.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-evidence.h"

#include "sti-base-enums.h"
#include "sti-dns-answer.h"
#include "sti-dns-evidence-private.h"
#include "sti-text.h"

#include <glib/gi18n.h>
#include <string.h>

/* One DNS answer as evidence: what was asked, what came back, how it validated.
 * Immutable once published (DESIGN.md, Data flow); built through
 * sti-report-private.h. */
struct _StiDnsEvidence
{
  GObject parent_instance;

  char            *qname;
  char            *qtype;
  char            *result;
  int              rcode;
  gint64           ttl;
  StiDnssecStatus  dnssec;
  char            *why_bogus;
  GStrv            records;
};

G_DEFINE_FINAL_TYPE (StiDnsEvidence, sti_dns_evidence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QNAME,
  PROP_QTYPE,
  PROP_RESULT,
  PROP_RCODE,
  PROP_TTL,
  PROP_DNSSEC,
  PROP_WHY_BOGUS,
  PROP_RECORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_dns_evidence_finalize (GObject *object)
{
  StiDnsEvidence *self = (StiDnsEvidence *)object;

  g_clear_pointer (&self->qname, g_free);
  g_clear_pointer (&self->qtype, g_free);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->why_bogus, g_free);
  g_clear_pointer (&self->records, g_strfreev);

  G_OBJECT_CLASS (sti_dns_evidence_parent_class)->finalize (object);
}

static void
sti_dns_evidence_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  StiDnsEvidence *self = STI_DNS_EVIDENCE (object);

  switch (prop_id)
    {
    case PROP_QNAME:
      g_value_set_string (value, self->qname);
      break;

    case PROP_QTYPE:
      g_value_set_string (value, self->qtype);
      break;

    case PROP_RESULT:
      g_value_set_string (value, self->result);
      break;

    case PROP_RCODE:
      g_value_set_int (value, self->rcode);
      break;

    case PROP_TTL:
      g_value_set_int64 (value, self->ttl);
      break;

    case PROP_DNSSEC:
      g_value_set_enum (value, self->dnssec);
      break;

    case PROP_WHY_BOGUS:
      g_value_set_string (value, self->why_bogus);
      break;

    case PROP_RECORDS:
      g_value_set_boxed (value, self->records);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_dns_evidence_class_init (StiDnsEvidenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_dns_evidence_finalize;
  object_class->get_property = sti_dns_evidence_get_property;

  properties[PROP_QNAME] =
    g_param_spec_string ("qname", NULL, NULL, NULL, flags);
  properties[PROP_QTYPE] =
    g_param_spec_string ("qtype", NULL, NULL, NULL, flags);
  properties[PROP_RESULT] =
    g_param_spec_string ("result", NULL, NULL, NULL, flags);
  properties[PROP_RCODE] =
    g_param_spec_int ("rcode", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_TTL] =
    g_param_spec_int64 ("ttl", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DNSSEC] =
    g_param_spec_enum ("dnssec",
                       NULL,
                       NULL,
                       STI_TYPE_DNSSEC_STATUS,
                       STI_DNSSEC_NOT_VALIDATED,
                       flags);
  properties[PROP_WHY_BOGUS] =
    g_param_spec_string ("why-bogus", NULL, NULL, NULL, flags);
  properties[PROP_RECORDS] =
    g_param_spec_boxed ("records", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_dns_evidence_init (StiDnsEvidence *self)
{
  self->qname = g_strdup ("");
  self->qtype = g_strdup ("");
  self->result = g_strdup ("");
  self->dnssec = STI_DNSSEC_NOT_VALIDATED;
  self->records = g_new0 (char *, 1);
}

StiDnsEvidence *
sti_dns_evidence_new (void)
{
  return g_object_new (STI_TYPE_DNS_EVIDENCE, NULL);
}

const char *
sti_dns_evidence_get_qname (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), NULL);
  return self->qname;
}

const char *
sti_dns_evidence_get_qtype (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), NULL);
  return self->qtype;
}

const char *
sti_dns_evidence_get_result (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), NULL);
  return self->result;
}

int
sti_dns_evidence_get_rcode (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), 0);
  return self->rcode;
}

gint64
sti_dns_evidence_get_ttl (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), 0);
  return self->ttl;
}

StiDnssecStatus
sti_dns_evidence_get_dnssec (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), 0);
  return self->dnssec;
}

/* Returns: (transfer none) (nullable) */
const char *
sti_dns_evidence_get_why_bogus (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), NULL);
  return self->why_bogus;
}

const char * const *
sti_dns_evidence_get_records (StiDnsEvidence *self)
{
  g_return_val_if_fail (STI_IS_DNS_EVIDENCE (self), NULL);
  return (const char * const *)self->records;
}

void
sti_dns_evidence_set_qname (StiDnsEvidence *self,
                            const char     *qname)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));
  g_return_if_fail (qname != NULL);

  g_free (self->qname);
  self->qname = sti_text_clean (qname);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QNAME]);
}

void
sti_dns_evidence_set_qtype (StiDnsEvidence *self,
                            const char     *qtype)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));
  g_return_if_fail (qtype != NULL);

  g_free (self->qtype);
  self->qtype = sti_text_clean (qtype);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QTYPE]);
}

void
sti_dns_evidence_set_result (StiDnsEvidence *self,
                             const char     *result)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));
  g_return_if_fail (result != NULL);

  g_free (self->result);
  self->result = sti_text_clean (result);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
}

void
sti_dns_evidence_set_rcode (StiDnsEvidence *self,
                            int             rcode)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));

  self->rcode = rcode;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RCODE]);
}

void
sti_dns_evidence_set_ttl (StiDnsEvidence *self,
                          gint64          ttl)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));

  self->ttl = ttl;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TTL]);
}

void
sti_dns_evidence_set_dnssec (StiDnsEvidence  *self,
                             StiDnssecStatus  dnssec)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));

  self->dnssec = dnssec;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DNSSEC]);
}

void
sti_dns_evidence_set_why_bogus (StiDnsEvidence *self,
                                const char     *why_bogus)
{
  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));

  g_free (self->why_bogus);
  self->why_bogus = NULL;
  if (why_bogus != NULL)
    self->why_bogus = sti_text_clean (why_bogus);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHY_BOGUS]);
}

void
sti_dns_evidence_set_records (StiDnsEvidence     *self,
                              const char * const *records)
{
  GStrv copy;
  guint n;

  g_return_if_fail (STI_IS_DNS_EVIDENCE (self));

  n = records != NULL ? g_strv_length ((char **)records) : 0;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = sti_text_clean (records[i]);
  g_strfreev (self->records);
  self->records = copy;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDS]);
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
sti_dns_evidence_equal (StiDnsEvidence *a,
                        StiDnsEvidence *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (g_strcmp0 (a->qname, b->qname) != 0)
    return differs ("DnsEvidence.qname");
  if (g_strcmp0 (a->qtype, b->qtype) != 0)
    return differs ("DnsEvidence.qtype");
  if (g_strcmp0 (a->result, b->result) != 0)
    return differs ("DnsEvidence.result");
  if (a->rcode != b->rcode)
    return differs ("DnsEvidence.rcode");
  if (a->ttl != b->ttl)
    return differs ("DnsEvidence.ttl");
  if (a->dnssec != b->dnssec)
    return differs ("DnsEvidence.dnssec");
  if (g_strcmp0 (a->why_bogus, b->why_bogus) != 0)
    return differs ("DnsEvidence.why_bogus");
  if (!g_strv_equal ((const char * const *)a->records, (const char * const *)b->records))
    return differs ("DnsEvidence.records");

  return TRUE;
}

/**
 * sti_dns_evidence_dup_failure:
 * @self: (nullable): the answer to a policy lookup
 *
 * A failed lookup says nothing about whether the record exists: it must
 * never read as "not published".
 *
 * Returns: (transfer full) (nullable): that the lookup failed and why, or
 *   %NULL when an answer came (with records, NODATA or NXDOMAIN)
 */
char *
sti_dns_evidence_dup_failure (StiDnsEvidence *self)
{
  StiDnsRcodeKind kind;

  if (self == NULL || !sti_dns_rcode_kind_from_string (self->result, &kind) ||
      kind == STI_DNS_RCODE_KIND_NOERROR || kind == STI_DNS_RCODE_KIND_NODATA ||
      kind == STI_DNS_RCODE_KIND_NXDOMAIN)
    return NULL;

  /* Translators: %s says why a DNS lookup failed, e.g. "No answer in time" */
  return g_strdup_printf (_("Unknown: the lookup failed (%s)"),
                          sti_dns_rcode_kind_get_label (kind));
}
