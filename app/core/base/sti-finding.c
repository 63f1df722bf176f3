/* sti-finding.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding.h"

#include "sti-base-enums.h"
#include "sti-finding-registry.h"

/* A finding is data (DESIGN.md, decision 4): a stable id, a severity, typed
 * parameters and a one-line technical detail. The severity and the words a
 * user reads come from the finding registry keyed by the id. */
struct _StiFinding
{
  GObject parent_instance;

  char        *id;
  StiSeverity  severity;
  GVariant    *params;
  char        *detail;

  /* What it is about, read once from the params: sorting compares them. */
  char        *subject;
  gint64       position;
};

G_DEFINE_FINAL_TYPE (StiFinding, sti_finding, G_TYPE_OBJECT)

/* The parameters that name what a finding is about, in the order they are
 * looked for: an MX host (MTA-STS, DNS), an mx pattern of a policy, a
 * published record, a reporting URI. */
static const char * const subject_keys[] = { "host", "pattern", "record", "uri" };

enum {
  PROP_0,
  PROP_ID,
  PROP_SEVERITY,
  PROP_PARAMS,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_finding_finalize (GObject *object)
{
  StiFinding *self = (StiFinding *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->params, g_variant_unref);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->subject, g_free);

  G_OBJECT_CLASS (sti_finding_parent_class)->finalize (object);
}

