/* sti-catalog.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-catalog.h"

#include "sti-finding-detail.h"
#include "sti-finding-registry.h"
#include "sti-placeholders.h"

#include <glib/gi18n.h>

/* The explanation of a finding (DESIGN.md, decision 4): the words of its
 * entry in the finding registry (sti-finding-registry.h) with the
 * placeholders filled. Each entry has a title, a one-line verdict, "what
 * this means", "why it matters", fixes (general steps, then per mail
 * server) and references.
 *
 * Texts contain placeholders in braces, filled from the finding's params
 * and the caller's context (sti-placeholders.c). Lines that start with four
 * spaces are commands or configuration.
 *
 * A fix for one mail server may be made of several whole paragraphs,
 * shared between entries; sentences are never assembled from pieces. */

/* The registry's fix targets are in the order of StiMta. */
G_STATIC_ASSERT (STI_N_MTAS == STI_FINDING_N_FIX_TARGETS);

struct _StiExplanation
{
  char        *id;
  gboolean     known;
  StiSeverity  severity;
  char        *title;
  char        *verdict;
  char        *detail;
  char        *what;
  char        *why;
  char        *fix[STI_N_MTAS];
  char        *references;
};

static const char *example_mx_hosts[] = { "mx1.example.org", "mx2.example.org", NULL };

/**
 * sti_catalog_list_ids:
 *
 * Returns: (transfer none): every finding id the registry explains, in the
 *   order of DESIGN.md, NULL-terminated
 */
const char * const *
sti_catalog_list_ids (void)
{
  return sti_finding_registry_list_ids (sti_finding_registry_get_default ());
}

gboolean
sti_catalog_has_entry (const char *id)
{
  return sti_finding_lookup (id) != NULL;
}

static const StiFindingEntry *
words_for (const char *id)
{
  const StiFindingEntry *entry = sti_finding_lookup (id);

  return entry != NULL ? entry
                       : sti_finding_registry_get_fallback (sti_finding_registry_get_default ());
}

/**
 * sti_catalog_get_default_severity:
 * @id: a finding id
 *
 * Returns: the severity the registry gives @id without parameters (a
 *   finding's own severity wins when shown); %STI_SEVERITY_WARNING for
 *   unknown ids
 */
StiSeverity
sti_catalog_get_default_severity (const char *id)
{
  return sti_finding_entry_get_severity (words_for (id), NULL);
}

static StiExplanation *
explain (const char              *id,
         StiSeverity              severity,
         gboolean                 have_severity,
         GVariant                *params,
         const char              *detail,
         const StiExplainContext *context)
{
  const StiFindingEntry *entry = sti_finding_lookup (id);
  const StiFindingEntry *words = words_for (id);
  g_autoptr(GHashTable) values = sti_placeholders_new (entry, id, params, detail, context);
  StiExplanation *self = g_new0 (StiExplanation, 1);

  self->id = g_strdup (id);
  self->known = entry != NULL;
  self->severity = have_severity ? severity : sti_finding_entry_get_severity (words, NULL);
  self->title = sti_placeholders_fill (sti_finding_entry_get_title (words), values);
  self->verdict = sti_placeholders_fill (sti_finding_entry_get_verdict (words), values);
  self->detail = g_strdup (detail);
  self->what = sti_placeholders_fill (sti_finding_entry_get_what (words), values);
  self->why = sti_placeholders_fill (sti_finding_entry_get_why (words), values);
  self->references = sti_placeholders_fill (sti_finding_entry_get_references (words), values);

  for (guint mta = 0; mta < STI_N_MTAS; mta++)
    {
      GString *fix = g_string_new (NULL);
      const char *text;

      for (guint i = 0; (text = sti_finding_entry_get_fix (words, mta, i)) != NULL; i++)
        {
          g_autofree char *paragraph = sti_placeholders_fill (text, values);

          if (fix->len > 0)
            g_string_append (fix, "\n\n");
          g_string_append (fix, paragraph);
        }

      self->fix[mta] = g_string_free (fix, FALSE);
    }

  return self;
}

/**
 * sti_catalog_explain:
 * @finding: a finding
 * @context: (nullable): what the finding is about, from the report
 *
 * Fills the catalog's words for @finding with its params and @context.
 * Unknown values become generic words; no placeholder survives. Unknown
 * ids get the generic explanation (sti_explanation_is_known() is %FALSE).
 * The finding's own severity is kept.
 *
 * Returns: (transfer full): the explanation
 */
StiExplanation *
sti_catalog_explain (StiFinding              *finding,
                     const StiExplainContext *context)
{
  g_autofree char *detail = NULL;

  g_return_val_if_fail (STI_IS_FINDING (finding), NULL);

  detail = sti_finding_dup_detail_text (finding);
  return explain (sti_finding_get_id (finding), sti_finding_get_severity (finding), TRUE,
                  sti_finding_get_params (finding), detail, context);
}

