/* sti-dns-answer.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-dns-answer.h"

#include "sti-base-enums.h"
#include "sti-dns-enums.h"
#include "sti-dns-rdata.h"
#include "sti-text.h"

#include <glib/gi18n.h>

/* One DNS answer as evidence: what was asked, what came back (raw rdata,
 * exactly as the server sent it) and how far it can be trusted. Immutable;
 * the resolver builds it, checks and reports only read it. */
struct _StiDnsAnswer
{
  GObject parent_instance;

  char            *qname;
  guint16          qtype;
  StiDnsRcodeKind  result;
  int              rcode;
  char            *canonical_name;
  guint32          ttl;
  StiDnssecStatus  dnssec_status;
  char            *why_bogus;
  GPtrArray       *records;
};

G_DEFINE_FINAL_TYPE (StiDnsAnswer, sti_dns_answer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_QNAME,
  PROP_QTYPE,
  PROP_RESULT,
  PROP_RCODE,
  PROP_CANONICAL_NAME,
  PROP_TTL,
  PROP_DNSSEC_STATUS,
  PROP_WHY_BOGUS,
  PROP_RECORDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Names are printable ASCII in presentation form, where a backslash is an
 * escape and must survive; anything else goes through the sanitizer. */
static char *
sanitize_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p <= 0x20 || *p >= 0x7f)
        return sti_text_sanitize_str (name);
    }

  return g_strdup (name);
}

static void
sti_dns_answer_finalize (GObject *object)
{
  StiDnsAnswer *self = (StiDnsAnswer *)object;

  g_clear_pointer (&self->qname, g_free);
  g_clear_pointer (&self->canonical_name, g_free);
  g_clear_pointer (&self->why_bogus, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_dns_answer_parent_class)->finalize (object);
}

static void
sti_dns_answer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  StiDnsAnswer *self = STI_DNS_ANSWER (object);

  switch (prop_id)
    {
    case PROP_QNAME:
      g_value_set_string (value, sti_dns_answer_get_qname (self));
      break;

    case PROP_QTYPE:
      g_value_set_uint (value, sti_dns_answer_get_qtype (self));
      break;

    case PROP_RESULT:
      g_value_set_enum (value, sti_dns_answer_get_result (self));
      break;

    case PROP_RCODE:
      g_value_set_int (value, sti_dns_answer_get_rcode (self));
      break;

    case PROP_CANONICAL_NAME:
      g_value_set_string (value, sti_dns_answer_get_canonical_name (self));
      break;

    case PROP_TTL:
      g_value_set_uint (value, sti_dns_answer_get_ttl (self));
      break;

    case PROP_DNSSEC_STATUS:
      g_value_set_enum (value, sti_dns_answer_get_dnssec_status (self));
      break;

    case PROP_WHY_BOGUS:
      g_value_set_string (value, sti_dns_answer_get_why_bogus (self));
      break;

    case PROP_RECORDS:
      g_value_set_boxed (value, sti_dns_answer_get_records (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_dns_answer_class_init (StiDnsAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_dns_answer_finalize;
  object_class->get_property = sti_dns_answer_get_property;

  properties[PROP_QNAME] =
    g_param_spec_string ("qname", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_QTYPE] =
    g_param_spec_uint ("qtype", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RESULT] =
    g_param_spec_enum ("result", NULL, NULL,
                       STI_TYPE_DNS_RCODE_KIND, STI_DNS_RCODE_KIND_OTHER,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RCODE] =
    g_param_spec_int ("rcode", NULL, NULL,
                      -1, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CANONICAL_NAME] =
    g_param_spec_string ("canonical-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TTL] =
    g_param_spec_uint ("ttl", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DNSSEC_STATUS] =
    g_param_spec_enum ("dnssec-status", NULL, NULL,
                       STI_TYPE_DNSSEC_STATUS, STI_DNSSEC_NOT_VALIDATED,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_WHY_BOGUS] =
    g_param_spec_string ("why-bogus", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECORDS] =
    g_param_spec_boxed ("records", NULL, NULL,
                        G_TYPE_PTR_ARRAY,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_dns_answer_init (StiDnsAnswer *self)
{
}

/**
 * sti_dns_answer_new:
 * @qname: the name asked for
 * @qtype: the RR type asked for
 * @result: what became of the question
 * @rcode: the DNS RCODE, or -1 when there was none (timeout)
 * @canonical_name: (nullable): the name the records belong to after
 *   following CNAMEs; %NULL means @qname
 * @ttl: seconds
 * @dnssec_status: the validation outcome
 * @why_bogus: (nullable): the validator's reason when @dnssec_status is
 *   %STI_DNSSEC_BOGUS; sanitized here
 * @records: (nullable) (element-type GBytes): raw rdata; the array is copied,
 *   the bytes referenced
 *
 * Returns: (transfer full): a new immutable answer
 */
StiDnsAnswer *
sti_dns_answer_new (const char      *qname,
                    guint16          qtype,
                    StiDnsRcodeKind  result,
                    int              rcode,
                    const char      *canonical_name,
                    guint32          ttl,
                    StiDnssecStatus  dnssec_status,
                    const char      *why_bogus,
                    GPtrArray       *records)
{
  StiDnsAnswer *self;

  g_return_val_if_fail (qname != NULL, NULL);

  self = g_object_new (STI_TYPE_DNS_ANSWER, NULL);
  self->qname = sanitize_name (qname);
  self->qtype = qtype;
  self->result = result;
  self->rcode = rcode;
  self->canonical_name = sanitize_name (canonical_name != NULL ? canonical_name : qname);
  self->ttl = ttl;
  self->dnssec_status = dnssec_status;
  if (why_bogus != NULL)
    self->why_bogus = sti_text_sanitize_str (why_bogus);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  if (records != NULL)
    {
      for (guint i = 0; i < records->len; i++)
        g_ptr_array_add (self->records, g_bytes_ref (g_ptr_array_index (records, i)));
    }

  return self;
}

const char *
sti_dns_answer_get_qname (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), NULL);
  return self->qname;
}

guint16
sti_dns_answer_get_qtype (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), 0);
  return self->qtype;
}

StiDnsRcodeKind
sti_dns_answer_get_result (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), STI_DNS_RCODE_KIND_OTHER);
  return self->result;
}