static void
sti_finding_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StiFinding *self = STI_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, sti_finding_get_id (self));
      break;

    case PROP_SEVERITY:
      g_value_set_enum (value, sti_finding_get_severity (self));
      break;

    case PROP_PARAMS:
      g_value_set_variant (value, sti_finding_get_params (self));
      break;

    case PROP_DETAIL:
      g_value_set_string (value, sti_finding_get_detail (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_finding_class_init (StiFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sti_finding_finalize;
  object_class->get_property = sti_finding_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       STI_TYPE_SEVERITY, STI_SEVERITY_INFO,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_PARAMS] =
    g_param_spec_variant ("params", NULL, NULL,
                          G_VARIANT_TYPE_VARDICT, NULL,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_finding_init (StiFinding *self)
{
}

/**
 * sti_finding_new_with_severity:
 * @id: a finding id
 * @severity: how bad it is
 * @params: (nullable) (transfer floating): typed parameters, an `a{sv}`
 * @detail: (nullable): one line of technical detail, already sanitized
 *
 * For findings whose severity is already decided: a report loaded from
 * JSON or cleaned keeps the severity it recorded, whatever this version's
 * registry says (or whether it knows the id at all). Checks use
 * sti_finding_new().
 *
 * Returns: (transfer full): a new immutable finding
 */
StiFinding *
sti_finding_new_with_severity (const char  *id,
                               StiSeverity  severity,
                               GVariant    *params,
                               const char  *detail)
{
  StiFinding *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (params == NULL || g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT),
                        NULL);

  self = g_object_new (STI_TYPE_FINDING, NULL);
  self->id = g_strdup (id);
  self->severity = severity;
  if (params != NULL)
    self->params = g_variant_ref_sink (params);
  else
    self->params = g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  self->detail = g_strdup (detail != NULL ? detail : "");
  self->position = -1;
  sti_finding_get_param_int64 (self, "position", &self->position);
  for (guint i = 0; i < G_N_ELEMENTS (subject_keys) && self->subject == NULL; i++)
    {
      const char *value = sti_finding_get_param_string (self, subject_keys[i]);

      if (value != NULL && value[0] != '\0')
        self->subject = g_strdup (value);
    }

  return self;
}

/**
 * sti_finding_new:
 * @id: a finding id of the registry, e.g. "cert-expired"
 * @params: (nullable) (transfer floating): typed parameters, an `a{sv}`
 * @detail: (nullable): one line of technical detail, already sanitized
 *
 * The severity is the registry's for @id with @params
 * (sti_finding_severity_for()).
 *
 * Returns: (transfer full): a new immutable finding
 */
StiFinding *
sti_finding_new (const char *id,
                 GVariant   *params,
                 const char *detail)
{
  g_autoptr(GVariant) owned = params != NULL ? g_variant_ref_sink (params) : NULL;

  g_return_val_if_fail (id != NULL, NULL);

  return sti_finding_new_with_severity (id, sti_finding_severity_for (id, owned), owned, detail);
}

StiFinding *
sti_finding_new_printf (const char *id,
                        GVariant   *params,
                        const char *detail_format,
                        ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  return sti_finding_new (id, params, detail);
}

const char *
sti_finding_get_id (StiFinding *self)
{
  g_return_val_if_fail (STI_IS_FINDING (self), NULL);
  return self->id;
}

StiSeverity
sti_finding_get_severity (StiFinding *self)
{
  g_return_val_if_fail (STI_IS_FINDING (self), STI_SEVERITY_INFO);
  return self->severity;
}

const char *
sti_finding_get_detail (StiFinding *self)
{
  g_return_val_if_fail (STI_IS_FINDING (self), NULL);
  return self->detail;
}

/**
 * sti_finding_get_params:
 *
 * Returns: (transfer none): the parameters, an `a{sv}`, never %NULL
 */
GVariant *
sti_finding_get_params (StiFinding *self)
{
  g_return_val_if_fail (STI_IS_FINDING (self), NULL);
  return self->params;
}

/**
 * sti_finding_param_is_multiline:
 * @key: a param name
 *
 * The one rule for which params hold lines: a PEM block ("*_pem") and the
 * suggested records and files ("fix_*"). Their line breaks are kept as
 * real "\n" in the model, the JSON and the fix texts, so they can be
 * pasted; every other param is one line.
 *
 * Returns: %TRUE when @key names multi-line text
 */
gboolean
sti_finding_param_is_multiline (const char *key)
{
  g_return_val_if_fail (key != NULL, FALSE);

  return g_str_has_suffix (key, "_pem") || g_str_has_prefix (key, "fix_");
}

const char *
sti_finding_get_param_string (StiFinding *self,
                              const char *key)
{
  const char *value = NULL;

  g_return_val_if_fail (STI_IS_FINDING (self), NULL);

  if (!g_variant_lookup (self->params, key, "&s", &value))
    return NULL;
  return value;
}

gboolean
sti_finding_get_param_int64 (StiFinding *self,
                             const char *key,
                             gint64     *value)
{
  g_return_val_if_fail (STI_IS_FINDING (self), FALSE);

  return sti_finding_params_lookup_int64 (self->params, key, value);
}

/**
 * sti_finding_get_subject:
 *
 * What the finding is about beyond where it was found: the MX host a
 * domain-level MTA-STS finding names, the mx pattern, the record or the
 * URI. Two findings with one id and one place differ by it.
 *
 * Returns: (nullable): the subject, or %NULL when the finding has none
 */
const char *
sti_finding_get_subject (StiFinding *self)
{
  g_return_val_if_fail (STI_IS_FINDING (self), NULL);

  return self->subject;
}

/* Worst first, then by id, then by what it is about (its subject, then the
 * certificate position), so that output is stable. */
int
sti_finding_compare (StiFinding *a,
                     StiFinding *b)
{
  int cmp;

  if (a->severity != b->severity)
    return a->severity > b->severity ? -1 : 1;
  if ((cmp = g_strcmp0 (a->id, b->id)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (a->subject, b->subject)) != 0)
    return cmp;
  return a->position < b->position ? -1 : a->position > b->position;
}

/**
 * sti_findings_add:
 * @findings: (nullable) (element-type StiFinding): where findings are kept,
 *   or %NULL when the caller does not want them
 * @id: a finding id of the registry
 * @params: (nullable) (transfer floating): as for sti_finding_new()
 * @detail: (nullable): as for sti_finding_new()
 *
 * Adds a new finding to @findings; with %NULL @findings, only consumes
 * @params.
 */
void
sti_findings_add (GPtrArray  *findings,
                  const char *id,
                  GVariant   *params,
                  const char *detail)
{
  g_return_if_fail (id != NULL);

  if (findings != NULL)
    g_ptr_array_add (findings, sti_finding_new (id, params, detail));
  else if (params != NULL)
    g_variant_unref (g_variant_ref_sink (params));
}

gboolean
sti_findings_contain (GPtrArray  *findings,
                      const char *id)
{
  if (findings == NULL)
    return FALSE;

  for (guint i = 0; i < findings->len; i++)
    {
      if (g_strcmp0 (sti_finding_get_id (g_ptr_array_index (findings, i)), id) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b)
{
  return sti_finding_compare (*(StiFinding **)a, *(StiFinding **)b);
}

/* Sorts worst first; g_ptr_array_sort_values() is GLib 2.76, above our floor. */
void
sti_findings_sort (GPtrArray *findings)
{
  g_return_if_fail (findings != NULL);
  g_ptr_array_sort (findings, compare_indirect);
}
