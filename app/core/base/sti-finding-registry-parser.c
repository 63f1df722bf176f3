/* sti-finding-registry-parser.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sti-finding-registry-private.h"

#include <string.h>

/* The registry's files are read with a strict GMarkup parser: an unknown
 * element or attribute, a duplicate id, a missing required text or a
 * dangling paragraph reference is a load error, so a broken registry fails
 * its test instead of showing holes. Sizes are bounded. */

#define MAX_DOCUMENT_SIZE (512 * 1024)
#define MAX_FIX_PARAGRAPHS 8
#define MAX_EXAMPLES 64

static const char * const fix_targets[STI_FINDING_N_FIX_TARGETS] = {
  "generic", "postfix", "exim", "sendmail", "exchange", "hosted",
};

static void
text_clear (RegistryText *t)
{
  if (t->msgid != t->text)
    g_free (t->msgid);
  g_clear_pointer (&t->text, g_free);
  t->msgid = NULL;
}

static void
text_set (RegistryText *t,
          const char   *text)
{
  t->text = g_strdup (text);
  t->msgid = t->text;
  if (strpbrk (text, "&<>") != NULL)
    {
      GString *escaped = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '&')
            g_string_append (escaped, "&amp;");
          else if (*p == '<')
            g_string_append (escaped, "&lt;");
          else if (*p == '>')
            g_string_append (escaped, "&gt;");
          else
            g_string_append_c (escaped, *p);
        }
      t->msgid = g_string_free (escaped, FALSE);
    }
}

static void
paragraph_free (RegistryParagraph *p)
{
  g_free (p->ref);
  text_clear (&p->text);
  g_free (p);
}

static void
placeholder_free (RegistryPlaceholder *p)
{
  text_clear (&p->prose);
  text_clear (&p->code);
  g_free (p);
}

static void
shared_text_free (RegistryText *t)
{
  text_clear (t);
  g_free (t);
}

static void
rule_clear (RegistrySeverityRule *rule)
{
  g_free (rule->param);
  g_free (rule->equals);
  g_free (rule->below_param);
}

static StiFindingEntry *
entry_new (const char *id)
{
  StiFindingEntry *entry = g_new0 (StiFindingEntry, 1);

  entry->id = g_strdup (id);
  entry->rules = g_array_new (FALSE, TRUE, sizeof (RegistrySeverityRule));
  g_array_set_clear_func (entry->rules, (GDestroyNotify)rule_clear);
  entry->examples = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (entry->examples, NULL);
  entry->rank = G_MAXUINT;

  return entry;
}

static void
entry_free (StiFindingEntry *entry)
{
  g_free (entry->id);
  g_array_unref (entry->rules);
  g_free (entry->certificate_field);
  text_clear (&entry->title);
  text_clear (&entry->verdict);
  text_clear (&entry->what);
  text_clear (&entry->why);
  text_clear (&entry->references);
  text_clear (&entry->clause);
  text_clear (&entry->action);
  g_free (entry->severity_reason);
  for (guint i = 0; i < STI_FINDING_N_FIX_TARGETS; i++)
    g_clear_pointer (&entry->fix[i], g_ptr_array_unref);
  g_ptr_array_unref (entry->examples);
  g_free (entry);
}

void
sti_finding_registry_free (StiFindingRegistry *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->by_id);
  g_hash_table_unref (self->paragraphs);
  g_hash_table_unref (self->placeholders);
  g_ptr_array_unref (self->examples);
  g_clear_pointer (&self->fallback, entry_free);
  g_ptr_array_unref (self->ids);
  g_free (self);
}

static StiFindingRegistry *
registry_new (void)
{
  StiFindingRegistry *self = g_new0 (StiFindingRegistry, 1);

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->paragraphs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)shared_text_free);
  self->placeholders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify)placeholder_free);
  self->examples = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->examples, NULL);
  self->ids = g_ptr_array_new ();

  return self;
}

/* ---------------------------------------------------------------------- */
/* Parsing                                                                 */

typedef struct
{
  StiFindingRegistry   *registry;
  StiFindingEntry      *entry;        /* the open <finding> or <fallback> */
  RegistryPlaceholder  *placeholder;  /* the open <placeholder> */
  GPtrArray            *fix;          /* the open <fix> */
  GString              *text;
  gboolean              collecting;   /* inside an element that holds text */
  RegistryText         *text_dest;
  char                **plain_dest;   /* untranslated text */
  RegistryParagraph    *paragraph;    /* the open <p> */
  char                 *key;          /* the open <example> or <paragraph> */
  GPtrArray            *example_dest;
} ParseState;

