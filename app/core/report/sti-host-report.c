/* sti-host-report.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-host-report.h"

#include "sti-base-enums.h"
#include "sti-host-report-private.h"
#include "sti-report-clean.h"
#include "sti-text.h"

#include <string.h>

/* One MX host (or the implicit MX) and its endpoints.
 * Immutable once published (DESIGN.md, Data flow); built through
 * sti-report-private.h. */
struct _StiHostReport
{
  GObject parent_instance;

  char      *name;
  char      *name_unicode;
  int        preference;
  gboolean   implicit;
  guint      beyond_mx_cap;
  GPtrArray *endpoints;
  GPtrArray *findings;
};

G_DEFINE_FINAL_TYPE (StiHostReport, sti_host_report, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_NAME_UNICODE,
  PROP_PREFERENCE,
  PROP_IMPLICIT,
  PROP_ENDPOINTS,
  PROP_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sti_host_report_finalize (GObject *object)
{
  StiHostReport *self = (StiHostReport *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_unicode, g_free);
  g_clear_pointer (&self->endpoints, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (sti_host_report_parent_class)->finalize (object);
}

static void
sti_host_report_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  StiHostReport *self = STI_HOST_REPORT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_NAME_UNICODE:
      g_value_set_string (value, self->name_unicode);
      break;

    case PROP_PREFERENCE:
      g_value_set_int (value, self->preference);
      break;

    case PROP_IMPLICIT:
      g_value_set_boolean (value, self->implicit);
      break;

    case PROP_ENDPOINTS:
      g_value_set_boxed (value, self->endpoints);
      break;

    case PROP_FINDINGS:
      g_value_set_boxed (value, self->findings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sti_host_report_class_init (StiHostReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sti_host_report_finalize;
  object_class->get_property = sti_host_report_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_NAME_UNICODE] =
    g_param_spec_string ("name-unicode", NULL, NULL, NULL, flags);
  properties[PROP_PREFERENCE] =
    g_param_spec_int ("preference", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_IMPLICIT] =
    g_param_spec_boolean ("implicit", NULL, NULL, FALSE, flags);
  properties[PROP_ENDPOINTS] =
    g_param_spec_boxed ("endpoints", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_FINDINGS] =
    g_param_spec_boxed ("findings", NULL, NULL, G_TYPE_PTR_ARRAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sti_host_report_init (StiHostReport *self)
{
  self->name = g_strdup ("");
  self->name_unicode = g_strdup ("");
  self->endpoints = g_ptr_array_new_with_free_func (g_object_unref);
  self->findings = g_ptr_array_new_with_free_func (g_object_unref);
}

StiHostReport *
sti_host_report_new (void)
{
  return g_object_new (STI_TYPE_HOST_REPORT, NULL);
}

const char *
sti_host_report_get_name (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), NULL);
  return self->name;
}

const char *
sti_host_report_get_name_unicode (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), NULL);
  return self->name_unicode;
}

int
sti_host_report_get_preference (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), 0);
  return self->preference;
}

gboolean
sti_host_report_get_implicit (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), FALSE);
  return self->implicit;
}

/**
 * sti_host_report_get_endpoints:
 *
 * Returns: (transfer none) (element-type StiEndpointReport): never %NULL
 */
GPtrArray *
sti_host_report_get_endpoints (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), NULL);
  return self->endpoints;
}

/**
 * sti_host_report_get_findings:
 *
 * Returns: (transfer none) (element-type StiFinding): never %NULL
 */
GPtrArray *
sti_host_report_get_findings (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), NULL);
  return self->findings;
}

void
sti_host_report_set_name (StiHostReport *self,
                          const char    *name)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));
  g_return_if_fail (name != NULL);

  g_free (self->name);
  self->name = sti_text_clean (name);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
sti_host_report_set_name_unicode (StiHostReport *self,
                                  const char    *name_unicode)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));
  g_return_if_fail (name_unicode != NULL);

  g_free (self->name_unicode);
  self->name_unicode = sti_text_clean (name_unicode);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME_UNICODE]);
}

void
sti_host_report_set_preference (StiHostReport *self,
                                int            preference)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));

  self->preference = preference;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERENCE]);
}

void
sti_host_report_set_implicit (StiHostReport *self,
                              gboolean       implicit)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));

  self->implicit = !!implicit;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPLICIT]);
}

void
sti_host_report_add_endpoint (StiHostReport     *self,
                              StiEndpointReport *endpoint)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));
  g_return_if_fail (STI_IS_ENDPOINT_REPORT (endpoint));

  g_ptr_array_add (self->endpoints, g_object_ref (endpoint));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINTS]);
}

void
sti_host_report_add_finding (StiHostReport *self,
                             StiFinding    *finding)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));
  g_return_if_fail (STI_IS_FINDING (finding));

  g_ptr_array_add (self->findings, sti_report_clean_finding (finding));
  sti_findings_sort (self->findings);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINDINGS]);
}

/**
 * sti_host_report_get_beyond_mx_cap:
 *
 * Returns: the MX cap this host fell beyond (so it was neither looked up
 *   nor probed), or 0 when it was checked
 */
guint
sti_host_report_get_beyond_mx_cap (StiHostReport *self)
{
  g_return_val_if_fail (STI_IS_HOST_REPORT (self), 0);

  return self->beyond_mx_cap;
}

void
sti_host_report_set_beyond_mx_cap (StiHostReport *self,
                                   guint          mx_cap)
{
  g_return_if_fail (STI_IS_HOST_REPORT (self));

  self->beyond_mx_cap = mx_cap;
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
sti_host_report_equal (StiHostReport *a,
                       StiHostReport *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (g_strcmp0 (a->name, b->name) != 0)
    return differs ("HostReport.name");
  if (g_strcmp0 (a->name_unicode, b->name_unicode) != 0)
    return differs ("HostReport.name_unicode");
  if (a->preference != b->preference)
    return differs ("HostReport.preference");
  if (a->implicit != b->implicit)
    return differs ("HostReport.implicit");
  if (a->beyond_mx_cap != b->beyond_mx_cap)
    return differs ("HostReport.beyond_mx_cap");
  if (a->endpoints->len != b->endpoints->len)
    return differs ("HostReport.endpoints");
  for (guint i = 0; i < a->endpoints->len; i++)
    {
      if (!sti_endpoint_report_equal (g_ptr_array_index (a->endpoints, i),
                                      g_ptr_array_index (b->endpoints, i)))
        return differs ("HostReport.endpoints");
    }
  if (a->findings->len != b->findings->len)
    return differs ("HostReport.findings");
  for (guint i = 0; i < a->findings->len; i++)
    {
      if (!sti_report_finding_equal (g_ptr_array_index (a->findings, i),
                                     g_ptr_array_index (b->findings, i)))
        return differs ("HostReport.findings");
    }

  return TRUE;
}