/**
 * sti_catalog_explain_id:
 * @id: a finding id
 * @context: (nullable): values to use; missing ones get example values
 *
 * The explanation of @id with example values (example.org, documentation
 * addresses), for `explain ID` and for browsing the catalog.
 *
 * Returns: (transfer full): the explanation
 */
StiExplanation *
sti_catalog_explain_id (const char              *id,
                        const StiExplainContext *context)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  StiExplainContext example = {
    .domain = "example.org",
    .host = "mx1.example.org",
    .address = "192.0.2.25",
    .mx_hosts = example_mx_hosts,
  };
  const StiFindingEntry *entry = sti_finding_lookup (id);
  const char * const *examples =
    sti_finding_registry_get_examples (sti_finding_registry_get_default ());
  g_autoptr(GVariant) params = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (context != NULL)
    {
      if (context->domain != NULL)
        example.domain = context->domain;
      if (context->host != NULL)
        example.host = context->host;
      if (context->address != NULL)
        example.address = context->address;
      if (context->mx_hosts != NULL && context->mx_hosts[0] != NULL)
        example.mx_hosts = context->mx_hosts;
    }

  /* The general examples, then the finding's own, which win. */
  for (guint i = 0; examples[i] != NULL; i += 2)
    g_variant_dict_insert (&dict, examples[i], "s", examples[i + 1]);
  examples = entry != NULL ? sti_finding_entry_get_examples (entry) : NULL;
  for (guint i = 0; examples != NULL && examples[i] != NULL; i += 2)
    g_variant_dict_insert (&dict, examples[i], "s", examples[i + 1]);
  if (!g_variant_dict_contains (&dict, "host"))
    g_variant_dict_insert (&dict, "host", "s",
                           entry != NULL && sti_finding_entry_get_host_is_domain (entry)
                             ? example.domain : example.host);
  g_variant_dict_insert (&dict, "address", "s", example.address);
  params = g_variant_ref_sink (g_variant_dict_end (&dict));

  return explain (id, STI_SEVERITY_INFO, FALSE, params, NULL, &example);
}

const char *
sti_explanation_get_id (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/* FALSE: the id is not in the catalog and the generic words were used. */
gboolean
sti_explanation_is_known (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->known;
}

StiSeverity
sti_explanation_get_severity (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, STI_SEVERITY_INFO);
  return self->severity;
}

const char *
sti_explanation_get_title (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
sti_explanation_get_verdict (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->verdict;
}

/* The finding's one-line technical detail, or NULL (sti_catalog_explain_id()). */
const char *
sti_explanation_get_detail (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->detail;
}

const char *
sti_explanation_get_what (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->what;
}

const char *
sti_explanation_get_why (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->why;
}

/**
 * sti_explanation_get_fix:
 * @self: an explanation
 * @mta: %STI_MTA_GENERIC for the general steps, or a mail server
 *
 * Returns: (transfer none): the steps, never empty
 */
const char *
sti_explanation_get_fix (StiExplanation *self,
                         StiMta          mta)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta >= STI_MTA_GENERIC && mta < STI_N_MTAS, NULL);
  return self->fix[mta];
}

const char *
sti_explanation_get_references (StiExplanation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->references;
}

static void
append_indented (GString    *out,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0')
        g_string_append (out, "  ");
      g_string_append (out, lines[i]);
      g_string_append_c (out, '\n');
    }
}

static void
append_section (GString    *out,
                const char *heading,
                const char *text)
{
  g_string_append_c (out, '\n');
  g_string_append (out, heading);
  g_string_append_c (out, '\n');
  append_indented (out, text);
}

/**
 * sti_explanation_dup_fix_group:
 * @self: an explanation
 * @mta: a mail server, not %STI_MTA_GENERIC
 *
 * For reports that give every server's steps: the servers whose steps are
 * the same text as @mta's, so they are printed once, e.g. "Postfix, Exim,
 * Sendmail, Microsoft Exchange".
 *
 * Returns: (transfer full) (nullable): the label for @mta's steps, or
 *   %NULL when @mta has none or an earlier server has the same steps
 */