static gboolean
set_error (GMarkupParseContext  *context,
           GError              **error,
           const char           *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_error (GMarkupParseContext  *context,
           GError              **error,
           const char           *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_markup_parse_context_get_position (context, &line, &column);
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "line %d: %s", line, message);
  return FALSE;
}

static gboolean
parse_severity (const char  *str,
                StiSeverity *severity)
{
  return str != NULL && sti_severity_from_string (str, severity);
}

static gboolean
parse_bool (const char *str,
            gboolean   *value)
{
  if (str == NULL)
    {
      *value = FALSE;
      return TRUE;
    }
  if (g_str_equal (str, "true") || g_str_equal (str, "false"))
    {
      *value = g_str_equal (str, "true");
      return TRUE;
    }
  return FALSE;
}

static gboolean
start_text (ParseState *st,
            RegistryText       *dest,
            char      **plain_dest)
{
  if ((dest != NULL && dest->text != NULL) || (plain_dest != NULL && *plain_dest != NULL))
    return FALSE;

  st->collecting = TRUE;
  st->text_dest = dest;
  st->plain_dest = plain_dest;
  g_string_truncate (st->text, 0);
  return TRUE;
}

static gboolean
start_finding (GMarkupParseContext  *context,
               ParseState           *st,
               gboolean              fallback,
               const char          **names,
               const char          **values,
               GError              **error)
{
  const char *id = NULL, *severity = NULL, *host_is_domain = NULL, *field = NULL;
  const char *refuses = NULL;

  if (fallback)
    {
      if (!g_markup_collect_attributes ("fallback", names, values, error,
                                        G_MARKUP_COLLECT_STRING, "severity", &severity,
                                        G_MARKUP_COLLECT_INVALID))
        return FALSE;
      if (st->registry->fallback != NULL)
        return set_error (context, error, "a second <fallback>");
    }
  else if (!g_markup_collect_attributes ("finding", names, values, error,
                                         G_MARKUP_COLLECT_STRING, "id", &id,
                                         G_MARKUP_COLLECT_STRING, "severity", &severity,
                                         G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                         "host-is-domain", &host_is_domain,
                                         G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                         "certificate-field", &field,
                                         G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                         "refuses-validating", &refuses,
                                         G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (id != NULL && (id[0] == '\0' || g_hash_table_contains (st->registry->by_id, id)))
    return set_error (context, error, "duplicate or empty finding id “%s”", id);

  st->entry = entry_new (id);
  if (!parse_severity (severity, &st->entry->severity))
    return set_error (context, error, "invalid severity “%s”", severity);
  if (!parse_bool (host_is_domain, &st->entry->host_is_domain) ||
      !parse_bool (refuses, &st->entry->refuses_validating))
    return set_error (context, error, "a boolean attribute is neither true nor false");
  st->entry->certificate_field = g_strdup (field);

  return TRUE;
}

static gboolean
start_severity_rule (GMarkupParseContext  *context,
                     ParseState           *st,
                     const char          **names,
                     const char          **values,
                     GError              **error)
{
  const char *severity = NULL, *param = NULL, *equals = NULL, *below = NULL;
  const char *below_param = NULL;
  RegistrySeverityRule rule = { 0, };
  char *end = NULL;

  if (!g_markup_collect_attributes ("severity-rule", names, values, error,
                                    G_MARKUP_COLLECT_STRING, "severity", &severity,
                                    G_MARKUP_COLLECT_STRING, "param", &param,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "equals", &equals,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "below", &below,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "below-param", &below_param,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if ((equals != NULL) + (below != NULL) + (below_param != NULL) != 1)
    return set_error (context, error,
                      "a <severity-rule> needs exactly one of equals, below, below-param");
  if (!parse_severity (severity, &rule.severity))
    return set_error (context, error, "invalid severity “%s”", severity);
  if (below != NULL)
    {
      rule.below = g_ascii_strtoll (below, &end, 10);
      if (end == below || *end != '\0')
        return set_error (context, error, "below=“%s” is not a number", below);
      rule.has_below = TRUE;
    }

  rule.param = g_strdup (param);
  rule.equals = g_strdup (equals);
  rule.below_param = g_strdup (below_param);
  g_array_append_val (st->entry->rules, rule);

  return TRUE;
}

static gboolean
start_fix (GMarkupParseContext  *context,
           ParseState           *st,
           const char          **names,
           const char          **values,
           GError              **error)
{
  const char *mta = NULL;
  guint target = 0;

  if (!g_markup_collect_attributes ("fix", names, values, error,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                    "mta", &mta,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;

  if (mta != NULL)
    {
      for (target = 1; target < STI_FINDING_N_FIX_TARGETS; target++)
        {
          if (g_str_equal (fix_targets[target], mta))
            break;
        }
      if (target == STI_FINDING_N_FIX_TARGETS)
        return set_error (context, error, "unknown mta “%s”", mta);
    }
  if (st->entry->fix[target] != NULL)
    return set_error (context, error, "a second <fix> for %s", fix_targets[target]);

  st->entry->fix[target] = g_ptr_array_new_with_free_func ((GDestroyNotify)paragraph_free);
  st->fix = st->entry->fix[target];
  return TRUE;
}

static gboolean
start_keyed (GMarkupParseContext  *context,
             ParseState           *st,
             const char           *element,
             const char           *attribute,
             const char          **names,
             const char          **values,
             GError              **error)
{
  const char *key = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, attribute, &key,
                                    G_MARKUP_COLLECT_INVALID))
    return FALSE;
  if (key[0] == '\0')
    return set_error (context, error, "empty %s of <%s>", attribute, element);

  g_free (st->key);
  st->key = g_strdup (key);
  return TRUE;
}

/* The texts of a <finding> or <fallback>. */
static gboolean
start_entry_child (GMarkupParseContext  *context,
                   ParseState           *st,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   GError              **error)
{
  static const struct { const char *name; gsize offset; } texts[] = {
    { "title", G_STRUCT_OFFSET (StiFindingEntry, title) },
    { "verdict", G_STRUCT_OFFSET (StiFindingEntry, verdict) },
    { "what", G_STRUCT_OFFSET (StiFindingEntry, what) },
    { "why", G_STRUCT_OFFSET (StiFindingEntry, why) },
    { "references", G_STRUCT_OFFSET (StiFindingEntry, references) },
    { "action", G_STRUCT_OFFSET (StiFindingEntry, action) },
  };
  StiFindingEntry *entry = st->entry;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (!g_str_equal (element, texts[i].name))
        continue;
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_INVALID, NULL))
        return FALSE;
      if (!start_text (st, G_STRUCT_MEMBER_P (entry, texts[i].offset), NULL))
        return set_error (context, error, "a second <%s>", element);
      return TRUE;
    }

  if (g_str_equal (element, "clause"))
    {
      const char *rank = NULL;
      char *end = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "rank", &rank,
                                        G_MARKUP_COLLECT_INVALID))
        return FALSE;
      entry->rank = (guint)g_ascii_strtoull (rank, &end, 10);
      if (end == rank || *end != '\0' || entry->rank == 0 || entry->rank > 10000)
        return set_error (context, error, "rank=“%s” is not a number from 1 to 10000", rank);
      if (!start_text (st, &entry->clause, NULL))
        return set_error (context, error, "a second <clause>");
      return TRUE;
    }
  if (g_str_equal (element, "severity-reason"))
    {
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_INVALID, NULL))
        return FALSE;
      if (!start_text (st, NULL, &entry->severity_reason))
        return set_error (context, error, "a second <severity-reason>");
      return TRUE;
    }
  if (g_str_equal (element, "severity-rule"))
    return start_severity_rule (context, st, names, values, error);
  if (g_str_equal (element, "fix"))
    return start_fix (context, st, names, values, error);
  if (g_str_equal (element, "example"))
    {
      if (entry->examples->len / 2 >= MAX_EXAMPLES)
        return set_error (context, error, "too many examples");
      st->example_dest = entry->examples;
      return start_keyed (context, st, element, "key", names, values, error) &&
             start_text (st, NULL, NULL);
    }

  return set_error (context, error, "unknown element <%s> in a finding", element);
}

