/* sti-report-clean.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-report-clean.h"

#include "sti-text.h"

/* The model holds clean text only: every setter of the report classes and
 * the JSON loader pass what they are given through sti_text_clean() and
 * these. */

gboolean
sti_report_finding_equal (StiFinding *a,
                          StiFinding *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (sti_finding_get_id (a), sti_finding_get_id (b)) == 0 &&
         sti_finding_get_severity (a) == sti_finding_get_severity (b) &&
         g_strcmp0 (sti_finding_get_detail (a), sti_finding_get_detail (b)) == 0 &&
         g_variant_equal (sti_finding_get_params (a), sti_finding_get_params (b));
}

/* The canonical form of an a{sv} in the model: text cleaned (multi-line
 * params line by line, see sti_finding_param_is_multiline()), integers as
 * int64, only int64/double/boolean/string/string-array values. It maps
 * one to one onto JSON, which makes the round trip lossless. */
static GVariant *
clean_params (GVariant *params,
              gboolean *changed)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  GVariantIter iter;
  const char *key;
  GVariant *value;

  *changed = FALSE;
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_autofree char *clean_key = sti_text_clean (key);

      if (!g_str_equal (clean_key, key))
        *changed = TRUE;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          const char *text = g_variant_get_string (value, NULL);
          g_autofree char *clean = sti_finding_param_is_multiline (clean_key)
                                     ? sti_text_clean_lines (text)
                                     : sti_text_clean (text);

          if (!g_str_equal (clean, g_variant_get_string (value, NULL)))
            *changed = TRUE;
          g_variant_builder_add (&builder, "{sv}", clean_key, g_variant_new_string (clean));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        {
          g_autofree const char **strv = g_variant_get_strv (value, NULL);
          g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

          for (guint i = 0; strv[i] != NULL; i++)
            {
              g_ptr_array_add (clean, sti_text_clean (strv[i]));
              if (!g_str_equal (g_ptr_array_index (clean, i), strv[i]))
                *changed = TRUE;
            }
          g_variant_builder_add (&builder, "{sv}", clean_key,
                                 g_variant_new_strv ((const char * const *)clean->pdata,
                                                     clean->len));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        {
          g_variant_builder_add (&builder, "{sv}", clean_key, value);
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_INT16) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16) ||
               g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE) ||
               (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) &&
                g_variant_get_uint64 (value) <= G_MAXINT64))
        {
          gint64 v;

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            v = g_variant_get_int32 (value);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
            v = g_variant_get_uint32 (value);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT16))
            v = g_variant_get_int16 (value);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT16))
            v = g_variant_get_uint16 (value);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTE))
            v = g_variant_get_byte (value);
          else
            v = (gint64)g_variant_get_uint64 (value);

          *changed = TRUE;
          g_variant_builder_add (&builder, "{sv}", clean_key, g_variant_new_int64 (v));
        }
      else
        {
          /* Anything else is kept as its GVariant text, a string. */
          g_autofree char *text = g_variant_print (value, TRUE);
          g_autofree char *clean = sti_text_clean (text);

          *changed = TRUE;
          g_variant_builder_add (&builder, "{sv}", clean_key, g_variant_new_string (clean));
        }

      g_variant_unref (value);
    }

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * sti_report_clean_finding:
 * @finding: a finding about to enter the model
 *
 * Findings carry server text (names, banners) in their detail and params;
 * the model only holds clean text. A clean finding is returned as is.
 *
 * Returns: (transfer full): @finding, or a cleaned copy
 */
StiFinding *
sti_report_clean_finding (StiFinding *finding)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *detail = NULL;
  gboolean changed = FALSE;

  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  params = clean_params (sti_finding_get_params (finding), &changed);
  if (!changed && sti_text_is_clean (sti_finding_get_detail (finding)) &&
      sti_text_is_clean (sti_finding_get_id (finding)))
    return g_object_ref (finding);

  {
    g_autofree char *id = sti_text_clean (sti_finding_get_id (finding));

    detail = sti_text_clean (sti_finding_get_detail (finding));
    return sti_finding_new_with_severity (id, sti_finding_get_severity (finding), params, detail);
  }
}

/**
 * sti_report_canonical_vardict:
 * @dict: an `a{sv}`
 *
 * Returns: (transfer full): the canonical form of @dict (see clean_params())
 */
GVariant *
sti_report_canonical_vardict (GVariant *dict)
{
  gboolean changed;

  g_return_val_if_fail (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT), NULL);

  return clean_params (dict, &changed);
}