/**
 * sti_dns_answer_get_rcode:
 *
 * Returns: the DNS RCODE (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, …),
 *   or -1 when no response came (timeout)
 */
int
sti_dns_answer_get_rcode (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), -1);
  return self->rcode;
}

/**
 * sti_dns_answer_get_canonical_name:
 *
 * Returns: the owner name of the records after CNAMEs were followed, never
 *   %NULL; compare it with sti_dns_answer_followed_cname(), not strcmp()
 */
const char *
sti_dns_answer_get_canonical_name (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), NULL);
  return self->canonical_name;
}

/**
 * sti_dns_answer_followed_cname:
 *
 * Returns: %TRUE if the canonical name differs from the name asked for,
 *   compared as DNS names (case and the trailing dot do not matter)
 */
gboolean
sti_dns_answer_followed_cname (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), FALSE);
  return !sti_dns_name_equal (self->qname, self->canonical_name);
}

guint32
sti_dns_answer_get_ttl (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), 0);
  return self->ttl;
}

StiDnssecStatus
sti_dns_answer_get_dnssec_status (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), STI_DNSSEC_NOT_VALIDATED);
  return self->dnssec_status;
}

/**
 * sti_dns_answer_get_why_bogus:
 *
 * Returns: (nullable): the validator's reason, sanitized for display
 */
const char *
sti_dns_answer_get_why_bogus (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), NULL);
  return self->why_bogus;
}

/**
 * sti_dns_answer_get_records:
 *
 * Returns: (transfer none) (element-type GBytes): the raw rdata of each
 *   record, in the order the resolver gave them; empty unless the result is
 *   %STI_DNS_RCODE_KIND_NOERROR. Hostile bytes: parse with sti-dns-rdata.h.
 */
GPtrArray *
sti_dns_answer_get_records (StiDnsAnswer *self)
{
  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), NULL);
  return self->records;
}

/**
 * sti_dns_answer_dup_presentation:
 *
 * Returns: (transfer full): each record in DNS presentation format,
 *   printable ASCII, safe to display; free with g_strfreev()
 */
char **
sti_dns_answer_dup_presentation (StiDnsAnswer *self)
{
  char **strv;

  g_return_val_if_fail (STI_IS_DNS_ANSWER (self), NULL);

  strv = g_new0 (char *, self->records->len + 1);
  for (guint i = 0; i < self->records->len; i++)
    strv[i] = sti_dns_rdata_to_presentation (self->qtype, g_ptr_array_index (self->records, i));

  return strv;
}

static const char * const rcode_kind_names[] = {
  [STI_DNS_RCODE_KIND_NOERROR] = "noerror",
  [STI_DNS_RCODE_KIND_NODATA] = "nodata",
  [STI_DNS_RCODE_KIND_NXDOMAIN] = "nxdomain",
  [STI_DNS_RCODE_KIND_SERVFAIL] = "servfail",
  [STI_DNS_RCODE_KIND_TIMEOUT] = "timeout",
  [STI_DNS_RCODE_KIND_OTHER] = "other",
};

/**
 * sti_dns_rcode_kind_to_string:
 *
 * Returns: a stable lower-case name for JSON ("noerror", "nodata", …)
 */
const char *
sti_dns_rcode_kind_to_string (StiDnsRcodeKind kind)
{
  g_return_val_if_fail (kind <= STI_DNS_RCODE_KIND_OTHER, NULL);
  return rcode_kind_names[kind];
}

/**
 * sti_dns_rcode_kind_get_label:
 *
 * Returns: what an answer of @kind means, in words for people ("No such
 *   domain"), translated
 */
const char *
sti_dns_rcode_kind_get_label (StiDnsRcodeKind kind)
{
  switch (kind)
    {
    case STI_DNS_RCODE_KIND_NOERROR:
      return C_("dns answer", "Found");
    case STI_DNS_RCODE_KIND_NODATA:
      return C_("dns answer", "The name exists, without a record of this type");
    case STI_DNS_RCODE_KIND_NXDOMAIN:
      return C_("dns answer", "No such name");
    case STI_DNS_RCODE_KIND_SERVFAIL:
      return C_("dns answer", "The DNS server failed to answer");
    case STI_DNS_RCODE_KIND_TIMEOUT:
      return C_("dns answer", "No answer in time");
    case STI_DNS_RCODE_KIND_OTHER:
    default:
      return C_("dns answer", "Refused or not understood");
    }
}

gboolean
sti_dns_rcode_kind_from_string (const char      *str,
                                StiDnsRcodeKind *kind)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rcode_kind_names); i++)
    {
      if (g_str_equal (str, rcode_kind_names[i]))
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}