static gboolean
start_top_child (GMarkupParseContext  *context,
                 ParseState           *st,
                 const char           *element,
                 const char          **names,
                 const char          **values,
                 GError              **error)
{
  if (g_str_equal (element, "finding") || g_str_equal (element, "fallback"))
    return start_finding (context, st, g_str_equal (element, "fallback"), names, values, error);

  if (g_str_equal (element, "paragraph"))
    {
      if (!start_keyed (context, st, element, "id", names, values, error))
        return FALSE;
      if (g_hash_table_contains (st->registry->paragraphs, st->key))
        return set_error (context, error, "duplicate paragraph id “%s”", st->key);
      return start_text (st, NULL, NULL);
    }

  if (g_str_equal (element, "placeholder"))
    {
      if (!start_keyed (context, st, element, "key", names, values, error))
        return FALSE;
      if (g_hash_table_contains (st->registry->placeholders, st->key))
        return set_error (context, error, "duplicate placeholder “%s”", st->key);
      st->placeholder = g_new0 (RegistryPlaceholder, 1);
      g_hash_table_insert (st->registry->placeholders, g_strdup (st->key), st->placeholder);
      return TRUE;
    }

  if (g_str_equal (element, "example"))
    {
      if (st->registry->examples->len / 2 >= MAX_EXAMPLES)
        return set_error (context, error, "too many examples");
      st->example_dest = st->registry->examples;
      return start_keyed (context, st, element, "key", names, values, error) &&
             start_text (st, NULL, NULL);
    }

  return set_error (context, error, "unknown element <%s>", element);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *st = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;

  if (st->collecting)
    {
      set_error (context, error, "element <%s> inside a text", element);
      return;
    }

  if (parent == NULL)
    {
      if (!g_str_equal (element, "findings"))
        set_error (context, error, "the root element is <%s>, not <findings>", element);
      else
        g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_INVALID, NULL);
    }
  else if (g_str_equal (parent, "findings"))
    start_top_child (context, st, element, names, values, error);
  else if (g_str_equal (parent, "finding") || g_str_equal (parent, "fallback"))
    start_entry_child (context, st, element, names, values, error);
  else if (g_str_equal (parent, "placeholder") &&
           (g_str_equal (element, "prose") || g_str_equal (element, "code")))
    {
      RegistryText *dest = g_str_equal (element, "prose") ? &st->placeholder->prose
                                                  : &st->placeholder->code;

      if (g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_INVALID, NULL) &&
          !start_text (st, dest, NULL))
        set_error (context, error, "a second <%s>", element);
    }
  else if (g_str_equal (parent, "fix") && g_str_equal (element, "p"))
    {
      const char *ref = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "ref", &ref,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (st->fix->len >= MAX_FIX_PARAGRAPHS)
        {
          set_error (context, error, "more than %d paragraphs in a <fix>", MAX_FIX_PARAGRAPHS);
          return;
        }
      st->paragraph = g_new0 (RegistryParagraph, 1);
      st->paragraph->ref = g_strdup (ref);
      g_ptr_array_add (st->fix, st->paragraph);
      start_text (st, &st->paragraph->text, NULL);
    }
  else
    set_error (context, error, "unknown element <%s> in <%s>", element, parent);
}