char *
sti_explanation_dup_fix_group (StiExplanation *self,
                               StiMta          mta)
{
  g_autoptr(GString) label = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta > STI_MTA_GENERIC && mta < STI_N_MTAS, NULL);

  if (self->fix[mta] == NULL || self->fix[mta][0] == '\0')
    return NULL;
  for (int i = STI_MTA_GENERIC + 1; i < (int)mta; i++)
    {
      if (g_strcmp0 (self->fix[i], self->fix[mta]) == 0)
        return NULL;
    }

  label = g_string_new (sti_mta_get_label (mta));
  for (int i = mta + 1; i < STI_N_MTAS; i++)
    {
      if (g_strcmp0 (self->fix[i], self->fix[mta]) == 0)
        /* Translators: the separator between mail server names, "Postfix, Exim" */
        g_string_append_printf (label, _(", %s"), sti_mta_get_label ((StiMta)i));
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * sti_explanation_to_text:
 * @self: an explanation
 * @mta: the mail server to give steps for, or %STI_MTA_ALL
 *
 * A plain text block for the CLI and text reports. The general steps are
 * always included; @mta adds one server's steps, %STI_MTA_ALL all of them.
 *
 * Returns: (transfer full): the text
 */
char *
sti_explanation_to_text (StiExplanation *self,
                         StiMta          mta)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (mta >= STI_MTA_ALL && mta < STI_N_MTAS, NULL);

  out = g_string_new (NULL);
  g_string_append (out, self->title);
  g_string_append_c (out, '\n');
  /* Translators: the first %s is a severity (Error, Warning, Information), the second a
   * finding id */
  g_string_append_printf (out, _("%s · %s"), sti_severity_get_label (self->severity), self->id);
  g_string_append_c (out, '\n');
  g_string_append (out, self->verdict);
  g_string_append_c (out, '\n');
  if (self->detail != NULL && self->detail[0] != '\0')
    {
      /* Translators: %s is one line of technical detail about what was observed */
      g_string_append_printf (out, _("Observed: %s"), self->detail);
      g_string_append_c (out, '\n');
    }

  append_section (out, _("What this means"), self->what);
  append_section (out, _("Why it matters"), self->why);
  append_section (out, _("How to fix"), self->fix[STI_MTA_GENERIC]);

  for (int i = STI_MTA_GENERIC + 1; i < STI_N_MTAS; i++)
    {
      g_autofree char *label = NULL;

      if (mta == STI_MTA_ALL)
        {
          /* Steps several servers share are printed once. */
          if ((label = sti_explanation_dup_fix_group (self, (StiMta)i)) != NULL)
            append_section (out, label, self->fix[i]);
        }
      else if (mta == (StiMta)i)
        append_section (out, sti_mta_get_label ((StiMta)i), self->fix[i]);
    }

  append_section (out, _("References"), self->references);

  return g_string_free (out, FALSE);
}

void
sti_explanation_free (StiExplanation *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->title);
  g_free (self->verdict);
  g_free (self->detail);
  g_free (self->what);
  g_free (self->why);
  for (guint i = 0; i < STI_N_MTAS; i++)
    g_free (self->fix[i]);
  g_free (self->references);
  g_free (self);
}

static const struct {
  StiMta      mta;
  const char *name;
  const char *label;
} mta_names[] = {
  /* Translators: heading of the fix steps that apply to every mail server */
  { STI_MTA_GENERIC,  "generic",  N_("General steps") },
  { STI_MTA_POSTFIX,  "postfix",  N_("Postfix") },
  { STI_MTA_EXIM,     "exim",     N_("Exim") },
  { STI_MTA_SENDMAIL, "sendmail", N_("Sendmail") },
  { STI_MTA_EXCHANGE, "exchange", N_("Microsoft Exchange") },
  /* Translators: fix steps when a provider runs the mail server */
  { STI_MTA_HOSTED,   "hosted",   N_("Hosted mail (your provider runs the server)") },
};

/* The stable token (CLI option values, settings): "postfix", "hosted"… */
const char *
sti_mta_to_string (StiMta mta)
{
  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (mta_names[i].mta == mta)
        return mta_names[i].name;
    }

  return mta == STI_MTA_ALL ? "all" : NULL;
}

gboolean
sti_mta_from_string (const char *str,
                     StiMta     *mta)
{
  g_return_val_if_fail (mta != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (str, "all") == 0)
    {
      *mta = STI_MTA_ALL;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (g_ascii_strcasecmp (mta_names[i].name, str) == 0)
        {
          *mta = mta_names[i].mta;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sti_mta_get_label (StiMta mta)
{
  for (guint i = 0; i < G_N_ELEMENTS (mta_names); i++)
    {
      if (mta_names[i].mta == mta)
        return _(mta_names[i].label);
    }

  /* Translators: all mail servers */
  return mta == STI_MTA_ALL ? _("All mail servers") : NULL;
}

const char *
sti_severity_get_label (StiSeverity severity)
{
  switch (severity)
    {
    case STI_SEVERITY_INFO:
      /* Translators: a severity */
      return _("Information");
    case STI_SEVERITY_WARNING:
      /* Translators: a severity */
      return _("Warning");
    case STI_SEVERITY_ERROR:
      /* Translators: a severity */
      return _("Error");
    default:
      return _("Unknown");
    }
}
