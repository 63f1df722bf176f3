/* fuzz-common.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by every harness in tests/fuzz/ (README, Fuzzing). A failed
 * promise aborts with a message naming the text, so libFuzzer records the
 * input as a crash.
 */

#include "config.h"

#include "fuzz-common.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "sti-finding.h"
#include "sti-text.h"

/* GLib stops a fatal message with SIGTRAP, which libFuzzer does not
 * catch; abort() makes it save the input as a crash. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (!(level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL |
                 G_LOG_LEVEL_WARNING)))
    return g_log_writer_default (level, fields, n_fields, user_data);

  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

/* Once per process: a CRITICAL or WARNING from the code under test is a
 * defect (a g_return_if_fail() hit by input), so it aborts as a crash. */
void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_log_set_writer_func (fatal_writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

void
fuzz_assert_clean (const char *text,
                   const char *what)
{
  if (text == NULL || sti_text_is_clean (text))
    return;

  g_printerr ("fuzz: %s is not clean text: \"%s\"\n", what, g_strescape (text, NULL));
  abort ();
}

/* Text that may span lines (a PEM block, a suggested record, a
 * rendered report): every line is clean. */
void
fuzz_assert_clean_lines (const char *text,
                         const char *what)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    fuzz_assert_clean (lines[i], what);
}

/* A finding's id, detail and every string parameter reach the reports. */
void
fuzz_assert_findings_clean (GPtrArray *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      StiFinding *finding = g_ptr_array_index (findings, i);
      GVariant *params = sti_finding_get_params (finding);
      GVariantIter iter;
      const char *key;
      GVariant *value;

      fuzz_assert_clean (sti_finding_get_id (finding), "finding id");
      fuzz_assert_clean (sti_finding_get_detail (finding), "finding detail");
      if (params == NULL)
        continue;

      g_variant_iter_init (&iter, params);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            {
              const char *str = g_variant_get_string (value, NULL);

              if (sti_finding_param_is_multiline (key))
                fuzz_assert_clean_lines (str, key);
              else
                fuzz_assert_clean (str, key);
            }
          g_variant_unref (value);
        }
    }
}

/* memmem(), without asking for _GNU_SOURCE. */
static const char *
find_bytes (const char *p,
            const char *end,
            const char *needle,
            gsize       needle_len)
{
  for (; (gsize)(end - p) >= needle_len; p++)
    {
      if (memcmp (p, needle, needle_len) == 0)
        return p;
    }
  return NULL;
}

/* Appends @text as TXT rdata: '|' separates character-strings, and one
 * longer than 255 bytes is cut into several, as a zone file would. */
static void
add_text_record (GPtrArray  *records,
                 const char *text,
                 gsize       len)
{
  g_autoptr(GByteArray) rdata = g_byte_array_new ();
  const char *p = text;
  const char *end = text + len;

  do
    {
      const char *bar = memchr (p, '|', end - p);
      const char *stop = bar != NULL ? bar : end;

      do
        {
          guint8 n = MIN (stop - p, 255);

          g_byte_array_append (rdata, &n, 1);
          g_byte_array_append (rdata, (const guint8 *)p, n);
          p += n;
        }
      while (p < stop);
      p = bar != NULL ? bar + 1 : end;
    }
  while (p < end);

  g_ptr_array_add (records, g_byte_array_free_to_bytes (g_steal_pointer (&rdata)));
}

/**
 * fuzz_split_txt_rdata:
 *
 * The TXT records of one name, from fuzz input. Starting with a NUL byte,
 * the rest is raw rdata (length bytes and all), one record per part
 * between "\n%%\n"; otherwise each line is one record's text, '|'
 * separating its character-strings (readable seeds).
 *
 * Returns: (transfer full) (element-type GBytes): the rdata of each record
 */
GPtrArray *
fuzz_split_txt_rdata (const guint8 *data,
                      gsize         size)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  const char *sep = size > 0 && data[0] == '\0' ? "\n%%\n" : "\n";
  gsize sep_len = strlen (sep);
  gboolean raw = size > 0 && data[0] == '\0';
  const char *p = (const char *)data + (raw ? 1 : 0);
  const char *end = (const char *)data + size;

  while (p < end)
    {
      const char *stop = find_bytes (p, end, sep, sep_len);

      if (stop == NULL)
        stop = end;
      if (raw)
        g_ptr_array_add (records, g_bytes_new (p, stop - p));
      else if (stop > p)
        add_text_record (records, p, stop - p);
      p = stop == end ? end : stop + sep_len;
    }

  return records;
}