static gboolean
end_text (GMarkupParseContext  *context,
          ParseState           *st,
          const char           *element,
          GError              **error)
{
  const char *text = st->text->str;

  st->collecting = FALSE;

  if (st->paragraph != NULL)
    {
      RegistryParagraph *p = g_steal_pointer (&st->paragraph);

      if ((p->ref != NULL) == (text[0] != '\0'))
        return set_error (context, error, "a <p> needs either a text or a ref");
      if (p->ref == NULL)
        text_set (&p->text, text);
      return TRUE;
    }

  if (text[0] == '\0')
    return set_error (context, error, "empty <%s>", element);

  if (st->text_dest != NULL)
    text_set (st->text_dest, text);
  else if (st->plain_dest != NULL)
    *st->plain_dest = g_strdup (text);
  else if (g_str_equal (element, "paragraph"))
    {
      RegistryText *shared = g_new0 (RegistryText, 1);

      text_set (shared, text);
      g_hash_table_insert (st->registry->paragraphs, g_steal_pointer (&st->key), shared);
    }
  else if (g_str_equal (element, "example"))
    {
      GPtrArray *dest = st->example_dest;

      /* Keep the array NULL-terminated: key, value, …, NULL. */
      g_ptr_array_index (dest, dest->len - 1) = g_steal_pointer (&st->key);
      g_ptr_array_add (dest, g_strdup (text));
      g_ptr_array_add (dest, NULL);
    }

  st->text_dest = NULL;
  st->plain_dest = NULL;
  return TRUE;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  ParseState *st = user_data;

  if (st->collecting)
    end_text (context, st, element, error);
  else if (g_str_equal (element, "finding"))
    {
      StiFindingEntry *entry = g_steal_pointer (&st->entry);

      g_ptr_array_add (st->registry->entries, entry);
      g_hash_table_insert (st->registry->by_id, entry->id, entry);
      g_ptr_array_add (st->registry->ids, entry->id);
    }
  else if (g_str_equal (element, "fallback"))
    st->registry->fallback = g_steal_pointer (&st->entry);
  else if (g_str_equal (element, "placeholder"))
    {
      if (st->placeholder->prose.text == NULL || st->placeholder->code.text == NULL)
        set_error (context, error, "a <placeholder> needs <prose> and <code>");
      st->placeholder = NULL;
    }
  else if (g_str_equal (element, "fix"))
    {
      if (st->fix->len == 0)
        set_error (context, error, "an empty <fix>");
      st->fix = NULL;
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *st = user_data;

  if (st->collecting)
    {
      g_string_append_len (st->text, text, text_len);
      return;
    }

  for (gsize i = 0; i < text_len; i++)
    {
      if (!g_ascii_isspace (text[i]))
        {
          set_error (context, error, "text outside a text element");
          return;
        }
    }
}

static const GMarkupParser parser = {
  .start_element = start_element,
  .end_element = end_element,
  .text = text,
};

static gboolean
check_entry (StiFindingRegistry     *self,
             const StiFindingEntry  *entry,
             GError                **error)
{
  const char *id = entry->id != NULL ? entry->id : "(fallback)";

  if (entry->title.text == NULL || entry->verdict.text == NULL || entry->what.text == NULL ||
      entry->why.text == NULL || entry->references.text == NULL || entry->fix[0] == NULL)
    return (g_set_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                         "%s lacks one of title, verdict, what, why, fix, references", id),
            FALSE);
  if ((entry->rank != G_MAXUINT) != (entry->clause.text != NULL))
    return (g_set_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                         "%s: a <clause> needs a rank", id),
            FALSE);
  if (entry->clause.text != NULL && entry->action.text == NULL)
    return (g_set_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                         "%s has a verdict clause but no first action", id),
            FALSE);

  for (guint i = 0; i < STI_FINDING_N_FIX_TARGETS; i++)
    {
      for (guint j = 0; entry->fix[i] != NULL && j < entry->fix[i]->len; j++)
        {
          RegistryParagraph *p = g_ptr_array_index (entry->fix[i], j);

          if (p->ref == NULL)
            continue;
          p->shared = g_hash_table_lookup (self->paragraphs, p->ref);
          if (p->shared == NULL)
            return (g_set_error (error, STI_FINDING_REGISTRY_ERROR,
                                 STI_FINDING_REGISTRY_ERROR_INVALID,
                                 "%s refers to the unknown paragraph “%s”", id, p->ref),
                    FALSE);
        }
    }

  return TRUE;
}

