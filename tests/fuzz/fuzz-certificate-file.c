/* fuzz-certificate-file.c
 *
 * Copyright 2026 The STARTTLS Inspector authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fuzz target "certificate-file": a certificate file opened in the
 * viewer (PEM, DER, PKCS #7, a PKCS #10 request:
 * app/core/x509/sti-certificate-file.c) and the sections shown for each
 * certificate (sti-certificate-sections*.c).
 *
 * Input: the file's contents. Promises asserted: the file limits hold
 * (at most STI_CERTIFICATE_FILE_MAX_CERTIFICATES, one request), every
 * title, label and value of every section is clean text line by line,
 * a field is found again by its id, the chain order is a permutation of
 * what was sent, and an error message is clean.
 *
 * Replayed by the meson suite "fuzz"; run it longer with
 * build-aux/fuzz.sh certificate-file SECONDS (README, Fuzzing).
 */

#include "config.h"

#include "fuzz-common.h"

#include <gio/gio.h>

#include "sti-certificate-file.h"
#include "sti-certificate-sections.h"

/* Enough to walk a chain; the rest of a bundle parses the same way. */
#define MAX_SECTIONED 8

static void
check_sections (StiCertificateSections *sections)
{
  guint n = sti_certificate_sections_get_n_sections (sections);
  g_autofree char *pem = sti_certificate_sections_dup_pem (sections);
  double progress = sti_certificate_sections_get_validity_progress (sections);

  fuzz_assert_clean (sti_certificate_sections_get_title (sections), "title");
  fuzz_assert_clean_lines (pem, "PEM");
  g_assert_true (progress >= 0.0 && progress <= 1.0);
  sti_certificate_sections_get_is_ca (sections);
  sti_certificate_sections_get_is_self_signed (sections);

  for (guint i = 0; i < n; i++)
    {
      const StiCertificateSection *section = sti_certificate_sections_get_section (sections, i);

      fuzz_assert_clean (section->id, "section id");
      fuzz_assert_clean (section->title, "section title");
      g_assert_true (sti_certificate_sections_lookup_section (sections, section->id) != NULL);

      for (guint j = 0; j < section->fields->len; j++)
        {
          const StiCertificateField *field = g_ptr_array_index (section->fields, j);

          fuzz_assert_clean (field->id, "field id");
          fuzz_assert_clean (field->label, "field label");
          fuzz_assert_clean_lines (field->value, field->id);
          g_assert_true (sti_certificate_sections_lookup_field (sections, field->id) != NULL);
        }
    }
}

/* Marks each position of @positions as seen, each at most once. */
static void
mark_positions (GArray   *positions,
                gboolean *seen,
                guint     n)
{
  for (guint i = 0; i < positions->len; i++)
    {
      guint pos = g_array_index (positions, guint, i);

      g_assert_cmpuint (pos, <, n);
      g_assert_false (seen[pos]);
      seen[pos] = TRUE;
    }
}

/* The path and the unused ones together: each certificate once. */
static void
check_chain (GPtrArray *chain)
{
  g_autoptr(GArray) unused = NULL;
  g_autoptr(GArray) order = sti_certificate_sections_order_chain (chain, &unused);
  g_autofree gboolean *seen = g_new0 (gboolean, chain->len);

  g_assert_cmpuint (order->len + unused->len, ==, chain->len);
  mark_positions (order, seen, chain->len);
  mark_positions (unused, seen, chain->len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ders = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autoptr(GDateTime) now = NULL;
  StiCertificateKind kind;
  StiCertificateFileFormat format;

  fuzz_init ();

  bytes = g_bytes_new (data, size);
  ders = sti_certificate_file_parse (bytes, &kind, &format, &error);
  if (ders == NULL)
    {
      g_assert_nonnull (error);
      fuzz_assert_clean (error->message, "file error");
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (ders->len, >=, 1);
  g_assert_cmpuint (ders->len, <=, STI_CERTIFICATE_FILE_MAX_CERTIFICATES);
  if (kind == STI_CERTIFICATE_KIND_REQUEST)
    g_assert_cmpuint (ders->len, ==, 1);

  /* A fixed "now", so a replay checks the same validity text. */
  now = g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
  chain = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ders->len && i < MAX_SECTIONED; i++)
    {
      g_autoptr(GError) sections_error = NULL;
      StiCertificateSections *sections;

      if (kind == STI_CERTIFICATE_KIND_REQUEST)
        sections = sti_certificate_sections_new_for_request (ders->pdata[i], &sections_error);
      else
        sections = sti_certificate_sections_new (ders->pdata[i], now, &sections_error);

      if (sections == NULL)
        {
          g_assert_nonnull (sections_error);
          fuzz_assert_clean (sections_error->message, "sections error");
          continue;
        }
      g_assert_true (sti_certificate_sections_get_kind (sections) == kind);
      check_sections (sections);
      g_ptr_array_add (chain, sections);
    }

  if (kind == STI_CERTIFICATE_KIND_CERTIFICATE && chain->len > 0)
    check_chain (chain);

  return 0;
}