/**
 * sti_finding_registry_new_from_texts:
 * @names: the documents' names, for messages, NULL-terminated
 * @texts: the documents, one for each of @names
 *
 * Parses a registry. Used for the built-in one and by tests.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   naming the document and the problem
 */
StiFindingRegistry *
sti_finding_registry_new_from_texts (const char * const  *names,
                                     const char * const  *texts,
                                     GError             **error)
{
  g_autoptr(StiFindingRegistry) self = registry_new ();

  g_return_val_if_fail (names != NULL && texts != NULL, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMarkupParseContext) context = NULL;
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_autoptr(GError) local_error = NULL;
      ParseState st = { .registry = self, .text = buffer };
      gsize len = strlen (texts[i]);

      context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &st, NULL);
      if (len > MAX_DOCUMENT_SIZE)
        g_set_error (&local_error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                     "over %d bytes", MAX_DOCUMENT_SIZE);
      else if (g_markup_parse_context_parse (context, texts[i], len, &local_error))
        g_markup_parse_context_end_parse (context, &local_error);

      g_clear_pointer (&st.entry, entry_free);
      g_free (st.key);
      if (local_error != NULL)
        {
          g_set_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                       "%s: %s", names[i], local_error->message);
          return NULL;
        }
    }

  if (self->fallback == NULL)
    {
      g_set_error (error, STI_FINDING_REGISTRY_ERROR, STI_FINDING_REGISTRY_ERROR_INVALID,
                   "no <fallback> entry");
      return NULL;
    }
  if (!check_entry (self, self->fallback, error))
    return NULL;
  for (guint i = 0; i < self->entries->len; i++)
    {
      if (!check_entry (self, g_ptr_array_index (self->entries, i), error))
        return NULL;
    }

  g_ptr_array_add (self->ids, NULL);
  return g_steal_pointer (&self);
}
